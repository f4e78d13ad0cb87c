//! The orchestrator: load → world → compile → preflight → export, as one recipe.
//!
//! Takes [`Options`] (the edition folder and the command's flags) and gives a [`Report`]: the
//! findings and the files written. `folio build` and `folio check` are both this recipe; check
//! stops before export.

pub mod watch;

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::layout::compile::{self, Compiled};
use crate::input::content::{self, Edition};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::output::export::{self, Part};
use crate::layout::fonts::{self, FontOptions};
use crate::input::grid::Formats;
use crate::check::preflight;
use crate::project::Project;
use crate::layout::world::FolioWorld;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The edition directory.
    pub edition: PathBuf,
    /// Project root (default: the nearest ancestor with `layouts/`).
    pub root: Option<PathBuf>,
    /// Fonts folder (default: `<root>/fonts`).
    pub font_path: Option<PathBuf>,
    /// Also use system fonts.
    pub system_fonts: bool,
    /// Output folder; `None` checks without writing.
    pub out: Option<PathBuf>,
}

/// A finished run.
pub struct Report {
    /// The edition.
    pub edition: Edition,
    /// The compiled document.
    pub compiled: Compiled,
    /// Findings, warnings and errors.
    pub findings: Vec<Diagnostic>,
    /// Files written (by [`publish`]).
    pub written: Vec<PathBuf>,
    /// The proofs (pages PDF, spread PDF), made when `Options::out` is set and no error blocks
    /// them; nothing is written until [`publish`] puts them in place with the rest of the build.
    pub proofs: Option<(Vec<u8>, Vec<u8>)>,
    /// The world after the compile (its data files and dependencies feed `--emit-typst`).
    pub world: FolioWorld,
    /// The preflight findings with their codes, pages and stories (the same as `findings`).
    pub preflight: Vec<preflight::Finding>,
    /// What the preflight measured (ink per page).
    pub measures: preflight::Measures,
}

/// How strict a run is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// `--allow-overset`: overset copy is a warning, not an error.
    pub allow_overset: bool,
}

/// Everything set up before compiling: project, formats, edition, world.
pub struct Session {
    /// The project.
    pub project: Project,
    /// Its formats.
    pub formats: Formats,
    /// The loaded edition.
    pub edition: Edition,
    /// The Typst world.
    pub world: FolioWorld,
}

impl Session {
    /// Load the project and the edition and set up the world.
    pub fn open(opts: &Options) -> Result<Self, Diagnostics> {
        let project = Project::discover(&opts.edition, opts.root.as_deref(), opts.font_path.as_deref())?;
        let formats = Formats::load(&project)?;
        let edition = content::load(&project, &opts.edition, &formats)?;
        let fonts = fonts::load(&FontOptions { dir: project.fonts.clone(), system: opts.system_fonts })?;
        let world = FolioWorld::new(&project, fonts);
        Ok(Self { project, formats, edition, world })
    }

    /// Compile and preflight, keeping the findings' codes, pages and stories.
    pub fn preflight(&mut self) -> Result<(Compiled, Vec<preflight::Finding>, preflight::Measures), Diagnostics> {
        let compiled = compile::compile(&mut self.world, &self.edition, &self.formats)?;
        let (findings, measures) = preflight::findings(&self.edition, &compiled);
        Ok((compiled, findings, measures))
    }

    /// Compile and preflight.
    pub fn compile(&mut self) -> Result<(Compiled, Vec<Diagnostic>), Diagnostics> {
        let compiled = compile::compile(&mut self.world, &self.edition, &self.formats)?;
        let findings = preflight::check(&self.edition, &compiled);
        Ok((compiled, findings))
    }
}

/// The PDF document identifier of an edition (with the part appended by [`export::pdf`]), so
/// the same input gives the same bytes whichever command wrote it.
pub fn ident(edition: &Edition) -> String {
    format!("{}-{}", edition.name, edition.file.value.edition.issue)
}

/// Output file names of an edition in `out`.
pub fn output_paths(out: &Path, name: &str) -> (PathBuf, PathBuf) {
    let n = crate::output::names::Names(name);
    (out.join(n.pages_pdf()), out.join(n.spread_pdf()))
}

/// Run the recipe; preflight errors are an `Err` (nothing is written). With `opts.out`, the
/// proofs are put in place (with the manifest) by [`publish`].
pub fn run(opts: &Options) -> Result<Report, Diagnostics> {
    let mut report = run_with(opts, Policy::default())?;
    if report.findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(Diagnostics(report.findings));
    }
    if let Some(out) = &opts.out {
        publish(&mut report, opts, &Extras::default(), out)?;
    }
    Ok(report)
}

