//! Search (DESIGN §7): the Rust and browser tokenizers agree token for token, and the
//! search page finds Chinese in either script, stemmed English and filtered results in
//! real headless Chromium, showing hostile titles as text. Needs `node` and Debian's
//! `chromium` (`.ci/run` installs both); a missing one fails the test.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cairn::search::tokenize;
use headless_chrome::Tab;

use crate::SiteTest;
use crate::a11y::browser;
use crate::serve::serve;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `search.js` under Node with the full folding table: the tokens (or stems) of
/// every input, as the browser computes them.
fn node(mode: &str, items: &[String]) -> Vec<serde_json::Value> {
    let pairs: String = tokenize::fold_table()
        .iter()
        .flat_map(|(a, b)| [*a, *b])
        .collect();
    let script = r#"
        const fs = require('fs'), vm = require('vm');
        vm.runInThisContext(fs.readFileSync(process.env.CAIRN_SEARCH_JS, 'utf8'));
        const input = JSON.parse(fs.readFileSync(0, 'utf8'));
        cairnSearch.setFold(input.fold);
        const f = input.mode === 'stem' ? cairnSearch.stem : cairnSearch.tokenize;
        process.stdout.write(JSON.stringify(input.items.map((s) => f(s))));
    "#;
    // The script as served: its parts in src/search/js/, joined.
    let js = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(js.path(), cairn::search::SCRIPT).unwrap();
    let mut child = Command::new("node")
        .args(["-e", script])
        .env("CAIRN_SEARCH_JS", js.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node is needed to run the browser tokenizer (.ci/run installs nodejs)");
    let input = serde_json::json!({ "fold": pairs, "mode": mode, "items": items });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The shared strings plus every line of the example site: simplified, traditional,
/// English, mixed, identifiers, full-width, emoji.
fn shared_strings() -> Vec<String> {
    let mut lines: Vec<String> =
        std::fs::read_to_string(manifest().join("tests/fixtures/search/tokens.txt"))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
    for entry in walkdir::WalkDir::new(manifest().join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            lines.extend(text.lines().map(str::to_string));
        }
    }
    lines
}

#[test]
fn rust_and_browser_tokenizers_agree() {
    let strings = shared_strings();
    assert!(
        strings.len() > 500,
        "the shared list is too small to mean much"
    );
    let browser = node("tokenize", &strings);
    // `zip` below stops at the shorter side: a browser that dropped strings must fail.
    assert_eq!(browser.len(), strings.len(), "one token list per string");
    let mut differ = Vec::new();
    for (s, js) in strings.iter().zip(&browser) {
        let rust = serde_json::to_value(tokenize::tokenize(s)).unwrap();
        if &rust != js {
            differ.push(format!("{s:?}\n  rust: {rust}\n  js:   {js}"));
        }
    }
    assert!(
        differ.is_empty(),
        "tokenizers differ:\n{}",
        differ[..differ.len().min(10)].join("\n")
    );
    // The list does exercise every rule.
    let all: Vec<String> = strings.iter().flat_map(|s| tokenize::tokenize(s)).collect();
    for expected in [
        "数据", "资料", "回", "instal", "http", "rust", "123", "カタ", "한국",
    ] {
        assert!(all.iter().any(|t| t == expected), "no token {expected}");
    }
}

/// Words built from every suffix the stemmer handles, plus every English word of the
/// example site: the JS port must stem each exactly as rust-stemmers does.
#[test]
fn browser_stemmer_matches_rust_stemmers() {
    let stems = [
        "connect", "relat", "gener", "hop", "fil", "agre", "feed", "bleed", "troubl", "siz",
        "fall", "cr", "t", "happ", "visit", "moder", "communit", "organ", "nation", "sens", "rat",
        "analy", "digit", "hope", "cooper", "univers", "b", "bu", "orbit", "sky", "mess", "plan",
        "control", "tap", "fizz", "succe", "proce", "exce", "inn", "out", "cann",
    ];
    let suffixes = [
        "", "s", "es", "ies", "ied", "sses", "ss", "us", "ed", "eed", "ing", "edly", "eedly",
        "ingly", "y", "ational", "tional", "enci", "anci", "izer", "abli", "alli", "entli", "eli",
        "ousli", "ization", "ation", "ator", "alism", "iveness", "fulness", "ousness", "aliti",
        "iviti", "biliti", "logi", "fulli", "lessli", "li", "icate", "ative", "alize", "iciti",
        "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
        "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "sion", "tion", "e", "le", "ll",
        "ying", "at", "bl", "iz", "ening", "ings",
    ];
    let mut words: Vec<String> = stems
        .iter()
        .flat_map(|s| suffixes.iter().map(move |x| format!("{s}{x}")))
        .collect();
    for line in shared_strings() {
        words.extend(
            line.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| !w.is_empty())
                .map(|w| w.to_ascii_lowercase()),
        );
    }
    // Snowball's exception words, stemmed by list rather than by rule: special
    // forms, invariants, and step 1a's exceptions (with a form that does change).
    words.extend(
        [
            "skis",
            "skies",
            "dying",
            "lying",
            "tying",
            "idly",
            "gently",
            "ugly",
            "early",
            "only",
            "singly",
            "sky",
            "news",
            "howe",
            "atlas",
            "cosmos",
            "bias",
            "andes",
            "inning",
            "innings",
            "outing",
            "outings",
            "canning",
            "cannings",
            "herring",
            "herrings",
            "earring",
            "earrings",
            "proceed",
            "proceeds",
            "exceed",
            "exceeds",
            "succeed",
            "succeeds",
            "generate",
            "generously",
            "communism",
            "communal",
            "arsenal",
        ]
        .map(String::from),
    );
    words.sort();
    words.dedup();
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let js = node("stem", &words);
    assert_eq!(js.len(), words.len(), "one stem per word");
    let differ: Vec<String> = words
        .iter()
        .zip(&js)
        .filter(|(w, j)| j.as_str() != Some(&stemmer.stem(w)))
        .map(|(w, j)| format!("{w}: rust {} js {j}", stemmer.stem(w)))
        .collect();
    assert!(words.len() > 3000);
    assert!(
        differ.is_empty(),
        "{} of {} differ:\n{}",
        differ.len(),
        words.len(),
        differ[..differ.len().min(20)].join("\n")
    );
}

