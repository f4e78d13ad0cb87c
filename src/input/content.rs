//! Stage 1: load and validate an edition.
//!
//! Takes an edition directory (`edition.toml` plus the story files and photos it names) and gives
//! an [`Edition`]: every file parsed strictly (unknown keys, wrong types and missing fields are
//! errors), every path checked to stay inside the project root, every placement checked against
//! the page grid. Every problem is a [`Diagnostic`] naming the file, line and column and saying
//! what was expected. Nothing here knows about Typst.

use std::ops::Range;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics};
pub use crate::input::source::{parse_toml, Loaded};
use crate::project::Project;

/// The file at the top of every edition directory.
pub const EDITION_FILE: &str = "edition.toml";

/// `edition.toml`: the edition's identity and its pages.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EditionFile {
    /// Paper, date, number, format.
    pub edition: EditionInfo,
    /// The pages in order.
    pub pages: Vec<PageSpec>,
    /// Bounds of automatic copyfitting.
    #[serde(default)]
    pub copyfit: Copyfit,
    /// Preflight limits for this edition (`[preflight]`, optional).
    #[serde(default)]
    #[schemars(with = "Option<PreflightSettings>")]
    pub preflight: Option<Spanned<PreflightSettings>>,
    /// House typography (`[typography]`, optional).
    #[serde(default)]
    pub typography: Typography,
    /// What the front page's masthead (报头) carries besides the paper's name and date
    /// (`[masthead]`, optional).
    #[serde(default)]
    pub masthead: Masthead,
}

/// The optional `[masthead]` table of `edition.toml`: the lines a Chinese daily's front page
/// carries in its masthead (报头). The 农历 date and 今日N版 are computed, not written here.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Masthead {
    /// 主管单位 (the supervising body), e.g. 中共九江市委.
    pub supervisor: Option<String>,
    /// 主办单位 (the publisher), e.g. 九江日报社.
    pub publisher: Option<String>,
    /// 国内统一连续出版物号 (the CN serial number), e.g. "CN 36-0012" or "CN 36-0012/Z": two
    /// digits of the province, a hyphen, four digits, an optional /class; "CN" may be left out.
    #[schemars(regex(pattern = r"^\s*(CN\s*)?[0-9]{2}-[0-9]{4}(/[A-Z][0-9A-Z]{0,3})?\s*$"))]
    pub cn: Option<String>,
    /// 邮发代号 (the post office's distribution code), e.g. "43-12".
    #[schemars(regex(pattern = r"^\s*[0-9]{1,2}-[0-9]{1,4}\s*$"))]
    pub postal_code: Option<String>,
    /// The paper's name as a logo image (SVG or PNG), relative to the edition directory, e.g.
    /// "photos/logo.svg"; absent: the name is set in type.
    pub logo: Option<String>,
}

impl Masthead {
    /// The CN number as printed, `CN 36-0012/Z`, if it is well formed.
    pub fn cn_printed(&self) -> Option<String> {
        self.cn.as_deref().and_then(parse_cn)
    }
}

/// `CN 36-0012`, `CN36-0012/Z` or `36-0012` → `CN 36-0012[/Z]`; None when malformed.
pub fn parse_cn(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t.strip_prefix("CN").map(str::trim_start).unwrap_or(t);
    let (num, class) = match t.split_once('/') {
        Some((n, c)) => (n, Some(c)),
        None => (t, None),
    };
    let (a, b) = num.split_once('-')?;
    let digits = |x: &str, n: usize| x.len() == n && x.bytes().all(|c| c.is_ascii_digit());
    if !digits(a, 2) || !digits(b, 4) {
        return None;
    }
    if let Some(c) = class {
        let mut it = c.chars();
        let ok = it.next().is_some_and(|c| c.is_ascii_uppercase()) && c.len() <= 4 && it.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !ok {
            return None;
        }
    }
    Some(match class {
        Some(c) => format!("CN {a}-{b}/{c}"),
        None => format!("CN {a}-{b}"),
    })
}

/// `43-12`: one or two digits, a hyphen, one to four digits; None when malformed.
pub fn parse_postal_code(s: &str) -> Option<String> {
    let (a, b) = s.trim().split_once('-')?;
    let digits = |x: &str, n: std::ops::RangeInclusive<usize>| n.contains(&x.len()) && x.bytes().all(|c| c.is_ascii_digit());
    (digits(a, 1..=2) && digits(b, 1..=4)).then(|| format!("{a}-{b}"))
}

/// The optional `[typography]` table of `edition.toml`: house rules applied to the copy.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Typography {
    /// Set half-width brackets in Chinese text full-width, as GB/T 15834 wants: 案(事)件 →
    /// 案（事）件 (see [`crate::input::punctuation`]). Off by default: the preflight then reports
    /// each such pair as a `half-width-bracket` warning.
    pub full_width_brackets: bool,
    /// Set the half-width marks `, : ; ? !` after a Han character full-width, as GB/T 15834
    /// wants: 获悉,今年 → 获悉，今年 (see [`crate::input::punctuation`]; 9:30 and 1,277 stay). Off by
    /// default: the preflight then reports each as a `half-width-mark` warning.
    pub full_width_marks: bool,
    /// Set full-width Latin letters and digits half-width, as GB/T 15835 and the house's
    /// half-width digits want: ２０２３年 → 2023年, ＧＤＰ → GDP, ５．２％ → 5.2% (see
    /// [`crate::input::punctuation`]). Off by default: the preflight then reports each run as a
    /// `full-width-alnum` warning.
    pub half_width_alnum: bool,
    /// Set a page banner's commas as full-width spaces, as display type parts its phrases:
    /// 健康人生，绿色无毒 → 健康人生　绿色无毒 (a comma at its end is dropped). Off by default.
    pub banner_comma_space: bool,
    /// The house's words (用户词典): names, places and terms the word dictionary lacks, which a
    /// headline, kicker, deck, subhead or banner never breaks inside (易炼红, 赣江新区), nor
    /// body copy one of five characters or fewer (a leader's name: a loose line is reported
    /// where keeping it whole costs one). Each two to 24 characters with no space; at most 2 000.
    pub words: Vec<String>,
}

impl EditionFile {
    /// The preflight limits (the defaults when `[preflight]` is absent).
    pub fn preflight(&self) -> PreflightSettings {
        self.preflight.as_ref().map(|p| p.get_ref().clone()).unwrap_or_default()
    }
}

/// The optional `[preflight]` table of `edition.toml`: the limits the preflight checks against.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PreflightSettings {
    /// A photo printed below this effective resolution (pixels per inch at its placed size) is
    /// a warning. Default 200.
    pub warn_ppi: f64,
    /// A photo printed below this resolution is an error. Default 120.
    pub error_ppi: f64,
    /// The resolution photos are embedded at: a photo above 1.5 × this is downsampled to it.
    /// Default 300.
    pub target_ppi: f64,
    /// Maximum total area coverage (C+M+Y+K, in percent) the press accepts; a page above it is a
    /// warning. Default 240 (newsprint).
    pub max_ink: f64,
}

impl Default for PreflightSettings {
    fn default() -> Self {
        Self { warn_ppi: 200.0, error_ppi: 120.0, target_ppi: 300.0, max_ink: 240.0 }
    }
}

/// `[copyfit]`: the bounds of `fit = "auto"`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Copyfit {
    /// Largest tracking change, as a share of the body size (0.02 = ±2%).
    #[serde(default = "Copyfit::default_tracking")]
    pub tracking: f64,
    /// Most grid lines a photo may grow or shrink by.
    #[serde(default = "Copyfit::default_photo_lines")]
    pub photo_lines: u32,
    /// Largest change of a story's line pitch, as a share of the grid's (0.03 = ±3%; 0: never).
    #[serde(default = "Copyfit::default_leading")]
    pub leading: f64,
}

impl Copyfit {
    fn default_tracking() -> f64 {
        0.02
    }
    fn default_photo_lines() -> u32 {
        4
    }
    fn default_leading() -> f64 {
        0.03
    }
}

impl Default for Copyfit {
    fn default() -> Self {
        Self { tracking: Self::default_tracking(), photo_lines: Self::default_photo_lines(), leading: Self::default_leading() }
    }
}

/// The `[edition]` table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EditionInfo {
    /// Paper name printed in the folio line and masthead.
    pub paper: String,
    /// Publication date (a TOML local date, e.g. `2023-06-26`).
    #[schemars(with = "crate::input::schema::TomlDate")]
    pub date: Spanned<toml::value::Datetime>,
    /// Issue number (期号).
    pub issue: u32,
    /// Page format: a name from `layouts/formats.toml` (`broadsheet` 对开, `tabloid` 四开).
    #[schemars(with = "String")]
    pub format: Spanned<String>,
}

/// One `[[pages]]` entry.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    /// Page number printed in the folio line.
    pub number: u32,
    /// Section name (版名), e.g. 要闻, 专版.
    pub section: String,
    /// Banner across the top of a special page (专版), e.g. 健康人生，绿色无毒！·九江.
    #[serde(default)]
    pub banner: Option<String>,
    /// On the left page of the centre spread: the banner runs across both pages (跨版通栏), its
    /// text split at the fold; the right page's stories start under it too.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub banner_across: Option<Spanned<bool>>,
    /// 责任编辑.
    #[serde(default)]
    pub editor: Option<String>,
    /// 美编.
    #[serde(default)]
    pub designer: Option<String>,
    /// 校对.
    #[serde(default)]
    pub proofreader: Option<String>,
    /// Story files, relative to the edition directory.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub stories: Vec<Spanned<String>>,
    /// A front page: the masthead (报头: paper name, date, issue number) takes the top grid lines.
    #[serde(default)]
    pub masthead: bool,
    /// The ear box (报眼) beside the masthead.
    #[serde(default)]
    pub ear: Option<Ear>,
    /// A black-and-white page: its photos are converted to grayscale (printed in K only).
    #[serde(default)]
    pub mono: bool,
    /// This page's format, when it differs from the edition's (a 四开 insert in a 对开 paper).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub format: Option<Spanned<String>>,
    /// The page is meant to carry no stories (an ad page, a page filled later): without it, a
    /// page with no stories is an error.
    #[serde(default)]
    pub blank: bool,
}

impl EditionFile {
    /// Whether page `pi` carries a banner: its own, or its half of one set across the centre
    /// spread from the left page.
    pub fn has_banner(&self, pi: usize) -> bool {
        self.pages[pi].banner.is_some() || self.banner_across_from(pi).is_some()
    }

