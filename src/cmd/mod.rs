//! One module per subcommand; each returns the exit code.

pub mod build;
pub mod check;
pub mod extract;
pub mod fonts;
pub mod new;
pub mod proof;
pub mod report;
pub mod watch;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use crate::diag::{Diagnostic, Diagnostics};

/// Exit code: success.
pub const OK: i32 = 0;
/// Exit code: content or template errors.
pub const FAILED: i32 = 1;
/// Exit code: usage errors.
pub const USAGE: i32 = 2;

/// Print diagnostics to stderr in typst's style.
pub fn emit(diags: &[Diagnostic]) {
    let choice = if std::io::IsTerminal::is_terminal(&std::io::stderr()) { ColorChoice::Auto } else { ColorChoice::Never };
    let mut stderr = StandardStream::stderr(choice);
    Diagnostics(diags.to_vec()).emit(&mut stderr);
}

/// Options shared by build and check.
pub fn options(a: &crate::cli::CommonArgs, out: Option<std::path::PathBuf>) -> crate::session::Options {
    crate::session::Options {
        edition: a.edition.clone(),
        root: a.project.root.clone(),
        font_path: a.project.font_path.clone(),
        system_fonts: a.project.system_fonts,
        out,
    }
}
