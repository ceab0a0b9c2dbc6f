//! Faults (issue #8.4): builds killed at any moment never leave a damaged output,
//! `--out` never wipes a folder cairn did not make; `server` has the dev server's.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{NOW, SiteTest, snapshot_tree};

mod server;

type Tree = Vec<(String, Vec<u8>)>;

/// A page whose presence changes many output files (its page, sitemap, search index).
const PROBE: &str = "content/pages/fault-probe.md";

/// How many builds the kill test kills.
const KILLS: u32 = 24;

/// Every socket wait is bounded by this, so a hung server fails a test instead of
/// hanging CI; generous, because a loaded 2-core machine is slow, not stuck.
pub(crate) const PATIENCE: Duration = Duration::from_secs(30);

fn set_probe(root: &Path, on: bool) {
    let path = root.join(PROBE);
    if on {
        std::fs::write(
            path,
            "---\ntitle: Fault probe\n---\nThis page comes and goes.\n",
        )
        .unwrap();
    } else {
        let _ = std::fs::remove_file(path);
    }
}

fn cairn(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("cairn"));
    cmd.arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn spawn_build(root: &Path) -> Child {
    cairn(root, &["build", "--now", NOW]).spawn().unwrap()
}

/// Staging and old-output folders beside `public/`.
fn leftovers(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".cairn-tmp-") || n.contains(".cairn-old-"))
        .collect();
    names.sort();
    names
}

/// xorshift64: deterministic "random" delays, the same on every run.
fn next(state: &mut u64) -> f64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    (*state >> 11) as f64 / (1u64 << 53) as f64
}

/// Why a tree is neither expected one, without dumping megabytes.
fn describe(now: &Tree, old: &Tree, new: &Tree) -> String {
    if now.is_empty() {
        return "public/ is missing or empty".into();
    }
    let differing = |other: &Tree| -> Vec<String> {
        let mut names: Vec<String> = now
            .iter()
            .filter(|f| !other.contains(f))
            .chain(other.iter().filter(|f| !now.contains(f)))
            .map(|(n, _)| n.clone())
            .collect();
        names.dedup();
        names.truncate(5);
        names
    };
    format!(
        "a mix: {} files; vs last good: {:?}; vs new: {:?}",
        now.len(),
        differing(old),
        differing(new)
    )
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let site = SiteTest::example();
    let root = site.root().to_path_buf();
    let out = root.join("public");
    site.build().success();
    let without = snapshot_tree(&out);
    set_probe(&root, true);
    // Timed on a build that replaces an output, so kills spread over a real swap too.
    let started = Instant::now();
    site.build().success();
    let full = started.elapsed();
    let with = snapshot_tree(&out);
    assert_ne!(without, with, "the probe page must change the output");

    let mut probe_on = true; // the content the output was built from
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let (mut before_swap, mut after_swap, mut finished) = (0, 0, 0);
    for i in 0..KILLS {
        // The killed build writes the other content, so a completed swap is visible.
        set_probe(&root, !probe_on);
        // Stratified over 0..1.5× a build: every part of the build gets kills, and the
        // last ones land after the swap even when the machine is slower than it was.
        let frac = 1.5 * (f64::from(i) + next(&mut rng)) / f64::from(KILLS);
        let delay = full.mul_f64(frac);
        let mut child = spawn_build(&root);
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL: no destructor, no cleanup runs
        let status = child.wait().unwrap();
        assert!(
            status.success() || status.code().is_none(),
            "kill {i}: the build failed by itself: {status}"
        );
        let now = snapshot_tree(&out);
        let (old, new) = if probe_on {
            (&with, &without)
        } else {
            (&without, &with)
        };
        if now == *new {
            probe_on = !probe_on;
            after_swap += 1;
        } else {
            assert!(
                now == *old,
                "kill {i} after {delay:?}: {}",
                describe(&now, old, new)
            );
            assert!(!status.success(), "kill {i}: a finished build did not swap");
            before_swap += 1;
        }
        finished += usize::from(status.success());
        // Each build removes the folders of dead builds before staging its own, so at
        // most one dead build's staging and old folders are ever left.
        let left = leftovers(&root);
        let pids: std::collections::BTreeSet<&str> =
            left.iter().filter_map(|n| n.rsplit('-').next()).collect();
        assert!(left.len() <= 2 && pids.len() <= 1, "kill {i}: {left:?}");
    }
    eprintln!(
        "{KILLS} kills over {full:?}: {before_swap} before the swap, {after_swap} after, {finished} finished first"
    );
    // Both sides of the swap were hit, or the test proved only half of its name.
    assert!(
        before_swap > 0,
        "no kill landed before a swap: the kills did not interrupt a build"
    );
    assert!(
        after_swap > 0,
        "no build got through its swap: the kills never reached the swap"
    );

    // A later normal build succeeds and clears what the killed ones left.
    set_probe(&root, !probe_on);
    site.build().success();
    let expected = if probe_on { &without } else { &with };
    assert!(
        snapshot_tree(&out) == *expected,
        "the recovery build differs"
    );
    assert_eq!(leftovers(&root), Vec::<String>::new());
}

