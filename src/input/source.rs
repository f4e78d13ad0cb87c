//! Source text sanity: what a TOML parser accepts but a newspaper must not print.
//!
//! Takes the bytes of a content or configuration file folio reads and gives its text (UTF-8,
//! a byte-order mark removed), or located [`Diagnostic`]s for: text that is not UTF-8 (naming
//! the encoding it looks like — GBK/GB18030, Big5, UTF-16, UTF-32 — and how to save it as
//! UTF-8; lines ended by CR alone, a classic Mac OS file's, which TOML does not read);
//! control characters, bidirectional overrides and right-to-left script in any string value
//! (naming the key and `U+XXXX`); and it sharpens the TOML parser's own messages: a mistyped key
//! gets "did you mean `height`?", and full-width or curly punctuation typed with a Chinese input
//! method in TOML syntax (`＝`, `“…”`) is named as such. Key paths and their spans come from
//! toml_edit, so every error points at the key it concerns. [`parse_toml`] reads a TOML file
//! through all of this into a [`Loaded`] value that keeps its text for later stages to point into.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml_edit::{ImDocument, Item, Value};
use unicode_bidi::BidiClass;

use crate::diag::Diagnostic;
use crate::project::Project;

/// Decode a file's bytes as UTF-8 (an optional byte-order mark removed), or say what encoding
/// it seems to be in and how to convert it.
pub fn decode(bytes: Vec<u8>, display: &Path) -> Result<String, Diagnostic> {
    let name = display.display();
    // UTF-32 before UTF-16: its little-endian mark `FF FE 00 00` starts with UTF-16's `FF FE`
    // (session 40: a UTF-32 file was named UTF-16, and `iconv -f UTF-16` garbled it).
    // Without a mark: the zero bytes of the file's first 4 KiB by their place in four (text in
    // UTF-8, GBK or Big5 has none). UTF-32 has two of four zero (three for ASCII), UTF-16 one
    // of two for ASCII — a TOML file's keys, quotes and line ends — and hardly ever the other
    // (一, U+4E00, has a zero low byte). Until session 41 every one of the first 64 had to be
    // ASCII, and a UTF-16 story whose headline came first was named GBK.
    let head = &bytes[..bytes.len().min(4096)];
    let zeros = |k: usize| head.iter().skip(k).step_by(4).filter(|&&b| b == 0).count();
    let places = |k: usize| head.len().saturating_sub(k).div_ceil(4);
    let mostly = |k: usize| places(k) > 0 && zeros(k) * 20 >= places(k) * 19;
    let (even, odd) = (zeros(0) + zeros(2), zeros(1) + zeros(3));
    let utf = match bytes.get(..4) {
        Some([0xFF, 0xFE, 0, 0]) => Some(("UTF-32 (little-endian)", "UTF-32")),
        Some([0, 0, 0xFE, 0xFF]) => Some(("UTF-32 (big-endian)", "UTF-32")),
        _ => match bytes.get(..2) {
            Some([0xFF, 0xFE]) => Some(("UTF-16 (little-endian)", "UTF-16")),
            Some([0xFE, 0xFF]) => Some(("UTF-16 (big-endian)", "UTF-16")),
            // (iconv reads UTF-16 and UTF-32 without a mark as big-endian: the order named.)
            _ if head.len() >= 8 && mostly(0) && mostly(1) => Some(("UTF-32 (big-endian)", "UTF-32BE")),
            _ if head.len() >= 8 && mostly(2) && mostly(3) => Some(("UTF-32 (little-endian)", "UTF-32LE")),
            _ if head.len() >= 4 && even >= 4 * odd.max(1) => Some(("UTF-16 (big-endian)", "UTF-16BE")),
            _ if head.len() >= 4 && odd >= 4 * even.max(1) => Some(("UTF-16 (little-endian)", "UTF-16LE")),
            _ => None,
        },
    };
    if let Some((enc, iconv)) = utf {
        return Err(not_utf8(&name.to_string(), enc, iconv, display));
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        // Lines ended by a CR alone (a classic Mac OS file: no LF at all) are no lines to TOML,
        // whose own message names the first string or key they run into.
        Ok(text) => match text.find('\r').filter(|_| !text.contains('\n')) {
            Some(at) => Err(Diagnostic::error(crate::tr!("source-cr-line-ends"))
                .in_file(display, &text)
                .with_span(Some(at..at + 1))
                .hint(crate::tr!("source-cr-line-ends-hint", file = name.to_string()))),
            None => Ok(text),
        },
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let mut det = chardetng::EncodingDetector::new();
            det.feed(&bytes, true);
            // No top-level domain to lean on: with `cn`, Big5 was taken for GBK and the hint's
            // `iconv -f GB18030` garbled the file (session 40).
            // (Only Big5 is taken from the unbiased guess: for anything else `cn` stays the
            // better bet, as it was.)
            let guess = Some(det.guess(None, true)).filter(|g| *g == encoding_rs::BIG5).unwrap_or_else(|| det.guess(Some(b"cn"), true));
            let (label, iconv) = match guess.name() {
                "GBK" | "gb18030" | "GB18030" => ("GBK/GB18030 (Simplified Chinese Windows)", "GB18030"),
                "Big5" => ("Big5 (Traditional Chinese)", "BIG5"),
                "UTF-16LE" => ("UTF-16 (little-endian)", "UTF-16"),
                "UTF-16BE" => ("UTF-16 (big-endian)", "UTF-16"),
                "Shift_JIS" => ("Shift_JIS (Japanese)", "SHIFT_JIS"),
                "EUC-KR" => ("EUC-KR (Korean)", "EUC-KR"),
                other => (other, other),
            };
            let mut d = not_utf8(&name.to_string(), label, iconv, display);
            d.message = crate::tr!("source-not-utf8-line", line = line, encoding = label);
            Err(d)
        }
    }
}

