//! End to end: the real binary in a pseudo-terminal. Open a copy of posts/, move,
//! read, filter, edit, quit with `q`, and check the terminal is restored: alternate
//! screen left, cursor visible, mouse reporting off, and the line discipline back to
//! cooked mode with echo (asked of `stty` on the same terminal after the app exits).
//! A second session checks that SIGTERM restores the terminal too.

#![cfg(unix)]

use std::path::Path;

use crate::support::pty::{Launch, Pty, THEN_STTY};
use crate::support::site::sample_posts;

/// Runs `script` under `sh` in a 100×30 pseudo-terminal, `$0` being the binary
/// and `$1` the folder.
fn start(script: &str, dir: &Path, editor: Option<&Path>) -> Pty {
    // Review data never comes from (or goes to) the real user's data folder.
    let data = std::env::temp_dir().join("meetup-reader-test-data");
    let mut env = vec![("MEETUP_READER_DATA_DIR", data.as_path())];
    if let Some(editor) = editor {
        env.push(("EDITOR", editor));
    }
    Pty::start(Launch {
        script,
        args: vec![dir],
        env,
        size: (100, 30),
    })
}

#[test]
fn real_terminal_session_restores_the_terminal() {
    let dir = sample_posts();
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
    let mut s = start(&script, &posts, Some(&editor));
    let status = s.drive(|s| {
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
    s.assert_restored();
    let edited =
        std::fs::read_to_string(posts.join("Ibbi2010/cultural-immersion-meetup-experience.md"))
            .unwrap();
    assert!(edited.ends_with("Added by the editor.\n"));
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = sample_posts();
    // Started in the background (stdin from the terminal) so the shell can print its pid.
    let script = format!("\"$0\" \"$1\" </dev/tty & echo \"APP-PID $!\"; wait; {THEN_STTY}");
    let mut s = start(&script, dir.path(), None);
    s.drive(|s| {
        s.wait_text("3 posts");
        let pid = s.app_pid().expect("the shell printed the app's pid");
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
    if let Some(pid) = s.app_pid() {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid])
            .stderr(std::process::Stdio::null())
            .status();
    }
    s.assert_restored();
}

/// Sends `signal` to the app running in the foreground of a pseudo-terminal and checks
/// that it leaves the alternate screen, shows the cursor and exits through its handler
/// (128 + the signal's number), not killed by the signal.
fn signal_restores_the_terminal(signal: &str, exit_code: u32) {
    let dir = sample_posts();
    let mut s = start("exec \"$0\" \"$1\"", dir.path(), None);
    let pid = s.child.process_id().unwrap().to_string();
    let status = s.drive(|s| {
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
