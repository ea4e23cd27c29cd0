//! The real terminal: entering and leaving the app's terminal modes, a panic hook
//! and signal handlers that always restore it, Ctrl-z, and handing the terminal to
//! `$EDITOR`.

use std::io::{self, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::DefaultTerminal;

use super::host::{Host, Next};

/// Held while a frame is written; a signal handler takes it before restoring, so
/// no frame is written after the terminal was given back.
static OUTPUT: Mutex<()> = Mutex::new(());

/// Enters raw mode, the alternate screen and mouse capture, with a panic hook that
/// restores the terminal before the panic message prints. On error the terminal
/// is already restored.
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
    }));
    if let Err(err) = execute!(io::stdout(), EnableMouseCapture) {
        leave();
        return Err(err);
    }
    Ok(terminal)
}

/// Restores the terminal: mouse capture off, cursor shown, raw mode off, main screen.
/// Safe to call more than once.
pub fn leave() {
    undo_extras();
    // Quietly: after a hangup there is no terminal to restore or to complain on
    // (`ratatui::restore` would print to stderr, and printing there panics).
    let _ = ratatui::try_restore();
}

fn undo_extras() {
    let _ = execute!(io::stdout(), DisableMouseCapture, cursor::Show);
}

/// Re-enters the app's modes after the terminal was lent out (editor, suspend).
fn reenter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Restores the terminal and exits when SIGTERM, SIGHUP, SIGINT or SIGQUIT arrives (they
/// do not unwind, so nothing else would restore it). Ctrl-c arrives as a key in raw mode;
/// SIGINT still comes from `kill -INT`, `timeout -s INT` and IDE stop buttons.
pub fn restore_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
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

impl Host for TerminalHost {
    fn next_event(&mut self, timeout: Option<Duration>) -> io::Result<Next> {
        if let Some(timeout) = timeout
            && !event::poll(timeout)?
        {
            return Ok(Next::Timeout);
        }
        Ok(Next::Event(event::read()?))
    }

    fn edit(&mut self, path: &Path) -> Result<(), String> {
        let editor = std::env::var("VISUAL")
            .ok()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| std::env::var("EDITOR").ok())
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| "vi".to_string());
        // `code --wait` and the like: the first word is the program.
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or("vi").to_string();
        let args: Vec<&str> = words.collect();
        {
            let _guard = OUTPUT.lock();
            leave();
        }
        let status = Command::new(&program).args(&args).arg(path).status();
        let back = reenter();
        let outcome = match status {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(format!("{program} exited with {status}")),
            Err(err) => Err(format!("cannot start the editor {program}: {err}")),
        };
        back.map_err(|err| format!("cannot take the terminal back: {err}"))?;
        outcome
    }

    fn suspend(&mut self) -> io::Result<()> {
        {
            let _guard = OUTPUT.lock();
            leave();
        }
        // Stops here until the shell's `fg` sends SIGCONT.
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        reenter()
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
/// `review_file`, else the site's private review file.
pub fn run_app(root: &Path, review_file: Option<&Path>) -> io::Result<()> {
    let mut app = super::App::open(root);
    app.open_reviews(review_file, super::review::Access::ReadWrite);
    app.check_recoveries();
    run_prepared(app)
}

/// Runs an app that was already set up (e.g. with a draft open) on the real terminal.
pub fn run_prepared(mut app: super::App) -> io::Result<()> {
    let mut terminal = enter()?;
    let signals = restore_on_signals();
    let result = match signals {
        Ok(()) => super::run(&mut terminal, &mut TerminalHost, &mut app),
        Err(err) => Err(err),
    };
    leave();
    result
}
