//! The `folio` binary: parse the arguments, run the library, exit with its code.

use clap::Parser;

fn main() {
    let cli = folio::cli::Cli::parse();
    std::process::exit(folio::cli::run(cli));
}
