//! Tests of stage "search"'s index: scores, shards, overflow chunks, fragments and the
//! bytes of each file, built in memory.

use std::collections::HashMap;
use std::sync::Mutex;

use super::*;

fn doc(url: &str, title: &str, text: &str) -> SearchDoc<'static> {
    SearchDoc {
        kind: DocKind::Qa,
        url: url.into(),
        title: title.into(),
        date: "2025-01-01".into(),
        tags: Vec::new(),
        people: Vec::new(),
        headings: Vec::new(),
        text: text.to_string().into(),
        answers: Vec::new(),
    }
}

/// Builds `docs` into memory: file name → JSON.
fn build_in_memory(docs: Vec<SearchDoc<'_>>) -> (SearchIndex, HashMap<String, serde_json::Value>) {
    let files = Mutex::new(HashMap::new());
    let sink = |name: &str, bytes: &[u8]| {
        let value = serde_json::from_slice(&crate::search::as_read(name, bytes).unwrap()).unwrap();
        files.lock().unwrap().insert(name.to_string(), value);
        Ok(())
    };
    let index = build(docs, &sink).unwrap();
    (index, files.into_inner().unwrap())
}

/// A term's `[df, overflow, value, score, …]` entry.
fn entry(files: &HashMap<String, serde_json::Value>, index: &SearchIndex, term: &str) -> Vec<u64> {
    let shard = &files[&format!(
        "search/s/{}.json.gz",
        fnv(term.as_bytes()) as usize % index.shards
    )];
    serde_json::from_value(shard[term].clone()).unwrap()
}

