//! The real binary in a pseudo-terminal: output read on a thread and fed to a vt100
//! screen, keys written on a thread (a big paste fills the terminal's buffer and must
//! never block the test), and every wait bounded so a stuck app fails, never hangs.
//! After the app, `stty` on the same terminal tells whether it was restored.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, PtySize, native_pty_system};

/// The longest any one step may take before the test fails (never hangs CI).
pub const STEP: Duration = Duration::from_secs(20);

/// Appended to a script: `stty -a` run on the terminal the app left, between markers
/// ([`Pty::assert_restored`] reads it).
pub const THEN_STTY: &str = "echo STTY-BEGIN; stty -a; echo STTY-END";

/// Bracketed paste's start and end, as a terminal sends them around pasted text.
pub const PASTE_START: &str = "\x1b[200~";
pub const PASTE_END: &str = "\x1b[201~";

pub struct Pty {
    pub parser: vt100::Parser,
    /// Every byte the app wrote, for what the screen does not keep.
    pub raw: Vec<u8>,
    output: Receiver<Vec<u8>>,
    input: Sender<Vec<u8>>,
    pub child: Box<dyn Child + Send + Sync>,
    /// Kept open until the session ends (closing it hangs up the terminal).
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// How to start a session.
pub struct Launch<'a> {
    pub script: &'a str,
    /// `$1`, `$2`, … of the script (`$0` is the binary).
    pub args: Vec<&'a Path>,
    pub env: Vec<(&'a str, &'a Path)>,
    pub size: (u16, u16),
}

impl Pty {
    /// Runs `script` under `sh` at 120×40 with `$1` the site folder, its settings in
    /// `<site>/config` (never the user's).
    pub fn on_site(script: &str, site: &Path) -> Self {
        Self::start(Launch {
            script,
            args: vec![site],
            env: vec![("MEETUP_READER_CONFIG_DIR", &site.join("config"))],
            size: (120, 40),
        })
    }

    /// Runs `launch.script` under `sh` in a terminal of `size` (columns, rows), with no
    /// `$VISUAL`/`$EDITOR` or `NO_COLOR` from outside unless `env` sets them.
    pub fn start(launch: Launch<'_>) -> Self {
        let (cols, rows) = launch.size;
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", launch.script, env!("CARGO_BIN_EXE_meetup-reader")]);
        for arg in &launch.args {
            cmd.arg(arg);
        }
        cmd.env("TERM", "xterm-256color");
        for var in ["NO_COLOR", "VISUAL", "EDITOR"] {
            cmd.env_remove(var);
        }
        for (name, value) in &launch.env {
            cmd.env(name, value);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut writer = pty.master.take_writer().unwrap();
        let (input, keys) = channel::<Vec<u8>>();
        std::thread::spawn(move || {
            for bytes in keys {
                if writer
                    .write_all(&bytes)
                    .and_then(|()| writer.flush())
                    .is_err()
                {
                    break;
                }
            }
        });
        Self {
            parser: vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0),
            raw: Vec::new(),
            output,
            input,
            child,
            _master: pty.master,
        }
    }

    /// Reads output until `done` holds for the screen (or the raw bytes).
    pub fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen, &[u8]) -> bool) {
        let deadline = Instant::now() + STEP;
        while !done(self.parser.screen(), &self.raw) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left.max(Duration::from_millis(1))) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => {
                    let _ = self.child.kill();
                    panic!(
                        "timed out waiting for {what}; screen:\n{}",
                        self.parser.screen().contents()
                    )
                }
            }
        }
    }

    pub fn wait_text(&mut self, text: &str) {
        let owned = text.to_string();
        self.wait_for(text, move |screen, _| screen.contents().contains(&owned));
    }

    /// Waits until `text` is on the screen or anywhere in the output so far (what
    /// scrolled off the screen included).
    pub fn wait_output(&mut self, text: &str) {
        let owned = text.to_string();
        self.wait_for(&format!("{text:?}"), move |screen, raw| {
            screen.contents().contains(&owned) || String::from_utf8_lossy(raw).contains(&owned)
        });
    }

    /// Types `bytes` (written on the writer thread, so this never blocks).
    pub fn keys(&mut self, bytes: &str) {
        self.input.send(bytes.as_bytes().to_vec()).unwrap();
    }

    /// Pastes `text` as a terminal with bracketed paste on does.
    pub fn paste(&mut self, text: &str) {
        self.keys(&format!("{PASTE_START}{text}{PASTE_END}"));
    }

    /// Waits for the app to exit by itself; kills it after [`STEP`].
    pub fn wait_exit(&mut self) -> Option<ExitStatus> {
        let deadline = Instant::now() + STEP;
        loop {
            // Keep reading, so the app's last frames never fill the terminal.
            while let Ok(bytes) = self.output.try_recv() {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Runs `steps`; whatever happens, the app is reaped (or killed) within [`STEP`]
    /// after them. Returns how it exited (`None`: killed).
    pub fn drive(&mut self, steps: impl FnOnce(&mut Self)) -> Option<ExitStatus> {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| steps(self)));
        if let Err(panic) = result {
            let _ = self.child.kill();
            std::panic::resume_unwind(panic);
        }
        self.wait_exit()
    }

    /// The pid of the app that the script started in the background and printed
    /// (`& echo "APP-PID $!"`).
    pub fn app_pid(&self) -> Option<String> {
        String::from_utf8_lossy(&self.raw)
            .split("APP-PID ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next().map(str::to_string))
    }

    /// The terminal as the app left it: main screen, cursor shown, no mouse reporting,
    /// and `stty` (run after the app, see [`THEN_STTY`]) reporting echo and canonical
    /// mode.
    pub fn assert_restored(&self) {
        let screen = self.parser.screen();
        assert!(!screen.alternate_screen(), "alternate screen left");
        assert!(!screen.hide_cursor(), "cursor visible");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting off"
        );
        let raw = String::from_utf8_lossy(&self.raw).to_string();
        let stty = &raw[raw.rfind("STTY-BEGIN").unwrap()..];
        let flags: Vec<&str> = stty.split_whitespace().collect();
        assert!(flags.contains(&"echo"), "echo is back on: {stty}");
        assert!(flags.contains(&"icanon"), "raw mode is off: {stty}");
        assert!(!flags.contains(&"-echo"), "{stty}");
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A failed test must not leave the app running.
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
    }
}
