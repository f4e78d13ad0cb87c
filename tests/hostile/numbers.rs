//! Hostile input: numbers out of range in blocks, photos, formats and copyfit — no wraparound, the key and its range named.

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;
