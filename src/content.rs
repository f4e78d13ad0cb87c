//! Stage 1: load and validate an edition.
//!
//! Takes an edition directory (`edition.toml` plus the story files and photos it names) and gives
//! an [`Edition`]: every file parsed strictly (unknown keys, wrong types and missing fields are
//! errors), every path checked to stay inside the project root, every placement checked against
//! the page grid. Every problem is a [`Diagnostic`] naming the file, line and column and saying
//! what was expected. Nothing here knows about Typst.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Diagnostics};
use crate::project::Project;

/// The file at the top of every edition directory.
pub const EDITION_FILE: &str = "edition.toml";

/// `edition.toml`: the edition's identity and its pages.
#[derive(Debug, Clone, Deserialize)]
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
    pub preflight: Option<Spanned<PreflightSettings>>,
}

impl EditionFile {
    /// The preflight limits (the defaults when `[preflight]` is absent).
    pub fn preflight(&self) -> PreflightSettings {
        self.preflight.as_ref().map(|p| p.get_ref().clone()).unwrap_or_default()
    }
}

/// The optional `[preflight]` table of `edition.toml`: the limits the preflight checks against.
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionInfo {
    /// Paper name printed in the folio line and masthead.
    pub paper: String,
    /// Publication date (a TOML local date, e.g. `2023-06-26`).
    pub date: Spanned<toml::value::Datetime>,
    /// Issue number (期号).
    pub issue: u32,
    /// Page format: a name from `layouts/formats.toml` (`broadsheet` 对开, `tabloid` 四开).
    pub format: Spanned<String>,
}

/// One `[[pages]]` entry.
#[derive(Debug, Clone, Deserialize)]
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
    pub format: Option<Spanned<String>>,
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

/// The ear box (报眼) of a front page: a short vertical headline pointing inside.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ear {
    /// Set vertically (竖排), e.g. the banner of a special page inside.
    pub title: String,
    /// Pages it points to; printed as 见第2、3版.
    #[serde(default)]
    pub see: Vec<u32>,
}

/// A story file.
#[derive(Debug, Clone, Deserialize)]
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
    pub fit: Option<Spanned<String>>,
    /// Set the headline vertically (竖排) in the block's first column instead of across the top.
    #[serde(default)]
    pub vertical: bool,
    /// Where the story sits on the page grid.
    pub block: Spanned<Block>,
    /// Blocks on later pages where the copy continues (转版), in order.
    #[serde(default)]
    pub jumps: Vec<Spanned<Jump>>,
}

/// A continuation block on a later page (转版): the copy that does not fit the story's block
/// goes on here, under the headline repeated small and an "上接第N版" line.
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lead {
    /// Its label, e.g. 核心提示.
    pub title: String,
    /// Its paragraphs.
    pub text: String,
    /// Columns it spans from the story's first column (default: about half the story).
    #[serde(default)]
    pub span: Option<Spanned<u32>>,
}

/// A section of a story.
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// Image file, relative to the edition directory.
    pub file: Spanned<String>,
    /// Caption under the photo.
    pub caption: String,
    /// Photographer; printed as "… 郑智君摄".
    #[serde(default)]
    pub credit: Option<String>,
    /// First column of the photo inside the story block (1-based).
    pub column: Spanned<u32>,
    /// Columns the photo spans.
    pub span: Spanned<u32>,
    /// Top of the photo in grid lines below the story's head; absent = at the block's foot.
    #[serde(default)]
    pub row: Option<Spanned<u32>>,
    /// Height of photo plus caption in grid lines; absent = from the image's aspect ratio.
    #[serde(default)]
    pub height: Option<Spanned<u32>>,
}

/// A story's block on the page grid.
#[derive(Debug, Clone, Deserialize)]
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
}

/// A height in grid lines or millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Length {
    /// Whole grid lines.
    Lines(u32),
    /// Millimetres, written as a string like "120mm".
    Mm(MmString),
}

