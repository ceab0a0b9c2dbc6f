//! Stage 0: `site.yaml` (DESIGN §8). Every key is optional but `title`; unknown keys
//! are located errors. Defaults here are the documented ones in docs/CONFIG.md.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::content::{Document, Extra};
use crate::diagnostics::{Diagnostic, Diagnostics};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// IANA time zone for imports (and weeks); `None` means the language's default.
    pub timezone: Option<String>,
    #[serde(default)]
    pub import: ImportConfig,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub search: SearchConfig,
    #[serde(default)]
    pub members: MembersConfig,
    #[serde(default)]
    pub solutions: SolutionsConfig,
    #[serde(default)]
    pub credits: CreditsConfig,
    #[serde(default)]
    pub deploy: DeployConfig,
    /// The theme's interface strings renamed by the site (`strings: { role_moderator:
    /// 版主 }`): any key of the theme's `i18n/<language>.yaml`.
    #[serde(default)]
    pub strings: BTreeMap<String, String>,
    pub extra: Extra,
}

impl SiteConfig {
    const FIELDS: &[&str] = &[
        "title",
        "description",
        "base_url",
        "language",
        "timezone",
        "import",
        "theme",
        "paginate",
        "markdown",
        "search",
        "members",
        "solutions",
        "credits",
        "deploy",
        "strings",
        "extra",
    ];

    /// Reads `root/site.yaml`, reporting every problem into `diagnostics`.
    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
        let rel = Path::new("site.yaml");
        let text = match std::fs::read_to_string(root.join(rel)) {
            Ok(t) => t,
            // Present but not UTF-8: say where, like a content file, not "no site here".
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                let bytes = std::fs::read(root.join(rel)).unwrap_or_default();
                let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
                let text = String::from_utf8_lossy(&bytes[..valid]).into_owned();
                diagnostics.push(
                    Diagnostic::error_said(rel, "site-yaml-not-utf8", &[])
                        .at_offset(&text, valid, valid)
                        .with_hint_said("not-utf8-hint", &[]),
                );
                return None;
            }
            Err(e) => {
                let error = e.to_string();
                diagnostics.push(
                    Diagnostic::error_said(rel, "no-site-yaml", &[("error", &error)])
                        .with_hint_said("no-site-yaml-hint", &[]),
                );
                return None;
            }
        };
        let doc = Document::yaml_file(rel.to_path_buf(), text);
        match doc.parse_meta::<SiteConfig>(Self::FIELDS) {
            Ok(mut config) => {
                config.normalize(&doc, diagnostics);
                Some(config)
            }
            Err(problems) => {
                diagnostics.extend(problems);
                None
            }
        }
    }

    fn normalize(&mut self, doc: &Document, diagnostics: &mut Diagnostics) {
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
        if !(self.base_url.starts_with("http://")
            || self.base_url.starts_with("https://")
            || self.base_url.starts_with('/'))
        {
            diagnostics.push(
                doc.field_error_said("base_url", &self.base_url.clone(), "bad-base-url", &[])
                    .with_hint_said("bad-base-url-hint", &[]),
            );
        }
        for entry in self.members.private_fields.clone() {
            if !crate::content::MemberMeta::is_private_field(&entry) {
                diagnostics.push(crate::content::MemberMeta::unknown_private_field(
                    doc, "members", &entry,
                ));
            }
        }
        if self.time_zone().is_err() {
            let name = self.timezone.clone().unwrap_or_default();
            diagnostics.push(
                doc.field_error_said("timezone", &name, "bad-timezone", &[("zone", &name)])
                    .with_hint_said("bad-timezone-hint", &[]),
            );
        }
        if self.import.gap().is_err() {
            let gap = self.import.session_gap.clone().unwrap_or_default();
            diagnostics.push(
                doc.field_error_said("session_gap", &gap, "bad-duration", &[("value", &gap)])
                    .with_hint_said("bad-duration-hint", &[]),
            );
        }
        if self.paginate == 0 {
            diagnostics.push(doc.field_error_said("paginate", "0", "paginate-zero", &[]));
            self.paginate = 20;
        }
    }

    /// The site's time zone: `timezone`, or the one its `language` implies (zh-CN →
    /// Asia/Shanghai, zh-TW → Asia/Taipei, zh-HK → Asia/Hong_Kong, others UTC).
    pub fn time_zone(&self) -> Result<jiff::tz::TimeZone, String> {
        let name = match &self.timezone {
            Some(name) => name.as_str(),
            None => match self.language.as_str() {
                "zh-CN" | "zh" | "zh-Hans" | "zh-SG" => "Asia/Shanghai",
                "zh-TW" | "zh-Hant" => "Asia/Taipei",
                "zh-HK" | "zh-MO" => "Asia/Hong_Kong",
                _ => "UTC",
            },
        };
        jiff::tz::TimeZone::get(name).map_err(|_| format!("unknown time zone `{name}`"))
    }

    /// The path part of `base_url`, always starting and ending with `/`: `/` or `/archive/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        let path = if self.base_url.contains("://") {
            after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
        } else {
            after_scheme
        };
        let mut path = path.to_string();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        path
    }
}

