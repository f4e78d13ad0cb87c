//! The hostile-input harness (issue 10): a project whose OUT already holds a good build, a
//! way to run folio against a mutated copy, and the assertions every refusal must meet —
//! the exit code, no panic, the message naming the file and line (or field) and the fix, and
//! OUT byte-identical to what it was before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{sample_as_first_made_up, Run, SAMPLE, TestProject};

/// Every file under `dir` (relative path → bytes), for "OUT is exactly as it was".
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            let ft = e.file_type().expect("file type");
            if ft.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).expect("under base").to_path_buf();
                out.insert(rel, std::fs::read(&p).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A copy of the repo's content with the sample edition already built into `out/`: the good
/// OUT from before that a refused build must leave byte-identical.
pub struct Hostile {
    /// The project.
    pub p: TestProject,
    before: BTreeMap<PathBuf, Vec<u8>>,
}

impl Hostile {
    /// The sample built once into `out/` (pages and spreads).
    pub fn new() -> Self {
        Self::with_build(&[])
    }

    /// The sample built once into `out/` with extra build flags (e.g. `--press`).
    pub fn with_build(extra: &[&str]) -> Self {
        let p = sample_as_first_made_up();
        let ed = format!("content/{SAMPLE}");
        let mut args = vec!["build", ed.as_str(), "--out", "out"];
        args.extend_from_slice(extra);
        p.folio(&args).assert_code(0);
        let before = snapshot(&p.out());
        assert!(!before.is_empty(), "the good build wrote nothing");
        Self { p, before }
    }

    /// `folio build content/<sample> --out out` plus `extra`.
    pub fn build(&self, extra: &[&str]) -> Run {
        let ed = format!("content/{SAMPLE}");
        let mut args = vec!["build", ed.as_str(), "--out", "out"];
        args.extend_from_slice(extra);
        self.p.folio(&args)
    }

    /// Assert OUT holds exactly what the good build left.
    pub fn assert_out_unchanged(&self) {
        let now = snapshot(&self.p.out());
        let changed: Vec<_> = self
            .before
            .keys()
            .chain(now.keys())
            .filter(|k| self.before.get(*k) != now.get(*k))
            .collect();
        assert!(changed.is_empty(), "OUT changed after a refused build: {changed:?}");
    }

    /// Assert `run` is a refusal: exit 1, no panic, every needle in stderr, OUT unchanged.
    pub fn assert_refused(&self, run: &Run, needles: &[&str]) {
        assert!(!run.stderr().contains("panicked"), "panic:\n{}", run.stderr());
        run.assert_code(1);
        run.assert_stderr_has(needles);
        self.assert_out_unchanged();
    }
}

/// One table row: a name, a mutation of the sample project, extra build flags, and what the
/// error message must name (file:line, key, fix).
pub struct Case {
    /// Shown when the case fails.
    pub name: &'static str,
    /// Changes the project (the sample is under `content/jiangxi-special`).
    pub mutate: Box<dyn Fn(&TestProject)>,
    /// Extra `folio build` flags.
    pub flags: &'static [&'static str],
    /// Substrings stderr must contain; a `{line:FILE:NEEDLE}` entry is replaced by
    /// `FILE:N:` where N is the 1-based line of NEEDLE in the mutated FILE (project-relative).
    pub needles: Vec<String>,
}

impl Case {
    /// A case with no extra flags.
    pub fn new(name: &'static str, mutate: impl Fn(&TestProject) + 'static, needles: &[&str]) -> Self {
        Self { name, mutate: Box::new(mutate), flags: &[], needles: needles.iter().map(|s| s.to_string()).collect() }
    }

    /// The same with extra build flags.
    pub fn flags(mut self, flags: &'static [&'static str]) -> Self {
        self.flags = flags;
        self
    }
}

/// A mutation that replaces the first `from` in a project file with `to` (asserting it is there).
pub fn set(file: &'static str, from: &'static str, to: &'static str) -> impl Fn(&TestProject) {
    move |p: &TestProject| {
        p.edit(file, |t| {
            assert!(t.contains(from), "{from:?} not in {file}");
            t.replacen(from, to, 1)
        })
    }
}

/// A needle for [`run_table`]: `FILE:N:` where N is the line of `needle` in the mutated file.
pub fn line(file: &str, needle: &str) -> String {
    format!("{{line:{file}:{needle}}}")
}

pub use super::line_of;

/// Run every case in its own project (good OUT first), asserting each is refused as it says.
pub fn run_table(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for case in cases {
        let h = Hostile::new();
        (case.mutate)(&h.p);
        let needles: Vec<String> = case
            .needles
            .iter()
            .map(|n| match n.strip_prefix("{line:").and_then(|r| r.strip_suffix('}')) {
                Some(spec) => {
                    let (file, needle) = spec.split_once(':').expect("{line:FILE:NEEDLE}");
                    let short = file.rsplit_once("content/").map_or(file, |(_, s)| s);
                    let short = short.split_once('/').map_or(short, |(_, s)| s);
                    format!("{short}:{}:", line_of(&h.p, file, needle))
                }
                None => n.clone(),
            })
            .collect();
        let run = h.build(case.flags);
        let refs: Vec<&str> = needles.iter().map(String::as_str).collect();
        if let Err(e) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| h.assert_refused(&run, &refs))) {
            let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            failures.push(format!("case `{}`: {msg}", case.name));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
}
