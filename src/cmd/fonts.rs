//! `folio fonts [--variants] [--char CHARS]`: list the font families folio sees; with
//! `--variants` every face with its file, with `--char` only the faces that have those
//! characters (which face can set 堃 when the house face cannot).

use std::path::PathBuf;

use typst::text::FontInfo;

use crate::cli::FontArgs;
use crate::diag::Diagnostic;
use crate::layout::fonts::{self, FontOptions, VariantKey};

/// List families with their faces, or faces with their files.
pub fn run(args: &FontArgs) -> i32 {
    if !args.font_path.is_dir() && !args.system_fonts {
        super::emit(&[Diagnostic::error(crate::tr!("fonts-not-folder", path = args.font_path.display()))
            .hint(crate::tr!("fonts-not-folder-hint"))]);
        return super::USAGE;
    }
    if args.variants || args.char.is_some() {
        return faces(args);
    }
    let fonts = match fonts::load(&FontOptions { dir: args.font_path.clone(), system: args.system_fonts }) {
        Ok(f) => f,
        Err(d) => {
            super::emit(&[d]);
            return super::FAILED;
        }
    };
    let families = fonts.families();
    // A folder with no font is said so (session 42: nothing printed, exit 0).
    if families.is_empty() {
        return none_in(args);
    }
    for (family, faces) in families {
        let names: Vec<String> = fonts.faces_of(&family).iter().map(|v| v.to_string()).collect();
        crate::outln!("{}", crate::tr!("fonts-family", family = family, faces = crate::tr!("count-faces", n = faces), names = names.join(", ")));
    }
    super::OK
}

/// No font where folio looked: an error naming the folder.
fn none_in(args: &FontArgs) -> i32 {
    super::emit(&[Diagnostic::error(crate::tr!("fonts-none-in", path = args.font_path.display())).hint(crate::tr!("fonts-none-in-hint"))]);
    super::FAILED
}

/// Every face, as the fonts folder (and the system, with `--system-fonts`) has it.
fn faces(args: &FontArgs) -> i32 {
    let mut all: Vec<(PathBuf, u32, FontInfo)> = Vec::new();
    if args.font_path.is_dir() {
        match fonts::scan(&args.font_path) {
            Ok(f) => all.extend(f),
            Err(d) => {
                super::emit(&[d]);
                return super::FAILED;
            }
        }
    }
    if args.system_fonts {
        all.extend(typst_kit::fonts::system().map(|(fp, info)| (fp.path, fp.index, info)));
    }
    if all.is_empty() {
        return none_in(args);
    }
    let wanted: Vec<char> = args.char.as_deref().unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
    let mut shown: Vec<(String, VariantKey, String)> = all
        .into_iter()
        .filter(|(_, _, info)| wanted.iter().all(|&c| info.coverage.contains(c as u32)))
        .map(|(path, index, info)| {
            let shown = path.strip_prefix(&args.font_path).map_or_else(|_| path.display().to_string(), |p| p.display().to_string());
            let file = if index == 0 { shown } else { crate::tr!("fonts-face-index", file = shown, index = index) };
            (info.family.clone(), info.variant.into(), file)
        })
        .collect();
    shown.sort();
    shown.dedup();
    if shown.is_empty() && !wanted.is_empty() {
        let chars: String = wanted.iter().collect();
        let codes: Vec<String> = wanted.iter().map(|c| format!("U+{:04X}", *c as u32)).collect();
        crate::outln!("{}", crate::tr!("fonts-no-face", chars = chars, codes = codes.join(" ")));
        crate::outln!("  = {}", crate::tr!("hint-line", hint = crate::tr!("fonts-no-face-hint", path = args.font_path.display())));
        return super::FAILED;
    }
    for (family, variant, file) in &shown {
        crate::outln!("{family} — {variant} — {file}");
    }
    super::OK
}
