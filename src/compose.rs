//! Composition: from measured galley to placed pages.
//!
//! Takes the validated [`Edition`], its [`Format`], the [`Galley`] and what pass 1 measured,
//! and gives [`PagesData`], the JSON `layouts/edition.typ` draws from: every story's block, head,
//! lead box, photos and body slices at exact positions on the baseline grid (all in pt from the
//! type area's top-left corner), plus the spreads. It also gives one [`StoryFit`] per story:
//! how many lines it needed, had, and could not place.

use serde::Serialize;

use crate::content::{block_lines, Edition, Loaded, Story};
use crate::flow::{self, Interval, Unit};
use crate::galley::{lead_span, Galley, Measure, Piece, Run};
use crate::grid::Format;
use crate::photos::PhotoInfo;

/// Everything pass 2 draws.
#[derive(Debug, Clone, Serialize)]
pub struct PagesData {
    /// The format with its derived grid.
    pub format: Format,
    /// Paper, date, issue.
    pub edition: EditionData,
    /// Pages in order.
    pub pages: Vec<PageData>,
    /// Facing pages: indices into `pages`, left then right (either may be absent).
    pub spreads: Vec<[Option<usize>; 2]>,
}

/// Edition identity for the folio line.
#[derive(Debug, Clone, Serialize)]
pub struct EditionData {
    /// Paper name.
    pub paper: String,
    /// Date written the Chinese way, 2023年6月26日.
    pub date: String,
    /// Weekday, 星期一.
    pub weekday: String,
    /// Issue number.
    pub issue: u32,
}

/// One page.
#[derive(Debug, Clone, Serialize)]
pub struct PageData {
    /// Page number.
    pub number: u32,
    /// Section name.
    pub section: String,
    /// Special-page banner.
    pub banner: Option<String>,
    /// Banner height in pt (0 without a banner).
    pub banner_h: f64,
    /// 责任编辑.
    pub editor: Option<String>,
    /// 美编.
    pub designer: Option<String>,
    /// 校对.
    pub proofreader: Option<String>,
    /// Stories.
    pub stories: Vec<StoryData>,
}

/// A rectangle in pt from the type area's top-left corner.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// One story placed.
#[derive(Debug, Clone, Serialize)]
pub struct StoryData {
    /// The whole block.
    pub block: Rect,
    /// Draw a rule above (another story or the banner is above).
    pub rule_top: bool,
    /// Draw a rule in the gutter to the left.
    pub rule_left: bool,
    /// The head area and its content.
    pub head: Placed,
    /// The lead box.
    pub lead: Option<Placed>,
    /// Photos.
    pub photos: Vec<PhotoData>,
    /// Body slices.
    pub items: Vec<Placed>,
}

/// A galley piece at its place.
#[derive(Debug, Clone, Serialize)]
pub struct Placed {
    /// Where.
    #[serde(flatten)]
    pub rect: Rect,
    /// What (a paragraph slice carries `lines`, `first`, `last`).
    #[serde(flatten)]
    pub piece: PlacedPiece,
}

/// The content of a placed piece.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PlacedPiece {
    /// Lines of a paragraph.
    Lines {
        /// Always "para".
        kind: &'static str,
        /// The lines, as runs.
        lines: Vec<Vec<Run>>,
        /// Starts the paragraph.
        first: bool,
        /// Ends the paragraph.
        last: bool,
    },
    /// Any other piece, as measured in the galley.
    Piece(Piece),
}

/// A photo placed.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoData {
    /// Photo and caption area.
    #[serde(flatten)]
    pub rect: Rect,
    /// Height of the image itself.
    pub image_h: f64,
    /// Root-relative path with a leading slash.
    pub path: String,
    /// Caption text.
    pub caption: String,
    /// Photographer.
    pub credit: Option<String>,
}

/// How a story's copy fits its block.
#[derive(Debug, Clone)]
pub struct StoryFit {
    /// Page index.
    pub page: usize,
    /// Story index on the page.
    pub story: usize,
    /// Lines that did not fit.
    pub overset: u32,
    /// Empty grid lines left under the balanced columns.
    pub underset: u32,
    /// Body lines of copy.
    pub lines: u32,
}

const WEEKDAYS: [&str; 7] = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

