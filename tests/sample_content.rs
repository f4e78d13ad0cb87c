//! The sample edition carries the seed's text: every character once, in order, with the
//! column-break splits of the printed page repaired, and nothing added.

use folio::input::content::{paragraphs, EditionFile, Story};

fn repo() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn strip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn sample_text_is_the_seed_repaired() {
    let dir = repo().join("content/jiangxi-special");
    let edition: EditionFile = toml::from_str(&std::fs::read_to_string(dir.join("edition.toml")).unwrap()).unwrap();
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();

    let mut text = String::new();
    let mut captions = Vec::new();
    let mut paras = Vec::new();
    for page in &edition.pages {
        if let Some(b) = &page.banner {
            text.push_str(b);
        }
        for rel in &page.stories {
            let story: Story = toml::from_str(&std::fs::read_to_string(dir.join(rel.get_ref())).unwrap()).unwrap();
            // The order the printed page gives: headline, deck, byline, lead box, body, sections.
            for part in [&story.kicker, &Some(story.headline.clone()), &story.deck, &story.byline].into_iter().flatten() {
                text.push_str(part);
            }
            if let Some(lead) = &story.lead {
                text.push_str(&format!("{}：{}", lead.title, lead.text));
                paras.extend(paragraphs(&lead.text));
            }
            let body = story.body.clone().unwrap_or_default();
            text.push_str(&body);
            paras.extend(paragraphs(&body));
            for s in &story.sections {
                text.push_str(&s.head);
                text.push_str(s.subhead.as_deref().unwrap_or(""));
                text.push_str(&s.body);
                paras.extend(paragraphs(&s.body));
            }
            if let Some(a) = &story.attribution {
                text.push_str(&format!("（{a}）"));
            }
            for p in &story.photos {
                captions.push(format!("{} {}摄", p.caption, p.credit.clone().unwrap_or_default()));
            }
        }
    }
    let mut seed_running = seed.clone();
    for c in &captions {
        assert!(seed.contains(c.as_str()), "caption {c:?} is not the seed's");
        seed_running = seed_running.replacen(c.as_str(), "", 1);
    }
    let (want, got) = (strip(&seed_running), strip(&text));
    if want != got {
        let at = want.chars().zip(got.chars()).take_while(|(a, b)| a == b).count();
        let ctx = |s: &str| s.chars().skip(at.saturating_sub(15)).take(40).collect::<String>();
        panic!("sample text departs from the seed at character {at}:\n seed:   {}\n sample: {}", ctx(&want), ctx(&got));
    }
    // The splits are repaired: no paragraph stops without closing punctuation.
    for p in &paras {
        let last = p.chars().last().unwrap();
        assert!("。！？…”）".contains(last), "paragraph ends mid-sentence (an unrepaired column break?): …{}", p.chars().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect::<String>());
    }
    assert!(text.contains("快检业务类培训") && text.contains("新型防干扰物证袋") && text.contains("“2022百日禁毒”"));
}

/// The sentences of `text` with its whitespace taken out (so the printed columns' splits are
/// repaired): each ends after 。！？ or ……, with any closing quote or bracket that follows.
fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = strip(text).chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        cur.push(chars[i]);
        let end = "。！？".contains(chars[i]) || (chars[i] == '…' && chars.get(i + 1) == Some(&'…'));
        if chars[i] == '…' && end {
            cur.push('…');
            i += 1;
        }
        i += 1;
        if end {
            while i < chars.len() && "”’）」』".contains(chars[i]) {
                cur.push(chars[i]);
                i += 1;
            }
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The third sample edition, laid out by folio itself: its text is the seed's sentences, each
/// once, nothing added (the stories split as a desk would, so not in the seed's order), and no
/// story, photo or lead box says where it goes.
#[test]
fn automatic_sample_is_the_seed_once_with_no_blocks() {
    let dir = repo().join("content/jiangxi-auto");
    let edition: EditionFile = toml::from_str(&std::fs::read_to_string(dir.join("edition.toml")).unwrap()).unwrap();
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();

    // Every piece of the edition's text: heads, lines and sentences.
    let mut pieces: Vec<String> = Vec::new();
    let mut paras = Vec::new();
    for page in &edition.pages {
        pieces.extend(page.banner.iter().cloned());
        for rel in &page.stories {
            let src = std::fs::read_to_string(dir.join(rel.get_ref())).unwrap();
            let raw: toml::Table = toml::from_str(&src).unwrap();
            assert!(!raw.contains_key("block") && !raw.contains_key("jumps"), "{}: folio places this edition's stories; no [block]", rel.get_ref());
            if let Some(lead) = raw.get("lead").and_then(|l| l.as_table()) {
                assert!(!lead.contains_key("span"), "{}: the lead box is sized by folio", rel.get_ref());
            }
            for photo in raw.get("photos").and_then(|p| p.as_array()).into_iter().flatten() {
                let photo = photo.as_table().unwrap();
                assert!(!photo.contains_key("row") && !photo.contains_key("height"), "{}: the photo is placed and sized by folio", rel.get_ref());
            }
            let story: Story = toml::from_str(&src).unwrap();
            for part in [&story.kicker, &Some(story.headline.clone()), &story.deck, &story.byline].into_iter().flatten() {
                pieces.push(part.replace('\n', ""));
            }
            if let Some(lead) = &story.lead {
                pieces.push(format!("{}：", lead.title));
                pieces.extend(sentences(&lead.text));
                paras.extend(paragraphs(&lead.text));
            }
            let body = story.body.clone().unwrap_or_default();
            pieces.extend(sentences(&body));
            paras.extend(paragraphs(&body));
            for s in &story.sections {
                pieces.push(s.head.clone());
                pieces.extend(s.subhead.clone());
                pieces.extend(sentences(&s.body));
                paras.extend(paragraphs(&s.body));
            }
            if let Some(a) = &story.attribution {
                pieces.push(format!("（{a}）"));
            }
            for p in &story.photos {
                pieces.push(format!("{}{}摄", p.caption, p.credit.clone().unwrap_or_default()));
            }
        }
    }
    // Take each piece out of the seed once, the longest first (a short sentence such as 九江。
    // is also the end of a longer one): each must be there, and nothing may be left.
    let mut rest = strip(&seed);
    let mut pieces: Vec<String> = pieces.iter().map(|p| strip(p)).collect();
    pieces.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    for p in &pieces {
        assert!(rest.contains(p.as_str()), "not in the seed, or in the edition twice: {p}");
        rest = rest.replacen(p.as_str(), "\u{0}", 1);
    }
    let left: String = rest.chars().filter(|&c| c != '\u{0}').collect();
    assert!(left.is_empty(), "seed text missing from the edition: {left}");
    // The column breaks are repaired: no paragraph stops without closing punctuation.
    for p in &paras {
        let last = p.chars().last().unwrap();
        assert!("。！？…”）".contains(last), "paragraph ends mid-sentence: …{}", p.chars().rev().take(20).collect::<Vec<_>>().into_iter().rev().collect::<String>());
    }
}
