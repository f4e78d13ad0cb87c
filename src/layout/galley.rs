//! Pass 1 of the compile: the galley.
//!
//! Takes an [`Edition`] and its pages' [`Formats`] and gives the list of [`GalleyItem`]s — every
//! paragraph, head, lead box, subhead and caption at the width it will have on the page — as
//! JSON for `layouts/galley.typ`. After Typst has set the galley, [`measure`] reads the document
//! back: each piece's height and, for paragraphs, the exact text of every line, so the flow can
//! split paragraphs between columns at line boundaries and pass 2 can replay the same lines.

use serde::Serialize;
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

use crate::input::content::{paragraphs, Edition, Story};
use crate::input::grid::{Format, Formats};
use crate::input::phrases::UNITS;
use crate::input::punctuation::{is_latin, is_latin_letter};

/// A run of paragraph text with one style.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Run {
    /// `body`, `digits` (a number — ASCII digits with the marks that belong to it, [`body_runs`]
    /// — of an even count of characters), `digits-odd` (of an odd count, padded either side;
    /// `-left`, `-right`, `-none`: only on that side, or neither, beside a mark the line may
    /// not part it from, [`Pads`]), `code` / `code-odd…` (a short run of Latin letters, or of
    /// letters and digits: 5G, GDP, COVID-19, set half width like a number, [`code_len`]),
    /// `dateline`,
    /// `label` (an interview's speaker, 记者：), `attribution`, `break` (a place the line may
    /// break that the Unicode rules do not give, [`QUOTE_BREAK`]: no text is set for it),
    /// `latin` (a Latin word of [`LATIN_WORD`] letters or more, which the line may hyphenate;
    /// not a term with a capital after its first letter, TOPCon), `words` (Latin words and the
    /// spaces and marks among them, set as English is, never closed up), `house` (one of the house's words, which no line breaks
    /// inside, [`body_runs_with`]), `kept` (a mark or unit boxed with the run before it) or
    /// `hyphen` (the hyphen at the end of a line that breaks such a word, [`split_runs`]).
    pub style: &'static str,
    /// The text, set literally.
    pub text: String,
}

/// Kicker, headline, deck and byline of a story.
#[derive(Debug, Clone, Serialize)]
pub struct Head {
    /// 引题.
    pub kicker: Option<String>,
    /// 主题.
    pub headline: String,
    /// 副题.
    pub deck: Option<String>,
    /// Reporters.
    pub byline: Option<String>,
    /// The story's column span.
    pub span: u32,
    /// The headline's size in pt: the format's size for the span, or a smaller one of its
    /// ladder (`heads` in `layouts/formats.toml`) the block or the placement search chose.
    pub size: f64,
    /// The headline's typeface at that size.
    pub face: crate::input::grid::Face,
    /// In pass 2, for a story across the centre spread's gutter: where the fold is, in pt from
    /// the head's left edge. The headline is then split at the fold (跨版标题).
    pub fold: Option<f64>,
    /// Set vertically (竖排) in one column.
    pub vertical: bool,
    /// Set vertically, a headline of one phrase longer than [`TURN_PHRASE_CHARS`]: the byte
    /// where it splits into two columns side by side, between phrases or sense groups
    /// ([`crate::input::phrases::vertical_split`]).
    pub split: Option<usize>,
    /// Pass 1: set the headline on two lines, as the pages do in a head area deep enough for
    /// it (a second measure of the story's head, [`StoryPieces::head_two`]).
    pub two: bool,
    /// Where the headline may break, ranked ([`crate::input::phrases::breaks`]): the templates
    /// break a two-line head, and split a head across the fold, between phrases or sense
    /// groups, never inside a word.
    pub breaks: Vec<crate::input::phrases::Break>,
    /// Where the kicker may break, ranked: one too long for a line at its size wraps there.
    pub kicker_breaks: Vec<crate::input::phrases::Break>,
    /// Where the deck may break, ranked: one too long for a line at its size wraps there.
    pub deck_breaks: Vec<crate::input::phrases::Break>,
}

/// The lead box's text.
#[derive(Debug, Clone, Serialize)]
pub struct LeadText {
    /// Label, e.g. 核心提示.
    pub title: String,
    /// Paragraphs, as runs ([`body_runs`]).
    pub paras: Vec<Vec<Run>>,
}

/// A two-level subhead.
#[derive(Debug, Clone, Serialize)]
pub struct Subhead {
    /// Level 1.
    pub head: String,
    /// Level 2.
    pub subhead: Option<String>,
    /// Where level 1 may break, ranked: one too long for its band at its size wraps there.
    pub head_breaks: Vec<crate::input::phrases::Break>,
    /// Where level 2 may break, ranked (as a headline's).
    pub subhead_breaks: Vec<crate::input::phrases::Break>,
    /// A brief's title in a column of briefs (a story's `briefs`): bold, flush left, no band.
    pub brief: bool,
}

/// A photo caption.
#[derive(Debug, Clone, Serialize)]
pub struct Caption {
    /// Caption text.
    pub caption: String,
    /// The credit as printed ([`credit_line`]): 郑智君摄, 新华社发.
    pub credit: Option<String>,
}

/// What one galley page holds.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Piece {
    /// A body paragraph.
    Para {
        /// Its runs.
        runs: Vec<Run>,
        /// Extra space between characters, in em (copyfit).
        tracking: f64,
        /// Whether its final word alone on its last line would be a runt the line breaker
        /// keeps away ([`ends_in_runt`]).
        runt: bool,
        /// A line of verse (a story's `verse`): ragged right, not indented, wrapping under
        /// itself; one of nothing but U+3000 is the blank line between two stanzas.
        verse: bool,
    },
    /// A story head.
    Head {
        /// The head.
        head: Head,
    },
    /// A lead box.
    Lead {
        /// The box's text.
        lead: LeadText,
    },
    /// A subhead.
    Subhead {
        /// The subhead.
        subhead: Subhead,
    },
    /// A caption.
    Caption {
        /// The caption.
        caption: Caption,
    },
    /// The head of a continuation block: the headline repeated small and 上接第N版.
    Jumphead {
        /// The story's headline.
        headline: String,
        /// Where the headline may break: a headline too long for the block's width at the
        /// jump head's size wraps there.
        breaks: Vec<crate::input::phrases::Break>,
        /// 上接第N版.
        note: String,
    },
    /// The jump line at the end of a story's first block: 下转第N版.
    Jumpnote {
        /// 下转第N版.
        note: String,
    },
}

/// One piece at its width.
#[derive(Debug, Clone, Serialize)]
pub struct GalleyItem {
    /// Width in pt.
    pub width: f64,
    /// The piece.
    #[serde(flatten)]
    pub piece: Piece,
}

/// The pieces of one story, as indices into the galley.
#[derive(Debug, Clone, Default)]
pub struct StoryPieces {
    /// The head.
    pub head: usize,
    /// The head with its headline on two lines (at the story's own span; not for a vertical
    /// head): what it needs in an area deep enough for the pages to set it so.
    pub head_two: Option<usize>,
    /// The lead box, if any.
    pub lead: Option<usize>,
    /// Body flow: paragraphs and subheads in reading order.
    pub flow: Vec<usize>,
    /// For `fit = "auto"` stories: the body flow set at other trackings (tracking in em, flow).
    pub variants: Vec<(f64, Vec<usize>)>,
    /// For a story not set by copyfit: its body paragraphs of two lines' characters or more set
    /// [`SQUEEZE_TRACKING`] tighter, each (its place in [`StoryPieces::flow`], item). Those that
    /// came out a line shorter are the lines the story may take back (a block's `squeeze`:
    /// [`crate::layout::compose::squeezable`]).
    pub tight: Vec<(usize, usize)>,
    /// Photo captions, in the order of the story's photos.
    pub captions: Vec<usize>,
    /// Heads of the continuation blocks, in the order of the story's jumps.
    pub jumpheads: Vec<usize>,
    /// With [`Spans::All`]: the head set at every other span of the page's format, at the span's
    /// own size and a size smaller (span, size tier, item; the tier an index into the format's
    /// `heads`).
    pub heads: Vec<(u32, usize, usize)>,
    /// With [`Spans::All`]: the head with its headline on two lines at every other span and
    /// size (span, tier, item): what a head area deep enough for that sets, so a placement
    /// search knows when a deeper area is filled by the head rather than left white.
    pub heads_two: Vec<(u32, usize, usize)>,
    /// With [`Spans::All`]: the lead box set at every other span (span, item).
    pub leads: Vec<(u32, usize)>,
    /// With [`Spans::All`], for a story folio places: the head set vertically (竖排) down a
    /// column for each size tier of the format's (tier, item) — a vertical head is set a size
    /// over its tier's (`vertical_tier`), at most `vertical-head-size` — where its file asks for a vertical head, or
    /// where the search may choose one instead of the head across (a head beside another
    /// story's head across: no 碰题).
    pub head_vertical: Vec<(usize, usize)>,
    /// With [`Spans::All`], per photo: the caption set at every other width the photo may take
    /// (photo span, item); empty for a photo whose `span` is given.
    pub caption_spans: Vec<Vec<(u32, usize)>>,
}

impl StoryPieces {
    /// Every galley item of the story, each field's in turn (what a digest of the story's
    /// measures must cover: [`crate::layout::place::PlaceCache`]).
    pub fn items(&self) -> impl Iterator<Item = usize> + '_ {
        let Self { head, head_two, lead, flow, variants, tight, captions, jumpheads, heads, heads_two, leads, caption_spans, head_vertical } = self;
        std::iter::once(*head)
            .chain(*head_two)
            .chain(head_vertical.iter().map(|h| h.1))
            .chain(*lead)
            .chain(flow.iter().copied())
            .chain(variants.iter().flat_map(|(_, f)| f.iter().copied()))
            .chain(tight.iter().map(|t| t.1))
            .chain(captions.iter().copied())
            .chain(jumpheads.iter().copied())
            .chain(heads.iter().map(|h| h.2))
            .chain(heads_two.iter().map(|h| h.2))
            .chain(leads.iter().map(|l| l.1))
            .chain(caption_spans.iter().flatten().map(|c| c.1))
    }
}

/// The narrowest a Han character of a paragraph set tighter to take back a line may be, in em:
/// as tight as the line breaker closes up an ordinary line (`justification-limits` in
/// `layouts/style.typ`, 8 %), not a line of eleven characters in ten's room (9 %, their bodies
/// touching), which `folio check` reports as text printed over text.
pub const SQUEEZE_TIGHTEST: f64 = 0.919;