/// Compose every page.
pub fn compose(
    edition: &Edition,
    format: &Format,
    galley: &Galley,
    measures: &[Measure],
    photos: &dyn Fn(&Loaded<Story>, usize) -> Option<PhotoInfo>,
    root: &std::path::Path,
) -> (PagesData, Vec<StoryFit>) {
    let (y, m, d) = edition.date();
    let weekday = chrono::NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)
        .map(|date| WEEKDAYS[chrono::Datelike::weekday(&date).num_days_from_monday() as usize].to_string())
        .unwrap_or_default();
    let info = &edition.file.value.edition;
    let mut fits = Vec::new();
    let mut pages = Vec::new();
    for (pi, (spec, stories)) in edition.file.value.pages.iter().zip(&edition.stories).enumerate() {
        let page_top = if spec.banner.is_some() { format.banner_lines } else { 0 };
        let mut out = Vec::new();
        for (si, story) in stories.iter().enumerate() {
            let pieces = &galley.stories[pi][si];
            let (data, fit) = place_story(story, &edition.dir, format, galley, measures, pieces, page_top, &|i| photos(story, i), root);
            fits.push(StoryFit { page: pi, story: si, ..fit });
            out.push(data);
        }
        pages.push(PageData {
            number: spec.number,
            section: spec.section.clone(),
            banner: spec.banner.clone(),
            banner_h: if spec.banner.is_some() { format.line_y(format.banner_lines) } else { 0.0 },
            editor: spec.editor.clone(),
            designer: spec.designer.clone(),
            proofreader: spec.proofreader.clone(),
            stories: out,
        });
    }
    let spreads = spreads(&pages.iter().map(|p| p.number).collect::<Vec<_>>());
    let data = PagesData {
        format: format.clone(),
        edition: EditionData { paper: info.paper.clone(), date: format!("{y}年{m}月{d}日"), weekday, issue: info.issue },
        pages,
        spreads,
    };
    (data, fits)
}

