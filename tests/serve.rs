//! `folio serve` in a real browser: Debian's Chromium, headless, driven over the DevTools
//! protocol (headless_chrome). It loads the preview of the sample edition, sees both pages and
//! every story's block, sees an edit appear without a reload, an error shown over the last good
//! pages after a broken edit and gone after the fix, and a request naming another host refused.
//!
//! Chromium is found as `$CHROME`, else `chromium` / `google-chrome` on the PATH (`.ci/run`
//! installs Debian's `chromium`). `FOLIO_SCREENSHOT=path.png` also saves the browser's view of
//! the sample (README's picture is made so).

mod common;
use common::*;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};

/// Start `folio serve` on a free port; gives the process and its URL, after the first build.
fn serve(p: &TestProject) -> (Running, String) {
    serve_edition(p, SAMPLE)
}

/// [`serve`] for the edition `content/<name>`.
fn serve_edition(p: &TestProject, name: &str) -> (Running, String) {
    let mut run = Running::start(p, &["serve", &format!("content/{name}"), "--port", "0", "--out", "out"]);
    let first = run.next_line();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("folio serve prints its URL first: {first:?}"))
        .to_string();
    let built = run.next_line();
    assert!(built.starts_with("built in"), "first build: {built}\n{}", run.stderr());
    (run, url)
}

fn browser() -> Browser {
    let path = headless_chrome::browser::default_executable()
        .unwrap_or_else(|e| panic!("this test needs Chromium (apt-get install chromium; .ci/run does): {e}"));
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1500, 1000)))
        .idle_browser_timeout(Duration::from_secs(180))
        .build()
        .expect("launch options");
    Browser::new(options).expect("start Chromium")
}

/// Evaluate `js` in the page; its value as JSON.
fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    // Through JSON, so that arrays and objects come back by value too.
    let text = tab.evaluate(&format!("JSON.stringify(({js}))"), false).unwrap_or_else(|e| panic!("evaluate {js}: {e}")).value;
    text.and_then(|t| t.as_str().and_then(|t| serde_json::from_str(t).ok())).unwrap_or(serde_json::Value::Null)
}

/// Wait until `js` is true in the page.
fn wait_for(tab: &Tab, js: &str, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if eval(tab, js) == serde_json::Value::Bool(true) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = eval(tab, "document.getElementById('status').textContent");
    panic!("{what}: not seen within {PATIENCE:?} ({js}); status: {status}");
}

