//! The second sample edition: the same stories on 四开 tabloid pages, with a front-page masthead
//! and ear, a story continued from page 1 to page 4 (转版), a story across the centre spread's
//! gutter (跨版) and vertical headlines (竖排).

mod common;
use common::*;

const NAME: &str = "jiangxi-tabloid";

fn text_of(pdf: &std::path::Path, page: Option<u32>) -> String {
    let mut args: Vec<String> = vec!["-raw".into()];
    if let Some(p) = page {
        args.extend(["-f".into(), p.to_string(), "-l".into(), p.to_string()]);
    }
    args.extend([pdf.to_str().unwrap().into(), "-".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    poppler("pdftotext", &args).split_whitespace().collect()
}

#[test]
fn tabloid_edition_pages_jumps_spread_and_vertical_heads() {
    let p = TestProject::with_edition(NAME);
    let run = p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]);
    run.assert_code(0);
    let pdf = p.out().join(format!("{NAME}.pdf"));
    let spread = p.out().join(format!("{NAME}-spread.pdf"));

    // Four tabloid pages at 273 × 390 mm trim.
    let doc = lopdf::Document::load(&pdf).unwrap();
    assert_eq!(doc.get_pages().len(), 4);
    for (_, id) in doc.get_pages() {
        let t = size(page_box(&doc, id, b"TrimBox").unwrap());
        assert!((t.0 - 273.0 * PT_PER_MM).abs() < 0.5 && (t.1 - 390.0 * PT_PER_MM).abs() < 0.5, "tabloid trim {t:?}");
    }
    // Spreads: page 1 alone (right), 2|3 the centre spread, 4 alone (left).
    let sdoc = lopdf::Document::load(&spread).unwrap();
    assert_eq!(sdoc.get_pages().len(), 3);

    // Front page: masthead with paper, date and issue number; the ear's 导读 points to the
    // pages inside (tests/front_page.rs reads the masthead and ear back in detail).
    let p1 = text_of(&pdf, Some(1));
    for s in ["示例日报", "2023年6月26日", "第8888期", "导读", "2版"] {
        assert!(p1.contains(s), "front page lacks {s}: {p1}");
    }

    // The 新余 story jumps from page 1 to page 4: 下转 on page 1, 上接 and the rest on page 4.
    assert!(p1.contains("（下转第4版）"), "{p1}");
    let p4 = text_of(&pdf, Some(4));
    assert!(p4.contains("（上接第1版）") && p4.contains("聚星火促燎原"), "{p4}");
    assert!(p4.contains("发放维权慰问金1万余元。"), "the story's last paragraph must be on page 4");
    // A vertical headline on page 4.
    let raw4 = poppler("pdftotext", &["-raw", "-f", "4", "-l", "4", pdf.to_str().unwrap(), "-"]);
    assert!(raw4.lines().any(|l| l.trim() == "警") && raw4.lines().any(|l| l.trim() == "企"), "no vertical headline on page 4");

    // The lead story crosses the gutter: its last words are on page 3's first column, and the
    // spread sheet carries the story's text once.
    let p3 = text_of(&pdf, Some(3));
    assert!(p3.contains("（程军）"), "the crossing story ends on page 3: {p3}");
    let sheet = text_of(&spread, Some(2));
    assert_eq!(sheet.matches("被公安部授予集体一等功").count(), 1, "the crossing story must print once on the spread sheet");
    assert_eq!(sheet.matches("万里缉毒！斩断毒品运输通道").count(), 1);

    // The whole seed is in the edition. Stories continue across pages here, so the pages do not
    // read in the seed's order; count characters instead (the broadsheet test checks order).
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();
    let all = text_of(&pdf, None);
    let mut counts = std::collections::HashMap::new();
    for c in han(&all) {
        *counts.entry(c).or_insert(0i32) += 1;
    }
    let s = han(&seed);
    let found = s.iter().filter(|c| {
        let n = counts.entry(**c).or_insert(0);
        *n -= 1;
        *n >= 0
    });
    let ratio = found.count() as f64 / s.len() as f64;
    assert!(ratio >= 0.995, "only {ratio:.4} of the seed's characters are in the tabloid edition");
}

