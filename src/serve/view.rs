//! The view: takes a [`Watch`]'s last good build (or its last error) and gives what the browser
//! shows — each page as SVG (made again only for pages whose drawing changed) and one JSON
//! [`State`]: the pages and their facing spreads, every story's block with its source file and
//! line and the characters it holds against its copy, the preflight findings with where they are
//! on the page, and the error of a failed rebuild (shown over the last good pages).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
use crate::layout::compose::StoryFit;
use crate::session::watch::{Rebuilt, Watch};
use crate::session::Report;

/// The schema of [`State`], which `app.js` asserts.
pub const SCHEMA: &str = "folio-serve/1";

/// Everything the browser shows, at one version.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// The state as the browser reads it (`/state.json`).
    pub state: State,
    /// The state, serialised once.
    pub json: Arc<String>,
    /// Each page's SVG, by page index.
    pub svgs: Vec<Arc<String>>,
    /// Each page's SVG by the hash of its drawing, to reuse unchanged pages' SVG.
    by_hash: HashMap<u128, Arc<String>>,
    /// The photos of the pages shown, made small for the preview, by the hash of their data
    /// URL in typst-svg's drawing.
    images: HashMap<u128, Arc<String>>,
}

/// The SVG's root scaled to whatever box shows it: typst-svg gives the root a width and height
/// in pt, which would keep the page at its printed size inside the viewer's `<object>`; the
/// `viewBox` keeps the page's proportions.
fn fill_box(svg: &str) -> String {
    let head_end = svg.find('>').unwrap_or(0);
    let mut head = svg[..head_end].to_string();
    for attr in [" width=\"", " height=\""] {
        if let Some(at) = head.find(attr) {
            let from = at + attr.len();
            if let Some(len) = head[from..].find('"') {
                head.replace_range(from..from + len, "100%");
            }
        }
    }
    head + &svg[head_end..]
}

/// Longest side, in pixels, of a photo in the preview: sharp on a screen at a zoom that shows
/// a whole page, and a fraction of the bytes of the print-resolution file.
pub const PREVIEW_PX: u32 = 1400;

/// typst-svg embeds every image at print resolution as a base64 `data:` URL — most of a page's
/// bytes, decoded by the browser again with every page it draws. For the preview each photo is
/// made once (per session and content) at [`PREVIEW_PX`] and put back in its place; the PDFs
/// keep the photos as placed. A photo that cannot be decoded here is left as it was.
fn shrink_images(svg: &str, prev: &HashMap<u128, Arc<String>>, images: &mut HashMap<u128, Arc<String>>) -> String {
    let mut out = String::with_capacity(svg.len() / 2);
    let mut rest = svg;
    while let Some(at) = rest.find("\"data:image/") {
        let url = &rest[at + 1..];
        let Some(end) = url.find('"') else { break };
        let key = typst::utils::hash128(&url[..end]);
        let small = match images.get(&key).or_else(|| prev.get(&key)) {
            Some(small) => small.clone(),
            None => Arc::new(preview_photo(&url[..end]).unwrap_or_else(|| url[..end].to_string())),
        };
        images.insert(key, small.clone());
        out.push_str(&rest[..at + 1]);
        out.push_str(&small);
        rest = &url[end..];
    }
    out.push_str(rest);
    out
}

/// A `data:image/…;base64,` URL at most [`PREVIEW_PX`] on its longest side, as a JPEG (or the
/// PNG it was, if it is small already); `None` if it cannot be decoded.
fn preview_photo(url: &str) -> Option<String> {
    use base64::Engine as _;
    let (_, data) = url.split_once(";base64,")?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let img = image::load_from_memory(&b64.decode(data).ok()?).ok()?;
    if img.width().max(img.height()) <= PREVIEW_PX {
        return None;
    }
    let small = image::DynamicImage::ImageRgb8(img.thumbnail(PREVIEW_PX, PREVIEW_PX).to_rgb8());
    let mut jpeg = Vec::new();
    small.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)).ok()?;
    Some(format!("data:image/jpeg;base64,{}", b64.encode(jpeg)))
}

