//! Stage 4: preflight — what must be true before a page goes to press.
//!
//! Takes a [`Compiled`] edition and gives [`Finding`]s: each has a severity, a stable code, the
//! page and story it concerns, a [`Diagnostic`] located in the TOML that causes it (file, line,
//! column, the message and a hint), and where to mark it on a proof. The checks:
//!
//! | code | severity | what |
//! |---|---|---|
//! | `overset` | error | copy that does not fit its block: the lines would be lost |
//! | `head-overset` | error (warning with `--allow-overset`) | a headline that needs more lines than its head area (or its whole block): the head is clipped to its area, the copy under it is not blamed |
//! | `underset` | warning | the columns end two or more lines above the block's foot |
//! | `copyfit` | warning | what `fit = "auto"` changed (tracking, photo height, leading) to fill the block |
//! | `photo-low-ppi` | warning / error | a photo below `warn_ppi` / `error_ppi` at its placed size |
//! | `photo-cropped` | warning | a photo whose box shows less than two thirds of its picture's width or height (a strip or a sliver of it) |
//! | `photo-unreadable` | error | a photo that cannot be decoded (placed as an empty box) |
//! | `glyph-missing` | error | a character no font covers (it would print as a box) |
//! | `ink-not-k` | error | text, a rule or a fill that is not pure K (DeviceCMYK 0/0/0/k) |
//! | `ink-over-limit` | warning | a page's total area coverage above `max_ink` |
//! | `loose-line` | warning | a body line spread by more than 5% of an em |
//! | `kinsoku` | warning | a body line starting with a closing mark (，。；）” …) or ending with an opening one (（“《), a break 禁则 forbids |
//! | `widow`, `orphan` | warning | a paragraph's short last line alone at a column's top, its first line alone at a column's foot |
//! | `short-column` | warning | a column of copy ending a line or more above its foot (齐栏) |
//! | `hole` | warning | white type area more than a grid line deep that no block, banner or masthead covers (开天窗) |
//! | `fold-split` | warning | a headline or banner across the centre spread split at the fold inside a word (运‖输) |
//! | `overprint` | error | Han characters printed over one another on a page (a head over its copy or its own lines) |
//! | `ear-overfull` | error | a front page's ear (报眼) with more than it sets legibly: 导读 items printed over one another or past its foot, or its title or an item shrunk below 9 pt to fit |
//! | `ear-own-page` | warning | a 导读 item of a page's ear (报眼) pointing at that page itself: 导读 lists the stories inside |
//! | `pictures-side-by-side` | warning | two stories' pictures in neighbouring columns on the same lines, only a gutter between (碰图) |
//! | `reading-order` | warning | a story whose copy opens below copy of its own at the top of a later column (its picture or a 竖题 over the opening): the reader meets the story's middle first |
//! | `half-width-bracket` | warning | half-width brackets in Chinese text, 案(事)件 (GB/T 15834: 案（事）件) |
//! | `half-width-mark` | warning | half-width `, : ; ? !` in Chinese text, 获悉,今年 (GB/T 15834: 获悉，今年) |
//! | `full-width-alnum` | warning | full-width Latin letters or digits, ２０２３年 / ＧＤＰ (GB/T 15835: 2023年, GDP) |
//! | `html-in-copy` | warning | an HTML entity or tag in copy, &nbsp; / <p> (from a web page or a newsroom system): printed as written |
//! | `long-leg` | warning | a single column of copy running more than 12 lines beside a photo, or more than 40 beside other stories (a one-column block, an L's one-column leg) (长腿) |
//! | `squeeze-unused` | warning | a block's `squeeze = N` asking for more lines than the story's paragraphs give back set tighter (any, with `fit = "auto"`) |
//! | `photo-rank` | warning | a story's picture printed as large as the page's lead's largest (95 % of its area or more) |
//! | `head-rank` | warning | a story's head printed as large as the page's lead's, or larger (its largest Han glyph within a quarter point of the lead's) |
//! | `heads-side-by-side` | warning | two stories' heads in neighbouring columns on the same lines (碰题) |
//! | `stacked-heads` | warning | a story's head under another's with fewer than four lines of the other's block between (叠题) |
//! | `reordered` | warning | a page whose stories folio placed in another order than their `priority` and the page's list: no layout kept that one ([`placement`]) |
//! | `better-with-cuts` | warning | `folio place` and `folio check` only: a page folio placed with flaws a 美编 sends back (heads side by side, a photo narrowed, a long leg, a widow or orphan) that cutting copy (or cutting some stories and lengthening others) would take away: what to cut from which story, what to add to which ([`placement`]) |
//! | `typst` | warning | Typst's own warnings (e.g. a font family the fonts folder lacks) |
//!
//! Errors found before preflight (content, templates) become findings too ([`from_diagnostic`]).

use std::path::{Path, PathBuf};

/// The ear's vertical title at most (`layouts/style.typ`, `ear-title-size`).
const EAR_TITLE_PT: f64 = 18.0;
/// The smallest the ear sets its title or a 导读 item and still reads (a caption's 小五, 9 pt):
/// smaller is `ear-overfull`.
const EAR_MIN_PT: f64 = 9.0;
/// Room under a 导读 item for its dotted rule: an item whose rule the ear's foot cuts off is
/// one too many.
const EAR_RULE_PT: f64 = 3.0;

use crate::layout::compile::Compiled;
use crate::input::content::{Edition, Loaded, Story};
use crate::diag::{Code, Diagnostic, Severity};
use crate::check::{glyphs, typography};
use crate::check::ink::{self, PageInk};

/// Findings of the automatic placement, at the page's `stories`: each page whose stories are
/// read in another order than their `priority` and the page's list give (no layout kept that
/// one), and each page that cutting (or adding) copy would give fewer flaws ([`crate::layout::place::advise`]).
pub fn placement(edition: &Edition, placed: &[crate::layout::place::PagePlacement]) -> Vec<Finding> {
    let file = &edition.file;
    let reordered = placed
        .iter()
        .filter(|p| p.reordered)
        .map(|p| {
            let number = file.value.pages[p.page].number;
            let name = |si: usize| edition.stories[p.page][si].display.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let order: Vec<String> = p.blocks.iter().map(|b| name(b.story)).collect();
            let at = file.key_span(&["pages", p.page.to_string().as_str(), "stories"], 0..0);
            let diag = file
                .warning(at, crate::tr!("place-reordered", page = number, order = order.join(", ")))
                .code(Code::Reordered)
                .hint(crate::tr!("place-reordered-hint", order = order.join(", ")));
            Finding { code: Code::Reordered, page: Some(number), page_index: Some(p.page), story: None, diag, mark: None }
        });
    let advised = placed.iter().filter_map(|p| p.advice.as_ref().map(|a| (p, a))).map(|(p, advice)| {
        let number = file.value.pages[p.page].number;
        let name = |si: usize| edition.stories[p.page][si].display.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let sep = crate::tr!("place-list-sep");
        let cuts: Vec<String> = advice.cuts.iter().map(|c| crate::tr!("place-fix-from-at", chars = c.chars, story = name(c.story), at = crate::layout::place::cut_start_said(c).as_str())).collect();
        let adds: Vec<String> = advice.adds.iter().map(|c| crate::tr!("place-fix-to", chars = c.chars, story = name(c.story))).collect();
        let mut changes = Vec::new();
        if !cuts.is_empty() {
            changes.push(crate::tr!("place-change-cut", list = cuts.join(&sep)));
        }
        if !adds.is_empty() {
            changes.push(crate::tr!("place-change-add", list = adds.join(&sep)));
        }
        let after = flaw_list(advice.after);
        let diag = file
            .warning(
                file.key_span(&["pages", p.page.to_string().as_str(), "stories"], 0..0),
                crate::tr!("place-better-with-cuts", page = number, before = flaw_list(advice.before).as_str(), changes = changes.join(&crate::tr!("place-change-sep")), after = if after.is_empty() { crate::tr!("place-flaw-none") } else { crate::tr!("place-flaw-remain", list = after.as_str()) }),
            )
            .code(Code::BetterWithCuts)
            .hint(crate::tr!("place-better-with-cuts-hint"));
        // Many items of a paragraph or two, each under a head of its own: what a desk makes of
        // them is a column of briefs (session 41's 美编: ten briefs lengthened as told placed
        // with rows of heads, 30 pt two-line heads on 3-line items, and nothing said so).
        let short: Vec<String> = p
            .blocks
            .iter()
            .skip(1)
            .map(|b| b.story)
            .filter(|&si| edition.stories[p.page].get(si).is_some_and(|s| crate::layout::place::brief_item(&s.value)))
            .map(name)
            .collect();
        let diag = if short.len() >= crate::layout::place::BRIEFS_AT_LEAST { diag.hint(crate::tr!("place-as-briefs", list = short.join(&sep))) } else { diag };
        Finding { code: Code::BetterWithCuts, page: Some(number), page_index: Some(p.page), story: None, diag, mark: None }
    });
    reordered.chain(advised).collect()
}

