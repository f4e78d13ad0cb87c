//! Typography of the samples, measured on their PDFs (character positions as Ghostscript reads
//! them, not folio's own model): loose lines, widows and orphans.

mod common;
use common::typeset::{self, Fault, Line};
use common::*;
use std::path::Path;

/// A format's body size, line pitch and column width (layouts/formats.toml), pt.
struct Body {
    size: f64,
    pitch: f64,
    width: f64,
}
const BROADSHEET: Body = Body { size: 11.0, pitch: 16.5, width: 110.0 };
const TABLOID: Body = Body { size: 10.0, pitch: 15.0, width: 100.0 };

/// Loose lines (spread by more than 5% of an em) per page, and runs of two in a row.
struct Loose {
    per_page: Vec<Vec<String>>,
    in_a_row: Vec<(String, String)>,
    lines: usize,
    worst: f64,
}

fn loose(pdf: &Path, b: &Body) -> Loose {
    let pages = typeset::body_lines(pdf, b.size);
    let mut out = Loose { per_page: Vec::new(), in_a_row: Vec::new(), lines: 0, worst: 0.0 };
    for lines in &pages {
        out.lines += lines.len();
        let mut here = Vec::new();
        for col in typeset::columns(lines, b.size) {
            let mut prev: Option<&Line> = None;
            for l in col {
                let s = l.spread();
                out.worst = out.worst.max(s);
                if s > 0.05 {
                    here.push(format!("{:.1}% {}", s * 100.0, l.text()));
                    if let Some(p) = prev.filter(|p| p.spread() > 0.05 && (l.y() - p.y() - b.pitch).abs() < 0.3) {
                        out.in_a_row.push((p.text(), l.text()));
                    }
                }
                prev = Some(l);
            }
        }
        out.per_page.push(here);
    }
    out
}

fn faults(pdf: &Path, b: &Body) -> Vec<Fault> {
    let pages = typeset::body_lines(pdf, b.size);
    pages.iter().flat_map(|lines| typeset::columns(lines, b.size).into_iter().flat_map(|c| typeset::widows_and_orphans(&c, b.size, b.pitch, b.width)).collect::<Vec<_>>()).collect()
}

/// Switch on the typographic refinements `layouts/style.typ` offers (off in the house style:
/// they change line counts that the sample blocks and other tests are fitted to): half-width
/// digits, marks kept full width at line ends, closing up by 8% of an em before spreading.
fn refine(p: &TestProject) {
    p.edit("layouts/style.typ", |t| {
        let on = [
            ("#let digit-features = ()", "#let digit-features = (\"hwid\",)"),
            ("#let justification-limits = none", "#let justification-limits = (tracking: (min: -0.08em, max: 0.05em))"),
            ("#let line-end-marks = \"\"", "#let line-end-marks = \"，。、：；！？”’）》」』】〕\""),
            ("#let line-start-marks = \"\"", "#let line-start-marks = \"“‘（《「『【〔\""),
        ];
        on.iter().fold(t, |t, (a, b)| {
            assert!(t.contains(a), "style.typ has {a}");
            t.replace(a, b)
        })
    });
}

fn build(edition: &str) -> (TestProject, std::path::PathBuf) {
    build_with(edition, false)
}

fn build_with(edition: &str, refined: bool) -> (TestProject, std::path::PathBuf) {
    let p = TestProject::with_edition(edition);
    if refined {
        refine(&p);
    }
    let run = p.folio(&["build", &format!("content/{edition}")]);
    run.assert_code(0);
    let pdf = p.out().join(format!("{edition}.pdf"));
    (p, pdf)
}

const SAMPLES: [(&str, Body); 3] = [("jiangxi-special", BROADSHEET), ("jiangxi-tabloid", TABLOID), ("jiangxi-auto", TABLOID)];

