//! Composition: from measured galley to placed pages.
//!
//! Takes the validated [`Edition`], its pages' [`Formats`] (each page has its own), the
//! [`Galley`] and what pass 1 measured, and gives [`PagesData`], the JSON `layouts/edition.typ`
//! draws from: every story's block, head, lead box, photos, body slices and column rules at
//! exact positions on the baseline grid (all in pt from the type area's top-left corner; a story
//! copyfitted with leading steps its body lines by its own pitch from each run's first grid
//! line), plus the spreads, and on the centre spread the stories, heads and banner set across
//! the fold. It also gives one [`StoryFit`] per story: how many lines it needed, had, could not
//! place, and what copyfit changed.

use serde::Serialize;

use crate::input::content::{block_lines, Block, Edition, Loaded, PhotoSize, Story};
use crate::layout::flow::{self, Flow, Interval, Unit};
use crate::layout::galley::{self, lead_span, Galley, Measure, Piece, Run, StoryPieces};
use crate::input::grid::{Format, Formats};
use crate::input::photos::PhotoInfo;

/// Where the placement tries a story's first photo: at the copy's foot (`No`), or at its top
/// under the head (题下图), at the block's left edge or its right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoTop {
    /// At the copy's foot (or where its file puts it).
    No,
    /// Under the head, at the block's left edge.
    Left,
    /// Under the head, at the block's right edge.
    Right,
}

/// The most of a picture's height (made shorter) or width (made taller) a placement search may
/// crop away to make a story fit: a third. Past it a photo is a strip or a sliver of itself
/// (a one-column picture five lines deep cut to three), which a 美编 never sets. A landscape
/// picture is never made taller than it is wide (a 4:3 cut by a third is portrait).
pub const MAX_CROP: f64 = 1.0 / 3.0;

/// The shape of picture folio's default photo widths are made for: 3:2 landscape, height over
/// width. A portrait picture ([`PORTRAIT_RATIO`]), which folio places ([`Fitter::free_photo_span`]),
/// is set narrower, at about the area a 3:2 picture has at the default width: its width times
/// the square root of this over its own height-to-width ratio (outside review 50: a 3:4 portrait
/// at a medium picture's four columns of six took 40 % of a tabloid page for a story of 500
/// characters; at three it is as large as a 3:2 picture at four), never under two columns.
pub const DEFAULT_PICTURE_RATIO: f64 = 2.0 / 3.0;

/// The height-to-width ratio from which a picture is portrait, which folio sets narrower than its
/// default ([`DEFAULT_PICTURE_RATIO`]): 6:5. A square picture keeps its default (a 副刊 essay's
/// square picture is a column's worth of the page's design).
pub const PORTRAIT_RATIO: f64 = 1.2;

/// Space between a photo and its caption, in pt (folio sizes the photo with it and passes it to
/// the template in each photo's data, so the two never disagree).
pub const CAPTION_GAP_PT: f64 = 5.0;

/// Everything pass 2 draws.
#[derive(Debug, Clone, Serialize)]
pub struct PagesData {
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
    /// The date in the Chinese calendar, 农历癸卯年五月初九 (empty outside the years the
    /// calendar covers, 1901–2100).
    pub lunar: String,
    /// The number of pages of the edition (今日N版).
    pub page_count: u32,
    /// The masthead's lines from `[masthead]`.
    pub masthead: MastheadData,
}

/// The masthead's (报头) lines, as `[masthead]` of `edition.toml` gives them.
#[derive(Debug, Clone, Serialize)]
pub struct MastheadData {
    /// 主管单位.
    pub supervisor: Option<String>,
    /// 主办单位.
    pub publisher: Option<String>,
    /// 国内统一连续出版物号 as printed, CN 36-0012.
    pub cn: Option<String>,
    /// 邮发代号, 43-12.
    pub postal_code: Option<String>,
    /// The paper's name as an image: its root-relative path, or None to set the name in type.
    pub logo: Option<String>,
}

/// The ear box (报眼): a vertical title, 导读 items, or a photo.
#[derive(Debug, Clone, Serialize)]
pub struct EarData {
    /// Set vertically.
    pub title: Option<String>,
    /// 见第2、3版, or empty.
    pub see: String,
    /// 导读 lines.
    pub items: Vec<EarItemData>,
    /// The photo's root-relative path.
    pub photo: Option<String>,
    /// The photo's caption.
    pub caption: Option<String>,
}

/// One 导读 line of the ear.
#[derive(Debug, Clone, Serialize)]
pub struct EarItemData {
    /// The line.
    pub title: String,
    /// Where the story is, 2版.
    pub page: String,
}

/// A file of the edition (`rel`, relative to its folder) as the templates name it: its path
/// from the project root with a leading slash (empty if it is not inside the root).
fn root_path(root: &std::path::Path, edition_dir: &std::path::Path, rel: &str) -> String {
    edition_dir
        .join(rel)
        .canonicalize()
        .ok()
        .and_then(|p| p.strip_prefix(root).ok().map(|p| format!("/{}", p.to_string_lossy().replace('\\', "/"))))
        .unwrap_or_default()
}

/// The Chinese-calendar date of a Gregorian one, 农历癸卯年五月初九 (None outside 1901–2100).
pub fn lunar_date(y: i32, m: u32, d: u32) -> Option<String> {
    use chinese_lunisolar_calendar::{ChineseVariant, LunisolarDate};
    let date = LunisolarDate::from_date(chrono::NaiveDate::from_ymd_opt(y, m, d)?).ok()?;
    let year = date.to_lunisolar_year();
    Some(format!(
        "农历{}{}年{}{}",
        year.to_heavenly_stems().to_str(),
        year.to_earthly_branch().to_str(),
        date.to_lunar_month().to_str(ChineseVariant::Simple),
        date.to_lunar_day().to_str()
    ))
}

/// One page.
#[derive(Debug, Clone, Serialize)]
pub struct PageData {
    /// The page's format with its derived grid (pages of one edition may differ: a 四开
    /// insert in a 对开 paper).
    pub format: Format,
    /// Page number.
    pub number: u32,
    /// Section name.
    pub section: String,
    /// Special-page banner.
    pub banner: Option<String>,
    /// The banner runs across the centre spread: `left` on the left page, `right` on the right
    /// page (which shows its half of the left page's banner).
    pub banner_fold: Option<&'static str>,
    /// Where the banner may break, ranked ([`crate::input::phrases::breaks`]): a banner across
    /// the fold is split between phrases or words, never inside one.
    pub banner_breaks: Vec<crate::input::phrases::Break>,
    /// Front page: draw the masthead in the top lines.
    pub masthead: bool,
    /// The ear box beside the masthead.
    pub ear: Option<EarData>,
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
    /// The 下转第N版 line at the end of a block whose copy continues on a later page.
    pub jump_note: Option<Placed>,
    /// Column rules: one vertical segment (`w` = 0) per stretch of gutter between two of the
    /// story's columns that copy runs beside, from under the head to the foot of the copy,
    /// broken where a photo or the lead box spans the gutter. The template draws them if the
    /// house style wants column rules.
    pub column_rules: Vec<Rect>,
    /// A copy of a story that crosses the gutter from the facing page (跨版): drawn on the
    /// single page, left out of the spread sheet (the facing page draws it there whole).
    pub mirror: bool,
    /// The head does not fit its area (a `head-overset` finding): the template clips it there,
    /// so nothing is drawn past the block.
    pub head_clip: bool,
    /// An L-shaped block's bottom-right corner (`cutout`), which other stories fill: the story
    /// draws nothing there. `null` for a rectangle.
    pub cutout: Option<Rect>,
    /// The story this is a block of: its page's index and its index on that page — the page
    /// it stands on for its own block, another for a continuation block (转版) or a copy
    /// across the gutter (跨版). For the checks' findings; not in the templates' data.
    #[serde(skip)]
    pub origin: (usize, usize),
    /// Its copy's columns when it has its own (变栏, `text_columns`): each one's width and the
    /// step from one's left edge to the next's, pt; `None`: the grid's. For the checks.
    #[serde(skip)]
    pub columns: Option<[f64; 2]>,
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
        /// Tracking in em the lines were set with (copyfit).
        tracking: f64,
        /// Leading in pt between the lines: the grid's, or the story's own (copyfit), whose
        /// lines step by body size + leading from the slice's top.
        leading: f64,
        /// Lines of verse: ragged right, wrapped lines two characters in.
        verse: bool,
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
    /// The whole image as drawn to fill the picture box (`w` × `image_h`) at the crop the
    /// photo's `focus` asks for: its left and top edge relative to the box's (0 or less) and its
    /// width and height (the box's or more), in pt. The template clips it to the box.
    pub crop: [f64; 4],
    /// Space between the image and its caption ([`CAPTION_GAP_PT`]).
    pub caption_gap: f64,
    /// Root-relative path with a leading slash: the photo file's, or, where folio serves the
    /// photo in another format than its name says (a PNG named `.jpg`, a PNG separated into a
    /// CMYK JPEG for the plates), a virtual `<path>.folio.jpg` or `.folio.png` beside it (Typst
    /// goes by the name; see [`crate::layout::photos::prepare`]).
    pub path: String,
    /// Caption text.
    pub caption: String,
    /// The credit as printed ([`galley::credit_line`]).
    pub credit: Option<String>,
}

impl PhotoData {
    /// The share of its picture's width and of its height the box shows (1.0 each where the
    /// picture fits the box's shape; less where the box crops it).
    pub fn shown(&self) -> (f64, f64) {
        (self.rect.w / self.crop[2].max(1e-6), self.image_h / self.crop[3].max(1e-6))
    }
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
    /// Lines the copy's shortest column (of the columns that end at the foot of the story's
    /// last block) ends above that foot: `underset`, and one more where levelling left a
    /// column a line short. Over one, columns end two or more lines short (copyfit tries on).
    pub short: u32,
    /// Widows and orphans the flow could not avoid (copyfit tries to).
    pub breaks: u32,
    /// Lines more the story could take back by setting paragraphs tighter (its block's
    /// `squeeze` that much larger): what `folio check` offers to level its columns.
    pub squeeze_room: u32,
    /// Lines its block takes back so (`squeeze`, as far as its paragraphs allow).
    pub squeeze: u32,
    /// Lines its block's `squeeze` asks past what its paragraphs allow (a story whose copyfit
    /// sets its tracking, `fit = "auto"`, allows none): a `squeeze-unused` finding.
    pub squeeze_unused: u32,
    /// Lines of white the flow left at the foot of columns before the copy's last one, beyond
    /// the line levelling may leave (a subhead moved on to keep its lines under it): short
    /// columns copyfit tries to avoid.
    pub gap: u32,
    /// Body lines of copy (subheads and other pieces kept whole count by the grid lines they
    /// take), as set (with copyfit, at its tracking and leading).
    pub lines: u32,
    /// Lines the story's blocks hold for copy: every column's free lines under the head, beside
    /// the lead box and photos, down to the block's foot (a continuation block's too, less the
    /// line of its jump note), at the story's own pitch (copyfit's leading). `lines` against this
    /// is what the copy lacks or has over; times the format's `column_chars`, in characters.
    pub capacity: u32,
    /// What `fit = "auto"` changed, if anything.
    pub copyfit: Option<String>,
    /// The head does not fit its head area (or leaves no line for copy).
    pub head: Option<HeadShort>,
    /// The head's area (`head = N`, the editor's or the placement's) is two or more lines
    /// deeper than the head needs: a `deep-head` finding.
    pub head_deep: Option<HeadShort>,
    /// The head area was made deeper so that the story's copy starts on the line of its tier
    /// neighbours' (stories beside it with the same block top): the grid lines of that area.
    pub head_aligned: Option<u32>,
    /// Grid lines of the head's area (with the blank line under it), and what the head as set
    /// in it needs (one line, or two where the area holds them); 0 for a vertical head.
    pub head_lines: (u32, u32),
    /// Photos that do not fit inside the story's block (an error: nothing is drawn outside it).
    pub photos_outside: Vec<PhotoOutside>,
    /// A photo (its index) whose box shares a column and a line with another photo of the
    /// story or its lead box: it would be printed over it (an error).
    pub photo_over: Option<(usize, Under)>,
    /// What the corner of an L-shaped block (`cutout`) cuts into: the story's head area, lead
    /// box or a photo (an error: the story in the corner would be drawn over it).
    pub cutout_clash: Option<CutoutClash>,
    /// Characters a line of its copy holds: the format's `column_chars`, or its own columns'
    /// with `text_columns` (变栏). Lines times this are the desk's count of characters.
    pub chars_per_line: u32,
}

/// What a photo would be printed over ([`StoryFit::photo_over`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Under {
    /// An earlier photo of the story (its index).
    Photo(usize),
    /// The story's lead box.
    Lead,
}

/// What the corner of an L-shaped block cuts into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CutoutClash {
    /// The head area (or the line of copy above the corner).
    Head,
    /// The lead box.
    Lead,
    /// A photo.
    Photo,
}

/// A head that needs more grid lines than its area gives it (or, for `head_deep`, fewer).
/// A head that needs more grid lines than its area gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadShort {
    /// Lines the head needs (with the blank line under it).
    pub needs: u32,
    /// Lines its area has: the editor's `head = N`, or the whole block.
    pub has: u32,
    /// Whether the area was given by the editor (`head = N`).
    pub given: bool,
    /// A vertical (竖排) head, down the block's first column.
    pub vertical: bool,
}