/// How much tighter, in em, a paragraph is set to take back its last line (a block's
/// `squeeze`: 紧排, as a 美编 saves a line to level a story's columns). Body lines hold whole
/// characters, so tracking alone takes no line back: it lets the line breaker close up a line or
/// two with a mark in them (half its em, as clreq compresses punctuation) enough to hold one
/// character more, and lines that keep their count are spread back to the column's width as
/// before. At 2 % one paragraph in forty of the seed's came out a line shorter, at 3 % one in
/// five (at 4 % one in two, but more of them only by closing up Han characters past
/// [`SQUEEZE_TIGHTEST`]).
pub const SQUEEZE_TRACKING: f64 = -0.03;

/// Most characters of a phrase of a headline the placement search may set vertically (竖题).
pub const TURN_PHRASE_CHARS: usize = 8;

/// Whether the placement search may set `headline` vertically: a 竖题 is a short head, one or
/// two phrases (the editor's `\n`, each a column, side by side in one column of type) of at
/// most [`TURN_PHRASE_CHARS`] characters — or one phrase that splits into two such columns of
/// about equal length between sense groups ([`crate::input::phrases::vertical_split`]:
/// 青少年毒品｜预防教育, not 全力推进｜毒品问题综合治理); a
/// longer one would run far down its column. Never one with a run of three or more Latin
/// letters, digits or marks (6.8%, APP, 2025), or two with a mark (8%): such a run stands one
/// character under another, as no 美编 sets a head; two letters or digits stand across one
/// box (纵中横: 5G, 12). Nor one whose kicker or deck (`furniture`), set vertically beside it,
/// has such a run (review 45: a deck's 全长12.6公里 stood as 12 / · / 6).
pub fn may_turn(headline: &str, furniture: &[&str]) -> bool {
    let places = crate::input::phrases::breaks(headline);
    turnable(headline, crate::input::phrases::vertical_split(headline, &places, TURN_PHRASE_CHARS), furniture)
}

/// [`may_turn`] for a headline whose two-column split (`split`) is known.
fn turnable(headline: &str, split: Option<usize>, furniture: &[&str]) -> bool {
    let phrases: Vec<usize> = headline.split('\n').map(|p| p.chars().filter(|c| !c.is_whitespace()).count()).filter(|&n| n > 0).collect();
    let short = phrases.len() <= 2 && phrases.iter().all(|&n| n <= TURN_PHRASE_CHARS);
    // Runs of Latin letters, digits and marks: one stands upright in its box, two letters or
    // digits across one box (纵中横: 5G, 12); more, or a mark among two, would not stand well.
    let latin_run = |t: &str| t.split(|c: char| !c.is_ascii_graphic()).any(|run| run.len() > 2 || (run.len() == 2 && !run.chars().all(|c| c.is_ascii_alphanumeric())));
    !phrases.is_empty() && (short || split.is_some()) && !latin_run(headline) && !furniture.iter().any(|t| latin_run(t))
}

/// Which widths the galley sets heads and lead boxes at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spans {
    /// Each story's own: what a compile needs.
    #[default]
    Own,
    /// Every span of the page's format too: what a placement search needs
    /// ([`crate::layout::compose::Fitter`]).
    All,
}

/// The whole galley of an edition.
#[derive(Debug, Clone, Default)]
pub struct Galley {
    /// All pieces, in the order of the galley document's pages.
    pub items: Vec<GalleyItem>,
    /// Per page, per story: where its pieces are.
    pub stories: Vec<Vec<StoryPieces>>,
    /// For each item, the format of its page (a key of `layouts/formats.toml`): the galley sets
    /// it at that format's body size and leading.
    pub item_formats: Vec<String>,
}

impl Galley {
    /// Append, for every paragraph whose numbers keep their unit or measure word (61岁), the
    /// same paragraph with them parted (`parted_units`): (the paragraph's item, the parted
    /// one's), for [`Galley::settle_parted`] once both are measured.
    pub fn add_parted(&mut self) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for i in 0..self.items.len() {
            let item = &self.items[i];
            let Piece::Para { runs, tracking, runt, verse: false } = &item.piece else { continue };
            let Some(runs) = parted_units(runs) else { continue };
            let piece = Piece::Para { runs, tracking: *tracking, runt: *runt, verse: false };
            let (width, format) = (item.width, self.item_formats[i].clone());
            pairs.push((i, self.items.len()));
            self.items.push(GalleyItem { width, piece });
            self.item_formats.push(format);
        }
        pairs
    }

    /// Numbers keep their units unless that spreads a line loose, closes a squeeze's paragraph
    /// up past [`SQUEEZE_TIGHTEST`] or costs the paragraph a line: each paragraph of `pairs`
    /// ([`Galley::add_parted`]) takes its parted setting where keeping them does so, and the
    /// parted items are dropped again. A number parted from its unit is the lesser fault (issue
    /// 14: at most one loose line a page), and a line more would leave a block fitted by hand
    /// overset (a squeeze asks for lines back).
    pub fn settle_parted(&mut self, measures: &mut Vec<Measure>, pairs: Vec<(usize, usize)>) {
        let Some(&(_, first)) = pairs.first() else { return };
        for (i, j) in pairs {
            let (was, m) = (&measures[i], &measures[j]);
            let no_looser = m.loosest <= LOOSE_ADVANCE.max(was.loosest);
            let looser = was.loosest > LOOSE_ADVANCE && (m.loosest <= LOOSE_ADVANCE || m.loosest < was.loosest - 0.02);
            let tighter = m.lines.len() == was.lines.len() && no_looser && was.tightest < SQUEEZE_TIGHTEST && m.tightest >= SQUEEZE_TIGHTEST;
            let shorter = m.lines.len() < was.lines.len() && no_looser;
            if looser || tighter || shorter {
                self.items.swap(i, j);
                measures.swap(i, j);
            }
        }
        self.items.truncate(first);
        self.item_formats.truncate(first);
        measures.truncate(first);
    }
}

/// The size tier a vertical head (竖题) of a block at size tier `tier` is set at: one size larger
/// than the head across, at most the templates' `vertical-head-size` — a head down one column
/// weighs less on the page than one across the block, and a 竖题 one size under its story's
/// across read small beside it (until session 43 every vertical head was 26 pt, a brief's beside
/// a lead's head of 22 pt too).
pub fn vertical_tier(tier: usize) -> usize {
    tier.saturating_sub(1)
}

/// The span a story is set at: its block's, or (not placed yet) the page's full width.
pub fn own_span(story: &Story, format: &Format) -> u32 {
    story.block.as_ref().map_or(format.columns, |b| b.get_ref().span)
}

/// The head size tier (an index into the format's `heads`) a story's head is set at in a
/// block `span` columns wide: its block's `head_size` where it names one of the ladder's sizes,
/// else the span's own.
pub fn head_tier(story: &Story, format: &Format, span: u32) -> usize {
    format.block_tier(span, story.block.as_ref().and_then(|b| b.get_ref().head_size))
}

/// The columns a story's copy is set in: its block's `text_columns` (变栏), else its span (the
/// page's columns for a story folio places).
pub fn copy_columns(story: &Story, format: &Format) -> u32 {
    story.block.as_ref().map_or(format.columns, |b| b.get_ref().copy_columns())
}

/// The width of columns `c`..`c + sp` of a story's copy columns ([`copy_columns`]), pt: of its
/// own columns in a block with `text_columns` (变栏), else of the grid's from its block's first.
pub fn copy_width(story: &Story, format: &Format, c: u32, sp: u32) -> f64 {
    match story.block.as_ref().map(|b| b.get_ref()) {
        Some(b) if b.text_columns.is_some_and(|n| n < b.span) => {
            let (w, gap) = format.text_columns(b.span, b.copy_columns());
            Format::across(w, gap, sp)
        }
        b => format.cols_width(b.map_or(0, |b| b.column - 1) + c, sp),
    }
}

/// A photo's credit as printed after its caption: the photographer with 摄 (郑智君摄), or, where
/// the credit already says what it is — ends in 摄, 发, 供图, 提供, 制图, 绘 or 图 (新华社记者
/// 王天聪摄, 新华社发, 受访者供图, 资料图) — as typed (it printed 王天聪摄摄 until session 40).
pub fn credit_line(credit: &str) -> String {
    let credit = credit.trim();
    if ["摄", "发", "供图", "提供", "制图", "绘", "图"].iter().any(|k| credit.ends_with(k)) {
        credit.to_string()
    } else {
        format!("{credit}摄")
    }
}

/// Copy set as verse (a story's `verse`): each non-blank line a paragraph of its own (typed
/// spaces and indents dropped as in prose), and one blank line (U+3000, which prints nothing)
/// wherever blank lines part two stanzas.
fn verse(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut gap = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            gap = !out.is_empty();
            continue;
        }
        if std::mem::take(&mut gap) {
            out.push(Piece::Para { runs: vec![Run { style: "body", text: "\u{3000}".to_string() }], tracking: 0.0, runt: false, verse: true });
        }
        out.push(Piece::Para { runs: body_runs(line), tracking: 0.0, runt: true, verse: true });
    }
    out
}

/// Default lead box span: about half the story's copy columns, at least one.
pub fn lead_span(story: &Story, format: &Format) -> u32 {
    lead_span_in(story, copy_columns(story, format))
}

/// The lead box's span in a block `span` columns wide: the story's `lead.span`, else about
/// half the block, at least one column.
pub fn lead_span_in(story: &Story, span: u32) -> u32 {
    story.lead.as_ref().and_then(|l| l.span.as_ref()).map(|s| *s.get_ref()).unwrap_or(span.div_ceil(2)).clamp(1, span.max(1))
}

/// Where a photo sits in a story block `span` columns wide: (first column of the block it
/// starts in, counted from 0; columns it spans). Its `column` and `span` when given; else it
/// starts in the block's first column and spans the whole block up to three columns wide, two
/// thirds of a wider one (a 美编's usual picture: wide enough to lead the story, with copy
/// beside it; its `size` may ask for a third of the block or the whole), never past the
/// block's last column (a given `span` is kept, even when the
/// block is too narrow for it: that is the editor's error to see). A photo after the first
/// (`index` > 0, which the placement search does not size) of the default size leaves two
/// columns of copy beside it, or none, never one (a long leg, 长腿): half of four columns.
pub fn photo_place_in(photo: &crate::input::content::Photo, index: usize, span: u32) -> (u32, u32) {
    let span = span.max(1);
    if photo.is_across_block() {
        // 压题图 or 题上图: across the whole block.
        return (0, span);
    }
    let c = photo.column.as_ref().map_or(0, |c| c.get_ref().saturating_sub(1));
    // The editor's span as given (a block too narrow for it is an error, not a smaller photo).
    let sp = photo.span.as_ref().map_or_else(
        || {
            let sp = photo.size().span_in(span).min(span.saturating_sub(c));
            let beside = span.saturating_sub(c + sp);
            if index > 0 && photo.size.is_none() && beside == 1 && sp > 2 { sp - 1 } else { sp }
        },
        |s| *s.get_ref(),
    );
    (c, sp.max(1))
}

