//! Typography of the samples, measured on their PDFs (character positions as Ghostscript reads
//! them, not folio's own model): loose lines, widows and orphans.

mod common;
use common::typeset::{self, faults, Body, Fault, Line, BROADSHEET, TABLOID};
use common::*;
use std::path::Path;


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

/// Numbers parted from their unit or measure word at a line's end (2021 | 年, 61 | 岁), read
/// back: in a column, a line ending in a digit whose next line (a pitch below) starts with one
/// of folio's units ([`folio::input::phrases::UNITS`]). Each as `number|unit`.
fn parted_units(pdf: &Path, b: &Body) -> Vec<String> {
    let mut out = Vec::new();
    for lines in typeset::body_lines(pdf, b.size) {
        for col in typeset::columns(&lines, b.size) {
            for w in col.windows(2) {
                let (a, n) = (w[0].text(), w[1].text());
                let next = (w[1].y() - w[0].y() - b.pitch).abs() < 0.3;
                if next && a.ends_with(|c: char| c.is_ascii_digit()) && n.starts_with(|c: char| folio::input::phrases::UNITS.contains(c)) {
                    out.push(format!("{}|{}", a.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect::<String>(), n.chars().take(2).collect::<String>()));
                }
            }
        }
    }
    out
}

/// Switch off the typographic refinements of the house style (`layouts/style.typ`): the
/// fonts' proportional digits set tight, marks halved at line ends, no closing up before
/// spreading.
fn plain(p: &TestProject) {
    p.edit("layouts/style.typ", |t| {
        let off = [
            ("#let digit-features = (\"hwid\",)", "#let digit-features = ()"),
            ("#let digit-pad = 0.25em", "#let digit-pad = 0em"),
            ("#let justification-limits = (tracking: (min: -0.08em, max: 0.05em))", "#let justification-limits = none"),
            ("#let line-end-marks = \"，。、：；！？”’）》」』】〕\"", "#let line-end-marks = \"\""),
            ("#let line-start-marks = \"“‘（《「『【〔\"", "#let line-start-marks = \"\""),
        ];
        off.iter().fold(t, |t, (a, b)| {
            assert!(t.contains(a), "style.typ has {a}");
            t.replace(a, b)
        })
    });
}

fn build(edition: &str) -> (TestProject, std::path::PathBuf) {
    let p = TestProject::with_edition(edition);
    let run = p.folio(&["build", &format!("content/{edition}")]);
    run.assert_code(0);
    let pdf = p.out().join(format!("{edition}.pdf"));
    (p, pdf)
}

const SAMPLES: [(&str, Body); 3] = [("jiangxi-special", BROADSHEET), ("jiangxi-tabloid", TABLOID), ("jiangxi-auto", TABLOID)];

