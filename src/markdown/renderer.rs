//! Stage "markdown", the pass itself: one walk over pulldown-cmark's events per body
//! (`render`) that links mentions, rewrites `@/` links, numbers headings, splits answers,
//! highlights code and applies the raw-HTML policy, writing HTML, text and what it found
//! into a `Rendered`. The types it fills are in `markdown/mod.rs`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::*;

#[path = "cjk.rs"]
mod cjk;
use cjk::full_width_blocks;

/// Renders `body` (Markdown after the front matter).
pub fn render(body: &str, resolver: &Resolver, options: Options_) -> Rendered {
    let mut r = Renderer {
        source: body,
        resolver,
        options,
        out: Rendered::default(),
        current: Vec::new(),
        answer: None,
        ids: HashMap::new(),
        answers_by: HashMap::new(),
        link_depth: 0,
        raw_html_seen: false,
        reported: HashSet::new(),
        quotes_open: [false; 2],
    };
    let mut events = Parser::new_ext(body, parser_options())
        .into_offset_iter()
        .peekable();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let mut inner = Vec::new();
                for (e, r) in events.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push((e, r));
                }
                let _ = (classes, attrs);
                r.heading(level, id, inner, range);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for (e, _) in events.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                r.out.text.push_str(&code);
                r.out.text.push('\n');
                let html = highlight::code_block(&lang, &code, r.options.highlight);
                r.current.push(Event::Html(html.into()));
            }
            other => r.event(other, range),
        }
    }
    r.finish_block();
    for problem in full_width_blocks(body) {
        r.problem(problem);
    }
    r.out.shrink();
    r.out
}

struct Renderer<'a> {
    /// The Markdown being rendered, to look at what the parser consumed (escapes).
    source: &'a str,
    resolver: &'a Resolver,
    options: Options_,
    out: Rendered,
    /// Events of the block being built.
    current: Vec<Event<'a>>,
    /// The answer being built, if the current block is one.
    answer: Option<Answer>,
    ids: HashMap<String, usize>,
    answers_by: HashMap<String, usize>,
    link_depth: usize,
    raw_html_seen: bool,
    /// Handles and link targets already reported as problems.
    reported: HashSet<String>,
    /// Whether a double (0) or single (1) quote is open in the current block.
    quotes_open: [bool; 2],
}

