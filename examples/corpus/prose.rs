//! The text of every generated file: front matter per kind and Markdown bodies made of
//! paragraphs, lists, tables, code blocks, quotes, @mentions and `@/` links, in the
//! item's script, grown block by block until the file reaches its target size.

use std::fmt::Write as _;

use super::plan::{self, Kind, Plan, Rng};
use super::vocab::{Lang, Vocab};

/// Writes one file's text; `item` and `member` consume it.
pub struct Writer<'a> {
    v: &'a Vocab,
    plan: &'a Plan,
    rng: Rng,
    lang: Lang,
    topic: &'static str,
    /// Links go to items before this index (0: no links), like a real archive's.
    here: usize,
    out: String,
}

impl<'a> Writer<'a> {
    pub fn new(v: &'a Vocab, plan: &'a Plan, rng: Rng) -> Writer<'a> {
        Writer {
            v,
            plan,
            rng,
            lang: Lang::Zh,
            topic: "",
            here: 0,
            out: String::with_capacity(4096),
        }
    }

    /// The whole file of item `i`, 1–4 KB.
    pub fn item(mut self, i: usize) -> String {
        let it = &self.plan.items[i];
        self.lang = it.lang;
        self.topic = self.v.topics[it.topic][1 + it.lang.col()];
        self.here = i;
        let target = self.rng.range(1000, 4000);
        self.out.push_str("---\n");
        let title = self.title(it.kind);
        self.field("title", &quote(&title));
        self.field("date", &plan::civil(it.day));
        match it.kind {
            Kind::Qa => self.qa(i, target),
            Kind::Solution => self.solution(i, target),
            Kind::Talk => self.talk(target),
        }
        self.out
    }

    fn qa(&mut self, i: usize, target: usize) {
        let answerers = self.plan.items[i].answerers.clone();
        let asker = self.member();
        self.field("asked_by", &asker);
        if !answerers.is_empty() && self.rng.percent(85) {
            let accepted = if answerers.len() > 2 && self.rng.percent(10) {
                format!(
                    "[{}, {}]",
                    self.handle(answerers[0]),
                    self.handle(answerers[2])
                )
            } else {
                let k = self.rng.below(answerers.len());
                self.handle(answerers[k])
            };
            self.field("accepted", &accepted);
        }
        self.tags();
        let curator = self.member();
        self.field("curated_by", &curator);
        self.source(i);
        let status = if answerers.is_empty() {
            "open"
        } else {
            "answered"
        };
        self.field("status", status);
        self.end_front_matter();
        self.paragraph();
        if self.rng.percent(25) {
            self.code();
        }
        if answerers.is_empty() {
            // An open question is all question.
            self.fill(target.saturating_sub(self.out.len()));
        }
        for (k, &m) in answerers.iter().enumerate() {
            let budget = target.saturating_sub(self.out.len()) / (answerers.len() - k);
            let _ = write!(self.out, "## @{}", self.handle(m));
            if self.rng.percent(50) {
                let title = *self
                    .rng
                    .pick(self.v.prose(&format!("answer.{}", self.lang.key())));
                let _ = write!(self.out, " {title}");
            }
            self.out.push_str("\n\n");
            self.fill(budget);
        }
    }

    /// `source:` of a Q&A: where the discussion happened.
    fn source(&mut self, i: usize) {
        let platforms: &[&str] = match self.lang {
            Lang::Zh => &["wechat", "qq", "feishu"],
            Lang::Tw => &["line", "telegram"],
            Lang::En => &["discord", "slack", "telegram"],
        };
        let platform = *self.rng.pick(platforms);
        let n = self.rng.range(1, 9);
        let group = match self.lang {
            Lang::Zh => format!("运营交流{n}群"),
            Lang::Tw => format!("社群經營{n}群"),
            Lang::En => format!("#help-{n}"),
        };
        let when = format!("{} 20:00–21:30", plan::civil(self.plan.items[i].day));
        let value = format!(
            "{{ platform: {platform}, group: {}, when: {} }}",
            quote(&group),
            quote(&when)
        );
        self.field("source", &value);
    }

    fn solution(&mut self, i: usize, target: usize) {
        let n = self.rng.range(1, 2);
        let authors = self.distinct_members(n);
        self.field("authors", &format!("[{}]", authors.join(", ")));
        let problem = self.sentence_text(false);
        self.field("problem", &quote(&problem));
        self.tags();
        if i > 0 {
            let n = self.rng.range(1, 2).min(i);
            let mut related: Vec<String> =
                (0..n).map(|_| self.plan.key(self.rng.below(i))).collect();
            related.dedup();
            self.field("related", &format!("[{}]", related.join(", ")));
        }
        if self.rng.percent(40) {
            let day = self.plan.items[i].day + self.rng.range(30, 700) as i64;
            let last = plan::days_from_civil((2026, 10, 31));
            self.field("verified_on", &plan::civil(day.min(last)));
        }
        let newer =
            (i + 1..self.plan.items.len()).find(|&j| self.plan.items[j].kind == Kind::Solution);
        if let Some(j) = newer.filter(|_| self.rng.percent(5)) {
            self.field("superseded_by", &self.plan.key(j));
        }
        let curator = self.member();
        self.field("curated_by", &curator);
        self.end_front_matter();
        self.paragraph();
        if let Some(link) = self.link() {
            let _ = write!(self.out, "{}\n\n", self.see(&link));
        }
        self.sections(target);
    }

    fn talk(&mut self, target: usize) {
        if self.rng.percent(80) {
            let speaker = self.member();
            self.field("speaker", &speaker);
        } else {
            let n = self.rng.below(1000);
            let guest = format!(
                "{{ name: {}, title: {}, url: \"https://example.edu/guests/{n}\" }}",
                quote(["周老师", "林教授", "Dr. Grace Lee"][n % 3]),
                quote(["某大学社会学系教授", "產品顧問", "Community researcher"][n % 3]),
            );
            self.field("speaker", &guest);
        }
        let host = self.member();
        self.field("host", &host);
        let minutes = self.rng.range(3, 12) * 10;
        self.field("duration", &minutes.to_string());
        let format = *self.rng.pick(&["voice+text", "live", "offline", "video"]);
        self.field("format", format);
        let n = self.rng.below(100_000);
        if self.rng.percent(30) {
            self.field("slides", &format!("https://slides.example.org/{n}.pdf"));
        }
        if self.rng.percent(30) {
            self.field("video", &format!("https://video.example.org/{n}"));
        }
        self.tags();
        let curator = self.member();
        self.field("curated_by", &curator);
        self.end_front_matter();
        self.paragraph();
        self.sections(target * 3 / 4);
        self.talk_questions();
    }

    /// The `## Q&A` part of a talk: `### @handle`, a question and the speaker's answer.
    fn talk_questions(&mut self) {
        let (q, a) = match self.lang {
            Lang::Zh => ("**问**：", "**答**："),
            Lang::Tw => ("**問**：", "**答**："),
            Lang::En => ("**Q:** ", "**A:** "),
        };
        self.out.push_str("## Q&A\n\n");
        let n = self.rng.range(1, 3);
        for handle in self.distinct_members(n) {
            let question = self.sentence_text(false);
            let answer = self.sentence_text(true);
            let _ = write!(
                self.out,
                "### @{handle}\n\n{q}{question}\n\n{a}{answer}\n\n"
            );
        }
    }

    /// `## heading` sections, filled until the file reaches `target` bytes.
    fn sections(&mut self, target: usize) {
        let n = self.rng.range(2, 4);
        for k in 0..n {
            let heading = *self
                .rng
                .pick(self.v.prose(&format!("heading.{}", self.lang.key())));
            let _ = write!(self.out, "## {heading}\n\n");
            self.fill(target.saturating_sub(self.out.len()) / (n - k));
        }
    }

    /// A member profile: public fields in the member's script, a wechat id that the
    /// site's `private_fields` keeps out of the output, and a short bio.
    pub fn profile(mut self, m: usize) -> String {
        let member = &self.plan.members[m];
        self.lang = member.lang;
        self.topic = self.v.topics[self.rng.below(self.v.topics.len())][1 + self.lang.col()];
        self.out.push_str("---\n");
        self.field("name", &quote(&member.name));
        let role = match m {
            0 => "founder",
            1..=4 => "moderator",
            _ => *self
                .rng
                .pick(&["member", "member", "member", "member", "kol", "guest"]),
        };
        self.field("role", role);
        let joined = plan::days_from_civil((2018, 6, 1)) + self.rng.below(2500) as i64;
        self.field("joined", &plan::civil(joined));
        for field in ["title", "company", "industry", "location"] {
            let value = self.profile_value(field);
            self.field(field, &quote(value));
        }
        for (field, lo, hi) in [("expertise", 1, 3), ("seeking", 0, 2), ("hobbies", 1, 2)] {
            let values = self.profile_list(field, lo, hi);
            self.field(field, &values);
        }
        let mut links = vec![format!("github: {}", member.handle)];
        match member.lang {
            Lang::En => links.push(format!("twitter: {}", member.handle)),
            _ => links.push(format!("wechat: wx_{}_{}", member.handle, m)),
        }
        self.field("links", &format!("{{ {} }}", links.join(", ")));
        self.end_front_matter();
        self.paragraph();
        if self.rng.percent(40) {
            self.paragraph();
        }
        self.out
    }

    fn profile_value(&mut self, field: &str) -> &'static str {
        let values = self.v.profile(field);
        values[self.rng.below(values.len())][self.lang.col()]
    }

    /// `[a, b]` of distinct values of a profile list field.
    fn profile_list(&mut self, field: &str, lo: usize, hi: usize) -> String {
        let mut values: Vec<&str> = Vec::new();
        for _ in 0..self.rng.range(lo, hi) {
            let value = self.profile_value(field);
            if !values.contains(&value) {
                values.push(value);
            }
        }
        format!("[{}]", values.join(", "))
    }

    /// A free page (about, rules, join) or the home intro: here every item is linkable.
    pub fn page(mut self, title: &str, weight: usize) -> String {
        self.topic = self.v.topics[0][1];
        self.here = self.plan.items.len();
        self.out.push_str("---\n");
        self.field("title", &quote(title));
        if weight > 0 {
            self.field("menu", "true");
            self.field("weight", &weight.to_string());
        }
        self.end_front_matter();
        let heading = *self.rng.pick(self.v.prose("heading.zh"));
        let _ = write!(self.out, "## {heading}\n\n");
        self.fill(1500);
        self.out
    }
}

