//! Typography of the set copy: what a 美编 or 校对 marks in the body text.
//!
//! Takes a compiled edition and gives [`Fault`]s, each with its page, story and rectangle on
//! the page (pt from the trim's top-left corner): loose lines (a justified body line whose Han
//! characters are spread apart by more than [`LOOSE`] of an em, measured from the laid-out
//! glyphs), widows (a paragraph's last line of a third of the column or less alone at the top
//! of a column), orphans (a paragraph's first line alone at a column's foot) and short columns
//! (a column of a story's copy that ends one line or more above its foot — the block's foot or
//! the photo under it — while the columns beside it go on: 齐栏), holes (开天窗: a stretch of a
//! column of the type area more than a grid line deep that no block, banner or masthead covers),
//! lines that break where 禁则 forbids (a body line starting with a closing mark or ending with an
//! opening one, [`Kind::Kinsoku`]), fold splits (a headline or banner across the centre spread whose split at the fold falls
//! inside a word, 运‖输, read from the spread sheet's glyphs and judged with
//! [`crate::input::phrases`]), and Han characters printed over one another (a head's lines over
//! each other or over the copy: [`Kind::Overprint`]). [`find_text`] locates a piece of text on a page (for the
//! half-width bracket finding's mark).

use typst::layout::{Abs, Point, Transform};
use typst::text::FontWeight;

use crate::layout::compile::Compiled;
use crate::layout::compose::{PlacedPiece, Rect, StoryData};
use crate::input::grid::Format;

/// A line spread by more than this share of an em between Han characters is loose.
pub const LOOSE: f64 = 0.05;

/// A line with a space between two Latin words (or figures) wider than this, in ems, is loose:
/// three times the serif's word space (0.256 em), a hole in the line to the eye (English set
/// in a column of ten Chinese characters holds three words a line or so, and the line's slack
/// all goes into its two or three spaces).
pub const LOOSE_WORDS: f64 = 0.75;

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A line spread by this share of an em.
    Loose(f64),
    /// A line with a space between Latin words this many ems wide.
    LooseWords(f64),
    /// A paragraph's short last line alone at the top of a column.
    Widow,
    /// A paragraph's first line alone at a column's foot.
    Orphan,
    /// A column ending this many lines above its foot, and what levels the story's columns
    /// (`None` in a block the story is continued from: its end is in another block).
    Short(u32, Option<Level>),
    /// White type area this many grid lines deep that nothing covers.
    Hole(u32),
    /// A headline (story index) or the banner (None) split at the fold inside a word; the text
    /// reads `left‖right`.
    FoldSplit(Option<usize>),
    /// Han characters printed over one another: this many pairs on the page (the text names
    /// the first pair, the rectangle covers both).
    Overprint(usize),
    /// A body line starting with a mark that stays with the character before it (a closing
    /// mark: ，。）” …) or ending with one that stays with the character after it (an opening
    /// mark: （“《): a break 禁则 forbids. The text is the line.
    Kinsoku,
    /// Text running this many pt past the right edge of its column, caption, subhead or head
    /// area into the gutter or the next column (a Latin word or a number wider than the
    /// column: Typst breaks Latin text only at spaces and hyphens). The text is the run.
    TooWide(f64),
    /// A story whose copy opens under its picture this many grid lines below copy of its own set
    /// at the top of a later column (the copy beside the picture reading from the middle of the
    /// story first). The text is the opening line.
    ReadingOrder(u32),
}

/// What makes a story's columns end level where some end short (齐栏), in the desk's terms:
/// characters to add or to cut, as a 美编 asks for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level {
    /// Characters that fill the short columns: a column's characters for each line they lack.
    pub add: u32,
    /// Where every short column lacks one line and others are full: the lines (one a full
    /// column) and the characters to cut (the story's last lines', each counted, as
    /// [`crate::layout::place::cut_chars`] counts them), the copy then a line shorter in every
    /// column. `None` where a column ends two lines short or more (a cut leaves it short) or
    /// every column ends short.
    pub cut: Option<(u32, u32)>,
    /// Every column ends a line short: the block is a line too deep for its copy.
    pub whole: bool,
    /// The head area's grid lines a line deeper (`head = N`), which sets the copy a line lower
    /// to its foot, where that area would not be deeper than the head needs by two lines.
    pub head: Option<u32>,
    /// Where the story can take back the lines [`Level::cut`] would cut by setting paragraphs
    /// tighter (紧排): its block's `squeeze` then, the copy kept whole.
    pub squeeze: Option<u32>,
}

/// The cut that levels a story's columns where each short one lacks a line (`ones`) and
/// `full` are full: its last `full` lines (each line's characters, `lines`), as (lines,
/// characters). Never most of the story: a cut of 60 % of its copy or more is a story to drop,
/// not to level (until session 43 "cut about 96 characters" from a brief of 96, which followed
/// left a head over nothing); `None` then, and the hint asks for copy instead.
fn level_cut(lines: &[usize], full: u32, ones: bool) -> Option<(u32, u32)> {
    let total: usize = lines.iter().sum();
    (full > 0 && ones && (full as usize) < lines.len())
        .then(|| lines[lines.len() - full as usize..].iter().sum::<usize>())
        .filter(|&chars| chars * 10 < total * 6)
        .map(|chars| (full, chars as u32))
}

