//! The catalogues: the same keys in every language, every message formats, the
//! language is chosen in the documented order, and every key the code says exists.

use super::*;

#[test]
fn every_catalogue_has_every_key_and_no_other() {
    let english = Catalogue::keys(Lang::En);
    assert!(english.len() >= 10, "{english:?}");
    for lang in [Lang::ZhCn, Lang::ZhTw] {
        let keys = Catalogue::keys(lang);
        let missing: Vec<_> = english.iter().filter(|k| !keys.contains(k)).collect();
        let extra: Vec<_> = keys.iter().filter(|k| !english.contains(k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            lang.tag()
        );
        for key in &english {
            assert!(
                Catalogue::of(lang).has(key),
                "{}: `{key}` does not parse",
                lang.tag()
            );
        }
    }
}

/// Every message, with every placeholder filled, formats to text with no placeholder
/// left and no Fluent error marker; Chinese text uses full-width punctuation.
#[test]
fn every_message_formats_with_its_placeholders_filled() {
    let args: Vec<(&str, Arg)> = [
        "errors",
        "warnings",
        "files",
        "pages",
        "size",
        "seconds",
        "out",
        "dir",
        "path",
        "root",
        "url",
        "ms",
        "rendered",
        "changed",
        "shown",
        "field",
        "near",
        "fields",
        "handle",
        "kind",
        "target",
        "section",
        "error",
        "platform",
        "platforms",
        "anchor",
        "anchors",
        "base",
        "page",
        "other",
        "count",
        "character",
        "value",
        "time",
        "fixed",
        "month",
        "monthname",
        "year",
        "days",
        "last",
        "zone",
        "name",
        "language",
        "title",
        "tag",
        "week",
        "weeks",
        "current",
        "names",
        "host",
        "max",
        "key",
        "wide",
        "narrow",
        "items",
        "export",
        "format",
        "gap",
        "chat",
        "kept",
        "range",
        "lead",
        "others",
        "what",
        "line",
        "note",
        "wanted",
        "known",
        "flag",
        "id",
        "marker",
        "address",
        "browser",
        "detail",
        "text",
        "example",
        "first",
        "headers",
        "lines",
        "names",
        "file",
        "order",
        "why",
        "n",
    ]
    .into_iter()
    .map(|name| (name, Arg::Count(2)))
    .collect();
    for lang in Lang::ALL {
        for key in Catalogue::keys(lang) {
            let text = Catalogue::of(lang).say(key, &args);
            assert!(
                !text.contains('{') && !text.contains('$'),
                "{} {key}: {text}",
                lang.tag()
            );
            if lang != Lang::En {
                let chars: Vec<char> = text.chars().collect();
                for pair in chars.windows(2) {
                    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
                    assert!(
                        !(cjk(pair[0]) && ",;:?!(".contains(pair[1])),
                        "{} {key}: ASCII `{}` after Chinese in “{text}”",
                        lang.tag(),
                        pair[1]
                    );
                }
            }
        }
    }
}

#[test]
fn english_counts_take_the_singular_for_one() {
    let en = Catalogue::of(Lang::En);
    let summary = |e: usize, w: usize, f: usize| {
        en.say(
            "summary",
            &[
                ("errors", e.into()),
                ("warnings", w.into()),
                ("files", f.into()),
            ],
        )
    };
    assert_eq!(summary(1, 0, 1), "1 error, 0 warnings in 1 file");
    assert_eq!(summary(3, 1, 2), "3 errors, 1 warning in 2 files");
    let zh = Catalogue::of(Lang::ZhCn).say(
        "summary",
        &[
            ("errors", 1.into()),
            ("warnings", 0.into()),
            ("files", 1.into()),
        ],
    );
    assert_eq!(zh, "1 个错误，0 个警告，涉及 1 个文件");
}

#[test]
fn the_language_is_the_flag_then_the_site_then_the_locale_then_english() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    let none = env(&[]);
    assert_eq!(choose(Some("zh-TW"), Some("en"), &none), Lang::ZhTw);
    assert_eq!(
        choose(None, Some("zh-HK"), &env(&[("LANG", "en_US.UTF-8")])),
        Lang::ZhTw
    );
    assert_eq!(
        choose(None, None, &env(&[("LANG", "zh_CN.UTF-8")])),
        Lang::ZhCn
    );
    assert_eq!(
        choose(
            None,
            None,
            &env(&[("LC_ALL", "zh_TW.UTF-8"), ("LANG", "en_US.UTF-8")])
        ),
        Lang::ZhTw,
        "LC_ALL before LANG"
    );
    assert_eq!(choose(None, None, &env(&[("LANG", "C")])), Lang::En);
    assert_eq!(
        choose(Some("fr"), Some("de"), &env(&[("LANG", "ja_JP")])),
        Lang::En
    );
    assert_eq!(
        choose(Some("fr"), Some("zh-CN"), &none),
        Lang::ZhCn,
        "an unknown flag falls through"
    );
}

/// A key the code asks for that no catalogue has would print as the bare key.
#[test]
fn every_key_the_code_says_is_in_the_catalogues() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // The command line's help words (`clap-*`) are in the help catalogues.
    let mut keys = Catalogue::keys(Lang::En);
    keys.extend(Catalogue::help_keys(Lang::ZhCn));
    let mut unknown = Vec::new();
    let mut used = 0;
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        if entry.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (at, _) in text.match_indices("say(\"") {
            let rest = &text[at + 5..];
            let key = &rest[..rest.find('"').unwrap_or(0)];
            if key.starts_with(|c: char| c.is_ascii_lowercase()) {
                used += 1;
                if !keys.contains(&key) {
                    unknown.push(format!("{}: `{key}`", entry.path().display()));
                }
            }
        }
    }
    assert!(used >= 5, "the code says {used} messages");
    assert!(unknown.is_empty(), "{unknown:#?}");
}
