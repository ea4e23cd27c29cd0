//! End to end: the real binary colours a post's code once its grammar is built in the
//! background, with no key pressed, and `show` to a terminal colours it at once.

#![cfg(unix)]

use crate::support::pty::{Launch, Pty, THEN_STTY};
use crate::support::site::write_files;

const POST: &str = "---\ntitle: Pandas night\nauthor: ann\n---\nThe example:\n\n\
```python\ndef top_speakers(df):\n    return df  # done\n```\n";

/// The foreground colour of the cell where `text` starts on screen.
fn colour_of(screen: &vt100::Screen, text: &str) -> Option<vt100::Color> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (u16::from(rows), u16::from(cols));
    (0..rows).find_map(|row| {
        let line = screen.contents_between(row, 0, row, cols);
        let at = line.find(text)?;
        let col = line[..at].chars().count() as u16;
        screen.cell(row, col).map(|cell| cell.fgcolor())
    })
}

#[test]
fn the_app_colours_code_by_itself_and_show_colours_it_at_once() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), [("posts/ann/2024-01-05-pandas.md", POST)]);
    let posts = dir.path().join("posts");
    let data = dir.path().join("data");
    let config = dir.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let mut app = Pty::start(Launch {
        script: &format!("\"$0\" \"$1\"; {THEN_STTY}"),
        args: vec![&posts],
        env: vec![
            ("MEETUP_READER_DATA_DIR", data.as_path()),
            ("MEETUP_READER_CONFIG_DIR", config.as_path()),
        ],
        size: (100, 24),
    });
    let status = app.drive(|s| {
        s.wait_text("def top_speakers");
        // The dark theme's keyword colour: light magenta, colour 13.
        s.wait_for("`def` coloured as a keyword", |screen, _| {
            colour_of(screen, "def top_speakers") == Some(vt100::Color::Idx(13))
        });
        s.keys("q");
        s.wait_for("stty's report", |_, raw| {
            String::from_utf8_lossy(raw).contains("STTY-END")
        });
    });
    assert!(status.as_ref().is_some_and(|s| s.success()), "{status:?}");
    app.assert_restored();

    let file = posts.join("ann/2024-01-05-pandas.md");
    let mut show = Pty::start(Launch {
        script: "\"$0\" show --width 60 \"$1\"",
        args: vec![&file],
        env: vec![("MEETUP_READER_CONFIG_DIR", config.as_path())],
        size: (80, 24),
    });
    let status = show.drive(|s| {
        s.wait_for("`def` coloured in show's output", |screen, _| {
            colour_of(screen, "def top_speakers") == Some(vt100::Color::Idx(13))
        });
    });
    assert!(status.as_ref().is_some_and(|s| s.success()), "{status:?}");
}
