//! `folio new EDITION [--from EXISTING]`: start an edition as a dated copy of another;
//! `folio new EDITION --format FORMAT [--front]`: a fresh edition skeleton that builds at once;
//! `folio new story FILE`: write a story file with every key, commented, to fill in. Every TOML
//! file written starts with the `#:schema` line pointing at the project's `schema/` folder.

use std::path::{Path, PathBuf};

use crate::cli::{NewArgs, NewWhat};
use crate::input::content::EDITION_FILE;
use crate::input::schema::{SchemaKind, SCHEMA_DIR};
use crate::diag::Diagnostic;
use crate::project::Project;

/// The edition copied when `--from` is not given.
pub const DEFAULT_TEMPLATE: &str = "content/jiangxi-special";

/// Make the story file, or the edition (a dated copy, or a skeleton with `--format`).
pub fn run(args: &NewArgs) -> i32 {
    if let Some(NewWhat::Story { file }) = &args.what {
        return match new_story(file) {
            Ok(()) => {
                crate::outln!("{}", crate::tr!("new-story-wrote", file = file.display()));
                super::OK
            }
            Err(d) => {
                super::emit(&[d]);
                super::USAGE
            }
        };
    }
    match new_edition(args, chrono::Local::now().date_naive()) {
        Ok(dir) => {
            crate::outln!("{}", crate::tr!("new-created", dir = dir.display()));
            super::OK
        }
        Err((code, d)) => {
            super::emit(&[d]);
            code
        }
    }
}

