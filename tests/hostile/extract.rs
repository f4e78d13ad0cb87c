//! Hostile input: `folio extract` — bounded inflation, duplicate or control-character names, never a half-written DIR.

use lopdf::{Document, Object, ObjectId, Stream, dictionary};

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;

const MIB: i64 = 1024 * 1024;

/// The sample's real archive (`--archive`), as folio wrote it.
fn real_archive() -> (TestProject, Vec<u8>) {
    let p = TestProject::sample();
    p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out", "--archive"]).assert_code(0);
    let bytes = std::fs::read(p.out().join(format!("{SAMPLE}-archive.pdf"))).unwrap();
    (p, bytes)
}

/// The file specifications of the archive's EmbeddedFiles name tree, in order.
fn specs(doc: &Document) -> Vec<ObjectId> {
    let catalog = doc.catalog().unwrap();
    let names = catalog.get_deref(b"Names", doc).and_then(Object::as_dict).unwrap();
    let tree = names.get_deref(b"EmbeddedFiles", doc).and_then(Object::as_dict).unwrap();
    tree.get(b"Names").and_then(Object::as_array).unwrap().chunks(2).map(|p| p[1].as_reference().unwrap()).collect()
}

/// The embedded file stream of a file specification.
fn file_of(doc: &Document, spec: ObjectId) -> ObjectId {
    let ef = doc.get_dictionary(spec).unwrap().get(b"EF").and_then(Object::as_dict).unwrap();
    ef.get(b"F").and_then(Object::as_reference).unwrap()
}

/// The name of a file specification (a PDF text string, UTF-16BE with BOM).
fn text(s: &str) -> Object {
    let mut b = vec![0xfe, 0xff];
    for u in s.encode_utf16() {
        b.extend(u.to_be_bytes());
    }
    Object::String(b, lopdf::StringFormat::Hexadecimal)
}

/// Rename attachment `i` (in the spec and in the name tree).
fn rename(doc: &mut Document, i: usize, name: &str) {
    let spec = specs(doc)[i];
    let d = doc.get_dictionary_mut(spec).unwrap();
    d.set("F", text(name));
    d.set("UF", text(name));
    let catalog = doc.catalog().unwrap();
    let names_ref = catalog.get(b"Names").unwrap().clone();
    let set_key = |tree: &mut lopdf::Dictionary| {
        let ef = tree.get_mut(b"EmbeddedFiles").unwrap().as_dict_mut().unwrap();
        ef.get_mut(b"Names").unwrap().as_array_mut().unwrap()[2 * i] = text(name);
    };
    match names_ref {
        Object::Reference(r) => set_key(doc.get_dictionary_mut(r).unwrap()),
        _ => set_key(doc.catalog_mut().unwrap().get_mut(b"Names").unwrap().as_dict_mut().unwrap()),
    }
}

/// Set the declared size (`/Params /Size`) of attachment `i`; `None` removes it.
fn declare(doc: &mut Document, i: usize, size: Option<i64>) {
    let file = file_of(doc, specs(doc)[i]);
    let stream = doc.get_object_mut(file).unwrap().as_stream_mut().unwrap();
    let params = stream.dict.get_mut(b"Params").unwrap().as_dict_mut().unwrap();
    match size {
        Some(n) => params.set("Size", n),
        None => {
            params.remove(b"Size");
        }
    }
}

