//! Test helpers: a throw-away project (a copy of layouts/ and an edition, the repo's fonts),
//! running the real binary, and reading the PDFs it writes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub mod hostile;
pub mod typeset;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample edition's directory name.
pub const SAMPLE: &str = "jiangxi-special";

/// A temporary project: `root/layouts` copied from the repo, `root/content/<edition>` copied
/// from a repo edition, fonts read from the repo.
pub struct TestProject {
    pub dir: tempfile::TempDir,
}

impl TestProject {
    /// A project holding a copy of the sample edition.
    pub fn sample() -> Self {
        Self::with_edition(SAMPLE)
    }

    /// A project holding a copy of the repo's `content/` (and so of `content/<name>`).
    pub fn with_edition(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("layouts"), &dir.path().join("layouts"));
        // Every edition, so that editions sharing photos (the tabloid uses the broadsheet's) build.
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        assert!(dir.path().join("content").join(name).is_dir(), "no edition content/{name}");
        Self { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn edition(&self, name: &str) -> PathBuf {
        self.root().join("content").join(name)
    }

    pub fn sample_dir(&self) -> PathBuf {
        self.edition(SAMPLE)
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("out")
    }

    /// Build `content/<name>` through the library (fonts from the repo), writing the outputs
    /// to `out()` when `write`; gives the whole report (layout data, laid-out documents, fits).
    pub fn report(&self, name: &str, write: bool) -> folio::session::Report {
        folio::session::run(&folio::session::Options {
            edition: self.edition(name),
            root: Some(self.root().to_path_buf()),
            font_path: Some(repo().join("fonts")),
            system_fonts: false,
            out: write.then(|| self.out()),
        })
        .unwrap_or_else(|d| panic!("content/{name} must build: {d}"))
    }

    /// Rewrite a file of the project with `f`.
    pub fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let p = self.root().join(rel);
        let text = std::fs::read_to_string(&p).expect("read file to edit");
        std::fs::write(&p, f(text)).expect("write edited file");
    }

    /// Run folio with `args` in the project root (fonts from the repo), its messages in
    /// English whatever the tester's locale.
    pub fn folio(&self, args: &[&str]) -> Run {
        self.folio_in_locale(args, &[("LANG", "C")])
    }

    /// The `folio` command with `args` in the project root (fonts from the repo), the locale
    /// variables cleared and then set to `locale` (e.g. `[("LANG", "zh_CN.UTF-8")]`).
    pub fn folio_command(&self, args: &[&str], locale: &[(&str, &str)]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
        cmd.current_dir(self.root()).args(args);
        for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
            cmd.env_remove(var);
        }
        cmd.envs(locale.iter().copied());
        if matches!(args.first(), Some(&"build") | Some(&"check") | Some(&"proof") | Some(&"watch") | Some(&"place")) {
            cmd.arg("--font-path").arg(repo().join("fonts"));
        }
        cmd
    }

    /// Run folio with `args` (in English) and its stdout a pipe whose reading end is already
    /// closed, as `folio … | head -1` leaves it once head has its line.
    pub fn folio_closed_stdout(&self, args: &[&str]) -> Output {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let mut cmd = self.folio_command(args, &[("LANG", "C")]);
        cmd.stdout(writer).stderr(Stdio::piped());
        cmd.output().expect("run folio")
    }

    /// Run folio with `args` under `locale` (see [`Self::folio_command`]).
    pub fn folio_in_locale(&self, args: &[&str], locale: &[(&str, &str)]) -> Run {
        Run(self.folio_command(args, locale).output().expect("run folio"))
    }

    /// `folio build content/<sample> --out out`, asserting success.
    pub fn build_sample(&self) -> Run {
        let run = self.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out"]);
        run.assert_code(0);
        run
    }
}

