//! The benchmark corpus generator (`examples/corpus`): the same seed gives the same
//! bytes, another seed other bytes, and what it writes is a site `cairn build` accepts
//! with no error and no warning. No timings here: those are the bench's job.

#[path = "../../examples/corpus/generator.rs"]
pub mod generator;

use std::path::Path;

use assert_cmd::Command;

use crate::{NOW, snapshot_tree};

fn generate(dir: &Path, items: usize, seed: u64) -> Vec<(String, Vec<u8>)> {
    let stats = generator::generate(dir, items, seed).unwrap();
    let tree = snapshot_tree(dir);
    assert_eq!(tree.len(), stats.files);
    assert!(stats.bytes > items as u64 * 800, "items are 1–4 KB");
    tree
}

/// The first path whose bytes differ, for a readable failure instead of a megabyte diff.
fn first_difference(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) -> Option<String> {
    if a.len() != b.len() {
        return Some(format!("{} files vs {}", a.len(), b.len()));
    }
    a.iter()
        .zip(b)
        .find(|(x, y)| x != y)
        .map(|(x, _)| x.0.clone())
}

#[test]
fn the_corpus_is_deterministic_from_its_seed() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    // `a` first holds a larger corpus: regenerating must leave none of its files behind.
    generate(a.path(), 90, 7);
    let first = generate(a.path(), 60, 7);
    let again = generate(b.path(), 60, 7);
    assert_eq!(first_difference(&first, &again), None);
    let other = generate(c.path(), 60, 8);
    assert!(
        first_difference(&first, &other).is_some(),
        "seed 8 gave seed 7's files"
    );
    let marker = std::fs::read_to_string(a.path().join(generator::MARKER)).unwrap();
    assert_eq!(marker, generator::marker(60, 7));
}

#[test]
fn the_corpus_generator_refuses_a_folder_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "mine").unwrap();
    assert!(generator::generate(dir.path(), 10, 1).is_err());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.md")).unwrap(),
        "mine"
    );
}

#[test]
fn a_generated_corpus_builds_without_errors_or_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let tree = generate(dir.path(), 60, 1);
    let out = dir.path().join("public");
    let output = Command::cargo_bin("cairn")
        .unwrap()
        .arg("--root")
        .arg(dir.path())
        .args(["build", "--now", NOW])
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "build failed:\n{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    // Every item of every kind is published.
    for (path, _) in tree.iter().filter(|(p, _)| p.ends_with(".md")) {
        let Some(rest) = path.strip_prefix("content/") else {
            continue;
        };
        let Some((kind, file)) = rest.split_once('/') else {
            continue;
        };
        if ["qa", "solutions", "talks", "members"].contains(&kind) {
            let page = out
                .join(kind)
                .join(file.trim_end_matches(".md"))
                .join("index.html");
            assert!(page.is_file(), "{path} has no page");
        }
    }
}