fn url_of(files: &HashMap<String, serde_json::Value>, value: u64) -> String {
    let id = value as usize / 8;
    files[&fragment_path(id)][id % FRAGMENTS_PER_FILE]["u"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn packed_postings_sort_best_then_newest() {
    let mut p = vec![posting(9, 1), posting(2, 7), posting(5, 7), posting(1, 0)];
    p.sort_unstable();
    let unpacked: Vec<(u64, u64)> = p.into_iter().map(unpack).collect();
    assert_eq!(unpacked, [(2, 7), (5, 7), (9, 1), (1, 0)]);
}

#[test]
fn a_title_match_outranks_a_body_match() {
    let (index, files) = build_in_memory(vec![
        doc("/body/", "其他话题", "这里顺便提到了数据库的备份"),
        doc("/title/", "数据库备份", "一些别的内容"),
    ]);
    let e = entry(&files, &index, "数据");
    assert_eq!(e[0], 2, "df");
    assert_eq!(url_of(&files, e[2]), "/title/");
    assert!(e[3] > e[5], "title score {} > body score {}", e[3], e[5]);
}

#[test]
fn rarer_terms_score_higher() {
    let mut docs: Vec<SearchDoc<'_>> = (0..20)
        .map(|i| doc(&format!("/{i}/"), "note", "common words here"))
        .collect();
    docs.push(doc(
        "/rare/",
        "note",
        "common words here and a rare kubernetes",
    ));
    let (index, files) = build_in_memory(docs);
    let common = entry(&files, &index, "common");
    let rare = entry(&files, &index, "kubernet");
    assert_eq!((common[0], rare[0]), (21, 1));
    assert!(rare[3] > common[3]);
}

/// A shard's terms share its overflow files: one per depth, not one per term and depth.
#[test]
fn the_terms_of_a_shard_share_its_overflow_files() {
    let docs: Vec<SearchDoc<'_>> = (0..HEAD_POSTINGS + 5)
        .map(|i| doc(&format!("/{i}/"), "x", "harbour lantern meadow orchard"))
        .collect();
    let (index, files) = build_in_memory(docs);
    let mut shards = std::collections::BTreeSet::new();
    for term in ["harbour", "lantern", "meadow", "orchard"] {
        let e = entry(&files, &index, term);
        let shard = fnv(term.as_bytes()) as usize % index.shards;
        assert_eq!(e[1] as usize, shard + 1, "{term}");
        let chunk = &files[&format!("search/o/{shard}-1.json.gz")][term];
        assert_eq!(
            chunk.as_array().map(Vec::len),
            Some(10),
            "{term}: 5 postings"
        );
        shards.insert(shard);
    }
    let overflow_files = files.keys().filter(|f| f.starts_with("search/o/")).count();
    assert_eq!(
        overflow_files,
        shards.len(),
        "one file per shard at depth 1"
    );
    assert!(
        shards.len() < 4,
        "some terms share a shard, and so a file: {shards:?}"
    );
}

#[test]
fn long_postings_overflow_into_chunks_best_first() {
    let docs: Vec<SearchDoc<'_>> = (0..HEAD_POSTINGS + 5)
        .map(|i| doc(&format!("/{i}/"), "x", &"word ".repeat(1 + i % 7)))
        .collect();
    let (index, files) = build_in_memory(docs);
    let e = entry(&files, &index, "word");
    assert_eq!(e[0] as usize, HEAD_POSTINGS + 5);
    assert_eq!((e.len() - 2) / 2, HEAD_POSTINGS);
    let shard = fnv(b"word") as usize % index.shards;
    assert_eq!(
        e[1] as usize,
        shard + 1,
        "overflow names the shard, plus one"
    );
    let level = &files[&format!("search/o/{shard}-1.json.gz")];
    let chunk: Vec<u64> = serde_json::from_value(level["word"].clone()).unwrap();
    assert_eq!(chunk.len() / 2, 5);
    let head: Vec<u64> = e[2..].iter().skip(1).step_by(2).copied().collect();
    assert!(
        head.windows(2).all(|w| w[0] >= w[1]),
        "the head is best first"
    );
    let overflow: Vec<u64> = chunk.iter().skip(1).step_by(2).copied().collect();
    assert!(
        overflow.iter().all(|s| s <= head.last().unwrap()),
        "the overflow comes after"
    );
    let mut value = 0;
    let values: Vec<u64> = chunk
        .iter()
        .step_by(2)
        .map(|d| {
            value += d;
            value
        })
        .collect();
    let head_values: Vec<u64> = e[2..].iter().step_by(2).copied().collect();
    assert_eq!(values.len(), 5);
    assert!(
        values.windows(2).all(|w| w[0] < w[1]),
        "deltas decode in order"
    );
    assert!(
        values
            .iter()
            .all(|v| !head_values.contains(v) && v % 8 == 0 && v / 8 < 305)
    );
}

#[test]
fn search_js_looks_for_fragments_where_they_are_written() {
    for line in [
        format!("const FRAGMENTS_PER_FOLDER = {FRAGMENTS_PER_FOLDER};"),
        format!("const FRAGMENTS_PER_FILE = {FRAGMENTS_PER_FILE};"),
    ] {
        assert!(crate::search::SCRIPT.contains(&line), "{line} in search.js");
    }
    assert_eq!(FRAGMENTS_PER_FILE, 3);
    assert_eq!(fragment_path(0), "search/f/0/0.json.gz");
    assert_eq!(fragment_path(2), "search/f/0/0.json.gz");
    assert_eq!(fragment_path(3), "search/f/0/1.json.gz");
    let last_of_folder = FRAGMENTS_PER_FOLDER * FRAGMENTS_PER_FILE;
    assert_eq!(
        fragment_path(last_of_folder - 1),
        format!("search/f/0/{}.json.gz", FRAGMENTS_PER_FOLDER - 1)
    );
    assert_eq!(
        fragment_path(last_of_folder + 5),
        format!("search/f/1/{}.json.gz", FRAGMENTS_PER_FOLDER + 1)
    );
}

#[test]
fn ids_go_newest_first_and_carry_the_kind() {
    let mut old = doc("/old/", "a", "shared");
    old.date = "2020-01-01".into();
    let mut talk = doc("/new/", "b", "shared");
    talk.kind = DocKind::Talk;
    talk.date = "2026-01-01".into();
    let (index, files) = build_in_memory(vec![old, talk]);
    assert_eq!(url_of(&files, 0), "/new/");
    let e = entry(&files, &index, "share");
    let values: Vec<u64> = e[2..].iter().step_by(2).copied().collect();
    assert!(values.contains(&2), "id 0, kind talk (2): {values:?}");
    assert!(values.contains(&8), "id 1, kind qa (0): {values:?}");
}

#[test]
fn filters_are_terms_and_folds_ship_only_what_is_used() {
    let mut d = doc("/a/", "後來", "text");
    d.tags = vec![("数据库".into(), "shu-ju-ku".into())];
    d.people = vec![
        ("张伟".into(), Some("zhangwei".into())),
        ("Guest".into(), None),
    ];
    let (index, files) = build_in_memory(vec![d]);
    assert_eq!(entry(&files, &index, "t:shu-ju-ku")[..4], [1, 0, 0, 0]);
    assert_eq!(entry(&files, &index, "m:zhangwei")[0], 1);
    let folds = files["search/fold.json"].as_str().unwrap().to_string();
    assert!(folds.contains("後后") && folds.contains("來来"), "{folds}");
    assert!(!folds.contains("資"), "資 folds to 资, which no page uses");
}