/// Opens `/search/?<query>` and returns the result titles once the search has run.
pub fn results(tab: &Tab, addr: &str, query: &str) -> Vec<String> {
    tab.navigate_to(&format!("http://{addr}/search/?{query}"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    settled(tab, query)
}

/// Waits until the results list says it shows `query` (`search.js` marks it).
pub fn settled(tab: &Tab, query: &str) -> Vec<String> {
    let expected = url_query(query);
    let start = Instant::now();
    loop {
        let done = tab
            .evaluate(
                "(() => { const l = document.getElementById('search-results');
                  return l.getAttribute('aria-busy') === 'false' ? l.dataset.query : null; })()",
                false,
            )
            .unwrap()
            .value;
        if done.as_ref().and_then(|v| v.as_str()) == Some(expected.as_str()) {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let status = tab
                .evaluate(
                    "document.getElementById('search-status').textContent + ' @ ' + location.href",
                    false,
                )
                .unwrap()
                .value;
            panic!("search for {query} never finished ({done:?}, {status:?})");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    titles(tab)
}

/// The titles of the results listed now.
pub fn titles(tab: &Tab) -> Vec<String> {
    let titles = eval(
        tab,
        "JSON.stringify([...document.querySelectorAll('#search-results .search-title')].map(a => a.textContent))",
    );
    serde_json::from_str(titles.as_str().unwrap()).unwrap()
}

pub fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false).unwrap().value.unwrap_or_default()
}