impl<'a> Renderer<'a> {
    /// Looks a handle up, noting it: the body's HTML depends on the answer.
    fn member(&mut self, handle: &str) -> Option<&'a MentionTarget> {
        let resolver = self.resolver;
        self.out.lookups.insert(format!("@{handle}"));
        resolver.members.get(handle)
    }

    /// Looks an item key up, noting it like `member`.
    fn item(&mut self, key: &str) -> Option<&'a String> {
        let resolver = self.resolver;
        self.out.lookups.insert(key.to_string());
        resolver.items.get(key)
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if matches!(
            event,
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_)
            )
        ) {
            self.quotes_open = [false; 2];
        }
        match event {
            Event::Text(text) => {
                let text = self.cjk_quote(text, &range);
                // Plain text feeds excerpts, structured data and the search index: a
                // hidden member's handle must not reach it any more than the page.
                if text.contains('@') {
                    let neutral = self.without_hidden_handles(&text);
                    self.out.text.push_str(&neutral);
                } else {
                    self.out.text.push_str(&text);
                }
                if self.link_depth == 0 {
                    self.mentions(text, range.start);
                } else {
                    self.current.push(Event::Text(text));
                }
            }
            Event::Code(code) => {
                self.out.text.push_str(&code);
                self.current.push(Event::Code(code));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.link_depth += 1;
                let dest_url = self.link_destination(dest_url, range);
                self.current.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let safe =
                    self.options.raw_html == RawHtml::Trust || sanitize::is_safe_url(&dest_url);
                let dest_url = if safe {
                    self.under_base(dest_url)
                } else {
                    CowStr::Borrowed("#")
                };
                self.current.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                self.link_depth = self.link_depth.saturating_sub(1);
                self.current.push(Event::End(TagEnd::Link));
            }
            Event::Html(html) | Event::InlineHtml(html) => match self.options.raw_html {
                RawHtml::Escape => self.current.push(Event::Text(html)),
                RawHtml::Sanitize | RawHtml::Trust => {
                    self.raw_html_seen = true;
                    self.current.push(Event::InlineHtml(html));
                }
            },
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
            ) => {
                self.out.text.push('\n');
                self.current.push(event);
            }
            Event::TaskListMarker(done) => {
                // A labelled checkbox: screen readers say what the box means.
                let (checked, label) = if done {
                    (" checked=\"\"", &self.resolver.task_done_label)
                } else {
                    ("", &self.resolver.task_open_label)
                };
                self.current.push(Event::Html(
                    format!(
                        "<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{}\"/> ",
                        escape_attr(label)
                    )
                    .into(),
                ));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.out.text.push(' ');
                self.current.push(event);
            }
            other => self.current.push(other),
        }
    }

    /// Records a body problem once per handle or link target, and at most
    /// `MAX_PROBLEMS` per body. Each one is later located by a scan of the file, so a
    /// pasted chat export with 100,000 `@someone`s would otherwise take hours to report
    /// (and print the same warning 100,000 times).
    fn problem(&mut self, problem: BodyProblem) {
        let key = match &problem {
            BodyProblem::UnknownMention { handle, .. } => format!("@{handle}"),
            BodyProblem::UnknownAnswerer { range, .. } => format!("\u{0}@{}", range.start),
            BodyProblem::BrokenLink { target, .. } => target.clone(),
            BodyProblem::FullWidth { range, .. } => format!("\u{0}{}", range.start),
        };
        if self.out.problems.len() < MAX_PROBLEMS && self.reported.insert(key) {
            self.out.problems.push(problem);
        }
    }

    /// Splits a text run around its mentions, linking the known ones.
    fn mentions(&mut self, text: CowStr<'a>, offset: usize) {
        // `＠lisi`, typed on a Chinese keyboard, is no mention: say so where it stands.
        for (i, _) in text.match_indices('＠') {
            let after = &text[i + '＠'.len_utf8()..];
            if after.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
                let at = offset + i;
                self.problem(BodyProblem::FullWidth {
                    wide: '＠',
                    narrow: '@',
                    code: "full-width-mention",
                    range: at..at + '＠'.len_utf8(),
                });
            }
        }
        let found = mentions::find(&text);
        if found.is_empty() {
            self.current.push(Event::Text(text));
            return;
        }
        let mut last = 0;
        for m in &found {
            // `\@lisi` is a literal at sign: the parser drops the backslash, the source keeps it.
            let at = offset + m.start;
            if at > 0
                && self.source.as_bytes().get(at - 1) == Some(&b'\\')
                && self.source.as_bytes().get(at) == Some(&b'@')
            {
                continue;
            }
            let target = self.member(m.handle);
            if target.is_none() {
                // The range is approximate when the text run was unescaped by the parser.
                let start = offset + m.start;
                self.problem(BodyProblem::UnknownMention {
                    handle: m.handle.to_string(),
                    range: start..start + (m.end - m.start),
                });
                continue;
            }
            if m.start > last {
                self.current
                    .push(Event::Text(text[last..m.start].to_string().into()));
            }
            self.current.push(Event::Html(
                mention_html(m.handle, target.unwrap(), &self.resolver.hidden_label).into(),
            ));
            self.out.mentions.push(m.handle.to_string());
            last = m.end;
        }
        if last < text.len() {
            self.current
                .push(Event::Text(text[last..].to_string().into()));
        }
    }

    /// Rewrites `@/qa/x.md#anchor` to the item's URL; other links pass unchanged.
    fn link_destination(&mut self, dest: CowStr<'a>, range: Range<usize>) -> CowStr<'a> {
        if self.options.raw_html != RawHtml::Trust && !sanitize::is_safe_url(&dest) {
            return CowStr::Borrowed("#");
        }
        let Some(path) = dest.strip_prefix("@/") else {
            return self.under_base(dest);
        };
        let (path, anchor) = match path.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (path, None),
        };
        let key = path
            .strip_suffix(".md")
            .unwrap_or(path)
            .trim_end_matches('/')
            .to_string();
        match self.item(&key) {
            Some(url) => {
                let url = match &anchor {
                    Some(a) => format!("{url}#{a}"),
                    None => url.clone(),
                };
                self.out.links.push(InternalLink { key, anchor, range });
                url.into()
            }
            None => {
                self.problem(BodyProblem::BrokenLink {
                    target: dest.to_string(),
                    range,
                });
                dest
            }
        }
    }

    /// A path from the site's root gets the base path (`under_base`).
    fn under_base(&self, dest: CowStr<'a>) -> CowStr<'a> {
        let moved = super::under_base(&self.resolver.base_path, &dest);
        if moved == *dest { dest } else { moved.into() }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        inner: Vec<(Event<'a>, Range<usize>)>,
        range: Range<usize>,
    ) {
        self.quotes_open = [false; 2];
        let plain = plain_text(inner.iter().map(|(e, _)| e));
        if level == HeadingLevel::H1 && self.options.skip_first_h1 {
            self.options.skip_first_h1 = false;
            return;
        }
        if self.options.answers && level == HeadingLevel::H2 {
            if let Some((handle, title)) =
                mentions::answer_heading(&plain).or_else(|| mentions::guest_heading(&plain))
            {
                if plain.trim_start().starts_with('＠') {
                    let at = self.source[range.clone()]
                        .find('＠')
                        .map_or(range.start, |i| range.start + i);
                    self.problem(BodyProblem::FullWidth {
                        wide: '＠',
                        narrow: '@',
                        code: "full-width-answer",
                        range: at..at + '＠'.len_utf8(),
                    });
                }
                self.start_answer(handle, title, range);
                return;
            }
            if self.answer.is_some() {
                self.finish_block(); // a plain `##` ends the answer (DESIGN §2.2)
            }
        }
        // From here on the heading is shown: hidden handles become the neutral label.
        let plain = self.without_hidden_handles(&plain);
        let id = self.unique_id(
            id.map(|i| i.to_string())
                .unwrap_or_else(|| slugify_heading(&plain)),
        );
        let n = heading_number(level);
        if n <= 3 {
            self.out.toc.push(TocEntry {
                level: n,
                id: id.clone(),
                title: plain.clone(),
            });
        }
        self.current.push(Event::Html(
            format!("<h{n} id=\"{}\">", escape_attr(&id)).into(),
        ));
        for (e, r) in inner {
            self.event(e, r);
        }
        self.out.text.push('\n');
        self.current.push(Event::Html(
            format!(
                "<a class=\"anchor\" href=\"#{}\" aria-label=\"#\">#</a></h{n}>\n",
                escape_attr(&id)
            )
            .into(),
        ));
    }

    /// `text` with every mention of a hidden member replaced by the neutral label, so
    /// heading ids and table-of-contents entries never carry a hidden handle.
    fn without_hidden_handles(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in mentions::find(text) {
            if matches!(self.member(m.handle), Some(MentionTarget::Hidden)) {
                out.push_str(&text[last..m.start]);
                out.push_str(&self.resolver.hidden_label);
                last = m.end;
            }
        }
        out.push_str(&text[last..]);
        out
    }

    fn start_answer(&mut self, handle: String, title: String, range: Range<usize>) {
        self.finish_block();
        // A guest's heading is their name, shown on their card, not as a title.
        let guest = (handle == mentions::GUEST).then(|| title.clone());
        let title = if guest.is_some() {
            String::new()
        } else {
            title
        };
        // A hidden member's handle must not reach the page, not even in an anchor.
        let hidden = guest.is_none() && matches!(self.member(&handle), Some(MentionTarget::Hidden));
        let (key, shown) = if hidden {
            ("hidden".to_string(), self.resolver.hidden_label.clone())
        } else if let Some(name) = &guest {
            ("guest".to_string(), name.clone())
        } else {
            (handle.clone(), format!("@{handle}"))
        };
        let count = self.answers_by.entry(key.clone()).or_insert(0);
        *count += 1;
        // Hidden and guest answers are always numbered: `answer-guest` could be a
        // member's first answer, `answer-guest-1` never is.
        let anchor = if *count == 1 && !hidden && guest.is_none() {
            format!("answer-{key}")
        } else {
            format!("answer-{key}-{count}")
        };
        self.ids.insert(anchor.clone(), 1);
        self.out.anchors.insert(anchor.clone());
        self.out.toc.push(TocEntry {
            level: 2,
            id: anchor.clone(),
            title: format!("{shown} {title}").trim().to_string(),
        });
        if guest.is_none() && self.member(&handle).is_none() {
            // "## " then "@handle" (or a full-width "＠handle")
            let at = self.source[range.clone()]
                .find(['@', '＠'])
                .map_or(range.start + 3, |i| range.start + i);
            let sign = self.source[at..].chars().next().map_or(1, char::len_utf8);
            self.problem(BodyProblem::UnknownAnswerer {
                handle: handle.clone(),
                range: at..at + handle.len() + sign,
            });
        }
        self.answer = Some(Answer {
            handle,
            guest,
            title,
            anchor,
            html: String::new(),
            text_range: 0..0,
            heading: range,
            text_start: self.out.text.len(),
        });
    }

    fn finish_block(&mut self) {
        let events = std::mem::take(&mut self.current);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        if self.raw_html_seen && self.options.raw_html == RawHtml::Sanitize {
            html = sanitize::clean(&html);
        }
        self.raw_html_seen = false;
        match self.answer.take() {
            Some(mut answer) => {
                answer.html = html;
                let text = &self.out.text[answer.text_start..];
                let start = answer.text_start + (text.len() - text.trim_start().len());
                answer.text_range = start..answer.text_start + text.trim_end().len();
                self.out.blocks.push(Block::Answer(answer));
            }
            None if !html.trim().is_empty() => self.out.blocks.push(Block::Text { html }),
            None => {}
        }
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let n = self.ids.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 {
            base
        } else {
            format!("{base}-{}", *n - 1)
        };
        self.out.anchors.insert(id.clone());
        id
    }
}

fn mention_html(handle: &str, target: &MentionTarget, hidden_label: &str) -> String {
    match target {
        MentionTarget::Profile(url) => format!(
            "<a class=\"mention\" href=\"{}\">@{}</a>",
            escape_attr(url),
            handle
        ),
        MentionTarget::Hidden => format!(
            "<span class=\"mention hidden\">{}</span>",
            escape_text(hidden_label)
        ),
    }
}

fn plain_text<'e, 'a: 'e>(events: impl Iterator<Item = &'e Event<'a>>) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s.trim().to_string()
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
