//! Splits a content file into YAML front matter and Markdown body, keeping byte
//! offsets into the original text so later stages can point at exact lines.

/// A content file's text cut in two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` fences (empty when the file has none).
    pub yaml: &'a str,
    /// Byte offset of `yaml` within the file text.
    pub yaml_start: usize,
    /// 1-based line of the file where `yaml` starts, to relocate YAML errors.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` within the file text.
    pub body_offset: usize,
}

/// Front matter opened with `---` but never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed;

/// Cuts `text` (BOM already removed). A file that does not start with a `---` line
/// has no front matter; CRLF line ends are accepted throughout.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let Some(first_end) = fence_end(text, 0) else {
        return Ok(Split {
            yaml: "",
            yaml_start: 0,
            yaml_line: 1,
            body: text,
            body_offset: 0,
        });
    };
    let yaml_start = first_end;
    let mut line_start = yaml_start;
    while line_start < text.len() {
        if let Some(end) = fence_end(text, line_start) {
            return Ok(Split {
                yaml: &text[yaml_start..line_start],
                yaml_start,
                yaml_line: 2,
                body: &text[end..],
                body_offset: end,
            });
        }
        line_start = match text[line_start..].find('\n') {
            Some(i) => line_start + i + 1,
            None => text.len(),
        };
    }
    Err(Unclosed)
}

/// If a `---` fence line starts at `at`, the offset just past its line end.
fn fence_end(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let line = rest[..line_end].trim_end_matches(['\n', '\r']);
    (line.trim_end() == "---").then_some(at + line_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf() {
        for text in [
            "---\ntitle: a\n---\nbody\n",
            "---\r\ntitle: a\r\n---\r\nbody\r\n",
        ] {
            let s = split(text).unwrap();
            assert_eq!(s.yaml.trim(), "title: a");
            assert_eq!(s.body.trim(), "body");
            assert_eq!(&text[s.body_offset..], s.body);
        }
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split("# Hello\n\ntext").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "# Hello\n\ntext");
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        assert_eq!(split("---\ntitle: a\nbody\n"), Err(Unclosed));
    }

    #[test]
    fn a_later_rule_is_not_a_fence() {
        let s = split("---\ntitle: a\n---\ntext\n\n---\n\nmore").unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert!(s.body.contains("more"));
    }
}
