//! Word documents: takes a `.docx` file's bytes (a ZIP of XML parts, opened with the `zip`
//! crate and parsed with `roxmltree`) and gives its paragraphs as [`Line`]s, each with its
//! paragraph style (Title, Subtitle, Heading N, and their Chinese names 标题, 副标题, 标题 N)
//! and its largest run size, plus the images it embeds in document order. Only the text of
//! `w:t` runs is read (not deleted text or field codes); a soft line break starts a new line, a
//! page break a new story. A text box's paragraphs are read once, as paragraphs of their own
//! (not again from the drawing's fallback copy); boxed paragraphs (border, shading, table cell,
//! text box) are marked so.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use roxmltree::{Document, Node};

use super::{Format, Input, Line, Mark};
use crate::diag::Diagnostic;

/// The WordprocessingML namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace (image references).
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The package relationships namespace.
const PR: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A paragraph style: how it marks a line and the size it sets (points).
#[derive(Debug, Clone, Default)]
struct Style {
    mark: Mark,
    size: Option<f32>,
    based_on: Option<String>,
}

/// Read the document.
pub fn read(path: &Path, bytes: &[u8]) -> Result<Input, Diagnostic> {
    let bad = |what: String| {
        Diagnostic::error(crate::tr!("import-docx-unreadable", file = path.display(), reason = what))
            .at_path(path)
            .hint(crate::tr!("import-docx-unreadable-hint"))
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let mut part = |name: &str| -> Result<Option<Vec<u8>>, Diagnostic> {
        match zip.by_name(name) {
            Ok(mut f) => {
                let mut buf = Vec::new();
                f.read_to_end(&mut buf).map_err(|e| bad(format!("{name}: {e}")))?;
                Ok(Some(buf))
            }
            Err(zip::result::ZipError::FileNotFound) => Ok(None),
            Err(e) => Err(bad(format!("{name}: {e}"))),
        }
    };
    let text = |b: Vec<u8>, name: &str| String::from_utf8(b).map_err(|_| bad(crate::tr!("import-docx-not-utf8", part = name)));
    let document = part("word/document.xml")?.ok_or_else(|| bad(crate::tr!("import-docx-no-document", part = "word/document.xml")))?;
    let document = text(document, "word/document.xml")?;
    let styles = match part("word/styles.xml")? {
        Some(b) => styles(&text(b, "word/styles.xml")?).map_err(|e| bad(format!("word/styles.xml: {e}")))?,
        None => HashMap::new(),
    };
    let rels = match part("word/_rels/document.xml.rels")? {
        Some(b) => relationships(&text(b, "word/_rels/document.xml.rels")?).map_err(|e| bad(format!("word/_rels/document.xml.rels: {e}")))?,
        None => HashMap::new(),
    };
    let doc = Document::parse(&document).map_err(|e| bad(format!("word/document.xml: {e}")))?;
    let (lines, image_ids) = paragraphs(&doc, &styles);
    let mut images = Vec::new();
    for id in image_ids {
        if let Some(target) = rels.get(&id) {
            let name = format!("word/{}", target.trim_start_matches('/').trim_start_matches("word/"));
            if let Some(b) = part(&name)? {
                let file = name.rsplit('/').next().unwrap_or(&name).to_string();
                images.push((file, b));
            }
        }
    }
    Ok(Input { format: Format::Docx, encoding: None, lines, images, html: vec![] })
}

/// A style's mark from its name or id.
fn mark_of(name: &str) -> Mark {
    let n = name.trim().to_lowercase();
    let n = n.replace(' ', "");
    match n.as_str() {
        "title" | "标题" => Mark::Title,
        "subtitle" | "副标题" => Mark::Subtitle,
        _ => {
            let level = n.strip_prefix("heading").or_else(|| n.strip_prefix("标题")).and_then(|d| d.parse::<u8>().ok());
            level.filter(|l| (1..=9).contains(l)).map_or(Mark::None, Mark::Heading)
        }
    }
}

/// The `w:val` attribute of `node`'s child `name`.
fn val<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.children().find(|c| c.has_tag_name((W, name))).and_then(|c| c.attribute((W, "val")))
}

/// Size in points of a `w:rPr`, from its `w:sz` (half-points).
fn size_of(rpr: Option<Node>) -> Option<f32> {
    rpr.and_then(|r| val(r, "sz")).and_then(|v| v.parse::<f32>().ok()).map(|h| h / 2.0)
}

/// Paragraph styles by id.
fn styles(xml: &str) -> Result<HashMap<String, Style>, roxmltree::Error> {
    let doc = Document::parse(xml)?;
    let mut out = HashMap::new();
    for s in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
        let Some(id) = s.attribute((W, "styleId")) else { continue };
        let name = val(s, "name").unwrap_or(id);
        let mark = match mark_of(name) {
            Mark::None => mark_of(id),
            m => m,
        };
        let size = size_of(s.children().find(|c| c.has_tag_name((W, "rPr"))));
        out.insert(id.to_string(), Style { mark, size, based_on: val(s, "basedOn").map(str::to_string) });
    }
    Ok(out)
}