/// A photo whose `row` and height reach past the foot of its story's block, or whose `height`
/// leaves no room for the picture above its caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoOutside {
    /// Photo index in the story.
    pub photo: usize,
    /// Its `row`, if given.
    pub row: Option<u32>,
    /// Grid lines it takes (photo and caption): its `height`, or from its aspect ratio.
    pub lines: u32,
    /// Grid lines of the story's block under its head (rows 0 to `available` - 1); for a photo
    /// across the block, the lines it may take (the block's less the head's area and the blank
    /// line between them).
    pub available: u32,
    /// A 题上图 (`above_head`): `available` is the room above the head.
    pub above: bool,
    /// Fewest lines that hold the picture (one line) above its caption.
    pub min_lines: u32,
}

/// A paragraph's last line of this many characters or fewer (of ten or so; in wider columns, a
/// third of the column) is short: the flow keeps it from opening a column alone (see
/// [`flow::Unit::ParaShortEnd`]).
pub const SHORT_LAST_LINE: usize = 4;

const WEEKDAYS: [&str; 7] = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

/// Compose every page.
pub fn compose(
    edition: &Edition,
    formats: &Formats,
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
    let specs = &edition.file.value.pages;
    let page_format = |pi: usize| edition.page_format(formats, pi);
    let file = &edition.file.value;
    let page_top = |number: u32| edition.page_top_of(formats, number);
    let mut continued: Vec<(u32, StoryData)> = Vec::new();
    let mut per_page: Vec<Vec<StoryData>> = Vec::new();
    for (pi, (spec, stories)) in specs.iter().zip(&edition.stories).enumerate() {
        let mut out = Vec::new();
        let format = page_format(pi);
        let ctx = |head_lines: Option<u32>| Ctx {
            format,
            galley,
            measures,
            root,
            edition_dir: &edition.dir,
            page_number: spec.number,
            page_top: &page_top,
            edition_photo_lines: edition.file.value.copyfit.photo_lines,
            edition_leading: edition.file.value.copyfit.leading.clamp(0.0, 0.1),
            warn_ppi: edition.file.value.preflight().warn_ppi,
            head_lines,
        };
        let mut placed: Vec<Placement> = stories.iter().enumerate().map(|(si, story)| fit_story(&ctx(None), story, &galley.stories[pi][si], &|i| photos(story, i))).collect();
        // A tier (stories side by side, their blocks on one top line) starts its copy on one
        // line: each head area as deep as the deepest its neighbours' heads need, where the
        // copy still fits.
        for (si, target) in tier_heads(stories, &placed) {
            // A head too deep for the area the editor gave it stays a `head-overset` error.
            if placed[si].2.head.is_some() {
                continue;
            }
            let story = &stories[si];
            let again = fit_story(&ctx(Some(target)), story, &galley.stories[pi][si], &|i| photos(story, i));
            let before = &placed[si].2;
            if again.2.overset <= before.overset && again.2.head.is_none() && again.2.photos_outside.is_empty() {
                let mut again = again;
                again.2.head_aligned = Some(target);
                again.2.head_deep = None;
                placed[si] = again;
            }
        }
        for (si, (data, jumps, fit)) in placed.into_iter().enumerate() {
            fits.push(StoryFit { page: pi, story: si, ..fit });
            out.push(StoryData { origin: (pi, si), ..data });
            continued.extend(jumps.into_iter().map(|(number, d)| (number, StoryData { origin: (pi, si), ..d })));
        }
        per_page.push(out);
    }
    // Continuation blocks go to their pages; stories crossing the gutter of the centre spread
    // are drawn on the facing page too.
    for (number, data) in continued {
        if let Some(pi) = specs.iter().position(|p| p.number == number) {
            per_page[pi].push(data);
        }
    }
    if let Some((l, r)) = crate::input::content::centre_spread(&edition.file.value) {
        let format = page_format(l);
        let crossing: Vec<StoryData> = per_page[l]
            .iter()
            .filter(|s| s.block.x + s.block.w > format.area_width_pt + 1.0)
            .map(|s| s.mirrored(-format.trim_width_pt))
            .collect();
        per_page[r].extend(crossing);
    }
    for (pi, (spec, out)) in specs.iter().zip(per_page).enumerate() {
        let page_top = page_top(spec.number);
        let format = page_format(pi);
        pages.push(PageData {
            format: format.clone(),
            number: spec.number,
            section: spec.section.clone(),
            banner: spec.banner.clone().or_else(|| file.banner_across_from(pi).and_then(|l| l.banner.clone())),
            banner_fold: if file.banner_across_from(pi).is_some() {
                Some("right")
            } else if crate::input::content::centre_spread(file).is_some_and(|(l, _)| l == pi) && spec.banner_across.as_ref().is_some_and(|b| *b.get_ref()) {
                Some("left")
            } else {
                None
            },
            banner_breaks: spec.banner.as_deref().or_else(|| file.banner_across_from(pi).and_then(|l| l.banner.as_deref())).map(|b| crate::input::phrases::breaks_with(b, &file.typography.words)).unwrap_or_default(),
            masthead: spec.masthead,
            ear: spec.ear.as_ref().map(|e| EarData {
                title: e.title.clone(),
                items: e.items.iter().map(|i| EarItemData { title: i.title.clone(), page: format!("{}版", i.page) }).collect(),
                photo: e.photo.as_ref().map(|p| root_path(root, &edition.dir, p)),
                caption: e.caption.as_deref().map(galley::typed_spaces),
                see: if e.see.is_empty() {
                    String::new()
                } else {
                    format!("见第{}版", e.see.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("、"))
                },
            }),
            banner_h: if page_top > 0 { format.line_y(page_top) } else { 0.0 },
            editor: spec.editor.clone(),
            designer: spec.designer.clone(),
            proofreader: spec.proofreader.clone(),
            stories: out,
        });
    }
    let spreads = spreads(&pages.iter().map(|p| (p.number, p.format.name.as_str())).collect::<Vec<_>>());
    let data = PagesData {
        edition: EditionData {
            paper: info.paper.clone(),
            date: format!("{y}年{m}月{d}日"),
            weekday,
            issue: info.issue,
            lunar: lunar_date(i32::from(y), u32::from(m), u32::from(d)).unwrap_or_default(),
            page_count: u32::try_from(specs.len()).unwrap_or(u32::MAX),
            masthead: MastheadData {
                supervisor: file.masthead.supervisor.clone(),
                publisher: file.masthead.publisher.clone(),
                cn: file.masthead.cn_printed(),
                postal_code: file.masthead.postal_code.as_deref().and_then(crate::input::content::parse_postal_code),
                logo: file.masthead.logo.as_ref().map(|l| root_path(root, &edition.dir, l)),
            },
        },
        pages,
        spreads,
    };
    (data, fits)
}

/// Pair facing pages: an even page on the left, the next odd page on the right, when both
/// have the same format (pages given as number and format name).
pub fn spreads(pages: &[(u32, &str)]) -> Vec<[Option<usize>; 2]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let (n, f) = pages[i];
        if n % 2 == 0 {
            if i + 1 < pages.len() && pages[i + 1] == (n + 1, f) {
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

/// What every story placement needs to know.
struct Ctx<'a> {
    format: &'a Format,
    galley: &'a Galley,
    measures: &'a [Measure],
    root: &'a std::path::Path,
    edition_dir: &'a std::path::Path,
    page_number: u32,
    page_top: &'a dyn Fn(u32) -> u32,
    /// The head area's grid lines when the page sets them (a tier's text starts aligned).
    head_lines: Option<u32>,
    edition_photo_lines: u32,
    edition_leading: f64,
    /// The resolution below which a photo is a `photo-low-ppi` warning (`[preflight]
    /// warn_ppi`): the placement search does not enlarge a first photo past it.
    warn_ppi: f64,
}

impl Rect {
    fn shifted(mut self, dx: f64) -> Self {
        self.x += dx;
        self
    }
}

impl StoryData {
    /// Whether the point (`x`, `y`, in pt from the type area's top-left corner) lies in the
    /// corner an L-shaped block leaves to other stories: what is there is theirs.
    pub fn in_cutout(&self, x: f64, y: f64) -> bool {
        self.cutout.is_some_and(|c| x >= c.x - 0.5 && y >= c.y - 0.5)
    }

    /// The same story moved `dx` to the side, marked as a mirror.
    fn mirrored(&self, dx: f64) -> Self {
        let mv = |p: &Placed| Placed { rect: p.rect.shifted(dx), piece: p.piece.clone() };
        StoryData {
            block: self.block.shifted(dx),
            rule_top: self.rule_top,
            rule_left: self.rule_left,
            head: mv(&self.head),
            lead: self.lead.as_ref().map(mv),
            photos: self.photos.iter().map(|p| PhotoData { rect: p.rect.shifted(dx), ..p.clone() }).collect(),
            items: self.items.iter().map(mv).collect(),
            jump_note: self.jump_note.as_ref().map(mv),
            column_rules: self.column_rules.iter().map(|r| r.shifted(dx)).collect(),
            mirror: true,
            head_clip: self.head_clip,
            cutout: self.cutout.map(|r| r.shifted(dx)),
            origin: self.origin,
            columns: self.columns,
        }
    }
}

/// The most columns folio places a story of verse across when its `max_span` does not say.
pub const VERSE_MAX_SPAN: u32 = 2;

/// How the placement search sets a story's head in a block it tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HeadSetting {
    /// As the story's file sets it.
    #[default]
    AsFiled,
    /// Vertically (竖题) down the block's first column, though the file does not ask for it.
    Turned,
    /// Under the story's first photo, raised across the block's top (题上图).
    Raised,
}

/// How a story's copy fits a candidate block: what a placement search weighs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// Grid lines of the head's area (with the blank line under it).
    pub head_lines: u32,
    /// Grid lines above the head's area (a photo above the head, 题上图, and the line under
    /// it); 0 for a head at the block's top.
    pub head_from: u32,
    /// A vertical (竖排) head: the grid lines it takes down the block's first column (its
    /// characters', or the whole column where it keeps the column to itself); 0 otherwise.
    pub vertical_lines: u32,
    /// Lines of copy in each column of the story's own block, left to right.
    pub columns: Vec<u32>,
    /// Lines of copy that did not fit.
    pub overset: u32,
    /// Empty grid lines left under the balanced columns.
    pub underset: u32,
    /// Lines of copy in all.
    pub lines: u32,
    /// The head needs more lines than the block has for it.
    pub head_short: bool,
    /// The head's area is two or more lines deeper than the head as set in it needs (the
    /// block's `head = N`): a `deep-head` finding.
    pub head_deep: bool,
    /// A photo does not fit inside the block (too wide for it, or past its foot).
    pub photos_outside: bool,
    /// Grid lines each photo takes (picture and caption).
    pub photo_lines: Vec<u32>,
    /// The first photo, made taller or shorter, is cropped past [`MAX_CROP`] of its picture.
    pub overcropped: bool,
    /// How much of the first photo's picture (of its width or its height) the search's taller
    /// or shorter box crops away, in percent: 0 where the search left its height as its aspect
    /// ratio gives, or the file sets it.
    pub crop: u32,
    /// The first photo, made larger (taller or wider) than folio's default size for the block,
    /// prints below the resolution the edition's `[preflight] warn_ppi` asks for, where at its
    /// default size it does not.
    pub underresolved: bool,
    /// Each photo's first column (from the block's first copy column) and columns.
    pub photo_cols: Vec<(u32, u32)>,
    /// Columns of copy in the block (less a vertical head's column).
    pub copy_span: u32,
    /// The most empty grid lines at the foot of any one column's run of copy (a column ending
    /// early above a photo or at the block's foot): a hole when over one.
    pub hole: u32,
    /// Lines the block holds for copy (every column's free lines under the head, beside the
    /// lead box and photos, down to the foot): less [`Fit::lines`], the slack.
    pub capacity: u32,
    /// Columns of an L-shaped block's corner (`cutout`), 0 for a rectangle.
    pub cutout_span: u32,
    /// Grid lines of an L-shaped block's corner, 0 for a rectangle.
    pub cutout_lines: u32,
    /// Widows and orphans the flow could not avoid (a paragraph's short last line alone at a
    /// column's top, its first line alone at a column's foot).
    pub breaks: u32,
}

/// The layout core for a placement search: one page's stories as pass 1 measured them, fitted
/// to any candidate block without Typst. [`Fitter::fit`] is a pure function of the measures and
/// the block: the galley is set once per story and width (with [`galley::Spans::All`], every
/// story's head and lead box at every span of the page's format) and cached, so a search tries
/// thousands of blocks a second (`cargo bench --bench speed` reports fits per second).
pub struct Fitter<'a> {
    format: &'a Format,
    galley: &'a Galley,
    measures: &'a [Measure],
    edition: &'a Edition,
    page: usize,
    photos: Vec<Vec<Option<PhotoInfo>>>,
    page_top: Box<dyn Fn(u32) -> u32 + Send + Sync + 'a>,
    /// Per story, the paragraphs it may set tighter to take back a line each ([`squeezable`]).
    squeeze: Vec<Vec<(usize, usize)>>,
}

