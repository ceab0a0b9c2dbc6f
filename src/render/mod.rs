//! Stages "theme" and "templates", used by "cards" and "render": pages through Tera 2
//! templates. Templates are compiled once per build;
//! `site` and `t` go into Tera's global context so each page adds only its own data.

pub mod context;
pub mod theme;

use std::path::PathBuf;

use serde::Serialize;
pub use tera::Value;
use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
pub use theme::{Theme, has_language};

/// Compiled templates, ready to render pages from any thread.
pub struct Renderer {
    tera: Tera,
    origins: std::collections::BTreeMap<String, PathBuf>,
}

impl Renderer {
    /// Compiles every template of `theme`; a syntax error names the template file.
    pub fn new(
        theme: &Theme,
        globals: &[(&'static str, serde_json::Value)],
    ) -> Result<Renderer, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        let sources = theme
            .templates
            .iter()
            .map(|(name, s)| (name.as_str(), s.text.as_str()));
        if let Err(e) = tera.add_raw_templates(sources) {
            let message = error_chain(&e);
            // Name the template the error is about when Tera says which one it is.
            let origin = theme
                .templates
                .iter()
                .find(|(name, _)| message.contains(name.as_str()))
                .map_or_else(|| PathBuf::from("templates"), |(_, s)| s.origin.clone());
            return Err(vec![
                Diagnostic::error_said(&origin, "template-error", &[("error", &message)])
                    .with_hint_said("template-error-hint", &[]),
            ]);
        }
        for (key, value) in globals {
            tera.global_context().insert(*key, value);
        }
        let origins = theme
            .templates
            .iter()
            .map(|(n, s)| (n.clone(), s.origin.clone()))
            .collect();
        Ok(Renderer { tera, origins })
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    fn origin(&self, template: &str) -> PathBuf {
        self.origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(template))
    }

    /// Renders `template` with the page's own variables.
    pub fn render(&self, template: &str, vars: &impl Serialize) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(vars).map_err(|e| {
            Diagnostic::error_said(
                &self.origin(template),
                "template-data",
                &[("error", &error_chain(&e))],
            )
        })?;
        self.render_context(template, &context)
    }

    /// Renders `template` with variables that are template values already: values
    /// shared between pages (an item's card) are then built once, not once per page.
    pub fn render_values(
        &self,
        template: &str,
        vars: impl IntoIterator<Item = (&'static str, Value)>,
    ) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        for (key, value) in vars {
            context.insert_value(key, value);
        }
        self.render_context(template, &context)
    }

    fn render_context(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        let origin = self.origin(template);
        self.tera.render(template, context).map_err(|e| {
            Diagnostic::error_said(&origin, "template-error", &[("error", &error_chain(&e))])
                .with_hint_said("template-variable-hint", &[])
        })
    }
}

/// `value` as a template value. Views are plain structs with string keys, which always
/// serialise; the fallback is only there so a page never panics.
pub fn to_value(value: &impl Serialize) -> Value {
    Value::try_from_serializable(value).unwrap_or_else(|_| Value::none())
}

/// A template map of `pairs`, in their order.
pub fn map_of<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    let mut map = tera::Map::default();
    for (key, value) in pairs {
        map.insert(key.into(), value);
    }
    Value::from(map)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    // Tera starts its own messages with "error: "; ours already says so.
    let mut message = e.to_string().trim_start_matches("error: ").to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = s.source();
    }
    message
}