/// `q=数据库&kind=qa` as the page's URLSearchParams prints it (a space as `+`).
fn url_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            let v = percent_encoding::percent_decode_str(v)
                .decode_utf8()
                .unwrap();
            format!(
                "{k}={}",
                percent_encoding::utf8_percent_encode(&v, percent_encoding::NON_ALPHANUMERIC)
            )
            .replace("%20", "+")
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[test]
fn search_finds_chinese_in_either_script_and_stemmed_english_in_a_real_browser() {
    let site = SiteTest::example()
        .file(
            "content/qa/2026-10-30-hostile.md",
            "---\ntitle: \"<img src=x onerror=alert(1)> 数据库迁移\"\ndate: 2026-10-30\nasked_by: lisi\n---\n数据库迁移要先备份。\n",
        )
        .file(
            "content/qa/2026-10-29-near-miss.md",
            "---\ntitle: 只是相邻的字\ndate: 2026-10-29\nasked_by: lisi\n---\n数据很多,依据库存来定。\n",
        );
    let s = serve(&site);
    let b = browser(false);
    let tab = b.new_tab().unwrap();

    // Traditional content, simplified query.
    let found = results(&tab, &s.addr, "q=实体聚会");
    assert!(
        found.iter().any(|t| t.contains("第一次辦實體聚會")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|t| t.contains("實體聚會籌備清單")),
        "{found:?}"
    );
    // Simplified content, traditional query, and the same results as the simplified one.
    let traditional = results(&tab, &s.addr, "q=聊天記錄");
    assert!(
        traditional
            .iter()
            .any(|t| t.contains("微信群聊天记录整理到 Notion")),
        "{traditional:?}"
    );
    assert_eq!(traditional, results(&tab, &s.addr, "q=聊天记录"));
    // Bigrams of a phrase that only occur apart never match.
    let phrase = results(&tab, &s.addr, "q=数据库");
    assert!(
        phrase.iter().any(|t| t.contains("数据库迁移")),
        "{phrase:?}"
    );
    assert!(
        !phrase.iter().any(|t| t.contains("只是相邻的字")),
        "{phrase:?}"
    );
    // A hostile title is shown as text.
    let imgs = tab
        .evaluate(
            "document.querySelectorAll('#search-results img, #search-results [onerror]').length",
            false,
        )
        .unwrap()
        .value
        .unwrap();
    assert_eq!(imgs, serde_json::json!(0));
    assert!(
        phrase
            .iter()
            .any(|t| t.starts_with("<img src=x onerror=alert(1)>")),
        "{phrase:?}"
    );

    // English, stemmed: "exporting" finds pages that say "export".
    let english = results(&tab, &s.addr, "q=exporting");
    assert!(!english.is_empty());
    assert!(
        english.iter().any(|t| t.contains("聊天记录")),
        "{english:?}"
    );
    // Filters: a kind keeps only that kind; a tag only pages with that tag.
    let discord = results(&tab, &s.addr, "q=discord");
    let solutions = results(&tab, &s.addr, "q=discord&kind=solution");
    assert_eq!(
        solutions,
        ["A question-first onboarding flow for large Discord servers"],
        "{discord:?}"
    );
    assert!(discord.len() > solutions.len() + 2, "{discord:?}");
    let kinds = tab
        .evaluate("[...document.querySelectorAll('#search-results .kind')].map(k => k.textContent).join('|')", false)
        .unwrap()
        .value
        .unwrap();
    assert_eq!(kinds.as_str(), Some("解决方案"));
    let tagged = results(&tab, &s.addr, "q=discord&tag=community");
    assert!(
        !tagged.is_empty() && tagged.len() < discord.len(),
        "{tagged:?}"
    );
    assert!(tagged.iter().all(|t| discord.contains(t)));
    let newest = results(&tab, &s.addr, "q=discord&sort=newest");
    assert_eq!(newest.len(), discord.len());
    assert_ne!(newest, discord, "newest first is another order");

    // Matches are highlighted; the keyboard moves from the box through the results.
    results(&tab, &s.addr, "q=discord");
    let marks = eval(
        &tab,
        "[...document.querySelectorAll('#search-results mark')].map(m => m.textContent.toLowerCase()).join('|')",
    );
    assert!(
        marks.as_str().unwrap().split('|').any(|m| m == "discord"),
        "{marks:?}"
    );
    let focused = "(() => { const a = document.activeElement; return a.id || a.textContent; })()";
    tab.find_element("#search-q").unwrap().click().unwrap();
    tab.press_key("ArrowDown").unwrap();
    assert_eq!(eval(&tab, focused).as_str(), Some(discord[0].as_str()));
    tab.press_key("ArrowDown").unwrap();
    assert_eq!(eval(&tab, focused).as_str(), Some(discord[1].as_str()));
    tab.press_key("Escape").unwrap();
    assert_eq!(eval(&tab, focused).as_str(), Some("search-q"));

    // Nothing found: an empty list and a message that names the query.
    assert!(results(&tab, &s.addr, "q=zqxjvw").is_empty());
    let status = eval(&tab, "document.getElementById('search-status').textContent");
    assert!(status.as_str().unwrap().contains("zqxjvw"), "{status:?}");

    // Results as you type, from the box.
    tab.navigate_to(&format!("http://{}/search/", s.addr))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    tab.find_element("#search-q").unwrap().click().unwrap();
    tab.type_str("webhook").unwrap();
    let typed = settled(&tab, "q=webhook");
    assert!(!typed.is_empty(), "typing found nothing");
}

