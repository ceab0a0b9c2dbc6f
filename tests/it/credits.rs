//! The ledger of the `small` fixture, computed by hand from its write-ups:
//!
//! | member   | contributions                                                           | points |
//! |----------|-------------------------------------------------------------------------|--------|
//! | lisi     | answer+accepted (3+5) ×2, question 1, solutions 8+8, event 6           | 39     |
//! | zhangwei | question 1, answer+accepted 3+5, solutions 8+8, host 2                 | 27     |
//! | wangfang | answer 3, curation 2+2, question 1, translation 4 (explicit points)    | 12     |
//! | ghost    | answer 3 (hidden: shown as "a member")                                 | 3      |
//!
//! The guest speaker earns nothing but is thanked by name.

use serde_json::Value;

use crate::SiteTest;

fn credits(site: SiteTest) -> Value {
    let built = site.build().success();
    serde_json::from_str(&built.read("credits.json")).unwrap()
}

fn board(v: &Value) -> Vec<(String, i64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["person"]["name"].as_str().unwrap().to_string(),
                r["points"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(n, p)| (n.to_string(), *p)).collect()
}

#[test]
fn all_time_and_yearly_boards_match_the_hand_computed_ledger() {
    let c = credits(SiteTest::new("small"));
    assert_eq!(c["as_of"], "2026-11-01");
    assert_eq!(
        board(&c["leaderboards"]["all_time"]),
        pairs(&[("Li Si", 39), ("张伟", 27), ("王芳", 12), ("a member", 3)])
    );
    let years = c["leaderboards"]["years"].as_array().unwrap();
    assert_eq!(years[0]["year"], 2024);
    assert_eq!(
        board(&years[0]["ranking"]),
        pairs(&[("Li Si", 31), ("张伟", 19), ("王芳", 12), ("a member", 3)])
    );
    // 2023: a tie at 8 points, broken by handle (lisi before zhangwei).
    assert_eq!(years[1]["year"], 2023);
    assert_eq!(
        board(&years[1]["ranking"]),
        pairs(&[("Li Si", 8), ("张伟", 8)])
    );
    assert_eq!(
        c["leaderboards"]["last_90_days"].as_array().unwrap().len(),
        0
    );
}

#[test]
fn tiers_badges_and_kinds_per_member() {
    let c = credits(SiteTest::new("small"));
    let lisi = &c["members"][0];
    assert_eq!(lisi["person"]["handle"], "lisi");
    // The default tiers are named in the site's language (an English site here).
    assert_eq!(lisi["tier"], "Active member");
    let kinds: Vec<(String, i64, i64)> = lisi["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["kind"].as_str().unwrap().to_string(),
                k["count"].as_i64().unwrap(),
                k["points"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("accepted", 2, 10),
        ("answer", 2, 6),
        ("event", 1, 6),
        ("question", 1, 1),
        ("solution", 2, 16),
    ];
    assert_eq!(
        kinds,
        expected
            .iter()
            .map(|(k, n, p)| (k.to_string(), *n, *p))
            .collect::<Vec<_>>()
    );
    assert_eq!(c["members"][2]["tier"], "Newcomer");
    let ghost = &c["members"][3];
    assert_eq!(ghost["person"]["handle"], Value::Null);
    assert_eq!(ghost["person"]["url"], Value::Null);
    assert_eq!(c["guests"][0]["name"], "Professor Zhou");
}

#[test]
fn the_90_day_window_is_inclusive_and_relative_to_now() {
    // 2026-11-01 minus 90 days is 2026-08-03: in; 2026-08-02 is out.
    let site = SiteTest::new("small").file(
        "content/credits.yaml",
        "- { member: lisi, kind: event, date: 2026-09-15, note: a }\n\
         - { member: zhangwei, kind: event, date: 2026-08-03, note: b }\n\
         - { member: wangfang, kind: event, date: 2026-08-02, note: c }\n",
    );
    let c = credits(site);
    assert_eq!(
        board(&c["leaderboards"]["last_90_days"]),
        pairs(&[("Li Si", 6), ("张伟", 6)])
    );
}

#[test]
fn credits_page_and_home_show_the_boards() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("credits/");
    let names = page.texts(".leaderboard.all-time .person-name");
    assert_eq!(names, ["Li Si", "张伟", "王芳", "a member"]);
    let home = built.page("");
    assert_eq!(
        home.count(".top-contributors .person-name"),
        0,
        "nothing in the last 90 days"
    );
}

#[test]
fn badges_follow_their_count_and_show_on_profiles() {
    // lisi has two accepted answers, zhangwei one.
    let site = SiteTest::new("small").file(
        "site.yaml",
        "title: Small Circle\nbase_url: https://example.org/\nlanguage: en\n\
         credits:\n  badges: [ { name: Two Accepted, icon: \"*\", count: accepted, min: 2 } ]\n",
    );
    let built = site.build().success();
    assert_eq!(
        built.page("members/lisi/").texts(".badges li"),
        ["* Two Accepted"]
    );
    assert_eq!(built.page("members/zhangwei/").count(".badges li"), 0);
}

#[test]
fn profile_history_is_the_ledger_newest_first() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("members/wangfang/");
    let rows = page.texts(".history li");
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows[0].starts_with("2024-07-02 Translation +4"), "{rows:?}");
    assert!(rows.last().unwrap().starts_with("2024-03-12"), "{rows:?}");
    assert_eq!(page.texts(".profile-head .points"), ["12 points"]);
}
