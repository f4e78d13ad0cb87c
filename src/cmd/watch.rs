//! `folio watch EDITION [--out DIR] [--png DPI]`: rebuild on every change until interrupted.
//!
//! Prints one line per rebuild on stdout (its time and the pages that changed); errors and
//! warnings go to stderr in Typst's style, and the process keeps watching: the last good PDF
//! stays in place until the next good build replaces it.

use std::io::Write;

use crate::cli::WatchArgs;
use crate::diag::Diagnostic;
use crate::session::watch::{self, Watch};
use crate::session::Policy;

/// Watch one edition. Returns only when watching itself fails.
pub fn run(args: &WatchArgs) -> i32 {
    let opts = super::options(&args.common, Some(args.out.clone()));
    let policy = Policy { allow_overset: args.allow_overset };
    let mut builder = Watch::new(opts, policy, args.out.clone(), args.png);
    let mut console = Console::new(args.out.clone());
    let failure = builder.run(&mut |_, result| match result {
        Ok(r) => console.built(&r),
        Err(diags) => console.failed(&diags.0),
    });
    super::emit(&[Diagnostic::error(format!("cannot watch files: {failure}"))]);
    super::FAILED
}

/// The console of a watching command (`folio watch`, `folio serve`): one line per rebuild on
/// stdout; warnings on stderr when they change, not again after every keystroke; errors on
/// stderr every time.
pub struct Console {
    out: std::path::PathBuf,
    last_findings: String,
    built: bool,
}

impl Console {
    /// A console for a session writing to `out`.
    pub fn new(out: std::path::PathBuf) -> Self {
        Self { out, last_findings: String::new(), built: false }
    }

    /// A good rebuild.
    pub fn built(&mut self, r: &watch::Rebuilt) {
        let shown = format!("{:?}", r.findings);
        if shown != self.last_findings {
            super::emit(&r.findings);
            self.last_findings = shown;
        }
        self.built = true;
        println!("{}", watch::summary(r));
        let _ = std::io::stdout().flush();
    }

    /// A failed rebuild.
    pub fn failed(&mut self, diags: &[Diagnostic]) {
        super::emit(diags);
        self.last_findings.clear();
        let errors = diags.iter().filter(|d| d.severity == crate::diag::Severity::Error).count();
        let s = if errors == 1 { "" } else { "s" };
        if self.built {
            println!("rebuild failed: {errors} error{s}; the last good output in {} stays as it was", self.out.display());
        } else {
            println!("build failed: {errors} error{s}; nothing written, watching for changes");
        }
        let _ = std::io::stdout().flush();
    }
}
