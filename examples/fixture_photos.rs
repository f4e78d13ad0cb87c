//! Generates the sample edition's two FIXTURE photos (the originals are not available).
//!
//! `cargo run --release --example fixture_photos -- content/jiangxi-special/photos`
//!
//! The pictures are drawn procedurally — sky, ground, a road with vehicles, standing figures —
//! with deterministic noise, so they look like photographs at a glance and print like them
//! (continuous tone, full range), and the same command always writes the same files.

use image::{Rgb, RgbImage};

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as f32) / (1u64 << 31) as f32
    }
}

fn blend(a: [f32; 3], b: [f32; 3], t: f32) -> [f32; 3] {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

/// A drill ground: sky, distant buildings, ground, rows of figures, two vehicles.
fn scene(w: u32, h: u32, seed: u64, road: bool) -> RgbImage {
    let mut rng = Lcg(seed);
    let mut img = RgbImage::new(w, h);
    let horizon = h as f32 * 0.42;
    let buildings: Vec<(f32, f32, f32)> = (0..18).map(|_| (rng.next() * w as f32, 40.0 + rng.next() * 160.0, 0.05 + rng.next() * 0.12)).collect();
    let figures: Vec<(f32, f32, f32)> = (0..40).map(|i| {
        let row = (i / 10) as f32;
        (w as f32 * (0.12 + 0.075 * (i % 10) as f32 + 0.02 * row), horizon + h as f32 * (0.18 + 0.09 * row), 0.6 + 0.15 * row)
    }).collect();
    for y in 0..h {
        for x in 0..w {
            let (fx, fy) = (x as f32, y as f32);
            let mut c = if fy < horizon {
                blend([150.0, 180.0, 215.0], [215.0, 225.0, 235.0], fy / horizon)
            } else if road && (fx - w as f32 * 0.5).abs() < (fy - horizon) * 0.9 {
                blend([95.0, 95.0, 100.0], [70.0, 70.0, 75.0], (fy - horizon) / (h as f32 - horizon))
            } else {
                blend([120.0, 125.0, 95.0], [90.0, 95.0, 70.0], (fy - horizon) / (h as f32 - horizon))
            };
            for &(bx, bh, bw) in &buildings {
                if (fx - bx).abs() < bw * w as f32 * 0.3 && fy < horizon && fy > horizon - bh * h as f32 / 800.0 {
                    c = [170.0, 168.0, 165.0];
                }
            }
            for &(px, py, s) in &figures {
                let (dx, dy) = ((fx - px) / s, (py - fy) / s);
                let body = dx.abs() < 22.0 && dy > 0.0 && dy < 150.0;
                let head = dx * dx + (dy - 175.0) * (dy - 175.0) < 22.0 * 22.0;
                if body || head {
                    c = if head { [40.0, 40.0, 45.0] } else { [25.0, 35.0, 60.0] };
                }
            }
            if road {
                for (vx, vy) in [(w as f32 * 0.42, horizon + h as f32 * 0.25), (w as f32 * 0.6, horizon + h as f32 * 0.4)] {
                    let (dx, dy) = (fx - vx, fy - vy);
                    if dx.abs() < w as f32 * 0.07 && dy.abs() < h as f32 * 0.05 {
                        c = if dy < -(h as f32) * 0.02 { [60.0, 80.0, 100.0] } else { [235.0, 235.0, 230.0] };
                    }
                }
            }
            let n = (rng.next() - 0.5) * 18.0;
            img.put_pixel(x, y, Rgb(c.map(|v| (v + n).clamp(0.0, 255.0) as u8)));
        }
    }
    img
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "content/jiangxi-special/photos".into());
    std::fs::create_dir_all(&dir).expect("create photo folder");
    for (name, w, h, seed, road) in [("xunjing.jpg", 3000, 2000, 7, false), ("chaji.jpg", 3000, 2000, 11, true)] {
        let img = scene(w, h, seed, road);
        let path = format!("{dir}/{name}");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create photo"));
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img).expect("encode");
        println!("wrote {path} ({w}×{h})");
    }
}