/// `output::Staging::commit` must never leave a moment without `public/`: on Linux it
/// exchanges the staging folder and the output in one `renameat2(RENAME_EXCHANGE)`.
/// A kill loop almost never lands inside a swap, so strace's fault injection holds the
/// first rename call for 3 s while the test watches `public/`. Needs strace and ptrace
/// (`.ci/run` installs strace); without them the test fails, it does not skip.
#[test]
fn public_exists_at_every_moment_of_the_swap() {
    assert!(
        Command::new("strace").arg("-V").output().is_ok(),
        "strace is needed: apt-get install -y strace (.ci/run does this)"
    );
    let site = SiteTest::new("small");
    site.build().success();
    let out = site.root().join("public");
    let before = snapshot_tree(&out);
    // The traced build has a page to add, so its swap is seen to happen.
    set_probe(site.root(), true);
    let log = site.root().join("strace.log");
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&log)
        .args(["-e", "trace=rename,renameat,renameat2"])
        .args([
            "-e",
            "inject=rename,renameat,renameat2:delay_exit=3000000:when=1",
        ])
        .arg(assert_cmd::cargo::cargo_bin("cairn"))
        .arg("--root")
        .arg(site.root())
        .args(["build", "--now", NOW])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut missing = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < 4 * PATIENCE, "the traced build hangs");
        missing |= !out.exists();
        std::thread::sleep(Duration::from_millis(2));
    };
    let log = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(status.success(), "the traced build failed: {status}\n{log}");
    assert!(
        out.join("fault-probe/index.html").is_file() && snapshot_tree(&out) != before,
        "the traced build did not swap in its output"
    );
    assert!(
        log.contains("DELAYED"),
        "strace could not trace the build (no ptrace?):\n{log}"
    );
    assert!(!missing, "public/ did not exist during the swap:\n{log}");
}

#[test]
fn out_at_a_folder_cairn_did_not_make_is_refused_unless_forced() {
    let site = SiteTest::new("small");
    let theirs = tempfile::tempdir().unwrap();
    let target = theirs.path().join("thesis");
    std::fs::create_dir_all(target.join("chapters")).unwrap();
    std::fs::write(target.join("index.html"), "my own page").unwrap();
    std::fs::write(target.join("chapters/1.md"), "chapter one").unwrap();
    std::fs::write(target.join(".hidden"), "dotfile").unwrap();
    let before = snapshot_tree(&target);
    let out = target.to_str().unwrap();

    let refused = site.run(&["build", "--now", NOW, "--out", out].map(String::from));
    assert_eq!(
        refused.output.status.code(),
        Some(2),
        "{}",
        refused.stderr()
    );
    assert!(refused.stderr().contains("--force"), "{}", refused.stderr());
    assert_eq!(
        snapshot_tree(&target),
        before,
        "the refused folder was touched"
    );
    assert_eq!(leftovers(theirs.path()), Vec::<String>::new());
    // A plain file in the way is not cairn's either.
    let file = theirs.path().join("notes.txt");
    std::fs::write(&file, "notes").unwrap();
    let refused =
        site.run(&["build", "--now", NOW, "--out", file.to_str().unwrap()].map(String::from));
    assert_eq!(
        refused.output.status.code(),
        Some(2),
        "{}",
        refused.stderr()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "notes");

    // --force replaces it, and marks it, so later builds need no --force.
    site.run(&["build", "--now", NOW, "--out", out, "--force"].map(String::from))
        .success();
    assert!(target.join(".cairn-output").is_file());
    assert!(!target.join("chapters").exists());
    assert!(std::fs::read_to_string(target.join("index.html")).unwrap() != "my own page");
    site.run(&["build", "--now", NOW, "--out", out].map(String::from))
        .success();
    assert_eq!(leftovers(theirs.path()), Vec::<String>::new());
}
