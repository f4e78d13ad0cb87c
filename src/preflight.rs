//! Stage 4: preflight — what must be true before a page goes to press.
//!
//! Takes a [`Compiled`] edition and gives numbered [`Diagnostic`] findings, each located at the
//! story's TOML: copy that does not fit its block (overset, an error: the lines would be lost),
//! blocks left with empty lines under the copy (underset, a warning), and Typst's own warnings
//! (e.g. a font family the templates ask for but the fonts folder lacks).

use crate::compile::Compiled;
use crate::content::Edition;
use crate::diag::Diagnostic;

/// Check a compiled edition.
pub fn check(edition: &Edition, compiled: &Compiled) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for fit in &compiled.fits {
        let story = &edition.stories[fit.page][fit.story];
        let page = edition.file.value.pages[fit.page].number;
        let span = story.value.block.span();
        let chars_per_line = compiled.data.format.spec.column_chars;
        if fit.overset > 0 {
            out.push(
                story
                    .error(span, format!(
                        "overset on page {page}: {} lines (about {} characters) do not fit the block",
                        fit.overset,
                        fit.overset * chars_per_line
                    ))
                    .hint("cut the copy, or make the block taller or wider"),
            );
        } else if fit.underset > 1 {
            let mut d = story.error(span, format!(
                "underset on page {page}: the columns end {} lines above the block's foot",
                fit.underset
            ));
            d.severity = crate::diag::Severity::Warning;
            out.push(d.hint("add copy, enlarge the photo, or make the block shorter"));
        }
    }
    out.extend(compiled.warnings.iter().cloned());
    out
}
