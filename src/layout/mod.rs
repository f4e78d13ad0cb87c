//! Layout: takes a loaded edition and gives its compiled documents. The sandboxed Typst
//! [`world`] with its [`fonts`]; the [`galley`] pass measures each story's lines, [`flow`] and
//! [`compose`] place them in their blocks, [`photos`] serves each photo at its placed size (a JPEG printed as delivered as a one-page PDF
//! that draws it, [`forms`]), and
//! [`compile`] runs the passes.

pub mod compile;
pub mod compose;
pub mod flow;
pub mod fonts;
pub mod forms;
pub mod galley;
pub mod photos;
pub mod place;
pub mod world;
