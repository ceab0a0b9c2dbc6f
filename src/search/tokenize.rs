//! Stage "search", part 1: the search tokenizer (DESIGN §7). The browser runs the same rules
//! in `search.js`; `tests/it/search.rs` feeds both a shared list of strings and
//! requires identical tokens, so change one only together with the other.
//!
//! The rules, in order: NFKC; Traditional→Simplified folding per character (OpenCC's
//! tables, `fold.txt`); then the text splits into runs. A run of CJK characters gives
//! every character and every overlapping pair. A run of letters, digits and `_` gives
//! the whole word and, when it has several, its parts (`snake_case`, `camelCase`,
//! `HTTPServer`, `utf8`); each is lowercased and, when it is plain ASCII letters,
//! stemmed with Snowball English. Everything else separates runs.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Longer words (hashes, base64, minified code) are not worth an index entry.
pub const MAX_WORD_CHARS: usize = 40;

/// `fold.txt`: one `traditional<TAB>simplified` pair per line.
const FOLD_TABLE: &str = include_str!("fold.txt");

/// Traditional → Simplified, one character to one character.
pub fn fold_table() -> &'static FxHashMap<char, char> {
    &folding().pairs
}

/// One character folded to Simplified, or itself.
pub fn fold_char(c: char) -> char {
    folding().fold(c)
}

/// The folding pairs, and one bit per character saying whether it has one: most
/// characters have none, and testing the bit costs less than the hash lookup.
struct Folding {
    pairs: FxHashMap<char, char>,
    folds: Vec<u64>,
}

impl Folding {
    fn fold(&self, c: char) -> char {
        let i = c as usize;
        match self.folds.get(i / 64) {
            Some(bits) if bits >> (i % 64) & 1 == 1 => self.pairs[&c],
            _ => c,
        }
    }
}

fn folding() -> &'static Folding {
    static FOLDING: OnceLock<Folding> = OnceLock::new();
    FOLDING.get_or_init(|| {
        let pairs: FxHashMap<char, char> = FOLD_TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut chars = l.chars();
                let from = chars.next()?;
                let _tab = chars.next()?;
                Some((from, chars.next()?))
            })
            .collect();
        let last = pairs.keys().map(|c| *c as usize).max().unwrap_or(0);
        let mut folds = vec![0u64; last / 64 + 1];
        for c in pairs.keys() {
            folds[*c as usize / 64] |= 1 << (*c as usize % 64);
        }
        Folding { pairs, folds }
    })
}

/// Text as the index sees it before splitting: NFKC, then folded to Simplified.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_normalized_char(text, |c| out.push(c));
    out
}

/// Calls `emit` with every character of `normalize(text)`. Most characters are
/// ASCII or stable (NFKC quick check Yes, combining class 0): nothing before can
/// compose with them, so NFKC of the text is NFKC of each segment that starts at one,
/// and a segment of a single stable character is that character. Full-width ASCII
/// (`，`, `？`, `Ｒ`) starts a segment too: it becomes one stable ASCII character.
/// Only segments with something else in them (ligatures, combining marks) go through
/// the full normalizer, which costs several table lookups per character.
fn each_normalized_char(text: &str, mut emit: impl FnMut(char)) {
    if text.is_ascii() {
        return text.chars().for_each(emit);
    }
    let folding = folding();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > start && starts_segment(c) {
            normalize_segment(&text[start..i], folding, &mut emit);
            start = i;
        }
    }
    normalize_segment(&text[start..], folding, &mut emit);
}

fn normalize_segment(segment: &str, folding: &Folding, emit: &mut impl FnMut(char)) {
    let mut chars = segment.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_stable(c) => emit(folding.fold(c)),
        (Some(c), None) if is_full_width_ascii(c) => {
            emit(char::from_u32(c as u32 - 0xFEE0).expect("full-width ASCII maps to ASCII"))
        }
        _ => segment.nfkc().for_each(|c| emit(folding.fold(c))),
    }
}

fn starts_segment(c: char) -> bool {
    is_stable(c) || is_full_width_ascii(c)
}

