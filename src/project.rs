//! The project root and the sandbox around it.
//!
//! Takes the edition directory the user named (and optionally an explicit root) and gives a
//! [`Project`]: the root folder that holds `layouts/`, `fonts/` and the editions. Every path folio
//! reads goes through [`Project::resolve_in`] or [`Project::inside`], which refuse absolute paths,
//! `..` that leaves the root, and symlinks that point out of it; and every file folio reads is
//! read through [`read_regular`] (or opened through [`open_regular`]), which refuses anything
//! that is not a regular file without opening it, and files above their [`limits`].

use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;

/// Folder of the Typst templates, relative to the root.
pub const LAYOUTS_DIR: &str = "layouts";
/// Folder of the bundled fonts, relative to the root.
pub const FONTS_DIR: &str = "fonts";

/// A folio project: the root every file read must lie in.
#[derive(Debug, Clone)]
pub struct Project {
    /// Canonical absolute root.
    pub root: PathBuf,
    /// The layouts folder.
    pub layouts: PathBuf,
    /// The fonts folder (may be outside the root: fonts are not content).
    pub fonts: PathBuf,
}

impl Project {
    /// Find the project for an edition: `root` if given, else the nearest ancestor of `start`
    /// that has a `layouts/` folder.
    pub fn discover(start: &Path, root: Option<&Path>, fonts: Option<&Path>) -> Result<Self, Diagnostic> {
        let root = match root {
            Some(r) => r.canonicalize().map_err(|e| {
                Diagnostic::error(crate::tr!("project-cannot-open-root", path = r.display(), error = e.to_string()))
                    .hint(crate::tr!("project-cannot-open-root-hint"))
            })?,
            None => {
                let abs = start.canonicalize().map_err(|e| {
                    Diagnostic::error(crate::tr!("project-cannot-open", path = start.display(), error = e.to_string()))
                        .hint(crate::tr!("project-cannot-open-edition-hint"))
                })?;
                abs.ancestors()
                    .find(|a| a.join(LAYOUTS_DIR).is_dir())
                    .map(Path::to_path_buf)
                    .ok_or_else(|| {
                        Diagnostic::error(crate::tr!("project-none", path = start.display(), layouts = LAYOUTS_DIR))
                        .hint(crate::tr!("project-none-hint"))
                    })?
            }
        };
        if !root.join(LAYOUTS_DIR).is_dir() {
            return Err(Diagnostic::error(crate::tr!("project-no-layouts", path = root.display(), layouts = LAYOUTS_DIR))
                .hint(crate::tr!("project-no-layouts-hint")));
        }
        let fonts = fonts.map(Path::to_path_buf).unwrap_or_else(|| root.join(FONTS_DIR));
        Ok(Self { layouts: root.join(LAYOUTS_DIR), fonts, root })
    }

    /// A path for messages: relative to the root when inside it.
    pub fn display(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
    }

    /// Check that an existing directory or file lies inside the root; give its canonical path.
    pub fn inside(&self, path: &Path) -> Result<PathBuf, Diagnostic> {
        let abs = path.canonicalize().map_err(|e| {
            Diagnostic::error(crate::tr!("project-cannot-open", path = path.display(), error = e.to_string()))
                .hint(crate::tr!("check-the-path"))
        })?;
        if abs.starts_with(&self.root) {
            Ok(abs)
        } else {
            Err(Diagnostic::error(crate::tr!("project-outside", path = path.display(), root = self.root.display()))
            .hint(crate::tr!("project-outside-hint")))
        }
    }

