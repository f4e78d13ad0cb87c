//! Photos at their placed size: takes the composed pages and each photo file checked by
//! [`crate::input::photos`], and gives per placed photo a [`Prepared`] record — effective
//! resolution, colour, what folio did — serving pass 2 a processed copy where one is needed:
//! grayscale on a page marked `mono` (a K-only CMYK JPEG), downsampled when far above the
//! edition's target resolution, rotated upright when it had to be re-encoded anyway, and, for the
//! press plates only, separated from RGB into CMYK through the bundled newsprint profile
//! ([`crate::colour`]). The files on disk are never changed; CMYK JPEGs pass through as
//! delivered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::input::content::Edition;
use crate::input::photos::{check, decode, stamp, PhotoColour, PhotoFormat, Stamp, MAX_SIDE};
use crate::layout::compose::PagesData;
use crate::layout::world::FolioWorld;

/// A photo is downsampled to the target resolution when it is more than this many times above it.
pub const DOWNSAMPLE_ABOVE: f64 = 1.5;

/// JPEG quality of photos folio re-encodes.
pub const JPEG_QUALITY: u8 = 90;

/// Most pixels folio serves Typst for one photo: a larger one is downsampled to this (Typst keeps
/// every photo it draws decoded, in each compile of a `--press --archive` build). 24 megapixels
/// are 300 ppi over 415 × 415 mm; only larger photos print below 300 ppi for it (one filling a
/// whole broadsheet page at 270 ppi, one across a whole spread at 190 ppi). With it, one photo
/// at [`MAX_PIXELS`] keeps a `--press --archive` build under 0.8 GiB resident (measured).
pub const MAX_SERVED_PIXELS: u64 = 24_000_000;

/// The most pixels all of an edition's photos may come to at the size they are served to Typst
/// (after downsampling to `target_ppi` and [`MAX_SERVED_PIXELS`]): Typst keeps every photo it
/// draws decoded for the whole build, and `--press` serves each colour photo again separated,
/// about 7.5 MB per served megapixel with plates and archive (measured: 72 megapixels of photos
/// 627 MiB, 126 megapixels 1025 MiB for `build --press --archive`), so 96 megapixels keep a
/// build near 800 MiB, under 1 GiB.
pub const MAX_EDITION_SERVED_PIXELS: u64 = 96_000_000;

/// An upper bound of the ear box's (报眼) share of the type area's width, for the ear photo's
/// preparation: the template's box is `st.ear-width` × 2 (32%) less its inset.
pub const EAR_SHARE_BOUND: f64 = 1.0 / 3.0;

/// Processed copies by file, size on disk, pixel size and what was done (grayscale, separated,
/// flattened, reduced to 8 bits).
type PreparedKey = (PathBuf, Stamp, u32, u32, bool, bool, bool);
static PREPARED: std::sync::Mutex<Option<HashMap<PreparedKey, Option<(Vec<u8>, PhotoFormat)>>>> = std::sync::Mutex::new(None);

/// What folio did with a photo before embedding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Actions {
    /// Converted to grayscale on the K plate only (the page is `mono`).
    pub grayscale: bool,
    /// Downsampled to the target resolution.
    pub downsampled: bool,
    /// Turned upright in the pixels (when re-encoded; otherwise Typst honours the EXIF tag).
    pub rotated: bool,
    /// Separated from RGB into CMYK through the newsprint profile (the press plates).
    pub separated: bool,
}

