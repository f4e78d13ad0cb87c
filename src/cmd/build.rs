//! `folio build EDITION… [--out DIR] [--press] [--archive]`: write each edition's PDFs.
//!
//! One edition: `<edition>.pdf` and `<edition>-spread.pdf` (and the press plates and archive
//! copy when asked), with the findings and a line per page. Several editions (e.g. `content/*`):
//! built in parallel (rayon), with a progress bar on a terminal and a plain line per edition
//! otherwise; a failing edition does not stop the others; a summary at the end; exit code 1 if
//! any failed. Editions whose outputs would have the same file names are refused before
//! anything is built. Each edition's outputs reach OUT all together or not at all, with its entries
//! in `OUT/manifest.json` (see [`crate::output::manifest`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;

use crate::cli::BuildArgs;
use crate::diag::Diagnostic;
use crate::output::manifest;
use crate::session::{Extras, Policy, Session};

/// Build the editions.
pub fn run(args: &BuildArgs) -> i32 {
    if let Some(b) = args.bleed {
        if !(0.0..=crate::output::press::MAX_BLEED_MM).contains(&b) {
            super::emit(&[Diagnostic::error(crate::tr!("build-bleed-range", bleed = b, max = crate::output::press::MAX_BLEED_MM))
                .hint(crate::tr!("build-bleed-range-hint"))]);
            return super::USAGE;
        }
    }
    if args.jobs == Some(0) {
        super::emit(&[Diagnostic::error(crate::tr!("build-jobs-zero")).hint(crate::tr!("build-jobs-zero-hint"))]);
        return super::USAGE;
    }
    match args.editions.as_slice() {
        [one] => single(args, one),
        _ => batch(args),
    }
}

/// The extras the flags ask for.
fn extras(args: &BuildArgs) -> Extras {
    Extras {
        press: args.press.then_some(crate::output::press::PressOptions { marks: args.marks, bleed_mm: args.bleed }),
        archive: args.archive.then_some(crate::output::archive::ArchiveOptions { attach: !args.no_attach }),
    }
}

/// Build one edition, printing as it goes.
fn single(args: &BuildArgs, edition: &Path) -> i32 {
    let policy = Policy { allow_overset: args.allow_overset, refuse_white: args.press && !args.allow_holes, advise: true };
    let mut session = Session::new(super::options(&args.common(edition), Some(args.out.clone())), policy);
    if !args.press && !args.archive {
        session.last_compile();
    }
    match session.build() {
        Ok(mut report) => {
            super::emit(&report.findings);
            if let Some(code) = crate::cmd::report::build_failed(&report) {
                return code;
            }
            if let Some(dir) = &args.emit_typst {
                match crate::output::emit::emit(session.world().expect("compiled"), &report.edition.name, dir) {
                    Ok(emitted) => report.written.extend(emitted.documents),
                    Err(diags) => {
                        super::emit(&diags.0);
                        eprintln!("{}", crate::tr!("build-emit-typst-failed", out = args.out.display()));
                        return super::FAILED;
                    }
                }
            }
            if let Err(diags) = session.publish(&mut report, &extras(args), &args.out) {
                super::emit(&diags.0);
                eprintln!("{}", crate::tr!("build-failed-unchanged", out = args.out.display()));
                return super::FAILED;
            }
            crate::cmd::report::print_build_summary(&report);
            for path in &report.written {
                crate::outln!("{}", crate::tr!("wrote-file", file = path.display()));
            }
            // The process exits right after this: freeing the documents, the world and its
            // caches piece by piece would only delay the exit (the OS takes it all back at once).
            std::mem::forget(report);
            std::mem::forget(session);
            super::OK
        }
        Err(diags) => {
            diags.emit(&mut codespan_reporting::term::termcolor::StandardStream::stderr(
                codespan_reporting::term::termcolor::ColorChoice::Never,
            ));
            eprintln!("{}", crate::tr!("build-failed-nothing"));
            super::FAILED
        }
    }
}

/// What one edition of a batch came to.
struct Outcome {
    /// The edition as given.
    path: PathBuf,
    /// Files written.
    written: Vec<PathBuf>,
    /// Findings and errors to show.
    diags: Vec<Diagnostic>,
    /// Why it failed, in a few words.
    failure: Option<String>,
    /// Pages built.
    pages: usize,
}

impl Outcome {
    fn failed(path: &Path, why: impl Into<String>, diags: Vec<Diagnostic>) -> Self {
        Self { path: path.to_path_buf(), written: Vec::new(), diags, failure: Some(why.into()), pages: 0 }
    }
}

/// Build one edition of a batch without printing.
fn build_quiet(args: &BuildArgs, edition: &Path) -> Outcome {
    let policy = Policy { allow_overset: args.allow_overset, refuse_white: args.press && !args.allow_holes, advise: true };
    let mut session = Session::new(super::options(&args.common(edition), Some(args.out.clone())), policy);
    let mut report = match session.build() {
        Ok(r) => r,
        Err(diags) => return Outcome::failed(edition, crate::tr!("batch-errors"), diags.0),
    };
    let errors = report.preflight.iter().filter(|f| f.is_error()).count();
    if errors > 0 {
        return Outcome::failed(edition, crate::tr!("batch-preflight-errors", errors = crate::tr!("count-errors", n = errors)), report.findings);
    }
    let mut diags = report.findings.clone();
    if let Some(dir) = &args.emit_typst {
        match crate::output::emit::emit(session.world().expect("compiled"), &report.edition.name, dir) {
            Ok(emitted) => report.written.extend(emitted.documents),
            Err(d) => {
                diags.extend(d.0);
                return Outcome::failed(edition, crate::tr!("batch-emit-typst-failed"), diags);
            }
        }
    }
    match session.publish(&mut report, &extras(args), &args.out) {
        Ok(()) => Outcome {
            path: edition.to_path_buf(),
            written: report.written.clone(),
            diags,
            failure: None,
            pages: report.compiled.pages,
        },
        Err(d) => {
            diags.extend(d.0);
            Outcome::failed(edition, crate::tr!("batch-output-failed"), diags)
        }
    }
}

