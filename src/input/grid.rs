//! The page grid: formats, columns and the baseline grid.
//!
//! Takes `layouts/formats.toml` (the printing house's figures) and gives [`Format`]s whose
//! derived geometry — column width as a whole number of body characters, gutters, line pitch,
//! type area and margins — every later stage uses. All lengths here are in PostScript points.

use std::collections::BTreeMap;


use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::project::Project;

/// Points per millimetre.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// File in `layouts/` that defines the formats.
pub const FORMATS_FILE: &str = "formats.toml";

/// One page format, as written in `formats.toml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormatSpec {
    /// Chinese name, e.g. 对开.
    pub label: String,
    /// Trim width in mm.
    pub trim_width: f64,
    /// Trim height in mm.
    pub trim_height: f64,
    /// Bleed on every side in mm.
    pub bleed: f64,
    /// Distance from the trim's top edge to the type area in mm.
    pub top: f64,
    /// Number of columns.
    pub columns: u32,
    /// Body type size in pt.
    pub body_size: f64,
    /// Body characters per column line.
    pub column_chars: u32,
    /// Gutter width in body characters.
    pub gutter_chars: f64,
    /// Line pitch as a multiple of the body size.
    pub leading: f64,
    /// Grid lines in the type area.
    pub lines: u32,
    /// Grid lines a page banner takes.
    pub banner_lines: u32,
    /// Grid lines a front page's masthead takes.
    pub masthead_lines: u32,
    /// The headline sizes (主题字号), largest first: a story's head takes the first whose `span`
    /// its block reaches, or a size further down the list (a story as wide as the page's lead,
    /// its head a size smaller: head size falls with rank).
    #[serde(default = "default_heads")]
    pub heads: Vec<HeadSize>,
}

/// One headline size of a format's ladder.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadSize {
    /// Narrowest block (in columns) whose head takes this size.
    pub span: u32,
    /// Headline size in pt.
    pub size: f64,
    /// Typeface: `serif` (bold 宋, 标宋) or `sans` (bold 黑).
    pub face: Face,
    /// Fewest characters of copy a story placed by folio needs for a head this size (the
    /// page's lead excepted): a shorter story's head is set a size down the ladder however wide
    /// its block, as a 美编 sets a brief's head small. Without it: any story.
    #[serde(default)]
    pub min_chars: Option<u32>,
}

/// A headline's typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Face {
    /// Bold serif (宋, 标宋).
    Serif,
    /// Bold sans (黑体).
    Sans,
}

/// The ladder a `formats.toml` without `heads` gets: 初号 标宋 across six columns and more down
/// to a one-column 黑体 head.
fn default_heads() -> Vec<HeadSize> {
    [(6, 42.0, Face::Serif, 1200), (4, 30.0, Face::Serif, 700), (3, 22.0, Face::Sans, 400), (2, 18.0, Face::Sans, 200), (1, 15.0, Face::Sans, 0)]
        .into_iter()
        .map(|(span, size, face, chars)| HeadSize { span, size, face, min_chars: (chars > 0).then_some(chars) })
        .collect()
}

/// A format with its derived geometry.
#[derive(Debug, Clone, Serialize)]
pub struct Format {
    /// Key in `formats.toml`, e.g. `broadsheet`.
    pub name: String,
    /// The settings as written.
    #[serde(flatten)]
    pub spec: FormatSpec,
    /// Number of columns.
    pub columns: u32,
    /// Number of grid lines.
    pub lines: u32,
    /// Grid lines of a banner.
    pub banner_lines: u32,
    /// Grid lines of a masthead.
    pub masthead_lines: u32,
    /// Column width in pt.
    pub column_pt: f64,
    /// Gutter width in pt.
    pub gutter_pt: f64,
    /// Line pitch in pt.
    pub pitch_pt: f64,
    /// Type area width in pt.
    pub area_width_pt: f64,
    /// Type area height in pt (from the first line's top to the last line's bottom).
    pub area_height_pt: f64,
    /// Trim width in pt.
    pub trim_width_pt: f64,
    /// Trim height in pt.
    pub trim_height_pt: f64,
    /// Left/right margin (trim edge to type area) in pt.
    pub side_pt: f64,
    /// Top margin in pt.
    pub top_pt: f64,
    /// Bleed in pt.
    pub bleed_pt: f64,
}

