//! `folio serve EDITION [--port N] [--host ADDR] [--open] [--out DIR]`: the live preview in the
//! browser until interrupted.
//!
//! Listens on loopback (127.0.0.1:7070 unless told otherwise), prints the URL on stdout, then
//! one line per rebuild as `folio watch` does (and writes the same PDFs). The builds run on a
//! thread of their own; the server never exits on bad input, only when file watching fails.

use std::net::{IpAddr, SocketAddr};

use crate::cli::ServeArgs;
use crate::diag::Diagnostic;
use crate::serve::http::{self, Hosts};
use crate::serve::view::{self, View};
use crate::serve::Shared;
use crate::session::watch::Watch;
use crate::session::Policy;

use super::watch::Console;

/// Serve one edition. Returns only when serving fails.
pub fn run(args: &ServeArgs) -> i32 {
    let ip: IpAddr = match args.host.parse() {
        Ok(ip) => ip,
        Err(_) if args.host.eq_ignore_ascii_case("localhost") => IpAddr::from([127, 0, 0, 1]),
        Err(_) => {
            super::emit(&[Diagnostic::error(crate::tr!("serve-bad-host", host = format!("{:?}", args.host)))
                .hint(crate::tr!("serve-bad-host-hint"))]);
            return super::USAGE;
        }
    };
    let extra = (!ip.is_loopback()).then(|| args.host.clone());
    if extra.is_some() {
        super::emit(&[Diagnostic::warning(crate::tr!("serve-open-host", ip = ip.to_string()))
        .hint(crate::tr!("serve-open-host-hint"))]);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            super::emit(&[Diagnostic::error(crate::tr!("serve-cannot-start", error = e.to_string()))]);
            return super::FAILED;
        }
    };
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(SocketAddr::new(ip, args.port))) {
        Ok(l) => l,
        Err(e) => {
            super::emit(&[Diagnostic::error(crate::tr!("serve-cannot-listen", ip = ip.to_string(), port = args.port, error = e.to_string()))
                .hint(crate::tr!("serve-cannot-listen-hint"))]);
            return super::FAILED;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    let shown = if ip.is_loopback() || ip.is_unspecified() { "127.0.0.1".to_string() } else { ip.to_string() };
    let url = format!("http://{shown}:{port}/");
    crate::outln!("{}", crate::tr!("serve-serving", edition = args.common.edition.display(), url = url));
    if args.open {
        if let Err(e) = open::that_detached(&url) {
            super::emit(&[Diagnostic::warning(crate::tr!("serve-no-browser", error = e.to_string())).hint(crate::tr!("serve-no-browser-hint", url = url))]);
        }
    }

    let shared = Shared::new(View::empty(&view::edition_name(&args.common.edition)));
    let builder = {
        let shared = shared.clone();
        let opts = super::options(&args.common, Some(args.out.clone()));
        let policy = Policy { allow_overset: args.allow_overset, advise: false, ..Policy::default() };
        let out = args.out.clone();
        std::thread::spawn(move || {
            let mut watch = Watch::new(opts, policy, out.clone(), None);
            watch.raster_photos();
            let mut console = Console::new(out);
            let failure = shared.run_builds(&mut watch, &mut |step| console.step(step));
            super::emit(&[Diagnostic::error(crate::tr!("watch-cannot-watch", error = failure.to_string()))]);
            std::process::exit(super::FAILED);
        })
    };
    // The viewer's own words in a font of the project (read once, here): a browser with no CJK
    // font would draw story names as boxes. No project, no font (the build says why).
    let ui_font = crate::project::Project::discover(&args.common.edition, args.common.project.root.as_deref(), args.common.project.font_path.as_deref())
        .ok()
        .and_then(|project| crate::serve::ui_font(&project.fonts));
    let app = http::router(shared, Hosts::loopback_and(extra.as_deref()), ui_font);
    let served = runtime.block_on(async { axum::serve(listener, app).await });
    drop(builder);
    match served {
        Ok(()) => super::OK,
        Err(e) => {
            super::emit(&[Diagnostic::error(crate::tr!("serve-stopped", error = e.to_string()))]);
            super::FAILED
        }
    }
}
