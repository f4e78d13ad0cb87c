//! Hostile input: numbers out of range in blocks, photos, formats and copyfit — no wraparound, the key and its range named.

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;

const WUNING: &str = "content/jiangxi-special/stories/wuning.toml";
const LEAD: &str = "content/jiangxi-special/stories/jiujiang-lead.toml";
const EDITION: &str = "content/jiangxi-special/edition.toml";
const FORMATS: &str = "layouts/formats.toml";


/// Values at and past u32's limit in a story's block: each refused at its key, naming the range,
/// never wrapped into a block that "fits" and then vanishes.
#[test]
fn block_numbers_are_range_checked_at_their_key() {
    let cases = vec![
        Case::new("top near u32::MAX", set(WUNING, "top = 29", "top = 4294967290"),
            &["`block.top` = 4294967290 is out of range", "lines 0–83", &line(WUNING, "top = 4294967290"), "hint: set top between 7 and 83"]),
        Case::new("top past the grid", set(WUNING, "top = 29", "top = 84"),
            &["`block.top` = 84 is out of range", &line(WUNING, "top = 84")]),
        Case::new("column at u32::MAX", set(WUNING, "column = 7", "column = 4294967295"),
            &["`block.column` = 4294967295 is out of range", "columns 1–8", &line(WUNING, "column = 4294967295")]),
        Case::new("span that wraps", set(WUNING, "span = 2", "span = 4294967295"),
            &["spans columns 7–4294967301", &line(WUNING, "span = 4294967295"), "between 1 and 2"]),
        Case::new("height at u32::MAX", set(WUNING, "height = 26", "height = 4294967295"),
            &["the block covers lines 29–4294967323", &line(WUNING, "height = 4294967295"), "between 1 and 55"]),
        Case::new("height of 1e12 mm", set(WUNING, "height = 26", "height = \"1e12mm\""),
            &["the block covers lines", &line(WUNING, "1e12mm")]),
        Case::new("height zero", set(WUNING, "height = 26", "height = 0"),
            &["the block covers lines 29–29", &line(WUNING, "height = 0")]),
        Case::new("head deeper than the block", set(WUNING, "height = 26", "height = 26\nhead = 4294967295"),
            &["`block.head` = 4294967295 is out of range", "0–25 lines", &line(WUNING, "head = 4294967295")]),
        Case::new("a head size not on the format's ladder", set(WUNING, "height = 26", "height = 26\nhead_size = 25"),
            &["`block.head_size` = 25 is not one of the 对开 format's headline sizes (42, 30, 22, 18, 15 pt)", &line(WUNING, "head_size = 25"), "hint: write one of 42, 30, 22, 18, 15"]),
        Case::new("a head size of nan", set(WUNING, "height = 26", "height = 26\nhead_size = nan"),
            &["`block.head_size` = NaN is not one of", &line(WUNING, "head_size = nan")]),
        Case::new("photo column at u32::MAX", set(LEAD, "column = 1\nspan = 6\n\n[block]", "column = 4294967295\nspan = 6\n\n[block]"),
            &["the photo spans story columns 4294967295–", &line(LEAD, "column = 4294967295")]),
        Case::new("negative top", set(WUNING, "top = 29", "top = -1"),
            &["invalid value", &line(WUNING, "top = -1")]),
        // Session 41: a height that is neither whole lines nor millimetres was "data did not
        // match any variant of untagged enum Length", with a hint to fix the TOML syntax.
        Case::new("negative height", set(WUNING, "height = 26", "height = -1"),
            &["expected a height in whole grid lines (e.g. 40) or millimetres (e.g. \"120mm\"), found -1", &line(WUNING, "height = -1"), "change the value to the type the key takes"]),
        Case::new("height as a float", set(WUNING, "height = 26", "height = 1e3"),
            &["found 1000", &line(WUNING, "height = 1e3")]),
        Case::new("height in capital MM", set(WUNING, "height = 26", "height = \"120MM\""),
            &["found \"120MM\"", &line(WUNING, "height = \"120MM\"")]),
        // Session 41: `block.column = 7` (dotted keys, valid TOML) was "invalid type: string
        // \"column\", expected a borrowed string".
        Case::new("block as dotted keys", |p: &TestProject| p.edit(WUNING, |t| {
            let from = t.find("[block]\n").expect("a [block] table");
            let end = t[from + 8..].find("\n[").map_or(t.len(), |k| from + 8 + k + 1);
            let dotted: String = t[from + 8..end].lines().filter(|l| !l.trim().is_empty()).map(|l| format!("block.{l}\n")).collect();
            format!("{dotted}{}{}", &t[..from], &t[end..])
        }), &["`block` is written as dotted keys", &line(WUNING, "block.column = 7"), "write it as a table: `[block]`"]),
        // A rank counts from 1: priority 0 was taken as a rank above the lead's.
        Case::new("priority zero", set(WUNING, "attribution = \"叶祥森\"", "attribution = \"叶祥森\"\npriority = 0"),
            &["`priority` = 0: a story's rank counts from 1", &line(WUNING, "priority = 0"), "hint: write priority = 1 for the page's lead"]),
    ];
    run_table(cases);
}

