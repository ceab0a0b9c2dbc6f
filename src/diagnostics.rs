//! Below every stage: every problem a build finds, located at file:line:col, with the
//! source line, a caret and a hint. Stages push into a `Diagnostics` list instead
//! of returning early, so one build reports everything at once.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{Arg, Catalogue, Lang};

/// How bad a problem is: errors fail the build, warnings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file, 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One located problem. Boxed, so results that carry one stay small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic(Box<Located>);

/// The parts of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub severity: Severity,
    /// Path relative to the site root, as the moderator knows it.
    pub file: PathBuf,
    pub position: Position,
    /// How many characters the caret underlines (at least one).
    pub width: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The offending source line, copied so the report needs no file access; a long
    /// line is cut to a window around the column, marked with `…`.
    pub source_line: Option<String>,
    /// The 1-based column of the caret within `source_line`.
    pub source_column: usize,
    /// The stable code of a problem the catalogues word (`unknown-field`): the same in
    /// every language, printed as `error[unknown-field]`, so a report can be looked up.
    pub code: Option<&'static str>,
    /// The message as the catalogues word it (`diag-<code>`), printed in the
    /// moderator's language; `message` keeps the English.
    pub said: Option<Said>,
    /// The hint as the catalogues word it (`diag-<key>`), and notes added after it.
    pub hint_said: Option<Said>,
    pub hint_notes: Vec<Said>,
}

/// A message of the catalogues (`diag-<key>` in `messages/*.ftl`) with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Said {
    pub fn new(key: &'static str, args: &[(&'static str, &str)]) -> Said {
        let args = args.iter().map(|(k, v)| (*k, v.to_string())).collect();
        Said { key, args }
    }

    /// The message in English, the `message` of a diagnostic.
    pub fn in_english(&self) -> String {
        self.in_lang(Lang::En)
    }

    /// The message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, Arg::from(v.as_str())))
            .collect();
        Catalogue::of(lang).say(&format!("diag-{}", self.key), &args)
    }
}

impl Diagnostic {
    pub fn error(file: &Path, message: impl Into<String>) -> Self {
        Diagnostic(Box::new(Located {
            severity: Severity::Error,
            file: file.to_path_buf(),
            position: Position::default(),
            width: 1,
            message: message.into(),
            hint: None,
            source_line: None,
            source_column: 1,
            code: None,
            said: None,
            hint_said: None,
            hint_notes: Vec::new(),
        }))
    }

