//! Watch: a [`Session`] plus change detection. Takes the session's options, an output folder and
//! an optional PNG resolution, and gives a [`Watch`] whose [`Watch::rebuild`] compiles the
//! edition again in the session's warm world (comemo reuses every layout that did not change;
//! old cache entries are evicted after each rebuild), finds which pages changed by hashing their
//! frames, and writes what changed into the output folder with the manifest (see
//! [`crate::output::manifest`]) in two sets, each all or nothing: the pages PDF first
//! ([`Watch::rebuild_pages`], what an editor waits for after a save), then the spread PDF and
//! PNGs of the changed pages ([`Watch::write_pending`]; `folio watch` writes them right after
//! the pages PDF is in place). A failed rebuild writes nothing: the last good PDF stays (only a
//! failed export of the spread sheets, after the pages PDF is in place, would leave the old
//! spread PDF). [`Watch::watched`] lists the files a change to which must trigger the next
//! rebuild, and a [`FileWatcher`] waits for one.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::compile::Compiled;
use crate::layout::world::FolioWorld;
use crate::output::export::{self, Part};
use crate::output::manifest::{Shape, Stage};
use crate::output::names::Names;
use crate::diag::log;
use crate::session::{Options, Policy, Report, Session};

/// How many compiles an unused comemo cache entry survives (typst-cli's watch uses the same).
pub const EVICT_AGE: usize = 10;

/// What one successful rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Wall time of the rebuild, from reading the TOML to the last file written: with
    /// [`Watch::rebuild_pages`], until the pages PDF is in place.
    pub elapsed: Duration,
    /// Of which: loading the project and the edition (TOML, formats).
    pub load: Duration,
    /// Of which: both compile passes, photo checks and preflight.
    pub compile: Duration,
    /// Of which: PDF (and PNG) export and writing the files.
    pub export: Duration,
    /// Whether this was the first build of the session (everything is new).
    pub first: bool,
    /// Page numbers (as printed) whose drawing changed since the last good build.
    pub changed: Vec<u32>,
    /// Number of pages.
    pub pages: usize,
    /// Files written (nothing when no page changed).
    pub written: Vec<PathBuf>,
    /// Warnings and preflight findings (no errors).
    pub findings: Vec<Diagnostic>,
}

/// Rebuilds one edition again and again in one session.
pub struct Watch {
    session: Session,
    out: PathBuf,
    png: Option<f32>,
    /// Hashes of the pages in the pages PDF in place (the last good build's).
    pages: Option<Vec<u128>>,
    /// Hashes of the spread sheets in the spread PDF in place (may be older than `pages` while
    /// [`Watch::write_pending`] has not run since the last [`Watch::rebuild_pages`]).
    spreads: Option<Vec<u128>>,
    /// The last good build: its edition, compiled documents and findings.
    last: Option<Report>,
    /// The last good build's edition name, document identifier and date (for the files still due).
    last_edition: Option<(String, String, (u16, u8, u8))>,
    /// Pages (indexes into the last good build) whose PNG proof is still to be written.
    png_due: std::collections::BTreeSet<usize>,
    /// Files put in place by [`Watch::rebuild_pages`] without waiting for the disk, synced by
    /// [`Watch::write_pending`].
    unsynced: Vec<PathBuf>,
}

impl Watch {
    /// A watch writing to `out` (and PNG proofs of changed pages at `png` dpi, if given).
    pub fn new(opts: Options, policy: Policy, out: PathBuf, png: Option<f32>) -> Self {
        keep_freed_memory();
        let mut session = Session::new(opts, policy);
        session.keep_fits();
        Self {
            session,
            out,
            png,
            pages: None,
            spreads: None,
            last: None,
            last_edition: None,
            png_due: Default::default(),
            unsynced: Vec::new(),
        }
    }

    /// Hand Typst every photo as a raster image (the preview renders the pages to SVG; see
    /// [`Session::raster_photos`]).
    pub fn raster_photos(&mut self) {
        self.session.raster_photos();
    }

