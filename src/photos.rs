//! Photos: reading, checking and preparing every image a story places.
//!
//! Takes the photos of an edition's stories and gives, per photo, its pixel size as printed
//! (after the EXIF orientation, for the aspect ratio the layout needs), or a located error
//! naming the story file, the TOML line of the `file = …` key, what is wrong with the image
//! (missing, unreadable, truncated, not JPEG or PNG by its content, more pixels than
//! [`MAX_PIXELS`] by its header) and the fix. After composition, [`prepare`] takes each photo at its
//! placed size and gives a [`Prepared`] record — effective resolution, colour, what folio did —
//! and serves pass 2 a processed copy where one is needed: grayscale on a page marked `mono`
//! (a K-only CMYK JPEG),
//! downsampled when far above the edition's target resolution, rotated upright when it had to be
//! re-encoded anyway, and, for the press plates only, separated from RGB into CMYK through the
//! bundled newsprint profile. The files on disk are never changed; CMYK JPEGs pass through as
//! delivered.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::compose::PagesData;
use crate::content::Edition;
use crate::diag::Diagnostic;
use crate::world::FolioWorld;

/// Space between a photo and its caption, in pt (folio sizes the photo with it and passes it to
/// the template in each photo's data, so the two never disagree).
pub const CAPTION_GAP_PT: f64 = 5.0;

/// A photo is downsampled to the target resolution when it is more than this many times above it.
pub const DOWNSAMPLE_ABOVE: f64 = 1.5;

/// JPEG quality of photos folio re-encodes.
pub const JPEG_QUALITY: u8 = 90;

/// Most pixels a photo may have (width × height, as its header declares them). Checked before
/// anything is decoded, so that a small file declaring a huge picture costs nothing. 64
/// megapixels hold the largest full-frame cameras' files (about 61 MP); a photo prints at 300
/// ppi, so even a whole broadsheet page (390 × 545 mm) needs only 30 MP. Decoding one photo at
/// this size and preparing it for the plates (separated into CMYK) stays well under 1 GiB.
pub const MAX_PIXELS: u64 = 64_000_000;

/// Most pixels folio serves Typst for one photo: a larger one is downsampled to this (Typst keeps
/// every photo it draws decoded, in each compile of a `--press --archive` build). 24 megapixels
/// are 300 ppi over 415 × 415 mm; only larger photos print below 300 ppi for it (one filling a
/// whole broadsheet page at 270 ppi, one across a whole spread at 190 ppi). With it, one photo
/// at [`MAX_PIXELS`] keeps a `--press --archive` build under 0.8 GiB resident (measured).
pub const MAX_SERVED_PIXELS: u64 = 24_000_000;

/// Longest side of a photo in pixels (JPEG's own limit; folio re-encodes photos as JPEG).
pub const MAX_SIDE: u32 = 65_535;

/// The most pixels all of an edition's photos may come to at the size they are served to Typst
/// (after downsampling to `target_ppi` and [`MAX_SERVED_PIXELS`]): Typst keeps every photo it
/// draws decoded for the whole build, and `--press` serves each colour photo again separated,
/// about 7.5 MB per served megapixel with plates and archive (measured: 72 megapixels of photos
/// 627 MiB, 126 megapixels 1025 MiB for `build --press --archive`), so 96 megapixels keep a
/// build near 800 MiB, under 1 GiB.
pub const MAX_EDITION_SERVED_PIXELS: u64 = 96_000_000;

/// What the decoders may allocate for one photo, in bytes: the largest photo within
/// [`MAX_PIXELS`] at 16-bit RGBA, plus room for the decoders' own buffers. A file whose
/// header lies about its size is stopped by this.
const MAX_DECODE_BYTES: u64 = MAX_PIXELS * 8 + 64 * 1024 * 1024;

/// A photo file's format, decided by its content (its first bytes), never by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoFormat {
    /// JPEG (baseline or progressive; gray, RGB or CMYK).
    Jpeg,
    /// PNG (gray, RGB, palette, with or without alpha, 8 or 16 bits).
    Png,
}

impl PhotoFormat {
    /// The name Typst's `image(format: …)` takes.
    pub fn typst(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }

