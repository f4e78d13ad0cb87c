//! `folio schema`, the `#:schema` lines of the samples, the tabloid front page (masthead lines,
//! 农历 date, 今日N版, the ear's 导读) and `folio new --format … --front` (issues 14 and 15).

mod common;
use common::*;

use std::path::{Path, PathBuf};

/// Every TOML file of the repo's samples and layouts, with the schema it must point to.
fn sample_tomls() -> Vec<(PathBuf, &'static str)> {
    let mut out = vec![(repo().join("layouts/formats.toml"), "formats.schema.json")];
    for edition in std::fs::read_dir(repo().join("content")).unwrap() {
        let dir = edition.unwrap().path();
        out.push((dir.join("edition.toml"), "edition.schema.json"));
        for story in std::fs::read_dir(dir.join("stories")).unwrap() {
            let p = story.unwrap().path();
            if p.extension().is_some_and(|e| e == "toml") {
                out.push((p, "story.schema.json"));
            }
        }
    }
    assert!(out.len() > 20, "the samples hold edition and story files");
    out
}

/// A TOML value as JSON the way TOML editors see it (dates as strings).
fn to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => s.clone().into(),
        toml::Value::Integer(i) => (*i).into(),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map(serde_json::Value::Number).unwrap_or_default(),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.iter().map(to_json).collect(),
        toml::Value::Table(t) => t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect::<serde_json::Map<_, _>>().into(),
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("schema").join(name)).unwrap_or_else(|e| panic!("schema/{name}: {e}"));
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap_or_else(|e| panic!("schema/{name} is not a schema: {e}"))
}

fn errors(v: &jsonschema::Validator, text: &str) -> Vec<String> {
    let value = to_json(&toml::from_str::<toml::Value>(text).expect("TOML"));
    v.iter_errors(&value).map(|e| e.to_string()).collect()
}

#[test]
fn committed_schemas_are_what_folio_schema_writes() {
    let out = tempfile::tempdir().unwrap();
    let p = TestProject::with_edition("jiangxi-tabloid");
    p.folio(&["schema", "--out", out.path().to_str().unwrap()]).assert_code(0);
    for name in ["edition.schema.json", "story.schema.json", "formats.schema.json"] {
        let made = std::fs::read_to_string(out.path().join(name)).unwrap();
        let committed = std::fs::read_to_string(repo().join("schema").join(name)).unwrap();
        assert!(made == committed, "schema/{name} differs from `folio schema`: run `folio schema --out schema`");
    }
    // One kind on stdout is the same document.
    let run = p.folio(&["schema", "story"]);
    run.assert_code(0);
    assert_eq!(run.stdout(), std::fs::read_to_string(repo().join("schema/story.schema.json")).unwrap());
    // Neither a kind nor a folder: a usage error saying what to give.
    let run = p.folio(&["schema"]);
    run.assert_code(2);
    run.assert_stderr_has(&["folio schema edition", "--out"]);
}

#[test]
fn every_sample_points_at_its_schema_and_validates() {
    for (file, schema) in sample_tomls() {
        let text = std::fs::read_to_string(&file).unwrap();
        let first = text.lines().next().unwrap_or("");
        let rel = first.strip_prefix("#:schema ").unwrap_or_else(|| panic!("{} does not start with #:schema", file.display()));
        let target = file.parent().unwrap().join(rel);
        assert!(rel.ends_with(schema) && target.canonicalize().ok() == repo().join("schema").join(schema).canonicalize().ok(),
            "{}: #:schema {rel} does not lead to schema/{schema}", file.display());
        let errs = errors(&validator(schema), &text);
        assert!(errs.is_empty(), "{} does not validate against {schema}: {errs:?}", file.display());
    }
}

