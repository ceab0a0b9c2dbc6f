//! Knowing the host (`deploy.host` in site.yaml, docs/DEPLOY.md): `build` and `check`
//! warn, with figures and at the key, when the output passes the host's limits, and
//! still build. The limits of each host, just under and over, are unit tests in
//! `src/deploy/tests.rs`; here, the whole way from site.yaml to the terminal.

use super::SiteTest;

/// The small fixture, published on `host`, with a picture of `mib` MiB in static/.
fn site_on(host: &str, mib: usize) -> SiteTest {
    let site = SiteTest::new("small");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let site = site.file("site.yaml", &format!("{config}deploy:\n  host: {host}\n"));
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::fs::write(site.root().join("static/big.png"), vec![0u8; mib << 20]).unwrap();
    site
}

#[test]
fn a_file_over_the_hosts_limit_is_a_warning_at_deploy_host_with_the_figures() {
    let site = site_on("cloudflare-pages", 26);
    let built = site.build().success();
    let report = built.report();
    assert!(
        report.contains(
            "warning[host-file-too-large]: `static/big.png` is 26.0 MiB and Cloudflare Pages takes files of at most 25.0 MiB"
        ),
        "{report}"
    );
    let line = std::fs::read_to_string(site.root().join("site.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.contains("cloudflare-pages"))
        .unwrap()
        + 1;
    assert!(report.contains(&format!("site.yaml:{line}:9")), "{report}");
    assert!(
        built.out.join("static/big.png").is_file(),
        "the site is still built"
    );
    // `check` says the same, from the output it would write.
    let checked = site.run(&["check".into(), "--now".into(), super::NOW.into()]);
    assert!(
        checked
            .report()
            .contains("Cloudflare Pages takes files of at most"),
        "{}",
        checked.report()
    );
}

#[test]
fn within_the_limits_or_on_a_host_without_any_there_is_no_warning() {
    for (host, mib) in [
        ("cloudflare-pages", 24),
        ("github-pages", 30),
        ("netlify", 30),
    ] {
        let report = site_on(host, mib).build().success().report();
        assert!(
            !report.contains("takes files of at most"),
            "{host}: {report}"
        );
        assert!(!report.contains("publishes at most"), "{host}: {report}");
    }
}

#[test]
fn an_unknown_host_is_a_located_error() {
    let report = site_on("github", 0).build().content_errors().report();
    assert!(report.contains("site.yaml:"), "{report}");
    assert!(report.contains("github-pages"), "{report}");
}
