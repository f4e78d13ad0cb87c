//! Typesetting read back from a PDF, not from folio's own model: every character's position as
//! Ghostscript's `txtwrite` device reads it (at 720 dpi, so to 0.1 pt), grouped into lines of
//! body text, each line into its column. Gives how far each line is spread (the gap between
//! neighbouring Han characters, in em), and finds widows (a paragraph's short last line alone at
//! the top of a column) and orphans (a paragraph's first line alone at a column's foot).

use std::path::Path;

/// A format's body size, line pitch and column width (layouts/formats.toml), pt.
pub struct Body {
    pub size: f64,
    pub pitch: f64,
    pub width: f64,
}
pub const BROADSHEET: Body = Body { size: 11.0, pitch: 16.5, width: 110.0 };
pub const TABLOID: Body = Body { size: 10.0, pitch: 15.0, width: 100.0 };

/// The widows and orphans of every column of a PDF's body text.
pub fn faults(pdf: &Path, b: &Body) -> Vec<Fault> {
    let pages = body_lines(pdf, b.size);
    pages.iter().flat_map(|lines| columns(lines, b.size).into_iter().flat_map(|c| widows_and_orphans(&c, b.size, b.pitch, b.width)).collect::<Vec<_>>()).collect()
}

/// One character as printed: its origin and advance (pt, from the page's top left, baseline y).
#[derive(Debug, Clone)]
pub struct Char {
    pub c: char,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    pub font: String,
}

/// One line of body text in one column.
#[derive(Debug, Clone)]
pub struct Line {
    /// Page index.
    pub page: usize,
    pub chars: Vec<Char>,
}

/// Whether `c` is a Han character.
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c) || ('\u{20000}'..='\u{3134f}').contains(&c)
}

impl Line {
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.c).collect()
    }
    pub fn y(&self) -> f64 {
        self.chars[0].y
    }
    pub fn x0(&self) -> f64 {
        self.chars[0].x0
    }
    pub fn x1(&self) -> f64 {
        self.chars.last().unwrap().x1
    }
    /// Whether the line opens with a mark (“（《 …) that Typst may set half width there.
    pub fn opens(&self) -> bool {
        "“‘（《「『【〔".contains(self.chars[0].c)
    }
    pub fn size(&self) -> f64 {
        self.chars[0].size
    }
    /// How far the line is spread, in em: the median gap between neighbouring Han characters
    /// (justification spreads every such gap alike); 0 when it has no two Han side by side.
    pub fn spread(&self) -> f64 {
        let mut gaps: Vec<f64> = self
            .chars
            .windows(2)
            .filter(|w| is_han(w[0].c) && is_han(w[1].c))
            .map(|w| (w[1].x0 - w[0].x1) / w[0].size)
            .collect();
        if gaps.is_empty() {
            return 0.0;
        }
        gaps.sort_by(f64::total_cmp);
        gaps[gaps.len() / 2]
    }
}

