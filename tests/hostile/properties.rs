//! Property tests: random edits of a story file and random blocks never panic, never wrap, and
//! either build or fail with an error located in the content (never in a template).

use proptest::prelude::*;

use crate::common::*;

const WUNING: &str = "content/jiangxi-special/stories/wuning.toml";

/// One random edit of a story file's text.
#[derive(Debug, Clone)]
enum Edit {
    /// Delete bytes `at..at+len` (clamped to char boundaries).
    Delete(usize, usize),
    /// Insert a string at `at`.
    Insert(usize, String),
    /// Replace the n-th number in the file with a value.
    Number(usize, i128),
}

fn edit() -> impl Strategy<Value = Edit> {
    let pieces = prop::sample::select(vec![
        "=", "＝", "\"", "“", "”", "[", "]", "［", "{", "}", "\n", "\\u0007", "\\u202E", "\u{202E}", "\u{7}", "#",
        "top = 3", "[block]", "[[photos]]", "head = 99", "\"\"\"", "9999999999999999999", "-1", "nan", "1e308",
        "مرحبا", "严格", "\t", "\r\n", "\u{FEFF}", "\\", "'",
    ]);
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, l)| Edit::Delete(a, l)),
        (any::<usize>(), prop::collection::vec(pieces, 1..4)).prop_map(|(a, v)| Edit::Insert(a, v.concat())),
        (0usize..12, prop_oneof![Just(0i128), Just(-1), Just(u32::MAX as i128), Just(u32::MAX as i128 - 5), Just(i64::MAX as i128), -5i128..200]).prop_map(|(n, v)| Edit::Number(n, v)),
    ]
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, e: &Edit) -> String {
    match e {
        Edit::Delete(at, len) => {
            let a = floor(text, at % (text.len() + 1));
            let z = floor(text, a + len);
            format!("{}{}", &text[..a], &text[z..])
        }
        Edit::Insert(at, s) => {
            let a = floor(text, at % (text.len() + 1));
            format!("{}{s}{}", &text[..a], &text[a..])
        }
        Edit::Number(n, v) => {
            // The n-th run of ASCII digits outside the body text.
            let mut count = 0;
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
                    let mut j = i;
                    while j < bytes.len() && bytes[j].is_ascii_digit() {
                        j += 1;
                    }
                    if count == *n {
                        return format!("{}{v}{}", &text[..i], &text[j..]);
                    }
                    count += 1;
                    i = j;
                } else {
                    i += 1;
                }
            }
            text.to_string()
        }
    }
}

/// Every error names a file, and none is located in a template.
fn assert_located(diags: &folio::diag::Diagnostics) {
    assert!(diags.0.iter().any(|d| d.severity == folio::diag::Severity::Error), "an Err without an error");
    for d in &diags.0 {
        let path = d.path.as_ref().unwrap_or_else(|| panic!("an unlocated error: {}", d.message));
        assert!(!path.starts_with("layouts"), "an error located in a template: {} ({})", d.message, path.display());
        assert!(!d.message.contains("panicked"), "{}", d.message);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// The loader: random edits of a story file either load or fail with located errors.
    #[test]
    fn loader_never_panics_and_locates_its_errors(edits in prop::collection::vec(edit(), 1..4)) {
        let p = TestProject::sample();
        let path = p.root().join(WUNING);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = edits.iter().fold(text, |t, e| apply(&t, e));
        std::fs::write(&path, &edited).unwrap();
        let project = folio::project::Project::discover(&p.sample_dir(), Some(p.root()), Some(&repo().join("fonts"))).unwrap();
        let formats = folio::input::grid::Formats::load(&project).unwrap();
        if let Err(d) = folio::input::content::load(&project, &p.sample_dir(), &formats) {
            assert_located(&d);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// The flow: random blocks (and head depths) for a story either build or fail with located
    /// errors — overset, a head that does not fit, a block off the grid or overlapping.
    #[test]
    fn random_blocks_build_or_fail_located(
        (column, span, top, height) in prop_oneof![
            // On the grid, under the banner: the flow decides.
            6 => (1u64..9, 7u64..84).prop_flat_map(|(c, t)| (Just(c), 1..(10 - c), Just(t), 1..(85 - t))),
            // Anything, extremes included.
            1 => (prop_oneof![0u64..10, Just(u32::MAX as u64)], prop_oneof![0u64..10, Just(u32::MAX as u64)],
                  prop_oneof![0u64..90, Just(u32::MAX as u64 - 3)], prop_oneof![0u64..90, Just(u32::MAX as u64)]),
        ],
        head in prop::option::of(0u64..30),
    ) {
        let p = TestProject::sample();
        // 武宁 alone on page 5 (under the banner), so that most random blocks are on the grid
        // and the flow, not the overlap check, decides.
        p.edit("content/jiangxi-special/edition.toml", |t| {
            let at = t.find("stories = [\"stories/jiujiang-lead.toml\"").unwrap();
            let end = at + t[at..].find('\n').unwrap();
            format!("{}stories = [\"stories/wuning.toml\"]{}", &t[..at], &t[end..])
        });
        p.edit(WUNING, |t| {
            let cut = t.find("[block]").unwrap();
            let head = head.map(|h| format!("head = {h}\n")).unwrap_or_default();
            format!("{}[block]\ncolumn = {column}\nspan = {span}\ntop = {top}\nheight = {height}\n{head}", &t[..cut])
        });
        let opts = folio::session::Options {
            edition: p.sample_dir(),
            root: Some(p.root().to_path_buf()),
            font_path: Some(repo().join("fonts")),
            system_fonts: false,
            out: None,
        };
        match folio::session::run(&opts) {
            Ok(report) => {
                // It built: every column of the story ended inside its block.
                prop_assert!(report.compiled.fits.iter().all(|f| f.overset == 0));
            }
            Err(d) => {
                if std::env::var_os("FOLIO_PROP_LOG").is_some() {
                    eprintln!("{column} {span} {top} {height} {head:?}: {}", d.0[0].message);
                }
                assert_located(&d)
            }
        }
    }
}