    fn image(self) -> image::ImageFormat {
        match self {
            Self::Jpeg => image::ImageFormat::Jpeg,
            Self::Png => image::ImageFormat::Png,
        }
    }
}

/// Why a photo cannot be printed: what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong with the file, e.g. "it is a GIF image".
    pub what: String,
    /// How to fix it.
    pub fix: String,
}

impl Refusal {
    fn new(what: impl Into<String>, fix: impl Into<String>) -> Self {
        Self { what: what.into(), fix: fix.into() }
    }

    /// A file folio cannot decode.
    fn damaged(what: impl Into<String>) -> Self {
        Self::new(what, "replace the file with a readable JPEG or PNG (open it in a photo editor and save it again)")
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.what)
    }
}

const SAVE_AS: &str = "save it as JPEG or PNG (e.g. File › Export as JPEG in the photo editor) and point `file` at the new file";

/// What a file's first bytes say it is.
fn sniff(bytes: &[u8]) -> Result<PhotoFormat, Refusal> {
    use image::ImageFormat as F;
    let other = |name: &str| {
        Refusal::new(
            format!("it is a {name} file (folio goes by a file's content, not its name); folio prints JPEG and PNG photos only"),
            SAVE_AS,
        )
    };
    match image::guess_format(bytes) {
        Ok(F::Jpeg) => return Ok(PhotoFormat::Jpeg),
        Ok(F::Png) => return Ok(PhotoFormat::Png),
        Ok(F::Gif) => return Err(other("GIF")),
        Ok(F::WebP) => return Err(other("WebP")),
        Ok(F::Tiff) => return Err(other("TIFF")),
        Ok(F::Bmp) => return Err(other("BMP")),
        Ok(F::Avif) => return Err(other("AVIF")),
        Ok(f) => return Err(other(&format!("{f:?}").to_uppercase())),
        Err(_) => {}
    }
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Err(other("HEIF/HEIC"));
    }
    if head.starts_with(b"%PDF") {
        return Err(other("PDF"));
    }
    if head.starts_with(b"8BPS") {
        return Err(other("Photoshop (PSD)"));
    }
    if trimmed.starts_with("<svg") || (trimmed.starts_with("<?xml") && text.contains("<svg")) {
        return Err(other("SVG"));
    }
    if bytes.is_empty() {
        return Err(Refusal::new("it is empty (0 bytes)", SAVE_AS));
    }
    Err(Refusal::new(
        "it is not an image: its content is neither JPEG nor PNG (folio goes by a file's content, not its name)",
        SAVE_AS,
    ))
}

/// The decoders' limits for photos within the budget.
fn limits() -> image::Limits {
    let mut l = image::Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_DECODE_BYTES);
    l
}

/// Refuse a photo whose declared size is past the budget, before any pixel is decoded.
fn within_budget(w: u32, h: u32) -> Result<(), Refusal> {
    let pixels = u64::from(w) * u64::from(h);
    if w == 0 || h == 0 {
        return Err(Refusal::damaged(format!("it declares {w}×{h} pixels: an empty picture")));
    }
    if pixels > MAX_PIXELS || w > MAX_SIDE || h > MAX_SIDE {
        // The largest size of the same aspect ratio within the budget.
        let f = (MAX_PIXELS as f64 / pixels as f64).sqrt().min(f64::from(MAX_SIDE) / f64::from(w.max(h)));
        let (sw, sh) = ((f64::from(w) * f).floor().max(1.0), (f64::from(h) * f).floor().max(1.0));
        return Err(Refusal::new(
            format!(
                "it is {w}×{h} pixels ({:.1} megapixels), more than folio's budget of {} megapixels per photo (at most {MAX_SIDE} pixels a side)",
                pixels as f64 / 1e6,
                MAX_PIXELS / 1_000_000,
            ),
            format!("scale it down to at most {sw}×{sh} pixels (300 ppi at its printed size is plenty for the press) and save it again"),
        ));
    }
    Ok(())
}

