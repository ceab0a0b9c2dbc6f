//! Stages "prepare" and "privacy", around every stage that writes: the privacy check
//! (DESIGN §5). Every output file is scanned for every private value as its bytes are
//! written to the staging folder (`output::Staging::scanning`, below which this sits,
//! or `serve::rebuild`'s `Patch` for `cairn serve`'s rebuilds),
//! and a leak keeps the output from being swapped in. Views already leave private
//! fields out; this catches the rest — a write-up that names a hidden member's company,
//! a template that finds another way in. Privacy is checked, not hoped for.

use std::path::Path;

use aho_corasick::AhoCorasick;

use crate::content::Member;
use crate::diagnostics::Diagnostic;

use crate::site::Site;

/// Display width (CJK characters count two) below which a value is too short to scan
/// without flagging ordinary words: `张伟` (4) or `Shenzhen`'s `SZ` are not scanned.
pub const MIN_WIDTH: usize = 6;

/// A value that must not appear in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    pub member: String,
    pub field: String,
    pub value: String,
    /// Why it is secret, which decides the fix a leak's hint suggests.
    pub why: Why,
}

/// Why a value must not appear: each has its own fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// A field listed in the member's `private:` (or private by the site's default).
    PrivateField,
    /// A field (or the handle) of a member with `hidden: true`.
    HiddenMember,
    /// A chat account, private whatever `private:` says.
    ChatAccount,
}

/// Private values, and those that cannot be scanned (too short, or also published as
/// another member's public value).
#[derive(Debug, Default)]
pub struct Secrets {
    pub scannable: Vec<Secret>,
    pub unscannable: Vec<Secret>,
}

/// Fields that identify a hidden member.
const IDENTIFYING: &[&str] = &["name", "title", "company", "location", "avatar"];

impl Site {
    /// Every private value of every member.
    pub fn secrets(&self) -> Secrets {
        let mut all = Vec::new();
        for m in &self.content.members {
            for (field, value) in member_fields(m) {
                let hidden_identifying = m.meta.hidden
                    && (IDENTIFYING.contains(&field.as_str()) || field.starts_with("links."));
                // A field private in its own right is fixed by `private:`, even when the
                // member is hidden too.
                let why = if self.is_private(m, &field) {
                    Why::PrivateField
                } else if hidden_identifying {
                    Why::HiddenMember
                } else {
                    continue;
                };
                all.push(Secret {
                    member: m.handle.clone(),
                    field,
                    value,
                    why,
                });
            }
        }
        // Chat accounts (DESIGN §11) are always private, whatever `private:` says.
        for m in &self.content.members {
            for (platform, ids) in &m.meta.accounts {
                all.extend(ids.iter().map(|id| Secret {
                    member: m.handle.clone(),
                    field: format!("accounts.{platform}"),
                    value: id.to_string().trim().to_string(),
                    why: Why::ChatAccount,
                }));
            }
        }
        all.retain(|s| !s.value.is_empty());
        // A hidden member's handle must not surface either: as a mention or a profile path.
        for m in self.content.members.iter().filter(|m| m.meta.hidden) {
            for value in [format!("@{}", m.handle), format!("members/{}/", m.handle)] {
                all.push(Secret {
                    member: m.handle.clone(),
                    field: "handle".into(),
                    value,
                    why: Why::HiddenMember,
                });
            }
        }
        let public: Vec<String> = self
            .content
            .members
            .iter()
            .filter(|m| !m.meta.hidden)
            .flat_map(|m| {
                member_fields(m)
                    .into_iter()
                    .filter(|(f, _)| !self.is_private(m, f))
                    .map(|(_, v)| v)
            })
            .collect();
        // Handles of visible members are public (they are in every profile URL).
        let public: Vec<String> = public
            .into_iter()
            .chain(
                self.content
                    .members
                    .iter()
                    .filter(|m| !m.meta.hidden)
                    .map(|m| m.handle.clone()),
            )
            .collect();
        let mut secrets = Secrets::default();
        for s in all {
            if width(&s.value) < MIN_WIDTH || public.contains(&s.value) {
                // A chat account too short to scan, or a display name that is also a
                // public name, is no secret to warn about: no view reads `accounts`.
                if !s.field.starts_with("accounts.") {
                    secrets.unscannable.push(s);
                }
            } else {
                secrets.scannable.push(s);
            }
        }
        secrets
    }
}

