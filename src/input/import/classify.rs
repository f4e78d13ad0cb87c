//! Classification: takes an input's [`Line`]s and gives the [`Story`]s in them with the
//! [`Guess`]es made, by these rules (see README, "Importing copy"):
//!
//! - A story starts with up to three head lines (short, not ending in `。，；：、`): one is the
//!   主题; of two, the second is the 副题 when the first is no longer than it, else the first is
//!   the 引题; three are 引题, 主题, 副题. Where the input marks heads (Word styles or sizes,
//!   Markdown `#`), the strongest is the 主题, those before it 引题, after it 副题.
//! - A byline follows the heads: 本报记者 / 记者 / 通讯员 … or two to six names of two to four
//!   Han characters.
//! - `核心提示` / `编者按` (with or without `：`) opens the lead box; its text is the paragraph
//!   that follows (or the rest of the label's line) — several paragraphs when the input sets
//!   them apart as a box (Markdown `>`, a bordered or shaded .docx paragraph, a table cell or
//!   text box) or when a signature `——编者` closes them within the next ten paragraphs.
//! - A page banner (版头, `健康人生，绿色无毒！·九江`: a head line ending in `·` and a short
//!   name) standing before a story's heads is not part of the story; after a paragraph it ends
//!   the story before it, as a head line followed by a byline does.
//! - Lines join into paragraphs: a paragraph ends at a line ending in `。！？…!?` (closing quotes
//!   and brackets after them included) that is followed by a blank line or an indented line
//!   (or by any line, when the input marks no paragraphs at all); any other line break, even
//!   across blank lines, is a column or line break inside the paragraph and is joined without
//!   a space (with one between two Latin letters or digits).
//! - In the body, a short line (at most 20 characters, no end punctuation) standing between
//!   paragraphs, with no `，；：。` in it, is a subhead; two in a row are a first- and a
//!   second-level subhead.
//! - `caption 某某摄` is a photo caption with its credit.
//! - `本报讯`, `本报南昌6月1日电` … at the start of the first paragraph is the dateline.
//! - `（某某）` after the end punctuation of the story's last paragraph is the attribution;
//!   a head line after it starts a new story, and so does a `---` line or a page break.
//! - A manuscript that labels its parts (稿签: `引题：` / `肩题：`, `标题：` / `主题：` /
//!   `主标题：`, `副题：` / `副标题：`, `作者：`, `记者：`, `通讯员：`, then `正文：`) is taken as
//!   labelled, each label removed, before any guess; in the body, `图片说明：` / `图说：` /
//!   `图注：` is a caption (with a following `摄影：某某` line as its credit), and a labelled
//!   kicker or headline starts the next story.
//! - Whatever else stays body copy, as written.

use super::{Caption, Guess, Imported, Line, Mark, Role, Section, Story};

/// End-of-sentence punctuation.
const TERMINAL: &[char] = &['。', '！', '？', '…', '!', '?', '.', '．'];
/// Closing quotes and brackets that may follow the end punctuation.
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》', '〉', '】', '"', '\''];
/// Punctuation a head never ends with.
const NOT_HEAD_END: &[char] = &['。', '，', '；', '：', '、', ',', ';', ':'];
/// Labels of the lead box.
const LEAD_LABELS: &[&str] = &["核心提示", "编者按", "编者的话", "内容提要", "提要", "导读"];
/// Byline prefixes.
const BYLINE_PREFIXES: &[&str] = &["本报特约记者", "本报记者", "本报通讯员", "特约记者", "记者", "通讯员", "文/图", "文／图", "图/文", "图／文"];
/// What a manuscript's label (稿签) says a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    /// 引题 / 肩题 / 眉题.
    Kicker,
    /// 标题 / 主题 / 主标题 / 大标题.
    Headline,
    /// 副题 / 副标题.
    Deck,
    /// 作者 / 署名: the byline as written after it.
    Byline,
    /// 记者 / 通讯员 / 摄影记者: the byline with the label kept as its title (记者 张三).
    Reporters,
    /// 正文: the body starts (with what follows the label on its line).
    Body,
}

