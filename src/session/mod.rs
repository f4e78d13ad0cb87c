//! Session: the one recipe every command runs. Takes [`Options`] (the edition folder and the
//! command's flags) and a [`Policy`], and gives, per [`Session::compile`], a [`Report`] (the
//! edition, its compiled documents and its findings); [`Session::build`] adds the proofs' PDFs and
//! [`Session::publish`] puts a build into the output folder, all or nothing, with the press
//! plates and the archive copy when asked.
//!
//! A session keeps its Typst world between compiles (only the file cache is reset), so a second
//! compile reuses every layout that did not change: `folio build`, `check` and `proof` compile
//! once, [`watch::Watch`] (`folio watch`, and the coming `folio serve`) is this session plus
//! change detection.

pub mod watch;

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use crate::check::preflight;
use crate::diag::{log, Diagnostic, Diagnostics, Severity};
use crate::input::content::{self, Edition, EDITION_FILE};
use crate::input::grid::{Formats, FORMATS_FILE};
use crate::layout::compile::{self, Compiled};
use crate::layout::fonts::{self, FontOptions};
use crate::layout::world::FolioWorld;
use crate::output::export::{self, Part};
use crate::output::names::Names;
use crate::project::Project;

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

/// How strict a run is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// `--allow-overset`: overset copy is a warning, not an error.
    pub allow_overset: bool,
    /// Press plates are asked for (`--press` without `--allow-holes`): white the copy leaves in
    /// the type area (a hole, an underset block) is an error, not a warning — a plate with a
    /// 开天窗 is not fit to print.
    pub refuse_white: bool,
    /// Ask each page folio places what cuts would give it a better layout (a second search a
    /// page with flaws: `folio build`, `folio place` and `folio check`, not the rebuilds of
    /// `folio watch` and `folio serve`; see [`crate::layout::place::advise`]).
    pub advise: bool,
}

/// Outputs beside the proofs: press plates and the archive copy (`folio build --press`,
/// `--archive`), made by [`Session::publish`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras {
    /// Press plates (PDF/X-4), one file per page.
    pub press: Option<crate::output::press::PressOptions>,
    /// The archive copy (PDF/A-3b with its sources, or PDF/A-2b).
    pub archive: Option<crate::output::archive::ArchiveOptions>,
}

/// One compile of the edition: what was built and what the preflight found.
pub struct Report {
    /// The edition.
    pub edition: Edition,
    /// The compiled documents.
    pub compiled: Compiled,
    /// Findings, warnings and errors (the diagnostics of `preflight`).
    pub findings: Vec<Diagnostic>,
    /// Files written (by [`Session::publish`]).
    pub written: Vec<PathBuf>,
    /// The proofs (pages PDF, spread PDF), made by [`Session::build`] when `Options::out` is set
    /// and no error blocks them; nothing is written until [`Session::publish`] puts them in place
    /// with the rest of the build.
    pub proofs: Option<(Vec<u8>, Vec<u8>)>,
    /// The preflight findings with their codes, pages and stories.
    pub preflight: Vec<preflight::Finding>,
    /// What the preflight measured (ink per page).
    pub measures: preflight::Measures,
    /// The blocks folio chose for the stories that had none, per page.
    pub placed: Vec<crate::layout::place::PagePlacement>,
}