/// On the pages folio placed, the 碰题 warnings' hint begins with the page's advice, which a
/// desk follows before it moves blocks by hand (there are none on such a page); where there is
/// none (no cut the search tried mends it: review 45b's page kept its row through four
/// rounds, told to follow advice it was never given), with how to get blocks to move.
/// (`advised`: the session asked for advice; `folio watch` and `folio serve` do not.)
pub fn placed_heads(found: &mut [Finding], placed: &[crate::layout::place::PagePlacement], advised: bool) {
    for f in found.iter_mut().filter(|f| f.code == Code::HeadsSideBySide) {
        let Some(p) = placed.iter().find(|p| Some(p.page) == f.page_index && !p.blocks.is_empty()) else { continue };
        if let Some(h) = f.diag.hints.first_mut() {
            *h = if p.advice.is_some() || !advised || p.reused { crate::tr!("heads-side-by-side-placed", hint = h.as_str()) } else { crate::tr!("heads-side-by-side-unmended", hint = h.as_str()) };
        }
    }
}

/// Where a finding on a story's head size points: at its block's `head_size` where the file sets
/// one, else at its `headline`; and whether the block is the editor's (a `[block]` in the file,
/// not one folio placed, which has no place in it).
fn head_size_at(story: &Loaded<Story>) -> (std::ops::Range<usize>, bool) {
    let block = story.value.block.as_ref();
    let at = match block.and_then(|b| b.get_ref().head_size) {
        Some(_) => story.key_span(&["block", "head_size"], story.value.block().span()),
        None => story.key_span(&["headline"], story.value.block().span()),
    };
    (at, block.is_some_and(|b| b.span() != (0..0)))
}

/// The size in pt of the largest image of `frame` (its groups' too) that is `pixels` wide and
/// high, as drawn (a cover-fitted photo's whole picture, past its clipped box).
fn image_of_size(frame: &typst::layout::Frame, pixels: [u32; 2]) -> Option<[f64; 2]> {
    let mut best: Option<[f64; 2]> = None;
    for (_, item) in frame.items() {
        let found = match item {
            typst::layout::FrameItem::Group(g) => image_of_size(&g.frame, pixels),
            typst::layout::FrameItem::Image(image, size, _) if (image.width().round() as u32, image.height().round() as u32) == (pixels[0], pixels[1]) => {
                Some([size.x.to_pt(), size.y.to_pt()])
            }
            _ => None,
        };
        if let Some(f) = found.filter(|f| best.is_none_or(|b| f[0] * f[1] > b[0] * b[1])) {
            best = Some(f);
        }
    }
    best
}

/// The house's word (`[typography] words`, one body copy keeps whole) that follows a loose line's
/// text `line` somewhere in `story`'s copy: the word the line was spread to keep off it
/// (「座谈会上，」 before 努尔兰别克), which the hint names.
fn house_word_after(story: &crate::input::content::Story, line: &str, house: &[String]) -> Option<String> {
    let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let line = strip(line);
    if line.is_empty() {
        return None;
    }
    let copy = strip(&[story.body.as_deref().unwrap_or_default().to_string()].into_iter().chain(story.sections.iter().map(|s| s.body.clone())).collect::<String>());
    copy.match_indices(&line).find_map(|(at, _)| {
        let rest = &copy[at + line.len()..];
        house.iter().filter(|w| w.chars().count() <= crate::layout::galley::MAX_NAME_CHARS).find(|w| rest.starts_with(w.as_str())).cloned()
    })
}

/// A layout's flaws in words, those there are ("1 pair of heads side by side, 2 long legs").
fn flaw_list(f: crate::layout::place::Flaws) -> String {
    let parts = [
        (f.heads_side_by_side, crate::tr!("place-flaw-heads", n = f.heads_side_by_side)),
        (f.photos_narrowed, crate::tr!("place-flaw-narrowed", n = f.photos_narrowed)),
        (f.long_legs, crate::tr!("place-flaw-legs", n = f.long_legs)),
        (f.breaks, crate::tr!("place-flaw-breaks", n = f.breaks)),
        (f.lead_narrow, crate::tr!("place-flaw-lead")),
        (f.lead_shrunk, crate::tr!("place-flaw-lead-shrunk")),
        (f.heads_over, crate::tr!("place-flaw-big-heads", n = f.heads_over)),
        (f.photos_widened, crate::tr!("place-flaw-widened", n = f.photos_widened)),
        (f.ladder(), crate::tr!("place-flaw-ladder", n = f.ladder())),
    ];
    parts.into_iter().filter(|(n, _)| *n > 0).map(|(_, s)| s).collect::<Vec<_>>().join(&crate::tr!("place-list-sep"))
}

/// What a proof draws for a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    /// Overset copy (red).
    Overset,
    /// Underset copy (blue).
    Underset,
    /// A photo below the resolution limits (orange).
    Photo,
    /// A missing glyph (magenta).
    Glyph,
    /// Ink (purple).
    Ink,
    /// Typography: a loose line, a widow or an orphan (green).
    Typography,
    /// A short column (齐栏, cyan).
    Short,
    /// A hole in the type area (开天窗, olive).
    Hole,
    /// Half-width brackets in Chinese text (red-orange).
    Punctuation,
    /// A headline or banner split inside a word at the fold (pink).
    Fold,
}

/// Where a finding sits on a page, for the proof.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Mark {
    /// Page index.
    pub page: usize,
    /// Rectangle in pt from the page's trim top-left corner: x, y, width, height.
    pub rect: [f64; 4],
    /// What it is (sets the colour).
    pub kind: MarkKind,
    /// A short label printed beside it.
    pub label: String,
}

/// One preflight finding.
#[derive(Debug, Clone)]
pub struct Finding {
    /// A stable code (see the module documentation).
    pub code: Code,
    /// Printed page number, when the finding concerns a page.
    pub page: Option<u32>,
    /// Page index, when the finding concerns a page.
    pub page_index: Option<usize>,
    /// The story file (as displayed), when the finding concerns a story.
    pub story: Option<PathBuf>,
    /// Severity, message, hint and the located TOML (file, span).
    pub diag: Diagnostic,
    /// Where to draw it on a proof.
    pub mark: Option<Mark>,
}

impl Finding {
    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.diag.severity
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.diag.severity == Severity::Error
    }
}

/// Everything the preflight measured besides the findings (for reports and proofs).
#[derive(Debug, Clone, Default)]
pub struct Measures {
    /// Per page, its ink.
    pub ink: Vec<PageInk>,
}

/// Check a compiled edition: the findings as plain diagnostics (for callers that only print).
pub fn check(edition: &Edition, compiled: &Compiled) -> Vec<Diagnostic> {
    findings(edition, compiled).0.into_iter().map(|f| f.diag).collect()
}

