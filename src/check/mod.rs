//! Check: takes a compiled edition and gives the preflight [`preflight::Finding`]s (overset,
//! photo resolution, missing glyphs from [`glyphs`], ink coverage from [`ink`], loose lines, widows, orphans and short columns from
//! [`typography`], long legs beside photos from [`legs`], heads side by side from [`heads`], pictures side by side from [`pictures`], pictures
//! and heads as large as the lead's from [`rank`]) with typed codes.

pub mod glyphs;
pub mod heads;
pub mod ink;
pub mod legs;
pub mod pictures;
pub mod preflight;
pub mod rank;
pub mod typography;
