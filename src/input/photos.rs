//! Photo files: takes the photos an edition's stories name and gives, per photo, its pixel size
//! as printed (after the EXIF orientation, for the aspect ratio the layout needs), or a located
//! error naming the story file, the TOML line of the `file = …` key, what is wrong with the
//! image (missing, unreadable, truncated, not JPEG or PNG by its content, more pixels than
//! [`MAX_PIXELS`] by its header) and the fix. The files on disk are never changed; what is
//! served at the placed size is [`crate::layout::photos`]'s.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::input::content::Edition;
use crate::diag::Diagnostic;

/// Most pixels a photo may have (width × height, as its header declares them). Checked before
/// anything is decoded, so that a small file declaring a huge picture costs nothing. 64
/// megapixels hold the largest full-frame cameras' files (about 61 MP); a photo prints at 300
/// ppi, so even a whole broadsheet page (390 × 545 mm) needs only 30 MP. Decoding one photo at
/// this size and preparing it for the plates (separated into CMYK) stays well under 1 GiB.
pub const MAX_PIXELS: u64 = 64_000_000;

/// Longest side of a photo in pixels (JPEG's own limit; folio re-encodes photos as JPEG).
pub const MAX_SIDE: u32 = 65_535;

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
        Self::new(what, crate::tr!("photo-damaged-hint"))
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.what)
    }
}

/// How to fix a photo in a format folio does not print.
fn save_as() -> String {
    crate::tr!("photo-save-as-hint")
}

/// What a file's first bytes say it is.
fn sniff(bytes: &[u8]) -> Result<PhotoFormat, Refusal> {
    use image::ImageFormat as F;
    let other = |name: &str| {
        Refusal::new(crate::tr!("photo-other-format", format = name), save_as())
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
        return Err(Refusal::new(crate::tr!("photo-empty"), save_as()));
    }
    Err(Refusal::new(crate::tr!("photo-not-image"), save_as()))
}

/// Most bytes a PNG's colour profile (its `iCCP` chunk) may unpack to: an ICC profile is some
/// kilobytes, a few megabytes at most (session 41: a 2.3 MB PNG whose profile unpacked to 1.5
/// GiB took 3.2 GB of memory in `folio check`, exit 0; the decoders read it whole).
pub const MAX_ICC: u64 = 16 * 1024 * 1024;

