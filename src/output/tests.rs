//! Tests of the output folder (stages "prepare" and "swap"): staging, the marker, the
//! swap and its recovery after a kill, scanning as files are written.

use super::*;

#[test]
fn a_foreign_folder_is_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("thesis.md"), "mine").unwrap();
    assert!(matches!(Staging::new(&out, false), Err(Error::NotOurs(_))));
    assert_eq!(fs::read_to_string(out.join("thesis.md")).unwrap(), "mine");
}

#[test]
fn commit_counts_the_files_and_bytes_it_publishes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let src = tmp.path().join("static");
    fs::create_dir_all(src.join("img")).unwrap();
    fs::write(src.join("img/a.png"), b"123456789012").unwrap();
    let s = Staging::new(&out, false).unwrap();
    s.write("a/index.html", b"one").unwrap();
    // Written again: one file, with its last bytes.
    s.write("a/index.html", b"three").unwrap();
    s.copy_tree(&src, "static").unwrap();
    let footprint = s.commit().unwrap();
    let (files, bytes) = (footprint.files, footprint.bytes);
    let sizes: Vec<u64> = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .collect();
    assert_eq!((files, bytes), (sizes.len(), sizes.iter().sum()));
    assert_eq!(files, 3, "the marker, the page and the image");
    assert_eq!(footprint.largest, Some(("static/img/a.png".into(), 12)));
}

#[test]
fn folders_are_made_rewrites_replace_whole_files_and_copies_keep_their_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let src = tmp.path().join("static");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("run.sh"), b"#!/bin/sh\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(src.join("run.sh"), fs::Permissions::from_mode(0o751)).unwrap();
    }
    let s = Staging::new(&out, false).unwrap();
    s.write("deep/er/still/index.html", b"a longer first version")
        .unwrap();
    // Shorter the second time: nothing of the first version may remain.
    s.write("deep/er/still/index.html", b"short").unwrap();
    s.copy_tree(&src, "static").unwrap();
    s.commit().unwrap();
    let page = fs::read_to_string(out.join("deep/er/still/index.html")).unwrap();
    assert_eq!(page, "short");
    assert_eq!(fs::read(out.join("static/run.sh")).unwrap(), b"#!/bin/sh\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(out.join("static/run.sh"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o751);
    }
}

#[test]
fn commit_swaps_and_drop_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let s = Staging::new(&out, false).unwrap();
    s.write("a/index.html", b"one").unwrap();
    s.commit().unwrap();
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
    let s = Staging::new(&out, false).unwrap();
    s.write("a/index.html", b"two").unwrap();
    drop(s);
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers, ["public"]);
}

#[test]
fn a_second_commit_replaces_the_output_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    for text in ["one", "two"] {
        let s = Staging::new(&out, false).unwrap();
        s.write("a/index.html", text.as_bytes()).unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), text);
    }
    let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
    assert_eq!(leftovers.len(), 1);
}

#[test]
fn exchange_swaps_two_folders_in_one_step() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    fs::write(a.join("f"), "a").unwrap();
    fs::write(b.join("f"), "b").unwrap();
    let swapped = exchange(&a, &b);
    if cfg!(target_os = "linux") {
        swapped.expect("Linux can exchange folders");
        assert_eq!(fs::read_to_string(a.join("f")).unwrap(), "b");
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "a");
    } else {
        assert!(swapped.is_err());
    }
}

#[test]
fn a_build_killed_mid_swap_gets_the_last_good_site_back() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    // What the rename fallback leaves when killed between its two renames.
    let aside = tmp.path().join(".public.cairn-old-4000000000");
    fs::create_dir_all(&aside).unwrap();
    fs::write(aside.join(MARKER), "").unwrap();
    fs::write(aside.join("index.html"), "good").unwrap();
    drop(Staging::new(&out, false).unwrap());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "good");
    assert!(!aside.exists());
}

