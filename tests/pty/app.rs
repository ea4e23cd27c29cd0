//! End to end: the real binary in a pseudo-terminal. Open a copy of posts/, move,
//! read, filter, edit, quit with `q`, and check the terminal is restored: alternate
//! screen left, cursor visible, mouse reporting off, and the line discipline back to
//! cooked mode with echo (asked of `stty` on the same terminal after the app exits).
//! A second session checks that SIGTERM restores the terminal too.

#![cfg(unix)]

mod app_common;

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// The longest any one step may take before the test fails (never hangs CI).
const STEP: Duration = Duration::from_secs(20);

struct Session {
    parser: vt100::Parser,
    raw: Vec<u8>,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    /// Kept open until the session ends (closing it hangs up the terminal).
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    /// Reads output until `done` holds for the screen (or the raw bytes).
    fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen, &[u8]) -> bool) {
        let deadline = Instant::now() + STEP;
        while !done(self.parser.screen(), &self.raw) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left.max(Duration::from_millis(1))) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => panic!(
                    "timed out waiting for {what}; screen:\n{}",
                    self.parser.screen().contents()
                ),
            }
        }
    }

    fn wait_text(&mut self, text: &str) {
        let owned = text.to_string();
        self.wait_for(text, move |screen, _| screen.contents().contains(&owned));
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

/// Runs `script` under `sh` in a 100×30 pseudo-terminal, `$0` being the binary
/// and `$1` the folder; output is read on a thread so no read can hang the test.
fn start(
    script: &str,
    dir: &std::path::Path,
    editor: Option<&std::path::Path>,
) -> (Session, Box<dyn Child + Send + Sync>) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", script, env!("CARGO_BIN_EXE_meetup-reader")]);
    cmd.arg(dir);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("VISUAL");
    // Review data never comes from (or goes to) the real user's data folder.
    cmd.env(
        "MEETUP_READER_DATA_DIR",
        std::env::temp_dir().join("meetup-reader-test-data"),
    );
    if let Some(editor) = editor {
        cmd.env("EDITOR", editor);
    }
    let child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let session = Session {
        parser: vt100::Parser::new(30.try_into().unwrap(), 100.try_into().unwrap(), 0),
        raw: Vec::new(),
        output: rx,
        writer: pty.master.take_writer().unwrap(),
        _master: pty.master,
    };
    (session, child)
}

/// Runs `steps`; whatever happens, the child is reaped (or killed) within [`STEP`].
fn drive(
    session: &mut Session,
    child: &mut Box<dyn Child + Send + Sync>,
    steps: impl FnOnce(&mut Session),
) -> Option<portable_pty::ExitStatus> {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| steps(session)));
    let deadline = Instant::now() + STEP;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline || result.is_err() {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
    status
}

/// The terminal as the app left it: main screen, cursor shown, no mouse reporting,
/// and `stty` (run after the app) reporting echo and canonical mode.
fn assert_restored(session: &Session) {
    let screen = session.parser.screen();
    assert!(!screen.alternate_screen(), "alternate screen left");
    assert!(!screen.hide_cursor(), "cursor visible");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting off"
    );
    let raw = String::from_utf8_lossy(&session.raw).to_string();
    let stty = &raw[raw.rfind("STTY-BEGIN").unwrap()..];
    let flags: Vec<&str> = stty.split_whitespace().collect();
    assert!(flags.contains(&"echo"), "echo is back on: {stty}");
    assert!(flags.contains(&"icanon"), "raw mode is off: {stty}");
    assert!(!flags.contains(&"-echo"), "{stty}");
}

const THEN_STTY: &str = "echo STTY-BEGIN; stty -a; echo STTY-END";

