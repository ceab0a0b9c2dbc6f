//! `cairn serve` on port 0 over a temp copy of a fixture: pages, live reload, the error
//! overlay and recovery, and traversal probes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::SiteTest;

/// A running `cairn serve`, stopped on drop.
pub struct Served {
    child: Child,
    pub addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(site: &SiteTest) -> Served {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("cairn"))
        .args([
            "--root",
            site.root().to_str().unwrap(),
            "serve",
            "--port",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited").unwrap();
        if let Some(rest) = line.split("at http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Served { child, addr }
}

/// A raw GET: (status, body). Raw, so probes reach the server exactly as written.
pub fn get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_pages_with_reload_script_and_a_404() {
    let site = SiteTest::new("small");
    let s = serve(&site);
    let (status, body) = get(&s.addr, "/qa/2024-03-12-ice-breaking/");
    assert_eq!(status, 200);
    assert!(body.contains("How do we keep a new group from going quiet?"));
    assert!(
        body.contains("EventSource"),
        "the reload script is injected"
    );
    let (status, _) = get(&s.addr, "/no/such/page/");
    assert_eq!(status, 404);
    // The built site on disk never carries the reload script.
    assert!(!site.root().join("public").exists());
}

#[test]
fn an_edit_sends_a_reload_event_and_shows_the_new_content() {
    let site = SiteTest::new("small");
    let s = serve(&site);
    let addr = s.addr.clone();
    let waiter = std::thread::spawn(move || get(&addr, "/__cairn/events"));
    std::thread::sleep(Duration::from_millis(300));
    let path = site.root().join("content/pages/about.md");
    std::fs::write(
        &path,
        "---\ntitle: About\nmenu: true\n---\nFreshly edited text.\n",
    )
    .unwrap();
    let (status, event) = waiter.join().unwrap();
    assert_eq!(status, 200);
    assert!(event.contains("data: reload"), "{event}");
    wait_for("new content", || {
        get(&s.addr, "/about/").1.contains("Freshly edited text.")
    });
}

#[test]
fn broken_front_matter_shows_an_overlay_then_recovers() {
    let site = SiteTest::new("small");
    let s = serve(&site);
    let path = site.root().join("content/pages/about.md");
    std::fs::write(&path, "---\ntitle: About\nmenuu: true\n---\nBroken.\n").unwrap();
    wait_for("the overlay", || {
        get(&s.addr, "/about/").1.contains("cairn-errors")
    });
    let (status, body) = get(&s.addr, "/about/");
    assert_eq!(status, 200, "the last good page is still served");
    assert!(body.contains("content/pages/about.md:3:1"), "{body}");
    assert!(body.contains("did you mean `menu`?"), "{body}");
    std::fs::write(&path, "---\ntitle: About\nmenu: true\n---\nFixed.\n").unwrap();
    wait_for("recovery", || {
        let body = get(&s.addr, "/about/").1;
        body.contains("Fixed.") && !body.contains("cairn-errors")
    });
}

#[test]
fn traversal_probes_never_reach_files_outside_the_output() {
    let site = SiteTest::new("small");
    let s = serve(&site);
    // A file right beside the served folder: what a traversal would reach first.
    let beside = std::env::temp_dir()
        .join(format!("cairn-serve-{}", s.child.id()))
        .join("secret.txt");
    std::fs::write(&beside, "TOP-SECRET-FILE").unwrap();
    for probe in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%2f..%2fsecret.txt",
        "/qa/..%5c..%5csecret.txt",
        "/%00",
        "//etc/passwd",
        "/..;/secret.txt",
        "/static/../../secret.txt",
    ] {
        let (status, body) = get(&s.addr, probe);
        assert!(status == 403 || status == 404, "{probe}: {status}");
        assert!(!body.contains("TOP-SECRET-FILE"), "{probe} leaked a file");
    }
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = SiteTest::new("small");
    let out = Command::new(assert_cmd::cargo::cargo_bin("cairn"))
        .args([
            "--root",
            site.root().to_str().unwrap(),
            "serve",
            "--port",
            &port,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert!(stderr.contains("--port 0"), "{stderr}");
}
