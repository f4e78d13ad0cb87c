//! `manifest.json` and how a build's files reach OUT: all of them, or none.
//!
//! Takes the bytes of each file a build writes (with the standard it was made to) and gives
//! [`Entry`]s: file name relative to the output folder, edition, SHA-256, page count, trim and
//! media size of the first page in mm, and standard.
//!
//! A build never writes into OUT directly. [`Stage::begin`] makes a staging folder inside OUT
//! (`OUT/.folio-stage-…`, so every rename stays on one file system); [`Stage::add`] writes each
//! file there (synced); only when every part of the build succeeded does [`Stage::commit`], under
//! an advisory lock on the OUT folder itself (`flock`), read the manifest (an unreadable or
//! invalid one is an error), refuse names that another edition owns, check that nothing is in
//! the way, write the new manifest into the staging folder, rename the staging folder to
//! `OUT/.folio-commit-…` (the journal: from here the set is decided) and move its files into
//! place, the manifest last. A staging folder dropped without a commit is removed with
//! everything in it. The next build into OUT (under the same lock) removes staging folders
//! whose build died (each build holds a lock on its own staging folder) and finishes any
//! journal whose build died during the moves before it does anything else. The manifest has no
//! time in it, so the same build gives the same manifest.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::input::grid::PT_PER_MM;

/// The manifest's file name in the output folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Name prefix of a build's staging folder inside OUT.
pub const STAGE_PREFIX: &str = ".folio-stage-";

/// Name prefix of a commit journal inside OUT (a staging folder whose files are being moved).
pub const COMMIT_PREFIX: &str = ".folio-commit-";

/// The standard a proof PDF (pages, spreads) is made to.
pub const PROOF_STANDARD: &str = "PDF 1.7";

/// One written file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Path relative to the output folder, with `/` separators.
    pub file: String,
    /// The edition it was built from (its folder name).
    pub edition: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// Number of pages.
    pub pages: usize,
    /// Trim size of the first page (TrimBox, else MediaBox) in mm, width × height.
    pub trim_mm: [f64; 2],
    /// Media size of the first page (MediaBox) in mm: trim + bleed (+ slug for marks).
    pub media_mm: [f64; 2],
    /// The standard the file is made to: `PDF 1.7`, `PDF/X-4`, `PDF/A-3b`, `PDF/A-2b`.
    pub standard: String,
}

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Every file, sorted by `file`.
    pub files: Vec<Entry>,
}

/// What a PDF's manifest entry says of its pages, when the writer knows it: the page count and
/// the first page's boxes in mm ([`Entry`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// Number of pages.
    pub pages: usize,
    /// Trim size (TrimBox, else MediaBox), width × height.
    pub trim_mm: [f64; 2],
    /// Media size (MediaBox), width × height.
    pub media_mm: [f64; 2],
}

impl Shape {
    /// From sizes in pt (as the PDF writes them), rounded as the manifest rounds.
    pub fn from_pt(pages: usize, trim: [f64; 2], media: [f64; 2]) -> Self {
        Self { pages, trim_mm: trim.map(mm), media_mm: media.map(mm) }
    }
}

/// Describe `bytes`, to be written at `path` inside `out`, its pages read back from the bytes.
pub fn entry(out: &Path, path: &Path, edition: &str, bytes: &[u8], standard: &str) -> Result<Entry, Diagnostic> {
    entry_with(out, path, edition, bytes, standard, None)
}

