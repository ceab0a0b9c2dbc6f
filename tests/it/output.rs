//! The output folder: atomic swaps, untouched last good site, determinism, safety.

use crate::{SiteTest, snapshot_tree};

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let site = SiteTest::new("small");
    let built = site.build().success();
    let before = snapshot_tree(&built.out);
    let site = site.file(
        "content/qa/2024-05-01-bad.md",
        "---\ntitle: X\nasked_by: nobody\n---\n",
    );
    let failed = site.build().content_errors();
    assert_eq!(snapshot_tree(&failed.out), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("cairn-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn same_input_and_now_give_identical_trees() {
    let a = SiteTest::new("small").build().success();
    let b = SiteTest::new("small").build().success();
    assert_eq!(snapshot_tree(&a.out), snapshot_tree(&b.out));
}

#[test]
fn a_folder_cairn_did_not_make_is_not_replaced() {
    let site = SiteTest::new("small").file("public/notes.txt", "my notes");
    let built = site.build();
    assert_eq!(built.output.status.code(), Some(2));
    assert!(
        built.stderr().contains("refusing to replace"),
        "{}",
        built.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("public/notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn out_flag_writes_elsewhere() {
    let site = SiteTest::new("small");
    let out = site.root().join("elsewhere");
    let site = site.arg("--out").arg(out.to_str().unwrap());
    let built = site.build().success();
    assert!(built.out.join("index.html").is_file());
    assert!(!site.root().join("public").exists());
}

#[test]
fn force_over_a_regular_file_replaces_it_and_leaves_nothing_beside() {
    let site = SiteTest::new("small").file("site-out", "a file where the output goes");
    let out = site.root().join("site-out");
    let site = site.arg("--out").arg(out.to_str().unwrap()).arg("--force");
    let leftovers = || -> Vec<String> {
        std::fs::read_dir(site.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("cairn-"))
            .collect()
    };
    let built = site.build().success();
    assert!(built.out.join("index.html").is_file());
    assert_eq!(leftovers(), Vec::<String>::new(), "the replaced file");
    // And again, over the folder it now is.
    site.build().success();
    assert_eq!(leftovers(), Vec::<String>::new());
}