/// What folio knows of a photo file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoInfo {
    /// Width in pixels, as printed (after the EXIF orientation).
    pub width: u32,
    /// Height in pixels, as printed.
    pub height: u32,
    /// The file's format, by its content.
    pub format: PhotoFormat,
}

/// A decoded photo, upright, 8 bits per channel.
struct Decoded {
    image: image::DynamicImage,
    /// Its embedded ICC profile, if any.
    icc: Option<Vec<u8>>,
}

/// Decode a checked photo, upright, at 8 bits per channel (16-bit PNGs are reduced while
/// decoding, so a 16-bit file costs no more memory than an 8-bit one).
fn decode(bytes: &[u8], checked: &Checked) -> Result<Decoded, String> {
    use image::ImageDecoder;
    let (mut image, icc) = match checked.format {
        PhotoFormat::Jpeg => {
            let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), image::ImageFormat::Jpeg);
            reader.limits(limits());
            let mut decoder = reader.into_decoder().map_err(|e| format!("it is damaged: {e}"))?;
            let icc = decoder.icc_profile().ok().flatten();
            (image::DynamicImage::from_decoder(decoder).map_err(|e| format!("it is damaged or truncated: {e}"))?, icc)
        }
        PhotoFormat::Png => {
            let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), png::Limits { bytes: MAX_DECODE_BYTES as usize });
            decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
            let mut reader = decoder.read_info().map_err(|e| format!("it is damaged: {e}"))?;
            let icc = reader.info().icc_profile.as_ref().map(|c| c.to_vec());
            let size = reader.output_buffer_size().ok_or("it is too large to decode")?;
            let mut buf = vec![0u8; size];
            let frame = reader.next_frame(&mut buf).map_err(|e| format!("it is damaged or truncated: {e}"))?;
            buf.truncate(frame.buffer_size());
            let (w, h) = (frame.width, frame.height);
            let bad = || "it decodes to an unexpected pixel layout".to_string();
            let image = match frame.color_type {
                png::ColorType::Grayscale => image::DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, buf).ok_or_else(bad)?),
                png::ColorType::GrayscaleAlpha => image::DynamicImage::ImageLumaA8(image::GrayAlphaImage::from_raw(w, h, buf).ok_or_else(bad)?),
                png::ColorType::Rgb => image::DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, buf).ok_or_else(bad)?),
                png::ColorType::Rgba => image::DynamicImage::ImageRgba8(image::RgbaImage::from_raw(w, h, buf).ok_or_else(bad)?),
                png::ColorType::Indexed => return Err(bad()),
            };
            (image, icc)
        }
    };
    image.apply_orientation(image::metadata::Orientation::from_exif(checked.orientation).unwrap_or(image::metadata::Orientation::NoTransforms));
    Ok(Decoded { image, icc })
}

/// What the checks learned of a photo file, kept while its size and modification time stay
/// the same: a rebuild (watch mode) then decodes nothing it decoded before.
#[derive(Debug, Clone)]
struct Checked {
    info: PhotoInfo,
    format: PhotoFormat,
    orientation: u8,
    colour: PhotoColour,
    /// It has transparency (an alpha channel or a transparent palette entry or colour).
    alpha: bool,
    /// A PNG with 16 bits per channel (served to Typst reduced to 8).
    sixteen: bool,
}

type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

static CHECKED: std::sync::Mutex<Option<HashMap<PathBuf, (Stamp, Result<Checked, Refusal>)>>> = std::sync::Mutex::new(None);
/// Processed copies by file, size on disk, pixel size and what was done (grayscale, separated,
/// flattened, reduced to 8 bits).
type PreparedKey = (PathBuf, Stamp, u32, u32, bool, bool, bool);
static PREPARED: std::sync::Mutex<Option<HashMap<PreparedKey, Option<(Vec<u8>, PhotoFormat)>>>> = std::sync::Mutex::new(None);

/// Read one photo's headers and decode it once, fully, so that a truncated file is caught now,
/// not in print. What the file is comes from its first bytes (JPEG and PNG are printed;
/// anything else is refused, whatever its name), and its pixel count is checked against
/// [`MAX_PIXELS`] from the header, before decoding. JPEGs are decoded strictly (zune-jpeg's
/// strict mode): a file that ends before its last row, which lenient decoders fill with gray,
/// is an error; PNGs are decoded row by row (no whole picture in memory). Results are cached by
/// path, size and modification time.
pub fn inspect(path: &Path) -> Result<PhotoInfo, Refusal> {
    check(path).map(|c| c.info)
}