    /// Resolve `rel` (as written in a content file) against `base`, refusing anything that
    /// would leave the project root. The error is a sentence naming the path.
    pub fn resolve_in(&self, base: &Path, rel: &str) -> Result<PathBuf, String> {
        let p = Path::new(rel);
        if rel.is_empty() {
            return Err(crate::tr!("path-empty"));
        }
        if p.is_absolute() || rel.starts_with('/') || rel.starts_with('\\') || rel.contains(':') {
            return Err(crate::tr!("path-absolute", path = rel));
        }
        let mut out = base.to_path_buf();
        for c in p.components() {
            match c {
                Component::Normal(s) => out.push(s),
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                _ => return Err(crate::tr!("path-not-plain", path = rel)),
            }
        }
        if !out.starts_with(&self.root) {
            return Err(crate::tr!("path-escapes", path = rel));
        }
        // A symlink (anywhere along the path) may still point out.
        if let Ok(real) = out.canonicalize() {
            if !real.starts_with(&self.root) {
                return Err(crate::tr!("path-symlink-out", path = rel));
            }
            return Ok(real);
        }
        Ok(out)
    }
}

/// The most folio reads of each kind of input (see README, "Limits"). Files above a limit are
/// refused before they are read, with a message naming the file and the limit.
pub mod limits {
    /// One mebibyte.
    pub const MIB: u64 = 1024 * 1024;

    /// A limit on a file's size, with what it is a limit for.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Limit {
        /// Bytes.
        pub bytes: u64,
        /// The kind of file, for messages: a message ID of the catalogue (`limit-toml`).
        pub what: &'static str,
    }

    /// A TOML file: `edition.toml`, a story, `layouts/formats.toml`. A long feature of 20 000
    /// characters is about 60 KB of UTF-8; 1 MiB holds some 340 000 Chinese characters.
    pub const TOML: Limit = Limit { bytes: MIB, what: "limit-toml" };
    /// A Typst template in `layouts/` (the bundled ones are under 40 KB together).
    pub const TEMPLATE: Limit = Limit { bytes: 4 * MIB, what: "limit-template" };
    /// A photo, or any other file a template reads (a 6000 × 4000 press JPEG is 5–15 MB).
    pub const PHOTO: Limit = Limit { bytes: 64 * MIB, what: "limit-photo" };
    /// A font file (mapped, not read whole; the bundled Noto CJK collections are 20–27 MB).
    pub const FONT: Limit = Limit { bytes: 256 * MIB, what: "limit-font" };
    /// The font scan cache (about 2 MB for the bundled fonts).
    pub const FONT_CACHE: Limit = Limit { bytes: 64 * MIB, what: "limit-font-cache" };
    /// An output folder's `manifest.json` (some 400 bytes a file: 64 MiB lists 150 000 PDFs).
    pub const MANIFEST: Limit = Limit { bytes: 64 * MIB, what: "limit-manifest" };
    /// The photos' measurements cache (a few hundred bytes a photo).
    pub const PHOTO_CACHE: Limit = Limit { bytes: 4 * MIB, what: "limit-photo-cache" };
    /// The headline words cache (a run of display text and its word boundaries: some 60
    /// bytes a run).
    pub const WORDS_CACHE: Limit = Limit { bytes: 4 * MIB, what: "limit-words-cache" };

    /// Bytes in MiB (or KiB) for messages.
    pub fn human(bytes: u64) -> String {
        if bytes >= MIB {
            format!("{:.1} MiB", bytes as f64 / MIB as f64).replace(".0 ", " ")
        } else {
            format!("{:.1} KiB", bytes as f64 / 1024.0).replace(".0 ", " ")
        }
    }
}

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A folder.
    Directory,
    /// A named pipe: opening it waits for a writer.
    Fifo,
    /// A Unix socket.
    Socket,
    /// A character device such as `/dev/zero`.
    CharDevice,
    /// A block device.
    BlockDevice,
    /// Anything else that is not a regular file.
    Other,
}

