//! `cairn serve`'s HTTP, read here on plain std sockets: one short-lived thread per
//! connection and `Connection: close` on every answer. tiny_http 0.12 did it before and
//! failed the fault tests (tests/it/faults.rs): an `HTTP/2.0` request line (curl's
//! `--http2-prior-knowledge` preface) deadlocked its connection thread and leaked the
//! socket, idle connections were kept forever, header lines had no length bound, and
//! when file descriptors ran out its accept thread panicked, leaving a server that
//! accepted nothing. Every read below is bounded in size and time instead. Served
//! pages get the reload script, and the error overlay when the last build failed.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::State;

/// The path of the live-reload event stream.
const EVENTS: &str = "__cairn/events";

/// A request head larger than this is refused (431): no browser sends one.
const MAX_HEAD: usize = 64 * 1024;
/// A request target longer than this is refused (414), and so is a request line
/// still unfinished when the head reaches `MAX_HEAD`.
const MAX_TARGET: usize = 8 * 1024;

/// How long a client may stay silent (`idle`), and how long it may take to send its
/// whole head (`head`), before its connection is closed: slow or idle clients cannot
/// pin threads and file descriptors forever. A client that stops reading its answer is
/// dropped after `write`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Timeouts {
    idle: Duration,
    head: Duration,
    write: Duration,
}

const TIMEOUTS: Timeouts = Timeouts {
    idle: Duration::from_secs(10),
    head: Duration::from_secs(30),
    write: Duration::from_secs(30),
};

/// The timeouts, or those of `CAIRN_SERVE_TIMEOUTS_MS=<idle>,<head>,<write>` (in ms),
/// so the tests of each run in a second rather than half a minute.
fn timeouts() -> Timeouts {
    static READ: std::sync::OnceLock<Timeouts> = std::sync::OnceLock::new();
    *READ.get_or_init(|| {
        std::env::var("CAIRN_SERVE_TIMEOUTS_MS")
            .ok()
            .and_then(|v| parse_timeouts(&v))
            .unwrap_or(TIMEOUTS)
    })
}

fn parse_timeouts(value: &str) -> Option<Timeouts> {
    let ms: Vec<u64> = value
        .split(',')
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    let [idle, head, write] = ms[..] else {
        return None;
    };
    Some(Timeouts {
        idle: Duration::from_millis(idle),
        head: Duration::from_millis(head),
        write: Duration::from_millis(write),
    })
}
/// More open connections than this get an immediate 503 instead of a thread each.
const MAX_CONNECTIONS: usize = 512;

/// Hands a connection to a thread of its own, unless too many are open already.
pub(super) fn accept(mut stream: TcpStream, state: &Arc<State>) {
    let _ = stream.set_write_timeout(Some(timeouts().write));
    if state.open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        state.open.fetch_sub(1, Ordering::SeqCst);
        let _ = write_reply(&mut stream, &text(503, "too many connections"), false);
        return;
    }
    let shared = Arc::clone(state);
    // Builder, not thread::spawn: when no thread can be made, this connection is
    // dropped instead of the server panicking.
    let spawned = std::thread::Builder::new().spawn(move || {
        let _open = Open(&shared.open);
        connection(stream, &shared);
    });
    if spawned.is_err() {
        state.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Counts a connection as closed when its thread ends, even by a panic.
struct Open<'a>(&'a AtomicUsize);

impl Drop for Open<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One request per connection: read a bounded head, answer, close.
fn connection(mut stream: TcpStream, state: &State) {
    let head = match read_head(&mut stream) {
        Ok(head) => head,
        Err(Some(reply)) => {
            let _ = write_reply(&mut stream, &reply, false);
            return close(stream);
        }
        Err(None) => return,
    };
    let (method, target) = match parse_head(&head) {
        Ok(parsed) => parsed,
        Err(reply) => {
            let _ = write_reply(&mut stream, &reply, false);
            return close(stream);
        }
    };
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let reply = if method != "GET" && method != "HEAD" {
        text(405, "only GET and HEAD")
    } else if path == format!("{}{EVENTS}", state.base_path) {
        events(state)
    } else {
        respond(path, state)
    };
    let _ = write_reply(&mut stream, &reply, method == "HEAD");
    close(stream);
}

/// Reads up to the blank line ending a request head. `Err(None)`: the client left
/// or never spoke; `Err(Some(reply))`: it gets that error answer.
fn read_head(stream: &mut TcpStream) -> Result<Vec<u8>, Option<Reply>> {
    let started = Instant::now();
    let limits = timeouts();
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let left = limits.head.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(Some(text(408, "request timeout")));
        }
        let _ = stream.set_read_timeout(Some(left.min(limits.idle)));
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(head_so_far(&head)),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) if head.is_empty() => return Err(None),
            Err(_) => return Err(Some(text(408, "request timeout"))),
        };
        head.extend_from_slice(&chunk[..n]);
        if let Some(end) = head_end(&head) {
            head.truncate(end);
            return Ok(head);
        }
        if head.len() > MAX_HEAD {
            // Still in the request line: it is the URL that is too long.
            if !head.contains(&b'\n') {
                return Err(Some(text(414, "URL too long")));
            }
            return Err(Some(text(431, "request head too large")));
        }
    }
}

/// A client that half-closed after a head with no blank line still gets a 400.
fn head_so_far(head: &[u8]) -> Option<Reply> {
    (!head.is_empty()).then(|| text(400, "incomplete request"))
}

