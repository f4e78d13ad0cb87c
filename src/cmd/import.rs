//! `folio import FILE… --into EDITION [--page N]`: write one story file per story in the copy
//! (see [`crate::input::import`]), print what was guessed with the input's line numbers, and
//! add the stories to a page when asked. Exit 2 when an input or the edition is not usable.

use crate::cli::ImportArgs;
use crate::input::import::plan::{Request, plan, write};

/// Import the files.
pub fn run(args: &ImportArgs) -> i32 {
    let req = Request { files: &args.files, edition: &args.into, page: args.page, photos: &args.photo, force: args.force };
    let plan = match plan(&req) {
        Ok(p) => p,
        Err(d) => {
            super::emit(&[d]);
            eprintln!("error: nothing was imported");
            return super::USAGE;
        }
    };
    for line in &plan.report {
        println!("{line}");
    }
    if args.dry_run {
        for o in &plan.outputs {
            println!("would write {}", o.path.display());
        }
        return super::OK;
    }
    if let Err(d) = write(&plan) {
        super::emit(&[d]);
        return super::FAILED;
    }
    for o in &plan.outputs {
        println!("wrote {}", o.path.display());
    }
    match args.page {
        Some(n) => println!("page {n} lists the stories; folio build {} places them", args.into.display()),
        None => println!("add the stories to a page's list in edition.toml (or import with --page N)"),
    }
    super::OK
}
