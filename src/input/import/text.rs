//! Plain-text and Markdown inputs: takes a file's bytes and gives its text in the detected
//! encoding (UTF-8 with or without BOM, UTF-32 or UTF-16 with BOM, else GB18030/GBK or Big5 as
//! chardetng tells them apart, when the bytes are valid there), then its non-blank lines with
//! indentation, blank-line and `#`-head marks; a line ends at LF, CRLF or CR alone (classic Mac
//! OS files: session 40).

use std::path::Path;

use encoding_rs::{BIG5, GB18030, UTF_16BE, UTF_16LE};

use super::{Encoding, Line, Mark};
use crate::diag::Diagnostic;

/// Decode `bytes`; an input that is none of the encodings is an error naming the line and
/// column of the first byte that cannot be read. UTF-32's byte-order marks are looked for
/// before UTF-16's (`FF FE 00 00` starts with UTF-16LE's `FF FE`: session 40, UTF-32 was read
/// as UTF-16 and wrote NULs). Text in neither UTF is GBK/GB18030 or Big5 as chardetng guesses
/// (Big5 was read as GBK until session 40, garbled); GB18030 when the guess is anything else
/// and the bytes are valid there.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Encoding), Diagnostic> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(path, rest).map(|t| (t, Encoding::Utf8Bom));
    }
    let bad_bom = |e: Encoding| {
        Diagnostic::error(crate::tr!("import-bad-bom", file = path.display(), encoding = e.name()))
            .at_path(path)
            .hint(crate::tr!("import-bad-bom-hint"))
    };
    for (bom, e) in [(b"\xFF\xFE\x00\x00", Encoding::Utf32Le), (b"\x00\x00\xFE\xFF", Encoding::Utf32Be)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return utf32(rest, e == Encoding::Utf32Be).map(|t| (t, e)).ok_or_else(|| bad_bom(e));
        }
    }
    for (bom, enc, e) in [(b"\xFF\xFE", UTF_16LE, Encoding::Utf16Le), (b"\xFE\xFF", UTF_16BE, Encoding::Utf16Be)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, bad) = enc.decode_without_bom_handling(rest);
            if bad {
                return Err(bad_bom(e));
            }
            return Ok((text.into_owned(), e));
        }
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok((t.to_string(), Encoding::Utf8));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    if detector.guess(None, false) == BIG5
        && let Some(t) = BIG5.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok((t.into_owned(), Encoding::Big5));
    }
    if let Some(t) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok((t.into_owned(), Encoding::Gb18030));
    }
    utf8(path, bytes).map(|t| (t, Encoding::Utf8))
}

/// `bytes` as UTF-32 (big-endian when `be`), or `None` when they are not: a length that is not
/// a multiple of four, or a value that is no character (a surrogate, above U+10FFFF).
fn utf32(bytes: &[u8], be: bool) -> Option<String> {
    if bytes.len() % 4 != 0 {
        return None;
    }
    bytes
        .chunks_exact(4)
        .map(|c| {
            let b = [c[0], c[1], c[2], c[3]];
            char::from_u32(if be { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
        })
        .collect()
}

/// `bytes` as UTF-8, or an error at the first invalid byte.
fn utf8(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    std::str::from_utf8(bytes).map(str::to_string).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = String::from_utf8_lossy(&good[good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)..]).chars().count() + 1;
        Diagnostic::error(crate::tr!("import-bad-encoding", file = path.display(), line = line, col = col))
            .at_path(path)
            .hint(crate::tr!("import-bad-encoding-hint"))
    })
}

/// Characters counted as indentation or trailing space.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}'
}

/// The non-blank lines of `text`; in Markdown, `#` … `######` heads become [`Mark::Title`]
/// (one `#`) and [`Mark::Heading`] (two or more), `>` quote lines are [`Line::boxed`], `---`
/// lines separate stories, and `**` / `__` emphasis markers around a whole line are dropped.
pub fn lines(text: &str, markdown: bool) -> Vec<Line> {
    lines_and_images(text, markdown).0
}

