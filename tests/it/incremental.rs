//! `cairn serve`'s rebuilds (issue #5): after every edit, the output that the
//! `Rebuilder` patched must be byte for byte what a fresh full build writes, while the
//! rebuild renders only some of the pages.

use std::collections::BTreeMap;
use std::path::Path;

use cairn::build::{BuildOptions, Site};
use cairn::serve::Rebuilder;

use crate::SiteTest;

fn options(root: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        now: Some(jiff::civil::date(2026, 11, 1)),
        force: true,
        ..Default::default()
    }
}

/// Every file under `dir` (but cairn's marker) by path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .filter(|(rel, _)| rel != cairn::output::MARKER)
        .collect()
}

fn assert_same(step: &str, patched: &Path, full: &Path) {
    let (a, b) = (tree(patched), tree(full));
    let only_patched: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_full: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_patched.is_empty() && only_full.is_empty(),
        "{step}: files only in the rebuilt output {only_patched:?}, only in the full build {only_full:?}"
    );
    let differ: Vec<_> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(
        differ.is_empty(),
        "{step}: rebuilt files differ from a full build: {differ:?}"
    );
}

/// An error with every diagnostic spelled out.
fn explain(e: cairn::Error) -> String {
    match e {
        cairn::Error::Content(d) => d
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        e => e.to_string(),
    }
}

fn edit(root: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = f(text.clone());
    assert_ne!(text, changed, "the edit of {rel} changed nothing");
    std::fs::write(path, changed).unwrap();
}

/// Renames `content/members/<from>.md` and every mention of the handle, as a moderator
/// would with search and replace.
fn rename_handle(root: &Path, from: &str, to: &str) {
    let members = root.join("content/members");
    std::fs::rename(
        members.join(format!("{from}.md")),
        members.join(format!("{to}.md")),
    )
    .unwrap();
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            if text.contains(from) {
                std::fs::write(entry.path(), text.replace(from, to)).unwrap();
            }
        }
    }
}

const QA: &str = "content/qa/2024-03-12-first-offline-meetup.md";

