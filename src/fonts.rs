//! Fonts: the project's `fonts/` folder, scanned once per change and loaded lazily and shared.
//!
//! Takes the fonts folder (and, only when asked, the system's fonts) and gives a typst-kit
//! [`FontStore`]: a font book for Typst's font selection and, per face, a source that maps its
//! file into memory on first use. The faces of one collection (`.ttc`) share one mapping, so a
//! 27 MB Noto CJK collection is mapped once, however many of its faces a page uses, and a file
//! no page uses is never read.
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

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontSource, FontStore};

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
}

impl SharedFile {
    fn bytes(&self) -> Option<Bytes> {
        self.bytes
            .get_or_init(|| {
                let file = File::open(&self.path).ok()?;
                // SAFETY: the fonts folder is read-only for the build's duration; a font file
                // changed underneath a running build is the same hazard every font loader has.
                let map = Arc::new(unsafe { memmap2::Mmap::map(&file) }.ok()?);
                let bytes = Bytes::new(Mapped(map.clone()));
                // Typst will hash the whole file anyway; do it now, once, and then release the
                // pages that hashing made resident (see the module documentation).
                let _ = typst::utils::hash128(&bytes);
                #[cfg(unix)]
                // SAFETY: a read-only shared file mapping: dropped pages are read back from the
                // file on the next access, with the same contents.
                let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
                Some(bytes)
            })
            .clone()
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

/// Where fonts come from.
#[derive(Debug, Clone)]
pub struct FontOptions {
    /// The project's fonts folder.
    pub dir: PathBuf,
    /// Also use the system's fonts (off by default: output must not depend on the machine).
    pub system: bool,
}

/// Scan the fonts folder (and the system, if asked) into a store whose faces load lazily.
pub fn load(opts: &FontOptions) -> FontStore {
    let mut store = FontStore::new();
    let mut files: HashMap<PathBuf, Arc<SharedFile>> = HashMap::new();
    let mut add = |entries: Vec<(PathBuf, u32, FontInfo)>, store: &mut FontStore| {
        // Directory listings come in any order; sort for a stable font book.
        let mut entries = entries;
        entries.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        for (path, index, info) in entries {
            let file = files
                .entry(path.clone())
                .or_insert_with(|| Arc::new(SharedFile { path, bytes: OnceLock::new() }))
                .clone();
            store.push((SharedFace { file, index }, info));
        }
    };
    add(scan(&opts.dir), &mut store);
    if opts.system {
        add(typst_kit::fonts::system().map(|(fp, info)| (fp.path, fp.index, info)).collect(), &mut store);
    }
    store
}

/// Every face in the fonts under `dir` (recursively): file, index in the file, and what Typst
/// needs to select it. Uses and refreshes the scan cache.
pub fn scan(dir: &Path) -> Vec<(PathBuf, u32, FontInfo)> {
    scan_with(dir, cache_file(dir))
}

/// [`scan`] with the cache file given (`None`: no cache).
pub fn scan_with(dir: &Path, cache_path: Option<PathBuf>) -> Vec<(PathBuf, u32, FontInfo)> {
    let found = files(dir);
    let cached: HashMap<PathBuf, CachedFile> = cache_path
        .as_deref()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice::<ScanCache>(&b).ok())
        .filter(|c| c.version == CACHE_VERSION)
        .map(|c| c.files.into_iter().map(|f| (f.path.clone(), f)).collect())
        .unwrap_or_default();
    let fresh: Vec<CachedFile> = found
        .par_iter()
        .filter_map(|path| {
            let meta = std::fs::metadata(path).ok()?;
            let (len, modified) = (meta.len(), stamp(&meta));
            match cached.get(path) {
                Some(c) if c.len == len && c.modified == modified => Some(c.clone()),
                _ => Some(CachedFile { path: path.clone(), len, modified, faces: scan_file(path).unwrap_or_default() }),
            }
        })
        .collect();
    let unchanged = fresh.len() == cached.len()
        && fresh.iter().all(|f| cached.get(&f.path).is_some_and(|c| c.len == f.len && c.modified == f.modified));
    if let (Some(path), false) = (&cache_path, unchanged) {
        write_cache(path, &ScanCache { version: CACHE_VERSION.into(), dir: dir.to_path_buf(), files: fresh.clone() });
    }
    fresh.into_iter().flat_map(|f| f.faces.into_iter().map(move |(i, info)| (f.path.clone(), i, info))).collect()
}

/// The faces of one font file.
fn scan_file(path: &Path) -> Option<Vec<(u32, FontInfo)>> {
    let file = File::open(path).ok()?;
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

/// The font files under `dir` (recursively, following symbolic links), sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    font_files(dir, &mut out, 0);
    out.sort();
    out
}

fn font_files(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // Deep enough for any real font folder, and an end to symlink loops.
            if depth < 16 {
                font_files(&path, out, depth + 1);
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["ttf", "otf", "ttc", "otc"].contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
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
                let gone = std::fs::read(&other)
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
    if let Err(e) = crate::export::write_atomic(path, &bytes) {
        if std::env::var_os("FOLIO_LOG").is_some() {
            eprintln!("folio: font scan cache not written: {}", e.message);
        }
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

/// Family names in the store, sorted, with the number of faces of each.
pub fn families(store: &FontStore) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = store
        .book()
        .families()
        .map(|(name, infos)| (name.to_string(), infos.count()))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cache gives the same faces as a fresh scan, and is refreshed when a file changes.
    #[test]
    fn scan_cache_matches_a_fresh_scan() {
        let fonts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(fonts.join("LXGWWenKai-Regular.ttf"), dir.path().join("kai.ttf")).unwrap();
        let fresh = dir.path().join("kai.ttf");
        let file = dir.path().join("cache/fonts.json");
        let scan = |d: &Path| scan_with(d, Some(file.clone()));
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
        assert_eq!(scan_with(dir.path(), None), first, "no cache: the same faces");
    }
}
