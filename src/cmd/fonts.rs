//! `folio fonts`: list the font families folio sees.

use crate::cli::FontArgs;
use crate::layout::fonts::{self, FontOptions};

/// List families with their number of faces.
pub fn run(args: &FontArgs) -> i32 {
    if !args.font_path.is_dir() && !args.system_fonts {
        eprintln!("error: {} is not a folder", args.font_path.display());
        eprintln!("  = hint: run folio fonts in the project root, or pass --font-path");
        return super::USAGE;
    }
    let fonts = match fonts::load(&FontOptions { dir: args.font_path.clone(), system: args.system_fonts }) {
        Ok(f) => f,
        Err(d) => {
            super::emit(&[d]);
            return super::FAILED;
        }
    };
    for (family, faces) in fonts.families() {
        let names: Vec<String> = fonts.faces_of(&family).iter().map(|v| v.to_string()).collect();
        println!("{family} ({faces} faces: {})", names.join(", "));
    }
    super::OK
}