/// Every glyph on the sheet of the centre spread (pages 2|3), read from the laid-out document:
/// (character, left, right, type size), in pt from the sheet's trim edge.
fn sheet_glyphs(report: &folio::session::Report) -> Vec<(String, f64, f64, f64)> {
    let mut out = Vec::new();
    folio::layout::galley::for_each_text(&report.compiled.spreads.pages()[1].frame, typst::layout::Transform::identity(), &mut |at, t| {
        let mut x = at.x.to_pt();
        for g in &t.glyphs {
            let w = g.x_advance.at(t.size).to_pt();
            out.push((t.text[g.range()].to_string(), x, x + w, t.size.to_pt()));
            x += w;
        }
    });
    out
}

/// Words of one page from `pdftotext -bbox-layout`: (text, x0, y0, x1).
fn words(pdf: &std::path::Path, page: u32) -> Vec<(String, f64, f64, f64)> {
    let xml = poppler("pdftotext", &["-bbox-layout", "-f", &page.to_string(), "-l", &page.to_string(), pdf.to_str().unwrap(), "-"]);
    xml.split("<word ")
        .skip(1)
        .map(|w| {
            let attr = |n: &str| -> f64 {
                let at = w.find(&format!("{n}=\"")).unwrap() + n.len() + 2;
                w[at..].split('"').next().unwrap().parse().unwrap()
            };
            let text = w.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
            (text, attr("xMin"), attr("yMin"), attr("xMax"))
        })
        .collect()
}

#[test]
fn centre_spread_banner_and_headline_are_set_across_the_fold() {
    let p = TestProject::with_edition(NAME);
    p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]).assert_code(0);
    let pdf = p.out().join(format!("{NAME}.pdf"));
    let spread = p.out().join(format!("{NAME}-spread.pdf"));
    // On the sheet of pages 2|3 the fold is one trim width (plus the bleed) from the left.
    let fold = 3.0 * PT_PER_MM + 273.0 * PT_PER_MM;
    let sheet = words(&spread, 2);
    let find = |t: &str| sheet.iter().find(|w| w.0.starts_with(t)).unwrap_or_else(|| panic!("{t} not on the spread sheet: {sheet:?}")).clone();
    // Each line is set across the fold: its words, read left to right on one baseline from its
    // first, give the whole line, starting before the fold and ending after it.
    for (start, whole) in [("健康人", "健康人生，绿色无毒！·九江"), ("万里缉毒", "万里缉毒！斩断毒品运输通道")] {
        let first = find(start);
        let mut on_baseline: Vec<_> = sheet.iter().filter(|w| (w.2 - first.2).abs() < 0.5 && w.1 >= first.1).cloned().collect();
        on_baseline.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut text = String::new();
        let line: Vec<_> = on_baseline
            .into_iter()
            .take_while(|w| {
                let more = whole.starts_with(&format!("{text}{}", w.0));
                if more {
                    text.push_str(&w.0);
                }
                more
            })
            .collect();
        assert_eq!(text, whole);
        assert!(line.first().unwrap().1 < fold && line.last().unwrap().3 > fold, "{whole} is not across the fold");
    }
    // No glyph on the sheet straddles the fold (read from the laid-out sheet: poppler joins
    // glyphs either side of a narrow gap into one word).
    let report = p.report(NAME, false);
    let trim_fold = 273.0 * PT_PER_MM;
    let glyphs = sheet_glyphs(&report);
    for (c, x0, x1, _) in &glyphs {
        assert!(!(*x0 < trim_fold - 0.5 && *x1 > trim_fold + 0.5), "{c} straddles the fold ({x0:.1}–{x1:.1})");
    }
    let glyphs = glyphs.len();
    assert!(glyphs > 1000, "the sheet's text was read ({glyphs} glyphs)");
    // The banner is on the sheet once, and each single page shows its half: page 3's stories
    // start under it.
    assert_eq!(text_of(&spread, Some(2)).matches("绿色无毒").count(), 1);
    let p2 = text_of(&pdf, Some(2));
    let p3 = text_of(&pdf, Some(3));
    assert!(p2.contains("健康人生") && p3.contains("绿色无毒"), "p2: {p2:.80}… p3: {p3:.80}…");
    let banner_foot = words(&pdf, 3).iter().find(|w| w.0.starts_with("绿色")).map(|w| w.2).unwrap() + 30.0;
    // 武宁's vertical head (清源断流 / 严格场所管理) is the page's top story: its highest word.
    let first_story = words(&pdf, 3).into_iter().filter(|w| w.0.contains('清') || w.0.contains('严')).min_by(|a, b| a.2.total_cmp(&b.2)).unwrap();
    assert!(first_story.2 > banner_foot, "page 3's first story must start under the banner");
}