/// Replace attachment `i`'s content by `n` zero bytes, FlateDecode-compressed (a bomb: about
/// 1000 : 1), declaring `declared`.
fn bomb(doc: &mut Document, i: usize, n: usize, declared: Option<i64>) {
    let file = file_of(doc, specs(doc)[i]);
    let mut s = Stream::new(dictionary! { "Type" => "EmbeddedFile", "Params" => dictionary! {} }, vec![0u8; n]);
    s.compress().unwrap();
    assert!(s.content.len() < n / 100, "not a bomb: {} bytes", s.content.len());
    *doc.get_object_mut(file).unwrap() = Object::Stream(s);
    declare(doc, i, declared);
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// `folio extract crafted.pdf restored` in a fresh folder: refused (exit 1, no panic, every
/// needle), and neither `restored` nor a temporary folder beside it left behind.
fn assert_extract_refused(case: &str, pdf: &[u8], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crafted.pdf"), pdf).unwrap();
    let run = Run(std::process::Command::new(env!("CARGO_BIN_EXE_folio")).current_dir(dir.path()).args(["extract", "crafted.pdf", "restored"]).output().unwrap());
    let what = format!("case `{case}`");
    assert!(!run.stderr().contains("panicked"), "{what}: panic:\n{}", run.stderr());
    assert_eq!(run.code(), 1, "{what}: exit code\n{}\n{}", run.stdout(), run.stderr());
    for n in needles {
        assert!(run.stderr().contains(n), "{what}: stderr lacks {n:?}:\n{}", run.stderr());
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n != "crafted.pdf").collect();
    assert!(left.is_empty(), "{what}: left behind {left:?}");
}

#[test]
fn hostile_archives_are_refused_and_leave_no_folder() {
    let (_p, archive) = real_archive();
    let doc = Document::load_mem(&archive).unwrap();
    let n = specs(&doc).len();
    assert!(n >= 10, "the sample archive carries {n} sources");
    // The last attachment, so that the good ones before it would have been written already.
    let last = n - 1;
    type Craft = Box<dyn Fn(&mut Document)>;
    let cases: Vec<(&str, Craft, Vec<&str>)> = vec![
        ("duplicate name", Box::new(|d: &mut Document| rename(d, 1, "layouts/edition.typ")), vec!["two attachments are named", "layouts/edition.typ"]),
        ("file and folder", Box::new(move |d: &mut Document| rename(d, last, "layouts")), vec!["\"layouts\"", "one would be a folder holding the other"]),
        ("escape in a name", Box::new(move |d: &mut Document| rename(d, last, "content/x\u{1b}[2Jy.toml")), vec!["U+001B", "content/x\\u{1b}[2Jy.toml"]),
        ("newline in a name", Box::new(move |d: &mut Document| rename(d, last, "content/a\nb.toml")), vec!["U+000A", "content/a\\nb.toml"]),
        ("bidi override in a name", Box::new(move |d: &mut Document| rename(d, last, "content/gpj.\u{202e}toml")), vec!["U+202E"]),
        ("parent folder", Box::new(move |d: &mut Document| rename(d, last, "../x")), vec!["\"../x\"", "not a plain relative path"]),
        ("dot inside", Box::new(move |d: &mut Document| rename(d, last, "content/./x.toml")), vec!["\"content/./x.toml\"", "not a plain relative path"]),
        ("empty part", Box::new(move |d: &mut Document| rename(d, last, "content//x.toml")), vec!["\"content//x.toml\"", "not a plain relative path"]),
        ("declares too much", Box::new(move |d: &mut Document| declare(d, last, Some(200 * MIB))), vec!["declares 200 MiB", "the limit per attachment is 128 MiB"]),
        ("bomb, no size", Box::new(move |d: &mut Document| bomb(d, last, 129 << 20, None)), vec!["inflates to more than 128 MiB, the limit per attachment"]),
        ("bomb, small size", Box::new(move |d: &mut Document| bomb(d, last, 8 << 20, Some(1000))), vec!["inflates to more than the 1000 bytes it declares"]),
        (
            "too much in all",
            Box::new(move |d: &mut Document| {
                for i in 0..9 {
                    declare(d, i, Some(120 * MIB));
                }
            }),
            vec!["1.1 GiB in all", "the limit for one archive is 1 GiB"],
        ),
    ];
    let mut failures = Vec::new();
    for (name, craft, needles) in cases {
        let mut doc = Document::load_mem(&archive).unwrap();
        craft(&mut doc);
        let pdf = save(&mut doc);
        if let Err(e) = std::panic::catch_unwind(|| assert_extract_refused(name, &pdf, &needles)) {
            failures.push(e.downcast_ref::<String>().cloned().unwrap_or_else(|| name.to_string()));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn extract_into_an_empty_folder_gives_the_whole_project() {
    let (_p, archive) = real_archive();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.pdf"), &archive).unwrap();
    std::fs::create_dir(dir.path().join("restored")).unwrap();
    let run = Run(std::process::Command::new(env!("CARGO_BIN_EXE_folio")).current_dir(dir.path()).args(["extract", "a.pdf", "restored"]).output().unwrap());
    run.assert_code(0);
    let restored = dir.path().join("restored");
    assert!(restored.join(format!("content/{SAMPLE}/edition.toml")).is_file());
    assert_eq!(
        std::fs::read(restored.join(format!("content/{SAMPLE}/photos/xunjing.jpg"))).unwrap(),
        std::fs::read(repo().join(format!("content/{SAMPLE}/photos/xunjing.jpg"))).unwrap()
    );
    // Nothing but the archive and the project beside it.
    let mut left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["a.pdf", "restored"]);
}

/// An edition in a folder whose name `folio extract` would refuse (a `:` in it: content/ed:2023)
/// is refused by `build --archive`, naming the file and the fix, and nothing is written: the
/// archive was written with exit 0 and could not be extracted until session 40. Without
/// `--archive` it builds.
#[test]
fn an_archive_folio_cannot_extract_is_not_written() {
    let p = TestProject::sample();
    copy_dir(&p.sample_dir(), &p.root().join("content/ed:2023"));
    let run = p.folio(&["build", "content/ed:2023", "--out", "out", "--archive"]);
    run.assert_code(1);
    run.assert_stderr_has(&["content/ed:2023/edition.toml cannot go into the archive", "hint:", "folio extract"]);
    assert!(!p.out().join("ed:2023-archive.pdf").exists() && !p.out().join("ed:2023.pdf").exists(), "nothing written");
    p.folio(&["build", "content/ed:2023", "--out", "out"]).assert_code(0);
    // `folio new` makes no such folder (nor one with a newline in its name).
    for name in ["content/ed:2024", "content/ed\n2024"] {
        let run = p.folio(&["new", name]);
        run.assert_code(2);
        run.assert_stderr_has(&["no archive can carry back", "hint:"]);
        assert!(!p.root().join(name).exists(), "{name:?} made");
    }
}
