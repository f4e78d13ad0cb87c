//! `folio extract ARCHIVE.pdf DIR`: lay the sources attached to an archive PDF out as a project.
//!
//! Takes an archive written by `folio build --archive` and a new or empty folder; gives the
//! files (DIR/layouts/…, DIR/content/<edition>/…) from which `folio build` makes the same bytes
//! again, given the same fonts (`--font-path`; fonts are not attached).

use crate::cli::ExtractArgs;

/// Extract the attached sources.
pub fn run(args: &ExtractArgs) -> i32 {
    match crate::output::archive::extract(&args.archive, &args.dir) {
        Ok(files) => {
            for f in &files {
                crate::outln!("{}", crate::tr!("extract-extracted", file = f.display()));
            }
            let edition = files
                .iter()
                .find(|f| f.file_name().is_some_and(|n| n == crate::input::content::EDITION_FILE))
                .and_then(|f| f.parent());
            if let Some(edition) = edition {
                crate::outln!("{}", crate::tr!("extract-rebuild", edition = edition.display()));
            }
            super::OK
        }
        Err(d) => {
            super::emit(&[d]);
            super::FAILED
        }
    }
}