/// One fault and where it is.
#[derive(Debug, Clone)]
pub struct Fault {
    /// What.
    pub kind: Kind,
    /// Page index.
    pub page: usize,
    /// Story index on the page, when it sits in a story's block.
    pub story: Option<usize>,
    /// Column of the story's block (0-based), for widows, orphans and short columns.
    pub column: Option<u32>,
    /// Where on the page, pt from the trim's top-left corner: x, y, width, height.
    pub rect: [f64; 4],
    /// The line's text (loose lines, widows, orphans).
    pub text: String,
    /// For a short column whose story a cut levels ([`Level::cut`]): where that cut starts in
    /// the story ([`crate::layout::compose::cut_from_end`]).
    pub cut: Option<crate::layout::compose::CutStart>,
}

/// Every fault of the edition's pages, page by page.
pub fn check(compiled: &Compiled) -> Vec<Fault> {
    let mut out = Vec::new();
    for (pi, page) in compiled.data.pages.iter().enumerate() {
        let fmt = &page.format;
        if let Some(doc_page) = compiled.document.pages().get(pi) {
            out.extend(loose_lines(&doc_page.frame, fmt, pi, &page.stories));
        }
        for (si, story) in page.stories.iter().enumerate() {
            if story.mirror {
                continue;
            }
            let fit = compiled.fits.iter().find(|f| f.page == pi && f.story == si);
            // Overset copy is a finding of its own; so are columns all ending two lines or more
            // above the foot (underset).
            if fit.is_some_and(|f| f.overset > 0 || f.head.is_some()) {
                continue;
            }
            // The head area a line deeper, where it would not then be two lines deeper than
            // the head needs (a `deep-head` finding).
            let head = fit.and_then(|f| (f.head_lines.0 > 0 && f.head_lines.0 <= f.head_lines.1).then_some(f.head_lines.0 + 1));
            // The lines it may take back by setting paragraphs tighter, and those it has.
            let room = fit.map_or((0, 0), |f| (f.squeeze_room, f.squeeze));
            out.extend(breaks(fmt, (pi, si), story, (head, room), fit.is_none_or(|f| f.underset <= 1)));
        }
        out.extend(holes(page, pi));
        out.extend(page.stories.iter().enumerate().filter_map(|(si, s)| reading_order(fmt, pi, si, s)));
    }
    out.extend(fold_splits(compiled));
    for (pi, doc_page) in compiled.document.pages().iter().enumerate() {
        out.extend(overprint(&doc_page.frame, pi));
        if let Some(page) = compiled.data.pages.get(pi) {
            out.extend(too_wide(&doc_page.frame, &page.format, pi, &page.stories));
        }
    }
    out
}

/// A story of page `pi` whose copy opens below copy of its own at the top of a later column:
/// the eye meets the story's middle first (review 49: a lead's picture under its head at the
/// block's left, its copy opening under the picture in column 1 while columns 4–6 beside the
/// picture began 「办法达成一致。」). Not a block continued from another page (its copy opens
/// mid-story by nature), nor one that begins with a paragraph's middle.
fn reading_order(fmt: &Format, pi: usize, si: usize, s: &StoryData) -> Option<Fault> {
    if s.mirror || s.origin.0 != pi {
        return None;
    }
    let lines = |p: &crate::layout::compose::Placed| matches!(p.piece, PlacedPiece::Lines { .. });
    let open = s.items.iter().find(|p| lines(p))?;
    if !matches!(open.piece, PlacedPiece::Lines { first: true, .. }) {
        return None;
    }
    // Over the opening, a picture (not a lead box, 核心提示, which is read first: the copy
    // under it opens the story as the box leads into it; nor a 竖题, down the first column by
    // folio's rule, the copy under it its first column — review 49 would have the copy open
    // beside it: not yet a finding).
    let (x, y) = (open.rect.x + 1.0, open.rect.y);
    let over = |r: &Rect| r.x <= x && x <= r.x + r.w && r.y < y;
    if !s.photos.iter().any(|p| over(&p.rect)) {
        return None;
    }
    let higher = s.items.iter().filter(|p| lines(p) && p.rect.x > open.rect.x + fmt.column_pt / 2.0).map(|p| p.rect.y).fold(f64::INFINITY, f64::min);
    let by = ((open.rect.y - higher) / fmt.pitch_pt + 0.01).floor();
    if !by.is_finite() || by < 1.0 {
        return None;
    }
    let text = match &open.piece {
        PlacedPiece::Lines { lines, .. } => lines.first().map(|l| l.iter().map(|r| r.text.as_str()).collect::<String>()).unwrap_or_default(),
        PlacedPiece::Piece(_) => String::new(),
    };
    let r = &open.rect;
    let rect = [fmt.side_pt + r.x, fmt.top_pt + r.y, r.w, fmt.spec.body_size];
    let column = ((r.x - s.block.x) / (fmt.column_pt + fmt.gutter_pt)).round().max(0.0) as u32;
    Some(Fault { kind: Kind::ReadingOrder(by as u32), page: pi, story: Some(si), column: Some(column), rect, text, cut: None })
}

