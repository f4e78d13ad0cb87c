//! Proofs: pages and spreads as PNG with the preflight's findings drawn on them.
//!
//! Takes a compiled edition, its findings and the world it was compiled in, and gives PNG
//! files: one per page (`<edition>-p<N>.png`), one per spread sheet (`<edition>-spread-<L>-<R>.png`)
//! and a contact sheet of every page (`<edition>-contact.png`). The findings' marks — overset
//! stories outlined in red with the line count, underset in blue, photos below the resolution
//! limits in orange with their ppi, missing glyphs in magenta with their code point, ink in
//! purple, loose lines, widows and orphans in green, short columns in cyan, holes in olive,
//! half-width brackets and marks in red-orange, fold splits inside a word in pink — are set by
//! `layouts/proof.typ` on transparent pages the size of the trim and laid
//! over the rendered pages (typst-render), so labels use the bundled fonts.

use std::path::{Path, PathBuf};

use typst::layout::{Point, Abs};
use typst_layout::PagedDocument;

use crate::layout::compile::Compiled;
use crate::diag::{Diagnostic, Diagnostics};
use crate::output::export::{self, pixel_size, MAX_PIXELS};
use crate::check::preflight::{Finding, MarkKind};
use crate::layout::world::FolioWorld;

/// The overlay template in `layouts/`.
pub const PROOF_MAIN: &str = "proof.typ";

/// Height of a page on the contact sheet, in pixels.
pub const CONTACT_PAGE_PX: u32 = 640;

/// Colour of a mark.
pub fn colour(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Overset => "#e00000",
        MarkKind::Underset => "#1060e0",
        MarkKind::Photo => "#ff8c00",
        MarkKind::Glyph => "#e000c0",
        MarkKind::Ink => "#8000c0",
        MarkKind::Typography => "#00a040",
        MarkKind::Short => "#00a0c0",
        MarkKind::Hole => "#b0b000",
        MarkKind::Punctuation => "#ff5000",
        MarkKind::Fold => "#ff3090",
    }
}

/// Set the overlay pages (one per edition page) with Typst.
fn overlay(world: &mut FolioWorld, compiled: &Compiled, findings: &[Finding]) -> Result<PagedDocument, Diagnostics> {
    let mut pages = vec![Vec::new(); compiled.pages];
    for f in findings {
        if let Some(m) = &f.mark {
            if let Some(list) = pages.get_mut(m.page) {
                list.push(serde_json::json!({
                    "x": m.rect[0], "y": m.rect[1], "w": m.rect[2], "h": m.rect[3],
                    "colour": colour(m.kind), "label": m.label,
                }));
            }
        }
    }
    // Each overlay page has its page's trim (an edition may mix formats).
    let sizes: Vec<serde_json::Value> = compiled.data.pages.iter().map(|p| {
        let f = &p.format;
        serde_json::json!({ "width": f.trim_width_pt, "height": f.trim_height_pt, "label_size": (f.trim_height_pt / 110.0).clamp(8.0, 16.0) })
    }).collect();
    let data = serde_json::json!({ "sizes": sizes, "pages": pages });
    world.set_versioned(crate::layout::world::DataFile::Proof, &data);
    if !world.root().join(crate::project::LAYOUTS_DIR).join(PROOF_MAIN).is_file() {
        return Err(Diagnostic::error(crate::tr!("proof-template-missing", file = PROOF_MAIN))
            .hint(crate::tr!("proof-template-missing-hint"))
            .into());
    }
    world.set_main(FolioWorld::layout_id(PROOF_MAIN));
    let result = world.compile_checked();
    let font_errors: Vec<Diagnostic> = result.fonts.into_iter().filter(|d| d.severity == crate::diag::Severity::Error).collect();
    if !font_errors.is_empty() {
        return Err(Diagnostics(font_errors));
    }
    match result.output {
        Ok(doc) if doc.pages().len() == compiled.pages => Ok(doc),
        Ok(doc) => Err(Diagnostic::error(crate::tr!("template-page-count", file = PROOF_MAIN, made = doc.pages().len(), want = compiled.pages)).into()),
        Err(errors) => Err(Diagnostics(errors.iter().map(|d| crate::layout::world::convert(world, d)).collect())),
    }
}