#[test]
fn a_scanning_staging_catches_leaks_in_written_and_copied_files_in_path_order() {
    use crate::privacy::{Scanner, Secret, Why};
    let secrets = vec![Secret {
        member: "lisi".into(),
        field: "company".into(),
        value: "SECRET-COMPANY".into(),
        why: Why::PrivateField,
    }];
    let scanner = Scanner::new(&secrets);
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("static");
    fs::create_dir_all(src.join("docs")).unwrap();
    fs::write(src.join("docs/cv.txt"), "at SECRET-COMPANY").unwrap();
    fs::write(src.join("logo.svg"), "<svg/>").unwrap();
    let s = Staging::new(&tmp.path().join("public"), false).unwrap();
    let s = s.scanning(&scanner, Path::new("public"));
    // Written out of order, as rayon threads would; `qa/x` sorts before `qa/x-y`
    // as paths, though not as strings.
    s.write("qa/x-y/index.html", b"SECRET-COMPANY").unwrap();
    s.write("qa/x/index.html", b"SECRET-COMPANY").unwrap();
    s.write("qa/clean/index.html", b"SECRET-COMPANY").unwrap();
    s.write("qa/clean/index.html", b"rewritten without it")
        .unwrap();
    s.copy_tree(&src, "static").unwrap();
    assert_eq!(
        fs::read(s.dir().join("static/docs/cv.txt")).unwrap(),
        b"at SECRET-COMPANY",
        "a scanned copy is still a copy"
    );
    let files: Vec<String> = s
        .leaks()
        .iter()
        .map(|d| d.file.display().to_string())
        .collect();
    assert_eq!(
        files,
        [
            "public/qa/x/index.html",
            "public/qa/x-y/index.html",
            "public/static/docs/cv.txt"
        ]
    );
}

#[test]
fn staging_liveness_is_the_folders_lock_not_its_pid() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    // Named after a pid that is surely running (this one's parent chain starts at 1),
    // but nobody holds its lock: a leftover, removed.
    let stale = tmp.path().join(".public.cairn-tmp-1");
    fs::create_dir_all(stale.join("qa")).unwrap();
    // Named after a pid that cannot be running, but its lock is held: alive, kept.
    let live = tmp.path().join(".public.cairn-tmp-999999999");
    fs::create_dir_all(&live).unwrap();
    let held = lock::lock(&live).unwrap();
    let s = Staging::new(&out, false).unwrap();
    assert!(!stale.exists(), "an unlocked staging folder is a leftover");
    assert!(
        live.exists(),
        "a locked staging folder belongs to a running build"
    );
    assert!(
        lock::is_held(s.dir()),
        "the build holds its own staging folder's lock"
    );
    s.commit().unwrap();
    drop(held);
}

#[test]
fn the_rename_fallback_swaps_and_puts_the_last_site_back_when_it_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join(MARKER), "").unwrap();
    fs::write(out.join("index.html"), "old").unwrap();
    // The fallback itself (Linux exchanges instead): the new site in, the old aside.
    let mut s = Staging::new(&out, false).unwrap();
    s.write("index.html", b"new").unwrap();
    let aside = s.swap_by_renames().unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    assert_eq!(fs::read_to_string(aside.join("index.html")).unwrap(), "old");
    s.committed = true;
    drop(s);
    remove_any(&aside).unwrap();
    // The second rename fails (the staging folder is gone): the last site is put back
    // and the failure reported.
    let mut s = Staging::new(&out, false).unwrap();
    fs::remove_dir_all(s.dir()).unwrap();
    assert!(matches!(s.swap_by_renames(), Err(Error::Io { .. })));
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    drop(s);
    let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "only the output: {left:?}");
}

/// What a destination was asked to do: `serve`'s patch keeps pages it did not rebuild.
#[derive(Default)]
struct Recorder {
    done: Mutex<Vec<String>>,
}

impl Destination for Recorder {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let text = String::from_utf8_lossy(bytes);
        self.done
            .lock()
            .unwrap()
            .push(format!("write {rel} {text}"));
        Ok(())
    }
    fn keep(&self, rel: &str) {
        self.done.lock().unwrap().push(format!("keep {rel}"));
    }
}

#[test]
fn a_destination_keeps_each_pages_index_and_copies_a_tree_file_by_file() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("img")).unwrap();
    fs::write(tmp.path().join("img/a.svg"), "<svg/>").unwrap();
    fs::write(tmp.path().join("b.txt"), "b").unwrap();
    let recorder = Recorder::default();
    recorder.keep_pages(&["qa/x/".into(), String::new()]);
    recorder.copy_tree(tmp.path(), "static").unwrap();
    assert_eq!(
        *recorder.done.lock().unwrap(),
        [
            "keep qa/x/index.html",
            "keep index.html",
            "write static/b.txt b",
            "write static/img/a.svg <svg/>",
        ]
    );
}