/// Do the copy; the date is a parameter so tests can fix it.
pub fn new_edition(args: &NewArgs, today: chrono::NaiveDate) -> Result<PathBuf, (i32, Diagnostic)> {
    let Some(edition) = &args.edition else {
        return Err((super::USAGE, Diagnostic::error(crate::tr!("new-name-folder")).hint(crate::tr!("new-name-folder-hint"))));
    };
    let args = &NewArgs { edition: Some(edition.clone()), ..args.clone() };
    let edition = edition.clone();
    // A folder name the archive could not carry back (`folio extract` refuses `:`, `\` and
    // control characters: content/ed:2023, a name with a newline), refused before anything is
    // made (made until session 40, then refused by `build --archive`).
    let name = edition.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(c) = name.chars().find(|&c| c.is_control() || c == ':' || c == '\\') {
        return Err((super::USAGE, Diagnostic::error(crate::tr!("new-name-unsafe", name = format!("{name:?}"), code = format!("U+{:04X}", c as u32)))
            .hint(crate::tr!("new-name-unsafe-hint"))));
    }
    if edition.exists() {
        return Err((super::USAGE, Diagnostic::error(crate::tr!("new-exists", path = edition.display()))
            .hint(crate::tr!("new-exists-edition-hint"))));
    }
    // The project is found from the nearest folder that exists: `folio new content/x` in a
    // fresh project with no content/ yet makes it.
    let parent = edition.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let existing = parent.ancestors().find(|a| a.as_os_str().is_empty() || a.is_dir()).filter(|a| !a.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let project = Project::discover(existing, args.root.as_deref(), None).map_err(|d| (super::USAGE, d))?;
    if let Some(format) = &args.format {
        return whole(&edition, |made| skeleton(&project, made, format, args.front, today)).map(|()| edition.clone());
    }
    let from = args.from.clone().unwrap_or_else(|| project.root.join(DEFAULT_TEMPLATE));
    let from = project.inside(&from).map_err(|d| (super::USAGE, d))?;
    if !from.join(EDITION_FILE).is_file() {
        return Err((super::USAGE, Diagnostic::error(crate::tr!("import-not-edition", dir = from.display(), file = EDITION_FILE))
            .hint(crate::tr!("new-from-hint"))));
    }
    // Never a copy into its own source, nor a source inside the copy (session 42: `folio new`
    // into the default edition's photos/ copied it into itself 580 levels deep and left 4 400
    // files in the source).
    let target = absolute(&edition);
    if target.starts_with(&from) || from.starts_with(&target) {
        return Err((super::USAGE, Diagnostic::error(crate::tr!("new-inside-source", path = edition.display(), from = from.display()))
            .hint(crate::tr!("new-inside-source-hint"))));
    }
    whole(&edition, |made| {
        copy_dir(&from, made).map_err(|e| (super::FAILED, Diagnostic::error(crate::tr!("new-cannot-copy", path = from.display(), error = e.to_string()))))?;
        let toml_path = made.join(EDITION_FILE);
        let text = std::fs::read_to_string(&toml_path).map_err(|e| (super::FAILED, Diagnostic::error(e.to_string())))?;
        std::fs::write(&toml_path, set_date(&text, today)).map_err(|e| (super::FAILED, Diagnostic::error(e.to_string())))?;
        // The copy may sit at another depth than its source: its `#:schema` lines are made again.
        redirect_schemas(&project.root, made).map_err(|e| (super::FAILED, Diagnostic::error(crate::tr!("new-cannot-update-schema", error = e.to_string()))))
    })?;
    Ok(edition)
}

/// `path` made absolute through its nearest folder that exists (canonical: no `..`, no link).
fn absolute(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut at = path.to_path_buf();
    loop {
        if let Ok(c) = at.canonicalize() {
            return rest.iter().rev().fold(c, |p: PathBuf, part| p.join(part));
        }
        match (at.file_name().map(|n| n.to_os_string()), at.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                at = if parent.as_os_str().is_empty() { PathBuf::from(".") } else { parent.to_path_buf() };
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Make the edition folder `edition` whole or not at all: `make` fills a hidden folder beside
/// it, which then takes its name (on an error it is removed: no half-made edition is left).
fn whole(edition: &Path, make: impl FnOnce(&Path) -> Result<(), (i32, Diagnostic)>) -> Result<(), (i32, Diagnostic)> {
    let parent = edition.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let io = |e: std::io::Error| (super::FAILED, Diagnostic::error(crate::tr!("cannot-write", file = edition.display(), error = e.to_string())));
    std::fs::create_dir_all(parent).map_err(io)?;
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let made = parent.join(format!(".folio-new-{}-{stamp}", std::process::id()));
    std::fs::create_dir(&made).map_err(io)?;
    let done = make(&made).and_then(|()| std::fs::rename(&made, edition).map_err(io));
    if done.is_err() {
        let _ = std::fs::remove_dir_all(&made);
    }
    done
}

/// Write a fresh edition in `format` at `edition`: edition.toml (a front page with masthead and
/// ear when `front`), one story that folio places itself, and the project's schemas if missing.
fn skeleton(project: &Project, edition: &Path, format: &str, front: bool, today: chrono::NaiveDate) -> Result<(), (i32, Diagnostic)> {
    let formats = crate::input::grid::Formats::load(project).map_err(|d| (super::FAILED, d))?;
    if formats.get(format).is_none() {
        return Err((super::USAGE, Diagnostic::error(crate::tr!("content-unknown-format", name = format))
            .hint(crate::tr!("new-format-hint", formats = formats.names().join(", ")))));
    }
    let io = |e: std::io::Error| (super::FAILED, Diagnostic::error(crate::tr!("cannot-write", file = edition.display(), error = e.to_string())));
    std::fs::create_dir_all(edition.join("stories")).map_err(io)?;
    ensure_schemas(&project.root).map_err(io)?;
    let dir = edition.canonicalize().map_err(io)?;
    let mut text = SchemaKind::Edition.directive(&project.root, &dir);
    text.push('\n');
    text.push_str(&localize(EDITION_SKELETON).replace("{date}", &today.format("%Y-%m-%d").to_string()).replace("{format}", format));
    text.push_str(&localize(if front { FRONT_PAGE } else { PLAIN_PAGE }));
    std::fs::write(dir.join(EDITION_FILE), text).map_err(io)?;
    // The placeholder copy is far shorter than a page, and folio places a story only where its
    // copy fills the page: until the copy is written the story holds the whole page by hand.
    let grid = formats.get(format).expect("checked above");
    let top = grid.page_top(false, front);
    let block = format!(
        "\n# {}\n[block]\ncolumn = 1\nspan = {}\ntop = {top}\nheight = {}\n",
        localize("{new-skel-whole-page}"),
        grid.columns,
        grid.lines - top
    );
    let story = dir.join("stories").join("story.toml");
    std::fs::write(&story, story_text(&project.root, &dir.join("stories")) + &block).map_err(io)?;
    Ok(())
}

/// `edition.toml` of a fresh edition, up to its page (`{date}` and `{format}` filled in).
const EDITION_SKELETON: &str = r#"# {new-skel-edition-intro}

[edition]
paper = "报名（待填）"     # {new-skel-paper}
date = {date}
issue = 1                   # 期号
format = "{format}"         # {new-skel-format}

# [typography]
# full_width_brackets = true        # {new-skel-full-width-brackets}
# full_width_marks = true           # {new-skel-full-width-marks}
# half_width_alnum = true           # {new-skel-half-width-alnum}
# banner_comma_space = true         # {new-skel-banner-comma-space}
# words = ["易炼红", "赣江新区"]     # {new-skel-house-words}

# [preflight]                       # {new-skel-preflight}
# warn_ppi = 200
# error_ppi = 120
"#;

/// The one page of a fresh edition that is not a front page.
const PLAIN_PAGE: &str = r#"
[[pages]]
number = 1
section = "要闻"            # 版名
# editor = "某某"           # 责任编辑
# designer = "某某"         # 美编
# proofreader = "某某"      # 校对
stories = ["stories/story.toml"]
"#;

/// The front page of a fresh edition: masthead lines and an ear of 导读 items.
const FRONT_PAGE: &str = r#"
# {new-skel-masthead}
[masthead]
# supervisor = "中共某某市委"     # 主管
# publisher = "某某日报社"        # 主办
# cn = "CN 36-0000"               # {new-skel-cn}
# postal_code = "43-00"           # 邮发代号
# logo = "photos/logo.svg"        # {new-skel-logo}

[[pages]]
number = 1
section = "要闻"
masthead = true             # {new-skel-masthead-true}
# editor = "某某"
stories = ["stories/story.toml"]

# {new-skel-ear}
[pages.ear]
items = [
    { title = "导读（待填）", page = 1 },
]
"#;

/// Write the project's schemas into `root/schema` where they are missing.
fn ensure_schemas(root: &Path) -> std::io::Result<()> {
    let dir = root.join(SCHEMA_DIR);
    for kind in SchemaKind::ALL {
        let file = dir.join(kind.file_name());
        if !file.exists() {
            std::fs::create_dir_all(&dir)?;
            std::fs::write(&file, kind.json())?;
            crate::outln!("{}", crate::tr!("wrote-file", file = file.display()));
        }
    }
    Ok(())
}

/// Make the `#:schema` first line of every TOML file under `dir` point at the project's schemas
/// from where the file now is (edition.toml at the edition schema, the others at the story one).
fn redirect_schemas(root: &Path, dir: &Path) -> std::io::Result<()> {
    let dir = dir.canonicalize()?;
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path)?;
                if let Some(rest) = text.strip_prefix("#:schema ") {
                    let kind = if path.parent() == Some(dir.as_path()) && path.file_name().is_some_and(|n| n == EDITION_FILE) { SchemaKind::Edition } else { SchemaKind::Story };
                    let rest = rest.split_once('\n').map_or("", |(_, r)| r);
                    std::fs::write(&path, format!("{}\n{rest}", kind.directive(root, path.parent().unwrap_or(&dir))))?;
                }
            }
        }
    }
    Ok(())
}

