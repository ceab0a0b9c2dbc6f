//! `cairn digest` (DESIGN §12): a week's `WeekView` (built by `pages`, so only what the
//! week's page shows) as text to paste back into the chat, in four formats, with the
//! words of `words` and absolute links. Each format has a length a message allows
//! (`Format::limit`, docs/WEEKLY.md says where each comes from); a digest that would
//! pass it stops at a whole entry and ends "and N more" with the week's link.

use crate::render::context::{BestAnswer, ItemSummary, PersonView, WeekView};

use super::words::{Words, fill};

/// Where the digest goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text with bare links, for WeChat and QQ (which show Markdown literally).
    Text,
    /// Markdown, for Telegram and Discord.
    Markdown,
    /// Slack's mrkdwn: `*bold*` and `<url|text>` links.
    Slack,
    /// An HTML fragment for an e-mail newsletter.
    Html,
}

impl Format {
    /// The most a digest may be, in UTF-16 code units (what Telegram, Discord and Slack
    /// count; a Chinese character is one): Discord's 2,000 per message binds Markdown
    /// (Telegram allows 4,096); WeChat and QQ document no limit for a chat message, so
    /// plain text keeps to the same 2,000; Slack advises 4,000; an e-mail fragment keeps
    /// under Gmail's clipping (102 KB) with room for the newsletter around it.
    pub fn limit(self) -> usize {
        match self {
            Format::Text | Format::Markdown => 2_000,
            Format::Slack => 4_000,
            Format::Html => 50_000,
        }
    }
}

/// The digest of `week` in `format`; `absolute` turns a site path into a full URL.
pub fn digest(
    week: &WeekView,
    site_title: &str,
    words: &Words,
    format: Format,
    absolute: &dyn Fn(&str) -> String,
) -> String {
    let w = Writer {
        words,
        format,
        absolute,
    };
    let sections = sections(&w, week);
    let link = absolute(&week.url);
    let mut out = w.heading(&heading(week, site_title, words), 1);
    if sections.iter().all(|s| s.entries.is_empty()) {
        out.push_str(&w.paragraph(&w.text(words.nothing)));
    }
    // Whole entries only: once one does not fit (with a footer that counts it), it and
    // every later one are counted instead of shown.
    let mut left = week.more;
    let mut stopped = false;
    for section in sections.iter().filter(|s| !s.entries.is_empty()) {
        let end = w.list_end(section.ordered);
        let mut block = w.heading(section.title, 2);
        block.push_str(&w.list_start(section.ordered));
        let mut taken = 0;
        for entry in &section.entries {
            let len = units(&out) + units(&block) + units(entry) + units(&end);
            if stopped || len + units(&w.footer(left + 1, &link)) > format.limit() {
                stopped = true;
                left += 1;
                continue;
            }
            block.push_str(entry);
            taken += 1;
        }
        if taken > 0 {
            block.push_str(&end);
            out.push_str(&block);
        }
    }
    out.push_str(&w.footer(left, &link));
    out
}

/// One part of a digest: its title and its entries, each already in the format.
struct Section {
    title: &'static str,
    /// The board: an ordered list in HTML.
    ordered: bool,
    entries: Vec<String>,
}

/// The first line: the week and its dates, or the days of `--since`.
fn heading(week: &WeekView, site_title: &str, words: &Words) -> String {
    if week.label.is_empty() {
        return fill(
            words.heading_since,
            &[("site", site_title), ("from", &week.from), ("to", &week.to)],
        );
    }
    fill(
        words.heading,
        &[
            ("site", site_title),
            ("year", &week.year.to_string()),
            ("week", &week.number.to_string()),
            ("from", &week.from),
            ("to", &week.to),
        ],
    )
}

fn sections(w: &Writer<'_>, week: &WeekView) -> Vec<Section> {
    let words = w.words;
    // Days that are not one week (`--since`) are not "this week".
    let since = week.label.is_empty();
    let titled = |one_week: &'static str, days: &'static str| if since { days } else { one_week };
    let section = |title, entries| Section {
        title,
        ordered: false,
        entries,
    };
    let mut sections = vec![
        section(
            titled(words.qa, words.qa_since),
            week.qa.iter().map(|i| w.item(i, words.asked_by)).collect(),
        ),
        section(
            words.solutions,
            week.solutions.iter().map(|i| w.item(i, words.by)).collect(),
        ),
        section(
            words.talks,
            week.talks.iter().map(|i| w.item(i, words.spoke)).collect(),
        ),
        section(
            titled(words.best, words.best_since),
            week.best.iter().map(|b| w.best(b)).collect(),
        ),
        Section {
            title: titled(words.board, words.board_since),
            ordered: true,
            entries: week
                .board
                .iter()
                .enumerate()
                .map(|(k, r)| w.board_line(k + 1, &r.person, r.points))
                .collect(),
        },
    ];
    if !week.joined.is_empty() {
        let names: Vec<String> = week.joined.iter().map(|p| w.text(&p.name)).collect();
        sections.push(section(
            words.joined,
            vec![w.line(&names.join(words.comma))],
        ));
    }
    sections
}

/// Length as chat clients count it.
fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

struct Writer<'a> {
    words: &'a Words,
    format: Format,
    absolute: &'a dyn Fn(&str) -> String,
}

