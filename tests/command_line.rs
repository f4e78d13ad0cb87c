//! The command line itself: completions and manual pages made from the real flags, examples at
//! the end of every command's help, and `--diagnostic-format short`.

mod common;
use common::*;

const COMMANDS: [&str; 11] = ["build", "check", "proof", "fonts", "new", "extract", "watch", "serve", "place", "completions", "man"];

#[test]
fn completions_and_manual_pages_know_every_command() {
    let p = TestProject::sample();
    for shell in ["bash", "zsh", "fish"] {
        let run = p.folio(&["completions", shell]);
        run.assert_code(0);
        let script = run.stdout();
        for c in COMMANDS {
            assert!(script.contains(c), "{shell} completions lack {c}");
        }
        assert!(script.contains("allow-overset") && script.contains("diagnostic-format"), "{shell}: flags");
    }
    let run = p.folio(&["man"]);
    run.assert_code(0);
    assert!(run.stdout().starts_with(".ie") || run.stdout().contains(".TH folio 1"), "roff: {}", &run.stdout()[..200]);
    let run = p.folio(&["man", "--out", "man1"]);
    run.assert_code(0);
    for c in COMMANDS {
        let page = std::fs::read_to_string(p.root().join("man1").join(format!("folio-{c}.1"))).unwrap_or_else(|e| panic!("folio-{c}.1: {e}"));
        assert!(page.contains(&format!(".TH folio-{c} 1")), "folio-{c}.1 is a manual page");
    }
    // A folder that cannot be made is an error, not a panic.
    std::fs::write(p.root().join("file"), "").unwrap();
    let run = p.folio(&["man", "--out", "file/man1"]);
    run.assert_code(1);
    run.assert_stderr_has(&["cannot write the manual to file/man1"]);
}

#[test]
fn every_command_ends_its_help_with_examples() {
    let p = TestProject::sample();
    for c in COMMANDS {
        let run = p.folio(&[c, "--help"]);
        run.assert_code(0);
        let help = run.stdout();
        let examples = help.split("Examples:\n").nth(1).unwrap_or_else(|| panic!("folio {c} --help has no examples:\n{help}"));
        assert!(examples.lines().any(|l| l.trim_start().starts_with(&format!("folio {c} "))), "folio {c}: {examples}");
    }
}

#[test]
fn short_diagnostics_are_one_line_each() {
    let p = TestProject::sample();
    let story = format!("content/{SAMPLE}/stories/wuning.toml");
    p.edit(&story, |t| t.replacen("headline = ", "headline == ", 1));
    let edition = format!("content/{SAMPLE}");
    // The headline's line (the file opens with its #:schema line and a comment).
    let at = format!("{story}:{}:11", line_of(&p, &story, "headline =="));
    let short = p.folio(&["check", &edition, "--diagnostic-format", "short"]);
    short.assert_code(1);
    let line = short.stdout().lines().chain(short.stderr().lines()).find(|l| l.contains("wuning.toml:")).map(str::to_string);
    let line = line.unwrap_or_else(|| panic!("no line names the file:\n{}\n{}", short.stdout(), short.stderr()));
    assert!(line.contains(&format!("{at}: error: invalid string")), "{line}");
    assert!(line.contains("(hint: fix the TOML syntax"), "the hint on the same line: {line}");
    let all = format!("{}{}", short.stdout(), short.stderr());
    assert!(!all.contains('┌') && !all.contains("│"), "no source excerpt in the short form:\n{all}");
    // The default keeps Typst's long form.
    let human = p.folio(&["check", &edition]);
    human.assert_code(1);
    assert!(format!("{}{}", human.stdout(), human.stderr()).contains(&format!("┌─ {at}")));
    // The build's error is short too.
    let build = p.folio(&["build", &edition, "--diagnostic-format", "short"]);
    build.assert_code(1);
    assert!(build.stderr().lines().any(|l| l.starts_with(&format!("{at}: error:"))), "{}", build.stderr());
}