impl FileKind {
    /// What a file type is, or `None` for a regular file.
    pub fn of(ft: std::fs::FileType) -> Option<Self> {
        #[cfg(unix)]
        use std::os::unix::fs::FileTypeExt;
        if ft.is_file() {
            return None;
        }
        if ft.is_dir() {
            return Some(Self::Directory);
        }
        #[cfg(unix)]
        {
            if ft.is_fifo() {
                return Some(Self::Fifo);
            }
            if ft.is_socket() {
                return Some(Self::Socket);
            }
            if ft.is_char_device() {
                return Some(Self::CharDevice);
            }
            if ft.is_block_device() {
                return Some(Self::BlockDevice);
            }
        }
        Some(Self::Other)
    }
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Directory => crate::tr!("file-kind-directory"),
            Self::Fifo => crate::tr!("file-kind-fifo"),
            Self::Socket => crate::tr!("file-kind-socket"),
            Self::CharDevice => crate::tr!("file-kind-char-device"),
            Self::BlockDevice => crate::tr!("file-kind-block-device"),
            Self::Other => crate::tr!("file-kind-other"),
        }.as_str())
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The path is not a regular file (a FIFO, a device, a socket, a directory).
    NotRegular(FileKind),
    /// The file is larger than its limit.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit it is above.
        limit: limits::Limit,
    },
    /// The file does not exist (or a symlink on the way dangles).
    NotFound,
    /// Any other I/O error.
    Io(std::io::Error),
}

impl ReadError {
    fn io(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::NotFound { Self::NotFound } else { Self::Io(e) }
    }

    /// What went wrong, as a sentence about `shown` (the path as the user knows it).
    pub fn message(&self, shown: &Path) -> String {
        let p = shown.display();
        match self {
            Self::NotRegular(kind) => crate::tr!("read-not-regular", path = p, kind = kind.to_string()),
            Self::TooLarge { size, limit } => crate::tr!(
                "read-too-large",
                path = p,
                size = limits::human(*size),
                limit = limits::human(limit.bytes),
                what = crate::i18n::message(limit.what, &[])
            ),
            Self::NotFound => crate::tr!("read-not-found", path = p),
            Self::Io(e) => crate::tr!("source-cannot-read", file = p, error = e.to_string()),
        }
    }

    /// How to fix it.
    pub fn fix(&self) -> String {
        match self {
            Self::NotRegular(FileKind::Directory) => crate::tr!("read-directory-hint"),
            Self::NotRegular(_) => crate::tr!("read-not-regular-hint"),
            Self::TooLarge { limit, .. } => crate::tr!(
                "read-too-large-hint",
                what = crate::i18n::message(limit.what, &[]),
                limit = limits::human(limit.bytes)
            ),
            Self::NotFound => crate::tr!("check-the-path"),
            Self::Io(_) => crate::tr!("read-io-hint"),
        }
    }

    /// A diagnostic naming the file (in its message: there is no line to point at).
    pub fn diagnostic(&self, shown: &Path) -> Diagnostic {
        Diagnostic::error(self.message(shown)).hint(self.fix())
    }
}

/// Check, without opening it, that `path` (symlinks followed) is a regular file within `limit`;
/// gives its size.
pub fn stat_regular(path: &Path, limit: limits::Limit) -> Result<u64, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::io)?;
    if let Some(kind) = FileKind::of(meta.file_type()) {
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > limit.bytes {
        return Err(ReadError::TooLarge { size: meta.len(), limit });
    }
    Ok(meta.len())
}

/// Open a regular file within `limit` for reading, never blocking: the path is checked first
/// (a FIFO is never opened), then opened with `O_NONBLOCK` (so a FIFO swapped in meanwhile
/// cannot hang the build either) and checked again on the open file.
pub fn open_regular(path: &Path, limit: limits::Limit) -> Result<std::fs::File, ReadError> {
    stat_regular(path, limit)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(ReadError::io)?;
    let meta = file.metadata().map_err(ReadError::io)?;
    if let Some(kind) = FileKind::of(meta.file_type()) {
        return Err(ReadError::NotRegular(kind));
    }
    if meta.len() > limit.bytes {
        return Err(ReadError::TooLarge { size: meta.len(), limit });
    }
    Ok(file)
}

