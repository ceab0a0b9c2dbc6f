//! Search as members type (#17), in real headless Chromium on the example site: a
//! half-typed word finds what the whole word finds, a mistyped word finds the word meant
//! and says so, a query with a word no page has shows the pages with the others, answer
//! headings are found, and 了解 and 瞭解 find each other. Needs Debian's `chromium`.

use headless_chrome::Tab;

use crate::SiteTest;
use crate::a11y::browser;
use crate::search::{eval, results, titles};
use crate::serve::serve;

/// The marked words of the results shown, lowercased.
fn marks(tab: &Tab) -> Vec<String> {
    let marks = eval(
        tab,
        "JSON.stringify([...document.querySelectorAll('#search-results mark')].map(m => m.textContent.toLowerCase()))",
    );
    serde_json::from_str(marks.as_str().unwrap()).unwrap()
}

/// The "showing results for" line, or "" when it is hidden.
fn corrected(tab: &Tab) -> String {
    let line = eval(
        tab,
        "(() => { const c = document.getElementById('search-corrected'); return c.hidden ? '' : c.textContent; })()",
    );
    line.as_str().unwrap().to_string()
}

/// Each result's "missing" line, "" for a result that has every word.
fn missing(tab: &Tab) -> Vec<String> {
    let lines = eval(
        tab,
        "JSON.stringify([...document.querySelectorAll('#search-results > li')].map(li => { const m = li.querySelector('.search-missing'); return m ? m.textContent : ''; }))",
    );
    serde_json::from_str(lines.as_str().unwrap()).unwrap()
}

#[test]
fn half_typed_and_mistyped_words_find_the_word_meant_in_a_real_browser() {
    let site = SiteTest::example();
    let s = serve(&site);
    let b = browser(false);
    let tab = b.new_tab().unwrap();

    // Every prefix from 4 letters to the whole word finds every page the word finds.
    for word in ["onboarding", "webhook", "newcomers", "question"] {
        let whole = results(&tab, &s.addr, &format!("q={word}%20"));
        assert!(!whole.is_empty() && whole.len() < 10, "{word}: {whole:?}");
        let chars: Vec<char> = word.chars().collect();
        for n in 4..=chars.len() {
            let prefix: String = chars[..n].iter().collect();
            let found = results(&tab, &s.addr, &format!("q={prefix}"));
            let lost: Vec<&String> = whole.iter().filter(|t| !found.contains(t)).collect();
            assert!(lost.is_empty(), "{prefix} lost {lost:?} of {word}");
            assert_eq!(corrected(&tab), "", "{prefix} is no typo");
        }
    }
    // The word being typed is marked where it matched.
    results(&tab, &s.addr, "q=onboar");
    assert!(
        marks(&tab).iter().any(|m| m.starts_with("onboard")),
        "{:?}",
        marks(&tab)
    );
    // One edit of each kind (5–8 letters), and two for a longer word.
    let meant = results(&tab, &s.addr, "q=onboarding%20");
    for typo in [
        "discrod",     // two neighbours swapped
        "discorx",     // a letter changed
        "discor",      // a letter dropped (6 letters)
        "disccord",    // a letter added
        "onbaording",  // swapped, 10 letters
        "onbaordign",  // two swaps, 10 letters
        "onboardnig ", // swapped at the end, typed whole
        "onborading ", // whole word, typed with a space after
    ] {
        let found = results(&tab, &s.addr, &format!("q={}", typo.replace(' ', "%20")));
        let word = if typo.starts_with("disc") {
            "discord"
        } else {
            "onboarding"
        };
        let expected = if word == "discord" {
            results(&tab, &s.addr, "q=discord%20")
        } else {
            meant.clone()
        };
        let top: Vec<&String> = found.iter().take(5).collect();
        assert!(
            expected.iter().any(|t| top.contains(&t)),
            "{typo}: {found:?}"
        );
        // `discor` is also a prefix of discord, so nothing is corrected.
        let found_again = results(&tab, &s.addr, &format!("q={}", typo.replace(' ', "%20")));
        assert_eq!(found, found_again);
        if typo != "discor" {
            let line = corrected(&tab);
            assert!(line.contains(word), "{typo}: {line:?}");
            assert!(
                marks(&tab).iter().any(|m| m.starts_with(&word[..6])),
                "{typo}: marks {:?}",
                marks(&tab)
            );
        }
    }
    // The line is in the site's language.
    results(&tab, &s.addr, "q=onbaording");
    assert_eq!(corrected(&tab), "显示 onboarding 的结果");
}

