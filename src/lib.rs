//! folio turns a newspaper edition described in TOML into print-ready PDF pages through Typst.
//!
//! The tree is the pipeline, one direction only (a module uses those before it, never after):
//!
//! - base: [`diag`] (located diagnostics), [`i18n`] (messages in English and Chinese), [`project`] (the project root, sandboxed reads and
//!   atomic writes), [`colour`] (the press profile and separation);
//! - [`input`]: the edition's TOML, its formats and its photo files, loaded and validated;
//! - [`layout`]: the Typst world and fonts, the galley, copy flow and composition, the compile;
//! - [`check`]: preflight findings (overset, photos, glyphs, ink);
//! - [`output`]: every file folio writes (PDF, PNG, plates, archive, manifest, proofs);
//! - [`session`]: one session used by every command: open, compile, write, and watch;
//! - [`serve`]: the live preview in the browser, over a watch session;
//! - [`cmd`], [`cli`] and [`help`]: the command line (and its help in the run's language).
#![warn(missing_docs)]

pub mod diag;
pub mod i18n;
pub mod project;
pub mod colour;
pub mod input;
pub mod layout;
pub mod check;
pub mod output;
pub mod session;
pub mod serve;
pub mod cmd;
pub mod cli;
pub mod help;