/// [`entry`], with the pages' [`Shape`] given by the writer that made `bytes` (then they are
/// not parsed: only hashed).
fn entry_with(out: &Path, path: &Path, edition: &str, bytes: &[u8], standard: &str, shape: Option<Shape>) -> Result<Entry, Diagnostic> {
    let file = rel_name(path.strip_prefix(out).unwrap_or(path));
    if let Some(shape) = shape {
        return Ok(Entry { file, edition: edition.to_string(), sha256: sha256_hex(bytes), pages: shape.pages, trim_mm: shape.trim_mm, media_mm: shape.media_mm, standard: standard.to_string() });
    }
    // Only the page tree is needed: streams (content, images, fonts) are left unparsed, which
    // makes this several times faster (it runs on every rebuild of `folio watch`).
    fn no_streams(id: lopdf::ObjectId, obj: &mut lopdf::Object) -> Option<(lopdf::ObjectId, lopdf::Object)> {
        (!matches!(obj, lopdf::Object::Stream(_))).then(|| (id, obj.clone()))
    }
    // The hash on one core, the page tree on the other.
    let (sha256, doc) = rayon::join(|| sha256_hex(bytes), || lopdf::Document::load_mem_with_options(bytes, lopdf::LoadOptions::with_filter(no_streams)));
    let doc = doc.map_err(|e| Diagnostic::error(crate::tr!("manifest-cannot-read-back", file = file, error = e.to_string())))?;
    let pages: Vec<_> = doc.page_iter().collect();
    let first = pages.first().copied();
    let size = |key: &[u8]| -> Option<[f64; 2]> {
        let b = crate::output::press::page_box(&doc, first?, key)?;
        Some([mm(b[2] - b[0]), mm(b[3] - b[1])])
    };
    let media_mm = size(b"MediaBox").unwrap_or([0.0, 0.0]);
    let trim_mm = size(b"TrimBox").unwrap_or(media_mm);
    Ok(Entry {
        file,
        edition: edition.to_string(),
        sha256,
        pages: pages.len(),
        trim_mm,
        media_mm,
        standard: standard.to_string(),
    })
}

