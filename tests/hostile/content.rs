//! Hostile input: content sanity — duplicate pages, control characters, encodings, key typos, IME punctuation, right-to-left text, heads that do not fit.

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;
