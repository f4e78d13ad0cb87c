//! Photo size by rank: takes a compiled edition and its stories and gives each story whose
//! picture prints as large as the page's lead's largest, or larger (the lead's picture is the
//! page's largest, as its head is) — measured on the composed page, so hand-placed and
//! automatic pages alike (the placement search keeps it so where the copy allows,
//! [`crate::layout::place`]).

use crate::input::content::Edition;
use crate::layout::compile::Compiled;
use crate::layout::place::reading_rank;

/// How near the lead's picture another may come and not be called as large: 95 % of its area.
pub const AS_LARGE: f64 = 0.95;

/// A story whose picture outranks the lead's.
#[derive(Debug, Clone)]
pub struct Outranked {
    /// Page index.
    pub page: usize,
    /// The story, by index on the page.
    pub story: usize,
    /// Its picture's index in the story.
    pub photo: usize,
    /// The page's lead, by index on the page.
    pub lead: usize,
    /// The two pictures' printed sizes (width, height) in mm: the story's, the lead's.
    pub sizes: [[f64; 2]; 2],
    /// The story's picture, in pt from the page's trim top-left corner: x, y, width, height.
    pub rect: [f64; 4],
}

/// Every story on the edition's pages whose picture is as large as its lead's largest.
pub fn check(compiled: &Compiled, edition: &Edition) -> Vec<Outranked> {
    const MM: f64 = 25.4 / 72.0;
    let mut out = Vec::new();
    for (pi, page) in compiled.data.pages.iter().enumerate() {
        let f = &page.format;
        // The page's own stories' blocks (not a continuation's or a facing page's) with their
        // largest picture: its index and size in pt.
        let own: Vec<(usize, usize, [f64; 2], [f64; 4])> = page
            .stories
            .iter()
            .filter(|s| !s.mirror && s.origin.0 == pi)
            .filter_map(|s| {
                let (k, ph) = s.photos.iter().enumerate().max_by(|a, b| (a.1.rect.w * a.1.image_h).total_cmp(&(b.1.rect.w * b.1.image_h)))?;
                Some((s.origin.1, k, [ph.rect.w, ph.image_h], [ph.rect.x + f.side_pt, ph.rect.y + f.top_pt, ph.rect.w, ph.image_h]))
            })
            .collect();
        let Some(lead) = (0..edition.stories.get(pi).map_or(0, Vec::len)).min_by_key(|&si| reading_rank(edition, pi, si)) else { continue };
        let Some(&(_, _, lead_size, _)) = own.iter().find(|o| o.0 == lead) else { continue };
        let area = |s: [f64; 2]| s[0] * s[1];
        for &(si, k, size, rect) in own.iter().filter(|o| o.0 != lead && area(o.2) >= AS_LARGE * area(lead_size)) {
            out.push(Outranked { page: pi, story: si, photo: k, lead, sizes: [[size[0] * MM, size[1] * MM], [lead_size[0] * MM, lead_size[1] * MM]], rect });
        }
    }
    out
}