/// A relative path as the manifest writes it: `/`-separated.
fn rel_name(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// pt → mm, rounded to 0.01 mm.
fn mm(pt: f64) -> f64 {
    (pt / PT_PER_MM * 100.0).round() / 100.0
}

/// SHA-256 as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Read `out/manifest.json`. A missing manifest is an empty one; one that cannot be read or is
/// not a folio manifest is an error naming the file (and the line and column) and the fix:
/// folio never silently starts a new one, which would forget what the other editions wrote.
pub fn read(out: &Path) -> Result<Manifest, Diagnostic> {
    let path = out.join(MANIFEST_FILE);
    let fix = crate::tr!("manifest-fix");
    // A regular file within its limit, as every input (session 42: a FIFO there hung the
    // build, a 3 GB file took 6 GB of memory before its parse error).
    let bytes = match crate::project::read_regular(&path, crate::project::limits::MANIFEST) {
        Ok(b) => b,
        Err(crate::project::ReadError::NotFound) if std::fs::symlink_metadata(&path).is_err() => return Ok(Manifest::default()),
        Err(e) => {
            return Err(Diagnostic::error(crate::tr!("source-cannot-read", file = path.display(), error = e.message(&path)))
                .hint(crate::tr!("manifest-unreadable-hint", out = out.display(), fix = fix)));
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(crate::tr!("manifest-not-utf8", file = path.display(), offset = e.utf8_error().valid_up_to()))
            .hint(crate::tr!("manifest-changed-hint", fix = fix.as_str()))
    })?;
    // A NUL is no JSON text (a file of zeros printed 2 000 NULs as its "source line"): said
    // with its offset, not shown.
    if let Some(offset) = text.find('\0') {
        return Err(Diagnostic::error(crate::tr!("manifest-nul", file = path.display(), offset = offset))
            .hint(crate::tr!("manifest-changed-hint", fix = fix.as_str())));
    }
    serde_json::from_str(&text).map_err(|e| {
        let offset = offset_of(&text, e.line(), e.column());
        let reason = e.to_string();
        let reason = reason.rsplit_once(" at line ").map_or(reason.as_str(), |(r, _)| r).to_string();
        let message = match e.classify() {
            serde_json::error::Category::Data => crate::tr!("manifest-not-folio", file = path.display(), reason = reason),
            _ => crate::tr!("manifest-not-json", file = path.display(), reason = reason),
        };
        Diagnostic::error(message)
            .in_file(&path, &text)
            .with_span(Some(offset..(offset + 1).min(text.len()).max(offset)))
            .hint(crate::tr!("manifest-changed-hint", fix = fix.as_str()))
    })
}

/// Byte offset of a 1-based line and column (serde_json's), clamped to the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Hold the advisory lock on the OUT folder (an exclusive `flock` on the folder itself, so no
/// file is added to OUT for it). Released when the value is dropped, or by the kernel when the
/// process dies.
struct OutLock(#[allow(dead_code)] File);

impl OutLock {
    fn acquire(out: &Path) -> Result<Self, Diagnostic> {
        let dir = File::open(out).map_err(|e| Diagnostic::error(crate::tr!("project-cannot-open", path = out.display(), error = e.to_string())).hint(crate::tr!("out-check-hint")))?;
        dir.lock().map_err(|e| Diagnostic::error(crate::tr!("out-cannot-lock", path = out.display(), error = e.to_string())).hint(crate::tr!("out-lock-hint")))?;
        Ok(Self(dir))
    }
}

/// A file staged for OUT.
#[derive(Debug)]
struct Staged {
    /// Path relative to OUT, `/`-separated.
    rel: String,
    /// Its manifest entry (PDFs only).
    entry: Option<Entry>,
}

/// What a commit put in place.
#[derive(Debug, Clone)]
pub struct Committed {
    /// The files, as `OUT/…`, in the order they were added.
    pub files: Vec<PathBuf>,
    /// `OUT/manifest.json`.
    pub manifest: PathBuf,
}

/// A build's outputs, staged inside OUT until every part of the build has succeeded. Dropped
/// without [`Stage::commit`], it removes itself and leaves OUT as it was.
#[derive(Debug)]
pub struct Stage {
    out: PathBuf,
    edition: String,
    dir: PathBuf,
    /// The lock on the staging folder that tells other builds it is alive.
    _live: File,
    files: Vec<Staged>,
    /// Plate folders (relative to OUT) whose plates of this edition that were not staged are removed.
    prune: Vec<String>,
    /// OUT did not exist before this build.
    created_out: bool,
    /// The files are being moved; the folder is now a journal and must stay.
    journal: bool,
    /// Files, manifest and folders are synced before the commit counts as done (see
    /// [`Stage::begin_unsynced`]).
    sync: bool,
}

impl Stage {
    /// Start staging the outputs of edition `edition` for `out` (created if missing). Every
    /// file, the manifest and the folders are synced to the disk before [`Stage::commit`]
    /// returns, so a power cut never leaves a torn file behind.
    pub fn begin(out: &Path, edition: &str) -> Result<Self, Diagnostic> {
        Self::begin_with(out, edition, true)
    }

    /// [`Stage::begin`] without waiting for the disk: the set still reaches OUT all or nothing
    /// for every reader and if folio dies (the moves are renames), but a power cut soon after
    /// the commit may lose it or leave a torn file, until [`persist`] has synced it. For
    /// `folio watch`, which syncs each rebuild's pages PDF with the spread PDF written right
    /// after it; press plates, archive copies and `folio build` never use it.
    pub fn begin_unsynced(out: &Path, edition: &str) -> Result<Self, Diagnostic> {
        Self::begin_with(out, edition, false)
    }

    fn begin_with(out: &Path, edition: &str, sync: bool) -> Result<Self, Diagnostic> {
        let created_out = std::fs::symlink_metadata(out).is_err();
        // (Session 42: "cannot create out: File exists".)
        if std::fs::metadata(out).is_ok_and(|m| !m.is_dir()) {
            return Err(Diagnostic::error(crate::tr!("out-not-folder", path = out.display())).hint(crate::tr!("out-not-folder-hint")));
        }
        std::fs::create_dir_all(out)
            .map_err(|e| Diagnostic::error(crate::tr!("project-cannot-create", path = out.display(), error = e.to_string())).hint(crate::tr!("out-check-hint")))?;
        // Made and locked under the OUT lock, so that no other build sees it unlocked and
        // takes it for a dead build's.
        let _out_lock = OutLock::acquire(out)?;
        recover(out, None)?;
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let mut n = 0u32;
        let dir = loop {
            let dir = out.join(format!("{STAGE_PREFIX}{}-{stamp}-{n}", std::process::id()));
            match std::fs::create_dir(&dir) {
                Ok(()) => break dir,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(e) => return Err(Diagnostic::error(crate::tr!("out-cannot-write-in", dir = out.display(), error = e.to_string())).code(crate::diag::Code::Export).hint(crate::tr!("out-check-hint"))),
            }
        };
        let live = File::open(&dir).and_then(|f| f.try_lock().map(|_| f).map_err(std::io::Error::other));
        let live = match live {
            Ok(f) => f,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(Diagnostic::error(crate::tr!("out-cannot-lock", path = dir.display(), error = e.to_string())));
            }
        };
        Ok(Self { out: out.to_path_buf(), edition: edition.to_string(), dir, _live: live, files: Vec::new(), prune: Vec::new(), created_out, journal: false, sync })
    }

    /// Stage `bytes` as `OUT/rel` (`rel` `/`-separated); `standard` makes it a manifest entry
    /// (PDFs), `None` leaves it out of the manifest (PNG proofs).
    pub fn add(&mut self, rel: &str, bytes: &[u8], standard: Option<&str>) -> Result<(), Diagnostic> {
        self.add_with(rel, bytes, standard.map(|s| (s, None)))
    }

    /// Stage a proof PDF (pages or spreads, [`PROOF_STANDARD`]) whose pages' [`Shape`] its
    /// writer knows (`output::export::shape`): its entry is made without parsing the file.
    pub fn add_proof(&mut self, rel: &str, bytes: &[u8], shape: Shape) -> Result<(), Diagnostic> {
        self.add_with(rel, bytes, Some((PROOF_STANDARD, Some(shape))))
    }

    fn add_with(&mut self, rel: &str, bytes: &[u8], describe: Option<(&str, Option<Shape>)>) -> Result<(), Diagnostic> {
        let path = self.dir.join("files").join(rel);
        let shown = self.out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Diagnostic::error(crate::tr!("out-cannot-stage", file = shown.display(), error = e.to_string())).hint(crate::tr!("out-space-hint")))?;
        }
        let sync = self.sync;
        let write = || {
            File::create(&path).and_then(|mut f| {
                f.write_all(bytes)?;
                // An ordinary file for everyone who may read the folder (as under umask 022).
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    f.set_permissions(std::fs::Permissions::from_mode(0o644))?;
                }
                if sync { f.sync_all() } else { Ok(()) }
            })
        };
        // The file is written while its manifest entry is made from the same bytes.
        let (written, entry) = rayon::join(write, || describe.map(|(s, shape)| entry_with(&self.out, &shown, &self.edition, bytes, s, shape)).transpose());
        written.map_err(|e| Diagnostic::error(crate::tr!("out-cannot-stage", file = shown.display(), error = e.to_string())).hint(crate::tr!("out-space-hint")))?;
        let entry = entry?;
        self.files.retain(|f| f.rel != rel);
        self.files.push(Staged { rel: rel.to_string(), entry });
        Ok(())
    }

    /// On commit, remove this edition's plates in the folder `rel` (relative to OUT) that this
    /// build did not stage: pages that no longer exist.
    pub fn prune_plates(&mut self, rel: &str) {
        self.prune.push(rel.to_string());
    }

    /// Put every staged file in place and update the manifest, or change nothing and say why.
    pub fn commit(mut self) -> Result<Committed, Diagnostic> {
        let out = self.out.clone();
        let _lock = OutLock::acquire(&out)?;
        self.prepare()?;
        roll_forward(&out, &self.dir, self.sync).map_err(|e| {
            Diagnostic::error(crate::tr!("out-move-failed", out = out.display(), error = e.to_string()))
                .hint(crate::tr!("out-move-failed-hint", stage = self.dir.display(), out = out.display()))
        })?;
        Ok(Committed { files: self.files.iter().map(|f| out.join(&f.rel)).collect(), manifest: out.join(MANIFEST_FILE) })
    }

    /// Everything up to the moves, under the OUT lock: check, write the manifest and the list
    /// of removals into the staging folder, and make it the journal. An error leaves OUT as it
    /// was.
    fn prepare(&mut self) -> Result<(), Diagnostic> {
        let out = self.out.clone();
        recover(&out, Some(&self.dir))?;
        let mut manifest = read(&out)?;
        for f in &self.files {
            if let Some(other) = manifest.files.iter().find(|e| e.file == f.rel && e.edition != self.edition) {
                return Err(Diagnostic::error(crate::tr!(
                    "out-name-clash",
                    mine = self.edition.as_str(),
                    what = crate::i18n::message(role(&f.rel, &self.edition), &[]),
                    path = out.join(&f.rel).display(),
                    manifest = out.join(MANIFEST_FILE).display(),
                    theirs = crate::i18n::message(role(&f.rel, &other.edition), &[]),
                    other = other.edition.as_str(),
                ))
                .hint(crate::tr!("out-name-clash-hint", edition = self.edition.as_str())));
            }
        }
        for f in &self.files {
            in_the_way(&out, &f.rel)?;
        }
        let staged: std::collections::BTreeSet<&str> = self.files.iter().map(|f| f.rel.as_str()).collect();
        let mut stale = Vec::new();
        for dir in &self.prune {
            let Ok(entries) = std::fs::read_dir(out.join(dir)) else { continue };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                let rel = format!("{dir}/{name}");
                if is_plate(&self.edition, &name) && !staged.contains(rel.as_str()) && e.file_type().is_ok_and(|t| t.is_file()) {
                    stale.push(rel);
                }
            }
        }
        manifest.files.retain(|e| !staged.contains(e.file.as_str()) && !stale.contains(&e.file) && out.join(&e.file).is_file());
        manifest.files.extend(self.files.iter().filter_map(|f| f.entry.clone()));
        manifest.files.sort_by(|a, b| a.file.cmp(&b.file));
        let mut json = serde_json::to_vec_pretty(&manifest).expect("serializable");
        json.push(b'\n');
        let journal_files = (|| -> std::io::Result<()> {
            let mut m = File::create(self.dir.join(MANIFEST_FILE))?;
            m.write_all(&json)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                m.set_permissions(std::fs::Permissions::from_mode(0o644))?;
            }
            let mut r = File::create(self.dir.join("remove"))?;
            r.write_all(stale.iter().map(|s| format!("{s}\n")).collect::<String>().as_bytes())?;
            if self.sync {
                m.sync_all()?;
                r.sync_all()?;
                sync_dir(&self.dir);
            }
            Ok(())
        })();
        journal_files.map_err(|e| Diagnostic::error(crate::tr!("out-cannot-stage", file = out.join(MANIFEST_FILE).display(), error = e.to_string())).hint(crate::tr!("out-space-hint")))?;
        // The journal: from this rename on, the new set is decided and will be completed.
        let name = self.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let journal = out.join(name.replacen(STAGE_PREFIX, COMMIT_PREFIX, 1));
        std::fs::rename(&self.dir, &journal)
            .map_err(|e| Diagnostic::error(crate::tr!("out-cannot-commit", out = out.display(), error = e.to_string())).hint(crate::tr!("out-unchanged-hint")))?;
        self.dir = journal;
        self.journal = true;
        if self.sync {
            sync_dir(&out);
        }
        Ok(())
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        if self.journal {
            return;
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        if self.created_out {
            // Only if empty: another build may have written into it meanwhile.
            let _ = std::fs::remove_dir(&self.out);
        }
    }
}

