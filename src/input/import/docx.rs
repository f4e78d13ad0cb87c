//! Word documents: takes a `.docx` file's bytes (a ZIP of XML parts, opened with the `zip`
//! crate and parsed with `roxmltree`) and gives its paragraphs as [`Line`]s, each with its
//! paragraph style (Title, Subtitle, Heading N, and their Chinese names 标题, 副标题, 标题 N)
//! and its largest run size, plus the images it embeds in document order. Only the text of
//! `w:t` runs is read (not deleted text or field codes); a soft line break starts a new line, a
//! page break a new story. A text box's paragraphs are read once, as paragraphs of their own
//! (not again from the drawing's fallback copy); boxed paragraphs (border, shading, table cell,
//! text box) are marked so. Each part is read within a limit ([`MAX_XML_PART`], [`MAX_IMAGE`],
//! [`MAX_UNPACKED`], [`MAX_ENTRIES`], [`MAX_DEPTH`], [`MAX_NODES`]; session 40: a zip bomb and
//! a deeply nested part), so that a hostile file costs no more than a real one.

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

/// Most bytes one XML part of a document (`word/document.xml`, `word/styles.xml`, the
/// relationships) may unpack to. A story's `document.xml` is some tens of KB, a 300-page book's
/// about 10 MB; a 2 MB file whose `document.xml` unpacked to 2 GiB (a zip bomb) took 10 GB of
/// memory and wrote a 2 GiB story until session 40. Read through [`Read::take`], so a part
/// that lies about its size in the ZIP's directory is stopped too.
pub const MAX_XML_PART: u64 = 32 * crate::project::limits::MIB;
/// Most bytes one embedded image may unpack to: the limit of a photo file (see
/// [`crate::project::limits::PHOTO`]).
pub const MAX_IMAGE: u64 = crate::project::limits::PHOTO.bytes;
/// Most bytes all the parts read from one document may unpack to together (its XML and the
/// images its captions take).
pub const MAX_UNPACKED: u64 = 512 * crate::project::limits::MIB;
/// Most entries a document's ZIP may hold (Word writes some fifteen, plus one per image).
pub const MAX_ENTRIES: usize = 10_000;
/// Deepest nesting of XML elements in a part. Word nests a table in a text box in a table some
/// 30–40 elements deep; `<w:r>` nested 200 000 deep in a 4 KB file took over a minute until
/// session 40 (roxmltree has no depth limit, so [`depth`] measures it first).
pub const MAX_DEPTH: usize = 256;
/// Most XML nodes (elements, attributes' text, text runs) in one part, given to roxmltree
/// (`nodes_limit`): a 10 MB `document.xml` has about a million.
pub const MAX_NODES: u32 = 4_000_000;

/// The line at which `xml` nests its elements deeper than [`MAX_DEPTH`], if it does; measured
/// with quick-xml's pull reader (linear time, no tree built). A part that is not well-formed is
/// left for roxmltree to name.
fn depth(xml: &str) -> Option<usize> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let at = (reader.buffer_position() as usize).min(xml.len());
                    return Some(xml.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1);
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Parse the XML part `name` of the document at `path` into a tree of at most [`MAX_NODES`].
fn parse<'a>(path: &Path, xml: &'a str, name: &str) -> Result<Document<'a>, Diagnostic> {
    let options = roxmltree::ParsingOptions { nodes_limit: MAX_NODES, ..roxmltree::ParsingOptions::default() };
    Document::parse_with_options(xml, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => Diagnostic::error(crate::tr!("import-docx-too-many-nodes", file = path.display(), part = name, max = MAX_NODES))
            .at_path(path)
            .hint(crate::tr!("import-docx-limit-hint")),
        e => Diagnostic::error(crate::tr!("import-docx-unreadable", file = path.display(), reason = format!("{name}: {e}")))
            .at_path(path)
            .hint(crate::tr!("import-docx-unreadable-hint")),
    })
}

