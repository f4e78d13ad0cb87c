//! Layout quality, read back from the built PDFs with poppler's `pdftotext -bbox-layout`:
//! no line starts with a forbidden punctuation mark (clreq), body lines share one baseline grid
//! across columns, a multi-column story's columns end level, and no text leaves its block.

mod common;
use common::*;

use folio::layout::compose::{PagesData, PlacedPiece, Rect};
use folio::input::grid::Format;
use folio::layout::galley::Piece;
use folio::layout::place;
use folio::session;

/// The third sample edition, every story placed by folio.
const AUTO: &str = "jiangxi-auto";

/// A text line as poppler sees it: its box and its text.
type Line = Word;

/// Poppler joins the lines of neighbouring columns that share a baseline into one line; split
/// them again at the column grid so that each line is one column's line.
fn column_lines(words: &[(usize, Line)], f: &Format) -> Vec<Line> {
    // A word in another face (楷 attribution, a Latin run) may report another box height than
    // the body face; give it the body face's box so the line keeps its grid position.
    let body = f.spec.body_size;
    let mut words = words.to_vec();
    let lines_with_body: std::collections::HashMap<usize, (f64, f64)> = words
        .iter()
        .filter(|(_, w)| ((w.y1 - w.y0) - body).abs() < 0.2)
        .map(|(li, w)| (*li, (w.y0, w.y1)))
        .collect();
    for (li, w) in words.iter_mut() {
        if let Some(&(y0, y1)) = lines_with_body.get(li) {
            if (w.y1 - y1).abs() < body * 0.5 {
                w.y0 = y0;
                w.y1 = y1;
            }
        }
    }
    let words = &words;
    let x0 = f.bleed_pt + f.side_pt;
    let col_of = |x: f64| ((x - x0 + f.gutter_pt / 2.0) / (f.column_pt + f.gutter_pt)).floor() as i64;
    // Words of one column on one baseline are one line, whichever poppler line it put them in
    // (it puts a word that overlaps the one before, as compressed punctuation pairs such as
    // ”、 make them, in a line of its own).
    let mut out: Vec<(usize, i64, Line)> = Vec::new();
    let mut at: std::collections::HashMap<(i64, i64), usize> = std::collections::HashMap::new();
    for (li, w) in words {
        let c = col_of(w.x0);
        let key = (c, (w.y1 * 2.0).round() as i64);
        match at.get(&key).and_then(|&i| out.get_mut(i)) {
            Some((_, _, line)) => {
                if w.x0 < line.x0 {
                    line.text.insert_str(0, &w.text);
                } else {
                    line.text.push_str(&w.text);
                }
                line.x0 = line.x0.min(w.x0);
                line.x1 = line.x1.max(w.x1);
                line.y0 = line.y0.min(w.y0);
                line.y1 = line.y1.max(w.y1);
            }
            None => {
                at.insert(key, out.len());
                out.push((*li, c, w.clone()));
            }
        }
    }
    // Punctuation at a line's start or end is set half width (clreq compression): its ink is
    // inside the column, but the full-width advance box poppler reports sticks out half an em.
    out.into_iter()
        .map(|(_, _, mut l)| {
            let half = (l.y1 - l.y0) / 2.0;
            if "“‘（《「『【〔〖".contains(l.text.chars().next().unwrap_or(' ')) {
                l.x0 += half;
            }
            if "，。、；：！？”’）》」』】〕〗".contains(l.text.chars().last().unwrap_or(' ')) {
                l.x1 -= half;
            }
            l
        })
        .collect()
}

/// Build an edition through the library, keeping the whole report (layout data, documents).
fn build_report(name: &str) -> (TestProject, session::Report) {
    let p = TestProject::with_edition(name);
    let report = p.report(name, true);
    (p, report)
}

/// Build an edition through the library, keeping the layout data to compare with the PDF.
fn build(name: &str) -> (TestProject, PagesData, std::path::PathBuf) {
    let (p, report) = build_report(name);
    let pdf = p.out().join(format!("{name}.pdf"));
    (p, report.compiled.data, pdf)
}

/// A layout rect in PDF coordinates (poppler: top-left origin of the media box).
fn on_page(f: &Format, r: &Rect) -> (f64, f64, f64, f64) {
    let (ox, oy) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.top_pt);
    (ox + r.x, oy + r.y, ox + r.x + r.w, oy + r.y + r.h)
}

fn inside(l: &Line, r: (f64, f64, f64, f64), tol: f64) -> bool {
    l.x0 >= r.0 - tol && l.x1 <= r.2 + tol && l.y0 >= r.1 - tol && l.y1 <= r.3 + tol
}

/// Whether `l` is the story's: inside its block and not in the corner an L-shaped block leaves
/// to other stories.
fn owns(f: &Format, s: &folio::layout::compose::StoryData, l: &Line, tol: f64) -> bool {
    inside(l, on_page(f, &s.block), tol) && !s.cutout.is_some_and(|c| inside(l, on_page(f, &c), tol))
}

const NEVER_AT_LINE_START: &str = "。？！．，、；：”’）］〕】》〉」』〗｝～·";

fn check_edition(name: &str) {
    let (_p, data, pdf) = build(name);
    check_pages(name, &data, &pdf);
}

/// Every page of a built edition read back from its PDF: text on the grid, inside its blocks,
/// columns level, 禁则 kept.
fn check_pages(name: &str, data: &PagesData, pdf: &std::path::Path) {
    let pages = bbox_words(&pdf);
    assert_eq!(pages.len(), data.pages.len());
    for (pi, (words, page)) in pages.iter().zip(&data.pages).enumerate() {
        let f = &page.format;
        let body = f.spec.body_size;
        let lines = column_lines(words, f);
        let lines = &lines;
        let area = on_page(f, &Rect { x: 0.0, y: 0.0, w: f.area_width_pt, h: f.area_height_pt });
        // A banner across the centre spread is one band from the left page's type area over the
        // fold to the right page's (in this page's coordinates).
        let band = f.trim_width_pt + f.area_width_pt;
        let banner = match page.banner_fold {
            Some("left") => Rect { x: 0.0, y: 0.0, w: band, h: page.banner_h },
            Some(_) => Rect { x: -f.trim_width_pt, y: 0.0, w: band, h: page.banner_h },
            None => Rect { x: 0.0, y: 0.0, w: f.area_width_pt, h: page.banner_h },
        };
        let banner = on_page(f, &banner);
        // 1. Forbidden line starts, in the columns' text. Vertical text (竖排 heads, the ear in
        //    the masthead) stacks one character per line, and the banner is not column text:
        //    both are left out.
        let vertical: Vec<(f64, f64, f64, f64)> = page
            .stories
            .iter()
            // Heads across the centre spread's fold: the compressed punctuation ending the left
            // part has an em box that reaches over the fold into the right page's bleed, so
            // poppler reads it on the right page too; what prints there is the other part.
            .filter(|s| matches!(&s.head.piece, PlacedPiece::Piece(Piece::Head { head }) if head.vertical || head.fold.is_some()))
            // A vertical head's quotes take half an em down its column, but poppler gives each
            // a whole em's box: half a head character (13 pt) more at either end.
            .map(|s| {
                let r = on_page(f, &s.head.rect);
                if matches!(&s.head.piece, PlacedPiece::Piece(Piece::Head { head }) if head.vertical) { (r.0, r.1 - 13.0, r.2, r.3 + 13.0) } else { r }
            })
            .chain((page.masthead || page.banner.is_some()).then_some(banner))
            .collect();
        for l in lines.iter().filter(|l| !vertical.iter().any(|r| inside(l, *r, 1.0))) {
            let first = l.text.chars().next().unwrap_or(' ');
            assert!(!NEVER_AT_LINE_START.contains(first), "{name} page {}: line starts with {first}: {:?} (banner {banner:?})", page.number, l);
        }
        // Body lines: set at the body size, inside the type area.
        let is_body = |l: &Line| ((l.y1 - l.y0) - body).abs() < 0.2 && inside(l, area, 1.0);
        let body_lines: Vec<&Line> = lines.iter().filter(|l| is_body(l)).collect();
        assert!(body_lines.len() > 40, "{name} page {}: only {} body lines found", page.number, body_lines.len());
        // 2. Baseline grid: where another column has a body line within one line pitch, one of
        //    them shares this line's baseline (lines beside a photo have no neighbour to share).
        let other = |a: &Line, b: &Line| (b.x0 - a.x0).abs() > f.column_pt * 0.9;
        let with_neighbour: Vec<&&Line> = body_lines
            .iter()
            .filter(|a| body_lines.iter().any(|b| other(a, b) && (b.y1 - a.y1).abs() < f.pitch_pt))
            .collect();
        let shared = with_neighbour
            .iter()
            .filter(|a| body_lines.iter().any(|b| other(a, b) && (b.y1 - a.y1).abs() <= 0.3))
            .count();
        let ratio = shared as f64 / with_neighbour.len().max(1) as f64;
        assert!(with_neighbour.len() * 2 > body_lines.len(), "{name} page {}: most body lines stand alone", page.number);
        assert!(ratio >= 0.95, "{name} page {}: only {:.1}% of body lines share a baseline", page.number, ratio * 100.0);
        // Every body line sits on the grid: its top is a whole number of pitches from the area top.
        for l in &body_lines {
            let k = (l.y0 - area.1) / f.pitch_pt;
            assert!((k - k.round()).abs() * f.pitch_pt < 0.3, "{name} page {}: off-grid line at {:.2}: {}", page.number, l.y0, l.text);
        }
        // 4. No text outside its story's block (or the banner, or the folio line above the area).
        let blocks: Vec<_> = page.stories.iter().map(|s| on_page(f, &s.block)).collect();
        // A display quote is set half width (`halt`), but its glyph box is a whole em: at the top
        // of a vertical head (“清源断流”) the box reaches a quarter em over the block's top while
        // the ink stands under it, so a lone quote may overhang by half its size.
        for l in lines.iter().filter(|l| l.y1 > area.1 + 1.0) {
            let quote = !l.text.is_empty() && l.text.chars().all(|c| "“”‘’".contains(c));
            let tol = if quote { 1.0 + (l.y1 - l.y0) / 2.0 } else { 1.0 };
            let ok = blocks.iter().any(|b| inside(l, *b, tol)) || ((page.banner.is_some() || page.masthead) && inside(l, banner, 1.0));
            assert!(ok, "{name} page {} (index {pi}): text outside every block: {:?} (blocks {blocks:?})", page.number, l);
        }
        // 3. Each multi-column story's columns end within one line of each other, except columns
        //    that stop on top of a photo.
        for s in &page.stories {
            let mut ends: Vec<(f64, f64)> = Vec::new(); // (column x, bottom of last line)
            for l in body_lines.iter().filter(|l| owns(f, s, l, 1.0)) {
                match ends.iter_mut().find(|(x, _)| (x - l.x0).abs() < f.column_pt * 0.5) {
                    Some(e) => e.1 = e.1.max(l.y1),
                    None => ends.push((l.x0, l.y1)),
                }
            }
            // An L-shaped block's corner stops the columns over it as a photo does.
            let photo_tops: Vec<(f64, f64, f64)> = s.photos.iter().map(|p| &p.rect).chain(&s.cutout).map(|r| { let r = on_page(f, r); (r.0, r.2, r.1) }).collect();
            // Columns that stop on top of the same photo (or corner) are compared with each
            // other, the rest with each other.
            let stops_on = |x: f64, y: f64| photo_tops.iter().enumerate().filter(|(_, (px0, px1, top))| x >= px0 - 1.0 && x < *px1 && *top > y).min_by(|a, b| a.1 .2.total_cmp(&b.1 .2)).map(|(k, _)| k);
            for group in std::iter::once(None).chain((0..photo_tops.len()).map(Some)) {
                let ys: Vec<f64> = ends.iter().filter(|(x, y)| stops_on(*x, *y) == group).map(|e| e.1).collect();
                if ys.len() >= 2 {
                    let (lo, hi) = ys.iter().fold((f64::MAX, f64::MIN), |(lo, hi), y| (lo.min(*y), hi.max(*y)));
                    assert!(hi - lo <= f.pitch_pt + 0.5, "{name} page {}: a story's columns end {:.1} lines apart ({:?}; column ends {:?})", page.number, (hi - lo) / f.pitch_pt, s.head, ends);
                }
            }
        }
    }
}

