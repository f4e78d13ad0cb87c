//! `folio schema [edition|story|formats] [--out FILE|DIR]`: takes a kind of TOML file and gives
//! its JSON Schema (see [`crate::input::schema`]) on stdout or in a file, or all three in a folder.

use crate::cli::SchemaArgs;
use crate::diag::Diagnostic;
use crate::input::schema::SchemaKind;

/// Print or write the schema(s).
pub fn run(args: &SchemaArgs) -> i32 {
    match (args.kind, &args.out) {
        (Some(kind), None) => {
            print!("{}", kind.json());
            super::OK
        }
        (Some(kind), Some(file)) => write(file, &kind.json()),
        (None, Some(dir)) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                super::emit(&[Diagnostic::error(format!("cannot make {} ({e})", dir.display()))]);
                return super::FAILED;
            }
            for kind in SchemaKind::ALL {
                let code = write(&dir.join(kind.file_name()), &kind.json());
                if code != super::OK {
                    return code;
                }
            }
            super::OK
        }
        (None, None) => {
            super::emit(&[Diagnostic::error("name the schema to print, or a folder to write all three into")
                .hint("folio schema edition (or story, formats), or folio schema --out schema")]);
            super::USAGE
        }
    }
}

fn write(file: &std::path::Path, text: &str) -> i32 {
    match std::fs::write(file, text) {
        Ok(()) => {
            eprintln!("wrote {}", file.display());
            super::OK
        }
        Err(e) => {
            super::emit(&[Diagnostic::error(format!("cannot write {} ({e})", file.display()))]);
            super::FAILED
        }
    }
}