/// Refuse a PNG whose colour profile unpacks past [`MAX_ICC`], reading its chunks before the
/// image data (where the profile must stand) and unpacking the profile no further than that.
fn png_profile_within(bytes: &[u8]) -> Result<(), Refusal> {
    use std::io::Read;
    let mut at = 8;
    while let Some(head) = bytes.get(at..at + 8) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let Some(data) = at.checked_add(8 + len).and_then(|end| bytes.get(at + 8..end)) else { break };
        match &head[4..8] {
            b"iCCP" => {
                // The profile's name, a NUL, the compression method, then the zlib stream.
                let Some(nul) = data.iter().position(|&b| b == 0) else { break };
                let stream = data.get(nul + 2..).unwrap_or_default();
                let unpacked = std::io::copy(&mut flate2::read::ZlibDecoder::new(stream).take(MAX_ICC + 1), &mut std::io::sink()).unwrap_or(0);
                if unpacked > MAX_ICC {
                    return Err(Refusal::new(crate::tr!("photo-icc-too-big", limit = crate::project::limits::human(MAX_ICC)), save_as()));
                }
            }
            b"IDAT" | b"IEND" => break,
            _ => {}
        }
        at += 12 + len;
    }
    Ok(())
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
        return Err(Refusal::damaged(crate::tr!("photo-zero-size", width = w, height = h)));
    }
    if pixels > MAX_PIXELS || w > MAX_SIDE || h > MAX_SIDE {
        // The largest size of the same aspect ratio within the budget.
        let f = (MAX_PIXELS as f64 / pixels as f64).sqrt().min(f64::from(MAX_SIDE) / f64::from(w.max(h)));
        let (sw, sh) = ((f64::from(w) * f).floor().max(1.0), (f64::from(h) * f).floor().max(1.0));
        return Err(Refusal::new(
            crate::tr!(
                "photo-too-big",
                width = w,
                height = h,
                megapixels = format!("{:.1}", pixels as f64 / 1e6),
                budget = MAX_PIXELS / 1_000_000,
                side = MAX_SIDE
            ),
            crate::tr!("photo-too-big-hint", width = sw, height = sh),
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
pub(crate) struct Decoded {
    pub(crate) image: image::DynamicImage,
    /// Its embedded ICC profile, if any.
    pub(crate) icc: Option<Vec<u8>>,
}

/// Decode a checked photo, upright, at 8 bits per channel (16-bit PNGs are reduced while
/// decoding, so a 16-bit file costs no more memory than an 8-bit one).
pub(crate) fn decode(bytes: &[u8], checked: &Checked) -> Result<Decoded, String> {
    use image::ImageDecoder;
    let (mut image, icc) = match checked.format {
        PhotoFormat::Jpeg => {
            let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), image::ImageFormat::Jpeg);
            reader.limits(limits());
            let mut decoder = reader.into_decoder().map_err(|e| crate::tr!("photo-damaged", error = e.to_string()))?;
            let icc = decoder.icc_profile().ok().flatten();
            (image::DynamicImage::from_decoder(decoder).map_err(|e| crate::tr!("photo-truncated", error = e.to_string()))?, icc)
        }
        PhotoFormat::Png => {
            let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), png::Limits { bytes: MAX_DECODE_BYTES as usize });
            decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
            let mut reader = decoder.read_info().map_err(|e| crate::tr!("photo-damaged", error = e.to_string()))?;
            let icc = reader.info().icc_profile.as_ref().map(|c| c.to_vec());
            let size = reader.output_buffer_size().ok_or("it is too large to decode")?;
            let mut buf = vec![0u8; size];
            let frame = reader.next_frame(&mut buf).map_err(|e| crate::tr!("photo-truncated", error = e.to_string()))?;
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
pub(crate) struct Checked {
    pub(crate) info: PhotoInfo,
    pub(crate) format: PhotoFormat,
    pub(crate) orientation: u8,
    pub(crate) colour: PhotoColour,
    /// It has transparency (an alpha channel or a transparent palette entry or colour).
    pub(crate) alpha: bool,
    /// A PNG with 16 bits per channel (served to Typst reduced to 8).
    pub(crate) sixteen: bool,
}

pub(crate) type Stamp = (u64, Option<std::time::SystemTime>);

pub(crate) fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

static CHECKED: std::sync::Mutex<Option<HashMap<PathBuf, (Stamp, Result<Checked, Refusal>)>>> = std::sync::Mutex::new(None);

/// Read one photo's headers: what the file is comes from its first bytes (JPEG and PNG are
/// printed; anything else is refused, whatever its name), and its pixel count is checked
/// against [`MAX_PIXELS`] from the header; nothing is decoded ([`verify`] decodes it, and every
/// compile verifies every photo before it gives any output). Results are cached by path, size
/// and modification time.
pub fn inspect(path: &Path) -> Result<PhotoInfo, Refusal> {
    check(path).map(|c| c.info)
}

pub(crate) fn check(path: &Path) -> Result<Checked, Refusal> {
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
    let bytes = std::fs::read(path).map_err(|e| Refusal::damaged(crate::tr!("photo-cannot-open", error = e.to_string())))?;
    check_bytes(&bytes)
}

/// [`check`] of a photo's bytes (not cached).
fn check_bytes(bytes: &[u8]) -> Result<Checked, Refusal> {
    use image::ImageDecoder;
    let format = sniff(bytes)?;
    if format == PhotoFormat::Png {
        png_profile_within(bytes)?;
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format.image());
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|e| Refusal::damaged(crate::tr!("photo-not-whole", format = format!("{format:?}"), error = e.to_string())))?;
    let (w, h) = decoder.dimensions();
    within_budget(w, h)?;
    decoder.set_limits(limits()).map_err(|e| Refusal::damaged(crate::tr!("photo-limits", error = e.to_string())))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms).to_exif();
    let has_colour = decoder.color_type().has_color();
    drop(decoder);
    let (colour, alpha, sixteen) = match format {
        PhotoFormat::Jpeg => (jpeg_colour(bytes).unwrap_or(PhotoColour::Rgb), false, false),
        PhotoFormat::Png => png_header(bytes, has_colour)?,
    };
    // EXIF orientations 5–8 turn the picture a quarter: width and height swap.
    let (width, height) = if (5..=8).contains(&orientation) { (h, w) } else { (w, h) };
    Ok(Checked { info: PhotoInfo { width, height, format }, format, orientation, colour, alpha, sixteen })
}

