//! Press plates (PDF/X-4), the archive copy (PDF/A-3b with its sources), reproducible bytes, the
//! manifest, and batch builds — each built by the real binary and read back.

mod common;
#[path = "common/pdfx.rs"]
mod pdfx;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const TRIM_MM: (f64, f64) = (390.0, 545.0);

/// Run folio in `dir` with the repo's fonts (for build), `SOURCE_DATE_EPOCH` unset unless given.
fn folio_in(dir: &Path, args: &[&str], epoch: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
    cmd.current_dir(dir).args(args).env_remove("SOURCE_DATE_EPOCH");
    if args.first() == Some(&"build") {
        cmd.arg("--font-path").arg(repo().join("fonts"));
    }
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    Run(cmd.output().expect("run folio"))
}

fn build(p: &TestProject, extra: &[&str]) -> Run {
    let ed = format!("content/{SAMPLE}");
    let mut args = vec!["build", ed.as_str(), "--out", "out"];
    args.extend_from_slice(extra);
    let run = folio_in(p.root(), &args, None);
    run.assert_code(0);
    run
}

fn plates(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(out.join(format!("{SAMPLE}-press")))
        .expect("plate folder")
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// pdfinfo -box of a file: the named box as [x0, y0, x1, y1].
fn pdfinfo_box(file: &Path, name: &str) -> Option<[f64; 4]> {
    let info = poppler("pdfinfo", &["-box", file.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with(&format!("{name}:")))?;
    let v: Vec<f64> = line.split_whitespace().skip(1).map(|x| x.parse().unwrap()).collect();
    Some([v[0], v[1], v[2], v[3]])
}

fn mm(pt: f64) -> f64 {
    pt / PT_PER_MM
}

fn qpdf_clean(file: &Path) {
    let out = Command::new("qpdf").arg("--check").arg(file).output().expect("qpdf is needed (.ci/run installs it)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && text.contains("No syntax or stream encoding errors"), "qpdf --check {}:\n{text}", file.display());
    assert!(!text.contains("WARNING"), "qpdf warnings for {}:\n{text}", file.display());
}

fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest.json")).expect("manifest is JSON")
}

fn manifest_entry<'a>(m: &'a serde_json::Value, file: &str) -> &'a serde_json::Value {
    m["files"].as_array().unwrap().iter().find(|e| e["file"] == file).unwrap_or_else(|| panic!("{file} not in manifest: {m:#}"))
}

fn xmp_of(file: &Path) -> String {
    let doc = lopdf::Document::load(file).unwrap();
    let meta = doc.catalog().unwrap().get(b"Metadata").unwrap().as_reference().unwrap();
    String::from_utf8(doc.get_object(meta).unwrap().as_stream().unwrap().content.clone()).unwrap()
}

