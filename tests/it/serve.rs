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
    /// What serve printed on stdout after its address line, so far.
    pub said: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Served {
    /// The serve process's id (its scratch folder is `cairn-serve-<pid>`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Served {
    /// SIGTERM, so serve removes its scratch folder; SIGKILL if it does not end.
    fn drop(&mut self) {
        stop(&mut self.child, libc::SIGTERM);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `signal` and waits up to 10 s for the process to end; its status, if it did.
pub fn stop(child: &mut Child, signal: libc::c_int) -> Option<std::process::ExitStatus> {
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: a signal to our own child, which has not been waited for yet.
    unsafe { libc::kill(pid, signal) };
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

pub fn serve(site: &SiteTest) -> Served {
    serve_with_temp(site, &std::env::temp_dir())
}

/// `serve`, with `temp` as its temp folder (TMPDIR), where its scratch folder goes.
pub fn serve_with_temp(site: &SiteTest, temp: &std::path::Path) -> Served {
    serve_in(site, temp, &[], &[])
}

/// `serve`, with extra environment variables (`CAIRN_SERVE_TIMEOUTS_MS`).
pub fn serve_with(site: &SiteTest, env: &[(&str, &str)]) -> Served {
    serve_in(site, &std::env::temp_dir(), env, &[])
}

/// `serve`, with extra arguments (`--bind`).
pub fn serve_with_args(site: &SiteTest, args: &[&str]) -> Served {
    serve_in(site, &std::env::temp_dir(), &[], args)
}

fn serve_in(
    site: &SiteTest,
    temp: &std::path::Path,
    env: &[(&str, &str)],
    args: &[&str],
) -> Served {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("cairn"))
        .env("TMPDIR", temp)
        .envs(env.iter().copied())
        .args([
            "--root",
            site.root().to_str().unwrap(),
            "serve",
            "--port",
            "0",
        ])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited").unwrap();
        if let Some(addr) = address_in(&line) {
            break addr;
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    let said = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = std::sync::Arc::clone(&said);
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            kept.lock().unwrap().push(line);
        }
    });
    Served { child, addr, said }
}

/// The `host:port` of serve's address line, which is in the site's language (the
/// example's is zh-CN): what follows "http://", up to the first character that cannot
/// be in a host and port (a slash, a space, a full-width bracket).
pub fn address_in(line: &str) -> Option<String> {
    let rest = line.split("http://").nth(1)?;
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || ".:[]".contains(c)))
        .unwrap_or(rest.len());
    Some(rest[..end].to_string())
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

pub fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
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
    // The site serve built on disk (its scratch folder) never carries the reload
    // script: only served responses do.
    let built = std::env::temp_dir()
        .join(format!("cairn-serve-{}", s.child.id()))
        .join("public");
    let page = std::fs::read_to_string(built.join("qa/2024-03-12-ice-breaking/index.html"))
        .expect("serve builds into its scratch folder");
    assert!(page.contains("How do we keep a new group from going quiet?"));
    for (path, bytes) in crate::snapshot_tree(&built) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("EventSource") && !text.contains("__cairn/events"),
            "{path} on disk carries the reload script"
        );
    }
    assert!(!site.root().join("public").exists());
}

/// A clean-up of the temp folder that takes serve's scratch folder must not leave a
/// server answering 404 to everything until the next save.
#[test]
fn serve_rebuilds_when_its_output_folder_is_removed_and_says_so() {
    let site = SiteTest::new("small");
    let temp = tempfile::tempdir().unwrap();
    let s = serve_with_temp(&site, temp.path());
    assert_eq!(get(&s.addr, "/about/").0, 200);
    let scratch = temp.path().join(format!("cairn-serve-{}", s.child.id()));
    std::fs::remove_dir_all(&scratch).unwrap();
    wait_for("the site built again", || get(&s.addr, "/about/").0 == 200);
    assert!(scratch.join("public/about/index.html").is_file());
    wait_for("serve to say so", || {
        s.said
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("was removed") && l.contains("rebuilding"))
    });
    drop(s);
    assert_eq!(scratch_folders(temp.path()), Vec::<String>::new());
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

/// The `cairn-serve-*` folders in `temp`.
fn scratch_folders(temp: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(temp)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("cairn-serve-"))
        .collect();
    names.sort();
    names
}

#[test]
fn serve_removes_its_scratch_folder_on_ctrl_c_sigterm_and_sighup() {
    let site = SiteTest::new("small");
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        let temp = tempfile::tempdir().unwrap();
        let mut s = serve_with_temp(&site, temp.path());
        let (status, _) = get(&s.addr, "/");
        assert_eq!(status, 200);
        let scratch = temp.path().join(format!("cairn-serve-{}", s.child.id()));
        assert!(scratch.is_dir(), "serve builds into {}", scratch.display());
        let status = stop(&mut s.child, signal).expect("serve ends on the signal");
        assert!(!status.success(), "signal {signal}: {status:?}");
        assert_eq!(
            scratch_folders(temp.path()),
            Vec::<String>::new(),
            "signal {signal} leaves the scratch folder"
        );
    }
}

#[test]
fn a_new_serve_removes_stopped_serves_scratch_folders_and_keeps_running_ones() {
    let site = SiteTest::new("small");
    let temp = tempfile::tempdir().unwrap();
    // A serve killed outright (SIGKILL) cannot clean up: its folder stays, unlocked.
    let mut killed = serve_with_temp(&site, temp.path());
    let killed_dir = format!("cairn-serve-{}", killed.child.id());
    killed.child.kill().unwrap();
    killed.child.wait().unwrap();
    // And one from a pid that may be anyone's now: unlocked, so stale all the same.
    std::fs::create_dir_all(temp.path().join("cairn-serve-1/public")).unwrap();
    let running = serve_with_temp(&site, temp.path());
    let running_dir = format!("cairn-serve-{}", running.child.id());
    assert_eq!(
        scratch_folders(temp.path()),
        vec![running_dir.clone()],
        "the second serve removed the stale folders ({killed_dir}, cairn-serve-1)"
    );
    let next = serve_with_temp(&site, temp.path());
    let next_dir = format!("cairn-serve-{}", next.child.id());
    let mut both = vec![running_dir, next_dir];
    both.sort();
    assert_eq!(
        scratch_folders(temp.path()),
        both,
        "a running serve's folder is kept"
    );
    drop(running);
    drop(next);
    assert_eq!(scratch_folders(temp.path()), Vec::<String>::new());
}

#[test]
fn serve_without_site_yaml_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let temp = tempfile::tempdir().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("cairn"))
        .env("TMPDIR", temp.path())
        .args([
            "--root",
            dir.path().to_str().unwrap(),
            "serve",
            "--port",
            "0",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve kept running without a site.yaml");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(2));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("site.yaml"), "{stderr}");
    assert_eq!(scratch_folders(temp.path()), Vec::<String>::new());
}
