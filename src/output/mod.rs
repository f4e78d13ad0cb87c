//! Output: takes compiled documents and gives the files folio writes, all named in [`names`]:
//! PDFs and PNGs ([`export`]), press plates ([`press`]), the archive copy ([`archive`]), proofs
//! with findings drawn on them ([`proof`]), the emitted Typst sources ([`emit`]), put in place
//! all or nothing with the [`manifest`].

pub mod archive;
pub mod emit;
pub mod export;
pub mod manifest;
pub mod names;
pub mod press;
pub mod proof;
