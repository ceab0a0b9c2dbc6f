//! Faults of the dev server (issue #8.4, #23): malformed requests, huge URLs and heads,
//! slow, idle and stalled clients, a crowd past the connection cap, 200 concurrent
//! requests and running out of file descriptors each get the status ARCHITECTURE
//! promises, and the server serves on afterwards.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::PATIENCE;
use crate::SiteTest;
use crate::serve::{serve, serve_with};

/// A connection with every wait bounded by `PATIENCE`.
fn connect(addr: &str) -> std::io::Result<TcpStream> {
    let sock = addr.to_socket_addrs()?.next().unwrap();
    let stream = TcpStream::connect_timeout(&sock, PATIENCE)?;
    stream.set_read_timeout(Some(PATIENCE))?;
    stream.set_write_timeout(Some(PATIENCE))?;
    Ok(stream)
}

/// Sends `bytes`, half-closes, and returns everything the server said before closing.
/// `Err` only when the server neither answered nor closed in time: a hang.
fn exchange(addr: &str, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut stream = connect(addr)?;
    // The server may refuse and close before reading it all: that is an answer too.
    let _ = stream.write_all(bytes);
    let _ = stream.shutdown(Shutdown::Write);
    read_all(&mut stream)
}

fn read_all(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut reply = Vec::new();
    match stream.read_to_end(&mut reply) {
        Ok(_) => Ok(reply),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => Ok(reply),
        Err(e) => Err(e),
    }
}

/// The status code of a raw reply; 0 when the server closed without one.
fn status(reply: &[u8]) -> u16 {
    let text = String::from_utf8_lossy(&reply[..reply.len().min(64)]).into_owned();
    text.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn body(reply: &[u8]) -> &[u8] {
    let at = reply.windows(4).position(|w| w == b"\r\n\r\n");
    at.map_or(&[][..], |i| &reply[i + 4..])
}

fn request(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").into_bytes()
}

/// A normal GET answers 200 with exactly the bytes it answered before the abuse.
fn assert_alive(addr: &str, home: &[u8], after: &str) {
    let reply = exchange(addr, &request("/")).unwrap_or_else(|e| panic!("after {after}: {e}"));
    assert_eq!(status(&reply), 200, "after {after}");
    assert!(body(&reply) == home, "after {after}: the home page changed");
}

fn home(addr: &str) -> Vec<u8> {
    let reply = exchange(addr, &request("/")).unwrap();
    assert_eq!(status(&reply), 200);
    body(&reply).to_vec()
}

#[test]
fn the_server_survives_malformed_requests() {
    let site = SiteTest::new("small");
    let s = serve(&site);
    let home = home(&s.addr);
    let many_headers = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(20_000));
    let huge_header = format!("GET / HTTP/1.1\r\nX-A: {}\r\n\r\n", "a".repeat(1 << 20));
    // (what, bytes, acceptable statuses; empty: any answer, or a close, but no hang)
    let cases: Vec<(&str, Vec<u8>, &[u16])> = vec![
        ("nothing at all", vec![], &[]),
        (
            "garbage bytes",
            b"\x00\x01\x02\xff\xfe garbage\r\n\r\n".to_vec(),
            &[],
        ),
        ("no request line", b"HELLO\r\n\r\n".to_vec(), &[400]),
        ("HTTP/0.9 line", b"GET /\r\n\r\n".to_vec(), &[400]),
        ("HTTP/0.9 version", b"GET / HTTP/0.9\r\n\r\n".to_vec(), &[]),
        (
            "HTTP/2 preface",
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(),
            &[],
        ),
        (
            "HTTP/2.0 GET",
            b"GET / HTTP/2.0\r\nHost: x\r\n\r\n".to_vec(),
            &[],
        ),
        (
            "unknown version",
            b"GET / HTTP/7.3\r\n\r\n".to_vec(),
            &[400, 505],
        ),
        (
            "raw UTF-8 path",
            "GET /你好 HTTP/1.1\r\n\r\n".as_bytes().to_vec(),
            &[],
        ),
        ("bad UTF-8 escapes", request("/%ff%fe%c3"), &[404]),
        ("bad escapes", request("/%zz/%/%%"), &[404]),
        ("NUL escape", request("/qa/%00/"), &[403, 404]),
        ("no Host", b"GET / HTTP/1.1\r\n\r\n".to_vec(), &[200, 400]),
        ("asterisk form", request("*"), &[400, 404]),
        (
            "absolute form",
            request("http://evil.example/"),
            &[400, 404],
        ),
        ("no leading slash", request("qa/"), &[400, 404]),
        (
            "header without colon",
            b"GET / HTTP/1.1\r\nHost x\r\n\r\n".to_vec(),
            &[400],
        ),
        ("bare LF", b"GET / HTTP/1.1\nHost: x\n\n".to_vec(), &[]),
        (
            "odd Expect",
            b"GET / HTTP/1.1\r\nExpect: tea\r\n\r\n".to_vec(),
            &[],
        ),
        (
            "huge length",
            b"GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n".to_vec(),
            &[],
        ),
        (
            "negative length",
            b"GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n".to_vec(),
            &[],
        ),
        (
            "bad chunks",
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n".to_vec(),
            &[405],
        ),
        ("odd method", b"BREW /pot HTTP/1.1\r\n\r\n".to_vec(), &[405]),
        ("half a request line", b"GET /qa/2024".to_vec(), &[]),
        ("20,000 headers", many_headers.into_bytes(), &[431]),
        ("a 1 MB header", huge_header.into_bytes(), &[431]),
    ];
    for (what, bytes, allowed) in cases {
        let reply = exchange(&s.addr, &bytes).unwrap_or_else(|e| panic!("{what}: hung: {e}"));
        let code = status(&reply);
        assert!(
            allowed.is_empty() || allowed.contains(&code),
            "{what}: got {code}, want one of {allowed:?}"
        );
        assert!(code < 500 || code == 505, "{what}: server error {code}");
        assert_alive(&s.addr, &home, what);
    }
}