/// Most characters of a speaker's label in an interview (记者, 主持人, 刘志远, 问).
const MAX_LABEL_CHARS: usize = 6;

/// The speaker's label a paragraph opens with (刘志远：): up to [`MAX_LABEL_CHARS`] characters
/// with no punctuation, space or digit, then a full-width colon. Its length in bytes, with the
/// colon.
fn label_len(text: &str) -> Option<usize> {
    let at = text.find('：')?;
    let label = &text[..at];
    let n = label.chars().count();
    ((1..=MAX_LABEL_CHARS).contains(&n) && label.chars().all(|c| c.is_alphabetic() && !c.is_ascii())).then_some(at + '：'.len_utf8())
}

/// An interview (访谈, 问答) sets its speakers' labels in bold 黑 (`label` runs), as papers do:
/// a story whose paragraphs open with 问： and 答：, or with two labels each opening two
/// paragraphs or more (记者： / 刘志远：). A label only one paragraph opens with, in any other
/// story, is copy (他说：).
fn speaker_labels(flow: &mut [Piece]) {
    let label_of = |p: &Piece| match p {
        Piece::Para { runs, .. } => runs.first().filter(|r| r.style == "body").and_then(|r| label_len(&r.text).map(|n| r.text[..n].to_string())),
        _ => None,
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for l in flow.iter().filter_map(label_of) {
        match counts.iter_mut().find(|(k, _)| *k == l) {
            Some((_, n)) => *n += 1,
            None => counts.push((l, 1)),
        }
    }
    let has = |k: &str| counts.iter().any(|(l, _)| l == k);
    let interview = (has("问：") && has("答：")) || counts.iter().filter(|(_, n)| *n >= 2).count() >= 2;
    if !interview {
        return;
    }
    let speakers: Vec<String> = counts.into_iter().filter(|(l, n)| *n >= 2 || l == "问：" || l == "答：").map(|(l, _)| l).collect();
    for p in flow.iter_mut() {
        let Some(label) = label_of(p).filter(|l| speakers.contains(l)) else { continue };
        if let Piece::Para { runs, .. } = p {
            runs[0].text.replace_range(..label.len(), "");
            if runs[0].text.is_empty() {
                runs.remove(0);
            }
            runs.insert(0, Run { style: "label", text: label });
        }
    }
}

/// Build the galley of an edition, each story's head and lead box at its own width.
pub fn build(edition: &Edition, formats: &Formats) -> Galley {
    build_with(edition, formats, Spans::Own)
}

/// Build the galley of an edition, heads and lead boxes at the widths `spans` asks for.
pub fn build_with(edition: &Edition, formats: &Formats, spans: Spans) -> Galley {
    let mut g = Galley::default();
    // Display text breaks with the house's words taken as words (`[typography] words`).
    let house = &edition.file.value.typography.words;
    let house_breaks = |t: &str| crate::input::phrases::breaks_with(t, house);
    // Body copy keeps them whole too (those of a name's length).
    let house_words = HouseWords::new(house);
    for (pi, page) in edition.stories.iter().enumerate() {
        let format = edition.page_format(formats, pi);
        let mut on_page = Vec::new();
        let number = edition.file.value.pages[pi].number;
        for story in page {
            let s = &story.value;
            let (c0, span) = s.block.as_ref().map_or((0, format.columns), |b| (b.get_ref().column - 1, b.get_ref().span));
            let mut pieces = StoryPieces { head: g.items.len(), ..Default::default() };
            let vertical = s.vertical && span > 1;
            // The block's `head_size` (validated: one of the ladder's), else the span's own.
            let tier = head_tier(s, format, span);
            let style = format.head_size(if vertical { vertical_tier(tier) } else { tier });
            let breaks = house_breaks(&s.headline);
            let split = crate::input::phrases::vertical_split(&s.headline, &breaks, TURN_PHRASE_CHARS);
            g.items.push(GalleyItem {
                width: if vertical { format.column_pt } else { format.cols_width(c0, span) },
                piece: Piece::Head {
                    head: Head {
                        kicker: s.kicker.clone(),
                        headline: s.headline.clone(),
                        deck: s.deck.clone(),
                        byline: s.byline.clone(),
                        span,
                        size: style.size,
                        face: style.face,
                        fold: None,
                        vertical,
                        split,
                        two: false,
                        breaks: breaks.clone(),
                        kicker_breaks: s.kicker.as_deref().map(house_breaks).unwrap_or_default(),
                        deck_breaks: s.deck.as_deref().map(house_breaks).unwrap_or_default(),
                    },
                },
            });
            if !vertical {
                let mut two = g.items[pieces.head].clone();
                if let Piece::Head { head } = &mut two.piece {
                    head.two = true;
                }
                pieces.head_two = Some(g.items.len());
                g.items.push(two);
            }
            if let Some(lead) = &s.lead {
                pieces.lead = Some(g.items.len());
                g.items.push(GalleyItem {
                    width: copy_width(s, format, 0, lead_span(s, format)),
                    piece: Piece::Lead { lead: LeadText { title: lead.title.clone(), paras: paragraphs(&lead.text).iter().map(|p| body_runs_with(p, &house_words)).collect() } },
                });
            }
            // A story folio places across the centre spread (`across`) may span the spread's
            // columns: its head, lead box and captions are set at those widths too.
            let widest = if s.asks_across() { 2 * format.columns } else { format.columns };
            if spans == Spans::All {
                let head = g.items[pieces.head].piece.clone();
                // A vertical head's story in a block of one column sets its head across. At
                // each span, the span's own size and the next smaller one (the search sets a
                // story as wide as the page's lead a size under the lead's head).
                let sizes = format.spec.heads.len();
                for sp in (1..=widest).filter(|&sp| !vertical || sp == 1) {
                    let own_tier = format.head_tier(sp);
                    for t in (own_tier..=own_tier + 1).filter(|&t| t < sizes && !(sp == span && t == tier)) {
                        let mut piece = head.clone();
                        if let Piece::Head { head } = &mut piece {
                            head.span = sp;
                            head.vertical = false;
                            head.size = format.head_size(t).size;
                            head.face = format.head_size(t).face;
                        }
                        pieces.heads.push((sp, t, g.items.len()));
                        let mut two = piece.clone();
                        g.items.push(GalleyItem { width: format.cols_width(0, sp), piece });
                        if let Piece::Head { head } = &mut two {
                            head.two = true;
                        }
                        pieces.heads_two.push((sp, t, g.items.len()));
                        g.items.push(GalleyItem { width: format.cols_width(0, sp), piece: two });
                    }
                }
                // The same head set vertically at each size, for the search to choose (never for
                // a story with a photo under its head, which a vertical head cannot have), or as
                // the file asks.
                if s.unplaced() && (s.vertical || (!s.photos.iter().any(|p| p.is_across_block()) && turnable(&s.headline, split, &s.head_furniture()))) {
                    for t in 0..sizes {
                        let mut piece = head.clone();
                        if let Piece::Head { head } = &mut piece {
                            head.vertical = true;
                            head.size = format.head_size(vertical_tier(t)).size;
                            head.face = format.head_size(vertical_tier(t)).face;
                        }
                        pieces.head_vertical.push((t, g.items.len()));
                        g.items.push(GalleyItem { width: format.column_pt, piece });
                    }
                }
                if let Some(i) = pieces.lead {
                    let own = lead_span(s, format);
                    let mut seen = vec![own];
                    for sp in (1..=widest).map(|sp| lead_span_in(s, sp)) {
                        if !seen.contains(&sp) {
                            seen.push(sp);
                            pieces.leads.push((sp, g.items.len()));
                            g.items.push(GalleyItem { width: format.cols_width(0, sp), piece: g.items[i].piece.clone() });
                        }
                    }
                }
            }
            // Body paragraphs, with the dateline before the first and the attribution after the last,
            // at the width of the story's columns (its own with `text_columns`: 变栏).
            let col = copy_width(s, format, 0, 1);
            let mut flow: Vec<Piece> = Vec::new();
            let para = |t: String| Piece::Para { runs: body_runs_with(&t, &house_words), tracking: 0.0, runt: true, verse: false };
            // Verse: a paragraph a line, a blank line between stanzas.
            let copy = |t: &str| if s.verse { verse(t) } else { paragraphs(t).into_iter().map(para).collect() };
            flow.extend(s.body.as_deref().map(copy).unwrap_or_default());
            for sec in &s.sections {
                flow.push(Piece::Subhead {
                    subhead: Subhead {
                        head: sec.head.clone(),
                        subhead: sec.subhead.clone(),
                        head_breaks: house_breaks(&sec.head),
                        subhead_breaks: sec.subhead.as_deref().map(house_breaks).unwrap_or_default(),
                        brief: s.briefs,
                    },
                });
                flow.extend(copy(&sec.body));
            }
            speaker_labels(&mut flow);
            if let Some(dl) = &s.dateline {
                if let Some(Piece::Para { runs, .. }) = flow.iter_mut().find(|p| matches!(p, Piece::Para { .. })) {
                    // A full-width space after it, but before the reporters in brackets (新华社北京
                    // 11月2日电（记者 李明）): the bracket carries its own white.
                    let opens = runs.first().and_then(|r| r.text.chars().next()).is_some_and(|c| OPENING_MARKS.contains(c));
                    runs.insert(0, Run { style: "dateline", text: if opens { dl.clone() } else { format!("{dl}\u{3000}") } });
                }
            }
            if let Some(at) = &s.attribution {
                match flow.iter_mut().rev().find(|p| matches!(p, Piece::Para { .. })) {
                    Some(Piece::Para { runs, .. }) => runs.push(Run { style: "attribution", text: format!("（{at}）") }),
                    _ => flow.push(Piece::Para { runs: vec![Run { style: "attribution", text: format!("（{at}）") }], tracking: 0.0, runt: true, verse: false }),
                }
            }
            for piece in &mut flow {
                if let Piece::Para { runs, runt, .. } = piece {
                    *runt = ends_in_runt(runs);
                }
            }
            // Copyfit: the same paragraphs at tighter and looser tracking, to choose from.
            if s.auto_fit() {
                let max = edition.file.value.copyfit.tracking.clamp(0.0, 0.1);
                for step in [-1.0, -0.5, 0.5, 1.0] {
                    let t = max * step;
                    let mut ids = Vec::new();
                    for piece in &flow {
                        ids.push(g.items.len());
                        let piece = match piece {
                            Piece::Para { runs, runt, verse, .. } => Piece::Para { runs: runs.clone(), tracking: t, runt: *runt, verse: *verse },
                            other => other.clone(),
                        };
                        g.items.push(GalleyItem { width: col, piece });
                    }
                    pieces.variants.push((t, ids));
                }
            }
            // The body's longer paragraphs a little tighter: the lines the story may take back
            // (a block's `squeeze`, which the search sets and `folio check` offers for a hand
            // block whose columns end short; not for a story copyfit sets, which has
            // trackings of its own).
            let squeezes = !s.auto_fit();
            let mut tight = Vec::new();
            for (pos, piece) in flow.iter().enumerate() {
                if let Piece::Para { runs, runt, verse: false, .. } = piece {
                    let chars: usize = runs.iter().map(|r| r.text.chars().count()).sum();
                    if squeezes && chars >= 2 * format.spec.column_chars as usize {
                        tight.push((pos, Piece::Para { runs: runs.clone(), tracking: SQUEEZE_TRACKING, runt: *runt, verse: false }));
                    }
                }
            }
            for piece in flow {
                pieces.flow.push(g.items.len());
                g.items.push(GalleyItem { width: col, piece });
            }
            for (pos, piece) in tight {
                pieces.tight.push((pos, g.items.len()));
                g.items.push(GalleyItem { width: col, piece });
            }
            for (i, photo) in s.photos.iter().enumerate() {
                let (c, sp) = photo_place_in(photo, i, copy_columns(s, format));
                let piece = Piece::Caption { caption: Caption { caption: typed_spaces(&photo.caption), credit: photo.credit.as_deref().map(credit_line) } };
                pieces.captions.push(g.items.len());
                g.items.push(GalleyItem { width: copy_width(s, format, c, sp), piece: piece.clone() });
                // A photo folio sizes: its caption at every width (the search may try any).
                let mut others = Vec::new();
                if spans == Spans::All && photo.span.is_none() {
                    let mut seen = vec![sp];
                    for other in 1..=widest {
                        if !seen.contains(&other) {
                            seen.push(other);
                            others.push((other, g.items.len()));
                            g.items.push(GalleyItem { width: format.cols_width(0, other), piece: piece.clone() });
                        }
                    }
                }
                pieces.caption_spans.push(others);
            }
            let mut from = number;
            for jump in &s.jumps {
                let j = jump.get_ref();
                pieces.jumpheads.push(g.items.len());
                g.items.push(GalleyItem {
                    width: format.span_width(j.span),
                    piece: Piece::Jumphead { headline: s.headline.clone(), breaks: breaks.clone(), note: format!("（上接第{from}版）") },
                });
                from = j.page;
            }
            on_page.push(pieces);
        }
        g.stories.push(on_page);
        g.item_formats.resize(g.items.len(), format.name.clone());
    }
    g
}

/// What pass 1 measured of one galley item.
#[derive(Debug, Clone, Default)]
pub struct Measure {
    /// Height in pt.
    pub height: f64,
    /// For paragraphs: each line as runs.
    pub lines: Vec<Vec<Run>>,
    /// For paragraphs: the narrowest advance of a Han character, in em (1.0 where none is
    /// closed up): how tight the breaker set its tightest line.
    pub tightest: f64,
    /// For paragraphs: the widest advance of a Han character on a line but the last, in em
    /// (1.0 where none is spread): how loose the breaker set its loosest justified line.
    pub loosest: f64,
}

/// Read the galley document back: one page per item, in order.
pub fn measure(galley: &Galley, doc: &PagedDocument) -> Result<Vec<Measure>, String> {
    let pages = doc.pages();
    // An edition of blank pages only has nothing to measure: Typst's document of nothing is
    // still a page (an internal error about the galley until session 40).
    if galley.items.is_empty() {
        return Ok(Vec::new());
    }
    if pages.len() != galley.items.len() {
        return Err(format!("the galley has {} pages for {} pieces", pages.len(), galley.items.len()));
    }
    let mut out = Vec::with_capacity(pages.len());
    for (item, page) in galley.items.iter().zip(pages) {
        let mut m = Measure { height: page.frame.height().to_pt(), lines: vec![], tightest: 1.0, loosest: 1.0 };
        if let Piece::Para { runs, .. } = &item.piece {
            let texts = line_texts(&page.frame);
            m.lines = split_runs(runs, &texts)?;
            // Each line's widest Han advance, by baseline.
            let mut widest: Vec<(f64, f64)> = Vec::new();
            for_each_text(&page.frame, Transform::identity(), &mut |p, text| {
                for g in &text.glyphs {
                    if text.text.get(g.range()).and_then(|t| t.chars().next()).is_some_and(crate::input::punctuation::is_han) {
                        let a = g.x_advance.get();
                        m.tightest = m.tightest.min(a);
                        let y = p.y.to_pt();
                        match widest.iter_mut().find(|(ly, _)| (ly - y).abs() < 0.5) {
                            Some(l) => l.1 = l.1.max(a),
                            None => widest.push((y, a)),
                        }
                    }
                }
            });
            let last = widest.iter().map(|l| l.0).fold(f64::NEG_INFINITY, f64::max);
            m.loosest = widest.iter().filter(|l| l.0 < last - 0.5).map(|l| l.1).fold(1.0, f64::max);
        }
        out.push(m);
    }
    Ok(out)
}

/// The text of each line of a frame, top to bottom (text items grouped by baseline).
pub fn line_texts(frame: &Frame) -> Vec<String> {
    let mut items: Vec<(f64, f64, String)> = Vec::new();
    collect_text(frame, Transform::identity(), &mut items);
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut lines: Vec<(f64, String)> = Vec::new();
    for (y, _, t) in items {
        match lines.last_mut() {
            Some((ly, s)) if (y - *ly).abs() < 0.5 => s.push_str(&t),
            _ => lines.push((y, t)),
        }
    }
    lines.into_iter().map(|(_, s)| s).collect()
}

/// Visit every text run of a frame with its origin (left end of its baseline) on the page.
pub fn for_each_text(frame: &Frame, ts: Transform, f: &mut impl FnMut(Point, &typst::text::TextItem)) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let ts = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                for_each_text(&group.frame, ts, f);
            }
            FrameItem::Text(text) => f(pos.transform(ts), text),
            _ => {}
        }
    }
}

