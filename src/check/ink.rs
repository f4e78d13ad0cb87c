//! Ink: what each page puts on the plates.
//!
//! Takes the laid-out pages of a compiled edition and gives, per page, a [`PageInk`]: the
//! maximum total area coverage (C+M+Y+K, in percent) anywhere on the page and what reaches it,
//! every text, rule or fill that is not pure K (DeviceCMYK with C = M = Y = 0), and the photos
//! whose separation is left to the press (RGB). Vector colours are read from the document; a
//! gray photo prints as K; a CMYK JPEG's pixels are decoded (with zune-jpeg, keeping the four
//! channels) and inverted as the PDF writer declares them (Adobe CMYK), so the figure is what
//! the plates get. An RGB photo (RGB in the proofs) is separated as the press plates' copy of it
//! is ([`separate`]: the bundled newsprint profile, the plates' output intent), so the figure is
//! the plates' too; such photos are counted.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::visualize::{Color, ImageKind, Paint};

use crate::layout::compile::Compiled;
use crate::colour::separate;
use crate::input::photos::{self, PhotoColour};

/// A paint that is not pure K.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NotK {
    /// `text`, `rule` (a stroke) or `fill`.
    pub what: &'static str,
    /// The colour as Typst writes it, e.g. `rgb("#ff0000")`.
    pub colour: String,
    /// The text, for text.
    pub text: Option<String>,
    /// Where, in pt from the trim's top-left corner.
    pub at: [f64; 2],
}

/// The ink of one page.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PageInk {
    /// Page index.
    pub page: usize,
    /// Maximum total area coverage in percent.
    pub max_tac: f64,
    /// What reaches it: `text`, `rule`, `fill` or the photo's `file`.
    pub max_source: String,
    /// Where the maximum is, in pt from the trim's top-left corner (the element's position).
    pub max_at: [f64; 2],
    /// Paints that are not pure K (DeviceCMYK 0/0/0/k).
    pub not_k: Vec<NotK>,
    /// Photos delivered in RGB: RGB in the proofs, separated into CMYK on the press plates
    /// through the newsprint profile, as the coverage figure assumes.
    pub rgb_photos: usize,
}

/// Ink of a paint as C, M, Y, K fractions, and whether it is DeviceCMYK.
fn paint_ink(paint: &Paint) -> ([f64; 4], bool) {
    match paint {
        Paint::Solid(color) => {
            let is_cmyk = matches!(color, Color::Process(p) if p.space() == typst::visualize::ProcessColorSpace::Cmyk);
            let c = color.to_cmyk();
            ([c.c as f64, c.m as f64, c.y as f64, c.k as f64], is_cmyk)
        }
        // Gradients and tilings: not used by the templates; judged by their first stop.
        _ => ([0.0, 0.0, 0.0, 0.0], false),
    }
}

/// A paint as Typst writes it, e.g. `rgb("#ff0000")` (made only for a paint that is reported).
fn paint_repr(paint: &Paint) -> String {
    match paint {
        Paint::Solid(color) => format!("{}", typst::foundations::Repr::repr(color)),
        other => format!("{other:?}"),
    }
}

/// What one embedded image puts on the plates.
#[derive(Debug, Clone, Copy)]
struct ImageInk {
    colour: PhotoColour,
    max_tac: f64,
}

fn image_ink(kind: &ImageKind) -> Option<ImageInk> {
    let ImageKind::Raster(raster) = kind else { return None };
    IMAGES_MEASURED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let is_jpeg = matches!(raster.format(), typst::visualize::RasterFormat::Exchange(typst::visualize::ExchangeFormat::Jpg));
    Some(pixels_ink(raster.data().as_slice(), is_jpeg, raster.dynamic(), raster.icc().map(|b| b.as_slice())))
}

