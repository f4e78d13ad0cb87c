//! Preflight: editions built for the purpose — an overset story, an underset one, a 72-ppi
//! photo, a corrupt and a truncated JPEG, an EXIF-rotated photo, a CMYK JPEG, a character no
//! font covers, a text-only page, a mono page — each gets the right finding and exit code in
//! both report formats; proofs show the findings.
//!
//! Each test writes a small edition into a temporary copy of the project (`content/mini`):
//! stories whose text is taken from the seed (tests/fixtures/seed.txt), and photos the test
//! draws with the image crate (RGB, gray) or jpeg-encoder (CMYK), with EXIF bytes written by hand.

mod common;
use common::*;

use serde_json::Value;

/// A story TOML: headline, body, optional extra TOML (photos), and its block.
fn story(headline: &str, body: &str, extra: &str, block: (u32, u32, u32, u32)) -> String {
    let (column, span, top, height) = block;
    format!(
        "headline = \"{headline}\"\nbody = \"\"\"\n{body}\n\"\"\"\n{extra}\n[block]\ncolumn = {column}\nspan = {span}\ntop = {top}\nheight = {height}\n"
    )
}

/// A project holding `content/mini`: one page (number 1) with `stories` (file name, TOML), the
/// page table's extra keys, and extra top-level TOML for edition.toml (e.g. `[preflight]`).
fn mini(stories: &[(&str, String)], page_extra: &str, edition_extra: &str) -> TestProject {
    let p = TestProject::sample();
    let dir = p.edition("mini");
    std::fs::create_dir_all(dir.join("stories")).unwrap();
    std::fs::create_dir_all(dir.join("photos")).unwrap();
    let list: Vec<String> = stories.iter().map(|(f, _)| format!("\"stories/{f}\"")).collect();
    let edition = format!(
        "[edition]\npaper = \"示例日报\"\ndate = 2023-06-26\nissue = 1\nformat = \"broadsheet\"\n{edition_extra}\n\n[[pages]]\nnumber = 1\nsection = \"专版\"\n{page_extra}\nstories = [{}]\n",
        list.join(", ")
    );
    std::fs::write(dir.join("edition.toml"), edition).unwrap();
    for (f, text) in stories {
        std::fs::write(dir.join("stories").join(f), text).unwrap();
    }
    p
}

/// Run folio in the project with the repo's fonts.
fn folio(p: &TestProject, args: &[&str]) -> Run {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_folio"));
    cmd.current_dir(p.root()).args(args).arg("--font-path").arg(repo().join("fonts"));
    Run(cmd.output().expect("run folio"))
}

/// `folio check content/mini --format json`, parsed, with its exit code.
fn check_json(p: &TestProject, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "content/mini", "--format", "json"];
    args.extend_from_slice(extra);
    let run = folio(p, &args);
    let v: Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("JSON report: {e}\n{}\n{}", run.stdout(), run.stderr()));
    assert_eq!(v["schema"], "folio-report/1");
    assert_eq!(v["ok"], Value::Bool(run.code() == 0), "ok follows the exit code");
    (run.code(), v)
}

/// The findings of a JSON report with `code`.
fn with_code<'a>(v: &'a Value, code: &str) -> Vec<&'a Value> {
    v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == code).collect()
}

/// 1-based line of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> u64 {
    text.lines().position(|l| l.trim_start().starts_with(prefix)).expect("prefix in text") as u64 + 1
}

fn write_rgb_jpeg(path: &std::path::Path, w: u32, h: u32) {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 120]));
    img.save_with_format(path, image::ImageFormat::Jpeg).unwrap();
}

const PHOTO: &str = "[[photos]]\nfile = \"photos/p.jpg\"\ncaption = \"图片说明\"\ncolumn = 1\nspan = 2\n";