/// Every text item of a frame with its baseline y, x and text.
pub fn collect_text(frame: &Frame, ts: Transform, out: &mut Vec<(f64, f64, String)>) {
    for_each_text(frame, ts, &mut |p, text| out.push((p.y.to_pt(), p.x.to_pt(), text.text.to_string())));
}

/// A paragraph's text as runs: numbers apart (`digits`, or `digits-odd` for an odd count of
/// half-width places), so that the templates set them half width on the character grid without
/// a `show` rule on every run of text (components.typ), the rest `body`. A number is a run of
/// ASCII digits with the `.`, `,`, `:`, `-` or `/` between digits and a `%` after it that belong
/// to it (5.2%, 1,277, 9:30, 12345-6789, 2023-10-18, 3/4): set as one run, its marks half width like its digits, so that the grid's
/// padding of an odd run falls at its ends and never inside it (not 5 . 2).
pub fn body_runs(text: &str) -> Vec<Run> {
    body_runs_with(text, &HouseWords::default())
}

/// [`body_runs`], with each of the house's `words` in `text` (易炼红) a `house` run, which the
/// template sets in one box, so no line breaks inside it ([`names`]). It always stays whole:
/// the house listed it, and a loose line is reported where keeping it costs one.
pub fn body_runs_with(text: &str, house: &HouseWords) -> Vec<Run> {
    let chars = quote_breaks(&typed_spaces(text));
    let runs = unnamed_runs(&chars);
    let spans = names(&chars, house);
    if spans.is_empty() { runs } else { with_names(runs, &spans) }
}

/// The runs of `chars` with no name marked ([`body_runs`]).
fn unnamed_runs(chars: &[char]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Not inside other ASCII: after a letter, a digit or a mark, or a space after one (New York).
        let ascii = |k: usize| is_latin(chars[k]);
        let after_token = i > 0 && (ascii(i - 1) || (chars[i - 1] == ' ' && i > 1 && ascii(i - 2)));
        let code = if after_token { 0 } else { code_len(&chars[i..]) };
        let number = if code > 0 { 0 } else { number_len(&chars[i..]) };
        if code + number > 0 {
            let n = code + number;
            let t: String = chars[i..i + n].iter().collect();
            let pads = Pads::between(i.checked_sub(1).map(|k| chars[k]), chars.get(i + n).copied());
            runs.push(Run { style: half_width_style(code > 0, n, pads), text: t });
            i += n;
            // The unit or measure word of a number of one or two figures stays on its line
            // (61 | 岁, 6 | 个 were line breaks until session 43): a `kept` run, which the
            // template boxes with the number. Not after a longer number (2023年, 102个: a box
            // of two ems and more left the lines around it to level less well — on the
            // tabloid without blocks, columns two lines short), nor after a sign (¥9元: the
            // box would part the number from its sign instead).
            let signed = i > n && (SIGNS_BEFORE.contains(chars[i - n - 1]) || "-−+＋－".contains(chars[i - n - 1]));
            let units = if (1..=MAX_KEPT_NUMBER).contains(&number) && !signed { unit_len(&chars[i..]) } else { 0 };
            if units > 0 {
                runs.push(Run { style: "kept", text: chars[i..i + units].iter().collect() });
                i += units;
            }
            continue;
        }
        let word = chars[i..].iter().take_while(|&&c| is_latin_letter(c)).count();
        // A word, not part of a web address, a file name or a code (www.…, AEC-Q100, a_b):
        // those take no hyphen they do not have.
        let token = |c: Option<&char>| c.is_some_and(|&c| c.is_ascii_alphanumeric() || is_latin_letter(c) || "./@_-:\\%#&=?+~".contains(c));
        // A term or a brand with a capital after its first letter (TOPCon, iPhone, McKinsey)
        // is not hyphenated: a hyphen in it reads as part of its spelling (TOP-|Con, review
        // 43). A name (Ganfeng, António) hyphenates as English words do where that sets the
        // paragraph better than keeping it whole: at a line's end in a 10-character column,
        // kept whole, it spread its line by 28–40% of an em.
        let term = word > 1 && chars[i + 1..i + word].iter().any(|c| c.is_uppercase());
        if word >= LATIN_WORD && !term && !token(i.checked_sub(1).map(|k| &chars[k])) && !token(chars.get(i + word)) {
            runs.push(Run { style: "latin", text: chars[i..i + word].iter().collect() });
            i += word;
            continue;
        }
        match runs.last_mut() {
            _ if chars[i] == QUOTE_BREAK => runs.push(Run { style: "break", text: QUOTE_BREAK.to_string() }),
            // A mark no line may start with that the Unicode rules let one start with: a run of
            // its own after its neighbour's (the character before alone, or the number), which
            // the template keeps in one box with it.
            Some(r) if (KEPT_AFTER.contains(&chars[i]) || range_dash(&chars, i)) && printed(chars[i - 1]) => {
                if r.style == "body" && r.text.chars().count() > 1 {
                    let c = r.text.pop().expect("two characters");
                    runs.push(Run { style: "body", text: c.to_string() });
                }
                runs.push(Run { style: "kept", text: chars[i].to_string() });
            }
            // Latin words and the spaces and marks among them (a quotation in English, a name):
            // `words`, which the template does not close up as it does Chinese.
            Some(r) if r.style == "words" && (chars[i].is_ascii() || is_latin_letter(chars[i])) => r.text.push(chars[i]),
            Some(r) if r.style == "latin" && (chars[i].is_ascii() || is_latin_letter(chars[i])) => runs.push(Run { style: "words", text: chars[i].to_string() }),
            _ if is_latin_letter(chars[i]) => runs.push(Run { style: "words", text: chars[i].to_string() }),
            Some(r) if r.style == "body" => r.text.push(chars[i]),
            _ => runs.push(Run { style: "body", text: chars[i].to_string() }),
        }
        i += 1;
    }
    for r in runs.iter_mut().filter(|r| r.style == "words" && is_address(&r.text)) {
        r.style = "address";
    }
    runs
}

