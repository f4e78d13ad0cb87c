//! Hostile input: content sanity — duplicate pages, control characters, encodings, key typos, IME punctuation, right-to-left text, heads that do not fit.

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;

const WUNING: &str = "content/jiangxi-special/stories/wuning.toml";
const EDITION: &str = "content/jiangxi-special/edition.toml";


/// The edition's structure: page numbers, stories listed twice, empty pages.
#[test]
fn edition_structure() {
    run_table(vec![
        Case::new("duplicate page number", set(EDITION, "number = 5 ", "number = 4 "),
            &["page number 4 is used twice (the first and the second [[pages]] tables)", "edition.toml:", "give every page its own number"]),
        Case::new("one story on two pages", set(EDITION, "stories = [\"stories/xinyu.toml\"]", "stories = [\"stories/xinyu.toml\", \"stories/wuning.toml\"]"),
            &["story file stories/wuning.toml is listed twice (on page 4 and page 5)", "edition.toml:"]),
        Case::new("same story twice, spelled differently", set(EDITION, "stories = [\"stories/xinyu.toml\"]", "stories = [\"stories/xinyu.toml\", \"./stories/xinyu.toml\"]"),
            &["is listed twice (on page 4 and page 4)"]),
        Case::new("page with no stories", set(EDITION, "stories = [\"stories/xinyu.toml\"]", "stories = []"),
            &["page 4 has no stories", "blank = true"]),
        // (Session 42: pages PDF in list order, the spread two half-empty sheets, exit 0.)
        Case::new("pages listed out of order", set(EDITION, "number = 4 ", "number = 6 "),
            &["page 5 is listed after page 6: an edition lists its pages in the order they print", "edition.toml:", "move this [[pages]] table before page 6's"]),
    ]);
}

/// A page that says it is meant blank builds.
#[test]
fn a_page_meant_blank_builds() {
    let p = TestProject::sample();
    p.edit(EDITION, |t| t.replacen("stories = [\"stories/xinyu.toml\"]", "blank = true", 1));
    p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out"]).assert_code(0);
}

/// Characters that would print wrong or not at all, in any text field: each names the key and
/// the code point, at its line.
#[test]
fn characters_that_cannot_print() {
    run_table(vec![
        Case::new("bell in the headline", set(WUNING, "headline = \"", "headline = \"\\u0007"),
            &["`headline` holds U+0007, a control character", &line(WUNING, "headline = ")]),
        Case::new("escape in the body", set(WUNING, "今年以来", "今年\\u001B[31m以来"),
            &["`body` holds U+001B, a control character", "stories/wuning.toml:"]),
        Case::new("bidi override, written literally", set(WUNING, "attribution = \"叶祥森\"", "attribution = \"叶\u{202E}祥森\""),
            &["`attribution` holds U+202E, a bidirectional override", &line(WUNING, "attribution = ")]),
        Case::new("bidi isolate in a section", |p: &TestProject| p.edit(WUNING, |t| format!("{t}\n[[sections]]\nhead = \"禁毒\\u2067宣传\"\nbody = \"正文。\"\n")),
            &["`sections[1].head` holds U+2067, a bidirectional override"]),
        Case::new("right-to-left script", set(WUNING, "attribution = \"叶祥森\"", "attribution = \"مرحبا\""),
            &["`attribution` holds U+0645, right-to-left script, which folio does not set", "remove the right-to-left text from `attribution`"]),
        Case::new("control character in edition.toml", set(EDITION, "section = \"专版\"", "section = \"专\\u0000版\""),
            &["`pages[1].section` holds U+0000, a control character", "edition.toml:"]),
        Case::new("tab inside a headline", set(WUNING, "headline = \"", "headline = \"清\\t"),
            &["`headline` holds U+0009, a tab inside a line"]),
        // (Session 42: an overprint found on the page, at the page's story list.) One mark on
        // its letter (Be\u0301iji\u0304ng) is copy.
        Case::new("stacked combining marks in a headline", set(WUNING, "headline = \"", "headline = \"禁\\u0301\\u0301\\u0301"),
            &["`headline` holds U+0301, a combining mark on another combining mark", &line(WUNING, "headline = "), "delete it from `headline`"]),
        // Pasted from the web: the soft hyphen after a comma was taken as a break and the
        // build failed blaming the galley template (session 37); a Hangul filler was dropped.
        Case::new("soft hyphen in the body", set(WUNING, "今年以来", "今年，\\u00AD以来"),
            &["`body` holds U+00AD, a soft hyphen", "stories/wuning.toml:", "delete it from `body`"]),
        Case::new("Hangul filler in the body, written literally", set(WUNING, "今年以来", "今年\u{3164}以来"),
            &["`body` holds U+3164, an invisible character", &line(WUNING, "今年\u{3164}以来")]),
        // It printed as an empty black band (session 26).
        Case::new("empty section head", |p: &TestProject| p.edit(WUNING, |t| format!("{t}\n[[sections]]\nhead = \"  \"\nbody = \"正文。\"\n")),
            &["a section's head (小标题) is empty", &line(WUNING, "head = \"  \""), "write the section's head"]),
    ]);
}