#[test]
fn overset_and_underset_are_reported_in_both_formats_and_gate_the_build() {
    let long = story("长稿", &seed_paras(0, 10), "", (1, 2, 0, 14));
    let short = story("短稿", &seed_paras(10, 1), "", (3, 2, 0, 60));
    let p = mini(&[("long.toml", long.clone()), ("short.toml", short.clone())], "", "");
    let block_line = line_of(&long, "[block]");

    // Human report: grouped by page and story, file and line of each finding.
    let run = folio(&p, &["check", "content/mini"]);
    run.assert_code(1);
    let out = run.stdout();
    assert!(out.starts_with("page 1:"), "a heading per page:\n{out}");
    assert!(out.contains("content/mini/stories/long.toml\n"), "grouped by story:\n{out}");
    assert!(out.contains("[overset] error: overset on page 1"), "{out}");
    assert!(out.contains(&format!("content/mini/stories/long.toml:{block_line}:1")), "{out}");
    assert!(out.contains("[underset] warning: underset on page 1"), "{out}");
    assert!(out.contains("1 error"), "{out}");

    // JSON: the same findings with code, page, story, file, line.
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 1);
    let over = with_code(&v, "overset");
    assert_eq!(over.len(), 1, "{v:#}");
    assert_eq!(over[0]["severity"], "error");
    assert_eq!(over[0]["page"], 1);
    assert_eq!(over[0]["story"], "content/mini/stories/long.toml");
    assert_eq!(over[0]["file"], "content/mini/stories/long.toml");
    assert_eq!(over[0]["line"], block_line);
    let lines: u64 = over[0]["message"].as_str().unwrap().split(": ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(lines > 0, "the overset counts lines: {}", over[0]["message"]);
    assert_eq!(v["pages"][0]["overset_lines"], lines, "page figures agree with the finding");
    let under = with_code(&v, "underset");
    assert_eq!(under.len(), 1, "{v:#}");
    assert_eq!(under[0]["severity"], "warning");
    assert_eq!(under[0]["story"], "content/mini/stories/short.toml");
    assert!(v["pages"][0]["underset_lines"].as_u64().unwrap() >= 2);

    // --allow-overset: a warning, exit 0.
    let (code, v) = check_json(&p, &["--allow-overset"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(with_code(&v, "overset")[0]["severity"], "warning");

    // build fails on the error and writes nothing, but prints the page line.
    let run = folio(&p, &["build", "content/mini", "--out", "out"]);
    run.assert_code(1);
    assert!(run.stdout().contains("page 1: 2 stories"), "{}", run.stdout());
    assert!(run.stdout().contains("lines overset"), "{}", run.stdout());
    run.assert_stderr_has(&["overset on page 1", "no output was written"]);
    assert!(!p.out().join("mini.pdf").exists());
    let run = folio(&p, &["build", "content/mini", "--out", "out", "--allow-overset"]);
    run.assert_code(0);
    assert!(p.out().join("mini.pdf").exists());
}

/// Expected effective ppi from the report's own figures (cover fit: the smaller axis).
fn ppi_from(photo: &Value) -> f64 {
    let px = photo["pixels"].as_array().unwrap();
    let mm = photo["placed_mm"].as_array().unwrap();
    let a = px[0].as_f64().unwrap() / (mm[0].as_f64().unwrap() / 25.4);
    let b = px[1].as_f64().unwrap() / (mm[1].as_f64().unwrap() / 25.4);
    a.min(b)
}

#[test]
fn photo_resolution_is_checked_at_the_placed_size_with_edition_limits() {
    let s = story("图片稿", &seed_paras(0, 2), PHOTO, (1, 2, 0, 60));
    let p = mini(&[("a.toml", s.clone())], "", "");
    let photo = p.edition("mini").join("photos/p.jpg");
    // First a generous photo, to learn its placed size from the report.
    write_rgb_jpeg(&photo, 1000, 667);
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "{v:#}");
    let placed = v["pages"][0]["photos"][0].clone();
    let w_in = placed["placed_mm"][0].as_f64().unwrap() / 25.4;
    assert!(with_code(&v, "photo-low-ppi").is_empty());

    // A 72-ppi photo: an error naming the story, its `file =` line and the resolution.
    write_rgb_jpeg(&photo, (72.0 * w_in).round() as u32, (72.0 * w_in * 2.0 / 3.0).round() as u32);
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 1);
    let ph = &v["pages"][0]["photos"][0];
    let ppi = ph["ppi"].as_f64().unwrap();
    assert!((ppi - ppi_from(ph)).abs() < 0.6, "ppi {ppi} vs {}", ppi_from(ph));
    assert!((60.0..=73.0).contains(&ppi), "about 72 ppi: {ppi}");
    let f = with_code(&v, "photo-low-ppi");
    assert_eq!(f.len(), 1, "{v:#}");
    assert_eq!(f[0]["severity"], "error");
    assert_eq!(f[0]["line"], line_of(&s, "file ="));
    assert_eq!(f[0]["story"], "content/mini/stories/a.toml");
    assert!(f[0]["message"].as_str().unwrap().contains("photos/p.jpg"));
    let run = folio(&p, &["check", "content/mini"]);
    run.assert_code(1);
    assert!(run.stdout().contains("[photo-low-ppi] error: photo photos/p.jpg prints at"), "{}", run.stdout());
    assert!(run.stdout().contains(&format!("content/mini/stories/a.toml:{}:", line_of(&s, "file ="))), "{}", run.stdout());

    // 160 ppi: a warning.
    write_rgb_jpeg(&photo, (160.0 * w_in).round() as u32, (160.0 * w_in * 2.0 / 3.0).round() as u32);
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0);
    assert_eq!(with_code(&v, "photo-low-ppi")[0]["severity"], "warning");

    // The edition's own limits: 72 ppi is fine for a paper that accepts 60.
    write_rgb_jpeg(&photo, (72.0 * w_in).round() as u32, (72.0 * w_in * 2.0 / 3.0).round() as u32);
    p.edit("content/mini/edition.toml", |t| t.replace("format = \"broadsheet\"", "format = \"broadsheet\"\n\n[preflight]\nwarn_ppi = 60\nerror_ppi = 50"));
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "{v:#}");
    assert!(with_code(&v, "photo-low-ppi").is_empty(), "{v:#}");
    // Limits that contradict each other are a located content error.
    p.edit("content/mini/edition.toml", |t| t.replace("error_ppi = 50", "error_ppi = 500"));
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 1);
    let f = with_code(&v, "content");
    assert_eq!(f[0]["file"], "content/mini/edition.toml", "{v:#}");
    assert!(f[0]["message"].as_str().unwrap().contains("error_ppi"));
}

/// A photo whose box shows less than two thirds of its picture (an editor's `height` far from
/// the picture's shape) is a `photo-cropped` warning at that `height`, with the share it shows;
/// at the picture's own shape, none; a box taller than the picture crops its width.
#[test]
fn a_photo_cropped_to_a_strip_is_a_warning_at_its_height() {
    let with_height = |h: &str| story("图片稿", &seed_paras(0, 6), &format!("{PHOTO}{h}"), (1, 4, 0, 60));
    let p = mini(&[("a.toml", with_height(""))], "", "");
    write_rgb_jpeg(&p.edition("mini").join("photos/p.jpg"), 1500, 1000);
    let (_, v) = check_json(&p, &[]);
    assert!(with_code(&v, "photo-cropped").is_empty(), "at its own shape: {v:#}");
    // A two-column 3:2 picture is some 10 lines deep: 4 lines (picture and caption) show a strip.
    let s = with_height("height = 4\n");
    p.edit("content/mini/stories/a.toml", |_| s.clone());
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "a warning: {v:#}");
    let f = with_code(&v, "photo-cropped");
    assert_eq!(f.len(), 1, "{v:#}");
    assert_eq!(f[0]["severity"], "warning");
    assert_eq!(f[0]["line"], line_of(&s, "height = 4"));
    let message = f[0]["message"].as_str().unwrap();
    let share: f64 = message.split("shows ").nth(1).and_then(|m| m.split('%').next()).and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{message}"));
    assert!(message.contains("photos/p.jpg") && message.contains("picture's height") && share < 66.0 && share > 10.0, "{message}");
    // A taller box than the picture: its width is cropped.
    let s = with_height("height = 30\n");
    p.edit("content/mini/stories/a.toml", |_| s.clone());
    let (_, v) = check_json(&p, &[]);
    let f = with_code(&v, "photo-cropped");
    assert!(f.len() == 1 && f[0]["message"].as_str().unwrap().contains("picture's width"), "{v:#}");
}

