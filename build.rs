//! Build script: gives the binary two identities of the code behind what folio remembers
//! between runs in the user's cache folder, so that a remembered result is never reused by a
//! folio that would find another:
//! - `FOLIO_MEASURE_ID`, a hash of the sources that decide what a photo's verification and ink
//!   measurement find (and of the press profile), for the photos' measurements (`input::known`);
//! - `FOLIO_WORDS_ID`, a hash of the headline segmentation and of the locked crate versions (the
//!   word segmenter and its dictionary), for the words of display text (`input::phrases`).

use std::hash::{Hash, Hasher};

fn id(name: &str, sources: &[&str]) {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for s in sources {
        println!("cargo:rerun-if-changed={s}");
        std::fs::read(s).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rustc-env={name}={:016x}", h.finish());
}

fn main() {
    id("FOLIO_MEASURE_ID", &["src/check/ink.rs", "src/colour.rs", "src/input/photos.rs", "src/input/known.rs", "icc/CGATS-TR002-newsprint.icc", "Cargo.lock"]);
    id("FOLIO_WORDS_ID", &["src/input/phrases.rs", "Cargo.lock"]);
}