/// Files that are not UTF-8: the message says what they look like and how to convert.
#[test]
fn encodings() {
    let gbk = |p: &TestProject| {
        let path = p.root().join(WUNING);
        let text = std::fs::read_to_string(&path).unwrap();
        let (bytes, _, bad) = encoding_rs::GBK.encode(&text);
        assert!(!bad);
        std::fs::write(&path, bytes).unwrap();
    };
    let utf16 = |p: &TestProject| {
        let path = p.root().join(WUNING);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        std::fs::write(&path, bytes).unwrap();
    };
    // Session 40: a Big5 story was named GBK, and its hint's `iconv -f GB18030` garbled it; a
    // UTF-32 one (its mark FF FE 00 00 starts as UTF-16LE's) was named UTF-16.
    let big5 = |p: &TestProject| {
        let text = "headline = \"禁毒專項行動\"\nbody = \"\"\"\n九江市公安局禁毒支隊開展專項行動，查獲毒品案件三起，抓獲犯罪嫌疑人五名。\n\"\"\"\n";
        let (bytes, _, bad) = encoding_rs::BIG5.encode(text);
        assert!(!bad);
        std::fs::write(p.root().join(WUNING), bytes).unwrap();
    };
    // Session 41: without a mark, a UTF-16 story whose first line held Chinese was named GBK
    // (every one of its first 64 bytes had to be ASCII to be told UTF-16), and UTF-32's too.
    let unmarked = |width: usize, be: bool| {
        move |p: &TestProject| {
            let path = p.root().join(WUNING);
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n");
            assert!(text.lines().next().is_some_and(|l| !l.is_ascii()), "Chinese on the first line: {text}");
            let bytes: Vec<u8> = if width == 2 {
                text.encode_utf16().flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
            } else {
                text.chars().flat_map(|c| if be { (c as u32).to_be_bytes() } else { (c as u32).to_le_bytes() }).collect()
            };
            std::fs::write(&path, bytes).unwrap();
        }
    };
    let utf32 = |be: bool| {
        move |p: &TestProject| {
            let path = p.root().join(WUNING);
            let text = std::fs::read_to_string(&path).unwrap();
            let word = |c: u32| if be { c.to_be_bytes() } else { c.to_le_bytes() };
            let bytes: Vec<u8> = std::iter::once(0xFEFF).chain(text.chars().map(|c| c as u32)).flat_map(word).collect();
            std::fs::write(&path, bytes).unwrap();
        }
    };
    // Session 40: lines ended by CR alone (classic Mac OS) got TOML's message about the first
    // string they ran into.
    let cr = |p: &TestProject| p.edit(WUNING, |t| t.replace('\n', "\r"));
    run_table(vec![
        Case::new("GBK story", gbk, &["stories/wuning.toml: the file is not UTF-8", "GBK/GB18030", "iconv -f GB18030 -t UTF-8"]),
        Case::new("UTF-16 story", utf16, &["stories/wuning.toml: the file is not UTF-8: it looks like UTF-16 (little-endian)", "save the file as UTF-8"]),
        Case::new("Big5 story", big5, &["stories/wuning.toml: the file is not UTF-8", "Big5 (Traditional Chinese)", "iconv -f BIG5 -t UTF-8"]),
        Case::new("UTF-32LE story", utf32(false), &["it looks like UTF-32 (little-endian)", "iconv -f UTF-32 -t UTF-8"]),
        Case::new("UTF-32BE story", utf32(true), &["it looks like UTF-32 (big-endian)", "iconv -f UTF-32 -t UTF-8"]),
        Case::new("UTF-16LE story without a mark", unmarked(2, false), &["stories/wuning.toml: the file is not UTF-8: it looks like UTF-16 (little-endian)", "iconv -f UTF-16LE -t UTF-8"]),
        Case::new("UTF-16BE story without a mark", unmarked(2, true), &["it looks like UTF-16 (big-endian)", "iconv -f UTF-16BE -t UTF-8"]),
        Case::new("UTF-32LE story without a mark", unmarked(4, false), &["it looks like UTF-32 (little-endian)", "iconv -f UTF-32LE -t UTF-8"]),
        Case::new("UTF-32BE story without a mark", unmarked(4, true), &["it looks like UTF-32 (big-endian)", "iconv -f UTF-32BE -t UTF-8"]),
        Case::new("CR-only story", cr, &["lines end in a carriage return alone", "stories/wuning.toml:1:", "tr '\\r' '\\n'"]),
    ]);
    // A UTF-8 byte-order mark (Windows Notepad) is fine.
    let p = TestProject::sample();
    let path = p.root().join(WUNING);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&path).unwrap());
    std::fs::write(&path, bytes).unwrap();
    p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out"]).assert_code(0);
}