    /// For the right page of the centre spread: the left page's banner if it runs across.
    pub fn banner_across_from(&self, pi: usize) -> Option<&PageSpec> {
        let (l, r) = centre_spread(self)?;
        let left = &self.pages[l];
        (r == pi && left.banner.is_some() && left.banner_across.as_ref().is_some_and(|b| *b.get_ref())).then_some(left)
    }
}

impl PageSpec {
    /// The name of the page's format: its own, else the edition's.
    pub fn format_name<'a>(&'a self, edition: &'a EditionInfo) -> &'a str {
        self.format.as_ref().unwrap_or(&edition.format).get_ref()
    }
}

/// The ear box (报眼) of a front page, beside the masthead: a short vertical headline pointing
/// inside (`title`, `see`), 导读 lines (`items`), or a photo (`photo`, `caption`) — one of the three.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ear {
    /// Set vertically (竖排), e.g. the banner of a special page inside.
    #[serde(default)]
    pub title: Option<String>,
    /// Pages the title points to; printed as 见第2、3版.
    #[serde(default)]
    pub see: Vec<u32>,
    /// 导读: one line per story inside, each with the page it is on (`{ title = "…", page = 2 }`).
    #[serde(default)]
    pub items: Vec<EarItem>,
    /// A photo filling the ear, relative to the edition directory (JPEG or PNG).
    #[serde(default)]
    pub photo: Option<String>,
    /// The ear photo's caption, one short line under it.
    #[serde(default)]
    pub caption: Option<String>,
}

/// Most 导读 items an ear may list: more than any ear holds (a tabloid's holds 8, a
/// broadsheet's about 10; the page says which fit).
pub const MAX_EAR_ITEMS: usize = 16;

/// One 导读 line of the ear: a story inside and its page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EarItem {
    /// The line, e.g. the story's headline shortened.
    pub title: String,
    /// The page it is on (a page number of this edition); printed as 2版.
    pub page: u32,
}

/// A story file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// 引题, above the headline.
    #[serde(default)]
    pub kicker: Option<String>,
    /// 主题, the headline.
    pub headline: String,
    /// 副题, below the headline.
    #[serde(default)]
    pub deck: Option<String>,
    /// Reporters' names.
    #[serde(default)]
    pub byline: Option<String>,
    /// Set in bold before the first paragraph, e.g. 本报讯.
    #[serde(default)]
    pub dateline: Option<String>,
    /// Printed in full-width parentheses after the last paragraph: （程军）.
    #[serde(default)]
    pub attribution: Option<String>,
    /// Paragraphs before the first section, separated by blank lines.
    #[serde(default)]
    pub body: Option<String>,
    /// Lead box (核心提示 / 编者按).
    #[serde(default)]
    pub lead: Option<Lead>,
    /// Sections with two-level subheads.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Photos placed inside the story's block.
    #[serde(default)]
    pub photos: Vec<Photo>,
    /// `"auto"`: folio adjusts tracking, the first photo's height and the leading, within the edition's
    /// `[copyfit]` bounds, so that the copy fills its block; and reports what it changed.
    #[serde(default)]
    #[schemars(with = "Option<FitMode>")]
    pub fit: Option<Spanned<FitMode>>,
    /// For a story folio places (no `[block]`): its rank on the page, 1 = the page's lead (top,
    /// widest). Stories without one follow those with one, in the order the page lists them.
    #[serde(default)]
    #[schemars(with = "Option<u32>", range(min = 1))]
    pub priority: Option<Spanned<u32>>,
    /// For a story folio places: the fewest columns its block may span (default 1).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub min_span: Option<Spanned<u32>>,
    /// For a story folio places: the most columns its block may span (default: the page's).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub max_span: Option<Spanned<u32>>,
    /// For a story folio places on the centre spread's left page: run it across the fold (跨版)
    /// onto the facing page — folio chooses where (a band across both pages' tops, or a
    /// full-depth block over the fold) and how many columns it takes on each page. Its
    /// `min_span` and `max_span` then count the spread's columns.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub across: Option<Spanned<bool>>,
    /// Set the headline vertically (竖排) at the top of the block's first column instead of across
    /// the top, each phrase (the editor's `\n`) a column of its own, the first on the right; the
    /// copy runs on under it.
    #[serde(default)]
    pub vertical: bool,
    /// Set the body (and the sections' bodies) as verse (诗歌, as a 副刊 page sets a poem): each
    /// line of the copy a line of its own, ragged right and not indented, a line too long for
    /// its column wrapping under itself two characters in; a blank line between stanzas a
    /// blank line in print.
    #[serde(default)]
    pub verse: bool,
    /// A column of briefs (简讯): each `[[sections]]` entry one brief, its `head` the brief's
    /// title set in bold at the column's left as a line of its own (not a first-level subhead's
    /// black band), its `body` the brief; the story's `headline` heads the column (简讯).
    #[serde(default)]
    pub briefs: bool,
    /// Where the story sits on the page grid; absent, folio places the story itself (自动组版,
    /// see [`crate::layout::place`]) before it is laid out.
    #[serde(default)]
    #[schemars(with = "Option<Block>")]
    pub block: Option<Spanned<Block>>,
    /// Blocks on later pages where the copy continues (转版), in order.
    #[serde(default)]
    #[schemars(with = "Vec<Jump>")]
    pub jumps: Vec<Spanned<Jump>>,
}

/// A continuation block on a later page (转版): the copy that does not fit the story's block
/// goes on here, under the headline repeated small and an "上接第N版" line.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Jump {
    /// The page number (as in edition.toml) it sits on.
    pub page: u32,
    /// First column (1-based).
    pub column: u32,
    /// Columns spanned.
    pub span: u32,
    /// First grid line.
    pub top: u32,
    /// Height in grid lines, or a length such as "120mm".
    pub height: Length,
}

/// The lead box.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lead {
    /// Its label, e.g. 核心提示.
    pub title: String,
    /// Its paragraphs.
    pub text: String,
    /// Columns it spans from the story's first column (default: about half the story).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub span: Option<Spanned<u32>>,
}

/// A section of a story.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// First-level subhead, a short head such as 党建聚心.
    pub head: String,
    /// Second-level subhead under it, e.g. 创系列为民服务品牌.
    #[serde(default)]
    pub subhead: Option<String>,
    /// Paragraphs, separated by blank lines.
    pub body: String,
}

/// A photo with caption and credit.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// Image file, relative to the edition directory.
    #[schemars(with = "String")]
    pub file: Spanned<String>,
    /// Caption under the photo.
    pub caption: String,
    /// Photographer; printed as "… 郑智君摄".
    #[serde(default)]
    pub credit: Option<String>,
    /// First column of the photo inside the story block (1-based); absent = the first.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub column: Option<Spanned<u32>>,
    /// Columns the photo spans; absent = folio sizes it for its block: the whole block up to
    /// three columns, two thirds of a wider one (or as `size` asks), or what its automatic
    /// placement chooses.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub span: Option<Spanned<u32>>,
    /// For a photo without `span`: the size folio gives it in its block, and the automatic
    /// placement prefers (a column more or less costs it): `"small"` a third of the block (one
    /// column up to three), `"medium"` (the default) the whole block up to three columns and two
    /// thirds of a wider one, `"large"` the whole block. With a `span` it has no effect (`folio
    /// place --write` keeps it beside the span it writes, as a story's span hints beside its
    /// block).
    #[serde(default)]
    #[schemars(with = "Option<PhotoSize>")]
    pub size: Option<Spanned<PhotoSize>>,
    /// Top of the photo in grid lines below the story's head; absent = at the block's foot.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub row: Option<Spanned<u32>>,
    /// Height of photo plus caption in grid lines; absent = from the image's aspect ratio.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub height: Option<Spanned<u32>>,
    /// The point of the image to keep in view when it is cropped to its box: `[x, y]`, each a
    /// fraction of the image's width and height from its top-left corner (0 to 1); absent =
    /// `[0.5, 0.5]`, the centre. The crop keeps that point as central as the image allows.
    #[serde(default)]
    #[schemars(with = "Option<Focus>")]
    pub focus: Option<Spanned<Vec<f64>>>,
    /// 压题图: the photo straight under the head, across the story's whole block, the copy
    /// (and any lead box) under it. Takes no `column`, `span` or `row`. At most one a story.
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub under_head: Option<Spanned<bool>>,
    /// 题上图: the photo across the top of the story's block, the head under it and the copy
    /// (and any lead box) under the head — a picture leading its story, which also keeps the
    /// head off a neighbour's head beside the block's top (碰题). Takes no `column`, `span`,
    /// `row` or `size`; at most one photo of a story stands across its block (this or
    /// `under_head`). The placement search sets it on a story's first photo where that avoids a
    /// row of heads (`folio place --write` writes it).
    #[serde(default)]
    #[schemars(with = "Option<bool>")]
    pub above_head: Option<Spanned<bool>>,
}

/// The JSON Schema of a photo's `focus` (its schema in [`crate::input::schema`]): two numbers,
/// each 0 to 1.
pub struct Focus;

/// A photo's preferred size in its block (`size = …`), for a photo without `span`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, JsonSchema)]
#[schemars(rename_all = "lowercase")]
pub enum PhotoSize {
    /// A third of the block: one column in a block of up to three.
    Small,
    /// The whole block up to three columns, two thirds of a wider one.
    #[default]
    Medium,
    /// The whole block.
    Large,
}

impl<'de> Deserialize<'de> for PhotoSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "small" => Ok(Self::Small),
            "medium" => Ok(Self::Medium),
            "large" => Ok(Self::Large),
            other => Err(serde::de::Error::custom(format!(
                "size = \"{other}\" is not a photo size: write size = \"small\" (a third of the block), \"medium\" (the default) or \"large\" (the whole block)"
            ))),
        }
    }
}

impl PhotoSize {
    /// Columns a photo of this size spans in a block `span` columns wide.
    pub fn span_in(self, span: u32) -> u32 {
        let span = span.max(1);
        match self {
            Self::Small => span.div_ceil(3),
            Self::Medium if span <= 3 => span,
            Self::Medium => (2 * span).div_ceil(3),
            Self::Large => span,
        }
    }
}

impl Photo {
    /// The photo's preferred size (`size`; medium when not given).
    pub fn size(&self) -> PhotoSize {
        self.size.as_ref().map_or_else(PhotoSize::default, |s| *s.get_ref())
    }