/// Labels of a manuscript's parts, longest first where one starts another.
const LABELS: &[(&str, Label)] = &[
    ("引题", Label::Kicker),
    ("肩题", Label::Kicker),
    ("眉题", Label::Kicker),
    ("主标题", Label::Headline),
    ("大标题", Label::Headline),
    ("标题", Label::Headline),
    ("主题", Label::Headline),
    ("副标题", Label::Deck),
    ("副题", Label::Deck),
    ("作者", Label::Byline),
    ("署名", Label::Byline),
    ("本报记者", Label::Reporters),
    ("摄影记者", Label::Reporters),
    ("记者", Label::Reporters),
    ("通讯员", Label::Reporters),
    ("正文", Label::Body),
];

/// Caption labels in the body.
const CAPTION_LABELS: &[&str] = &["图片说明", "图说", "图注"];
/// Labels of a caption's credit on the line after it.
const CREDIT_LABELS: &[&str] = &["摄影", "摄"];

/// `(label, the rest of the line)` when a line starts with `label：` (or `label:`).
fn labelled<'t>(text: &'t str, labels: &[&str]) -> Option<(usize, &'t str)> {
    labels.iter().enumerate().find_map(|(k, l)| {
        let rest = text.strip_prefix(l)?.trim_start_matches([' ', '\u{3000}']);
        Some((k, rest.strip_prefix(['：', ':'])?.trim_start_matches([' ', '\u{3000}'])))
    })
}

/// A manuscript's label, its name and what follows it on the line.
fn label_of(text: &str) -> Option<(Label, &'static str, &str)> {
    let names: Vec<&str> = LABELS.iter().map(|l| l.0).collect();
    labelled(text, &names).map(|(k, rest)| (LABELS[k].1, LABELS[k].0, rest))
}

/// Whether a line is a labelled kicker or headline (which starts a story).
fn starts_story(text: &str) -> bool {
    label_of(text).is_some_and(|(label, _, rest)| matches!(label, Label::Kicker | Label::Headline) && !rest.is_empty())
}

/// Longest head line, in characters.
const HEAD_MAX: usize = 40;
/// Longest subhead in the body, in characters.
const SUBHEAD_MAX: usize = 20;
/// How many paragraphs a lead box closed by a `——编者` signature may hold.
const LEAD_MAX_PARAS: usize = 10;
/// The signature closing an editor's note.
const LEAD_SIGNATURES: &[&str] = &["——编者", "—编者", "--编者"];

/// A Han character.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}' | '〇')
}

/// Whether `text` ends a sentence (end punctuation, maybe followed by closing quotes).
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(CLOSERS);
    t.len() < text.len() && attribution_of(text).is_some() || t.ends_with(TERMINAL)
}

/// Lines of verse: the most short lines (2–20 characters) in a row that end no sentence, where
/// they are five or more and half the input's lines or more (a poem, which an import without
/// `--verse` would take for heads and subheads); else `None`.
pub fn verse_lines(lines: &[Line]) -> Option<usize> {
    let mut best = 0;
    let mut run = 0;
    for l in lines {
        let n = l.text.chars().count();
        // (A table's rows are short and end no sentence: not verse.)
        run = if (2..=20).contains(&n) && !ends_sentence(&l.text) && !l.table { run + 1 } else { 0 };
        best = best.max(run);
    }
    (best >= 5 && 2 * best >= lines.len()).then_some(best)
}

/// A line that could be a head: short and not ending in clause punctuation.
fn headish(text: &str, max: usize) -> bool {
    let n = text.chars().count();
    (1..=max).contains(&n) && !text.ends_with(NOT_HEAD_END) && caption_of(text).is_none()
}

/// A subhead in the body: short, no end or clause punctuation (a short piece of a sentence cut
/// by a column break has some).
fn subheadish(line: &Line) -> bool {
    if line.table {
        return false;
    }
    match line.mark {
        Mark::Heading(_) | Mark::Subtitle => true,
        Mark::Title => false,
        Mark::None => {
            headish(&line.text, SUBHEAD_MAX)
                && !line.text.trim_end_matches(CLOSERS).ends_with(TERMINAL)
                && !line.text.ends_with(CLOSERS)
                && !line.text.contains(NOT_HEAD_END)
        }
    }
}