/// What `/state.json` gives.
#[derive(Debug, Clone, Default, Serialize)]
pub struct State {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// Grows with every rebuild, good or bad; the browser asks again when it changes.
    pub version: u64,
    /// The edition's directory name.
    pub edition: String,
    /// The last good build, if any.
    pub built: Option<Built>,
    /// Pages in order.
    pub pages: Vec<PageView>,
    /// Facing pages: indices into `pages`, left then right (either may be absent).
    pub spreads: Vec<[Option<usize>; 2]>,
    /// Preflight findings of the last good build.
    pub findings: Vec<FindingView>,
    /// The errors of the last rebuild, when it failed (the pages are the last good ones).
    pub errors: Vec<FindingView>,
}

/// About the build the pages come from.
#[derive(Debug, Clone, Serialize)]
pub struct Built {
    /// Wall time of the rebuild in ms.
    pub ms: f64,
    /// Printed numbers of the pages whose drawing changed.
    pub changed: Vec<u32>,
}

/// One page.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Index in the edition.
    pub index: usize,
    /// Printed page number.
    pub number: u32,
    /// Section name.
    pub section: String,
    /// Trim width and height in pt.
    pub width: f64,
    /// See `width`.
    pub height: f64,
    /// Where the browser gets the page's SVG: `/pages/<index>.svg?v=<hash>`.
    pub svg: String,
    /// Stories on the page, in the page's order.
    pub stories: Vec<StoryView>,
}

/// One story's block.
#[derive(Debug, Clone, Serialize)]
pub struct StoryView {
    /// The headline, as a 美编 names a story.
    pub name: String,
    /// The story file as the user names it (relative to the project root).
    pub file: PathBuf,
    /// Line of its `[block]` table, or 1 when folio placed it.
    pub line: usize,
    /// Opens the file at that line in VS Code.
    pub editor: String,
    /// The block in pt from the page's trim top-left corner: x, y, width, height.
    pub rect: [f64; 4],
    /// An L-shaped block's corner, which other stories fill, in pt like `rect`.
    pub corner: Option<[f64; 4]>,
    /// `true` when folio chose the block (自动组版), `false` when the file gives it.
    pub auto: bool,
    /// Body lines of copy.
    pub lines: u32,
    /// Lines that do not fit.
    pub overset: u32,
    /// Empty grid lines under the columns.
    pub underset: u32,
    /// Characters of copy, the desk's count as `folio check` gives it: the lines it sets × the
    /// format's characters a column line.
    pub chars: usize,
    /// Characters the block holds, counted the same way: its free lines for copy × characters
    /// a line.
    pub holds: usize,
    /// What copyfitting changed, if anything.
    pub copyfit: Option<String>,
}

/// A finding or an error, located.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code (the JSON report's), e.g. `overset`.
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hints: Vec<String>,
    /// Page index, when it concerns a page.
    pub page: Option<usize>,
    /// Where it is on that page, in pt from the trim top-left corner: x, y, width, height.
    pub rect: Option<[f64; 4]>,
    /// The file it points into, as the user names it.
    pub file: Option<PathBuf>,
    /// 1-based line and column in `file`.
    pub line: Option<usize>,
    /// See `line`.
    pub column: Option<usize>,
    /// The offending line of `file`.
    pub excerpt: Option<String>,
    /// Opens `file` at `line` in VS Code.
    pub editor: Option<String>,
}

/// A `vscode://file/…` link to `rel` (under `root`) at `line`:`column`.
fn editor_link(root: Option<&Path>, rel: &Path, line: usize, column: usize) -> String {
    let abs = match root {
        Some(root) if rel.is_relative() => root.join(rel),
        _ => rel.to_path_buf(),
    };
    format!("vscode://file{}{}:{line}:{column}", if abs.starts_with("/") { "" } else { "/" }, abs.display())
}

impl FindingView {
    fn of(d: &Diagnostic, root: Option<&Path>) -> Self {
        let lc = d.line_col();
        let excerpt = match (&d.source, lc) {
            (Some(src), Some((line, _))) => src.lines().nth(line - 1).map(str::to_string),
            _ => None,
        };
        Self {
            severity: d.severity,
            code: d.code.map_or_else(
                || if d.severity == Severity::Error { "error".into() } else { "warning".into() },
                |c| c.as_str().to_string(),
            ),
            message: d.message.clone(),
            hints: d.hints.clone(),
            page: None,
            rect: None,
            file: d.path.clone(),
            line: lc.map(|(l, _)| l),
            column: lc.map(|(_, c)| c),
            excerpt,
            editor: d.path.as_deref().map(|p| {
                let (l, c) = lc.unwrap_or((1, 1));
                editor_link(root, p, l, c)
            }),
        }
    }
}

