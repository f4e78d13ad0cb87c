//! Hostile input: photos — decided by content, every route, pixel budget, kept inside the block.
//!
//! What a photo file is comes from its bytes, not its name: JPEG and PNG (every PNG colour type
//! and depth, CMYK and progressive JPEG) print on every route — proofs, a `mono` page, the press
//! plates (separated to CMYK, transparency flattened onto paper white) and the PDF/A archive —
//! and anything else is refused on the story's `file` line with the fix. A header that declares
//! more pixels than the budget is refused before anything is decoded, with little memory. A
//! photo's `row` and `height` keep it inside its block.

use std::path::Path;

use crate::common::hostile::*;
use crate::common::*;

/// The structural PDF/X-4 checker of the press tests.
#[path = "../common/pdfx.rs"]
mod pdfx;

const XINYU: &str = "content/jiangxi-special/stories/xinyu.toml";
const LEAD: &str = "content/jiangxi-special/stories/jiujiang-lead.toml";
const XINYU_FILE: &str = "file = \"photos/xunjing.jpg\"";
const LEAD_FILE: &str = "file = \"photos/chaji.jpg\"";

/// A smooth picture with some detail: a colour gradient with a dark disc (so that photo pages
/// carry real ink), `w`×`h` pixels.
fn picture(w: u32, h: u32) -> image::RgbImage {
    image::RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
        let d = ((fx - 0.5).powi(2) + (fy - 0.5).powi(2)).sqrt();
        if d < 0.2 {
            image::Rgb([30, 40, 70])
        } else {
            image::Rgb([(60.0 + 180.0 * fx) as u8, (200.0 - 120.0 * fy) as u8, (90.0 + 100.0 * fx * fy) as u8])
        }
    })
}

const W: u32 = 900;
const H: u32 = 600;

fn png_of(img: image::DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out)).expect("encode PNG");
    out
}

fn rgb_png() -> Vec<u8> {
    png_of(image::DynamicImage::ImageRgb8(picture(W, H)))
}

/// RGBA with the left third fully transparent over black pixels: printed unflattened (or with
/// the alpha dropped) that third would be solid black.
fn rgba_png() -> Vec<u8> {
    let rgb = picture(W, H);
    let img = image::RgbaImage::from_fn(W, H, |x, y| {
        if x < W / 3 {
            image::Rgba([0, 0, 0, 0])
        } else {
            let p = rgb.get_pixel(x, y).0;
            image::Rgba([p[0], p[1], p[2], if x < W / 2 { 128 } else { 255 }])
        }
    });
    png_of(image::DynamicImage::ImageRgba8(img))
}

fn gray_png() -> Vec<u8> {
    png_of(image::DynamicImage::ImageRgb8(picture(W, H)).grayscale())
}

fn gray_alpha_png() -> Vec<u8> {
    let g = image::DynamicImage::ImageRgb8(picture(W, H)).into_luma8();
    let img = image::GrayAlphaImage::from_fn(W, H, |x, y| image::LumaA([g.get_pixel(x, y).0[0], if x < W / 3 { 0 } else { 255 }]));
    png_of(image::DynamicImage::ImageLumaA8(img))
}

fn rgb16_png() -> Vec<u8> {
    png_of(image::DynamicImage::ImageRgb16(image::DynamicImage::ImageRgb8(picture(W, H)).into_rgb16()))
}

/// An indexed-colour PNG (8-bit palette, one transparent entry), written with the png crate.
fn palette_png() -> Vec<u8> {
    let palette: Vec<[u8; 3]> = (0..=255u32).map(|i| [i as u8, (255 - i) as u8, ((i * 7) % 256) as u8]).collect();
    let mut trns = vec![255u8; 256];
    trns[0] = 0;
    let data: Vec<u8> = (0..W * H).map(|i| ((i % W) * 255 / W) as u8).collect();
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, W, H);
        enc.set_color(png::ColorType::Indexed);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_palette(palette.concat());
        enc.set_trns(trns);
        let mut w = enc.write_header().expect("PNG header");
        w.write_image_data(&data).expect("PNG data");
    }
    out
}

