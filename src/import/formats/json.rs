//! Import, reading JSON exports as a stream: one message deserialized at a time, handed
//! to the sink and dropped, so an export of a million messages needs no more memory
//! than the session being imported. A reader stops early by returning `STOP`.

use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::de::DeserializeSeed;

use crate::diagnostics::Said;
use crate::import::ImportError;

/// The error a visitor raises to end reading once the sink has what it needs.
pub const STOP: &str = "cairn-import-stop";

/// Runs `seed` over the JSON file at `path`; a syntax error is located with its line.
pub fn stream<'de, S: DeserializeSeed<'de, Value = ()>>(
    path: &Path,
    seed: S,
    what: &str,
) -> Result<(), ImportError> {
    let file = std::fs::File::open(path).map_err(|e| ImportError::read(path, e))?;
    let reader = BufReader::with_capacity(1 << 20, file);
    let mut de = serde_json::Deserializer::from_reader(reader);
    match seed.deserialize(&mut de) {
        Ok(()) => Ok(()),
        Err(e) if e.to_string().starts_with(STOP) => Ok(()),
        Err(e) => Err(located(path, &e, Some(what))),
    }
}

/// A serde_json error as a located report, with the offending line read back.
pub fn located(path: &Path, e: &serde_json::Error, what: Option<&str>) -> ImportError {
    if e.is_io() {
        return ImportError::read(path, std::io::Error::other(e.to_string()));
    }
    let (line, column) = (e.line().max(1), e.column().max(1));
    let text = read_line(path, line).unwrap_or_default();
    let detail = strip_position(&e.to_string());
    let message = Said::new("import-unreadable", &[("detail", &detail)]);
    let hint = match (e.is_syntax() || e.is_eof(), what) {
        (true, Some(what)) => Said::new("import-hint-not-json", &[("what", what)]),
        (true, None) => Said::new("import-hint-not-json-chat", &[]),
        (false, Some(what)) => Said::new("import-hint-not-this-format", &[("what", what)]),
        (false, None) => Said::new("import-hint-not-this-format-chat", &[]),
    };
    ImportError::broken(path, line, column, &text, message, hint)
}

/// serde_json ends its messages with " at line L column C", which the report shows already.
pub fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Line `n` (1-based) of a file, at most 64 KiB of it (a minified export is one line).
pub fn read_line(path: &Path, n: usize) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let mut reader = BufReader::new(file);
    let mut buf = Vec::new();
    for _ in 0..n {
        buf.clear();
        // Long lines are read whole only up to the cap; the rest is skipped.
        let mut limited = (&mut reader).take(64 * 1024);
        if limited.read_until(b'\n', &mut buf).ok()? == 0 {
            return None;
        }
        if !buf.ends_with(b"\n") {
            reader.skip_until(b'\n').ok()?;
        }
    }
    Some(String::from_utf8_lossy(&buf).into_owned())
}

use std::io::Read as _;
