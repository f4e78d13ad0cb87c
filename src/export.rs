//! Stage 5: export — PDF and PNG files, written atomically.
//!
//! Takes a [`Compiled`] edition and gives bytes: the pages PDF (every page at trim + bleed, with
//! a TrimBox), the spread PDF (one sheet per pair of facing pages), and PNG renderings. Files are
//! written through a temporary file in the same folder and renamed into place, so a failed or
//! interrupted build never leaves a half-written PDF and never touches the previous one.

use std::path::Path;

use typst::foundations::{Datetime, Smart};
use typst_pdf::{PdfOptions, Timestamp};

use crate::compile::Compiled;
use crate::diag::{Diagnostic, Diagnostics};

/// Which pages of the compiled document to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The single pages.
    Pages,
    /// The spread sheets.
    Spreads,
}

/// Export part of the document as PDF. The document ID and dates derive from the edition, so
/// the same input gives the same bytes.
pub fn pdf(compiled: &Compiled, part: Part, ident: &str, date: (u16, u8, u8)) -> Result<Vec<u8>, Diagnostics> {
    let document = match part {
        Part::Pages => &compiled.document,
        Part::Spreads => &compiled.spreads,
    };
    let timestamp = Datetime::from_ymd_hms(date.0 as i32, date.1, date.2, 0, 0, 0).map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(format!("{ident}-{part:?}")),
        timestamp,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errs| {
        Diagnostics(errs.iter().map(|e| Diagnostic::error(format!("PDF export: {}", e.message))).collect())
    })
}

/// Render one page (or spread sheet) to PNG at `dpi`.
pub fn png(compiled: &Compiled, part: Part, index: usize, dpi: f32) -> Result<Vec<u8>, Diagnostic> {
    let document = match part {
        Part::Pages => &compiled.document,
        Part::Spreads => &compiled.spreads,
    };
    let page = document
        .pages()
        .get(index)
        .ok_or_else(|| Diagnostic::error(format!("no page {index}")))?;
    let pixmap = typst_render::render(page, &typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(f64::from(dpi) / 72.0), render_bleed: false });
    pixmap.encode_png().map_err(|e| Diagnostic::error(format!("PNG encoding failed: {e}")))
}

/// Write `bytes` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| Diagnostic::error(format!("cannot create {}: {e}", dir.display())).hint("check the --out folder"))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".folio-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Diagnostic::error(format!("cannot write in {}: {e}", dir.display())))?;
    std::io::Write::write_all(&mut tmp, bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| Diagnostic::error(format!("cannot write {}: {e}", path.display())))?;
    tmp.persist(path)
        .map_err(|e| Diagnostic::error(format!("cannot write {}: {}", path.display(), e.error)))?;
    Ok(())
}