fn cmyk_jpeg() -> Vec<u8> {
    let rgb = picture(W, H);
    let cmyk: Vec<u8> = rgb.pixels().flat_map(|p| [255 - p.0[0], 255 - p.0[1], 255 - p.0[2], 0]).collect();
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 85).encode(&cmyk, W as u16, H as u16, jpeg_encoder::ColorType::Cmyk).expect("CMYK JPEG");
    out
}

fn progressive_jpeg() -> Vec<u8> {
    let rgb = picture(W, H);
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 85);
    enc.set_progressive(true);
    enc.encode(rgb.as_raw(), W as u16, H as u16, jpeg_encoder::ColorType::Rgb).expect("progressive JPEG");
    out
}

/// Write `bytes` as a photo of the sample and point the story `story`'s photo (`old` line) at it.
fn place(p: &TestProject, story: &str, old: &str, name: &str, bytes: &[u8]) {
    std::fs::write(p.sample_dir().join("photos").join(name), bytes).expect("write photo");
    let new = format!("file = \"photos/{name}\"");
    p.edit(story, |t| {
        assert!(t.contains(old), "{old} in {story}");
        t.replace(old, &new)
    });
}

/// The test photos are small (900×600): let them print without a resolution error.
fn low_ppi_ok(p: &TestProject) {
    p.edit("content/jiangxi-special/edition.toml", |t| format!("{t}\n[preflight]\nwarn_ppi = 10\nerror_ppi = 5\n"));
}

fn mono_pages(p: &TestProject) {
    p.edit("content/jiangxi-special/edition.toml", |t| t.replace("stories = [", "mono = true\nstories = ["));
}

/// Every image XObject of a PDF (soft masks left out): its colour space, number of components
/// and whether it carries a soft mask.
fn images(pdf: &Path) -> Vec<(String, i64, bool)> {
    pdf_images(pdf).into_iter().map(|i| (i.space, i64::from(i.components), i.smask)).collect()
}

/// A good build with `--press --archive`, read back: the proofs carry one image per photo, no
/// plate carries an RGB image or a soft mask and every plate passes the PDF/X-4 checker, a mono
/// page's plate carries K only, and the archive is a clean PDF/A-3b file with the photos
/// attached.
fn assert_prints_everywhere(p: &TestProject, photos: &[&str], mono: bool) {
    let run = p.folio(&["build", &format!("content/{SAMPLE}"), "--out", "out", "--press", "--archive"]);
    assert!(!run.stderr().contains("panicked"), "panic:\n{}", run.stderr());
    run.assert_code(0);
    let proof = images(&p.out().join(format!("{SAMPLE}.pdf")));
    assert_eq!(proof.len(), photos.len(), "one proof image per photo: {proof:?}");
    let dir = p.out().join(format!("{SAMPLE}-press"));
    let mut plates: Vec<_> = std::fs::read_dir(&dir).expect("plates").map(|e| e.unwrap().path()).collect();
    plates.sort();
    assert_eq!(plates.len(), 2, "{plates:?}");
    let mut placed = 0;
    for plate in &plates {
        let problems = pdfx::check(&std::fs::read(plate).unwrap());
        assert!(problems.is_empty(), "{}: {problems:?}", plate.display());
        let imgs = images(plate);
        placed += imgs.len();
        for (cs, n, smask) in &imgs {
            assert!(*n != 3, "{}: an RGB image on a plate ({cs})", plate.display());
            assert!(!smask, "{}: a soft mask on a plate: transparency must be flattened onto paper white", plate.display());
        }
        if mono {
            let cov = inkcov(plate)[0];
            assert!(cov[0] == 0.0 && cov[1] == 0.0 && cov[2] == 0.0 && cov[3] > 0.05, "{}: a mono page prints in K only: {cov:?}", plate.display());
        }
    }
    assert_eq!(placed, photos.len(), "one plate image per photo");
    let archive = p.out().join(format!("{SAMPLE}-archive.pdf"));
    let qpdf = std::process::Command::new("qpdf").arg("--check").arg(&archive).output().expect("qpdf is needed");
    assert!(qpdf.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&qpdf.stdout));
    let bytes = std::fs::read(&archive).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("<pdfaid:part>3</pdfaid:part>"), "the archive is PDF/A-3");
    assert_eq!(images(&archive).iter().filter(|(_, n, _)| *n == 4).count(), 0, "PDF/A carries no uncalibrated CMYK");
    let list = poppler("pdfdetach", &["-list", archive.to_str().unwrap()]);
    for ph in photos {
        assert!(list.contains(ph), "the archive carries {ph}: {list}");
    }
}