/// One raw HTTP/1.1 GET with the given Host header; gives the status line and body.
fn raw_get(url: &str, path: &str, host: &str) -> (String, String) {
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text.lines().next().unwrap_or_default().to_string();
    let body = text.split_once("\r\n\r\n").map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

/// Both pages show their current drawing (the SVG the state names has loaded).
const ALL_LOADED: &str = "(() => { const p = [...document.querySelectorAll('.slot .page')]; \
    return p.length === 2 && p.every(x => x.dataset.drawn && x.querySelector('img.drawing').src.endsWith(x.dataset.drawn)); })()";

/// The drawing page `n` shows.
fn drawn(tab: &Tab, n: u32) -> String {
    eval(tab, &format!("document.querySelector('.slot[data-page=\"{n}\"] .page').dataset.drawn"))
        .as_str()
        .map(String::from)
        .unwrap_or_default()
}

#[test]
fn serve_shows_the_pages_and_updates_them_in_place() {
    let p = TestProject::sample();
    let (mut server, url) = serve(&p);
    let browser = browser();
    let tab: Arc<Tab> = browser.new_tab().expect("tab");
    tab.set_default_timeout(PATIENCE);
    tab.navigate_to(&url).expect("open the preview").wait_until_navigated().expect("page loads");

    // Both pages of the spread, drawn, with every story's block named over them.
    wait_for(&tab, ALL_LOADED, "both pages drawn");
    let pages = eval(&tab, "JSON.stringify([...document.querySelectorAll('.slot[data-page]')].map(s => s.dataset.page))");
    assert_eq!(pages, "[\"4\",\"5\"]", "pages side by side as a spread");
    let names = eval(&tab, "JSON.stringify([...document.querySelectorAll('.block')].map(b => b.dataset.story))");
    let names = names.as_str().unwrap();
    for story in ["聚星火促燎原 铸铁警护钢城", "万里缉毒！斩断毒品运输通道"] {
        assert!(names.contains(story), "block of {story} drawn: {names}");
    }
    let tag = eval(&tab, "document.querySelector('.block .tag').textContent");
    assert!(tag.as_str().unwrap().contains("holds ") && tag.as_str().unwrap().contains(" / copy "), "a block says what it holds: {tag}");
    // The SVG is the page at its trim, shown in a box of the same proportions, with its photo
    // made small for the screen (the PDF keeps it as placed).
    let aspect = eval(&tab, "(() => { const i = document.querySelector('.slot img.drawing'); return [i.naturalWidth / i.naturalHeight, i.clientWidth / i.clientHeight]; })()");
    let aspect: Vec<f64> = aspect.as_array().expect("two ratios").iter().map(|v| v.as_f64().unwrap()).collect();
    assert!((aspect[0] - 1105.5 / 1544.9).abs() < 0.01 && (aspect[0] - aspect[1]).abs() < 0.01, "page aspect {aspect:?}");
    let svg = raw_get(&url, "/pages/0.svg", "127.0.0.1").1;
    assert!(svg.contains("<image") && svg.contains("data:image/jpeg;base64,"), "the photo is in the page's SVG");
    assert!(svg.len() < 2_500_000, "photos at screen size: the SVG is {} bytes", svg.len());

    // A clicked story shows its file and line, with a link for the editor.
    eval(&tab, "(document.querySelector('.block').click(), 1)");
    let detail = eval(&tab, "document.getElementById('detail').textContent");
    assert!(detail.as_str().unwrap().contains(&format!("content/{SAMPLE}/stories/")), "detail names the file: {detail}");
    let link = eval(&tab, "document.querySelector('#detail a').href");
    assert!(link.as_str().unwrap().starts_with("vscode://file/"), "editor link: {link}");

    // An edit appears without a reload: a marker set now survives, the headline's new text is
    // on its block, and page 5's drawing is new.
    eval(&tab, "window.__probe = 42");
    let before = drawn(&tab, 5);
    let story = format!("content/{SAMPLE}/stories/wuning.toml");
    let original = std::fs::read_to_string(p.root().join(&story)).unwrap();
    assert!(original.contains("严格场所管理"), "wuning's headline");
    p.edit(&story, |t| t.replacen("严格场所管理", "严格场所管控", 1));
    let line = server.next_line();
    assert!(line.starts_with("rebuilt"), "{line}");
    wait_for(&tab, "[...document.querySelectorAll('.block')].some(b => b.dataset.story.includes('严格场所管控'))", "the edited headline");
    let before4 = drawn(&tab, 4);
    wait_for(&tab, ALL_LOADED, "pages drawn after the edit");
    assert_ne!(drawn(&tab, 5), before, "page 5 drawn again");
    assert_eq!(drawn(&tab, 4), before4, "page 4 did not change and was not fetched again");
    assert_eq!(eval(&tab, "window.__probe"), 42, "the page was not reloaded");

    // A broken edit: its error over the last good pages, with file and line; the server stays.
    p.edit(&story, |t| t.replacen("headline = ", "headline == ", 1));
    let line = server.next_line();
    assert!(line.starts_with("rebuild failed"), "{line}");
    wait_for(&tab, "!document.getElementById('error').hidden", "the error overlay");
    let error = eval(&tab, "document.getElementById('error').textContent");
    let error = error.as_str().unwrap();
    assert!(error.contains("wuning.toml:"), "the error names the file and line: {error}");
    assert_eq!(eval(&tab, "document.querySelectorAll('.slot img.drawing').length"), 2, "the last good pages stay");
    server.assert_running();

    // Fixed: the overlay goes, the pages are current, still no reload.
    std::fs::write(p.root().join(&story), original).unwrap();
    let line = server.next_line();
    assert!(line.starts_with("rebuilt"), "{line}");
    wait_for(&tab, "document.getElementById('error').hidden", "the error overlay gone");
    wait_for(&tab, "[...document.querySelectorAll('.block')].some(b => b.dataset.story.includes('严格场所管理'))", "the headline back");
    wait_for(&tab, ALL_LOADED, "pages drawn after the fix");
    assert_eq!(eval(&tab, "window.__probe"), 42, "the page was not reloaded");

    // Every font the page asked for in (the project's CJK font where the machine has none).
    wait_for(&tab, "document.fonts.status === 'loaded'", "the page's fonts loaded");
    std::thread::sleep(Duration::from_millis(300));
    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true).expect("screenshot");
    let shot = std::env::var_os("FOLIO_SCREENSHOT").map_or_else(|| p.root().join("serve.png"), std::path::PathBuf::from);
    std::fs::write(&shot, &png).expect("write the screenshot");
    assert!(png.len() > 50_000, "a screenshot with pages on it");

    // DNS rebinding: a request naming another host is refused; the same request to localhost
    // is answered.
    for host in ["evil.example:80", "[::1]evil.example", "[::1]:80evil.example"] {
        let (status, _) = raw_get(&url, "/state.json", host);
        assert!(status.contains(" 403 "), "foreign Host {host} refused: {status}");
    }
    let (status, body) = raw_get(&url, "/state.json", "localhost");
    assert!(status.contains(" 200 ") && body.contains("folio-serve/1"), "localhost answered: {status}");
    // No URL reaches the file system.
    // A page has one name: `00000.svg` or `+0.svg` is not page 0.
    for path in ["/pages/00000.svg", "/pages/00.svg", "/pages/+0.svg", "/pages/0.svgz", "/pages/1.svg.svg"] {
        let (status, _) = raw_get(&url, path, "127.0.0.1");
        assert!(status.contains(" 404 "), "{path}: {status}");
    }
    for path in ["/../Cargo.toml", "/pages/..%2F..%2FCargo.toml", "/content/jiangxi-special/edition.toml", "/out/jiangxi-special.pdf"] {
        let (status, _) = raw_get(&url, path, "127.0.0.1");
        assert!(status.contains(" 404 ") || status.contains(" 400 "), "{path}: {status}");
    }
    server.assert_running();
}

