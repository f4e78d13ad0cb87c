//! `folio place EDITION [--write]`: place the stories that have no `[block]` (自动组版, see
//! [`crate::layout::place`]) and print the blocks chosen, page by page; with `--write`, write
//! them into the story files' `[block]` tables (toml_edit keeps the files' comments and layout),
//! so that the editor can refine them by hand and the next build is stable. Exit 1 when the
//! stories cannot be placed (the message says what to cut or add) or the edition has errors.

use crate::cli::PlaceArgs;
use crate::diag::Diagnostic;
use crate::input::content::Edition;
use crate::layout::place::{PagePlacement, Placed};
use crate::session::{Policy, Session};

/// Place one edition's unplaced stories; print (and with `--write`, write) their blocks.
pub fn run(args: &PlaceArgs) -> i32 {
    let mut session = Session::new(super::options(&args.common, None), Policy { advise: true, ..Policy::default() });
    let report = match session.compile() {
        Ok(r) => r,
        Err(diags) => {
            super::emit(&diags.0);
            eprintln!("{}", crate::tr!("place-failed"));
            return super::FAILED;
        }
    };
    if report.placed.is_empty() {
        crate::outln!("{}", crate::tr!("place-nothing", edition = report.edition.name));
        return super::OK;
    }
    for page in &report.placed {
        crate::outln!("{}", crate::tr!("place-page", page = report.edition.file.value.pages[page.page].number));
        let heads = crate::check::rank::printed_heads(&report.compiled, page.page);
        for b in &page.blocks {
            let mut line = describe(b);
            // A 竖题 prints a size over its block's `head_size` (review 49: "place says 15, the
            // page prints 18"): the size as the page sets it.
            if b.vertical {
                if let Some(&(_, _, size)) = heads.iter().find(|h| h.0 == b.story) {
                    line.push(' ');
                    line.push_str(&crate::tr!("place-vertical-size", size = format!("{size:.0}")));
                }
            }
            // A first photo the search made taller or shorter: how much of its picture the box
            // crops away, read off the page (review 49: `first photo height = 29` cut a 3:2
            // picture square, and nothing said so).
            if b.photo_lines.is_some() {
                let shown = report.compiled.data.pages.get(page.page).and_then(|pg| pg.stories.get(b.story)).and_then(|s| s.photos.first()).map(crate::layout::compose::PhotoData::shown);
                if let Some((w, h)) = shown.filter(|&(w, h)| w.min(h) < 0.995) {
                    let part = if w < h { crate::tr!("photo-cropped-width") } else { crate::tr!("photo-cropped-height") };
                    line.push(' ');
                    line.push_str(&crate::tr!("place-photo-crop", share = format!("{:.0}", w.min(h) * 100.0), part = part));
                }
            }
            crate::outln!("  {:<32} {}", report.edition.stories[page.page][b.story].display.display(), line);
        }
    }
    super::emit(&report.findings);
    if args.write {
        match write(&report.edition, &report.placed) {
            Ok(files) => {
                for f in files {
                    crate::outln!("{}", crate::tr!("wrote-file", file = f.display()));
                }
            }
            Err(d) => {
                super::emit(&[d]);
                return super::FAILED;
            }
        }
    }
    if report.blocked() { super::FAILED } else { super::OK }
}

/// A block as a `[block]` table would say it.
fn describe(b: &Placed) -> String {
    let mut s = format!("column = {}, span = {}, top = {}, height = {}", b.column, b.span, b.top, b.height);
    if let Some(h) = b.head {
        s.push_str(&format!(", head = {h}"));
    }
    if let Some((span, height)) = b.cutout {
        s.push_str(&format!(", cutout = {{ span = {span}, height = {height} }}"));
    }
    if b.vertical {
        s.push_str("; vertical = true");
    }
    if let Some(size) = b.head_size {
        s.push_str(&format!(", head_size = {size}"));
    }
    if let Some(n) = b.squeeze {
        s.push_str(&format!(", squeeze = {n}"));
    }
    if let Some(l) = b.photo_lines {
        s.push_str(&format!("; first photo height = {l}"));
    }
    if let Some(sp) = b.photo_span {
        s.push_str(&format!(", span = {sp}"));
    }
    if b.raised {
        s.push_str("; first photo above_head = true");
    }
    if b.photo_top {
        s.push_str(if b.photo_lines.is_some() || b.photo_span.is_some() { ", row = 0" } else { "; first photo row = 0" });
        if let Some(c) = b.photo_column {
            s.push_str(&format!(", column = {c}"));
        }
    }
    s
}