/// NFKC leaves the character alone and nothing before it can compose with it: a safe
/// place to cut the text before normalizing (UAX #15, "stable code points").
fn is_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c as u32, 0x4E00..=0x9FFF) // CJK unified ideographs: the bulk of Chinese text
        || (canonical_combining_class(c) == 0
            && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// U+FF01–U+FF5E, whose NFKC is U+0021–U+007E.
fn is_full_width_ascii(c: char) -> bool {
    matches!(c as u32, 0xFF01..=0xFF5E)
}

/// Han, kana and Hangul: scripts written without spaces, indexed by characters and pairs.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF          // Hangul Jamo
        | 0x3005..=0x3007        // 々 〆 〇
        | 0x3040..=0x30FF        // Hiragana, Katakana
        | 0x3130..=0x318F        // Hangul compatibility Jamo
        | 0x31F0..=0x31FF        // Katakana phonetic extensions
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xAC00..=0xD7AF        // Hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0x20000..=0x3134F) // CJK extensions B–G
}

/// Letters and digits of every other script, and `_`, which joins identifier parts.
fn is_word_char(c: char) -> bool {
    c == '_' || (c.is_alphanumeric() && !is_cjk(c))
}

/// The tokens of `text`, in order, repeats kept (the index counts them).
pub fn tokenize(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    Tokenizer::default().each_token(text, |t| tokens.push(t.to_string()));
    tokens
}

/// Tokenizes many texts, reusing what it learns. Lowercasing, splitting and stemming a
/// word cost more than all the rest, and pages repeat a small vocabulary, so each
/// distinct word run is worked out once and its tokens are remembered.
#[derive(Default)]
pub struct Tokenizer {
    /// The normalized characters of the text at hand (kept for its capacity).
    chars: Vec<char>,
    /// The run being looked up, as a string.
    run: String,
    /// Word run → its tokens, in order.
    words: StrMap<Box<[Box<str>]>>,
    /// Lowercased words whose token differs from them (`exporting` → `export`), met
    /// while the word cache missed: the term dictionary lets the browser expand a
    /// half-typed word by what members typed, not by stems. May hold repeats.
    pub surfaces: Vec<(Box<str>, Box<str>)>,
}

/// The word cache is cleared when it grows this large, which bounds its memory on
/// text full of one-off words (hashes, generated identifiers).
const MAX_CACHED_WORDS: usize = 1 << 16;

impl Tokenizer {
    /// Calls `emit` with every token of `text` (normalized here), as [`tokenize`]
    /// gives them. Tokens are lent, not given: the index counts repeats without
    /// allocating a string for each.
    pub fn each_token(&mut self, text: &str, mut emit: impl FnMut(&str)) {
        let mut chars = std::mem::take(&mut self.chars);
        chars.clear();
        each_normalized_char(text, |c| chars.push(c));
        each_run_of_chars(&chars, |run, cjk| {
            if cjk {
                cjk_run(run, &mut emit);
            } else {
                self.word_run(run, &mut emit);
            }
        });
        self.chars = chars;
    }

    /// [`word_run`], remembered.
    fn word_run(&mut self, run: &[char], emit: &mut impl FnMut(&str)) {
        self.run.clear();
        self.run.extend(run);
        if let Some(tokens) = self.words.get(&self.run) {
            return tokens.iter().for_each(|t| emit(t));
        }
        let mut tokens = Vec::new();
        let surfaces = &mut self.surfaces;
        word_run_with(run, &mut |lower, t| {
            if lower != t {
                surfaces.push((lower.into(), t.into()));
            }
            tokens.push(Box::from(t));
        });
        tokens.iter().for_each(|t| emit(t));
        if self.words.len() >= MAX_CACHED_WORDS {
            self.words.clear();
        }
        self.words.insert(&self.run, tokens.into());
    }
}

/// A hash map from strings that are nearly all short: a CJK pair is 6 bytes, and most
/// words are under 16. Such a key is packed with its length into one integer, which
/// hashes in two steps and compares in one; a string key costs a hash over its bytes
/// and a `memcmp` call on every lookup, and lookups run once per token.
pub(crate) struct StrMap<V> {
    short: FxHashMap<u128, V>,
    long: FxHashMap<Box<str>, V>,
}

