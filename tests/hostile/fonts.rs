//! Hostile input: missing fonts, missing faces, silent fallbacks.

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;