    /// The photo is a 压题图 (`under_head = true`): straight under the head, across the block.
    pub fn is_under_head(&self) -> bool {
        self.under_head.as_ref().is_some_and(|u| *u.get_ref())
    }

    /// The photo is a 题上图 (`above_head = true`): across the block's top, the head under it.
    pub fn is_above_head(&self) -> bool {
        self.above_head.as_ref().is_some_and(|u| *u.get_ref())
    }

    /// The photo stands across its story's whole block (under or above the head).
    pub fn is_across_block(&self) -> bool {
        self.is_under_head() || self.is_above_head()
    }

    /// The crop's focus as fractions of the image, `[x, y]` (the centre when not given or out of
    /// range; the file's check reports a bad one).
    pub fn focus(&self) -> [f64; 2] {
        match self.focus.as_ref().map(|f| f.get_ref().as_slice()) {
            Some(&[x, y]) if (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y) => [x, y],
            _ => [0.5, 0.5],
        }
    }
}

/// A story's copyfit mode (`fit = …`), decided when the file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, JsonSchema)]
#[schemars(rename_all = "lowercase")]
pub enum FitMode {
    /// Set as written (`"off"`, or no `fit` key).
    #[default]
    Off,
    /// `"auto"`: tracking, the first photo's height and the leading may change within the
    /// edition's `[copyfit]` bounds so that the copy fills its block.
    Auto,
}

impl<'de> Deserialize<'de> for FitMode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "auto" => Ok(Self::Auto),
            "off" => Ok(Self::Off),
            other => Err(serde::de::Error::custom(format!(
                "fit = \"{other}\" is not a copyfit mode: write fit = \"auto\", or \"off\" (the same as leaving it out)"
            ))),
        }
    }
}

impl Story {
    /// Characters of the copy as written (body, attribution, lead box and sections), spaces
    /// and line breaks left out: what the desk counts.
    pub fn text_chars(&self) -> usize {
        let count = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
        let mut n = self.body.as_deref().map_or(0, count) + self.attribution.as_deref().map_or(0, count);
        n += self.lead.as_ref().map_or(0, |l| count(&l.text));
        n += self.sections.iter().map(|sec| count(&sec.head) + sec.subhead.as_deref().map_or(0, count) + count(&sec.body)).sum::<usize>();
        n
    }

    /// The story's block. Every story has one by the time it is laid out: the editor's, or the
    /// one [`crate::layout::place`] chose.
    pub fn block(&self) -> &Spanned<Block> {
        self.block.as_ref().expect("every story is placed before it is laid out")
    }

    /// Whether folio is to place the story (it has no `[block]`).
    pub fn unplaced(&self) -> bool {
        self.block.is_none()
    }

    /// The kicker and the deck ("" where there is none): what a vertical head sets beside its
    /// headline.
    pub fn head_furniture(&self) -> [&str; 2] {
        [self.kicker.as_deref().unwrap_or(""), self.deck.as_deref().unwrap_or("")]
    }

    /// Whether the story asks folio to place it across the centre spread (`across = true`).
    pub fn asks_across(&self) -> bool {
        self.block.is_none() && self.across.as_ref().is_some_and(|a| *a.get_ref())
    }

    /// Whether the story asks for copyfit (`fit = "auto"`).
    pub fn auto_fit(&self) -> bool {
        self.fit.as_ref().is_some_and(|f| *f.get_ref() == FitMode::Auto)
    }
}

/// A story's block on the page grid.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// First column (1-based).
    pub column: u32,
    /// Columns spanned.
    pub span: u32,
    /// First grid line (0 = top of the type area).
    pub top: u32,
    /// Height in grid lines, or a length in millimetres such as "120mm".
    pub height: Length,
    /// Grid lines the head (kicker, headline, deck, byline and the line under them) takes;
    /// default: as many as it needs. A deeper head is centred in its lines.
    #[serde(default)]
    pub head: Option<u32>,
    /// The headline's size in pt: one of the format's head sizes (`heads` in
    /// `layouts/formats.toml`); default: the size for the block's span. The placement search sets
    /// a smaller one on a story as wide as the page's lead.
    #[serde(default)]
    pub head_size: Option<f64>,
    /// The block's bottom-right corner left to other stories (an L-shaped block, 破栏): the
    /// story's head runs across the whole block and its copy down the columns beside the corner
    /// and above it; the stories in the corner have blocks of their own there.
    #[serde(default)]
    pub cutout: Option<Cutout>,
    /// Lines the story takes back by setting that many of its paragraphs 3 % of an em tighter,
    /// each then a line shorter (紧排): those whose last line is shortest first, at most as many
    /// as come out a line shorter so. The placement search sets it where a story's copy is a
    /// few lines over a block that would end its columns level; default: none.
    #[serde(default)]
    pub squeeze: Option<u32>,
    /// 变栏: the story's copy set in this many columns across the block, each as wide as whole
    /// characters allow (wider than the grid's for fewer columns; the white left over goes to
    /// the gutters between them); default: the grid's columns. Its photos' `column` and `span`
    /// and its lead box's `span` count these columns. Not with `cutout`, `[[jumps]]` or a
    /// vertical headline.
    #[serde(default)]
    pub text_columns: Option<u32>,
}

/// The bottom-right corner of an L-shaped block: `span` columns by `height` grid lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cutout {
    /// Columns of the corner, counted from the block's right edge (fewer than the block's).
    pub span: u32,
    /// Grid lines of the corner, counted up from the block's foot (fewer than the block's).
    pub height: u32,
}

impl Block {
    /// The columns its copy is set in: `text_columns` (变栏), else its span.
    pub fn copy_columns(&self) -> u32 {
        self.text_columns.unwrap_or(self.span)
    }

    /// The corner a `cutout` leaves to other stories: (first column, columns, first line,
    /// lines), on the page's grid like the block's own.
    pub fn cutout_rect(&self, format: &crate::input::grid::Format) -> Option<(u32, u32, u32, u32)> {
        let c = self.cutout?;
        let lines = block_lines(self, format);
        Some((self.column + self.span.saturating_sub(c.span), c.span, self.top + lines.saturating_sub(c.height), c.height))
    }
}

/// A height in grid lines or millimetres.
#[derive(Debug, Clone, Copy, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum Length {
    /// Whole grid lines.
    Lines(u32),
    /// Millimetres, written as a string like "120mm".
    Mm(MmString),
}

