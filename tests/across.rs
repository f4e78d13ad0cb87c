//! 跨版 placed by folio: a story on the centre spread's left page that asks to run across the
//! fold (`across = true`, no `[block]`) gets a block over the fold, chosen with the two pages'
//! other stories around it; the pages read back from the PDF.

mod common;
use common::typeset;
use common::*;

const E: &str = "content/jiangxi-tabloid";
const LEAD: &str = "content/jiangxi-tabloid/stories/jiujiang-lead.toml";

/// The tabloid with its centre spread's stories (page 2's lead, page 3's strip) left to folio,
/// the lead asking to run across the fold; with `photo`, the lead's photo keeps the editor's
/// size and place (8 columns by 44 lines at the foot), else folio sizes it too.
fn spread_to_place(photo: bool) -> TestProject {
    let p = TestProject::with_edition("jiangxi-tabloid");
    unplace(&p, "jiangxi-tabloid", &["jiujiang-lead", "wuning", "pengze", "lianxi"]);
    p.edit(LEAD, |t| {
        let t = t.replacen("headline =", "across = true\nheadline =", 1);
        if photo { t.replacen("credit = \"黄尧\"\n", "credit = \"黄尧\"\ncolumn = 1\nspan = 8\nheight = 44\n", 1) } else { t }
    });
    p
}

fn codes(p: &TestProject) -> Vec<String> {
    let run = p.folio(&["check", E, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout(), run.stderr()));
    v["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_story_asked_across_runs_over_the_fold_where_a_desk_put_it() {
    // With the editor's photo, folio chooses the block the sample was made up with by hand:
    // all of page 2 and page 3's first three columns, top to foot; page 3's three stories
    // down its other three columns.
    let p = spread_to_place(true);
    let run = p.folio(&["place", E]);
    run.assert_code(0);
    let out = run.stdout();
    assert!(out.contains("jiujiang-lead.toml column = 1, span = 9, top = 6, height = 58"), "{out}");
    for story in ["wuning", "pengze", "lianxi"] {
        assert!(out.lines().any(|l| l.contains(&format!("{story}.toml column = 4, span = 3"))), "{story}: {out}");
    }
    p.folio(&["build", E]).assert_code(0);
    let c = codes(&p);
    for bad in ["overset", "underset", "hole", "overlap", "row-of-heads"] {
        assert!(!c.iter().any(|x| x == bad), "{bad}: {c:?}");
    }

    // Read back: the headline splits at the fold (its first characters on page 2, its last on
    // page 3), and the story's copy runs on in page 3's first three columns, left of the
    // page's other stories.
    let pdf = p.out().join("jiangxi-tabloid.pdf");
    let pages = typeset::chars(&pdf);
    let big = |pi: usize, c: char| pages[pi].iter().any(|x| x.c == c && x.size > 20.0);
    assert!(big(1, '万') && !big(2, '万'), "万 of 万里缉毒 on page 2");
    assert!(big(2, '道') && !big(1, '道'), "道 of 运输通道 on page 3");
    let lines = &typeset::body_lines(&pdf, 10.0)[2];
    let f = p.report("jiangxi-tabloid", false).compiled.data.pages[2].format.clone();
    let third = f.bleed_pt + f.side_pt + 3.0 * (f.column_pt + f.gutter_pt);
    let last = lines.iter().find(|l| l.text().contains("集体一等功")).expect("the lead's last words on page 3");
    assert!(last.x1() < third, "the lead's last words in page 3's first three columns: {:.0} (third column ends {third:.0})", last.x1());

    // `--write` writes the block beside `across`, and the next build places nothing and is
    // the same.
    p.folio(&["place", E, "--write"]).assert_code(0);
    let lead = std::fs::read_to_string(p.root().join(LEAD)).unwrap();
    assert!(lead.contains("across = true") && lead.contains("[block]") && lead.contains("span = 9"), "{lead}");
    let again = p.folio(&["place", E]);
    again.assert_code(0);
    assert!(!again.stdout().contains("jiujiang-lead.toml column"), "nothing left to place: {}", again.stdout());
    p.folio(&["build", E]).assert_code(0);
}

#[test]
fn a_story_across_with_its_photo_sized_by_folio_leaves_no_sliver_over_the_picture() {
    // folio sizes the photo too: never a line or two of copy across the picture's columns
    // above it (each column over the photo holds three lines or none).
    let p = spread_to_place(false);
    p.folio(&["place", E, "--write"]).assert_code(0);
    p.folio(&["build", E]).assert_code(0);
    let data = p.report("jiangxi-tabloid", false).compiled.data;
    let page = &data.pages[1];
    let lead = page.stories.iter().max_by(|a, b| a.block.w.total_cmp(&b.block.w)).unwrap();
    let photo = lead.photos.first().expect("the lead's photo").rect;
    assert!(lead.block.w > page.format.area_width_pt, "the lead crosses the fold: {:?}", lead.block);
    // Lines of copy on page 2 above the photo in each of its columns (every character at the
    // body size: the dateline's bold ones too), read from the PDF.
    let f = &page.format;
    let (x0, top) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.top_pt);
    let chars = &typeset::chars(&p.out().join("jiangxi-tabloid.pdf"))[1];
    let step = f.column_pt + f.gutter_pt;
    let mut seen = 0;
    for c in 0..f.spec.columns {
        let x = f64::from(c) * step;
        if x < photo.x - 1.0 || x + f.column_pt > photo.x + photo.w + 1.0 {
            continue;
        }
        let mut ys: Vec<i64> = chars
            .iter()
            .filter(|ch| (ch.size - 10.0).abs() < 0.05 && ch.x0 >= x0 + x - 1.0 && ch.x1 <= x0 + x + f.column_pt + 1.0 && ch.y > top + lead.block.y && ch.y < top + photo.y)
            .map(|ch| (ch.y * 10.0).round() as i64)
            .collect();
        ys.sort();
        ys.dedup();
        seen += 1;
        assert!(ys.is_empty() || ys.len() >= 3, "column {} over the photo holds {} lines", c + 1, ys.len());
    }
    assert!(seen >= 2, "the photo spans columns of page 2: {photo:?}");
}

