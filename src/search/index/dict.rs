//! Stage "search", part 3b: the term dictionary. Every word the index knows (not CJK
//! characters, which are terms already, nor filters), as members typed it and as it
//! is indexed, sorted and cut into blocks, so that the browser can expand a half-typed
//! word or correct a typo by fetching a block or two, never the whole vocabulary.
//! Layout in docs/SEARCH.md.

use super::files::{Json, Written, put};
use super::*;

/// What a dictionary block should weigh, uncompressed: a prefix or a typo fetches one
/// or two.
pub const TARGET_BLOCK_BYTES: usize = 8 * 1024;

/// One dictionary entry: the word as typed (lowercased), its term, and the term's
/// number of pages (the browser expands a prefix to the most frequent words first).
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry<'a> {
    word: &'a str,
    term: &'a str,
    df: usize,
}

/// `search/d.json` (the first word of each block) and `search/d/<n>.json.gz` (each block:
/// `[word, term or "" when it is the word, df, …]`, sorted by word).
pub(super) fn write_dictionary(
    terms: &[(String, Vec<Posting>)],
    surfaces: &[(Box<str>, Box<str>)],
    sink: Sink,
) -> Result<Vec<Written>, crate::Error> {
    let entries = entries(terms, surfaces);
    let mut written = Vec::new();
    let mut firsts: Vec<&str> = Vec::new();
    let mut block = Json(Vec::new());
    for (i, e) in entries.iter().enumerate() {
        if block.0.is_empty() {
            firsts.push(e.word);
            block.0.push(b'[');
        } else {
            block.0.push(b',');
        }
        block.string(e.word);
        block.0.push(b',');
        block.string(if e.term == e.word { "" } else { e.term });
        block.0.push(b',');
        block.number(e.df as u64);
        if block.0.len() >= TARGET_BLOCK_BYTES || i + 1 == entries.len() {
            block.0.push(b']');
            let name = format!("search/d/{}.json.gz", firsts.len() - 1);
            written.push(put(sink, &name, &block.0)?);
            block.0.clear();
        }
    }
    let index = serde_json::to_vec(&firsts).expect("strings always serialize");
    written.push(put(sink, "search/d.json", &index)?);
    Ok(written)
}

/// Every word term as itself, and every typed form that differs from its term, each
/// with the term's page count; sorted by word, each (word, term) once.
fn entries<'a>(
    terms: &'a [(String, Vec<Posting>)],
    surfaces: &'a [(Box<str>, Box<str>)],
) -> Vec<Entry<'a>> {
    let is_word = |t: &str| {
        t.chars()
            .next()
            .is_some_and(|c| !tokenize::is_cjk(c) && !t.contains(':'))
    };
    let mut entries: Vec<Entry> = terms
        .iter()
        .filter(|(t, _)| is_word(t))
        .map(|(t, p)| Entry {
            word: t,
            term: t,
            df: p.len(),
        })
        .collect();
    // `terms` is sorted by term: a typed form finds its term's page count by search.
    for (word, term) in surfaces {
        if let Ok(i) = terms.binary_search_by(|(t, _)| t.as_str().cmp(term)) {
            entries.push(Entry {
                word,
                term: &terms[i].0,
                df: terms[i].1.len(),
            });
        }
    }
    entries.sort_unstable();
    entries.dedup_by(|a, b| a.word == b.word && a.term == b.term);
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms_point_at_their_terms_in_word_order() {
        let terms: Vec<(String, Vec<Posting>)> = vec![
            ("export".into(), vec![posting(8, 1), posting(16, 1)]),
            ("t:rust".into(), vec![posting(8, 0)]),
            ("数据".into(), vec![posting(8, 1)]),
        ];
        let surfaces: Vec<(Box<str>, Box<str>)> = vec![
            ("exporting".into(), "export".into()),
            ("exports".into(), "export".into()),
            ("exporting".into(), "export".into()),
        ];
        let words: Vec<(&str, &str, usize)> = entries(&terms, &surfaces)
            .iter()
            .map(|e| (e.word, e.term, e.df))
            .collect();
        assert_eq!(
            words,
            [
                ("export", "export", 2),
                ("exporting", "export", 2),
                ("exports", "export", 2)
            ]
        );
        let files = std::sync::Mutex::new(Vec::new());
        let sink = |name: &str, bytes: &[u8]| {
            files.lock().unwrap().push((
                name.to_string(),
                crate::search::as_read(name, bytes).unwrap().to_vec(),
            ));
            Ok(())
        };
        write_dictionary(&terms, &surfaces, &sink).unwrap();
        let files = files.into_inner().unwrap();
        assert_eq!(files[0].0, "search/d/0.json.gz");
        assert_eq!(
            String::from_utf8_lossy(&files[0].1),
            r#"["export","",2,"exporting","export",2,"exports","export",2]"#
        );
        assert_eq!(
            (files[1].0.as_str(), &files[1].1[..]),
            ("search/d.json", &br#"["export"]"#[..])
        );
    }
}
