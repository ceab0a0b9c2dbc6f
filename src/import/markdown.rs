//! Import, step 5a: chat text as Markdown that shows exactly what was said. HTML,
//! template syntax and Markdown that would change meaning (a line starting with `#`,
//! `>`, `-`, `1.`; `*`, `_`, backticks, quotes that smart punctuation would curl, a
//! stray `@`) are backslash-escaped; people become `@handle`, secrets markers.

use super::redact::Piece;

/// Writes Markdown and remembers on which line each redaction marker landed.
pub struct Writer {
    pub out: String,
    line: usize,
    /// (line, kind) of every marker written.
    pub redactions: Vec<(usize, super::redact::Kind)>,
    zh: bool,
}

impl Writer {
    pub fn new(zh: bool) -> Writer {
        Writer {
            out: String::new(),
            line: 1,
            redactions: Vec::new(),
            zh,
        }
    }

    /// Writes text that is Markdown already (headings, front matter).
    pub fn raw(&mut self, text: &str) {
        self.line += text.matches('\n').count();
        self.out.push_str(text);
    }

    /// Writes a message's pieces as paragraphs: lines of one paragraph end in a hard
    /// break, a blank line in the message starts a new paragraph. `lead` goes first
    /// (a label such as `**追问 · @heyu：**`), `prefix` before every line (`> `).
    pub fn message(&mut self, pieces: &[Piece], lead: Option<&str>, prefix: &str) {
        let lines = split_lines(pieces);
        let mut paragraphs: Vec<Vec<&Vec<Piece>>> = vec![Vec::new()];
        for line in &lines {
            if is_blank(line) {
                if !paragraphs.last().is_some_and(Vec::is_empty) {
                    paragraphs.push(Vec::new());
                }
            } else {
                paragraphs.last_mut().expect("never empty").push(line);
            }
        }
        paragraphs.retain(|p| !p.is_empty());
        if paragraphs.is_empty() {
            paragraphs.push(Vec::new());
        }
        for (i, paragraph) in paragraphs.iter().enumerate() {
            if i > 0 {
                self.raw(&format!("{}\n", prefix.trim_end()));
            }
            self.raw(prefix);
            if i == 0
                && let Some(lead) = lead
            {
                self.raw(lead);
                if !paragraph.is_empty() {
                    self.raw(" ");
                }
            }
            for (j, line) in paragraph.iter().enumerate() {
                if j > 0 {
                    self.raw(&format!("\\\n{prefix}"));
                }
                let at_start = j > 0 || (i == 0 && lead.is_none()) || i > 0;
                self.line_pieces(line, at_start);
            }
            self.raw("\n");
        }
    }

    fn line_pieces(&mut self, line: &[Piece], at_start: bool) {
        let mut start = at_start;
        for (k, piece) in line.iter().enumerate() {
            match piece {
                Piece::Plain(text) => {
                    let text = if start {
                        text.trim_start()
                    } else {
                        text.as_str()
                    };
                    if text.is_empty() {
                        continue;
                    }
                    let escaped = escape(text, start);
                    self.out.push_str(&escaped);
                    start = false;
                }
                Piece::Redacted(kind) => {
                    self.redactions.push((self.line, *kind));
                    let label = if self.zh {
                        format!("\\[已隐去：{}\\]", kind.describe(true))
                    } else {
                        format!("\\[redacted: {}\\]", kind.describe(false))
                    };
                    self.out.push_str(&label);
                    start = false;
                }
                Piece::Markdown(markdown) => {
                    self.out.push_str(markdown);
                    start = false;
                }
                Piece::Mention(handle) => {
                    // A mention needs no word character glued to either side.
                    if self
                        .out
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || "_./@".contains(c))
                    {
                        self.out.push(' ');
                    }
                    self.out.push('@');
                    self.out.push_str(handle);
                    let next = line.get(k + 1).and_then(|p| match p {
                        Piece::Plain(t) => t.chars().next(),
                        _ => None,
                    });
                    if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                        self.out.push(' ');
                    }
                    start = false;
                }
            }
        }
    }
}

