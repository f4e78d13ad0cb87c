//! `folio watch` rebuilds on edits and survives errors; `folio build --emit-typst` writes a
//! self-contained Typst file that compiles to the same pages as folio's PDF.
//!
//! The emitted file is compiled here through a small Typst `World` of this test (root = the
//! emit folder, fonts = a plain typst-kit scan of fonts/, as `typst compile --font-path fonts
//! --ignore-system-fonts` has, less typst-cli's embedded Latin fonts; no /.folio data, no files
//! outside that folder). When a typst-cli 0.15.1 binary is given in `TYPST_CLI` (or `typst` on
//! the PATH is 0.15.1), the test also compiles the file with it and compares again.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::files::{FileLoader, FileStore, FsRoot};
use typst_kit::fonts::FontStore;

// ---------------------------------------------------------------------------------------------
// Emit

/// Project files from one folder only; packages refused.
struct Folder(FsRoot);

impl FileLoader for Folder {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        match id.root() {
            VirtualRoot::Project => self.0.load(id.vpath()),
            _ => Err(FileError::Other(Some("no packages in this test".into()))),
        }
    }
}

/// The smallest World that compiles a `.typ` file like `typst compile` does.
struct PlainWorld {
    library: LazyHash<Library>,
    fonts: FontStore,
    files: FileStore<Folder>,
    main: FileId,
}

impl PlainWorld {
    fn new(file: &Path, fonts: &Path) -> Self {
        let root = file.parent().unwrap().to_path_buf();
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::scan(fonts));
        let name = format!("/{}", file.file_name().unwrap().to_str().unwrap());
        Self {
            library: LazyHash::new(Library::builder().build()),
            fonts: store,
            files: FileStore::new(Folder(FsRoot::new(root))),
            main: RootedPath::new(VirtualRoot::Project, VirtualPath::new(&name).unwrap()).intern(),
        }
    }
}

impl World for PlainWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }
    fn today(&self, _: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2000, 1, 1)
    }
}

/// Compile a `.typ` file with the plain world into a PDF at `pdf`.
fn compile_plain(file: &Path, pdf: &Path) {
    let world = PlainWorld::new(file, &repo().join("fonts"));
    let result = typst::compile::<typst_layout::PagedDocument>(&world);
    let doc = result.output.unwrap_or_else(|errs| {
        let msgs: Vec<String> = errs.iter().map(|e| format!("{:?}: {}", world.files.loader().0.path(), e.message)).collect();
        panic!("the emitted file {} does not compile:\n{}", file.display(), msgs.join("\n"))
    });
    let bytes = typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).unwrap_or_else(|_| panic!("PDF export failed"));
    std::fs::write(pdf, bytes).unwrap();
}

/// Every page of a PDF rendered small (as PPM bytes), and its text.
fn look(pdf: &Path, work: &Path, tag: &str) -> (Vec<Vec<u8>>, String) {
    let prefix = work.join(tag);
    poppler("pdftoppm", &["-r", "12", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let mut pages: Vec<PathBuf> = std::fs::read_dir(work)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(&format!("{tag}-")))
        .collect();
    pages.sort();
    let images = pages.iter().map(|p| std::fs::read(p).unwrap()).collect();
    (images, poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]))
}

fn typst_cli() -> Option<PathBuf> {
    let candidate = std::env::var_os("TYPST_CLI").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("typst"));
    let out = Command::new(&candidate).arg("--version").output().ok()?;
    String::from_utf8_lossy(&out.stdout).contains("0.15.1").then_some(candidate)
}