/// One placed photo, checked and prepared.
#[derive(Debug, Clone, Serialize)]
pub struct Prepared {
    /// Page index in the edition.
    pub page: usize,
    /// Story index on the page.
    pub story: usize,
    /// Photo index in the story.
    pub photo: usize,
    /// The `file = …` value.
    pub file: String,
    /// Root-relative path with a leading slash, as Typst reads it.
    pub path: String,
    /// Pixels as printed (after orientation), before any downsampling.
    pub pixels: [u32; 2],
    /// The image box on the page in pt: width, height.
    pub placed_pt: [f64; 2],
    /// Effective resolution at the placed size, in pixels per inch (the smaller of the two axes
    /// as the image is scaled to cover its box).
    pub ppi: f64,
    /// Colour of the delivered file.
    pub colour: PhotoColour,
    /// The EXIF orientation of the file (1 = upright).
    pub orientation: u8,
    /// What folio did.
    pub actions: Actions,
    /// Size of the file on disk.
    pub bytes_before: u64,
    /// Size of what is embedded (the same when nothing was done).
    pub bytes_after: u64,
    /// Why the photo could not be read, if it could not.
    pub error: Option<String>,
    /// The photo is refused because the edition's photos are over [`MAX_EDITION_SERVED_PIXELS`].
    pub over_budget: bool,
}

impl Prepared {
    /// Photo `(page, story, photo)` (its `file = …` value, its root-relative `path`) placed in a
    /// box of `placed_pt`, before anything is read of it.
    fn placed((page, story, photo): (usize, usize, usize), file: &str, path: &str, placed_pt: [f64; 2]) -> Self {
        Prepared {
            page,
            story,
            photo,
            file: file.to_string(),
            path: path.to_string(),
            pixels: [0, 0],
            placed_pt,
            ppi: 0.0,
            colour: PhotoColour::Rgb,
            orientation: 1,
            actions: Actions::default(),
            bytes_before: 0,
            bytes_after: 0,
            error: None,
            over_budget: false,
        }
    }
}

/// Placement `idx` of the photo at `path`, into its group (photos grouped by file, in order of
/// first use).
fn group(groups: &mut Vec<(String, Vec<usize>)>, path: &str, idx: usize) {
    match groups.iter_mut().find(|(p, _)| p == path) {
        Some((_, v)) => v.push(idx),
        None => groups.push((path.to_string(), vec![idx])),
    }
}

/// A photo made ready for pass 2 ahead of it ([`prewarm`]).
pub enum Ahead {
    /// Decoded as Typst decodes it (and found in Typst's memoized decoder by pass 2).
    Raster(typst::visualize::RasterImage),
    /// Wrapped as a one-page PDF ([`crate::layout::forms`]): Typst decodes nothing.
    Form(std::sync::Arc<crate::layout::forms::Form>),
}

/// Decode, as Typst's `image` will, the photos pass 2 will draw as delivered, so that the pages'
/// layout finds them in Typst's memoized decoder instead of decoding them itself: the
/// compile runs this on the other core during pass 1 (the pages' layout is then on the critical
/// path without any photo decoding). Gives the decoded images, for measuring their ink beside
/// pass 2. With `forms` (a compile whose pages go to PDF only), a JPEG that will be printed as
/// delivered is wrapped as a one-page PDF instead ([`crate::layout::forms`]): Typst then
/// decodes none of its pixels.
///
/// Which photos are served as delivered is only known once the stories are placed
/// ([`prepare`]), so this takes the ones that will be unless placed very small: not on a `mono`
/// page, not a 16-bit PNG, not misnamed, and not so large that even a whole page's width and
/// height would be far above `target_ppi` (those are downsampled). Their pixels together stay
/// under half of [`MAX_EDITION_SERVED_PIXELS`], so a guess that proves wrong costs memory within
/// the edition's photo budget, and the budget's own refusal comes before Typst decodes anything
/// larger.
pub fn prewarm(edition: &Edition, formats: &crate::input::grid::Formats, forms: bool) -> Vec<Ahead> {
    use typst::foundations::{Bytes, Smart};
    use typst::visualize::{ExchangeFormat, RasterImage};
    let target = edition.file.value.preflight().target_ppi;
    let mut seen = std::collections::HashSet::new();
    let mut total = 0u64;
    let mut out = Vec::new();
    for (pi, page) in edition.stories.iter().enumerate() {
        if edition.file.value.pages.get(pi).is_none_or(|p| p.mono) {
            continue;
        }
        let format = edition.page_format(formats, pi);
        for story in page {
            for photo in &story.value.photos {
                let file = photo.file.get_ref();
                let disk = crate::input::photos::photo_path(&edition.dir, file);
                if !seen.insert(disk.clone()) {
                    continue;
                }
                let Ok(checked) = check(&disk) else { continue };
                if checked.sixteen || named_as(file) != Some(checked.format) {
                    continue;
                }
                let px = [checked.info.width, checked.info.height];
                let pixels = u64::from(px[0]) * u64::from(px[1]);
                let whole_page = effective_ppi(px, [2.0 * format.trim_width_pt, format.trim_height_pt]);
                if pixels > MAX_SERVED_PIXELS || whole_page > DOWNSAMPLE_ABOVE * target || total + pixels > MAX_EDITION_SERVED_PIXELS / 2 {
                    continue;
                }
                if forms && crate::layout::forms::eligible(&checked) {
                    // Served as a form: nothing to decode for Typst; its ink is measured beside.
                    if let Some(form) = crate::layout::forms::form(&disk, &checked) {
                        out.push(Ahead::Form(form));
                    }
                    continue;
                }
                let Ok(bytes) = std::fs::read(&disk) else { continue };
                let typst_format = match checked.format {
                    PhotoFormat::Jpeg => ExchangeFormat::Jpg,
                    PhotoFormat::Png => ExchangeFormat::Png,
                };
                if let Ok(image) = RasterImage::new(Bytes::new(bytes), typst_format, Smart::Auto) {
                    total += pixels;
                    out.push(Ahead::Raster(image));
                }
            }
        }
    }
    out
}

