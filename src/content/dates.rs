//! Stage "content", front matter: dates and times as a Chinese keyboard writes them
//! (`2026/11/28`, `2026年11月28日`, `１９：３０`, `19点30`), and days or hours that do
//! not exist, found before typing so the report shows the form meant (CONTENT.md §9).

use std::sync::LazyLock;

use regex::Regex;

use super::yaml::YamlProblem;

/// Full-width digits and punctuation to their ASCII forms.
fn narrow(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '：' => ':',
            '－' => '-',
            '／' => '/',
            '．' => '.',
            c => c,
        })
        .collect()
}

/// A Q&A's time range, `source.when` ("2024-03-12 20:00–21:30"), is text for the
/// page, but the dates and times in it are checked: written `１９：３０`, `19点30`,
/// `19点半` or `2024/03/12`, the hint shows the whole value in the accepted form;
/// an hour past 23 or a minute past 59 is no time at all.
pub(super) fn when_slip(raw: &str) -> Option<YamlProblem> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?").unwrap()
    });
    static CHINESE_TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{1,2})\s*[点點時时]\s*(?:(半)|(\d{1,2})(?:\s*分)?)?").unwrap()
    });
    static TIME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{1,2}):(\d{1,2})").unwrap());
    let mut fixed = narrow(raw);
    fixed = DATE
        .replace_all(&fixed, |c: &regex::Captures| {
            format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3])
        })
        .into_owned();
    fixed = CHINESE_TIME
        .replace_all(&fixed, |c: &regex::Captures| {
            let minute = match (c.get(2), c.get(3)) {
                (Some(_), _) => "30",
                (None, Some(m)) => m.as_str(),
                (None, None) => "00",
            };
            format!("{}:{minute:0>2}", &c[1])
        })
        .into_owned();
    fixed = TIME
        .replace_all(&fixed, |c: &regex::Captures| {
            format!("{:0>2}:{:0>2}", &c[1], &c[2])
        })
        .into_owned();
    for c in DATE.captures_iter(&fixed) {
        let date = format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]);
        if let Some(p) = date_slip(&date) {
            let said = YamlProblem::said("impossible-date-in", &[("value", raw)]);
            return Some(YamlProblem {
                message: said.message,
                said: said.said,
                ..p
            });
        }
    }
    for c in TIME.captures_iter(&fixed) {
        let (h, m): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if h > 23 || m > 59 {
            return Some(
                YamlProblem::said("impossible-time", &[("value", raw), ("time", &c[0])])
                    .with_hint_said("impossible-time-hint", &[]),
            );
        }
    }
    (fixed != raw).then(|| {
        YamlProblem::said("time-form", &[("value", raw)])
            .with_hint_said("time-form-hint", &[("fixed", &fixed)])
    })
}

/// A date value written in a form cairn does not read, or a day the month lacks.
pub(super) fn date_slip(raw: &str) -> Option<YamlProblem> {
    if raw.is_empty() {
        return None;
    }
    // Full-width digits and separators to ASCII, then any of `/ . 年 月` as `-`.
    let narrow: String = raw
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '－' | '／' | '．' | '/' | '.' | '年' | '月' => '-',
            '日' => ' ',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = narrow.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return None;
    };
    let accepted = format!("{y:04}-{m:02}-{d:02}");
    if !(1..=12).contains(&m) {
        return Some(
            YamlProblem::said("no-month", &[("value", raw), ("month", &m.to_string())])
                .with_hint_said("no-month-hint", &[]),
        );
    }
    let Ok(first) = jiff::civil::Date::new(y, m, 1) else {
        return None;
    };
    let last = first.days_in_month();
    if d < 1 || d > last {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        return Some(
            YamlProblem::said("no-day", &[("value", raw)]).with_hint_said(
                "no-day-hint",
                &[
                    ("monthname", MONTHS[(m - 1) as usize]),
                    ("month", &m.to_string()),
                    ("year", &y.to_string()),
                    ("days", &last.to_string()),
                    ("last", &format!("{y:04}-{m:02}-{last:02}")),
                ],
            ),
        );
    }
    if accepted != raw {
        return Some(
            YamlProblem::said("date-form", &[("value", raw)])
                .with_hint_said("date-form-hint", &[("fixed", &accepted)]),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(raw: &str) -> Option<String> {
        when_slip(raw).and_then(|p| p.hint)
    }

    #[test]
    fn time_ranges_in_the_accepted_form_or_in_words_pass() {
        assert_eq!(hint("2024-03-12 20:00–21:30"), None);
        assert_eq!(hint("周二晚上"), None);
        assert_eq!(hint("2024-03-12"), None);
    }

    #[test]
    fn chinese_keyboard_times_are_shown_in_the_accepted_form() {
        for (raw, fixed) in [
            ("２０２４-０３-１２ １９：３０", "2024-03-12 19:30"),
            ("2024年3月12日 19点–21点半", "2024-03-12 19:00–21:30"),
            ("19點30分–20时05", "19:30–20:05"),
        ] {
            let hint = hint(raw).unwrap_or_default();
            assert!(hint.ends_with(&format!("write `{fixed}`")), "{raw}: {hint}");
        }
    }

    #[test]
    fn impossible_times_and_dates_are_named() {
        let p = when_slip("2024-03-12 23:60").unwrap();
        assert!(
            p.message.contains("`23:60`, which is no time of day"),
            "{}",
            p.message
        );
        let p = when_slip("2023-02-29 20:00").unwrap();
        assert!(p.hint.unwrap().contains("February 2023 has 28 days"));
    }
}
