//! The hostile-input suite (issue 10): what a hostile or unlucky newsroom feeds folio. Every
//! case asserts the exit code, that the message names the file and line (or field) and the
//! fix, and that a good OUT from before is byte-identical afterwards (`common::hostile`).
//! One module per class of input; one test binary for all of them.

#[path = "../common/mod.rs"]
mod common;

mod content;
mod extract;
mod files;
mod fonts;
mod numbers;
mod outputs;
mod photos;
mod properties;
