//! `cairn serve`: builds the site into a scratch folder, serves it on loopback, and
//! rebuilds on every change. Open pages reload through Server-Sent Events; a broken
//! build keeps the last good pages and shows its errors over them until a good save.
//! The reload script and the overlay exist only in served responses, never in `build`.
//! Beside `build`, at the top of the pipeline: `rebuild` drives the same stages with
//! the `incremental` caches, `http` serves the output on std sockets.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer};

use crate::Error;
use crate::build::BuildOptions;
use crate::output::scratch::Scratch;

mod http;
mod rebuild;

pub use rebuild::{Rebuilder, Rebuilt};

/// What `cairn serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    pub quiet: bool,
    /// Stage timings after every rebuild.
    pub verbose: bool,
}

/// Where the served site stands: which build, and the errors of the last one.
struct State {
    out: PathBuf,
    base_path: String,
    /// Bumped after every rebuild, good or bad: open pages reload on a change.
    generation: Mutex<u64>,
    changed: Condvar,
    /// The last build's error report; `None` when it succeeded.
    errors: Mutex<Option<String>>,
    /// Open connections, to refuse more than `MAX_CONNECTIONS` at once.
    open: AtomicUsize,
    /// The overlay's own words, in the site's language.
    overlay: http::OverlayWords,
}

/// Runs the server until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    // Before any thread starts, so every thread inherits the mask and the signals
    // reach only the thread that waits for them.
    let signals = block_stop_signals();
    if !options.root.join("site.yaml").is_file() {
        return Err(Error::Usage(crate::messages::say_with_hint(
            "serve-no-site",
            &[("root", options.root.display().to_string().into())],
            "serve-no-site-hint",
        )));
    }
    let cannot_listen = |e: std::io::Error| {
        let address = format!("{}:{}", options.bind, options.port);
        [("address", address.into()), ("error", e.to_string().into())]
    };
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        Error::Usage(crate::messages::say_with_hint(
            "serve-cannot-listen",
            &cannot_listen(e),
            "serve-cannot-listen-hint",
        ))
    })?;
    let addr = listener.local_addr().map_err(|e| {
        Error::Usage(crate::messages::say(
            "serve-cannot-listen",
            &cannot_listen(e),
        ))
    })?;
    let (base_path, language) = base_path_and_language(&options.root);
    // "Now" is taken again at each rebuild; a bad SOURCE_DATE_EPOCH stops serve here.
    crate::site::now_instant()?;
    let scratch = Scratch::make(SCRATCH_PREFIX)?;
    stop_on_signals(signals, scratch.dir().to_path_buf());
    let state = Arc::new(State {
        out: scratch.dir().join("public"),
        base_path: base_path.clone(),
        generation: Mutex::new(0),
        changed: Condvar::new(),
        errors: Mutex::new(None),
        open: AtomicUsize::new(0),
        overlay: http::OverlayWords::of(&language),
    });
    let build = BuildOptions {
        root: options.root.clone(),
        out: Some(state.out.clone()),
        base_url: Some(format!("http://{addr}{base_path}")),
        drafts: options.drafts,
        force: true,
        ..Default::default()
    };
    let mut rebuilder = Rebuilder::new(build);
    let say = Say {
        quiet: options.quiet,
        verbose: options.verbose,
    };
    // Watching starts before the first build, so no change falls between its walk of
    // content/ and the watcher: every later change is in a batch, and a rebuild can
    // patch the last list of files with the batch's paths.
    let (batches, received) = std::sync::mpsc::channel();
    // Set by the watcher when a change comes in, so a rebuild still building its search
    // index gives it up and the newer save is built at once.
    let newer = Arc::new(AtomicBool::new(false));
    let _watcher = watch(&options.root, batches, Arc::clone(&newer))?;
    rebuilder.track_changes();
    rebuilder.stop_search_when(Arc::clone(&newer));
    rebuild(&mut rebuilder, &state, say);
    let root = std::path::absolute(&options.root).map_err(|e| Error::io(&options.root, e))?;
    let shared = Arc::clone(&state);
    std::thread::spawn(move || {
        rebuild_on_change(rebuilder, &received, &newer, &shared, say, &root)
    });
    let args = [
        ("root", options.root.display().to_string().into()),
        ("url", format!("http://{addr}{base_path}").into()),
    ];
    println!("{}", crate::messages::say("serving", &args));
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => http::accept(stream, &state),
            // Out of file descriptors, most likely: wait for connections to close
            // rather than give up on the listener.
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    Ok(())
}