/// The names of a byline, or `None`.
fn is_byline(text: &str) -> bool {
    if BYLINE_PREFIXES.iter().any(|p| text.starts_with(p) && text[p.len()..].starts_with([' ', '\u{3000}', '：', ':'])) {
        // (记者：这次比赛有什么特点？ is an interview's question.)
        return text.chars().count() <= 40 && !ends_sentence(text);
    }
    let names: Vec<&str> = text.split([' ', '\u{3000}', '、']).filter(|s| !s.is_empty()).collect();
    (2..=6).contains(&names.len()) && names.iter().all(|n| (2..=4).contains(&n.chars().count()) && n.chars().all(is_han))
}

/// `(label, rest of the line)` when the line opens a lead box.
fn lead_label(text: &str) -> Option<(String, String)> {
    let label = LEAD_LABELS.iter().find(|l| text.starts_with(**l))?;
    let rest = &text[label.len()..];
    let rest = rest.strip_prefix(['：', ':']).map(str::trim_start).or_else(|| rest.is_empty().then_some(""))?;
    Some((label.to_string(), rest.trim_start_matches('\u{3000}').to_string()))
}

/// A page banner: a head line `主题·地方` (the middle dot followed by a name of one to eight
/// characters with no punctuation).
fn is_banner(text: &str) -> bool {
    let Some((before, after)) = text.rsplit_once(['·', '・', '•']) else { return false };
    let n = after.chars().count();
    headish(text, HEAD_MAX)
        && before.chars().count() >= 2
        && (1..=8).contains(&n)
        && after.chars().all(|c| c.is_alphanumeric())
}

/// `(caption, credit)` of a line `caption 某某摄` (or `caption 某某 摄`).
fn caption_of(text: &str) -> Option<(String, String)> {
    let body = text.strip_suffix('摄')?.trim_end_matches([' ', '\u{3000}']);
    let cut = body.rfind([' ', '\u{3000}'])?;
    let (caption, credit) = (body[..cut].trim_end_matches([' ', '\u{3000}']), body[cut..].trim_start_matches([' ', '\u{3000}']));
    let credit_ok = (1..=12).contains(&credit.chars().count()) && !credit.contains(TERMINAL) && !credit.contains(NOT_HEAD_END);
    (!caption.is_empty() && credit_ok).then(|| (caption.to_string(), credit.to_string()))
}

/// `(text without it, name)` when a paragraph ends with an attribution `（某某）` after its end
/// punctuation.
fn attribution_of(text: &str) -> Option<(String, String)> {
    let inner = text.strip_suffix('）').or_else(|| text.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let name = inner[open..].trim_start_matches(['（', '(']);
    let before = &text[..open];
    let n = name.chars().count();
    let ok = (2..=20).contains(&n)
        && !name.contains(TERMINAL)
        && !name.contains(NOT_HEAD_END)
        && before.trim_end_matches(CLOSERS).ends_with(TERMINAL);
    ok.then(|| (before.to_string(), name.trim().to_string()))
}

/// `(dateline, rest)` when a paragraph starts with one (本报讯, 本报南昌6月1日电, 新华社北京电 …)
/// followed by a space, or by the reporters in brackets as the wire sets them (新华社北京11月2日电
/// （记者 李明）国际…: the brackets stay the body's start).
fn dateline_of(text: &str) -> Option<(String, String)> {
    let space = text.find([' ', '\u{3000}']);
    let bracket = text.find(['（', '(']).filter(|&b| text[b..].trim_start_matches(['（', '(']).starts_with("记者"));
    let cut = match (space, bracket) {
        (Some(s), Some(b)) => s.min(b),
        (s, b) => s.or(b)?,
    };
    let head = &text[..cut];
    let n = head.chars().count();
    let source = ["本报", "新华社", "中新社", "中新网", "人民网", "新华网"].iter().any(|p| head.starts_with(p));
    let ok = source && (2..=24).contains(&n) && (head.ends_with('讯') || head.ends_with('电')) && !head.contains(NOT_HEAD_END);
    let rest = text[cut..].trim_start_matches([' ', '\u{3000}']);
    (ok && !rest.is_empty()).then(|| (head.to_string(), rest.to_string()))
}

/// Join `next` to the paragraph `cur`.
fn join(cur: &mut String, next: &str) {
    let (a, b) = (cur.chars().last(), next.chars().next());
    if a.is_some_and(|c| c.is_ascii_alphanumeric()) && b.is_some_and(|c| c.is_ascii_alphanumeric()) {
        cur.push(' ');
    }
    cur.push_str(next);
}

/// Classify all lines (`verse`: the body's lines kept, a blank line parting stanzas).
pub fn classify(lines: &[Line], verse: bool) -> Imported {
    let marked = lines.iter().skip(1).any(|l| l.after_blank || l.indented);
    let mut stories = Vec::new();
    let mut guesses = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !stories.is_empty() {
            guesses.push(Guess { line: lines[i].no, role: Role::NewStory, text: lines[i].text.clone() });
        }
        let (story, next) = Classifier { lines, marked, verse, guesses: &mut guesses }.story(i);
        stories.push(story);
        i = next.max(i + 1);
    }
    guesses.sort_by_key(|g| g.line);
    Imported { stories, guesses }
}

