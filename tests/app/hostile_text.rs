//! A post's bytes never act on the terminal: they show as visible placeholders in the
//! list and the reader (ratatui would silently drop a raw ESC, so only the placeholder
//! proves the text was made safe), the title bar tells binary files from unreadable
//! ones, and SVG snapshots stay valid XML whatever the post holds.

use meetup_reader::snapshot::{Format, parse_keys, render, run, to_text};

use crate::support::site::folder_with;

fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    folder_with(files.iter().copied())
}

#[test]
fn escapes_in_titles_and_authors_show_as_placeholders_in_the_list_and_reader() {
    let dir = site(&[(
        "ann/2024-01-01-evil.md",
        "---\ntitle: \"Evil\\e[2Jtitle\\u202e\"\nauthor: \"ann\\a\"\n---\nBody \x1b]0;x\x07 text\n"
            .as_bytes(),
    )]);
    // Under 80 columns one pane shows at a time, so each is checked on its own.
    let list = to_text(&run(dir.path(), 70, 20, Vec::new()));
    let row = list.lines().find(|l| l.contains("Evil")).unwrap();
    assert!(row.contains("Evil␛[2Jtitle"), "{list}");
    assert!(row.contains("ann␇"), "{list}");
    let reader = to_text(&run(dir.path(), 70, 20, parse_keys("enter").unwrap()));
    assert!(reader.contains("Evil␛[2Jtitle\u{FFFD}"), "{reader}");
    assert!(reader.contains("Body ␛]0;x␇ text"), "{reader}");
}

#[test]
fn binary_files_are_counted_apart_from_unreadable_ones() {
    let dir = site(&[
        ("ann/2024-01-01-ok.md", b"---\ntitle: Fine\n---\nBody\n"),
        ("ann/2024-01-02-bin.md", b"\x00\x01binary"),
    ]);
    let screen = to_text(&run(dir.path(), 120, 10, Vec::new()));
    let title = screen.lines().next().unwrap();
    assert!(title.contains("1 binary skipped"), "{title}");
    assert!(!title.contains("unreadable"), "{title}");
}

#[test]
fn svg_snapshots_stay_valid_xml() {
    let dir = site(&[(
        "ann/2024-01-01-odd.md",
        "---\ntitle: \"A\u{FFFE}B\u{FFFF}C <&>\"\n---\nBody\n".as_bytes(),
    )]);
    let svg = render(&run(dir.path(), 80, 10, Vec::new()), Format::Svg);
    assert!(!svg.contains('\u{FFFE}') && !svg.contains('\u{FFFF}'));
    assert!(svg.contains("A\u{FFFD}B\u{FFFD}C &lt;&amp;&gt;"), "{svg}");
}
