//! Stage "index": one tag, two scripts. Tags (and expertise values) that fold to the
//! same Simplified form, 新人引导 and 新人引導, are one tag, named by the spelling used
//! most, with the others kept as its aliases (CONTENT.md §9). The fold is the search's
//! (`search::tokenize::fold_char`, OpenCC's table), so a tag page and a search agree.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::search::tokenize::fold_char;

/// A spelling's key: every character folded Traditional → Simplified.
pub fn fold(spelling: &str) -> String {
    spelling.chars().map(fold_char).collect()
}

/// The spellings of one name: what it is shown as, and the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spellings {
    pub name: String,
    pub aliases: Vec<String>,
}

/// Groups `uses` (each spelling once per file that writes it, with the file's path)
/// by folded form. The name of a group is its spelling used most; a tie goes to the
/// spelling whose first file comes first in path order, then to the smaller spelling,
/// so the choice never depends on load order. Returns spelling → its group's spellings.
pub fn group<'a>(
    uses: impl IntoIterator<Item = (&'a str, &'a Path)>,
) -> HashMap<String, Spellings> {
    // folded → spelling → (uses, first path)
    let mut groups: BTreeMap<String, BTreeMap<&str, (usize, &Path)>> = BTreeMap::new();
    for (spelling, path) in uses {
        let entry = groups
            .entry(fold(spelling))
            .or_default()
            .entry(spelling)
            .or_insert((0, path));
        entry.0 += 1;
        entry.1 = entry.1.min(path);
    }
    let mut out = HashMap::new();
    for spellings in groups.into_values() {
        let name = spellings
            .iter()
            .max_by(|a, b| {
                let (sa, (na, pa)) = a;
                let (sb, (nb, pb)) = b;
                na.cmp(nb).then_with(|| pb.cmp(pa)).then_with(|| sb.cmp(sa))
            })
            .map(|(s, _)| s.to_string())
            .unwrap_or_default();
        let aliases: Vec<String> = spellings
            .keys()
            .filter(|s| **s != name)
            .map(|s| s.to_string())
            .collect();
        for spelling in spellings.keys() {
            out.insert(
                spelling.to_string(),
                Spellings {
                    name: name.clone(),
                    aliases: aliases.clone(),
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spelling_used_most_names_the_group_and_ties_go_by_path() {
        let a = Path::new("content/qa/a.md");
        let b = Path::new("content/qa/b.md");
        let c = Path::new("content/qa/c.md");
        let g = group([
            ("新人引導", a),
            ("新人引导", b),
            ("新人引导", c),
            ("破冰", a),
        ]);
        assert_eq!(g["新人引導"].name, "新人引导");
        assert_eq!(g["新人引导"].aliases, ["新人引導"]);
        assert!(g["破冰"].aliases.is_empty());
        let g = group([("新人引导", b), ("新人引導", a)]);
        assert_eq!(g["新人引导"].name, "新人引導");
        let g = group([("新人引導", a), ("新人引导", a)]);
        assert_eq!(g["新人引导"].name, "新人引导");
    }
}
