//! The one module that touches YAML (front matter, site.yaml, credits.yaml, theme
//! strings). Everything else sees typed values and located `YamlProblem`s, so the
//! YAML library can change without the rest of cairn noticing.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Said};

/// A YAML problem, located within the YAML text it was found in (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlProblem {
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// Characters to underline.
    pub width: usize,
    pub hint: Option<String>,
    /// The message as the catalogues word it (`diag-<code>`), when they do; `message`
    /// keeps the English. Boxed, so a `Result` carrying the problem stays small.
    pub said: Option<Box<Said>>,
    /// The hint as the catalogues word it, when they do.
    pub hint_said: Option<Box<Said>>,
}

impl YamlProblem {
    /// A problem the catalogues word, `diag-<code>` with `args`, at line 1, column 1
    /// until the caller places it.
    pub fn said(code: &'static str, args: &[(&'static str, &str)]) -> YamlProblem {
        let said = Said::new(code, args);
        YamlProblem {
            message: said.in_english(),
            line: 1,
            column: 1,
            width: 1,
            hint: None,
            said: Some(Box::new(said)),
            hint_said: None,
        }
    }

    /// The hint `diag-<key>` with `args`.
    pub fn with_hint_said(mut self, key: &'static str, args: &[(&'static str, &str)]) -> Self {
        let said = Said::new(key, args);
        self.hint = Some(said.in_english());
        self.hint_said = Some(Box::new(said));
        self
    }

    /// The error in `file`, with its hint, not yet pointed at a position.
    pub fn diagnostic(self, file: &Path) -> Diagnostic {
        let d = match self.said {
            Some(said) => Diagnostic::error_of(file, *said),
            None => Diagnostic::error(file, self.message),
        };
        match self.hint_said {
            Some(said) => d.with_hint_of(*said),
            None => d.with_hint_opt(self.hint),
        }
    }
}

/// A top-level key of a YAML mapping and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// Deserializes `text` into `T`, locating a failure in `text`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlProblem> {
    // An empty document is an empty mapping, so a file with `---\n---` or no front
    // matter at all gets every field's default instead of a confusing "null" error.
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|e| problem_from(text, &e))
}

/// Deserializes a free-form YAML value (for `extra:` and theme strings) as JSON data.
pub fn parse_value(text: &str) -> Result<serde_json::Value, YamlProblem> {
    parse(text)
}

/// A mapping parsed once: its top-level keys, to check, and its value, to type.
pub struct Mapping {
    pub keys: Vec<Key>,
    value: serde_yaml::Value,
}

impl Mapping {
    /// Types the mapping as `T`. Only a failure parses the text again, to locate it:
    /// a value has lost its positions, and parsing every file twice showed in profiles.
    pub fn typed<T: DeserializeOwned>(self, text: &str) -> Result<T, YamlProblem> {
        serde_yaml::from_value(self.value).or_else(|_| parse(text))
    }
}

/// The top-level keys of a mapping, in document order; an error when `text` is not
/// a mapping. Used to report every unknown key at once with its position.
pub fn top_level_keys(text: &str) -> Result<Vec<Key>, YamlProblem> {
    mapping(text).map(|m| m.keys)
}

/// `text` as a mapping (`Mapping::keys` with their positions), or where it is not one.
pub fn mapping(text: &str) -> Result<Mapping, YamlProblem> {
    let value: serde_yaml::Value = parse(text)?;
    let mapping = match value {
        serde_yaml::Value::Mapping(m) => m,
        serde_yaml::Value::Null => {
            return Ok(Mapping {
                keys: Vec::new(),
                value: serde_yaml::Value::Mapping(serde_yaml::Mapping::new()),
            });
        }
        _ => {
            return Err(
                YamlProblem::said("not-a-mapping", &[]).with_hint_said("not-a-mapping-hint", &[])
            );
        }
    };
    let mut keys = Vec::new();
    for key in mapping.keys() {
        let name = match key {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        let (line, column) = find_key(text, &name).unwrap_or((1, 1));
        if let Some(c) = forbidden_in(key).or_else(|| forbidden_in(&mapping[key])) {
            let field = name.escape_debug().to_string();
            let character = format!("U+{:04X}", u32::from(c));
            return Err(YamlProblem {
                line,
                column,
                width: name.chars().count().max(1),
                ..YamlProblem::said(
                    "xml-forbidden",
                    &[("field", &field), ("character", &character)],
                )
                .with_hint_said("xml-forbidden-hint", &[])
            });
        }
        keys.push(Key { name, line, column });
    }
    Ok(Mapping {
        keys,
        value: serde_yaml::Value::Mapping(mapping),
    })
}

/// The first character in `value` (its strings and keys, at any depth) that XML 1.0
/// does not allow: controls other than tab, line feed and carriage return, U+FFFE and
/// U+FFFF. YAML's escapes (`"\x01"`, `"\uFFFF"`) can write them; a page could show
/// them, but `feed.xml` and `sitemap.xml` with one no longer parse.
fn forbidden_in(value: &serde_yaml::Value) -> Option<char> {
    match value {
        serde_yaml::Value::String(s) => s.chars().find(|&c| !xml_allows(c)),
        serde_yaml::Value::Sequence(items) => items.iter().find_map(forbidden_in),
        serde_yaml::Value::Mapping(m) => m
            .iter()
            .find_map(|(k, v)| forbidden_in(k).or_else(|| forbidden_in(v))),
        serde_yaml::Value::Tagged(t) => forbidden_in(&t.value),
        _ => None,
    }
}

/// True for the characters XML 1.0 allows (its `Char` production).
pub fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Where top-level `key:` stands in `text` (1-based line and column), if written in block style.
pub fn find_key(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let rest = line.strip_prefix(key)?;
        rest.trim_start().starts_with(':').then_some((i + 1, 1))
    })
}

