//! The Chinese docs (`README.zh-CN.md`, `docs/zh-CN/*.md`) keep in step with the English
//! ones: every command, flag and field the English file names in code is in the Chinese
//! file, and Chinese prose uses full-width punctuation.
//!
//! The rule, per English file:
//! - **commands**: `cairn <word>` inside code (an inline span, or a line of a fenced
//!   block), where `<word>` matches `[a-z][a-z-]*`;
//! - **flags**: every `--<word>` (`[a-z][a-z0-9-]*`) inside code, inline or fenced;
//! - **fields and keys**: an inline span whose whole text matches
//!   `^[a-z][a-z0-9_.-]*:?$` (`asked_by`, `accepted:`, `deploy.host`), without the colon.
//!
//! The Chinese file must hold each one inside its own code, as a whole token (`cairn
//! build` as those two words in a row). The check reads no prose, so a Chinese file
//! is free to word things its own way.

use std::collections::BTreeSet;

use crate::manifest;

/// English file → its Chinese version, relative to the repository root.
const PAIRS: &[(&str, &str)] = &[
    ("README.md", "README.zh-CN.md"),
    ("docs/CONTENT.md", "docs/zh-CN/CONTENT.md"),
    ("docs/IMPORT.md", "docs/zh-CN/IMPORT.md"),
    ("docs/DEPLOY.md", "docs/zh-CN/DEPLOY.md"),
    ("docs/WEEKLY.md", "docs/zh-CN/WEEKLY.md"),
];

/// The code of a Markdown file: inline spans (any number of backticks) and the lines of
/// fenced blocks, each as its own piece, and the prose with the code taken out.
struct Split {
    spans: Vec<String>,
    fenced: Vec<String>,
    /// Prose lines (outside fenced blocks) with inline spans removed, with their line
    /// numbers (from 1).
    prose: Vec<(usize, String)>,
}

fn split(text: &str) -> Split {
    let mut out = Split {
        spans: Vec::new(),
        fenced: Vec::new(),
        prose: Vec::new(),
    };
    // The open fence's character and length, while inside a fenced block.
    let mut fence: Option<(char, usize)> = None;
    // The paragraph being read (a code span may run over a line break, not a blank
    // line): its first line's number and its lines.
    let mut para: (usize, Vec<&str>) = (0, Vec::new());
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |c| trimmed.chars().take_while(|x| *x == c).count());
        match (fence, marker) {
            (None, Some(c)) if run >= 3 => {
                flush(&mut out, &mut para);
                fence = Some((c, run));
            }
            (Some((c, len)), Some(m))
                if m == c && run >= len && trimmed[run * c.len_utf8()..].trim().is_empty() =>
            {
                fence = None
            }
            (Some(_), _) => out.fenced.push(line.to_string()),
            (None, _) if trimmed.is_empty() => flush(&mut out, &mut para),
            (None, _) => {
                if para.1.is_empty() {
                    para.0 = i + 1;
                }
                para.1.push(line);
            }
        }
    }
    flush(&mut out, &mut para);
    out
}

/// Reads a finished paragraph into `out` and empties it.
fn flush(out: &mut Split, para: &mut (usize, Vec<&str>)) {
    if para.1.is_empty() {
        return;
    }
    let (spans, prose) = inline_spans(&para.1.join("\n"));
    out.spans.extend(spans);
    for (k, line) in prose.split('\n').enumerate() {
        out.prose.push((para.0 + k, line.to_string()));
    }
    para.1.clear();
}

/// The inline code spans of a paragraph, and the paragraph without them (each span
/// left as a space, and its line breaks kept so that lines keep their numbers). A span
/// opens with a run of backticks and closes at the next run of the same length; an
/// unclosed run is text. A line break inside a span reads as a space.
fn inline_spans(line: &str) -> (Vec<String>, String) {
    let chars: Vec<char> = line.chars().collect();
    let mut spans = Vec::new();
    let mut prose = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '`' {
            prose.push(chars[i]);
            i += 1;
            continue;
        }
        let open = chars[i..].iter().take_while(|c| **c == '`').count();
        let mut j = i + open;
        let mut close = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let run = chars[j..].iter().take_while(|c| **c == '`').count();
                if run == open {
                    close = Some(j);
                    break;
                }
                j += run;
            } else {
                j += 1;
            }
        }
        match close {
            Some(j) => {
                let span: String = chars[i + open..j].iter().collect();
                spans.push(span.replace('\n', " ").trim().to_string());
                prose.push(' ');
                prose.extend(span.chars().filter(|c| *c == '\n'));
                i = j + open;
            }
            None => {
                prose.extend(&chars[i..i + open]);
                i += open;
            }
        }
    }
    (spans, prose)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// A piece of code cut into tokens: runs of ASCII letters, digits, `_`, `.` and `-`.
