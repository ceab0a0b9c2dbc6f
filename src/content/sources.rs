//! Stage 1 (content), for `cairn serve`'s rebuilds: which files `content/` holds and
//! what each was typed as last time. The first load walks the folder; after that, when
//! the file watcher names every path that changed, the last load's list is patched with
//! those paths instead of walking and stat-ing every file again (issue #5). Anything
//! the patch cannot be sure of (a folder, a link, a watcher error) means a walk.

use std::collections::BTreeMap;
use std::ops::Bound::{Included, Unbounded};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Content, Loaded, load_file, relative};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// What identifies one version of a file without reading it: size, change time and
/// inode (an editor's rename-over gives a new inode even within one clock tick).
type Stamp = (u64, std::time::SystemTime, u64);

type Entry = (Stamp, Result<Loaded, Vec<Diagnostic>>);

/// The files of the previous load as typed then, for `cairn serve`: a file whose stamp
/// has not moved is not read or parsed again.
#[derive(Default)]
pub struct SourceCache {
    /// Every file of the last load, in the walk's order. `Path`'s own order is the
    /// walk's (`sort_by_file_name`): component by component, each by its bytes, a
    /// folder's files right after its name, so a patched list needs no sorting.
    files: BTreeMap<PathBuf, Entry>,
    /// Whether a file watcher reports changes (`track`).
    tracked: bool,
    /// Paths (relative to the site root) changed since the last load, when the watcher
    /// named them all and the last load's list can be patched; `None`: walk.
    pending: Option<Vec<PathBuf>>,
    /// Files read (not taken from the cache) by the last load.
    pub read: usize,
    /// Whether the last load walked `content/` (rather than patching its list).
    pub walked: bool,
}

impl SourceCache {
    /// From now on every change is reported through `changed`; the next load walks,
    /// as what changed before the watcher started is unknown.
    pub fn track(&mut self) {
        self.tracked = true;
        self.pending = None;
    }

    /// Paths (relative to the site root) the watcher saw change; `None` when it cannot
    /// say (an error, a rescan): the next load walks.
    pub fn changed(&mut self, paths: Option<Vec<PathBuf>>) {
        match (paths, &mut self.pending) {
            (Some(paths), Some(pending)) => pending.extend(paths),
            _ => self.pending = None,
        }
    }
}

fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?, meta.ino()))
}

/// `load`, taking unchanged files from `cache` and leaving this load's files in it.
pub fn load_cached(
    root: &Path,
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
    cache: Option<&mut SourceCache>,
) -> Content {
    let Some(cache) = cache else {
        let (paths, _) = walk(root, diagnostics);
        let results = paths
            .into_par_iter()
            .map(|p| load_file(root, &p, include_drafts))
            .collect();
        return assemble(results, diagnostics);
    };
    let pending = cache.pending.take();
    let plan = pending.and_then(|changed| plan(&cache.files, root, &changed));
    cache.walked = plan.is_none();
    let clean = match plan {
        Some(plan) => {
            patch(cache, root, include_drafts, plan);
            true
        }
        None => {
            let (paths, clean) = walk(root, diagnostics);
            refresh(cache, root, include_drafts, paths);
            clean
        }
    };
    // A walk's warnings (links not followed, unreadable folders) come only from a walk:
    // a list that had them is walked again next time so they are reported again.
    if cache.tracked && clean {
        cache.pending = Some(Vec::new());
    }
    let results = cache.files.values().map(|(_, r)| r.clone()).collect();
    assemble(results, diagnostics)
}

/// Every file under `root/content` in `sort_by_file_name` order, and whether the walk
/// met nothing to warn about.
fn walk(root: &Path, diagnostics: &mut Diagnostics) -> (Vec<PathBuf>, bool) {
    let mut paths = Vec::new();
    let problems = diagnostics.len();
    for entry in walkdir::WalkDir::new(root.join("content"))
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(e) if e.file_type().is_file() => paths.push(e.into_path()),
            // Links are not followed (so a loop cannot hang the walk), but a linked file
            // silently missing from the site would puzzle its writer: say so.
            Ok(e) if e.path_is_symlink() && e.depth() > 0 => diagnostics.push(
                Diagnostic::warning_said(&relative(root, e.path()), "symlink", &[])
                    .with_hint_said("symlink-hint", &[]),
            ),
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| "content".into());
                let error = e.to_string();
                diagnostics.push(Diagnostic::error_said(
                    &path,
                    "unreadable-path",
                    &[("error", &error)],
                ));
            }
        }
    }
    (paths, diagnostics.len() == problems)
}

/// The cache after a walk: files whose stamp did not move are taken from it, the
/// others read and typed.
fn refresh(cache: &mut SourceCache, root: &Path, include_drafts: bool, paths: Vec<PathBuf>) {
    let old = std::mem::take(&mut cache.files);
    let (loaded, read) = load_all(root, include_drafts, paths, &old);
    cache.read = read;
    cache.files = loaded.collect();
}

