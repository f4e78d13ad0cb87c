//! Fonts: the project's `fonts/` folder, loaded lazily and shared.
//!
//! Takes the fonts folder (and, only when asked, the system's fonts) and gives a typst-kit
//! [`FontStore`]: a font book for Typst's font selection and, per face, a source that maps its
//! file into memory on first use. The faces of one collection (`.ttc`) share one mapping, so a
//! 27 MB Noto CJK collection is mapped once, however many of its faces a page uses.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontSource, FontStore};

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
                let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
                Some(Bytes::new(map))
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
    let mut add = |entries: Vec<(typst_kit::fonts::FontPath, FontInfo)>, store: &mut FontStore| {
        // fontdb's order depends on directory listing; sort for a stable font book.
        let mut entries = entries;
        entries.sort_by(|a, b| (&a.0.path, a.0.index).cmp(&(&b.0.path, b.0.index)));
        for (fp, info) in entries {
            let file = files
                .entry(fp.path.clone())
                .or_insert_with(|| Arc::new(SharedFile { path: fp.path.clone(), bytes: OnceLock::new() }))
                .clone();
            store.push((SharedFace { file, index: fp.index }, info));
        }
    };
    add(typst_kit::fonts::scan(&opts.dir).collect(), &mut store);
    if opts.system {
        add(typst_kit::fonts::system().collect(), &mut store);
    }
    store
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