/// The state of one pass over the lines.
struct Classifier<'a, 'g> {
    lines: &'a [Line],
    marked: bool,
    /// Verse: every line of the body kept, a blank line parting stanzas; no subheads.
    verse: bool,
    guesses: &'g mut Vec<Guess>,
}

impl Classifier<'_, '_> {
    fn guess(&mut self, line: usize, role: Role, text: &str) {
        self.guesses.push(Guess { line, role, text: text.to_string() });
    }

    /// Whether a paragraph ending in `prev` ends before `next`.
    fn breaks(&self, prev: &str, next: &Line) -> bool {
        ends_sentence(prev) && (!self.marked || next.after_blank || next.indented || next.mark != Mark::None)
    }

    /// One story from line `start`; gives it and the index of the line after it.
    fn story(&mut self, start: usize) -> (Story, usize) {
        let lines = self.lines;
        let mut story = Story { first_line: lines[start].no, verse: self.verse, ..Story::default() };
        let mut i = start;
        // A page banner over the story's heads.
        if is_banner(&lines[i].text) && lines.get(i + 1).is_some_and(|n| !n.after_break && headish(&n.text, HEAD_MAX) && !is_byline(&n.text)) {
            story.banner = Some((lines[i].no, lines[i].text.clone()));
            self.guess(lines[i].no, Role::Banner, &lines[i].text);
            i += 1;
        }
        // A labelled manuscript's heads and byline, else the heads and byline guessed.
        let (by_labels, mut para) = self.labels(&mut story, &mut i);
        let mut heads: Vec<&Line> = Vec::new();
        let first_head = i;
        while !by_labels && i < lines.len() && heads.len() < 3 {
            let l = &lines[i];
            if (i > first_head && l.after_break)
                || l.table
                || lead_label(&l.text).is_some()
                || (!heads.is_empty() && is_byline(&l.text))
                || BYLINE_PREFIXES.iter().any(|p| l.text.strip_prefix(p).is_some_and(|r| r.starts_with(['：', ':'])))
                || !(l.mark != Mark::None && l.text.chars().count() <= 2 * HEAD_MAX || headish(&l.text, HEAD_MAX))
                || (!heads.is_empty() && heads.iter().any(|h| h.mark != Mark::None) && l.mark == Mark::None)
                // (A poem's title is one line; the short lines under it are the poem's.)
                || (self.verse && !heads.is_empty() && l.mark == Mark::None)
            {
                break;
            }
            heads.push(l);
            i += 1;
        }
        self.heads(&mut story, &heads);
        // Byline.
        // (A poem's author under its title: a name alone, 2–4 Han characters, as 李华.)
        let poet = |t: &str| self.verse && (2..=4).contains(&t.chars().count()) && t.chars().all(is_han);
        if !by_labels && i < lines.len() && !heads.is_empty() && (is_byline(&lines[i].text) || poet(&lines[i].text)) && !lines[i].after_break {
            story.byline = Some(lines[i].text.clone());
            self.guess(lines[i].no, Role::Byline, &lines[i].text);
            i += 1;
        }
        // Lead box.
        if let Some((label, rest)) = lines.get(i).filter(|l| para.is_none() && !l.after_break).and_then(|l| lead_label(&l.text)) {
            let at = lines[i].no;
            let boxed = lines[i].boxed || lines.get(i + 1).is_some_and(|l| l.boxed && !l.after_break);
            i += 1;
            // Its paragraphs: one (a paragraph ends as in the body), or all the boxed lines, or
            // all up to a `——编者` signature.
            let mut paras: Vec<String> = Vec::new();
            let mut text = rest;
            let signed = !boxed && self.signature_within(i);
            while i < lines.len() && !lines[i].after_break && (!boxed || lines[i].boxed) {
                if !text.is_empty() && self.breaks(&text, &lines[i]) {
                    let done = !boxed && !signed;
                    paras.push(std::mem::take(&mut text));
                    if done {
                        break;
                    }
                    continue;
                }
                if !text.is_empty() {
                    self.note_join(&text, &lines[i]);
                }
                join(&mut text, &lines[i].text);
                i += 1;
                if signed && LEAD_SIGNATURES.iter().any(|s| text.ends_with(s)) {
                    break;
                }
            }
            if !text.is_empty() {
                paras.push(text);
            }
            let last = lines[i - 1].no;
            self.guess(at, Role::Lead, &format!("{label} ({at}–{last})"));
            story.lead = Some((label, paras));
        }
        // Body.
        let mut section: Option<Section> = None;
        let mut paragraphs: Vec<String> = Vec::new();
        let mut end = lines.len();
        while i < lines.len() {
            let l = &lines[i];
            if (l.mark == Mark::Title || l.after_break) && i > start {
                end = i;
                break;
            }
            // Verse: each line kept, a stanza to a paragraph (lines parted by `\n`).
            if self.verse {
                match para.as_mut() {
                    Some(p) if !l.blank_before => {
                        p.push('\n');
                        p.push_str(&l.text);
                    }
                    _ => {
                        if let Some(p) = para.replace(l.text.clone()) {
                            paragraphs.push(p);
                        }
                    }
                }
                i += 1;
                continue;
            }
            // A table's row: a paragraph of its own.
            if l.table {
                if let Some(p) = para.take() {
                    paragraphs.push(p);
                }
                self.guess(l.no, Role::TableRow, &l.text);
                paragraphs.push(l.text.clone());
                i += 1;
                continue;
            }
            // A labelled caption, kicker or headline is never the rest of a paragraph.
            let label = labelled(&l.text, CAPTION_LABELS).is_some_and(|r| !r.1.is_empty()) || starts_story(&l.text);
            if let Some(p) = para.as_mut()
                && !self.breaks(p, l)
                && caption_of(&l.text).is_none()
                && !label
            {
                let prev = p.clone();
                self.note_join(&prev, l);
                join(para.as_mut().expect("open"), &l.text);
                i += 1;
                continue;
            }
            if let Some((caption, credit)) = caption_of(&l.text) {
                self.guess(l.no, Role::Caption, &l.text);
                story.captions.push(Caption { line: l.no, caption, credit: Some(credit) });
                i += 1;
                continue;
            }
            // A labelled caption (图片说明：…), its credit in it (…某某摄) or on the next line
            // (摄影：某某).
            if let Some((_, rest)) = labelled(&l.text, CAPTION_LABELS).filter(|r| !r.1.is_empty()) {
                if let Some(p) = para.take() {
                    paragraphs.push(p);
                }
                self.guess(l.no, Role::Caption, &l.text);
                let (caption, mut credit) = caption_of(rest).map_or((rest.to_string(), None), |(c, by)| (c, Some(by)));
                i += 1;
                if let Some((_, by)) = lines.get(i).filter(|n| credit.is_none() && !n.after_break).and_then(|n| labelled(&n.text, CREDIT_LABELS)).filter(|r| !r.1.is_empty()) {
                    self.guess(lines[i].no, Role::Caption, &lines[i].text);
                    credit = Some(by.to_string());
                    i += 1;
                }
                story.captions.push(Caption { line: l.no, caption, credit });
                continue;
            }
            // The paragraph (if any) has ended.
            if let Some(p) = para.take() {
                paragraphs.push(p);
            }
            // A page banner over the next story's heads, or heads over a byline, or a labelled
            // kicker or headline, start a story.
            let next = lines.get(i + 1).filter(|n| !n.after_break);
            if i > start
                && (is_banner(&l.text) && next.is_some_and(|n| headish(&n.text, HEAD_MAX) && !is_byline(&n.text))
                    || subheadish(l) && self.heads_over_byline(i)
                    || starts_story(&l.text))
            {
                end = i;
                break;
            }
            if subheadish(l) && lines.get(i + 1).is_some_and(|n| !n.after_break) {
                // A head line right after a paragraph that closed with an attribution starts
                // a new story.
                if paragraphs.last().is_some_and(|p| attribution_of(p).is_some()) && !matches!(l.mark, Mark::Heading(_)) {
                    end = i;
                    break;
                }
                let mut s = Section { head: l.text.clone(), ..Section::default() };
                self.guess(l.no, Role::Head, &l.text);
                i += 1;
                if let Some(n) = lines.get(i).filter(|n| subheadish(n) && !n.after_break && lines.get(i + 1).is_some()) {
                    s.subhead = Some(n.text.clone());
                    self.guess(n.no, Role::Subhead, &n.text);
                    i += 1;
                }
                self.flush(&mut story, &mut section, &mut paragraphs);
                section = Some(s);
                continue;
            }
            para = Some(l.text.clone());
            i += 1;
        }
        if let Some(p) = para.take() {
            paragraphs.push(p);
        }
        // Attribution: the last paragraph's （某某）.
        if let Some(last) = paragraphs.last_mut()
            && let Some((text, name)) = attribution_of(last)
        {
            let line = lines[..end].iter().rev().find(|l| l.text.ends_with(['）', ')'])).map_or(0, |l| l.no);
            self.guess(line, Role::Attribution, &name);
            *last = text;
            story.attribution = Some(name);
        }
        self.flush(&mut story, &mut section, &mut paragraphs);
        // Dateline: the start of the first paragraph.
        let first = story.paragraphs.first_mut().or_else(|| story.sections.first_mut().and_then(|s| s.paragraphs.first_mut()));
        if let Some(p) = first
            && let Some((dateline, rest)) = dateline_of(p)
        {
            *p = rest;
            let line = lines[start..end].iter().find(|l| l.text.starts_with(&dateline) || label_of(&l.text).is_some_and(|(_, _, r)| r.starts_with(&dateline))).map_or(0, |l| l.no);
            self.guesses.push(Guess { line, role: Role::Dateline, text: dateline.clone() });
            story.dateline = Some(dateline);
        }
        story.last_line = lines[end - 1].no;
        (story, end)
    }