fn check(path: &Path) -> Result<Checked, Refusal> {
    let st = stamp(path).ok_or_else(|| Refusal::new("cannot open it: no such file", "check the file name; photo paths are relative to the edition directory"))?;
    if let Some((s, r)) = CHECKED.lock().ok().and_then(|c| c.as_ref().and_then(|m| m.get(path).cloned())) {
        if s == st {
            return r;
        }
    }
    let result = check_uncached(path);
    if let Ok(mut c) = CHECKED.lock() {
        c.get_or_insert_with(HashMap::new).insert(path.to_path_buf(), (st, result.clone()));
    }
    result
}

fn check_uncached(path: &Path) -> Result<Checked, Refusal> {
    use image::ImageDecoder;
    let bytes = std::fs::read(path).map_err(|e| Refusal::damaged(format!("cannot open it: {e}")))?;
    let format = sniff(&bytes)?;
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format.image());
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|e| Refusal::damaged(format!("it is damaged or not a whole {format:?} file: {e}")))?;
    let (w, h) = decoder.dimensions();
    within_budget(w, h)?;
    decoder.set_limits(limits()).map_err(|e| Refusal::damaged(format!("it cannot be decoded within folio's limits: {e}")))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms).to_exif();
    let has_colour = decoder.color_type().has_color();
    let (colour, alpha, sixteen) = match format {
        PhotoFormat::Jpeg => {
            use zune_jpeg::zune_core::{bytestream::ZCursor, options::DecoderOptions};
            drop(decoder);
            let options = DecoderOptions::default()
                .set_strict_mode(true)
                .set_max_width(MAX_SIDE as usize)
                .set_max_height(MAX_SIDE as usize);
            zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(&bytes), options)
                .decode()
                .map_err(|e| Refusal::damaged(format!("it is damaged or truncated: {e:?}")))?;
            (jpeg_colour(&bytes).unwrap_or(PhotoColour::Rgb), false, false)
        }
        PhotoFormat::Png => {
            drop(decoder);
            check_png(&bytes, has_colour)?
        }
    };
    // EXIF orientations 5–8 turn the picture a quarter: width and height swap.
    let (width, height) = if (5..=8).contains(&orientation) { (h, w) } else { (w, h) };
    Ok(Checked { info: PhotoInfo { width, height, format }, format, orientation, colour, alpha, sixteen })
}

/// Decode a PNG row by row to the end (a truncated or corrupt file is an error), keeping one
/// row in memory; gives its colour, whether it has transparency, and whether it is 16-bit.
fn check_png(bytes: &[u8], has_colour: bool) -> Result<(PhotoColour, bool, bool), Refusal> {
    let decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), png::Limits { bytes: MAX_DECODE_BYTES as usize });
    let mut reader = decoder.read_info().map_err(|e| Refusal::damaged(format!("it is damaged: {e}")))?;
    let info = reader.info();
    let alpha = info.trns.is_some() || matches!(info.color_type, png::ColorType::GrayscaleAlpha | png::ColorType::Rgba);
    let sixteen = info.bit_depth == png::BitDepth::Sixteen;
    if info.animation_control.is_some() {
        return Err(Refusal::new("it is an animated PNG (APNG); folio prints still photos only", SAVE_AS));
    }
    while reader.next_row().map_err(|e| Refusal::damaged(format!("it is damaged or truncated: {e}")))?.is_some() {}
    reader.finish().map_err(|e| Refusal::damaged(format!("it is damaged or truncated: {e}")))?;
    Ok((if has_colour { PhotoColour::Rgb } else { PhotoColour::Gray }, alpha, sixteen))
}

