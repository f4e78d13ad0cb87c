//! `folio completions SHELL` and `folio man [--out DIR]`: takes the clap definition of the
//! command line ([`crate::cli::Cli`]) and gives a shell completion script or manual pages
//! (clap_complete, clap_mangen), so that they never drift from the real flags.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::diag::Diagnostic;

/// Print the completion script for a shell on stdout.
pub fn completions(args: &CompletionsArgs) -> i32 {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "folio", &mut script);
    // A reader that stops early (`| head`) is not an error.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), &script);
    super::OK
}

/// Print `folio.1` on stdout, or write it and one page per command into `--out`.
pub fn man(args: &ManArgs) -> i32 {
    let cmd = Cli::command();
    let result = match &args.out {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut page).map(|()| {
                let _ = std::io::Write::write_all(&mut std::io::stdout(), &page);
            })
        }
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| clap_mangen::generate_to(cmd, dir)),
    };
    match result {
        Ok(()) => {
            if let Some(dir) = &args.out {
                crate::outln!("{}", crate::tr!("man-wrote", dir = dir.display()));
            }
            super::OK
        }
        Err(e) => {
            let place = args.out.as_ref().map_or_else(|| "stdout".to_string(), |d| d.display().to_string());
            super::emit(&[Diagnostic::error(crate::tr!("man-cannot-write", place = place, error = e.to_string()))]);
            super::FAILED
        }
    }
}
