//! Input: takes an edition folder inside a project and gives the validated [`content::Edition`]
//! with its [`grid::Formats`] and the measured photo files ([`photos`]); every problem is a
//! located diagnostic naming file, line and the fix. [`import`] turns reporters' copy into story
//! files.

pub mod content;
pub mod grid;
pub mod import;
pub mod known;
pub mod photos;
pub mod phrases;
pub mod punctuation;
pub mod schema;
pub mod source;