impl<'a> Fitter<'a> {
    /// A fitter for page `page` (an index) of `edition`, from its galley and pass 1's measures;
    /// `photos` gives each story's photos' pixel sizes (per story, per photo).
    pub fn new(edition: &'a Edition, formats: &'a Formats, galley: &'a Galley, measures: &'a [Measure], page: usize, photos: Vec<Vec<Option<PhotoInfo>>>) -> Self {
        let page_top = move |number: u32| edition.page_top_of(formats, number);
        let squeeze: Vec<Vec<(usize, usize)>> = galley.stories.get(page).map(|v| v.iter().map(|p| squeezable(p, measures)).collect()).unwrap_or_default();
        Self { format: edition.page_format(formats, page), galley, measures, edition, page, photos, page_top: Box::new(page_top), squeeze }
    }

    /// The most lines story `story` may take back by setting paragraphs tighter (a block's
    /// `squeeze`): how many of its paragraphs come out a line shorter so.
    pub fn squeezable(&self, story: usize) -> u32 {
        self.squeeze.get(story).map_or(0, |v| v.len() as u32)
    }

    /// The page's format.
    pub fn format(&self) -> &Format {
        self.format
    }

    /// The largest head size (tier of the format's ladder) story `story` (its index on the
    /// page) may have by its copy's length ([`Format::copy_tier`]); a column of briefs (its
    /// `briefs`), the ladder's smallest: its head is the column's label (简讯), which a 6-column
    /// strip of briefs set at 42 pt until session 40.
    pub fn copy_tier(&self, story: usize) -> usize {
        self.edition.stories.get(self.page).and_then(|v| v.get(story)).map_or(0, |l| {
            if l.value.briefs { self.format.spec.heads.len().saturating_sub(1) } else { self.format.copy_tier(l.value.text_chars()) }
        })
    }

    /// Story `story`'s copy in characters (its index on the page; 0 when there is none).
    pub fn copy_chars(&self, story: usize) -> usize {
        self.edition.stories.get(self.page).and_then(|v| v.get(story)).map_or(0, |l| l.value.text_chars())
    }

    /// The spans story `story` (its index on the page) may be placed at: its `min_span` and
    /// `max_span` (default 1 and any; for verse at most [`VERSE_MAX_SPAN`], as a 美编 sets a
    /// poem in a narrow block down the page, not its stanzas in short columns across it).
    pub fn span_bounds(&self, story: usize) -> (u32, u32) {
        let s = self.edition.stories.get(self.page).and_then(|v| v.get(story)).map(|l| &l.value);
        // A story across the centre spread takes columns of both pages.
        let across = s.is_some_and(|s| s.asks_across());
        let columns = self.format.columns;
        // A story whose file asks for a vertical head (竖题) takes two columns at least: the head
        // stands down the first, the copy beside it (in one column its head was set across, the
        // file's `vertical = true` ignored without a word until session 43).
        let vertical = s.is_some_and(|s| s.vertical) && columns > 1;
        let min = s.and_then(|s| s.min_span.as_ref()).map_or(if across { columns + 1 } else if vertical { 2 } else { 1 }, |v| *v.get_ref());
        let widest = if across { 2 * columns } else if s.is_some_and(|s| s.verse) { VERSE_MAX_SPAN } else { u32::MAX };
        let max = s.and_then(|s| s.max_span.as_ref()).map_or(widest, |v| *v.get_ref());
        (min, max)
    }

    /// How story `story` (its index on the page) fits `block`, as set: its copy at its own
    /// tracking and leading, its photos at their size. `None` when pass 1 did not measure its
    /// head or lead box at the block's width (build the galley with [`galley::Spans::All`]).
    pub fn fit(&self, story: usize, block: &Block) -> Option<Fit> {
        self.fit_adjusted(story, block, 0)
    }

    /// [`Fitter::fit`] with the story's first photo `photo_delta` grid lines taller (or shorter;
    /// never under three lines): the slack a placement search uses to make a page come out exact.
    pub fn fit_adjusted(&self, story: usize, block: &Block, photo_delta: i32) -> Option<Fit> {
        self.fit_photo(story, block, photo_delta, None)
    }

    /// The characters of story `story`'s last `lines` lines of copy as pass 1 set them (a column
    /// wide, at the story's own tracking): what cutting from the story's end must take away for
    /// its copy to be that many lines shorter. A paragraph's short last line counts as a line;
    /// a subhead counts its lines and no characters.
    pub fn tail_chars(&self, story: usize, lines: u32) -> Option<u32> {
        let pieces = self.galley.stories.get(self.page)?.get(story)?;
        let (mut left, mut chars) = (lines, 0u32);
        for &i in pieces.flow.iter().rev() {
            if left == 0 {
                break;
            }
            let m = self.measures.get(i)?;
            if matches!(self.galley.items.get(i)?.piece, Piece::Para { .. }) {
                for line in m.lines.iter().rev().take(left as usize) {
                    chars += line.iter().map(|r| r.text.chars().filter(|&c| crate::layout::galley::printed(c)).count() as u32).sum::<u32>();
                    left -= 1;
                }
            } else {
                left = left.saturating_sub(self.format.lines_for(m.height).max(1));
            }
        }
        Some(chars)
    }

    /// Where a cut of story `story`'s last `lines` lines starts, in the desk's terms, and the
    /// characters it takes: its last paragraphs whole; else from the last sentence end on the
    /// line before those lines (the cut then takes that line's end too, and the same lines:
    /// the story's copy ends on that line, a sentence whole); else from inside a sentence
    /// (cut so, a story ends in half a sentence: review 45's 「中国科学技术大学潘。」). `None`
    /// where a subhead stands among the lines cut.
    pub fn tail_cut(&self, story: usize, lines: u32) -> Option<(u32, CutStart)> {
        let pieces = self.galley.stories.get(self.page)?.get(story)?;
        let mut copy: Vec<Option<CopyLine>> = Vec::new();
        for &i in &pieces.flow {
            match self.galley.items.get(i)?.piece {
                Piece::Para { .. } => copy.extend(self.measures.get(i)?.lines.iter().enumerate().map(|(k, l)| Some(CopyLine::of(l, k == 0)))),
                _ => copy.push(None),
            }
        }
        cut_from_end(&copy, lines)
    }

    /// The first grid line of the page's type area under its banner or masthead (a block there
    /// starts with no rule line).
    pub fn page_top(&self) -> u32 {
        self.edition.file.value.pages.get(self.page).map_or(0, |p| (self.page_top)(p.number))
    }

    /// When story `story`'s first photo has no `span` of its own: the span folio gives it in a
    /// block `block_span` columns wide (by its `size`), the most it may take there, and the size
    /// the editor asked for (`size`), if any.
    pub fn free_photo_span(&self, story: usize, block_span: u32) -> Option<(u32, u32, Option<PhotoSize>)> {
        let photo = self.edition.stories.get(self.page)?.get(story)?.value.photos.first()?;
        if photo.span.is_some() || photo.is_under_head() {
            return None;
        }
        let (c, sp) = galley::photo_place_in(photo, 0, block_span);
        let sp = self.shaped_photo_span(story, block_span).unwrap_or(sp);
        Some((sp, block_span.saturating_sub(c).max(1), photo.size.as_ref().map(|s| *s.get_ref())))
    }

    /// When story `story`'s first photo, with no `span` of its own nor a small or large `size`,
    /// is portrait ([`PORTRAIT_RATIO`]): the columns folio gives it in a block `block_span`
    /// columns wide where that is fewer than its default ([`galley::photo_place_in`]), for the
    /// picture's area to be about a 3:2 picture's at the default ([`DEFAULT_PICTURE_RATIO`]).
    /// The placement search sets it so, and writes it into the photo's `span`.
    pub fn shaped_photo_span(&self, story: usize, block_span: u32) -> Option<u32> {
        let photo = self.edition.stories.get(self.page)?.get(story)?.value.photos.first()?;
        if photo.span.is_some() || photo.is_across_block() || matches!(photo.size(), PhotoSize::Small | PhotoSize::Large) {
            return None;
        }
        let info = self.photos.get(story)?.first().copied().flatten()?;
        let ratio = f64::from(info.height) / f64::from(info.width.max(1));
        if ratio < PORTRAIT_RATIO {
            return None;
        }
        let (_, sp) = galley::photo_place_in(photo, 0, block_span);
        // Never under two columns: a portrait picture two columns wide is a picture, one column
        // a thumbnail.
        let shaped = ((f64::from(sp) * (DEFAULT_PICTURE_RATIO / ratio).sqrt()).round() as u32).max(2);
        (shaped < sp).then_some(shaped)
    }

    /// Whether story `story`'s first photo has a `height` of its own: the editor's, which the
    /// placement search keeps (it makes only a photo folio sizes taller or shorter).
    pub fn photo_height_set(&self, story: usize) -> bool {
        self.edition.stories.get(self.page).and_then(|v| v.get(story)).and_then(|l| l.value.photos.first()).is_some_and(|p| p.height.is_some())
    }

    /// Where story `story`'s first photo starts: the column in its block (0-based: its `column`
    /// less one, 0 when it has none), and whether the editor set its `row` (then it stands at
    /// that line of the copy, not at the copy's foot). `None` without a photo.
    pub fn photo_anchor(&self, story: usize) -> Option<(u32, bool)> {
        let photo = self.edition.stories.get(self.page)?.get(story)?.value.photos.first()?;
        Some((photo.column.as_ref().map_or(0, |c| c.get_ref().saturating_sub(1)), photo.row.is_some()))
    }

    /// [`Fitter::fit_adjusted`] with the story's first photo, when it has no `span` of its own,
    /// `first_span` columns wide instead of folio's default for the block (the placement
    /// search's other way to fill a page: a wider or narrower picture).
    pub fn fit_photo(&self, story: usize, block: &Block, photo_delta: i32, first_span: Option<u32>) -> Option<Fit> {
        self.fit_as(story, block, (photo_delta, first_span), HeadSetting::AsFiled)
    }

    /// Whether the search may set story `story`'s head vertically (竖排) though its file does
    /// not ask for it: pass 1 set it so ([`StoryPieces::head_vertical`]).
    pub fn may_turn_head(&self, story: usize) -> bool {
        let asks = self.edition.stories.get(self.page).and_then(|v| v.get(story)).is_some_and(|l| l.value.vertical);
        !asks && self.galley.stories.get(self.page).and_then(|v| v.get(story)).is_some_and(|p| !p.head_vertical.is_empty())
    }

    /// Whether the search may set story `story`'s first photo above its head (题上图) though its
    /// file does not ask for it: a first photo folio places (no `column`, `span`, `row` or
    /// `size`), no photo of the story across its block already, a head across (not vertical).
    pub fn may_raise_photo(&self, story: usize) -> bool {
        let Some(s) = self.edition.stories.get(self.page).and_then(|v| v.get(story)).map(|l| &l.value) else { return false };
        !s.vertical
            && !s.photos.iter().any(|p| p.is_across_block())
            && s.photos.first().is_some_and(|p| p.column.is_none() && p.span.is_none() && p.row.is_none() && p.size.is_none())
    }

    /// [`Fitter::fit_photo`] with the first photo's change `(lines, columns)`, and the head
    /// set as `setting` says: as the story's file sets it, vertically (竖排) down the block's
    /// first column though the file does not ask for it (`None` when pass 1 did not set it so:
    /// [`Fitter::may_turn_head`]), or under the first photo raised above it
    /// ([`Fitter::may_raise_photo`]; the photo's `columns` change then has no effect).
    pub fn fit_as(&self, story: usize, block: &Block, photo: (i32, Option<u32>), setting: HeadSetting) -> Option<Fit> {
        self.fit_with(story, block, photo, setting, PhotoTop::No)
    }

    /// Whether story `story`'s first photo may stand at the top of its copy, under its head
    /// (题下图, `row = 0`), where folio places it: a photo with no `column`, `row` or
    /// placement across the block of its own, in a story with no lead box; not under a
    /// vertical head (its column's top is the head's).
    pub fn may_top_photo(&self, story: usize) -> bool {
        let Some(s) = self.edition.stories.get(self.page).and_then(|v| v.get(story)).map(|l| &l.value) else { return false };
        s.lead.is_none() && !s.vertical && s.photos.first().is_some_and(|p| p.column.is_none() && p.row.is_none() && !s.photos.iter().any(|p| p.is_across_block()))
    }

    /// [`Fitter::fit_as`] with the first photo at the top of the copy, under the head (`row =
    /// 0`), not at its foot, at the block's left or right edge (`at`); `None` where it may not
    /// stand there ([`Fitter::may_top_photo`]).
    pub fn fit_photo_on_top(&self, story: usize, block: &Block, photo: (i32, Option<u32>), at: PhotoTop) -> Option<Fit> {
        self.may_top_photo(story).then(|| self.fit_with(story, block, photo, HeadSetting::AsFiled, at)).flatten()
    }