#[test]
fn press_plates_are_pdfx4_with_trim_and_bleed_boxes() {
    let p = TestProject::sample();
    let run = build(&p, &["--press"]);
    let out = p.out();
    let files = plates(&out);
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, [format!("{SAMPLE}-p04.pdf"), format!("{SAMPLE}-p05.pdf")], "one plate per page, named by page number");
    assert!(run.stdout().contains(&format!("{SAMPLE}-p05.pdf")), "{}", run.stdout());
    // The proofs are still written as before.
    assert!(out.join(format!("{SAMPLE}.pdf")).is_file() && out.join(format!("{SAMPLE}-spread.pdf")).is_file());

    let m = manifest(&out);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let violations = pdfx::check(&bytes);
        assert!(violations.is_empty(), "{} is not PDF/X-4:\n{}", f.display(), violations.join("\n"));
        qpdf_clean(f);

        // pdfinfo -box: TrimBox at trim size, BleedBox = trim + 3 mm = MediaBox.
        let trim = pdfinfo_box(f, "TrimBox").expect("TrimBox");
        let bleed = pdfinfo_box(f, "BleedBox").expect("BleedBox");
        let media = pdfinfo_box(f, "MediaBox").expect("MediaBox");
        assert!((mm(trim[2] - trim[0]) - TRIM_MM.0).abs() < 0.1 && (mm(trim[3] - trim[1]) - TRIM_MM.1).abs() < 0.1, "{trim:?}");
        for i in 0..2 {
            assert!((mm(trim[i] - bleed[i]) - 3.0).abs() < 0.05, "bleed {bleed:?} trim {trim:?}");
            assert!((mm(bleed[i + 2] - trim[i + 2]) - 3.0).abs() < 0.05, "bleed {bleed:?} trim {trim:?}");
        }
        assert_eq!(bleed, media, "without marks the BleedBox is the MediaBox");
        let info = poppler("pdfinfo", &[f.to_str().unwrap()]);
        let field = |k: &str| info.lines().find(|l| l.starts_with(k)).map(|l| l[k.len()..].trim().to_string());
        assert_eq!(field("PDF subtype:").as_deref(), Some("PDF/X-4"), "{info}");
        assert_eq!(field("PDF version:").as_deref(), Some("1.6"), "{info}");
        assert_eq!(field("Pages:").as_deref(), Some("1"), "{info}");

        // Every font embedded, as pdffonts sees it.
        let fonts = poppler("pdffonts", &[f.to_str().unwrap()]);
        for row in fonts.lines().skip(2) {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
        }

        let rel = format!("{SAMPLE}-press/{}", f.file_name().unwrap().to_string_lossy());
        let e = manifest_entry(&m, &rel);
        assert_eq!(e["standard"], "PDF/X-4");
        assert_eq!(e["pages"], 1);
        assert_eq!(e["sha256"], sha256(&bytes));
        assert_eq!(e["trim_mm"], serde_json::json!([390.0, 545.0]));
        assert_eq!(e["media_mm"], serde_json::json!([396.0, 551.0]));
    }
    // The output intent carries the bundled newsprint profile.
    let doc = lopdf::Document::load(&files[0]).unwrap();
    let oi = doc.catalog().unwrap().get(b"OutputIntents").unwrap().as_array().unwrap()[0].as_reference().unwrap();
    let oi = doc.get_dictionary(oi).unwrap();
    assert_eq!(oi.get(b"OutputConditionIdentifier").unwrap().as_str().unwrap(), b"CGATS TR 002");
    let icc = doc.get_object(oi.get(b"DestOutputProfile").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
    let icc = icc.decompressed_content().unwrap();
    assert_eq!(icc, std::fs::read(repo().join("icc/CGATS-TR002-newsprint.icc")).unwrap());
}

#[test]
fn the_checker_finds_what_is_missing_or_wrong() {
    let p = TestProject::sample();
    build(&p, &["--press"]);
    // typst's own output (the proofs) is not PDF/X: the checker must say why.
    let proof = std::fs::read(p.out().join(format!("{SAMPLE}.pdf"))).unwrap();
    let v = pdfx::check(&proof).join("\n");
    for needle in ["header version", "OutputIntents", "Info GTS_PDFXVersion", "XMP lacks GTS_PDFXVersion", "Trapped", "BleedBox"] {
        assert!(v.contains(needle), "checker missed {needle}:\n{v}");
    }
    // A plate with an RGB rule, a CMY tint, a gray fill and an RGB image colour space fails.
    let plate = &plates(&p.out())[0];
    let mut doc = lopdf::Document::load(plate).unwrap();
    let page = doc.page_iter().next().unwrap();
    doc.add_page_contents(page, b"1 0 0 RG 0 0 m 10 10 l S 0.2 0 0 1 k 0.5 g".to_vec()).unwrap();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let v = pdfx::check(&bytes).join("\n");
    for needle in ["DeviceRGB colour (RG)", "is not K only", "DeviceGray colour (g)"] {
        assert!(v.contains(needle), "checker missed {needle}:\n{v}");
    }
    // A plate whose TrimBox leaves the BleedBox, or whose font lost its program, fails.
    let mut doc = lopdf::Document::load(plate).unwrap();
    let page = doc.page_iter().next().unwrap();
    doc.get_dictionary_mut(page).unwrap().set("TrimBox", vec![(-5).into(), 0.into(), 100.into(), 100.into()]);
    let descriptors: Vec<_> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice())))
        .map(|(id, _)| *id)
        .collect();
    for id in descriptors {
        let d = doc.get_dictionary_mut(id).unwrap();
        d.remove(b"FontFile2");
        d.remove(b"FontFile3");
        d.remove(b"FontFile");
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let v = pdfx::check(&bytes).join("\n");
    assert!(v.contains("is not inside BleedBox") && v.contains("is not embedded"), "{v}");
}

