//! Placement (自动组版): takes one page's stories in reading order (the lead first) and the
//! page's free type area, and gives blocks that tile it — every story's copy fitting its block
//! with no overset and columns level within a line — chosen by an exact search over ordered
//! guillotine layouts on the cached fits of [`Fitter`]; or, when no tiling exists, how far the
//! copy is from one.
//!
//! The search: a run of stories `i..j` fills a rectangle `w` columns by `h` lines either as one
//! story (`j = i + 1`: a leaf, checked with [`Fitter::fit`]) or by one straight cut, across
//! (stories `i..k` above, `k..j` below) or down (`i..k` on the left, `k..j` on the right), so
//! the reading order is kept: top before bottom, left before right; or, for the first story, as
//! an L (破栏, `Choice::Wrap`) whose bottom-right corner the others fill — and, for the page's
//! lead, as an L over a strip of stories down the right that runs on past its foot, others
//! under its leg, either run first (`Choice::Leg`: the strip's heads start under the lead's copy, not
//! beside its head, and the heads under the leg stand beside the strip's copy). A dynamic programme over
//! (run, width, height, touches the top) with a dense memo finds the cheapest layout; where a
//! rectangle sits does not change how a story fits it (every column has the same width), only
//! whether it touches the area's top (a block below another gets a rule line).
//!
//! The objective (lower is better; every term in grid lines or their multiples, weights below):
//! - hard: no overset, at most one empty line under the balanced columns and at the foot of any
//!   column's run of copy (no hole), the head fits its area, every photo inside its block, the
//!   span within the story's `min_span` and `max_span`, at least [`MIN_COPY_UNDER_HEAD`] lines
//!   of copy or photo under every head (fewer and the head stands almost straight on the next:
//!   叠题);
//! - [`W_UNDERSET`] per empty line under a story's columns, [`W_SHORT`] per line of its slack
//!   (each a column ending a line short: not 齐栏) and [`W_BREAK`] per widow or orphan its
//!   columns cannot avoid;
//! - 碰题, heads of two stories side by side on the same lines: every pair of heads that touch
//!   across a cut down (the heads along the right edge of the left side against those along
//!   the left edge of the right side, each sub-layout keeping the line ranges of the heads on
//!   its edges) costs [`W_SIDE_BY_SIDE`] when both start on the same line (a row of heads: with
//!   every head at the top of its rectangular block, the two blocks at the top of every cut
//!   down start on one line, so such a pair is unavoidable once stories stand side by side)
//!   and [`W_HEAD_CLASH`] when they start on different lines but still overlap (heads
//!   staggered by less than a head's depth: the worst case, never needed), [`W_THREE`] more
//!   when one of the pair already stands beside another head (three in a row). This term is
//!   added where parts meet, so each part keeps its [`KEEP`] cheapest layouts with different
//!   heads along its edges, not only its cheapest; past those the search is not exact for this
//!   term (a page whose parts cost more on their own but meet with fewer heads side by side
//!   can be missed);
//! - [`W_TURN`] for a head the search sets vertically (竖题) and [`W_RAISE`] for a first photo
//!   it sets above its story's head (题上图, the head's lines then start under the picture):
//!   the two ways a 美编 keeps a head out of a row of heads, each dearer than the other
//!   adjustments and cheaper than a row;
//! - [`W_SQUEEZE`] for a story that takes back the few lines its copy is over its block (a
//!   rectangle's or an L's) by setting that many paragraphs a little tighter (紧排, the block's
//!   `squeeze`; [`crate::layout::compose::squeezable`]), at most [`MAX_SQUEEZE`] and no more
//!   than its paragraphs allow — also the lines a head area a line deeper lacks of its slack
//!   to end every column level, or a line or two that move a widow or orphan on;
//! - [`W_WRAP`] for an L-shaped block (a story wrapping the bottom-right corner the next
//!   stories fill: their heads then stand beside its copy, not its head), [`W_PHOTO_SPAN`] more
//!   when its first photo is set a column narrower to stand beside the corner, not over it;
//! - the adjustments that make a story fit: [`W_HEAD_SPACE`] per line of a head area deeper
//!   than its head, [`W_PHOTO`] per line of a first photo taller or shorter than its aspect
//!   ratio gives (never cropped past [`crate::layout::compose::MAX_CROP`] of its picture: a
//!   hard constraint; [`W_CROP`] more per percent of the picture cropped past [`FREE_CROP`]),
//!   and per column of one wider or narrower than its default [`W_PHOTO_SPAN`]
//!   ([`W_PHOTO_SIZE`] where its file asks for a `size`), and [`W_LOW_PPI`] where one made larger
//!   (taller or wider) prints below the edition's `[preflight] warn_ppi` and at its default
//!   size would not;
//! - [`W_LEAD_NARROW`] per column the lead is narrower than the area, and [`W_LEAD_LOW`] if the
//!   lead does not touch the top (neither where the page's lead is hand-placed: then the area's
//!   first story is not the lead);
//! - head size by rank: a head's size follows its block's span (the format's `heads`) unless
//!   the search sets it smaller, and the lead's is the page's largest: where another head is as
//!   large, a second search holds every other story at most as wide as the lead (the
//!   hand-placed lead, where it is) with its head a size under the lead's where its span would
//!   make it as large, kept when that costs at most [`W_RANK`] per story changed;
//! - photo size by rank: the lead's picture is the page's largest ([`photo_area`]: columns ×
//!   grid lines): where another story's is as large, the search runs again with the lead's
//!   held over a size and every other story's under it (three sizes: the lead's as placed,
//!   just over the largest other's, and between), kept when the lead's is then the largest,
//!   no more heads break head size by rank, and it costs at most [`W_PHOTO_RANK`] per story
//!   whose picture was as large;
//! - head size by copy: [`W_BIG_HEAD`] per size a head is larger than its story's copy warrants
//!   (the format's `min_chars`; not the page's lead): where the layout with heads as their spans
//!   give has one so (or none places), the search with every head held to its copy's size runs,
//!   kept unless it costs more than that layout with this added (twice this where it has none
//!   of the other [`Flaws`] more often);
//! - [`W_LEG`] per line a one-column block (its head's lines too) or an L-shaped block's one
//!   column beside its corner runs past [`LONG_LEG`] lines, and [`W_LEG_PHOTO`]
//!   per line a photo with a single column of copy beside it runs past [`LONG_LEG_BESIDE`]
//!   lines (长腿);
//! - a ladder (阶梯): where the layout is [`LADDER`] or more strips stacked across the page (a story but
//!   the lead across more than half of it, [`STRIP_ASPECT`] times wider than deep under its
//!   head), the search runs again with [`W_STRIP`] a strip and keeps that layout where it costs
//!   less than the ladder so priced and is none ([`search_with`]); the nearest layouts have no
//!   strip;
//! - ties go to the first layout found in a fixed order (across before down, earlier cuts
//!   first), so the same input always gives the same page.
//!
//! When no layout meets the hard constraints, [`nearest`] runs the same search with copy over
//! or short of its block made a cost ([`W_MISS`] a line): its layout says, story by story, what
//! to cut or add (searched a few lines a story at a time, widening only while a layout missing
//! by more could be nearer, and pruned by the cost of the layout found already). Where a layout has flaws a 美编 sends back ([`Flaws`]), [`advise`] runs it with
//! copy over its block priced low ([`W_CUT`] a line): the cuts that would mend them — for a lead
//! shrunk to hold copy far over the page, the nearest layout with a wider lead
//! ([`design_advice`]).
//! [`place_edition`] searches an edition's pages in parallel — each page's searches sharing
//! their leaves ([`Leaves`]) — and keeps each page's blocks in a [`PlaceCache`] for the
//! session's next rebuild.

use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::content::{block_lines, Block, Cutout, Edition, Length, PhotoSize, Story};
use crate::input::grid::{Format, Formats};
use crate::layout::compose::{CutStart, Fit, Fitter, HeadSetting, PhotoTop};
use crate::layout::galley::Spans;
use crate::layout::world::FolioWorld;

/// Cost of one empty grid line under a story's balanced columns.
pub const W_UNDERSET: u32 = 10;
/// Cost of each line of a story's slack (lines its block holds for copy less its copy's): each
/// is a column ending a line short of its foot (齐栏), so the search makes a page's columns end
/// level where a photo a line taller or a head area a line deeper takes the slack up.
pub const W_SHORT: u32 = 2;
/// Cost of each line of a story's slack past one a column: a column ending two lines or more
/// short of its foot, a band of white a head area a line deeper (5) or a photo a line taller
/// would take up.
pub const W_SHORT_DEEP: u32 = 20;
/// Cost of a widow or an orphan the flow cannot avoid in a block (a paragraph's short last line
/// alone at a column's top, its first line alone at a column's foot): a fault the check reports
/// and only the desk can fix in the copy, so the search pays some slack (short columns) and an
/// L-shaped block or two to avoid one.
pub const W_BREAK: u32 = 100;
/// Cost of a pair of heads side by side starting on the same line (碰题, a row of heads).
pub const W_SIDE_BY_SIDE: u32 = 300;
/// Cost added for a pair of heads side by side of which one already stands beside another
/// head: three heads in a row.
pub const W_THREE: u32 = 1000;
/// Cost of a pair of heads side by side whose lines overlap but start on different lines.
pub const W_HEAD_CLASH: u32 = 1000;
/// Fewest lines of copy (or photo) a story has under its head before the next story: a hard
/// constraint (until session 33 a cost of 100 a line short, which a page of briefs far short
/// of its space paid to place: eight stories of a paragraph each, two lines of copy a column
/// under heads across the page, where folio now says what to add).
pub const MIN_COPY_UNDER_HEAD: u32 = 4;
/// Fewest strips ([`W_STRIP`]) that make a ladder: a lead across a tabloid page over two
/// stories across it is a page a desk makes (with two, the automatic sample's page 3 gave up
/// the small photo its editor asked for to be rid of them).
pub const LADDER: u32 = 3;
/// How many times wider than deep a story's block is under its head at least to be a strip
/// ([`W_STRIP`]): a band across the page (eight broadsheet columns with 15 lines under the
/// head, six tabloid columns with 11). (Eight lines or fewer whatever the width, session 41's
/// first rule, let the nearest layout set four stories across a broadsheet page with nine
/// lines each: a ladder of bands a line too deep to be strips.)
pub const STRIP_ASPECT: f64 = 4.0;
/// Cost of a strip in the search for changes to the copy ([`Mode::strip`]), and a ladder's
/// weight a strip among the flaws ([`Flaws::weight`]). A strip: a story (not the page's lead)
/// across more than half the page's columns, its block under its head [`STRIP_ASPECT`] times
/// wider than deep or more — a 通栏 band of a few lines a column. One is a common page element (a short story
/// across the foot under the lead, or two under a lead across the page); [`LADDER`] or more
/// are a ladder (阶梯), the page a short copy
/// fills only by setting each story across it under a head deepened and set larger to take up
/// the lines, a page no 美编 makes. A ladder is a flaw the advice takes away
/// ([`Flaws::ladder`]), and the nearest layouts of a page short of copy ([`Mode::Short`],
/// [`Mode::Fill`]) have no strip at all, so what they say the copy lacks is what a page of stories as a 美编 sets
/// them lacks (session 40: seven 300-character stories on a broadsheet page were "680
/// characters short", the nearest layout a ladder; 1 490 since).
pub const W_STRIP: u32 = 150;
/// Cost of two stories' photos stacked in the same columns (one part of the page over the
/// other, a photo in each, sharing a column): a 美编 spreads a page's pictures over its
/// columns, not one over another down the same band (session 41's 美编: two 5-column photos of
/// two stories stacked in columns 1–5 of a broadsheet page), and sends it back as a row of
/// heads. Weighed where the parts meet, as 碰题 is: each part keeps the columns its photos
/// stand in where a photo of another story may yet come over or under them. (200 kept the
/// 美编's page stacked for three short columns fewer; on eight-story broadsheet pages with
/// two or three photos, 300 left no stack and no more findings, in the same time.)
pub const W_PHOTO_STACK: u32 = 300;
/// Fewest lines of copy a column over a photo should hold where it holds any: fewer is a
/// sliver of copy over the picture (a line or two across its columns), which no 美编 sets.
pub const MIN_COPY_OVER_PHOTO: u32 = 3;
/// Cost per line a column of copy over a photo has fewer than [`MIN_COPY_OVER_PHOTO`].
pub const W_THIN: u32 = 100;
/// A photo with one column of copy beside it deeper than this many lines leaves a long leg.
pub const LONG_LEG_BESIDE: u32 = 12;
/// Cost per line of a photo past [`LONG_LEG_BESIDE`] with one column of copy beside it.
pub const W_LEG_PHOTO: u32 = 8;
/// Cost of a first photo the search makes larger than folio's default size for its block (taller,
/// or wider) to a resolution below the edition's `[preflight] warn_ppi`, where its default size
/// is not: a `photo-low-ppi` warning of folio's own making, a softer picture than the desk sent,
/// weighed as a row of heads (until session 36 free: a short broadsheet page set its 2400-pixel
/// lead photo across eight columns at 188 ppi).
pub const W_LOW_PPI: u32 = 300;
/// Cost per column the lead story is narrower than the area.
pub const W_LEAD_NARROW: u32 = 60;
/// Cost of a lead story that does not start at the top of the area.
pub const W_LEAD_LOW: u32 = 200;
/// A one-column block's copy (from under its head to its foot) or an L-shaped block's one
/// column beside its corner running longer than this many lines is a long leg (长腿): `folio
/// check`'s `long-leg` beside other stories, and the flaw [`advise`] counts, measured alike
/// (until session 33 the advice counted a one-column block's whole depth, its head's lines too,
/// and named long legs the check did not find). The search weighs a one-column block by its
/// whole depth ([`W_LEG`]).
pub const LONG_LEG: u32 = 40;
/// Cost per line of a long leg past [`LONG_LEG`]: as a leg beside a photo's ([`W_LEG_PHOTO`]),
/// the same fault. (2 until session 31, an L's leg not weighed at all: on 104 random pages of
/// seed text 47 long legs, 26 since, for two rows of heads and six widows or orphans more.)
pub const W_LEG: u32 = 8;
/// Cost per grid line of white added under a head to make a page exact (a deeper head area):
/// less than the short columns it takes away (a head area a line deeper than its head is no
/// finding, the head stands in its middle; a column ending a line short is). 15 until session
/// 31, when the search never deepened a head area of fewer than eight columns to level them.
pub const W_HEAD_SPACE: u32 = 5;
/// Cost per grid line a story's first photo is made taller or shorter than its aspect ratio
/// gives (a tighter or looser crop).
pub const W_PHOTO: u32 = 3;
/// The share of its picture's width or height, in percent, a first photo made taller or shorter
/// loses at no more than [`W_PHOTO`] a line: a tenth, what a 美编 trims off a news picture's edges.
pub const FREE_CROP: u32 = 10;
/// Cost per percent of its picture a first photo made taller or shorter is cropped past
/// [`FREE_CROP`] (review 49: a 3:2 lead picture set square, 31 % of its width cut, to fill the
/// block's depth; a news picture cut that far loses the people at its edges). A picture cropped
/// by a quarter costs 75, more than a column of the lead's width.
pub const W_CROP: u32 = 5;
/// Cost per column a story's first photo (one without a `span` of its own) is made wider or
/// narrower than folio's default for its block.
pub const W_PHOTO_SPAN: u32 = 6;
/// Cost per column a story's first photo is made wider or narrower than the size its file asks
/// for (`size`): an editor's wish, kept unless the page cannot be made without it.
pub const W_PHOTO_SIZE: u32 = 60;
/// Cost of a story's head a size larger than its copy's length warrants (the format's
/// `min_chars`), per size: a brief under a head as large as a long story's.
pub const W_BIG_HEAD: u32 = 50;
/// What the search pays at most, per story, to keep every other head smaller than the lead's
/// (every other story at most as wide as the lead, its head a size under the lead's where its
/// span would make it as large: head size by rank).
pub const W_RANK: u32 = 150;
/// What the search pays at most, per story, to keep every other story's pictures smaller than
/// the lead's (photo size by rank, [`ranked`]): as much as head size by rank.
pub const W_PHOTO_RANK: u32 = 150;
/// Cost of a story set a little tighter to take back the few lines its copy is over a block
/// (a block's `squeeze`: that many paragraphs 3 % of an em tighter, each a line shorter): less
/// than a column ending a line short ([`W_SHORT`]), which a 美编 sends back, and the tighter
/// lines are barely seen; but not nothing, so a story that fits as set keeps its tracking.
pub const W_SQUEEZE: u32 = 1;
/// Most lines a story takes back by setting paragraphs tighter.
pub const MAX_SQUEEZE: u32 = 6;
/// Cost of an L-shaped block (a story wrapping the corner the next stories fill): a little, so
/// that a rectangle is kept where it costs as much.
pub const W_WRAP: u32 = 20;
/// The nearest layout's cost per line a story misses its block by (lines over, or short past
/// the line a column may end early), when no layout is exact ([`nearest`]): above every other
/// term, so the nearest layout asks the editor for the fewest lines.
pub const W_MISS: u32 = 2000;
/// Cost of a head the search sets vertically (竖题) though the story's file does not ask for it:
/// less than a row of heads ([`W_SIDE_BY_SIDE`]), which a vertical head beside a head across
/// is not (it cannot be read on into its neighbour), so a story whose head would stand in a
/// row turns its head where its copy and block allow it; more than the other adjustments.
pub const W_TURN: u32 = 120;
/// Cost of a story's first photo the search sets above its head (题上图) though its file does
/// not ask for it: less than a row of heads ([`W_SIDE_BY_SIDE`]), which a head under a picture
/// beside a head at the top is not; about a vertical head's ([`W_TURN`]), as both are a
/// 美编's ordinary ways to stagger heads.
pub const W_RAISE: u32 = 120;
/// Widest block whose head the search sets vertically: a 竖题 heads a narrow story. (Which
/// headlines it may turn: [`crate::layout::galley::may_turn`].)
pub const MAX_TURN_SPAN: u32 = 4;
/// Fewest lines of an L-shaped block's corner.
pub const MIN_CORNER: u32 = 8;
/// Most grid lines a head area may be made deeper than the head needs on one line: two only
/// where its headline then sets on two lines there (an area two or more lines deeper than the
/// head as set in it is a `deep-head` finding, which the search never makes). Three found
/// nothing more on the samples and cost the search 15 %.
pub const MAX_HEAD_SPACE: u32 = 2;
/// Most grid lines a first photo may be made shorter or taller.
pub const MAX_PHOTO_SHRINK: i32 = 4;
/// See [`MAX_PHOTO_SHRINK`].
pub const MAX_PHOTO_GROW: i32 = 8;
/// What a line of copy cut or added costs in the search for a better page ([`advise`]): a row
/// of heads ([`W_SIDE_BY_SIDE`]) is worth 15 lines cut, a widow or orphan ([`W_BREAK`]) 5. A
/// line added also leaves its block's empty line ([`W_UNDERSET`]) in the sum: the desk asks
/// for a cut before it asks a reporter for more.
pub const W_CUT: u32 = 20;
/// What each story [`advise`] asks to cut or lengthen costs besides its lines: the desk would
/// rather cut one story by four lines than four stories by one.
pub const W_CUT_STORY: u32 = 20;
/// How many times its weight a pair of heads side by side (碰题) weighs in the search for what
/// to cut ([`advise`]): a desk would cut about 30 lines ([`W_CUT`]) to be rid of a row, not 15.
/// (On 20 random tabloid and broadsheet pages of seed text with rows, the advice followed left
/// 14 without one, 12 at 1; 3 took away no more.)
pub const ROWS_IN_ADVICE: u32 = 2;
/// What a line to add to a story costs more in the nearest layouts for each rank the story
/// stands under the page's lead: a 1/[`ADD_RANK_SHARE`]th of a line ([`Missed::cost_at`]).
pub const ADD_RANK_SHARE: u32 = 20;

/// The most of a story's copy [`advise`] asks to cut or add: a quarter of its lines.
pub const MAX_CUT_SHARE: u32 = 4;

/// What a story's copy may miss its block by in a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Mode {
    /// Nothing: the page's layout ([`search`]).
    Exact,
    /// As [`Mode::Exact`], a strip at [`W_STRIP`]: the page's layout again where the first is a
    /// ladder ([`search_with`]).
    Unladdered,
    /// Lines over or short, at [`W_MISS`] a line: what the copy must become for the page to
    /// place at all ([`nearest`]).
    Nearest,
    /// As [`Mode::Nearest`] with no strip: the nearest layout of a page short of copy, its
    /// heads held to their copy's sizes ([`nearest_with`]).
    Short,
    /// As [`Mode::Nearest`] at [`W_CUT`] a line (a row of heads weighed as in [`Mode::Cuts`]),
    /// with no first photo set wider than folio's default for its block:
    /// what the copy must gain to fill a page that placed only with a picture widened (or heads
    /// larger than their copy's, searched with the copy's caps) — the copy is short
    /// ([`fill_advice`]).
    Fill,
    /// Lines over, at [`W_CUT`] a line and [`W_CUT_STORY`] a story, at most a
    /// [`MAX_CUT_SHARE`]th of a story's copy: the cuts that would give a page that places a
    /// better layout ([`advise`]).
    Cuts,
    /// Lines over or short, as [`Mode::Cuts`]: the cuts and additions that would, where no
    /// cut alone does ([`advise`]).
    Edits,
}

impl Mode {
    /// What a row of heads (碰题) weighs against the other terms: more in the search for
    /// changes to the copy ([`ROWS_IN_ADVICE`]).
    fn rows(self) -> u32 {
        match self {
            Mode::Exact | Mode::Unladdered | Mode::Nearest | Mode::Short => 1,
            Mode::Cuts | Mode::Edits | Mode::Fill => ROWS_IN_ADVICE,
        }
    }

    /// What a strip costs ([`W_STRIP`]): nothing in the page's own search, where a strip is a
    /// page element and several are what a short copy places as (weighed there, a lone strip
    /// cost pages ten columns ending a line short); [`W_STRIP`] in the search for changes to the
    /// copy, which takes a ladder away. The nearest layouts have none ([`Search::fit_leaf`]).
    fn strip(self) -> u32 {
        match self {
            Mode::Exact | Mode::Nearest | Mode::Short | Mode::Fill => 0,
            Mode::Unladdered | Mode::Cuts | Mode::Edits => W_STRIP,
        }
    }

    /// What a line the copy misses its block by costs.
    fn miss(self) -> u32 {
        match self {
            Mode::Exact | Mode::Unladdered | Mode::Nearest | Mode::Short => W_MISS,
            // What to add to a page that places, as the advice weighs a line ([`W_CUT`]): the
            // fewest lines that fill it with heads and photos their sizes and no more flaws.
            Mode::Fill => W_CUT,
            Mode::Cuts | Mode::Edits => W_CUT,
        }
    }
}

/// Whether the lines a fit's copy is over its block by may be cut ([`Mode::Cuts`],
/// [`Mode::Edits`]).
fn may_cut(f: &Fit) -> bool {
    f.overset * MAX_CUT_SHARE <= f.lines
}

/// Whether a fit's copy reaches every column of its block: a line of copy or more a column
/// (a one-sentence story across six columns under a head leaves four of them empty; a
/// short story takes a narrow block).
fn holds_copy(f: &Fit) -> bool {
    f.lines > 0 && f.lines >= f.copy_span
}

/// Whether the lines a fit's copy is short of filling its block by may be added
/// ([`Mode::Edits`]): a fit with room for more copy, and no more than a [`MAX_CUT_SHARE`]th of
/// what it has.
fn may_add(f: &Fit) -> bool {
    let short = Missed::of(f).short;
    f.overset == 0 && short > 0 && short * MAX_CUT_SHARE <= f.lines
}

/// Most grid lines the search makes a first photo taller or shorter to level the columns of a
/// story that fits without it ([`W_SHORT`], [`W_BREAK`]).
pub const RAGGED_PHOTO: i32 = 2;

