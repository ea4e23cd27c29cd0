//! The real terminal: entering and leaving the app's terminal modes, a panic hook
//! and signal handlers that always restore it, Ctrl-z, and handing the terminal to
//! `$EDITOR`.

use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::DefaultTerminal;

use crate::markdown::Theme;

use super::host::{Host, Next};

/// Held while a frame is written; a signal handler takes it before restoring, so
/// no frame is written after the terminal was given back.
static OUTPUT: Mutex<()> = Mutex::new(());

/// Set when the process was continued after a stop: the loop repaints the whole screen.
static RESUMED: AtomicBool = AtomicBool::new(false);

/// Set while the terminal is lent to `$EDITOR`: a stop signal then only stops the
/// process and leaves the terminal's modes to the editor.
static LENT: AtomicBool = AtomicBool::new(false);

/// How long the loop waits for a key before it looks whether the process was stopped
/// and continued meanwhile (a signal cannot wake crossterm's wait).
const RESUME_CHECK: Duration = Duration::from_millis(200);

/// Enters raw mode, the alternate screen, mouse capture and bracketed paste, with a
/// panic hook that restores the terminal before the panic message prints and then
/// ends the process, whichever thread panicked. On error the terminal is already
/// restored.
pub fn enter() -> io::Result<DefaultTerminal> {
    let terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(err) => {
            leave();
            return Err(err);
        }
    };
    // ratatui's hook restores raw mode and the screen; ours runs first and undoes
    // what ratatui does not know about.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        undo_extras();
        // A crash must not take the words typed since the last autosave with it.
        crate::app::drafting::save_for_recovery_after_panic();
        ratatui_hook(info);
        // A panic on a worker thread would leave the app running on a restored,
        // cooked terminal: end it here, as a panic on the main thread does.
        std::process::exit(101);
    }));
    if let Err(err) = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste) {
        leave();
        return Err(err);
    }
    Ok(terminal)
}

/// Restores the terminal: mouse capture and bracketed paste off, cursor shown, raw
/// mode off, main screen.
/// Safe to call more than once.
pub fn leave() {
    undo_extras();
    // Quietly: after a hangup there is no terminal to restore or to complain on
    // (`ratatui::restore` would print to stderr, and printing there panics).
    let _ = ratatui::try_restore();
}

fn undo_extras() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        cursor::Show
    );
}

/// Re-enters the app's modes after the terminal was lent out (editor, suspend).
fn reenter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Gives the terminal back and stops the process as ctrl-z in a shell does; on
/// `fg` (SIGCONT) takes the terminal again and asks the loop for a full repaint.
/// Works the same whether ctrl-z was a key in the app or SIGTSTP came from outside.
fn stop_and_resume() -> io::Result<()> {
    {
        let _guard = OUTPUT.lock().unwrap_or_else(|p| p.into_inner());
        leave();
        let _ = io::stdout().flush();
    }
    stop_as_by_default();
    let back = reenter();
    RESUMED.store(true, Ordering::SeqCst);
    back
}

/// Raises SIGTSTP with its default action, our handler set aside meanwhile. Unlike
/// SIGSTOP this keeps the kernel's rule for a process no shell could ever resume (an
/// orphaned process group, as under `sh -c` or some IDEs): the stop is ignored there
/// and the app carries on instead of hanging.
fn stop_as_by_default() {
    // SAFETY: plain sigaction/raise calls with structs zeroed then filled in; the
    // previous action (signal-hook's) is put back as it was.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut default.sa_mask);
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGTSTP, &default, &mut previous) != 0 {
            return;
        }
        libc::raise(libc::SIGTSTP);
        libc::sigaction(libc::SIGTSTP, &previous, std::ptr::null_mut());
    }
}

/// Restores the terminal and exits when SIGTERM, SIGHUP, SIGINT or SIGQUIT arrives (they
/// do not unwind, so nothing else would restore it). Ctrl-c arrives as a key in raw mode;
/// SIGINT still comes from `kill -INT`, `timeout -s INT` and IDE stop buttons. SIGTSTP
/// from outside (`kill -TSTP`) stops the app with the terminal given back, as ctrl-z does.
pub fn restore_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if signal == SIGTSTP {
                super::drafting::save_for_recovery();
                if LENT.load(Ordering::SeqCst) {
                    stop_as_by_default();
                } else {
                    let _ = stop_and_resume();
                }
                continue;
            }
            // Never released: the process exits while holding it.
            // The open draft's unsaved text survives as a recovery file.
            super::drafting::save_for_recovery();
            let _guard = OUTPUT.lock();
            leave();
            let _ = io::stdout().flush();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// The real session: crossterm events, the real editor, real suspend.
#[derive(Debug, Default)]
pub struct TerminalHost;

/// Restores the terminal, runs `program` (an editor, an opener) and takes the
/// terminal back, whatever it did. An error is one sentence.
fn lend_terminal(
    program: impl FnOnce() -> Result<(), crate::launcher::LaunchError>,
) -> Result<(), String> {
    {
        let _guard = OUTPUT.lock();
        LENT.store(true, Ordering::SeqCst);
        leave();
    }
    let outcome = program().map_err(|err| err.to_string());
    let back = {
        let _guard = OUTPUT.lock().unwrap_or_else(|p| p.into_inner());
        LENT.store(false, Ordering::SeqCst);
        reenter()
    };
    back.map_err(|err| format!("cannot take the terminal back: {err}"))?;
    outcome
}

