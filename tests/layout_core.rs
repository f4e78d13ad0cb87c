//! The layout core for a placement search (issue 11, item 4): `compose::Fitter::fit(story,
//! block)` is a pure function of pass 1's measures and the block. Read back against what the
//! compile itself placed: fitting every story of both samples to its own block gives the
//! compile's overset and underset; other spans are measured once with `Spans::All` and fit the
//! way the grid says (taller blocks never hold less; a block too narrow for a photo says so).

mod common;

use common::TestProject;
use folio::input::content::{Block, Length};
use folio::layout::compose::Fitter;
use common::{page5_with_a_right_hand_strip, session, typeset};

const SAMPLE_NAME: &str = common::SAMPLE;

fn with_height(b: &Block, lines: u32) -> Block {
    Block { height: Length::Lines(lines), ..b.clone() }
}

#[test]
fn fitting_each_story_to_its_own_block_gives_what_the_compile_placed() {
    let p = TestProject::sample();
    for name in ["jiangxi-special", "jiangxi-tabloid"] {
        let mut s = session(&p, name);
        let report = s.compile().unwrap_or_else(|d| panic!("{name}: {d}"));
        let pass1 = s.measure_all_spans(&report.edition).unwrap_or_else(|d| panic!("{d}"));
        let infos = folio::input::photos::inspect_all(&report.edition).unwrap();
        let formats = s.formats().unwrap();
        let mut checked = 0;
        for (pi, stories) in report.edition.stories.iter().enumerate() {
            let photos = infos[pi].iter().map(|v| v.iter().copied().map(Some).collect()).collect();
            let fitter = Fitter::new(&report.edition, formats, &pass1.galley, &pass1.measures, pi, photos);
            for (si, story) in stories.iter().enumerate() {
                let placed = report.compiled.fits.iter().find(|f| f.page == pi && f.story == si).unwrap();
                // A head area the compile made deeper to align a tier's text starts is the
                // block's `head` for the fitter.
                let block = &Block { head: placed.head_aligned.or(story.value.block().get_ref().head), ..story.value.block().get_ref().clone() };
                let fit = fitter.fit(si, block).unwrap_or_else(|| panic!("{name} p{pi} s{si}: own block not measured"));
                assert_eq!(fit, fitter.fit(si, block).unwrap(), "pure: the same block fits the same");
                // Copyfit and continuation blocks change what the compile placed; the rest must agree.
                if placed.copyfit.is_none() && story.value.jumps.is_empty() {
                    assert_eq!((fit.overset, fit.underset, fit.lines), (placed.overset, placed.underset, placed.lines), "{name} p{pi} {}", story.display.display());
                    let in_columns: u32 = fit.columns.iter().sum();
                    assert!(in_columns + fit.overset >= fit.lines, "every line is in a column or overset: {fit:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked >= 4, "{name}: only {checked} stories compared");
    }
}

#[test]
fn other_spans_and_heights_fit_from_the_cached_measures() {
    let p = TestProject::sample();
    let mut s = session(&p, "jiangxi-special");
    let report = s.compile().unwrap();
    let edition = &report.edition;
    let formats = s.formats().unwrap().clone();
    let own = folio::layout::compile::measure_galley(s.world().unwrap(), edition, &formats, folio::layout::galley::Spans::Own).unwrap();
    let all = s.measure_all_spans(edition).unwrap();
    let mut tried = 0;
    for (pi, stories) in edition.stories.iter().enumerate() {
        let columns = edition.page_format(&formats, pi).columns;
        let fitter = Fitter::new(edition, &formats, &all.galley, &all.measures, pi, vec![]);
        let narrow = Fitter::new(edition, &formats, &own.galley, &own.measures, pi, vec![]);
        for (si, story) in stories.iter().enumerate() {
            if !story.value.jumps.is_empty() {
                continue;
            }
            let b = story.value.block().get_ref();
            for span in 1..=columns {
                let block = Block { column: 1, span, ..b.clone() };
                let fit = fitter.fit(si, &block).unwrap_or_else(|| panic!("span {span} measured with Spans::All"));
                if span != b.span && !story.value.vertical {
                    assert!(narrow.fit(si, &block).is_none(), "span {span} was not measured with Spans::Own: no guess");
                }
                // A block one column too narrow for a photo says so (one folio sizes never is).
                let given = |v: &Option<toml::Spanned<u32>>| v.as_ref().map(|v| *v.get_ref());
                let widest = story.value.photos.iter().filter_map(|ph| Some(given(&ph.column).unwrap_or(1) - 1 + given(&ph.span)?)).max().unwrap_or(0);
                assert_eq!(fit.photos_outside && widest > span, widest > span, "span {span}: {fit:?}");
                // Taller never holds less: overset falls (or stays) as lines are added.
                let lines = folio::input::content::block_lines(&block, edition.page_format(&formats, pi));
                let taller = fitter.fit(si, &with_height(&block, lines + 10)).unwrap();
                assert!(taller.overset <= fit.overset, "span {span}: {} then {}", fit.overset, taller.overset);
                // Line by line, a deeper foot never holds less copy (the flow finds the first
                // bottom line that holds the copy by halving on this), an L's corner too.
                for cutout in [None, Some(folio::input::content::Cutout { span: 1, height: 8 })] {
                    let mut before = 0;
                    for more in 0..=12 {
                        let Some(f) = fitter.fit(si, &Block { cutout, ..with_height(&block, lines + more) }) else { continue };
                        assert!(f.capacity >= before, "span {span}, {more} lines deeper, corner {cutout:?}: {before} then {}", f.capacity);
                        before = f.capacity;
                    }
                }
                tried += 1;
            }
            assert!(fitter.fit(si, &Block { column: 2 * columns, span: 2, ..b.clone() }).is_none(), "past the last column (of a centre spread too)");
        }
    }
    assert!(tried > 20, "{tried}");
}

/// The broadsheet sample's page 5 (index 1) for a placement search: `body` gets the edition,
/// the formats and a layout core for the page, after one pass 1 at every span.
fn with_page5_fitter(body: impl FnOnce(&folio::input::content::Edition, &folio::input::grid::Formats, &Fitter)) {
    let p = TestProject::sample();
    // The page's stories as they stood until session 17 (the lead's photo at folio's height).
    page5_with_a_right_hand_strip(&p);
    let mut s = session(&p, "jiangxi-special");
    let report = s.compile().unwrap();
    // Its heads across, as the search sets a story's head (濂溪's file sets it vertically).
    let mut edition = report.edition.clone();
    for story in &mut edition.stories[1] {
        story.value.vertical = false;
    }
    let edition = &edition;
    let formats = s.formats().unwrap().clone();
    let all = s.measure_all_spans(edition).unwrap();
    let infos = folio::input::photos::inspect_all(edition).unwrap();
    let photos = infos[1].iter().map(|v| v.iter().copied().map(Some).collect()).collect();
    let fitter = Fitter::new(edition, &formats, &all.galley, &all.measures, 1, photos);
    body(edition, &formats, &fitter);
}

/// The placement search on the broadsheet sample's second page: its six stories, their blocks
/// ignored, tile the type area under the banner exactly (no overlap, no gap), in reading order,
/// and every story fits the block it got with no overset and columns level within a line —
/// checked again with the fitter, not taken from the search.
#[test]
fn the_search_tiles_a_page_with_every_story_fitting() {
    use folio::layout::place::{search, Area};
    with_page5_fitter(|edition, formats, fitter| {
        let pi = 1;
        let stories = &edition.stories[pi];
        let f = edition.page_format(formats, pi);
        let ids: Vec<usize> = (0..stories.len()).collect();
        let top = stories.iter().map(|s| s.value.block().get_ref().top).min().unwrap();
        let area = Area { column: 1, columns: f.columns, top, bottom: f.lines };
        let layout = search(fitter, &ids, area).expect("the page's stories tile it");
        assert_eq!(layout, search(fitter, &ids, area).unwrap(), "deterministic");
        assert_eq!(layout.blocks.iter().map(|b| b.story).collect::<Vec<_>>(), ids, "reading order kept");
        let mut cells = vec![vec![0u8; f.lines as usize]; f.columns as usize];
        for b in &layout.blocks {
            // An L-shaped block leaves its bottom-right corner to the stories that follow.
            for c in b.column - 1..b.column - 1 + b.span {
                for l in b.top..b.top + b.height {
                    cells[c as usize][l as usize] += u8::from(common::block_covers(b, c, l));
                }
            }
            let block = Block {
                column: b.column,
                span: b.span,
                top: b.top,
                height: Length::Lines(b.height),
                head: b.head,
                head_size: b.head_size,
                cutout: b.cutout.map(|(span, height)| folio::input::content::Cutout { span, height }),
                squeeze: b.squeeze,
                text_columns: None,
            };
            // At the photo height the search chose (its first photo grown or shrunk).
            let plain = fitter.fit(b.story, &block).unwrap();
            let delta = b.photo_lines.map_or(0, |l| l as i32 - plain.photo_lines.first().map_or(l, |&p| p) as i32);
            let fit = fitter.fit_adjusted(b.story, &block, delta).unwrap();
            assert_eq!(fit.overset, 0, "{b:?}: {fit:?}");
            assert!(fit.underset <= 1, "{b:?}: {fit:?}");
            assert!(!fit.head_short && !fit.photos_outside, "{b:?}: {fit:?}");
        }
        for (c, col) in cells.iter().enumerate() {
            for (l, n) in col.iter().enumerate().skip(top as usize) {
                assert_eq!(*n, 1, "column {} line {l} is covered {n} times", c + 1);
            }
        }
        // The lead reads first: at the top of the area.
        assert_eq!(layout.blocks[0].top, top);
    });
}

/// A hand-placed head beside the free area is weighed like a placed one (碰题): on the
/// broadsheet's page 5, the columns the search gives the lead, with the stories it puts under
/// the lead (or, with the lead across the page, the stories under its leg), searched as a part
/// of their own, with a two-line head hand-placed just right of
/// the area (as if the stories there were placed by hand) at every line range that meets one
/// of the heads the search sets there with nothing beside the area. For each: the layout costs
/// no less than without the neighbour and at most a 碰题 more (the same blocks, priced with the
/// clash, are always there to choose), and a layout whose heads meet the hand-placed one pays
/// for it; and somewhere the search moves its heads off the hand-placed one to blocks that
/// still tile the area in reading order. (Where every way round costs more than the clash, as
/// where the copy leaves the part's stories no line to spare, it keeps the clash.)
#[test]
fn the_search_keeps_its_heads_off_a_hand_placed_head_beside_its_area() {
    use folio::layout::place::{search, search_beside, Area, Beside, Layout, W_HEAD_CLASH, W_SIDE_BY_SIDE, W_THREE};
    with_page5_fitter(|edition, formats, fitter| {
        let pi = 1;
        let stories = &edition.stories[pi];
        let f = edition.page_format(formats, pi);
        let id = |name: &str| stories.iter().position(|s| s.display.to_string_lossy().ends_with(&format!("{name}.toml"))).unwrap();
        // The lead over the whole width, as the search places it with the page to itself.
        let everything: Vec<usize> = (0..stories.len()).collect();
        let page_top = edition.page_top(formats, pi);
        let whole = search(fitter, &everything, Area { column: 1, columns: f.columns, top: page_top, bottom: f.lines }).expect("page 5 tiles");
        // A part of the page's layout of its own: the columns of the lead and the stories under
        // it, or where the lead is across the page, the stories under its leg (an L's columns
        // left of its corner; since session 34, whose smaller heads on short stories let the lead
        // run across page 5).
        let lead = whole.blocks.iter().find(|b| b.story == id("jiujiang-lead")).unwrap();
        let area = if lead.span < f.columns {
            Area { column: 1, columns: lead.span, top: page_top, bottom: f.lines }
        } else {
            Area { column: 1, columns: lead.span - lead.cutout.map_or(0, |(w, _)| w), top: lead.top + lead.height, bottom: f.lines }
        };
        let ids: Vec<usize> = whole.blocks.iter().filter(|b| b.column + b.span - 1 <= area.columns && b.top >= area.top).map(|b| b.story).collect();
        assert!(ids.len() >= 3, "{whole:?}");
        // Each placed head's lines (under the rule a block below the area's top starts with).
        let heads = |layout: &Layout| -> Vec<(u32, u32, usize)> {
            layout
                .blocks
                .iter()
                .map(|b| {
                    let block = Block { column: b.column, span: b.span, top: b.top, height: Length::Lines(b.height), head: b.head, head_size: b.head_size, cutout: b.cutout.map(|(span, height)| folio::input::content::Cutout { span, height }), squeeze: b.squeeze, text_columns: None };
                    let setting = if b.raised { folio::layout::compose::HeadSetting::Raised } else { folio::layout::compose::HeadSetting::AsFiled };
                    let fit = fitter.fit_as(b.story, &block, (0, None), setting).unwrap();
                    let from = b.top + u32::from(b.top > page_top) + fit.head_from;
                    (from, from + fit.head_lines.saturating_sub(1).max(1), b.story)
                })
                .collect()
        };
        let alone = search(fitter, &ids, area).expect("the lead's part tiles its columns");
        let own = heads(&alone);
        // A head along the area's right edge (its block's last column the area's) on those lines.
        let right_edge = |layout: &Layout, story: usize| layout.blocks.iter().any(|b| b.story == story && b.column + b.span == area.column + area.columns);
        let meets = |layout: &Layout, (from, to): (u32, u32)| heads(layout).into_iter().any(|(a, b, st)| a < to && from < b && right_edge(layout, st));
        let mut moved = 0;
        for from in area.top + 2..area.bottom - 2 {
            let hand = (from, from + 2);
            if !own.iter().any(|&(a, b, st)| a < hand.1 && hand.0 < b && right_edge(&alone, st)) {
                continue;
            }
            let beside = Beside { right: vec![hand], ..Beside::default() };
            let layout = search_beside(fitter, &ids, area, &beside).expect("the stories still tile the area");
            assert!(layout.cost >= alone.cost && layout.cost <= alone.cost + W_HEAD_CLASH + W_THREE, "hand head on {hand:?}: {} against {} alone", layout.cost, alone.cost);
            if meets(&layout, hand) {
                assert!(layout.cost >= alone.cost + W_SIDE_BY_SIDE, "a head beside the hand-placed one on {hand:?} unpaid: {layout:?}");
            } else {
                moved += 1;
                // Blocks in reading order tiling the area, as without it.
                assert_eq!(layout.blocks.iter().map(|b| b.story).collect::<Vec<_>>(), ids);
                assert_eq!(layout.blocks.iter().map(|b| (b.span * b.height) as i64 - b.cutout.map_or(0, |(w, h)| (w * h) as i64)).sum::<i64>(), i64::from(area.columns * (area.bottom - area.top)));
            }
        }
        assert!(moved > 0, "the search never moved its heads off a hand-placed head beside them: {own:?}");
    });
}

/// A page's searches share their leaves (`place::Leaves`: each story fitted to each rectangle
/// once, whatever its place in the order): on the broadsheet's page 5, an order that does not
/// place searched first (in an area a few lines shallower than the page's) with leaves that keep nothing (as a page's first search: it keeps its
/// leaves because it found nothing), then the other orders folio tries two at a time sharing
/// them (`search_orders`), then each order and its nearest layout and the advice one after
/// another with the same leaves — every search gives what it gives alone with none, so the
/// reuse never changes a page.
#[test]
fn a_pages_searches_share_their_leaves_and_change_nothing() {
    use folio::layout::place::{advise, nearest, nearest_with, other_orders, search_beside, search_orders, search_with, Area, Beside, Leaves, REORDER_CHOICES};
    with_page5_fitter(|edition, formats, fitter| {
        let pi = 1;
        let f = edition.page_format(formats, pi);
        let everything: Vec<usize> = (0..edition.stories[pi].len()).collect();
        let beside = Beside::default();
        let mut orders = vec![everything.clone()];
        orders.extend(other_orders(edition, pi, &everything).into_iter().take(7));
        assert!(orders.len() > 3, "{orders:?}");
        // Every order places the whole page: the area a few lines shallower, where some do not.
        let (area, alone) = (1..8)
            .map(|less| {
                let area = Area { column: 1, columns: f.columns, top: edition.page_top(formats, pi), bottom: f.lines - less };
                (area, orders.iter().map(|order| search_beside(fitter, order, area, &beside)).collect::<Vec<_>>())
            })
            .find(|(_, alone)| alone.iter().any(Option::is_some) && alone.iter().any(Option::is_none))
            .expect("an area where some orders place page 5's stories and some do not");
        let failing = alone.iter().position(Option::is_none).expect("found so");
        // A first search that places keeps nothing; one that does not keeps its leaves.
        let placing = alone.iter().position(Option::is_some).expect("found so");
        let mut leaves = Leaves::default();
        assert_eq!(&search_with(fitter, &orders[placing], (area, &beside), &mut leaves), &alone[placing]);
        assert!(leaves.is_empty(), "{} leaves kept by a search that placed", leaves.len());
        assert_eq!(search_with(fitter, &orders[failing], (area, &beside), &mut leaves), None);
        assert!(leaves.len() > 1000, "{} leaves kept by a search that found nothing", leaves.len());
        // The orders searched sharing those leaves: the cheapest of the first few that place.
        let others: Vec<Vec<usize>> = orders.iter().enumerate().filter(|&(k, _)| k != failing).map(|(_, o)| o.clone()).collect();
        let expected = alone.iter().enumerate().filter(|&(k, _)| k != failing).filter_map(|(_, l)| l.clone()).take(REORDER_CHOICES).min_by_key(|l| l.cost);
        assert_eq!(search_orders(fitter, &others, (area, &beside), &mut leaves), expected);
        for (order, alone) in orders.iter().zip(&alone) {
            assert_eq!(&search_with(fitter, order, (area, &beside), &mut leaves), alone, "order {order:?}");
            assert_eq!(nearest_with(fitter, order, (area, &beside), &mut leaves), nearest(fitter, order, area, &beside), "nearest, order {order:?}");
        }
        let found = alone.iter().flatten().next().expect("found so");
        assert_eq!(advise(fitter, (area, &beside), found, &mut leaves), advise(fitter, (area, &beside), found, &mut Leaves::default()));
    });
}

/// The nearest layout (what a page that places in no order is told to cut or add) is searched
/// held to a few lines a story and pruned by the cost of a layout found already, widening until
/// no layout past it could be nearer: on page 5's stories over a shrinking area (copy a little,
/// then far, over) and with stories left out (copy short), the same layout, cost and misses as
/// the search that admits every miss and prunes nothing — among them pages whose nearest layout
/// has a story missing by more than the first search allows.
#[test]
fn the_nearest_layout_searched_within_bounds_is_the_nearest_of_all() {
    use folio::layout::place::{nearest, nearest_unpruned, Area, Beside, NEAREST_MISS};
    with_page5_fitter(|edition, formats, fitter| {
        let pi = 1;
        let f = edition.page_format(formats, pi);
        let top = edition.page_top(formats, pi);
        let all: Vec<usize> = (0..edition.stories[pi].len()).collect();
        let beside = Beside::default();
        let (mut over, mut short, mut widened) = (0, 0, 0);
        let cases: Vec<(Vec<usize>, u32)> = [6, 18, 36].into_iter().map(|less| (all.clone(), less)).chain([(all[..3].to_vec(), 0), (all[1..5].to_vec(), 10)]).collect();
        for (stories, less) in cases {
            let area = Area { column: 1, columns: f.columns, top, bottom: f.lines - less };
            let fast = nearest(fitter, &stories, area, &beside).expect("a nearest layout");
            let every = nearest_unpruned(fitter, &stories, area, &beside).expect("a nearest layout");
            assert_eq!(fast, every, "stories {stories:?}, area {less} lines short of the page");
            let missed = |over: bool| fast.1.iter().map(|(_, m)| if over { m.over } else { m.short }).sum::<u32>();
            over += u32::from(missed(true) > 0);
            short += u32::from(missed(false) > 0);
            widened += u32::from(fast.1.iter().any(|(_, m)| m.over + m.short > NEAREST_MISS));
        }
        assert!(over >= 2 && short >= 1 && widened >= 1, "cases over {over}, short {short}, past the first bound {widened}");
    });
}

/// Where the page's lead is hand-placed, the stories placed beside or under it are none of them
/// the lead: none is widened or lifted to the area's top for being first, and each is held
/// narrower than the placed lead (head size by rank) — on the broadsheet's page 5, the five
/// others searched in the eight columns under the lead as the search places it, told the lead
/// is hand-placed and six, then five, columns wide.
#[test]
fn under_a_hand_placed_lead_every_head_is_smaller_than_its() {
    use folio::layout::place::{search, search_beside, Area, Beside, Placed, W_LEAD_NARROW};
    with_page5_fitter(|edition, formats, fitter| {
        let pi = 1;
        let stories = &edition.stories[pi];
        let f = edition.page_format(formats, pi);
        let id = |name: &str| stories.iter().position(|s| s.display.to_string_lossy().ends_with(&format!("{name}.toml"))).unwrap();
        let ids: Vec<usize> = ["wuning", "duchang", "lianxi", "pengze", "balihu"].into_iter().map(id).collect();
        // Under a lead across the page's top: the deepest lead under which the five tile the
        // rest of the page.
        let page_top = edition.page_top(formats, pi);
        let area = (page_top + 20..f.lines - 20).rev().map(|top| Area { column: 1, columns: f.columns, top, bottom: f.lines }).find(|&a| search(fitter, &ids, a).is_some()).expect("the five tile the page under a lead");
        let free = search_beside(fitter, &ids, area, &Beside::default()).expect("the five tile the area");
        // A block's head size: its `head_size` where the search set one, else its span's.
        let tier = |b: &Placed| b.head_size.map(|z| f.tier_of_size(z).expect("a size of the ladder")).unwrap_or_else(|| f.head_tier(b.span));
        for span in [6, 5] {
            let lead_tier = f.head_tier(span);
            let under = |b: &Placed| b.span <= span && (b.vertical || tier(b) > lead_tier);
            let beside = Beside { lead_span: span, lead_tier, ..Beside::default() };
            let layout = search_beside(fitter, &ids, area, &beside).expect("the five tile the area under the lead");
            if free.blocks.iter().all(under) {
                // The same blocks, without the cost of a first story narrower than the area.
                assert_eq!(layout.blocks, free.blocks);
                assert_eq!(layout.cost + (area.columns - free.blocks[0].span) * W_LEAD_NARROW, free.cost);
            }
            assert!(layout.blocks.iter().all(under), "a story wider than the lead's {span} columns or with as large a head: {layout:?}");
            assert_eq!(layout.blocks.iter().map(|b| b.story).collect::<Vec<_>>(), ids, "reading order kept");
            // As wide as the lead, a head is set a size smaller than the span gives.
            for b in layout.blocks.iter().filter(|b| !b.vertical && f.head_tier(b.span) <= lead_tier) {
                assert_eq!(b.head_size, Some(f.head_size(lead_tier + 1).size), "{b:?}");
            }
        }
    });
}

const PAGE5: [&str; 6] = common::SAMPLE_PAGE5;

/// The sample with the six stories of page 5 unplaced: folio places them.
fn unplaced_sample() -> TestProject {
    let p = TestProject::sample();
    common::unplace(&p, common::SAMPLE, &PAGE5);
    p
}

/// Stories without blocks build: exit 0 (no overset, no preflight error), every headline and the
/// end of every story's copy are on page 5 of the PDF, and `folio place --write` then writes blocks
/// that rebuild to the very same pages.
#[test]
fn stories_without_blocks_are_placed_and_place_write_makes_it_stable() {
    let p = unplaced_sample();
    let run = p.folio(&["build", "content/jiangxi-special", "--out", "out"]);
    run.assert_code(0);
    let pdf = p.out().join("jiangxi-special.pdf");
    // Every headline's characters on page 5 at a head's size (read with Ghostscript: a head the
    // search sets vertically is one character a line).
    let heads: Vec<char> = common::typeset::chars(&pdf)[1].iter().filter(|c| c.size > 14.0).map(|c| c.c).collect();
    for name in PAGE5 {
        let story = std::fs::read_to_string(p.edition(SAMPLE_NAME).join(format!("stories/{name}.toml"))).unwrap();
        let headline = story.lines().find_map(|l| l.strip_prefix("headline = ")).unwrap().trim_matches('"').replace("\\n", "");
        let han: Vec<char> = common::han(&headline);
        assert!(!han.is_empty() && han.iter().all(|c| heads.contains(c)), "{name}: headline {headline} not on page 5");
    }
    let before = std::fs::read(&pdf).unwrap();
    let place = p.folio(&["place", "content/jiangxi-special", "--write"]);
    place.assert_code(0);
    assert!(place.stdout().contains("page 5:") && place.stdout().contains("column = 1, span = "), "{}", place.stdout());
    for name in PAGE5 {
        let story = std::fs::read_to_string(p.edition(SAMPLE_NAME).join(format!("stories/{name}.toml"))).unwrap();
        assert!(story.contains("[block]"), "{name}: no [block] written");
        assert!(story.contains("headline = "), "the rest of the file is kept");
    }
    let again = p.folio(&["place", "content/jiangxi-special"]);
    assert!(again.stdout().contains("nothing to place"), "{}", again.stdout());
    p.folio(&["build", "content/jiangxi-special", "--out", "out"]).assert_code(0);
    assert!(std::fs::read(&pdf).unwrap() == before, "the written blocks rebuild the same pages");
}

/// Head size (the format's `heads` ladder). By hand: a `[block]`'s `head_size` sets the
/// headline at that size whatever the block's span (the lead across eight columns at 22 pt, not
/// 42). By the search: on the automatic sample, a story as wide as its page's lead has its head
/// set a size under the lead's; `folio place --write` writes that size into its block
/// (`head_size`), and the next build is the same pages. Sizes read back from the PDF.
#[test]
fn head_size_sets_the_headline_and_place_writes_the_searchs() {
    let p = TestProject::with_edition(SAMPLE_NAME);
    let lead = "content/jiangxi-special/stories/jiujiang-lead.toml";
    let headline: Vec<char> = common::han("万里缉毒斩断毒品运输通道");
    let sizes = |pdf: &std::path::Path| -> Vec<f64> {
        let mut v: Vec<f64> = common::typeset::chars(pdf).concat().into_iter().filter(|c| headline.contains(&c.c) && c.size > 14.0).map(|c| (c.size * 10.0).round() / 10.0).collect();
        v.dedup();
        v
    };
    p.build_sample();
    let pdf = p.out().join("jiangxi-special.pdf");
    assert!(sizes(&pdf).contains(&42.0), "the 8-column lead at its span's 42 pt: {:?}", sizes(&pdf));
    p.edit(lead, |t| t.replacen("[block]\ncolumn = 1\nspan = 8", "[block]\nhead_size = 22\ncolumn = 1\nspan = 8", 1));
    p.build_sample();
    let set = sizes(&pdf);
    assert!(set.contains(&22.0) && !set.contains(&42.0), "head_size = 22: {set:?}");

    // The search: the automatic sample's heads under a lead as wide are a size smaller.
    let p = TestProject::with_edition("jiangxi-auto");
    let format = p.report("jiangxi-auto", false).compiled.data.pages[0].format.clone();
    let pdf = p.out().join("jiangxi-auto.pdf");
    p.folio(&["build", "content/jiangxi-auto", "--out", "out"]).assert_code(0);
    let before = std::fs::read(&pdf).unwrap();
    let place = p.folio(&["place", "content/jiangxi-auto", "--write"]);
    place.assert_code(0);
    assert!(place.stdout().contains("head_size = "), "no head set a size smaller: {}", place.stdout());
    let dir = p.edition("jiangxi-auto");
    let edition: toml::Table = toml::from_str(&std::fs::read_to_string(dir.join("edition.toml")).unwrap()).unwrap();
    let mut written = 0;
    for page in edition["pages"].as_array().unwrap() {
        let files: Vec<toml::Table> = page["stories"].as_array().unwrap().iter().map(|rel| toml::from_str(&std::fs::read_to_string(dir.join(rel.as_str().unwrap())).unwrap()).unwrap()).collect();
        let span = |t: &toml::Table| t["block"]["span"].as_integer().unwrap() as u32;
        let size_of = |t: &toml::Table| t["block"].get("head_size").and_then(|v| v.as_float());
        let lead = size_of(&files[0]).unwrap_or_else(|| format.head_size(format.head_tier(span(&files[0]))).size);
        for t in &files[1..] {
            if let Some(z) = size_of(t) {
                written += 1;
                assert!(z < lead, "{}: head_size {z} not under the lead's {lead}", t["headline"]);
                assert!(format.head_tier(span(t)) < format.tier_of_size(z).unwrap(), "{}: a head_size only where the span gives a larger head", t["headline"]);
            }
        }
    }
    assert!(written > 0, "no head_size written");
    let again = p.folio(&["place", "content/jiangxi-auto"]);
    assert!(again.stdout().contains("nothing to place"), "{}", again.stdout());
    p.folio(&["build", "content/jiangxi-auto", "--out", "out"]).assert_code(0);
    assert!(std::fs::read(&pdf).unwrap() == before, "the written blocks rebuild the same pages");
}

/// Copy that cannot fill its page exactly is an error that says how many characters to cut.
#[test]
fn copy_over_its_page_says_what_to_cut() {
    let p = unplaced_sample();
    let extra = common::seed_paras(0, 40);
    p.edit("content/jiangxi-special/stories/balihu.toml", |t| t.replacen("body = \"\"\"", &format!("body = \"\"\"\n{extra}\n"), 1));
    let run = p.folio(&["build", "content/jiangxi-special", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has(&["page 5", "characters over", "edition.toml:", "cut about"]);
    assert!(!p.out().join("jiangxi-special.pdf").exists(), "nothing written");
}

/// The what-to-cut message names, story by story, the characters the nearest arrangement of
/// whole blocks needs cut; cutting them (from the end of each story named) and building again
/// places the page: the advice is exact, not an estimate to iterate on.
#[test]
fn cutting_what_the_message_says_places_the_page() {
    // TEST DATA: a one-page tabloid edition of three stories of seed text, about a tenth over
    // the page.
    let p = TestProject::sample();
    let dir = p.edition("prop");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    common::write_random_page(&common::Seed::load(), &dir, 6.0 * 64.0 * 10.0 * 1.1, &[(0, 3, 5), (40, 7, 3), (80, 11, 2)]);
    let run = p.folio(&["build", "content/prop", "--out", "out"]);
    run.assert_code(1);
    let err = run.stderr();
    let hint = err.lines().find(|l| l.contains("hint: cut about")).unwrap_or_else(|| panic!("a hint that says what to cut: {err}"));
    // Each cut says where it starts, in its story (session 46).
    assert!(hint.contains(" (its last") || hint.contains(" (from 「"), "{hint}");
    let hint = common::without_cut_starts(hint);
    let part = hint.split("cut ").nth(1).unwrap().split(" (").next().unwrap();
    let mut cuts = Vec::new();
    for item in part.split(", ") {
        // "about N characters from STORY"
        let words: Vec<&str> = item.split_whitespace().collect();
        assert!(words.len() == 5 && words[0] == "about" && words[2] == "characters" && words[3] == "from", "{item:?} in {hint}");
        cuts.push((words[1].parse::<usize>().unwrap(), words[4].to_string()));
    }
    assert!(!cuts.is_empty() && cuts.iter().all(|(n, _)| *n > 0), "{hint}");
    let total: usize = cuts.iter().map(|c| c.0).sum();
    let message = err.lines().find(|l| l.contains("characters over")).unwrap_or_else(|| panic!("{err}"));
    assert!(message.contains(&format!("about {total} characters over")), "the message counts what the hint asks: {message} / {hint}");
    for (n, story) in &cuts {
        p.edit(&format!("content/prop/stories/{story}.toml"), |t| {
            let (head, rest) = t.split_once("body = \"\"\"").expect("a body");
            let (body, tail) = rest.split_once("\"\"\"").expect("the body's end");
            let mut kept: Vec<char> = body.trim_end().chars().collect();
            let mut cut = 0;
            while cut < *n {
                if !kept.pop().expect("copy to cut").is_whitespace() {
                    cut += 1;
                }
            }
            format!("{head}body = \"\"\"{}。\n\"\"\"{tail}", kept.into_iter().collect::<String>())
        });
    }
    let again = p.folio(&["build", "content/prop", "--out", "out"]);
    assert_eq!(again.code(), 0, "after cutting {cuts:?} as told: {}", again.stderr());
}

/// Where no one story's going lets the others place, the message names the two a desk would
/// drop (of the three lowest-ranked; it said "drop a story", which sent the desk round again:
/// session 41): nine stories of some 480 characters of seed text on a tabloid page (TEST
/// DATA); taken off the page's list, the others place.
#[test]
fn the_message_names_two_stories_to_drop_where_one_is_not_enough() {
    let p = TestProject::sample();
    let seed = common::Seed::load();
    let copies = seed.copies(9, 517, 480);
    let stems: Vec<String> = (0..9).map(|k| format!("s{k}")).collect();
    let stories: Vec<(&str, String)> = copies.iter().enumerate().map(|(k, c)| (stems[k].as_str(), common::story_toml(&seed.heads[k], &[c.clone()]))).collect();
    common::page_edition(&p, "drop2", "tabloid", &stories);
    let run = p.folio(&["place", "content/drop2"]);
    run.assert_code(1);
    let said = run.stderr();
    let drop = said.split("or drop ").nth(1).and_then(|t| t.split(" from the page (no one story is enough").next()).unwrap_or_else(|| panic!("two stories named: {said}"));
    let (a, b) = drop.split_once(" and ").unwrap_or_else(|| panic!("{drop}"));
    assert!(a != "s0" && b != "s0", "never the lead: {drop}");
    p.edit("content/drop2/edition.toml", |t| t.replace(&format!(", \"stories/{a}.toml\""), "").replace(&format!(", \"stories/{b}.toml\""), ""));
    p.folio(&["place", "content/drop2"]).assert_code(0);
}

/// A cut of most of a story is named so: on a 美编's over-full tabloid page (nine stories of
/// invented copy, `tests/fixtures/over-page`, TEST DATA) the nearest layout asks 424 of the
/// 460 characters of 昌九高铁 (gaotie), which left a head over one sentence when followed
/// (session 41); the hint now gives what the story has and says dropping it may read better.
#[test]
fn a_cut_of_most_of_a_story_is_named_as_such() {
    let p = TestProject::sample();
    let dir = p.edition("over");
    common::copy_dir(&common::repo().join("tests/fixtures/over-page"), &dir);
    let run = p.folio(&["place", "content/over"]);
    run.assert_code(1);
    let said = run.stderr();
    let hint = said.lines().find(|l| l.contains("hint: cut about")).unwrap_or_else(|| panic!("{said}"));
    let most: Vec<&str> = hint.split("about ").filter(|t| t.contains(", most of it: dropping it may read better")).collect();
    assert!(!most.is_empty(), "a story cut mostly is named so: {hint}");
    for t in most {
        let (n, rest) = t.split_once(" characters from ").unwrap();
        let total: usize = rest.split("— of its ").nth(1).and_then(|r| r.split(',').next()).and_then(|x| x.parse().ok()).unwrap();
        let n: usize = n.parse().unwrap();
        assert!(n * 10 >= total * 6 && n <= total, "{t}");
    }
}

/// Where the copy is over, the message also names the story a desk would drop — the
/// lowest-ranked whose going lets the others place, never the lead — in English and in
/// Chinese: a one-page tabloid of six stories of seed text (TEST DATA, a random page of the
/// placement trials) whose copy is over names its last story; taken off the page's list, the
/// edition builds.
#[test]
fn the_message_names_the_story_to_drop_and_without_it_the_page_places() {
    let p = TestProject::sample();
    common::seed_edition(&p, "drop", "tabloid", &[(8, 11, 8), (52, 6, 16), (4, 7, 18), (0, 4, 11), (42, 4, 4), (46, 7, 14)], |_| String::new());
    let run = p.folio(&["build", "content/drop", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has(&["characters over its space", "or drop s5 from the page (the others then place)"]);
    let zh = p.folio_in_locale(&["build", "content/drop", "--out", "out"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(zh.stderr().contains("从该版撤下 s5（其余稿件即可排出）"), "{}", zh.stderr());
    p.edit("content/drop/edition.toml", |t| {
        assert!(t.contains(", \"stories/s5.toml\"]"), "{t}");
        t.replace(", \"stories/s5.toml\"]", "]")
    });
    let again = p.folio(&["build", "content/drop", "--out", "out"]);
    assert_eq!(again.code(), 0, "{}", again.stderr());
    assert!(p.out().join("drop.pdf").exists());
}

/// More stories without blocks than the search takes at once are refused up front with a fix,
/// never left to run for minutes.
#[test]
fn too_many_unplaced_stories_are_refused_up_front() {
    let p = unplaced_sample();
    let dir = p.edition(SAMPLE_NAME).join("stories");
    let mut list = Vec::new();
    for k in 0..13 {
        std::fs::copy(dir.join("wuning.toml"), dir.join(format!("copy{k}.toml"))).unwrap();
        list.push(format!("\"stories/copy{k}.toml\""));
    }
    p.edit("content/jiangxi-special/edition.toml", |t| {
        let start = t.find("stories = [\"stories/jiujiang-lead.toml\"").unwrap();
        let end = start + t[start..].find(']').unwrap() + 1;
        format!("{}stories = [{}]{}", &t[..start], list.join(", "), &t[end..])
    });
    let run = p.folio(&["build", "content/jiangxi-special", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has(&["page 5", "13 stories without a [block]", "at most 12", "edition.toml:"]);
}

/// `priority = 1` makes a story the page's lead whatever its place in the page's list: with the
/// sample's lead listed last but given `priority = 1`, the page comes out as with it listed first.
#[test]
fn priority_one_is_the_lead() {
    let listed_first = unplaced_sample();
    let mut s = session(&listed_first, SAMPLE_NAME);
    let expected = s.compile().unwrap_or_else(|d| panic!("{d}")).placed;

    let p = unplaced_sample();
    p.edit("content/jiangxi-special/edition.toml", |t| {
        t.replacen("\"stories/jiujiang-lead.toml\", ", "", 1).replacen("\"stories/balihu.toml\"]", "\"stories/balihu.toml\", \"stories/jiujiang-lead.toml\"]", 1)
    });
    p.edit("content/jiangxi-special/stories/jiujiang-lead.toml", |t| t.replacen("headline =", "priority = 1\nheadline =", 1));
    let mut s = session(&p, SAMPLE_NAME);
    let report = s.compile().unwrap_or_else(|d| panic!("{d}"));
    let page = report.placed.iter().find(|pl| pl.page == 1).expect("page 5 placed");
    let lead = report.edition.stories[1].iter().position(|st| st.display.ends_with("jiujiang-lead.toml")).unwrap();
    assert_eq!(lead, 5, "listed last");
    assert_eq!(page.blocks[0].story, lead, "{:?}", page.blocks);
    let geometry = |blocks: &[folio::layout::place::Placed]| blocks.iter().map(|b| (b.column, b.span, b.top, b.height)).collect::<Vec<_>>();
    let before = expected.iter().find(|pl| pl.page == 1).unwrap();
    assert_eq!(geometry(&page.blocks), geometry(&before.blocks), "the same page as with the lead listed first");
}

/// A story without `priority` ranks at its place in the page's list, so `priority = 2` on the
/// last of six makes it the second story, not the lead (until session 26 every story with a
/// priority came before every one without, and 人才聚智 led the automatic sample's page 2).
/// Read back from the PDF: page 2's largest type is the first listed story's headline (都昌),
/// and of the other heads 人才聚智's stands first in reading order (highest, then leftmost).
#[test]
fn a_priority_ranks_among_the_listed_places_not_ahead_of_them() {
    let p = TestProject::with_edition("jiangxi-auto");
    p.edit("content/jiangxi-auto/stories/rencai.toml", |t| t.replacen("\nheadline =", "\npriority = 2\nheadline =", 1));
    p.folio(&["build", "content/jiangxi-auto", "--out", "out"]).assert_code(0);
    let page = &typeset::chars(&p.out().join("jiangxi-auto.pdf"))[1];
    let heads: Vec<&typeset::Char> = page.iter().filter(|c| c.size >= 14.0 && typeset::is_han(c.c)).collect();
    let largest = heads.iter().map(|c| c.size).fold(0.0, f64::max);
    let lead: String = heads.iter().filter(|c| (c.size - largest).abs() < 0.1).map(|c| c.c).collect();
    assert_eq!(lead, "全力推进毒品问题综合治理", "the page's lead is the first listed story");
    let first_of = |headline: &str| -> (i64, i64) {
        let first = headline.chars().next().unwrap();
        let c = heads.iter().filter(|c| c.c == first && (c.size - largest).abs() > 0.1).min_by(|a, b| a.y.total_cmp(&b.y)).unwrap_or_else(|| panic!("{headline} on page 2"));
        ((c.y / 12.0).round() as i64, c.x0 as i64)
    };
    let others = ["人才聚智", "所队联动", "源头治理", "青苗聚势", "教育聚能"];
    let order: Vec<(i64, i64)> = others.iter().map(|h| first_of(h)).collect();
    assert!(order[1..].iter().all(|o| order[0] <= *o), "人才聚智 first after the lead: {:?}", others.iter().zip(&order).collect::<Vec<_>>());
}

/// When no layout keeps a page's order, folio tries the stories after the lead in other orders
/// (the fewest moved first; of the first four that place, the cheapest) and says so: a tabloid
/// page of five stories of seed text (TEST DATA) tiles in no layout in its listed order, in
/// another it does. (Until session 30 the automatic sample's page 2 listed with 教育聚能 before
/// 青苗聚势 was this page; with stories taking back a line or two by setting paragraphs tighter,
/// `squeeze`, every order of that page tiles.) The build succeeds with a `reordered` warning at
/// the page's `stories` naming the order; the blocks follow it and hold every story's headline
/// on the page (read back from the PDF); `folio place --write` makes it stable (no warning on the
/// next build, the same pages). With every story given its `priority` in the listed order
/// nothing may move, and the build stops with what to cut.
#[test]
fn a_page_no_layout_keeps_in_order_is_placed_in_another_and_says_so() {
    const E: &str = "reorder";
    const PICKS: [(usize, usize, usize); 5] = [(33, 5, 8), (7, 10, 1), (39, 7, 11), (40, 9, 3), (17, 6, 2)];
    let order = ["s0", "s1", "s2", "s3", "s4"];
    let listed = format!("stories = [{}]", order.iter().map(|s| format!("\"stories/{s}.toml\"")).collect::<Vec<_>>().join(", "));
    let p = TestProject::sample();
    let dir = common::seed_edition(&p, E, "tabloid", &PICKS, |_| String::new());
    let mut s = session(&p, E);
    let report = s.compile().unwrap_or_else(|d| panic!("{d}"));
    let page = report.placed.iter().find(|pl| pl.page == 0).expect("page 1 placed");
    assert!(page.reordered, "{:?}", page.blocks);
    let name = |si: usize| report.edition.stories[0][si].display.file_stem().unwrap().to_string_lossy().into_owned();
    let read: Vec<String> = page.blocks.iter().map(|b| name(b.story)).collect();
    assert_eq!(read[0], "s0", "the lead keeps its place");
    assert_ne!(read, order.map(String::from).to_vec());
    let mut sorted = read.clone();
    sorted.sort();
    assert_eq!(sorted, order.map(String::from).to_vec(), "every story placed once");
    // The warning, located at the page's stories, naming the order read.
    let edition = format!("content/{E}/edition.toml");
    let run = p.folio(&["check", &format!("content/{E}"), "--format", "json"]);
    run.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let found: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "reordered").collect();
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(found[0]["file"], edition.as_str());
    assert_eq!(found[0]["line"], common::line_of(&p, &edition, &listed) as u64);
    assert!(found[0]["message"].as_str().unwrap().contains(&read.join(", ")), "{}", found[0]);
    // Of the orders that place, the cheapest: here one without a row of heads.
    assert!(!v["findings"].as_array().unwrap().iter().any(|f| f["code"] == "heads-side-by-side"), "{v:#}");
    // Every headline on the page of the PDF.
    p.folio(&["build", &format!("content/{E}")]).assert_code(0);
    let pdf = p.out().join(format!("{E}.pdf"));
    let heads: Vec<char> = common::typeset::chars(&pdf)[0].iter().filter(|c| c.size > 14.0).map(|c| c.c).collect();
    for story in order {
        let text = std::fs::read_to_string(dir.join(format!("stories/{story}.toml"))).unwrap();
        let headline = text.lines().find_map(|l| l.strip_prefix("headline = ")).unwrap().trim_matches('"').replace("\\n", "");
        assert!(common::han(&headline).iter().all(|c| heads.contains(c)), "{story}: {headline} not on the page");
    }
    let before = p.out().join("before.pdf");
    std::fs::copy(&pdf, &before).unwrap();
    let placed = |pdf: &std::path::Path| -> Vec<(char, i64, i64)> { common::typeset::chars(pdf)[0].iter().map(|c| (c.c, (c.x0 * 10.0).round() as i64, (c.y * 10.0).round() as i64)).collect() };
    // Written, the order is the blocks': no warning, the same pages.
    p.folio(&["place", &format!("content/{E}"), "--write"]).assert_code(0);
    let run = p.folio(&["build", &format!("content/{E}")]);
    run.assert_code(0);
    assert!(!run.stderr().contains("no layout keeps"), "{}", run.stderr());
    assert_eq!(placed(&pdf), placed(&before), "the written blocks rebuild the page as placed");

    // Ranked as listed: nothing may move, and the page does not place.
    let p = TestProject::sample();
    common::seed_edition(&p, E, "tabloid", &PICKS, |_| String::new());
    for (rank, story) in order.iter().enumerate() {
        p.edit(&format!("content/{E}/stories/{story}.toml"), |t| t.replacen("\nheadline =", &format!("\npriority = {}\nheadline =", rank + 1), 1));
    }
    let run = p.folio(&["build", &format!("content/{E}")]);
    run.assert_code(1);
    run.assert_stderr_has(&["page 1:", "cut about"]);
}

/// A story without a block and without copy cannot be placed by its copy: a located error on the
/// page's `stories` line, nothing written.
#[test]
fn an_unplaced_story_without_copy_is_named() {
    let p = unplaced_sample();
    std::fs::write(p.edition(SAMPLE_NAME).join("stories/balihu.toml"), "headline = \"只有标题\"\n").unwrap();
    let run = p.folio(&["build", "content/jiangxi-special", "--out", "out"]);
    run.assert_code(1);
    let line = common::line_of(&p, "content/jiangxi-special/edition.toml", "stories/balihu.toml");
    run.assert_stderr_has(&["balihu.toml has no copy", &format!("edition.toml:{line}:"), "write the story's body"]);
    assert!(!p.out().join("jiangxi-special.pdf").exists());
}

/// `folio check` reports every block, hand-placed or placed by folio, with the characters it
/// holds against the copy it has (lines × the format's `column_chars`), in the JSON report and
/// in the human one; and what a block holds is checked here by its own arithmetic: a story
/// with neither photo nor lead box holds span × (lines under its head) lines.
#[test]
fn check_reports_the_characters_every_block_holds_against_its_copy() {
    let p = unplaced_sample();
    let run = p.folio(&["check", "content/jiangxi-special", "--format", "json"]);
    run.assert_code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout()).expect("JSON report");
    let pages = report["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 2);
    let mut seen = Vec::new();
    for page in pages {
        let blocks = page["blocks"].as_array().expect("blocks on every page");
        assert_eq!(blocks.len() as u64, page["stories"].as_u64().unwrap(), "one block per story: {page}");
        let copy: u64 = blocks.iter().map(|b| b["copy_lines"].as_u64().unwrap()).sum();
        assert_eq!(copy, page["body_lines"].as_u64().unwrap(), "the blocks' copy is the page's body lines");
        for b in blocks {
            let n = |k: &str| b[k].as_i64().unwrap_or_else(|| panic!("{k} in {b}"));
            let cpl = n("chars_per_line");
            assert_eq!(cpl, 10, "the broadsheet's column_chars");
            assert_eq!(n("capacity_chars"), n("capacity_lines") * cpl);
            assert_eq!(n("copy_chars"), n("copy_lines") * cpl);
            assert_eq!(n("spare_chars"), n("capacity_chars") - n("copy_chars"));
            assert!(n("text_chars") > 0 && n("copy_lines") > 0, "{b}");
            let stem = std::path::Path::new(b["story"].as_str().unwrap()).file_stem().unwrap().to_string_lossy().into_owned();
            let by_folio = PAGE5.contains(&stem.as_str());
            assert_eq!(b["placed"], if by_folio { "folio" } else { "hand" }, "{b}");
            if by_folio {
                // Placed with no overset and columns level within a line: at most a line short
                // in each column (and under a photo's foot).
                assert!(n("spare_chars") >= 0 && n("spare_chars") <= 2 * n("span") * cpl, "{b}");
            }
            seen.push(stem);
        }
    }
    assert_eq!(seen.len(), 7, "{seen:?}");

    // What a block holds, by arithmetic: span × (foot − first line under the head).
    let mut s = session(&p, SAMPLE_NAME);
    let compiled = s.compile().unwrap_or_else(|d| panic!("{d}"));
    let formats = s.formats().unwrap().clone();
    let all = s.measure_all_spans(&compiled.edition).unwrap();
    let mut plain = 0;
    for (pi, stories) in compiled.edition.stories.iter().enumerate() {
        let f = compiled.edition.page_format(&formats, pi);
        let fitter = Fitter::new(&compiled.edition, &formats, &all.galley, &all.measures, pi, vec![]);
        let page_top = compiled.edition.page_top(&formats, pi);
        for (si, story) in stories.iter().enumerate() {
            let v = &story.value;
            if !v.photos.is_empty() || v.lead.is_some() || !v.jumps.is_empty() || v.vertical || v.block().get_ref().cutout.is_some() {
                continue;
            }
            let b = v.block().get_ref();
            let head = fitter.fit(si, b).unwrap().head_lines;
            let body_top = b.top + u32::from(b.top > page_top) + head;
            let foot = b.top + folio::input::content::block_lines(b, f);
            let fit = compiled.compiled.fits.iter().find(|x| x.page == pi && x.story == si).unwrap();
            assert_eq!(fit.capacity, b.span * (foot - body_top), "{}", story.display.display());
            plain += 1;
        }
    }
    assert!(plain >= 3, "{plain}");

    // The human report: one line per block under its page.
    let human = p.folio(&["check", "content/jiangxi-special"]);
    human.assert_code(0);
    let out = human.stdout();
    for name in PAGE5 {
        let line = out.lines().find(|l| l.trim_start().starts_with(&format!("{name}: block "))).unwrap_or_else(|| panic!("no block line for {name}:\n{out}"));
        assert!(line.contains("(placed by folio) holds ~") && line.contains(" characters, copy "), "{line}");
    }
    assert!(out.lines().any(|l| l.trim_start().starts_with("xinyu: block 8 cols × ") && l.contains("(by hand)")), "{out}");
}

/// A hand-placed block with too much copy: the report says by how many characters it is over,
/// at least the overset lines' characters (and within a line a column of them).
#[test]
fn check_reports_a_hand_placed_block_over_in_characters() {
    let p = TestProject::sample();
    let extra = common::seed_paras(0, 3);
    p.edit("content/jiangxi-special/stories/duchang.toml", |t| t.replacen("body = \"\"\"", &format!("body = \"\"\"\n{extra}\n"), 1));
    let run = p.folio(&["check", "content/jiangxi-special", "--format", "json", "--allow-overset"]);
    run.assert_code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let page = &report["pages"][1];
    let overset = page["overset_lines"].as_i64().unwrap();
    assert!(overset > 0, "{page}");
    let b = page["blocks"].as_array().unwrap().iter().find(|b| b["story"].as_str().unwrap().ends_with("duchang.toml")).unwrap();
    let (spare, span) = (b["spare_chars"].as_i64().unwrap(), b["span"].as_i64().unwrap());
    assert_eq!(b["placed"], "hand");
    assert!(-spare >= overset * 10 && -spare <= (overset + span) * 10, "{b}, {overset} lines overset");
    let human = p.folio(&["check", "content/jiangxi-special", "--allow-overset"]);
    let line = human.stdout().lines().find(|l| l.trim_start().starts_with("duchang: block 2 cols × 29 lines (by hand)")).map(str::to_string);
    let over = line.as_deref().and_then(|l| l.rsplit_once('(')).and_then(|(_, r)| r.strip_suffix(" over)")).map(|n| n.replace(' ', ""));
    assert_eq!(over, Some((-spare).to_string()), "{line:?}\n{}", human.stdout());
}

/// `min_span` / `max_span` bound the span folio chooses. On the automatic pages of both samples
/// (their blocks removed) and on seeded random tabloid pages of seed text, every layout the
/// search finds with one story's span bounded keeps it within the bounds, and bounds that let
/// the default span through change nothing. A bound that changes a page is then written into
/// its story file, and the build places the story as the search did; one that leaves no layout
/// stops the build with the page's error.
#[test]
fn span_hints_bound_the_spans_folio_chooses() {
    use folio::layout::place::{search, Area, Layout};
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    use toml::Spanned;
    let all = ["xinyu", "jiujiang-lead", "wuning", "duchang", "lianxi", "pengze", "balihu"];
    // (edition, page, story, its file stem, min, max, span chosen)
    let mut changed = None;
    let mut infeasible = None;
    let mut tried = 0;
    let explore = |s: &mut folio::session::Session, edition: &str, changed: &mut Option<(String, usize, usize, String, u32, u32, u32)>, infeasible: &mut Option<(String, String, u32, u32)>, tried: &mut u32| {
        let Ok(mut report) = s.compile() else { return };
        // The search starts from the stories as written: the photo heights, spans, rows and
        // columns the placement chose (written into the placed stories for the compile) are
        // taken out again (the stories it places have none of them in their files).
        for placement in &report.placed {
            for b in &placement.blocks {
                let story = &mut report.edition.stories[placement.page][b.story].value;
                for photo in &mut story.photos {
                    photo.height = None;
                    photo.span = None;
                }
                if let (true, Some(photo)) = (b.photo_top, story.photos.first_mut()) {
                    photo.row = None;
                    photo.column = None;
                }
                // Nor a block, nor a head the search turned vertical: pass 1 then sets what it
                // sets for a story it places (its head turned too).
                story.block = None;
                if b.vertical {
                    story.vertical = false;
                }
            }
        }
        let formats = s.formats().unwrap().clone();
        let measured = s.measure_all_spans(&report.edition).unwrap();
        let infos = folio::input::photos::inspect_all(&report.edition).unwrap();
        for placement in &report.placed {
            let pi = placement.page;
            let photos = || infos[pi].iter().map(|v| v.iter().copied().map(Some).collect()).collect();
            let f = report.edition.page_format(&formats, pi);
            let ids: Vec<usize> = placement.blocks.iter().map(|b| b.story).collect();
            let area = Area {
                column: 1,
                columns: f.columns,
                top: placement.blocks.iter().map(|b| b.top).min().unwrap(),
                bottom: placement.blocks.iter().map(|b| b.top + b.height).max().unwrap(),
            };
            if placement.blocks.iter().map(|b| b.column).min() != Some(1) {
                continue;
            }
            let default = {
                let fitter = Fitter::new(&report.edition, &formats, &measured.galley, &measured.measures, pi, photos());
                search(&fitter, &ids, area).expect("the page tiles as placed")
            };
            let span_of = |layout: &Layout, si: usize| layout.blocks.iter().find(|b| b.story == si).unwrap().span;
            for &si in &ids {
                let s0 = span_of(&default, si);
                for (min, max) in [(s0, s0), (1, s0.saturating_sub(1)), (s0 + 1, f.columns)] {
                    if min == 0 || max < min {
                        continue;
                    }
                    *tried += 1;
                    let mut e = report.edition.clone();
                    e.stories[pi][si].value.min_span = Some(Spanned::new(0..0, min));
                    e.stories[pi][si].value.max_span = Some(Spanned::new(0..0, max));
                    let fitter = Fitter::new(&e, &formats, &measured.galley, &measured.measures, pi, photos());
                    let name = report.edition.stories[pi][si].display.file_stem().unwrap().to_string_lossy().into_owned();
                    let Some(layout) = search(&fitter, &ids, area) else {
                        infeasible.get_or_insert((edition.to_string(), name, min, max));
                        continue;
                    };
                    let span = span_of(&layout, si);
                    assert!((min..=max).contains(&span), "{edition} {name}: span {span} outside {min}–{max}");
                    if (min, max) == (s0, s0) {
                        assert_eq!(layout, default, "bounds the default keeps change nothing");
                    } else {
                        changed.get_or_insert((edition.to_string(), pi, si, name, min, max, span));
                    }
                }
            }
        }
    };
    let unplaced = |edition: &str| {
        let p = TestProject::with_edition(edition);
        common::unplace(&p, edition, if edition == SAMPLE_NAME { &PAGE5[..] } else { &all[2..] });
        p
    };
    for edition in [SAMPLE_NAME, "jiangxi-tabloid"] {
        let p = unplaced(edition);
        explore(&mut session(&p, edition), edition, &mut changed, &mut infeasible, &mut tried);
    }
    // Random pages of seed text (as in the property test below) until a bound changes one.
    let seed = common::Seed::load();
    let random = TestProject::sample();
    let dir = random.edition("prop");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    let mut s = session(&random, "prop");
    let strategy = (2usize..=4, 0.6f64..0.72, proptest::collection::vec((0usize..1000, 0usize..1000, 1u32..10), 4));
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    for _ in 0..40 {
        if changed.is_some() {
            break;
        }
        let (n, share, picks) = strategy.new_tree(&mut runner).unwrap().current();
        common::write_random_page(&seed, &dir, 3840.0 * share, &picks[..n]);
        explore(&mut s, "prop", &mut changed, &mut infeasible, &mut tried);
    }
    assert!(tried > 10, "{tried}");

    // The same bounds in the story file.
    let (edition, pi, si, name, min, max, span) = changed.expect("some bound that excludes a default span still tiles a page");
    let bound = |p: &TestProject, edition: &str, name: &str, min: u32, max: u32| {
        p.edit(&format!("content/{edition}/stories/{name}.toml"), |t| t.replacen("headline =", &format!("min_span = {min}\nmax_span = {max}\nheadline ="), 1));
    };
    let p = if edition == "prop" { random } else { unplaced(&edition) };
    bound(&p, &edition, &name, min, max);
    let placed = session(&p, &edition).compile().unwrap_or_else(|d| panic!("{d}")).placed;
    let page = placed.iter().find(|pl| pl.page == pi).unwrap();
    assert_eq!(page.blocks.iter().find(|b| b.story == si).unwrap().span, span, "{edition} {name}: min_span = {min}, max_span = {max}");
    if let Some((edition, name, min, max)) = infeasible.filter(|i| i.0 != "prop") {
        let p = unplaced(&edition);
        bound(&p, &edition, &name, min, max);
        let run = p.folio(&["build", &format!("content/{edition}"), "--out", "out"]);
        // No layout in the page's order: another order of the stories after the lead may place
        // it (then with the bound kept and a `reordered` warning), else the build stops.
        if run.code() == 0 {
            run.assert_stderr_has(&["no layout keeps the stories in their listed order", "edition.toml:"]);
            let report = session(&p, &edition).compile().unwrap_or_else(|d| panic!("{d}"));
            let b = report.placed.iter().flat_map(|pl| pl.blocks.iter().map(move |b| (pl, b))).find(|(pl, b)| report.edition.stories[pl.page][b.story].display.file_stem().unwrap().to_string_lossy() == name).expect("placed").1;
            assert!((min..=max).contains(&b.span), "{edition} {name}: span {} outside {min}–{max}", b.span);
        } else {
            run.assert_code(1);
            run.assert_stderr_has(&["edition.toml:", "hint:"]);
        }
    }
}

/// Span hints out of range, or crossed, are errors at their key with the fix.
#[test]
fn bad_span_hints_are_located_errors() {
    const WUNING: &str = "content/jiangxi-special/stories/wuning.toml";
    for (keys, needle, hint) in [
        ("min_span = 0", "`min_span` = 0 is out of range: the page has columns 1–8", "set `min_span` between 1 and 8"),
        ("max_span = 9", "`max_span` = 9 is out of range: the page has columns 1–8", "set `max_span` between 1 and 8"),
        ("min_span = 5\nmax_span = 3", "`min_span` = 5 is more than `max_span` = 3", "make min_span ≤ max_span"),
    ] {
        let p = unplaced_sample();
        p.edit(WUNING, |t| t.replacen("headline =", &format!("{keys}\nheadline ="), 1));
        let line = common::line_of(&p, WUNING, keys.lines().next().unwrap());
        let col = keys.find('=').unwrap() + 3;
        let run = p.folio(&["build", "content/jiangxi-special", "--out", "out"]);
        run.assert_code(1);
        run.assert_stderr_has(&[needle, &format!("stories/wuning.toml:{line}:{col}"), hint]);
        assert!(!p.out().join("jiangxi-special.pdf").exists());
    }
    // A typo gets the key.
    let p = unplaced_sample();
    p.edit(WUNING, |t| t.replacen("headline =", "max_spam = 3\nheadline =", 1));
    let run = p.folio(&["build", "content/jiangxi-special", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has(&["unknown field `max_spam`", "did you mean `max_span`?"]);
}

/// Widths of the pictures' boxes on a laid-out page (a picture is drawn whole at its crop and
/// clipped by its box: the box is the outermost clipping frame around the image).
fn picture_widths(frame: &typst::layout::Frame) -> Vec<f64> {
    fn images(frame: &typst::layout::Frame, clip: Option<f64>, out: &mut Vec<f64>) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(g) => images(&g.frame, if g.clip.is_some() && clip.is_none() { Some(g.frame.width().to_pt()) } else { clip }, out),
                typst::layout::FrameItem::Image(..) => out.push(clip.unwrap_or(frame.width().to_pt())),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    images(frame, None, &mut out);
    out
}

/// A photo's `size` (for a photo without `span`) is the width the search starts from and
/// prefers: on the automatic sample's page 3, 九江's photo asked `small` is narrower than the
/// usual two thirds of its block, asked `large` it takes the whole block — read off the laid-out
/// page; `folio place` prints a span that differs from the asked size, and builds the same.
#[test]
fn a_photo_size_asks_for_a_smaller_or_larger_picture() {
    const AUTO: &str = "jiangxi-auto";
    const LEAD: &str = "content/jiangxi-auto/stories/jiujiang-lead.toml";
    for size in ["small", "large"] {
        let p = TestProject::with_edition(AUTO);
        p.edit(LEAD, |t| t.replacen("file = \"photos/chaji.jpg\"", &format!("file = \"photos/chaji.jpg\"\nsize = \"{size}\""), 1));
        let mut s = session(&p, AUTO);
        let report = s.compile().unwrap_or_else(|d| panic!("{d}"));
        let formats = s.formats().unwrap().clone();
        let pi = 2;
        let f = report.edition.page_format(&formats, pi);
        let placement = report.placed.iter().find(|pl| pl.page == pi).expect("page 3 placed");
        let si = report.edition.stories[pi].iter().position(|st| st.display.to_string_lossy().ends_with("jiujiang-lead.toml")).unwrap();
        let b = placement.blocks.iter().find(|b| b.story == si).expect("the lead placed");
        let medium = if b.span <= 3 { b.span } else { (2 * b.span).div_ceil(3) };
        let asked = if size == "small" { b.span.div_ceil(3) } else { b.span };
        let got = b.photo_span.unwrap_or(asked);
        let widths = picture_widths(&report.compiled.document.pages()[pi].frame);
        assert!(widths.iter().any(|x| (x - f.span_width(got)).abs() < 0.5), "{size}: the photo should be {got} columns ({:.1} pt) wide: {widths:?}", f.span_width(got));
        if size == "small" {
            assert!(got < medium || b.span == 1, "{size}: {got} columns in a {}-column block, as wide as a medium photo", b.span);
        } else {
            assert_eq!(got, b.span, "{size}: the whole {}-column block", b.span);
            assert!(got > medium || b.span <= 3);
        }
        // folio place --write writes the photo's span (and height) beside the hint, which
        // then has no effect: the next build gives the same page.
        let run = p.folio(&["place", &format!("content/{AUTO}"), "--write"]);
        run.assert_code(0);
        let written = std::fs::read_to_string(p.root().join(LEAD)).unwrap();
        assert!(written.contains(&format!("size = \"{size}\"")), "the hint stays in the file");
        let again = session(&p, AUTO).compile().unwrap_or_else(|d| panic!("{d}"));
        assert!(again.placed.iter().all(|pl| pl.page != pi || pl.blocks.iter().all(|b| b.story != si)), "the lead has its block now");
        assert_eq!(picture_widths(&again.compiled.document.pages()[pi].frame), widths, "{size}: {written}");
    }
}

/// A photo's `size` on a 压题图 (which spans the whole block) is an error at the key with the
/// fix; an unknown size names the three.
#[test]
fn a_photo_size_on_a_photo_under_the_head_is_a_located_error() {
    const LEAD: &str = "content/jiangxi-auto/stories/jiujiang-lead.toml";
    let p = TestProject::with_edition("jiangxi-auto");
    p.edit(LEAD, |t| t.replacen("file = \"photos/chaji.jpg\"", "file = \"photos/chaji.jpg\"\nunder_head = true\nsize = \"large\"", 1));
    let line = common::line_of(&p, LEAD, "under_head = true");
    let run = p.folio(&["build", "content/jiangxi-auto"]);
    run.assert_code(1);
    run.assert_stderr_has(&["so it takes no size", &format!("stories/jiujiang-lead.toml:{line}:14"), "remove size"]);
    assert!(!p.out().join("jiangxi-auto.pdf").exists());
    let p = TestProject::with_edition("jiangxi-auto");
    p.edit(LEAD, |t| t.replacen("file = \"photos/chaji.jpg\"", "file = \"photos/chaji.jpg\"\nsize = \"huge\"", 1));
    let run = p.folio(&["build", "content/jiangxi-auto"]);
    run.assert_code(1);
    run.assert_stderr_has(&["size = \"huge\" is not a photo size", "\"small\"", "\"medium\"", "\"large\"", "stories/jiujiang-lead.toml:"]);
}

/// The placement property (issue 12), on a tabloid page (6 columns × 64 lines, 10 characters a
/// line: 3 840 characters) and random sets of 1–4 stories of seed text (TEST DATA: whole seed
/// paragraphs taken literally, headlines from the seed's short lines). Copy is drawn to about
/// 0.1–0.3, 0.85–1.0 or 1.2–1.6 of the page's characters. Every case either
/// - places: every story with no overset and its columns level within a line, the blocks tiling
///   the page exactly, no column of any block ending more than one line above its foot (measured
///   on the composed pages, not from the fits), no preflight error; or
/// - stops with the what-to-cut message on `edition.toml`: over (cut about N characters), short
///   (add about N characters), or no arrangement of the stories (the sums tie).
///
/// Copy over the page (by its characters, 1.2 × and more) never places and always gets "cut";
/// copy under 0.3 of it never places and always gets "add". The run is seeded (the same cases
/// every time) and must see a page placed, one over and one short.
#[test]
fn random_story_sets_place_exactly_or_say_what_to_cut() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    const CASES: u32 = 64;
    let seed = common::Seed::load();
    let p = TestProject::sample();
    let dir = p.edition("prop");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    let mut s = session(&p, "prop");
    let (columns, lines, cpl) = (6u32, 64u32, 10usize);
    let capacity = columns as usize * lines as usize * cpl;
    let strategy = (1usize..=4, 0u8..3, 0.0f64..1.0, proptest::collection::vec((0usize..1000, 0usize..1000, 1u32..10), 4));
    let mut runner = TestRunner::new_with_rng(Config { cases: CASES, ..Config::default() }, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let (mut placed, mut over, mut short, mut tied) = (0, 0, 0, 0);
    // The most empty lines under any column of a placed block.
    let mut worst = 0;
    for case in 0..CASES {
        let (n, class, u, picks) = strategy.new_tree(&mut runner).unwrap().current();
        let share = match class {
            0 => 0.1 + 0.2 * u,
            1 => 0.6 + 0.25 * u,
            _ => 1.2 + 0.4 * u,
        };
        let text = common::write_random_page(&seed, &dir, capacity as f64 * share, &picks[..n]);
        let what = format!("case {case}: {n} stories, {text} characters of text for {capacity} ({share:.2})");
        let outcome = s.compile();
        eprintln!("{what}: {}", match &outcome { Ok(_) => "placed".to_string(), Err(d) => d.0[0].message.clone() });
        match outcome {
            Ok(report) => {
                assert!(text * 10 < capacity * 12, "{what}: copy over the page was placed");
                assert!(text * 10 > capacity * 3, "{what}: copy far short of the page was placed");
                let errors: Vec<_> = report.preflight.iter().filter(|f| f.is_error()).map(|f| f.diag.message.clone()).collect();
                assert!(errors.is_empty(), "{what}: {errors:?}");
                for fit in &report.compiled.fits {
                    assert!(fit.overset == 0 && fit.underset <= 1, "{what}: {fit:?}");
                }
                let blocks = &report.placed.first().expect("the page was placed").blocks;
                assert_eq!(blocks.len(), n, "{what}");
                let mut cells = vec![0u8; (columns * lines) as usize];
                for b in blocks {
                    for c in b.column - 1..b.column - 1 + b.span {
                        for l in b.top..b.top + b.height {
                            cells[(c * lines + l) as usize] += u8::from(common::block_covers(b, c, l));
                        }
                    }
                }
                assert!(cells.iter().all(|&k| k == 1), "{what}: the blocks do not tile the page: {blocks:?}");
                // Every column of every block ends within two lines of the block's foot: what the
                // search guarantees today (the balanced columns end at most a line above the foot,
                // and a column at most a line above them); the issue asks for one (README, "Not yet").
                let page = &report.compiled.data.pages[0];
                let f = &page.format;
                for (k, story) in page.stories.iter().enumerate() {
                    let b = &blocks.iter().find(|b| b.story == k).unwrap();
                    for c in b.column - 1..b.column - 1 + b.span {
                        let x = f.col_x(c);
                        let bottom = story.items.iter().filter(|it| (it.rect.x - x).abs() < 0.5).map(|it| it.rect.y + it.rect.h).fold(f64::NAN, f64::max);
                        // The column's own foot (above an L-shaped block's corner in its columns).
                        let foot = story.block.y + story.block.h - f.line_y(b.top + b.height - common::column_foot(b, c));
                        // A vertical head (竖题) may keep its column, the copy beside it: then it
                        // runs down to the column's foot.
                        let vertical = matches!(&story.head.piece, folio::layout::compose::PlacedPiece::Piece(folio::layout::galley::Piece::Head { head }) if head.vertical);
                        if vertical && c == b.column - 1 && bottom.is_nan() {
                            let head_foot = story.head.rect.y + story.head.rect.h;
                            assert!(foot - head_foot <= 2.0 * f.pitch_pt + 0.01, "{what}: story {k}'s vertical head ends {:.1} pt above its column's foot, no copy under it", foot - head_foot);
                            continue;
                        }
                        assert!(bottom.is_finite(), "{what}: story {k}'s column {} holds no copy: {blocks:?}", c + 1);
                        assert!(foot - bottom <= 2.0 * f.pitch_pt + 0.01, "{what}: story {k}'s column {} ends {:.1} pt above its foot; {blocks:?} {:?}", c + 1, foot - bottom, report.compiled.fits);
                        worst = worst.max(((foot - bottom) / f.pitch_pt).round() as u32);
                    }
                }
                placed += 1;
            }
            Err(diags) => {
                assert_eq!(diags.0.len(), 1, "{what}: {diags}");
                let d = &diags.0[0];
                assert!(d.path.as_ref().is_some_and(|p| p.ends_with("content/prop/edition.toml")) && d.line_col().is_some(), "{what}: {d:?}");
                assert!(d.message.starts_with("page 1: "), "{what}: {}", d.message);
                let hints = common::without_cut_starts(&d.hints.join(" "));
                let chars = |s: &str, key: &str| s.split(key).next().and_then(|a| a.split_whitespace().last()).and_then(|x| x.parse::<u32>().ok());
                // The characters a hint's "cut …" part asks for in all (one amount, or one a story).
                let cut_total = |h: &str| -> u32 {
                    let part = h.split("cut ").nth(1).unwrap_or("").split(';').next().unwrap_or("").split(" (").next().unwrap_or("");
                    part.split("about ").skip(1).filter_map(|a| a.split_whitespace().next()?.parse::<u32>().ok()).sum()
                };
                if d.message.contains("characters over") {
                    let cut = cut_total(&hints);
                    assert!(hints.starts_with("cut about ") && cut > 0, "{what}: {hints}");
                    // A line holds a column's characters (one more with punctuation squeezed).
                    assert!(cut as usize + capacity >= text * 10 / 11, "{what}: cut about {cut} characters is too few");
                    assert!(text * 10 > capacity * 3, "{what}: far short, but told to cut");
                    over += 1;
                } else if d.message.contains("characters short") {
                    assert!(hints.starts_with("add about ") && chars(&hints, " characters").is_some_and(|a| a > 0), "{what}: {hints}");
                    assert!(text * 10 < capacity * 12, "{what}: over, but told to add");
                    short += 1;
                } else {
                    // The fix of the nearest arrangement (what to cut or add, story by story), or,
                    // where the search finds none, the general one.
                    assert!(d.message.contains("no arrangement") && (hints.contains("the nearest arrangement needs: ") || hints.contains("lengthen or shorten")), "{what}: {}: {hints}", d.message);
                    tied += 1;
                }
                if text * 10 >= capacity * 12 {
                    assert!(d.message.contains("characters over"), "{what}: {}", d.message);
                }
                if text * 10 <= capacity * 3 {
                    assert!(d.message.contains("characters short"), "{what}: {}", d.message);
                }
            }
        }
    }
    eprintln!("{CASES} cases: {placed} placed (a column at most {worst} lines above its foot), {over} over, {short} short, {tied} without an arrangement");
    assert!(placed > 0 && over > 0 && short > 0, "{placed} placed, {over} over, {short} short");
}

/// A photo anchored at the foot of the copy, in the lead box's columns, sits under the box even
/// when the copy beside it is short (the flow's foot used to leave room for the photo only, so
/// the photo was drawn over the box's last lines).
#[test]
fn a_foot_photo_under_the_lead_box_does_not_cover_it() {
    let p = TestProject::with_edition("jiangxi-auto");
    p.edit("content/jiangxi-auto/stories/xinyu.toml", |t| {
        // Short copy: the intro alone beside the box; the photo in the box's columns.
        let t = t[..t.find("[[sections]]").unwrap()].to_string() + &t[t.find("[[photos]]").unwrap()..];
        let t = t.replacen("column = 3", "column = 1", 1).replacen("span = 4", "span = 3", 1);
        format!("{t}\n[block]\ncolumn = 1\nspan = 6\ntop = 12\nheight = 52\n")
    });
    let report = p.report("jiangxi-auto", false);
    let story = &report.compiled.data.pages[0].stories[0];
    let (lead, photo) = (story.lead.as_ref().expect("a lead box").rect, story.photos[0].rect);
    assert!(photo.x < lead.x + lead.w, "the photo shares the box's columns");
    assert!(photo.y >= lead.y + lead.h - 0.5, "the photo (top {:.1}) covers the lead box (foot {:.1})", photo.y, lead.y + lead.h);
}

/// A photo with no `span` (or `column`) is sized by folio for the block it chose: the whole
/// block up to three columns, two thirds of a wider one, or wider or narrower where the search
/// needed it to fill the page. Read back from the laid-out pages: each picture's width is the
/// width of that many columns.
#[test]
fn photos_without_a_span_are_sized_for_their_block() {
    const AUTO: &str = "jiangxi-auto";
    let p = TestProject::with_edition(AUTO);
    let mut s = session(&p, AUTO);
    let report = s.compile().unwrap_or_else(|d| panic!("{d}"));
    let formats = s.formats().unwrap().clone();
    let mut checked = 0;
    for placement in &report.placed {
        let f = report.edition.page_format(&formats, placement.page);
        // Widths of the pictures' boxes on the page, as Typst laid them out.
        let widths = picture_widths(&report.compiled.document.pages()[placement.page].frame);
        for b in &placement.blocks {
            for photo in &report.edition.stories[placement.page][b.story].value.photos {
                // The rule's span, unless the search made the photo wider or narrower to fill
                // the page (then the compile was given that span).
                let rule = if b.span <= 3 { b.span } else { (2 * b.span).div_ceil(3) };
                let rule = rule.min(b.span - photo.column.as_ref().map_or(0, |c| c.get_ref() - 1));
                let want = b.photo_span.unwrap_or(rule);
                assert_eq!(photo.span.as_ref().map(|s| *s.get_ref()), b.photo_span);
                let w = f.span_width(want);
                assert!(widths.iter().any(|x| (x - w).abs() < 0.5), "page {}: a {}-column block's photo should be {want} columns ({w:.1} pt) wide: {widths:?}", placement.page + 1, b.span);
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 2, "both photos of the automatic sample");
}

/// An L-shaped block (破栏): the tabloid's page 4 left to folio is set as balihu (its vertical
/// head down the first column) wrapping the bottom-right corner that duchang fills, so the two
/// heads never stand side by side. Read back from the PDF: the text printed in the corner is
/// duchang's, and balihu's copy runs above and beside it. `folio place --write` writes the corner
/// as `cutout = { span = …, height = … }` and the written blocks rebuild the very same pages.
#[test]
fn an_l_shaped_block_is_placed_read_back_and_written() {
    let p = TestProject::with_edition("jiangxi-tabloid");
    common::unplace(&p, "jiangxi-tabloid", &["duchang", "balihu"]);
    let report = p.report("jiangxi-tabloid", true);
    let placement = report.placed.iter().find(|pl| pl.page == 3).expect("page 4 placed");
    let l = placement.blocks.iter().find(|b| b.cutout.is_some()).expect("an L-shaped block on page 4");
    let name = |si: usize| report.edition.stories[3][si].display.file_stem().unwrap().to_string_lossy().into_owned();
    assert_eq!(name(l.story), "balihu", "{:?}", placement.blocks);
    let (cw, ch) = l.cutout.unwrap();
    let corner = placement.blocks.iter().find(|b| b.story != l.story).unwrap();
    assert_eq!((corner.column, corner.span, corner.top, corner.height), (l.column + l.span - cw, cw, l.top + l.height - ch, ch), "duchang fills the corner");

    // The corner and balihu's own part, as printed.
    let page = &report.compiled.data.pages[3];
    let f = &page.format;
    let story = &page.stories[l.story];
    let cut = story.cutout.expect("the corner in the page data");
    let (ox, oy) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.top_pt);
    let words = &common::bbox_words(&p.out().join("jiangxi-tabloid.pdf"))[3];
    let in_corner = |w: &common::Word| w.x0 >= ox + cut.x - 1.0 && w.y0 >= oy + cut.y - 1.0;
    let in_block = |w: &common::Word| w.x0 >= ox + story.block.x - 1.0 && w.y0 >= oy + story.block.y - 1.0 && w.y1 <= oy + story.block.y + story.block.h + 1.0;
    let text = |file: &str| common::han(&std::fs::read_to_string(p.edition("jiangxi-tabloid").join(format!("stories/{file}.toml"))).unwrap());
    let (duchang, balihu) = (text("duchang"), text("balihu"));
    let printed = |keep: &dyn Fn(&common::Word) -> bool| common::han(&words.iter().map(|(_, w)| w).filter(|w| keep(w)).map(|w| w.text.as_str()).collect::<String>());
    let corner_text = printed(&|w| in_block(w) && in_corner(w));
    assert!(corner_text.len() > 300, "the corner holds duchang's story: {} characters", corner_text.len());
    assert_eq!(strangers(&corner_text, &duchang), 0, "only duchang's text is printed in the corner: {}", corner_text.iter().collect::<String>());
    let own = printed(&|w| in_block(w) && !in_corner(w));
    assert_eq!(strangers(&own, &balihu), 0, "balihu's part holds balihu's text: {}", own.iter().collect::<String>());
    assert!(own.len() * 100 >= balihu.len() * 90, "balihu's copy is all there: {} of {}", own.len(), balihu.len());

    // Written, it is the same page.
    let before = std::fs::read(p.out().join("jiangxi-tabloid.pdf")).unwrap();
    let run = p.folio(&["place", "content/jiangxi-tabloid", "--write"]);
    run.assert_code(0);
    let written = std::fs::read_to_string(p.edition("jiangxi-tabloid").join("stories/balihu.toml")).unwrap();
    assert!(written.contains(&format!("cutout = {{ span = {cw}, height = {ch} }}")), "{written}");
    p.folio(&["build", "content/jiangxi-tabloid", "--out", "out"]).assert_code(0);
    assert!(std::fs::read(p.out().join("jiangxi-tabloid.pdf")).unwrap() == before, "the written L rebuilds the same pages");
}

/// An L whose photo moves aside: a one-page tabloid of four stories of seed text (TEST DATA,
/// found by a seeded search over random pages) whose first story, with a photo, wraps the
/// corner the second fills. folio's default photo for a 6-column block (4 columns) would reach
/// over that corner, so the search sets it a column narrower, beside the corner. Read back: the
/// page rendered, the photo's rectangle is picture and the corner is type on white, with only
/// the second story's text printed there; `folio check` finds no error and no hole; `folio
/// place --write` writes the photo's span and the written page is the same.
#[test]
fn an_l_shaped_block_moves_its_photo_aside_from_its_corner() {
    let p = TestProject::sample();
    // (first seed paragraph, paragraphs, seed headline) of each story; the first with a photo.
    let photo = |k: usize| if k == 0 { "\n[[photos]]\nfile = \"../jiangxi-special/photos/chaji.jpg\"\ncaption = \"对重点路段过往车辆开展毒品查缉\"\n".to_string() } else { String::new() };
    let dir = common::seed_edition(&p, "aside", "tabloid", &[(8, 4, 8), (63, 3, 14), (48, 9, 6), (62, 3, 0)], photo);

    let report = p.report("aside", true);
    let blocks = &report.placed[0].blocks;
    let l = blocks.iter().find(|b| b.story == 0).unwrap();
    let (cw, ch) = l.cutout.unwrap_or_else(|| panic!("the first story is L-shaped: {blocks:?}"));
    assert_eq!(l.photo_span, Some(l.span - cw), "its photo a column narrower than folio's default, beside the corner: {l:?}");
    let corner = blocks.iter().find(|b| b.story == 1).unwrap();
    assert_eq!((corner.column, corner.span, corner.top + corner.height), (l.column + l.span - cw, cw, l.top + l.height), "the second story fills the corner: {blocks:?}");

    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    let story = &page.stories[0];
    let cut = story.cutout.expect("the corner in the page data");
    let photo = story.photos[0].rect;
    // On the rendered page (72 dpi: a point a pixel): the photo's middle is picture, the corner
    // type on white.
    let png = std::process::Command::new("pdftoppm").args(["-r", "72", "-png", "-singlefile"]).arg(p.out().join("aside.pdf")).arg(p.root().join("page")).output().unwrap();
    assert!(png.status.success());
    let img = image::open(p.root().join("page.png")).unwrap().to_luma8();
    let (ox, oy) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.top_pt);
    let light = |x0: f64, y0: f64, w: f64, h: f64| {
        let (mut n, mut white) = (0, 0);
        for y in (oy + y0 + 0.2 * h) as u32..(oy + y0 + 0.8 * h) as u32 {
            for x in (ox + x0 + 0.2 * w) as u32..(ox + x0 + 0.8 * w) as u32 {
                n += 1;
                white += u32::from(img.get_pixel(x, y)[0] > 230);
            }
        }
        f64::from(white) / f64::from(n.max(1))
    };
    assert!(photo.x + photo.w <= cut.x + 0.5 || photo.y + photo.h <= cut.y + 0.5, "the photo {photo:?} stands beside the corner {cut:?}");
    let (in_photo, in_corner) = (light(photo.x, photo.y, photo.w, photo.h), light(cut.x, cut.y, cut.w, cut.h));
    assert!(in_photo < 0.3, "the photo is printed where folio put it: {in_photo:.2} white");
    assert!(in_corner > 0.6, "the corner is type on white: {in_corner:.2} white");
    // Only the second story's text is printed in the corner.
    let words = &common::bbox_words(&p.out().join("aside.pdf"))[0];
    let printed: Vec<char> = common::han(&words.iter().map(|(_, w)| w).filter(|w| w.x0 >= ox + cut.x - 1.0 && w.y0 >= oy + cut.y - 1.0 && w.y1 <= oy + cut.y + cut.h + 1.0).map(|w| w.text.as_str()).collect::<String>());
    let second = common::han(&std::fs::read_to_string(dir.join("stories/s1.toml")).unwrap());
    assert!(printed.len() > 100, "the corner holds the second story: {} characters", printed.len());
    assert_eq!(strangers(&printed, &second), 0, "only the second story's text in the corner: {}", printed.iter().collect::<String>());
    let run = p.folio(&["check", "content/aside", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(v["errors"], 0, "{v:#}");
    assert!(!v["findings"].as_array().unwrap().iter().any(|f| f["code"] == "hole"), "{v:#}");

    // Written, it is the same page.
    let before = std::fs::read(p.out().join("aside.pdf")).unwrap();
    p.folio(&["place", "content/aside", "--write"]).assert_code(0);
    let written = std::fs::read_to_string(dir.join("stories/s0.toml")).unwrap();
    assert!(written.contains(&format!("span = {}", l.span - cw)) && written.contains(&format!("cutout = {{ span = {cw}, height = {ch} }}")), "{written}");
    p.folio(&["build", "content/aside", "--out", "out"]).assert_code(0);
    assert!(std::fs::read(p.out().join("aside.pdf")).unwrap() == before, "the written L rebuilds the same page");
}

/// An L-shaped block takes up its slack as a rectangular one does, with a head area a line
/// deeper: a one-page tabloid of five stories of seed text (TEST DATA, found by a seeded search
/// over random pages; found anew when the search weighed an L's long leg, and when every head
/// came to need four lines under it) with a story that wraps the next one's corner in an L
/// with a head area deeper than its head needs (the fourth). Set as its head needs, its copy would
/// leave columns short; with its head area a line deeper every column ends level. Read back from the PDF: the last line of each of its columns
/// beside the corner stands on the block's last grid line, of each over the corner on the line
/// above the corner.
#[test]
fn an_l_shaped_block_levels_its_columns_with_a_deeper_head_area() {
    let p = TestProject::sample();
    // (first seed paragraph, paragraphs, seed headline) of each story.
    common::seed_edition(&p, "wrap-head", "tabloid", &[(12, 12, 7), (62, 2, 6), (61, 6, 7), (60, 4, 17), (15, 3, 14)], |_| String::new());

    let report = p.report("wrap-head", true);
    let blocks = &report.placed[0].blocks;
    let l = blocks.iter().find(|b| b.cutout.is_some() && b.head.is_some()).unwrap_or_else(|| panic!("an L with a deeper head area: {blocks:?}"));

    let page = &report.compiled.data.pages[0];
    let f = &page.format;
    let story = &page.stories[l.story];
    let cut = story.cutout.expect("the corner in the page data");
    let (ox, oy) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.top_pt);
    let head_foot = oy + story.head.rect.y + story.head.rect.h;
    let words = &common::bbox_words(&p.out().join("wrap-head.pdf"))[0];
    let step = f.column_pt + f.gutter_pt;
    for c in 0..l.span {
        let x = ox + story.block.x + f64::from(c) * step;
        let over_corner = x >= ox + cut.x - 1.0;
        // The column's foot: the block's, or the corner's top.
        let foot = oy + if over_corner { cut.y } else { story.block.y + story.block.h };
        // A line's words by where they start: a full stop at the line's end may hang past the
        // column's edge (Typst's overhang).
        let last = words.iter().map(|(_, w)| w).filter(|w| w.x0 >= x - 1.0 && w.x0 < x + f.column_pt - 1.0 && w.y0 > head_foot && w.y1 <= foot + 1.0).map(|w| w.y1).fold(f64::MIN, f64::max);
        assert!(last > head_foot, "column {} holds copy", c + 1);
        assert!(foot - last < f.pitch_pt, "column {} of the L ends on its last line: {:.1} pt above its foot ({:.1} pt a line)", c + 1, foot - last, f.pitch_pt);
    }
    let run = p.folio(&["check", "content/wrap-head", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let file = format!("s{}.toml", l.story);
    let own = |code: &str| v["findings"].as_array().unwrap().iter().filter(|x| x["code"] == code && x["story"].as_str().is_some_and(|s| s.ends_with(&file))).count();
    assert_eq!((own("short-column"), own("deep-head"), own("hole")), (0, 0, 0), "{v:#}");
}

/// Characters of `printed` that `file` does not hold (each counted as often as the file has
/// it): poppler's reading order across columns is not the copy's, so texts are compared as bags
/// of characters.
fn strangers(printed: &[char], file: &[char]) -> usize {
    let mut bag: std::collections::HashMap<char, i32> = std::collections::HashMap::new();
    for c in file {
        *bag.entry(*c).or_default() += 1;
    }
    printed.iter().filter(|c| {
        let n = bag.entry(**c).or_default();
        *n -= 1;
        *n < 0
    }).count()
}

/// A head the search turns vertical (竖题) where across it would stand in a row beside another
/// story's head (碰题): the automatic sample's page 3 with 八里湖 and 武宁 held to three columns
/// (`max_span = 3`; the sample lets them run across the page, each with a head a size under the
/// lead's) has them side by side under the lead, and 武宁's headline, across, would start on
/// 八里湖's line. Read back from the PDF, its
/// characters stand one under another down its block's first column, its two phrases as two
/// columns (the first on the right); `folio check` finds no heads side by side anywhere in the
/// edition; `folio place --write` writes `vertical = true` and the page rebuilds the same.
#[test]
fn the_search_turns_a_head_vertical_rather_than_set_it_in_a_row() {
    turns_wuning(None, ("清源断流", "严格场所管理"));
}

/// The same with 武宁's headline one phrase of nine characters, too long for a column of eight:
/// turned, it sets as two columns side by side split between sense groups (青少年毒品｜预防教育,
/// the first on the right), read back from the PDF. (Test copy: the headline is replaced.)
#[test]
fn a_long_one_phrase_head_turns_as_two_columns_split_between_sense_groups() {
    turns_wuning(Some("青少年毒品预防教育"), ("青少年毒品", "预防教育"));
}

/// The automatic sample's page 3 with 八里湖 and 武宁 held to three columns (and 武宁's headline
/// replaced by `headline`, where given): 武宁's head turned beside 八里湖's, its two columns the
/// phrases `columns` read back down the block's first column.
fn turns_wuning(headline: Option<&str>, columns: (&str, &str)) {
    let edition = "jiangxi-auto";
    let p = TestProject::with_edition(edition);
    for name in ["balihu", "wuning"] {
        p.edit(&format!("content/{edition}/stories/{name}.toml"), |t| t.replacen("\nheadline = ", "\nmax_span = 3\nheadline = ", 1));
    }
    if let Some(h) = headline {
        p.edit(&format!("content/{edition}/stories/wuning.toml"), |t| {
            let line = t.lines().find(|l| l.starts_with("headline = ")).expect("a headline").to_string();
            t.replacen(&line, &format!("headline = \"{h}\""), 1)
        });
    }
    let report = p.report(edition, true);
    let page3 = report.placed.iter().find(|pl| report.edition.file.value.pages[pl.page].number == 3).expect("page 3 placed");
    let stem = |b: &folio::layout::place::Placed| report.edition.stories[page3.page][b.story].display.file_stem().unwrap().to_string_lossy().into_owned();
    let wuning = page3.blocks.iter().find(|b| stem(b) == "wuning").unwrap();
    let balihu = page3.blocks.iter().find(|b| stem(b) == "balihu").unwrap();
    assert!(wuning.vertical, "武宁's head is turned: {:?}", page3.blocks);
    assert_eq!((balihu.top, balihu.column + balihu.span), (wuning.top, wuning.column), "八里湖 and 武宁 side by side, one tier: {:?}", page3.blocks);
    assert!(page3.blocks.iter().filter(|b| b.vertical).count() == 1, "one head turned on page 3: {:?}", page3.blocks);

    // Read back: 清源断流 and 严格场所管理, each one character under another in a column of its
    // own, the first phrase right of the second, both in the block's first column.
    let data = &report.compiled.data.pages[page3.page];
    let f = &data.format;
    let block = data.stories[wuning.story].block;
    let chars = &common::typeset::chars(&p.out().join(format!("{edition}.pdf")))[page3.page];
    let (ox, oy) = (f.bleed_pt + f.side_pt, f.bleed_pt + f.top_pt);
    let column = |phrase: &str| -> Vec<&common::typeset::Char> {
        let want: Vec<char> = phrase.chars().collect();
        let found: Vec<&common::typeset::Char> = chars.iter().filter(|c| c.size > 1.4 * f.spec.body_size && want.contains(&c.c) && c.x0 >= ox + block.x - 1.0 && c.x1 <= ox + block.x + f.column_pt + 1.0 && c.y >= oy + block.y - 1.0 && c.y <= oy + block.y + block.h).collect();
        assert_eq!(found.iter().map(|c| c.c).collect::<String>(), phrase, "{phrase} read back down the block's first column");
        for w in found.windows(2) {
            assert!((w[0].x0 - w[1].x0).abs() < 1.0 && w[1].y - w[0].y > 0.8 * w[0].size, "{phrase}: {} stands under {}", w[1].c, w[0].c);
        }
        found
    };
    let (first, second) = (column(columns.0), column(columns.1));
    assert!(second[0].x1 <= first[0].x0 + 0.5, "the first phrase on the right: {:.1} {:.1}", first[0].x0, second[0].x0);

    let run = p.folio(&["check", &format!("content/{edition}"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(v["errors"], 0, "{v:#}");
    let pairs: Vec<&serde_json::Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "heads-side-by-side").collect();
    assert!(pairs.is_empty(), "no heads side by side on the automatic sample: {pairs:#?}");

    // Written, it is the same edition.
    let before = std::fs::read(p.out().join(format!("{edition}.pdf"))).unwrap();
    p.folio(&["place", &format!("content/{edition}"), "--write"]).assert_code(0);
    let written = std::fs::read_to_string(p.edition(edition).join("stories/wuning.toml")).unwrap();
    assert!(written.lines().any(|l| l.trim() == "vertical = true") && written.contains("[block]"), "{written}");
    assert!(written.starts_with("#:schema"), "the file's comments kept: {written}");
    p.folio(&["build", &format!("content/{edition}"), "--out", "out"]).assert_code(0);
    assert!(std::fs::read(p.out().join(format!("{edition}.pdf"))).unwrap() == before, "the written vertical head rebuilds the same pages");
}

/// `folio check` on hand-placed blocks: two stories side by side on one top line, heads across,
/// are 碰题 (and the hint offers the one that may stand so a vertical head); with the right-hand
/// story's head set
/// vertically, down its first column beside the other's head, they are not. (Two vertical
/// heads never stand side by side: each is in its block's first column, the left story's copy
/// between them.)
#[test]
fn a_vertical_head_beside_one_across_is_no_clash() {
    let seed = common::Seed::load();
    let p = TestProject::sample();
    let dir = p.edition("pair");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    let write = |heads: [&str; 2], vertical: [bool; 2]| {
        let mut list = Vec::new();
        for (k, head) in heads.iter().enumerate() {
            let mut toml = common::story_toml(&head.replace('\n', "\\n"), &seed.paras_from(10 + 6 * k, 4));
            if vertical[k] {
                toml = toml.replacen("headline =", "vertical = true\nheadline =", 1);
            }
            toml.push_str(&format!("\n[block]\ncolumn = {}\nspan = 3\ntop = 0\nheight = 40\n", 1 + 3 * k));
            let rel = format!("stories/s{k}.toml");
            std::fs::write(dir.join(&rel), toml).unwrap();
            list.push(rel);
        }
        std::fs::write(dir.join("edition.toml"), common::one_page_edition("tabloid", &list)).unwrap();
    };
    let pairs = || -> Vec<serde_json::Value> {
        let run = p.folio(&["check", "content/pair", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stdout()));
        v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "heads-side-by-side").cloned().collect()
    };
    let heads = ["警力下沉\n禁毒宣传进企业", "教育聚能"];
    write(heads, [false, false]);
    let across = pairs();
    assert_eq!(across.len(), 1, "two heads across in a row: {across:#?}");
    assert!(across[0]["hints"].to_string().contains("give 「教育聚能」 a vertical head (`vertical = true`"), "{:#}", across[0]);
    write(heads, [false, true]);
    assert!(pairs().is_empty(), "a vertical head beside a head across");
    // Read back: the vertical head's first character stands right of the head across, on its
    // lines.
    p.folio(&["build", "content/pair", "--out", "out"]);
    let chars = &common::typeset::chars(&p.out().join("pair.pdf"))[0];
    let big = |c: char| chars.iter().find(|x| x.c == c && x.size > 15.0).unwrap_or_else(|| panic!("{c} at a head's size"));
    let (across, vertical) = (big('警'), big('教'));
    assert!(vertical.x0 > across.x1 && (vertical.y - across.y).abs() < 2.0 * vertical.size, "side by side: {across:?} {vertical:?}");
    assert!(big('育').y > vertical.y + 0.8 * vertical.size && (big('育').x0 - vertical.x0).abs() < 1.0, "教育 one under another");
}

/// A head no 美编 sets vertically — one phrase of 17 characters, twelve, a deck with 12.6 — is
/// never offered as one in the 碰题 hint, and where the file turns it anyway, `folio check`
/// warns at its `vertical` key (`long-vertical-head`; TEST DATA: heads written for this test).
/// Review 45 followed the old hint on 欧盟《人工智能法》通用模型条款生效: it ran 45 lines down one
/// column and nothing was said.
#[test]
fn a_long_head_is_never_offered_vertical_and_is_found_when_set_so() {
    let seed = common::Seed::load();
    let p = TestProject::sample();
    let dir = p.edition("long");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    let write = |second: &str, extra: &str| {
        let heads = ["全力推进毒品问题综合治理", second];
        let mut list = Vec::new();
        for (k, head) in heads.iter().enumerate() {
            let mut toml = common::story_toml(head, &seed.paras_from(10 + 6 * k, 4));
            if k == 1 {
                toml = toml.replacen("headline =", &format!("{extra}headline ="), 1);
            }
            toml.push_str(&format!("\n[block]\ncolumn = {}\nspan = 3\ntop = 0\nheight = 40\n", 1 + 3 * k));
            let rel = format!("stories/s{k}.toml");
            std::fs::write(dir.join(&rel), toml).unwrap();
            list.push(rel);
        }
        std::fs::write(dir.join("edition.toml"), common::one_page_edition("tabloid", &list)).unwrap();
    };
    let found = |code: &str| -> Vec<serde_json::Value> {
        let run = p.folio(&["check", "content/long", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stdout()));
        v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == code).cloned().collect()
    };
    for (second, extra) in [("欧盟《人工智能法》通用模型条款生效", ""), ("地铁5号线二期", "deck = \"全长12.6公里\"\n")] {
        write(second, extra);
        let rows = found("heads-side-by-side");
        assert_eq!(rows.len(), 1, "{second}: a row of heads: {rows:#?}");
        assert!(!rows[0]["hints"].to_string().contains("vertical = true"), "{second}: no vertical head offered: {:#}", rows[0]);
        assert!(found("long-vertical-head").is_empty(), "{second}: nothing turned, nothing to say");
        write(second, &format!("{extra}vertical = true\n"));
        let long = found("long-vertical-head");
        assert_eq!(long.len(), 1, "{second}: the turned head is found: {long:#?}");
        assert!(long[0]["file"].as_str().unwrap().ends_with("s1.toml") && long[0]["line"].as_u64().is_some(), "{:#}", long[0]);
    }
    // A short head turned as the file asks is no finding.
    write("教育聚能", "vertical = true\n");
    assert!(found("long-vertical-head").is_empty());
}

/// `folio place --write` on a story file written otherwise than folio writes one (the sample's
/// page-5 lead, FIXTURE copy, saved with a byte-order mark and CR LF line ends, its photo an
/// inline table of a `photos = [{ … }]` array): the file keeps its mark and every line ends CR
/// LF, the photo's height the search chose is written into the inline table, and the next
/// build is the very same pages. Until session 40 the inline photo's keys were left out (the
/// rebuilt page set the photo at another height), the mark dropped and the new lines ended LF.
#[test]
fn place_write_keeps_a_file_s_style_and_writes_into_an_inline_photo() {
    let p = unplaced_sample();
    let lead = "content/jiangxi-special/stories/jiujiang-lead.toml";
    p.edit(lead, |t| {
        let at = t.find("[[photos]]\n").unwrap();
        let end = at + t[at..].find("\n\n").map_or(t.len() - at, |k| k + 2);
        let keys: Vec<&str> = t[at..end].lines().skip(1).filter(|l| !l.trim().is_empty()).collect();
        let inline = format!("photos = [{{ {} }}]\n", keys.join(", "));
        let rest = format!("{}{}", &t[..at], &t[end..]);
        let body = rest.find("body = ").unwrap();
        let t = format!("{}{inline}{}", &rest[..body], &rest[body..]);
        format!("\u{feff}{}", t.replace('\n', "\r\n"))
    });
    let pdf = p.out().join("jiangxi-special.pdf");
    p.folio(&["build", "content/jiangxi-special", "--out", "out"]).assert_code(0);
    let before = std::fs::read(&pdf).unwrap();
    p.folio(&["place", "content/jiangxi-special", "--write"]).assert_code(0);
    let written = std::fs::read_to_string(p.root().join(lead)).unwrap();
    assert!(written.starts_with('\u{feff}'), "the byte-order mark kept");
    assert!(!written.replace("\r\n", "").contains('\n'), "every line ends CR LF");
    let photos = written.lines().find(|l| l.starts_with("photos = [")).expect("the inline photo array kept");
    assert!(photos.contains("height = "), "the photo's height written into its inline table: {photos}");
    assert!(written.contains("[block]"), "{written}");
    p.folio(&["build", "content/jiangxi-special", "--out", "out"]).assert_code(0);
    assert!(std::fs::read(&pdf).unwrap() == before, "the written blocks rebuild the same pages");
}

/// `folio place --write` changes every story file or none, and keeps a file's permissions
/// (session 42's hostile tester: a story in a folder folio could not write to stopped the
/// write after 9 of 10 files had their `[block]`, and a read-only story, mode 0444, was
/// replaced by a writable one): a read-only story is refused by name before any file changes;
/// a folder that takes no new file (checked where the test runs unprivileged) changes none;
/// a story of mode 0640 keeps it.
#[test]
fn place_write_changes_every_story_or_none_and_keeps_their_modes() {
    use std::os::unix::fs::PermissionsExt;
    let p = unplaced_sample();
    let dir = p.root().join("content/jiangxi-special/stories");
    let texts = || -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| (e.path(), std::fs::read(e.path()).unwrap())).collect();
        v.sort();
        v
    };
    let before = texts();
    let ro = dir.join("wuning.toml");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let run = p.folio(&["place", "content/jiangxi-special", "--write"]);
    run.assert_code(1);
    run.assert_stderr_has(&["wuning.toml is read-only", "no story file was changed"]);
    assert!(texts() == before, "a refused --write changed a story file");
    // A folder that takes no file (root writes anywhere: the case stands where it can).
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if tempfile::tempfile_in(&dir).is_err() {
        let run = p.folio(&["place", "content/jiangxi-special", "--write"]);
        assert_ne!(run.code(), 0);
        assert!(texts() == before, "a failed --write changed a story file");
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o640)).unwrap();
    p.folio(&["place", "content/jiangxi-special", "--write"]).assert_code(0);
    assert!(std::fs::read_to_string(&ro).unwrap().contains("[block]"));
    assert_eq!(std::fs::metadata(&ro).unwrap().permissions().mode() & 0o777, 0o640, "the story keeps its mode");
}

/// A page whose search would run for minutes is refused in seconds, the same on any machine
/// (session 42's hostile tester: four stories with a photo each on a 24-column, 200-line poster
/// format searched for 30 s and then advised for 40 more; without photos, long copy on a
/// 400-line grid 47 s): the page's searches are held to `place::MAX_WORK`, counted in fits
/// weighed by copy and block, and such a page is told so at its `stories`; long copy on the
/// finer grid is refused before any search.
#[test]
fn a_page_past_the_search_s_work_is_refused_in_seconds() {
    let p = TestProject::sample();
    p.edit("layouts/formats.toml", |t| {
        let broadsheet = t.find("[broadsheet]").unwrap();
        let end = broadsheet + 1 + t[broadsheet + 1..].find("\n[").unwrap_or(t.len() - broadsheet - 1);
        let poster = t[broadsheet..end].replacen("[broadsheet]", "[poster]", 1);
        let poster = poster.lines().map(|l| match l.split('=').next().map(str::trim) {
            Some("columns") => "columns = 24".to_string(),
            Some("lines") => "lines = 200".to_string(),
            Some("trim_width") => "trim_width = 2000.0".to_string(),
            Some("trim_height") => "trim_height = 2000.0".to_string(),
            _ => l.to_string(),
        }).collect::<Vec<_>>().join("\n");
        format!("{t}\n{poster}\n")
    });
    for (name, paras, photos, lines) in [("photos", 20, true, 200), ("long", 120, false, 200)] {
        if lines != 200 {
            p.edit("layouts/formats.toml", |t| t.replace("lines = 200", &format!("lines = {lines}")));
        }
        let dir = common::seed_edition(&p, name, "poster", &[(0, paras, 0), (30, paras, 1), (60, paras, 2), (90, paras, 3)], |k| {
            if photos { format!("\n[[photos]]\nfile = \"photos/p{k}.jpg\"\ncaption = \"图片说明\"\n") } else { String::new() }
        });
        for k in 0..4 {
            common::gradient(&dir.join(format!("photos/p{k}.jpg")), 1200, 800, 40 * k as u8);
        }
        let start = std::time::Instant::now();
        let run = p.folio(&["place", &format!("content/{name}")]);
        let took = start.elapsed();
        run.assert_code(1);
        run.assert_stderr_has(&["placing its 4 stories on a 24-column", "takes more work than folio spends on a page"]);
        assert!(took < std::time::Duration::from_secs(40), "{name}: refused after {took:?}");
    }
}

/// A story held to one column by `max_span = 1` whose copy cannot stand there: the error that
/// says what to cut also names the bound as the cause, at the story (TEST DATA: seed text).
/// Review 45 was told to cut 965 characters of 1 494 and nothing said why; without the bound
/// the page was 10 over.
#[test]
fn a_story_held_narrow_by_max_span_is_named_as_the_cause() {
    let p = TestProject::sample();
    common::seed_edition(&p, "narrow", "tabloid", &[(0, 14, 0), (20, 9, 1), (40, 3, 2)], |k| if k == 1 { "max_span = 1\n".to_string() } else { String::new() });
    let run = p.folio(&["build", "content/narrow"]);
    run.assert_code(1);
    let said = run.stderr();
    assert!(said.contains("s1 is held to 1 column by its `max_span = 1` (content/narrow/stories/s1.toml:") && said.contains("cut about"), "{said}");
    // The line given is the bound's.
    let line: usize = said.split("stories/s1.toml:").nth(1).and_then(|t| t.split(')').next()).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{said}"));
    let file = std::fs::read_to_string(p.root().join("content/narrow/stories/s1.toml")).unwrap();
    assert!(file.lines().nth(line - 1).is_some_and(|l| l.starts_with("max_span")), "line {line} of s1.toml: {file}");
    p.edit("content/narrow/stories/s1.toml", |t| t.replace("max_span = 1\n", ""));
    let run = p.folio(&["build", "content/narrow"]);
    assert!(!run.stderr().contains("max_span"), "{}", run.stderr());
}

/// A story far longer than its page can hold is told of a jump (转版), which folio does not
/// choose itself, not only to lose most of its copy (TEST DATA: seed text, one story of about
/// three pages' copy). Review 45's 6 000 characters were told to cut 2 905 and nothing else.
#[test]
fn a_story_far_over_its_page_is_told_of_a_jump() {
    let p = TestProject::sample();
    common::seed_edition(&p, "long", "tabloid", &[(0, 60, 0)], |_| String::new());
    let run = p.folio(&["build", "content/long"]);
    run.assert_code(1);
    let said = run.stderr();
    assert!(said.contains("cut about") && said.contains("s0 is long for this page") && said.contains("[[jumps]]"), "{said}");
    // A page a few lines over is not.
    common::seed_edition(&p, "near", "tabloid", &[(0, 14, 0), (20, 9, 1), (40, 3, 2)], |_| String::new());
    let run = p.folio(&["build", "content/near"]);
    assert!(!run.stderr().contains("[[jumps]]"), "{}", run.stderr());
}
