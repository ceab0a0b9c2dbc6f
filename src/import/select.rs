//! Import, step 2: which messages to take. The stream is cut into sessions at quiet
//! gaps (`import.session_gap`); `--list` keeps one line per session, and a selection
//! (`--session`, `--from/--to`, `--thread`) keeps only its own messages, so memory
//! grows with the session taken, not with the export.

use std::collections::{BTreeSet, HashSet};
use std::ops::ControlFlow;

use jiff::{SignedDuration, Timestamp};

use super::chat::{Body, Message};

/// What to take from the chat.
#[derive(Debug, Clone)]
pub enum Selection {
    /// The one session of a chat that has only one; otherwise the caller asks.
    Only,
    /// `--session N`, 1-based.
    Session(usize),
    /// `--from T --to T` (either may be open).
    Range {
        from: Option<Timestamp>,
        to: Option<Timestamp>,
    },
    /// `--thread ID`: the message and every reply to it, transitively.
    Thread(String),
}

/// One session, for `--list` and for error messages.
#[derive(Debug, Clone)]
pub struct Session {
    pub number: usize,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Messages that people wrote (notices not counted).
    pub messages: usize,
    /// Each sender's name once.
    pub participants: BTreeSet<String>,
    /// The first line said, cut to 40 characters.
    pub first_line: String,
}

/// The sink that sessions and selects; fed by a format reader.
pub struct Selector {
    gap: SignedDuration,
    selection: Selection,
    /// Sessions seen so far, summarized.
    pub sessions: Vec<Session>,
    last_time: Option<Timestamp>,
    /// The messages taken.
    pub taken: Vec<Message>,
    /// With `Selection::Only`: the latest session's messages, kept until a next one starts.
    thread_ids: HashSet<String>,
    /// Whether the export was read past the thread's start message.
    pub thread_found: bool,
}

impl Selector {
    pub fn new(gap_minutes: i64, selection: Selection) -> Selector {
        let thread_ids = match &selection {
            Selection::Thread(id) => [id.clone()].into(),
            _ => HashSet::new(),
        };
        Selector {
            gap: SignedDuration::from_mins(gap_minutes),
            selection,
            sessions: Vec::new(),
            last_time: None,
            taken: Vec::new(),
            thread_ids,
            thread_found: false,
        }
    }

    /// Takes one message from the reader; `Break` once nothing later can be selected.
    pub fn push(&mut self, m: Message) -> ControlFlow<()> {
        let new_session = self
            .last_time
            .is_none_or(|last| m.time.duration_since(last) > self.gap);
        // A clock that runs backwards (an edited export) stays in the session.
        self.last_time = Some(self.last_time.map_or(m.time, |last| last.max(m.time)));
        if new_session {
            if let Selection::Session(n) = self.selection
                && self.sessions.len() == n
            {
                return ControlFlow::Break(());
            }
            if matches!(self.selection, Selection::Only) {
                self.taken.clear();
            }
            self.sessions.push(Session {
                number: self.sessions.len() + 1,
                start: m.time,
                end: m.time,
                messages: 0,
                participants: BTreeSet::new(),
                first_line: String::new(),
            });
        }
        let session = self
            .sessions
            .last_mut()
            .expect("a session was just started");
        session.end = session.end.max(m.time);
        if !matches!(m.body, Body::System | Body::Recalled) {
            session.messages += 1;
            session.participants.insert(m.sender.name.clone());
            if session.first_line.is_empty() && matches!(m.body, Body::Text) {
                session.first_line = m.first_line().chars().take(40).collect();
            }
        }
        let number = session.number;
        match &self.selection {
            Selection::Only => self.taken.push(m),
            Selection::Session(n) => {
                if number == *n {
                    self.taken.push(m);
                }
            }
            Selection::Range { from, to } => {
                if to.is_some_and(|to| m.time > to) {
                    return ControlFlow::Break(());
                }
                if from.is_none_or(|from| m.time >= from) {
                    self.taken.push(m);
                }
            }
            Selection::Thread(start) => {
                let starts = m.id == *start;
                let replies = m
                    .reply_to
                    .as_ref()
                    .is_some_and(|r| self.thread_ids.contains(r));
                if starts {
                    self.thread_found = true;
                }
                if starts || replies {
                    self.thread_ids.insert(m.id.clone());
                    self.taken.push(m);
                }
            }
        }
        ControlFlow::Continue(())
    }
}

