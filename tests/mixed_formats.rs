//! Each page states its format: an edition may mix 对开 and 四开 pages (a tabloid insert in a
//! broadsheet paper). Every page gets its own trim, grid and body size; facing pages pair into a
//! spread only when they share a format; a story cannot jump between grids.

mod common;
use common::*;

const NAME: &str = "jiangxi-tabloid";
const SPECIAL: &str = "jiangxi-special";

/// The broadsheet sample with its page 5 turned into a 四开 page carrying the tabloid sample's
/// page-3 stories: an edition of one 对开 and one 四开 page.
fn mixed() -> TestProject {
    let p = TestProject::with_edition(SPECIAL);
    p.edit(&format!("content/{SPECIAL}/edition.toml"), |s| {
        let cut = s.find("[[pages]]\nnumber = 5").expect("page 5 in the sample");
        s[..cut].to_string()
            + r#"[[pages]]
number = 5
section = "专版"
format = "tabloid"
banner = "健康人生，绿色无毒！·九江"
stories = ["../jiangxi-tabloid/stories/wuning.toml", "../jiangxi-tabloid/stories/pengze.toml", "../jiangxi-tabloid/stories/lianxi.toml"]
"#
    });
    p
}

/// The most common word height (pt) on a page: the body size, body copy being most of a page.
fn body_height(pdf: &std::path::Path, page: u32) -> f64 {
    let xml = poppler("pdftotext", &["-bbox-layout", "-f", &page.to_string(), "-l", &page.to_string(), pdf.to_str().unwrap(), "-"]);
    let mut counts = std::collections::BTreeMap::<i64, usize>::new();
    for word in xml.split("<word ").skip(1) {
        let attr = |n: &str| -> f64 {
            let at = word.find(&format!("{n}=\"")).unwrap() + n.len() + 2;
            word[at..].split('"').next().unwrap().parse().unwrap()
        };
        *counts.entry(((attr("yMax") - attr("yMin")) * 10.0).round() as i64).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(h, _)| h as f64 / 10.0).unwrap()
}

#[test]
fn pages_of_two_formats_in_one_edition() {
    let p = mixed();
    let run = p.folio(&["build", &format!("content/{SPECIAL}"), "--out", "out"]);
    run.assert_code(0);
    let pdf = p.out().join(format!("{SPECIAL}.pdf"));
    let doc = lopdf::Document::load(&pdf).unwrap();
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 2);
    for (n, id) in pages {
        let t = size(page_box(&doc, id, b"TrimBox").unwrap());
        let want = if n == 1 { (390.0, 545.0) } else { (273.0, 390.0) };
        assert!((t.0 - want.0 * PT_PER_MM).abs() < 0.5 && (t.1 - want.1 * PT_PER_MM).abs() < 0.5, "page {n}: trim {t:?}, want {want:?} mm");
        // Bleed is the format's 3 mm on every side.
        let m = size(page_box(&doc, id, b"MediaBox").unwrap());
        assert!((m.0 - t.0 - 6.0 * PT_PER_MM).abs() < 0.5, "page {n}: media {m:?} trim {t:?}");
    }
    // Each page is set in its own format's body size: 10 pt on the tabloid, 11 pt on the 对开.
    let broad = body_height(&pdf, 1);
    let tabloid = body_height(&pdf, 2);
    assert!((tabloid - 10.0).abs() < 0.6 && (broad - 11.0).abs() < 0.6, "body heights: tabloid {tabloid}, broadsheet {broad}");

    // Page 4 (对开) and page 5 (四开) do not face each other on one sheet: two sheets, each
    // with one page at its own size.
    let sdoc = lopdf::Document::load(p.out().join(format!("{SPECIAL}-spread.pdf"))).unwrap();
    let sheets: Vec<(f64, f64)> = sdoc.get_pages().values().map(|&id| size(page_box(&sdoc, id, b"TrimBox").unwrap())).collect();
    assert_eq!(sheets.len(), 2, "{sheets:?}");
    assert!((sheets[0].0 - 2.0 * 390.0 * PT_PER_MM).abs() < 0.5 && (sheets[0].1 - 545.0 * PT_PER_MM).abs() < 0.5, "page 4's sheet {sheets:?}");
    assert!((sheets[1].0 - 2.0 * 273.0 * PT_PER_MM).abs() < 0.5 && (sheets[1].1 - 390.0 * PT_PER_MM).abs() < 0.5, "page 5's sheet {sheets:?}");

    // The report names each page's format.
    let check = p.folio(&["check", &format!("content/{SPECIAL}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    let formats: Vec<&str> = v["pages"].as_array().unwrap().iter().map(|pg| pg["format"].as_str().unwrap()).collect();
    assert_eq!(formats, ["broadsheet", "tabloid"]);
    // The 四开 page's stories fill their blocks as on the tabloid sample: no copy lost.
    assert_eq!(v["pages"][1]["overset_lines"], 0, "{}", check.stdout());
}

#[test]
fn a_story_cannot_jump_to_a_page_of_another_format() {
    let p = TestProject::with_edition(NAME);
    p.edit(&format!("content/{NAME}/edition.toml"), |s| {
        s.replace("number = 4                  # FIXTURE\n", "number = 4                  # FIXTURE\nformat = \"broadsheet\"\n")
    });
    let run = p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has(&["jumps from a 四开 page to page 4, which is 对开", "stories/xinyu.toml:", "continue the story on a page of the same format"]);
}

#[test]
fn an_unknown_page_format_is_located() {
    let p = TestProject::with_edition(NAME);
    p.edit(&format!("content/{NAME}/edition.toml"), |s| {
        s.replace("number = 3                  # FIXTURE\n", "number = 3                  # FIXTURE\nformat = \"berliner\"\n")
    });
    let src = std::fs::read_to_string(p.edition(NAME).join("edition.toml")).unwrap();
    let line = src.lines().position(|l| l.contains("berliner")).unwrap() + 1;
    let run = p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has(&[&format!("edition.toml:{line}:10"), "page 3: unknown page format \"berliner\"", "broadsheet, tabloid"]);
}