    /// [`Fitter::fit_as`], the first photo under the head where `top`.
    fn fit_with(&self, story: usize, block: &Block, (photo_delta, first_span): (i32, Option<u32>), setting: HeadSetting, top: PhotoTop) -> Option<Fit> {
        let turned = setting == HeadSetting::Turned;
        let raised = setting == HeadSetting::Raised;
        let loaded = self.edition.stories.get(self.page)?.get(story)?;
        let pieces = self.galley.stories.get(self.page)?.get(story)?;
        let s = &loaded.value;
        // The left page of the centre spread (跨版) has the right page's columns too.
        let spread = crate::input::content::centre_spread(&self.edition.file.value).is_some_and(|(l, _)| l == self.page);
        let columns = self.format.columns * if spread { 2 } else { 1 };
        if block.span == 0 || block.column == 0 || u64::from(block.column) - 1 + u64::from(block.span) > u64::from(columns) {
            return None;
        }
        let own = galley::own_span(s, self.format);
        let vertical = (s.vertical || turned) && block.span > 1 && !raised;
        // The head's size: the block's `head_size` (the search's smaller head), else the span's.
        let tier = self.format.block_tier(block.span, block.head_size);
        let main = block.span == own && tier == galley::head_tier(s, self.format, own);
        // A vertical head at the block's size (folio's choice, or the file's in a block folio
        // places).
        let head = if vertical && !pieces.head_vertical.is_empty() {
            pieces.head_vertical.iter().find(|&&(t, _)| t == tier).map(|p| p.1)
        } else if turned {
            None
        } else if vertical || main {
            Some(pieces.head)
        } else {
            pieces.heads.iter().find(|&&(sp, t, _)| sp == block.span && t == tier).map(|p| p.2)
        }?;
        let lead = match pieces.lead {
            None => None,
            Some(i) => {
                let cols = galley::lead_span_in(s, block.copy_columns());
                let item = if cols == lead_span(s, self.format) { Some(i) } else { pieces.leads.iter().find(|(sp, _)| *sp == cols).map(|p| p.1) }?;
                Some((item, cols))
            }
        };
        let ctx = Ctx {
            format: self.format,
            galley: self.galley,
            measures: self.measures,
            root: &self.edition.dir,
            edition_dir: &self.edition.dir,
            page_number: self.edition.file.value.pages[self.page].number,
            page_top: &*self.page_top,
            edition_photo_lines: 0,
            edition_leading: 0.0,
            warn_ppi: self.edition.file.value.preflight().warn_ppi,
            head_lines: None,
        };
        let infos = self.photos.get(story);
        let info = |i: usize| infos.and_then(|v| v.get(i).copied().flatten());
        let two = if vertical {
            None
        } else if head == pieces.head {
            pieces.head_two
        } else {
            pieces.heads_two.iter().find(|&&(sp, t, _)| sp == block.span && t == tier).map(|p| p.2)
        }
        .map(|i| self.measures[i].height);
        let shape = Shape::new(&ctx, loaded, block, pieces, ((self.measures[head].height, two), lead, vertical), (photo_delta, first_span, raised, top), &info);
        let squeezed = block.squeeze.filter(|&n| n > 0).map(|n| squeezed_flow(&pieces.flow, self.squeeze.get(story).map_or(&[][..], |v| &v[..]), n));
        let units = units(&ctx, squeezed.as_deref().unwrap_or(&pieces.flow));
        let result = shape.flow(&units, 0.0);
        let fit = shape.fit(&units, &result, 0.0);
        let main = shape.blocks[0];
        let mut columns = vec![0u32; main.span as usize];
        for sl in result.slices.iter().filter(|sl| sl.block == 0) {
            if let Some(c) = columns.get_mut(sl.col as usize) {
                *c += sl.to - sl.from;
            }
        }
        let too_wide = shape.photos.iter().any(|p| p.c + p.sp > main.span);
        let hole = shape
            .frames(result.bottom)
            .iter()
            .map(|iv| {
                let used: u32 = result.slices.iter().filter(|sl| sl.block == iv.block && sl.col == iv.col && sl.start == iv.top).map(|sl| sl.to - sl.from).sum();
                (iv.bottom - iv.top).saturating_sub(used)
            })
            .max()
            .unwrap_or(0);
        Some(Fit {
            head_lines: shape.head_lines,
            head_from: shape.head_top - shape.content_top,
            vertical_lines: match shape.under_vertical {
                Some(lines) => lines.saturating_sub(1).max(1),
                None if shape.vertical => shape.bottom.saturating_sub(shape.content_top),
                None => 0,
            },
            columns,
            overset: fit.overset,
            underset: fit.underset,
            lines: fit.lines,
            head_short: fit.head.is_some(),
            head_deep: shape.head_deep.is_some(),
            photos_outside: too_wide || !fit.photos_outside.is_empty() || fit.photo_over.is_some() || shape.cutout_clash.is_some(),
            photo_lines: shape.photos.iter().map(|p| p.lines).collect(),
            overcropped: shape.photos.iter().any(|p| p.overcropped),
            crop: shape.photos.first().map_or(0, |p| (p.crop * 100.0).round() as u32),
            underresolved: shape.photos.iter().any(|p| p.underresolved),
            photo_cols: shape.photos.iter().map(|p| (p.c, p.sp)).collect(),
            copy_span: main.span,
            hole,
            capacity: fit.capacity,
            cutout_span: block.cutout.map_or(0, |c| c.span),
            cutout_lines: block.cutout.map_or(0, |c| c.height),
            breaks: result.breaks,
        })
    }
}

/// One block of a story on the grid: its own block, or a continuation block.
#[derive(Debug, Clone, Copy)]
struct Geom {
    page: u32,
    c0: u32,
    span: u32,
    top: u32,
    bottom: u32,
    rule_top: bool,
    /// First line of copy (under the head).
    body_top: u32,
    /// Columns of the block's own (变栏, `text_columns`): each one's width and the gutter
    /// between two, pt; `span` counts them. `None`: the grid's columns from `c0`.
    text: Option<(f64, f64)>,
}

impl Geom {
    /// A rectangle over columns `c`..`c + sp` of the block (its own with `text`), `n` lines from
    /// line `l`.
    fn rect(&self, format: &Format, c: u32, sp: u32, l: u32, n: u32) -> Rect {
        match self.text {
            None => grid_rect(format, self.c0 + c, sp, l, n),
            Some((w, gap)) => {
                let r = grid_rect(format, self.c0, 1, l, n);
                Rect { x: r.x + f64::from(c) * (w + gap), w: Format::across(w, gap, sp), ..r }
            }
        }
    }

    /// The middle of the gutter after column `c`, pt from the type area's left edge.
    fn gutter_mid(&self, format: &Format, c: u32) -> f64 {
        match self.text {
            None => format.col_x(self.c0 + c) + format.column_pt + format.gutter_pt / 2.0,
            Some((w, gap)) => format.col_x(self.c0) + f64::from(c + 1) * (w + gap) - gap / 2.0,
        }
    }
}

type Placement = (StoryData, Vec<(u32, StoryData)>, StoryFit);

/// The copyfit settings of one trial placement: the galley flow to set (the body at one
/// tracking), the first photo's change in grid lines, and the body's leading as a share of the
/// grid's pitch.
#[derive(Debug, Clone, Copy)]
struct Trial<'a> {
    flow: &'a [usize],
    tracking: f64,
    photo_delta: i32,
    leading: f64,
    /// Grid lines added to the jump head of the story's last continuation block (the head
    /// stands in the middle of the deeper area, as a 美编 takes up spare depth).
    head_delta: u32,
}

impl<'a> Trial<'a> {
    /// As set: the galley's own flow, nothing changed.
    fn plain(pieces: &'a StoryPieces) -> Self {
        Self { flow: &pieces.flow, tracking: 0.0, photo_delta: 0, leading: 0.0, head_delta: 0 }
    }
}

/// Place a story; with `fit = "auto"`, try the smallest adjustments first — the first photo
/// by whole grid lines, then tracking, then the same with a continued story's last jump head a
/// line deeper (where the copy is short by more than a line a column), and only when
/// none of these fits, the story's leading (the most visible change), with them — and keep the
/// first that fills the block to the line (every column to its foot, nothing overset, no widow
/// or orphan, no column left short by a subhead moved on); failing that, the story as set where
/// its columns end within a line of the foot, else the first change that makes them, else the
/// closest.
fn fit_story(ctx: &Ctx, story: &Loaded<Story>, pieces: &StoryPieces, photo_info: &dyn Fn(usize) -> Option<PhotoInfo>) -> Placement {
    // The lines its block asks to take back (`squeeze`), its paragraphs set tighter.
    let squeeze = story.value.block.as_ref().and_then(|b| b.get_ref().squeeze).unwrap_or(0);
    let order = squeezable(pieces, ctx.measures);
    let squeezed = (squeeze > 0).then(|| squeezed_flow(&pieces.flow, &order, squeeze));
    let mut p = fit_as_set(ctx, story, pieces, squeezed.as_deref().unwrap_or(&pieces.flow), photo_info);
    let taken = squeeze.min(order.len() as u32);
    p.2.squeeze_room = order.len() as u32 - taken;
    p.2.squeeze = taken;
    p.2.squeeze_unused = squeeze - taken;
    p
}

/// [`fit_story`] with the story's body flow as its block's `squeeze` sets it.
fn fit_as_set(ctx: &Ctx, story: &Loaded<Story>, pieces: &StoryPieces, flow: &[usize], photo_info: &dyn Fn(usize) -> Option<PhotoInfo>) -> Placement {
    let plain = place_story(ctx, story, pieces, Trial { flow, ..Trial::plain(pieces) }, photo_info);
    let good = |f: &StoryFit| f.overset == 0 && f.short <= 1 && f.breaks == 0 && f.gap == 0;
    // Every column to its foot (齐栏), not only within a line of it.
    let full = |f: &StoryFit| good(f) && f.short == 0;
    if pieces.variants.is_empty() || full(&plain.2) || !plain.2.photos_outside.is_empty() {
        return plain;
    }
    let plain_good = good(&plain.2);
    let max_photo = if story.value.photos.is_empty() { 0 } else { ctx.edition_photo_lines as i32 };
    let mut tracks: Vec<(f64, &[usize])> = vec![(0.0, &pieces.flow[..])];
    let mut vs: Vec<&(f64, Vec<usize>)> = pieces.variants.iter().collect();
    vs.sort_by(|a, b| a.0.abs().total_cmp(&b.0.abs()));
    tracks.extend(vs.into_iter().map(|(t, ids)| (*t, &ids[..])));
    // Leading as a share of the pitch, in steps of half a percent up to the bound, tighter
    // before looser at each size.
    let mut leadings = vec![0.0];
    // The bound is checked at load ([copyfit] leading, at most 0.1): at most 20 steps.
    let steps = if ctx.edition_leading > 1e-9 { (ctx.edition_leading / 0.005 - 1e-9).ceil().min(200.0) as u32 } else { 0 };
    for k in 1..=steps {
        let l = (0.005 * f64::from(k)).min(ctx.edition_leading);
        leadings.extend([-l, l]);
    }
    let mut best: Option<(u32, Placement)> = None;
    let mut first_good: Option<Placement> = None;
    // A deeper head area takes up a line of every column: tried only when the copy as set
    // leaves each column short of its foot by more than a line.
    let heads: &[u32] = if plain.2.overset == 0 && plain.2.short > 1 && !story.value.jumps.is_empty() { &[0, 1] } else { &[0] };
    // One trial placed, with what copyfit changed.
    let run = |trial: Trial| -> Placement {
        let (data, jumps, mut fit) = place_story(ctx, story, pieces, trial, photo_info);
        let mut changes = Vec::new();
        if trial.tracking != 0.0 {
            changes.push(format!("tracking {:+.1}%", trial.tracking * 100.0));
        }
        if trial.photo_delta != 0 {
            changes.push(format!("photo {:+} lines", trial.photo_delta));
        }
        if trial.head_delta != 0 {
            changes.push(format!("jump head {:+} line", trial.head_delta));
        }
        if trial.leading != 0.0 {
            changes.push(format!("leading {:+.1}%", trial.leading * 100.0));
        }
        fit.copyfit = (!changes.is_empty()).then(|| changes.join(", "));
        (data, jumps, fit)
    };
    // Keep a trial that ends every column within a line if it is the first, else the closest
    // so far.
    let note = |p: Placement, best: &mut Option<(u32, Placement)>, first_good: &mut Option<Placement>| {
        // A widow or an orphan weighs half a line of underset; a line of white left by a
        // subhead moved on, as much as a line of underset; a column short by more than a
        // line, as much again for each line more.
        let f = &p.2;
        let score = f.overset * 200 + f.underset * 2 + f.gap * 2 + f.short.saturating_sub(1) * 2 + f.breaks;
        if good(f) {
            first_good.get_or_insert(p);
        } else if best.as_ref().is_none_or(|(b, _)| score < *b) {
            *best = Some((score, p));
        }
    };
    // The first photo's changes, the smallest first.
    let mut deltas = vec![0i32];
    for k in 1..=max_photo {
        deltas.extend([k, -k]);
    }
    let tracks = &tracks;
    let trials = leadings.iter().flat_map(|l| heads.iter().flat_map(move |h| tracks.iter().map(move |t| (*l, *h, *t))));
    for (leading, head_delta, (tracking, flow)) in trials {
        // Leading only where nothing else fills the block within a line.
        if leading != 0.0 && (plain_good || first_good.is_some()) {
            break;
        }
        for &photo_delta in &deltas {
            let trial = Trial { flow, tracking, photo_delta, leading, head_delta };
            let p = run(trial);
            // Copyfit never grows a photo out of its block, nor over another.
            if !p.2.photos_outside.is_empty() || p.2.photo_over.is_some() {
                continue;
            }
            if full(&p.2) {
                return p;
            }
            note(p, &mut best, &mut first_good);
        }
    }
    // Nothing fills every column: as set where that ends within a line, else the smallest
    // change that does, else the closest.
    if plain_good {
        return plain;
    }
    first_good.or(best.map(|(_, p)| p)).unwrap_or(plain)
}