#[test]
fn with_the_refinements_the_samples_have_at_most_one_loose_line_a_page_and_never_two_in_a_row() {
    for (e, b) in SAMPLES {
        let (_p, pdf) = build_with(e, true);
        let l = loose(&pdf, &b);
        assert!(l.lines > 150, "{e}: the body lines are read back ({})", l.lines);
        for (i, page) in l.per_page.iter().enumerate() {
            assert!(page.len() <= 1, "{e} page {}: {} loose lines: {page:#?}", i + 1, page.len());
        }
        assert!(l.in_a_row.is_empty(), "{e}: loose lines in a row: {:?}", l.in_a_row);
    }
}

#[test]
fn without_the_refinements_digits_spread_their_lines_and_are_found() {
    // The measurement sees what the refinements prevent: in the plain setting (the fonts'
    // proportional digits, 0.513 em, and no closing up) a line holding "14" is spread by about
    // a ninth of an em.
    let p = TestProject::with_edition("jiangxi-special");
    p.folio(&["build", "content/jiangxi-special"]).assert_code(0);
    let l = loose(&p.out().join("jiangxi-special.pdf"), &BROADSHEET);
    let n: usize = l.per_page.iter().map(Vec::len).sum();
    assert!(n >= 5 && l.worst > 0.08, "proportional digits spread lines: {n}, worst {:.1}%", l.worst * 100.0);
    assert!(l.per_page.iter().flatten().any(|t| t.chars().any(|c| c.is_ascii_digit())), "{:?}", l.per_page);
}