/// Check a compiled edition.
pub fn findings(edition: &Edition, compiled: &Compiled) -> (Vec<Finding>, Measures) {
    let settings = edition.file.value.preflight();
    let page_of = |pi: usize| edition.file.value.pages.get(pi).map(|p| p.number);
    // A rectangle in type-area coordinates → page coordinates.
    let on_page = |pi: usize, r: &crate::layout::compose::Rect| {
        let fmt = &compiled.data.pages[pi].format;
        [r.x + fmt.side_pt, r.y + fmt.top_pt, r.w, r.h]
    };
    let mut out = Vec::new();

    // Copy fit.
    for fit in &compiled.fits {
        let story = &edition.stories[fit.page][fit.story];
        let page = page_of(fit.page).unwrap_or_default();
        let span = story.value.block().span();
        let chars_per_line = fit.chars_per_line;
        let block = compiled.data.pages.get(fit.page).and_then(|p| p.stories.get(fit.story)).map(|s| on_page(fit.page, &s.block));
        let mark = |kind, label: String| block.map(|rect| Mark { page: fit.page, rect, kind, label });
        let base = |code, diag: Diagnostic, m: Option<Mark>| Finding {
            code,
            page: Some(page),
            page_index: Some(fit.page),
            story: Some(story.display.clone()),
            diag,
            mark: m,
        };
        if let Some(h) = fit.head {
            // The head is its own finding: the copy it crowds out is not blamed.
            let (at, area) = if h.vertical {
                (story.key_span(&["vertical"], span.clone()), crate::tr!("head-area-vertical", has = h.has))
            } else if h.given {
                (story.key_span(&["block", "head"], span.clone()), crate::tr!("head-area-given", has = h.has))
            } else {
                (span.clone(), crate::tr!("head-area-block", has = h.has))
            };
            let fix = if h.vertical {
                crate::tr!("head-overset-vertical-hint")
            } else if h.given {
                crate::tr!("head-overset-given-hint", needs = h.needs)
            } else {
                crate::tr!("head-overset-hint")
            };
            let d = story.error(at, crate::tr!("head-overset", page = page, needs = h.needs, area = area)).hint(fix);
            out.push(base(Code::HeadOverset, d, mark(MarkKind::Overset, crate::tr!("mark-head-needs", lines = h.needs))));
        } else if fit.overset > 0 {
            let d = story
                .error(span.clone(), crate::tr!("overset", page = page, lines = fit.overset, chars = fit.overset * chars_per_line))
                .hint(crate::tr!("overset-hint"));
            out.push(base(Code::Overset, d, mark(MarkKind::Overset, crate::tr!("mark-overset", lines = fit.overset))));
        } else if fit.underset > 1 {
            let mut d = story.error(span.clone(), crate::tr!("underset", page = page, lines = fit.underset));
            d.severity = Severity::Warning;
            let d = d.hint(crate::tr!("underset-hint"));
            out.push(base(Code::Underset, d, mark(MarkKind::Underset, crate::tr!("mark-underset", lines = fit.underset))));
        }
        // A head area deeper than its head needs: white under the head (the head is centred in
        // it), worth a line to the copy.
        if let Some(h) = fit.head_deep {
            let at = story.key_span(&["block", "head"], span.clone());
            let mut d = story.error(at, crate::tr!("deep-head", page = page, has = h.has, needs = h.needs));
            d.severity = Severity::Warning;
            let d = d.hint(crate::tr!("deep-head-hint", needs = h.needs));
            out.push(base(Code::DeepHead, d, mark(MarkKind::Underset, crate::tr!("mark-deep-head", has = h.has, needs = h.needs))));
        }
        // A `squeeze` asking for more lines than the story's paragraphs give back set tighter:
        // it takes what they give, and says so.
        if fit.squeeze_unused > 0 {
            let at = story.key_span(&["block", "squeeze"], span.clone());
            let asked = fit.squeeze + fit.squeeze_unused;
            let copyfit = story.value.fit.as_ref().is_some_and(|f| *f.get_ref() == crate::input::content::FitMode::Auto);
            let mut d = story.error(at, crate::tr!("squeeze-unused", page = page, asked = asked, can = fit.squeeze));
            d.severity = Severity::Warning;
            let d = d.hint(if copyfit { crate::tr!("squeeze-unused-copyfit-hint") } else { crate::tr!("squeeze-unused-hint", can = fit.squeeze) });
            out.push(base(Code::SqueezeUnused, d, mark(MarkKind::Typography, crate::tr!("mark-squeeze-unused", asked = asked, can = fit.squeeze))));
        }
        // What fit = "auto" changed: worth knowing, not wrong.
        if let Some(change) = &fit.copyfit {
            let at = story.value.fit.as_ref().map_or_else(|| story.value.block().span(), |f| f.span());
            let mut d = story.error(at, crate::tr!("copyfit", page = page, change = copyfit_change(change)));
            d.severity = Severity::Warning;
            let d = d.hint(crate::tr!("copyfit-hint"));
            out.push(base(Code::Copyfit, d, None));
        }
    }

    // Photos.
    for p in &compiled.photos {
        let Some(story) = edition.stories.get(p.page).and_then(|s| s.get(p.story)) else { continue };
        let Some(photo) = story.value.photos.get(p.photo) else { continue };
        let page = page_of(p.page).unwrap_or_default();
        let rect = compiled
            .data
            .pages
            .get(p.page)
            .and_then(|pg| pg.stories.get(p.story))
            .and_then(|s| s.photos.get(p.photo))
            .map(|ph| {
                let r = on_page(p.page, &ph.rect);
                [r[0], r[1], r[2], ph.image_h]
            });
        let finding = |code, diag, label: String| Finding {
            code,
            page: Some(page),
            page_index: Some(p.page),
            story: Some(story.display.clone()),
            diag,
            mark: rect.map(|rect| Mark { page: p.page, rect, kind: MarkKind::Photo, label }),
        };
        if let Some(err) = &p.error {
            let d = story
                .error(photo.file.span(), crate::tr!("photo-error", file = p.file, error = err.to_string()))
                .hint(crate::tr!("photo-unreadable-hint"));
            out.push(finding(Code::PhotoUnreadable, d, crate::tr!("mark-unreadable", file = p.file)));
            continue;
        }
        let (w_mm, h_mm) = (p.placed_pt[0] / crate::input::grid::PT_PER_MM, p.placed_pt[1] / crate::input::grid::PT_PER_MM);
        let msg = |limit: f64| {
            crate::tr!(
                "photo-low-ppi",
                file = p.file, ppi = format!("{:.0}", p.ppi), page = page, width = p.pixels[0], height = p.pixels[1],
                width_mm = format!("{w_mm:.0}"), height_mm = format!("{h_mm:.0}"), limit = format!("{limit:.0}")
            )
        };
        let need = |ppi: f64| {
            let f = ppi / p.ppi.max(1.0);
            crate::tr!("photo-low-ppi-hint", width = (p.pixels[0] as f64 * f).ceil(), height = (p.pixels[1] as f64 * f).ceil())
        };
        // Cropped to a strip or a sliver: the box far from the picture's shape (an editor's
        // `height`; the placement search never crops past MAX_CROP).
        let shown = compiled.data.pages.get(p.page).and_then(|pg| pg.stories.get(p.story)).and_then(|s| s.photos.get(p.photo)).map(crate::layout::compose::PhotoData::shown);
        if let Some((w, h)) = shown.filter(|&(w, h)| w.min(h) < 1.0 - crate::layout::compose::MAX_CROP - 1e-3) {
            let (part, share) = if w < h { (crate::tr!("photo-cropped-width"), w) } else { (crate::tr!("photo-cropped-height"), h) };
            let at = photo.height.as_ref().map_or_else(|| photo.file.span(), |h| h.span());
            let mut d = story.error(at, crate::tr!("photo-cropped", file = p.file, page = page, share = format!("{:.0}", share * 100.0), part = part));
            d.severity = Severity::Warning;
            out.push(finding(Code::PhotoCropped, d.hint(crate::tr!("photo-cropped-hint")), format!("{:.0}%", share * 100.0)));
        }
        if p.ppi < settings.error_ppi {
            let d = story.error(photo.file.span(), msg(settings.error_ppi)).hint(need(settings.warn_ppi));
            out.push(finding(Code::PhotoLowPpi, d, format!("{:.0} ppi", p.ppi)));
        } else if p.ppi < settings.warn_ppi {
            let mut d = story.error(photo.file.span(), msg(settings.warn_ppi));
            d.severity = Severity::Warning;
            out.push(finding(Code::PhotoLowPpi, d.hint(need(settings.warn_ppi)), format!("{:.0} ppi", p.ppi)));
        }
    }

    // The ear's photo (报眼): its resolution as printed, read off the page's drawing, where the
    // template fits it to the ear box (session 41: a 12 × 8-pixel ear photo went on the plates
    // with no finding).
    for (pi, def) in edition.file.value.pages.iter().enumerate() {
        let Some(file) = def.ear.as_ref().and_then(|e| e.photo.as_ref()) else { continue };
        let Ok(info) = crate::input::photos::inspect(&crate::input::photos::photo_path(&edition.dir, file)) else { continue };
        let Some(frame) = compiled.document.pages().get(pi).map(|p| &p.frame) else { continue };
        let Some([w_pt, h_pt]) = image_of_size(frame, [info.width, info.height]) else { continue };
        let ppi = (f64::from(info.width) / (w_pt / 72.0)).min(f64::from(info.height) / (h_pt / 72.0));
        if ppi >= settings.warn_ppi {
            continue;
        }
        let idx = pi.to_string();
        let file_ref = &edition.file;
        let at = file_ref.key_span(&["pages", &idx, "ear", "photo"], 0..0);
        let page = def.number;
        let limit = if ppi < settings.error_ppi { settings.error_ppi } else { settings.warn_ppi };
        let message = crate::tr!(
            "photo-low-ppi",
            file = file.as_str(), ppi = format!("{ppi:.0}"), page = page, width = info.width, height = info.height,
            width_mm = format!("{:.0}", w_pt / crate::input::grid::PT_PER_MM), height_mm = format!("{:.0}", h_pt / crate::input::grid::PT_PER_MM), limit = format!("{limit:.0}")
        );
        let f = settings.warn_ppi / ppi.max(1.0);
        let mut d = file_ref.error(at, message).hint(crate::tr!("photo-low-ppi-ear-hint", width = (f64::from(info.width) * f).ceil(), height = (f64::from(info.height) * f).ceil()));
        if ppi >= settings.error_ppi {
            d.severity = Severity::Warning;
        }
        out.push(Finding { code: Code::PhotoLowPpi, page: Some(page), page_index: Some(pi), story: None, diag: d, mark: None });
    }

    // The ear's 导读 items and title as set (session 42: ten items, and the last two printed
    // one over the other in the box, exit 0; a 40-character title shrunk to 4 pt).
    for (pi, def) in edition.file.value.pages.iter().enumerate() {
        let (Some(ear), Some(data)) = (def.ear.as_ref(), compiled.data.pages.get(pi)) else { continue };
        let idx = pi.to_string();
        let file_ref = &edition.file;
        let page = def.number;
        // A 导读 item pointing at its own page (review 49: a one-page edition's ear, 「…200亿元
        // 1版」 on page 1): the reader is already there; 导读 lists the stories inside.
        for (k, item) in ear.items.iter().enumerate().filter(|(_, it)| it.page == page) {
            let key = ["pages", &idx, "ear", "items", &k.to_string(), "page"];
            let mut d = file_ref.error(file_ref.key_span(&key, 0..0), crate::tr!("ear-own-page", page = page, title = item.title.trim())).hint(crate::tr!("ear-own-page-hint")).code(Code::EarOwnPage);
            d.severity = Severity::Warning;
            out.push(Finding { code: Code::EarOwnPage, page: Some(page), page_index: Some(pi), story: None, diag: d, mark: typography::find_text(compiled, pi, item.title.trim()).map(|rect| Mark { page: pi, rect, kind: MarkKind::Typography, label: crate::tr!("mark-ear-own-page") }) });
        }
        // Marked on the proof where the page shows it (an item), red as an overprint.
        let mut found = |key: &[&str], message: String, hint: String, rect: Option<[f64; 4]>| {
            let at = file_ref.key_span(key, 0..0);
            let mark = rect.map(|rect| Mark { page: pi, rect, kind: MarkKind::Overset, label: crate::tr!("mark-ear-overfull") });
            out.push(Finding { code: Code::EarOverfull, page: Some(page), page_index: Some(pi), story: None, diag: file_ref.error(at, message).hint(hint).code(Code::EarOverfull), mark });
        };
        // The vertical title's size: the template's (`components.typ`, `masthead`): the ear's
        // depth less 16 pt over 1.1 em a character, at most 18 pt.
        if let Some(title) = &ear.title {
            let depth = data.banner_h - data.format.pitch_pt - 16.0;
            let n = title.chars().filter(|c| !c.is_whitespace()).count().max(1);
            let size = (depth / (1.1 * n as f64)).min(EAR_TITLE_PT);
            if size < EAR_MIN_PT {
                let most = (depth / (1.1 * EAR_MIN_PT)).floor() as usize;
                found(&["pages", &idx, "ear", "title"], crate::tr!("ear-title-small", page = page, n = n, size = format!("{size:.1}")), crate::tr!("ear-title-small-hint", most = most), None);
            }
        }
        // Each 导读 item where the page sets it: one under another, none below a caption's size.
        let rects: Vec<Option<[f64; 4]>> = ear.items.iter().map(|it| typography::find_text(compiled, pi, it.title.trim())).collect();
        // (An item printed over another on its line is found on none: its glyphs and the
        // other's interleave.) The ear's foot: its box less the inset, from the type area's top;
        // each item needs room for its rule above it.
        let foot = data.format.top_pt + data.banner_h - data.format.pitch_pt - 6.0;
        let mut bottom = f64::NEG_INFINITY;
        let mut fits = 0;
        for r in &rects {
            match r {
                Some(r) if r[1] >= bottom - 0.5 && r[1] + r[3] + EAR_RULE_PT <= foot => bottom = r[1] + r[3],
                _ => break,
            }
            fits += 1;
        }
        if fits < ear.items.len() {
            // The first item that does not fit, else (printed over another) the last that does.
            let rect = rects.get(fits).copied().flatten().or_else(|| fits.checked_sub(1).and_then(|k| rects[k]));
            found(&["pages", &idx, "ear", "items"], crate::tr!("ear-items-over", page = page, n = ear.items.len(), fits = fits), crate::tr!("ear-items-over-hint", cut = ear.items.len() - fits, fits = fits), rect);
        }
        for (k, (item, r)) in ear.items.iter().zip(&rects).enumerate() {
            if let Some(r) = r.filter(|r| r[3] < EAR_MIN_PT - 0.05) {
                found(&["pages", &idx, "ear", "items", &k.to_string(), "title"], crate::tr!("ear-item-small", page = page, title = item.title.as_str(), size = format!("{:.1}", r[3])), crate::tr!("ear-item-small-hint"), Some(r));
            }
        }
    }

    // Punctuation: half-width brackets in Chinese text, unless the house converts them.
    if !edition.file.value.typography.full_width_brackets {
        out.extend(in_copy(edition, crate::input::punctuation::half_width_pairs, |pi, story, r| {
            let pair = &story.source[r.clone()];
            let full = format!("（{}）", &pair[1..pair.len() - 1]);
            let diag = Diagnostic::warning(crate::tr!("half-width-bracket", pair = pair))
                .in_file(&story.display, &story.source)
                .with_span(Some(r))
                .hint(crate::tr!("half-width-bracket-hint", full = full))
                .code(Code::HalfWidthBracket);
            // Marked where the page shows it (the pair, else its opening half).
            let inside: String = pair[1..pair.len() - 1].chars().take(1).collect();
            let rect = typography::find_text(compiled, pi, pair).or_else(|| typography::find_text(compiled, pi, &format!("({inside}")));
            punctuation_finding(Code::HalfWidthBracket, (pi, page_of(pi)), story, diag, rect.map(|rect| (rect, "(…) → （…）".into())))
        }));
    }

    // Punctuation: half-width , : ; ? ! in Chinese text, unless the house converts them.
    if !edition.file.value.typography.full_width_marks {
        out.extend(in_copy(edition, crate::input::punctuation::half_width_marks, |pi, story, r| {
            // The mark with the characters around it, as the desk finds it in the copy.
            let src = &story.source;
            let from = src[..r.start].char_indices().next_back().map_or(r.start, |(i, _)| i);
            let to = src[r.end..].chars().next().filter(|c| !c.is_whitespace() && *c != '"').map_or(r.end, |c| r.end + c.len_utf8());
            let mark = &src[r.clone()];
            let full = crate::input::punctuation::full_mark(mark).unwrap_or('，');
            let context = &src[from..to];
            let fixed = format!("{}{full}{}", &src[from..r.start], &src[r.end..to]);
            let diag = Diagnostic::warning(crate::tr!("half-width-mark", mark = mark, context = context))
                .in_file(&story.display, &story.source)
                .with_span(Some(r.clone()))
                .hint(crate::tr!("half-width-mark-hint", full = fixed))
                .code(Code::HalfWidthMark);
            let rect = typography::find_text(compiled, pi, &src[from..r.end]);
            punctuation_finding(Code::HalfWidthMark, (pi, page_of(pi)), story, diag, rect.map(|rect| (rect, format!("{mark} → {full}"))))
        }));
    }

    // Full-width Latin letters and digits, unless the house converts them.
    if !edition.file.value.typography.half_width_alnum {
        out.extend(in_copy(edition, crate::input::punctuation::full_width_alnum, |pi, story, r| {
            let run = &story.source[r.clone()];
            let half = crate::input::punctuation::half_width_form(run);
            let diag = Diagnostic::warning(crate::tr!("full-width-alnum", run = run))
                .in_file(&story.display, &story.source)
                .with_span(Some(r))
                .hint(crate::tr!("full-width-alnum-hint", half = half.as_str()))
                .code(Code::FullWidthAlnum);
            let rect = typography::find_text(compiled, pi, run);
            punctuation_finding(Code::FullWidthAlnum, (pi, page_of(pi)), story, diag, rect.map(|rect| (rect, format!("{run} → {half}"))))
        }));
    }

    // HTML from a web page or a newsroom system, which prints as written.
    out.extend(in_copy(edition, crate::input::punctuation::html_markup, |pi, story, r| {
        let markup = &story.source[r.clone()];
        let hint = match crate::input::punctuation::html_entity(markup) {
            Some(t) if t.chars().all(char::is_whitespace) => crate::tr!("html-entity-space-hint"),
            Some(t) => crate::tr!("html-entity-hint", text = t.as_str()),
            None => crate::tr!("html-tag-hint"),
        };
        let diag = Diagnostic::warning(crate::tr!("html-in-copy", markup = markup))
            .in_file(&story.display, &story.source)
            .with_span(Some(r))
            .hint(hint)
            .code(Code::HtmlInCopy);
        let rect = typography::find_text(compiled, pi, markup);
        punctuation_finding(Code::HtmlInCopy, (pi, page_of(pi)), story, diag, rect.map(|rect| (rect, "HTML".into())))
    }));

    // Glyphs.
    for m in glyphs::check(edition, compiled) {
        let page = page_of(m.page).unwrap_or_default();
        let cp = glyphs::codepoint(m.ch);
        let times = if m.count > 1 { crate::tr!("glyph-times", count = m.count) } else { String::new() };
        let where_ = if m.context.is_empty() { String::new() } else { crate::tr!("glyph-in-paragraph", context = m.context) };
        let mut d = Diagnostic::error(crate::tr!("glyph-missing", char = m.ch, code = cp, page = page, times = times, place = where_))
        .in_file(&m.file, &m.source)
        .with_span(m.span.clone())
        .hint(crate::tr!("glyph-missing-hint", code = cp));
        if m.span.is_none() {
            d = d.with_span(Some(0..0));
        }
        let story = m.story.and_then(|si| edition.stories.get(m.page).and_then(|p| p.get(si))).map(|s| s.display.clone());
        let size = m.at[3];
        out.push(Finding {
            code: Code::GlyphMissing,
            page: Some(page),
            page_index: Some(m.page),
            story,
            diag: d,
            mark: Some(Mark { page: m.page, rect: [m.at[0], m.at[1] - size * 0.88, m.at[2].max(size * 0.5), size], kind: MarkKind::Glyph, label: cp }),
        });
    }

    // Ink.
    let inks = ink::check(compiled);
    for pi in &inks {
        let page = page_of(pi.page).unwrap_or_default();
        let file = &edition.file;
        let page_span = page_span(edition, pi.page);
        if let Some(first) = pi.not_k.first() {
            let what = match first.what {
                "text" => crate::tr!("ink-what-text", text = first.text.as_deref().unwrap_or("").chars().take(12).collect::<String>()),
                "rule" => crate::tr!("ink-what-rule"),
                "fill" => crate::tr!("ink-what-fill"),
                w => w.to_string(),
            };
            let d = file
                .error(page_span.clone(), crate::tr!("ink-not-k", page = page, count = pi.not_k.len(), what = what, colour = first.colour.to_string()))
                .hint(crate::tr!("ink-not-k-hint"));
            out.push(Finding {
                code: Code::InkNotK,
                page: Some(page),
                page_index: Some(pi.page),
                story: None,
                diag: d,
                mark: Some(Mark { page: pi.page, rect: [first.at[0], first.at[1] - 10.0, 40.0, 12.0], kind: MarkKind::Ink, label: crate::tr!("mark-not-k") }),
            });
        }
        if pi.max_tac > settings.max_ink + 0.5 {
            let mut d = file.error(page_span, crate::tr!("ink-over-limit", page = page, tac = format!("{:.0}", pi.max_tac), source = pi.max_source.to_string(), limit = format!("{:.0}", settings.max_ink)));
            d.severity = Severity::Warning;
            let d = d.hint(crate::tr!("ink-over-limit-hint"));
            let story = compiled.photos.iter().find(|p| p.page == pi.page && p.file == pi.max_source)
                .and_then(|p| edition.stories.get(p.page).and_then(|s| s.get(p.story))).map(|s| s.display.clone());
            out.push(Finding {
                code: Code::InkOverLimit,
                page: Some(page),
                page_index: Some(pi.page),
                story,
                diag: d,
                mark: Some(Mark { page: pi.page, rect: [pi.max_at[0], pi.max_at[1], 60.0, 20.0], kind: MarkKind::Ink, label: crate::tr!("mark-ink", percent = format!("{:.0}", pi.max_tac)) }),
            });
        }
    }

    // Typography: loose lines, widows, orphans, short columns.
    for f in typography::check(compiled) {
        // The story the block is of: a continuation block (转版) or a copy across the gutter
        // (跨版) belongs to a story of another page.
        let origin = f.story.and_then(|si| compiled.data.pages.get(f.page)?.stories.get(si)).map(|s| s.origin);
        let story = origin.and_then(|(p, si)| edition.stories.get(p)?.get(si));
        let page = page_of(f.page).unwrap_or_default();
        // A story's column (1 is its block's first) and, where that is not the page's column
        // too, the page's (review 49: "column 1" of a story in columns 4–6 read as the page's).
        let col = f.column.map_or(String::new(), |c| {
            let on_page = compiled.data.pages.get(f.page).filter(|_| f.story.is_some()).map(|pg| {
                let fmt = &pg.format;
                ((f.rect[0] - fmt.side_pt + fmt.gutter_pt / 2.0) / (fmt.column_pt + fmt.gutter_pt)).floor().max(0.0) as u32 + 1
            });
            match on_page {
                Some(pc) if pc != c + 1 => crate::tr!("typo-story-column", column = c + 1, page_column = pc),
                _ => crate::tr!("typo-column", column = c + 1),
            }
        });
        // A story folio placed has no `[block]` whose depth an editor changes (review 48: "or
        // change the block's depth by a line" on a placed page): folio places it anew.
        let placed = story.is_some_and(|s| s.value.block.as_ref().is_none_or(|b| b.span() == (0..0)));
        let (code, label, message, hint) = match f.kind {
            typography::Kind::Loose(s) => (
                Code::LooseLine,
                crate::tr!("mark-loose", percent = format!("{:.0}", s * 100.0)),
                crate::tr!("loose-line", page = page, text = f.text, percent = format!("{:.0}", s * 100.0)),
                match story.and_then(|st| house_word_after(&st.value, &f.text, &edition.file.value.typography.words)) {
                    Some(word) => crate::tr!("loose-line-house-hint", word = word),
                    None => crate::tr!("loose-line-hint"),
                },
            ),
            typography::Kind::LooseWords(em) => (
                Code::LooseLine,
                crate::tr!("mark-loose-words", em = format!("{em:.1}")),
                crate::tr!("loose-words", page = page, text = f.text, em = format!("{em:.1}")),
                crate::tr!("loose-words-hint", chars = compiled.data.pages.get(f.page).map_or(0, |p| p.format.spec.column_chars)),
            ),
            typography::Kind::Kinsoku => (
                Code::Kinsoku,
                crate::tr!("mark-kinsoku"),
                crate::tr!("kinsoku", page = page, text = f.text),
                crate::tr!("kinsoku-hint"),
            ),
            typography::Kind::Widow => (
                Code::Widow,
                crate::tr!("mark-widow"),
                crate::tr!("widow", page = page, column = col, text = f.text),
                if placed { crate::tr!("widow-placed-hint") } else { crate::tr!("widow-hint") },
            ),
            typography::Kind::Orphan => (
                Code::Orphan,
                crate::tr!("mark-orphan"),
                crate::tr!("orphan", page = page, column = col, text = f.text),
                if placed { crate::tr!("orphan-placed-hint") } else { crate::tr!("orphan-hint") },
            ),
            typography::Kind::Short(n, level) => (
                Code::ShortColumn,
                crate::tr!("mark-short", lines = n),
                crate::tr!("short-column", page = page, column = col, lines = n),
                // A continuation block (转版, the story's block on an earlier page) has no
                // `[block]` of its own to change, and copyfit (`fit = "auto"`) sets the copy
                // anew when it changes: the generic hint.
                short_column_hint(
                    level.filter(|_| origin.is_some_and(|(p, _)| p == f.page) && story.is_some_and(|s| !s.value.auto_fit())),
                    placed,
                    f.cut.as_ref(),
                ),
            ),
            typography::Kind::Hole(n) => (
                Code::Hole,
                crate::tr!("mark-hole", lines = n),
                crate::tr!("hole", page = page, column = col, lines = n),
                crate::tr!("hole-hint"),
            ),
            typography::Kind::Overprint(n) => (
                Code::Overprint,
                crate::tr!("mark-overprint"),
                crate::tr!("overprint", page = page, pairs = n, first = f.text.chars().next().map(String::from).unwrap_or_default(), second = f.text.chars().nth(1).map(String::from).unwrap_or_default()),
                crate::tr!("overprint-hint"),
            ),
            typography::Kind::TooWide(over) => (
                Code::TooWide,
                crate::tr!("mark-too-wide"),
                crate::tr!("too-wide", page = page, column = col, text = clipped(f.text.trim(), 40), over = format!("{over:.0}")),
                // A run of Chinese alone (no figure, letter or address a line can break only at
                // a space) always fits: that is folio's fault, not the copy's.
                if f.text.chars().any(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '@' | '.' | '_')) { crate::tr!("too-wide-hint") } else { crate::tr!("too-wide-hint-chinese") },
            ),
            typography::Kind::ReadingOrder(n) => (
                Code::ReadingOrder,
                crate::tr!("mark-reading-order"),
                crate::tr!("reading-order", page = page, headline = story.map_or(String::new(), |s| s.value.headline.replace('\n', "")), column = col, lines = n),
                crate::tr!("reading-order-hint"),
            ),
            typography::Kind::FoldSplit(s) => (
                Code::FoldSplit,
                crate::tr!("mark-fold-split"),
                if s.is_some() {
                    crate::tr!("fold-split-headline", page = page, next = page + 1, text = f.text)
                } else {
                    crate::tr!("fold-split-banner", page = page, next = page + 1, text = f.text)
                },
                crate::tr!("fold-split-hint"),
            ),
        };
        let mut d = match story {
            // A fold split at the story's headline; a banner's at the page's banner_across.
            Some(s) if code == Code::FoldSplit || code == Code::ReadingOrder => s.error(s.key_span(&["headline"], s.value.block().span()), message),
            None if code == Code::FoldSplit => {
                let at = edition.file.value.pages.get(f.page).and_then(|p| p.banner_across.as_ref()).map_or_else(|| page_span(edition, f.page), |b| b.span());
                Diagnostic::warning(message).in_file(&edition.file.display, &edition.file.source).with_span(Some(at))
            }
            // At the line's text in the story file where it is written there, else the block
            // (a continuation block's `[[jumps]]` entry on another page).
            // The text is looked for from the body on (a line of copy that is also in the
            // headline was located at the headline until session 40), and a story folio placed
            // (no `[block]`) is located at its body, not at the file's first line.
            Some(s) => {
                let body = s.key_span(&["body"], 0..0);
                let find = |from: usize| s.source.get(from..)?.find(f.text.as_str()).map(|i| from + i..from + i + f.text.len());
                // (A short column of a hand-placed story at its `[block]`, whose depth mends it; of
                // one folio placed, at the column's last line.)
                let hand = s.value.block.as_ref().is_some_and(|b| b.span() != (0..0));
                let at = (!f.text.is_empty() && !(code == Code::ShortColumn && hand)).then(|| find(body.start).or_else(|| find(0))).flatten();
                let number = edition.file.value.pages.get(f.page).map(|p| p.number);
                let jump = origin.filter(|o| o.0 != f.page).and_then(|_| s.value.jumps.iter().find(|j| Some(j.get_ref().page) == number)).map(|j| j.span());
                let block = Some(s.value.block().span()).filter(|b| *b != (0..0)).unwrap_or(body);
                s.error(at.or(jump).unwrap_or(block), message)
            }
            None => Diagnostic::warning(message).in_file(&edition.file.display, &edition.file.source).with_span(Some(page_span(edition, f.page))),
        };
        // Text printed over text, or over the gutter and the next column, is not fit to print.
        d.severity = if matches!(code, Code::Overprint | Code::TooWide) { Severity::Error } else { Severity::Warning };
        let kind = match code {
            Code::Overprint | Code::TooWide => MarkKind::Overset,
            Code::ShortColumn => MarkKind::Short,
            Code::Hole => MarkKind::Hole,
            Code::FoldSplit => MarkKind::Fold,
            _ => MarkKind::Typography,
        };
        out.push(Finding {
            code,
            page: Some(page),
            page_index: Some(f.page),
            story: story.map(|s| s.display.clone()),
            diag: d.hint(hint).code(code),
            mark: Some(Mark { page: f.page, rect: f.rect, kind, label }),
        });
    }

    // Long legs beside photos (长腿).
    for leg in crate::check::legs::check(compiled) {
        let Some(story) = edition.stories.get(leg.page).and_then(|s| s.get(leg.story)) else { continue };
        let page = page_of(leg.page).unwrap_or_default();
        let (at, message, hint) = match leg.beside {
            crate::check::legs::Beside::Photo(k) => (
                story.value.photos.get(k).map_or_else(|| story.value.block().span(), |p| p.span.as_ref().map(|s| s.span()).filter(|s| !s.is_empty()).unwrap_or_else(|| p.file.span())),
                crate::tr!("long-leg", page = page, lines = leg.lines, photo = k + 1),
                crate::tr!("long-leg-hint"),
            ),
            crate::check::legs::Beside::Stories => (
                story.value.block().span(),
                crate::tr!("long-leg-stories", page = page, lines = leg.lines),
                crate::tr!("long-leg-stories-hint", most = crate::layout::place::LONG_LEG),
            ),
        };
        let mut d = story.error(at, message);
        d.severity = Severity::Warning;
        let d = d.hint(hint).code(Code::LongLeg);
        out.push(Finding {
            code: Code::LongLeg,
            page: Some(page),
            page_index: Some(leg.page),
            story: Some(story.display.clone()),
            diag: d,
            mark: Some(Mark { page: leg.page, rect: leg.rect, kind: MarkKind::Typography, label: crate::tr!("mark-long-leg", lines = leg.lines) }),
        });
    }

    // Two stories' pictures side by side (碰图).
    for pair in crate::check::pictures::side_by_side(compiled) {
        let Some(story) = edition.stories.get(pair.page).and_then(|s| s.get(pair.second.0)) else { continue };
        let other = edition.stories.get(pair.page).and_then(|s| s.get(pair.first.0)).map_or_else(String::new, |l| l.value.headline.replace('\n', " "));
        let page = page_of(pair.page).unwrap_or_default();
        let at = story.value.photos.get(pair.second.1).map_or_else(|| story.value.block().span(), |p| p.file.span());
        let mut d = story.error(at, crate::tr!("pictures-side-by-side", page = page, headline = story.value.headline.replace('\n', " "), other = other));
        d.severity = Severity::Warning;
        let d = d.hint(crate::tr!("pictures-side-by-side-hint")).code(Code::PicturesSideBySide);
        out.push(Finding {
            code: Code::PicturesSideBySide,
            page: Some(page),
            page_index: Some(pair.page),
            story: Some(story.display.clone()),
            diag: d,
            mark: Some(Mark { page: pair.page, rect: pair.rect, kind: MarkKind::Typography, label: crate::tr!("mark-pictures-side-by-side") }),
        });
    }

    // Pictures as large as the lead's (photo size by rank).
    for o in crate::check::rank::photos(compiled, edition) {
        let Some(story) = edition.stories.get(o.page).and_then(|s| s.get(o.story)) else { continue };
        let lead = edition.stories.get(o.page).and_then(|s| s.get(o.lead)).map_or_else(String::new, |l| l.value.headline.replace('\n', " "));
        let page = page_of(o.page).unwrap_or_default();
        let at = story.value.photos.get(o.photo).map_or_else(|| story.value.block().span(), |p| p.file.span());
        let [[w, h], [lw, lh]] = o.sizes;
        let mm = |x: f64| format!("{x:.1}");
        let mut d = story.error(at, crate::tr!("photo-rank", page = page, width = mm(w), height = mm(h), lead = lead, lead_width = mm(lw), lead_height = mm(lh)));
        d.severity = Severity::Warning;
        let d = d.hint(crate::tr!("photo-rank-hint")).code(Code::PhotoRank);
        out.push(Finding {
            code: Code::PhotoRank,
            page: Some(page),
            page_index: Some(o.page),
            story: Some(story.display.clone()),
            diag: d,
            mark: Some(Mark { page: o.page, rect: o.rect, kind: MarkKind::Typography, label: crate::tr!("mark-photo-rank") }),
        });
    }

    // Heads as large as the lead's (head size by rank).
    for o in crate::check::rank::heads(compiled, edition) {
        let Some(story) = edition.stories.get(o.page).and_then(|s| s.get(o.story)) else { continue };
        let lead = edition.stories.get(o.page).and_then(|s| s.get(o.lead)).map_or_else(String::new, |l| l.value.headline.replace('\n', " "));
        let page = page_of(o.page).unwrap_or_default();
        let (at, hand) = head_size_at(story);
        let pt = |x: f64| format!("{x:.1}");
        let headline = story.value.headline.replace('\n', " ");
        let mut d = story.error(at, crate::tr!("head-rank", page = page, headline = headline, size = pt(o.sizes[0]), lead = lead, lead_size = pt(o.sizes[1])));
        d.severity = Severity::Warning;
        let hint = if hand { crate::tr!("head-rank-hint") } else { crate::tr!("head-rank-placed-hint") };
        let d = d.hint(hint).code(Code::HeadRank);
        out.push(Finding {
            code: Code::HeadRank,
            page: Some(page),
            page_index: Some(o.page),
            story: Some(story.display.clone()),
            diag: d,
            mark: Some(Mark { page: o.page, rect: o.rect, kind: MarkKind::Typography, label: crate::tr!("mark-head-rank") }),
        });
    }

    // The front page's lead's head smaller than a head inside.
    if let Some(o) = crate::check::rank::front(compiled, edition) {
        let headline = |pi: usize, si: usize| edition.stories.get(pi).and_then(|s| s.get(si)).map_or_else(String::new, |l| l.value.headline.replace('\n', " "));
        if let Some(story) = edition.stories.get(o.page).and_then(|s| s.get(o.lead)) {
            let page = page_of(o.page).unwrap_or_default();
            let (at, hand) = head_size_at(story);
            let pt = |x: f64| format!("{x:.1}");
            let mut d = story.error(at, crate::tr!("front-lead-rank", page = page, headline = headline(o.page, o.lead), size = pt(o.sizes[0]), inside_page = page_of(o.inside.0).unwrap_or_default(), inside = headline(o.inside.0, o.inside.1), inside_size = pt(o.sizes[1])));
            d.severity = Severity::Warning;
            let hint = if hand { crate::tr!("front-lead-rank-hint") } else { crate::tr!("front-lead-rank-placed-hint") };
            out.push(Finding {
                code: Code::FrontLeadRank,
                page: Some(page),
                page_index: Some(o.page),
                story: Some(story.display.clone()),
                diag: d.hint(hint).code(Code::FrontLeadRank),
                mark: Some(Mark { page: o.page, rect: o.rect, kind: MarkKind::Typography, label: crate::tr!("mark-front-lead-rank") }),
            });
        }
    }

    // Heads side by side (碰题), and heads stacked (叠题).
    for pair in crate::check::heads::check(compiled) {
        let page = page_of(pair.page).unwrap_or_default();
        let data = &compiled.data.pages[pair.page].stories;
        let name = |si: usize| match &data[si].head.piece {
            crate::layout::compose::PlacedPiece::Piece(crate::layout::galley::Piece::Head { head }) => head.headline.replace('\n', " "),
            crate::layout::compose::PlacedPiece::Piece(crate::layout::galley::Piece::Jumphead { headline, .. }) => headline.replace('\n', " "),
            _ => String::new(),
        };
        let (first, second) = (name(pair.first), name(pair.second));
        // A vertical head is offered only for a story whose head may stand so (review 45: a
        // 17-character head turned as told ran 45 lines down its column), the lower first;
        // where folio placed the page, its advice comes first.
        let loaded = |si: usize| (!data[si].mirror).then(|| edition.stories.get(pair.page).and_then(|s| s.get(si))).flatten();
        let turnable = [pair.second, pair.first].into_iter().filter_map(loaded).find(|s| !s.value.vertical && crate::layout::galley::may_turn(&s.value.headline, &s.value.head_furniture()));
        let side_hint = || {
            let mut h = crate::tr!("heads-side-by-side-hint");
            if let Some(s) = turnable {
                h = format!("{h}{}", crate::tr!("heads-side-by-side-turn", story = s.value.headline.replace('\n', " ")));
            }
            h
        };
        let (code, message, hint, label) = match pair.clash {
            crate::check::heads::Clash::Row => (Code::HeadsSideBySide, crate::tr!("heads-side-by-side", page = page, first = first, second = second), side_hint(), crate::tr!("mark-heads-side-by-side")),
            crate::check::heads::Clash::Stagger => (Code::HeadsSideBySide, crate::tr!("heads-staggered", page = page, first = first, second = second), side_hint(), crate::tr!("mark-heads-side-by-side")),
            crate::check::heads::Clash::Stacked(lines) => (
                Code::StackedHeads,
                crate::tr!("stacked-heads", page = page, first = first, second = second, lines = lines),
                crate::tr!("stacked-heads-hint", least = crate::layout::place::MIN_COPY_UNDER_HEAD),
                crate::tr!("mark-stacked-heads"),
            ),
        };
        // At the second story's headline (a placed story's file has no block to point at); a
        // continuation block's or a facing page's story at the page.
        let story = (!data[pair.second].mirror).then(|| edition.stories.get(pair.page).and_then(|s| s.get(pair.second))).flatten();
        let mut d = match story {
            Some(s) => s.error(s.key_span(&["headline"], s.value.block().span()), message),
            None => Diagnostic::warning(message).in_file(&edition.file.display, &edition.file.source).with_span(Some(page_span(edition, pair.page))),
        };
        d.severity = Severity::Warning;
        out.push(Finding {
            code,
            page: Some(page),
            page_index: Some(pair.page),
            story: story.map(|s| s.display.clone()),
            diag: d.hint(hint).code(code),
            mark: Some(Mark { page: pair.page, rect: pair.rect, kind: MarkKind::Typography, label }),
        });
    }

    // A head the file turns that no 美编 would set vertically.
    for (pi, stories) in edition.stories.iter().enumerate() {
        for s in stories.iter().filter(|s| s.value.vertical) {
            let v = &s.value;
            if crate::layout::galley::may_turn(&v.headline, &v.head_furniture()) {
                continue;
            }
            let chars = v.headline.chars().filter(|c| !c.is_whitespace()).count();
            let mut d = s.error(s.key_span(&["vertical"], s.key_span(&["headline"], 0..0)), crate::tr!("long-vertical-head", chars = chars, headline = v.headline.replace('\n', " ")));
            d.severity = Severity::Warning;
            out.push(Finding {
                code: Code::LongVerticalHead,
                page: page_of(pi),
                page_index: Some(pi),
                story: Some(s.display.clone()),
                diag: d.hint(crate::tr!("long-vertical-head-hint", most = crate::layout::galley::TURN_PHRASE_CHARS)).code(Code::LongVerticalHead),
                mark: None,
            });
        }
    }

    // Typst's own warnings.
    out.extend(compiled.warnings.iter().cloned().map(|d| from_diagnostic(d, None)));
    (out, Measures { ink: inks })
}

