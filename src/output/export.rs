//! Stage 5: export — PDF and PNG files, written atomically.
//!
//! Takes a [`Compiled`] edition and gives bytes: the pages PDF (every page at trim + bleed, with
//! a TrimBox), the spread PDF (one sheet per pair of facing pages), and PNG renderings. Files are
//! written through a temporary file in the same folder and renamed into place, so a failed or
//! interrupted build never leaves a half-written PDF and never touches the previous one.


use typst::foundations::{Datetime, Smart};
use typst_pdf::{PdfOptions, Timestamp};

use crate::layout::compile::Compiled;
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
    let timestamp = BuildTime::for_edition(date).map_err(Diagnostics::from)?.timestamp();
    let options = PdfOptions {
        ident: Smart::Custom(format!("{ident}-{part:?}")),
        timestamp,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map(without_false_suspects).map_err(|errs| {
        Diagnostics(errs.iter().map(|e| Diagnostic::error(crate::tr!("export-pdf-failed", error = e.message.to_string())).code(crate::diag::Code::Export)).collect())
    })
}

/// typst-pdf's catalog says `/MarkInfo<</Marked true/Suspects false>>`; poppler 22 (Debian 12's
/// `pdfinfo`, which print shops and archives run) reads a `false` Suspects as the wrong type and
/// prints "Syntax Error: Suspects object is wrong type (boolean)" for every such file. False is
/// the key's default, so it is blanked out (spaces, the same length: no offset moves).
pub fn without_false_suspects(mut pdf: Vec<u8>) -> Vec<u8> {
    const MARK_INFO: &[u8] = b"/MarkInfo<</Marked true/Suspects false>>";
    const SUSPECTS: &[u8] = b"/Suspects false";
    // typst-pdf writes the catalog last but for the trailer: looked for from the end, it is
    // found at once, not after the photos' megabytes.
    if let Some(at) = pdf.windows(MARK_INFO.len()).rposition(|w| w == MARK_INFO) {
        let from = at + MARK_INFO.len() - 2 - SUSPECTS.len();
        pdf[from..from + SUSPECTS.len()].fill(b' ');
    }
    pdf
}

/// The pages' shape as typst-pdf writes `part` of the document: its page count, and the first
/// page's MediaBox (the frame and its bleed) and TrimBox (the frame, when there is bleed), in the
/// f32 points the PDF carries. For the manifest ([`crate::output::manifest::Stage::add_proof`]),
/// so that a proof PDF is not parsed again to describe it.
pub fn shape(compiled: &Compiled, part: Part) -> crate::output::manifest::Shape {
    let document = match part {
        Part::Pages => &compiled.document,
        Part::Spreads => &compiled.spreads,
    };
    let pages = document.pages();
    let (trim, media) = pages.first().map_or(([0.0; 2], [0.0; 2]), |p| {
        let f32pt = |a: typst::layout::Abs| f64::from(a.to_pt() as f32);
        let (w, h, b) = (p.frame.width(), p.frame.height(), &p.bleed);
        let media = [f32pt(w + b.left + b.right), f32pt(h + b.top + b.bottom)];
        let trim = if b.is_zero() { media } else { [f32pt(b.left + w) - f32pt(b.left), f32pt(b.top + h) - f32pt(b.top)] };
        (trim, media)
    });
    crate::output::manifest::Shape::from_pt(pages.len(), trim, media)
}

/// The time written into a build's files: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when it
/// is set, else midnight UTC of the edition's date. Never the clock, so builds are reproducible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildTime {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
    /// Hour, minute, second (UTC).
    pub hms: (u8, u8, u8),
}