/// One story's block as the search chose it (1-based column, lines from the top of the page's
/// type area, as a `[block]` table says them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// The story's index on the page.
    pub story: usize,
    /// First column (1-based).
    pub column: u32,
    /// Columns spanned.
    pub span: u32,
    /// First grid line.
    pub top: u32,
    /// Grid lines deep.
    pub height: u32,
    /// The head area's grid lines when made deeper than the head needs (`head = N`).
    pub head: Option<u32>,
    /// The first photo's grid lines when changed from what its aspect ratio gives (`height`).
    pub photo_lines: Option<u32>,
    /// The first photo's columns when it has no `span` and the search made it wider or
    /// narrower than folio's default for the block (`span`).
    pub photo_span: Option<u32>,
    /// An L-shaped block: the columns and lines of its bottom-right corner, left to the
    /// stories that follow (`cutout`).
    pub cutout: Option<(u32, u32)>,
    /// The head set vertically (竖题, `vertical = true`) by the search, to stand beside another
    /// story's head without 碰题.
    pub vertical: bool,
    /// The headline's size in pt when the search set it smaller than the block's span gives
    /// (`head_size`): a story as wide as the page's lead, its head a size under the lead's.
    pub head_size: Option<f64>,
    /// The first photo set above the head, across the block (题上图, `above_head = true`), by
    /// the search, to keep the head off a neighbour's head beside the block's top.
    pub raised: bool,
    /// Lines the story takes back by setting some of its paragraphs a little tighter
    /// (`squeeze = N`): the search's way to fit copy a few lines over a block, so its columns
    /// end level.
    pub squeeze: Option<u32>,
    /// The first photo set at the top of the copy, under the head (题下图, `row = 0`), not at the
    /// copy's foot over the story below ([`photos_up`]).
    pub photo_top: bool,
    /// With `photo_top`, the photo's first column in the block (1-based, its `column`) where it
    /// stands at the block's right edge: the copy then starts under the head in the first
    /// column, not under the picture ([`photos_up`]).
    pub photo_column: Option<u32>,
    /// The story's largest photo's size, in column-lines ([`photo_area`]; 0 without a photo):
    /// what photo size by rank compares.
    pub photo_area: u32,
}

/// A page's layout: every story's block, and the layout's cost.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The blocks, in reading order.
    pub blocks: Vec<Placed>,
    /// The objective's value.
    pub cost: u32,
    /// What a 美编 would send back on it.
    pub flaws: Flaws,
}

/// The free area the stories share: columns `1..=columns`, lines `top..bottom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    /// First column (1-based).
    pub column: u32,
    /// Columns.
    pub columns: u32,
    /// First line.
    pub top: u32,
    /// Line under the last.
    pub bottom: u32,
}

impl Area {
    /// A block `span` columns wide and `lines` deep at the area's first column, below its top
    /// (under the rule a block there starts with): where a story is tried to see what it needs.
    fn block(&self, span: u32, lines: u32) -> Block {
        Block { column: self.column, span, top: self.top + 1, height: Length::Lines(lines), head: None, head_size: None, cutout: None, squeeze: None, text_columns: None }
    }
}

/// The heads of hand-placed blocks standing beside the free area, as grid lines `[from, to)` of
/// the page: along its left edge (blocks ending in the column before it) and along its right
/// edge (blocks starting in the column after it). The search weighs a placed head beside one as
/// it weighs two of its own (碰题).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Beside {
    /// Heads whose block ends just left of the area.
    pub left: Vec<(u32, u32)>,
    /// Heads whose block starts just right of the area.
    pub right: Vec<(u32, u32)>,
    /// Vertical heads (down a block's first column) whose block starts just right of the area.
    pub right_vertical: Vec<(u32, u32)>,
    /// Where the page's lead is hand-placed (a story of the page ahead of every one to place,
    /// or the 跨版 story across the centre spread), its span (its whole block's, across the
    /// spread for a 跨版 story); 0 when the lead is to be placed. Then the free area's first
    /// story is not the lead: every story placed is held at most as wide as it, with a head a
    /// size under its ([`Beside::lead_tier`]), none pays for not being the lead, and the first
    /// may turn its head.
    pub lead_span: u32,
    /// The hand-placed lead's head size (an index into the format's `heads`): every head placed
    /// is set smaller.
    pub lead_tier: usize,
}

impl Beside {
    /// Nothing beside the area (a page with no hand-placed block next to it).
    pub const NONE: Beside = Beside { left: Vec::new(), right: Vec::new(), right_vertical: Vec::new(), lead_span: 0, lead_tier: 0 };

    /// The page's lead is hand-placed ([`Beside::lead_span`]).
    pub fn lead_placed(&self) -> bool {
        self.lead_span > 0
    }

    /// What the heads along a layout's `left` and `right` edges (lines from the area's top)
    /// cost against these.
    fn cost(&self, area: Area, left: &[EdgeHead], right: &[EdgeHead]) -> u32 {
        let fixed = |v: &[(u32, u32)], vertical: bool| -> Vec<EdgeHead> {
            v.iter().filter(|&&(_, to)| to > area.top).map(|&(from, to)| EdgeHead { from: from.saturating_sub(area.top), to: to - area.top, story: usize::MAX, clashed: false, vertical }).collect()
        };
        let right_of = [fixed(&self.right, false), fixed(&self.right_vertical, true)].concat();
        clash_cost(&fixed(&self.left, false), left) + clash_cost(right, &right_of)
    }
}

/// Story `i` as an L-shaped block: its cost, its head's lines (a vertical head's down the first
/// column, 0 for a head across the top), and the lines its copy misses the block by.
#[derive(Debug, Clone, Copy)]
struct Wrapped {
    cost: u32,
    head_text: u32,
    vertical: u32,
    missed: Missed,
    /// The first photo's columns when made narrower to stand beside the corner, not over it.
    photo_span: Option<u32>,
    /// Its grid lines then.
    photo_lines: Option<u32>,
    /// The head area's grid lines when made deeper than the head needs (`head = N`) to level
    /// the columns or take up the block's slack.
    head: Option<u32>,
    /// Lines taken back by paragraphs set tighter (`squeeze`).
    squeeze: Option<u32>,
    /// What a 美编 would send back in the block.
    flaws: Flaws,
    /// The L's columns its photos stand in (bit `c`: the rectangle's column `c`).
    photos: u32,
    /// Its largest photo's size ([`photo_area`]).
    photo_area: u32,
}

/// What a 美编 would send back on a page that places: the flaws the objective weighs most,
/// counted on a layout ([`Layout::flaws`]); [`advise`] looks for cuts that take them away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flaws {
    /// Pairs of heads side by side on overlapping lines (碰题), with hand-placed heads beside
    /// the free area too.
    pub heads_side_by_side: u32,
    /// First photos set narrower than folio's default for their block.
    pub photos_narrowed: u32,
    /// Long legs: a photo with a single column of copy beside it deeper than
    /// [`LONG_LEG_BESIDE`] lines, a one-column block or an L's one-column leg deeper than
    /// [`LONG_LEG`] (`folio check`'s `long-leg`).
    pub long_legs: u32,
    /// Widows and orphans a story's columns cannot avoid.
    pub breaks: u32,
    /// The page's lead, placed by folio, narrower than another story with a head across (1
    /// or 0): a lead a 美编 sends back, its head smaller than the story's beside it.
    pub lead_narrow: u32,
    /// Heads (not the lead's) larger than their story's copy warrants (the format's
    /// `min_chars`): a page whose copy fills it only under larger heads, its copy short.
    pub heads_over: u32,
    /// First photos set wider than folio's default for their block: a story whose copy is
    /// short of its block, the picture widened to fill it.
    pub photos_widened: u32,
    /// Stories set as strips ([`W_STRIP`]): a flaw where there are [`LADDER`] or more, a
    /// ladder ([`Flaws::ladder`]); one or two are page elements.
    pub strips: u32,
    /// The page's lead, placed by folio with a photo, set in half the area's columns or fewer
    /// (1 or 0) though its `max_span` allows more: copy far over the page absorbed by narrowing
    /// the lead, its picture with it (placement trial 43, F3: at 150 % of a tabloid page's copy
    /// the lead stood in 3 of 6 columns, no word said). [`design_advice`] says what to cut for
    /// a wider lead.
    pub lead_shrunk: u32,
}

impl Flaws {
    fn add(self, o: Flaws) -> Flaws {
        Flaws {
            heads_side_by_side: self.heads_side_by_side + o.heads_side_by_side,
            photos_narrowed: self.photos_narrowed + o.photos_narrowed,
            long_legs: self.long_legs + o.long_legs,
            breaks: self.breaks + o.breaks,
            lead_narrow: self.lead_narrow + o.lead_narrow,
            heads_over: self.heads_over + o.heads_over,
            photos_widened: self.photos_widened + o.photos_widened,
            strips: self.strips + o.strips,
            lead_shrunk: self.lead_shrunk + o.lead_shrunk,
        }
    }

    /// The strips of a ladder: the page's strips where there are [`LADDER`] or more, else none.
    pub fn ladder(self) -> u32 {
        if self.strips >= LADDER { self.strips } else { 0 }
    }

    /// None at all (a single strip is none).
    pub fn none(self) -> bool {
        Flaws { strips: self.ladder(), ..self } == Flaws::default()
    }

    /// What the flaws weigh against each other when the advice trades one for another: a pair
    /// of heads side by side as the search weighs it, a widow or orphan, a long leg and a lead
    /// narrower than another story each a third of that, a photo set narrower or wider a tenth,
    /// a head larger than its copy warrants as the search weighs a size over ([`W_BIG_HEAD`]), a
    /// strip of a ladder as the search weighs a strip ([`W_STRIP`]).
    fn weight(self) -> u32 {
        self.heads_side_by_side * W_SIDE_BY_SIDE
            + (self.breaks + self.long_legs + self.lead_narrow + self.lead_shrunk) * (W_SIDE_BY_SIDE / 3)
            + (self.photos_narrowed + self.photos_widened) * (W_SIDE_BY_SIDE / 10)
            + self.heads_over * W_BIG_HEAD
            + self.ladder() * W_STRIP
    }

    /// None of the flaws more often than `o` has them, heads larger than their copy's aside.
    fn no_more_but_heads(self, o: Flaws) -> bool {
        self.heads_side_by_side <= o.heads_side_by_side
            && self.photos_narrowed <= o.photos_narrowed
            && self.photos_widened <= o.photos_widened
            && self.long_legs <= o.long_legs
            && self.breaks <= o.breaks
            && self.lead_narrow <= o.lead_narrow
            && self.lead_shrunk <= o.lead_shrunk
            && self.ladder() <= o.ladder()
    }

    /// A better page: no more pairs of heads side by side (the flaw a 美编 sends a page back
    /// for first; a ladder counts as one), and less of them all by [`Flaws::weight`] — two
    /// rows of heads and an orphan traded for a photo a column narrower is better; two photos
    /// narrowed for a widow are not; a ladder of six stories for a row of heads is. Nor a
    /// lead shrunk that was not ([`Flaws::lead_shrunk`]: a desk that cut 34 characters as told
    /// saw its lead go from four columns to two, review 44).
    pub fn better_than(self, o: Flaws) -> bool {
        let first = |f: Flaws| f.heads_side_by_side + u32::from(f.ladder() > 0);
        first(self) <= first(o) && self.lead_shrunk <= o.lead_shrunk && self.weight() < o.weight()
    }
}

/// How many lines a story's copy misses its block by: over it, or short of filling it past the
/// line a column may end early. Zero but in the nearest layout ([`nearest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Missed {
    /// Lines of copy that do not fit.
    pub over: u32,
    /// Lines of copy the block still has room for.
    pub short: u32,
}

impl Missed {
    fn of(f: &Fit) -> Self {
        let short = if f.overset == 0 && (f.underset > 1 || f.hole > 1) { f.capacity.saturating_sub(f.lines).saturating_sub(f.copy_span.saturating_sub(1)).max(1) } else { 0 };
        Self { over: f.overset, short }
    }

    /// Lines over or short.
    fn lines(self) -> u32 {
        self.over + self.short
    }

    fn cost(self, mode: Mode) -> u32 {
        let lines = self.lines().saturating_mul(mode.miss());
        if matches!(mode, Mode::Cuts | Mode::Edits) && self.lines() > 0 { lines + W_CUT_STORY } else { lines }
    }

    /// [`Missed::cost`] of the page's story of rank `rank` (0: the lead, in reading order): in
    /// the nearest layouts ([`Mode::Nearest`], [`Mode::Short`], [`Mode::Fill`]) each line to add
    /// costs a [`ADD_RANK_SHARE`]th more for each rank under the lead — of two layouts short by
    /// about as much, the one that lengthens the higher-ranked stories (trial 43, F6: a page
    /// 3 200 characters short was told to add 1 450 to its lowest-ranked brief, which then ran
    /// longer than its lead, and nothing to the lead).
    fn cost_at(self, mode: Mode, rank: usize) -> u32 {
        let ranked = matches!(mode, Mode::Nearest | Mode::Short | Mode::Fill);
        let more = if ranked { (self.short * mode.miss() / ADD_RANK_SHARE).saturating_mul(rank as u32) } else { 0 };
        self.cost(mode).saturating_add(more)
    }
}

/// What a leaf changed to fit: a deeper head area, the first photo's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Adjust {
    head: Option<u32>,
    /// Grid lines of the head's text (its area less the blank line under it).
    head_text: u32,
    /// A vertical head's grid lines down the block's first column (0: a head across the top).
    vertical: u32,
    /// Grid lines above the head's area (a photo raised above it, and the line under it).
    head_from: u32,
    /// What the copy misses the block by (the nearest layout only).
    missed: Missed,
    photo: i32,
    photo_lines: Option<u32>,
    photo_span: Option<u32>,
    /// Lines taken back by paragraphs set tighter (`squeeze`).
    squeeze: u32,
    /// What a 美编 would send back in the story's block.
    flaws: Flaws,
    /// The block's columns its photos stand in (bit `c`: the block's column `c`).
    photos: u32,
    /// Its largest photo's size ([`photo_area`]).
    photo_area: u32,
}

/// What a leaf of the search ([`Search::leaf`]) depends on: the story (its index on the page),
/// the rectangle, how its head is set, whether it is the page's lead, the head size it is held
/// to, its span bounds and what its copy may miss its block by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct LeafKey {
    story: usize,
    size: (u32, u32, bool),
    setting: u8,
    lead: bool,
    cap: usize,
    photo_cap: (u32, u32),
    bounds: (u32, u32),
    mode: Mode,
}

/// A map of what a page's searches fitted, looked up on every leaf of every search after the
/// first: hashed with FxHash (small keys of integers; SipHash was a seventh of a reordered
/// page's time).
type FitMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;

/// What a page's searches fitted: each story to each rectangle ([`Search::leaf`]), as an
/// L-shaped block, and its slack as set.
#[derive(Default, Clone)]
struct Kept {
    map: FitMap<LeafKey, Option<(u32, Adjust)>>,
    /// Each story as an L-shaped block ([`Search::wrap`]): its leaf's key (the setting as
    /// filed) and the corner, to how it fits.
    wraps: FitMap<(LeafKey, (u32, u32)), Option<Wrapped>>,
    /// Each story's slack in a rectangle as set ([`Search::slack`]): its story, head-size cap,
    /// rectangle and first photo's columns.
    slack: FitMap<(usize, usize, (u32, u32, bool), Option<u32>), Option<(u32, u32)>>,
}

impl Kept {
    fn extend(&mut self, other: Kept) {
        self.map.extend(other.map);
        self.wraps.extend(other.wraps);
        self.slack.extend(other.slack);
    }

    /// Only the fits of the stories (their indices on the page) `keep` says.
    fn retain(&mut self, keep: impl Fn(usize) -> bool) {
        self.map.retain(|k, _| keep(k.story));
        self.wraps.retain(|k, _| keep(k.0.story));
        self.slack.retain(|k, _| keep(k.0));
    }

    /// How many fits are kept.
    fn len(&self) -> usize {
        self.map.len() + self.wraps.len() + self.slack.len()
    }
}

/// The leaves of one page's searches (one fitter, one area, the same heads beside it), kept
/// across them where [`Leaves::kept`]: a page searched in other orders fits each story to each
/// rectangle once. A page's first search keeps no leaves unless it finds nothing (most pages
/// place in their order: the map would be work for nothing) or the session keeps them for the
/// page's next search ([`PlaceCache::keep_fits`]); the L-shaped blocks and slacks,
/// which a search keeps in maps anyway, are kept always. What is kept is shared read-only by
/// the searches that run at once ([`Leaves::branch`]), each adding its own.
#[derive(Default, Clone)]
pub struct Leaves {
    base: std::sync::Arc<Kept>,
    own: Kept,
    keep: bool,
    /// Fits the searches made (a leaf, an L-shaped block or a slack not found here).
    fitted: usize,
    /// Their work, each fit weighed by its story's copy ([`fit_work`]), and the work done
    /// before a branch was taken ([`Leaves::branch`]): together held to [`MAX_WORK`].
    work: u64,
    spent: u64,
    /// A search stopped at [`MAX_WORK`]: what it found is not to be used.
    exhausted: bool,
}

impl Leaves {
    /// Leaves that keep what each search fits, for the next.
    pub fn kept() -> Self {
        Self { keep: true, ..Self::default() }
    }

    fn leaf(&self, key: &LeafKey) -> Option<Option<(u32, Adjust)>> {
        self.own.map.get(key).or_else(|| self.base.map.get(key)).copied()
    }

    fn wrap(&self, key: &(LeafKey, (u32, u32))) -> Option<Option<Wrapped>> {
        self.own.wraps.get(key).or_else(|| self.base.wraps.get(key)).copied()
    }

    fn slack(&self, key: &(usize, usize, (u32, u32, bool), Option<u32>)) -> Option<Option<(u32, u32)>> {
        self.own.slack.get(key).or_else(|| self.base.slack.get(key)).copied()
    }

    /// How many leaves (a story in a rectangle, its head set one way) are kept.
    pub fn len(&self) -> usize {
        self.own.map.len() + self.base.map.len()
    }

    /// Whether no leaf is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many fits the searches that used these leaves made (what they did not find here).
    pub fn fitted(&self) -> usize {
        self.fitted
    }

    /// Leaves that start from `kept` (a page's fits from its last search in a session) and keep
    /// what each search fits.
    fn from_kept(kept: Kept) -> Self {
        Self { base: std::sync::Arc::new(kept), keep: true, ..Self::default() }
    }

    /// Everything kept, in one.
    fn into_kept(self) -> Kept {
        let mut kept = std::sync::Arc::try_unwrap(self.base).unwrap_or_else(|shared| (*shared).clone());
        kept.extend(self.own);
        kept
    }

    /// Leaves for a search run beside others: what is kept so far, shared, and nothing of
    /// their own; [`Leaves::merge`] takes back what they add.
    fn branch(&mut self) -> Leaves {
        let own = std::mem::take(&mut self.own);
        if !own.map.is_empty() || !own.wraps.is_empty() || !own.slack.is_empty() {
            // The branches of the batch before are gone: no copy is made.
            std::sync::Arc::make_mut(&mut self.base).extend(own);
        }
        Leaves { base: self.base.clone(), own: Kept::default(), keep: self.keep, fitted: 0, work: 0, spent: self.spent + self.work, exhausted: false }
    }

    /// What a branch ([`Leaves::branch`]) added.
    fn merge(&mut self, branch: Leaves) {
        self.own.extend(branch.own);
        self.fitted += branch.fitted;
        self.work += branch.work;
        self.exhausted |= branch.exhausted;
    }

    /// The work the searches did ([`fit_work`] a fit).
    pub fn work(&self) -> u64 {
        self.spent + self.work
    }

    /// Whether a search stopped at [`MAX_WORK`] (the page is refused, or its advice left out).
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// Whether the work done is at [`MAX_WORK`]: then no more is fitted, and the search ends.
    fn spent_all(&mut self) -> bool {
        if self.spent + self.work >= MAX_WORK {
            self.exhausted = true;
        }
        self.exhausted
    }
}

#[derive(Debug, Clone, Copy)]
enum Choice {
    /// One story, its head set as `setting` says (as filed, turned vertical, under its photo).
    Leaf { setting: HeadSetting },
    /// Across: the first `k - i` stories take the top `h1` lines (with the parts' kept
    /// layouts `a` and `b`).
    Across { k: usize, h1: u32, a: u8, b: u8 },
    /// Down: the first `k - i` stories take the left `w1` columns.
    Down { k: usize, w1: u32, a: u8, b: u8 },
    /// Wrap: the first story takes the rectangle less its bottom-right corner, `w2` columns by
    /// `h2` lines, which the others fill (an L-shaped block, 破栏: its head over theirs).
    Wrap { w2: u32, h2: u32, b: u8 },
    /// Leg: the first story (the page's lead) as an L `hl` lines deep, its corner `w2` columns by
    /// `h2` lines, in a deeper rectangle: stories `i + 1..k` fill a strip down the right `w2`
    /// columns from the corner's top to the rectangle's foot, stories `k..j` the columns under
    /// the L's leg — or, `under_first`, `i + 1..k` under the leg and `k..j` in the strip (the
    /// left read before the right) — a 破栏 lead whose head runs over a strip of short stories
    /// beside its copy, with more stories under that copy.
    Leg { w2: u32, h2: u32, hl: u32, k: usize, s: u8, u: u8, under_first: bool },
}

struct Search<'a> {
    fitter: &'a Fitter<'a>,
    stories: &'a [usize],
    area: Area,
    n: usize,
    w: usize,
    h: usize,
    /// Dense memo: None = not computed, else the layouts kept (none: nothing fits).
    memo: Vec<Option<Vec<Cand>>>,
    leaves: Vec<Option<Option<(u32, Adjust)>>>,
    /// Each story's `min_span` and `max_span`.
    bounds: Vec<(u32, u32)>,
    /// What a story's copy may miss its block by: nothing (the search), lines over or short at
    /// [`W_MISS`] a line (the nearest layout, [`nearest`]), or lines over at [`W_CUT`] a line
    /// (the cuts that would give a better page, [`advise`]).
    mode: Mode,
    /// What a row of heads weighs in this mode ([`Mode::rows`]).
    rows: u32,
    /// The page's lead is hand-placed ([`Beside::lead_span`]): story 0's head may turn.
    lead_placed: bool,
    /// The area starts under the page's top (under a hand-placed block): a block at its top
    /// starts with a rule line too, as every block below another does.
    ruled_top: bool,
    /// The leaves of the page's other searches ([`Leaves`]), taken for this one and given back.
    shared: Leaves,
    /// Per story, the largest head size it may have (an index into the format's `heads`; 0: any):
    /// a story whose span gives a larger head has its head set at this size.
    caps: Vec<usize>,
    /// Per story, the least and most its largest photo may be ([`photo_area`]; none: any size):
    /// the lead's at least as large as a size every other story's is held under (photo size by
    /// rank, [`ranked`]).
    photo_caps: Vec<(u32, u32)>,
    /// The most lines a story's copy may miss its block by ([`Missed::lines`]; the nearest
    /// layout's search, [`nearest_with`], widens it until no layout past it could be nearer).
    miss: u32,
    /// What a layout (and so each part of it) must cost less than: a layout already found
    /// costs this much ([`nearest_with`]'s later searches); `u32::MAX` otherwise.
    below: u32,
    /// Stories `..i` with a photo, for each `i` (`with_photos[n]`: all of them).
    with_photos: Vec<u32>,
    /// Each story's [`fit_work`].
    work: Vec<u64>,
}

/// What a search holds each story to: its span bounds (`min_span`, `max_span`), the largest head
/// size it may have (see [`Search::caps`]; empty: any), and the most lines its copy may miss its
/// block by ([`Search::miss`]), and what a layout must cost less than ([`Search::below`]).
#[derive(Clone, Copy)]
struct Limits<'b> {
    bounds: &'b [(u32, u32)],
    caps: &'b [usize],
    photo_caps: &'b [(u32, u32)],
    miss: u32,
    below: u32,
}

/// The heads that touch a layout's left and right edges, top to bottom.
#[derive(Debug, Clone, Default)]
struct Edges {
    left: Vec<EdgeHead>,
    right: Vec<EdgeHead>,
    /// The layout's columns a photo stands in (bit `c`: its column `c`), where a photo stacked
    /// over another in those columns may yet come ([`Search::stacks`]; 0 elsewhere).
    photos: u32,
}

/// A fit's largest photo's size: its columns times its grid lines (picture and caption). What
/// photo size by rank compares ([`ranked`]): a column is about four lines wide on either
/// format, so a 2-column picture 36 lines deep outweighs a 3-column one 20 deep, as it does on
/// the page.
fn photo_area(f: &Fit) -> u32 {
    f.photo_cols.iter().zip(&f.photo_lines).map(|(&(_, span), &lines)| span * lines).max().unwrap_or(0)
}

/// The columns photos stand in, `(column, span)` in a block, as bits.
fn photo_mask(cols: &[(u32, u32)]) -> u32 {
    cols.iter().fold(0, |m, &(c, sp)| m | (((1u64 << (c + sp).min(32)) - (1u64 << c.min(32))) as u32))
}

/// A head on a layout's edge: its lines `[from, to)` from the rectangle's top, its story (index
/// in the run), and whether it already stands beside another head inside the layout.
#[derive(Debug, Clone, Copy)]
struct EdgeHead {
    from: u32,
    to: u32,
    story: usize,
    clashed: bool,
    /// A vertical head (down a block's first column): beside a head across it is no 碰题, beside
    /// another vertical head it is.
    vertical: bool,
}

impl EdgeHead {
    fn shifted(self, by: u32) -> Self {
        Self { from: self.from + by, to: self.to + by, ..self }
    }
}