    /// Rebuild: compile in the warm world, write what changed — the pages PDF first, then the
    /// spread PDF and the PNG proofs ([`Watch::rebuild_pages`], then [`Watch::write_pending`]).
    /// `elapsed` and `export` count both sets. On error nothing is written and the previous
    /// outputs stay as they were (only a failed export of the spread sheets, after the pages
    /// PDF is in place, leaves the old spread PDF).
    pub fn rebuild(&mut self) -> Result<Rebuilt, Diagnostics> {
        let mut rebuilt = self.rebuild_pages()?;
        let t = Instant::now();
        rebuilt.written.extend(self.write_pending()?);
        rebuilt.export += t.elapsed();
        rebuilt.elapsed += t.elapsed();
        Ok(rebuilt)
    }

    /// The first half of [`Watch::rebuild`], what an editor waits for after a save: compile in
    /// the warm world and put the pages PDF in place if a page changed. `elapsed` is the time
    /// until the pages PDF is in place (renamed into OUT with the manifest, all or nothing,
    /// but not yet synced to the disk: [`Watch::write_pending`] syncs it). The spread PDF
    /// and the PNG proofs of the changed pages stay due until [`Watch::write_pending`]; a
    /// second `rebuild_pages` before that keeps them due (for its own build). On error nothing
    /// is written, and what was due stays due.
    pub fn rebuild_pages(&mut self) -> Result<Rebuilt, Diagnostics> {
        let start = Instant::now();
        let result = self.try_rebuild(start);
        // Drop cache entries unused for a while, so memory stays flat over a night of edits.
        typst::comemo::evict(EVICT_AGE);
        result
    }

    fn try_rebuild(&mut self, start: Instant) -> Result<Rebuilt, Diagnostics> {
        let report = self.session.compile()?;
        let load = self.session.load_time();
        let compile = start.elapsed().saturating_sub(load);
        if report.blocked() {
            return Err(Diagnostics(report.findings));
        }

        let t = Instant::now();
        let compiled = &report.compiled;
        let pages: Vec<u128> = compiled.document.pages().iter().map(typst::utils::hash128).collect();
        let first = self.pages.is_none();
        let changed_idx: Vec<usize> = (0..pages.len())
            .filter(|&i| self.pages.as_ref().and_then(|old| old.get(i)) != Some(&pages[i]))
            .collect();
        // A page removed at the end is a change too, though it has no number any more.
        let shrunk = self.pages.as_ref().is_some_and(|old| old.len() > pages.len());
        let names = Names(&report.edition.name);
        // Write again if the output went missing (deleted by hand, or never written).
        let pages_due = !changed_idx.is_empty() || shrunk || !self.out.join(names.pages_pdf()).exists();
        let (ident, date) = (crate::session::ident(&report.edition), report.edition.date());
        let pdf = pages_due.then(|| export::pdf(compiled, Part::Pages, &ident, date)).transpose()?;
        // Put in place without waiting for the disk: the editor sees it at once, and
        // `write_pending`, right after, syncs it with the spread PDF.
        let written = commit(&self.out, &report.edition.name, pdf.map(|b| (names.pages_pdf(), b, Some(export::shape(compiled, Part::Pages)))).into_iter().collect(), false)?;
        self.unsynced.extend(written.iter().cloned());
        let export = t.elapsed();
        log(&format!("watch: pages PDF in place in {export:?}"));

        self.pages = Some(pages);
        if self.png.is_some() {
            self.png_due.extend(&changed_idx);
            self.png_due.retain(|&i| i < compiled.pages);
        }
        let changed = changed_idx.iter().map(|&i| compiled.data.pages[i].number).collect();
        let n = compiled.pages;
        let findings = report.findings.clone();
        self.last_edition = Some((report.edition.name.clone(), ident, date));
        self.last = Some(report);
        Ok(Rebuilt { elapsed: start.elapsed(), load, compile, export, first, changed, pages: n, written, findings })
    }

    /// Whether the last good build has files not yet written: its spread PDF (when a spread
    /// sheet changed or the file is missing) or PNG proofs of changed pages; or a pages PDF
    /// not yet synced to the disk.
    pub fn has_pending(&self) -> bool {
        let (Some(compiled), Some((name, _, _))) = (self.last.as_ref().map(|r| &r.compiled), &self.last_edition) else { return false };
        !self.unsynced.is_empty()
            || !self.png_due.is_empty() || self.spreads.as_ref() != Some(&spread_hashes(compiled)) || !self.out.join(Names(name).spread_pdf()).exists()
    }