/// Effective resolution of an image of `px` pixels scaled to cover a box of `box_pt` points.
pub fn effective_ppi(px: [u32; 2], box_pt: [f64; 2]) -> f64 {
    let scale = (box_pt[0] / f64::from(px[0].max(1))).max(box_pt[1] / f64::from(px[1].max(1)));
    if scale > 0.0 { 72.0 / scale } else { f64::INFINITY }
}

/// Prepare every placed photo for pass 2: measure its resolution at its placed size and serve a
/// processed copy (grayscale on mono pages, downsampled far above `target_ppi`, 16-bit PNGs
/// reduced to 8 bits) through the world where needed. A photo placed twice is processed for its
/// largest placement.
///
/// Typst decides an image's format by its file name. Where what folio serves is in another
/// format than the name says (a PNG named `.jpg`; a PNG made a CMYK JPEG for the plates or a
/// mono page), it is served at a virtual path beside the file, `<path>.folio.jpg` or
/// `<path>.folio.png`, and the photo's `path` in the pages' data points there: the templates
/// need no change, and the file on disk none either.
///
/// `separate` (the press plates' compile): RGB photos on colour pages are also separated into
/// CMYK through the bundled newsprint profile, the plates' output intent ([`crate::colour::separate`]),
/// and served as CMYK JPEGs, which Typst embeds unchanged as DeviceCMYK; gray photos with
/// transparency become K-only CMYK JPEGs. Transparency is flattened onto paper white, so no
/// plate carries a soft mask. The proofs leave it off: they stay RGB for the screen, and a
/// rebuild does not pay for the separation.
///
/// Gives the story photos, then the front pages' ear photos, each prepared.
pub fn prepare(world: &mut FolioWorld, edition: &Edition, data: &mut PagesData, separate: bool, forms: bool) -> (Vec<Prepared>, Vec<Prepared>) {
    let target = edition.file.value.preflight().target_ppi;
    let press = separate;
    let mut out: Vec<Prepared> = Vec::new();
    // Placements grouped by file, in order of first use.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (pi, page) in data.pages.iter().enumerate() {
        for (si, story) in page.stories.iter().enumerate() {
            let Some(loaded) = edition.stories.get(pi).and_then(|p| p.get(si)) else { continue };
            for (k, (placed, photo)) in story.photos.iter().zip(&loaded.value.photos).enumerate() {
                out.push(Prepared::placed((pi, si, k), photo.file.get_ref(), &placed.path, [placed.rect.w, placed.image_h]));
                group(&mut groups, &placed.path, out.len() - 1);
            }
        }
    }
    // A front page's ear photo (报眼) is prepared as a story photo is (downsampled far above the
    // target, separated for the plates, grayscale on a mono page), for an upper bound of the box
    // the template fits it to (a third of the type area's width, the masthead's depth): it is
    // served at no less than the target resolution. Ear photos are given back apart (their
    // `story` is not an index; the preflight reads their resolution off the page's drawing).
    let stories_end = out.len();
    for (pi, page) in data.pages.iter().enumerate() {
        let Some(path) = page.ear.as_ref().and_then(|e| e.photo.clone()) else { continue };
        out.push(Prepared::placed((pi, usize::MAX, 0), &path, &path, [page.format.area_width_pt * EAR_SHARE_BOUND, (page.banner_h - page.format.pitch_pt).max(1.0)]));
        group(&mut groups, &path, out.len() - 1);
    }
    // Photos served at a virtual path whose name tells Typst their format.
    let mut aliases: HashMap<String, String> = HashMap::new();
    let mut total_served = 0.0f64;
    for (path, members) in groups {
        if path.is_empty() {
            for &i in &members {
                out[i].error = Some("it cannot be found inside the project root".into());
            }
            continue;
        }
        world.restore_file(&path);
        for f in [PhotoFormat::Jpeg, PhotoFormat::Png] {
            world.restore_file(&alias(&path, f));
        }
        world.restore_file(&form_alias(&path));
        let disk = world.root().join(path.trim_start_matches('/'));
        let checked = match check(&disk) {
            Ok(c) => c,
            Err(e) => {
                for &i in &members {
                    out[i].error = Some(e.what.clone());
                }
                continue;
            }
        };
        let size = std::fs::metadata(&disk).map(|m| m.len()).unwrap_or(0);
        let px = [checked.info.width, checked.info.height];
        let colour = checked.colour;
        let mono = members.iter().all(|&i| edition.file.value.pages.get(out[i].page).is_some_and(|p| p.mono));
        let min_ppi = members.iter().map(|&i| effective_ppi(px, out[i].placed_pt)).fold(f64::INFINITY, f64::min);
        // CMYK is kept as delivered unless the page is mono: re-encoding through the image crate
        // would turn it into RGB.
        // The scale to serve it at: the target resolution when far above it, and never more
        // than MAX_SERVED_PIXELS (Typst keeps every photo it draws decoded).
        let mut scale = if min_ppi.is_finite() && min_ppi > DOWNSAMPLE_ABOVE * target { target / min_ppi } else { 1.0 };
        let served_px = f64::from(px[0]) * f64::from(px[1]) * scale * scale;
        if served_px > MAX_SERVED_PIXELS as f64 {
            scale *= (MAX_SERVED_PIXELS as f64 / served_px).sqrt();
        }
        // Typst keeps every photo of the edition decoded while it is set: the edition's photos
        // at the size they are served have a budget, so the build stays under 1 GiB.
        total_served += (f64::from(px[0]) * f64::from(px[1]) * scale * scale).min(MAX_SERVED_PIXELS as f64);
        if total_served > MAX_EDITION_SERVED_PIXELS as f64 {
            for &i in &members {
                out[i].over_budget = true;
                out[i].error = Some(format!(
                    "with this photo the edition's photos come to {:.0} megapixels at the size they are printed, above folio's budget of {} for one edition (every photo stays decoded while the edition is set; the budget keeps a build under 1 GiB)",
                    total_served / 1e6,
                    MAX_EDITION_SERVED_PIXELS / 1_000_000
                ));
            }
            continue;
        }
        // A CMYK JPEG is downsampled in CMYK (decoded to its four inks, area-averaged,
        // encoded again), unless its EXIF tag turns it (then it is kept as delivered).
        let downsample = scale < 1.0 && (colour != PhotoColour::Cmyk || (!mono && checked.orientation == 1));
        let grayscale = mono && colour != PhotoColour::Gray;
        // On the plates, a gray photo with transparency is flattened and printed in K.
        let k_only = grayscale || (press && colour == PhotoColour::Gray && checked.alpha);
        let separate = press && colour == PhotoColour::Rgb && !grayscale;
        // Typst would keep a 16-bit PNG decoded at 16 bits: serve it at 8.
        let reduce = checked.sixteen;
        let mut actions = Actions::default();
        let mut after = size;
        // What is served in place of the file, if anything, and its format.
        let mut served: Option<(Vec<u8>, PhotoFormat)> = None;
        if downsample || k_only || separate || reduce {
            let (w, h) = if downsample {
                let f = scale;
                (((px[0] as f64) * f).ceil().max(1.0) as u32, ((px[1] as f64) * f).ceil().max(1.0) as u32)
            } else {
                (px[0], px[1])
            };
            let key = (disk.clone(), stamp(&disk).unwrap_or((0, None)), w, h, k_only, separate, reduce);
            let cached = PREPARED.lock().ok().and_then(|c| c.as_ref().and_then(|m| m.get(&key).cloned()));
            let encoded = match cached {
                Some(e) => e,
                None => {
                    let cmyk = colour == PhotoColour::Cmyk && !k_only;
                    let e = if cmyk {
                        std::fs::read(&disk).ok().and_then(|bytes| downsample_cmyk(&bytes, w, h).ok()).map(|b| (b, PhotoFormat::Jpeg))
                    } else { std::fs::read(&disk).ok().and_then(|bytes| decode(&bytes, &checked).ok()).and_then(|decoded| {
                        let mut img = decoded.image;
                        if downsample {
                            // Area averaging: it holds only the result (a filtered resize holds a
                            // float copy of the whole picture: 4 × its size and more).
                            img = img.thumbnail_exact(w, h);
                        }
                        let enc = if k_only {
                            encode_k_only(&flatten_luma(img)).map(|b| (b, PhotoFormat::Jpeg))
                        } else if separate {
                            encode_separated(img, decoded.icc.as_deref()).map(|b| (b, PhotoFormat::Jpeg))
                        } else {
                            encode(img, checked.format).map(|b| (b, checked.format))
                        };
                        enc.ok().filter(|(new, _)| k_only || separate || reduce || (new.len() as u64) < size)
                    }) };
                    if let Ok(mut c) = PREPARED.lock() {
                        c.get_or_insert_with(HashMap::new).insert(key, e.clone());
                    }
                    e
                }
            };
            match encoded {
                Some((new, format)) => {
                    actions = Actions { grayscale, downsampled: downsample, rotated: checked.orientation != 1, separated: separate };
                    after = new.len() as u64;
                    served = Some((new, format));
                }
                // What the plates or a mono page need could not be made: an error, never the
                // delivered colours in their place.
                None if k_only || separate || reduce => {
                    for &i in &members {
                        out[i].error = Some("folio could not convert it for print (decoding or re-encoding it failed)".into());
                    }
                }
                None => {}
            }
        }
        // Printed as delivered: with `forms`, a JPEG is served as a one-page PDF that draws it
        // (Typst then decodes none of its pixels; the PDF gets the same JPEG bytes).
        let form = if forms && served.is_none() && !(k_only || separate || reduce) { crate::layout::forms::form(&disk, &checked) } else { None };
        let format = served.as_ref().map_or(checked.format, |(_, f)| *f);
        let misleading = match named_as(&path) {
            Some(f) => f != format,
            None => named_other(&path),
        };
        if let Some(form) = form {
            let a = form_alias(&path);
            world.replace_file_bytes(&a, form.pdf.clone());
            aliases.insert(path.clone(), a);
        } else if misleading {
            // The name would mislead Typst: serve it under a name that says what it is.
            let bytes = match served.take() {
                Some((b, _)) => Some(b),
                None => std::fs::read(&disk).ok(),
            };
            if let Some(b) = bytes {
                let a = alias(&path, format);
                world.replace_file(&a, b);
                aliases.insert(path.clone(), a);
            }
        } else if let Some((b, _)) = served.take() {
            world.replace_file(&path, b);
        }
        for &i in &members {
            let p = &mut out[i];
            p.pixels = px;
            p.ppi = effective_ppi(px, p.placed_pt);
            p.colour = colour;
            p.orientation = checked.orientation;
            p.actions = actions;
            p.bytes_before = size;
            p.bytes_after = after;
        }
    }
    for photo in data.pages.iter_mut().flat_map(|p| p.stories.iter_mut()).flat_map(|s| s.photos.iter_mut()) {
        if let Some(a) = aliases.get(&photo.path) {
            photo.path = a.clone();
        }
    }
    for photo in data.pages.iter_mut().filter_map(|p| p.ear.as_mut()).filter_map(|e| e.photo.as_mut()) {
        if let Some(a) = aliases.get(photo.as_str()) {
            *photo = a.clone();
        }
    }
    let ears = out.split_off(stories_end);
    (out, ears)
}