#[test]
fn a_banner_across_belongs_on_the_centre_spread() {
    // Page 4 is not the left page of the centre spread.
    let p = TestProject::with_edition(NAME);
    p.edit(&format!("content/{NAME}/edition.toml"), |s| {
        s.replace("number = 4                  # FIXTURE\n", "number = 4                  # FIXTURE\nbanner = \"要闻\"\nbanner_across = true\n")
    });
    let run = p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has(&["page 4 is not the left page of the centre spread", "edition.toml:", "hint:"]);
    // The right page may not have a banner of its own.
    let p = TestProject::with_edition(NAME);
    p.edit(&format!("content/{NAME}/edition.toml"), |s| {
        s.replace("number = 3                  # FIXTURE\n", "number = 3                  # FIXTURE\nbanner = \"专版\"\n")
    });
    let run = p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has(&["page 2's banner runs across the spread, but page 3 has its own banner"]);
}

#[test]
fn the_editors_line_break_decides_where_the_fold_falls() {
    let p = TestProject::with_edition(NAME);
    p.edit(&format!("content/{NAME}/stories/jiujiang-lead.toml"), |s| {
        s.replace("headline = \"万里缉毒！斩断毒品运输通道\"", "headline = \"万里缉毒！\\n斩断毒品运输通道\"")
    });
    let report = p.report(NAME, false);
    // The headline's glyphs on the sheet (42 pt; the banner is 34): 万里缉毒！ before the fold, 斩断… after.
    let fold = 273.0 * PT_PER_MM;
    let head: Vec<_> = sheet_glyphs(&report).into_iter().filter(|g| g.3 >= 38.0).collect();
    let at = |c: &str| head.iter().find(|g| g.0 == c).unwrap_or_else(|| panic!("{c} not in {head:?}")).clone();
    assert!(at("！").2 <= fold + 0.01 && at("斩").1 >= fold, "split at the editor's break: {head:?}, fold {fold:.1}");
}