#[test]
fn across_where_the_fold_is_not_is_a_located_error() {
    // On a page that is not the centre spread's left page.
    let p = TestProject::with_edition("jiangxi-tabloid");
    unplace(&p, "jiangxi-tabloid", &["balihu"]);
    p.edit("content/jiangxi-tabloid/stories/balihu.toml", |t| t.replacen("headline =", "across = true\nheadline =", 1));
    let run = p.folio(&["build", E]);
    run.assert_code(1);
    run.assert_stderr_has(&["across", "centre spread", "balihu.toml:"]);

    // Span bounds of a story across count the spread's columns.
    let p = spread_to_place(true);
    p.edit(LEAD, |t| t.replacen("across = true", "across = true\nmin_span = 13", 1));
    let run = p.folio(&["build", E]);
    run.assert_code(1);
    run.assert_stderr_has(&["`min_span` = 13 is out of range", "the spread's columns 1–12", "jiujiang-lead.toml:4:12"]);

    // With a block that stays on its page.
    let p = TestProject::with_edition("jiangxi-tabloid");
    p.edit("content/jiangxi-tabloid/stories/wuning.toml", |t| t.replacen("headline =", "across = true\nheadline =", 1));
    let run = p.folio(&["build", E]);
    run.assert_code(1);
    run.assert_stderr_has(&["across", "stays on its page", "wuning.toml:"]);
}

#[test]
fn a_story_across_takes_what_the_facing_pages_hand_placed_blocks_leave() {
    // Page 3's stories keep their hand-made blocks (columns 4–6): the lead, asking across with
    // its editor's photo, takes page 2 and the three columns page 3 leaves, top to foot.
    let p = TestProject::with_edition("jiangxi-tabloid");
    unplace(&p, "jiangxi-tabloid", &["jiujiang-lead"]);
    p.edit(LEAD, |t| t.replacen("headline =", "across = true\nheadline =", 1).replacen("credit = \"黄尧\"\n", "credit = \"黄尧\"\ncolumn = 1\nspan = 8\nheight = 44\n", 1));
    let run = p.folio(&["place", E]);
    run.assert_code(0);
    assert!(run.stdout().contains("jiujiang-lead.toml column = 1, span = 9, top = 6, height = 58"), "{}", run.stdout());
    assert!(!run.stdout().contains("wuning.toml"), "page 3's blocks stay the editor's: {}", run.stdout());
    p.folio(&["build", E]).assert_code(0);

    // Page 3 free from a line the left page is not (a hand-placed block across its top): the
    // two areas do not meet at the fold, and the error says so at the story's `across`.
    p.edit("content/jiangxi-tabloid/stories/wuning.toml", |t| t.replacen("column = 4\nspan = 3\ntop = 6", "column = 1\nspan = 6\ntop = 6", 1));
    let run = p.folio(&["place", E]);
    assert_ne!(run.code(), 0, "{}", run.stdout());
    run.assert_stderr_has(&["does not meet at the fold", "jiujiang-lead.toml:"]);
}