/// Typing mistakes: a misspelt key, punctuation from a Chinese input method in TOML syntax.
#[test]
fn typing_mistakes() {
    run_table(vec![
        Case::new("heigth", set(WUNING, "height = 26", "heigth = 26"),
            &["unknown field `heigth`", "did you mean `height`?", &line(WUNING, "heigth = 26")]),
        Case::new("headlien", set(WUNING, "headline =", "headlien ="),
            &["did you mean `headline`?"]),
        Case::new("full-width equals", set(WUNING, "top = 29", "top ＝ 29"),
            &["`＝` (U+FF1D) is a full-width equals sign", &line(WUNING, "top ＝ 29")]),
        Case::new("curly quotes", set(WUNING, "attribution = \"叶祥森\"", "attribution = “叶祥森”"),
            &["`“` (U+201C) is a curly opening quote", &line(WUNING, "attribution = “")]),
        Case::new("full-width brackets", set(WUNING, "[block]", "［block］"),
            &["`［` (U+FF3B) is a full-width bracket", &line(WUNING, "［block］")]),
        // A Windows path: refused at its key with the path written with `/` (session 40).
        Case::new("backslash in a photo's path", set("content/jiangxi-special/stories/xinyu.toml", "file = \"photos/xunjing.jpg\"", "file = \"photos\\\\xunjing.jpg\""),
            &["has a `\\` in it", "file = \"photos/xunjing.jpg\"", &line("content/jiangxi-special/stories/xinyu.toml", "file = \"photos\\\\xunjing.jpg\"")]),
    ]);
}

/// A headline longer than `headline` × `n`.
fn long_headline(n: usize) -> String {
    format!("headline = \"{}\"", "严格场所管理".repeat(n))
}

fn replace_headline(p: &TestProject, with: &str) {
    p.edit(WUNING, |t| {
        t.lines().map(|l| if l.starts_with("headline =") { with.to_string() } else { l.to_string() }).collect::<Vec<_>>().join("\n") + "\n"
    });
}

/// A head that does not fit its area is its own finding, located at `head = N`; a head that
/// fills the whole block is named as such, and the copy it crowds out is not blamed.
#[test]
fn heads_that_do_not_fit() {
    run_table(vec![
        Case::new("head = 1 for a two-line head", set(WUNING, "height = 26", "height = 26\nhead = 1"),
            &["head on page 5: the headline needs 3 lines, its head area has 1 (block.head = 1)", &line(WUNING, "head = 1"), "give the head area 3 lines (head = 3)"]),
    ]);
    run_table(vec![
        Case::new("a vertical head longer than its block", |p: &TestProject| replace_headline(p, &format!("{}\nvertical = true", long_headline(8))),
            &["head on page 5: the headline needs", "set vertically it runs past the foot of its block (25 lines deep)", &line(WUNING, "vertical = true"), "leave out `vertical`"]),
    ]);
    let h = Hostile::new();
    replace_headline(&h.p, &long_headline(60));
    let run = h.build(&[]);
    h.assert_refused(&run, &["head on page 5: the headline needs", "leaving no line for copy", "stories/wuning.toml:"]);
    assert!(!run.stderr().contains("overset on page 5"), "the copy is blamed for the head:\n{}", run.stderr());
}