    /// The second half of [`Watch::rebuild`]: sync the pages PDF [`Watch::rebuild_pages`] put
    /// in place, then write what the last good build still owes, the spread PDF (if a sheet
    /// changed) and PNG proofs of the pages changed since they were last written, as one set,
    /// all or nothing, synced. Gives the files written (none when nothing was due).
    pub fn write_pending(&mut self) -> Result<Vec<PathBuf>, Diagnostics> {
        let (Some(compiled), Some((name, ident, date))) = (self.last.as_ref().map(|r| &r.compiled), &self.last_edition) else { return Ok(Vec::new()) };
        let t = Instant::now();
        let names = Names(name);
        let spreads = spread_hashes(compiled);
        let spreads_due = self.spreads.as_ref() != Some(&spreads) || !self.out.join(names.spread_pdf()).exists();
        let mut files: Vec<(String, Vec<u8>, Option<Shape>)> = Vec::new();
        if spreads_due {
            files.push((names.spread_pdf(), export::pdf(compiled, Part::Spreads, ident, *date)?, Some(export::shape(compiled, Part::Spreads))));
        }
        if let Some(dpi) = self.png {
            for &i in &self.png_due {
                let number = compiled.data.pages[i].number;
                files.push((names.page_png(number), export::png(compiled, Part::Pages, i, dpi)?, None));
            }
        }
        // The pages PDF the last rebuild put in place is synced first, then this set with
        // the manifest and the folder, as `folio build` does.
        if !self.unsynced.is_empty() {
            crate::output::manifest::persist(&self.out, &self.unsynced)?;
            self.unsynced.clear();
        }
        let written = commit(&self.out, name, files, true)?;
        self.spreads = Some(spreads);
        self.png_due.clear();
        if !written.is_empty() {
            log(&format!("watch: spread PDF and proofs in place in {:?}", t.elapsed()));
        }
        Ok(written)
    }

    /// Everything a change to which must trigger a rebuild ([`Session::watched`]).
    pub fn watched(&mut self) -> Vec<PathBuf> {
        self.session.watched()
    }

    /// The last good build's compiled edition (its documents, data and fits), if any.
    pub fn compiled(&self) -> Option<&Compiled> {
        self.last.as_ref().map(|r| &r.compiled)
    }

    /// The last good build's whole report: the edition as loaded (with the blocks placement
    /// chose), the compiled documents, the preflight findings with their marks.
    pub fn report(&self) -> Option<&Report> {
        self.last.as_ref()
    }

    /// The project root of the session, once a build got as far as opening it.
    pub fn root(&self) -> Option<&Path> {
        self.session.root()
    }

    /// The session's world, if a build got that far (for tests and benchmarks).
    pub fn world(&mut self) -> Option<&mut FolioWorld> {
        self.session.world()
    }
}

impl Watch {
    /// Rebuild now and after every change to [`Watch::watched`], forever, in two steps each
    /// time: [`Watch::rebuild_pages`] (the pages PDF in place), given to `round` as
    /// [`Step::Pages`] once the files of that build are watched (so an edit made right after
    /// `round` shows it is never missed); then [`Watch::write_pending`] (the spread PDF and the
    /// proofs, also those a failed rebuild left due), given as [`Step::Rest`] with how long it
    /// took. Returns only when file watching fails, with why.
    pub fn run(&mut self, round: &mut dyn FnMut(&Watch, Step)) -> String {
        let mut files = match FileWatcher::new() {
            Ok(w) => w,
            Err(e) => return format!("{e}; the system's file-watching limit may be reached (fs.inotify.max_user_watches)"),
        };
        loop {
            let result = self.rebuild_pages();
            if let Err(e) = files.update(self.watched()) {
                return e;
            }
            round(self, Step::Pages(result));
            let t = Instant::now();
            let pending = if self.has_pending() { self.write_pending() } else { Ok(Vec::new()) };
            round(self, Step::Rest(pending.map(|files| (files, t.elapsed()))));
            if let Err(e) = files.wait() {
                return e;
            }
        }
    }
}

/// One step of a [`Watch::run`] round.
pub enum Step {
    /// The rebuild, up to the pages PDF in place (or why it failed: nothing was written).
    Pages(Result<Rebuilt, Diagnostics>),
    /// Then the files still due (spread PDF, proofs) and how long they took (or why they
    /// could not be written).
    Rest(Result<(Vec<PathBuf>, Duration), Diagnostics>),
}

