//! Glyph coverage: characters that no font prints.
//!
//! Takes the laid-out pages of a compiled edition and gives every character Typst had to set
//! with a font's `.notdef` glyph (glyph id 0, the "tofu" box) because no font in the chain —
//! the family the template asks for, then every bundled font as fallback — covers it. Each
//! [`Missing`] character is traced back to the file it came from (the story whose block it sits
//! in, or `edition.toml` for the page furniture), the line there, and the paragraph around it,
//! so the copy desk can replace it or the fonts folder can gain a font that has it.

use std::ops::Range;
use std::path::PathBuf;

use typst::layout::{Frame, Point, Transform};

use crate::layout::compile::Compiled;
use crate::input::content::Edition;

/// One character set as a tofu box, with where it came from.
#[derive(Debug, Clone)]
pub struct Missing {
    /// The character.
    pub ch: char,
    /// Page index.
    pub page: usize,
    /// Story index on the page, when the character sits in a story's block.
    pub story: Option<usize>,
    /// Where the first box sits on the page, in pt from the trim's top-left corner: x, y
    /// (baseline), width, size.
    pub at: [f64; 4],
    /// How many times the character is set as a box in this story (or this page's furniture).
    pub count: usize,
    /// The file the character came from (as displayed).
    pub file: PathBuf,
    /// The file's text.
    pub source: String,
    /// Byte range of the first occurrence in the file, if it is written there literally or as a
    /// `\u` escape.
    pub span: Option<Range<usize>>,
    /// The paragraph (or one-line value) around the first occurrence, shortened.
    pub context: String,
}

/// `U+XXXX` notation.
pub fn codepoint(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Find every `.notdef` glyph of the edition's pages.
pub fn check(edition: &Edition, compiled: &Compiled) -> Vec<Missing> {
    let mut out: Vec<Missing> = Vec::new();
    for (pi, page) in compiled.document.pages().iter().enumerate() {
        let Some(fmt) = compiled.data.pages.get(pi).map(|p| &p.format) else { continue };
        let mut boxes = Vec::new();
        collect(&page.frame, Transform::identity(), &mut boxes);
        for (ch, at) in boxes {
            // An invisible format character of a missing cluster (the variation selector of ❤️,
            // a zero-width joiner) is not a character of its own to name: its base is named.
            if ch.is_whitespace() || ch.is_control() || invisible(ch) {
                continue;
            }
            // Which story block holds it (blocks are in type-area coordinates).
            let story = compiled.data.pages.get(pi).and_then(|p| {
                p.stories.iter().position(|s| {
                    let b = s.block;
                    let (x, y) = (at[0] - fmt.side_pt, at[1] - fmt.top_pt);
                    x >= b.x - 1.0 && x <= b.x + b.w + 1.0 && y >= b.y - at[3] && y <= b.y + b.h + at[3] && !s.in_cutout(x, y)
                })
            });
            if let Some(m) = out.iter_mut().find(|m| m.ch == ch && m.page == pi && m.story == story) {
                m.count += 1;
                continue;
            }
            let loaded = story.and_then(|si| edition.stories.get(pi).and_then(|p| p.get(si)));
            let (file, source) = match loaded {
                Some(s) => (s.display.clone(), s.source.clone()),
                None => (edition.file.display.clone(), edition.file.source.clone()),
            };
            let span = find(&source, ch);
            let context = span.as_ref().map(|r| paragraph(&source, r.start, ch)).unwrap_or_default();
            out.push(Missing { ch, page: pi, story, at, count: 1, file, source, span, context });
        }
    }
    out
}

/// A character that prints nothing of its own: a variation selector, a zero-width joiner or
/// non-joiner, a word joiner.
fn invisible(ch: char) -> bool {
    matches!(ch, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{200B}'..='\u{200D}' | '\u{2060}')
}

/// Every glyph with id 0 in a frame: its character and [x, baseline y, advance, size] in pt.
fn collect(frame: &Frame, ts: Transform, out: &mut Vec<(char, [f64; 4])>) {
    crate::layout::galley::for_each_text(frame, ts, &mut |origin, text| {
        let mut x = typst::layout::Abs::zero();
        for g in &text.glyphs {
            let advance = g.x_advance.at(text.size);
            if g.id == 0 {
                if let Some(ch) = text.text.get(g.range()).and_then(|s| s.chars().next()) {
                    let p = Point::new(origin.x + x, origin.y);
                    out.push((ch, [p.x.to_pt(), p.y.to_pt(), advance.to_pt(), text.size.to_pt()]));
                }
            }
            x += advance;
        }
    });
}

/// The first occurrence of `ch` in a TOML source: literal, or as a `\uXXXX` / `\UXXXXXXXX` escape.
fn find(source: &str, ch: char) -> Option<Range<usize>> {
    if let Some(i) = source.find(ch) {
        return Some(i..i + ch.len_utf8());
    }
    let lower = source.to_ascii_lowercase();
    for esc in [format!("\\u{:04x}", ch as u32), format!("\\u{:08x}", ch as u32)] {
        if let Some(i) = lower.find(&esc) {
            return Some(i..i + esc.len());
        }
    }
    None
}

/// The paragraph around byte `at` of a TOML source: the lines between blank lines (or the one
/// line of a `key = "…"` value), joined, and shortened to about 16 characters either side of `ch`.
fn paragraph(source: &str, at: usize, ch: char) -> String {
    let lines: Vec<(usize, &str)> = source
        .split_inclusive('\n')
        .scan(0, |off, l| {
            let start = *off;
            *off += l.len();
            Some((start, l))
        })
        .collect();
    let Some(li) = lines.iter().rposition(|(s, _)| *s <= at) else { return String::new() };
    let is_break = |l: &str| {
        let t = l.trim();
        t.is_empty() || t.contains("\"\"\"") || t.starts_with('[') || (t.contains(" = ") && !t.ends_with("\"\"\""))
    };
    let mut text = String::new();
    if is_break(lines[li].1) {
        text.push_str(lines[li].1.trim());
    } else {
        let mut a = li;
        while a > 0 && !is_break(lines[a - 1].1) {
            a -= 1;
        }
        let mut z = li;
        while z + 1 < lines.len() && !is_break(lines[z + 1].1) {
            z += 1;
        }
        for (_, l) in &lines[a..=z] {
            text.push_str(l.trim());
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let Some(i) = chars.iter().position(|&c| c == ch) else { return text };
    let (a, z) = (i.saturating_sub(16), (i + 17).min(chars.len()));
    let mut s: String = chars[a..z].iter().collect();
    if a > 0 {
        s.insert(0, '…');
    }
    if z < chars.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_literal_and_escaped_characters() {
        assert_eq!(find("a = \"x\u{17000}y\"", '\u{17000}'), Some(6..10));
        assert_eq!(find("a = \"x\\U00017000y\"", '\u{17000}'), Some(6..16));
        assert_eq!(find("a = \"xy\"", '\u{17000}'), None);
    }

    #[test]
    fn paragraph_is_the_text_between_blank_lines() {
        let src = "body = \"\"\"\n第一段。\n\n第二段有\n一个字𗀀在这里。\n\n第三段。\n\"\"\"\n";
        let at = src.find('𗀀').unwrap();
        assert_eq!(paragraph(src, at, '𗀀'), "第二段有一个字𗀀在这里。");
        let src = "headline = \"标题𗀀\"\n";
        assert_eq!(paragraph(src, src.find('𗀀').unwrap(), '𗀀'), "headline = \"标题𗀀\"");
    }
}
