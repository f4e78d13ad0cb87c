//! Phrases of display text: takes a headline or a banner and gives the places where it may break
//! ([`breaks`]), each ranked — between phrases (a space, the editor's line break, after
//! ，。！？), between sense groups (意群), between words — for
//! the templates' automatic two-line heads and the split of a 跨版 head at the fold. A place
//! that is none of these (inside a word, 运‖输) is not given: the templates never break there
//! while a ranked place exists, and `folio check` reports a fold split that has to.
//!
//! Words come from jieba (`jieba-rs`: a dictionary of some 349 000 words with their
//! frequencies, the likeliest segmentation of each run, and its HMM for words not in the
//! dictionary, such as names: 黄循财, 规上). ICU's dictionary segmenter, used until session 27,
//! put a sense-group break inside a news word a 美编 never breaks (增加|值, 新能|源, 常委|会,
//! 进出口|额, 新政|策) on 12 of 22 news headlines tried. A run of Latin letters, digits and ASCII marks (8.5%,
//! 5G, COVID-19, 2,300: a comma or colon between figures ends no phrase) is one word, and so is a number with its units (`UNITS`: 2025年, 1.5万个, 12家)
//! or its ordinal 第 (第3); a space between Latin words (iPhone 17) is a word space, not a break
//! between phrases. The house's words (`[typography] words`: 易炼红) are words wherever they
//! stand ([`breaks_with`]). Two characters left single side by side are taken as one word
//! (老旧, 发力); a lone single character before a word opens it (进企业, 在行动), unless it is a
//! suffix (`SUFFIXES`: 九江港, 调研时), which joins the word before it, as one at the end does
//! (宣传月); a quotation is one word (“清源断流”, “警”色). Sense groups
//! are the words taken two by two from the end of a run, as a headline's four-character rhythm
//! reads them: 全力推进｜毒品问题｜综合治理, 狠抓｜缉毒执法; a word of three characters or more is
//! a group of its own; and a predicate's verb (`PREDICATES`: 取得, 启动, 夺冠 …) opens a group,
//! with the adverbs before it (`MODIFIERS`: 全力推进, 集中开工), so the subject before it is a
//! group of its own: 中小学生近视防控｜取得｜阶段性｜成效, not 近视｜防控取得 (a lone character
//! before the verb closes the subject: 一刻钟圈｜覆盖).
//!
//! Loading the dictionary takes about 130 ms and 27 MB, more than half of a cold build, so the
//! words of each run are kept in the user's cache folder ([`crate::project::cache_dir`],
//! `words-<id>.json`) keyed by the run's text, as the photos' measurements are
//! ([`crate::input::known`]): a build whose display text has been segmented before never
//! loads it; `<id>` (`FOLIO_WORDS_ID`, `build.rs`) changes with this file and the locked crate
//! versions, so another folio never reads them. An entry that does not fit its run is ignored;
//! a missing, unreadable or foreign cache only makes the build slower.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

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
    breaks_with(text, &[])
}

/// [`breaks`], with the house's words (`[typography] words`: names, places and terms the
/// dictionary lacks, 易炼红, 赣江新区) taken as words wherever they stand: never broken inside,
/// each a word of its own.
pub fn breaks_with(text: &str, house: &[String]) -> Vec<Break> {
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
            // A space between Latin words or numbers is a word space inside a name (iPhone 17,
            // Mate 80, Wi-Fi 7), not the editor's space between phrases.
            let latin = |c: Option<char>| c.is_some_and(crate::input::punctuation::is_latin);
            let word_space = c == ' ' && latin(text[..i].chars().next_back()) && latin(text[end..].chars().next());
            push(&mut out, i, if word_space { rank::WORD } else { rank::PHRASE });
            start = end;
        } else if CLOSING.contains(c)
            && !inside_number(text, i, end)
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
    for (a, b) in runs {
        let run = &text[a..b];
        let (starts, inner, verbs) = word_bounds(run);
        let (starts, inner) = house_words(run, (starts, inner), TERMS.iter().copied().chain(house.iter().map(String::as_str)));
        let mut bounds = vec![0];
        bounds.extend(starts);
        bounds.push(run.len());
        let words = words(run, &bounds, &verbs);
        for (k, (from, _)) in groups(run, &words, &verbs, &bounds).into_iter().enumerate() {
            if k > 0 {
                push(&mut out, a + from, rank::GROUP);
            }
        }
        for &(from, _) in words.iter().skip(1) {
            push(&mut out, a + from, rank::WORD);
        }
        // Between the two words of a compound (综合|治理), inside its sense group.
        for at in inner {
            if words.iter().any(|&(f, t)| f < at && at < t) {
                push(&mut out, a + at, rank::WORD);
            }
        }
    }
    out.sort_by_key(|b| b.byte);
    out
}

/// Whether the ASCII comma or colon at `i..end` stands between two figures (2,300, 7:30): part of
/// the number, not the end of a phrase.
fn inside_number(text: &str, i: usize, end: usize) -> bool {
    matches!(&text[i..end], "," | ":") && text[..i].ends_with(|c: char| c.is_ascii_digit()) && text[end..].starts_with(|c: char| c.is_ascii_digit())
}

/// The identity of the segmentation: kept words are used only by the folio that made them.
const WORDS_ID: &str = env!("FOLIO_WORDS_ID");

/// Most runs remembered; the least recently used go first.
const MAX_RUNS: usize = 20_000;

/// Runs longer than this (in bytes: some 170 Chinese characters) are not written to the cache
/// file (no headline phrase is that long); the process keeps them like any other.
const MAX_KEPT_RUN: usize = 512;

/// The dictionary, loaded the first time a run is not in the cache. A one-shot build frees it
/// once its display text is segmented ([`release_dictionary`], before pass 2: its 27 MB would
/// otherwise add to the build's peak at the export); a watch or serve session keeps it
/// ([`keep_dictionary`]) for each edited headline.
static JIEBA: Mutex<Option<Arc<jieba_rs::Jieba>>> = Mutex::new(None);

