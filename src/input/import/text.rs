//! Plain-text and Markdown inputs: takes a file's bytes and gives its text in the detected
//! encoding (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030/GBK when the bytes are
//! valid GB18030), then its non-blank lines with indentation, blank-line and `#`-head marks.

use std::path::Path;

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use super::{Encoding, Line, Mark};
use crate::diag::Diagnostic;

/// Decode `bytes`; an input that is none of the encodings is an error naming the line and
/// column of the first byte that cannot be read.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Encoding), Diagnostic> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(path, rest).map(|t| (t, Encoding::Utf8Bom));
    }
    for (bom, enc, e) in [(b"\xFF\xFE", UTF_16LE, Encoding::Utf16Le), (b"\xFE\xFF", UTF_16BE, Encoding::Utf16Be)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, bad) = enc.decode_without_bom_handling(rest);
            if bad {
                return Err(Diagnostic::error(crate::tr!("import-bad-bom", file = path.display(), encoding = e.name()))
                    .at_path(path)
                    .hint(crate::tr!("import-bad-bom-hint")));
            }
            return Ok((text.into_owned(), e));
        }
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok((t.to_string(), Encoding::Utf8));
    }
    if let Some(t) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok((t.into_owned(), Encoding::Gb18030));
    }
    utf8(path, bytes).map(|t| (t, Encoding::Utf8))
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
    let mut out = Vec::new();
    let mut after_blank = true;
    let mut after_break = false;
    for (i, line) in text.lines().enumerate() {
        let raw = line.trim_end_matches(is_space);
        let trimmed = raw.trim_start_matches(is_space);
        if trimmed.is_empty() {
            after_break |= line.contains('\u{c}');
            after_blank = true;
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
        });
        after_blank = false;
        after_break = false;
    }
    out
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
        let bad = decode(p, b"ok\n\xFF\xFF\xFF").unwrap_err();
        assert!(bad.message.contains("x.txt:2:1"), "{}", bad.message);
    }

    #[test]
    fn lines_keep_numbers_and_marks() {
        let l = lines("\n# 主题\n\n　　正文一\n---\n正文二\n\u{c}\n第二篇\n", true);
        assert_eq!(l.iter().map(|l| (l.no, l.text.as_str())).collect::<Vec<_>>(), [(2, "主题"), (4, "正文一"), (6, "正文二"), (8, "第二篇")]);
        assert!(l[3].after_break);
        assert_eq!(l[0].mark, Mark::Title);
        assert!(l[1].indented && l[1].after_blank && !l[1].after_break);
        assert!(l[2].after_break);
    }
}