/// Markdown blocks.
impl Writer<'_> {
    /// Appends blocks until `budget` more bytes are written (at least one paragraph).
    fn fill(&mut self, budget: usize) {
        let start = self.out.len();
        self.paragraph();
        while self.out.len() - start < budget {
            match self.rng.below(100) {
                0..45 => self.paragraph(),
                45..60 => self.list(),
                60..72 => self.code(),
                72..80 => self.table(),
                80..90 => {
                    let heading = *self
                        .rng
                        .pick(self.v.prose(&format!("heading.{}", self.lang.key())));
                    let _ = write!(self.out, "### {heading}\n\n");
                    self.paragraph();
                }
                _ => {
                    let text = self.sentence_text(false);
                    let _ = write!(self.out, "> {text}\n\n");
                }
            }
        }
    }

    /// Two to four sentences, sometimes thanking a member or pointing at an earlier item.
    fn paragraph(&mut self) {
        let gap = if self.lang == Lang::En { " " } else { "" };
        let mut sentences: Vec<String> = (0..self.rng.range(2, 4))
            .map(|_| self.sentence_text(true))
            .collect();
        if self.rng.percent(15) {
            let handle = self.member();
            sentences.push(match self.lang {
                Lang::Zh => format!("感谢 @{handle} 的补充。"),
                Lang::Tw => format!("感謝 @{handle} 的補充。"),
                Lang::En => format!("Thanks to @{handle} for the tip."),
            });
        }
        if self.rng.percent(15)
            && let Some(link) = self.link()
        {
            sentences.push(self.see(&link));
        }
        self.out.push_str(&sentences.join(gap));
        self.out.push_str("\n\n");
    }

    /// One to three clauses in the item's script, with the topic and a number filled in;
    /// `bold` sometimes emphasises the first clause (before its punctuation, so the
    /// CommonMark flanking rules close it in Chinese text too).
    fn sentence_text(&mut self, bold: bool) -> String {
        let clauses = self.v.prose(self.lang.key());
        let sep = if self.lang == Lang::En { ", " } else { "，" };
        let mut parts: Vec<String> = (0..self.rng.range(1, 3))
            .map(|_| self.rng.pick(clauses).to_string())
            .collect();
        if bold && self.rng.percent(8) {
            parts[0] = format!("**{}**", parts[0]);
        }
        let mut s = parts
            .join(sep)
            .replace("{topic}", self.topic)
            .replace("{n}", &self.rng.range(2, 12).to_string());
        let question = self.rng.percent(10);
        s.push_str(match (self.lang, question) {
            (Lang::En, false) => ".",
            (Lang::En, true) => "?",
            (_, false) => "。",
            (_, true) => "？",
        });
        capitalize(&s)
    }

    fn list(&mut self) {
        let style = self.rng.below(10);
        for k in 0..self.rng.range(3, 5) {
            let text = self.sentence_text(true);
            let _ = match style {
                0..3 => writeln!(self.out, "{}. {text}", k + 1),
                3..5 => writeln!(
                    self.out,
                    "- [{}] {text}",
                    if k % 2 == 0 { "x" } else { " " }
                ),
                _ => writeln!(self.out, "- {text}"),
            };
        }
        self.out.push('\n');
    }

    fn table(&mut self) {
        self.out.push_str(match self.lang {
            Lang::Zh => "| 指标 | 之前 | 之后 |\n",
            Lang::Tw => "| 指標 | 之前 | 之後 |\n",
            Lang::En => "| Metric | Before | After |\n",
        });
        self.out.push_str("|---|---:|---:|\n");
        for _ in 0..self.rng.range(3, 5) {
            let label = *self.rng.pick(&self.v.tags);
            let (a, b) = (self.rng.range(5, 60), self.rng.range(5, 90));
            let _ = writeln!(self.out, "| {label} | {a}% | {b}% |");
        }
        self.out.push('\n');
    }

    fn code(&mut self) {
        let (lang, code) = *self.rng.pick(&self.v.code);
        let _ = write!(self.out, "```{lang}\n{code}\n```\n\n");
    }

    /// An `@/` link to an earlier item, half the time to one of its answers.
    fn link(&mut self) -> Option<String> {
        if self.here == 0 {
            return None;
        }
        let j = self.rng.below(self.here);
        let target = &self.plan.items[j];
        let mut anchor = String::new();
        if !target.answerers.is_empty() && self.rng.percent(50) {
            let m = *self.rng.pick(&target.answerers);
            anchor = format!("#answer-{}", self.handle(m));
        }
        let text = match (self.lang, anchor.is_empty()) {
            (Lang::Zh, true) => "之前的讨论",
            (Lang::Zh, false) => "这个回答",
            (Lang::Tw, true) => "之前的討論",
            (Lang::Tw, false) => "這個回答",
            (Lang::En, true) => "the earlier discussion",
            (Lang::En, false) => "this answer",
        };
        Some(format!("[{text}](@/{}.md{anchor})", self.plan.key(j)))
    }

    /// "See <link>." in the item's script.
    fn see(&self, link: &str) -> String {
        match self.lang {
            Lang::Zh => format!("详见{link}。"),
            Lang::Tw => format!("詳見{link}。"),
            Lang::En => format!("See {link}."),
        }
    }
}

