//! Tests of the draft's layout (`draft.rs`): sections, follow-ups, talks, slugs.
use super::*;

fn entry(id: &str, minute: i64, who: &str, text: &str, reply_to: Option<&str>) -> Entry {
    Entry {
        id: id.into(),
        time: Timestamp::from_second(1_710_244_800 + minute * 60).unwrap(),
        person: Person::Member {
            handle: who.into(),
            how: super::super::people::Match::Account,
        },
        pieces: vec![Piece::Plain(text.into())],
        reply_to: reply_to.map(str::to_string),
        quote: None,
    }
}

fn header(kind: DraftKind) -> Header<'static> {
    static TZ: std::sync::LazyLock<TimeZone> =
        std::sync::LazyLock::new(|| TimeZone::get("Asia/Shanghai").unwrap());
    Header {
        kind,
        zh: true,
        title: None,
        curator: Some("wangfang"),
        platform: Platform::Telegram,
        chat: Some("答疑群"),
        tz: &TZ,
    }
}

fn evening() -> Vec<Entry> {
    vec![
        entry(
            "1",
            0,
            "heyu",
            "新人进群第一周怎么留住？\n欢迎语发了没人理",
            None,
        ),
        entry("2", 1, "heyu", "我们是咖啡门店群", None),
        entry("3", 3, "lisi", "先别急着发欢迎语", Some("1")),
        entry("4", 5, "emily", "Pair each newcomer with a buddy", None),
        entry("5", 6, "lisi", "第二步：三天内私聊一次", None),
        entry("6", 8, "heyu", "那第二周呢？", Some("3")),
        entry("7", 9, "lisi", "第二周给他一个小任务", Some("6")),
        entry("8", 10, "heyu", "明白了", None),
    ]
}

#[test]
fn a_qa_has_the_question_then_one_section_per_answerer() {
    let d = draft(&evening(), &header(DraftKind::Qa));
    insta::assert_snapshot!(d.text);
    assert_eq!(d.lead.as_deref(), Some("heyu"));
    assert_eq!(d.others, ["lisi", "emily"]);
    assert_eq!(
        d.stem,
        "2024-03-12-xin-ren-jin-qun-di-yi-zhou-zen-me-liu-zhu"
    );
}

#[test]
fn follow_ups_go_to_the_answer_they_reply_to() {
    let d = draft(&evening(), &header(DraftKind::Qa));
    let lisi = d.text.find("## @lisi").unwrap();
    let emily = d.text.find("## @emily").unwrap();
    let follow_up = d.text.find("**追问 · @heyu：** 那第二周呢？").unwrap();
    assert!(lisi < follow_up && follow_up < emily, "{}", d.text);
    // Not replying to anyone: with the last person who spoke (emily spoke last? no: lisi).
    let last = d.text.find("**追问 · @heyu：** 明白了").unwrap();
    assert!(last < emily, "{}", d.text);
}

#[test]
fn a_talk_takes_the_most_frequent_speaker() {
    let d = draft(&evening(), &header(DraftKind::Talk));
    assert!(
        d.text.contains("speaker: heyu\n") || d.text.contains("speaker: lisi\n"),
        "{}",
        d.text
    );
    assert!(d.text.contains("## Q&A"));
}

#[test]
fn slugs_are_short() {
    assert_eq!(
        slug_of("新群建立后如何三天内不冷场?"),
        "xin-qun-jian-li-hou-ru-he-san-tian-nei-bu-leng-chang"
    );
    assert!(slug_of(&"很长的标题".repeat(20)).len() <= 60);
    assert_eq!(slug_of("？！"), "chat");
}
