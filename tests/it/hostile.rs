//! Hostile input (issue #8): `tests/fixtures/hostile` puts script payloads into every
//! field that reaches output: site.yaml strings, names, roles, tags, expertise, links,
//! avatar, slides and video URLs, bodies, answer headings, credits notes, and template
//! syntax. No output file may carry anything that runs: no script element of ours
//! but JSON-LD and the search script, no `on*` attribute, no `javascript:`, `vbscript:`
//! or `data:` URL, no frames, objects or inline SVG. Feeds, JSON-LD and search
//! fragments are checked too, and the search page is checked in a real browser.

use scraper::{Html, Selector};

use crate::search::search_titles;
use crate::{SiteTest, snapshot_tree};

/// What makes a document run code, in the HTML of `file`; empty when safe.
pub(crate) fn dangers(file: &str, html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    for el in doc.select(&Selector::parse("*").unwrap()) {
        let name = el.value().name();
        let attr = |a: &str| el.value().attr(a).unwrap_or_default();
        let ours = name == "script"
            && (attr("type") == "application/ld+json" || attr("src").contains("search/search.js"));
        if matches!(
            name,
            "script" | "iframe" | "object" | "embed" | "svg" | "math" | "base" | "frame"
        ) && !ours
        {
            found.push(format!("{file}: <{name}>"));
        }
        for (key, value) in el.value().attrs() {
            if key.starts_with("on") {
                found.push(format!("{file}: <{name} {key}=…>"));
            }
            let url_attr = matches!(
                key,
                "href" | "src" | "action" | "formaction" | "srcset" | "data" | "poster"
            );
            let squashed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if url_attr
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| squashed.starts_with(s))
            {
                found.push(format!("{file}: <{name} {key}=\"{value}\">"));
            }
        }
    }
    found
}

#[test]
fn no_payload_survives_in_any_output_file() {
    let built = SiteTest::new("hostile").build().success();
    let files = snapshot_tree(&built.out);
    assert!(
        files.len() > 30,
        "the hostile site built only {} files",
        files.len()
    );
    let mut found = Vec::new();
    let (mut html, mut feeds, mut fragments, mut ld) = (0, 0, 0, 0);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            html += 1;
            found.extend(dangers(path, &text));
            for script in Html::parse_document(&text)
                .select(&Selector::parse("script[type=\"application/ld+json\"]").unwrap())
            {
                ld += 1;
                let json = script.inner_html();
                assert!(
                    !json.to_ascii_lowercase().contains("</"),
                    "{path}: JSON-LD can close its script"
                );
                serde_json::from_str::<serde_json::Value>(&json)
                    .unwrap_or_else(|e| panic!("{path}: JSON-LD is not JSON ({e})"));
            }
        } else if path.ends_with(".xml") && path.contains("feed") {
            feeds += 1;
            let feed = feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{path}: {e}"));
            for entry in feed.entries {
                if let Some(content) = entry.content.and_then(|c| c.body) {
                    found.extend(dangers(&format!("{path} (entry)"), &content));
                }
            }
        } else if path.starts_with("search/f/") {
            let bytes =
                cairn::search::as_read(path, bytes).unwrap_or_else(|| panic!("{path}: not gzip"));
            let file = serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            fragments += file
                .as_array()
                .unwrap_or_else(|| panic!("{path}: not an array of fragments"))
                .len();
        }
    }
    assert!(
        html > 15 && feeds > 3 && fragments > 5 && ld > 10,
        "{html} {feeds} {fragments} {ld}"
    );
    assert!(
        found.is_empty(),
        "executable payloads in the output:\n{}",
        found.join("\n")
    );
}

#[test]
fn payloads_show_as_text_and_template_syntax_is_not_evaluated() {
    let built = SiteTest::new("hostile").build().success();
    let page = built.page("qa/2025-01-01-payloads/index.html");
    let title = page.texts("h1").join(" ");
    assert!(
        title.contains("<img src=x onerror=alert('qa-title')>"),
        "{title}"
    );
    let body = built.read("qa/2025-01-01-payloads/index.html");
    assert!(
        body.contains("Template syntax stays text: {{ site.title }}"),
        "{{ }} in a body is text"
    );
    assert!(
        body.contains("{% for x in [1] %}loop{% endfor %}"),
        "template syntax in a body is text"
    );
    let member = built.page("members/mallory/index.html");
    assert!(
        member
            .texts("h1")
            .join(" ")
            .contains("Mallory <script>alert('name')</script>")
    );
    // A link value that is not an http(s) URL is shown, never linked.
    assert!(
        !built
            .read("members/mallory/index.html")
            .contains("href=\"javascript")
    );
}