/// Put files in place with the manifest, all of them or none (see `crate::output::manifest`).
/// A file with a [`Shape`] is a proof PDF; without, a PNG proof (not in the manifest).
/// `sync`: wait for the disk ([`Stage::begin`]) or not ([`Stage::begin_unsynced`]).
fn commit(out: &Path, name: &str, files: Vec<(String, Vec<u8>, Option<Shape>)>, sync: bool) -> Result<Vec<PathBuf>, Diagnostics> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let mut stage = if sync { Stage::begin(out, name)? } else { Stage::begin_unsynced(out, name)? };
    for (file, bytes, shape) in &files {
        match shape {
            Some(shape) => stage.add_proof(file, bytes, *shape)?,
            None => stage.add(file, bytes, None)?,
        }
    }
    // The files replaced are held open across the commit, so that the rename over each one
    // does not free its pages in the page cache on the way (2–3 ms for a 2.5 MB PDF, in the
    // editor's wait); they are closed, and freed, on a thread of their own afterwards.
    let replaced: Vec<std::fs::File> = files.iter().filter_map(|(file, _, _)| std::fs::File::open(out.join(file)).ok()).collect();
    let committed = stage.commit()?.files;
    if !replaced.is_empty() {
        std::thread::spawn(move || drop(replaced));
    }
    Ok(committed)
}

/// Let the heap keep up to 64 MiB of freed memory for the session's next rebuild instead of
/// handing it back to the OS after each one (glibc's threshold, which a one-shot build sets to
/// 128 KiB, see `cmd::tune_malloc`): each rebuild frees and takes again tens of megabytes
/// (export buffers, layout caches), and every page of it handed back was faulted in and
/// zeroed again by the next keystroke's rebuild, 4–5 ms of its 25. Memory stays bounded: what
/// is kept is what one rebuild uses. `MALLOC_TRIM_THRESHOLD_` in the environment still wins.
///
/// Setting it stops glibc from adjusting its mmap threshold by itself, so that one is set too,
/// to what `cmd::tune_malloc` sets (4 MiB), for a session run by a program that did not.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    for (param, name, value) in [(libc::M_MMAP_THRESHOLD, "MALLOC_MMAP_THRESHOLD_", 4 * 1024 * 1024), (libc::M_TRIM_THRESHOLD, "MALLOC_TRIM_THRESHOLD_", 64 * 1024 * 1024)] {
        if std::env::var_os(name).is_none() {
            // SAFETY: mallopt sets these parameters under the allocator's own lock; it may
            // be called while other threads allocate.
            unsafe {
                libc::mallopt(param, value);
            }
        }
    }
}

/// Hashes of a build's spread sheets.
fn spread_hashes(compiled: &Compiled) -> Vec<u128> {
    compiled.spreads.pages().iter().map(typst::utils::hash128).collect()
}

/// One line about a successful rebuild, e.g.
/// `rebuilt in 23 ms: page 5 changed; wrote out/x.pdf, out/x-spread.pdf` (the time is
/// [`Rebuilt::elapsed`]).
pub fn summary(r: &Rebuilt) -> String {
    let ms = format!("{:.0}", r.elapsed.as_secs_f64() * 1000.0);
    let what = match r.changed.as_slice() {
        [] => crate::tr!("watch-no-page-changed"),
        [one] => crate::tr!("watch-page-changed", page = *one),
        many => crate::tr!("watch-pages-changed", pages = many.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
    };
    let wrote = if r.written.is_empty() {
        String::new()
    } else {
        crate::tr!("watch-wrote", files = r.written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))
    };
    if r.first { crate::tr!("watch-built", ms = ms, what = what, wrote = wrote) } else { crate::tr!("watch-rebuilt", ms = ms, what = what, wrote = wrote) }
}

/// Waits for changes to the watched files: typst-kit's `Watcher` with a shorter batch. After
/// the first change it waits only until the files have been quiet for [`FileWatcher::QUIET`]
/// (typst-kit waits 100 ms, most of the time from a save to the new PDF), at most
/// [`FileWatcher::STARVE`]; an editor's save (a write, or a copy renamed over the file) makes its
/// events within a millisecond or two. Files that do not exist (yet) are polled.
pub struct FileWatcher {
    watcher: notify::RecommendedWatcher,
    rx: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    watched: std::collections::HashMap<std::path::PathBuf, bool>,
    /// The folders of the watched files, watched too: a file's watch follows a symlink to its
    /// target and stays on the inode it found, so a story replaced by a symlink and then by a
    /// file again (or a symlink's target changed) went unseen (session 41); the folder sees
    /// every name in it replaced.
    folders: std::collections::HashMap<std::path::PathBuf, bool>,
    missing: Vec<std::path::PathBuf>,
}