#[test]
fn findings_are_drawn_where_they_are_and_listed() {
    let p = TestProject::sample();
    let story = format!("content/{SAMPLE}/stories/wuning.toml");
    // Test data: the story's first paragraph three times, so its copy runs past its block.
    p.edit(&story, |t| {
        let para = t.split("body = \"\"\"\n").nth(1).and_then(|b| b.split("\n\n").next()).expect("a first paragraph").to_string();
        t.replacen(&para, &format!("{para}\n\n{para}\n\n{para}"), 1)
    });
    let mut run = Running::start(&p, &["serve", &format!("content/{SAMPLE}"), "--port", "0", "--out", "out", "--allow-overset"]);
    let first = run.next_line();
    let url = first.split_whitespace().find(|w| w.starts_with("http://")).expect("URL").to_string();
    assert!(run.next_line().starts_with("built in"), "{}", run.stderr());
    let browser = browser();
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(PATIENCE);
    tab.navigate_to(&url).expect("open").wait_until_navigated().expect("loads");
    wait_for(&tab, ALL_LOADED, "both pages drawn");

    // The overset story's block is marked, and the finding is drawn on page 5 and listed.
    wait_for(&tab, "[...document.querySelectorAll('.block.overset')].some(b => b.dataset.story.includes('清源断流'))", "the overset block");
    let tag = eval(&tab, "[...document.querySelectorAll('.block.overset .tag')].map(t => t.textContent).join()");
    assert!(tag.as_str().unwrap().contains("lines over"), "{tag}");
    let marks = eval(&tab, "document.querySelectorAll('.slot[data-page=\"5\"] .mark').length");
    assert!(marks.as_u64().unwrap() >= 1, "a finding drawn on page 5");
    let listed = eval(&tab, "document.getElementById('findings').textContent");
    assert!(listed.as_str().unwrap().contains("overset"), "listed: {listed}");
    // Clicking the finding shows its story file and line.
    eval(&tab, "([...document.querySelectorAll('#findings li')].find(li => li.textContent.includes('overset')).click(), 1)");
    let detail = eval(&tab, "document.getElementById('detail').textContent");
    assert!(detail.as_str().unwrap().contains("wuning.toml:"), "detail: {detail}");
    // The toggle hides the marks.
    eval(&tab, "(document.getElementById('show-findings').click(), 1)");
    let shown = eval(&tab, "getComputedStyle(document.querySelector('.mark')).display");
    assert_eq!(shown, "none");
    run.assert_running();
}

