//! Stage "theme": where templates, theme assets and interface strings come from: the default theme
//! embedded in the binary, or `themes/<name>/` on disk, with a site's own
//! `templates/NAME.html` replacing single templates by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::content::yaml;
use crate::diagnostics::{Diagnostic, Position};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A template's source and the file a moderator would open to fix it.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub text: String,
    pub origin: PathBuf,
}

/// Everything a theme provides, resolved for one site and language.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (`qa.html`, `partials/card.html`) → source.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Asset path under the theme's `static/` → bytes; published under `/theme/`.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Interface strings of the site's language.
    pub strings: BTreeMap<String, String>,
}

/// Files of a theme, wherever they live.
trait ThemeFiles {
    fn files(&self, folder: &str) -> Vec<(String, Vec<u8>)>;
    fn origin(&self, rel: &str) -> PathBuf;
}

struct Embedded;

impl ThemeFiles for Embedded {
    fn files(&self, folder: &str) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        if let Some(dir) = DEFAULT_THEME.get_dir(folder) {
            collect_embedded(dir, folder, &mut out);
        }
        out
    }
    fn origin(&self, rel: &str) -> PathBuf {
        PathBuf::from(format!("(built-in theme)/{rel}"))
    }
}

fn collect_embedded(dir: &Dir<'static>, folder: &str, out: &mut Vec<(String, Vec<u8>)>) {
    for file in dir.files() {
        let rel = file.path().strip_prefix(folder).unwrap_or(file.path());
        out.push((
            rel.to_string_lossy().replace('\\', "/"),
            file.contents().to_vec(),
        ));
    }
    for sub in dir.dirs() {
        collect_embedded(sub, folder, out);
    }
}

struct OnDisk {
    dir: PathBuf,
    shown_as: PathBuf,
}

impl ThemeFiles for OnDisk {
    fn files(&self, folder: &str) -> Vec<(String, Vec<u8>)> {
        read_tree(&self.dir.join(folder))
    }
    fn origin(&self, rel: &str) -> PathBuf {
        self.shown_as.join(rel)
    }
}

/// Every file below `dir`, as (path relative to `dir`, bytes), sorted.
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        if let Ok(bytes) = std::fs::read(entry.path()) {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            out.push((rel.to_string_lossy().replace('\\', "/"), bytes));
        }
    }
    out
}

/// Whether the built-in theme has interface strings for `language` (or its fallback).
pub fn has_language(language: &str) -> bool {
    let has = |lang: &str| {
        DEFAULT_THEME
            .get_file(format!("i18n/{lang}.yaml"))
            .is_some()
    };
    has(strings_language(language, has))
}

/// The language whose interface strings `language` reads: its own when the theme has
/// them, else its script's (zh-HK, zh-MO, zh-Hant → zh-TW; zh, zh-Hans, zh-SG →
/// zh-CN; en-GB → en).
pub fn strings_language(language: &str, has: impl Fn(&str) -> bool) -> &str {
    if has(language) {
        return language;
    }
    let fallback = match language {
        "zh-HK" | "zh-MO" | "zh-Hant" => "zh-TW",
        "zh" | "zh-Hans" | "zh-SG" | "zh-MY" => "zh-CN",
        other if other.starts_with("en-") => "en",
        other => other,
    };
    if has(fallback) { fallback } else { language }
}

impl Theme {
    /// Loads theme `name` for `language`; `root` is the site root.
    pub fn load(root: &Path, name: &str, language: &str) -> Result<Theme, Vec<Diagnostic>> {
        let disk = root.join("themes").join(name);
        let source: Box<dyn ThemeFiles> = if disk.is_dir() {
            Box::new(OnDisk {
                dir: disk,
                shown_as: PathBuf::from("themes").join(name),
            })
        } else if name == "default" {
            Box::new(Embedded)
        } else {
            return Err(vec![
                Diagnostic::error_said(Path::new("site.yaml"), "unknown-theme", &[("name", name)])
                    .with_hint_said("unknown-theme-hint", &[("name", name)]),
            ]);
        };
        let mut theme = Theme::default();
        let mut problems = Vec::new();
        for (rel, bytes) in source.files("templates") {
            let origin = source.origin(&format!("templates/{rel}"));
            match String::from_utf8(bytes) {
                Ok(text) => {
                    theme.templates.insert(rel, TemplateSource { text, origin });
                }
                Err(_) => problems.push(Diagnostic::error_said(&origin, "template-not-utf8", &[])),
            }
        }
        theme.assets = source.files("static").into_iter().collect();
        // A site's templates/NAME.html replaces the theme's template of that name.
        for (rel, bytes) in read_tree(&root.join("templates")) {
            let origin = PathBuf::from("templates").join(&rel);
            match String::from_utf8(bytes) {
                Ok(text) => {
                    theme.templates.insert(rel, TemplateSource { text, origin });
                }
                Err(_) => problems.push(Diagnostic::error_said(&origin, "template-not-utf8", &[])),
            }
        }
        // A language the theme has no file for reads its script's strings: Hong Kong
        // and Macau write Traditional as Taiwan does in the interface (zh-TW).
        let files = source.files("i18n");
        let has = |lang: &str| files.iter().any(|(rel, _)| *rel == format!("{lang}.yaml"));
        let language = strings_language(language, has);
        let strings_file = format!("i18n/{language}.yaml");
        let strings = files
            .into_iter()
            .find(|(rel, _)| format!("i18n/{rel}") == strings_file);
        match strings {
            Some((_, bytes)) => {
                let text = String::from_utf8_lossy(&bytes);
                match yaml::parse::<BTreeMap<String, String>>(&text) {
                    Ok(map) => theme.strings = map,
                    Err(p) => {
                        let origin = source.origin(&strings_file);
                        let position = Position {
                            line: p.line,
                            column: p.column,
                        };
                        let width = p.width;
                        problems.push(
                            p.diagnostic(&origin)
                                .at(&text, position, width)
                                .with_hint_said("theme-strings-hint", &[]),
                        );
                    }
                }
            }
            None => problems.push(
                Diagnostic::error_said(
                    Path::new("site.yaml"),
                    "no-theme-strings",
                    &[("language", language)],
                )
                .with_hint_said("no-theme-strings-hint", &[("path", &strings_file)]),
            ),
        }
        if problems.is_empty() {
            Ok(theme)
        } else {
            Err(problems)
        }
    }

