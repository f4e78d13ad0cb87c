//! `fit = "auto"`: folio adjusts tracking and photo height, within bounds, so a story fills
//! its block, and reports what it changed; past the bounds the overset or underset stands.

mod common;
use common::*;

const XINYU: &str = "content/jiangxi-special/stories/xinyu.toml";

fn check_json(p: &TestProject) -> (i32, serde_json::Value) {
    let run = p.folio(&["check", "content/jiangxi-special", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stdout()));
    (run.code(), v)
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    v["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn auto_fit_fills_a_block_that_would_be_overset() {
    // Two lines less for the 新余 story: as written, its copy no longer fits.
    let p = TestProject::sample();
    p.edit(XINYU, |t| t.replace("height = 84", "height = 82"));
    let (code, v) = check_json(&p);
    assert_eq!(code, 1);
    assert!(codes(&v).contains(&"overset".to_string()), "{v}");

    // With fit = "auto" it fits, and the report says what changed.
    p.edit(XINYU, |t| t.replacen("headline =", "fit = \"auto\"\nheadline =", 1));
    let (code, v) = check_json(&p);
    assert_eq!(code, 0, "{v}");
    let c = codes(&v);
    assert!(!c.contains(&"overset".to_string()) && !c.contains(&"underset".to_string()), "{v}");
    let msg = v["findings"].as_array().unwrap().iter().find(|f| f["code"] == "copyfit").expect("a copyfit finding");
    let m = msg["message"].as_str().unwrap();
    assert!(m.contains("photo") || m.contains("tracking"), "{m}");
    assert!(msg["line"].as_u64().unwrap() > 0);
}

#[test]
fn auto_fit_stays_within_its_bounds() {
    // Far too small a block: copyfit cannot save it; the overset stands as an error.
    let p = TestProject::sample();
    p.edit(XINYU, |t| t.replace("height = 84", "height = 60").replacen("headline =", "fit = \"auto\"\nheadline =", 1));
    let (code, v) = check_json(&p);
    assert_eq!(code, 1);
    assert!(codes(&v).contains(&"overset".to_string()), "{v}");

    // A tracking bound of zero and no photo changes: nothing may change.
    let p = TestProject::sample();
    p.edit(XINYU, |t| t.replace("height = 84", "height = 82").replacen("headline =", "fit = \"auto\"\nheadline =", 1));
    p.edit("content/jiangxi-special/edition.toml", |t| format!("{t}\n[copyfit]\ntracking = 0.0\nphoto_lines = 0\n"));
    let (code, v) = check_json(&p);
    assert_eq!(code, 1, "{v}");
    assert!(!codes(&v).contains(&"copyfit".to_string()), "{v}");
}

#[test]
fn unknown_fit_mode_is_an_error() {
    let p = TestProject::sample();
    p.edit(XINYU, |t| t.replacen("headline =", "fit = \"squeeze\"\nheadline =", 1));
    let run = p.folio(&["build", "content/jiangxi-special", "--out", "out"]);
    run.assert_code(1);
    run.assert_stderr_has(&["not a copyfit mode", "xinyu.toml:"]);
}