/// What a file of edition `name` is, by its name.
fn role(rel: &str, name: &str) -> &'static str {
    let n = crate::output::names::Names(name);
    if rel == n.pages_pdf() {
        "unit-pages-pdf"
    } else if rel == n.spread_pdf() {
        "unit-spread-pdf"
    } else if rel == crate::output::archive::file_name(name) {
        "unit-archive-copy"
    } else if rel.ends_with(".png") {
        "unit-png-proof"
    } else if rel.starts_with(&crate::output::press::plate_dir(name)) {
        "unit-press-plate"
    } else {
        "unit-output"
    }
}

/// Whether `file` is a plate of edition `name` (`<name>-pNN.pdf` or `<name>-pNN-I.pdf`).
fn is_plate(name: &str, file: &str) -> bool {
    crate::output::names::Names(name).is_plate(file)
}

/// An error when something in OUT stops `OUT/rel` from being written: a folder (or anything
/// but a file) where the file goes, or a file where a folder on its way goes.
fn in_the_way(out: &Path, rel: &str) -> Result<(), Diagnostic> {
    let target = out.join(rel);
    let mut at = out.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let last = i + 1 == parts.len();
        let Ok(meta) = std::fs::metadata(&at) else { continue };
        if !last && !meta.is_dir() {
            return Err(Diagnostic::error(crate::tr!("out-in-the-way-file", path = at.display(), target = target.display()))
                .hint(crate::tr!("out-in-the-way-hint", path = at.display())));
        }
        if last && !meta.is_file() {
            return Err(Diagnostic::error(crate::tr!("out-in-the-way-folder", path = at.display()))
                .hint(crate::tr!("out-in-the-way-hint", path = at.display())));
        }
    }
    Ok(())
}

