//! Finds `@handle` mentions in prose. A mention starts at an `@` that does not follow a
//! letter, digit or `.` (so `name@example.com` is not one) and takes the longest run
//! of handle characters after it. Also the `## @lisi 标题` and `## @? 张老师` forms of an
//! answer heading.

/// A mention found in a text run: byte range of `@handle` and the handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'a> {
    pub start: usize,
    pub end: usize,
    pub handle: &'a str,
}

/// Every mention in `text`, in order.
pub fn find(text: &str) -> Vec<Found<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = text[i..].find('@').map(|p| p + i) {
        i = at + 1;
        let before_ok = text[..at].chars().next_back().is_none_or(|c| {
            !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '@' || c == '/')
        });
        let starts_handle = bytes
            .get(at + 1)
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if !before_ok || !starts_handle {
            continue;
        }
        let mut end = at + 1;
        while bytes.get(end).is_some_and(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_' || *b == b'-'
        }) {
            end += 1;
        }
        // A handle never ends in `-` or `_`: "@lisi-" ends a sentence, not a name.
        while matches!(bytes[end - 1], b'-' | b'_') {
            end -= 1;
        }
        // "@Lisi" or "@lisiX" is not a mention of lisi: reject a handle glued to more word characters.
        if bytes.get(end).is_some_and(|b| b.is_ascii_uppercase()) {
            continue;
        }
        found.push(Found {
            start: at,
            end,
            handle: &text[at + 1..end],
        });
        i = end;
    }
    found
}

/// `@lisi 先定规矩` → ("lisi", "先定规矩").
pub fn answer_heading(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    // `＠` is what a Chinese keyboard types for `@`: read as meant, with a warning.
    let rest = text.strip_prefix('@').or_else(|| text.strip_prefix('＠'))?;
    let end = rest
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let handle = &rest[..end];
    crate::content::is_valid_handle(handle)
        .then(|| (handle.to_string(), rest[end..].trim().to_string()))
}

/// The handle an answer by a non-member carries: `## @? 张老师`.
pub const GUEST: &str = "?";

/// `@? 张老师` → ("?", "张老师"): an answer by someone who is no member, named by the
/// rest of the heading. `@?` is no handle anyone can have, so it is never a typo.
pub fn guest_heading(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let rest = text.strip_prefix('@').or_else(|| text.strip_prefix('＠'))?;
    let rest = rest.strip_prefix('?').or_else(|| rest.strip_prefix('？'))?;
    Some((GUEST.to_string(), rest.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handles(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|f| f.handle).collect()
    }

    #[test]
    fn finds_mentions_in_mixed_scripts() {
        assert_eq!(
            handles("感谢@lisi的补充,也谢谢 @wang_fang。"),
            ["lisi", "wang_fang"]
        );
        assert_eq!(handles("ask @zhangwei, or @li-si-"), ["zhangwei", "li-si"]);
    }

    #[test]
    fn skips_emails_and_annotations() {
        assert_eq!(handles("mail me at lisi@example.com"), Vec::<&str>::new());
        assert_eq!(handles("@Override and @@lisi"), Vec::<&str>::new());
        assert_eq!(handles("see https://x.org/@lisi"), Vec::<&str>::new());
    }

    #[test]
    fn ranges_cover_the_at_sign() {
        let f = &find("hi @lisi!")[0];
        assert_eq!((f.start, f.end), (3, 8));
    }
}