/// `text` cut to its first `most` characters and an ellipsis where it is longer (a run of
/// thousands of letters named in a message).
fn clipped(text: &str, most: usize) -> String {
    match text.char_indices().nth(most) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The span of page `pi`'s `[[pages]]` entry in `edition.toml` (its `stories = …` key, or the
/// file's start).
fn page_span(edition: &Edition, pi: usize) -> std::ops::Range<usize> {
    let page = edition.file.value.pages.get(pi);
    page.and_then(|p| {
        let first = p.stories.first()?.span();
        let last = p.stories.last()?.span();
        Some(first.start..last.end)
    })
    .unwrap_or(0..0)
}

/// Turn a diagnostic from an earlier stage into a finding: its code is the one set where it was
/// found (`photo-missing`, `photo-unreadable`, `export`, …), else it follows the file it points
/// into: `template` (a `.typ` file; `typst` for Typst's warnings) or `content`.
pub fn from_diagnostic(diag: Diagnostic, edition: Option<&Edition>) -> Finding {
    let path = diag.path.clone();
    let is_typ = path.as_deref().and_then(Path::extension).is_some_and(|e| e == "typ");
    let code = diag.code.unwrap_or(match (is_typ, diag.severity) {
        (true, Severity::Warning) => Code::Typst,
        (true, Severity::Error) => Code::Template,
        (false, Severity::Warning) if path.is_none() => Code::Typst,
        _ => Code::Content,
    });
    let (mut page, mut page_index) = (None, None);
    // A photo's diagnostic points into its story's TOML.
    let mut story = if matches!(code, Code::PhotoMissing | Code::PhotoUnreadable) { path.clone() } else { None };
    if let (Some(ed), Some(p)) = (edition, &path) {
        for (pi, stories) in ed.stories.iter().enumerate() {
            if let Some(s) = stories.iter().find(|s| &s.display == p) {
                page = ed.file.value.pages.get(pi).map(|pg| pg.number);
                page_index = Some(pi);
                story = Some(s.display.clone());
                break;
            }
        }
    }
    Finding { code, page, page_index, story, diag, mark: None }
}

/// What copyfit changed, as the layout wrote it (`tracking +1.2%, photo -1 lines`), in this
/// run's language. The layout's search keeps the short English form: it makes one per trial,
/// and only the chosen one is ever shown.
pub fn copyfit_change(change: &str) -> String {
    change
        .split(", ")
        .map(|part| {
            if let Some(v) = part.strip_prefix("tracking ") {
                crate::tr!("copyfit-tracking", change = v)
            } else if let Some(v) = part.strip_prefix("leading ") {
                crate::tr!("copyfit-leading", change = v)
            } else if let Some(v) = part.strip_prefix("photo ").and_then(|v| v.strip_suffix(" lines")) {
                crate::tr!("copyfit-photo", change = v)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(&crate::tr!("report-separator"))
}

/// Apply `--press` (without `--allow-holes`): white the copy leaves in the type area — a hole
/// (开天窗) or a block whose columns end lines above its foot — is an error: the plates are what
/// goes to the press, and none is written with it.
pub fn refuse_white(findings: &mut [Finding]) {
    for f in findings.iter_mut().filter(|f| matches!(f.code, Code::Hole | Code::Underset) && !f.is_error()) {
        f.diag.severity = Severity::Error;
        f.diag.message.push_str(&crate::tr!("refused-white"));
    }
}

/// Apply `--allow-overset`: overset findings become warnings (they stay in the report).
pub fn allow_overset(findings: &mut [Finding]) {
    for f in findings.iter_mut().filter(|f| matches!(f.code, Code::Overset | Code::HeadOverset) && f.is_error()) {
        f.diag.severity = Severity::Warning;
        f.diag.message.push_str(&crate::tr!("allowed-overset"));
    }
}

/// The byte ranges of a TOML file's comments (from `#` to the line's end), found by walking its
/// strings (basic, literal and their multi-line forms), so that a `#` inside a string is not one.
/// Findings of one kind of punctuation in the story files' copy: what `find` finds in each
/// story file's source outside its comments (a pair or a mark in a comment, a line of its own or
/// after a value, is no text), each made a finding by `one` (page index, story, byte range).
/// At most [`PUNCTUATION_LISTED`] a story: past them one more finding, at the next place, says
/// how many more there are (a story of web copy may hold thousands; each would be looked up on
/// its page).
fn in_copy(edition: &Edition, find: fn(&str) -> Vec<std::ops::Range<usize>>, one: impl Fn(usize, &Loaded<Story>, std::ops::Range<usize>) -> Finding) -> Vec<Finding> {
    let mut out = Vec::new();
    for (pi, stories) in edition.stories.iter().enumerate() {
        for story in stories {
            let comments = toml_comments(&story.source);
            let found: Vec<std::ops::Range<usize>> = find(&story.source).into_iter().filter(|r| !comments.iter().any(|c| c.contains(&r.start))).collect();
            out.extend(found.iter().take(PUNCTUATION_LISTED).map(|r| one(pi, story, r.clone())));
            if let Some(next) = found.get(PUNCTUATION_LISTED) {
                let mut more = one(pi, story, next.clone());
                more.diag.message = crate::tr!("punctuation-more", count = found.len() - PUNCTUATION_LISTED, first = more.diag.message.as_str());
                more.mark = None;
                out.push(more);
            }
        }
    }
    out
}

/// A punctuation finding in a story on page index `pi` (printed page `page`), marked on the
/// proof at a rectangle with a label where the page shows it.
fn punctuation_finding(code: Code, (pi, page): (usize, Option<u32>), story: &Loaded<Story>, diag: Diagnostic, mark: Option<([f64; 4], String)>) -> Finding {
    Finding {
        code,
        page,
        page_index: Some(pi),
        story: Some(story.display.clone()),
        diag,
        mark: mark.map(|(rect, label)| Mark { page: pi, rect, kind: MarkKind::Punctuation, label }),
    }
}

/// Punctuation findings of one kind listed one by one in a story (see [`in_copy`]).
pub const PUNCTUATION_LISTED: usize = 10;

fn toml_comments(source: &str) -> Vec<std::ops::Range<usize>> {
    let b = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'#' => {
                let end = source[i..].find('\n').map_or(b.len(), |e| i + e);
                out.push(i..end);
                i = end;
            }
            q @ (b'"' | b'\'') => {
                let multi = b[i..].starts_with(if q == b'"' { b"\"\"\"" } else { b"\'\'\'" });
                i += if multi { 3 } else { 1 };
                while i < b.len() {
                    if q == b'"' && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if !multi && b[i] == b'\n' {
                        break;
                    }
                    if b[i] == q && (!multi || b[i..].starts_with(&[q, q, q])) {
                        i += if multi { 3 } else { 1 };
                        // A multi-line string may end in up to two more quotes of its kind.
                        while multi && i < b.len() && b[i] == q {
                            i += 1;
                        }
                        break;
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod comment_tests {
    #[test]
    fn toml_comments_skip_strings() {
        let src = "a = \"x # (y)\" # c (d)\n# e\nb = \"\"\"\n# not (f)\n\"\"\" # g\nc = 'h#' #i\n";
        let got: Vec<&str> = super::toml_comments(src).into_iter().map(|r| &src[r]).collect();
        assert_eq!(got, ["# c (d)", "# e", "# g", "#i"]);
    }
}

/// The hint of a short column (齐栏): what to cut or add, in characters, and — for a block by
/// hand (`placed`: folio placed it, and places it again) — the head area a line deeper that
/// goes with a cut (a block a line shorter would leave a line of white: a hole); the generic
/// hint where the block does not end its story.
fn short_column_hint(level: Option<typography::Level>, placed: bool, start: Option<&crate::layout::compose::CutStart>) -> String {
    use crate::layout::compose::CutStart;
    let Some(level) = level else { return crate::tr!("short-column-hint") };
    // Where the cut starts in the story, as the placement's messages say it.
    let at = match start {
        Some(CutStart::Paragraphs { n, text }) => crate::tr!("short-cut-paragraphs", n = *n, text = text.as_str()),
        Some(CutStart::Sentence(text)) => crate::tr!("short-cut-sentence", text = text.as_str()),
        Some(CutStart::Within(text)) => crate::tr!("short-cut-within", text = text.as_str()),
        None => String::new(),
    };
    let at = at.as_str();
    match (level.cut, level.head, level.whole, placed) {
        (Some((lines, cut)), _, _, true) => crate::tr!("short-column-cut-placed-hint", cut = cut, lines = lines, add = level.add, at = at),
        (Some((lines, cut)), Some(head), _, false) => match level.squeeze {
            Some(squeeze) => crate::tr!("short-column-squeeze-hint", cut = cut, lines = lines, add = level.add, head = head, squeeze = squeeze, at = at),
            None => crate::tr!("short-column-cut-hint", cut = cut, lines = lines, add = level.add, head = head, at = at),
        },
        (None, Some(head), true, false) => crate::tr!("short-column-whole-hint", add = level.add, head = head),
        _ => crate::tr!("short-column-add-hint", add = level.add),
    }
}
