//! The floor: the least work any generator must do on a corpus — read every Markdown
//! file and render its body with pulldown-cmark and arborium (through cairn's own
//! `code_block`, so the highlighting is identical) on all cores. A full build is judged
//! against it: everything above the floor is cairn's own overhead.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use super::measure::{cpu_time, rusage};

pub struct Floor {
    pub wall: Duration,
    /// User + system time of this process's threads during the floor.
    pub cpu: Duration,
    pub files: usize,
    pub html_bytes: u64,
}

/// Renders every `.md` file under `root/content`.
pub fn floor(root: &Path) -> Floor {
    let files = markdown_files(&root.join("content"));
    timed(files.len(), || {
        files.par_iter().map(|f| render_file(f)).sum()
    })
}

/// Runs `work` (which returns the bytes it made) and times it, wall and CPU.
fn timed(files: usize, work: impl FnOnce() -> u64) -> Floor {
    let before = rusage(libc::RUSAGE_SELF);
    let started = Instant::now();
    let html_bytes = work();
    let wall = started.elapsed();
    let cpu = cpu_time(&rusage(libc::RUSAGE_SELF)) - cpu_time(&before);
    Floor {
        wall,
        cpu,
        files,
        html_bytes,
    }
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect()
}

/// Reads one file, renders its body, and returns the HTML's length (so the work cannot
/// be optimised away).
fn render_file(path: &Path) -> u64 {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let body = cairn::content::frontmatter::split(&text).map_or(text.as_str(), |s| s.body);
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(
        &mut html,
        highlighted(Parser::new_ext(body, cairn::markdown::parser_options())),
    );
    html.len() as u64
}

/// Replaces each fenced code block's events by one HTML event from cairn's highlighter.
fn highlighted<'a>(parser: Parser<'a>) -> impl Iterator<Item = Event<'a>> {
    let mut code: Option<(String, String)> = None;
    parser.filter_map(move |event| match (&mut code, event) {
        (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang)))) => {
            code = Some((lang.to_string(), String::new()));
            None
        }
        (Some((_, text)), Event::Text(t)) => {
            text.push_str(&t);
            None
        }
        (Some(_), Event::End(TagEnd::CodeBlock)) => {
            let (lang, text) = code.take().unwrap_or_default();
            let html = cairn::markdown::highlight::code_block(&lang, &text, true);
            Some(Event::Html(CowStr::from(html)))
        }
        (_, event) => Some(event),
    })
}

/// The writing floor: the least work to put the build's output on disk. Every file of
/// the finished output `out` is read into memory first (not timed); then the same
/// files, with the same bytes and folders, are written into the fresh folder `dest` on
/// all cores, created the way cairn's staging creates them. No generator can write its
/// output for less; `floor` + this is what a build cannot go below.
pub fn write_floor(out: &Path, dest: &Path) -> Result<Floor, String> {
    let files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap_or(e.path()).to_path_buf();
            (rel, std::fs::read(e.path()).unwrap_or_default())
        })
        .collect();
    super::quiet_disk();
    let failed = std::sync::Mutex::new(None);
    let floor = timed(files.len(), || {
        files
            .par_iter()
            .map(|(rel, bytes)| {
                let path = dest.join(rel);
                write_new(&path, bytes).unwrap_or_else(|e| {
                    *failed.lock().unwrap() = Some(format!("{}: {e}", path.display()));
                    0
                })
            })
            .sum()
    });
    // A full disk (or, as happened here, a file system out of inodes) would otherwise
    // time a partial copy and report it as the floor.
    match failed.into_inner().unwrap() {
        Some(e) => Err(format!("the writing floor could not write {e}")),
        None => Ok(floor),
    }
}

/// Creates `path` as cairn's staging does (`output::create_fresh`) and writes `bytes`;
/// returns their count.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<u64> {
    use std::io::Write;
    cairn::output::create_fresh(path)?.write_all(bytes)?;
    Ok(bytes.len() as u64)
}