/// Read a whole regular file of at most `limit` bytes (see [`open_regular`]). A file that grows
/// past the limit while it is read is refused too.
pub fn read_regular(path: &Path, limit: limits::Limit) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = open_regular(path, limit)?;
    let mut bytes = Vec::new();
    file.take(limit.bytes + 1).read_to_end(&mut bytes).map_err(ReadError::io)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(ReadError::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// The user's cache folder for what folio remembers between runs (the font scan, photos'
/// measurements): `$FOLIO_CACHE_DIR`, else `$XDG_CACHE_HOME/folio`, else `~/.cache/folio`;
/// `None` when `FOLIO_CACHE_DIR=off` (or empty) turns caching off, or no folder is known.
/// Nothing read from it is trusted further than a cache: every entry is keyed by what it
/// describes, and a missing, stale or unreadable cache is only a slower run.
pub fn cache_dir() -> Option<PathBuf> {
    match std::env::var_os("FOLIO_CACHE_DIR") {
        Some(v) if v == "off" || v.is_empty() => None,
        Some(v) => Some(PathBuf::from(v)),
        None => match std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
            Some(x) => Some(PathBuf::from(x).join("folio")),
            None => Some(PathBuf::from(std::env::var_os("HOME")?).join(".cache").join("folio")),
        },
    }
}

/// Replace each existing file of `files` with its bytes, all or none: every new file is
/// written and synced beside its old one first (with the old one's permissions), and only
/// then does each take its file's name; a file that is read-only, or a folder that takes no
/// new file, is an error before any file changes (session 42: `folio place --write` rewrote 9
/// story files of 10 before the tenth's read-only folder stopped it, and replaced a read-only
/// story with a writable one).
pub fn replace_all(files: &[(PathBuf, String)]) -> Result<(), Diagnostic> {
    let mut staged = Vec::new();
    for (path, text) in files {
        let meta = std::fs::metadata(path).map_err(|e| Diagnostic::error(crate::tr!("cannot-write", file = path.display(), error = e.to_string())))?;
        if meta.permissions().readonly() {
            return Err(Diagnostic::error(crate::tr!("file-read-only", file = path.display())).hint(crate::tr!("file-read-only-hint")));
        }
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let mut tmp = tempfile::Builder::new()
            .prefix(".folio-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Diagnostic::error(crate::tr!("cannot-write-in", dir = dir.display(), error = e.to_string())).hint(crate::tr!("file-unchanged-hint")))?;
        std::io::Write::write_all(&mut tmp, text.as_bytes())
            .and_then(|_| tmp.as_file().set_permissions(meta.permissions()))
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(|e| Diagnostic::error(crate::tr!("cannot-write", file = path.display(), error = e.to_string())).hint(crate::tr!("file-unchanged-hint")))?;
        staged.push((tmp, path));
    }
    for (tmp, path) in staged {
        tmp.persist(path).map_err(|e| Diagnostic::error(crate::tr!("cannot-write", file = path.display(), error = e.error.to_string())))?;
    }
    Ok(())
}

/// Write `bytes` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| Diagnostic::error(crate::tr!("project-cannot-create", path = dir.display(), error = e.to_string())).hint(crate::tr!("project-check-out")))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".folio-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Diagnostic::error(crate::tr!("cannot-write-in", dir = dir.display(), error = e.to_string())).code(crate::diag::Code::Export))?;
    std::io::Write::write_all(&mut tmp, bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Diagnostic::error(crate::tr!("cannot-write", file = path.display(), error = e.to_string())).code(crate::diag::Code::Export))?;
    // Temporary files are created owner-only; the output is an ordinary file for everyone
    // who may read the folder (the permissions a plain write would give under umask 022).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(path)
        .map_err(|e| Diagnostic::error(crate::tr!("cannot-write", file = path.display(), error = e.error.to_string())).code(crate::diag::Code::Export))?;
    Ok(())
}

