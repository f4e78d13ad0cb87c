//! Hostile input: missing fonts, missing faces, silent fallbacks. A build whose templates ask
//! for a family or a face (weight, style) that the fonts folder lacks is refused (exit 1) with
//! the family, the face, the folder and the fix (`--font-path`), and OUT stays as it was.

use std::path::{Path, PathBuf};

use crate::common::hostile::*;
use crate::common::*;
use crate::files::{build_timed, folio_timed};

/// A fonts folder in the project holding links to the repo's font files except `without`
/// (`None`: no repo font at all).
fn fonts_without(h: &Hostile, name: &str, keep: impl Fn(&str) -> bool) -> PathBuf {
    let dir = h.p.root().join(name);
    std::fs::create_dir(&dir).unwrap();
    for f in std::fs::read_dir(repo().join("fonts")).unwrap().flatten() {
        let n = f.file_name().to_string_lossy().into_owned();
        if keep(&n) {
            std::os::unix::fs::symlink(f.path(), dir.join(&n)).unwrap();
        }
    }
    dir
}

fn refused(h: &Hostile, fonts: &Path, needles: &[&str]) {
    let run = build_timed(h, fonts);
    let shown = fonts.display().to_string();
    let mut all = vec![shown.as_str(), "--font-path"];
    all.extend_from_slice(needles);
    h.assert_refused(&run, &all);
}

#[test]
fn an_empty_fonts_folder_is_refused() {
    let h = Hostile::new();
    let fonts = fonts_without(&h, "nofonts", |_| false);
    refused(&h, &fonts, &["\"noto serif cjk sc\"", "Regular (weight 400)", "has no font of that family", "layouts/"]);
}

#[test]
fn a_missing_body_face_is_refused_not_replaced_by_the_bold() {
    let h = Hostile::new();
    let fonts = fonts_without(&h, "nobody", |n| n != "NotoSerifCJK-Regular.ttc");
    refused(&h, &fonts, &["Noto Serif CJK SC Regular (weight 400)", "has only Bold (weight 700)", "never sets text in another weight"]);
}

#[test]
fn a_missing_bold_face_is_refused() {
    let h = Hostile::new();
    let fonts = fonts_without(&h, "nobold", |n| n != "NotoSansCJK-Bold.ttc");
    refused(&h, &fonts, &["Noto Sans CJK SC Bold (weight 700)", "has only Black (weight 900)"]);
}

#[test]
fn a_folder_of_unrelated_fonts_is_refused() {
    let h = Hostile::new();
    let fonts = fonts_without(&h, "kaionly", |n| n == "LXGWWenKai-Regular.ttf");
    refused(&h, &fonts, &["\"noto serif cjk sc\"", "\"noto sans cjk sc\"", "Bold (weight 700)", "has no font of that family"]);
}

#[test]
fn an_extracted_archive_without_font_path_says_so() {
    let h = Hostile::with_build(&["--archive"]);
    let archive = h.p.out().join(format!("{SAMPLE}-archive.pdf"));
    let elsewhere = tempfile::tempdir().unwrap();
    let run = folio_timed(elsewhere.path(), &["extract", archive.to_str().unwrap(), "restored"]);
    run.assert_code(0);
    let dir = elsewhere.path().join("restored");
    assert!(!dir.join("fonts").exists(), "an archive carries no fonts");
    let out = h.p.out();
    let run = folio_timed(&dir, &["build", &format!("content/{SAMPLE}"), "--out", out.to_str().unwrap()]);
    h.assert_refused(&run, &["has no fonts folder", "an archive does not carry fonts", "--font-path"]);
    // With the fonts it builds.
    let fonts = repo().join("fonts");
    let run = folio_timed(&dir, &["check", &format!("content/{SAMPLE}"), "--font-path", fonts.to_str().unwrap()]);
    run.assert_code(0);
}

/// `--system-fonts` never hides a face the fonts folder lacks: the body face removed from the
/// folder is either still an error (this machine has no such face) or taken from the system
/// with a warning naming the face and the file it came from — never silently the bold face.
#[test]
fn system_fonts_do_not_hide_a_missing_face() {
    let h = Hostile::new();
    let fonts = fonts_without(&h, "nobody", |n| n != "NotoSerifCJK-Regular.ttc");
    let ed = format!("content/{SAMPLE}");
    let run = folio_timed(h.p.root(), &["build", &ed, "--out", "out", "--font-path", fonts.to_str().unwrap(), "--system-fonts"]);
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    if run.code() == 0 {
        run.assert_stderr_has(&["has no Noto Serif CJK SC Regular (weight 400)", "taken from this machine's fonts"]);
    } else {
        h.assert_refused(&run, &["Noto Serif CJK SC Regular (weight 400)", "--font-path"]);
    }
}
