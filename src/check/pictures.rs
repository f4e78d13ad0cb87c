//! Pictures side by side (碰图): takes a compiled edition's pages and gives every pair of two
//! stories' pictures standing in neighbouring columns on the same lines, only a gutter between
//! them — measured on the composed page, so hand-placed and automatic pages alike. Side by side
//! they read as one picture, or as the wrong story's (review 49: the lead's picture and the
//! 马拉松 story's beside it, 14 pt of their depth shared).

use crate::layout::compile::Compiled;

/// One pair of pictures side by side.
#[derive(Debug, Clone)]
pub struct PicturePair {
    /// Page index.
    pub page: usize,
    /// The story whose picture is on the left, and the picture's index in it.
    pub first: (usize, usize),
    /// The story whose picture is right of it, and the picture's index in it.
    pub second: (usize, usize),
    /// Both pictures, in pt from the page's trim top-left corner: x, y, width, height.
    pub rect: [f64; 4],
}

/// Every pair of pictures of two stories on a page whose boxes share any depth (a point or more)
/// with no more than a gutter (and a point) between them across (review 49's pair shared 11 pt,
/// corner to corner: the eye still takes them as a pair).
pub fn side_by_side(compiled: &Compiled) -> Vec<PicturePair> {
    let mut out = Vec::new();
    for (pi, page) in compiled.data.pages.iter().enumerate() {
        let f = &page.format;
        let pictures: Vec<((usize, usize), [f64; 4])> = page
            .stories
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.mirror)
            .flat_map(|(si, s)| s.photos.iter().enumerate().map(move |(k, p)| ((si, k), [p.rect.x, p.rect.y, p.rect.w, p.image_h])))
            .collect();
        for (a, ra) in &pictures {
            for (b, rb) in pictures.iter().filter(|(b, _)| b.0 != a.0) {
                let gap = rb[0] - (ra[0] + ra[2]);
                let shared = (ra[1] + ra[3]).min(rb[1] + rb[3]) - ra[1].max(rb[1]);
                if (-0.5..=f.gutter_pt + 1.0).contains(&gap) && shared >= 1.0 {
                    let (x0, y0) = (ra[0], ra[1].min(rb[1]));
                    let (x1, y1) = (rb[0] + rb[2], (ra[1] + ra[3]).max(rb[1] + rb[3]));
                    out.push(PicturePair { page: pi, first: *a, second: *b, rect: [f.side_pt + x0, f.top_pt + y0, x1 - x0, y1 - y0] });
                }
            }
        }
    }
    out
}