/// The ink of a photo served as a one-page PDF ([`crate::layout::forms`]): its JPEG decoded
/// here (strictly, which also verifies the file), and measured as a raster image is.
fn form_ink(form: &crate::layout::forms::Form) -> Option<ImageInk> {
    IMAGES_MEASURED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let jpeg = form.jpeg();
    // Decoded strictly, once: the photo's verification takes the verdict.
    let (dynamic, icc) = crate::input::photos::decode_verified(&form.file.0, form.file.1, jpeg).ok()?;
    Some(pixels_ink(jpeg, true, &dynamic, icc.as_deref()))
}

/// The ink of an image's pixels (`data` its file, `icc` its profile).
fn pixels_ink(data: &[u8], is_jpeg: bool, dynamic: &image::DynamicImage, icc: Option<&[u8]>) -> ImageInk {
    let colour = if is_jpeg { photos::jpeg_colour(data).unwrap_or(PhotoColour::Rgb) } else if dynamic.color().has_color() { PhotoColour::Rgb } else { PhotoColour::Gray };
    let max_tac = match colour {
        PhotoColour::Gray => {
            let min = dynamic.to_luma8().pixels().map(|p| p.0[0]).min().unwrap_or(255);
            100.0 * f64::from(255 - min) / 255.0
        }
        PhotoColour::Cmyk => cmyk_max_tac(data).unwrap_or(0.0),
        // Coverage is judged over small areas (about half a millimetre at newspaper photo
        // sizes), as press preflight does, not per pixel: the photo is averaged
        // over boxes that leave it at most 600 px wide first.
        PhotoColour::Rgb => {
            let small = match dynamic {
                image::DynamicImage::ImageRgb8(rgb) => shrink_box(rgb, 600),
                _ => shrink_box(&dynamic.to_rgb8(), 600),
            };
            rgb_max_tac(&small, icc).unwrap_or(0.0)
        }
    };
    ImageInk { colour, max_tac }
}

/// The photo averaged over square boxes of `k` × `k` pixels, `k` the smallest whole number
/// that makes it at most `width` pixels wide (boxes at the right and bottom edges average the
/// pixels they have): ink coverage judged over small areas, as press preflight does. One pass
/// over the pixels in their order, a row of column sums at a time: a few milliseconds and kilobytes
/// for a 6-megapixel photo (a triangle filter, as `image`'s resize has, took 20 ms).
fn shrink_box(src: &image::RgbImage, width: u32) -> image::RgbImage {
    let (w, h) = src.dimensions();
    let k = w.div_ceil(width.max(1)).max(1);
    if k == 1 || h == 0 {
        return src.clone();
    }
    let (nw, nh) = (w.div_ceil(k), h.div_ceil(k));
    let stride = w as usize * 3;
    let raw = src.as_raw();
    let mut out = image::RgbImage::new(nw, nh);
    // Per band of k rows: the columns summed down (a plain loop the compiler vectorises), then
    // each box's columns summed across.
    let mut columns = vec![0u32; stride];
    for oy in 0..nh {
        columns.iter_mut().for_each(|s| *s = 0);
        let rows = (oy * k)..((oy + 1) * k).min(h);
        let tall = rows.len() as u32;
        for y in rows {
            for (s, &v) in columns.iter_mut().zip(&raw[y as usize * stride..][..stride]) {
                *s += u32::from(v);
            }
        }
        for (ox, band) in columns.chunks(k as usize * 3).enumerate() {
            let mut t = [0u32; 3];
            for p in band.chunks_exact(3) {
                t[0] += p[0];
                t[1] += p[1];
                t[2] += p[2];
            }
            let n = tall * (band.len() / 3) as u32;
            out.put_pixel(ox as u32, oy, image::Rgb(t.map(|s| ((s + n / 2) / n) as u8)));
        }
    }
    out
}

/// Estimate the largest C+M+Y+K an RGB photo prints with, in percent: its pixels separated
/// as the plates' copy of it is ([`separate`]: the bundled newsprint profile, perceptual,
/// the photo's own RGB profile or sRGB).
pub fn rgb_max_tac(rgb: &image::RgbImage, icc: Option<&[u8]>) -> Option<f64> {
    let dst = separate(rgb.as_raw(), icc).ok()?;
    let max = dst.chunks_exact(4).map(|p| p.iter().map(|&v| u32::from(v)).sum::<u32>()).max()?;
    Some(100.0 * f64::from(max) / 255.0)
}