#[test]
fn schemas_reject_misspelt_keys_and_bad_masthead_numbers() {
    let story = validator("story.schema.json");
    let good = "headline = \"主题\"\nbody = \"正文\"\n[block]\ncolumn = 1\nspan = 2\ntop = 0\nheight = \"120mm\"\n";
    assert!(errors(&story, good).is_empty());
    let errs = errors(&story, &good.replace("headline", "hedline"));
    assert!(errs.iter().any(|e| e.contains("hedline")), "a misspelt story key is refused: {errs:?}");
    let errs = errors(&story, &good.replace("span = 2", "spam = 2"));
    assert!(errs.iter().any(|e| e.contains("spam")), "a misspelt key in [block] is refused: {errs:?}");
    assert!(!errors(&story, &good.replace("\"120mm\"", "\"120cm\"")).is_empty(), "a height in cm is refused");

    let edition = validator("edition.schema.json");
    let text = std::fs::read_to_string(repo().join("content/jiangxi-tabloid/edition.toml")).unwrap();
    assert!(errors(&edition, &text).is_empty());
    for (from, to) in [("cn = \"CN 36-0000\"", "cn = \"CN 360-000\""), ("postal_code = \"43-00\"", "postal_code = \"4300\""),
        ("supervisor =", "supervisr ="), ("items = [", "itmes = [")] {
        assert!(text.contains(from));
        let errs = errors(&edition, &text.replace(from, to));
        assert!(!errs.is_empty(), "{to} must be refused");
    }
    let formats = validator("formats.schema.json");
    let text = std::fs::read_to_string(repo().join("layouts/formats.toml")).unwrap();
    assert!(!errors(&formats, &text.replace("masthead_lines = 12", "mastheadlines = 12")).is_empty());
}

/// Words of page 1 whose top is above `y` (pt from the page's top).
fn words_above(pdf: &Path, y: f64) -> Vec<Word> {
    bbox_words(pdf).remove(0).into_iter().map(|(_, w)| w).filter(|w| w.y1 <= y).collect()
}

#[test]
fn tabloid_front_page_prints_masthead_lines_lunar_date_and_ear() {
    let p = TestProject::with_edition("jiangxi-tabloid");
    p.folio(&["build", "content/jiangxi-tabloid", "--out", "out"]).assert_code(0);
    let pdf = p.out().join("jiangxi-tabloid.pdf");
    // The masthead takes the tabloid's first 12 grid lines of 15 pt under the 24 mm top margin
    // (the page box may add the bleed above).
    let masthead_foot = 24.0 * PT_PER_MM + 12.0 * 15.0 + 3.0 * PT_PER_MM;
    let top = words_above(&pdf, masthead_foot);
    let text: String = top.iter().map(|w| w.text.as_str()).collect();
    for needle in ["示例日报", "示例市委主管", "示例日报社主办", "国内统一连续出版物号", "CN36-0000", "邮发代号43-00",
        "2023年6月26日", "星期一", "农历癸卯年五月初九", "第8888期", "今日4版", "导读",
        "万里缉毒斩断运输通道2版", "源头治理加强预防教育3版", "全力推进毒品问题综合治理4版"] {
        assert!(text.contains(needle), "{needle} is not in the masthead area of page 1: {text}");
    }
    // The ear sits right of the masthead's lines, its top level with the masthead's top.
    let x_of = |s: &str| top.iter().find(|w| w.text.contains(s)).map(|w| w.x0).unwrap_or_else(|| panic!("{s}"));
    assert!(x_of("导") > x_of("邮发代号"), "the ear is right of the masthead lines");
    // Other pages carry no masthead.
    let page2: String = bbox_words(&pdf)[1].iter().map(|(_, w)| w.text.as_str()).collect();
    assert!(!page2.contains("农历") && !page2.contains("邮发代号"));
}

#[test]
fn lunar_dates_come_from_the_calendar() {
    use folio::layout::compose::lunar_date;
    assert_eq!(lunar_date(2023, 6, 26).as_deref(), Some("农历癸卯年五月初九"));
    // Chinese New Year 2024 fell on 10 February; the day before closes the old year.
    assert_eq!(lunar_date(2024, 2, 10).as_deref(), Some("农历甲辰年正月初一"));
    assert_eq!(lunar_date(2024, 2, 9).as_deref(), Some("农历癸卯年腊月三十"));
    // 2023 had a leap second month: 2023-04-01 is in it.
    assert_eq!(lunar_date(2023, 4, 1).as_deref(), Some("农历癸卯年闰二月十一"));
}