/// The prefix of serve's scratch folders in the temp folder (`output::scratch`): the
/// folder serve builds into, locked while it runs, removed when it stops by a signal
/// (`stop_on_signals`) or an error (on drop), and by the next serve when this one was
/// killed outright.
pub const SCRATCH_PREFIX: &str = "cairn-serve-";

/// The signals that stop serve: Ctrl+C, a terminal closed, `kill`.
const STOP_SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// Blocks the stop signals in this thread (and the threads it starts).
fn block_stop_signals() -> libc::sigset_t {
    // SAFETY: the set is initialised by sigemptyset before use; the calls only read it.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for signal in STOP_SIGNALS {
            libc::sigaddset(&mut set, signal);
        }
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    }
}

/// Waits on a thread of its own for a stop signal, removes `scratch`, and ends the
/// process as that signal would have.
fn stop_on_signals(set: libc::sigset_t, scratch: PathBuf) {
    std::thread::spawn(move || {
        let mut signal: libc::c_int = 0;
        // SAFETY: `set` is an initialised signal set, `signal` a valid out pointer.
        if unsafe { libc::sigwait(&set, &mut signal) } != 0 {
            return;
        }
        // So the rebuild thread does not take the removal for a clean-up to undo.
        STOPPING.store(true, Ordering::SeqCst);
        if let Err(e) = crate::output::scratch::remove(&scratch) {
            eprintln!("{}", crate::output::scratch::cannot_remove(&scratch, &e));
        }
        // SAFETY: restoring the default action and raising the signal on this thread,
        // with the signal unblocked, ends the process as the signal does.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            libc::raise(signal);
        }
        std::process::exit(128 + signal);
    });
}

/// The path part of the site's base_url, so served links match built ones.
/// The site's base path and language, read once at start (a site.yaml that does not
/// load yet serves at `/`, in English, until it does).
fn base_path_and_language(root: &Path) -> (String, String) {
    let mut ignored = crate::diagnostics::Diagnostics::new();
    crate::config::SiteConfig::load(root, &mut ignored).map_or_else(
        || ("/".to_string(), "en".to_string()),
        |c| (c.base_path(), c.language),
    )
}

/// What to print about each rebuild.
#[derive(Debug, Clone, Copy)]
struct Say {
    quiet: bool,
    verbose: bool,
}

fn rebuild(rebuilder: &mut Rebuilder, state: &State, say: Say) {
    let started = Instant::now();
    let mut shown_after = None;
    // Open pages reload as soon as every page but the search index is written.
    let result = rebuilder.rebuild(&mut || {
        shown_after = Some(started.elapsed());
        *state.errors.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *state.generation.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        state.changed.notify_all();
    });
    let report = match &result {
        Ok(r) => {
            if say.verbose {
                for (stage, took) in &r.timings.0 {
                    eprintln!("  {stage:<12} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                }
                let how = if r.walked {
                    crate::messages::say("serve-content-walked", &[])
                } else {
                    crate::messages::say("serve-content-patched", &[])
                };
                eprintln!("  ({how})");
                if r.search_deferred {
                    eprintln!("  ({})", crate::messages::say("serve-search-deferred", &[]));
                }
            }
            if !say.quiet {
                let ms = |d: Duration| (d.as_millis() as usize).into();
                let args = [
                    ("pages", r.pages.into()),
                    ("ms", ms(started.elapsed())),
                    ("rendered", r.rendered.into()),
                    ("changed", r.changed.into()),
                    ("shown", ms(shown_after.unwrap_or_default())),
                ];
                println!("{}", crate::messages::say("rebuilt", &args));
            }
            return;
        }
        Err(Error::Content(d)) => {
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
                + &d.summary()
        }
        Err(e) => e.to_string(),
    };
    eprintln!("{report}");
    *state.errors.lock().unwrap_or_else(|p| p.into_inner()) = Some(report);
    *state.generation.lock().unwrap_or_else(|p| p.into_inner()) += 1;
    state.changed.notify_all();
}

/// Watches the site's sources; editors' save patterns (rename-over, bursts of events)
/// arrive as debounced batches on `batches`.
fn watch(
    root: &Path,
    batches: std::sync::mpsc::Sender<DebounceEventResult>,
    newer: Arc<AtomicBool>,
) -> Result<
    notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    Error,
> {
    // Short: an editor's save (write, or write-then-rename) lands within a few ms, and
    // every ms here is a ms before the page reloads. Not shorter: the debounce is per
    // path, and a save that moves the file away before writing it again (vim's
    // default) must not be built in between, with the page gone and links to it broken.
    let handler = move |batch: DebounceEventResult| {
        let matters = match &batch {
            Ok(events) => events.iter().any(|e| !e.kind.is_access()),
            Err(_) => true,
        };
        if matters {
            newer.store(true, Ordering::SeqCst);
        }
        let _ = batches.send(batch);
    };
    let mut debouncer = new_debouncer(Duration::from_millis(30), None, handler).map_err(|e| {
        Error::Usage(crate::messages::say(
            "serve-cannot-watch",
            &[("error", e.to_string().into())],
        ))
    })?;
    for name in [
        "content",
        "static",
        "templates",
        "themes",
        "books",
        "site.yaml",
    ] {
        let path = root.join(name);
        if path.exists() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::io(&path, std::io::Error::other(e.to_string())))?;
        }
    }
    Ok(debouncer)
}