/// Move a journal's files into OUT: every staged file, then the removals, then the manifest,
/// then drop the journal. Each step is a rename or a removal that may already have happened,
/// so running it again after a crash finishes the same set.
fn roll_forward(out: &Path, journal: &Path, sync: bool) -> std::io::Result<()> {
    let removals = match std::fs::read_to_string(journal.join("remove")) {
        Ok(list) => list,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    // A journal is folio's own only if it stays inside OUT: it removes plates (a PDF in a
    // plate folder of OUT, by a plain relative name) and moves in files and folders, no link
    // (session 42: a planted journal listing `/tmp/x` or `../content/…` had the next build
    // delete them). Anything else: nothing is done, and the journal is named.
    for rel in removals.lines().filter(|l| !l.is_empty()) {
        if !plain_plate(out, rel) {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, rel.to_string()));
        }
    }
    let files = journal.join("files");
    let mut stack = vec![files.clone()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for e in entries {
            let e = e?;
            let t = e.file_type()?;
            if t.is_dir() {
                stack.push(e.path());
            } else if !t.is_file() {
                let rel = e.path().strip_prefix(&files).map_or_else(|_| e.path().display().to_string(), |r| r.display().to_string());
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, rel));
            }
        }
    }
    let mut stack = vec![files.clone()];
    let mut dirs = std::collections::BTreeSet::new();
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let mut entries: Vec<_> = entries.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let from = e.path();
            if e.file_type()?.is_dir() {
                stack.push(from);
                continue;
            }
            let rel = from.strip_prefix(&files).map_err(std::io::Error::other)?;
            let to = out.join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
                dirs.insert(parent.to_path_buf());
            }
            std::fs::rename(&from, &to)?;
        }
    }
    for rel in removals.lines().filter(|l| !l.is_empty()) {
        match std::fs::remove_file(out.join(rel)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        if let Some(parent) = out.join(rel).parent() {
            dirs.insert(parent.to_path_buf());
        }
    }
    let manifest = journal.join(MANIFEST_FILE);
    if manifest.exists() {
        std::fs::rename(&manifest, out.join(MANIFEST_FILE))?;
    }
    dirs.insert(out.to_path_buf());
    if sync {
        for d in &dirs {
            sync_dir(d);
        }
    }
    std::fs::remove_dir_all(journal)?;
    if sync {
        sync_dir(out);
    }
    Ok(())
}