/// Front matter.
impl Writer<'_> {
    fn field(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.out, "{key}: {value}");
    }

    fn end_front_matter(&mut self) {
        if let Some(lang) = self.lang.front_matter() {
            self.field("lang", lang);
        }
        self.out.push_str("---\n");
    }

    fn title(&mut self, kind: Kind) -> String {
        let templates = &self.v.titles[format!("{}.{}", kind.dir(), self.lang.key()).as_str()];
        capitalize(&self.rng.pick(templates).replace("{topic}", self.topic))
    }

    /// 2–5 distinct tags, as a flow list or, sometimes, a block list.
    fn tags(&mut self) {
        let mut tags: Vec<&str> = Vec::new();
        let n = self.rng.range(2, 5);
        while tags.len() < n {
            let tag = *self.rng.pick(&self.v.tags);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if self.rng.percent(20) {
            self.out.push_str("tags:\n");
            for tag in tags {
                let _ = writeln!(self.out, "  - {tag}");
            }
        } else {
            self.field("tags", &format!("[{}]", tags.join(", ")));
        }
    }

    fn handle(&self, m: usize) -> String {
        self.plan.members[m].handle.clone()
    }

    /// A member's handle, the active ones more often.
    fn member(&mut self) -> String {
        let m = self.rng.skewed(self.plan.members.len());
        self.handle(m)
    }

    fn distinct_members(&mut self, n: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        while out.len() < n {
            let h = self.member();
            if !out.contains(&h) {
                out.push(h);
            }
        }
        out
    }
}

