//! Feeds, sitemap, robots.txt and JSON-LD of the `small` fixture.

use serde_json::Value;

use crate::SiteTest;

fn feed(built: &crate::Built, rel: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(built.read(rel).as_bytes()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn feeds_parse_with_entries_authors_and_links() {
    let built = SiteTest::new("small").build().success();
    let site = feed(&built, "feed.xml");
    assert_eq!(
        site.entries.len(),
        7,
        "every write-up: 3 Q&As, 3 solutions, 1 talk"
    );
    let first = &site.entries[0];
    assert_eq!(
        first.title.as_ref().unwrap().content,
        "From 0 to 1000 members"
    );
    assert_eq!(
        first.links[0].href,
        "https://example.org/talks/2024-06-20-reading-club/"
    );
    assert_eq!(first.authors[0].name.as_deref(), Some("Professor Zhou"));
    let qa = feed(&built, "qa/feed.xml");
    assert_eq!(qa.entries.len(), 3);
    let ice = qa
        .entries
        .iter()
        .find(|e| e.id == "https://example.org/qa/2024-03-12-ice-breaking/")
        .unwrap();
    let names: Vec<&str> = ice
        .authors
        .iter()
        .filter_map(|a| a.name.as_deref())
        .collect();
    assert_eq!(names, ["张伟", "Li Si", "王芳", "a member"]);
    assert!(
        ice.content
            .as_ref()
            .unwrap()
            .body
            .as_ref()
            .unwrap()
            .contains("Post the rules")
    );
    let tag = feed(&built, "tags/onboarding/feed.xml");
    assert_eq!(tag.entries.len(), 3);
    assert!(tag.entries.iter().all(|e| e.content.is_some()));
    // A member's feed carries summaries, not the whole text (docs/BENCHMARKS.md).
    let member = feed(&built, "members/lisi/feed.xml");
    assert!(member.entries.len() >= 4);
    assert!(member.entries.iter().all(|e| e.content.is_none()));
    let ice_summary = member
        .entries
        .iter()
        .find(|e| e.id == ice.id)
        .and_then(|e| e.summary.as_ref())
        .expect("lisi's feed has the ice-breaking Q&A with a summary");
    assert!(!ice_summary.content.is_empty());
    assert!(!built.out.join("members/ghost/feed.xml").exists());
}

#[test]
fn pages_link_their_feed() {
    let built = SiteTest::new("small").build().success();
    let alt = |rel: &str| {
        built
            .page(rel)
            .attrs("link[rel=alternate][type='application/atom+xml']", "href")
    };
    assert_eq!(alt(""), ["/feed.xml"]);
    assert_eq!(alt("qa/"), ["/qa/feed.xml"]);
    assert_eq!(alt("qa/2024-03-12-ice-breaking/"), ["/qa/feed.xml"]);
    assert_eq!(alt("tags/onboarding/"), ["/tags/onboarding/feed.xml"]);
    assert_eq!(alt("members/lisi/"), ["/members/lisi/feed.xml"]);
}

#[test]
fn every_sitemap_url_exists_and_robots_points_at_it() {
    let built = SiteTest::new("small")
        .arg("--base-url")
        .arg("https://example.org/archive/")
        .build()
        .success();
    let sitemap = built.read("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    assert!(locs.len() > 20);
    for loc in &locs {
        let rel = loc
            .strip_prefix("https://example.org/archive/")
            .unwrap_or_else(|| panic!("{loc}"));
        assert!(
            built.out.join(rel).join("index.html").is_file(),
            "{loc} is not in the output"
        );
    }
    assert!(sitemap.contains("<loc>https://example.org/archive/qa/2024-03-12-ice-breaking/</loc><lastmod>2024-03-12</lastmod>"));
    assert!(!sitemap.contains("ghost"));
    assert!(
        built
            .read("robots.txt")
            .contains("Sitemap: https://example.org/archive/sitemap.xml")
    );
}

fn jsonld(built: &crate::Built, rel: &str) -> Value {
    let page = built.page(rel);
    let sel = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
    let blocks: Vec<String> = page.html.select(&sel).map(|e| e.inner_html()).collect();
    assert_eq!(blocks.len(), 1, "{rel}");
    serde_json::from_str(&blocks[0]).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn structured_data_fits_each_kind() {
    let built = SiteTest::new("small").build().success();
    let qa = jsonld(&built, "qa/2024-03-12-ice-breaking/");
    assert_eq!(qa["@context"], "https://schema.org");
    assert_eq!(qa["@type"], "DiscussionForumPosting");
    assert_eq!(
        qa["headline"],
        "How do we keep a new group from going quiet?"
    );
    assert_eq!(qa["author"]["name"], "张伟");
    let comments = qa["comment"].as_array().unwrap();
    assert_eq!(comments.len(), 3);
    assert_eq!(comments[0]["@type"], "Comment");
    assert_eq!(
        comments[0]["url"],
        "https://example.org/qa/2024-03-12-ice-breaking/#answer-lisi"
    );
    assert_eq!(
        comments[2]["author"],
        serde_json::json!({ "@type": "Person", "name": "a member" })
    );
    let solution = jsonld(&built, "solutions/2024-05-02-points/");
    assert_eq!(solution["@type"], "TechArticle");
    assert_eq!(solution["dateModified"], "2026-09-01");
    assert_eq!(solution["author"].as_array().unwrap().len(), 2);
    let talk = jsonld(&built, "talks/2024-06-20-reading-club/");
    assert_eq!(talk["@type"], "Event");
    assert_eq!(talk["startDate"], "2024-06-20");
    assert_eq!(talk["performer"]["name"], "Professor Zhou");
    assert_eq!(talk["recordedIn"]["@type"], "VideoObject");
    assert_eq!(talk["duration"], "PT60M");
    let profile = jsonld(&built, "members/wangfang/");
    assert_eq!(profile["@type"], "ProfilePage");
    assert_eq!(profile["mainEntity"]["@type"], "Person");
    assert_eq!(
        profile["mainEntity"]["sameAs"][0],
        "https://wangfang.example.com"
    );
    let list = jsonld(&built, "qa/");
    assert_eq!(list["@type"], "CollectionPage");
    assert_eq!(list["breadcrumb"]["@type"], "BreadcrumbList");
    let all = crate::snapshot_tree(&built.out);
    for (path, bytes) in all {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("SECRET-COMPANY-SENTINEL"),
            "{path}"
        );
    }
}

#[test]
fn a_hostile_title_cannot_break_out_of_structured_data() {
    let built = SiteTest::new("small")
        .file(
            "content/qa/2024-06-01-x.md",
            "---\ntitle: \"</script><script>alert(1)</script>\"\nasked_by: lisi\n---\nQ\n",
        )
        .build()
        .success();
    let page = built.page("qa/2024-06-01-x/");
    assert!(!page.source.contains("<script>alert(1)"), "{}", page.source);
    assert_eq!(
        jsonld(&built, "qa/2024-06-01-x/")["headline"],
        "</script><script>alert(1)</script>"
    );
}

#[test]
fn share_cards_carry_title_description_and_url() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("solutions/2024-05-02-points/");
    assert_eq!(
        page.attrs("meta[property='og:title']", "content"),
        ["Points for sharing"]
    );
    assert_eq!(
        page.attrs("meta[property='og:description']", "content"),
        ["Members take but do not share"]
    );
    assert_eq!(
        page.attrs("meta[property='og:url']", "content"),
        ["https://example.org/solutions/2024-05-02-points/"]
    );
    assert_eq!(
        page.attrs("meta[property='og:type']", "content"),
        ["article"]
    );
    assert_eq!(
        page.attrs("meta[name='twitter:card']", "content"),
        ["summary"]
    );
    // X falls back to og:title and og:description; the page does not repeat them.
    assert!(
        page.attrs("meta[name='twitter:title']", "content")
            .is_empty()
    );
    assert!(
        page.attrs("meta[name='twitter:description']", "content")
            .is_empty()
    );
    assert_eq!(
        page.attrs("meta[name='description']", "content"),
        ["Members take but do not share"]
    );
}

/// Reads `xml` to its end with an XML parser; the names of its elements, in order.
fn xml_elements(rel: &str, xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return names,
            Ok(quick_xml::events::Event::Start(e)) => {
                names.push(AsRef::<str>::as_ref(&e.name()).to_string());
            }
            Ok(quick_xml::events::Event::Text(t)) => {
                let text: &str = &t;
                if let Some(c) = text.chars().find(|&c| {
                    !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
                }) {
                    panic!("{rel}: U+{:04X}, a character XML forbids", u32::from(c));
                }
            }
            Ok(_) => {}
            Err(e) => panic!("{rel} is not XML: {e}"),
        }
    }
}