#[test]
fn emitted_typst_compiles_to_the_same_pages_as_folio() {
    let p = TestProject::sample();
    let fonts = repo().join("fonts");
    let run = p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out", "--emit-typst", "emit"]);
    run.assert_code(0);
    let emit = p.root().join("emit");
    let work = tempfile::tempdir().unwrap();
    let cli = typst_cli();
    if cli.is_none() {
        eprintln!("note: no typst-cli 0.15.1 (set TYPST_CLI); comparing through the test's own World only");
    }
    for (doc, pdf_name, want_pages) in [(format!("{SAMPLE}.typ"), format!("{SAMPLE}.pdf"), 2), (format!("{SAMPLE}-spread.typ"), format!("{SAMPLE}-spread.pdf"), 1)] {
        let typ = emit.join(&doc);
        let text = std::fs::read_to_string(&typ).unwrap_or_else(|e| panic!("{} was not written: {e}", typ.display()));
        assert!(run.stdout().contains(&typ.display().to_string().replace(&format!("{}/", p.root().display()), "")) || run.stdout().contains(&doc), "build lists {doc}:\n{}", run.stdout());
        // Self-contained: no imports, no reads of folio's virtual data.
        assert!(!text.contains("#import") && !text.contains("/.folio/"), "{doc} still imports or reads folio data");

        let ours = p.out().join(&pdf_name);
        let theirs = work.path().join(format!("plain-{pdf_name}"));
        compile_plain(&typ, &theirs);
        let (a_img, a_txt) = look(&ours, work.path(), &format!("folio-{want_pages}"));
        let (b_img, b_txt) = look(&theirs, work.path(), &format!("plain-{want_pages}"));
        assert_eq!(a_img.len(), want_pages, "folio's {pdf_name} pages");
        assert_eq!(b_img.len(), want_pages, "pages of the emitted {doc}");
        assert!(han(&a_txt).len() > 1000, "folio's PDF has the edition's text");
        assert_eq!(a_txt, b_txt, "the emitted {doc} sets the same text");
        assert!(a_img == b_img, "the emitted {doc} draws the same pages (rendered at 12 dpi)");

        if let Some(cli) = &cli {
            let out = work.path().join(format!("cli-{pdf_name}"));
            let status = Command::new(cli)
                .current_dir(p.root())
                .args(["compile", "--font-path"])
                .arg(&fonts)
                .arg("--ignore-system-fonts")
                .arg(&typ)
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success(), "typst compile {doc} failed");
            let (c_img, c_txt) = look(&out, work.path(), &format!("cli-{want_pages}"));
            assert_eq!(a_txt, c_txt, "typst-cli sets the same text from {doc}");
            assert!(a_img == c_img, "typst-cli draws the same pages from {doc}");
        }
    }
    // The photos came along, under their root-relative paths, as Typst read them: a JPEG printed
    // as delivered as the one-page PDF that draws it (`layout::forms`), its bytes inside.
    let jpeg = std::fs::read(p.sample_dir().join("photos/xunjing.jpg")).unwrap();
    let form = std::fs::read(emit.join(format!("content/{SAMPLE}/photos/xunjing.jpg.folio.pdf"))).expect("the photo's form came along");
    assert!(form.starts_with(b"%PDF") && form.windows(jpeg.len()).any(|w| w == jpeg), "the form holds the JPEG byte for byte");
}

// ---------------------------------------------------------------------------------------------
// Watch

/// Change one character of a story's body.
fn edit_one_char(p: &TestProject, story: &str, from: &str, to: &str) {
    p.edit(&format!("content/{SAMPLE}/stories/{story}"), |t| {
        assert!(t.contains(from), "{story} has {from:?}");
        t.replacen(from, to, 1)
    });
}

#[test]
fn watch_rebuilds_changed_pages_and_keeps_the_last_good_pdf_on_errors() {
    let p = TestProject::sample();
    let pdf = p.out().join(format!("{SAMPLE}.pdf"));
    let png = |n: u32| p.out().join(format!("{SAMPLE}-p{n}.png"));
    let mut w = Running::start(&p, &["watch", &format!("content/{SAMPLE}"), "--out", "out", "--png", "10"]);

    // First build: both pages are new, the PDFs and both proofs are written.
    let first = w.next_line();
    assert!(first.starts_with("built in ") && first.contains("pages 4, 5 changed"), "{first}");
    let built = std::fs::read(&pdf).expect("watch wrote the PDF");
    assert!(png(4).is_file() && png(5).is_file(), "proofs of both pages: {first}");

    // The watch build is byte for byte what folio build writes.
    let b = p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "build-out"]);
    b.assert_code(0);
    assert!(std::fs::read(p.root().join(format!("build-out/{SAMPLE}.pdf"))).unwrap() == built, "watch and build write the same PDF");

    // One character in a page-5 story: only page 5 is rebuilt, and only its proof rewritten.
    std::fs::remove_file(png(4)).unwrap();
    edit_one_char(&p, "wuning.toml", "圆满交上了", "圆满交出了");
    let line = w.next_line();
    assert!(line.starts_with("rebuilt in ") && line.contains("page 5 changed"), "{line}");
    let edited = std::fs::read(&pdf).unwrap();
    assert!(edited != built, "the PDF changed");
    let text = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(han(&text).windows(5).any(|w| w.iter().collect::<String>() == "圆满交出了"), "the edit is in the PDF");
    assert!(png(5).is_file() && !png(4).exists(), "only the changed page's proof is written again");

    // A broken edition.toml: the error is shown with its place, folio keeps watching, and the
    // last good PDF stays as it was.
    let edition = p.sample_dir().join("edition.toml");
    let good = std::fs::read_to_string(&edition).unwrap();
    std::fs::write(&edition, good.replace("issue = 8888", "issue = \"8888")).unwrap();
    let line = w.next_line();
    assert!(line.starts_with("rebuild failed"), "{line}");
    // stderr arrives on its own pipe; give it a moment to be read.
    let deadline = Instant::now() + PATIENCE;
    while !w.stderr().contains("edition.toml") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let err = w.stderr();
    let at = format!("edition.toml:{}:", good.lines().position(|l| l.contains("issue = 8888")).unwrap() + 1);
    assert!(err.contains("error") && err.contains(&at), "the error names the file and line ({at}):\n{err}");
    std::thread::sleep(Duration::from_millis(300));
    w.assert_running();
    assert!(std::fs::read(&pdf).unwrap() == edited, "the last good PDF is untouched");

    // Fixed again: the pages are what they were before the error, so nothing is rewritten.
    std::fs::write(&edition, &good).unwrap();
    let line = w.next_line();
    assert!(line.starts_with("rebuilt in ") && line.contains("no page changed"), "{line}");

    // A new photo (same size, other pixels) changes its page.
    let photo = p.sample_dir().join("photos/xunjing.jpg");
    let img = image::open(&photo).unwrap().fliph();
    // Saved beside it and renamed over it, as editors and photo tools do.
    let tmp = p.sample_dir().join("photos/.new-xunjing.jpg");
    img.save(&tmp).unwrap();
    std::fs::rename(&tmp, &photo).unwrap();
    let line = w.next_line();
    assert!(line.starts_with("rebuilt in ") && line.contains("page 4 changed"), "{line}");
    w.assert_running();
}

