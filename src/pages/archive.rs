//! Stage "render": the archive. `/archive/` is an index of years and months with
//! their counts; each year is `/archive/<year>/`, cut into pages of `LINES_PER_PAGE`
//! lines (`site::paging`), so neither grows past a page's budget with the archive.

use std::collections::HashMap;

use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::render::context::ArchiveEntry;
use crate::render::{Value, map_of, to_value};
use crate::site::Site;
use crate::site::paging::{ArchiveYear, LINES_PER_PAGE, page_path};

use super::RenderFn;
use super::lists::numbered;
use super::views::kind_name;

impl Site {
    fn archive_entry(&self, i: usize, labels: &HashMap<Kind, String>) -> ArchiveEntry {
        let item = &self.content.items[i];
        ArchiveEntry {
            kind: kind_name(item.kind).into(),
            kind_label: labels[&item.kind].clone(),
            title: item.title.clone(),
            url: self.url(&self.item_path(item.kind, &item.slug)),
            date: item.date.map(|d| d.to_string()).unwrap_or_default(),
            lang: item.lang().map(str::to_string),
        }
    }

    /// `/archive/`: each year, newest first, with its count and URL, and its months
    /// with theirs; a month links to the page of its year where it starts.
    pub(super) fn archive_index(
        &self,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let years: Vec<Value> = self
            .archive_years()
            .iter()
            .map(|y| {
                let months: Vec<Value> = y
                    .months
                    .iter()
                    .map(|&(month, count, offset)| {
                        let label = format!("{:04}-{month:02}", y.year);
                        let url = self.url(&page_path(&y.path(), y.page_of(offset)));
                        map_of([
                            ("month", to_value(&month)),
                            ("url", Value::from(format!("{url}#m{label}"))),
                            ("label", Value::from(label)),
                            ("count", to_value(&count)),
                        ])
                    })
                    .collect();
                map_of([
                    ("year", to_value(&y.year)),
                    ("count", to_value(&y.items.len())),
                    ("url", Value::from(self.url(&y.path()))),
                    ("months", Value::from(months)),
                ])
            })
            .collect();
        let title = self.theme.string("nav_archive");
        let page = self.page_view("archive/", &title, "", None, "archive");
        render(
            "archive/".into(),
            "archive.html",
            page,
            vec![("years", Value::from(years))],
        )
    }

    /// Page `n` of one year of the archive: its lines by month, newest first. A month
    /// cut by a page break is headed on both pages.
    pub(super) fn archive_year_page(
        &self,
        year: i16,
        n: usize,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let years = self.archive_years();
        let Some(y) = years.iter().find(|y| y.year == year) else {
            return Err(Diagnostic::error_said(
                std::path::Path::new("archive/"),
                "no-year",
                &[("year", &year.to_string())],
            ));
        };
        let labels: HashMap<Kind, String> = Kind::WRITE_UPS
            .into_iter()
            .map(|k| (k, self.kind_label(k)))
            .collect();
        let months = self.archive_months(y, n, &labels);
        let first = y.path();
        let paginator = self.paginator(n, y.pages(), &|p| page_path(&first, p));
        let path = page_path(&first, n);
        let title = format!("{} · {year}", self.theme.string("nav_archive"));
        let page = self.page_view(&path, &numbered(&title, n, y.pages()), "", None, "archive");
        render(
            path,
            "archive_year.html",
            page,
            vec![
                ("year", to_value(&year)),
                ("count", to_value(&y.items.len())),
                ("archive_url", Value::from(self.url("archive/"))),
                ("months", Value::from(months)),
                ("paginator", to_value(&paginator)),
            ],
        )
    }

    /// The months of page `n` of year `y`, each `{month, label, items}`.
    fn archive_months(
        &self,
        y: &ArchiveYear,
        n: usize,
        labels: &HashMap<Kind, String>,
    ) -> Vec<Value> {
        let from = (n - 1) * LINES_PER_PAGE;
        let mut months: Vec<(i8, Vec<Value>)> = Vec::new();
        for &i in y.items.iter().skip(from).take(LINES_PER_PAGE) {
            let month = self.content.items[i].date.map_or(0, |d| d.month());
            if months.last().is_none_or(|m| m.0 != month) {
                months.push((month, Vec::new()));
            }
            if let Some(m) = months.last_mut() {
                m.1.push(to_value(&self.archive_entry(i, labels)));
            }
        }
        months
            .into_iter()
            .map(|(month, items)| {
                map_of([
                    ("month", to_value(&month)),
                    ("label", Value::from(format!("{:04}-{month:02}", y.year))),
                    ("items", Value::from(items)),
                ])
            })
            .collect()
    }
}