/// folio makes the spread sheets from the pages as laid out (no second layout). They must look
/// exactly as `layouts/spread.typ` lays them out (the sheets `--emit-typst` gives plain Typst),
/// the centre spread with its banner and story across the fold included: every sheet of both
/// samples rendered both ways, pixel for pixel.
#[test]
fn spread_sheets_from_the_pages_look_as_the_spread_template_lays_them_out() {
    for name in [NAME, "jiangxi-special"] {
        let p = TestProject::with_edition(name);
        let mut session = folio::session::Session::new(
            folio::session::Options {
                edition: p.edition(name),
                root: Some(p.root().to_path_buf()),
                font_path: Some(repo().join("fonts")),
                system_fonts: false,
                out: None,
            },
            Default::default(),
        );
        let report = session.compile().unwrap_or_else(|d| panic!("{d}"));
        let world = session.world().unwrap();
        world.set_main(folio::layout::world::FolioWorld::layout_id(folio::layout::compile::SPREAD_MAIN));
        let laid_out = world.compile_checked().output.unwrap_or_else(|e| panic!("spread.typ: {e:?}"));
        let ours = report.compiled.spreads.pages();
        assert_eq!(ours.len(), laid_out.pages().len());
        assert!(!ours.is_empty());
        let options = typst_render::RenderOptions { pixel_per_pt: 0.75.into(), render_bleed: true };
        for (i, (a, b)) in ours.iter().zip(laid_out.pages()).enumerate() {
            assert_eq!((a.frame.size(), a.bleed), (b.frame.size(), b.bleed), "{name} sheet {i}: size and bleed");
            let (a, b) = (typst_render::render(a, &options), typst_render::render(b, &options));
            assert_eq!((a.width(), a.height()), (b.width(), b.height()));
            // Each pixel of one must lie between the values of the other around it (antialiasing
            // where a clip is rendered differs by a fraction of a pixel), and the sheets differ on average by
            // next to nothing.
            let (w, h) = (a.width() as i64, a.height() as i64);
            let px = |m: &[u8], x: i64, y: i64| i64::from(m[((y * w + x) * 4) as usize]);
            let (mut sum, mut unmatched) = (0i64, 0usize);
            for y in 0..h {
                for x in 0..w {
                    let va = px(a.data(), x, y);
                    sum += (va - px(b.data(), x, y)).abs();
                    let near = (-1..=1).flat_map(|dy| (-1..=1).map(move |dx| (x + dx, y + dy)));
                    let near: Vec<i64> = near.filter(|&(x, y)| (0..w).contains(&x) && (0..h).contains(&y)).map(|(x, y)| px(b.data(), x, y)).collect();
                    let (lo, hi) = (near.iter().min().unwrap(), near.iter().max().unwrap());
                    let matched = (lo - 16..=hi + 16).contains(&va);
                    unmatched += usize::from(!matched);
                }
            }
            let mean = sum as f64 / (w * h) as f64;
            assert!(mean < 0.2 && unmatched == 0, "{name} sheet {i}: mean difference {mean:.3}, {unmatched} pixels not within a pixel of the template's");
        }
    }
}

/// A vertical headline in two phrases (issue 14, item 4: 警力下沉 / 禁毒宣传进企业, the editor's
/// `\n` between them) sets as two columns, the first phrase on the right as vertical lines
/// read, both from the head's top; the copy runs on under the head in its column, about a line
/// of white between, as a 美编 sets a 竖题 over a short story. Read back from page 4's glyphs.
#[test]
fn a_two_phrase_vertical_head_sets_as_two_columns_with_the_copy_under_it() {
    let p = TestProject::with_edition(NAME);
    p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]).assert_code(0);
    let pdf = p.out().join(format!("{NAME}.pdf"));
    let page = common::typeset::chars(&pdf).into_iter().nth(3).expect("a page 4");
    let head: Vec<&common::typeset::Char> = page.iter().filter(|c| c.size > 20.0).collect();
    let column = |phrase: &str| -> Vec<&common::typeset::Char> {
        let mut out: Vec<&common::typeset::Char> = Vec::new();
        for ch in phrase.chars() {
            let found = head.iter().find(|c| c.c == ch && !out.iter().any(|o| std::ptr::eq(*o, **c))).unwrap_or_else(|| panic!("no {ch} of {phrase} in the head: {head:?}"));
            out.push(found);
        }
        out
    };
    let (first, second) = (column("警力下沉"), column("禁毒宣传进企业"));
    for (name, col) in [("警力下沉", &first), ("禁毒宣传进企业", &second)] {
        assert!(col.iter().all(|c| (c.x0 - col[0].x0).abs() < 1.0), "{name} stands in one column: {col:?}");
        assert!(col.windows(2).all(|w| w[1].y > w[0].y + 20.0), "{name} reads downwards: {col:?}");
    }
    assert!(first[0].x0 > second[0].x0 + 20.0, "the first phrase is the right-hand column: {} vs {}", first[0].x0, second[0].x0);
    assert!((first[0].y - second[0].y).abs() < 1.0, "both columns start at the head's top: {} vs {}", first[0].y, second[0].y);

    // The copy under the head, in its column: body characters between the head's left edge and
    // the column's right edge, below the head's last character.
    let (left, right) = (second[0].x0 - 20.0, first[0].x1 + 20.0);
    let foot = second.last().expect("a last character").y;
    let under: Vec<&common::typeset::Char> = page.iter().filter(|c| c.size < 12.0 && c.x0 >= left && c.x1 <= right && c.y > foot).collect();
    let top = under.iter().map(|c| c.y).fold(f64::INFINITY, f64::min);
    assert!(under.len() > 50, "the copy runs on under the vertical head: {} characters there", under.len());
    // White between the head's last character (its em box: 0.12 em under the baseline) and the
    // copy's first line (0.88 em over its baseline): half a line to a line and a half (15 pt).
    let white = (top - 0.88 * 10.0) - (foot + 0.12 * 26.0);
    assert!((7.0..=23.0).contains(&white), "{white:.1} pt of white between the vertical head and the copy under it");
}

