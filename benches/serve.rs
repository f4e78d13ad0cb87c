//! `cargo bench --bench serve`: how long after saving a one-character edit the browser shows
//! the new page under `folio serve`, timed end to end in a real headless Chromium.
//!
//! It copies the sample edition to a temporary project, starts `folio serve` on it, opens the
//! preview in Chromium (`$CHROME`, else `chromium` on the PATH) and waits for both pages; then,
//! `BENCH_RUNS` times (default 10), changes one character of a story on page 5 and takes the
//! time from just before the file is written to the moment the new drawing of page 5 has loaded
//! in the page (an `onload` in the page records the wall clock, which the bench compares with its
//! own, so the DevTools protocol's polling adds nothing). The file watcher's quiet time, the
//! rebuild, the PDFs written (as `folio watch` writes them), the SVG, the event, the state and
//! the image's download and decoding are all inside it. The target is 300 ms.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use headless_chrome::{Browser, LaunchOptions, Tab};

const SAMPLE: &str = "jiangxi-special";
const STORY: &str = "stories/wuning.toml";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    folio::cmd::new::copy_dir(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    // Through JSON, so that arrays and objects come back by value too.
    let text = tab.evaluate(&format!("JSON.stringify(({js}))"), false).unwrap_or_else(|e| panic!("evaluate {js}: {e}")).value;
    text.and_then(|t| t.as_str().and_then(|t| serde_json::from_str(t).ok())).unwrap_or(serde_json::Value::Null)
}

fn wait_for(tab: &Tab, js: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if eval(tab, js) == serde_json::Value::Bool(true) {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("{what}: not seen in a minute");
}

fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_dir(&repo().join("layouts"), &root.join("layouts"));
    copy_dir(&repo().join("content").join(SAMPLE), &root.join("content").join(SAMPLE));
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(root)
        .args(["serve", &format!("content/{SAMPLE}"), "--port", "0", "--out", "out", "--font-path"])
        .arg(repo().join("fonts"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start folio serve");
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
    let first = lines.next().expect("folio serve prints its URL").unwrap();
    let url = first.split_whitespace().find(|w| w.starts_with("http://")).expect("URL").to_string();
    // Keep reading its lines so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines.by_ref() {});

    let options = LaunchOptions::default_builder()
        .path(Some(headless_chrome::browser::default_executable().expect("Chromium (apt-get install chromium)")))
        .sandbox(false)
        .window_size(Some((1500, 1000)))
        .idle_browser_timeout(Duration::from_secs(600))
        .build()
        .unwrap();
    let browser = Browser::new(options).expect("start Chromium");
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
    let loaded = "(() => { const p = [...document.querySelectorAll('.slot .page')]; return p.length === 2 && p.every(x => x.dataset.drawn); })()";
    wait_for(&tab, loaded, "both pages");
    // Record when page 5 shows a new drawing (app.js sets `data-drawn` when it has loaded).
    eval(
        &tab,
        "(() => { const page = document.querySelector('.slot[data-page=\"5\"] .page'); window.__loaded = []; \
         new MutationObserver(() => window.__loaded.push([Date.now(), page.dataset.drawn])).observe(page, { attributes: true, attributeFilter: ['data-drawn'] }); \
         window.__state = []; new MutationObserver(() => window.__state.push(Date.now())).observe(document.body, { attributes: true, attributeFilter: ['data-version'] }); return 1; })()",
    );

    let story = root.join("content").join(SAMPLE).join(STORY);
    let original = std::fs::read_to_string(&story).unwrap();
    let (from, to) = ("严格场所管理", "严格场所管控");
    assert!(original.contains(from));
    let mut times = Vec::new();
    let mut states = Vec::new();
    for i in 0..runs {
        let text = if i % 2 == 0 { original.replacen(from, to, 1) } else { original.clone() };
        let seen = eval(&tab, "window.__loaded.length").as_u64().unwrap();
        let seen_state = eval(&tab, "window.__state.length").as_u64().unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let t0 = now_ms();
        std::fs::write(&story, text).unwrap();
        wait_for(&tab, &format!("window.__loaded.length > {seen}"), "the new page 5");
        let at = eval(&tab, "window.__loaded[window.__loaded.length - 1][0]").as_f64().unwrap();
        times.push(at - t0);
        wait_for(&tab, &format!("window.__state.length > {seen_state}"), "the new state");
        states.push(eval(&tab, "window.__state[window.__state.length - 1]").as_f64().unwrap() - t0);
    }
    times.sort_by(f64::total_cmp);
    states.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    let (state_median, state_worst) = (states[states.len() / 2], states[states.len() - 1]);
    println!("| measurement (sample edition, {runs} runs) | median | slowest |");
    println!("|---|---|---|");
    println!("| `folio serve`: save of a story → its new page drawn in Chromium | {median:.0} ms | {worst:.0} ms |");
    println!("| of which: save → the new state (blocks, findings) shown | {state_median:.0} ms | {state_worst:.0} ms |");
    println!("target ≤ 300 ms: {}", if median <= 300.0 { "holds" } else { "MISSED" });
}