fn split_lines(pieces: &[Piece]) -> Vec<Vec<Piece>> {
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    for piece in pieces {
        match piece {
            Piece::Plain(text) => {
                for (i, part) in text.split('\n').enumerate() {
                    if i > 0 {
                        lines.push(Vec::new());
                    }
                    let part = part.trim_end_matches('\r');
                    if !part.is_empty() {
                        lines
                            .last_mut()
                            .expect("never empty")
                            .push(Piece::Plain(part.to_string()));
                    }
                }
            }
            other => lines.last_mut().expect("never empty").push(other.clone()),
        }
    }
    lines
}

fn is_blank(line: &[Piece]) -> bool {
    line.iter()
        .all(|p| matches!(p, Piece::Plain(t) if t.trim().is_empty()))
}

/// Characters that mean something to Markdown, HTML or cairn anywhere in a line.
const INLINE: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '{', '}', '"', '\'', '@', '$', '!',
];

/// Escapes `text` so that CommonMark (with cairn's extensions) shows it as written.
/// `line_start`: whether it begins a line, where `#`, `>`, `-`, `+`, `=` and `1.` act.
pub fn escape(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    if line_start {
        // A run of digits then `.` or `)` opens an ordered list.
        let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && digits <= 9 && matches!(chars.get(digits), Some('.') | Some(')')) {
            out.extend(&chars[..digits]);
            out.push('\\');
            out.push(chars[digits]);
            i = digits + 1;
        } else if let Some(&c @ ('#' | '-' | '+' | '=' | ':')) = chars.first() {
            out.push('\\');
            out.push(c);
            i = 1;
        }
    }
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let special = INLINE.contains(&c)
            // Smart punctuation turns `--` into a dash and `...` into an ellipsis.
            || (c == '-' && next == Some('-'))
            || (c == '.' && next == Some('.'));
        if special {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        let mut w = Writer::new(true);
        w.message(&[Piece::Plain(text.into())], None, "");
        // The text a reader sees: every text event of cairn's parser, nothing else.
        let mut shown = String::new();
        for event in pulldown_cmark::Parser::new_ext(&w.out, crate::markdown::parser_options()) {
            match event {
                pulldown_cmark::Event::Text(t) => shown.push_str(&t),
                pulldown_cmark::Event::HardBreak => shown.push('\n'),
                pulldown_cmark::Event::Start(tag) => shown.push_str(&format!("<{tag:?}>")),
                pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                    shown.push_str(&format!("<html {h}>"))
                }
                _ => {}
            }
        }
        shown
            .strip_prefix("<Paragraph>")
            .unwrap_or(&shown)
            .to_string()
    }

    #[test]
    fn chat_text_renders_as_written() {
        for text in [
            "<script>alert(1)</script>",
            "{{ config.title }} {% for x in y %}",
            "# not a heading",
            "> not a quote",
            "---",
            "- not a list",
            "1. not a list",
            "他说\"你好\"然后 'ok' -- done...",
            "a *b* _c_ `d` [e](javascript:alert(1)) ~~f~~ | g |",
            "mail me @nobody or @ alone",
            "&amp; stays &amp;",
            "  indented four spaces is no code block",
        ] {
            let shown = render(text);
            assert_eq!(shown.trim(), text.trim(), "{text:?} rendered as {shown:?}");
        }
    }

    #[test]
    fn lines_break_and_blank_lines_make_paragraphs() {
        let mut w = Writer::new(true);
        w.message(&[Piece::Plain("one\ntwo\n\nthree".into())], None, "");
        assert_eq!(w.out, "one\\\ntwo\n\nthree\n");
    }

    #[test]
    fn mentions_and_markers_are_written_and_located() {
        let mut w = Writer::new(true);
        w.raw("---\ntitle: x\n---\n");
        w.message(
            &[
                Piece::Plain("thanks".into()),
                Piece::Mention("lisi".into()),
                Piece::Plain("call\n".into()),
                Piece::Redacted(crate::import::redact::Kind::Phone),
            ],
            Some("**追问 · @heyu：**"),
            "",
        );
        assert_eq!(
            w.out,
            "---\ntitle: x\n---\n**追问 · @heyu：** thanks @lisi call\\\n\\[已隐去：电话\\]\n"
        );
        assert_eq!(w.redactions, [(5, crate::import::redact::Kind::Phone)]);
    }
}
