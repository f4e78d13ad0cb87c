//! Punctuation: takes text and gives the half-width brackets set in Chinese text — "案(事)件",
//! where GB/T 15834 (标点符号用法) wants the full-width （事） — as byte ranges, for the preflight
//! finding (located in the story file) and for the house setting `[typography]
//! full_width_brackets` that converts them when the edition is loaded ([`crate::input::content`]).
//!
//! A pair `(` … `)` on one line, at most [`MAX_INSIDE`] characters apart and not nested, counts
//! when a Han character stands right before the `(`, right after the `)`, or inside. Brackets in
//! Latin text ("Typst (0.15)") and a lone bracket are left alone.
//!
//! Also the half-width marks `, : ; ? !` right after a Han character (or a full-width closing
//! bracket or title mark) — "获悉,今年", "怎么办?" (copy pasted from the web or typed with the
//! input method in half-width mode), where GB/T 15834 wants ，：；？！ — as byte ranges
//! ([`half_width_marks`]), for the preflight finding and the house setting `[typography]
//! full_width_marks` ([`full_width_marks`]). After a digit or a Latin letter they are left
//! alone: 9:30, 1,277, "Typst, folio".
//!
//! Also full-width Latin letters and digits — "２０２３年", "ＧＤＰ" (typed with the input method
//! in full-width mode), which GB/T 15835 (出版物上数字用法) and every house set half-width (the
//! house style sets digits two to an em): each run as a byte range ([`full_width_alnum`]), for
//! the preflight finding and the house setting `[typography] half_width_alnum`
//! ([`half_width_alnum`]); a full-width ．or ％ inside or after such a run goes with it (５．２％).
//!
//! Also the house setting `[typography] banner_comma_space`: a banner's commas set as spaces
//! ([`commas_as_spaces`]).
//!
//! Also HTML left in copy from a web page or a newsroom system — an entity (`&nbsp;`,
//! `&ldquo;`, `&#8220;`) or a tag (`<p>`, `<br/>`, `</strong>`), which folio sets literally as
//! it sets all copy ([`html_markup`], with the character an entity stands for:
//! [`html_entity`]).

use std::ops::Range;

/// Longest bracketed text (in characters) taken as one pair.
pub const MAX_INSIDE: usize = 40;

/// Whether `c` is a Han character (CJK unified ideographs and their extensions, compatibility
/// ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Whether `c` is a letter of the Latin alphabet, with its accents or without (Belém, Zürich,
/// São, Kraków, Nguyễn): an ASCII letter, or a letter of Latin-1 Supplement, Latin Extended-A
/// and -B or Latin Extended Additional (not × or ÷). Copy takes an accented letter as it takes
/// an ASCII one, part of a Latin word; taken for Chinese, it parted its word (Bel ém: a code's
/// pad before it, until session 40).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && c.is_alphabetic())
}

/// Whether `c` is a character of Latin text: printable ASCII (letters, digits, marks) or a
/// Latin letter with its accents ([`is_latin_letter`]).
pub fn is_latin(c: char) -> bool {
    c.is_ascii_graphic() || is_latin_letter(c)
}

/// The half-width bracket pairs of `text` that stand in Chinese text: the byte range of each
/// pair, from its `(` to its `)` inclusive.
pub fn half_width_pairs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1 != '(' {
            i += 1;
            continue;
        }
        // The closing bracket on the same line, with no other `(` before it.
        let close = chars[i + 1..]
            .iter()
            .take(MAX_INSIDE + 1)
            .take_while(|(_, c)| *c != '\n' && *c != '(')
            .position(|(_, c)| *c == ')')
            .map(|k| i + 1 + k);
        let Some(j) = close else {
            i += 1;
            continue;
        };
        let before = i.checked_sub(1).map(|k| chars[k].1);
        let after = chars.get(j + 1).map(|c| c.1);
        let inside = chars[i + 1..j].iter().any(|(_, c)| is_han(*c));
        if before.is_some_and(is_han) || after.is_some_and(is_han) || inside {
            out.push(chars[i].0..chars[j].0 + 1);
        }
        i = j + 1;
    }
    out
}

/// `text` with the pairs [`half_width_pairs`] finds set full-width: `(` → `（`, `)` → `）`.
pub fn full_width(text: &str) -> String {
    replace_ranges(text, &half_width_pairs(text), |pair| format!("（{}）", &pair[1..pair.len() - 1]))
}

