//! Fonts: the project's `fonts/` folder, scanned once per change and loaded lazily and shared,
//! and the guard that no face is ever silently replaced by another.
//!
//! Takes the fonts folder (and, only when asked, the system's fonts) and gives [`Fonts`]: a
//! typst-kit [`FontStore`] (a font book for Typst's font selection and, per face, a source that
//! maps its file into memory on first use) and what the templates asked of it that it lacks.
//! The faces of one collection (`.ttc`) share one mapping, so a 27 MB Noto CJK collection is
//! mapped once, however many of its faces a page uses, and a file no page uses is never read.
//!
//! **No silent fallback.** Typst 0.15.1 picks a face in three ways (typst-library
//! `FontBook::select`, `select_fallback`): the nearest variant of a requested family, whatever
//! its weight and style; the next family of the template's list; and, when the families are
//! exhausted, any face covering the character. folio's font book closes each of these:
//! - for every family it holds, the book also holds a *guard* entry for each standard variant
//!   (weights 100–900, normal/italic/oblique, the nine named widths) the family lacks, listed
//!   before the real faces. Typst's nearest-variant search then lands on the guard, never on a
//!   neighbouring weight or style; the world hands Typst no font for it and records the request,
//!   and the compile fails naming the family, the face and the fonts folder;
//! - Typst's "unknown font family" warning (a family the book lacks altogether) is an error; to
//!   name the faces asked of such a family, folio guards it too and compiles once more;
//! - text for which a template names no family at all asks for [`NO_FAMILY`] (folio's default
//!   family), which is guarded in every variant;
//! - no face in the book claims to cover any character, so Typst's last resort (any face that
//!   has the character) finds nothing: a character the template's families lack is set as a box
//!   (`.notdef`) and the preflight's `glyph-missing` error names it, its story and line;
//! - with `--system-fonts`, a face taken from the system that the fonts folder lacks is a
//!   warning naming the face and the file it came from.
//!
//! Scanning a folder means reading every face's names and character coverage (about a fifth of
//! a cold build for the bundled CJK collections), so what the scan found is cached per folder
//! in the user's cache folder (`$FOLIO_CACHE_DIR`, else `$XDG_CACHE_HOME/folio`, else
//! `~/.cache/folio`; `FOLIO_CACHE_DIR=off` disables it) and reused for every file whose size
//! and modification time are unchanged; a changed, added or removed file is scanned again.
//!
//! Typst hashes the whole data of every font it uses (its `Bytes` hash), which makes every page
//! of a mapped file resident. A face's file is therefore hashed as soon as it is mapped, and its
//! pages are then handed back to the OS (`MADV_DONTNEED`; they stay in the page cache), so the
//! build keeps resident only the parts of each font it really reads (cmap, layout tables, the
//! outlines of the glyphs it sets), not 20–27 MB per collection at once.
//!
//! Every file in the fonts folder must be a regular file or a folder: a FIFO, a socket or a
//! device there is refused before anything is opened (opening a FIFO would wait forever), and
//! a font file above [`limits::FONT`] is refused.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::{
    Coverage, Font, FontInfo, FontStretch, FontStyle, FontVariant, FontWeight, StandardAxes,
};
use typst_kit::fonts::{FontSource, FontStore};

use crate::diag::Diagnostic;
use crate::project::{limits, ReadError};

/// The family Typst sets text in when a template names none (folio's default for
/// `text(font:)`; no font has it, so such text is an error, see the module documentation).
pub const NO_FAMILY: &str = "(no font family named)";

/// A font file mapped read-only into memory.
struct Mapped(Arc<memmap2::Mmap>);

impl AsRef<[u8]> for Mapped {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// One font file, mapped into memory on first use and shared by all its faces.
#[derive(Debug)]
struct SharedFile {
    path: PathBuf,
    bytes: OnceLock<Option<Bytes>>,
    /// The mapping behind `bytes`, for [`Fonts::release`].
    map: OnceLock<Arc<memmap2::Mmap>>,
    /// Set when [`split_mapping`] has cut the mapping into pieces.
    split: OnceLock<()>,
}

impl SharedFile {
    fn bytes(&self) -> Option<Bytes> {
        self.bytes
            .get_or_init(|| {
                let file = crate::project::open_regular(&self.path, limits::FONT).ok()?;
                // SAFETY: the fonts folder is read-only for the build's duration; a font file
                // changed underneath a running build is the same hazard every font loader has.
                let map = Arc::new(unsafe { memmap2::Mmap::map(&file) }.ok()?);
                let bytes = Bytes::new(Mapped(map.clone()));
                let _ = self.map.set(map.clone());
                // One file hashed at a time: hashing makes the whole file resident until the
                // pages are handed back below, and two collections at once were 50 MB.
                static HASHING: Mutex<()> = Mutex::new(());
                let _one = HASHING.lock().unwrap_or_else(|e| e.into_inner());
                // Typst will hash the whole file anyway; do it now, once, and then release the
                // pages that hashing made resident (see the module documentation).
                let _ = typst::utils::hash128(&bytes);
                #[cfg(unix)]
                // SAFETY: a read-only shared file mapping: dropped pages are read back from the
                // file on the next access, with the same contents.
                let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
                #[cfg(target_os = "linux")]
                Some(bytes)
            })
            .clone()
    }

