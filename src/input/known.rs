//! Photos known from earlier runs: takes a photo's bytes and gives what earlier builds learnt of
//! those very bytes (that they decode strictly without a fault, and the most ink they put on
//! the plates), kept in a small file in the user's cache folder
//! ([`crate::project::cache_dir`], `photos-<id>.json`).
//!
//! Decoding a photo in full (to verify it and to measure its ink) is the largest part of a cold
//! build's CPU time after Typst's own work: about 50 ms a 6-megapixel photo, each time a build
//! starts. A photo desk's files do not change between builds, so the verdict and the ink of
//! unchanged bytes are kept, keyed by the SHA-256 of the bytes themselves (not by name or
//! modification time): a changed, renamed or replaced photo is measured again, and nothing
//! but identical bytes can take a kept verdict. The file's name carries `FOLIO_MEASURE_ID`,
//! a hash of the sources that measure (see `build.rs`), so another folio never reads a verdict
//! made by different code. Only good verdicts are kept: a damaged photo is decoded again every
//! time, so its error is always the decoder's own. A missing, unreadable or foreign cache file
//! only makes the build slower; `FOLIO_CACHE_DIR=off` turns it off.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::input::photos::PhotoColour;

/// The identity of the measuring code: a kept verdict is used only by the folio that made it.
const MEASURE_ID: &str = env!("FOLIO_MEASURE_ID");

/// Most photos remembered; the least recently used go first.
const MAX_PHOTOS: usize = 2048;

/// A photo's bytes, as the key of what is known of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key([u8; 32]);

impl Key {
    /// The key of these bytes (their SHA-256: about half a millisecond a megabyte).
    pub fn of(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }

    fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn parse(hex: &str) -> Option<Self> {
        let mut out = [0u8; 32];
        if hex.len() != 64 {
            return None;
        }
        for (i, o) in out.iter_mut().enumerate() {
            *o = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(Self(out))
    }
}

/// The most ink a photo puts on the plates, as `check::ink` measured it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ink {
    /// The colour of its pixels.
    pub colour: PhotoColour,
    /// Maximum total area coverage in percent.
    pub max_tac: f64,
}

/// What is known of one photo's bytes.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
struct Known {
    /// Decoded in full, strictly, without a fault.
    #[serde(default)]
    verified: bool,
    /// Its ink, when it was measured.
    #[serde(default)]
    ink: Option<Ink>,
    /// When it was last used (seconds since the epoch), for keeping the most recent. Written
    /// only with something newly learnt (a use alone does not rewrite the file), so the order
    /// in which photos are forgotten beyond `MAX_PHOTOS` is approximate.
    #[serde(default)]
    used: u64,
}

#[derive(Serialize, Deserialize)]
struct File {
    measure: String,
    photos: HashMap<String, Known>,
}

struct State {
    photos: HashMap<Key, Known>,
    /// Something learnt since the file was read.
    dirty: bool,
    file: Option<PathBuf>,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// The cache file, if caching is on.
fn file() -> Option<PathBuf> {
    Some(crate::project::cache_dir()?.join(format!("photos-{MEASURE_ID}.json")))
}

/// Run `f` on the state, read from the cache file the first time.
fn with<T>(f: impl FnOnce(&mut State) -> T) -> T {
    let mut guard = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let state = guard.get_or_insert_with(|| {
        let file = file();
        let photos = file
            .as_deref()
            .and_then(|p| crate::project::read_regular(p, crate::project::limits::PHOTO_CACHE).ok())
            .and_then(|b| serde_json::from_slice::<File>(&b).ok())
            .filter(|f| f.measure == MEASURE_ID)
            .map(|f| f.photos.into_iter().filter_map(|(k, v)| Some((Key::parse(&k)?, v))).collect())
            .unwrap_or_default();
        State { photos, dirty: false, file }
    });
    f(state)
}

/// Whether these bytes were decoded in full, strictly, without a fault by an earlier build.
pub fn verified(key: Key) -> bool {
    with(|s| s.file.is_some() && s.photos.get_mut(&key).map(|k| touch(k).verified).unwrap_or(false))
}

/// The ink an earlier build measured for these bytes.
pub fn ink(key: Key) -> Option<Ink> {
    with(|s| if s.file.is_some() { s.photos.get_mut(&key).and_then(|k| touch(k).ink) } else { None })
}

fn touch(k: &mut Known) -> &mut Known {
    k.used = now();
    k
}

/// Remember that these bytes decode strictly without a fault.
pub fn set_verified(key: Key) {
    with(|s| {
        let k = s.photos.entry(key).or_default();
        if !k.verified {
            k.verified = true;
            s.dirty = true;
        }
        touch(k);
    })
}

/// Remember the ink of these bytes.
pub fn set_ink(key: Key, ink: Ink) {
    with(|s| {
        let k = s.photos.entry(key).or_default();
        if k.ink != Some(ink) {
            k.ink = Some(ink);
            s.dirty = true;
        }
        touch(k);
    })
}

/// Write what was learnt since the cache file was read (nothing when nothing was), atomically;
/// a cache that cannot be written is only a slower next build.
pub fn save() {
    let Some((path, bytes)) = with(|s| {
        let path = s.file.clone().filter(|_| s.dirty)?;
        s.dirty = false;
        let mut photos: Vec<(&Key, &Known)> = s.photos.iter().collect();
        // The most recently used first; the oldest are forgotten beyond MAX_PHOTOS.
        photos.sort_by(|a, b| b.1.used.cmp(&a.1.used).then(a.0 .0.cmp(&b.0 .0)));
        photos.truncate(MAX_PHOTOS);
        let file = File { measure: MEASURE_ID.to_string(), photos: photos.into_iter().map(|(k, v)| (k.hex(), *v)).collect() };
        Some((path, serde_json::to_vec(&file).ok()?))
    }) else {
        return;
    };
    if let Err(e) = crate::project::write_atomic(&path, &bytes) {
        crate::diag::log(&format!("photos' measurements not kept: {}", e.message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_the_bytes_sha256_and_reads_back_from_its_hex() {
        let k = Key::of(b"abc");
        assert_eq!(k.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(Key::parse(&k.hex()), Some(k));
        assert_eq!(Key::parse("zz"), None);
        assert_eq!(Key::parse(&"g".repeat(64)), None);
    }
}
