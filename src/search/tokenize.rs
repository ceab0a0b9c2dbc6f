//! Stage 6c, part 1: the search tokenizer (DESIGN §7). The browser runs the same rules
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
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Longer words (hashes, base64, minified code) are not worth an index entry.
pub const MAX_WORD_CHARS: usize = 40;

/// `fold.txt`: one `traditional<TAB>simplified` pair per line.
const FOLD_TABLE: &str = include_str!("fold.txt");

/// Traditional → Simplified, one character to one character.
pub fn fold_table() -> &'static FxHashMap<char, char> {
    static TABLE: OnceLock<FxHashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        FOLD_TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut chars = l.chars();
                let from = chars.next()?;
                let _tab = chars.next()?;
                Some((from, chars.next()?))
            })
            .collect()
    })
}

/// One character folded to Simplified, or itself.
pub fn fold_char(c: char) -> char {
    fold_table().get(&c).copied().unwrap_or(c)
}

/// Text as the index sees it before splitting: NFKC, then folded to Simplified.
pub fn normalize(text: &str) -> String {
    // Most text is ASCII or already NFKC: skip the decomposition work then.
    if text.is_ascii() {
        return text.to_string();
    }
    match is_nfkc_quick(text.chars()) {
        IsNormalized::Yes => text.chars().map(fold_char).collect(),
        _ => text.nfkc().map(fold_char).collect(),
    }
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
    each_token(&normalize(text), |t| tokens.push(t.to_string()));
    tokens
}

/// Calls `emit` with every token of already-normalized `text`. Tokens are lent, not
/// given: the index counts repeats without allocating a string for each.
pub fn each_token(text: &str, mut emit: impl FnMut(&str)) {
    each_run(text, |run, cjk| {
        if cjk {
            cjk_run(run, &mut emit);
        } else {
            word_run(run, &mut emit);
        }
    });
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
fn each_run(text: &str, mut run: impl FnMut(&[char], bool)) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let cjk = is_cjk(chars[i]);
        let class: fn(char) -> bool = if cjk { is_cjk } else { is_word_char };
        if !class(chars[i]) {
            i += 1;
            continue;
        }
        while i < chars.len() && class(chars[i]) {
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

fn emit_word(word: &str, emit: &mut impl FnMut(&str)) {
    let lower = word.to_lowercase();
    if lower.chars().count() > MAX_WORD_CHARS {
        return;
    }
    if lower.bytes().all(|b| b.is_ascii_lowercase()) {
        emit(&stemmer().stem(&lower));
    } else {
        emit(&lower);
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
    fn very_long_words_are_skipped() {
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert!(tokens(&long).is_empty());
    }
}