    /// An error the catalogues word: `diag-<code>` with `args` (the English text is
    /// its `message`, the moderator's language is chosen when it is printed).
    pub fn error_said(file: &Path, code: &'static str, args: &[(&'static str, &str)]) -> Self {
        let said = Said::new(code, args);
        let mut d = Diagnostic::error(file, said.in_lang(Lang::En));
        d.code = Some(code);
        d.said = Some(said);
        d
    }

    /// An error the catalogues word, from a `Said` made before the file was known (a
    /// YAML problem): its key is the code.
    pub fn error_of(file: &Path, said: Said) -> Self {
        let mut d = Diagnostic::error(file, said.in_lang(Lang::En));
        d.code = Some(said.key);
        d.said = Some(said);
        d
    }

    /// A hint the catalogues word, from a `Said` made earlier.
    pub fn with_hint_of(mut self, said: Said) -> Self {
        self.hint = Some(said.in_lang(Lang::En));
        self.hint_said = Some(said);
        self
    }

    /// `error_said`, as a warning.
    pub fn warning_said(file: &Path, code: &'static str, args: &[(&'static str, &str)]) -> Self {
        let mut d = Diagnostic::error_said(file, code, args);
        d.severity = Severity::Warning;
        d
    }

    /// A hint the catalogues word: `diag-<key>` with `args`.
    pub fn with_hint_said(mut self, key: &'static str, args: &[(&'static str, &str)]) -> Self {
        let said = Said::new(key, args);
        self.hint = Some(said.in_lang(Lang::En));
        self.hint_said = Some(said);
        self
    }

    pub fn warning(file: &Path, message: impl Into<String>) -> Self {
        let mut d = Diagnostic::error(file, message);
        d.severity = Severity::Warning;
        d
    }

    /// Points the diagnostic at `position` in `text` (the whole file) and copies that line.
    pub fn at(self, text: &str, position: Position, width: usize) -> Self {
        let line = text.lines().nth(position.line.saturating_sub(1));
        self.on_line(line, position, width)
    }

    /// Points the diagnostic at `position`, given only the text of that line (for a
    /// file too large to keep, such as a chat export).
    pub fn on_line(mut self, line: Option<&str>, position: Position, width: usize) -> Self {
        self.position = position;
        self.width = width.max(1);
        let (line, column) = line.map_or((None, 1), |l| {
            let (cut, column) = window(l.trim_end_matches('\r'), position.column);
            (Some(cut), column)
        });
        self.source_line = line;
        self.source_column = column;
        self
    }

    /// Points the diagnostic at byte range `start..end` of `text`.
    pub fn at_offset(self, text: &str, start: usize, end: usize) -> Self {
        let position = Position::of_offset(text, start);
        let end = floor_char_boundary(text, end.min(text.len()));
        let start = floor_char_boundary(text, start.min(end));
        let span = &text[start..end];
        let width = span.split('\n').next().unwrap_or("").chars().count();
        self.at(text, position, width)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self.hint_said = None;
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self.hint_said = None;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::ops::Deref for Diagnostic {
    type Target = Located;
    fn deref(&self) -> &Located {
        &self.0
    }
}

impl std::ops::DerefMut for Diagnostic {
    fn deref_mut(&mut self) -> &mut Located {
        &mut self.0
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // In the process's language (`messages::choose`): cairn's own words; the
        // file, line, source and caret are the moderator's and stay as written.
        // A problem the catalogues do not word yet (no `said`) stays wholly English,
        // label and all, rather than half translated.
        let lang = match self.said {
            Some(_) => crate::messages::lang(),
            None => Lang::En,
        };
        let words = Catalogue::of(lang);
        let label = words.say(
            match self.severity {
                Severity::Error => "diag-label-error",
                Severity::Warning => "diag-label-warning",
            },
            &[],
        );
        let message = match &self.said {
            Some(said) if lang != Lang::En => said.in_lang(lang),
            _ => self.message.clone(),
        };
        match self.code {
            Some(code) => writeln!(f, "{label}[{code}]: {message}")?,
            None => writeln!(f, "{label}: {message}")?,
        }
        let file = self.file.display().to_string().replace('\\', "/");
        if self.position.line == 0 {
            writeln!(f, "  --> {file}")?;
        } else {
            writeln!(
                f,
                "  --> {file}:{}:{}",
                self.position.line, self.position.column
            )?;
        }
        if let Some(line) = &self.source_line {
            let number = self.position.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {line}")?;
            // The caret sits under the column, counting wide (CJK) characters as two cells.
            let lead: usize = line
                .chars()
                .take(self.source_column.saturating_sub(1))
                .map(display_width)
                .sum();
            let under: usize = line
                .chars()
                .skip(self.source_column.saturating_sub(1))
                .take(self.width)
                .map(display_width)
                .sum();
            writeln!(
                f,
                "{pad} | {}{}",
                " ".repeat(lead),
                "^".repeat(under.max(1))
            )?;
        }
        // In Chinese a note follows the hint in its own full-width brackets.
        let hint = match &self.hint_said {
            Some(said) if lang != Lang::En => Some(
                std::iter::once(said.in_lang(lang))
                    .chain(self.hint_notes.iter().map(|note| note.in_lang(lang)))
                    .collect::<String>(),
            ),
            _ => self.hint.clone(),
        };
        if let Some(hint) = hint {
            let label = words.say("diag-label-hint", &[]);
            writeln!(f, "  = {label}: {hint}")?;
        }
        Ok(())
    }
}

/// Characters of a source line shown before and after the column at most.
const CONTEXT_BEFORE: usize = 60;
const CONTEXT_AFTER: usize = 100;

/// `line`, cut to a window around 1-based `column` when long, and the column within
/// the cut. A minified or pasted 20 MB line must not be copied (and printed) whole
/// for each of its problems.
fn window(line: &str, column: usize) -> (String, usize) {
    let skip = column.saturating_sub(1 + CONTEXT_BEFORE);
    let mut chars = line.chars().skip(skip);
    let mut cut: String = chars
        .by_ref()
        .take(CONTEXT_BEFORE + CONTEXT_AFTER)
        .collect();
    let mut column = column - skip;
    if skip > 0 {
        cut.insert(0, '…');
        column += 1;
    }
    if chars.next().is_some() {
        cut.push('…');
    }
    (cut, column.max(1))
}

/// Terminal cells a character takes: East Asian wide characters take two.
fn display_width(c: char) -> usize {
    let cp = c as u32;
    let wide = matches!(cp,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if c == '\t' {
        4
    } else if wide {
        2
    } else {
        1
    }
}

/// All problems of one build, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(other);
    }

    /// Adds the note `diag-<key>` with `args` to the hint of the first error in `file`
    /// (nothing when the file has no error), e.g. how many other files depend on it.
    pub fn add_to_hint(&mut self, file: &Path, key: &'static str, args: &[(&'static str, &str)]) {
        let in_file = |d: &&mut Diagnostic| d.file == file;
        let errors = self.list.iter_mut().filter(in_file).find(|d| d.is_error());
        let Some(found) = errors else { return };
        let note = Said::new(key, args);
        match found.hint.take() {
            Some(hint) => {
                found.hint = Some(format!("{hint}; {}", note.in_english()));
                found.hint_notes.push(note);
            }
            // The note is the whole hint.
            None => {
                found.hint = Some(note.in_english());
                found.hint_said = Some(note);
            }
        }
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter().filter(|d| !d.is_error())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Sorts by file, then position, so reports read top to bottom whatever the thread order.
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.message)
                .cmp(&(&b.file, b.position, b.severity, &b.message))
        });
        self.list.dedup();
    }

    /// "3 errors, 1 warning in 2 files".
    pub fn summary(&self) -> String {
        let errors = self.errors().count();
        let warnings = self.warnings().count();
        let mut files: Vec<&PathBuf> = self.list.iter().map(|d| &d.file).collect();
        files.sort();
        files.dedup();
        crate::messages::say(
            "summary",
            &[
                ("errors", errors.into()),
                ("warnings", warnings.into()),
                ("files", files.len().into()),
            ],
        )
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

/// The closest candidate to a misspelt name, for "did you mean" hints.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wrong, c), c))
        .filter(|(distance, c)| *distance <= (c.chars().count().max(3) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_as_a_window_with_the_caret_in_place() {
        let text = format!("{}@nobody{}", "x".repeat(1_000_000), "y".repeat(1_000_000));
        let d =
            Diagnostic::error(Path::new("a.md"), "unknown").at_offset(&text, 1_000_000, 1_000_007);
        assert_eq!(
            d.position,
            Position {
                line: 1,
                column: 1_000_001
            }
        );
        let line = d.source_line.as_deref().unwrap();
        assert_eq!(line.chars().count(), CONTEXT_BEFORE + CONTEXT_AFTER + 2);
        let shown = d.to_string();
        assert!(shown.contains("a.md:1:1000001"), "{shown}");
        let caret = shown.lines().find(|l| l.contains('^')).unwrap();
        let source = shown.lines().find(|l| l.contains("@nobody")).unwrap();
        let at = |l: &str, c: char| l.chars().position(|x| x == c);
        assert_eq!(at(caret, '^'), at(source, '@'), "{shown}");
        assert_eq!(caret.matches('^').count(), 7);
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "---\ntitle: 你好\nasked_by: lsii\n";
        let at = text.find("lsii").unwrap();
        assert_eq!(
            Position::of_offset(text, at),
            Position {
                line: 3,
                column: 11
            }
        );
        let at = text.find("你").unwrap() + 3;
        assert_eq!(
            Position::of_offset(text, at),
            Position { line: 2, column: 9 }
        );
    }

    #[test]
    fn report_shows_line_and_caret() {
        let text = "---\nasked_by: lsii\n---\n";
        let start = text.find("lsii").unwrap();
        let d = Diagnostic::error(Path::new("content/qa/a.md"), "unknown member `lsii`")
            .at_offset(text, start, start + 4)
            .with_hint("did you mean `lisi`?");
        let shown = d.to_string();
        assert!(shown.contains("content/qa/a.md:2:11"), "{shown}");
        assert!(
            shown.contains("2 | asked_by: lsii\n  |           ^^^^\n"),
            "{shown}"
        );
        assert!(shown.contains("hint: did you mean `lisi`?"));
    }

    #[test]
    fn suggestions_are_close_names_only() {
        let names = ["lisi", "zhangwei", "wangfang"];
        assert_eq!(did_you_mean("lsii", names), Some("lisi"));
        assert_eq!(did_you_mean("zhangwie", names), Some("zhangwei"));
        assert_eq!(did_you_mean("qwerty", names), None);
    }
}
