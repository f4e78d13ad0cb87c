//! `manifest.json`: what a build wrote, beside the outputs.
//!
//! Takes the bytes of each file a build writes (with the standard it was made to) and gives
//! [`Entry`]s: file name relative to the output folder, edition, SHA-256, page count, trim and
//! media size of the first page in mm, and standard. [`merge`] folds one or more editions'
//! entries into `OUT/manifest.json`: entries of the editions just built replace their old ones,
//! entries of files that no longer exist are dropped, others stay, sorted by file. The manifest
//! has no time in it, so the same build gives the same manifest.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::grid::PT_PER_MM;

/// The manifest's file name in the output folder.
pub const MANIFEST_FILE: &str = "manifest.json";

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

/// Describe `bytes`, to be written at `path` inside `out`.
pub fn entry(out: &Path, path: &Path, edition: &str, bytes: &[u8], standard: &str) -> Result<Entry, Diagnostic> {
    let file = path
        .strip_prefix(out)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    let doc = lopdf::Document::load_mem(bytes)
        .map_err(|e| Diagnostic::error(format!("cannot read back {file} for the manifest: {e}")))?;
    let pages: Vec<_> = doc.page_iter().collect();
    let first = pages.first().copied();
    let size = |key: &[u8]| -> Option<[f64; 2]> {
        let b = crate::press::page_box(&doc, first?, key)?;
        Some([mm(b[2] - b[0]), mm(b[3] - b[1])])
    };
    let media_mm = size(b"MediaBox").unwrap_or([0.0, 0.0]);
    let trim_mm = size(b"TrimBox").unwrap_or(media_mm);
    Ok(Entry {
        file,
        edition: edition.to_string(),
        sha256: sha256_hex(bytes),
        pages: pages.len(),
        trim_mm,
        media_mm,
        standard: standard.to_string(),
    })
}

/// pt → mm, rounded to 0.01 mm.
fn mm(pt: f64) -> f64 {
    (pt / PT_PER_MM * 100.0).round() / 100.0
}

/// SHA-256 as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Fold the entries of the editions in `built` into `out/manifest.json` and write it atomically.
/// Gives the manifest's path.
pub fn merge(out: &Path, built: &[String], entries: Vec<Entry>) -> Result<PathBuf, Diagnostic> {
    let path = out.join(MANIFEST_FILE);
    let mut manifest: Manifest = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let new: std::collections::BTreeSet<&str> = entries.iter().map(|e| e.file.as_str()).collect();
    manifest.files.retain(|e| {
        !built.contains(&e.edition) && !new.contains(e.file.as_str()) && out.join(&e.file).is_file()
    });
    manifest.files.extend(entries);
    manifest.files.sort_by(|a, b| a.file.cmp(&b.file));
    let mut json = serde_json::to_vec_pretty(&manifest).expect("serializable");
    json.push(b'\n');
    crate::export::write_atomic(&path, &json)?;
    Ok(path)
}