impl Report {
    /// Whether a finding is an error (under the session's policy): nothing may be written.
    pub fn blocked(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// The world of a session and what it was made from: it is kept while both stay the same.
struct Warm {
    world: FolioWorld,
    root: PathBuf,
    fonts: FontsStamp,
    /// The pages placed last time (自动组版), reused where nothing their search reads changed.
    placed: crate::layout::place::PlaceCache,
}

/// A fingerprint of the fonts folder: its font files' paths, sizes and modification times.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FontsStamp(Vec<(PathBuf, u64, Option<SystemTime>)>);

impl FontsStamp {
    fn of(dir: &Path) -> Self {
        Self(
            fonts::files(dir)
                .into_iter()
                .filter_map(|p| {
                    let meta = std::fs::metadata(&p).ok()?;
                    Some((p, meta.len(), meta.modified().ok()))
                })
                .collect(),
        )
    }
}

/// The project and its formats as the last [`Session::open`] loaded them.
struct Opened {
    project: Project,
    formats: Formats,
}

/// One edition, compiled as often as asked in one warm Typst world.
pub struct Session {
    opts: Options,
    policy: Policy,
    warm: Option<Warm>,
    opened: Option<Opened>,
    /// folio's own inputs of the last load (TOML, photos, formats, fonts).
    inputs: Vec<PathBuf>,
    /// How long the last [`Session::open`] took.
    load_time: std::time::Duration,
    /// Photos printed as delivered go to Typst as one-page PDFs (see
    /// [`compile::OutputOptions::photo_forms`]); off for sessions that render pages to PNG or SVG.
    photo_forms: bool,
    /// Nothing compiles in this process after the next [`Session::build`] (see
    /// [`Session::last_compile`]).
    last_compile: bool,
    /// Each placed page's fits are kept for its next search (see
    /// [`crate::layout::place::PlaceCache::keep_fits`]).
    keep_fits: bool,
}

impl Session {
    /// A session for `opts` under `policy`; nothing is read until [`Session::open`].
    pub fn new(opts: Options, policy: Policy) -> Self {
        Self { opts, policy, warm: None, opened: None, inputs: Vec::new(), load_time: std::time::Duration::ZERO, photo_forms: true, last_compile: false, keep_fits: false }
    }

    /// Say that the session rebuilds as the editor works (`folio watch`, `folio serve`): each
    /// page folio places keeps what its search fitted, so the page, searched again after one of
    /// its stories changed, fits only that story again; and the word dictionary stays loaded
    /// once a headline needed it ([`crate::input::phrases::keep_dictionary`]).
    pub fn keep_fits(&mut self) {
        self.keep_fits = true;
        // And the word dictionary, once loaded, for each edited headline.
        crate::input::phrases::keep_dictionary();
    }

    /// Say that nothing will be compiled in this process after the next [`Session::build`] (a
    /// one-edition `folio build` without plates or archive): Typst's caches are dropped before
    /// its export, the build's peak of memory.
    pub fn last_compile(&mut self) {
        self.last_compile = true;
    }

    /// Hand Typst every photo as a raster image (for a session whose pages are rendered to PNG
    /// or SVG: the proofs, the preview), not JPEGs as one-page PDFs, which only the PDF export
    /// takes as they are.
    pub fn raster_photos(&mut self) {
        self.photo_forms = false;
    }

    /// The options the session was made with.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Read the project, its formats and the edition (again: every call reads the TOML afresh),
    /// and set up the world, keeping the last one while the root and the fonts folder are the
    /// same. Records the files whose change must trigger the next compile ([`Session::watched`]),
    /// also when loading fails.
    pub fn open(&mut self) -> Result<Edition, Diagnostics> {
        let t = Instant::now();
        let o = &self.opts;
        let project = Project::discover(&o.edition, o.root.as_deref(), o.font_path.as_deref())?;
        // Watch the edition's own file and the formats even if loading fails below.
        let edition_dir = project.inside(&o.edition).unwrap_or_else(|_| o.edition.clone());
        let mut inputs = vec![edition_dir.join(EDITION_FILE), project.layouts.join(FORMATS_FILE), project.fonts.clone()];
        for old in std::mem::take(&mut self.inputs) {
            if !inputs.contains(&old) {
                inputs.push(old);
            }
        }
        self.inputs = inputs;

        let formats = Formats::load(&project)?;
        let edition = content::load(&project, &o.edition, &formats)?;
        let mut inputs = vec![edition.file.path.clone(), project.layouts.join(FORMATS_FILE), project.fonts.clone()];
        // Each story file as the page names it too: a symlink's own path, whose replacement the
        // watch of its target cannot see (session 41: a story once a symlink was never seen
        // again by `folio watch`).
        for page in &edition.file.value.pages {
            inputs.extend(page.stories.iter().map(|rel| edition.dir.join(rel.get_ref())));
        }
        for story in edition.stories.iter().flatten() {
            inputs.push(story.path.clone());
            for photo in &story.value.photos {
                inputs.push(crate::input::photos::photo_path(&edition.dir, photo.file.get_ref()));
            }
        }
        let stamp = FontsStamp::of(&project.fonts);
        // Each font file too (the folder itself is watched for files added or removed).
        inputs.extend(stamp.0.iter().map(|(p, _, _)| p.clone()));
        self.inputs = inputs;
        let warm = match self.warm.take() {
            Some(mut w) if w.root == project.root && w.fonts == stamp => {
                w.world.reset();
                w
            }
            _ => {
                let store = fonts::load(&FontOptions { dir: project.fonts.clone(), system: o.system_fonts })?;
                Warm { world: FolioWorld::new(&project, store), root: project.root.clone(), fonts: stamp, placed: Default::default() }
            }
        };
        self.warm = Some(warm);
        self.opened = Some(Opened { project, formats });
        self.load_time = t.elapsed();
        log(&format!("loaded {} in {:?}", edition.name, self.load_time));
        Ok(edition)
    }

    /// Open, compile and preflight under the session's policy. Content and template errors are
    /// an `Err`; preflight errors are not: the report comes back with its findings
    /// ([`Report::blocked`]). Nothing is exported or written.
    pub fn compile(&mut self) -> Result<Report, Diagnostics> {
        let mut edition = self.open()?;
        let t = Instant::now();
        let (Some(warm), Some(opened)) = (&mut self.warm, &self.opened) else { unreachable!("opened above") };
        // Stories without a [block] are placed first (自动组版); the compile lays them out there.
        warm.placed.advise = self.policy.advise;
        warm.placed.keep_fits = self.keep_fits;
        let placed = crate::layout::place::place_edition(&mut warm.world, &mut edition, &opened.formats, &mut warm.placed)?;
        // The photos' ink (a resize and a separation of each RGB photo) is measured on the
        // other core while the spread sheets are laid out; the preflight then finds it cached.
        let compiled = compile::compile_then(&mut warm.world, &edition, &opened.formats, compile::OutputOptions { photo_forms: self.photo_forms, ..Default::default() }, &crate::check::ink::measure_beside)?;
        let (mut found, measures) = preflight::findings(&edition, &compiled);
        found.extend(preflight::placement(&edition, &placed));
        preflight::placed_heads(&mut found, &placed, self.policy.advise);
        if self.policy.allow_overset {
            preflight::allow_overset(&mut found);
        }
        if self.policy.refuse_white {
            preflight::refuse_white(&mut found);
        }
        let findings = found.iter().map(|f| f.diag.clone()).collect();
        // What was learnt of the photos is kept for the next build.
        crate::input::known::save();
        crate::input::phrases::save();
        log(&format!("compiled in {:?}", t.elapsed()));
        Ok(Report { edition, compiled, findings, written: Vec::new(), proofs: None, preflight: found, measures, placed })
    }

    /// Export the proofs' PDFs that are asked for, on two cores: (pages, spreads).
    pub fn export(&self, report: &Report, pages: bool, spreads: bool) -> Result<(Option<Vec<u8>>, Option<Vec<u8>>), Diagnostics> {
        let t = Instant::now();
        let (edition, compiled) = (&report.edition, &report.compiled);
        let ident = ident(edition);
        let (a, b) = rayon::join(
            || pages.then(|| export::pdf(compiled, Part::Pages, &ident, edition.date())).transpose(),
            || spreads.then(|| export::pdf(compiled, Part::Spreads, &ident, edition.date())).transpose(),
        );
        let out = (a?, b?);
        log(&format!("exported in {:?}", t.elapsed()));
        Ok(out)
    }

    /// [`Session::compile`], then, with `Options::out` and no error, the proofs' PDFs made into
    /// [`Report::proofs`] for [`Session::publish`].
    pub fn build(&mut self) -> Result<Report, Diagnostics> {
        let mut report = self.compile()?;
        if self.opts.out.is_some() && !report.blocked() {
            // The export reads other parts of the fonts than the layout did.
            if let Some(world) = self.world() {
                world.release_fonts();
            }
            // Nothing compiles after this one: Typst's caches go, and the freed memory back to
            // the OS (the heap's free pages stay resident otherwise), on a thread of their own
            // beside the export (5–10 ms that were in the build's path before it).
            let tidy = self.last_compile.then(|| {
                std::thread::spawn(|| {
                    comemo::evict(0);
                    #[cfg(all(target_os = "linux", target_env = "gnu"))]
                    // SAFETY: malloc_trim only releases memory the allocator holds free.
                    unsafe {
                        libc::malloc_trim(0);
                    }
                    log("Typst's caches dropped");
                })
            });
            #[cfg(all(target_os = "linux", target_env = "gnu"))]
            if !self.last_compile {
                // SAFETY: as above.
                unsafe {
                    libc::malloc_trim(0);
                }
            }
            let exported = self.export(&report, true, true);
            if let Some(tidy) = tidy {
                let _ = tidy.join();
            }
            if let (Some(pages), Some(spreads)) = exported? {
                report.proofs = Some((pages, spreads));
            }
        }
        Ok(report)
    }

    /// The formats of the last [`Session::open`].
    pub fn formats(&self) -> Option<&Formats> {
        self.opened.as_ref().map(|o| &o.formats)
    }

    /// Pass 1 of `edition` with every story's head and lead box set at every span too, for a
    /// placement search: fit blocks with [`crate::layout::compose::Fitter`] on what it gives.
    pub fn measure_all_spans(&mut self, edition: &Edition) -> Result<compile::Pass1, Diagnostics> {
        let (Some(warm), Some(opened)) = (&mut self.warm, &self.opened) else {
            return Err(Diagnostic::error("internal: measure before open").into());
        };
        compile::measure_galley(&mut warm.world, edition, &opened.formats, crate::layout::galley::Spans::All)
    }

    /// The project root, once [`Session::open`] found it.
    pub fn root(&self) -> Option<&Path> {
        self.opened.as_ref().map(|o| o.project.root.as_path())
    }

    /// How long the last [`Session::open`] took (reading the TOML, formats and fonts).
    pub fn load_time(&self) -> std::time::Duration {
        self.load_time
    }

    /// The world of the last [`Session::open`], if it got that far (for `--emit-typst`, proofs,
    /// tests and benchmarks).
    pub fn world(&mut self) -> Option<&mut FolioWorld> {
        self.warm.as_mut().map(|w| &mut w.world)
    }

    /// Everything a change to which must trigger a new compile: the files the last compile read
    /// (templates, photos), the edition's TOML files, the formats, and the fonts folder.
    pub fn watched(&mut self) -> Vec<PathBuf> {
        let mut out = self.inputs.clone();
        if let Some(warm) = &mut self.warm {
            out.extend(warm.world.dependencies());
        }
        out.sort();
        out.dedup();
        out
    }

    /// Put a build into `out`, all of it or none of it: stage the proofs made by
    /// [`Session::build`], make and stage the extras, then commit the set with the manifest (see
    /// [`crate::output::manifest`]). On any error nothing in `out` has changed. The files written
    /// (and the manifest) are added to `report.written`.
    ///
    /// The plates compile the edition again in the warm world with RGB photos separated into CMYK
    /// (and with their own bleed when `--bleed` differs from the format's): only the photos'
    /// pages are laid out again. The archive compiles it again on the gray colour route.
    pub fn publish(&mut self, report: &mut Report, extras: &Extras, out: &Path) -> Result<(), Diagnostics> {
        use crate::output::manifest::Stage;
        use crate::output::{archive, press};
        let name = report.edition.name.clone();
        let ident = ident(&report.edition);
        let time = export::BuildTime::for_edition(report.edition.date()).map_err(Diagnostics::from)?;
        let mut stage = Stage::begin(out, &name)?;
        if let Some((pages, spreads)) = report.proofs.take() {
            let n = Names(&name);
            stage.add_proof(&n.pages_pdf(), &pages, export::shape(&report.compiled, export::Part::Pages))?;
            stage.add_proof(&n.spread_pdf(), &spreads, export::shape(&report.compiled, export::Part::Spreads))?;
        }
        if extras.press.is_some() || extras.archive.is_some() {
            let (Some(warm), Some(opened)) = (&mut self.warm, &self.opened) else {
                return Err(Diagnostic::error("internal: publish before compile").into());
            };
            let (world, formats) = (&mut warm.world, &opened.formats);
            if let Some(opts) = &extras.press {
                let t = Instant::now();
                let bled;
                let press_formats = match opts.bleed_mm {
                    Some(mm) if !press::same_bleed(formats, &report.edition, mm) => {
                        bled = press::with_bleed(formats, &report.edition, mm)?;
                        &bled
                    }
                    _ => formats,
                };
                let output = compile::OutputOptions { colour: compile::Colour::Cmyk, separate_photos: true, photo_forms: false };
                let compiled = compile::compile_with(world, &report.edition, press_formats, output)?;
                let plates = press::plates(&compiled, &report.edition, &ident, &time, opts)?;
                let dir = press::plate_dir(&name);
                for plate in plates {
                    stage.add(&format!("{dir}/{}", plate.file_name), &plate.bytes, Some(press::PDFX_VERSION))?;
                }
                stage.prune_plates(&dir);
                log(&format!("press plates in {:?}", t.elapsed()));
            }
            if let Some(opts) = &extras.archive {
                let t = Instant::now();
                let output = compile::OutputOptions { colour: compile::Colour::Gray, ..Default::default() };
                let mut gray = compile::compile_with(world, &report.edition, formats, output)?;
                let sources = archive::sources(&opened.project, &report.edition, &world.dependencies())?;
                let bytes = archive::archive(&mut gray, &report.edition, &ident, &time, &sources, opts)?;
                stage.add(&archive::file_name(&name), &bytes, Some(opts.standard()))?;
                log(&format!("archive in {:?}", t.elapsed()));
            }
        }
        let committed = stage.commit()?;
        report.written.extend(committed.files);
        report.written.push(committed.manifest);
        Ok(())
    }
}

/// The PDF document identifier of an edition (with the part appended by [`export::pdf`]), so
/// the same input gives the same bytes whichever command wrote it.
pub fn ident(edition: &Edition) -> String {
    format!("{}-{}", edition.name, edition.file.value.edition.issue)
}

/// Build once under the default policy; preflight errors are an `Err` (nothing is written). With
/// `opts.out`, the build is published there (the proofs and the manifest).
pub fn run(opts: &Options) -> Result<Report, Diagnostics> {
    let mut session = Session::new(opts.clone(), Policy::default());
    let mut report = session.build()?;
    if report.blocked() {
        return Err(Diagnostics(report.findings));
    }
    if let Some(out) = &opts.out {
        session.publish(&mut report, &Extras::default(), out)?;
    }
    Ok(report)
}