/// Text that runs past the right edge of the box it is set in (a column's slice of copy, a
/// subhead, a lead box, a caption under its photo, a head area) by more than [`TOO_WIDE_PT`]:
/// a word no line break fits into its column, printed over the gutter and the copy beside it.
/// Each text run belongs to the box its start stands in (its baseline's left end); one fault a
/// box, naming its widest run.
fn too_wide(frame: &typst::layout::Frame, fmt: &Format, pi: usize, stories: &[StoryData]) -> Vec<Fault> {
    // Every box text is set in, on the type area: (story, column, box).
    let mut boxes: Vec<(usize, Option<u32>, Rect)> = Vec::new();
    let step = fmt.column_pt + fmt.gutter_pt;
    for (si, s) in stories.iter().enumerate().filter(|(_, s)| !s.mirror) {
        let column = |r: &Rect| Some(((r.x - s.block.x) / step).round().max(0.0) as u32);
        boxes.extend(s.items.iter().map(|i| (si, column(&i.rect), i.rect)));
        boxes.extend(s.lead.iter().map(|l| (si, None, l.rect)));
        boxes.extend(s.photos.iter().map(|p| (si, None, p.rect)));
        boxes.push((si, None, s.head.rect));
    }
    // The widest run past each box's edge: (box index, overflow, run's rectangle, text).
    let mut worst: Vec<(usize, f64, [f64; 4], String)> = Vec::new();
    crate::layout::galley::for_each_text(frame, Transform::identity(), &mut |origin: Point, text| {
        let (x, y) = (origin.x.to_pt() - fmt.side_pt, origin.y.to_pt() - fmt.top_pt);
        let Some(b) = boxes.iter().position(|(_, _, r)| x >= r.x - 0.5 && x < r.x + r.w && y >= r.y && y <= r.y + r.h + 0.5) else { return };
        let r = boxes[b].2;
        let mut at = Abs::zero();
        let mut end = x;
        // Each glyph ends at its advance as set or its natural one, whichever is less: a
        // full-width mark halved at a line's end ends there; a glyph of a justified line holds
        // the line's spacing after it.
        for g in &text.glyphs {
            let set = g.x_advance.at(text.size);
            let natural = text.font.x_advance(g.id).map_or(set, |a| a.at(text.size));
            end = end.max(x + (at + g.x_offset.at(text.size) + set.min(natural)).to_pt());
            at += set;
        }
        let over = end - (r.x + r.w);
        if over > TOO_WIDE_PT && worst.iter().find(|w| w.0 == b).is_none_or(|w| w.1 < over) {
            worst.retain(|w| w.0 != b);
            let size = text.size.to_pt();
            worst.push((b, over, [x + fmt.side_pt, origin.y.to_pt() - 0.88 * size, end - x, size], text.text.to_string()));
        }
    });
    worst.sort_by_key(|w| w.0);
    worst
        .into_iter()
        .map(|(b, over, rect, text)| Fault { kind: Kind::TooWide(over), page: pi, story: Some(boxes[b].0), column: boxes[b].1, rect, text, cut: None })
        .collect()
}

/// How far a run of text may reach past its box's right edge before it is a fault: room for
/// rounding and a mark Typst hangs a little past a line's end; a word too wide for its column
/// reaches tens of points further.
pub const TOO_WIDE_PT: f64 = 3.0;

/// The Han glyphs of a frame outside clipped groups (a clipped head or a banner cut at the
/// trim shows only what its clip lets through), as (character, x, baseline y, size, width),
/// pt on the page, through every group's transform (a masthead's title set narrower). A Han
/// glyph's body is an em wide (its advance also holds the justification's spacing).
pub(crate) fn unclipped_han(frame: &typst::layout::Frame, ts: Transform, out: &mut Vec<(char, f64, f64, f64, f64)>) {
    for (pos, item) in frame.items() {
        match item {
            typst::layout::FrameItem::Group(group) if group.clip.is_none() => {
                unclipped_han(&group.frame, ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform), out);
            }
            typst::layout::FrameItem::Text(text) => {
                let mut x = Abs::zero();
                for g in &text.glyphs {
                    let advance = g.x_advance.at(text.size);
                    if let Some(c) = text.text.get(g.range()).and_then(|s| s.chars().next()).filter(|&c| is_han(c)) {
                        let at = Point::new(pos.x + x + g.x_offset.at(text.size), pos.y).transform(ts);
                        let (sx, sy) = (ts.sx.get().abs(), ts.sy.get().abs());
                        out.push((c, at.x.to_pt(), at.y.to_pt(), text.size.to_pt() * sy, text.size.to_pt() * sx));
                    }
                    x += advance;
                }
            }
            _ => {}
        }
    }
}

