//! Faults (issue #8.4): builds killed at any moment never leave a damaged output,
//! `--out` never wipes a folder cairn did not make, and the dev server survives
//! malformed requests, huge URLs, slow and idle clients and 200 concurrent requests.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::serve::serve;
use crate::{NOW, SiteTest, snapshot_tree};

type Tree = Vec<(String, Vec<u8>)>;

/// A page whose presence changes many output files (its page, sitemap, search index).
const PROBE: &str = "content/pages/fault-probe.md";

/// How many builds the kill test kills.
const KILLS: u32 = 24;

/// Every socket wait is bounded by this, so a hung server fails a test instead of
/// hanging CI; generous, because a loaded 2-core machine is slow, not stuck.
const PATIENCE: Duration = Duration::from_secs(30);

fn set_probe(root: &Path, on: bool) {
    let path = root.join(PROBE);
    if on {
        std::fs::write(
            path,
            "---\ntitle: Fault probe\n---\nThis page comes and goes.\n",
        )
        .unwrap();
    } else {
        let _ = std::fs::remove_file(path);
    }
}

fn cairn(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("cairn"));
    cmd.arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn spawn_build(root: &Path) -> Child {
    cairn(root, &["build", "--now", NOW]).spawn().unwrap()
}

/// Staging and old-output folders beside `public/`.
fn leftovers(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".cairn-tmp-") || n.contains(".cairn-old-"))
        .collect();
    names.sort();
    names
}

/// xorshift64: deterministic "random" delays, the same on every run.
fn next(state: &mut u64) -> f64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state >> 11) as f64 / (1u64 << 53) as f64
}

/// Why a tree is neither expected one, without dumping megabytes.
fn describe(now: &Tree, old: &Tree, new: &Tree) -> String {
    if now.is_empty() {
        return "public/ is missing or empty".into();
    }
    let differing = |other: &Tree| -> Vec<String> {
        let mut names: Vec<String> = now
            .iter()
            .filter(|f| !other.contains(f))
            .chain(other.iter().filter(|f| !now.contains(f)))
            .map(|(n, _)| n.clone())
            .collect();
        names.dedup();
        names.truncate(5);
        names
    };
    format!(
        "a mix: {} files; vs last good: {:?}; vs new: {:?}",
        now.len(),
        differing(old),
        differing(new)
    )
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let site = SiteTest::example();
    let root = site.root().to_path_buf();
    let out = root.join("public");
    site.build().success();
    let without = snapshot_tree(&out);
    set_probe(&root, true);
    // Timed on a build that replaces an output, so kills spread over a real swap too.
    let started = Instant::now();
    site.build().success();
    let full = started.elapsed();
    let with = snapshot_tree(&out);
    assert_ne!(without, with, "the probe page must change the output");

    let mut probe_on = true; // the content the output was built from
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let (mut before_swap, mut after_swap, mut finished) = (0, 0, 0);
    for i in 0..KILLS {
        // The killed build writes the other content, so a completed swap is visible.
        set_probe(&root, !probe_on);
        // Stratified over 0..1.2× a build: every part of the build gets kills.
        let frac = 1.2 * (f64::from(i) + next(&mut rng)) / f64::from(KILLS);
        let delay = full.mul_f64(frac);
        let mut child = spawn_build(&root);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL: no destructor, no cleanup runs
        let status = child.wait().unwrap();
        assert!(
            status.success() || status.code().is_none(),
            "kill {i}: the build failed by itself: {status}"
        );
        let now = snapshot_tree(&out);
        let (old, new) = if probe_on {
            (&with, &without)
        } else {
            (&without, &with)
        };
        if now == *new {
            probe_on = !probe_on;
            after_swap += 1;
        } else {
            assert!(
                now == *old,
                "kill {i} after {delay:?}: {}",
                describe(&now, old, new)
            );
            assert!(!status.success(), "kill {i}: a finished build did not swap");
            before_swap += 1;
        }
        finished += usize::from(status.success());
        // Each build removes the folders of dead builds before staging its own, so at
        // most one dead build's staging and old folders are ever left.
        let left = leftovers(&root);
        let pids: std::collections::BTreeSet<&str> =
            left.iter().filter_map(|n| n.rsplit('-').next()).collect();
        assert!(left.len() <= 2 && pids.len() <= 1, "kill {i}: {left:?}");
    }
    eprintln!(
        "{KILLS} kills over {full:?}: {before_swap} before the swap, {after_swap} after, {finished} finished first"
    );

    // A later normal build succeeds and clears what the killed ones left.
    set_probe(&root, !probe_on);
    site.build().success();
    let expected = if probe_on { &without } else { &with };
    assert!(
        snapshot_tree(&out) == *expected,
        "the recovery build differs"
    );
    assert_eq!(leftovers(&root), Vec::<String>::new());
}