impl Site {
    /// A warning for each private value that the output scan cannot look for.
    pub fn unscannable_warnings(&self) -> Vec<Diagnostic> {
        self.secrets()
            .unscannable
            .iter()
            .filter_map(|s| {
                let m = self.member(&s.member)?;
                let key = s.field.split('.').next().unwrap_or(&s.field);
                let code = if width(&s.value) < MIN_WIDTH {
                    "unscannable-short"
                } else {
                    "unscannable-public"
                };
                let d = Diagnostic::warning_said(&m.doc.path, code, &[("field", &s.field)])
                    .with_hint_said("unscannable-hint", &[]);
                Some(m.doc.field_diagnostic(d, key, &s.value))
            })
            .collect()
    }
}

/// (field, value) pairs of a profile, lists flattened, links as `links.<name>`.
fn member_fields(m: &Member) -> Vec<(String, String)> {
    let meta = &m.meta;
    let mut out: Vec<(String, String)> = [
        ("name", &meta.name),
        ("role", &meta.role),
        ("title", &meta.title),
        ("company", &meta.company),
        ("industry", &meta.industry),
        ("location", &meta.location),
        ("avatar", &meta.avatar),
    ]
    .into_iter()
    .filter_map(|(f, v)| v.as_ref().map(|v| (f.to_string(), v.trim().to_string())))
    .collect();
    if let Some(joined) = meta.joined {
        out.push(("joined".into(), joined.to_string()));
    }
    for (field, list) in [
        ("expertise", &meta.expertise),
        ("seeking", &meta.seeking),
        ("hobbies", &meta.hobbies),
    ] {
        out.extend(
            list.iter()
                .map(|v| (field.to_string(), v.trim().to_string())),
        );
    }
    out.extend(
        meta.links
            .iter()
            .map(|(k, v)| (format!("links.{k}"), v.trim().to_string())),
    );
    out.retain(|(_, v)| !v.is_empty());
    out
}

fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// One pass over a file's bytes finds every private value in it.
pub struct Scanner<'a> {
    secrets: &'a [Secret],
    /// (index into `secrets`, the form searched for).
    needles: Vec<(usize, String)>,
    matcher: Option<AhoCorasick>,
}

impl<'a> Scanner<'a> {
    pub fn new(secrets: &'a [Secret]) -> Scanner<'a> {
        // Each value as written, and as HTML/XML escaping would write it.
        let needles: Vec<(usize, String)> = secrets
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                let escaped = crate::markdown::escape_attr(&s.value);
                let mut forms = vec![(i, s.value.clone())];
                if escaped != s.value {
                    forms.push((i, escaped));
                }
                forms
            })
            .collect();
        // One automaton for every needle: a single pass over each file, however many
        // members have private fields (a `contains` per needle made this the slowest stage).
        let matcher = (!needles.is_empty()).then(|| {
            AhoCorasick::new(needles.iter().map(|(_, n)| n.as_str()))
                .expect("privacy needles are plain strings")
        });
        Scanner {
            secrets,
            needles,
            matcher,
        }
    }

    /// Each leak in `bytes` is an error naming the file (`shown_as`) and the member
    /// field (not the value, which should not reach logs either): one per field and
    /// file, however many of the field's values or forms (a hidden handle's `@x` and
    /// `members/x/`) are found in it.
    pub fn scan(&self, bytes: &[u8], shown_as: &Path) -> Vec<Diagnostic> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        // A file stored gzipped is scanned as the browser reads it, unpacked.
        let Some(bytes) = crate::search::as_read(&shown_as.to_string_lossy(), bytes) else {
            return vec![Diagnostic::error_said(shown_as, "scan-not-unpacked", &[])];
        };
        let bytes = &bytes[..];
        let mut found: Vec<usize> = matcher
            .find_overlapping_iter(bytes)
            .map(|m| self.needles[m.pattern().as_usize()].0)
            .collect();
        found.sort_unstable();
        found.dedup();
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .map(|i| &self.secrets[i])
            .filter(|s| seen.insert((s.member.as_str(), s.field.as_str())))
            .map(|s| {
                let args = [("field", s.field.as_str()), ("handle", s.member.as_str())];
                Diagnostic::error_said(shown_as, "private-leak", &args)
                    .with_hint_said(hint(s), &args)
            })
            .collect()
    }
}