/// Place one story: its block on its page, and its continuation blocks (with their page
/// numbers), in named steps: the story's [`Shape`] in its block (head area, lead box, photos,
/// continuation blocks), its copy as flow [`units`], the flow into the shape's free intervals
/// ([`Shape::flow`]), how it fits ([`Shape::fit`]), and the placed pieces ([`Shape::assemble`]).
fn place_story(ctx: &Ctx, story: &Loaded<Story>, pieces: &StoryPieces, trial: Trial, photo_info: &dyn Fn(usize) -> Option<PhotoInfo>) -> Placement {
    let head_height = (ctx.measures[pieces.head].height, pieces.head_two.map(|i| ctx.measures[i].height));
    let lead = pieces.lead.map(|i| (i, lead_span(&story.value, ctx.format)));
    let block = Block { head: ctx.head_lines.or(story.value.block().get_ref().head), ..story.value.block().get_ref().clone() };
    let mut shape = Shape::new(ctx, story, &block, pieces, (head_height, lead, story.value.vertical), (trial.photo_delta, None, false, PhotoTop::No), photo_info);
    shape.deepen_last_head(trial.head_delta);
    let units = units(ctx, trial.flow);
    let result = shape.flow(&units, trial.leading);
    let fit = shape.fit(&units, &result, trial.leading);
    let (data, jumps) = shape.assemble(ctx, story, pieces, &result, trial);
    (data, jumps, fit)
}

/// The paragraphs a story may set tighter to take back a line each (those of
/// [`galley::StoryPieces::tight`] that pass 1 measured a line shorter so, no Han character
/// closed up past [`galley::SQUEEZE_TIGHTEST`]), in the order a block's
/// `squeeze` takes them: the shortest last line first (the least copy to pull back, and the
/// least pleasing paragraph end), then the longer paragraph, then the earlier. Each is (its place
/// in the story's flow, the tighter item).
pub fn squeezable(pieces: &StoryPieces, measures: &[Measure]) -> Vec<(usize, usize)> {
    let chars = |l: &[Run]| l.iter().map(|r| r.text.chars().count()).sum::<usize>();
    let mut v: Vec<(usize, std::cmp::Reverse<usize>, usize, usize)> = pieces
        .tight
        .iter()
        .filter_map(|&(pos, item)| {
            let plain = &measures.get(*pieces.flow.get(pos)?)?.lines;
            let tight = &measures.get(item)?.lines;
            let fits = measures.get(item)?.tightest >= galley::SQUEEZE_TIGHTEST;
            (fits && tight.len() + 1 == plain.len()).then(|| (plain.last().map_or(0, |l| chars(l)), std::cmp::Reverse(plain.len()), pos, item))
        })
        .collect();
    v.sort_unstable();
    v.into_iter().map(|(_, _, pos, item)| (pos, item)).collect()
}

/// A story's body flow with its first `n` [`squeezable`] paragraphs (`order`) set tighter.
fn squeezed_flow(flow: &[usize], order: &[(usize, usize)], n: u32) -> Vec<usize> {
    let mut out = flow.to_vec();
    for &(pos, item) in order.iter().take(n as usize) {
        out[pos] = item;
    }
    out
}

/// The copy of a story as flow units: paragraphs by their measured lines (those ending in a
/// short line marked so), subheads and other pieces kept whole.
fn units(ctx: &Ctx, flow_ids: &[usize]) -> Vec<Unit> {
    flow_ids
        .iter()
        .map(|&i| match &ctx.galley.items[i].piece {
            // A stanza's blank line (verse): a line no column opens with.
            Piece::Para { verse: true, runs, .. } if runs.iter().all(|r| r.text.chars().all(|c| c == '\u{3000}')) => Unit::Gap,
            Piece::Para { .. } => {
                let lines = &ctx.measures[i].lines;
                let n = lines.len() as u32;
                let last: usize = lines.last().map_or(0, |l| l.iter().map(|r| r.text.chars().count()).sum());
                let short = SHORT_LAST_LINE.max((ctx.format.spec.column_chars as usize).div_ceil(3));
                if n > 1 && last <= short { Unit::ParaShortEnd(n) } else { Unit::Para(n) }
            }
            _ => Unit::Keep(ctx.format.lines_for(ctx.measures[i].height)),
        })
        .collect()
}

/// A photo's box in its story's block.
struct PhotoBox {
    /// First column and span, relative to the block's copy columns.
    c: u32,
    sp: u32,
    /// Grid lines of picture and caption.
    lines: u32,
    /// The editor's `row` under the head; `None` anchors the photo at the foot of the copy.
    row: Option<u32>,
    /// Height of the picture in pt.
    image_h: f64,
    /// Fewest lines that hold a one-line picture above its caption.
    min_lines: u32,
    /// A 压题图 (`under_head`): straight under the head across the block, the copy under it.
    under: bool,
    /// A 题上图 (`above_head`, or raised by the placement search): across the block's top, the
    /// head under it.
    above: bool,
    /// The image's pixels as printed, when they could be read.
    pixels: Option<[u32; 2]>,
    /// Made taller or shorter (`photo_delta`) past [`MAX_CROP`] of the picture's height at its
    /// aspect ratio: cropped to a strip or a sliver no 美编 sets.
    overcropped: bool,
    /// How much of its picture's width or height a box the search made taller or shorter crops
    /// away (0 to 1; [`Fit::crop`]).
    crop: f64,
    /// Made larger than its default size past the edition's `warn_ppi`: a `photo-low-ppi`
    /// warning folio's own choice made ([`Fit::underresolved`]).
    underresolved: bool,
    /// The point to keep in view when cropping (`focus`).
    focus: [f64; 2],
    /// At the foot of the copy: the lines (each photo's and the one above it) of the photos
    /// before it in the story that stand at the foot in any of its columns — it stands on them,
    /// never over them.
    stacked: u32,
    /// A later photo folio sizes by its rule (not the search, not the editor's `height`), at the
    /// foot of the copy: it may stand taller, up to the copy's top, where its columns would
    /// keep too few lines over it to hold copy ([`Shape::photo_span`]).
    may_rise: bool,
}

/// Lines over a photo at the copy's foot (less the one between) its columns need to hold copy:
/// fewer, and the photo rises to the copy's top instead of leaving them white.
const MIN_LINES_OVER_PHOTO: u32 = 2;

impl PhotoBox {
    /// Across the block, under or above the head (not in the copy's columns).
    fn across(&self) -> bool {
        self.under || self.above
    }
}

/// A story's shape in a block: its blocks on the grid (its own and any continuation blocks),
/// head area, lead box and photo boxes — everything but the copy.
struct Shape<'a> {
    /// The story's own block as given.
    block: &'a Block,
    blocks: Vec<Geom>,
    vertical: bool,
    /// A vertical head whose copy runs on under it in the block's first column: the grid lines
    /// the head takes there (with the blank line under it). `None` for a vertical head that
    /// keeps the column to itself, top to foot (the story has a lead box, or a photo in that
    /// column), and for any other head.
    under_vertical: Option<u32>,
    /// First line under the block's top rule.
    content_top: u32,
    /// First line of the head's area: `content_top`, or under a photo above the head.
    head_top: u32,
    bottom: u32,
    /// Grid lines of the head's area (with the blank line under it).
    head_lines: u32,
    head_short: Option<HeadShort>,
    /// The area is two or more lines deeper than the head as set in it needs.
    head_deep: Option<HeadShort>,
    /// Lines the head as set in its area needs (with the blank line under it).
    head_used: u32,
    /// Galley item, columns and grid lines (with the line under it) of the lead box.
    lead: Option<(usize, u32, u32)>,
    photos: Vec<PhotoBox>,
    /// The corner an L-shaped block leaves to other stories: its first column (relative to the
    /// block's copy columns) and first line; the copy in those columns ends above it.
    cutout: Option<(u32, u32)>,
    cutout_clash: Option<CutoutClash>,
    /// Characters a line of copy holds ([`StoryFit::chars_per_line`]).
    chars_per_line: u32,
}

impl<'a> Shape<'a> {
    /// Lay out everything but the copy of `story` in `block`, with its head `head_height` pt
    /// deep (set vertically with `vertical`, the story's own or the placement search's choice),
    /// its lead box (galley item, columns) if it has one, and its first photo changed by
    /// `photo.0` grid lines and, when it has no `span` of its own, `photo.1` columns wide, or
    /// with `photo.2` raised above the head across the block (题上图).
    fn new(
        ctx: &Ctx,
        story: &Loaded<Story>,
        block: &'a Block,
        pieces: &StoryPieces,
        (head_height, lead, vertical): ((f64, Option<f64>), Option<(usize, u32)>, bool),
        (photo_delta, first_span, raised, on_top): (i32, Option<u32>, bool, PhotoTop),
        photo_info: &dyn Fn(usize) -> Option<PhotoInfo>,
    ) -> Self {
        let photo = (photo_delta, first_span, raised);
        let (format, s, b) = (ctx.format, &story.value, block);
        let top = b.top;
        let rule_top = top > (ctx.page_top)(ctx.page_number);
        let content_top = top + u32::from(rule_top);
        let bottom = top + block_lines(b, format);
        // A vertical headline stands at the top of the block's first column, the copy beside it
        // and on under it, as a 美编 sets a 竖题; where a lead box or a photo would share that
        // column with it, the head takes the column top to foot and the copy runs beside it.
        // A photo above the head (题上图) takes the block's top lines and one under it; the
        // head stands under it (never vertical: the photo takes the first column's top).
        // A block with columns of its own (变栏; never with a vertical head) counts them.
        let text = b.text_columns.filter(|&n| n > 0 && n < b.span).map(|n| (n, format.text_columns(b.span, n)));
        let whole = Geom { page: ctx.page_number, c0: b.column - 1, span: text.map_or(b.span, |t| t.0), top, bottom, rule_top, body_top: content_top, text: text.map(|t| t.1) };
        let above = if s.photos.iter().any(|p| p.is_above_head()) || (photo.2 && !s.photos.is_empty()) {
            photo_boxes(ctx, s, pieces, &whole, photo, photo_info, PhotoTop::No).iter().find(|p| p.above).map_or(0, |p| p.lines + 1)
        } else {
            0
        };
        let vertical = vertical && b.span > 1 && above == 0;
        let head_top = (content_top + above).min(bottom);
        let (head_lines, head_short, head_deep, head_used) = head_area(format, b, vertical, head_height, bottom.saturating_sub(head_top));
        let geom = |aside: bool| Geom {
            page: ctx.page_number,
            c0: b.column - 1 + u32::from(aside),
            span: text.filter(|_| !aside).map_or(b.span - u32::from(aside), |t| t.0),
            top,
            bottom,
            rule_top,
            body_top: head_top + head_lines,
            text: text.filter(|_| !aside).map(|t| t.1),
        };
        let lead = lead.map(|(i, cols)| (i, cols, format.lines_for(ctx.measures[i].height) + 1));
        // The first photo under the head where asked (`on_top`: the placement's choice, where no
        // lead box or vertical head takes the copy's top, [`photo_boxes`]).
        let first_on_top = if lead.is_none() && !vertical { on_top } else { PhotoTop::No };
        let boxes = |g: &Geom| photo_boxes(ctx, s, pieces, g, photo, photo_info, first_on_top);
        // The copy under a vertical head: the block's whole width, where no photo takes the
        // head's column; else the photos beside the head's column (each moved a column right),
        // the copy under the head all the same (it ran beside the head, its column white from
        // the head's foot down until session 43).
        let beside = || {
            let mut ph = boxes(&geom(true));
            ph.iter_mut().for_each(|p| p.c += 1);
            (geom(false), ph)
        };
        let under = (vertical && lead.is_none())
            .then(|| Some((geom(false), boxes(&geom(false)))).filter(|(_, ph)| ph.iter().all(|p| p.c > 0)).unwrap_or_else(beside))
            .filter(|(_, ph)| ph.iter().all(|p| p.c > 0 && !p.across()));
        // At least half a line of white between the head's last character and the copy.
        let under_vertical = under.is_some().then(|| ((head_height.0 + format.pitch_pt / 2.0) / format.pitch_pt - 1e-6).ceil().max(1.0) as u32);
        let (main, photos) = under.unwrap_or_else(|| (geom(vertical), boxes(&geom(vertical))));
        let mut blocks = vec![main];
        blocks.extend(jump_blocks(ctx, s, pieces));
        // A 压题图 takes its lines (and one towards the copy) between the head and the copy.
        if let Some(p) = photos.iter().find(|p| p.under) {
            blocks[0].body_top = (blocks[0].body_top + p.lines + 1).min(bottom);
        }
        // An L-shaped block: its corner must lie under the head (a line of copy above it), the
        // lead box and every photo of the columns it takes.
        let body_top = blocks[0].body_top;
        let cutout = b.cutout_rect(format).map(|(cc, _, ct, _)| ((cc - 1).saturating_sub(blocks[0].c0), ct));
        let cutout_clash = cutout.and_then(|(rel, ct)| {
            if ct < body_top + 1 {
                Some(CutoutClash::Head)
            } else if lead.is_some_and(|(_, cols, lines)| cols > rel && ct < body_top + lines + 1) {
                Some(CutoutClash::Lead)
            } else if photos.iter().any(|p| p.c + p.sp > rel && !p.across() && p.row.is_none_or(|r| body_top + r + p.lines + 1 > ct)) {
                Some(CutoutClash::Photo)
            } else {
                None
            }
        });
        let chars_per_line = text.map_or(format.spec.column_chars, |(_, (w, _))| (w / format.spec.body_size).round() as u32);
        Shape { block, blocks, vertical, under_vertical, content_top, head_top, bottom, head_lines, head_short, head_deep, head_used, lead, photos, cutout, cutout_clash, chars_per_line }
    }