#[test]
fn marks_sit_in_a_slug_outside_a_wider_bleed() {
    let p = TestProject::sample();
    build(&p, &["--press", "--marks", "--bleed", "5"]);
    let f = &plates(&p.out())[1];
    let bytes = std::fs::read(f).unwrap();
    let violations = pdfx::check(&bytes);
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    qpdf_clean(f);
    let trim = pdfinfo_box(f, "TrimBox").unwrap();
    let bleed = pdfinfo_box(f, "BleedBox").unwrap();
    let media = pdfinfo_box(f, "MediaBox").unwrap();
    for i in 0..2 {
        assert!((mm(trim[i] - bleed[i]) - 5.0).abs() < 0.05, "5 mm bleed: {bleed:?} {trim:?}");
        assert!(mm(bleed[i] - media[i]) > 5.0, "a slug outside the bleed: {media:?} {bleed:?}");
    }
    // The proofs keep the format's 3 mm bleed.
    let proof_trim = pdfinfo_box(&p.out().join(format!("{SAMPLE}.pdf")), "TrimBox").unwrap();
    assert!((mm(proof_trim[0]) - 3.0).abs() < 0.05, "{proof_trim:?}");

    // Render and look: ink in the slug (the marks), at the trim lines, none inside the bleed
    // margin between the trim and the slug's marks.
    let dpi = 50.0;
    let pgm = std::env::temp_dir().join(format!("folio-marks-{}", std::process::id()));
    poppler("pdftoppm", &["-gray", "-r", "50", "-singlefile", f.to_str().unwrap(), pgm.to_str().unwrap()]);
    let img = std::fs::read(pgm.with_extension("pgm")).unwrap();
    let _ = std::fs::remove_file(pgm.with_extension("pgm"));
    let (w, h, pixels) = parse_pgm(&img);
    let px = |pt: f64| (pt * dpi / 72.0).round() as i64;
    let dark = |x0: f64, y0: f64, x1: f64, y1: f64| -> usize {
        // PDF y goes up; image rows go down.
        let mut n = 0;
        for y in px(media[3] - y1)..px(media[3] - y0) {
            for x in px(x0)..px(x1) {
                if (0..w as i64).contains(&x) && (0..h as i64).contains(&y) && pixels[y as usize * w + x as usize] < 160 {
                    n += 1;
                }
            }
        }
        n
    };
    // Top-left crop marks: left of the bleed on the trim's top line, above the bleed on its left line.
    assert!(dark(media[0], trim[3] - 2.0, bleed[0], trim[3] + 2.0) > 0, "no horizontal crop mark at the top-left");
    assert!(dark(trim[0] - 2.0, bleed[3], trim[0] + 2.0, media[3]) > 0, "no vertical crop mark at the top-left");
    // A registration target above the middle of the page.
    let mid = (trim[0] + trim[2]) / 2.0;
    assert!(dark(mid - 10.0, bleed[3], mid + 10.0, media[3]) > 5, "no registration target at the top");
    // Nothing drawn between the trim and the bleed edge at the top-left corner region.
    assert_eq!(dark(bleed[0] + 1.0, trim[3] + 1.0, trim[0] - 1.0, bleed[3] - 1.0), 0, "marks must stay outside the bleed");
}

