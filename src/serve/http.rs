//! HTTP: takes the [`Shared`] view and the host names the server answers to, and gives the
//! axum [`Router`] of `folio serve`. Its routes, and nothing else:
//!
//! - `GET /` — the viewer (`assets/index.html`), `GET /assets/app.js`, `GET /assets/app.css`;
//! - `GET /strings.json` — the page's words (`ui-*` messages) in the session's language, as the
//!   page also carries them inline;
//! - `GET /state.json` — the newest [`super::view::State`];
//! - `GET /pages/<index>.svg` — a page of the newest build as SVG;
//! - `GET /events` — Server-Sent Events: the version number, now and after every rebuild;
//! - `GET /assets/ui-font` — a CJK font of the project's `fonts/` for the viewer's own words
//!   (story names, 版), read once when the server starts: a browser on a machine with no CJK
//!   font of its own would draw them as boxes (404 when the project has no such font).
//!
//! No route reaches the file system: the assets are compiled into the binary, the pages are
//! made in memory and the UI font was read before the server started. A request whose `Host` header is not one of the allowed names (by default
//! `localhost`, `127.0.0.1` and `[::1]`, any port; with `--host` beyond loopback also that
//! name and any IP address) is refused with 403, so a web page on another site cannot read the
//! preview through DNS rebinding.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio_stream::{Stream, StreamExt};

use super::Shared;

const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

/// The host names a request may name (ports aside).
#[derive(Debug, Clone)]
pub struct Hosts {
    names: Vec<String>,
    /// Also any IP address written as such (`192.168.1.5:7070`): when the server listens beyond
    /// loopback, other machines reach it by the address, and a DNS rebinding attack always
    /// names a host, never an address.
    addresses: bool,
}

impl Hosts {
    /// `localhost`, `127.0.0.1`, `[::1]`, and, when the server listens on `extra` (the `--host`
    /// given, not loopback), that name and any IP address.
    pub fn loopback_and(extra: Option<&str>) -> Self {
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "[::1]"].map(String::from).to_vec();
        if let Some(h) = extra {
            let h = if h.contains(':') && !h.starts_with('[') { format!("[{h}]") } else { h.to_string() };
            if !names.contains(&h.to_ascii_lowercase()) {
                names.push(h.to_ascii_lowercase());
            }
        }
        Self { names, addresses: extra.is_some() }
    }

    /// Whether a `Host` header's value names an allowed host.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        // Strip the port: after the closing bracket of an IPv6 literal, else after the last colon.
        // After an IPv6 literal only a port may follow (`[::1]evil.example` names no host).
        let name = if host.starts_with('[') {
            match host.split_once(']') {
                Some((_, rest)) if rest.is_empty() || rest.strip_prefix(':').is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) => &host[..host.len() - rest.len()],
                _ => "",
            }
        } else {
            host.rsplit_once(':').map_or(host.as_str(), |(n, port)| if port.chars().all(|c| c.is_ascii_digit()) { n } else { "" })
        };
        let address = || name.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>().is_ok();
        self.names.iter().any(|n| n == name) || (self.addresses && address())
    }
}

#[derive(Clone)]
struct App {
    shared: Arc<Shared>,
    hosts: Arc<Hosts>,
    ui_font: Option<axum::body::Bytes>,
}

/// The server's routes over `shared`, answering only requests naming one of `hosts`; `ui_font`
/// is the font for the viewer's own words ([`super::ui_font`]).
pub fn router(shared: Arc<Shared>, hosts: Hosts, ui_font: Option<Vec<u8>>) -> Router {
    let app = App { shared, hosts: Arc::new(hosts), ui_font: ui_font.map(axum::body::Bytes::from) };
    Router::new()
        .route("/", get(|| async { page(index(), "text/html; charset=utf-8") }))
        .route("/strings.json", get(|| async { page(strings_json(), "application/json") }))
        .route("/assets/app.js", get(|| async { page(APP_JS, "text/javascript; charset=utf-8") }))
        .route("/assets/app.css", get(|| async { page(APP_CSS, "text/css; charset=utf-8") }))
        .route("/assets/ui-font", get(font))
        .route("/state.json", get(state))
        .route("/pages/{file}", get(svg))
        .route("/events", get(events))
        .fallback(|| async { (StatusCode::NOT_FOUND, crate::tr!("serve-no-such-page") + "\n") })
        .layer(middleware::from_fn_with_state(app.clone(), check_host))
        .with_state(app)
}

/// The `ui-*` messages of the catalogue in the session's language, as one JSON object, their
/// placeables left as `{name}` for app.js to fill in.
fn strings_json() -> &'static str {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    JSON.get_or_init(|| {
        let lang = crate::i18n::lang();
        let table: serde_json::Map<String, serde_json::Value> = crate::i18n::messages_with_prefix("ui-")
            .into_iter()
            .map(|(id, vars)| {
                let args: Vec<(&str, fluent_bundle::FluentValue<'static>)> = vars.iter().map(|v| (*v, fluent_bundle::FluentValue::from(format!("{{{v}}}")))).collect();
                (id.to_string(), serde_json::Value::String(crate::i18n::message_in(lang, id, &args)))
            })
            .collect();
        serde_json::Value::Object(table).to_string()
    })
}