fn story_views(report: &Report, pi: usize, root: Option<&Path>) -> Vec<StoryView> {
    let (edition, compiled) = (&report.edition, &report.compiled);
    let page = &compiled.data.pages[pi];
    let auto: Vec<usize> = report.placed.iter().filter(|p| p.page == pi).flat_map(|p| p.blocks.iter().map(|b| b.story)).collect();
    let fit_of = |si: usize| -> Option<&StoryFit> { compiled.fits.iter().find(|f| f.page == pi && f.story == si) };
    let (side, top) = (page.format.side_pt, page.format.top_pt);
    edition.stories[pi]
        .iter()
        .zip(&page.stories)
        .enumerate()
        .map(|(si, (story, data))| {
            let fit = fit_of(si);
            let (lines, overset, underset, capacity) = fit.map_or((0, 0, 0, 0), |f| (f.lines, f.overset, f.underset, f.capacity));
            // The desk's count (栏宽 × 行数), as `folio check` gives it.
            let per_line = fit.map_or(page.format.spec.column_chars, |f| f.chars_per_line);
            let (chars, holds) = ((lines * per_line) as usize, (capacity * per_line) as usize);
            let is_auto = auto.contains(&si);
            let line = if is_auto {
                1
            } else {
                let at = story.key_span(&["block"], 0..0).start.min(story.source.len());
                story.source.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1
            };
            StoryView {
                name: story.value.headline.clone(),
                file: story.display.clone(),
                line,
                editor: editor_link(root, &story.display, line, 1),
                rect: [data.block.x + side, data.block.y + top, data.block.w, data.block.h],
                corner: data.cutout.map(|c| [c.x + side, c.y + top, c.w, c.h]),
                auto: is_auto,
                lines,
                overset,
                underset,
                chars,
                holds,
                copyfit: fit.and_then(|f| f.copyfit.as_deref()).map(crate::check::preflight::copyfit_change),
            }
        })
        .collect()
}

impl View {
    /// The view of a good rebuild: SVG made again for the pages whose drawing changed.
    pub fn built(prev: &View, version: u64, watch: &Watch, rebuilt: &Rebuilt) -> View {
        let Some(report) = watch.report() else { return prev.failed(version, &[]) };
        let root = watch.root();
        let doc = &report.compiled.document;
        let hashes: Vec<u128> = doc.pages().iter().map(typst::utils::hash128).collect();
        let opts = typst_svg::SvgOptions::default();
        let made: Vec<(Arc<String>, HashMap<u128, Arc<String>>)> = {
            use rayon::prelude::*;
            doc.pages()
                .par_iter()
                .zip(&hashes)
                .map(|(page, h)| {
                    let mut images = HashMap::new();
                    let svg = match prev.by_hash.get(h) {
                        Some(svg) => svg.clone(),
                        None => Arc::new(fill_box(&shrink_images(&typst_svg::svg(page, &opts), &prev.images, &mut images))),
                    };
                    (svg, images)
                })
                .collect()
        };
        // The small photos of the pages made now, and those of the pages kept (by their hash:
        // a kept page's photos are in the previous view's cache); the rest are let go.
        let mut images: HashMap<u128, Arc<String>> = HashMap::new();
        let mut kept = false;
        let made: Vec<Arc<String>> = made
            .into_iter()
            .map(|(svg, new)| {
                kept |= new.is_empty();
                images.extend(new);
                svg
            })
            .collect();
        if kept {
            images.extend(prev.images.iter().map(|(k, v)| (*k, v.clone())));
        }
        let pages = report
            .compiled
            .data
            .pages
            .iter()
            .enumerate()
            .map(|(pi, p)| {
                let size = doc.pages().get(pi).map(|pg| pg.frame.size());
                PageView {
                    index: pi,
                    number: p.number,
                    section: p.section.clone(),
                    width: size.map_or(p.format.trim_width_pt, |s| s.x.to_pt()),
                    height: size.map_or(p.format.trim_height_pt, |s| s.y.to_pt()),
                    svg: format!("/pages/{pi}.svg?v={:032x}", hashes.get(pi).copied().unwrap_or_default()),
                    stories: story_views(report, pi, root),
                }
            })
            .collect();
        let findings = report
            .preflight
            .iter()
            .map(|f| {
                let mut v = FindingView::of(&f.diag, root);
                v.code = f.code.as_str().to_string();
                v.page = f.mark.as_ref().map(|m| m.page).or(f.page_index);
                v.rect = f.mark.as_ref().map(|m| m.rect);
                v
            })
            .collect();
        let state = State {
            schema: SCHEMA,
            version,
            edition: report.edition.name.clone(),
            built: Some(Built { ms: rebuilt.elapsed.as_secs_f64() * 1000.0, changed: rebuilt.changed.clone() }),
            pages,
            spreads: report.compiled.data.spreads.clone(),
            findings,
            errors: Vec::new(),
        };
        let by_hash = hashes.iter().copied().zip(made.iter().cloned()).collect();
        View::finish(state, made, by_hash, images)
    }

