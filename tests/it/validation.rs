//! One test per validation error: message, file, line and column, and the hint.

use crate::SiteTest;

/// Builds `small` with one file added and returns the error report.
fn broken(rel: &str, text: &str) -> String {
    SiteTest::new("small")
        .file(rel, text)
        .build()
        .content_errors()
        .report()
}

#[test]
fn unknown_front_matter_key_suggests_the_field() {
    let report = broken(
        "content/qa/2024-05-01-x.md",
        "---\ntitle: X\ntagz: [a]\n---\nbody\n",
    );
    insta::assert_snapshot!(report);
}

#[test]
fn unknown_handle_in_front_matter_suggests_the_member() {
    let report = broken(
        "content/qa/2024-05-01-x.md",
        "---\ntitle: X\nasked_by: lsii\n---\nbody\n",
    );
    insta::assert_snapshot!(report);
}

#[test]
fn unknown_handle_in_a_block_list_points_at_its_line() {
    let report = broken(
        "content/solutions/2024-05-01-x.md",
        "---\ntitle: X\nauthors:\n  - lisi\n  - zhangwie\n---\nbody\n",
    );
    assert!(
        report.contains("content/solutions/2024-05-01-x.md:5:5"),
        "{report}"
    );
    assert!(report.contains("unknown member `zhangwie`"), "{report}");
    assert!(report.contains("did you mean `zhangwei`?"), "{report}");
}

#[test]
fn unknown_related_item_is_reported() {
    let report = broken(
        "content/solutions/2024-05-01-x.md",
        "---\ntitle: X\nrelated: [qa/2024-03-12-ice-breakin]\n---\nbody\n",
    );
    assert!(
        report.contains("content/solutions/2024-05-01-x.md:3:11"),
        "{report}"
    );
    assert!(
        report.contains("no item `qa/2024-03-12-ice-breakin`"),
        "{report}"
    );
    assert!(
        report.contains("did you mean `qa/2024-03-12-ice-breaking`?"),
        "{report}"
    );
}

#[test]
fn broken_internal_link_names_file_line_and_column() {
    let report = broken(
        "content/pages/x.md",
        "---\ntitle: X\n---\nLine one.\n\nSee [it](@/qa/nope.md) here.\n",
    );
    insta::assert_snapshot!(report);
}

#[test]
fn broken_anchor_lists_the_anchors_that_exist() {
    let report = broken(
        "content/pages/x.md",
        "---\ntitle: X\n---\n[a](@/qa/2024-03-12-ice-breaking.md#answer-lsii)\n",
    );
    assert!(report.contains("content/pages/x.md:4:1"), "{report}");
    assert!(report.contains("has no anchor `#answer-lsii`"), "{report}");
    assert!(report.contains("did you mean `#answer-lisi`?"), "{report}");
}

#[test]
fn accepted_member_without_an_answer_is_an_error() {
    let report = broken(
        "content/qa/2024-05-01-x.md",
        "---\ntitle: X\naccepted: zhangwei\n---\nQ\n\n## @lisi\n\nA\n",
    );
    assert!(
        report.contains("content/qa/2024-05-01-x.md:3:11"),
        "{report}"
    );
    assert!(
        report.contains("`zhangwei` is accepted but has no answer here"),
        "{report}"
    );
}

#[test]
fn yaml_syntax_errors_point_at_the_file_line() {
    let report = broken(
        "content/qa/2024-05-01-x.md",
        "---\ntitle: X\ntags: [a, b\nasked_by: lisi\n---\nbody\n",
    );
    assert!(report.contains("content/qa/2024-05-01-x.md:4:"), "{report}");
}

#[test]
fn wrong_value_type_is_located() {
    let report = broken(
        "content/talks/2024-05-01-x.md",
        "---\ntitle: X\nduration: an hour\n---\nbody\n",
    );
    assert!(
        report.contains("content/talks/2024-05-01-x.md:3:11"),
        "{report}"
    );
    assert!(report.contains("invalid type"), "{report}");
}

#[test]
fn invalid_date_is_located() {
    let report = broken(
        "content/qa/x.md",
        "---\ntitle: X\ndate: 2024-13-40\n---\nbody\n",
    );
    assert!(report.contains("content/qa/x.md:3:7"), "{report}");
}

