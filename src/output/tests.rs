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