/// 变栏 (TEST DATA written for this test: copy of an economy page): a six-column block set in
/// four columns of its own, with a lead box and a photo over two of them, and a
/// six-column block set in five with a photo over two. Read back from the PDF, the page
/// passes the read-back above (grid, 禁则, columns level, text inside its block), and each
/// story's lines stand in its own columns: three (five) left edges a column's step apart, every
/// line of a paragraph but its last as wide as the column's whole characters (15 and 12 of
/// the tabloid's 10 pt), none spread; `folio check` counts its block in those characters.
#[test]
fn a_block_set_in_columns_of_its_own_keeps_them_down_the_page() {
    let p = TestProject::sample();
    let dir = p.edition("bianlan");
    std::fs::create_dir_all(dir.join("photos")).unwrap();
    std::fs::copy(p.root().join("content/jiangxi-special/photos/xunjing.jpg"), dir.join("photos/a.jpg")).unwrap();
    let sentences = [
        "今年前两个月，全市规模以上工业增加值同比增长，高于全省平均水平。",
        "市统计局有关负责人表示，工业经济开局良好，为全年目标任务的完成打下了坚实基础。",
        "消费市场持续回暖，社会消费品零售总额稳步增长，餐饮收入增长明显。",
        "下一步，全市将继续实施项目攻坚行动，推动经济持续健康发展。",
        "业内人士认为，随着一批重大项目的落地，本地的产业链条将更加完整。",
    ];
    let copy = |n: usize| (0..n).map(|k| (0..3).map(|j| sentences[(k + j) % 5]).collect::<String>()).collect::<Vec<_>>().join("\n\n");
    let story = |head: &str, paras: usize, extra: &str, block: &str| format!("# TEST DATA\nheadline = \"{head}\"\nbody = \"\"\"\n{}\n\"\"\"\n{extra}\n[block]\n{block}\n", copy(paras));
    let lead = "\n[lead]\ntitle = \"核心提示\"\ntext = \"全市经济开局良好，工业、消费、投资三项指标均好于预期。\"\nspan = 2\n";
    let photo = |span: u32| format!("\n[[photos]]\nfile = \"photos/a.jpg\"\ncaption = \"工人在生产线上作业\"\nspan = {span}\n");
    page_edition(&p, "bianlan", "tabloid", &[
        ("a", story("六栏稿块排四栏", 7, &format!("{lead}{}", photo(2)), "column = 1\nspan = 6\ntop = 0\nheight = 32\ntext_columns = 4")),
        ("b", story("六栏稿块排五栏", 11, &photo(2), "column = 1\nspan = 6\ntop = 32\nheight = 32\ntext_columns = 5")),
    ]);
    let report = p.report("bianlan", true);
    let pdf = p.out().join("bianlan.pdf");
    check_pages("bianlan", &report.compiled.data, &pdf);
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    let lines = column_lines(&bbox_words(&pdf)[0], f);
    for (s, n, chars) in [(&page.stories[0], 4, 15.0), (&page.stories[1], 5, 12.0)] {
        let width = chars * f.spec.body_size;
        let block = on_page(f, &s.block);
        // The white the whole characters leave goes to the gutters.
        let step = width + (s.block.w - n as f64 * width) / (n as f64 - 1.0);
        let body: Vec<&Line> = lines.iter().filter(|l| ((l.y1 - l.y0) - f.spec.body_size).abs() < 0.2 && owns(f, s, l, 1.0)).collect();
        let mut lefts: Vec<f64> = Vec::new();
        for l in &body {
            // (A paragraph's first line starts its indent in.)
            let k = (l.x0 - block.0) / step;
            let indent = 2.0 * f.spec.body_size / step;
            let at = if (k - k.round()).abs() * step < 1.0 { k.round() } else { (k - indent).round() };
            assert!((k - at).abs() * step < 1.0 || (k - indent - at).abs() * step < 1.0, "a line off its story's columns ({n}): {l:?}");
            if !lefts.iter().any(|x| (x - at).abs() < 0.5) {
                lefts.push(at);
            }
            assert!(l.x1 <= block.0 + at * step + width + 1.0, "a line past its column ({chars} characters): {l:?}");
            // A full line: the column's whole characters, none spread (a paragraph's last line
            // and the lines before a photo's edge may be shorter).
            let count = l.text.chars().count() as f64;
            if (l.x1 - (block.0 + at * step + width)).abs() < 1.0 && (k - at).abs() * step < 1.0 {
                assert!(count >= chars - 0.5, "a full line of {count} characters in a column of {chars}: {l:?}");
            }
        }
        assert_eq!(lefts.len(), n, "{n} columns of copy: left edges at steps {lefts:?}");
    }
    let check = p.folio(&["check", "content/bianlan", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    for code in ["loose-line", "kinsoku", "too-wide", "overset", "photo-over"] {
        assert!(!v["findings"].as_array().unwrap().iter().any(|x| x["code"] == code), "{code}: {v:#}");
    }
    let blocks = &v["pages"][0]["blocks"];
    assert_eq!((blocks[0]["chars_per_line"].as_u64(), blocks[0]["text_columns"].as_u64()), (Some(15), Some(4)), "{blocks:#}");
    assert_eq!((blocks[1]["chars_per_line"].as_u64(), blocks[1]["text_columns"].as_u64()), (Some(12), Some(5)), "{blocks:#}");
}

#[test]
fn broadsheet_sample_is_set_on_the_grid() {
    check_edition("jiangxi-special");
}

/// The same read-back on pages folio made up itself: both samples with every `[block]` removed
/// but those of the tabloid's 转版 and 跨版 stories (xinyu, jiujiang-lead), which folio does not
/// place, and the automatic sample
/// (jiangxi-auto) as it is, with no `[block]` at all; and no subhead is stranded at a column's
/// foot there either.
///
/// The tabloid's page 4 (balihu, duchang under the 转版 block) is placed as an L: balihu's
/// vertical head down the first column, its copy beside and above the corner duchang fills.
#[test]
fn automatic_pages_are_set_on_the_grid() {
    let all = ["xinyu", "jiujiang-lead", "wuning", "duchang", "lianxi", "pengze", "balihu"];
    for (edition, stories, count) in [(SAMPLE, &all[..], 7), ("jiangxi-tabloid", &all[2..], 5), (AUTO, &[][..], 10)] {
        let p = TestProject::with_edition(edition);
        common::unplace(&p, edition, stories);
        let report = p.report(edition, true);
        let placed: usize = report.placed.iter().map(|pl| pl.blocks.len()).sum();
        assert_eq!(placed, count, "{edition}: every unplaced story was placed");
        check_pages(edition, &report.compiled.data, &p.out().join(format!("{edition}.pdf")));
        // Short last lines at a column's top (widows) are issue 14's, on hand-placed pages too.
        assert!(stranded_subheads(&report.compiled.data).is_empty(), "{edition}: {:?}", stranded_subheads(&report.compiled.data));
    }
}

/// The tabloid's page 4 (duchang, balihu) left to folio with duchang cut to its first
/// paragraph: the copy is short of the area, and the placement says by how much and what to do,
/// rather than leave white.
#[test]
fn tabloid_page_4_unplaced_and_short_says_so() {
    let p = TestProject::with_edition("jiangxi-tabloid");
    common::unplace(&p, "jiangxi-tabloid", &["duchang", "balihu"]);
    p.edit("content/jiangxi-tabloid/stories/duchang.toml", |t| {
        let (head, body) = t.split_once("body = \"\"\"\n").unwrap();
        let (first, rest) = body.split_once("\n\n").unwrap();
        let tail = rest.split_once("\"\"\"").unwrap().1;
        format!("{head}body = \"\"\"\n{first}\n\"\"\"{tail}")
    });
    let run = p.folio(&["build", "content/jiangxi-tabloid", "--out", "out"]);
    let err = run.stderr() + &run.stdout();
    assert_ne!(run.code(), 0, "page 4 placed: {err}");
    assert!(err.contains("page 4") && err.contains("characters short of its space") && err.contains("add about"), "{err}");
    assert!(!p.out().join("jiangxi-tabloid.pdf").exists(), "nothing written");
}

#[test]
fn tabloid_sample_is_set_on_the_grid() {
    check_edition("jiangxi-tabloid");
}

/// Every text run of a compiled document with its font family.
fn runs(doc: &typst_layout::PagedDocument) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for page in doc.pages() {
        folio::layout::galley::for_each_text(&page.frame, typst::layout::Transform::identity(), &mut |_, t| {
            out.push((t.font.info().family.clone(), t.text.to_string()));
        });
    }
    out
}

#[test]
fn quotes_are_full_width_in_every_face_and_digits_sit_tight() {
    let p = TestProject::sample();
    let report = p.report(SAMPLE, false);
    let runs = runs(&report.compiled.document);
    // LXGW WenKai (captions, lead box, bylines) draws “ ” narrow: quotes come from the serif face.
    let kai: Vec<_> = runs.iter().filter(|(f, _)| f.contains("WenKai")).collect();
    assert!(!kai.is_empty(), "the lead box and captions are set in 楷");
    for (_, t) in &kai {
        assert!(!t.contains(['“', '”', '‘', '’']), "a quote set in LXGW WenKai: {t}");
    }
    // The lead box's quotes are there, in the serif face.
    assert!(runs.iter().any(|(f, t)| f.contains("Serif") && t.contains('“')));
    // No quarter-em gaps between Han and digits (typst's cjk-latin-spacing would shift the Han
    // glyph after a digit by a quarter em): every such glyph sits at offset zero. Body digits
    // reach the page as text items of their own (galley::body_runs: `digits`, `digits-odd`), so
    // a digit and the Han character after it are counted within one item and across adjacent
    // items on the same baseline: the Han item starts where the digits end (a run of an odd
    // count adds its quarter-em `digit-pad`, style.typ), never a cjk-latin quarter em further.
    let mut pairs = 0;
    for page in report.compiled.document.pages() {
        // (baseline y, start x, end x, item) of every text item on the page.
        let mut items: Vec<(f64, f64, f64, typst::text::TextItem)> = Vec::new();
        folio::layout::galley::for_each_text(&page.frame, typst::layout::Transform::identity(), &mut |pos, t| {
            let x = pos.x.to_pt();
            items.push((pos.y.to_pt(), x, x + t.width().to_pt(), t.clone()));
        });
        let first_char = |t: &typst::text::TextItem, g: &typst::text::Glyph| t.text.get(g.range()).and_then(|s| s.chars().next()).unwrap_or(' ');
        let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        for (y, _, end, t) in &items {
            let mut prev_digit = false;
            for g in &t.glyphs {
                let c = first_char(t, g);
                if prev_digit && is_han(c) {
                    pairs += 1;
                    assert!(g.x_offset.get().abs() < 1e-6, "a gap before {c} after a digit in {:?}", t.text);
                }
                prev_digit = c.is_ascii_digit();
            }
            if !prev_digit {
                continue;
            }
            // The item that follows on the same line: the nearest start at or after this end.
            let em = t.size.to_pt();
            let next = items
                .iter()
                .filter(|(y2, x2, _, _)| (y2 - y).abs() < 0.5 && *x2 > end - 0.01 && *x2 < end + em)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            let Some((_, x2, _, t2)) = next else { continue };
            let Some(g) = t2.glyphs.first() else { continue };
            let c = first_char(t2, g);
            if !is_han(c) {
                continue;
            }
            pairs += 1;
            let digits = t.text.chars().rev().take_while(|c| c.is_ascii_digit()).count();
            let pad = if t.glyphs.len() == digits && digits % 2 == 1 { 0.25 } else { 0.0 };
            let gap = (x2 - end + g.x_offset.at(t2.size).to_pt()) / em;
            assert!(gap < pad + 0.06, "a gap of {gap:.3} em before {c} after the digits {:?} ({:?})", t.text, t2.text);
        }
    }
    assert!(pairs > 20, "the sample has digits followed by Han characters ({pairs} found)");
}

/// Every vertical line drawn on each page, as (x, top, bottom) in pt from the page's top-left.
fn vertical_lines(doc: &typst_layout::PagedDocument) -> Vec<Vec<(f64, f64, f64)>> {
    use typst::layout::{Frame, FrameItem, Point, Transform};
    use typst::visualize::Geometry;
    fn walk(frame: &Frame, ts: Transform, out: &mut Vec<(f64, f64, f64)>) {
        for (pos, item) in frame.items() {
            let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(g) => walk(&g.frame, here.pre_concat(g.transform), out),
                FrameItem::Shape(shape, _) => {
                    if let Geometry::Line(end) = shape.geometry {
                        let a = Point::zero().transform(here);
                        let b = end.transform(here);
                        if (a.x - b.x).to_pt().abs() < 0.01 && (a.y - b.y).to_pt().abs() > 1.0 {
                            out.push((a.x.to_pt(), a.y.to_pt().min(b.y.to_pt()), a.y.to_pt().max(b.y.to_pt())));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    doc.pages()
        .iter()
        .map(|p| {
            let mut out = Vec::new();
            walk(&p.frame, Transform::identity(), &mut out);
            out
        })
        .collect()
}

#[test]
fn column_rules_run_down_the_gutters_and_stop_at_photos() {
    for name in ["jiangxi-special", "jiangxi-tabloid", AUTO] {
        let (_p, report) = build_report(name);
        let data = &report.compiled.data;
        let drawn = vertical_lines(&report.compiled.document);
        let mut ruled = 0;
        for (pi, page) in data.pages.iter().enumerate() {
            let f = &page.format;
            for s in page.stories.iter().filter(|s| !s.mirror) {
                let body_cols: std::collections::BTreeSet<i64> = s.items.iter().map(|it| it.rect.x.round() as i64).collect();
                if body_cols.len() >= 2 && s.block.x + s.block.w <= f.area_width_pt + 1.0 {
                    assert!(!s.column_rules.is_empty(), "{name} page {}: a story of {} columns has no column rules", page.number, body_cols.len());
                }
                for r in &s.column_rules {
                    ruled += 1;
                    // In a gutter: no column of copy under the rule.
                    for it in &s.items {
                        assert!(r.x <= it.rect.x - f.gutter_pt / 2.0 + 0.01 || r.x >= it.rect.x + it.rect.w + f.gutter_pt / 2.0 - 0.01,
                            "{name} page {}: a column rule at x {:.1} runs through copy at {:?}", page.number, r.x, it.rect);
                    }
                    // Never across a photo.
                    for ph in &s.photos {
                        let across = r.x > ph.rect.x && r.x < ph.rect.x + ph.rect.w && r.y < ph.rect.y + ph.rect.h && r.y + r.h > ph.rect.y;
                        assert!(!across, "{name} page {}: a column rule crosses a photo", page.number);
                    }
                    // A single page draws only the rules on it (a story across the centre spread
                    // has the rest drawn on the facing page).
                    if r.x < -(f.side_pt + f.bleed_pt) || r.x > f.area_width_pt + f.side_pt + f.bleed_pt {
                        continue;
                    }
                    // And drawn on the page where the data puts it (trim coordinates: the frame has no bleed).
                    let (x, y0, y1) = (r.x + f.side_pt, r.y + f.top_pt, r.y + r.h + f.top_pt);
                    let hit = drawn[pi].iter().any(|&(dx, a, b)| (dx - x).abs() < 0.3 && (a - y0).abs() < 0.3 && (b - y1).abs() < 0.3);
                    assert!(hit, "{name} page {}: column rule at ({x:.1}, {y0:.1}–{y1:.1}) not drawn; drawn: {:?}", page.number, &drawn[pi][..drawn[pi].len().min(8)]);
                }
            }
        }
        assert!(ruled >= 10, "{name}: only {ruled} column rules");
    }
}

/// Paragraph slices that are a short last line alone at the top of a column (寡行), in stories
/// whose copy does not fill their block to the last line: there the flow has room to take the
/// line before along, and must.
fn widows(report: &session::Report) -> Vec<String> {
    let data = &report.compiled.data;
    let mut out = Vec::new();
    for (pi, page) in data.pages.iter().enumerate() {
        let own = report.edition.stories[pi].len();
        for (si, s) in page.stories.iter().enumerate().take(own) {
            let fit = report.compiled.fits.iter().find(|f| f.page == pi && f.story == si).unwrap();
            for it in &s.items {
                if let PlacedPiece::Lines { lines, first, last, .. } = &it.piece {
                    let chars: usize = lines.iter().flatten().map(|r| r.text.chars().count()).sum();
                    if *last && !*first && lines.len() == 1 && chars <= folio::layout::compose::SHORT_LAST_LINE && fit.underset > 0 {
                        out.push(format!("page {}: {:?}", page.number, lines[0].iter().map(|r| r.text.as_str()).collect::<String>()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn short_last_lines_do_not_open_columns() {
    for name in ["jiangxi-special", "jiangxi-tabloid", AUTO] {
        let (_p, report) = build_report(name);
        let w = widows(&report);
        assert!(w.is_empty(), "{name}: short last lines opening a column: {w:?}");
    }
}

/// Subheads with fewer than `KEEP_WITH_NEXT` lines of copy under them in their column.
fn stranded_subheads(data: &PagesData) -> Vec<String> {
    let mut out = Vec::new();
    for page in &data.pages {
        for s in page.stories.iter().filter(|s| !s.mirror) {
            for (i, it) in s.items.iter().enumerate() {
                let PlacedPiece::Piece(Piece::Subhead { subhead }) = &it.piece else { continue };
                let under: usize = s.items[i + 1..]
                    .iter()
                    .take_while(|n| (n.rect.x - it.rect.x).abs() < 0.5)
                    .map(|n| match &n.piece {
                        PlacedPiece::Lines { lines, .. } => lines.len(),
                        _ => 0,
                    })
                    .sum();
                let story_goes_on = s.items[i + 1..].iter().any(|n| (n.rect.x - it.rect.x).abs() >= 0.5);
                if story_goes_on && (under as u32) < folio::layout::flow::KEEP_WITH_NEXT {
                    out.push(format!("page {}: {} ({under} lines under it)", page.number, subhead.head));
                }
            }
        }
    }
    out
}

#[test]
fn subheads_keep_lines_of_copy_under_them() {
    for name in ["jiangxi-special", "jiangxi-tabloid", AUTO] {
        let (_p, data, _pdf) = build(name);
        let s = stranded_subheads(&data);
        assert!(s.is_empty(), "{name}: subheads at a column's foot: {s:?}");
    }
}

#[test]
fn no_paragraph_ends_in_a_lone_character() {
    // 生。 alone on a paragraph's last line (孤字): the line breaker's runt cost keeps it away.
    for name in ["jiangxi-special", "jiangxi-tabloid", AUTO] {
        let (_p, data, _pdf) = build(name);
        let mut lone = Vec::new();
        for page in &data.pages {
            for s in page.stories.iter().filter(|s| !s.mirror) {
                for it in &s.items {
                    if let PlacedPiece::Lines { lines, last: true, .. } = &it.piece {
                        let line: String = lines.last().unwrap().iter().map(|r| r.text.as_str()).collect();
                        if line.chars().count() <= 2 {
                            lone.push(format!("page {}: {line}", page.number));
                        }
                    }
                }
            }
        }
        assert!(lone.is_empty(), "{name}: {lone:?}");
    }
}

#[test]
fn single_pages_carry_only_the_text_they_show() {
    // A story, head or banner across the centre spread is drawn on both single pages; each page
    // must hold only its own side's text (text off the page would still be found by a search
    // of the archive copy), while the spread sheet holds it all once.
    let (_p, report) = build_report("jiangxi-tabloid");
    let doc = &report.compiled.document;
    let mut on_page = 0;
    for (pi, page) in doc.pages().iter().enumerate() {
        let f = &report.compiled.data.pages[pi].format;
        folio::layout::galley::for_each_text(&page.frame, typst::layout::Transform::identity(), &mut |at, t| {
            let x0 = at.x.to_pt();
            let x1 = x0 + t.width().to_pt();
            assert!(x0 > -f.bleed_pt - 0.5 && x1 < f.trim_width_pt + f.bleed_pt + 0.5, "page {}: text off the page at {x0:.1}–{x1:.1}: {:?}", pi + 1, t.text);
            on_page += 1;
        });
    }
    assert!(on_page > 500);
}

/// Holes and heads measured on the finished automatic pages themselves (issue 12): both samples
/// with their blocks removed (as above), each page folio placed read back from its PDF. Only the
/// type area's geometry and where the photos are (images are not text) come from the layout data;
/// the rest is the PDF's text.
/// - Holes: down every column of the type area, under the banner, the white between one text
///   line (or photo) and the next, or the page's foot, is at most three grid lines and a half
///   for the glyph boxes (the text in
///   a head's area, set centred, stands for its block's width): the rule line
///   over a block below another, one line under a story's balanced columns and one at the foot of
///   a column (see README, "Not yet"), or a head area a line or two deeper than its head.
/// - Heads: the lead's head (the story placed first) starts within four lines of the top of the
///   area folio placed the stories in (room for a kicker), and no other placed story's head
///   starts above it.
#[test]
fn automatic_pages_read_back_have_no_holes_and_the_lead_head_on_top() {
    let all = ["xinyu", "jiujiang-lead", "wuning", "duchang", "lianxi", "pengze", "balihu"];
    for (edition, stories) in [(SAMPLE, &all[..]), ("jiangxi-tabloid", &all[2..])] {
        let p = TestProject::with_edition(edition);
        common::unplace(&p, edition, stories);
        let report = p.report(edition, true);
        let pages = bbox_words(&p.out().join(format!("{edition}.pdf")));
        let mut measured = 0;
        for placement in &report.placed {
            let page = &report.compiled.data.pages[placement.page];
            let f = &page.format;
            let words = &pages[placement.page];
            let (ox, oy) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.top_pt);
            let top = oy + page.banner_h;
            let foot = oy + f.line_y(f.lines) - (f.pitch_pt - f.spec.body_size);
            // Text boxes (every word, as poppler gives it) and photo boxes, in page coordinates.
            let mut boxes: Vec<(f64, f64, f64, f64)> = words.iter().map(|(_, w)| (w.x0, w.y0, w.x1, w.y1)).filter(|b| b.3 > top + 1.0 && b.1 < foot + 1.0).collect();
            for s in &page.stories {
                for ph in &s.photos {
                    boxes.push((ox + ph.rect.x, oy + ph.rect.y, ox + ph.rect.x + ph.rect.w, oy + ph.rect.y + ph.rect.h));
                }
                // A head is set centred (its byline to one side) across its block: the text in
                // its area stands for the block's width. It is centred down its area too (heads
                // in their areas): the area's white above and under it is the head's, measured
                // by tests/heads_photos.rs (no band of white under a head) and the deep-head
                // finding, so the area from its top stands for it here, not its glyphs' top.
                let (b, h) = (on_page(f, &s.block), on_page(f, &s.head.rect));
                for (_, w) in words.iter().filter(|(_, w)| inside(w, h, 1.0)) {
                    boxes.push((b.0, w.y0.min(h.1), b.2, w.y1));
                }
            }
            let mut worst = (0.0f64, 0u32, 0.0f64);
            for c in 0..f.columns {
                let (x0, x1) = (ox + f.col_x(c), ox + f.col_x(c) + f.column_pt);
                let mut spans: Vec<(f64, f64)> = boxes.iter().filter(|b| b.0 < x1 - 1.0 && b.2 > x0 + 1.0).map(|b| (b.1, b.3)).collect();
                spans.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut y = top;
                for (a, b) in spans.into_iter().chain([(foot, foot)]) {
                    if a - y > worst.0 {
                        worst = (a - y, c + 1, y);
                    }
                    y = y.max(b);
                }
            }
            let lines = worst.0 / f.pitch_pt;
            if lines > 3.5 {
                let (x0, x1) = (ox + f.col_x(worst.1 - 1), ox + f.col_x(worst.1 - 1) + f.column_pt);
                for b in boxes.iter().filter(|b| b.0 < x1 - 1.0 && b.2 > x0 + 1.0 && b.1 < worst.2 + 120.0 && b.3 > worst.2 - 60.0) {
                    eprintln!("box {b:?}");
                }
                for s in &page.stories {
                    eprintln!("block {:?} head {:?} lead {:?}", on_page(f, &s.block), on_page(f, &s.head.rect), s.lead.as_ref().map(|l| on_page(f, &l.rect)));
                }
            }
            assert!(lines <= 3.0 + 0.5, "{edition} page {}: {lines:.1} lines of white in column {} from y = {:.1}", page.number, worst.1, worst.2);
            // Heads: text set well over the body size, in each placed story's block; the lead
            // is the story the placement put first.
            let area_top = oy + f.line_y(placement.blocks.iter().map(|b| b.top).min().unwrap());
            let head_top = |si: usize| {
                words.iter().map(|(_, w)| w).filter(|w| w.y1 - w.y0 > 1.5 * f.spec.body_size && owns(f, &page.stories[si], w, 1.0)).map(|w| w.y0).fold(f64::INFINITY, f64::min)
            };
            let lead = placement.blocks[0].story;
            let lead_top = head_top(lead);
            assert!(lead_top.is_finite(), "{edition} page {}: no head found for the lead", page.number);
            assert!(lead_top - area_top <= 4.0 * f.pitch_pt, "{edition} page {}: the lead's head starts {:.1} lines under the top", page.number, (lead_top - area_top) / f.pitch_pt);
            for b in &placement.blocks[1..] {
                let t = head_top(b.story);
                assert!(t >= lead_top - 1.0, "{edition} page {}: story {}'s head starts above the lead's ({t:.1} < {lead_top:.1})", page.number, b.story);
            }
            eprintln!("{edition} page {}: most white {lines:.1} lines (column {}), the lead's head {:.1} lines under the top", page.number, worst.1, (lead_top - area_top) / f.pitch_pt);
            measured += 1;
        }
        assert!(measured > 0, "{edition}: no automatic page");
    }
}

/// A mixed page: the broadsheet's page 5 with its right-hand strip (wuning, duchang, lianxi)
/// placed by hand and the lead, pengze and balihu left to folio. The search may make a head area
/// deeper than its head to make the page come out, but never so deep that `folio check` calls it
/// a deep head (two or more lines of white under it): none is reported, and on the PDF no placed
/// story's copy (or picture, under its head) starts two lines or more under its head's last
/// line.
#[test]
fn placed_heads_leave_no_band_of_white_under_them() {
    let p = TestProject::with_edition(SAMPLE);
    common::page5_with_a_right_hand_strip(&p);
    common::unplace(&p, SAMPLE, &["jiujiang-lead", "pengze", "balihu"]);
    let run = p.folio(&["check", "content/jiangxi-special", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let deep: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "deep-head").collect();
    assert!(deep.is_empty(), "{deep:#?}");
    let report = p.report(SAMPLE, true);
    let placement = report.placed.iter().find(|pl| pl.page == 1).expect("page 5 placed");
    assert_eq!(placement.blocks.len(), 3);
    let pages = bbox_words(&p.out().join("jiangxi-special.pdf"));
    let page = &report.compiled.data.pages[1];
    let f = &page.format;
    // The page at a pixel a point: the first ink under a head in its block (copy, or a picture
    // under the head, 题下图).
    let img = render(&p.out().join("jiangxi-special.pdf"), 2, 72);
    let first_ink = |(x0, _, x1, _): (f64, f64, f64, f64), from: f64| -> f64 {
        let xs = (x0 + 3.0).max(0.0) as u32..((x1 - 3.0) as u32).min(img.width());
        (from.ceil() as u32 + 1..img.height()).find(|&y| xs.clone().any(|x| img.get_pixel(x, y).0.iter().map(|&c| u32::from(c)).sum::<u32>() < 700)).map_or(f64::INFINITY, f64::from)
    };
    for b in &placement.blocks {
        let s = &page.stories[b.story];
        let mine: Vec<&Word> = pages[1].iter().map(|(_, w)| w).filter(|w| owns(f, s, w, 1.0)).collect();
        let head_foot = mine.iter().filter(|w| w.y1 - w.y0 > 1.4 * f.spec.body_size).map(|w| w.y1).fold(f64::NEG_INFINITY, f64::max);
        assert!(head_foot.is_finite(), "story {}: no head on the page", b.story);
        let copy = mine.iter().filter(|w| w.y1 - w.y0 < 1.2 * f.spec.body_size && w.y0 > head_foot).map(|w| w.y0).fold(f64::INFINITY, f64::min);
        let copy = copy.min(first_ink(on_page(f, &s.block), head_foot));
        let white = (copy - head_foot) / f.pitch_pt;
        eprintln!("story {}: head area {:?}, copy {white:.2} lines under the head", b.story, b.head);
        assert!(white < 2.0, "story {}: {white:.2} lines of white under its head (head = {:?})", b.story, b.head);
    }
}

/// The automatic sample's heads, measured on its PDF (not taken from folio's report): on every
/// page the lead's headline (the first story listed) is the page's top head and larger than any
/// other, and
/// no head sits straight under another with no copy between (叠题).
#[test]
fn automatic_sample_heads_read_back_from_the_pages() {
    let (p, data, pdf) = build(AUTO);
    let edition: toml::Table = toml::from_str(&std::fs::read_to_string(p.edition(AUTO).join("edition.toml")).unwrap()).unwrap();
    let pages = bbox_words(&pdf);
    for (pi, spec) in edition["pages"].as_array().unwrap().iter().enumerate() {
        let body = data.pages[pi].format.spec.body_size;
        let pitch = data.pages[pi].format.pitch_pt;
        // Each story's headline: the topmost word set larger than the body that is part of it
        // (of a vertical head, which poppler reads a character a word, its first character).
        let heads: Vec<(String, Word)> = spec["stories"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(k, rel)| {
                let story: toml::Table = toml::from_str(&std::fs::read_to_string(p.edition(AUTO).join(rel.as_str().unwrap())).unwrap()).unwrap();
                let headline: String = story["headline"].as_str().unwrap().chars().filter(|c| !c.is_whitespace()).collect();
                let vertical = matches!(&data.pages[pi].stories[k].head.piece, PlacedPiece::Piece(Piece::Head { head }) if head.vertical);
                let first: String = headline.chars().filter(|c| common::typeset::is_han(*c)).take(1).collect();
                let word = pages[pi]
                    .iter()
                    .map(|(_, w)| w)
                    .filter(|w| if vertical { w.text == first } else { w.text.chars().count() >= 2 && headline.contains(w.text.as_str()) } && w.y1 - w.y0 > body * 1.4)
                    .min_by(|a, b| a.y0.total_cmp(&b.y0))
                    .unwrap_or_else(|| panic!("page {}: the headline {headline} is not on the page", pi + 1))
                    .clone();
                (headline, word)
            })
            .collect();
        let (lead, lw) = &heads[0];
        for (h, w) in &heads[1..] {
            // Above: wholly over it. Heads of one tier stand in a row, each centred in the
            // tier's head area, so a smaller head's top may be over a larger one's.
            assert!(w.y1 > lw.y0 - 0.5, "page {}: {h} sits above the lead's headline {lead}", pi + 1);
            // Head size falls with rank: every other head a size under the lead's (a story as
            // wide as the lead gets a smaller head than its span's).
            assert!(lw.y1 - lw.y0 > w.y1 - w.y0 + 1.0, "page {}: {h} is set as large as the lead's headline {lead}", pi + 1);
        }
        for (a, aw) in &heads {
            for (b, bw) in &heads {
                let across = aw.x0 < bw.x1 && bw.x0 < aw.x1;
                let gap = bw.y0 - aw.y1;
                assert!(!(a != b && across && gap > 0.0 && gap < 3.0 * pitch), "page {}: {b} stands straight under {a} (叠题)", pi + 1);
            }
        }
    }
}

/// A headline set on one line keeps the editor's break as a full-width space between its two
/// phrases (所队联动　狠抓缉毒执法: the tabloid's 濂溪 with a head area of one line, where the
/// sample's deeper one sets it on two; 源头治理　加强毒品预防教育 on the automatic sample), read
/// back from the PDF; after a phrase ending in punctuation (“清源断流”, set across: the samples
/// set it vertically, so the test takes the tabloid's `vertical = true` away) nothing is added.
#[test]
fn a_headline_on_one_line_keeps_its_phrases_apart() {
    let (_p, _data, auto) = build(AUTO);
    let p = TestProject::with_edition("jiangxi-tabloid");
    p.edit("content/jiangxi-tabloid/stories/wuning.toml", |t| t.replace("vertical = true", "vertical = false"));
    p.edit("content/jiangxi-tabloid/stories/lianxi.toml", |t| {
        let (before, after) = t.split_once("\nhead = 5").expect("the tabloid's 濂溪 has head = 5");
        format!("{before}\nhead = 4 #{after}")
    });
    p.report("jiangxi-tabloid", true);
    let pdf = p.out().join("jiangxi-tabloid.pdf");
    for (a, b, pdf) in [("所队联动", "狠抓缉毒执法", &pdf), ("源头治理", "加强毒品预防教育", &auto)] {
        let text = common::poppler("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
        let line = text.lines().find(|l| l.contains(b)).unwrap_or_else(|| panic!("no line with {b}")).to_string();
        let between = line.split(a).nth(1).and_then(|rest| rest.split(b).next()).unwrap_or_else(|| panic!("{a} and {b} on one line: {line}"));
        assert!(!between.is_empty() && between.chars().all(|c| c == ' ' || c == '\u{3000}'), "a space between {a} and {b}: {line:?}");
    }
    // Display quotes take half an em, so the closing quote's box overlaps 严 and poppler reads a
    // line break there: the head's characters are read with Ghostscript instead.
    let head: String = common::typeset::chars(&pdf).into_iter().flatten().filter(|c| c.size > 15.0).map(|c| c.c).collect();
    assert!(head.contains("“清源断流”严格场所管理"), "no space after closing punctuation");
}

/// Heads measured on the built pages of the three automatic editions (the automatic sample and
/// both samples with their blocks removed): every word set at more than 1.4 × the body size,
/// given to the story whose block it lies in. On every page folio made up:
/// - 碰题: two stories' heads overlapping vertically with nothing printed between them across
///   the page are side by side (both across, or both vertical: a 竖题 beside a head across is
///   how a 美编 avoids 碰题). Heads starting on different lines and still overlapping (a
///   stagger of less than a head) are never allowed, nor heads starting on the same line (a row
///   of heads). (The tabloid's page 3 had one, the hand-placed 跨版 head from page 2 beside
///   武宁's head across at the top of the free area: the search never turned the free area's
///   first story's head, taking it for the lead's. It now does where the page's lead is
///   hand-placed; the test takes the tabloid file's own `vertical = true` away.)
/// - 叠题: no head starts within three lines under another story's head above it.
#[test]
fn automatic_pages_read_back_have_no_clashing_or_stacked_heads() {
    let all = ["xinyu", "jiujiang-lead", "wuning", "duchang", "lianxi", "pengze", "balihu"];
    for (edition, stories) in [(AUTO, &[][..]), (SAMPLE, &all[..]), ("jiangxi-tabloid", &all[2..])] {
        let p = TestProject::with_edition(edition);
        common::unplace(&p, edition, stories);
        // Without the editor's vertical head: the search must turn 武宁's head itself — with
        // 都昌 under it, as the page was until session 17 (with 彭泽 there, as now, no layout
        // with 武宁's head turned fits the strip: the sample's file sets it vertically).
        let tabloid = edition == "jiangxi-tabloid";
        if tabloid {
            p.edit("content/jiangxi-tabloid/stories/wuning.toml", |t| t.replace("vertical = true", "vertical = false"));
            common::tabloid_pages_3_and_4_as_before(&p);
        }
        let report = p.report(edition, true);
        let pages = bbox_words(&p.out().join(format!("{edition}.pdf")));
        assert!(!report.placed.is_empty(), "{edition}: no automatic page");
        if tabloid {
            let turned = report.placed.iter().flat_map(|pl| &pl.blocks).filter(|b| b.vertical).count();
            assert_eq!(turned, 1, "the tabloid's page 3: the search turns 武宁's head beside the 跨版 head: {:?}", report.placed);
        }
        let found = side_by_side_findings(&p, edition);
        for placement in &report.placed {
            let page = &report.compiled.data.pages[placement.page];
            let rows = check_heads(edition, page, &pages[placement.page]);
            assert_eq!(rows, 0, "{edition} page {}: {rows} pairs of heads side by side on one line (碰题)", page.number);
            assert_eq!(found.get(&page.number).copied().unwrap_or(0), rows, "{edition} page {}: `folio check` reports the heads side by side read back", page.number);
        }
    }
}

/// A 破栏 lead over a strip of stories down the right with more stories under its leg: a
/// one-page tabloid of six stories of seed text (TEST DATA: a random page on which the lead's
/// head stood beside the strip's first head, 碰题, before the search tried this shape). folio
/// places the lead as an L across the page whose corner runs on to the foot, the strip's
/// stories in it, and others under its leg. Read back from the PDF: the lead's copy under its
/// head across the page and down its leg; the strip's first head under the lead's head, beside
/// the lead's copy; the first head under the leg below the lead's block; and no heads side by
/// side anywhere on the page (nor in `folio check`). Written into the story files (`folio place
/// --write`), the blocks rebuild the same page.
#[test]
fn the_lead_runs_its_head_over_a_strip_with_stories_under_its_leg() {
    let p = TestProject::sample();
    seed_edition(&p, "leg", "tabloid", &[(27, 6, 7), (21, 3, 11), (41, 5, 16), (40, 7, 17), (13, 5, 20), (34, 7, 16)], |_| String::new());
    let report = p.report("leg", true);
    let blocks = &report.placed[0].blocks;
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    let lead = blocks.iter().find(|b| b.story == 0).unwrap();
    let (cw, ch) = lead.cutout.unwrap_or_else(|| panic!("the lead is an L: {blocks:?}"));
    assert_eq!(lead.span, f.spec.columns, "the lead's head runs across the page: {blocks:?}");
    let (corner_column, corner_top, foot) = (lead.column + lead.span - cw, lead.top + lead.height - ch, lead.top + lead.height);
    let strip: Vec<_> = blocks.iter().filter(|b| b.column >= corner_column && b.top >= corner_top).collect();
    let under: Vec<_> = blocks.iter().filter(|b| b.column + b.span <= corner_column && b.top >= foot).collect();
    assert!(strip.iter().any(|b| b.top == corner_top) && strip.iter().any(|b| b.top + b.height > foot), "a strip from the corner's top past the L's foot: {blocks:?}");
    assert!(!under.is_empty(), "stories under the L's leg: {blocks:?}");
    assert_eq!(strip.len() + under.len() + 1, blocks.len(), "every story in the L, its strip or under its leg: {blocks:?}");

    let words = &bbox_words(&p.out().join("leg.pdf"))[0];
    let head_words = |si: usize| -> Vec<&Word> { words.iter().map(|(_, w)| w).filter(|w| w.y1 - w.y0 > 1.4 * f.spec.body_size && owns(f, &page.stories[si], w, 0.5 * f.spec.body_size)).collect() };
    let top = |h: &[&Word]| h.iter().map(|w| w.y0).fold(f64::INFINITY, f64::min);
    let bottom = |h: &[&Word]| h.iter().map(|w| w.y1).fold(f64::NEG_INFINITY, f64::max);
    let l = &page.stories[0];
    let cut = on_page(f, &l.cutout.expect("the corner in the page data"));
    let lead_head = head_words(0);
    assert!(!lead_head.is_empty(), "the lead's head read back");
    // The lead's copy: across the page over the corner, and down its leg beside it.
    let copy: Vec<&Word> = words.iter().map(|(_, w)| w).filter(|w| w.y1 - w.y0 < 1.4 * f.spec.body_size && w.y0 > bottom(&lead_head) && owns(f, l, w, 1.0)).collect();
    assert!(copy.iter().any(|w| w.x0 >= cut.0 - 1.0 && w.y1 <= cut.1 + 1.0), "the lead's copy runs over the corner");
    assert!(copy.iter().any(|w| w.x1 <= cut.0 + 1.0 && w.y0 >= cut.1 - 1.0), "the lead's copy runs down its leg beside the corner");
    let first = strip.iter().find(|b| b.top == corner_top).unwrap();
    let strip_head = head_words(first.story);
    assert!(top(&strip_head) > bottom(&lead_head) + f.pitch_pt, "the strip's first head stands under the lead's head and copy");
    assert!(top(&strip_head) < on_page(f, &l.block).3, "… beside the lead's leg");
    let under_first = under.iter().min_by_key(|b| b.top).unwrap();
    assert!(top(&head_words(under_first.story)) > on_page(f, &l.block).3, "the first head under the leg is below the lead's block");
    assert_eq!(check_heads("leg", page, words), 0, "no heads side by side");
    assert!(side_by_side_findings(&p, "leg").is_empty(), "`folio check` finds none either");

    // Written into the story files, the blocks rebuild the same page.
    let pdf = p.out().join("leg.pdf");
    let before = std::fs::read(&pdf).unwrap();
    p.folio(&["place", "content/leg", "--write"]).assert_code(0);
    let written = std::fs::read_to_string(p.edition("leg").join("stories/s0.toml")).unwrap();
    assert!(written.contains(&format!("cutout = {{ span = {cw}, height = {ch} }}")), "{written}");
    p.folio(&["build", "content/leg", "--out", "out"]).assert_code(0);
    assert!(std::fs::read(&pdf).unwrap() == before, "the written blocks rebuild the same page");
}

/// The same read-back on every page of the two hand-made samples: a 美编's page has no heads
/// side by side, staggered or in a row, and no 叠题 — and `folio check` reports every pair it
/// reads back, and no other: on the broadsheet's page 5 as it was made up until session 17,
/// 彭泽 beside 八里湖 along the foot (the page now has the search's layout: 武宁 an L around
/// 都昌, 濂溪's vertical head beside 武宁's across, 彭泽 in 濂溪's corner).
#[test]
fn hand_made_pages_read_back_have_no_clashing_or_stacked_heads() {
    let mut reported = Vec::new();
    for edition in [SAMPLE, "jiangxi-tabloid"] {
        let (p, data, pdf) = build(edition);
        reported.extend(rows_read_back(&p, edition, &data, &pdf));
    }
    assert!(reported.is_empty(), "the samples have rows of heads: {reported:?}");
    let p = TestProject::with_edition(SAMPLE);
    common::page5_with_a_right_hand_strip(&p);
    let report = p.report(SAMPLE, true);
    let pdf = p.out().join(format!("{SAMPLE}.pdf"));
    let rows = rows_read_back(&p, SAMPLE, &report.compiled.data, &pdf);
    assert_eq!(rows, ["jiangxi-special page 5: 1"], "彭泽 beside 八里湖");
}

/// TEST DATA: a project with a one-page tabloid edition `content/<name>` of seed text
/// ([`write_random_page`]: about `chars` characters shared by `picks`) whose story `k` has a
/// 3:2 gradient picture (blue 0, found by its pixels on the page) as its photo, with `keys`
/// more in its table. The picture is small: its resolution is not what is tested (the
/// edition's ppi limits are low).
fn seed_page_with_photo(name: &str, chars: f64, picks: &[(usize, usize, u32)], k: usize, keys: &str) -> TestProject {
    let p = TestProject::sample();
    let dir = p.edition(name);
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    write_random_page(&Seed::load(), &dir, chars, picks);
    gradient(&dir.join("photos/g.png"), 1200, 800, 0);
    p.edit(&format!("content/{name}/stories/s{k}.toml"), |t| t + "\n[[photos]]\nfile = \"photos/g.png\"\ncaption = \"图为现场\"\ncredit = \"记者\"\n" + keys);
    p.edit(&format!("content/{name}/edition.toml"), |t| t + "\n[preflight]\nerror_ppi = 10\nwarn_ppi = 20\n");
    p
}

/// 题上图 in the search: on a tabloid page of seed text where the search would otherwise leave
/// two heads in a row across the top — the same page with the photo's file asking for its
/// `size` (a photo the search does not raise), read back — it sets the last story's photo
/// above its head: read back, no heads side by side (`folio check` agrees), the picture beside
/// the lead's head and the story's head under the picture. `folio place` says so, `--write`
/// writes `above_head = true` and the written files rebuild the same page.
#[test]
fn the_search_sets_a_photo_above_a_head_rather_than_leave_a_row_of_heads() {
    let name = "titu";
    let p = seed_page_with_photo(name, 2875.2, &[(9, 19, 6), (8, 6, 3), (35, 19, 2), (32, 14, 5)], 3, "size = \"medium\"\n");
    let story = "content/titu/stories/s3.toml";
    let pdf = p.out().join(format!("{name}.pdf"));
    let report = p.report(name, true);
    assert!(report.placed.iter().flat_map(|pl| &pl.blocks).all(|b| !b.raised), "a photo whose file asks for a size is not raised");
    assert_eq!(rows_read_back(&p, name, &report.compiled.data, &pdf), ["titu page 1: 1"], "without a photo above a head, a row of heads");

    p.edit(story, |t| t.replace("size = \"medium\"\n", ""));
    let report = p.report(name, true);
    let raised: Vec<_> = report.placed.iter().flat_map(|pl| &pl.blocks).filter(|b| b.raised).collect();
    assert!(raised.len() == 1 && raised[0].story == 3, "the search raises s3's photo: {:?}", report.placed);
    assert!(rows_read_back(&p, name, &report.compiled.data, &pdf).is_empty(), "no row of heads with the photo above the head");
    // The JSON report says so, for the story placed so only.
    let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let raised_in_report: Vec<&str> = v["pages"][0]["blocks"].as_array().unwrap().iter().filter(|b| b["photo_above_head"] == true).map(|b| b["story"].as_str().unwrap()).collect();
    assert_eq!(raised_in_report, ["content/titu/stories/s3.toml"], "{v:#}");
    // Read back: the picture above s3's head, beside the lead's head.
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    let img = render(&pdf, 1, 144);
    let b = photo_box(&img, 0);
    let (iy0, iy1) = (f64::from(b.1) / 2.0, f64::from(b.3 + 1) / 2.0);
    let words = &bbox_words(&pdf)[0];
    let head_of = |si: usize| -> (f64, f64) {
        let hs: Vec<&Word> = words.iter().map(|(_, w)| w).filter(|w| w.y1 - w.y0 > 1.4 * f.spec.body_size && owns(f, &page.stories[si], w, 1.0)).collect();
        assert!(!hs.is_empty(), "story {si}'s head on the page");
        (hs.iter().map(|w| w.y0).fold(f64::INFINITY, f64::min), hs.iter().map(|w| w.y1).fold(0.0, f64::max))
    };
    let (raised_top, _) = head_of(3);
    assert!(raised_top > iy1, "s3's head ({raised_top:.1}) under its picture ({iy0:.1}–{iy1:.1})");
    let (lead_top, lead_foot) = head_of(0);
    assert!(iy0 < lead_foot && iy1 > lead_top, "the picture ({iy0:.1}–{iy1:.1}) stands beside the lead's head ({lead_top:.1}–{lead_foot:.1})");
    // Written, the files rebuild the same page.
    p.folio(&["build", &format!("content/{name}"), "--out", "out"]).assert_code(0);
    let before = std::fs::read(&pdf).unwrap();
    let place = p.folio(&["place", &format!("content/{name}"), "--write"]);
    place.assert_code(0);
    assert!(place.stdout().contains("first photo above_head = true"), "{}", place.stdout());
    let written: toml::Table = toml::from_str(&std::fs::read_to_string(p.root().join(story)).unwrap()).unwrap();
    assert_eq!(written["photos"][0]["above_head"].as_bool(), Some(true), "--write writes above_head");
    p.folio(&["build", &format!("content/{name}"), "--out", "out"]).assert_code(0);
    assert!(std::fs::read(&pdf).unwrap() == before, "the written files rebuild the same page");
}

/// TEST DATA: a project with the random-page eval's page 9 as the tabloid edition
/// `content/<name>` (four stories of seed text, about 1820 characters), and its folder.
fn eval_page_9(name: &str) -> (TestProject, std::path::PathBuf) {
    let p = TestProject::sample();
    let dir = p.edition(name);
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    write_random_page(&Seed::load(), &dir, 1820.2338317671108, &[(64, 7, 8), (4, 6, 6), (63, 5, 5), (12, 18, 4)]);
    (p, dir)
}

/// [`eval_page_9`] with a 3:2 picture (a gradient, blue 200) for its second story, its photo
/// table ending in `keys`: the project, the story file's path in it and the PDF a build writes.
fn eval_page_9_second_photo(name: &str, keys: &str) -> (TestProject, String, std::path::PathBuf) {
    let (p, dir) = eval_page_9(name);
    gradient(&dir.join("photos/s1.png"), 3000, 2000, 200);
    let story = format!("content/{name}/stories/s1.toml");
    p.edit(&story, |t| t + "\n[[photos]]\nfile = \"photos/s1.png\"\ncaption = \"图片说明 测试\"\n" + keys);
    let pdf = p.out().join(format!("{name}.pdf"));
    (p, story, pdf)
}

/// Photo size by rank: the lead's picture is the page's largest. A tabloid page of seed text
/// (TEST DATA, the random-page eval's page 9) whose lead and second story carry the same 3:2
/// picture: placed by copy alone, the second's block gave its picture the lead's width and
/// made it taller to fill its columns (113 × 104 mm over the lead's 113 × 78). Read back from
/// the rendered page, the second story's picture now covers less of the page than the lead's,
/// the page places with no overset, and `folio place --write`'s files rebuild the same page.
#[test]
fn the_leads_picture_is_the_largest_on_the_page() {
    let name = "photo-rank";
    let (p, dir) = eval_page_9(name);
    for (k, blue) in [(0, 0), (1, 200)] {
        gradient(&dir.join(format!("photos/s{k}.png")), 3000, 2000, blue);
        p.edit(&format!("content/{name}/stories/s{k}.toml"), |t| t + &format!("\n[[photos]]\nfile = \"photos/s{k}.png\"\ncaption = \"图片说明 测试\"\n"));
    }
    let report = p.report(name, true);
    let placed = &report.placed[0];
    let area = |si: usize| placed.blocks.iter().find(|b| b.story == si).map(|b| b.photo_area).unwrap();
    assert!(area(0) > area(1), "the lead's picture the larger in the placement: {placed:?}");
    let pdf = p.out().join(format!("{name}.pdf"));
    let img = render(&pdf, 1, 72);
    let size = |b: (u32, u32, u32, u32)| f64::from(b.2 + 1 - b.0) * f64::from(b.3 + 1 - b.1);
    let (lead, second) = (photo_box(&img, 0), photo_box(&img, 200));
    assert!(size(lead) > 1.1 * size(second), "read back, the lead's picture {lead:?} is larger than the second story's {second:?}");
    // The lead is an L whose 2-column corner stands right of its 4-column picture: the picture
    // stands under the lead's head (题下图), not at its copy's foot on the head under it.
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    let words = &bbox_words(&pdf)[0];
    let head_foot = words.iter().map(|(_, w)| w).filter(|w| w.y1 - w.y0 > 1.4 * f.spec.body_size && owns(f, &page.stories[0], w, 1.0)).map(|w| w.y1).fold(0.0, f64::max);
    let top = f64::from(lead.1);
    assert!(head_foot > 0.0 && top > head_foot && top - head_foot < 3.0 * f.pitch_pt, "the lead's picture (top {top:.1}) stands under its head (foot {head_foot:.1})");
    let check = p.folio(&["check", &format!("content/{name}")]);
    check.assert_code(0);
    assert!(!check.stderr().contains("overset"), "{}", check.stderr());
    // Written, the files rebuild the same page.
    let before = std::fs::read(&pdf).unwrap();
    p.folio(&["place", &format!("content/{name}"), "--write"]).assert_code(0);
    p.folio(&["build", &format!("content/{name}"), "--out", "out"]).assert_code(0);
    assert!(std::fs::read(&pdf).unwrap() == before, "the written files rebuild the same page");
    let json = |p: &TestProject| -> serde_json::Value { serde_json::from_str(&p.folio(&["check", &format!("content/{name}"), "--format", "json"]).stdout()).unwrap() };
    let ranked = |v: &serde_json::Value| v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "photo-rank").cloned().collect::<Vec<_>>();
    assert!(ranked(&json(&p)).is_empty(), "no photo-rank finding on the placed page");
    // By hand, the lead's picture made 5 lines deep: `folio check` says the second's is as
    // large, at its photo's file, in English and Chinese.
    p.edit(&format!("content/{name}/stories/s0.toml"), |t| {
        let table: toml::Table = toml::from_str(&t).unwrap();
        assert!(table["photos"][0].get("height").is_none(), "{t}");
        t.replace("caption = \"图片说明 测试\"", "caption = \"图片说明 测试\"\nheight = 5")
    });
    let found = ranked(&json(&p));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["story"].as_str(), Some("content/photo-rank/stories/s1.toml"));
    let check = p.folio(&["check", &format!("content/{name}")]);
    check.assert_code(0);
    let said = check.stdout() + &check.stderr();
    assert!(said.contains("picture no smaller than the lead's on page 1") && said.contains("stories/s1.toml:") && said.contains("file = \"photos/s1.png\""), "{said}");
    // The fix names the size that helps (review 48: "a smaller `size`" where the photo had none,
    // medium, and only small is smaller).
    assert!(said.contains("size = \"small\""), "{said}");
    let zh = p.folio_in_locale(&["check", &format!("content/{name}")], &[("LANG", "zh_CN.UTF-8")]);
    assert!((zh.stdout() + &zh.stderr()).contains("不小于头条图片"), "{}", zh.stdout());
}

/// A photo whose file gives its `height` keeps it on a page folio places (review 47: `height =
/// 9` on a placed story printed as a 7-line strip, and 9 to 13 all printed alike): on the eval's
/// page 9 (TEST DATA) with the second story's picture given 9 lines, then 12, the picture read
/// back from the rendered page is 3 lines deeper the second time, and `folio place --write`
/// leaves the editor's `height` as it was. A `height` of 0 is an error at the key.
#[test]
fn a_photos_own_height_is_kept_where_folio_places_its_story() {
    let name = "photo-height";
    let (p, story, pdf) = eval_page_9_second_photo(name, "height = 9\n");
    let deep = |p: &TestProject| -> f64 {
        p.folio(&["build", &format!("content/{name}"), "--out", "out"]).assert_code(0);
        let b = photo_box(&render(&pdf, 1, 144), 200);
        f64::from(b.3 + 1 - b.1) / 2.0
    };
    let nine = deep(&p);
    p.edit(&story, |t| t.replace("height = 9\n", "height = 12\n"));
    let twelve = deep(&p);
    let pitch = common::typeset::TABLOID.pitch;
    assert!((twelve - nine - 3.0 * pitch).abs() < 1.0, "12 lines against 9: {twelve:.1} pt against {nine:.1} (pitch {pitch})");
    p.folio(&["place", &format!("content/{name}"), "--write"]).assert_code(0);
    let written: toml::Table = toml::from_str(&std::fs::read_to_string(p.root().join(&story)).unwrap()).unwrap();
    assert_eq!(written["photos"][0]["height"].as_integer(), Some(12), "the editor's height is kept");
    p.edit(&story, |t| t.replace("height = 12\n", "height = 0\n"));
    let check = p.folio(&["check", &format!("content/{name}")]);
    let said = check.stdout() + &check.stderr();
    assert!(check.code() != 0 && said.contains("the photo's height is 0 grid lines") && said.contains("stories/s1.toml:"), "{said}");
    // A `span` of 0 is said so, not "columns 1–1" (review 47).
    p.edit(&story, |t| {
        let mut doc: toml_edit::DocumentMut = t.parse().unwrap();
        let photo = doc["photos"].as_array_of_tables_mut().unwrap().get_mut(0).unwrap();
        photo["height"] = toml_edit::value(12);
        photo["span"] = toml_edit::value(0);
        doc.to_string()
    });
    let check = p.folio(&["check", &format!("content/{name}")]);
    let said = check.stdout() + &check.stderr();
    assert!(check.code() != 0 && said.contains("the photo's `span` is 0") && !said.contains("columns 1–1") && said.contains("stories/s1.toml:"), "{said}");
}

/// A photo's `size` orders the picture of a story folio places: on the eval's page 9 (TEST
/// DATA), the second story's picture asked `small` prints no larger than with no `size`, asked
/// `large` no smaller, and small smaller than large — read back from the rendered page (review
/// 47: `size = "small"` printed a placed photo larger than the default, `large` as the default).
#[test]
fn a_photo_size_orders_a_placed_storys_picture() {
    let name = "photo-size";
    let (p, story, pdf) = eval_page_9_second_photo(name, "");
    let area = |p: &TestProject| -> (f64, (u32, u32, u32, u32)) {
        p.folio(&["build", &format!("content/{name}"), "--out", "out"]).assert_code(0);
        let b = photo_box(&render(&pdf, 1, 72), 200);
        (f64::from(b.2 + 1 - b.0) * f64::from(b.3 + 1 - b.1), b)
    };
    let medium = area(&p);
    p.edit(&story, |t| t.replace("caption = \"图片说明 测试\"\n", "caption = \"图片说明 测试\"\nsize = \"small\"\n"));
    let small = area(&p);
    p.edit(&story, |t| t.replace("size = \"small\"", "size = \"large\""));
    let large = area(&p);
    eprintln!("small {small:?} medium {medium:?} large {large:?}");
    assert!(small.0 <= medium.0 * 1.02, "small {small:?} against medium {medium:?}");
    assert!(large.0 >= medium.0 * 0.98, "large {large:?} against medium {medium:?}");
    assert!(small.0 < large.0, "small {small:?} against large {large:?}");
}

/// A photo's `size` orders its picture on any page folio places: on 24 seeded random tabloid
/// pages of seed text (TEST DATA: 2–4 stories of 1 600–2 480 characters, the first two with a
/// 3:2 picture), the second story's picture asked `small` is never larger than with no `size`
/// (review 47: it printed larger, the search widening and deepening it to fill the block), asked
/// `large` never smaller, and a page that places with no `size` places with either (until
/// session 48, `large` held to a column under a six-column block left five of these pages with
/// no layout, and one printed it smaller). Sizes as the placement gives them (columns × lines,
/// picture and caption); the test above reads one page's back from the rendered page.
#[test]
fn a_photo_size_orders_the_picture_on_random_pages() {
    let seed = Seed::load();
    // A fixed linear congruential sequence: the same pages every run.
    let mut x: u64 = 12345;
    let mut rnd = |n: u64| {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((x >> 33) % n) as usize
    };
    let mut larger = 0;
    for case in 0..24 {
        let picks: Vec<(usize, usize, u32)> = (0..2 + rnd(3)).map(|_| (rnd(120), rnd(40), 1 + rnd(8) as u32)).collect();
        let chars = 1600.0 + 80.0 * rnd(12) as f64;
        let p = TestProject::sample();
        let name = format!("size{case}");
        let dir = p.edition(&name);
        std::fs::create_dir_all(dir.join("stories")).unwrap();
        write_random_page(&seed, &dir, chars, &picks);
        for k in 0..2 {
            gradient(&dir.join(format!("photos/s{k}.png")), 3000, 2000, 100 * k as u8);
            p.edit(&format!("content/{name}/stories/s{k}.toml"), |t| t + &format!("\n[[photos]]\nfile = \"photos/s{k}.png\"\ncaption = \"图片说明 测试\"\n"));
        }
        let area = |size: &str| -> Option<u32> {
            p.edit(&format!("content/{name}/stories/s1.toml"), |t| {
                let t: String = t.lines().filter(|l| !l.starts_with("size = ")).map(|l| format!("{l}\n")).collect();
                if size.is_empty() { t } else { t.replace("caption = \"图片说明 测试\"\n", &format!("caption = \"图片说明 测试\"\nsize = \"{size}\"\n")) }
            });
            let run = folio::session::run(&folio::session::Options { edition: p.edition(&name), root: Some(p.root().to_path_buf()), font_path: Some(repo().join("fonts")), system_fonts: false, out: None });
            run.ok().map(|r| r.placed[0].blocks.iter().find(|b| b.story == 1).map_or(0, |b| b.photo_area))
        };
        let Some(medium) = area("") else { continue };
        let (small, large) = (area("small"), area("large"));
        let said = format!("page {case} {picks:?} ({chars} characters): small {small:?}, medium {medium}, large {large:?}");
        assert!(small.is_some_and(|s| s <= medium), "{said}");
        assert!(large.is_some_and(|l| l >= medium), "{said}");
        larger += usize::from(large > Some(medium));
    }
    assert!(larger >= 5, "a large picture is larger than a medium one on {larger} pages");
}

/// A story's picture stands under its own head, not at its copy's foot over the next story's
/// head (review 45b: "the lead's photo sits at the foot of its block, right over the 3条公交
/// head"; the automatic sample's page 3 had its lead's photo so, over 「清源断流」). On that page
/// (its lead's photo replaced by a gradient of the same size, TEST DATA), read back from the
/// rendered page and the PDF's text: the picture's top is under the lead's headline, within
/// three lines of it, and every other story's head in the picture's columns starts more than
/// four lines under the picture (its caption and three lines of copy at least between).
/// `folio place --write` writes the photo's `row = 0`, and the written files rebuild the same
/// page.
#[test]
fn a_storys_photo_stands_under_its_own_head_not_over_the_next_one() {
    let p = TestProject::sample();
    let name = "jiangxi-auto";
    gradient(&p.edition(name).join("photos/chaji.jpg"), 3000, 2000, 0);
    let report = p.report(name, true);
    let pdf = p.out().join(format!("{name}.pdf"));
    let (pi, si) = report.compiled.data.pages.iter().enumerate().find_map(|(pi, page)| page.stories.iter().position(|s| !s.photos.is_empty() && s.photos[0].path.contains("chaji")).map(|si| (pi, si))).expect("the lead's photo on a page");
    let page = &report.compiled.data.pages[pi];
    let f = &page.format;
    let img = render(&pdf, pi + 1, 144);
    let b = photo_box(&img, 0);
    let (ix0, iy0, ix1, iy1) = (f64::from(b.0) / 2.0, f64::from(b.1) / 2.0, f64::from(b.2 + 1) / 2.0, f64::from(b.3 + 1) / 2.0);
    let words = &bbox_words(&pdf)[pi];
    let head_of = |sj: usize| -> Option<(f64, f64, f64, f64)> {
        let hs: Vec<&Word> = words.iter().map(|(_, w)| w).filter(|w| w.y1 - w.y0 > 1.4 * f.spec.body_size && owns(f, &page.stories[sj], w, 1.0)).collect();
        (!hs.is_empty()).then(|| (hs.iter().map(|w| w.x0).fold(f64::INFINITY, f64::min), hs.iter().map(|w| w.y0).fold(f64::INFINITY, f64::min), hs.iter().map(|w| w.x1).fold(0.0, f64::max), hs.iter().map(|w| w.y1).fold(0.0, f64::max)))
    };
    let (_, _, _, lead_foot) = head_of(si).expect("the lead's head on the page");
    assert!(iy0 > lead_foot && iy0 - lead_foot < 3.0 * f.pitch_pt, "the picture ({iy0:.1}–{iy1:.1}) stands under its story's head (foot {lead_foot:.1})");
    let mut below = 0;
    for sj in (0..page.stories.len()).filter(|&sj| sj != si) {
        let Some((x0, y0, x1, _)) = head_of(sj) else { continue };
        if x0 < ix1 && x1 > ix0 && y0 > iy1 {
            below += 1;
            assert!(y0 - iy1 > 4.0 * f.pitch_pt, "story {sj}'s head ({y0:.1}) stands {:.1} lines under the picture's foot ({iy1:.1})", (y0 - iy1) / f.pitch_pt);
        }
    }
    assert!(below >= 1, "a story's head under the picture's columns");
    // The lead is an L: the picture stands at its right edge (since session 48), so its copy
    // starts under the head in the first column, beside the picture, not under it (reviews 47
    // and 48: at the left, the column beside the picture opened at the head mid-sentence).
    let copy_left: Vec<&Word> = words.iter().map(|(_, w)| w).filter(|w| (w.y1 - w.y0 - f.spec.body_size).abs() < 1.0 && owns(f, &page.stories[si], w, 1.0) && w.x1 < ix0).collect();
    let first_line = copy_left.iter().map(|w| w.y0).fold(f64::INFINITY, f64::min);
    assert!(!copy_left.is_empty() && first_line < iy0 + 0.5 * f.pitch_pt && first_line > lead_foot, "the copy left of the picture starts under the head ({first_line:.1}), on the picture's top line ({iy0:.1})");
    // Written, the files rebuild the same page.
    let before = std::fs::read(&pdf).unwrap();
    let place = p.folio(&["place", &format!("content/{name}"), "--write"]);
    place.assert_code(0);
    assert!(place.stdout().contains("first photo row = 0"), "{}", place.stdout());
    let written: toml::Table = toml::from_str(&std::fs::read_to_string(p.edition(name).join("stories/jiujiang-lead.toml")).unwrap()).unwrap();
    assert_eq!(written["photos"][0]["row"].as_integer(), Some(0), "--write writes row = 0");
    assert!(written["photos"][0]["column"].as_integer().is_some_and(|c| c > 1), "--write writes the picture's column at the right");
    p.folio(&["build", &format!("content/{name}"), "--out", "out"]).assert_code(0);
    assert!(std::fs::read(&pdf).unwrap() == before, "the written files rebuild the same page");
}

/// What to cut for a better page (`better-with-cuts`): on a tabloid page of seed text where the
/// search leaves a row of heads (four stories filling the page, the last with a photo),
/// `folio place` and `folio check` say which stories to cut and by about how many characters
/// for a page without it, in English and in Chinese, and the JSON report gives the characters
/// per block. Following the advice as a desk would — those characters cut from the end of each
/// story named — the page places with no heads side by side, read back from the PDF, and is
/// advised no more. `folio build` says it too (since session 45: review 45's editor, who only
/// built, never saw it); the library's plain run does not ask.
#[test]
fn folio_says_what_to_cut_for_a_page_without_a_row_of_heads() {
    let name = "cuts";
    let p = seed_page_with_photo(name, 2893.7, &[(12, 9, 4), (11, 28, 2), (58, 13, 4), (43, 14, 4)], 3, "");
    let pdf = p.out().join(format!("{name}.pdf"));
    let report = p.report(name, true);
    assert_eq!(rows_read_back(&p, name, &report.compiled.data, &pdf), ["cuts page 1: 1"], "a row of heads as placed");
    assert!(report.placed.iter().all(|pl| pl.advice.is_none()), "the plain run asks for no advice");
    let build = p.folio(&["build", &format!("content/{name}"), "--out", "out"]);
    build.assert_code(0);
    assert!(build.stderr().contains("page 1 places, but with 1 pair of heads side by side (碰题)") && build.stderr().contains("cut about "), "{}", build.stderr());
    // The 碰题 warning points to that advice first.
    assert!(build.stderr().contains("folio placed this page: where it says what to cut for a better page (better-with-cuts), do that first"), "{}", build.stderr());

    let place = p.folio(&["place", &format!("content/{name}")]);
    place.assert_code(0);
    let said = place.stderr();
    assert!(said.contains("page 1 places, but with 1 pair of heads side by side (碰题)") && said.contains("cut about ") && said.contains("and it places with"), "{said}");
    assert!(said.contains("content/cuts/edition.toml:"), "at the page's stories: {said}");
    let zh = p.folio_in_locale(&["place", &format!("content/{name}")], &[("LANG", "zh_CN.UTF-8")]);
    assert!(zh.stderr().contains("第 1 版排得出，但有 1 处碰题") && zh.stderr().contains("删减"), "{}", zh.stderr());

    let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let advice: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "better-with-cuts").collect();
    assert_eq!(advice.len(), 1, "{v:#}");
    assert_eq!((advice[0]["severity"].as_str(), advice[0]["page"].as_u64()), (Some("warning"), Some(1)));
    let cuts: Vec<(String, u64)> = v["pages"][0]["blocks"].as_array().unwrap().iter().filter(|b| !b["advised_cut_chars"].is_null()).map(|b| (b["story"].as_str().unwrap().to_string(), b["advised_cut_chars"].as_u64().unwrap())).collect();
    assert!(!cuts.is_empty(), "the blocks to cut: {v:#}");
    let message = advice[0]["message"].as_str().unwrap();
    for (story, chars) in &cuts {
        let stem = std::path::Path::new(story).file_stem().unwrap().to_str().unwrap();
        assert!(message.contains(&format!("about {chars} characters from {stem}")), "{message}");
        // A cut the desk can make: at most a quarter of the story's copy.
        let text = v["pages"][0]["blocks"].as_array().unwrap().iter().find(|b| b["story"] == story.as_str()).unwrap()["text_chars"].as_u64().unwrap();
        assert!(*chars > 0 && *chars * 4 <= text + 40, "{stem}: cut {chars} of {text}");
    }

    // The human report says it on each block to cut.
    let human = p.folio(&["check", &format!("content/{name}")]).stdout();
    for (story, chars) in &cuts {
        let stem = std::path::Path::new(story).file_stem().unwrap().to_str().unwrap();
        assert!(human.lines().any(|l| l.trim_start().starts_with(&format!("{stem}: block")) && l.ends_with(&format!("; cut ~{chars} for a better page"))), "{human}");
    }

    // The advice followed: the page places without the row, and is advised no more.
    for (story, chars) in &cuts {
        cut_from_end(&p.root().join(story), *chars as usize);
    }
    let report = p.report(name, true);
    assert!(rows_read_back(&p, name, &report.compiled.data, &pdf).is_empty(), "no heads side by side with the cuts made: {:?}", report.placed);
    let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
    run.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["code"] != "better-with-cuts" && f["code"] != "overset"), "{v:#}");
}

/// Copy far over a page that places only by shrinking its lead: a tabloid page of seed text
/// (TEST DATA: about 3 000 characters in five stories, the lead with a photo) placed with the
/// lead and its picture in three of six columns and no word said (placement trial 43, F3: at
/// 150 % of a page's copy, exit 0 and nothing to cut). Now `folio check` names the shrunk lead
/// in its `better-with-cuts` advice with the cuts that mend it; made, the page places with the
/// lead across more than half of it — read back from the PDF, the lead's picture wider than it
/// was — and no advice about the lead.
#[test]
fn folio_says_what_to_cut_where_the_copy_places_only_by_shrinking_the_lead() {
    let name = "shrunk";
    let p = seed_page_with_photo(name, 3007.7, &[(26, 28, 6), (0, 18, 1), (14, 5, 2), (30, 29, 4), (41, 5, 4)], 0, "");
    let pdf = p.out().join(format!("{name}.pdf"));
    let lead_span = |p: &TestProject| p.report(name, true).placed[0].blocks.iter().find(|b| b.story == 0).expect("the lead").span;
    assert!(lead_span(&p) * 2 <= 6, "the lead shrunk to half the page or less: {}", lead_span(&p));
    p.folio(&["build", &format!("content/{name}")]).assert_code(0);
    let before = photo_box(&render(&pdf, 1, 50), 0);

    let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let advice: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "better-with-cuts").collect();
    assert_eq!(advice.len(), 1, "{v:#}");
    let message = advice[0]["message"].as_str().unwrap();
    assert!(message.contains("the lead and its photo narrowed to half the page or less") && message.contains("cut about"), "{message}");
    let cuts: Vec<(String, u64)> = v["pages"][0]["blocks"].as_array().unwrap().iter().filter(|b| !b["advised_cut_chars"].is_null()).map(|b| (b["story"].as_str().unwrap().to_string(), b["advised_cut_chars"].as_u64().unwrap())).collect();
    assert!(!cuts.is_empty(), "{v:#}");
    let zh = p.folio_in_locale(&["check", &format!("content/{name}")], &[("LANG", "zh_CN.UTF-8")]);
    assert!(zh.stdout().contains("头条及其图片压窄到半版或更窄"), "{}", zh.stdout());

    for (story, chars) in &cuts {
        cut_from_end(&p.root().join(story), *chars as usize);
    }
    assert!(lead_span(&p) * 2 > 6, "the lead across more than half the page: {}", lead_span(&p));
    let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
    run.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["code"] != "overset" && !f["message"].as_str().unwrap_or("").contains("the lead and its photo")), "{v:#}");
    p.folio(&["build", &format!("content/{name}")]).assert_code(0);
    let after = photo_box(&render(&pdf, 1, 50), 0);
    assert!(after.2 - after.0 > before.2 - before.0, "the lead's picture wider: {before:?} → {after:?}");
}

/// What to cut where the page's copy is over and the nearest layout's overrun falls on a poem:
/// on `tests/fixtures/fukan-page` (TEST DATA written for the tests: a 副刊 page of an essay with
/// a square photo, a poem and a short essay, about 23 characters over its tabloid page) `folio
/// place` names each story to cut, the poem among them (its last line), and cut so from their
/// ends the page places. Until session 40 the poem's cut was asked of the essay (session 39's
/// rule for poems); the poem's block stayed over, and a desk that cut the essay as told was told
/// to cut it again, 6 characters each time, however much it cut.
#[test]
fn the_advice_for_a_page_over_with_a_poem_places_it_when_followed() {
    let p = TestProject::sample();
    let dir = p.edition("fukan");
    copy_dir(&repo().join("tests/fixtures/fukan-page"), &dir);
    gradient(&dir.join("photos/fukan.png"), 1800, 1800, 0);
    let run = p.folio(&["place", "content/fukan"]);
    assert_ne!(run.code(), 0, "over its page: {}", run.stderr());
    let said = run.stderr();
    let asks = cuts_said(&said);
    assert!(asks.iter().any(|(_, s)| s == "shi"), "the poem's last line is what the nearest layout needs cut: {said}");
    for (chars, story) in &asks {
        cut_from_end(&dir.join(format!("stories/{story}.toml")), *chars);
    }
    let run = p.folio(&["place", "content/fukan"]);
    assert_eq!(run.code(), 0, "followed, the advice places the page: {said}\n{}", run.stderr());
}

/// The cuts a message asks for: (characters, story file stem), each "about N characters from
/// STEM" in it.
fn cuts_said(said: &str) -> Vec<(usize, String)> {
    said.split("about ")
        .skip(1)
        .filter_map(|t| {
            let (n, rest) = t.split_once(" characters from ")?;
            Some((n.parse().ok()?, rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect()))
        })
        .collect()
}

/// Make each cut `said` asks for ([`cuts_said`]) from the end of its story in `dir`, as a desk
/// follows the message, and check the cut is named where it starts: its opening words are
/// those the cut of that many characters from the end takes away, and where the message says
/// it starts at a sentence's or a paragraph's start, the story is left ending in a whole
/// sentence (review 45: "cut 59" left 「中国科学技术大学潘。」). Gives how many cuts were said to
/// start at a sentence's or a paragraph's start.
fn cut_as_told(dir: &std::path::Path, said: &str) -> usize {
    let mut whole = 0;
    for (chars, story) in cuts_said(said) {
        let file = dir.join(format!("stories/{story}.toml"));
        let before = body_of(&file);
        cut_from_end(&file, chars);
        let after = body_of(&file);
        let removed: String = before[after.trim_end().len()..].chars().filter(|c| !c.is_whitespace()).collect();
        let named = said.split(&format!("characters from {story} (")).nth(1).unwrap_or_else(|| panic!("the cut of {story} names where it starts: {said}"));
        let quoted = named.split('「').nth(1).and_then(|q| q.split('…').next()).unwrap();
        assert!(removed.starts_with(quoted), "{story}: the cut starts at 「{quoted}」, and {chars} characters from the end are 「{removed}」");
        if !named.split(')').next().unwrap().contains("inside a sentence") {
            whole += 1;
            assert!(after.trim_end().ends_with(['。', '！', '？', '”', '）']), "{story} ends in a whole sentence: …{}", after.chars().rev().take(12).collect::<String>().chars().rev().collect::<String>());
        }
    }
    whole
}

/// The `body` of a story file (in triple quotes).
fn body_of(path: &std::path::Path) -> String {
    let t = std::fs::read_to_string(path).unwrap();
    let a = t.find("body = \"\"\"\n").expect("a body in triple quotes") + "body = \"\"\"\n".len();
    t[a..a + t[a..].find("\"\"\"").unwrap()].to_string()
}

/// The advice's cuts as the JSON report gives them per block: (story file, characters to
/// cut, characters to add).
fn advised(p: &TestProject, name: &str) -> Vec<(String, u64, u64)> {
    let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let n = |b: &serde_json::Value, k: &str| b[k].as_u64().unwrap_or(0);
    v["pages"][0]["blocks"].as_array().unwrap().iter().filter(|b| n(b, "advised_cut_chars") + n(b, "advised_add_chars") > 0).map(|b| (b["story"].as_str().unwrap().to_string(), n(b, "advised_cut_chars"), n(b, "advised_add_chars"))).collect()
}

/// A row of heads weighs more in the search for what to cut than where the page is placed
/// (`place::ROWS_IN_ADVICE`): a desk trims a page by a few lines a story to be rid of 碰题. On a
/// tabloid page of seed text (four stories, the lead short with a photo) whose only layouts
/// without the row need each story a few lines shorter — more lines, at the search's weight,
/// than the row — `folio place` asks for those cuts; made, the page has no heads side by side,
/// read back from the PDF.
#[test]
fn the_advice_cuts_a_page_by_more_than_a_rows_weight_to_be_rid_of_it() {
    let name = "trim";
    let p = seed_page_with_photo(name, 2783.6, &[(38, 20, 1), (33, 16, 3), (21, 11, 2), (64, 10, 6)], 0, "");
    let pdf = p.out().join(format!("{name}.pdf"));
    let report = p.report(name, true);
    assert_eq!(rows_read_back(&p, name, &report.compiled.data, &pdf), ["trim page 1: 1"], "a row of heads as placed");
    let said = p.folio(&["place", &format!("content/{name}")]).stderr();
    let advice = said.lines().find(|l| l.contains("page 1 places, but with 1 pair of heads side by side (碰题)")).unwrap_or_else(|| panic!("{said}"));
    assert!(advice.split(" and it places ").nth(1).is_some_and(|after| !after.contains("碰题")), "{advice}");
    let cuts = advised(&p, name);
    // More than a row's weight in lines (W_SIDE_BY_SIDE / W_CUT, less a story's cost each).
    let lines: u64 = cuts.iter().map(|c| c.1.div_ceil(10)).sum();
    let cuts_made = cuts.iter().filter(|c| c.1 > 0).count();
    assert!(cuts_made >= 2 && lines * u64::from(place::W_CUT) + cuts_made as u64 * u64::from(place::W_CUT_STORY) > u64::from(place::W_SIDE_BY_SIDE), "{cuts:?}");
    // Followed: the cuts from the stories' ends, and seed text added where a story is to be
    // lengthened (the cuts and additions leave less than the cuts alone).
    let seed = Seed::load();
    for (story, chars, added) in &cuts {
        cut_from_end(&p.root().join(story), *chars as usize);
        if *added > 0 {
            let more: String = seed.paras[0].chars().filter(|c| !c.is_whitespace()).take(*added as usize - 1).chain(['。']).collect();
            add_to_end(&p.root().join(story), &more);
        }
    }
    let report = p.report(name, true);
    assert!(rows_read_back(&p, name, &report.compiled.data, &pdf).is_empty(), "no heads side by side with the cuts made: {:?}", report.placed);
}

/// What to add where no cut alone mends a page: on a tabloid page of seed text (six stories,
/// the third with a photo; found by a seeded search over random pages, found anew when the
/// search changes: session 43's vertical heads at their stories' sizes made the earlier one's
/// row of heads go) placed with a row of heads, a photo set narrower and a long leg, which no
/// cut alone takes away, `folio place` and `folio check` ask for a line more of the lead with a
/// cut from the photo's story, in English and in Chinese; the JSON report gives the characters
/// to cut and to add on those blocks (`advised_cut_chars`, `advised_add_chars`), the human
/// report says them. (Until session 43 the test also followed the advice and found the page
/// without its flaws; of the six pages advised to add copy among 1 100 random ones searched
/// for a new fixture, none placed so when followed — the advice's page is not the one the
/// placement then chooses — an open defect of issue 12, noted.)
#[test]
fn folio_says_what_to_add_where_no_cut_alone_mends_a_page() {
    let name = "adds";
    let p = seed_page_with_photo(name, 2442.3, &[(17, 7, 2), (48, 12, 4), (33, 12, 4), (0, 9, 2), (66, 2, 6), (40, 14, 3)], 2, "");
    let pdf = p.out().join(format!("{name}.pdf"));
    let codes = |p: &TestProject| -> Vec<String> {
        let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
        v["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
    };
    p.folio(&["build", &format!("content/{name}"), "--out", "out"]).assert_code(0);
    assert!(codes(&p).contains(&"long-leg".to_string()), "a long leg as placed");
    assert_eq!(rows_read_back(&p, name, &p.report(name, false).compiled.data, &pdf), [format!("{name} page 1: 1")], "a row of heads as placed");

    let place = p.folio(&["place", &format!("content/{name}")]);
    place.assert_code(0);
    let said = place.stderr();
    assert!(said.contains("page 1 places, but with 1 pair of heads side by side (碰题), 1 photo set narrower than folio's default, 1 long leg of copy (长腿); cut about 31 characters from s2 (its last 3 lines, from 「地区的贩毒团伙打…」 — inside a sentence: end the one before) and add about 10 characters to s0 and it places with none of them"), "{said}");
    let zh = p.folio_in_locale(&["place", &format!("content/{name}")], &[("LANG", "zh_CN.UTF-8")]);
    assert!(zh.stderr().contains("；删减 s2 约 31 字（末 3 行，自句中「地区的贩毒团伙打……」起：请在前句收尾），增补 s0 约 10 字 后再排"), "{}", zh.stderr());
    let changes = advised(&p, name);
    assert_eq!(changes, [(format!("content/{name}/stories/s0.toml"), 0, 10), (format!("content/{name}/stories/s2.toml"), 31, 0)]);
    let human = p.folio(&["check", &format!("content/{name}")]).stdout();
    assert!(human.lines().any(|l| l.trim_start().starts_with("s2: block") && l.ends_with("; cut ~31 for a better page")), "{human}");
    assert!(human.lines().any(|l| l.trim_start().starts_with("s0: block") && l.ends_with("; add ~10 for a better page")), "{human}");
}

/// A short story takes a narrow block: every column of a block folio places holds copy. On a
/// tabloid page of seed text whose last story is one sentence, the search once set it across
/// the page's six columns under a head as wide, its two lines in two of them and four columns
/// white; read back from the PDF, each column of its block now has a line of its copy. (Since
/// session 33 a head needs four lines under it, so the sentence is one of four lines a column
/// wide: a two-line one no longer places at all, and folio asks for about 20 characters more.)
#[test]
fn every_column_of_a_placed_block_holds_copy() {
    let name = "brief";
    let p = seed_page_with_photo(name, 2466.7, &[(59, 11, 2), (14, 15, 1), (27, 9, 2), (31, 12, 4)], 2, "");
    let sentence = "本报讯 九江警方日前破获一起贩卖毒品案件，抓获犯罪嫌疑人三名。";
    p.edit("content/brief/stories/s3.toml", |t| {
        let a = t.find("body = \"\"\"\n").unwrap() + 11;
        let b = a + t[a..].find("\"\"\"").unwrap();
        format!("{}{sentence}\n{}", &t[..a], &t[b..])
    });
    let report = p.report(name, true);
    let block = report.placed.iter().flat_map(|pl| &pl.blocks).find(|b| b.story == 3).expect("the brief placed by folio");
    let flat: String = sentence.chars().filter(|c| !c.is_whitespace()).collect();
    let mut lines: Vec<typeset::Line> = typeset::body_lines(&p.out().join(format!("{name}.pdf")), typeset::TABLOID.size).remove(0).into_iter().filter(|l| {
        let t: String = l.text().chars().filter(|c| !c.is_whitespace()).collect();
        t.chars().count() >= 3 && flat.contains(&t)
    }).collect();
    // Columns apart: a column's lines start within its indent (2 em) of each other.
    let mut xs: Vec<f64> = lines.iter().map(|l| l.x0()).collect();
    xs.sort_by(f64::total_cmp);
    let column_of = |x: f64| xs.windows(2).filter(|w| w[1] <= x && w[1] - w[0] > 3.0 * typeset::TABLOID.size).count();
    let columns = 1 + column_of(f64::INFINITY);
    // In reading order: down each column, the columns left to right.
    lines.sort_by(|a, b| (column_of(a.x0()), a.y()).partial_cmp(&(column_of(b.x0()), b.y())).unwrap());
    let text: String = lines.iter().flat_map(|l| l.text().chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>()).collect();
    assert_eq!(text, flat, "the brief's copy, read back");
    assert_eq!(columns as u32, block.span, "each of the brief's {} columns holds a line of it: {:?}", block.span, lines.iter().map(|l| (l.x0(), l.text())).collect::<Vec<_>>());
}

/// A page of briefs far short of its space: eight stories of one seed paragraph each (TEST
/// DATA) on a tabloid page, about a quarter of its characters. The search once placed them and
/// the build wrote the page: two lines of copy a column under big heads across the page, a head
/// almost on the next (叠题, then a cost it paid). Now every head has at least four lines under
/// it, so the page stops with what to add, story by story, and nothing is written; with three
/// paragraphs a story the page places, and read back every head stands four lines or more
/// (and the blank line under it) above its block's foot. The short page is told first to set
/// its short items as one column of briefs.
#[test]
fn a_page_of_briefs_far_short_of_its_space_asks_for_copy() {
    let p = TestProject::sample();
    let picks = |n: usize| [(10, n, 1), (20, n, 2), (30, n, 3), (40, n, 4), (50, n, 5), (60, n, 6), (5, n, 7), (15, n, 8)];
    seed_edition(&p, "briefs", "tabloid", &picks(1), |_| String::new());
    let run = p.folio(&["build", "content/briefs", "--out", "out"]);
    let err = run.stderr() + &run.stdout();
    assert_ne!(run.code(), 0, "the briefs placed: {err}");
    assert!(err.contains("page 1") && err.contains("characters short of its space"), "{err}");
    assert!(err.contains("characters to s"), "what to add, story by story: {err}");
    assert!(!p.out().join("briefs.pdf").exists(), "nothing written");
    // And what a desk makes of them (session 41): the short ones, not the lead, named as a
    // column of briefs, one story of `briefs = true`.
    let named = err.split("set the short items (").nth(1).and_then(|t| t.split(") as one column of briefs (简讯)").next()).unwrap_or_else(|| panic!("briefs suggested: {err}"));
    let named: Vec<&str> = named.split(", ").collect();
    assert!(named.len() >= 4 && named.iter().all(|n| n.starts_with('s') && *n != "s0"), "{named:?}");
    assert!(err.contains("`briefs = true`"), "{err}");
    // That first, before what to add (review 45: ten briefs told first to add 1 130 characters
    // to one of them).
    assert!(err.find("set the short items (") < err.find("characters to s"), "the briefs first: {err}");

    seed_edition(&p, "briefs3", "tabloid", &picks(3), |_| String::new());
    let report = p.report("briefs3", true);
    assert_eq!(report.placed[0].blocks.len(), 8, "every story placed");
    for (si, under) in lines_under_heads(&p, "briefs3", &report).into_iter().enumerate() {
        assert!(under > 4.5, "story {si}: {under:.1} lines under its head's type before its block's foot (four lines of the block under its area and the blank line, or more)");
    }
}

/// What to add to a page far short of copy goes to its stories by rank: a tabloid page of five
/// stories of seed text (TEST DATA, about 800 characters, the lead the longest) is told what to
/// add story by story, and the additions leave the lead the longest story and never make a
/// story longer than one ranked above it that is given more. (Trial 43, F6: a page 3 200
/// characters short was told to add 1 450 to its lowest-ranked brief, which would then run
/// longer than its lead, and nothing to the lead.)
#[test]
fn what_to_add_to_a_short_page_goes_to_its_stories_by_rank() {
    let p = TestProject::sample();
    let dir = p.edition("short");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    write_random_page(&Seed::load(), &dir, 800.0, &[(10, 3, 8), (20, 5, 4), (30, 7, 2), (40, 9, 2), (50, 11, 1)]);
    let run = p.folio(&["place", "content/short"]);
    let err = run.stderr();
    assert_ne!(run.code(), 0, "{err}");
    assert!(err.contains("characters short of its space"), "{err}");
    let hint = err.lines().find(|l| l.contains("hint: add about")).unwrap_or_else(|| panic!("what to add: {err}"));
    let chars = |k: usize| -> usize {
        let t: toml::Value = toml::from_str(&std::fs::read_to_string(dir.join(format!("stories/s{k}.toml"))).unwrap()).unwrap();
        t["body"].as_str().unwrap().chars().filter(|c| !c.is_whitespace()).count()
    };
    let added = |k: usize| -> usize {
        let at = format!(" characters to s{k}");
        hint.find(&at).map_or(0, |i| hint[..i].rsplit("about ").next().unwrap().parse().unwrap())
    };
    let after: Vec<usize> = (0..5).map(|k| chars(k) + added(k)).collect();
    assert!((1..5).all(|k| after[0] >= after[k]), "the lead the longest once lengthened: {after:?} ({hint})");
    for k in 1..5 {
        for j in 0..k {
            assert!(added(k) == 0 || after[j] + 100 >= after[k] || added(j) == 0, "s{k} lengthened past s{j}: {after:?} ({hint})");
        }
    }
    assert!(added(0) > 0, "the lead is given copy: {hint}");
}

/// Read back from edition `name`'s first page: each story's head, the words set larger than
/// the body inside its block.
fn head_words(p: &TestProject, name: &str, report: &folio::session::Report) -> Vec<Vec<Word>> {
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    let words = &bbox_words(&p.out().join(format!("{name}.pdf")))[0];
    page.stories
        .iter()
        .map(|story| words.iter().map(|(_, w)| w).filter(|w| w.y1 - w.y0 > 1.4 * f.spec.body_size && owns(f, story, w, 0.5 * f.spec.body_size)).cloned().collect())
        .collect()
}

/// Read back from edition `name`'s first page: each story's headline size, the height poppler
/// gives the largest word of its head.
fn head_sizes_read_back(p: &TestProject, name: &str, report: &folio::session::Report) -> Vec<f64> {
    head_words(p, name, report).iter().map(|head| head.iter().map(|w| w.y1 - w.y0).fold(0.0, f64::max)).collect()
}

/// A story's head is no larger than its copy warrants (the format's `min_chars`): a tabloid
/// page of seed text (TEST DATA), a lead of about 1 260 characters and three stories of 460–510,
/// which folio placed under the lead five columns wide, one of them under a 30 pt head (the
/// span's size, a size under the lead's 42). Read back, the lead's head is 42 pt and each
/// other 22 pt, the size the ladder gives 400–699 characters; with `min_chars` taken out of
/// `formats.toml` a head is 30 pt again. A broadsheet page whose copy fills it only under
/// heads larger than that (seven stories, 330–610 characters under a 1 390-character lead)
/// still places, its heads as their spans give.
#[test]
fn a_short_story_gets_a_head_no_larger_than_its_copy_warrants() {
    let p = TestProject::sample();
    let picks = [(4, 15, 5), (44, 5, 4), (33, 7, 1), (21, 6, 1)];
    seed_edition(&p, "short", "tabloid", &picks, |_| String::new());
    let report = p.report("short", true);
    let chars: Vec<usize> = report.placed[0].blocks.iter().map(|b| b.story).map(|si| report.edition.stories[0][si].value.text_chars()).collect();
    assert!(chars[1..].iter().all(|c| (400..700).contains(c)), "the copy of the test: {chars:?}");
    let sizes = head_sizes_read_back(&p, "short", &report);
    assert!((sizes[0] - 42.0).abs() < 0.5, "the lead's head: {sizes:?}");
    for (si, size) in sizes.iter().enumerate().skip(1) {
        assert!((size - 22.0).abs() < 0.5, "story {si} ({} characters): a {size:.1} pt head, not 22: {sizes:?}", chars[si]);
    }

    p.edit("layouts/formats.toml", |t| ["1500", "1200", "800", "700", "450", "400", "200"].iter().fold(t, |t, n| t.replace(&format!(", min_chars = {n}"), "")));
    assert!(!std::fs::read_to_string(p.root().join("layouts/formats.toml")).unwrap().contains("min_chars ="));
    let report = p.report("short", true);
    let sizes = head_sizes_read_back(&p, "short", &report);
    assert!(sizes[1..].iter().any(|&z| (z - 30.0).abs() < 0.5), "without min_chars a head as its span gives: {sizes:?}");
    p.edit("layouts/formats.toml", |_| std::fs::read_to_string(repo().join("layouts/formats.toml")).unwrap());

    let picks = [(6, 15, 0), (17, 6, 17), (37, 4, 16), (42, 6, 2), (50, 5, 15), (46, 3, 4), (60, 5, 14)];
    seed_edition(&p, "full", "broadsheet", &picks, |_| String::new());
    let report = p.report("full", true);
    assert_eq!(report.placed[0].blocks.len(), 7, "every story placed");
    let sizes = head_sizes_read_back(&p, "full", &report);
    assert!(sizes[1..].iter().any(|&z| z > 25.0), "a head larger than its copy's 22 pt or less: {sizes:?}");
}

/// A page whose copy fills it only under heads larger than the copy warrants is short of copy,
/// and `folio check` says what to add (issue 12: "add about 300 characters"): the economy page
/// of `tests/fixtures/economy-page` (TEST DATA written for the tests; five stories, 150–720
/// characters, 1 970 in all on a tabloid page), which folio fills by stacking its stories
/// across the page under 30 pt heads. The advice names the heads and the characters to add
/// to which stories; each advised story lengthened by that many characters (a sentence
/// written for the test, repeated), the page places with every head but the lead's no larger
/// than the ladder gives its copy (read back from the PDF), and no advice is left.
#[test]
fn a_page_filled_only_under_larger_heads_is_told_what_to_add() {
    let p = TestProject::sample();
    copy_dir(&repo().join("tests/fixtures/economy-page"), &p.edition("economy"));
    let run = p.folio(&["check", "content/economy", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let advice: Vec<&str> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "better-with-cuts").map(|f| f["message"].as_str().unwrap()).collect();
    assert!(advice.len() == 1 && advice[0].contains("larger than their stories' copy warrants") && advice[0].contains("add about"), "{advice:?}");
    let adds = advised(&p, "economy");
    assert!(!adds.is_empty() && adds.iter().all(|(_, cut, add)| *cut == 0 && *add > 0), "{adds:?}");
    // Follow the advice: each story named lengthened by the characters advised.
    let sentence = "据悉，相关部门将进一步完善配套措施，加强跟踪服务，推动各项工作落地落实。";
    for (story, _, chars) in &adds {
        let extra: String = sentence.chars().cycle().take(*chars as usize).collect();
        p.edit(story, |t| {
            let at = t.rfind("\"\"\"").unwrap();
            format!("{}\n\n{extra}\n{}", t[..at].trim_end(), &t[at..])
        });
    }
    assert!(advised(&p, "economy").is_empty(), "advised no more: {:?}", advised(&p, "economy"));
    let report = p.report("economy", true);
    assert_eq!(report.placed[0].blocks.len(), 5, "every story placed");
    let f = &report.compiled.data.pages[0].format;
    let sizes = head_sizes_read_back(&p, "economy", &report);
    // (Not the lead's, nor a vertical head's: poppler reads a vertical word's height as its
    // column's.)
    let lead = report.placed[0].blocks[0].story;
    let vertical: Vec<usize> = report.placed[0].blocks.iter().filter(|b| b.vertical).map(|b| b.story).collect();
    for (si, size) in sizes.iter().enumerate().filter(|&(si, _)| si != lead && !vertical.contains(&si)) {
        let chars = report.edition.stories[0][si].value.text_chars();
        let warranted = f.spec.heads.iter().find(|h| h.min_chars.is_none_or(|m| chars >= m as usize)).unwrap_or(f.spec.heads.last().unwrap()).size;
        assert!(*size < warranted + 0.5, "story {si} ({chars} characters): a {size:.1} pt head, the copy warrants {warranted}: {sizes:?}");
    }
}

/// Read back from edition `name`'s first page: for each story, the grid lines from the foot of
/// its head's type to its block's foot (four lines of the block under a head's area and the
/// blank line under it read as 5.0–5.3; three as 4.0–4.3).
fn lines_under_heads(p: &TestProject, name: &str, report: &folio::session::Report) -> Vec<f64> {
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    head_words(p, name, report)
        .iter()
        .zip(&page.stories)
        .enumerate()
        .map(|(si, (head, story))| {
            let bottom = head.iter().map(|w| w.y1).fold(f64::NEG_INFINITY, f64::max);
            assert!(bottom.is_finite(), "{name}: story {si}'s head read back");
            (on_page(f, &story.block).3 - bottom) / f.pitch_pt
        })
        .collect()
}

/// Under a hand-placed block a block at the top of the free area starts with a rule line, as
/// any block below another does: a tabloid page of seed text (TEST DATA) with its lead by hand
/// across the top, 24 lines deep, and four one- or two-paragraph stories for folio to place
/// under it. The search once counted no rule there and set two heads each on the next with
/// three lines of its block between (叠题, by `folio check`'s measure); now `folio check`
/// finds none, and read back every placed head stands four lines or more above its block's
/// foot.
#[test]
fn the_search_counts_the_rule_under_a_hand_placed_block() {
    let p = TestProject::sample();
    let lead = "\n[block]\ncolumn = 1\nspan = 6\ntop = 0\nheight = 24\n";
    seed_edition(&p, "ruled", "tabloid", &[(8, 7, 4), (57, 1, 15), (48, 1, 20), (62, 1, 3), (55, 2, 12)], |k| if k == 0 { lead.to_string() } else { String::new() });
    let report = p.report("ruled", true);
    assert_eq!(report.placed[0].blocks.len(), 4, "the four others placed: {:?}", report.placed);
    let run = p.folio(&["check", "content/ruled", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let stacked: Vec<_> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "stacked-heads").collect();
    assert!(stacked.is_empty(), "{stacked:#?}");
    for (si, under) in lines_under_heads(&p, "ruled", &report).into_iter().enumerate().skip(1) {
        assert!(under > 4.5, "story {si}: {under:.1} lines under its head's type before its block's foot (four lines of the block under its area and the blank line, or more)");
    }
}

/// 叠题 on a hand-made page: a tabloid page of seed text (TEST DATA) with a one-paragraph story
/// by hand across the page seven lines deep (its head and two lines of copy) and the next story
/// straight under it: `folio check` finds the second head standing on the first with two lines
/// of the first's block between (`stacked-heads`, located at the lower story); with the upper block three lines deeper (five under its head), none.
#[test]
fn check_finds_a_head_stacked_on_another_on_a_hand_made_page() {
    let p = TestProject::sample();
    let block = |top: u32, height: u32| format!("\n[block]\ncolumn = 1\nspan = 6\ntop = {top}\nheight = {height}\n");
    seed_edition(&p, "stacked", "tabloid", &[(10, 1, 1), (20, 6, 2)], |k| if k == 0 { block(0, 7) } else { block(7, 22) });
    let stacked = |p: &TestProject| -> Vec<serde_json::Value> {
        let run = p.folio(&["check", "content/stacked", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
        v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "stacked-heads").cloned().collect()
    };
    let found = stacked(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    let seed = Seed::load();
    let message = found[0]["message"].as_str().unwrap();
    let name = |k: usize| seed.heads[k].replace('\n', " ");
    assert!(message.contains("叠题") && message.contains(&name(1)) && message.contains(&name(2)) && message.contains("2 lines"), "{message}");
    assert!(found[0]["file"].as_str().is_some_and(|f| f.ends_with("s1.toml")), "{:#}", found[0]);

    p.edit("content/stacked/stories/s0.toml", |t| t.replace("height = 7\n", "height = 10\n"));
    p.edit("content/stacked/stories/s1.toml", |t| t.replace("top = 7\n", "top = 10\n"));
    assert!(stacked(&p).is_empty(), "five lines under the upper head: no 叠题");
}

/// A hand-placed story's 题上图 moves its head down its block, and the search weighs the heads
/// it places beside that head where it stands, not at the block's top: on a tabloid page of
/// seed text with a story placed by hand in the last two columns, its photo above its head, the
/// search once set a head across the free area's columns on the lines of that head (staggered
/// by less than a head: the worst 碰题); read back, the page now has no heads side by side.
#[test]
fn the_search_weighs_a_hand_placed_head_under_its_photo_where_it_stands() {
    let name = "mixed";
    // The last story by hand in columns 5–6, its photo above its head, its copy cut to its
    // first 900 characters (to a full stop).
    let p = seed_page_with_photo(name, 2276.0, &[(8, 3, 5), (29, 14, 4), (0, 3, 5), (47, 16, 4)], 3, "above_head = true\n");
    p.edit("content/mixed/stories/s3.toml", |t| {
        let a = t.find("body = \"\"\"\n").unwrap() + 11;
        let b = a + t[a..].find("\"\"\"\n").unwrap();
        let body: String = t[a..b].chars().take(900).collect();
        let body = &body[..body.rfind('。').map_or(body.len(), |i| i + '。'.len_utf8())];
        format!("{}{body}\n{}\n[block]\ncolumn = 5\nspan = 2\ntop = 0\nheight = 64\n", &t[..a], &t[b..])
    });
    let report = p.report(name, true);
    assert_eq!(report.placed.iter().map(|pl| pl.blocks.len()).sum::<usize>(), 3, "the three other stories placed: {:?}", report.placed);
    let page = &report.compiled.data.pages[0];
    let hand = &page.stories.iter().find(|s| s.block.x > page.format.cols_width(0, 4)).expect("the hand-placed story").head.rect;
    assert!(hand.y - page.stories[0].block.y > 8.0 * page.format.pitch_pt, "the hand-placed head stands under its picture: {hand:?}");
    let pdf = p.out().join(format!("{name}.pdf"));
    assert!(rows_read_back(&p, name, &report.compiled.data, &pdf).is_empty(), "no heads side by side");
}

/// No photo the search sizes is cropped past a third of its picture
/// (`layout::compose::MAX_CROP`): on a tight tabloid page of six stories of seed text, where
/// the search once cut a one-column photo to a three-line sliver (about a third of its
/// picture's height), the picture read back from the page — a gradient whose pixels say where
/// in the image they come from — shows at least two thirds of the image's width and height.
#[test]
fn the_search_crops_no_photo_past_a_third() {
    let name = "crop";
    let p = seed_page_with_photo(name, 2763.0, &[(38, 13, 2), (9, 4, 3), (30, 4, 6), (37, 19, 1), (45, 13, 5), (3, 7, 2)], 1, "");
    let report = p.report(name, true);
    assert!(report.placed.iter().any(|pl| pl.blocks.iter().any(|b| b.story == 1)), "the page places: {:?}", report.placed);
    let img = render(&p.out().join(format!("{name}.pdf")), 1, 144);
    let b = photo_box(&img, 0);
    let (left, right, top, bottom) = (fraction(&img, b, "left"), fraction(&img, b, "right"), fraction(&img, b, "top"), fraction(&img, b, "bottom"));
    // (The edges are read a few pixels inside the box.)
    let most = 1.0 - folio::layout::compose::MAX_CROP - 0.04;
    assert!(right - left >= most, "the picture shows {:.2} of the image's width", right - left);
    assert!(bottom - top >= most, "the picture shows {:.2} of the image's height", bottom - top);
}

/// The search keeps a picture near its shape where the page can be made so
/// (`place::W_CROP` past `place::FREE_CROP`): on a tabloid page of three stories of seed text
/// (TEST DATA) where it once filled a column's depth with a 3:2 picture cut to 72 % of its width,
/// the picture read back from the page shows at least 88 % of the image's width and height, and
/// `folio place` says how much of it the box shows, as the page prints it.
#[test]
fn the_search_keeps_a_picture_near_its_shape() {
    let name = "shape";
    let p = seed_page_with_photo(name, 2534.4, &[(463, 635, 9), (883, 132, 4), (98, 21, 6)], 1, "");
    let run = p.folio(&["place", &format!("content/{name}")]);
    run.assert_code(0);
    let out = run.stdout();
    let line = out.lines().find(|l| l.contains("s1.toml")).unwrap_or_else(|| panic!("{out}"));
    p.folio(&["build", &format!("content/{name}"), "--out", "out"]).assert_code(0);
    let img = render(&p.out().join(format!("{name}.pdf")), 1, 144);
    let b = photo_box(&img, 0);
    let (left, right, top, bottom) = (fraction(&img, b, "left"), fraction(&img, b, "right"), fraction(&img, b, "top"), fraction(&img, b, "bottom"));
    let (w, h) = (right - left, bottom - top);
    assert!(w >= 0.88 && h >= 0.88, "the picture shows {w:.2} of the image's width and {h:.2} of its height: {line}");
    // (The edges are read a few pixels inside the box.)
    let said = line.split("the box shows ").nth(1).unwrap_or_else(|| panic!("place says how much of the picture shows: {line}"));
    let share: f64 = said.split('%').next().unwrap().parse().unwrap();
    assert!((share / 100.0 - w.min(h)).abs() < 0.04, "place says {share}%, the page shows {:.2}: {line}", w.min(h));
}

/// A portrait picture folio places is set narrower than a landscape one (outside review 50: a
/// 3:4 picture at a medium photo's four of six tabloid columns took 40 % of the page): on the
/// same page of seed text, read back from the PDF, a 3:4 picture prints narrower than a 3:2 one
/// and its area is about the 3:2 picture's, never a third more; `folio place --write` writes
/// the span it was given, and the written files rebuild the same picture.
#[test]
fn a_portrait_picture_is_set_narrower_than_a_landscape_one() {
    let name = "portrait";
    let p = seed_page_with_photo(name, 2200.0, &[(463, 635, 9), (883, 132, 4), (98, 21, 6)], 1, "");
    let pdf = p.out().join(format!("{name}.pdf"));
    let printed = |p: &TestProject| {
        p.folio(&["build", &format!("content/{name}"), "--out", "out"]).assert_code(0);
        let b = photo_box(&render(&pdf, 1, 72), 0);
        (f64::from(b.2 - b.0 + 1), f64::from(b.3 - b.1 + 1))
    };
    let (lw, lh) = printed(&p);
    gradient(&p.root().join(format!("content/{name}/photos/g.png")), 900, 1200, 0);
    let (pw, ph) = printed(&p);
    assert!(ph > pw, "the portrait picture prints portrait: {pw:.0} × {ph:.0} pt");
    assert!(pw + 20.0 < lw, "the portrait picture ({pw:.0} pt wide) is set narrower than the landscape one ({lw:.0} pt)");
    assert!(pw * ph < 1.35 * lw * lh, "the portrait picture's area ({:.0} pt²) is about the landscape one's ({:.0} pt²)", pw * ph, lw * lh);
    // Written into the photo's `span`, the page rebuilds the same.
    let run = p.folio(&["place", &format!("content/{name}"), "--write"]);
    run.assert_code(0);
    let story = std::fs::read_to_string(p.root().join(format!("content/{name}/stories/s1.toml"))).unwrap();
    let photo = story.split("[[photos]]").nth(1).unwrap_or_default();
    assert!(photo.lines().any(|l| l.trim_start().starts_with("span =")), "--write gives the photo its span:\n{story}");
    assert_eq!(printed(&p), (pw, ph), "the written files print the picture as placed");
}

/// A head the search turns (竖题) stands beside copy deeper than it: on an outside review's
/// tabloid page of a lead and five short items (`tests/fixtures/short-items-page`, TEST DATA),
/// the search turned the 61-character 马拉松's head in its two-column block, and the head ran a
/// line under its six lines of copy, half the block a head's. Read back from the PDF, every
/// vertical head on the page ends above its copy's last line, and the 61-character item's head
/// is set across.
#[test]
fn a_head_the_search_turns_stands_beside_copy_deeper_than_it() {
    let name = "items";
    let p = TestProject::sample();
    let dir = p.edition(name);
    copy_dir(&repo().join("tests/fixtures/short-items-page"), &dir);
    gradient(&dir.join("photos/guqiao.png"), 1800, 2400, 0);
    let report = p.report(name, true);
    let words = &bbox_words(&p.out().join(format!("{name}.pdf")))[0];
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    for s in &page.stories {
        if !matches!(&s.head.piece, PlacedPiece::Piece(Piece::Head { head }) if head.vertical) {
            continue;
        }
        let mine: Vec<&Word> = words.iter().map(|(_, w)| w).filter(|w| owns(f, s, w, 1.0)).collect();
        let foot = |big: bool| mine.iter().filter(|w| (w.y1 - w.y0 > 1.4 * f.spec.body_size) == big).map(|w| w.y1).fold(0.0, f64::max);
        assert!(foot(true) <= foot(false) + 1.0, "a vertical head ending at {:.1}, its copy at {:.1}", foot(true), foot(false));
    }
    let placed = &report.placed[0].blocks;
    let item = placed.iter().find(|b| report.edition.stories[0][b.story].display.ends_with("malasong.toml")).expect("马拉松 placed");
    assert!(!item.vertical, "the 61-character item's head is not turned: {placed:?}");
}

/// The pages of `edition` with heads side by side read back from `pdf` (碰题: `edition page N:
/// pairs`), checking that `folio check` reports each pair and no other.
fn rows_read_back(p: &TestProject, edition: &str, data: &PagesData, pdf: &std::path::Path) -> Vec<String> {
    let pages = bbox_words(pdf);
    let found = side_by_side_findings(p, edition);
    let mut rows_at = Vec::new();
    for (pi, page) in data.pages.iter().enumerate() {
        let rows = check_heads(edition, page, &pages[pi]);
        // `folio check` reports every pair read back here, and no other (a
        // `heads-side-by-side` warning at the right-hand story's headline).
        assert_eq!(found.get(&page.number).copied().unwrap_or(0), rows, "{edition} page {}: `folio check` reports the heads side by side read back", page.number);
        if rows > 0 {
            rows_at.push(format!("{edition} page {}: {rows}", page.number));
        }
    }
    rows_at
}

/// `folio check`'s `heads-side-by-side` warnings for `edition` in `p`, counted by page number;
/// each names both headlines and points at a story file's `headline`.
fn side_by_side_findings(p: &TestProject, edition: &str) -> std::collections::HashMap<u32, usize> {
    let run = p.folio(&["check", &format!("content/{edition}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let mut by_page = std::collections::HashMap::new();
    for f in v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "heads-side-by-side") {
        assert_eq!(f["severity"], "warning", "{f:#}");
        let message = f["message"].as_str().unwrap();
        assert!(message.contains("碰题") && message.matches('「').count() == 2, "{message}");
        assert!(f["file"].as_str().is_some_and(|s| s.ends_with(".toml")) && f["line"].as_u64().is_some(), "{f:#}");
        *by_page.entry(f["page"].as_u64().unwrap() as u32).or_insert(0) += 1;
    }
    by_page
}

/// The heads of one built page, read back (see
/// [`automatic_pages_read_back_have_no_clashing_or_stacked_heads`]): no staggered heads side by
/// side, none in a row of three, no 叠题; gives the rows of two heads (the caller decides how
/// many a page may have).
fn check_heads(edition: &str, page: &folio::layout::compose::PageData, words: &[(usize, Word)]) -> usize {
    let f = &page.format;
    let number = page.number;
    let words: Vec<&Word> = words.iter().map(|(_, w)| w).collect();
    // Each story's head words, top to bottom (a 跨版 story's mirror on the right page is the
    // story on the left's; its words there are its own).
    let heads: Vec<Vec<&Word>> = page
        .stories
        .iter()
        // (Half a body em of slack across: a headline opening with a quotation mark or a book
        // title mark hangs it into the gutter, which no other story's word reaches.)
        .map(|s| words.iter().copied().filter(|w| w.y1 - w.y0 > 1.4 * f.spec.body_size && owns(f, s, w, 0.5 * f.spec.body_size)).collect())
        .collect();
    let top = |h: &[&Word]| h.iter().map(|w| w.y0).fold(f64::INFINITY, f64::min);
    // Which heads are set vertically (竖题): one beside a head across is no 碰题.
    let vertical: Vec<bool> = page.stories.iter().map(|s| matches!(&s.head.piece, folio::layout::compose::PlacedPiece::Piece(folio::layout::galley::Piece::Head { head }) if head.vertical)).collect();
    let mut rows = 0;
    let mut beside_of = vec![0; heads.len()];
    for (a, ha) in heads.iter().enumerate() {
        for (b, hb) in heads.iter().enumerate().filter(|(b, _)| *b != a) {
            // Side by side: a word of a's head left of a word of b's, their lines
            // overlapping by a third of the smaller, and nothing printed between them; both
            // across or both vertical.
            let beside = vertical[a] == vertical[b] && ha.iter().any(|wa| {
                hb.iter().any(|wb| {
                    let (y0, y1) = (wa.y0.max(wb.y0), wa.y1.min(wb.y1));
                    let overlap = y1 - y0 > (wa.y1 - wa.y0).min(wb.y1 - wb.y0) / 3.0;
                    overlap && wa.x1 <= wb.x0 && !words.iter().any(|w| w.x0 >= wa.x1 - 0.5 && w.x1 <= wb.x0 + 0.5 && w.y0 < y1 && w.y1 > y0)
                })
            });
            if beside {
                let (ta, tb) = (top(ha), top(hb));
                let name = |h: &[&Word]| h.iter().map(|w| w.text.as_str()).collect::<String>();
                assert!((ta - tb).abs() < 0.5 * f.pitch_pt, "{edition} page {number}: heads {} and {} side by side, {:.1} lines apart (碰题)", name(ha), name(hb), (ta - tb).abs() / f.pitch_pt);
                eprintln!("{edition} page {number}: a row of heads: {} | {}", name(ha), name(hb));
                rows += 1;
                beside_of[a] += 1;
                beside_of[b] += 1;
            }
            // Stacked: b's head starts less than three lines under a's, across it.
            let stacked = ha.iter().any(|wa| hb.iter().any(|wb| wa.x0 < wb.x1 && wb.x0 < wa.x1 && wb.y0 > wa.y1 - 0.5 && wb.y0 - wa.y1 < 3.0 * f.pitch_pt));
            assert!(!stacked, "{edition} page {number}: story {b}'s head stands straight under story {a}'s (叠题)");
        }
    }
    assert!(beside_of.iter().all(|&k| k <= 1), "{edition} page {number}: three heads in a row (碰题): {beside_of:?}");
    rows
}

/// 长腿: `folio check` finds a single column of copy running long beside a photo on any page —
/// the broadsheet sample's page 4 made up as it once was, a 7-column photo in an 8-column story
/// leaving one column beside it — and nowhere on the samples as they are (page 4's photo now
/// runs across the story's foot) nor on the automatic sample, where the search weighs legs
/// when it sizes photos. Measured against the PDF: the leg's column of copy is there.
#[test]
fn check_finds_a_long_leg_beside_a_photo() {
    let json = |p: &TestProject, name: &str| -> serde_json::Value {
        let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
        serde_json::from_str(&run.stdout()).unwrap()
    };
    let legs = |v: &serde_json::Value| -> Vec<serde_json::Value> { v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "long-leg").cloned().collect() };
    let p = TestProject::with_edition(SAMPLE);
    assert!(legs(&json(&p, SAMPLE)).is_empty(), "the sample has no long leg");
    let seven = "column = 2\nspan = 7\nheight = 39";
    p.edit("content/jiangxi-special/stories/xinyu.toml", |t| {
        assert!(t.contains("column = 1\nspan = 8\nheight = 35"), "page 4's photo as the sample sets it");
        t.replace("column = 1\nspan = 8\nheight = 35", seven)
    });
    let v = json(&p, SAMPLE);
    let found = legs(&v);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["severity"], "warning", "{:#}", found[0]);
    assert_eq!(found[0]["file"], "content/jiangxi-special/stories/xinyu.toml");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("page 4") && message.contains("photo 1"), "{message}");
    // The leg itself, read back from the PDF: page 4's first column (left of the photo)
    // carries body lines over more than LONG_LEG_BESIDE grid lines of the photo's depth.
    let report = p.report(SAMPLE, true);
    let (data, pdf) = (&report.compiled.data, p.out().join(format!("{SAMPLE}.pdf")));
    let page = &data.pages[0];
    let f = &page.format;
    let photo = on_page(f, &page.stories[0].photos[0].rect);
    let x0 = f.bleed_pt + f.side_pt;
    let words = &bbox_words(&pdf)[0];
    let beside: Vec<&Word> = words.iter().map(|(_, w)| w).filter(|w| w.x1 <= photo.0 + 0.5 && w.x0 >= x0 - 6.0 && w.y0 >= photo.1 - 1.0 && w.y1 <= photo.3 + 1.0).collect();
    let depth = beside.iter().map(|w| w.y1).fold(0.0, f64::max) - beside.iter().map(|w| w.y0).fold(f64::INFINITY, f64::min);
    assert!(depth / f.pitch_pt > folio::layout::place::LONG_LEG_BESIDE as f64, "the leg beside the photo runs {:.1} lines", depth / f.pitch_pt);
    let t = TestProject::with_edition(AUTO);
    assert!(legs(&json(&t, AUTO)).is_empty());

    // An L whose one-column corner stands straight right of a seven-column photo: the corner's
    // column holds copy above the corner, beside the photo — a leg too (not found until
    // session 43, on an outside trial's 体育 page: 22 lines beside the lead's photo).
    p.edit("content/jiangxi-special/stories/xinyu.toml", |t| {
        let t = t.replace(seven, "column = 1\nspan = 7\nheight = 35");
        assert!(t.contains("height = 84\n"), "page 4's block as the sample sets it");
        t.replacen("height = 84\n", "height = 84\ncutout = { span = 1, height = 20 }\n", 1)
    });
    let v = json(&p, SAMPLE);
    let found = legs(&v);
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("page 4") && message.contains("photo 1"), "{message}");
    let lines: u32 = message.split("runs ").nth(1).and_then(|t| t.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!((13..=18).contains(&lines), "about the photo's 35 lines less the corner's 20 beside it: {message}");
}

/// 长腿 beside other stories: a one-page broadsheet of six stories of seed text (TEST DATA, a
/// random page of the placement trials) that the search once made up with its lead as an L
/// whose copy ran down a single column for 69 lines beside the other stories, and a one-column
/// story (with a photo) beside that. Made up so by hand, `folio check` finds both legs, and the
/// PDF shows them: the lead's text alone down the page's first column over more than
/// `LONG_LEG` lines, the next story's down the second beside it. Placed by folio, no leg: the
/// blocks `folio place --write` writes have no one-column block or L's one-column leg deeper
/// than `LONG_LEG`, and `folio check` finds none.
#[test]
fn check_finds_long_legs_beside_other_stories_and_the_search_avoids_them() {
    // (first seed paragraph, paragraphs, seed headline) of each story; the second and fourth
    // with a photo.
    const PICKS: [(usize, usize, usize); 6] = [(55, 17, 17), (12, 5, 15), (57, 6, 7), (50, 8, 15), (11, 12, 0), (56, 4, 19)];
    let photo = |k: usize, height: &str| if k == 1 || k == 3 { format!("\n[[photos]]\nfile = \"../jiangxi-special/photos/xunjing.jpg\"\ncaption = \"图片说明\"\n{height}") } else { String::new() };
    // The blocks the search chose before it weighed an L's leg.
    let by_hand = |k: usize| -> String {
        let (photo_keys, block) = match k {
            0 => ("", "column = 1\nspan = 8\ntop = 0\nheight = 84\nsqueeze = 2\ncutout = { span = 7, height = 69 }"),
            1 => ("height = 7\n", "column = 2\nspan = 1\ntop = 15\nheight = 69"),
            2 => ("", "column = 3\nspan = 3\ntop = 15\nheight = 28"),
            3 => ("height = 9\nspan = 2\n", "column = 3\nspan = 3\ntop = 43\nheight = 41"),
            4 => ("", "column = 6\nspan = 3\ntop = 15\nheight = 50\nhead = 5"),
            _ => ("", "column = 6\nspan = 3\ntop = 65\nheight = 19\nhead = 5"),
        };
        format!("{}{}\n[block]\n{block}\n", if k == 2 { "vertical = true\n" } else { "" }, photo(k, photo_keys))
    };
    let p = TestProject::sample();
    let legs = |name: &str| -> Vec<serde_json::Value> {
        let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
        assert_eq!(v["errors"], 0, "{name}: {v:#}");
        v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "long-leg").cloned().collect()
    };

    let hand = common::seed_edition(&p, "legs-hand", "broadsheet", &PICKS, by_hand);
    let found = legs("legs-hand");
    let files: Vec<&str> = found.iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["content/legs-hand/stories/s0.toml", "content/legs-hand/stories/s1.toml"], "{found:#?}");
    for f in &found {
        let message = f["message"].as_str().unwrap();
        assert!(f["severity"] == "warning" && message.contains("page 1") && message.contains("beside other stories"), "{f:#}");
    }
    // Read back: the first two columns under the lead's head area, each one story's text alone,
    // deeper than a long leg.
    let report = p.report("legs-hand", true);
    let f = &report.compiled.data.pages[0].format;
    let (ox, oy) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.top_pt + 15.0 * f.pitch_pt);
    let words = &bbox_words(&p.out().join("legs-hand.pdf"))[0];
    for (col, story) in [(0.0, "s0"), (1.0, "s1")] {
        let x0 = ox + col * (f.column_pt + f.gutter_pt);
        let down: Vec<&Word> = words.iter().map(|(_, w)| w).filter(|w| w.x0 >= x0 - 1.0 && w.x1 <= x0 + f.column_pt + 1.0 && w.y0 >= oy - 1.0).collect();
        let depth = down.iter().map(|w| w.y1).fold(0.0, f64::max) - down.iter().map(|w| w.y0).fold(f64::INFINITY, f64::min);
        assert!(depth / f.pitch_pt > place::LONG_LEG as f64, "{story}'s column runs {:.1} lines", depth / f.pitch_pt);
        let printed = han(&down.iter().map(|w| w.text.as_str()).collect::<String>());
        let copy = han(&std::fs::read_to_string(hand.join(format!("stories/{story}.toml"))).unwrap());
        assert!(printed.len() > 300 && lcs(&printed, &copy) * 100 >= printed.len() * 98, "the column is {story}'s text: {}", printed.iter().collect::<String>());
    }

    let auto = common::seed_edition(&p, "legs-auto", "broadsheet", &PICKS, |k| photo(k, ""));
    assert!(legs("legs-auto").is_empty());
    p.folio(&["place", "content/legs-auto", "--write"]).assert_code(0);
    for k in 0..PICKS.len() {
        let t: toml::Value = toml::from_str(&std::fs::read_to_string(auto.join(format!("stories/s{k}.toml"))).unwrap()).unwrap();
        let b = &t["block"];
        let int = |v: &toml::Value, key: &str| v.get(key).and_then(toml::Value::as_integer).unwrap_or(0) as u32;
        let (span, height) = (int(b, "span"), int(b, "height"));
        assert!(span > 1 || height <= place::LONG_LEG, "s{k} one column {height} lines deep: {b}");
        if let Some(c) = b.get("cutout") {
            assert!(span - int(c, "span") > 1 || int(c, "height") <= place::LONG_LEG, "s{k}'s L a column beside a corner {} lines deep: {b}", int(c, "height"));
        }
    }
}

/// A story's second photo (which the placement search does not size) of the default size
/// leaves two columns of copy beside it, or none — never one (长腿): in a four-column block it
/// takes two columns, not two thirds of four (three, with a single column running down beside
/// it); and two photos at the copy's foot stand one on the other, the first lowest. Read back
/// from the rendered page: the second photo is two columns wide, above the first, and two
/// columns of copy stand beside it; `folio check` finds no long leg.
#[test]
fn a_second_photo_stands_on_the_first_with_two_columns_of_copy_beside_it_not_one() {
    let p = TestProject::sample();
    let dir = p.edition("second");
    let seed = Seed::load();
    gradient(&dir.join("photos/first.png"), 1500, 1000, 40);
    gradient(&dir.join("photos/second.png"), 1500, 1000, 200);
    let photos = "\n[[photos]]\nfile = \"photos/first.png\"\ncaption = \"TEST DATA: the first photo\"\nspan = 4\nheight = 16\n\n[[photos]]\nfile = \"photos/second.png\"\ncaption = \"TEST DATA: the second photo\"\n";
    page_edition(&p, "second", "tabloid", &[
        ("a", story_toml(&seed.heads[0], &seed.paras_from(0, 9)) + photos + "\n[block]\ncolumn = 1\nspan = 4\ntop = 0\nheight = 64\n"),
        ("b", story_toml(&seed.heads[1], &seed.paras_from(20, 6)) + "\n[block]\ncolumn = 5\nspan = 2\ntop = 0\nheight = 64\n"),
    ]);
    p.folio(&["build", "content/second", "--out", "out"]).assert_code(0);
    let pdf = p.out().join("second.pdf");
    let dpi = 100.0;
    let img = render(&pdf, 1, dpi as u32);
    let (x0, y0, x1, y1) = photo_box(&img, 200);
    let pt = |px: u32| f64::from(px) * 72.0 / dpi;
    let (first_x0, first_y0, first_x1, _) = photo_box(&img, 40);
    // Both at the copy's foot: the second stands on the first, not over it (until session 26
    // both stood at the foot, one printed over the other, captions too, with exit 0).
    assert!(y1 < first_y0, "the second photo (rows {y0}–{y1} px) over the first (from {first_y0} px)");
    let block_w = pt(first_x1 - first_x0);
    let w = pt(x1 - x0);
    // Four tabloid columns are 430 pt (10 characters of 10 pt, gutters of one); two are 210.
    assert!((w - (block_w - 10.0) / 2.0).abs() < 4.0, "the second photo is {w:.0} pt wide in a block {block_w:.0} pt wide");
    // Beside it, inside the block: body words in two columns over the photo's depth.
    let words = &bbox_words(&pdf)[0];
    let right = pt(first_x1);
    let pitch = (block_w + 10.0) / 4.0;
    let mut columns: Vec<i64> = words
        .iter()
        .filter(|(_, wd)| wd.x0 >= pt(x1) && wd.x1 <= right + 1.0 && wd.y0 >= pt(y0) && wd.y1 <= pt(y1) && (wd.y1 - wd.y0) < 12.0)
        .map(|(_, wd)| ((wd.x0 - pt(first_x0) + 5.0) / pitch).floor() as i64)
        .collect();
    columns.sort();
    columns.dedup();
    assert_eq!(columns, vec![2, 3], "the block's columns holding copy beside the second photo (0-based)");
    let run = p.folio(&["check", "content/second", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert!(v["findings"].as_array().unwrap().iter().all(|f| f["code"] != "long-leg"), "{}", run.stdout());
}

/// The lead across the page (通栏) where the copy fills a page so: on a tabloid page of five
/// stories of seed text, the search held to its first layout's lead width set the lead three
/// columns wide beside a vertical head (its head a size under the page's largest, another
/// story across the page under it, with the same headline as the lead's); the lead across the
/// page with the others' heads a size under its costs less. Read back from the PDF: the page's
/// largest type is the lead's headline, one line, centred over the type area and above every
/// other head. (Held to the lead's first width, the largest type is the other story's.)
#[test]
fn the_lead_runs_across_the_page_where_the_copy_fills_it_so() {
    let p = TestProject::sample();
    let dir = p.edition("across");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    let seed = Seed::load();
    let picks = [(47, 19, 4), (4, 3, 4), (17, 19, 6), (63, 0, 3), (62, 15, 3)];
    write_random_page(&seed, &dir, 2379.3, &picks);
    p.folio(&["build", "content/across", "--out", "out"]).assert_code(0);
    let page = &typeset::chars(&p.out().join("across.pdf"))[0];
    let body: Vec<&typeset::Char> = page.iter().filter(|c| (c.size - 10.0).abs() < 0.6 && typeset::is_han(c.c)).collect();
    let (left, right) = (body.iter().map(|c| c.x0).fold(f64::INFINITY, f64::min), body.iter().map(|c| c.x1).fold(0.0, f64::max));
    let largest = page.iter().map(|c| c.size).fold(0.0, f64::max);
    let mut head: Vec<&typeset::Char> = page.iter().filter(|c| (c.size - largest).abs() < 0.1 && !c.c.is_whitespace()).collect();
    head.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let text: String = head.iter().map(|c| c.c).collect();
    assert_eq!(text, seed.heads[picks[0].1 % seed.heads.len()], "the page's largest type is the lead's headline");
    assert!(head.iter().all(|c| (c.y - head[0].y).abs() < 0.5), "on one line");
    let centre = (head[0].x0 + head.last().unwrap().x1) / 2.0;
    assert!((centre - (left + right) / 2.0).abs() < 6.0, "centred over the type area: {centre:.1} against {:.1}–{right:.1}", left);
    let others = page.iter().filter(|c| c.size >= 14.0 && c.size < largest - 0.1 && typeset::is_han(c.c));
    assert!(others.clone().count() > 0 && others.clone().all(|c| c.y > head[0].y), "every other head under the lead's");
}

/// A later photo at the copy's foot whose columns would keep too few lines over it to hold
/// copy rises to the copy's top (a line or two taller, cropped to its box) instead of leaving
/// them white; and a column rule stands beside copy, never alone in white. A four-column
/// story made as `folio place` placed it on an outside page of news copy (its text written
/// for this test): its first photo across the foot, 30 lines; its second, a portrait sized by
/// folio's rule, stands on it in the first two columns. Until session 28 the portrait stood
/// two lines under the copy's top, the line over it white with a rule one line long in its
/// gutter. With the editor's `height` the portrait keeps its place (it does not rise), and
/// still no rule stands in the white over it.
#[test]
fn a_later_photo_rises_to_the_copy_top_and_no_rule_stands_alone_in_white() {
    let p = TestProject::sample();
    let dir = p.edition("rules");
    gradient(&dir.join("photos/wide.png"), 2000, 1500, 0);
    gradient(&dir.join("photos/tall.png"), 1800, 2400, 128);
    // TEST DATA: news copy written for this test (not the seed), the shape of a feature with
    // two subheads and two photos.
    let story = r#"kicker = "长江大保护"
headline = "十年禁渔见成效\n江豚“微笑”回来了"
deck = "监测显示长江江豚种群数量恢复至1249头"
byline = "本报记者 王海涛 通讯员 李明"
body = """
本报讯 “快看，江豚！”3月15日清晨，在长江九江段，巡护员老周指着江面兴奋地喊道。只见几头江豚跃出水面，在阳光下划出优美的弧线。

2021年1月1日起，长江流域重点水域开始实行十年禁渔。三年多来，全市累计清理取缔违规网具1.2万余张，退捕渔民全部实现转产就业。
"""

[[sections]]
head = "渔民上岸"
body = """
退捕渔民张大勇以前以打鱼为生，上岸后成为一名护渔员。“以前是靠江吃江，现在是护江爱江。”他说，每天巡江20多公里，看到江里的鱼越来越多，心里很踏实。

据统计，全市共有1860名退捕渔民，其中870人转为护渔员、保洁员等公益岗位，其余通过务工、创业等方式实现就业。
"""

[[sections]]
head = "生态向好"
body = """
农业农村部发布的监测结果显示，长江江豚种群数量为1249头，较2017年增加237头，实现历史性止跌回升。长江干流和鄱阳湖的鱼类资源明显恢复，刀鲚等珍稀物种重现江面。

“江豚是长江生态的‘晴雨表’，江豚数量增加说明长江生态环境在持续改善。”中国科学院水生生物研究所研究员王丁表示。
"""

[[photos]]
file = "photos/wide.png"
caption = "长江江豚在九江段江面嬉戏"
credit = "本报记者 刘洋"
span = 4
height = 30

[[photos]]
file = "photos/tall.png"
caption = "护渔员在江边巡查"
credit = "通讯员 李明"

[block]
column = 1
span = 4
top = 0
height = 64
"#;
    page_edition(&p, "rules", "tabloid", &[("river", story.to_string())]);
    let report = p.report("rules", false);
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    let s = &page.stories[0];
    let tall = s.photos.iter().find(|ph| ph.rect.w < s.block.w / 2.0 + 1.0).expect("the portrait in two columns");
    let copy_top = s.items.iter().map(|it| it.rect.y).fold(f64::INFINITY, f64::min);
    assert!((tall.rect.y - copy_top).abs() < 0.5, "the portrait rises to the copy's top: {:?} vs {copy_top:.1}", tall.rect);
    // 22 lines, two more than its picture's proportions give.
    assert_eq!(((tall.rect.h + f.pitch_pt - f.spec.body_size) / f.pitch_pt).round(), 22.0, "{:?}", tall.rect);

    // The editor's height: it stays at the foot, two lines under the copy's top.
    std::fs::write(dir.join("stories/river.toml"), story.replace("credit = \"通讯员 李明\"", "credit = \"通讯员 李明\"\nheight = 20")).unwrap();
    let report = p.report("rules", false);
    let page = &report.compiled.data.pages[0];
    let s = &page.stories[0];
    let drawn = vertical_lines(&report.compiled.document);
    let tall = s.photos.iter().find(|ph| ph.rect.w < s.block.w / 2.0 + 1.0).expect("the portrait in two columns");
    assert!(tall.rect.y > copy_top + f.pitch_pt - 0.5, "with its height the portrait stands under the copy's top: {:?} vs {copy_top:.1}", tall.rect);
    let in_block = |x: f64| x > s.block.x + f.side_pt && x < s.block.x + s.block.w + f.side_pt;
    let mut rules = 0;
    for &(x, y0, y1) in drawn[0].iter().filter(|&&(x, _, _)| in_block(x)) {
        rules += 1;
        let beside = s.items.iter().any(|it| {
            let (ix, iy) = (it.rect.x + f.side_pt, it.rect.y + f.top_pt);
            let near = (ix + it.rect.w - x).abs() < f.gutter_pt || (ix - x).abs() < f.gutter_pt;
            near && iy < y1 && y0 < iy + it.rect.h
        });
        assert!(beside, "a column rule at x {x:.1}, {y0:.1}–{y1:.1} pt has no copy beside it (the portrait's top at {:.1})", tall.rect.y + f.top_pt);
    }
    assert!(rules >= 2, "the story's columns are ruled: {rules} rules");
}

/// The search does not make a photo larger than folio's default size for its block past the
/// resolution the edition asks for (`[preflight] warn_ppi`, 200 by default): until session 36 a
/// broadsheet page far short of copy set its lead's 3000 × 1500 picture across all eight columns
/// and a line taller, 188 ppi, a `photo-low-ppi` warning of folio's own making. On a tabloid page
/// of seed text short of its space, with a 1200 × 800 picture in the lead (201 ppi at its
/// default size), read back from the PDF (poppler's `pdfimages -list`): with `warn_ppi = 200`
/// the photo prints at 200 ppi or more and `folio check` has no `photo-low-ppi`; with
/// `warn_ppi = 150` the same page sets the picture larger, below 200 ppi (what the guard holds
/// back). (Until session 51 on `tests/fixtures/news-page`, whose portrait picture, set narrower
/// since, no longer leaves the page short enough to tempt the search.)
#[test]
fn the_search_does_not_enlarge_a_photo_past_its_resolution() {
    let name = "ppi";
    let p = seed_page_with_photo(name, 1800.0, &[(463, 635, 9), (883, 132, 4), (98, 21, 6)], 0, "");
    let ppis = |p: &TestProject, warn: u32| -> Vec<f64> {
        p.edit(&format!("content/{name}/edition.toml"), |t| t.lines().map(|l| if l.starts_with("warn_ppi") { format!("warn_ppi = {warn}") } else { l.to_string() }).collect::<Vec<_>>().join("\n") + "\n");
        p.folio(&["build", &format!("content/{name}")]).assert_code(0);
        let list = poppler("pdfimages", &["-list", p.out().join(format!("{name}.pdf")).to_str().unwrap()]);
        list.lines().skip(2).map(|l| l.split_whitespace().nth(12).unwrap().parse::<f64>().unwrap()).collect()
    };
    let got = ppis(&p, 200);
    assert_eq!(got.len(), 1, "one photo: {got:?}");
    assert!(got.iter().all(|&x| x >= 200.0), "the photo at 200 ppi or more: {got:?}");
    let run = p.folio(&["check", &format!("content/{name}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert!(!v["findings"].as_array().unwrap().iter().any(|f| f["code"] == "photo-low-ppi"), "{v:#}");

    let freer = ppis(&p, 150);
    assert!(freer.iter().any(|&x| (150.0..200.0).contains(&x)), "with warn_ppi 150 the lead's picture is set larger: {freer:?}");
}

/// A column of briefs (简讯, a story's `briefs = true`: each `[[sections]]` entry a brief, TEST
/// DATA written for this test) placed by folio beside a story of seed text: read back from the
/// PDF, each brief's title is set in the bold sans at the body's size after a ■ flush with its
/// column's left edge (its lines hung an em in), and the brief's first line stands one grid pitch under the title's last (no band,
/// no white line between); every brief's text is printed. Until session 40 a desk could set
/// briefs only as stories of their own, each under a head of 18–42 pt (rows of heads side by
/// side), or as sections under black bands.
#[test]
fn a_column_of_briefs_sets_each_title_in_bold_on_the_grid_over_its_text() {
    let p = TestProject::sample();
    let seed = Seed::load();
    let briefs = [
        ("市一医院开设“银发门诊”", "为方便老年患者就医，市第一人民医院日前开设“银发门诊”，为65岁以上老人提供挂号、就诊、取药“一站式”服务，并配备专职导诊员全程陪同。"),
        ("城南湿地公园正式开园", "11月16日，占地约2800亩的城南湿地公园正式向市民开放。公园内建有步道18公里、观鸟屋6处，栽植乡土树种3.2万株。"),
        ("市图书馆延长开放时间", "自11月20日起，市图书馆总馆自习区开放时间延长至22时，周末及法定节假日照常开放。今年以来，市图书馆接待读者186.5万人次。"),
        ("冬季交通安全整治行动启动", "11月15日起，市公安局交警支队在全市开展为期100天的冬季道路交通安全整治行动，重点查处酒驾醉驾、超速超载等违法行为。"),
        ("12所新建学校明年秋季招生", "记者从市教育局获悉，今年全市新建、改扩建的12所中小学校将于明年秋季学期投入使用，可新增学位1.56万个。"),
        ("本周后期将有明显降温", "市气象台预计，受较强冷空气影响，本周五至周日我市将出现明显降温，过程降温幅度8～10℃，最低气温将降至-2℃左右。"),
        // Review 49's titles, which wrapped leaving two characters on a line (a credit written
        // into a brief's copy may still break between a role and its name: see README).
        ("全市启动“520”献血日活动", "市中心血站将于5月20日前在主城区设置12个临时献血点，献血者可获赠景区门票。（记者 许可 通讯员 蒋琳）"),
        ("首批12个“共享书屋”开放", "首批12个社区“共享书屋”日前开放，每个书屋藏书不少于3000册。（记者 秦川）"),
    ];
    let sections: String = briefs.iter().map(|(h, b)| format!("\n[[sections]]\nhead = \"{}\"\nbody = \"\"\"\n{b}\n\"\"\"\n", h.replace('"', "\\\""))).collect();
    page_edition(&p, "briefs", "tabloid", &[
        ("lead", story_toml(&seed.heads[0], &seed.paras_from(0, 30))),
        ("jianxun", format!("# TEST DATA: briefs written for this test\nheadline = \"简讯\"\nbriefs = true\n{sections}")),
    ]);
    let report = p.report("briefs", true);
    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    let pdf = p.out().join("briefs.pdf");
    let b = &page.stories[1].block;
    let (x0, y0) = (f.bleed_pt + f.side_pt + b.x, f.bleed_pt + f.top_pt + b.y);
    let body_size = f.spec.body_size;
    // (An opening quote at a line's start has the blank half of its em outside the column: its
    // mark stands at the edge, as clreq sets it.)
    let inside = |c: &typeset::Char| c.x0 >= x0 - 0.5 * body_size - 0.5 && c.x0 < x0 + b.w && c.y >= y0 && c.y <= y0 + b.h;
    let chars: Vec<typeset::Char> = typeset::chars(&pdf).concat().into_iter().filter(|c| !c.c.is_whitespace() && inside(c)).collect();
    let hung = |c: &typeset::Char| if "“‘（《「".contains(c.c) { 0.5 * c.size } else { 0.0 };
    let bold = |c: &typeset::Char| c.font.contains("Sans") && c.font.contains("Bold") && (c.size - body_size).abs() < 0.1;
    let titles: String = chars.iter().filter(|c| bold(c)).map(|c| c.c).collect();
    let lefts: Vec<f64> = (0..f.columns).map(|k| f.bleed_pt + f.side_pt + f64::from(k) * (f.column_pt + f.gutter_pt)).collect();
    for (title, _) in briefs {
        assert!(titles.contains(title), "「{title}」 in the bold sans at the body's size: {titles}");
    }
    // Each title opens with the house's mark ■ at its column's left edge (outside review 50:
    // with none, one brief's text ran on into the next title), its lines hung after it.
    assert_eq!(titles.matches('■').count(), briefs.len(), "a ■ before each title: {titles}");
    for (k, c) in chars.iter().enumerate().filter(|(_, c)| bold(c)) {
        // A title's mark flush with its column's left edge, its first character an em in, as
        // is each line it wraps to.
        let line_start = k == 0 || !bold(&chars[k - 1]) || (chars[k - 1].y - c.y).abs() > 1.0;
        if line_start {
            let from = |c: &typeset::Char| lefts.iter().map(|l| c.x0 + hung(c) - l).fold(f64::MAX, |a, d| if d.abs() < a.abs() { d } else { a });
            if c.c == '■' {
                assert!(from(c).abs() < 0.5, "a title's mark {:.1} pt from a column's edge", from(c));
                assert!((from(&chars[k + 1]) - body_size).abs() < 0.5, "a title's first character {:.1} pt in: {}", from(&chars[k + 1]), chars[k + 1].c);
            } else {
                assert!((from(c) - body_size).abs() < 0.5, "a title's line hangs {:.1} pt in, not an em: {}", from(c), c.c);
            }
        }
        // A title's last line: the brief's first line a pitch under it (or at the next
        // column's top).
        if let Some(next) = chars.get(k + 1).filter(|n| !bold(n)) {
            if next.y > c.y + 1.0 && (next.x0 - c.x0).abs() < f.column_pt {
                assert!(((next.y - c.y) - f.pitch_pt).abs() < 0.5, "the brief under 「{}」 starts {:.1} pt under it, the pitch {:.1}", c.c, next.y - c.y, f.pitch_pt);
            }
        }
    }
    // A title that wraps does so on lines as even as they can be, between words: none of a
    // title's lines is two characters or fewer (review 49: 「全市启动“520”献血日 / 活动」).
    let mut lines: Vec<Vec<&typeset::Char>> = Vec::new();
    for (k, c) in chars.iter().enumerate().filter(|(_, c)| bold(c) && c.c != '■') {
        match lines.last_mut() {
            Some(l) if k > 0 && bold(&chars[k - 1]) && chars[k - 1].c != '■' && (chars[k - 1].y - c.y).abs() < 1.0 => l.push(c),
            _ => lines.push(vec![c]),
        }
    }
    for l in &lines {
        assert!(l.len() > 2, "a title's line of {} characters: 「{}」 (titles: {titles})", l.len(), l.iter().map(|c| c.c).collect::<String>());
    }
    // A short column of the briefs is located at the brief that ends it, not at the column's
    // headline 「简讯」 (review 49).
    let run = p.folio(&["check", "content/briefs", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let shorts: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "short-column" && f["file"].as_str().is_some_and(|s| s.ends_with("jianxun.toml"))).collect();
    assert!(!shorts.is_empty(), "the column of briefs ends short here");
    let source = std::fs::read_to_string(p.root().join("content/briefs/stories/jianxun.toml")).unwrap();
    for f in &shorts {
        let line = source.lines().nth(f["line"].as_u64().unwrap() as usize - 1).unwrap();
        assert!(briefs.iter().any(|(_, b)| *b == line), "located at 「{line}」, not a brief's text: {f:#}");
    }
    // Every brief's text printed.
    let text: String = chars.iter().map(|c| c.c).collect();
    for (_, b) in briefs {
        let han: String = b.chars().filter(|c| folio::input::punctuation::is_han(*c)).take(8).collect();
        assert!(text.chars().filter(|c| folio::input::punctuation::is_han(*c)).collect::<String>().contains(&han), "{han}");
    }
}

/// The stories of a PDF's first page read back as strips (`place::W_STRIP`): each story's body
/// lines found by their text (`copies`, whitespace left out), and of those, the stories other
/// than the first (the lead) whose lines span more than half the page's columns and stand
/// `place::STRIP_ASPECT` times wider than deep or more. Gives the strips' indices.
fn strips_read_back(pdf: &std::path::Path, body: &typeset::Body, copies: &[String]) -> Vec<usize> {
    let lines = &typeset::body_lines(pdf, body.size)[0];
    let (left, right) = lines.iter().fold((f64::MAX, f64::MIN), |(l, r), x| (l.min(x.x0()), r.max(x.x1())));
    let han = |s: &str| -> String { s.chars().filter(|&c| typeset::is_han(c)).collect() };
    let mut strips = Vec::new();
    for (k, copy) in copies.iter().enumerate().skip(1) {
        let copy = han(copy);
        let mine: Vec<_> = lines.iter().filter(|l| han(&l.text()).chars().count() >= 5 && copy.contains(&han(&l.text()))).collect();
        assert!(!mine.is_empty(), "story {k}'s copy is on the page");
        let (x0, x1) = mine.iter().fold((f64::MAX, f64::MIN), |(a, b), l| (a.min(l.x0()), b.max(l.x1())));
        let (y0, y1) = mine.iter().fold((f64::MAX, f64::MIN), |(a, b), l| (a.min(l.y()), b.max(l.y())));
        let (width, depth) = (x1 - x0, y1 - y0 + body.pitch);
        if 2.0 * width > right - left && width >= place::STRIP_ASPECT * depth {
            strips.push(k);
        }
    }
    strips
}

/// A page whose copy is short of it and places only as a ladder (阶梯): seven stories of some
/// 500 characters of seed text on a broadsheet page, each across the page under a 30 pt head
/// deepened to take up the lines. `folio place` says so — the ladder among the flaws, read
/// back from the PDF as that many stories stacked across the page a few lines deep — and what
/// to add; followed (seed text added to those stories), the page places with no ladder, at
/// most one strip read back (a row of heads may be left, which a ladder is worse than).
#[test]
fn a_ladder_of_stories_across_a_short_page_is_named_and_the_advice_takes_it_away() {
    let name = "ladder";
    let p = TestProject::sample();
    let seed = Seed::load();
    // Seven stories, each some 500 characters of seed text ending at a full stop.
    let copies = seed.copies(7, 850, 500);
    let dir = copies_edition(&p, name, "broadsheet", &seed, &copies);
    let said = p.folio(&["place", &format!("content/{name}")]);
    assert_eq!(said.code(), 0, "{}", said.stderr());
    let said = said.stderr();
    let advice = said.lines().find(|l| l.contains("page 1 places, but with") && l.contains("(阶梯)")).unwrap_or_else(|| panic!("the ladder named: {said}"));
    let named: usize = advice.split("a ladder of ").nth(1).and_then(|t| t.split(' ').next()).and_then(|n| n.parse().ok()).unwrap();
    assert!(advice.split(" and it places ").nth(1).is_some_and(|after| !after.contains("阶梯")), "{advice}");
    let pdf = p.out().join(format!("{name}.pdf"));
    p.report(name, true);
    let strips = strips_read_back(&pdf, &typeset::BROADSHEET, &copies);
    assert!(strips.len() >= 2 && strips.len() == named, "{named} strips named, {strips:?} read back");
    // Followed: as many characters of seed text (from its start) added to each story named.
    let mut copies = copies;
    add_as_asked(&dir, &seed, advice, &mut copies);
    let said = p.folio(&["place", &format!("content/{name}")]).stderr();
    assert!(!said.contains("阶梯"), "followed, no ladder: {said}");
    p.report(name, true);
    assert!(strips_read_back(&pdf, &typeset::BROADSHEET, &copies).len() <= 1, "no ladder read back");
}

/// A one-page edition `name` (`format`) of stories `s0`, `s1`, … of `copies`, each under a
/// seed headline (TEST DATA). Gives the edition's folder.
fn copies_edition(p: &TestProject, name: &str, format: &str, seed: &Seed, copies: &[String]) -> std::path::PathBuf {
    let stems: Vec<String> = (0..copies.len()).map(|k| format!("s{k}")).collect();
    let stories: Vec<(&str, String)> = copies.iter().enumerate().map(|(k, c)| (stems[k].as_str(), story_toml(&seed.heads[k], &[c.clone()]))).collect();
    page_edition(p, name, format, &stories)
}

/// Follow what `said` asks to add ("about N characters to sK", every one of them): N
/// characters of seed text (from its start, ending at a full stop) added to the end of story
/// `sK` in `dir`, and to `copies[K]`.
fn add_as_asked(dir: &std::path::Path, seed: &Seed, said: &str, copies: &mut [String]) {
    let adds: Vec<(usize, usize)> = said
        .split("about ")
        .skip(1)
        .filter_map(|t| {
            let (n, rest) = t.split_once(" characters to s")?;
            Some((rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()?, n.parse().ok()?))
        })
        .collect();
    assert!(!adds.is_empty(), "something to add: {said}");
    let text = seed.text();
    for (k, chars) in adds {
        let more: String = text[..chars - 1].iter().chain(['。'].iter()).collect();
        add_to_end(&dir.join(format!("stories/s{k}.toml")), &more);
        copies[k] = format!("{}{more}", copies[k]);
    }
}

/// What a page short of copy is told to add is what a page of its stories set as a 美编 sets
/// them lacks — no strips across it, every head at its copy's size — not what a ladder of
/// large heads lacks: four stories of some 300 characters of seed text on a tabloid page were
/// "830 characters short" (the nearest layout the stories stacked across the page under 30 pt
/// heads), and so lengthened placed as that ladder, told to add some 1 000 more. Followed once,
/// the additions now place the page with none of the flaws a short page is told about.
#[test]
fn a_short_page_is_told_what_a_page_without_a_ladder_lacks() {
    let name = "short";
    let p = TestProject::sample();
    let seed = Seed::load();
    let mut copies = seed.copies(4, 850, 300);
    let dir = copies_edition(&p, name, "tabloid", &seed, &copies);
    let run = p.folio(&["place", &format!("content/{name}")]);
    assert_ne!(run.code(), 0, "short of its page: {}", run.stderr());
    let said = run.stderr();
    assert!(said.contains("characters short of its space"), "{said}");
    let hint = said.lines().find(|l| l.contains("hint: add about")).unwrap_or_else(|| panic!("{said}"));
    add_as_asked(&dir, &seed, hint, &mut copies);
    let run = p.folio(&["place", &format!("content/{name}")]);
    assert_eq!(run.code(), 0, "followed, the page places: {hint}\n{}", run.stderr());
    let said = run.stderr();
    assert!(!said.contains("阶梯") && !said.contains("larger than their"), "followed, no ladder and no head larger than its copy's: {said}");
    p.report(name, true);
    assert!(strips_read_back(&p.out().join(format!("{name}.pdf")), &typeset::TABLOID, &copies).len() <= 2, "no ladder read back");
}

/// A head folio sets vertically (竖题) prints smaller than the page's lead's: a 竖题 prints a
/// size over its block's, and the search held the block's under the lead's, not the head as
/// printed (review 48: on its front page, `tests/fixtures/vertical-rank`, TEST DATA, the second
/// story's 竖题 加油站改建为｜综合能源站 printed at 26 pt beside the lead's 22 pt head). Read back
/// from the PDF's glyph sizes.
#[test]
fn a_vertical_head_prints_smaller_than_the_leads() {
    let p = TestProject::sample();
    let dir = p.edition("vrank");
    copy_dir(&repo().join("tests/fixtures/vertical-rank"), &dir);
    gradient(&dir.join("photos/gdp.jpg"), 2400, 1600, 0);
    gradient(&dir.join("photos/energy.jpg"), 2400, 1600, 128);
    p.folio(&["build", "content/vrank", "--out", "out"]).assert_code(0);
    let page = common::typeset::chars(&p.out().join("vrank.pdf")).into_iter().next().expect("a page");
    let size_of = |text: &str| page.iter().filter(|c| text.contains(c.c) && c.size > 12.5).map(|c| c.size).fold(0.0, f64::max);
    let (lead, second) = (size_of("前三季度地区生产总值同比增长"), size_of("加油站改建为综合能源站"));
    assert!(lead > 0.0 && second > 0.0, "both heads read: {lead} and {second}");
    assert!(second < lead - 0.5, "the second story's head at {second:.1} pt, the lead's at {lead:.1} pt");
}

/// `folio check` says when a story's head prints as large as the lead's (head size by rank),
/// hand-placed or not (review 48: the search kept it so, but a block by hand could set any
/// size and nothing said). On review 48's front page (`tests/fixtures/vertical-rank`, TEST
/// DATA) as folio places it, no head is as large as the lead's; written, then the lead's block
/// given the 18 pt of the two 3-column stories under the 竖题, the finding names each of them,
/// and the 竖题 that prints at 18 pt, at its `head_size` line with both sizes as printed (read back from the PDF too), in English
/// and in Chinese.
#[test]
fn check_finds_a_head_as_large_as_the_leads() {
    let p = TestProject::sample();
    let dir = p.edition("hrank");
    copy_dir(&repo().join("tests/fixtures/vertical-rank"), &dir);
    gradient(&dir.join("photos/gdp.jpg"), 2400, 1600, 0);
    gradient(&dir.join("photos/energy.jpg"), 2400, 1600, 128);
    let json = |p: &TestProject| -> serde_json::Value { serde_json::from_str(&p.folio(&["check", "content/hrank", "--format", "json"]).stdout()).unwrap() };
    let ranked = |v: &serde_json::Value| v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "head-rank").cloned().collect::<Vec<_>>();
    assert!(ranked(&json(&p)).is_empty(), "no head-rank finding on the placed page");
    // `folio place` prints the size the 竖题 prints at beside its block's (review 49: "place
    // says 15, the page prints 18").
    let placed = p.folio(&["place", "content/hrank"]).stdout();
    let energy = placed.lines().find(|l| l.contains("energy.toml")).unwrap_or_else(|| panic!("{placed}"));
    assert!(energy.contains("vertical = true, head_size = 15 (set vertically, the head prints a size larger: 18 pt)"), "{energy}");
    p.folio(&["place", "content/hrank", "--write"]).assert_code(0);
    let story = |name: &str| format!("content/hrank/stories/{name}.toml");
    for name in ["metro", "library"] {
        assert!(std::fs::read_to_string(p.root().join(story(name))).unwrap().contains("head_size = 18"), "{name} is set at 18 pt under the lead's 22");
    }
    p.edit(&story("gdp"), |t| {
        assert!(!t.contains("head_size"), "{t}");
        t.replacen("head = 7", "head = 7\nhead_size = 18", 1)
    });
    // The 竖题 (15 pt under a cap, printed a size over: 18 pt) too.
    let found = ranked(&json(&p));
    assert_eq!(found.len(), 3, "{found:?}");
    for (f, (name, size)) in found.iter().zip([("energy", 15), ("metro", 18), ("library", 18)]) {
        assert_eq!(f["story"].as_str(), Some(story(name).as_str()));
        assert_eq!(f["file"].as_str(), Some(story(name).as_str()));
        assert_eq!(f["line"], line_of(&p, &story(name), &format!("head_size = {size}")));
    }
    // Read back from the PDF, the lead's head and the third story's print at 18 pt.
    p.folio(&["build", "content/hrank", "--out", "out"]).assert_code(0);
    let page = common::typeset::chars(&p.out().join("hrank.pdf")).into_iter().next().expect("a page");
    let headline = |name: &str| toml::from_str::<toml::Table>(&std::fs::read_to_string(p.root().join(story(name))).unwrap()).unwrap()["headline"].as_str().unwrap().replace('\n', "");
    // Characters at head sizes, not the masthead's (江城日报 shares 日 with the third's head).
    let size_of = |text: &str| page.iter().filter(|c| text.contains(c.c) && c.size > 12.5 && c.size < 40.0).map(|c| c.size).fold(0.0, f64::max);
    let (lead, metro) = (size_of(&headline("gdp")), size_of(&headline("metro")));
    assert!((lead - 18.0).abs() < 0.3 && (metro - 18.0).abs() < 0.3, "the lead's head at {lead:.1} pt, the third's at {metro:.1}");
    let check = p.folio(&["check", "content/hrank"]);
    check.assert_code(0);
    let said = check.stdout() + &check.stderr();
    assert!(said.contains("head no smaller than the lead's on page 1") && said.contains("prints at 18.0 pt") && said.contains("smaller `head_size`"), "{said}");
    let zh = p.folio_in_locale(&["check", "content/hrank"], &[("LANG", "zh_CN.UTF-8")]);
    assert!((zh.stdout() + &zh.stderr()).contains("标题不小于头条标题"), "{}", zh.stdout());
}

/// Review 49's front page (`tests/fixtures/landscape-front`, TEST DATA) as edition `landscape`,
/// its three pictures gradients of their own blue (0, 100, 200), built: the project and the
/// edition's directory.
fn landscape_front() -> (TestProject, std::path::PathBuf) {
    let p = TestProject::sample();
    let dir = p.edition("landscape");
    copy_dir(&repo().join("tests/fixtures/landscape-front"), &dir);
    for (name, (w, h), blue) in [("chazhan", (2400, 1800), 0), ("daqiao", (2700, 1800), 100), ("xiqu", (2400, 1600), 200)] {
        gradient(&dir.join(format!("photos/{name}.png")), w, h, blue);
    }
    p.folio(&["build", "content/landscape", "--out", "out"]).assert_code(0);
    (p, dir)
}

/// A landscape picture stays landscape however the search crops it to fill its block (review
/// 49: on its front page, `tests/fixtures/landscape-front`, TEST DATA, folio set 充电桩's 4:3
/// picture 350 × 394 pt, a third of its width cut away): every picture on the placed page, read
/// back from the rendered PDF, is at least as wide as it is deep.
#[test]
fn a_landscape_picture_is_never_set_portrait() {
    let (p, _) = landscape_front();
    let img = render(&p.out().join("landscape.pdf"), 1, 50);
    for blue in [0, 100, 200] {
        let (x0, y0, x1, y1) = photo_box(&img, blue);
        let (w, h) = (x1 + 1 - x0, y1 + 1 - y0);
        assert!(w + 1 >= h, "the picture of blue {blue} is {w} × {h} px: portrait");
    }
}

/// A story whose copy opens under its picture, below its own copy at the top of a column to the
/// right, is a `reading-order` warning (review 49: "a reader under a 42 pt head starts
/// mid-sentence"): on review 49's front page (`tests/fixtures/landscape-front`, TEST DATA) the
/// search sets the lead as an L with its picture at the left under the head (the picture at the
/// right leaves the columns over the corner without copy: an open defect). Read back from the
/// PDF, the lead's opening words stand under the picture, more than ten lines below words of
/// its copy in a column to the right; `folio check` says so at the lead's `headline`, in English
/// and Chinese, and on no other story of the page.
#[test]
fn a_story_opening_under_its_picture_below_its_own_copy_is_told() {
    let (p, dir) = landscape_front();
    let words: Vec<Word> = bbox_words(&p.out().join("landscape.pdf")).remove(0).into_iter().map(|(_, w)| w).collect();
    let source = std::fs::read_to_string(dir.join("stories/daqiao.toml")).unwrap();
    let body: String = source.split("body = \"\"\"").nth(1).unwrap().chars().filter(|c| !c.is_whitespace()).collect();
    // The opening's second line (its first starts 本报讯 4月18日, as another story's does):
    // 「10时18分，…」.
    let second: String = body.chars().skip(5).take(5).collect();
    let open = words.iter().find(|w| w.text.starts_with(&second)).unwrap_or_else(|| panic!("the opening's 「{second}」 printed"));
    let pitch = 16.5;
    let higher: Vec<&Word> = words.iter().filter(|w| w.text.chars().count() >= 6 && body.contains(&w.text) && w.x0 > open.x1 && w.y0 < open.y0 - 10.0 * pitch).collect();
    assert!(!higher.is_empty(), "copy of the lead above its opening in a column to the right");
    let run = p.folio(&["check", "content/landscape", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let found: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "reading-order").collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = found[0];
    assert_eq!(f["file"], "content/landscape/stories/daqiao.toml");
    assert_eq!(f["line"].as_u64().unwrap() as usize, line_of(&p, "content/landscape/stories/daqiao.toml", "headline = "));
    assert!(f["message"].as_str().unwrap().contains("「临江长江公铁大桥主塔成功封顶」 opens") && f["severity"] == "warning", "{f:#}");
    let zh = p.folio_in_locale(&["check", "content/landscape"], &[("LANG", "zh_CN.UTF-8")]);
    assert!((zh.stdout() + &zh.stderr()).contains("阅读顺序颠倒"), "{}", zh.stdout());
}

/// Two stories' pictures side by side, only a gutter between (碰图; review 49: the lead's and the
/// 马拉松 story's, corner to corner): on a tabloid page of two stories of seed text (TEST DATA)
/// made up by hand in columns 1–3 and 4–6, each with its picture under its head, `folio check`
/// warns once, at the right-hand story's photo `file`, in English and Chinese, and marks both
/// pictures on the proof; with the second picture at its copy's foot, the pair is gone.
#[test]
fn pictures_side_by_side_are_told() {
    let p = TestProject::sample();
    let seed = Seed::load();
    let story = |k: usize, column: u32, row: &str| {
        story_toml(&seed.heads[k], &seed.paras_from(10 * k, 12))
            + &format!("\n[block]\ncolumn = {column}\nspan = 3\ntop = 0\nheight = 64\n\n[[photos]]\nfile = \"photos/s{k}.png\"\ncaption = \"图为现场\"\ncredit = \"记者摄\"\nspan = 3\n{row}")
    };
    let dir = page_edition(&p, "pair", "tabloid", &[("s0", story(0, 1, "row = 0\n")), ("s1", story(1, 4, "row = 0\n"))]);
    gradient(&dir.join("photos/s0.png"), 1200, 800, 0);
    gradient(&dir.join("photos/s1.png"), 1200, 800, 200);
    let found = |p: &TestProject| -> Vec<serde_json::Value> {
        let run = p.folio(&["check", "content/pair", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stderr()));
        v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "pictures-side-by-side").cloned().collect()
    };
    let pairs = found(&p);
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    let f = &pairs[0];
    assert_eq!(f["file"], "content/pair/stories/s1.toml");
    assert_eq!(f["line"].as_u64().unwrap() as usize, line_of(&p, "content/pair/stories/s1.toml", "file = "));
    assert!(f["message"].as_str().unwrap().contains("碰图") && f["severity"] == "warning", "{f:#}");
    let zh = p.folio_in_locale(&["check", "content/pair"], &[("LANG", "zh_CN.UTF-8")]);
    assert!((zh.stdout() + &zh.stderr()).contains("版碰图"), "{}", zh.stdout());
    let report = session(&p, "pair").compile().unwrap_or_else(|d| panic!("{d}"));
    let mark = report.preflight.iter().find(|f| f.code == folio::diag::Code::PicturesSideBySide).and_then(|f| f.mark.as_ref()).expect("a mark");
    assert!(mark.rect[2] > 2.0 * 100.0, "the mark covers both pictures: {mark:?}");
    // The second picture at its copy's foot: no pair.
    p.edit("content/pair/stories/s1.toml", |t| t.replace("row = 0\n", ""));
    assert!(found(&p).is_empty(), "{:#?}", found(&p));
}

/// Two stories' photos are not stacked in the same columns (`place::W_PHOTO_STACK`): the
/// 美编's 社会 page of six stories, two with a photo (`tests/fixtures/two-photos`, TEST DATA,
/// invented copy; session 41 set its lead's 5-column photo over 鄱阳湖候鸟's, both in columns
/// 1–5), placed by folio: each photo read back from the rendered page (a gradient of its own
/// blue) stands in columns the other's does not, and the page still places with no overset.
#[test]
fn two_stories_photos_are_not_stacked_in_the_same_columns() {
    let p = TestProject::sample();
    let dir = p.edition("photos");
    copy_dir(&repo().join("tests/fixtures/two-photos"), &dir);
    gradient(&dir.join("photos/malasong.jpg"), 2400, 1600, 0);
    gradient(&dir.join("photos/houniao.jpg"), 2400, 1600, 128);
    let run = p.folio(&["build", "content/photos", "--out", "out"]);
    run.assert_code(0);
    assert!(!run.stderr().contains("overset"), "{}", run.stderr());
    let img = render(&p.out().join("photos.pdf"), 1, 50);
    let (a, b) = (photo_box(&img, 0), photo_box(&img, 128));
    let shared = a.2.min(b.2).saturating_sub(a.0.max(b.0));
    assert!(shared < 5, "the two photos share {shared} px of columns: {a:?} and {b:?}");
}

/// A page of many short items that places, each under a head of its own, is told to set them
/// as one column of briefs (简讯) beside what to cut or add: the 美编's broadsheet page of ten
/// items of 170–250 characters lengthened as folio asked (`tests/fixtures/briefs-page`, TEST
/// DATA, invented copy), which placed with rows of heads and heads larger than their copy
/// (session 41: its advice named only characters to add).
#[test]
fn a_placed_page_of_many_short_items_is_told_to_set_them_as_briefs() {
    let p = TestProject::sample();
    let dir = p.edition("briefs");
    copy_dir(&repo().join("tests/fixtures/briefs-page"), &dir);
    gradient(&dir.join("photos/lvdao.jpg"), 2400, 1600, 90);
    let run = p.folio(&["check", "content/briefs"]);
    let said = format!("{}{}", run.stdout(), run.stderr());
    let advice = said.lines().skip_while(|l| !l.contains("[better-with-cuts]")).take(12).collect::<Vec<_>>().join("\n");
    assert!(advice.contains("as one column of briefs (简讯)") && advice.contains("`briefs = true`"), "{said}");
    let named = advice.lines().find(|l| l.contains("as one column of briefs")).unwrap();
    assert!(named.matches("item").count() >= 4, "the short items named: {named}");
    // Not the item with a photo: a column of briefs carries none (review 49).
    assert!(!named.contains("item09"), "item09 has a photo: {named}");
}

/// A page over its space is told what to cut for a page a 美编 takes in one round: on a tabloid
/// page of four stories of seed text (TEST DATA; one of the random pages of session 45's eval)
/// whose nearest layout in whole blocks has flaws, the error's cuts, made from the end of each
/// story named, give a page that places with no advice left (`better-with-cuts`) and no heads
/// side by side. Until session 45 the cuts were the nearest layout's, flaws and all: the desk
/// cut as told and was told to cut again (of 83 random pages told what to cut or add, each cut
/// made exactly so, 30 placed clean after one round; 59 now).
#[test]
fn a_page_over_told_what_to_cut_places_clean_in_one_round() {
    let p = TestProject::sample();
    let dir = common::seed_edition(&p, "over", "tabloid", &[(6, 16, 2), (59, 10, 4), (20, 9, 15), (10, 2, 14)], |_| String::new());
    let run = p.folio(&["place", "content/over"]);
    assert_ne!(run.code(), 0, "over its page: {}", run.stderr());
    let said = run.stderr();
    let asks = cuts_said(&said);
    assert!(!asks.is_empty() && !said.contains("characters to "), "cuts only: {said}");
    cut_as_told(&dir, &said);
    let check = p.folio(&["check", "content/over", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap_or_else(|e| panic!("{e}: {}", check.stderr()));
    let codes: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(v["ok"].as_bool().unwrap(), "followed, the advice places the page: {said}\n{}", check.stderr());
    assert!(!codes.contains(&"better-with-cuts") && !codes.contains(&"heads-side-by-side"), "no advice left after one round: {said}\n{codes:?}");
}

/// What to cut for a better page starts, where it can, at a sentence's start: on a tabloid
/// page of seed text (TEST DATA, one of session 46's random pages) told to cut two stories for
/// a page without its narrowed photo, one cut is said to run from a sentence's start to the
/// story's end; made as told, each story ends in a whole sentence and the page places with no
/// advice left.
#[test]
fn a_cut_told_from_a_sentence_start_leaves_whole_sentences() {
    let p = TestProject::sample();
    let photo = |k: usize| if k == 0 { "\n[[photos]]\nfile = \"photos/p0.png\"\ncaption = \"图片说明 测试\"\n".to_string() } else { String::new() };
    let dir = common::seed_edition(&p, "whole", "tabloid", &[(21, 12, 0), (47, 2, 0), (39, 4, 17), (12, 6, 13)], photo);
    gradient(&dir.join("photos/p0.png"), 3000, 2000, 0);
    let run = p.folio(&["check", "content/whole", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stderr()));
    let said = v["findings"].as_array().unwrap().iter().find(|f| f["code"] == "better-with-cuts").map(|f| f["message"].as_str().unwrap().to_string());
    let said = said.unwrap_or_else(|| panic!("advice: {v:#}"));
    assert!(cut_as_told(&dir, &said) >= 1, "a cut from a sentence's start: {said}");
    let check = p.folio(&["check", "content/whole", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap_or_else(|e| panic!("{e}: {}", check.stderr()));
    assert!(v["ok"].as_bool().unwrap() && !v["findings"].as_array().unwrap().iter().any(|f| f["code"] == "better-with-cuts"), "followed, no advice left: {said}\n{}", check.stderr());
}

/// On a page folio placed with a row of heads that no cut it tries mends (TEST DATA: seed text
/// with two panoramic photos, one of session 45's random pages), the 碰题 warning says so and how
/// to move its blocks (`folio place --write`), not "do what folio says to cut first", which it
/// never says there: review 45b's desk kept the row through four rounds.
#[test]
fn a_row_of_heads_no_cut_mends_says_how_to_move_the_blocks() {
    let p = TestProject::sample();
    let photo = |k: usize| if k == 0 || k == 4 { format!("\n[[photos]]\nfile = \"photos/p{k}.png\"\ncaption = \"图片说明 测试\"\n") } else { String::new() };
    let dir = common::seed_edition(&p, "row", "tabloid", &[(28, 13, 16), (18, 10, 3), (65, 7, 17), (26, 3, 2), (4, 3, 12)], photo);
    for k in [0, 4] {
        gradient(&dir.join(format!("photos/p{k}.png")), 3200, 1300, 0);
    }
    let run = p.folio(&["check", "content/row", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stderr()));
    let found = v["findings"].as_array().unwrap();
    assert!(!found.iter().any(|f| f["code"] == "better-with-cuts"), "no advice: {found:#?}");
    let rows: Vec<&serde_json::Value> = found.iter().filter(|f| f["code"] == "heads-side-by-side").collect();
    assert!(!rows.is_empty(), "a row of heads as placed");
    for r in rows {
        let hint = r["hints"].to_string();
        assert!(hint.contains("no cut it tried takes the row away") && hint.contains("folio place --write") && !hint.contains("do that first"), "{hint}");
    }
}