/// The process keeps the dictionary once loaded ([`keep_dictionary`]).
static KEEP_DICTIONARY: AtomicBool = AtomicBool::new(false);

/// Keep the dictionary loaded for the process (a watch or serve session).
pub fn keep_dictionary() {
    KEEP_DICTIONARY.store(true, Ordering::Relaxed);
}

/// Free the dictionary, unless the process keeps it: every run segmented so far stays known.
pub fn release_dictionary() {
    if !KEEP_DICTIONARY.load(Ordering::Relaxed) {
        *JIEBA.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// The dictionary, loaded if it is not.
fn dictionary() -> Arc<jieba_rs::Jieba> {
    let mut guard = JIEBA.lock().unwrap_or_else(|e| e.into_inner());
    guard
        .get_or_insert_with(|| {
            let t = std::time::Instant::now();
            let j = jieba_rs::Jieba::new();
            crate::diag::log(&format!("word dictionary loaded in {:?}", t.elapsed()));
            Arc::new(j)
        })
        .clone()
}

#[derive(Serialize, Deserialize)]
struct WordsFile {
    words: String,
    /// Runs and their [`Words`], most recently used first.
    runs: Vec<(String, Words)>,
}

/// The words of a run: byte offsets where its words start (after the first), where the
/// second word of a compound of two starts (综合治理: 综合|治理), and where the words jieba tags
/// as verbs (`v`) start (the first word's too: 0).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Words {
    starts: Vec<u32>,
    inner: Vec<u32>,
    #[serde(default)]
    verbs: Vec<u32>,
}

struct WordsState {
    /// Each run's words, and when they were last used (a counter: higher is later).
    runs: HashMap<String, (u64, Words)>,
    clock: u64,
    /// Something learnt since the file was read.
    dirty: bool,
    file: Option<PathBuf>,
}

static WORDS: Mutex<Option<WordsState>> = Mutex::new(None);

/// Run `f` on the kept words, read from the cache file the first time.
fn with_words<T>(f: impl FnOnce(&mut WordsState) -> T) -> T {
    let mut guard = WORDS.lock().unwrap_or_else(|e| e.into_inner());
    let state = guard.get_or_insert_with(|| {
        let file = crate::project::cache_dir().map(|d| d.join(format!("words-{WORDS_ID}.json")));
        let kept = file
            .as_deref()
            .and_then(|p| crate::project::read_regular(p, crate::project::limits::WORDS_CACHE).ok())
            .and_then(|b| serde_json::from_slice::<WordsFile>(&b).ok())
            .filter(|f| f.words == WORDS_ID)
            .map(|f| f.runs)
            .unwrap_or_default();
        let n = kept.len() as u64;
        // The file lists the most recent first: the first gets the highest count.
        let runs = kept.into_iter().enumerate().map(|(i, (run, starts))| (run, (n - i as u64, starts))).collect();
        WordsState { runs, clock: n + 1, dirty: false, file }
    });
    f(state)
}

/// Where the words of `run` (no whitespace in it) start, after its first, and where the second
/// word of a compound of two starts: byte offsets, increasing, each inside the run on a
/// character boundary. From the cache when the run was segmented before, else from jieba
/// (loading its dictionary the first time).
fn word_bounds(run: &str) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let inside = |v: &[u32]| v.windows(2).all(|w| w[0] < w[1]) && v.iter().all(|&b| b > 0 && (b as usize) < run.len() && run.is_char_boundary(b as usize));
    let fits = |w: &Words| inside(&w.starts) && inside(&w.inner) && w.verbs.iter().all(|&b| (b as usize) < run.len() && run.is_char_boundary(b as usize));
    let kept = with_words(|s| {
        let clock = s.clock;
        let e = s.runs.get_mut(run)?;
        e.0 = clock;
        s.clock += 1;
        Some(e.1.clone())
    });
    let found = match kept.filter(|k| fits(k)) {
        Some(k) => k,
        None => {
            let words = segment(&dictionary(), run);
            with_words(|s| {
                let clock = s.clock;
                s.clock += 1;
                s.runs.insert(run.to_string(), (clock, words.clone()));
                s.dirty |= run.len() <= MAX_KEPT_RUN;
            });
            words
        }
    };
    // A run of Latin letters, digits and ASCII marks is one word: 8.5%, 5G, COVID-19; so is a
    // number with its unit or measure word (2025年, 5999元, 1.5万个, 12家) and an ordinal (第3).
    let ascii = |c: Option<char>| c.is_some_and(crate::input::punctuation::is_latin);
    let keep = |v: Vec<u32>| v.into_iter().map(|b| b as usize).filter(|&b| !(ascii(run[..b].chars().next_back()) && ascii(run[b..].chars().next())) && !in_number(run, b)).collect();
    (keep(found.starts), keep(found.inner), found.verbs.into_iter().map(|b| b as usize).collect())
}

/// Units and measure words that go with the number before them (2025年, 5999元, 1.5万个,
/// 12家, 20多, 1.2万余): at most [`MAX_UNIT`] of them after a number's last digit.
pub const UNITS: &str = "年月日时分秒号届期次位名人户家所个件项台辆部条座头只匹种类批元角万亿千百倍岁斤吨米里亩度周天组支架艘栋套张份篇场轮例起处宗多余";

/// Most units that go with a number: 1.5万个, 2025年度.
const MAX_UNIT: usize = 2;

/// Units of measure of two characters or more, which go with the figure before them as one
/// character of `UNITS` does (台积电2纳米工艺, never 台积电2｜纳米工艺: review 45b): jieba makes
/// them words of their own. Their characters are not units alone (公 of 公布, 小 of 小区).
const UNIT_WORDS: &[&str] = &[
    "纳米", "微米", "毫米", "厘米", "公里", "千米", "公斤", "千克", "公顷", "平方米", "平方公里", "立方米", "千瓦", "兆瓦", "吉瓦",
    "毫升", "百分点", "个百分点", "小时", "分钟", "英里", "海里",
];

