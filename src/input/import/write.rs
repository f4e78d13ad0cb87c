//! Story files: takes an imported [`Story`] and gives the text of its TOML story file (set with
//! `toml_edit`: paragraphs as multi-line strings separated by blank lines, no `[block]`, so
//! that folio places the story), and adds a story to a page of an `edition.toml`, keeping the
//! rest of that file as written.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::Story;

/// A photo file for a caption, relative to the edition directory.
pub type PhotoFile = Option<String>;

/// Paragraphs as one multi-line string value (toml_edit sets it after a line break: `"""` on a
/// line of its own).
fn paragraphs(paras: &[String]) -> String {
    let mut s = paras.join("\n\n");
    s.push('\n');
    s
}

/// The story file's text. `source` names the input (and its lines) in the first comment;
/// `photos[k]` is the file for caption `k`: a caption without one is written as a commented
/// `[[photos]]` table to complete by hand.
pub fn story_toml(story: &Story, source: &str, photos: &[PhotoFile]) -> String {
    let mut doc = DocumentMut::new();
    let mut set = |key: &str, v: &Option<String>| {
        if let Some(v) = v {
            doc[key] = value(v.as_str());
        }
    };
    set("kicker", &story.kicker);
    set("headline", &Some(story.headline.clone()));
    set("deck", &story.deck);
    set("byline", &story.byline);
    set("dateline", &story.dateline);
    set("attribution", &story.attribution);
    if story.verse {
        doc["verse"] = value(true);
    }
    if !story.paragraphs.is_empty() {
        doc["body"] = value(paragraphs(&story.paragraphs));
    }
    if let Some((title, text)) = &story.lead {
        let mut t = Table::new();
        t["title"] = value(title.as_str());
        t["text"] = value(paragraphs(text));
        doc["lead"] = Item::Table(t);
    }
    if !story.sections.is_empty() {
        let mut arr = ArrayOfTables::new();
        for s in &story.sections {
            let mut t = Table::new();
            t["head"] = value(s.head.as_str());
            if let Some(sub) = &s.subhead {
                t["subhead"] = value(sub.as_str());
            }
            t["body"] = value(paragraphs(&s.paragraphs));
            arr.push(t);
        }
        doc["sections"] = Item::ArrayOfTables(arr);
    }
    let mut pending = String::new();
    let mut arr = ArrayOfTables::new();
    for (k, c) in story.captions.iter().enumerate() {
        match photos.get(k).cloned().flatten() {
            Some(file) => {
                let mut t = Table::new();
                t["file"] = value(file);
                t["caption"] = value(c.caption.as_str());
                if let Some(credit) = &c.credit {
                    t["credit"] = value(credit.as_str());
                }
                // No column or span: folio sizes the photo for the block it places the story in.
                arr.push(t);
            }
            None => {
                let mut t = DocumentMut::new();
                t["caption"] = value(c.caption.as_str());
                if let Some(credit) = &c.credit {
                    t["credit"] = value(credit.as_str());
                }
                pending.push('\n');
                for l in crate::tr!("import-file-caption-no-photo", line = c.line).lines() {
                    pending.push_str(&format!("# {l}\n"));
                }
                pending.push_str("# [[photos]]\n# file = \"photos/….jpg\"\n");
                for l in t.to_string().lines() {
                    pending.push_str(&format!("# {l}\n"));
                }
            }
        }
    }
    if !arr.is_empty() {
        doc["photos"] = Item::ArrayOfTables(arr);
    }
    let mut header = String::new();
    let mut comment = |text: String| {
        for l in text.lines() {
            header.push_str(&format!("# {l}\n"));
        }
    };
    comment(crate::tr!("import-file-header", source = source, first = story.first_line, last = story.last_line));
    if let Some((line, banner)) = &story.banner {
        comment(crate::tr!("import-file-banner", line = line, banner = banner));
    }
    format!("{header}{doc}{pending}")
}

/// Set `banner` on page `number` of an `edition.toml`'s text unless the page has one; `None`
/// when it has one (or there is no such page: [`add_to_page`] says so).
pub fn set_banner(edition_toml: &str, number: u32, banner: &str) -> Option<String> {
    let mut doc: DocumentMut = edition_toml.parse().ok()?;
    let page = doc
        .get_mut("pages")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|a| a.iter_mut().find(|t| t.get("number").and_then(Item::as_integer) == Some(i64::from(number))))?;
    if page.contains_key("banner") {
        return None;
    }
    page["banner"] = value(banner);
    Some(doc.to_string())
}

/// The headline of the placeholder story `folio new` writes (its body starts with
/// [`PLACEHOLDER_BODY`]).
pub const PLACEHOLDER_HEADLINE: &str = "主题（待填）";
/// How the placeholder story's body starts.
pub const PLACEHOLDER_BODY: &str = "正文（待填）";

/// Whether the text of a story file is `folio new`'s placeholder, its headline and copy still
/// unwritten.
pub fn is_placeholder(story_toml: &str) -> bool {
    let Ok(v) = story_toml.parse::<DocumentMut>() else { return false };
    v.get("headline").and_then(Item::as_str) == Some(PLACEHOLDER_HEADLINE)
        && v.get("body").and_then(Item::as_str).is_some_and(|b| b.trim_start().starts_with(PLACEHOLDER_BODY))
}