impl<V> Default for StrMap<V> {
    fn default() -> Self {
        StrMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V> StrMap<V> {
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        match pack(key) {
            Some(k) => self.short.get(&k),
            None => self.long.get(key),
        }
    }

    pub(crate) fn insert(&mut self, key: &str, value: V) {
        match pack(key) {
            Some(k) => self.short.insert(k, value),
            None => self.long.insert(key.into(), value),
        };
    }

    pub(crate) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// The bytes of a string under 16 bytes, and its length in the top byte.
fn pack(key: &str) -> Option<u128> {
    let bytes = key.as_bytes();
    // Shifts, not `copy_from_slice`: a copy of variable length is a `memcpy` call.
    (bytes.len() < 16).then(|| {
        let packed = bytes
            .iter()
            .rev()
            .fold(0u128, |k, b| k << 8 | u128::from(*b));
        packed | (bytes.len() as u128) << 120
    })
}

/// The terms a query asks for, as `search.js` parses it: a CJK run by its pairs (a
/// single character by itself), words as in the index. Each term once.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut add = |t: &str| {
        if !terms.iter().any(|known| known == t) {
            terms.push(t.to_string());
        }
    };
    each_run(&normalize(query), |run, cjk| {
        if !cjk {
            word_run(run, &mut add);
        } else if run.len() == 1 {
            add(&run[0].to_string());
        } else {
            run.windows(2)
                .for_each(|w| add(&w.iter().collect::<String>()));
        }
    });
    terms
}

/// Calls `run` with each CJK run (`true`) and each word run (`false`) of `text`;
/// everything else only separates runs.
fn each_run(text: &str, run: impl FnMut(&[char], bool)) {
    let chars: Vec<char> = text.chars().collect();
    each_run_of_chars(&chars, run);
}

fn each_run_of_chars(chars: &[char], mut run: impl FnMut(&[char], bool)) {
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let cjk = is_cjk(chars[i]);
        // A plain test rather than a function pointer: this runs for every character.
        let in_run = |c: char| if cjk { is_cjk(c) } else { is_word_char(c) };
        if !in_run(chars[i]) {
            i += 1;
            continue;
        }
        while i < chars.len() && in_run(chars[i]) {
            i += 1;
        }
        run(&chars[start..i], cjk);
    }
}

/// 数据库 → 数, 数据, 据, 据库, 库.
fn cjk_run(run: &[char], emit: &mut impl FnMut(&str)) {
    let mut token = String::with_capacity(8);
    for (i, c) in run.iter().enumerate() {
        token.clear();
        token.push(*c);
        emit(&token);
        if let Some(next) = run.get(i + 1) {
            token.push(*next);
            emit(&token);
        }
    }
}

/// `parseHTTPRequest_v2` → the whole word, then parse, http, request, v, 2.
fn word_run(run: &[char], emit: &mut impl FnMut(&str)) {
    word_run_with(run, &mut |_, t| emit(t));
}

/// [`word_run`], also handing over each word lowercased, before stemming.
fn word_run_with(run: &[char], emit: &mut impl FnMut(&str, &str)) {
    let parts = word_parts(run);
    let whole: String = run.iter().filter(|c| **c != '_').collect();
    if whole.is_empty() {
        return;
    }
    emit_word(&whole, emit);
    if parts.len() > 1 {
        for part in parts {
            emit_word(&part.iter().collect::<String>(), emit);
        }
    }
}

/// Splits at `_`, lower→Upper, the last capital of a capital run before a lowercase
/// letter (`HTTPServer` → HTTP, Server), and letter↔digit.
fn word_parts(run: &[char]) -> Vec<&[char]> {
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 0..run.len() {
        if run[i] == '_' {
            if i > start {
                parts.push(&run[start..i]);
            }
            start = i + 1;
            continue;
        }
        if i > start && is_boundary(run[i - 1], run[i], run.get(i + 1).copied()) {
            parts.push(&run[start..i]);
            start = i;
        }
    }
    if start < run.len() {
        parts.push(&run[start..]);
    }
    parts
}

