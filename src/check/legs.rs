//! Long legs (长腿): takes a compiled edition's pages and gives each photo that has a single
//! column of its story's copy running beside it deeper than
//! [`crate::layout::place::LONG_LEG_BESIDE`] grid lines, and each story whose block is one
//! column wide (a one-column block, or an L-shaped block's leg beside its corner) with its copy
//! running down that column more than [`crate::layout::place::LONG_LEG`] lines beside other
//! stories — measured on the composed page, so hand-placed and automatic pages alike.

use crate::layout::compile::Compiled;
use crate::layout::place::{LONG_LEG, LONG_LEG_BESIDE};

/// What a long leg runs beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beside {
    /// The story's photo (its index in the story).
    Photo(usize),
    /// Other stories: the story's block is one column wide there.
    Stories,
}

/// One long leg.
#[derive(Debug, Clone)]
pub struct Leg {
    /// Page index.
    pub page: usize,
    /// Story index on the page.
    pub story: usize,
    /// What it runs beside.
    pub beside: Beside,
    /// Grid lines the leg of copy runs beside it.
    pub lines: u32,
    /// The leg's rectangle in pt from the page's trim top-left corner: x, y, width, height.
    pub rect: [f64; 4],
}

/// Every long leg of the edition's pages.
pub fn check(compiled: &Compiled) -> Vec<Leg> {
    let mut out = Vec::new();
    for (pi, page) in compiled.data.pages.iter().enumerate() {
        let f = &page.format;
        let step = f.column_pt + f.gutter_pt;
        for (si, story) in page.stories.iter().enumerate() {
            if story.mirror {
                continue;
            }
            let b = &story.block;
            for (k, ph) in story.photos.iter().enumerate() {
                let r = &ph.rect;
                // Whole columns of the block left and right of the photo.
                let left = ((r.x - b.x) / step).round().max(0.0) as u32;
                // Beside an L-shaped block's corner, the copy's columns end at the corner.
                let corner = story.cutout.filter(|c| c.y < r.y + r.h);
                let cols_to = |edge: f64| ((edge - (r.x + r.w)) / step).round().max(0.0) as u32;
                let right = cols_to(corner.map_or(b.x + b.w, |c| c.x - f.gutter_pt));
                let (x_right, whole) = (r.x + r.w + f.gutter_pt, (r.y, r.y + r.h));
                let mut sides = vec![(left, r.x - step, whole), (right, x_right, whole)];
                // A corner straight right of the photo: its column holds the story's copy above
                // the corner, beside the photo (not found until session 43: 22 lines beside a
                // lead's seven-column photo).
                if let Some(c) = corner.filter(|c| c.y > r.y && right == 0) {
                    sides.push((cols_to(b.x + b.w), x_right, (r.y, c.y)));
                }
                for (cols, x, (from, to)) in sides {
                    if cols != 1 {
                        continue;
                    }
                    // The copy set in that column beside the photo.
                    let Some((y0, y1)) = copy_down(story, (x, f.column_pt), (from, to)) else { continue };
                    let lines = ((y1 - y0) / f.pitch_pt).round() as u32;
                    if lines > LONG_LEG_BESIDE {
                        out.push(Leg { page: pi, story: si, beside: Beside::Photo(k), lines, rect: [x + f.side_pt, y0 + f.top_pt, f.column_pt, y1 - y0] });
                    }
                }
            }
            // One column wide: the whole block, or an L's columns beside its corner.
            let columns = ((b.w + f.gutter_pt) / step).round().max(1.0) as u32;
            let (y0, y1, x) = match story.cutout {
                None if columns == 1 => (b.y, b.y + b.h, b.x),
                Some(c) if columns.saturating_sub(((c.w + f.gutter_pt) / step).round() as u32) == 1 => {
                    // The one column left of the corner (or right of it, were it at the left).
                    let x = if c.x > b.x + 1.0 { b.x } else { b.x + b.w - f.column_pt };
                    (c.y, c.y + c.h, x)
                }
                _ => continue,
            };
            // The copy set down that column there (under the head, beside the other stories).
            let Some((top, foot)) = copy_down(story, (x, f.column_pt), (y0, y1)) else { continue };
            let lines = ((foot - top) / f.pitch_pt).round() as u32;
            if lines > LONG_LEG {
                out.push(Leg { page: pi, story: si, beside: Beside::Stories, lines, rect: [x + f.side_pt, top + f.top_pt, f.column_pt, foot - top] });
            }
        }
    }
    out
}

/// Where a story's copy runs down the column at `x` (`width` wide) between `y0` and `y1`: its
/// top and foot, `None` where it has none there.
fn copy_down(story: &crate::layout::compose::StoryData, (x, width): (f64, f64), (y0, y1): (f64, f64)) -> Option<(f64, f64)> {
    let (mut top, mut foot) = (f64::INFINITY, f64::NEG_INFINITY);
    for it in story.items.iter().map(|i| &i.rect).filter(|i| i.x < x + width - 1.0 && i.x + i.w > x + 1.0) {
        let (a, z) = (it.y.max(y0), (it.y + it.h).min(y1));
        if z > a {
            top = top.min(a);
            foot = foot.max(z);
        }
    }
    (foot > top).then_some((top, foot))
}