/// [`lines`], and, in Markdown, the images left out: a line of nothing but images
/// (`![图](photo.jpg)`) is no copy (the photos come with `--photo`; nothing is read from their
/// paths). A table's rows become lines of their cells parted by full-width spaces
/// ([`Line::table`], its delimiter row dropped).
pub fn lines_and_images(text: &str, markdown: bool) -> (Vec<Line>, Vec<(usize, String)>) {
    let mut out: Vec<Line> = Vec::new();
    let mut images = Vec::new();
    let mut in_table = false;
    let mut after_blank = true;
    let mut after_break = false;
    // CR alone ends a line too (a classic Mac OS file: session 40, it was one line, "no
    // headline found").
    let text: std::borrow::Cow<str> = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n").into() } else { text.into() };
    for (i, line) in text.lines().enumerate() {
        let raw = line.trim_end_matches(is_space);
        let trimmed = raw.trim_start_matches(is_space);
        if trimmed.is_empty() {
            after_break |= line.contains('\u{c}');
            after_blank = true;
            in_table = false;
            continue;
        }
        if markdown && is_table_delimiter(trimmed) && out.last().is_some_and(|l: &Line| l.no == i && table_cells(&l.text).is_some()) {
            // The row above was the table's header.
            let head = out.last_mut().expect("a header row");
            head.text = table_cells(&head.text).unwrap_or_default();
            head.table = true;
            head.after_blank = true;
            in_table = true;
            continue;
        }
        if markdown && in_table && let Some(cells) = table_cells(trimmed) {
            out.push(Line {
                no: i + 1,
                text: cells,
                indented: false,
                after_blank: true,
                blank_before: after_blank,
                mark: Mark::None,
                size: None,
                after_break,
                boxed: false,
                table: true,
            });
            after_blank = false;
            after_break = false;
            continue;
        }
        in_table = false;
        if markdown && only_images(trimmed) {
            images.push((i + 1, trimmed.to_string()));
            continue;
        }
        if is_separator(trimmed) {
            after_break = true;
            after_blank = true;
            continue;
        }
        let mut mark = Mark::None;
        let mut body = trimmed;
        let mut boxed = false;
        if markdown && let Some(q) = body.strip_prefix('>') {
            // A block quote: the lines of a box (a 编者按 of several paragraphs); a lone `>`
            // is a blank line inside it.
            body = q.trim_start_matches(is_space);
            boxed = true;
            if body.is_empty() {
                after_blank = true;
                continue;
            }
        }
        if markdown {
            let hashes = body.chars().take_while(|&c| c == '#').count();
            if (1..=6).contains(&hashes) && body[hashes..].starts_with([' ', '\u{3000}']) {
                mark = if hashes == 1 { Mark::Title } else { Mark::Heading(hashes as u8) };
                body = body[hashes..].trim_matches(is_space);
            }
            for m in ["**", "__"] {
                if body.len() > 2 * m.len() && body.starts_with(m) && body.ends_with(m) {
                    body = &body[m.len()..body.len() - m.len()];
                }
            }
        }
        out.push(Line {
            no: i + 1,
            text: body.to_string(),
            indented: trimmed.len() != raw.len(),
            after_blank,
            blank_before: after_blank,
            mark,
            size: None,
            after_break,
            boxed,
            table: false,
        });
        after_blank = false;
        after_break = false;
    }
    (out, images)
}

/// A Markdown table row's cells (`| 地区 | 案件 |`, outer pipes optional, `\|` a pipe in a cell)
/// parted by full-width spaces; `None` for a line with no `|` between cells.
fn table_cells(line: &str) -> Option<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').filter(|r| !r.ends_with('\\')).unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => cells.last_mut().expect("a cell").push(chars.next().expect("a pipe")),
            '|' => cells.push(String::new()),
            c => cells.last_mut().expect("a cell").push(c),
        }
    }
    (cells.len() > 1 || line.starts_with('|')).then(|| cells.iter().map(|c| c.trim_matches(is_space)).filter(|c| !c.is_empty()).collect::<Vec<_>>().join("\u{3000}"))
}

/// A Markdown table's delimiter row: `|---|:---:|`, cells of dashes with optional colons.
fn is_table_delimiter(line: &str) -> bool {
    let inner = line.trim_matches('|');
    inner.contains('-')
        && (line.contains('|'))
        && inner.split('|').all(|c| {
            let c = c.trim_matches(is_space);
            let c = c.strip_prefix(':').unwrap_or(c);
            let c = c.strip_suffix(':').unwrap_or(c);
            !c.is_empty() && c.chars().all(|ch| ch == '-')
        })
}

/// A line of nothing but Markdown images, `![alt](target)` (spaces between them allowed).
fn only_images(line: &str) -> bool {
    let mut rest = line.trim_matches(is_space);
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix("![") else { return false };
        let Some(close) = after.find("](") else { return false };
        let Some(end) = after[close + 2..].find(')') else { return false };
        rest = after[close + 2 + end + 1..].trim_start_matches(is_space);
    }
    true
}