#[test]
fn png_and_jpeg_of_every_kind_print_on_every_route() {
    // (what, [(story, old line, file name, bytes)], mono pages)
    type Gen = fn() -> Vec<u8>;
    let cases: Vec<(&str, [(&str, &str, &str, Gen); 2], bool)> = vec![
        ("RGBA and palette PNGs on colour pages", [(XINYU, XINYU_FILE, "t-rgba.png", rgba_png), (LEAD, LEAD_FILE, "t-palette.png", palette_png)], false),
        ("gray and 16-bit PNGs on colour pages", [(XINYU, XINYU_FILE, "t-gray.png", gray_png), (LEAD, LEAD_FILE, "t-rgb16.png", rgb16_png)], false),
        ("a PNG named .jpg and a CMYK JPEG", [(XINYU, XINYU_FILE, "t-png-named.jpg", rgb_png), (LEAD, LEAD_FILE, "t-cmyk.jpg", cmyk_jpeg)], false),
        ("progressive JPEG and gray PNG with alpha", [(XINYU, XINYU_FILE, "t-progressive.jpg", progressive_jpeg), (LEAD, LEAD_FILE, "t-gray-alpha.png", gray_alpha_png)], false),
        ("RGBA and RGB PNGs on mono pages", [(XINYU, XINYU_FILE, "t-rgba.png", rgba_png), (LEAD, LEAD_FILE, "t-rgb.png", rgb_png)], true),
        ("palette and gray-alpha PNGs on mono pages", [(XINYU, XINYU_FILE, "t-palette.png", palette_png), (LEAD, LEAD_FILE, "t-gray-alpha.png", gray_alpha_png)], true),
    ];
    let mut failures = Vec::new();
    for (what, photos, mono) in cases {
        let p = TestProject::sample();
        low_ppi_ok(&p);
        if mono {
            mono_pages(&p);
        }
        for (story, old, name, make) in photos {
            place(&p, story, old, name, &make());
        }
        let names: Vec<&str> = photos.iter().map(|x| x.2).collect();
        if let Err(e) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| assert_prints_everywhere(&p, &names, mono))) {
            let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            failures.push(format!("{what}: {msg}"));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn proofs_render_png_photos_on_colour_and_mono_pages() {
    let p = TestProject::sample();
    low_ppi_ok(&p);
    p.edit("content/jiangxi-special/edition.toml", |t| t.replacen("stories = [", "mono = true\nstories = [", 1));
    place(&p, XINYU, XINYU_FILE, "t-rgba.png", &rgba_png());
    place(&p, LEAD, LEAD_FILE, "t-palette.png", &palette_png());
    let run = p.folio(&["proof", &format!("content/{SAMPLE}"), "--out", "out/proof", "--dpi", "20"]);
    assert!(!run.stderr().contains("panicked"), "panic:\n{}", run.stderr());
    run.assert_code(0);
    let pngs = std::fs::read_dir(p.out().join("proof")).expect("proof folder").filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "png")).count();
    assert!(pngs >= 2, "proof PNGs written: {pngs}");
}

/// A file that is not JPEG or PNG, whatever its name.
fn refused(name: &'static str, bytes: Vec<u8>, kind: &'static str) -> Case {
    Case::new(
        name,
        move |p| std::fs::write(p.sample_dir().join("photos/xunjing.jpg"), &bytes).unwrap(),
        &[&format!("{{line:{XINYU}:{XINYU_FILE}}}"), "photo photos/xunjing.jpg", kind, "save it as JPEG or PNG"],
    )
}