/// Whether byte `b` of `run` falls inside a number with its units (2025|年, 1.5万|个) or after
/// an ordinal's 第 (第|3).
fn in_number(run: &str, b: usize) -> bool {
    let (before, after) = (&run[..b], &run[b..]);
    let Some(next) = after.chars().next() else { return false };
    let han = |c: char| HAN_DIGITS.contains(c);
    let digit = |c: char| c.is_ascii_digit() || han(c);
    if before.ends_with('第') && digit(next) {
        return true;
    }
    // Inside a number in Chinese numerals (第三十|二次 until session 40).
    if before.chars().next_back().is_some_and(han) && han(next) {
        return true;
    }
    if before.ends_with(|c: char| c.is_ascii_digit()) && UNIT_WORDS.iter().any(|u| after.starts_with(u)) {
        return true;
    }
    // A date or a time in figures is one number: 11月15日, 2025年3月, 2小时09分, 3分12秒
    // (11月｜15日 split a date, review 45b). Not any two numbers: 2025年｜3家企业.
    let figures = after.chars().take_while(char::is_ascii_digit).count();
    if figures > 0 {
        let unit_after = &after[figures..];
        let follows = COMPOUND.iter().any(|(unit, then)| {
            before.strip_suffix(unit).is_some_and(|n| n.ends_with(|c: char| c.is_ascii_digit())) && then.iter().any(|t| unit_after.starts_with(t))
        });
        if follows {
            return true;
        }
    }
    if !UNITS.contains(next) {
        return false;
    }
    // The units before `b`, then a digit.
    let units = before.chars().rev().take_while(|&c| UNITS.contains(c)).count();
    units < MAX_UNIT && before.chars().rev().nth(units).is_some_and(digit)
}

/// The units of a date or a time in figures and those the next figures take (a date, a time:
/// one number, [`in_number`]).
const COMPOUND: &[(&str, &[&str])] = &[("年", &["月"]), ("月", &["日", "号"]), ("日", &["时", "点"]), ("时", &["分"]), ("点", &["分"]), ("小时", &["分"]), ("分", &["秒"])];

/// The numerals of a number written in Chinese (第三十二次, 两千余人, 十五五): a number and
/// its units are one word as one in figures is.
const HAN_DIGITS: &str = "〇零一二两三四五六七八九十百千万亿";

/// Segment `run` with jieba: its likeliest words, and for each word of four characters or
/// more that is two dictionary words of two or more characters each (综合治理, 个人所得税), where
/// the second starts (the split nearest the middle) — not inside an idiom (成语, 自力更生).
fn segment(jieba: &jieba_rs::Jieba, run: &str) -> Words {
    let mut out = Words::default();
    let mut at = 0;
    for t in jieba.tag(run, true) {
        if at > 0 {
            out.starts.push(at as u32);
        }
        if t.tag == "v" {
            out.verbs.push(at as u32);
        }
        let chars: Vec<(usize, char)> = t.word.char_indices().collect();
        let n = chars.len();
        if n >= 4 && t.tag != "i" {
            let split = (2..=n - 2)
                .filter(|&k| jieba.has_word(&t.word[..chars[k].0]) && jieba.has_word(&t.word[chars[k].0..]))
                .min_by_key(|&k| (2 * k).abs_diff(n));
            if let Some(k) = split {
                out.inner.push((at + chars[k].0) as u32);
            }
        }
        at += t.word.len();
    }
    // The tagger's words make up the run; were they ever not to, its starts are the cutter's.
    if at != run.len() {
        out.starts = jieba.cut(run, true).iter().map(|t| t.byte_start as u32).filter(|&b| b > 0).collect();
        out.inner.clear();
        out.verbs.clear();
    }
    out
}

/// Write the words segmented since the cache file was read (nothing when none were),
/// atomically; a cache that cannot be written is only a slower next build.
pub fn save() {
    let Some((path, bytes)) = with_words(|s| {
        let path = s.file.clone().filter(|_| s.dirty)?;
        s.dirty = false;
        let file = WordsFile { words: WORDS_ID.to_string(), runs: kept_runs(&s.runs) };
        Some((path, serde_json::to_vec(&file).ok()?))
    }) else {
        return;
    };
    if let Err(e) = crate::project::write_atomic(&path, &bytes) {
        crate::diag::log(&format!("headline words not kept: {}", e.message));
    }
}

/// The runs the cache file keeps, the most recently used first: those of at most
/// [`MAX_KEPT_RUN`] bytes, at most [`MAX_RUNS`] of them, and no more than three quarters of what
/// a read takes (`limits::WORDS_CACHE`: a file over it would not be read back; a run costs its
/// bytes, the digits of its offsets and the JSON around them).
fn kept_runs(runs: &HashMap<String, (u64, Words)>) -> Vec<(String, Words)> {
    let mut runs: Vec<(&String, &(u64, Words))> = runs.iter().filter(|(r, _)| r.len() <= MAX_KEPT_RUN).collect();
    runs.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    runs.truncate(MAX_RUNS);
    let mut bytes = 0;
    let budget = crate::project::limits::WORDS_CACHE.bytes as usize * 3 / 4;
    runs.into_iter()
        .take_while(|(r, (_, w))| {
            bytes += r.len() + 24 + 6 * (w.starts.len() + w.inner.len());
            bytes <= budget
        })
        .map(|(r, (_, w))| (r.clone(), w.clone()))
        .collect()
}