/// The cost of a fit's columns not ending level and of its widows and orphans: its slack
/// (capacity less copy), more for each line of it past one a column (a column then ends two
/// lines short or more), and its breaks.
fn ragged(f: &Fit) -> u32 {
    let slack = f.capacity.saturating_sub(f.lines);
    slack * W_SHORT + slack.saturating_sub(f.copy_span.max(1)) * W_SHORT_DEEP + f.breaks * W_BREAK
}

/// Lines the columns over a story's photos lack of [`MIN_COPY_OVER_PHOTO`] (columns that
/// hold some copy there).
fn thin_over_photo(f: &Fit) -> u32 {
    f.photo_cols.iter().flat_map(|&(c, sp)| c..c + sp).filter_map(|col| f.columns.get(col as usize)).filter(|&&n| n > 0 && n < MIN_COPY_OVER_PHOTO).map(|&n| MIN_COPY_OVER_PHOTO - n).sum()
}

/// The grid lines of each long leg beside a fit's photos: a single column of copy beside a
/// photo for more than [`LONG_LEG_BESIDE`] lines — the photo's depth, or above an L's corner
/// straight right of it, the photo's depth less the corner's.
fn legs(f: &Fit) -> impl Iterator<Item = u32> + '_ {
    f.photo_cols.iter().zip(&f.photo_lines).filter_map(|(&(c, sp), &lines)| {
        let right = f.copy_span.saturating_sub(c + sp);
        let beside = if c == 1 || right == f.cutout_span + 1 {
            lines
        } else if right == 1 && f.cutout_span == 1 {
            // An L whose one-column corner stands right of the photo: its column's copy runs
            // beside the photo down to the corner (not weighed, nor found, until session 43:
            // 22 lines beside a lead's seven-column photo).
            lines.saturating_sub(f.cutout_lines)
        } else {
            0
        };
        (beside > LONG_LEG_BESIDE).then_some(beside)
    })
}

/// The cost of a first photo enlarged past the edition's resolution ([`W_LOW_PPI`]).
fn low_ppi(f: &Fit) -> u32 {
    u32::from(f.underresolved) * W_LOW_PPI
}

/// The cost of a first photo cropped past [`FREE_CROP`] of its picture ([`W_CROP`] a percent).
fn cropped(f: &Fit) -> u32 {
    f.crop.saturating_sub(FREE_CROP) * W_CROP
}

/// The cost of the long legs beside a fit's photos ([`legs`]).
fn leg_beside(f: &Fit) -> u32 {
    legs(f).map(|lines| (lines - LONG_LEG_BESIDE) * W_LEG_PHOTO).sum()
}

/// Whether two heads on either side of a cut meet (碰题): their lines overlap and both are
/// across or both vertical.
fn meet(a: &EdgeHead, b: &EdgeHead) -> bool {
    a.from < b.to && b.from < a.to && a.vertical == b.vertical
}

/// The cost of the heads along `right` (a left side's right edge) against those along `left`
/// (the right side's left edge): 碰题, [`W_THREE`] more for a pair whose head already stands
/// beside another (three heads in a row).
fn clash_cost(right: &[EdgeHead], left: &[EdgeHead]) -> u32 {
    let mut cost = 0;
    for a in right {
        for b in left.iter().filter(|b| meet(a, b)) {
            cost += if a.from == b.from { W_SIDE_BY_SIDE } else { W_HEAD_CLASH };
            if a.clashed || b.clashed {
                cost += W_THREE;
            }
        }
    }
    cost
}

/// Whether story `story`'s head meets one across a cut (see [`clash_cost`]).
fn met_across(right: &[EdgeHead], left: &[EdgeHead], story: usize) -> bool {
    right.iter().any(|a| left.iter().any(|b| (a.story == story || b.story == story) && meet(a, b)))
}

impl<'a> Search<'a> {
    /// The rule line a block starts with: 1 below another block, or at the top of an area
    /// that starts under the page's top (under a hand-placed block); 0 at the page's top.
    /// (Until session 33 a block at the top of any area was taken to have none: under a
    /// hand-placed block the search counted a line under each such head that the page did
    /// not have, and set a brief's head on the next with three lines between, not four.)
    fn rule(&self, top: bool) -> u32 {
        u32::from(!top || self.ruled_top)
    }

    /// Whether run `i..j`'s photo columns matter: it has some of the page's stories with a
    /// photo but not all (another's photo may yet be set over or under them).
    fn stacks(&self, i: usize, j: usize) -> bool {
        let inside = self.with_photos[j] - self.with_photos[i];
        inside > 0 && inside < self.with_photos[self.n]
    }

    /// The work of one fit of story `i` in a `w` × `h` rectangle: its copy's ([`fit_work`]),
    /// more in a larger block (on a 24-column, 200-line grid a fit took some twenty times a
    /// broadsheet's).
    fn work_of(&self, i: usize, w: u32, h: u32) -> u64 {
        self.work[i] * (1 + u64::from(w) * u64::from(h) / 500)
    }

    fn index(&self, i: usize, j: usize, w: u32, h: u32, top: bool) -> usize {
        ((((i * (self.n + 1) + j) * (self.w + 1) + w as usize) * (self.h + 1) + h as usize) * 2) + usize::from(top)
    }

    /// The cost of story `stories[i]` alone in a `w` × `h` rectangle, if it fits, with the
    /// adjustments that make it fit (head space, first photo's lines); its head set as
    /// `setting` says: as its file sets it, vertically by the search, or under its first photo
    /// raised above it by the search (neither for the lead — story 0, unless the page's lead is
    /// hand-placed — nor a head its file sets vertically).
    fn leaf(&mut self, i: usize, w: u32, h: u32, top: bool, setting: HeadSetting) -> Option<(u32, Adjust)> {
        let key = (((i * (self.w + 1) + w as usize) * (self.h + 1) + h as usize) * 2 + usize::from(top)) * 3 + setting as usize;
        if let Some(v) = self.leaves[key] {
            return v;
        }
        // The page's other searches (other orders, the nearest layout, the advice) may have
        // fitted this story so already: what a leaf costs depends on the story, not on where
        // it stands in the order, but for the lead's terms and the head size it is held to.
        // (A page's first search has none: it pays nothing for them.) A search that keeps its
        // leaves adds those it fitted.
        let shared_key = (!self.shared.is_empty() || self.shared.keep).then(|| self.leaf_key(i, (w, h, top), setting as u8));
        let v = match shared_key.as_ref().and_then(|k| self.shared.leaf(k)) {
            Some(v) => v,
            // Past the page's work: nothing more is fitted (the search ends; its page is refused).
            None if self.shared.spent_all() => return None,
            None => {
                let v = self.fit_leaf(i, w, h, top, setting);
                self.shared.fitted += 1;
                self.shared.work += self.work_of(i, w, h);
                if let Some(k) = shared_key.filter(|_| self.shared.keep) {
                    self.shared.own.map.insert(k, v);
                }
                v
            }
        };
        self.leaves[key] = Some(v);
        v
    }

    /// The least and most story `i`'s largest photo may be ([`Search::photo_caps`]).
    fn photo_cap(&self, i: usize) -> (u32, u32) {
        self.photo_caps.get(i).copied().unwrap_or((0, u32::MAX))
    }

    /// What leaf `i` in a `w` × `h` rectangle, its head set as `setting` says, depends on
    /// ([`LeafKey`]).
    fn leaf_key(&self, i: usize, size: (u32, u32, bool), setting: u8) -> LeafKey {
        LeafKey { story: self.stories[i], size, setting, lead: i == 0 && !self.lead_placed, cap: self.caps.get(i).copied().unwrap_or(0), photo_cap: self.photo_cap(i), bounds: self.bounds[i], mode: self.mode }
    }

    /// Give every leaf this search fitted to the page's [`Leaves`] (a search that did not keep
    /// them as it went, and had none to share).
    fn keep_leaves(&mut self) {
        let (w1, h1) = (self.w + 1, self.h + 1);
        for (index, v) in self.leaves.iter().enumerate() {
            let Some(v) = *v else { continue };
            let (setting, rest) = (index % 3, index / 3);
            let (top, rest) = (rest % 2 == 1, rest / 2);
            let (h, rest) = (rest % h1, rest / h1);
            let (w, i) = (rest % w1, rest / w1);
            let key = self.leaf_key(i, (w as u32, h as u32, top), setting as u8);
            self.shared.own.map.insert(key, v);
        }
    }

    /// [`Search::leaf`], computed.
    fn fit_leaf(&mut self, i: usize, w: u32, h: u32, top: bool, setting: HeadSetting) -> Option<(u32, Adjust)> {
        let story = self.stories[i];
        let (min, max) = self.bounds[i];
        let (turned, raised) = (setting == HeadSetting::Turned, setting == HeadSetting::Raised);
        let lead = i == 0 && !self.lead_placed;
        if w < min
            || w > max
            || (turned && (lead || !(2..=MAX_TURN_SPAN).contains(&w) || !self.fitter.may_turn_head(story)))
            || (raised && (lead || !self.fitter.may_raise_photo(story)))
        {
            return None;
        }
        // Where it sits does not matter to the fit, only whether a rule line is drawn above it.
        let block = Block { head_size: self.head_size_as(i, w, turned), ..self.block(i, w, h, top, None) };
        // The lead's picture over, every other under, a size where the page's search holds them
        // so (photo size by rank).
        let (least, most) = self.photo_cap(i);
        let small = |f: &Fit| (least..=most).contains(&photo_area(f));
        // Every hard constraint but the copy's length.
        let sound = |f: &Fit| f.underset <= 1 && f.hole <= 1 && !f.head_short && !f.photos_outside && !f.overcropped && holds_copy(f) && thin_over_photo(f) == 0;
        let strict = |f: &Fit| f.overset == 0 && sound(f);
        let mode = self.mode;
        let ok = |f: &Fit| match mode {
            Mode::Exact | Mode::Unladdered => strict(f),
            Mode::Nearest | Mode::Short | Mode::Fill => !f.head_short && !f.photos_outside && !f.overcropped && holds_copy(f),
            Mode::Cuts => sound(f) && may_cut(f),
            Mode::Edits => (sound(f) && may_cut(f)) || (may_add(f) && holds_copy(f) && !f.head_short && !f.photos_outside && !f.overcropped && thin_over_photo(f) == 0),
        };
        // Never a head area the check would call too deep (white under the head), nor a head
        // with fewer than MIN_COPY_UNDER_HEAD lines under it before the block's foot and the
        // next story's head (叠题).
        let under = |f: &Fit| h.saturating_sub(self.rule(top) + f.head_from + f.head_lines);
        // A story but the lead across more than half the page, a few lines under its head.
        let format = self.fitter.format();
        let width = f64::from(w) * format.column_pt + f64::from(w.saturating_sub(1)) * format.gutter_pt;
        let strip = |f: &Fit| !lead && 2 * w > format.columns && f64::from(under(f)) * format.pitch_pt * STRIP_ASPECT <= width;
        // What a fit costs besides its adjustments: empty lines, a long leg beside a photo, a
        // strip, the lines it misses the block by (the nearest layout).
        let extra = |f: &Fit| f.underset * W_UNDERSET + cropped(f) + leg_beside(f) + low_ppi(f) + ragged(f) + u32::from(strip(f)) * mode.strip() + Missed::of(f).cost_at(mode, i);
        let mut found: Option<(u32, Adjust, Fit)> = None;
        // The fits past the first (which `leaf` counts) this leaf makes, within what is left of
        // the page's work.
        let mut calls = 0u64;
        let left = MAX_WORK.saturating_sub(self.shared.spent + self.shared.work);
        let weight = self.work_of(i, w, h);
        let mut stopped = false;
        // A portrait picture folio sets narrower than its default for the block: that span,
        // written into the photo (`Fitter::shaped_photo_span`).
        let own = if raised { None } else { self.fitter.shaped_photo_span(story, w) };
        let as_set = Adjust { photo_span: own, ..Adjust::default() };
        if let Some(base) = self.fitter.fit_as(story, &block, (0, own), setting) {
            let mut tries: Vec<(u32, Adjust)> = vec![(0, as_set)];
            let legged = strict(&base) && leg_beside(&base) > 0;
            // Fits, but its columns end short or break a paragraph badly: a photo a line or two
            // taller or shorter, or a head area a line deeper, may make them level.
            let ragged_base = strict(&base) && !legged && ragged(&base) > 0;
            // Its picture out of the size the page's search holds it to (photo size by rank):
            // every width and depth of it whose size is about within.
            let sized = !small(&base);
            if (!strict(&base) || legged || ragged_base || sized) && !base.head_short {
                // A first photo without a span of its own may also be narrower (copy over) or
                // wider (copy short) than folio's default for the block.
                // (A photo raised above the head is across the block.)
                let free = if raised { None } else { self.fitter.free_photo_span(story, w) };
                let spans = |wider: bool| -> Vec<(u32, Option<u32>)> {
                    let mut v = vec![(0, own)];
                    if wider && mode == Mode::Fill {
                        return v;
                    }
                    if let Some((default, most, asked)) = free {
                        // A small photo is never widened (review 47: `size = "small"` printed
                        // larger than the default).
                        // Nor a portrait picture set narrower than its default: as wide, it
                        // takes a page (outside review 50: a 3:4 picture 4 columns by 40 lines
                        // on a tabloid page short of copy).
                        if (asked == Some(PhotoSize::Small) || own.is_some()) && wider {
                            return v;
                        }
                        // Narrower by one column at most: a picture is not made a thumbnail to
                        // fit copy (the copy is cut, or the story given more room). A large one
                        // as narrow as a medium one, no narrower: held to a column under its
                        // block's width, a page whose story took six columns did not place, and
                        // one column under two printed it smaller than a medium one.
                        let least = match asked {
                            Some(PhotoSize::Large) => PhotoSize::Medium.span_in(w).min(default),
                            _ => default.saturating_sub(1),
                        };
                        let other: Vec<u32> = if wider { (default + 1..=most).collect() } else { (least.max(1)..default).collect() };
                        let each = if asked.is_some() { W_PHOTO_SIZE } else { W_PHOTO_SPAN };
                        // A large photo's columns under its block's width cost more the more
                        // they are (the automatic sample's 九江 lead, asked large, took the
                        // medium four of six at twice a column's cost).
                        let far = |d: u32| if asked == Some(PhotoSize::Large) && !wider { d * d } else { d };
                        v.extend(other.into_iter().map(|sp| (far(sp.abs_diff(default)) * each, Some(sp))));
                    }
                    v
                };
                if legged {
                    // A long leg beside the photo: another width, its height within its bounds.
                    for (sc, photo_span) in spans(false).into_iter().chain(spans(true).into_iter().skip(1)) {
                        for d in -MAX_PHOTO_SHRINK..=MAX_PHOTO_GROW {
                            if d != 0 || photo_span != own {
                                tries.push((sc + d.unsigned_abs() * W_PHOTO, Adjust { photo: d, photo_span, ..Adjust::default() }));
                            }
                        }
                    }
                } else if ragged_base {
                    let photos: Vec<i32> = if base.photo_lines.is_empty() { vec![0] } else { (-RAGGED_PHOTO..=RAGGED_PHOTO).collect() };
                    // A vertical head has no head area to deepen; one deeper only where the
                    // slack fills a column's line in each column.
                    let spare = if turned || base.capacity.saturating_sub(base.lines) < w { 0 } else { 1 };
                    for e in 0..=spare {
                        for &d in &photos {
                            if e > 0 || d != 0 {
                                let head = (e > 0).then_some(base.head_lines + e);
                                tries.push((e * W_HEAD_SPACE + d.unsigned_abs() * W_PHOTO, Adjust { head, photo: d, ..as_set }));
                            }
                        }
                    }
                    // 紧排 where it levels or mends: a head area a line deeper takes a line of each
                    // column, and paragraphs set tighter take back what the slack lacks of that
                    // (folio check's short-column hint on a hand block); or a paragraph or two set
                    // tighter move a widow or orphan on.
                    let squeezable = self.fitter.squeezable(story).min(MAX_SQUEEZE);
                    let slack = base.capacity.saturating_sub(base.lines);
                    if !turned && slack < w && w - slack <= squeezable {
                        tries.push((W_HEAD_SPACE + W_SQUEEZE, Adjust { head: Some(base.head_lines + 1), squeeze: w - slack, ..as_set }));
                    }
                    if base.breaks > 0 {
                        for n in 1..=squeezable.min(2) {
                            tries.push((W_SQUEEZE, Adjust { squeeze: n, ..as_set }));
                        }
                    }
                } else if base.overset > 0 {
                    // Copy a few lines over: as many of its paragraphs set tighter, each a line
                    // shorter (紧排).
                    if base.overset <= self.fitter.squeezable(story).min(MAX_SQUEEZE) {
                        tries.push((W_SQUEEZE, Adjust { squeeze: base.overset, ..as_set }));
                    }
                    for (sc, photo_span) in spans(false) {
                        for d in 0..=MAX_PHOTO_SHRINK {
                            if d > 0 || photo_span != own {
                                tries.push((sc + d as u32 * W_PHOTO, Adjust { photo: -d, photo_span, ..Adjust::default() }));
                            }
                        }
                    }
                } else if base.underset > 1 {
                    for (sc, photo_span) in spans(true) {
                        // A vertical head has no head area to deepen.
                        for e in 0..=if turned { 0 } else { MAX_HEAD_SPACE } {
                            let photos: Vec<i32> = if base.photo_lines.is_empty() { vec![0] } else { (0..=MAX_PHOTO_GROW).collect() };
                            for d in photos {
                                if e > 0 || d > 0 || photo_span != own {
                                    let head = (e > 0).then_some(base.head_lines + e);
                                    tries.push((sc + e * W_HEAD_SPACE + d as u32 * W_PHOTO, Adjust { head, photo: d, photo_span, ..Adjust::default() }));
                                }
                            }
                        }
                    }
                }
                if (least, most) != (0, u32::MAX) {
                    if let (Some(&(_, span)), Some(&lines)) = (base.photo_cols.first(), base.photo_lines.first()) {
                        // A picture's depth grows with its width (its aspect ratio): about
                        // `lines` × sp / span at sp columns. A column of slack either way.
                        for (sc, photo_span) in spans(false).into_iter().chain(spans(true).into_iter().skip(1)) {
                            let sp = photo_span.unwrap_or(span);
                            let at = (lines * sp + span / 2) / span.max(1);
                            for d in -MAX_PHOTO_SHRINK..=MAX_PHOTO_GROW {
                                let size = sp * at.saturating_add_signed(d);
                                if (d != 0 || photo_span != own) && size + sp >= least && size <= most.saturating_add(sp) {
                                    tries.push((sc + d.unsigned_abs() * W_PHOTO, Adjust { photo: d, photo_span, ..Adjust::default() }));
                                }
                            }
                        }
                    }
                    let mut seen = Vec::new();
                    tries.retain(|(_, a)| !seen.contains(a) && {
                        seen.push(*a);
                        true
                    });
                }
                // A photo whose file gives its `height` keeps it (review 47: `height = 9` placed
                // as a 7-line strip of the picture).
                if self.fitter.photo_height_set(story) {
                    tries.retain(|(_, a)| a.photo == 0);
                }
                // Nor made taller (a taller box prints the picture larger, as a wider one does).
                if free.and_then(|f| f.2) == Some(PhotoSize::Small) {
                    tries.retain(|(_, a)| a.photo <= 0);
                }
                tries.sort_by_key(|t| t.0);
            }
            // The cheapest try with what its fit costs: tries come cheapest first, so the scan
            // stops at the first whose adjustments alone cost as much as the best found.
            let mut best_total = u32::MAX;
            for (cost, adjust) in tries {
                if cost >= best_total {
                    break;
                }
                let fit = if adjust == as_set {
                    Some(base.clone())
                } else {
                    // Each try is a fit, counted in the page's work (a story with a photo
                    // tries many heights and widths).
                    calls += 1;
                    if calls * weight >= left {
                        stopped = true;
                        break;
                    }
                    self.fitter.fit_as(story, &Block { head: adjust.head, squeeze: (adjust.squeeze > 0).then_some(adjust.squeeze), ..block.clone() }, (adjust.photo, adjust.photo_span), setting)
                };
                // A short page's nearest layouts have no strip (what they say the copy lacks
                // is what a page without a ladder lacks).
                // A head the search turns stands beside copy deeper than it (outside
                // review 50: a 61-character brief's 竖题 a line deeper than its six lines, half
                // its block a head's).
                // (As deep as its lines, its last character stands a line under the copy's: the
                // head's lines count from the block's top line, the copy's from under it.)
                let shallow = |f: &Fit| turned && f.columns.iter().copied().max().unwrap_or(0) <= f.vertical_lines;
                if let Some(f) = fit.filter(ok).filter(small).filter(|f| !f.head_deep && !shallow(f) && under(f) >= MIN_COPY_UNDER_HEAD && !(strip(f) && matches!(mode, Mode::Short | Mode::Fill))) {
                    if cost + extra(&f) < best_total {
                        best_total = cost + extra(&f);
                        found = Some((cost, adjust, f));
                    }
                }
            }
        }
        let result = found.map(|(adjust_cost, adjust, f)| {
            let mut c = adjust_cost + f.underset * W_UNDERSET + cropped(&f) + ragged(&f) + Missed::of(&f).cost_at(mode, i);
            // A one-column block deeper than LONG_LEG lines costs as a long leg (长腿) by its
            // depth, its head's lines too (weighed by the copy's run alone, on the 104 random
            // pages the check found 18 long legs, not 14); it is the flaw the advice names
            // where its copy runs that long, as `folio check` measures it: from under the head
            // to the copy's foot.
            if w == 1 && h > LONG_LEG {
                c += (h - LONG_LEG) * W_LEG;
            }
            let run = if w == 1 { h.saturating_sub(self.rule(top) + f.head_from + f.head_lines + f.capacity.saturating_sub(f.lines)) } else { 0 };
            c += leg_beside(&f) + low_ppi(&f) + thin_over_photo(&f) * W_THIN;
            let strips = u32::from(strip(&f));
            c += strips * mode.strip();
            let flaws = Flaws { long_legs: legs(&f).count() as u32 + u32::from(run > LONG_LEG), breaks: f.breaks, strips, ..Flaws::default() };
            if i == 0 && !self.lead_placed {
                c += (self.area.columns - w) * W_LEAD_NARROW + if top { 0 } else { W_LEAD_LOW };
            }
            c += u32::from(turned) * W_TURN + u32::from(raised) * W_RAISE;
            let photo_lines = (adjust.photo != 0 || adjust.photo_span.is_some()).then(|| f.photo_lines.first().copied()).flatten();
            (c, Adjust { photo_lines, head_text: f.head_lines.saturating_sub(1).max(1), vertical: f.vertical_lines, head_from: f.head_from, missed: Missed::of(&f), flaws, photos: photo_mask(&f.photo_cols), photo_area: photo_area(&f), ..adjust })
        });
        self.shared.work += calls * weight;
        self.shared.exhausted |= stopped;
        result
    }

    /// Story `stories[i]`'s slack in a `w` × `h` rectangle as set: lines its block holds for
    /// copy less the copy's, with its head's lines; `None` when it does not fit there.
    fn slack(&mut self, i: usize, w: u32, h: u32, top: bool, photo_span: Option<u32>) -> Option<(u32, u32)> {
        let key = (self.stories[i], self.caps.get(i).copied().unwrap_or(0), (w, h, top), photo_span);
        if let Some(v) = self.shared.slack(&key) {
            return v;
        }
        if self.shared.spent_all() {
            return None;
        }
        self.shared.work += self.work_of(i, w, h);
        let block = self.block(i, w, h, top, None);
        let v = self
            .fitter
            .fit_photo(self.stories[i], &block, 0, photo_span)
            .filter(|f| f.overset == 0 && !f.head_short && !f.photos_outside && holds_copy(f))
            .map(|f| (f.capacity.saturating_sub(f.lines), f.head_lines));
        self.shared.own.slack.insert(key, v);
        self.shared.fitted += 1;
        v
    }

    /// The columns story `i`'s first photo takes in a `w`-column L-shaped block with a
    /// `w2`-column corner, when folio's default would reach over the corner and one column
    /// narrower stands beside it (the photo moves aside, as a picture is never made narrower
    /// than that to fit). Else a portrait picture's shaped span ([`Fitter::shaped_photo_span`]),
    /// or `None`: folio's default, where it stands beside the corner, or no narrower photo can,
    /// or the editor set the photo's `row` (it may stand above the corner).
    fn photo_aside(&self, i: usize, w: u32, w2: u32) -> Option<u32> {
        let (default, _, _) = self.fitter.free_photo_span(self.stories[i], w)?;
        let beside = w - w2;
        let (first, row) = self.fitter.photo_anchor(self.stories[i])?;
        let own = self.fitter.shaped_photo_span(self.stories[i], w);
        if !row && first + default > beside && default > 1 && first + default - 1 <= beside {
            Some(default - 1)
        } else {
            own
        }
    }

