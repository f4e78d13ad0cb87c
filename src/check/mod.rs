//! Check: takes a compiled edition and gives the preflight [`preflight::Finding`]s (overset,
//! photo resolution, missing glyphs from [`glyphs`], ink coverage from [`ink`]) with typed codes.

pub mod glyphs;
pub mod ink;
pub mod preflight;
