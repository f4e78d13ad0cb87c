//! Located errors and warnings for everything folio reads.
//!
//! Takes a problem found in a content or configuration file (its path, the byte span of the
//! offending text and what was expected) and gives a [`Diagnostic`] that prints like typst's own
//! CLI: `error: …`, then `file:line:col`, the source line with a caret, and a hint saying how to
//! fix it. Typst's own diagnostics go through typst-kit's printer (see [`crate::layout::compile`]); both
//! use codespan-reporting, so a layout editor sees one style of message.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};

/// A number as a message shows it: plainly, or with an exponent when it is huge or tiny
/// (`1e300`, not three hundred digits).
pub fn num(v: f64) -> String {
    if v != 0.0 && v.is_finite() && !(1e-4..1e9).contains(&v.abs()) { format!("{v:e}") } else { format!("{v}") }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the output is still fit for print.
    Warning,
    /// The output would be wrong; the command fails.
    Error,
}

/// What kind of problem a finding is: its stable code in reports (`folio check --format
/// json`), set where the problem is found, never guessed from the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Copy that does not fit its block.
    Overset,
    /// A headline that needs more lines than its head area or block.
    HeadOverset,
    /// Columns that end two or more lines above the block's foot.
    Underset,
    /// What `fit = "auto"` changed.
    Copyfit,
    /// A photo below the resolution limits at its placed size.
    PhotoLowPpi,
    /// A photo whose box shows less than two thirds of its picture's width or height.
    PhotoCropped,
    /// A photo file that does not exist.
    PhotoMissing,
    /// A photo that cannot be read, decoded or printed as it is.
    PhotoUnreadable,
    /// A character no font covers.
    GlyphMissing,
    /// Text, a rule or a fill that is not pure K.
    InkNotK,
    /// A page above the press's total ink limit.
    InkOverLimit,
    /// Half-width brackets in Chinese text (GB/T 15834 wants full-width ones).
    HalfWidthBracket,
    /// Half-width `, : ; ? !` in Chinese text (GB/T 15834 wants full-width ones).
    HalfWidthMark,
    /// Full-width Latin letters or digits (２０２３, ＧＤＰ): set half-width.
    FullWidthAlnum,
    /// HTML left in copy (&nbsp;, <p>), which prints as written.
    HtmlInCopy,
    /// A body line spread by more than 5% of an em between its characters.
    LooseLine,
    /// A body line starting with a closing mark or ending with an opening one (禁则).
    Kinsoku,
    /// A paragraph's short last line alone at the top of a column.
    Widow,
    /// A paragraph's first line alone at a column's foot.
    Orphan,
    /// A column of copy ending a line or more above its foot while the others go on (齐栏).
    ShortColumn,
    /// White type area more than a grid line deep that nothing covers (开天窗).
    Hole,
    /// A headline or banner across the centre spread split at the fold inside a word.
    FoldSplit,
    /// Han characters printed over one another (a head over its copy or its own lines).
    Overprint,
    /// A front page's ear (报眼) holding more than it can set legibly: 导读 items over one
    /// another, or a title or item shrunk below a caption's size to fit.
    EarOverfull,
    /// Two stories' pictures side by side, only a gutter between (碰图).
    PicturesSideBySide,
    /// A story whose copy opens below copy of its own at the top of a later column.
    ReadingOrder,
    /// A 导读 item of a page's ear pointing at that page itself.
    EarOwnPage,
    /// Text running past the right edge of its column or box (a word wider than the column).
    TooWide,
    /// A single column of copy running long beside a photo (长腿).
    LongLeg,
    /// A story's picture printed as large as the page's lead's, or larger (photo size by rank).
    PhotoRank,
    /// A story's head printed as large as the page's lead's, or larger (head size by rank).
    HeadRank,
    /// The front page's lead head printed smaller than a head on a page inside.
    FrontLeadRank,
    /// Two stories' heads side by side on the same lines (碰题).
    HeadsSideBySide,
    /// A story's head standing on another's with fewer than four lines of the other's block
    /// between (叠题).
    StackedHeads,
    /// A head area two or more lines deeper than its head needs (white under the head).
    DeepHead,
    /// A head the file sets vertically (`vertical = true`) that no 美编 would: longer than two
    /// short phrases, or with a run of figures or letters that cannot stand in it.
    LongVerticalHead,
    /// A block's `squeeze` asking for more lines than the story's paragraphs give back.
    SqueezeUnused,
    /// A page whose stories folio placed in another order than priority and the list give.
    Reordered,
    /// A page folio placed with flaws (heads side by side, a photo narrowed, a long leg, a
    /// widow or orphan) that cutting its copy would take away: what to cut.
    BetterWithCuts,
    /// Typst's own warnings.
    Typst,
    /// A problem in `edition.toml`, a story file or `formats.toml`.
    Content,
    /// A problem in a template (`layouts/*.typ`).
    Template,
    /// Writing the outputs failed.
    Export,
}