/// `output::Staging::commit` must never leave a moment without `public/`: on Linux it
/// exchanges the staging folder and the output in one `renameat2(RENAME_EXCHANGE)`.
/// A kill loop almost never lands inside a swap, so strace's fault injection holds the
/// first rename call for 3 s while the test watches `public/`. Needs strace and ptrace
/// (`.ci/run` installs strace); without them the test fails, it does not skip.
#[test]
fn public_exists_at_every_moment_of_the_swap() {
    assert!(
        Command::new("strace").arg("-V").output().is_ok(),
        "strace is needed: apt-get install -y strace (.ci/run does this)"
    );
    let site = SiteTest::new("small");
    site.build().success();
    let out = site.root().join("public");
    let log = site.root().join("strace.log");
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&log)
        .args(["-e", "trace=rename,renameat,renameat2"])
        .args([
            "-e",
            "inject=rename,renameat,renameat2:delay_exit=3000000:when=1",
        ])
        .arg(assert_cmd::cargo::cargo_bin("cairn"))
        .arg("--root")
        .arg(site.root())
        .args(["build", "--now", NOW])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut missing = false;
    while child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < 4 * PATIENCE, "the traced build hangs");
        missing |= !out.exists();
        std::thread::sleep(Duration::from_millis(2));
    }
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        log.contains("DELAYED"),
        "strace could not trace the build (no ptrace?):\n{log}"
    );
    assert!(!missing, "public/ did not exist during the swap:\n{log}");
}

#[test]
fn out_at_a_folder_cairn_did_not_make_is_refused_unless_forced() {
    let site = SiteTest::new("small");
    let theirs = tempfile::tempdir().unwrap();
    let target = theirs.path().join("thesis");
    std::fs::create_dir_all(target.join("chapters")).unwrap();
    std::fs::write(target.join("index.html"), "my own page").unwrap();
    std::fs::write(target.join("chapters/1.md"), "chapter one").unwrap();
    std::fs::write(target.join(".hidden"), "dotfile").unwrap();
    let before = snapshot_tree(&target);
    let out = target.to_str().unwrap();

    let refused = site.run(&["build", "--now", NOW, "--out", out].map(String::from));
    assert_eq!(
        refused.output.status.code(),
        Some(2),
        "{}",
        refused.stderr()
    );
    assert!(refused.stderr().contains("--force"), "{}", refused.stderr());
    assert_eq!(
        snapshot_tree(&target),
        before,
        "the refused folder was touched"
    );
    assert_eq!(leftovers(theirs.path()), Vec::<String>::new());
    // A plain file in the way is not cairn's either.
    let file = theirs.path().join("notes.txt");
    std::fs::write(&file, "notes").unwrap();
    let refused =
        site.run(&["build", "--now", NOW, "--out", file.to_str().unwrap()].map(String::from));
    assert_eq!(
        refused.output.status.code(),
        Some(2),
        "{}",
        refused.stderr()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "notes");

    // --force replaces it, and marks it, so later builds need no --force.
    site.run(&["build", "--now", NOW, "--out", out, "--force"].map(String::from))
        .success();
    assert!(target.join(".cairn-output").is_file());
    assert!(!target.join("chapters").exists());
    assert!(std::fs::read_to_string(target.join("index.html")).unwrap() != "my own page");
    site.run(&["build", "--now", NOW, "--out", out].map(String::from))
        .success();
    assert_eq!(leftovers(theirs.path()), Vec::<String>::new());
}

// ---------------------------------------------------------------- the dev server

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
            &[],
        ),
        ("odd method", b"BREW /pot HTTP/1.1\r\n\r\n".to_vec(), &[]),
        ("half a request line", b"GET /qa/2024".to_vec(), &[]),
        ("20,000 headers", many_headers.into_bytes(), &[]),
        ("a 1 MB header", huge_header.into_bytes(), &[]),
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
        let code = status(&reply);
        assert!([200, 403, 404, 414, 431].contains(&code), "{what}: {code}");
        assert_alive(&s.addr, &home, what);
    }
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
