//! The project root and the sandbox around it.
//!
//! Takes the edition directory the user named (and optionally an explicit root) and gives a
//! [`Project`]: the root folder that holds `layouts/`, `fonts/` and the editions. Every path folio
//! reads goes through [`Project::resolve_in`] or [`Project::inside`], which refuse absolute paths,
//! `..` that leaves the root, and symlinks that point out of it.

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
                Diagnostic::error(format!("cannot open project root {}: {e}", r.display()))
                    .hint("pass --root a folder that holds layouts/ and fonts/")
            })?,
            None => {
                let abs = start.canonicalize().map_err(|e| {
                    Diagnostic::error(format!("cannot open {}: {e}", start.display()))
                        .hint("pass an existing edition directory, e.g. content/jiangxi-special")
                })?;
                abs.ancestors()
                    .find(|a| a.join(LAYOUTS_DIR).is_dir())
                    .map(Path::to_path_buf)
                    .ok_or_else(|| {
                        Diagnostic::error(format!(
                            "no folio project around {}: no parent folder has a {LAYOUTS_DIR}/ folder",
                            start.display()
                        ))
                        .hint("run folio inside a project (a folder with layouts/ and fonts/), or pass --root")
                    })?
            }
        };
        if !root.join(LAYOUTS_DIR).is_dir() {
            return Err(Diagnostic::error(format!("{} has no {LAYOUTS_DIR}/ folder", root.display()))
                .hint("the project root must hold the Typst templates in layouts/"));
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
            Diagnostic::error(format!("cannot open {}: {e}", path.display()))
                .hint("check the path")
        })?;
        if abs.starts_with(&self.root) {
            Ok(abs)
        } else {
            Err(Diagnostic::error(format!(
                "{} is outside the project root {}",
                path.display(),
                self.root.display()
            ))
            .hint("folio reads only files under the project root; move it in or pass --root"))
        }
    }

    /// Resolve `rel` (as written in a content file) against `base`, refusing anything that
    /// would leave the project root. The error is a sentence naming the path.
    pub fn resolve_in(&self, base: &Path, rel: &str) -> Result<PathBuf, String> {
        let p = Path::new(rel);
        if rel.is_empty() {
            return Err("the path is empty".into());
        }
        if p.is_absolute() || rel.starts_with('/') || rel.starts_with('\\') || rel.contains(':') {
            return Err(format!("the path \"{rel}\" is absolute; folio reads only files inside the project root"));
        }
        let mut out = base.to_path_buf();
        for c in p.components() {
            match c {
                Component::Normal(s) => out.push(s),
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                _ => return Err(format!("the path \"{rel}\" is not a plain relative path")),
            }
        }
        if !out.starts_with(&self.root) {
            return Err(format!("the path \"{rel}\" escapes the project root"));
        }
        // A symlink (anywhere along the path) may still point out.
        if let Ok(real) = out.canonicalize() {
            if !real.starts_with(&self.root) {
                return Err(format!("the path \"{rel}\" is a symlink that points outside the project root"));
            }
            return Ok(real);
        }
        Ok(out)
    }
}