/// Where the scalar `value` of top-level `key` stands: on the key's own line (`key: v`,
/// `key: [a, v]`) or on one of the `- v` lines below it. Falls back to the key itself.
pub fn find_value(text: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    let (key_line, _) = find_key(text, key)?;
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate().skip(key_line - 1) {
        if i >= key_line && !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            break; // the next top-level key: the value was not found in block style
        }
        let search_from = if i == key_line - 1 {
            line.find(':').map_or(0, |c| c + 1)
        } else {
            0
        };
        if let Some(col) = find_token(&line[search_from..], value) {
            let column = line[..search_from + col].chars().count() + 1;
            return Some((i + 1, column));
        }
    }
    Some((key_line, 1))
}

/// Finds `token` in `line` as a whole YAML scalar, not as part of a longer word.
fn find_token(line: &str, token: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-' || c == '/';
    let mut from = 0;
    while let Some(found) = line[from..].find(token) {
        let start = from + found;
        let end = start + token.len();
        let before = line[..start].chars().next_back();
        let after = line[end..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return Some(start);
        }
        from = end;
    }
    None
}

fn problem_from(text: &str, error: &serde_yaml::Error) -> YamlProblem {
    let (mut line, mut column) = error.location().map_or((1, 1), |l| (l.line(), l.column()));
    let raw = error.to_string();
    // serde_yaml appends " at line L column C"; we show the position ourselves.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    // serde_yaml gives no position for a repeated key; point at the repeat ourselves.
    if let Some(at) = duplicate_key(&message).and_then(|key| repeated_key(text, key)) {
        (line, column) = at;
    }
    // The parser's own words stay as it wrote them, inside a catalogue message.
    let problem = YamlProblem {
        line,
        column,
        ..YamlProblem::said("yaml", &[("error", &message)])
    };
    match yaml_hint(&message, text, line) {
        Some(key) => problem.with_hint_said(key, &[]),
        None => problem,
    }
}

/// The key of a `duplicate entry with key "asked_by"` message.
fn duplicate_key(message: &str) -> Option<&str> {
    message
        .strip_prefix("duplicate entry with key \"")?
        .strip_suffix('"')
}

/// Where top-level `key:` is written a second time, if in block style.
fn repeated_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let (first, _) = find_key(text, key)?;
    let rest = text.lines().skip(first).collect::<Vec<_>>().join("\n");
    find_key(&rest, key).map(|(line, column)| (first + line, column))
}

/// The key of the hint (`diag-<key>`) for a parser message, when cairn has one.
fn yaml_hint(message: &str, text: &str, line: usize) -> Option<&'static str> {
    if message.starts_with("duplicate entry with key") {
        return Some("yaml-duplicate-key-hint");
    }
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    if message.contains("did not find expected key")
        || message.contains("mapping values are not allowed")
    {
        if source_line.contains(": ") && source_line.matches(':').count() > 1 {
            return Some("yaml-quote-hint");
        }
        return Some("yaml-indent-hint");
    }
    if message.contains("found character that cannot start any token") && source_line.contains('\t')
    {
        return Some("yaml-tab-hint");
    }
    if message.contains("invalid type") {
        return Some("yaml-type-hint");
    }
    if message.contains("recursion limit") || message.contains("repetition limit") {
        return Some("yaml-nesting-hint");
    }
    None
}

/// Front-matter fields that hold a date, checked for the forms a Chinese keyboard writes.
const DATE_FIELDS: &[&str] = &["date", "joined", "verified_on"];

/// Front-matter fields that hold a list of names or words.
const LIST_FIELDS: &[&str] = &[
    "tags",
    "authors",
    "accepted",
    "related",
    "expertise",
    "seeking",
    "hobbies",
    "private",
];