/// A height is a whole number of grid lines or a `"<number>mm"` string; anything else is
/// refused with what the key takes (an untagged enum's message, "data did not match any
/// variant of untagged enum Length", with a hint to fix the TOML syntax, until session 41).
impl<'de> Deserialize<'de> for Length {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Length;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a height in whole grid lines (e.g. 40) or millimetres (e.g. \"120mm\")")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Length, E> {
                u32::try_from(v).map(Length::Lines).map_err(|_| E::custom(format!("expected a height in whole grid lines (e.g. 40) or millimetres (e.g. \"120mm\"), found {v}")))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Length, E> {
                u32::try_from(v).map(Length::Lines).map_err(|_| E::custom(format!("expected a height in whole grid lines (e.g. 40) or millimetres (e.g. \"120mm\"), found {v}")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Length, E> {
                Err(E::custom(format!("expected a height in whole grid lines (e.g. 40) or millimetres (e.g. \"120mm\"), found {v}")))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Length, E> {
                MmString::parse(s).map(Length::Mm).ok_or_else(|| E::custom(MmString::expected(s)))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A `"<number>mm"` string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MmString(pub f64);

impl<'de> Deserialize<'de> for MmString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MmString::parse(&s).ok_or_else(|| serde::de::Error::custom(MmString::expected(&s)))
    }
}

impl MmString {
    /// `"120mm"` (a positive, finite number of millimetres), or `None`.
    fn parse(s: &str) -> Option<MmString> {
        s.trim().strip_suffix("mm").and_then(|n| n.trim().parse::<f64>().ok()).filter(|v| v.is_finite() && *v > 0.0).map(MmString)
    }

    /// What a height takes, against the string `s` found.
    fn expected(s: &str) -> String {
        format!("expected a height in whole grid lines (e.g. 40) or millimetres (e.g. \"120mm\"), found \"{s}\"")
    }
}


/// A validated edition: `edition.toml` and every story, in page order.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The edition directory (absolute).
    pub dir: PathBuf,
    /// The directory's name, used for output file names.
    pub name: String,
    /// `edition.toml`.
    pub file: Loaded<EditionFile>,
    /// For each page, its stories in the order listed.
    pub stories: Vec<Vec<Loaded<Story>>>,
}

impl Edition {
    /// The format of page `pi` (validated on load).
    pub fn page_format<'f>(&self, formats: &'f crate::input::grid::Formats, pi: usize) -> &'f crate::input::grid::Format {
        let e = &self.file.value;
        formats.get(e.pages[pi].format_name(&e.edition)).expect("validated on load")
    }

    /// The first grid line of page `pi`'s copy: under its banner and masthead.
    pub fn page_top(&self, formats: &crate::input::grid::Formats, pi: usize) -> u32 {
        let file = &self.file.value;
        self.page_format(formats, pi).page_top(file.has_banner(pi), file.pages[pi].masthead)
    }

    /// [`Edition::page_top`] of the page numbered `number` (0 for a number no page has).
    pub fn page_top_of(&self, formats: &crate::input::grid::Formats, number: u32) -> u32 {
        self.file.value.pages.iter().position(|p| p.number == number).map_or(0, |pi| self.page_top(formats, pi))
    }

    /// The edition's date as (year, month, day).
    pub fn date(&self) -> (u16, u8, u8) {
        let d = self.file.value.edition.date.get_ref().date.expect("validated on load");
        (d.year, d.month, d.day)
    }
}

/// Load an edition directory and validate everything that can be checked without Typst.
pub fn load(project: &Project, dir: &Path, formats: &crate::input::grid::Formats) -> Result<Edition, Diagnostics> {
    let dir = project.inside(dir).map_err(Diagnostics::from)?;
    let edition_path = dir.join(EDITION_FILE);
    // There but not a regular file (a FIFO, a device, a folder): say what it is, never open it.
    if let Err(e @ crate::project::ReadError::NotRegular(_)) = crate::project::stat_regular(&edition_path, crate::project::limits::TOML) {
        return Err(e.diagnostic(&project.display(&edition_path)).into());
    }
    if !edition_path.is_file() {
        return Err(Diagnostic::error(crate::tr!("content-not-edition", dir = project.display(&dir).display(), file = EDITION_FILE))
        .hint(crate::tr!("content-not-edition-hint"))
        .into());
    }
    let file: Loaded<EditionFile> =
        parse_toml(project, &edition_path, "expected-edition")?;
    let mut diags = Vec::new();

    let info = &file.value.edition;
    let date = info.date.get_ref();
    if date.date.is_none() || date.time.is_some() || date.offset.is_some() {
        diags.push(
            file.error(info.date.span(), crate::tr!("content-date-plain"))
                .hint(crate::tr!("content-date-plain-hint")),
        );
    } else if let Some(d) = date.date.filter(|d| !DATE_YEARS.contains(&d.year)) {
        // A year folio prints no 农历 date for and no desk dates a paper in: a typo (2203 for
        // 2023, 0000) printed as it was, the masthead's 农历 line left out, until session 40.
        diags.push(
            file.error(info.date.span(), crate::tr!("content-date-year", year = d.year, from = *DATE_YEARS.start(), to = *DATE_YEARS.end()))
                .hint(crate::tr!("content-date-plain-hint")),
        );
    }
    validate_preflight(&file, &mut diags);
    if formats.get(info.format.get_ref()).is_none() {
        diags.push(
            file.error(info.format.span(), crate::tr!("content-unknown-format", name = info.format.get_ref()))
                .hint(crate::tr!("content-unknown-format-hint", formats = formats.names().join(", "))),
        );
    }
    for page in &file.value.pages {
        if let Some(f) = &page.format {
            if formats.get(f.get_ref()).is_none() {
                diags.push(
                    file.error(f.span(), crate::tr!("content-page-unknown-format", page = page.number, name = f.get_ref()))
                        .hint(crate::tr!("content-page-unknown-format-hint", formats = formats.names().join(", "))),
                );
            }
        }
    }
    // Every page's format, or None when a name is unknown (reported above).
    let page_formats: Option<Vec<&crate::input::grid::Format>> =
        file.value.pages.iter().map(|p| formats.get(p.format_name(info))).collect();
    if file.value.pages.is_empty() {
        diags.push(Diagnostic::error(crate::tr!("content-no-pages")).in_file(&file.display, &file.source)
            .with_span(Some(0..0)).hint(crate::tr!("content-no-pages-hint")));
    }

    validate_copyfit(&file, &mut diags);
    validate_house_words(&file, &mut diags);
    validate_pages(project, &dir, &file, &mut diags);
    let centre = centre_spread(&file.value);
    validate_banners(&file, centre, &mut diags);
    let mut stories = Vec::new();
    for (pi, page) in file.value.pages.iter().enumerate() {
        let mut on_page: Vec<Loaded<Story>> = Vec::new();
        for rel in &page.stories {
            let path = match project.resolve_in(&dir, rel.get_ref()) {
                Ok(p) => p,
                Err(msg) => {
                    diags.push(file.error(rel.span(), msg).hint(crate::tr!("content-story-outside-hint")));
                    continue;
                }
            };
            // A FIFO, a device or a folder is refused without being opened; so is a file above the limit.
            match crate::project::stat_regular(&path, crate::project::limits::TOML) {
                Ok(_) => {}
                Err(crate::project::ReadError::NotFound) => {
                    diags.push(
                        file.error(rel.span(), crate::tr!("content-story-missing", file = rel.get_ref()))
                            .hint(crate::tr!("content-story-missing-hint")),
                    );
                    continue;
                }
                Err(e) => {
                    diags.push(file.error(rel.span(), e.message(Path::new(rel.get_ref()))).hint(e.fix()));
                    continue;
                }
            }
            match parse_toml::<Story>(project, &path, "expected-story") {
                Ok(story) => {
                    if let Some(pf) = &page_formats {
                        let crossing_ok = centre.map(|(l, _)| l) == Some(pi);
                        validate_story(project, &dir, &story, pf[pi], page, file.value.has_banner(pi), crossing_ok, &mut diags);
                        validate_jumps(&story, pf, &file.value.pages, pi, &mut diags);
                    }
                    on_page.push(story);
                }
                Err(d) => diags.push(d),
            }
        }
        stories.push(on_page);
    }
    // Overlaps are measured only between blocks that are on the grid.
    if let (Some(pf), false) = (&page_formats, diags.iter().any(|d| d.severity == crate::diag::Severity::Error)) {
        check_overlaps(&stories, &file.value.pages, pf, centre, &mut diags);
    }

    if diags.iter().any(|d| d.severity == crate::diag::Severity::Error) {
        return Err(Diagnostics(diags));
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "edition".into());
    let mut stories = stories;
    let mut file = file;
    if file.value.typography.banner_comma_space {
        for page in &mut file.value.pages {
            if let Some(b) = &mut page.banner {
                *b = crate::input::punctuation::commas_as_spaces(b);
            }
        }
    }
    if file.value.typography.full_width_brackets {
        for story in stories.iter_mut().flatten() {
            house_punctuation(&mut story.value, crate::input::punctuation::full_width);
        }
    }
    if file.value.typography.full_width_marks {
        for story in stories.iter_mut().flatten() {
            house_punctuation(&mut story.value, crate::input::punctuation::full_width_marks);
        }
    }
    if file.value.typography.half_width_alnum {
        for story in stories.iter_mut().flatten() {
            house_punctuation(&mut story.value, crate::input::punctuation::half_width_alnum);
        }
    }
    Ok(Edition { dir, name, file, stories })
}

/// `[typography] full_width_brackets`, `full_width_marks` and `half_width_alnum`: every text of a
/// story with `full_width` applied (its half-width brackets or marks in Chinese text set
/// full-width, or its full-width letters and digits half-width).
fn house_punctuation(story: &mut Story, full_width: fn(&str) -> String) {
    let fix = |s: &mut String| *s = full_width(s);
    let fix_opt = |s: &mut Option<String>| {
        if let Some(s) = s {
            *s = full_width(s);
        }
    };
    fix(&mut story.headline);
    fix_opt(&mut story.kicker);
    fix_opt(&mut story.deck);
    fix_opt(&mut story.byline);
    fix_opt(&mut story.dateline);
    fix_opt(&mut story.attribution);
    fix_opt(&mut story.body);
    if let Some(lead) = &mut story.lead {
        fix(&mut lead.title);
        fix(&mut lead.text);
    }
    for section in &mut story.sections {
        fix(&mut section.head);
        fix_opt(&mut section.subhead);
        fix(&mut section.body);
    }
    for photo in &mut story.photos {
        fix(&mut photo.caption);
        fix_opt(&mut photo.credit);
    }
}

/// Most pages an edition may have (a thick weekend edition has 64–100).
pub const MAX_PAGES: usize = 200;
/// Highest page number.
pub const MAX_PAGE_NUMBER: u32 = 999;

/// Page numbers unique and in range, no story file listed twice, no page without stories
/// unless it says `blank = true`, and not more than [`MAX_PAGES`] pages.
/// `[masthead]`: the CN number and 邮发代号 well formed, the logo a file inside the project; each
/// page's ear beside a masthead, holding one of a title, 导读 items or a photo, its items and
/// photo pointing at pages and files that exist.
fn validate_masthead(project: &Project, dir: &Path, file: &Loaded<EditionFile>, diags: &mut Vec<Diagnostic>) {
    let whole = 0..file.source.len().min(1);
    let m = &file.value.masthead;
    if let Some(cn) = &m.cn {
        if parse_cn(cn).is_none() {
            diags.push(file.error(file.key_span(&["masthead", "cn"], whole.clone()), crate::tr!("content-masthead-cn", cn = cn))
                .hint(crate::tr!("content-masthead-cn-hint")));
        }
    }
    if let Some(code) = &m.postal_code {
        if parse_postal_code(code).is_none() {
            diags.push(file.error(file.key_span(&["masthead", "postal_code"], whole.clone()), crate::tr!("content-masthead-postal", code = code))
                .hint(crate::tr!("content-masthead-postal-hint")));
        }
    }
    // `what` is a message ID (`content-the-logo`), made into text only for an error.
    let check_file = |path: &[&str], rel: &str, what: &'static str, exts: &[&str], diags: &mut Vec<Diagnostic>| {
        let what = || crate::i18n::message(what, &[]);
        let span = file.key_span(path, whole.clone());
        let ext = Path::new(rel).extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if !exts.contains(&ext.as_str()) {
            diags.push(file.error(span, crate::tr!("content-image-kind", what = what(), file = rel, exts = exts.join(&crate::tr!("word-or"))))
                .hint(crate::tr!("content-image-kind-hint", exts = exts.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(&crate::tr!("word-or")))));
            return;
        }
        match project.resolve_in(dir, rel) {
            Err(msg) => diags.push(file.error(span, msg).hint(crate::tr!("content-image-outside-hint"))),
            Ok(p) => match crate::project::stat_regular(&p, crate::project::limits::PHOTO) {
                // A picture (not an SVG logo, which has its own checks) passes a story photo's
                // checks: JPEG or PNG by its content, within the pixel budget, decoded whole
                // (session 41: a 30000 × 30000 PNG logo or ear photo took 10 GB, exit 0, and a
                // GIF named .png was an error in the template).
                Ok(_) if ext != "svg" => {
                    if let Err(r) = crate::input::photos::verify(&p) {
                        diags.push(file.error(span, crate::tr!("photo-error", file = rel, error = r.what)).hint(r.fix));
                    }
                }
                // An SVG logo's text: set in a font folio may not have, which the SVG renderer
                // replaces without a word (session 41: "Comic Sans MS" printed in a fallback
                // face on the plates, exit 0). A logo for print has its lettering as outlines.
                Ok(_) => match std::fs::read_to_string(&p).map(|t| svg_text(&t)) {
                    Ok(Ok(false)) => {}
                    Ok(Ok(true)) => diags.push(file.error(span, crate::tr!("content-logo-text", file = rel)).hint(crate::tr!("content-logo-text-hint"))),
                    Ok(Err(e)) => diags.push(file.error(span, crate::tr!("content-logo-unreadable", file = rel, error = e)).hint(crate::tr!("content-logo-unreadable-hint"))),
                    Err(e) => diags.push(file.error(span, crate::tr!("content-logo-unreadable", file = rel, error = e.to_string())).hint(crate::tr!("content-logo-unreadable-hint"))),
                },
                Err(crate::project::ReadError::NotFound) => diags.push(file.error(span, crate::tr!("content-image-missing", what = what(), file = rel))
                    .hint(crate::tr!("content-image-missing-hint"))),
                Err(e) => diags.push(file.error(span, e.message(Path::new(rel))).hint(e.fix())),
            },
        }
    };
    if let Some(logo) = &m.logo {
        check_file(&["masthead", "logo"], logo, "content-the-logo", &["svg", "png"], diags);
    }
    let pages = &file.value.pages;
    for (pi, page) in pages.iter().enumerate() {
        let Some(ear) = &page.ear else { continue };
        let idx = pi.to_string();
        let ear_span = file.key_span(&["pages", &idx, "ear"], whole.clone());
        if !page.masthead {
            diags.push(file.error(ear_span.clone(), crate::tr!("content-ear-no-masthead", page = page.number))
                .hint(crate::tr!("content-ear-no-masthead-hint")));
        }
        let kinds = [ear.title.is_some(), !ear.items.is_empty(), ear.photo.is_some()].iter().filter(|k| **k).count();
        if kinds != 1 {
            let msg = if kinds == 0 { crate::tr!("content-ear-empty", page = page.number) } else { crate::tr!("content-ear-several", page = page.number) };
            diags.push(file.error(ear_span.clone(), msg)
                .hint(crate::tr!("content-ear-kinds-hint")));
        }
        if !ear.see.is_empty() && ear.title.is_none() {
            diags.push(file.error(file.key_span(&["pages", &idx, "ear", "see"], ear_span.clone()), crate::tr!("content-ear-see-no-title", page = page.number))
                .hint(crate::tr!("content-ear-see-no-title-hint")));
        }
        if ear.caption.is_some() && ear.photo.is_none() {
            diags.push(file.error(file.key_span(&["pages", &idx, "ear", "caption"], ear_span.clone()), crate::tr!("content-ear-caption-no-photo", page = page.number))
                .hint(crate::tr!("content-ear-caption-no-photo-hint")));
        }
        if ear.items.len() > MAX_EAR_ITEMS {
            // (Session 42: 40 000 items took 2.8 GB to set nine of them.) How many the ear
            // holds is measured on the page (`check::preflight`, `ear-overfull`).
            diags.push(file.error(file.key_span(&["pages", &idx, "ear", "items"], ear_span.clone()), crate::tr!("content-ear-too-many", page = page.number, n = ear.items.len(), most = MAX_EAR_ITEMS))
                .hint(crate::tr!("content-ear-too-many-hint")));
            continue;
        }
        for (k, item) in ear.items.iter().enumerate() {
            if !pages.iter().any(|p| p.number == item.page) {
                diags.push(file.error(file.key_span(&["pages", &idx, "ear", "items", &k.to_string(), "page"], ear_span.clone()), crate::tr!("content-ear-bad-page", page = page.number, target = item.page))
                    .hint(crate::tr!("content-ear-item-page-hint")));
            }
            if item.title.trim().is_empty() {
                diags.push(file.error(file.key_span(&["pages", &idx, "ear", "items", &k.to_string(), "title"], ear_span.clone()), crate::tr!("content-ear-item-empty"))
                    .hint(crate::tr!("content-ear-item-empty-hint")));
            }
        }
        if let Some(photo) = &ear.photo {
            check_file(&["pages", &idx, "ear", "photo"], photo, "content-the-ear-photo", &["jpg", "jpeg", "png"], diags);
        }
    }
}

/// Whether an SVG has text elements (`<text>`, set in fonts at print time), or why it cannot
/// be read as XML (at most a million nodes; an entity loop is refused).
fn svg_text(svg: &str) -> Result<bool, String> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: 1_000_000, ..roxmltree::ParsingOptions::default() };
    let doc = roxmltree::Document::parse_with_options(svg, options).map_err(|e| e.to_string())?;
    Ok(doc.descendants().any(|n| n.is_element() && n.tag_name().name() == "text"))
}