#[test]
fn corrupt_and_truncated_jpegs_are_errors_naming_story_file_and_line() {
    let s = story("图片稿", &seed_paras(0, 2), PHOTO, (1, 2, 0, 60));
    let p = mini(&[("a.toml", s.clone())], "", "");
    let photo = p.edition("mini").join("photos/p.jpg");
    let file_line = line_of(&s, "file =");

    let mut good = Vec::new();
    image::RgbImage::from_fn(640, 480, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 256) as u8]))
        .write_to(&mut std::io::Cursor::new(&mut good), image::ImageFormat::Jpeg)
        .unwrap();
    for (what, bytes) in [("corrupt", b"this is not a JPEG at all".to_vec()), ("truncated", good[..good.len() * 2 / 5].to_vec())] {
        std::fs::write(&photo, &bytes).unwrap();
        let (code, v) = check_json(&p, &[]);
        assert_eq!(code, 1, "{what}: {v:#}");
        let f = with_code(&v, "photo-unreadable");
        assert_eq!(f.len(), 1, "{what}: {v:#}");
        assert_eq!(f[0]["severity"], "error");
        assert_eq!(f[0]["file"], "content/mini/stories/a.toml");
        assert_eq!(f[0]["story"], "content/mini/stories/a.toml");
        assert_eq!(f[0]["line"], file_line);
        assert!(f[0]["message"].as_str().unwrap().contains("photos/p.jpg"), "{what}: {}", f[0]["message"]);
        let run = folio(&p, &["check", "content/mini"]);
        run.assert_code(1);
        assert!(run.stdout().contains(&format!("content/mini/stories/a.toml:{file_line}:")), "{what}: {}", run.stdout());
        let run = folio(&p, &["build", "content/mini", "--out", "out"]);
        run.assert_code(1);
        run.assert_stderr_has(&["photos/p.jpg", &format!("stories/a.toml:{file_line}:")]);
        assert!(!p.out().join("mini.pdf").exists());
    }
    // Missing: named by the content check, with its line.
    std::fs::remove_file(&photo).unwrap();
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 1);
    let f = with_code(&v, "photo-missing");
    assert_eq!(f[0]["line"], file_line, "{v:#}");
}

/// An EXIF APP1 payload with only the Orientation tag (big-endian TIFF).
fn exif_orientation(o: u16) -> Vec<u8> {
    let mut v = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    v.extend_from_slice(&1u16.to_be_bytes()); // one entry
    v.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    v.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    v.extend_from_slice(&1u32.to_be_bytes()); // count
    v.extend_from_slice(&o.to_be_bytes());
    v.extend_from_slice(&[0, 0]);
    v.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    v
}

fn pdf_page_png(pdf: &std::path::Path, dpi: u32) -> Vec<u8> {
    let out = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", &dpi.to_string(), "-f", "1", "-l", "1", pdf.to_str().unwrap()])
        .output()
        .expect("pdftoppm (poppler-utils) is needed");
    assert!(out.status.success());
    out.stdout
}

#[test]
fn exif_rotated_photo_is_laid_out_and_printed_upright() {
    // Stored landscape 480×240: top half red, bottom half blue; EXIF 6 = turn 90° clockwise to
    // view, so it prints portrait 240×480 with blue on the left and red on the right.
    let img = image::RgbImage::from_fn(480, 240, |_, y| if y < 120 { image::Rgb([230, 20, 20]) } else { image::Rgb([20, 20, 230]) });
    let mut jpeg = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut jpeg, 95);
    enc.add_app_segment(1, &exif_orientation(6)).unwrap();
    enc.encode(img.as_raw(), 480, 240, jpeg_encoder::ColorType::Rgb).unwrap();
    let s = story("图片稿", &seed_paras(0, 3), &PHOTO.replace("span = 2", "span = 1"), (1, 2, 0, 70));
    let p = mini(&[("a.toml", s)], "", "");
    std::fs::write(p.edition("mini").join("photos/p.jpg"), &jpeg).unwrap();

    let (code, v) = check_json(&p, &[]);
    let ph = &v["pages"][0]["photos"][0];
    assert_eq!(ph["orientation"], 6, "{v:#}");
    assert_eq!(ph["pixels"], serde_json::json!([240, 480]), "pixels as printed: {v:#}");
    let mm = ph["placed_mm"].as_array().unwrap();
    assert!(mm[1].as_f64().unwrap() > 1.5 * mm[0].as_f64().unwrap(), "laid out portrait: {mm:?}");
    assert!(code == 0 || with_code(&v, "photo-low-ppi").len() == 1, "{v:#}");

    let run = folio(&p, &["build", "content/mini", "--out", "out", "--allow-overset"]);
    if run.code() != 0 {
        // Only the small photo's resolution may stop it; lower the limits then.
        p.edit("content/mini/edition.toml", |t| t.replace("format = \"broadsheet\"", "format = \"broadsheet\"\n\n[preflight]\nwarn_ppi = 10\nerror_ppi = 5"));
        folio(&p, &["build", "content/mini", "--out", "out", "--allow-overset"]).assert_code(0);
    }
    let png = pdf_page_png(&p.out().join("mini.pdf"), 50);
    let (rx, ry, rn) = colour_centroid(&png, [230, 20, 20]);
    let (bx, by, bn) = colour_centroid(&png, [20, 20, 230]);
    assert!(rn > 200 && bn > 200, "both halves printed: red {rn}, blue {bn}");
    assert!(rx > bx + 5.0, "red right of blue (upright): red x {rx}, blue x {bx}");
    assert!((ry - by).abs() < 5.0, "side by side, not stacked: red y {ry}, blue y {by}");
}