/// `text` with each of `ranges` (in order, not overlapping) replaced by `with` of its text.
fn replace_ranges(text: &str, ranges: &[Range<usize>], with: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 4 * ranges.len());
    let mut at = 0;
    for r in ranges {
        out.push_str(&text[at..r.start]);
        out.push_str(&with(&text[r.clone()]));
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The half-width marks GB/T 15834 sets full-width in Chinese text, each with its full-width
/// form.
pub const MARKS: [(char, char); 5] = [(',', '，'), (':', '：'), (';', '；'), ('?', '？'), ('!', '！')];

/// Characters after which a half-width mark stands in Chinese text: Han characters, and the
/// full-width closing brackets and title marks (the curly quotes serve Latin text too).
fn chinese_before(c: char) -> bool {
    is_han(c) || "）》」』】〕".contains(c)
}

/// The half-width marks `, : ; ? !` of `text` that stand in Chinese text (right after a Han
/// character or a full-width closing bracket): the byte range of each mark.
pub fn half_width_marks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut before: Option<char> = None;
    for (i, c) in text.char_indices() {
        if MARKS.iter().any(|(h, _)| *h == c) && before.is_some_and(chinese_before) {
            out.push(i..i + 1);
        }
        before = Some(c);
    }
    out
}

/// `text` with the marks [`half_width_marks`] finds set full-width: 获悉,今年 → 获悉，今年.
pub fn full_width_marks(text: &str) -> String {
    replace_ranges(text, &half_width_marks(text), |m| full_mark(m).map_or_else(|| m.to_string(), String::from))
}

/// The full-width form of a half-width mark of [`MARKS`] (`,` → `，`).
pub fn full_mark(mark: &str) -> Option<char> {
    MARKS.iter().find(|(h, _)| mark.starts_with(*h)).map(|(_, f)| *f)
}

/// Whether `c` is a full-width Latin letter or digit (U+FF10–FF19, FF21–FF3A, FF41–FF5A).
fn full_width_letter_or_digit(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// The runs of full-width Latin letters and digits of `text` (２０２３, ＧＤＰ, ５．２％): the
/// byte range of each run, a full-width ．between two of its characters and a ％ after it
/// included.
pub fn full_width_alnum(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |(i, _)| *i);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !full_width_letter_or_digit(chars[k].1) {
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len()
            && (full_width_letter_or_digit(chars[k].1)
                || (chars[k].1 == '．' && chars.get(k + 1).is_some_and(|c| full_width_letter_or_digit(c.1)))
                || (chars[k].1 == '％' && k > start))
        {
            k += 1;
        }
        out.push(chars[start].0..end_of(k));
    }
    out
}

/// `text` with the runs [`full_width_alnum`] finds set half-width: ２０２３ → 2023, ５．２％ → 5.2%.
pub fn half_width_alnum(text: &str) -> String {
    replace_ranges(text, &full_width_alnum(text), half_width_form)
}

/// The half-width form of a run of full-width ASCII (each character U+FF01–FF5E less 0xFEE0).
pub fn half_width_form(run: &str) -> String {
    run.chars().map(|c| if ('\u{FF01}'..='\u{FF5E}').contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c }).collect()
}

/// `text` with each full-width comma `，` between two characters set as a full-width space, and
/// one at its end dropped: the house setting `[typography] banner_comma_space`, as a desk sets a
/// banner 健康人生　绿色无毒 (display type parts its phrases with space, not a comma).
pub fn commas_as_spaces(text: &str) -> String {
    let trimmed = text.trim_end();
    let body = trimmed.strip_suffix('，').unwrap_or(trimmed);
    body.chars().map(|c| if c == '，' { '\u{3000}' } else { c }).collect()
}

/// Tags of HTML that copy from a web page or a newsroom system brings with it.
const HTML_TAGS: &[&str] = &[
    "a", "b", "big", "blockquote", "br", "center", "div", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "section",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "tr", "u", "ul",
];