    /// Hand the pages of the mapping read so far back to the OS (they stay in the page cache
    /// and are mapped again, without reading the disk, when next touched).
    fn release(&self) {
        #[cfg(unix)]
        if let Some(map) = self.map.get() {
            // SAFETY: as in `bytes`: a read-only shared file mapping.
            let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
        }
        self.split();
    }

    /// Cut the mapping into pieces ([`split_mapping`]), once, if the file is mapped.
    fn split(&self) {
        #[cfg(target_os = "linux")]
        if let Some(map) = self.map.get() {
            if self.split.set(()).is_ok() {
                split_mapping(map);
            }
        }
    }
}

/// The font files of a [`Fonts`], to cut the mappings of those in use into pieces on another
/// thread ([`FontFiles::split_mapped`]) while Typst works on.
pub struct FontFiles(Vec<Arc<SharedFile>>);

impl FontFiles {
    /// Cut the mapping of every file mapped so far into pieces that the kernel's fault-around
    /// cannot cross ([`split_mapping`]), each file once. A compile does it beside pass 2, where
    /// it costs the layout nothing, so that the export (which reads the glyphs' outlines) finds
    /// them cut; [`Fonts::release`] cuts any file mapped since.
    pub fn split_mapped(&self) {
        for file in &self.0 {
            file.split();
        }
    }
}

/// The size of the pieces [`split_mapping`] cuts a font's mapping into.
#[cfg(target_os = "linux")]
const PIECE: usize = 16 * 1024;

/// How many pieces [`split_mapping`] cuts one file into at most (a larger file gets larger
/// pieces), and how many it makes in the whole process: the kernel allows a process 65 530
/// mappings (`vm.max_map_count`); a file mapped after the budget is spent stays whole.
#[cfg(target_os = "linux")]
const PIECES_PER_FILE: usize = 2048;
#[cfg(target_os = "linux")]
const PIECES_IN_ALL: usize = 16 * 1024;

/// Cut a font's mapping into pieces of [`PIECE`] bytes that the kernel keeps as mappings of
/// their own, so that reading a glyph makes at most one piece resident.
///
/// On a page fault in a file mapping whose pages are in the page cache, Linux maps the 64 KiB
/// around the page as well ("fault-around"), within the mapping. The PDF export reads the
/// outlines of the glyphs a page sets, scattered over a CJK font's 15–20 MB of glyph data: for
/// the sample, the fonts' resident pages grew by 21 MiB during the export, about 16 pages
/// mapped for each page read, and that was the build's peak. Every other piece gets
/// `MADV_DONTDUMP` (leave it out of a core dump; it has no other effect), which gives it
/// different flags from its neighbours, so the kernel cannot merge the pieces back into one
/// mapping and fault-around stops at the piece's end. About 1600 pieces for a 26 MB collection,
/// once per file: 3 000 cuts for the sample's five files, about 15 ms, so a compile makes them
/// on the photos' thread beside pass 2 ([`FontFiles::split_mapped`]), not in the build's path.
#[cfg(target_os = "linux")]
fn split_mapping(map: &memmap2::Mmap) {
    static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let piece = PIECE.max(map.len().div_ceil(PIECES_PER_FILE).next_multiple_of(PIECE));
    let pieces = map.len().div_ceil(piece);
    if MADE.fetch_add(pieces, std::sync::atomic::Ordering::Relaxed) + pieces > PIECES_IN_ALL {
        return;
    }
    for start in (piece..map.len()).step_by(2 * piece) {
        if map.advise_range(memmap2::Advice::DontDump, start, piece.min(map.len() - start)).is_err() {
            return;
        }
    }
}

/// A face of a shared font file.
#[derive(Debug)]
pub struct SharedFace {
    file: Arc<SharedFile>,
    index: u32,
}

impl SharedFace {
    /// The file this face lives in.
    pub fn path(&self) -> &Path {
        &self.file.path
    }
}

impl FontSource for SharedFace {
    fn load(&self) -> Option<Font> {
        Font::new(self.file.bytes()?, self.index)
    }
}

/// The source of a guard entry: there is no font.
struct NoFace;

impl FontSource for NoFace {
    fn load(&self) -> Option<Font> {
        None
    }
}

/// Where fonts come from.
#[derive(Debug, Clone)]
pub struct FontOptions {
    /// The project's fonts folder.
    pub dir: PathBuf,
    /// Also use the system's fonts (off by default: output must not depend on the machine).
    pub system: bool,
}

/// What an entry of the font book is.
#[derive(Debug, Clone)]
enum Entry {
    /// A face in the fonts folder.
    Folder,
    /// A face from the system's fonts (`--system-fonts`); `in_folder`: the fonts folder has the
    /// same family and variant too (so this entry is never the one selected).
    System { path: PathBuf, in_folder: bool },
    /// No face: the family lacks this variant.
    Guard { family: String, variant: FontVariant },
}

/// The fonts of a build: the store Typst selects from, and what it asked for that is missing.
pub struct Fonts {
    store: FontStore,
    entries: Vec<Entry>,
    /// The fonts folder.
    dir: PathBuf,
    /// Guard and system entries Typst asked for since [`Fonts::start`].
    asked: Mutex<BTreeSet<usize>>,
    /// System entries already reported (a warning is given once per set of fonts).
    reported: Mutex<BTreeSet<usize>>,
}

/// A face the templates asked for that the fonts folder lacks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FontProblem {
    /// A face of a family that no font folio sees has (an error).
    Missing {
        /// The family as the book spells it (lowercase for a family it lacks altogether).
        family: String,
        /// The face asked for.
        variant: VariantKey,
    },
    /// A face taken from the system because the fonts folder lacks it (a warning).
    FromSystem {
        /// The family.
        family: String,
        /// The face.
        variant: VariantKey,
        /// The system's file.
        path: PathBuf,
    },
}