/// Han characters printed over one another on page `pi`: pairs whose bodies (an em across,
/// 0.8 em above the baseline to 0.1 em below) overlap by more than a point each way. A
/// head whose lines Typst wrapped was once measured shorter than the page set it, and printed
/// over itself and its copy with nothing else to tell: one fault for the page.
fn overprint(frame: &typst::layout::Frame, pi: usize) -> Option<Fault> {
    let mut glyphs = Vec::new();
    unclipped_han(frame, Transform::identity(), &mut glyphs);
    glyphs.sort_by(|a, b| a.1.total_cmp(&b.1));
    let body = |g: &(char, f64, f64, f64, f64)| (g.1, g.1 + g.4, g.2 - 0.8 * g.3, g.2 + 0.1 * g.3);
    let mut pairs = Vec::new();
    for (i, a) in glyphs.iter().enumerate() {
        let ba = body(a);
        for b in glyphs[i + 1..].iter().take_while(|b| b.1 < ba.1 - 1.0) {
            let bb = body(b);
            if ba.1.min(bb.1) - ba.0.max(bb.0) > 1.0 && ba.3.min(bb.3) - ba.2.max(bb.2) > 1.0 {
                pairs.push((*a, *b));
            }
        }
    }
    let &(a, b) = pairs.first()?;
    let (ba, bb) = (body(&a), body(&b));
    let (x0, y0) = (ba.0.min(bb.0), ba.2.min(bb.2));
    Some(Fault { kind: Kind::Overprint(pairs.len()), page: pi, story: None, column: None, rect: [x0, y0, ba.1.max(bb.1) - x0, ba.3.max(bb.3) - y0], text: format!("{}{}", a.0, b.0), cut: None })
}

/// Every glyph of a frame as (character, x, baseline y, size, advance), pt on the page.
fn glyphs_of(frame: &typst::layout::Frame) -> Vec<(char, f64, f64, f64, f64)> {
    let mut out = Vec::new();
    crate::layout::galley::for_each_text(frame, Transform::identity(), &mut |origin: Point, text| {
        let mut x = Abs::zero();
        for g in &text.glyphs {
            let advance = g.x_advance.at(text.size);
            if let Some(c) = text.text.get(g.range()).and_then(|s| s.chars().next()) {
                out.push((c, (origin.x + x + g.x_offset.at(text.size)).to_pt(), origin.y.to_pt(), text.size.to_pt(), advance.to_pt()));
            }
            x += advance;
        }
    });
    out
}

/// Where `needle` is set on page `pi` of the compiled edition, pt from the trim's top-left
/// corner (x, y, width, height): its first occurrence on one line, read from the laid-out
/// glyphs; None when the page does not show it on one line.
pub fn find_text(compiled: &Compiled, pi: usize, needle: &str) -> Option<[f64; 4]> {
    let page = compiled.document.pages().get(pi)?;
    let mut glyphs = glyphs_of(&page.frame);
    glyphs.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.1.total_cmp(&b.1)));
    let want: Vec<char> = needle.chars().collect();
    for line in glyphs.chunk_by(|a, b| (a.2 - b.2).abs() < 0.01) {
        let chars: Vec<char> = line.iter().map(|g| g.0).collect();
        if let Some(k) = chars.windows(want.len()).position(|w| w == want.as_slice()) {
            let (first, last) = (&line[k], &line[k + want.len() - 1]);
            return Some([first.1, first.2 - 0.88 * first.3, last.1 + last.4 - first.1, first.3]);
        }
    }
    None
}

/// The holes of one page (开天窗): for each column of the type area, each stretch more than a
/// grid line deep that no story's block, banner or masthead covers; side by side stretches of
/// one depth are one hole.
fn holes(page: &crate::layout::compose::PageData, pi: usize) -> Vec<Fault> {
    let fmt = &page.format;
    // A page without stories is blank by intent (or reported as such elsewhere).
    if page.stories.is_empty() {
        return Vec::new();
    }
    let step = fmt.column_pt + fmt.gutter_pt;
    let mut found: Vec<(u32, f64, f64)> = Vec::new();
    for c in 0..fmt.columns {
        let x = f64::from(c) * step;
        let mut covered: Vec<(f64, f64)> = vec![(0.0, page.banner_h)];
        for s in &page.stories {
            let b = s.block;
            if b.x <= x + 1.0 && b.x + b.w >= x + fmt.column_pt - 1.0 {
                covered.push((b.y, b.y + b.h));
            }
        }
        covered.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut at = 0.0;
        for (top, foot) in covered.into_iter().chain([(fmt.area_height_pt, fmt.area_height_pt)]) {
            if top - at > fmt.pitch_pt + 0.5 {
                found.push((c, at, top));
            }
            at = f64::max(at, foot);
        }
    }
    let mut out: Vec<Fault> = Vec::new();
    for (c, top, foot) in found {
        let x = f64::from(c) * step;
        // Joined to the hole in the column before at the same lines.
        if let Some(prev) = out.last_mut().filter(|f| (f.rect[1] - fmt.top_pt - top).abs() < 0.5 && (f.rect[3] - (foot - top)).abs() < 0.5 && (f.rect[0] + f.rect[2] + fmt.gutter_pt - fmt.side_pt - x).abs() < 1.0) {
            prev.rect[2] += step;
            continue;
        }
        let lines = ((foot - top) / fmt.pitch_pt + 0.01).floor() as u32;
        out.push(Fault { kind: Kind::Hole(lines), page: pi, story: None, column: Some(c), rect: [x + fmt.side_pt, top + fmt.top_pt, fmt.column_pt, foot - top], text: String::new(), cut: None });
    }
    out
}

