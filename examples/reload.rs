//! Save-to-reload benchmark for `cairn serve` (issue #5): starts the release binary on a
//! site, listens on the reload channel the way an open page does, edits one item and
//! prints how long it took from the save to the reload signal. The time includes
//! the file watcher's 30 ms debounce.
//!
//! `cargo build --release && cargo run --release --example reload -- --root DIR [--file
//! content/qa/x.md] [--runs 3] [--title]`. With no `--file`, the newest Q&A is edited:
//! a line added to its body, or with `--title` its title changed. The file is restored
//! at the end.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// The site to serve.
    #[arg(long)]
    root: PathBuf,
    /// The file to edit, relative to the root.
    #[arg(long)]
    file: Option<PathBuf>,
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Edit the title in the front matter instead of appending to the body: the card
    /// changes, so every list, tag and member page showing the item is rendered again.
    #[arg(long)]
    title: bool,
    /// Save again 300 ms after each reload, while the last rebuild is still building
    /// its search index (as an editor saving every few seconds does), instead of
    /// waiting for the whole rebuild.
    #[arg(long)]
    no_wait: bool,
}

fn main() {
    let args = Args::parse();
    let file = args.file.clone().unwrap_or_else(|| newest_qa(&args.root));
    let path = args.root.join(&file);
    let original = std::fs::read_to_string(&path).expect("the file to edit");
    let cairn = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .join("cairn");
    let mut child = Command::new(&cairn)
        .arg("--root")
        .arg(&args.root)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("target/release/cairn (cargo build --release)");
    let started = Instant::now();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited").unwrap();
        if let Some(rest) = line.split("at http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    println!(
        "first build and start: {:.2} s",
        started.elapsed().as_secs_f64()
    );
    // serve's own "rebuilt …" lines: each run waits for the whole rebuild (the search
    // index comes after the reload signal) before the next save.
    let (said, rebuilt) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if line.starts_with("rebuilt") && said.send(line).is_err() {
                break;
            }
        }
    });
    let done = |run: usize| match rebuilt.recv_timeout(std::time::Duration::from_secs(120)) {
        Ok(line) => println!("run {run}: {line}"),
        Err(_) => println!("run {run}: no rebuild line from serve"),
    };
    let _ = rebuilt.recv_timeout(std::time::Duration::from_secs(1)); // the first build's
    let mut times = Vec::new();
    for run in 1..=args.runs {
        let mut events = listen(&addr);
        let edited = if args.title {
            original.replacen("\ntitle: ", &format!("\ntitle: (run {run}) "), 1)
        } else {
            format!("{original}\nEdited for the reload benchmark, run {run}.\n")
        };
        let saved = Instant::now();
        std::fs::write(&path, edited).unwrap();
        wait_for_reload(&mut events);
        let ms = saved.elapsed().as_secs_f64() * 1000.0;
        println!("run {run}: save to reload signal {ms:.0} ms");
        if !args.no_wait {
            done(run);
        }
        times.push(ms);
    }
    let mut events = listen(&addr);
    std::fs::write(&path, &original).unwrap();
    wait_for_reload(&mut events);
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "{}: {} runs, median {:.0} ms, best {:.0} ms (edited {})",
        args.root.display(),
        times.len(),
        times[times.len() / 2],
        times[0],
        file.display()
    );
}

/// An open page's reload channel: a request that answers when the next build is done.
fn listen(addr: &str) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(600)))
        .unwrap();
    write!(
        stream,
        "GET /__cairn/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    // Let the server start waiting before the file changes.
    std::thread::sleep(Duration::from_millis(300));
    stream
}

fn wait_for_reload(stream: &mut TcpStream) {
    let mut seen = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        let n = stream.read(&mut buf).expect("the reload channel");
        seen.extend_from_slice(&buf[..n]);
        if String::from_utf8_lossy(&seen).contains("data: reload") {
            return;
        }
        assert!(n > 0, "the channel closed without a reload");
    }
}

/// The last Q&A file by name (names start with the date).
fn newest_qa(root: &Path) -> PathBuf {
    let mut names: Vec<PathBuf> = std::fs::read_dir(root.join("content/qa"))
        .expect("content/qa")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    names
        .pop()
        .expect("a Q&A to edit")
        .strip_prefix(root)
        .unwrap()
        .to_path_buf()
}
