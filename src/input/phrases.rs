//! Phrases of display text: takes a headline or a banner and gives the places where it may break
//! ([`breaks`]), each ranked — between phrases (a space, the editor's line break, after
//! ，。！？), between sense groups (意群), between words — for
//! the templates' automatic two-line heads and the split of a 跨版 head at the fold. A place
//! that is none of these (inside a word, 运‖输) is not given: the templates never break there
//! while a ranked place exists, and `folio check` reports a fold split that has to.
//!
//! Words come from ICU's dictionary word segmenter (`icu_segmenter`, already built for Typst's
//! line breaker; its data is compiled in, so nothing loads at run time). Two characters the
//! dictionary leaves single side by side are taken as one word (缉毒, 禁毒); a lone single
//! character before a word opens it (进企业, 在行动), one at the end joins the word before it
//! (宣传月); a quotation is one word (“清源断流”, “警”色). Sense groups are the words taken two by two from the end of a run, as a headline's
//! four-character rhythm reads them: 全力推进｜毒品问题｜综合治理, 狠抓｜缉毒执法; a word of
//! three characters or more is a group of its own.

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use serde::Serialize;

/// How good a place to break is: lower is better.
pub mod rank {
    /// Between phrases: a space, the editor's line break, after clause punctuation.
    pub const PHRASE: u8 = 0;
    /// Between sense groups (意群): 全力推进｜毒品问题.
    pub const GROUP: u8 = 1;
    /// Between words inside a sense group: 毒品｜问题.
    pub const WORD: u8 = 2;
}

/// A place `text` may break: before the byte `byte` (for a space or a newline, at it: both
/// sides are trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Break {
    /// Byte offset in the text.
    pub byte: usize,
    /// [`rank`]: 0 between phrases, 1 between sense groups, 2 between words.
    pub rank: u8,
}

/// Clause punctuation: a phrase ends after it.
const CLAUSE: &str = "，。！？、；：…·!?;:,";
/// Marks that close a quotation or a bracket, and clause punctuation: they go with the word
/// before them.
const CLOSING: &str = "，。！？、；：…·!?;:,”’）》」』】〕)";
/// Marks that open a quotation or a bracket: they go with the word after them, and what they
/// enclose is one word (“清源断流”, “警”色).
const OPENING: &str = "“‘（《「『【〔(";

/// Every place `text` may break, in order, each at most once.
pub fn breaks(text: &str) -> Vec<Break> {
    let mut out: Vec<Break> = Vec::new();
    let push = |out: &mut Vec<Break>, at: usize, rank: u8| {
        if at == 0 || at >= text.len() {
            return;
        }
        match out.iter_mut().find(|b| b.byte == at) {
            Some(b) => b.rank = b.rank.min(rank),
            None => out.push(Break { byte: at, rank }),
        }
    };
    // Runs between phrase boundaries.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if c.is_whitespace() || c == '\u{3000}' {
            if start < i {
                runs.push((start, i));
            }
            push(&mut out, i, rank::PHRASE);
            start = end;
        } else if CLOSING.contains(c)
            && !text[end..].starts_with(|n: char| CLOSING.contains(n))
            && text[..end].chars().rev().take_while(|&m| CLOSING.contains(m)).any(|m| CLAUSE.contains(m))
        {
            // After clause punctuation (and the closing marks after it: ！” ends a phrase too).
            runs.push((start, end));
            push(&mut out, end, rank::PHRASE);
            start = end;
        }
    }
    if start < text.len() {
        runs.push((start, text.len()));
    }
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    for (a, b) in runs {
        let run = &text[a..b];
        let words = words(run, &segmenter.segment_str(run).collect::<Vec<_>>());
        for (k, (from, _)) in groups(run, &words).into_iter().enumerate() {
            if k > 0 {
                push(&mut out, a + from, rank::GROUP);
            }
        }
        for &(from, _) in words.iter().skip(1) {
            push(&mut out, a + from, rank::WORD);
        }
    }
    out.sort_by_key(|b| b.byte);
    out
}

