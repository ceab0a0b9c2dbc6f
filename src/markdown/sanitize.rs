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

/// Sanitizes a block of rendered HTML. A block nested deeper than `MAX_DEPTH` is shown
/// as text instead: escaping is always safe, and it keeps the parse linear.
pub fn clean(html: &str) -> String {
    if too_deep(html) {
        let mut out = String::with_capacity(html.len() + html.len() / 4);
        let _ = pulldown_cmark_escape::escape_html_body_text(&mut out, html);
        return out;
    }
    CLEANER.clean(html).to_string()
}

/// How deep raw HTML may nest before it is escaped. html5ever's tree builder scans the
/// stack of open elements for every block-level start tag, so `<div>` nested 40,000 deep
/// (200 KB) took 150 s to sanitize; browsers cap their trees at 512 for the same reason.
const MAX_DEPTH: usize = 512;

/// Elements that never take an end tag, so never deepen the tree.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements a start tag of the same name closes (`<li>a<li>b`), as html5ever does.
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// Whether `html` nests elements deeper than `MAX_DEPTH`, by a linear scan of its tags
/// that closes an element only at its own end tag (an overestimate at worst).
fn too_deep(html: &str) -> bool {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let (closing, tag) = match rest.strip_prefix('/') {
            Some(tag) => (true, tag),
            None => (false, rest),
        };
        let len = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        if len == 0 || !tag.as_bytes()[0].is_ascii_alphabetic() {
            continue; // `<!--`, `< `, `<3`: not a tag
        }
        let name = tag[..len].to_ascii_lowercase();
        if closing {
            if stack.last() == Some(&name) {
                stack.pop();
            }
            continue;
        }
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if SELF_CLOSING_SIBLINGS.contains(&name.as_str()) && stack.last() == Some(&name) {
            continue; // the new sibling replaces the open one: depth unchanged
        }
        stack.push(name);
        if stack.len() > MAX_DEPTH {
            return true;
        }
    }
    false
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
    fn deep_nesting_is_escaped_in_linear_time() {
        // Regression: 10,000 nested `<div>`s took 12 s in a debug build (quadratic).
        let html = "<div>".repeat(10_000) + "<script>x</script>";
        let started = std::time::Instant::now();
        let out = clean(&html);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(out.starts_with("&lt;div&gt;&lt;div&gt;"), "{}", &out[..40]);
        assert!(!out.contains("<script"));
    }

    #[test]
    fn ordinary_nesting_is_sanitized() {
        let closed = "<div>".repeat(MAX_DEPTH) + &"</div>".repeat(MAX_DEPTH);
        assert!(!too_deep(&(closed.clone() + &closed)));
        assert!(!too_deep(&format!("<ul>{}</ul>", "<li>a".repeat(2_000))));
        assert!(!too_deep(&"<p>x<br><img src=a>".repeat(2_000)));
        assert!(too_deep(&"<DIV>".repeat(MAX_DEPTH + 1)));
        assert!(too_deep(&"<span></div>".repeat(MAX_DEPTH + 1)));
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