#[test]
fn cmyk_jpeg_passes_through_and_its_ink_is_measured() {
    let s = story("图片稿", &seed_paras(0, 3), &PHOTO.replace("span = 2", "span = 1"), (1, 2, 0, 70));
    let p = mini(&[("a.toml", s)], "", "[preflight]\nwarn_ppi = 10\nerror_ppi = 5");
    let photo = p.edition("mini").join("photos/p.jpg");
    // C 20% M 30% Y 40% K 50% = 140%.
    let px: Vec<u8> = [51u8, 77, 102, 128].repeat(300 * 200);
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 100).encode(&px, 300, 200, jpeg_encoder::ColorType::Cmyk).unwrap();
    std::fs::write(&photo, &jpeg).unwrap();

    let (code, v) = check_json(&p, &["--allow-overset"]);
    assert_eq!(code, 0, "{v:#}");
    let page = &v["pages"][0];
    assert_eq!(page["photos"][0]["colour"], "cmyk");
    let ink = page["max_ink"].as_f64().unwrap();
    assert!((ink - 140.0).abs() < 3.0, "max ink of the page is the photo's 140%: {ink}");
    assert!(with_code(&v, "ink-over-limit").is_empty());

    // Embedded as CMYK, unchanged; Ghostscript sees the colour inks on the page.
    folio(&p, &["build", "content/mini", "--out", "out", "--allow-overset"]).assert_code(0);
    let pdf = p.out().join("mini.pdf");
    let list = poppler("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert!(list.lines().skip(2).any(|l| l.contains("cmyk")), "{list}");
    let cov = gs_coverage(&pdf, "ink_cov");
    assert!(cov[0][0] > 0.0 && cov[0][1] > cov[0][0] && cov[0][2] > cov[0][1], "C < M < Y as in the photo: {cov:?}");
    let (m_c, y_c) = (cov[0][1] / cov[0][0], cov[0][2] / cov[0][0]);
    assert!((m_c - 1.5).abs() < 0.1 && (y_c - 2.0).abs() < 0.1, "the photo's 20/30/40 proportions, not inverted: {cov:?}");

    // 300% coverage: over the default limit of 240%, a warning naming the photo.
    let px: Vec<u8> = [204u8, 179, 179, 204].repeat(300 * 200);
    let mut jpeg = Vec::new();
    jpeg_encoder::Encoder::new(&mut jpeg, 100).encode(&px, 300, 200, jpeg_encoder::ColorType::Cmyk).unwrap();
    std::fs::write(&photo, &jpeg).unwrap();
    let (code, v) = check_json(&p, &["--allow-overset"]);
    assert_eq!(code, 0);
    let f = with_code(&v, "ink-over-limit");
    assert_eq!(f.len(), 1, "{v:#}");
    assert_eq!(f[0]["severity"], "warning");
    assert!(f[0]["message"].as_str().unwrap().contains("photos/p.jpg"), "{}", f[0]["message"]);
    assert_eq!(f[0]["story"], "content/mini/stories/a.toml");
}

#[test]
fn text_only_and_mono_pages_print_in_k_only() {
    // A text-only page: Ghostscript finds no cyan, magenta or yellow.
    let s = story("纯文字稿", &seed_paras(0, 4), "", (1, 3, 0, 40));
    let p = mini(&[("a.toml", s)], "", "");
    folio(&p, &["build", "content/mini", "--out", "out", "--allow-overset"]).assert_code(0);
    let cov = inkcov(&p.out().join("mini.pdf"));
    assert_eq!(cov.len(), 1);
    assert_eq!(&cov[0][..3], &[0.0, 0.0, 0.0], "C = M = Y = 0: {cov:?}");
    assert!(cov[0][3] > 0.001, "K carries the text: {cov:?}");
    let (_, v) = check_json(&p, &["--allow-overset"]);
    assert_eq!(v["pages"][0]["max_ink"], 100.0, "{v:#}");
    assert!(with_code(&v, "ink-not-k").is_empty());

    // A mono page with an RGB photo: the photo is converted to gray, still K only.
    let s = story("黑白版", &seed_paras(0, 3), PHOTO, (1, 3, 0, 70));
    let p = mini(&[("a.toml", s)], "mono = true", "[preflight]\nwarn_ppi = 10\nerror_ppi = 5");
    write_rgb_jpeg(&p.edition("mini").join("photos/p.jpg"), 900, 600);
    let (_, v) = check_json(&p, &["--allow-overset"]);
    let ph = &v["pages"][0]["photos"][0];
    assert_eq!(ph["grayscale"], true, "{v:#}");
    assert_eq!(ph["colour"], "rgb", "as delivered");
    assert_eq!(v["pages"][0]["rgb_photos"], 0);
    folio(&p, &["build", "content/mini", "--out", "out", "--allow-overset"]).assert_code(0);
    let pdf = p.out().join("mini.pdf");
    let list = poppler("pdfimages", &["-list", pdf.to_str().unwrap()]);
    // One image, DeviceCMYK carrying the gray on K (an ICC-based gray image could be separated
    // into four-colour gray by a colour-managed RIP).
    let colours: Vec<&str> = list.lines().skip(2).map(|l| l.split_whitespace().nth(5).unwrap()).collect();
    assert_eq!(colours, ["cmyk"], "{list}");
    let cov = inkcov(&pdf);
    assert_eq!(&cov[0][..3], &[0.0, 0.0, 0.0], "C = M = Y = 0 with the photo: {cov:?}");
    assert!(std::fs::read(p.edition("mini").join("photos/p.jpg")).map(|b| image::load_from_memory(&b).unwrap().color().has_color()).unwrap(), "the file on disk is untouched");
}

#[test]
fn photos_far_above_the_target_resolution_are_downsampled() {
    let s = story("图片稿", &seed_paras(0, 3), &PHOTO.replace("span = 2", "span = 1"), (1, 2, 0, 70));
    let p = mini(&[("a.toml", s)], "", "");
    // One column is about 1.5 in: 3000 px is about 2000 ppi, far above the 300 target.
    write_rgb_jpeg(&p.edition("mini").join("photos/p.jpg"), 3000, 2000);
    let (_, v) = check_json(&p, &["--allow-overset"]);
    let ph = &v["pages"][0]["photos"][0];
    assert_eq!(ph["downsampled"], true, "{v:#}");
    let (before, after) = (ph["bytes_before"].as_u64().unwrap(), ph["bytes_after"].as_u64().unwrap());
    assert!(after < before / 4, "bytes saved: {before} → {after}");
    let run = folio(&p, &["build", "content/mini", "--out", "out", "--allow-overset"]);
    run.assert_code(0);
    assert!(run.stdout().contains("downsampled saving"), "{}", run.stdout());
    // The embedded image is about 300 ppi at its placed width.
    let list = poppler("pdfimages", &["-list", p.out().join("mini.pdf").to_str().unwrap()]);
    let row = list.lines().skip(2).next().expect("one image");
    let width: f64 = row.split_whitespace().nth(3).unwrap().parse().unwrap();
    let w_in = ph["placed_mm"][0].as_f64().unwrap() / 25.4;
    let ppi = width / w_in;
    assert!((290.0..=340.0).contains(&ppi), "embedded at about 300 ppi: {ppi} ({list})");
}

