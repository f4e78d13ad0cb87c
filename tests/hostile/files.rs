//! Hostile input: files that are not files (FIFOs, sockets, devices, directories) and files
//! above folio's size limits. Each is refused at once — a run that takes longer than
//! [`TIMEOUT`] fails the test instead of hanging it — with exit 1, the path and what it is,
//! and OUT unchanged.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::hostile::*;
use crate::common::*;

/// Longer than any refused build takes on a loaded two-core machine, much shorter than a hang.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// Run folio in `dir` with `args`; a run that outlives [`TIMEOUT`] is killed and fails. Its
/// output is read while it runs (a run that prints more than a pipe holds must not wait on the
/// test).
pub fn folio_timed(dir: &Path, args: &[&str]) -> Run {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run folio");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for folio") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            let err = stderr.join().unwrap_or_default();
            panic!("folio {args:?} hung (killed after {TIMEOUT:?}); stderr:\n{}", String::from_utf8_lossy(&err));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Run(std::process::Output { status, stdout: stdout.join().unwrap_or_default(), stderr: stderr.join().unwrap_or_default() })
}

/// `folio build content/<sample> --out out --font-path FONTS`, timed.
pub fn build_timed(h: &Hostile, fonts: &Path) -> Run {
    let ed = format!("content/{SAMPLE}");
    folio_timed(h.p.root(), &["build", &ed, "--out", "out", "--font-path", fonts.to_str().expect("utf-8 path")])
}

/// Replace a project file with a FIFO (a named pipe: opening it for reading waits for a writer).
pub fn fifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let st = Command::new("mkfifo").arg(path).status().expect("mkfifo (coreutils)");
    assert!(st.success(), "mkfifo {}", path.display());
}

/// Replace a project file with a Unix socket.
fn socket(path: &Path) -> std::os::unix::net::UnixListener {
    let _ = std::fs::remove_file(path);
    std::os::unix::net::UnixListener::bind(path).expect("bind a socket")
}

fn sample(h: &Hostile, rel: &str) -> PathBuf {
    h.p.sample_dir().join(rel)
}

/// One case: a mutation of a fresh project (the sample built into OUT first), and the needles.
fn refused(name: &str, mutate: impl FnOnce(&Hostile) -> Option<PathBuf>, needles: &[String]) -> Result<(), String> {
    let h = Hostile::new();
    let fonts = mutate(&h).unwrap_or_else(|| repo().join("fonts"));
    let refs: Vec<&str> = needles.iter().map(String::as_str).collect();
    // A hang (the run killed after TIMEOUT) fails this case, not the whole table.
    catch(name, || h.assert_refused(&build_timed(&h, &fonts), &refs))
}

/// Run one case's assertions, turning a panic into a failure message naming the case.
fn catch(name: &str, f: impl FnOnce()) -> Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|e| {
        let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
        format!("case `{name}`: {msg}")
    })
}

/// `FILE:N:` for the line of `needle` in a file of the repo's sample (the mutations here do
/// not move lines), FILE relative to the edition as messages show it.
fn at_line(rel: &str, needle: &str) -> String {
    let text = std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"));
    let n = text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in {rel}")) + 1;
    let short = rel.split_once(&format!("{SAMPLE}/")).map_or(rel, |(_, s)| s);
    format!("{short}:{n}:")
}

const EDITION: &str = "content/jiangxi-special/edition.toml";
const LEAD: &str = "content/jiangxi-special/stories/jiujiang-lead.toml";