/// A jump block's numbers are checked the same way, at the `[[jumps]]` key.
#[test]
fn jump_numbers_are_range_checked() {
    let jump = |top: &'static str| {
        move |p: &TestProject| {
            p.edit("content/jiangxi-special/stories/xinyu.toml", |t| {
                format!("{t}\n[[jumps]]\npage = 5\ncolumn = 1\nspan = 2\ntop = {top}\nheight = 10\n")
            })
        }
    };
    let xinyu = "content/jiangxi-special/stories/xinyu.toml";
    run_table(vec![
        Case::new("jump top wraps", jump("4294967290"), &["`jumps.top` = 4294967290 is out of range", &line(xinyu, "top = 4294967290")]),
    ]);
}

/// `[copyfit]` and `[preflight]` bounds.
#[test]
fn edition_numbers_are_range_checked() {
    let add = |table: &'static str| move |p: &TestProject| p.edit(EDITION, |t| format!("{t}\n{table}\n"));
    run_table(vec![
        Case::new("tracking huge", add("[copyfit]\ntracking = 1e300"), &["`copyfit.tracking` = 1e300 is out of range", &line(EDITION, "tracking = 1e300")]),
        Case::new("leading nan", add("[copyfit]\nleading = nan"), &["`copyfit.leading` = NaN is out of range", &line(EDITION, "leading = nan")]),
        Case::new("photo_lines at u32::MAX", add("[copyfit]\nphoto_lines = 4294967295"), &["`copyfit.photo_lines` = 4294967295 is out of range", "0–20"]),
        Case::new("ppi absurd", add("[preflight]\nwarn_ppi = 1e9"), &["at most 2400 ppi", &line(EDITION, "[preflight]")]),
        Case::new("page number zero", set(EDITION, "number = 4 ", "number = 0 "), &["`pages[1].number` = 0 is out of range", &line(EDITION, "number = 0")]),
        // A year with no 农历 date: a typo (2203 for 2023) built with the masthead's 农历 line
        // left out until session 40.
        Case::new("date in 2203", set(EDITION, "date = 2023-06-26", "date = 2203-06-26"), &["dated in the year 2203", "1901 to 2100", &line(EDITION, "date = 2203-06-26")]),
        Case::new("date in year 0", set(EDITION, "date = 2023-06-26", "date = 0000-01-01"), &["dated in the year 0", &line(EDITION, "date = 0000-01-01")]),
    ]);
}

/// `layouts/formats.toml`: the error names the format, the key and its line, and the range;
/// absurd formats (no columns, no lines, a 1e12 mm page, NaN) are refused.
#[test]
fn format_numbers_are_range_checked_at_their_key() {
    // The broadsheet's keys (the first table in the file).
    let f = |from: &'static str, to: &'static str| set(FORMATS, from, to);
    run_table(vec![
        Case::new("no columns", f("columns = 8\n", "columns = 0\n"), &["format broadsheet: `columns` = 0 is out of range: 1–24", &line(FORMATS, "columns = 0"), "hint: fix `columns` in the [broadsheet] table"]),
        Case::new("no lines", f("lines = 84 ", "lines = 0 "), &["`lines` = 0 is out of range", &line(FORMATS, "lines = 0 ")]),
        Case::new("head sizes out of order", f("{ span = 4, size = 30.0", "{ span = 4, size = 50.0"), &["format broadsheet: `heads` must list the headline sizes largest first", &line(FORMATS, "heads = [")]),
        Case::new("a smaller head asking for more copy", f("min_chars = 700 }", "min_chars = 5000 }"), &["no larger `min_chars`", &line(FORMATS, "heads = [")]),
        Case::new("negative min_chars", f("min_chars = 700 }", "min_chars = -700 }"), &["invalid value", &line(FORMATS, "min_chars = -700")]),
        Case::new("no head size for one column", f("{ span = 1, size = 15.0, face = \"sans\" },", ""), &["`heads` must list", "the last for `span = 1`"]),
        Case::new("a 1e12 mm page", f("trim_width = 390.0", "trim_width = 1e12"), &["`trim_width` = 1e12 is out of range: 50–2000 mm", &line(FORMATS, "trim_width = 1e12")]),
        Case::new("NaN leading", f("leading = 1.5 ", "leading = nan "), &["`leading` = NaN is out of range", &line(FORMATS, "leading = nan")]),
        Case::new("negative bleed", f("bleed = 3.0", "bleed = -3.0"), &["`bleed` = -3 is out of range", &line(FORMATS, "bleed = -3.0")]),
        Case::new("banner deeper than the page", f("banner_lines = 7 ", "banner_lines = 500 "), &["`banner_lines` = 500 is out of range: 0–83", &line(FORMATS, "banner_lines = 500")]),
        Case::new("columns wider than the trim", f("columns = 8\n", "columns = 20\n"), &["does not fit the trim", &line(FORMATS, "columns = 20")]),
        Case::new("columns past u32", f("columns = 8\n", "columns = 99999999999\n"), &["invalid value", &line(FORMATS, "columns = 99999999999")]),
    ]);
}
