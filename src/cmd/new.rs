//! `folio new EDITION [--from EXISTING]`: start an edition as a dated copy of another;
//! `folio new story FILE`: write a story file with every key, commented, to fill in.

use std::path::{Path, PathBuf};

use crate::cli::{NewArgs, NewWhat};
use crate::input::content::EDITION_FILE;
use crate::diag::Diagnostic;
use crate::project::Project;

/// The edition copied when `--from` is not given.
pub const DEFAULT_TEMPLATE: &str = "content/jiangxi-special";

/// Copy the template edition to `args.edition` and set its date to today.
pub fn run(args: &NewArgs) -> i32 {
    if let Some(NewWhat::Story { file }) = &args.what {
        return match new_story(file) {
            Ok(()) => {
                println!("wrote {}; fill it in and add its name to a page's stories list in edition.toml", file.display());
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
            println!("created {}; edit its edition.toml and stories, then run folio build {}", dir.display(), dir.display());
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
        return Err((super::USAGE, Diagnostic::error("name the new edition's folder").hint("e.g. folio new content/2026-12-02")));
    };
    let args = &NewArgs { edition: Some(edition.clone()), ..args.clone() };
    let edition = edition.clone();
    if edition.exists() {
        return Err((super::USAGE, Diagnostic::error(format!("{} already exists", edition.display()))
            .hint("name a new folder; folio new never overwrites an edition")));
    }
    let parent = edition.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let project = Project::discover(parent, args.root.as_deref(), None).map_err(|d| (super::USAGE, d))?;
    let from = args.from.clone().unwrap_or_else(|| project.root.join(DEFAULT_TEMPLATE));
    let from = project.inside(&from).map_err(|d| (super::USAGE, d))?;
    if !from.join(EDITION_FILE).is_file() {
        return Err((super::USAGE, Diagnostic::error(format!("{} is not an edition (no {EDITION_FILE})", from.display()))
            .hint("pass --from an edition directory")));
    }
    copy_dir(&from, &edition).map_err(|e| (super::FAILED, Diagnostic::error(format!("cannot copy {}: {e}", from.display()))))?;
    let toml_path = edition.join(EDITION_FILE);
    let text = std::fs::read_to_string(&toml_path).map_err(|e| (super::FAILED, Diagnostic::error(e.to_string())))?;
    std::fs::write(&toml_path, set_date(&text, today)).map_err(|e| (super::FAILED, Diagnostic::error(e.to_string())))?;
    let _ = args;
    Ok(edition)
}

/// A story file with every key folio reads: the ones a story needs set to placeholders marked
/// 待填 (to fill in), the rest commented out with what they do.
pub const STORY_SKELETON: &str = r#"# A story. Fill in the text, then add this file's name (without .toml) to a page's
# `stories` list in edition.toml. Without a [block] table folio places the story itself
# (自动组版); `folio place EDITION --write` writes the block it chose here.

headline = "主题（待填）"        # the head; "\n" breaks it where you want
# kicker = "引题"                # above the head
# deck = "副题"                  # under the head
# byline = "本报记者 某某"
# dateline = "本报讯"
# attribution = "某某"           # at the end of the copy, in brackets
# priority = 1                   # 1 = the page's lead; default: the order in the page's list
# min_span = 2                   # columns folio may give it (placement bounds)
# max_span = 4
# fit = "auto"                   # copyfit: tracking and leading within [copyfit] bounds

body = """
正文（待填）。Paragraphs are separated by an empty line.
"""

# [lead]                         # 核心提示 / 编者按 box
# title = "核心提示"
# text = "……"

# [[sections]]                   # a subhead and its copy
# head = "小标题"
# body = """……"""

# [[photos]]
# file = "photos/photo.jpg"      # relative to the edition folder
# caption = "图片说明"
# credit = "某某"                # printed as "… 某某摄"
# column = 1                     # its first column, counted within the story's block
# span = 2                       # columns it spans
# row = 10                       # grid lines below the head it starts at (default: at the foot)
# height = 20                    # grid lines, photo and caption (default: from its proportions)

# [block]                        # where it goes, on the page's grid (leave out: folio places it)
# column = 1                     # first column
# span = 3                       # columns
# top = 10                       # first grid line
# height = 40                    # grid lines
"#;

/// Write [`STORY_SKELETON`] to `file` (never over an existing file).
pub fn new_story(file: &Path) -> Result<(), Diagnostic> {
    if file.extension().is_none_or(|e| e != "toml") {
        return Err(Diagnostic::error(format!("{} is not a .toml file name", file.display())).hint("story files end in .toml, e.g. stories/dushan.toml"));
    }
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Diagnostic::error(format!("cannot make {} ({e})", parent.display())))?;
    }
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::error(format!("{} already exists", file.display())).hint("name a new file; folio new never overwrites a story")
        } else {
            Diagnostic::error(format!("cannot write {} ({e})", file.display()))
        }
    })?;
    std::io::Write::write_all(&mut f, STORY_SKELETON.as_bytes()).map_err(|e| Diagnostic::error(format!("cannot write {} ({e})", file.display())))
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