#[test]
fn a_character_no_font_covers_is_an_error_with_code_point_story_and_paragraph() {
    // U+17000 (Tangut) is in none of the bundled fonts; nor is an emoji, whose variation
    // selector (❤️ is U+2764 U+FE0F) is not named as a character of its own.
    let body = format!("{}\n\n第二段写到西夏文𗀀字时出了问题。\n\n{}\n\n点赞❤️。", seed_paras(0, 1), seed_paras(1, 1));
    let s = story("缺字稿", &body, "", (1, 3, 0, 40));
    let p = mini(&[("a.toml", s.clone())], "", "");
    let line = line_of(&s, "第二段");
    let (code, v) = check_json(&p, &["--allow-overset"]);
    assert_eq!(code, 1, "{v:#}");
    let f = with_code(&v, "glyph-missing");
    assert_eq!(f.len(), 2, "{v:#}");
    assert!(f[1]["message"].as_str().unwrap().contains("U+2764"), "{v:#}");
    assert_eq!(f[0]["severity"], "error");
    assert_eq!(f[0]["file"], "content/mini/stories/a.toml");
    assert_eq!(f[0]["story"], "content/mini/stories/a.toml");
    assert_eq!(f[0]["line"], line);
    let msg = f[0]["message"].as_str().unwrap();
    assert!(msg.contains("U+17000") && msg.contains("第二段写到西夏文𗀀字时出了问题"), "{msg}");
    let run = folio(&p, &["check", "content/mini", "--allow-overset"]);
    run.assert_code(1);
    assert!(run.stdout().contains(&format!("content/mini/stories/a.toml:{line}:")), "{}", run.stdout());
    let run = folio(&p, &["build", "content/mini", "--out", "out", "--allow-overset"]);
    run.assert_code(1);
    run.assert_stderr_has(&["U+17000"]);
}

#[test]
fn the_samples_check_clean_and_print_the_rare_name_character() {
    for name in [SAMPLE, "jiangxi-tabloid"] {
        let p = TestProject::with_edition(name);
        let run = folio(&p, &["check", &format!("content/{name}"), "--format", "json"]);
        let v: Value = serde_json::from_str(&run.stdout()).unwrap();
        run.assert_code(0);
        // Clean: no findings at all, except notes of what copyfit changed and the typography
        // warnings (loose lines, widows, orphans, short columns: the house style does not yet
        // avoid them all; tests/typography.rs measures them), and the long legs beside the
        // photos the samples' editors placed (tests/layout_quality.rs), and the heads side by
        // side their pages keep (碰题; tests/layout_quality.rs reads them back and lists them).
        // The tabloid's 所队联动 and 彭泽 fill their blocks with a head area two lines deeper
        // than their heads (`head = 7`): `deep-head` warnings the desk fixes with copy, not a
        // smaller area (which leaves the columns short).
        let known_deep = |f: &Value| f["code"] == "deep-head" && ["content/jiangxi-tabloid/stories/lianxi.toml", "content/jiangxi-tabloid/stories/pengze.toml"].contains(&f["file"].as_str().unwrap_or(""));
        // The tabloid's page 4: 都昌's 30 pt head across five columns in the corner of 八里湖's
        // L, the page's lead, whose 竖题 prints at 26 pt (`head-rank`, session 49). At 22 pt its
        // head area is two lines deeper than its head, and made the lead the page without blocks
        // does not place: the desk's to re-make, left as a finding.
        let known_rank = |f: &Value| f["code"] == "head-rank" && f["file"] == "content/jiangxi-tabloid/stories/duchang.toml";
        let other: Vec<&Value> = v["findings"].as_array().unwrap().iter().filter(|f| !["copyfit", "short-column", "loose-line", "widow", "orphan", "long-leg", "heads-side-by-side"].contains(&f["code"].as_str().unwrap()) && !known_deep(f) && !known_rank(f)).collect();
        assert!(other.is_empty(), "{name}: {other:#?}");
        // The samples' photos are RGB: their coverage is estimated through the newsprint
        // profile and stays within the edition's limit (240%); the text is pure K.
        let pages = v["pages"].as_array().unwrap();
        for page in pages {
            assert!(page["max_ink"].as_f64().unwrap() <= 240.5, "{name}: over the ink limit: {page:#}");
        }
        assert!(pages.iter().any(|p| p["max_ink"].as_f64().unwrap() > 150.0), "{name}: the photos' ink is estimated");
    }
    let p = TestProject::sample();
    // 夏得湧: 湧 is set from the bundled fonts and is in the PDF's text.
    p.build_sample();
    let text = poppler("pdftotext", &[p.out().join(format!("{SAMPLE}.pdf")).to_str().unwrap(), "-"]);
    assert!(text.contains("夏得湧"), "湧 prints");
}

#[test]
fn proofs_draw_the_findings_on_pages_spreads_and_a_contact_sheet() {
    let long = story("长稿", &seed_paras(0, 10), "", (1, 2, 0, 14));
    let pic = story("图片稿", &format!("西夏文𗀀字。\n\n{}", seed_paras(10, 2)), &PHOTO.replace("span = 2", "span = 3"), (3, 3, 0, 70));
    let p = mini(&[("long.toml", long), ("pic.toml", pic)], "", "");
    write_rgb_jpeg(&p.edition("mini").join("photos/p.jpg"), 200, 133);
    let run = folio(&p, &["proof", "content/mini", "--dpi", "60", "--out", "proofs"]);
    run.assert_code(1);
    assert!(run.stdout().contains("[overset]") && run.stdout().contains("[photo-low-ppi]") && run.stdout().contains("[glyph-missing]"), "{}", run.stdout());
    let dir = p.root().join("proofs");
    for f in ["mini-p1.png", "mini-spread-1.png", "mini-contact.png"] {
        assert!(dir.join(f).is_file(), "{f} written: {}", run.stderr());
    }
    let page = std::fs::read(dir.join("mini-p1.png")).unwrap();
    let (_, _, red) = colour_centroid(&page, [0xe0, 0, 0]);
    let (_, _, orange) = colour_centroid(&page, [0xff, 0x8c, 0]);
    let (_, _, magenta) = colour_centroid(&page, [0xe0, 0, 0xc0]);
    assert!(red > 100 && orange > 100 && magenta > 20, "marks drawn: red {red}, orange {orange}, magenta {magenta}");
    let sheet = image::load_from_memory(&std::fs::read(dir.join("mini-contact.png")).unwrap()).unwrap();
    assert!(sheet.height() > 500 && sheet.width() > 300);

    // A clean edition's proof carries no marks.
    let clean = story("短稿", &seed_paras(0, 1), "", (1, 2, 0, 40));
    let p = mini(&[("a.toml", clean)], "", "");
    let run = folio(&p, &["proof", "content/mini", "--dpi", "60", "--out", "proofs", "--allow-overset"]);
    let page = std::fs::read(p.root().join("proofs/mini-p1.png")).unwrap();
    let (_, _, red) = colour_centroid(&page, [0xe0, 0, 0]);
    assert_eq!(red, 0, "{}", run.stdout());
}