    /// Puts the site's own wording (`strings:` in site.yaml) over the theme's; returns
    /// the keys the theme has no string for, which would rename nothing.
    pub fn rename(&mut self, strings: &BTreeMap<String, String>) -> Vec<String> {
        let mut unknown = Vec::new();
        for (key, text) in strings {
            match self.strings.get_mut(key) {
                Some(theirs) => *theirs = text.clone(),
                None => unknown.push(key.clone()),
            }
        }
        unknown
    }

    /// An interface string, or its key when the theme lacks it (visible, not fatal).
    pub fn string(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings_of(language: &str) -> BTreeMap<String, String> {
        let file = DEFAULT_THEME
            .get_file(format!("i18n/{language}.yaml"))
            .unwrap_or_else(|| panic!("no i18n/{language}.yaml"));
        yaml::parse(file.contents_utf8().unwrap()).unwrap()
    }

    /// A key missing from one language breaks every page that uses it (Tera refuses an
    /// undefined field), so each language has exactly English's keys.
    #[test]
    fn every_interface_language_has_every_key() {
        let english: Vec<String> = strings_of("en").into_keys().collect();
        for language in ["zh-CN", "zh-TW"] {
            let keys: Vec<String> = strings_of(language).into_keys().collect();
            let missing: Vec<&String> = english.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<&String> = keys.iter().filter(|k| !english.contains(k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{language}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    /// Chinese text takes full-width punctuation: an ASCII comma, colon or bracket
    /// beside a Chinese character is a slip (a value's own `:` of YAML is not text).
    #[test]
    fn chinese_strings_use_full_width_punctuation() {
        let is_cjk = |c: char| {
            ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c)
        };
        for language in ["zh-CN", "zh-TW"] {
            for (key, text) in strings_of(language) {
                let chars: Vec<char> = text.chars().collect();
                for (i, c) in chars.iter().enumerate() {
                    if !",:;?!()".contains(*c) {
                        continue;
                    }
                    let before = i
                        .checked_sub(1)
                        .map(|j| chars[j])
                        .filter(|c| !c.is_whitespace());
                    let after = chars.get(i + 1).copied();
                    assert!(
                        !before.is_some_and(is_cjk) && !after.is_some_and(is_cjk),
                        "{language} `{key}`: ASCII `{c}` in “{text}”"
                    );
                }
            }
        }
    }

    #[test]
    fn a_language_without_strings_reads_its_scripts() {
        let has = |l: &str| ["en", "zh-CN", "zh-TW"].contains(&l);
        assert_eq!(strings_language("zh-HK", has), "zh-TW");
        assert_eq!(strings_language("zh-MO", has), "zh-TW");
        assert_eq!(strings_language("zh-Hant", has), "zh-TW");
        assert_eq!(strings_language("zh-SG", has), "zh-CN");
        assert_eq!(strings_language("en-GB", has), "en");
        assert_eq!(strings_language("zh-TW", has), "zh-TW");
        assert_eq!(
            strings_language("fr", has),
            "fr",
            "no fallback: its own error"
        );
        let hk_too = |l: &str| ["zh-TW", "zh-HK"].contains(&l);
        assert_eq!(
            strings_language("zh-HK", hk_too),
            "zh-HK",
            "its own when the theme has them"
        );
        assert!(has_language("zh-HK") && has_language("en-US") && !has_language("fr"));
    }
}
