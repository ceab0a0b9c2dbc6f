//! Books (`cairn book`, docs/BOOKS.md): EPUBCheck-clean EPUBs of the example site's book
//! and of a fixture book with every feature, credit lines, the privacy scan inside the
//! EPUB, byte-identical rebuilds, located definition errors, and the PDF printed by
//! headless Chromium. EPUBCheck (Debian's `epubcheck`), `pdftotext` (poppler-utils) and
//! `chromium` are required: `.ci/run` installs them, and a missing one fails the test.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Built, NOW, SiteTest, copy_tree, manifest};

/// The small fixture with the book fixture laid over it.
fn fixture() -> SiteTest {
    let site = SiteTest::new("small");
    copy_tree(&manifest().join("tests/fixtures/book"), site.root());
    site
}

fn book(site: &SiteTest, extra: &[&str]) -> Built {
    let mut args: Vec<String> = vec!["book".into(), "--now".into(), NOW.into()];
    args.extend(extra.iter().map(|s| s.to_string()));
    site.run(&args)
}

/// EPUBCheck's report on `epub`; panics when EPUBCheck cannot be run.
fn epubcheck(epub: &Path) -> (bool, String) {
    let jar = Path::new("/usr/share/java/epubcheck.jar");
    let mut cmd = if jar.is_file() {
        let mut c = Command::new("java");
        c.arg("-jar").arg(jar);
        c
    } else {
        Command::new("epubcheck")
    };
    let out = cmd.arg(epub).output().unwrap_or_else(|e| {
        panic!("EPUBCheck is required (apt-get install -y epubcheck; .ci/run does this): {e}")
    });
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn assert_epubcheck_clean(epub: &Path) {
    let (ok, report) = epubcheck(epub);
    assert!(
        ok && report.contains("No errors or warnings detected"),
        "EPUBCheck found problems in {}:\n{report}",
        epub.display()
    );
}

/// The files of an EPUB, by name, in zip order.
fn entries(epub: &Path) -> Vec<(String, String)> {
    let file = std::fs::File::open(epub).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (
                f.name().unwrap().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect()
}

fn entry(entries: &[(String, String)], name: &str) -> String {
    entries
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the EPUB"))
        .1
        .clone()
}

/// Each credit line of a chapter as `role: text`, whitespace folded.
fn credit_lines(xhtml: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(xhtml);
    let sel = scraper::Selector::parse("p.credit").unwrap();
    html.select(&sel)
        .map(|p| {
            let text: String = p.text().collect();
            format!(
                "{}: {}",
                p.value().attr("data-role").unwrap_or_default(),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        })
        .collect()
}

#[test]
fn the_example_sites_book_passes_epubcheck() {
    let site = SiteTest::example();
    let built = book(&site, &["first-month"]).success();
    let epub = built.out.join("books/first-month.epub");
    assert_epubcheck_clean(&epub);
    let files = entries(&epub);
    let nav = entry(&files, "OEBPS/nav.xhtml");
    // Two parts, each with its chapters under it.
    assert_eq!(nav.matches("part-").count(), 2, "{nav}");
    assert!(
        nav.contains("新群与破冰") && nav.contains("群规与秩序"),
        "{nav}"
    );
    assert!(files.iter().any(|(n, _)| n == "OEBPS/preface.xhtml"));
}

#[test]
fn a_book_with_every_feature_passes_epubcheck() {
    let site = fixture();
    let built = book(&site, &[]).success();
    let epub = built.out.join("books/everything.epub");
    assert_epubcheck_clean(&epub);
    let files = entries(&epub);
    assert_eq!(files[0].0, "mimetype", "mimetype comes first");
    let features = files
        .iter()
        .find(|(_, text)| {
            text.contains("Which features does a book keep?") && text.contains("<table")
        })
        .map(|(_, t)| t.clone())
        .expect("the features chapter");
    // The picture travels inside the book; the footnote keeps an XML id.
    assert!(
        features.contains("src=\"images/001-diagram.png\""),
        "{features}"
    );
    assert!(
        files
            .iter()
            .any(|(n, _)| n == "OEBPS/images/001-diagram.png")
    );
    assert!(features.contains("id=\"n-1\""), "{features}");
    assert!(features.contains("class=\"language-python\""), "{features}");
    // A link into the book goes to its chapter; one out of it to the site.
    assert!(
        features.contains("href=\"chapter-001.xhtml#answer-lisi\""),
        "{features}"
    );
    assert!(
        features.contains("href=\"https://example.org/qa/2024-04-01-open-question/\""),
        "{features}"
    );
    // Every chapter says its language.
    for (name, text) in files.iter().filter(|(n, _)| n.contains("chapter-")) {
        assert!(text.contains(" lang=\"en\""), "{name}");
    }
    // The hidden member is "a member" everywhere, and nothing private is inside.
    let all: String = files.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("a member"));
    for secret in [
        "HIDDEN-NAME-SENTINEL",
        "HIDDEN-COMPANY-SENTINEL",
        "SECRET-COMPANY-SENTINEL",
        "zw-wechat-sentinel",
    ] {
        assert!(!all.contains(secret), "{secret} in the book");
    }
    assert!(!all.contains("members/ghost/"), "a hidden member is linked");
}

#[test]
fn each_chapter_opens_with_the_credits_of_the_ledger() {
    let site = fixture();
    let built = book(&site, &[]).success();
    let files = entries(&built.out.join("books/everything.epub"));
    assert_eq!(
        credit_lines(&entry(&files, "OEBPS/chapter-001.xhtml")),
        [
            "asked: Asked by 张伟",
            "answered: Answered by Li Si ✓ accepted, 王芳, a member",
            "curated: Curated by 王芳",
        ]
    );
    assert_eq!(
        credit_lines(&entry(&files, "OEBPS/chapter-002.xhtml")),
        [
            "asked: Asked by a member",
            "answered: Answered by 张伟 ✓ accepted, Teacher Zhang (guest)",
            "curated: Curated by Li Si",
        ]
    );
    let solution = entry(&files, "OEBPS/chapter-003.xhtml");
    assert_eq!(
        credit_lines(&solution),
        ["wrote: Written by Li Si, 张伟", "curated: Curated by 王芳"]
    );
    let talk = entry(&files, "OEBPS/chapter-004.xhtml");
    assert_eq!(
        credit_lines(&talk),
        ["spoke: Speaker Professor Zhou (guest)", "hosted: Host 张伟"]
    );
    // Names link to the profiles on the site.
    assert!(solution.contains("<a href=\"https://example.org/members/lisi/\">Li Si</a>"));
    // The contributors: everyone credited, with tier and chapters; the hidden member once.
    let contributors = entry(&files, "OEBPS/contributors.xhtml");
    for name in ["Li Si", "王芳", "张伟", "Professor Zhou", "Teacher Zhang"] {
        assert!(
            contributors.contains(name),
            "{name} missing:\n{contributors}"
        );
    }
    assert_eq!(
        contributors.matches("a member").count(),
        1,
        "{contributors}"
    );
    assert!(
        contributors.contains("href=\"chapter-004.xhtml\""),
        "{contributors}"
    );
}

#[test]
fn a_private_value_in_a_chapter_fails_the_book_naming_the_chapter() {
    let site = fixture().file(
        "content/qa/2024-08-01-features.md",
        "---\ntitle: Where does Wang Fang work?\nasked_by: lisi\ntags: [onboarding]\n---\nAt SECRET-COMPANY-SENTINEL, she said.\n",
    );
    let built = book(&site, &[]).content_errors();
    let report = built.stderr();
    assert!(
        report.contains("chapter 2 \u{201c}Where does Wang Fang work?\u{201d}"),
        "{report}"
    );
    assert!(
        report.contains("`company` of member `wangfang`"),
        "{report}"
    );
    assert!(!report.contains("SECRET-COMPANY-SENTINEL"), "{report}");
    assert!(!built.out.join("books/everything.epub").exists());
    // The chapter is named in the moderator's language.
    let built = book(&site, &["--lang", "zh-TW"]).content_errors();
    let report = built.stderr();
    assert!(
        report.contains("books/everything: 第 2 章「Where does Wang Fang work?」"),
        "{report}"
    );
}

#[test]
fn two_builds_give_identical_bytes() {
    let site = fixture();
    let first =
        std::fs::read(book(&site, &[]).success().out.join("books/everything.epub")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again =
        std::fs::read(book(&site, &[]).success().out.join("books/everything.epub")).unwrap();
    assert!(first == again, "two builds of the same book differ");
    // And `build` writes the same book for a definition that says `publish: true`.
    let text = std::fs::read_to_string(site.root().join("books/everything.yaml")).unwrap();
    let site = site.file("books/everything.yaml", &format!("publish: true\n{text}"));
    let built = site.build().success();
    assert!(std::fs::read(built.out.join("books/everything.epub")).unwrap() == first);
    let page = built.page("books/");
    assert_eq!(
        page.attrs("a[href$='.epub']", "href"),
        ["/books/everything.epub"]
    );
}

#[test]
fn unknown_items_tags_and_handles_are_located_errors_with_hints() {
    let site = fixture().file(
        "books/everything.yaml",
        "title: Typos\neditors: [lisy]\nparts:\n  - title: One\n    items: [qa/2024-03-12-ice-braking]\n  - title: Two\n    query: { tags: [onbording] }\n  - title: Three\n    qurey: { tags: [x] }\n",
    );
    let report = book(&site, &[]).content_errors().report();
    // The part with a misspelt key stops the typing, so its problem comes alone.
    assert!(report.contains("unknown field `qurey`"), "{report}");
    assert!(report.contains("did you mean `query`?"), "{report}");
    assert!(report.contains("books/everything.yaml:9:"), "{report}");
    let site = fixture().file(
        "books/everything.yaml",
        "title: Typos\neditors: [lisy]\nparts:\n  - title: One\n    items: [qa/2024-03-12-ice-braking]\n  - title: Two\n    query: { tags: [onbording] }\n",
    );
    let report = book(&site, &[]).content_errors().report();
    assert!(report.contains("unknown member `lisy`"), "{report}");
    assert!(report.contains("did you mean `lisi`?"), "{report}");
    assert!(report.contains("books/everything.yaml:2:"), "{report}");
    assert!(
        report.contains("unknown item `qa/2024-03-12-ice-braking`"),
        "{report}"
    );
    assert!(
        report.contains("did you mean `qa/2024-03-12-ice-breaking`?"),
        "{report}"
    );
    assert!(report.contains("books/everything.yaml:5:"), "{report}");
    assert!(report.contains("unknown tag `onbording`"), "{report}");
    assert!(report.contains("did you mean `onboarding`?"), "{report}");
    let report = book(&fixture(), &["everthing"]).stderr();
    assert!(report.contains("did you mean `everything`?"), "{report}");
    // A name near none: the books are listed, the language's way.
    let two = fixture().file(
        "books/newcomers.yaml",
        "title: Newcomers\nparts:\n  - title: Start\n    items: [qa/2024-03-12-ice-breaking]\n",
    );
    let report = book(&two, &["zzz"]).stderr();
    assert!(
        report.contains("the books are: everything, newcomers"),
        "{report}"
    );
    let report = book(&two, &["zzz", "--lang", "zh-CN"]).stderr();
    assert!(
        report.contains("已有的书：everything、newcomers"),
        "{report}"
    );
}

#[test]
fn the_pdf_printed_by_chromium_has_every_chapter() {
    assert!(
        Path::new("/usr/bin/chromium").is_file() || std::env::var_os("CAIRN_CHROMIUM").is_some(),
        "Chromium is required: apt-get install -y chromium (.ci/run does this)"
    );
    let site = fixture();
    let built = book(&site, &["--pdf"]).success();
    let pdf = built.out.join("books/everything.pdf");
    let text: PathBuf = built.out.join("books/everything.txt");
    let status = Command::new("pdftotext")
        .arg(&pdf)
        .arg(&text)
        .status()
        .expect("pdftotext is required: apt-get install -y poppler-utils (.ci/run does this)");
    assert!(status.success());
    let text = std::fs::read_to_string(&text).unwrap();
    // Each chapter opens with its label (the contents list them too, so twice each).
    for n in 1..=4 {
        assert!(
            text.matches(&format!("Chapter {n} ")).count() >= 2,
            "chapter {n}:\n{text}"
        );
    }
    assert!(!text.contains("Chapter 5 "), "{text}");
    assert!(text.contains("Contributors"));
}

/// Each chapter's credited members, from its credit lines: `(role, handle, accepted)`
/// for every link to a profile, sorted.
fn linked_credits(xhtml: &str) -> Vec<(String, String, bool)> {
    let html = scraper::Html::parse_document(xhtml);
    let line = scraper::Selector::parse("p.credit").unwrap();
    let mut out = Vec::new();
    for p in html.select(&line) {
        let role = p.value().attr("data-role").unwrap().to_string();
        for child in p.children() {
            let Some(el) = scraper::ElementRef::wrap(child) else {
                continue;
            };
            if let Some(href) = el.value().attr("href") {
                let handle = href
                    .strip_prefix("https://example.org/members/")
                    .and_then(|h| h.strip_suffix('/'))
                    .unwrap_or_else(|| panic!("a credit links {href}"));
                out.push((role.clone(), handle.to_string(), false));
            } else if el.value().classes().any(|c| c == "accepted") {
                out.last_mut().expect("a mark follows a name").2 = true;
            }
        }
    }
    out.sort();
    out
}

/// The example book's credit lines against the ledger cairn derives for the same items:
/// every visible member the ledger credits for a chapter's item is linked in that
/// chapter under the role of their contribution, the accepted answer marked, and no one
/// else is.
#[test]
fn the_example_books_credit_lines_are_the_ledgers() {
    let site = SiteTest::example();
    let out = site.root().join("books-out");
    book(&site, &["first-month", "--out", out.to_str().unwrap()]).success();
    let files = entries(&out.join("first-month.epub"));
    let loaded = cairn::site::Site::load(&cairn::build::BuildOptions {
        root: site.root().to_path_buf(),
        now: Some(NOW.parse().unwrap()),
        ..Default::default()
    })
    .unwrap_or_else(|d| panic!("{d:?}"));
    let hidden = |h: &str| {
        loaded
            .content
            .members
            .iter()
            .any(|m| m.handle == h && m.meta.hidden)
    };
    let title = scraper::Selector::parse("h1.chapter-title").unwrap();
    let mut chapters = 0;
    for (name, xhtml) in files.iter().filter(|(n, _)| n.contains("chapter-")) {
        let html = scraper::Html::parse_document(xhtml);
        let heading: String = html.select(&title).next().unwrap().text().collect();
        let item = loaded
            .content
            .items
            .iter()
            .position(|i| i.title == heading)
            .unwrap_or_else(|| panic!("{name}: no item is titled {heading}"));
        let mut want: Vec<(String, String, bool)> = Vec::new();
        for c in &loaded.ledger.contributions {
            if c.item != Some(item) || hidden(&c.member) {
                continue;
            }
            let role = match c.kind.as_str() {
                "question" => "asked",
                "answer" | "accepted" => "answered",
                "solution" => "wrote",
                "talk" => "spoke",
                "host" => "hosted",
                "curation" => "curated",
                _ => continue,
            };
            let accepted = c.kind == "accepted";
            match want.iter_mut().find(|w| w.0 == role && w.1 == c.member) {
                Some(w) => w.2 |= accepted,
                None => want.push((role.to_string(), c.member.clone(), accepted)),
            }
        }
        want.sort();
        assert!(!want.is_empty(), "{name}: the ledger credits no one");
        assert_eq!(linked_credits(xhtml), want, "{name}: {heading}");
        chapters += 1;
    }
    assert_eq!(chapters, 10);
}

#[test]
fn a_published_book_has_a_page_of_the_site_in_its_nav_and_sitemap() {
    // No book says `publish: true`: no /books/ page, no nav entry, no sitemap entry.
    let site = fixture();
    let built = site.build().success();
    assert!(!built.out.join("books").exists());
    let nav = |page: &super::Page| page.attrs("nav.site-nav a", "href");
    assert!(!nav(&built.page("")).contains(&"/books/".to_string()));
    assert!(!built.read("sitemap.xml").contains("/books/</loc>"));
    // Published: a page with the site's header, nav (its entry current) and footer.
    let text = std::fs::read_to_string(site.root().join("books/everything.yaml")).unwrap();
    let site = site.file("books/everything.yaml", &format!("publish: true\n{text}"));
    let built = site.build().success();
    let page = built.page("books/");
    assert_eq!(
        page.attrs("nav.site-nav a[aria-current='page']", "href"),
        ["/books/"]
    );
    assert_eq!(page.texts("h2"), ["Everything Book"]);
    assert_eq!(page.texts(".book-entry .subtitle"), ["A fixture"]);
    assert_eq!(
        page.attrs(".book-entry a", "href"),
        ["/books/everything.epub", "/books/everything.html"]
    );
    assert_eq!(page.count("footer"), 1, "{}", page.source);
    for file in ["books/everything.epub", "books/everything.html"] {
        assert!(built.out.join(file).is_file(), "{file} missing");
    }
    // Every page links it, and the sitemap lists it.
    assert!(nav(&built.page("")).contains(&"/books/".to_string()));
    assert!(nav(&built.page("credits/")).contains(&"/books/".to_string()));
    assert!(
        built
            .read("sitemap.xml")
            .contains("<loc>https://example.org/books/</loc>")
    );
}

#[test]
fn a_broken_book_is_reported_with_the_contents_problems_in_one_build() {
    let site = fixture()
        .file(
            "books/everything.yaml",
            "title: Typos\nparts:\n  - title: One\n    items: [qa/2024-03-12-ice-braking]\n",
        )
        .file(
            "content/qa/2024-09-01-broken.md",
            "---\ntitle: Broken\nasked_by: lisy\n---\nQuestion?\n",
        );
    let report = site.build().content_errors().report();
    assert!(report.contains("books/everything.yaml:4:"), "{report}");
    assert!(
        report.contains("unknown item `qa/2024-03-12-ice-braking`"),
        "{report}"
    );
    assert!(report.contains("2024-09-01-broken.md"), "{report}");
    assert!(report.contains("lisy"), "{report}");
}