/// More than 300 pages share a word: the first 300 postings come from the shard, the
/// rest from overflow files, and "More results" pages through every one of them.
#[test]
fn more_results_page_through_the_overflow_in_a_real_browser() {
    let mut site = SiteTest::new("small");
    let pages = 330;
    for n in 0..pages {
        site = site.file(
            &format!("content/qa/2025-01-01-many-{n}.md"),
            &format!(
                "---\ntitle: Question {n}\nasked_by: lisi\n---\nA shared overflowword{} here.\n",
                " again".repeat(n % 5)
            ),
        );
    }
    let s = serve(&site);
    let b = browser(false);
    let tab = b.new_tab().unwrap();
    let first = results(&tab, &s.addr, "q=overflowword");
    assert_eq!(first.len(), 10);
    // Room to record every fetch (the default keeps 250): the overflow chunks come
    // after hundreds of fragments.
    tab.evaluate("performance.setResourceTimingBufferSize(100000)", false)
        .unwrap();
    let mut shown = first.len();
    while tab
        .evaluate("document.getElementById('search-more').hidden", false)
        .unwrap()
        .value
        == Some(serde_json::Value::Bool(false))
    {
        tab.find_element("#search-more").unwrap().click().unwrap();
        let start = Instant::now();
        loop {
            let count = tab
                .evaluate(
                    "document.querySelectorAll('#search-results li').length",
                    false,
                )
                .unwrap()
                .value
                .and_then(|v| v.as_u64())
                .unwrap_or(0) as usize;
            let more_hidden = tab
                .evaluate("document.getElementById('search-more').hidden", false)
                .unwrap()
                .value
                == Some(serde_json::Value::Bool(true));
            if count > shown || more_hidden {
                shown = count;
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "More results stalled at {shown}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    // The results past the shard's 300 came from overflow chunks the page fetched.
    let fetched = tab
        .evaluate(
            "performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/search/o/')).length",
            false,
        )
        .unwrap()
        .value
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    assert!(
        fetched > 0,
        "no overflow chunk (search/o/*.json) was fetched"
    );
    let titles = settled(&tab, "q=overflowword");
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        (titles.len(), unique.len()),
        (pages, pages),
        "every page once"
    );
}

/// Serves `site`, runs each `/search/?<query>` in Chromium, checks that the results hold
/// no element or attribute that could run, and returns each query's result titles.
pub fn search_titles(site: &SiteTest, queries: &[&str]) -> Vec<Vec<String>> {
    let s = serve(site);
    let b = browser(false);
    let tab = b.new_tab().unwrap();
    queries
        .iter()
        .map(|query| {
            let titles = results(&tab, &s.addr, query);
            let risky = tab
                .evaluate(
                    "document.querySelectorAll('#search-results :is(script, img, svg, iframe, object, embed, [onerror], [onload], [onclick], [onmouseover])').length",
                    false,
                )
                .unwrap()
                .value;
            assert_eq!(risky, Some(serde_json::json!(0)), "{query}: markup from the index was inserted as HTML");
            titles
        })
        .collect()
}

/// The term dictionary maps words as typed to their terms (`exporting` → `export`) at
/// build time; the browser looks up what a member types there. Typed in the browser,
/// each such word must give exactly its term.
#[test]
fn dictionary_words_tokenize_to_their_terms_in_the_browser() {
    let mut tokenizer = tokenize::Tokenizer::default();
    for s in shared_strings() {
        tokenizer.each_token(&s, |_| {});
    }
    let mut surfaces = std::mem::take(&mut tokenizer.surfaces);
    surfaces.sort();
    surfaces.dedup();
    assert!(surfaces.len() > 300, "{}", surfaces.len());
    let words: Vec<String> = surfaces.iter().map(|(w, _)| w.to_string()).collect();
    let js = node("tokenize", &words);
    let differ: Vec<String> = surfaces
        .iter()
        .zip(&js)
        .filter(|((_, term), js)| **js != serde_json::json!([term.as_ref()]))
        .map(|((word, term), js)| format!("{word}: rust {term} js {js}"))
        .collect();
    assert!(
        differ.is_empty(),
        "{}",
        differ[..differ.len().min(20)].join("\n")
    );
}
