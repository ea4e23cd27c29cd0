//! End to end in a pseudo-terminal: `meetup-reader new` opens the app's editor on the
//! new draft; text typed and never saved survives SIGTERM as a recovery file; the
//! next start offers it, and recovering then Ctrl-s saves it into the draft.

#![cfg(unix)]

use crate::support::pty::Pty;

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
    let mut s = Pty::on_site(script, site);
    s.wait_output("drafting _drafts/pty-talk.md");
    s.wait_output("saved");
    s.keys("Typed in a pty");
    s.wait_output("Typed in a pty");
    s.wait_output("unsaved");
    let pid = s.app_pid().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    s.wait_output("FIRST-DONE");
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

    s.wait_output("Unsaved text found");
    s.keys("r");
    s.wait_output("recovered the unsaved text");
    s.keys("\x13"); // ctrl-s
    s.wait_output("saved _drafts/pty-talk.md");
    s.keys("\x1b");
    s.wait_output("1 post ·");
    s.keys("q");
    s.wait_output("SECOND-DONE");
    s.wait_exit();
    assert!(
        std::fs::read_to_string(&draft)
            .unwrap()
            .contains("Typed in a pty")
    );
    assert!(!recovery.exists());
}
