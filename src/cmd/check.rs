//! `folio check EDITION [--format human|json] [--allow-overset]`: validate, compile and
//! preflight without writing anything; print the report.

use crate::cli::CheckArgs;
use crate::cmd::report;
use crate::session::{Policy, Session};

/// Check one edition; exit 1 when there are errors.
pub fn run(args: &CheckArgs) -> i32 {
    let policy = Policy { allow_overset: args.allow_overset, refuse_white: args.press, advise: true };
    match Session::new(super::options(&args.common, None), policy).compile() {
        Ok(r) => report::print(args.format, &r.edition.name, Some(&r), &r.preflight),
        Err(diags) => {
            let name = report::edition_name(&args.common.edition);
            report::print(args.format, &name, None, &report::early_findings(diags.0))
        }
    }
}