fn parse_pgm(b: &[u8]) -> (usize, usize, Vec<u8>) {
    // P5\n<w> <h>\n255\n<data>
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while b[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !b[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&b[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, b[i + 1..i + 1 + w * h].to_vec())
}

/// A plate with white the copy leaves (开天窗) is not fit to print: a tabloid page whose one
/// story (TEST DATA: a sentence written for this test) has a hand block of three columns down
/// the page, its copy two lines, builds its proofs with a `hole` and an `underset` warning, but
/// with `--press` both are errors naming the fix, exit 1 and nothing written — the proofs of an
/// earlier build left as they were; with `--allow-holes` (the space kept for something placed
/// later) the plates are written, the findings warnings again.
#[test]
fn press_plates_refuse_white_the_copy_leaves() {
    let p = TestProject::sample();
    common::page_edition(&p, "white", "tabloid", &[("a", "# TEST DATA\nheadline = \"测试\"\nbody = \"\"\"\n全市社会消费品零售总额1102.68亿元，同比增长6.4%。\n\"\"\"\n\n[block]\ncolumn = 1\nspan = 3\ntop = 0\nheight = 64\n".to_string())]);
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "content/white", "--out", "out"];
        args.extend_from_slice(extra);
        folio_in(p.root(), &args, None)
    };
    let run = build(&[]);
    run.assert_code(0);
    assert!(run.stderr().contains("warning: hole on page 1") && run.stderr().contains("warning: underset on page 1"), "{}", run.stderr());
    std::fs::write(p.out().join("white.pdf"), b"the earlier build").unwrap();

    let run = build(&["--press"]);
    run.assert_code(1);
    run.assert_stderr_has(&["error: hole on page 1", "error: underset on page 1", "not on press plates", "--allow-holes", "no output was written"]);
    assert!(!p.out().join("white-press").exists(), "no plates");
    assert_eq!(std::fs::read(p.out().join("white.pdf")).unwrap(), b"the earlier build", "the proofs as they were");

    let run = build(&["--press", "--allow-holes"]);
    run.assert_code(0);
    assert!(run.stderr().contains("warning: hole on page 1") && !run.stderr().contains("error:"), "{}", run.stderr());
    assert_eq!(std::fs::read_dir(p.out().join("white-press")).unwrap().count(), 1, "one plate");
    assert!(std::fs::read(p.out().join("white.pdf")).unwrap().starts_with(b"%PDF"), "the proofs written again");
    // `--allow-holes` means nothing without plates: a usage error.
    build(&["--allow-holes"]).assert_code(2);
    // A newsroom's script checks as the plates are checked: `folio check --press` has the same
    // errors, exit 1; plain `folio check`, warnings.
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "content/white", "--format", "json"];
        args.extend_from_slice(extra);
        let run = p.folio(&args);
        let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
        let of = |code: &str| v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == code).map(|f| f["severity"].as_str().unwrap().to_string()).collect::<Vec<_>>();
        (run.code(), of("hole"), of("underset"))
    };
    assert_eq!(check(&[]), (0, vec!["warning".to_string()], vec!["warning".to_string()]));
    assert_eq!(check(&["--press"]), (1, vec!["error".to_string()], vec!["error".to_string()]));
}

#[test]
fn zero_bleed_puts_all_boxes_on_the_trim() {
    let p = TestProject::sample();
    build(&p, &["--press", "--bleed", "0"]);
    for f in plates(&p.out()) {
        let v = pdfx::check(&std::fs::read(&f).unwrap());
        assert!(v.is_empty(), "{}", v.join("\n"));
        let trim = pdfinfo_box(&f, "TrimBox").unwrap();
        assert_eq!(pdfinfo_box(&f, "BleedBox").unwrap(), trim);
        assert_eq!(pdfinfo_box(&f, "MediaBox").unwrap(), trim);
        assert!((mm(trim[2] - trim[0]) - TRIM_MM.0).abs() < 0.1);
    }
    // Bad bleeds are usage errors.
    let run = folio_in(p.root(), &["build", &format!("content/{SAMPLE}"), "--press", "--bleed", "-1"], None);
    assert_ne!(run.code(), 0);
    let run = folio_in(p.root(), &["build", &format!("content/{SAMPLE}"), "--press", "--bleed", "40"], None);
    run.assert_code(2);
    run.assert_stderr_has(&["--bleed 40", "between 0 and 20 mm"]);
}