#[test]
fn other_formats_named_jpg_are_refused_on_the_story_line() {
    let mut webp = b"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0".to_vec();
    webp.extend([0u8; 24]);
    run_table(vec![
        refused("GIF named .jpg", b"GIF89a\x10\0\x10\0\x80\0\0\xff\xff\xff\0\0\0!\xf9\x04\0\0\0\0\0,\0\0\0\0\x10\0\x10\0\0\x02\x02D\x01\0;".to_vec(), "GIF"),
        refused("WebP named .jpg", webp, "WebP"),
        refused("TIFF named .jpg", b"II*\0\x08\0\0\0\0\0\0\0".to_vec(), "TIFF"),
        refused("BMP named .jpg", b"BM\x3e\0\0\0\0\0\0\0\x3e\0\0\0\x28\0\0\0".to_vec(), "BMP"),
        refused("SVG named .jpg", b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n".to_vec(), "SVG"),
        refused("text named .jpg", "这不是照片，是一段说明文字。\n".as_bytes().to_vec(), "not an image"),
        refused("empty file named .jpg", Vec::new(), "empty"),
    ]);
}

/// A PNG chunk of `kind` holding `data`, with its length and CRC, put at the end of `out`.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

/// A real PNG (a small picture) with a colour profile (`iCCP`) of `size` zero bytes, deflated:
/// some kilobytes on disk however large it unpacks.
fn png_with_profile(size: usize) -> Vec<u8> {
    let png = rgb_png();
    // The signature, then IHDR (13 bytes of data): the profile goes straight after it.
    let (head, rest) = png.split_at(8 + 12 + 13);
    let mut deflated = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..size >> 20 {
        std::io::Write::write_all(&mut deflated, &zeros).unwrap();
    }
    let mut data = b"bomb\0\0".to_vec();
    data.extend(deflated.finish().unwrap());
    let mut out = head.to_vec();
    chunk(&mut out, b"iCCP", &data);
    out.extend(rest);
    out
}

/// Session 41: a 2.3 MB PNG whose colour profile unpacked to 1.5 GiB took 3.2 GB of memory in
/// `folio check`, exit 0 (the decoders read the profile whole, past the pixel budget). A
/// profile is unpacked no further than 16 MiB: one past it is refused on the story's `file`
/// line with little memory; a PNG with a profile of 1 MiB prints.
#[test]
fn a_png_whose_colour_profile_unpacks_past_its_limit_is_refused_with_little_memory() {
    let h = Hostile::new();
    let bomb = png_with_profile(512 << 20);
    assert!(bomb.len() < 1 << 20, "the bomb is small on disk: {}", bomb.len());
    std::fs::write(h.p.sample_dir().join("photos/xunjing.jpg"), &bomb).unwrap();
    let (kib, run) = peak_kib(&h.p, &["build", &format!("content/{SAMPLE}"), "--out", "out"]);
    h.assert_refused(&run, &["photo photos/xunjing.jpg", "colour profile", "unpacks to more than 16 MiB"]);
    run.assert_stderr_has(&[&format!("stories/xinyu.toml:{}:", line_of(&h.p, XINYU, XINYU_FILE))]);
    assert!(kib < 400 * 1024, "the refused build peaked at {} MiB resident", kib / 1024);
    std::fs::write(h.p.sample_dir().join("photos/xunjing.jpg"), png_with_profile(1 << 20)).unwrap();
    low_ppi_ok(&h.p);
    let run = h.build(&[]);
    assert!(!run.stderr().contains("colour profile"), "{}", run.stderr());
}

/// Session 41: the masthead's logo (a PNG) and a page's ear photo had no photo checks: a
/// 30000 × 30000 PNG of a few MB took 10 GB and exit 0, and a GIF named .png was an error in
/// the template (`components.typ`), not in `edition.toml`. They pass a story photo's checks,
/// refused at their key in `edition.toml` with the fix; an SVG logo whose lettering is text (in
/// a font folio may not have: it printed in another face, exit 0) or that is no XML too; an ear
/// photo too small for the ear box at the edition's resolution limits.
#[test]
fn a_logo_or_ear_photo_passes_a_story_photo_s_checks() {
    const TABLOID: &str = "content/jiangxi-tabloid/edition.toml";
    let gif = b"GIF89a\x10\0\x10\0\x80\0\0\xff\xff\xff\0\0\0!\xf9\x04\0\0\0\0\0,\0\0\0\0\x10\0\x10\0\0\x02\x02D\x01\0;".to_vec();
    // The masthead's logo: `bytes` as `photos/<name>`.
    let logo_as = |name: &'static str, bytes: Vec<u8>| {
        move |p: &TestProject| {
            std::fs::create_dir_all(p.root().join("content/jiangxi-tabloid/photos")).unwrap();
            std::fs::write(p.root().join(format!("content/jiangxi-tabloid/photos/{name}")), &bytes).unwrap();
            p.edit(TABLOID, |t| t.replacen("[masthead]\n", &format!("[masthead]\nlogo = \"photos/{name}\"\n"), 1));
        }
    };
    let logo = |bytes: Vec<u8>| logo_as("logo.png", bytes);
    let svg = |text: &'static str| logo_as("logo.svg", text.as_bytes().to_vec());
    let ear = |bytes: Vec<u8>| {
        move |p: &TestProject| {
            std::fs::create_dir_all(p.root().join("content/jiangxi-tabloid/photos")).unwrap();
            std::fs::write(p.root().join("content/jiangxi-tabloid/photos/ear.png"), &bytes).unwrap();
            p.edit(TABLOID, |t| {
                let from = t.find("items = [").unwrap();
                let to = from + t[from..].find("]\n").unwrap() + 2;
                format!("{}photo = \"photos/ear.png\"\n{}", &t[..from], &t[to..])
            });
        }
    };
    // (name, mutation, the key's text in edition.toml, needles)
    let cases: Vec<(&str, Box<dyn Fn(&TestProject)>, &str, Vec<&str>)> = vec![
        ("logo PNG declaring 30000×30000", Box::new(logo(declared_png(30000, 30000))), "logo = ", vec!["photo photos/logo.png", "30000×30000", "scale it down"]),
        ("logo GIF named .png", Box::new(logo(gif.clone())), "logo = ", vec!["photo photos/logo.png", "GIF"]),
        // An SVG logo's lettering as text, in a family folio has not: set in another face
        // without a word, exit 0, also on the plates (session 41).
        ("SVG logo with text", Box::new(svg("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"50\"><text x=\"0\" y=\"40\" font-family=\"Comic Sans MS\">示例日报</text></svg>")), "logo = ", vec!["the logo photos/logo.svg sets its lettering as text", "convert the logo's text to outlines"]),
        ("SVG logo that is not XML", Box::new(svg("<svg xmlns=\"http://www.w3.org/2000/svg\"<rect/></svg>")), "logo = ", vec!["the logo photos/logo.svg is not a readable SVG", "export it again"]),
        ("ear photo PNG declaring 30000×30000", Box::new(ear(declared_png(30000, 30000))), "photo = \"photos/ear.png\"", vec!["photo photos/ear.png", "30000×30000"]),
        ("ear photo GIF named .png", Box::new(ear(gif)), "photo = \"photos/ear.png\"", vec!["photo photos/ear.png", "GIF"]),
        // Its resolution as printed in the ear box: 12 × 8 pixels went on the plates unremarked.
        ("ear photo of 12×8 pixels", Box::new(ear(png_of(image::DynamicImage::ImageRgb8(picture(12, 8))))), "photo = \"photos/ear.png\"", vec!["photo photos/ear.png prints at", "ppi on page 1 (12×8 px over", "for the ear (报眼) photo"]),
    ];
    for (name, mutate, key, needles) in cases {
        let p = TestProject::sample();
        mutate(&p);
        let run = p.folio(&["build", "content/jiangxi-tabloid", "--out", "out"]);
        assert!(!run.stderr().contains("panicked") && !run.stderr().contains("components.typ"), "{name}: {}", run.stderr());
        run.assert_code(1);
        let at = format!("jiangxi-tabloid/edition.toml:{}:", line_of(&p, TABLOID, key));
        run.assert_stderr_has(&[at.as_str()]);
        run.assert_stderr_has(&needles);
        assert!(!p.out().join("jiangxi-tabloid.pdf").exists(), "{name}: a refused build wrote its PDF");
    }
}

