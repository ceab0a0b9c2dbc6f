//! The rooms of `src/` (its top-level modules) stand in layers, and a room uses only
//! rooms of lower layers, so the modules form no cycle (docs/ARCHITECTURE.md). This
//! reads every `src/**/*.rs`, collects the `crate::<room>` paths each room names (in
//! `use` lines and inline; comments and string literals left out; `super::` followed up
//! to the crate root), and fails on a cycle, naming it; on a room that uses a room of
//! its own layer or a higher one; on a room missing from `LAYERS`; and when the picture
//! of who uses whom in docs/ARCHITECTURE.md no longer matches the code
//! (`CAIRN_BLESS=1 cargo test --test it layers` rewrites it). The crate root
//! (`lib.rs`: the module list and `Error`) belongs to no room; every room may name it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Bottom first. A room may use the rooms of the layers below its own, never a room of
/// its own layer or above. A new room is placed here, in its layer.
const LAYERS: &[&[&str]] = &[
    &["messages"],
    &["diagnostics"],
    &["content"],
    &["config", "scaffold"],
    &["markdown"],
    &["credits", "render", "search"],
    &["site"],
    &["privacy"],
    // `weekly` (weeks, picks' checks, the digest's formats) reads the loaded site and
    // its ledger; `pages` renders its weeks and `cli` prints its digest.
    &["output", "weekly"],
    // `deploy` measures the finished output (`output::Footprint`) against a host's limits.
    &["check", "incremental", "deploy"],
    &["pages"],
    // `book` builds chapters from `pages`' views; `build` runs its stage, `cli` its command.
    &["publish", "book"],
    &["build"],
    // `import` (a chat export to drafts) is being written on main: a room beside serve.
    &["import", "serve"],
    &["cli"],
];

/// Room → room it uses → where it first does (`src/…:line`).
type Graph = BTreeMap<String, BTreeMap<String, String>>;