/// Even with `--allow-overset`, a head too deep for its block at the foot of the page prints
/// nothing below the type area: the page's bottom margin stays paper white.
#[test]
fn nothing_prints_outside_the_type_area_with_allow_overset() {
    let p = TestProject::sample();
    // 练溪 sits at the foot of page 5 (lines 62–83): give it a head that needs twice the block.
    let lianxi = "content/jiangxi-special/stories/lianxi.toml";
    p.edit(lianxi, |t| {
        t.lines()
            .filter(|l| !l.starts_with("head ="))
            .map(|l| if l.starts_with("headline =") { long_headline(60) } else { l.to_string() })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
    let run = p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out", "--allow-overset"]);
    run.assert_code(0);
    run.assert_stderr_has(&["warning: head on page 5", "(allowed by --allow-overset)"]);
    // Page 2 of the PDF (page 5) in gray at 20 dpi: below the type area (30 mm + 83 lines ×
    // 16.5 pt + 11 pt from the trim's top, 3 mm bleed) down to the trim, every pixel is white.
    let pdf = p.out().join(format!("{SAMPLE}.pdf"));
    let prefix = p.root().join("p");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-gray", "-r", "20", "-f", "2", "-l", "2"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(status.success());
    let png = std::fs::read_dir(p.root()).unwrap().flatten().map(|e| e.path()).find(|f| f.extension().is_some_and(|e| e == "png")).expect("page image");
    let img = image::open(&png).expect("png").to_luma8();
    let pt = |v: f64| (v * 20.0 / 72.0) as u32;
    let bleed = 3.0 * PT_PER_MM;
    let area_bottom = bleed + 30.0 * PT_PER_MM + 83.0 * 16.5 + 11.0;
    let trim_bottom = bleed + 545.0 * PT_PER_MM;
    let dark: Vec<(u32, u32)> = (pt(area_bottom + 4.0)..pt(trim_bottom) - 1)
        .flat_map(|y| (0..img.width()).map(move |x| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0[0] < 200)
        .collect();
    assert!(dark.is_empty(), "{} dark pixels below the type area, e.g. {:?}", dark.len(), &dark[..dark.len().min(5)]);
}

/// Sizes of copy: a story file that is really a whole book, a body of thousands of tiny
/// paragraphs, a display line of a page's length — refused before anything is set.
/// A refused book is not printed back: the message shows the body's first line cut at 2 000
/// bytes (until session 35 all 300 000 bytes of it went to stderr), still at the body's line.
#[test]
fn a_refused_book_is_not_printed_back() {
    let h = Hostile::new();
    h.p.edit(WUNING, |t| {
        let a = t.find("body = \"\"\"").unwrap();
        let z = a + 10 + t[a + 10..].find("\"\"\"").unwrap() + 3;
        format!("{}body = \"\"\"\n{}\n\"\"\"{}", &t[..a], "禁".repeat(100_001), &t[z..])
    });
    let run = h.build(&[]);
    let at = format!("stories/wuning.toml:{}:", line_of(&h.p, WUNING, "body = "));
    h.assert_refused(&run, &["the story holds 100001 characters of copy", &at]);
    assert!(run.stderr().len() < 5_000, "{} bytes of stderr", run.stderr().len());
}

#[test]
fn copy_sizes_are_bounded() {
    let body = |text: String| move |p: &TestProject| {
        let text = text.clone();
        p.edit(WUNING, move |t| {
            let a = t.find("body = \"\"\"").unwrap();
            let z = a + 10 + t[a + 10..].find("\"\"\"").unwrap() + 3;
            format!("{}body = \"\"\"\n{text}\n\"\"\"{}", &t[..a], &t[z..])
        })
    };
    run_table(vec![
        Case::new("a book in one story", body("禁".repeat(100_001)),
            &["the story holds 100001 characters of copy; folio sets at most 100000", "stories/wuning.toml:"]),
        Case::new("thousands of paragraphs", body("段。\n\n".repeat(2_001)),
            &["the story holds 2001 paragraphs; folio sets at most 2000"]),
        Case::new("a headline of 501 characters", |p: &TestProject| p.edit(WUNING, |t| {
            t.lines().map(|l| if l.starts_with("headline =") { format!("headline = \"{}\"", "长".repeat(501)) } else { l.to_string() }).collect::<Vec<_>>().join("\n")
        }), &["`headline` is 501 characters long; a display line holds at most 500", &line(WUNING, "headline = ")]),
        Case::new("an attribution of spaces", set(WUNING, "attribution = \"叶祥森\"", "attribution = \"   \""),
            &["the attribution is empty: it would print as empty brackets", &line(WUNING, "attribution = ")]),
        Case::new("no paper name", set(EDITION, "paper = \"示例日报\"", "paper = \"  \""),
            &["the paper's name is empty", &line(EDITION, "paper = ")]),
        Case::new("an ear pointing nowhere", set(EDITION, "stories = [\"stories/xinyu.toml\"]", "stories = [\"stories/xinyu.toml\"]\n\n[pages.ear]\ntitle = \"导读\"\nsee = [5, 99]"),
            &["page 4's ear points to page 99, which the edition does not have", &line(EDITION, "see = [5, 99]")]),
    ]);
}

/// Finding codes are set where the finding is made, not guessed from its message: a photo's
/// placement error reads "photo …" but is `content`; a head that does not fit is
/// `head-overset`; a photo that is not a JPEG or PNG is `photo-unreadable`.
#[test]
fn finding_codes_are_set_where_found() {
    let lead = "content/jiangxi-special/stories/jiujiang-lead.toml";
    let cases: Vec<(&str, Box<dyn Fn(&TestProject)>, &str)> = vec![
        ("head = 1", Box::new(set(WUNING, "height = 26", "height = 26\nhead = 1")), "head-overset"),
        ("photo placed past its block", Box::new(set(lead, "span = 6\n\n[block]", "span = 6\nrow = 500\n\n[block]")), "content"),
        ("a GIF named .jpg", Box::new(|p: &TestProject| std::fs::write(p.sample_dir().join("photos/chaji.jpg"), b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap()), "photo-unreadable"),
        ("a missing photo", Box::new(set(lead, "photos/chaji.jpg", "photos/nope.jpg")), "photo-missing"),
        ("a template error", Box::new(|p: &TestProject| p.edit("layouts/page.typ", |t| format!("{t}\n#let broken = (\n"))), "template"),
    ];
    for (name, mutate, code) in cases {
        let p = sample_as_first_made_up();
        mutate(&p);
        let run = p.folio(&["check", &format!("content/{SAMPLE}"), "--format", "json"]);
        run.assert_code(1);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{name}: JSON report: {e}\n{}", run.stdout()));
        let codes: Vec<&str> = v["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").map(|f| f["code"].as_str().unwrap()).collect();
        assert!(codes.contains(&code), "{name}: expected an error coded {code}, got {codes:?}");
    }
}

/// The data folio writes for the templates carries a schema version that each template
/// asserts: a template written for another version fails naming both, located in the template.
#[test]
fn templates_assert_the_data_schema() {
    run_table(vec![
        Case::new("pages from another version", set("layouts/page.typ", "\"folio-pages/3\", message: \"this template reads folio-pages/3", "\"folio-pages/4\", message: \"this template reads folio-pages/4"),
            &["this template reads folio-pages/4 data; folio wrote \"folio-pages/3\"", "layouts/page.typ:"]),
        Case::new("galley from another version", set("layouts/galley.typ", "\"folio-galley/3\", message: \"this template reads folio-galley/3", "\"folio-galley/2\", message: \"this template reads folio-galley/2"),
            &["this template reads folio-galley/2 data; folio wrote \"folio-galley/3\"", "layouts/galley.typ:"]),
    ]);
}
