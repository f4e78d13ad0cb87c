//! The command line: argument definitions and dispatch.
//!
//! Takes parsed arguments ([`Cli`]) and gives an exit code: 0 on success, 1 when the content or
//! a template has errors, 2 on usage errors (clap's own, and ours such as an output folder that
//! cannot be made). Each subcommand lives in its own module under [`crate::cmd`].

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// folio: newspaper editions in TOML → print-ready PDF pages through Typst.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build an edition into PDF pages and spreads.
    Build(BuildArgs),
    /// Validate and compile an edition without writing anything.
    Check(CommonArgs),
    /// List the font families folio sees.
    Fonts(FontArgs),
    /// Start a new edition as a copy of an existing one, dated today.
    New(NewArgs),
}

/// Options every edition command takes.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// The edition directory (it holds edition.toml).
    pub edition: PathBuf,
    /// Project root; default: the nearest parent folder with layouts/.
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// Fonts folder; default: <root>/fonts.
    #[arg(long)]
    pub font_path: Option<PathBuf>,
    /// Also use the system's fonts (output then depends on the machine).
    #[arg(long)]
    pub system_fonts: bool,
}

/// `folio build`.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// Edition and project.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Output folder.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
}

/// `folio fonts`.
#[derive(Debug, Clone, Args)]
pub struct FontArgs {
    /// Fonts folder; default: ./fonts.
    #[arg(long, default_value = "fonts")]
    pub font_path: PathBuf,
    /// Also list the system's fonts.
    #[arg(long)]
    pub system_fonts: bool,
}

/// `folio new`.
#[derive(Debug, Clone, Args)]
pub struct NewArgs {
    /// The new edition's directory (must not exist).
    pub edition: PathBuf,
    /// The edition to copy; default: content/jiangxi-special of the project.
    #[arg(long)]
    pub from: Option<PathBuf>,
    /// Project root; default: the nearest parent folder with layouts/.
    #[arg(long)]
    pub root: Option<PathBuf>,
}

/// Run a parsed command line; gives the process exit code.
pub fn run(cli: Cli) -> i32 {
    let result = std::panic::catch_unwind(|| match cli.command {
        Command::Build(a) => crate::cmd::build::run(&a),
        Command::Check(a) => crate::cmd::check::run(&a),
        Command::Fonts(a) => crate::cmd::fonts::run(&a),
        Command::New(a) => crate::cmd::new::run(&a),
    });
    result.unwrap_or_else(|_| {
        eprintln!("error: folio hit an internal error (a bug); nothing was written. Please report it with the input that caused it.");
        1
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