    fn last(&self) -> usize {
        self.blocks.len() - 1
    }

    /// The jump head of the story's last continuation block `lines` grid lines deeper
    /// (copyfit; the head stands in the middle of its area). Never past the block's foot; a
    /// story without a continuation block is left as it is (its own head area is the editor's
    /// `head = N`, and the line its tier's text starts on).
    fn deepen_last_head(&mut self, lines: u32) {
        let last = self.last();
        if lines == 0 || last == 0 {
            return;
        }
        let g = &mut self.blocks[last];
        g.body_top = (g.body_top + lines).min(g.bottom.saturating_sub(1)).max(g.body_top);
    }

    /// Lines a photo occupies (with one blank line towards the text) for a given foot.
    fn photo_span(&self, p: &PhotoBox, foot: u32) -> (u32, u32) {
        let body_top = self.blocks[0].body_top;
        if p.under {
            let a = self.head_top + self.head_lines;
            return (a, a.saturating_add(p.lines).saturating_add(1));
        }
        if p.above {
            return (self.content_top, self.content_top.saturating_add(p.lines).saturating_add(1));
        }
        match p.row {
            Some(r) => (body_top.saturating_add(r), body_top.saturating_add(r).saturating_add(p.lines).saturating_add(1)),
            None => {
                let foot = foot.saturating_sub(p.stacked);
                let a = foot.saturating_sub(p.lines.saturating_add(1));
                // Too few lines over it to hold copy: it rises to the copy's top (its span then
                // starts a line above, as one under copy starts on the line between).
                if let Some(t) = p.may_rise.then(|| self.copy_top_over(p)).flatten().filter(|&t| a >= t && a < t + MIN_LINES_OVER_PHOTO) {
                    return (t.saturating_sub(1), foot);
                }
                (a, foot)
            }
        }
    }

    /// The first line copy may take in the columns of photo `p` at the copy's foot, where
    /// nothing else stands over it there (another photo, a corner of an L-shaped block).
    fn copy_top_over(&self, p: &PhotoBox) -> Option<u32> {
        let shares = |o: &PhotoBox| !std::ptr::eq(o, p) && !o.across() && o.c < p.c + p.sp && p.c < o.c + o.sp;
        if self.photos.iter().any(|o| shares(o) && (o.row.is_some() || o.stacked > p.stacked)) || self.cutout.is_some() {
            return None;
        }
        let lead = self.lead.filter(|&(_, cols, _)| p.c < cols).map_or(0, |(_, _, lines)| lines);
        let vertical = if p.c == 0 { self.under_vertical.unwrap_or(0) } else { 0 };
        Some(self.blocks[0].body_top + lead + vertical)
    }

    /// The free intervals of every block, the last block's foot at `bottom`. Blocks before the
    /// last are filled to their foot, less one line for the jump note.
    fn frames(&self, bottom: u32) -> Vec<Interval> {
        let mut out = Vec::new();
        self.each_frame(bottom, |iv| out.push(iv));
        out
    }

    /// What the free intervals at `bottom` ([`Shape::frames`]) hold, in lines of copy at
    /// `ratio` × the grid's pitch.
    fn room(&self, bottom: u32, ratio: f64) -> u32 {
        let mut lines = 0;
        self.each_frame(bottom, |iv| lines += flow::lines_at_pitch(iv.bottom - iv.top, ratio));
        lines
    }

    /// [`Shape::frames`], each given to `visit` in turn (the flow asks at every bottom line:
    /// nothing is allocated for a column without a photo or corner).
    fn each_frame(&self, bottom: u32, mut visit: impl FnMut(Interval)) {
        let last = self.last();
        let (lead_cols, lead_lines) = self.lead.map_or((0, 0), |(_, c, l)| (c, l));
        for (k, g) in self.blocks.iter().enumerate() {
            let (foot, flex) = if k == last { (bottom, true) } else { (g.bottom, false) };
            // The block's last interval so far: before the last block's, it ends a line higher.
            let mut pending: Option<Interval> = None;
            let mut push = |iv: Interval| {
                if iv.bottom > iv.top {
                    if let Some(before) = pending.replace(iv) {
                        visit(before);
                    }
                }
            };
            for c in 0..g.span {
                let mut start = g.body_top;
                let mut cuts: smallvec::SmallVec<[(u32, u32, bool); 4]> = smallvec::SmallVec::new();
                if k == 0 {
                    start += if c < lead_cols { lead_lines } else { 0 };
                    if c == 0 {
                        start += self.under_vertical.unwrap_or(0);
                    }
                    cuts.extend(self.photos.iter().filter(|p| c >= p.c && c < p.c + p.sp && !p.across()).map(|p| {
                        let (a, z) = self.photo_span(p, foot);
                        (a, z, p.row.is_none() && flex)
                    }));
                    // The corner of an L-shaped block: the copy of its columns ends above it.
                    if let Some((_, ct)) = self.cutout.filter(|&(rel, _)| c >= rel) {
                        cuts.push((ct, u32::MAX, false));
                    }
                    cuts.sort();
                }
                let mut y = start;
                for (a, z, anchored) in cuts {
                    if a > y {
                        push(Interval { block: k as u32, col: c, top: y, bottom: a.min(foot), flex: anchored });
                    }
                    y = y.max(z);
                }
                if y < foot {
                    push(Interval { block: k as u32, col: c, top: y, bottom: foot, flex });
                }
            }
            if let Some(mut iv) = pending {
                if k != last {
                    iv.bottom -= 1;
                }
                if iv.bottom > iv.top {
                    visit(iv);
                }
            }
        }
    }

    /// Flow the copy into the free intervals, balanced, at `leading` (a share of the pitch).
    fn flow(&self, units: &[Unit], leading: f64) -> Flow {
        let last = self.last();
        let lastg = self.blocks[last];
        // Bottom-anchored photos need the columns to reach below them, and below the lead box
        // where a photo shares its columns (else the photo would be drawn over the box).
        let (lead_cols, lead_lines) = self.lead.map_or((0, 0), |(_, c, l)| (c, l));
        let anchored = if last == 0 {
            self.photos
                .iter()
                .filter(|p| p.row.is_none() && !p.across())
                .map(|p| p.stacked.saturating_add(p.lines).saturating_add(1).saturating_add(if p.c < lead_cols { lead_lines } else { 0 }))
                .max()
                .unwrap_or(0)
        } else {
            0
        };
        let min = lastg.body_top.saturating_add(anchored);
        let ratio = 1.0 + leading;
        flow::flow_pitched(units, min.min(lastg.bottom), lastg.bottom, (|b| self.frames(b), |b| self.room(b, ratio)), |n| flow::lines_at_pitch(n, ratio))
    }