/// A PNG whose header declares `w`×`h` pixels, with a tiny (truncated) picture.
fn declared_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    // A zlib stream of a few zero bytes (stored block): far fewer than 20000² pixels need.
    chunk(&mut out, b"IDAT", &[0x78, 0x01, 0x01, 0x04, 0x00, 0xfb, 0xff, 0, 0, 0, 0, 0, 0x04, 0x00, 0x01]);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A real 64×48 JPEG whose frame header is patched to declare `w`×`h` pixels.
fn declared_jpeg(w: u16, h: u16) -> Vec<u8> {
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 80).encode(&[128u8; 64 * 48 * 3], 64, 48, jpeg_encoder::ColorType::Rgb).unwrap();
    let sof = out.windows(2).position(|m| m == [0xff, 0xc0] || m == [0xff, 0xc2]).expect("a SOF marker");
    out[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    out[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    out
}

#[test]
fn a_photo_past_the_pixel_budget_is_refused_from_its_header_with_little_memory() {
    let h = Hostile::new();
    std::fs::write(h.p.sample_dir().join("photos/xunjing.jpg"), declared_png(20000, 20000)).unwrap();
    // Peak resident memory of the refused build, measured by /usr/bin/time (GNU time).
    let time = Path::new("/usr/bin/time");
    assert!(time.exists(), "/usr/bin/time (GNU time, Debian package `time`) measures the peak resident set; .ci/run installs it");
    let rss_file = h.p.root().join("rss.txt");
    let ed = format!("content/{SAMPLE}");
    let folio = env!("CARGO_BIN_EXE_folio");
    let fonts = repo().join("fonts");
    let mut cmd = if time.exists() {
        let mut c = std::process::Command::new(time);
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file).arg(folio);
        c
    } else {
        std::process::Command::new(folio)
    };
    cmd.current_dir(h.p.root()).args(["build", &ed, "--out", "out", "--font-path"]).arg(&fonts);
    let started = std::time::Instant::now();
    let run = Run(cmd.output().expect("run folio"));
    let took = started.elapsed();
    h.assert_refused(&run, &["20000×20000", "400.0 megapixels", "budget of 64 megapixels", "scale it down"]);
    let line = line_of(&h.p, XINYU, XINYU_FILE);
    run.assert_stderr_has(&[&format!("stories/xinyu.toml:{line}:")]);
    assert!(took < std::time::Duration::from_secs(60), "the refusal took {took:?}");
    if let Ok(text) = std::fs::read_to_string(&rss_file) {
        let kib: u64 = text.trim().lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or_else(|| panic!("time's output: {text}"));
        assert!(kib < 400 * 1024, "the refused build peaked at {} MiB resident", kib / 1024);
    }
}