impl FileWatcher {
    /// How long the files must be quiet after a change before the rebuild.
    pub const QUIET: std::time::Duration = std::time::Duration::from_millis(8);
    /// Longest wait for quiet after the first change.
    pub const STARVE: std::time::Duration = std::time::Duration::from_millis(300);
    /// How often files that do not exist (yet) are looked for.
    pub const POLL: std::time::Duration = std::time::Duration::from_millis(300);

    /// A watcher watching nothing yet.
    pub fn new() -> Result<Self, String> {
        let (tx, rx) = std::sync::mpsc::channel();
        let config = notify::Config::default().with_poll_interval(Self::POLL);
        let watcher = <notify::RecommendedWatcher as notify::Watcher>::new(tx, config)
            .map_err(|e| crate::tr!("watch-cannot-set-up", error = e.to_string()))?;
        Ok(Self { watcher, rx, watched: Default::default(), folders: Default::default(), missing: Vec::new() })
    }

    /// Watch exactly these files.
    pub fn update(&mut self, paths: Vec<std::path::PathBuf>) -> Result<(), String> {
        use notify::Watcher as _;
        for seen in self.watched.values_mut().chain(self.folders.values_mut()) {
            *seen = false;
        }
        self.missing.clear();
        for path in paths {
            if let Some(folder) = path.parent().filter(|f| f.is_dir()) {
                if !self.folders.contains_key(folder) {
                    self.watcher
                        .watch(folder, notify::RecursiveMode::NonRecursive)
                        .map_err(|e| crate::tr!("watch-cannot-watch-path", path = folder.display(), error = e.to_string()))?;
                }
                self.folders.insert(folder.to_path_buf(), true);
            }
            if !path.exists() {
                self.missing.push(path);
                continue;
            }
            if !self.watched.contains_key(&path) {
                self.watcher
                    .watch(&path, notify::RecursiveMode::NonRecursive)
                    .map_err(|e| crate::tr!("watch-cannot-watch-path", path = path.display(), error = e.to_string()))?;
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
        self.folders.retain(|path, seen| {
            if !*seen {
                let _ = watcher.unwatch(path);
            }
            *seen
        });
        Ok(())
    }

    /// Wait until a watched file changes (or a missing one appears).
    pub fn wait(&mut self) -> Result<(), String> {
        use notify::event::{ModifyKind, RemoveKind};
        use notify::{EventKind, Watcher as _};
        loop {
            let first = if self.missing.is_empty() { self.rx.recv().ok() } else { self.rx.recv_timeout(Self::POLL).ok() };
            let start = std::time::Instant::now();
            let mut relevant = false;
            let mut next = first;
            while let Some(event) = next.take() {
                let event = event.map_err(|e| crate::tr!("watch-cannot-watch-files", error = e.to_string()))?;
                let counts = match event.kind {
                    EventKind::Any | EventKind::Create(_) | EventKind::Remove(_) => true,
                    EventKind::Modify(kind) => matches!(kind, ModifyKind::Any | ModifyKind::Data(_) | ModifyKind::Name(_)),
                    EventKind::Access(_) | EventKind::Other => false,
                };
                // A folder's event about a name in it that is not a watched file (an editor's
                // temporary file, another story) is no change to the edition; one in a folder
                // watched for itself (the fonts folder: a font added or removed) is.
                let ours = |p: &std::path::PathBuf| {
                    self.watched.contains_key(p)
                        || self.missing.contains(p)
                        || p.parent().is_some_and(|f| self.watched.contains_key(f) || !self.folders.contains_key(f))
                };
                if counts && event.paths.iter().any(ours) {
                    // notify stops watching a file removed or renamed away (an editor's save by
                    // rename): forget it, so that the next update watches the new file. So too
                    // a watched name its folder saw replaced: its watch may be on the old file,
                    // or on a symlink's target.
                    let replaced = matches!(event.kind, EventKind::Remove(RemoveKind::File) | EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_)));
                    if replaced {
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