/// Fold splits inside a word: on each spread sheet with a banner or a head across the fold,
/// the display glyphs (the largest in the banner's band or the head's area) left and right of
/// the fold, and whether the text may break between them.
fn fold_splits(compiled: &Compiled) -> Vec<Fault> {
    let mut out = Vec::new();
    for (sheet, pair) in compiled.spreads.pages().iter().zip(&compiled.data.spreads) {
        let [Some(l), Some(_)] = *pair else { continue };
        let page = &compiled.data.pages[l];
        let fmt = &page.format;
        // Each text with the places it may break (the galley's: with the house's words).
        let mut texts: Vec<(Option<usize>, &str, &[crate::input::phrases::Break], [f64; 4])> = Vec::new();
        if page.banner_fold == Some("left") {
            if let Some(b) = &page.banner {
                texts.push((None, b.as_str(), &page.banner_breaks, [0.0, fmt.top_pt, 2.0 * fmt.trim_width_pt, page.banner_h]));
            }
        }
        for (si, s) in page.stories.iter().enumerate().filter(|(_, s)| !s.mirror) {
            if let PlacedPiece::Piece(crate::layout::galley::Piece::Head { head }) = &s.head.piece {
                if head.fold.is_some() {
                    let r = s.head.rect;
                    texts.push((Some(si), head.headline.as_str(), &head.breaks, [r.x + fmt.side_pt, r.y + fmt.top_pt, r.w, r.h]));
                }
            }
        }
        if texts.is_empty() {
            continue;
        }
        let glyphs = glyphs_of(&sheet.frame);
        for (story, text, places, r) in texts {
            let inside: Vec<_> = glyphs.iter().filter(|g| !g.0.is_whitespace() && g.1 >= r[0] - 1.0 && g.1 <= r[0] + r[2] + 1.0 && g.2 >= r[1] && g.2 <= r[1] + r[3] + 1.0).collect();
            let Some(size) = inside.iter().map(|g| g.3).max_by(f64::total_cmp) else { continue };
            let mut line: Vec<_> = inside.into_iter().filter(|g| (g.3 - size).abs() < 0.5).collect();
            line.sort_by(|a, b| a.1.total_cmp(&b.1));
            let fold = fmt.trim_width_pt;
            let k = line.iter().filter(|g| g.1 + g.4 / 2.0 < fold).count();
            if k == 0 || k == line.len() {
                continue;
            }
            // The k-th character of the text that is not a space is where the split falls.
            let Some((at, _)) = text.char_indices().filter(|(_, c)| !c.is_whitespace()).nth(k) else { continue };
            let before_space = text[..at].char_indices().next_back().filter(|(_, c)| c.is_whitespace()).map(|(i, _)| i);
            let may_break = |i: usize| places.iter().any(|b| b.byte == i);
            if may_break(at) || before_space.is_some_and(may_break) {
                continue;
            }
            let (a, b) = (&line[k - 1], &line[k]);
            let shown = |g: &[&(char, f64, f64, f64, f64)]| g.iter().map(|g| g.0).collect::<String>();
            let rect = [a.1, a.2 - 0.88 * a.3, b.1 + b.4 - a.1, a.3];
            out.push(Fault { kind: Kind::FoldSplit(story), page: l, story, column: None, rect, text: format!("{}‖{}", shown(&line[..k]), shown(&line[k..])), cut: None });
        }
    }
    out
}

/// A glyph of body text as laid out: its character, origin x, end of its own advance (without
/// justification), baseline y and size, pt on the page.
struct Glyph {
    c: char,
    /// The text the glyph draws (more than `c` for a ligature: fi).
    cluster: String,
    x: f64,
    end: f64,
    y: f64,
    size: f64,
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{3134f}' | '\u{f900}'..='\u{faff}')
}