/// Whether `rel` (a line of a journal's removals) names a plate of OUT as folio writes one: a
/// `.pdf` in a folder of OUT, both plain names (no `/` first, no `..`), the folder no link.
fn plain_plate(out: &Path, rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    let plain = |p: &str| !p.is_empty() && p != "." && p != ".." && !p.contains('\\') && !p.contains('\0');
    matches!(parts[..], [dir, file] if plain(dir) && plain(file) && file.ends_with(".pdf")
        && std::fs::symlink_metadata(out.join(dir)).is_ok_and(|m| m.is_dir()))
}

/// Clean up after builds that died, holding the OUT lock: finish their journals (`skip` is the
/// caller's own staging folder) and remove their staging folders. A staging folder whose lock
/// is held belongs to a build still running and is left alone.
fn recover(out: &Path, skip: Option<&Path>) -> Result<(), Diagnostic> {
    let Ok(entries) = std::fs::read_dir(out) else { return Ok(()) };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if Some(path.as_path()) == skip || !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(COMMIT_PREFIX) {
            match roll_forward(out, &path, true) {
                Ok(()) => eprintln!("{}", crate::tr!("out-recovered", out = out.display(), name = name.as_str())),
                Err(err) if err.kind() == std::io::ErrorKind::InvalidData => {
                    return Err(Diagnostic::error(crate::tr!("out-foreign-journal", path = path.display(), entry = err.to_string()))
                        .code(crate::diag::Code::Export)
                        .hint(crate::tr!("out-foreign-journal-hint", path = path.display())));
                }
                Err(err) => eprintln!("{}", crate::tr!("out-cannot-recover", path = path.display(), error = err.to_string())),
            }
        } else if name.starts_with(STAGE_PREFIX) {
            let dead = File::open(&path).is_ok_and(|f| f.try_lock().is_ok());
            if dead {
                let _ = std::fs::remove_dir_all(&path);
            }
        }
    }
    Ok(())
}

