//! Stage 2: the sandboxed Typst world.
//!
//! Takes the [`Project`] (root, layouts, fonts) and gives [`FolioWorld`], a Typst `World` that
//! serves the templates and photos from the project root only (no packages, no absolute paths,
//! no `..` or symlink out of the root, nothing that is not a regular file, nothing above its
//! size limit), fonts from the fonts folder only (never a face the templates did not ask for:
//! see [`crate::layout::fonts`]), a fixed date, and the edition's data as a virtual JSON file. Serving the data as a file (not `sys.inputs`) keeps
//! recompiles incremental: an edit to one story changes one file, and comemo reuses the rest.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult, SourceDiagnostic, SourceResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontFamily, FontList, TextElem};
use typst::utils::LazyHash;
use typst::diag::Severity as TypstSeverity;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::layout::fonts::{self, Fonts};
use crate::project::{limits, FileKind, Project, ReadError};

/// The data files folio writes for the templates (under `/.folio/`), each with a schema
/// version. This is the one place the versions are defined; each template asserts the version
/// of the file it reads (`#assert.eq(data.schema, "folio-pages/3", …)`), so templates from
/// another folio version fail with a message naming both instead of reading a field that is
/// not there. Bump a version when a field a template reads changes meaning or goes away. Every
/// field is described in `layouts/DATA.md` (checked against what Rust writes and what the
/// templates read by `tests/template_data.rs`).
///
/// | file | schema | read by | what |
/// |---|---|---|---|
/// | `galley.json` | `folio-galley/3` | `galley.typ` | pass 1: every piece of copy with its width and format |
/// | `pages.json` | `folio-pages/3` | `page.typ` (`edition.typ`, `spread.typ`) | pass 2: the composed pages and spreads |
/// | `proof.json` | `folio-proof/1` | `proof.typ` | `folio proof`'s marks |
/// | `output.json` | `folio-output/1` | `style.typ` | the colour route (`cmyk` or `gray`) |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// `galley.json`.
    Galley,
    /// `pages.json`.
    Pages,
    /// `proof.json`.
    Proof,
    /// `output.json`.
    Output,
}

impl DataFile {
    /// Its file name under `/.folio/`.
    pub fn name(self) -> &'static str {
        match self {
            DataFile::Galley => "galley.json",
            DataFile::Pages => "pages.json",
            DataFile::Proof => "proof.json",
            DataFile::Output => "output.json",
        }
    }

    /// Its schema version.
    pub fn schema(self) -> &'static str {
        match self {
            DataFile::Galley => "folio-galley/3",
            DataFile::Pages => "folio-pages/3",
            DataFile::Proof => "folio-proof/1",
            DataFile::Output => "folio-output/1",
        }
    }
}

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
        let limit = if path.extension().is_some_and(|e| e == "typ") { limits::TEMPLATE } else { limits::PHOTO };
        match crate::project::read_regular(&path, limit) {
            Ok(bytes) => Ok(Bytes::new(bytes)),
            Err(ReadError::NotRegular(FileKind::Directory)) => Err(FileError::IsDirectory),
            Err(ReadError::NotFound) => Err(FileError::NotFound(path)),
            Err(ReadError::Io(e)) => Err(FileError::from_io(e, &path)),
            Err(e) => {
                let shown = std::path::Path::new(id.vpath().get_without_slash());
                Err(FileError::Other(Some(format!("{} ({})", e.message(shown), e.fix()).into())))
            }
        }
    }
}

/// A Typst compile of the world's main file, with what it asked of the fonts checked.
pub struct Checked {
    /// Typst's output.
    pub output: SourceResult<PagedDocument>,
    /// Typst's warnings, less those about fonts (they are in `fonts`).
    pub warnings: Vec<SourceDiagnostic>,
    /// Faces the templates asked for that the fonts folder lacks: errors (a missing face or
    /// family, text with no family) and warnings (a face taken from the system).
    pub fonts: Vec<Diagnostic>,
}

/// The Typst world of one project.
pub struct FolioWorld {
    root: PathBuf,
    library: LazyHash<Library>,
    fonts: Fonts,
    files: FileStore<Sandbox>,
    virtual_files: HashMap<FileId, Bytes>,
    main: FileId,
    today: Datetime,
}