/// Each of `paths` in parallel (`load_if_moved` against `old`), with how many were
/// read rather than taken from `old`.
fn load_all(
    root: &Path,
    include_drafts: bool,
    paths: Vec<PathBuf>,
    old: &BTreeMap<PathBuf, Entry>,
) -> (impl Iterator<Item = (PathBuf, Entry)>, usize) {
    let loaded: Vec<(PathBuf, Entry, bool)> = paths
        .into_par_iter()
        .map(|p| {
            let (entry, read) = load_if_moved(root, &p, include_drafts, old.get(&p));
            (p, entry, read)
        })
        .collect();
    let read = loaded.iter().filter(|l| l.2).count();
    (loaded.into_iter().map(|(p, e, _)| (p, e)), read)
}

/// The cache entry of `path`: `old` when the file's stamp is the one it had, else the
/// file read again. Also says whether it was read.
fn load_if_moved(
    root: &Path,
    path: &Path,
    include_drafts: bool,
    old: Option<&Entry>,
) -> (Entry, bool) {
    let now = stamp(path);
    match (now, old) {
        (Some(now), Some((then, result))) if now == *then => ((now, result.clone()), false),
        _ => {
            let result = load_file(root, path, include_drafts);
            // No stamp (the file went away meanwhile): never reuse this result.
            let now = now.unwrap_or((u64::MAX, std::time::UNIX_EPOCH, 0));
            ((now, result), true)
        }
    }
}

/// The files a patch removes from the list and the files it (re)loads.
#[derive(Debug, Default, PartialEq)]
struct Plan {
    gone: Vec<PathBuf>,
    load: Vec<PathBuf>,
}

/// How the watcher's `changed` paths (relative to `root`) change the list `files`, or
/// `None` when only a walk can tell: the content folder itself, a folder (its files
/// may have arrived before the watcher watched it), a symbolic link (the walk warns
/// about it), or a file below one.
fn plan<V>(files: &BTreeMap<PathBuf, V>, root: &Path, changed: &[PathBuf]) -> Option<Plan> {
    let content = root.join("content");
    let mut changed: Vec<PathBuf> = changed.iter().map(|p| root.join(p)).collect();
    changed.sort();
    changed.dedup();
    let mut plan = Plan::default();
    for path in changed {
        if !path.starts_with(&content) {
            continue; // site.yaml, templates, static: not the content list's business
        }
        if path == content {
            return None;
        }
        // What the list had at or under `path` goes; a file there now comes back.
        plan.gone.extend(
            files
                .range::<Path, _>((Included(path.as_path()), Unbounded))
                .map(|(p, _)| p)
                .take_while(|p| p.starts_with(&path))
                .cloned(),
        );
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => return None,
            Ok(meta) if meta.is_dir() || meta.is_symlink() => return None,
            Ok(meta) if meta.is_file() => {
                if !in_real_folders(&path, &content) {
                    return None;
                }
                plan.load.push(path);
            }
            Ok(_) => {} // a socket or a pipe: the walk lists only files
        }
    }
    Some(plan)
}

/// Whether every folder between `content` and `path` is a folder and not a link to
/// one: the walk does not enter linked folders, though the watcher watches them.
fn in_real_folders(path: &Path, content: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .take_while(|a| *a != content)
        .all(|a| std::fs::symlink_metadata(a).is_ok_and(|m| m.is_dir()))
}

/// Applies `plan` to the cache: only the files it names are stat-ed and, when their
/// stamp moved, read.
fn patch(cache: &mut SourceCache, root: &Path, include_drafts: bool, plan: Plan) {
    let mut old = Vec::with_capacity(plan.load.len());
    for path in &plan.gone {
        if let Some(entry) = cache.files.remove(path) {
            old.push((path.clone(), entry));
        }
    }
    let old: BTreeMap<PathBuf, Entry> = old.into_iter().collect();
    let (loaded, read) = load_all(root, include_drafts, plan.load, &old);
    cache.read = read;
    cache.files.extend(loaded);
}

