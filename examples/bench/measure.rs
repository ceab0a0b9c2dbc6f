//! Measuring one `cairn build`: it runs as a child process so its wall time, CPU time
//! and peak RSS are its own (`wait4` gives the rusage of exactly that child), and its
//! `--verbose` stage timings are read back from stderr.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Build {
    pub ok: bool,
    pub wall: Duration,
    /// user + sys of the child.
    pub cpu: Duration,
    /// Peak resident set of the child, in bytes.
    pub peak_rss: u64,
    /// (stage, milliseconds) in the order cairn printed them.
    pub stages: Vec<(String, f64)>,
    pub stderr: String,
}

/// Runs `cairn build --root <root> --out <out> --now 2026-11-01 --verbose`.
pub fn build(cairn: &Path, root: &Path, out: &Path) -> std::io::Result<Build> {
    let started = Instant::now();
    let mut child = Command::new(cairn)
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(["--now", "2026-11-01", "--verbose"])
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    // Drained on a thread: a build with many warnings would otherwise fill the pipe
    // and block before exiting.
    let mut pipe = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    });
    let cost = cost_of(child.id(), started)?;
    let stderr = reader.join().unwrap_or_default();
    Ok(Build {
        ok: cost.status == 0,
        wall: cost.wall,
        cpu: cost.cpu,
        peak_rss: cost.peak_rss,
        stages: stages(&stderr),
        stderr,
    })
}

/// What one child process cost: its exit status, the wall time since it was started,
/// its own CPU time and peak resident set (bytes).
pub struct Cost {
    pub status: i32,
    pub wall: Duration,
    pub cpu: Duration,
    pub peak_rss: u64,
}

/// Waits for child `pid`, spawned at `started`, and reads what it cost (a cairn build
/// here, a peer tool in `peer`).
pub fn cost_of(pid: u32, started: Instant) -> std::io::Result<Cost> {
    let (status, usage) = wait4(pid)?;
    Ok(Cost {
        status,
        wall: started.elapsed(),
        cpu: cpu_time(&usage),
        peak_rss: usage.ru_maxrss as u64 * 1024,
    })
}

/// Waits for one child and returns its exit status and its own rusage (`Child::wait`
/// cannot: std does not expose the rusage).
fn wait4(pid: u32) -> std::io::Result<(i32, libc::rusage)> {
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child we spawned and reaps it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if got < 0 {
        return Err(std::io::Error::last_os_error());
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Ok((code, usage))
}

/// The rusage of this process (`RUSAGE_SELF`, all threads).
pub fn rusage(who: libc::c_int) -> libc::rusage {
    // SAFETY: as in `wait4`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut usage) };
    usage
}

pub fn cpu_time(u: &libc::rusage) -> Duration {
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// Stage timings from `--verbose`: lines `  <stage> <ms> ms` (see `cli.rs`). A stage
/// printed twice is summed.
fn stages(stderr: &str) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    for line in stderr.lines().filter(|l| l.starts_with("  ")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let [stage, ms, "ms"] = words[..] else {
            continue;
        };
        let Ok(ms) = ms.parse::<f64>() else { continue };
        match out.iter_mut().find(|(s, _)| s == stage) {
            Some((_, total)) => *total += ms,
            None => out.push((stage.to_string(), ms)),
        }
    }
    out
}

/// (files, bytes) under `dir`; (0, 0) when it does not exist.
pub fn tree_size(dir: &Path) -> (u64, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(n, bytes), e| {
            (n + 1, bytes + e.metadata().map_or(0, |m| m.len()))
        })
}

/// The largest HTML page under `out`: (bytes, path relative to `out`).
pub fn largest_page(out: &Path) -> (u64, String) {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap_or(e.path());
            (
                e.metadata().map_or(0, |m| m.len()),
                rel.display().to_string(),
            )
        })
        .max()
        .unwrap_or_default()
}

/// How many bytes a visitor's first search query downloads, gzipped as a static host
/// serves them: the search script, the folding table, the shards of the query's terms
/// and the fragments of the first page of results (`cairn::search::stats` finds them
/// the way `search.js` does). Median over 50 queries drawn from page titles; the
/// spread is printed too.
pub fn first_query_bytes(out: &Path) -> Option<u64> {
    use cairn::search::stats;
    let queries = stats::sample_queries(out, 50);
    if queries.is_empty() {
        return None;
    }
    let mut totals: Vec<u64> = queries
        .iter()
        .map(|q| {
            stats::first_query_files(out, q)
                .iter()
                .map(|f| gzipped(f))
                .sum()
        })
        .collect();
    totals.sort_unstable();
    let fixed = gzipped(&out.join("search/search.js")) + gzipped(&out.join("search/fold.json"));
    println!(
        "  first query ({} queries from titles): median {:.1} KB, max {:.1} KB gzipped, of which script + folding table {:.1} KB",
        totals.len(),
        totals[totals.len() / 2] as f64 / 1024.0,
        totals[totals.len() - 1] as f64 / 1024.0,
        fixed as f64 / 1024.0
    );
    Some(totals[totals.len() / 2])
}

/// The size of `path` compressed with gzip -9; 0 when unreadable.
pub fn gzipped(path: &Path) -> u64 {
    use std::io::Write;
    let Ok(bytes) = std::fs::read(path) else {
        return 0;
    };
    // Stored gzipped (the search index's many files): served as they are.
    if path.extension().is_some_and(|x| x == "gz") {
        return bytes.len() as u64;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).ok();
    gz.finish().map_or(0, |v| v.len() as u64)
}