/// The largest C+M+Y+K of a CMYK JPEG's pixels, in percent. The PDF writer (krilla) declares
/// CMYK JPEGs inverted (Adobe convention, `/Decode [1 0 …]`), so ink = 255 − sample.
pub fn cmyk_max_tac(jpeg: &[u8]) -> Option<f64> {
    use zune_jpeg::zune_core::{bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions};
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::CMYK);
    let mut dec = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(jpeg), options);
    let pixels = dec.decode().ok()?;
    if dec.output_colorspace()? != ColorSpace::CMYK {
        return None;
    }
    let max = pixels.chunks_exact(4).map(|p| p.iter().map(|&v| 255 - u32::from(v)).sum::<u32>()).max()?;
    Some(100.0 * f64::from(max) / 255.0)
}

/// What each image measured so far put on the plates, by the image's content hash, for the
/// life of the process: an unchanged photo is not resized and separated again on every rebuild
/// of a watch session (that took 100 ms per rebuild for the sample). Emptied when it holds
/// [`IMAGE_CACHE_MAX`] entries, so a long session of photo edits stays small.
static IMAGE_CACHE: std::sync::Mutex<Option<HashMap<u128, Option<ImageInk>>>> = std::sync::Mutex::new(None);

/// How many images' ink [`IMAGE_CACHE`] remembers at most.
pub const IMAGE_CACHE_MAX: usize = 256;

/// How many images this process has measured (decoded pixels resized and separated): a cache
/// hit does not count. For the reuse guard (`tests/incremental.rs`).
static IMAGES_MEASURED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many images this process has measured so far (see [`IMAGE_CACHE`]).
pub fn images_measured() -> usize {
    IMAGES_MEASURED.load(std::sync::atomic::Ordering::Relaxed)
}

/// The ink of an image, from [`IMAGE_CACHE`] when it was measured before. A photo served as a
/// one-page PDF is known by its form ([`crate::layout::forms::jpeg_of`]); any other PDF or SVG
/// image has no ink measured.
fn image_ink_cached(kind: &ImageKind) -> Option<ImageInk> {
    match kind {
        ImageKind::Pdf(pdf) => {
            let form = crate::layout::forms::jpeg_of(pdf.document().pdf().data().as_ref())?;
            cached(form.key, || form_ink(&form))
        }
        _ => cached(typst::utils::hash128(kind), || image_ink(kind)),
    }
}

/// The ink under `key` in [`IMAGE_CACHE`], measured with `measure` when it is not there.
fn cached(key: u128, measure: impl FnOnce() -> Option<ImageInk>) -> Option<ImageInk> {
    if let Some(hit) = IMAGE_CACHE.lock().ok().and_then(|c| c.as_ref().and_then(|m| m.get(&key).copied())) {
        return hit;
    }
    let ink = measure();
    if let Ok(mut cache) = IMAGE_CACHE.lock() {
        let map = cache.get_or_insert_with(HashMap::new);
        if map.len() >= IMAGE_CACHE_MAX {
            map.clear();
        }
        map.insert(key, ink);
    }
    ink
}

/// Measure the ink of every image on the pages of `document` that has not been measured yet
/// (into [`IMAGE_CACHE`], where [`check`] finds it), several at a time.
pub fn measure_images(document: &typst_layout::PagedDocument) {
    use rayon::prelude::*;
    fn collect<'a>(frame: &'a Frame, out: &mut Vec<&'a typst::visualize::Image>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => collect(&group.frame, out),
                FrameItem::Image(image, _, _) => out.push(image),
                _ => {}
            }
        }
    }
    let mut images = Vec::new();
    for page in document.pages() {
        collect(&page.frame, &mut images);
    }
    let mut seen = std::collections::HashSet::new();
    images.retain(|i| seen.insert(typst::utils::hash128(*i)));
    images.par_iter().for_each(|image| {
        image_ink_cached(image.kind());
    });
}