/// Rebuilds after every batch of changes, telling the rebuilder which paths changed.
/// Batches that queued up during a rebuild make one rebuild.
fn rebuild_on_change(
    mut rebuilder: Rebuilder,
    batches: &std::sync::mpsc::Receiver<DebounceEventResult>,
    newer: &AtomicBool,
    state: &State,
    say: Say,
    root: &Path,
) {
    // Kept when the scratch folder had to be made again (`output_removed`).
    let mut _relocked = None;
    loop {
        let first = match batches.recv_timeout(LOOK_FOR_OUTPUT) {
            Ok(first) => first,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if output_removed(state) {
                    if let Some(lock) = remade_scratch(state) {
                        _relocked = Some(lock);
                    }
                    if !say.quiet {
                        let out = state.out.display().to_string();
                        println!(
                            "{}",
                            crate::messages::say("output-removed", &[("out", out.into())])
                        );
                    }
                    rebuilder.changed(None);
                    rebuild(&mut rebuilder, state, say);
                }
                continue;
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        // Cleared before the queue is drained: a batch after this point stops the
        // coming rebuild's search index, and is built next.
        newer.store(false, Ordering::SeqCst);
        let mut any = false;
        for batch in std::iter::once(first).chain(batches.try_iter()) {
            match batch {
                Ok(events) => {
                    let events: Vec<_> = events.iter().filter(|e| !e.kind.is_access()).collect();
                    any |= !events.is_empty();
                    rebuilder.changed(changed_paths(root, &events));
                }
                // The watcher may have missed something: the next rebuild walks.
                Err(_) => rebuilder.changed(None),
            }
        }
        if any {
            rebuild(&mut rebuilder, state, say);
        }
    }
}

/// Set once a stop signal came: the scratch folder is going away on purpose.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// How often serve looks whether its output folder is still there.
const LOOK_FOR_OUTPUT: Duration = Duration::from_millis(500);

/// True when the output folder of the last good build is gone: something removed it
/// under serve, which would otherwise answer 404 to every URL until the next save.
/// After a failed build there is nothing to put back until the next save.
fn output_removed(state: &State) -> bool {
    !STOPPING.load(Ordering::SeqCst)
        && state
            .errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_none()
        && !state.out.join(crate::output::MARKER).exists()
}

/// Makes and locks the scratch folder again when it went with the output.
fn remade_scratch(state: &State) -> Option<crate::output::lock::FolderLock> {
    let scratch = state.out.parent()?;
    if scratch.exists() {
        return None;
    }
    match crate::output::scratch::remake(scratch) {
        Ok(lock) => Some(lock),
        Err(e) => {
            eprintln!(
                "{}",
                crate::messages::say(
                    "serve-cannot-remake",
                    &[
                        ("path", scratch.display().to_string().into()),
                        ("error", e.to_string().into()),
                    ],
                )
            );
            None
        }
    }
}

/// The paths of `events` relative to `root` (absolute, as the watcher reports paths),
/// or `None` when the watcher cannot say what changed: it asks for a rescan, reports
/// an event of no known kind, or a path outside the site.
fn changed_paths(root: &Path, events: &[&DebouncedEvent]) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for event in events {
        if event.need_rescan() || matches!(event.kind, EventKind::Any | EventKind::Other) {
            return None;
        }
        for path in &event.paths {
            paths.push(path.strip_prefix(root).ok()?.to_path_buf());
        }
    }
    Some(paths)
}
