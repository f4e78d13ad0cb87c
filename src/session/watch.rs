//! Watch mode: rebuild an edition on every change, keeping Typst's caches warm.
//!
//! Takes the same [`Options`] as `folio build` (plus an optional PNG resolution) and gives a
//! [`Builder`] whose [`Builder::rebuild`] loads the edition again, compiles it in a
//! [`FolioWorld`] kept from the previous rebuild (only its file cache is reset, so comemo reuses
//! every layout that did not change; old cache entries are evicted after each rebuild), finds
//! which pages changed by hashing their frames, and writes the PDFs (and PNG proofs of the
//! changed pages) into the output folder together with the manifest, all or nothing (see
//! [`crate::output::manifest`]). A failed rebuild writes nothing: the last good PDF stays.
//! [`Builder::watched`] lists the files a change to which must trigger the next rebuild: the
//! edition's TOML files, its photos, `layouts/` (templates and formats), and the fonts folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::layout::compile;
use crate::input::content::{self, EDITION_FILE};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::output::export::{self, Part};
use crate::layout::fonts::{self, FontOptions};
use crate::input::grid::{Formats, FORMATS_FILE};
use crate::session::{self, Options};
use crate::check::preflight;
use crate::project::Project;
use crate::layout::world::FolioWorld;

/// How many compiles an unused comemo cache entry survives (typst-cli's watch uses the same).
pub const EVICT_AGE: usize = 10;

/// What one successful rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Wall time of the rebuild, from reading the TOML to the last file written.
    pub elapsed: Duration,
    /// Of which: loading the project and the edition (TOML, formats).
    pub load: Duration,
    /// Of which: both compile passes, photo checks and preflight.
    pub compile: Duration,
    /// Of which: PDF (and PNG) export and writing the files.
    pub export: Duration,
    /// Whether this was the first build of the session (everything is new).
    pub first: bool,
    /// Page numbers (as printed) whose drawing changed since the last good build.
    pub changed: Vec<u32>,
    /// Number of pages.
    pub pages: usize,
    /// Files written (nothing when no page changed).
    pub written: Vec<PathBuf>,
    /// Warnings and preflight findings (no errors).
    pub findings: Vec<Diagnostic>,
}

/// The world of a watch session and what it was built from.
struct Warm {
    world: FolioWorld,
    root: PathBuf,
    fonts: FontsStamp,
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

/// Rebuilds one edition again and again in one warm Typst world.
pub struct Builder {
    opts: Options,
    out: PathBuf,
    png: Option<f32>,
    warm: Option<Warm>,
    /// Hashes of the last good build's pages and spread sheets.
    pages: Option<Vec<u128>>,
    spreads: Option<Vec<u128>>,
    /// Folio's own inputs (TOML, photos, formats) and the fonts folder.
    inputs: Vec<PathBuf>,
    policy: session::Policy,
    /// The last good build's compiled edition.
    last: Option<compile::Compiled>,
}

impl Builder {
    /// A builder writing to `out` (and PNG proofs of changed pages at `png` dpi, if given).
    pub fn new(opts: Options, out: PathBuf, png: Option<f32>) -> Self {
        Self { opts, out, png, warm: None, pages: None, spreads: None, inputs: Vec::new(), policy: session::Policy::default(), last: None }
    }

    /// Build under `policy` (e.g. `--allow-overset`), as `folio build` does.
    pub fn with_policy(mut self, policy: session::Policy) -> Self {
        self.policy = policy;
        self
    }

    /// Whether a build has succeeded in this session (so outputs of it exist).
    pub fn has_built(&self) -> bool {
        self.pages.is_some()
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Rebuild: load, compile in the warm world, write what changed. On error nothing is
    /// written and the previous outputs stay as they were.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Diagnostics> {
        let start = Instant::now();
        let result = self.try_rebuild(start);
        // Drop cache entries unused for a while, so memory stays flat over a night of edits.
        typst::comemo::evict(EVICT_AGE);
        result
    }

