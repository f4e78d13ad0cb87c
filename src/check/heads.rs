//! Heads side by side (碰题): takes a compiled edition's pages and gives every pair of stories'
//! heads in neighbouring columns on the same lines, both across or both vertical (a 竖题 beside
//! a head across is how a 美编 avoids 碰题) — measured on the composed page, so hand-placed and
//! automatic pages alike; and every head standing on another story's head above it with fewer
//! than [`MIN_COPY_UNDER_HEAD`] lines of that story's block between (叠题: a block
//! hand-made too shallow for its copy to stand under its head; the search never places one).

use crate::layout::compile::Compiled;
use crate::layout::compose::{PlacedPiece, Rect};
use crate::layout::galley::Piece;
use crate::layout::place::MIN_COPY_UNDER_HEAD;

/// What is wrong with a pair of heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// Side by side, their blocks starting on the same grid line (a row of heads).
    Row,
    /// Side by side, starting on different lines but still overlapping (staggered by less than a
    /// head).
    Stagger,
    /// The second head under the first with fewer than [`MIN_COPY_UNDER_HEAD`] lines of the
    /// first story's block between (叠题): how many.
    Stacked(u32),
}

/// One pair of heads.
#[derive(Debug, Clone)]
pub struct HeadPair {
    /// Page index.
    pub page: usize,
    /// The story whose head is on the left, by index on the page.
    pub first: usize,
    /// The story whose head is right of it.
    pub second: usize,
    /// What is wrong.
    pub clash: Clash,
    /// Both heads' areas, in pt from the page's trim top-left corner: x, y, width, height.
    pub rect: [f64; 4],
}

/// Every pair of heads side by side on the edition's pages.
pub fn check(compiled: &Compiled) -> Vec<HeadPair> {
    let mut out = Vec::new();
    for (pi, page) in compiled.data.pages.iter().enumerate() {
        let f = &page.format;
        // Each story's head (a continuation block's jump head too), with its story, whether it is
        // the facing page's (跨版), where its block starts and whether it is set vertically.
        let heads: Vec<(usize, &Rect, bool, f64, bool)> = page
            .stories
            .iter()
            .enumerate()
            .filter(|(_, s)| s.head.rect.h >= 1.0 && matches!(&s.head.piece, PlacedPiece::Piece(Piece::Head { .. } | Piece::Jumphead { .. })))
            .map(|(si, s)| (si, &s.head.rect, s.mirror, s.block.y, matches!(&s.head.piece, PlacedPiece::Piece(Piece::Head { head }) if head.vertical)))
            .collect();
        for &(a, ra, ma, ta, va) in &heads {
            for &(b, rb, mb, tb, vb) in &heads {
                // A vertical head (竖题) beside a head across cannot be read on into it: no 碰题.
                if a == b || (ma && mb) || va != vb {
                    continue;
                }
                let overlap = ra.y.max(rb.y) < (ra.y + ra.h).min(rb.y + rb.h) - 0.5;
                // Side by side: b's area starts in the column after a's ends (a gutter apart).
                let gap = rb.x - (ra.x + ra.w);
                let clash = (overlap && gap > -0.5 && gap < f.gutter_pt + f.column_pt / 2.0).then(|| if (ta - tb).abs() < 0.5 * f.pitch_pt { Clash::Row } else { Clash::Stagger });
                // Stacked: a head across under another across, their columns shared, b's block
                // starting under a's head with fewer than MIN_COPY_UNDER_HEAD lines of a's block
                // between (under its head's area and the blank line under it).
                let shared = ra.x.max(rb.x) < (ra.x + ra.w).min(rb.x + rb.w) - 0.5;
                let under = ((tb - (ra.y + ra.h)) / f.pitch_pt).round() - 1.0;
                let stacked = (!va && shared && tb > ra.y + ra.h - 0.5 && under < f64::from(MIN_COPY_UNDER_HEAD)).then(|| Clash::Stacked(under.max(0.0) as u32));
                if let Some(clash) = clash.or(stacked) {
                    let (x0, y0) = (ra.x.min(rb.x), ra.y.min(rb.y));
                    let (x1, y1) = ((ra.x + ra.w).max(rb.x + rb.w), (ra.y + ra.h).max(rb.y + rb.h));
                    out.push(HeadPair { page: pi, first: a, second: b, clash, rect: [x0 + f.side_pt, y0 + f.top_pt, x1 - x0, y1 - y0] });
                }
            }
        }
    }
    out
}
