//! End to end: the real binary in a pseudo-terminal. Open posts/, move, read,
//! filter, quit with `q`, and check the terminal is restored: alternate screen
//! left, cursor visible, mouse reporting off, and the line discipline back to
//! cooked mode with echo (asked of `stty` on the same terminal after the app exits).

#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The longest any one step may take before the test fails (never hangs CI).
const STEP: Duration = Duration::from_secs(20);

struct Session {
    parser: vt100::Parser,
    raw: Vec<u8>,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
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

#[test]
fn real_terminal_session_restores_the_terminal() {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let bin = env!("CARGO_BIN_EXE_meetup-reader");
    // After the app exits, `stty -a` reports the terminal's modes on the same tty.
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        "\"$0\" posts; echo STTY-BEGIN; stty -a; echo STTY-END",
        bin,
    ]);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
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
    let mut s = Session {
        parser: vt100::Parser::new(30.try_into().unwrap(), 100.try_into().unwrap(), 0),
        raw: Vec::new(),
        output: rx,
        writer: pty.master.take_writer().unwrap(),
    };

    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
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
        s.keys("\x1b");
        s.wait_for("the filter to clear", |screen, _| {
            !screen.contents().contains("filter /")
        });
        s.keys("q");
        s.wait_for("stty's report", |_, raw| {
            String::from_utf8_lossy(raw).contains("STTY-END")
        });
    }));
    let deadline = Instant::now() + STEP;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if let Err(panic) = result {
        let _ = child.kill();
        std::panic::resume_unwind(panic);
    }
    assert!(status.as_ref().is_some_and(|s| s.success()), "{status:?}");

    let screen = s.parser.screen();
    assert!(!screen.alternate_screen(), "alternate screen left");
    assert!(!screen.hide_cursor(), "cursor visible");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting off"
    );
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let stty = &raw[raw.rfind("STTY-BEGIN").unwrap()..];
    let flags: Vec<&str> = stty.split_whitespace().collect();
    assert!(flags.contains(&"echo"), "echo is back on: {stty}");
    assert!(flags.contains(&"icanon"), "raw mode is off: {stty}");
    assert!(!flags.contains(&"-echo"), "{stty}");
}