#[test]
fn bad_masthead_numbers_and_ears_are_located_errors() {
    // `folio check` prints its report (the short diagnostics too) on stdout.
    fn has(run: &Run, needles: &[&str]) {
        let all = format!("{}{}", run.stdout(), run.stderr());
        for n in needles {
            assert!(all.contains(n), "output lacks {n:?}:\n{all}");
        }
    }
    let p = TestProject::with_edition("jiangxi-tabloid");
    let file = "content/jiangxi-tabloid/edition.toml";
    p.edit(file, |t| t.replace("cn = \"CN 36-0000\"", "cn = \"CN 3-00001\""));
    let line = line_of(&p, file, "cn = \"CN 3-00001\"");
    let run = p.folio(&["--diagnostic-format", "short", "check", "content/jiangxi-tabloid"]);
    run.assert_code(1);
    has(&run, &[&format!("{file}:{line}:"), "is not a CN serial number", "CN 36-0012"]);

    let p = TestProject::with_edition("jiangxi-tabloid");
    p.edit(file, |t| t.replace("postal_code = \"43-00\"", "postal_code = \"邮43\"")
        .replace("{ title = \"全力推进毒品问题综合治理\", page = 4 }", "{ title = \"全力推进毒品问题综合治理\", page = 9 }"));
    let run = p.folio(&["--diagnostic-format", "short", "check", "content/jiangxi-tabloid"]);
    run.assert_code(1);
    has(&run, &[
        &format!("{file}:{}:", line_of(&p, file, "postal_code")), "is not a 邮发代号",
        &format!("{file}:{}:", line_of(&p, file, "page = 9")), "points to page 9, which the edition does not have",
    ]);

    // An ear with both a title and 导读 items, and a logo that is not there.
    let p = TestProject::with_edition("jiangxi-tabloid");
    p.edit(file, |t| t.replace("items = [", "title = \"禁毒\"\nitems = [").replace("postal_code = \"43-00\"", "postal_code = \"43-00\"\nlogo = \"photos/logo.svg\""));
    let run = p.folio(&["--diagnostic-format", "short", "check", "content/jiangxi-tabloid"]);
    run.assert_code(1);
    has(&run, &["ear holds more than one thing", &format!("{file}:{}:", line_of(&p, file, "logo =")), "the logo photos/logo.svg does not exist"]);
}

/// The ear (报眼) holds what it sets legibly (session 42's hostile tester: ten 导读 items built
/// with exit 0, the last two printed one over the other; a 32-character title set at 4 pt;
/// 40 000 items took 2.8 GB): eight items on the tabloid's ear are set one under another, each
/// read back from the PDF; nine are an `ear-overfull` error at `items` saying how many fit;
/// more than 16 are refused before the build; a title or item shrunk below 9 pt to fit is an
/// error at its key.
#[test]
fn an_ear_holds_what_it_sets_legibly_and_says_what_does_not_fit() {
    let file = "content/jiangxi-tabloid/edition.toml";
    let with_ear = |ear: &str| {
        let p = TestProject::with_edition("jiangxi-tabloid");
        p.edit(file, |t| {
            let from = t.find("items = [").unwrap();
            let to = from + t[from..].find("]\n").unwrap() + 2;
            format!("{}{ear}\n{}", &t[..from], &t[to..])
        });
        p
    };
    let items = |n: usize| format!("items = [\n{}]", (0..n).map(|k| format!("  {{ title = \"导读条目第{k}条\", page = {} }},\n", 2 + k % 3)).collect::<String>());
    // Eight: each on a line of its own, one under another.
    let p = with_ear(&items(8));
    p.folio(&["build", "content/jiangxi-tabloid", "--out", "out"]).assert_code(0);
    let words: Vec<Word> = bbox_words(&p.out().join("jiangxi-tabloid.pdf")).remove(0).into_iter().map(|(_, w)| w).collect();
    let tops: Vec<f64> = (0..8).map(|k| words.iter().find(|w| w.text.contains(&format!("导读条目第{k}条"))).unwrap_or_else(|| panic!("item {k} is not on page 1")).y0).collect();
    assert!(tops.windows(2).all(|w| w[1] - w[0] > 12.0), "items one under another: {tops:?}");
    // Nine, and more than 16.
    for (n, needles) in [(9, vec!["lists 9 导读 items and sets 8 one under another", "take 1 of them out"]), (17, vec!["lists 17 导读 items; an ear holds at most 16"])] {
        let p = with_ear(&items(n));
        let run = p.folio(&["build", "content/jiangxi-tabloid", "--out", "out"]);
        run.assert_code(1);
        let at = format!("jiangxi-tabloid/edition.toml:{}:", line_of(&p, file, "items = ["));
        run.assert_stderr_has(&[at.as_str()]);
        run.assert_stderr_has(&needles);
        assert!(!p.out().join("jiangxi-tabloid.pdf").exists(), "{n} items: a refused build wrote its PDF");
        // The proof marks the item that does not fit, in the ear (right of the masthead's
        // lines, within its depth).
        if n == 9 {
            let report = session(&p, "jiangxi-tabloid").compile().unwrap_or_else(|d| panic!("{d}"));
            let mark = report.preflight.iter().find(|f| f.code == folio::diag::Code::EarOverfull).and_then(|f| f.mark.as_ref()).expect("an ear-overfull mark");
            let masthead_foot = 24.0 * PT_PER_MM + 12.0 * 15.0 + 3.0 * PT_PER_MM;
            assert!(mark.page == 0 && mark.rect[0] > 400.0 && mark.rect[1] < masthead_foot, "{mark:?}");
        }
    }
    // A title and an item too long to read at the size that fits them.
    for (ear, key, needles) in [
        ("title = \"万里缉毒斩断运输通道全力推进毒品问题综合治理源头治理加强预防教育\"", "title = ", vec!["title of page 1 has 32 characters", "shorten it to 15 characters or fewer"]),
        ("items = [{ title = \"九江市公安局禁毒支队开展全市范围内的专项整治行动取得显著成效\", page = 2 }]", "items = ", vec!["too small to read", "shorten it"]),
    ] {
        let p = with_ear(ear);
        let run = p.folio(&["build", "content/jiangxi-tabloid", "--out", "out"]);
        run.assert_code(1);
        let at = format!("jiangxi-tabloid/edition.toml:{}:", line_of(&p, file, key));
        run.assert_stderr_has(&[at.as_str()]);
        run.assert_stderr_has(&needles);
    }
}

