//! Bad input: each gets exit code 1 and a message naming the file, the line and the fix —
//! never a panic, never a PDF.

mod common;
use common::*;

const WUNING: &str = "content/jiangxi-special/stories/wuning.toml";

fn build(p: &TestProject) -> Run {
    let run = p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out"]);
    assert!(!p.out().join(format!("{SAMPLE}.pdf")).exists(), "no PDF may be written on error");
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    run
}

#[test]
fn malformed_toml() {
    let p = TestProject::sample();
    p.edit(WUNING, |t| t.replace("[block]", "[block"));
    let line = line_of(&p, WUNING, "[block");
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&[&format!("stories/wuning.toml:{line}:"), "hint: fix the TOML syntax"]);
}

#[test]
fn unknown_key() {
    let p = TestProject::sample();
    p.edit(WUNING, |t| t.replace("headline =", "headlne ="));
    let line = line_of(&p, WUNING, "headlne =");
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["unknown field `headlne`", &format!("stories/wuning.toml:{line}:1"), "hint:"]);
}

#[test]
fn wrong_type() {
    let p = TestProject::sample();
    p.edit(WUNING, |t| t.replace("span = 2", "span = \"two\""));
    let line = line_of(&p, WUNING, "span = \"two\"");
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["invalid type", &format!("stories/wuning.toml:{line}:"), "hint:"]);
}

#[test]
fn missing_field() {
    let p = TestProject::sample();
    p.edit(WUNING, |t| t.lines().filter(|l| !l.starts_with("headline")).collect::<Vec<_>>().join("\n"));
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["missing field `headline`", "stories/wuning.toml:", "hint:"]);
}

#[test]
fn missing_photo() {
    let p = TestProject::sample();
    let lead = "content/jiangxi-special/stories/jiujiang-lead.toml";
    p.edit(lead, |t| t.replace("photos/chaji.jpg", "photos/nope.jpg"));
    let line = line_of(&p, lead, "photos/nope.jpg");
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["photo photos/nope.jpg does not exist", &format!("stories/jiujiang-lead.toml:{line}:")]);
}

#[test]
fn paths_escaping_the_root() {
    // A story path with `..` out of the root.
    let p = TestProject::sample();
    let ed = "content/jiangxi-special/edition.toml";
    p.edit(ed, |t| t.replace("\"stories/wuning.toml\"", "\"../../../etc/passwd\""));
    let line = line_of(&p, ed, "../../../etc/passwd");
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["escapes the project root", &format!("edition.toml:{line}:")]);

    // An absolute photo path.
    let p = TestProject::sample();
    let lead = "content/jiangxi-special/stories/jiujiang-lead.toml";
    p.edit(lead, |t| t.replace("\"photos/chaji.jpg\"", "\"/etc/hostname\""));
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["is absolute", "jiujiang-lead.toml:"]);

    // A symlink inside the edition that points out of the root.
    #[cfg(unix)]
    {
        let p = TestProject::sample();
        let outside = tempfile::tempdir().unwrap();
        std::fs::copy(repo().join("content/jiangxi-special/photos/chaji.jpg"), outside.path().join("x.jpg")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.jpg"), p.sample_dir().join("photos/link.jpg")).unwrap();
        p.edit(lead, |t| t.replace("photos/chaji.jpg", "photos/link.jpg"));
        let run = build(&p);
        run.assert_code(1);
        run.assert_stderr_has(&["symlink that points outside the project root", "jiujiang-lead.toml:"]);
    }
}