/// A vertical headline in more phrases than the column holds side by side (four here, each a
/// column 26 pt wide with its gap: wider than a tabloid column) falls back to one column, the
/// phrases in reading order down it, kept apart by a full-width space (an empty em box between
/// them, none inside a phrase); the copy still runs on under it. Page 4 left to folio (八里湖
/// and 都昌 unplaced), so the blocks fit the taller head. Read back from the page's glyphs.
#[test]
fn a_vertical_head_in_more_phrases_than_the_column_holds_sets_as_one_column() {
    let p = TestProject::with_edition(NAME);
    p.edit(&format!("content/{NAME}/stories/balihu.toml"), |t| t.replace("headline = \"警力下沉\\n禁毒宣传进企业\"", "headline = \"严打\\n严管\\n严防\\n严治\""));
    common::unplace(&p, NAME, &["duchang", "balihu"]);
    p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]).assert_code(0);
    let pdf = p.out().join(format!("{NAME}.pdf"));
    let page = common::typeset::chars(&pdf).into_iter().nth(3).expect("a page 4");
    // The vertical head's characters: display type in the column of its first character.
    let first = page.iter().find(|c| c.size > 20.0 && c.c == '严').expect("the head's first character");
    let mut head: Vec<&common::typeset::Char> = page.iter().filter(|c| c.size > 20.0 && (c.x0 - first.x0).abs() < 2.0 && !c.c.is_whitespace()).collect();
    head.sort_by(|a, b| a.y.total_cmp(&b.y));
    let text: String = head.iter().map(|c| c.c).collect();
    assert_eq!(text, "严打严管严防严治", "the head's characters, top to bottom: {head:?}");
    assert_eq!(page.iter().filter(|c| c.size > 20.0 && c.c == '严').count(), 4, "every 严 of the head in that one column");
    let steps: Vec<f64> = head.windows(2).map(|w| w[1].y - w[0].y).collect();
    let em = head[0].size;
    for (i, step) in steps.iter().enumerate() {
        // Within a phrase the next character is the next em box (with the stack's spacing);
        // between phrases one box more: the full-width space.
        let expect = if i % 2 == 1 { 2.0 } else { 1.0 };
        assert!((step / em - expect * 1.08).abs() < 0.15, "step {i} is {:.2} em (expected about {:.2}): {steps:?}", step / em, expect * 1.08);
    }
    let foot = head.last().expect("a last character").y;
    let (left, right) = (head[0].x0 - 20.0, head[0].x1 + 20.0);
    let under = page.iter().filter(|c| c.size < 12.0 && c.x0 >= left && c.x1 <= right && c.y > foot).count();
    assert!(under >= 6, "the copy runs on under the one-column head (a line at least): {under} characters there");
}

