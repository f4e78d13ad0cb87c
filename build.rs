//! Build script: gives the binary `FOLIO_MEASURE_ID`, a hash of the sources that decide what a
//! photo's verification and ink measurement find (and of the press profile), so that photos'
//! measurements remembered between runs (`input::known`) are never reused by a folio whose
//! measuring differs from the one that made them.

use std::hash::{Hash, Hasher};

fn main() {
    let sources = ["src/check/ink.rs", "src/colour.rs", "src/input/photos.rs", "src/input/known.rs", "icc/CGATS-TR002-newsprint.icc", "Cargo.lock"];
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for s in sources {
        println!("cargo:rerun-if-changed={s}");
        std::fs::read(s).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rustc-env=FOLIO_MEASURE_ID={:016x}", h.finish());
}