#[test]
fn huge_declared_sizes_are_refused_for_png_and_jpeg() {
    let line = format!("{{line:{XINYU}:{XINYU_FILE}}}");
    let case = |name: &'static str, bytes: Vec<u8>, needles: &[&str]| {
        let mut n = vec![line.as_str(), "megapixels", "scale it down"];
        n.extend_from_slice(needles);
        Case::new(name, move |p| std::fs::write(p.sample_dir().join("photos/xunjing.jpg"), &bytes).unwrap(), &n)
    };
    run_table(vec![
        case("PNG declaring 20000×20000", declared_png(20000, 20000), &["20000×20000"]),
        case("PNG declaring 100000×1000 (a side past 65535)", declared_png(100_000, 1000), &["100000×1000"]),
        case("JPEG declaring 60000×60000", declared_jpeg(60000, 60000), &["60000×60000"]),
        case("JPEG declaring 12000×9000 (108 MP)", declared_jpeg(12000, 9000), &["12000×9000"]),
    ]);
}

#[test]
fn photos_stay_inside_their_block() {
    let row = |name: &'static str, edit: &'static str, key: &'static str, needles: &'static [&'static str]| {
        let mut n = vec![format!("{{line:{XINYU}:{key}}}")];
        n.extend(needles.iter().map(|s| s.to_string()));
        Case {
            name,
            mutate: Box::new(move |p: &TestProject| p.edit(XINYU, |t| t.replace("height = 39\n", edit))),
            flags: &[],
            needles: n,
        }
    };
    run_table(vec![
        row("row = 500", "height = 39\nrow = 500\n", "row = 500", &["at row 500", "the story's block has", "rows 0–", "make row + height at most"]),
        row("height = 500", "height = 500\n", "height = 500", &["500 lines tall", "height = "]),
        row("row + height past the foot", "height = 39\nrow = 60\n", "row = 60", &["at row 60, 39 lines tall", "make row + height at most"]),
        row("row = 4294967295", "height = 39\nrow = 4294967295\n", "row = 4294967295", &["at row 4294967295"]),
        row("height = 4294967295", "height = 4294967295\n", "height = 4294967295", &["4294967295 lines tall"]),
        // Until session 26 printed so, with exit 0: a second photo whose row puts it over the
        // first, and a photo whose row puts it over the story's lead box (核心提示, five columns
        // at the copy's top), hidden under the picture.
        row(
            "a photo over another",
            "height = 39\nrow = 10\n\n[[photos]]\nfile = \"photos/chaji.jpg\"\ncaption = \"TEST DATA: a second photo\"\ncolumn = 1\nspan = 2\nheight = 10\nrow = 15\n",
            "row = 15",
            &["photo photos/chaji.jpg would be printed over photo photos/xunjing.jpg", "give the later one a `row` below"],
        ),
        row("a photo over the lead box", "height = 39\nrow = 0\n", "row = 0", &["photo photos/xunjing.jpg would be printed over the story's lead box", "give it a `row` below the lead box"]),
    ]);
}

