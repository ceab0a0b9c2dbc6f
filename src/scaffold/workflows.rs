//! Beside the build, for `cairn init`: the CI file that publishes a new site in one step
//! (issue #18): a GitHub Actions workflow for GitHub Pages, or a `.gitlab-ci.yml` for
//! GitLab Pages. Each fetches cairn as a prebuilt binary of the version that wrote it,
//! from the releases that `.github/workflows/release.yml` makes on a version tag.

use clap::ValueEnum;

/// Which CI `cairn init --ci` writes a publishing workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ci {
    /// `.github/workflows/cairn.yml`: build on every push to the default branch, publish
    /// to GitHub Pages.
    Github,
    /// `.gitlab-ci.yml`: a `pages` job that publishes to GitLab Pages.
    Gitlab,
    /// No CI file.
    None,
}

/// Where cairn's releases live (`owner/name` on GitHub): Cargo.toml's `repository`,
/// so a fork that publishes its own releases changes one line; a site changes
/// `CAIRN_REPO` in its CI file (GitLab: or sets it as a CI/CD variable).
pub fn release_repo() -> &'static str {
    env!("CARGO_PKG_REPOSITORY")
        .trim_start_matches("https://github.com/")
        .trim_end_matches('/')
}

/// The release archive of the Linux binary both CI files fetch (release.yml's name).
pub const LINUX_ARCHIVE: &str = "cairn-x86_64-unknown-linux-gnu.tar.gz";

/// The file `ci` writes, relative to the site's root, with its text (none for `None`).
pub fn workflow(ci: Ci) -> Option<(&'static str, String)> {
    let version = env!("CARGO_PKG_VERSION");
    let fill = |text: &str| {
        text.replace("{version}", version)
            .replace("{repo}", release_repo())
            .replace("{archive}", LINUX_ARCHIVE)
    };
    match ci {
        Ci::Github => Some((".github/workflows/cairn.yml", fill(GITHUB))),
        Ci::Gitlab => Some((".gitlab-ci.yml", fill(GITLAB))),
        Ci::None => None,
    }
}

// Why a prebuilt binary and not `cargo install`: a moderator edits Markdown in the
// browser and wants the site a minute later; compiling cairn takes the runner ~5 minutes
// every push. Why `--base-url` from the host: the address a project site gets
// (`https://owner.github.io/repo/`) is only known to the host, and a wrong base_url
// breaks every link; site.yaml's stays the one for local builds.
const GITHUB: &str = r#"# Written by `cairn init`: on every push to the default branch, builds the site with
# cairn {version} and publishes it to GitHub Pages. Once, in the repository's
# Settings → Pages, set "Source" to "GitHub Actions". To use another cairn release,
# change CAIRN_VERSION (and CAIRN_REPO, the GitHub owner/name that publishes it).
name: Publish the site
on:
  push:
    branches: [main, master]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
# One publish at a time; a newer push waits rather than cancelling a half-done deploy.
concurrency:
  group: pages
  cancel-in-progress: false
env:
  CAIRN_VERSION: "{version}"
  CAIRN_REPO: "{repo}"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Get cairn
        run: |
          url="https://github.com/${CAIRN_REPO}/releases/download/v${CAIRN_VERSION}/{archive}"
          curl --fail --location --silent --show-error "$url" | tar -xz -C "$RUNNER_TEMP"
          echo "$RUNNER_TEMP" >> "$GITHUB_PATH"
      - id: pages
        uses: actions/configure-pages@v5
      - name: Build
        env:
          BASE_URL: ${{ steps.pages.outputs.base_url }}
        run: cairn build --base-url "$BASE_URL"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;

const GITLAB: &str = r#"# Written by `cairn init --ci gitlab`: on every push to the default branch, builds the
# site with cairn {version} and publishes it to GitLab Pages (the `pages` job and its
# `public` folder are what GitLab publishes). To use another cairn release, change
# CAIRN_VERSION (or set the CI/CD variable CAIRN_REPO to its owner/name on GitHub).
pages:
  image: debian:bookworm-slim
  variables:
    CAIRN_VERSION: "{version}"
  script:
    - apt-get update -qq && apt-get install -y -qq curl ca-certificates > /dev/null
    - url="https://github.com/${CAIRN_REPO:-{repo}}/releases/download/v${CAIRN_VERSION}/{archive}"
    - curl --fail --location --silent --show-error "$url" | tar -xz -C /usr/local/bin
    - cairn build --base-url "$CI_PAGES_URL"
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_ci_file_fetches_this_version_from_the_release_repo() {
        for ci in [Ci::Github, Ci::Gitlab] {
            let (path, text) = workflow(ci).unwrap();
            assert!(text.contains(env!("CARGO_PKG_VERSION")), "{path}");
            assert!(text.contains(release_repo()), "{path}");
            assert!(text.contains(LINUX_ARCHIVE), "{path}");
            assert!(
                !text.contains("{version}") && !text.contains("{repo}"),
                "{path}"
            );
        }
        assert!(workflow(Ci::None).is_none());
        assert_eq!(release_repo().split('/').count(), 2, "{}", release_repo());
    }
}
