//! Hostile input: photos — decided by content, every route, pixel budget, kept inside the block.

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;