#[test]
fn real_terminal_session_restores_the_terminal() {
    let dir = app_common::sample_posts();
    // An "editor" that appends a line, so the app must give the terminal away and back.
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf '\\nAdded by the editor.\\n' >> \"$1\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).unwrap();
    for author in ["Ibbi2010", "atUtexas", "inf380pcoder"] {
        std::fs::rename(dir.path().join(author), posts.join(author)).unwrap();
    }
    let script = format!("\"$0\" \"$1\"; {THEN_STTY}");
    let (mut s, mut child) = start(&script, &posts, Some(&editor));
    let status = drive(&mut s, &mut child, |s| {
        s.wait_for("the alternate screen", |screen, _| {
            screen.alternate_screen()
        });
        s.wait_text("3 posts");
        assert!(
            s.parser.screen().hide_cursor(),
            "cursor hidden while running"
        );
        assert_ne!(
            s.parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting on while running"
        );
        // Move, read, back, filter.
        s.keys("j");
        s.keys("\r");
        s.wait_text("min read");
        s.keys("j");
        s.keys("h");
        s.keys("/");
        s.wait_text("filter /");
        s.keys("Cult");
        s.wait_text("1 of 3 posts");
        s.keys("\r");
        // Edit: the terminal goes to the editor and comes back fully redrawn.
        s.keys("e");
        s.wait_text("reloaded");
        assert!(s.parser.screen().alternate_screen());
        assert!(s.parser.screen().contents().contains("Posts 1/3"));
        // Ctrl-z gives the terminal back and takes it again. (Without a job-control
        // shell the kernel ignores the stop, so the app resumes at once.)
        let mark = s.raw.len();
        s.keys("\x1a");
        s.wait_for(
            "the app to leave and re-enter the screen",
            move |screen, raw| {
                let after = String::from_utf8_lossy(&raw[mark..]).to_string();
                after
                    .find("\x1b[?1049l")
                    .is_some_and(|left| after[left..].contains("\x1b[?1049h"))
                    && screen.contents().contains("Posts 1/3")
            },
        );
        s.keys("q");
        s.wait_for("stty's report", |_, raw| {
            String::from_utf8_lossy(raw).contains("STTY-END")
        });
    });
    assert!(status.as_ref().is_some_and(|s| s.success()), "{status:?}");
    assert_restored(&s);
    let edited =
        std::fs::read_to_string(posts.join("Ibbi2010/cultural-immersion-meetup-experience.md"))
            .unwrap();
    assert!(edited.ends_with("Added by the editor.\n"));
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = app_common::sample_posts();
    // Started in the background (stdin from the terminal) so the shell can print its pid.
    let script = format!("\"$0\" \"$1\" </dev/tty & echo \"APP-PID $!\"; wait; {THEN_STTY}");
    let (mut s, mut child) = start(&script, dir.path(), None);
    let app_pid = |raw: &[u8]| {
        String::from_utf8_lossy(raw)
            .split("APP-PID ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next().map(str::to_string))
    };
    drive(&mut s, &mut child, |s| {
        s.wait_text("3 posts");
        let pid = app_pid(&s.raw).expect("the shell printed the app's pid");
        let killed = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        s.wait_for("stty's report", |_, raw| {
            String::from_utf8_lossy(raw).contains("STTY-END")
        });
    });
    // If the test failed, the app (the shell's background job) must not outlive it.
    if let Some(pid) = app_pid(&s.raw) {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid])
            .stderr(std::process::Stdio::null())
            .status();
    }
    assert_restored(&s);
}

/// Sends `signal` to the app running in the foreground of a pseudo-terminal and checks
/// that it leaves the alternate screen, shows the cursor and exits through its handler
/// (128 + the signal's number), not killed by the signal.
fn signal_restores_the_terminal(signal: &str, exit_code: u32) {
    let dir = app_common::sample_posts();
    let (mut s, mut child) = start("exec \"$0\" \"$1\"", dir.path(), None);
    let pid = child.process_id().unwrap().to_string();
    let status = drive(&mut s, &mut child, |s| {
        s.wait_text("3 posts");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        s.wait_for("the main screen", |screen, _| !screen.alternate_screen());
    });
    let status = status.expect("the app exited");
    assert_eq!(status.signal(), None, "{signal}: {status:?}");
    assert_eq!(status.exit_code(), exit_code, "{signal}: {status:?}");
    assert!(!s.parser.screen().hide_cursor(), "{signal}: cursor visible");
}

#[test]
fn sighup_restores_the_terminal_and_exits() {
    // What a closing terminal window sends.
    signal_restores_the_terminal("HUP", 129);
}

#[test]
fn sigint_restores_the_terminal_and_exits() {
    // `kill -INT`, `timeout -s INT`, an IDE's stop button (Ctrl-c is a key in raw mode).
    signal_restores_the_terminal("INT", 130);
}

#[test]
fn sigquit_restores_the_terminal_and_exits() {
    signal_restores_the_terminal("QUIT", 131);
}