#[test]
fn a_spread_that_does_not_place_around_its_story_across_says_what_to_change() {
    // 濂溪 moved to page 2 beside the lead asking across: no block over the fold leaves both
    // pages fillable. The error is a page's what-to-change, in characters, with the 跨版 block
    // it assumes.
    let p = spread_to_place(true);
    p.edit("content/jiangxi-tabloid/edition.toml", |t| {
        t.replace("stories = [\"stories/jiujiang-lead.toml\"]", "stories = [\"stories/jiujiang-lead.toml\", \"stories/lianxi.toml\"]")
            .replace("stories = [\"stories/wuning.toml\", \"stories/pengze.toml\", \"stories/lianxi.toml\"]", "stories = [\"stories/wuning.toml\", \"stories/pengze.toml\"]")
    });
    let run = p.folio(&["place", E]);
    assert_ne!(run.code(), 0, "{}", run.stdout());
    run.assert_stderr_has(&["characters", "lianxi", "jiujiang-lead across the fold", "edition.toml:"]);
    // Nothing was written.
    assert!(!std::fs::read_to_string(p.root().join(LEAD)).unwrap().contains("[block]"));
}

#[test]
fn a_story_across_stands_over_the_fold_with_the_left_pages_stories_beside_it() {
    // 八里湖 and 都昌 moved to page 2 beside the lead asking across (page 4 left blank under
    // 新余's continuation): the lead takes a block over the fold, the full depth, and the two
    // stories the columns it leaves on page 2's outer side.
    let p = spread_to_place(false);
    unplace(&p, "jiangxi-tabloid", &["balihu", "duchang"]);
    p.edit("content/jiangxi-tabloid/edition.toml", |t| {
        t.replace("stories = [\"stories/jiujiang-lead.toml\"]", "stories = [\"stories/jiujiang-lead.toml\", \"stories/balihu.toml\", \"stories/duchang.toml\"]")
            .replace("stories = [\"stories/balihu.toml\", \"stories/duchang.toml\"]", "stories = []\nblank = true")
    });
    let run = p.folio(&["place", E]);
    run.assert_code(0);
    let out = run.stdout();
    let block = |name: &str| -> (u32, u32) {
        let line = out.lines().find(|l| l.contains(&format!("{name}.toml column = "))).unwrap_or_else(|| panic!("{name}: {out}"));
        let num = |key: &str| line.split(&format!("{key} = ")).nth(1).and_then(|s| s.split([',', ';']).next()).and_then(|s| s.trim().parse().ok()).unwrap();
        (num("column"), num("span"))
    };
    let (c, span) = block("jiujiang-lead");
    assert!(c > 1 && c + span - 1 > 6, "the lead over the fold, not from page 2's first column: {out}");
    for name in ["balihu", "duchang"] {
        let (bc, bs) = block(name);
        assert!(bc + bs - 1 < c, "{name} beside the lead on page 2's outer side: {out}");
    }
    p.folio(&["build", E]).assert_code(0);
    // On the spread (page 4, under the continuation, is left blank: a hole there is expected).
    let run = p.folio(&["check", E, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let spread: Vec<&str> = v["findings"].as_array().unwrap().iter().filter(|f| f["page"] == 2 || f["page"] == 3).map(|f| f["code"].as_str().unwrap()).collect();
    for bad in ["overset", "underset", "hole", "overlap"] {
        assert!(!spread.contains(&bad), "{bad}: {spread:?}");
    }
}

#[test]
fn a_warm_rebuild_reuses_the_block_across_until_the_spread_changes() {
    // The spread left to folio (the lead across, the page holding only it): a rebuild with
    // nothing changed takes the block across from the session's cache — page 2's placement is
    // reused — and an edit in a page-3 story chooses it again (the same block).
    let p = spread_to_place(true);
    let mut b = common::watch(&p, "jiangxi-tabloid");
    let page2 = |b: &folio::session::watch::Watch| -> (bool, folio::layout::place::Placed) {
        let r = b.report().expect("a good build");
        let pl = r.placed.iter().find(|pl| r.edition.file.value.pages[pl.page].number == 2).expect("page 2 placed by folio");
        (pl.reused, pl.blocks[0])
    };
    let (reused, first) = page2(&b);
    assert!(!reused, "a first build chooses the block across");
    assert_eq!((first.column, first.span), (1, 9), "{first:?}");
    b.rebuild().unwrap_or_else(|d| panic!("rebuild with nothing changed: {d}"));
    assert_eq!(page2(&b), (true, first), "nothing changed: the block across from the cache");
    // 濂溪 is on page 3: the choice read it.
    p.edit("content/jiangxi-tabloid/stories/lianxi.toml", |t| {
        let at = t.find("body = ").unwrap();
        let i = at + t[at..].find('。').unwrap();
        format!("{}，{}", &t[..i], &t[i + '。'.len_utf8()..])
    });
    b.rebuild().unwrap_or_else(|d| panic!("rebuild after a page-3 edit: {d}"));
    assert_eq!(page2(&b), (false, first), "page 3 changed: chosen again, the same");
}