/// Whether `text` may break before byte `at` (a place [`breaks`] gives), and how well.
pub fn rank_at(text: &str, at: usize) -> Option<u8> {
    breaks(text).into_iter().find(|b| b.byte == at).map(|b| b.rank)
}

/// Where a headline of one phrase set vertically (竖题) splits into two columns side by side:
/// the break between phrases or sense groups whose two parts are nearest in length, each at
/// most `most` characters and differing by at most three (two columns of a 竖题 stand about level;
/// a lower rank wins a tie, then the shorter first part). `None` for a headline with the
/// editor's line break (its phrases are its columns), one of `most` characters or fewer (one
/// column), or one no such break splits. `places`: the headline's [`breaks`].
pub fn vertical_split(headline: &str, places: &[Break], most: usize) -> Option<usize> {
    let count = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let n = count(headline);
    if headline.contains('\n') || n <= most {
        return None;
    }
    places
        .iter()
        .filter(|b| b.rank <= rank::GROUP)
        .map(|b| (count(&headline[..b.byte]), b))
        .filter(|&(a, _)| a <= most && n - a <= most && a.abs_diff(n - a) <= 3)
        .min_by_key(|&(a, b)| ((n - a).abs_diff(a), b.rank, a))
        .map(|(_, b)| b.byte)
}

/// Characters of `s` that are not punctuation marks.
fn chars(s: &str) -> usize {
    s.chars().filter(|&c| !OPENING.contains(c) && !CLOSING.contains(c)).count()
}

/// The words of a run (byte ranges), from the segmenter's boundaries `bounds`: marks joined to
/// the word they belong to, single characters joined as the module documentation says.
fn words(run: &str, bounds: &[usize]) -> Vec<(usize, usize)> {
    let mut segs: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).filter(|(a, b)| a < b).collect();
    let is_mark = |r: &(usize, usize), set: &str| run[r.0..r.1].chars().all(|c| set.contains(c));
    // A quotation or bracket is one word, from its opening mark to its closing one.
    let mut i = 0;
    while i < segs.len() {
        if is_mark(&segs[i], OPENING) {
            if let Some(j) = (i + 1..segs.len()).find(|&j| is_mark(&segs[j], "”’）》」』】〕)")) {
                segs[i].1 = segs[j].1;
                segs.drain(i + 1..=j);
            }
        }
        i += 1;
    }
    // An opening mark left joins the next segment, a closing one the segment before.
    let mut i = 0;
    while i < segs.len() {
        let s = &run[segs[i].0..segs[i].1];
        let mark = |set: &str| s.chars().all(|c| set.contains(c));
        if mark(OPENING) && i + 1 < segs.len() {
            segs[i + 1].0 = segs[i].0;
            segs.remove(i);
        } else if mark(CLOSING) && i > 0 {
            segs[i - 1].1 = segs[i].1;
            segs.remove(i);
        } else {
            i += 1;
        }
    }
    let single = |r: &(usize, usize)| chars(&run[r.0..r.1]) == 1;
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        if !single(&segs[i]) {
            out.push(segs[i]);
            i += 1;
            continue;
        }
        // A stretch of single characters.
        let j = (i..segs.len()).find(|&k| !single(&segs[k])).unwrap_or(segs.len());
        let mut k = i;
        while k + 1 < j {
            out.push((segs[k].0, segs[k + 1].1));
            k += 2;
        }
        if k < j {
            // One left over: it opens the word after it, or joins the one before.
            if j < segs.len() {
                segs[j].0 = segs[k].0;
            } else if let Some(last) = out.last_mut() {
                last.1 = segs[k].1;
            } else {
                out.push(segs[k]);
            }
        }
        i = j;
    }
    out
}