fn default_base_url() -> String {
    "/".into()
}
fn default_language() -> String {
    "zh-CN".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    20
}
fn yes() -> bool {
    true
}

/// `deploy:` in site.yaml: where the site is published, so `build` and `check` can
/// say when the output passes that host's limits (docs/DEPLOY.md).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    #[serde(default)]
    pub host: Host,
}

/// The static hosts cairn knows the limits of (`deploy::limits`).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Host {
    GithubPages,
    GitlabPages,
    CloudflarePages,
    Netlify,
    /// Any web server: no limits to check.
    #[default]
    Other,
}

/// What happens to raw HTML that members wrote in Markdown.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep safe tags and attributes, drop scripts and event handlers (ammonia).
    #[default]
    Sanitize,
    /// Show the HTML as text.
    Escape,
    /// Pass it through untouched: only for sites whose every writer is trusted.
    Trust,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    #[serde(default)]
    pub raw_html: RawHtml,
    #[serde(default = "yes")]
    pub highlight: bool,
    #[serde(default)]
    pub quotes: Quotes,
}

/// How quotes in Chinese (CJK) text are shown; a page's front matter may choose too,
/// so the type lives with the front matter.
pub use crate::content::Quotes;

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            raw_html: RawHtml::Sanitize,
            highlight: true,
            quotes: Quotes::Curly,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembersConfig {
    /// Fields hidden on every profile, e.g. `links.wechat`.
    #[serde(default)]
    pub private_fields: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolutionsConfig {
    #[serde(default = "default_stale")]
    pub stale_after_months: u32,
}

fn default_stale() -> u32 {
    18
}

impl Default for SolutionsConfig {
    fn default() -> Self {
        SolutionsConfig {
            stale_after_months: default_stale(),
        }
    }
}

/// `import:` — how `cairn import` reads a chat (DESIGN §11, docs/IMPORT.md).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportConfig {
    /// The quiet time that ends a session, like `45m` or `1h30m` (default 45 minutes).
    pub session_gap: Option<String>,
    /// Acknowledgement one-liners left out of drafts; replaces the default list.
    pub noise: Option<Vec<String>>,
}

impl ImportConfig {
    pub const DEFAULT_GAP_MINUTES: i64 = 45;

    /// The session gap in minutes.
    pub fn gap(&self) -> Result<i64, String> {
        match &self.session_gap {
            None => Ok(Self::DEFAULT_GAP_MINUTES),
            Some(text) => parse_minutes(text).ok_or_else(|| format!("`{text}` is not a duration")),
        }
    }
}