#[test]
fn partial_matches_answers_tags_and_one_to_many_folds_in_a_real_browser() {
    let site = SiteTest::example()
        .file(
            "content/qa/2026-10-31-taiwan-spelling.md",
            "---\ntitle: 怎樣瞭解新成員\ndate: 2026-10-31\nasked_by: lisi\n---\n先瞭解他們為什麼加入。\n",
        )
        .file(
            "content/qa/2026-10-30-tag-only.md",
            "---\ntitle: 只有标签相关\ndate: 2026-10-30\nasked_by: lisi\ntags: [破冰]\n---\n正文里没有那个词。\n",
        );
    let s = serve(&site);
    let b = browser(false);
    let tab = b.new_tab().unwrap();

    // A word no page has: the pages with the other word, saying what is missing.
    let discord = results(&tab, &s.addr, "q=discord%20");
    let partial = results(&tab, &s.addr, "q=discord%20zqxjvw%20");
    assert!(!partial.is_empty(), "never empty while a word matched");
    assert!(partial.iter().all(|t| discord.contains(t)), "{partial:?}");
    let lines = missing(&tab);
    assert!(lines.iter().all(|m| m == "不含：zqxjvw"), "{lines:?}");
    // Chinese without a page holding the whole phrase: the pages with part of it.
    for query in ["防止广告", "裂变%20风险"] {
        let found = results(&tab, &s.addr, &format!("q={query}"));
        assert!(!found.is_empty(), "{query} found nothing");
    }
    // Pages with every word come before pages with some.
    results(&tab, &s.addr, "q=discord%20onboarding%20zqxjvw%20");
    let lines = missing(&tab);
    assert!(lines.iter().all(|m| m.contains("zqxjvw")), "{lines:?}");

    // Answer headings (`## @chenjie 小群先活，大群才能活`) are indexed.
    for query in ["小群先活", "剧本"] {
        let found = results(&tab, &s.addr, &format!("q={query}"));
        assert!(
            found.iter().any(|t| t == "新群建立后如何三天内不冷场？"),
            "{query}: {found:?}"
        );
    }

    // A hit inside an answer links to it and names its author, with an excerpt of it;
    // the accepted answer says so.
    results(&tab, &s.addr, "q=分批邀请");
    let answer = eval(
        &tab,
        "JSON.stringify([...document.querySelectorAll('#search-results .search-answer')].map(li => [li.querySelector('a').getAttribute('href'), li.querySelector('a').textContent, li.querySelector('.search-accepted') ? 1 : 0, [...li.querySelectorAll('mark')].map(m => m.textContent).join('')]))",
    );
    let answer: Vec<(String, String, u8, String)> =
        serde_json::from_str(answer.as_str().unwrap()).unwrap();
    assert_eq!(answer.len(), 1, "{answer:?}");
    assert!(answer[0].0.ends_with("#answer-chenjie"), "{answer:?}");
    assert_eq!(
        (answer[0].1.as_str(), answer[0].2),
        ("陈杰", 0),
        "{answer:?}"
    );
    assert_eq!(answer[0].3, "分批邀请", "{answer:?}");
    results(&tab, &s.addr, "q=剧本");
    let accepted = eval(
        &tab,
        "[...document.querySelectorAll('#search-results .search-answer')].filter(li => li.querySelector('.search-accepted')).map(li => li.querySelector('a').getAttribute('href') + ' ' + li.querySelector('.search-accepted').textContent).join('|')",
    );
    assert!(
        accepted.as_str().unwrap().contains("#answer-lisi 已采纳"),
        "{accepted:?}"
    );
    // A page found only by its tag says so.
    results(&tab, &s.addr, "q=破冰");
    let tagged = eval(
        &tab,
        "[...document.querySelectorAll('#search-results > li')].filter(li => li.querySelector('.search-title').textContent === '只有标签相关').map(li => (li.querySelector('.search-tagged') || {}).textContent).join('|')",
    );
    assert_eq!(tagged.as_str(), Some("标签：破冰"));

    // 瞭 folds to 了 on both sides: 了解 finds 瞭解 and the reverse.
    let simplified = results(&tab, &s.addr, "q=了解");
    assert!(
        simplified.iter().any(|t| t == "怎樣瞭解新成員"),
        "{simplified:?}"
    );
    assert!(simplified.len() >= 3, "{simplified:?}");
    assert_eq!(results(&tab, &s.addr, "q=瞭解"), simplified);
}