#[test]
fn fonts_lists_faces_and_which_have_a_character() {
    let p = TestProject::sample();
    let fonts = repo().join("fonts");
    let fonts = fonts.to_str().unwrap();
    let run = p.folio(&["fonts", "--font-path", fonts]);
    run.assert_code(0);
    assert!(run.stdout().contains("LXGW WenKai (1 face: Regular (weight 400))"), "{}", run.stdout());
    let run = p.folio(&["fonts", "--font-path", fonts, "--variants"]);
    run.assert_code(0);
    assert!(run.stdout().lines().any(|l| l == "Noto Serif CJK SC — Regular (weight 400) — NotoSerifCJK-Regular.ttc (face 2)"), "{}", run.stdout());
    // 堃 (a character of names) is in the Noto faces; a character no face has is an error
    // naming its code point.
    let han = p.folio(&["fonts", "--font-path", fonts, "--char", "堃"]);
    han.assert_code(0);
    assert!(han.stdout().contains("Noto Serif CJK SC — Regular"), "{}", han.stdout());
    let none = p.folio(&["fonts", "--font-path", fonts, "--char", "\u{20000}"]);
    none.assert_code(1);
    assert!(none.stdout().contains("U+20000"), "{}", none.stdout());
    // A folder with no font is said so (session 42: nothing printed, exit 0).
    let empty = tempfile::tempdir().unwrap();
    for extra in [&[][..], &["--variants"][..]] {
        let mut args = vec!["fonts", "--font-path", empty.path().to_str().unwrap()];
        args.extend_from_slice(extra);
        let run = p.folio(&args);
        run.assert_code(1);
        run.assert_stderr_has(&["holds no font folio can read", "--font-path"]);
    }
    // An output "folder" that is a file is said so (it was "File exists").
    std::fs::write(p.root().join("afile"), "x").unwrap();
    let run = p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "afile"]);
    run.assert_code(1);
    run.assert_stderr_has(&["the output folder afile is a file, not a folder", "pass --out a folder"]);
}

#[test]
fn new_story_writes_a_skeleton_whose_every_key_is_real() {
    let p = TestProject::sample();
    let rel = format!("content/{SAMPLE}/stories/extra.toml");
    let run = p.folio(&["new", "story", &rel]);
    run.assert_code(0);
    let path = p.root().join(&rel);
    let project = folio::project::Project::discover(&path, Some(p.root()), Some(&repo().join("fonts"))).expect("project");
    let parse = |text: &str| {
        std::fs::write(&path, text).unwrap();
        folio::input::source::parse_toml::<folio::input::content::Story>(&project, &path, "a story").map(|_| ())
    };
    let skeleton = std::fs::read_to_string(&path).unwrap();
    parse(&skeleton).unwrap_or_else(|d| panic!("the skeleton parses: {d}"));
    // Every commented key and table, uncommented, is one folio reads.
    let all: String = skeleton
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with('[') || rest.split_whitespace().nth(1) == Some("=") => rest.to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("\n[block]") && all.contains("\nmin_span = 2"), "{all}");
    parse(&all).unwrap_or_else(|d| panic!("every key of the skeleton is real: {d}"));
    // Never over an existing file.
    let again = p.folio(&["new", "story", &rel]);
    again.assert_code(2);
    again.assert_stderr_has(&["already exists"]);
}

#[test]
fn schema_command_is_complete_documented_and_its_output_is_json() {
    let p = TestProject::sample();
    let run = p.folio(&["completions", "bash"]);
    run.assert_code(0);
    assert!(run.stdout().contains("schema") && run.stdout().contains("formats"), "bash completions know folio schema and its kinds");
    let help = p.folio(&["schema", "--help"]);
    help.assert_code(0);
    assert!(help.stdout().trim_end().lines().last().is_some_and(|l| l.contains("folio schema")), "{}", help.stdout());
    let help = p.folio(&["new", "--help"]);
    assert!(help.stdout().contains("--front") && help.stdout().contains("--format tabloid --front"), "{}", help.stdout());
    for kind in ["edition", "story", "formats"] {
        let run = p.folio(&["schema", kind]);
        run.assert_code(0);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("folio schema {kind}: {e}"));
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    }
    // --from and --format exclude each other; --front needs --format.
    p.folio(&["new", "content/x", "--from", "content/jiangxi-special", "--format", "tabloid"]).assert_code(2);
    p.folio(&["new", "content/x", "--front"]).assert_code(2);
    // A file that cannot be written is an error, not a panic.
    let run = p.folio(&["schema", "edition", "--out", "no/such/dir/e.json"]);
    run.assert_code(1);
    run.assert_stderr_has(&["cannot write no/such/dir/e.json"]);
}

