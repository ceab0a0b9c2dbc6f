//! Part of the command line: `--help` in the moderator's language. The English help is
//! the doc comments of `Cli` (clap's derive); the Chinese help comes from the
//! `help-*` messages of `messages/help-zh-CN.ftl` and `help-zh-TW.ftl`, one per
//! command and option, put over the English ones before the arguments are parsed.

use clap::Command;

use crate::messages::{Catalogue, Lang};

/// The key of the help of `arg` (or of the command itself when none) of the command
/// at `path` (subcommand names below `cairn`): `help-build--out`, `help-build`,
/// `help--quiet`, `help` for cairn's own description.
pub fn key(path: &[&str], arg: Option<&str>) -> String {
    let mut key = String::from("help");
    for name in path {
        key.push('-');
        key.push_str(name);
    }
    if let Some(arg) = arg {
        key.push_str("--");
        key.push_str(arg);
    }
    key
}

/// clap's own words in the help (headings, defaults, its `--help`, `--version` and
/// `help`) and in its errors (`misuse`), as `clap-*` messages of the help catalogues.
#[cfg(test)]
pub const CLAP_WORDS: [&str; 19] = [
    "clap-error-command",
    "clap-error-option",
    "clap-error-did-you-mean",
    "clap-error-value",
    "clap-error-values",
    "clap-error-missing",
    "clap-error-invalid",
    "clap-error-conflict",
    "clap-error-more",
    "clap-usage",
    "clap-commands",
    "clap-arguments",
    "clap-options",
    "clap-default",
    "clap-possible",
    "clap-possible-default",
    "clap-print-help",
    "clap-print-version",
    "clap-help-command",
];

/// `command` with its help texts in `lang` (English: as written).
pub fn localized(mut command: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return command;
    }
    let words = Catalogue::help(lang);
    // Built first, so the `--help`, `--version` and `help` clap adds are there to be
    // worded too (clap builds a command once; parsing then keeps them).
    command.build();
    localize(command, &mut Vec::new(), words)
}

fn localize(mut command: Command, path: &mut Vec<String>, words: &Catalogue) -> Command {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    let own = key(&names, None);
    if words.has(&own) {
        command = command.about(words.say(&own, &[]));
    }
    if command.get_name() == "help" && path.len() == 1 {
        command = command.about(words.say("clap-help-command", &[]));
    }
    command = clap_words(command, words);
    let ids: Vec<String> = command
        .get_arguments()
        .filter(|a| a.get_help().is_some())
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let k = key(&names, Some(&id));
        // A global option (`--root`) is worded once, at the top.
        let top = key(&[], Some(&id));
        let help = match id.as_str() {
            _ if words.has(&k) => words.say(&k, &[]),
            _ if words.has(&top) => words.say(&top, &[]),
            "help" => words.say("clap-print-help", &[]),
            "version" => words.say("clap-print-version", &[]),
            _ => continue,
        };
        command = command.mut_arg(&id, |a| with_values_said(a.help(help), words));
    }
    let subs: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        path.push(sub.clone());
        let mut taken = None;
        command = command.mut_subcommand(&sub, |s| {
            taken = Some(s.clone());
            s
        });
        if let Some(s) = taken {
            let done = localize(s, path, words);
            command = command.mut_subcommand(&sub, |_| done);
        }
        path.pop();
    }
    command
}

/// clap's headings in `words`, with the language's own colon: the usage, then the
/// sections this command has (commands, arguments, options). clap's `{all-args}`
/// would write its headings with an ASCII `:` after them.
fn clap_words(command: Command, words: &Catalogue) -> Command {
    let heading = |key: &str, tag: &str| format!("{}\n{tag}", words.say(key, &[]));
    let mut parts = vec![format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}",
        words.say("clap-usage", &[])
    )];
    if command.get_subcommands().any(|s| !s.is_hide_set()) {
        parts.push(heading("clap-commands", "{subcommands}"));
    }
    if command.get_positionals().any(|a| !a.is_hide_set()) {
        parts.push(heading("clap-arguments", "{positionals}"));
    }
    if command
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        parts.push(heading("clap-options", "{options}"));
    }
    command.help_template(format!("{}{{after-help}}", parts.join("\n\n")))
}