/// Refuse a resolution at which a page or spread sheet of the edition would exceed
/// [`MAX_PIXELS`], before anything is rendered; the message gives the highest that fits.
pub fn check_resolution(compiled: &Compiled, dpi: f32) -> Result<(), Diagnostic> {
    let sheets = compiled.document.pages().iter().chain(compiled.spreads.pages());
    let Some(largest) = sheets.max_by_key(|p| {
        let (w, h) = pixel_size(p, dpi);
        w * h
    }) else {
        return Ok(());
    };
    let (w, h) = pixel_size(largest, dpi);
    if w * h <= MAX_PIXELS {
        return Ok(());
    }
    let size = largest.frame.size();
    let fits = (MAX_PIXELS as f64 / (size.x.to_pt() * size.y.to_pt())).sqrt() * 72.0;
    Err(Diagnostic::error(crate::tr!(
        "proof-too-many-pixels",
        dpi = dpi,
        width_mm = format!("{:.0}", size.x.to_mm()),
        height_mm = format!("{:.0}", size.y.to_mm()),
        width = w,
        height = h,
        mpx = w * h / 1_000_000,
        limit = MAX_PIXELS / 1_000_000
    ))
    .hint(crate::tr!("proof-too-many-pixels-hint", dpi = fits.floor().max(1.0))))
}

/// The edition's pages with the overlay laid over each.
fn marked_pages(compiled: &Compiled, overlay: &PagedDocument) -> Vec<typst_layout::Page> {
    compiled
        .document
        .pages()
        .iter()
        .zip(overlay.pages())
        .map(|(page, over)| {
            let mut page = page.clone();
            page.frame.push_frame(Point::zero(), over.frame.clone());
            page
        })
        .collect()
}

/// Render the proofs into `out`; gives the files written.
pub fn write(
    world: &mut FolioWorld,
    compiled: &Compiled,
    findings: &[Finding],
    name: &str,
    dpi: f32,
    out: &Path,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let over = overlay(world, compiled, findings)?;
    let pages = marked_pages(compiled, &over);
    let mut written = Vec::new();
    let mut put = |file: String, bytes: Vec<u8>| -> Result<(), Diagnostics> {
        let path = out.join(file);
        crate::project::write_atomic(&path, &bytes)?;
        written.push(path);
        Ok(())
    };
    for (page, data) in pages.iter().zip(&compiled.data.pages) {
        put(crate::output::names::Names(name).page_png(data.number), export::page_png(page, dpi)?)?;
    }
    for (sheet, pair) in compiled.spreads.pages().iter().zip(&compiled.data.spreads) {
        // Both pages of a spread share a format (see compose::spreads).
        let trim_w = Abs::pt(pair.iter().flatten().next().map_or(0.0, |&i| compiled.data.pages[i].format.trim_width_pt));
        let mut sheet = sheet.clone();
        for (side, idx) in pair.iter().enumerate() {
            if let Some(i) = idx {
                let x = if side == 0 { Abs::zero() } else { trim_w };
                sheet.frame.push_frame(Point::new(x, Abs::zero()), over.pages()[*i].frame.clone());
            }
        }
        let label: Vec<String> = pair.iter().flatten().map(|&i| compiled.data.pages[i].number.to_string()).collect();
        put(crate::output::names::Names(name).spread_png(&label), export::page_png(&sheet, dpi)?)?;
    }
    put(crate::output::names::Names(name).contact_png(), contact_sheet(&pages, compiled)?)?;
    Ok(written)
}

/// Every page side by side (up to four in a row), each about [`CONTACT_PAGE_PX`] high.
fn contact_sheet(pages: &[typst_layout::Page], compiled: &Compiled) -> Result<Vec<u8>, Diagnostic> {
    // Pages are scaled to one height whatever their format.
    let h_pt = compiled.data.pages.iter().map(|p| p.format.trim_height_pt).fold(1.0, f64::max);
    let dpi = (CONTACT_PAGE_PX as f64 * 72.0 / h_pt) as f32;
    let mut thumbs = Vec::new();
    for page in pages {
        let bytes = export::page_png(page, dpi)?;
        let img = image::load_from_memory(&bytes).map_err(|e| Diagnostic::error(crate::tr!("proof-contact-sheet-failed", error = e.to_string())))?;
        thumbs.push(img.to_rgba8());
    }
    let gap = 24u32;
    let per_row = pages.len().clamp(1, 4) as u32;
    let rows = (pages.len() as u32).div_ceil(per_row).max(1);
    let tw = thumbs.iter().map(|t| t.width()).max().unwrap_or(1);
    let th = thumbs.iter().map(|t| t.height()).max().unwrap_or(1);
    let mut sheet = image::RgbaImage::from_pixel(per_row * (tw + gap) + gap, rows * (th + gap) + gap, image::Rgba([128, 128, 128, 255]));
    for (i, t) in thumbs.iter().enumerate() {
        let (col, row) = (i as u32 % per_row, i as u32 / per_row);
        image::imageops::overlay(&mut sheet, t, i64::from(gap + col * (tw + gap)), i64::from(gap + row * (th + gap)));
    }
    let mut buf = Vec::new();
    image::DynamicImage::ImageRgba8(sheet)
        .write_to(&mut std::io::Cursor::new(&mut buf), image::ImageFormat::Png)
        .map_err(|e| Diagnostic::error(crate::tr!("proof-contact-sheet-failed", error = e.to_string())))?;
    Ok(buf)
}