#[test]
fn a_photo_too_tall_for_its_block_by_its_aspect_ratio_is_refused() {
    run_table(vec![Case::new(
        "portrait photo without height",
        |p| {
            let img = image::DynamicImage::ImageRgb8(picture(300, 3000));
            std::fs::write(p.sample_dir().join("photos/tall.png"), png_of(img)).unwrap();
            p.edit(XINYU, |t| t.replace(XINYU_FILE, "file = \"photos/tall.png\"").replace("height = 39\n", ""));
        },
        &[&format!("{{line:{XINYU}:file = \"photos/tall.png\"}}"), "from its aspect ratio", "give it height = "],
    )]);
}

/// A 16-bit RGBA PNG of `w`×`h` pixels written row by row (the worst case per pixel: folio
/// decodes it at 8 bits, flattens it and separates it for the plates).
fn write_big_png16(path: &Path, w: u32, h: u32) {
    use std::io::Write;
    let file = std::io::BufWriter::new(std::fs::File::create(path).expect("create big PNG"));
    let mut enc = png::Encoder::new(file, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Sixteen);
    // Compressed enough to stay within the photo file-size limit (64 MiB): the decoded size,
    // not the file's, is what the memory budget is about.
    enc.set_compression(png::Compression::Balanced);
    let mut writer = enc.write_header().expect("PNG header");
    let mut stream = writer.stream_writer().expect("PNG stream");
    let mut row = vec![0u8; w as usize * 8];
    for y in 0..h {
        for x in 0..w as usize {
            let v = [(x % 256) as u8, (y % 256) as u8, ((x / 8 + y as usize) % 256) as u8, if x % 97 == 0 { 0 } else { 255 }];
            for (c, b) in v.iter().enumerate() {
                row[x * 8 + c * 2] = *b;
                row[x * 8 + c * 2 + 1] = *b;
            }
        }
        stream.write_all(&row).expect("PNG row");
    }
    stream.finish().expect("PNG end");
}

#[test]
fn a_photo_at_the_pixel_budget_builds_on_every_route_within_1_gib() {
    let p = TestProject::sample();
    // 9792×6528 = 63.9 megapixels, just within the budget; printed far above the target
    // resolution would downsample it, so the target is raised to keep it whole.
    write_big_png16(&p.sample_dir().join("photos/big.png"), 9792, 6528);
    let bytes = std::fs::metadata(p.sample_dir().join("photos/big.png")).unwrap().len();
    assert!(bytes < 64 << 20, "the test photo ({bytes} bytes) must be within the photo file limit");
    p.edit(XINYU, |t| t.replace(XINYU_FILE, "file = \"photos/big.png\""));
    p.edit("content/jiangxi-special/edition.toml", |t| format!("{t}\n[preflight]\ntarget_ppi = 2000\n"));
    let ed = format!("content/{SAMPLE}");
    let (kib, run) = peak_kib(&p, &["build", &ed, "--out", "out", "--press", "--archive"]);
    run.assert_code(0);
    assert!(kib < 1024 * 1024, "a photo within the budget made the build peak at {} MiB resident", kib / 1024);
    let plate = p.out().join(format!("{SAMPLE}-press/{SAMPLE}-p04.pdf"));
    assert!(images(&plate).iter().all(|(_, n, smask)| *n == 4 && !smask), "the big photo is separated and flattened on the plate");
}