/// The most characters of a house word [`names`] keeps on one line: a longer one (an office,
/// 江西省公安厅禁毒总队) may break as other copy does — boxed whole it could be wider than a
/// column.
pub const MAX_NAME_CHARS: usize = 5;

/// The house's words in a paragraph, which no line breaks inside, as spans of `chars` (start,
/// end), in order and apart: each of [`MAX_NAME_CHARS`] characters or fewer, wherever it
/// stands (省委书记易|炼红 and 叶|建春 were line breaks until session 44, though the house
/// listed them: a 校对 never lets a leader's name part). Not one that opens the paragraph
/// before a colon (an interview's speaker, 易炼红：).
///
/// (Foreign names were tried too — the parts about a 间隔号, 唐纳德·特朗普, by the characters of
/// transliteration — kept where that spread no line: in a 10-character column it nearly always
/// does, a 3-character part at a line's end leaving two ems to spread, and on a one-column page
/// of them no part was kept that was not whole before. A desk lists the names it keeps.)
fn names(chars: &[char], house: &HouseWords) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        for w in house.0.get(c).into_iter().flatten() {
            if chars[i..].starts_with(w) {
                spans.push((i, i + w.len()));
            }
        }
    }
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        let label = a == 0 && chars.get(b) == Some(&'：');
        if !label && out.last().is_none_or(|&(_, end)| a >= end) {
            out.push((a, b));
        }
    }
    out
}

/// Words of a story's credit that body copy keeps whole wherever they stand, as the house's
/// words: an attribution written into the copy, （记者 许可）, broke 「（记｜者 许可）」 at a
/// line's end (review 49).
pub const BYLINE_WORDS: &[&str] = &["记者", "通讯员", "实习生", "特约记者", "本报讯"];

/// The house's words body copy keeps whole ([`names`]): those of two to [`MAX_NAME_CHARS`]
/// characters, by their first character — a paragraph is read once, whatever the list's length
/// (2 000 words, the most, were each sought through every paragraph until made so).
#[derive(Debug, Clone, Default)]
pub struct HouseWords(std::collections::HashMap<char, Vec<Vec<char>>>);

impl HouseWords {
    /// The words of `[typography] words` body copy keeps whole, and [`BYLINE_WORDS`].
    pub fn new(words: &[String]) -> Self {
        let mut by_first: std::collections::HashMap<char, Vec<Vec<char>>> = std::collections::HashMap::new();
        for w in words.iter().map(String::as_str).chain(BYLINE_WORDS.iter().copied()) {
            let w: Vec<char> = w.chars().collect();
            if (2..=MAX_NAME_CHARS).contains(&w.len()) && !by_first.get(&w[0]).is_some_and(|v| v.contains(&w)) {
                by_first.entry(w[0]).or_default().push(w);
            }
        }
        HouseWords(by_first)
    }
}

/// `runs` with the Chinese text of each span of `spans` ([`names`]) a `house` run of its own:
/// `body` characters only (a house word never boxes a number or a Latin word with it); a `body` run
/// of a single character before a kept mark (约 翰 ·) joins its word.
fn with_names(runs: Vec<Run>, spans: &[(usize, usize)]) -> Vec<Run> {
    let span_of = |i: usize| spans.iter().position(|&(a, b)| a <= i && i < b);
    let mut out: Vec<Run> = Vec::with_capacity(runs.len() + 2 * spans.len());
    // The span of the last run pushed, where that is a `house` run.
    let mut last: Option<usize> = None;
    let mut at = 0;
    for r in runs {
        let n = r.text.chars().count();
        if r.style != "body" {
            out.push(r);
            last = None;
            at += n;
            continue;
        }
        // The run in pieces of one span each (or of none), in order.
        let chars: Vec<char> = r.text.chars().collect();
        let mut k = 0;
        while k < n {
            let span = span_of(at + k);
            let len = chars[k..].iter().enumerate().take_while(|(j, _)| span_of(at + k + j) == span).count();
            let text: String = chars[k..k + len].iter().collect();
            match (span, out.last_mut()) {
                (Some(s), Some(prev)) if last == Some(s) => prev.text.push_str(&text),
                (Some(s), _) => {
                    out.push(Run { style: "house", text });
                    last = Some(s);
                }
                (None, _) => {
                    out.push(Run { style: "body", text });
                    last = None;
                }
            }
            k += len;
        }
        at += n;
    }
    out
}

/// Whether a run of Latin text is a web or e-mail address (service@example.com,
/// https://…, www.…, a path with `/`): one token, no space, which the template lets a line
/// break before any letter or figure (not before a mark: . @ / -), with no hyphen (a hyphen
/// would read as part of it). Until session 38 an address wider than its column was a `too-wide` error and the
/// build was refused, with no way to mend it but changing the address.
fn is_address(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')'));
    !t.contains(char::is_whitespace)
        && t.chars().any(|c| c.is_ascii_alphanumeric())
        && ((t.contains('@') && t.contains('.')) || t.contains("://") || t.to_ascii_lowercase().starts_with("www.") || (t.contains('/') && t.contains('.')))
}

/// `text` with the spaces typed in it that Chinese copy does not print dropped: one beside a
/// full-width mark (it carries its own white: 。 新的, （ 记者）) and one between Chinese and a
/// figure or a Latin word (共 15 人, 有 5G 网络, GDP 增长 5.2%: the web's habit; the figure is set
/// half width on the character grid without it) but after a dateline (本报讯 10月25日,
/// 北京11月2日电 11月…: Chinese ending in 讯 or 电). A run of spaces is one space. The others
/// stay a space, which the line's justification stretches first: between Latin words (New
/// York) and between Chinese (the wire's 新华社北京11月2日电 国际…, 记者 王芳), where the line
/// takes up its slack (tried: a fixed full-width space, 一字空, on the character grid; a wire
/// paragraph whose dateline line then could not hold （IDC） spread its characters by 14 % of
/// an em). The lead box's paragraphs and the captions are set so too (not a headline, whose
/// space between phrases an editor types to be seen).
pub fn typed_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let chinese = |c: char| !c.is_ascii() && !is_latin_letter(c) && !c.is_whitespace() && !CLOSING_MARKS.contains(c) && !OPENING_MARKS.contains(c);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = i + chars[i..].iter().take_while(|c| c.is_whitespace()).count();
        if let (Some(a), Some(b)) = (i.checked_sub(1).map(|k| chars[k]), chars.get(end).copied()) {
            let latin = is_latin;
            let dateline = matches!(a, '讯' | '电');
            // A quotation in English keeps its spaces: “The recovery is gaining momentum,” said
            // John (the curly quote after or before English text, English beyond the space).
            let before = |k: usize| k.checked_sub(1).map(|k| chars[k]);
            let english_close = matches!(a, '”' | '’') && before(i - 1).is_some_and(latin) && b.is_ascii_alphanumeric();
            let english_open = matches!(b, '“' | '‘') && latin(a) && chars.get(end + 1).is_some_and(|c| c.is_ascii_alphanumeric());
            // A line's end (a newline, a carriage return, U+2028 or U+2029 where a caption or
            // a lead box has one) joins two Chinese characters with nothing, as in the body.
            let line_end = chars[i..end].iter().any(|c| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'));
            if (latin(a) && latin(b)) || (chinese(a) && chinese(b) && !line_end) || (dateline && b.is_ascii_alphanumeric()) || english_close || english_open {
                // A no-break space typed between two words stays one (100 km, Mr Li): the
                // line may not break there (it did until session 40).
                out.push(if chars[i..end].iter().all(|&c| c == '\u{a0}') { '\u{a0}' } else { ' ' });
            }
        }
        i = end;
    }
    out
}

/// Marks a line may not start with (clreq), full and half width: a closing mark stays with what
/// stands before it.
pub const CLOSING_MARKS: &str = "，。、；：！？）」』】〕》”’…～·,.;:!?)〉";
/// Marks a line may not end with: an opening mark stays with what follows it.
pub const OPENING_MARKS: &str = "（《「『【〔“‘(〈";
/// Units and signs written after a number (JIS X 4051's postfixed abbreviations, the Unicode
/// line-breaking class PO): 3℃, 5‰, 7°, 30′, 50％ stay on the number's line.
pub const UNITS_AFTER: &str = "℃℉‰‱°′″％¢";
/// Signs written before a number (prefixed abbreviations, class PR): ±5, ¥9, €3, №3 stay on
/// the number's line.
pub const SIGNS_BEFORE: &str = "±¥￥$＄£€№#";
/// Marks standing between two numbers: a range's dash (2～3, 1—9月) and the ratio of a score
/// (3∶1), set with no pad beside them.
const BETWEEN_NUMBERS: &str = "～〜—–∶";

/// Where an odd run of half-width places (137, 15.2%, GDP) is padded to whole characters
/// ([`body_runs`]): a quarter em either side, but never beside a mark the line may not part it
/// from — a closing mark after it (15.2%；, 5G，) or an opening one before it (（137）): the pad is
/// a place the line may break, and 增长15.2% | ；商品 set a semicolon at a line's start — nor
/// beside a unit after it or a sign before it ([`UNITS_AFTER`], [`SIGNS_BEFORE`]: 高2～3 | ℃
/// until session 38).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pads {
    Both,
    Left,
    Right,
    Neither,
}

