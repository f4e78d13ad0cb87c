//! JSON Schemas of folio's TOML files, generated from the serde types that read them.
//!
//! Takes nothing and gives, per [`SchemaKind`], a JSON Schema (draft 7, the dialect TOML editors
//! such as taplo / Even Better TOML read) of `edition.toml`, of a story file or of
//! `layouts/formats.toml`: every key with its type and its doc comment as description, and
//! `additionalProperties: false` wherever folio refuses unknown keys, so an editor completes keys
//! and marks a misspelt one while typing. The files in the repository's `schema/` folder are
//! this output (`folio schema --out schema`); a test keeps them equal.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use crate::input::content::{EditionFile, Focus, MmString, Story};
use crate::input::grid::FormatSpec;

/// The folder of a project (beside `layouts/`) that holds the schemas the `#:schema` lines of its
/// TOML files point to.
pub const SCHEMA_DIR: &str = "schema";

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// `edition.toml`.
    Edition,
    /// A story file (`stories/*.toml`).
    Story,
    /// `layouts/formats.toml`.
    Formats,
}

impl SchemaKind {
    /// Every kind, in the order `folio schema --out DIR` writes them.
    pub const ALL: [SchemaKind; 3] = [SchemaKind::Edition, SchemaKind::Story, SchemaKind::Formats];

    /// The schema's file name in [`SCHEMA_DIR`], e.g. `edition.schema.json`.
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaKind::Edition => "edition.schema.json",
            SchemaKind::Story => "story.schema.json",
            SchemaKind::Formats => "formats.schema.json",
        }
    }

    /// The schema, as pretty-printed JSON ending in a newline.
    pub fn json(self) -> String {
        let generator = SchemaSettings::draft07().into_generator();
        let mut schema = match self {
            SchemaKind::Edition => generator.into_root_schema_for::<EditionFile>(),
            SchemaKind::Story => generator.into_root_schema_for::<Story>(),
            SchemaKind::Formats => generator.into_root_schema_for::<FormatsFile>(),
        };
        schema.insert("$id".into(), format!("folio/{}", self.file_name()).into());
        let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
        text.push('\n');
        text
    }

    /// The `#:schema` line for a TOML file of this kind in `dir` (a folder of the project at
    /// `root`): the schema's path relative to `dir`, as taplo resolves it.
    pub fn directive(self, root: &std::path::Path, dir: &std::path::Path) -> String {
        let target = root.join(SCHEMA_DIR).join(self.file_name());
        format!("#:schema {}", relative(dir, &target))
    }
}

/// `layouts/formats.toml`: page formats by name (`[broadsheet]`, `[tabloid]`, …).
#[derive(JsonSchema)]
#[allow(dead_code)]
struct FormatsFile(BTreeMap<String, FormatSpec>);

/// A TOML local date, e.g. `2023-06-26` (written bare, not in quotes; editors see it as a
/// string of format `date`).
pub struct TomlDate;

impl JsonSchema for TomlDate {
    fn schema_name() -> Cow<'static, str> {
        "TomlDate".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date", "description": "a TOML local date, e.g. 2023-06-26" })
    }
}

impl JsonSchema for MmString {
    fn schema_name() -> Cow<'static, str> {
        "MmString".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": r"^\s*[0-9]+(\.[0-9]+)?\s*mm\s*$", "description": "millimetres, e.g. \"120mm\"" })
    }
}

impl JsonSchema for Focus {
    fn schema_name() -> Cow<'static, str> {
        "Focus".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": { "type": "number", "minimum": 0, "maximum": 1 },
            "minItems": 2, "maxItems": 2,
            "description": "[x, y]: fractions of the image's width and height from its top-left corner"
        })
    }
}

/// Path of `target` relative to the folder `from`, with `/` separators (both absolute or both
/// relative to one folder; neither needs to exist, their existing parts are resolved).
pub fn relative(from: &std::path::Path, target: &std::path::Path) -> String {
    let norm = |p: &std::path::Path| -> Vec<std::ffi::OsString> {
        let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
        // Resolve the longest existing prefix (symlinks, `..`), keep the rest as written.
        let mut existing = abs.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
                (Some(n), Some(parent)) => {
                    rest.push(n);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let base = existing.canonicalize().unwrap_or(existing);
        let mut out: Vec<std::ffi::OsString> = base.components().map(|c| c.as_os_str().to_os_string()).collect();
        for n in rest.into_iter().rev() {
            if n == ".." {
                out.pop();
            } else if n != "." {
                out.push(n);
            }
        }
        out
    };
    let (a, b) = (norm(from), norm(target));
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_string(), a.len() - common).collect();
    parts.extend(b[common..].iter().map(|s| s.to_string_lossy().into_owned()));
    parts.join("/")
}