/// A [`FontVariant`] in a sortable form: weight, style, stretch (in thousandths).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct VariantKey {
    /// 100–900.
    pub weight: u16,
    /// 0 normal, 1 italic, 2 oblique.
    pub style: u8,
    /// 1000 = normal width.
    pub stretch: u16,
}

impl From<FontVariant> for VariantKey {
    fn from(v: FontVariant) -> Self {
        let style = match v.style {
            FontStyle::Normal => 0,
            FontStyle::Italic => 1,
            FontStyle::Oblique => 2,
        };
        Self { weight: v.weight.to_number(), style, stretch: (v.stretch.to_ratio().get() * 1000.0).round() as u16 }
    }
}

impl std::fmt::Display for VariantKey {
    /// "Regular (weight 400)", "Bold Italic (weight 700)", "weight 450".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let word = match self.weight {
            100 => Some("Thin"),
            200 => Some("ExtraLight"),
            300 => Some("Light"),
            400 => Some("Regular"),
            500 => Some("Medium"),
            600 => Some("SemiBold"),
            700 => Some("Bold"),
            800 => Some("ExtraBold"),
            900 => Some("Black"),
            _ => None,
        };
        let mut name = word.map_or_else(|| format!("weight {}", self.weight), str::to_string);
        let style = match self.style {
            1 => Some("Italic"),
            2 => Some("Oblique"),
            _ => None,
        };
        if let Some(s) = style {
            name = if name == "Regular" { s.to_string() } else { format!("{name} {s}") };
        }
        if self.stretch != 1000 {
            name = format!("{name}, {}% width", f64::from(self.stretch) / 10.0);
        }
        if word.is_some() {
            name = format!("{name} (weight {})", self.weight);
        }
        f.write_str(&name)
    }
}

impl Fonts {
    /// The store Typst's world serves.
    pub fn store(&self) -> &FontStore {
        &self.store
    }

    /// The fonts folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The font at `index` of the book, for `World::font`; a guard gives none and is recorded.
    pub fn font(&self, index: usize) -> Option<Font> {
        match self.entries.get(index) {
            Some(Entry::Guard { .. }) | Some(Entry::System { in_folder: false, .. }) => {
                self.asked.lock().unwrap_or_else(|e| e.into_inner()).insert(index);
            }
            _ => {}
        }
        self.store.font(index)
    }

    /// Hand back to the OS the pages of the font files read so far. Each pass reads other
    /// parts of the fonts (layout: character maps, metrics and layout tables; PDF export: the
    /// outlines of the glyphs set), and with the kernel's fault-around every glyph read makes
    /// 64 KiB of a file resident: releasing them between passes keeps only what the running pass
    /// reads in the resident set. Costs nothing but minor page faults (the pages stay in the OS
    /// page cache); the bytes Typst sees are the same. The first release of a file also cuts
    /// its mapping into pieces that fault-around cannot cross ([`split_mapping`]).
    pub fn release(&self) {
        for file in self.files().0 {
            file.release();
        }
    }