/// The build writes through `&dyn Destination`: a staging folder must write and copy
/// for real through it, not only through its own methods.
#[test]
fn a_staging_folder_writes_and_copies_through_the_destination_trait() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("static");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("logo.svg"), "<svg/>").unwrap();
    let s = Staging::new(&tmp.path().join("public"), false).unwrap();
    let dest: &dyn Destination = &s;
    dest.write("qa/x/index.html", b"page").unwrap();
    dest.copy_tree(&src, "static").unwrap();
    assert_eq!(fs::read(s.dir().join("qa/x/index.html")).unwrap(), b"page");
    assert_eq!(
        fs::read(s.dir().join("static/logo.svg")).unwrap(),
        b"<svg/>"
    );
    assert_eq!(s.footprint().files, 3, "the marker, the page, the logo");
}

#[test]
fn claim_makes_a_marked_folder_and_leaves_an_existing_one_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site/public");
    claim(&out).unwrap();
    assert_eq!(fs::read_to_string(out.join(MARKER)).unwrap(), MARKER_TEXT);
    let theirs = tmp.path().join("theirs");
    fs::create_dir_all(&theirs).unwrap();
    claim(&theirs).unwrap();
    assert!(
        !theirs.join(MARKER).exists(),
        "an existing folder is not marked"
    );
}

/// Only a missing folder is made: a path under a regular file fails as the system says
/// (not as `create_dir_all` would, "file exists").
#[test]
fn create_fresh_makes_missing_folders_and_reports_other_failures_as_they_are() {
    let tmp = tempfile::tempdir().unwrap();
    let deep = tmp.path().join("a/b/c.html");
    create_fresh(&deep).unwrap();
    assert!(deep.is_file());
    let err = create_fresh(&deep).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    let file = tmp.path().join("file");
    fs::write(&file, "x").unwrap();
    let err = create_fresh(&file.join("child")).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::NotADirectory);
}

/// Only a clash with an existing file is rewritten; any other failure to create is
/// reported as it is (here: a path naming a folder).
#[test]
fn a_write_that_cannot_create_its_file_reports_why() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Staging::new(&tmp.path().join("public"), false).unwrap();
    match s.write("qa/", b"x") {
        Err(Error::Io { source, .. }) => {
            assert_eq!(source.kind(), io::ErrorKind::IsADirectory, "{source}")
        }
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

/// A previous output set aside by a killed fallback swap goes back only when there is
/// no output; beside a good output it is a leftover, removed.
#[test]
fn a_set_aside_site_beside_a_good_output_is_removed_not_put_back() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join(MARKER), "").unwrap();
    fs::write(out.join("index.html"), "current").unwrap();
    let aside = tmp.path().join(".public.cairn-old-4000000000");
    fs::create_dir_all(&aside).unwrap();
    fs::write(aside.join("index.html"), "older").unwrap();
    let s = Staging::new(&out, false).unwrap();
    assert!(!aside.exists());
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap(),
        "current"
    );
    drop(s);
}

#[test]
fn remove_any_removes_files_and_folders_accepts_gone_and_reports_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("file");
    fs::write(&file, "x").unwrap();
    remove_any(&file).unwrap();
    assert!(!file.exists());
    let dir = tmp.path().join("dir");
    fs::create_dir_all(dir.join("sub")).unwrap();
    remove_any(&dir).unwrap();
    assert!(!dir.exists());
    remove_any(&dir).expect("gone already is fine");
    fs::write(&file, "x").unwrap();
    match remove_any(&file.join("child")) {
        Err(Error::Io { source, .. }) => {
            assert_eq!(source.kind(), io::ErrorKind::NotADirectory)
        }
        other => panic!("expected an I/O error, got {other:?}"),
    }
}

/// The largest file is the same whatever order threads write in: of two of one size,
/// the first by path.
#[test]
fn the_largest_file_of_a_tie_is_the_first_by_path() {
    let tmp = tempfile::tempdir().unwrap();
    for order in [
        ["b/index.html", "a/index.html"],
        ["a/index.html", "b/index.html"],
    ] {
        let s = Staging::new(&tmp.path().join("public"), false).unwrap();
        s.write("small.txt", b"x").unwrap();
        for rel in order {
            s.write(rel, b"same size").unwrap();
        }
        assert_eq!(s.footprint().largest, Some(("a/index.html".into(), 9)));
    }
}