    /// How the flowed copy fits: overset and underset lines, the head's area, photos outside
    /// the block (every photo must lie inside it: from its row, or the foot, down, within the
    /// block's lines under the head, and tall enough for a picture above its caption), and the
    /// lines the blocks hold for copy at `leading` (a share of the pitch).
    fn fit(&self, units: &[Unit], result: &Flow, leading: f64) -> StoryFit {
        let main = self.blocks[0];
        let available = main.bottom.saturating_sub(main.body_top);
        let photos_outside = self
            .photos
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let out = |available: u32| Some(PhotoOutside { photo: i, row: p.row, lines: p.lines, available, min_lines: p.min_lines, above: p.above });
                if p.under {
                    // Under the head: the photo and a line towards the copy within the block.
                    let room = self.bottom.saturating_sub(self.head_top + self.head_lines).saturating_sub(1);
                    return (p.lines > room || p.lines < p.min_lines).then(|| out(room)).flatten();
                }
                if p.above {
                    // Above the head: the photo, a line and the head's area within the block.
                    // (The head's lines as it needs them: squeezed under a photo too tall, its area has none.)
                    let room = self.bottom.saturating_sub(self.content_top + self.head_lines.max(self.head_used)).saturating_sub(1);
                    return (p.lines > room || p.lines < p.min_lines).then(|| out(room)).flatten();
                }
                let end = u64::from(p.row.unwrap_or(p.stacked)) + u64::from(p.lines);
                (end > u64::from(available) || p.lines < p.min_lines).then(|| out(available)).flatten()
            })
            .collect();
        let underset = self.blocks[self.last()].bottom - result.bottom;
        // Photos in the copy's columns (by `row`, or at the foot, stacked) never over each other.
        let main_foot = if self.last() == 0 { result.bottom } else { main.bottom };
        let boxes: Vec<(usize, &PhotoBox, (u32, u32))> = self.photos.iter().enumerate().filter(|(_, p)| !p.across()).map(|(i, p)| (i, p, self.photo_span(p, main_foot))).collect();
        // The lead box's columns and lines (with the blank one under it), at the copy's top.
        let lead = self.lead.map(|(_, cols, lines)| (cols, main.body_top, main.body_top + lines));
        let photo_over = boxes.iter().enumerate().find_map(|(k, &(j, q, (qa, qz)))| {
            // A box's last line is the blank one towards the copy: two boxes overlap where
            // their lines do, less that line.
            let meet = |(a, z): (u32, u32)| a + 1 < qz && qa + 1 < z;
            if lead.is_some_and(|(cols, a, z)| q.c < cols && meet((a, z))) {
                return Some((j, Under::Lead));
            }
            boxes[..k].iter().find(|&&(_, p, span)| p.c < q.c + q.sp && q.c < p.c + p.sp && meet(span)).map(|&(i, _, _)| (j, Under::Photo(i)))
        });
        StoryFit {
            page: 0,
            story: 0,
            overset: result.overset,
            underset,
            short: if result.overset > 0 { 0 } else { underset + result.short },
            breaks: result.breaks,
            squeeze_room: 0,
            squeeze: 0,
            squeeze_unused: 0,
            gap: result.gap,
            lines: units.iter().map(|u| u.lines()).sum(),
            capacity: self.room(self.blocks[self.last()].bottom, 1.0 + leading),
            copyfit: None,
            photos_outside,
            photo_over,
            head: self.head_short,
            head_deep: self.head_deep,
            head_aligned: None,
            cutout_clash: self.cutout_clash,
            head_lines: if self.vertical { (0, 0) } else { (self.head_lines, self.head_used) },
            chars_per_line: self.chars_per_line,
        }
    }

    /// The placed pieces: the story's own block (head, lead box, photos, copy, jump note,
    /// column rules) and its continuation blocks with their page numbers.
    fn assemble(&self, ctx: &Ctx, story: &Loaded<Story>, pieces: &StoryPieces, result: &Flow, trial: Trial) -> (StoryData, Vec<(u32, StoryData)>) {
        let format = ctx.format;
        let (b, main, last) = (self.block, self.blocks[0], self.last());
        let main_foot = if last == 0 { result.bottom } else { main.bottom };
        let final_frames = self.frames(result.bottom);
        let data = StoryData {
            block: self.block_rect(format, &Geom { c0: b.column - 1, span: b.span, text: None, ..main }),
            rule_top: main.rule_top,
            // The block's own first column (a vertical head's), not its copy's.
            rule_left: b.column > 1,
            head: self.head(ctx, pieces),
            lead: self.lead.map(|(i, cols, lines)| Placed {
                rect: main.rect(format, 0, cols, main.body_top, lines - 1),
                piece: PlacedPiece::Piece(ctx.galley.items[i].piece.clone()),
            }),
            photos: self.photo_data(ctx, story, main_foot),
            items: self.items(ctx, result, 0, trial),
            jump_note: self.jump_note(format, &final_frames, 0),
            column_rules: self.column_rules(format, 0, main_foot, result),
            mirror: false,
            head_clip: self.head_short.is_some(),
            cutout: self.cutout.map(|(rel, ct)| grid_rect(format, main.c0 + rel, main.span - rel, ct, self.bottom - ct)),
            origin: (0, 0),
            columns: main.text.map(|(w, gap)| [w, w + gap]),
        };
        let jumps = (1..self.blocks.len())
            .map(|k| {
                let g = self.blocks[k];
                let head = Placed {
                    rect: grid_rect(format, g.c0, g.span, g.top + u32::from(g.rule_top), g.body_top - g.top - u32::from(g.rule_top) - 1),
                    piece: PlacedPiece::Piece(ctx.galley.items[pieces.jumpheads[k - 1]].piece.clone()),
                };
                let d = StoryData {
                    block: self.block_rect(format, &g),
                    rule_top: g.rule_top,
                    rule_left: g.c0 > 0,
                    head,
                    lead: None,
                    photos: vec![],
                    items: self.items(ctx, result, k as u32, trial),
                    jump_note: self.jump_note(format, &final_frames, k),
                    column_rules: self.column_rules(format, k, if k == last { result.bottom } else { g.bottom }, result),
                    mirror: false,
                    head_clip: false,
                    cutout: None,
                    origin: (0, 0),
                    columns: None,
                };
                (g.page, d)
            })
            .collect();
        (data, jumps)
    }

    /// The head in its area (its own lines, or as many as the editor gave it with `head = N`,
    /// where the template may set the headline on two lines; a vertical head down the block's
    /// first column). A head across the centre spread's gutter is set across the fold (the fold
    /// is the left page's trim edge).
    fn head(&self, ctx: &Ctx, pieces: &StoryPieces) -> Placed {
        let format = ctx.format;
        let main = self.blocks[0];
        let rect = if let Some(lines) = self.under_vertical {
            grid_rect(format, self.block.column - 1, 1, self.content_top, lines.saturating_sub(1).min(self.bottom - self.content_top))
        } else if self.vertical {
            grid_rect(format, self.block.column - 1, 1, self.content_top, self.bottom - self.content_top)
        } else {
            main.rect(format, 0, main.span, self.head_top, self.head_lines.saturating_sub(1))
        };
        let mut piece = ctx.galley.items[pieces.head].piece.clone();
        let fold = format.trim_width_pt - format.side_pt;
        if let Piece::Head { head } = &mut piece {
            if rect.x < fold && rect.x + rect.w > fold {
                head.fold = Some(fold - rect.x);
            }
        }
        Placed { rect, piece: PlacedPiece::Piece(piece) }
    }

    /// The copy of block `k`: each flowed slice at its column and lines; with a leading of its
    /// own, from the interval's grid line at the story's pitch.
    fn items(&self, ctx: &Ctx, result: &Flow, k: u32, trial: Trial) -> Vec<Placed> {
        let (format, galley, measures) = (ctx.format, ctx.galley, ctx.measures);
        let g = self.blocks[k as usize];
        let pitch = format.pitch_pt * (1.0 + trial.leading);
        result
            .slices
            .iter()
            .filter(|sl| sl.block == k)
            .map(|sl| {
                let gi = trial.flow[sl.unit];
                let piece = match &galley.items[gi].piece {
                    Piece::Para { tracking, verse, .. } => PlacedPiece::Lines {
                        kind: "para",
                        lines: measures[gi].lines[sl.from as usize..sl.to as usize].to_vec(),
                        first: sl.from == 0,
                        last: sl.to as usize == measures[gi].lines.len(),
                        tracking: *tracking,
                        leading: pitch - format.spec.body_size,
                        verse: *verse,
                    },
                    other => PlacedPiece::Piece(other.clone()),
                };
                if trial.leading == 0.0 {
                    return Placed { rect: g.rect(format, sl.col, 1, sl.top, sl.to - sl.from), piece };
                }
                let r = g.rect(format, sl.col, 1, sl.start, sl.to - sl.from);
                let (y, h) = (r.y + f64::from(sl.top - sl.start) * pitch, f64::from(sl.to - sl.from) * pitch - (pitch - format.spec.body_size));
                Placed { rect: Rect { y, h, ..r }, piece }
            })
            .collect()
    }

    /// Each photo's box (picture and caption) and the file it shows, root-relative.
    fn photo_data(&self, ctx: &Ctx, story: &Loaded<Story>, main_foot: u32) -> Vec<PhotoData> {
        let main = self.blocks[0];
        self.photos
            .iter()
            .zip(&story.value.photos)
            .map(|(p, photo)| {
                let (a, z) = self.photo_span(p, main_foot);
                let first = if p.row.is_some() || p.across() { a } else { a + 1 };
                // A photo risen to the copy's top is that much taller (cropped to its box).
                let risen = if p.row.is_none() && !p.across() { z.saturating_sub(first).saturating_sub(p.lines) } else { 0 };
                let (lines, image_h) = (p.lines + risen, p.image_h + f64::from(risen) * ctx.format.pitch_pt);
                let path = crate::input::photos::photo_path(ctx.edition_dir, photo.file.get_ref()).canonicalize().ok();
                let rel = path
                    .as_ref()
                    .and_then(|p| p.strip_prefix(ctx.root).ok())
                    .map(|p| format!("/{}", p.to_string_lossy().replace('\\', "/")))
                    .unwrap_or_default();
                let rect = main.rect(ctx.format, p.c, p.sp, first, lines);
                PhotoData {
                    crop: crop(p.pixels, [rect.w, image_h], p.focus),
                    rect,
                    image_h,
                    caption_gap: CAPTION_GAP_PT,
                    path: rel,
                    caption: galley::typed_spaces(&photo.caption),
                    credit: photo.credit.as_deref().map(galley::credit_line),
                }
            })
            .collect()
    }

    /// The 下转 line of block `k`: on the line the flow kept free under the block's last run of
    /// copy (in its last column, above a photo at the foot if there is one).
    fn jump_note(&self, format: &Format, final_frames: &[Interval], k: usize) -> Option<Placed> {
        let g = self.blocks[k];
        let next = self.blocks.get(k + 1)?;
        let (col, line) = final_frames.iter().rev().find(|iv| iv.block == k as u32).map_or((g.span - 1, g.bottom - 1), |iv| (iv.col, iv.bottom));
        Some(Placed {
            rect: g.rect(format, col, 1, line, 1),
            piece: PlacedPiece::Piece(Piece::Jumpnote { note: format!("（下转第{}版）", next.page) }),
        })
    }

    /// Column rules in the gutters between block `k`'s columns, from the first line of copy to
    /// `foot`, broken where the lead box or a photo spans the gutter. The gutter of a centre
    /// spread (between the pages) gets none: the fold is there.
    fn column_rules(&self, format: &Format, k: usize, foot: u32, result: &flow::Flow) -> Vec<Rect> {
        let g = self.blocks[k];
        let lead_gap = format.pitch_pt - format.spec.body_size;
        let mut out = Vec::new();
        // A vertical head that keeps its column to itself is ruled off from the copy beside it,
        // in the gutter, top to foot (one with copy under it: by the rule between its column and
        // the next, drawn below like any other).
        if k == 0 && self.vertical && self.under_vertical.is_none() {
            let x = format.col_x(g.c0 - 1) + format.column_pt + format.gutter_pt / 2.0;
            out.push(Rect { x, y: format.line_y(self.content_top), w: 0.0, h: format.line_y(foot.max(self.content_top) - self.content_top) - lead_gap });
        }
        for c in 0..g.span.saturating_sub(1) {
            if g.text.is_none() && g.c0 + c + 1 == format.columns {
                continue;
            }
            let mut cuts: Vec<(u32, u32)> = Vec::new();
            if k == 0 {
                if let Some((_, cols, lines)) = self.lead {
                    if cols > c + 1 {
                        cuts.push((g.body_top, g.body_top + lines));
                    }
                }
                cuts.extend(self.photos.iter().filter(|p| p.c <= c && c + 1 < p.c + p.sp && !p.across()).map(|p| self.photo_span(p, foot)));
                // Beside and over an L-shaped block's corner the story there draws its rules.
                if let Some((_, ct)) = self.cutout.filter(|&(rel, _)| c + 1 >= rel) {
                    cuts.push((ct, u32::MAX));
                }
            }
            cuts.sort();
            let x = g.gutter_mid(format, c);
            // A stretch of gutter with no copy on either side (white over a photo its columns
            // leave too few lines to hold copy) gets no rule: a rule there stands alone.
            let copy_beside = |from: u32, to: u32| {
                result.slices.iter().any(|sl| sl.block == k as u32 && (sl.col == c || sl.col == c + 1) && sl.top < to && from < sl.top + (sl.to - sl.from))
            };
            let mut y = g.body_top;
            for (a, z) in cuts.into_iter().chain([(foot, foot)]) {
                if a > y && copy_beside(y, a.min(foot)) {
                    out.push(Rect { x, y: format.line_y(y), w: 0.0, h: format.line_y(a.min(foot) - y) - lead_gap });
                }
                y = y.max(z);
            }
        }
        out.retain(|r| r.h > 0.0);
        out
    }

    fn block_rect(&self, format: &Format, g: &Geom) -> Rect {
        let lead_gap = format.pitch_pt - format.spec.body_size;
        Rect { x: format.col_x(g.c0), y: format.line_y(g.top), w: format.cols_width(g.c0, g.span), h: format.line_y(g.bottom - g.top) - lead_gap }
    }
}

/// A rectangle on the grid: columns `c`..`c + span`, `n` lines from line `l` (ending at the
/// last line's baseline area, not its leading).
fn grid_rect(format: &Format, c: u32, span: u32, l: u32, n: u32) -> Rect {
    let lead_gap = format.pitch_pt - format.spec.body_size;
    Rect { x: format.col_x(c), y: format.line_y(l), w: format.cols_width(c, span), h: format.line_y(n) - lead_gap }
}

/// The head's grid lines — what it needs (with one blank line under it) or the editor's
/// `head = N` — never more than the `room` the block has: a head that does not fit is its own
/// finding, clipped to its area, and never pushes anything past the block's foot. A vertical
/// head runs down the block's first column and must end above the foot. `head_height` is the
/// head on one line and, where measured, with its headline on two: an area deep enough for the
/// two-line head gets it (as the templates set it), so that is what the head then needs. An area
/// two or more lines deeper than that is the third value (a `deep-head` finding); the fourth is
/// what the head needs as set in its area.
fn head_area(format: &Format, b: &Block, vertical: bool, (one, two): (f64, Option<f64>), room: u32) -> (u32, Option<HeadShort>, Option<HeadShort>, u32) {
    let head_need = format.lines_for(one) + 1;
    let wanted = if vertical { 0 } else { head_need.max(b.head.unwrap_or(0)) };
    let given = b.head.filter(|&h| h > 0);
    let short = if vertical {
        let needs = format.lines_for(one);
        (needs > room).then_some(HeadShort { needs, has: room, given: false, vertical: true })
    } else {
        (given.is_some_and(|h| head_need > h) || wanted >= room)
            .then(|| HeadShort { needs: head_need, has: given.unwrap_or(room).min(room), given: given.is_some(), vertical: false })
    };
    let area = wanted.min(room);
    // What the head takes in its area: on two lines where the area holds them.
    let used = match two {
        Some(t) if t > one + 0.5 && format.lines_for(t) < area => format.lines_for(t) + 1,
        _ => head_need,
    };
    let deep = (!vertical && short.is_none() && given.is_some() && area >= used + 2)
        .then_some(HeadShort { needs: used, has: area, given: true, vertical: false });
    (area, short, deep, used)
}

/// The head areas that align a tier's text starts: for stories whose blocks start on the same
/// grid line (side by side, so their heads stand in a row), the deepest of what their heads need
/// (an area deeper than its head needs does not set it); each story whose head area is shallower
/// gets that many lines, as (story, lines). A vertical head, which runs down its column, and a
/// head under a photo set above it (题上图), which stands lower, are in no tier.
fn tier_heads(stories: &[Loaded<Story>], placed: &[Placement]) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    let tops: Vec<Option<u32>> = stories
        .iter()
        .zip(placed)
        .map(|(s, p)| s.value.block.as_ref().filter(|_| p.2.head_lines.0 > 0 && !s.value.photos.iter().any(|ph| ph.is_above_head())).map(|b| b.get_ref().top))
        .collect();
    for (si, top) in tops.iter().enumerate() {
        let Some(top) = top else { continue };
        let tier: Vec<usize> = (0..stories.len()).filter(|&k| tops[k] == Some(*top)).collect();
        if tier.len() < 2 {
            continue;
        }
        let target = tier.iter().map(|&k| placed[k].2.head_lines.0.min(placed[k].2.head_lines.1)).max().unwrap_or(0);
        if placed[si].2.head_lines.0 < target {
            out.push((si, target));
        }
    }
    out
}

/// The continuation blocks of a story (its `[[jump]]`s), each under its jump head.
fn jump_blocks(ctx: &Ctx, s: &Story, pieces: &StoryPieces) -> Vec<Geom> {
    let format = ctx.format;
    s.jumps
        .iter()
        .enumerate()
        .map(|(k, jump)| {
            let j = jump.get_ref();
            let jb = Block { column: j.column, span: j.span, top: j.top, height: j.height, head: None, head_size: None, cutout: None, squeeze: None, text_columns: None };
            let rule_top = j.top > (ctx.page_top)(j.page);
            let content_top = j.top + u32::from(rule_top);
            let jh = format.lines_for(ctx.measures[pieces.jumpheads[k]].height) + 1;
            Geom { page: j.page, c0: j.column - 1, span: j.span, top: j.top, bottom: j.top + block_lines(&jb, format), rule_top, body_top: content_top + jh, text: None }
        })
        .collect()
}

