//! Tests of stage "markdown": mentions, links, headings, answers, highlighting and the
//! raw-HTML policy, on small bodies.

use super::*;

fn resolver() -> Resolver {
    let mut r = Resolver {
        hidden_label: "一位成员".into(),
        ..Default::default()
    };
    r.members.insert(
        "lisi".into(),
        MentionTarget::Profile("/members/lisi/".into()),
    );
    r.members.insert(
        "wangfang".into(),
        MentionTarget::Profile("/members/wangfang/".into()),
    );
    r.members.insert("ghost".into(), MentionTarget::Hidden);
    std::sync::Arc::make_mut(&mut r.items).insert(
        "qa/2024-03-12-ice-breaking".into(),
        "/archive/qa/2024-03-12-ice-breaking/".into(),
    );
    r
}

fn opts(answers: bool) -> MarkdownOptions {
    MarkdownOptions {
        raw_html: RawHtml::Sanitize,
        highlight: true,
        quotes: crate::config::Quotes::Curly,
        answers,
        skip_first_h1: false,
    }
}

#[test]
fn answers_split_at_mention_headings() {
    let body = "怎么办?\n\n## @lisi 先定规矩\n\n规矩。\n\n## @wangfang\n\n破冰。\n\n## @lisi\n\n再补充。\n\n## 小结\n\n总结。\n";
    let out = render(body, &resolver(), opts(true));
    let answers: Vec<(&str, &str, &str)> = out
        .answers()
        .map(|a| (a.handle.as_str(), a.title.as_str(), a.anchor.as_str()))
        .collect();
    assert_eq!(
        answers,
        [
            ("lisi", "先定规矩", "answer-lisi"),
            ("wangfang", "", "answer-wangfang"),
            ("lisi", "", "answer-lisi-2")
        ]
    );
    assert!(matches!(&out.blocks[0], Block::Text { html } if html.contains("怎么办")));
    assert!(
        matches!(out.blocks.last(), Some(Block::Text { html }) if html.contains("总结") && html.contains("id=\"小结\""))
    );
    assert!(out.anchors.contains("answer-lisi-2"));
}

#[test]
fn mentions_link_profiles_but_not_in_code() {
    let out = render("谢谢 @lisi!`@wangfang` 和 @ghost", &resolver(), opts(false));
    let html = out.html();
    assert!(
        html.contains("<a class=\"mention\" href=\"/members/lisi/\">@lisi</a>"),
        "{html}"
    );
    assert!(html.contains("<code>@wangfang</code>"), "{html}");
    assert!(
        html.contains("<span class=\"mention hidden\">一位成员</span>"),
        "{html}"
    );
    assert!(!html.contains("ghost"), "{html}");
    assert_eq!(out.mentions, ["lisi", "ghost"]);
}

#[test]
fn unknown_mentions_are_reported_with_their_range() {
    let body = "thanks @lsii";
    let out = render(body, &resolver(), opts(false));
    assert_eq!(
        out.problems,
        [BodyProblem::UnknownMention {
            handle: "lsii".into(),
            range: 7..12
        }]
    );
    assert!(out.html().contains("@lsii"));
}

#[test]
fn internal_links_are_rewritten_and_recorded() {
    let body = "see [this](@/qa/2024-03-12-ice-breaking.md#answer-lisi) and [x](@/qa/nope.md)";
    let out = render(body, &resolver(), opts(false));
    assert!(
        out.html()
            .contains("href=\"/archive/qa/2024-03-12-ice-breaking/#answer-lisi\"")
    );
    assert_eq!(out.links[0].anchor.as_deref(), Some("answer-lisi"));
    assert!(
        matches!(&out.problems[0], BodyProblem::BrokenLink { target, .. } if target == "@/qa/nope.md")
    );
}

#[test]
fn headings_get_unique_ids_and_a_toc() {
    let out = render(
        "## 第一步\n\n## Setup the Bot\n\n## Setup the Bot\n\n### 细节 {#details}\n",
        &resolver(),
        opts(false),
    );
    let ids: Vec<&str> = out.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        ["第一步", "setup-the-bot", "setup-the-bot-1", "details"]
    );
}

