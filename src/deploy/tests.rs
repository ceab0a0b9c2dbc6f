//! The limits of each host, just under and just over each one.

use super::*;

fn footprint(files: usize, bytes: u64, largest: u64) -> Footprint {
    Footprint {
        files,
        bytes,
        largest: Some(("archive/index.html".into(), largest)),
    }
}

#[test]
fn github_pages_takes_1_gb_and_files_under_100_mib() {
    let l = limits(Host::GithubPages).unwrap();
    assert!(passed(&l, &footprint(500_000, GB, 100 * MIB)).is_empty());
    assert_eq!(
        passed(&l, &footprint(500_000, GB + 1, 100 * MIB + 1)),
        [
            "the output is 1.00 GB and GitHub Pages publishes at most 1.00 GB",
            "`archive/index.html` is 100.0 MiB and GitHub Pages takes files of at most 100.0 MiB"
        ]
    );
}

#[test]
fn gitlab_pages_takes_1_gb_and_200000_files() {
    let l = limits(Host::GitlabPages).unwrap();
    assert!(passed(&l, &footprint(200_000, GB, 900 * MIB)).is_empty());
    assert_eq!(
        passed(&l, &footprint(217_824, 2_470_000_000, 900 * MIB)),
        [
            "the output is 2.47 GB and GitLab Pages publishes at most 1.00 GB",
            "the output has 217,824 files and GitLab Pages takes at most 200,000"
        ]
    );
}

#[test]
fn cloudflare_pages_takes_20000_files_of_25_mib() {
    let l = limits(Host::CloudflarePages).unwrap();
    assert!(passed(&l, &footprint(20_000, 50 * GB, 25 * MIB)).is_empty());
    assert_eq!(
        passed(&l, &footprint(25_986, 310_000_000, 26 * MIB)),
        [
            "the output has 25,986 files and Cloudflare Pages takes at most 20,000",
            "`archive/index.html` is 26.0 MiB and Cloudflare Pages takes files of at most 25.0 MiB"
        ]
    );
}

#[test]
fn netlify_and_other_hosts_have_no_limits_to_check() {
    assert_eq!(limits(Host::Netlify), None);
    assert_eq!(limits(Host::Other), None);
    let huge = footprint(10_000_000, 100 * GB, 10 * GB);
    assert!(host_warnings(Path::new("/nonexistent"), Host::Other, &huge).is_empty());
}

#[test]
fn figures_read_as_hosts_write_them() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1,000");
    assert_eq!(thousands(1_234_567), "1,234,567");
    assert_eq!(decimal(310_000_000), "310.0 MB");
    assert_eq!(binary(MIB / 2), "0.5 MiB");
}

#[test]
fn a_warning_points_at_the_host_in_site_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("site.yaml"),
        "title: t\ndeploy:\n  host: cloudflare-pages\n",
    )
    .unwrap();
    let found = host_warnings(tmp.path(), Host::CloudflarePages, &footprint(20_001, 1, 1));
    assert_eq!(found.len(), 1);
    let shown = found[0].to_string();
    assert!(shown.contains("site.yaml:3:9"), "{shown}");
    assert!(shown.contains("20,001 files"), "{shown}");
}

/// The name a warning points at is the one site.yaml spells: each host's name reads
/// back as that host through the configuration's own deserializer.
#[test]
fn each_hosts_name_is_its_spelling_in_site_yaml() {
    use serde::Deserialize;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as ValueError, StrDeserializer};
    for host in [
        Host::GithubPages,
        Host::GitlabPages,
        Host::CloudflarePages,
        Host::Netlify,
        Host::Other,
    ] {
        let name: StrDeserializer<ValueError> = host_name(host).into_deserializer();
        assert_eq!(Host::deserialize(name), Ok(host), "{}", host_name(host));
    }
}