/// Relationship targets by id.
fn relationships(xml: &str) -> Result<HashMap<String, String>, roxmltree::Error> {
    let doc = Document::parse(xml)?;
    Ok(doc
        .descendants()
        .filter(|n| n.has_tag_name((PR, "Relationship")))
        .filter_map(|n| Some((n.attribute("Id")?.to_string(), n.attribute("Target")?.to_string())))
        .collect())
}

/// The paragraphs of the body as lines (a soft break splits a paragraph into lines), and the
/// relationship ids of the images, in document order.
fn paragraphs(doc: &Document, styles: &HashMap<String, Style>) -> (Vec<Line>, Vec<String>) {
    let mut lines = Vec::new();
    let mut images = Vec::new();
    let mut after_break = false;
    let mut no = 0;
    // An empty paragraph before (a stanza break in a poem); the first paragraph has white before.
    let mut empty_before = true;
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p")) && !in_fallback(*n)) {
        no += 1;
        let count = lines.len();
        let ppr = p.children().find(|c| c.has_tag_name((W, "pPr")));
        let style_id = ppr.and_then(|p| val(p, "pStyle"));
        let (mark, style_size) = resolve(style_id, styles);
        if ppr.is_some_and(|p| p.children().any(|c| c.has_tag_name((W, "pageBreakBefore")))) {
            after_break = true;
        }
        let mut size: Option<f32> = None;
        let mut parts = vec![String::new()];
        let mut breaks_after = false;
        // A paragraph with a border or shading, in a table cell or in a text box is set apart
        // as a box (a 核心提示 / 编者按 of several paragraphs).
        let boxed = ppr.is_some_and(|p| p.children().any(|c| c.has_tag_name((W, "pBdr")) || c.has_tag_name((W, "shd"))))
            || p.ancestors().skip(1).any(|a| a.has_tag_name((W, "tc")) || a.has_tag_name((W, "txbxContent")));
        for n in p.descendants().filter(|n| own(p, *n)) {
            if n.has_tag_name((W, "r")) {
                let s = size_of(n.children().find(|c| c.has_tag_name((W, "rPr"))));
                let has_text = n.descendants().any(|t| t.has_tag_name((W, "t")) && t.text().is_some_and(|x| !x.trim().is_empty()));
                if let Some(v) = s.or(style_size).filter(|_| has_text) {
                    size = Some(size.map_or(v, |m: f32| m.max(v)));
                }
            } else if n.has_tag_name((W, "t")) {
                parts.last_mut().expect("one part").push_str(n.text().unwrap_or(""));
            } else if n.has_tag_name((W, "tab")) && n.parent().is_some_and(|r| r.has_tag_name((W, "r"))) {
                parts.last_mut().expect("one part").push(' ');
            } else if n.has_tag_name((W, "br")) {
                match n.attribute((W, "type")) {
                    Some("page") => breaks_after = true,
                    Some("column") | None | Some("textWrapping") => parts.push(String::new()),
                    _ => {}
                }
            } else if n.has_tag_name(("http://schemas.openxmlformats.org/drawingml/2006/main", "blip")) {
                if let Some(id) = n.attribute((R, "embed")) {
                    images.push(id.to_string());
                }
            }
        }
        let mut first = true;
        for part in parts {
            let raw = part.trim_end();
            let text = raw.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
            if text.is_empty() {
                continue;
            }
            lines.push(Line {
                no,
                text: text.trim_end_matches('\u{3000}').to_string(),
                indented: text.len() != raw.len(),
                after_blank: first,
                blank_before: first && empty_before,
                mark,
                size: size.or(style_size),
                after_break,
                boxed,
            });
            first = false;
            after_break = false;
        }
        if breaks_after {
            after_break = true;
        }
        // A paragraph that gave no line (empty, or a picture alone) is white before the next.
        empty_before = lines.len() == count;
    }
    (lines, images)
}

/// Whether `n`, a descendant of the paragraph `p`, belongs to it and not to a paragraph nested
/// in it (a text box's, read as a paragraph of its own) nor to the fallback copy of a drawing
/// (`mc:Fallback`: Word writes a text box twice, once for older readers).
fn own(p: Node, n: Node) -> bool {
    n.ancestors().skip(1).take_while(|a| *a != p).all(|a| !a.has_tag_name((W, "p")) && a.tag_name().name() != "Fallback")
}

/// Whether `n` is inside an `mc:Fallback` (the copy of a drawing for older readers).
fn in_fallback(n: Node) -> bool {
    n.ancestors().any(|a| a.tag_name().name() == "Fallback")
}

/// A style's mark and size, following `basedOn` for what it does not set itself.
fn resolve(id: Option<&str>, styles: &HashMap<String, Style>) -> (Mark, Option<f32>) {
    let mut mark = Mark::None;
    let mut size = None;
    let mut cur = id.map(str::to_string);
    for _ in 0..16 {
        let Some(s) = cur.as_ref().and_then(|c| styles.get(c)) else { break };
        if mark == Mark::None {
            mark = s.mark;
        }
        size = size.or(s.size);
        cur = s.based_on.clone();
    }
    if mark == Mark::None {
        if let Some(id) = id {
            mark = mark_of(id);
        }
    }
    (mark, size)
}
