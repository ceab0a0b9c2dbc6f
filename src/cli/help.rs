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

/// `command` with its help texts in `lang` (English: as written).
pub fn localized(command: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return command;
    }
    let words = Catalogue::help(lang);
    localize(command, &mut Vec::new(), words)
}

fn localize(mut command: Command, path: &mut Vec<String>, words: &Catalogue) -> Command {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    let own = key(&names, None);
    if words.has(&own) {
        command = command.about(words.say(&own, &[]));
    }
    let ids: Vec<String> = command
        .get_arguments()
        .filter(|a| a.get_help().is_some())
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let k = key(&names, Some(&id));
        if words.has(&k) {
            command = command.mut_arg(&id, |a| a.help(words.say(&k, &[])));
        }
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
                .filter(|k| !keys.iter().any(|have| have == k))
                .collect();
            assert!(
                extra.is_empty(),
                "{}: help for nothing: {extra:?}",
                lang.tag()
            );
        }
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