/// Inspect every photo of an edition; gives the infos per page, per story, per photo.
pub fn inspect_all(edition: &Edition) -> Result<Vec<Vec<Vec<PhotoInfo>>>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for page in &edition.stories {
        let mut p = Vec::new();
        for story in page {
            let mut s = Vec::new();
            for photo in &story.value.photos {
                let path = photo_path(&edition.dir, photo.file.get_ref());
                match inspect(&path) {
                    Ok(info) => s.push(info),
                    Err(r) => errors.push(story.error(photo.file.span(), format!("photo {}: {}", photo.file.get_ref(), r.what)).code(crate::diag::Code::PhotoUnreadable).hint(r.fix)),
                }
            }
            p.push(s);
        }
        out.push(p);
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// A photo's path on disk: relative to the edition directory (checked to stay inside the root
/// when the edition loaded).
pub fn photo_path(edition_dir: &Path, file: &str) -> std::path::PathBuf {
    edition_dir.join(file)
}

/// The colour of a photo's pixels as delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoColour {
    /// One channel: prints in K only.
    Gray,
    /// RGB: separated into CMYK through the newsprint profile on the press plates
    /// ([`prepare`] with `separate`); RGB in the proofs.
    Rgb,
    /// CMYK JPEG: separated already, passed through unchanged.
    Cmyk,
}

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

/// Effective resolution of an image of `px` pixels scaled to cover a box of `box_pt` points.
pub fn effective_ppi(px: [u32; 2], box_pt: [f64; 2]) -> f64 {
    let scale = (box_pt[0] / f64::from(px[0].max(1))).max(box_pt[1] / f64::from(px[1].max(1)));
    if scale > 0.0 { 72.0 / scale } else { f64::INFINITY }
}

