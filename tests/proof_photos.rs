//! Proof PNGs at low resolutions still show the photos: `folio proof --dpi 20…40` renders each
//! photo's box with the same colours as a 100-dpi proof (typst-render scales the image to the
//! box's pixel size first). Read back from the PNGs, in the photo boxes the layout placed.

mod common;
use common::*;

/// Mean and standard deviation of each channel over the inner four fifths of a box (pt from
/// the trim's top-left corner) of a PNG rendered at `dpi` without bleed.
fn stats(png: &std::path::Path, dpi: f64, (x, y, w, h): (f64, f64, f64, f64)) -> ([f64; 3], [f64; 3]) {
    let img = image::open(png).unwrap_or_else(|e| panic!("{}: {e}", png.display())).to_rgba8();
    let px = |v: f64| (v * dpi / 72.0).round() as u32;
    let (x0, y0, x1, y1) = (px(x + w * 0.1), px(y + h * 0.1), px(x + w * 0.9), px(y + h * 0.9));
    let (mut sum, mut sq, mut n) = ([0f64; 3], [0f64; 3], 0f64);
    for yy in y0..y1.min(img.height()) {
        for xx in x0..x1.min(img.width()) {
            let p = img.get_pixel(xx, yy).0;
            assert_eq!(p[3], 255, "the page is opaque");
            for c in 0..3 {
                sum[c] += f64::from(p[c]);
                sq[c] += f64::from(p[c]).powi(2);
            }
            n += 1.0;
        }
    }
    assert!(n > 50.0, "{}: the box covers {n} pixels", png.display());
    let mean = sum.map(|s| s / n);
    let sd = [0, 1, 2].map(|c| (sq[c] / n - mean[c].powi(2)).max(0.0).sqrt());
    (mean, sd)
}

#[test]
fn low_resolution_proofs_show_the_photos() {
    let p = TestProject::sample();
    let report = p.report(SAMPLE, false);
    let data = report.compiled.data;
    for dpi in [100u32, 40, 30, 20] {
        let out = format!("proofs-{dpi}");
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .current_dir(p.root())
            .args(["proof", &format!("content/{SAMPLE}"), "--dpi", &dpi.to_string(), "--out", &out, "--font-path"])
            .arg(repo().join("fonts"))
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    }
    let mut boxes = 0;
    for page in &data.pages {
        let f = &page.format;
        for photo in page.stories.iter().filter(|s| !s.mirror).flat_map(|s| &s.photos) {
            let b = (f.side_pt + photo.rect.x, f.top_pt + photo.rect.y, photo.rect.w, photo.image_h);
            let png = |dpi: u32| p.root().join(format!("proofs-{dpi}/{SAMPLE}-p{}.png", page.number));
            let (want, _) = stats(&png(100), 100.0, b);
            for dpi in [40u32, 30, 20] {
                let (mean, sd) = stats(&png(dpi), f64::from(dpi), b);
                // A photo, not paper or text: its colours vary over the box, and on average
                // they are the 100-dpi proof's.
                assert!(sd.iter().all(|s| *s > 15.0), "page {} at {dpi} dpi: a flat box where the photo is (sd {sd:?})", page.number);
                for c in 0..3 {
                    assert!((mean[c] - want[c]).abs() < 4.0, "page {} at {dpi} dpi: photo colours {mean:?}, at 100 dpi {want:?}", page.number);
                }
            }
            boxes += 1;
        }
    }
    assert_eq!(boxes, 2, "the sample's two photos");
}