/// [`story_skeleton`] under the `#:schema` line for a story in `dir` of the project at `root`.
fn story_text(root: &Path, dir: &Path) -> String {
    format!("{}\n{}", SchemaKind::Story.directive(root, dir), story_skeleton())
}

/// A story file with every key folio reads: the ones a story needs set to placeholders marked
/// 待填 (to fill in), the rest commented out with what they do.
const STORY_SKELETON: &str = r#"# {new-skel-story-intro}

headline = "主题（待填）"        # {new-skel-headline}
# kicker = "引题"                # {new-skel-kicker}
# deck = "副题"                  # {new-skel-deck}
# byline = "本报记者 某某"
# dateline = "本报讯"
# attribution = "某某"           # {new-skel-attribution}
# priority = 1                   # {new-skel-priority}
# min_span = 2                   # {new-skel-min-span}
# max_span = 4
# fit = "auto"                   # {new-skel-fit}
# verse = true                   # {new-skel-verse}
# briefs = true                  # {new-skel-briefs}

body = """
正文（待填）。{new-skel-body}
"""

# [lead]                         # {new-skel-lead}
# title = "核心提示"
# text = "……"

# [[sections]]                   # {new-skel-sections}
# head = "小标题"
# body = """……"""

# [[photos]]
# file = "photos/photo.jpg"      # {new-skel-photo-file}
# caption = "图片说明"
# credit = "某某"                # {new-skel-photo-credit}
# column = 1                     # {new-skel-photo-column}
# span = 2                       # {new-skel-photo-span}
# row = 10                       # {new-skel-photo-row}
# height = 20                    # {new-skel-photo-height}
# above_head = true              # {new-skel-photo-above-head}

