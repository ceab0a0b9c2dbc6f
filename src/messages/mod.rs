//! Below every stage: the command line's own words (summaries, next steps, what was
//! written) in the moderator's language, from one Fluent catalogue per language
//! (`en.ftl`, `zh-CN.ftl`, `zh-TW.ftl`, built into the binary). The language is chosen
//! once per process: `--lang`, else the site's `language`, else `LC_ALL`/`LC_MESSAGES`/
//! `LANG`, else English (docs/CONFIG.md 2.1). A message's key is the same in every
//! language, so a report can be looked up whatever language it was printed in.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language cairn has a catalogue for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    ZhCn,
    ZhTw,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::ZhCn, Lang::ZhTw, Lang::En];

    /// The catalogue a language tag reads: `zh-TW`, `zh-HK`, `zh_TW.UTF-8`, `zh-Hant`
    /// → 繁體; other `zh…` → 简体; `en…` → English; anything else: none.
    pub fn of_tag(tag: &str) -> Option<Lang> {
        let tag = tag
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .replace('_', "-");
        let lower = tag.to_ascii_lowercase();
        if ["zh-tw", "zh-hk", "zh-mo"]
            .iter()
            .any(|t| lower.starts_with(t))
            || lower.starts_with("zh-hant")
        {
            Some(Lang::ZhTw)
        } else if lower == "zh" || lower.starts_with("zh-") {
            Some(Lang::ZhCn)
        } else if lower == "en" || lower.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::ZhTw => "zh-TW",
            Lang::En => "en",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::ZhCn => include_str!("zh-CN.ftl"),
            Lang::ZhTw => include_str!("zh-TW.ftl"),
            Lang::En => include_str!("en.ftl"),
        }
    }
}

/// Picks the language: the first of `flag` (`--lang`), `site` (site.yaml's
/// `language`) and the environment's locale that names one cairn has; else English.
pub fn choose(
    flag: Option<&str>,
    site: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| env(var))
        .find(|v| !v.is_empty() && v != "C" && v != "POSIX");
    [flag.map(str::to_string), site.map(str::to_string), locale]
        .into_iter()
        .flatten()
        .find_map(|tag| Lang::of_tag(&tag))
        .unwrap_or(Lang::En)
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Sets the process's language; the first call wins (the command line sets it once,
/// before printing anything).
pub fn set(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The process's language (English until `set`).
pub fn lang() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::En)
}

/// A parsed catalogue.
pub struct Catalogue {
    bundle: FluentBundle<FluentResource>,
}

impl Catalogue {
    /// Parses `lang`'s catalogue; a syntax error in a built-in catalogue is a bug,
    /// caught by the tests, so it panics.
    fn load(lang: Lang) -> Catalogue {
        Catalogue::parse(lang, lang.source())
    }

    fn parse(lang: Lang, source: &str) -> Catalogue {
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(_, e)| panic!("messages/{}.ftl: {e:?}", lang.tag()));
        let id: unic_langid::LanguageIdentifier = lang.tag().parse().expect("a valid tag");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No Unicode isolation marks around arguments: the words go to a terminal,
        // where the marks show up as stray characters around file names and counts.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .unwrap_or_else(|e| panic!("messages/{}.ftl: {e:?}", lang.tag()));
        Catalogue { bundle }
    }

    /// The catalogue of `lang`, parsed once.
    pub fn of(lang: Lang) -> &'static Catalogue {
        static LOADED: [OnceLock<Catalogue>; 3] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(2);
        LOADED[i].get_or_init(|| Catalogue::load(lang))
    }

    /// The `--help` texts in `lang` (Chinese only: the English are the doc comments
    /// of the command line), parsed once.
    pub fn help(lang: Lang) -> &'static Catalogue {
        static LOADED: [OnceLock<Catalogue>; 2] = [OnceLock::new(), OnceLock::new()];
        let (i, source) = match lang {
            Lang::ZhTw => (1, include_str!("help-zh-TW.ftl")),
            _ => (0, include_str!("help-zh-CN.ftl")),
        };
        LOADED[i].get_or_init(|| Catalogue::parse(lang, source))
    }

    /// The keys of `help(lang)`.
    pub fn help_keys(lang: Lang) -> Vec<&'static str> {
        let source = match lang {
            Lang::ZhTw => include_str!("help-zh-TW.ftl"),
            _ => include_str!("help-zh-CN.ftl"),
        };
        keys_of(source)
    }

    /// Every message key of `lang`'s catalogue: the identifiers that start a line
    /// (Fluent's messages; attributes and variants are indented).
    pub fn keys(lang: Lang) -> Vec<&'static str> {
        keys_of(lang.source())
    }

    /// Whether the catalogue has message `key`.
    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// Message `key` with `args`; the key itself when the catalogue lacks it (a test
    /// keeps every key in every catalogue).
    pub fn say(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Count(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }
}

/// The message keys of a catalogue's source: the identifiers that start a line.
fn keys_of(source: &'static str) -> Vec<&'static str> {
    source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim()))
        .collect()
}

/// An argument of a message: text, or a count (which picks the plural form).
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Count(u64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Count(n as u64)
    }
}

/// Message `key` in the process's language.
pub fn say(key: &str, args: &[(&str, Arg)]) -> String {
    Catalogue::of(lang()).say(key, args)
}

/// Names listed the language's way: `a, b, c` in English, `甲、乙、丙` in Chinese.
pub fn join<S: AsRef<str>>(names: &[S]) -> String {
    let separator = say("list-separator", &[]);
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    names.join(&separator)
}

/// Message `key` with the hint `hint_key` on a line of its own, `  = hint: …`, as a
/// located report writes its hint, for errors that have no file to point at.
pub fn say_with_hint(key: &str, args: &[(&str, Arg)], hint_key: &str) -> String {
    format!(
        "{}\n  = {}: {}",
        say(key, args),
        say("diag-label-hint", &[]),
        say(hint_key, args)
    )
}

#[cfg(test)]
mod tests;
