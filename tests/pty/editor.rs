//! End to end in a pseudo-terminal: `meetup-reader new` opens the app's editor on the
//! new draft; text typed and never saved survives SIGTERM as a recovery file; the
//! next start offers it, and recovering then Ctrl-s saves it into the draft.

#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const STEP: Duration = Duration::from_secs(20);

struct Pty {
    parser: vt100::Parser,
    raw: Vec<u8>,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    /// Runs `script` under `sh` at 120×40, `$0` being the binary and `$1` the site.
    fn start(script: &str, site: &std::path::Path) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script, env!("CARGO_BIN_EXE_meetup-reader")]);
        cmd.arg(site);
        cmd.env("TERM", "xterm-256color");
        cmd.env("MEETUP_READER_CONFIG_DIR", site.join("config"));
        cmd.env_remove("VISUAL");
        cmd.env_remove("EDITOR");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            parser: vt100::Parser::new(40.try_into().unwrap(), 120.try_into().unwrap(), 0),
            raw: Vec::new(),
            output: rx,
            writer: pty.master.take_writer().unwrap(),
            child,
            _master: pty.master,
        }
    }

    fn wait_text(&mut self, text: &str) {
        let deadline = Instant::now() + STEP;
        while !self.parser.screen().contents().contains(text)
            && !String::from_utf8_lossy(&self.raw).contains(text)
        {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left.max(Duration::from_millis(1))) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => {
                    let _ = self.child.kill();
                    panic!(
                        "timed out waiting for {text:?}; screen:\n{}",
                        self.parser.screen().contents()
                    )
                }
            }
        }
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

#[test]
fn new_opens_the_editor_and_sigterm_keeps_the_unsaved_text_for_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    std::fs::create_dir_all(site.join("posts/sam")).unwrap();
    std::fs::write(
        site.join("posts/sam/2024-01-01-old.md"),
        "---\nlayout: post\ntitle: Old\nauthor: sam\n---\nOld post.\n",
    )
    .unwrap();
    // First session: `new` in the background so the shell can print its pid; then
    // a second session on the same site.
    let script = "\"$0\" new --title 'Pty talk' --author sam --dir \"$1/posts\" </dev/tty & \
                  echo \"APP-PID $!\"; wait; echo FIRST-DONE; \"$0\" \"$1/posts\"; echo SECOND-DONE";
    let mut s = Pty::start(script, site);
    s.wait_text("drafting _drafts/pty-talk.md");
    s.wait_text("saved");
    s.keys("Typed in a pty");
    s.wait_text("Typed in a pty");
    s.wait_text("unsaved");
    let raw = String::from_utf8_lossy(&s.raw).to_string();
    let pid = raw
        .split("APP-PID ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    s.wait_text("FIRST-DONE");
    let draft = site.join("_drafts/pty-talk.md");
    let recovery = site.join("_drafts/.pty-talk.md.autosave");
    assert!(
        !std::fs::read_to_string(&draft)
            .unwrap()
            .contains("Typed in a pty")
    );
    let recovered = std::fs::read_to_string(&recovery).unwrap_or_default();
    assert!(
        recovered.contains("Typed in a pty"),
        "the signal handler wrote the recovery file: {recovered:?}"
    );

    s.wait_text("Unsaved text found");
    s.keys("r");
    s.wait_text("recovered the unsaved text");
    s.keys("\x13"); // ctrl-s
    s.wait_text("saved _drafts/pty-talk.md");
    s.keys("\x1b");
    s.wait_text("1 posts");
    s.keys("q");
    s.wait_text("SECOND-DONE");
    let _ = s.child.wait();
    assert!(
        std::fs::read_to_string(&draft)
            .unwrap()
            .contains("Typed in a pty")
    );
    assert!(!recovery.exists());
}