/// The HTML of `text`: each entity (`&nbsp;` — one HTML5 names —, `&#8220;`, `&#x201C;`) and
/// each tag of [`HTML_TAGS`] (`<p>`, `</p>`, `<br/>`, `<span style="…">`, on one line), as byte
/// ranges. `AT&T`, `R&D`, `a < b` and `<<` are not HTML.
pub fn html_markup(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let found = match bytes[i] {
            // (Looked for within an entity's length only: copy of ampersands is not read again
            // to its end from each.)
            b'&' => rest.bytes().skip(1).take(33).position(|b| b == b';').map(|k| k + 2).filter(|&n| html_entity(&rest[..n]).is_some()),
            b'<' => html_element(rest).or_else(|| html_tag(rest)),
            _ => None,
        };
        match found {
            Some(n) => {
                out.push(i..i + n);
                i += n;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// The length in bytes of a `<script>` or `<style>` element `text` starts with, its content
/// and closing tag included (to the end of `text` where it has none): code, never copy (session
/// 41: `<script>alert(1)</script>` in a Markdown file was imported as copy).
fn html_element(text: &str) -> Option<usize> {
    let head: Vec<u8> = text.bytes().take(8).map(|b| b.to_ascii_lowercase()).collect();
    let name = ["script", "style"].into_iter().find(|n| head[1..].starts_with(n.as_bytes()) && head.get(1 + n.len()).is_some_and(|b| matches!(b, b'>' | b' ' | b'/' | b'\t')))?;
    let close = format!("</{name}>");
    let lower = text.to_ascii_lowercase();
    Some(lower.find(&close).map_or(text.len(), |k| k + close.len()))
}

/// The length in bytes of the HTML tag `text` starts with, if it does.
fn html_tag(text: &str) -> Option<usize> {
    let end = text.bytes().skip(1).take(200).position(|b| matches!(b, b'>' | b'\n' | b'<')).map(|k| k + 1).filter(|&k| text.as_bytes()[k] == b'>')?;
    let name = tag_name(&text[..=end]);
    HTML_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)).then_some(end + 1)
}

/// The element's name of a tag `<…>`: `p` of `<p>`, `</p>`, `<p/>` and `<p class="a">`.
fn tag_name(tag: &str) -> &str {
    tag.trim_start_matches(['<', '/']).split(|c: char| c.is_whitespace() || c == '>' || c == '/').next().unwrap_or("")
}

/// Whether `markup` is a tag that parts paragraphs (`<p>`, `</div>`, `<br/>`, `<li>`, a heading's).
pub fn html_block_tag(markup: &str) -> bool {
    let name = tag_name(markup);
    ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "hr", "section", "table", "tr"].iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// The text an HTML entity (`&nbsp;`, `&#8220;`, `&#x201C;`) stands for, if it is one.
pub fn html_entity(entity: &str) -> Option<String> {
    let name = entity.strip_prefix('&')?.strip_suffix(';')?;
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).map(String::from);
    }
    quick_xml::escape::resolve_html5_entity(name).map(String::from)
}

