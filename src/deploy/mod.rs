//! After the swap (stage "host" of `build`, and of `check`): the output measured
//! against the limits of the host `deploy.host` in site.yaml names (docs/DEPLOY.md).
//! A limit passed is a warning with the figures, located at that key: the site still
//! builds, but the moderator learns before the host refuses the upload.

use std::path::Path;

use crate::config::Host;
use crate::content::Document;
use crate::diagnostics::{Diagnostic, Said};
use crate::output::Footprint;

const GB: u64 = 1_000_000_000;
const MIB: u64 = 1 << 20;

/// What a host accepts, from its own documentation (docs/DEPLOY.md cites each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The host's name as its documentation writes it.
    pub name: &'static str,
    pub total_bytes: Option<u64>,
    pub files: Option<usize>,
    pub file_bytes: Option<u64>,
}

/// The limits of `host`; `None` for a host with none cairn knows.
pub fn limits(host: Host) -> Option<Limits> {
    let none = |name| Limits {
        name,
        total_bytes: None,
        files: None,
        file_bytes: None,
    };
    Some(match host {
        // A published site of at most 1 GB; a file over 100 MiB cannot be pushed to a
        // repository, which is how a branch-published site gets there.
        Host::GithubPages => Limits {
            total_bytes: Some(GB),
            file_bytes: Some(100 * MIB),
            ..none("GitHub Pages")
        },
        Host::GitlabPages => Limits {
            total_bytes: Some(GB),
            files: Some(200_000),
            ..none("GitLab Pages")
        },
        // The free plan's file count (100,000 on paid plans).
        Host::CloudflarePages => Limits {
            files: Some(20_000),
            file_bytes: Some(25 * MIB),
            ..none("Cloudflare Pages")
        },
        Host::Netlify | Host::Other => return None,
    })
}

/// What passes `limits`, one sentence each, with the figures.
pub fn passed(limits: &Limits, output: &Footprint) -> Vec<String> {
    passed_said(limits, output)
        .iter()
        .map(Said::in_english)
        .collect()
}

/// `passed`, as the catalogues word it (`diag-host-…`).
fn passed_said(limits: &Limits, output: &Footprint) -> Vec<Said> {
    let mut out = Vec::new();
    let name = limits.name;
    if let Some(max) = limits.total_bytes.filter(|max| output.bytes > *max) {
        out.push(Said::new(
            "host-too-large",
            &[
                ("host", name),
                ("size", &decimal(output.bytes)),
                ("max", &decimal(max)),
            ],
        ));
    }
    if let Some(max) = limits.files.filter(|max| output.files > *max) {
        out.push(Said::new(
            "host-too-many-files",
            &[
                ("host", name),
                ("files", &thousands(output.files as u64)),
                ("max", &thousands(max as u64)),
            ],
        ));
    }
    if let (Some(max), Some((file, len))) = (limits.file_bytes, &output.largest)
        && *len > max
    {
        out.push(Said::new(
            "host-file-too-large",
            &[
                ("host", name),
                ("path", file),
                ("size", &binary(*len)),
                ("max", &binary(max)),
            ],
        ));
    }
    out
}

/// Warnings for what the output passes of `host`'s limits, located at `deploy.host`
/// in `root/site.yaml`.
pub fn host_warnings(root: &Path, host: Host, output: &Footprint) -> Vec<Diagnostic> {
    let Some(limits) = limits(host) else {
        return Vec::new();
    };
    let found = passed_said(&limits, output);
    if found.is_empty() {
        return Vec::new();
    }
    let rel = Path::new("site.yaml");
    let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
    let doc = Document::yaml_file(rel.to_path_buf(), text);
    let value = host_name(host);
    found
        .into_iter()
        .map(|said| {
            let mut d = Diagnostic::error_of(rel, said).with_hint_said("host-limits-hint", &[]);
            d.severity = crate::diagnostics::Severity::Warning;
            doc.field_diagnostic(d, "deploy", value)
        })
        .collect()
}

fn host_name(host: Host) -> &'static str {
    match host {
        Host::GithubPages => "github-pages",
        Host::GitlabPages => "gitlab-pages",
        Host::CloudflarePages => "cloudflare-pages",
        Host::Netlify => "netlify",
        Host::Other => "other",
    }
}

/// 1234567 → "1,234,567".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes in the decimal units hosts give totals in.
fn decimal(bytes: u64) -> String {
    if bytes >= GB {
        format!("{:.2} GB", bytes as f64 / GB as f64)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// Bytes in the binary units hosts give file sizes in.
fn binary(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / MIB as f64)
}

#[cfg(test)]
mod tests;
