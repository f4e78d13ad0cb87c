//! The import's plan: takes the inputs, the edition and the options of `folio import` and gives
//! every file to write (story files, photos, the edited `edition.toml`) and the report lines,
//! having checked everything first, so that an import writes all of its files or none: each
//! story file as the build checks it, each photo as the build decodes it (session 40).

use std::path::{Path, PathBuf};

use super::write::{PageError, add_to_page, story_toml};
use crate::diag::{Code, Diagnostic};

/// What `folio import` was asked.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The input files.
    pub files: &'a [PathBuf],
    /// The edition's folder.
    pub edition: &'a Path,
    /// The page to add the stories to.
    pub page: Option<u32>,
    /// Photos for captions without one, in order.
    pub photos: &'a [PathBuf],
    /// Overwrite existing files.
    pub force: bool,
    /// The copy is verse: every line kept, the stories set as verse.
    pub verse: bool,
}

/// A file to write.
#[derive(Debug, Clone)]
pub struct Output {
    /// Where.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything an import does.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Files to write, in order (story files, photos, then edition.toml).
    pub outputs: Vec<Output>,
    /// The report: what was read and guessed.
    pub report: Vec<String>,
    /// Story files written, relative to the edition.
    pub stories: Vec<String>,
    /// The first page banner found in the copy.
    pub banner: Option<String>,
}

/// A usable file name stem for a story: the input's, with characters that are awkward in a
/// file name replaced by `-`.
fn stem(path: &Path) -> String {
    let s = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let s: String = s.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if s.trim_matches('-').is_empty() { "story".to_string() } else { s }
}

/// Plan the import; an error names the input or the file that is in the way, and the fix.
pub fn plan(req: &Request) -> Result<Plan, Diagnostic> {
    let edition_toml = req.edition.join(crate::input::content::EDITION_FILE);
    if !edition_toml.is_file() {
        return Err(Diagnostic::error(crate::tr!("import-not-edition", dir = req.edition.display(), file = crate::input::content::EDITION_FILE))
            .hint(crate::tr!("import-not-edition-hint")));
    }
    let mut plan = Plan::default();
    let mut photos = req.photos.iter();
    let mut photo_names: Vec<String> = Vec::new();
    for file in req.files {
        let (input, imported) = super::import(file, req.verse)?;
        let unit = input.format.unit();
        let how = match input.encoding {
            Some(e) => crate::tr!("import-read-as-text", encoding = e.name()),
            None => crate::tr!("import-read-as-word"),
        };
        plan.report.push(crate::tr!("import-read", file = file.display(), how = how, stories = crate::tr!("count-stories", n = imported.stories.len())));
        if let Some(n) = super::classify::verse_lines(&input.lines).filter(|_| !req.verse) {
            plan.report.push(format!("  {}", crate::tr!("import-looks-like-verse", lines = n)));
        }
        for (line, markup, with) in &input.html {
            let what = if with.is_empty() { crate::tr!("import-html-removed", markup = markup.as_str()) } else { crate::tr!("import-html", markup = markup.as_str(), text = with.as_str()) };
            plan.report.push(format!("  {unit} {line:>4}: {what}"));
        }
        for (line, markup) in &input.images_left {
            plan.report.push(format!("  {unit} {line:>4}: {}", crate::tr!("import-markdown-image", markup = markup.as_str())));
        }
        for g in &imported.guesses {
            let name = g.role.name();
            let width = name.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
            plan.report.push(format!("  {unit} {:>4}: {name}{} {}", g.line, " ".repeat(18usize.saturating_sub(width)), g.text));
        }
        let base = stem(file);
        let mut images = input.images.iter();
        for (k, story) in imported.stories.iter().enumerate() {
            let name = if k == 0 { base.clone() } else { format!("{base}-{}", k + 1) };
            let rel = format!("stories/{name}.toml");
            let mut files = Vec::new();
            for c in &story.captions {
                let (fname, bytes) = if let Some((n, b)) = images.next() {
                    // The build prints JPEG and PNG only, by content: anything else is refused
                    // here, before anything is written.
                    crate::input::photos::verify_bytes(b).map_err(|r| {
                        Diagnostic::error(crate::tr!("import-image-refused", image = n.as_str(), unit = unit.as_str(), line = c.line, error = r.what))
                            .at_path(file)
                            .code(Code::Content)
                            .hint(r.fix)
                            .hint(crate::tr!("import-image-refused-hint"))
                    })?;
                    (format!("{name}-{n}"), b.clone())
                } else if let Some(p) = photos.next() {
                    let b = crate::project::read_regular(p, crate::project::limits::PHOTO)
                        .map_err(|e| Diagnostic::error(crate::tr!("import-cannot-read-photo", file = p.display(), error = e.message(p))).at_path(p).hint(e.fix()))?;
                    crate::input::photos::verify_bytes(&b).map_err(|r| {
                        Diagnostic::error(crate::tr!("import-photo-refused", error = r.what)).at_path(p).code(Code::Content).hint(r.fix)
                    })?;
                    (p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| format!("{name}.jpg")), b)
                } else {
                    plan.report.push(format!("  {unit} {:>4}: {}", c.line, crate::tr!("import-caption-no-photo", file = rel)));
                    files.push(None);
                    continue;
                };
                if photo_names.contains(&fname) {
                    return Err(Diagnostic::error(crate::tr!("import-photo-names", name = fname)).hint(crate::tr!("import-photo-names-hint")));
                }
                photo_names.push(fname.clone());
                let dst = req.edition.join("photos").join(&fname);
                if dst.exists() && !req.force && std::fs::read(&dst).ok().as_deref() != Some(&bytes[..]) {
                    return Err(Diagnostic::error(crate::tr!("import-photo-exists", file = dst.display())).hint(crate::tr!("import-photo-exists-hint")));
                }
                plan.outputs.push(Output { path: dst, bytes });
                files.push(Some(format!("photos/{fname}")));
            }
            let path = req.edition.join(&rel);
            if path.exists() && !req.force {
                return Err(Diagnostic::error(crate::tr!("import-story-exists", file = path.display()))
                    .hint(crate::tr!("import-story-exists-hint")));
            }
            let source = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let text = story_toml(story, &source, &files);
            if let Some(d) = crate::input::content::check_story_text(Path::new(&rel), &text).into_iter().next() {
                return Err(refused(file, &input, story, &rel, &text, d));
            }
            plan.outputs.push(Output { path, bytes: text.into_bytes() });
            plan.stories.push(rel);
            if plan.banner.is_none() {
                plan.banner = story.banner.as_ref().map(|b| b.1.clone());
            }
        }
        for (n, _) in images {
            plan.report.push(crate::tr!("import-image-no-caption", n = n, file = file.display()));
        }
    }
    if let Some(extra) = photos.next() {
        return Err(Diagnostic::error(crate::tr!("import-photo-no-caption", file = extra.display()))
            .hint(crate::tr!("import-photo-no-caption-hint")));
    }
    if let Some(page) = req.page {
        let text = std::fs::read_to_string(&edition_toml).map_err(|e| Diagnostic::error(crate::tr!("source-cannot-read", file = edition_toml.display(), error = e.to_string())))?;
        let mut text = text;
        // `folio new`'s placeholder story, never filled in, gives the page to the copy.
        for rel in super::write::page_stories(&text, page) {
            let placeholder = std::fs::read_to_string(req.edition.join(&rel)).is_ok_and(|t| super::write::is_placeholder(&t));
            if placeholder
                && !plan.stories.contains(&rel)
                && let Some(t) = super::write::remove_from_page(&text, page, &rel)
            {
                text = t;
                plan.report.push(crate::tr!("import-placeholder-dropped", file = rel, page = page));
            }
        }
        for rel in &plan.stories {
            text = match add_to_page(&text, page, rel) {
                Ok(t) => t,
                Err(PageError::Listed) => text,
                Err(PageError::Parse(e)) => {
                    return Err(Diagnostic::error(crate::tr!("import-bad-toml", file = edition_toml.display(), error = e.to_string())).hint(crate::tr!("import-bad-toml-hint")));
                }
                Err(PageError::NoPage(n, have)) => {
                    let have: Vec<String> = have.iter().map(i64::to_string).collect();
                    return Err(Diagnostic::error(crate::tr!("import-no-page", file = edition_toml.display(), page = n))
                        .hint(crate::tr!("import-no-page-hint", pages = have.join(", "), page = n)));
                }
            };
        }
        if let Some(banner) = &plan.banner
            && let Some(t) = super::write::set_banner(&text, page, banner)
        {
            text = t;
            plan.report.push(crate::tr!("import-banner-set", page = page, banner = banner));
        }
        plan.outputs.push(Output { path: edition_toml, bytes: text.into_bytes() });
    }
    Ok(plan)
}