impl Pads {
    fn between(before: Option<char>, after: Option<char>) -> Pads {
        // Beside a mark between two numbers (2～3℃, 15.6%～18.2%, 1—9月, a score 3∶1) a pad
        // read as a space typed by it; after a minus or a plus sign (-5℃), as one parting the
        // sign from its number.
        let opens = before.is_some_and(|c| OPENING_MARKS.contains(c) || SIGNS_BEFORE.contains(c) || BETWEEN_NUMBERS.contains(c) || "-−+＋－".contains(c));
        let closes = after.is_some_and(|c| CLOSING_MARKS.contains(c) || UNITS_AFTER.contains(c) || BETWEEN_NUMBERS.contains(c));
        match (opens, closes) {
            (false, false) => Pads::Both,
            (false, true) => Pads::Left,
            (true, false) => Pads::Right,
            (true, true) => Pads::Neither,
        }
    }
}

/// The run style of a number (`digits…`) or a code (`code…`) of `places` half-width places:
/// even, or odd with its pads ([`Pads`]).
fn half_width_style(code: bool, places: usize, pads: Pads) -> &'static str {
    match (code, places % 2 == 1, pads) {
        (false, false, _) => "digits",
        (false, true, Pads::Both) => "digits-odd",
        (false, true, Pads::Left) => "digits-odd-left",
        (false, true, Pads::Right) => "digits-odd-right",
        (false, true, Pads::Neither) => "digits-odd-none",
        (true, false, _) => "code",
        (true, true, Pads::Both) => "code-odd",
        (true, true, Pads::Left) => "code-odd-left",
        (true, true, Pads::Right) => "code-odd-right",
        (true, true, Pads::Neither) => "code-odd-none",
    }
}

/// The fewest letters of a Latin word that the line may hyphenate (a `latin` run, set in English
/// with hyphenation): a word longer than what is left of a line no longer leaves the line
/// spread by an em or more, nor runs past the column (`too-wide`) where it is longer than the
/// column. Shorter words are not hyphenated (English patterns leave two letters either side),
/// nor letters that are part of a web address, a file name or a code (a digit or one of
/// `./@_-:` and the like beside them).
pub const LATIN_WORD: usize = 5;

/// A line break a Chinese closing quote allows before a Latin letter or a digit, which the
/// Unicode line-breaking rules do not: `“一网通办”APP`, `“五聚工程”15项`. UAX #14 keeps a quotation
/// mark with its neighbours unless both are East Asian, so the breaker could only break before
/// the opening quote and spread the line it left by an em or more (a loose line of 12–17% of an
/// em); clreq lets a line end with a closing quote and the next start with the word. A run of
/// its own (`break`), which the templates set as an empty box: an object, which the rules let
/// a line break after (zero spacing does not: a quote keeps it; nor the character itself,
/// which the fonts have no glyph for).
pub const QUOTE_BREAK: char = '\u{200B}';

/// `text`'s characters with [`QUOTE_BREAK`] after each closing quote ” or ’ that follows a
/// Chinese character and comes before an ASCII letter or digit (never inside an English word:
/// `don’t` is left whole).
fn quote_breaks(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        let after_chinese = i > 0 && !is_latin(chars[i - 1]) && !chars[i - 1].is_whitespace();
        if matches!(c, '”' | '’') && after_chinese && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric()) {
            out.push(QUOTE_BREAK);
        }
    }
    out
}

/// A paragraph's runs with each number's unit or measure word parted from it again, where the
/// line breaker may break between them (`None` when no number keeps one): what the galley
/// sets instead where keeping them spreads a line loose ([`Galley::settle_parted`]). The
/// house's words stay whole.
fn parted_units(runs: &[Run]) -> Option<Vec<Run>> {
    let unit = |k: usize| {
        runs[k].style == "kept" && k > 0 && runs[k - 1].style.starts_with("digits") && runs[k].text.chars().all(|c| UNITS.contains(c))
    };
    if !(0..runs.len()).any(unit) {
        return None;
    }
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for (k, r) in runs.iter().enumerate() {
        match out.last_mut() {
            Some(prev) if r.style == "body" && k > 0 && unit(k - 1) => prev.text.push_str(&r.text),
            _ if unit(k) => out.push(Run { style: "body", text: r.text.clone() }),
            _ => out.push(r.clone()),
        }
    }
    Some(out)
}

/// The widest advance of a Han character (in em) past which a justified line is loose: 5 % of
/// an em of spreading, the house's limit (issue 14).
const LOOSE_ADVANCE: f64 = 1.05;

/// The most characters of a number whose unit [`body_runs`] keeps on its line (61岁, not 2023年).
const MAX_KEPT_NUMBER: usize = 2;

/// How many characters at the start of `s` are the unit or measure word of the number before
/// them, which no line parts from it (61岁, 33家, 9万 of 9万余元; after a number of [`MAX_KEPT_NUMBER`] figures at most): the first of
/// [`UNITS`] (a box of more, 1.8万名, spread its lines loose).
fn unit_len(s: &[char]) -> usize {
    usize::from(s.first().is_some_and(|&c| UNITS.contains(c)))
}

/// Marks a line may not start with (clreq) that the Unicode line-breaking rules let a line
/// start with: the wave dash of a range (15.6%～18.2%, 1～2月) and the middle dot of a foreign
/// name (约翰·史密斯); the others of [`CLOSING_MARKS`] the rules keep from a line's start.
/// [`body_runs`] gives each a `kept` run (15.6% | ～18.2% was a line break until session 37).
const KEPT_AFTER: &[char] = &['～', '〜', '·'];

/// Whether `chars[i]` is a dash between two figures (1—9月, 2020–2023): a range's 连接号, which
/// no line starts with either (a 破折号 —— between words may).
fn range_dash(chars: &[char], i: usize) -> bool {
    matches!(chars[i], '—' | '–') && i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit)
}

/// The text of a line of a story's copy as its file has it: its runs but the attribution (a
/// field of its own, （程军）) and a hyphen the line breaker added — what a cut from the
/// story's body takes.
pub fn copy_text(line: &[Run]) -> String {
    line.iter().filter(|r| r.style != "attribution" && r.style != "hyphen").map(|r| r.text.as_str()).collect()
}

/// Whether `c` is printed: not a space, not a [`QUOTE_BREAK`].
pub fn printed(c: char) -> bool {
    !c.is_whitespace() && c != QUOTE_BREAK
}

/// The marks that may stand inside a code between its letters and digits (COVID-19, 4G/5G,
/// Wi-Fi, B2B.com).
const CODE_MARKS: &str = "-./+&_:";

/// Most half-width places of a code [`body_runs`] sets half width: a longer run of letters,
/// digits and marks (a web address, a file name) keeps the font's proportional forms and
/// the places the line may break inside it.
pub const CODE_PLACES: usize = 12;

