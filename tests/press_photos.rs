//! Photos on the press plates: RGB photos are separated into CMYK through the newsprint profile
//! (the plates' output intent), so no plate image is RGB, the photo pages carry C, M and Y ink
//! within the profile's ink limit, and the preflight's coverage figure is what the plates carry.
//! The proofs keep the photos RGB. Read back from the PDF bytes (lopdf) and Ghostscript.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The bundled profile's total ink limit (icc/make-profile.sh, `colprof -l240`).
const INK_LIMIT: f64 = 240.0;

fn press_plates(p: &TestProject) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(p.out().join(format!("{SAMPLE}-press")))
        .expect("plate folder")
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// The largest C+M+Y+K (percent) of a one-page PDF over areas of about half a millimetre, as
/// press preflight judges coverage: rendered by Ghostscript in CMYK at 150 dpi (`pamcmyk32`: 8
/// bits per ink, 255 = solid; DeviceCMYK images reach the raster unchanged) and averaged over
/// blocks of 3 × 3 pixels. (Single pixels of a JPEG scatter a few percent either way.)
fn gs_max_tac(pdf: &Path) -> f64 {
    let out = gs(&["-q", "-o", "-", "-sDEVICE=pamcmyk32", "-r150", pdf.to_str().unwrap()]);
    let end = out.windows(7).position(|w| w == b"ENDHDR\n").expect("a PAM header") + 7;
    let header = String::from_utf8_lossy(&out[..end]).into_owned();
    assert!(header.contains("DEPTH 4") && header.contains("MAXVAL 255"), "{header}");
    let field = |name: &str| -> usize {
        header.lines().find_map(|l| l.strip_prefix(name)).and_then(|v| v.trim().parse().ok()).unwrap_or_else(|| panic!("{name} in {header}"))
    };
    let (w, h) = (field("WIDTH"), field("HEIGHT"));
    let tac: Vec<u32> = out[end..].chunks_exact(4).map(|p| p.iter().map(|&v| u32::from(v)).sum()).collect();
    assert_eq!(tac.len(), w * h);
    let mut max = 0;
    for by in (0..h - 2).step_by(3) {
        for bx in (0..w - 2).step_by(3) {
            let sum: u32 = (by..by + 3).flat_map(|y| tac[y * w + bx..y * w + bx + 3].iter()).sum();
            max = max.max(sum);
        }
    }
    100.0 * f64::from(max) / 9.0 / 255.0
}

#[test]
fn rgb_photos_are_separated_into_cmyk_on_the_plates_only() {
    let p = TestProject::sample();
    let check = p.folio(&["check", &format!("content/{SAMPLE}"), "--format", "json"]);
    check.assert_code(0);
    let report: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    let pages = report["pages"].as_array().unwrap();
    assert!(pages.iter().all(|pg| pg["photos"].as_array().unwrap().iter().all(|ph| ph["colour"] == "rgb")), "the sample's photos are delivered RGB");
    let run = p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out", "--press"]);
    run.assert_code(0);
    let plates = press_plates(&p);
    assert_eq!(plates.len(), pages.len());

    // The proofs keep the photos as delivered: RGB (ICC-based, three components).
    let proof = pdf_images(&p.out().join(format!("{SAMPLE}.pdf")));
    assert!(!proof.is_empty() && proof.iter().all(|i| i.components == 3), "proof images: {proof:?}");

    let mut photo_pages = 0;
    for (plate, page) in plates.iter().zip(pages) {
        // No plate image is RGB: every photo is DeviceCMYK (or ICC-based with four components).
        let spaces = pdf_images(plate);
        assert!(spaces.iter().all(|i| i.components == 4), "{}: plate images must be CMYK: {spaces:?}", plate.display());
        let photos = page["photos"].as_array().unwrap().len();
        assert_eq!(spaces.len(), photos, "{}: one image per photo", plate.display());
        if photos == 0 {
            continue;
        }
        photo_pages += 1;
        // The photo's colours reach the C, M and Y plates …
        let cov = inkcov(plate)[0];
        assert!(cov[0] > 0.01 && cov[1] > 0.01 && cov[2] > 0.01, "{}: the photo page carries C, M and Y ink: {cov:?}", plate.display());
        // … within the profile's total ink limit (give or take JPEG's noise), …
        let tac = gs_max_tac(plate);
        assert!(tac > 200.0, "{}: the photo's dark areas carry more than K: {tac:.1}%", plate.display());
        assert!(tac <= INK_LIMIT + 5.0, "{}: the plate's maximum ink {tac:.1}% exceeds the profile's {INK_LIMIT}%", plate.display());
        // … and the preflight's figure (the RGB photo separated the same way) is the plates'.
        let reported = page["max_ink"].as_f64().unwrap();
        assert!((reported - tac).abs() <= 5.0, "{}: preflight says {reported:.1}%, the plate carries {tac:.1}%", plate.display());
    }
    assert!(photo_pages > 0, "the sample has photo pages");
}