#[test]
fn typst_markup_in_content_is_set_literally() {
    let p = TestProject::sample();
    let hostile = "#read(\"/etc/passwd\") *bold* $x$ <l> @ref";
    // 都昌's head area (`head = 5`) holds it on two lines, as it holds its own headline.
    p.edit("content/jiangxi-special/stories/duchang.toml", |t| {
        let mut out = String::new();
        for l in t.lines() {
            if l.starts_with("headline =") {
                out.push_str(&format!("headline = '{hostile}'\n"));
            } else {
                out.push_str(l);
                out.push('\n');
            }
        }
        out
    });
    let run = p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out"]);
    run.assert_code(0);
    let text = poppler("pdftotext", &[p.out().join(format!("{SAMPLE}.pdf")).to_str().unwrap(), "-"]);
    let flat: String = text.split_whitespace().collect();
    let want: String = hostile.split_whitespace().collect();
    assert!(flat.contains(&want), "the headline must print literally; PDF text:\n{text}");
    assert!(!text.contains("root:x:0:0"), "content must never read files");
}

#[test]
fn template_syntax_error_names_the_template_line() {
    let p = TestProject::sample();
    p.edit("layouts/components.typ", |t| t.replacen("#let run(r, pads: true, width: none) = {", "#let run(r, pads: true, width: none) = { let = ;", 1));
    let line = line_of(&p, "layouts/components.typ", "let = ;");
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&[&format!("layouts/components.typ:{line}:"), "error"]);
}

#[test]
fn overlapping_blocks_and_grid_overflow() {
    let p = sample_as_first_made_up();
    p.edit(WUNING, |t| t.replace("column = 7", "column = 8"));
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["columns 8–9", "stories/wuning.toml:", "hint:"]);

    // Two blocks sharing grid cells.
    let p = sample_as_first_made_up();
    p.edit(WUNING, |t| t.replace("top = 29", "top = 20"));
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["overlaps the block of", "hint:"]);
}

/// 变栏 (`text_columns`) is checked at its key: more columns than the block spans, or none, and
/// with an L-shaped corner (whose columns are the grid's), each an error naming the file, the
/// line and the fix; nothing is written.
#[test]
fn columns_of_a_block_s_own_are_checked() {
    const LEAD: &str = "content/jiangxi-special/stories/jiujiang-lead.toml";
    for (add, says) in [("text_columns = 7\n", "so its copy may be set in 1–6"), ("text_columns = 0\n", "so its copy may be set in 1–6"), ("text_columns = 4\ncutout = { span = 2, height = 30 }\n", "cannot go with `cutout`")] {
        let p = sample_as_first_made_up();
        p.edit(LEAD, |t| t.replacen("height = 55\n", &format!("height = 55\n{add}"), 1));
        let line = line_of(&p, LEAD, "text_columns =");
        let run = build(&p);
        run.assert_code(1);
        run.assert_stderr_has(&[&format!("stories/jiujiang-lead.toml:{line}:"), says, "hint:", "text_columns"]);
        assert!(!p.out().join("jiangxi-special.pdf").exists(), "nothing written");
    }
}

/// An L-shaped block (`cutout`) is checked like a block: a corner as wide or as deep as the
/// block, one that cuts into the head, and a block in the L's own part (not its corner) are
/// errors at the key with the fix; a block in the corner is not an overlap.
#[test]
fn l_shaped_blocks_are_checked() {
    const LEAD: &str = "content/jiangxi-special/stories/jiujiang-lead.toml";
    let p = sample_as_first_made_up();
    p.edit(LEAD, |t| t.replacen("height = 55\n", "height = 55\ncutout = { span = 6, height = 10 }\n", 1));
    let line = line_of(&p, LEAD, "cutout =");
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&[&format!("stories/jiujiang-lead.toml:{line}:"), "does not leave an L", "hint:"]);

    // The corner reaches up into the head area: an error at `cutout`, nothing written.
    let p = sample_as_first_made_up();
    p.edit(LEAD, |t| t.replacen("height = 55\n", "height = 55\ncutout = { span = 2, height = 54 }\n", 1));
    let line = line_of(&p, LEAD, "cutout =");
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&[&format!("stories/jiujiang-lead.toml:{line}:"), "cuts into this story's head area", "hint:"]);
    assert!(!p.out().join("jiangxi-special.pdf").exists(), "nothing written");

    // 武宁 (columns 7–8 from line 7) moved into the lead's block: in its L part an overlap, in
    // its corner (the lead 8 columns wide, its bottom-right 2 × 49 lines left free) not.
    let p = sample_as_first_made_up();
    p.edit(LEAD, |t| t.replacen("span = 6\ntop = 7\nheight = 55\n", "span = 8\ntop = 7\nheight = 55\ncutout = { span = 2, height = 30 }\n", 1));
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["overlaps the block of"]);
    let p = sample_as_first_made_up();
    p.edit(LEAD, |t| t.replacen("span = 6\ntop = 7\nheight = 55\n", "span = 8\ntop = 7\nheight = 55\ncutout = { span = 2, height = 49 }\n", 1));
    p.edit(WUNING, |t| t.replace("top = 7", "top = 13").replace("height = 26", "height = 20"));
    let run = p.folio(&["check", "content/jiangxi-special"]);
    assert!(!run.stderr().contains("overlaps the block of"), "{}", run.stderr());
}