/// The loose lines of one page: body glyphs (the serif's regular face at the format's body
/// size) by baseline, split where two are more than half an em apart (columns).
fn loose_lines(frame: &typst::layout::Frame, fmt: &Format, pi: usize, stories: &[StoryData]) -> Vec<Fault> {
    let body = fmt.spec.body_size;
    let mut glyphs = Vec::new();
    crate::layout::galley::for_each_text(frame, Transform::identity(), &mut |origin: Point, text| {
        let info = text.font.info();
        if (text.size.to_pt() - body).abs() > 0.01 || !info.family.contains("Serif") || info.variant.weight != FontWeight::REGULAR {
            return;
        }
        let mut x = Abs::zero();
        for g in &text.glyphs {
            let advance = g.x_advance.at(text.size);
            let natural = text.font.x_advance(g.id).map_or(advance, |a| a.at(text.size));
            if let Some((c, cluster)) = text.text.get(g.range()).and_then(|s| Some((s.chars().next()?, s.to_string()))) {
                let x0 = (origin.x + x + g.x_offset.at(text.size)).to_pt();
                glyphs.push(Glyph { c, cluster, x: x0, end: x0 + natural.to_pt(), y: origin.y.to_pt(), size: text.size.to_pt() });
            }
            x += advance;
        }
    });
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(l) if (l[0].y - g.y).abs() < 0.01 && g.x - l.last().map_or(g.x, |p| p.end) < 0.5 * body => l.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut out = kinsoku(&lines, fmt, pi, stories);
    // Measured on whole lines: a line spread by more than half an em between its characters
    // (「座 谈 会 上 ，」 before a name kept whole, 0.6–1 em) fell into pieces of one glyph,
    // no pair of Han characters in any, and went unreported until session 44 — the worst.
    let whole = by_column(lines, fmt, stories);
    for l in &whole {
        let mut gaps: Vec<f64> = l.windows(2).filter(|w| is_han(w[0].c) && is_han(w[1].c)).map(|w| (w[1].x - w[0].end) / w[0].size).collect();
        if gaps.is_empty() {
            continue;
        }
        gaps.sort_by(f64::total_cmp);
        let spread = gaps[gaps.len() / 2];
        if spread <= LOOSE {
            continue;
        }
        let (x0, x1, y) = (l[0].x, l.last().map_or(l[0].end, |g| g.end), l[0].y);
        let rect = [x0, y - 0.88 * body, x1 - x0, body];
        let story = story_at(fmt, stories, x0, y);
        out.push(Fault { kind: Kind::Loose(spread), page: pi, story, column: None, rect, text: l.iter().map(|g| g.cluster.as_str()).collect(), cut: None });
    }
    out.extend(loose_words(whole, fmt, pi, stories));
    out
}

/// `pieces` (body glyphs by baseline, split where two stand over half an em apart) joined again
/// by baseline and column: each a line of a column as set, however wide its spaces.
fn by_column(pieces: Vec<Vec<Glyph>>, fmt: &Format, stories: &[StoryData]) -> Vec<Vec<Glyph>> {
    let column = |g: &Glyph| column_at(fmt, stories, g.x, g.y).0;
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for piece in pieces {
        match lines.last_mut() {
            Some(l) if (l[0].y - piece[0].y).abs() < 0.01 && (column(&l[0]) - column(&piece[0])).abs() < 0.5 => l.extend(piece),
            _ => lines.push(piece),
        }
    }
    lines
}

/// Lines whose widest space between two Latin words or figures is over [`LOOSE_WORDS`]: `lines`
/// are whole lines of a column ([`by_column`]), the space measured from the natural end of the
/// glyph before it to the start of the one after.
fn loose_words(lines: Vec<Vec<Glyph>>, fmt: &Format, pi: usize, stories: &[StoryData]) -> Vec<Fault> {
    let body = fmt.spec.body_size;
    let latin = crate::input::punctuation::is_latin;
    let mut out = Vec::new();
    for l in lines {
        let printed: Vec<&Glyph> = l.iter().filter(|g| !g.c.is_whitespace()).collect();
        let widest = printed
            .windows(2)
            .filter(|w| latin(w[0].c) && latin(w[1].c) && l.iter().any(|g| g.c.is_whitespace() && g.x >= w[0].x && g.x < w[1].x))
            .map(|w| (w[1].x - w[0].end) / w[0].size)
            .fold(0.0, f64::max);
        if widest <= LOOSE_WORDS {
            continue;
        }
        let (x0, x1, y) = (l[0].x, l.last().map_or(l[0].end, |g| g.end), l[0].y);
        let rect = [x0, y - 0.88 * body, x1 - x0, body];
        let text = l.iter().map(|g| g.cluster.as_str()).collect::<String>().trim().to_string();
        out.push(Fault { kind: Kind::LooseWords(widest), page: pi, story: story_at(fmt, stories, x0, y), column: None, rect, text, cut: None });
    }
    out
}

/// The story a body glyph at page position (`x`, `y`, pt from the trim's top-left) is set in.
fn story_at(fmt: &Format, stories: &[StoryData], x: f64, y: f64) -> Option<usize> {
    let body = fmt.spec.body_size;
    let (x, y) = (x - fmt.side_pt, y - fmt.top_pt);
    stories.iter().position(|s| {
        let b = s.block;
        !s.mirror && x >= b.x - 1.0 && x <= b.x + b.w + 1.0 && y >= b.y && y <= b.y + b.h + body && !s.in_cutout(x, y)
    })
}

