//! Check: takes a compiled edition and gives the preflight [`preflight::Finding`]s (overset,
//! photo resolution, missing glyphs from [`glyphs`], ink coverage from [`ink`], loose lines, widows, orphans and short columns from
//! [`typography`], long legs beside photos from [`legs`]) with typed codes.

pub mod glyphs;
pub mod ink;
pub mod legs;
pub mod preflight;
pub mod typography;
