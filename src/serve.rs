//! `cairn serve`: builds the site into a scratch folder, serves it on loopback, and
//! rebuilds on every change. Open pages reload through Server-Sent Events; a broken
//! build keeps the last good pages and shows its errors over them until a good save.
//! The reload script and the overlay exist only in served responses, never in `build`.

use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::Error;
use crate::site::{BuildOptions, Site};

/// What `cairn serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    pub quiet: bool,
}

/// Where the served site stands: which build, and the errors of the last one.
struct State {
    out: PathBuf,
    base_path: String,
    /// Bumped after every rebuild, good or bad: open pages reload on a change.
    generation: Mutex<u64>,
    changed: Condvar,
    /// The last build's error report; `None` when it succeeded.
    errors: Mutex<Option<String>>,
}

/// The path of the live-reload event stream.
const EVENTS: &str = "__cairn/events";

/// Runs the server until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    let server = Server::http(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {}:{}: {e}; is another server using the port? Try --port 0 to pick a free one",
            options.bind, options.port
        ))
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Usage("not an IP address".into()))?;
    let base_path = base_path(&options.root);
    let scratch = std::env::temp_dir().join(format!("cairn-serve-{}", std::process::id()));
    let state = Arc::new(State {
        out: scratch.join("public"),
        base_path: base_path.clone(),
        generation: Mutex::new(0),
        changed: Condvar::new(),
        errors: Mutex::new(None),
    });
    let build = BuildOptions {
        root: options.root.clone(),
        out: Some(state.out.clone()),
        base_url: Some(format!("http://{addr}{base_path}")),
        drafts: options.drafts,
        force: true,
        ..Default::default()
    };
    rebuild(&build, &state, options.quiet);
    let _watcher = watch(&options.root, build, Arc::clone(&state), options.quiet)?;
    println!(
        "serving {} at http://{addr}{base_path} (Ctrl+C to stop)",
        options.root.display()
    );
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || respond(request, &state));
    }
    Ok(())
}

/// The path part of the site's base_url, so served links match built ones.
fn base_path(root: &Path) -> String {
    let mut ignored = crate::diagnostics::Diagnostics::new();
    crate::config::SiteConfig::load(root, &mut ignored)
        .map_or_else(|| "/".to_string(), |c| c.base_path())
}

fn rebuild(options: &BuildOptions, state: &State, quiet: bool) {
    let started = std::time::Instant::now();
    let result = Site::build(options);
    let report = match &result {
        Ok(r) => {
            if !quiet {
                println!(
                    "rebuilt {} pages in {} ms",
                    r.pages,
                    started.elapsed().as_millis()
                );
            }
            None
        }
        Err(Error::Content(d)) => Some(
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
                + &d.summary(),
        ),
        Err(e) => Some(e.to_string()),
    };
    if let Some(text) = &report {
        eprintln!("{text}");
    }
    *state.errors.lock().unwrap_or_else(|p| p.into_inner()) = report;
    *state.generation.lock().unwrap_or_else(|p| p.into_inner()) += 1;
    state.changed.notify_all();
}

/// Watches the site's sources; editors' save patterns (rename-over, bursts of events)
/// arrive as one debounced batch and cause one rebuild.
fn watch(
    root: &Path,
    options: BuildOptions,
    state: Arc<State>,
    quiet: bool,
) -> Result<
    notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    Error,
> {
    let mut debouncer = new_debouncer(
        Duration::from_millis(100),
        None,
        move |result: DebounceEventResult| {
            if let Ok(events) = result
                && events.iter().any(|e| !e.kind.is_access())
            {
                rebuild(&options, &state, quiet);
            }
        },
    )
    .map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    for name in ["content", "static", "templates", "themes", "site.yaml"] {
        let path = root.join(name);
        if path.exists() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::io(&path, std::io::Error::other(e.to_string())))?;
        }
    }
    Ok(debouncer)
}

fn respond(request: Request, state: &State) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == format!("{}{EVENTS}", state.base_path) {
        let _ = events(request, state);
        return;
    }
    let response = match resolve(&state.out, &state.base_path, path) {
        Some(file) => file_response(&file, StatusCode(200), state),
        None if path.contains("..") || path.contains('\\') || path.contains('\0') => {
            text(403, "forbidden")
        }
        None => match state.out.join("404.html") {
            p if p.is_file() => file_response(&p, StatusCode(404), state),
            _ => text(404, "not found"),
        },
    };
    let _ = request.respond(response);
}

