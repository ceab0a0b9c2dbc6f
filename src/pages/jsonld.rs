//! Stage "render": schema.org structured data in each page's head (DESIGN §6): Q&A write-ups as
//! `DiscussionForumPosting` with answers as `comment` (not `QAPage`, which search engines
//! reserve for sites that take answers), solutions as `TechArticle`, talks as `Event`
//! (with a `VideoObject`), profiles as `ProfilePage`, lists as `CollectionPage` with a
//! `BreadcrumbList`. Built from the same views as pages, so private fields never appear.

use serde_json::{Value, json};

use crate::content::{ItemMeta, Kind};
use crate::render::context::{ItemView, PersonView, ProfileView};

use super::views::excerpt;
use crate::site::Site;

/// Characters of text in `text`/`description` properties.
const TEXT_CHARS: usize = 500;

impl Site {
    /// JSON-LD for item `i`'s page, from the view the page is rendered with.
    pub fn item_jsonld(&self, i: usize, view: &ItemView) -> Value {
        let item = &self.content.items[i];
        let url = self.absolute(&view.summary.url);
        let date = view.summary.date.clone();
        let keywords: Vec<&str> = item.tags().iter().map(String::as_str).collect();
        let lang = self.lang(item.lang());
        let mut data = match (&item.meta, item.kind) {
            (ItemMeta::Qa(_), _) => json!({
                "@type": "DiscussionForumPosting",
                "headline": item.title,
                "text": excerpt(&self.question_text(i), TEXT_CHARS),
                "author": view.asked_by.as_ref().map(|p| self.person_ld(p)),
                "comment": view.answers.iter().zip(self.rendered[i].answers()).map(|(a, raw)| json!({
                    "@type": "Comment",
                    "url": format!("{url}#{}", a.anchor),
                    "author": self.person_ld(&a.author),
                    "text": excerpt(raw.text(&self.rendered[i].text), TEXT_CHARS),
                    "datePublished": date,
                })).collect::<Vec<_>>(),
                "commentCount": view.answers.len(),
            }),
            (ItemMeta::Solution(m), _) => json!({
                "@type": "TechArticle",
                "headline": item.title,
                "abstract": m.problem,
                "author": view.authors.iter().map(|p| self.person_ld(p)).collect::<Vec<_>>(),
                "dateModified": m.verified_on.map(|d| d.to_string()).unwrap_or_else(|| date.clone()),
            }),
            (ItemMeta::Talk(m), _) => {
                let offline = m.format.as_deref() == Some("offline");
                let mut event = json!({
                    "@type": "Event",
                    "name": item.title,
                    "startDate": date,
                    "eventAttendanceMode": if offline { "https://schema.org/OfflineEventAttendanceMode" } else { "https://schema.org/OnlineEventAttendanceMode" },
                    "eventStatus": "https://schema.org/EventScheduled",
                    "location": if offline { json!({ "@type": "Place", "name": self.config.title }) } else { json!({ "@type": "VirtualLocation", "url": url }) },
                    "performer": view.speaker.as_ref().map(|p| self.person_ld(p)),
                    "organizer": { "@type": "Organization", "name": self.config.title, "url": self.permalink("") },
                    "description": view.summary.summary,
                });
                if let Some(minutes) = m.duration {
                    event["duration"] = json!(format!("PT{minutes}M"));
                }
                if let Some(video) = &m.video {
                    event["recordedIn"] = json!({
                        "@type": "VideoObject",
                        "name": item.title,
                        "description": view.summary.summary,
                        "contentUrl": self.absolute(&self.site_path(video)),
                        "uploadDate": date,
                    });
                }
                event
            }
            (ItemMeta::Page(_), _) => json!({ "@type": "WebPage", "name": item.title }),
        };
        data["url"] = json!(url);
        data["inLanguage"] = json!(lang);
        if !date.is_empty() && item.kind != Kind::Talk {
            data["datePublished"] = json!(date);
        }
        if !keywords.is_empty() {
            data["keywords"] = json!(keywords.join(", "));
        }
        with_context(data)
    }

    /// The question of a Q&A as plain text: everything before the first answer.
    fn question_text(&self, i: usize) -> String {
        let rendered = &self.rendered[i];
        let end = rendered
            .answers()
            .next()
            .map_or(rendered.text.len(), |a| a.text_start());
        rendered.text[..end].to_string()
    }

    /// `ProfilePage` with the member as `Person`, from the page's (public) profile view.
    pub fn profile_jsonld(&self, profile: &ProfileView) -> Value {
        let mut person = self.person_ld(&profile.person);
        if let Some(p) = &profile.person.position {
            person["jobTitle"] = json!(p);
        }
        if !profile.expertise.is_empty() {
            person["knowsAbout"] = json!(
                profile
                    .expertise
                    .iter()
                    .map(|e| &e.name)
                    .collect::<Vec<_>>()
            );
        }
        let same_as: Vec<&String> = profile
            .links
            .iter()
            .filter_map(|l| l.url.as_ref())
            .collect();
        if !same_as.is_empty() {
            person["sameAs"] = json!(same_as);
        }
        with_context(json!({
            "@type": "ProfilePage",
            "url": profile.person.url.as_deref().map(|u| self.absolute(u)),
            "mainEntity": person,
        }))
    }

    /// `CollectionPage` with breadcrumbs from the home page.
    pub fn collection_jsonld(&self, title: &str, path: &str, crumbs: &[(String, String)]) -> Value {
        let mut trail = vec![(self.config.title.clone(), String::new())];
        trail.extend(crumbs.iter().cloned());
        let items: Vec<Value> = trail
            .iter()
            .enumerate()
            .map(|(n, (name, p))| json!({ "@type": "ListItem", "position": n + 1, "name": name, "item": self.permalink(p) }))
            .collect();
        with_context(json!({
            "@type": "CollectionPage",
            "name": title,
            "url": self.permalink(path),
            "inLanguage": self.config.language,
            "breadcrumb": { "@type": "BreadcrumbList", "itemListElement": items },
        }))
    }

    /// The home page: `WebSite`.
    pub fn site_jsonld(&self) -> Value {
        with_context(json!({
            "@type": "WebSite",
            "name": self.config.title,
            "description": self.config.description,
            "url": self.permalink(""),
            "inLanguage": self.config.language,
        }))
    }

    fn person_ld(&self, p: &PersonView) -> Value {
        let mut person = json!({ "@type": "Person", "name": p.name });
        if let Some(url) = &p.url {
            person["url"] = json!(self.absolute(url));
        }
        person
    }
}

fn with_context(mut data: Value) -> Value {
    if let Value::Object(map) = &mut data {
        map.insert("@context".into(), json!("https://schema.org"));
        map.retain(|_, v| !v.is_null());
    }
    data
}

/// JSON-LD as text that is safe inside `<script>`: `<`, `>` and `&` are escaped, so a
/// title containing `</script>` cannot end the element.
pub fn script_text(data: &Value) -> String {
    serde_json::to_string(data)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_script_element() {
        let text = script_text(&json!({ "name": "</script><script>alert(1)</script> & more" }));
        assert!(!text.contains("</script"), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & more");
    }
}
