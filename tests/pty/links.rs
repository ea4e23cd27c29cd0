//! End to end: following links in the real binary. A link to another post opens it and
//! backspace comes back; an outside link goes to the opener from the settings (a script
//! that records its arguments), run without a shell, the address one argument, the
//! terminal handed over and taken back; `y` copies through OSC 52.

#![cfg(unix)]

use std::path::Path;

use crate::support::pty::{Launch, Pty, THEN_STTY};
use crate::support::site::write_files;

/// A link whose address a shell would split and run: the opener must get it whole.
const TRICKY: &str = "https://example.org/a?b=1&c=$(touch%20pwned);x";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ann = format!(
        "---\ntitle: First meetup\nauthor: ann\n---\nSee [Bob's post](../bob/2024-02-01-second.md) \
         and [the slides]({TRICKY}).\n"
    );
    write_files(
        dir.path(),
        [
            ("posts/ann/2024-01-05-first.md", ann),
            (
                "posts/bob/2024-02-01-second.md",
                "---\ntitle: Second meetup\nauthor: bob\n---\nDecorators, at last.\n".to_string(),
            ),
        ],
    );
    // The opener: records how many arguments it got, and each on its own line.
    let opener = dir.path().join("opener.sh");
    let record = dir.path().join("opened.txt");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > '{}'\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!("opener = \"{}\"\n", opener.display()),
    )
    .unwrap();
    dir
}

fn start(site: &Path) -> Pty {
    let data = site.join("data");
    let config = site.join("config");
    let script = format!("\"$0\" \"$1\"; {THEN_STTY}");
    Pty::start(Launch {
        script: &script,
        args: vec![&site.join("posts")],
        env: vec![
            ("MEETUP_READER_DATA_DIR", data.as_path()),
            ("MEETUP_READER_CONFIG_DIR", config.as_path()),
        ],
        size: (100, 30),
    })
}

#[test]
fn links_lead_to_posts_and_back_and_out_through_the_opener_whole() {
    let dir = site();
    let mut s = start(dir.path());
    let status = s.drive(|s| {
        s.wait_text("2 posts");
        // Newest first: Ann's post is the second.
        s.keys("j");
        s.keys("\r");
        s.wait_text("Bob's post[1]");
        // The mark of the web address is a terminal hyperlink to it (OSC 8).
        s.wait_output(&format!("\x1b]8;;{TRICKY}\x1b\\"));
        s.keys("f");
        s.wait_text("follow [");
        s.keys("1");
        s.wait_text("Decorators, at last.");
        s.keys("\x7f");
        s.wait_text("Bob's post[1]");
        // Out: the opener gets the address, the app comes back.
        let mark = s.raw.len();
        s.keys("f");
        s.wait_text("follow [");
        s.keys("2");
        s.wait_for(
            "the opener to run and the app to come back",
            move |screen, raw| {
                let after = String::from_utf8_lossy(&raw[mark..]).to_string();
                after.contains("\x1b[?1049l") && screen.contents().contains("opened https://")
            },
        );
        // Copy: the address goes to the terminal as OSC 52.
        s.keys("f");
        s.wait_text("follow [");
        s.keys("\t");
        s.keys("y");
        s.wait_text("copied ../bob");
        assert!(
            String::from_utf8_lossy(&s.raw)
                .contains("\x1b]52;c;Li4vYm9iLzIwMjQtMDItMDEtc2Vjb25kLm1k\x07"),
            "no OSC 52 for the first link"
        );
        s.keys("q");
        s.wait_for("stty's report", |_, raw| {
            String::from_utf8_lossy(raw).contains("STTY-END")
        });
    });
    assert!(status.as_ref().is_some_and(|s| s.success()), "{status:?}");
    s.assert_restored();
    let opened = std::fs::read_to_string(dir.path().join("opened.txt")).unwrap();
    assert_eq!(opened, format!("1\n{TRICKY}\n"));
    assert!(!dir.path().join("pwned").exists());
}