/// A PNG's colour, whether it has transparency and whether it is 16-bit, from its header.
fn png_header(bytes: &[u8], has_colour: bool) -> Result<(PhotoColour, bool, bool), Refusal> {
    let decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), png::Limits { bytes: MAX_DECODE_BYTES as usize });
    let reader = decoder.read_info().map_err(|e| Refusal::damaged(crate::tr!("photo-damaged", error = e.to_string())))?;
    let info = reader.info();
    let alpha = info.trns.is_some() || matches!(info.color_type, png::ColorType::GrayscaleAlpha | png::ColorType::Rgba);
    let sixteen = info.bit_depth == png::BitDepth::Sixteen;
    if info.animation_control.is_some() {
        return Err(Refusal::new(crate::tr!("photo-apng"), save_as()));
    }
    Ok((if has_colour { PhotoColour::Rgb } else { PhotoColour::Gray }, alpha, sixteen))
}

static VERIFIED: std::sync::Mutex<Option<HashMap<PathBuf, (Stamp, Result<(), Refusal>)>>> = std::sync::Mutex::new(None);

/// Decode a photo whose headers [`check`] read, fully, so that a truncated or corrupt file is
/// caught now, not in print. JPEGs are decoded strictly (zune-jpeg's strict mode: a file that
/// ends before its last row, which lenient decoders fill with gray, is an error), a colour one
/// in gray (every block is still read; the colour conversion and two thirds of the memory are
/// spared); PNGs row by row (one row in memory). Results are cached by path, size and
/// modification time.
pub fn verify(path: &Path) -> Result<(), Refusal> {
    let checked = check(path)?;
    let st = stamp(path).ok_or_else(|| Refusal::new("cannot open it: no such file", "check the file name; photo paths are relative to the edition directory"))?;
    if let Some((s, r)) = VERIFIED.lock().ok().and_then(|c| c.as_ref().and_then(|m| m.get(path).cloned())) {
        if s == st {
            return r;
        }
    }
    let result = std::fs::read(path).map_err(|e| Refusal::damaged(crate::tr!("photo-cannot-open", error = e.to_string()))).and_then(|bytes| {
        // These very bytes decoded without a fault in an earlier build (`input::known`).
        let key = crate::input::known::Key::of(&bytes);
        if crate::input::known::verified(key) {
            return Ok(());
        }
        match checked.format {
            PhotoFormat::Jpeg => verify_jpeg(&bytes),
            PhotoFormat::Png => verify_png(&bytes),
        }
        .inspect(|()| crate::input::known::set_verified(key))
    });
    if let Ok(mut c) = VERIFIED.lock() {
        c.get_or_insert_with(HashMap::new).insert(path.to_path_buf(), (st, result.clone()));
    }
    result
}

/// The checks a build makes of a photo file ([`check`], then [`verify`]'s full decode) made of
/// its bytes before they are written anywhere: `folio import` checks the images of a .docx and
/// the `--photo` files so (session 40: a GIF and a text file were written as `photos/*.jpeg`,
/// which the build then refused). Gives the format by the content.
pub fn verify_bytes(bytes: &[u8]) -> Result<PhotoFormat, Refusal> {
    let checked = check_bytes(bytes)?;
    match checked.format {
        PhotoFormat::Jpeg => verify_jpeg(bytes)?,
        PhotoFormat::Png => verify_png(bytes)?,
    }
    Ok(checked.format)
}

fn verify_jpeg(bytes: &[u8]) -> Result<(), Refusal> {
    use zune_jpeg::zune_core::{bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions};
    let options = DecoderOptions::default().set_strict_mode(true).set_max_width(MAX_SIDE as usize).set_max_height(MAX_SIDE as usize);
    let damaged = |e: zune_jpeg::errors::DecodeErrors| Refusal::damaged(crate::tr!("photo-truncated", error = format!("{e:?}")));
    let mut jpeg = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    jpeg.decode_headers().map_err(damaged)?;
    if matches!(jpeg.input_colorspace(), Some(ColorSpace::YCbCr | ColorSpace::Luma)) {
        jpeg.set_options(options.jpeg_set_out_colorspace(ColorSpace::Luma));
    }
    jpeg.decode().map_err(damaged)?;
    Ok(())
}

