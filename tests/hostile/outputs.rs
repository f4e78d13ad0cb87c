//! Hostile input: builds that fail at any stage leave OUT exactly as it was; the manifest under a lock; SIGKILL mid-write.

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;
