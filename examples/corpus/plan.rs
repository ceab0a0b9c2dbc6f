//! The corpus plan: every member and item with the facts other files refer to (handles,
//! file names, dates, answerers), decided before any body is written so links and
//! anchors always point at something real. Also the PRNG and civil dates.

use std::collections::HashSet;

use super::vocab::{Lang, Vocab};

/// splitmix64: tiny, fast, and good enough for text; no `rand` needed.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// An index in `0..n` skewed towards 0: a few members do most of the answering.
    pub fn skewed(&mut self, n: usize) -> usize {
        self.below(n).min(self.below(n))
    }
}

/// An independent stream per (seed, purpose, index), so each file can be written on its
/// own thread and still come out the same.
pub fn stream(seed: u64, purpose: u64, index: usize) -> Rng {
    let mut r = Rng(seed ^ purpose.wrapping_mul(0xD1B5_4A32_D192_ED03));
    r.0 ^= (index as u64).wrapping_mul(0xA24B_AED4_963E_E407);
    r.next();
    r
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Qa,
    Solution,
    Talk,
}

impl Kind {
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Qa => "qa",
            Kind::Solution => "solutions",
            Kind::Talk => "talks",
        }
    }
}

pub struct Member {
    pub handle: String,
    pub name: String,
    pub lang: Lang,
}

pub struct Item {
    pub kind: Kind,
    /// File stem: `2024-03-12-ice-breaking-17`.
    pub stem: String,
    /// Days since 1970-01-01.
    pub day: i64,
    pub lang: Lang,
    pub topic: usize,
    /// Q&A answerers (distinct, so each has the anchor `answer-<handle>`); empty when open.
    pub answerers: Vec<usize>,
}

pub struct Plan {
    pub members: Vec<Member>,
    pub items: Vec<Item>,
    pub seed: u64,
}

/// The first and last day items are dated: several years of archive before `--now`.
const FIRST_DAY: (i64, i64, i64) = (2019, 1, 1);
const LAST_DAY: (i64, i64, i64) = (2026, 10, 25);

impl Plan {
    pub fn new(vocab: &Vocab, items: usize, seed: u64) -> Plan {
        let mut rng = stream(seed, 0, 0);
        // ~500 members whatever the size; a tiny corpus gets fewer, but never too few to
        // find four distinct answerers besides the asker.
        let count = items.clamp(12, 500);
        let members = members(vocab, &mut rng, count);
        let items = (0..items)
            .map(|i| item(vocab, &mut rng, i, items, members.len()))
            .collect();
        Plan {
            members,
            items,
            seed,
        }
    }

    /// `qa/2024-03-12-ice-breaking-17`: how links and `related:` name an item.
    pub fn key(&self, i: usize) -> String {
        format!("{}/{}", self.items[i].kind.dir(), self.items[i].stem)
    }
}

fn members(vocab: &Vocab, rng: &mut Rng, count: usize) -> Vec<Member> {
    let mut seen = HashSet::new();
    (0..count)
        .map(|_| {
            let lang = match rng.below(100) {
                0..65 => Lang::Zh,
                65..80 => Lang::Tw,
                _ => Lang::En,
            };
            let (name, base) = person_name(vocab, rng, lang);
            let mut handle = base.clone();
            let mut n = 2;
            while !seen.insert(handle.clone()) {
                handle = format!("{base}{n}");
                n += 1;
            }
            Member { handle, name, lang }
        })
        .collect()
}

/// A display name and the handle it suggests: `张伟` → `zhangwei`, Emily Carter → `emilyc`.
fn person_name(vocab: &Vocab, rng: &mut Rng, lang: Lang) -> (String, String) {
    if lang == Lang::En {
        let first = rng.pick(&vocab.english)[0];
        let family = rng.pick(&vocab.english)[1];
        let handle = format!("{}{}", first, &family[..1]).to_ascii_lowercase();
        return (format!("{first} {family}"), handle);
    }
    let col = lang.col();
    let surname = rng.pick(&vocab.surnames);
    let (mut name, mut handle) = (surname[col].to_string(), surname[2].to_string());
    for _ in 0..rng.range(1, 2) {
        let given = rng.pick(&vocab.given);
        name.push_str(given[col]);
        handle.push_str(given[2]);
    }
    (name, handle)
}

/// Item `i` of `n`: kinds about 60/25/15, dates rising with `i` over several years.
fn item(vocab: &Vocab, rng: &mut Rng, i: usize, n: usize, members: usize) -> Item {
    let kind = match rng.below(100) {
        0..60 => Kind::Qa,
        60..85 => Kind::Solution,
        _ => Kind::Talk,
    };
    let (first, last) = (days_from_civil(FIRST_DAY), days_from_civil(LAST_DAY));
    let step = (last - first) as f64 / n.max(1) as f64;
    let day =
        (first + (i as f64 * step) as i64 + rng.below(step.ceil() as usize + 1) as i64).min(last);
    let lang = match rng.below(100) {
        0..60 => Lang::Zh,
        60..75 => Lang::Tw,
        _ => Lang::En,
    };
    let topic = rng.below(vocab.topics.len());
    let mut answerers = Vec::new();
    if kind == Kind::Qa && rng.percent(92) {
        let want = rng.range(2, 5).min(members - 1);
        while answerers.len() < want {
            let m = rng.skewed(members);
            if !answerers.contains(&m) {
                answerers.push(m);
            }
        }
    }
    let stem = format!("{}-{}-{}", civil(day), vocab.topics[topic][0], i + 1);
    Item {
        kind,
        stem,
        day,
        lang,
        topic,
        answerers,
    }
}

/// Days since 1970-01-01 of a (year, month, day) date (H. Hinnant's algorithm).
pub fn days_from_civil((y, m, d): (i64, i64, i64)) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a day since 1970-01-01.
pub fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