#[test]
fn unclosed_front_matter_is_reported() {
    let report = broken("content/qa/2024-05-01-x.md", "---\ntitle: X\nbody\n");
    assert!(report.contains("front matter is never closed"), "{report}");
    assert!(
        report.contains("content/qa/2024-05-01-x.md:1:1"),
        "{report}"
    );
}

#[test]
fn missing_date_asks_for_one() {
    let report = broken("content/qa/no-date.md", "---\ntitle: X\n---\nbody\n");
    assert!(report.contains("this qa has no date"), "{report}");
    assert!(report.contains("start the file name with it"), "{report}");
}

#[test]
fn invalid_handle_file_name_is_reported() {
    let report = broken("content/members/Li Si.md", "---\nname: Li\n---\n");
    assert!(
        report.contains("`Li Si` is not a valid member handle"),
        "{report}"
    );
}

#[test]
fn unknown_credit_kind_suggests_one() {
    let report = broken(
        "content/credits.yaml",
        "- { member: lisi, kind: evnet, date: 2024-05-18, note: x }\n",
    );
    assert!(report.contains("content/credits.yaml:1:25"), "{report}");
    assert!(report.contains("unknown credit kind `evnet`"), "{report}");
    assert!(report.contains("did you mean `event`?"), "{report}");
}

#[test]
fn unsafe_url_fields_are_refused() {
    let report = broken(
        "content/talks/2024-05-01-x.md",
        "---\ntitle: X\nslides: javascript:alert(1)\n---\n",
    );
    assert!(
        report.contains("content/talks/2024-05-01-x.md:3:9"),
        "{report}"
    );
    assert!(
        report.contains("must be an http(s) URL or a path on this site"),
        "{report}"
    );
}

#[test]
fn two_items_with_one_url_collide() {
    let report = broken(
        "content/qa/2024-03-12-Ice-Breaking.md",
        "---\ntitle: X\n---\n",
    );
    assert!(
        report.contains("would be published at qa/2024-03-12-ice-breaking/"),
        "{report}"
    );
}

#[test]
fn pages_cannot_take_reserved_names() {
    let report = broken("content/pages/tags.md", "---\ntitle: X\n---\n");
    assert!(
        report.contains("a page cannot be called `tags`"),
        "{report}"
    );
}

#[test]
fn unknown_site_yaml_key_is_located() {
    let report = broken("site.yaml", "title: X\nbase_ulr: https://example.org/\n");
    assert!(report.contains("site.yaml:2:1"), "{report}");
    assert!(report.contains("did you mean `base_url`?"), "{report}");
}

#[test]
fn every_error_of_a_build_is_reported_together() {
    let built = SiteTest::new("small")
        .file(
            "content/qa/2024-05-01-a.md",
            "---\ntitle: A\nasked_by: nobody\n---\n",
        )
        .file(
            "content/solutions/2024-05-01-b.md",
            "---\ntitle: B\nauthrs: [lisi]\n---\n",
        )
        .file(
            "content/pages/c.md",
            "---\ntitle: C\n---\n[x](@/talks/missing.md)\n",
        )
        .build()
        .content_errors();
    let report = built.report();
    assert!(
        report.contains("content/qa/2024-05-01-a.md:3:11"),
        "{report}"
    );
    assert!(
        report.contains("content/solutions/2024-05-01-b.md:3:1"),
        "{report}"
    );
    assert!(report.contains("content/pages/c.md:4:1"), "{report}");
    assert!(
        report.contains("3 errors, 0 warnings in 3 files"),
        "{report}"
    );
}

#[test]
fn unknown_mention_in_prose_is_a_warning_in_build() {
    let built = SiteTest::new("small")
        .file("content/pages/x.md", "---\ntitle: X\n---\nthanks @lsii\n")
        .build()
        .success();
    let report = built.report();
    assert!(
        report.contains("warning[unknown-member]: unknown member @lsii"),
        "{report}"
    );
    assert!(report.contains("content/pages/x.md:4:8"), "{report}");
    assert!(report.contains("did you mean @lisi?"), "{report}");
}

#[test]
fn a_misspelt_private_field_is_an_error_not_a_silent_leak() {
    let report = broken(
        "content/members/xiaoming.md",
        "---\nname: 小明\ncompany: Acme Widgets\nprivate: [compnay]\n---\n",
    );
    assert!(
        report.contains("content/members/xiaoming.md:4:11"),
        "{report}"
    );
    assert!(
        report.contains("`compnay` is not a profile field"),
        "{report}"
    );
    assert!(report.contains("did you mean `company`?"), "{report}");
}