#[test]
fn rebuilt_output_equals_a_full_build_after_each_edit() {
    let site = SiteTest::example();
    let root = site.root().to_path_buf();
    let scratch = tempfile::tempdir().unwrap();
    let served = scratch.path().join("served");
    let mut rebuilder = Rebuilder::new(options(&root, &served));
    let first = rebuilder.rebuild(&mut || {}).unwrap();
    assert!(first.full);

    type Edit = Box<dyn Fn(&Path)>;
    let edits: Vec<(&str, Edit)> = vec![
        (
            "change an answer's text",
            Box::new(|r| edit(r, QA, |t| t.replace("放鳥率會差很多", "放鳥率會少很多"))),
        ),
        (
            "change the title and tags",
            Box::new(|r| {
                edit(r, QA, |t| {
                    t.replace("tags: [线下活动, 活动策划]", "tags: [线下活动, 新标签]")
                        .replace("場地和報名", "場地與報名")
                })
            }),
        ),
        (
            "accept another answer",
            Box::new(|r| {
                edit(r, QA, |t| {
                    t.replace("accepted: chanwm", "accepted: zhangwei")
                })
            }),
        ),
        (
            "move a Q&A to another date",
            Box::new(|r| {
                edit(r, QA, |t| {
                    t.replacen("date: 2024-03-12", "date: 2025-01-05", 1)
                })
            }),
        ),
        (
            "give a member another expertise",
            Box::new(|r| {
                edit(r, "content/members/heyu.md", |t| {
                    t.replace(
                        "expertise: [门店社群, 活动执行]",
                        "expertise: [门店社群, 摄影]",
                    )
                })
            }),
        ),
        (
            "edit a member's bio",
            Box::new(|r| {
                edit(r, "content/members/zhangwei.md", |t| {
                    format!("{t}\nAlso runs a book club.\n")
                })
            }),
        ),
        (
            "add a manual credit",
            Box::new(|r| {
                edit(r, "content/credits.yaml", |t| {
                    t.replacen(
                        "credits:\n",
                        "credits:\n  - { member: heyu, kind: design, date: 2026-10-01, note: 新海报 }\n",
                        1,
                    )
                })
            }),
        ),
        (
            // The picked item, the member's profile and the week's page show it.
            "pick a week's best",
            Box::new(|r| {
                edit(r, "content/credits.yaml", |t| {
                    format!(
                        "{t}  - {{ week: 2026-W37, member: heyu, item: qa/2026-10-13-annual-review, note: 补充 }}\n"
                    )
                })
            }),
        ),
        (
            "add a Q&A",
            Box::new(|r| {
                let text = "---\ntitle: 新的一問\ndate: 2026-10-30\nasked_by: lisi\ntags: [线下活动]\n---\n有人試過嗎？@chanwm\n\n## @zhangwei 試過\n\n可以，見 [聚會](@/qa/2024-03-12-first-offline-meetup.md)。\n";
                std::fs::write(r.join("content/qa/2026-10-30-new-question.md"), text).unwrap();
            }),
        ),
        (
            "change who answered",
            Box::new(|r| {
                edit(r, "content/qa/2026-10-30-new-question.md", |t| {
                    t.replace("## @zhangwei", "## @chanwm")
                })
            }),
        ),
        (
            "rename a member",
            Box::new(|r| {
                edit(r, "content/members/chanwm.md", |t| {
                    let (front, rest) = t.split_once("\n---").unwrap();
                    let front: String = front
                        .lines()
                        .map(|l| {
                            if l.starts_with("name:") {
                                "name: Renamed Member"
                            } else {
                                l
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    format!("{front}\n---{rest}")
                })
            }),
        ),
        (
            "rename a member's handle everywhere",
            Box::new(|r| rename_handle(r, "liuyang", "yangliu")),
        ),
        (
            // The tag's page 2, the member's and the year's pages appear (site::paging).
            "add Q&As enough for a tag's second page",
            Box::new(|r| {
                for k in 0..12 {
                    let text = format!(
                        "---\ntitle: 第 {k} 次線下聚會\ndate: 2026-09-{:02}\nasked_by: lisi\n\
                         tags: [线下活动]\n---\n怎麼辦？\n\n## @zhangwei\n\n這樣辦。\n",
                        k + 1
                    );
                    let file = format!("content/qa/2026-09-{:02}-meetup-{k}.md", k + 1);
                    std::fs::write(r.join(file), text).unwrap();
                }
            }),
        ),
        (
            // ...and go again: the served output must not keep the pages.
            "delete them again",
            Box::new(|r| {
                for k in 0..12 {
                    let file = format!("content/qa/2026-09-{:02}-meetup-{k}.md", k + 1);
                    std::fs::remove_file(r.join(file)).unwrap();
                }
            }),
        ),
        (
            "delete a Q&A",
            Box::new(|r| {
                std::fs::remove_file(r.join("content/qa/2026-10-30-new-question.md")).unwrap()
            }),
        ),
        (
            "hide a member",
            Box::new(|r| {
                edit(r, "content/members/yangliu.md", |t| {
                    t.replacen("---\n", "---\nhidden: true\n", 1)
                })
            }),
        ),
    ];
    for (n, (step, apply)) in edits.iter().enumerate() {
        apply(&root);
        let rebuilt = rebuilder
            .rebuild(&mut || {})
            .unwrap_or_else(|e| panic!("{step}: {}", explain(e)));
        let full = scratch.path().join(format!("full-{n}"));
        Site::build(&options(&root, &full)).unwrap_or_else(|e| panic!("{step}: {e}"));
        assert_same(step, &served, &full);
        // Expertise slugs are among the values every page sees: a full rebuild.
        let everywhere = step.contains("expertise");
        assert!(
            rebuilt.full == everywhere,
            "{step}: full rebuild {}",
            rebuilt.full
        );
        assert!(
            everywhere || rebuilt.rendered < rebuilt.pages,
            "{step}: rendered all {} pages again",
            rebuilt.pages
        );
    }
}

#[test]
fn a_broken_save_keeps_the_last_output_and_the_next_good_one_recovers() {
    let site = SiteTest::example();
    let root = site.root().to_path_buf();
    let scratch = tempfile::tempdir().unwrap();
    let served = scratch.path().join("served");
    let mut rebuilder = Rebuilder::new(options(&root, &served));
    rebuilder.rebuild(&mut || {}).unwrap();
    let before = tree(&served);

    edit(&root, QA, |t| {
        t.replacen("date: 2024-03-12", "date: [2024", 1)
    });
    let mut shown = false;
    let error = explain(rebuilder.rebuild(&mut || shown = true).unwrap_err());
    assert!(!shown, "a broken build must not reload pages");
    assert!(
        error.contains("2024-03-12-first-offline-meetup.md"),
        "{error}"
    );
    assert!(
        tree(&served) == before,
        "a broken save changed the served output"
    );

    edit(&root, QA, |t| {
        t.replacen("date: [2024", "date: 2024-03-12", 1)
            .replace("收一點錢", "收一點點錢")
    });
    let rebuilt = rebuilder.rebuild(&mut || shown = true).unwrap();
    assert!(shown);
    assert!(
        !rebuilt.full,
        "the broken save made the next rebuild a full one"
    );
    let full = scratch.path().join("full");
    Site::build(&options(&root, &full)).unwrap();
    assert_same("after the fix", &served, &full);
}

/// A running `cairn --verbose serve`, its output lines, and the folder it serves from.
struct Watched {
    child: std::process::Child,
    addr: String,
    stdout: std::sync::mpsc::Receiver<String>,
    stderr: std::sync::mpsc::Receiver<String>,
}

impl Drop for Watched {
    fn drop(&mut self) {
        // SIGTERM first, so serve removes its scratch folder (.ci/run checks).
        crate::serve::stop(&mut self.child, libc::SIGTERM);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines(pipe: impl std::io::Read + Send + 'static) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    rx
}

impl Watched {
    fn start(root: &Path) -> Watched {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cairn"))
            // English lines ("rebuilt …"), which `settle` counts, on a zh-CN site.
            .args([
                "--lang",
                "en",
                "--verbose",
                "--root",
                root.to_str().unwrap(),
            ])
            .args(["serve", "--port", "0"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        let addr = loop {
            let line = stdout
                .recv_timeout(std::time::Duration::from_secs(60))
                .expect("serve started");
            if let Some(addr) = crate::serve::address_in(&line) {
                break addr;
            }
        };
        // The first build's lines came before the address; its timings too.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let _ = stderr.try_iter().count();
        Watched {
            child,
            addr,
            stdout,
            stderr,
        }
    }

    fn out(&self) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("cairn-serve-{}/public", self.child.id()))
    }

    /// Waits for the rebuilds of a change to end (one save may come in more than one
    /// batch) and says how each found the content files: `walked` or `patched`.
    fn settle(&mut self) -> Vec<String> {
        use std::time::Duration;
        let mut rebuilds = 0;
        let quiet = Duration::from_millis(700);
        let first = Duration::from_secs(20);
        while let Ok(line) = self
            .stdout
            .recv_timeout(if rebuilds == 0 { first } else { quiet })
        {
            rebuilds += usize::from(line.starts_with("rebuilt"));
        }
        assert!(rebuilds > 0, "no rebuild");
        let errors: Vec<String> = self.stderr.try_iter().collect();
        let how: Vec<String> = errors
            .iter()
            .filter_map(|l| l.trim().strip_prefix("(content/ "))
            .map(|l| l.trim_end_matches(')').to_string())
            .collect();
        assert_eq!(how.len(), rebuilds, "{errors:?}");
        how
    }
}

/// Edits made while `cairn serve` watches: the watcher's paths patch the list of
/// content files (no walk), and the served output must equal a full build's.
#[test]
fn served_output_equals_a_full_build_after_files_come_go_and_move() {
    let site = SiteTest::example();
    let root = site.root().to_path_buf();
    let qa = root.join("content/qa");
    let mut served = Watched::start(&root);
    let full_options = BuildOptions {
        base_url: Some(format!("http://{}", served.addr)),
        ..options(&root, Path::new(""))
    };
    type Edit = Box<dyn Fn(&Path)>;
    let new_qa = "---\ntitle: 中间的一问\ndate: 2024-05-22\nasked_by: lisi\ntags: [线下活动]\n---\n有人試過嗎？\n\n## @zhangwei 試過\n\n可以。\n";
    let edits: Vec<(&str, Edit)> = vec![
        (
            "a Q&A added in the middle of the sort order",
            Box::new(move |q| std::fs::write(q.join("2024-05-22-middle.md"), new_qa).unwrap()),
        ),
        (
            "a Q&A deleted",
            Box::new(|q| std::fs::remove_file(q.join("2024-06-25-moderator-burnout.md")).unwrap()),
        ),
        (
            "a Q&A renamed",
            Box::new(|q| {
                let from = q.join("2024-10-22-content-calendar.md");
                std::fs::rename(from, q.join("2024-10-23-content-calendar.md")).unwrap()
            }),
        ),
        (
            "an editor's rename-over save",
            Box::new(|q| {
                let file = q.join("2024-05-22-middle.md");
                let text = std::fs::read_to_string(&file).unwrap();
                let tmp = q.join(".2024-05-22-middle.md.tmp");
                std::fs::write(&tmp, text.replace("可以。", "可以，改過了。")).unwrap();
                std::fs::rename(tmp, file).unwrap();
            }),
        ),
        (
            "a save that moves the file to a backup, writes it again, removes the backup",
            Box::new(|q| {
                let file = q.join("2024-12-03-trilingual-announcements.md");
                let text = std::fs::read_to_string(&file).unwrap();
                let backup = q.join("2024-12-03-trilingual-announcements.md~");
                std::fs::rename(&file, &backup).unwrap();
                std::fs::write(&file, format!("{text}\nOne more line.\n")).unwrap();
                std::fs::remove_file(backup).unwrap();
            }),
        ),
    ];
    for (n, (step, apply)) in edits.iter().enumerate() {
        apply(&qa);
        let how = served.settle();
        assert!(how.iter().all(|h| h == "patched"), "{step}: {how:?}");
        let full = tempfile::tempdir().unwrap();
        let out = full.path().join(format!("full-{n}"));
        let options = BuildOptions {
            out: Some(out.clone()),
            now: None, // serve's "now" is today
            ..full_options.clone()
        };
        Site::build(&options).unwrap_or_else(|e| panic!("{step}: {}", explain(e)));
        assert_same(step, &served.out(), &out);
    }
}

#[test]
fn a_newer_save_defers_the_search_index_and_the_next_rebuild_writes_it() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let site = SiteTest::example();
    let root = site.root().to_path_buf();
    let scratch = tempfile::tempdir().unwrap();
    let served = scratch.path().join("served");
    let newer = Arc::new(AtomicBool::new(true));
    let mut rebuilder = Rebuilder::new(options(&root, &served));
    rebuilder.stop_search_when(Arc::clone(&newer));
    let first = rebuilder.rebuild(&mut || {}).unwrap();
    assert!(
        first.full && !first.search_deferred,
        "a full rebuild writes its index"
    );
    let search_of = |tree: BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        tree.into_iter()
            .filter(|(rel, _)| rel.starts_with("search/"))
            .collect()
    };
    let index_before = search_of(tree(&served));
    assert!(index_before.len() > 3, "the first build wrote an index");

    // A save while another is already waiting: pages now, the index later.
    edit(&root, QA, |t| {
        t.replace("放鳥率會差很多", "放鳥率會差很多 zwieback")
    });
    let deferred = rebuilder.rebuild(&mut || {}).unwrap();
    assert!(deferred.search_deferred);
    let page = served.join("qa/2024-03-12-first-offline-meetup/index.html");
    assert!(std::fs::read_to_string(page).unwrap().contains("zwieback"));
    assert!(
        search_of(tree(&served)) == index_before,
        "a deferred index changed the served search files"
    );

    // The next rebuild, with nothing newer waiting, catches the index up.
    newer.store(false, Ordering::SeqCst);
    let caught_up = rebuilder.rebuild(&mut || {}).unwrap();
    assert!(!caught_up.search_deferred && !caught_up.full);
    let full = scratch.path().join("full");
    Site::build(&options(&root, &full)).unwrap();
    assert_same("after the deferred index", &served, &full);
    assert!(search_of(tree(&served)) != index_before);
}
