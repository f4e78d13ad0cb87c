//! Output file names: every file folio writes into OUT (and `--emit-typst` into its folder) is
//! named here, from the edition's folder name, so that builds, proofs, watch, the manifest and
//! the collision checks agree.
//!
//! | file | name |
//! |---|---|
//! | the pages | `<edition>.pdf` |
//! | the spread sheets | `<edition>-spread.pdf` |
//! | a press plate | `<edition>-press/<edition>-pNN.pdf` (`-pNN-I.pdf` for the I-th of one page number) |
//! | the archive copy | `<edition>-archive.pdf` |
//! | a page's PNG proof (`folio proof`, `folio watch --png`) | `<edition>-pN.png` |
//! | a spread sheet's PNG proof | `<edition>-spread-L-R.png` |
//! | the contact sheet | `<edition>-contact.png` |
//! | the emitted Typst | `<edition>.typ`, `<edition>-spread.typ` |

/// The names of an edition's outputs.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a>(pub &'a str);

impl Names<'_> {
    /// The pages PDF.
    pub fn pages_pdf(self) -> String {
        format!("{}.pdf", self.0)
    }

    /// The spread sheets' PDF.
    pub fn spread_pdf(self) -> String {
        format!("{}-spread.pdf", self.0)
    }

    /// The press plates' folder.
    pub fn plate_dir(self) -> String {
        format!("{}-press", self.0)
    }

    /// A press plate's file name (inside [`Names::plate_dir`]): `nth` counts pages that share
    /// one number (0 for the first).
    pub fn plate(self, number: u32, nth: usize) -> String {
        match nth {
            0 => format!("{}-p{number:02}.pdf", self.0),
            n => format!("{}-p{number:02}-{}.pdf", self.0, n + 1),
        }
    }

    /// Whether `file` is one of this edition's plate names.
    pub fn is_plate(self, file: &str) -> bool {
        let Some(rest) = file.strip_prefix(self.0).and_then(|r| r.strip_prefix("-p")).and_then(|r| r.strip_suffix(".pdf")) else {
            return false;
        };
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '-')
    }

    /// The archive copy.
    pub fn archive(self) -> String {
        format!("{}-archive.pdf", self.0)
    }

    /// A page's PNG proof.
    pub fn page_png(self, number: u32) -> String {
        format!("{}-p{number}.png", self.0)
    }

    /// A spread sheet's PNG proof, from its pages' labels.
    pub fn spread_png(self, labels: &[String]) -> String {
        format!("{}-spread-{}.png", self.0, labels.join("-"))
    }

    /// The contact sheet.
    pub fn contact_png(self) -> String {
        format!("{}-contact.png", self.0)
    }

    /// The emitted Typst of the pages and of the spread sheets.
    pub fn typst(self) -> [String; 2] {
        [format!("{}.typ", self.0), format!("{}-spread.typ", self.0)]
    }

    /// The names (without `.pdf`) it writes at the top of OUT, for collision checks.
    pub fn stems(self) -> [String; 3] {
        [self.pages_pdf(), self.spread_pdf(), self.archive()].map(|n| n.trim_end_matches(".pdf").to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::Names;

    #[test]
    fn plate_names_are_recognised() {
        let n = Names("a");
        assert!(n.is_plate(&n.plate(4, 0)));
        assert!(n.is_plate(&n.plate(4, 1)));
        assert!(!n.is_plate("a-spread-p04.pdf"));
        assert!(!Names("b").is_plate(&n.plate(4, 0)));
    }
}