/// An edition of `pages` copies of the sample's page 5, each with its own copy of the lead
/// story's 6-megapixel photo (a different file, so Typst holds each one).
fn many_photo_edition(p: &TestProject, pages: usize) -> String {
    let src = p.sample_dir();
    let dir = p.root().join("content/many");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    std::fs::create_dir_all(dir.join("photos")).unwrap();
    let edition = std::fs::read_to_string(src.join("edition.toml")).unwrap();
    let mut out = edition[..edition.find("[[pages]]").unwrap()].to_string();
    let photo = std::fs::read(src.join("photos/chaji.jpg")).unwrap();
    for i in 0..pages {
        let mut names = Vec::new();
        for st in ["jiujiang-lead", "wuning", "duchang", "lianxi", "pengze", "balihu"] {
            let mut t = std::fs::read_to_string(src.join(format!("stories/{st}.toml"))).unwrap();
            if t.contains("photos/chaji.jpg") {
                // A JPEG comment after the SOI marker makes a different file of the same picture.
                let mut bytes = photo[..2].to_vec();
                bytes.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x08]);
                bytes.extend_from_slice(format!("p{i:04}\0").as_bytes());
                bytes.extend_from_slice(&photo[2..]);
                std::fs::write(dir.join(format!("photos/chaji{i}.jpg")), bytes).unwrap();
                t = t.replace("photos/chaji.jpg", &format!("photos/chaji{i}.jpg"));
            }
            std::fs::write(dir.join(format!("stories/{st}{i}.toml")), t).unwrap();
            names.push(format!("\"stories/{st}{i}.toml\""));
        }
        out.push_str(&format!(
            "\n[[pages]]\nnumber = {}\nsection = \"专版\"\nbanner = \"健康人生，绿色无毒！·九江\"\nstories = [{}]\n",
            i + 1,
            names.join(", ")
        ));
    }
    std::fs::write(dir.join("edition.toml"), out).unwrap();
    "content/many".into()
}

/// Peak resident set (KiB) and the run of `folio ARGS` under GNU time.
fn peak_kib(p: &TestProject, args: &[&str]) -> (u64, Run) {
    let time = Path::new("/usr/bin/time");
    assert!(time.exists(), "/usr/bin/time (GNU time, Debian package `time`) measures the peak resident set; .ci/run installs it");
    let rss = p.root().join("rss-many.txt");
    let out = std::process::Command::new(time)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&rss)
        .arg(env!("CARGO_BIN_EXE_folio"))
        .current_dir(p.root())
        .args(args)
        .arg("--font-path")
        .arg(repo().join("fonts"))
        .output()
        .expect("run folio");
    let kib = std::fs::read_to_string(&rss).unwrap().trim().lines().last().and_then(|l| l.trim().parse().ok()).expect("time's figure");
    (kib, Run(out))
}

/// The edition's photos have a budget at the size they are served (Typst keeps every photo
/// decoded for the whole build): 16 pages of 6-megapixel photos (96 megapixels) build with
/// plates and archive under 1 GiB; 17 pages (102) are refused before Typst decodes any photo,
/// naming the photo that goes over and the fix.
#[test]
fn an_editions_photos_have_a_budget_that_keeps_the_build_under_1_gib() {
    let p = TestProject::sample();
    let ed = many_photo_edition(&p, 16);
    let (kib, run) = peak_kib(&p, &["build", &ed, "--out", "out", "--press", "--archive"]);
    run.assert_code(0);
    assert!(kib < 1024 * 1024, "an edition within the photo budget peaked at {} MiB", kib / 1024);

    let p = TestProject::sample();
    let ed = many_photo_edition(&p, 17);
    let (kib, run) = peak_kib(&p, &["build", &ed, "--out", "out", "--press", "--archive"]);
    run.assert_code(1);
    run.assert_stderr_has(&["photo photos/chaji16.jpg: with this photo the edition's photos come to 102 megapixels", "budget of 96", "stories/jiujiang-lead16.toml:", "build the edition in parts"]);
    assert!(kib < 256 * 1024, "a refused edition peaked at {} MiB: the photos were decoded", kib / 1024);
    assert!(!p.out().exists() || std::fs::read_dir(p.out()).unwrap().next().is_none(), "nothing written");
}