#[cfg(unix)]
#[test]
fn templates_cannot_read_outside_the_root() {
    let p = TestProject::sample();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), p.root().join("layouts/leak.txt")).unwrap();
    p.edit("layouts/edition.typ", |t| format!("{t}\n#read(\"leak.txt\")\n"));
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["points outside the project root", "layouts/edition.typ:"]);

    // Packages are refused with a clear message, not fetched.
    let p = TestProject::sample();
    p.edit("layouts/edition.typ", |t| format!("#import \"@preview/cetz:0.3.0\"\n{t}"));
    let run = build(&p);
    run.assert_code(1);
    run.assert_stderr_has(&["is not available", "layouts/edition.typ:1:"]);
}

/// A kicker, a deck, a byline, a dateline, a photo's credit or a lead box's title or text of
/// nothing but spaces (an editor who cleared a field and left its key) is an error at its key
/// with the fix, and nothing is written: a blank kicker or deck kept two lines of white in the
/// head, a blank lead box printed a grey band without its title, a blank credit printed 摄
/// alone (until session 40).
#[test]
fn keys_left_blank_are_refused_at_their_line() {
    const XINYU: &str = "content/jiangxi-special/stories/xinyu.toml";
    const LEAD: &str = "content/jiangxi-special/stories/jiujiang-lead.toml";
    // The lead box's text (a multi-line string) and its title, each made blank.
    let lead_text = |t: String| {
        let at = t.find("[lead]").unwrap();
        let start = at + t[at..].find("text = \"\"\"").unwrap();
        let end = start + t[start..].find("\n\"\"\"\n").unwrap() + 5;
        format!("{}text = \" \"\n{}", &t[..start], &t[end..])
    };
    let cases: [(&str, Box<dyn Fn(String) -> String>, &str); 6] = [
        (LEAD, Box::new(|t: String| t.replacen("headline = ", "kicker = \"\"\nheadline = ", 1)), "kicker ="),
        (LEAD, Box::new(|t: String| t.replacen("headline = ", "deck = \"\u{3000}\"\nheadline = ", 1)), "deck ="),
        (LEAD, Box::new(|t: String| t.replacen("headline = ", "byline = \" \"\nheadline = ", 1)), "byline ="),
        (LEAD, Box::new(|t: String| t.replacen("credit = \"黄尧\"", "credit = \"\"", 1)), "credit ="),
        (XINYU, Box::new(lead_text), "text = \" \""),
        (XINYU, Box::new(|t: String| t.replacen("title = \"核心提示\"", "title = \"\"", 1)), "title = \"\""),
    ];
    for (file, change, key) in cases {
        let p = TestProject::sample();
        p.edit(file, change);
        let line = line_of(&p, file, key);
        let run = build(&p);
        run.assert_code(1);
        let stem = std::path::Path::new(file).file_name().unwrap().to_str().unwrap();
        run.assert_stderr_has(&[&format!("{stem}:{line}:"), "is empty", "hint:"]);
        assert!(!p.out().join("jiangxi-special.pdf").exists(), "nothing written for {key}");
    }
}