#[test]
fn raw_html_policies() {
    let body = "<script>alert(1)</script>\n\n<kbd>Ctrl</kbd> [x](javascript:alert(1))";
    let sanitized = render(body, &resolver(), opts(false)).html();
    assert!(!sanitized.contains("<script"), "{sanitized}");
    assert!(sanitized.contains("<kbd>Ctrl</kbd>"));
    assert!(!sanitized.contains("javascript:"), "{sanitized}");
    let escaped = render(
        body,
        &resolver(),
        MarkdownOptions {
            raw_html: RawHtml::Escape,
            ..opts(false)
        },
    )
    .html();
    assert!(escaped.contains("&lt;script&gt;"), "{escaped}");
    let trusted = render(
        body,
        &resolver(),
        MarkdownOptions {
            raw_html: RawHtml::Trust,
            ..opts(false)
        },
    )
    .html();
    assert!(trusted.contains("<script>alert(1)</script>"));
}

#[test]
fn gfm_extras_render() {
    let body =
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ \"quoted\"[^1]\n\n[^1]: note\n";
    let html = render(body, &resolver(), opts(false)).html();
    assert!(html.contains("<table>"));
    assert!(html.contains("type=\"checkbox\""));
    assert!(html.contains("<del>old</del>"));
    assert!(html.contains("“quoted”"));
    assert!(html.contains("footnote"));
}

#[test]
fn code_is_highlighted_and_kept_out_of_mentions() {
    let html = render(
        "```rust\nlet a = \"@lisi\";\n```\n",
        &resolver(),
        opts(false),
    )
    .html();
    assert!(html.contains("language-rust"));
    assert!(!html.contains("class=\"mention\""));
}

#[test]
fn hidden_members_answers_get_neutral_anchors() {
    let out = render(
        "Q\n\n## @ghost 我的办法\n\nA\n\n## @ghost\n\nB\n",
        &resolver(),
        opts(true),
    );
    let anchors: Vec<&str> = out.answers().map(|a| a.anchor.as_str()).collect();
    assert_eq!(anchors, ["answer-hidden-1", "answer-hidden-2"]);
    assert!(
        out.toc.iter().all(|t| !t.title.contains("ghost")),
        "{:?}",
        out.toc
    );
    assert_eq!(out.toc[0].title, "一位成员 我的办法");
}

#[test]
fn an_escaped_at_sign_is_not_a_mention() {
    let out = render(
        "write \\@lsii for a literal at sign",
        &resolver(),
        opts(false),
    );
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert!(out.html().contains("@lsii"));
}

#[test]
fn hidden_members_never_reach_heading_ids_or_the_toc() {
    let out = render(
        "## Q&A\n\n### @ghost\n\nasked something\n\n### @lisi\n\nasked too\n",
        &resolver(),
        opts(false),
    );
    let html = out.html();
    assert!(!html.contains("ghost"), "{html}");
    assert!(
        out.toc
            .iter()
            .all(|t| !t.id.contains("ghost") && !t.title.contains("ghost")),
        "{:?}",
        out.toc
    );
    assert!(out.toc.iter().any(|t| t.id == "lisi"), "{:?}", out.toc);
}

#[test]
fn each_problem_is_reported_once_and_at_most_a_hundred_per_body() {
    // Regression (docs/FUZZING.md): a chat export full of `@someone`s made one problem,
    // and so one scan of the file, per mention.
    let body = "@nobody [x](@/qa/nope.md) ".repeat(1_000);
    let out = render(&body, &resolver(), opts(false));
    assert_eq!(out.problems.len(), 2, "{:?}", out.problems);
    assert!(
        matches!(&out.problems[0], BodyProblem::UnknownMention { range, .. } if range.start == 0)
    );
    let many: String = (0..1_000).map(|i| format!("@nobody{i} ")).collect();
    let out = render(&many, &resolver(), opts(false));
    assert_eq!(out.problems.len(), crate::markdown::MAX_PROBLEMS);
}

#[test]
fn straight_quotes_in_chinese_text_become_a_pair() {
    let html = render(
        "他说\"你好\"然后'单引号'走了。\n\nShe said \"hi\" and it's 'fine'.\n\n他用\"Rust\"写的，\"好\"。\n",
        &resolver(),
        opts(false),
    )
    .html();
    assert!(html.contains("他说“你好”然后‘单引号’走了。"), "{html}");
    assert!(html.contains("She said “hi” and it’s ‘fine’."), "{html}");
    assert!(html.contains("他用“Rust”写的，“好”。"), "{html}");
}

#[test]
fn corner_quotes_are_used_in_chinese_text_only() {
    let html = render(
        "他说\"你好\"，又说“再见”。'单'\n\nShe said \"hi\".\n",
        &resolver(),
        MarkdownOptions {
            quotes: crate::config::Quotes::Corner,
            ..opts(false)
        },
    )
    .html();
    assert!(
        html.contains("他说「你好」，又说「再见」。『单』"),
        "{html}"
    );
    assert!(html.contains("She said “hi”."), "{html}");
}
