//! Size by rank: takes a compiled edition and its stories and gives each story whose picture
//! prints as large as the page's lead's largest, or larger ([`photos`]), and each whose head
//! prints as large as the lead's ([`heads`]) — the lead's picture and head are the page's
//! largest — and the front page's lead when a head inside prints larger ([`front`]): the front
//! lead's head is the edition's largest. Measured on the composed page (the head's glyphs as set), so hand-placed and
//! automatic pages alike (the placement search keeps it so where the copy allows,
//! [`crate::layout::place`]).

use crate::input::content::Edition;
use crate::layout::compile::Compiled;
use crate::layout::compose::PlacedPiece;
use crate::layout::galley::Piece;
use crate::layout::place::reading_rank;

/// Page `pi`'s lead, by index on the page: its first story by reading rank (`priority`, else
/// its place in the page's `stories`); none on a page without stories.
fn lead_of(edition: &Edition, pi: usize) -> Option<usize> {
    (0..edition.stories.get(pi).map_or(0, Vec::len)).min_by_key(|&si| reading_rank(edition, pi, si))
}

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
pub fn photos(compiled: &Compiled, edition: &Edition) -> Vec<Outranked> {
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
        let Some(lead) = lead_of(edition, pi) else { continue };
        let Some(&(_, _, lead_size, _)) = own.iter().find(|o| o.0 == lead) else { continue };
        let area = |s: [f64; 2]| s[0] * s[1];
        for &(si, k, size, rect) in own.iter().filter(|o| o.0 != lead && area(o.2) >= AS_LARGE * area(lead_size)) {
            out.push(Outranked { page: pi, story: si, photo: k, lead, sizes: [[size[0] * MM, size[1] * MM], [lead_size[0] * MM, lead_size[1] * MM]], rect });
        }
    }
    out
}

/// A story whose head prints as large as the lead's.
#[derive(Debug, Clone)]
pub struct HeadOutranked {
    /// Page index.
    pub page: usize,
    /// The story, by index on the page.
    pub story: usize,
    /// The page's lead, by index on the page.
    pub lead: usize,
    /// The two heads' printed sizes in pt (their largest Han glyphs): the story's, the lead's.
    pub sizes: [f64; 2],
    /// The story's head area, in pt from the page's trim top-left corner: x, y, width, height.
    pub rect: [f64; 4],
}

/// How much smaller than the lead's another head must print not to be called as large: a
/// quarter point (the format's ladder steps by 2 pt or more).
const HEAD_STEP: f64 = 0.25;

/// Every story on the edition's pages whose head prints as large as its lead's, or larger
/// (review 48: a head by hand at the lead's size, and `folio check` said nothing). A head's
/// size is its largest Han glyph's inside its head area as the page sets it (a head the
/// template wraps or a 竖题's size over its block's are measured as printed); a continuation's
/// jump head and the facing page's part of a story across the spread are not the page's heads.
pub fn heads(compiled: &Compiled, edition: &Edition) -> Vec<HeadOutranked> {
    let mut out = Vec::new();
    for pi in 0..compiled.data.pages.len() {
        let own = printed_heads(compiled, pi);
        let Some(lead) = lead_of(edition, pi) else { continue };
        let Some(&(_, _, lead_size)) = own.iter().find(|o| o.0 == lead) else { continue };
        for &(si, rect, size) in own.iter().filter(|o| o.0 != lead && o.2 > lead_size - HEAD_STEP) {
            out.push(HeadOutranked { page: pi, story: si, lead, sizes: [size, lead_size], rect });
        }
    }
    out
}

/// The front page's lead whose head prints smaller than a head on a page inside.
#[derive(Debug, Clone)]
pub struct FrontOutranked {
    /// The front page's index.
    pub page: usize,
    /// Its lead, by index on the page.
    pub lead: usize,
    /// The page inside with the largest head, by index, and that story, by index on it.
    pub inside: (usize, usize),
    /// The two heads' printed sizes in pt: the front lead's, the head inside's.
    pub sizes: [f64; 2],
    /// The front lead's head area, in pt from the page's trim top-left corner.
    pub rect: [f64; 4],
}

/// The front page's lead (the first page with the masthead) when its head prints smaller than the
/// largest head of a page inside (outside review 50: a front lead narrowed to three of six
/// columns, its head 22 pt, against page 2's lead at 42 pt: a 总编 reads the front page's lead as
/// the edition's first story, and its head as the edition's largest). A special page's head set
/// larger is as much a finding: the desk decides.
pub fn front(compiled: &Compiled, edition: &Edition) -> Option<FrontOutranked> {
    let fp = compiled.data.pages.iter().position(|p| p.masthead)?;
    let lead = lead_of(edition, fp)?;
    let (_, rect, size) = printed_heads(compiled, fp).into_iter().find(|o| o.0 == lead)?;
    let (inside, largest) = (0..compiled.data.pages.len())
        .filter(|&pi| pi != fp)
        .flat_map(|pi| printed_heads(compiled, pi).into_iter().map(move |(si, _, sz)| ((pi, si), sz)))
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    (largest > size + HEAD_STEP).then_some(FrontOutranked { page: fp, lead, inside, sizes: [size, largest], rect })
}

/// The heads of page `pi`'s own stories (not a continuation's jump head, nor the facing page's
/// part of a story across the spread) as printed: the story (its index on the page), its head
/// area in pt from the page's trim top-left corner (x, y, width, height), and its largest Han
/// glyph's size in pt.
pub fn printed_heads(compiled: &Compiled, pi: usize) -> Vec<(usize, [f64; 4], f64)> {
    let (Some(page), Some(frame)) = (compiled.data.pages.get(pi), compiled.document.pages().get(pi).map(|p| &p.frame)) else { return Vec::new() };
    let f = &page.format;
    let mut glyphs = Vec::new();
    crate::check::typography::unclipped_han(frame, typst::layout::Transform::identity(), &mut glyphs);
    page.stories
        .iter()
        .filter(|s| !s.mirror && s.origin.0 == pi && s.head.rect.h >= 1.0)
        .filter(|s| matches!(&s.head.piece, PlacedPiece::Piece(Piece::Head { .. })))
        .filter_map(|s| {
            let r = &s.head.rect;
            let rect = [r.x + f.side_pt, r.y + f.top_pt, r.w, r.h];
            let inside = |g: &&(char, f64, f64, f64, f64)| g.1 >= rect[0] - 1.0 && g.1 < rect[0] + rect[2] && g.2 > rect[1] && g.2 <= rect[1] + rect[3] + 1.0;
            let size = glyphs.iter().filter(inside).map(|g| g.3).fold(0.0, f64::max);
            (size > 0.0).then_some((s.origin.1, rect, size))
        })
        .collect()
}
