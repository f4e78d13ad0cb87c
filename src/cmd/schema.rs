//! `folio schema [edition|story|formats] [--out FILE|DIR]`: takes a kind of TOML file and gives
//! its JSON Schema (see [`crate::input::schema`]) on stdout or in a file, or all three in a folder.

use crate::cli::SchemaArgs;
use crate::diag::Diagnostic;
use crate::input::schema::SchemaKind;

/// Print or write the schema(s).
pub fn run(args: &SchemaArgs) -> i32 {
    match (args.kind, &args.out) {
        (Some(kind), None) => {
            crate::out!("{}", kind.json());
            super::OK
        }
        (Some(kind), Some(file)) => write(file, &kind.json()),
        (None, Some(dir)) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                super::emit(&[Diagnostic::error(crate::tr!("project-cannot-create", path = dir.display(), error = e.to_string()))]);
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
            super::emit(&[Diagnostic::error(crate::tr!("schema-name-one"))
                .hint(crate::tr!("schema-name-one-hint"))]);
            super::USAGE
        }
    }
}

fn write(file: &std::path::Path, text: &str) -> i32 {
    match std::fs::write(file, text) {
        Ok(()) => {
            eprintln!("{}", crate::tr!("wrote-file", file = file.display()));
            super::OK
        }
        Err(e) => {
            super::emit(&[Diagnostic::error(crate::tr!("cannot-write", file = file.display(), error = e.to_string()))]);
            super::FAILED
        }
    }
}
