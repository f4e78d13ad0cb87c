//! Colour: the press profile and separation. Takes RGB pixels and gives the plates' CMYK through
//! the bundled newsprint profile ([`ICC_PROFILE`]), so the plates' photos and the ink estimate
//! separate alike.

/// The CMYK output profile of the plates: ANSI CGATS/SNAP TR 002 coldset newsprint, built from
/// the standard's characterization data (see `icc/README.md` for its origin and licence).
pub const ICC_PROFILE: &[u8] = include_bytes!("../icc/CGATS-TR002-newsprint.icc");

/// The rendering intent of every separation folio makes (the plates' photos and the ink
/// estimate alike, so that the two agree): perceptual. The ICC's intent for photographs:
/// newsprint's gamut is far smaller than sRGB's, and a perceptual table compresses the colours
/// outside it smoothly, keeping detail in saturated areas and shadows, where relative
/// colorimetric clips them to the gamut's edge. The bundled profile was built without gamut
/// mapping (`colprof` without `-s`), so its perceptual table is its colorimetric one and the two
/// intents separate alike; a printing house's own profile with a gamut-mapped perceptual table
/// is then used as it is meant to be for photos.
pub const SEPARATION_INTENT: moxcms::RenderingIntent = moxcms::RenderingIntent::Perceptual;

/// The total ink limit the bundled newsprint profile was built with (`colprof -l240`).
pub const NEWSPRINT_INK_LIMIT: f64 = 240.0;

/// Separate RGB pixels (3 bytes each) into the plates' CMYK (4 bytes each, 0 = no ink, 255 =
/// solid) through the bundled newsprint profile, the plates' output intent ([`SEPARATION_INTENT`],
/// moxcms). The pixels are in the colour space of `icc` (a photo's embedded profile) when it is
/// an RGB profile moxcms can read, else in sRGB. The profile was built with a 240% total ink
/// limit, but its 8-bit tables, interpolated, give the darkest colours up to about 255%; such
/// pixels have C, M and Y scaled down (K kept) to the limit, [`NEWSPRINT_INK_LIMIT`].
pub fn separate(rgb: &[u8], icc: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let t = transform(icc)?;
    let mut dst = vec![0u8; rgb.len() / 3 * 4];
    t.transform(&rgb[..rgb.len() / 3 * 3], &mut dst).map_err(|e| format!("cannot separate: {e:?}"))?;
    let limit = (NEWSPRINT_INK_LIMIT / 100.0 * 255.0) as u32;
    for px in dst.chunks_exact_mut(4) {
        let (cmy, k) = (u32::from(px[0]) + u32::from(px[1]) + u32::from(px[2]), u32::from(px[3]));
        if cmy + k > limit {
            let room = limit.saturating_sub(k);
            for v in &mut px[..3] {
                *v = (u32::from(*v) * room / cmy) as u8;
            }
        }
    }
    Ok(dst)
}

/// The transform from `icc` (or sRGB) to the newsprint profile. Making one samples the
/// profiles' tables, about 10 ms, so each is made once per process and kept, by its source
/// profile's hash (`None`: sRGB); a process meets few profiles (the cache is emptied past 16).
fn transform(icc: Option<&[u8]>) -> Result<std::sync::Arc<moxcms::Transform8BitExecutor>, String> {
    use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};
    type Cache = std::collections::HashMap<Option<u128>, std::sync::Arc<moxcms::Transform8BitExecutor>>;
    static MADE: std::sync::Mutex<Option<Cache>> = std::sync::Mutex::new(None);
    let key = icc.map(typst::utils::hash128);
    if let Some(t) = MADE.lock().ok().and_then(|m| m.as_ref()?.get(&key).cloned()) {
        return Ok(t);
    }
    let newsprint = ColorProfile::new_from_slice(ICC_PROFILE).map_err(|e| format!("the newsprint profile: {e:?}"))?;
    let source = icc
        .and_then(|b| ColorProfile::new_from_slice(b).ok())
        .filter(|p| p.color_space == DataColorSpace::Rgb)
        .unwrap_or_else(ColorProfile::new_srgb);
    let options = TransformOptions { rendering_intent: SEPARATION_INTENT, ..TransformOptions::default() };
    let t = source
        .create_transform_8bit(Layout::Rgb, &newsprint, Layout::Rgba, options)
        .map_err(|e| format!("cannot separate through the newsprint profile: {e:?}"))?;
    if let Ok(mut made) = MADE.lock() {
        let made = made.get_or_insert_with(Default::default);
        if made.len() >= 16 {
            made.clear();
        }
        made.insert(key, t.clone());
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separations_stay_within_the_profiles_ink_limit() {
        // Every dark and saturated colour: the tables alone give some of them over 240%.
        let mut rgb = Vec::new();
        for r in (0..=255u8).step_by(15) {
            for g in (0..=255u8).step_by(15) {
                for b in (0..=96u8).step_by(8) {
                    rgb.extend([r, g, b]);
                }
            }
        }
        let cmyk = separate(&rgb, None).unwrap();
        let max = cmyk.chunks_exact(4).map(|p| p.iter().map(|&v| u32::from(v)).sum::<u32>()).max().unwrap();
        assert!(max <= 612, "{}", f64::from(max) / 2.55);
        assert!(f64::from(max) / 2.55 > NEWSPRINT_INK_LIMIT - 5.0, "the darkest colours reach the limit");
    }
}