/// Mistakes a Chinese input method makes where YAML syntax is expected: a full-width
/// `：` after a key, `［］` around a list, `，`/`、` between list items, and dates
/// written `2026/11/28`, `2026年11月28日` or with full-width digits. Each is a located
/// problem with a hint; quoted values are left alone (the escape hatch for a tag
/// that really holds a `，`). Run before the YAML parser, whose words for these are
/// unhelpful or, for `[入门，新群]`, silently one tag.
pub fn keyboard_slips(text: &str) -> Vec<YamlProblem> {
    let mut problems = Vec::new();
    // Inside a `|` or `>` block, lines are text, not syntax: (indent of its key).
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let at = |byte: usize| line[..byte].chars().count() + 1;
        let spaces = line.len() - line.trim_start_matches(' ').len();
        if let Some(key_indent) = block {
            if line.trim().is_empty() || spaces > key_indent {
                continue;
            }
            block = None;
        }
        let body = line.trim_start_matches([' ', '-']);
        let indent = line.len() - body.len();
        if body.starts_with('#') {
            continue;
        }
        if body.trim_end().ends_with(['|', '>']) || body.trim_end().ends_with("|-") {
            block = Some(spaces);
        }
        // `key：value`: a key then a full-width colon, before any ASCII one. Not in a
        // `- item` line, where `- Rust：入门` is a value.
        let is_item = line.trim_start().starts_with('-');
        let key_end = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'))
            .unwrap_or(body.len());
        let after_key = body[key_end..].trim_start_matches(' ');
        if key_end > 0 && !is_item && after_key.starts_with('：') {
            let byte = indent + key_end + (body[key_end..].len() - after_key.len());
            problems.push(full_width(i + 1, at(byte), '：', ':', "full-width-key"));
            continue;
        }
        let Some(colon) = body.find(':').filter(|&c| c > 0) else {
            continue;
        };
        let value_start = indent + colon + 1;
        let value = line[value_start..].trim_start();
        let value_at = line.len() - value.len();
        let key = &body[..colon];
        // `source: { when: "１９：３０" }` or `  when: 19点30`: a Q&A's time range.
        if let Some((b, raw)) = when_value(key, indent, value)
            && let Some(problem) = super::dates::when_slip(raw)
        {
            problems.push(YamlProblem {
                line: i + 1,
                column: at(value_at + b),
                width: raw.chars().count().max(1),
                ..problem
            });
        }
        // `［a, b］`: full-width brackets where a list starts.
        if value.starts_with('［') {
            problems.push(full_width(
                i + 1,
                at(value_at),
                '［',
                '[',
                "full-width-list",
            ));
            continue;
        }
        if value.starts_with('[') {
            let mut quote = None;
            for (b, c) in value.char_indices() {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), _) if q == c => quote = None,
                    (None, '，') => problems.push(full_width(
                        i + 1,
                        at(value_at + b),
                        '，',
                        ',',
                        "full-width-separator",
                    )),
                    (None, '、') => problems.push(full_width(
                        i + 1,
                        at(value_at + b),
                        '、',
                        ',',
                        "full-width-separator",
                    )),
                    (None, '］') => problems.push(full_width(
                        i + 1,
                        at(value_at + b),
                        '］',
                        ']',
                        "full-width-list",
                    )),
                    _ => {}
                }
            }
            continue;
        }
        // `accepted: lisi，wangfang`: a list field written as one value with full-width
        // separators, which would be one unknown name or a type error.
        if indent == 0
            && LIST_FIELDS.contains(&key)
            && !value.starts_with(['"', '\''])
            && let Some(b) = value.find(['，', '、'])
        {
            let wide = value[b..].chars().next().unwrap_or('，');
            let p = full_width(i + 1, at(value_at + b), wide, ',', "full-width-separator");
            let items: Vec<&str> = value
                .split(['，', '、'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let wide = wide.to_string();
            problems.push(p.with_hint_said(
                "full-width-hint-list",
                &[
                    ("wide", &wide),
                    ("narrow", ","),
                    ("field", key),
                    ("items", &items.join(", ")),
                ],
            ));
            continue;
        }
        if indent == 0 && DATE_FIELDS.contains(&key) {
            let raw = value.split(" #").next().unwrap_or("").trim();
            let raw = raw.trim_matches(['"', '\'']);
            if let Some(problem) = super::dates::date_slip(raw) {
                problems.push(YamlProblem {
                    line: i + 1,
                    column: at(value_at),
                    width: raw.chars().count().max(1),
                    ..problem
                });
            }
        }
    }
    problems
}

