//! Drafting never hangs or floods on a hostile file where a draft's recovery file or the
//! template should be: a link to `/dev/zero` or a FIFO is refused at once, in a sentence.

#![cfg(unix)]

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

use crate::support::screen::*;
use crate::support::site::*;

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes().to_vec()).unwrap();
    // SAFETY: a valid C string naming a path in a temporary folder.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn a_recovery_file_that_is_a_device_or_a_fifo_is_refused_at_start() {
    for hostile in ["zero", "fifo"] {
        let site = site();
        let draft = site.draft("x.md", &full_draft("X"));
        let recovery = meetup_reader::draft::recovery_path(&draft);
        match hostile {
            "zero" => std::os::unix::fs::symlink("/dev/zero", &recovery).unwrap(),
            _ => mkfifo(&recovery),
        }
        let mut app = site.app();
        app.check_recoveries();
        let screen = press(&mut app, &mut terminal(160, 20), "");
        let what = if hostile == "zero" {
            "a character device"
        } else {
            "a FIFO"
        };
        assert!(screen.contains(what), "{hostile}: {screen}");
        // The draft itself still opens.
        press(&mut app, &mut terminal(100, 20), "d enter");
        assert!(app.drafting.editor.is_some() || app.layers.prompt().is_some());
    }
}

#[test]
fn a_template_that_is_a_device_or_a_fifo_fails_new_in_one_sentence() {
    for hostile in ["zero", "fifo"] {
        let site = Site::new();
        let template = site.dir.path().join("_templates/reflection.md");
        std::fs::create_dir_all(template.parent().unwrap()).unwrap();
        match hostile {
            "zero" => std::os::unix::fs::symlink("/dev/zero", &template).unwrap(),
            _ => mkfifo(&template),
        }
        let output = Command::cargo_bin("meetup-reader")
            .unwrap()
            .args(["new", "--no-edit", "--title", "T", "--author", "a", "--dir"])
            .arg(&site.posts)
            .env("MEETUP_READER_CONFIG_DIR", site.dir.path().join("config"))
            .timeout(Duration::from_secs(10))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{hostile}: {stderr}");
        assert!(stderr.contains("reflection.md"), "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}
