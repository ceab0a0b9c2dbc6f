//! Code highlighting at build time with tree-sitter grammars (arborium), emitted as CSS
//! classes so the theme (and dark mode) colours them; no JavaScript reaches the page.

use std::cell::RefCell;
use std::sync::{LazyLock, Mutex};

use arborium::{Config, Highlighter, HtmlFormat};
use pulldown_cmark_escape::escape_html_body_text;

/// Compiled grammars are shared; each rayon thread forks its own highlighter from this one.
static SHARED: LazyLock<Mutex<Highlighter>> = LazyLock::new(|| {
    Mutex::new(Highlighter::with_config(Config {
        html_format: HtmlFormat::ClassNames,
        ..Default::default()
    }))
});

thread_local! {
    static LOCAL: RefCell<Highlighter> = RefCell::new(
        SHARED.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).fork(),
    );
}

/// The `<pre>` block for a fenced code block. An unknown or missing language, or
/// `highlight: false`, gives escaped plain text.
pub fn code_block(lang: &str, code: &str, highlight: bool) -> String {
    let lang = lang.trim().to_ascii_lowercase();
    let lang = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#' | '_'))
        .collect::<String>();
    let highlighted = if highlight && !lang.is_empty() {
        LOCAL.with(|h| h.borrow_mut().highlight(&lang, code).ok())
    } else {
        None
    };
    let mut out = String::with_capacity(code.len() * 2 + 64);
    // tabindex: a code block that scrolls sideways must be reachable by keyboard.
    if lang.is_empty() {
        out.push_str("<pre class=\"code\" tabindex=\"0\"><code>");
    } else {
        out.push_str("<pre class=\"code\" tabindex=\"0\" data-lang=\"");
        out.push_str(&lang);
        out.push_str("\"><code class=\"language-");
        out.push_str(&lang);
        out.push_str("\">");
    }
    match highlighted {
        Some(html) => out.push_str(&html),
        None => {
            let _ = escape_html_body_text(&mut out, code);
        }
    }
    out.push_str("</code></pre>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let html = code_block("rust", "fn main() { let x = 1; }", true);
        assert!(html.starts_with(
            "<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code class=\"language-rust\">"
        ));
        assert!(html.contains("<span class=\""), "{html}");
    }

    #[test]
    fn unknown_languages_are_escaped_text() {
        let html = code_block("klingon", "a < b && <script>", true);
        assert!(
            html.contains("a &lt; b &amp;&amp; &lt;script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<span"));
    }

    #[test]
    fn highlighted_code_is_still_escaped() {
        let html = code_block("python", "print('<script>alert(1)</script>')", true);
        assert!(!html.contains("<script>"), "{html}");
    }
}