fn not_utf8(name: &str, label: &str, iconv: &str, display: &Path) -> Diagnostic {
    Diagnostic::error(crate::tr!("source-not-utf8", encoding = label))
        .at_path(display)
        .hint(crate::tr!("source-not-utf8-hint", iconv = iconv, file = name))
}

/// Characters typed with a Chinese input method that TOML syntax does not accept, with what
/// to type instead (the middle one names it: a message ID of the catalogue).
const IME_PUNCTUATION: &[(char, &str, &str)] = &[
    ('＝', "ime-fullwidth-equals", "="),
    ('“', "ime-curly-open-quote", "\""),
    ('”', "ime-curly-close-quote", "\""),
    ('‘', "ime-curly-open-single", "'"),
    ('’', "ime-curly-close-single", "'"),
    ('［', "ime-fullwidth-bracket", "["),
    ('］', "ime-fullwidth-bracket", "]"),
    ('【', "ime-chinese-bracket", "["),
    ('】', "ime-chinese-bracket", "]"),
    ('｛', "ime-fullwidth-brace", "{"),
    ('｝', "ime-fullwidth-brace", "}"),
    ('，', "ime-fullwidth-comma", ","),
    ('：', "ime-fullwidth-colon", "="),
    ('＃', "ime-fullwidth-number-sign", "#"),
    ('\u{3000}', "ime-fullwidth-space", " "),
];