/// A line that separates two stories: three or more of one of `-`, `=`, `*` and nothing else
/// (spaces allowed). (A line holding only a form feed does too.)
fn is_separator(line: &str) -> bool {
    let s: Vec<char> = line.chars().filter(|c| !is_space(*c)).collect();
    s.len() >= 3 && ['-', '=', '*'].iter().any(|m| s.iter().all(|c| c == m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        let p = Path::new("x.txt");
        let s = "聚星火促燎原（程军）\n";
        assert_eq!(decode(p, s.as_bytes()).unwrap(), (s.to_string(), Encoding::Utf8));
        let (gbk, _, _) = GB18030.encode(s);
        assert_eq!(decode(p, &gbk).unwrap(), (s.to_string(), Encoding::Gb18030));
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(p, &le).unwrap(), (s.to_string(), Encoding::Utf16Le));
        let mut be = vec![0xFE, 0xFF];
        be.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(p, &be).unwrap(), (s.to_string(), Encoding::Utf16Be));
        // UTF-32 with its byte-order mark, both orders (session 40: read as UTF-16, with NULs).
        let mut le = vec![0xFF, 0xFE, 0, 0];
        le.extend(s.chars().flat_map(|c| (c as u32).to_le_bytes()));
        assert_eq!(decode(p, &le).unwrap(), (s.to_string(), Encoding::Utf32Le));
        let mut be = vec![0, 0, 0xFE, 0xFF];
        be.extend(s.chars().flat_map(|c| (c as u32).to_be_bytes()));
        assert_eq!(decode(p, &be).unwrap(), (s.to_string(), Encoding::Utf32Be));
        assert!(decode(p, &le[..le.len() - 1]).unwrap_err().message.contains("UTF-32LE"));
        // Big5 (Traditional Chinese) is not read as GBK (session 40: it was, garbled).
        let big5 = "九江市公安局禁毒支隊開展專項行動，查獲毒品案件三起。\n";
        let (bytes, _, _) = BIG5.encode(big5);
        assert_eq!(decode(p, &bytes).unwrap(), (big5.to_string(), Encoding::Big5));
        let bad = decode(p, b"ok\n\xFF\xFF\xFF").unwrap_err();
        assert!(bad.message.contains("x.txt:2:1"), "{}", bad.message);
    }

    #[test]
    fn markdown_tables_and_images() {
        assert_eq!(table_cells("| 地区 | 案件 |").as_deref(), Some("地区\u{3000}案件"));
        assert_eq!(table_cells("地区 | 案件").as_deref(), Some("地区\u{3000}案件"));
        assert_eq!(table_cells(r"| a\|b | c |").as_deref(), Some("a|b\u{3000}c"));
        assert_eq!(table_cells("没有竖线的一行。"), None);
        for d in ["|---|---|", "|:---|---:|", "--- | ---", "| :-: |"] {
            assert!(is_table_delimiter(d), "{d}");
        }
        for not in ["---", "| a | b |", "|-a-|", "||"] {
            assert!(!is_table_delimiter(not), "{not}");
        }
        assert!(only_images("![图](a.jpg)") && only_images("![a](x) ![b](y)"));
        assert!(!only_images("见图![图](a.jpg)") && !only_images("![图] 说明") && !only_images("![图](a.jpg) 说明"));
        // A delimiter row with no row above it is no table; `---` alone still parts stories.
        let l = lines("正文。\n\n|---|---|\n| 1 | 2 |\n", true);
        assert!(l.iter().all(|l| !l.table), "{l:?}");
        // Plain text has no Markdown tables.
        assert!(lines("| a | b |\n|---|---|\n| 1 | 2 |\n", false).iter().all(|l| !l.table));
    }

    #[test]
    fn lines_keep_numbers_and_marks() {
        let l = lines("\n# 主题\n\n　　正文一\n---\n正文二\n\u{c}\n第二篇\n", true);
        assert_eq!(l.iter().map(|l| (l.no, l.text.as_str())).collect::<Vec<_>>(), [(2, "主题"), (4, "正文一"), (6, "正文二"), (8, "第二篇")]);
        assert!(l[3].after_break);
        assert_eq!(l[0].mark, Mark::Title);
        assert!(l[1].indented && l[1].after_blank && !l[1].after_break);
        assert!(l[2].after_break);
        // CR alone ends a line, as CRLF and LF do.
        let l = lines("主题\r\r正文一。\r正文二。\r\n\r\n第三段。\n", false);
        assert_eq!(l.iter().map(|l| (l.no, l.text.as_str())).collect::<Vec<_>>(), [(1, "主题"), (3, "正文一。"), (4, "正文二。"), (6, "第三段。")]);
    }
}
