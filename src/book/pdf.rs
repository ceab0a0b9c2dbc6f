//! Books, the PDF: the print edition printed by a headless Chromium (or Chrome) run as
//! a subprocess, the browser cairn's tests use. `CAIRN_CHROMIUM` names one; otherwise
//! the usual names are looked up on `PATH`. No browser is a usage error saying how to
//! get one, never a silent skip.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The names a Chromium-family browser is installed under.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The browser to print with, if one is installed.
pub fn browser() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("CAIRN_CHROMIUM") {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| BROWSERS.iter().map(move |b| dir.join(b)))
        .find(|p| p.is_file())
}

/// Prints the HTML file `html` to the PDF file `pdf`.
pub fn print(html: &Path, pdf: &Path) -> Result<(), crate::Error> {
    let Some(browser) = browser() else {
        return Err(crate::Error::Usage(crate::messages::say_with_hint(
            "book-no-browser",
            &[],
            "book-no-browser-hint",
        )));
    };
    let html = std::path::absolute(html).map_err(|e| crate::Error::io(html, e))?;
    let pdf_abs = std::path::absolute(pdf).map_err(|e| crate::Error::io(pdf, e))?;
    // A profile of its own: a browser the user has open must not take the job over.
    let profile = tempfile_dir()?;
    let output = Command::new(&browser)
        .arg("--headless")
        .arg("--no-sandbox")
        .arg("--disable-gpu")
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf_abs.display()))
        .arg(format!("file://{}", html.display()))
        .output();
    let _ = std::fs::remove_dir_all(&profile);
    let output = output.map_err(|e| crate::Error::io(&browser, e))?;
    if !output.status.success() || !pdf_abs.is_file() {
        let args = [
            ("browser", browser.display().to_string().into()),
            ("path", html.display().to_string().into()),
            (
                "error",
                String::from_utf8_lossy(&output.stderr).trim().into(),
            ),
        ];
        return Err(crate::Error::Usage(crate::messages::say_with_hint(
            "book-print-failed",
            &args,
            "book-print-failed-hint",
        )));
    }
    Ok(())
}

fn tempfile_dir() -> Result<PathBuf, crate::Error> {
    let dir = std::env::temp_dir().join(format!("cairn-book-chromium-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| crate::Error::io(&dir, e))?;
    Ok(dir)
}