/// An edition whose pages are all `blank = true` (TEST DATA: one page) builds: a page at trim
/// size plus bleed, nothing on it but its folio line (an internal error about the galley, "1
/// pages for 0 pieces", until session 40).
#[test]
fn an_edition_of_blank_pages_only_builds() {
    let p = TestProject::sample();
    let dir = p.edition("blank");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("edition.toml"), "# TEST DATA\n[edition]\npaper = \"示例日报\"\ndate = 2023-06-26\nissue = 1\nformat = \"tabloid\"\n\n[[pages]]\nnumber = 1\nsection = \"要闻\"\nblank = true\n").unwrap();
    let run = p.folio(&["build", "content/blank", "--out", "out"]);
    run.assert_code(0);
    let info = poppler("pdfinfo", &[p.out().join("blank.pdf").to_str().unwrap()]);
    assert!(info.contains("Pages:           1"), "{info}");
}

/// `folio new` never copies an edition into itself, and leaves no half-made edition (session
/// 42's hostile tester: `folio new content/jiangxi-special/photos/next` copied the default
/// edition into itself some 580 folders deep, failed, and left 4 400 files in the source, and
/// every later `folio new` then failed half-way too): the target inside its source (or the
/// source inside the target) is refused before anything is made; a copy that fails part-way
/// leaves nothing; after both, `folio new` still makes a whole edition.
#[test]
fn new_refuses_a_copy_into_its_source_and_leaves_nothing_half_made() {
    let p = TestProject::sample();
    let source = p.root().join(format!("content/{SAMPLE}"));
    let count = |dir: &std::path::Path| walkdir_count(dir);
    let before = count(&source);
    for target in [format!("content/{SAMPLE}/photos/next"), format!("content/{SAMPLE}/x")] {
        let run = p.folio(&["new", &target, "--from", &format!("content/{SAMPLE}")]);
        run.assert_code(2);
        run.assert_stderr_has(&["one is inside the other", "beside the one it copies"]);
        assert_eq!(count(&source), before, "{target}: the source changed");
    }
    // A copy that fails part-way (a file of the source it cannot read) leaves no folder.
    let secret = source.join("photos/unreadable.jpg");
    std::fs::write(&secret, b"x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_err() {
        let run = p.folio(&["new", "content/half", "--from", &format!("content/{SAMPLE}")]);
        assert_ne!(run.code(), 0);
        assert!(!p.root().join("content/half").exists(), "a failed copy left content/half");
        let left: Vec<_> = std::fs::read_dir(p.root().join("content")).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().starts_with('.')).collect();
        assert!(left.is_empty(), "a failed copy left {left:?}");
    }
    std::fs::remove_file(&secret).unwrap();
    let run = p.folio(&["new", "content/next", "--from", &format!("content/{SAMPLE}")]);
    run.assert_code(0);
    assert_eq!(count(&p.root().join("content/next")), before, "a whole copy");
}

/// Files and folders under `dir`.
fn walkdir_count(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |it| it.flatten().map(|e| 1 + if e.file_type().is_ok_and(|t| t.is_dir()) { walkdir_count(&e.path()) } else { 0 }).sum())
}

/// `folio check`'s summary of findings past the first few of a kind counts them in good English:
/// "1 more short-column warning like these", never "1 more … warnings" (review 48). On the three
/// samples, every such line read back agrees in number, and there is at least one.
#[test]
fn more_warnings_agree_in_number() {
    let p = TestProject::sample();
    let mut seen = 0;
    for e in ["jiangxi-special", "jiangxi-tabloid", "jiangxi-auto"] {
        let run = p.folio(&["check", &format!("content/{e}")]);
        let said = run.stdout() + &run.stderr();
        for line in said.lines().filter(|l| l.contains(" more ") && l.contains("like these")) {
            seen += 1;
            let n: u32 = line.split(" more ").next().and_then(|a| a.split_whitespace().last()).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{line}"));
            let plural = line.contains("warnings like these");
            assert_eq!(plural, n != 1, "{line}");
        }
    }
    assert!(seen > 0, "the samples have more findings of a kind than are shown");
}
