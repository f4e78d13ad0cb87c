//! `folio check EDITION`: validate and compile without writing anything.

use crate::cli::CommonArgs;
use crate::pipeline;

/// Check one edition.
pub fn run(args: &CommonArgs) -> i32 {
    match pipeline::run(&super::options(args, None)) {
        Ok(report) => {
            super::emit(&report.findings);
            println!(
                "{}: {} pages, {} spreads, no errors",
                report.edition.name,
                report.compiled.pages,
                report.compiled.data.spreads.len()
            );
            super::OK
        }
        Err(diags) => {
            super::emit(&diags.0);
            super::FAILED
        }
    }
}