/// Maps a request path to a file inside `out`, or `None`. Percent-decoding happens
/// once, before any check; `..`, `.`, backslashes, NUL bytes and absolute segments are
/// refused, and the canonical path must stay inside the canonical output folder, so
/// symlinks pointing out are refused too.
pub fn resolve(out: &Path, base_path: &str, path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let rel = decoded
        .strip_prefix(base_path)
        .or_else(|| (decoded.as_ref() == base_path.trim_end_matches('/')).then_some(""))?;
    let mut file = out.to_path_buf();
    for part in Path::new(rel).components() {
        match part {
            Component::Normal(p) => file.push(p),
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let canonical = file.canonicalize().ok()?;
    let root = out.canonicalize().ok()?;
    (canonical.starts_with(&root) && canonical.is_file()).then_some(canonical)
}

fn file_response(
    file: &Path,
    status: StatusCode,
    state: &State,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let Ok(mut bytes) = std::fs::read(file) else {
        return text(404, "not found");
    };
    let kind = content_type(file);
    if kind.starts_with("text/html") {
        bytes = inject(&bytes, state);
    }
    Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

/// The reload script, and the error overlay when the last build failed.
fn inject(html: &[u8], state: &State) -> Vec<u8> {
    let html = String::from_utf8_lossy(html);
    let mut extra = format!(
        "<script>new EventSource({:?}).onmessage=function(){{location.reload()}}</script>",
        format!("{}{EVENTS}", state.base_path)
    );
    if let Some(errors) = state
        .errors
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
    {
        extra.push_str(&format!(
            "<div id=\"cairn-errors\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:9999;background:#2b0d0d;color:#ffecec;padding:1rem;font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap\"><strong>cairn: the last build failed; showing the last good pages</strong>\n\n{}</div>",
            crate::markdown::escape_attr(errors)
        ));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

/// One Server-Sent Event when the next build finishes (or a comment after a while, so
/// idle connections end and the browser reconnects).
fn events(request: Request, state: &State) -> std::io::Result<()> {
    let seen = *state.generation.lock().unwrap_or_else(|p| p.into_inner());
    let guard = state.generation.lock().unwrap_or_else(|p| p.into_inner());
    let (generation, _) = state
        .changed
        .wait_timeout_while(guard, Duration::from_secs(30), |g| *g == seen)
        .unwrap_or_else(|p| p.into_inner());
    let body = if *generation != seen {
        "retry: 300\ndata: reload\n\n"
    } else {
        "retry: 300\n: idle\n\n"
    };
    drop(generation);
    let response = Response::from_string(body)
        .with_header(header("Content-Type", "text/event-stream"))
        .with_header(header("Cache-Control", "no-store"));
    request.respond(response)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header is valid")
}

fn text(code: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(StatusCode(code))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_never_leave_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(out.join("qa/x")).unwrap();
        std::fs::write(out.join("qa/x/index.html"), "x").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "s").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), out.join("link.txt")).unwrap();
        assert!(resolve(&out, "/", "/qa/x/").is_some());
        assert!(resolve(&out, "/", "/qa/x").is_some());
        for probe in [
            "/../secret.txt",
            "/qa/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%2fsecret.txt",
            "/qa\\..\\..\\secret.txt",
            "//etc/passwd",
            "/%00",
            "/qa/x/%00index.html",
            "/link.txt",
            "/./qa/x/",
            "/%2e/qa/x/",
        ] {
            assert_eq!(resolve(&out, "/", probe), None, "{probe}");
        }
    }

    #[test]
    fn base_path_is_honoured() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("qa")).unwrap();
        std::fs::write(tmp.path().join("index.html"), "home").unwrap();
        assert!(resolve(tmp.path(), "/archive/", "/archive/").is_some());
        assert!(resolve(tmp.path(), "/archive/", "/archive").is_some());
        assert!(resolve(tmp.path(), "/archive/", "/index.html").is_none());
    }
}