#[test]
fn half_width_brackets_in_chinese_text_are_found_or_set_full_width() {
    // The sample's house setting sets the seed's 案(事)件 full-width in the PDF.
    let p = TestProject::sample();
    let run = folio(&p, &["build", &format!("content/{SAMPLE}"), "--out", "out"]);
    run.assert_code(0);
    let text = poppler("pdftotext", &[p.out().join(format!("{SAMPLE}.pdf")).to_str().unwrap(), "-"]);
    assert!(text.contains("案（事）件"), "set full-width");
    assert!(!text.contains("案(事)件"));
    // Without it, each pair in Chinese text is a warning located in the story file, with the fix;
    // a pair in Latin text and one in a comment are not.
    p.edit(&format!("content/{SAMPLE}/edition.toml"), |t| t.replace("full_width_brackets = true", "full_width_brackets = false"));
    p.edit(&format!("content/{SAMPLE}/stories/wuning.toml"), |t| format!("# a comment (注释)\n{}", t.replacen("禁毒专项行动", "禁毒专项行动（Typst (0.15) 排版）", 1)));
    let run = folio(&p, &["check", &format!("content/{SAMPLE}"), "--format", "json"]);
    run.assert_code(0);
    let v: Value = serde_json::from_str(&run.stdout()).unwrap();
    let found = with_code(&v, "half-width-bracket");
    assert_eq!(found.len(), 1, "{found:?}");
    let f = found[0];
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["file"], format!("content/{SAMPLE}/stories/wuning.toml"));
    let story = std::fs::read_to_string(p.root().join(format!("content/{SAMPLE}/stories/wuning.toml"))).unwrap();
    let body = story.lines().position(|l| l.contains("案(事)件")).unwrap() + 1;
    assert_eq!(f["line"], body as u64, "the body's line");
    assert!(f["message"].as_str().unwrap().contains("(事)"));
    assert!(f["hints"][0].as_str().unwrap().contains("（事）") && f["hints"][0].as_str().unwrap().contains("full_width_brackets"));
}

#[test]
fn half_width_marks_in_chinese_text_are_found_or_set_full_width() {
    // TEST DATA: copy as pasted from a web page — half-width , ? : after Han characters — with a
    // count and a time that keep theirs.
    let body = "记者从省通信管理局获悉,今年我省将新建基站1,500个。截至9:30,怎么办?答:全力推进。";
    let p = mini(&[("web.toml", story("网稿", body, "", (1, 2, 0, 20)))], "", "");
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "warnings only: {v:#}");
    let found = with_code(&v, "half-width-mark");
    let msgs: Vec<&str> = found.iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert_eq!(found.len(), 3, "悉, 办? 答: — not 1,500 nor 9:30 nor 30,: {msgs:?}");
    for (f, (context, fixed)) in found.iter().zip([("悉,今", "悉，今"), ("办?答", "办？答"), ("答:全", "答：全")]) {
        assert_eq!(f["severity"], "warning");
        assert_eq!(f["file"], "content/mini/stories/web.toml");
        assert_eq!(f["line"], 3, "the body's line");
        assert!(f["message"].as_str().unwrap().contains(context), "{f:#}");
        let hint = f["hints"][0].as_str().unwrap();
        assert!(hint.contains(fixed) && hint.contains("full_width_marks"), "{hint}");
    }
    // Marked on the proof in red-orange.
    folio(&p, &["proof", "content/mini", "--dpi", "60", "--out", "proofs", "--allow-overset"]).assert_code(0);
    let page = std::fs::read(p.root().join("proofs/mini-p1.png")).unwrap();
    assert!(colour_centroid(&page, [0xff, 0x50, 0x00]).2 > 10, "marked on the proof");

    // The house setting sets them full-width in the PDF; the count and the time stay.
    p.edit("content/mini/edition.toml", |t| t.replacen("format = \"broadsheet\"\n", "format = \"broadsheet\"\n\n[typography]\nfull_width_marks = true\n", 1));
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "{v:#}");
    assert!(with_code(&v, "half-width-mark").is_empty(), "{v:#}");
    folio(&p, &["build", "content/mini", "--out", "out"]).assert_code(0);
    let text: String = poppler("pdftotext", &[p.root().join("out/mini.pdf").to_str().unwrap(), "-"]).split_whitespace().collect();
    for want in ["获悉，今年", "怎么办？答：全力", "1,500", "9:30"] {
        assert!(text.contains(want), "{want} in {text}");
    }
}

#[test]
fn a_story_full_of_half_width_marks_lists_ten_and_counts_the_rest() {
    // TEST DATA: 25 half-width commas after Han characters (30 000 of them took 70 s and 15 MB
    // of report, one finding each, before).
    let body = format!("{}。", "记者获悉,".repeat(25));
    let p = mini(&[("web.toml", story("网稿", &body, "", (1, 2, 0, 20)))], "", "");
    let (code, v) = check_json(&p, &["--allow-overset"]);
    assert_eq!(code, 0, "warnings only: {v:#}");
    let found = with_code(&v, "half-width-mark");
    assert_eq!(found.len(), 11, "ten listed, one more counting the rest: {found:#?}");
    let last = found[10]["message"].as_str().unwrap();
    assert!(last.contains("15 more") && last.contains("悉,"), "{last}");
    assert_eq!(found[10]["line"], 3, "located at the eleventh, in the body");
}

