//! Stage 2: the sandboxed Typst world.
//!
//! Takes the [`Project`] (root, layouts, fonts) and gives [`FolioWorld`], a Typst `World` that
//! serves the templates and photos from the project root only (no packages, no absolute paths,
//! no `..` or symlink out of the root), fonts from the fonts folder only, a fixed date, and the
//! edition's data as a virtual JSON file. Serving the data as a file (not `sys.inputs`) keeps
//! recompiles incremental: an edit to one story changes one file, and comemo reuses the rest.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;

use crate::project::Project;

/// Virtual folder for generated data; never read from disk.
pub const DATA_DIR: &str = "/.folio";

/// Loads project files, refusing anything outside the root.
#[derive(Debug)]
pub struct Sandbox {
    root: PathBuf,
}

impl Sandbox {
    /// Map a file id to a real path inside the root, or say why not.
    pub fn resolve(&self, id: FileId) -> FileResult<PathBuf> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Other(Some(
                format!("package {spec} is not available: folio builds offline from the project's own layouts/").into(),
            )));
        }
        let path = id.vpath().realize(&self.root).map_err(FileError::Realize)?;
        match path.canonicalize() {
            Ok(real) if real.starts_with(&self.root) => Ok(real),
            Ok(real) => Err(FileError::Other(Some(
                format!(
                    "{} points outside the project root (to {}); folio reads only files under the root",
                    id.vpath().get_with_slash(),
                    real.display()
                )
                .into(),
            ))),
            Err(_) => Err(FileError::NotFound(path)),
        }
    }
}

impl FileLoader for Sandbox {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        let path = self.resolve(id)?;
        if path.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&path).map(Bytes::new).map_err(|e| FileError::from_io(e, &path))
    }
}

/// The Typst world of one project.
pub struct FolioWorld {
    root: PathBuf,
    library: LazyHash<Library>,
    fonts: FontStore,
    files: FileStore<Sandbox>,
    virtual_files: HashMap<FileId, Bytes>,
    main: FileId,
    today: Datetime,
}

impl FolioWorld {
    /// A world over the project with the given fonts. `main` is a path under `layouts/`.
    pub fn new(project: &Project, fonts: FontStore) -> Self {
        let main = Self::layout_id("galley.typ");
        Self {
            root: project.root.clone(),
            library: LazyHash::new(Library::builder().build()),
            fonts,
            files: FileStore::new(Sandbox { root: project.root.clone() }),
            virtual_files: HashMap::new(),
            main,
            today: Datetime::from_ymd(2000, 1, 1).expect("valid date"),
        }
    }

    /// The id of a file in `layouts/`.
    pub fn layout_id(name: &str) -> FileId {
        Self::project_id(&format!("/{}/{name}", crate::project::LAYOUTS_DIR))
    }

    /// The id of a project file by its root-relative path (with leading slash).
    pub fn project_id(path: &str) -> FileId {
        RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("valid virtual path")).intern()
    }

    /// Compile `main` next.
    pub fn set_main(&mut self, id: FileId) {
        self.main = id;
    }

    /// Serve `bytes` at the virtual path `/.folio/<name>`.
    pub fn set_data(&mut self, name: &str, bytes: Vec<u8>) {
        let id = Self::project_id(&format!("{DATA_DIR}/{name}"));
        self.virtual_files.insert(id, Bytes::new(bytes));
    }

    /// The bytes served at `/.folio/<name>`, if any (for `--emit-typst`, which inlines them).
    pub fn data(&self, name: &str) -> Option<&Bytes> {
        self.virtual_files.get(&Self::project_id(&format!("{DATA_DIR}/{name}")))
    }

    /// Serve `bytes` in place of the project file at `path` (root-relative, leading slash), e.g.
    /// a photo folio has rotated, converted to grayscale or downsampled. The file on disk is
    /// not touched; nothing outside the root is ever read.
    pub fn replace_file(&mut self, path: &str, bytes: Vec<u8>) {
        self.virtual_files.insert(Self::project_id(path), Bytes::new(bytes));
    }

    /// Serve the project file at `path` from disk again (undo [`Self::replace_file`]).
    pub fn restore_file(&mut self, path: &str) {
        if !path.starts_with(DATA_DIR) {
            self.virtual_files.remove(&Self::project_id(path));
        }
    }

    /// Root-relative paths (leading slash) of the project files served from memory in place of
    /// the disk (see [`Self::replace_file`]), sorted.
    pub fn replaced_files(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .virtual_files
            .keys()
            .map(|id| id.vpath().get_with_slash().to_string())
            .filter(|p| !p.starts_with(DATA_DIR))
            .collect();
        out.sort();
        out
    }

    /// Set the date `datetime.today()` returns (the edition's date, for reproducible output).
    pub fn set_today(&mut self, year: i32, month: u8, day: u8) {
        if let Some(d) = Datetime::from_ymd(year, month, day) {
            self.today = d;
        }
    }

    /// Forget cached file contents so the next compile sees edits on disk (watch mode).
    pub fn reset(&mut self) {
        self.files.reset();
    }

    /// Real paths of the project files the last compile read.
    pub fn dependencies(&mut self) -> Vec<PathBuf> {
        let (loader, ids) = self.files.dependencies();
        ids.filter_map(|id| loader.resolve(id).ok()).collect()
    }

    /// The font store.
    pub fn fonts(&self) -> &FontStore {
        &self.fonts
    }

    /// The project root.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl World for FolioWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if self.virtual_files.contains_key(&id) {
            return Err(FileError::NotSource);
        }
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.virtual_files.get(&id) {
            return Ok(bytes.clone());
        }
        if id.vpath().get_with_slash().starts_with(DATA_DIR) {
            return Err(FileError::NotFound(id.vpath().get_with_slash().into()));
        }
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for FolioWorld {
    fn name(&self, id: FileId) -> String {
        id.vpath().get_without_slash().to_string()
    }
}