/// Sense groups of a run's words: each word of three characters or more alone, the others two
/// by two from the end of each stretch of them.
fn groups(run: &str, words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stretch: Vec<(usize, usize)> = Vec::new();
    let flush = |stretch: &mut Vec<(usize, usize)>, out: &mut Vec<(usize, usize)>| {
        let odd = stretch.len() % 2;
        if odd == 1 {
            out.push(stretch[0]);
        }
        for pair in stretch[odd..].chunks(2) {
            out.push((pair[0].0, pair[pair.len() - 1].1));
        }
        stretch.clear();
    };
    for &w in words {
        if chars(&run[w.0..w.1]) >= 3 {
            flush(&mut stretch, &mut out);
            out.push(w);
        } else {
            stretch.push(w);
        }
    }
    flush(&mut stretch, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with `|` at each break of rank `rank` or better.
    fn show(text: &str, best: u8) -> String {
        let mut out = String::new();
        let mut at = 0;
        for b in breaks(text).into_iter().filter(|b| b.rank <= best) {
            out.push_str(&text[at..b.byte]);
            out.push('|');
            at = b.byte;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn headlines_break_between_sense_groups_never_inside_a_word() {
        assert_eq!(show("全力推进毒品问题综合治理", rank::GROUP), "全力推进|毒品问题|综合治理");
        assert_eq!(show("全力推进毒品问题综合治理", rank::WORD), "全力|推进|毒品|问题|综合|治理");
        assert_eq!(show("万里缉毒！斩断毒品运输通道", rank::PHRASE), "万里缉毒！|斩断毒品运输通道");
        assert_eq!(show("万里缉毒！斩断毒品运输通道", rank::WORD), "万里|缉毒！|斩断|毒品|运输|通道");
        assert_eq!(show("狠抓缉毒执法", rank::GROUP), "狠抓|缉毒执法");
        assert_eq!(show("禁毒宣传进企业", rank::GROUP), "禁毒宣传|进企业");
        assert_eq!(show("严格场所管理", rank::GROUP), "严格|场所管理");
        // A quotation is one word; the editor's line break and spaces are phrase breaks.
        assert_eq!(show("“清源断流”\n严格场所管理", rank::PHRASE), "“清源断流”|\n严格场所管理");
        assert_eq!(show("“清源断流”严格场所管理", rank::GROUP), "“清源断流”|严格|场所管理");
        assert_eq!(show("擦亮“警”色", rank::WORD), "擦亮|“警”色");
        assert_eq!(show("聚星火促燎原 铸铁警护钢城", rank::PHRASE), "聚星火促燎原| 铸铁警护钢城");
        assert_eq!(show("健康人生，绿色无毒！·九江", rank::PHRASE), "健康人生，|绿色无毒！·|九江");
        assert_eq!(rank_at("斩断毒品运输通道", "斩断毒品运".len()), None, "运‖输 is inside a word");
        assert_eq!(rank_at("斩断毒品运输通道", "斩断".len()), Some(rank::WORD));
        // A one-phrase head set vertically splits into two columns between sense groups.
        let split = |t: &str| vertical_split(t, &breaks(t), 8).map(|at| format!("{}|{}", &t[..at], &t[at..]));
        assert_eq!(split("青少年毒品预防教育").as_deref(), Some("青少年毒品|预防教育"));
        assert_eq!(split("全力推进毒品问题综合治理"), None, "four and eight: columns too unequal");
        assert_eq!(split("万里缉毒斩断毒品运输通道综合治理").as_deref(), Some("万里缉毒斩断毒品|运输通道综合治理"));
        assert_eq!(split("禁毒宣传进企业"), None, "seven characters: one column");
        assert_eq!(split("警力下沉\n禁毒宣传进企业"), None, "the editor's phrases are the columns");
        assert_eq!(split("万里缉毒斩断毒品运输通道综合治理见效"), None, "eighteen characters: more than two columns of eight");
        // One word (a 成语) has no place to break.
        assert_eq!(breaks("自力更生"), []);
        assert_eq!(breaks(""), []);
        assert_eq!(breaks("毒"), []);
    }
}