/// `text` in the written style of the file at `path`: with its byte-order mark where it had one,
/// and with CR LF line ends where its lines ended so (the mark was dropped and the new lines
/// ended LF among CR LF ones until session 40).
fn with_file_style(path: &std::path::Path, text: String) -> String {
    let old = std::fs::read(path).unwrap_or_default();
    let text = if old.windows(2).any(|w| w == b"\r\n") { text.replace("\r\n", "\n").replace('\n', "\r\n") } else { text };
    if old.starts_with("\u{feff}".as_bytes()) && !text.starts_with('\u{feff}') { format!("\u{feff}{text}") } else { text }
}

/// Write each placed story's `[block]` (and its first photo's `height`, `span`, `row = 0` and
/// `above_head = true`, and `vertical = true`, where the search set them) into its file, keeping everything else of the
/// file as it is. Every file's new text is made, and written beside its file, before the first
/// file changes ([`crate::project::replace_all`]), so an edit that cannot be made or written
/// changes no file.
fn write(edition: &Edition, placed: &[PagePlacement]) -> Result<Vec<std::path::PathBuf>, Diagnostic> {
    let mut edits = Vec::new();
    for page in placed {
        for b in &page.blocks {
            let story = &edition.stories[page.page][b.story];
            let mut doc: toml_edit::DocumentMut = story
                .source
                .parse()
                .map_err(|e: toml_edit::TomlError| Diagnostic::error(crate::tr!("place-cannot-edit", file = story.display.display(), error = e.to_string())))?;
            let mut table = toml_edit::Table::new();
            table["column"] = toml_edit::value(i64::from(b.column));
            table["span"] = toml_edit::value(i64::from(b.span));
            table["top"] = toml_edit::value(i64::from(b.top));
            table["height"] = toml_edit::value(i64::from(b.height));
            if let Some(h) = b.head {
                table["head"] = toml_edit::value(i64::from(h));
            }
            if let Some(size) = b.head_size {
                table["head_size"] = toml_edit::value(size);
            }
            if let Some(n) = b.squeeze {
                table["squeeze"] = toml_edit::value(i64::from(n));
            }
            if let Some((span, height)) = b.cutout {
                let mut corner = toml_edit::InlineTable::new();
                corner.insert("span", i64::from(span).into());
                corner.insert("height", i64::from(height).into());
                table["cutout"] = toml_edit::value(corner);
            }
            if b.vertical {
                doc["vertical"] = toml_edit::value(true);
            }
            doc["block"] = toml_edit::Item::Table(table);
            // The first photo's keys, in a `[[photos]]` table or in an inline table of a
            // `photos = [{ … }]` array (whose keys were left out, the photo's height with
            // them, until session 40).
            let mut keys: Vec<(&str, toml_edit::Value)> = Vec::new();
            if let Some(lines) = b.photo_lines {
                keys.push(("height", i64::from(lines).into()));
            }
            if let Some(span) = b.photo_span {
                keys.push(("span", i64::from(span).into()));
            }
            if b.raised {
                keys.push(("above_head", true.into()));
            }
            if b.photo_top {
                keys.push(("row", 0i64.into()));
                if let Some(c) = b.photo_column {
                    keys.push(("column", i64::from(c).into()));
                }
            }
            match doc.get_mut("photos") {
                Some(toml_edit::Item::ArrayOfTables(a)) => {
                    if let Some(photo) = a.get_mut(0) {
                        for (k, v) in keys {
                            photo[k] = toml_edit::Item::Value(v);
                        }
                    }
                }
                Some(toml_edit::Item::Value(toml_edit::Value::Array(a))) => {
                    if let Some(photo) = a.get_mut(0).and_then(|v| v.as_inline_table_mut()) {
                        for (k, v) in keys {
                            photo.insert(k, v);
                        }
                    }
                }
                _ => {}
            }
            edits.push((story, with_file_style(&story.path, doc.to_string())));
        }
    }
    let files: Vec<(std::path::PathBuf, String)> = edits.iter().map(|(story, text)| (story.path.clone(), text.clone())).collect();
    crate::project::replace_all(&files)?;
    Ok(edits.iter().map(|(story, _)| story.display.clone()).collect())
}