/// Where the text of `source.when` is in `value` (the part of a line after `key:`),
/// unquoted: `when: "…"` under `source:`, or inside `source: { …, when: "…" }`.
fn when_value<'v>(key: &str, indent: usize, value: &'v str) -> Option<(usize, &'v str)> {
    let (start, rest) = if key == "when" && indent > 0 {
        (0, value)
    } else if key == "source" && value.starts_with('{') {
        let at = find_token(value, "when")?;
        let after = value[at + 4..].trim_start();
        let after = after.strip_prefix(':')?.trim_start();
        (value.len() - after.len(), after)
    } else {
        return None;
    };
    let (skip, end) = match rest.chars().next()? {
        q @ ('"' | '\'') => (1, rest[1..].find(q).map_or(rest.len(), |e| e + 1)),
        _ if key == "source" => (0, rest.find([',', '}']).unwrap_or(rest.len())),
        _ => (0, rest.find(" #").unwrap_or(rest.len())),
    };
    let raw = rest[skip..end].trim_end();
    (!raw.is_empty()).then_some((start + skip, raw))
}

/// A full-width `wide` where YAML expects `narrow`; `code` names the place
/// (`full-width-key`, `full-width-list`, `full-width-separator`).
fn full_width(
    line: usize,
    column: usize,
    wide: char,
    narrow: char,
    code: &'static str,
) -> YamlProblem {
    let (wide, narrow) = (wide.to_string(), narrow.to_string());
    let args = [("wide", wide.as_str()), ("narrow", narrow.as_str())];
    let hint = if matches!(wide.as_str(), "，" | "、") {
        "full-width-hint-quote"
    } else {
        "full-width-hint"
    };
    YamlProblem {
        line,
        column,
        ..YamlProblem::said(code, &args).with_hint_said(hint, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        count: u32,
    }

    #[test]
    fn errors_are_located_in_the_yaml_text() {
        let problem = parse::<Sample>("title: hi\ncount: many\n").unwrap_err();
        assert_eq!(problem.line, 2);
        assert!(
            problem.message.contains("invalid type"),
            "{}",
            problem.message
        );
        assert!(!problem.message.contains(" at line "));
    }

    #[test]
    fn keys_and_values_are_found() {
        let text = "title: x\naccepted: [lisi, li]\nauthors:\n  - wangfang\n  - li\n";
        let keys = top_level_keys(text).unwrap();
        let names: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["title", "accepted", "authors"]);
        assert_eq!(keys[2].line, 3);
        assert_eq!(find_value(text, "accepted", "li"), Some((2, 18)));
        assert_eq!(find_value(text, "authors", "li"), Some((5, 5)));
    }

    #[test]
    fn a_repeated_key_points_at_the_repeat() {
        let text = "title: x\nasked_by: lisi\ntags: []\nasked_by: zhangwei\n";
        let problem = top_level_keys(text).unwrap_err();
        assert_eq!(problem.message, "duplicate entry with key \"asked_by\"");
        assert_eq!((problem.line, problem.column), (4, 1));
        assert!(problem.hint.unwrap().contains("may appear once"));
    }

    #[test]
    fn keyboard_slips_are_found_where_syntax_is_expected_only() {
        let text = "title: 问题：怎么办\naccepted：lisi\nexpertise:\n  - Rust：入门\n\
                    tags: [\"入门，新群\", 破冰，增长]\nbio: |\n  note：x, [a，b]\n\
                    date: 2026年2月3日\njoined: 2026-02-03\n";
        let found: Vec<(usize, usize, String)> = keyboard_slips(text)
            .into_iter()
            .map(|p| (p.line, p.column, p.hint.unwrap_or_default()))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (2, 9));
        assert!(found[0].2.starts_with("full-width `：` → half-width `:`"));
        assert_eq!((found[1].0, found[1].1), (5, 19));
        assert_eq!((found[2].0, found[2].1), (8, 7));
        assert!(found[2].2.ends_with("write 2026-02-03"), "{}", found[2].2);
    }

    #[test]
    fn characters_xml_forbids_are_refused_where_their_key_stands() {
        for text in [
            "date: 2024-01-01\ntitle: \"a\\uFFFFb\"\n",
            "date: 2024-01-01\ntitle: \"a\\x01b\"\n",
            "date: 2024-01-01\ntitle: [\"ok\", {x: \"\\uFFFE\"}]\n",
        ] {
            let p = mapping(text).err().expect(text);
            assert_eq!((p.line, p.column), (2, 1), "{text}");
            assert!(
                p.message.contains("`title`") && p.message.contains("XML"),
                "{p:?}"
            );
        }
        assert!(mapping("title: \"tab\\there\\nand \\u00e9 \\U0001F600\"\n").is_ok());
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        assert!(top_level_keys("").unwrap().is_empty());
        let v: std::collections::BTreeMap<String, String> = parse("  \n").unwrap();
        assert!(v.is_empty());
    }
}