/// The image XObjects of a PDF as (data, /Filter name, wrapped in a Form XObject).
fn image_streams(pdf: &Path) -> Vec<(Vec<u8>, String, bool)> {
    let doc = lopdf::Document::load(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    let name = |s: &lopdf::Stream, key: &[u8]| s.dict.get(key).ok().and_then(|n| n.as_name().ok()).map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
    // Images a Form XObject's resources name.
    let in_forms: Vec<lopdf::ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| name(s, b"Subtype") == "Form")
        .filter_map(|s| s.dict.get(b"Resources").ok())
        .filter_map(|r| match r {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
            o => o.as_dict().ok(),
        })
        .filter_map(|r| r.get(b"XObject").ok())
        .filter_map(|x| match x {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
            o => o.as_dict().ok(),
        })
        .flat_map(|x| x.iter().filter_map(|(_, v)| v.as_reference().ok()).collect::<Vec<_>>())
        .collect();
    doc.objects
        .iter()
        .filter_map(|(id, o)| o.as_stream().ok().map(|s| (id, s)))
        .filter(|(_, s)| name(s, b"Subtype") == "Image")
        .map(|(id, s)| (s.content.clone(), name(s, b"Filter"), in_forms.contains(id)))
        .collect()
}

/// Typst decodes every raster image it lays out and keeps the pixels for the whole build,
/// although the PDF takes a JPEG's bytes as they are; folio hands it the photos printed as
/// delivered as one-page PDFs that draw them (`layout::forms`). The pages and spread PDFs
/// must still carry each photo's JPEG byte for byte, and the archive (PDF/A forbids embedded
/// pages) and the plates keep plain images.
#[test]
fn photos_printed_as_delivered_reach_the_pdfs_byte_for_byte_without_typst_decoding_them() {
    let p = TestProject::sample();
    // The compile hands Typst no raster photo to decode.
    let mut session = session(&p, SAMPLE);
    let report = session.compile().unwrap_or_else(|e| panic!("{e:?}"));
    fn kinds(frame: &typst::layout::Frame, out: &mut Vec<&'static str>) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(g) => kinds(&g.frame, out),
                typst::layout::FrameItem::Image(image, _, _) => out.push(match image.kind() {
                    typst::visualize::ImageKind::Raster(_) => "raster",
                    typst::visualize::ImageKind::Pdf(_) => "pdf",
                    typst::visualize::ImageKind::Svg(_) => "svg",
                }),
                _ => {}
            }
        }
    }
    let mut seen = Vec::new();
    for page in report.compiled.document.pages() {
        kinds(&page.frame, &mut seen);
    }
    assert!(!seen.is_empty() && seen.iter().all(|k| *k == "pdf"), "the sample's photos go to Typst as PDF pages: {seen:?}");
    // Their ink is still measured (from the JPEG): the preflight reports the photos' coverage.
    let check = p.folio(&["check", &format!("content/{SAMPLE}"), "--format", "json"]);
    check.assert_code(0);
    let json: serde_json::Value = serde_json::from_str(&check.stdout()).unwrap();
    let ink: Vec<(f64, u64)> = json["pages"].as_array().unwrap().iter().filter(|pg| !pg["photos"].as_array().unwrap().is_empty()).map(|pg| (pg["max_ink"].as_f64().unwrap_or(0.0), pg["rgb_photos"].as_u64().unwrap_or(0))).collect();
    assert!(!ink.is_empty() && ink.iter().all(|&(tac, rgb)| tac > 100.0 && rgb > 0), "photo pages' ink (max, RGB photos): {ink:?}\n{}", check.stdout());

    p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out", "--press", "--archive"]).assert_code(0);
    let photos: Vec<Vec<u8>> = std::fs::read_dir(p.sample_dir().join("photos")).unwrap().map(|e| std::fs::read(e.unwrap().path()).unwrap()).collect();
    assert!(!photos.is_empty());
    for file in [format!("{SAMPLE}.pdf"), format!("{SAMPLE}-spread.pdf")] {
        let images = image_streams(&p.out().join(&file));
        for jpeg in &photos {
            assert!(
                images.iter().any(|(data, filter, in_form)| data == jpeg && filter == "DCTDecode" && *in_form),
                "{file}: a photo's JPEG inside a form, byte for byte ({} images)",
                images.len()
            );
        }
    }
    let archive = std::fs::read_dir(p.out()).unwrap().map(|e| e.unwrap().path()).find(|f| f.to_string_lossy().contains("archive") && f.extension().is_some_and(|e| e == "pdf")).expect("the archive copy");
    let mut plain = press_plates(&p);
    plain.push(archive);
    for file in plain {
        assert!(image_streams(&file).iter().all(|(_, _, in_form)| !in_form), "{}: no photo inside a form", file.display());
    }
}