/// The stories listed on page `number` of an `edition.toml`'s text.
pub fn page_stories(edition_toml: &str, number: u32) -> Vec<String> {
    let Ok(doc) = edition_toml.parse::<DocumentMut>() else { return vec![] };
    doc.get("pages")
        .and_then(Item::as_array_of_tables)
        .and_then(|a| a.iter().find(|t| t.get("number").and_then(Item::as_integer) == Some(i64::from(number))))
        .and_then(|t| t.get("stories"))
        .and_then(Item::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Take `story` off page `number`'s list in an `edition.toml`'s text (the rest as written).
pub fn remove_from_page(edition_toml: &str, number: u32, story: &str) -> Option<String> {
    let mut doc: DocumentMut = edition_toml.parse().ok()?;
    let page = doc
        .get_mut("pages")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|a| a.iter_mut().find(|t| t.get("number").and_then(Item::as_integer) == Some(i64::from(number))))?;
    let list = page.get_mut("stories").and_then(Item::as_array_mut)?;
    let at = list.iter().position(|v| v.as_str() == Some(story))?;
    list.remove(at);
    Some(doc.to_string())
}

/// Why a story could not be added to a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// `edition.toml` is not valid TOML (its message).
    Parse(String),
    /// No page has this number; the numbers there are.
    NoPage(u32, Vec<i64>),
    /// The page already lists the story.
    Listed,
}

/// Add `story` (a path relative to the edition) to the `stories` list of page `number` in the
/// text of an `edition.toml`; a page marked `blank = true` loses the mark.
pub fn add_to_page(edition_toml: &str, number: u32, story: &str) -> Result<String, PageError> {
    let mut doc: DocumentMut = edition_toml.parse().map_err(|e: toml_edit::TomlError| PageError::Parse(e.to_string()))?;
    let numbers: Vec<i64> = doc
        .get("pages")
        .and_then(Item::as_array_of_tables)
        .map(|a| a.iter().filter_map(|t| t.get("number").and_then(Item::as_integer)).collect())
        .unwrap_or_default();
    let Some(page) = doc
        .get_mut("pages")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|a| a.iter_mut().find(|t| t.get("number").and_then(Item::as_integer) == Some(i64::from(number))))
    else {
        return Err(PageError::NoPage(number, numbers));
    };
    if page.get("stories").and_then(Item::as_array).is_none() {
        page["stories"] = value(Array::new());
    }
    let list = page["stories"].as_array_mut().expect("an array");
    if list.iter().any(|v| v.as_str() == Some(story)) {
        return Err(PageError::Listed);
    }
    list.push(story);
    page.remove("blank");
    Ok(doc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_files_read_back() {
        let story = Story {
            headline: "主题".into(),
            byline: Some("饶健 熊伟健".into()),
            paragraphs: vec!["第一段。".into(), "第二段“引号”\\。".into()],
            lead: Some(("核心提示".into(), vec!["提示。".into(), "第二段。".into()])),
            banner: Some((1, "版头·某地".into())),
            sections: vec![super::super::Section { head: "小标题".into(), subhead: None, paragraphs: vec!["三。".into()] }],
            captions: vec![super::super::Caption { line: 3, caption: "说明".into(), credit: Some("某某".into()) }],
            ..Story::default()
        };
        let text = story_toml(&story, "a.txt", &[]);
        let v: toml::Value = toml::from_str(&text).unwrap();
        assert_eq!(v["headline"].as_str(), Some("主题"));
        assert_eq!(v["body"].as_str(), Some("第一段。\n\n第二段“引号”\\。\n"));
        assert_eq!(v["lead"]["text"].as_str(), Some("提示。\n\n第二段。\n"));
        assert!(text.contains("版头·某地"), "the banner is named: {text}");
        assert!(text.contains("\n第一段。\n\n第二段"), "one paragraph a line: {text}");
        assert!(text.contains("# caption = \"说明\""), "{text}");
        assert!(v.get("photos").is_none());
    }

    #[test]
    fn pages_get_the_story() {
        let ed = "[edition]\nx = 1\n\n[[pages]]\nnumber = 1 # one\nblank = true\n\n[[pages]]\nnumber = 2\nstories = [\"a.toml\"]\n";
        let out = add_to_page(ed, 1, "stories/b.toml").unwrap();
        assert!(out.contains("number = 1 # one") && out.contains("stories = [\"stories/b.toml\"]") && !out.contains("blank"), "{out}");
        assert_eq!(add_to_page(ed, 3, "b"), Err(PageError::NoPage(3, vec![1, 2])));
        assert_eq!(add_to_page(ed, 2, "a.toml"), Err(PageError::Listed));
        let with = set_banner(ed, 2, "版头·某地").unwrap();
        assert!(with.contains("number = 2\nstories = [\"a.toml\"]\nbanner = \"版头·某地\""), "{with}");
        assert_eq!(set_banner(&with, 2, "另一个·某地"), None);
        let without = remove_from_page(ed, 2, "a.toml").unwrap();
        assert!(without.contains("stories = []") && page_stories(&without, 2).is_empty(), "{without}");
        assert_eq!(page_stories(ed, 2), ["a.toml"]);
        assert!(is_placeholder("headline = \"主题（待填）\"\nbody = \"\"\"\n正文（待填）。x\n\"\"\"\n"));
        assert!(!is_placeholder("headline = \"主题（待填）\"\nbody = \"真的正文。\"\n"));
    }
}