#[test]
fn the_sitemap_parses_as_xml_with_a_loc_per_url() {
    let built = crate::SiteTest::new("small").build().success();
    let sitemap = built.read("sitemap.xml");
    let names = xml_elements("sitemap.xml", &sitemap);
    assert_eq!(names.first().map(String::as_str), Some("urlset"));
    let urls = names.iter().filter(|n| *n == "url").count();
    assert!(urls > 5, "{sitemap}");
    assert_eq!(urls, names.iter().filter(|n| *n == "loc").count());
    xml_elements("feed.xml", &built.read("feed.xml"));
}

#[test]
fn a_title_with_a_character_xml_forbids_is_a_located_error() {
    for escape in ["\\uFFFF", "\\x01"] {
        let site = crate::SiteTest::new("small").file(
            "content/qa/2024-05-01-odd.md",
            &format!("---\ntitle: \"Odd {escape} title\"\nasked_by: zhangwei\n---\nBody.\n"),
        );
        let built = site.build();
        let stderr = built.stderr();
        assert_eq!(built.output.status.code(), Some(1), "{escape}: {stderr}");
        assert!(
            stderr.contains("2024-05-01-odd.md:2:"),
            "{escape}: {stderr}"
        );
        assert!(stderr.contains("XML forbids"), "{escape}: {stderr}");
    }
}
