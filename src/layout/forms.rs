//! Photos as one-page PDFs: takes a JPEG photo that is printed as delivered and gives a
//! [`Form`], a one-page PDF whose page draws that JPEG's data unchanged (`/DCTDecode`), which
//! folio serves Typst in place of the file for the pages and spreads it exports as PDF.
//!
//! Why: Typst decodes every raster image it lays out in full and keeps the pixels for the
//! whole document (18 MB for a 6-megapixel photo), although typst-pdf then embeds a JPEG's bytes
//! as they are and never reads a pixel. A PDF image is laid out from its page size alone, and
//! typst-pdf copies its objects, so the JPEG reaches the exported PDF byte for byte as before,
//! in the same colour space (its own ICC profile where it has a valid one, as typst-pdf would
//! write it; otherwise DeviceRGB or DeviceGray), wrapped in a Form XObject. No pixel is decoded
//! for it on the build's path; the ink check decodes the JPEG itself ([`jpeg_of`]).
//!
//! Only what a PDF may carry unchanged is wrapped: RGB and gray JPEGs, upright (EXIF
//! orientation 1). CMYK JPEGs, rotated photos, PNGs and everything folio converts stay raster
//! images. The PDF/A archive and the PDF/X plates never use forms (PDF/A forbids embedded PDF
//! pages in krilla's validation), nor do the proofs and the preview, which draw the photos as
//! raster images (see `layout::compile::OutputOptions::photo_forms`).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use lopdf::{dictionary, Document, Object, Stream};
use typst::foundations::Bytes;

use crate::input::photos::{stamp, Checked, PhotoColour, PhotoFormat, Stamp};

/// The longest side of a form's page in points. The page only gives Typst the photo's aspect
/// ratio (templates size photos themselves); this keeps it well inside PDF viewers' limits.
const PAGE_SIDE_PT: f64 = 1000.0;

/// A photo as a one-page PDF.
#[derive(Debug)]
pub struct Form {
    /// The PDF, as served to Typst.
    pub pdf: Bytes,
    /// Where the JPEG lies in it, byte for byte.
    pub jpeg: Range<usize>,
    /// A hash of the PDF's content (the key of its ink in `check::ink`).
    pub key: u128,
    /// The photo file, and its size and modification time when the form was made.
    pub(crate) file: (PathBuf, Stamp),
}

impl Form {
    /// The JPEG's bytes.
    pub fn jpeg(&self) -> &[u8] {
        &self.pdf.as_slice()[self.jpeg.clone()]
    }
}

/// Forms made, by photo file: remade when the file's size or modification time changes.
static FORMS: Mutex<Option<HashMap<PathBuf, (Stamp, Arc<Form>)>>> = Mutex::new(None);

/// Whether a checked photo can be printed from a form unchanged.
pub(crate) fn eligible(checked: &Checked) -> bool {
    checked.format == PhotoFormat::Jpeg && checked.colour != PhotoColour::Cmyk && checked.orientation == 1 && !checked.alpha && !checked.sixteen
}

/// The form of the photo file at `disk` (checked as `checked`), made once per file version.
/// `None` when the photo is not [`eligible`] or cannot be read.
pub(crate) fn form(disk: &Path, checked: &Checked) -> Option<Arc<Form>> {
    if !eligible(checked) {
        return None;
    }
    let stamp = stamp(disk)?;
    if let Some((s, f)) = FORMS.lock().ok()?.as_ref().and_then(|m| m.get(disk)) {
        if *s == stamp {
            return Some(f.clone());
        }
    }
    let jpeg = crate::project::read_regular(disk, crate::project::limits::PHOTO).ok()?;
    let made = Arc::new(wrap(&jpeg, checked.colour, (disk.to_path_buf(), stamp))?);
    FORMS.lock().ok()?.get_or_insert_with(HashMap::new).insert(disk.to_path_buf(), (stamp, made.clone()));
    Some(made)
}

/// The form whose PDF data is `pdf` (the very bytes served to Typst, found by their address:
/// Typst's PDF image keeps the data it was given), if folio made it.
pub fn jpeg_of(pdf: &[u8]) -> Option<Arc<Form>> {
    let forms = FORMS.lock().ok()?;
    forms.as_ref()?.values().find(|(_, f)| std::ptr::eq(f.pdf.as_slice().as_ptr(), pdf.as_ptr()) && f.pdf.len() == pdf.len()).map(|(_, f)| f.clone())
}