/// The virtual path a photo is served at in `format` when its own name says otherwise.
fn alias(path: &str, format: PhotoFormat) -> String {
    format!("{path}.folio.{}", format.typst())
}

/// The virtual path a photo is served at as a one-page PDF ([`crate::layout::forms`]).
fn form_alias(path: &str) -> String {
    format!("{path}.folio.pdf")
}

/// The format Typst takes a file for by its name (its rules: the exact lower-case extension),
/// if it is JPEG or PNG; `None` when the name says nothing (Typst then reads the content).
fn named_as(path: &str) -> Option<PhotoFormat> {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("png") => Some(PhotoFormat::Png),
        Some("jpg" | "jpeg") => Some(PhotoFormat::Jpeg),
        _ => None,
    }
}

/// Whether Typst takes a file for another image format by its name (GIF, WebP, SVG, PDF).
fn named_other(path: &str) -> bool {
    matches!(Path::new(path).extension().and_then(|e| e.to_str()), Some("gif" | "webp" | "svg" | "svgz" | "pdf"))
}

/// A CMYK JPEG at `w`×`h` pixels, still CMYK: its four inks decoded (zune-jpeg, as the ink
/// check reads them), area-averaged, and encoded again.
fn downsample_cmyk(bytes: &[u8], w: u32, h: u32) -> Result<Vec<u8>, String> {
    use zune_jpeg::zune_core::{bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions};
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::CMYK)
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize);
    let mut dec = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let inks = dec.decode().map_err(|e| format!("{e:?}"))?;
    let (sw, sh) = dec.dimensions().ok_or("no size")?;
    // Four channels averaged alike: the RGBA buffer type only carries them.
    let img = image::RgbaImage::from_raw(sw as u32, sh as u32, inks).ok_or("unexpected CMYK layout")?;
    let small = image::imageops::thumbnail(&img, w, h);
    drop(img);
    let (Ok(w16), Ok(h16)) = (u16::try_from(w), u16::try_from(h)) else { return Err("too large for JPEG".into()) };
    let mut buf = Vec::new();
    jpeg_encoder::Encoder::new(&mut buf, JPEG_QUALITY)
        .encode(small.as_raw(), w16, h16, jpeg_encoder::ColorType::Cmyk)
        .map_err(|e| e.to_string())?;
    Ok(buf)
}

