//! The screenshots in `screenshots/` are made by the real app on `posts/`; this test makes
//! them again and fails when a committed one differs, so they cannot drift from the app.
//! `screenshots/regenerate` (UPDATE_SCREENSHOTS=1) writes them instead of comparing.

use std::fs;
use std::path::Path;

use meetup_reader::snapshot::{Format, parse_keys, render, run};

struct Screen {
    name: String,
    width: u16,
    height: u16,
    keys: String,
}

fn screens() -> Vec<Screen> {
    let table = fs::read_to_string("screenshots/screens.txt").expect("screenshots/screens.txt");
    table
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let mut fields = line.split_whitespace();
            let name = fields.next().unwrap().to_string();
            let (width, height) = fields.next().unwrap().split_once('x').unwrap();
            Screen {
                name,
                width: width.parse().unwrap(),
                height: height.parse().unwrap(),
                keys: fields.collect::<Vec<_>>().join(" "),
            }
        })
        .collect()
}

#[test]
fn committed_screenshots_match_the_app() {
    // Screenshots are in colour whatever the environment says.
    // SAFETY: this is the only test in this binary, so no other thread reads the
    // environment while it changes.
    unsafe { std::env::remove_var("NO_COLOR") };
    let update = std::env::var_os("UPDATE_SCREENSHOTS").is_some();
    let mut stale = Vec::new();
    let screens = screens();
    assert!(!screens.is_empty());
    for screen in &screens {
        let events = parse_keys(&screen.keys).expect("keys in screens.txt");
        let buffer = run(Path::new("posts"), screen.width, screen.height, events);
        let svg = render(&buffer, Format::Svg);
        let path = Path::new("screenshots").join(format!("{}.svg", screen.name));
        if update {
            fs::write(&path, &svg).unwrap();
        } else if fs::read_to_string(&path).ok().as_deref() != Some(svg.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale screenshots: {}; run screenshots/regenerate and commit them",
        stale.join(", ")
    );
    // No screenshot is left behind from a screen that was removed from the table.
    for entry in fs::read_dir("screenshots").unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".svg") {
            assert!(
                screens.iter().any(|s| s.name == stem),
                "screenshots/{name} is not in screens.txt"
            );
        }
    }
}
