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

/// Write the page of `cmd` and of each of its subcommands (`folio-build.1`, …) into `dir`, as
/// `clap_mangen::generate_to` does, with the section names in `lang`.
fn write_pages(cmd: clap::Command, dir: &std::path::Path, lang: crate::i18n::Lang) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        write_pages(sub.clone(), dir, lang)?;
    }
    let man = clap_mangen::Man::new(cmd);
    let mut page = Vec::new();
    man.render(&mut page)?;
    std::fs::write(dir.join(man.get_filename()), crate::help::localize_man(&String::from_utf8_lossy(&page), lang))
}

/// Print `folio.1` on stdout, or write it and one page per command into `--out`.
pub fn man(args: &ManArgs) -> i32 {
    let lang = crate::i18n::lang();
    let cmd = crate::help::command(lang);
    let result = match &args.out {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut page).map(|()| {
                let page = crate::help::localize_man(&String::from_utf8_lossy(&page), lang);
                let _ = std::io::Write::write_all(&mut std::io::stdout(), page.as_bytes());
            })
        }
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| write_pages(cmd, dir, lang)),
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