/// The column of copy a body glyph at page position (`x`, `y`, pt from the trim's top-left)
/// stands in: its left edge on the page and its width, pt — the grid's, or its story's own
/// (变栏, `text_columns`).
fn column_at(fmt: &Format, stories: &[StoryData], x: f64, y: f64) -> (f64, f64) {
    let own = story_at(fmt, stories, x, y).and_then(|s| Some((stories[s].block.x, stories[s].columns?)));
    let (left, [width, step]) = own.unwrap_or((0.0, [fmt.column_pt, fmt.column_pt + fmt.gutter_pt]));
    let k = ((x - fmt.side_pt - left + (step - width) / 2.0) / step).floor().max(0.0);
    (fmt.side_pt + left + k * step, width)
}

/// Body lines that break where 禁则 forbids: one starting at a column's left edge with a
/// closing mark ([`crate::layout::galley::CLOSING_MARKS`]), or ending at a column's right edge
/// with an opening one ([`crate::layout::galley::OPENING_MARKS`]). `pieces` are the page's body
/// glyphs by baseline, split where two stand more than half an em apart; a piece starting or
/// ending inside a column (after a space, beside a photo's edge) is not a line's end.
fn kinsoku(pieces: &[Vec<Glyph>], fmt: &Format, pi: usize, stories: &[StoryData]) -> Vec<Fault> {
    use crate::layout::galley::{CLOSING_MARKS, OPENING_MARKS, SIGNS_BEFORE, UNITS_AFTER};
    let body = fmt.spec.body_size;
    let mut out = Vec::new();
    for l in pieces {
        let Some(first) = l.first() else { continue };
        // (The column's edges: the grid's, or its story's own columns'.) A piece that runs on
        // into the next column (a line set past its column's edge, within half an em of the
        // next one's) is read to its own column's edge.
        let (left, width) = column_at(fmt, stories, first.x, first.y);
        let l: Vec<&Glyph> = l.iter().take_while(|g| g.x < left + width + 0.25 * body).collect();
        let Some(last) = l.last().copied() else { continue };
        let starts = (CLOSING_MARKS.contains(first.c) || UNITS_AFTER.contains(first.c)) && (first.x - left).abs() < 0.6 * body;
        let ends = (OPENING_MARKS.contains(last.c) || SIGNS_BEFORE.contains(last.c)) && (left + width - last.end).abs() < 0.6 * body;
        if !(starts || ends) {
            continue;
        }
        let (x0, x1, y) = (first.x, last.end, first.y);
        out.push(Fault {
            kind: Kind::Kinsoku,
            page: pi,
            story: story_at(fmt, stories, x0, y),
            column: None,
            rect: [x0, y - 0.88 * body, x1 - x0, body],
            text: l.iter().map(|g| g.cluster.as_str()).collect(),
            cut: None,
        });
    }
    out
}

