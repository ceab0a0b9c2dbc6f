//! Fuzz target (fuzz/): arbitrary text through the Markdown stage as a Q&A body is
//! rendered — mentions of known, hidden and unknown members, `@/` links, answers at
//! `## @handle`, raw HTML sanitized, code highlighted — and every body problem
//! located and printed as the links stage would.

#![no_main]

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use cairn::config::RawHtml;
use cairn::diagnostics::Diagnostic;
use cairn::markdown::{self, BodyProblem, MarkdownOptions, MentionTarget, Resolver};
use libfuzzer_sys::fuzz_target;

static RESOLVER: LazyLock<Resolver> = LazyLock::new(|| {
    let profile = |h: &str| MentionTarget::Profile(format!("/members/{h}/"));
    let members = HashMap::from([
        ("lisi".to_string(), profile("lisi")),
        ("zhangwei".to_string(), profile("zhangwei")),
        ("wang_fang".to_string(), profile("wang_fang")),
        ("ghost".to_string(), MentionTarget::Hidden),
    ]);
    let items = HashMap::from([
        (
            "qa/2024-03-12-ice-breaking".to_string(),
            "/qa/2024-03-12-ice-breaking/".to_string(),
        ),
        (
            "solutions/2024-05-02-points".to_string(),
            "/solutions/2024-05-02-points/".to_string(),
        ),
        ("pages/about".to_string(), "/about/".to_string()),
    ]);
    Resolver {
        members,
        items: items.into(),
        hidden_label: "一位成员".into(),
        task_done_label: "已完成".into(),
        task_open_label: "未完成".into(),
    }
});

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let options = MarkdownOptions {
        raw_html: RawHtml::Sanitize,
        highlight: true,
        answers: true,
        skip_first_h1: body.len() % 2 == 0,
    };
    let rendered = markdown::render(body, &RESOLVER, options);
    let _ = rendered.html();
    for answer in rendered.answers() {
        assert!(answer.text_start() <= rendered.text.len());
    }
    for problem in &rendered.problems {
        let range = match problem {
            BodyProblem::UnknownMention { range, .. } | BodyProblem::BrokenLink { range, .. } => {
                range
            }
        };
        let d = Diagnostic::error(Path::new("content/qa/x.md"), "fuzz").at_offset(
            body,
            range.start,
            range.end,
        );
        let _ = d.to_string();
    }
});
