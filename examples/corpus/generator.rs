//! The corpus generator: a complete cairn site (site.yaml + content/) of N items, byte for
//! byte the same for the same seed and N. Shared by the `corpus` and `bench` examples and
//! by `tests/it/corpus.rs`, so it has one entry point, `generate`.

use std::io;
use std::path::Path;

use rayon::prelude::*;

#[path = "plan.rs"]
mod plan;
#[path = "prose.rs"]
mod prose;
#[path = "vocab.rs"]
mod vocab;

use plan::{Kind, Plan};
use prose::Writer;

/// What `generate` wrote.
pub struct Stats {
    pub files: usize,
    pub bytes: u64,
}

/// The file in a corpus root that says which corpus it is; written last, so its presence
/// means the corpus is complete.
pub const MARKER: &str = ".cairn-corpus";

/// Writes a site of `items` items into `out` (created if needed). A folder that holds an
/// earlier corpus is replaced; any other non-empty folder is refused, so a typo in `--out`
/// cannot delete someone's work.
pub fn generate(out: &Path, items: usize, seed: u64) -> io::Result<Stats> {
    prepare(out)?;
    // Marked at once, so an interrupted run can be replaced; completed at the end.
    std::fs::write(out.join(MARKER), "cairn corpus (incomplete)\n")?;
    let vocab = vocab::Vocab::load();
    let plan = Plan::new(&vocab, items, seed);
    let mut files: Vec<(String, String)> = vec![
        ("site.yaml".into(), prose::site_yaml()),
        ("content/_index.md".into(), prose::home()),
        ("content/credits.yaml".into(), prose::credits(&plan)),
    ];
    files.extend(prose::pages(&vocab, &plan));
    let members = (0..plan.members.len()).into_par_iter().map(|m| {
        let text = Writer::new(&vocab, &plan, plan::stream(seed, 1, m)).profile(m);
        (
            format!("content/members/{}.md", plan.members[m].handle),
            text,
        )
    });
    let bodies = (0..plan.items.len()).into_par_iter().map(|i| {
        let text = Writer::new(&vocab, &plan, plan::stream(seed, 2, i)).item(i);
        (format!("content/{}.md", plan.key(i)), text)
    });
    files.par_extend(members);
    files.par_extend(bodies);
    for dir in [
        "members",
        Kind::Qa.dir(),
        Kind::Solution.dir(),
        Kind::Talk.dir(),
        "pages",
    ] {
        std::fs::create_dir_all(out.join("content").join(dir))?;
    }
    files
        .par_iter()
        .try_for_each(|(rel, text)| std::fs::write(out.join(rel), text))?;
    std::fs::write(out.join(MARKER), marker(items, seed))?;
    Ok(Stats {
        files: files.len() + 1,
        bytes: files.iter().map(|(_, t)| t.len() as u64).sum(),
    })
}

/// What the marker file of a corpus of `items` items from `seed` says; the bench compares
/// it to reuse a corpus. The version changes whenever the generator's output does.
pub fn marker(items: usize, seed: u64) -> String {
    format!("cairn corpus v1 items={items} seed={seed}\n")
}

/// Empties `out` if it holds an earlier corpus; refuses any other non-empty folder.
fn prepare(out: &Path) -> io::Result<()> {
    if !out.exists() {
        return std::fs::create_dir_all(out);
    }
    let empty = std::fs::read_dir(out)?.next().is_none();
    if empty {
        return Ok(());
    }
    if !out.join(MARKER).exists() {
        return Err(io::Error::other(format!(
            "{} is not empty and holds no generated corpus; choose another --out",
            out.display()
        )));
    }
    for entry in std::fs::read_dir(out)? {
        let path = entry?.path();
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}