/// The output names (without `.pdf`) an edition called `name` writes at the top of OUT.
fn output_stems(name: &str) -> [String; 3] {
    crate::output::names::Names(name).stems()
}

/// The editions of a batch whose outputs would overwrite another's, with the reason.
fn collisions(editions: &[(PathBuf, Option<String>)]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, (path, name)) in editions.iter().enumerate() {
        let Some(name) = name else { continue };
        let mine = output_stems(name);
        for (j, (other_path, other)) in editions.iter().enumerate() {
            let Some(other) = other else { continue };
            if i == j {
                continue;
            }
            let theirs = output_stems(other);
            if name == other || mine.iter().any(|s| theirs.contains(s)) {
                out.push((i, crate::tr!("batch-collision", a = path.display(), b = other_path.display(), name = name, other = other)));
                break;
            }
        }
    }
    out
}

/// Build several editions in parallel.
fn batch(args: &BuildArgs) -> i32 {
    let start = Instant::now();
    // Each edition once, in the order given; plain files (a README in content/) are skipped.
    let mut seen = Vec::new();
    let mut editions: Vec<(PathBuf, Option<String>)> = Vec::new();
    for e in &args.editions {
        if e.is_file() {
            eprintln!("{}", crate::tr!("batch-skipped", path = e.display()));
            continue;
        }
        let canonical = e.canonicalize().ok();
        if let Some(c) = &canonical {
            if seen.contains(c) {
                continue;
            }
            seen.push(c.clone());
        }
        let name = canonical.as_ref().and_then(|c| c.file_name()).map(|n| n.to_string_lossy().into_owned());
        editions.push((e.clone(), name));
    }
    let clashes = collisions(&editions);
    let total = editions.len();

    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        Some(bar)
    } else {
        None
    };
    let done = Mutex::new(0usize);
    let report = |o: &Outcome| {
        let mut n = done.lock().unwrap_or_else(|e| e.into_inner());
        *n += 1;
        let line = match &o.failure {
            None => crate::tr!("batch-built", n = *n, total = total, path = o.path.display(), pages = crate::tr!("count-pages", n = o.pages)),
            Some(why) => crate::tr!("batch-failed-one", n = *n, total = total, path = o.path.display(), why = why),
        };
        let show = || {
            super::emit(&o.diags);
            eprintln!("{line}");
        };
        match &bar {
            Some(bar) => {
                bar.suspend(show);
                bar.inc(1);
                bar.set_message(o.path.display().to_string());
            }
            None => show(),
        }
    };

    let work = || {
        editions
            .par_iter()
            .enumerate()
            .map(|(i, (path, _))| {
                let outcome = match clashes.iter().find(|(k, _)| *k == i) {
                    Some((_, why)) => Outcome::failed(path, crate::tr!("batch-names-collide"), vec![Diagnostic::error(why.clone())
                        .hint(crate::tr!("batch-names-collide-hint"))]),
                    None => build_quiet(args, path),
                };
                report(&outcome);
                outcome
            })
            .collect::<Vec<Outcome>>()
    };
    // No more threads than editions (`--jobs 4000` for two editions started 4 000 threads and
    // took a minute, until session 40): each builds on one.
    let jobs = args.jobs.map(|j| j.min(editions.len()));
    let outcomes = match rayon::ThreadPoolBuilder::new().num_threads(jobs.unwrap_or(0)).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }

    // Each edition committed its files and its manifest entries as it finished.
    let mut code = super::OK;
    if outcomes.iter().any(|o| o.failure.is_none()) {
        crate::outln!("{}", crate::tr!("wrote-file", file = args.out.join(manifest::MANIFEST_FILE).display()));
    }
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
    let files: usize = outcomes.iter().map(|o| o.written.iter().filter(|p| !p.ends_with(manifest::MANIFEST_FILE)).count()).sum();
    crate::outln!(
        "{}",
        crate::tr!(
            "batch-summary",
            built = outcomes.len() - failed.len(),
            total = outcomes.len(),
            files = files,
            seconds = format!("{:.1}", start.elapsed().as_secs_f64()),
            jobs = jobs.unwrap_or_else(|| rayon::current_num_threads().min(editions.len()))
        )
    );
    if !failed.is_empty() {
        eprintln!("{}", crate::tr!("batch-failed", failed = failed.len(), total = outcomes.len()));
        for o in &failed {
            eprintln!("  {}: {}", o.path.display(), o.failure.as_deref().unwrap_or(""));
        }
        code = super::FAILED;
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_names_are_found() {
        let e = |p: &str, n: &str| (PathBuf::from(p), Some(n.to_string()));
        let found = collisions(&[e("a/x", "x"), e("b/x", "x"), e("c/y", "y"), e("d/y-spread", "y-spread"), e("e/z", "z")]);
        let idx: Vec<usize> = found.iter().map(|f| f.0).collect();
        assert_eq!(idx, vec![0, 1, 2, 3]);
    }
}
