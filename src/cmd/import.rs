//! `folio import FILE… --into EDITION [--page N]`: write one story file per story in the copy
//! (see [`crate::input::import`]), print what was guessed with the input's line numbers, and
//! add the stories to a page when asked. Exit 1 when an input cannot be imported as it is (its
//! content: damaged, past a limit, holding what the build refuses), 2 when the command line is
//! not usable (a file folio does not import, `--into` not an edition, no page N, a `--photo`
//! left over, a file in the way without `--force`).

use crate::cli::ImportArgs;
use crate::input::import::plan::{Request, plan, write};

/// Import the files.
pub fn run(args: &ImportArgs) -> i32 {
    let req = Request { files: &args.files, edition: &args.into, page: args.page, photos: &args.photo, force: args.force, verse: args.verse };
    let plan = match plan(&req) {
        Ok(p) => p,
        Err(d) => {
            let code = if d.code == Some(crate::diag::Code::Content) { super::FAILED } else { super::USAGE };
            super::emit(&[d]);
            eprintln!("{}", crate::tr!("import-nothing"));
            return code;
        }
    };
    for line in &plan.report {
        crate::outln!("{line}");
    }
    if args.dry_run {
        for o in &plan.outputs {
            crate::outln!("{}", crate::tr!("would-write-file", file = o.path.display()));
        }
        return super::OK;
    }
    if let Err(d) = write(&plan) {
        super::emit(&[d]);
        return super::FAILED;
    }
    for o in &plan.outputs {
        crate::outln!("{}", crate::tr!("wrote-file", file = o.path.display()));
    }
    match args.page {
        Some(n) => crate::outln!("{}", crate::tr!("import-page-lists", page = n, edition = args.into.display())),
        None => crate::outln!("{}", crate::tr!("import-add-to-page")),
    }
    super::OK
}