/// Every character of every page of `pdf`, as Ghostscript's txtwrite reads them.
pub fn chars(pdf: &Path) -> Vec<Vec<Char>> {
    let out = super::gs(&["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-r720", "-sDEVICE=txtwrite", "-dTextFormat=0", "-sOutputFile=-", pdf.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out);
    let attr = |l: &str, name: &str| -> Option<String> {
        let i = l.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(l[i..i + l[i..].find('"')?].to_string())
    };
    let mut pages: Vec<Vec<Char>> = Vec::new();
    let (mut font, mut size) = (String::new(), 0.0);
    for l in text.lines() {
        let l = l.trim();
        if l.starts_with("<page") {
            pages.push(Vec::new());
        } else if l.starts_with("<span") {
            font = attr(l, "font").unwrap_or_default();
            size = attr(l, "size").and_then(|s| s.parse().ok()).unwrap_or(0.0);
        } else if l.starts_with("<char") {
            let (Some(b), Some(c)) = (attr(l, "bbox"), attr(l, "c")) else { continue };
            let b: Vec<f64> = b.split_whitespace().filter_map(|v| v.parse::<f64>().ok()).map(|v| v / 10.0).collect();
            let c = if let Some(hex) = c.strip_prefix("&#x").and_then(|s| s.strip_suffix(';')) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else {
                match c.as_str() {
                    "&amp;" => Some('&'),
                    "&lt;" => Some('<'),
                    "&gt;" => Some('>'),
                    "&quot;" => Some('"'),
                    "&apos;" => Some('\''),
                    s => s.chars().next(),
                }
            };
            if let (Some(c), [x0, y, x1, ..], Some(page)) = (c, b.as_slice(), pages.last_mut()) {
                page.push(Char { c, x0: *x0, x1: *x1, y: *y, size, font: font.clone() });
            }
        }
    }
    pages
}

/// The body lines of `pdf`: characters in the regular serif face (Noto Serif CJK Regular) at
/// `body` pt, by baseline, split into columns where two characters are more than half an em
/// apart. Each page's lines sorted by column (left edge), then top to bottom.
pub fn body_lines(pdf: &Path, body: f64) -> Vec<Vec<Line>> {
    chars(pdf)
        .into_iter()
        .enumerate()
        .map(|(pi, cs)| {
            let mut cs: Vec<Char> = cs.into_iter().filter(|c| (c.size - body).abs() < 0.05 && c.font.contains("SerifCJK") && c.font.contains("Regular")).collect();
            cs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
            let mut lines: Vec<Line> = Vec::new();
            for c in cs {
                match lines.last_mut() {
                    Some(l) if (l.y() - c.y).abs() < 0.3 && c.x0 - l.x1() < 0.5 * body && c.x0 > l.chars.last().unwrap().x0 => l.chars.push(c),
                    _ => lines.push(Line { page: pi, chars: vec![c] }),
                }
            }
            lines.sort_by(|a, b| a.x0().total_cmp(&b.x0()).then(a.y().total_cmp(&b.y())));
            lines
        })
        .collect()
}

/// A page's columns of body lines: a column's left edge is a line start that no other line
/// starts 2 em (a paragraph's indent) to the left of; each line goes to the column whose left
/// edge it starts at or 2 em right of. Each column's lines top to bottom.
pub fn columns(lines: &[Line], body: f64) -> Vec<Vec<&Line>> {
    let near = |a: f64, b: f64| (a - b).abs() < 0.3;
    let mut lefts: Vec<f64> = Vec::new();
    for l in lines.iter().filter(|l| !l.opens()) {
        let x = l.x0();
        if !lines.iter().any(|m| near(m.x0(), x - 2.0 * body)) && !lefts.iter().any(|&a| near(a, x)) {
            lefts.push(x);
        }
    }
    lefts.sort_by(f64::total_cmp);
    let mut cols: Vec<Vec<&Line>> = vec![Vec::new(); lefts.len()];
    for l in lines {
        // A line opening with a mark Typst set half width starts half an em to the left.
        let at = |a: f64| near(l.x0(), a) || near(l.x0(), a + 2.0 * body) || (l.opens() && (near(l.x0(), a - 0.5 * body) || near(l.x0(), a + 1.5 * body)));
        if let Some(i) = lefts.iter().position(|&a| at(a)) {
            cols[i].push(l);
        }
    }
    for c in &mut cols {
        c.sort_by(|a, b| a.y().total_cmp(&b.y()));
    }
    cols.retain(|c| !c.is_empty());
    cols
}

/// What a 校对 marks in a column of body lines (`pitch`: the line pitch, `width`: the column's
/// width, both pt).
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// A paragraph's last line of a third of the column or less, at the top of a column (no
    /// body line a pitch above it).
    Widow { page: usize, text: String },
    /// A paragraph's (indented, full) first line alone at a column's foot (no body line a pitch
    /// below it).
    Orphan { page: usize, text: String },
}

/// The widows and orphans of one column.
pub fn widows_and_orphans(col: &[&Line], body: f64, pitch: f64, width: f64) -> Vec<Fault> {
    let Some(left) = col.iter().filter(|l| !l.opens()).map(|l| l.x0()).reduce(f64::min) else { return Vec::new() };
    let at = |y: f64| col.iter().any(|l| (l.y() - y).abs() < 0.3);
    let mut out = Vec::new();
    for l in col {
        let indented = (l.x0() - left - 2.0 * body).abs() < 0.3 || (l.opens() && (l.x0() - left - 1.5 * body).abs() < 0.3);
        let len = l.x1() - l.x0();
        if !indented && len <= width / 3.0 + 0.3 && !at(l.y() - pitch) {
            out.push(Fault::Widow { page: l.page, text: l.text() });
        }
        if indented && l.x1() >= left + width - 0.5 * body && !at(l.y() + pitch) {
            out.push(Fault::Orphan { page: l.page, text: l.text() });
        }
    }
    out
}

/// Han characters printed over one another: on each page, pairs whose glyph bodies (their
/// advance across, 0.8 em above the baseline to 0.1 em below) overlap by more than a point each
/// way, as "page N: 题 over 综". (Punctuation is left out: a mark set half width keeps its
/// full-width box in Ghostscript's reading.)
pub fn overprinted(pdf: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for (pi, page) in chars(pdf).into_iter().enumerate() {
        let mut cs: Vec<&Char> = page.iter().filter(|c| is_han(c.c) && c.size > 0.0).collect();
        cs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        for (i, a) in cs.iter().enumerate() {
            for b in cs[i + 1..].iter().take_while(|b| b.x0 < a.x1 - 1.0) {
                let x = a.x1.min(b.x1) - a.x0.max(b.x0);
                let y = (a.y + 0.1 * a.size).min(b.y + 0.1 * b.size) - (a.y - 0.8 * a.size).max(b.y - 0.8 * b.size);
                if x > 1.0 && y > 1.0 {
                    out.push(format!("page {}: {} over {}", pi + 1, a.c, b.c));
                }
            }
        }
    }
    out
}