/// Decode the JPEG `bytes` of the photo file at `path` (as it was at `stamp`) strictly, as
/// [`verify`] does, but keeping the pixels: RGB (gray for a gray file), with the file's ICC
/// profile. The verdict is recorded for [`verify`], so a photo whose pixels are needed anyway
/// (the ink of a photo served as a form, `check::ink`) is decoded once.
pub fn decode_verified(path: &Path, stamp: Stamp, bytes: &[u8]) -> Result<(image::DynamicImage, Option<Vec<u8>>), Refusal> {
    use zune_jpeg::zune_core::{bytestream::ZCursor, colorspace::ColorSpace, options::DecoderOptions};
    let options = DecoderOptions::default().set_strict_mode(true).set_max_width(MAX_SIDE as usize).set_max_height(MAX_SIDE as usize);
    let damaged = |e: zune_jpeg::errors::DecodeErrors| Refusal::damaged(crate::tr!("photo-truncated", error = format!("{e:?}")));
    let decoded = (|| {
        let mut jpeg = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
        jpeg.decode_headers().map_err(damaged)?;
        let gray = matches!(jpeg.input_colorspace(), Some(ColorSpace::Luma));
        let colour = match jpeg.input_colorspace() {
            Some(ColorSpace::YCbCr | ColorSpace::RGB) => ColorSpace::RGB,
            Some(ColorSpace::Luma) => ColorSpace::Luma,
            other => return Err(Refusal::damaged(crate::tr!("photo-damaged", error = format!("colour space {other:?}")))),
        };
        jpeg.set_options(options.jpeg_set_out_colorspace(colour));
        let icc = jpeg.icc_profile().filter(|p| !p.is_empty());
        let pixels = jpeg.decode().map_err(damaged)?;
        let (w, h) = jpeg.dimensions().ok_or_else(|| Refusal::damaged(crate::tr!("photo-damaged", error = "no size")))?;
        let bad = || Refusal::damaged(crate::tr!("photo-damaged", error = "unexpected pixel layout"));
        let image = if gray {
            image::DynamicImage::ImageLuma8(image::GrayImage::from_raw(w as u32, h as u32, pixels).ok_or_else(bad)?)
        } else {
            image::DynamicImage::ImageRgb8(image::RgbImage::from_raw(w as u32, h as u32, pixels).ok_or_else(bad)?)
        };
        Ok((image, icc))
    })();
    if let Ok(mut c) = VERIFIED.lock() {
        c.get_or_insert_with(HashMap::new).insert(path.to_path_buf(), (stamp, decoded.as_ref().map(|_| ()).map_err(Clone::clone)));
    }
    if decoded.is_ok() {
        crate::input::known::set_verified(crate::input::known::Key::of(bytes));
    }
    decoded
}

fn verify_png(bytes: &[u8]) -> Result<(), Refusal> {
    let decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), png::Limits { bytes: MAX_DECODE_BYTES as usize });
    let mut reader = decoder.read_info().map_err(|e| Refusal::damaged(crate::tr!("photo-damaged", error = e.to_string())))?;
    while reader.next_row().map_err(|e| Refusal::damaged(crate::tr!("photo-truncated", error = e.to_string())))?.is_some() {}
    reader.finish().map_err(|e| Refusal::damaged(crate::tr!("photo-truncated", error = e.to_string())))?;
    Ok(())
}

/// [`verify`] every photo of an edition: the errors, located on the stories' `file` keys.
pub fn verify_all(edition: &Edition) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    for page in &edition.stories {
        for story in page {
            for photo in &story.value.photos {
                if let Err(r) = verify(&photo_path(&edition.dir, photo.file.get_ref())) {
                    errors.push(story.error(photo.file.span(), crate::tr!("photo-error", file = photo.file.get_ref(), error = r.what)).code(crate::diag::Code::PhotoUnreadable).hint(r.fix));
                }
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
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
                    Err(r) => errors.push(story.error(photo.file.span(), crate::tr!("photo-error", file = photo.file.get_ref(), error = r.what)).code(crate::diag::Code::PhotoUnreadable).hint(r.fix)),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn jpeg_colour_tells_cmyk_from_rgb_and_gray() {
        assert_eq!(jpeg_colour(&jpeg_of(image::DynamicImage::new_rgb8(8, 8))), Some(PhotoColour::Rgb));
        assert_eq!(jpeg_colour(&jpeg_of(image::DynamicImage::new_luma8(8, 8))), Some(PhotoColour::Gray));
        let mut cmyk = Vec::new();
        jpeg_encoder::Encoder::new(&mut cmyk, 80).encode(&[10u8; 8 * 8 * 4], 8, 8, jpeg_encoder::ColorType::Cmyk).unwrap();
        assert_eq!(jpeg_colour(&cmyk), Some(PhotoColour::Cmyk));
    }
}