/// A 导读 item pointing at its own page is a warning at the item (review 49: a one-page
/// edition's ear listed two stories of page 1 as 「1版」): the tabloid's ear with its second
/// item pointed at page 1 builds, with an `ear-own-page` warning naming the item at its line,
/// in English and Chinese, and the items pointing inside give none.
#[test]
fn an_ear_item_pointing_at_its_own_page_is_told() {
    let file = "content/jiangxi-tabloid/edition.toml";
    let p = TestProject::with_edition("jiangxi-tabloid");
    let clean = p.folio(&["check", "content/jiangxi-tabloid"]);
    assert!(!(clean.stdout() + &clean.stderr()).contains("ear-own-page"), "the sample's ear points inside");
    p.edit(file, |t| t.replacen("{ title = \"源头治理 加强预防教育\", page = 3 }", "{ title = \"源头治理 加强预防教育\", page = 1 }", 1));
    let run = p.folio(&["build", "content/jiangxi-tabloid", "--out", "out"]);
    run.assert_code(0);
    let at = format!("jiangxi-tabloid/edition.toml:{}:", line_of(&p, file, "page = 1 }"));
    run.assert_stderr_has(&[at.as_str(), "page 1's ear points 「源头治理 加强预防教育」 at page 1 itself", "point the item at the page its story is on"]);
    assert_eq!(run.stderr().matches("ear points").count(), 1, "{}", run.stderr());
    let zh = p.folio_in_locale(&["check", "content/jiangxi-tabloid"], &[("LANG", "zh_CN.UTF-8")]);
    assert!((zh.stdout() + &zh.stderr()).contains("第 1 版的报眼把「源头治理 加强预防教育」指向本版"), "{}", zh.stdout());
}

#[test]
fn new_tabloid_front_skeleton_builds_at_once() {
    let p = TestProject::with_edition("jiangxi-tabloid");
    p.folio(&["new", "content/fresh", "--format", "tabloid", "--front"]).assert_code(0);
    let edition = std::fs::read_to_string(p.root().join("content/fresh/edition.toml")).unwrap();
    assert!(edition.starts_with("#:schema ../../schema/edition.schema.json\n"), "{edition}");
    assert!(p.root().join("schema/edition.schema.json").is_file(), "folio new writes the schemas the directive names");
    let story = std::fs::read_to_string(p.root().join("content/fresh/stories/story.toml")).unwrap();
    assert!(story.starts_with("#:schema ../../../schema/story.schema.json\n"));
    // Both validate against the schemas.
    assert!(errors(&validator("edition.schema.json"), &edition).is_empty());
    assert!(errors(&validator("story.schema.json"), &story).is_empty());
    let run = p.folio(&["build", "content/fresh", "--out", "out"]);
    run.assert_code(0);
    let pdf = p.out().join("fresh.pdf");
    let text: String = words_above(&pdf, 24.0 * PT_PER_MM + 12.0 * 15.0 + 3.0 * PT_PER_MM).iter().map(|w| w.text.clone()).collect();
    for needle in ["报名（待填）", "今日1版", "导读", "农历"] {
        assert!(text.contains(needle), "{needle} not in the new front page's masthead: {text}");
    }
    // A broadsheet skeleton without a front page builds too, with the folio line instead.
    p.folio(&["new", "content/plain", "--format", "broadsheet"]).assert_code(0);
    p.folio(&["build", "content/plain", "--out", "out"]).assert_code(0);
    // In folders that do not exist yet (a fresh project has no content/ of its own).
    p.folio(&["new", "editions/2026/plain", "--format", "broadsheet"]).assert_code(0);
    p.folio(&["build", "editions/2026/plain", "--out", "out"]).assert_code(0);
    // An unknown format is a usage error naming the formats there are.
    let run = p.folio(&["new", "content/odd", "--format", "a4"]);
    run.assert_code(2);
    run.assert_stderr_has(&["unknown page format \"a4\"", "broadsheet, tabloid"]);
}