/// The folio line's fields have room for so many characters: a paper's name, a page's section
/// or an editor's name longer (TEST DATA) is an error at its key with the room it has, and
/// nothing is written (a 60-character paper name ran into the page's margin, 400 characters off
/// the page, with exit 0, until session 40); names as long as the limits build, and their
/// folio line stays inside the trim, read back from the PDF.
#[test]
fn folio_line_fields_too_long_are_refused_at_their_key() {
    const EDITION: &str = "content/jiangxi-special/edition.toml";
    for (from, to, key) in [
        ("paper = \"", "paper = \"很长的报名", "paper ="),
        ("section = \"", "section = \"一个非常非常长的版名", "section ="),
        ("editor = \"", "editor = \"张三李四王五赵六钱七孙八", "editor ="),
    ] {
        let p = TestProject::sample();
        p.edit(EDITION, |t| t.replacen(from, &format!("{to}{}", "长".repeat(12)), 1));
        let line = line_of(&p, EDITION, key);
        let run = build(&p);
        run.assert_code(1);
        run.assert_stderr_has(&[&format!("edition.toml:{line}:"), "the folio line has room for", "hint:"]);
    }
    // At the limits: built, every character of the folio line inside the page's trim.
    let p = TestProject::sample();
    p.edit(EDITION, |t| {
        let t = regex_replace(&t, "paper = \"", &"报".repeat(folio::input::content::MAX_PAPER_CHARS));
        let t = regex_replace(&t, "section = \"", &"版".repeat(folio::input::content::MAX_SECTION_CHARS));
        regex_replace(&t, "editor = \"", &"编".repeat(folio::input::content::MAX_CREDIT_CHARS))
    });
    p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out"]).assert_code(0);
    let pdf = p.out().join(format!("{SAMPLE}.pdf"));
    let doc = lopdf::Document::load(&pdf).unwrap();
    for ((k, page), id) in common::typeset::chars(&pdf).iter().enumerate().zip(doc.page_iter()) {
        let (w, _) = common::size(common::page_box(&doc, id, b"TrimBox").unwrap());
        let bleed = 3.0 * 72.0 / 25.4;
        assert!(k == 0 || page.iter().filter(|c| c.c == '报').count() >= folio::input::content::MAX_PAPER_CHARS, "page {}: the paper's name in its folio line", k + 1);
        for c in page.iter().filter(|c| "报版编".contains(c.c)) {
            assert!(c.x0 >= bleed - 0.5 && c.x1 <= bleed + w + 0.5, "page {}: {} at {:.1}–{:.1} past the trim", k + 1, c.c, c.x0, c.x1);
        }
    }
}

/// `key = "…"`'s value (the first such key) replaced by `value`.
fn regex_replace(t: &str, key: &str, value: &str) -> String {
    let at = t.find(key).unwrap() + key.len();
    let end = at + t[at..].find('"').unwrap();
    format!("{}{value}{}", &t[..at], &t[end..])
}

/// `briefs = true` on a story with no `[[sections]]` (a column of briefs is its sections) or
/// with `verse = true` is an error at the key with the fix; nothing is written.
#[test]
fn briefs_without_sections_or_with_verse_are_refused() {
    const LEAD: &str = "content/jiangxi-special/stories/jiujiang-lead.toml";
    for (add, says) in [("briefs = true\n", "has no `[[sections]]`"), ("briefs = true\nverse = true\n", "cannot go with `verse = true`")] {
        let p = TestProject::sample();
        p.edit(LEAD, |t| t.replacen("headline = ", &format!("{add}headline = "), 1));
        let line = line_of(&p, LEAD, "briefs = true");
        let run = build(&p);
        run.assert_code(1);
        run.assert_stderr_has(&[&format!("jiujiang-lead.toml:{line}:"), says, "hint:", "[[sections]]"]);
    }
}