/// The viewer's HTML in the session's language: `{{lang}}`, `{{strings}}` (the table, inline so
/// the page needs no second request to show its words) and every `{{ui-…}}` filled in.
fn index() -> &'static str {
    static HTML: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HTML.get_or_init(|| {
        let strings = strings_json();
        let table: serde_json::Map<String, serde_json::Value> = serde_json::from_str(strings).unwrap_or_default();
        let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        let mut html = INDEX.replace("{{lang}}", crate::i18n::lang().tag()).replace("{{strings}}", &strings.replace("</", "<\\/"));
        for (id, text) in &table {
            html = html.replace(&format!("{{{{{id}}}}}"), &escape(text.as_str().unwrap_or(id)));
        }
        html
    })
}

fn page(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

/// Refuse a request whose `Host` is not an allowed name (DNS rebinding).
async fn check_host(State(app): State<App>, req: Request, next: Next) -> Response {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    match host {
        Some(h) if app.hosts.allows(h) => next.run(req).await,
        _ => (StatusCode::FORBIDDEN, crate::tr!("serve-forbidden-host") + "\n").into_response(),
    }
}

async fn state(State(app): State<App>) -> Response {
    let view = app.shared.view();
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json")), (header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        view.json.as_str().to_owned(),
    )
        .into_response()
}

/// `/assets/ui-font`: the font for the viewer's own words, kept by the browser a day.
async fn font(State(app): State<App>) -> Response {
    match app.ui_font {
        Some(bytes) => ([(header::CONTENT_TYPE, "font/ttf"), (header::CACHE_CONTROL, "max-age=86400")], bytes).into_response(),
        None => (StatusCode::NOT_FOUND, crate::tr!("serve-no-such-page") + "\n").into_response(),
    }
}

/// `/pages/<index>.svg`: the page of the newest build. Its URL in the state carries the hash of
/// its drawing (`?v=`), so the browser may keep it; a page that changed gets a new URL.
async fn svg(State(app): State<App>, Path(file): Path<String>) -> Response {
    // One name per page: its index in decimal, with no leading zero (`00000.svg` is not page 0).
    let index = file.strip_suffix(".svg").and_then(|n| {
        let canonical = !n.is_empty() && n.len() < 6 && n.bytes().all(|b| b.is_ascii_digit()) && (n == "0" || !n.starts_with('0'));
        if canonical { n.parse::<usize>().ok() } else { None }
    });
    let view = app.shared.view();
    match index.and_then(|i| view.svgs.get(i)) {
        Some(svg) => (
            [(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "max-age=3600")],
            svg.as_str().to_owned(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, crate::tr!("serve-no-such-page") + "\n").into_response(),
    }
}

/// Server-Sent Events: the current version at once, then each new one.
async fn events(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = app.shared.subscribe();
    let stream = tokio_stream::wrappers::WatchStream::new(rx).map(|v| Ok(Event::default().event("version").data(v.to_string())));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::view::View;
    use axum::body::Body;
    use tower::ServiceExt;

    fn app() -> Router {
        router(Shared::new(View::empty("x")), Hosts::loopback_and(None), None)
    }

    async fn get(uri: &str, host: &str) -> (StatusCode, String, String) {
        let req = Request::builder().uri(uri).header("host", host).body(Body::empty()).unwrap();
        let res = app().oneshot(req).await.unwrap();
        let status = res.status();
        let kind = res.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let body = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
        (status, kind, String::from_utf8_lossy(&body).into_owned())
    }

    #[test]
    fn hosts_are_matched_without_their_port() {
        let h = Hosts::loopback_and(None);
        for ok in ["localhost", "localhost:8080", "127.0.0.1:3000", "[::1]:80", "LOCALHOST:1"] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in ["evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io:80", "localhost:80x", "", "[::2]:80", "[::1]evil.example", "[::1]:", "[::1]:80x", "[::1]]"] {
            assert!(!h.allows(bad), "{bad}");
        }
        assert!(Hosts::loopback_and(Some("192.168.1.5")).allows("192.168.1.5:7070"));
        assert!(Hosts::loopback_and(Some("::")).allows("[::]:7070"));
        // Listening on every interface, other machines come by the machine's address; a name
        // is still refused, and on loopback an address other than 127.0.0.1 is too.
        let any = Hosts::loopback_and(Some("0.0.0.0"));
        assert!(any.allows("192.168.1.5:7070") && any.allows("[fe80::1]:7070"));
        assert!(!any.allows("evil.example:7070") && !any.allows("attacker.example"));
        assert!(!h.allows("192.168.1.5:7070"));
    }

    #[tokio::test]
    async fn routes_serve_the_viewer_the_state_and_nothing_else() {
        let (s, kind, body) = get("/", "localhost:7070").await;
        assert_eq!(s, StatusCode::OK);
        assert!(kind.starts_with("text/html") && body.contains("/assets/app.js"));
        let (s, kind, _) = get("/assets/app.js", "127.0.0.1:7070").await;
        assert!(s == StatusCode::OK && kind.starts_with("text/javascript"));
        let (s, kind, body) = get("/state.json", "127.0.0.1").await;
        assert!(s == StatusCode::OK && kind == "application/json");
        let state: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(state["schema"], crate::serve::view::SCHEMA);
        assert_eq!(state["edition"], "x");
        // No page built yet; nothing reaches the file system.
        for uri in ["/pages/0.svg", "/pages/..%2f..%2fCargo.toml", "/../Cargo.toml", "/assets/../Cargo.toml", "/Cargo.toml", "/pages/99999999999999999999.svg"] {
            let (s, _, _) = get(uri, "localhost").await;
            assert_eq!(s, StatusCode::NOT_FOUND, "{uri}");
        }
        // DNS rebinding: another host name is refused on every route.
        for uri in ["/", "/state.json", "/events", "/pages/0.svg"] {
            let (s, _, _) = get(uri, "evil.example:7070").await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{uri}");
        }
    }
}