    /// The labelled heads and byline of a manuscript from line `*i` (引题：… 标题：… 作者：…
    /// 正文：), `*i` moved past them: whether there were any, and the body's first text where
    /// it follows `正文：` on its line. A second label of a head already given starts the next
    /// story (it stops there).
    fn labels(&mut self, story: &mut Story, i: &mut usize) -> (bool, Option<String>) {
        let lines = self.lines;
        let mut any = false;
        while let Some(l) = lines.get(*i) {
            let Some((label, name, rest)) = label_of(&l.text) else { break };
            // (A byline is a line of names: 记者：这次比赛有什么特点？ opens an interview.)
            let names = !matches!(label, Label::Byline | Label::Reporters) || rest.chars().count() <= 40 && !ends_sentence(rest) && !rest.ends_with(NOT_HEAD_END);
            if rest.is_empty() && label != Label::Body || any && l.after_break || !names {
                break;
            }
            let (role, slot) = match label {
                Label::Kicker => (Role::Kicker, &mut story.kicker),
                Label::Deck => (Role::Deck, &mut story.deck),
                Label::Byline | Label::Reporters => (Role::Byline, &mut story.byline),
                Label::Headline => {
                    if !story.headline.is_empty() {
                        break;
                    }
                    story.headline = rest.to_string();
                    self.guess(l.no, Role::Headline, rest);
                    any = true;
                    *i += 1;
                    continue;
                }
                Label::Body => {
                    *i += 1;
                    return (any, (!rest.is_empty()).then(|| rest.to_string()));
                }
            };
            // 记者：张三 is the byline 记者 张三; several labelled bylines go side by side.
            let text = if label == Label::Reporters { format!("{name} {rest}") } else { rest.to_string() };
            match slot {
                Some(s) if role == Role::Byline => {
                    s.push('\u{3000}');
                    s.push_str(&text);
                }
                Some(_) => break,
                None => *slot = Some(text.clone()),
            }
            self.guess(l.no, role, &text);
            any = true;
            *i += 1;
        }
        (any, None)
    }

