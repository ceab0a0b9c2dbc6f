//! Stage "render": a progress bar for long builds on a terminal. It stays hidden for the first second,
//! so quick builds never flash one, and never draws in pipes or CI.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Counts rendered pages; shows a bar once the build has taken a second.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
}

const SHOW_AFTER: Duration = Duration::from_secs(1);

impl Progress {
    /// `enabled` is the CLI's verdict: a terminal, not `--quiet`, not CI.
    pub fn new(enabled: bool, total: usize) -> Progress {
        let bar = enabled.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            // The word after the count in the moderator's language ("pages", "个页面").
            let pages = crate::messages::say("progress-pages", &[]);
            let template = format!("{{bar:40}} {{pos}}/{{len}} {pages} {{elapsed}}");
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
        }
    }

    pub fn tick(&self) {
        let Some(bar) = &self.bar else { return };
        if bar.is_hidden() && self.started.elapsed() >= SHOW_AFTER {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.inc(1);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