/// A one-page PDF that draws `jpeg` over its whole page.
fn wrap(jpeg: &[u8], colour: PhotoColour, file: (PathBuf, Stamp)) -> Option<Form> {
    let mut dec = zune_jpeg::JpegDecoder::new(zune_jpeg::zune_core::bytestream::ZCursor::new(jpeg));
    dec.decode_headers().ok()?;
    let (w, h) = dec.dimensions()?;
    let (components, device, signature): (i64, &[u8], &[u8; 4]) = match colour {
        PhotoColour::Gray => (1, b"DeviceGray", b"GRAY"),
        PhotoColour::Rgb => (3, b"DeviceRGB", b"RGB "),
        PhotoColour::Cmyk => return None,
    };
    let mut doc = Document::with_version("1.7");
    // The JPEG's own profile, where typst-pdf would take it (a profile of the photo's colour
    // space); otherwise the device space, as typst-pdf writes a JPEG without one.
    let icc = dec.icc_profile().filter(|p| p.get(16..20) == Some(&signature[..]));
    let space = match icc {
        Some(profile) => {
            let id = doc.add_object(Stream::new(dictionary! { "N" => components }, profile));
            Object::Array(vec![Object::Name(b"ICCBased".to_vec()), Object::Reference(id)])
        }
        None => Object::Name(device.to_vec()),
    };
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => w as i64,
            "Height" => h as i64,
            "BitsPerComponent" => 8,
            "ColorSpace" => space,
            "Filter" => "DCTDecode",
        },
        jpeg.to_vec(),
    ));
    let scale = PAGE_SIDE_PT / (w.max(h).max(1) as f64);
    let (pw, ph) = (w as f64 * scale, h as f64 * scale);
    let content = doc.add_object(Stream::new(dictionary! {}, format!("q {pw} 0 0 {ph} 0 0 cm /Im0 Do Q").into_bytes()));
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(pw as f32), Object::Real(ph as f32)],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image } },
        "Contents" => content,
    });
    doc.objects.insert(pages, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::with_capacity(jpeg.len() + 4096);
    doc.save_to(&mut out).ok()?;
    // Where the JPEG was written (as a stream's data, unchanged).
    let head = &jpeg[..jpeg.len().min(256)];
    let at = out.windows(head.len()).position(|win| win == head)?;
    let range = at..at + jpeg.len();
    if out.get(range.clone())? != jpeg {
        return None;
    }
    let pdf = Bytes::new(out);
    let key = typst::utils::hash128(&pdf);
    Some(Form { pdf, jpeg: range, key, file })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_of_image(img: image::DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)).unwrap();
        out
    }

    fn none() -> (PathBuf, Stamp) {
        (PathBuf::new(), (0, None))
    }

    #[test]
    fn a_form_holds_the_jpeg_unchanged_on_a_page_of_its_aspect() {
        let jpeg = jpeg_of_image(image::DynamicImage::new_rgb8(300, 200));
        let form = wrap(&jpeg, PhotoColour::Rgb, none()).unwrap();
        assert_eq!(form.jpeg(), &jpeg[..]);
        let doc = lopdf::Document::load_mem(form.pdf.as_slice()).unwrap();
        let page = doc.get_pages().into_values().next().unwrap();
        let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap()).collect::<Vec<_>>();
        assert_eq!(media, vec![0.0, 0.0, 1000.0, 666.6667]);
        let image = doc.objects.values().filter_map(|o| o.as_stream().ok()).find(|s| s.dict.get(b"Subtype").ok().and_then(|n| n.as_name().ok()) == Some(b"Image")).unwrap();
        assert_eq!(image.dict.get(b"Filter").unwrap().as_name().unwrap(), b"DCTDecode");
        assert_eq!(image.dict.get(b"ColorSpace").unwrap().as_name().unwrap(), b"DeviceRGB");
        assert_eq!(image.content, jpeg);
        let gray = wrap(&jpeg_of_image(image::DynamicImage::new_luma8(20, 40)), PhotoColour::Gray, none()).unwrap();
        let doc = lopdf::Document::load_mem(gray.pdf.as_slice()).unwrap();
        assert!(doc.objects.values().filter_map(|o| o.as_stream().ok()).any(|s| s.dict.get(b"ColorSpace").ok().and_then(|n| n.as_name().ok()) == Some(b"DeviceGray")));
        assert!(wrap(&jpeg, PhotoColour::Cmyk, none()).is_none());
        assert!(wrap(b"not a jpeg", PhotoColour::Rgb, none()).is_none());
    }
}
