//! `bench --search-of <out>`: the search page of a built site, driven in headless
//! Chromium (Debian's `/usr/bin/chromium`) for docs/BENCHMARKS.md. For words drawn from
//! the site's term dictionary it types each query three ways, whole (`onboarding `),
//! half-typed (the word less two letters) and mistyped (two letters after the second
//! swapped), and reports what the first query of each downloads, gzipped as a static
//! host serves it (the files the page really fetched, from the Resource Timing list),
//! and how long the page takes from the query's last keystroke to the updated list
//! once its files are cached. The real `search.js` runs, so the figures cannot drift from it.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use headless_chrome::{Browser, LaunchOptions, Tab};

/// Words sampled from the dictionary.
const WORDS: usize = 20;

pub fn search_of(out: &Path) -> Result<(), String> {
    let words = sample_words(out)?;
    let addr = serve(out.to_path_buf())?;
    let browser = Browser::new(
        LaunchOptions::default_builder()
            .path(Some(PathBuf::from("/usr/bin/chromium")))
            .sandbox(false)
            .build()
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("chromium: {e}"))?;
    let tab = browser.new_tab().map_err(|e| e.to_string())?;
    println!("search of {} ({} words)", out.display(), words.len());
    for (kind, make) in [
        ("whole word", whole as fn(&str) -> String),
        ("prefix", prefix),
        ("typo", typo),
    ] {
        let mut bytes = Vec::new();
        let mut millis = Vec::new();
        for word in &words {
            let query = make(word);
            let (b, ms) = measure(&tab, &addr, out, &query)?;
            bytes.push(b);
            millis.push(ms);
        }
        bytes.sort_unstable();
        millis.sort_by(f64::total_cmp);
        println!(
            "  {kind:<10}  first query gzipped: median {:.1} KB, max {:.1} KB;  keystroke to list, cached: median {:.0} ms, max {:.0} ms",
            bytes[bytes.len() / 2] as f64 / 1024.0,
            bytes[bytes.len() - 1] as f64 / 1024.0,
            millis[millis.len() / 2],
            millis[millis.len() - 1],
        );
    }
    Ok(())
}

fn whole(word: &str) -> String {
    format!("{word} ")
}

fn prefix(word: &str) -> String {
    word[..word.len() - 2].to_string()
}

fn typo(word: &str) -> String {
    let mut b = word.as_bytes().to_vec();
    b.swap(2, 3);
    format!("{} ", String::from_utf8(b).expect("ASCII"))
}

/// ASCII words of 7 to 12 letters found on more than one page, evenly spaced through
/// the dictionary.
fn sample_words(out: &Path) -> Result<Vec<String>, String> {
    let words: Vec<String> = cairn::search::stats::dictionary(out)
        .into_iter()
        .filter(|(word, df)| {
            word.bytes().all(|b| b.is_ascii_lowercase())
                && (7..=12).contains(&word.len())
                && *df > 1
        })
        .map(|(word, _)| word)
        .collect();
    if words.is_empty() {
        return Err(format!("{}: no dictionary words to type", out.display()));
    }
    let step = (words.len() / WORDS).max(1);
    Ok(words.into_iter().step_by(step).take(WORDS).collect())
}

/// Opens `/search/?q=<query>` with nothing cached, and returns the gzipped bytes it
/// fetched under `search/`, and then the milliseconds from typing the query's last
/// letter again, with its files loaded, to the list updated.
fn measure(tab: &Tab, addr: &str, out: &Path, query: &str) -> Result<(u64, f64), String> {
    let q = query.replace(' ', "+");
    tab.navigate_to(&format!("http://{addr}/search/?q={q}"))
        .and_then(|t| t.wait_until_navigated())
        .map_err(|e| e.to_string())?;
    wait(tab, &format!("q={q}"))?;
    let names = eval(
        tab,
        "JSON.stringify(performance.getEntriesByType('resource').map(e => new URL(e.name).pathname))",
    )?;
    let names: Vec<String> = serde_json::from_str(&names).map_err(|e| e.to_string())?;
    let bytes = names
        .iter()
        .filter(|n| n.starts_with("/search/"))
        .map(|n| crate::measure::gzipped(&out.join(n.trim_start_matches('/'))))
        .sum();
    let ms = eval(tab, &keystroke_js(query))?;
    Ok((bytes, ms.parse().map_err(|_| format!("latency {ms}"))?))
}

/// A script that types the last letter of `query` into the box (the rest already
/// there) and resolves to the milliseconds from that keystroke's `input` event to the
/// list updated: the page's own pause after a key (`soon` in page.js) is inside the
/// figure, as a member feels it.
fn keystroke_js(query: &str) -> String {
    let q = serde_json::to_string(query).expect("a string");
    format!(
        "new Promise((done) => {{
           const l = document.getElementById('search-results');
           const box = document.querySelector('[data-cairn-search] input[name=q]');
           let busy = false;
           const o = new MutationObserver(() => {{
             const b = l.getAttribute('aria-busy');
             if (b === 'true') busy = true;
             else if (busy && b === 'false') {{ o.disconnect(); done(String(performance.now() - t0)); }}
           }});
           o.observe(l, {{ attributes: true }});
           box.value = {q};
           const t0 = performance.now();
           box.dispatchEvent(new InputEvent('input', {{ bubbles: true, data: {q}.slice(-1) }}));
         }})"
    )
}

/// Waits until the page has shown the results of `query` (`search.js` marks the list).
fn wait(tab: &Tab, query: &str) -> Result<(), String> {
    let start = Instant::now();
    let done = "(() => { const l = document.getElementById('search-results'); return l.getAttribute('aria-busy') === 'false' ? l.dataset.query : ''; })()";
    while eval(tab, done)? != query {
        if start.elapsed() > Duration::from_secs(60) {
            return Err(format!("{query}: the search never finished"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

fn eval(tab: &Tab, js: &str) -> Result<String, String> {
    let v = tab.evaluate(js, true).map_err(|e| e.to_string())?.value;
    Ok(v.and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default())
}

/// A static server for `root` on a free local port, in a thread: GET only, nothing
/// cached (`no-store`), so every navigation downloads what a first visit would.
fn serve(root: PathBuf) -> Result<String, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let addr = listener
        .local_addr()
        .map_err(|e| e.to_string())?
        .to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || answer(stream, &root));
        }
    });
    Ok(addr)
}

fn answer(mut stream: TcpStream, root: &Path) {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().expect("a socket clones"));
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // The rest of the request's head, unread, would reset the connection.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split(' ').nth(1).unwrap_or("/");
    let path = path.split('?').next().unwrap_or("/");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut file = root.join(path.trim_start_matches('/'));
    if path.ends_with('/') {
        file = file.join("index.html");
    }
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    };
    let head = |status: &str, len: usize| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        )
    };
    let _ = match std::fs::read(&file) {
        Ok(body) => stream
            .write_all(head("200 OK", body.len()).as_bytes())
            .and_then(|()| stream.write_all(&body)),
        Err(_) => stream.write_all(head("404 Not Found", 0).as_bytes()),
    };
}
