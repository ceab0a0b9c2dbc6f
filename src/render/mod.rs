//! Stage 6: pages through Tera 2 templates. Templates are compiled once per build;
//! `site` and `t` go into Tera's global context so each page adds only its own data.

pub mod context;
pub mod theme;

use std::path::PathBuf;

use serde::Serialize;
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
                Diagnostic::error(&origin, format!("template error: {message}"))
                    .with_hint("see docs/THEMES.md for the template syntax (Tera 2) and the variables each page gets"),
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

    /// Renders `template` with the page's own variables.
    pub fn render(&self, template: &str, vars: &impl Serialize) -> Result<String, Diagnostic> {
        let origin = self
            .origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(template));
        let context = Context::from_serialize(vars).map_err(|e| {
            Diagnostic::error(
                &origin,
                format!("cannot pass page data to the template: {}", error_chain(&e)),
            )
        })?;
        self.tera.render(template, &context).map_err(|e| {
            Diagnostic::error(&origin, format!("template error: {}", error_chain(&e)))
                .with_hint("a site template in templates/ may use a variable this page does not have; see docs/THEMES.md")
        })
    }
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
