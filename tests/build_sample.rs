//! The sample edition builds into print PDFs whose pages, boxes, fonts and text are right.

mod common;
use common::*;

fn trim() -> (f64, f64) {
    // layouts/formats.toml, broadsheet.
    (390.0 * PT_PER_MM, 545.0 * PT_PER_MM)
}
const BLEED: f64 = 3.0 * PT_PER_MM;

#[test]
fn sample_edition_pages_spreads_fonts_and_text() {
    let p = TestProject::sample();
    let run = p.build_sample();
    assert!(run.stdout().contains("wrote"), "{}", run.stdout());
    let pdf = p.out().join(format!("{SAMPLE}.pdf"));
    let spread = p.out().join(format!("{SAMPLE}-spread.pdf"));

    // Two pages at trim + bleed, each with a TrimBox at trim size.
    let doc = lopdf::Document::load(&pdf).expect("pages PDF parses");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 2, "the sample has two pages");
    let (tw, th) = trim();
    for (&n, &id) in &pages {
        let media = size(page_box(&doc, id, b"MediaBox").expect("MediaBox"));
        let trimbox = page_box(&doc, id, b"TrimBox").unwrap_or_else(|| panic!("page {n} has no TrimBox"));
        assert!((media.0 - (tw + 2.0 * BLEED)).abs() < 0.5 && (media.1 - (th + 2.0 * BLEED)).abs() < 0.5, "page {n} media {media:?}");
        let t = size(trimbox);
        assert!((t.0 - tw).abs() < 0.5 && (t.1 - th).abs() < 0.5, "page {n} trim {t:?}");
        // The trim box sits inside the media box by the bleed.
        assert!((trimbox[0] - BLEED).abs() < 0.5 && (trimbox[1] - BLEED).abs() < 0.5, "page {n} trim origin {trimbox:?}");
    }

    // One spread sheet, twice the trim wide.
    let sdoc = lopdf::Document::load(&spread).expect("spread PDF parses");
    let spages = sdoc.get_pages();
    assert_eq!(spages.len(), 1, "pages 4 and 5 face each other on one sheet");
    let st = size(page_box(&sdoc, spages[&1], b"TrimBox").expect("spread TrimBox"));
    assert!((st.0 - 2.0 * tw).abs() < 0.5 && (st.1 - th).abs() < 0.5, "spread trim {st:?}");

    // Every font embedded (pdffonts' emb column), and the three families the design needs.
    for file in [&pdf, &spread] {
        let fonts = poppler("pdffonts", &[file.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(rows.len() >= 4, "expected body, headline and caption fonts:\n{fonts}");
        for row in &rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type [type] encoding emb sub uni object ID
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "font not embedded: {row}");
        }
        for family in ["NotoSerifCJK", "NotoSansCJK", "LXGWWenKai"] {
            assert!(fonts.contains(family), "{family} missing:\n{fonts}");
        }
    }
    // Also structurally, with lopdf: every font dictionary leads to an embedded font program.
    for (_, obj) in doc.objects.iter() {
        if let Ok(dict) = obj.as_dict() {
            if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice()) {
                assert!(
                    dict.has(b"FontFile") || dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                    "font descriptor without an embedded program: {dict:?}"
                );
            }
        }
    }

    // The seed's text, in reading order: ≥ 99.5% of its Han characters in order. pdftotext
    // -raw reads the content stream, which folio writes in reading order (head, lead box, the
    // columns left to right, then the photo and its caption). Captions stand apart from the
    // running text: the seed has them where the printed page's columns happened to break, so
    // they are compared whole, not for their place in the flow.
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();
    let text = poppler("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    let captions = ["全市特巡警系统实战演练 郑智君摄", "对重点路段过往车辆开展毒品查缉 黄尧摄"];
    let flat: String = text.split_whitespace().collect();
    let mut running = seed.clone();
    for c in captions {
        assert!(seed.contains(c), "caption {c} is in the seed");
        let joined: String = c.split_whitespace().collect();
        assert!(flat.contains(&joined), "caption {c} missing from the PDF text");
        running = running.replace(c, "");
    }
    let (s, t) = (han(&running), han(&text));
    let common = lcs(&s, &t);
    let ratio = common as f64 / s.len() as f64;
    assert!(ratio >= 0.995, "only {common} of {} seed characters found in order ({ratio:.4})", s.len());
}

#[test]
fn check_writes_nothing_and_builds_are_atomic() {
    let p = TestProject::sample();
    let run = p.folio(&["check", &format!("content/{SAMPLE}")]);
    run.assert_code(0);
    assert!(run.stdout().contains("2 pages"), "{}", run.stdout());
    assert!(!p.out().exists(), "check must not write");

    // A good build, then a broken edition: the old PDF stays byte for byte.
    p.build_sample();
    let pdf = p.out().join(format!("{SAMPLE}.pdf"));
    let before = std::fs::read(&pdf).unwrap();
    p.edit(&format!("content/{SAMPLE}/stories/wuning.toml"), |t| t.replace("headline =", "headlin ="));
    let run = p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out"]);
    run.assert_code(1);
    assert_eq!(std::fs::read(&pdf).unwrap(), before, "a failed build must leave the previous PDF untouched");
    let leftovers: Vec<_> = std::fs::read_dir(p.out()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn fonts_lists_the_bundled_families() {
    let p = TestProject::sample();
    let fonts = repo().join("fonts");
    let run = p.folio(&["fonts", "--font-path", fonts.to_str().unwrap()]);
    run.assert_code(0);
    for family in ["Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai"] {
        assert!(run.stdout().contains(family), "{family} not listed:\n{}", run.stdout());
    }
}

#[test]
fn new_copies_an_edition_dated_today() {
    let p = TestProject::sample();
    let run = p.folio(&["new", "content/tomorrow"]);
    run.assert_code(0);
    let toml = std::fs::read_to_string(p.edition("tomorrow").join("edition.toml")).unwrap();
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    assert!(toml.contains(&format!("date = {today}")), "{toml}");
    assert!(p.edition("tomorrow").join("stories/xinyu.toml").is_file());
    // The copy builds.
    let run = p.folio(&["check", "content/tomorrow"]);
    run.assert_code(0);
    // Never over an existing edition: a usage error.
    p.folio(&["new", "content/tomorrow"]).assert_code(2);
}

#[test]
fn usage_errors_exit_2() {
    let p = TestProject::sample();
    p.folio(&["build"]).assert_code(2);
    p.folio(&["frobnicate"]).assert_code(2);
    p.folio(&["build", "content/x", "--no-such-flag"]).assert_code(2);
}