/// What a build learns of its photos (decoded strictly without a fault, their ink) is kept in
/// the cache folder for the next build, keyed by the photos' very bytes: the next build takes
/// it (a forged figure in the cache shows in its report, so nothing was decoded again), and a
/// photo changed since, here truncated, is decoded again and refused whatever the cache says.
#[test]
fn photos_measurements_are_kept_between_builds_for_the_same_bytes_only() {
    let p = TestProject::sample();
    let cache = p.root().join("cache");
    let build = || {
        let mut cmd = p.folio_command(&["build", &format!("content/{SAMPLE}"), "--out", "out"], &[("LANG", "C")]);
        Run(cmd.env("FOLIO_CACHE_DIR", &cache).output().expect("run folio"))
    };
    build().assert_code(0);
    let files: Vec<PathBuf> = std::fs::read_dir(&cache)
        .expect("the cache folder")
        .map(|e| e.unwrap().path())
        .filter(|f| f.file_name().unwrap().to_str().unwrap().starts_with("photos-"))
        .collect();
    assert_eq!(files.len(), 1, "one photos' cache file: {files:?}");
    let mut kept: serde_json::Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    let photos = kept["photos"].as_object_mut().expect("photos by their bytes' hash");
    assert_eq!(photos.len(), 2, "both photos of the sample are kept: {photos:?}");
    let xunjing = sha256(&std::fs::read(p.sample_dir().join("photos/xunjing.jpg")).unwrap());
    assert!(photos.contains_key(&xunjing), "kept under the SHA-256 of the file's bytes");
    for (_, photo) in photos.iter_mut() {
        assert_eq!(photo["verified"], true, "{photo}");
        let tac = photo["ink"]["max_tac"].as_f64().expect("an ink figure");
        assert!(tac > 150.0 && tac <= INK_LIMIT + 1.0, "a photo's ink as measured: {tac}");
        photo["ink"]["max_tac"] = serde_json::json!(123.0);
    }
    std::fs::write(&files[0], serde_json::to_vec(&kept).unwrap()).unwrap();

    // The forged figure is taken: the photos were not decoded again.
    let second = build();
    second.assert_code(0);
    assert_eq!(second.stdout().matches("ink max 123%").count(), 2, "the kept figures are used: {}", second.stdout());

    // Cut the photo short: other bytes, so nothing kept applies; decoded again, and refused.
    let photo = p.sample_dir().join("photos/xunjing.jpg");
    let bytes = std::fs::read(&photo).unwrap();
    std::fs::write(&photo, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let third = build();
    assert_ne!(third.code(), 0, "a truncated photo is refused: {}", third.stderr());
    third.assert_stderr_has(&["xunjing.jpg", "truncated"]);
}

/// The front page's ear photo (报眼) is prepared as a story photo is (session 41's hostile
/// tester: a 3000 × 2000 ear photo went into the PDF at 1 081 ppi, and stayed ICC-based RGB on the
/// press plates beside CMYK story photos): downsampled near the target resolution in every PDF,
/// separated into CMYK on the plates. Read back from the PDFs' image XObjects.
#[test]
fn an_ear_photo_is_downsampled_and_separated_as_a_story_photo_is() {
    const TABLOID: &str = "content/jiangxi-tabloid/edition.toml";
    let p = TestProject::sample();
    std::fs::create_dir_all(p.root().join("content/jiangxi-tabloid/photos")).unwrap();
    gradient(&p.root().join("content/jiangxi-tabloid/photos/ear.jpg"), 3001, 2000, 200);
    p.edit(TABLOID, |t| {
        let from = t.find("items = [").unwrap();
        let to = from + t[from..].find("]\n").unwrap() + 2;
        format!("{}photo = \"photos/ear.jpg\"\n{}", &t[..from], &t[to..])
    });
    let run = p.folio(&["build", "content/jiangxi-tabloid", "--out", "out", "--press"]);
    run.assert_code(0);
    // The ear box is under a third of the tabloid's type area (about 90 mm): at 300 ppi and the
    // 1.5 × folio lets pass, fewer than 1 600 pixels across; delivered, 3 001 (the story photos
    // are 3 000).
    let proof = pdf_images(&p.out().join("jiangxi-tabloid.pdf"));
    assert!(proof.iter().all(|i| i.width != 3001), "the ear photo went into the proof as delivered: {proof:?}");
    let ears: Vec<i64> = proof.iter().map(|i| i.width).filter(|w| *w != 3000).collect();
    assert!(matches!(ears[..], [w] if w > 300 && w < 1600), "the proof's ear photo, downsampled: {proof:?}");
    let proof_ear = ears[0];
    let dir = p.out().join("jiangxi-tabloid-press");
    let mut plates: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    plates.sort();
    let front = pdf_images(&plates[0]);
    assert!(front.iter().any(|i| i.width == proof_ear), "the front plate carries the ear photo: {front:?}");
    assert!(front.iter().all(|i| i.components == 4), "front plate images must be CMYK: {front:?}");
}
