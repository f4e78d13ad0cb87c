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
    let mut watcher = match Watcher::new() {
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
        let result = builder.rebuild();
        // Watch the files of this build before saying it is done, so that an edit made right
        // after the line appears is never missed.
        if let Err(e) = watcher.update(builder.watched()) {
            super::emit(&[Diagnostic::error(format!("cannot watch files: {e}"))]);
            return super::FAILED;
        }
        match result {
            Ok(r) => {
                let shown = format!("{:?}", r.findings);
                if shown != last_findings {
                    super::emit(&r.findings);
                    last_findings = shown;
                }
                println!("{}", watch::summary(&r));
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

/// Waits for changes to the watched files: typst-kit's `Watcher` with a shorter batch. After
/// the first change it waits only until the files have been quiet for [`Watcher::QUIET`]
/// (typst-kit waits 100 ms, most of the time from a save to the new PDF), at most
/// [`Watcher::STARVE`]; an editor's save (a write, or a copy renamed over the file) makes its
/// events within a millisecond or two. Files that do not exist (yet) are polled.
struct Watcher {
    watcher: notify::RecommendedWatcher,
    rx: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    watched: std::collections::HashMap<std::path::PathBuf, bool>,
    missing: Vec<std::path::PathBuf>,
}

impl Watcher {
    const QUIET: std::time::Duration = std::time::Duration::from_millis(8);
    const STARVE: std::time::Duration = std::time::Duration::from_millis(300);
    const POLL: std::time::Duration = std::time::Duration::from_millis(300);

    fn new() -> Result<Self, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        let config = notify::Config::default().with_poll_interval(Self::POLL);
        let watcher = <notify::RecommendedWatcher as notify::Watcher>::new(tx, config)
            .map_err(|e| format!("failed to set up file watching ({e})"))?;
        Ok(Self { watcher, rx, watched: Default::default(), missing: Vec::new() })
    }

    /// Watch exactly these files.
    fn update(&mut self, paths: Vec<std::path::PathBuf>) -> Result<(), String> {
        use notify::Watcher as _;
        for seen in self.watched.values_mut() {
            *seen = false;
        }
        self.missing.clear();
        for path in paths {
            if !path.exists() {
                self.missing.push(path);
                continue;
            }
            if !self.watched.contains_key(&path) {
                self.watcher
                    .watch(&path, notify::RecursiveMode::NonRecursive)
                    .map_err(|e| format!("failed to watch {} ({e})", path.display()))?;
            }
            self.watched.insert(path, true);
        }
        let watcher = &mut self.watcher;
        self.watched.retain(|path, seen| {
            if !*seen {
                let _ = watcher.unwatch(path);
            }
            *seen
        });
        Ok(())
    }

    /// Wait until a watched file changes (or a missing one appears).
    fn wait(&mut self) -> Result<(), String> {
        use notify::event::{ModifyKind, RemoveKind, RenameMode};
        use notify::{EventKind, Watcher as _};
        loop {
            let first = if self.missing.is_empty() { self.rx.recv().ok() } else { self.rx.recv_timeout(Self::POLL).ok() };
            let start = std::time::Instant::now();
            let mut relevant = false;
            let mut next = first;
            while let Some(event) = next.take() {
                let event = event.map_err(|e| format!("failed to watch the files ({e})"))?;
                let counts = match event.kind {
                    EventKind::Any | EventKind::Create(_) | EventKind::Remove(_) => true,
                    EventKind::Modify(kind) => matches!(kind, ModifyKind::Any | ModifyKind::Data(_) | ModifyKind::Name(_)),
                    EventKind::Access(_) | EventKind::Other => false,
                };
                if counts {
                    // notify stops watching a file removed or renamed away (an editor's save by
                    // rename): forget it, so that the next update watches the new file.
                    if matches!(event.kind, EventKind::Remove(RemoveKind::File) | EventKind::Modify(ModifyKind::Name(RenameMode::From))) {
                        for path in &event.paths {
                            let _ = self.watcher.unwatch(path);
                            self.watched.remove(path);
                        }
                    }
                    relevant = true;
                }
                if start.elapsed() <= Self::STARVE {
                    next = self.rx.recv_timeout(Self::QUIET).ok();
                }
            }
            if relevant || self.missing.iter().any(|p| p.exists()) {
                return Ok(());
            }
        }
    }
}
