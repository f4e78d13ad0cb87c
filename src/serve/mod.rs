//! Serve: takes a [`Watch`] (the session plus change detection, the same one `folio watch`
//! runs) and gives a live preview in the browser — a local HTTP server ([`http`]) showing the
//! edition's pages as facing spreads with every story's block, capacity and findings drawn over
//! them ([`view`]), updated in place over Server-Sent Events after every rebuild.
//!
//! Two threads share one [`Shared`]: the builder ([`Shared::run_builds`]) rebuilds on every change
//! to the edition, its photos, the layouts and the fonts, and publishes a new [`view::View`]; the
//! server answers requests from the newest view and tells each open page when there is a newer.

pub mod http;
pub mod view;

use std::path::Path;
use std::sync::{Arc, RwLock};

use crate::session::watch::{Step, Watch};
use view::View;

/// The newest view and the signal that tells the open pages about it.
pub struct Shared {
    view: RwLock<Arc<View>>,
    version: tokio::sync::watch::Sender<u64>,
}

impl Shared {
    /// Shared state showing `view` (before the first build: [`View::empty`]).
    pub fn new(view: View) -> Arc<Self> {
        let (version, _) = tokio::sync::watch::channel(view.state.version);
        Arc::new(Self { view: RwLock::new(Arc::new(view)), version })
    }

    /// The newest view.
    pub fn view(&self) -> Arc<View> {
        self.view.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Listen for new versions.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.version.subscribe()
    }

    /// Show `view` from now on and tell every open page.
    pub fn publish(&self, view: View) {
        let version = view.state.version;
        *self.view.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(view);
        self.version.send_replace(version);
    }

    /// Rebuild after every change until file watching fails (returns why): a good build
    /// publishes its pages as soon as its pages PDF is in place (before the spread PDF is
    /// written), a bad edit shows its errors over the last good pages, and the next good build
    /// clears them. `report` hears of every step (the console lines).
    pub fn run_builds(&self, watch: &mut Watch, report: &mut dyn FnMut(Step)) -> String {
        watch.run(&mut |watch, step| {
            let prev = self.view();
            let version = prev.state.version + 1;
            match &step {
                Step::Pages(Ok(rebuilt)) => self.publish(View::built(&prev, version, watch, rebuilt)),
                Step::Pages(Err(diags)) | Step::Rest(Err(diags)) => self.publish(prev.failed_in(version, &diags.0, watch.root())),
                Step::Rest(Ok(_)) => {}
            }
            report(step);
        })
    }
}

/// A font of the project's fonts folder `dir` for the viewer's own words (story names, 版):
/// a single face (not a collection, which browsers may refuse) covering Chinese, sans-serif
/// (黑体) families first. `None` when the folder has none.
pub fn ui_font(dir: &Path) -> Option<Vec<u8>> {
    let faces = crate::layout::fonts::scan(dir).ok()?;
    let covers = |info: &typst::text::FontInfo| ['中', '版', '文'].iter().all(|&c| info.coverage.contains(c as u32));
    // A collection is a file the scan found a second face in: known without reading it again.
    let collection = |path: &std::path::PathBuf| faces.iter().any(|(p, index, _)| p == path && *index > 0);
    let mut fit: Vec<&(std::path::PathBuf, u32, typst::text::FontInfo)> = faces.iter().filter(|(path, index, info)| *index == 0 && covers(info) && !collection(path)).collect();
    let sans = |family: &str| ["Sans", "Hei", "黑"].iter().any(|s| family.contains(s));
    fit.sort_by_key(|(path, _, info)| (!sans(&info.family), path.clone()));
    fit.into_iter().find_map(|(path, _, _)| {
        let bytes = crate::project::read_regular(path, crate::project::limits::FONT).ok()?;
        // A collection of one face is still a collection.
        (!bytes.starts_with(b"ttcf")).then_some(bytes)
    })
}
