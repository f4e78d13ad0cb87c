//! `folio build EDITION [--out DIR]`: write `<edition>.pdf` and `<edition>-spread.pdf`.

use crate::cli::BuildArgs;
use crate::pipeline;

/// Build one edition.
pub fn run(args: &BuildArgs) -> i32 {
    match pipeline::run(&super::options(&args.common, Some(args.out.clone()))) {
        Ok(report) => {
            super::emit(&report.findings);
            for (i, page) in report.compiled.data.pages.iter().enumerate() {
                let fits: Vec<_> = report.compiled.fits.iter().filter(|f| f.page == i).collect();
                let lines: u32 = fits.iter().map(|f| f.lines).sum();
                println!("page {}: {} stories, {} body lines, fits", page.number, page.stories.len(), lines);
            }
            for path in &report.written {
                println!("wrote {}", path.display());
            }
            super::OK
        }
        Err(diags) => {
            diags.emit(&mut codespan_reporting::term::termcolor::StandardStream::stderr(
                codespan_reporting::term::termcolor::ColorChoice::Never,
            ));
            eprintln!("error: the build failed; no output was written");
            super::FAILED
        }
    }
}