/// `45m`, `90`, `2h`, `1h30m` → minutes (at least 1).
pub fn parse_minutes(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(m) = text.parse::<i64>() {
        return (m > 0).then_some(m);
    }
    let (hours, rest) = match text.split_once('h') {
        Some((h, rest)) => (h.trim().parse::<i64>().ok()?, rest.trim()),
        None => (0, text),
    };
    let minutes = match rest.strip_suffix('m').or(rest.strip_suffix("min")) {
        Some(m) => m.trim().parse::<i64>().ok()?,
        None if rest.is_empty() => 0,
        None => return None,
    };
    let total = hours.checked_mul(60)?.checked_add(minutes)?;
    (total > 0).then_some(total)
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub name: String,
    pub min: i64,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Badge {
    pub name: String,
    #[serde(default)]
    pub icon: String,
    /// The contribution kind counted, e.g. `accepted`.
    pub count: String,
    pub min: u32,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditsConfig {
    /// Points per contribution kind, merged over the defaults.
    #[serde(default)]
    pub points: BTreeMap<String, i64>,
    pub tiers: Option<Vec<Tier>>,
    pub badges: Option<Vec<Badge>>,
}

impl CreditsConfig {
    /// DESIGN §4's default points, overridden by site.yaml.
    pub fn points(&self) -> BTreeMap<String, i64> {
        let mut points: BTreeMap<String, i64> = [
            ("question", 1),
            ("answer", 3),
            ("accepted", 5),
            ("solution", 8),
            ("talk", 10),
            ("host", 2),
            ("curation", 2),
            ("event", 6),
            ("pick", 5),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        points.extend(self.points.iter().map(|(k, v)| (k.clone(), *v)));
        points
    }

    /// site.yaml's tiers, or the defaults named in the site's `language`.
    pub fn tiers(&self, language: &str) -> Vec<Tier> {
        self.tiers.clone().unwrap_or_else(|| {
            let names = Defaults::of(language).tiers;
            names
                .into_iter()
                .zip([0, 20, 60, 150])
                .map(|(name, min)| Tier {
                    name: name.into(),
                    min,
                })
                .collect()
        })
    }

    /// site.yaml's badges (or the default, named in the site's `language`), with the
    /// weekly-best badge (`weekly_best`, 周最佳: one weekly pick, DESIGN §12) added
    /// unless a badge already counts picks.
    pub fn badges(&self, language: &str) -> Vec<Badge> {
        let names = Defaults::of(language);
        let mut badges = self.badges.clone().unwrap_or_else(|| {
            vec![Badge {
                name: names.accepted_badge.into(),
                icon: "🏅".into(),
                count: "accepted".into(),
                min: 10,
            }]
        });
        if !badges.iter().any(|b| b.count == "pick") {
            badges.push(Badge {
                name: names.weekly_best.into(),
                icon: "🌟".into(),
                count: "pick".into(),
                min: 1,
            });
        }
        badges
    }
}

/// The names of the default tiers and badges in each interface language: they are
/// cairn's words, not the site's, so they follow `language` like the theme's strings
/// (a site that names its own in site.yaml keeps them as written).
struct Defaults {
    tiers: [&'static str; 4],
    accepted_badge: &'static str,
    weekly_best: &'static str,
}

impl Defaults {
    fn of(language: &str) -> &'static Defaults {
        const ZH_CN: Defaults = Defaults {
            tiers: ["新成员", "活跃成员", "核心成员", "KOL"],
            accepted_badge: "金牌解答",
            weekly_best: "周最佳",
        };
        const ZH_TW: Defaults = Defaults {
            tiers: ["新成員", "活躍成員", "核心成員", "KOL"],
            accepted_badge: "金牌解答",
            weekly_best: "週最佳",
        };
        const EN: Defaults = Defaults {
            tiers: ["Newcomer", "Active member", "Core member", "KOL"],
            accepted_badge: "Gold answerer",
            weekly_best: "Pick of the week",
        };
        match language {
            "zh-TW" | "zh-HK" | "zh-MO" | "zh-Hant" => &ZH_TW,
            l if l == "en" || l.starts_with("en-") => &EN,
            _ => &ZH_CN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> SiteConfig {
        crate::content::yaml::parse(&format!("title: t\nbase_url: {base_url}\n")).unwrap()
    }

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(config("https://example.org/").base_path(), "/");
        assert_eq!(
            config("https://example.org/archive/").base_path(),
            "/archive/"
        );
        assert_eq!(config("https://example.org").base_path(), "/");
        assert_eq!(config("/sub/").base_path(), "/sub/");
    }

    #[test]
    fn session_gaps_read_as_minutes() {
        assert_eq!(parse_minutes("45m"), Some(45));
        assert_eq!(parse_minutes("90"), Some(90));
        assert_eq!(parse_minutes("2h"), Some(120));
        assert_eq!(parse_minutes("1h30m"), Some(90));
        assert_eq!(parse_minutes("0m"), None);
        assert_eq!(parse_minutes("soon"), None);
        assert_eq!(parse_minutes("45s"), None);
    }

    #[test]
    fn time_zone_follows_language_unless_set() {
        let c: SiteConfig = crate::content::yaml::parse("title: t\nlanguage: zh-TW\n").unwrap();
        assert_eq!(c.time_zone().unwrap().iana_name(), Some("Asia/Taipei"));
        let c: SiteConfig =
            crate::content::yaml::parse("title: t\ntimezone: Europe/Berlin\n").unwrap();
        assert_eq!(c.time_zone().unwrap().iana_name(), Some("Europe/Berlin"));
        let c: SiteConfig = crate::content::yaml::parse("title: t\ntimezone: Mars/Base\n").unwrap();
        assert!(c.time_zone().is_err());
    }

    #[test]
    fn points_merge_over_defaults() {
        let c: CreditsConfig =
            crate::content::yaml::parse("points: { answer: 4, translation: 3 }").unwrap();
        let p = c.points();
        assert_eq!(p["answer"], 4);
        assert_eq!(p["question"], 1);
        assert_eq!(p["translation"], 3);
    }
}