fn findings(p: &TestProject, e: &str, code: &str) -> Vec<serde_json::Value> {
    let run = p.folio(&["check", &format!("content/{e}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    v["findings"].as_array().unwrap().iter().filter(|x| x["code"] == code).cloned().collect()
}

/// Most numbers a sample parts from their units at a line's end (read back: [`parted_units`]).
const PARTED_UNITS: usize = 5;

#[test]
fn the_samples_have_at_most_one_loose_line_a_page_and_never_two_in_a_row() {
    // In the house style: half-width digits (a run of an odd count with a quarter em either
    // side), marks kept full width at line ends, closing up by up to 8% of an em before
    // spreading (layouts/style.typ).
    for (e, b) in SAMPLES {
        let (p, pdf) = build(e);
        let l = loose(&pdf, &b);
        assert!(l.lines > 150, "{e}: the body lines are read back ({})", l.lines);
        for (i, page) in l.per_page.iter().enumerate() {
            assert!(page.len() <= 1, "{e} page {}: {} loose lines: {page:#?}", i + 1, page.len());
        }
        assert!(l.in_a_row.is_empty(), "{e}: loose lines in a row: {:?}", l.in_a_row);
        // A number keeps its unit on its line, but where that would spread a line loose or
        // cost its paragraph a line, a number of one or two figures (9, 5 and 7 parted until
        // session 43).
        let parted = parted_units(&pdf, &b);
        assert!(parted.len() <= PARTED_UNITS, "{e}: {} numbers parted from their units: {parted:?}", parted.len());
        // folio check finds what the PDF shows, no more.
        let n: usize = l.per_page.iter().map(Vec::len).sum();
        assert_eq!(findings(&p, e, "loose-line").len(), n, "{e}");
    }
}

/// Copy of the class that spread lines with the fonts' proportional digits: dates,
/// percentages, counts, decimals and Latin words.
const DIGITS: &str = "2024年3月15日，全市公安机关共破获毒品案件137起，同比上升12.5%，抓获犯罪嫌疑人208名，缴获毒品3.6千克。

截至2024年12月31日，全市建成禁毒宣传阵地46个，开展进校园活动1290场次，覆盖学生58万人次，群众知晓率达到97.3%，较2023年提高4.8个百分点。

市局依托GPS定位和5G网络建成“智慧禁毒”平台，接入APP用户3.2万户，累计推送预警信息6741条，核查线索892条，其中有效线索占31%。

2023年7月1日至9月30日，全市开展“净边2023”专项行动，出动警力2.1万人次，检查车辆17856台次、旅客43210人次，查获涉毒人员64名。

据统计，近5年来全市吸毒人员总数从1.8万名下降到6000名以下，新发现吸毒人员数量连续36个月下降，戒断3年未复吸人员达到4512名。";

/// Most numbers the page of [`DIGITS`] parts from their units (read back).
const PARTED_DIGITS: usize = 6;

#[test]
fn copy_full_of_digits_dates_and_latin_sets_without_loose_lines() {
    // Not just the samples: a broadsheet page of such copy, twice over, in four columns.
    let p = TestProject::sample();
    let dir = p.edition("digits");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    std::fs::write(
        dir.join("edition.toml"),
        "[edition]\npaper = \"示例日报\"\ndate = 2024-03-15\nissue = 1\nformat = \"broadsheet\"\n\n[[pages]]\nnumber = 1\nsection = \"要闻\"\nstories = [\"stories/a.toml\"]\n",
    )
    .unwrap();
    std::fs::write(dir.join("stories/a.toml"), format!("headline = \"禁毒工作成效显著\"\nbody = \"\"\"\n{DIGITS}\n\n{DIGITS}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 4\ntop = 0\nheight = 84\n")).unwrap();
    p.folio(&["build", "content/digits"]).assert_code(0);
    let l = loose(&p.out().join("digits.pdf"), &BROADSHEET);
    let digits = typeset::body_lines(&p.out().join("digits.pdf"), BROADSHEET.size).concat().iter().filter(|l| l.text().chars().any(|c| c.is_ascii_digit())).count();
    assert!(digits > 40, "lines with digits read back: {digits}");
    assert!(l.per_page[0].len() <= 1, "{} loose lines: {:#?}", l.per_page[0].len(), l.per_page[0]);
    assert!(l.in_a_row.is_empty(), "{:?}", l.in_a_row);
    // Its numbers keep their units, but for a few whose keeping would spread a line.
    let parted = parted_units(&p.out().join("digits.pdf"), &BROADSHEET);
    assert!(parted.len() <= PARTED_DIGITS, "{} numbers parted from their units: {parted:?}", parted.len());
    // The plain setting spreads many of them.
    plain(&p);
    p.folio(&["build", "content/digits"]).assert_code(0);
    let l = loose(&p.out().join("digits.pdf"), &BROADSHEET);
    assert!(l.per_page[0].len() >= 10, "plain: {} loose lines", l.per_page[0].len());
}

#[test]
fn copy_from_another_paper_sets_without_loose_lines() {
    // TEST DATA written for the test in the style of a city daily's economy page (not the
    // seed's): paragraphs ending in a figure (达99.2%。), codes among Han (5G, GDP, AGV, AI),
    // attributions of several names wider than a column (（记者 王芳 通讯员 李强）). Placed by
    // folio on a tabloid page. Each of those left a line spread by 10–19 % of an em: a last line
    // of 99.2%。 alone counted as a runt, so the breaker spread the lines above to avoid it; the
    // G of 5G is 0.74 of an em in the font's proportional forms; an attribution wider than the
    // column could go nowhere, and the text line before it was spread to the column's width.
    // And a line started with a semicolon.
    let p = TestProject::sample();
    copy_dir(&repo().join("tests/fixtures/economy-page"), &p.edition("economy"));
    p.folio(&["build", "content/economy"]).assert_code(0);
    let pdf = p.out().join("economy.pdf");
    let l = loose(&pdf, &TABLOID);
    assert!(l.lines > 150, "body lines read back: {}", l.lines);
    assert!(l.per_page[0].len() <= 1, "{} loose lines: {:#?}", l.per_page[0].len(), l.per_page[0]);
    assert!(l.in_a_row.is_empty(), "{:?}", l.in_a_row);
    let lines = typeset::body_lines(&pdf, TABLOID.size).concat();
    // No line starts with a mark that may not (clreq): 餐饮收入124.51亿元，增长15.2% | ；商品零售
    // did, the pad after an odd number a place to break (until session 35).
    let starts: Vec<String> = lines.iter().filter(|l| "，。、；：！？）」』】〕》”’".contains(l.chars[0].c)).map(|l| l.text()).collect();
    assert!(starts.is_empty(), "lines starting with a closing mark: {starts:?}");
    assert!(lines.iter().any(|l| l.text().contains("15.2%；")), "the number and its semicolon on one line");
    // A code is set half width: each letter of 5G, GDP and AGV half an em.
    let mut letters = 0;
    for line in &lines {
        for w in line.chars.windows(2).filter(|w| w[0].c.is_ascii_digit() || w[0].c.is_ascii_uppercase()) {
            if w[1].c.is_ascii_uppercase() {
                let em = (w[1].x1 - w[1].x0) / w[1].size;
                assert!((em - 0.5).abs() < 0.02, "{} in {}: {em:.3} em", w[1].c, line.text());
                letters += 1;
            }
        }
    }
    assert!(letters >= 6, "code letters read back: {letters}");
    // The attribution wider than a column wraps between its words, inside the column: each
    // line of 楷 (LXGW WenKai) characters read back no wider than a column.
    let mut kai: Vec<typeset::Char> = typeset::chars(&pdf)[0].iter().filter(|c| c.font.contains("WenKai")).cloned().collect();
    kai.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut runs: Vec<Vec<typeset::Char>> = Vec::new();
    for c in kai {
        match runs.last_mut() {
            Some(r) if (r[0].y - c.y).abs() < 0.3 && c.x0 - r.last().unwrap().x1 < 2.0 * c.size => r.push(c),
            _ => runs.push(vec![c]),
        }
    }
    let text = |r: &[typeset::Char]| r.iter().map(|c| c.c).collect::<String>();
    assert!(runs.iter().any(|r| text(r).contains("通讯员")), "{:?}", runs.iter().map(|r| text(r)).collect::<Vec<_>>());
    for r in &runs {
        let width = r.last().unwrap().x1 - r[0].x0;
        assert!(width <= TABLOID.width + 0.5, "past the column: {} ({width:.1} pt)", text(r));
    }
    assert!(unprinted(&pdf, &std::fs::read_to_string(p.edition("economy").join("stories/tech.toml")).unwrap().split("\"\"\"").nth(1).unwrap()).is_empty());
}

/// `folio check` finds a line that breaks where 禁则 forbids, read from the laid-out page: on the
/// economy page (TEST DATA, as above) with the template padding an odd number on both sides
/// again (as before session 35), 增长15.2% | ；商品零售 starts a line with its semicolon; the check
/// names that line, and the lines it names are those the PDF shows starting with a closing mark
/// (read back). As folio sets it, none.
#[test]
fn a_line_starting_with_a_closing_mark_is_a_finding() {
    let p = TestProject::sample();
    copy_dir(&repo().join("tests/fixtures/economy-page"), &p.edition("economy"));
    let starting = |p: &TestProject| -> Vec<String> {
        p.folio(&["build", "content/economy"]).assert_code(0);
        let lines = typeset::body_lines(&p.out().join("economy.pdf"), TABLOID.size).concat();
        lines.iter().filter(|l| "，。、；：！？）」』】〕》”’".contains(l.chars[0].c)).map(|l| l.text().chars().filter(|c| !c.is_whitespace()).collect()).collect()
    };
    assert!(starting(&p).is_empty());
    assert!(findings(&p, "economy", "kinsoku").is_empty());
    p.edit("layouts/components.typ", |t| {
        let pads = "let right = odd and not (r.style.ends-with(\"-left\") or r.style.ends-with(\"-none\"))";
        assert!(t.contains(pads), "the template pads an odd run only away from a mark");
        t.replace(pads, "let right = odd")
    });
    let read = starting(&p);
    assert!(read.iter().any(|l| l.starts_with("；")), "the semicolon starts a line again: {read:?}");
    let found = findings(&p, "economy", "kinsoku");
    let named: Vec<String> = found.iter().map(|f| f["message"].as_str().unwrap().split('「').nth(1).unwrap().split('」').next().unwrap().chars().filter(|c| !c.is_whitespace()).collect()).collect();
    let mut want = read.clone();
    want.sort();
    let mut got = named.clone();
    got.sort();
    assert_eq!(got, want, "the check names the lines the PDF shows: {found:#?}");
    assert!(found.iter().all(|f| f["severity"] == "warning" && f["story"].is_string()), "{found:#?}");
}

/// A one-page tabloid edition `name` of one story (TEST DATA: `copy`, written for the test) by
/// hand in one column down the page, built: the project, its PDF, and its body lines read back
/// top to bottom (with their text, spaces left out).
fn one_column(name: &str, copy: &str) -> (TestProject, std::path::PathBuf, Vec<Line>, Vec<String>) {
    let p = TestProject::sample();
    common::page_edition(&p, name, "tabloid", &[("a", format!("# TEST DATA\nheadline = \"测试\"\nbody = \"\"\"\n{copy}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 1\ntop = 0\nheight = 64\n"))]);
    let pdf = p.out().join(format!("{name}.pdf"));
    p.folio(&["build", &format!("content/{name}")]).assert_code(0);
    let mut read = typeset::body_lines(&pdf, TABLOID.size).concat();
    read.sort_by(|a, b| a.y().total_cmp(&b.y()));
    let lines = read.iter().map(|l| l.text().chars().filter(|c| !c.is_whitespace()).collect()).collect();
    (p, pdf, read, lines)
}

/// A story's attribution breaks between two people, never between a role and its name, and its
/// second line starts at the column's edge: review 49's 爱心驿站 (TEST DATA, the reviewer's copy)
/// set in one column printed 「（记者 何静 通讯员 / 吴昊）」, the second line 2.6 pt in (its space).
/// Read back from the PDF: 记者何静 on one line, 通讯员吴昊 on one line, and every line of the
/// attribution starting at the column's left edge.
#[test]
fn an_attribution_breaks_between_people_not_inside_a_credit() {
    let p = TestProject::sample();
    let copy = "4月16日，市总工会召开户外劳动者服务站点建设推进会，部署全市286家“爱心驿站”提档升级工作。\n\n根据安排，今年5月底前，全市“爱心驿站”将统一配齐冰箱、微波炉、饮水机、充电设施和应急药箱，开放时间原则上不少于每天10小时；位于商圈、交通枢纽周边的站点试行24小时开放。市总工会还将投入专项资金260万元，为环卫工人、快递员、外卖骑手等户外劳动者免费提供防暑降温物资。";
    common::page_edition(&p, "credit", "tabloid", &[("a", format!("# TEST DATA: review 49's copy\nheadline = \"“爱心驿站”提档升级\"\ndateline = \"本报讯\"\nattribution = \"记者 何静 通讯员 吴昊\"\nbody = \"\"\"\n{copy}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 1\ntop = 0\nheight = 64\n"))]);
    let pdf = p.out().join("credit.pdf");
    p.folio(&["build", "content/credit"]).assert_code(0);
    let f = &p.report("credit", false).compiled.data.pages[0].format;
    let left = f.bleed_pt + f.side_pt;
    let chars: Vec<typeset::Char> = typeset::chars(&pdf).concat().into_iter().filter(|c| !c.c.is_whitespace() && c.x0 < left + f.column_pt + 5.0 && c.x0 > left - 6.0).collect();
    let at = |s: &str| {
        let all: Vec<char> = s.chars().collect();
        chars.windows(all.len()).position(|w| w.iter().map(|c| c.c).eq(all.iter().copied())).unwrap_or_else(|| panic!("「{s}」 printed"))
    };
    let open = at("（记者");
    let lines: std::collections::BTreeSet<i64> = chars[open..].iter().take_while(|c| c.c != '）').map(|c| (c.y * 10.0).round() as i64).collect();
    assert!(lines.len() >= 2, "the attribution wraps here (the test's premise): {lines:?}");
    for pair in ["记者何静", "通讯员吴昊"] {
        let k = at(pair);
        let on: std::collections::BTreeSet<i64> = chars[k..k + pair.chars().count()].iter().map(|c| (c.y * 10.0).round() as i64).collect();
        assert_eq!(on.len(), 1, "「{pair}」 on one line");
    }
    for (k, c) in chars.iter().enumerate().skip(open + 1).take_while(|(_, c)| c.c != '）') {
        if c.y > chars[k - 1].y + 1.0 {
            assert!((c.x0 - left).abs() < 0.5, "a line of the attribution starts {:.1} pt from the column's edge: {}", c.x0 - left, c.c);
        }
    }
}

/// Paragraphs of `sentence` after the first 1, 2, … `n` characters of a filler, which puts each
/// of its characters at every place of a one-column line or so (TEST DATA).
fn at_every_place(sentence: &str, n: usize) -> String {
    let filler = "市民群众普遍反映良好各项工作稳步推进";
    (0..n).map(|k| format!("{}{sentence}", filler.chars().take(k + 1).collect::<String>())).collect::<Vec<_>>().join("\n\n")
}

/// The body lines of a `one_column` edition's PDF by baseline, each character read back with
/// the spaces (a justified line's wide word spaces would split it for `body_lines`, which parts
/// columns at half an em of white), and the column's left edge on the PDF's page.
fn first_column_lines(p: &TestProject, name: &str, pdf: &std::path::Path) -> (Vec<Vec<typeset::Char>>, f64) {
    let f = &p.report(name, false).compiled.data.pages[0].format;
    let left = f.bleed_pt + f.side_pt;
    let mut lines: Vec<Vec<typeset::Char>> = Vec::new();
    let mut body: Vec<typeset::Char> = typeset::chars(pdf).concat().into_iter().filter(|c| (c.size - TABLOID.size).abs() < 0.1 && c.x0 < left + f.column_pt + 5.0).collect();
    body.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    for c in body {
        match lines.last_mut() {
            Some(l) if (l[0].y - c.y).abs() < 1.0 => l.push(c),
            _ => lines.push(vec![c]),
        }
    }
    (lines, left)
}

/// A closing quote may end a line before a Latin word or a number (clreq), which the Unicode
/// line-breaking rules do not allow (a quotation mark keeps its neighbours unless both are
/// Chinese): in a one-column tabloid block (TEST DATA: sentences written for this test) whose
/// second lines end `“一网通办”` before `APP` and `“五聚工程”` before `15项`, read back from the
/// PDF, each such line ends with the quote, the next starts with the word, and no line is
/// loose; every character is printed and nothing else (no U+200B in the text). Without the
/// template's break (`break` runs set as nothing), the breaker has no place to break there.
#[test]
fn a_closing_quote_may_end_a_line_before_a_latin_word_or_a_number() {
    let copy = "市民今后可以通过手机上的“一网通办”APP预约办理各项业务。\n\n今年以来，该市在全市开展“五聚工程”15项特色项目建设。";
    let (p, pdf, _, lines) = one_column("quotes", copy);
    for (end, next) in [("“一网通办”", "APP"), ("“五聚工程”", "15")] {
        let at = lines.iter().position(|l| l.ends_with(end)).unwrap_or_else(|| panic!("a line ends with {end}: {lines:?}"));
        assert!(lines[at + 1].starts_with(next), "the next starts with {next}: {lines:?}");
    }
    let l = loose(&pdf, &TABLOID);
    assert!(l.per_page[0].is_empty(), "loose lines: {:?}", l.per_page[0]);
    let printed: String = lines.concat();
    let written: String = copy.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(printed, written, "every character printed, nothing else");
    let text = String::from_utf8(std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap().stdout).unwrap();
    assert!(text.contains("APP") && !text.contains('\u{200B}'), "{text}");

    p.edit("layouts/components.typ", |t| {
        assert!(t.contains("box(width: 0pt)"), "the template sets a `break` run as an empty box");
        t.replace("box(width: 0pt)", "[]")
    });
    p.folio(&["build", "content/quotes"]).assert_code(0);
    // (Since session 35 APP is a code set half width, so the line before it need not spread
    // either way; what the break gives is the place to break.)
    let mut read = typeset::body_lines(&pdf, TABLOID.size).concat();
    read.sort_by(|a, b| a.y().total_cmp(&b.y()));
    let lines: Vec<String> = read.iter().map(|l| l.text().chars().filter(|c| !c.is_whitespace()).collect()).collect();
    let at_quote = |end: &str, next: &str| lines.windows(2).any(|w| w[0].ends_with(end) && w[1].starts_with(next));
    assert!(!(at_quote("“一网通办”", "APP") && at_quote("“五聚工程”", "15")), "without the break, no line ends at both quotes: {lines:?}");
}

/// Spaces typed in Chinese copy that a Chinese paper does not print are not printed: copy
/// written with the web's spaces around figures and codes (共 15 人, 有 5G 网络), a space after a
/// full stop and inside brackets (TEST DATA: sentences written for this test) sets, read back
/// from the PDF, every character at the place it has in the same copy typed without them. The
/// space after the wire's dateline (北京11月2日电 国际…), in both, is kept: white between 电 and 国.
#[test]
fn spaces_chinese_copy_does_not_print_are_not_printed() {
    let wire = "\n\n新华社北京11月2日电 国际数据公司2日发布报告。";
    let spaced = format!("本市今年共 15 人获奖，全市已有 5G 网络覆盖 137 个村。 新的一年（ 记者 王芳 ）将继续推进，GDP 增长 5.2%。{wire}");
    let plain = format!("本市今年共15人获奖，全市已有5G网络覆盖137个村。新的一年（记者 王芳）将继续推进，GDP增长5.2%。{wire}");
    let (_p1, _, a, la) = one_column("spaced", &spaced);
    let (_p2, _, b, lb) = one_column("plain", &plain);
    assert_eq!(la, lb, "the same lines");
    let places = |l: &Line| l.chars.iter().filter(|c| !c.c.is_whitespace()).map(|c| (c.c, (c.x0 * 10.0).round() as i64, (c.y * 10.0).round() as i64)).collect::<Vec<_>>();
    for ((x, y), t) in a.iter().zip(&b).zip(&la) {
        assert_eq!(places(x), places(y), "line {t} set alike");
    }
    let find = |c: char| a.iter().flat_map(|l| &l.chars).find(|k| k.c == c).unwrap().clone();
    let (dian, guo) = (find('电'), find('国'));
    if (dian.y - guo.y).abs() < 1.0 {
        assert!(guo.x0 - dian.x1 > 0.15 * TABLOID.size, "a space after the dateline: {:.1} pt", guo.x0 - dian.x1);
    }
}

/// The same for the lead box (核心提示) and a photo's caption: a story (TEST DATA: sentences
/// written for this test) whose lead box and caption are typed with the web's spaces (今年 1-10
/// 月, 共 15 人, a space after a full stop) prints, read back from the PDF, every character of
/// the page where the same story typed without them prints it; the headline keeps the space an
/// editor typed between its phrases (白 between 缉毒 and 斩断 in both).
#[test]
fn the_lead_box_and_captions_drop_typed_spaces_as_the_copy_does() {
    let p = TestProject::sample();
    let story = |lead: &str, caption: &str| {
        format!(
            "# TEST DATA\nheadline = \"万里缉毒 斩断通道\"\nbody = \"\"\"\n本市今年查获案件多起，群众满意度明显提高。\n\"\"\"\n\n[lead]\ntitle = \"核心提示\"\ntext = \"{lead}\"\n\n[[photos]]\nfile = \"photos/a.png\"\ncaption = \"{caption}\"\ncolumn = 1\nspan = 2\nheight = 12\n\n[block]\ncolumn = 1\nspan = 3\ntop = 0\nheight = 40\n"
        )
    };
    let page = |name: &str, lead: &str, caption: &str| {
        let dir = common::page_edition(&p, name, "tabloid", &[("a", story(lead, caption))]);
        common::gradient(&dir.join("photos/a.png"), 1200, 900, 0);
        p.folio(&["build", &format!("content/{name}")]).assert_code(0);
        typeset::chars(&p.out().join(format!("{name}.pdf"))).concat().into_iter().filter(|c| !c.c.is_whitespace()).collect::<Vec<_>>()
    };
    let places = |v: &[typeset::Char]| v.iter().map(|c| (c.c, (c.x0 * 10.0).round() as i64, (c.y * 10.0).round() as i64)).collect::<Vec<_>>();
    let spaced = page("spaced", "今年 1-10 月，全市共破获案件 137 起。 抓获嫌疑人 15 名，GDP 增长 5.2%。", "10月24日， 民警在 G60 高速路口检查过往车辆");
    let plain = page("plain", "今年1-10月，全市共破获案件137起。抓获嫌疑人15名，GDP增长5.2%。", "10月24日，民警在G60高速路口检查过往车辆");
    assert!(spaced.iter().any(|c| c.c == '核') && spaced.iter().any(|c| c.c == '检'), "the lead box and the caption printed");
    assert_eq!(places(&spaced), places(&plain), "every character where the copy typed without spaces puts it");
    let at = |c: char| spaced.iter().find(|k| k.c == c).unwrap().clone();
    let (du, zhan) = (at('毒'), at('斩'));
    assert!(zhan.x0 - du.x1 > 0.2 * du.size, "the headline's space kept: {:.1} pt at {:.0} pt", zhan.x0 - du.x1, du.size);
}

/// A 破折号 (——) at a line's end stays inside the column: paragraphs (TEST DATA written for
/// this test) that put ——, …… and “—— at every place of a one-column tabloid line build (a
/// run past the column is an error) and, read back from the PDF, no line reaches past the
/// column's right edge. Typst sets —— as one glyph two ems wide and spread the other
/// characters of a justified line that ends in it as if the dash were narrower: review 45's
/// 体育 page stopped on 「子里只有一个念头——」, 4 pt past its column.
#[test]
fn a_dash_at_a_line_end_stays_in_its_column() {
    let copy = at_every_place("他说：“最后那个球，我脑子里只有一个念头——一定要进！”于是……“——好！”", 12);
    let (p, pdf, _, lines) = one_column("dash", &copy);
    // (Ghostscript reads the dash's one glyph as — and U+1414.)
    assert!(lines.iter().any(|l| l.replace('\u{1414}', "—").ends_with("——")), "a line ends with the dash: {lines:?}");
    let (read, left) = first_column_lines(&p, "dash", &pdf);
    let right = left + p.report("dash", false).compiled.data.pages[0].format.column_pt;
    // The lines that end in the dash (a mark Typst halves at a line's end reads back an em wide).
    let mut ending = 0;
    for l in read.iter().filter(|l| l.last().is_some_and(|c| matches!(c.c, '—' | '\u{1414}'))) {
        ending += 1;
        let end = l.iter().map(|c| c.x1).fold(f64::MIN, f64::max);
        let text: String = l.iter().map(|c| c.c).collect();
        assert!(end <= right + 0.5, "「{text}」 ends {:.1} pt past the column", end - right);
    }
    assert!(ending >= 3, "lines ending in the dash read back: {ending}");
}

/// A word of the attribution that fits the column (本报综合外电, a name) is never broken, and the
/// line before it is set solid, not spread: stories (TEST DATA written for this test) whose last
/// paragraph ends at every place of a one-column line, each with the attribution 本报综合外电,
/// build and, read back from the PDF, every attribution is whole on one line. Until session 45
/// a word of more than six characters broke (源受到市场关注。（本 | 报综合外电）), and pass 2 set
/// the piece before the break in a box that ran the line past its column: review 45's 科技
/// page did not build.
#[test]
fn a_word_of_the_attribution_is_never_broken() {
    let p = TestProject::sample();
    let filler = "市民群众普遍反映良好各项工作稳步推进";
    // Twelve one-column blocks, two down each column: the last line ends at every place.
    let stories: Vec<(String, String)> = (0..12)
        .map(|k| {
            let para = format!("{}分析人士指出，其长期承诺的资金来源受到市场关注。", filler.chars().take(k + 1).collect::<String>());
            (format!("s{k}"), format!("# TEST DATA\nheadline = \"测试{k}\"\nattribution = \"本报综合外电\"\nbody = \"\"\"\n{para}\n\"\"\"\n\n[block]\ncolumn = {}\nspan = 1\ntop = {}\nheight = 30\n", k % 6 + 1, k / 6 * 32))
        })
        .collect();
    let refs: Vec<(&str, String)> = stories.iter().map(|(a, b)| (a.as_str(), b.clone())).collect();
    common::page_edition(&p, "attr", "tabloid", &refs);
    p.folio(&["build", "content/attr"]).assert_code(0);
    let pdf = p.out().join("attr.pdf");
    let text = String::from_utf8(std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().unwrap().stdout).unwrap();
    let whole = text.matches("（本报综合外电）").count();
    assert_eq!(whole, 12, "every attribution whole on its line: {text}");
}

/// A line never starts with the wave dash of a range or the middle dot of a foreign name (禁则;
/// the Unicode rules allow a break before both): paragraphs (TEST DATA written for this test)
/// that put 15.6%～18.2% and 约翰·史密斯 at every place of a one-column tabloid line, read back
/// from the PDF, have no line starting with ～ or ·, and `folio check` finds no `kinsoku`.
/// Before session 37 the breaker set 15.6% | ～18.2%. No white stands beside a range's dash:
/// until session 38 the quarter-em pad of a number of an odd count of places stood there, read
/// as a space typed by it (15.6%～ 18.2%, 1 —9月).
#[test]
fn a_line_never_starts_with_a_range_dash_or_a_name_dot() {
    let (p, _, read, lines) = one_column("marks", &at_every_place("同比增长15.6%～18.2%，1—9月约翰·史密斯说。", 10));
    assert!(lines.iter().any(|l| l.contains('～')) && lines.iter().any(|l| l.contains('·')), "{lines:?}");
    let mut after_dash = 0;
    for l in &read {
        let first = l.chars.iter().find(|c| !c.c.is_whitespace()).map(|c| c.c);
        assert!(!matches!(first, Some('～' | '·')), "a line starts with a mark it may not: {}", l.text());
        // No pad beside a range's dash (15.6%～ 18.2%, 1 —9月: read as a space typed there).
        let dash = |c: char| matches!(c, '～' | '—');
        for w in l.chars.windows(2).filter(|w| (dash(w[0].c) && w[1].c.is_ascii_digit()) || (w[0].c.is_ascii_digit() && w[1].c == '—')) {
            after_dash += 1;
            assert!(w[1].x0 - w[0].x1 < 0.1 * w[0].size, "white between {}{} in {}: {:.2} em", w[0].c, w[1].c, l.text(), (w[1].x0 - w[0].x1) / w[0].size);
        }
    }
    assert!(after_dash >= 15, "ranges read: {after_dash}");
    assert_eq!(findings(&p, "marks", "kinsoku"), Vec::<serde_json::Value>::new());
}

/// A number and its unit or sign stay on one line (clreq; JIS X 4051's postfixed and prefixed
/// abbreviations): paragraphs (TEST DATA written for this test) that put 3℃, 5‰, 7°, ±5,
/// ¥9 and №3 at every place of a one-column tabloid line, read back from the PDF, have no line
/// starting with ℃ ‰ ° nor ending with ± ¥ №, and `folio check` finds no `kinsoku`. Until
/// session 38 the quarter-em pad either side of a number of an odd count of places (3, 137)
/// was a place to break, and a line of copy from another paper started with ℃ (高2～3 | ℃).
#[test]
fn a_number_is_never_parted_from_its_unit_or_sign() {
    let (p, _, read, lines) = one_column("units", &at_every_place("气温3℃，湿度5‰，转7°，电压±5伏，售价¥9元，№3号台风。", 10));
    assert!(lines.iter().any(|l| l.contains('℃')) && lines.iter().any(|l| l.contains('±')), "{lines:?}");
    for l in &read {
        let printed: Vec<char> = l.chars.iter().map(|c| c.c).filter(|c| !c.is_whitespace()).collect();
        let (first, last) = (printed.first().copied(), printed.last().copied());
        assert!(!matches!(first, Some('℃' | '‰' | '°')), "a line starts with a unit: {}", l.text());
        assert!(!matches!(last, Some('±' | '¥' | '№')), "a line ends with a sign: {}", l.text());
    }
    assert_eq!(findings(&p, "units", "kinsoku"), Vec::<serde_json::Value>::new());
}

/// Copy from another paper's sports and service pages (TEST DATA written for this test, the
/// sentence at every place of a one-column tabloid line): an e-mail address and a web address
/// wider than the column, a score 3∶1, a temperature -5℃. Until session 38 the addresses were a
/// `too-wide` error (the build refused: Typst breaks Latin text only at spaces and hyphens) and
/// the quarter-em pads of the figures set 3 ∶ 1 and - 5℃, and broke lines there. Read back from
/// the PDF: every address printed whole in order (no hyphen added), a line ending inside one
/// followed by a line starting with a letter or a figure of it (never a mark); nothing between
/// 3, ∶ and 1 or - and 5 but the glyphs; no line starting or ending with ∶; and `folio check`
/// finds nothing too wide, no `kinsoku` and no loose line.
#[test]
fn an_address_breaks_between_its_letters_and_a_score_or_a_sign_stays_with_its_numbers() {
    let mail = "customer-service@example-company.com.cn";
    let web = "https://www.example.gov.cn/zwgk/tzgg/index.html";
    let (p, _, read, lines) = one_column("address", &at_every_place(&format!("咨询邮箱{mail}，网址{web}。主队以3∶1获胜，当晚气温-5℃。"), 6));
    let all: String = lines.concat();
    assert_eq!(all.matches(mail).count(), 6, "{lines:?}");
    assert_eq!(all.matches(web).count(), 6, "{lines:?}");
    let mut broken = 0;
    for (i, l) in lines.iter().enumerate() {
        // A line ending inside an address: the next line goes on with it.
        let Some(next) = lines.get(i + 1) else { continue };
        let inside = [mail, web].iter().any(|a| (1..a.len()).any(|k| l.ends_with(&a[..k]) && next.starts_with(&a[k..a.len().min(k + 3)])));
        if inside {
            broken += 1;
            assert!(next.starts_with(|c: char| c.is_ascii_alphanumeric()), "a line starts with a mark of an address: {l} | {next}");
        }
    }
    assert!(broken >= 6, "lines ending inside an address: {broken} ({lines:?})");
    for l in &read {
        let printed: Vec<&typeset::Char> = l.chars.iter().filter(|c| !c.c.is_whitespace()).collect();
        assert!(printed.first().is_none_or(|c| c.c != '∶') && printed.last().is_none_or(|c| c.c != '∶'), "a score parted: {}", l.text());
        for w in printed.windows(2).filter(|w| (w[0].c.is_ascii_digit() && w[1].c == '∶') || (matches!(w[0].c, '∶' | '-') && w[1].c.is_ascii_digit())) {
            assert!(w[1].x0 - w[0].x1 < 0.1 * w[0].size, "white between {}{} in {}: {:.2} em", w[0].c, w[1].c, l.text(), (w[1].x0 - w[0].x1) / w[0].size);
        }
    }
    for code in ["too-wide", "kinsoku", "loose-line"] {
        assert!(findings(&p, "address", code).is_empty(), "{code}: {:#?}", findings(&p, "address", code));
    }
}

/// The lead box (核心提示) of a story from another paper's service page (TEST DATA written for
/// this test, the sentence at every place of the box's line): a web address, an e-mail address
/// and a range of temperatures. Until session 39 the box set its text whole, not in runs as the
/// body is: an address broke only at its marks and the line took its slack between the
/// address's letters, up to a third of an em apart. Read back from the PDF (the box's 楷 glyphs):
/// every address printed whole, no line of the box starting with a mark of one, ～ or ℃, and no
/// two Latin letters or figures side by side more than a tenth of an em apart.
#[test]
fn a_lead_box_breaks_an_address_between_its_letters_and_keeps_a_range_whole() {
    let mail = "customer-service@example-company.com.cn";
    let web = "https://www.example.gov.cn/zwgk/tzgg/index.html";
    let lead = at_every_place(&format!("详情请登录{web}查询，或发邮件至{mail}咨询。预计气温2～3℃。"), 5);
    let p = TestProject::sample();
    let body = "本市今年查获案件多起，群众满意度明显提高。".repeat(4);
    common::page_edition(&p, "leadbox", "tabloid", &[("a", format!("# TEST DATA\nheadline = \"测试\"\nbody = \"\"\"\n{body}\n\"\"\"\n\n[lead]\ntitle = \"核心提示\"\ntext = \"\"\"\n{lead}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 2\ntop = 0\nheight = 64\n"))]);
    p.folio(&["build", "content/leadbox"]).assert_code(0);
    let mut kai: Vec<typeset::Char> = typeset::chars(&p.out().join("leadbox.pdf")).concat().into_iter().filter(|c| c.font.contains("WenKai") && !c.c.is_whitespace()).collect();
    kai.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<typeset::Char>> = Vec::new();
    for c in kai {
        match lines.last_mut() {
            Some(l) if (l[0].y - c.y).abs() < 0.3 * c.size => l.push(c),
            _ => lines.push(vec![c]),
        }
    }
    let text: Vec<String> = lines.iter().map(|l| l.iter().map(|c| c.c).collect()).collect();
    let all = text.concat();
    assert_eq!(all.matches(web).count(), 5, "{text:?}");
    assert_eq!(all.matches(mail).count(), 5, "{text:?}");
    for (l, t) in lines.iter().zip(&text) {
        let first = t.chars().next().unwrap();
        assert!(!(first.is_ascii_punctuation() || first == '～' || first == '℃'), "a line of the lead box starts with {first}: {t}");
        for w in l.windows(2).filter(|w| w[0].c.is_ascii_alphanumeric() && w[1].c.is_ascii_alphanumeric()) {
            assert!(w[1].x0 - w[0].x1 < 0.1 * w[0].size, "{}{} {:.2} em apart in {t}", w[0].c, w[1].c, (w[1].x0 - w[0].x1) / w[0].size);
        }
    }
}

/// Copy typed in a word processor or exported from a newsroom system starts each paragraph
/// on a line of its own with two full-width spaces (TEST DATA written for this test, with the
/// CR LF line ends such files have): until session 38 the lines were joined into one
/// paragraph, their indents dropped. Read back from the PDF: three lines start indented by the
/// house's two characters, one a paragraph, and every character of the copy is printed once.
#[test]
fn paragraphs_typed_with_full_width_indents_stay_paragraphs() {
    let copy = "\u{3000}\u{3000}本报讯 今年以来，我市持续推进城市更新行动，累计完成老旧小区改造120个。\r\n\u{3000}\u{3000}据介绍，改造内容包括供水、排水、供电等基础设施。\r\n\u{3000}\u{3000}下一步，我市将继续加大投入力度。";
    let (p, pdf, _, lines) = one_column("indents", copy);
    let (read, left) = first_column_lines(&p, "indents", &pdf);
    let starts: Vec<String> = read
        .iter()
        .filter(|l| l.iter().find(|c| !c.c.is_whitespace()).is_some_and(|c| (c.x0 - left - 2.0 * c.size).abs() < 0.3 * c.size))
        .map(|l| l.iter().map(|c| c.c).collect::<String>().trim().to_string())
        .collect();
    assert_eq!(starts.len(), 3, "indented lines: {starts:?} of {lines:?}");
    assert!(starts[1].starts_with("据介绍") && starts[2].starts_with("下一步"), "{starts:?}");
    let all: String = lines.concat();
    assert_eq!(all.matches("改造内容包括").count(), 1, "{lines:?}");
}

/// Place names with accented Latin letters in Chinese copy (TEST DATA written for this test),
/// read back from the PDF: no white between two letters of a word (Belém printed as "Bel ém",
/// Zürich as "Z ürich", São as "S ão" until session 40: the ASCII letters before an accented
/// one were taken for a code and padded a quarter em), the space between two words kept
/// (José Martí), and every letter printed.
#[test]
fn accented_latin_letters_stay_in_their_words() {
    let copy = "大会在巴西城市贝伦（Belém）举行，苏黎世（Zürich）、圣保罗（São Paulo）、克拉科夫（Kraków）等地代表与会。古巴诗人何塞·马蒂（José Martí）的诗句被多次引用。越南代表阮文安（Nguyễn Văn An）发言。";
    let (p, pdf, _, _) = one_column("accents", copy);
    let (lines, _) = first_column_lines(&p, "accents", &pdf);
    let letter = |c: char| c.is_alphabetic() && (c as u32) < 0x2000;
    for l in &lines {
        let text: String = l.iter().map(|c| c.c).collect();
        for w in l.windows(2).filter(|w| letter(w[0].c) && letter(w[1].c)) {
            assert!((w[1].x0 - w[0].x1) / w[0].size < 0.05, "white inside a word, {}{}: {:.2} em in 「{text}」", w[0].c, w[1].c, (w[1].x0 - w[0].x1) / w[0].size);
        }
    }
    let printed: String = lines.iter().flatten().map(|c| c.c).collect::<String>().replace("-", "");
    for word in ["Belém", "Zürich", "São", "Paulo", "Kraków", "José", "Martí", "Nguyễn", "Văn"] {
        assert!(printed.contains(word) || printed.replace(char::is_whitespace, "").contains(word), "{word} not printed: {printed}");
    }
    // José and Martí on one line stand a word space apart.
    for l in &lines {
        let printed: Vec<&typeset::Char> = l.iter().filter(|c| !c.c.is_whitespace()).collect();
        for w in printed.windows(2).filter(|w| w[0].c == 'é' && w[1].c == 'M') {
            assert!((w[1].x0 - w[0].x1) / w[1].size > 0.15, "José Martí closed up");
        }
    }
}

/// An attribution naming an office, not a reporter (TEST DATA: （江西省公安厅禁毒总队供稿）, 14
/// characters with its brackets) in a one-column tabloid block of ten: it wraps onto the next
/// line and the build passes; each word of an attribution was one box, never broken, and this
/// one ran past the column's edge (a `too-wide` error blaming the copy before it) until session
/// 40. A name's word stays whole (（记者 王芳） in the same test's second story).
#[test]
fn an_attribution_longer_than_a_column_wraps_inside_it() {
    let p = TestProject::sample();
    let story = |attribution: &str, column: u32| format!("# TEST DATA\nheadline = \"测试\"\nattribution = \"{attribution}\"\nbody = \"\"\"\n全市今年查获毒品案件多起，群众满意度明显提高。\n\"\"\"\n\n[block]\ncolumn = {column}\nspan = 1\ntop = 0\nheight = 64\n");
    common::page_edition(&p, "office", "tabloid", &[("a", story("江西省公安厅禁毒总队供稿", 1)), ("b", story("记者 王芳", 2))]);
    p.folio(&["build", "content/office"]).assert_code(0);
    let pdf = p.out().join("office.pdf");
    let f = &p.report("office", false).compiled.data.pages[0].format;
    let (left, right) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.side_pt + f.column_pt);
    let kai: Vec<typeset::Char> = typeset::chars(&pdf).concat().into_iter().filter(|c| c.font.contains("WenKai") && !c.c.is_whitespace()).collect();
    let office: Vec<&typeset::Char> = kai.iter().filter(|c| c.x0 < right + 1.0).collect();
    assert_eq!(office.iter().map(|c| c.c).collect::<String>(), "（江西省公安厅禁毒总队供稿）");
    assert!(office.iter().all(|c| c.x0 >= left - 0.5 && c.x1 <= right + 0.5), "inside its column");
    assert!(office.iter().map(|c| (c.y * 10.0).round() as i64).collect::<std::collections::BTreeSet<_>>().len() == 2, "on two lines");
    let name: Vec<&typeset::Char> = kai.iter().filter(|c| "王芳".contains(c.c)).collect();
    assert!(name.len() == 2 && (name[0].y - name[1].y).abs() < 0.5, "the reporter's name whole on a line");
}

/// A quotation in English within Chinese copy (TEST DATA written for this test), read back
/// from the PDF: every line that starts with a word starts at the column's edge (pass 2 set the
/// space a line broke at at the next line's start until session 37: each such line began a
/// space's width in), and no word space is closed up below a sixth of an em (the 8 % of an em
/// a Chinese line may close each character up by ran "chief economist at ABC" together: 0.08 em
/// spaces, until session 37).
#[test]
fn an_english_quotation_is_not_closed_up_and_no_line_starts_with_a_space() {
    let copy = "他介绍说：“The recovery is gaining momentum,” said John Smith, chief economist at ABC Capital, in Beijing on Monday. 他认为，全年预期目标有望实现。";
    let (p, pdf, _, _) = one_column("english", copy);
    let (lines, left) = first_column_lines(&p, "english", &pdf);
    let text = |l: &[typeset::Char]| l.iter().map(|c| c.c).collect::<String>();
    let words: Vec<&Vec<typeset::Char>> = lines.iter().skip(1).filter(|l| l.iter().find(|c| !c.c.is_whitespace()).is_some_and(|c| c.c.is_ascii_alphabetic())).collect();
    assert!(words.len() >= 3, "lines starting with a word: {:?}", lines.iter().map(|l| text(l)).collect::<Vec<_>>());
    for l in words {
        let x0 = l.iter().find(|c| !c.c.is_whitespace()).map_or(0.0, |c| c.x0);
        assert!((x0 - left).abs() < 0.6, "{} starts {:.1} pt in from the column's edge", text(l), x0 - left);
    }
    let mut spaces = 0;
    for l in &lines {
        let printed: Vec<&typeset::Char> = l.iter().collect();
        for w in printed.windows(3).filter(|w| w[0].c.is_ascii_alphabetic() && w[1].c == ' ' && w[2].c.is_ascii_alphabetic()) {
            spaces += 1;
            let gap = (w[2].x0 - w[0].x1) / w[0].size;
            assert!(gap >= 0.16, "the space in {}: {gap:.3} em", text(l));
        }
    }
    assert!(spaces >= 5, "word spaces read: {spaces}");
}

/// A poem (TEST DATA written for this test) in a story with `verse = true`, as a 副刊 page sets
/// one, in a one-column tabloid block. Until session 39 its lines ran together into one
/// justified paragraph. Read back from the PDF: each line of the poem that fits the column
/// (ten characters) is a printed line of its own starting at the column's edge, the line too
/// long for it wraps onto a second line two characters in, the stanzas stand a blank line
/// apart, every character is printed once, and `folio check` finds no loose line.
#[test]
fn a_poem_keeps_its_lines_and_stanzas() {
    let poem = ["江水向东流去", "带走了冬天最后的一片雪", "岸边的柳树", "", "我站在渡口", "看一只白鹭掠过水面飞向远处的青山", "春天来了"];
    let p = TestProject::sample();
    common::page_edition(&p, "poem", "tabloid", &[("a", format!("# TEST DATA\nheadline = \"春日江边\"\nverse = true\nbody = \"\"\"\n{}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 1\ntop = 0\nheight = 40\n", poem.join("\n")))]);
    p.folio(&["build", "content/poem"]).assert_code(0);
    let pdf = p.out().join("poem.pdf");
    let (lines, left) = first_column_lines(&p, "poem", &pdf);
    let text = |l: &[typeset::Char]| l.iter().map(|c| c.c).filter(|c| !c.is_whitespace()).collect::<String>();
    let printed: Vec<String> = lines.iter().map(|l| text(l)).collect();
    let size = TABLOID.size;
    let at = |l: &[typeset::Char]| (l.iter().find(|c| !c.c.is_whitespace()).map_or(left, |c| c.x0) - left) / size;
    // Lines of the poem that fit: one printed line each, flush left.
    for line in poem.iter().filter(|l| !l.is_empty() && l.chars().count() <= 10) {
        let k = printed.iter().position(|t| t == line).unwrap_or_else(|| panic!("「{line}」 is not a line of its own: {printed:?}"));
        assert!(at(&lines[k]) < 0.2, "「{line}」 starts {:.2} em in", at(&lines[k]));
    }
    // The long lines: wrapped, the rest two characters in.
    for line in poem.iter().filter(|l| l.chars().count() > 10) {
        let k = printed.iter().position(|t| line.starts_with(t.as_str()) && t.chars().count() >= 5).unwrap_or_else(|| panic!("「{line}」 not found: {printed:?}"));
        assert_eq!(format!("{}{}", printed[k], printed[k + 1]), *line, "{printed:?}");
        assert!(at(&lines[k]) < 0.2 && (at(&lines[k + 1]) - 2.0).abs() < 0.2, "「{line}」 wraps {:.2} em in", at(&lines[k + 1]));
    }
    // The stanzas a blank line apart: two pitches between their lines, one elsewhere.
    let y = |t: &str| lines[printed.iter().position(|p| p == t).unwrap()][0].y;
    let pitch = y("岸边的柳树") - y(printed[printed.iter().position(|p| p == "岸边的柳树").unwrap() - 1].as_str());
    assert!(((y("我站在渡口") - y("岸边的柳树")) / pitch - 2.0).abs() < 0.05, "stanza gap {:.2} pitches", (y("我站在渡口") - y("岸边的柳树")) / pitch);
    assert_eq!(printed.concat(), poem.concat());
    assert!(findings(&p, "poem", "loose-line").is_empty(), "{:#?}", findings(&p, "poem", "loose-line"));
}

/// A poem of two stanzas of five lines (TEST DATA written for this test) in a block of two
/// columns of five lines: the stanzas stand side by side, the second column's first line on
/// the first column's first line's baseline. The blank line between the stanzas, which falls
/// at the second column's top, is left out there (a column of a poem opening with white reads
/// as a hole; kept, it pushed the last line out of the block: overset).
#[test]
fn a_column_of_a_poem_never_opens_with_a_stanza_s_blank_line() {
    let poem = "江水向东流去\n带走了冬天的雪\n岸边的柳树\n抽出新芽\n在风里摇动\n\n我站在渡口\n看白鹭飞过\n春天来了\n花开了\n鸟儿叫了";
    let p = TestProject::sample();
    common::page_edition(&p, "stanzas", "tabloid", &[("a", format!("# TEST DATA\nheadline = \"江边\"\nverse = true\nbody = \"\"\"\n{poem}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 2\ntop = 0\nheight = 8\n"))]);
    p.folio(&["build", "content/stanzas"]).assert_code(0);
    let f = &p.report("stanzas", false).compiled.data.pages[0].format;
    let left = f.bleed_pt + f.side_pt;
    let body: Vec<typeset::Char> = typeset::chars(&p.out().join("stanzas.pdf")).concat().into_iter().filter(|c| (c.size - TABLOID.size).abs() < 0.1 && !c.c.is_whitespace()).collect();
    let top = |col: usize| {
        let x0 = left + col as f64 * (f.column_pt + f.gutter_pt);
        body.iter().filter(|c| c.x0 >= x0 - 1.0 && c.x0 < x0 + f.column_pt).map(|c| c.y).fold(f64::MAX, f64::min)
    };
    let first: String = body.iter().filter(|c| (c.y - top(1)).abs() < 0.5 && c.x0 >= left + f.column_pt).map(|c| c.c).collect();
    assert!((top(0) - top(1)).abs() < 0.5, "the second column starts {:.1} pt lower ({first})", top(1) - top(0));
    assert_eq!(first, "我站在渡口");
}

/// A 副刊 page folio places itself (TEST DATA written for this test: an essay and two poems, no
/// `[block]`): each poem stands in a block at most two columns wide (`VERSE_MAX_SPAN`), as a
/// 美编 sets a poem down the page, and every line of it is a printed line of its own. With six
/// paragraphs fewer of the essay, the page is refused as short, and what to add is asked of the
/// essay, not of the poems: until session 39 the search spread the poems' stanzas across five
/// columns of two or three lines each to fill it.
#[test]
fn folio_places_a_poem_in_a_narrow_block() {
    let sentences = ["故乡的河是一条不大的河，河水清澈见底，两岸长满了芦苇。", "小时候，我们常常在河边玩耍，捉鱼摸虾，直到天黑才回家。", "后来我离开了故乡，到城里读书、工作，很少再回去。", "每当想起那条河，心里总是暖暖的。", "去年秋天，我终于回了一趟老家，河还是那条河，只是岸边多了一条步道。", "母亲说，村里的年轻人大多去了城里，只有老人还守着这片土地。"];
    let essay_of = |n: usize| (0..n).map(|k| (0..4).map(|j| sentences[(k + j) % 6]).collect::<String>()).collect::<Vec<_>>().join("\n\n");
    let essay = essay_of(28);
    let p1 = "江水向东流去\n带走了冬天最后的一片雪\n岸边的柳树已经抽出新芽\n在风里轻轻摇动\n\n我站在渡口\n看一只白鹭掠过水面，飞向远处的青山和更远处的云\n渡船慢慢靠岸\n船夫的号子在水上回荡\n\n春天来了\n每一朵花都在说话\n每一条小路都通向远方";
    let p2 = ["秋风吹过田野\n稻谷低下了头\n农人站在田埂上\n笑得像一束阳光"; 3].join("\n\n");
    let p = TestProject::sample();
    let dir = common::page_edition(&p, "fukan", "tabloid", &[
        ("essay", format!("# TEST DATA\nheadline = \"故乡的河\"\nbyline = \"王明\"\nbody = \"\"\"\n{essay}\n\"\"\"\n")),
        ("p1", format!("# TEST DATA\nheadline = \"春日江边\"\nbyline = \"李华\"\nverse = true\nbody = \"\"\"\n{p1}\n\"\"\"\n")),
        ("p2", format!("# TEST DATA\nheadline = \"秋收\"\nbyline = \"张敏\"\nverse = true\nbody = \"\"\"\n{p2}\n\"\"\"\n")),
    ]);
    let report = p.report("fukan", true);
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    for (si, name) in [(1, "p1"), (2, "p2")] {
        let w = page.stories[si].block.w;
        assert!(w <= f.span_width(2) + 0.5, "{name} placed {:.0} pt wide, more than two columns ({:.0} pt)", w, f.span_width(2));
    }
    let read = typeset::body_lines(&p.out().join("fukan.pdf"), TABLOID.size).concat();
    let printed: Vec<String> = read.iter().map(|l| l.text().chars().filter(|c| !c.is_whitespace()).collect()).collect();
    for line in ["江水向东流去", "在风里轻轻摇动", "我站在渡口", "渡船慢慢靠岸", "春天来了", "秋风吹过田野", "稻谷低下了头", "农人站在田埂上", "笑得像一束阳光"] {
        assert!(printed.iter().any(|p| p == line), "「{line}」 is not a line of its own: {printed:?}");
    }
    // Short of the page: refused, the essay asked to grow.
    std::fs::write(dir.join("stories/essay.toml"), format!("# TEST DATA\nheadline = \"故乡的河\"\nbyline = \"王明\"\nbody = \"\"\"\n{}\n\"\"\"\n", essay_of(22))).unwrap();
    let run = p.folio(&["place", "content/fukan"]);
    assert_ne!(run.code(), 0, "{}", run.stdout());
    assert!(run.stderr().contains("characters to essay") && !run.stderr().contains("characters to p"), "{}", run.stderr());
}

/// The English copy of the test above (TEST DATA) in a block of two tabloid columns set as one
/// (变栏, `text_columns = 1`: a column of 21 characters), as the `loose-line` hint now offers:
/// read back from the PDF, its lines run the block's whole width, no space between words is
/// over ¾ em, and `folio check` finds no loose line; in one grid column the same copy has them.
#[test]
fn english_copy_set_in_a_wider_column_of_its_own_is_not_loose() {
    let copy = "The city's first international marathon drew more than 20,000 runners from 35 countries on Sunday, organisers said. Kenya's Peter Kamau won the men's race in 2:08:15.\n\nThe event, which started at 7:30 a.m. from People's Square, is expected to become an annual fixture on the city's sports calendar.";
    let (p, _, _, _) = one_column("english-narrow", copy);
    assert!(!findings(&p, "english-narrow", "loose-line").is_empty(), "in one grid column the copy sets loose lines");
    common::page_edition(&p, "english-wide", "tabloid", &[("a", format!("# TEST DATA\nheadline = \"English Corner\"\nbody = \"\"\"\n{copy}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 2\ntop = 0\nheight = 64\ntext_columns = 1\n"))]);
    p.folio(&["build", "content/english-wide"]).assert_code(0);
    let pdf = p.out().join("english-wide.pdf");
    let f = &p.report("english-wide", false).compiled.data.pages[0].format;
    let (left, width) = (f.bleed_pt + f.side_pt, f.span_width(2));
    let mut body: Vec<typeset::Char> = typeset::chars(&pdf).concat().into_iter().filter(|c| (c.size - TABLOID.size).abs() < 0.1).collect();
    body.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let lines: Vec<Vec<typeset::Char>> = body.chunk_by(|a, b| (a.y - b.y).abs() < 0.5).map(|l| l.to_vec()).collect();
    assert!(lines.len() >= 8, "{} lines", lines.len());
    let full = lines.iter().filter(|l| l.last().is_some_and(|c| (c.x1 - (left + width)).abs() < 0.5 * TABLOID.size)).count();
    assert!(full + 2 >= lines.len(), "lines across the block's width: {full} of {}", lines.len());
    for l in &lines {
        let printed: Vec<&typeset::Char> = l.iter().filter(|c| !c.c.is_whitespace()).collect();
        for w in printed.windows(2).filter(|w| l.iter().any(|c| c.c == ' ' && c.x0 >= w[0].x1 - 0.1 && c.x0 < w[1].x0)) {
            assert!((w[1].x0 - w[0].x1) / w[0].size < 0.75, "a wide space: {}", l.iter().map(|c| c.c).collect::<String>());
        }
    }
    assert!(findings(&p, "english-wide", "loose-line").is_empty(), "{:#?}", findings(&p, "english-wide", "loose-line"));
}

/// Copy in English set in a column of ten Chinese characters holds two or three words a line,
/// and a justified line's slack all goes into its spaces: in a one-column tabloid block (TEST
/// DATA: a marathon report written for this test) some lines print a space between words an
/// em or more wide. `folio check` found none of them (its loose-line measure read the spread
/// between Han characters only); now each line whose widest space between two Latin words or
/// figures is over ¾ em, read back from the PDF, is a `loose-line` finding naming the line, and
/// no other line is.
#[test]
fn english_copy_with_wide_word_spaces_is_reported_line_by_line() {
    let copy = "The city's first international marathon drew more than 20,000 runners from 35 countries on Sunday, organisers said. Kenya's Peter Kamau won the men's race in 2:08:15.\n\nThe event, which started at 7:30 a.m. from People's Square, is expected to become an annual fixture on the city's sports calendar.";
    let (p, pdf, _, _) = one_column("english-loose", copy);
    let (lines, _) = first_column_lines(&p, "english-loose", &pdf);
    let reported: Vec<String> = findings(&p, "english-loose", "loose-line").iter().map(|x| x["message"].as_str().unwrap().to_string()).collect();
    // Each line's widest white between two printed characters with a space between them.
    let text = |l: &[typeset::Char]| l.iter().map(|c| c.c).collect::<String>().trim().to_string();
    let mut loose: Vec<String> = Vec::new();
    let mut widest_seen: f64 = 0.0;
    let mut near = 0;
    for l in &lines {
        let printed: Vec<&typeset::Char> = l.iter().filter(|c| !c.c.is_whitespace()).collect();
        let widest = printed
            .windows(2)
            .filter(|w| l.iter().any(|c| c.c == ' ' && c.x0 >= w[0].x1 - 0.1 && c.x0 < w[1].x0))
            .map(|w| (w[1].x0 - w[0].x1) / w[0].size)
            .fold(0.0, f64::max);
        widest_seen = widest_seen.max(widest);
        if widest > 0.8 {
            loose.push(text(l));
        } else if widest > 0.7 {
            // Too near the line to tell apart from the measure's rounding: not asserted.
            near += 1;
        }
    }
    assert!(widest_seen > 1.0 && loose.len() >= 2, "the copy sets lines with spaces over an em: {:?}", lines.iter().map(|l| text(l)).collect::<Vec<_>>());
    // (Ghostscript reads the fi ligature back as two other characters: lines are told by
    // their last word.)
    let last = |l: &str| l.rsplit(' ').next().unwrap_or_default().to_string();
    for l in &loose {
        assert!(reported.iter().any(|m| m.contains(&format!(" {}」", last(l))) && m.contains("between words")), "{l} not reported: {reported:#?}");
    }
    assert!(reported.len() <= loose.len() + near, "reported: {reported:#?}, read loose: {loose:?}");
}

/// An English word longer than the column is hyphenated, not run past it: in a one-column
/// tabloid block (TEST DATA: a sentence written for this test), `Pneumonoultramicroscopicsilico
/// volcanoconiosis` (45 letters, some 23 em in a 10-character column) was a `too-wide` error
/// and the build was refused; now the build writes the page, and read back from the PDF the
/// word's lines end with a hyphen and hold its letters in order, each line inside the column,
/// and `folio check` finds nothing too wide.
#[test]
fn a_long_english_word_is_hyphenated_not_run_past_its_column() {
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    let (p, _, read, lines) = one_column("latin", &format!("这种病又称{word}，是一种职业病。"));
    let broken: Vec<&String> = lines.iter().filter(|l| l.ends_with('-')).collect();
    assert!(broken.len() >= 2, "the word broken with hyphens: {lines:?}");
    let joined: String = lines.iter().map(|l| l.strip_suffix('-').unwrap_or(l)).collect();
    assert!(joined.contains(word), "every letter in order: {joined}");
    let f = &p.report("latin", false).compiled.data.pages[0].format;
    let right = f.bleed_pt + f.side_pt + f.column_pt;
    // (A full-width mark at a line's end keeps its em, its empty half past the column: the
    // letters and the hyphen are what must stay inside.)
    for l in &read {
        let x1 = l.chars.iter().filter(|c| c.c.is_ascii_alphabetic() || c.c == '-').map(|c| c.x1).fold(f64::MIN, f64::max);
        assert!(x1 <= right + 3.0, "inside the column: {} ends at {x1:.1}, the column at {right:.1}", l.text());
    }
    let run = p.folio(&["check", "content/latin", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert!(!v["findings"].as_array().unwrap().iter().any(|f| f["code"] == "too-wide"), "{v:#}");
}

/// A term or a brand with a capital after its first letter (TOPCon, iPhone) is never
/// hyphenated: a 财经 desk's copy (TEST DATA, after review 43's caijing edition) printed a solar
/// cell as TOP-|Con, which reads as its spelling. The sentence at every place of a one-column
/// line, read back from the PDF: the term whole on a line in each paragraph, where the
/// session-43 binary broke TOP-|Con in two of the ten; a name (Ganfeng) still hyphenates
/// where that sets the paragraph better (Gan-|feng, a pinyin syllable's end: kept whole, its
/// line spread by 28% of an em or more).
#[test]
fn terms_in_mixed_case_are_never_hyphenated() {
    let copy = at_every_place("，赣锋锂业Ganfeng公司与天合光能的N型TOPCon电池组件、Jinko太阳能板同日发布。", 10);
    let (_, _, _, lines) = one_column("terms", &copy);
    let whole = lines.iter().filter(|l| l.contains("TOPCon")).count();
    assert_eq!(whole, 10, "TOPCon whole on a line in each of the 10 paragraphs: {lines:#?}");
    assert!(lines.iter().filter(|l| l.ends_with('-')).all(|l| l.ends_with("Gan-")), "{lines:#?}");
}

#[test]
fn without_the_refinements_digits_spread_their_lines_and_are_found() {
    // The measurement sees what the refinements prevent: in the plain setting (the fonts'
    // proportional digits, 0.513 em, and no closing up) a line holding "14" is spread by about
    // a ninth of an em, and folio check finds each such line.
    // The automatic sample: its blocks are placed for the copy as set (the hand samples' are
    // fitted to the house style, and the plain setting oversets them).
    let p = TestProject::with_edition("jiangxi-auto");
    plain(&p);
    p.folio(&["build", "content/jiangxi-auto"]).assert_code(0);
    let l = loose(&p.out().join("jiangxi-auto.pdf"), &TABLOID);
    let n: usize = l.per_page.iter().map(Vec::len).sum();
    assert!(n >= 5 && l.worst > 0.08, "proportional digits spread lines: {n}, worst {:.1}%", l.worst * 100.0);
    assert!(l.per_page.iter().flatten().any(|t| t.chars().any(|c| c.is_ascii_digit())), "{:?}", l.per_page);
    // folio check finds them (it reads the laid-out glyphs, and finds a few more than
    // Ghostscript's reading groups into lines).
    assert!(findings(&p, "jiangxi-auto", "loose-line").len() >= n);
}

/// Widows and orphans left in the samples: none. (Until session 17 the tabloid's 都昌 block,
/// three columns on page 3 its copy fills exactly, kept an orphan no levelling moves, nor
/// copyfit's tracking; 都昌 now fills the corner of 八里湖's L on page 4 and 彭泽 its place on
/// page 3. The automatic sample's 新余 lead had one until the search weighed them at 100.)
const BREAKS: [(&str, usize); 3] = [("jiangxi-special", 0), ("jiangxi-tabloid", 0), ("jiangxi-auto", 0)];

#[test]
fn the_samples_have_no_widows_or_orphans_but_those_the_copy_forces() {
    for ((e, b), (_, most)) in SAMPLES.into_iter().zip(BREAKS) {
        let (p, pdf) = build(e);
        let f = faults(&pdf, &b);
        assert!(f.len() <= most, "{e}: {f:#?}");
        let reported: Vec<String> = ["widow", "orphan"].iter().flat_map(|c| findings(&p, e, c)).map(|x| x["message"].as_str().unwrap().to_string()).collect();
        assert_eq!(reported.len(), f.len(), "{e}: {reported:#?} {f:#?}");
    }
}

/// No Han character on the samples' pages is printed over another (heads, banners, copy,
/// captions, the folio line), read back from the PDFs.
#[test]
fn no_character_is_printed_over_another_on_the_samples() {
    for (e, _) in SAMPLES {
        // (The project kept while its PDF is read: it is deleted when dropped.)
        let (_p, pdf) = build(e);
        assert_eq!(typeset::overprinted(&pdf), Vec::<String>::new(), "{e}");
    }
}

#[test]
fn widows_and_orphans_the_flow_cannot_avoid_are_reported() {
    // Every one the PDF shows is a finding of folio check: the automatic sample in the plain
    // setting (its paragraphs broken into other lines; the hand samples' blocks are fitted to
    // the house style), and the tabloid with 都昌 back on page 3, the stories of pages 3 and 4
    // left to folio (都昌's copy fills its block exactly in every layout of the page's
    // three-column strip: an orphan only the desk can take away).
    let mut seen = 0;
    for (e, b, plainly) in [("jiangxi-auto", TABLOID, true), ("jiangxi-tabloid", TABLOID, false)] {
        let p = TestProject::with_edition(e);
        if plainly {
            plain(&p);
        } else {
            unplace(&p, e, &["wuning", "duchang", "lianxi", "pengze", "balihu"]);
            tabloid_pages_3_and_4_as_before(&p);
        }
        p.folio(&["build", &format!("content/{e}")]).assert_code(0);
        let f = faults(&p.out().join(format!("{e}.pdf")), &b);
        let reported: Vec<String> = ["widow", "orphan"].iter().flat_map(|c| findings(&p, e, c)).map(|x| x["message"].as_str().unwrap().to_string()).collect();
        for fault in &f {
            let (Fault::Widow { text, .. } | Fault::Orphan { text, .. }) = fault;
            assert!(reported.iter().any(|m| m.contains(text.as_str())), "{e}: {fault:?} not reported: {reported:#?}");
        }
        seen += f.len();
    }
    assert!(seen > 0, "the plain setting leaves widows or orphans to report");
}

/// Columns that end a line or more above their foot, read back: for each story block on each
/// page (the blocks and photos where folio placed them), each column's last body line as the
/// PDF prints it against the column's foot — the block's foot, the photo under the column (a
/// photo at the foot of the copy keeps a line of white above it) or the jump note. Gives
/// (page, column of the page, lines short).
fn short_columns(p: &TestProject, e: &str, pdf: &Path, b: &Body) -> Vec<(usize, u32, u32)> {
    let data = p.report(e, false).compiled.data;
    let pages = typeset::body_lines(pdf, b.size);
    let mut out = Vec::new();
    for (pi, page) in data.pages.iter().enumerate() {
        let f = &page.format;
        let (x0, top) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.top_pt);
        let lead_gap = f.pitch_pt - f.spec.body_size;
        let step = f.column_pt + f.gutter_pt;
        for s in page.stories.iter().filter(|s| !s.mirror) {
            let by = s.block.y;
            let cols = ((s.block.w + f.gutter_pt) / step).round() as u32;
            for c in 0..cols {
                let x = s.block.x + f64::from(c) * step;
                // Over an L-shaped block's corner (other stories' copy) the column ends above it.
                let foot = s.cutout.filter(|k| x >= k.x - 1.0).map_or(s.block.y + s.block.h, |k| k.y - lead_gap);
                let spans = |r: &folio::layout::compose::Rect| r.x <= x + 1.0 && r.x + r.w >= x + f.column_pt - 1.0;
                // A block across the centre spread's fold: its columns past the page are the
                // facing page's, a trim's width to the left there.
                let (on, px) = if x >= f.area_width_pt { (pi + 1, x0 + x - f.trim_width_pt) } else { (pi, x0 + x) };
                // A line with a character centred in the column: a column's last line and the
                // next column's first, where a full stop hangs out of the one and an opening
                // quote into the gutter of the other, touch and read as one line (session 49).
                let inside = |l: &&typeset::Line| l.chars.iter().any(|c| (px..=px + f.column_pt).contains(&((c.x0 + c.x1) / 2.0))) && l.y() > top + by && l.y() < top + foot + 1.0;
                let lines: Vec<&typeset::Line> = pages.get(on).into_iter().flatten().filter(inside).collect();
                let Some(last) = lines.iter().max_by(|a, b| a.y().total_cmp(&b.y())) else { continue };
                // The line's foot (its em box: 0.12 em under the baseline), on the area's grid.
                let end = last.y() + 0.12 * b.size - top;
                let mut col_foot = foot;
                for ph in s.photos.iter().filter(|ph| spans(&ph.rect) && ph.rect.y >= end - 0.5) {
                    let at_foot = ph.rect.y + ph.rect.h > foot - 2.0 * f.pitch_pt;
                    col_foot = col_foot.min(ph.rect.y - lead_gap - if at_foot { f.pitch_pt } else { 0.0 });
                }
                for j in s.jump_note.iter().filter(|j| spans(&j.rect) && j.rect.y >= end - 0.5) {
                    col_foot = col_foot.min(j.rect.y - lead_gap);
                }
                let short = ((col_foot - end) / b.pitch + 0.01).floor();
                if short >= 1.0 {
                    out.push((pi + 1, c + 1, short as u32));
                }
            }
        }
    }
    out
}

/// The samples' short columns after the second typography pass (issue #14 item 6), read back
/// from their PDFs; before it (plain setting, blocks fitted to it): 18, 30 and 25 by folio
/// check. What is left is copy that does not fill its columns to the line (a line or two
/// short in some columns of a block): the desk's to fill. The tabloid's was 17 with 所队联动's
/// head area a line deeper (`head = 8`), which left three lines of white under its head
/// (tests/heads_photos.rs allows two and a half): back at `head = 7` its columns are two more
/// short; and 新余's continuation one more since the flow no longer leaves its subhead 党建聚心
/// with two lines under it at a column's foot (copyfit's setting changed).
/// Ratcheted to what the samples measure (session 11: 9, 20 and 18, after the tabloid's page 4
/// was re-made as an L with 彭泽 in its corner; eight of the tabloid's twenty are on page 4).
/// Session 14: the automatic sample 19, since the search sets 武宁's head on page 3 vertically
/// instead of in a row beside 八里湖's (碰题): that tier is a line deeper and one more column
/// ends a line short.
/// The broadsheet 10: its page 5's 濂溪 moved to the top of the strip with a vertical head (no
/// row of heads beside the lead's), its copy a line short there.
/// The tabloid 18: its page 3's 武宁 has a vertical head beside the 跨版 head across (no row of
/// heads) and the strip's blocks moved a line down, 濂溪's columns now level.
/// Session 16: the automatic sample 15, since the search weighs a block's slack (each line of
/// it a column ending short) and takes it up with a photo a line or two taller or shorter, or a
/// head area a line deeper, where that costs less.
/// Session 17: the broadsheet 10 (its page 5 in the search's layout, page 4's photo across the
/// foot: no 3-line short column); the tabloid 22, 都昌 and 彭泽 having changed pages (its orphan
/// and its loose line gone; 都昌's five columns in the L's corner each end a line short), then
/// 23 with the 跨版 photo a line taller (no column of the lead two lines short). Then, the
/// search weighing slack past a line a column (`W_SHORT_DEEP`): the broadsheet 9 (page 5's 都昌
/// with its head area a line deeper, as the search now places it: no column two lines short),
/// the automatic sample 14.
/// Session 18: the tabloid 22, copyfit taking up 新余's continuation's slack (ten lines over six
/// columns: four two lines short) with its jump head a line deeper (21), then its tracked
/// quotes keeping their clreq compression (copyfit's tracking, measured again, leaves each of
/// the continuation's six columns a line short); no column of either hand-made sample now
/// ends more than a line short.
/// Session 19: the automatic sample 23, head size by rank a search variable: page 3's 八里湖 and
/// 武宁 run across all six columns under the lead with 30 pt heads (they stood side by side at
/// three columns, 武宁's head turned) and page 2's 所队联动 under 全力推进 at the lead's four
/// columns with a 22 pt head; a six-column story's copy leaves up to five columns a line short
/// (a cost the search weighs: these layouts cost less than the narrower ones with every short
/// line counted).
/// Session 30: the automatic sample 20, page 2's 青苗 taking a line back (`squeeze = 1`: a
/// paragraph set 3 % tighter), its block a line shorter and 彭泽's L a line deeper in the head;
/// the broadsheet 7 and the tabloid 14, following `folio check`'s 紧排 hints on 新余 (`squeeze =
/// 6`, `head = 9`) and the 跨版 lead (`squeeze = 1`, `head = 6`), the copy kept whole.
/// Session 31: the tabloid 9, following the hint on 都昌 (page 4: `head = 7`, its five
/// columns each a line short before); the automatic sample 14, the search deepening head
/// areas (a line of head space weighing 5, not 15) and setting paragraphs tighter to level.
/// Session 32: the automatic sample 10, its page 3's lead an L over a strip with a story under
/// its leg.
/// Session 34: the automatic sample 11, head size by copy (`min_chars`): page 2's 全力推进 an L
/// with 所队联动 (331 characters) in its corner under an 18 pt head, where it ran across the
/// lead's four columns under a 22 pt one; the L's leg ends a line short.
const SHORT_COLUMNS: [(&str, usize); 3] = [("jiangxi-special", 7), ("jiangxi-tabloid", 9), ("jiangxi-auto", 11)];
/// The samples whose columns all end within a line of their foot (齐栏 as #14 asks; the
/// automatic sample's search weighs deeper shortfalls but may leave one).
const LEVEL_WITHIN_A_LINE: [&str; 2] = ["jiangxi-special", "jiangxi-tabloid"];

#[test]
fn the_samples_columns_end_level_but_for_the_copy_they_lack() {
    for ((e, b), (_, most)) in SAMPLES.into_iter().zip(SHORT_COLUMNS) {
        let (p, pdf) = build(e);
        let short = short_columns(&p, e, &pdf, &b);
        eprintln!("{e}: {} short columns (at most {most}): {short:?}", short.len());
        assert!(short.len() <= most, "{e}: {} short columns: {short:?}", short.len());
        if LEVEL_WITHIN_A_LINE.contains(&e) {
            let deep: Vec<_> = short.iter().filter(|s| s.2 > 1).collect();
            assert!(deep.is_empty(), "{e}: columns more than a line short: {deep:?}");
        }
        // folio check finds each (and no more), and no block's columns all end two lines or
        // more above its foot.
        let found = findings(&p, e, "short-column").len();
        assert_eq!(found, short.len(), "{e}: check {found}, PDF {short:?}");
        assert!(findings(&p, e, "underset").is_empty(), "{e}");
    }
}

/// 齐栏 advice a desk can follow: each hand-placed story of the two hand-made samples whose
/// columns end short gets, on its short-column finding, the characters to add, and where its
/// head area may be a line deeper, the characters to cut from its end (its last lines') with
/// its head area a line deeper — or, where every column is short, only the head area. Done
/// as written (the characters cut from the body's end, the `[block]` changed), every such
/// story's columns end level, read back from the PDF; the other stories' short columns stay as
/// they were; nothing is over, too deep or holed.
#[test]
fn following_a_short_columns_hint_levels_its_story() {
    for (e, b) in [("jiangxi-special", BROADSHEET), ("jiangxi-tabloid", TABLOID)] {
        let p = TestProject::with_edition(e);
        let before = findings(&p, e, "short-column");
        let number = |hint: &str, before: &str| hint.split(before).nth(1).map(|t| t.chars().take_while(char::is_ascii_digit).collect::<String>().parse::<u32>().unwrap());
        let mut followed: Vec<String> = Vec::new();
        for f in &before {
            let (file, hint) = (f["file"].as_str().unwrap().to_string(), f["hints"][0].as_str().unwrap());
            let cut = number(hint, "cut about ");
            let head = number(hint, "`head = ");
            if followed.contains(&file) || !(cut.is_some() || hint.starts_with("every column")) {
                continue;
            }
            let Some(head) = head else { panic!("{e}: {hint}") };
            p.edit(&file, |t| {
                let mut doc: toml_edit::DocumentMut = t.parse().unwrap();
                if let Some(n) = cut {
                    // The story's end: its last section's body, else its body.
                    let last = doc.get_mut("sections").and_then(|s| s.as_array_of_tables_mut()).and_then(|a| a.iter_mut().last());
                    let body = match last {
                        Some(t) => &mut t["body"],
                        None => &mut doc["body"],
                    };
                    let text = body.as_str().unwrap().trim_end().to_string();
                    let mut chars: Vec<char> = text.chars().collect();
                    let mut left = n;
                    let mut removed = Vec::new();
                    while left > 0 {
                        let c = chars.pop().unwrap();
                        if !c.is_whitespace() {
                            left -= 1;
                            removed.push(c);
                        }
                    }
                    // The hint says where the cut starts (session 46): its quoted opening is
                    // what the characters from the end take away, and where it is not inside a
                    // sentence, the story then ends in a whole one.
                    let removed: String = removed.iter().rev().collect();
                    let quoted = hint.split('「').nth(1).and_then(|q| q.split('…').next()).unwrap_or_else(|| panic!("{e}: the cut's start is named: {hint}"));
                    assert!(removed.starts_with(quoted), "{e}: the cut starts at 「{quoted}」, the characters cut are 「{removed}」 ({hint})");
                    let kept = chars.iter().collect::<String>();
                    assert!(hint.contains("inside a sentence") || kept.trim_end().ends_with(['。', '！', '？', '”', '）']), "{e}: a whole sentence ends the story: …{}", kept.chars().rev().take(10).collect::<String>());
                    *body = toml_edit::value(format!("{}\n", chars.iter().collect::<String>().trim_end()));
                }
                doc["block"]["head"] = toml_edit::value(i64::from(head));
                doc.to_string()
            });
            followed.push(file);
        }
        // Several on the broadsheet; on the tabloid lianxi (its 跨版 lead takes its line back
        // with `squeeze` since session 30, and duchang follows its hint since session 31).
        assert!(followed.len() >= if e == "jiangxi-tabloid" { 1 } else { 2 }, "{e}: hints to follow: {followed:?}");
        p.folio(&["build", &format!("content/{e}")]).assert_code(0);
        let after = findings(&p, e, "short-column");
        let mine = |v: &[serde_json::Value]| v.iter().filter(|f| followed.iter().any(|x| f["file"] == x.as_str())).count();
        assert_eq!(mine(&after), 0, "{e}: every story whose hint was followed ends level: {after:#?}");
        assert_eq!(after.len(), before.len() - mine(&before), "{e}: the other stories' short columns as they were");
        // Read back from the PDF: as many short columns as folio check finds.
        let pdf = p.out().join(format!("{e}.pdf"));
        assert_eq!(short_columns(&p, e, &pdf, &b).len(), after.len(), "{e}");
        for code in ["overset", "deep-head", "hole", "underset"] {
            assert!(findings(&p, e, code).is_empty(), "{e}: {code}: {:#?}", findings(&p, e, code));
        }
    }
}

/// The samples with their blocks removed, folio placing every story (the tabloid's 跨版 and
/// 转版 stories keep theirs): short columns read back from the PDFs, at most as many as they
/// measure since the search weighs a block's slack (session 16: 13 and 23 by folio check,
/// from 12 and 28). Session 17: the broadsheet 14, since the search weighs a widow or orphan
/// at 100 and takes a layout with a line more of slack and no orphan (都昌's, under 武宁's L);
/// the tabloid 22 and no orphan, with 都昌 on page 4 and 彭泽 on page 3 (as the sample now has
/// them; on page 3 every layout of 都昌's three-column strip kept its orphan).
/// Session 30: 12 and 22, stories taking back the lines their copy is over a block by
/// (`squeeze`). Session 31: 9 and 14, the search deepening head areas to level columns.
/// Session 36: the broadsheet 12 — the flow now tries every way of levelling a block's columns
/// for one without a widow or orphan, so 武宁 and 都昌 stacked as two rectangles of three
/// columns set without the orphan they kept, and that layout (no L-shaped block, three more
/// columns a line short) is the cheaper; no widow or orphan either way.
/// Session 43: the broadsheet 13 — vertical heads at their stories' sizes (濂溪's 竖题 22 pt in two
/// columns, 26 before) and short numbers kept with their units moved its page 5's right-hand
/// stories, a column more a line short (on 120 random pages rows of heads 27 → 23, short
/// columns 630 → 622).
const SHORT_COLUMNS_PLACED: [(&str, usize); 2] = [("jiangxi-special", 13), ("jiangxi-tabloid", 14)];
/// Their widows and orphans, read back from the PDFs: at most these.
const BREAKS_PLACED: [usize; 2] = [0, 0];

#[test]
fn automatic_pages_columns_end_level_but_for_the_copy_they_lack() {
    let all = ["xinyu", "jiujiang-lead", "wuning", "duchang", "lianxi", "pengze", "balihu"];
    for (((e, most), breaks), (stories, b)) in SHORT_COLUMNS_PLACED.into_iter().zip(BREAKS_PLACED).zip([(&all[..], BROADSHEET), (&all[2..], TABLOID)]) {
        let p = TestProject::with_edition(e);
        unplace(&p, e, stories);
        p.folio(&["build", &format!("content/{e}")]).assert_code(0);
        let pdf = p.out().join(format!("{e}.pdf"));
        let short = short_columns(&p, e, &pdf, &b);
        eprintln!("{e}: {} short columns (at most {most}): {short:?}", short.len());
        assert!(short.len() <= most, "{e}: {} short columns: {short:?}", short.len());
        if LEVEL_WITHIN_A_LINE.contains(&e) {
            let deep: Vec<_> = short.iter().filter(|s| s.2 > 1).collect();
            assert!(deep.is_empty(), "{e}: columns more than a line short: {deep:?}");
        }
        assert_eq!(findings(&p, e, "short-column").len(), short.len(), "{e}: folio check finds each");
        let read = faults(&pdf, &b);
        assert!(read.len() <= breaks, "{e}: {read:#?}");
        assert!(findings(&p, e, "underset").is_empty(), "{e}");
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

/// The words of `words` that `lines` (a text's lines as read back, in order) break across a
/// line's end: none where every line ends between words.
fn split_words(lines: &[String], words: &[&str]) -> Vec<String> {
    let text = lines.concat();
    let mut at = 0;
    let mut out = Vec::new();
    for l in &lines[..lines.len().saturating_sub(1)] {
        at += l.len();
        out.extend(words.iter().filter(|w| text.match_indices(**w).any(|(i, _)| i < at && at < i + w.len())).map(|w| w.to_string()));
    }
    out
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

/// A headline too long for its block on two lines at its size sets on two lines at one smaller
/// size (down to `head-min-scale` in layouts/style.typ), each as wide as its head area at most: never wrapped onto a third line, nor set at
/// two sizes. (Until session 24 each line shrank by itself, and the size set inside the line
/// won over the shrinking: the line wrapped, onto lines spaced for the smaller size — in an
/// L-shaped block, over each other.) The broadsheet's 都昌, two columns with `head = 5`, given
/// a headline of 26 characters (14 on its longer line, where 12 fit at 18 pt). One too long to
/// shrink past `head-min-scale` wraps at its size, and is refused for its area
/// (`tests/hostile/content.rs` `heads_that_do_not_fit`).
#[test]
fn a_headline_too_long_for_two_lines_shrinks_both_alike_inside_its_area() {
    let p = TestProject::with_edition("jiangxi-special");
    let long = "九江市公安局全面推进毒品问题综合治理工作成效十分显著";
    p.edit("content/jiangxi-special/stories/duchang.toml", |t| t.replace("全力推进毒品问题综合治理", long));
    let report = p.report("jiangxi-special", true);
    let pdf = p.out().join("jiangxi-special.pdf");
    let (a, b) = two_lines(&pdf, long).expect("the headline on two lines at one size");
    let lines = display_lines(&pdf, 14.0);
    let (pi, si) = report.edition.stories.iter().enumerate().find_map(|(pi, ss)| ss.iter().position(|s| s.value.headline == long).map(|si| (pi, si))).unwrap();
    let area = report.compiled.data.pages[pi].stories[si].head.rect;
    for part in [&a, &b] {
        let line = lines[pi].iter().find(|l| text_of(l) == *part).unwrap();
        let width = line.last().unwrap().x1 - line[0].x0;
        assert!(width <= area.w + 0.5, "{part}: {width:.1} pt wide in a head area {:.1} pt wide", area.w);
    }
    // Nothing of it on a third line: every display character of the page's heads is on a line
    // whose text is part of a headline as a whole.
    let chars: usize = lines[pi].iter().filter(|l| long.contains(&text_of(l))).map(|l| l.len()).sum();
    assert_eq!(chars, long.chars().count(), "{:?}", lines[pi].iter().map(|l| text_of(l)).collect::<Vec<_>>());
    assert_eq!(typeset::overprinted(&pdf), Vec::<String>::new());

    // Too long to shrink so far (a tabloid story by hand across the page's six columns, its
    // 42 pt head given 36 characters, its area left to the head): it wraps at its size onto
    // more lines, its area as deep as they need, and no character is printed over another
    // (until session 24 the lines Typst wrapped were measured shorter in pass 1 than the page
    // set them, and the head's lines printed over each other, over the copy and above the type
    // area).
    let seed = Seed::load();
    let longer = "江西九江市公安局全面推进毒品问题综合治理工作取得显著成效受到群众广泛好评";
    page_edition(&p, "wrap", "tabloid", &[("a", story_toml(longer, &seed.paras_from(10, 6)) + "\n[block]\ncolumn = 1\nspan = 6\ntop = 0\nheight = 64\n")]);
    p.folio(&["build", "content/wrap"]).assert_code(0);
    let pdf = p.out().join("wrap.pdf");
    let wrapped: Vec<Vec<typeset::Char>> = display_lines(&pdf, 30.0).into_iter().flatten().filter(|l| longer.contains(&text_of(l))).collect();
    assert!(wrapped.len() >= 3 && wrapped.iter().map(|l| l.len()).sum::<usize>() == longer.chars().count(), "{:?}", wrapped.iter().map(|l| text_of(l)).collect::<Vec<_>>());
    assert_eq!(typeset::overprinted(&pdf), Vec::<String>::new());

    // The safety net: a template that lets Typst wrap the lines again (as folio's did until
    // session 24) prints them over each other, and the build is refused with `overprint`,
    // writing nothing.
    std::fs::remove_dir_all(p.out()).unwrap();
    p.edit("layouts/components.typ", |t| {
        let at = t.find("stack(dir: ttb, spacing: size * st.head-gap, ..lines.map(").expect("the wrapping branch");
        let end = at + t[at..].find('\n').unwrap();
        format!("{}stack(dir: ttb, spacing: size * st.head-gap, ..parts.map(p => block(width: w, text(size: size, set-it(one-line(p)))))){}", &t[..at], &t[end..])
    });
    let run = p.folio(&["build", "content/wrap", "--diagnostic-format", "short"]);
    assert_ne!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("error: text printed over text on page 1: 「"), "{}", run.stderr());
    assert!(!pdf.exists(), "nothing written");
}

/// A headline too long for two lines at its size wraps only where a line may break: between
/// phrases, sense groups or words, never inside a word or a number (until session 26 it wrapped
/// between any two characters: 综合治｜理, 基站1.｜5万个, Internation｜al). A word wider than a whole
/// line still breaks, with a hyphen between Latin letters; a space between Latin words stays a
/// word space (it set full width). Three tabloid stories by hand, two columns each, their 18 pt
/// heads 10–12 characters to a line, a page each, read back from the PDF.
#[test]
fn a_headline_wrapped_past_two_lines_breaks_between_words_never_inside_one() {
    let p = TestProject::with_edition("jiangxi-special");
    let seed = Seed::load();
    let heads = [
        // TEST DATA: headlines written for this test (a desk's long heads), not from the seed.
        "全力推进毒品问题综合治理切实维护人民群众生命安全和身体健康",
        "我省今年将新建5G基站1.5万个 实现所有行政村5G网络通达千兆光网覆盖家庭超过1200万户",
        "Shanghai International Film Festival opens with Supercalifragilisticexpialidociousness",
    ];
    let dir = p.edition("wrap");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    let mut files = Vec::new();
    for (k, h) in heads.iter().enumerate() {
        let block = "\n[block]\ncolumn = 1\nspan = 2\ntop = 0\nheight = 64\n";
        std::fs::write(dir.join(format!("stories/s{k}.toml")), story_toml(h, &seed.paras_from(10 + 3 * k, 3)) + &block).unwrap();
        files.push(format!("stories/s{k}.toml"));
    }
    // A page each (nothing beside a head on its lines).
    let mut edition = one_page_edition("tabloid", &files[..1]);
    for (k, f) in files.iter().enumerate().skip(1) {
        edition += &format!("\n[[pages]]\nnumber = {}\nsection = \"专版\"\nstories = [\"{f}\"]\n", k + 1);
    }
    std::fs::write(dir.join("edition.toml"), edition).unwrap();
    p.folio(&["build", "content/wrap"]).assert_code(0);
    let pdf = p.out().join("wrap.pdf");
    let lines = display_lines(&pdf, 14.0);
    let strip = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect() };
    // Each head's lines, top to bottom: the display lines whose text is a part of it.
    let format_lines = |k: usize| -> Vec<String> {
        let whole = strip(heads[k]);
        let mut ls: Vec<&Vec<typeset::Char>> = lines[k].iter().filter(|l| l.len() > 1 && whole.contains(text_of(l).trim_end_matches('-'))).collect();
        ls.sort_by(|a, b| a[0].y.total_cmp(&b[0].y));
        ls.iter().map(|l| text_of(l)).collect()
    };
    // Where each line ends, in characters of the headline without spaces.
    let ends = |ls: &[String]| -> Vec<usize> {
        let mut n = 0;
        ls.iter().map(|l| { n += l.trim_end_matches('-').chars().count(); n }).collect()
    };
    let inside = |head: &str, word: &str, at: usize| -> bool {
        let h: Vec<char> = strip(head).chars().collect();
        let w: Vec<char> = word.chars().collect();
        (0..h.len()).any(|i| h[i..].starts_with(&w) && i < at && at < i + w.len())
    };

    let zh = format_lines(0);
    assert!(zh.len() >= 3, "{zh:?}");
    assert_eq!(zh.concat(), strip(heads[0]), "every character once, in order");
    for at in ends(&zh) {
        for w in ["全力", "推进", "毒品", "问题", "综合", "治理", "切实", "维护", "人民", "群众", "生命", "安全", "身体", "健康"] {
            assert!(!inside(heads[0], w, at), "{w} broken: {zh:?}");
        }
    }
    let num = format_lines(1);
    assert!(num.len() >= 3, "{num:?}");
    assert_eq!(num.concat(), strip(heads[1]));
    for at in ends(&num) {
        for w in ["5G", "基站", "1.5", "万个", "网络", "通达", "千兆", "光网", "覆盖", "家庭", "1200", "万户"] {
            assert!(!inside(heads[1], w, at), "{w} broken: {num:?}");
        }
    }
    let latin = format_lines(2);
    assert!(latin.len() >= 3, "{latin:?}");
    let joined: String = latin.iter().map(|l| l.trim_end_matches('-')).collect();
    assert_eq!(joined, strip(heads[2]), "{latin:?}");
    for at in ends(&latin) {
        for w in ["Shanghai", "International", "Film", "Festival", "opens", "with"] {
            assert!(!inside(heads[2], w, at), "{w} broken: {latin:?}");
        }
    }
    // The word wider than a line breaks, each piece but the last ending in a hyphen.
    let long: Vec<&String> = latin.iter().filter(|l| l.contains("califragil") || l.contains("ousness") || l.starts_with("Super")).collect();
    assert!(long.len() >= 2 && long[..long.len() - 1].iter().all(|l| l.ends_with('-')), "{latin:?}");
    // Latin words keep word spaces: "Film Festival" is set with less than half an em between them.
    let gap = lines[2].iter().find_map(|l| {
        let t: Vec<char> = l.iter().map(|c| c.c).collect();
        let i = t.windows(2).position(|w| w == ['m', 'F'])?;
        Some((l[i + 1].x0 - l[i].x1) / l[i].size)
    });
    assert!(gap.is_some_and(|g| g < 0.5), "Film Festival: {gap:?} em apart");
    assert_eq!(typeset::overprinted(&pdf), Vec::<String>::new());
}

/// A kicker or deck too long for its line wraps at its size between phrases, sense groups or
/// words, like a headline; it is shrunk to fit one line only down to `head-min-scale` (until
/// session 26 a long deck was shrunk to whatever fitted: 6 pt in a two-column tabloid block).
/// Read back from the PDF: every character of kicker and deck at 12 pt or more, in order, on
/// lines that break between words. The same for a section head in its band (it shrank to 4 pt
/// in one column), and a byline breaks between names, never inside one (刘｜洋).
#[test]
fn a_long_kicker_or_deck_wraps_at_its_size_instead_of_shrinking() {
    let p = TestProject::with_edition("jiangxi-special");
    let seed = Seed::load();
    // TEST DATA: a desk's long kicker and deck, written for this test.
    let kicker = "一季度全省经济运行开局良好主要指标好于预期高于全国平均水平";
    let deck = "新能源汽车、锂电池、光伏产品产量保持两位数增长，高技术制造业增加值增长12.3%";
    let story = story_toml(&seed.heads[0], &seed.paras_from(10, 4)).replacen("headline = ", &format!("kicker = \"{kicker}\"\ndeck = \"{deck}\"\nheadline = "), 1);
    // A one-column story whose byline (TEST DATA names) and section head are longer than its
    // column: the byline breaks between names, the head in its band wraps at its size.
    let section = "加快推进千兆城市建设和农村网络提速工程";
    let narrow = story_toml(&seed.heads[1], &seed.paras_from(20, 2)).replacen("headline = ", "byline = \"本报记者 黄敏 刘洋 陈静 周涛 通讯员 王建华 李明\"\nheadline = ", 1)
        + &format!("\n[[sections]]\nhead = \"{section}\"\nbody = \"\"\"\n{}\n\"\"\"\n\n[block]\ncolumn = 4\nspan = 1\ntop = 0\nheight = 64\n", seed.paras_from(22, 1)[0]);
    page_edition(&p, "decks", "tabloid", &[("a", story + "\n[block]\ncolumn = 1\nspan = 2\ntop = 0\nheight = 64\n"), ("b", narrow)]);
    p.folio(&["build", "content/decks"]).assert_code(0);
    let pdf = p.out().join("decks.pdf");
    let lines = display_lines(&pdf, 11.5);
    let mut band: Vec<&Vec<typeset::Char>> = lines[0].iter().filter(|l| l.len() > 1 && section.contains(&text_of(l))).collect();
    band.sort_by(|a, b| a[0].y.total_cmp(&b[0].y));
    assert_eq!(band.iter().map(|l| text_of(l)).collect::<String>(), section, "the section head whole at 11.5 pt or more (14 pt, shrunk at most to 0.8)");
    let body: Vec<Vec<typeset::Char>> = display_lines(&pdf, 5.0).into_iter().flatten().collect();
    for name in ["黄敏", "刘洋", "陈静", "周涛", "王建华", "李明"] {
        assert!(body.iter().any(|l| text_of(l).contains(name)), "{name} broken across lines of the byline");
    }
    for (what, text, words) in [
        ("kicker", kicker, &["全省", "经济", "运行", "开局", "良好", "主要", "指标", "预期", "全国", "平均", "水平"][..]),
        ("deck", deck, &["新能源", "汽车", "锂电池", "光伏", "产品", "产量", "增长", "高技术", "12.3%"][..]),
    ] {
        let mut mine: Vec<&Vec<typeset::Char>> = lines[0].iter().filter(|l| l.len() > 1 && text.contains(&text_of(l))).collect();
        mine.sort_by(|a, b| a[0].y.total_cmp(&b[0].y));
        let got: Vec<String> = mine.iter().map(|l| text_of(l)).collect();
        assert!(got.len() >= 2, "the {what} on lines of its own at 11.5 pt or more: {got:?}");
        assert_eq!(got.concat(), text, "the whole {what}, in order, at its size");
        assert!(mine.iter().flat_map(|l| l.iter()).all(|c| c.size >= 12.0 * 0.8 - 0.01), "the {what} shrunk past head-min-scale");
        assert_eq!(split_words(&got, words), Vec::<String>::new(), "{what}: words broken across lines: {got:?}");
    }
    assert_eq!(typeset::overprinted(&pdf), Vec::<String>::new());
}

/// A byline stands clear of the headline over it. Its names were each set in a box (to keep
/// them whole), which stood the byline's lines on the boxes' edges, half a line above the Kai
/// glyphs: under a two-line head in a one-column story whose head area the tier made deeper
/// (a five-column story beside it), the byline's box overlapped the headline's by 1 pt and its
/// characters touched the headline's.
#[test]
fn a_byline_stands_clear_of_the_headline_over_it() {
    let p = TestProject::with_edition("jiangxi-special");
    let seed = Seed::load();
    // TEST DATA: a two-line head and a byline of seven names, and a short head beside it.
    let head = "千兆光网覆盖全省";
    let a = story_toml(head, &seed.paras_from(20, 4)).replacen("headline = ", "byline = \"本报记者 黄敏 刘洋 陈静 周涛 通讯员 王建华 李明\"\nheadline = ", 1)
        + "\n[block]\ncolumn = 1\nspan = 1\ntop = 0\nheight = 64\n";
    let b = story_toml("简讯", &seed.paras_from(30, 6)) + "\n[block]\ncolumn = 2\nspan = 5\ntop = 0\nheight = 64\n";
    page_edition(&p, "byline", "tabloid", &[("a", a), ("b", b)]);
    p.folio(&["build", "content/byline", "--allow-overset"]).assert_code(0);
    let pdf = p.out().join("byline.pdf");
    // Between the headline's last line and the byline's first, at least a fifth of the
    // headline's size of white between their faces' boxes (pdftotext's word boxes).
    let words = &bbox_words(&pdf)[0];
    let byline = words.iter().map(|(_, w)| w).find(|w| w.text.starts_with("本报记者")).expect("the byline is set");
    let (foot, size) = words
        .iter()
        .map(|(_, w)| w)
        .filter(|w| w.y1 <= byline.y1 && w.x0 < byline.x1 && byline.x0 < w.x1 && head.contains(w.text.as_str()))
        .map(|w| (w.y1, w.y1 - w.y0))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .expect("the headline over the byline");
    assert!(byline.y0 - foot >= 0.2 * size, "the byline's box at {:.1} pt, the headline's foot at {foot:.1} (size {size:.1})", byline.y0);
    assert_eq!(typeset::overprinted(&pdf), Vec::<String>::new());
}

/// A continued story's headline repeated at the head of its continuation block (转版) was fitted
/// to one line whatever its length: a long head over a one-column continuation was set at 4 pt.
/// It now shrinks at most to head-min-scale and wraps between words past that, like a kicker.
#[test]
fn a_long_jump_head_wraps_at_its_size_instead_of_shrinking() {
    let p = TestProject::with_edition("jiangxi-special");
    let seed = Seed::load();
    // TEST DATA: a desk's long headline, written for this test.
    let headline = "一季度全省规上工业增加值同比增长8.5%高技术制造业增加值增长12.3%";
    let dir = p.edition("jumped");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    let story = story_toml(headline, &seed.paras_from(10, 12)) + "\n[block]\ncolumn = 1\nspan = 2\ntop = 0\nheight = 30\n\n[[jumps]]\npage = 2\ncolumn = 1\nspan = 1\ntop = 0\nheight = 64\n";
    std::fs::write(dir.join("stories/a.toml"), story).unwrap();
    let other = story_toml(&seed.heads[1], &seed.paras_from(30, 12)) + "\n[block]\ncolumn = 2\nspan = 5\ntop = 0\nheight = 64\n";
    std::fs::write(dir.join("stories/b.toml"), other).unwrap();
    let edition = one_page_edition("tabloid", &["stories/a.toml".to_string()]) + "\n[[pages]]\nnumber = 2\nsection = \"专版\"\nstories = [\"stories/b.toml\"]\n";
    std::fs::write(dir.join("edition.toml"), edition).unwrap();
    p.folio(&["build", "content/jumped", "--allow-overset"]).assert_code(0);
    let pdf = p.out().join("jumped.pdf");
    let size = 14.0; // style.typ's jump-head-size
    let lines = display_lines(&pdf, size * 0.8 - 0.01);
    let mut mine: Vec<&Vec<typeset::Char>> = lines[1].iter().filter(|l| l.len() > 1 && headline.contains(&text_of(l))).collect();
    mine.sort_by(|a, b| a[0].y.total_cmp(&b[0].y));
    let got: Vec<String> = mine.iter().map(|l| text_of(l)).collect();
    assert!(got.len() >= 3, "the jump head on lines of its own at 11.2 pt or more: {got:?}");
    assert_eq!(got.concat(), headline, "the whole headline, in order, at its size");
    let words = ["一季度", "规上", "工业", "增加值", "同比", "增长", "8.5%", "高技术", "制造业", "12.3%"];
    assert_eq!(split_words(&got, &words), Vec::<String>::new(), "words broken across lines: {got:?}");
    assert!(typeset::chars(&pdf)[1].iter().any(|c| c.c == '接'), "上接第1版 is set");
    assert_eq!(typeset::overprinted(&pdf), Vec::<String>::new());
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
    // The head on one line: 武宁's, three columns wide across the top of its L on page 5.
    let s = step(&pdf, 17.0, "清源断流”严", 3, 5).expect("the head “清源断流” is set on one line");
    assert!((s - 1.5).abs() < 0.05, "流 to 严: {s:.3} em");
    // Body copy keeps its quotes full width (Han“Han steps 2 em from the first character to
    // the third) but where the line breaker shrinks one to avoid spreading a line (Typst may
    // take up to half of a CJK mark's em, the house style's closing up allows it): most stay.
    let body = typeset::chars(&pdf).into_iter().flatten().filter(|c| (c.size - 11.0).abs() < 0.05).collect::<Vec<_>>();
    let steps: Vec<f64> = body.windows(3).filter(|w| typeset::is_han(w[0].c) && w[1].c == '“' && typeset::is_han(w[2].c) && (w[0].y - w[2].y).abs() < 0.3).map(|w| (w[2].x0 - w[0].x0) / 11.0).collect();
    assert!(steps.len() >= 5, "body quotes between Han: {steps:?}");
    let full = steps.iter().filter(|s| (**s - 2.0).abs() < 0.01).count();
    assert!(2 * full > steps.len(), "body quotes stay full width: {steps:?}");
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
    p.edit(&format!("content/{e}/edition.toml"), |t| t.replace(", \"stories/balihu.toml\"", "").replace("full_width_brackets = true", "full_width_brackets = false"));
    let run = p.folio(&["check", &format!("content/{e}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let holes: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "hole").collect();
    assert_eq!(holes.len(), 1, "{v:#}");
    assert_eq!(holes[0]["page"], 5);
    assert!(holes[0]["message"].as_str().unwrap().contains("column 4"), "{:#}", holes[0]);
    let brackets = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "half-width-bracket").count();
    assert!(brackets >= 1, "{v:#}");
    p.folio(&["proof", &format!("content/{e}"), "--out", "proofs"]).assert_code(0);
    let page5 = std::fs::read(p.root().join(format!("proofs/{e}-p5.png"))).unwrap();
    let (x, y, olive) = colour_centroid(&page5, [0xb0, 0xb0, 0x00]);
    let img = image::load_from_memory(&page5).unwrap();
    assert!(olive > 100, "the hole is marked in olive: {olive}");
    // 警力下沉's block: columns 4–8, lines 70–84 of 84 (the page's foot, right of 武宁's L).
    let (w, h) = (f64::from(img.width()), f64::from(img.height()));
    assert!(x > 0.5 * w && y > 0.8 * h, "where 警力下沉 was, right, at the page's foot: {x}, {y}");
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

/// A finding in a continuation block (转版) is the continued story's, at its `[[jumps]]` entry
/// for that page — not the page's edition.toml: the tabloid's 新余, its last paragraph cut and
/// set as written (no copyfit to take up the slack), ends its page-4 columns short.
#[test]
fn a_finding_in_a_continuation_block_points_at_its_jump() {
    let e = "jiangxi-tabloid";
    let xinyu = format!("content/{e}/stories/xinyu.toml");
    let p = TestProject::with_edition(e);
    p.edit(&xinyu, |t| {
        let t = t.replacen("fit = \"auto\"", "", 1);
        let at = t.find("\n该局实施办案积分制").expect("新余's last paragraph");
        let end = at + t[at..].find("\n\"\"\"").expect("the body's end");
        format!("{}{}", &t[..at], &t[end..])
    });
    let found = findings(&p, e, "short-column");
    let on4: Vec<&serde_json::Value> = found.iter().filter(|f| f["page"] == 4 && f["file"] == xinyu.as_str()).collect();
    assert!(on4.len() >= 3, "新余's continuation ends short in several columns: {found:#?}");
    let jump = line_of(&p, &xinyu, "[[jumps]]") as u64;
    assert!(on4.iter().all(|f| f["line"] == jump), "at its [[jumps]] entry (line {jump}): {on4:#?}");
    assert!(found.iter().all(|f| f["file"] != format!("content/{e}/edition.toml").as_str()), "{found:#?}");
}

#[test]
fn a_word_wider_than_its_column_is_refused_and_a_hyphen_mends_it() {
    // Copy from another desk: a programme's web address, one run of Latin letters wider than a
    // tabloid column. Typst breaks it only at spaces and hyphens (folio hyphenates English
    // words since session 33, not web addresses), so the line ran 75 pt past its column, over
    // the gutter and the next column's copy, with exit 0.
    let p = TestProject::with_edition("jiangxi-special");
    let word = "ProfessionalDevelopmentProgramme.org";
    let mut paras = Seed::load().paras_from(10, 3);
    paras.insert(1, format!("该项目英文名称为{word}，于今年实施。"));
    page_edition(&p, "wide", "tabloid", &[("a", story_toml("全力推进毒品问题综合治理", &paras) + "\n[block]\ncolumn = 1\nspan = 3\ntop = 0\nheight = 64\n")]);
    let run = p.folio(&["build", "content/wide", "--diagnostic-format", "short"]);
    assert_ne!(run.code(), 0, "{}", run.stderr());
    let line = line_of(&p, "content/wide/stories/a.toml", word);
    assert!(run.stderr().contains(&format!("content/wide/stories/a.toml:{line}:")), "located at the paragraph: {}", run.stderr());
    assert!(run.stderr().contains("error: text runs past its column on page 1"), "{}", run.stderr());
    assert!(run.stderr().contains(word) && run.stderr().contains("a hyphen"), "{}", run.stderr());
    assert!(!p.out().join("wide.pdf").exists(), "nothing written");
    let run = p.folio_in_locale(&["check", "content/wide", "--diagnostic-format", "short"], &[("LANG", "zh_CN.UTF-8")]);
    assert_ne!(run.code(), 0);
    assert!(run.stdout().contains("[too-wide]") && run.stdout().contains("有文字超出栏宽") && run.stdout().contains("连字符"), "{}", run.stdout());

    // A run of thousands of letters is named by its start.
    p.edit("content/wide/stories/a.toml", |t| t.replace(word, &format!("{}.org", "A".repeat(3000))));
    let run = p.folio(&["build", "content/wide", "--diagnostic-format", "short"]);
    let said = run.stderr().lines().find(|l| l.contains("text runs past its column")).map(str::to_string).unwrap_or_else(|| panic!("{}", run.stderr()));
    assert!(said.contains(&format!("「{}…」", "A".repeat(40))) && said.len() < 600, "{said}");
    p.edit("content/wide/stories/a.toml", |t| t.replace(&format!("{}.org", "A".repeat(3000)), word));

    // Hyphens where the word may break: it builds, and every character of the copy stands
    // inside its column, read back from the PDF.
    p.edit("content/wide/stories/a.toml", |t| t.replace(word, "Professional-Development-Programme.org"));
    p.folio(&["build", "content/wide"]).assert_code(0);
    let report = p.report("wide", false);
    let fmt = &report.compiled.data.pages[0].format;
    let step = fmt.column_pt + fmt.gutter_pt;
    let chars = typeset::chars(&p.out().join("wide.pdf"));
    let body: Vec<&typeset::Char> = chars[0].iter().filter(|c| (c.size - fmt.spec.body_size).abs() < 0.1 && c.y > fmt.top_pt).collect();
    assert!(body.iter().any(|c| c.c == 'P'), "the Latin words are set");
    // The first column's left edge: where its unindented lines start (the PDF's origin is
    // the bleed's corner, not the trim's).
    let left = body.iter().map(|c| c.x0).fold(f64::INFINITY, f64::min);
    for c in body {
        let col = ((c.x0 + 0.5 - left) / step).floor().max(0.0);
        let right = left + col * step + fmt.column_pt;
        // A mark Typst sets half width at a line's end keeps a full em box in the PDF's reading.
        let reach = if c.c.is_alphanumeric() { c.x1 } else { c.x0 };
        assert!(reach <= right + 1.0, "{:?} at {:.1}–{:.1} pt past its column's right edge at {right:.1}", c.c, c.x0, c.x1);
    }
}

/// The words of display text (jieba's segmentation, whose dictionary takes longer to load than
/// half a build) are kept in the cache folder: a second build of the same edition never loads
/// the dictionary and sets the same pages; a cache file that is garbage, or whose entries do not
/// fit their text, is only a slower build with the same pages.
#[test]
fn headline_words_are_kept_between_builds_and_a_bad_cache_is_only_slower() {
    let p = TestProject::sample();
    let cache = p.root().join("cache");
    let build = || {
        let mut cmd = p.folio_command(&["build", &format!("content/{SAMPLE}"), "--out", "out"], &[("LANG", "C")]);
        let run = Run(cmd.env("FOLIO_CACHE_DIR", &cache).env("FOLIO_LOG", "1").output().expect("run folio"));
        run.assert_code(0);
        let loaded = run.stderr().contains("word dictionary loaded");
        (loaded, poppler("pdftotext", &["-bbox", p.out().join(format!("{SAMPLE}.pdf")).to_str().unwrap(), "-"]))
    };
    let (loaded, first) = build();
    assert!(loaded, "the first build segments with the dictionary");
    let file = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| f.file_name().unwrap().to_string_lossy().starts_with("words-"))
        .expect("a words cache file");
    let kept: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let runs = kept["runs"].as_array().expect("runs");
    // 彭泽's head 源头治理 / 加强毒品预防教育: each run of it is kept with its words.
    assert!(runs.iter().any(|r| r[0] == "加强毒品预防教育"), "the head's runs are kept: {runs:?}");

    let (loaded, second) = build();
    assert!(!loaded, "the second build takes every run's words from the cache");
    assert_eq!(first, second, "the same pages");

    // Entries that do not fit their run (an offset inside a character, past its end) and then a
    // file that is not JSON: the dictionary is loaded again, the pages are the same.
    let mut bad = kept.clone();
    for r in bad["runs"].as_array_mut().unwrap() {
        r[1]["starts"] = serde_json::json!([1, 9999]);
    }
    std::fs::write(&file, serde_json::to_vec(&bad).unwrap()).unwrap();
    let (loaded, third) = build();
    assert!(loaded, "entries that do not fit are not used");
    assert_eq!(first, third, "the same pages");
    std::fs::write(&file, b"\x00 not json").unwrap();
    let (loaded, fourth) = build();
    assert!(loaded, "a garbage cache is not used");
    assert_eq!(first, fourth, "the same pages");
}

/// The broadsheet sample with 都昌's head (two columns, an area two lines deep) made `head`,
/// built: the project and the head's two lines as read back (top, bottom).
fn duchang_head_lines(head: &str) -> (TestProject, (String, String)) {
    let (p, _) = build("jiangxi-special");
    p.edit("content/jiangxi-special/stories/duchang.toml", |t| t.replace("全力推进毒品问题综合治理", head));
    p.folio(&["build", "content/jiangxi-special"]).assert_code(0);
    let lines = two_lines(&p.out().join("jiangxi-special.pdf"), head).expect("the head is set on two lines");
    (p, lines)
}

/// The house's words are never broken inside in body copy either: review 43's 赣江 edition
/// (TEST DATA, its sentence) printed 省委书记易 | 炼红 and 省长叶 | 建春 though the house listed
/// both. The sentence at every place of a one-column line, read back from the PDF: each name
/// whole on a line in all ten paragraphs, and every line keeping them spreads loose is a
/// `loose-line` finding (the cost is reported, not hidden).
#[test]
fn a_house_word_is_never_broken_in_body_copy() {
    let p = TestProject::sample();
    let copy = at_every_place("，省委书记易炼红、省长叶建春在南昌调研重点项目。", 10);
    common::page_edition(&p, "house", "tabloid", &[("a", format!("# TEST DATA\nheadline = \"测试\"\nbody = \"\"\"\n{copy}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 1\ntop = 0\nheight = 64\n"))]);
    let pdf = p.out().join("house.pdf");
    let whole = |lines: &[String], w: &str| lines.iter().filter(|l| l.contains(w)).count();
    let read = |p: &TestProject| -> Vec<String> {
        p.folio(&["build", "content/house"]).assert_code(0);
        let mut read = typeset::body_lines(&pdf, TABLOID.size).concat();
        read.sort_by(|a, b| a.y().total_cmp(&b.y()));
        read.iter().map(|l| l.text().chars().filter(|c| !c.is_whitespace()).collect()).collect()
    };
    // Without the list, a line breaks inside one of them somewhere.
    let lines = read(&p);
    assert!(whole(&lines, "易炼红") + whole(&lines, "叶建春") < 20, "{lines:#?}");
    p.edit("content/house/edition.toml", |t| t.replacen("[[pages]]", "[typography]\nwords = [\"易炼红\", \"叶建春\"]\n\n[[pages]]", 1));
    let lines = read(&p);
    for w in ["易炼红", "叶建春"] {
        assert_eq!(whole(&lines, w), 10, "{w} whole on a line in each paragraph: {lines:#?}");
    }
    let spread = loose(&pdf, &TABLOID);
    let found = findings(&p, "house", "loose-line");
    assert!(found.len() >= spread.per_page.concat().len(), "read loose: {:?}, found: {found:#?}", spread.per_page);
}

/// A line spread by more than half an em between its characters is found: a paragraph opening
/// 座谈会上， before a house word of five characters kept whole (TEST DATA after review 44)
/// sets its first line with some 0.7 em between characters, read back from the PDF; `folio
/// check` reports it, its hint naming the word. Until session 44 the check split a line where two glyphs stood half an
/// em apart (a column's edge), so the loosest lines fell into single glyphs and went unreported.
#[test]
fn a_line_spread_by_more_than_half_an_em_is_found() {
    let p = TestProject::sample();
    let copy = "座谈会上，努尔兰别克认真听取企业负责人的意见建议，并逐一作出回应。";
    common::page_edition(&p, "wide", "tabloid", &[("a", format!("# TEST DATA\nheadline = \"测试\"\nbody = \"\"\"\n{copy}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 1\ntop = 0\nheight = 64\n"))]);
    p.edit("content/wide/edition.toml", |t| t.replacen("[[pages]]", "[typography]\nwords = [\"努尔兰别克\"]\n\n[[pages]]", 1));
    p.folio(&["build", "content/wide"]).assert_code(0);
    let pdf = p.out().join("wide.pdf");
    let (lines, _) = first_column_lines(&p, "wide", &pdf);
    let first = lines.iter().find(|l| l.first().is_some_and(|c| c.c == '座')).unwrap_or_else(|| panic!("the paragraph's first line"));
    let text: String = first.iter().map(|c| c.c).collect();
    assert_eq!(text.trim(), "座谈会上，", "the name kept whole on the next line");
    let gap = (first[1].x0 - first[0].x1) / first[0].size;
    assert!(gap > 0.5, "spread by {gap:.2} em between 座 and 谈");
    let found = findings(&p, "wide", "loose-line");
    assert!(found.iter().any(|f| f["message"].as_str().unwrap_or("").contains("座谈会上")), "{found:#?}");
    // The hint names the house's word the line was spread for, and the two fixes.
    let said = p.folio(&["check", "content/wide"]).stdout();
    assert!(said.contains("the next line starts with 努尔兰别克, one of the house's words") && said.contains("take it out of the list"), "{said}");
    let zh = p.folio_in_locale(&["check", "content/wide"], &[("LANG", "zh_CN.UTF-8")]).stdout();
    assert!(zh.contains("下一行以“努尔兰别克”开头"), "{zh}");
}

/// The house's words (`[typography] words`, 用户词典): a name or place the word dictionary
/// lacks is never broken inside. 都昌's head on the broadsheet (two columns, two lines) made
/// 叶建春在赣江新区调研时强调: without the house's words its sense groups put a break inside
/// 赣江新区 (在赣江｜新区调研); with `words = ["赣江新区"]` neither line ends inside it. A word
/// of one character is refused where it is written.
#[test]
fn a_house_word_is_never_broken_inside() {
    let head = "叶建春在赣江新区调研时强调";
    let (p, (a, b)) = duchang_head_lines(head);
    assert_eq!(split_words(&[a.clone(), b.clone()], &["赣江新区"]), ["赣江新区"], "without the house's words: {a}｜{b}");
    p.edit("content/jiangxi-special/edition.toml", |t| t.replacen("[typography]\n", "[typography]\nwords = [\"赣江新区\"]\n", 1));
    p.folio(&["build", "content/jiangxi-special"]).assert_code(0);
    let (a, b) = two_lines(&p.out().join("jiangxi-special.pdf"), head).expect("the head is set on two lines");
    assert!(split_words(&[a.clone(), b.clone()], &["赣江新区", "叶建春"]).is_empty(), "with the house's words: {a}｜{b}");
    assert_eq!((a.as_str(), b.as_str()), ("叶建春在赣江新区", "调研时强调"));
    // A word of one character: refused where it is written, with the fix.
    p.edit("content/jiangxi-special/edition.toml", |t| t.replace("words = [\"赣江新区\"]", "words = [\"赣江新区\", \"赣\"]"));
    let run = p.folio(&["--diagnostic-format", "short", "build", "content/jiangxi-special"]);
    run.assert_code(1);
    let line = std::fs::read_to_string(p.root().join("content/jiangxi-special/edition.toml")).unwrap().lines().position(|l| l.starts_with("words =")).unwrap() + 1;
    run.assert_stderr_has(&[&format!("content/jiangxi-special/edition.toml:{line}:"), "`typography.words` holds \"赣\"", "2 to 24 characters"]);
}

/// A number and its unit are one word (2025年, 5999元, 12家): a two-line head never breaks
/// between them. 都昌's head on the broadsheet (two columns, two lines) made
/// 我市启动2025年“春风行动”暨就业援助月: until session 28 it broke 我市启动2025｜年“春风行动”….
#[test]
fn a_number_and_its_unit_stay_on_one_line_of_a_head() {
    let (_p, (a, b)) = duchang_head_lines("我市启动2025年“春风行动”暨就业援助月");
    assert!(split_words(&[a.clone(), b.clone()], &["2025年", "就业援助月", "春风行动"]).is_empty(), "{a}｜{b}");
    assert_eq!((a.as_str(), b.as_str()), ("我市启动2025年", "“春风行动”暨就业援助月"));
}

/// A two-line head breaks between its subject and its predicate where that balances its lines:
/// 都昌's head on the broadsheet (two columns, two lines) made 中小学生近视防控取得阶段性成效
/// sets 中小学生近视防控｜取得阶段性成效 (until session 28 the words were paired two by two from
/// the end, across the verb: 中小学生近视｜防控取得阶段性成效).
#[test]
fn a_two_line_head_breaks_between_subject_and_predicate() {
    let (_p, (a, b)) = duchang_head_lines("中小学生近视防控取得阶段性成效");
    assert_eq!((a.as_str(), b.as_str()), ("中小学生近视防控", "取得阶段性成效"));
    // A verb the list lacks, with a figure after it (review 45b: 公积金贷款最高｜额度提至120万元).
    let (_p, (a, b)) = duchang_head_lines("公积金贷款最高额度提至120万元");
    assert_eq!((a.as_str(), b.as_str()), ("公积金贷款最高额度", "提至120万元"));
    // A figure keeps a unit of two characters (review 45b: 台积电2｜纳米工艺进入量产).
    let (_p, (a, b)) = duchang_head_lines("台积电2纳米工艺进入量产");
    assert!(!a.ends_with('2') && !b.starts_with("纳米"), "{a} | {b}");
    // A verb keeps its complement, a noun of three what names it (review 47:
    // 加油站改建｜为综合能源站, the 为 opening 综合).
    let (_p, (a, b)) = duchang_head_lines("加油站改建为综合能源站");
    assert_eq!((a.as_str(), b.as_str()), ("加油站改建为", "综合能源站"));
}

/// A head larger than the briefs' 15 pt never shrinks under it to fit its lines (review 47: a
/// 17 pt head squeezed to 13.6 pt beside 15 pt briefs). TEST DATA: a two-column story's 18 pt
/// head whose second line, 禁毒宣传进企业进社区覆盖15所, is about 14 em for a 210 pt block —
/// shrunk to fit it would print at 14.7 pt — wraps at 18 pt instead; so does a one-column 15 pt head
/// (review 48: 市图书馆夜间开放 at 12.4 pt): every Han glyph of both read back from the PDF at
/// its size.
#[test]
fn a_head_never_shrinks_under_the_briefs_size() {
    let p = TestProject::sample();
    let body = "禁毒宣传进企业，进社区，进校园。".repeat(12);
    let story = format!("# TEST DATA\nheadline = \"警力下沉\\n禁毒宣传进企业进社区覆盖15所\"\nbody = \"\"\"\n{body}\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 2\ntop = 0\nheight = 30\n");
    // A one-column 15 pt head, 市图书馆夜间开放 a line of 8 em for 6.7 (review 48: 12.4 pt).
    let brief = format!("# TEST DATA\nheadline = \"市图书馆夜间开放延长至22时\"\nbody = \"\"\"\n{}\n\"\"\"\n\n[block]\ncolumn = 4\nspan = 1\ntop = 0\nheight = 30\n", "图书馆延长开放时间，方便市民夜读。".repeat(6));
    page_edition(&p, "shrink", "tabloid", &[("a", story), ("b", brief)]);
    p.folio(&["build", "content/shrink", "--out", "out"]).assert_code(0);
    let page = typeset::chars(&p.out().join("shrink.pdf")).into_iter().next().expect("a page");
    for (text, size) in [("警力下沉禁毒宣传进企业社区覆盖所", 18.0), ("市图书馆夜间开放延长至时", 15.0)] {
        let head: Vec<&typeset::Char> = page.iter().filter(|c| c.size > TABLOID.size + 1.0 && text.contains(c.c)).collect();
        assert!(head.len() >= text.chars().count(), "{text}: {head:?}");
        for c in &head {
            assert!((c.size - size).abs() < 0.1, "{} at {:.2} pt: the {size} pt head shrank", c.c, c.size);
        }
    }
}

/// An interview sets its speakers' labels in bold 黑 (访谈: 记者： / 刘志远：), as papers do; a
/// label only one paragraph opens with (他说：) stays copy, and so does every label in a story
/// that is not an interview. Read back from the PDF's fonts.
#[test]
fn an_interview_sets_its_speakers_labels_in_bold_sans() {
    let p = TestProject::sample();
    // TEST DATA: copy written for this test (not the seed).
    let qa = "headline = \"“马拉松热”如何跑得更稳\"\nbody = \"\"\"\n今年我市将举办各类路跑赛事27场，记者专访了市体育局局长刘志远。\n\n记者：今年全市路跑赛事数量明显增加，安全保障方面有哪些新举措？\n\n刘志远：我们建立了赛事安全评估制度，所有赛事都要提前60天报备，每5公里设置一个医疗点。\n\n记者：如何兼顾参赛体验和市民出行？\n\n刘志远：我们会提前一周发布交通管制信息，比赛当天地铁提前1小时运营。\n\n他说：“让跑友跑得安全，让市民出行方便。”\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 3\ntop = 0\nheight = 40\n";
    let news = "headline = \"我市启动春风行动\"\nbody = \"\"\"\n记者：从市人社局获悉，今年全市将举办招聘会120场。\n\n局长说：提供就业岗位5万个以上，帮助群众家门口就业。\n\"\"\"\n\n[block]\ncolumn = 4\nspan = 3\ntop = 0\nheight = 40\n";
    page_edition(&p, "qa", "tabloid", &[("qa", qa.to_string()), ("news", news.to_string())]);
    p.folio(&["build", "content/qa", "--out", "out"]).assert_code(0);
    let page = typeset::chars(&p.out().join("qa.pdf")).into_iter().next().expect("a page");
    let body: Vec<&typeset::Char> = page.iter().filter(|c| (c.size - TABLOID.size).abs() < 0.1).collect();
    // The characters of `label` at each place it opens a line of copy, with their fonts.
    let fonts_of = |label: &str, left: bool| -> Vec<String> {
        let first = label.chars().next().unwrap();
        let mut out = Vec::new();
        for (i, c) in body.iter().enumerate() {
            let x_ok = if left { c.x0 < 400.0 } else { c.x0 > 400.0 };
            let text: String = body[i..].iter().take(label.chars().count()).map(|c| c.c).collect();
            if c.c == first && x_ok && text == label {
                out.push(body[i..i + label.chars().count()].iter().map(|c| c.font.clone()).collect::<Vec<_>>().join(","));
            }
        }
        out
    };
    let sans_bold = |f: &str| f.split(',').all(|f| f.contains("Sans") && f.contains("Bold"));
    for label in ["记者：", "刘志远："] {
        let found = fonts_of(label, true);
        assert_eq!(found.len(), 2, "{label} opens two paragraphs of the interview: {found:?}");
        assert!(found.iter().all(|f| sans_bold(f)), "{label} in bold sans: {found:?}");
    }
    for (label, left) in [("他说：", true), ("记者：", false), ("局长说：", false)] {
        let found = fonts_of(label, left);
        assert_eq!(found.len(), 1, "{label}: {found:?}");
        assert!(found.iter().all(|f| f.contains("Serif") && !f.contains("Bold")), "{label} stays copy: {found:?}");
    }
}

/// 紧排 (issue #12, #14 item 6): a story whose copy is a few lines over a block takes them back
/// with `squeeze = N` in its `[block]` (what the placement search writes): that many of its
/// paragraphs set 3 % of an em tighter, each a line shorter. A page of seed text (TEST DATA)
/// with one story in a hand-made three-column block, made a line shorter until its copy is
/// over: without `squeeze` folio refuses it (overset); with the fewest lines that fit, every
/// character of its copy is printed, every column ends at the block's foot (read back from the
/// PDF), and nothing is printed over anything or spread loose (folio check).
#[test]
fn a_story_a_few_lines_over_its_block_takes_them_back_with_squeeze() {
    let p = TestProject::sample();
    let seed = common::Seed::load();
    let e = "squeeze";
    let paras = seed.paras_from(20, 7);
    let dir = common::seed_edition(&p, e, "tabloid", &[(20, 7, 3)], |_| String::new());
    let story = dir.join("stories/s0.toml");
    let text = std::fs::read_to_string(&story).unwrap();
    let with = |h: u32, squeeze: u32| {
        let extra = if squeeze > 0 { format!("squeeze = {squeeze}\n") } else { String::new() };
        std::fs::write(&story, format!("{text}\n[block]\ncolumn = 1\nspan = 3\ntop = 0\nheight = {h}\n{extra}")).unwrap();
        findings(&p, e, "overset").is_empty()
    };
    // The tallest block its copy is over, and the fewest lines that take it back there.
    let mut h = 64;
    while with(h, 0) {
        h -= 1;
        assert!(h > 10, "the story fits every block");
    }
    let mut found = None;
    for lines in 1..=6 {
        if with(h, lines) {
            found = Some(lines);
            break;
        }
    }
    let lines = found.unwrap_or_else(|| panic!("no squeeze takes back the lines the story is over a {h}-line block by"));
    assert!(!with(h, 0), "over without squeeze");
    assert!(with(h, lines));
    p.folio(&["build", &format!("content/{e}")]).assert_code(0);
    let pdf = p.out().join(format!("{e}.pdf"));
    // Every character of the copy printed (each Han character as often as the copy has it).
    let missing = common::unprinted(&pdf, &paras.concat());
    assert!(missing.is_empty(), "characters of the copy not printed: {missing:?}");
    // Every column at the block's foot.
    assert_eq!(short_columns(&p, e, &pdf, &TABLOID), vec![], "the columns end level");
    for code in ["short-column", "overprint", "loose-line", "underset"] {
        assert!(findings(&p, e, code).is_empty(), "{code}: {:#?}", findings(&p, e, code));
    }
}

/// 紧排 advice a desk can follow with the copy kept whole (issue #14 item 6): the hand-made
/// samples' stories that take back lines (`squeeze`, with their head area a line deeper, as
/// `folio check` advised) are made as they were without them: each then has short columns,
/// and its short-column finding offers exactly that `squeeze` and `head`. Followed, the story's
/// columns end level again (read back from the PDF), every character of it printed, the other
/// stories' short columns as they were, nothing over, too deep, holed or printed over.
#[test]
fn following_a_squeeze_hint_levels_a_story_with_its_copy_whole() {
    for (e, b) in [("jiangxi-special", BROADSHEET), ("jiangxi-tabloid", TABLOID)] {
        let p = TestProject::with_edition(e);
        let level = findings(&p, e, "short-column");
        let dir = p.edition(e).join("stories");
        let mut undone: Vec<(String, i64, i64)> = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
            let Some(squeeze) = doc.get("block").and_then(|b| b.get("squeeze")).and_then(|v| v.as_integer()) else { continue };
            let head = doc["block"]["head"].as_integer().unwrap();
            let block = doc["block"].as_table_mut().unwrap();
            block.remove("squeeze");
            block.insert("head", toml_edit::value(head - 1));
            std::fs::write(&path, doc.to_string()).unwrap();
            undone.push((format!("content/{e}/stories/{}", path.file_name().unwrap().to_string_lossy()), squeeze, head));
        }
        assert!(!undone.is_empty(), "{e}: a story of the sample takes back lines");
        let before = findings(&p, e, "short-column");
        for (file, squeeze, head) in &undone {
            let mine: Vec<&serde_json::Value> = before.iter().filter(|f| f["file"] == file.as_str()).collect();
            assert!(!mine.is_empty(), "{file}: short without its squeeze");
            for f in &mine {
                let hint = f["hints"][0].as_str().unwrap();
                assert!(hint.contains(&format!("`squeeze = {squeeze}` and `head = {head}`")), "{file}: {hint}");
            }
            // Followed as written.
            p.edit(file, |t| {
                let mut doc: toml_edit::DocumentMut = t.parse().unwrap();
                doc["block"]["squeeze"] = toml_edit::value(*squeeze);
                doc["block"]["head"] = toml_edit::value(*head);
                doc.to_string()
            });
        }
        p.folio(&["build", &format!("content/{e}")]).assert_code(0);
        let after = findings(&p, e, "short-column");
        assert!(after.iter().all(|f| !undone.iter().any(|u| f["file"] == u.0.as_str())), "{e}: every story whose hint was followed ends level: {after:#?}");
        assert_eq!(after.len(), level.len(), "{e}: the other stories' short columns as they were");
        let pdf = p.out().join(format!("{e}.pdf"));
        assert_eq!(short_columns(&p, e, &pdf, &b).len(), after.len(), "{e}: read back from the PDF");
        for code in ["overset", "deep-head", "hole", "underset", "overprint"] {
            assert!(findings(&p, e, code).is_empty(), "{e}: {code}: {:#?}", findings(&p, e, code));
        }
        // Every character of each story printed (each Han character as often as its copy has it).
        for (file, _, _) in &undone {
            let doc: toml::Table = toml::from_str(&std::fs::read_to_string(p.root().join(file)).unwrap()).unwrap();
            let mut copy = doc["body"].as_str().unwrap_or("").to_string();
            for sec in doc.get("sections").and_then(|s| s.as_array()).into_iter().flatten() {
                copy.push_str(sec["body"].as_str().unwrap_or(""));
            }
            let missing = common::unprinted(&pdf, &copy);
            assert!(missing.is_empty(), "{file}: characters not printed: {missing:?}");
        }
    }
}

/// 紧排 in an L-shaped block (破栏): where the copy of a story wrapping the corner the next
/// stories fill is a line or two over the L, the search takes them back as it does in a
/// rectangle. A tabloid page of five stories of seed text (TEST DATA) whose lead folio sets as
/// an L with `squeeze`: written into its `[block]` (`folio place --write`) and built, the lead's
/// every column ends level and every character of it is printed (read back from the PDF),
/// nothing over or printed over.
#[test]
fn an_l_shaped_block_takes_back_lines_with_squeeze() {
    let p = TestProject::sample();
    let e = "l-squeeze";
    let picks = [(35, 9, 17), (46, 5, 9), (63, 6, 5), (37, 8, 9), (46, 6, 4)];
    let dir = common::seed_edition(&p, e, "tabloid", &picks, |_| String::new());
    let run = p.folio(&["place", &format!("content/{e}"), "--write"]);
    run.assert_code(0);
    let lead = run.stdout().lines().find(|l| l.contains("stories/s0.toml")).unwrap_or_default().to_string();
    assert!(lead.contains("cutout = ") && lead.contains("squeeze = "), "the lead an L taking lines back: {}", run.stdout());
    let doc: toml::Table = toml::from_str(&std::fs::read_to_string(dir.join("stories/s0.toml")).unwrap()).unwrap();
    assert!(doc["block"].get("squeeze").and_then(|v| v.as_integer()).is_some_and(|n| n > 0), "written: {doc:?}");
    p.folio(&["build", &format!("content/{e}")]).assert_code(0);
    let file = format!("content/{e}/stories/s0.toml");
    let short: Vec<serde_json::Value> = findings(&p, e, "short-column").into_iter().filter(|f| f["file"] == file.as_str()).collect();
    assert!(short.is_empty(), "the L's columns end level: {short:#?}");
    for code in ["overset", "overprint", "underset", "hole"] {
        assert!(findings(&p, e, code).is_empty(), "{code}: {:#?}", findings(&p, e, code));
    }
    let pdf = p.out().join(format!("{e}.pdf"));
    let missing = common::unprinted(&pdf, &common::Seed::load().paras_from(picks[0].0, picks[0].1).concat());
    assert!(missing.is_empty(), "characters of the lead not printed: {missing:?}");
}

/// A `squeeze` past what a story's paragraphs give back set tighter is taken as what they give,
/// and said: the broadsheet's 新余 (`squeeze = 6`) with `squeeze = 40` builds the same pages as
/// with the count the warning's fix gives (6 or more), and `folio check` warns
/// `squeeze-unused` at the value, in English and in Chinese; on the tabloid's 新余, whose
/// tracking copyfit sets (`fit = "auto"`), any `squeeze` changes nothing and the warning says
/// why. Neither is an error: exit 0, the pages written.
#[test]
fn a_squeeze_past_what_the_paragraphs_give_is_taken_as_they_give_and_a_warning() {
    let e = "jiangxi-special";
    let file = "content/jiangxi-special/stories/xinyu.toml";
    let p = TestProject::with_edition(e);
    let pdf = p.out().join(format!("{e}.pdf"));
    assert!(findings(&p, e, "squeeze-unused").is_empty(), "the sample's squeeze is what its paragraphs give");
    p.edit(file, |t| {
        assert!(t.contains("\nsqueeze = 6\n"), "新余's squeeze as the sample sets it");
        t.replace("\nsqueeze = 6\n", "\nsqueeze = 40\n")
    });
    p.folio(&["build", &format!("content/{e}")]).assert_code(0);
    let forty = std::fs::read(&pdf).unwrap();
    let found = findings(&p, e, "squeeze-unused");
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!((f["file"].as_str(), f["severity"].as_str()), (Some(file), Some("warning")), "{f:#}");
    assert_eq!(f["line"], line_of(&p, file, "squeeze = 40"), "{f:#}");
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("`squeeze = 40` on page 4") && message.contains("so it takes back"), "{message}");
    let hint = f["hints"][0].as_str().unwrap();
    let can: u32 = hint.split("`squeeze = ").nth(1).and_then(|s| s.split('`').next()).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("the fix names a count: {hint}"));
    assert!((6..40).contains(&can) && message.contains(&format!("{can} of its paragraphs")), "{message} / {hint}");
    let zh = p.folio_in_locale(&["check", &format!("content/{e}")], &[("LANG", "zh_CN.UTF-8")]);
    assert!(zh.stdout().contains("`squeeze = 40` 超过本稿能收回的行数") && zh.stdout().contains(&format!("改为 `squeeze = {can}`")), "{}", zh.stdout());
    // Followed: the same pages.
    p.edit(file, |t| t.replace("\nsqueeze = 40\n", &format!("\nsqueeze = {can}\n")));
    p.folio(&["build", &format!("content/{e}")]).assert_code(0);
    assert!(std::fs::read(&pdf).unwrap() == forty, "squeeze = 40 is set as squeeze = {can}");
    assert!(findings(&p, e, "squeeze-unused").is_empty());

    let e = "jiangxi-tabloid";
    let file = "content/jiangxi-tabloid/stories/xinyu.toml";
    let p = TestProject::with_edition(e);
    let pdf = p.out().join(format!("{e}.pdf"));
    p.folio(&["build", &format!("content/{e}")]).assert_code(0);
    let as_set = std::fs::read(&pdf).unwrap();
    p.edit(file, |t| {
        assert!(t.contains("fit = \"auto\"") && !t.contains("squeeze"), "the tabloid's 新余 fits by copyfit");
        t.replace("\n[block]\n", "\n[block]\nsqueeze = 2\n")
    });
    p.folio(&["build", &format!("content/{e}")]).assert_code(0);
    assert!(std::fs::read(&pdf).unwrap() == as_set, "squeeze does nothing where copyfit sets the tracking");
    let found = findings(&p, e, "squeeze-unused");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["line"], line_of(&p, file, "squeeze = 2"));
    assert!(found[0]["message"].as_str().unwrap().contains("none of its paragraphs"), "{:#}", found[0]);
    assert!(found[0]["hints"][0].as_str().unwrap().contains("`fit = \"auto\"`"), "{:#}", found[0]);
}