impl Host for TerminalHost {
    fn batches(&self) -> bool {
        true
    }

    fn next_event(&mut self, timeout: Option<Duration>) -> io::Result<Next> {
        let deadline = timeout.map(|t| std::time::Instant::now() + t);
        loop {
            if RESUMED.swap(false, Ordering::SeqCst) {
                return Ok(Next::Resumed);
            }
            let left = deadline.map(|d| d.saturating_duration_since(std::time::Instant::now()));
            let wait = left.map_or(RESUME_CHECK, |left| left.min(RESUME_CHECK));
            if event::poll(wait)? {
                return Ok(Next::Event(event::read()?));
            }
            if left.is_some_and(|left| left <= wait) {
                return Ok(Next::Timeout);
            }
        }
    }

    fn edit(&mut self, path: &Path) -> Result<(), String> {
        let editor = crate::launcher::editor();
        lend_terminal(|| crate::launcher::run_editor(&editor, path))
    }

    fn open(&mut self, target: &str) -> Result<(), String> {
        let opener = crate::launcher::opener(crate::config::current().opener.as_deref());
        lend_terminal(|| crate::launcher::run_opener(&opener, target))
    }

    fn hyperlinks(&mut self, links: &[super::host::Hyperlink]) {
        use std::io::Write;
        if links.is_empty() {
            return;
        }
        // The marks again, in place and in their style, inside OSC 8: the cells stay
        // linked until a later frame draws over them.
        let mut bytes = String::new();
        for link in links {
            let sgr = crate::markdown::sgr_params(link.style);
            bytes.push_str(&format!("\x1b[{};{}H", link.y + 1, link.x + 1));
            bytes.push_str(&crate::sanitize::hyperlink_start(&link.url));
            if sgr.is_empty() {
                bytes.push_str(&crate::sanitize::sanitize_line(&link.text));
            } else {
                bytes.push_str(&format!(
                    "\x1b[{sgr}m{}\x1b[0m",
                    crate::sanitize::sanitize_line(&link.text)
                ));
            }
            bytes.push_str(crate::sanitize::HYPERLINK_END);
        }
        // The loop calls this right after a frame, the output lock still held.
        let mut out = io::stdout();
        // A link that cannot be made clickable is still there to read: nothing to report.
        let _ = out.write_all(bytes.as_bytes()).and_then(|()| out.flush());
    }

    fn copy(&mut self, text: &str) -> Result<(), String> {
        use base64::Engine;
        use std::io::Write;
        let encoded = base64::engine::general_purpose::STANDARD.encode(text);
        let _guard = OUTPUT.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = io::stdout();
        write!(out, "\x1b]52;c;{encoded}\x07")
            .and_then(|()| out.flush())
            .map_err(|err| format!("cannot copy: {err}"))
    }

    fn suspend(&mut self) -> io::Result<()> {
        // Stops here until the shell's `fg` sends SIGCONT.
        let back = stop_and_resume();
        RESUMED.store(false, Ordering::SeqCst);
        back
    }

    fn output_lock(&self) -> Option<MutexGuard<'static, ()>> {
        Some(
            OUTPUT
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}

/// Runs the app on the real terminal until the user quits. The folder must exist.
/// The terminal is restored on every path out, including errors. Reviews go to
/// `review_file`, else the site's private review file; review changes still queued
/// behind another process's lock get a last chance, and are reported, not dropped.
pub fn run_app(root: &Path, review_file: Option<&Path>) -> crate::error::Result<()> {
    let mut app = super::App::new(root, Theme::configured(crate::config::current()));
    // The first frame says the folder is loading; it is, from right after that frame.
    app.loading = Some(super::Progress::default());
    app.startup = Some(super::Startup {
        review_file: review_file.map(Path::to_path_buf),
    });
    app.hyperlinks = Some(Vec::new());
    run_prepared(&mut app).map_err(|source| crate::error::Error::Io {
        path: "the terminal".into(),
        source,
    })?;
    app.flush_pending_reviews(Duration::from_secs(2))
        .map_err(crate::error::Error::ReviewsNotSaved)
}

/// Removes the temporary files that writes interrupted by a crash left in the places
/// the app writes (the posts folder and its author folders, `_drafts`, the private data
/// folder), on a thread of its own so the first frame never waits for it.
pub(crate) fn clean_leftovers_in_background(root: &Path, drafts: std::path::PathBuf) {
    let mut places = vec![(root.to_path_buf(), 3), (drafts, 1)];
    if let Ok(data) = crate::review::location::data_dir(None) {
        places.push((data.join("reviews"), 1));
    }
    let _ = std::thread::Builder::new()
        .name("leftovers".into())
        .spawn(move || {
            for (place, depth) in places {
                crate::fsutil::remove_leftover_partials(&place, depth, crate::fsutil::LEFTOVER_AGE);
            }
        });
}

/// Runs an app that was already set up (e.g. with a draft open) on the real terminal.
pub fn run_prepared(app: &mut super::App) -> io::Result<()> {
    // The first frame never waits for a grammar: code is coloured once it is built.
    app.highlight_in_background();
    let mut terminal = enter()?;
    let signals = restore_on_signals();
    let result = match signals {
        Ok(()) => super::run(&mut terminal, &mut TerminalHost, app),
        Err(err) => Err(err),
    };
    leave();
    result
}