/// How many characters at the start of `s` make a code (0 when none does): a run of ASCII
/// letters and digits, with the marks of [`CODE_MARKS`] between them, that holds a letter and
/// a capital or a digit,
/// no word of [`LATIN_WORD`] letters or more unless it holds a digit or a mark too (such a
/// word alone is a `latin` run, which the line may hyphenate), and at most [`CODE_PLACES`]
/// characters — 5G, GDP, APP, AI, U17, COVID-19, 4G/5G. The fonts' half-width forms (`hwid`)
/// set it on the character grid as they do a number: its proportional letters (G is 0.74 of
/// an em) would leave every line that holds one a fraction of an em to spread.
fn code_len(s: &[char]) -> usize {
    let mut n = s.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if n == 0 {
        return 0;
    }
    while n + 1 < s.len() && CODE_MARKS.contains(s[n]) && s[n + 1].is_ascii_alphanumeric() {
        n += 1 + s[n + 1..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    }
    // A sign after it belongs to it (5G+, 50%).
    if s.get(n).is_some_and(|c| "+%".contains(*c)) && !s.get(n + 1).is_some_and(char::is_ascii_graphic) {
        n += 1;
    }
    let run = &s[..n];
    // Letters with a capital or a digit among them (5G, GDP, km in 5km), not a lowercase word
    // of English (don, and).
    let letters = run.iter().any(|c| c.is_ascii_alphabetic()) && run.iter().any(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let word_only = run.iter().all(|c| c.is_ascii_alphabetic());
    let long_word = run.split(|c| !c.is_ascii_alphabetic()).any(|w| w.len() >= LATIN_WORD);
    // Not when the run goes on in other ASCII (a space and a word: New York; an @ in an address).
    let goes_on = s.get(n).is_some_and(|&c| is_latin(c) && c != '%') || (matches!(s.get(n), Some(' ' | '’')) && s.get(n + 1).is_some_and(char::is_ascii_alphanumeric));
    if !letters || n > CODE_PLACES || (long_word && word_only) || goes_on {
        return 0;
    }
    n
}

/// Whether a paragraph's final word alone on its last line would be a runt, a line the line
/// breaker keeps away from the paragraph's end (the house style's `runt-cost`): a Han
/// character with its marks (生。, 心愿。” with 愿。”) is; a number, a code or a Latin word of
/// two characters' width or more (达99.2%。 — 99.2%。), a web or e-mail address, or the
/// attribution （记者 孙悦）, is not,
/// and keeping such a word off the last line alone spreads the lines above it (loose lines
/// of 10–13 % of an em on copy full of figures).
pub fn ends_in_runt(runs: &[Run]) -> bool {
    let closing = |c: char| CLOSING_MARKS.contains(c) || c.is_whitespace();
    for r in runs.iter().rev() {
        if r.style == "break" || (matches!(r.style, "body" | "words") && r.text.chars().all(|c| closing(c) || c == '.')) {
            continue;
        }
        let places = r.text.chars().count();
        return match r.style {
            "attribution" | "latin" | "address" => false,
            "words" => places < 2,
            s if s.starts_with("digits") || s.starts_with("code") => places < 4,
            _ => true,
        };
    }
    true
}

/// How many characters at the start of `s` make a number (0 when it starts with none): ASCII
/// digits, each `.` `,` `:` between two digits, and a `%` after the last.
fn number_len(s: &[char]) -> usize {
    let digits = |from: usize| s[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut n = digits(0);
    if n == 0 {
        return 0;
    }
    while n + 1 < s.len() && matches!(s[n], '.' | ',' | ':' | '-' | '/') && s[n + 1].is_ascii_digit() {
        n += 1 + digits(n + 1);
    }
    if s.get(n) == Some(&'%') {
        n += 1;
    }
    n
}

/// Cut a paragraph's runs at the line boundaries typst chose.
pub fn split_runs(runs: &[Run], lines: &[String]) -> Result<Vec<Vec<Run>>, String> {
    // The paragraph as (char, run index) pairs.
    let chars: Vec<(char, usize)> = runs.iter().enumerate().flat_map(|(i, r)| r.text.chars().map(move |c| (c, i))).collect();
    let mut cursor = 0;
    let mut bounds = Vec::new();
    // The lines that end with a hyphen inside a Latin word.
    let mut hyphenated = Vec::new();
    for line in lines {
        // A space the line broke at ends the line before: the next does not start with it
        // (“The recovery | is gaining: pass 2 set the space at the line's start, white; in the
        // attribution too, （记者 何静 | 通讯员 吴昊）: review 49, its second line 2.6 pt in).
        if !bounds.is_empty() {
            while cursor < chars.len() && chars[cursor].0.is_whitespace() {
                cursor += 1;
            }
        }
        let start = cursor;
        for c in line.chars().filter(|&c| printed(c)) {
            while cursor < chars.len() && !printed(chars[cursor].0) {
                cursor += 1;
            }
            // A hyphen the breaker set at the line's end inside a Latin word: the word goes on
            // on the next line.
            let inside_word = cursor > 0 && cursor < chars.len() && runs[chars[cursor].1].style == "latin" && chars[cursor - 1].1 == chars[cursor].1;
            // (Typst gives the line's text a soft hyphen there, U+00AD.)
            if matches!(c, '\u{ad}' | '-' | '\u{2010}') && inside_word && chars[cursor].0 != c {
                hyphenated.push(bounds.len());
                break;
            }
            if cursor >= chars.len() || chars[cursor].0 != c {
                return Err(format!("could not follow the line breaks of the paragraph starting \"{}\"", runs.iter().map(|r| r.text.as_str()).collect::<String>().chars().take(12).collect::<String>()));
            }
            cursor += 1;
        }
        bounds.push((start, cursor));
    }
    if let Some(last) = bounds.last_mut() {
        last.1 = chars.len();
    }
    Ok(bounds
        .into_iter()
        .enumerate()
        .map(|(k, (a, b))| {
            // (Runs as the paragraph has them: a `kept` mark's neighbour stays a run of its own.)
            let mut line: Vec<Run> = Vec::new();
            let mut last = usize::MAX;
            for &(c, ri) in &chars[a..b] {
                match line.last_mut() {
                    Some(r) if ri == last => r.text.push(c),
                    _ => line.push(Run { style: runs[ri].style, text: c.to_string() }),
                }
                last = ri;
            }
            if hyphenated.contains(&k) {
                line.push(Run { style: "hyphen", text: "-".to_string() });
            }
            line
        })
        .collect())
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_latin_word_is_a_run_of_its_own_and_a_line_may_break_it_with_a_hyphen() {
        let runs = body_runs("又称Pneumonoultramicroscopic方案，GPS定位");
        let got: Vec<(&str, &str)> = runs.iter().map(|r| (r.style, r.text.as_str())).collect();
        assert_eq!(got, [("body", "又称"), ("latin", "Pneumonoultramicroscopic"), ("body", "方案，"), ("code-odd", "GPS"), ("body", "定位")]);
        // Typst's line text ends with a soft hyphen where it broke the word: the line gets a
        // hyphen run, the word goes on on the next.
        let lines = ["又称Pneumonoul\u{ad}".to_string(), "tramicroscopic方案，GPS定位".to_string()];
        let split = split_runs(&runs, &lines).unwrap();
        let text = |l: &[Run]| l.iter().map(|r| format!("{}:{}", r.style, r.text)).collect::<Vec<_>>();
        assert_eq!(text(&split[0]), ["body:又称", "latin:Pneumonoul", "hyphen:-"]);
        assert_eq!(text(&split[1]), ["latin:tramicroscopic", "body:方案，", "code-odd:GPS", "body:定位"]);
        // Letters of a web address or a code are not a word to hyphenate.
        assert!(body_runs("网址www.example.org，型号AEC-Q100，文件report_final").iter().all(|r| r.style != "latin"));
        // Not inside a word: a line that does not follow the copy is still an error.
        assert!(split_runs(&runs, &["又称\u{ad}".to_string()]).is_err());
    }

    #[test]
    fn a_closing_quote_before_a_latin_word_or_a_number_may_end_a_line() {
        let styles = |t: &str| body_runs(t).iter().map(|r| r.style).collect::<Vec<_>>();
        assert_eq!(styles("“一网通办”APP"), ["body", "break", "code-odd"]);
        assert_eq!(styles("“五聚工程”15项"), ["body", "break", "digits", "kept"]);
        // Between Chinese characters the Unicode rules break already; in an English word, never.
        assert_eq!(styles("“十四五”规划"), ["body"]);
        assert!(!styles("don’t and “Go”now").contains(&"break"));
        let text: String = body_runs("“一网通办”APP").iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text.chars().filter(|&c| printed(c)).collect::<String>(), "“一网通办”APP");
    }

    #[test]
    fn digits_are_runs_of_their_own_odd_or_even() {
        let runs = body_runs("2024年3月15日破获137起");
        let got: Vec<(&str, &str)> = runs.iter().map(|r| (r.style, r.text.as_str())).collect();
        assert_eq!(got, [("digits", "2024"), ("body", "年"), ("digits-odd", "3"), ("kept", "月"), ("digits", "15"), ("kept", "日"), ("body", "破获"), ("digits-odd", "137"), ("body", "起")]);
        assert_eq!(body_runs("没有数字").len(), 1);
        // A number with its marks is one run: 5.2% holds four half-width places, 1,277 five.
        let got: Vec<(&str, String)> = body_runs("增长5.2%，共1,277人，9:30。1.").iter().map(|r| (r.style, r.text.clone())).collect();
        let want = [("body", "增长"), ("digits", "5.2%"), ("body", "，共"), ("digits-odd", "1,277"), ("body", "人，"), ("digits", "9:30"), ("body", "。"), ("digits-odd-left", "1"), ("body", ".")];
        assert_eq!(got, want.map(|(s, t)| (s, t.to_string())));
    }

    #[test]
    fn short_latin_codes_are_runs_set_half_width_and_words_are_not() {
        let got = |t: &str| -> Vec<(&'static str, String)> { body_runs(t).into_iter().map(|r| (r.style, r.text)).collect() };
        let run = |s: &'static str, t: &str| (s, t.to_string());
        // A code: 5G two places, GDP three, COVID-19 eight; a number stays a number.
        assert_eq!(got("建成5G基站12638个"), [run("body", "建成"), run("code", "5G"), run("body", "基站"), run("digits-odd", "12638"), run("body", "个")]);
        assert_eq!(got("（GDP）增长"), [run("body", "（"), run("code-odd-none", "GDP"), run("body", "）增长")]);
        assert_eq!(got("COVID-19疫情"), [run("code", "COVID-19"), run("body", "疫情")]);
        assert_eq!(got("“5G+工业互联网”"), [run("body", "“"), run("code-odd-right", "5G+"), run("body", "工业互联网”")]);
        // An odd run is not padded beside a mark the line may not part it from.
        assert_eq!(got("增长15.2%；商品"), [run("body", "增长"), run("digits-odd-left", "15.2%"), run("body", "；商品")]);
        assert_eq!(got("（137）"), [run("body", "（"), run("digits-odd-none", "137"), run("body", "）")]);
        // A web or e-mail address is one run the template may break inside.
        assert_eq!(got("邮箱service@example.com。"), [run("body", "邮箱"), run("address", "service@example.com"), run("body", "。")]);
        assert_eq!(got("登录https://www.example.gov.cn/a/b.html查询"), [run("body", "登录"), run("address", "https://www.example.gov.cn/a/b.html"), run("body", "查询")]);
        assert_eq!(got("据New York报道"), [run("body", "据"), run("words", "New York"), run("body", "报道")]);
        // No pad (a place to break) between a number and its unit or sign: 3℃, ±5, ¥9元.
        assert_eq!(got("高3℃"), [run("body", "高"), run("digits-odd-left", "3"), run("body", "℃")]);
        assert_eq!(got("为±5伏"), [run("body", "为±"), run("digits-odd-right", "5"), run("body", "伏")]);
        assert_eq!(got("¥9‰"), [run("body", "¥"), run("digits-odd-none", "9"), run("body", "‰")]);
        assert_eq!(got("以3∶1逆转"), [run("body", "以"), run("digits-odd-left", "3"), run("body", "∶"), run("digits-odd-right", "1"), run("body", "逆转")]);
        assert_eq!(got("降至-5℃"), [run("body", "降至-"), run("digits-odd-none", "5"), run("body", "℃")]);
        assert_eq!(got("高2～3℃"), [run("body", "高"), run("digits-odd-left", "2"), run("kept", "～"), run("digits-odd-none", "3"), run("body", "℃")]);
        // A number keeps its unit or measure word on its line (the first: 9万 | 余元).
        assert_eq!(got("现年61岁，"), [run("body", "现年"), run("digits", "61"), run("kept", "岁"), run("body", "，")]);
        assert_eq!(got("投入9万余元"), [run("body", "投入"), run("digits-odd", "9"), run("kept", "万"), run("body", "余元")]);
        assert_eq!(got("2023年6月"), [run("digits", "2023"), run("body", "年"), run("digits-odd", "6"), run("kept", "月")]);
        assert_eq!(got("5G网络"), [run("code", "5G"), run("body", "网络")]);
        assert_eq!(got("售价¥9元"), [run("body", "售价¥"), run("digits-odd-right", "9"), run("body", "元")]);
        // A telephone number, a date or a range in figures is one number: no pad inside it.
        assert_eq!(got("拨打12345-6789咨询"), [run("body", "拨打"), run("digits", "12345-6789"), run("body", "咨询")]);
        assert_eq!(got("于2023-10-18发布"), [run("body", "于"), run("digits", "2023-10-18"), run("body", "发布")]);
        assert_eq!(got("（GDP增长"), [run("body", "（"), run("code-odd-right", "GDP"), run("body", "增长")]);
        // A word of five letters or more alone is `latin` (hyphenated), not a code; a term
        // with a capital after its first letter is `words`, not hyphenated.
        assert_eq!(got("使用typesetting排版"), [run("body", "使用"), run("latin", "typesetting"), run("body", "排版")]);
        assert_eq!(got("使用Typst排版"), [run("body", "使用"), run("latin", "Typst"), run("body", "排版")]);
        assert_eq!(got("赣锋锂业（Ganfeng Lithium）、N型TOPCon"), [run("body", "赣锋锂业（"), run("latin", "Ganfeng"), run("words", " "), run("latin", "Lithium"), run("body", "）、"), run("code-odd", "N"), run("body", "型"), run("words", "TOPCon")]);
        assert_eq!(got("新款iPhone发布"), [run("body", "新款"), run("words", "iPhone"), run("body", "发布")]);
        // Not inside other ASCII: a phrase, an address, a long file name keep the font's forms.
        assert_eq!(got("据New York报道"), [run("body", "据"), run("words", "New York"), run("body", "报道")]);
        // Latin words and the spaces and marks among them are `words` (not closed up as Chinese).
        assert_eq!(got("他说“It is fine, said John Smith.”"), [run("body", "他说“"), run("words", "It is fine, said John Smith."), run("body", "”")]);
        assert_eq!(got("据Reuters报道，"), [run("body", "据"), run("latin", "Reuters"), run("body", "报道，")]);
        assert_eq!(got("登录www.example.com查询"), [run("body", "登录"), run("address", "www.example.com"), run("body", "查询")]);
        assert!(got("文件a@b.cn").iter().all(|(s, _)| !s.starts_with("code")));
        // Accented Latin letters are letters of their word (Bel ém, Z ürich, S ão until session
        // 40: the ASCII letters before them a code, padded), and a space between two such words
        // stays.
        assert_eq!(got("城市贝伦（Belém）继续"), [run("body", "城市贝伦（"), run("latin", "Belém"), run("body", "）继续")]);
        assert_eq!(got("圣保罗（São Paulo）"), [run("body", "圣保罗（"), run("words", "São "), run("latin", "Paulo"), run("body", "）")]);
        assert_eq!(got("苏黎世Zürich"), [run("body", "苏黎世"), run("latin", "Zürich")]);
        assert_eq!(got("越南的Nguyễn Văn An说"), [run("body", "越南的"), run("latin", "Nguyễn"), run("words", " Văn An"), run("body", "说")]);
        assert_eq!(typed_spaces("何塞·马蒂（José Martí）"), "何塞·马蒂（José Martí）");
        assert_eq!(credit_line("郑智君"), "郑智君摄");
        assert_eq!(credit_line("新华社记者 王天聪摄"), "新华社记者 王天聪摄");
        assert_eq!(credit_line("新华社发"), "新华社发");
        assert_eq!(credit_line("受访者供图"), "受访者供图");
        // A mark no line may start with gets a run of its own after its neighbour's, which the
        // template boxes with it; split at line ends, the runs stay apart.
        assert_eq!(got("约翰·史密斯"), [run("body", "约"), run("body", "翰"), run("kept", "·"), run("body", "史密斯")]);
        assert_eq!(got("1—9月"), [run("digits-odd-left", "1"), run("kept", "—"), run("digits-odd-right", "9"), run("kept", "月")]);
        assert_eq!(got("他说——好"), [run("body", "他说——好")]);
        assert_eq!(got("增长15.6%～18.2%"), [run("body", "增长"), run("digits-odd-left", "15.6%"), run("kept", "～"), run("digits-odd-right", "18.2%")]);
        // The space a line breaks at is on neither line.
        let lines = split_runs(&body_runs("said John Smith"), &["said John".into(), "Smith".into()]).unwrap();
        assert_eq!(lines[1], vec![Run { style: "latin", text: "Smith".into() }], "{lines:?}");
        // Nor in an attribution (until session 50 its second line began with the space, 2.6 pt
        // in from the column's edge).
        let runs = [Run { style: "body", text: "纪录。".into() }, Run { style: "attribution", text: "（记者 周涛）".into() }];
        assert_eq!(split_runs(&runs, &["纪录。（记者 ".into(), "周涛）".into()]).unwrap()[1], vec![Run { style: "attribution", text: "周涛）".into() }]);
        let runs = body_runs("约翰·史密斯说");
        assert_eq!(split_runs(&runs, &["约翰·".into(), "史密斯说".into()]).unwrap()[0], vec![Run { style: "body", text: "约".into() }, Run { style: "body", text: "翰".into() }, Run { style: "kept", text: "·".into() }]);
    }

    #[test]
    fn house_words_are_runs_no_line_breaks_inside() {
        let got = |t: &str, house: &[&str]| -> Vec<(&'static str, String)> {
            let house: Vec<String> = house.iter().map(|w| w.to_string()).collect();
            body_runs_with(t, &HouseWords::new(&house)).into_iter().map(|r| (r.style, r.text)).collect()
        };
        let run = |s: &'static str, t: &str| (s, t.to_string());
        // The house's words, wherever they stand; not one longer than a name.
        assert_eq!(got("昨日，省委书记易炼红在南昌", &["易炼红", "江西省公安厅禁毒总队"]), [run("body", "昨日，省委书记"), run("house", "易炼红"), run("body", "在南昌")]);
        // Never parted again (the house listed it: a loose line is reported where one costs it).
        assert!(parted_units(&body_runs_with("省委书记易炼红在南昌", &HouseWords::new(&["易炼红".to_string()]))).is_none());
        assert_eq!(got("江西省公安厅禁毒总队供稿", &["江西省公安厅禁毒总队"]), [run("body", "江西省公安厅禁毒总队供稿")]);
        // Not a speaker's label.
        assert_eq!(got("易炼红：我们", &["易炼红"]), [run("body", "易炼红：我们")]);
        // A credit written into the copy keeps its words whole, the house's list or none
        // (review 49: 「（记｜者 许可）」).
        assert_eq!(got("即可借阅。（记者 林晓 通讯员 罗敏）", &[]), [run("body", "即可借阅。（"), run("house", "记者"), run("body", " 林晓 "), run("house", "通讯员"), run("body", " 罗敏）")]);
        // A house word boxed with the kept mark after it (约翰· of a house's 约翰).
        assert_eq!(got("约翰·史密斯", &["约翰"]), [run("house", "约翰"), run("kept", "·"), run("body", "史密斯")]);
        assert!(parted_units(&body_runs("没有名字的段落")).is_none());
    }

    #[test]
    fn a_space_chinese_copy_does_not_print_is_dropped() {
        let text = |t: &str| -> String { body_runs(t).iter().map(|r| r.text.as_str()).collect() };
        // After the wire's dateline, before Chinese or a figure: a space (the line's slack).
        assert_eq!(text("新华社北京11月2日电 国际数据公司"), "新华社北京11月2日电 国际数据公司");
        assert_eq!(text("本报讯  10月25日"), "本报讯 10月25日");
        assert_eq!(text("GDP 增长 5.2%，iPhone 15 系列"), "GDP增长5.2%，iPhone 15系列");
        // The web's spaces around a figure or a code, one beside a full-width mark, one after a
        // figure or a code before Chinese: none, and the figure's run is as without them.
        assert_eq!(body_runs("共 15 人，有 5G 网络"), body_runs("共15人，有5G网络"));
        // An English quotation keeps the spaces around its quotes; Chinese ones do not.
        assert_eq!(typed_spaces("“It works,” said John. He said “Yes” to it."), "“It works,” said John. He said “Yes” to it.");
        assert_eq!(typed_spaces("他说“一网通办” APP 很方便"), "他说“一网通办”APP很方便");
        assert_eq!(typed_spaces("图为\u{2028}现场\r民警"), "图为现场民警");
        assert_eq!(typed_spaces("全长100\u{a0}km的Mr\u{a0}Li"), "全长100\u{a0}km的Mr\u{a0}Li");
        assert_eq!(body_runs("共 137 人"), body_runs("共137人"));
        assert_eq!(text("（ 记者 王芳 ） 新的。 下一"), "（记者 王芳）新的。下一");
        assert_eq!(text("GDP 增长"), "GDP增长");
        // Between Latin words and figures, a space; a line of spaces inside a paragraph, one.
        assert_eq!(text("据New York报道，iPhone 15系列"), "据New York报道，iPhone 15系列");
        assert_eq!(text("新的\t 一天"), "新的 一天");
    }

    #[test]
    fn a_paragraph_ending_in_a_number_or_the_attribution_ends_in_no_runt() {
        assert!(ends_in_runt(&body_runs("他考上了大学生。")));
        assert!(ends_in_runt(&body_runs("“守护好每一盏灯，就是我的心愿。”")));
        // 99.2%。 alone on the last line is three characters wide: no runt.
        assert!(!ends_in_runt(&body_runs("居民满意度达99.2%。")));
        // A one-digit number is as narrow as a character.
        assert!(ends_in_runt(&body_runs("共有5。")));
        assert!(!ends_in_runt(&body_runs("详见www.example.com。")));
        let mut runs = body_runs("负责人说。");
        runs.push(Run { style: "attribution", text: "（记者 孙悦）".into() });
        assert!(!ends_in_runt(&runs));
    }

    #[test]
    fn a_speakers_label_is_a_short_name_and_a_full_width_colon() {
        assert_eq!(label_len("记者：今年"), Some("记者：".len()));
        assert_eq!(label_len("刘志远：我们"), Some("刘志远：".len()));
        // Not a label: a clause before the colon, a digit, a half-width colon, too long.
        assert_eq!(label_len("据介绍，记者：今年"), None);
        assert_eq!(label_len("3月18日：晴"), None);
        assert_eq!(label_len("记者:今年"), None);
        assert_eq!(label_len("市体育局有关负责人表示：今年"), None);
        // Only an interview's labels become `label` runs.
        let para = |t: &str| Piece::Para { runs: body_runs(t), tracking: 0.0, runt: true, verse: false };
        let labels = |flow: &[Piece]| -> Vec<String> {
            flow.iter().filter_map(|p| match p { Piece::Para { runs, .. } => runs.iter().find(|r| r.style == "label").map(|r| r.text.clone()), _ => None }).collect()
        };
        let mut flow = vec![para("导语。"), para("问：一？"), para("答：二。"), para("他说：三。")];
        speaker_labels(&mut flow);
        assert_eq!(labels(&flow), ["问：", "答："]);
        let mut flow = vec![para("记者：一？"), para("他说：二。"), para("记者：三？")];
        speaker_labels(&mut flow);
        assert!(labels(&flow).is_empty(), "one speaker is no interview");
    }

    #[test]
    fn only_short_heads_may_be_turned_vertical() {
        let may_turn_head = |h: &str| may_turn(h, &[]);
        assert!(may_turn_head("教育聚能"));
        assert!(may_turn_head("“清源断流”\n严格场所管理"));
        assert!(may_turn_head("源头治理\n加强毒品预防教育"));
        // Twelve characters in one phrase, three phrases, nothing.
        assert!(!may_turn_head("全力推进毒品问题综合治理"));
        assert!(!may_turn_head("万里缉毒\n斩断\n运输通道"));
        assert!(!may_turn_head(" \n "));
        // A run of Latin letters, digits or marks would stand sideways or one under another;
        // one digit may stand, two letters or digits across one box (纵中横).
        assert!(!may_turn_head("增长6.8%"));
        assert!(!may_turn_head("2025年"));
        assert!(!may_turn_head("增长8%"));
        assert!(may_turn_head("5G基站"));
        assert!(may_turn_head("12家企业"));
        assert!(may_turn_head("3月。九江。"));
        // Nor where the deck or kicker beside it has such a run.
        assert!(!may_turn("地铁5号线二期", &["全长12.6公里"]));
        assert!(!may_turn("地铁5号线二期", &["", "NVIDIA发布"]));
        assert!(may_turn("地铁5号线二期", &["全长13公里", ""]));
    }
}