fn validate_pages(project: &Project, dir: &Path, file: &Loaded<EditionFile>, diags: &mut Vec<Diagnostic>) {
    let pages = &file.value.pages;
    let whole = 0..file.source.len().min(1);
    if pages.len() > MAX_PAGES {
        diags.push(file.error(file.key_span(&["pages"], whole.clone()), crate::tr!("content-too-many-pages", pages = pages.len(), max = MAX_PAGES))
            .hint(crate::tr!("content-too-many-pages-hint")));
        return;
    }
    if file.value.edition.paper.trim().is_empty() {
        diags.push(file.error(file.key_span(&["edition", "paper"], whole.clone()), crate::tr!("content-paper-empty"))
            .hint(crate::tr!("content-paper-empty-hint")));
    }
    // The folio line's fields at most so long: a 60-character paper name ran into the page's
    // margin, 400 characters off the page, with exit 0 (until session 40).
    let too_long = |diags: &mut Vec<Diagnostic>, path: &[&str], text: Option<&str>, max: usize| {
        let n = text.map_or(0, |t| t.chars().filter(|c| !c.is_whitespace()).count());
        if n > max {
            diags.push(file.error(file.key_span(path, whole.clone()), crate::tr!("content-field-too-long", key = path.last().copied().unwrap_or(""), chars = n, max = max))
                .hint(crate::tr!("content-field-too-long-hint")));
        }
    };
    too_long(diags, &["edition", "paper"], Some(file.value.edition.paper.as_str()), MAX_PAPER_CHARS);
    for (pi, page) in pages.iter().enumerate() {
        let index = pi.to_string();
        too_long(diags, &["pages", &index, "section"], Some(page.section.as_str()), MAX_SECTION_CHARS);
        for (key, text) in [("editor", &page.editor), ("designer", &page.designer), ("proofreader", &page.proofreader)] {
            too_long(diags, &["pages", &index, key], text.as_deref(), MAX_CREDIT_CHARS);
        }
    }
    for (pi, page) in pages.iter().enumerate() {
        for (k, see) in page.ear.iter().flat_map(|e| e.see.iter()).enumerate() {
            if !pages.iter().any(|p| p.number == *see) {
                diags.push(file.error(file.key_span(&["pages", &pi.to_string(), "ear", "see", &k.to_string()], whole.clone()), crate::tr!("content-ear-bad-page", page = page.number, target = *see))
                    .hint(crate::tr!("content-ear-see-hint")));
            }
        }
    }
    validate_masthead(project, dir, file, diags);
    let mut seen_numbers: Vec<(u32, usize)> = Vec::new();
    let mut seen_files: Vec<(PathBuf, u32)> = Vec::new();
    for (pi, page) in pages.iter().enumerate() {
        let idx = pi.to_string();
        let number_span = file.key_span(&["pages", &idx, "number"], whole.clone());
        if page.number == 0 || page.number > MAX_PAGE_NUMBER {
            diags.push(file.error(number_span.clone(), crate::tr!("content-page-number-range", index = pi + 1, number = page.number, max = MAX_PAGE_NUMBER))
                .hint(crate::tr!("content-page-number-range-hint")));
        }
        if let Some((_, first)) = seen_numbers.iter().find(|(n, _)| *n == page.number) {
            diags.push(file.error(number_span, crate::tr!("content-page-number-twice", number = page.number, first = *first + 1, second = pi + 1))
                .hint(crate::tr!("content-page-number-twice-hint")));
        } else if let Some(&(before, _)) = seen_numbers.last().filter(|(n, _)| *n > page.number) {
            // Pages in the order they print (session 42: page 5 listed before page 4 made a
            // pages PDF in list order and a spread of two half-empty sheets, exit 0).
            diags.push(file.error(number_span, crate::tr!("content-page-out-of-order", number = page.number, before = before))
                .hint(crate::tr!("content-page-out-of-order-hint", number = page.number, before = before)));
            seen_numbers.push((page.number, pi));
        } else {
            seen_numbers.push((page.number, pi));
        }
        if page.stories.is_empty() && !page.blank {
            diags.push(file.error(file.key_span(&["pages", &idx], whole.clone()), crate::tr!("content-page-no-stories", page = page.number))
                .hint(crate::tr!("content-page-no-stories-hint")));
        }
        for rel in &page.stories {
            let Ok(path) = project.resolve_in(dir, rel.get_ref()) else { continue };
            let key = path.canonicalize().unwrap_or(path);
            if let Some((_, on)) = seen_files.iter().find(|(p, _)| *p == key) {
                diags.push(file.error(rel.span(), crate::tr!("content-story-twice", file = rel.get_ref(), first = *on, second = page.number))
                    .hint(crate::tr!("content-story-twice-hint")));
            } else {
                seen_files.push((key, page.number));
            }
        }
    }
}


/// The `[copyfit]` bounds in range: tracking and leading 0–0.1, photo_lines 0–20.
fn validate_copyfit(file: &Loaded<EditionFile>, diags: &mut Vec<Diagnostic>) {
    let c = &file.value.copyfit;
    let whole = 0..file.source.len().min(1);
    for (key, value, max) in [("tracking", c.tracking, 0.1), ("leading", c.leading, 0.1)] {
        if !(value.is_finite() && (0.0..=max).contains(&value)) {
            diags.push(file.error(file.key_span(&["copyfit", key], whole.clone()), crate::tr!("content-copyfit-range", key = key, value = value, max = max))
                .hint(crate::tr!("content-copyfit-range-hint", key = key)));
        }
    }
    if c.photo_lines > MAX_PHOTO_LINES {
        diags.push(file.error(file.key_span(&["copyfit", "photo_lines"], whole), crate::tr!("content-photo-lines-range", value = c.photo_lines, max = MAX_PHOTO_LINES))
            .hint(crate::tr!("content-photo-lines-range-hint")));
    }
}

/// Most words in `[typography] words`.
pub const MAX_HOUSE_WORDS: usize = 2000;

/// Most characters of a word in `[typography] words`.
pub const MAX_HOUSE_WORD_CHARS: usize = 24;

/// The years an edition may be dated in: those whose Chinese-calendar (农历) date the masthead
/// prints.
pub const DATE_YEARS: std::ops::RangeInclusive<u16> = 1901..=2100;

/// Most characters of the paper's name (人民日报海外版 is 7), printed in every folio line.
pub const MAX_PAPER_CHARS: usize = 16;
/// Most characters of a page's section (版名: 要闻, 国际新闻), printed in its folio line.
pub const MAX_SECTION_CHARS: usize = 10;
/// Most characters of a page's editor, designer or proofreader (spaces between names not
/// counted), printed in its folio line.
pub const MAX_CREDIT_CHARS: usize = 12;

