//! The orchestrator: load → world → compile → preflight → export, as one recipe.
//!
//! Takes [`Options`] (the edition folder and the command's flags) and gives a [`Report`]: the
//! findings and the files written. `folio build` and `folio check` are both this recipe; check
//! stops before export.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::compile::{self, Compiled};
use crate::content::{self, Edition};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::export::{self, Part};
use crate::fonts::{self, FontOptions};
use crate::grid::Formats;
use crate::preflight;
use crate::project::Project;
use crate::world::FolioWorld;

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
    /// Files written.
    pub written: Vec<PathBuf>,
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
        let fonts = fonts::load(&FontOptions { dir: project.fonts.clone(), system: opts.system_fonts });
        let world = FolioWorld::new(&project, fonts);
        Ok(Self { project, formats, edition, world })
    }

    /// Compile and preflight.
    pub fn compile(&mut self) -> Result<(Compiled, Vec<Diagnostic>), Diagnostics> {
        let compiled = compile::compile(&mut self.world, &self.edition, &self.formats)?;
        let findings = preflight::check(&self.edition, &compiled);
        Ok((compiled, findings))
    }
}

/// Output file names of an edition in `out`.
pub fn output_paths(out: &Path, name: &str) -> (PathBuf, PathBuf) {
    (out.join(format!("{name}.pdf")), out.join(format!("{name}-spread.pdf")))
}

/// Run the recipe.
pub fn run(opts: &Options) -> Result<Report, Diagnostics> {
    let t = Instant::now();
    let mut session = Session::open(opts)?;
    log(&format!("loaded {} in {:?}", session.edition.name, t.elapsed()));
    let t = Instant::now();
    let (compiled, findings) = session.compile()?;
    log(&format!("compiled in {:?}", t.elapsed()));
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(Diagnostics(findings));
    }
    let mut written = Vec::new();
    if let Some(out) = &opts.out {
        let t = Instant::now();
        let edition = &session.edition;
        let ident = format!("{}-{}", edition.name, edition.file.value.edition.issue);
        let pages = export::pdf(&compiled, Part::Pages, &ident, edition.date())?;
        let spreads = export::pdf(&compiled, Part::Spreads, &ident, edition.date())?;
        let (p1, p2) = output_paths(out, &edition.name);
        export::write_atomic(&p1, &pages)?;
        export::write_atomic(&p2, &spreads)?;
        written.extend([p1, p2]);
        log(&format!("exported in {:?}", t.elapsed()));
    }
    Ok(Report { edition: session.edition, compiled, findings, written })
}

fn log(msg: &str) {
    if std::env::var_os("FOLIO_LOG").is_some() {
        eprintln!("folio: {msg}");
    }
}