fn is_boundary(prev: char, c: char, next: Option<char>) -> bool {
    let letter_digit =
        prev.is_alphabetic() != c.is_alphabetic() && (prev.is_numeric() || c.is_numeric());
    let lower_upper = prev.is_lowercase() && c.is_uppercase();
    let acronym_end =
        prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase);
    letter_digit || lower_upper || acronym_end
}

fn emit_word(word: &str, emit: &mut impl FnMut(&str, &str)) {
    let lower = word.to_lowercase();
    if lower.chars().count() > MAX_WORD_CHARS {
        return;
    }
    if lower.bytes().all(|b| b.is_ascii_lowercase()) {
        emit(&lower, &stemmer().stem(&lower));
    } else {
        emit(&lower, &lower);
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<String> {
        tokenize(s)
    }

    #[test]
    fn chinese_runs_become_characters_and_pairs() {
        assert_eq!(tokens("数据库"), ["数", "数据", "据", "据库", "库"]);
        assert_eq!(tokens("好"), ["好"]);
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(tokens("資料庫"), tokens("资料库"));
        assert_eq!(tokens("迴圈 檔案 函式"), tokens("回圈 档案 函式"));
        assert_eq!(fold_char('後'), '后');
        assert_eq!(fold_char('么'), '么', "a simplified character stays itself");
    }

    #[test]
    fn folding_is_idempotent() {
        for (from, to) in fold_table() {
            assert_eq!(fold_char(*to), *to, "{from} → {to} folds again");
        }
    }

    #[test]
    fn english_is_stemmed_and_lowercased() {
        assert_eq!(tokens("Running installs"), ["run", "instal"]);
        assert_eq!(tokens("The databases"), ["the", "databas"]);
    }

    #[test]
    fn identifiers_keep_their_parts() {
        assert_eq!(
            tokens("parseHTTPRequest"),
            ["parsehttprequest", "pars", "http", "request"]
        );
        assert_eq!(tokens("snake_case"), ["snakecas", "snake", "case"]);
        assert_eq!(tokens("utf8"), ["utf8", "utf", "8"]);
    }

    #[test]
    fn full_width_and_mixed_text_normalize() {
        assert_eq!(tokens("ＲＵＳＴ１２３"), tokens("rust123"));
        assert_eq!(tokens("用Rust写"), ["用", "rust", "写"]);
        assert_eq!(tokens("🎉 emoji 🎉"), ["emoji"]);
    }

    #[test]
    fn kana_and_hangul_are_runs() {
        assert_eq!(tokens("カタ"), ["カ", "カタ", "タ"]);
        assert_eq!(tokens("한국"), ["한", "한국", "국"]);
    }

    #[test]
    fn normalizing_by_segments_is_nfkc() {
        // Every character class the segmenting treats apart, in many orders: ASCII,
        // Han, full-width ASCII, combining marks (also after full-width `＜`, which
        // composes with U+0338), Hangul jamo, ligatures, compatibility ideographs.
        let pieces = [
            "a",
            "E",
            "<",
            "数",
            "據",
            "，",
            "？",
            "Ｒ",
            "＜",
            "\u{338}",
            "\u{301}",
            "\u{327}",
            "\u{1100}",
            "\u{1161}",
            "\u{11A8}",
            "가",
            "ﬁ",
            "①",
            "\u{F900}",
            "。",
            "　",
            "ｶ",
            "\u{3099}",
            "Σ",
            "é",
            "\u{2000B}",
            " ",
        ];
        let mut seed = 1u32;
        for _ in 0..5000 {
            let len = 1 + seed % 9;
            let text: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    pieces[(seed >> 16) as usize % pieces.len()]
                })
                .collect();
            let whole: String = text.nfkc().map(fold_char).collect();
            assert_eq!(normalize(&text), whole, "{text:?}");
        }
    }

    #[test]
    fn a_reused_tokenizer_gives_the_same_tokens() {
        let texts = [
            "Running installs",
            "parseHTTPRequest 数据库",
            "running RUNNING run",
        ];
        let mut reused = Tokenizer::default();
        for text in texts.iter().chain(&texts) {
            let mut again = Vec::new();
            reused.each_token(text, |t| again.push(t.to_string()));
            assert_eq!(again, tokens(text));
        }
    }

    #[test]
    fn very_long_words_are_skipped() {
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert!(tokens(&long).is_empty());
        // The longest word kept is MAX_WORD_CHARS letters.
        let longest = "b".repeat(MAX_WORD_CHARS);
        assert_eq!(tokens(&longest), [longest]);
    }

    #[test]
    fn a_combining_mark_that_composes_with_nothing_does_not_cut_its_base() {
        // U+0332 (combining low line) is NFKC-stable on its own but has a combining
        // class: the acute after it still composes with the `e` before it.
        assert_eq!(normalize("e\u{332}\u{301}"), "\u{e9}\u{332}");
        assert_eq!(normalize("xe\u{332}\u{301}y"), "x\u{e9}\u{332}y");
    }

    #[test]
    fn underscores_and_digits_split_words_without_empty_parts() {
        assert_eq!(tokens("__init__"), ["init"]);
        assert_eq!(tokens("snake_"), ["snake"]);
        assert_eq!(tokens("a__b"), ["ab", "a", "b"]);
        // Digits stay one part; a letter-digit change splits.
        assert_eq!(tokens("v12"), ["v12", "v", "12"]);
        assert_eq!(tokens("2026"), ["2026"]);
    }

    #[test]
    fn query_terms_are_pairs_single_characters_and_words_once_each() {
        assert_eq!(
            query_terms("数据库 Running 数据 好 runs"),
            ["数据", "据库", "run", "好"]
        );
        assert_eq!(query_terms("資料"), ["资料"]);
        assert!(query_terms("  ,。 ").is_empty());
    }

    #[test]
    fn the_tokenizer_remembers_the_surface_of_stemmed_words_only() {
        let mut t = Tokenizer::default();
        t.each_token("exporting run 导出", |_| {});
        let surfaces: Vec<(&str, &str)> = t.surfaces.iter().map(|(a, b)| (&**a, &**b)).collect();
        assert_eq!(surfaces, [("exporting", "export")]);
    }

    #[test]
    fn the_word_cache_keeps_words_and_stays_bounded() {
        let mut t = Tokenizer::default();
        t.each_token("alpha beta alpha", |_| {});
        assert_eq!(t.words.len(), 2, "each distinct word is remembered once");
        // More distinct words than the cache holds, most of them too long to pack:
        // it is cleared on the way and never passes its bound.
        for i in 0..MAX_CACHED_WORDS + 100 {
            let word = if i % 4 == 0 {
                format!("w{i}")
            } else {
                format!("averylongword{i:08}")
            };
            t.each_token(&word, |_| {});
            assert!(t.words.len() <= MAX_CACHED_WORDS);
        }
        assert!(t.words.len() < 200, "the cache was never cleared");
        // What it remembered after a clear is still right.
        let mut again = Vec::new();
        t.each_token("averylongword00000001 alpha", |w| again.push(w.to_string()));
        assert_eq!(again, tokens("averylongword00000001 alpha"));
    }

    #[test]
    fn packed_keys_never_collide() {
        let keys = [
            "a",
            "a\0",
            "\0a",
            "",
            // 15 and 16 bytes: the length byte must not meet a key byte.
            "aaaaaaaaaaaaaaP",
            "aaaaaaaaaaaaaaaP",
            "aaaaaaaaaaaaaaa@",
            // Longer than a u128: kept whole, not shifted out.
            "xxxxxxxxxxxxxxxxxxxA",
            "xxxxxxxxxxxxxxxxxxxB",
        ];
        let mut map = StrMap::default();
        for (i, k) in keys.iter().enumerate() {
            map.insert(k, i);
        }
        assert_eq!(map.len(), keys.len());
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k), Some(&i), "{k:?}");
        }
        assert_eq!(map.get("b"), None);
    }
}