/// Every result of `query`, with "more results" pressed until there are no more.
fn every_result(tab: &Tab, addr: &str, query: &str) -> Vec<String> {
    let mut shown = results(tab, addr, query);
    let more_shown = || eval(tab, "!document.getElementById('search-more').hidden") == true;
    while more_shown() {
        tab.find_element("#search-more").unwrap().click().unwrap();
        let start = std::time::Instant::now();
        while titles(tab).len() == shown.len() && more_shown() {
            assert!(
                start.elapsed().as_secs() < 60,
                "{query}: more results stalled"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        shown = titles(tab);
    }
    shown
}

/// Plain words of 7 to 12 letters that 2 to 9 pages hold (so every page a word finds
/// is shown), evenly spaced through the built site's term dictionary.
fn dictionary_words(out: &std::path::Path, count: usize) -> Vec<String> {
    let words: Vec<String> = cairn::search::stats::dictionary(out)
        .into_iter()
        .filter(|(word, df)| {
            word.bytes().all(|b| b.is_ascii_lowercase())
                && (7..=12).contains(&word.len())
                && (2..=9).contains(df)
        })
        .map(|(word, _)| word)
        .collect();
    assert!(words.len() >= count, "{words:?}");
    let step = words.len() / count;
    words.into_iter().step_by(step).take(count).collect()
}

/// On a generated corpus (not the example site's hand-picked words): for words drawn
/// from the dictionary, the half-typed word finds every page the whole word finds, and
/// the word with two letters swapped finds one of them in the top 5 and says so.
#[test]
fn dictionary_words_half_typed_and_mistyped_on_a_generated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    crate::corpus::generator::generate(dir.path(), 400, 11).unwrap();
    let site = SiteTest {
        dir: std::sync::Arc::new(dir),
        args: Vec::new(),
    };
    let built = site.build().success();
    let words = dictionary_words(&built.out, 8);
    let s = serve(&site);
    let b = browser(false);
    let tab = b.new_tab().unwrap();
    for word in &words {
        let whole = results(&tab, &s.addr, &format!("q={word}%20"));
        assert!(!whole.is_empty(), "{word} finds nothing");
        let half = &word[..word.len() - 2];
        // Other words begin with it too: the pages of `word` may be on a later page.
        let found = every_result(&tab, &s.addr, &format!("q={half}"));
        let lost: Vec<&String> = whole.iter().filter(|t| !found.contains(t)).collect();
        assert!(lost.is_empty(), "{half} lost {lost:?} of {word}");
        let mut swapped = word.as_bytes().to_vec();
        swapped.swap(2, 3);
        let typo = String::from_utf8(swapped).unwrap();
        if typo == *word {
            continue;
        }
        let found = results(&tab, &s.addr, &format!("q={typo}%20"));
        let top: Vec<&String> = found.iter().take(5).collect();
        assert!(
            whole.iter().any(|t| top.contains(&t)),
            "{typo} ({word}): {found:?}"
        );
        assert!(
            corrected(&tab).contains(word.as_str()),
            "{typo}: {:?}",
            corrected(&tab)
        );
    }
    // A real keystroke in the box, with no Enter, updates the list for the longer word;
    // the time it took is printed (the budget is the bench's: BENCHMARKS.md).
    let word = &words[0];
    let (start, last) = word.split_at(word.len() - 1);
    results(&tab, &s.addr, &format!("q={start}"));
    tab.find_element("input[name=q]").unwrap().click().unwrap();
    tab.press_key("End").unwrap();
    let typed = std::time::Instant::now();
    tab.type_str(last).unwrap();
    let shown = crate::search::settled(&tab, &format!("q={word}"));
    println!(
        "keystroke to list, through the DevTools protocol: {:?}",
        typed.elapsed()
    );
    assert!(!shown.is_empty());
    assert_eq!(shown, results(&tab, &s.addr, &format!("q={word}")));
}