#[test]
fn a_very_long_url_is_refused_and_the_server_lives_on() {
    let site = SiteTest::new("small");
    let s = serve(&site);
    let home = home(&s.addr);
    for (what, path) in [
        ("100 KB name", format!("/{}", "a".repeat(100_000))),
        ("50,000 segments", "/a".repeat(50_000)),
        ("encoded traversal", "/%2e%2e".repeat(15_000)),
        ("100 KB query", format!("/?q={}", "x".repeat(100_000))),
    ] {
        let reply = exchange(&s.addr, &request(&path)).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(status(&reply), 414, "{what}");
        assert_alive(&s.addr, &home, what);
    }
}

/// 405 names the methods allowed; HEAD answers GET's head, with no body.
#[test]
fn other_methods_get_405_and_head_gets_the_head_alone() {
    let site = SiteTest::new("small");
    let s = serve(&site);
    let home = home(&s.addr);
    let reply = exchange(&s.addr, b"DELETE / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(status(&reply), 405);
    let text = String::from_utf8_lossy(&reply).into_owned();
    assert!(text.contains("\r\nAllow: GET, HEAD\r\n"), "{text}");
    let reply = exchange(&s.addr, b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(status(&reply), 200);
    assert!(body(&reply).is_empty(), "HEAD got a body");
    let text = String::from_utf8_lossy(&reply).into_owned();
    assert!(
        text.contains(&format!("\r\nContent-Length: {}\r\n", home.len())),
        "HEAD's length is GET's: {text}"
    );
}

/// Timeouts short enough (`CAIRN_SERVE_TIMEOUTS_MS`: idle, head, write) that each is
/// seen to fire in about a second.
const SHORT: &str = "400,1500,800";

/// A client that goes quiet mid-head gets 408 after the idle timeout; one that keeps
/// sending a byte at a time, never finishing its head, gets 408 at the head deadline.
#[test]
fn a_head_left_unfinished_gets_408() {
    let site = SiteTest::new("small");
    let s = serve_with(&site, &[("CAIRN_SERVE_TIMEOUTS_MS", SHORT)]);
    let home = home(&s.addr);
    let mut quiet = connect(&s.addr).unwrap();
    quiet.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let started = Instant::now();
    assert_eq!(status(&read_all(&mut quiet).unwrap()), 408, "quiet client");
    assert!(started.elapsed() < PATIENCE);
    let mut dribbler = connect(&s.addr).unwrap();
    let started = Instant::now();
    let mut sent = 0;
    // Never a blank line: a header line that never ends, one byte per 100 ms.
    dribbler.write_all(b"GET / HTTP/1.1\r\nX-Slow: ").unwrap();
    let reply = loop {
        std::thread::sleep(Duration::from_millis(100));
        if dribbler.write_all(b"a").is_err() || started.elapsed() > PATIENCE {
            break read_all(&mut dribbler).unwrap_or_default();
        }
        sent += 1;
        // The answer may arrive while the client still writes.
        dribbler.set_nonblocking(true).unwrap();
        let mut peek = [0u8; 64];
        let got = dribbler.peek(&mut peek).unwrap_or(0);
        dribbler.set_nonblocking(false).unwrap();
        if got > 0 {
            break read_all(&mut dribbler).unwrap();
        }
    };
    assert_eq!(status(&reply), 408, "dribbler, after {sent} bytes");
    assert!(
        started.elapsed() >= Duration::from_millis(1500) && sent >= 10,
        "the head deadline fired early: {:?}",
        started.elapsed()
    );
    assert_alive(&s.addr, &home, "the 408s");
}

/// A client that asks for a large file and stops reading is dropped after the write
/// timeout: it never gets the whole file, and the server serves on.
#[test]
fn a_client_that_stops_reading_is_dropped_after_the_write_timeout() {
    let size = 24 << 20;
    let site = SiteTest::new("small").file("static/big.txt", &"x".repeat(size));
    let s = serve_with(&site, &[("CAIRN_SERVE_TIMEOUTS_MS", SHORT)]);
    let home = home(&s.addr);
    let mut stalled = connect(&s.addr).unwrap();
    stalled.write_all(&request("/static/big.txt")).unwrap();
    // Well past the 800 ms write timeout, with socket buffers full.
    std::thread::sleep(Duration::from_secs(3));
    let mut got = Vec::new();
    let started = Instant::now();
    let _ = stalled.read_to_end(&mut got);
    assert!(started.elapsed() < PATIENCE, "the connection was kept open");
    assert_eq!(status(&got), 200);
    assert!(
        body(&got).len() < size,
        "the whole file arrived: the write never timed out"
    );
    assert_alive(&s.addr, &home, "a stalled reader");
}

/// More than 512 open connections: the next one gets 503 at once, and once the crowd
/// leaves, the server serves again.
#[test]
fn connections_past_the_cap_get_503() {
    let site = SiteTest::new("small");
    // Idle clients are kept long enough for the crowd to stand.
    let s = serve_with(&site, &[("CAIRN_SERVE_TIMEOUTS_MS", "60000,60000,60000")]);
    let home = home(&s.addr);
    let crowd: Vec<TcpStream> = (0..512).map(|_| connect(&s.addr).unwrap()).collect();
    // Each connection is counted when the server takes it from the queue: wait for it.
    let started = Instant::now();
    let reply = loop {
        let reply = exchange(&s.addr, &request("/")).unwrap();
        if status(&reply) == 503 || started.elapsed() > PATIENCE {
            break reply;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(status(&reply), 503, "with 512 connections open");
    drop(crowd);
    let started = Instant::now();
    while status(&exchange(&s.addr, &request("/")).unwrap()) == 503 {
        assert!(started.elapsed() < PATIENCE, "503 after the crowd left");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_alive(&s.addr, &home, "the crowd");
}

#[test]
fn slow_and_idle_clients_do_not_block_others() {
    let site = SiteTest::new("small").file("static/big.txt", &"x".repeat(8 << 20));
    let s = serve(&site);
    let home = home(&s.addr);
    // Fifty clients that connect and say nothing.
    let idle: Vec<TcpStream> = (0..50).map(|_| connect(&s.addr).unwrap()).collect();
    // One that asks for 8 MB and never reads it: the server's write blocks.
    let mut stalled = connect(&s.addr).unwrap();
    stalled.write_all(&request("/static/big.txt")).unwrap();
    // One that sends its request a byte every 100 ms.
    let addr = s.addr.clone();
    let dribbler = std::thread::spawn(move || {
        let mut stream = connect(&addr)?;
        for byte in request("/about/") {
            stream.write_all(&[byte])?;
            std::thread::sleep(Duration::from_millis(100));
        }
        read_all(&mut stream)
    });
    for round in 0..10 {
        assert_alive(
            &s.addr,
            &home,
            &format!("round {round} with slow clients open"),
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let reply = dribbler
        .join()
        .unwrap()
        .expect("the slow request is answered");
    assert_eq!(status(&reply), 200);
    assert!(String::from_utf8_lossy(body(&reply)).contains("About"));
    // The server closes a connection that never sends a request, so idle clients
    // cannot hold its threads and file descriptors forever.
    let mut first = idle.into_iter().next().unwrap();
    let reply = read_all(&mut first).expect("an idle connection is closed, not kept");
    assert!([0, 408].contains(&status(&reply)), "{}", status(&reply));
    drop(stalled);
    assert_alive(&s.addr, &home, "closing the slow clients");
}

#[test]
fn two_hundred_concurrent_requests_all_get_the_right_page() {
    let site = SiteTest::new("small");
    let s = serve(&site);
    let paths = [
        "/",
        "/qa/2024-03-12-ice-breaking/",
        "/about/",
        "/members/",
        "/credits.json",
    ];
    let expected: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| {
            let reply = exchange(&s.addr, &request(p)).unwrap();
            assert_eq!(status(&reply), 200, "{p}");
            body(&reply).to_vec()
        })
        .collect();
    let expected = std::sync::Arc::new(expected);
    let start = std::sync::Arc::new(std::sync::Barrier::new(200));
    let clients: Vec<_> = (0..200)
        .map(|i| {
            let (addr, expected, start) = (s.addr.clone(), expected.clone(), start.clone());
            std::thread::spawn(move || {
                let path = paths[i % paths.len()];
                start.wait();
                let reply = exchange(&addr, &request(path)).map_err(|e| format!("{path}: {e}"))?;
                if status(&reply) != 200 || body(&reply) != expected[i % paths.len()] {
                    return Err(format!("{path}: status {}, wrong body", status(&reply)));
                }
                Ok(())
            })
        })
        .collect();
    let failures: Vec<String> = clients
        .into_iter()
        .filter_map(|c| c.join().unwrap().err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert_alive(&s.addr, &expected[0], "200 concurrent requests");
}

/// With few file descriptors (macOS gives 256 by default), a crowd of connections
/// exhausts them; once it leaves, the server must serve again, not stay deaf.
#[cfg(unix)]
#[test]
fn running_out_of_file_descriptors_is_survived() {
    let site = SiteTest::new("small");
    let s = serve_with_fd_limit(&site, 256);
    let home = home(&s.addr);
    let sock = s.addr.to_socket_addrs().unwrap().next().unwrap();
    let crowd: Vec<TcpStream> = (0..400)
        .map_while(|_| TcpStream::connect_timeout(&sock, Duration::from_secs(2)).ok())
        .collect();
    assert!(crowd.len() > 200, "only {} connections", crowd.len());
    // The descriptors did run out: with the crowd held, a request is not answered
    // (it cannot even be accepted).
    let probe = TcpStream::connect_timeout(&sock, Duration::from_secs(2));
    let answered = probe.ok().and_then(|mut probe| {
        probe
            .set_read_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        probe.write_all(&request("/")).ok()?;
        let mut reply = [0u8; 64];
        let n = probe.read(&mut reply).ok()?;
        Some(status(&reply[..n]))
    });
    assert!(
        matches!(answered, None | Some(0)),
        "answered {answered:?} with {} connections held: descriptors never ran out",
        crowd.len()
    );
    drop(crowd);
    assert_alive(&s.addr, &home, "running out of file descriptors");
}

/// A `cairn serve` started by `sh` with `ulimit -n limit`, stopped on drop. (The
/// helper in serve.rs starts the binary directly, so it cannot set a limit.)
#[cfg(unix)]
struct Limited {
    child: Child,
    addr: String,
}

#[cfg(unix)]
impl Drop for Limited {
    fn drop(&mut self) {
        // SIGTERM first, so serve removes its scratch folder (.ci/run checks).
        crate::serve::stop(&mut self.child, libc::SIGTERM);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(unix)]
fn serve_with_fd_limit(site: &SiteTest, limit: u32) -> Limited {
    use std::io::BufRead;
    let script = format!("ulimit -n {limit} && exec \"$0\" --root \"$1\" serve --port 0");
    let mut child = Command::new("sh")
        // Idle connections are kept while the test holds them, so none closes early.
        .env("CAIRN_SERVE_TIMEOUTS_MS", "60000,60000,30000")
        .args(["-c", &script])
        .arg(assert_cmd::cargo::cargo_bin("cairn"))
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited").unwrap();
        if let Some(rest) = line.split("at http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Limited { child, addr }
}