/// A photo's lightness with any transparency flattened onto paper white.
fn flatten_luma(img: image::DynamicImage) -> image::GrayImage {
    if !img.color().has_alpha() {
        return img.into_luma8();
    }
    let la = img.into_luma_alpha8();
    let (w, h) = la.dimensions();
    let raw: Vec<u8> = la.as_raw().chunks_exact(2).map(|p| over_white(p[0], p[1])).collect();
    image::GrayImage::from_raw(w, h, raw).expect("one byte per pixel")
}

/// A channel value with alpha `a` composited over white.
fn over_white(c: u8, a: u8) -> u8 {
    let a = u32::from(a);
    ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8
}

/// Encode a grayscale photo as a CMYK JPEG that carries it on the K plate only (C = M = Y = 0,
/// K = 100% − lightness): the PDF then holds DeviceCMYK, which no colour-managed RIP can turn
/// into four-colour gray, as it may an ICC-based gray image.
pub fn encode_k_only(gray: &image::GrayImage) -> Result<Vec<u8>, String> {
    let (w, h) = (u16::try_from(gray.width()), u16::try_from(gray.height()));
    let (Ok(w), Ok(h)) = (w, h) else { return Err("the photo is wider or taller than 65535 pixels".into()) };
    let mut cmyk = Vec::with_capacity(gray.as_raw().len() * 4);
    for &l in gray.as_raw() {
        cmyk.extend_from_slice(&[0, 0, 0, 255 - l]);
    }
    let mut buf = Vec::new();
    jpeg_encoder::Encoder::new(&mut buf, JPEG_QUALITY)
        .encode(&cmyk, w, h, jpeg_encoder::ColorType::Cmyk)
        .map_err(|e| e.to_string())?;
    Ok(buf)
}

