//! folio turns a newspaper edition described in TOML into print-ready PDF pages through Typst.
//!
//! The pipeline, one module per stage:
//! [`content`] (load and validate) → [`world`] (sandboxed Typst world with [`fonts`]) →
//! [`compile`] (galley pass [`galley`], copy [`flow`] and [`compose`]ition, page pass) →
//! [`preflight`] (findings, from [`photos`], [`glyphs`] and [`ink`]; printed by [`report`], drawn
//! on PNG proofs by [`proof`]) → [`export`] (PDF, PNG). [`pipeline`] runs the recipe;
//! [`cli`] and [`cmd`] are the command line.
#![warn(missing_docs)]

pub mod archive;
pub mod cli;
pub mod cmd;
pub mod compile;
pub mod compose;
pub mod content;
pub mod diag;
pub mod emit;
pub mod export;
pub mod flow;
pub mod fonts;
pub mod galley;
pub mod glyphs;
pub mod grid;
pub mod ink;
pub mod manifest;
pub mod names;
pub mod photos;
pub mod pipeline;
pub mod preflight;
pub mod press;
pub mod project;
pub mod proof;
pub mod report;
pub mod source;
pub mod watch;
pub mod world;