#[test]
fn special_files_and_oversized_files_are_refused_at_once() {
    let mut failures = Vec::new();
    let mut case = |r: Result<(), String>| {
        if let Err(e) = r {
            failures.push(e);
        }
    };
    let needles = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    let story_at = at_line(EDITION, "stories/wuning.toml");
    let photo_at = at_line(LEAD, "photos/chaji.jpg");
    // A FIFO as a story file: named at its line in edition.toml.
    case(refused("FIFO story", |h| { fifo(&sample(h, "stories/wuning.toml")); None },
        &needles(&["stories/wuning.toml is a FIFO (named pipe), not a regular file", &story_at, "regular files"])));
    // A FIFO as edition.toml.
    case(refused("FIFO edition.toml", |h| { fifo(&sample(h, "edition.toml")); None },
        &needles(&["content/jiangxi-special/edition.toml is a FIFO (named pipe), not a regular file", "regular files"])));
    // A directory named like a story.
    case(refused("directory story", |h| {
        let p = sample(h, "stories/wuning.toml");
        std::fs::remove_file(&p).unwrap();
        std::fs::create_dir(&p).unwrap();
        None
    }, &needles(&["stories/wuning.toml is a directory, not a regular file", &story_at, "name a file"])));
    // An oversized story file (2 MiB of copy).
    case(refused("oversized story", |h| {
        let p = sample(h, "stories/wuning.toml");
        let mut text = std::fs::read_to_string(&p).unwrap();
        text.push_str("\n# ");
        text.push_str(&"江".repeat(700_000));
        text.push('\n');
        std::fs::write(&p, text).unwrap();
        None
    }, &needles(&["stories/wuning.toml is 2 MiB, above folio's limit of 1 MiB", &story_at, "README.md, \"Limits\""])));
    // A FIFO as a photo: named at its line in the story.
    case(refused("FIFO photo", |h| { fifo(&sample(h, "photos/chaji.jpg")); None },
        &needles(&["photos/chaji.jpg is a FIFO (named pipe), not a regular file", &photo_at, "regular files"])));
    // A socket as a photo.
    {
        let h = Hostile::new();
        let _s = socket(&sample(&h, "photos/chaji.jpg"));
        case(catch("socket photo", || {
            h.assert_refused(&build_timed(&h, &repo().join("fonts")), &["photos/chaji.jpg is a socket, not a regular file", &photo_at, "regular files"])
        }));
    }
    // A FIFO as a template.
    case(refused("FIFO template", |h| { fifo(&h.p.root().join("layouts/components.typ")); None },
        &needles(&["layouts/components.typ is a FIFO (named pipe), not a regular file", "regular files"])));
    // A FIFO as formats.toml.
    case(refused("FIFO formats.toml", |h| { fifo(&h.p.root().join("layouts/formats.toml")); None },
        &needles(&["layouts/formats.toml is a FIFO (named pipe), not a regular file", "regular files"])));
    // A FIFO among the fonts.
    case(refused("FIFO font", |h| {
        let dir = h.p.root().join("myfonts");
        std::fs::create_dir(&dir).unwrap();
        for f in std::fs::read_dir(repo().join("fonts")).unwrap().flatten() {
            std::os::unix::fs::symlink(f.path(), dir.join(f.file_name())).unwrap();
        }
        fifo(&dir.join("Extra-Regular.ttf"));
        Some(dir)
    }, &needles(&["myfonts/Extra-Regular.ttf is a FIFO (named pipe), not a regular file", "in the fonts folder", "--font-path"])));
    // /dev/zero linked into the project: the link points out of the root (refused before issue
    // 10 already; kept so that it stays so).
    case(refused("/dev/zero as a photo", |h| {
        let p = sample(h, "photos/chaji.jpg");
        std::fs::remove_file(&p).unwrap();
        std::os::unix::fs::symlink("/dev/zero", &p).unwrap();
        None
    }, &needles(&["photos/chaji.jpg", &photo_at, "outside the project root"])));
    // A character device inside the project (needs the right to make device nodes; skipped
    // with a note where the tests run without it).
    {
        let h = Hostile::new();
        let p = sample(&h, "photos/chaji.jpg");
        std::fs::remove_file(&p).unwrap();
        let made = Command::new("mknod").arg(&p).args(["c", "1", "5"]).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
        if made {
            case(catch("device photo", || {
                h.assert_refused(&build_timed(&h, &repo().join("fonts")), &["photos/chaji.jpg is a character device, not a regular file", &photo_at])
            }));
        } else {
            eprintln!("note: cannot make a device node here (mknod needs CAP_MKNOD); the device case was not run");
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

/// Memory (issue 10, class 9): a proof's resolution is bounded (10–600 dpi, a usage error past
/// it) and so is the size of one rendered image: the broadsheet sample's spread at 600 dpi
/// would be a 237-megapixel image (2.4 GB resident before the bound) and is refused before
/// anything is rendered, with the highest resolution that fits; nothing is written.
#[test]
fn proof_resolution_is_bounded_before_rendering() {
    let p = TestProject::sample();
    let fonts = repo().join("fonts");
    let ed = format!("content/{SAMPLE}");
    let args = |dpi: &'static str| vec!["proof", ed.as_str(), "--dpi", dpi, "--out", "proofs", "--font-path", fonts.to_str().unwrap()];
    let run = folio_timed(p.root(), &args("601"));
    run.assert_code(2);
    run.assert_stderr_has(&["601 dpi is out of range", "between 10 and 600"]);
    let run = folio_timed(p.root(), &args("600"));
    run.assert_code(2);
    run.assert_stderr_has(&["--dpi 600 would render", "above folio's limit of 80 Mpx", "give --dpi 348 or less"]);
    assert!(!p.root().join("proofs").exists() || std::fs::read_dir(p.root().join("proofs")).unwrap().next().is_none(), "a refused proof wrote files");
}