fn tokens(code: &str) -> Vec<&str> {
    code.split(|c: char| !is_word_char(c))
        .filter(|t| !t.is_empty())
        .collect()
}

fn is_key(span: &str) -> bool {
    let s = span.strip_suffix(':').unwrap_or(span);
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.-".contains(c))
}

fn is_flag(token: &str) -> bool {
    token.strip_prefix("--").is_some_and(|rest| {
        let mut chars = rest.chars();
        chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    })
}

fn is_command(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c == '-')
}

/// What a file names in its code, each written as the Chinese file must hold it:
/// `cairn build`, `--drafts`, `asked_by`.
fn named(split: &Split) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for code in split.spans.iter().chain(&split.fenced) {
        let toks = tokens(code);
        for (i, tok) in toks.iter().enumerate() {
            // `cairn` and a command word, standing next to each other in the code.
            if *tok == "cairn"
                && let Some(next) = toks.get(i + 1).filter(|w| is_command(w))
                && code.contains(&format!("cairn {next}"))
            {
                names.insert(format!("cairn {next}"));
            }
            if is_flag(tok) {
                names.insert(tok.to_string());
            }
        }
    }
    for span in &split.spans {
        if is_key(span) {
            names.insert(span.trim_end_matches(':').to_string());
        }
    }
    names
}

/// Whether the Chinese file's code holds `name` as whole tokens.
fn holds(split: &Split, name: &str) -> bool {
    let want = tokens(name);
    split.spans.iter().chain(&split.fenced).any(|code| {
        tokens(code)
            .windows(want.len())
            .any(|window| window == want.as_slice())
    })
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(manifest().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_command_flag_and_field_of_the_english_docs_is_in_the_chinese_ones() {
    let mut report = String::new();
    for (en, zh) in PAIRS {
        let english = split(&read(en));
        let chinese = split(&read(zh));
        let names = named(&english);
        assert!(
            names.len() > 3,
            "{en}: the rule found almost nothing to compare ({names:?})"
        );
        let missing: Vec<&String> = names.iter().filter(|n| !holds(&chinese, n)).collect();
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|n| format!("`{n}`")).collect();
            report.push_str(&format!(
                "{zh} lacks, of what {en} names ({} of {}): {}\n",
                missing.len(),
                names.len(),
                list.join(", ")
            ));
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}'   // CJK punctuation: 。、「」
        | '\u{3400}'..='\u{4dbf}' // extension A
        | '\u{4e00}'..='\u{9fff}' // unified ideographs
        | '\u{f900}'..='\u{faff}' // compatibility ideographs
        | '\u{ff00}'..='\u{ffef}' // full-width forms: ，（）：
    )
}

#[test]
fn chinese_prose_uses_full_width_punctuation() {
    let mut report = String::new();
    for (_, zh) in PAIRS {
        let text = read(zh);
        let chinese = split(&text);
        for (n, line) in &chinese.prose {
            let chars: Vec<char> = line.chars().collect();
            for pair in chars.windows(2) {
                if is_cjk(pair[0]) && matches!(pair[1], ',' | ';' | '?' | '!') {
                    report.push_str(&format!(
                        "{zh}:{n}: ASCII `{}` after `{}`: {}\n",
                        pair[1],
                        pair[0],
                        line.trim()
                    ));
                }
            }
        }
        // The opening lines link the English file: `](../CONTENT.md)`, `](README.md)`.
        let name = zh.rsplit('/').next().unwrap().replace(".zh-CN", "");
        let link = if zh.starts_with("docs/") {
            format!("](../{name})")
        } else {
            format!("]({name})")
        };
        assert!(
            text.lines().take(3).any(|l| l.contains(&link)),
            "{zh}: its first lines should link the English file it follows ({link})"
        );
    }
    assert!(report.is_empty(), "\n{report}");
}

#[test]
fn the_rule_sees_spans_fences_and_flags() {
    let text = "前言 `asked_by:` 与 `cairn build --drafts`，`` `x` ``\n\
                ```sh\ncairn digest --week 2026-W48\n```\n中文,错\n\n`cairn check\n--drafts`，见下。\n";
    let s = split(text);
    let names = named(&s);
    let want: BTreeSet<String> = [
        "asked_by",
        "cairn build",
        "--drafts",
        "cairn digest",
        "--week",
        "cairn check",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(names, want);
    assert!(holds(&s, "cairn digest") && !holds(&s, "cairn drafts"));
    assert_eq!(s.prose[1], (5, "中文,错".to_string()));
    assert_eq!(s.prose[3], (8, "，见下。".to_string()));
}
