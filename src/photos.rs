//! Photos: reading every image a story places.
//!
//! Takes the photos of an edition's stories and gives, per photo, its pixel size (for the
//! aspect ratio the layout needs), or a located error naming the story file, the TOML line of the
//! `file = …` key, and what is wrong with the image (missing, unreadable, truncated).

use std::path::Path;

use crate::content::Edition;
use crate::diag::Diagnostic;

/// Space between a photo and its caption, in pt.
pub const CAPTION_GAP_PT: f64 = 3.0;

/// What folio knows of a photo file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Read one photo's header and decode it fully, so a truncated file is caught now, not in print.
pub fn inspect(path: &Path) -> Result<PhotoInfo, String> {
    let reader = image::ImageReader::open(path)
        .map_err(|e| format!("cannot open it: {e}"))?
        .with_guessed_format()
        .map_err(|e| format!("cannot read it: {e}"))?;
    if reader.format().is_none() {
        return Err("it is not an image folio can read (use JPEG or PNG)".into());
    }
    let img = reader.decode().map_err(|e| format!("it is damaged or truncated: {e}"))?;
    Ok(PhotoInfo { width: img.width(), height: img.height() })
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