/// Encode an RGB photo as a CMYK JPEG for the plates: its pixels (in its own ICC profile, or
/// sRGB) separated through the newsprint profile ([`crate::colour::separate`]); transparency is
/// flattened onto paper white first. Takes the picture by value: its pixels are reused, not
/// copied, so a large photo is held at most twice (RGB, then CMYK).
pub fn encode_separated(img: image::DynamicImage, icc: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let (w, h) = (u16::try_from(img.width()), u16::try_from(img.height()));
    let (Ok(w), Ok(h)) = (w, h) else { return Err("the photo is wider or taller than 65535 pixels".into()) };
    let rgb = if img.color().has_alpha() {
        let rgba = img.into_rgba8();
        let mut out = Vec::with_capacity(rgba.as_raw().len() / 4 * 3);
        for p in rgba.as_raw().chunks_exact(4) {
            out.extend(p[..3].iter().map(|&c| over_white(c, p[3])));
        }
        out
    } else {
        img.into_rgb8().into_raw()
    };
    let cmyk = crate::colour::separate(&rgb, icc)?;
    drop(rgb);
    let mut buf = Vec::new();
    jpeg_encoder::Encoder::new(&mut buf, JPEG_QUALITY)
        .encode(&cmyk, w, h, jpeg_encoder::ColorType::Cmyk)
        .map_err(|e| e.to_string())?;
    Ok(buf)
}