    /// The font files behind the store's faces, each once.
    pub fn files(&self) -> FontFiles {
        let mut files: Vec<Arc<SharedFile>> = Vec::new();
        for i in 0.. {
            let Some(source) = self.store.source(i) else { break };
            if let Some(face) = (source as &dyn std::any::Any).downcast_ref::<SharedFace>() {
                if !files.iter().any(|f| Arc::ptr_eq(f, &face.file)) {
                    files.push(face.file.clone());
                }
            }
        }
        FontFiles(files)
    }

    /// Forget what was asked so far (before a compile).
    pub fn start(&self) {
        self.asked.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// What Typst asked for since [`Fonts::start`] that the fonts folder lacks.
    pub fn problems(&self) -> Vec<FontProblem> {
        let asked = self.asked.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let mut reported = self.reported.lock().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<FontProblem> = asked
            .into_iter()
            .filter(|&i| matches!(self.entries[i], Entry::Guard { .. }) || reported.insert(i))
            .filter_map(|i| match &self.entries[i] {
                Entry::Guard { family, variant } => Some(FontProblem::Missing { family: family.clone(), variant: (*variant).into() }),
                Entry::System { path, in_folder: false } => {
                    let info = self.store.book().info(i)?;
                    Some(FontProblem::FromSystem { family: info.family.clone(), variant: info.variant.into(), path: path.clone() })
                }
                _ => None,
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Guard every variant of families the book lacks altogether (named as Typst's "unknown font
    /// family" warning names them), so that a compile records which faces are asked of them.
    pub fn guard_families(&mut self, families: &[String]) {
        for family in families {
            if self.store.book().select_family(&family.to_lowercase()).next().is_some() {
                continue;
            }
            for variant in standard_variants() {
                self.push_guard(family, variant);
            }
        }
    }

    fn push_guard(&mut self, family: &str, variant: FontVariant) {
        let info = FontInfo {
            family: family.to_string(),
            variant,
            flags: typst::text::FontFlags::empty(),
            axes: Vec::new(),
            coverage: Coverage::from_vec(Vec::new()),
        };
        self.store.push((NoFace, info));
        self.entries.push(Entry::Guard { family: family.to_string(), variant });
    }

    /// The faces the book holds for a family (lowercase name), real ones only.
    pub fn faces_of(&self, family: &str) -> Vec<VariantKey> {
        let book = self.store.book();
        let mut out: Vec<VariantKey> = book
            .select_family(&family.to_lowercase())
            .filter(|&i| !matches!(self.entries[i], Entry::Guard { .. }))
            .filter_map(|i| book.info(i).map(|info| info.variant.into()))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Family names in the fonts folio sees, sorted, with the number of faces of each.
    pub fn families(&self) -> Vec<(String, usize)> {
        let book = self.store.book();
        let mut out: Vec<(String, usize)> = book
            .families()
            .filter_map(|(name, ids)| {
                let n = ids.filter(|&i| !matches!(self.entries[i], Entry::Guard { .. })).count();
                (n > 0).then(|| (name.to_string(), n))
            })
            .collect();
        out.sort();
        out
    }
}

/// Every standard variant: weights 100–900 in steps of 100, three styles, the nine named widths.
fn standard_variants() -> impl Iterator<Item = FontVariant> {
    const STRETCHES: [FontStretch; 9] = [
        FontStretch::ULTRA_CONDENSED,
        FontStretch::EXTRA_CONDENSED,
        FontStretch::CONDENSED,
        FontStretch::SEMI_CONDENSED,
        FontStretch::NORMAL,
        FontStretch::SEMI_EXPANDED,
        FontStretch::EXPANDED,
        FontStretch::EXTRA_EXPANDED,
        FontStretch::ULTRA_EXPANDED,
    ];
    [FontStyle::Normal, FontStyle::Italic, FontStyle::Oblique].into_iter().flat_map(|style| {
        STRETCHES.into_iter().flat_map(move |stretch| {
            (1..=9u16).map(move |w| FontVariant::new(style, FontWeight::from_number(w * 100), stretch))
        })
    })
}

/// Whether a face is exactly `v` (a variable face: whether its axes reach `v`).
fn face_is(info: &FontInfo, v: FontVariant) -> bool {
    let axes = StandardAxes::parse(&info.axes);
    let style = info.variant.style == v.style
        || (axes.ital.is_some() && v.style == FontStyle::Italic)
        || (axes.slnt.is_some() && v.style == FontStyle::Oblique);
    let within = |axis: Option<&typst::text::FontAxis>, value: f32| axis.is_some_and(|a| a.min.0 <= value && value <= a.max.0);
    let weight = info.variant.weight == v.weight || within(axes.wght, f32::from(v.weight.to_number()));
    let stretch = info.variant.stretch == v.stretch || within(axes.wdth, (v.stretch.to_ratio().get() * 100.0) as f32);
    style && weight && stretch
}

/// Scan the fonts folder (and the system, if asked) into [`Fonts`] whose faces load lazily.
/// A fonts folder that does not exist is an error unless the system's fonts are used.
pub fn load(opts: &FontOptions) -> Result<Fonts, Diagnostic> {
    if !opts.dir.is_dir() && !opts.system {
        return Err(missing_folder(&opts.dir));
    }
    let mut files: HashMap<PathBuf, Arc<SharedFile>> = HashMap::new();
    let mut faces: Vec<(Arc<SharedFile>, u32, FontInfo, bool)> = Vec::new();
    let mut add = |entries: Vec<(PathBuf, u32, FontInfo)>, system: bool| {
        // Directory listings come in any order; sort for a stable font book.
        let mut entries = entries;
        entries.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        for (path, index, info) in entries {
            let file = files
                .entry(path.clone())
                .or_insert_with(|| Arc::new(SharedFile { path, bytes: OnceLock::new(), map: OnceLock::new(), split: OnceLock::new() }))
                .clone();
            faces.push((file, index, info, system));
        }
    };
    if opts.dir.is_dir() {
        add(scan(&opts.dir)?, false);
    }
    if opts.system {
        add(typst_kit::fonts::system().map(|(fp, info)| (fp.path, fp.index, info)).collect(), true);
    }
    // The guards go first: Typst keeps the first of equally near faces, so a request no real
    // face matches exactly lands on its guard.
    let mut by_family: BTreeMap<String, (String, Vec<&FontInfo>)> = BTreeMap::new();
    for (_, _, info, _) in &faces {
        by_family.entry(info.family.to_lowercase()).or_insert_with(|| (info.family.clone(), Vec::new())).1.push(info);
    }
    let mut fonts = Fonts { store: FontStore::new(), entries: Vec::new(), dir: opts.dir.clone(), asked: Mutex::new(BTreeSet::new()), reported: Mutex::new(BTreeSet::new()) };
    let mut guards: Vec<(String, FontVariant)> = Vec::new();
    for (family, infos) in by_family.values() {
        guards.extend(standard_variants().filter(|v| !infos.iter().any(|i| face_is(i, *v))).map(|v| (family.clone(), v)));
    }
    guards.extend(standard_variants().map(|v| (NO_FAMILY.to_string(), v)));
    for (family, variant) in guards {
        fonts.push_guard(&family, variant);
    }
    let folder: BTreeSet<(String, VariantKey)> = faces
        .iter()
        .filter(|f| !f.3)
        .map(|(_, _, info, _)| (info.family.to_lowercase(), info.variant.into()))
        .collect();
    for (file, index, mut info, system) in faces {
        let entry = if system {
            let in_folder = folder.contains(&(info.family.to_lowercase(), info.variant.into()));
            Entry::System { path: file.path.clone(), in_folder }
        } else {
            Entry::Folder
        };
        // No face claims any character: Typst's last-resort fallback finds none.
        info.coverage = Coverage::from_vec(Vec::new());
        fonts.store.push((SharedFace { file, index }, info));
        fonts.entries.push(entry);
    }
    Ok(fonts)
}

/// The error for a fonts folder that does not exist.
pub fn missing_folder(dir: &Path) -> Diagnostic {
    let default = dir.file_name().is_some_and(|n| n == crate::project::FONTS_DIR);
    if default {
        let root = dir.parent().unwrap_or(dir);
        Diagnostic::error(crate::tr!("fonts-no-folder", root = root.display(), dir = dir.display()))
        .hint(crate::tr!("fonts-no-folder-extract-hint"))
        .hint(crate::tr!("fonts-no-folder-hint"))
    } else {
        Diagnostic::error(crate::tr!("fonts-folder-missing", dir = dir.display()))
            .hint(crate::tr!("fonts-folder-missing-hint"))
    }
}

/// Turn what a compile asked for that the fonts lack into diagnostics: an error per missing
/// face (a family the book lacks altogether: one error per family, at `at` if given), a warning
/// per face taken from the system.
pub fn diagnostics(fonts: &Fonts, problems: &[FontProblem], unknown: &[(String, Option<Diagnostic>)]) -> Vec<Diagnostic> {
    let dir = fonts.dir.display();
    let mut out = Vec::new();
    let mut missing: BTreeMap<String, Vec<VariantKey>> = BTreeMap::new();
    for p in problems {
        match p {
            FontProblem::Missing { family, variant } => missing.entry(family.clone()).or_default().push(*variant),
            FontProblem::FromSystem { family, variant, path } => out.push(
                Diagnostic::warning(crate::tr!("fonts-from-system", dir = dir, family = family, variant = variant.to_string(), path = path.display()))
                .hint(crate::tr!("fonts-from-system-hint", dir = dir)),
            ),
        }
    }
    for (family, faces) in missing {
        let names: Vec<String> = faces.iter().map(|v| v.to_string()).collect();
        if family == NO_FAMILY {
            out.push(
                Diagnostic::error(crate::tr!("fonts-no-family", faces = names.join("; ")))
                .hint(crate::tr!("fonts-no-family-hint")),
            );
            continue;
        }
        let has = fonts.faces_of(&family);
        let located = unknown.iter().find(|(f, _)| f.eq_ignore_ascii_case(&family)).and_then(|(_, d)| d.clone());
        let message = if has.is_empty() {
            crate::tr!("fonts-family-missing-faces", family = family, faces = names.join("; "), dir = dir)
        } else {
            crate::tr!(
                "fonts-face-missing",
                family = family,
                faces = names.join(&crate::tr!("place-and")),
                dir = dir,
                has = has.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ")
            )
        };
        let mut d = match located {
            Some(mut d) => {
                d.severity = crate::diag::Severity::Error;
                d.message = message;
                d.hints.clear();
                d
            }
            None => Diagnostic::error(message),
        };
        d = d
            .hint(crate::tr!("fonts-never-substitute-hint"))
            .hint(crate::tr!("fonts-add-face-hint", dir = dir));
        out.push(d);
    }
    // Families Typst warned about that no text asked a face of (nothing was set in them).
    for (family, d) in unknown {
        if problems.iter().any(|p| matches!(p, FontProblem::Missing { family: f, .. } if f.eq_ignore_ascii_case(family))) {
            continue;
        }
        let message = crate::tr!("fonts-family-missing", family = family, dir = dir);
        let mut d = d.clone().unwrap_or_else(|| Diagnostic::error(""));
        d.severity = crate::diag::Severity::Error;
        d.message = message;
        d.hints.clear();
        out.push(d.hint(crate::tr!("fonts-add-family-hint", family = family, dir = dir)));
    }
    out
}

/// The family named by Typst 0.15.1's "unknown font family: NAME" warning, if it is one.
pub fn unknown_family(message: &str) -> Option<&str> {
    message.strip_prefix("unknown font family: ").map(str::trim)
}

/// Every face in the fonts under `dir` (recursively): file, index in the file, and what Typst
/// needs to select it. Uses and refreshes the scan cache.
pub fn scan(dir: &Path) -> Result<Vec<(PathBuf, u32, FontInfo)>, Diagnostic> {
    scan_with(dir, cache_file(dir))
}

/// [`scan`] with the cache file given (`None`: no cache).
pub fn scan_with(dir: &Path, cache_path: Option<PathBuf>) -> Result<Vec<(PathBuf, u32, FontInfo)>, Diagnostic> {
    let found = checked_files(dir)?;
    // A cache that is not a regular file (or too large) is not read: the fonts are scanned
    // afresh and the cache written anew.
    let cached: HashMap<PathBuf, CachedFile> = cache_path
        .as_deref()
        .and_then(|p| crate::project::read_regular(p, limits::FONT_CACHE).ok())
        .and_then(|b| serde_json::from_slice::<ScanCache>(&b).ok())
        .filter(|c| c.version == CACHE_VERSION)
        .map(|c| c.files.into_iter().map(|f| (f.path.clone(), f)).collect())
        .unwrap_or_default();
    let fresh: Vec<CachedFile> = found
        .par_iter()
        .filter_map(|(path, len, modified)| match cached.get(path) {
            Some(c) if c.len == *len && c.modified == *modified => Some(c.clone()),
            _ => Some(CachedFile { path: path.clone(), len: *len, modified: *modified, faces: scan_file(path).unwrap_or_default() }),
        })
        .collect();
    let unchanged = fresh.len() == cached.len()
        && fresh.iter().all(|f| cached.get(&f.path).is_some_and(|c| c.len == f.len && c.modified == f.modified));
    if let (Some(path), false) = (&cache_path, unchanged) {
        write_cache(path, &ScanCache { version: CACHE_VERSION.into(), dir: dir.to_path_buf(), files: fresh.clone() });
    }
    Ok(fresh.into_iter().flat_map(|f| f.faces.into_iter().map(move |(i, info)| (f.path.clone(), i, info))).collect())
}

/// The faces of one font file.
fn scan_file(path: &Path) -> Option<Vec<(u32, FontInfo)>> {
    let file = crate::project::open_regular(path, limits::FONT).ok()?;
    // SAFETY: as in `SharedFile::bytes`.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    // A collection's header: "ttcf", version, then the number of faces (big-endian u32).
    let count = if map.starts_with(b"ttcf") && map.len() >= 12 {
        u32::from_be_bytes([map[8], map[9], map[10], map[11]])
    } else {
        1
    };
    Some((0..count).filter_map(|i| FontInfo::new(&map, i).map(|info| (i, info))).collect())
}

/// The font files under `dir` (recursively, following symbolic links), sorted, with their size
/// and modification time. Anything in the folder that is neither a regular file nor a folder
/// (a FIFO, a socket, a device) is an error, and so is a font file above [`limits::FONT`].
fn checked_files(dir: &Path) -> Result<Vec<(PathBuf, u64, u128)>, Diagnostic> {
    let mut out = Vec::new();
    font_files(dir, &mut out, 0)?;
    out.sort();
    Ok(out)
}

/// The font files under `dir` (recursively), sorted, for watching the folder: as far as they
/// can be listed (the build itself refuses a folder with anything but files and folders).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    checked_files(dir).map(|f| f.into_iter().map(|(p, _, _)| p).collect()).unwrap_or_default()
}

fn is_font_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str()))
}

fn font_files(dir: &Path, out: &mut Vec<(PathBuf, u64, u128)>, depth: usize) -> Result<(), Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    let refuse = |path: &Path, e: ReadError| {
        let mut d = e.diagnostic(path);
        d.message = crate::tr!("fonts-in-folder", message = d.message);
        d.hint(crate::tr!("fonts-in-folder-hint"))
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Follows symbolic links; never opens anything.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(_) if !is_font_name(&path) => continue,
            Err(e) => return Err(refuse(&path, ReadError::Io(e))),
        };
        if meta.is_dir() {
            // Deep enough for any real font folder, and an end to symlink loops.
            if depth < 16 {
                font_files(&path, out, depth + 1)?;
            }
        } else if !meta.is_file() {
            let kind = crate::project::FileKind::of(meta.file_type()).unwrap_or(crate::project::FileKind::Other);
            return Err(refuse(&path, ReadError::NotRegular(kind)));
        } else if is_font_name(&path) {
            if let Err(e) = crate::project::stat_regular(&path, limits::FONT) {
                return Err(refuse(&path, e));
            }
            out.push((path, meta.len(), stamp(&meta)));
        }
    }
    Ok(())
}