#[test]
fn full_width_letters_and_digits_are_found_or_set_half_width() {
    // TEST DATA: copy typed with the input method in full-width mode.
    let body = "２０２３年全省ＧＤＰ增长５．２％，高于全国平均水平。";
    let p = mini(&[("fw.toml", story("全角", body, "", (1, 2, 0, 20)))], "", "");
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "warnings only: {v:#}");
    let found = with_code(&v, "full-width-alnum");
    let msgs: Vec<&str> = found.iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert_eq!(found.len(), 3, "{msgs:?}");
    for (f, (run, half)) in found.iter().zip([("２０２３", "2023"), ("ＧＤＰ", "GDP"), ("５．２％", "5.2%")]) {
        assert_eq!(f["severity"], "warning");
        assert_eq!(f["file"], "content/mini/stories/fw.toml");
        assert_eq!(f["line"], 3, "the body's line");
        assert!(f["message"].as_str().unwrap().contains(run), "{f:#}");
        let hint = f["hints"][0].as_str().unwrap();
        assert!(hint.contains(half) && hint.contains("half_width_alnum"), "{hint}");
    }
    // The house setting sets them half-width: the PDF reads the ASCII forms, the digits set as
    // the house sets digits (half an em each, not a full em).
    p.edit("content/mini/edition.toml", |t| t.replacen("format = \"broadsheet\"\n", "format = \"broadsheet\"\n\n[typography]\nhalf_width_alnum = true\n", 1));
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "{v:#}");
    assert!(with_code(&v, "full-width-alnum").is_empty(), "{v:#}");
    folio(&p, &["build", "content/mini", "--out", "out"]).assert_code(0);
    let pdf = p.root().join("out/mini.pdf");
    let text: String = poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]).split_whitespace().collect();
    assert!(text.contains("2023年全省GDP增长5.2%，"), "{text}");
    // Each of 2023's digits is at most 0.6 em wide (a full-width digit is a whole em).
    let chars: Vec<common::typeset::Char> = common::typeset::chars(&pdf).into_iter().flatten().collect();
    let at = chars.windows(5).position(|w| w.iter().map(|c| c.c).collect::<String>() == "2023年").expect("2023年 is set");
    for c in &chars[at..at + 4] {
        assert!(c.x1 - c.x0 <= 0.6 * c.size, "{} is {:.1} pt wide at {:.1} pt", c.c, c.x1 - c.x0, c.size);
    }
}

/// Copy pasted from a web page or exported by a newsroom system with its HTML left in (TEST
/// DATA): folio sets copy literally, so `&nbsp;`, `&ldquo;` and `<p>` printed as written, with
/// exit 0 and nothing said, until session 38. Each is now a located warning naming what to
/// write instead (the entity's character; a tag deleted), read back from the PDF as printed;
/// `AT&T` and `a < b` are not HTML.
#[test]
fn html_left_in_copy_is_found_with_what_it_stands_for() {
    let body = "据介绍&nbsp;，该公司&ldquo;智慧城市&rdquo;项目已落地。<p>AT&T与本地企业合作，投资a < b亿元。</p>";
    let p = mini(&[("html.toml", story("网页稿", body, "", (1, 2, 0, 20)))], "", "");
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "warnings only: {v:#}");
    let found = with_code(&v, "html-in-copy");
    let msgs: Vec<&str> = found.iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert_eq!(found.len(), 5, "{msgs:?}");
    for (f, (markup, fix)) in found.iter().zip([("&nbsp;", "delete it"), ("&ldquo;", "“"), ("&rdquo;", "”"), ("<p>", "delete it"), ("</p>", "delete it")]) {
        assert_eq!(f["severity"], "warning");
        assert_eq!(f["file"], "content/mini/stories/html.toml");
        assert_eq!(f["line"], 3, "the body's line");
        assert!(f["message"].as_str().unwrap().contains(markup), "{f:#}");
        assert!(f["hints"][0].as_str().unwrap().contains(fix), "{f:#}");
    }
    // As printed: the finding is what the page shows.
    folio(&p, &["build", "content/mini", "--out", "out"]).assert_code(0);
    let text: String = poppler("pdftotext", &[p.root().join("out/mini.pdf").to_str().unwrap(), "-"]).split_whitespace().collect();
    assert!(["&nbsp;", "&ldquo;", "&rdquo;", "<p>", "</p>"].iter().all(|m| text.contains(m)), "{text}");
}

/// `n` Han characters of the seed's copy, in order, without punctuation.
fn han_chars(skip: usize, n: usize) -> String {
    let s: String = han(&seed_paras(0, 12)).into_iter().skip(skip).take(n).collect();
    assert_eq!(s.chars().count(), n, "the seed has enough characters");
    s
}

#[test]
fn loose_lines_orphans_and_short_columns_are_warnings_with_marks_on_the_proof() {
    // An ellipsis (two ems that never start a line) right after the first line's eighth
    // character: the character goes down with it and the first line is spread far apart.
    let loose = story("松行", &format!("{}……{}。", han_chars(0, 8), han_chars(8, 20)), "", (1, 2, 0, 40));
    // Two lines, then four (a 10-character column): balanced at three lines, the second
    // paragraph's first line stands alone at the foot of column 1.
    let orphan = story("孤行", &format!("{}。\n\n{}。", han_chars(40, 15), han_chars(60, 35)), "", (3, 2, 0, 40));
    let p = mini(&[("loose.toml", loose), ("orphan.toml", orphan)], "", "");
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "warnings only: {v:#}");
    let found = with_code(&v, "loose-line");
    assert!(!found.is_empty() && found.iter().all(|f| f["file"] == "content/mini/stories/loose.toml"), "{found:#?}");
    let f = found[0];
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["file"], "content/mini/stories/loose.toml");
    assert_eq!(f["line"], 3, "located at the line's text in the story's body");
    assert!(f["message"].as_str().unwrap().contains("spread by"), "{f:#}");
    let found = with_code(&v, "orphan");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["file"], "content/mini/stories/orphan.toml");
    assert!(found[0]["message"].as_str().unwrap().contains("column 1"), "{:#}", found[0]);
    assert!(with_code(&v, "widow").is_empty(), "{v:#}");

    // Three lines in two columns, in a block exactly as deep as the copy needs: the second
    // column ends a line short of the first (and of the block's foot).
    let underset = |v: &Value| v["pages"][0]["underset_lines"].as_u64().unwrap() as u32;
    let three = |h: u32| story("短栏", &format!("{}。", han_chars(100, 26)), "", (1, 2, 0, h));
    let p = mini(&[("short.toml", three(40))], "", "");
    let (_, v) = check_json(&p, &[]);
    let h = 40 - underset(&v);
    std::fs::write(p.edition("mini").join("stories/short.toml"), three(h)).unwrap();
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0);
    assert!(with_code(&v, "underset").is_empty(), "{v:#}");
    let found = with_code(&v, "short-column");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0]["message"].as_str().unwrap().contains("column 2") && found[0]["message"].as_str().unwrap().contains("1 line above"), "{:#}", found[0]);

    // The proof (150 dpi by default) marks the short column in cyan.
    let run = folio(&p, &["proof", "content/mini", "--out", "proofs"]);
    run.assert_code(0);
    let png = std::fs::read(p.root().join("proofs/mini-p1.png")).unwrap();
    let img = image::load_from_memory(&png).unwrap();
    assert_eq!(img.width(), (390.0 / 25.4 * 150.0_f64).round() as u32, "150 dpi by default");
    let (x, _, cyan) = colour_centroid(&png, [0x00, 0xa0, 0xc0]);
    assert!(cyan > 50, "short column marked: {cyan}");
    // Column 2 of the block: right of the page's first column.
    assert!(x > 150.0 * 80.0 / 72.0, "{x}");
}