/// Where the head ends: at the first empty line (CRLF or, leniently, bare LF).
fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = buf.windows(2).position(|w| w == b"\n\n");
    crlf.into_iter().chain(lf).min()
}

/// The method and target of a head, or the error answer it deserves.
fn parse_head(head: &[u8]) -> Result<(String, String), Reply> {
    let head = std::str::from_utf8(head).map_err(|_| text(400, "request head is not UTF-8"))?;
    let mut lines = head.lines();
    let line = lines.next().unwrap_or("");
    let parts: Vec<&str> = line.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err(text(400, "bad request line"));
    };
    if method.is_empty() || target.is_empty() || !version.starts_with("HTTP/") {
        return Err(text(400, "bad request line"));
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(text(505, "only HTTP/1.0 and HTTP/1.1"));
    }
    if target.len() > MAX_TARGET {
        return Err(text(414, "URL too long"));
    }
    if lines.any(|l| !l.is_empty() && !l.contains(':')) {
        return Err(text(400, "bad header line"));
    }
    Ok((method.to_string(), target.to_string()))
}

/// Ends a connection so the answer arrives even when the client sent more than was
/// read (closing with unread data would reset the connection and lose the answer).
fn close(mut stream: TcpStream) {
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < MAX_HEAD * 16 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

fn respond(path: &str, state: &State) -> Reply {
    match resolve(&state.out, &state.base_path, path) {
        Some(file) => file_response(&file, 200, state),
        None if path.contains("..") || path.contains('\\') || path.contains('\0') => {
            text(403, "forbidden")
        }
        None => match state.out.join("404.html") {
            p if p.is_file() => file_response(&p, 404, state),
            _ => text(404, "not found"),
        },
    }
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

fn file_response(file: &Path, code: u16, state: &State) -> Reply {
    let Ok(mut body) = std::fs::read(file) else {
        return text(404, "not found");
    };
    let kind = content_type(file);
    if kind.starts_with("text/html") {
        body = inject(&body, state);
    }
    Reply { code, kind, body }
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
        let words = &state.overlay;
        // A close button: the overlay covers up to 70% of the page, and what is under
        // it may be what the moderator wants to read. The next build shows it again.
        extra.push_str(&format!(
            "<div id=\"cairn-errors\" role=\"alert\" lang=\"{lang}\" style=\"position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:9999;background:#2b0d0d;color:#ffecec;padding:1rem;font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap\"><button type=\"button\" id=\"cairn-errors-close\" onclick=\"this.parentNode.remove()\" style=\"float:right;font:inherit;background:#ffecec;color:#2b0d0d;border:0;border-radius:4px;padding:0.25rem 0.75rem;cursor:pointer\">{close}</button><strong>{heading}</strong>\n\n{}</div>",
            crate::markdown::escape_attr(errors),
            lang = words.lang,
            close = words.close,
            heading = words.heading,
        ));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{extra}").into_bytes(),
    }
}

/// What the overlay says around the report, in the site's language (messages
/// `overlay-heading` and `overlay-close`).
pub(super) struct OverlayWords {
    lang: &'static str,
    heading: String,
    close: String,
}

impl OverlayWords {
    pub(super) fn of(language: &str) -> OverlayWords {
        use crate::messages::{Catalogue, Lang};
        let lang = Lang::of_tag(language).unwrap_or(Lang::En);
        let words = Catalogue::of(lang);
        OverlayWords {
            lang: lang.tag(),
            heading: words.say("overlay-heading", &[]),
            close: words.say("overlay-close", &[]),
        }
    }
}

/// One Server-Sent Event when the next build finishes (or a comment after a while, so
/// idle connections end and the browser reconnects).
fn events(state: &State) -> Reply {
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
    Reply {
        code: 200,
        kind: "text/event-stream",
        body: body.as_bytes().to_vec(),
    }
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

/// An answer: status, content type and body.
struct Reply {
    code: u16,
    kind: &'static str,
    body: Vec<u8>,
}

fn text(code: u16, body: &str) -> Reply {
    Reply {
        code,
        kind: "text/plain; charset=utf-8",
        body: body.as_bytes().to_vec(),
    }
}

fn write_reply(stream: &mut TcpStream, reply: &Reply, head_only: bool) -> std::io::Result<()> {
    let reason = match reply.code {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    };
    let head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n{}\r\n",
        reply.code,
        reply.kind,
        reply.body.len(),
        if reply.code == 405 {
            "Allow: GET, HEAD\r\n"
        } else {
            ""
        },
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&reply.body)?;
    }
    stream.flush()
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
    fn timeouts_come_from_the_environment_only_when_well_formed() {
        let ms = Duration::from_millis;
        assert_eq!(
            parse_timeouts("200, 1000,300"),
            Some(Timeouts {
                idle: ms(200),
                head: ms(1000),
                write: ms(300)
            })
        );
        for bad in ["", "1,2", "1,2,3,4", "a,b,c", "-1,2,3"] {
            assert_eq!(parse_timeouts(bad), None, "{bad}");
        }
    }

    #[test]
    fn long_targets_and_heads_are_refused_by_kind() {
        let line = |target: &str| format!("GET {target} HTTP/1.1\r\nHost: x");
        assert!(parse_head(line(&"/a".repeat(MAX_TARGET / 2)).as_bytes()).is_ok());
        let long = parse_head(line(&format!("/{}", "a".repeat(MAX_TARGET))).as_bytes());
        assert_eq!(long.err().map(|r| r.code), Some(414));
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