    /// The view of a failed rebuild: the last good pages, with the errors over them.
    pub fn failed(&self, version: u64, errors: &[Diagnostic]) -> View {
        self.failed_in(version, errors, None)
    }

    /// [`View::failed`] with the project root, for the editor links.
    pub fn failed_in(&self, version: u64, errors: &[Diagnostic], root: Option<&Path>) -> View {
        let mut state = self.state.clone();
        state.schema = SCHEMA;
        state.version = version;
        // Errors first, then the warnings that came with them.
        let mut shown: Vec<&Diagnostic> = errors.iter().filter(|d| d.severity == Severity::Error).collect();
        shown.extend(errors.iter().filter(|d| d.severity != Severity::Error));
        state.errors = shown.into_iter().map(|d| FindingView::of(d, root)).collect();
        View::finish(state, self.svgs.clone(), self.by_hash.clone(), self.images.clone())
    }

    /// The view before any build: no pages, named edition.
    pub fn empty(edition: &str) -> View {
        View::finish(State { schema: SCHEMA, edition: edition.to_string(), ..State::default() }, Vec::new(), HashMap::new(), HashMap::new())
    }

    fn finish(state: State, svgs: Vec<Arc<String>>, by_hash: HashMap<u128, Arc<String>>, images: HashMap<u128, Arc<String>>) -> View {
        let json = Arc::new(serde_json::to_string(&state).expect("the state serialises"));
        View { state, json, svgs, by_hash, images }
    }
}

/// The edition's directory name as the view shows it before the first build.
pub fn edition_name(edition: &Path) -> String {
    edition.file_name().map_or_else(|| edition.display().to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_made_small_once_and_what_cannot_be_decoded_stays() {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let big = image::RgbImage::from_pixel(3000, 1500, image::Rgb([200, 40, 40]));
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(big).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let svg = format!(r#"<svg><image xlink:href="data:image/png;base64,{}"/><image href="data:image/png;base64,AAAA"/></svg>"#, b64.encode(&png));
        let mut images = HashMap::new();
        let out = shrink_images(&svg, &HashMap::new(), &mut images);
        assert_eq!(images.len(), 2);
        let small = out.split("xlink:href=\"").nth(1).unwrap().split('"').next().unwrap();
        let data = b64.decode(small.strip_prefix("data:image/jpeg;base64,").expect("a JPEG now")).unwrap();
        let img = image::load_from_memory(&data).unwrap();
        assert_eq!((img.width(), img.height()), (PREVIEW_PX, PREVIEW_PX / 2));
        assert!(out.contains("data:image/png;base64,AAAA"), "not decodable: left as it was");
        // Made once: the second time it comes from the cache.
        let mut again = HashMap::new();
        assert_eq!(shrink_images(&svg, &images, &mut again), out);
    }

    #[test]
    fn the_root_fills_its_box() {
        let svg = r#"<svg viewBox="0 0 10 20" width="10pt" height="20pt" xmlns="x"><rect width="3" height="4"/></svg>"#;
        assert_eq!(fill_box(svg), r#"<svg viewBox="0 0 10 20" width="100%" height="100%" xmlns="x"><rect width="3" height="4"/></svg>"#);
    }
}