#[test]
fn archive_is_pdfa3b_with_its_sources_and_edition_metadata() {
    let p = TestProject::sample();
    build(&p, &["--archive"]);
    let file = p.out().join(format!("{SAMPLE}-archive.pdf"));
    qpdf_clean(&file);
    let xmp = xmp_of(&file);
    let xml = roxmltree::Document::parse(&xmp).unwrap_or_else(|e| panic!("XMP is not well-formed: {e}\n{xmp}"));
    let pdfaid = "http://www.aiim.org/pdfa/ns/id/";
    assert_eq!(pdfx::xmp_property(&xml, pdfaid, "part").as_deref(), Some("3"));
    assert_eq!(pdfx::xmp_property(&xml, pdfaid, "conformance").as_deref(), Some("B"));
    let folio = "https://folio.invalid/ns/edition/1.0/";
    for (name, value) in [("paper", "示例日报"), ("date", "2023-06-26"), ("issue", "8888"), ("pages", "2"), ("sections", "专版")] {
        assert_eq!(pdfx::xmp_property(&xml, folio, name).as_deref(), Some(value), "folio:{name}");
    }
    // PDF/A: every property of a schema that is not predefined is described by an extension schema.
    let declared: Vec<&str> = xml
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some("http://www.aiim.org/pdfa/ns/property#") && n.tag_name().name() == "name")
        .filter_map(|n| n.text())
        .collect();
    let used: Vec<&str> = xml.descendants().filter(|n| n.is_element() && n.tag_name().namespace() == Some(folio)).map(|n| n.tag_name().name()).collect();
    assert_eq!(used.len(), 6, "{used:?}");
    for u in used {
        assert!(declared.contains(&u), "folio:{u} is not declared in the PDF/A extension schema");
    }
    let schema_ns: Vec<&str> = xml.descendants().filter(|n| n.tag_name().name() == "namespaceURI").filter_map(|n| n.text()).collect();
    assert!(schema_ns.contains(&folio), "{schema_ns:?}");
    // An XMP property appears once: one list of extension schemas (typst's, with folio's added).
    let lists = xml.descendants().filter(|n| n.tag_name().namespace() == Some("http://www.aiim.org/pdfa/ns/extension/") && n.tag_name().name() == "schemas").count();
    assert_eq!(lists, 1);
    // The same for every property of the packet.
    let mut props: Vec<(String, String)> = xml
        .descendants()
        .filter(|n| n.parent_element().is_some_and(|p| p.tag_name().name() == "Description" && p.tag_name().namespace() == Some("http://www.w3.org/1999/02/22-rdf-syntax-ns#")))
        .filter(|n| n.is_element())
        .map(|n| (n.tag_name().namespace().unwrap_or("").to_string(), n.tag_name().name().to_string()))
        .collect();
    let n = props.len();
    props.sort();
    props.dedup();
    assert_eq!(props.len(), n, "an XMP property appears twice");
    // Every story headline, read from the story files themselves.
    for entry in std::fs::read_dir(p.sample_dir().join("stories")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let story: toml::Value = toml::from_str(&text).unwrap();
        // The editor's line break (a newline) is layout; the XMP has the headline's text.
        let headline = story["headline"].as_str().unwrap().replace('\n', "");
        assert!(xmp.contains(&format!("<rdf:li>{headline}</rdf:li>")), "XMP lacks headline {headline}");
    }
    // The attachments, as poppler lists them, are every file the build read.
    let list = poppler("pdfdetach", &["-list", file.to_str().unwrap()]);
    let mut expected = vec![
        format!("content/{SAMPLE}/edition.toml"),
        format!("content/{SAMPLE}/photos/chaji.jpg"),
        format!("content/{SAMPLE}/photos/xunjing.jpg"),
        "layouts/formats.toml".into(),
        "layouts/edition.typ".into(),
        "layouts/style.typ".into(),
    ];
    for entry in std::fs::read_dir(p.sample_dir().join("stories")).unwrap() {
        expected.push(format!("content/{SAMPLE}/stories/{}", entry.unwrap().file_name().to_string_lossy()));
    }
    for e in &expected {
        assert!(list.lines().any(|l| l.ends_with(&format!(": {e}"))), "{e} not attached:\n{list}");
    }
    // Each is an associated file with relationship Source and a MIME type.
    let doc = lopdf::Document::load(&file).unwrap();
    let af = doc.catalog().unwrap().get(b"AF").unwrap().as_array().unwrap();
    assert!(af.len() >= expected.len());
    for spec in af {
        let spec = doc.get_dictionary(spec.as_reference().unwrap()).unwrap();
        assert_eq!(spec.get(b"AFRelationship").unwrap().as_name().unwrap(), b"Source");
        assert!(spec.has(b"F") && spec.has(b"UF"));
        let ef = spec.get(b"EF").unwrap().as_dict().unwrap().get(b"F").unwrap().as_reference().unwrap();
        let ef = doc.get_object(ef).unwrap().as_stream().unwrap();
        assert!(ef.dict.get(b"Subtype").unwrap().as_name().unwrap().contains(&b'/'), "MIME type");
        assert!(ef.dict.get(b"Params").unwrap().as_dict().unwrap().has(b"ModDate"));
    }
    let m = manifest(&p.out());
    let e = manifest_entry(&m, &format!("{SAMPLE}-archive.pdf"));
    assert_eq!(e["standard"], "PDF/A-3b");
    assert_eq!(e["pages"], 2);
}