/// Check `[typography] words`: each two to [`MAX_HOUSE_WORD_CHARS`] characters with no space,
/// at most [`MAX_HOUSE_WORDS`] of them.
fn validate_house_words(file: &Loaded<EditionFile>, diags: &mut Vec<Diagnostic>) {
    let words = &file.value.typography.words;
    let whole = 0..file.source.len().min(1);
    if words.len() > MAX_HOUSE_WORDS {
        diags.push(file.error(file.key_span(&["typography", "words"], whole), crate::tr!("content-house-words-many", count = words.len(), max = MAX_HOUSE_WORDS))
            .hint(crate::tr!("content-house-words-many-hint")));
        return;
    }
    for (i, w) in words.iter().enumerate() {
        let n = w.chars().count();
        if n < 2 || n > MAX_HOUSE_WORD_CHARS || w.chars().any(char::is_whitespace) {
            diags.push(file.error(file.key_span(&["typography", "words", i.to_string().as_str()], whole.clone()), crate::tr!("content-house-word", word = w.as_str(), max = MAX_HOUSE_WORD_CHARS))
                .hint(crate::tr!("content-house-word-hint")));
        }
    }
}

/// Most grid lines `fit = "auto"` may change a photo's height by.
pub const MAX_PHOTO_LINES: u32 = 20;

/// Check the `[preflight]` limits make sense.
fn validate_preflight(file: &Loaded<EditionFile>, diags: &mut Vec<Diagnostic>) {
    let Some(spanned) = &file.value.preflight else { return };
    let (p, span) = (spanned.get_ref(), spanned.span());
    let positive = [p.warn_ppi, p.error_ppi, p.target_ppi, p.max_ink].iter().all(|v| v.is_finite() && *v > 0.0);
    if !positive {
        diags.push(file.error(span, crate::tr!("content-preflight-positive"))
            .hint(crate::tr!("content-preflight-positive-hint")));
    } else if p.error_ppi > p.warn_ppi {
        diags.push(file.error(span, crate::tr!("content-preflight-order", error = p.error_ppi, warn = p.warn_ppi))
            .hint(crate::tr!("content-preflight-order-hint")));
    } else if p.warn_ppi > 2400.0 || p.target_ppi > 2400.0 {
        diags.push(file.error(span, crate::tr!("content-preflight-max-ppi"))
            .hint(crate::tr!("content-preflight-max-ppi-hint")));
    } else if p.max_ink > 400.0 {
        diags.push(file.error(span, crate::tr!("content-preflight-max-ink", value = p.max_ink))
            .hint(crate::tr!("content-preflight-max-ink-hint")));
    }
}