#[test]
fn new_from_and_new_story_point_their_schema_lines_from_where_they_are() {
    let p = TestProject::with_edition("jiangxi-tabloid");
    std::fs::create_dir_all(p.root().join("content/deeper")).unwrap();
    p.folio(&["new", "content/deeper/copy", "--from", "content/jiangxi-tabloid"]).assert_code(0);
    let e = std::fs::read_to_string(p.root().join("content/deeper/copy/edition.toml")).unwrap();
    assert!(e.starts_with("#:schema ../../../schema/edition.schema.json\n"), "{}", e.lines().next().unwrap());
    let s = std::fs::read_to_string(p.root().join("content/deeper/copy/stories/xinyu.toml")).unwrap();
    assert!(s.starts_with("#:schema ../../../../schema/story.schema.json\n"), "{}", s.lines().next().unwrap());
    p.folio(&["new", "story", "content/jiangxi-tabloid/stories/new.toml"]).assert_code(0);
    let s = std::fs::read_to_string(p.root().join("content/jiangxi-tabloid/stories/new.toml")).unwrap();
    assert!(s.starts_with("#:schema ../../../schema/story.schema.json\n"));
}

/// The front page's lead head is the edition's largest (outside review 50: a front lead narrowed
/// to three columns printed its head at 22 pt, page 2's lead at 42 pt, and `folio check` said
/// nothing). The tabloid sample's front lead (聚星火 across six columns) with `head_size = 22`:
/// read back from the PDF, its head prints smaller than page 2's; `folio check` gives one
/// `front-lead-rank` warning, at the block's `head_size` line, with both heads and sizes, in
/// English and Chinese. As the sample sets it, none.
#[test]
fn a_front_page_lead_head_smaller_than_one_inside_is_told() {
    let story = "content/jiangxi-tabloid/stories/xinyu.toml";
    let p = TestProject::with_edition("jiangxi-tabloid");
    let clean = p.folio(&["check", "content/jiangxi-tabloid"]);
    assert!(!(clean.stdout() + &clean.stderr()).contains("front-lead-rank"), "the sample's front lead is its largest head");
    p.edit(story, |t| t.replacen("height = 52\n", "height = 52\nhead_size = 22\n", 1));
    p.folio(&["build", "content/jiangxi-tabloid", "--out", "out"]).assert_code(0);
    // Read back: the lead's head glyphs on page 1, the largest words on page 2.
    let words = bbox_words(&p.root().join("out/jiangxi-tabloid.pdf"));
    let height = |w: &Word| w.y1 - w.y0;
    let front = words[0].iter().map(|(_, w)| w).filter(|w| !w.text.is_empty() && w.text.chars().all(|c| "聚星火促燎原铸铁警护钢城".contains(c))).map(height).fold(0.0, f64::max);
    let inside = words[1].iter().map(|(_, w)| height(w)).fold(0.0, f64::max);
    assert!(front > 15.0 && front + 5.0 < inside, "the front lead's head ({front:.1} pt high) prints smaller than page 2's largest ({inside:.1} pt)");
    let run = p.folio(&["check", "content/jiangxi-tabloid", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let found: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "front-lead-rank").collect();
    assert_eq!(found.len(), 1, "{v:#}");
    let f = found[0];
    assert_eq!(f["severity"], "warning");
    assert!(f["file"].as_str().is_some_and(|s| s.ends_with("stories/xinyu.toml")), "{f:#}");
    assert_eq!(f["line"].as_u64(), Some(line_of(&p, story, "head_size = 22") as u64), "{f:#}");
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("「聚星火促燎原 铸铁警护钢城」 prints at 22.0 pt on page 1") && message.contains("on page 2"), "{message}");
    let zh = p.folio_in_locale(&["check", "content/jiangxi-tabloid"], &[("LANG", "zh_CN.UTF-8")]);
    assert!((zh.stdout() + &zh.stderr()).contains("头版头条标题小于内版标题"), "{}", zh.stdout());
}