/// Bump when the cache's meaning changes; the Typst version is part of it because `FontInfo`
/// is Typst's.
const CACHE_VERSION: &str = "folio-fonts-1 typst-0.15.1";

#[derive(Serialize, Deserialize)]
struct ScanCache {
    version: String,
    /// The fonts folder scanned.
    dir: PathBuf,
    files: Vec<CachedFile>,
}

/// Just the folder of a cache file.
#[derive(Deserialize)]
struct CacheDir {
    dir: PathBuf,
}

#[derive(Clone, Serialize, Deserialize)]
struct CachedFile {
    path: PathBuf,
    len: u64,
    /// Modification time in nanoseconds since the epoch.
    modified: u128,
    faces: Vec<(u32, FontInfo)>,
}

fn stamp(meta: &std::fs::Metadata) -> u128 {
    meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_nanos()).unwrap_or(0)
}

/// The cache file of a fonts folder, if caching is on and a cache folder is known.
pub fn cache_file(dir: &Path) -> Option<PathBuf> {
    let base = match std::env::var_os("FOLIO_CACHE_DIR") {
        Some(v) if v == "off" || v.is_empty() => return None,
        Some(v) => PathBuf::from(v),
        None => match std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
            Some(x) => PathBuf::from(x).join("folio"),
            None => PathBuf::from(std::env::var_os("HOME")?).join(".cache").join("folio"),
        },
    };
    let dir = dir.canonicalize().ok()?;
    Some(base.join(format!("fonts-{:032x}.json", typst::utils::hash128(&dir))))
}