    /// Story `i`'s head size in pt in a block `w` columns wide when its cap makes it smaller
    /// than the span's own (`None`: the span's).
    fn head_size(&self, i: usize, w: u32) -> Option<f64> {
        let format = self.fitter.format();
        let cap = self.caps.get(i).copied().unwrap_or(0);
        (cap > format.head_tier(w)).then(|| format.head_size(cap).size)
    }

    /// [`Search::head_size`] for a head set vertically (竖题) where `turned`: a vertical head
    /// prints a size over its block's ([`crate::layout::galley::vertical_tier`]), so under a cap
    /// its block's is a size further down (review 48: a 26 pt 竖题 beside the lead's 22 pt head).
    fn head_size_as(&self, i: usize, w: u32, turned: bool) -> Option<f64> {
        let format = self.fitter.format();
        let cap = self.caps.get(i).copied().unwrap_or(0);
        if !turned || cap == 0 {
            return self.head_size(i, w);
        }
        let t = (cap + 1).min(format.spec.heads.len().saturating_sub(1));
        (t > format.head_tier(w)).then(|| format.head_size(t).size)
    }

    /// A candidate block `w` × `h` (touching the area's top or not), with an L's corner: where
    /// it sits does not change how a story fits it, only whether a rule line is drawn above it.
    fn block(&self, i: usize, w: u32, h: u32, top: bool, cutout: Option<(u32, u32)>) -> Block {
        Block {
            column: self.area.column,
            span: w,
            top: if top { self.area.top } else { self.area.top + 1 },
            height: Length::Lines(h),
            head: None,
            head_size: self.head_size(i, w),
            cutout: cutout.map(|(span, height)| Cutout { span, height }),
            squeeze: None,
            text_columns: None,
        }
    }

    /// The cost of story `stories[i]` in a `w` × `h` rectangle less its bottom-right corner of
    /// `w2` × `h2` (an L-shaped block; its copy as set, with at least [`MIN_COPY_UNDER_HEAD`]
    /// lines of it above the corner), with its head's lines of text. Where its copy falls short
    /// of the block or its columns end short, its head area may be a line or two deeper (at
    /// [`W_HEAD_SPACE`] a line, never one the check calls too deep), as a rectangle's may.
    fn wrap(&mut self, i: usize, (w, h, top): (u32, u32, bool), (w2, h2): (u32, u32)) -> Option<Wrapped> {
        let key = (self.leaf_key(i, (w, h, top), HeadSetting::AsFiled as u8), (w2, h2));
        if let Some(v) = self.shared.wrap(&key) {
            return v;
        }
        if self.shared.spent_all() {
            return None;
        }
        self.shared.work += self.work_of(i, w, h);
        let block = self.block(i, w, h, top, Some((w2, h2)));
        let (min, max) = self.bounds[i];
        let mode = self.mode;
        let aside = self.photo_aside(i, w, w2);
        let story = self.stories[i];
        let (least, most) = self.photo_cap(i);
        let ok = |f: &Fit| {
            let level = f.underset <= 1 && f.hole <= 1;
            let copy = match mode {
                Mode::Exact | Mode::Unladdered => f.overset == 0 && level,
                Mode::Nearest | Mode::Short | Mode::Fill => true,
                Mode::Cuts => level && may_cut(f),
                Mode::Edits => (level && may_cut(f)) || may_add(f),
            };
            copy && (least..=most).contains(&photo_area(f)) && !f.head_short && !f.photos_outside && holds_copy(f) && !f.head_deep && h - h2 >= self.rule(top) + f.head_lines + MIN_COPY_UNDER_HEAD
        };
        let lead = i == 0 && !self.lead_placed;
        let cost = |f: &Fit| {
            let mut c = f.underset * W_UNDERSET + leg_beside(f) + low_ppi(f) + ragged(f) + Missed::of(f).cost_at(mode, i);
            if lead {
                c += (self.area.columns - w) * W_LEAD_NARROW + if top { 0 } else { W_LEAD_LOW };
            }
            c
        };
        let base = (w >= min && w <= max).then(|| self.fitter.fit_photo(story, &block, 0, aside)).flatten();
        let mut found = base.clone().filter(ok).map(|f| (cost(&f), None, f));
        // A few lines over: as many paragraphs set tighter, each a line shorter (紧排).
        let mut squeeze = None;
        if let Some(b) = base.as_ref().filter(|b| found.is_none() && b.overset > 0 && b.overset <= self.fitter.squeezable(story).min(MAX_SQUEEZE)) {
            let n = b.overset;
            if let Some(f) = self.fitter.fit_photo(story, &Block { squeeze: Some(n), ..block.clone() }, 0, aside).filter(ok) {
                found = Some((W_SQUEEZE + cost(&f), None, f));
                squeeze = Some(n);
            }
        }
        // Short of its block, or its columns not level: the head area a line or two deeper
        // takes up a line of every column (as a leaf's does), where no vertical head.
        if let Some(b) = base.filter(|b| b.overset == 0 && !b.head_short && b.vertical_lines == 0 && (!ok(b) || ragged(b) > 0)) {
            for e in 1..=MAX_HEAD_SPACE {
                let extra = e * W_HEAD_SPACE;
                // The head across the L takes a line of each of its columns: the copy must
                // have that slack.
                if found.as_ref().is_some_and(|(c, _, _)| extra >= *c) || b.capacity.saturating_sub(b.lines) < e * w {
                    break;
                }
                let head = b.head_lines + e;
                if let Some(f) = self.fitter.fit_photo(story, &Block { head: Some(head), ..block.clone() }, 0, aside).filter(ok) {
                    let c = extra + cost(&f);
                    if found.as_ref().is_none_or(|(best, _, _)| c < *best) {
                        found = Some((c, Some(head), f));
                        squeeze = None;
                    }
                }
            }
            // 紧排 as a rectangle's (see `fit_leaf`): the head area a line deeper with the lines
            // the slack lacks of it taken back, or a line or two that move a widow or orphan on.
            let squeezable = self.fitter.squeezable(story).min(MAX_SQUEEZE);
            let slack = b.capacity.saturating_sub(b.lines);
            let mut tries: Vec<(u32, Option<u32>, u32)> = Vec::new();
            if slack < w && w - slack <= squeezable {
                tries.push((W_HEAD_SPACE + W_SQUEEZE, Some(b.head_lines + 1), w - slack));
            }
            if b.breaks > 0 {
                tries.extend((1..=squeezable.min(2)).map(|n| (W_SQUEEZE, None, n)));
            }
            for (extra, head, n) in tries {
                if found.as_ref().is_some_and(|(c, _, _)| extra >= *c) {
                    continue;
                }
                if let Some(f) = self.fitter.fit_photo(story, &Block { head, squeeze: Some(n), ..block.clone() }, 0, aside).filter(ok) {
                    let c = extra + cost(&f);
                    if found.as_ref().is_none_or(|(best, _, _)| c < *best) {
                        found = Some((c, head, f));
                        squeeze = Some(n);
                    }
                }
            }
        }
        // A one-column leg beside the corner runs as long as the corner: a long leg as a
        // one-column block's is.
        let leg = if w - w2 == 1 && h2 > LONG_LEG { h2 - LONG_LEG } else { 0 };
        let v = found.map(|(c, head, f)| {
            let photo_lines = aside.and(f.photo_lines.first().copied());
            let flaws = Flaws { long_legs: legs(&f).count() as u32 + u32::from(leg > 0), breaks: f.breaks, ..Flaws::default() };
            Wrapped { cost: c + leg * W_LEG + W_WRAP + u32::from(aside.is_some() && aside != self.fitter.shaped_photo_span(story, w)) * W_PHOTO_SPAN, head_text: f.head_lines.saturating_sub(1).max(1), vertical: f.vertical_lines, missed: Missed::of(&f), photo_span: aside, photo_lines, head, squeeze, flaws, photos: photo_mask(&f.photo_cols), photo_area: photo_area(&f) }
        });
        self.shared.own.wraps.insert(key, v);
        self.shared.fitted += 1;
        v
    }

    /// The corner heights worth trying for story `i` wrapping a `w2`-column corner of a
    /// `w` × `h` rectangle: those that take about its slack there (the copy then fills the L).
    fn corner_heights(&mut self, i: usize, (w, h, top): (u32, u32, bool), w2: u32) -> Vec<u32> {
        self.corner_range(i, (w, h, top), w2).map_or(Vec::new(), |(lo, hi, _)| (lo..=hi).collect())
    }

    /// [`Search::corner_heights`] as a range `lo..=hi` (empty where `lo > hi`), and whether the
    /// rectangle is past the deepest L whose corner leaves copy over it (the corner the slack
    /// asks for deeper than the most it may take): then every deeper one is past it too, the
    /// slack, and so that corner, growing by `w / w2` lines a line and the most by one. `None`
    /// where the story's copy does not fit the rectangle.
    fn corner_range(&mut self, i: usize, (w, h, top): (u32, u32, bool), w2: u32) -> Option<(u32, u32, bool)> {
        let aside = self.photo_aside(i, w, w2);
        let (slack, head) = self.slack(i, w, h, top, aside)?;
        let lo = slack.saturating_sub(w - w2 + 1) / w2;
        let hi = slack / w2 + 1;
        let most = h.saturating_sub(self.rule(top) + head + MIN_COPY_UNDER_HEAD);
        Some((lo.max(MIN_CORNER), hi.min(most), lo > most))
    }

    /// The cheapest layouts of stories `i..j` in a `w` × `h` rectangle (at most [`KEEP`], each
    /// with other heads on its edges, cheapest first; none when nothing fits): its memo key.
    fn best(&mut self, i: usize, j: usize, w: u32, h: u32, top: bool) -> usize {
        let key = self.index(i, j, w, h, top);
        if self.memo[key].is_some() {
            return key;
        }
        let mut list: Vec<Cand> = Vec::new();
        if j == i + 1 {
            // The story's head as its file sets it, turned vertical by the search, and under its
            // first photo raised above it: each meets its neighbours' heads differently.
            for setting in [HeadSetting::AsFiled, HeadSetting::Turned, HeadSetting::Raised] {
                if let Some((c, a)) = self.leaf(i, w, h, top, setting).filter(|(_, a)| a.missed.lines() <= self.miss) {
                    let photos = if self.stacks(i, j) { a.photos } else { 0 };
                    let edges = if a.vertical > 0 {
                        // A vertical head stands along the block's left edge only.
                        Edges { left: vec![EdgeHead { from: self.rule(top), to: self.rule(top) + a.vertical, story: i, clashed: false, vertical: true }], right: Vec::new(), photos }
                    } else {
                        let from = self.rule(top) + a.head_from;
                        let head = EdgeHead { from, to: from + a.head_text, story: i, clashed: false, vertical: false };
                        Edges { left: vec![head], right: vec![head], photos }
                    };
                    offer(&mut list, c, Choice::Leaf { setting }, &edges);
                }
            }
        } else {
            // The edges of the layout offered, built here and copied only into a list that keeps it.
            let mut edges = Edges::default();
            for k in i + 1..j {
                for h1 in 1..h {
                    let ku = self.best(i, k, w, h1, top);
                    let Some(lo) = self.cheapest(ku) else { continue };
                    if lo >= bar(&list, self.below) {
                        continue;
                    }
                    let kd = self.best(k, j, w, h - h1, false);
                    let (ups, downs) = (self.cands(ku), self.cands(kd));
                    let keep = self.stacks(i, j);
                    for (ai, a) in ups.iter().enumerate() {
                        for (bi, b) in downs.iter().enumerate() {
                            let cost = a.cost + b.cost;
                            // Each list is cheapest first: the rest of `downs` costs more.
                            if cost >= bar(&list, self.below) {
                                break;
                            }
                            // A photo over another in the same columns.
                            let cost = cost + if a.edges.photos & b.edges.photos != 0 { W_PHOTO_STACK } else { 0 };
                            if cost >= bar(&list, self.below) {
                                continue;
                            }
                            edges.photos = if keep { a.edges.photos | b.edges.photos } else { 0 };
                            for (side, (x, y)) in [(&mut edges.left, (&a.edges.left, &b.edges.left)), (&mut edges.right, (&a.edges.right, &b.edges.right))] {
                                side.clear();
                                side.extend_from_slice(x);
                                side.extend(y.iter().map(|e| e.shifted(h1)));
                            }
                            offer(&mut list, cost, Choice::Across { k, h1, a: ai as u8, b: bi as u8 }, &edges);
                        }
                    }
                }
                for w1 in 1..w {
                    let kl = self.best(i, k, w1, h, top);
                    let Some(lo) = self.cheapest(kl) else { continue };
                    if lo >= bar(&list, self.below) {
                        continue;
                    }
                    let kr = self.best(k, j, w - w1, h, top);
                    let keep = self.stacks(i, j);
                    let (lefts, rights) = (self.cands(kl), self.cands(kr));
                    for (ai, a) in lefts.iter().enumerate() {
                        for (bi, b) in rights.iter().enumerate() {
                            if a.cost + b.cost >= bar(&list, self.below) {
                                break;
                            }
                            // The heads that meet across the cut (碰题).
                            let cost = a.cost + b.cost + clash_cost(&a.edges.right, &b.edges.left) * self.rows;
                            if cost >= bar(&list, self.below) {
                                continue;
                            }
                            // A head that met one across this cut and stands on the outer edge
                            // too (its story as wide as its side) has a neighbour already.
                            let (cut_right, cut_left) = (&a.edges.right, &b.edges.left);
                            edges.photos = if keep { a.edges.photos | b.edges.photos << w1 } else { 0 };
                            for (side, outer) in [(&mut edges.left, &a.edges.left), (&mut edges.right, &b.edges.right)] {
                                side.clear();
                                side.extend(outer.iter().map(|e| EdgeHead { clashed: e.clashed || met_across(cut_right, cut_left, e.story), ..*e }));
                            }
                            offer(&mut list, cost, Choice::Down { k, w1, a: ai as u8, b: bi as u8 }, &edges);
                        }
                    }
                }
            }
            // The first story as an L, the others in its corner: its head over theirs.
            for w2 in 1..w {
                for h2 in self.corner_heights(i, (w, h, top), w2) {
                    let Some(Wrapped { cost: a, head_text, vertical, photos, .. }) = self.wrap(i, (w, h, top), (w2, h2)).filter(|x| x.missed.lines() <= self.miss) else { continue };
                    if a >= bar(&list, self.below) {
                        continue;
                    }
                    let kc = self.best(i + 1, j, w2, h2, false);
                    let keep = self.stacks(i, j);
                    let head = EdgeHead { from: self.rule(top), to: self.rule(top) + if vertical > 0 { vertical } else { head_text }, story: i, clashed: false, vertical: vertical > 0 };
                    for (bi, b) in self.cands(kc).iter().enumerate() {
                        if a + b.cost >= bar(&list, self.below) {
                            break;
                        }
                        // A vertical head down the column left of the corner meets the heads
                        // along the corner's left edge.
                        let inner = if vertical > 0 && w2 + 1 == w { clash_cost(&[head], &b.edges.left.iter().map(|e| e.shifted(h - h2)).collect::<Vec<_>>()) * self.rows } else { 0 };
                        // The corner's photos under the L's in the same columns.
                        let corner = b.edges.photos << (w - w2);
                        let cost = a + b.cost + inner + if photos & corner != 0 { W_PHOTO_STACK } else { 0 };
                        if cost >= bar(&list, self.below) {
                            continue;
                        }
                        edges.left.clear();
                        edges.left.push(head);
                        edges.right.clear();
                        edges.right.extend((vertical == 0).then_some(head));
                        edges.right.extend(b.edges.right.iter().map(|e| e.shifted(h - h2)));
                        edges.photos = if keep { photos | corner } else { 0 };
                        offer(&mut list, cost, Choice::Wrap { w2, h2, b: bi as u8 }, &edges);
                    }
                }
            }
            // The lead as an L over a strip down the right and other stories under its leg.
            if i == 0 && !self.lead_placed && j >= i + 3 {
                self.legs(i, j, (w, h, top), &mut list);
            }
        }
        self.memo[key] = Some(list);
        key
    }