#[test]
fn extract_then_rebuild_gives_the_same_bytes() {
    let p = TestProject::sample();
    build(&p, &["--archive"]);
    let archive = p.out().join(format!("{SAMPLE}-archive.pdf"));
    let original = std::fs::read(&archive).unwrap();
    let proof = std::fs::read(p.out().join(format!("{SAMPLE}.pdf"))).unwrap();

    // Extract into a folder somewhere else entirely.
    let elsewhere = tempfile::tempdir().unwrap();
    let dir = elsewhere.path().join("restored");
    let run = folio_in(elsewhere.path(), &["extract", archive.to_str().unwrap(), "restored"], None);
    run.assert_code(0);
    assert!(dir.join("layouts/edition.typ").is_file() && dir.join(format!("content/{SAMPLE}/edition.toml")).is_file());
    assert_eq!(
        std::fs::read(dir.join(format!("content/{SAMPLE}/photos/xunjing.jpg"))).unwrap(),
        std::fs::read(p.sample_dir().join("photos/xunjing.jpg")).unwrap()
    );
    let run = folio_in(&dir, &["build", &format!("content/{SAMPLE}"), "--out", "out", "--archive"], None);
    run.assert_code(0);
    assert!(std::fs::read(dir.join(format!("out/{SAMPLE}-archive.pdf"))).unwrap() == original, "the rebuilt archive differs");
    assert!(std::fs::read(dir.join(format!("out/{SAMPLE}.pdf"))).unwrap() == proof, "the rebuilt proof differs");

    // Extract refuses a non-empty folder.
    let run = folio_in(elsewhere.path(), &["extract", archive.to_str().unwrap(), "restored"], None);
    run.assert_code(1);
    run.assert_stderr_has(&["not empty"]);
}