/// A `"<number>mm"` string.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MmString(pub f64);

impl<'de> Deserialize<'de> for MmString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.trim()
            .strip_suffix("mm")
            .and_then(|n| n.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite() && *v > 0.0)
            .map(MmString)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "expected a height in grid lines (e.g. 40) or millimetres (e.g. \"120mm\"), found \"{s}\""
                ))
            })
    }
}

/// A parsed file kept with its text, so later stages can point into it.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The parsed value.
    pub value: T,
    /// Path as shown to the user (relative to the project root).
    pub display: PathBuf,
    /// Absolute path on disk.
    pub path: PathBuf,
    /// The file's text.
    pub source: String,
}

impl<T> Loaded<T> {
    /// An error located at `span` in this file.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).in_file(&self.display, &self.source).with_span(Some(span))
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
    pub fn page_format<'f>(&self, formats: &'f crate::grid::Formats, pi: usize) -> &'f crate::grid::Format {
        let e = &self.file.value;
        formats.get(e.pages[pi].format_name(&e.edition)).expect("validated on load")
    }

    /// The edition's date as (year, month, day).
    pub fn date(&self) -> (u16, u8, u8) {
        let d = self.file.value.edition.date.get_ref().date.expect("validated on load");
        (d.year, d.month, d.day)
    }
}

/// Parse a TOML file strictly, turning serde's error into a located diagnostic.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    project: &Project,
    path: &Path,
    expected: &str,
) -> Result<Loaded<T>, Diagnostic> {
    let display = project.display(path);
    let source = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error(format!("cannot read {}: {e}", display.display()))
            .at_path(&display)
            .hint(format!("expected {expected} here"))
    })?;
    match toml::from_str::<T>(&source) {
        Ok(value) => Ok(Loaded { value, display, path: path.to_path_buf(), source }),
        Err(err) => {
            let message = err.message().trim().to_string();
            let hint = toml_hint(&message, expected);
            Err(Diagnostic::error(message)
                .in_file(&display, &source)
                .with_span(err.span())
                .hint(hint))
        }
    }
}

fn toml_hint(message: &str, expected: &str) -> String {
    if message.starts_with("unknown field") {
        format!("remove or rename the key; {expected} takes only the keys listed above (see README.md, \"Content format\")")
    } else if message.starts_with("missing field") {
        format!("add the missing key to {expected} (see README.md, \"Content format\")")
    } else if message.starts_with("invalid type") {
        "change the value to the type the key takes (see README.md, \"Content format\")".into()
    } else {
        format!("fix the TOML syntax; this file holds {expected}")
    }
}