impl Code {
    /// The code as reports print it, e.g. `head-overset`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Overset => "overset",
            Code::HeadOverset => "head-overset",
            Code::Underset => "underset",
            Code::Copyfit => "copyfit",
            Code::PhotoLowPpi => "photo-low-ppi",
            Code::PhotoCropped => "photo-cropped",
            Code::PhotoMissing => "photo-missing",
            Code::PhotoUnreadable => "photo-unreadable",
            Code::GlyphMissing => "glyph-missing",
            Code::InkNotK => "ink-not-k",
            Code::InkOverLimit => "ink-over-limit",
            Code::HalfWidthBracket => "half-width-bracket",
            Code::HalfWidthMark => "half-width-mark",
            Code::FullWidthAlnum => "full-width-alnum",
            Code::HtmlInCopy => "html-in-copy",
            Code::LooseLine => "loose-line",
            Code::Kinsoku => "kinsoku",
            Code::Widow => "widow",
            Code::Orphan => "orphan",
            Code::ShortColumn => "short-column",
            Code::Hole => "hole",
            Code::FoldSplit => "fold-split",
            Code::Overprint => "overprint",
            Code::EarOverfull => "ear-overfull",
            Code::EarOwnPage => "ear-own-page",
            Code::ReadingOrder => "reading-order",
            Code::PicturesSideBySide => "pictures-side-by-side",
            Code::TooWide => "too-wide",
            Code::LongLeg => "long-leg",
            Code::PhotoRank => "photo-rank",
            Code::HeadRank => "head-rank",
            Code::FrontLeadRank => "front-lead-rank",
            Code::HeadsSideBySide => "heads-side-by-side",
            Code::StackedHeads => "stacked-heads",
            Code::DeepHead => "deep-head",
            Code::LongVerticalHead => "long-vertical-head",
            Code::SqueezeUnused => "squeeze-unused",
            Code::Reordered => "reordered",
            Code::BetterWithCuts => "better-with-cuts",
            Code::Typst => "typst",
            Code::Content => "content",
            Code::Template => "template",
            Code::Export => "export",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One located problem in a file folio read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Its code when the stage that found it sets one (else the report derives it from the file
    /// it points into: a template or content).
    pub code: Option<Code>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file, as the user named it (relative to the project root where possible).
    pub path: Option<PathBuf>,
    /// The file's text, so the printer can show the line.
    pub source: Option<String>,
    /// Byte range of the offending text in `source`.
    pub span: Option<Range<usize>>,
    /// How to fix it.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error with no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code: None,
            message: message.into(),
            path: None,
            source: None,
            span: None,
            hints: vec![],
        }
    }

    /// A warning with no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    /// Set its code.
    pub fn code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    /// Attach the file the problem is in.
    pub fn in_file(mut self, path: &Path, source: &str) -> Self {
        self.path = Some(path.to_path_buf());
        self.source = Some(source.to_string());
        self
    }

    /// Attach only a path (for files that are not text, e.g. photos).
    pub fn at_path(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }

    /// Attach the byte range of the offending text.
    pub fn with_span(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    /// Add a hint on how to fix it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// 1-based line and column of the span start, if located.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let (source, span) = (self.source.as_ref()?, self.span.as_ref()?);
        let start = span.start.min(source.len());
        let before = &source[..floor_char_boundary(source, start)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((line, col))
    }

    /// Print in the style of typst's CLI.
    pub fn emit(&self, out: &mut dyn WriteColor) {
        let name = self.path.as_ref().map_or_else(String::new, |p| p.display().to_string());
        let (shown, span) = match (&self.source, &self.span) {
            (Some(source), Some(span)) => {
                let end = span.end.clamp(span.start, source.len());
                let start = floor_char_boundary(source, span.start.min(end));
                let (shown, span) = shown(source, start..end);
                (shown, Some(span))
            }
            (source, _) => (source.clone().unwrap_or_default(), None),
        };
        let file = SimpleFile::new(name.clone(), shown);
        let mut diag = match self.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let mut message = self.message.clone();
        match span {
            Some(span) => diag = diag.with_labels(vec![Label::primary((), span)]),
            None if !name.is_empty() => message = format!("{name}: {message}"),
            None => {}
        }
        if style() == Style::Short {
            // One line: the message's own lines and the hints joined.
            message = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ");
            for h in &self.hints {
                message.push_str(&crate::tr!("hint-inline", hint = h));
            }
        } else {
            diag = diag.with_notes(self.hints.iter().map(|h| crate::tr!("hint-line", hint = h)).collect());
        }
        diag = diag.with_message(message);
        let display_style = match style() {
            Style::Human => term::DisplayStyle::Rich,
            Style::Short => term::DisplayStyle::Short,
        };
        let config = term::Config { tab_width: 2, display_style, ..Default::default() };
        let _ = term::emit(out, &config, &file, &diag);
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some((line, col)) = self.line_col() {
                write!(f, ":{line}:{col}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        for hint in &self.hints {
            write!(f, "{}", crate::tr!("hint-inline", hint = hint))?;
        }
        Ok(())
    }
}

/// Most bytes of a source line a message prints: a longer line (a story's body of 100 000
/// characters on one line) is cut there with "…", a position past the cut shown at it.
const SHOWN_LINE: usize = 2000;
/// Most lines a message underlines: a longer span (a story's whole body) is shown by its first.
const SHOWN_LINES: usize = 6;

/// `source` as a message prints it, and `span` in it: every line within [`SHOWN_LINE`] bytes,
/// the span within [`SHOWN_LINES`] lines (a refused body of a book is not printed back whole).
/// Lines and positions before the cut are as in `source`, so the line and column a message
/// gives are its own.
fn shown(source: &str, span: Range<usize>) -> (String, Range<usize>) {
    let span = span.start..floor_char_boundary(source, span.end).max(span.start);
    if source.len() <= SHOWN_LINE && source[span.clone()].matches('\n').count() <= SHOWN_LINES {
        return (source.to_string(), span);
    }
    let mut out = String::with_capacity(source.len().min(1 << 20));
    let (mut start, mut end) = (None, None);
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let text = line.strip_suffix('\n').unwrap_or(line);
        let keep = floor_char_boundary(text, SHOWN_LINE.min(text.len()));
        let base = out.len();
        let place = |p: usize| base + (p - at).min(keep);
        if start.is_none() && (at..=at + text.len()).contains(&span.start) {
            start = Some(place(span.start));
        }
        if end.is_none() && (at..=at + text.len()).contains(&span.end) {
            end = Some(place(span.end));
        }
        out.push_str(&text[..keep]);
        if keep < text.len() {
            out.push('…');
        }
        if line.len() > text.len() {
            out.push('\n');
        }
        at += line.len();
    }
    let start = start.unwrap_or(out.len());
    let mut end = end.unwrap_or(out.len()).max(start);
    if out[start..end].matches('\n').count() > SHOWN_LINES {
        end = start + out[start..end].find('\n').unwrap_or(end - start);
    }
    (out, start..end)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How diagnostics are printed: `--diagnostic-format` of every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Style {
    /// Typst's style: the message, the file, line and column, the source line, the hints.
    #[default]
    Human,
    /// One line each, `file:line:col: error: message`, for editors and CI logs (as
    /// `typst compile --diagnostic-format short`).
    Short,
}

static STYLE: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Print every diagnostic of this process in `style` from now on (set once, by `main`).
pub fn set_style(style: Style) {
    STYLE.store(style as u8, std::sync::atomic::Ordering::Relaxed);
}

/// The style diagnostics are printed in.
pub fn style() -> Style {
    if STYLE.load(std::sync::atomic::Ordering::Relaxed) == Style::Short as u8 { Style::Short } else { Style::Human }
}

/// A list of diagnostics, the error type of every stage.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Print all entries.
    pub fn emit(&self, out: &mut dyn WriteColor) {
        for d in &self.0 {
            d.emit(out);
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Self(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Print `msg` on stderr when `FOLIO_LOG` is set (per-pass timing and memory for benchmarks and
/// bug reports).
pub(crate) fn log(msg: &str) {
    if let Some(how) = std::env::var_os("FOLIO_LOG") {
        eprintln!("folio: {msg}{}{}", memory(), cpu());
        if how == "maps" {
            eprint!("{}", mappings());
        }
    }
}

/// For `FOLIO_LOG=maps`: the mappings holding the most resident memory (the heap, each font
/// file, the binary), largest first, one indented line each: where a peak comes from.
fn mappings() -> String {
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else { return String::new() };
    let mut by_name: std::collections::BTreeMap<String, u64> = Default::default();
    let mut name = String::new();
    for line in smaps.lines() {
        if let Some(kib) = line.strip_prefix("Rss:") {
            let kib: u64 = kib.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
            *by_name.entry(name.clone()).or_default() += kib;
        } else if line.split_whitespace().next().is_some_and(|f| f.contains('-') && f.chars().all(|c| c.is_ascii_hexdigit() || c == '-')) {
            name = line.split_whitespace().nth(5).unwrap_or("[anon]").to_string();
        }
    }
    let mut rows: Vec<(u64, String)> = by_name.into_iter().map(|(n, k)| (k, n)).collect();
    rows.sort_by(|a, b| b.cmp(a));
    rows.iter().take(8).filter(|(k, _)| *k >= 1024).map(|(k, n)| format!("    {:>4} MiB  {n}\n", k / 1024)).collect()
}

/// For `FOLIO_LOG`: CPU time so far of this thread and of the whole process, in ms, e.g.
/// ` [cpu thread 120, process 180]`: phases' own work, which a busy machine does not stretch.
fn cpu() -> String {
    let clock = |id| {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: clock_gettime writes the timespec it is given.
        let ok = unsafe { libc::clock_gettime(id, &mut ts) } == 0;
        if ok { ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6 } else { f64::NAN }
    };
    format!(" [cpu thread {:.0}, process {:.0}]", clock(libc::CLOCK_THREAD_CPUTIME_ID), clock(libc::CLOCK_PROCESS_CPUTIME_ID))
}

/// For `FOLIO_LOG`: this process's resident set now and at its peak so far, and of it the
/// heap and the mapped files (fonts, the binary), e.g. ` [rss 120 MiB: anon 80, file 40; peak 130]`.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return String::new() };
    let kib = |key: &str| -> u64 {
        status.lines().find_map(|l| l.strip_prefix(key)).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()).unwrap_or(0)
    };
    format!(" [rss {} MiB: anon {}, file {}; peak {}]", kib("VmRSS:") / 1024, kib("RssAnon:") / 1024, kib("RssFile:") / 1024, kib("VmHWM:") / 1024)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_huge_line_or_span_is_shown_cut() {
        // A body of 100 000 characters on one line: the line cut, the span on it.
        let body = "禁".repeat(100_000);
        let source = format!("headline = \"x\"\nbody = \"\"\"\n{body}\n\"\"\"\n");
        let at = source.find("\"\"\"").unwrap();
        let (shown, span) = super::shown(&source, at..source.len());
        assert!(shown.len() < 2_100, "{}", shown.len());
        assert!(shown.contains('…') && shown.starts_with("headline = \"x\"\nbody = \"\"\"\n禁"));
        assert_eq!(&shown[span.start..span.start + 3], "\"\"\"");
        assert!(shown[span.clone()].matches('\n').count() <= super::SHOWN_LINES);
        // A position past the cut is shown at it, on its own line; one before the cut where it is.
        let far = source.rfind("禁").unwrap() - 3;
        let (shown, span) = super::shown(&source, far..far + 3);
        assert_eq!(shown[..span.start].matches('\n').count(), 2, "on the body's line");
        let near = at + 4 + 30;
        let (_, span) = super::shown(&source, near..near + 3);
        assert_eq!(span, near..near + 3);
        // Short sources are as they were.
        assert_eq!(super::shown("a = 1\n", 4..5), ("a = 1\n".to_string(), 4..5));
    }
}