/// The typed content of one load's files, in the walk's order.
fn assemble(results: Vec<Result<Loaded, Vec<Diagnostic>>>, d: &mut Diagnostics) -> Content {
    let mut content = Content::default();
    for result in results {
        match result {
            Ok(Loaded::Home(h)) => content.home = Some(h),
            Ok(Loaded::Member(m)) => content.members.push(m),
            Ok(Loaded::Item(i)) => content.items.push(i),
            Ok(Loaded::Credits(doc, file)) => {
                content.credits = file.credits;
                content.picks = file.picks;
                content.credits_doc = Some(doc);
            }
            Ok(Loaded::Skipped) => {}
            Err(problems) => {
                if let Some(failed) = problems.iter().find(|p| p.is_error()) {
                    content.note_unloaded(&failed.file);
                }
                d.extend(problems);
            }
        }
    }
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, rel).unwrap();
    }

    fn walked(root: &Path) -> Vec<PathBuf> {
        let (paths, clean) = walk(root, &mut Diagnostics::new());
        assert!(clean);
        paths
    }

    /// `files` patched with the watcher's `changed` paths, or `None` for a walk.
    fn patched(files: &mut BTreeMap<PathBuf, ()>, root: &Path, changed: &[&str]) -> Option<()> {
        let changed: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
        let plan = plan(files, root, &changed)?;
        for path in &plan.gone {
            files.remove(path);
        }
        files.extend(plan.load.into_iter().map(|p| (p, ())));
        Some(())
    }

    #[test]
    fn a_patched_list_is_the_list_a_walk_finds() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        // Names whose byte order differs from a whole-path string order: `qa` sorts
        // before `qa-old` and `qa.md`, but `qa/` before `qa-old/` only by component.
        for rel in [
            "content/_index.md",
            "content/Z.md",
            "content/qa.md",
            "content/qa/a.md",
            "content/qa/b.md",
            "content/qa/sub/d.md",
            "content/qa-old/c.md",
            "content/members/x.md",
            "content/members/é.md",
            "site.yaml",
        ] {
            write(root, rel);
        }
        let mut files: BTreeMap<PathBuf, ()> = walked(root).into_iter().map(|p| (p, ())).collect();
        assert_eq!(files.keys().cloned().collect::<Vec<_>>(), walked(root));

        type Step = (&'static str, fn(&Path), &'static [&'static str]);
        let steps: [Step; 7] = [
            (
                "a file in the middle",
                |r| write(r, "content/qa/ab.md"),
                &["content/qa/ab.md"],
            ),
            (
                "a file deleted",
                |r| std::fs::remove_file(r.join("content/qa/b.md")).unwrap(),
                &["content/qa/b.md"],
            ),
            (
                "a file renamed",
                |r| {
                    std::fs::rename(r.join("content/qa/a.md"), r.join("content/qa-old/a.md"))
                        .unwrap()
                },
                &["content/qa/a.md", "content/qa-old/a.md"],
            ),
            (
                "an editor's rename-over",
                |r| {
                    write(r, "content/qa/.ab.md.swp");
                    std::fs::rename(r.join("content/qa/.ab.md.swp"), r.join("content/qa/ab.md"))
                        .unwrap()
                },
                &[
                    "content/qa/.ab.md.swp",
                    "content/qa/ab.md",
                    "content/qa/.ab.md.swp",
                ],
            ),
            (
                "a folder removed",
                |r| std::fs::remove_dir_all(r.join("content/qa/sub")).unwrap(),
                &["content/qa/sub"],
            ),
            (
                "a folder replaced by a file",
                |r| {
                    std::fs::remove_dir_all(r.join("content/qa-old")).unwrap();
                    write(r, "content/qa-old");
                },
                &["content/qa-old"],
            ),
            (
                "outside content/",
                |r| write(r, "site.yaml.new"),
                &["site.yaml.new", "content/Z.md"],
            ),
        ];
        for (step, change, changed) in steps {
            change(root);
            patched(&mut files, root, changed).unwrap_or_else(|| panic!("{step}: walked"));
            assert_eq!(
                files.keys().cloned().collect::<Vec<_>>(),
                walked(root),
                "{step}"
            );
        }
    }

    #[test]
    fn folders_links_and_the_content_folder_itself_need_a_walk() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "content/qa/a.md");
        let mut files: BTreeMap<PathBuf, ()> = walked(root).into_iter().map(|p| (p, ())).collect();
        write(root, "content/talks/t.md");
        assert_eq!(patched(&mut files, root, &["content/talks"]), None);
        std::os::unix::fs::symlink(root.join("content/qa"), root.join("content/linked")).unwrap();
        assert_eq!(patched(&mut files, root, &["content/linked"]), None);
        assert_eq!(patched(&mut files, root, &["content/linked/a.md"]), None);
        assert_eq!(patched(&mut files, root, &["content"]), None);
        std::os::unix::fs::symlink(root.join("content/qa/a.md"), root.join("content/qa/l.md"))
            .unwrap();
        assert_eq!(patched(&mut files, root, &["content/qa/l.md"]), None);
    }

    #[test]
    fn changes_add_up_until_a_load_and_an_unknown_one_means_a_walk() {
        let mut cache = SourceCache::default();
        cache.changed(Some(vec!["content/a.md".into()]));
        assert_eq!(cache.pending, None, "untracked: always a walk");
        cache.track();
        cache.pending = Some(Vec::new()); // as after a load
        cache.changed(Some(vec!["content/a.md".into()]));
        cache.changed(Some(vec!["content/b.md".into()]));
        assert_eq!(cache.pending.as_ref().map(Vec::len), Some(2));
        cache.changed(None);
        cache.changed(Some(vec!["content/c.md".into()]));
        assert_eq!(cache.pending, None);
    }
}
