//! Beside stage "search", for `examples/bench` and docs/BENCHMARKS.md: which files a member's first
//! query fetches, found the way `search.js` finds them, for queries drawn from the
//! site's own titles. The bench gzips them, as a static host would serve them. Also
//! the words of the term dictionary, which the bench and the typing tests draw from.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::index::{FRAGMENTS_PER_FILE, fnv, fragment_path};
use super::tokenize::{self, is_cjk};

/// Results the page looks at first: the ten it shows, and one more to know whether
/// there are more (`want + 1` in page.js).
const FIRST_PAGE: usize = 11;

/// Up to `count` queries, one from each of evenly spaced pages: the first two to four
/// characters of a Chinese title, else its first word of three letters or more.
pub fn sample_queries(out: &Path, count: usize) -> Vec<String> {
    // Fragment files sit in folders of FRAGMENTS_PER_FOLDER; count what is there (the
    // last file may hold fewer pages: `fragment` finds none past the end).
    let files: usize = std::fs::read_dir(out.join("search/f")).map_or(0, |folders| {
        folders
            .flatten()
            .map(|f| std::fs::read_dir(f.path()).map_or(0, |d| d.count()))
            .sum()
    });
    let docs = files * FRAGMENTS_PER_FILE;
    let step = (docs / count.max(1)).max(1);
    (0..docs)
        .step_by(step)
        .take(count)
        .filter_map(|id| {
            let fragment = fragment(out, id)?;
            title_query(fragment["t"].as_str()?, id)
        })
        .collect()
}

fn title_query(title: &str, seed: usize) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    if let Some(start) = chars.iter().position(|c| is_cjk(*c)) {
        let run = chars[start..].iter().take_while(|c| is_cjk(**c)).count();
        let len = (2 + seed % 3).min(run);
        return Some(chars[start..start + len].iter().collect());
    }
    title
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.chars().count() >= 3)
        .map(str::to_string)
}

/// The files a first query for `query` downloads: the script, the folding table, the
/// shards of its terms and the fragments of the first page of results. (A phrase
/// check that rejects a candidate costs one more fragment; that is not counted.)
pub fn first_query_files(out: &Path, query: &str) -> Vec<PathBuf> {
    let search = out.join("search");
    let mut files = vec![search.join("search.js"), search.join("fold.json")];
    let shards = std::fs::read_dir(search.join("s"))
        .map_or(1, |d| d.count())
        .max(1);
    let mut lists: Vec<Vec<u64>> = Vec::new();
    for term in tokenize::query_terms(query) {
        let shard = search.join(format!(
            "s/{}.json.gz",
            fnv(term.as_bytes()) as usize % shards
        ));
        if !files.contains(&shard) {
            files.push(shard.clone());
        }
        let entry = read_json(&shard)
            .and_then(|s| serde_json::from_value::<Vec<u64>>(s.get(&term)?.clone()).ok());
        match entry {
            Some(e) => lists.push(e),
            None => return files,
        }
    }
    for value in first_page(&lists) {
        let file = out.join(fragment_path(value as usize / 8));
        if !files.contains(&file) {
            files.push(file);
        }
    }
    files
}

/// Page `id`'s fragment, from the file it shares with its neighbours.
fn fragment(out: &Path, id: usize) -> Option<serde_json::Value> {
    let mut file = read_json(&out.join(fragment_path(id)))?;
    Some(file.get_mut(id % FRAGMENTS_PER_FILE)?.take())
}

/// `rank` of `search.js`, by relevance: candidates from the rarest list, scored by the
/// sum over all lists, dropped when a fully loaded list lacks them.
fn first_page(lists: &[Vec<u64>]) -> Vec<u64> {
    let Some(driver) = lists.iter().min_by_key(|l| l[0]) else {
        return Vec::new();
    };
    let maps: Vec<(bool, u64, HashMap<u64, u64>)> = lists
        .iter()
        .map(|l| {
            let pairs: HashMap<u64, u64> = l[2..].chunks(2).map(|p| (p[0], p[1])).collect();
            let floor = l.last().copied().unwrap_or(0);
            (pairs.len() as u64 >= l[0], floor, pairs)
        })
        .collect();
    let mut ranked: Vec<(u64, u64)> = driver[2..]
        .chunks(2)
        .filter_map(|p| {
            let mut score = 0;
            for (complete, floor, pairs) in &maps {
                match pairs.get(&p[0]) {
                    Some(s) => score += s,
                    None if *complete => return None,
                    None => score += floor,
                }
            }
            Some((p[0], score))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(FIRST_PAGE).map(|r| r.0).collect()
}

/// Every word of the built site's term dictionary (`search/d.json` and its blocks
/// `search/d/<n>.json`, entries `[word, term, df]`) with the number of pages holding
/// it, in dictionary order; empty when the site has no dictionary.
pub fn dictionary(out: &Path) -> Vec<(String, u64)> {
    let blocks = read_json(&out.join("search/d.json"))
        .and_then(|v| v.as_array().map(Vec::len))
        .unwrap_or(0);
    let mut words = Vec::new();
    for n in 0..blocks {
        let Some(block) = read_json(&out.join(format!("search/d/{n}.json.gz"))) else {
            continue;
        };
        for e in block
            .as_array()
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .chunks(3)
        {
            if let (Some(word), Some(df)) = (e[0].as_str(), e.get(2).and_then(|d| d.as_u64())) {
                words.push((word.to_string(), df));
            }
        }
    }
    words
}

fn read_json(path: &Path) -> Option<serde_json::Value> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&super::as_read(&path.to_string_lossy(), &bytes)?).ok()
}