impl Writer<'_> {
    /// `s` escaped for the format: HTML's entities, Slack's three, Markdown's markers.
    fn text(&self, s: &str) -> String {
        match self.format {
            Format::Text => s.to_string(),
            Format::Html => crate::markdown::escape_attr(s),
            Format::Slack => s
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
            Format::Markdown => {
                let mut out = String::with_capacity(s.len());
                for c in s.chars() {
                    if "\\`*_[]~|".contains(c) {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out
            }
        }
    }

    /// A link to site path `url` reading `title`. Plain text puts the bare URL on a
    /// line of its own: WeChat and QQ take a Chinese comma right after a URL as part of it.
    fn link(&self, title: &str, url: &str) -> String {
        let url = (self.absolute)(url);
        match self.format {
            Format::Text => format!("{title}\n  {url}"),
            Format::Markdown => format!("[{}]({})", self.text(title), url.replace(')', "%29")),
            // Slack ends the link text at `>`; `|` would split it, so it reads as a bar.
            Format::Slack => format!("<{url}|{}>", self.text(title).replace('|', "¦")),
            Format::Html => format!(
                "<a href=\"{}\">{}</a>",
                crate::markdown::escape_attr(&url),
                self.text(title)
            ),
        }
    }

    fn heading(&self, title: &str, level: u8) -> String {
        let t = self.text(title);
        match (self.format, level) {
            (Format::Text, 1) => format!("{t}\n"),
            (Format::Text, _) => format!("\n{t}\n"),
            (Format::Markdown, 1) => format!("**{t}**\n"),
            (Format::Markdown, _) => format!("\n**{t}**\n"),
            (Format::Slack, 1) => format!("*{t}*\n"),
            (Format::Slack, _) => format!("\n*{t}*\n"),
            (Format::Html, 1) => format!("<h2>{t}</h2>\n"),
            (Format::Html, _) => format!("<h3>{t}</h3>\n"),
        }
    }

    /// HTML's list element (`ordered` for the board); the chat formats have none.
    fn list_start(&self, ordered: bool) -> String {
        match (self.format, ordered) {
            (Format::Html, true) => "<ol>\n".into(),
            (Format::Html, false) => "<ul>\n".into(),
            _ => String::new(),
        }
    }

    fn list_end(&self, ordered: bool) -> String {
        match (self.format, ordered) {
            (Format::Html, true) => "</ol>\n".into(),
            (Format::Html, false) => "</ul>\n".into(),
            _ => String::new(),
        }
    }

    /// One entry of a list (already escaped).
    fn line(&self, body: &str) -> String {
        match self.format {
            Format::Text => format!("· {body}\n"),
            Format::Markdown | Format::Slack => format!("• {body}\n"),
            Format::Html => format!("<li>{body}</li>\n"),
        }
    }

    fn paragraph(&self, body: &str) -> String {
        match self.format {
            Format::Html => format!("<p>{body}</p>\n"),
            _ => format!("\n{body}\n"),
        }
    }

    fn names(&self, people: &[PersonView]) -> String {
        let names: Vec<String> = people.iter().map(|p| self.text(&p.name)).collect();
        names.join(self.words.comma)
    }

    /// A write-up: its title as a link, and who it is by.
    fn item(&self, item: &ItemSummary, by: &str) -> String {
        let mut body = self.link(&item.title, &item.url);
        if !item.people.is_empty() {
            let who = format!("{}{}", self.text(by), self.names(&item.people));
            body = self.after_link(body, &who);
        }
        self.line(&body)
    }

    /// What follows a link: on the title's line, before the bare URL in plain text.
    fn after_link(&self, link: String, rest: &str) -> String {
        match (self.format, link.split_once('\n')) {
            (Format::Text, Some((title, url))) => {
                format!("{title}{}{rest}\n{url}", self.words.dash)
            }
            _ => format!("{link}{}{rest}", self.text(self.words.dash)),
        }
    }

    fn best(&self, b: &BestAnswer) -> String {
        let label = if b.kind == "pick" {
            self.words.pick
        } else {
            self.words.accepted
        };
        let mut who = format!("{}{}", self.text(label), self.text(&b.person.name));
        if let Some(note) = b.note.as_deref().filter(|n| !n.is_empty()) {
            who.push_str(self.words.dash);
            who.push_str(&self.text(note));
        }
        let link = self.link(&b.title, &b.url);
        self.line(&self.after_link(link, &who))
    }

    fn board_line(&self, rank: usize, person: &PersonView, points: i64) -> String {
        let body = format!(
            "{} {points} {}",
            self.text(&person.name),
            self.text(self.words.points)
        );
        match self.format {
            Format::Html => format!("<li>{body}</li>\n"),
            _ => format!("{rank}. {body}\n"),
        }
    }

    /// The last lines: how many entries were left out, and the week's page.
    fn footer(&self, left: usize, link: &str) -> String {
        let label = if left > 0 {
            fill(self.words.more, &[("n", &left.to_string())])
        } else {
            self.words.read_all.to_string()
        };
        let label = self.text(&label);
        match self.format {
            Format::Text => format!("\n{label}{}\n{link}\n", self.words.colon.trim_end()),
            Format::Markdown => format!("\n[{label}]({})\n", link.replace(')', "%29")),
            Format::Slack => format!("\n<{link}|{}>\n", label.replace('|', "¦")),
            Format::Html => format!(
                "<p><a href=\"{}\">{label}</a></p>\n",
                crate::markdown::escape_attr(link)
            ),
        }
    }
}