impl FolioWorld {
    /// A world over the project with the given fonts. `main` is a path under `layouts/`.
    pub fn new(project: &Project, fonts: Fonts) -> Self {
        let main = Self::layout_id("galley.typ");
        // Text for which a template names no family asks for one no font has (Typst's own
        // default, Libertinus Serif, would fall back to any face): see `crate::layout::fonts`.
        let mut library = Library::builder().build();
        library.styles.set(TextElem::font, FontList(vec![FontFamily::new(fonts::NO_FAMILY)]));
        Self {
            root: project.root.clone(),
            library: LazyHash::new(library),
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

    /// Serve `value` as the data file `file`, with its schema version in a `schema` field that
    /// the template reading it asserts.
    pub fn set_versioned(&mut self, file: DataFile, value: &impl serde::Serialize) {
        let mut v = serde_json::to_value(value).expect("serializable");
        if let serde_json::Value::Object(map) = &mut v {
            map.insert("schema".into(), file.schema().into());
        }
        self.set_data(file.name(), serde_json::to_vec(&v).expect("serializable"));
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

    /// [`Self::replace_file`] with bytes shared with the caller (no copy).
    pub fn replace_file_bytes(&mut self, path: &str, bytes: Bytes) {
        self.virtual_files.insert(Self::project_id(path), bytes);
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

    /// Hand back to the OS the pages of the font files read so far (see
    /// [`Fonts::release`]): between the compile and the PDF export, which read other parts.
    pub fn release_fonts(&self) {
        self.fonts.release();
    }

    /// The font files behind the faces, to cut their mappings into pieces on another thread.
    pub fn font_files(&self) -> crate::layout::fonts::FontFiles {
        self.fonts.files()
    }

    /// The font store.
    pub fn fonts(&self) -> &FontStore {
        self.fonts.store()
    }

    /// Compile the main file with Typst and check what it asked of the fonts: every face it
    /// asked for that the fonts folder lacks becomes an error naming the family, the face and
    /// the folder (see [`crate::layout::fonts`]). A family the fonts lack altogether (Typst's "unknown
    /// font family" warning) is guarded and compiled once more to learn the faces asked of it;
    /// that second compile happens only when the build fails anyway.
    pub fn compile_checked(&mut self) -> Checked {
        self.fonts.start();
        let result = typst::compile::<PagedDocument>(&*self);
        let mut unknown: Vec<(String, Option<Diagnostic>)> = Vec::new();
        let mut warnings = Vec::new();
        for w in result.warnings {
            match fonts::unknown_family(&w.message) {
                Some(family) if !unknown.iter().any(|(f, _)| f == family) => {
                    unknown.push((family.to_string(), Some(convert(self, &w))));
                }
                Some(_) => {}
                None => warnings.push(w),
            }
        }
        if !unknown.is_empty() {
            let families: Vec<String> = unknown.iter().map(|(f, _)| f.clone()).collect();
            self.fonts.guard_families(&families);
            let _ = typst::compile::<PagedDocument>(&*self);
        }
        let problems = self.fonts.problems();
        let fonts = fonts::diagnostics(&self.fonts, &problems, &unknown);
        Checked { output: result.output, warnings, fonts }
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
        self.fonts.store().book()
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

/// Turn a Typst diagnostic into a located folio diagnostic.
pub fn convert(world: &FolioWorld, d: &SourceDiagnostic) -> Diagnostic {
    let mut out = match d.severity {
        TypstSeverity::Error => Diagnostic::error(d.message.to_string()),
        TypstSeverity::Warning => Diagnostic::warning(d.message.to_string()),
    };
    // Errors inside the standard library point nowhere; the trace names the template call.
    let spans = std::iter::once(d.span).chain(d.trace.iter().rev().map(|t| t.span.into()));
    for span in spans {
        if let Some(id) = span.id() {
            if let (Ok(source), Some(range)) = (world.source(id), world.range(span)) {
                out = out
                    .in_file(std::path::Path::new(id.vpath().get_without_slash()), source.text())
                    .with_span(Some(range));
                break;
            }
        }
    }
    for hint in &d.hints {
        out = out.hint(hint.v.to_string());
    }
    out
}