/// Read the document: its XML parts and the images its paragraphs show, each within the limits
/// above (an error names the file, the part and the limit).
pub fn read(path: &Path, bytes: &[u8]) -> Result<Input, Diagnostic> {
    let bad = |what: String| {
        Diagnostic::error(crate::tr!("import-docx-unreadable", file = path.display(), reason = what))
            .at_path(path)
            .hint(crate::tr!("import-docx-unreadable-hint"))
    };
    let refused = |message: String| Diagnostic::error(message).at_path(path).hint(crate::tr!("import-docx-limit-hint"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(refused(crate::tr!("import-docx-too-many-entries", file = path.display(), entries = zip.len(), max = MAX_ENTRIES)));
    }
    let human = crate::project::limits::human;
    let mut unpacked = 0u64;
    let mut part = |name: &str, limit: u64| -> Result<Option<Vec<u8>>, Diagnostic> {
        match zip.by_name(name) {
            Ok(f) => {
                // The part's own limit, or what is left of the document's.
                let left = MAX_UNPACKED - unpacked;
                let (allowed, whole) = if limit <= left { (limit, false) } else { (left, true) };
                let too_big = || {
                    if whole {
                        refused(crate::tr!("import-docx-too-much", file = path.display(), part = name, limit = human(MAX_UNPACKED)))
                    } else {
                        refused(crate::tr!("import-docx-part-too-big", file = path.display(), part = name, limit = human(limit)))
                    }
                };
                if f.size() > allowed {
                    return Err(too_big());
                }
                let mut buf = Vec::new();
                f.take(allowed + 1).read_to_end(&mut buf).map_err(|e| bad(format!("{name}: {e}")))?;
                if buf.len() as u64 > allowed {
                    return Err(too_big());
                }
                unpacked += buf.len() as u64;
                Ok(Some(buf))
            }
            Err(zip::result::ZipError::FileNotFound) => Ok(None),
            Err(e) => Err(bad(format!("{name}: {e}"))),
        }
    };
    let text = |b: Vec<u8>, name: &str| -> Result<String, Diagnostic> {
        let xml = String::from_utf8(b).map_err(|_| bad(crate::tr!("import-docx-not-utf8", part = name)))?;
        if let Some(line) = depth(&xml) {
            return Err(refused(crate::tr!("import-docx-too-deep", file = path.display(), part = name, line = line, max = MAX_DEPTH)));
        }
        Ok(xml)
    };
    let document = part("word/document.xml", MAX_XML_PART)?.ok_or_else(|| bad(crate::tr!("import-docx-no-document", part = "word/document.xml")))?;
    let document = text(document, "word/document.xml")?;
    let styles = match part("word/styles.xml", MAX_XML_PART)? {
        Some(b) => {
            let xml = text(b, "word/styles.xml")?;
            styles(&parse(path, &xml, "word/styles.xml")?)
        }
        None => HashMap::new(),
    };
    let rels = match part("word/_rels/document.xml.rels", MAX_XML_PART)? {
        Some(b) => {
            let xml = text(b, "word/_rels/document.xml.rels")?;
            relationships(&parse(path, &xml, "word/_rels/document.xml.rels")?)
        }
        None => HashMap::new(),
    };
    let doc = parse(path, &document, "word/document.xml")?;
    let (lines, image_ids) = paragraphs(&doc, &styles);
    let mut images = Vec::new();
    for id in image_ids {
        if let Some(target) = rels.get(&id) {
            let name = format!("word/{}", target.trim_start_matches('/').trim_start_matches("word/"));
            if let Some(b) = part(&name, MAX_IMAGE)? {
                let file = name.rsplit('/').next().unwrap_or(&name).to_string();
                images.push((file, b));
            }
        }
    }
    Ok(Input { format: Format::Docx, encoding: None, lines, images, html: vec![], images_left: vec![] })
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
fn styles(doc: &Document) -> HashMap<String, Style> {
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
    out
}

/// Relationship targets by id.
fn relationships(doc: &Document) -> HashMap<String, String> {
    doc.descendants()
        .filter(|n| n.has_tag_name((PR, "Relationship")))
        .filter_map(|n| Some((n.attribute("Id")?.to_string(), n.attribute("Target")?.to_string())))
        .collect()
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
                table: false,
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