/// A vertical head over a story with a lead box (核心提示) keeps its column from the block's
/// top to its foot: the lead box and the copy stand in the columns beside it, and nothing
/// runs on under the head (as it does without a lead box). 八里湖 given a lead box, page 4
/// placed by folio with the cuts `folio build` asks for (20 characters of 八里湖, 40 of 都昌).
/// Read back from page 4's glyphs.
#[test]
fn a_vertical_head_beside_a_lead_box_keeps_its_column() {
    let p = TestProject::with_edition(NAME);
    p.edit(&format!("content/{NAME}/stories/balihu.toml"), |t| t.replacen("\n\"\"\"\n", "\n\"\"\"\n\n[lead]\ntitle = \"核心提示\"\ntext = \"八里湖分局禁毒大队下沉辖区企业开展禁毒宣传。\"\n", 1));
    common::unplace(&p, NAME, &["duchang", "balihu"]);
    // What the nearest layout asks: the last 20 characters of 八里湖 and 40 of 都昌 cut.
    for (name, n) in [("balihu", 20), ("duchang", 40)] {
        p.edit(&format!("content/{NAME}/stories/{name}.toml"), |t| {
            let (head, rest) = t.split_once("body = \"\"\"").unwrap();
            let (body, tail) = rest.split_once("\"\"\"").unwrap();
            let mut chars: Vec<char> = body.trim_end().chars().collect();
            let mut cut = 0;
            while cut < n {
                if !chars.pop().unwrap().is_whitespace() {
                    cut += 1;
                }
            }
            format!("{head}body = \"\"\"{}。\n\"\"\"{tail}", chars.into_iter().collect::<String>())
        });
    }
    p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]).assert_code(0);
    let pdf = p.out().join(format!("{NAME}.pdf"));
    let page = common::typeset::chars(&pdf).into_iter().nth(3).expect("a page 4");
    // The vertical head: display type at the size of its first character (都昌's head is larger).
    let size = page.iter().find(|c| c.size > 20.0 && c.c == '警').expect("the vertical head").size;
    let head: Vec<&common::typeset::Char> = page.iter().filter(|c| (c.size - size).abs() < 0.5 && "警力下沉禁毒宣传进企业".contains(c.c)).collect();
    assert_eq!(head.len(), 11, "the vertical head's characters: {head:?}");
    let (x0, x1) = (head.iter().map(|c| c.x0).fold(f64::INFINITY, f64::min), head.iter().map(|c| c.x1).fold(f64::NEG_INFINITY, f64::max));
    let top = head.iter().map(|c| c.y).fold(f64::INFINITY, f64::min) - 30.0;
    // Body and lead-box text (under display size) in the head's column, below its top: none.
    let beside: Vec<&common::typeset::Char> = page.iter().filter(|c| c.size < 12.0 && c.y > top && (c.x0 + c.x1) / 2.0 > x0 - 6.0 && (c.x0 + c.x1) / 2.0 < x1 + 6.0).collect();
    assert!(beside.is_empty(), "text in the vertical head's column: {:?}", beside.iter().map(|c| c.c).collect::<String>());
    // The lead box stands beside the head, right of its column.
    let title: Vec<&common::typeset::Char> = page.iter().filter(|c| "核心提示".contains(c.c) && c.y > top).collect();
    assert!(title.len() >= 4 && title.iter().all(|c| c.x0 > x1), "the lead box's title right of the head: {title:?}");
}

/// Quotes in a vertical head are the corner quotes vertical text uses (GB/T 15834: ﹃清源断流﹄,
/// the font's `vert` forms), not curly quotes turned on their side: 武宁's head on page 3.
/// Read back from the page rendered at 300 dpi: the ink in the em box over 清 and in the one
/// under 流 (the head's column, from those characters' positions) is a corner bracket, about
/// two thirds of an em wide; a curly quote turned on its side (as folio set it until session
/// 28) is a third.
#[test]
fn quotes_in_a_vertical_head_are_corner_quotes() {
    let p = TestProject::with_edition(NAME);
    p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]).assert_code(0);
    let pdf = p.out().join(format!("{NAME}.pdf"));
    let page = common::typeset::chars(&pdf).into_iter().nth(2).expect("a page 3");
    let han = |ch: char| page.iter().find(|c| c.size > 20.0 && c.c == ch).unwrap_or_else(|| panic!("no {ch} in a head on page 3")).clone();
    let (first, last) = (han('清'), han('流'));
    let em = first.size;
    assert!((first.x0 - last.x0).abs() < 1.0 && last.y > first.y + 2.0 * em, "清源断流 stands in one vertical column: {first:?} {last:?}");
    let img = render(&pdf, 3, 300);
    let px = |pt: f64| (pt * 300.0 / 72.0).round() as i64;
    // The ink's height and width in em within a box of the column, `from` to `to` pt down.
    let ink = |from: f64, to: f64| -> (f64, f64) {
        let (mut top, mut bottom, mut left, mut right) = (i64::MAX, i64::MIN, i64::MAX, i64::MIN);
        for y in px(from)..px(to) {
            for x in px(first.x0 - 0.1 * em)..px(first.x0 + 1.1 * em) {
                let [r, g, b] = img.get_pixel(x as u32, y as u32).0;
                if u32::from(r) + u32::from(g) + u32::from(b) < 3 * 100 {
                    (top, bottom, left, right) = (top.min(y), bottom.max(y), left.min(x), right.max(x));
                }
            }
        }
        if top > bottom { (0.0, 0.0) } else { ((bottom - top + 1) as f64 / px(em) as f64, (right - left + 1) as f64 / px(em) as f64) }
    };
    // Each character's em box runs from 0.88 em over its baseline to 0.12 em under it; the
    // stack sets the next box 0.08 em on.
    let open = ink(first.y - 0.88 * em - 1.05 * em, first.y - 0.88 * em - 0.03 * em);
    let close = ink(last.y + 0.12 * em + 0.03 * em, last.y + 0.12 * em + 1.05 * em);
    for (name, (tall, wide)) in [("the opening quote", open), ("the closing quote", close)] {
        assert!(tall > 0.3 && wide > 0.5, "{name} in the vertical head: ink {tall:.2} em tall, {wide:.2} em wide (a corner quote is over 0.3 em tall and 0.5 em wide)");
    }
}

