//! `folio proof EDITION [--dpi N] [--out DIR]`: render every page and spread to PNG with the
//! preflight's findings drawn on them, plus a contact sheet; print the report.

use crate::cli::ProofArgs;
use crate::cmd::report;
use crate::session::{Policy, Session};

/// Proof one edition. The PNGs are written even when there are errors (that is what they are
/// for); the exit code is `check`'s: 1 when there are errors.
pub fn run(args: &ProofArgs) -> i32 {
    // clap checks the range too (`cli::dpi`); this guards callers that build ProofArgs themselves.
    if !(args.dpi.is_finite() && (crate::cli::MIN_DPI..=crate::cli::MAX_DPI).contains(&args.dpi)) {
        eprintln!("{}", crate::tr!("proof-dpi-range", dpi = args.dpi));
        eprintln!("  = {}", crate::tr!("hint-line", hint = crate::tr!("proof-dpi-range-hint", min = crate::cli::MIN_DPI, max = crate::cli::MAX_DPI)));
        return super::USAGE;
    }
    let policy = Policy { allow_overset: args.allow_overset, advise: false, ..Policy::default() };
    let mut session = Session::new(super::options(&args.common, None), policy);
    session.raster_photos();
    match session.compile() {
        Ok(r) => {
            if let Err(d) = crate::output::proof::check_resolution(&r.compiled, args.dpi) {
                super::emit(&[d]);
                return super::USAGE;
            }
            let written = crate::output::proof::write(session.world().expect("compiled"), &r.compiled, &r.preflight, &r.edition.name, args.dpi, &args.out);
            let code = report::print(args.format, &r.edition.name, Some(&r), &r.preflight);
            match written {
                Ok(files) => {
                    for f in files {
                        eprintln!("{}", crate::tr!("wrote-file", file = f.display()));
                    }
                    code
                }
                Err(diags) => {
                    super::emit(&diags.0);
                    super::FAILED
                }
            }
        }
        Err(diags) => {
            let name = report::edition_name(&args.common.edition);
            report::print(args.format, &name, None, &report::early_findings(diags.0));
            eprintln!("{}", crate::tr!("proof-failed"));
            super::FAILED
        }
    }
}
