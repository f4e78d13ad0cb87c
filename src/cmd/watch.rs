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
use crate::session::watch::{self, FileWatcher, Watch};
use crate::session::Policy;

/// Watch one edition. Returns only when watching itself fails.
pub fn run(args: &WatchArgs) -> i32 {
    let opts = super::options(&args.common, Some(args.out.clone()));
    let policy = Policy { allow_overset: args.allow_overset };
    let mut builder = Watch::new(opts, policy, args.out.clone(), args.png);
    let mut watcher = match FileWatcher::new() {
        Ok(w) => w,
        Err(e) => {
            super::emit(&[Diagnostic::error(format!("cannot watch files: {e}"))
                .hint("the system's file-watching limit may be reached (fs.inotify.max_user_watches)")]);
            return super::FAILED;
        }
    };
    // Warnings are shown when they change, not again after every keystroke.
    let mut last_findings = String::new();
    loop {
        // The pages PDF first: that is what the editor is waiting for.
        let result = builder.rebuild_pages();
        // Watch the files of this build before saying it is done, so that an edit made right
        // after the line appears is never missed.
        if let Err(e) = watcher.update(builder.watched()) {
            super::emit(&[Diagnostic::error(format!("cannot watch files: {e}"))]);
            return super::FAILED;
        }
        // Then the spread PDF and the proofs (also those a failed rebuild left due).
        let t = std::time::Instant::now();
        let pending = if builder.has_pending() { builder.write_pending() } else { Ok(Vec::new()) };
        let later = t.elapsed();
        let wrote_later = pending.as_ref().is_ok_and(|f| !f.is_empty());
        let result = match (result, pending) {
            (Ok(mut r), Ok(files)) => {
                r.written.extend(files);
                Ok(r)
            }
            (Ok(_), Err(e)) => Err(e),
            (Err(mut e), Err(more)) => {
                e.0.extend(more.0);
                Err(e)
            }
            (Err(e), Ok(_)) => Err(e),
        };
        match result {
            Ok(r) => {
                let shown = format!("{:?}", r.findings);
                if shown != last_findings {
                    super::emit(&r.findings);
                    last_findings = shown;
                }
                if wrote_later {
                    println!("{} (the spread PDF and proofs {:.0} ms later)", watch::summary(&r), later.as_secs_f64() * 1000.0);
                } else {
                    println!("{}", watch::summary(&r));
                }
            }
            Err(diags) => {
                super::emit(&diags.0);
                last_findings.clear();
                let errors = diags.0.iter().filter(|d| d.severity == crate::diag::Severity::Error).count();
                let s = if errors == 1 { "" } else { "s" };
                if builder.has_built() {
                    println!("rebuild failed: {errors} error{s}; the last good output in {} stays as it was", builder.out().display());
                } else {
                    println!("build failed: {errors} error{s}; nothing written, watching for changes");
                }
            }
        }
        let _ = std::io::stdout().flush();
        if let Err(e) = watcher.wait() {
            super::emit(&[Diagnostic::error(format!("cannot watch files: {e}"))]);
            return super::FAILED;
        }
    }
}