/// Session 41: a story replaced by a symlink (to a file inside the project) and then by a file
/// again, as an editor's save by rename does, was never seen again by `folio watch`: its watch
/// had followed the symlink to its target, and the story's folder was not watched. Each step is
/// a rebuild now, and the last edit is in the PDF.
#[test]
fn watch_sees_a_story_that_was_a_symlink_saved_again() {
    let p = TestProject::sample();
    let pdf = p.out().join(format!("{SAMPLE}.pdf"));
    let story = p.sample_dir().join("stories/wuning.toml");
    let mut w = Running::start(&p, &["watch", &format!("content/{SAMPLE}"), "--out", "out"]);
    let first = w.next_line();
    assert!(first.starts_with("built in "), "{first}");
    // The story becomes a symlink to a copy of itself elsewhere in the project.
    let copy = p.root().join("wuning-copy.toml");
    std::fs::copy(&story, &copy).unwrap();
    let tmp = p.sample_dir().join("stories/.wuning.tmp");
    std::os::unix::fs::symlink(&copy, &tmp).unwrap();
    std::fs::rename(&tmp, &story).unwrap();
    let line = w.next_line();
    assert!(line.starts_with("rebuilt in "), "{line}");
    // A file again, saved beside it and renamed over it, with an edit.
    let text = std::fs::read_to_string(&copy).unwrap().replacen("圆满交上了", "圆满交出了", 1);
    std::fs::write(&tmp, &text).unwrap();
    std::fs::rename(&tmp, &story).unwrap();
    let line = w.next_line();
    assert!(line.starts_with("rebuilt in ") && line.contains("page 5 changed"), "{line}");
    // And edited in place.
    std::fs::write(&story, text.replacen("圆满交出了", "圆满交好了", 1)).unwrap();
    let line = w.next_line();
    assert!(line.starts_with("rebuilt in ") && line.contains("page 5 changed"), "{line}");
    let printed = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(han(&printed).windows(5).any(|w| w.iter().collect::<String>() == "圆满交好了"), "the last edit is in the PDF");
    w.assert_running();
}

// ---------------------------------------------------------------------------------------------
// Fonts

/// A build maps only the font files whose faces it sets, each file once for all its faces: a
/// second copy of a family (later in the font book, so never chosen) is never read.
#[test]
fn a_build_maps_only_the_font_files_it_uses() {
    let p = TestProject::sample();
    let fonts = tempfile::tempdir().unwrap();
    let mut real = Vec::new();
    for e in std::fs::read_dir(repo().join("fonts")).unwrap() {
        let path = e.unwrap().path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("ttf" | "ttc")) {
            let link = fonts.path().join(path.file_name().unwrap());
            std::os::unix::fs::symlink(&path, &link).unwrap();
            real.push(link);
        }
    }
    let unused = fonts.path().join("ZZ-unused-copy-of-wenkai.ttf");
    std::os::unix::fs::symlink(repo().join("fonts/LXGWWenKai-Regular.ttf"), &unused).unwrap();
    let opts = folio::session::Options {
        edition: p.sample_dir(),
        root: Some(p.root().to_path_buf()),
        font_path: Some(fonts.path().to_path_buf()),
        system_fonts: false,
        out: None,
    };
    let mut session = folio::session::Session::new(opts, Default::default());
    session.open().unwrap_or_else(|d| panic!("{:?}", d.0));
    assert!(folio::layout::fonts::loaded(session.world().unwrap().fonts()).is_empty(), "opening a project maps no font file");
    session.compile().unwrap_or_else(|d| panic!("{:?}", d.0));
    let loaded = folio::layout::fonts::loaded(session.world().unwrap().fonts());
    assert!(!loaded.contains(&unused), "the unused copy was read: {loaded:?}");
    assert!(loaded.iter().all(|f| real.contains(f)), "{loaded:?}");
    for name in ["NotoSerifCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "LXGWWenKai-Regular.ttf"] {
        assert!(loaded.contains(&fonts.path().join(name)), "{name} is set by the sample: {loaded:?}");
    }
}
