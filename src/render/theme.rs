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

/// Whether the built-in theme has interface strings for `language`.
pub fn has_language(language: &str) -> bool {
    DEFAULT_THEME
        .get_file(format!("i18n/{language}.yaml"))
        .is_some()
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
                Diagnostic::error(Path::new("site.yaml"), format!("theme `{name}` not found"))
                    .with_hint(format!("put the theme in themes/{name}/, or remove `theme:` to use the built-in default")),
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
                Err(_) => problems.push(Diagnostic::error(&origin, "template is not valid UTF-8")),
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
                Err(_) => problems.push(Diagnostic::error(&origin, "template is not valid UTF-8")),
            }
        }
        let strings_file = format!("i18n/{language}.yaml");
        let strings = source
            .files("i18n")
            .into_iter()
            .find(|(rel, _)| format!("i18n/{rel}") == strings_file);
        match strings {
            Some((_, bytes)) => {
                let text = String::from_utf8_lossy(&bytes);
                match yaml::parse::<BTreeMap<String, String>>(&text) {
                    Ok(map) => theme.strings = map,
                    Err(p) => {
                        let origin = source.origin(&strings_file);
                        problems.push(
                            Diagnostic::error(&origin, p.message)
                                .at(
                                    &text,
                                    Position {
                                        line: p.line,
                                        column: p.column,
                                    },
                                    p.width,
                                )
                                .with_hint("interface strings are a flat `key: text` mapping"),
                        );
                    }
                }
            }
            None => problems.push(
                Diagnostic::error(
                    Path::new("site.yaml"),
                    format!("the theme has no interface strings for `{language}`"),
                )
                .with_hint(format!(
                    "add {strings_file} to the theme, or set `language: zh-CN` or `language: en`"
                )),
            ),
        }
        if problems.is_empty() {
            Ok(theme)
        } else {
            Err(problems)
        }
    }

    /// An interface string, or its key when the theme lacks it (visible, not fatal).
    pub fn string(&self, key: &str) -> String {
        self.strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}