/// Only http(s) URLs and site paths are accepted in URL fields, each refusal located.
#[test]
fn url_fields_refuse_other_schemes() {
    let cases = [
        (
            "content/talks/2025-03-01-payload-talk.md",
            "slides: \"/static/slides.pdf?",
            "slides: \"javascript:alert(1)//",
        ),
        (
            "content/talks/2025-03-01-payload-talk.md",
            "video: \"https://video.example.org/",
            "video: \"data:text/html,x/",
        ),
        (
            "content/talks/2025-03-01-payload-talk.md",
            "url: \"https://example.org/?a=",
            "url: \"javascript:alert(1)//?a=",
        ),
        (
            "content/members/mallory.md",
            "avatar: \"/static/a.png",
            "avatar: \"//evil.example/a.png",
        ),
    ];
    for (file, from, to) in cases {
        let path = crate::manifest().join("tests/fixtures/hostile").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lacks {from}");
        let report = SiteTest::new("hostile")
            .file(file, &text.replacen(from, to, 1))
            .build()
            .content_errors()
            .report();
        assert!(
            report.contains("must be an http(s) URL or a path on this site"),
            "{to}: {report}"
        );
        assert!(
            report.contains(file),
            "{to}: not located in {file}: {report}"
        );
    }
}

/// The search page shows hostile titles, tags and people as text in a real browser.
#[test]
fn search_results_render_payloads_as_text_in_a_real_browser() {
    let found = search_titles(
        &SiteTest::new("hostile"),
        &["q=alert", "q=mallory", "q=evil"],
    );
    let all: Vec<&String> = found.iter().flatten().collect();
    assert!(
        all.iter()
            .any(|t| t.contains("<img src=x onerror=alert('qa-title')>")),
        "{found:?}"
    );
    assert!(
        all.iter()
            .any(|t| t.contains("Mallory <script>alert('name')</script>")),
        "{found:?}"
    );
    assert!(
        !found[2].is_empty(),
        "a private-free company name is searchable: {found:?}"
    );
}

/// The checker itself: each kind of danger it looks for is caught.
#[test]
fn the_checker_catches_what_it_looks_for() {
    let cases = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=' jav&#x09;ascript:alert(1)'>x</a>",
        "<a href='DATA:text/html,x'>x</a>",
        "<svg><circle/></svg>",
        "<iframe src='/x'></iframe>",
        "<form action='vbscript:x'></form>",
    ];
    for case in cases {
        assert!(!dangers("case", case).is_empty(), "{case} not caught");
    }
    assert!(
        dangers(
            "ok",
            "<script type=\"application/ld+json\">{}</script><a href=\"/x\">x</a>"
        )
        .is_empty()
    );
}

#[test]
fn an_imported_chat_full_of_payloads_publishes_them_as_text() {
    // `cairn import` (issue #16): sender names and messages full of HTML, template
    // syntax and Markdown go through the draft into pages, as text.
    let site = SiteTest::new("hostile")
        .file(
            "content/members/mallory.md",
            &std::fs::read_to_string(crate::manifest().join("tests/fixtures/hostile/content/members/mallory.md"))
                .unwrap()
                .replacen("---\n", "---\naccounts: { wechat: [\"<b>M</b> onerror=x\"] }\n", 1),
        )
        .file(
            "content/members/trent.md",
            "---\nname: Trent\naccounts: { wechat: [\"Trent {{ x }}\"] }\n---\nTrent.\n",
        )
        .file(
            "chat.txt",
            "[2025-01-02 20:00] <b>M</b> onerror=x: 请问 <img src=x onerror=alert('q')> {{ site.title }} 怎么办？\n\
             [2025-01-02 20:01] Trent {{ x }}: <script>alert('a')</script>\n\
             # heading?\n> quote\n[x](javascript:alert('l')) `code` *em* @nobody\n\
             <iframe src=javascript:alert('f')></iframe> {% raw %}\n",
        );
    let chat = site.root().join("chat.txt");
    let imported = site.run(&["import".into(), chat.display().to_string()]);
    assert!(imported.output.status.success(), "{}", imported.stderr());
    let built = site.arg("--drafts").build().success();
    let draft_dir = std::fs::read_dir(built.out.join("qa"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("2025-01-02"))
        .expect("the imported Q&A is published with --drafts");
    let page = std::fs::read_to_string(draft_dir.path().join("index.html")).unwrap();
    let found = dangers("imported Q&A", &page);
    assert!(found.is_empty(), "{}", found.join("\n"));
    for shown in [
        "&lt;script&gt;alert(&#39;a&#39;)&lt;/script&gt;",
        "{{ site.title }}",
        "# heading?",
        "[x](javascript:alert(&#39;l&#39;))",
    ] {
        let alt = shown.replace("&#39;", "'");
        assert!(
            page.contains(shown) || page.contains(&alt),
            "{shown} is not shown as text"
        );
    }
    for (path, bytes) in snapshot_tree(&built.out) {
        if path.ends_with(".html") {
            let found = dangers(&path, &String::from_utf8_lossy(&bytes));
            assert!(found.is_empty(), "{}", found.join("\n"));
        }
    }
}
