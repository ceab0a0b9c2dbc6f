//! The `raw_html: sanitize` policy: member-written HTML keeps its harmless markup
//! (`<kbd>`, `<details>`, tables…) and loses scripts, event handlers and unsafe URLs.
//! Only blocks that contain raw HTML pay for this pass.

use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // cairn's own markup in the same block: heading ids, anchors, highlight classes, task lists.
    b.add_generic_attributes(["class", "id", "aria-label", "aria-hidden", "data-lang"]);
    b.add_tags(["input", "details", "summary"]);
    b.add_tag_attributes("input", ["type", "checked", "disabled"]);
    b.add_tag_attribute_values("input", "type", ["checkbox"]);
    b.add_tag_attributes("pre", ["tabindex"]);
    b
});

/// Sanitizes a block of rendered HTML.
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Whether a link or image destination may reach the page: `javascript:`, `vbscript:`
/// and `data:` URLs never do, however they are cased or padded.
pub fn is_safe_url(url: &str) -> bool {
    let squashed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    !(squashed.starts_with("javascript:")
        || squashed.starts_with("vbscript:")
        || squashed.starts_with("data:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let out =
            clean("<p>hi<script>alert(1)</script><img src=x onerror=alert(1)><kbd>Ctrl</kbd></p>");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(out.contains("<kbd>Ctrl</kbd>"), "{out}");
    }

    #[test]
    fn own_markup_survives() {
        let html = "<h2 id=\"x\">T<a class=\"anchor\" href=\"#x\" aria-label=\"#\">#</a></h2><pre class=\"code\" data-lang=\"rust\"><code><span class=\"keyword\">fn</span></code></pre>";
        let out = clean(html);
        assert!(out.contains("id=\"x\""), "{out}");
        assert!(out.contains("<span class=\"keyword\">"), "{out}");
        assert!(out.contains("data-lang=\"rust\""), "{out}");
    }

    #[test]
    fn unsafe_urls_are_recognised() {
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JaVa\tScRiPt:alert(1)"));
        assert!(!is_safe_url("data:text/html;base64,xx"));
        assert!(is_safe_url("https://example.org/"));
        assert!(is_safe_url("/qa/x/"));
    }
}