/// A head area two or more lines deeper than its head needs (`head = 9` over a two-column
/// head of one line) is a `deep-head` warning at its `head` key with the `head = N` it needs,
/// and the proof marks it (in the blue of white under copy: the block's spare lines).
#[test]
fn a_deep_head_area_is_a_warning_marked_on_the_proof() {
    let deep = |h: u32| story("深题", &format!("{}。", han_chars(100, 120)), "", (1, 2, 0, h)) + "head = 9\n";
    let p = mini(&[("deep.toml", deep(40))], "", "");
    let (_, v) = check_json(&p, &[]);
    let h = 40 - v["pages"][0]["underset_lines"].as_u64().unwrap() as u32;
    std::fs::write(p.edition("mini").join("stories/deep.toml"), deep(h)).unwrap();
    let (code, v) = check_json(&p, &[]);
    assert_eq!(code, 0, "warnings only: {v:#}");
    assert!(with_code(&v, "underset").is_empty(), "{v:#}");
    let found = with_code(&v, "deep-head");
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["file"], "content/mini/stories/deep.toml");
    assert_eq!(found[0]["line"], common::line_of(&p, "content/mini/stories/deep.toml", "head = 9") as u64, "at the `head` key");
    assert!(found[0]["hints"].to_string().contains("head = "), "{:#}", found[0]);

    // The proof marks it; with no underset and nothing else blue on the page, the blue is it.
    let run = folio(&p, &["proof", "content/mini", "--out", "proofs"]);
    run.assert_code(0);
    let png = std::fs::read(p.root().join("proofs/mini-p1.png")).unwrap();
    let (_, _, blue) = colour_centroid(&png, [0x10, 0x60, 0xe0]);
    assert!(blue > 50, "deep head marked: {blue}");
    // Without `head`, no finding and no blue.
    std::fs::write(p.edition("mini").join("stories/deep.toml"), deep(h).replace("head = 9\n", "")).unwrap();
    let (_, v) = check_json(&p, &["--allow-overset"]);
    assert!(with_code(&v, "deep-head").is_empty(), "{v:#}");
}

/// On the automatic sample (its stories placed by folio, no `[block]`), every short column is
/// located in its story's `body` (the file's first line, its comment, until session 40; since
/// session 50 at the column's last line where the file has it as the page prints it), and
/// the human report of `folio check` prints at most three of a story's short columns in full
/// and one line for the rest, as `build` does (a story's eight each in full until then); the
/// JSON report lists every one.
#[test]
fn short_columns_of_placed_stories_point_at_their_body_and_are_summarised() {
    let p = TestProject::with_edition("jiangxi-auto");
    let run = p.folio(&["check", "content/jiangxi-auto", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    let short = with_code(&v, "short-column");
    assert!(!short.is_empty(), "{v:#}");
    for f in &short {
        let file = f["file"].as_str().unwrap();
        let source = std::fs::read_to_string(p.root().join(file)).unwrap();
        // The lines of the story's copy: its body's and its sections' (1-based, inclusive).
        let mut copy = Vec::new();
        let mut open = None;
        for (k, l) in source.lines().enumerate() {
            match open {
                None if l.trim_start().starts_with("body = \"\"\"") => open = Some(k + 1),
                Some(from) if l.starts_with("\"\"\"") => {
                    copy.push(from as u64..=(k + 1) as u64);
                    open = None;
                }
                _ => {}
            }
        }
        let line = f["line"].as_u64().unwrap();
        assert!(copy.iter().any(|r| r.contains(&line)), "at line {line}, not in the copy ({copy:?}): {f:#}");
    }
    let mut per_story = std::collections::BTreeMap::<&str, usize>::new();
    for f in &short {
        *per_story.entry(f["story"].as_str().unwrap()).or_default() += 1;
    }
    let human = p.folio(&["check", "content/jiangxi-auto"]).stdout();
    for (story, n) in per_story {
        let block = human.split(&format!("  {story}\n")).nth(1).unwrap_or_else(|| panic!("{story}: {human}")).split("\n  content/").next().unwrap();
        let shown = block.matches("[short-column]").count();
        assert_eq!(shown, n.min(3), "{story}: {n} short columns, {shown} printed:\n{block}");
        assert_eq!(block.contains(&format!("{} more short-column warning", n.saturating_sub(3))), n > 3, "{story}:\n{block}");
    }
}

/// A short column names the page's column where the story's block does not start in the page's
/// first (review 49 read "column 1" of a story in columns 4–6 as the page's): on the broadsheet
/// sample, each `short-column` finding's page column is its story's column counted from the
/// block's `column` in the story's file, and a finding with no page column is of a block that
/// starts in the page's first.
#[test]
fn a_short_column_names_the_pages_column() {
    let p = TestProject::with_edition(SAMPLE);
    let run = folio(&p, &["check", &format!("content/{SAMPLE}"), "--format", "json"]);
    let v: Value = serde_json::from_str(&run.stdout()).unwrap();
    let short: Vec<&Value> = v["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "short-column").collect();
    let mut named = 0;
    for f in &short {
        let message = f["message"].as_str().unwrap();
        let file = f["file"].as_str().unwrap();
        let story: toml::Table = toml::from_str(&std::fs::read_to_string(p.root().join(file)).unwrap()).unwrap();
        let column = story["block"]["column"].as_integer().unwrap();
        let number = |after: &str| message.split(after).nth(1).and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next()).and_then(|n| n.parse::<i64>().ok());
        match (number("the story's column "), number("(page column ")) {
            (Some(n), Some(m)) => {
                assert_eq!(m, column + n - 1, "{file}: {message}");
                named += 1;
            }
            _ => assert_eq!(column, 1, "{file}, a block from column {column}: {message}"),
        }
    }
    assert!(named > 0, "the sample has short columns in blocks right of the page's first: {short:#?}");
}