/// Sync files an unsynced commit ([`Stage::begin_unsynced`]) put into `out` (and the manifest
/// it wrote), then the folders that hold them, as [`Stage::commit`] does.
pub fn persist(out: &Path, files: &[PathBuf]) -> Result<(), Diagnostic> {
    let mut dirs = std::collections::BTreeSet::new();
    for f in files.iter().chain(std::iter::once(&out.join(MANIFEST_FILE))) {
        match File::open(f).and_then(|h| h.sync_all()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Diagnostic::error(crate::tr!("out-cannot-sync", file = f.display(), error = e.to_string())).hint(crate::tr!("out-space-hint")));
            }
            _ => {}
        }
        if let Some(parent) = f.parent() {
            dirs.insert(parent.to_path_buf());
        }
    }
    dirs.insert(out.to_path_buf());
    for d in &dirs {
        sync_dir(d);
    }
    Ok(())
}

/// Persist a folder's entries (renames into it); best effort.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plate_names() {
        assert!(is_plate("a", "a-p04.pdf"));
        assert!(is_plate("a", "a-p04-2.pdf"));
        assert!(!is_plate("a", "a-p.pdf"));
        assert!(!is_plate("a", "a-spread-p04.pdf"));
        assert!(!is_plate("a", "notes.pdf"));
    }

    #[test]
    fn json_positions_become_offsets() {
        let t = "{\n  \"files\": x\n}";
        assert_eq!(&t[offset_of(t, 2, 12)..offset_of(t, 2, 12) + 1], "x");
        assert_eq!(offset_of(t, 9, 9), t.len());
    }

    fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                if e.file_type().unwrap().is_dir() {
                    stack.push(e.path());
                } else {
                    out.push((rel_name(e.path().strip_prefix(dir).unwrap()), std::fs::read(e.path()).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_stage_dropped_without_commit_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let mut stage = Stage::begin(&out, "e").unwrap();
        stage.add("e.pdf", b"new", None).unwrap();
        drop(stage);
        assert!(!out.exists(), "a new OUT is removed again");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("e.pdf"), b"old").unwrap();
        let mut stage = Stage::begin(&out, "e").unwrap();
        stage.add("e.pdf", b"new", None).unwrap();
        drop(stage);
        assert_eq!(files(&out), [("e.pdf".to_string(), b"old".to_vec())]);
    }

    #[test]
    fn a_commit_moves_everything_and_prunes_stale_plates() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        std::fs::create_dir(out.join("e-press")).unwrap();
        for f in ["e-press/e-p01.pdf", "e-press/e-p02.pdf", "e-press/notes.txt", "e.pdf"] {
            std::fs::write(out.join(f), b"old").unwrap();
        }
        let mut stage = Stage::begin(out, "e").unwrap();
        stage.add("e.pdf", b"new", None).unwrap();
        stage.add("e-press/e-p01.pdf", b"new", None).unwrap();
        stage.prune_plates("e-press");
        let done = stage.commit().unwrap();
        assert_eq!(done.files, [out.join("e.pdf"), out.join("e-press/e-p01.pdf")]);
        let got: Vec<String> = files(out).into_iter().map(|(f, b)| format!("{f}={}", String::from_utf8_lossy(&b))).collect();
        assert_eq!(got, ["e-press/e-p01.pdf=new", "e-press/notes.txt=old", "e.pdf=new", "manifest.json={\n  \"files\": []\n}\n"]);
    }

    #[test]
    fn a_journal_left_by_a_dead_build_is_finished_by_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        std::fs::write(out.join("e.pdf"), b"old").unwrap();
        std::fs::write(out.join("e-spread.pdf"), b"old").unwrap();
        let mut stage = Stage::begin(out, "e").unwrap();
        stage.add("e.pdf", b"new", None).unwrap();
        stage.add("e-spread.pdf", b"new", None).unwrap();
        let lock = OutLock::acquire(out).unwrap();
        stage.prepare().unwrap();
        drop(lock);
        // The build dies after moving one file of two.
        std::fs::rename(stage.dir.join("files/e.pdf"), out.join("e.pdf")).unwrap();
        std::mem::forget(stage);
        // The next build (its begin) finishes the move, then goes on.
        let next = Stage::begin(out, "f").unwrap();
        drop(next);
        let got: Vec<String> = files(out).into_iter().map(|(f, b)| format!("{f}={}", String::from_utf8_lossy(&b))).collect();
        assert_eq!(got, ["e-spread.pdf=new", "e.pdf=new", "manifest.json={\n  \"files\": []\n}\n"]);
    }

    #[test]
    fn only_dead_builds_stages_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path();
        let live = Stage::begin(out, "e").unwrap();
        let dead = out.join(format!("{STAGE_PREFIX}dead"));
        std::fs::create_dir_all(dead.join("files")).unwrap();
        let other = Stage::begin(out, "f").unwrap();
        assert!(!dead.exists(), "a stage no build holds is removed");
        assert!(live.dir.is_dir(), "a live build's stage is kept");
        drop((live, other));
        assert!(files(out).is_empty());
    }

    #[test]
    fn a_damaged_manifest_is_located() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(MANIFEST_FILE), "{\n  \"files\": 3\n}\n").unwrap();
        let e = read(tmp.path()).unwrap_err();
        assert_eq!(e.line_col().map(|l| l.0), Some(2), "{e}");
        assert!(e.message.contains("is not a folio manifest"), "{e}");
    }
}