impl BuildTime {
    /// The build time of an edition dated `date`.
    pub fn for_edition(date: (u16, u8, u8)) -> Result<Self, Diagnostic> {
        if let Some(raw) = std::env::var_os("SOURCE_DATE_EPOCH") {
            let raw = raw.to_string_lossy();
            let secs: i64 = raw.trim().parse().map_err(|_| {
                Diagnostic::error(crate::tr!("epoch-not-number", value = raw))
                    .hint(crate::tr!("epoch-not-number-hint"))
            })?;
            let t = chrono::DateTime::from_timestamp(secs, 0).filter(|t| (0..=9999).contains(&chrono::Datelike::year(t))).ok_or_else(|| {
                Diagnostic::error(crate::tr!("epoch-range", value = secs)).hint(crate::tr!("epoch-range-hint"))
            })?;
            use chrono::{Datelike, Timelike};
            return Ok(Self { year: t.year(), month: t.month() as u8, day: t.day() as u8, hms: (t.hour() as u8, t.minute() as u8, t.second() as u8) });
        }
        Ok(Self { year: date.0 as i32, month: date.1, day: date.2, hms: (0, 0, 0) })
    }

    /// As a typst-pdf timestamp (UTC).
    pub fn timestamp(&self) -> Option<Timestamp> {
        Datetime::from_ymd_hms(self.year, self.month, self.day, self.hms.0, self.hms.1, self.hms.2).map(Timestamp::new_utc)
    }

    /// As a PDF date string, `D:YYYYMMDDHHmmSSZ` — the form typst-pdf writes in the Info dictionary.
    pub fn pdf_date(&self) -> String {
        format!("D:{:04}{:02}{:02}{:02}{:02}{:02}Z", self.year, self.month, self.day, self.hms.0, self.hms.1, self.hms.2)
    }

    /// As an XMP date, `YYYY-MM-DDTHH:mm:SS+00:00` — the form typst-pdf writes in XMP.
    pub fn xmp_date(&self) -> String {
        format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00", self.year, self.month, self.day, self.hms.0, self.hms.1, self.hms.2)
    }
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
        .ok_or_else(|| Diagnostic::error(crate::tr!("export-no-page", index = index)))?;
    page_png(page, dpi)
}

/// The most pixels folio renders into one PNG: 4 bytes a pixel while it is drawn (and as much
/// again for photos resampled to their placed size), so a proof stays under 1 GiB resident
/// (measured: 743 MiB peak for the tabloid sample at its highest resolution, 492 dpi). A broadsheet
/// page (390 × 545 mm) fits up to 490 dpi, its spread sheet up to 345 dpi; a tabloid page
/// (273 × 390 mm) up to 600.
pub const MAX_PIXELS: u64 = 80_000_000;

/// Width and height in pixels of a page rendered at `dpi` (as typst-render sizes it).
pub fn pixel_size(page: &typst_layout::Page, dpi: f32) -> (u64, u64) {
    let size = page.frame.size();
    let px = |pt: f64| (pt * f64::from(dpi) / 72.0).ceil().max(1.0) as u64;
    (px(size.x.to_pt()), px(size.y.to_pt()))
}

/// One page as a PNG at `dpi`, refused before rendering past [`MAX_PIXELS`]; the pixels are
/// demultiplied in place and encoded from there (no second copy).
pub fn page_png(page: &typst_layout::Page, dpi: f32) -> Result<Vec<u8>, Diagnostic> {
    let (w, h) = pixel_size(page, dpi);
    if w * h > MAX_PIXELS {
        let size = page.frame.size();
        let fits = (MAX_PIXELS as f64 / (size.x.to_pt() * size.y.to_pt())).sqrt() * 72.0;
        return Err(Diagnostic::error(crate::tr!("png-too-many-pixels", width = w, height = h, limit = MAX_PIXELS / 1_000_000))
            .hint(crate::tr!("png-too-many-pixels-hint", dpi = fits.floor().max(1.0))));
    }
    let pixmap = typst_render::render(page, &typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(dpi) / 72.0),
        render_bleed: false,
    });
    let (w, h) = (pixmap.width(), pixmap.height());
    let rgba = pixmap.take_demultiplied();
    let mut buf = Vec::new();
    image::ImageEncoder::write_image(image::codecs::png::PngEncoder::new(&mut buf), &rgba, w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| Diagnostic::error(crate::tr!("export-png-failed", error = e.to_string())))?;
    Ok(buf)
}