    fn try_rebuild(&mut self, start: Instant) -> Result<Rebuilt, Diagnostics> {
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
        for story in edition.stories.iter().flatten() {
            inputs.push(story.path.clone());
            for photo in &story.value.photos {
                inputs.push(crate::input::photos::photo_path(&edition.dir, photo.file.get_ref()));
            }
        }
        self.inputs = inputs;
        let load = start.elapsed();
        log(&format!("loaded in {load:?}"));

        let stamp = FontsStamp::of(&project.fonts);
        // Watch each font file too (the folder itself is watched for files added or removed).
        self.inputs.extend(stamp.0.iter().map(|(p, _, _)| p.clone()));
        let warm = match self.warm.take() {
            Some(mut w) if w.root == project.root && w.fonts == stamp => {
                w.world.reset();
                w
            }
            _ => {
                let store = fonts::load(&FontOptions { dir: project.fonts.clone(), system: o.system_fonts })?;
                Warm { world: FolioWorld::new(&project, store), root: project.root.clone(), fonts: stamp }
            }
        };
        let warm = self.warm.insert(warm);
        let t = Instant::now();
        let compiled = compile::compile(&mut warm.world, &edition, &formats)?;
        let (mut found, _) = preflight::findings(&edition, &compiled);
        if self.policy.allow_overset {
            preflight::allow_overset(&mut found);
        }
        let findings: Vec<Diagnostic> = found.into_iter().map(|f| f.diag).collect();
        let compile = t.elapsed();
        log(&format!("compiled in {compile:?}"));
        if findings.iter().any(|f| f.severity == Severity::Error) {
            return Err(Diagnostics(findings));
        }

        let t = Instant::now();
        let pages: Vec<u128> = compiled.document.pages().iter().map(typst::utils::hash128).collect();
        let spreads: Vec<u128> = compiled.spreads.pages().iter().map(typst::utils::hash128).collect();
        let first = self.pages.is_none();
        let changed_idx: Vec<usize> = (0..pages.len())
            .filter(|&i| self.pages.as_ref().and_then(|old| old.get(i)) != Some(&pages[i]))
            .collect();
        // A page removed at the end is a change too, though it has no number any more.
        let shrunk = self.pages.as_ref().is_some_and(|old| old.len() > pages.len());
        let spreads_changed = self.spreads.as_ref() != Some(&spreads);
        let (p_pages, p_spreads) = session::output_paths(&self.out, &edition.name);
        // Write again if an output went missing (deleted by hand, or never written).
        let pages_due = !changed_idx.is_empty() || shrunk || !p_pages.exists();
        let spreads_due = spreads_changed || !p_spreads.exists();
        let mut written = Vec::new();
        let ident = session::ident(&edition);
        let date = edition.date();
        // The two PDFs are independent: export them on both cores.
        let (a, b) = rayon::join(
            || pages_due.then(|| export::pdf(&compiled, Part::Pages, &ident, date)).transpose(),
            || spreads_due.then(|| export::pdf(&compiled, Part::Spreads, &ident, date)).transpose(),
        );
        let (a, b) = (a?, b?);
        let mut pngs = Vec::new();
        if let Some(dpi) = self.png {
            for &i in &changed_idx {
                let number = compiled.data.pages[i].number;
                pngs.push((png_path(&self.out, &edition.name, number), export::png(&compiled, Part::Pages, i, dpi)?));
            }
        }
        // Everything is rendered before anything is written; then all of it is put in place
        // with the manifest, or none of it (see `crate::output::manifest`).
        if a.is_some() || b.is_some() || !pngs.is_empty() {
            let mut stage = crate::output::manifest::Stage::begin(&self.out, &edition.name)?;
            let proof = Some(crate::output::manifest::PROOF_STANDARD);
            for (path, bytes, standard) in a.map(|b| (p_pages, b, proof)).into_iter().chain(b.map(|b| (p_spreads, b, proof))).chain(pngs.into_iter().map(|(p, b)| (p, b, None))) {
                let rel = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                stage.add(&rel, &bytes, standard)?;
            }
            written = stage.commit()?.files;
        }
        let export = t.elapsed();
        log(&format!("exported in {export:?}"));

        self.pages = Some(pages);
        self.spreads = Some(spreads);
        let changed = changed_idx.iter().map(|&i| compiled.data.pages[i].number).collect();
        let pages = compiled.pages;
        self.last = Some(compiled);
        Ok(Rebuilt { elapsed: start.elapsed(), load, compile, export, first, changed, pages, written, findings })
    }

    /// Everything a change to which must trigger a rebuild: the files the last compile read
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

    /// The last good build's compiled edition (its documents, data and fits), if any.
    pub fn compiled(&self) -> Option<&compile::Compiled> {
        self.last.as_ref()
    }

    /// The last compiled document's world, if a build got that far (for tests and benchmarks).
    pub fn world(&mut self) -> Option<&mut FolioWorld> {
        self.warm.as_mut().map(|w| &mut w.world)
    }
}

/// Where the PNG proof of page `number` goes.
pub fn png_path(out: &Path, name: &str, number: u32) -> PathBuf {
    out.join(crate::output::names::Names(name).page_png(number))
}

/// One line about a successful rebuild, e.g.
/// `rebuilt in 23 ms: page 5 changed; wrote out/x.pdf, out/x-spread.pdf`.
pub fn summary(r: &Rebuilt) -> String {
    let verb = if r.first { "built" } else { "rebuilt" };
    let ms = r.elapsed.as_secs_f64() * 1000.0;
    let what = match r.changed.as_slice() {
        [] => "no page changed".to_string(),
        [one] => format!("page {one} changed"),
        many => format!("pages {} changed", many.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
    };
    let wrote = if r.written.is_empty() {
        String::new()
    } else {
        format!("; wrote {}", r.written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))
    };
    format!("{verb} in {ms:.0} ms: {what}{wrote}")
}

fn log(msg: &str) {
    if std::env::var_os("FOLIO_LOG").is_some() {
        eprintln!("folio watch: {msg}");
    }
}