/// Widows, orphans and (with `short`) short columns of one story, from its placed slices (`head`:
/// its head area's grid lines a line deeper, where it may be).
fn breaks(fmt: &Format, (pi, si): (usize, usize), story: &StoryData, (head, (room, squeeze)): (Option<u32>, (u32, u32)), short: bool) -> Vec<Fault> {
    let on_page = |r: &Rect| [r.x + fmt.side_pt, r.y + fmt.top_pt, r.w, r.h];
    // The story's copy columns: the grid's, or its own (变栏).
    let [width, step] = story.columns.unwrap_or([fmt.column_pt, fmt.column_pt + fmt.gutter_pt]);
    let column = |r: &Rect| ((r.x - story.block.x) / step).round().max(0.0) as u32;
    let chars = (width / fmt.spec.body_size).round() as usize;
    let mut out = Vec::new();
    let fault = |kind, r: &Rect, text: String| Fault { kind, page: pi, story: Some(si), column: Some(column(r)), rect: on_page(r), text, cut: None };
    // Each column's copy: where it ends, at which pitch, and its last line's text.
    let mut ends: Vec<(u32, f64, f64, String)> = Vec::new();
    for item in &story.items {
        let r = &item.rect;
        let mut last_text = String::new();
        let pitch = match &item.piece {
            PlacedPiece::Lines { lines, first, last, leading, .. } => {
                let text = |i: usize| lines[i].iter().map(|r| r.text.as_str()).collect::<String>();
                if lines.len() == 1 && *last && !*first && 3 * text(0).chars().count() <= chars {
                    out.push(fault(Kind::Widow, r, text(0)));
                }
                if lines.len() == 1 && *first && !*last {
                    out.push(fault(Kind::Orphan, r, text(0)));
                }
                if let Some(k) = lines.len().checked_sub(1) {
                    last_text = text(k);
                }
                fmt.spec.body_size + leading
            }
            PlacedPiece::Piece(_) => fmt.pitch_pt,
        };
        let c = column(r);
        match ends.iter_mut().find(|e| e.0 == c) {
            Some(e) if r.y + r.h > e.1 => *e = (c, r.y + r.h, pitch, last_text),
            Some(_) => {}
            None => ends.push((c, r.y + r.h, pitch, last_text)),
        }
    }
    // 齐栏: each column's copy ends on the last line above its foot — the block's foot, the
    // photo or the jump note under it. A photo at the foot of the copy (no `row`: its box ends
    // at the block's foot, or a line above it when the flow's bottom is) keeps a grid line of
    // white above it, where the flow never sets copy: the copy ends above that line.
    let lead_gap = fmt.pitch_pt - fmt.spec.body_size;
    let block_foot = story.block.y + story.block.h;
    let mut shorts: Vec<(u32, Rect, String)> = Vec::new();
    for (c, end, pitch, last_text) in ends.iter().filter(|_| short) {
        let (c, end, pitch) = (*c, *end, *pitch);
        let x = story.block.x + f64::from(c) * step;
        let spans = |r: &Rect| r.x <= x + 1.0 && r.x + r.w >= x + width - 1.0;
        // Over an L-shaped block's corner the column ends above the corner.
        let mut foot = story.cutout.filter(|c| x >= c.x - 1.0).map_or(block_foot, |c| c.y - lead_gap);
        for r in story.photos.iter().map(|p| &p.rect) {
            if spans(r) && r.y >= end - 0.5 {
                let at_foot = r.y + r.h > block_foot - 2.0 * fmt.pitch_pt;
                foot = foot.min(r.y - lead_gap - if at_foot { fmt.pitch_pt } else { 0.0 });
            }
        }
        for r in story.jump_note.iter().map(|j| &j.rect) {
            if spans(r) && r.y >= end - 0.5 {
                foot = foot.min(r.y - lead_gap);
            }
        }
        let short = ((foot - end) / pitch + 0.01).floor();
        if short >= 1.0 {
            shorts.push((short as u32, Rect { x, y: end + lead_gap, w: width, h: foot - end - lead_gap }, last_text.clone()));
        }
    }
    if !shorts.is_empty() {
        // The lines the short columns lack, filled with copy; or, where each lacks one, a line
        // cut from each full column (the story's last lines) and the head area a line deeper.
        let lacking: u32 = shorts.iter().map(|s| s.0).sum();
        let full = (ends.len() - shorts.len()) as u32;
        let lines: Vec<usize> = story
            .items
            .iter()
            .flat_map(|item| match &item.piece {
                PlacedPiece::Lines { lines, .. } => lines.iter().map(|l| l.iter().map(|r| r.text.chars().filter(|&c| crate::layout::galley::printed(c)).count()).sum()).collect(),
                PlacedPiece::Piece(_) => Vec::new(),
            })
            .collect();
        let ones = shorts.iter().all(|s| s.0 == 1);
        let cut = level_cut(&lines, full, ones);
        // Where that cut starts (a sentence's start, reaching back to the line before: the
        // same lines go), as the placement's messages say it.
        let copy: Vec<Option<crate::layout::compose::CopyLine>> = story
            .items
            .iter()
            .flat_map(|item| match &item.piece {
                PlacedPiece::Lines { lines, first, .. } => lines.iter().enumerate().map(|(k, l)| Some(crate::layout::compose::CopyLine::of(l, *first && k == 0))).collect(),
                PlacedPiece::Piece(_) => vec![None],
            })
            .collect();
        let start = cut.and_then(|(n, _)| crate::layout::compose::cut_from_end(&copy, n));
        let cut = cut.map(|(n, chars)| (n, start.as_ref().map_or(chars, |s| s.0)));
        // A block continued elsewhere (转版) does not end the story: what is cut from or added
        // to its end lands in the last block.
        let squeeze = cut.filter(|c| c.0 <= room).map(|c| squeeze + c.0);
        let level = story.jump_note.is_none().then_some(Level { add: lacking * chars as u32, cut, whole: full == 0 && ones, head, squeeze });
        // (The text: the column's last line, where the finding is located in a story folio
        // placed — a brief's, not the column of briefs' headline: review 49.)
        out.extend(shorts.iter().map(|(n, r, last)| Fault { cut: start.as_ref().map(|s| s.1.clone()), ..fault(Kind::Short(*n, level), r, last.clone()) }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::level_cut;

    #[test]
    fn a_cut_that_levels_columns_is_never_most_of_the_story() {
        // Six lines of ten characters, two columns full: their last two lines.
        assert_eq!(level_cut(&[10; 6], 2, true), Some((2, 20)));
        // Not where a column lacks two lines, nor every column is short.
        assert_eq!(level_cut(&[10; 6], 2, false), None);
        assert_eq!(level_cut(&[10; 6], 0, true), None);
        // A brief of three lines whose two full columns' last lines are most of it.
        assert_eq!(level_cut(&[10, 10, 10], 2, true), None);
        assert_eq!(level_cut(&[10, 10, 10, 10, 4], 2, true), Some((2, 14)));
    }
}
