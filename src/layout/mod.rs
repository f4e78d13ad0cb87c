//! Layout: takes a loaded edition and gives its compiled documents. The sandboxed Typst
//! [`world`] with its [`fonts`]; the [`galley`] pass measures each story's lines, [`flow`] and
//! [`compose`] place them in their blocks, [`photos`] serves each photo at its placed size, and
//! [`compile`] runs the passes.

pub mod compile;
pub mod compose;
pub mod flow;
pub mod fonts;
pub mod galley;
pub mod photos;
pub mod place;
pub mod world;
