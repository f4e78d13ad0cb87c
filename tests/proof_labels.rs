//! The labels a proof draws beside the preflight's marks (loose line, short column, long leg,
//! ink…) are in the run's language, as the findings' messages are. In a test binary of its own:
//! the language is the process's.

mod common;

use common::*;

/// The marks' labels of the broadsheet sample (as first made up: a long leg on page 4),
/// compiled in `lang`.
fn labels(p: &TestProject, lang: folio::i18n::Lang) -> Vec<String> {
    folio::i18n::set_lang(lang);
    let report = session(p, SAMPLE).compile().unwrap_or_else(|d| panic!("{d}"));
    report.preflight.iter().filter_map(|f| f.mark.as_ref().map(|m| m.label.clone())).collect()
}

#[test]
fn proof_labels_are_in_the_runs_language() {
    let p = sample_as_first_made_up();
    let en = labels(&p, folio::i18n::Lang::En);
    let zh = labels(&p, folio::i18n::Lang::ZhCn);
    assert_eq!(en.len(), zh.len(), "the same marks in both languages");
    assert!(en.iter().any(|l| l.starts_with("short ")) && en.iter().any(|l| l.starts_with("long leg ")), "{en:?}");
    assert!(zh.iter().any(|l| l.starts_with("短栏")) && zh.iter().any(|l| l.starts_with("长腿")), "{zh:?}");
    // No English word is left in a Chinese label (a photo's resolution keeps its unit, ppi;
    // a glyph's mark is its code point, a bracket's the brackets themselves).
    for label in &zh {
        let words: Vec<&str> = label.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1 && *w != "ppi").collect();
        assert!(words.is_empty() || label.starts_with("U+"), "English in the Chinese label {label:?}");
    }
}