/// Encode a prepared photo in its original format at 8 bits per channel: a JPEG as an RGB or
/// gray JPEG, a PNG as a PNG that keeps its transparency.
fn encode(img: image::DynamicImage, format: PhotoFormat) -> Result<Vec<u8>, String> {
    use image::DynamicImage as D;
    let colour = img.color().has_color();
    let mut buf = Vec::new();
    let result = match format {
        PhotoFormat::Jpeg => {
            let img = if colour { D::ImageRgb8(img.into_rgb8()) } else { D::ImageLuma8(img.into_luma8()) };
            img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, JPEG_QUALITY))
        }
        PhotoFormat::Png => {
            let img = match (colour, img.color().has_alpha()) {
                (true, true) => D::ImageRgba8(img.into_rgba8()),
                (true, false) => D::ImageRgb8(img.into_rgb8()),
                (false, true) => D::ImageLumaA8(img.into_luma_alpha8()),
                (false, false) => D::ImageLuma8(img.into_luma8()),
            };
            img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut buf))
        }
    };
    result.map_err(|e| e.to_string())?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ppi_is_the_smaller_axis_of_a_cover_fit() {
        // 600 px across 72 pt = 600 ppi; a box twice as tall as the image's aspect crops the
        // sides and the height decides.
        assert!((effective_ppi([600, 400], [72.0, 48.0]) - 600.0).abs() < 1e-9);
        assert!((effective_ppi([600, 400], [72.0, 96.0]) - 300.0).abs() < 1e-9);
    }

    #[test]
    fn a_misleading_name_gets_a_virtual_name_that_says_the_format() {
        assert_eq!(named_as("/content/a/photos/x.jpg"), Some(PhotoFormat::Jpeg));
        assert_eq!(named_as("/content/a.v2/photos/x"), None);
        assert!(named_other("/photos/x.gif"));
        assert_eq!(alias("/photos/x.jpg", PhotoFormat::Png), "/photos/x.jpg.folio.png");
    }
}