/// The word starts and compound splits of `run` ([`word_bounds`]) with the house's words made
/// words: no start or split inside one, a start at each of its ends. Where two house words
/// overlap in the run (新区 in 赣江新区 and 新区建设), the first found wins.
fn house_words<'a>(run: &str, (mut starts, mut inner): (Vec<usize>, Vec<usize>), house: impl Iterator<Item = &'a str>) -> (Vec<usize>, Vec<usize>) {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for word in house.filter(|w| !w.is_empty()) {
        for (from, _) in run.match_indices(word) {
            let to = from + word.len();
            if taken.iter().any(|&(f, t)| from < t && f < to) {
                continue;
            }
            taken.push((from, to));
            starts.retain(|&b| b <= from || b >= to);
            inner.retain(|&b| b <= from || b >= to);
            starts.extend([from, to].into_iter().filter(|&b| b > 0 && b < run.len()));
        }
    }
    starts.sort_unstable();
    starts.dedup();
    (starts, inner)
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

/// Terms of the news that the dictionary has only as words of their own, and a 美编 never
/// breaks (地区｜生产总值, review 47): words wherever they stand, as the house's are.
const TERMS: &[&str] = &[
    "地区生产总值", "国内生产总值", "社会消费品零售总额", "规模以上工业增加值", "规上工业增加值", "居民消费价格指数",
    "城镇调查失业率", "一般公共预算收入", "固定资产投资", "进出口总值", "城乡居民收入", "人均可支配收入", "可支配收入",
    "综合交通枢纽", "交通枢纽", "公共停车泊位", "停车泊位", "公交线网", "传承人", "全覆盖",
];

/// Characters that, standing alone before a figure, go with it: 约3000人, 近百家, 逾5成, 超8%,
/// 第3, 每10人, 共12家, 仅1例.
const FIGURE_OPENERS: &str = "约近逾超达共仅均占第每计合总增降减升涨跌破过至到从由为前后再新";

/// Characters that, standing alone after a verb, end it: 改建为, 转化成, 位于 (改建｜为综合能源站,
/// review 47: the 为 opened the word after it).
const COMPLEMENTS: &str = "为成于";

/// The last characters of a noun of three that names a kind of thing — an event, a place, a
/// body (桥牌赛, 音乐节, 产业园, 能源站): the two words before it name which, and go with it
/// (全民健身桥牌赛, never 全民健身｜桥牌赛: review 47).
const KINDS: &str = "赛会节展园站馆场厂港桥路店村镇城楼校所队团杯营区";

/// Characters that, standing alone after a word, end it: a place's kind (九江港, 蒋巷镇), a
/// meeting or a festival (推进会), a time (调研时, 会后), a measure (游客量, 覆盖率), a day (献血日).
const SUFFIXES: &str = "港镇县市区乡村省州局站所队会节馆院园时后前间里届期量率日";

/// Characters of `s` that are not punctuation marks.
fn chars(s: &str) -> usize {
    s.chars().filter(|&c| !OPENING.contains(c) && !CLOSING.contains(c)).count()
}

/// The words of a run (byte ranges), from the segmenter's boundaries `bounds`: marks joined to
/// the word they belong to, single characters joined as the module documentation says.
fn words(run: &str, bounds: &[usize], verbs: &[usize]) -> Vec<(usize, usize)> {
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
            // One left over: a suffix joins the word before it (九江港, 调研时), any other
            // opens the word after it; at the end it joins the one before.
            // So does one before a predicate's verb (一刻钟圈｜覆盖).
            let one = &run[segs[k].0..segs[k].1];
            let suffix = one.chars().all(|c| SUFFIXES.contains(c)) && k > 0;
            // A verb's complement joins it (改建为).
            let suffix = suffix || (one.chars().all(|c| COMPLEMENTS.contains(c)) && out.last().is_some_and(|l| verbs.contains(&l.0)));
            let before_verb = segs.get(j).is_some_and(|n| PREDICATES.contains(&&run[n.0..n.1]));
            // A noun's last character before a figure closes that noun (充电桩2860个, never
            // 充电｜桩2860个: review 49): a figure takes no character before it but a verb (设43个,
            // 增8%) or one of `FIGURE_OPENERS` (约3000人, 第3).
            let suffix = suffix
                || (k > 0 && segs.get(j).is_some_and(|n| run[n.0..].starts_with(|c: char| c.is_ascii_digit())) && !verbs.contains(&segs[k].0) && !one.chars().all(|c| FIGURE_OPENERS.contains(c)));
            if (suffix || before_verb) && out.last().is_some_and(|l| l.1 == segs[k].0) {
                if let Some(last) = out.last_mut() {
                    last.1 = segs[k].1;
                }
            } else if j < segs.len() {
                segs[j].0 = segs[k].0;
            } else if let Some(last) = out.last_mut() {
                last.1 = segs[k].1;
            } else {
                out.push(segs[k]);
            }
        }
        i = j;
    }
    // A time's tail joins the word before it (国庆前夕, 汛期期间).
    let mut i = 1;
    while i < out.len() {
        if TIME_TAILS.contains(&&run[out[i].0..out[i].1]) && out[i - 1].1 == out[i].0 {
            out[i - 1].1 = out[i].1;
            out.remove(i);
        } else {
            i += 1;
        }
    }
    out
}