#[test]
fn no_attach_gives_pdfa2b_without_sources() {
    let p = TestProject::sample();
    build(&p, &["--archive", "--no-attach"]);
    let file = p.out().join(format!("{SAMPLE}-archive.pdf"));
    qpdf_clean(&file);
    let xmp = xmp_of(&file);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>") && xmp.contains("<folio:issue>8888</folio:issue>"), "{xmp}");
    let list = poppler("pdfdetach", &["-list", file.to_str().unwrap()]);
    assert!(list.starts_with("0 embedded files"), "{list}");
    let m = manifest(&p.out());
    assert_eq!(manifest_entry(&m, &format!("{SAMPLE}-archive.pdf"))["standard"], "PDF/A-2b");
    let run = folio_in(p.root(), &["extract", file.to_str().unwrap(), "x"], None);
    run.assert_code(1);
    run.assert_stderr_has(&["has no attached sources"]);
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap().path();
            if e.is_dir() {
                stack.push(e);
            } else {
                out.push((e.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(&e).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn two_builds_are_byte_identical_and_the_manifest_is_true() {
    let a = TestProject::sample();
    let b = TestProject::sample();
    build(&a, &["--press", "--marks", "--archive"]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build(&b, &["--press", "--marks", "--archive"]);
    let (ta, tb) = (tree(&a.out()), tree(&b.out()));
    assert_eq!(ta.len(), 6, "proofs, two plates, archive, manifest: {:?}", ta.iter().map(|t| &t.0).collect::<Vec<_>>());
    for ((na, ba), (nb, bb)) in ta.iter().zip(&tb) {
        assert_eq!(na, nb);
        assert!(ba == bb, "{na} differs between two builds");
    }
    // The manifest lists each PDF with its real hash, page count and first page's boxes (a
    // proof's taken from the document it was written from, the others' read back: either way
    // what the file says).
    let m = manifest(&a.out());
    let files = m["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    for e in files {
        let bytes = std::fs::read(a.out().join(e["file"].as_str().unwrap())).unwrap();
        assert_eq!(e["sha256"], sha256(&bytes));
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(e["pages"], doc.get_pages().len());
        assert_eq!(e["edition"], SAMPLE);
        let first = *doc.get_pages().values().next().unwrap();
        let mm = |b: [f64; 4]| [b[2] - b[0], b[3] - b[1]].map(|pt| (pt / (72.0 / 25.4) * 100.0).round() / 100.0);
        let media = mm(page_box(&doc, first, b"MediaBox").expect("a MediaBox"));
        let trim = page_box(&doc, first, b"TrimBox").map_or(media, mm);
        assert_eq!(e["media_mm"], serde_json::json!(media), "{}", e["file"]);
        assert_eq!(e["trim_mm"], serde_json::json!(trim), "{}", e["file"]);
    }
    // The dates are the edition's, not the clock's.
    let info = poppler("pdfinfo", &[a.out().join(format!("{SAMPLE}.pdf")).to_str().unwrap()]);
    assert!(info.contains("CreationDate:    Mon Jun 26 00:00:00 2023 UTC"), "{info}");
}

#[test]
fn source_date_epoch_sets_the_dates_reproducibly() {
    let p = TestProject::sample();
    let ed = format!("content/{SAMPLE}");
    // 2024-01-02 03:04:05 UTC
    for out in ["o1", "o2"] {
        folio_in(p.root(), &["build", &ed, "--out", out, "--press"], Some("1704164645")).assert_code(0);
    }
    let plate = format!("{SAMPLE}-press/{SAMPLE}-p04.pdf");
    let one = std::fs::read(p.root().join("o1").join(&plate)).unwrap();
    assert!(one == std::fs::read(p.root().join("o2").join(&plate)).unwrap());
    let info = poppler("pdfinfo", &[p.root().join("o1").join(&plate).to_str().unwrap()]);
    assert!(info.contains("CreationDate:    Tue Jan  2 03:04:05 2024 UTC"), "{info}");
    let xmp = xmp_of(&p.root().join("o1").join(&plate));
    assert!(xmp.contains("<xmp:CreateDate>2024-01-02T03:04:05+00:00</xmp:CreateDate>"), "{xmp}");
    let run = folio_in(p.root(), &["build", &ed, "--out", "o3"], Some("yesterday"));
    run.assert_code(1);
    run.assert_stderr_has(&["SOURCE_DATE_EPOCH", "whole number of seconds"]);
}

#[test]
fn batch_builds_the_good_editions_when_one_fails() {
    let p = TestProject::sample();
    for name in ["second", "broken"] {
        copy_dir(&p.sample_dir(), &p.root().join("content").join(name));
    }
    p.edit("content/broken/edition.toml", |t| t.replace("issue = 8888", "issue = \"eight\""));
    std::fs::write(p.root().join("content/README.md"), "editions live here\n").unwrap();
    let run = folio_in(
        p.root(),
        &["build", "content/README.md", "content/broken", &format!("content/{SAMPLE}"), "content/second", "--out", "out", "--press", "--jobs", "100000"],
        None,
    );
    run.assert_code(1);
    // `--jobs` past the editions' count: a thread an edition (4 000 threads for two editions
    // took a minute until session 40).
    assert!(run.stdout().contains("with 3 jobs"), "{}", run.stdout());
    let out = p.out();
    for name in [SAMPLE, "second"] {
        assert!(out.join(format!("{name}.pdf")).is_file(), "{name} was not built:\n{}", run.stderr());
        assert!(out.join(format!("{name}-press/{name}-p05.pdf")).is_file());
    }
    assert!(!out.join("broken.pdf").exists());
    run.assert_stderr_has(&["content/broken/edition.toml", "FAILED content/broken", "1 of 3 editions failed"]);
    assert!(run.stdout().contains("built 2 of 3 editions"), "{}", run.stdout());
    // Plain lines (not a terminal), one per edition.
    assert_eq!(run.stderr().matches("] built ").count(), 2, "{}", run.stderr());
    let m = manifest(&out);
    let editions: std::collections::BTreeSet<&str> = m["files"].as_array().unwrap().iter().map(|e| e["edition"].as_str().unwrap()).collect();
    assert_eq!(editions.into_iter().collect::<Vec<_>>(), vec![SAMPLE, "second"]);
}

#[test]
fn batch_refuses_editions_whose_outputs_would_collide() {
    let p = TestProject::sample();
    copy_dir(&p.sample_dir(), &p.root().join(format!("other/{SAMPLE}")));
    copy_dir(&p.sample_dir(), &p.root().join("content/fine"));
    let run = folio_in(p.root(), &["build", &format!("content/{SAMPLE}"), &format!("other/{SAMPLE}"), "content/fine", "--out", "out"], None);
    run.assert_code(1);
    run.assert_stderr_has(&["would write the same output files", "2 of 3 editions failed"]);
    assert!(p.out().join("fine.pdf").is_file());
    assert!(!p.out().join(format!("{SAMPLE}.pdf")).exists(), "neither colliding edition may be written");
}

/// The colour column of `pdfimages -list`, one entry per image.
fn image_colours(file: &Path) -> Vec<String> {
    poppler("pdfimages", &["-list", file.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().nth(5).unwrap().to_string())
        .collect()
}

#[test]
fn cmyk_photos_stay_cmyk_on_plates_and_are_calibrated_in_the_archive() {
    // A mono page: folio makes its photo a K-only CMYK JPEG, which PDF/A in typst cannot carry.
    let p = TestProject::sample();
    p.edit(&format!("content/{SAMPLE}/edition.toml"), |t| t.replacen("section = \"专版\"", "section = \"专版\"\nmono = true", 1));
    build(&p, &["--press", "--archive"]);
    let plate = &plates(&p.out())[0];
    assert_eq!(image_colours(plate), ["cmyk"], "the plate keeps the K-only photo");
    let v = pdfx::check(&std::fs::read(plate).unwrap());
    assert!(v.is_empty(), "{}", v.join("\n"));
    let archive = p.out().join(format!("{SAMPLE}-archive.pdf"));
    let colours = image_colours(&archive);
    assert_eq!(colours.len(), 2);
    assert!(colours.iter().all(|c| c == "icc"), "archive images must be ICC-based, not CMYK: {colours:?}");
    let xmp = xmp_of(&archive);
    assert!(xmp.contains("<pdfaid:part>3</pdfaid:part>"));
}

#[test]
fn tabloid_plates_pass_and_its_archive_carries_photos_from_another_edition() {
    // The tabloid sample (masthead, ear, vertical heads, jumps) places photos that live in the
    // broadsheet sample's folder: the archive must carry them and extract must put them back.
    let p = TestProject::sample();
    copy_dir(&repo().join("content/jiangxi-tabloid"), &p.root().join("content/jiangxi-tabloid"));
    let run = folio_in(p.root(), &["build", "content/jiangxi-tabloid", "--out", "out", "--press", "--marks", "--archive"], None);
    run.assert_code(0);
    let dir = p.out().join("jiangxi-tabloid-press");
    let mut n = 0;
    for f in std::fs::read_dir(&dir).unwrap() {
        let f = f.unwrap().path();
        let v = pdfx::check(&std::fs::read(&f).unwrap());
        assert!(v.is_empty(), "{}:\n{}", f.display(), v.join("\n"));
        qpdf_clean(&f);
        n += 1;
    }
    assert_eq!(n, 4, "one plate per tabloid page");
    let archive = p.out().join("jiangxi-tabloid-archive.pdf");
    let list = poppler("pdfdetach", &["-list", archive.to_str().unwrap()]);
    assert!(list.contains(&format!("content/{SAMPLE}/photos/chaji.jpg")), "{list}");
    let elsewhere = tempfile::tempdir().unwrap();
    folio_in(elsewhere.path(), &["extract", archive.to_str().unwrap(), "r"], None).assert_code(0);
    let restored = elsewhere.path().join("r");
    folio_in(&restored, &["build", "content/jiangxi-tabloid", "--out", "out", "--archive"], None).assert_code(0);
    assert!(std::fs::read(restored.join("out/jiangxi-tabloid-archive.pdf")).unwrap() == std::fs::read(&archive).unwrap());
}

/// Every PDF a build writes — pages, spreads, plates, the archive copy — reads in poppler's
/// `pdfinfo` (Debian 12's, the one print shops run) with nothing on its error stream: typst-pdf's
/// `/Suspects false` in the catalog made it print "Syntax Error: Suspects object is wrong type
/// (boolean)" for each; the files are otherwise unchanged (qpdf still finds no error).
#[test]
fn pdfinfo_reads_every_output_without_an_error() {
    let p = TestProject::sample();
    build(&p, &["--press", "--archive"]);
    let mut pdfs: Vec<std::path::PathBuf> = std::fs::read_dir(p.out()).unwrap().map(|e| e.unwrap().path()).filter(|f| f.extension().is_some_and(|x| x == "pdf")).collect();
    pdfs.extend(plates(&p.out()));
    assert!(pdfs.len() >= 5, "pages, spreads, archive and two plates: {pdfs:?}");
    for f in &pdfs {
        let out = std::process::Command::new("pdfinfo").arg(f).output().expect("pdfinfo (poppler-utils)");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && err.trim().is_empty(), "pdfinfo {}: {err}", f.display());
        qpdf_clean(f);
        let doc = lopdf::Document::load(f).unwrap();
        if let Ok(mark) = doc.catalog().unwrap().get(b"MarkInfo").and_then(lopdf::Object::as_dict) {
            assert!(matches!(mark.get(b"Marked"), Ok(lopdf::Object::Boolean(true))), "{}: still marked (tagged)", f.display());
        }
    }
}