/// A hint for a TOML syntax error caused by input-method punctuation on the error's line
/// outside a string, if that is what happened.
pub fn ime_hint(source: &str, span: Option<Range<usize>>) -> Option<String> {
    let start = span?.start.min(source.len());
    let line_start = source[..floor(source, start)].rfind('\n').map_or(0, |i| i + 1);
    let line = source[line_start..].lines().next().unwrap_or("");
    // A line inside a multi-line string (a body's copy, """…""") is copy, not syntax: a bad
    // escape there was hinted at as the copy's full-width colon until session 40.
    let before = &source[..line_start];
    if before.matches("\"\"\"").count() % 2 == 1 || before.matches("'''").count() % 2 == 1 {
        return None;
    }
    // Only characters outside a straight-quoted string are syntax (a `\"` inside a basic
    // string does not end it).
    let mut in_str: Option<char> = None;
    let mut escaped = false;
    for c in line.chars() {
        match in_str {
            Some('"') if std::mem::take(&mut escaped) => {}
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => in_str = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => in_str = Some(c),
            None if c == '#' => break,
            None => {
                if let Some((_, what, ascii)) = IME_PUNCTUATION.iter().find(|(p, ..)| *p == c) {
                    return Some(crate::tr!("source-ime-hint", char = c, code = format!("{:04X}", c as u32), what = crate::i18n::message(what, &[]), ascii = *ascii));
                }
            }
        }
    }
    None
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "did you mean `height`?" for serde's `unknown field `heigth`, expected one of …` message.
pub fn typo_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let best = expected
        .iter()
        .map(|k| (strsim::damerau_levenshtein(unknown, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()?;
    Some(crate::tr!("source-did-you-mean", key = best.1))
}

/// Where a key's value sits in a TOML text, by its path (`["block", "top"]`,
/// `["photos", "1", "row"]` for the second `[[photos]]`); the table's own span for a table.
pub fn value_span(source: &str, path: &[&str]) -> Option<Range<usize>> {
    let doc = ImDocument::parse(source).ok()?;
    let mut table: &toml_edit::Table = doc.as_table();
    let mut span = None;
    let mut keys = path.iter().peekable();
    while let Some(key) = keys.next() {
        let (k, item) = table.get_key_value(key)?;
        match item {
            Item::Table(t) => {
                span = t.span().or_else(|| k.span());
                table = t;
            }
            Item::ArrayOfTables(a) => {
                let i: usize = keys.next()?.parse().ok()?;
                let t = a.get(i)?;
                span = t.span().or_else(|| k.span());
                table = t;
            }
            Item::Value(Value::Array(a)) => {
                return match keys.next() {
                    Some(i) => a.get(i.parse().ok()?)?.span(),
                    None => item.span(),
                };
            }
            Item::Value(Value::InlineTable(t)) => {
                return match keys.next() {
                    Some(k2) => t.get(k2)?.span(),
                    None => item.span(),
                };
            }
            Item::Value(v) => return if keys.peek().is_none() { v.span() } else { None },
            Item::None => return None,
        }
    }
    span
}

/// A string value that cannot print as written, with its key path.
#[derive(Debug, Clone)]
pub struct BadChar {
    /// The key path, e.g. `sections[2].body`.
    pub key: String,
    /// The character.
    pub ch: char,
    /// What kind of character it is: a message ID of the catalogue (`char-control`, …).
    pub what: &'static str,
    /// Its byte range in the source (the character itself when written literally, else the
    /// whole string).
    pub span: Range<usize>,
}

/// What is wrong with `c` in printed copy, if anything. Newlines (and carriage returns of
/// CRLF files) are line ends; a tab is allowed only where a line's leading or trailing white
/// space is trimmed, which the caller decides.
fn classify(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\r' | '\t' => None,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Some("char-bidi-override"),
        '\u{200E}' | '\u{200F}' | '\u{061C}' => Some("char-direction-mark"),
        c if c.is_control() => Some("char-control"),
        '\u{00AD}' => Some("char-soft-hyphen"),
        c if invisible(c) => Some("char-invisible"),
        '\u{FFFE}' | '\u{FFFF}' => Some("char-noncharacter"),
        c => match unicode_bidi::bidi_class(c) {
            BidiClass::R | BidiClass::AL => Some("char-rtl"),
            _ => None,
        },
    }
}

/// Whether `c` is an invisible character (Unicode's Default_Ignorable_Code_Point) that copy
/// has no use for: a Hangul filler, a Mongolian variation selector, an invisible operator.
/// Pasted from the web or another system, such a character may print as nothing or as a
/// mark, and a proof-reader cannot see it. Not the ones copy uses: the zero-width space and
/// word joiner (where a line may and may not break), ZWNJ and ZWJ and the variation selectors
/// (an emoji's or an ideograph's form), the tags of a flag, the combining grapheme joiner, and
/// U+FEFF (a byte-order mark pasted inside text, harmless).
pub fn invisible(c: char) -> bool {
    const IGNORABLE: icu_properties::CodePointSetDataBorrowed<'static> = icu_properties::CodePointSetData::new::<icu_properties::props::DefaultIgnorableCodePoint>();
    IGNORABLE.contains(c)
        && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{034F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0020}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Whether `c` is a combining mark (Unicode's nonspacing or enclosing marks: an accent
/// written after its letter), not a variation selector or the combining grapheme joiner.
fn combining(c: char) -> bool {
    use icu_properties::props::GeneralCategory;
    const CATEGORY: icu_properties::CodePointMapDataBorrowed<'static, GeneralCategory> = icu_properties::CodePointMapData::<GeneralCategory>::new();
    matches!(CATEGORY.get(c), GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark) && !invisible_ok(c)
}

/// Marks copy uses that are no accents: variation selectors and the combining grapheme joiner.
fn invisible_ok(c: char) -> bool {
    matches!(c, '\u{034F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Every string value in a TOML text that holds a character folio must not print.
pub fn bad_chars(source: &str) -> Vec<BadChar> {
    let Ok(doc) = ImDocument::parse(source) else { return vec![] };
    let mut out = Vec::new();
    walk_table(doc.as_table(), "", source, &mut out);
    out
}

fn walk_table(t: &toml_edit::Table, prefix: &str, source: &str, out: &mut Vec<BadChar>) {
    for (k, item) in t.iter() {
        let key = if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") };
        walk_item(item, &key, source, out);
    }
}

fn walk_item(item: &Item, key: &str, source: &str, out: &mut Vec<BadChar>) {
    match item {
        Item::Table(t) => walk_table(t, key, source, out),
        Item::ArrayOfTables(a) => {
            for (i, t) in a.iter().enumerate() {
                walk_table(t, &format!("{key}[{}]", i + 1), source, out);
            }
        }
        Item::Value(v) => walk_value(v, key, source, out),
        Item::None => {}
    }
}

fn walk_value(v: &Value, key: &str, source: &str, out: &mut Vec<BadChar>) {
    match v {
        Value::String(s) => {
            let span = v.span().unwrap_or(0..0);
            for line in s.value().split('\n') {
                let trimmed = line.trim_matches(|c: char| c.is_whitespace());
                let mut after_mark = false;
                for c in trimmed.chars() {
                    // A combining mark on another: they print one over the other (session 42: a
                    // headline of 禁毒 with three acute accents on a character, an overprint
                    // found on the page, at the page's story list).
                    let mark = combining(c);
                    let stacked = mark && std::mem::replace(&mut after_mark, mark);
                    after_mark = mark;
                    let what = if c == '\t' { Some("char-tab") } else if stacked { Some("char-stacked-marks") } else { classify(c) };
                    if let Some(what) = what {
                        let raw = source.get(span.clone()).unwrap_or("");
                        let at = raw.find(c).map_or(span.clone(), |i| span.start + i..span.start + i + c.len_utf8());
                        out.push(BadChar { key: key.to_string(), ch: c, what, span: at });
                        return;
                    }
                }
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                walk_value(v, &format!("{key}[{}]", i + 1), source, out);
            }
        }
        Value::InlineTable(t) => {
            for (k, v) in t.iter() {
                walk_value(v, &format!("{key}.{k}"), source, out);
            }
        }
        _ => {}
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

    /// A warning at `span` of this file.
    pub fn warning(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(message).in_file(&self.display, &self.source).with_span(Some(span))
    }

    /// Where the value of the key at `path` is (e.g. `["block", "top"]`, `["photos", "0",
    /// "row"]`), or `fallback` when the key is not written in the file.
    pub fn key_span(&self, path: &[&str], fallback: Range<usize>) -> Range<usize> {
        value_span(&self.source, path).unwrap_or(fallback)
    }
}

/// Parse a TOML file strictly, turning serde's error into a located diagnostic.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    project: &Project,
    path: &Path,
    expected: &'static str,
) -> Result<Loaded<T>, Diagnostic> {
    // `expected` is a message ID (`expected-story`): its text is made only for an error, so a
    // clean load never parses the message catalogue.
    let expected_text = || crate::i18n::message(expected, &[]);
    let display = project.display(path);
    let bytes = crate::project::read_regular(path, crate::project::limits::TOML).map_err(|e| match e {
        crate::project::ReadError::Io(e) => Diagnostic::error(crate::tr!("source-cannot-read", file = display.display(), error = e.to_string()))
            .at_path(&display)
            .hint(crate::tr!("source-expected-here", expected = expected_text())),
        e => e.diagnostic(&display),
    })?;
    let source = decode(bytes, &display)?;
    parse_text(display, path, source, expected)
}

/// [`parse_toml`] of a file's text, once read and decoded: the same parse and the same checks
/// of its string values. `folio import` checks the story files it is about to write with it
/// (session 40: it wrote stories the build then refused).
pub fn parse_text<T: serde::de::DeserializeOwned>(display: PathBuf, path: &Path, source: String, expected: &'static str) -> Result<Loaded<T>, Diagnostic> {
    let expected_text = || crate::i18n::message(expected, &[]);
    match toml::from_str::<T>(&source) {
        Ok(value) => {
            if let Some(bad) = bad_chars(&source).into_iter().next() {
                return Err(bad_char_error(&display, &source, &bad));
            }
            Ok(Loaded { value, display, path: path.to_path_buf(), source })
        }
        Err(err) => {
            let message = err.message().trim().to_string();
            // A table folio keeps the place of (`[block]`) written as dotted keys
            // (`block.column = 1`): the reader's message was about a "borrowed string"
            // (session 41).
            if message.contains("expected a borrowed string") {
                if let Some(span) = err.span() {
                    let line_start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
                    let table = source[line_start..span.start].trim().trim_end_matches('.').rsplit('.').next().unwrap_or("").trim().to_string();
                    if !table.is_empty() {
                        return Err(Diagnostic::error(crate::tr!("toml-dotted-table", table = table.as_str()))
                            .in_file(&display, &source)
                            .with_span(Some(line_start..span.end))
                            .hint(crate::tr!("toml-dotted-table-hint", table = table.as_str())));
                    }
                }
            }
            let typo = typo_hint(&message);
            let hint = ime_hint(&source, err.span())
                .or_else(|| typo.clone())
                .unwrap_or_else(|| toml_hint(&message, &expected_text()));
            let mut d = Diagnostic::error(serde_message(&message)).in_file(&display, &source).with_span(err.span()).hint(hint.clone());
            if typo.as_ref() == Some(&hint) {
                d = d.hint(toml_hint("unknown field", &expected_text()));
            }
            Err(d)
        }
    }
}

fn bad_char_error(display: &Path, source: &str, bad: &BadChar) -> Diagnostic {
    let code = format!("U+{:04X}", bad.ch as u32);
    let fix = match bad.what {
        "char-rtl" => crate::tr!("char-rtl-hint", key = bad.key),
        "char-bidi-override" | "char-direction-mark" => crate::tr!("char-bidi-hint", key = bad.key),
        _ => crate::tr!("char-delete-hint", key = bad.key),
    };
    Diagnostic::error(crate::tr!("char-bad", key = bad.key, code = code, what = crate::i18n::message(bad.what, &[])))
        .in_file(display, source)
        .with_span(Some(bad.span.clone()))
        .hint(fix)
}

fn toml_hint(message: &str, expected: &str) -> String {
    if message.starts_with("unknown field") {
        crate::tr!("toml-unknown-field-hint", expected = expected)
    } else if message.starts_with("missing field") {
        crate::tr!("toml-missing-field-hint", expected = expected)
    } else if message.starts_with("invalid type") || message.starts_with("expected a height") {
        crate::tr!("toml-invalid-type-hint")
    } else {
        crate::tr!("toml-syntax-hint", expected = expected)
    }
}

/// The TOML reader's message in this run's language: its two commonest ones (an unknown key,
/// a missing key) are rewritten from their parts; any other is kept as the reader wrote it
/// (in English).
fn serde_message(message: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return message.to_string();
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((key, rest)) = rest.split_once('`') {
            let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
            return crate::tr!("toml-unknown-field", key = key, expected = expected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join("、"));
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        if let Some((key, _)) = rest.split_once('`') {
            return crate::tr!("toml-missing-field", key = key);
        }
    }
    message.to_string()
}


#[cfg(test)]
mod tests {
    use super::ime_hint;

    #[test]
    fn the_input_method_hint_reads_only_syntax() {
        // A full-width equals sign typed for `=`: the hint names it.
        let s = "top ＝ 29\n";
        assert!(ime_hint(s, Some(4..5)).is_some_and(|h| h.contains("FF1D")));
        // A bad escape in a body's copy, whose line has a full-width colon: copy, no hint.
        let s = "body = \"\"\"\n记者：\\u{41}\n\"\"\"\n";
        let at = s.find("\\u").unwrap();
        assert_eq!(ime_hint(s, Some(at..at + 2)), None);
        // An escaped quote inside a basic string does not end it.
        let s = "caption = \"他说\\\"好：\\\"\" x\n";
        assert_eq!(ime_hint(s, Some(s.len() - 3..s.len() - 2)), None);
    }
}