/// The error for a story file the build would refuse (`check`, from
/// [`crate::input::content::check_story_text`]), told of the input: its file and the line the
/// refused character is on (the first of the story's lines that holds it), else the story's
/// first line. Nothing is written.
fn refused(file: &Path, input: &super::Input, story: &super::Story, rel: &str, text: &str, check: Diagnostic) -> Diagnostic {
    // The character the check refused (its first: the check stops there), unless the file
    // was refused for its size before its characters were looked at.
    let ch = (text.len() as u64 <= crate::project::limits::TOML.bytes).then(|| crate::input::source::bad_chars(text).first().map(|b| b.ch)).flatten();
    let line = ch
        .and_then(|ch| input.lines.iter().filter(|l| (story.first_line..=story.last_line).contains(&l.no)).find(|l| l.text.contains(ch)))
        .map_or(story.first_line, |l| l.no);
    let mut d = Diagnostic::error(crate::tr!("import-story-refused", unit = input.format.unit(), line = line, story = rel, error = check.message))
        .at_path(file)
        .code(Code::Content);
    for h in check.hints {
        d = d.hint(h);
    }
    d.hint(crate::tr!("import-story-refused-hint", file = file.display()))
}

/// Write the plan's files: each to a temporary file beside it, then all renamed into place.
pub fn write(plan: &Plan) -> Result<(), Diagnostic> {
    let mut temps = Vec::new();
    for o in &plan.outputs {
        let dir = o.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Diagnostic::error(crate::tr!("project-cannot-create", path = dir.display(), error = e.to_string())))?;
        let mut t = tempfile::NamedTempFile::new_in(dir).map_err(|e| Diagnostic::error(crate::tr!("cannot-write-in", dir = dir.display(), error = e.to_string())))?;
        std::io::Write::write_all(&mut t, &o.bytes).map_err(|e| Diagnostic::error(crate::tr!("cannot-write", file = o.path.display(), error = e.to_string())))?;
        temps.push((t, &o.path));
    }
    for (t, path) in temps {
        t.persist(path).map_err(|e| Diagnostic::error(crate::tr!("cannot-write", file = path.display(), error = e.error.to_string())))?;
    }
    Ok(())
}