/// `arg` with its default and possible values said in the help text itself, in the
/// language, instead of clap's English `[default: …]` and `[possible values: …]`.
fn with_values_said(arg: clap::Arg, words: &Catalogue) -> clap::Arg {
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let takes_values = arg.get_action().takes_values();
    let show_possible = !arg.is_hide_possible_values_set() && !possible.is_empty() && takes_values;
    let show_default = !arg.is_hide_default_value_set() && !defaults.is_empty() && takes_values;
    let (values, value) = (possible.join("、"), defaults.join("、"));
    let said = match (show_possible, show_default) {
        (true, true) => words.say(
            "clap-possible-default",
            &[("values", values.into()), ("value", value.into())],
        ),
        (true, false) => words.say("clap-possible", &[("values", values.into())]),
        (false, true) => words.say("clap-default", &[("value", value.into())]),
        (false, false) => String::new(),
    };
    help.push_str(&said);
    arg.help(help)
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// Every help key the command line has: each command, and each option with a help.
#[cfg(test)]
pub fn keys(command: &Command) -> Vec<String> {
    let mut out = Vec::new();
    collect(command, &mut Vec::new(), &mut out);
    out
}

#[cfg(test)]
fn collect(command: &Command, path: &mut Vec<String>, out: &mut Vec<String>) {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    if command.get_about().is_some() {
        out.push(key(&names, None));
    }
    for arg in command.get_arguments().filter(|a| a.get_help().is_some()) {
        out.push(key(&names, Some(arg.get_id().as_str())));
    }
    for sub in command.get_subcommands() {
        path.push(sub.get_name().to_string());
        collect(sub, path, out);
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and option has its help in both Chinese catalogues, and each
    /// catalogue has no help for an option that does not exist.
    #[test]
    fn every_command_and_option_has_chinese_help() {
        let keys = keys(&crate::cli::Cli::command());
        assert!(keys.len() > 40, "{}", keys.len());
        for lang in [Lang::ZhCn, Lang::ZhTw] {
            let words = Catalogue::help(lang);
            let missing: Vec<&String> = keys.iter().filter(|k| !words.has(k)).collect();
            assert!(
                missing.is_empty(),
                "{}: no help for {missing:?}",
                lang.tag()
            );
            let extra: Vec<&str> = Catalogue::help_keys(lang)
                .into_iter()
                .filter(|k| !keys.iter().any(|have| have == k) && !CLAP_WORDS.contains(k))
                .collect();
            for k in CLAP_WORDS {
                assert!(words.has(k), "{}: no {k}", lang.tag());
            }
            assert!(
                extra.is_empty(),
                "{}: help for nothing: {extra:?}",
                lang.tag()
            );
        }
    }

    /// clap's own words too: headings, defaults and allowed values, `--help`, the
    /// `help` command, and the options every command shares (`--root`).
    #[test]
    fn a_rendered_help_has_no_english_left() {
        let mut command = localized(crate::cli::Cli::command(), Lang::ZhTw);
        let top = command.render_help().to_string();
        assert!(
            top.contains("指令：") && top.contains("顯示這份說明"),
            "{top}"
        );
        let build = command.find_subcommand_mut("build").unwrap();
        let help = build.render_help().to_string();
        for words in [
            "用法：cairn build",
            "選項：",
            "顯示說明",
            "（可選：auto、always、never；預設：auto）",
        ] {
            assert!(help.contains(words), "{words} in {help}");
        }
        assert!(
            help.contains("網站資料夾（含 site.yaml 的那個）（預設：.）"),
            "{help}"
        );
        for english in [
            "Usage",
            "Options",
            "[default",
            "possible values",
            "Print",
            "The site folder",
        ] {
            assert!(!help.contains(english), "{english} in {help}");
        }
        let import = command
            .find_subcommand_mut("import")
            .unwrap()
            .render_help()
            .to_string();
        assert!(import.contains("引數：\n  <EXPORT>"), "{import}");
    }

    #[test]
    fn the_help_of_a_command_and_its_options_is_put_in_the_language() {
        let command = localized(crate::cli::Cli::command(), Lang::ZhTw);
        let build = command.find_subcommand("build").unwrap();
        let about = build.get_about().unwrap().to_string();
        assert!(about.contains("網站"), "{about}");
        let out = build.get_arguments().find(|a| a.get_id() == "out").unwrap();
        assert!(out.get_help().unwrap().to_string().contains("資料夾"));
        let english = localized(crate::cli::Cli::command(), Lang::En);
        let about = english
            .find_subcommand("build")
            .unwrap()
            .get_about()
            .unwrap()
            .to_string();
        assert_eq!(about, "Build the site into public/");
    }
}