/// Write the cache atomically; a cache that cannot be written is only a slower next start.
/// Caches of folders that no longer exist (temporary projects) are removed on the way.
fn write_cache(path: &Path, cache: &ScanCache) {
    if let Some(folder) = path.parent().and_then(|p| std::fs::read_dir(p).ok()) {
        for other in folder.flatten().map(|e| e.path()) {
            let is_cache = other.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("fonts-") && n.ends_with(".json"));
            if is_cache && other != path {
                // Never opened unless it is a regular file of a cache's size.
                let gone = crate::project::read_regular(&other, limits::FONT_CACHE)
                    .ok()
                    .and_then(|b| serde_json::from_slice::<CacheDir>(&b).ok())
                    .is_none_or(|c| !c.dir.is_dir());
                if gone {
                    let _ = std::fs::remove_file(&other);
                }
            }
        }
    }
    let Ok(bytes) = serde_json::to_vec(cache) else { return };
    if let Err(e) = crate::project::write_atomic(path, &bytes) {
        crate::diag::log(&format!("font scan cache not written: {}", e.message));
    }
}

/// The font files of the store that have been mapped so far (each is mapped at most once,
/// whatever number of its faces were used), sorted.
pub fn loaded(store: &FontStore) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = (0..)
        .map_while(|i| store.source(i))
        .filter_map(|s| (s as &dyn std::any::Any).downcast_ref::<SharedFace>())
        .filter(|face| face.file.bytes.get().is_some_and(Option::is_some))
        .map(|face| face.file.path.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A split mapping makes resident only the piece around a byte read, where a whole one
    /// makes 64 KiB resident (fault-around), and the kernel keeps the pieces apart.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_split_font_mapping_makes_one_piece_resident_per_read() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSerifCJK-Regular.ttc");
        let resident = |map: &memmap2::Mmap| -> (usize, u64) {
            let (start, end) = (map.as_ptr() as u64, map.as_ptr() as u64 + map.len().next_multiple_of(4096) as u64);
            let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
            let (mut pieces, mut kib, mut inside) = (0, 0, false);
            for line in smaps.lines() {
                let first = line.split_whitespace().next().unwrap_or("");
                if let Some((a, b)) = first.split_once('-').filter(|(a, b)| a.chars().chain(b.chars()).all(|c| c.is_ascii_hexdigit())) {
                    let (a, b) = (u64::from_str_radix(a, 16).unwrap(), u64::from_str_radix(b, 16).unwrap());
                    inside = a >= start && b <= end;
                    pieces += usize::from(inside);
                } else if let Some(v) = line.strip_prefix("Rss:").filter(|_| inside) {
                    kib += v.trim().trim_end_matches("kB").trim().parse::<u64>().unwrap();
                }
            }
            (pieces, kib)
        };
        let read = |map: &memmap2::Mmap| (0..40).map(|i| map[(i * 613_337) % map.len()] as u64).sum::<u64>();
        let file = std::fs::File::open(&path).unwrap();
        // SAFETY: a read-only mapping of a bundled font nobody writes during the test.
        let whole = unsafe { memmap2::Mmap::map(&file) }.unwrap();
        std::hint::black_box(read(&whole));
        let (one, whole_kib) = resident(&whole);
        // SAFETY: as above.
        let cut = unsafe { memmap2::Mmap::map(&file) }.unwrap();
        split_mapping(&cut);
        std::hint::black_box(read(&cut));
        let (pieces, cut_kib) = resident(&cut);
        assert_eq!(one, 1, "an unsplit mapping is one");
        assert!(pieces > 1000, "{pieces} pieces");
        assert!(cut_kib <= 40 * PIECE as u64 / 1024, "40 reads, at most a piece each: {cut_kib} KiB");
        assert!(cut_kib * 2 < whole_kib, "split {cut_kib} KiB, whole {whole_kib} KiB");
    }

    /// The cache gives the same faces as a fresh scan, and is refreshed when a file changes.
    #[test]
    fn scan_cache_matches_a_fresh_scan() {
        let fonts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(fonts.join("LXGWWenKai-Regular.ttf"), dir.path().join("kai.ttf")).unwrap();
        let fresh = dir.path().join("kai.ttf");
        let file = dir.path().join("cache/fonts.json");
        let scan = |d: &Path| scan_with(d, Some(file.clone())).unwrap();
        let first = scan(dir.path());
        assert!(file.is_file(), "the scan wrote its cache");
        let second = scan(dir.path());
        assert_eq!(first, second);
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].2.family, "LXGW WenKai");
        // A cache that lies about a file is not used once the file changes.
        let mut c: ScanCache = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        c.files[0].faces[0].1.family = "Stale".into();
        std::fs::write(&file, serde_json::to_vec(&c).unwrap()).unwrap();
        assert_eq!(scan(dir.path())[0].2.family, "Stale", "an unchanged file is taken from the cache");
        std::fs::write(&fresh, std::fs::read(fonts.join("LXGWWenKai-Regular.ttf")).unwrap()).unwrap();
        let f = std::fs::File::options().append(true).open(&fresh).unwrap();
        f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5)).unwrap();
        assert_eq!(scan(dir.path())[0].2.family, "LXGW WenKai", "a changed file is scanned again");
        assert_eq!(scan_with(dir.path(), None).unwrap(), first, "no cache: the same faces");
    }
}
