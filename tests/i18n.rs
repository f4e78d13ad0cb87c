//! Messages in Chinese: the two catalogues hold the same IDs with the same placeables, every ID
//! the source uses exists, and the real commands print Chinese under a Chinese locale (or
//! `--lang zh-CN`) with the same codes, files, lines and columns as in English. Also: a
//! command whose reader closes stdout early (`| head -1`) ends quietly, its work done.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::TestProject;
use fluent_syntax::ast;

const EN: &str = include_str!("../i18n/en.ftl");
const ZH: &str = include_str!("../i18n/zh-CN.ftl");

/// Every message of a catalogue: ID → the variables its pattern uses (in selectors too).
fn catalogue(name: &str, text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let res = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, errs)| panic!("{name} does not parse: {errs:?}"));
    let mut out = BTreeMap::new();
    for entry in res.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                let pattern = m.value.unwrap_or_else(|| panic!("{name}: {} has no value", m.id.name));
                pattern_vars(&pattern, &mut vars);
                assert!(out.insert(m.id.name.to_string(), vars).is_none(), "{name}: {} is defined twice", m.id.name);
            }
            ast::Entry::Term(t) => panic!("{name}: term -{} (folio's catalogues use messages only)", t.id.name),
            ast::Entry::Junk { content } => panic!("{name}: cannot parse {content:?}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, vars),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

/// Every message ID the source names: the first argument of `tr!(…)`, and the IDs kept in
/// tables or passed on (`"ime-…"`, `"char-…"`, `"limit-…"`, `"unit-…"`, `"expected-…"`,
/// `"content-the-…"`) and made into text only for an error; the marks of `folio new`'s
/// skeletons (`{new-skel-…}`); the words of `folio serve`'s page (`'ui-…'`, `{{ui-…}}` in
/// src/serve/assets); and the help of the command line, as `folio::help` walks it.
fn ids_in_source() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for id in folio::help::help_ids() {
        out.insert(id, "src/help.rs (the command line's help)".to_string());
    }
    for id in folio::help::MAN_IDS {
        out.insert(id.to_string(), "src/help.rs".to_string());
    }
    for asset in ["index.html", "app.js"] {
        let text = std::fs::read_to_string(common::repo().join("src/serve/assets").join(asset)).expect("read asset");
        for open in ["'ui-", "\"ui-", "{{ui-"] {
            for (i, _) in text.match_indices(open) {
                let id: String = text[i + open.len() - 3..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '-').collect();
                out.insert(id, format!("src/serve/assets/{asset}"));
            }
        }
    }
    let mut stack = vec![common::repo().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("src/i18n.rs") {
                let text = std::fs::read_to_string(&p).expect("read source");
                let file = p.strip_prefix(common::repo()).unwrap_or(&p).display().to_string();
                for (i, _) in text.match_indices("tr!(") {
                    // `include_str!(` is not `tr!(`.
                    if text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = text[i + 4..].trim_start();
                    let id = rest.strip_prefix('"').and_then(|r| r.split_once('"')).map(|(id, _)| id);
                    let id = id.unwrap_or_else(|| panic!("{file}: tr! must name its message with a literal"));
                    out.insert(id.to_string(), file.clone());
                }
                for (i, _) in text.match_indices("{new-skel-") {
                    let id: String = text[i + 1..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '-').collect();
                    if text[i + 1 + id.len()..].starts_with('}') {
                        out.insert(id, file.clone());
                    }
                }
                for prefix in ["\"ime-", "\"char-", "\"limit-", "\"unit-", "\"expected-", "\"content-the-"] {
                    for (i, _) in text.match_indices(prefix) {
                        let id: String = text[i + 1..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '-').collect();
                        if text[i + 1 + id.len()..].starts_with('"') && id.len() > prefix.len() {
                            out.insert(id, file.clone());
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_message_exists_in_english_and_chinese_with_the_same_placeables() {
    let en = catalogue("en.ftl", EN);
    let zh = catalogue("zh-CN.ftl", ZH);
    let missing: Vec<&String> = en.keys().filter(|id| !zh.contains_key(*id)).collect();
    assert!(missing.is_empty(), "zh-CN.ftl lacks a translation of: {missing:?}");
    let extra: Vec<&String> = zh.keys().filter(|id| !en.contains_key(*id)).collect();
    assert!(extra.is_empty(), "zh-CN.ftl has messages en.ftl does not: {extra:?}");
    for (id, vars) in &en {
        assert_eq!(vars, &zh[id], "{id}: the placeables differ between en.ftl and zh-CN.ftl");
    }
    // The catalogue is the real one: some hundred and fifty messages, not a stub.
    assert!(en.len() > 150, "only {} messages", en.len());
    eprintln!("{} messages in en.ftl and zh-CN.ftl", en.len());
}

#[test]
fn every_id_the_source_uses_is_in_the_catalogue_and_every_message_is_used() {
    let en = catalogue("en.ftl", EN);
    let used = ids_in_source();
    let unknown: Vec<String> = used.iter().filter(|(id, _)| !en.contains_key(*id)).map(|(id, f)| format!("{id} ({f})")).collect();
    assert!(unknown.is_empty(), "IDs used in the source but not in i18n/en.ftl: {unknown:?}");
    let unused: Vec<&String> = en.keys().filter(|id| !used.contains_key(*id)).collect();
    assert!(unused.is_empty(), "messages no source file uses: {unused:?}");
}

/// A Chinese character (CJK ideographs and the common extension).
fn cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[test]
fn chinese_messages_use_full_width_punctuation_next_to_chinese_text() {
    for line in ZH.lines().filter(|l| !l.starts_with('#') && l.contains(" = ")) {
        let (id, text) = line.split_once(" = ").expect("id = text");
        // Code and keys in backticks are TOML and stay ASCII.
        let prose: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let chars: Vec<char> = prose.chars().collect();
        for w in chars.windows(2) {
            let bad = (cjk(w[0]) && ",;:()!?".contains(w[1])) || (",;:()!?".contains(w[0]) && cjk(w[1]));
            assert!(!bad, "{id}: half-width punctuation beside Chinese text in {text:?} ({}{})", w[0], w[1]);
        }
    }
}

/// A project whose sample edition has one content error: an unknown page format.
fn broken_project() -> TestProject {
    let p = TestProject::sample();
    p.edit("content/jiangxi-special/edition.toml", |t| t.replacen("format = \"broadsheet\"", "format = \"nosuch\"", 1));
    p
}

/// The `file:line:col` and code of every finding of a JSON report, and its messages.
fn json_findings(stdout: &str) -> (Vec<(String, u64, u64, String)>, Vec<String>) {
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("JSON report: {e}\n{stdout}"));
    let fs = v["findings"].as_array().expect("findings");
    let at = fs
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
                f["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (at, fs.iter().map(|f| f["message"].as_str().unwrap_or("").to_string()).collect())
}

#[test]
fn a_chinese_locale_prints_chinese_errors_at_the_same_place_with_the_same_code() {
    let p = broken_project();
    let args = ["check", "content/jiangxi-special", "--diagnostic-format", "short"];
    let en = p.folio_in_locale(&args, &[("LANG", "C.UTF-8")]);
    let zh = p.folio_in_locale(&args, &[("LANG", "zh_CN.UTF-8")]);
    en.assert_code(1);
    zh.assert_code(1);
    let (en_out, zh_out) = (en.stdout() + &en.stderr(), zh.stdout() + &zh.stderr());
    // One line per error, `file:line:col: error: message (hint: …)`: the location is the same.
    let located = |out: &str| -> Vec<String> {
        out.lines().filter(|l| l.contains("edition.toml:")).map(|l| l.split(": error").next().unwrap_or("").trim().to_string()).collect()
    };
    let (en_at, zh_at) = (located(&en_out), located(&zh_out));
    assert!(!en_at.is_empty() && en_at.iter().any(|l| l.contains("edition.toml:9:")), "no located error in English:\n{en_out}");
    assert_eq!(en_at, zh_at, "English and Chinese errors point at different places:\n{en_out}\n---\n{zh_out}");
    assert!(en_out.contains("unknown page format \"nosuch\"") && en_out.contains("hint: use one of:"), "{en_out}");
    assert!(zh_out.contains("未知的版式“nosuch”") && zh_out.contains("提示：可用的版式："), "{zh_out}");
    assert!(!zh_out.contains("unknown page format"), "{zh_out}");
    // The code and the location in the JSON report do not depend on the language; the text does.
    let json = ["check", "content/jiangxi-special", "--format", "json"];
    let (en_j, en_msgs) = json_findings(&p.folio_in_locale(&json, &[("LANG", "C")]).stdout());
    let (zh_j, zh_msgs) = json_findings(&p.folio_in_locale(&json, &[("LC_ALL", "zh_CN.UTF-8")]).stdout());
    assert!(en_j.iter().any(|f| f.0.ends_with("edition.toml") && f.1 == 9 && f.3 == "content"), "{en_j:?}");
    assert_eq!(en_j, zh_j);
    assert_ne!(en_msgs, zh_msgs);
    assert!(zh_msgs.iter().any(|m| m.contains("未知的版式")), "{zh_msgs:?}");
}

#[test]
fn the_lang_flag_wins_over_the_environment() {
    let p = broken_project();
    let run = p.folio_in_locale(&["check", "content/jiangxi-special", "--lang", "en"], &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")]);
    run.assert_code(1);
    let out = run.stdout() + &run.stderr();
    assert!(out.contains("unknown page format") && !out.contains("未知的版式"), "{out}");
    let run = p.folio_in_locale(&["check", "content/jiangxi-special", "--lang", "zh-CN"], &[("LANG", "en_US.UTF-8")]);
    let out = run.stdout() + &run.stderr();
    assert!(out.contains("未知的版式") && out.contains("个错误"), "{out}");
    // LC_ALL wins over LANG, as POSIX has it.
    let run = p.folio_in_locale(&["check", "content/jiangxi-special"], &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")]);
    assert!((run.stdout() + &run.stderr()).contains("unknown page format"));
}

#[test]
fn a_clean_build_summarises_its_pages_in_chinese_and_parses_the_catalogue_only_to_print() {
    let p = TestProject::sample();
    let run = p.folio_in_locale(&["build", "content/jiangxi-special", "--out", "out"], &[("LANG", "zh_CN.UTF-8"), ("FOLIO_LOG", "1")]);
    run.assert_code(0);
    let out = run.stdout();
    assert!(out.contains("第 4 版：") && out.contains("篇稿件") && out.contains("已写出 out"), "{out}");
    assert!(!out.contains("stories") && !out.contains("wrote "), "{out}");
    // Loading the edition and laying it out make no message: the catalogue is parsed once, by
    // the first finding (or the summary), and only the Chinese one.
    let log: Vec<String> = run.stderr().lines().filter(|l| l.starts_with("folio: ")).map(str::to_string).collect();
    let parsed: Vec<usize> = log.iter().enumerate().filter(|(_, l)| l.contains("message catalogue parsed")).map(|(i, _)| i).collect();
    assert_eq!(parsed.len(), 1, "{log:#?}");
    assert!(log[parsed[0]].contains("zh-CN"), "{log:#?}");
    let stage = |name: &str| log.iter().position(|l| l.starts_with(&format!("folio: {name} "))).unwrap_or_else(|| panic!("no {name} stage in {log:#?}"));
    assert!(parsed[0] > stage("loaded") && parsed[0] > stage("pass 1"), "the catalogue was parsed while loading:\n{log:#?}");
}

#[test]
fn a_closed_stdout_ends_the_output_quietly_and_the_work_is_done() {
    let p = TestProject::sample();
    let copy = p.root().join("copy.txt");
    std::fs::write(&copy, "管道测试稿件标题\n\n这是一段用来测试管道关闭的正文。\n").expect("write copy");
    let out = p.folio_closed_stdout(&["import", &copy.to_string_lossy(), "--into", "content/jiangxi-special"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{stderr}");
    // The import went on to its end: its story file is there.
    let written: Vec<_> = std::fs::read_dir(p.sample_dir().join("stories"))
        .expect("stories")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter(|t| t.contains("管道测试稿件标题"))
        .collect();
    assert_eq!(written.len(), 1, "the imported story was not written");
    // A command that prints much (the schema) is quiet too.
    let out = p.folio_closed_stdout(&["schema", "edition"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn output_folder_and_archive_errors_speak_chinese_with_the_english_text_unchanged() {
    let p = TestProject::sample();
    // A manifest another program broke: the same located error in both languages.
    std::fs::create_dir_all(p.root().join("out")).expect("out");
    std::fs::write(p.root().join("out/manifest.json"), "{ not json").expect("write manifest");
    let args = ["build", "content/jiangxi-special", "--out", "out", "--diagnostic-format", "short"];
    let en = p.folio_in_locale(&args, &[("LANG", "C")]);
    let zh = p.folio_in_locale(&args, &[("LANG", "zh_CN.UTF-8")]);
    en.assert_code(1);
    zh.assert_code(1);
    let (en_err, zh_err) = (en.stderr(), zh.stderr());
    assert!(en_err.contains("manifest.json:1:3: error:") && en_err.contains("is not valid JSON") && en_err.contains("changed by something other than folio"), "{en_err}");
    assert!(zh_err.contains("manifest.json:1:3: error:") && zh_err.contains("不是有效的 JSON") && zh_err.contains("被 folio 以外的程序改动过"), "{zh_err}");
    // folio extract of a file that is no PDF.
    let fake = p.root().join("fake.pdf");
    std::fs::write(&fake, "not a pdf").expect("write");
    let en = p.folio_in_locale(&["extract", &fake.to_string_lossy(), "restored"], &[("LANG", "C")]);
    let zh = p.folio_in_locale(&["extract", &fake.to_string_lossy(), "restored"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(en.stderr().contains("not a readable PDF") && en.stderr().contains("Nothing was written"), "{}", en.stderr());
    assert!(zh.stderr().contains("不是可读的 PDF") && zh.stderr().contains("没有写出任何文件"), "{}", zh.stderr());
    assert!(!zh.stderr().contains("readable"), "{}", zh.stderr());
}

/// Whether `text` holds Chinese (a run of at least `n` ideographs in all).
fn chinese(text: &str, n: usize) -> bool {
    text.chars().filter(|c| cjk(*c)).count() >= n
}

#[test]
fn help_is_chinese_for_a_chinese_desk_and_english_when_asked() {
    let p = TestProject::sample();
    // --lang zh-CN: the command's about, its flags' help, the examples' heading, clap's headings.
    let run = p.folio_in_locale(&["--lang", "zh-CN", "build", "--help"], &[("LANG", "C")]);
    run.assert_code(0);
    let help = run.stdout();
    for want in ["把各期报纸生成", "印版文件", "用法：", "选项：", "参数：", "示例：", "folio build content/jiangxi-special", "--press", "打印帮助"] {
        assert!(help.contains(want), "folio --lang zh-CN build --help lacks {want:?}:\n{help}");
    }
    for english in ["Usage:", "Options:", "Examples:", "Also write press plates", "Print help", "[default:"] {
        assert!(!help.contains(english), "{english:?} left in the Chinese help:\n{help}");
    }
    // The environment alone: LANG=zh_CN.UTF-8 folio check --help, with the values of --format.
    let run = p.folio_in_locale(&["check", "--help"], &[("LANG", "zh_CN.UTF-8")]);
    run.assert_code(0);
    let help = run.stdout();
    for want in ["检查并编译一期报纸", "报告格式", "可选值：", "- json：", "［默认：human］", "示例：", "--allow-overset", "溢排"] {
        assert!(help.contains(want), "LANG=zh_CN.UTF-8 folio check --help lacks {want:?}:\n{help}");
    }
    // Every command's help is Chinese and ends with its examples.
    for c in ["build", "check", "proof", "fonts", "new", "extract", "watch", "serve", "place", "import", "schema", "completions", "man"] {
        let run = p.folio_in_locale(&[c, "-h"], &[("LC_ALL", "zh_CN.UTF-8")]);
        run.assert_code(0);
        let help = run.stdout();
        let examples = help.split("示例：\n").nth(1).unwrap_or_else(|| panic!("folio {c} -h has no 示例：\n{help}"));
        assert!(examples.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with("folio ")), "folio {c}: {examples}");
        assert!(chinese(help.split("示例：").next().unwrap_or(""), 20), "folio {c} -h is not Chinese:\n{help}");
    }
    // `folio help build` too, and the list of commands.
    let help = p.folio_in_locale(&["help", "build"], &[("LANG", "zh_CN.UTF-8")]).stdout();
    assert!(help.contains("把各期报纸生成") && help.contains("示例："), "{help}");
    let help = p.folio_in_locale(&["--help"], &[("LANG", "zh_CN.UTF-8")]).stdout();
    assert!(help.contains("命令：") && help.contains("报纸") && help.contains("--lang"), "{help}");
    // --lang en wins over the environment: the English help, as before.
    let run = p.folio_in_locale(&["check", "--help", "--lang", "en"], &[("LANG", "zh_CN.UTF-8")]);
    let help = run.stdout();
    assert!(help.contains("Usage:") && help.contains("Examples:") && help.contains("Report format") && help.contains("[default: human]"), "{help}");
    assert!(!chinese(&help, 1), "Chinese in the English help:\n{help}");
}

#[test]
fn the_manual_page_is_chinese_for_a_chinese_desk() {
    let p = TestProject::sample();
    let run = p.folio_in_locale(&["--lang", "zh-CN", "man"], &[("LANG", "C")]);
    run.assert_code(0);
    let page = run.stdout();
    assert!(page.contains(".SH 名称") && page.contains(".SH 选项") && page.contains(".SH 子命令"), "{}", &page[..page.len().min(2000)]);
    assert!(page.contains("消息") && chinese(&page, 100), "{}", &page[..page.len().min(2000)]);
    assert!(!page.contains(".SH OPTIONS"), "{page}");
    // One page per command in a folder, Chinese too.
    let run = p.folio_in_locale(&["man", "--out", "man"], &[("LANG", "zh_CN.UTF-8")]);
    run.assert_code(0);
    let build = std::fs::read_to_string(p.root().join("man/folio-build.1")).expect("folio-build.1");
    assert!(build.contains("印版文件") && build.contains(".SH 选项"), "{build}");
    assert!(!p.root().join("man/folio-help.1").exists());
    let en = p.folio(&["man"]).stdout();
    // (The examples keep their `--char 堃`.)
    assert!(en.contains(".SH OPTIONS") && en.contains("Language of messages") && !en.contains("选项") && !en.contains("消息"), "{en}");
}

/// One HTTP GET of `path` from the server at `url` (`http://127.0.0.1:port`); gives the body.
fn get(url: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20))).expect("timeout");
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").expect("send");
    let mut text = String::new();
    s.read_to_string(&mut text).expect("read");
    assert!(text.starts_with("HTTP/1.1 200"), "GET {path}: {}", text.lines().next().unwrap_or(""));
    text.split_once("\r\n\r\n").map_or(String::new(), |(_, b)| b.to_string())
}

/// The page and the string table of a `folio serve` of the sample started with `args` extra.
fn serve_words(p: &TestProject, lang: &str) -> (String, serde_json::Map<String, serde_json::Value>) {
    let mut run = common::Running::start(p, &["serve", "content/jiangxi-special", "--port", "0", "--out", "out", "--lang", lang]);
    let first = run.next_line();
    let url = first.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).unwrap_or_else(|| panic!("no URL in {first:?}")).to_string();
    let strings: serde_json::Value = serde_json::from_str(&get(&url, "/strings.json")).expect("strings.json is JSON");
    let html = get(&url, "/");
    run.assert_running();
    (html, strings.as_object().expect("an object").clone())
}

#[test]
fn the_serve_page_speaks_the_sessions_language_from_the_catalogue() {
    let p = TestProject::sample();
    let (en_html, en) = serve_words(&p, "en");
    let (zh_html, zh) = serve_words(&p, "zh-CN");
    // Every `ui-*` message of the catalogue is in the table, in both languages.
    let ids: BTreeSet<String> = catalogue("en.ftl", EN).into_keys().filter(|id| id.starts_with("ui-")).collect();
    assert!(ids.len() > 40, "{ids:?}");
    assert_eq!(en.keys().cloned().collect::<BTreeSet<_>>(), ids);
    assert_eq!(zh.keys().cloned().collect::<BTreeSet<_>>(), ids);
    for (id, text) in &zh {
        let text = text.as_str().expect("a string");
        assert!(!text.contains("{$") && !text.contains("{ $"), "{id}: {text}");
        // The placeables app.js fills in are the same in both.
        let vars = |t: &str| t.split('{').skip(1).filter_map(|r| r.split_once('}').map(|(v, _)| v.to_string())).collect::<BTreeSet<_>>();
        assert_eq!(vars(text), vars(en[id].as_str().unwrap_or("")), "{id}");
    }
    assert_eq!(en["ui-built"], "built in {ms} ms");
    assert!(zh["ui-built"].as_str().is_some_and(|t| t.contains("{ms}") && chinese(t, 2)), "{}", zh["ui-built"]);
    let words: String = zh.values().filter_map(|v| v.as_str()).collect();
    assert!(chinese(&words, 150), "the zh table is not Chinese: {words}");
    // The page itself: its language, its words filled in, its table inline, no placeholder left.
    assert!(zh_html.contains("<html lang=\"zh-CN\">") && en_html.contains("<html lang=\"en\">"));
    assert!(zh_html.contains("点击稿块") && zh_html.contains("<title>folio 预览</title>"), "{zh_html}");
    assert!(en_html.contains("Click a story&#39;s block") || en_html.contains("Click a story's block"), "{en_html}");
    assert!(!zh_html.contains("{{") && !en_html.contains("{{"), "{zh_html}");
    assert!(zh_html.contains("<script id=\"strings\" type=\"application/json\">{"), "{zh_html}");
    // No English word is left in the Chinese page's markup text.
    for english in ["Blocks", "Findings", "Zoom", "Fit", "connecting"] {
        assert!(!zh_html.contains(&format!(">{english}")) && !zh_html.contains(&format!(" {english}<")), "{english} in {zh_html}");
    }
}

#[test]
fn a_chinese_desk_gets_chinese_comments_in_new_editions_that_build() {
    let p = TestProject::sample();
    for (front, dir) in [(true, "content/front-zh"), (false, "content/plain-zh")] {
        let mut args = vec!["new", dir, "--format", "tabloid"];
        if front {
            args.push("--front");
        }
        let run = p.folio_in_locale(&args, &[("LANG", "zh_CN.UTF-8")]);
        run.assert_code(0);
        let edition = std::fs::read_to_string(p.root().join(dir).join("edition.toml")).expect("edition.toml");
        let story = std::fs::read_to_string(p.root().join(dir).join("stories/story.toml")).expect("story.toml");
        let comments = |t: &str| t.lines().filter_map(|l| l.split_once('#').map(|(_, c)| c.to_string())).collect::<Vec<_>>().join("\n");
        let (ec, sc) = (comments(&edition), comments(&story));
        assert!(ec.contains("新的一期") && ec.contains("报名，印在报头"), "{edition}");
        assert!(sc.contains("一篇稿件") && sc.contains("正文写好后删去这个 [block] 表"), "{story}");
        if front {
            assert!(ec.contains("头版的报头") && ec.contains("报眼"), "{edition}");
        }
        for english in ["the paper's name", "A new edition", "A story.", "where it goes", "The whole page"] {
            assert!(!edition.contains(english) && !story.contains(english), "{english} left:\n{edition}\n{story}");
        }
        // The keys are the same as in English: the edition builds at once.
        let run = p.folio_in_locale(&["build", dir, "--out", "out-zh"], &[("LANG", "zh_CN.UTF-8")]);
        run.assert_code(0);
    }
    // The same skeleton in English keeps English comments.
    p.folio(&["new", "content/plain-en", "--format", "tabloid"]).assert_code(0);
    let edition = std::fs::read_to_string(p.root().join("content/plain-en/edition.toml")).expect("edition.toml");
    assert!(edition.contains("the paper's name") && !edition.contains("报名，印在报头"), "{edition}");
    // `folio new story` in Chinese: every commented key is still real (the story parses).
    let rel = "content/jiangxi-special/stories/zh-extra.toml";
    p.folio_in_locale(&["new", "story", rel], &[("LANG", "zh_CN.UTF-8")]).assert_code(0);
    let text = std::fs::read_to_string(p.root().join(rel)).expect("story");
    assert!(text.contains("# 一篇稿件") && text.contains("正文（待填）。段与段之间空一行。"), "{text}");
    let project = folio::project::Project::discover(&p.root().join(rel), Some(p.root()), Some(&common::repo().join("fonts"))).expect("project");
    folio::input::source::parse_toml::<folio::input::content::Story>(&project, &p.root().join(rel), "a story").unwrap_or_else(|d| panic!("{d}"));
}