/// The colour space a JPEG's frame header declares, read with zune-jpeg (the image crate turns
/// CMYK into RGB while decoding and so cannot tell).
pub fn jpeg_colour(bytes: &[u8]) -> Option<PhotoColour> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    let mut dec = zune_jpeg::JpegDecoder::new(zune_jpeg::zune_core::bytestream::ZCursor::new(bytes));
    dec.decode_headers().ok()?;
    Some(match dec.input_colorspace()? {
        ColorSpace::Luma | ColorSpace::LumaA => PhotoColour::Gray,
        ColorSpace::CMYK | ColorSpace::YCCK => PhotoColour::Cmyk,
        _ => PhotoColour::Rgb,
    })
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
/// CMYK through the bundled newsprint profile, the plates' output intent ([`crate::ink::separate`]),
/// and served as CMYK JPEGs, which Typst embeds unchanged as DeviceCMYK; gray photos with
/// transparency become K-only CMYK JPEGs. Transparency is flattened onto paper white, so no
/// plate carries a soft mask. The proofs leave it off: they stay RGB for the screen, and a
/// rebuild does not pay for the separation.
pub fn prepare(world: &mut FolioWorld, edition: &Edition, data: &mut PagesData, separate: bool) -> Vec<Prepared> {
    let target = edition.file.value.preflight().target_ppi;
    let press = separate;
    let mut out: Vec<Prepared> = Vec::new();
    // Placements grouped by file, in order of first use.
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (pi, page) in data.pages.iter().enumerate() {
        for (si, story) in page.stories.iter().enumerate() {
            let Some(loaded) = edition.stories.get(pi).and_then(|p| p.get(si)) else { continue };
            for (k, (placed, photo)) in story.photos.iter().zip(&loaded.value.photos).enumerate() {
                let idx = out.len();
                out.push(Prepared {
                    page: pi,
                    story: si,
                    photo: k,
                    file: photo.file.get_ref().clone(),
                    path: placed.path.clone(),
                    pixels: [0, 0],
                    placed_pt: [placed.rect.w, placed.image_h],
                    ppi: 0.0,
                    colour: PhotoColour::Rgb,
                    orientation: 1,
                    actions: Actions::default(),
                    bytes_before: 0,
                    bytes_after: 0,
                    error: None,
                    over_budget: false,
                });
                match groups.iter_mut().find(|(p, _)| *p == placed.path) {
                    Some((_, v)) => v.push(idx),
                    None => groups.push((placed.path.clone(), vec![idx])),
                }
            }
        }
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
        let format = served.as_ref().map_or(checked.format, |(_, f)| *f);
        let misleading = match named_as(&path) {
            Some(f) => f != format,
            None => named_other(&path),
        };
        if misleading {
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
    out
}

/// The virtual path a photo is served at in `format` when its own name says otherwise.
fn alias(path: &str, format: PhotoFormat) -> String {
    format!("{path}.folio.{}", format.typst())
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
/// sRGB) separated through the newsprint profile ([`crate::ink::separate`]); transparency is
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
    let cmyk = crate::ink::separate(&rgb, icc)?;
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

    /// `img` as a JPEG file (quality 80).
    fn jpeg_of(img: image::DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)).unwrap();
        out
    }

    #[test]
    fn the_format_comes_from_the_content() {
        let mut png = Vec::new();
        image::DynamicImage::new_rgb8(4, 4).write_with_encoder(image::codecs::png::PngEncoder::new(&mut png)).unwrap();
        assert_eq!(sniff(&png), Ok(PhotoFormat::Png));
        assert_eq!(sniff(&jpeg_of(image::DynamicImage::new_rgb8(4, 4))), Ok(PhotoFormat::Jpeg));
        for (bytes, name) in [
            (&b"GIF89a\x01\x00"[..], "GIF"),
            (b"RIFF\0\0\0\0WEBPVP8 ", "WebP"),
            (b"II*\0\x08\0\0\0", "TIFF"),
            (b"\0\0\0\x18ftypheic\0\0\0\0", "HEIF"),
            (b"%PDF-1.7\n", "PDF"),
            (b"  <svg xmlns='http://www.w3.org/2000/svg'/>", "SVG"),
        ] {
            let r = sniff(bytes).unwrap_err();
            assert!(r.what.contains(name), "{name}: {}", r.what);
            assert!(r.fix.contains("save it as JPEG or PNG"), "{}", r.fix);
        }
        assert!(sniff("照片说明".as_bytes()).unwrap_err().what.contains("not an image"));
        assert!(sniff(b"").unwrap_err().what.contains("empty"));
    }

    #[test]
    fn the_pixel_budget_is_checked_in_u64_and_names_a_size_that_fits() {
        assert!(within_budget(9792, 6528).is_ok());
        let r = within_budget(20000, 20000).unwrap_err();
        assert!(r.what.contains("20000×20000") && r.what.contains("400.0 megapixels") && r.what.contains("64 megapixels"), "{}", r.what);
        // The suggested size is within the budget.
        let size: Vec<u64> = r.fix.split(" pixels").next().unwrap().rsplit(' ').next().unwrap().split('×').map(|v| v.parse().unwrap()).collect();
        assert!(size[0] * size[1] <= MAX_PIXELS, "{}", r.fix);
        assert!(within_budget(u32::MAX, u32::MAX).is_err());
        assert!(within_budget(70_000, 10).is_err(), "a side past 65535");
        assert!(within_budget(0, 10).is_err());
    }

    #[test]
    fn a_misleading_name_gets_a_virtual_name_that_says_the_format() {
        assert_eq!(named_as("/content/a/photos/x.jpg"), Some(PhotoFormat::Jpeg));
        assert_eq!(named_as("/content/a.v2/photos/x"), None);
        assert!(named_other("/photos/x.gif"));
        assert_eq!(alias("/photos/x.jpg", PhotoFormat::Png), "/photos/x.jpg.folio.png");
    }

    #[test]
    fn jpeg_colour_tells_cmyk_from_rgb_and_gray() {
        assert_eq!(jpeg_colour(&jpeg_of(image::DynamicImage::new_rgb8(8, 8))), Some(PhotoColour::Rgb));
        assert_eq!(jpeg_colour(&jpeg_of(image::DynamicImage::new_luma8(8, 8))), Some(PhotoColour::Gray));
        let mut cmyk = Vec::new();
        jpeg_encoder::Encoder::new(&mut cmyk, 80).encode(&[10u8; 8 * 8 * 4], 8, 8, jpeg_encoder::ColorType::Cmyk).unwrap();
        assert_eq!(jpeg_colour(&cmyk), Some(PhotoColour::Cmyk));
    }
}
