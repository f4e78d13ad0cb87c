//! `folio watch EDITION [--out DIR] [--png DPI]`: rebuild on every change until interrupted.
//!
//! Prints one line per rebuild on stdout (the time until the new pages PDF was in place, the
//! pages that changed, and the files written: the spread PDF and PNG proofs are written right
//! after the pages PDF, see [`Watch::rebuild_pages`]); errors and
//! warnings go to stderr in Typst's style, and the process keeps watching: the last good PDF
//! stays in place until the next good build replaces it.

use std::io::Write;

use crate::cli::WatchArgs;
use crate::diag::Diagnostic;
use crate::session::watch::{self, Step, Watch};
use crate::session::Policy;

/// Watch one edition. Returns only when watching itself fails.
pub fn run(args: &WatchArgs) -> i32 {
    let opts = super::options(&args.common, Some(args.out.clone()));
    let policy = Policy { allow_overset: args.allow_overset, advise: false, ..Policy::default() };
    let mut builder = Watch::new(opts, policy, args.out.clone(), args.png);
    let mut console = Console::new(args.out.clone());
    let failure = builder.run(&mut |_, step| console.step(step));
    super::emit(&[Diagnostic::error(crate::tr!("watch-cannot-watch", error = failure.to_string()))]);
    super::FAILED
}

/// The console of a watching command (`folio watch`, `folio serve`): one line per rebuild on
/// stdout, once the files still due after the pages PDF are written too (saying how much later
/// they followed); warnings on stderr when they change, not again after every keystroke; errors
/// on stderr every time.
pub struct Console {
    out: std::path::PathBuf,
    /// The warnings last shown (compared, not formatted: each carries its file's text).
    last_findings: Vec<Diagnostic>,
    built: bool,
    /// A good rebuild whose line waits for the rest of its files.
    held: Option<watch::Rebuilt>,
}

impl Console {
    /// A console for a session writing to `out`.
    pub fn new(out: std::path::PathBuf) -> Self {
        Self { out, last_findings: Vec::new(), built: false, held: None }
    }

    /// One step of a [`Watch::run`] round.
    pub fn step(&mut self, step: Step) {
        match step {
            Step::Pages(Ok(r)) => self.held = Some(r),
            Step::Pages(Err(diags)) => self.failed(&diags.0),
            Step::Rest(Ok((files, later))) => {
                if let Some(mut r) = self.held.take() {
                    let wrote_later = !files.is_empty();
                    r.written.extend(files);
                    self.built(&r, wrote_later.then_some(later));
                }
            }
            Step::Rest(Err(diags)) => {
                self.held = None;
                self.failed(&diags.0);
            }
        }
    }

    /// A good rebuild (`later`: how long after the pages PDF the rest followed).
    fn built(&mut self, r: &watch::Rebuilt, later: Option<std::time::Duration>) {
        if r.findings != self.last_findings {
            super::emit(&r.findings);
            self.last_findings = r.findings.clone();
        }
        self.built = true;
        match later {
            Some(t) => crate::outln!("{}", crate::tr!("watch-later", summary = watch::summary(r), ms = format!("{:.0}", t.as_secs_f64() * 1000.0))),
            None => crate::outln!("{}", watch::summary(r)),
        }
        let _ = std::io::stdout().flush();
    }

    /// A failed rebuild.
    fn failed(&mut self, diags: &[Diagnostic]) {
        super::emit(diags);
        self.last_findings.clear();
        let errors = diags.iter().filter(|d| d.severity == crate::diag::Severity::Error).count();
        let errors = crate::tr!("count-errors", n = errors);
        if self.built {
            crate::outln!("{}", crate::tr!("watch-rebuild-failed", errors = errors, out = self.out.display()));
        } else {
            crate::outln!("{}", crate::tr!("watch-build-failed", errors = errors));
        }
        let _ = std::io::stdout().flush();
    }
}
