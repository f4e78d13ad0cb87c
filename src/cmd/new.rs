//! `folio new EDITION [--from EXISTING]`: start an edition as a dated copy of another.

use std::path::{Path, PathBuf};

use crate::cli::NewArgs;
use crate::input::content::EDITION_FILE;
use crate::diag::Diagnostic;
use crate::project::Project;

/// The edition copied when `--from` is not given.
pub const DEFAULT_TEMPLATE: &str = "content/jiangxi-special";

/// Copy the template edition to `args.edition` and set its date to today.
pub fn run(args: &NewArgs) -> i32 {
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
    if args.edition.exists() {
        return Err((super::USAGE, Diagnostic::error(format!("{} already exists", args.edition.display()))
            .hint("name a new folder; folio new never overwrites an edition")));
    }
    let parent = args.edition.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let project = Project::discover(parent, args.root.as_deref(), None).map_err(|d| (super::USAGE, d))?;
    let from = args.from.clone().unwrap_or_else(|| project.root.join(DEFAULT_TEMPLATE));
    let from = project.inside(&from).map_err(|d| (super::USAGE, d))?;
    if !from.join(EDITION_FILE).is_file() {
        return Err((super::USAGE, Diagnostic::error(format!("{} is not an edition (no {EDITION_FILE})", from.display()))
            .hint("pass --from an edition directory")));
    }
    copy_dir(&from, &args.edition).map_err(|e| (super::FAILED, Diagnostic::error(format!("cannot copy {}: {e}", from.display()))))?;
    let toml_path = args.edition.join(EDITION_FILE);
    let text = std::fs::read_to_string(&toml_path).map_err(|e| (super::FAILED, Diagnostic::error(e.to_string())))?;
    std::fs::write(&toml_path, set_date(&text, today)).map_err(|e| (super::FAILED, Diagnostic::error(e.to_string())))?;
    Ok(args.edition.clone())
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
