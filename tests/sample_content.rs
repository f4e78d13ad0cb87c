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