/// Two digits in a vertical head stand across in one box (纵中横, clreq), three or more one to
/// a box down the column: 武宁's head on page 3 made "“断流12”\n严管120家". Read back from
/// page 3's glyphs: 1 and 2 on one baseline, side by side inside the column's em, in the box
/// under 流; 120's digits one under another under 管.
#[test]
fn two_digits_in_a_vertical_head_stand_across_in_one_box() {
    let p = TestProject::with_edition(NAME);
    p.edit(&format!("content/{NAME}/stories/wuning.toml"), |t| t.replace("headline = \"“清源断流”\\n严格场所管理\"", "headline = \"“断流12”\\n严管120家\""));
    p.folio(&["build", &format!("content/{NAME}"), "--out", "out"]).assert_code(0);
    let pdf = p.out().join(format!("{NAME}.pdf"));
    let page = common::typeset::chars(&pdf).into_iter().nth(2).expect("a page 3");
    let head: Vec<&common::typeset::Char> = page.iter().filter(|c| c.size > 20.0).collect();
    let find = |ch: char| *head.iter().find(|c| c.c == ch).unwrap_or_else(|| panic!("no {ch} in the vertical head: {head:?}"));
    let (liu, guan) = (find('流'), find('管'));
    let em = liu.size;
    let in_column = |of: &common::typeset::Char| -> Vec<&common::typeset::Char> {
        let mut v: Vec<&common::typeset::Char> = head.iter().copied().filter(|c| c.c.is_ascii_digit() && c.x0 > of.x0 - 0.2 * em && c.x1 < of.x0 + 1.2 * em && c.y > of.y).collect();
        v.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
        v
    };
    let twelve = in_column(liu);
    assert_eq!(twelve.iter().map(|c| c.c).collect::<String>(), "12", "12 under 流: {twelve:?}");
    let (one, two) = (twelve[0], twelve[1]);
    assert!((one.y - two.y).abs() < 0.5, "1 and 2 on one baseline: {one:?} {two:?}");
    assert!(two.x0 >= one.x1 - 0.5 && one.x0 >= liu.x0 - 0.5 && two.x1 <= liu.x0 + em + 0.5, "1 then 2 across, inside the column's em: {one:?} {two:?} {liu:?}");
    assert!(one.y - liu.y > 0.9 * em && one.y - liu.y < 1.3 * em, "12 takes the one box under 流: {one:?} {liu:?}");
    let number = in_column(guan);
    assert_eq!(number.iter().map(|c| c.c).collect::<String>(), "120", "120 under 管: {number:?}");
    assert!(number.windows(2).all(|w| w[1].y > w[0].y + 0.9 * em), "120 one digit to a box down the column: {number:?}");
}