#[test]
fn widows_and_orphans_are_avoided_or_reported() {
    for (e, b) in SAMPLES {
        let (p, pdf) = build(e);
        let f = faults(&pdf, &b);
        // Every one the PDF shows is a finding of folio check.
        let run = p.folio(&["check", &format!("content/{e}"), "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
        let reported: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["code"] == "widow" || x["code"] == "orphan")
            .map(|x| x["message"].as_str().unwrap().to_string())
            .collect();
        for fault in &f {
            let (Fault::Widow { text, .. } | Fault::Orphan { text, .. }) = fault;
            assert!(reported.iter().any(|m| m.contains(text.as_str())), "{e}: {fault:?} not reported: {reported:#?}");
        }
    }
}

#[test]
#[ignore]
fn measure_before() {
    for (e, b) in [("jiangxi-special", BROADSHEET), ("jiangxi-tabloid", TABLOID), ("jiangxi-auto", TABLOID)] {
        let pdf = Path::new(&std::env::var("MEASURE_DIR").unwrap_or("/tmp/before".into())).join(format!("{e}.pdf"));
        let l = loose(&pdf, &b);
        eprintln!("{e}: {} lines, worst {:.1}%, in a row {}", l.lines, l.worst * 100.0, l.in_a_row.len());
        for (i, p) in l.per_page.iter().enumerate() {
            eprintln!("  page {i}: {} loose: {p:?}", p.len());
        }
        eprintln!("  faults {:?}", faults(&pdf, &b));
    }
}

// ---- Display type: heads, banners, subheads (issue #14 items 4, 5 and 9) ----

/// Display lines of each page: characters at `min` pt or more, by baseline, split where two
/// origins are more than 2.5 em apart (two heads on one baseline), each left to right.
fn display_lines(pdf: &Path, min: f64) -> Vec<Vec<Vec<typeset::Char>>> {
    typeset::chars(pdf)
        .into_iter()
        .map(|cs| {
            let mut cs: Vec<typeset::Char> = cs.into_iter().filter(|c| c.size >= min && !c.c.is_whitespace()).collect();
            cs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
            let mut lines: Vec<Vec<typeset::Char>> = Vec::new();
            for c in cs {
                match lines.last_mut() {
                    Some(l) if (l[0].y - c.y).abs() < 0.3 && (l[0].size - c.size).abs() < 0.1 && c.x0 - l.last().unwrap().x0 < 2.5 * c.size => l.push(c),
                    _ => lines.push(vec![c]),
                }
            }
            lines
        })
        .collect()
}

fn text_of(l: &[typeset::Char]) -> String {
    l.iter().map(|c| c.c).filter(|c| *c != '\u{3000}').collect()
}

/// The two lines (top, bottom) of a head set on two lines whose text is `headline`.
fn two_lines(pdf: &Path, headline: &str) -> Option<(String, String)> {
    for page in display_lines(pdf, 14.0) {
        for a in &page {
            for b in page.iter().filter(|b| b[0].y > a[0].y && b[0].y - a[0].y < 2.0 * a[0].size && (b[0].size - a[0].size).abs() < 0.1) {
                if text_of(a) + &text_of(b) == headline {
                    return Some((text_of(a), text_of(b)));
                }
            }
        }
    }
    None
}

#[test]
fn a_two_line_head_breaks_between_sense_groups_not_inside_one() {
    // The broadsheet's 都昌 head (its area deepened by the editor, `head = 5`) takes two lines:
    // 全力推进｜毒品问题综合治理, not the middle 全力推进毒品｜问题综合治理.
    let (p, pdf) = build("jiangxi-special");
    let (a, b) = two_lines(&pdf, "全力推进毒品问题综合治理").expect("the head is set on two lines");
    assert_eq!((a.as_str(), b.as_str()), ("全力推进", "毒品问题综合治理"));
    // The editor's line break still decides where a head breaks (it sets one line otherwise).
    p.edit("content/jiangxi-special/stories/duchang.toml", |t| t.replace("全力推进毒品问题综合治理", "全力推进毒品问题\\n综合治理"));
    p.folio(&["build", "content/jiangxi-special"]).assert_code(0);
    let (a, b) = two_lines(&p.out().join("jiangxi-special.pdf"), "全力推进毒品问题综合治理").expect("two lines");
    assert_eq!((a.as_str(), b.as_str()), ("全力推进毒品问题", "综合治理"));
}

/// The origins' distance from the character after `first` to `second`'s, in em, on the display
/// line holding `text` (None when no line holds it).
fn step(pdf: &Path, min: f64, text: &str, first: usize, second: usize) -> Option<f64> {
    for page in display_lines(pdf, min) {
        for l in page {
            let t: Vec<char> = l.iter().map(|c| c.c).collect();
            let want: Vec<char> = text.chars().collect();
            if let Some(k) = t.windows(want.len()).position(|w| w == want.as_slice()) {
                return Some((l[k + second].x0 - l[k + first].x0) / l[k].size);
            }
        }
    }
    None
}

#[test]
fn quotes_in_display_type_take_half_an_em_between_han() {
    // In heads and subheads the CJK quotes are set half width (clreq's display-type
    // compression): 擦亮“警”色 steps 1.5 em from 亮 to 警, not 2, and “清源断流” puts 清
    // half an em after the quote's place. Body text keeps them full width.
    let (_p, pdf) = build("jiangxi-special");
    let s = step(&pdf, 12.0, "擦亮“警”色", 1, 3).expect("the subhead 擦亮“警”色 is set");
    assert!((s - 1.5).abs() < 0.05, "亮 to 警: {s:.3} em");
    let s = step(&pdf, 12.0, "擦亮“警”色", 3, 5).expect("the subhead is set");
    assert!((s - 1.5).abs() < 0.05, "警 to 色: {s:.3} em");
    // The head on one line: in the sample it stands in the lead's tier, whose head area gives
    // it two lines (the closing quote then ends the first); a line lower, out of the tier, it
    // takes one (its copy then a line over: allowed, the head is what is measured).
    let p = TestProject::with_edition("jiangxi-special");
    p.edit("content/jiangxi-special/stories/wuning.toml", |t| t.replacen("top = 7", "top = 8", 1).replacen("height = 26", "height = 25", 1));
    p.folio(&["build", "content/jiangxi-special", "--allow-overset"]).assert_code(0);
    let one = p.out().join("jiangxi-special.pdf");
    let s = step(&one, 17.0, "清源断流”严", 3, 5).expect("the head “清源断流” is set on one line");
    assert!((s - 1.5).abs() < 0.05, "流 to 严: {s:.3} em");
    // Body copy: 推进“平安关爱” keeps its full-width quote (2 em from 进 to 平, and the line's
    // spreading).
    let body = typeset::chars(&pdf).into_iter().flatten().filter(|c| (c.size - 11.0).abs() < 0.05).collect::<Vec<_>>();
    let k = body.windows(3).position(|w| w[0].c == '进' && w[1].c == '“' && w[2].c == '平').expect("body 进“平");
    let s = (body[k + 2].x0 - body[k].x0) / 11.0;
    assert!(s > 1.95, "body quotes stay full width: {s:.3} em");
}

/// The display characters left and right of the fold on the spread sheet holding `probe` at
/// `min` pt or more (the tabloid's trim is 280 mm wide: the fold is at that x).
fn fold_split(pdf: &Path, probe: char, min: f64, fold: f64) -> (String, String) {
    for page in display_lines(pdf, min) {
        if let Some(l) = page.iter().find(|l| l.iter().any(|c| c.c == probe)) {
            let left: String = l.iter().filter(|c| (c.x0 + c.x1) / 2.0 < fold).map(|c| c.c).collect();
            let right: String = l.iter().filter(|c| (c.x0 + c.x1) / 2.0 >= fold).map(|c| c.c).collect();
            return (left, right);
        }
    }
    panic!("no display line with {probe}");
}

const TABLOID_FOLD: f64 = 280.0 / 25.4 * 72.0;

#[test]
fn a_head_across_the_fold_splits_between_phrases_and_never_inside_a_word() {
    let e = "jiangxi-tabloid";
    let (p, _) = build(e);
    let spread = p.out().join(format!("{e}-spread.pdf"));
    // The lead's 跨版 head: 万里缉毒！‖斩断毒品运输通道; the banner: 健康人生，‖绿色无毒！·九江.
    assert_eq!(fold_split(&spread, '缉', 30.0, TABLOID_FOLD), ("万里缉毒！".into(), "斩断毒品运输通道".into()));
    let (l, r) = fold_split(&spread, '绿', 30.0, TABLOID_FOLD);
    assert_eq!(l + "‖" + &r, "健康人生，‖绿色无毒！·九江");
    let clean = p.folio(&["check", &format!("content/{e}"), "--format", "json"]);
    assert!(!clean.stdout().contains("\"fold-split\""), "{}", clean.stdout());

    // Without the exclamation mark the split falls between words, never 运‖输.
    p.edit(&format!("content/{e}/stories/jiujiang-lead.toml"), |t| t.replace("万里缉毒！斩断毒品运输通道", "斩断毒品运输通道"));
    p.folio(&["build", &format!("content/{e}")]).assert_code(0);
    let (l, r) = fold_split(&spread, '斩', 30.0, TABLOID_FOLD);
    assert!(["斩断", "斩断毒品", "斩断毒品运输"].contains(&l.as_str()), "{l}‖{r}");

    // A head of one word has nowhere else to split: a fold-split warning at the headline, with a
    // pink mark on the proof.
    p.edit(&format!("content/{e}/stories/jiujiang-lead.toml"), |t| t.replace("headline = \"斩断毒品运输通道\"", "headline = \"自力更生\""));
    let run = p.folio(&["check", &format!("content/{e}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let found: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "fold-split").collect();
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["file"], format!("content/{e}/stories/jiujiang-lead.toml"));
    assert_eq!(found[0]["line"], line_of(&p, &format!("content/{e}/stories/jiujiang-lead.toml"), "headline =") as u64);
    assert!(found[0]["message"].as_str().unwrap().contains('‖'), "{:#}", found[0]);
    p.folio(&["proof", &format!("content/{e}"), "--out", "proofs"]).assert_code(0);
    let png = std::fs::read(p.root().join(format!("proofs/{e}-p2.png"))).unwrap();
    let (x, _, n) = colour_centroid(&png, [0xff, 0x30, 0x90]);
    let img = image::load_from_memory(&png).unwrap();
    assert!(n > 30, "fold split marked in pink: {n}");
    assert!(x > 0.8 * f64::from(img.width()), "at the fold, the page's right edge: {x} of {}", img.width());
}

#[test]
fn holes_and_half_width_brackets_are_findings_marked_on_the_proof() {
    let e = "jiangxi-special";
    let (p, _) = build(e);
    let run = p.folio(&["check", &format!("content/{e}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let codes: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(!codes.contains(&"hole") && !codes.contains(&"half-width-bracket"), "{codes:?}");

    // A story taken off page 5 leaves its block white: a hole; brackets left half-width.
    p.edit(&format!("content/{e}/edition.toml"), |t| t.replace(", \"stories/lianxi.toml\"", "").replace("full_width_brackets = true", "full_width_brackets = false"));
    let run = p.folio(&["check", &format!("content/{e}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let holes: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "hole").collect();
    assert_eq!(holes.len(), 1, "{v:#}");
    assert_eq!(holes[0]["page"], 5);
    assert!(holes[0]["message"].as_str().unwrap().contains("column 7"), "{:#}", holes[0]);
    let brackets = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "half-width-bracket").count();
    assert!(brackets >= 1, "{v:#}");
    p.folio(&["proof", &format!("content/{e}"), "--out", "proofs"]).assert_code(0);
    let page5 = std::fs::read(p.root().join(format!("proofs/{e}-p5.png"))).unwrap();
    let (x, y, olive) = colour_centroid(&page5, [0xb0, 0xb0, 0x00]);
    let img = image::load_from_memory(&page5).unwrap();
    assert!(olive > 100, "the hole is marked in olive: {olive}");
    assert!(x > 0.7 * f64::from(img.width()) && y > 0.5 * f64::from(img.height()), "where 所队联动 was, lower right: {x}, {y}");
    let marked = (4..=5).map(|n| std::fs::read(p.root().join(format!("proofs/{e}-p{n}.png"))).unwrap()).map(|png| colour_centroid(&png, [0xff, 0x50, 0x00]).2).sum::<usize>();
    assert!(marked > 30, "half-width brackets marked in red-orange: {marked}");
}

#[test]
fn a_banner_comma_becomes_a_space_with_the_house_setting() {
    // jiangxi-special's banner 健康人生，绿色无毒！·九江 on one page; with
    // `[typography] banner_comma_space` its comma is a full-width space: the two phrases an em apart.
    let e = "jiangxi-special";
    let (p, pdf) = build(e);
    let banner = |pdf: &Path| display_lines(pdf, 30.0).into_iter().flatten().find(|l| l.iter().any(|c| c.c == '绿')).expect("the banner is set");
    let plain = banner(&pdf);
    assert_eq!(text_of(&plain), "健康人生，绿色无毒！·九江");
    p.edit(&format!("content/{e}/edition.toml"), |t| t.replace("full_width_brackets = true", "full_width_brackets = true\nbanner_comma_space = true"));
    p.folio(&["build", &format!("content/{e}")]).assert_code(0);
    let spaced = banner(&pdf);
    assert_eq!(text_of(&spaced), "健康人生绿色无毒！·九江", "no comma");
    let at = |l: &[typeset::Char], c: char| l.iter().find(|x| x.c == c).unwrap().x0;
    let em = spaced[0].size;
    // 生 to 绿: its own em, the tracking (0.1 em) twice, and the space's em.
    let gap = (at(&spaced, '绿') - at(&spaced, '生')) / em;
    assert!((gap - 2.2).abs() < 0.1, "生 to 绿: {gap:.2} em");
}