/// What the session runs beside a compile ([`crate::layout::compile::compile_then`]): the ink
/// of the photos made ready for pass 2 while the galley and the pages are laid out, then of
/// any other image on the pages while the spread sheets are made.
pub fn measure_beside(beside: crate::layout::compile::Beside<'_>) {
    match beside {
        // On the compile's photo thread, beside the layout: one photo after the other (rayon's
        // pool is Typst's, and its layout must not wait behind a photo's decode).
        crate::layout::compile::Beside::Photos(ahead) => ahead.iter().for_each(|photo| match photo {
            crate::layout::photos::Ahead::Raster(raster) => {
                image_ink_cached(&ImageKind::Raster(raster.clone()));
            }
            crate::layout::photos::Ahead::Form(form) => {
                cached(form.key, || form_ink(form));
            }
        }),
        crate::layout::compile::Beside::Pages(document) => measure_images(document),
    }
}

/// Check every page of the edition.
pub fn check(compiled: &Compiled) -> Vec<PageInk> {
    let mut cache: HashMap<u64, Option<ImageInk>> = HashMap::new();
    compiled
        .document
        .pages()
        .iter()
        .enumerate()
        .map(|(pi, page)| {
            let mut ink = PageInk { page: pi, ..Default::default() };
            walk(&page.frame, Transform::identity(), &mut ink, &mut cache, compiled, pi);
            ink
        })
        .collect()
}

