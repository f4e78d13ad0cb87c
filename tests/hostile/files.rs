//! Hostile input: files that are not regular files (FIFOs, devices, sockets, directories) and oversized files.

#[allow(unused_imports)]
use crate::common::hostile::*;
#[allow(unused_imports)]
use crate::common::*;