/// A double-quoted YAML scalar: every title and name is quoted, so `: ` or `#` in one
/// can never change the front matter's meaning.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// English sentences and titles start with a capital; other scripts are unchanged.
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() => c.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => s.to_string(),
    }
}

pub fn site_yaml() -> String {
    include_str!("vocab/site.yaml").to_string()
}

pub fn home() -> String {
    "---\ntitle: 基准社区 · 知识库\n---\n这是 cairn 基准测试生成的语料：问答、方案和分享，\
     简体、繁體和 English 混排，每页 1–4 KB。\n"
        .to_string()
}

/// content/credits.yaml: manual credits, about one per twenty items.
pub fn credits(plan: &Plan) -> String {
    let mut rng = plan::stream(plan.seed, 3, 0);
    let mut out = String::new();
    let first = plan::days_from_civil((2019, 1, 1));
    for _ in 0..(plan.items.len() / 20).clamp(3, 2000) {
        let member = &plan.members[rng.skewed(plan.members.len())].handle;
        let kind = *rng.pick(&["event", "translation", "design", "moderation", "onboarding"]);
        let date = plan::civil(first + rng.below(2850) as i64);
        let n = rng.range(2, 60);
        let _ = writeln!(
            out,
            "- {{ member: {member}, kind: {kind}, date: {date}, note: \"第 {n} 次{}\" }}",
            match kind {
                "event" => "线下活动",
                "translation" => "翻译",
                "design" => "设计海报",
                "moderation" => "值班管理",
                _ => "新人引导",
            }
        );
    }
    out
}

/// The free pages: about, rules and join, in the menu.
pub fn pages(v: &Vocab, plan: &Plan) -> Vec<(String, String)> {
    [
        ("about", "关于我们", 10),
        ("rules", "群规", 20),
        ("join", "如何加入", 30),
    ]
    .into_iter()
    .enumerate()
    .map(|(k, (name, title, weight))| {
        let text = Writer::new(v, plan, plan::stream(plan.seed, 4, k)).page(title, weight);
        (format!("content/pages/{name}.md"), text)
    })
    .collect()
}