/// Sense groups of a run's words: each word of three characters or more alone, the others two
/// by two from the end of each stretch of them. A predicate's verb opens a group: one of
/// `PREDICATES`, or a word jieba tags as a verb (`verbs`: where they start) with a figure after
/// it, or 至 and a figure (公积金贷款最高额度｜提至120万元, 种群｜恢复至1249头: the figure is what
/// the head says, its verb goes with it; paired by rhythm it broke 最高｜额度提至, review 45b).
fn groups(run: &str, words: &[(usize, usize)], verbs: &[usize], bounds: &[usize]) -> Vec<(usize, usize)> {
    let is = |list: &[&str], w: &(usize, usize)| list.contains(&&run[w.0..w.1]);
    let figure = |at: usize| run[at..].trim_start_matches(['至', '到']).starts_with(|c: char| c.is_ascii_digit());
    let numeral = |at: usize| run[at..].starts_with(|c: char| c.is_ascii_digit() || HAN_DIGITS.contains(c));
    // One word as the segmenter gave it, or with a suffix (能源站), not a single character
    // opening one (较往年).
    let whole = |w: &(usize, usize)| {
        let suffix = run[w.0..w.1].chars().next_back().filter(|&c| SUFFIXES.contains(c)).map_or(w.1, |c| w.1 - c.len_utf8());
        !bounds.iter().any(|&b| w.0 < b && b < w.1 && b != suffix)
    };
    let verb = |w: &(usize, usize)| is(PREDICATES, w) || verbs.contains(&w.0);
    // A time that ends in 前, 后 or 起 or a word of `TIME_TAILS` (国庆前, 会后, 即日起, 国庆前夕),
    // not a verb (提前): when something happens, which goes with the word after it, whatever it
    // is (国庆前开馆: jieba does not tag 开馆 a verb).
    let until = |w: &(usize, usize)| {
        let s = &run[w.0..w.1];
        chars(s) >= 2 && !verbs.contains(&w.0) && (s.ends_with(['前', '后', '起']) || TIME_TAILS.iter().any(|t| s.len() > t.len() && s.ends_with(t)))
    };
    // A time word: one of `TIMES`, or one that ends so.
    let time = |w: &(usize, usize)| is(TIMES, w) || until(w);
    // A predicate's verb: a listed one, a verb with a figure after it, or a verb of two whose
    // second is 到, 进 or 入 (开到家门口, 搬进新居: review 49's 社区食堂开到｜家门口 broke 食堂开到).
    let opens = |w: &(usize, usize)| is(PREDICATES, w) || (verbs.contains(&w.0) && (figure(w.1) || (chars(&run[w.0..w.1]) == 2 && run[w.0..w.1].ends_with(['到', '进', '入']))));
    // Whether the words from `k` on, after time word `t`, are the predicate it goes with: its
    // adverbs, then a verb (or, after a time that ends in 前, 后 or 起, a word of two) that ends
    // the run. A verb with its object goes with the object (国庆前｜开放博物馆新馆).
    let opens_predicate = |t: &(usize, usize), k: usize| {
        let Some(v) = (k..words.len()).find(|&i| !is(MODIFIERS, &words[i])) else { return false };
        (verb(&words[v]) || (until(t) && v == k && chars(&run[words[v].0..words[v].1]) == 2)) && v + 1 == words.len()
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
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
    let mut k = 0;
    // The last group is a verb with its adverbs (同比增长), which a figure joins.
    let mut after_verb = false;
    while k < words.len() {
        let mut w = words[k];
        k += 1;
        let verb_before = std::mem::take(&mut after_verb);
        if opens(&w) {
            // 至 or 到 after the verb goes in its group, not the figure's (恢复至1249头 one
            // group, never 恢复｜至1249头 between two).
            if let Some(&next) = words.get(k).filter(|n| run[n.0..n.1].starts_with(['至', '到']) && figure(w.1)) {
                w = (w.0, next.1);
                k += 1;
            }
            // A predicate's verb opens a group: with the adverbs before it (全力推进, 集中开工) a
            // group of its own, else the first of a new stretch (召开会议, 取得｜阶段性).
            // A time word before them goes with them too where the verb ends the run (年底前全面建成).
            let last = k == words.len();
            let m = stretch.len() - stretch.iter().rev().take_while(|v| is(MODIFIERS, v) || (last && time(v))).count();
            let adverbs = stretch.split_off(m);
            // A word alone after a group of its own closes that group, the subject's head noun
            // (“数字临江”便民服务平台｜上线, never 便民服务｜平台上线: review 49).
            if let [lone] = stretch[..] {
                if let Some(prev) = out.last_mut().filter(|p| p.1 == lone.0 && chars(&run[p.0..p.1]) >= 3 && !verb(&lone) && chars(&run[lone.0..lone.1]) == 2) {
                    prev.1 = lone.1;
                    stretch.clear();
                }
            }
            flush(&mut stretch, &mut out);
            match adverbs.first() {
                Some(a) => {
                    out.push((a.0, w.1));
                    after_verb = true;
                }
                None => stretch.push(w),
            }
        } else if stretch.last().is_some_and(|t| t.1 == w.0 && ((time(t) && verb(&w)) || (until(t) && chars(&run[w.0..w.1]) == 2))) && !is(MODIFIERS, &w) && k == words.len() {
            // A time word goes with the verb after it, as an adverb does (市博物馆新馆｜国庆前开馆,
            // never 国庆前｜开馆: review 48): the time is when the predicate happens. Only a verb
            // that ends the run: one with an object goes with it (春节前｜返乡客流｜迎高峰).
            let t = stretch.pop().map_or(w.0, |t| t.0);
            flush(&mut stretch, &mut out);
            out.push((t, w.1));
            after_verb = true;
        } else if chars(&run[w.0..w.1]) >= 3 && !(time(&w) && opens_predicate(&w, k)) {
            // A noun of three characters goes with what names it before it: a word alone
            // (人形机器人, 半程马拉松, 城际无人机, 省委常委会, 总理黄循财), or, for one that names a
            // kind (`KINDS`), the two words before it (全民健身桥牌赛, 首届稻田音乐节). A figure
            // goes with the word before it, a verb's too (全长12.6公里, 突破百亿元). Paired by
            // rhythm they stood apart (半程｜马拉松, 全长｜12.6公里: review 47). Not a predicate's verb
            // with its object (取得｜阶段性成效: jieba tags nouns as verbs too, 综合, 健身), nor a
            // word of four (严格｜场所管理).
            let n = chars(&run[w.0..w.1]);
            let figured = numeral(w.0) && !verb(&w);
            let noun = n == 3 && whole(&w) && !verb(&w) && !time(&w);
            let lone = (stretch.len() == 1 && (figured || (noun && !is(PREDICATES, &stretch[0])))) || (stretch.is_empty() && verb_before && figured);
            let kind = stretch.len() >= 2 && noun && run[w.0..w.1].chars().last().is_some_and(|c| KINDS.contains(c)) && !stretch[stretch.len() - 2..].iter().any(|v| is(PREDICATES, v));
            let joins = lone || kind;
            flush(&mut stretch, &mut out);
            match out.last_mut().filter(|l| joins && l.1 == w.0) {
                Some(last) => last.1 = w.1,
                None => out.push(w),
            }
        } else {
            stretch.push(w);
        }
    }
    flush(&mut stretch, &mut out);
    out
}

/// Verbs that open a headline's predicate (谓语): the words before them are its subject, a
/// sense group of their own (中小学生近视防控｜取得阶段性成效, 专项行动｜启动, 我市小将｜夺冠), not
/// paired with the verb by the four-character rhythm. Words a headline uses mostly as verbs.
const PREDICATES: &[&str] = &[
    "取得", "实现", "召开", "举行", "举办", "启动", "发布", "迎来", "获评", "获得", "荣获", "入选", "开幕", "闭幕", "落幕",
    "开工", "竣工", "投产", "通车", "开通", "上线", "签约", "亮相", "出台", "印发", "部署", "强调", "指出", "会见", "会谈",
    "考察", "走访", "看望", "慰问", "主持", "出席", "夺冠", "夺得", "摘得", "斩获", "创下", "刷新", "跑出", "砍下", "覆盖",
    "采摘", "争创", "力抓", "新增", "推进", "推动", "加强", "打造", "助力", "开展", "守护", "筑牢", "擦亮", "点亮", "激活",
    "赋能", "带动", "惠及", "走进", "迈向", "开启", "逆转", "战胜", "击败", "当选", "作出", "传达", "贯彻", "落实", "破获",
    "抓获", "查处", "捣毁", "侦破", "缴获", "打掉", "揭牌", "成立", "建成", "完成", "突破", "达到", "超过", "增长", "下降",
    "提高", "降低", "提升",
];

/// Time words that go with the verb after them, as adverbs do (今年新增, 年底前全面建成); a word
/// and 前, 后 or 起 after it is one too (国庆前开馆).
const TIMES: &[&str] = &[
    "今年", "明年", "去年", "年底", "年初", "年内", "年末", "月底", "月初", "月内", "近日", "日前", "昨日", "今日", "明日", "昨天",
    "今天", "明天", "本周", "下周", "本月", "下月", "近期", "目前", "当前", "今后", "此前", "上半年", "下半年", "今冬", "今春",
    "今夏", "今秋", "明春", "届时",
];

/// Words that, after a word, make it a time (国庆前夕, 汛期期间, 建党百年之际): one word with it.
const TIME_TAILS: &[&str] = &["前夕", "期间", "之际", "以来", "之前", "之后", "当天", "当日"];

/// Adverbs that go with the verb after them (全力推进, 集中开工, 持续发力).
const MODIFIERS: &[&str] = &[
    "全力", "集中", "持续", "稳步", "全面", "深入", "加快", "大力", "扎实", "积极", "切实", "不断", "首次", "再次", "成功",
    "正式", "顺利", "率先", "合力", "携手", "共同", "着力", "主动", "迅速", "及时", "依法", "严厉", "同比", "环比",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text` may break before byte `at` (a place [`breaks`] gives), and how well.
    fn rank_at(text: &str, at: usize) -> Option<u8> {
        breaks(text).into_iter().find(|b| b.byte == at).map(|b| b.rank)
    }

    /// `text` with `|` at each break of rank `rank` or better.
    fn show(text: &str, best: u8) -> String {
        show_with(text, best, &[])
    }

    /// [`show`] with the house's words.
    fn show_with(text: &str, best: u8, house: &[String]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for b in breaks_with(text, house).into_iter().filter(|b| b.rank <= best) {
            out.push_str(&text[at..b.byte]);
            out.push('|');
            at = b.byte;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn a_verb_before_a_figure_opens_the_predicate() {
        // Review 45b: 「公积金贷款最高/额度提至120万元」, the words paired by rhythm from the end
        // (额度提至). A verb jieba tags so, with a figure (or 至 and a figure) after it, opens
        // the predicate as a listed verb does.
        assert_eq!(show("公积金贷款最高额度提至120万元", rank::GROUP), "公积金|贷款|最高额度|提至120万元");
        assert_eq!(show("存款利率下调0.1个百分点", rank::GROUP), "存款利率|下调0.1个百分点");
        assert_eq!(show("长江江豚种群恢复至1249头", rank::GROUP), "长江|江豚种群|恢复至1249头");
        assert_eq!(show("今冬供暖较往年提前5天", rank::GROUP), "今冬供暖|较往年|提前5天");
        // Not a verb without a figure after it, nor a noun before one: as before.
        assert_eq!(show("全力推进毒品问题综合治理", rank::GROUP), "全力推进|毒品问题|综合治理");
        assert_eq!(show("中小学生近视防控取得阶段性成效", rank::GROUP), "中小学生|近视防控|取得|阶段性|成效");
    }

    #[test]
    fn a_number_keeps_its_unit_and_a_latin_name_its_space() {
        // A number and its unit or measure word are one word: no break between them at any
        // rank (until session 28: 我市启动2025｜年“春风行动”, 5999｜元, 1.5｜万个, 12｜家).
        assert_eq!(show("我市启动2025年“春风行动”", rank::GROUP), "我市|启动2025年|“春风行动”");
        assert_eq!(show("5G基站突破1.5万个", rank::WORD), "5G|基站|突破|1.5万个");
        assert_eq!(show("12家企业获评", rank::WORD), "12家|企业|获评");
        assert_eq!(show("长江江豚种群恢复至1249头", rank::WORD), "长江|江豚|种群|恢复|至1249头");
        assert_eq!(show("第3季度GDP增长5.2%", rank::WORD), "第3|季度|GDP|增长|5.2%");
        assert_eq!(show("2025年度", rank::WORD), "2025年度");
        // A unit of two characters too (review 45b: 台积电2｜纳米工艺).
        assert!(!show("台积电2纳米工艺量产", rank::WORD).contains("2|纳米"));
        assert_eq!(show("地铁线路缩短4.2公里", rank::WORD), "地铁|线路|缩短|4.2公里");
        assert_eq!(show("马拉松2小时09分夺冠", rank::WORD), "马拉松|2小时09分|夺冠");
        // A date or a time is one number; two numbers are not (review 45b: 11月15｜日).
        assert_eq!(show("全市11月15日起集中供暖", rank::WORD), "全市|11月15日起|集中|供暖");
        assert_eq!(show("2025年3月1日施行", rank::WORD), "2025年3月1日|施行");
        assert_eq!(show("2025年3家企业获评", rank::WORD), "2025年|3家|企业|获评");
        // So is one in Chinese numerals, its ordinal 第 with it.
        let apec = show("APEC第三十二次领导人非正式会议", rank::WORD);
        assert!(apec.contains("第三十二次"), "{apec}");
        // A thousands separator or a time's colon is part of its number, not a phrase's end
        // (游客2,｜300万人次 until session 37).
        assert_eq!(show("全市接待游客2,300万人次", rank::WORD), "全市|接待|游客|2,300万人次");
        assert_eq!(show("7:30开跑", rank::PHRASE), "7:30开跑");
        // A space between Latin words is a word space, not the editor's break between phrases.
        let head = "Apple发布iPhone 17系列新品 国内售价5999元起";
        assert_eq!(show(head, rank::PHRASE), "Apple发布iPhone 17系列新品| 国内售价5999元起");
        assert_eq!(rank_at(head, head.find(" 17").unwrap()), Some(rank::WORD));
    }

    #[test]
    fn a_noun_of_three_goes_with_what_names_it() {
        // Review 47's heads, each broken inside a sense group: 半程｜马拉松, 城际｜无人机,
        // 改建｜为综合能源站, 全民健身｜桥牌赛, 地区｜生产总值, 全长｜12.6公里.
        for (text, groups) in [
            ("人形机器人半程马拉松鸣枪", "人形机器人|半程马拉松|鸣枪"),
            ("城际无人机物流航线开通", "城际无人机|物流航线|开通"),
            ("加油站改建为综合能源站", "加油站|改建为|综合能源站"),
            ("我市举办全民健身桥牌赛", "我市|举办|全民健身桥牌赛"),
            ("前三季度地区生产总值同比增长5.3%", "前三季度|地区生产总值|同比增长5.3%"),
            ("快速路全长12.6公里", "快速路|全长12.6公里"),
            // Terms of the news (review 48: 非遗传｜承人, 公交线｜网, 综合｜交通枢纽, 可支配｜收入).
            ("国家级非遗传承人走进校园", "国家级|非遗传承人|走进校园"),
            ("中心城区公交线网优化调整", "中心城区|公交线网|优化调整"),
            ("高铁西站综合交通枢纽主体完工", "高铁西站|综合交通枢纽|主体完工"),
            ("全市规上工业增加值增长7.2%", "全市|规上工业增加值|增长7.2%"),
            // Not a predicate's verb with its object, nor a word of four after a word.
            ("山区茶农采摘头茬茶", "山区茶农|采摘|头茬茶"),
            ("严格场所管理", "严格|场所管理"),
            ("今冬供暖较往年提前5天", "今冬供暖|较往年|提前5天"),
        ] {
            assert_eq!(show(text, rank::GROUP), groups, "{text}");
        }
    }

    #[test]
    fn a_time_word_goes_with_the_verb_that_ends_the_head() {
        // Review 48: 市博物馆新馆国庆前｜开馆, the time cut from the predicate it dates.
        for (text, groups) in [
            ("市博物馆新馆国庆前开馆", "市博物馆|新馆|国庆前开馆"),
            ("新馆年底前全面建成", "新馆|年底前全面建成"),
            // A verb with its object goes with the object, the time alone (not with the noun
            // before it either: 新馆国庆前 was one group).
            ("国庆前开放博物馆新馆", "国庆前|开放博物馆|新馆"),
            ("春节前返乡客流迎高峰", "春节前|返乡客流|迎高峰"),
            ("国庆前夕游客量大增", "国庆前夕|游客量大增"),
            ("汛期期间严禁下河游泳", "汛期期间|严禁|下河游泳"),
            // 提前 is a verb, not a time.
            ("今冬供暖较往年提前5天", "今冬供暖|较往年|提前5天"),
        ] {
            assert_eq!(show(text, rank::GROUP), groups, "{text}");
        }
    }

    #[test]
    fn review_49s_heads_break_between_sense_groups() {
        // Each broke inside a word or a sense group (充电｜桩, 食堂开到｜家门口, 便民服务｜平台,
        // 门诊共济报销｜比例, 实现全｜覆盖, 献血｜日活动).
        for (text, groups) in [
            ("城区新建充电桩2860个", "城区新建|充电桩2860个"),
            ("社区食堂开到家门口", "社区食堂|开到家门口"),
            ("“数字临江”便民服务平台上线试运行", "“数字临江”|便民服务平台|上线|试运行"),
            ("门诊共济报销比例提高", "门诊共济|报销比例|提高"),
            ("中小学课后服务实现全覆盖", "中小学|课后服务|实现|全覆盖"),
            ("全市启动“520”献血日活动", "全市|启动|“520”|献血日|活动"),
            // A verb or a figure's own word before a figure stays with the figure.
            ("市民运动会设43个项目", "市民运动会|设43个项目"),
            ("参观者约3000人", "参观者|约3000人"),
        ] {
            assert_eq!(show(text, rank::GROUP), groups, "{text}");
        }
    }

    #[test]
    fn a_predicate_opens_a_sense_group() {
        // The subject before a predicate's verb is a group of its own, not paired with the verb
        // (until session 28: 近视|防控取得, 专项|行动启动, 我市|小将夺冠, 茶农采摘, 圈覆盖).
        for (text, groups) in [
            ("中小学生近视防控取得阶段性成效", "中小学生|近视防控|取得|阶段性|成效"),
            ("春季河湖清四乱专项行动启动", "春季河湖|清四乱|专项行动|启动"),
            ("乒乓球公开赛我市小将夺冠", "乒乓球|公开赛|我市小将|夺冠"),
            ("山区茶农采摘头茬茶", "山区茶农|采摘|头茬茶"),
            // A single character before the verb closes the subject.
            ("全民健身一刻钟圈覆盖主城区", "全民健身|一刻钟圈|覆盖|主城区"),
            // Adverbs go with the verb; the verb pairs with the word after it.
            ("全力推进毒品问题综合治理", "全力推进|毒品问题|综合治理"),
            ("全市重大项目集中开工", "全市|重大项目|集中开工"),
            ("省委常委会召开会议传达学习全会精神", "省委常委会|召开会议|传达学习|全会精神"),
        ] {
            assert_eq!(show(text, rank::GROUP), groups, "{text}");
        }
    }

    #[test]
    fn house_words_are_never_broken_inside() {
        // Names and places the dictionary lacks: a sense-group break inside them without the
        // house's words.
        assert_eq!(show("易炼红在九江调研时强调", rank::GROUP), "易炼|红在九江|调研时|强调");
        assert_eq!(show("叶建春到赣江新区调研", rank::GROUP), "叶建春|到赣江|新区调研");
        let house = ["易炼红".to_string(), "赣江新区".to_string()];
        for (text, groups, words) in [
            ("易炼红在九江调研时强调", "易炼红|在九江|调研时|强调", "易炼红|在九江|调研时|强调"),
            ("叶建春到赣江新区调研", "叶建春|到赣江新区|调研", "叶建春|到赣江新区|调研"),
            ("赣江新区建设提速", "赣江新区|建设提速", "赣江新区|建设|提速"),
            // Wherever it stands, and more than once.
            ("易炼红：赣江新区要当好排头兵", "易炼红：|赣江新区|要当好|排头兵", "易炼红：|赣江新区|要当好|排头兵"),
        ] {
            assert_eq!(show_with(text, rank::GROUP, &house), groups, "{text}");
            assert_eq!(show_with(text, rank::WORD, &house), words, "{text}");
        }
        // Two house words overlapping: the first listed wins, the other is not forced.
        let overlap = ["赣江新区".to_string(), "新区建设".to_string()];
        assert!(!show_with("赣江新区建设提速", rank::WORD, &overlap).contains("赣江|新区"));
    }

    #[test]
    fn the_cache_file_keeps_the_latest_runs_within_what_a_read_takes() {
        // 30 000 runs of 500 bytes: far over MAX_RUNS and over the read limit as bytes.
        let runs: HashMap<String, (u64, Words)> = (0..30_000u64).map(|i| (format!("{i:0>500}"), (i, Words { starts: vec![3, 6], inner: vec![], verbs: vec![] }))).collect();
        let kept = kept_runs(&runs);
        assert!(!kept.is_empty() && kept.len() < MAX_RUNS);
        let file = serde_json::to_vec(&WordsFile { words: WORDS_ID.to_string(), runs: kept.clone() }).unwrap();
        assert!((file.len() as u64) < crate::project::limits::WORDS_CACHE.bytes, "{} bytes", file.len());
        // The most recent first: the highest counts.
        assert_eq!(kept[0].0, format!("{:0>500}", 29_999));
        // A run longer than MAX_KEPT_RUN is not written.
        let long: HashMap<String, (u64, Words)> = [("长".repeat(200), (1, Words::default())), ("短标题".to_string(), (0, Words::default()))].into_iter().collect();
        assert_eq!(kept_runs(&long).into_iter().map(|(r, _)| r).collect::<Vec<_>>(), ["短标题"]);
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
        // News words a dictionary of the news keeps whole (ICU's split 增加|值, 同|比, 新能|源,
        // 常委|会, 进出口|额 and 新政|策 until session 27).
        assert_eq!(show("规上工业增加值同比增长8.5%", rank::GROUP), "规上工业增加值|同比增长8.5%");
        assert_eq!(show("规上工业增加值同比增长8.5%", rank::WORD), "规上工业增加值|同比|增长|8.5%");
        assert_eq!(show("新能源汽车产销两旺", rank::GROUP), "新能源|汽车|产销两旺");
        assert_eq!(show("省委常委会召开会议传达学习全会精神", rank::GROUP), "省委常委会|召开会议|传达学习|全会精神");
        assert_eq!(show("赣江新区跨境电商进出口额突破百亿元", rank::GROUP), "赣江新区|跨境电商|进出口额|突破百亿元");
        assert_eq!(show("消费品以旧换新政策持续发力", rank::GROUP), "消费品|以旧换新|政策|持续发力");
        // A suffix left alone joins the word before it; a name the dictionary lacks is one word.
        assert_eq!(show("九江港集装箱吞吐量创新高", rank::GROUP), "九江港|集装箱|吞吐量|创新高");
        assert_eq!(show("南昌县蒋巷镇举办首届稻田音乐节", rank::GROUP), "南昌县|蒋巷镇|举办|首届稻田音乐节");
        assert_eq!(show("李强会见新加坡总理黄循财", rank::GROUP), "李强|会见|新加坡|总理黄循财");
        // Latin, digits and ASCII marks are one word (a number with its units too: below).
        assert_eq!(show("5G基站突破1.5万个", rank::WORD), "5G|基站|突破|1.5万个");
        assert_eq!(rank_at("COVID-19疫苗", "COVID".len()), None);
        // One word (a 成语) has no place to break.
        assert_eq!(breaks("自力更生"), []);
        assert_eq!(breaks(""), []);
        assert_eq!(breaks("毒"), []);
    }
}