/// Pair facing pages: an even page on the left, the next odd page on the right.
pub fn spreads(numbers: &[u32]) -> Vec<[Option<usize>; 2]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let n = numbers[i];
        if n % 2 == 0 {
            if i + 1 < numbers.len() && numbers[i + 1] == n + 1 {
                out.push([Some(i), Some(i + 1)]);
                i += 2;
                continue;
            }
            out.push([Some(i), None]);
        } else {
            out.push([None, Some(i)]);
        }
        i += 1;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn place_story(
    story: &Loaded<Story>,
    edition_dir: &std::path::Path,
    format: &Format,
    galley: &Galley,
    measures: &[Measure],
    pieces: &crate::galley::StoryPieces,
    page_top: u32,
    photo_info: &dyn Fn(usize) -> Option<PhotoInfo>,
    root: &std::path::Path,
) -> (StoryData, StoryFit) {
    let s = &story.value;
    let b = s.block.get_ref();
    let (col0, span) = (b.column - 1, b.span);
    let (top, bottom) = (b.top, b.top + block_lines(b, format));
    let x0 = format.column_x(col0);
    let rule_top = top > page_top;
    let content_top = top + u32::from(rule_top);
    let rect = |c: u32, sp: u32, l: u32, n: u32| Rect {
        x: format.column_x(c),
        y: format.line_y(l),
        w: format.span_width(sp),
        h: format.line_y(n) - (format.pitch_pt - format.spec.body_size),
    };

    // Head across the story's columns, then one blank line.
    let head_lines = format.lines_for(measures[pieces.head].height) + 1;
    let head = Placed {
        rect: rect(col0, span, content_top, head_lines - 1),
        piece: PlacedPiece::Piece(galley.items[pieces.head].piece.clone()),
    };
    let body_top = content_top + head_lines;

    // Lead box at the top of the first columns.
    let (lead, lead_cols, lead_lines) = match pieces.lead {
        Some(i) => {
            let n = format.lines_for(measures[i].height);
            let ls = lead_span(s);
            (Some(Placed { rect: rect(col0, ls, body_top, n), piece: PlacedPiece::Piece(galley.items[i].piece.clone()) }), ls, n + 1)
        }
        None => (None, 0, 0),
    };

    // Photos: image height from the aspect ratio, plus caption, in whole lines.
    struct P {
        c: u32,
        sp: u32,
        lines: u32,
        row: Option<u32>,
        image_h: f64,
    }
    let ps: Vec<P> = s
        .photos
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let sp = *p.span.get_ref();
            let w = format.span_width(sp);
            let cap_h = measures[pieces.captions[i]].height;
            let natural = photo_info(i).map(|inf| w * inf.height as f64 / inf.width.max(1) as f64).unwrap_or(w * 2.0 / 3.0);
            let lines = match &p.height {
                Some(h) => *h.get_ref(),
                None => format.lines_for(natural + crate::photos::CAPTION_GAP_PT + cap_h),
            };
            let image_h = (format.line_y(lines) - (format.pitch_pt - format.spec.body_size) - crate::photos::CAPTION_GAP_PT - cap_h).max(format.pitch_pt);
            P { c: *p.column.get_ref() - 1, sp, lines, row: p.row.as_ref().map(|r| *r.get_ref()), image_h }
        })
        .collect();
    // Lines a photo occupies (with one blank line towards the text) for a given bottom.
    let photo_span = |p: &P, bottom: u32| -> (u32, u32) {
        match p.row {
            Some(r) => (body_top + r, body_top + r + p.lines + 1),
            None => (bottom.saturating_sub(p.lines + 1), bottom),
        }
    };

    let frames = |bottom: u32| -> Vec<Interval> {
        let mut out = Vec::new();
        for c in 0..span {
            let start = body_top + if c < lead_cols { lead_lines } else { 0 };
            let mut cuts: Vec<(u32, u32, bool)> = ps
                .iter()
                .filter(|p| c >= p.c && c < p.c + p.sp)
                .map(|p| {
                    let (a, z) = photo_span(p, bottom);
                    (a, z, p.row.is_none())
                })
                .collect();
            cuts.sort();
            let mut y = start;
            for (a, z, anchored) in cuts {
                if a > y {
                    out.push(Interval { col: c, top: y, bottom: a.min(bottom), flex: anchored });
                }
                y = y.max(z);
            }
            if y < bottom {
                out.push(Interval { col: c, top: y, bottom, flex: true });
            }
        }
        out.retain(|i| i.bottom > i.top);
        out
    };

    let units: Vec<Unit> = pieces
        .flow
        .iter()
        .map(|&i| match &galley.items[i].piece {
            Piece::Para { .. } => Unit::Para(measures[i].lines.len() as u32),
            _ => Unit::Keep(format.lines_for(measures[i].height)),
        })
        .collect();
    let total: u32 = units.iter().map(|u| u.lines()).sum();
    // Bottom-anchored photos need the columns to reach below them.
    let min = body_top + ps.iter().filter(|p| p.row.is_none()).map(|p| p.lines + 1).max().unwrap_or(0);
    let result = flow::flow(&units, min.min(bottom), bottom, frames);

    let items = result
        .slices
        .iter()
        .map(|sl| {
            let gi = pieces.flow[sl.unit];
            let piece = match &galley.items[gi].piece {
                Piece::Para { .. } => PlacedPiece::Lines {
                    kind: "para",
                    lines: measures[gi].lines[sl.from as usize..sl.to as usize].to_vec(),
                    first: sl.from == 0,
                    last: sl.to as usize == measures[gi].lines.len(),
                },
                other => PlacedPiece::Piece(other.clone()),
            };
            Placed { rect: rect(col0 + sl.col, 1, sl.top, sl.to - sl.from), piece }
        })
        .collect();

    let photos = ps
        .iter()
        .zip(&s.photos)
        .map(|(p, photo)| {
            let (a, z) = photo_span(p, result.bottom);
            let first = if p.row.is_some() { a } else { a + 1 };
            let _ = z;
            let path = crate::photos::photo_path(edition_dir, photo.file.get_ref()).canonicalize().ok();
            let rel = path
                .as_ref()
                .and_then(|p| p.strip_prefix(root).ok())
                .map(|p| format!("/{}", p.to_string_lossy().replace('\\', "/")))
                .unwrap_or_default();
            PhotoData {
                rect: rect(col0 + p.c, p.sp, first, p.lines),
                image_h: p.image_h,
                path: rel,
                caption: photo.caption.clone(),
                credit: photo.credit.clone(),
            }
        })
        .collect();

    let data = StoryData {
        block: Rect { x: x0, y: format.line_y(top), w: format.span_width(span), h: format.line_y(bottom - top) - (format.pitch_pt - format.spec.body_size) },
        rule_top,
        rule_left: col0 > 0,
        head,
        lead,
        photos,
        items,
    };
    let fit = StoryFit { page: 0, story: 0, overset: result.overset, underset: bottom - result.bottom, lines: total };
    (data, fit)
}