fn walk(frame: &Frame, ts: Transform, ink: &mut PageInk, cache: &mut HashMap<u64, Option<ImageInk>>, compiled: &Compiled, pi: usize) {
    for (pos, item) in frame.items() {
        let at = Point::new(pos.x, pos.y).transform(ts);
        let at = [at.x.to_pt(), at.y.to_pt()];
        // The text of a run is made into a string only for a paint that is reported.
        let mut paints: Vec<(&'static str, &Paint, Option<&typst::text::TextItem>)> = Vec::new();
        match item {
            FrameItem::Group(group) => {
                let ts = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                walk(&group.frame, ts, ink, cache, compiled, pi);
            }
            FrameItem::Text(text) => {
                paints.push(("text", &text.fill, Some(text)));
                if let Some(s) = &text.stroke {
                    paints.push(("text", &s.paint, Some(text)));
                }
            }
            FrameItem::Shape(shape, _) => {
                if let Some(f) = &shape.fill {
                    paints.push(("fill", f, None));
                }
                if let Some(s) = &shape.stroke {
                    paints.push(("rule", &s.paint, None));
                }
            }
            FrameItem::Image(image, size, _) => {
                // The image's centre (a cover-fitted photo overflows its clipped box).
                let centre = Point::new(pos.x + size.x / 2.0, pos.y + size.y / 2.0).transform(ts);
                let centre = [centre.x.to_pt(), centre.y.to_pt()];
                let mut h = std::collections::hash_map::DefaultHasher::new();
                image.kind().hash(&mut h);
                let result = *cache.entry(h.finish()).or_insert_with(|| image_ink_cached(image.kind()));
                if let Some(r) = result {
                    if r.colour == PhotoColour::Rgb {
                        ink.rgb_photos += 1;
                    }
                    if r.max_tac > ink.max_tac {
                        ink.max_tac = r.max_tac;
                        ink.max_source = photo_at(compiled, pi, centre).unwrap_or_else(|| "image".into());
                        ink.max_at = at;
                    }
                }
            }
            _ => {}
        }
        for (what, paint, text) in paints {
            let (c, is_cmyk) = paint_ink(paint);
            let tac = 100.0 * (c[0] + c[1] + c[2] + c[3]);
            let has_ink = tac > 0.5;
            if has_ink && (!is_cmyk || c[0] + c[1] + c[2] > 0.001) {
                if ink.not_k.len() < 50 {
                    ink.not_k.push(NotK { what, colour: paint_repr(paint), text: text.map(|t| t.text.to_string()), at });
                }
            }
            if tac > ink.max_tac + 1e-9 {
                ink.max_tac = tac;
                ink.max_source = what.to_string();
                ink.max_at = at;
            }
        }
    }
}

/// The `file` of the photo whose box holds a point of page `pi`.
fn photo_at(compiled: &Compiled, pi: usize, at: [f64; 2]) -> Option<String> {
    let fmt = &compiled.data.pages.get(pi)?.format;
    let (x, y) = (at[0] - fmt.side_pt, at[1] - fmt.top_pt);
    compiled.photos.iter().filter(|p| p.page == pi).find_map(|p| {
        let r = compiled.data.pages.get(pi)?.stories.get(p.story)?.photos.get(p.photo)?.rect;
        (x >= r.x - 1.0 && x <= r.x + r.w + 1.0 && y >= r.y - 1.0 && y <= r.y + r.h + 1.0).then(|| p.file.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgb_photos_are_separated_through_the_newsprint_profile() {
        let flat = |v: u8| image::RgbImage::from_pixel(8, 8, image::Rgb([v, v, v]));
        let white = super::rgb_max_tac(&flat(255), None).unwrap();
        let grey = super::rgb_max_tac(&flat(128), None).unwrap();
        let black = super::rgb_max_tac(&flat(0), None).unwrap();
        assert!(white < 5.0, "paper white takes no ink: {white}");
        assert!(grey > white && grey < black, "{white} < {grey} < {black}");
        assert!(black > 200.0 && black <= crate::colour::NEWSPRINT_INK_LIMIT, "black is the profile's rich black: {black}");
    }

    /// Each box is the rounded mean of its pixels, edge boxes of the pixels they have; a speck
    /// of black in white paper is not full coverage.
    #[test]
    fn shrink_box_averages_areas() {
        let img = image::RgbImage::from_fn(3001, 7, |x, y| image::Rgb([(x % 256) as u8, (y * 30) as u8, if x == 0 && y == 0 { 0 } else { 255 }]));
        let small = super::shrink_box(&img, 600);
        // k = 6: 501 × 2 boxes, the last column one pixel wide, the last row one pixel tall.
        assert_eq!(small.dimensions(), (501, 2));
        for (ox, oy, px) in small.enumerate_pixels() {
            let (xs, ys) = ((ox * 6)..((ox + 1) * 6).min(3001), (oy * 6)..((oy + 1) * 6).min(7));
            let n = xs.len() as u32 * ys.len() as u32;
            for c in 0..3 {
                let sum: u32 = ys.clone().flat_map(|y| xs.clone().map(move |x| (x, y))).map(|(x, y)| u32::from(img.get_pixel(x, y)[c])).sum();
                assert_eq!(u32::from(px[c]), (sum + n / 2) / n, "box {ox},{oy} channel {c}");
            }
        }
        assert!(small.get_pixel(0, 0)[2] > 240, "one black pixel among 36 is not a black area");
        let narrow = image::RgbImage::new(600, 10);
        assert_eq!(super::shrink_box(&narrow, 600).dimensions(), (600, 10), "600 px wide needs no shrinking");
    }

    #[test]
    fn cmyk_jpeg_coverage_reads_the_four_channels() {
        // C 20% M 30% Y 40% K 50%: 140%.
        let px: Vec<u8> = [51u8, 77, 102, 128].repeat(16 * 16);
        let mut jpeg = Vec::new();
        jpeg_encoder::Encoder::new(&mut jpeg, 100).encode(&px, 16, 16, jpeg_encoder::ColorType::Cmyk).unwrap();
        let tac = cmyk_max_tac(&jpeg).expect("a CMYK JPEG");
        assert!((tac - 140.0).abs() < 3.0, "{tac}");
    }
}