/// The fix for a leak, by why the value is secret: the key of its hint (`diag-<key>`,
/// with the field and the member's handle).
fn hint(s: &Secret) -> &'static str {
    match s.why {
        Why::PrivateField => "private-leak-field",
        Why::HiddenMember if s.field == "handle" => "private-leak-hidden-handle",
        Why::HiddenMember => "private-leak-hidden",
        Why::ChatAccount => "private-leak-account",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_not_scannable_width() {
        assert_eq!(width("张伟"), 4);
        assert_eq!(width("秦默然"), 6);
        assert_eq!(width("Acme Co"), 7);
    }

    #[test]
    fn scan_finds_raw_and_escaped_values() {
        let secrets = vec![Secret {
            member: "lisi".into(),
            field: "company".into(),
            value: "Tom & Jerry Ltd".into(),
            why: Why::PrivateField,
        }];
        let scanner = Scanner::new(&secrets);
        let shown = Path::new("public/qa/index.html");
        let leaks = scanner.scan(b"<p>works at Tom &amp; Jerry Ltd</p>", shown);
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].file, shown);
        assert!(!leaks[0].to_string().contains("Jerry"));
        assert_eq!(
            scanner
                .scan(b"<p>works at Tom & Jerry Ltd</p>", shown)
                .len(),
            1
        );
        assert!(scanner.scan(b"<p>nothing here</p>", shown).is_empty());
    }

    /// The search index stores files gzipped: a value inside one is found as in a
    /// plain file, and a `.gz` that does not unpack is an error, not a pass.
    #[test]
    fn a_gzipped_file_is_scanned_unpacked() {
        let secrets = vec![secret("lisi", "phone", "13800138000", Why::PrivateField)];
        let scanner = Scanner::new(&secrets);
        let plain = br#"[{"x":"call 13800138000"}]"#;
        let packed = crate::search::index::gzip(plain);
        assert!(!packed.windows(11).any(|w| w == b"13800138000"));
        let shown = Path::new("public/search/f/0/0.json.gz");
        assert_eq!(scanner.scan(&packed, shown).len(), 1);
        let clean = crate::search::index::gzip(b"[]");
        assert!(scanner.scan(&clean, shown).is_empty());
        let broken = scanner.scan(b"not gzip at all", shown);
        assert_eq!(broken.len(), 1);
        assert!(broken[0].is_error());
    }

    fn secret(member: &str, field: &str, value: &str, why: Why) -> Secret {
        Secret {
            member: member.into(),
            field: field.into(),
            value: value.into(),
            why,
        }
    }

    /// A field found in two forms or values is one leak per file; other fields and
    /// other members' are their own.
    #[test]
    fn a_field_is_reported_once_per_file() {
        let secrets = vec![
            secret("ghost", "handle", "@ghost", Why::HiddenMember),
            secret("ghost", "handle", "members/ghost/", Why::HiddenMember),
            secret("ghost", "name", "GHOST-NAME", Why::HiddenMember),
            secret("lisi", "handle", "@lisi-hidden", Why::HiddenMember),
        ];
        let scanner = Scanner::new(&secrets);
        let shown = Path::new("public/x.html");
        let text = b"<a href=/members/ghost/>@ghost</a> GHOST-NAME @lisi-hidden";
        let leaks: Vec<String> = scanner
            .scan(text, shown)
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(
            leaks,
            [
                "a private value leaked: `handle` of member `ghost`",
                "a private value leaked: `name` of member `ghost`",
                "a private value leaked: `handle` of member `lisi`",
            ]
        );
        assert!(Scanner::new(&[]).scan(text, shown).is_empty());
    }

    /// Each kind of secret gets its own fix; none tells to make a hidden member's
    /// field public.
    #[test]
    fn the_hint_fits_why_the_value_is_secret() {
        // The hint in English, as a leak's diagnostic words it.
        let hint = |s: &Secret| {
            let args = [("field", s.field.as_str()), ("handle", s.member.as_str())];
            crate::diagnostics::Said::new(hint(s), &args).in_english()
        };
        let private = hint(&secret("lisi", "company", "x", Why::PrivateField));
        assert!(
            private.starts_with("the output was not published. "),
            "{private}"
        );
        assert!(private.contains("make `company` public in content/members/lisi.md"));
        let handle = hint(&secret("qin", "handle", "@qin", Why::HiddenMember));
        assert!(handle.contains("`qin` is a hidden member: write them as a mention (@qin)"));
        let name = hint(&secret("qin", "name", "x", Why::HiddenMember));
        assert!(name.contains("their `name` must not appear"), "{name}");
        assert!(name.contains("remove `hidden: true` from content/members/qin.md"));
        let account = hint(&secret("qin", "accounts.wechat", "x", Why::ChatAccount));
        assert!(
            account.contains("chat accounts are always private"),
            "{account}"
        );
        for h in [&handle, &name, &account] {
            assert!(!h.contains("public in"), "{h}");
        }
    }

    /// A site written for these tests: a visible member with private fields and chat
    /// accounts, a hidden member, and one whose private values cannot be scanned.
    fn site() -> (tempfile::TempDir, Site) {
        let tmp = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = tmp.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "site.yaml",
            "title: T\nlanguage: en\nmembers: { private_fields: [links.wechat] }\n",
        );
        write(
            "content/members/lisi.md",
            "---\nname: Li Si\ncompany: SECRET-CO-LISI\nprivate: [company]\nlinks: { wechat: lisi-wx-2024, github: lisi-gh }\naccounts: { wechat: [wxid_lisi_123, ab] }\nexpertise: [Rust]\n---\n",
        );
        write(
            "content/members/ghost.md",
            "---\nname: GHOST-REAL-NAME\ncompany: GHOSTCO-LTD\nrole: member\nexpertise: [Go]\nlinks: { site: ghost-site-url }\nhidden: true\n---\n",
        );
        write(
            "content/members/sixsix.md",
            "---\nname: Six\ntitle: sixsix\nlocation: SZ\ncompany: ABCDEF\nprivate: [title, location, company]\n---\n",
        );
        let root = tmp.path().to_path_buf();
        let mut d = crate::diagnostics::Diagnostics::new();
        let config = crate::config::SiteConfig::load(&root, &mut d).unwrap();
        let content = crate::content::load(&root, false, &mut d);
        let mut site = Site::new(
            &root,
            config,
            Default::default(),
            content,
            jiff::civil::date(2026, 11, 1),
        );
        site.index(&mut d);
        assert!(!d.has_errors(), "{d:?}");
        (tmp, site)
    }

    fn listed(secrets: &[Secret]) -> Vec<String> {
        let mut out: Vec<String> = secrets
            .iter()
            .map(|s| format!("{}.{}={} {:?}", s.member, s.field, s.value, s.why))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_secrets_of_a_site_are_its_private_fields_hidden_members_and_accounts() {
        let (_tmp, site) = site();
        let secrets = site.secrets();
        assert_eq!(
            listed(&secrets.scannable),
            [
                "ghost.company=GHOSTCO-LTD HiddenMember",
                "ghost.handle=@ghost HiddenMember",
                "ghost.handle=members/ghost/ HiddenMember",
                "ghost.links.site=ghost-site-url HiddenMember",
                "ghost.name=GHOST-REAL-NAME HiddenMember",
                "lisi.accounts.wechat=wxid_lisi_123 ChatAccount",
                "lisi.company=SECRET-CO-LISI PrivateField",
                "lisi.links.wechat=lisi-wx-2024 PrivateField",
                "sixsix.company=ABCDEF PrivateField",
            ],
            "a hidden member's role and expertise are not identifying; a visible member's public fields are no secret; six characters are enough"
        );
        // Too short (SZ), or public elsewhere (a title that is a visible handle); a short
        // chat account (ab) is dropped silently: no page prints accounts.
        assert_eq!(
            listed(&secrets.unscannable),
            [
                "sixsix.location=SZ PrivateField",
                "sixsix.title=sixsix PrivateField"
            ]
        );
    }

    #[test]
    fn each_unscannable_value_is_a_warning_at_its_field_saying_why() {
        let (_tmp, site) = site();
        let warnings: Vec<String> = site
            .unscannable_warnings()
            .iter()
            .map(|d| format!("{}:{} {}", d.file.display(), d.position.line, d.message))
            .collect();
        assert_eq!(
            warnings,
            [
                "content/members/sixsix.md:3 private `title` is also public elsewhere (another member's field, or a handle), so the privacy scan cannot check it",
                "content/members/sixsix.md:4 private `location` is too short to scan for, so the privacy scan cannot check it",
            ]
        );
    }
}