/// A finished folio run.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn assert_code(&self, code: i32) {
        assert_eq!(self.code(), code, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout(), self.stderr());
    }
    /// Assert stderr mentions each of `needles`.
    pub fn assert_stderr_has(&self, needles: &[&str]) {
        let err = self.stderr();
        for n in needles {
            assert!(err.contains(n), "stderr lacks {n:?}:\n{err}");
        }
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    folio::cmd::new::copy_dir(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

/// Points per mm.
pub const PT_PER_MM: f64 = 72.0 / 25.4;

/// A page's box as [x0, y0, x1, y1] in pt, following /Parent for inherited MediaBox.
pub fn page_box(doc: &lopdf::Document, page: lopdf::ObjectId, key: &[u8]) -> Option<[f64; 4]> {
    let mut dict = doc.get_dictionary(page).ok()?;
    loop {
        if let Ok(obj) = dict.get(key) {
            let obj = match obj {
                lopdf::Object::Reference(r) => doc.get_object(*r).ok()?,
                o => o,
            };
            let arr = obj.as_array().ok()?;
            let v: Vec<f64> = arr.iter().map(|o| o.as_float().map(f64::from).or_else(|_| o.as_i64().map(|i| i as f64)).unwrap()).collect();
            return Some([v[0], v[1], v[2], v[3]]);
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
}

/// Width and height of a box.
pub fn size(b: [f64; 4]) -> (f64, f64) {
    (b[2] - b[0], b[3] - b[1])
}

/// Run a poppler tool and give its stdout.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} is needed (poppler-utils; .ci/run installs it): {e}"));
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The Han characters of a text, in order.
pub fn han(text: &str) -> Vec<char> {
    text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c) || ('\u{3400}'..='\u{4dbf}').contains(c)).collect()
}

/// Length of the longest common subsequence.
pub fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// One image XObject of a PDF (soft masks, gray by definition, left out).
#[derive(Debug, Clone)]
pub struct PdfImage {
    /// Its colour space as written: `DeviceCMYK`, `ICCBased N=3`, `Indexed DeviceRGB`, …
    pub space: String,
    /// Colour components (4 for CMYK, 3 for RGB, 1 for gray; an indexed space's base's).
    pub components: u32,
    /// Width in pixels.
    pub width: i64,
    /// Whether it carries a soft mask (transparency).
    pub smask: bool,
}

/// Every image XObject of a PDF.
pub fn pdf_images(pdf: &Path) -> Vec<PdfImage> {
    let doc = lopdf::Document::load(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    let masks: Vec<lopdf::ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter_map(|s| s.dict.get(b"SMask").ok().and_then(|m| m.as_reference().ok()))
        .collect();
    doc.objects
        .iter()
        .filter(|(id, _)| !masks.contains(id))
        .filter_map(|(_, o)| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").ok().and_then(|t| t.as_name().ok()) == Some(b"Image".as_slice()))
        .map(|s| {
            let (components, space) = colour_components(&doc, s.dict.get(b"ColorSpace").expect("image colour space"));
            PdfImage { space, components, width: s.dict.get(b"Width").ok().and_then(|w| w.as_i64().ok()).unwrap_or(0), smask: s.dict.has(b"SMask") }
        })
        .collect()
}

/// Number of colour components of an image's colour space, and its name as written.
fn colour_components(doc: &lopdf::Document, cs: &lopdf::Object) -> (u32, String) {
    use lopdf::Object;
    let cs = match cs {
        Object::Reference(r) => doc.get_object(*r).unwrap(),
        o => o,
    };
    match cs {
        Object::Name(n) => {
            let name = String::from_utf8_lossy(n).into_owned();
            let n = match name.as_str() {
                "DeviceCMYK" => 4,
                "DeviceRGB" | "CalRGB" => 3,
                "DeviceGray" | "CalGray" => 1,
                other => panic!("unexpected image colour space {other}"),
            };
            (n, name)
        }
        Object::Array(a) => {
            let family = String::from_utf8_lossy(a[0].as_name().unwrap()).into_owned();
            match family.as_str() {
                "ICCBased" => {
                    let stream = doc.get_object(a[1].as_reference().unwrap()).unwrap().as_stream().unwrap();
                    let n = stream.dict.get(b"N").unwrap().as_i64().unwrap() as u32;
                    (n, format!("ICCBased N={n}"))
                }
                "Indexed" => {
                    let (n, base) = colour_components(doc, &a[1]);
                    (n, format!("Indexed {base}"))
                }
                other => (0, other.to_string()),
            }
        }
        other => panic!("unexpected colour space object {other:?}"),
    }
}

/// Seed paragraphs `skip..skip + n` of `tests/fixtures/seed.txt`, each at least 60 bytes, as
/// body text (paragraphs separated by blank lines).
pub fn seed_paras(skip: usize, n: usize) -> String {
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();
    let paras: Vec<&str> = seed.lines().map(str::trim).filter(|l| l.len() > 60).skip(skip).take(n).collect();
    assert_eq!(paras.len(), n, "the seed has enough long paragraphs");
    paras.join("\n\n")
}

/// Run Ghostscript with `args`; gives its stdout.
pub fn gs(args: &[&str]) -> Vec<u8> {
    let out = Command::new("gs").args(args).output().expect("ghostscript (gs) is needed; .ci/run installs it");
    assert!(out.status.success(), "gs {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// Ghostscript's coverage per page, [C, M, Y, K], from `device`: `inkcov` gives the share of
/// pixels each ink touches, `ink_cov` the mean amount of ink.
pub fn gs_coverage(pdf: &Path, device: &str) -> Vec<[f64; 4]> {
    let out = gs(&["-q", "-o", "-", &format!("-sDEVICE={device}"), pdf.to_str().unwrap()]);
    String::from_utf8_lossy(&out)
        .lines()
        .filter(|l| l.contains("CMYK"))
        .map(|l| {
            let v: Vec<f64> = l.split_whitespace().take(4).map(|x| x.parse().unwrap()).collect();
            [v[0], v[1], v[2], v[3]]
        })
        .collect()
}

/// Ghostscript's `inkcov` per page: the share of the page each of C, M, Y, K touches.
pub fn inkcov(pdf: &Path) -> Vec<[f64; 4]> {
    gs_coverage(pdf, "inkcov")
}

/// A word as `pdftotext -bbox-layout` sees it: its box (pt, from the page's top left) and text.
#[derive(Debug, Clone)]
pub struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

/// Words per page from `pdftotext -bbox-layout`, each with the index of poppler's line on its page.
pub fn bbox_words(pdf: &Path) -> Vec<Vec<(usize, Word)>> {
    fn attr(tag: &str, name: &str) -> f64 {
        let key = format!("{name}=\"");
        let i = tag.find(&key).unwrap() + key.len();
        tag[i..].split('"').next().unwrap().parse().unwrap()
    }
    let xml = poppler("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    let mut pages = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let mut words = Vec::new();
        for (li, chunk) in page.split("<line ").skip(1).enumerate() {
            let body = chunk.split("</line>").next().unwrap();
            for w in body.split("<word ").skip(1) {
                let (tag, rest) = w.split_once('>').unwrap();
                let text = rest.split("</word>").next().unwrap();
                let text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
                words.push((li, Word { x0: attr(tag, "xMin"), y0: attr(tag, "yMin"), x1: attr(tag, "xMax"), y1: attr(tag, "yMax"), text }));
            }
        }
        pages.push(words);
    }
    pages
}

/// The 1-based line of the first line containing `needle` in a project file.
pub fn line_of(p: &TestProject, rel: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(p.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"));
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in {rel}")) + 1
}

/// The SHA-256 of `bytes`, in hex.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The stories of the broadsheet sample's page 5.
pub const SAMPLE_PAGE5: [&str; 6] = ["jiujiang-lead", "wuning", "duchang", "lianxi", "pengze", "balihu"];

/// Strip `stories` (file stems) of `content/<edition>` of their `[block]` tables, their photos'
/// `column`, `span` and `height` and their lead box's `span` (a photo's `row` stays: two photos
/// at one foot would overlap), so that folio places and sizes them (自动组版).
pub fn unplace(p: &TestProject, edition: &str, stories: &[&str]) {
    for name in stories {
        p.edit(&format!("content/{edition}/stories/{name}.toml"), |t| {
            let mut out = String::new();
            let mut skip = false;
            let mut table = String::new();
            for line in t.lines() {
                let trimmed = line.trim_start();
                if trimmed.starts_with('[') {
                    table = trimmed.split('#').next().unwrap_or("").trim().to_string();
                    skip = table == "[block]";
                }
                let key = trimmed.split(['=', ' ']).next().unwrap_or("");
                // The photos' placement keys (folio places and sizes them) and the lead box's span.
                let placement = match table.as_str() {
                    "[[photos]]" => ["column", "span", "height"].contains(&key),
                    "[lead]" => key == "span",
                    _ => false,
                };
                if !skip && !placement {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            assert!(!out.contains("[block]"), "{name}");
            out
        });
    }
}

/// The broadsheet sample's page 5 as it was made up by hand until session 17, for tests that
/// need its shapes: the lead six columns wide down the left (its photo at folio's height), a
/// strip of three two-column stories down the right (濂溪, 武宁, 都昌), and 彭泽 beside 八里湖
/// along the foot — a row of heads (碰题) the sample no longer has.
pub fn page5_with_a_right_hand_strip(p: &TestProject) {
    let blocks = [
        ("jiujiang-lead", "column = 1\nspan = 6\ntop = 7\nheight = 55\n"),
        ("lianxi", "column = 7\nspan = 2\ntop = 7\nheight = 22\n"),
        ("wuning", "column = 7\nspan = 2\ntop = 29\nheight = 26\n"),
        ("duchang", "column = 7\nspan = 2\ntop = 55\nheight = 29\nhead = 5\n"),
        ("pengze", "column = 1\nspan = 3\ntop = 62\nheight = 22\nhead = 4\n"),
        ("balihu", "column = 4\nspan = 3\ntop = 62\nheight = 22\nhead = 6\n"),
    ];
    for (story, block) in blocks {
        p.edit(&format!("content/{SAMPLE}/stories/{story}.toml"), |t| {
            // The [block] table is each file's last: replaced whole.
            let at = t.find("\n[block]").unwrap_or_else(|| panic!("{story} has a [block]")) + 1;
            assert!(!t[at + 1..].contains("\n["), "{story}: [block] is the file's last table");
            let photo = t[..at].replace("span = 6\nheight = 27\n", "span = 6\n");
            format!("{photo}[block]\n{block}")
        });
    }
}

/// The broadsheet sample as it was made up by hand until session 17 — page 4's photo 7 columns
/// of 8 (`column = 2`, `height = 39`), page 5 as [`page5_with_a_right_hand_strip`] — for the
/// bad-input and hostile tests, whose edits name its keys (武宁's `top = 29`, …).
pub fn sample_as_first_made_up() -> TestProject {
    let p = TestProject::sample();
    page5_with_a_right_hand_strip(&p);
    p.edit(&format!("content/{SAMPLE}/stories/xinyu.toml"), |t| {
        let (now, then) = ("column = 1\nspan = 8\nheight = 35\n", "column = 2\nspan = 7\nheight = 39\n");
        assert!(t.contains(now), "page 4's photo as the sample sets it");
        t.replacen(now, then, 1)
    });
    p
}

/// The tabloid's pages 3 and 4 as they were listed until session 17: 都昌 on page 3 between
/// 武宁 and 濂溪, 彭泽 on page 4 with 八里湖 (the sample now has them the other way round). Only
/// the lists: call it with the five stories' blocks removed ([`unplace`]).
pub fn tabloid_pages_3_and_4_as_before(p: &TestProject) {
    p.edit("content/jiangxi-tabloid/edition.toml", |t| {
        let (three, four) = ("[\"stories/wuning.toml\", \"stories/pengze.toml\", \"stories/lianxi.toml\"]", "[\"stories/balihu.toml\", \"stories/duchang.toml\"]");
        assert!(t.contains(three) && t.contains(four), "pages 3 and 4 as the tabloid lists them");
        t.replace(three, "[\"stories/wuning.toml\", \"stories/duchang.toml\", \"stories/lianxi.toml\"]").replace(four, "[\"stories/balihu.toml\", \"stories/pengze.toml\"]")
    });
}

/// A long-running folio (`folio watch`, `folio serve`) in a project, killed when dropped (also
/// when a test fails); its stdout read line by line.
pub struct Running {
    pub child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    seen: Vec<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Longest a single rebuild may take before a test gives up (a hang, not a speed check).
pub const PATIENCE: Duration = Duration::from_secs(60);

impl Running {
    /// Start `folio <args> --font-path <repo>/fonts` in the project root.
    pub fn start(p: &TestProject, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .current_dir(p.root())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .args(args)
            .arg("--font-path")
            .arg(repo().join("fonts"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start folio");
        let (tx, rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut s = sink.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        Self { child, lines: rx, stderr, seen: Vec::new() }
    }

    /// The next stdout line, or a failure after [`PATIENCE`].
    pub fn next_line(&mut self) -> String {
        let deadline = Instant::now() + PATIENCE;
        match self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(line) => {
                self.seen.push(line.clone());
                line
            }
            Err(RecvTimeoutError::Timeout) => panic!("folio printed nothing for {PATIENCE:?}; so far:\n{}\n--- stderr\n{}", self.seen.join("\n"), self.stderr()),
            Err(RecvTimeoutError::Disconnected) => panic!("folio exited; so far:\n{}\n--- stderr\n{}", self.seen.join("\n"), self.stderr()),
        }
    }

    /// Everything it wrote on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Fail if it has exited.
    pub fn assert_running(&mut self) {
        assert!(self.child.try_wait().unwrap().is_none(), "folio exited:\n{}\n--- stderr\n{}", self.seen.join("\n"), self.stderr());
    }
}

/// A session on `content/<name>` of a test project (fonts from the repo, nothing written).
pub fn session(p: &TestProject, name: &str) -> folio::session::Session {
    folio::session::Session::new(
        folio::session::Options { edition: p.edition(name), root: Some(p.root().to_path_buf()), font_path: Some(repo().join("fonts")), system_fonts: false, out: None },
        folio::session::Policy::default(),
    )
}

/// A warm session on `content/<name>` as `folio watch` runs it (fonts from the repo, outputs to
/// `out()`), its first build made.
pub fn watch(p: &TestProject, name: &str) -> folio::session::watch::Watch {
    let opts = folio::session::Options { edition: p.edition(name), root: Some(p.root().to_path_buf()), font_path: Some(repo().join("fonts")), system_fonts: false, out: Some(p.out()) };
    let mut b = folio::session::watch::Watch::new(opts, Default::default(), p.out(), None);
    b.rebuild().unwrap_or_else(|d| panic!("first build of {name}: {d}"));
    b
}

/// TEST DATA, taken literally from `tests/fixtures/seed.txt` (a copy of the shared seed text):
/// its short lines (headlines and subheads, 4–15 characters) and its paragraphs (lines of at
/// least 60 bytes), each in the seed's order.
pub struct Seed {
    pub heads: Vec<String>,
    pub paras: Vec<String>,
}

impl Seed {
    pub fn load() -> Self {
        let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();
        let lines: Vec<&str> = seed.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let heads = lines.iter().filter(|l| (4..=15).contains(&l.chars().count()) && !l.ends_with('：') && !l.contains("摄")).map(|l| l.to_string()).collect();
        let paras = lines.iter().filter(|l| l.len() > 60).map(|l| l.to_string()).collect();
        Self { heads, paras }
    }

    /// The seed's paragraphs run together, whitespace left out.
    pub fn text(&self) -> Vec<char> {
        self.paras.concat().chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// `n` stories' copy of the seed's text, the `k`th from character `k * every` of
    /// [`Seed::text`], at most `len` characters ending at its last full stop.
    pub fn copies(&self, n: usize, every: usize, len: usize) -> Vec<String> {
        let text = self.text();
        (0..n)
            .map(|k| {
                let slice: String = text[k * every..k * every + len].iter().collect();
                slice[..slice.rfind('。').expect("a full stop") + '。'.len_utf8()].to_string()
            })
            .collect()
    }

    /// Paragraphs `start..start + n` of the seed, wrapping round at its end.
    pub fn paras_from(&self, start: usize, n: usize) -> Vec<String> {
        (0..n).map(|k| self.paras[(start + k) % self.paras.len()].clone()).collect()
    }
}

/// A story file without a `[block]` (folio places it): `headline` and the paragraphs as its body.
pub fn story_toml(headline: &str, paras: &[String]) -> String {
    format!("# TEST DATA: seed text, taken literally\nheadline = \"{}\"\nbody = \"\"\"\n{}\n\"\"\"\n", headline.replace('"', "\\\""), paras.join("\n\n"))
}

/// A one-page edition `name` (`format`) in `p` of stories of seed text (TEST DATA), folio to
/// place them: each pick (first seed paragraph, paragraphs, seed headline) the story
/// `stories/s{k}.toml`, with `extra(k)` appended to its file (a photo). Gives the edition's folder.
pub fn seed_edition(p: &TestProject, name: &str, format: &str, picks: &[(usize, usize, usize)], extra: impl Fn(usize) -> String) -> PathBuf {
    let seed = Seed::load();
    let stems: Vec<String> = (0..picks.len()).map(|k| format!("s{k}")).collect();
    let stories: Vec<(&str, String)> = picks.iter().enumerate().map(|(k, &(start, n, head))| (stems[k].as_str(), story_toml(&seed.heads[head], &seed.paras_from(start, n)) + &extra(k))).collect();
    page_edition(p, name, format, &stories)
}

/// A one-page edition `content/<name>` in `p` (`format`) of `stories`, each `(stem, TOML)`
/// written to `stories/<stem>.toml` and listed on the page in that order (TEST DATA the caller
/// writes). Gives the edition's folder.
pub fn page_edition(p: &TestProject, name: &str, format: &str, stories: &[(&str, String)]) -> PathBuf {
    let dir = p.edition(name);
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    let mut list = Vec::new();
    for (stem, toml) in stories {
        let rel = format!("stories/{stem}.toml");
        std::fs::write(dir.join(&rel), toml).unwrap();
        list.push(rel);
    }
    std::fs::write(dir.join("edition.toml"), one_page_edition(format, &list)).unwrap();
    dir
}

/// An edition file of one page (number 1, `format`) listing `stories` (paths relative to the
/// edition directory).
pub fn one_page_edition(format: &str, stories: &[String]) -> String {
    let list: Vec<String> = stories.iter().map(|s| format!("\"{s}\"")).collect();
    format!(
        "# TEST DATA: a one-page edition for the placement tests.\n[edition]\npaper = \"示例日报\"\ndate = 2023-06-26\nissue = 1\nformat = \"{format}\"\n\n[[pages]]\nnumber = 1\nsection = \"专版\"\nstories = [{}]\n",
        list.join(", ")
    )
}

/// The Han characters of `copy` that `pdf` does not print as often as `copy` has them (each
/// with how often `copy` has it): empty where every character of the copy is on its pages,
/// whatever order poppler reads the columns in.
pub fn unprinted(pdf: &Path, copy: &str) -> Vec<(char, usize)> {
    let count = |v: &[char]| {
        v.iter().fold(std::collections::BTreeMap::<char, usize>::new(), |mut m, c| {
            *m.entry(*c).or_default() += 1;
            m
        })
    };
    let printed = count(&han(&poppler("pdftotext", &[pdf.to_str().unwrap(), "-"])));
    count(&han(copy)).into_iter().filter(|(c, n)| printed.get(c).copied().unwrap_or(0) < *n).collect()
}

/// Pixels of a PNG within 40 of `rgb` in each channel: their centroid (x, y) and count (a proof
/// mark's colour, drawn by `layouts/proof.typ`).
pub fn colour_centroid(png: &[u8], rgb: [u8; 3]) -> (f64, f64, usize) {
    let img = image::load_from_memory(png).unwrap().to_rgb8();
    let (mut sx, mut sy, mut n) = (0.0, 0.0, 0usize);
    for (x, y, p) in img.enumerate_pixels() {
        if p.0.iter().zip(rgb).all(|(a, b)| (i32::from(*a) - i32::from(b)).abs() < 40) {
            sx += f64::from(x);
            sy += f64::from(y);
            n += 1;
        }
    }
    (sx / n.max(1) as f64, sy / n.max(1) as f64, n)
}

/// Whether a placed block covers column `c` (0-based) on grid line `l`: inside its rectangle
/// and not in the bottom-right corner an L-shaped block leaves to other stories.
pub fn block_covers(b: &folio::layout::place::Placed, c: u32, l: u32) -> bool {
    let (cw, ch) = b.cutout.unwrap_or((0, 0));
    let inside = c + 1 >= b.column && c + 1 < b.column + b.span && l >= b.top && l < b.top + b.height;
    let corner = c + 1 >= b.column + b.span - cw && l >= b.top + b.height - ch;
    inside && !corner
}

/// The grid line under the last a placed block's column `c` (0-based) holds copy on: the
/// block's foot, or the top of an L-shaped block's corner in the corner's columns.
pub fn column_foot(b: &folio::layout::place::Placed, c: u32) -> u32 {
    match b.cutout {
        Some((cw, ch)) if c + 1 >= b.column + b.span - cw => b.top + b.height - ch,
        _ => b.top + b.height,
    }
}

/// TEST DATA: a one-page tabloid edition in `dir` with one story per pick (seed paragraph to
/// start at, seed headline, weight), holding about `chars` characters of seed text in all,
/// shared by weight (whole seed paragraphs, at least one a story). Gives the characters written.
pub fn write_random_page(seed: &Seed, dir: &std::path::Path, chars: f64, picks: &[(usize, usize, u32)]) -> usize {
    let weights: u32 = picks.iter().map(|x| x.2).sum();
    let mut list = Vec::new();
    let mut text = 0;
    for (k, &(start, head, w)) in picks.iter().enumerate() {
        let target = (chars * f64::from(w) / f64::from(weights)) as usize;
        let mut paras = Vec::new();
        let mut n = 0;
        while paras.is_empty() || n < target {
            let para = seed.paras_from(start + paras.len(), 1).remove(0);
            n += para.chars().filter(|c| !c.is_whitespace()).count();
            paras.push(para);
        }
        text += n;
        let rel = format!("stories/s{k}.toml");
        std::fs::write(dir.join(&rel), story_toml(&seed.heads[head % seed.heads.len()], &paras)).unwrap();
        list.push(rel);
    }
    std::fs::write(dir.join("edition.toml"), one_page_edition("tabloid", &list)).unwrap();
    text
}

/// TEST DATA: a gradient photo, `w` × `h` pixels: red rises from 55 to 255 left to right, green
/// from 55 to 255 top to bottom, blue is `blue` throughout — so any pixel of it tells where in
/// the image it is.
pub fn gradient(path: &std::path::Path, w: u32, h: u32, blue: u8) {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let fx = f64::from(x) / f64::from(w - 1);
        let fy = f64::from(y) / f64::from(h - 1);
        image::Rgb([(55.0 + 200.0 * fx).round() as u8, (55.0 + 200.0 * fy).round() as u8, blue])
    });
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    img.save(path).unwrap();
}

/// The page `page` (1-based) of `pdf` rendered at `dpi` as RGB.
pub fn render(pdf: &std::path::Path, page: usize, dpi: u32) -> image::RgbImage {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("p");
    let n = page.to_string();
    poppler("pdftoppm", &["-png", "-r", &dpi.to_string(), "-f", &n, "-l", &n, "-singlefile", pdf.to_str().unwrap(), stem.to_str().unwrap()]);
    image::open(dir.path().join("p.png")).unwrap().to_rgb8()
}

/// The box (x0, y0, x1, y1, in pixels) of the pixels of a gradient photo with blue `blue`.
pub fn photo_box(img: &image::RgbImage, blue: u8) -> (u32, u32, u32, u32) {
    let mut b = (u32::MAX, u32::MAX, 0, 0);
    for (x, y, p) in img.enumerate_pixels() {
        let [r, g, bl] = p.0;
        let is = (i32::from(bl) - i32::from(blue)).abs() < 16 && r > 45 && g > 45 && ((i32::from(r) - i32::from(bl)).abs() > 24 || (i32::from(g) - i32::from(bl)).abs() > 24);
        if is {
            b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
        }
    }
    assert!(b.0 < b.2 && b.1 < b.3, "no photo with blue {blue} on the page");
    b
}

/// Where in the image (fractions 0–1) the pixels along one edge of the visible part come from:
/// the mean red (x) or green (y) of a line of pixels `inset` pixels inside the box.
pub fn fraction(img: &image::RgbImage, b: (u32, u32, u32, u32), edge: &str) -> f64 {
    let inset = 3;
    let (xs, ys): (Vec<u32>, Vec<u32>) = match edge {
        "left" => ((b.1 + inset..b.3 - inset).map(|_| b.0 + inset).collect(), (b.1 + inset..b.3 - inset).collect()),
        "right" => ((b.1 + inset..b.3 - inset).map(|_| b.2 - inset).collect(), (b.1 + inset..b.3 - inset).collect()),
        "top" => ((b.0 + inset..b.2 - inset).collect(), (b.0 + inset..b.2 - inset).map(|_| b.1 + inset).collect()),
        _ => ((b.0 + inset..b.2 - inset).collect(), (b.0 + inset..b.2 - inset).map(|_| b.3 - inset).collect()),
    };
    let channel = if edge == "left" || edge == "right" { 0 } else { 1 };
    let sum: f64 = xs.iter().zip(&ys).map(|(&x, &y)| f64::from(img.get_pixel(x, y).0[channel])).sum();
    (sum / xs.len() as f64 - 55.0) / 200.0
}

/// Cut `chars` characters (spaces and line breaks not counted) from the end of the `body` of
/// the story file at `path`, as a desk follows "cut about N characters from" a story.
pub fn cut_from_end(path: &Path, chars: usize) {
    edit_body(path, |body| {
        let body: Vec<char> = body.chars().collect();
        let (mut left, mut end) = (chars, body.len());
        while left > 0 && end > 0 {
            end -= 1;
            if !body[end].is_whitespace() {
                left -= 1;
            }
        }
        body[..end].iter().collect::<String>().trim_end().to_string()
    });
}

/// Add `text` to the end of the `body` of a story file (its last paragraph).
pub fn add_to_end(path: &Path, text: &str) {
    edit_body(path, |body| format!("{}{text}", body.trim_end()));
}

/// Rewrite the `body` (in triple quotes) of a story file with `f`.
fn edit_body(path: &Path, f: impl FnOnce(&str) -> String) {
    let t = std::fs::read_to_string(path).unwrap();
    let a = t.find("body = \"\"\"\n").expect("a body in triple quotes") + "body = \"\"\"\n".len();
    let b = a + t[a..].find("\"\"\"").unwrap();
    std::fs::write(path, format!("{}{}\n{}", &t[..a], f(&t[a..b]), &t[b..])).unwrap();
}

/// A what-to-cut message without the place each cut starts (" (its last 3 lines, from 「…」 …)",
/// " (from 「…」 to its end)"): the list of cuts as "about N characters from STORY, …".
pub fn without_cut_starts(said: &str) -> String {
    let mut out = String::new();
    let mut rest = said;
    while let Some(i) = [" (its last", " (from 「"].iter().filter_map(|k| rest.find(k)).min() {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        // To its closing parenthesis (a quoted opening holds none of ASCII's).
        rest = tail.find(')').map_or("", |j| &tail[j + 1..]);
    }
    out.push_str(rest);
    out
}
