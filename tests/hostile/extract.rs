//! Hostile input: `folio extract` — bounded inflation, duplicate or control-character names, never a half-written DIR.

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;
