//! The `folio` binary: parse the arguments, dispatch to the command, exit with its code.

use clap::{FromArgMatches, Parser};
use folio::cli::{Cli, Command};
use folio::cmd;

fn main() {
    // SAFETY: first thing in `main`, before any other thread exists.
    unsafe { cmd::tune_malloc() };
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is fixed before parsing, so that help is shown in it; its catalogue is parsed
    // only when a first message (or help) is made.
    let lang = folio::help::lang_of_args(&args).unwrap_or_else(folio::i18n::Lang::from_env);
    folio::i18n::set_lang(lang);
    let cli = if folio::help::wants_help(&args) {
        let matches = folio::help::command(lang).get_matches_from(args);
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    } else {
        Cli::parse_from(args)
    };
    folio::diag::set_style(cli.diagnostic_format);
    folio::i18n::set_lang(cli.lang.unwrap_or(lang));
    let code = std::panic::catch_unwind(|| match cli.command {
        Command::Build(a) => cmd::build::run(&a),
        Command::Check(a) => cmd::check::run(&a),
        Command::Proof(a) => cmd::proof::run(&a),
        Command::Fonts(a) => cmd::fonts::run(&a),
        Command::New(a) => cmd::new::run(&a),
        Command::Watch(a) => cmd::watch::run(&a),
        Command::Serve(a) => cmd::serve::run(&a),
        Command::Extract(a) => cmd::extract::run(&a),
        Command::Place(a) => cmd::place::run(&a),
        Command::Import(a) => cmd::import::run(&a),
        Command::Schema(a) => cmd::schema::run(&a),
        Command::Completions(a) => cmd::manual::completions(&a),
        Command::Man(a) => cmd::manual::man(&a),
    })
    .unwrap_or_else(|_| {
        eprintln!("{}", folio::tr!("internal-error"));
        cmd::FAILED
    });
    std::process::exit(code);
}
