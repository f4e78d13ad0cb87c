//! Photos: reading, checking and preparing every image a story places.
//!
//! Takes the photos of an edition's stories and gives, per photo, its pixel size as printed
//! (after the EXIF orientation, for the aspect ratio the layout needs), or a located error
//! naming the story file, the TOML line of the `file = …` key, and what is wrong with the image
//! (missing, unreadable, truncated). After composition, [`prepare`] takes each photo at its
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

/// What folio knows of a photo file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoInfo {
    /// Width in pixels, as printed (after the EXIF orientation).
    pub width: u32,
    /// Height in pixels, as printed.
    pub height: u32,
}

/// A decoded photo, upright.
struct Decoded {
    image: image::DynamicImage,
    format: image::ImageFormat,
    /// Its embedded ICC profile, if any.
    icc: Option<Vec<u8>>,
}

fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    use image::ImageDecoder;
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read it: {e}"))?;
    let Some(format) = reader.format() else {
        return Err("it is not an image folio can read (use JPEG or PNG)".into());
    };
    let mut decoder = reader.into_decoder().map_err(|e| format!("it is damaged or not a {format:?} file: {e}"))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut image = image::DynamicImage::from_decoder(decoder).map_err(|e| format!("it is damaged or truncated: {e}"))?;
    image.apply_orientation(orientation);
    Ok(Decoded { image, format, icc })
}

/// What the checks learned of a photo file, kept while its size and modification time stay
/// the same: a rebuild (watch mode) then decodes nothing it decoded before.
#[derive(Debug, Clone)]
struct Checked {
    info: PhotoInfo,
    orientation: u8,
    colour: PhotoColour,
}

type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

static CHECKED: std::sync::Mutex<Option<HashMap<PathBuf, (Stamp, Result<Checked, String>)>>> = std::sync::Mutex::new(None);
/// Processed copies by file, size on disk, pixel size and what was done (grayscale, separated).
type PreparedKey = (PathBuf, Stamp, u32, u32, bool, bool);
static PREPARED: std::sync::Mutex<Option<HashMap<PreparedKey, Option<Vec<u8>>>>> = std::sync::Mutex::new(None);

/// Read one photo's headers and decode it once, fully, so that a truncated file is caught now,
/// not in print. JPEGs are decoded strictly (zune-jpeg's strict mode): a file that ends before
/// its last row, which lenient decoders fill with gray, is an error. Results are cached by
/// path, size and modification time.
pub fn inspect(path: &Path) -> Result<PhotoInfo, String> {
    check(path).map(|c| c.info)
}