/// Run the recipe under `policy`. Content and template errors are an `Err`; preflight errors
/// are not: the report comes back with its findings. Nothing is written: with `opts.out` (and
/// no error) the proofs are made into `Report::proofs`, for [`publish`].
pub fn run_with(opts: &Options, policy: Policy) -> Result<Report, Diagnostics> {
    let t = Instant::now();
    let mut session = Session::open(opts)?;
    log(&format!("loaded {} in {:?}", session.edition.name, t.elapsed()));
    let t = Instant::now();
    let (compiled, mut preflight, measures) = session.preflight()?;
    if policy.allow_overset {
        preflight::allow_overset(&mut preflight);
    }
    let findings: Vec<Diagnostic> = preflight.iter().map(|f| f.diag.clone()).collect();
    log(&format!("compiled in {:?}", t.elapsed()));
    let mut proofs = None;
    let blocked = findings.iter().any(|f| f.severity == Severity::Error);
    if let (Some(_), false) = (&opts.out, blocked) {
        let t = Instant::now();
        let edition = &session.edition;
        let ident = ident(edition);
        // The two PDFs are independent: export them on two cores.
        let (pages, spreads) = rayon::join(
            || export::pdf(&compiled, Part::Pages, &ident, edition.date()),
            || export::pdf(&compiled, Part::Spreads, &ident, edition.date()),
        );
        proofs = Some((pages?, spreads?));
        log(&format!("exported in {:?}", t.elapsed()));
    }
    Ok(Report { edition: session.edition, compiled, findings, written: Vec::new(), proofs, world: session.world, preflight, measures })
}

fn log(msg: &str) {
    if std::env::var_os("FOLIO_LOG").is_some() {
        eprintln!("folio: {msg}");
    }
}

/// Outputs beside the proofs: press plates and the archive copy (`folio build --press`,
/// `--archive`), made by [`publish`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras {
    /// Press plates (PDF/X-4), one file per page.
    pub press: Option<crate::output::press::PressOptions>,
    /// The archive copy (PDF/A-3b with its sources, or PDF/A-2b).
    pub archive: Option<crate::output::archive::ArchiveOptions>,
}

/// Put a build into `out`, all of it or none of it: stage the proofs made by [`run_with`], make
/// and stage the extras, then commit the set with the manifest (see [`crate::output::manifest`]). On
/// any error nothing in `out` has changed. The files written (and the manifest) are added to
/// `report.written`.
///
/// The plates compile the edition again in the warm world with RGB photos separated into CMYK
/// (and with their own bleed when `--bleed` differs from the format's): only the photos' pages
/// are laid out again. The archive compiles it again on the gray colour route.
pub fn publish(report: &mut Report, opts: &Options, extras: &Extras, out: &Path) -> Result<(), Diagnostics> {
    use crate::output::manifest::{PROOF_STANDARD, Stage};
    let name = report.edition.name.clone();
    let ident = ident(&report.edition);
    let time = export::BuildTime::for_edition(report.edition.date()).map_err(Diagnostics::from)?;
    let mut stage = Stage::begin(out, &name)?;
    if let Some((pages, spreads)) = report.proofs.take() {
        let n = crate::output::names::Names(&name);
        stage.add(&n.pages_pdf(), &pages, Some(PROOF_STANDARD))?;
        stage.add(&n.spread_pdf(), &spreads, Some(PROOF_STANDARD))?;
    }
    if extras.press.is_some() || extras.archive.is_some() {
        let project = Project::discover(&opts.edition, opts.root.as_deref(), opts.font_path.as_deref())?;
        let formats = Formats::load(&project)?;
        if let Some(press) = &extras.press {
            let t = Instant::now();
            let bled;
            let press_formats = match press.bleed_mm {
                Some(mm) if !crate::output::press::same_bleed(&formats, &report.edition, mm) => {
                    bled = crate::output::press::with_bleed(&formats, &report.edition, mm)?;
                    &bled
                }
                _ => &formats,
            };
            let output = compile::OutputOptions { colour: compile::Colour::Cmyk, separate_photos: true };
            let compiled = compile::compile_with(&mut report.world, &report.edition, press_formats, output)?;
            let plates = crate::output::press::plates(&compiled, &report.edition, &ident, &time, press)?;
            let dir = crate::output::press::plate_dir(&name);
            for plate in plates {
                stage.add(&format!("{dir}/{}", plate.file_name), &plate.bytes, Some(crate::output::press::PDFX_VERSION))?;
            }
            stage.prune_plates(&dir);
            log(&format!("press plates in {:?}", t.elapsed()));
        }
        if let Some(archive) = &extras.archive {
            let t = Instant::now();
            let mut gray = compile::compile_with(&mut report.world, &report.edition, &formats, compile::OutputOptions { colour: compile::Colour::Gray, ..Default::default() })?;
            let sources = crate::output::archive::sources(&project, &report.edition, &report.world.dependencies())?;
            let bytes = crate::output::archive::archive(&mut gray, &report.edition, &ident, &time, &sources, archive)?;
            stage.add(&crate::output::archive::file_name(&name), &bytes, Some(archive.standard()))?;
            log(&format!("archive in {:?}", t.elapsed()));
        }
    }
    let committed = stage.commit()?;
    report.written.extend(committed.files);
    report.written.push(committed.manifest);
    Ok(())
}
