//! Stages "resolve" and "links", after "index" and around "markdown": every handle and
//! item reference in front matter and credits.yaml (`resolve`, stage "resolve"), every
//! mention, `@/` link and anchor in bodies (`resolve`, stage "links"), and for
//! `cairn check` every link and anchor of the rendered pages (`linkcheck`); a file that
//! failed to load is reported once, not in every file that refers to it (`cascade`). They
//! report; they change nothing.

pub mod cascade;
pub mod linkcheck;
pub mod resolve;