/// Split a multi-line string into paragraphs at blank lines, and before a line indented with a
/// full-width space (　　, as copy typed in a word processor or exported from a newsroom system
/// starts each paragraph: those were run together into one until session 38); other lines
/// inside a paragraph are joined without a space (Chinese text has none between lines).
pub fn paragraphs(text: &str) -> Vec<String> {
    // A lone carriage return and the line separator U+2028 end a line as a newline does, the
    // paragraph separator U+2029 a paragraph as a blank line does (each printed as a space
    // inside Chinese until session 40).
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{2028}'], "\n").replace('\u{2029}', "\n\n");
    let mut out = Vec::new();
    let mut cur = String::new();
    for raw in text.lines() {
        let line = raw.trim();
        if raw.starts_with('\u{3000}') && !line.is_empty() && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() && needs_space(cur.chars().last(), line.chars().next()) {
                cur.push(' ');
            }
            cur.push_str(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn needs_space(a: Option<char>, b: Option<char>) -> bool {
    let latin = |c: char| c.is_ascii_alphanumeric() || crate::input::punctuation::is_latin_letter(c);
    matches!((a, b), (Some(a), Some(b)) if latin(a) && latin(b))
}

/// The block of a story resolved to grid lines.
pub fn block_lines(block: &Block, format: &crate::input::grid::Format) -> u32 {
    match block.height {
        Length::Lines(n) => n,
        Length::Mm(MmString(mm)) => (mm * crate::input::grid::PT_PER_MM / format.pitch_pt()).floor() as u32,
    }
}

fn validate_story(
    project: &Project,
    dir: &Path,
    story: &Loaded<Story>,
    format: &crate::input::grid::Format,
    page: &PageSpec,
    banner: bool,
    crossing_ok: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let s = &story.value;
    // A story without a block is placed by folio: only what it holds is checked here, against
    // the page's full width.
    // (One asked across the centre spread: against the spread's.)
    let widest = if s.asks_across() && crossing_ok { 2 * format.columns } else { format.columns };
    let unplaced = Spanned::new(0..0, Block { column: 1, span: widest, top: 0, height: Length::Lines(format.lines), head: None, head_size: None, cutout: None, squeeze: None, text_columns: None });
    let placed = s.block.as_ref();
    let block = placed.unwrap_or(&unplaced).get_ref();
    let span = placed.map_or(0..0, |b| b.span());
    let top_min = format.page_top(banner, page.masthead);
    if placed.is_some() {
        check_block(story, &["block"], span.clone(), (block.column, block.span, block.top), block_lines(block, format), format, top_min, crossing_ok, diags);
    } else if let Some(jump) = s.jumps.first() {
        diags.push(story.error(jump.span(), crate::tr!("story-jump-needs-block"))
            .hint(crate::tr!("story-jump-needs-block-hint")));
    }
    if let Some(head) = block.head {
        let lines = u64::from(block_lines(block, format));
        // 0 (like no `head`) lets folio size the head area.
        if u64::from(head) >= lines.max(2) {
            diags.push(story.error(story.key_span(&["block", "head"], span.clone()), crate::tr!("story-head-range", head = head, lines = lines, max = lines.max(2) - 1))
                .hint(crate::tr!("story-head-range-hint")));
        }
    }
    if let Some(size) = block.head_size {
        if format.tier_of_size(size).is_none() {
            let sizes = format.head_sizes_list();
            diags.push(story.error(story.key_span(&["block", "head_size"], span.clone()), crate::tr!("story-head-size", size = size, format = format.spec.label.clone(), sizes = sizes.clone()))
                .hint(crate::tr!("story-head-size-hint", sizes = sizes)));
        }
    }
    if let Some(c) = block.cutout {
        let lines = block_lines(block, format);
        if c.span == 0 || c.span >= block.span || c.height == 0 || c.height >= lines {
            diags.push(story.error(story.key_span(&["block", "cutout"], span.clone()), crate::tr!("story-cutout-range", span = c.span, height = c.height, columns = block.span, lines = lines))
                .hint(crate::tr!("story-cutout-range-hint")));
        }
    }
    if let Some(n) = block.text_columns {
        let at = story.key_span(&["block", "text_columns"], span.clone());
        let crosses = block.column + block.span - 1 > format.columns;
        if n == 0 || n > block.span {
            diags.push(story.error(at, crate::tr!("story-text-columns-range", columns = n, span = block.span)).hint(crate::tr!("story-text-columns-range-hint", span = block.span)));
        } else if let Some(with) = [(block.cutout.is_some(), "`cutout`"), (!s.jumps.is_empty(), "`[[jumps]]`"), (s.vertical, "`vertical = true`"), (crosses, "a block across the fold")].iter().find(|w| w.0).map(|w| w.1) {
            diags.push(story.error(at, crate::tr!("story-text-columns-with", with = with)).hint(crate::tr!("story-text-columns-with-hint", with = with)));
        }
    }
    if let Some(a) = s.across.as_ref().filter(|a| *a.get_ref()) {
        // A block that crosses the fold keeps `across` as a note of what it is (`folio place
        // --write` writes the block it chose beside it); one that stays on its page contradicts it.
        if placed.is_some_and(|b| b.get_ref().column + b.get_ref().span - 1 <= format.columns) {
            diags.push(story.error(a.span(), crate::tr!("story-across-placed")).hint(crate::tr!("story-across-placed-hint")));
        } else if !crossing_ok {
            diags.push(story.error(a.span(), crate::tr!("story-across-not-centre")).hint(crate::tr!("story-across-not-centre-hint")));
        }
    }
    check_span_hints(story, format, s.asks_across() && crossing_ok, diags);
    // A rank counts from 1 (the page's lead); 0 is no rank folio could honour.
    if let Some(p) = s.priority.as_ref().filter(|p| *p.get_ref() == 0) {
        diags.push(story.error(p.span(), crate::tr!("story-priority-zero")).hint(crate::tr!("story-priority-zero-hint")));
    }
    if s.headline.trim().is_empty() {
        diags.push(story.error(story.key_span(&["headline"], 0..0), crate::tr!("story-headline-empty")).hint(crate::tr!("story-headline-empty-hint")));
    }
    // An attribution of nothing but spaces would print as empty brackets （ ）.
    if s.attribution.as_deref().is_some_and(|a| a.trim().is_empty()) {
        diags.push(story.error(story.key_span(&["attribution"], 0..0), crate::tr!("story-attribution-empty")).hint(crate::tr!("story-attribution-empty-hint")));
    }
    // A kicker or a deck of nothing but spaces kept the head's lines for it, white over or
    // under the headline; a lead box of nothing, a grey band without its title (session 40).
    let blank = |t: &Option<String>| t.as_deref().is_some_and(|t| t.trim().is_empty());
    for (key, text) in [("kicker", &s.kicker), ("deck", &s.deck), ("byline", &s.byline), ("dateline", &s.dateline)] {
        if blank(text) {
            diags.push(story.error(story.key_span(&[key], 0..0), crate::tr!("story-key-empty", key = key)).hint(crate::tr!("story-key-empty-hint", key = key)));
        }
    }
    for (k, photo) in s.photos.iter().enumerate() {
        if blank(&photo.credit) {
            diags.push(story.error(story.key_span(&["photos", &k.to_string(), "credit"], 0..0), crate::tr!("story-key-empty", key = "credit")).hint(crate::tr!("story-key-empty-hint", key = "credit")));
        }
    }
    if let Some(lead) = s.lead.as_ref() {
        for (key, text) in [("title", &lead.title), ("text", &lead.text)] {
            if text.trim().is_empty() {
                diags.push(story.error(story.key_span(&["lead", key], 0..0), crate::tr!("story-key-empty", key = format!("lead.{key}"))).hint(crate::tr!("story-lead-empty-hint")));
            }
        }
    }
    // A column of briefs is its sections, each a brief with its title; verse has none.
    if s.briefs && (s.sections.is_empty() || s.verse) {
        let why = if s.verse { crate::tr!("story-briefs-verse") } else { crate::tr!("story-briefs-none") };
        diags.push(story.error(story.key_span(&["briefs"], 0..0), why).hint(crate::tr!("story-briefs-hint")));
    }
    for (k, sec) in s.sections.iter().enumerate() {
        if sec.head.trim().is_empty() {
            diags.push(story.error(story.key_span(&["sections", &k.to_string(), "head"], 0..0), crate::tr!("story-section-head-empty")).hint(crate::tr!("story-section-head-empty-hint")));
        }
    }
    check_copy_size(story, diags);
    if let Some(lead) = &s.lead {
        if let Some(ls) = &lead.span {
            if *ls.get_ref() == 0 || *ls.get_ref() > block.copy_columns() {
                diags.push(story.error(ls.span(), crate::tr!("story-lead-span", lead = *ls.get_ref(), span = block.copy_columns()))
                    .hint(crate::tr!("story-lead-span-hint")));
            }
        }
    }
    for photo in &s.photos {
        let given = |v: &Option<Spanned<u32>>| v.as_ref().map(|v| u64::from(*v.get_ref()));
        let (c, sp) = (given(&photo.column).unwrap_or(1), given(&photo.span).unwrap_or(1));
        let at = match (&photo.column, &photo.span) {
            (Some(c), Some(s)) => Some(c.span().start..s.span().end),
            (Some(c), None) => Some(c.span()),
            (None, Some(s)) => Some(s.span()),
            (None, None) => None,
        };
        // A zero is its own error at its key (review 47: `span = 0` read "columns 1–1").
        let zero = |v: &Option<Spanned<u32>>| v.as_ref().filter(|v| *v.get_ref() == 0).map(|v| v.span());
        if let Some(at) = zero(&photo.column) {
            diags.push(story.error(at, crate::tr!("story-photo-zero", key = "column")).hint(crate::tr!("story-photo-zero-hint", key = "column", span = block.copy_columns())));
        } else if let Some(at) = zero(&photo.span) {
            diags.push(story.error(at, crate::tr!("story-photo-zero", key = "span")).hint(crate::tr!("story-photo-zero-hint", key = "span", span = block.copy_columns())));
        } else if let Some(at) = at.filter(|_| c + sp - 1 > u64::from(block.copy_columns())) {
            diags.push(story.error(at, crate::tr!("story-photo-columns", first = c, last = c + sp - 1, span = block.copy_columns()))
                .hint(crate::tr!("story-photo-columns-hint")));
        }
        if let Some(h) = photo.height.as_ref().filter(|h| *h.get_ref() == 0) {
            diags.push(story.error(h.span(), crate::tr!("story-photo-height-zero")).hint(crate::tr!("story-photo-height-zero-hint")));
        }
        if let Some(f) = &photo.focus {
            let v = f.get_ref();
            if v.len() != 2 {
                diags.push(story.error(f.span(), crate::tr!("story-photo-focus-shape", count = v.len()))
                    .hint(crate::tr!("story-photo-focus-hint")));
            } else if let Some(bad) = v.iter().find(|x| !(0.0..=1.0).contains(*x)) {
                diags.push(story.error(f.span(), crate::tr!("story-photo-focus-range", value = bad.to_string()))
                    .hint(crate::tr!("story-photo-focus-hint")));
            }
        }
        let across = [(&photo.under_head, "under_head"), (&photo.above_head, "above_head")];
        if let Some((u, key)) = across.iter().find_map(|(u, k)| u.as_ref().filter(|u| *u.get_ref()).map(|u| (u, *k))) {
            let given: Vec<&str> = [("column", photo.column.is_some()), ("span", photo.span.is_some()), ("row", photo.row.is_some()), ("size", photo.size.is_some())]
                .iter()
                .filter(|(_, g)| *g)
                .map(|(k, _)| *k)
                .collect();
            if !given.is_empty() {
                diags.push(story.error(u.span(), crate::tr!("story-photo-under-head-keys", keys = given.join(", "), key = key))
                    .hint(crate::tr!("story-photo-under-head-keys-hint", keys = given.join(", "), key = key)));
            }
            if photo.is_under_head() && photo.is_above_head() {
                let at = photo.above_head.as_ref().map_or_else(|| u.span(), |a| a.span());
                diags.push(story.error(at, crate::tr!("story-photo-under-and-above-head")).hint(crate::tr!("story-photo-under-and-above-head-hint")));
            } else if s.photos.iter().filter(|p| p.is_across_block()).count() > 1 && !std::ptr::eq(photo, s.photos.iter().find(|p| p.is_across_block()).unwrap_or(photo)) {
                diags.push(story.error(u.span(), crate::tr!("story-photo-under-head-twice"))
                    .hint(crate::tr!("story-photo-under-head-twice-hint")));
            }
            if s.vertical {
                diags.push(story.error(u.span(), crate::tr!("story-photo-under-head-vertical", key = key))
                    .hint(crate::tr!("story-photo-under-head-vertical-hint", key = key)));
            }
        }
        // A Windows path (photos\x.jpg): a file of that name passed, then Typst, which reads
        // `\` as a folder's end, could not open it (blamed on the JPEG, until session 40).
        if photo.file.get_ref().contains('\\') {
            diags.push(story.error(photo.file.span(), crate::tr!("story-photo-backslash", file = photo.file.get_ref())).hint(crate::tr!("story-photo-backslash-hint", fixed = photo.file.get_ref().replace('\\', "/"))));
            continue;
        }
        match project.resolve_in(dir, photo.file.get_ref()) {
            Err(msg) => diags.push(story.error(photo.file.span(), msg).hint(crate::tr!("story-photo-outside-hint"))),
            Ok(path) => match crate::project::stat_regular(&path, crate::project::limits::PHOTO) {
                Ok(_) => {}
                Err(crate::project::ReadError::NotFound) => diags.push(story.error(photo.file.span(), crate::tr!("story-photo-missing", file = photo.file.get_ref())).code(crate::diag::Code::PhotoMissing)
                    .hint(crate::tr!("story-photo-missing-hint"))),
                Err(e) => diags.push(story.error(photo.file.span(), e.message(Path::new(photo.file.get_ref()))).code(crate::diag::Code::PhotoUnreadable).hint(e.fix())),
            },
        }
    }
}

/// `min_span` and `max_span` within the page's columns, the first no more than the second.
/// They bound the span folio chooses for a story it places; a story with a `[block]` keeps its
/// block's span (`folio place --write` leaves the hints in the file beside the block it writes).
fn check_span_hints(story: &Loaded<Story>, format: &crate::input::grid::Format, across: bool, diags: &mut Vec<Diagnostic>) {
    let s = &story.value;
    // A story across the centre spread counts the spread's columns.
    let columns = if across { 2 * format.columns } else { format.columns };
    let mut ok = true;
    for (key, value) in [("min_span", &s.min_span), ("max_span", &s.max_span)] {
        if let Some(v) = value {
            if *v.get_ref() == 0 || *v.get_ref() > columns {
                ok = false;
                let msg = if across {
                    crate::tr!("story-span-hint-range-spread", key = key, value = *v.get_ref(), columns = columns)
                } else {
                    crate::tr!("story-span-hint-range", key = key, value = *v.get_ref(), columns = columns)
                };
                diags.push(story.error(v.span(), msg)
                    .hint(crate::tr!("story-span-hint-range-hint", key = key, columns = columns)));
            }
        }
    }
    if let (true, Some(min), Some(max)) = (ok, &s.min_span, &s.max_span) {
        if min.get_ref() > max.get_ref() {
            diags.push(story.error(min.span(), crate::tr!("story-min-max-span", min = *min.get_ref(), max = *max.get_ref()))
                .hint(crate::tr!("story-min-max-span-hint", min = *max.get_ref(), max = *min.get_ref())));
        }
    }
}

/// Most characters of copy one story may hold (body, sections and lead box): some fifteen
/// broadsheet pages of text, far beyond any story a paper prints.
pub const MAX_STORY_CHARS: usize = 100_000;
/// Most paragraphs one story may hold.
pub const MAX_STORY_PARAGRAPHS: usize = 2_000;
/// Most characters in a one-line field (headline, kicker, deck, byline, caption, …).
pub const MAX_LINE_FIELD_CHARS: usize = 500;

/// What the build refuses in a story file's text whatever page it is on: its size (the limit
/// of a TOML file, [`crate::project::limits::TOML`]), its TOML and keys, characters that cannot
/// print ([`crate::input::source::bad_chars`]) and the size of its copy ([`check_copy_size`]).
/// `folio import` checks each story file it is about to write with it, so that an import never
/// writes a story the build refuses (session 40: a 5.7 MiB story, NUL, ESC and U+202E in copy
/// were written with exit 0).
pub fn check_story_text(display: &Path, source: &str) -> Vec<Diagnostic> {
    let limit = crate::project::limits::TOML;
    if source.len() as u64 > limit.bytes {
        return vec![crate::project::ReadError::TooLarge { size: source.len() as u64, limit }.diagnostic(display)];
    }
    match crate::input::source::parse_text::<Story>(display.to_path_buf(), display, source.to_string(), "expected-story") {
        Ok(story) => {
            let mut diags = Vec::new();
            check_copy_size(&story, &mut diags);
            diags
        }
        Err(d) => vec![d],
    }
}

/// A story's copy within [`MAX_STORY_CHARS`] and [`MAX_STORY_PARAGRAPHS`], each display
/// field within [`MAX_LINE_FIELD_CHARS`]: refused before any of it is set.
fn check_copy_size(story: &Loaded<Story>, diags: &mut Vec<Diagnostic>) {
    let s = &story.value;
    let texts = s.body.iter().map(String::as_str)
        .chain(s.sections.iter().map(|x| x.body.as_str()))
        .chain(s.lead.iter().map(|l| l.text.as_str()));
    let (chars, paras) = texts.fold((0, 0), |(c, p), t| (c + t.chars().filter(|ch| !ch.is_whitespace()).count(), p + paragraphs(t).len()));
    let at = story.key_span(&["body"], 0..0);
    if chars > MAX_STORY_CHARS {
        diags.push(story.error(at.clone(), crate::tr!("story-too-many-chars", chars = chars, max = MAX_STORY_CHARS))
            .hint(crate::tr!("story-too-many-chars-hint")));
    } else if paras > MAX_STORY_PARAGRAPHS {
        diags.push(story.error(at, crate::tr!("story-too-many-paragraphs", paras = paras, max = MAX_STORY_PARAGRAPHS))
            .hint(crate::tr!("story-too-many-paragraphs-hint")));
    }
    let fields = [("kicker", &s.kicker), ("headline", &Some(s.headline.clone())), ("deck", &s.deck), ("byline", &s.byline), ("dateline", &s.dateline), ("attribution", &s.attribution)];
    for (key, value) in fields {
        if let Some(v) = value {
            let n = v.chars().count();
            if n > MAX_LINE_FIELD_CHARS {
                diags.push(story.error(story.key_span(&[key], 0..0), crate::tr!("story-field-too-long", key = key, chars = n, max = MAX_LINE_FIELD_CHARS))
                    .hint(crate::tr!("story-field-too-long-hint", key = key)));
            }
        }
    }
    for (i, photo) in s.photos.iter().enumerate() {
        let n = photo.caption.chars().count();
        if n > MAX_LINE_FIELD_CHARS {
            diags.push(story.error(story.key_span(&["photos", &i.to_string(), "caption"], photo.file.span()), crate::tr!("story-caption-too-long", photo = i + 1, chars = n, max = MAX_LINE_FIELD_CHARS))
                .hint(crate::tr!("story-caption-too-long-hint")));
        }
    }
}

/// Check a rectangle on the grid (a story's block or a jump block) key by key, in 64-bit
/// arithmetic so no value wraps: `column` and `span` against the columns (past the last one
/// only on the centre spread's left page), `top` against the page's first free line and the
/// last line, `height` against the lines left under `top`. Each error points at its key.
#[allow(clippy::too_many_arguments)]
fn check_block(
    story: &Loaded<Story>,
    table: &[&str],
    table_span: Range<usize>,
    (column, span, top): (u32, u32, u32),
    lines: u32,
    format: &crate::input::grid::Format,
    top_min: u32,
    crossing_ok: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let key = |k: &str| {
        let mut path = table.to_vec();
        path.push(k);
        story.key_span(&path, table_span.clone())
    };
    let name = |k: &str| format!("{}.{k}", table[0]);
    let (cols, nlines) = (u64::from(format.columns), u64::from(format.lines));
    let max_col = if crossing_ok { 2 * cols } else { cols };
    // Made only for an error: a clean check never parses the message catalogue.
    let across = || if crossing_ok { crate::tr!("block-across-facing", columns = cols) } else { crate::tr!("block-across-centre-only") };
    let (c, sp, t, l) = (u64::from(column), u64::from(span), u64::from(top), u64::from(lines));
    if c == 0 || c > max_col {
        diags.push(story.error(key("column"), crate::tr!("block-column-range", key = name("column"), value = c, format = format.name, max = max_col))
            .hint(crate::tr!("block-column-range-hint", max = max_col, across = across())));
    } else if sp == 0 {
        diags.push(story.error(key("span"), crate::tr!("block-span-zero", key = name("span")))
            .hint(crate::tr!("block-span-zero-hint", key = name("span"), max = max_col - c + 1)));
    } else if c + sp - 1 > max_col {
        diags.push(story.error(key("span"), crate::tr!("block-span-range", first = c, last = c + sp.max(1) - 1, format = format.name, max = max_col))
            .hint(crate::tr!("block-span-range-hint", key = name("span"), most = max_col - c + 1, max = max_col, across = across())));
    }
    if t >= nlines || t < u64::from(top_min) {
        let msg = if t < u64::from(top_min) {
            crate::tr!("block-top-under-banner", key = name("top"), value = t, last = top_min - 1)
        } else {
            crate::tr!("block-top-range", key = name("top"), value = t, format = format.name, last = nlines - 1)
        };
        diags.push(story.error(key("top"), msg)
            .hint(crate::tr!("block-top-range-hint", min = top_min, max = nlines.saturating_sub(1))));
    } else if l == 0 || t + l > nlines {
        diags.push(story.error(key("height"), crate::tr!("block-height-range", top = t, bottom = t + l.max(1) - 1, format = format.name, last = nlines - 1))
            .hint(crate::tr!("block-height-range-hint", key = name("height"), max = nlines - t, top = t)));
    }
}

/// A banner across the spread (`banner_across`) belongs on the centre spread's left page, with
/// a banner to set, and the right page must leave its top free for it.
fn validate_banners(file: &Loaded<EditionFile>, centre: Option<(usize, usize)>, diags: &mut Vec<Diagnostic>) {
    for (pi, page) in file.value.pages.iter().enumerate() {
        let Some(across) = page.banner_across.as_ref().filter(|b| *b.get_ref()) else { continue };
        match centre {
            Some((l, r)) if l == pi => {
                if page.banner.is_none() {
                    diags.push(file.error(across.span(), crate::tr!("banner-across-no-banner", page = page.number))
                        .hint(crate::tr!("banner-across-no-banner-hint")));
                }
                let right = &file.value.pages[r];
                if right.banner.is_some() || right.masthead {
                    diags.push(file.error(across.span(), if right.masthead {
                        crate::tr!("banner-across-masthead", page = page.number, right = right.number)
                    } else {
                        crate::tr!("banner-across-banner", page = page.number, right = right.number)
                    })
                        .hint(crate::tr!("banner-across-hint", right = right.number)));
                }
            }
            _ => diags.push(file.error(across.span(), crate::tr!("banner-across-not-centre", page = page.number))
                .hint(crate::tr!("banner-across-not-centre-hint"))),
        }
    }
}

/// The centre spread: the middle two pages of an edition with an even number of pages, when
/// they face each other (even number on the left). Only they (in one format) may carry a story
/// or a banner across the gutter.
pub fn centre_spread(file: &EditionFile) -> Option<(usize, usize)> {
    let pages = &file.pages;
    let n = pages.len();
    if n < 2 || n % 2 != 0 {
        return None;
    }
    let (l, r) = (n / 2 - 1, n / 2);
    let same_format = pages[l].format_name(&file.edition) == pages[r].format_name(&file.edition);
    (pages[l].number % 2 == 0 && pages[r].number == pages[l].number + 1 && same_format).then_some((l, r))
}

fn validate_jumps(story: &Loaded<Story>, formats: &[&crate::input::grid::Format], pages: &[PageSpec], pi: usize, diags: &mut Vec<Diagnostic>) {
    let mut after = pi;
    for (ji_index, jump) in story.value.jumps.iter().enumerate() {
        let j = jump.get_ref();
        let mut format = formats[pi];
        match pages.iter().position(|p| p.number == j.page) {
            Some(ji) if ji > after => {
                after = ji;
                // The copy is set once, at the story's column width: it can only continue on
                // a page with the same grid.
                if formats[ji].name != formats[pi].name {
                    diags.push(story.error(jump.span(), crate::tr!("jump-format", from = formats[pi].spec.label, page = j.page, to = formats[ji].spec.label))
                        .hint(crate::tr!("jump-format-hint")));
                }
                format = formats[ji];
            }
            Some(_) => diags.push(story.error(jump.span(), crate::tr!("jump-backwards", page = j.page))
                .hint(crate::tr!("jump-backwards-hint"))),
            None => diags.push(story.error(jump.span(), crate::tr!("jump-no-page", page = j.page))
                .hint(crate::tr!("jump-no-page-hint"))),
        }
        let lines = block_lines(&Block { column: j.column, span: j.span, top: j.top, height: j.height, head: None, head_size: None, cutout: None, squeeze: None, text_columns: None }, format);
        let before = diags.len();
        let path = ["jumps".to_string(), ji_index.to_string()];
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        check_block(story, &path, jump.span(), (j.column, j.span, j.top), lines, format, 0, false, diags);
        if diags.len() == before && lines < 3 {
            diags.push(story.error(story.key_span(&[path[0], path[1], "height"], jump.span()), crate::tr!("jump-too-short", lines = lines))
                .hint(crate::tr!("jump-too-short-hint")));
        }
    }
}

fn check_overlaps(
    stories: &[Vec<Loaded<Story>>],
    pages: &[PageSpec],
    formats: &[&crate::input::grid::Format],
    centre: Option<(usize, usize)>,
    diags: &mut Vec<Diagnostic>,
) {
    // Every block on every page: (page index, columns, lines, story, span in its file).
    let mut rects: Vec<(usize, (u32, u32, u32, u32), &Loaded<Story>, Range<usize>)> = Vec::new();
    for (pi, page) in stories.iter().enumerate() {
        let format = formats[pi];
        for s in page {
            if let Some(block) = &s.value.block {
                let b = block.get_ref();
                let (c0, c1) = (b.column, b.column + b.span);
                let (t, mut bot) = (b.top, b.top + block_lines(b, format));
                // An L-shaped block: the part above its corner across the block, the part
                // beside it down to the foot (the corner is other stories').
                if let Some((cc, _, ct, _)) = b.cutout_rect(format).filter(|r| r.0 > c0 && r.2 > t) {
                    rects.push((pi, (c0, cc, ct, bot), s, block.span()));
                    bot = ct;
                }
                rects.push((pi, (c0, c1.min(format.columns + 1), t, bot), s, block.span()));
                if c1 > format.columns + 1 {
                    if let Some((_, r)) = centre {
                        rects.push((r, (1, c1 - format.columns, t, bot), s, block.span()));
                    }
                }
            }
            for jump in &s.value.jumps {
                let j = jump.get_ref();
                if let Some(ji) = pages.iter().position(|p| p.number == j.page) {
                    let lines = block_lines(&Block { column: j.column, span: j.span, top: j.top, height: j.height, head: None, head_size: None, cutout: None, squeeze: None, text_columns: None }, formats[ji]);
                    rects.push((ji, (j.column, j.column + j.span, j.top, j.top + lines), s, jump.span()));
                }
            }
        }
    }
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[..i] {
            let (ra, rb) = (a.1, b.1);
            if a.0 == b.0 && ra.0 < rb.1 && rb.0 < ra.1 && ra.2 < rb.3 && rb.2 < ra.3 {
                diags.push(a.2.error(a.3.clone(), crate::tr!("block-overlap", other = b.2.display.display(), page = pages[a.0].number))
                    .hint(crate::tr!("block-overlap-hint")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn paragraphs_part_at_blank_lines_and_at_a_full_width_indent() {
        assert_eq!(paragraphs("一段\n续行\n\n二段"), ["一段续行", "二段"]);
        // Copy from a word processor: each paragraph starts with 　　 on a line of its own.
        assert_eq!(paragraphs("\u{3000}\u{3000}一段。\r\n\u{3000}\u{3000}二段。\r\n续行。"), ["一段。", "二段。续行。"]);
        assert_eq!(paragraphs("New\nYork"), ["New York"]);
        assert_eq!(paragraphs("前\u{2028}后\u{2029}本段\r测试"), ["前后", "本段测试"]);
    }
}