impl Format {
    fn derive(name: &str, spec: FormatSpec) -> Result<Self, FormatError> {
        let err = |key: &'static str, message: String| FormatError { format: name.to_string(), key, message };
        // Every figure in a range a printing press can have; non-finite numbers never pass.
        let reals: [(&'static str, f64, f64, f64, &str); 7] = [
            ("trim_width", spec.trim_width, 50.0, 2000.0, "mm"),
            ("trim_height", spec.trim_height, 50.0, 2000.0, "mm"),
            ("bleed", spec.bleed, 0.0, 20.0, "mm"),
            ("top", spec.top, 0.0, spec.trim_height.clamp(0.0, 2000.0), "mm"),
            ("body_size", spec.body_size, 4.0, 72.0, "pt"),
            ("gutter_chars", spec.gutter_chars, 0.0, 10.0, "unit-body-chars"),
            ("leading", spec.leading, 1.0, 4.0, "unit-times-body"),
        ];
        for (key, v, lo, hi, unit) in reals {
            if !(v.is_finite() && (lo..=hi).contains(&v)) {
                let unit = if unit.starts_with("unit-") { crate::i18n::message(unit, &[]) } else { unit.to_string() };
                return Err(err(key, crate::tr!("format-real-range", key = key, value = v, lo = lo, hi = hi, unit = unit)));
            }
        }
        let ints: [(&'static str, u32, u32, u32); 3] =
            [("columns", spec.columns, 1, 24), ("column_chars", spec.column_chars, 1, 100), ("lines", spec.lines, 1, 1000)];
        for (key, v, lo, hi) in ints {
            if !(lo..=hi).contains(&v) {
                return Err(err(key, crate::tr!("format-int-range", key = key, value = v, lo = lo, hi = hi)));
            }
        }
        for (key, v) in [("banner_lines", spec.banner_lines), ("masthead_lines", spec.masthead_lines)] {
            if v >= spec.lines {
                return Err(err(key, crate::tr!("format-top-lines-range", key = key, value = v, max = spec.lines - 1, lines = spec.lines)));
            }
        }
        if spec.label.trim().is_empty() {
            return Err(err("label", crate::tr!("format-label-empty")));
        }
        // The head ladder: a size for every span, each larger than the next.
        let heads = &spec.heads;
        let ordered = heads.windows(2).all(|p| p[0].span > p[1].span && p[0].size > p[1].size && p[0].min_chars.unwrap_or(0) >= p[1].min_chars.unwrap_or(0));
        let sizes = heads.iter().all(|h| h.size.is_finite() && (6.0..=200.0).contains(&h.size) && h.span >= 1);
        if heads.is_empty() || heads.len() > 12 || !ordered || !sizes || heads.last().is_some_and(|h| h.span != 1) {
            return Err(err("heads", crate::tr!("format-heads")));
        }
        let column_pt = spec.column_chars as f64 * spec.body_size;
        let gutter_pt = spec.gutter_chars * spec.body_size;
        let pitch_pt = spec.body_size * spec.leading;
        let area_width_pt = spec.columns as f64 * column_pt + (spec.columns - 1) as f64 * gutter_pt;
        let area_height_pt = (spec.lines - 1) as f64 * pitch_pt + spec.body_size;
        let trim_width_pt = spec.trim_width * PT_PER_MM;
        let trim_height_pt = spec.trim_height * PT_PER_MM;
        let top_pt = spec.top * PT_PER_MM;
        if area_width_pt > trim_width_pt || top_pt + area_height_pt > trim_height_pt {
            let key = if area_width_pt > trim_width_pt { "columns" } else { "lines" };
            return Err(err(key, crate::tr!(
                "format-area-too-big",
                width = format!("{:.1}", area_width_pt / PT_PER_MM),
                height = format!("{:.1}", area_height_pt / PT_PER_MM),
                trim_width = spec.trim_width,
                trim_height = spec.trim_height
            )));
        }
        Ok(Self {
            name: name.to_string(),
            columns: spec.columns,
            lines: spec.lines,
            banner_lines: spec.banner_lines,
            masthead_lines: spec.masthead_lines,
            column_pt,
            gutter_pt,
            pitch_pt,
            area_width_pt,
            area_height_pt,
            trim_width_pt,
            trim_height_pt,
            side_pt: (trim_width_pt - area_width_pt) / 2.0,
            top_pt,
            bleed_pt: spec.bleed * PT_PER_MM,
            spec,
        })
    }

    /// The first grid line stories may use on a page with or without banner and masthead.
    pub fn page_top(&self, banner: bool, masthead: bool) -> u32 {
        if masthead {
            self.masthead_lines
        } else if banner {
            self.banner_lines
        } else {
            0
        }
    }

    /// The head size (index into [`FormatSpec::heads`]) of a block `span` columns wide.
    pub fn head_tier(&self, span: u32) -> usize {
        let heads = &self.spec.heads;
        heads.iter().position(|h| span >= h.span).unwrap_or(heads.len().saturating_sub(1))
    }

    /// The head size `tier` (an index into [`FormatSpec::heads`]; past the last, the last).
    pub fn head_size(&self, tier: usize) -> HeadSize {
        let heads = &self.spec.heads;
        heads.get(tier).or(heads.last()).copied().unwrap_or(HeadSize { span: 1, size: 15.0, face: Face::Sans, min_chars: None })
    }

    /// The largest head size (tier) a story of `chars` characters of copy may have: the first
    /// of the ladder whose `min_chars` it reaches.
    pub fn copy_tier(&self, chars: usize) -> usize {
        let heads = &self.spec.heads;
        heads.iter().position(|h| h.min_chars.is_none_or(|m| chars >= m as usize)).unwrap_or(heads.len().saturating_sub(1))
    }

    /// The tier of the ladder's size `size` in pt (a block's `head_size`), if it is one.
    pub fn tier_of_size(&self, size: f64) -> Option<usize> {
        self.spec.heads.iter().position(|h| (h.size - size).abs() < 0.01)
    }

    /// The head size tier of a block `span` columns wide that asks for `head_size` (pt): that
    /// size's where it is one of the ladder's, else the span's own.
    pub fn block_tier(&self, span: u32, head_size: Option<f64>) -> usize {
        head_size.and_then(|z| self.tier_of_size(z)).unwrap_or_else(|| self.head_tier(span))
    }

    /// The ladder's sizes, largest first, as an editor reads them: `42, 30, 22, 18, 15`.
    pub fn head_sizes_list(&self) -> String {
        self.spec.heads.iter().map(|h| format!("{}", h.size)).collect::<Vec<_>>().join(", ")
    }

    /// Line pitch in pt.
    pub fn pitch_pt(&self) -> f64 {
        self.pitch_pt
    }

    /// Left edge of column `c` (0-based) from the type area's left edge.
    pub fn column_x(&self, c: u32) -> f64 {
        c as f64 * (self.column_pt + self.gutter_pt)
    }

    /// Left edge of column `c` (0-based) on a centre spread: columns past the last one are the
    /// facing page's, one trim width to the right (跨版).
    pub fn col_x(&self, c: u32) -> f64 {
        if c < self.columns { self.column_x(c) } else { self.trim_width_pt + self.column_x(c - self.columns) }
    }

    /// Width from column `c0`'s left edge to the right edge of its `span`-th column, across the
    /// gutter of a centre spread if the block crosses it.
    pub fn cols_width(&self, c0: u32, span: u32) -> f64 {
        self.col_x(c0 + span.max(1) - 1) + self.column_pt - self.col_x(c0)
    }

    /// Width of `span` columns with the gutters between them.
    pub fn span_width(&self, span: u32) -> f64 {
        span as f64 * self.column_pt + span.saturating_sub(1) as f64 * self.gutter_pt
    }

    /// The columns of a block `span` grid columns wide set in `n` columns of its own (变栏):
    /// (each column's width, the gutter between two), pt. Each column is as many whole
    /// characters wide as `n` of them fit with at least the grid's gutter between (a line of
    /// Han fills it exactly, as a grid column's does); the white left over goes to the gutters,
    /// so the columns still fill the block edge to edge. `n` = `span` (or 0): the grid's own.
    pub fn text_columns(&self, span: u32, n: u32) -> (f64, f64) {
        let width = self.span_width(span);
        if n == 0 || n >= span {
            return (self.column_pt, self.gutter_pt);
        }
        let body = self.spec.body_size;
        let chars = ((width - f64::from(n - 1) * self.gutter_pt) / f64::from(n) / body + 1e-6).floor().max(1.0);
        let col = chars * body;
        let gap = if n > 1 { (width - f64::from(n) * col) / f64::from(n - 1) } else { 0.0 };
        (col, gap)
    }

    /// Width of `sp` columns (at least one) `width` wide with `gap` between two: a block's own
    /// columns ([`Format::text_columns`]).
    pub fn across(width: f64, gap: f64, sp: u32) -> f64 {
        f64::from(sp.max(1)) * width + f64::from(sp.max(1) - 1) * gap
    }

    /// Top of grid line `l` from the type area's top.
    pub fn line_y(&self, l: u32) -> f64 {
        l as f64 * self.pitch_pt
    }

    /// Whole grid lines needed for content `height` pt tall.
    pub fn lines_for(&self, height: f64) -> u32 {
        // The last line of a block needs no leading after it.
        let lead = self.pitch_pt - self.spec.body_size;
        (((height + lead) / self.pitch_pt) - 1e-6).ceil().max(0.0) as u32
    }
}

/// A figure of a format that no press can have, or a type area that does not fit the trim.
#[derive(Debug, Clone)]
pub struct FormatError {
    /// The format's table name, e.g. `broadsheet`.
    pub format: String,
    /// The key at fault.
    pub key: &'static str,
    /// What is wrong, with the valid range.
    pub message: String,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "format {}: {}", self.format, self.message)
    }
}

/// All formats of a project.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Formats(BTreeMap<String, Format>);

impl Formats {
    /// Read `layouts/formats.toml`.
    pub fn load(project: &Project) -> Result<Self, Diagnostic> {
        let path = project.layouts.join(FORMATS_FILE);
        let file = crate::input::source::parse_toml::<BTreeMap<String, FormatSpec>>(project, &path, "expected-formats")?;
        if file.value.is_empty() {
            return Err(file.error(0..0, crate::tr!("formats-none"))
                .hint(crate::tr!("formats-none-hint")));
        }
        Self::from_specs(file.value.clone()).map_err(|e| {
            let span = file.key_span(&[&e.format, e.key], file.key_span(&[&e.format], 0..0));
            file.error(span, crate::tr!("formats-error", format = e.format, message = e.message))
                .hint(crate::tr!("formats-error-hint", key = e.key, format = e.format))
        })
    }

    /// Build from parsed specs.
    pub fn from_specs(specs: BTreeMap<String, FormatSpec>) -> Result<Self, FormatError> {
        let mut out = BTreeMap::new();
        for (name, spec) in specs {
            let f = Format::derive(&name, spec)?;
            out.insert(name, f);
        }
        Ok(Self(out))
    }

    /// A format by name.
    pub fn get(&self, name: &str) -> Option<&Format> {
        self.0.get(name)
    }

    /// All names.
    pub fn names(&self) -> Vec<&str> {
        self.0.keys().map(String::as_str).collect()
    }
}

