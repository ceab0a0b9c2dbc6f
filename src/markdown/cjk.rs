//! Stage "markdown", text typed on a Chinese keyboard: straight quotes beside CJK text
//! as the pair they belong to (and corner quotes when the site asks), and full-width
//! `＃`/`－` where Markdown syntax was meant. Part of the pass in `renderer.rs`.

use std::ops::Range;

use pulldown_cmark::CowStr;

use super::*;

impl<'a> Renderer<'a> {
    /// A quote next to CJK text, as the pair it belongs to. The parser's smart
    /// punctuation follows English rules, which make both quotes of `他说"你好"然后`
    /// opening ones; here a straight quote beside CJK text opens when none is open in
    /// the block and closes otherwise. With `quotes: corner`, typed “ ” ‘ ’ beside CJK
    /// text become 「 」『 』 too. Quotes between Latin letters keep the parser's choice.
    pub(super) fn cjk_quote(&mut self, text: CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
        let Some(src) = self.source.get(range.clone()) else {
            return text;
        };
        let corner = self.options.quotes == crate::config::Quotes::Corner;
        let (kind, typed_open) = match src {
            "\"" => (0, None),
            "'" => (1, None),
            "“" | "”" if corner => (0, Some(src == "“")),
            "‘" | "’" if corner => (1, Some(src == "‘")),
            _ if corner && text.contains(['“', '”', '‘', '’']) => {
                return self.corner_in_text(text, range);
            }
            _ => return text,
        };
        let prev = self.source[..range.start].chars().next_back();
        let next = self.source[range.end..].chars().next();
        if !(prev.is_some_and(is_cjk) || next.is_some_and(is_cjk)) {
            // English rules; still note what the parser chose, for the quote that pairs.
            match &*text {
                "“" => self.quotes_open[0] = true,
                "”" => self.quotes_open[0] = false,
                "‘" if kind == 1 => self.quotes_open[1] = true,
                _ => {}
            }
            return text;
        }
        let open = typed_open.unwrap_or(!self.quotes_open[kind]);
        self.quotes_open[kind] = open;
        let pair = match (corner, kind) {
            (false, 0) => ["“", "”"],
            (false, _) => ["‘", "’"],
            (true, 0) => ["「", "」"],
            (true, _) => ["『", "』"],
        };
        CowStr::Borrowed(pair[usize::from(!open)])
    }

    /// Typed “ ” ‘ ’ beside CJK text within a run of text, as 「 」『 』.
    pub(super) fn corner_in_text(&mut self, text: CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
        let same = self.source.get(range.clone()) == Some(&*text);
        let before = same
            .then(|| self.source[..range.start].chars().next_back())
            .flatten();
        let after = same
            .then(|| self.source[range.end..].chars().next())
            .flatten();
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            let prev = if i == 0 { before } else { Some(chars[i - 1]) };
            let next = chars.get(i + 1).copied().or(after);
            let cjk = prev.is_some_and(is_cjk) || next.is_some_and(is_cjk);
            let (kind, open, corner) = match c {
                '“' => (0, true, '「'),
                '”' => (0, false, '」'),
                '‘' => (1, true, '『'),
                '’' => (1, false, '』'),
                c => {
                    out.push(c);
                    continue;
                }
            };
            self.quotes_open[kind] = open;
            out.push(if cjk { corner } else { c });
        }
        out.into()
    }
}

/// Lines a Chinese keyboard meant as Markdown syntax but typed full-width: `＃＃ 标题`
/// (a heading) and `－ 项` (a list item) are text to the parser; each is reported, as
/// a warning, where it stands. Fenced code is left alone.
pub(super) fn full_width_blocks(body: &str) -> Vec<BodyProblem> {
    let mut problems = Vec::new();
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches([' ', '>']);
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            continue;
        }
        let at = start + (line.len() - trimmed.len());
        let rest = trimmed.trim_start_matches('＃');
        let hashes = (trimmed.len() - rest.len()) / '＃'.len_utf8();
        let spaced = |s: &str| s.starts_with([' ', '\u{3000}']);
        let (wide, narrow, code) = if (1..=6).contains(&hashes) && spaced(rest) {
            ('＃', '#', "full-width-heading")
        } else if let Some(rest) = trimmed.strip_prefix(['－', '＊', '＋'])
            && spaced(rest)
        {
            let wide = trimmed.chars().next().unwrap_or('－');
            let narrow = match wide {
                '＊' => '*',
                '＋' => '+',
                _ => '-',
            };
            (wide, narrow, "full-width-list-item")
        } else {
            continue;
        };
        problems.push(BodyProblem::FullWidth {
            wide,
            narrow,
            code,
            range: at..at + wide.len_utf8(),
        });
    }
    problems
}

/// Han, kana, hangul, CJK and full-width punctuation: text where Chinese quote rules apply.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303F}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{2FFFF}')
}