/// The `--list` table: number, start and end, messages, participants, first line.
pub fn table(sessions: &[Session], tz: &jiff::tz::TimeZone) -> String {
    let mut out = String::new();
    // The heading's words are spaced in the catalogue to sit over the columns.
    out.push_str(&format!(
        "  {}\n",
        crate::messages::say("import-table-head", &[])
    ));
    for s in sessions {
        let start = s.start.to_zoned(tz.clone());
        let end = s.end.to_zoned(tz.clone());
        let end_shown = if start.date() == end.date() {
            end.strftime("%H:%M").to_string()
        } else {
            end.strftime("%m-%d %H:%M").to_string()
        };
        out.push_str(&format!(
            "{:>3}  {}  {:<6} {:>5}  {:>6}  {}\n",
            s.number,
            start.strftime("%Y-%m-%d %H:%M"),
            end_shown,
            s.messages,
            s.participants.len(),
            s.first_line.replace(['\n', '\r'], " ")
        ));
    }
    out
}

/// A long table cut to its first and last rows, for error messages.
pub fn short_table(sessions: &[Session], tz: &jiff::tz::TimeZone) -> String {
    if sessions.len() <= 20 {
        return table(sessions, tz);
    }
    let mut shown: Vec<Session> = sessions[..10].to_vec();
    shown.extend_from_slice(&sessions[sessions.len() - 10..]);
    let full = table(&shown, tz);
    let mut lines: Vec<&str> = full.lines().collect();
    let note = format!("  … {} more …", sessions.len() - 20);
    lines.insert(11, &note);
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::chat::Sender;

    fn message(id: &str, minute: i64, who: &str, reply_to: Option<&str>) -> Message {
        let time = Timestamp::from_second(1_710_244_800 + minute * 60).unwrap();
        let mut m = Message::text(
            id.into(),
            time,
            Sender {
                id: None,
                name: who.into(),
            },
            format!("m{id}"),
        );
        m.reply_to = reply_to.map(str::to_string);
        m
    }

    fn run(selection: Selection, messages: Vec<Message>) -> Selector {
        let mut s = Selector::new(45, selection);
        for m in messages {
            if s.push(m).is_break() {
                break;
            }
        }
        s
    }

    fn chat() -> Vec<Message> {
        vec![
            message("1", 0, "a", None),
            message("2", 10, "b", Some("1")),
            message("3", 55, "a", None), // 45 minutes after 2 is the same session
            message("4", 101, "c", None), // 46 minutes: a new one
            message("5", 102, "a", Some("2")),
            message("6", 103, "b", Some("5")),
            message("7", 104, "c", None),
        ]
    }

    #[test]
    fn sessions_split_at_gaps_longer_than_the_setting() {
        let s = run(
            Selection::Range {
                from: None,
                to: None,
            },
            chat(),
        );
        let counts: Vec<usize> = s.sessions.iter().map(|s| s.messages).collect();
        assert_eq!(counts, [3, 4]);
        assert_eq!(s.sessions[1].participants.len(), 3);
        assert_eq!(s.sessions[0].first_line, "m1");
    }

    #[test]
    fn a_session_is_taken_whole_and_reading_stops_after_it() {
        let s = run(Selection::Session(1), chat());
        let ids: Vec<&str> = s.taken.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
        assert_eq!(s.sessions.len(), 1, "reading stopped at the next session");
    }

    #[test]
    fn a_thread_follows_replies_transitively() {
        let s = run(Selection::Thread("1".into()), chat());
        let ids: Vec<&str> = s.taken.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "5", "6"]);
        assert!(s.thread_found);
    }

    #[test]
    fn only_keeps_the_last_session() {
        let s = run(Selection::Only, chat());
        assert_eq!(s.sessions.len(), 2);
        assert_eq!(s.taken.len(), 4);
    }

    #[test]
    fn a_range_takes_what_falls_in_it() {
        let from = Timestamp::from_second(1_710_244_800 + 10 * 60).unwrap();
        let to = Timestamp::from_second(1_710_244_800 + 101 * 60).unwrap();
        let s = run(
            Selection::Range {
                from: Some(from),
                to: Some(to),
            },
            chat(),
        );
        let ids: Vec<&str> = s.taken.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["2", "3", "4"]);
    }
}