    /// Whether a paragraph of at most [`LEAD_MAX_PARAS`] from line `i` ends in a `——编者`
    /// signature (the lead box then holds them all).
    fn signature_within(&self, i: usize) -> bool {
        let mut paras = 0;
        for (k, l) in self.lines.iter().enumerate().skip(i) {
            if l.after_break || lead_label(&l.text).is_some() {
                return false;
            }
            if LEAD_SIGNATURES.iter().any(|s| l.text.ends_with(s)) {
                return true;
            }
            if self.lines.get(k + 1).is_some_and(|n| self.breaks(&l.text, n)) {
                paras += 1;
                if paras >= LEAD_MAX_PARAS {
                    return false;
                }
            }
        }
        false
    }

    /// Whether the line `i` starts up to three head lines followed by a byline (the heads of a
    /// new story).
    fn heads_over_byline(&self, i: usize) -> bool {
        let lines = self.lines;
        (i..lines.len().min(i + 3))
            .take_while(|&k| k == i || (!lines[k].after_break && headish(&lines[k].text, HEAD_MAX) && !is_byline(&lines[k].text)))
            .any(|k| lines.get(k + 1).is_some_and(|n| !n.after_break && is_byline(&n.text)))
    }

    /// Put the paragraphs gathered so far into the current section, or the story's body.
    fn flush(&mut self, story: &mut Story, section: &mut Option<Section>, paragraphs: &mut Vec<String>) {
        match section.take() {
            Some(mut s) => {
                s.paragraphs.append(paragraphs);
                story.sections.push(s);
            }
            None => story.paragraphs.append(paragraphs),
        }
    }