/// `text` with its HTML ([`html_markup`]) taken out as `folio import` takes it: an entity
/// replaced by what it stands for (a no-break space by a space between Latin words or figures,
/// else by nothing: Chinese copy has none), a tag deleted; with each piece of HTML and what
/// replaced it.
pub fn without_html(text: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(text.len());
    let mut done = Vec::new();
    let mut at = 0;
    for r in html_markup(text) {
        out.push_str(&text[at..r.start]);
        let markup = &text[r.clone()];
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || is_latin_letter(c));
        let between_words = latin(out.chars().next_back()) && latin(text[r.end..].chars().next());
        let with = match html_entity(markup) {
            Some(t) if t.chars().all(char::is_whitespace) => if between_words { " ".to_string() } else { String::new() },
            Some(t) => t,
            None => String::new(),
        };
        out.push_str(&with);
        done.push((markup.to_string(), with));
        at = r.end;
    }
    out.push_str(&text[at..]);
    (out, done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_style_elements_are_html_with_their_content() {
        assert_eq!(without_html("第一段。<script>alert(1)</script>第二段。").0, "第一段。第二段。");
        assert_eq!(without_html("<STYLE type=\"text/css\">p { color: red }</STYLE>正文").0, "正文");
        assert_eq!(without_html("<scripture>不是脚本").0, "<scripture>不是脚本");
        assert_eq!(without_html("正文<style>").0, "正文");
    }

    #[test]
    fn html_in_copy_is_found_and_named() {
        let t = "据介绍&nbsp;，“好&rdquo;<p>今年</P><br/>共<span style=\"x\">5</span>人&#8220;&#x201D;";
        let got: Vec<&str> = html_markup(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["&nbsp;", "&rdquo;", "<p>", "</P>", "<br/>", "<span style=\"x\">", "</span>", "&#8220;", "&#x201D;"]);
        assert_eq!(html_entity("&nbsp;").as_deref(), Some("\u{a0}"));
        assert_eq!(html_entity("&ldquo;").as_deref(), Some("“"));
        assert_eq!(html_entity("&#12288;").as_deref(), Some("\u{3000}"));
        // Not HTML: an ampersand in a name, a comparison, a title's marks, an unknown tag.
        assert!(html_markup("AT&T与R&D部门；a < b，x<y>z；<<三国>>；&foo;；<中国>；P&G; ").is_empty());
        let (text, done) = without_html("<p>该公司&ldquo;智慧城市&rdquo;项目&nbsp;落地。</p>");
        assert_eq!(text, "该公司“智慧城市”项目落地。");
        assert_eq!(without_html("New&nbsp;York").0, "New York");
        assert!(html_block_tag("<p>") && html_block_tag("</P>") && html_block_tag("<br/>") && html_block_tag("<div class=\"a\">"));
        assert!(!html_block_tag("<span>") && !html_block_tag("</strong>"));
        assert_eq!(done.len(), 5);
        assert_eq!(done[1], ("&ldquo;".to_string(), "“".to_string()));
    }

    #[test]
    fn banner_commas_become_spaces() {
        assert_eq!(commas_as_spaces("健康人生，绿色无毒！·九江"), "健康人生\u{3000}绿色无毒！·九江");
        assert_eq!(commas_as_spaces("珍爱生命，远离毒品，"), "珍爱生命\u{3000}远离毒品");
        assert_eq!(commas_as_spaces("禁毒"), "禁毒");
    }

    #[test]
    fn half_width_marks_in_chinese_text_are_found_and_latin_ones_left() {
        let text = "记者获悉,今年怎么办?立即行动!时间:9:30,共1,277起;“警”色,Typst, folio: ok?《人民日报》,（注）:";
        // Each mark with the character before it.
        let found: Vec<String> = half_width_marks(text).into_iter().map(|r| format!("{}{}", text[..r.start].chars().last().unwrap(), &text[r])).collect();
        assert_eq!(found, ["悉,", "办?", "动!", "间:", "起;", "色,", "》,", "）:"]);
        assert_eq!(full_width_marks("获悉,今年怎么办?时间:9:30"), "获悉，今年怎么办？时间：9:30");
        assert_eq!(full_width_marks("Typst, folio"), "Typst, folio");
    }

    #[test]
    fn full_width_letters_and_digits_are_found_and_set_half_width() {
        let text = "２０２３年ＧＤＰ增长５．２％，第１，共３．";
        let found: Vec<&str> = full_width_alnum(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["２０２３", "ＧＤＰ", "５．２％", "１", "３"]);
        assert_eq!(half_width_alnum(text), "2023年GDP增长5.2%，第1，共3．");
        assert_eq!(half_width_alnum("全角，标点。“不变”"), "全角，标点。“不变”");
    }

    #[test]
    fn brackets_in_chinese_text_are_found_and_latin_ones_left() {
        let text = "破获毒品案(事)件12起，Typst (0.15) 与 folio(beta)。(注)\n(未完";
        let found: Vec<&str> = half_width_pairs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["(事)", "(注)"]);
        assert_eq!(full_width(text), "破获毒品案（事）件12起，Typst (0.15) 与 folio(beta)。（注）\n(未完");
        // Han before or after the pair is enough.
        assert_eq!(full_width("全市(2023)年"), "全市（2023）年");
        assert_eq!(full_width("(2023)年"), "（2023）年");
        assert_eq!(full_width("a (b) c"), "a (b) c");
        // Not across lines, not nested, not too far apart.
        assert_eq!(full_width("案(\n事)件"), "案(\n事)件");
        assert_eq!(full_width(&format!("案({})", "字".repeat(MAX_INSIDE + 1))), format!("案({})", "字".repeat(MAX_INSIDE + 1)));
    }
}
