//! The bench's output: the machine and commit, a line per size as it finishes, then the
//! figures, stage timings and scaling ratios, as aligned text or as Markdown tables.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::Row;

/// Cores, CPU model, memory, commit and binary: what a figure means depends on them.
pub fn machine(cairn: &Path) -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = proc_field("/proc/cpuinfo", "model name").unwrap_or_else(|| "unknown CPU".into());
    let mem = proc_field("/proc/meminfo", "MemTotal")
        .and_then(|m| m.trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or("unknown".into(), |kb| format!("{:.1} GiB", kb / 1048576.0));
    format!(
        "machine: {cores} cores, {cpu}, {mem} RAM\ncommit:  {}\nbinary:  {}",
        commit(),
        cairn.display()
    )
}

/// The first `key: value` line of a /proc file (Linux only; None elsewhere).
fn proc_field(path: &str, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string())
}

/// The short commit, flagged when tracked files have uncommitted changes (then the
/// figures are of the working tree, not of the commit).
fn commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let Some(head) = git(&["rev-parse", "--short", "HEAD"]) else {
        return "unknown".into();
    };
    match git(&["status", "--porcelain", "--untracked-files=no"]) {
        Some(s) if !s.is_empty() => format!("{head} (+ uncommitted changes)"),
        _ => head,
    }
}

/// A line printed as soon as a size is done, so a long run shows progress.
pub fn one_line(r: &Row) -> String {
    format!(
        "{} items: build {} (CPU {}, peak {}), floor {} → {:.1}× the floor; writing the output alone {} → {:.1}× floor + writing",
        r.items,
        secs(r.build.wall),
        secs(r.build.cpu),
        mb(r.build.peak_rss),
        secs(r.floor.wall),
        ratio(r.build.wall, r.floor.wall),
        secs(r.write_floor.wall),
        ratio(r.build.wall, r.floor.wall + r.write_floor.wall)
    )
}

/// The figures, the stage timings and the scaling ratios.
pub fn tables(rows: &[Row], markdown: bool) -> String {
    let header = [
        "items",
        "corpus",
        "generate",
        "build wall",
        "build CPU",
        "peak RSS",
        "out files",
        "out size",
        "search",
        "first query",
        "floor wall",
        "floor CPU",
        "build/floor",
        "write floor",
        "build/(floor+write)",
    ];
    let body: Vec<Vec<String>> = rows.iter().map(figures).collect();
    let mut out = grid(&header, &body, markdown);
    out.push('\n');
    out.push_str(&peer_table(rows, markdown));
    out.push('\n');
    out.push_str(&stage_table(rows, markdown));
    out.push('\n');
    out.push_str(&scaling(rows));
    out
}

fn figures(r: &Row) -> Vec<String> {
    vec![
        r.items.to_string(),
        mb(r.corpus_bytes),
        r.generated.map_or("cached".into(), secs),
        secs(r.build.wall),
        secs(r.build.cpu),
        mb(r.build.peak_rss),
        r.out_files.to_string(),
        mb(r.out_bytes),
        mb(r.search_bytes),
        r.first_query
            .map_or("n/a".into(), |b| format!("{:.1} KB", b as f64 / 1e3)),
        secs(r.floor.wall),
        secs(r.floor.cpu),
        format!("{:.1}×", ratio(r.build.wall, r.floor.wall)),
        secs(r.write_floor.wall),
        format!(
            "{:.1}×",
            ratio(r.build.wall, r.floor.wall + r.write_floor.wall)
        ),
    ]
}

/// cairn and each peer (`--peer`) on the same corpus, in the same run: what a moderator
/// waits for and what goes on the host. Only with peers.
fn peer_table(rows: &[Row], markdown: bool) -> String {
    if rows.iter().all(|r| r.peers.is_empty()) {
        return String::new();
    }
    let header = [
        "tool",
        "items",
        "wall",
        "CPU",
        "peak RSS",
        "files",
        "bytes",
        "largest page",
    ];
    let page = |(bytes, path): &(u64, String)| format!("{:.0} KB {path}", *bytes as f64 / 1e3);
    let mut body = Vec::new();
    for r in rows {
        body.push(vec![
            "cairn (with search)".to_string(),
            r.items.to_string(),
            secs(r.build.wall),
            secs(r.build.cpu),
            mb(r.build.peak_rss),
            r.out_files.to_string(),
            mb(r.out_bytes),
            page(&r.largest_page),
        ]);
        for p in &r.peers {
            body.push(vec![
                p.tool.clone(),
                r.items.to_string(),
                secs(p.wall),
                secs(p.cpu),
                mb(p.peak_rss),
                p.files.to_string(),
                mb(p.bytes),
                page(&p.largest_page),
            ]);
        }
    }
    grid(&header, &body, markdown)
}

/// One row per stage (in cairn's order), one column per size, in milliseconds.
fn stage_table(rows: &[Row], markdown: bool) -> String {
    let mut names: Vec<&str> = Vec::new();
    for r in rows {
        for (stage, _) in &r.build.stages {
            if !names.contains(&stage.as_str()) {
                names.push(stage);
            }
        }
    }
    let mut header = vec!["stage (ms)".to_string()];
    header.extend(rows.iter().map(|r| format!("{} items", r.items)));
    let mut body: Vec<Vec<String>> = names
        .iter()
        .map(|name| {
            let mut line = vec![name.to_string()];
            for r in rows {
                let ms = r
                    .build
                    .stages
                    .iter()
                    .find(|(s, _)| s == name)
                    .map(|(_, ms)| *ms);
                line.push(ms.map_or("".into(), |ms| format!("{ms:.0}")));
            }
            line
        })
        .collect();
    let mut total = vec!["sum of stages".to_string()];
    total.extend(rows.iter().map(|r| {
        format!(
            "{:.0}",
            r.build.stages.iter().map(|(_, ms)| ms).sum::<f64>()
        )
    }));
    body.push(total);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    grid(&header, &body, markdown)
}

/// For each pair of sizes ten times apart, how much more time and memory the larger
/// took: 10× is linear.
fn scaling(rows: &[Row]) -> String {
    let mut out = String::new();
    for a in rows {
        for b in rows.iter().filter(|b| b.items == a.items * 10) {
            out.push_str(&format!(
                "{} / {} items: build wall {:.1}×, CPU {:.1}×, peak RSS {:.1}×, \
                 floor {:.1}× (linear: 10×)\n",
                b.items,
                a.items,
                ratio(b.build.wall, a.build.wall),
                ratio(b.build.cpu, a.build.cpu),
                b.build.peak_rss as f64 / a.build.peak_rss.max(1) as f64,
                ratio(b.floor.wall, a.floor.wall),
            ));
        }
    }
    out
}

/// An aligned text table, or a Markdown one: the first column (the row's name) is
/// left-aligned, the figures right-aligned.
fn grid(header: &[&str], body: &[Vec<String>], markdown: bool) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[&str]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i == 0 {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        match markdown {
            true => format!("| {} |\n", padded.join(" | ")),
            false => format!("{}\n", padded.join("  ")),
        }
    };
    let mut out = line(header);
    if markdown {
        let rules: Vec<String> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| match i {
                0 => format!(":{}", "-".repeat(w - 1)),
                _ => format!("{}:", "-".repeat(w - 1)),
            })
            .collect();
        out.push_str(&format!("| {} |\n", rules.join(" | ")));
    }
    for row in body {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        out.push_str(&line(&cells));
    }
    out
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}