/// Load an edition directory and validate everything that can be checked without Typst.
pub fn load(project: &Project, dir: &Path, formats: &crate::grid::Formats) -> Result<Edition, Diagnostics> {
    let dir = project.inside(dir).map_err(Diagnostics::from)?;
    let edition_path = dir.join(EDITION_FILE);
    if !edition_path.is_file() {
        return Err(Diagnostic::error(format!(
            "{} is not an edition: it has no {EDITION_FILE}",
            project.display(&dir).display()
        ))
        .hint("pass an edition directory such as content/jiangxi-special, or start one with `folio new`")
        .into());
    }
    let file: Loaded<EditionFile> =
        parse_toml(project, &edition_path, "an edition ([edition] and [[pages]])")?;
    let mut diags = Vec::new();

    let info = &file.value.edition;
    let date = info.date.get_ref();
    if date.date.is_none() || date.time.is_some() || date.offset.is_some() {
        diags.push(
            file.error(info.date.span(), "the edition date must be a plain date")
                .hint("write it as a TOML local date, e.g. date = 2023-06-26"),
        );
    }
    validate_preflight(&file, &mut diags);
    if formats.get(info.format.get_ref()).is_none() {
        diags.push(
            file.error(info.format.span(), format!("unknown page format \"{}\"", info.format.get_ref()))
                .hint(format!("use one of: {}", formats.names().join(", "))),
        );
    }
    for page in &file.value.pages {
        if let Some(f) = &page.format {
            if formats.get(f.get_ref()).is_none() {
                diags.push(
                    file.error(f.span(), format!("page {}: unknown page format \"{}\"", page.number, f.get_ref()))
                        .hint(format!("use one of: {}, or leave `format` out to use the edition's", formats.names().join(", "))),
                );
            }
        }
    }
    // Every page's format, or None when a name is unknown (reported above).
    let page_formats: Option<Vec<&crate::grid::Format>> =
        file.value.pages.iter().map(|p| formats.get(p.format_name(info))).collect();
    if file.value.pages.is_empty() {
        diags.push(Diagnostic::error("the edition has no pages").in_file(&file.display, &file.source)
            .with_span(Some(0..0)).hint("add at least one [[pages]] table with its stories"));
    }

    let centre = centre_spread(&file.value);
    validate_banners(&file, centre, &mut diags);
    let mut stories = Vec::new();
    for (pi, page) in file.value.pages.iter().enumerate() {
        let mut on_page: Vec<Loaded<Story>> = Vec::new();
        for rel in &page.stories {
            let path = match project.resolve_in(&dir, rel.get_ref()) {
                Ok(p) => p,
                Err(msg) => {
                    diags.push(file.error(rel.span(), msg).hint("name a story file inside the project root, relative to the edition directory"));
                    continue;
                }
            };
            if !path.is_file() {
                diags.push(
                    file.error(rel.span(), format!("story file {} does not exist", rel.get_ref()))
                        .hint("check the name; story paths are relative to the edition directory"),
                );
                continue;
            }
            match parse_toml::<Story>(project, &path, "a story") {
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
    if let Some(pf) = &page_formats {
        check_overlaps(&stories, &file.value.pages, pf, centre, &mut diags);
    }

    if diags.iter().any(|d| d.severity == crate::diag::Severity::Error) {
        return Err(Diagnostics(diags));
    }
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "edition".into());
    Ok(Edition { dir, name, file, stories })
}

/// Check the `[preflight]` limits make sense.
fn validate_preflight(file: &Loaded<EditionFile>, diags: &mut Vec<Diagnostic>) {
    let Some(spanned) = &file.value.preflight else { return };
    let (p, span) = (spanned.get_ref(), spanned.span());
    let positive = [p.warn_ppi, p.error_ppi, p.target_ppi, p.max_ink].iter().all(|v| v.is_finite() && *v > 0.0);
    if !positive {
        diags.push(file.error(span, "the [preflight] limits must be positive numbers")
            .hint("e.g. warn_ppi = 200, error_ppi = 120, target_ppi = 300, max_ink = 240"));
    } else if p.error_ppi > p.warn_ppi {
        diags.push(file.error(span, format!("[preflight] error_ppi ({}) is above warn_ppi ({})", p.error_ppi, p.warn_ppi))
            .hint("a photo is an error below error_ppi and a warning below warn_ppi: make error_ppi ≤ warn_ppi"));
    } else if p.max_ink > 400.0 {
        diags.push(file.error(span, format!("[preflight] max_ink = {} is more than four inks at 100%", p.max_ink))
            .hint("give the press's total area coverage limit in percent, e.g. 240 for newsprint"));
    }
}

/// Split a multi-line string into paragraphs at blank lines; lines inside a paragraph are joined
/// without a space (Chinese text has none between lines).
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.lines() {
        let line = line.trim();
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
    matches!((a, b), (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
}

/// The block of a story resolved to grid lines.
pub fn block_lines(block: &Block, format: &crate::grid::Format) -> u32 {
    match block.height {
        Length::Lines(n) => n,
        Length::Mm(MmString(mm)) => (mm * crate::grid::PT_PER_MM / format.pitch_pt()).floor() as u32,
    }
}

fn validate_story(
    project: &Project,
    dir: &Path,
    story: &Loaded<Story>,
    format: &crate::grid::Format,
    page: &PageSpec,
    banner: bool,
    crossing_ok: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let s = &story.value;
    let block = s.block.get_ref();
    let span = s.block.span();
    let lines = block_lines(block, format);
    let top_min = format.page_top(banner, page.masthead);
    let last = block.column + block.span.max(1) - 1;
    if block.column == 0 || block.span == 0 || block.column > format.columns || (last > format.columns && !crossing_ok) || last > 2 * format.columns {
        diags.push(story.error(span.clone(), format!(
            "the block spans columns {}–{last}, but the {} grid has columns 1–{}",
            block.column, format.name, format.columns))
            .hint(if crossing_ok {
                format!("set column ≥ 1 and column + span - 1 ≤ {} (columns past {} continue on the facing page)", 2 * format.columns, format.columns)
            } else {
                "set column ≥ 1 and column + span - 1 ≤ the number of columns; only the centre spread's left page may carry a story across the gutter (跨版)".to_string()
            }));
    }
    if block.top < top_min {
        diags.push(story.error(span.clone(), format!(
            "the block starts at line {}, inside the page's banner or masthead (lines 0–{})", block.top, top_min - 1))
            .hint(format!("set top = {top_min} or more on a page with a banner or masthead")));
    }
    if lines == 0 || block.top + lines > format.lines {
        diags.push(story.error(span.clone(), format!(
            "the block covers lines {}–{}, but the {} grid has lines 0–{}",
            block.top, block.top + lines.max(1) - 1, format.name, format.lines - 1))
            .hint("make top + height at most the number of grid lines"));
    }
    if let Some(fit) = &s.fit {
        if !matches!(fit.get_ref().as_str(), "auto" | "off") {
            diags.push(story.error(fit.span(), format!("fit = \"{}\" is not a copyfit mode", fit.get_ref()))
                .hint("write fit = \"auto\" (or leave it out)"));
        }
    }
    if s.headline.trim().is_empty() {
        diags.push(story.error(0..0, "the headline is empty").hint("write the story's headline (主题)"));
    }
    if let Some(lead) = &s.lead {
        if let Some(ls) = &lead.span {
            if *ls.get_ref() == 0 || *ls.get_ref() > block.span {
                diags.push(story.error(ls.span(), format!("the lead box spans {} columns, the story only {}", ls.get_ref(), block.span))
                    .hint("give the lead box between 1 and the story's span columns"));
            }
        }
    }
    for photo in &s.photos {
        let (c, sp) = (*photo.column.get_ref(), *photo.span.get_ref());
        if c == 0 || sp == 0 || c + sp - 1 > block.span {
            diags.push(story.error(photo.column.span().start..photo.span.span().end, format!(
                "the photo spans story columns {}–{}, but the story has columns 1–{}", c, c + sp.max(1) - 1, block.span))
                .hint("photo columns count from the story's first column"));
        }
        match project.resolve_in(dir, photo.file.get_ref()) {
            Err(msg) => diags.push(story.error(photo.file.span(), msg).hint("keep photos inside the project, e.g. photos/name.jpg in the edition directory")),
            Ok(path) if !path.is_file() => diags.push(story.error(photo.file.span(), format!(
                "photo {} does not exist", photo.file.get_ref()))
                .hint("check the file name; photo paths are relative to the edition directory")),
            Ok(_) => {}
        }
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
                    diags.push(file.error(across.span(), format!("page {}: banner_across without a banner", page.number))
                        .hint("add banner = \"…\" to the page, or remove banner_across"));
                }
                let right = &file.value.pages[r];
                if right.banner.is_some() || right.masthead {
                    diags.push(file.error(across.span(), format!(
                        "page {}'s banner runs across the spread, but page {} has its own {}",
                        page.number, right.number, if right.masthead { "masthead" } else { "banner" }))
                        .hint(format!("remove the banner (or masthead) of page {}", right.number)));
                }
            }
            _ => diags.push(file.error(across.span(), format!("page {} is not the left page of the centre spread: its banner cannot run across", page.number))
                .hint("only the middle two pages of an edition (an even page, then the next odd one, in one format) print on one sheet; set banner_across there")),
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

fn validate_jumps(story: &Loaded<Story>, formats: &[&crate::grid::Format], pages: &[PageSpec], pi: usize, diags: &mut Vec<Diagnostic>) {
    let mut after = pi;
    for jump in &story.value.jumps {
        let j = jump.get_ref();
        let mut format = formats[pi];
        match pages.iter().position(|p| p.number == j.page) {
            Some(ji) if ji > after => {
                after = ji;
                // The copy is set once, at the story's column width: it can only continue on
                // a page with the same grid.
                if formats[ji].name != formats[pi].name {
                    diags.push(story.error(jump.span(), format!(
                        "the story jumps from a {} page to page {}, which is {}",
                        formats[pi].spec.label, j.page, formats[ji].spec.label))
                        .hint("continue the story on a page of the same format"));
                }
                format = formats[ji];
            }
            Some(_) => diags.push(story.error(jump.span(), format!("the story jumps to page {}, which does not come after the page it starts on", j.page))
                .hint("a story continues on a later page; list jumps in page order")),
            None => diags.push(story.error(jump.span(), format!("the story jumps to page {}, which the edition does not have", j.page))
                .hint("use a page number listed in edition.toml")),
        }
        let lines = block_lines(&Block { column: j.column, span: j.span, top: j.top, height: j.height, head: None }, format);
        if j.column == 0 || j.span == 0 || j.column + j.span - 1 > format.columns || lines < 3 || j.top + lines > format.lines {
            diags.push(story.error(jump.span(), format!(
                "the jump block (columns {}–{}, lines {}–{}) is not on the {} grid (columns 1–{}, lines 0–{}) or is under 3 lines",
                j.column, j.column + j.span.max(1) - 1, j.top, j.top + lines.max(1) - 1, format.name, format.columns, format.lines - 1))
                .hint("place the jump block inside the page's grid"));
        }
    }
}

fn check_overlaps(
    stories: &[Vec<Loaded<Story>>],
    pages: &[PageSpec],
    formats: &[&crate::grid::Format],
    centre: Option<(usize, usize)>,
    diags: &mut Vec<Diagnostic>,
) {
    // Every block on every page: (page index, columns, lines, story, span in its file).
    let mut rects: Vec<(usize, (u32, u32, u32, u32), &Loaded<Story>, Range<usize>)> = Vec::new();
    for (pi, page) in stories.iter().enumerate() {
        let format = formats[pi];
        for s in page {
            let b = s.value.block.get_ref();
            let (c0, c1) = (b.column, b.column + b.span);
            let (t, bot) = (b.top, b.top + block_lines(b, format));
            rects.push((pi, (c0, c1.min(format.columns + 1), t, bot), s, s.value.block.span()));
            if c1 > format.columns + 1 {
                if let Some((_, r)) = centre {
                    rects.push((r, (1, c1 - format.columns, t, bot), s, s.value.block.span()));
                }
            }
            for jump in &s.value.jumps {
                let j = jump.get_ref();
                if let Some(ji) = pages.iter().position(|p| p.number == j.page) {
                    let lines = block_lines(&Block { column: j.column, span: j.span, top: j.top, height: j.height, head: None }, formats[ji]);
                    rects.push((ji, (j.column, j.column + j.span, j.top, j.top + lines), s, jump.span()));
                }
            }
        }
    }
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[..i] {
            let (ra, rb) = (a.1, b.1);
            if a.0 == b.0 && ra.0 < rb.1 && rb.0 < ra.1 && ra.2 < rb.3 && rb.2 < ra.3 {
                diags.push(a.2.error(a.3.clone(), format!(
                    "this block overlaps the block of {} on page {}", b.2.display.display(), pages[a.0].number))
                    .hint("move or shrink one of the two blocks so they share no grid cell"));
            }
        }
    }
}