/// The photos' boxes: the picture's height from its aspect ratio at its width (or the editor's
/// `height`), plus the caption, in whole grid lines; the first photo changed by `photo_delta`
/// lines (copyfit), never below three; photos at the copy's foot sharing a column stacked, the
/// first lowest ([`PhotoBox::stacked`]).
fn photo_boxes(ctx: &Ctx, s: &Story, pieces: &StoryPieces, g: &Geom, (photo_delta, first_span, raised): (i32, Option<u32>, bool), photo_info: &dyn Fn(usize) -> Option<PhotoInfo>, first_on_top: PhotoTop) -> Vec<PhotoBox> {
    let (format, span) = (ctx.format, g.span);
    let lead_gap = format.pitch_pt - format.spec.body_size;
    let mut boxes = s
        .photos
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // The first photo raised above the head by the search: across the block.
            let above = p.is_above_head() || (i == 0 && raised);
            let (c, mut sp) = if above { (0, span.max(1)) } else { galley::photo_place_in(p, i, span) };
            if let (0, None, Some(want), false) = (i, &p.span, first_span, p.is_across_block() || above) {
                sp = want.clamp(1, span.saturating_sub(c).max(1));
            }
            // Under the head at the block's right edge, where the placement puts it there.
            let c = if i == 0 && first_on_top == PhotoTop::Right && p.column.is_none() && !above && !p.is_across_block() { span.saturating_sub(sp) } else { c };
            let w = g.rect(format, c, sp, 0, 1).w;
            // The caption as set at the photo's width (a photo folio sizes has it at every
            // width it may take; a width not set falls back to its own).
            let own = galley::photo_place_in(p, i, galley::copy_columns(s, format)).1;
            let cap = if sp == own { None } else { pieces.caption_spans.get(i).and_then(|o| o.iter().find(|(w, _)| *w == sp)).map(|o| o.1) };
            let cap_h = ctx.measures[cap.unwrap_or(pieces.captions[i])].height;
            let info = photo_info(i);
            let natural = info.as_ref().map(|inf| w * inf.height as f64 / inf.width.max(1) as f64).unwrap_or(w * 2.0 / 3.0);
            let lines = match &p.height {
                Some(h) => *h.get_ref(),
                None => format.lines_for(natural + CAPTION_GAP_PT + cap_h),
            };
            let lines = if i == 0 { u32::try_from((i64::from(lines) + i64::from(photo_delta)).max(3)).unwrap_or(u32::MAX) } else { lines };
            let image_h = (format.line_y(lines) - lead_gap - CAPTION_GAP_PT - cap_h).max(format.pitch_pt);
            // A first photo the search makes taller or shorter is cropped at most MAX_CROP of
            // its picture's height or width, and a landscape picture stays landscape (review 49:
            // a 4:3 picture made taller to fill its column printed portrait, 0.89:1).
            let turned = natural < w - 0.01 && image_h > w + 0.01;
            let overcropped = i == 0 && photo_delta != 0 && p.height.is_none() && (turned || !(natural * (1.0 - MAX_CROP) - 0.01..=natural / (1.0 - MAX_CROP) + 0.01).contains(&image_h));
            let crop = if i == 0 && photo_delta != 0 && p.height.is_none() { 1.0 - (image_h / natural).min(natural / image_h.max(1e-6)).min(1.0) } else { 0.0 };
            // Enlarged by the search (taller, or wider than the block's default) to a resolution
            // below the edition's warning, where its default size is not: the picture covers its
            // box (cropped, never stretched), so it prints at the lesser of the two ratios.
            let underresolved = i == 0 && (photo_delta > 0 || first_span.is_some()) && p.height.is_none() && info.is_some_and(|inf| {
                let ppi = |w: f64, h: f64| 72.0 * (f64::from(inf.width) / w.max(1.0)).min(f64::from(inf.height) / h.max(1.0));
                let default_w = g.rect(format, c, galley::photo_place_in(p, i, span).1, 0, 1).w;
                ppi(w, image_h) < ctx.warn_ppi && ppi(w, image_h) < 72.0 * f64::from(inf.width) / default_w.max(1.0) - 0.5
            });
            let min_lines = format.lines_for(format.pitch_pt + CAPTION_GAP_PT + cap_h);
            let under = p.is_under_head();
            // The first photo at the top of the copy, under its head (题下图), where the
            // placement puts it there (`first_on_top`, [`crate::layout::place`]: at the copy's
            // foot it stood straight over the head of the story below).
            let row = if under || above {
                None
            } else {
                p.row.as_ref().map(|r| *r.get_ref()).or_else(|| (i == 0 && first_on_top != PhotoTop::No && p.column.is_none()).then_some(0))
            };
            let pixels = info.map(|inf| [inf.width, inf.height]);
            let may_rise = i > 0 && p.height.is_none() && row.is_none() && !under && !above && lines >= 3 * (MIN_LINES_OVER_PHOTO + 1);
            PhotoBox { c, sp, lines, row, image_h, min_lines, under, above, pixels, focus: p.focus(), overcropped, crop, underresolved, stacked: 0, may_rise }
        })
        .collect::<Vec<_>>();
    // Photos at the foot of the copy sharing a column stand one on another, the first at the foot.
    for i in 1..boxes.len() {
        let b = &boxes[i];
        if b.row.is_some() || b.across() {
            continue;
        }
        let stacked = boxes[..i]
            .iter()
            .filter(|o| o.row.is_none() && !o.across() && o.c < b.c + b.sp && b.c < o.c + o.sp)
            .map(|o| o.stacked.saturating_add(o.lines).saturating_add(1))
            .max()
            .unwrap_or(0);
        boxes[i].stacked = stacked;
    }
    boxes
}

/// The whole image drawn to cover a picture box of `box_pt` (width, height) with `focus` (fractions
/// of the image from its top-left corner) as central as the image allows: its left and top edge
/// relative to the box's, and its size, in pt. Unknown pixels: the box itself.
pub fn crop(pixels: Option<[u32; 2]>, box_pt: [f64; 2], focus: [f64; 2]) -> [f64; 4] {
    let Some([pw, ph]) = pixels.filter(|p| p[0] > 0 && p[1] > 0) else { return [0.0, 0.0, box_pt[0], box_pt[1]] };
    let scale = (box_pt[0] / f64::from(pw)).max(box_pt[1] / f64::from(ph));
    let (iw, ih) = (f64::from(pw) * scale, f64::from(ph) * scale);
    // The focus at the box's centre, the image never leaving a gap at either edge.
    let at = |b: f64, i: f64, f: f64| (b / 2.0 - f * i).max(b - i).min(0.0);
    [at(box_pt[0], iw, focus[0]), at(box_pt[1], ih, focus[1]), iw, ih]
}

/// Where a cut from a story's end starts ([`Fitter::tail_cut`]), with the cut's opening words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CutStart {
    /// Its last paragraphs, whole.
    Paragraphs {
        /// How many.
        n: u32,
        /// The first's opening words.
        text: String,
    },
    /// From a sentence's start to the end.
    Sentence(String),
    /// From inside a sentence: the body where the cut starts is at no sentence's end.
    Within(String),
}

/// A line of a story's copy for [`cut_from_end`].
#[derive(Debug, Clone)]
pub struct CopyLine {
    /// Its text as the story's file has it ([`crate::layout::galley::copy_text`]: not the
    /// attribution, nor a hyphen the line breaker added).
    pub text: String,
    /// Its printed characters, the attribution's with them: a cut must take as many from the
    /// body for the line to go (the attribution then needs their room on the line before).
    pub chars: u32,
    /// It starts its paragraph.
    pub starts: bool,
}

impl CopyLine {
    /// The line of `runs`, starting its paragraph where `starts`.
    pub fn of(runs: &[crate::layout::galley::Run], starts: bool) -> Self {
        let chars = runs.iter().map(|r| r.text.chars().filter(|&c| crate::layout::galley::printed(c)).count() as u32).sum();
        CopyLine { text: crate::layout::galley::copy_text(runs), chars, starts }
    }
}

/// Where a cut of the last `lines` lines of a story's `copy` starts, and the characters it
/// takes from the body's end ([`Fitter::tail_cut`]): `copy` is the story's lines in order,
/// `None` for a piece that is no paragraph's (a subhead; a cut among them is not said so).
/// The cut is the lines' characters (the attribution's too: its room must be made on the
/// line before), reaching back to the last sentence end on the line before where one ends
/// there (the same lines go, the story ends in a whole sentence). Its opening words are read
/// from the body at that many characters from its end, and it is called its last paragraphs,
/// or a sentence's start, only where the body there is so; else it starts inside a sentence.
pub fn cut_from_end(copy: &[Option<CopyLine>], lines: u32) -> Option<(u32, CutStart)> {
    let printed = |t: &str| t.chars().filter(|&c| crate::layout::galley::printed(c)).count() as u32;
    let n = lines as usize;
    if n == 0 || n > copy.len() {
        return None;
    }
    let cut: Vec<&CopyLine> = copy[copy.len() - n..].iter().map(Option::as_ref).collect::<Option<Vec<_>>>()?;
    let mut chars: u32 = cut.iter().map(|l| l.chars).sum();
    let before = copy.len().checked_sub(n + 1).and_then(|k| copy[k].as_ref());
    if !cut[0].starts {
        if let Some(b) = before.and_then(|l| sentence_end(&l.text).map(|b| printed(&l.text[b..]))) {
            chars += b;
        }
    }
    // The body's text from its end back past the cut, and where the cut starts in it.
    let body: String = copy.iter().rev().map_while(Option::as_ref).take(n + 2).collect::<Vec<_>>().into_iter().rev().map(|l| l.text.as_str()).collect();
    let mut left = chars;
    let mut at = body.len();
    for (i, c) in body.char_indices().rev() {
        if left == 0 {
            break;
        }
        if crate::layout::galley::printed(c) {
            left -= 1;
        }
        at = i;
    }
    let opening = lead_in(&body[at..]);
    let kept = body[..at].trim_end();
    let whole_paragraphs = cut[0].starts && chars == cut.iter().map(|l| printed(&l.text)).sum::<u32>();
    let start = if whole_paragraphs {
        CutStart::Paragraphs { n: cut.iter().filter(|l| l.starts).count() as u32, text: opening }
    } else if sentence_end(kept).is_some_and(|b| b == kept.len()) {
        CutStart::Sentence(opening)
    } else {
        CutStart::Within(opening)
    };
    Some((chars, start))
}

/// The byte after the last sentence end of `line` (。！？ and any closing quote or bracket
/// after it), where some text stands before it.
fn sentence_end(line: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut end = None;
    for (k, &(_, c)) in chars.iter().enumerate() {
        if matches!(c, '。' | '！' | '？' | '!' | '?') && k > 0 {
            let mut j = k + 1;
            while j < chars.len() && matches!(chars[j].1, '”' | '’' | '」' | '』' | '）' | ')' | '》') {
                j += 1;
            }
            end = Some(chars.get(j).map_or(line.len(), |&(b, _)| b));
        }
    }
    end
}

/// A cut's opening words to name it by: its first [`LEAD_IN`] printed characters.
fn lead_in(text: &str) -> String {
    let words: String = text.chars().filter(|&c| crate::layout::galley::printed(c)).take(LEAD_IN).collect();
    // Not a mark the message's own … follows (吃方便面……… ).
    words.trim_end_matches(['…', '—', '，', '、']).to_string()
}

/// Characters of a cut's opening a message quotes.
const LEAD_IN: usize = 8;

#[cfg(test)]
mod tests {
    use super::{cut_from_end, CopyLine, CutStart};

    /// TEST DATA: lines of a story, each (text, starts its paragraph, attribution's characters
    /// on it).
    fn copy(lines: &[(&str, bool, u32)]) -> Vec<Option<CopyLine>> {
        lines.iter().map(|&(t, starts, extra)| Some(CopyLine { text: t.to_string(), chars: t.chars().filter(|c| !c.is_whitespace()).count() as u32 + extra, starts })).collect()
    }

    #[test]
    fn a_cut_from_the_end_is_named_where_it_starts_in_the_body() {
        let story = copy(&[("第一段开头的文字。", true, 0), ("第二段开头写到这里。后面还有", true, 0), ("一句话没有写完的", false, 0), ("结尾。", false, 0)]);
        // Two lines: a sentence ends on the line before, so the cut reaches back to it (the
        // same lines go) and the story ends whole.
        assert_eq!(cut_from_end(&story, 2), Some((15, CutStart::Sentence("后面还有一句话没".into()))));
        // Three lines: the whole last paragraph.
        assert_eq!(cut_from_end(&story, 3), Some((25, CutStart::Paragraphs { n: 1, text: "第二段开头写到这".into() })));
        // One line, no sentence end on the line before: inside a sentence.
        assert_eq!(cut_from_end(&story, 1), Some((3, CutStart::Within("结尾。".into()))));
        // A subhead among the lines: not said.
        let mut with_head = story.clone();
        with_head.insert(3, None);
        assert_eq!(cut_from_end(&with_head, 2), None);
        // The attribution's room counted, its characters never quoted: the cut starts that
        // many characters earlier in the body.
        let signed = copy(&[("第一段开头的文字。", true, 0), ("然后是最后一段的", true, 0), ("结尾。", false, 4)]);
        assert_eq!(cut_from_end(&signed, 1), Some((7, CutStart::Within("后一段的结尾。".into()))));
        // More lines than the story has, or none: nothing; a cut past the body read back
        // starts at its start, with no panic.
        assert_eq!(cut_from_end(&story, 9), None);
        assert_eq!(cut_from_end(&story, 0), None);
        let short = copy(&[("短。", true, 6)]);
        assert_eq!(cut_from_end(&short, 1).map(|c| c.0), Some(8));
    }
}
