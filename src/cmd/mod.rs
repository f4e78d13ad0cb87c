//! One module per subcommand; each returns the exit code.

pub mod build;
pub mod check;
pub mod extract;
pub mod fonts;
pub mod import;
pub mod manual;
pub mod new;
pub mod place;
pub mod proof;
pub mod report;
pub mod schema;
pub mod serve;
pub mod watch;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use crate::diag::{Diagnostic, Diagnostics};

/// Exit code: success.
pub const OK: i32 = 0;
/// Exit code: content or template errors.
pub const FAILED: i32 = 1;
/// Exit code: usage errors.
pub const USAGE: i32 = 2;

/// Typographic warnings of which the human style prints only the first few of a kind: a page
/// can have dozens, and the proof marks every one.
pub(crate) const SUMMARISED: [crate::diag::Code; 4] = [crate::diag::Code::LooseLine, crate::diag::Code::ShortColumn, crate::diag::Code::Widow, crate::diag::Code::Orphan];

/// Which of the [`SUMMARISED`] kinds a diagnostic is (a warning of one of them), if any.
pub(crate) fn summarised(d: &Diagnostic) -> Option<usize> {
    SUMMARISED.iter().position(|c| d.severity == crate::diag::Severity::Warning && d.code == Some(*c))
}

/// How many of each [`SUMMARISED`] kind the human style prints in full.
pub(crate) const SHOWN: usize = 3;

/// Print diagnostics to stderr in typst's style. In the human style, of each kind of
/// typographic warning (loose lines, short columns, widows, orphans) only the first
/// [`SHOWN`] are printed in full, then one line says how many more there are and where to see
/// them; the short style (for tools) prints every one.
pub fn emit(diags: &[Diagnostic]) {
    let choice = if std::io::IsTerminal::is_terminal(&std::io::stderr()) { ColorChoice::Auto } else { ColorChoice::Never };
    let mut stderr = StandardStream::stderr(choice);
    if crate::diag::style() == crate::diag::Style::Short {
        Diagnostics(diags.to_vec()).emit(&mut stderr);
        return;
    }
    let mut seen = [0usize; SUMMARISED.len()];
    let shown: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| match summarised(d) {
            Some(k) => {
                seen[k] += 1;
                seen[k] <= SHOWN
            }
            None => true,
        })
        .cloned()
        .collect();
    Diagnostics(shown).emit(&mut stderr);
    for (code, n) in SUMMARISED.iter().zip(seen) {
        if n > SHOWN {
            eprintln!("{}", crate::tr!("more-warnings", n = n - SHOWN, code = code.as_str()));
        }
    }
}

/// Whether stdout's reader has gone (a closed pipe: `folio import … | head -1`).
static STDOUT_GONE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Write to stdout through its lock. When the reader has closed the pipe (EPIPE), this and
/// every later write is dropped quietly and the command goes on to its end with its own exit
/// code: a reader that stops early (`| head -1`) is not an error, and never a panic (as
/// `println!` would give). Other write errors (a full disk) are dropped too: stdout is the
/// command's report, not its output files, which are written and checked elsewhere.
pub fn write_stdout(args: std::fmt::Arguments) {
    use std::io::Write;
    use std::sync::atomic::Ordering;
    if STDOUT_GONE.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            STDOUT_GONE.store(true, Ordering::Relaxed);
        }
    }
}

/// `println!` through [`write_stdout`]: a closed pipe ends the output, not the process.
#[macro_export]
macro_rules! outln {
    () => { $crate::cmd::write_stdout(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cmd::write_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` through [`write_stdout`].
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::cmd::write_stdout(format_args!($($arg)*)) };
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

/// glibc's allocator, set for a build's few large, short-lived buffers (decoded photos, PDF
/// bytes): blocks from 4 MiB up are mapped and unmapped on their own (glibc's default raises
/// that threshold up to 32 MiB after the first large free, so the heap keeps a freed 18 MB
/// photo buffer resident), freed memory at the top of a heap is given back from 128 KiB, and
/// the threads share two heaps instead of one each. Measured on the sample edition: 157 →
/// 128 MiB peak resident set, the same user CPU time. An environment variable of glibc's own
/// (`MALLOC_ARENA_MAX`, `MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`) still wins.
///
/// # Safety
/// Call it before any other thread exists (first thing in `main`).
pub unsafe fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    for (param, name, value) in [
        (libc::M_ARENA_MAX, "MALLOC_ARENA_MAX", 2),
        (libc::M_MMAP_THRESHOLD, "MALLOC_MMAP_THRESHOLD_", 4 * 1024 * 1024),
        (libc::M_TRIM_THRESHOLD, "MALLOC_TRIM_THRESHOLD_", 128 * 1024),
    ] {
        if std::env::var_os(name).is_none() {
            // SAFETY: the caller promises no other thread exists yet.
            unsafe { libc::mallopt(param, value) };
        }
    }
}