    /// Report a join across a blank line or indentation (where the input looked like it started
    /// a paragraph).
    fn note_join(&mut self, prev: &str, next: &Line) {
        if next.after_blank || next.indented {
            let tail: String = prev.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
            let head: String = next.text.chars().take(6).collect();
            self.guess(next.no, Role::Joined, &format!("…{tail}|{head}…"));
        }
    }

    /// Assign the head lines.
    fn heads(&mut self, story: &mut Story, heads: &[&Line]) {
        let weight = |l: &Line| match (l.size, l.mark) {
            (Some(s), _) => s,
            (None, Mark::Title) => 100.0,
            (None, Mark::Heading(n)) => 50.0 - f32::from(n),
            (None, Mark::Subtitle) => 10.0,
            (None, Mark::None) => 0.0,
        };
        let main = match heads.len() {
            0 => return,
            1 => 0,
            _ if heads.iter().any(|h| weight(h) != weight(heads[0])) => {
                let mut best = 0;
                for (k, h) in heads.iter().enumerate() {
                    if weight(h) > weight(heads[best]) {
                        best = k;
                    }
                }
                best
            }
            2 if heads[0].text.chars().count() > heads[1].text.chars().count() => 1,
            2 => 0,
            _ => 1,
        };
        for (k, h) in heads.iter().enumerate() {
            let role = match k.cmp(&main) {
                std::cmp::Ordering::Less => Role::Kicker,
                std::cmp::Ordering::Equal => Role::Headline,
                std::cmp::Ordering::Greater => Role::Deck,
            };
            let slot = match role {
                Role::Kicker => &mut story.kicker,
                Role::Deck => &mut story.deck,
                _ => {
                    story.headline = h.text.clone();
                    self.guess(h.no, role, &h.text);
                    continue;
                }
            };
            match slot {
                Some(s) => {
                    s.push('\u{3000}');
                    s.push_str(&h.text);
                }
                None => *slot = Some(h.text.clone()),
            }
            self.guess(h.no, role, &h.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::import::text::lines;

    #[test]
    fn pieces() {
        assert_eq!(caption_of("全市特巡警系统实战演练 郑智君摄"), Some(("全市特巡警系统实战演练".into(), "郑智君".into())));
        assert_eq!(caption_of("他说要拍摄"), None);
        assert_eq!(attribution_of("被公安部授予集体一等功。（程军）"), Some(("被公安部授予集体一等功。".into(), "程军".into())));
        assert_eq!(attribution_of("发放慰问金1万余元（人民币）"), None);
        assert!(is_byline("饶健 熊伟健") && is_byline("本报记者 张三 通讯员 李四") && !is_byline("聚星火促燎原 铸铁警护钢城"));
        assert_eq!(lead_label("核心提示："), Some(("核心提示".into(), String::new())));
        assert_eq!(dateline_of("本报讯 今年以来"), Some(("本报讯".into(), "今年以来".into())));
        assert_eq!(dateline_of("新华社北京11月2日电（记者 李明）国际数据公司"), Some(("新华社北京11月2日电".into(), "（记者 李明）国际数据公司".into())));
        assert_eq!(dateline_of("本报讯(记者 王芳) 今年以来"), Some(("本报讯".into(), "(记者 王芳) 今年以来".into())));
        // Brackets of anything but the reporters are copy: no dateline there.
        assert_eq!(dateline_of("新华社电（完）"), None);
        assert!(ends_sentence("毒品。（李远航）") && ends_sentence("形成！”") && !ends_sentence("意见建议；") && !ends_sentence("快检业"));
    }

    #[test]
    fn labels() {
        assert_eq!(label_of("标题：市运会落幕"), Some((Label::Headline, "标题", "市运会落幕")));
        assert_eq!(label_of("副标题: 五人破纪录"), Some((Label::Deck, "副标题", "五人破纪录")));
        assert_eq!(label_of("主题公园开园"), None);
        // An interview's first question is not a byline: the story's heads are guessed.
        let out = classify(&lines("市运会落幕\n\n记者：这次比赛有什么特点？\n\n今年参赛人数最多。\n", false), false);
        let s = &out.stories[0];
        assert_eq!((s.headline.as_str(), s.byline.as_deref()), ("市运会落幕", None));
        assert_eq!(s.paragraphs[0], "记者：这次比赛有什么特点？");
        // Labels in any order; a second 标题 starts the next story.
        let out = classify(&lines("作者：张三\n标题：一\n正文：第一段。\n标题：二\n第二段。\n", false), false);
        assert_eq!(out.stories.len(), 2);
        assert_eq!((out.stories[0].headline.as_str(), out.stories[0].byline.as_deref()), ("一", Some("张三")));
        assert_eq!((out.stories[1].headline.as_str(), out.stories[1].paragraphs[0].as_str()), ("二", "第二段。"));
    }

    #[test]
    fn a_small_story() {
        let text = "引题比主题更长的一行字\n\n主题\n\n本报记者 张三\n\n本报讯 第一段，被分\n\n栏打断。\n\n小标题\n\n第二段。\n\n图片说明 李四摄\n\n第三段。（王五）\n\n第二篇\n\n正文。\n";
        let out = classify(&lines(text, false), false);
        assert_eq!(out.stories.len(), 2);
        let s = &out.stories[0];
        assert_eq!((s.kicker.as_deref(), s.headline.as_str(), s.byline.as_deref()), (Some("引题比主题更长的一行字"), "主题", Some("本报记者 张三")));
        assert_eq!(s.dateline.as_deref(), Some("本报讯"));
        assert_eq!(s.paragraphs, ["第一段，被分栏打断。"]);
        assert_eq!(s.sections[0].head, "小标题");
        assert_eq!(s.sections[0].paragraphs, ["第二段。", "第三段。"]);
        assert_eq!(s.attribution.as_deref(), Some("王五"));
        assert_eq!(s.captions[0].credit.as_deref(), Some("李四"));
        assert_eq!(out.stories[1].headline, "第二篇");
        assert!(out.guesses.iter().any(|g| g.role == Role::Joined && g.line == 9));
    }
}