fn check(path: &Path) -> Result<Checked, String> {
    let st = stamp(path).ok_or_else(|| "cannot open it: no such file".to_string())?;
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

fn check_uncached(path: &Path) -> Result<Checked, String> {
    use image::ImageDecoder;
    let bytes = std::fs::read(path).map_err(|e| format!("cannot open it: {e}"))?;
    let reader = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read it: {e}"))?;
    let Some(format) = reader.format() else {
        return Err("it is not an image folio can read (use JPEG or PNG)".into());
    };
    let mut decoder = reader.into_decoder().map_err(|e| format!("it is damaged or not a {format:?} file: {e}"))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms).to_exif();
    let (w, h) = decoder.dimensions();
    let has_colour = decoder.color_type().has_color();
    if format == image::ImageFormat::Jpeg {
        use zune_jpeg::zune_core::{bytestream::ZCursor, options::DecoderOptions};
        let options = DecoderOptions::default().set_strict_mode(true);
        zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(&bytes), options)
            .decode()
            .map_err(|e| format!("it is damaged or truncated: {e:?}"))?;
    } else {
        image::DynamicImage::from_decoder(decoder).map_err(|e| format!("it is damaged or truncated: {e}"))?;
    }
    let colour = match format {
        image::ImageFormat::Jpeg => jpeg_colour(&bytes).unwrap_or(PhotoColour::Rgb),
        _ if has_colour => PhotoColour::Rgb,
        _ => PhotoColour::Gray,
    };
    // EXIF orientations 5–8 turn the picture a quarter: width and height swap.
    let (width, height) = if (5..=8).contains(&orientation) { (h, w) } else { (w, h) };
    Ok(Checked { info: PhotoInfo { width, height }, orientation, colour })
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
                    Err(msg) => errors.push(
                        story
                            .error(photo.file.span(), format!("photo {}: {msg}", photo.file.get_ref()))
                            .hint("replace the file with a readable JPEG or PNG, or fix the path"),
                    ),
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
/// processed copy (grayscale on mono pages, downsampled far above `target_ppi`) through the
/// world where needed. A photo placed twice is processed for its largest placement.
///
/// `separate` (the press plates' compile): RGB photos on colour pages are also separated into
/// CMYK through the bundled newsprint profile, the plates' output intent ([`crate::ink::separate`]),
/// and served as CMYK JPEGs, which Typst embeds unchanged as DeviceCMYK. The proofs leave it
/// off: they stay RGB for the screen, and a rebuild does not pay for the separation.
pub fn prepare(world: &mut FolioWorld, edition: &Edition, data: &PagesData, separate: bool) -> Vec<Prepared> {
    let target = edition.file.value.preflight().target_ppi;
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
                });
                match groups.iter_mut().find(|(p, _)| *p == placed.path) {
                    Some((_, v)) => v.push(idx),
                    None => groups.push((placed.path.clone(), vec![idx])),
                }
            }
        }
    }
    for (path, members) in groups {
        if path.is_empty() {
            for &i in &members {
                out[i].error = Some("it cannot be found inside the project root".into());
            }
            continue;
        }
        world.restore_file(&path);
        let disk = world.root().join(path.trim_start_matches('/'));
        let checked = match check(&disk) {
            Ok(c) => c,
            Err(e) => {
                for &i in &members {
                    out[i].error = Some(e.clone());
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
        let downsample = min_ppi.is_finite() && min_ppi > DOWNSAMPLE_ABOVE * target && colour != PhotoColour::Cmyk;
        let grayscale = mono && colour != PhotoColour::Gray;
        let separate = separate && colour == PhotoColour::Rgb && !grayscale;
        let mut actions = Actions::default();
        let mut after = size;
        if downsample || grayscale || separate {
            let (w, h) = if downsample {
                let f = target / min_ppi;
                (((px[0] as f64) * f).ceil().max(1.0) as u32, ((px[1] as f64) * f).ceil().max(1.0) as u32)
            } else {
                (px[0], px[1])
            };
            let key = (disk.clone(), stamp(&disk).unwrap_or((0, None)), w, h, grayscale, separate);
            let cached = PREPARED.lock().ok().and_then(|c| c.as_ref().and_then(|m| m.get(&key).cloned()));
            let encoded = match cached {
                Some(e) => e,
                None => {
                    let e = std::fs::read(&disk).ok().and_then(|bytes| decode(&bytes).ok()).and_then(|decoded| {
                        let mut img = decoded.image;
                        if downsample {
                            img = img.resize_exact(w, h, image::imageops::FilterType::CatmullRom);
                        }
                        let enc = if grayscale {
                            encode_k_only(&img.to_luma8())
                        } else if separate {
                            encode_separated(&img, decoded.icc.as_deref())
                        } else if colour == PhotoColour::Gray {
                            encode(&image::DynamicImage::ImageLuma8(img.to_luma8()), decoded.format)
                        } else {
                            encode(&image::DynamicImage::ImageRgb8(img.to_rgb8()), decoded.format)
                        };
                        enc.ok().filter(|new| grayscale || separate || (new.len() as u64) < size)
                    });
                    if let Ok(mut c) = PREPARED.lock() {
                        c.get_or_insert_with(HashMap::new).insert(key, e.clone());
                    }
                    e
                }
            };
            if let Some(new) = encoded {
                actions = Actions { grayscale, downsampled: downsample, rotated: checked.orientation != 1, separated: separate };
                after = new.len() as u64;
                world.replace_file(&path, new);
            }
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
    out
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
/// flattened onto paper white first.
pub fn encode_separated(img: &image::DynamicImage, icc: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let (w, h) = (u16::try_from(img.width()), u16::try_from(img.height()));
    let (Ok(w), Ok(h)) = (w, h) else { return Err("the photo is wider or taller than 65535 pixels".into()) };
    let rgb = if img.color().has_alpha() {
        let rgba = img.to_rgba8();
        let mut out = Vec::with_capacity(rgba.as_raw().len() / 4 * 3);
        for p in rgba.as_raw().chunks_exact(4) {
            let a = u32::from(p[3]);
            out.extend(p[..3].iter().map(|&c| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8));
        }
        out
    } else {
        img.to_rgb8().into_raw()
    };
    let cmyk = crate::ink::separate(&rgb, icc)?;
    let mut buf = Vec::new();
    jpeg_encoder::Encoder::new(&mut buf, JPEG_QUALITY)
        .encode(&cmyk, w, h, jpeg_encoder::ColorType::Cmyk)
        .map_err(|e| e.to_string())?;
    Ok(buf)
}

/// Encode a prepared photo in its original format (JPEG stays JPEG, anything else PNG).
fn encode(img: &image::DynamicImage, format: image::ImageFormat) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    let result = if format == image::ImageFormat::Jpeg {
        img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, JPEG_QUALITY))
    } else {
        img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut buf))
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
    fn jpeg_colour_tells_cmyk_from_rgb_and_gray() {
        let mut rgb = Vec::new();
        image::DynamicImage::new_rgb8(8, 8)
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut rgb, 80))
            .unwrap();
        assert_eq!(jpeg_colour(&rgb), Some(PhotoColour::Rgb));
        let mut gray = Vec::new();
        image::DynamicImage::new_luma8(8, 8)
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut gray, 80))
            .unwrap();
        assert_eq!(jpeg_colour(&gray), Some(PhotoColour::Gray));
        let mut cmyk = Vec::new();
        jpeg_encoder::Encoder::new(&mut cmyk, 80).encode(&[10u8; 8 * 8 * 4], 8, 8, jpeg_encoder::ColorType::Cmyk).unwrap();
        assert_eq!(jpeg_colour(&cmyk), Some(PhotoColour::Cmyk));
    }
}