#[test]
fn blocks_folio_placed_are_shown_as_such() {
    let p = TestProject::sample();
    unplace(&p, SAMPLE, &SAMPLE_PAGE5);
    let (mut server, url) = serve(&p);
    let browser = browser();
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(PATIENCE);
    tab.navigate_to(&url).expect("open").wait_until_navigated().expect("loads");
    wait_for(&tab, ALL_LOADED, "both pages drawn");
    let auto = eval(&tab, "[...document.querySelectorAll('.slot[data-page=\"5\"] .block')].map(b => b.classList.contains('auto'))");
    assert_eq!(auto, serde_json::json!([true, true, true, true, true, true]), "page 5's six stories placed by folio");
    let hand = eval(&tab, "[...document.querySelectorAll('.slot[data-page=\"4\"] .block')].map(b => b.classList.contains('auto'))");
    assert_eq!(hand, serde_json::json!([false]), "page 4's story keeps its own block");
    eval(&tab, "(document.querySelector('.slot[data-page=\"5\"] .block').click(), 1)");
    let detail = eval(&tab, "document.getElementById('detail').textContent");
    assert!(detail.as_str().unwrap().contains("placed by folio"), "{detail}");
    server.assert_running();
}

/// The viewer's own words (story names, 版) have a CJK font wherever the browser runs: folio
/// serves one of the project's fonts (a single face covering Chinese, read when the server
/// starts) and the page's CSS falls back to it after the system's Chinese fonts. Chromium
/// loads it (a font it refused would show as an error); the route answers with the font's
/// bytes, a whole TrueType face.
#[test]
fn the_viewer_has_a_cjk_font_of_the_projects_own() {
    let p = TestProject::sample();
    let (mut server, url) = serve(&p);
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(s, "GET /assets/ui-font HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let at = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("headers") + 4;
    let head = String::from_utf8_lossy(&bytes[..at]).to_lowercase();
    assert!(head.starts_with("http/1.1 200") && head.contains("content-type: font/ttf"), "{head}");
    assert!(bytes[at..].starts_with(&[0, 1, 0, 0]) || bytes[at..].starts_with(b"OTTO"), "a single TrueType or OpenType face");
    assert!(bytes.len() - at > 1_000_000, "a whole CJK font: {} bytes", bytes.len() - at);
    let browser = browser();
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(PATIENCE);
    tab.navigate_to(&url).expect("open").wait_until_navigated().expect("loads");
    wait_for(&tab, ALL_LOADED, "both pages drawn");
    // Loaded on demand (this machine may have Chinese fonts of its own): asked for, it loads.
    eval(&tab, "(document.fonts.load('13px \"folio-ui-cjk\"', '版'), 1)");
    wait_for(&tab, "[...document.fonts].some(f => f.family.includes('folio-ui-cjk') && f.status === 'loaded')", "the UI font loaded");
    assert_eq!(eval(&tab, "document.fonts.check('13px \"folio-ui-cjk\"', '专版')"), serde_json::json!(true));
    server.assert_running();
}

/// An L-shaped block (the tabloid's page 4 left to folio: balihu wraps the corner duchang fills)
/// is drawn as an L: its box is clipped to the L, and the point at the corner's foot belongs to
/// the story placed there, which a click there selects.
#[test]
fn an_l_shaped_block_is_drawn_as_an_l() {
    let p = TestProject::with_edition("jiangxi-tabloid");
    unplace(&p, "jiangxi-tabloid", &["duchang", "balihu"]);
    let (mut server, url) = serve_edition(&p, "jiangxi-tabloid");
    let browser = browser();
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(PATIENCE);
    tab.navigate_to(&url).expect("open").wait_until_navigated().expect("loads");
    wait_for(&tab, "(() => { const p = [...document.querySelectorAll('.slot .page')]; return p.length === 4 && p.every(x => x.dataset.drawn); })()", "the four pages drawn");
    let clips = eval(&tab, "[...document.querySelectorAll('.slot[data-page=\"4\"] .block')].map(b => b.style.clipPath)");
    let clipped: Vec<&str> = clips.as_array().unwrap().iter().filter_map(|c| c.as_str()).filter(|c| c.starts_with("polygon")).collect();
    assert_eq!(clipped.len(), 1, "one L on page 4: {clips}");
    // The L's tag stands in its own part, left of the corner (the corner's story has its own).
    let tag = eval(&tab, "(() => { \
        const l = [...document.querySelectorAll('.slot[data-page=\"4\"] .block')].find(b => b.style.clipPath.startsWith('polygon')); \
        const t = l.querySelector('.tag').getBoundingClientRect(), r = l.getBoundingClientRect(); \
        const cx = parseFloat(l.style.clipPath.split(',')[3]); \
        return [t.right <= r.left + r.width * cx / 100 + 1, t.bottom <= r.bottom + 1, t.width > 0]; })()");
    assert_eq!(tag, serde_json::json!([true, true, true]), "the L's tag left of its corner");
    // The point a little inside the L's bottom-right corner, scrolled into view: the topmost
    // block there (a finding's mark may lie over it) is duchang's.
    let hit = eval(&tab, "(() => { \
        const l = [...document.querySelectorAll('.slot[data-page=\"4\"] .block')].find(b => b.style.clipPath.startsWith('polygon')); \
        l.scrollIntoView({ block: 'end', inline: 'end' }); \
        const r = l.getBoundingClientRect(); \
        const e = document.elementsFromPoint(r.right - 8, r.bottom - 8).map(x => x.closest('.block')).find(x => x); \
        if (!e) return ['no block there', JSON.stringify(r), innerWidth, innerHeight]; \
        e.click(); \
        return [e === l, e.dataset.story, l.dataset.story]; })()");
    let hit = hit.as_array().unwrap_or_else(|| panic!("{hit}"));
    assert_eq!(hit[0], false, "the corner is not the L's: {hit:?}");
    assert!(hit[1].as_str().unwrap().contains("全力推进") && hit[2].as_str().unwrap().contains("警力下沉"), "{hit:?}");
    let detail = eval(&tab, "document.getElementById('detail').textContent");
    assert!(detail.as_str().unwrap().contains("全力推进"), "the click selects the corner's story: {detail}");
    server.assert_running();
}

/// A gray image of `png` bytes, made `w` pixels wide (the same filter for both sides).
fn gray(png: &[u8], w: u32) -> image::GrayImage {
    let img = image::load_from_memory(png).expect("a PNG").to_luma8();
    let h = (img.height() as f64 * w as f64 / img.width() as f64).round() as u32;
    image::imageops::resize(&img, w, h, image::imageops::FilterType::Triangle)
}

/// Mean absolute difference of two gray images (0–255), over the area they share.
fn difference(a: &image::GrayImage, b: &image::GrayImage) -> f64 {
    let (w, h) = (a.width().min(b.width()), a.height().min(b.height()));
    let mut sum = 0u64;
    for y in 0..h {
        for x in 0..w {
            sum += (a.get_pixel(x, y).0[0] as i64 - b.get_pixel(x, y).0[0] as i64).unsigned_abs();
        }
    }
    sum as f64 / (w * h) as f64
}

#[test]
fn the_browser_shows_the_pages_as_the_pdf_has_them() {
    use headless_chrome::protocol::cdp::Page::Viewport;
    let p = TestProject::sample();
    let (mut server, url) = serve(&p);
    let browser = browser();
    let tab = browser.new_tab().expect("tab");
    tab.set_default_timeout(PATIENCE);
    // Each page's SVG alone, at 0.5 px a point, as the viewer draws it; and the PDF folio wrote
    // in the same build (its trim, without the bleed), rendered by poppler at the same size.
    let (w_pt, h_pt, bleed_pt): (f64, f64, f64) = (1105.5118, 1544.8819, 8.5039);
    let (w, h) = ((w_pt / 2.0) as u32, (h_pt / 2.0) as u32);
    let mut shots = Vec::new();
    for i in 0..2 {
        // The viewer's own page, emptied (so the image is same-origin), with the SVG alone on it.
        tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
        wait_for(&tab, ALL_LOADED, "the viewer");
        eval(
            &tab,
            &format!(
                "(() => {{ events.close(); document.body.replaceChildren(); document.body.style = 'margin:0;display:block;background:#fff'; \
                 const i = new Image(); i.id = 'p'; i.style = 'position:absolute;left:0;top:0;width:{w}px;height:{h}px'; \
                 i.src = '/pages/{i}.svg'; document.body.append(i); return 1; }})()"
            ),
        );
        wait_for(&tab, "document.getElementById('p').complete && document.getElementById('p').naturalWidth > 0", "the page's SVG");
        let clip = Viewport { x: 0.0, y: 0.0, width: w as f64, height: h as f64, scale: 1.0 };
        shots.push(tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, Some(clip), true).expect("screenshot"));
    }
    let pdf = p.out().join(format!("{SAMPLE}.pdf"));
    let bleed_px = (bleed_pt / 2.0).round() as u32;
    let mut pdf_pages = Vec::new();
    for n in 1..=2 {
        let prefix = p.root().join(format!("pdf-{n}"));
        let ok = std::process::Command::new("pdftoppm")
            .args(["-png", "-singlefile", "-r", "36", "-f", &n.to_string(), "-l", &n.to_string()])
            .args(["-x", &bleed_px.to_string(), "-y", &bleed_px.to_string(), "-W", &w.to_string(), "-H", &h.to_string()])
            .arg(&pdf)
            .arg(&prefix)
            .status()
            .expect("pdftoppm (poppler-utils)");
        assert!(ok.success());
        pdf_pages.push(std::fs::read(prefix.with_extension("png")).unwrap());
    }
    // Compared at a quarter of that size, so that the two renderers' anti-aliasing of the type
    // does not count, while a missing line, photo, rule or shifted block would.
    let small = w / 4;
    let browser_pages: Vec<_> = shots.iter().map(|s| gray(s, small)).collect();
    let pdf_pages: Vec<_> = pdf_pages.iter().map(|s| gray(s, small)).collect();
    for i in 0..2 {
        let same = difference(&browser_pages[i], &pdf_pages[i]);
        assert!(same < 8.0, "page {}: the browser's drawing differs from the PDF's by {same:.1} on average", i + 4);
    }
    // The measure tells pages apart: page 4 in the browser against page 5 of the PDF.
    let other = difference(&browser_pages[0], &pdf_pages[1]);
    let same = difference(&browser_pages[0], &pdf_pages[0]);
    eprintln!("browser vs PDF: same page {same:.2}, other page {other:.2}");
    assert!(other > 3.0 * same, "the comparison must tell two pages apart ({same:.1} vs {other:.1})");
    server.assert_running();
}