# [block]                        # {new-skel-block}
# column = 1                     # {new-skel-block-column}
# span = 3                       # {new-skel-block-span}
# top = 10                       # {new-skel-block-top}
# height = 40                    # {new-skel-block-height}
# head_size = 22                 # {new-skel-block-head-size}
"#;

/// [`STORY_SKELETON`] with its comments in the run's language.
pub fn story_skeleton() -> String {
    localize_in(STORY_SKELETON, crate::i18n::lang())
}

/// A skeleton in the run's language (see [`localize_in`]).
fn localize(template: &str) -> String {
    localize_in(template, crate::i18n::lang())
}

/// A skeleton with every `{new-skel-…}` mark replaced by its message in `lang` (a
/// message of several lines continues the `# ` comment on each); TOML keys and values are the
/// skeleton's own, the same in every language.
fn localize_in(template: &str, lang: crate::i18n::Lang) -> String {
    let mut out = String::with_capacity(template.len() + template.len() / 2);
    let mut rest = template;
    while let Some(i) = rest.find("{new-skel-") {
        let Some(end) = rest[i..].find('}').map(|e| i + e) else { break };
        out.push_str(&rest[..i]);
        out.push_str(&crate::i18n::message_in(lang, &rest[i + 1..end], &[]).replace('\n', "\n# "));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Write [`story_skeleton`] to `file` (never over an existing file), under a `#:schema` line
/// when the file is inside a project.
pub fn new_story(file: &Path) -> Result<(), Diagnostic> {
    if file.extension().is_none_or(|e| e != "toml") {
        return Err(Diagnostic::error(crate::tr!("new-not-toml", file = file.display())).hint(crate::tr!("new-not-toml-hint")));
    }
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Diagnostic::error(crate::tr!("project-cannot-create", path = parent.display(), error = e.to_string())))?;
    let text = match Project::discover(parent, None, None) {
        Ok(project) => {
            ensure_schemas(&project.root).map_err(|e| Diagnostic::error(crate::tr!("new-cannot-write-schemas", error = e.to_string())))?;
            story_text(&project.root, parent)
        }
        Err(_) => story_skeleton(),
    };
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::error(crate::tr!("new-exists", path = file.display())).hint(crate::tr!("new-exists-story-hint"))
        } else {
            Diagnostic::error(crate::tr!("cannot-write", file = file.display(), error = e.to_string()))
        }
    })?;
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| Diagnostic::error(crate::tr!("cannot-write", file = file.display(), error = e.to_string())))
}

/// Replace the value of the `date` key of `[edition]`, keeping the rest of the file as written.
pub fn set_date(text: &str, today: chrono::NaiveDate) -> String {
    let mut in_edition = false;
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_edition = t.starts_with("[edition]");
        }
        if in_edition && t.starts_with("date") && t[4..].trim_start().starts_with('=') {
            let comment = line.find('#').map(|i| &line[i..]).unwrap_or("").trim_end();
            let end = if line.ends_with('\n') { "\n" } else { "" };
            out.push_str(&format!("date = {}", today.format("%Y-%m-%d")));
            if !comment.is_empty() {
                out.push_str("  ");
                out.push_str(comment);
            }
            out.push_str(end);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Copy a folder's files and subfolders (symlinks are left out: an edition holds no links).
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let ty = entry.file_type()?;
        let dest = to.join(entry.file_name());
        if ty.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else if ty.is_file() {
            std::fs::copy(entry.path(), dest)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// `folio import --page` knows the skeleton's story for the placeholder it is.
    #[test]
    fn the_story_skeleton_is_the_placeholder_import_replaces() {
        for lang in [crate::i18n::Lang::En, crate::i18n::Lang::ZhCn] {
            let skeleton = super::localize_in(super::STORY_SKELETON, lang);
            assert!(!skeleton.contains("{new-skel-"), "{skeleton}");
            assert!(crate::input::import::write::is_placeholder(&skeleton));
            assert!(crate::input::import::write::is_placeholder(&(skeleton + "[block]\ncolumn = 1\n")));
        }
    }
}
