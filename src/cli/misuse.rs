//! Part of the command line, before any stage: a command line clap cannot parse (an
//! unknown command or option, a value not allowed or refused, two options that cannot
//! go together, a missing argument), said in the
//! moderator's language. clap words its errors in English only; for the kinds a
//! moderator meets, the `clap-error-*` messages of the help catalogues say them
//! instead, from the facts clap's error carries. Other kinds keep clap's text.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

use crate::messages::{Arg, Catalogue, Lang};

/// The report of `error` in `lang`, or `None` to let clap print its own (English, or a
/// kind without words of its own: `--help` and `--version` are "errors" too).
pub fn said(error: &Error, lang: Lang) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    let words = Catalogue::help(lang);
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let say = |key: &str, args: &[(&str, Option<String>)]| -> Option<String> {
        let args: Option<Vec<(&str, Arg)>> = args
            .iter()
            .map(|(name, value)| Some((*name, Arg::from(value.clone()?))))
            .collect();
        Some(words.say(key, &args?))
    };
    let (message, tip) = match error.kind() {
        ErrorKind::InvalidSubcommand => (
            say(
                "clap-error-command",
                &[("name", text(ContextKind::InvalidSubcommand))],
            )?,
            say(
                "clap-error-did-you-mean",
                &[("near", text(ContextKind::SuggestedSubcommand))],
            ),
        ),
        ErrorKind::UnknownArgument => (
            say(
                "clap-error-option",
                &[("name", text(ContextKind::InvalidArg))],
            )?,
            say(
                "clap-error-did-you-mean",
                &[("near", text(ContextKind::SuggestedArg))],
            ),
        ),
        ErrorKind::InvalidValue => (
            say(
                "clap-error-value",
                &[
                    ("value", text(ContextKind::InvalidValue)),
                    ("name", text(ContextKind::InvalidArg)),
                ],
            )?,
            say(
                "clap-error-values",
                &[("values", text(ContextKind::ValidValue))],
            ),
        ),
        // A value its parser refused (`--now next-week`, `--port x`): the parser's own
        // reason follows, in the language when it is cairn's.
        ErrorKind::ValueValidation => (
            say(
                "clap-error-invalid",
                &[
                    ("value", text(ContextKind::InvalidValue)),
                    ("name", text(ContextKind::InvalidArg)),
                    (
                        "detail",
                        std::error::Error::source(error).map(|e| e.to_string()),
                    ),
                ],
            )?,
            None,
        ),
        ErrorKind::ArgumentConflict => (
            say(
                "clap-error-conflict",
                &[
                    ("name", text(ContextKind::InvalidArg)),
                    ("other", text(ContextKind::PriorArg)),
                ],
            )?,
            None,
        ),
        ErrorKind::MissingRequiredArgument => (
            say(
                "clap-error-missing",
                &[("names", text(ContextKind::InvalidArg))],
            )?,
            None,
        ),
        _ => return None,
    };
    let label = Catalogue::of(lang).say("diag-label-error", &[]);
    let mut out = format!("{label}: {message}\n");
    if let Some(tip) = tip {
        out.push_str(&format!("\n  {tip}\n"));
    }
    // clap's usage line, with its heading in the language.
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n{}{usage}\n", words.say("clap-usage", &[])));
    }
    out.push_str(&format!("\n{}\n", words.say("clap-error-more", &[])));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn misuse(args: &[&str], lang: Lang) -> String {
        let command = crate::cli::help::localized(crate::cli::Cli::command(), lang);
        let error = command
            .try_get_matches_from(args.iter().copied())
            .expect_err("the command line is wrong");
        said(&error, lang).unwrap_or_else(|| error.to_string())
    }

    #[test]
    fn a_wrong_command_line_is_said_in_the_language() {
        let typo = misuse(&["cairn", "buidl"], Lang::ZhCn);
        assert!(typo.starts_with("错误: 没有 `buidl` 这个命令"), "{typo}");
        assert!(
            typo.contains("`buidl`") && typo.contains("`build`"),
            "{typo}"
        );
        assert!(typo.contains("用法：cairn"), "{typo}");
        assert!(!typo.contains("Usage") && !typo.contains("tip"), "{typo}");
        let option = misuse(&["cairn", "build", "--draft"], Lang::ZhTw);
        assert!(
            option.contains("`--draft`") && option.contains("`--drafts`"),
            "{option}"
        );
        assert!(option.contains("未知的選項"), "{option}");
        let value = misuse(&["cairn", "build", "--color", "blue"], Lang::ZhCn);
        assert!(
            value.contains("`blue`") && value.contains("auto、always、never"),
            "{value}"
        );
        let missing = misuse(&["cairn", "import"], Lang::ZhTw);
        assert!(missing.contains("<EXPORT>"), "{missing}");
        assert!(missing.contains("缺少"), "{missing}");
        let refused = misuse(&["cairn", "build", "--now", "next-week"], Lang::ZhCn);
        // The parser's reason follows; it is in the process's language, English here
        // (tests/it/language.rs reads it in Chinese from the binary).
        assert!(
            refused.contains("`next-week` 不能用作 `--now <NOW>`：`next-week` is not a date"),
            "{refused}"
        );
        let port = misuse(&["cairn", "serve", "--port", "eighty"], Lang::ZhTw);
        assert!(port.contains("`eighty` 不能用作 `--port <PORT>`"), "{port}");
        let both = misuse(
            &[
                "cairn",
                "digest",
                "--week",
                "2026-W10",
                "--since",
                "2026-03-01",
            ],
            Lang::ZhTw,
        );
        assert!(both.contains("不能和") && both.contains("一起用"), "{both}");
        // English stays clap's own.
        let english = misuse(&["cairn", "buidl"], Lang::En);
        assert!(english.contains("unrecognized subcommand"), "{english}");
    }
}