#[test]
fn rooms_form_no_cycle_and_each_uses_only_lower_layers() {
    let src = super::manifest().join("src");
    let graph = graph_of(&src);
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "the modules form a cycle: {}",
            describe_cycle(&graph, &cycle)
        );
    }
    let layer_of = |room: &str| LAYERS.iter().position(|layer| layer.contains(&room));
    let mut problems = Vec::new();
    for room in graph.keys() {
        if layer_of(room).is_none() {
            problems.push(format!(
                "src/{room} is in no layer: add it to LAYERS in tests/it/layers.rs, above \
                 the rooms it uses"
            ));
        }
    }
    for (room, used) in &graph {
        let Some(own) = layer_of(room) else { continue };
        for (other, place) in used {
            if layer_of(other).is_some_and(|theirs| theirs >= own) {
                problems.push(format!(
                    "{room} (layer {own}) uses {other} (layer {}) at {place}: a room uses only \
                     lower layers; move what it needs down",
                    layer_of(other).unwrap_or_default()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_architecture_picture_matches_the_code() {
    let graph = graph_of(&super::manifest().join("src"));
    let doc_path = super::manifest().join("docs/ARCHITECTURE.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap();
    let (begin, end) = ("<!-- rooms:begin -->\n```text\n", "```\n<!-- rooms:end -->");
    let start = doc
        .find(begin)
        .expect("docs/ARCHITECTURE.md has a rooms:begin block")
        + begin.len();
    let stop = start + doc[start..].find(end).expect("and a rooms:end");
    let want = picture(&graph);
    if std::env::var_os("CAIRN_BLESS").is_some() && doc[start..stop] != want {
        let doc = format!("{}{want}{}", &doc[..start], &doc[stop..]);
        std::fs::write(&doc_path, doc).unwrap();
        return;
    }
    assert!(
        doc[start..stop] == want,
        "the picture of rooms in docs/ARCHITECTURE.md is out of date (CAIRN_BLESS=1 cargo \
         test --test it layers rewrites it); it should read:\n{want}"
    );
}

/// One line per room, top layer first: its layer, its name, and the rooms it uses.
fn picture(graph: &Graph) -> String {
    let mut out = String::new();
    for (n, layer) in LAYERS.iter().enumerate().rev() {
        for room in layer.iter().filter(|r| graph.contains_key(**r)) {
            let used: Vec<&str> = graph[*room].keys().map(String::as_str).collect();
            let used = if used.is_empty() {
                "-".to_string()
            } else {
                used.join(", ")
            };
            out.push_str(&format!("{n:>2}  {room:<12} {used}\n"));
        }
    }
    out
}

/// Every room of `src` with the rooms its files name.
fn graph_of(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let module_path = |file: &Path| -> Vec<String> {
        let rel = file.strip_prefix(src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        parts
    };
    let rooms: BTreeSet<String> = files
        .iter()
        .map(|f| module_path(f))
        .filter(|p| !matches!(p.first().map(String::as_str), Some("lib" | "main")))
        .filter_map(|p| p.first().cloned())
        .collect();
    // Method name → the room whose `impl Site` defines it; and the rooms that name
    // `Site` at all, the only ones that can call its methods (other rooms' methods of
    // the same name, like a resolver's `member`, are not the site's).
    let mut methods: BTreeMap<String, String> = BTreeMap::new();
    let mut hold_a_site: BTreeSet<String> = BTreeSet::new();
    for file in &files {
        let path = module_path(file);
        let Some(room) = path.first().filter(|r| rooms.contains(*r)) else {
            continue;
        };
        let tokens = tokens(&code_only(&std::fs::read_to_string(file).unwrap()));
        for name in site_methods(&tokens) {
            methods.insert(name, room.clone());
        }
        if tokens.iter().any(|(t, _)| t == "Site") {
            hold_a_site.insert(room.clone());
        }
    }
    let mut graph = Graph::new();
    for file in &files {
        let path = module_path(file);
        let Some(room) = path.first().filter(|r| rooms.contains(*r)) else {
            continue;
        };
        let used = graph.entry(room.clone()).or_default();
        let tokens = tokens(&code_only(&std::fs::read_to_string(file).unwrap()));
        let shown = file.strip_prefix(src.parent().unwrap()).unwrap().display();
        for (name, line) in crate_paths(&tokens, path.len()) {
            if rooms.contains(&name) && name != *room {
                used.entry(name)
                    .or_insert_with(|| format!("{shown}:{line}"));
            }
        }
        let calls = if hold_a_site.contains(room) {
            method_calls(&tokens)
        } else {
            Vec::new()
        };
        for (name, line) in calls {
            if let Some(other) = methods.get(&name).filter(|other| *other != room) {
                used.entry(other.clone())
                    .or_insert_with(|| format!("{shown}:{line} (Site::{name})"));
            }
        }
    }
    graph
}

/// The `pub` and `pub(crate)` methods of `impl Site` blocks, which other rooms can call
/// without naming the room they are in.
fn site_methods(tokens: &[(String, usize)]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 2 < tokens.len() {
        if !(tokens[i].0 == "impl" && tokens[i + 1].0 == "Site" && tokens[i + 2].0 == "{") {
            i += 1;
            continue;
        }
        let mut level = 0;
        let mut j = i + 2;
        while j < tokens.len() {
            let t = tokens[j].0.as_str();
            match t {
                "{" => level += 1,
                "}" => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                "pub" if level == 1 => {
                    let text: Vec<&str> = tokens[j..(j + 6).min(tokens.len())]
                        .iter()
                        .map(|t| t.0.as_str())
                        .collect();
                    match text.as_slice() {
                        ["pub", "fn", name, ..] | ["pub", "(", "crate", ")", "fn", name] => {
                            found.push(name.to_string());
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
            j += 1;
        }
        i = j;
    }
    found
}

/// Names called as methods (`x.name(`) or as `Site::name(`, with their lines.
fn method_calls(tokens: &[(String, usize)]) -> Vec<(String, usize)> {
    tokens
        .windows(3)
        .enumerate()
        .filter(|(i, w)| {
            w[2].0 == "("
                && is_ident(&w[1].0)
                && (w[0].0 == "." || (w[0].0 == "::" && *i > 0 && tokens[i - 1].0 == "Site"))
        })
        .map(|(_, w)| (w[1].0.clone(), w[1].1))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The first segment after the crate root of every path in `code` that starts at the
/// root (`crate::x`, `crate::{x, y::z}`, or enough `super::` to climb out of a file
/// `depth` modules below the root), with its line.
fn crate_paths(tokens: &[(String, usize)], depth: usize) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    // Brace depths at which inline `mod x { … }` blocks opened.
    let mut inline: Vec<usize> = Vec::new();
    let mut braces = 0;
    let mut i = 0;
    while i < tokens.len() {
        let (tok, _) = &tokens[i];
        match tok.as_str() {
            "{" => {
                braces += 1;
                if i >= 2 && tokens[i - 2].0 == "mod" {
                    inline.push(braces);
                }
            }
            "}" => {
                if inline.last() == Some(&braces) {
                    inline.pop();
                }
                braces -= 1;
            }
            _ => {}
        }
        let is = |j: usize, s: &str| tokens.get(j).is_some_and(|t| t.0 == s);
        // Where the path continues after the root, if this token starts one.
        let mut after_root = None;
        if tok == "crate" && is(i + 1, "::") && !(i > 0 && is(i - 1, "$")) {
            after_root = Some(i + 2);
        } else if tok == "super" && is(i + 1, "::") && !(i > 0 && is(i - 1, "::")) {
            let mut j = i;
            let mut ups = 0;
            while is(j, "super") && is(j + 1, "::") {
                ups += 1;
                j += 2;
            }
            if ups >= depth + inline.len() {
                after_root = Some(j);
            }
        }
        if let Some(j) = after_root {
            match tokens.get(j) {
                Some((t, line)) if t == "{" => {
                    // A group: the first name of each entry at its top level.
                    let mut level = 0;
                    let mut starts_entry = true;
                    for (t, line) in &tokens[j..] {
                        match t.as_str() {
                            "{" => level += 1,
                            "}" => {
                                level -= 1;
                                if level == 0 {
                                    break;
                                }
                            }
                            "," if level == 1 => starts_entry = true,
                            t if level == 1 && starts_entry => {
                                if t != "self" {
                                    found.push((t.to_string(), *line));
                                }
                                starts_entry = false;
                            }
                            _ => {}
                        }
                    }
                    let _ = line;
                }
                Some((t, line)) if is_ident(t) => found.push((t.clone(), *line)),
                _ => {}
            }
        }
        i += 1;
    }
    found
}

fn is_ident(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Identifiers, `::` and single punctuation characters, each with its line.
fn tokens(code: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut line = 1;
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((chars[start..i].iter().collect(), line));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(("::".into(), line));
            i += 2;
        } else {
            out.push((c.to_string(), line));
            i += 1;
        }
    }
    out
}

/// `code` with comments, string and character literals blanked out (line breaks kept,
/// so lines still count).
fn code_only(code: &str) -> String {
    let c: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut level = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    level += 1;
                    i += 2;
                    out.push_str("  ");
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    level -= 1;
                    i += 2;
                    out.push_str("  ");
                    if level == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if c[i] == 'r' && matches!(next, Some('#' | '"')) && !(i > 0 && is_word(c[i - 1])) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            for &ch in &c[i..j.min(c.len())] {
                blank(&mut out, ch);
            }
            i = j;
        } else if c[i] == '"' {
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                if i < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c[i] == '\'' {
            // A character literal ('x', '\n', '\u{1F600}'); a lifetime ('a) stays.
            let end = if next == Some('\\') {
                (i + 2..c.len()).find(|&j| c[j] == '\'')
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    for _ in i..=end {
                        out.push(' ');
                    }
                    i = end + 1;
                }
                None => {
                    out.push(c[i]);
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A cycle of rooms, as a path whose last room uses its first; `None` if there is none.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        room: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(room.to_string(), Mark::Open);
        path.push(room.to_string());
        for next in graph.get(room).into_iter().flat_map(|used| used.keys()) {
            match marks.get(next) {
                Some(Mark::Open) => {
                    // From the first room by name, so the same cycle reads the same.
                    let from = path.iter().position(|r| r == next).unwrap_or(0);
                    let mut cycle = path[from..].to_vec();
                    let first = (0..cycle.len()).min_by_key(|&k| &cycle[k]).unwrap_or(0);
                    cycle.rotate_left(first);
                    return Some(cycle);
                }
                Some(Mark::Done) => {}
                None => {
                    if let Some(cycle) = visit(next, graph, marks, path) {
                        return Some(cycle);
                    }
                }
            }
        }
        path.pop();
        marks.insert(room.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for room in graph.keys() {
        if !marks.contains_key(room)
            && let Some(cycle) = visit(room, graph, &mut marks, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

/// `a → b → a (a uses b at src/a.rs:3; b uses a at src/b.rs:9)`.
fn describe_cycle(graph: &Graph, cycle: &[String]) -> String {
    let mut names = cycle.to_vec();
    names.push(cycle[0].clone());
    let places: Vec<String> = names
        .windows(2)
        .map(|w| format!("{} uses {} at {}", w[0], w[1], graph[&w[0]][&w[1]]))
        .collect();
    format!("{} ({})", names.join(" → "), places.join("; "))
}

fn graph_from(edges: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new();
    for (from, to) in edges {
        graph
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string(), format!("src/{from}.rs:1"));
        graph.entry(to.to_string()).or_default();
    }
    graph
}

#[test]
fn a_cycle_is_found_and_named() {
    let acyclic = graph_from(&[("cli", "build"), ("build", "site"), ("cli", "site")]);
    assert_eq!(find_cycle(&acyclic), None);
    let cyclic = graph_from(&[
        ("cli", "build"),
        ("build", "site"),
        ("site", "config"),
        ("config", "site"),
    ]);
    let cycle = find_cycle(&cyclic).expect("config and site use each other");
    assert_eq!(cycle, ["config", "site"]);
    assert_eq!(
        describe_cycle(&cyclic, &cycle),
        "config → site → config (config uses site at src/config.rs:1; site uses config at src/site.rs:1)"
    );
    let longer = graph_from(&[("a", "b"), ("b", "c"), ("c", "a")]);
    assert_eq!(find_cycle(&longer).unwrap(), ["a", "b", "c"]);
}

#[test]
fn paths_are_read_from_code_only() {
    let code = r##"
//! crate::docs names no room
use crate::content::{Item, Kind};
use crate::{config::SiteConfig, diagnostics, self};
use super::Site;
fn f() {
    let s = "crate::strings";
    let r = r#"crate::raw"#;
    let c = '"';
    let x = crate::markdown::escape_attr(s); /* crate::block */
    super::super::output::write();
}
pub(crate) fn g<'a>(x: &'a str) -> &'a str { x }
mod tests {
    use super::*;
}
"##;
    let tokens = tokens(&code_only(code));
    let names: Vec<String> = crate_paths(&tokens, 2)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        ["content", "config", "diagnostics", "markdown", "output"]
    );
    // One level down, `super::` is the crate root already.
    let names = crate_paths(&tokens_of("\nuse super::Error;\n"), 1);
    assert_eq!(names, [("Error".to_string(), 2)]);
}

fn tokens_of(code: &str) -> Vec<(String, usize)> {
    tokens(&code_only(code))
}

#[test]
fn site_methods_and_calls_are_found() {
    let code = "
impl Site {
    pub fn person(&self) {}
    pub(crate) fn page_view(&self) { if x { self.inner() } }
    pub(super) fn local(&self) {}
    fn private(&self) {}
}
impl Other { pub fn not_site(&self) {} }
fn f(site: &Site) { site.person(); Site::load(); x.len() }
";
    let tokens = tokens_of(code);
    assert_eq!(site_methods(&tokens), ["person", "page_view"]);
    let calls: Vec<String> = method_calls(&tokens).into_iter().map(|(n, _)| n).collect();
    assert_eq!(calls, ["inner", "person", "load", "len"]);
}