    /// The layouts of [`Choice::Leg`] for stories `i..j` (`i` the lead) in a `w` × `h`
    /// rectangle, offered to `list`.
    fn legs(&mut self, i: usize, j: usize, (w, h, top): (u32, u32, bool), list: &mut Vec<Cand>) {
        let mut edges = Edges::default();
        for w2 in 1..w {
            for hl in 1..h {
                let Some((lo, hi, past)) = self.corner_range(i, (w, hl, top), w2) else { continue };
                if past {
                    break;
                }
                for h2 in lo..=hi {
                    // (The lead's head is never turned: across its block.)
                    let Some(Wrapped { cost: a, head_text, photos, .. }) = self.wrap(i, (w, hl, top), (w2, h2)).filter(|x| x.missed.lines() <= self.miss && x.vertical == 0) else { continue };
                    if a >= bar(list, self.below) {
                        continue;
                    }
                    // The strip starts under the L's head and the copy across it.
                    let hb = hl - h2;
                    let head = EdgeHead { from: self.rule(top), to: self.rule(top) + head_text, story: i, clashed: false, vertical: false };
                    for (k, under_first) in (i + 2..j).flat_map(|k| [(k, false), (k, true)]) {
                        let ((s0, s1), (u0, u1)) = if under_first { ((k, j), (i + 1, k)) } else { ((i + 1, k), (k, j)) };
                        let ks = self.best(s0, s1, w2, h - hb, false);
                        let Some(lo) = self.cheapest(ks) else { continue };
                        if a + lo >= bar(list, self.below) {
                            continue;
                        }
                        let ku = self.best(u0, u1, w - w2, h - hl, false);
                        let Some(lu) = self.cheapest(ku) else { continue };
                        if a + lo + lu >= bar(list, self.below) {
                            continue;
                        }
                        let (strips, unders) = (self.cands(ks), self.cands(ku));
                        // The heads under the leg meet those down the strip's left edge: each
                        // side's edge on the rectangle's lines.
                        let lefts: Vec<Vec<EdgeHead>> = strips.iter().map(|sc| sc.edges.left.iter().map(|e| e.shifted(hb)).collect()).collect();
                        let rights: Vec<Vec<EdgeHead>> = unders.iter().map(|uc| uc.edges.right.iter().map(|e| e.shifted(hl)).collect()).collect();
                        for (si, sc) in strips.iter().enumerate() {
                            for (ui, uc) in unders.iter().enumerate() {
                                if a + sc.cost + uc.cost >= bar(list, self.below) {
                                    break;
                                }
                                let (cut_right, cut_left) = (&rights[ui], &lefts[si]);
                                // The strip's and the stories' under the leg photos under the
                                // lead's in the same columns.
                                let (strip, under) = (sc.edges.photos << (w - w2), uc.edges.photos);
                                let stacked = photos & (strip | under) != 0;
                                let cost = a + sc.cost + uc.cost + clash_cost(cut_right, cut_left) * self.rows + if stacked { W_PHOTO_STACK } else { 0 };
                                if cost >= bar(list, self.below) {
                                    continue;
                                }
                                edges.left.clear();
                                edges.left.push(head);
                                edges.left.extend(uc.edges.left.iter().map(|e| e.shifted(hl)).map(|e| EdgeHead { clashed: e.clashed || met_across(cut_right, cut_left, e.story), ..e }));
                                edges.right.clear();
                                edges.right.push(head);
                                edges.right.extend(sc.edges.right.iter().map(|e| e.shifted(hb)).map(|e| EdgeHead { clashed: e.clashed || met_across(cut_right, cut_left, e.story), ..e }));
                                edges.photos = if self.stacks(i, j) { photos | strip | under } else { 0 };
                                offer(list, cost, Choice::Leg { w2, h2, hl, k, s: si as u8, u: ui as u8, under_first }, &edges);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The layouts kept at memo key `key` (computed).
    fn cands(&self, key: usize) -> &[Cand] {
        self.memo[key].as_deref().unwrap_or(&[])
    }

    /// The cost of the cheapest layout kept at `key`, if any fits.
    fn cheapest(&self, key: usize) -> Option<u32> {
        self.cands(key).first().map(|c| c.cost)
    }

    /// The blocks of layout `which` of run `i..j` in the rectangle, into `out`, with what each
    /// story's copy misses its block by (the nearest layout's; zero otherwise).
    fn unfold(&mut self, i: usize, j: usize, (c0, top, w, h): (u32, u32, u32, u32), at_top: bool, which: usize, out: &mut Vec<Unfolded>) {
        let key = self.best(i, j, w, h, at_top);
        let Some(choice) = self.cands(key).get(which).map(|c| c.choice) else { return };
        match choice {
            Choice::Leaf { setting } => {
                let adjust = self.leaf(i, w, h, at_top, setting).map(|(_, a)| a).unwrap_or_default();
                let (vertical, raised) = (setting == HeadSetting::Turned, setting == HeadSetting::Raised);
                let from = top - self.area.top + self.rule(at_top);
                let head = if adjust.vertical > 0 {
                    EdgeHead { from, to: from + adjust.vertical, story: i, clashed: false, vertical: true }
                } else {
                    EdgeHead { from: from + adjust.head_from, to: from + adjust.head_from + adjust.head_text, story: i, clashed: false, vertical: false }
                };
                let placed = Placed { story: self.stories[i], column: c0, span: w, top, height: h, head: adjust.head, photo_lines: adjust.photo_lines, photo_span: adjust.photo_span, cutout: None, vertical, head_size: self.head_size_as(i, w, vertical), raised, squeeze: (adjust.squeeze > 0).then_some(adjust.squeeze), photo_top: false, photo_column: None, photo_area: adjust.photo_area };
                out.push(Unfolded { placed, missed: adjust.missed, head, flaws: adjust.flaws });
            }
            Choice::Wrap { w2, h2, b } => {
                out.push(self.unfold_l(i, (c0, top, w, h), at_top, (w2, h2)));
                self.unfold(i + 1, j, (c0 + w - w2, top + h - h2, w2, h2), false, usize::from(b), out);
            }
            Choice::Leg { w2, h2, hl, k, s, u, under_first } => {
                out.push(self.unfold_l(i, (c0, top, w, hl), at_top, (w2, h2)));
                let hb = hl - h2;
                // In reading order: the first of the two runs first.
                let strip = ((c0 + w - w2, top + hb, w2, h - hb), usize::from(s));
                let under = ((c0, top + hl, w - w2, h - hl), usize::from(u));
                let (first, second) = if under_first { (under, strip) } else { (strip, under) };
                self.unfold(i + 1, k, first.0, false, first.1, out);
                self.unfold(k, j, second.0, false, second.1, out);
            }
            Choice::Across { k, h1, a, b } => {
                self.unfold(i, k, (c0, top, w, h1), at_top, usize::from(a), out);
                self.unfold(k, j, (c0, top + h1, w, h - h1), false, usize::from(b), out);
            }
            Choice::Down { k, w1, a, b } => {
                self.unfold(i, k, (c0, top, w1, h), at_top, usize::from(a), out);
                self.unfold(k, j, (c0 + w1, top, w - w1, h), at_top, usize::from(b), out);
            }
        }
    }

    /// Story `i`'s L-shaped block in the `w` × `h` rectangle at column `c0`, line `top`, less
    /// its bottom-right corner `w2` columns by `h2` lines, as [`Search::unfold`] gives it.
    fn unfold_l(&mut self, i: usize, (c0, top, w, h): (u32, u32, u32, u32), at_top: bool, (w2, h2): (u32, u32)) -> Unfolded {
        let wrapped = self.wrap(i, (w, h, at_top), (w2, h2));
        let missed = wrapped.map_or(Missed::default(), |x| x.missed);
        let (photo_lines, photo_span) = wrapped.map_or((None, None), |x| (x.photo_lines, x.photo_span));
        let from = top - self.area.top + self.rule(at_top);
        let head = match wrapped {
            Some(x) if x.vertical > 0 => EdgeHead { from, to: from + x.vertical, story: i, clashed: false, vertical: true },
            _ => EdgeHead { from, to: from + wrapped.map_or(1, |x| x.head_text), story: i, clashed: false, vertical: false },
        };
        let placed = Placed { story: self.stories[i], column: c0, span: w, top, height: h, head: wrapped.and_then(|x| x.head), photo_lines, photo_span, cutout: Some((w2, h2)), vertical: false, head_size: self.head_size(i, w), raised: false, squeeze: wrapped.and_then(|x| x.squeeze), photo_top: false, photo_column: None, photo_area: wrapped.map_or(0, |x| x.photo_area) };
        Unfolded { placed, missed, head, flaws: wrapped.map_or(Flaws::default(), |x| x.flaws) }
    }
}

/// A story's block as [`Search::unfold`] gives it: the block, what its copy misses it by, its
/// head's lines from the area's top, and its flaws.
struct Unfolded {
    placed: Placed,
    missed: Missed,
    head: EdgeHead,
    flaws: Flaws,
}

/// A layout's [`Flaws`]: its blocks' own, the photos set narrower than folio's default, and the
/// pairs of heads side by side — two blocks side by side whose heads' lines overlap, both across
/// or both vertical (a head across stands along both edges of its block, a vertical one along
/// its left), and a block's head against the hand-placed heads `beside` the area.
fn flaws_of(fitter: &Fitter, area: Area, beside: &Beside, blocks: &[Unfolded]) -> Flaws {
    let mut flaws = blocks.iter().fold(Flaws::default(), |f, u| f.add(u.flaws));
    let photo_against_default = |u: &Unfolded, wider: bool| {
        u.placed.photo_span.is_some_and(|sp| fitter.free_photo_span(u.placed.story, u.placed.span).is_some_and(|(default, _, _)| if wider { sp > default } else { sp < default }))
    };
    flaws.photos_narrowed = blocks.iter().filter(|u| photo_against_default(u, false)).count() as u32;
    flaws.photos_widened = blocks.iter().filter(|u| photo_against_default(u, true)).count() as u32;
    let right_edge = |u: &Unfolded| u.placed.column + u.placed.span;
    let mut pairs = 0;
    for a in blocks.iter().filter(|a| !a.head.vertical) {
        pairs += blocks.iter().filter(|b| b.placed.column == right_edge(a) && meet(&a.head, &b.head)).count() as u32;
    }
    let fixed = |v: &[(u32, u32)], vertical: bool| -> Vec<EdgeHead> {
        v.iter().filter(|&&(_, to)| to > area.top).map(|&(from, to)| EdgeHead { from: from.saturating_sub(area.top), to: to - area.top, story: usize::MAX, clashed: false, vertical }).collect()
    };
    let (left, right) = (fixed(&beside.left, false), [fixed(&beside.right, false), fixed(&beside.right_vertical, true)].concat());
    for u in blocks {
        if u.placed.column == area.column {
            pairs += left.iter().filter(|h| meet(h, &u.head)).count() as u32;
        }
        if right_edge(u) == area.column + area.columns && !u.head.vertical {
            pairs += right.iter().filter(|h| meet(&u.head, h)).count() as u32;
        }
    }
    flaws.heads_side_by_side = pairs;
    // A lead placed narrower than another story with a head across.
    if let Some((lead, others)) = blocks.split_first().filter(|_| !beside.lead_placed()) {
        flaws.lead_narrow = u32::from(others.iter().any(|u| !u.head.vertical && u.placed.span > lead.placed.span));
        flaws.lead_shrunk = u32::from(lead_shrunk(fitter, area, &lead.placed));
    }
    flaws
}

/// Whether the page's lead (folio's to place) is set shrunk ([`Flaws::lead_shrunk`]): with a
/// photo, in half the area's columns or fewer (an area of [`MIN_SHRUNK_AREA`] columns or more),
/// where its `max_span` allows it more.
fn lead_shrunk(fitter: &Fitter, area: Area, lead: &Placed) -> bool {
    area.columns >= MIN_SHRUNK_AREA && lead.span * 2 <= area.columns && fitter.photo_anchor(lead.story).is_some() && fitter.span_bounds(lead.story).1 > lead.span
}

/// The narrowest area in which a lead can be shrunk ([`lead_shrunk`]): a lead in two of four
/// columns is; in one of three, a narrow page's, it is no flaw of the copy's length.
pub const MIN_SHRUNK_AREA: u32 = 4;

/// How many layouts each part of the search keeps: the cheapest, and the next cheapest each with
/// other heads along its edges (which may meet a neighbour's heads better: 碰题 is weighed where
/// parts meet). Two or four were not enough on a broadsheet page of eight stories (the L-shaped
/// lead that meets its neighbours best was the part's fifth cheapest or later); the pruning
/// (a part's cheapest against the list's last kept) keeps the search's time about the same.
const KEEP: usize = 16;

/// One layout a part keeps: its cost, how it is made, and the heads along its edges.
#[derive(Debug, Clone)]
struct Cand {
    cost: u32,
    choice: Choice,
    edges: Edges,
}

/// What a layout must cost less than to be kept in `list`, in a search that keeps nothing
/// costing `below` or more.
fn bar(list: &[Cand], below: u32) -> u32 {
    if list.len() < KEEP { below } else { list[KEEP - 1].cost.min(below) }
}

/// Keep the layout costing `cost`, made as `choice`, with `edges`, in `list` (cheapest first,
/// at most [`KEEP`]) if it is among the cheapest; of two with the same heads on their edges
/// (which meet any neighbour alike) only the cheaper. Ties keep the one found first.
fn offer(list: &mut Vec<Cand>, cost: u32, choice: Choice, edges: &Edges) {
    let same = |x: &[EdgeHead], y: &[EdgeHead]| x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.from == q.from && p.to == q.to && p.clashed == q.clashed && p.vertical == q.vertical);
    if let Some(pos) = list.iter().position(|c| same(&c.edges.left, &edges.left) && same(&c.edges.right, &edges.right)) {
        if cost >= list[pos].cost {
            return;
        }
        list.remove(pos);
    }
    let at = list.iter().position(|c| cost < c.cost).unwrap_or(list.len());
    if at < KEEP {
        list.insert(at, Cand { cost, choice, edges: edges.clone() });
        list.truncate(KEEP);
    }
}

/// The cheapest ordered guillotine layout of `stories` (indices on the fitter's page, in reading
/// order, the lead first) tiling `area`, or `None` when no layout fits every story.
pub fn search(fitter: &Fitter, stories: &[usize], area: Area) -> Option<Layout> {
    search_beside(fitter, stories, area, &Beside::NONE)
}

/// [`search`] with hand-placed heads `beside` the area: of the layouts the search keeps, the one
/// cheapest with the heads it puts next to them.
pub fn search_beside(fitter: &Fitter, stories: &[usize], area: Area, beside: &Beside) -> Option<Layout> {
    search_with(fitter, stories, (area, beside), &mut Leaves::default())
}

/// [`search_beside`] with the leaves of the page's other searches ([`Leaves`]).
pub fn search_with(fitter: &Fitter, stories: &[usize], (area, beside): (Area, &Beside), leaves: &mut Leaves) -> Option<Layout> {
    let (found, _) = ranked(fitter, stories, (area, beside), Mode::Exact, leaves)?;
    if found.flaws.ladder() == 0 {
        return Some(found);
    }
    // A ladder: the search again with every strip priced ([`W_STRIP`]), its layout kept where
    // it costs less than the ladder so priced and has no ladder (a page whose copy fills it as
    // a ladder or with its stories side by side under smaller heads is set the second way).
    let priced = found.cost.saturating_add(found.flaws.strips * W_STRIP);
    match ranked(fitter, stories, (area, beside), Mode::Unladdered, leaves) {
        Some((l, _)) if l.cost < priced && l.flaws.ladder() == 0 => Some(l),
        _ => Some(found),
    }
}

/// [`search_beside`] with each story's copy missing its block as `mode` allows, and what each
/// misses it by.
fn ranked(fitter: &Fitter, stories: &[usize], (area, beside): (Area, &Beside), mode: Mode, leaves: &mut Leaves) -> Option<(Layout, Vec<(usize, Missed)>)> {
    let (layout, missed, (bounds, caps)) = ranked_heads(fitter, stories, (area, beside), mode, leaves)?;
    // Photo size by rank: the lead's picture is the page's largest. Where another story's is as
    // large (a tall picture two columns wide over the lead's wide one, two pictures the same
    // size), the search runs again with the lead's picture held over a size and every other
    // story's under it (a tighter or looser crop, a column narrower or wider, and the blocks to
    // suit), and keeps that layout where the lead's picture is then the largest, head size by
    // rank holds as well as before, and it costs at most [`W_PHOTO_RANK`] more per story whose
    // picture was as large. Not where the lead is hand-placed, or has no picture.
    let lead_of = |l: &Layout| if beside.lead_placed() { 0 } else { l.blocks.iter().find(|b| b.story == stories[0]).map_or(0, |b| b.photo_area) };
    let lead_photo = lead_of(&layout);
    let larger = |l: &Layout, lead: u32| l.blocks.iter().filter(|b| b.story != stories[0] && b.photo_area >= lead).count() as u32;
    let big = larger(&layout, lead_photo);
    if lead_photo == 0 || big == 0 {
        return Some((layout, missed));
    }
    // Heads as large as the lead's, or stories wider (head size by rank): no more than before.
    let format = fitter.format();
    let tier_of = |b: &Placed| format.block_tier(b.span, b.head_size);
    let unranked = |l: &Layout| -> usize {
        let Some(lead) = l.blocks.iter().find(|b| b.story == stories[0]) else { return 0 };
        l.blocks.iter().filter(|b| b.story != stories[0] && ((!b.vertical && b.span > lead.span) || printed_tier(format, b) <= tier_of(lead))).count()
    };
    let heads = unranked(&layout);
    // The size between: the lead's picture as it is (the others smaller), just over the largest
    // other's (the lead's larger), and halfway (both).
    let largest = layout.blocks.iter().filter(|b| b.story != stories[0]).map(|b| b.photo_area).max().unwrap_or(0);
    let mut sizes = vec![lead_photo, largest + 1, (lead_photo + largest + 1) / 2];
    sizes.sort_unstable();
    sizes.dedup();
    let most = layout.cost.saturating_add(big * W_PHOTO_RANK);
    let mut best: Option<(Layout, Vec<(usize, Missed)>)> = None;
    for size in sizes {
        let photo_caps: Vec<(u32, u32)> = (0..stories.len()).map(|i| if i == 0 { (size, u32::MAX) } else { (0, size - 1) }).collect();
        let below = best.as_ref().map_or(most.saturating_add(1), |(l, _)| l.cost);
        let found = search_within(fitter, stories, (area, beside), Limits { bounds: &bounds, caps: &caps, photo_caps: &photo_caps, miss: u32::MAX, below }, mode, leaves)
            .map(|(mut l, m)| {
                price_heads(fitter, stories, beside, &mut l);
                (l, m)
            })
            .filter(|(l, _)| l.cost < below && lead_of(l) > 0 && larger(l, lead_of(l)) == 0 && unranked(l) <= heads);
        crate::diag::log(&format!("photo rank: lead's picture {lead_photo}, {big} as large; all under {size}: {:?}", found.as_ref().map(|(l, _)| (l.cost, layout.cost))));
        best = found.or(best);
    }
    Some(best.unwrap_or((layout, missed)))
}

/// The size tier block `b`'s head prints at: its block's, or a size over it for a head set
/// vertically ([`crate::layout::galley::vertical_tier`]).
fn printed_tier(format: &Format, b: &Placed) -> usize {
    let tier = format.block_tier(b.span, b.head_size);
    if b.vertical {
        crate::layout::galley::vertical_tier(tier)
    } else {
        tier
    }
}

/// A layout with its heads over their copy's sizes ([`copy_caps`]) priced in, at [`W_BIG_HEAD`]
/// a size, and counted among its flaws.
fn price_heads(fitter: &Fitter, stories: &[usize], beside: &Beside, l: &mut Layout) {
    let caps = copy_caps(fitter, stories, beside);
    let format = fitter.format();
    let over: Vec<u32> = l.blocks.iter().map(|b| stories.iter().position(|&s| s == b.story).map_or(0, |i| caps[i]).saturating_sub(format.block_tier(b.span, b.head_size)) as u32).collect();
    l.cost = l.cost.saturating_add(over.iter().sum::<u32>() * W_BIG_HEAD);
    l.flaws.heads_over = over.iter().filter(|&&o| o > 0).count() as u32;
}

/// The page's cheapest layout with head size by rank ([`ranked`]), and the span bounds and head
/// caps it was searched with.
#[allow(clippy::type_complexity)]
fn ranked_heads(fitter: &Fitter, stories: &[usize], (area, beside): (Area, &Beside), mode: Mode, leaves: &mut Leaves) -> Option<(Layout, Vec<(usize, Missed)>, (Vec<(u32, u32)>, Vec<usize>))> {
    let bounds: Vec<(u32, u32)> = stories.iter().map(|&si| fitter.span_bounds(si)).collect();
    // Head size by copy: every story's head at most the size its copy's length warrants (the
    // format's `min_chars`; the page's lead excepted, where folio places it), at [`W_BIG_HEAD`]
    // a size over it. The search with heads as their spans give runs first (as before session
    // 34); where its layout has a head over its copy's size, or none places, the search with
    // every head held to it runs, and its layout is kept where it costs no more than that one
    // with the heads over priced in (a page whose copy fills it only under larger heads, or
    // whose heads are then side by side, keeps the larger).
    let placed_lead = beside.lead_placed();
    let copy_caps = copy_caps(fitter, stories, beside);
    let format = fitter.format();
    let tier_of = |b: &Placed| format.block_tier(b.span, b.head_size);
    // The sizes a layout's heads are over their copy's; its cost with those priced in, and the
    // heads over counted among its flaws (every layout this function gives is priced so; one
    // searched with the copy's caps has none).
    let cap_of = |si: usize| stories.iter().position(|&s| s == si).map_or(0, |i| copy_caps[i]);
    let over = |l: &Layout| -> u32 { l.blocks.iter().map(|b| cap_of(b.story).saturating_sub(tier_of(b)) as u32).sum() };
    let priced = |(mut l, m): (Layout, Vec<(usize, Missed)>)| {
        price_heads(fitter, stories, beside, &mut l);
        (l, m)
    };
    let free = search_within(fitter, stories, (area, beside), Limits { bounds: &bounds, caps: &[], photo_caps: &[], miss: u32::MAX, below: u32::MAX }, mode, leaves).map(priced);
    // (A layout with no head over is one the capped search would find: no search needed.)
    // The capped layout with no more of the other flaws than that one is kept at up to twice
    // the heads' price ([`W_BIG_HEAD`] a size over again): the 美编's head sizes are dearer
    // than the objective's softer terms (short columns, an L, a vertical head), not than a row
    // of heads or a long leg (session 34: 100 a size over for every layout set one more row,
    // long leg and orphan on 60 random pages).
    let capped = if copy_caps.iter().any(|&c| c > 0) && free.as_ref().is_none_or(|(l, _)| over(l) > 0) {
        let below = free.as_ref().map_or(u32::MAX, |(l, _)| l.cost.saturating_add(1));
        let flawless_below = free.as_ref().map_or(u32::MAX, |(l, _)| l.cost.saturating_add(1).saturating_add(over(l) * W_BIG_HEAD));
        let no_worse = |l: &Layout| free.as_ref().is_none_or(|(f, _)| l.flaws.no_more_but_heads(f.flaws));
        search_within(fitter, stories, (area, beside), Limits { bounds: &bounds, caps: &copy_caps, photo_caps: &[], miss: u32::MAX, below: flawless_below }, mode, leaves)
            .map(priced)
            .filter(|(l, _)| l.cost < below || (l.cost < flawless_below && no_worse(l)))
    } else {
        None
    };
    let (first, floor, first_caps) = match capped {
        Some(found) => (Some(found), copy_caps.clone(), copy_caps.clone()),
        None => (free, vec![0; stories.len()], Vec::new()),
    };
    // Head size by rank: a head's size follows its block's span (the format's `heads`), so the
    // lead's head is the page's largest when no other story is as wide as the lead. When the
    // cheapest layout has another head as large (or a story wider), the search runs again with
    // the others held at most as wide as the lead and their heads set a size under the lead's
    // where their span would give them as large a one, and keeps that layout unless it costs
    // more than [`W_RANK`] per story it changes.
    // Where the lead is hand-placed, every story placed is one of the others.
    let (layout, missed) = first?;
    let (lead, lead_tier) = match layout.blocks.first() {
        _ if placed_lead => (beside.lead_span, beside.lead_tier),
        Some(b) => (b.span, tier_of(b)),
        None => return Some((layout, missed, (bounds, first_caps))),
    };
    let others = if placed_lead { &layout.blocks[..] } else { &layout.blocks[1..] };
    let wide = others.iter().filter(|b| (!b.vertical && b.span > lead) || printed_tier(format, b) <= lead_tier).count() as u32;
    if wide == 0 || lead_tier + 1 >= format.spec.heads.len() {
        return Some((layout, missed, (bounds, first_caps)));
    }
    // The stories' span bounds and head caps by rank: the lead (where folio places it) within
    // `lead_spans`, every other story at most `width` wide with its head a size under `tier`.
    let by_rank = |(lead_lo, lead_hi): (u32, u32), width: u32, tier: usize| -> (Vec<(u32, u32)>, Vec<usize>) {
        let lead_here = |i: usize| i == 0 && !placed_lead;
        let spans = bounds.iter().enumerate().map(|(i, &(lo, hi))| if lead_here(i) { (lo.max(lead_lo), hi.min(lead_hi)) } else { (lo, hi.min(width)) }).collect();
        (spans, (0..stories.len()).map(|i| if lead_here(i) { 0 } else { (tier + 1).max(floor[i]) }).collect())
    };
    let (ranked_bounds, caps) = by_rank((lead, u32::MAX), lead, lead_tier);
    // Only a layout costing at most that is kept, so no part costing more is.
    let most = layout.cost.saturating_add(wide * W_RANK);
    let mut best = search_within(fitter, stories, (area, beside), Limits { bounds: &ranked_bounds, caps: &caps, photo_caps: &[], miss: u32::MAX, below: most.saturating_add(1) }, mode, leaves)
        .map(priced)
        .filter(|r| r.0.cost <= most)
        .map(|r| (r, (ranked_bounds.clone(), caps.clone())));
    // A wider lead, every other story at most as wide and its head a size under the lead's:
    // held to the first layout's lead width, the search above never tries one, which the copy
    // may fill better (a tabloid page of five stories placed its lead three columns wide beside
    // a vertical head at 362, and across the page at 71). Each width from the whole area's
    // (通栏) down, kept where it costs less than the best yet (which prunes the next).
    // (The advice's searches try the whole area's width only: each runs twice on a page.)
    let narrowest = if matches!(mode, Mode::Exact | Mode::Unladdered) { lead + 1 } else { area.columns };
    for width in (narrowest..=area.columns).rev().filter(|_| !placed_lead) {
        let tier = format.block_tier(width, None);
        if tier + 1 >= format.spec.heads.len() {
            continue;
        }
        let (wide_bounds, wide_caps) = by_rank((width, width), width, tier);
        // At most a story's rank's worth over the first layout: the bound prunes the search.
        let below = best.as_ref().map_or(layout.cost.saturating_add(W_RANK + 1).min(most.saturating_add(1)), |(r, _)| r.0.cost);
        if let Some(wider) = search_within(fitter, stories, (area, beside), Limits { bounds: &wide_bounds, caps: &wide_caps, photo_caps: &[], miss: u32::MAX, below }, mode, leaves).map(priced).filter(|r| r.0.cost < below) {
            best = Some((wider, (wide_bounds, wide_caps)));
        }
    }
    Some(match best {
        Some(((l, m), limits)) => (l, m, limits),
        None => (layout, missed, (bounds, first_caps)),
    })
}

/// Each story's head cap by its copy's length (the format's `min_chars`, [`Fitter::copy_tier`]):
/// the smallest tier of the format's head ladder its head may take, 0 (none) for the page's
/// lead where folio places it.
fn copy_caps(fitter: &Fitter, stories: &[usize], beside: &Beside) -> Vec<usize> {
    (0..stories.len()).map(|i| if i == 0 && !beside.lead_placed() { 0 } else { fitter.copy_tier(stories[i]) }).collect()
}

/// Cuts (and additions) that would give a page that places a better layout ([`advise`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    /// What to cut, story by story, in reading order.
    pub cuts: Vec<Cut>,
    /// What to add, story by story, in reading order: a story whose block in the better layout
    /// has room for more copy than it has.
    pub adds: Vec<Cut>,
    /// The page's flaws as placed.
    pub before: Flaws,
    /// Its flaws with the copy cut so.
    pub after: Flaws,
    /// The blocks the search would then choose.
    pub blocks: Vec<Placed>,
}

/// A cut (or an addition) [`advise`] asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The story (its index on the page).
    pub story: usize,
    /// Lines of its copy (a column wide) to take away (or add).
    pub lines: u32,
    /// About how many characters that is ([`cut_chars`]; for an addition, a column's
    /// characters a line).
    pub chars: u32,
    /// For a cut, where it starts ([`Fitter::tail_cut`]).
    pub start: Option<CutStart>,
}

/// For a page that places (`found`) but with flaws a 美编 would send back — heads side by side,
/// a photo set narrower than folio's default, a long leg, a widow or orphan, a head with almost
/// nothing under it — the cuts that would take some away: the same search in the same reading
/// order with a story's copy allowed over its block at [`W_CUT`] a line (at most a
/// [`MAX_CUT_SHARE`]th of its copy) — and, where cuts alone leave a flaw, over or short of
/// filling its block ([`Mode::Edits`]; kept over the cuts alone when it leaves less by
/// [`Flaws::weight`]) — kept only when the page it then finds has less of those flaws by
/// their weight and no more heads side by side ([`Flaws::better_than`]), and costs less than
/// `found` with its cuts and additions left out of the sum. Cutting a story by the lines given (its last lines'
/// characters, as set) makes its block of that layout exact, so the next search finds that
/// layout or a cheaper one; a story to lengthen is given a column's characters a line (the
/// desk writes about that much). `None` when there is nothing to mend, or no change mends it.
pub fn advise(fitter: &Fitter, (area, beside): (Area, &Beside), found: &Layout, leaves: &mut Leaves) -> Option<Advice> {
    if found.flaws.none() {
        return None;
    }
    let stories: Vec<usize> = found.blocks.iter().map(|b| b.story).collect();
    let advice = advise_cuts(fitter, (area, beside), found, &stories, leaves);
    // A lead shrunk that the cuts above leave so: the copy is far over the page; what to cut
    // for a lead across more than half of it.
    if found.flaws.lead_shrunk > 0 && advice.as_ref().is_none_or(|a| a.after.lead_shrunk > 0) {
        if let Some(design) = design_advice(fitter, (area, beside), found, &stories, leaves) {
            return Some(design);
        }
    }
    advice
}

/// [`advise`]'s cuts, or cuts and additions, or what fills a page short of copy.
fn advise_cuts(fitter: &Fitter, (area, beside): (Area, &Beside), found: &Layout, stories: &[usize], leaves: &mut Leaves) -> Option<Advice> {
    let stories = stories.to_vec();
    // The search for cuts and the one for cuts and additions run at once, on the page's leaves
    // so far (each on a core: a page's searches are otherwise single-threaded). The second is
    // wanted only where the cuts leave a flaw; where they leave none its work is thrown away,
    // which costs the other core's time, not the page's.
    let (mut a, mut b) = (leaves.branch(), leaves.branch());
    let (cuts, edits) = rayon::join(
        || advise_in(fitter, (area, beside), found, &stories, Mode::Cuts, &mut a),
        || advise_in(fitter, (area, beside), found, &stories, Mode::Edits, &mut b),
    );
    leaves.merge(a);
    leaves.merge(b);
    if cuts.as_ref().is_some_and(|a| a.after.none()) {
        return cuts;
    }
    // Cuts that leave a flaw (or none that mend any): cuts and additions may leave less.
    let edits = match (cuts, edits) {
        (Some(c), Some(e)) => Some(if e.after.weight() < c.after.weight() { e } else { c }),
        (c, e) => c.or(e),
    };
    // Heads larger than their copy warrants, or a photo widened, that the changes above leave:
    // the copy is short of the page under heads and photos of their sizes; what it must gain
    // (or lose) to fill it so.
    let short = |f: Flaws| f.heads_over > 0 || f.photos_widened > 0 || f.ladder() > 0;
    if short(found.flaws) && edits.as_ref().is_none_or(|a| short(a.after)) {
        if let Some(fill) = fill_advice(fitter, (area, beside), found, &stories, leaves) {
            return match edits {
                Some(e) if e.after.weight() <= fill.after.weight() => Some(e),
                _ => Some(fill),
            };
        }
    }
    edits
}

/// For a page placed with heads larger than their copy warrants ([`Flaws::heads_over`]) or a
/// first photo wider than folio's default ([`Flaws::photos_widened`]): the nearest layout with
/// every head held to its copy's size and no photo widened ([`nearest`] with the copy's caps,
/// [`Mode::Fill`]), its lines short (and over) as the additions (and cuts) that would fill the
/// page so — where that layout has fewer flaws by their weight and no more heads side by side.
fn fill_advice(fitter: &Fitter, (area, beside): (Area, &Beside), found: &Layout, stories: &[usize], leaves: &mut Leaves) -> Option<Advice> {
    let caps = copy_caps(fitter, stories, beside);
    let (layout, missed) = nearest_within(fitter, stories, (area, beside), &caps, Mode::Fill, leaves)?;
    let (cuts, adds) = changes(fitter, &missed);
    crate::diag::log(&format!("fill advice: placed with {:?}; cuts {:?}, additions {:?}: {:?}", found.flaws, cuts, adds, layout.flaws));
    (!(cuts.is_empty() && adds.is_empty()) && layout.flaws.better_than(found.flaws)).then(|| Advice { cuts, adds, before: found.flaws, after: layout.flaws, blocks: layout.blocks })
}

/// For a page placed with its lead shrunk ([`Flaws::lead_shrunk`]): the nearest layout with the
/// lead across more than half the area ([`nearest_within`] with its span so bounded,
/// [`Mode::Fill`]: a line missed at [`W_CUT`], no photo set wider), its lines over as the cuts
/// that would give the page so — where that layout has cuts to ask for and fewer flaws by
/// their weight, no more heads side by side. (Trial 43's 社会 page at 150 % of its copy: the
/// lead in 3 of 6 columns, and the advice now asks for the cut that gives it 4 or more.)
fn design_advice(fitter: &Fitter, (area, beside): (Area, &Beside), found: &Layout, stories: &[usize], leaves: &mut Leaves) -> Option<Advice> {
    let mut bounds: Vec<(u32, u32)> = stories.iter().map(|&si| fitter.span_bounds(si)).collect();
    bounds[0].0 = bounds[0].0.max(area.columns / 2 + 1);
    let (layout, missed) = nearest_bounded(fitter, stories, (area, beside), &bounds, &[], Mode::Fill, leaves)?;
    let (cuts, adds) = changes(fitter, &missed);
    crate::diag::log(&format!("design advice: placed with {:?}; cuts {:?}, additions {:?}: {:?}", found.flaws, cuts, adds, layout.flaws));
    (!cuts.is_empty() && layout.flaws.better_than(found.flaws)).then(|| Advice { cuts, adds, before: found.flaws, after: layout.flaws, blocks: layout.blocks })
}

/// The cuts and additions a layout's stories miss their blocks by (lines over: their last
/// lines' characters, [`cut_chars`]; lines short: a column's characters a line).
fn changes(fitter: &Fitter, missed: &[(usize, Missed)]) -> (Vec<Cut>, Vec<Cut>) {
    let format = fitter.format();
    let per_line = (format.column_pt / format.spec.body_size).round() as u32;
    let cuts = missed.iter().filter(|(_, m)| m.over > 0).map(|&(story, m)| tail_cut(fitter, story, m.over)).collect();
    let adds = missed.iter().filter(|(_, m)| m.short > 0).map(|&(story, m)| Cut { story, lines: m.short, chars: m.short * per_line, start: None }).collect();
    (cuts, adds)
}

/// [`advise`] with the copy allowed to miss its blocks as `mode` says.
fn advise_in(fitter: &Fitter, (area, beside): (Area, &Beside), found: &Layout, stories: &[usize], mode: Mode, leaves: &mut Leaves) -> Option<Advice> {
    let (layout, missed) = ranked(fitter, stories, (area, beside), mode, leaves)?;
    let (cuts, adds) = changes(fitter, &missed);
    crate::diag::log(&format!(
        "advice ({mode:?}): placed at {} with {:?}; with cuts {:?} and additions {:?} at {} with {:?}: {:?}",
        found.cost,
        found.flaws,
        cuts.iter().map(|c| (c.story, c.lines)).collect::<Vec<_>>(),
        adds.iter().map(|c| (c.story, c.lines)).collect::<Vec<_>>(),
        layout.cost,
        layout.flaws,
        layout.blocks.iter().map(|b| (b.story, b.column, b.span, b.top, b.height, b.head, b.photo_lines, b.cutout, b.vertical, b.head_size, b.squeeze)).collect::<Vec<_>>()
    ));
    // What the page then costs without its changes: less than as placed (a page the objective
    // calls worse is no better for losing a flaw).
    let change_cost: u32 = missed.iter().map(|(_, m)| m.cost(mode)).sum();
    let better = layout.cost.saturating_sub(change_cost) < found.cost && layout.flaws.better_than(found.flaws);
    (!(cuts.is_empty() && adds.is_empty()) && better).then(|| Advice { cuts, adds, before: found.flaws, after: layout.flaws, blocks: layout.blocks })
}

/// The nearest layout `near` of a page that does not place, or where it has flaws a 美编 sends
/// back ([`Flaws`]), the layout [`advise`] finds without them (or with fewer), and what each story
/// misses its block by there: so that the copy cut (and added) as the message then says places
/// in one round, not in a page with 碰题 and more advice (of 83 random tabloid pages told what
/// to cut or add, each change made exactly so, 30 placed clean after one round until session
/// 45, 59 since; after two rounds 74 and 79).
fn mended(fitter: &Fitter, (area, beside): (Area, &Beside), near: (Layout, Vec<(usize, Missed)>), leaves: &mut Leaves) -> (Layout, Vec<(usize, Missed)>) {
    if near.0.flaws.none() {
        return near;
    }
    // Only changes of the kinds the nearest layout asks for: a page over its space told to add
    // (the 副刊 page 23 characters over, told it was 290 short) reads as a contradiction.
    let (cuts, adds) = (near.1.iter().any(|m| m.1.over > 0), near.1.iter().any(|m| m.1.short > 0));
    let Some(advice) = advise(fitter, (area, beside), &near.0, leaves).filter(|a| (cuts || a.cuts.is_empty()) && (adds || a.adds.is_empty())) else { return near };
    crate::diag::log(&format!("nearest mended: {:?} for {:?}", near.0.flaws, advice.after));
    let mut missed: Vec<(usize, Missed)> = advice.cuts.iter().map(|c| (c.story, Missed { over: c.lines, short: 0 })).chain(advice.adds.iter().map(|c| (c.story, Missed { over: 0, short: c.lines }))).collect();
    missed.sort_by_key(|m| m.0);
    (Layout { blocks: advice.blocks, cost: near.0.cost, flaws: advice.after }, missed)
}

/// The characters to cut from the end of story `story` (its index on the page) for its copy to
/// be `lines` lines shorter: its last lines' characters as pass 1 set them, each counted (not
/// rounded: rounded up to ten, a cut took a narrow column's indented first line too, or left
/// the line before them a mark that then joins the line above).
pub fn cut_chars(fitter: &Fitter, story: usize, lines: u32) -> u32 {
    let format = fitter.format();
    let per_line = (format.column_pt / format.spec.body_size).round() as u32;
    fitter.tail_chars(story, lines).unwrap_or(lines * per_line)
}

/// The cut of story `story`'s last `lines` lines: from the last sentence end before them where
/// one ends on the line before ([`Fitter::tail_cut`]: the same lines go, and the story ends in
/// a whole sentence), else [`cut_chars`].
pub fn tail_cut(fitter: &Fitter, story: usize, lines: u32) -> Cut {
    match fitter.tail_cut(story, lines) {
        Some((chars, start)) => Cut { story, lines, chars, start: Some(start) },
        None => Cut { story, lines, chars: cut_chars(fitter, story, lines), start: None },
    }
}

/// A cut's place in a message: where it starts (its last paragraphs, a sentence's start, or
/// inside a sentence), as the desk finds it in the story; empty where it is not known.
pub fn cut_start_said(cut: &Cut) -> String {
    match &cut.start {
        Some(CutStart::Paragraphs { n, text }) => crate::tr!("place-cut-paragraphs", n = *n, text = text.as_str()),
        Some(CutStart::Sentence(text)) => crate::tr!("place-cut-sentence", text = text.as_str()),
        Some(CutStart::Within(text)) => crate::tr!("place-cut-within", lines = cut.lines, text = text.as_str()),
        None => String::new(),
    }
}

/// When no layout is exact ([`search`] gives none): the layout that misses by the fewest lines
/// — a story's copy may be over its block or short of filling it, at [`W_MISS`] a line — with,
/// for each story of it (its index on the page), the lines it misses by: what the editor must
/// cut or add for the page to come out. `None` when even that finds nothing (a head or photo
/// fits nowhere).
pub fn nearest(fitter: &Fitter, stories: &[usize], area: Area, beside: &Beside) -> Option<(Layout, Vec<(usize, Missed)>)> {
    nearest_with(fitter, stories, (area, beside), &mut Leaves::default())
}

/// [`nearest`] with the leaves of the page's other searches ([`Leaves`]).
pub fn nearest_with(fitter: &Fitter, stories: &[usize], (area, beside): (Area, &Beside), leaves: &mut Leaves) -> Option<(Layout, Vec<(usize, Missed)>)> {
    let found = nearest_within(fitter, stories, (area, beside), &[], Mode::Nearest, leaves);
    or_short(found, |caps| nearest_within(fitter, stories, (area, beside), caps, Mode::Short, leaves), &copy_caps(fitter, stories, beside))
}

/// The nearest layout `found`, or where it is short of copy, what a page of its stories lacks
/// with no strip and every head at its copy's size (`caps`), as a desk counts it — `short`'s
/// search ([`Mode::Short`]), where it finds one (a short page fills with heads set large and
/// deepened, stories across it: "140 characters short" where 2 000 were, a tabloid page of
/// four stories "370 short" where 1 350 were, until session 41).
fn or_short(found: Option<(Layout, Vec<(usize, Missed)>)>, short: impl FnOnce(&[usize]) -> Option<(Layout, Vec<(usize, Missed)>)>, caps: &[usize]) -> Option<(Layout, Vec<(usize, Missed)>)> {
    if found.as_ref().is_some_and(|(_, m)| m.iter().all(|(_, x)| x.over == 0)) {
        if let Some(s) = short(caps) {
            return Some(s);
        }
    }
    found
}

/// [`nearest_with`] with each story's head held to at least tier `caps[i]` of the format's
/// ladder (none where `caps` is empty), searched in `mode` ([`Mode::Nearest`],
/// [`Mode::Short`] or [`Mode::Fill`]).
fn nearest_within(fitter: &Fitter, stories: &[usize], (area, beside): (Area, &Beside), caps: &[usize], mode: Mode, leaves: &mut Leaves) -> Option<(Layout, Vec<(usize, Missed)>)> {
    let bounds: Vec<(u32, u32)> = stories.iter().map(|&si| fitter.span_bounds(si)).collect();
    nearest_bounded(fitter, stories, (area, beside), &bounds, caps, mode, leaves)
}

/// [`nearest_within`], each story's span within `bounds` (its `min_span` and `max_span`, or
/// narrower bounds).
fn nearest_bounded(fitter: &Fitter, stories: &[usize], (area, beside): (Area, &Beside), bounds: &[(u32, u32)], caps: &[usize], mode: Mode, leaves: &mut Leaves) -> Option<(Layout, Vec<(usize, Missed)>)> {
    // A search that lets every story miss its block by any number of lines finds nearly every
    // part of the page filled some way, so it prunes little (seconds on a broadsheet page of
    // eight stories). Held to `miss` lines a story it prunes like the exact search; the layout
    // it finds is the nearest of all when it costs no more than any layout with a story missing
    // by more could (each line costs W_MISS and no term is negative), else `miss` widens.
    let (mut miss, mut best) = (NEAREST_MISS, None);
    loop {
        // Nothing costing more than the layout found already is kept (each part of a layout
        // costs no more than the whole).
        let below = best.as_ref().map_or(u32::MAX, |(l, _): &(Layout, _)| l.cost.saturating_add(1));
        let found = search_within(fitter, stories, (area, beside), Limits { bounds, caps, photo_caps: &[], miss, below }, mode, leaves);
        crate::diag::log(&format!(
            "nearest: within {miss} lines a story, below {below}: {:?}",
            found.as_ref().map(|(l, m)| (l.cost, m, l.blocks.iter().map(|b| (b.story, b.column, b.span, b.top, b.height, b.head, b.photo_lines, b.cutout, b.vertical)).collect::<Vec<_>>()))
        ));
        if found.is_some() {
            best = found;
        }
        match best {
            Some((ref layout, _)) if layout.cost <= miss.saturating_add(1).saturating_mul(mode.miss()) => return best,
            _ if miss == u32::MAX => return best,
            // A layout within `miss` costing C: one nearer misses by fewer than C lines at a line's cost
            // a story, so the next search finds it (and nothing past it need be tried).
            Some((ref layout, _)) => miss = layout.cost.div_ceil(mode.miss()).saturating_sub(1).max(miss + 1),
            None => miss = if miss >= NEAREST_MISS << 3 { u32::MAX } else { miss * 2 },
        }
    }
}

/// [`nearest`] searched as it is defined: every story's copy allowed to miss its block by any
/// number of lines, nothing pruned for cost — what [`nearest_with`] finds faster (the tests hold
/// one to the other).
pub fn nearest_unpruned(fitter: &Fitter, stories: &[usize], area: Area, beside: &Beside) -> Option<(Layout, Vec<(usize, Missed)>)> {
    let bounds: Vec<(u32, u32)> = stories.iter().map(|&si| fitter.span_bounds(si)).collect();
    let every = |caps: &[usize], mode: Mode| search_within(fitter, stories, (area, beside), Limits { bounds: &bounds, caps, photo_caps: &[], miss: u32::MAX, below: u32::MAX }, mode, &mut Leaves::default());
    or_short(every(&[], Mode::Nearest), |caps| every(caps, Mode::Short), &copy_caps(fitter, stories, beside))
}

/// The lines a story's copy may miss its block by in the nearest layout's first search (see
/// [`nearest_with`]): widened while a layout missing by more could be nearer.
pub const NEAREST_MISS: u32 = 4;

/// [`search`] with each story's spans held within `bounds`, each story's copy missing its block
/// as `mode` allows; the page's `leaves` used and kept.
fn search_within(fitter: &Fitter, stories: &[usize], (area, beside): (Area, &Beside), Limits { bounds, caps, photo_caps, miss, below }: Limits, mode: Mode, leaves: &mut Leaves) -> Option<(Layout, Vec<(usize, Missed)>)> {
    if stories.is_empty() || area.columns == 0 || area.bottom <= area.top || bounds.iter().any(|(lo, hi)| lo > hi) {
        return None;
    }
    let (n, w, h) = (stories.len(), area.columns as usize, (area.bottom - area.top) as usize);
    let mut s = Search {
        fitter,
        stories,
        area,
        n,
        w,
        h,
        memo: vec![None; (n + 1) * (n + 1) * (w + 1) * (h + 1) * 2],
        leaves: vec![None; n * (w + 1) * (h + 1) * 2 * 3],
        bounds: bounds.to_vec(),
        mode,
        rows: mode.rows(),
        lead_placed: beside.lead_placed(),
        ruled_top: area.top > fitter.page_top(),
        caps: caps.to_vec(),
        photo_caps: photo_caps.to_vec(),
        miss,
        below,
        shared: std::mem::take(leaves),
        with_photos: std::iter::once(0).chain(stories.iter().scan(0, |k, &st| {
            *k += u32::from(fitter.photo_anchor(st).is_some());
            Some(*k)
        })).collect(),
        work: stories.iter().map(|&st| fit_work(fitter.copy_chars(st))).collect(),
    };
    let key = s.best(0, n, area.columns, area.bottom - area.top, true);
    // The kept layout cheapest with the hand-placed heads beside the area (the first on a tie).
    let chosen = s.cands(key).iter().enumerate().map(|(k, c)| (k, c.cost + beside.cost(area, &c.edges.left, &c.edges.right) * mode.rows())).min_by_key(|&(k, c)| (c, k));
    let found = chosen.map(|(which, cost)| {
        let mut placed = Vec::new();
        s.unfold(0, n, (area.column, area.top, area.columns, area.bottom - area.top), true, which, &mut placed);
        let missed = placed.iter().map(|u| (u.placed.story, u.missed)).collect();
        let flaws = flaws_of(fitter, area, beside, &placed);
        (Layout { blocks: placed.into_iter().map(|u| u.placed).collect(), cost, flaws }, missed)
    });
    // A search that finds nothing in the page's own order keeps its leaves: other orders follow
    // (not a search by rank, held to bounds and head sizes, after one that placed).
    if found.is_none() && mode == Mode::Exact && caps.is_empty() && !s.shared.keep {
        s.keep_leaves();
        s.shared.keep = true;
    }
    *leaves = std::mem::take(&mut s.shared);
    found
}

/// Most stories folio places on one page: the search grows with the cube of their number.
pub const MAX_STORIES: usize = 12;

/// Most work a page's searches may do (its search, other orders, the nearest layout, the
/// advice): fits of its stories, each weighed by its copy ([`fit_work`]). A broadsheet page of
/// eight stories does some 0.4 million; a page past this (session 42: four stories of 18 000
/// characters on a 24-column, 400-line poster grid searched for 47 s, with a photo each for
/// minutes) is refused, or placed without advice where only the advice is past it. Counted, not
/// timed: the same page is refused on any machine.
pub const MAX_WORK: u64 = 3_000_000;

/// Page `pi`'s `stories` refused: placing them on its `columns` × `lines` area is past the
/// work folio spends on a page ([`MAX_STEPS`] up front, [`MAX_WORK`] in the search).
fn too_much(edition: &Edition, pi: usize, stories: usize, columns: u32, lines: u32) -> Diagnostic {
    let page = edition.file.value.pages[pi].number;
    edition.file.error(edition.file.key_span(&["pages", pi.to_string().as_str(), "stories"], 0..0), crate::tr!("place-too-much", page = page, stories = stories, columns = columns, lines = lines))
        .hint(crate::tr!("place-too-many-hint"))
}

/// The work of one fit of a story of `chars` characters: a fit sets its copy's lines, a long
/// story's many (one of 18 000 characters about ten times a 1 000-character story's).
pub fn fit_work(chars: usize) -> u64 {
    1 + chars as u64 / 2000
}

/// Most steps the search may take on one page (runs of stories × sizes × cuts): about a second
/// on this machine kind. A page past it (many stories on a very fine grid) is refused up front,
/// never left to run for minutes.
pub const MAX_STEPS: u64 = 400_000_000;

/// What the placement chose on one page.
#[derive(Debug, Clone)]
pub struct PagePlacement {
    /// The page's index in the edition.
    pub page: usize,
    /// The blocks of the stories folio placed, in reading order.
    pub blocks: Vec<Placed>,
    /// Taken from the [`PlaceCache`]: nothing the search reads for this page changed since a
    /// search chose these blocks, so the page was not searched again.
    pub reused: bool,
    /// No layout kept the page's order (priority, then the list): the stories after the lead
    /// are read in another ([`other_orders`]), which `blocks` follow.
    pub reordered: bool,
    /// Cuts that would give the page a better layout ([`advise`]), where the session asked for
    /// them ([`PlaceCache::advise`]) and the page was searched.
    pub advice: Option<Advice>,
    /// The fits the page's searches made this time ([`Leaves::fitted`]; none when reused): in a
    /// session that keeps a page's fits ([`PlaceCache::keep_fits`]), a page searched again
    /// after one of its stories changed fits only that one again.
    pub fitted: usize,
}

/// The pages a session placed, kept across its rebuilds (`folio watch`, `folio serve`): a
/// page's blocks by a digest of everything its search reads — the page's format and free area,
/// its stories as loaded, the galley pieces pass 1 set for them and what pass 1 measured of
/// each, its photos' pixel sizes and `edition.toml`. A rebuild after an edit searches only the
/// pages whose digest changed; the search is deterministic, so a page taken from here is the
/// page a fresh build gives.
#[derive(Debug, Default)]
pub struct PlaceCache {
    /// A page's blocks and, where asked for, its [`Advice`].
    pages: std::collections::HashMap<[u8; 32], (Vec<Placed>, Option<Advice>)>,
    /// Each page searched is also asked what cuts would give it a better layout ([`advise`]):
    /// `folio place` and `folio check` ask; a build does not (a second search a page).
    pub advise: bool,
    /// Keep what each page's searches fitted for its next search ([`PageFits`]): a session
    /// that rebuilds as the editor works (`folio watch`, `folio serve`) sets it, so a page whose
    /// copy changed is searched again fitting only the stories that changed. (A single build
    /// would keep them for nothing: a page's first search keeps its fits only where it finds
    /// nothing in the page's order.)
    pub keep_fits: bool,
    /// Each page's fits by the digest of what every fit on the page reads but its stories
    /// ([`fits_context`]).
    fits: std::collections::HashMap<[u8; 32], PageFits>,
}

/// What a page's searches fitted, kept for its next search ([`PlaceCache::keep_fits`]), with
/// the digest of each of its stories as they were fitted ([`story_digests`]): a story whose
/// digest is the same is fitted the same, so its fits are taken; the others' are dropped.
#[derive(Default)]
struct PageFits {
    stories: Vec<[u8; 32]>,
    kept: Kept,
}

impl std::fmt::Debug for PageFits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageFits").field("stories", &self.stories.len()).field("kept", &self.kept.len()).finish()
    }
}

/// Debug output fed straight into a digest (no string the size of a page's measures).
struct Feed(sha2::Sha256);

impl std::fmt::Write for Feed {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        sha2::Digest::update(&mut self.0, s.as_bytes());
        Ok(())
    }
}

impl Feed {
    fn digest(write: impl FnOnce(&mut Feed)) -> [u8; 32] {
        let mut h = Feed(<sha2::Sha256 as sha2::Digest>::new());
        write(&mut h);
        sha2::Digest::finalize(h.0).into()
    }
}

/// The digest of what a fit of each of page `pi`'s stories reads of the story: the story as
/// loaded, the galley pieces pass 1 set for it and what pass 1 measured of each, and its
/// photos' pixel sizes. (Their Debug text, a few hundred kilobytes a page at every span, is
/// written on both cores: it is on a warm rebuild's path.)
fn story_digests(edition: &Edition, pass1: &crate::layout::compile::Pass1, pi: usize, photos: &[Vec<crate::input::photos::PhotoInfo>]) -> Vec<[u8; 32]> {
    use rayon::prelude::*;
    use std::fmt::Write;
    (0..edition.stories[pi].len())
        .into_par_iter()
        .map(|si| {
            Feed::digest(|h| {
                let _ = write!(h, "{:?}\u{1}{:?}\u{1}", edition.stories[pi][si].value, photos.get(si));
                if let Some(pieces) = pass1.galley.stories.get(pi).and_then(|p| p.get(si)) {
                    let _ = write!(h, "{pieces:?}\u{1}");
                    for i in pieces.items() {
                        let _ = write!(h, "{:?}\u{1}{:?}\u{1}", pass1.galley.items.get(i), pass1.measures.get(i));
                    }
                }
            })
        })
        .collect()
}

/// The digest of what every fit on page `pi` reads besides its stories: the page's format, the
/// free area and `edition.toml` (which lists each page's stories: a story's index on the page,
/// the fits' key, means the same story while it is the same).
fn fits_context(edition: &Edition, formats: &Formats, pi: usize, area: Area) -> [u8; 32] {
    use std::fmt::Write;
    Feed::digest(|h| {
        let _ = write!(h, "{:?}\u{1}{area:?}\u{1}{:?}\u{1}{pi}", edition.page_format(formats, pi), edition.file.value);
    })
}

/// The digest of what the search of page `pi` reads (see [`PlaceCache`]).
fn page_key(edition: &Edition, formats: &Formats, pass1: &crate::layout::compile::Pass1, pi: usize, unplaced: &[usize], (area, beside): (Area, &Beside), photos: &[Vec<crate::input::photos::PhotoInfo>]) -> [u8; 32] {
    page_key_of(edition, formats, pi, unplaced, (area, beside), &story_digests(edition, pass1, pi, photos))
}

/// [`page_key`] from the page's [`story_digests`].
fn page_key_of(edition: &Edition, formats: &Formats, pi: usize, unplaced: &[usize], (area, beside): (Area, &Beside), stories: &[[u8; 32]]) -> [u8; 32] {
    use std::fmt::Write;
    Feed::digest(|h| {
        let format = edition.page_format(formats, pi);
        let _ = write!(h, "{format:?}\u{1}{area:?}\u{1}{beside:?}\u{1}{unplaced:?}\u{1}{:?}\u{1}{stories:?}", edition.file.value);
    })
}

/// Place every story of `edition` that has no `[block]`: pass 1 once with every head and lead
/// box at every span, then, per page, the [`search`] over the page's free area — the type area
/// under the banner and masthead, below any block the editor placed by hand — the pages on all
/// cores, a page whose search reads what it read last time from `cache`. The chosen blocks
/// (and head areas and first photos' heights where the search changed them) are written into
/// `edition`, so the compile that follows lays the stories out there. When a page's stories do
/// not tile its area, the error says by about how many characters the copy is over or short.
pub fn place_edition(world: &mut FolioWorld, edition: &mut Edition, formats: &Formats, cache: &mut PlaceCache) -> Result<Vec<PagePlacement>, Diagnostics> {
    use rayon::prelude::*;
    if !edition.stories.iter().flatten().any(|s| s.value.unplaced()) {
        return Ok(Vec::new());
    }
    // The galley's templates read the colour route too; placement measures on the proofs' route.
    world.set_versioned(crate::layout::world::DataFile::Output, &crate::layout::compile::OutputOptions::default());
    let pass1 = crate::layout::compile::measure_galley(world, edition, formats, Spans::All)?;
    let infos = crate::input::photos::inspect_all(edition).map_err(Diagnostics)?;
    // A story across the centre spread (`across = true`): its block first, chosen with the
    // two pages around it; then it stands on both pages like a hand-placed 跨版 block.
    let across = place_across(edition, formats, &pass1, &infos, cache).map_err(|d| Diagnostics(vec![d]))?;
    if let Some(a) = &across {
        apply_block(edition, a.page, &a.placed);
    }
    // Each page with stories to place: searched, or taken from the cache.
    enum Job {
        Search { pi: usize, unplaced: Vec<usize>, area: Area, beside: Beside, key: [u8; 32], fits: Option<([u8; 32], PageFits)> },
        Reused(PagePlacement, [u8; 32], Option<([u8; 32], PageFits)>),
    }
    let t_jobs = std::time::Instant::now();
    let mut jobs = Vec::new();
    let mut errors = Vec::new();
    for pi in 0..edition.stories.len() {
        let unplaced = to_place(edition, pi);
        if unplaced.is_empty() {
            continue;
        }
        let spec = &edition.file.value.pages[pi];
        let page_top = edition.page_top(formats, pi);
        let Some(area) = free_area(edition, formats, pi, page_top) else {
            errors.push(edition.file.error(edition.file.key_span(&["pages", pi.to_string().as_str(), "stories"], 0..0), crate::tr!("place-not-rectangle", page = spec.number))
                .hint(crate::tr!("place-not-rectangle-hint")));
            continue;
        };
        let (n, w, h) = (unplaced.len() as u64, u64::from(area.columns), u64::from(area.bottom.saturating_sub(area.top)));
        // Each step's fits weigh as the stories' copy does ([`fit_work`]): long stories on a fine
        // grid are refused here, before any search.
        let work = unplaced.iter().map(|&si| fit_work(edition.stories[pi][si].value.text_chars())).sum::<u64>() / n.max(1);
        let steps = n * (n + 1) / 2 * w * h * 2 * n * (w + h) * work;
        if unplaced.len() > MAX_STORIES {
            errors.push(edition.file.error(edition.file.key_span(&["pages", pi.to_string().as_str(), "stories"], 0..0), crate::tr!("place-too-many", page = spec.number, stories = unplaced.len(), columns = w, lines = h, max = MAX_STORIES))
                .hint(crate::tr!("place-too-many-hint")));
            continue;
        }
        if steps > MAX_STEPS {
            errors.push(too_much(edition, pi, unplaced.len(), w as u32, h as u32));
            continue;
        }
        if let Some(story) = unplaced.iter().map(|&si| &edition.stories[pi][si]).find(|s| s.value.min_span.as_ref().is_some_and(|m| *m.get_ref() > area.columns)) {
            let min = story.value.min_span.as_ref().expect("found by its min_span");
            errors.push(story.error(min.span(), crate::tr!("place-min-span", page = spec.number, story = story.display.display(), min = *min.get_ref(), columns = area.columns))
                .hint(crate::tr!("place-min-span-hint", columns = area.columns)));
            continue;
        }
        let beside = beside_heads(edition, formats, &pass1, pi, area, &infos[pi]);
        crate::diag::log(&format!("beside page {pi}: {beside:?}"));
        let stories = story_digests(edition, &pass1, pi, &infos[pi]);
        let key = page_key_of(edition, formats, pi, &unplaced, (area, &beside), &stories);
        // The page's fits from its last search, where the session keeps them: those of the
        // stories that did not change.
        let fits = cache.keep_fits.then(|| {
            let context = fits_context(edition, formats, pi, area);
            let mut old = cache.fits.remove(&context).unwrap_or_default();
            old.kept.retain(|si| old.stories.get(si).is_some_and(|d| stories.get(si) == Some(d)));
            (context, PageFits { stories, kept: old.kept })
        });
        jobs.push(match cache.pages.get(&key) {
            Some((blocks, advice)) => Job::Reused(PagePlacement { page: pi, blocks: blocks.clone(), reused: true, reordered: blocks.iter().map(|b| b.story).ne(unplaced.iter().copied()), advice: advice.clone(), fitted: 0 }, key, fits),
            None => Job::Search { pi, unplaced, area, beside, key, fits },
        });
    }
    crate::diag::log(&format!("pages to place read in {:?}", t_jobs.elapsed()));
    // The pages' searches share nothing: one a core (each is single-threaded), in page order.
    let shared: &Edition = edition;
    let advising = cache.advise;
    type Done = (Result<(PagePlacement, [u8; 32]), Diagnostic>, Option<([u8; 32], PageFits)>);
    let done: Vec<Done> = jobs
        .into_par_iter()
        .map(|job| match job {
            Job::Reused(p, key, fits) => (Ok((p, key)), fits),
            Job::Search { pi, unplaced, area, beside, key, fits } => {
                let photos = infos[pi].iter().map(|v| v.iter().copied().map(Some).collect()).collect();
                let fitter = Fitter::new(shared, formats, &pass1.galley, &pass1.measures, pi, photos);
                let t = std::time::Instant::now();
                // The page's searches share their leaves (kept from the first order tried after
                // the list's: each story fitted to each rectangle once), and start from the fits
                // of its last search where the session keeps them.
                let (mut leaves, fits) = match fits {
                    Some((context, PageFits { stories, kept })) => (Leaves::from_kept(kept), Some((context, stories))),
                    None => (Leaves::default(), None),
                };
                let mut found = search_with(&fitter, &unplaced, (area, &beside), &mut leaves);
                let t_search = t.elapsed();
                // No layout keeps the stories' order: the stories after the lead in other
                // orders, the fewest moved first. (Each order's search costs a tenth of the
                // first: it has the first's leaves. Copy far over or short of its space places
                // in none of them, and is told what to cut after them.)
                if found.is_none() && unplaced.len() > 2 && !leaves.exhausted() {
                    found = search_orders(&fitter, &other_orders(shared, pi, &unplaced), (area, &beside), &mut leaves);
                }
                // Past the page's work (MAX_WORK): refused, whatever was found.
                let too_much = || too_much(shared, pi, unplaced.len(), area.columns, area.bottom.saturating_sub(area.top));
                crate::diag::log(&format!("placed page {} in {:?} (search {:?}, {} fits, work {})", shared.file.value.pages[pi].number, t.elapsed(), t_search, leaves.fitted(), leaves.work()));
                let result = match found {
                    _ if leaves.exhausted() => Err(too_much()),
                    Some(layout) => {
                        let layout = photos_up(&fitter, area, layout);
                        let reordered = layout.blocks.iter().map(|b| b.story).ne(unplaced.iter().copied());
                        let t = std::time::Instant::now();
                        // (Advice past the page's work is left out: it may be partial.)
                        let advice = if advising { advise(&fitter, (area, &beside), &layout, &mut leaves).filter(|_| !leaves.exhausted()) } else { None };
                        if advising {
                            crate::diag::log(&format!("advised page {} in {:?} (work {})", shared.file.value.pages[pi].number, t.elapsed(), leaves.work()));
                        }
                        Ok((PagePlacement { page: pi, blocks: layout.blocks, reused: false, reordered, advice, fitted: leaves.fitted() }, key))
                    }
                    None => {
                        // What the message asks of each story: the nearest layout in the page's order.
                        let near = nearest_with(&fitter, &unplaced, (area, &beside), &mut leaves).map(|near| mended(&fitter, (area, &beside), near, &mut leaves));
                        // A story dropped: the others in their order (one search each, on the
                        // leaves so far).
                        let mut places = |rest: &[usize]| search_with(&fitter, rest, (area, &beside), &mut leaves).is_some();
                        let said = no_tiling(shared, &fitter, shared.page_format(formats, pi), pi, &unplaced, area, near, &mut places);
                        // What to cut is not said from a search cut short.
                        Err(if leaves.exhausted() { too_much() } else { said })
                    }
                };
                let t = std::time::Instant::now();
                // (Fits of a search cut short are not kept for the next.)
                let exhausted = leaves.exhausted();
                let fits = fits.filter(|_| !exhausted).map(|(context, stories)| (context, PageFits { stories, kept: leaves.into_kept() }));
                if let Some((_, f)) = &fits {
                    crate::diag::log(&format!("page {}: {} fits kept for its next search ({:?})", shared.file.value.pages[pi].number, f.kept.len(), t.elapsed()));
                }
                (result, fits)
            }
        })
        .collect();
    let mut placements = Vec::new();
    let mut kept = std::collections::HashMap::new();
    // Only this build's pages' fits are kept, as their blocks are.
    let mut fits = std::collections::HashMap::new();
    for (d, page_fits) in done {
        fits.extend(page_fits);
        match d {
            Ok((p, key)) => {
                kept.insert(key, (p.blocks.clone(), p.advice.clone()));
                placements.push(p);
            }
            Err(e) => errors.push(e),
        }
    }
    // Only this build's pages are kept: the cache never grows past an edition.
    if let Some(a) = &across {
        kept.insert(a.key, (vec![a.placed], None));
    }
    cache.pages = kept;
    cache.fits = fits;
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    for placement in &placements {
        for b in &placement.blocks {
            apply_block(edition, placement.page, b);
        }
    }
    // The story across the spread is its page's first block (`folio place` prints and writes it).
    if let Some(Across { page, placed, reused, .. }) = across {
        match placements.iter_mut().find(|p| p.page == page) {
            Some(p) => {
                p.blocks.insert(0, placed);
                p.reused &= reused;
            }
            None => placements.push(PagePlacement { page, blocks: vec![placed], reused, reordered: false, advice: None, fitted: 0 }),
        }
        placements.sort_by_key(|p| p.page);
    }
    Ok(placements)
}

/// Give story `b.story` of page `pi` the block (and first photo's size, turned head) the
/// placement chose.
fn apply_block(edition: &mut Edition, pi: usize, b: &Placed) {
    let story = &mut edition.stories[pi][b.story].value;
    story.block = Some(Spanned::new(0..0, block_of(b)));
    if let (true, Some(photo)) = (b.photo_top, story.photos.first_mut()) {
        photo.row = Some(Spanned::new(0..0, 0));
        if let Some(c) = b.photo_column {
            photo.column = Some(Spanned::new(0..0, c));
        }
    }
    if let (Some(lines), Some(photo)) = (b.photo_lines, story.photos.first_mut()) {
        photo.height = Some(Spanned::new(0..0, lines));
    }
    if let (Some(span), Some(photo)) = (b.photo_span, story.photos.first_mut()) {
        photo.span = Some(Spanned::new(0..0, span));
    }
    if b.vertical {
        story.vertical = true;
    }
    if let (true, Some(photo)) = (b.raised, story.photos.first_mut()) {
        photo.above_head = Some(Spanned::new(0..0, true));
    }
}

/// The `[block]` of a placed story.
fn block_of(b: &Placed) -> Block {
    Block { column: b.column, span: b.span, top: b.top, height: Length::Lines(b.height), head: b.head, head_size: b.head_size, cutout: b.cutout.map(|(span, height)| Cutout { span, height }), squeeze: b.squeeze, text_columns: None }
}

/// `layout` with the first photo of each story whose block has another below it moved from
/// the copy's foot to its top, under its head (题下图, [`Placed::photo_top`]), where it may
/// stand there ([`Fitter::may_top_photo`]) and the story fits its block as well so: no line
/// more over or under, no hole, widow or orphan, long leg or sliver of copy more, and at least
/// [`MIN_COPY_OVER_PHOTO`] lines of copy under the photo in each of its columns (where the
/// photo would reach the block's foot, or an L's corner, it stands over the next story's head
/// again). At the copy's foot a story's picture stood straight over the head of the story
/// below, its caption on that head, and read as that story's (review 45b: two of three
/// editions). A block at the area's foot keeps its photo at the foot, as a page's last story
/// often does. The layout's blocks and cost are unchanged: only where the picture stands in
/// its block.
fn photos_up(fitter: &Fitter, area: Area, mut layout: Layout) -> Layout {
    for b in layout.blocks.iter_mut() {
        if b.raised || b.vertical || b.top + b.height >= area.bottom || !fitter.may_top_photo(b.story) {
            continue;
        }
        let block = block_of(b);
        let Some(base) = fitter.fit_as(b.story, &block, (0, b.photo_span), HeadSetting::AsFiled) else { continue };
        let delta = b.photo_lines.zip(base.photo_lines.first()).map_or(0, |(l, &d)| i64::from(l) - i64::from(d));
        let delta = i32::try_from(delta).unwrap_or(0);
        let Some(now) = fitter.fit_as(b.story, &block, (delta, b.photo_span), HeadSetting::AsFiled) else { continue };
        // Whether the photo may stand under the head as `up` has it.
        let good = |up: &Fit| -> bool {
            let under_photo = up.photo_cols.first().is_some_and(|&(c, sp)| (c..c + sp).all(|col| up.columns.get(col as usize).is_some_and(|&n| n >= MIN_COPY_OVER_PHOTO)));
            // In an L-shaped block, the photo ends with lines of copy to spare above the corner
            // where a single column of copy would run beside it: beside the corner's top, a
            // column of copy by a deep photo is a long leg (长腿) the foot did not have. With two
            // columns or more beside it, or none (the photo's edge on the corner's), it may
            // reach past the corner's top (eval page 9: the lead's 4-column picture in a
            // 6-column L with a 2-column corner stood at its copy's foot, on the head under it).
            let photo_foot = u32::from(b.top > area.top) + up.head_from + up.head_lines + up.photo_lines.first().copied().unwrap_or(0) + 1;
            let right = up.photo_cols.first().map_or(0, |&(c, sp)| b.span.saturating_sub(c + sp));
            let clear_of_corner = b.cutout.is_none_or(|(span, lines)| photo_foot + MIN_COPY_OVER_PHOTO <= b.height.saturating_sub(lines) || (right != 1 && right.checked_sub(span).is_some_and(|below| below != 1)));
            under_photo
                && up.overset <= now.overset
                && up.underset <= now.underset
                && up.hole <= now.hole
                && up.breaks <= now.breaks
                && !up.photos_outside
                && !up.head_short
                && !up.overcropped
                && thin_over_photo(up) <= thin_over_photo(&now)
                && leg_beside(up) <= leg_beside(&now)
                && clear_of_corner
        };
        // At the block's right edge first, narrower than the copy: the copy then starts in the
        // first column under the head. At the left edge, the first columns started under the
        // picture and the column beside it at the head, mid-sentence — the first words a reader
        // met under the head (reviews 47, 48 and 49: "the lead's copy jumps back up beside its
        // picture"). In a rectangle too since session 49 (until then in an L-shaped block only:
        // on the broadsheet sample's 8-column lead without blocks a test read a column two lines
        // short where the fit had it one — the test's reading: the column's last line, its full
        // stop hanging out, touched the next column's first, its opening quote hanging into the
        // gutter, and read as one line in neither column; the page has it one). Each edge fitted
        // only when tried, in turn; the left where the right does not fit as well.
        let edges: &[PhotoTop] = &[PhotoTop::Right, PhotoTop::Left];
        let chosen = edges.iter().find_map(|&at| {
            let up = fitter.fit_photo_on_top(b.story, &block, (delta, b.photo_span), at)?;
            let narrower = up.photo_cols.first().is_some_and(|&(c, sp)| c > 0 || sp < up.copy_span);
            let ok = good(&up) && (at == PhotoTop::Left || narrower);
            crate::diag::log(&format!("photo of story {} up at {at:?}: {ok} (copy under it {:?}, photo {:?} of {:?} lines, copy span {}, hole {} against {}, slack {} against {})", b.story, up.columns, up.photo_cols, up.photo_lines, up.copy_span, up.hole, now.hole, up.capacity.saturating_sub(up.lines), now.capacity.saturating_sub(now.lines)));
            ok.then(|| (at, up.photo_cols.first().map(|&(c, _)| c + 1)))
        });
        b.photo_top = chosen.is_some();
        b.photo_column = chosen.and_then(|(at, c)| (at == PhotoTop::Right).then_some(c).flatten());
    }
    layout
}

/// Page `pi`'s stories without a block, in reading order.
fn to_place(edition: &Edition, pi: usize) -> Vec<usize> {
    let mut unplaced: Vec<usize> = (0..edition.stories[pi].len()).filter(|&si| edition.stories[pi][si].value.unplaced()).collect();
    unplaced.sort_by_key(|&si| reading_rank(edition, pi, si));
    unplaced
}

/// The block folio chose for the story across the centre spread.
struct Across {
    /// The spread's left page (an index).
    page: usize,
    placed: Placed,
    /// Its cache key: the two pages as the choice read them.
    key: [u8; 32],
    /// Taken from the cache (the two pages unchanged since the last build).
    reused: bool,
}

/// How many lines deeper than the least it needs a band across the spread is tried.
const ACROSS_DEEPER: u32 = 2;

/// The block of the story that asks to run across the centre spread (`across = true`, on its
/// left page), with its page's index; `None` when no story asks. The candidates are every
/// block of the story's span bounds (default: more than a page's columns) that leaves each page
/// of the spread one rectangle: a band across both free areas' tops, as deep as its copy needs
/// (or up to [`ACROSS_DEEPER`] lines deeper), and a block the full depth of the areas over the
/// fold, from one column to all of each page's; each where the story fits as the search fits a
/// story alone (its photo and head area adjusted). Of those, the one whose two pages' searches
/// (the pages' other stories around it, which must fill what it leaves) cost least in all, the
/// first on a tie (bands before full-depth blocks, narrower on the left page first). Both free
/// areas must meet at the fold on the same lines.
fn place_across(edition: &Edition, formats: &Formats, pass1: &crate::layout::compile::Pass1, infos: &[Vec<Vec<crate::input::photos::PhotoInfo>>], cache: &PlaceCache) -> Result<Option<Across>, Diagnostic> {
    use rayon::prelude::*;
    let Some((l, r)) = crate::input::content::centre_spread(&edition.file.value) else { return Ok(None) };
    let asking: Vec<usize> = (0..edition.stories[l].len()).filter(|&si| edition.stories[l][si].value.asks_across()).collect();
    let Some(&si) = asking.first() else { return Ok(None) };
    let story = |si: usize| &edition.stories[l][si];
    let at = |si: usize| story(si).value.across.as_ref().map_or(0..0, |a| a.span());
    let (number, right) = (edition.file.value.pages[l].number, edition.file.value.pages[r].number);
    if let Some(&other) = asking.get(1) {
        return Err(story(other).error(at(other), crate::tr!("place-across-many", page = number, first = story(si).display.display()))
            .hint(crate::tr!("place-across-many-hint")));
    }
    let format = edition.page_format(formats, l);
    let areas = (free_area(edition, formats, l, edition.page_top(formats, l)), free_area(edition, formats, r, edition.page_top(formats, r)));
    let (Some(al), Some(ar)) = areas else {
        return Err(story(si).error(at(si), crate::tr!("place-across-areas", page = number, right = right)).hint(crate::tr!("place-across-areas-hint")));
    };
    if al.column + al.columns - 1 != format.columns || ar.column != 1 || al.top != ar.top || al.bottom != ar.bottom {
        return Err(story(si).error(at(si), crate::tr!("place-across-areas", page = number, right = right)).hint(crate::tr!("place-across-areas-hint")));
    }
    // The choice reads the two pages (their stories, measures, photos and free areas): unchanged
    // since the last build, it is the last build's.
    let key = {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for (q, area) in [(l, al), (r, ar)] {
            h.update(page_key(edition, formats, pass1, q, &to_place(edition, q), (area, &Beside::NONE), &infos[q]));
        }
        h.update(b"across");
        <[u8; 32]>::from(h.finalize())
    };
    if let Some(&placed) = cache.pages.get(&key).and_then(|(b, _)| b.first()) {
        return Ok(Some(Across { page: l, placed, key, reused: true }));
    }
    let photos = |pi: usize| -> Vec<Vec<Option<crate::input::photos::PhotoInfo>>> { infos[pi].iter().map(|v| v.iter().copied().map(Some).collect()).collect() };
    let fitter = Fitter::new(edition, formats, &pass1.galley, &pass1.measures, l, photos(l));
    let (min, max) = fitter.span_bounds(si);
    // Candidate rectangles for the story, in the order ties go by.
    let mut rects: Vec<Area> = Vec::new();
    let band = al.columns + ar.columns;
    if (min..=max).contains(&band) {
        let fits = |bottom: u32| search(&fitter, &[si], Area { column: al.column, columns: band, top: al.top, bottom }).is_some();
        if let Some(least) = (al.top + 2..=al.bottom).find(|&b| fits(b)) {
            rects.extend((least..=(least + ACROSS_DEEPER).min(al.bottom)).map(|bottom| Area { column: al.column, columns: band, top: al.top, bottom }));
        }
    }
    for j in 1..=al.columns {
        for k in 1..=ar.columns {
            let rect = Area { column: al.column + al.columns - j, columns: j + k, top: al.top, bottom: al.bottom };
            // (Both areas whole may already be the deepest band.)
            if (min..=max).contains(&(j + k)) && !rects.contains(&rect) {
                rects.push(rect);
            }
        }
    }
    // Each candidate: the story's block in it, and the two pages searched around it.
    let own: Vec<(Area, Layout)> = rects.iter().filter_map(|&rect| search(&fitter, &[si], rect).map(|own| (rect, own))).collect();
    let tried: Vec<Option<(u32, Placed)>> = own
        .par_iter()
        .map(|(rect, own)| {
            let placed = *own.blocks.first()?;
            let mut trial = edition.clone();
            apply_block(&mut trial, l, &placed);
            let mut cost = own.cost;
            for q in [l, r] {
                let unplaced = to_place(&trial, q);
                let area = free_area(&trial, formats, q, trial.page_top(formats, q));
                if unplaced.is_empty() {
                    // Nothing else on this page: the story must cover all of it.
                    let covered = if q == l { placed.column == al.column } else { placed.column + placed.span - 1 == format.columns + ar.columns };
                    if !(covered && rect.bottom == al.bottom) {
                        return None;
                    }
                    continue;
                }
                let area = area?;
                let beside = beside_heads(&trial, formats, pass1, q, area, &infos[q]);
                let fitter = Fitter::new(&trial, formats, &pass1.galley, &pass1.measures, q, photos(q));
                cost += search_beside(&fitter, &unplaced, area, &beside)?.cost;
            }
            Some((cost, placed))
        })
        .collect();
    let best = tried.into_iter().flatten().enumerate().min_by_key(|(k, (cost, _))| (*cost, *k)).map(|(_, (_, placed))| placed);
    if let Some(placed) = best {
        return Ok(Some(Across { page: l, placed, key, reused: false }));
    }
    // Nothing fits: with the story's block that leaves the two pages nearest to placing (the
    // fewest lines their stories miss their blocks by), what the page that does not place asks
    // of its stories, in characters — as for any page that does not place.
    let nearest_page = own
        .iter()
        .filter_map(|(_, layout)| {
            let placed = *layout.blocks.first()?;
            let mut trial = edition.clone();
            apply_block(&mut trial, l, &placed);
            let mut missed = 0u32;
            let mut first_failing = None;
            for q in [l, r] {
                let unplaced = to_place(&trial, q);
                if unplaced.is_empty() {
                    continue;
                }
                let area = free_area(&trial, formats, q, trial.page_top(formats, q))?;
                let beside = beside_heads(&trial, formats, pass1, q, area, &infos[q]);
                let fitter = Fitter::new(&trial, formats, &pass1.galley, &pass1.measures, q, photos(q));
                if search_beside(&fitter, &unplaced, area, &beside).is_some() {
                    continue;
                }
                let near = nearest(&fitter, &unplaced, area, &beside)?;
                missed += near.1.iter().map(|(_, m)| m.over + m.short).sum::<u32>();
                first_failing.get_or_insert((q, unplaced, area, near));
            }
            let (q, unplaced, area, near) = first_failing?;
            Some((missed, trial, q, unplaced, area, near, placed))
        })
        .min_by_key(|x| x.0);
    let Some((_, trial, q, unplaced, area, near, placed)) = nearest_page else {
        return Err(story(si).error(at(si), crate::tr!("place-across-none", page = number, right = right, story = story(si).display.display()))
            .hint(crate::tr!("place-across-none-hint")));
    };
    let fitter = Fitter::new(&trial, formats, &pass1.galley, &pass1.measures, q, photos(q));
    let name = story(si).display.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (first, last) = (placed.column, placed.column + placed.span - 1);
    // (Which story to drop is not searched here: the 跨版 story's block is the question.)
    Err(no_tiling(&trial, &fitter, trial.page_format(formats, q), q, &unplaced, area, Some(near), &mut |_| false)
        .hint(crate::tr!("place-across-nearest", story = name, page = number, right = right, first = first, last = last - format.columns, top = placed.top, lines = placed.height)))
}

/// Most other orders of a page's stories the search tries when the page's own order (priority,
/// then the list) does not tile its area ([`other_orders`]).
pub const MAX_REORDERS: usize = 24;
/// Of the other orders that place a page, how many the search compares (keeping the cheapest:
/// another order may place the page without a row of heads the first one has).
pub const REORDER_CHOICES: usize = 4;

/// The orders the search tries for page `pi`'s stories `unplaced` (in reading order) when that
/// order does not tile the area: the lead and every story with a `priority` keep their places
/// (the editor ranked them), the others are permuted — those last in the order first moved,
/// so the first orders tried change the least — up to [`MAX_REORDERS`] of them (every order
/// of up to four such stories).
pub fn other_orders(edition: &Edition, pi: usize, unplaced: &[usize]) -> Vec<Vec<usize>> {
    use itertools::Itertools;
    let fixed: Vec<bool> = unplaced.iter().enumerate().map(|(k, &si)| k == 0 || edition.stories[pi][si].value.priority.is_some()).collect();
    let free: Vec<usize> = unplaced.iter().zip(&fixed).filter(|(_, f)| !**f).map(|(&si, _)| si).collect();
    if free.len() < 2 {
        return Vec::new();
    }
    free.iter()
        .copied()
        .permutations(free.len())
        .skip(1)
        .take(MAX_REORDERS)
        .map(|p| {
            let mut moved = p.into_iter();
            unplaced.iter().zip(&fixed).map(|(&si, &f)| if f { si } else { moved.next().unwrap_or(si) }).collect()
        })
        .collect()
}

/// Of a page's other `orders` ([`other_orders`]), searched in turn, the first
/// [`REORDER_CHOICES`] that place, the cheapest of them (the earlier on a tie): another order may
/// place the page without a row of heads the first one has. The orders are searched a core's
/// worth at a time (a one-page edition has the machine to itself), sharing the page's `leaves`
/// read-only and adding theirs after each batch, so the first few are those one by one would
/// find and each story is fitted to each rectangle about once.
pub fn search_orders(fitter: &Fitter, orders: &[Vec<usize>], (area, beside): (Area, &Beside), leaves: &mut Leaves) -> Option<Layout> {
    use rayon::prelude::*;
    leaves.keep = true;
    let mut placing: Vec<Layout> = Vec::new();
    for batch in orders.chunks(rayon::current_num_threads().max(1)) {
        let branches: Vec<Leaves> = batch.iter().map(|_| leaves.branch()).collect();
        let searched: Vec<(Option<Layout>, Leaves)> = batch.par_iter().zip(branches).map(|(order, mut own)| (search_with(fitter, order, (area, beside), &mut own), own)).collect();
        for (layout, own) in searched {
            leaves.merge(own);
            placing.extend(layout);
        }
        if placing.len() >= REORDER_CHOICES {
            break;
        }
    }
    placing.into_iter().take(REORDER_CHOICES).min_by_key(|layout| layout.cost)
}

/// Each story of a page at the smallest area it fits in (its best span, as deep as its copy
/// needs; a story that fits nowhere, the whole area and the lines it overruns it by), against
/// the area's.
struct Needs {
    /// Story, and the grid cells (columns × lines) it needs at least.
    each: Vec<(usize, Option<u32>)>,
    /// Cells needed in all less the area's.
    over: i64,
    /// A line per story and column: within it the sums cannot tell whether the copy is over or
    /// short.
    margin: i64,
}

/// What `stories` need of `area` ([`Needs`]).
fn area_needs(fitter: &Fitter, stories: &[usize], area: Area) -> Needs {
    let lines = area.bottom - area.top;
    let smallest = |si: usize| -> Option<u32> {
        let (min, max) = fitter.span_bounds(si);
        (min.max(1)..=area.columns.min(max))
            .filter_map(|span| {
                (1..=lines).find_map(|h| fitter.fit(si, &area.block(span, h)).filter(|f| f.overset == 0 && !f.head_short && !f.photos_outside).map(|_| span * h))
            })
            .min()
    };
    let space = area.columns * lines;
    let full = area.block(area.columns, lines);
    let each: Vec<(usize, Option<u32>)> = stories.iter().map(|&si| (si, smallest(si).or_else(|| fitter.fit(si, &full).map(|f| space + f.overset.max(1))))).collect();
    let total: u32 = each.iter().map(|(_, n)| n.unwrap_or(space + 1)).sum();
    Needs { each, over: i64::from(total) - i64::from(space), margin: (stories.len() as i64) * i64::from(area.columns) }
}

/// Story `si`'s place in page `pi`'s reading order: its `priority` (1 = the lead), a story
/// without one ranking at its place in the page's list (the second listed is 2); on a tie the
/// story the editor gave a priority first, then as the page lists them. (Until session 26 every
/// story with a priority came before every one without: `priority = 2` on the fifth story
/// made it the page's lead.)
pub fn reading_rank(edition: &Edition, pi: usize, si: usize) -> (u32, u8, usize) {
    let listed = u32::try_from(si).unwrap_or(u32::MAX).saturating_add(1);
    match edition.stories[pi][si].value.priority.as_ref() {
        Some(p) => (*p.get_ref(), 0, si),
        None => (listed, 1, si),
    }
}

/// The rectangle of page `pi`'s type area (under `page_top`) that no hand-placed block takes:
/// the page's own stories' blocks, continuation blocks (转版) of stories on other pages, and the
/// right-hand part of a story across the centre spread (跨版). `None` when what is left is not
/// one rectangle (or nothing is left).
fn free_area(edition: &Edition, formats: &Formats, pi: usize, page_top: u32) -> Option<Area> {
    let format = edition.page_format(formats, pi);
    let (cols, lines) = (format.columns as usize, format.lines as usize);
    let mut taken = vec![vec![false; lines]; cols];
    let mut take = |c0: u32, span: u32, top: u32, height: u32| {
        for c in c0.saturating_sub(1)..(c0.saturating_sub(1) + span).min(cols as u32) {
            for l in top..(top + height).min(lines as u32) {
                taken[c as usize][l as usize] = true;
            }
        }
    };
    let number = edition.file.value.pages[pi].number;
    let spread = crate::input::content::centre_spread(&edition.file.value);
    for (qi, stories) in edition.stories.iter().enumerate() {
        let qformat = edition.page_format(formats, qi);
        for story in stories {
            if let Some(b) = &story.value.block {
                let b = b.get_ref();
                let h = block_lines(b, qformat);
                if qi == pi {
                    // An L-shaped block leaves its corner free.
                    match b.cutout_rect(qformat) {
                        Some((cc, _, ct, _)) => {
                            take(b.column, b.span, b.top, ct.saturating_sub(b.top));
                            take(b.column, cc.saturating_sub(b.column), ct, (b.top + h).saturating_sub(ct));
                        }
                        None => take(b.column, b.span, b.top, h),
                    }
                } else if spread == Some((qi, pi)) && b.column + b.span - 1 > qformat.columns {
                    take(1, b.column + b.span - 1 - qformat.columns, b.top, h);
                }
            }
            for jump in story.value.jumps.iter().map(|j| j.get_ref()).filter(|j| j.page == number) {
                let jb = Block { column: jump.column, span: jump.span, top: jump.top, height: jump.height, head: None, head_size: None, cutout: None, squeeze: None, text_columns: None };
                take(jump.column, jump.span, jump.top, block_lines(&jb, format));
            }
        }
    }
    let free: Vec<(usize, usize)> = (0..cols).flat_map(|c| (page_top as usize..lines).map(move |l| (c, l))).filter(|&(c, l)| !taken[c][l]).collect();
    let (c0, c1) = (free.iter().map(|f| f.0).min()?, free.iter().map(|f| f.0).max()?);
    let (l0, l1) = (free.iter().map(|f| f.1).min()?, free.iter().map(|f| f.1).max()?);
    let rectangle = free.len() == (c1 - c0 + 1) * (l1 - l0 + 1);
    rectangle.then_some(Area { column: c0 as u32 + 1, columns: (c1 - c0 + 1) as u32, top: l0 as u32, bottom: l1 as u32 + 1 })
}

/// The heads of hand-placed blocks beside page `pi`'s free `area` (see [`Beside`]): the page's
/// own stories' (a head across its block's top, a vertical head down its first column), the
/// part of a story across the centre spread (跨版) on this page, and the heads of continuation
/// blocks (转版) here. A head's lines are the editor's `head = N` less its blank line, or what
/// pass 1 measured, under the rule line of a block below the page's top and under a photo the
/// editor set above the head (题上图: its depth as the layout core gives it, from the page's
/// `photos`' pixel sizes).
fn beside_heads(edition: &Edition, formats: &Formats, pass1: &crate::layout::compile::Pass1, pi: usize, area: Area, photos: &[Vec<crate::input::photos::PhotoInfo>]) -> Beside {
    let format = edition.page_format(formats, pi);
    let (left_edge, right_edge) = (area.column.saturating_sub(1), area.column + area.columns);
    let text_lines = |item: Option<usize>| item.and_then(|i| pass1.measures.get(i)).map_or(1, |m| format.lines_for(m.height).max(1));
    let mut out = Beside::default();
    // The span of the hand-placed story first in reading order, with its rank.
    let mut lead: Option<((u32, u8, usize), u32, usize)> = None;
    // A head on columns `first..=last` at lines `top..top + lines`; `across`: over the whole
    // block (else down its first column only).
    let page_top = edition.page_top(formats, pi);
    // A hand-placed story of this page with a photo above its head: its head's lines start
    // under the picture.
    let fitter = edition.stories[pi].iter().any(|s| s.value.photos.iter().any(|p| p.is_above_head())).then(|| {
        Fitter::new(edition, formats, &pass1.galley, &pass1.measures, pi, photos.iter().map(|v| v.iter().copied().map(Some).collect()).collect())
    });
    let head_from = |si: usize, b: &Block| -> u32 {
        match &fitter {
            Some(f) if edition.stories[pi][si].value.photos.iter().any(|p| p.is_above_head()) => f.fit(si, b).map_or(0, |fit| fit.head_from),
            _ => 0,
        }
    };
    let mut add = |first: u32, last: u32, (top, under): (u32, u32), lines: u32, across: bool| {
        // Under the rule a block below the page's top starts with (and `under` lines more).
        let from = top + u32::from(top > page_top) + under;
        let at = (from, from + lines);
        if across && last == left_edge {
            out.left.push(at);
        }
        if first == right_edge {
            if across { out.right.push(at) } else { out.right_vertical.push(at) }
        }
    };
    let number = edition.file.value.pages[pi].number;
    let spread = crate::input::content::centre_spread(&edition.file.value);
    let first_free = (0..edition.stories[pi].len()).filter(|&si| edition.stories[pi][si].value.unplaced()).map(|si| reading_rank(edition, pi, si)).min();
    for (qi, stories) in edition.stories.iter().enumerate() {
        let qformat = edition.page_format(formats, qi);
        for (si, story) in stories.iter().enumerate() {
            let pieces = pass1.galley.stories.get(qi).and_then(|p| p.get(si));
            if let Some(b) = story.value.block.as_ref().filter(|_| !story.value.unplaced()) {
                let b = b.get_ref();
                let lines = b.head.filter(|&h| h > 1).map_or_else(|| text_lines(pieces.map(|p| p.head)), |h| h - 1);
                let vertical = story.value.vertical && b.span > 1;
                if qi == pi {
                    add(b.column, b.column + b.span - 1, (b.top, head_from(si, b)), lines, !vertical);
                    let rank = reading_rank(edition, pi, si);
                    if first_free.is_some_and(|f| rank < f) && lead.is_none_or(|(r, _, _)| rank < r) {
                        lead = Some((rank, b.span, crate::layout::galley::head_tier(&story.value, qformat, b.span)));
                    }
                } else if spread == Some((qi, pi)) && b.column + b.span - 1 > qformat.columns {
                    add(1, b.column + b.span - 1 - qformat.columns, (b.top, 0), lines, true);
                    // The story across the gutter leads both pages of the spread.
                    lead = Some(((0, 0, 0), b.span, crate::layout::galley::head_tier(&story.value, qformat, b.span)));
                }
            }
            for (k, jump) in story.value.jumps.iter().map(|j| j.get_ref()).enumerate().filter(|(_, j)| j.page == number) {
                add(jump.column, jump.column + jump.span - 1, (jump.top, 0), text_lines(pieces.and_then(|p| p.jumpheads.get(k).copied())), true);
            }
        }
    }
    drop(add);
    Beside { lead_span: lead.map_or(0, |(_, span, _)| span), lead_tier: lead.map_or(0, |(_, _, tier)| tier), ..out }
}

/// What the nearest layout asks to add to a poem (verse: a desk adds no lines to a poem) asked
/// of the page's first story of prose instead (`stories` in rank order), added to what it asks
/// of that story already; where every story is verse, as it was. A cut stays with the poem (its
/// last lines: 染成一株芦苇): the nearest layout is one of whole blocks, and a cut asked of
/// another story leaves the poem's block as over as it was — a desk that followed such advice
/// was told the same again however much it cut (session 40).
fn prose_asks(asks: Vec<(usize, i64, i64)>, stories: &[usize], verse: impl Fn(usize) -> bool) -> Vec<(usize, i64, i64)> {
    let Some(&prose) = stories.iter().find(|&&si| !verse(si)) else { return asks };
    let mut add = 0;
    let mut out: Vec<(usize, i64, i64)> = Vec::new();
    for (si, c, a) in asks {
        if verse(si) {
            add += a;
            if c > 0 {
                out.push((si, c, 0));
            }
        } else {
            out.push((si, c, a));
        }
    }
    if add > 0 {
        match out.iter_mut().find(|x| x.0 == prose) {
            Some(x) => x.2 += add,
            None => out.insert(0, (prose, 0, add)),
        }
    }
    out
}

/// Why a page's stories do not tile its area, in characters: each story at the smallest area it
/// fits in (its best span, as deep as its copy needs), against the area's, and what the nearest
/// layout in their order (`near`, [`nearest`]) asks of each; where the copy is over, the story a
/// desk would drop — the lowest-ranked, never the lead — whose going lets the others place
/// (`places` says whether a set of stories places).
fn no_tiling(edition: &Edition, fitter: &Fitter, format: &Format, pi: usize, stories: &[usize], area: Area, near: Option<(Layout, Vec<(usize, Missed)>)>, places: &mut dyn FnMut(&[usize]) -> bool) -> Diagnostic {
    let lines = area.bottom - area.top;
    let number = edition.file.value.pages[pi].number;
    let file = &edition.file;
    let index = pi.to_string();
    let at = file.key_span(&["pages", index.as_str(), "stories"], 0..0);
    // A story with no copy fills no block.
    if let Some(&si) = stories.iter().find(|&&si| fitter.fit(si, &area.block(area.columns, lines)).is_some_and(|f| f.lines == 0)) {
        let story = &edition.stories[pi][si];
        return file.error(at, crate::tr!("place-no-copy", page = number, story = story.display.display()))
            .hint(crate::tr!("place-no-copy-hint"));
    }
    // A story that fits nowhere needs the whole area and the lines that overrun it there.
    let Needs { each: needs, over, margin } = area_needs(fitter, stories, area);
    let chars_per_line = (format.column_pt / format.spec.body_size).round() as i64;
    // Within a line per story and column the sums cannot tell: the arrangement is the problem.
    let diff = if over > 0 || over < -margin { over * chars_per_line } else { 0 };
    let name = |si: usize| edition.stories[pi][si].display.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    // What the nearest layout asks of each story, in characters: for lines over, the characters
    // of the story's last lines as set (cutting them from its end takes those lines away), up
    // to ten; for lines short, a column's characters a line.
    // Each story's cut, with where it starts ([`tail_cut`]).
    let cuts: Vec<Cut> = near.as_ref().map_or_else(Vec::new, |(_, missed)| missed.iter().filter(|(_, m)| m.over > 0).map(|&(si, m)| tail_cut(fitter, si, m.over)).collect());
    let cut_of = |si: usize| cuts.iter().find(|c| c.story == si);
    let cut_chars = |si: usize| -> i64 { cut_of(si).map_or(0, |c| i64::from(c.chars)) };
    // Each story of the nearest layout that misses its block: (story, characters to cut, to add).
    let asks: Option<Vec<(usize, i64, i64)>> = near
        .map(|(_, missed)| missed.into_iter().filter(|(_, m)| m.over + m.short > 0).map(|(si, m)| (si, if m.over > 0 { cut_chars(si) } else { 0 }, i64::from(m.short) * chars_per_line)).collect::<Vec<_>>())
        .filter(|a| !a.is_empty())
        .map(|a| prose_asks(a, stories, |si| edition.stories[pi][si].value.verse));
    let (cut_total, add_total) = asks.as_ref().map_or((0, 0), |a| (a.iter().map(|x| x.1).sum::<i64>(), a.iter().map(|x| x.2).sum::<i64>()));
    // Adds first where the page is short, cuts first otherwise.
    let fix = |adds_first: bool| -> Option<String> {
        let asks = asks.as_ref()?;
        let sep = crate::tr!("place-list-sep");
        // A cut of most of a story is a story to drop: said so, with what it has (session 41:
        // "cut about 424 characters from gaotie", a story of 460, left a head over a sentence).
        let has = |si: usize| edition.stories[pi][si].value.text_chars() as i64;
        let cut: Vec<String> = asks
            .iter()
            .filter(|x| x.1 > 0)
            .map(|&(si, chars, _)| {
                let total = has(si);
                // Its last lines as set may count more than its text (review 47: "519 … of its
                // 517"): a cut of all of it is the story dropped.
                if chars >= total {
                    crate::tr!("place-fix-from-all", story = name(si), total = total)
                } else if chars * 10 >= total * 6 {
                    crate::tr!("place-fix-from-most", chars = chars, story = name(si), total = total)
                } else {
                    crate::tr!("place-fix-from-at", chars = chars, story = name(si), at = cut_of(si).map(cut_start_said).unwrap_or_default().as_str())
                }
            })
            .collect();
        let add: Vec<String> = asks.iter().filter(|x| x.2 > 0).map(|&(si, _, chars)| crate::tr!("place-fix-to", chars = chars, story = name(si))).collect();
        let mut parts = Vec::new();
        if !cut.is_empty() {
            parts.push(crate::tr!("place-fix-cut", list = cut.join(&sep)));
        }
        if !add.is_empty() {
            parts.push(crate::tr!("place-fix-add", list = add.join(&sep)));
        }
        if adds_first {
            parts.reverse();
        }
        Some(parts.join(&crate::tr!("place-fix-sep")))
    };
    // The nearest layout's count, where there is one: it is an arrangement the page can have
    // (over where it asks more cut than added, short where more added).
    let diff = if asks.is_some() { cut_total - add_total } else { diff };
    let bounded = |si: usize| edition.stories[pi].get(si).is_some_and(|s| s.value.min_span.is_some() || s.value.max_span.is_some());
    let widen = || if stories.iter().any(|&si| bounded(si)) { crate::tr!("place-widen-span") } else { String::new() };
    let (message, hint) = if diff > 0 {
        let mut by_size: Vec<&(usize, Option<u32>)> = needs.iter().collect();
        // The largest stories first: they are where a cut costs least.
        by_size.sort_by_key(|(si, n)| (std::cmp::Reverse(n.unwrap_or(u32::MAX)), *si));
        let cut: Vec<String> = by_size.iter().take(2).map(|(si, _)| name(*si)).collect();
        // The story to drop: the lowest-ranked whose going lets the others place; where none
        // alone does, the two lowest-ranked whose going does, of the last three (a desk drops
        // the weakest; "drop a story" where none was enough sent it round again: session 41).
        let without = |gone: &[usize]| stories.iter().copied().filter(|x| !gone.contains(x)).collect::<Vec<_>>();
        let gone = stories.iter().skip(1).rev().copied().find(|&si| places(&without(&[si])));
        let drop = match gone {
            Some(si) => crate::tr!("place-drop-story", story = name(si)),
            None => {
                let last: Vec<usize> = stories.iter().skip(1).rev().take(3).copied().collect();
                let pairs = [(0, 1), (0, 2), (1, 2)].into_iter().filter_map(|(a, b)| Some((*last.get(b)?, *last.get(a)?)));
                match pairs.into_iter().find(|&(a, b)| stories.len() > 3 && places(&without(&[a, b]))) {
                    Some((a, b)) => crate::tr!("place-drop-two", first = name(a), second = name(b)),
                    None => crate::tr!("place-drop-any"),
                }
            }
        };
        (
            crate::tr!("place-over", page = number, stories = stories.len(), chars = diff, columns = area.columns, lines = lines),
            match fix(false) {
                Some(fix) => crate::tr!("place-over-nearest-hint", fix = fix.as_str(), drop = drop.as_str()),
                None => crate::tr!("place-over-hint", chars = diff, from = cut.join(&crate::tr!("place-and")), drop = drop.as_str()),
            },
        )
    } else if diff < 0 {
        (
            crate::tr!("place-short", page = number, stories = stories.len(), chars = -diff, columns = area.columns, lines = lines),
            match fix(true) {
                Some(fix) => crate::tr!("place-short-nearest-hint", fix = fix.as_str()),
                None => crate::tr!("place-short-hint", chars = -diff),
            },
        )
    } else {
        (
            crate::tr!("place-no-arrangement", page = number, stories = stories.len()),
            match fix(false) {
                Some(fix) => crate::tr!("place-no-arrangement-nearest-hint", fix = fix.as_str(), widen = widen()),
                None => crate::tr!("place-no-arrangement-hint", widen = widen()),
            },
        )
    };
    // Short, with many stories of a paragraph or two: a column of briefs (简讯), one story of
    // `briefs = true`, is what a desk makes of them, not a page of heads (the 美编's ten
    // 80-character items on a broadsheet page, told to add 1 450 characters to one of them).
    let short_items: Vec<String> = stories
        .iter()
        .skip(1)
        .copied()
        .filter(|&si| brief_item(&edition.stories[pi][si].value))
        .map(name)
        .collect();
    // Short, with a column of briefs to make: that first (review 45's ten briefs were told
    // first to add 1 130 characters to one of them).
    let briefs = diff < 0 && short_items.len() >= BRIEFS_AT_LEAST;
    let mut d = if briefs { file.error(at, message).hint(crate::tr!("place-as-briefs", list = short_items.join(&crate::tr!("place-list-sep")))).hint(hint) } else { file.error(at, message).hint(hint) };
    // A story told to lose more than a page column's worth several times over: a desk continues
    // it on a later page (转版), which folio does not choose itself (review 45: 6 000 characters
    // with a photo, told to cut 2 905, and nothing said of a jump).
    let column_chars = i64::from(lines) * chars_per_line;
    for &(si, chars, _) in asks.iter().flatten().filter(|x| x.1 >= 2 * column_chars) {
        d = d.hint(crate::tr!("place-jump", story = name(si), chars = chars));
    }
    // A story held narrow by its `max_span` and told to lose much of its copy: the bound is
    // the cause (review 45: 965 characters of 1 494 to cut at `max_span = 1`, 10 without it),
    // also where the page is short as a whole.
    for &(si, chars, _) in asks.iter().flatten().filter(|x| x.1 > 0) {
        let story = &edition.stories[pi][si];
        let Some(bound) = story.value.max_span.as_ref() else { continue };
        let most = *bound.get_ref();
        if most < area.columns && chars * 10 >= story.value.text_chars() as i64 * 3 {
            // Where the bound is: the file and its line, as the editor opens it.
            let line = story.source.get(..bound.span().start).map_or(1, |s| s.matches('\n').count() + 1);
            let at = format!("{}:{line}", story.display.display());
            d = d.hint(crate::tr!("place-max-span-cut", story = name(si), most = most, chars = chars, at = at));
        }
    }
    d
}

/// Fewest characters of copy a story has that a short page does not name among those to set
/// as one column of briefs ([`BRIEFS_AT_LEAST`]).
pub const BRIEF_CHARS: usize = 250;
/// Fewest such stories on a page short of copy for folio to name them as a column of briefs.
pub const BRIEFS_AT_LEAST: usize = 4;

/// Whether a story may be named among those to set as one column of briefs: fewer than
/// [`BRIEF_CHARS`] characters, not a column of briefs already, and no photo (a column of briefs
/// carries none: review 49 was told to set a story with its picture as a brief).
pub fn brief_item(story: &Story) -> bool {
    !story.briefs && story.photos.is_empty() && story.text_chars() < BRIEF_CHARS
}

#[cfg(test)]
mod tests {
    use super::Flaws;

    #[test]
    fn the_advice_trades_flaws_by_their_weight_never_for_more_heads_side_by_side() {
        let f = |heads, narrowed, breaks, lead| Flaws { heads_side_by_side: heads, photos_narrowed: narrowed, breaks, lead_narrow: lead, ..Flaws::default() };
        // Two rows of heads and an orphan for a photo a column narrower (a trial page of
        // session 25 kept both rows: the rule was "fewer of some and no more of any").
        assert!(f(0, 1, 0, 0).better_than(f(2, 0, 1, 0)));
        // A lead narrower than another story for a photo narrower.
        assert!(f(0, 1, 0, 0).better_than(f(0, 0, 0, 1)));
        // Never more heads side by side, whatever else goes.
        assert!(!f(1, 0, 0, 0).better_than(f(0, 3, 2, 1)));
        // Not the same, nor heavier.
        assert!(!f(0, 0, 1, 0).better_than(f(0, 0, 1, 0)));
        assert!(!f(0, 4, 0, 0).better_than(f(0, 0, 1, 0)));
    }
}
