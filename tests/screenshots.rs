//! The screenshots in `screenshots/` are made by the real app on `posts/`; this test makes
//! them again and fails when a committed one differs, so they cannot drift from the app.
//! `screenshots/regenerate` (UPDATE_SCREENSHOTS=1) writes them instead of comparing.
//!
//! They run on a temporary copy of the site (`posts/` plus `screenshots/draft.md` in
//! `_drafts/`), so drafting writes nothing into the repository and no screen shows today's
//! date or the machine's user name.

use std::fs;
use std::path::Path;

use meetup_reader::snapshot::{Format, parse_keys, render, run_with_reviews};

struct Screen {
    name: String,
    width: u16,
    height: u16,
    keys: String,
}

fn screens() -> Vec<Screen> {
    let table =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots/screens.txt"))
            .expect("screenshots/screens.txt");
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
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    copy_folder(&repo.join("posts"), &site.path().join("posts"));
    fs::create_dir_all(site.path().join("_drafts")).unwrap();
    fs::copy(
        repo.join("screenshots/draft.md"),
        site.path().join("_drafts/pyatx-my-first-meetup.md"),
    )
    .unwrap();
    // The title bar names the folder as given: `posts`, from inside the copy.
    std::env::set_current_dir(site.path()).unwrap();
    let mut stale = Vec::new();
    let screens = screens();
    assert!(!screens.is_empty());
    for screen in &screens {
        let events = parse_keys(&screen.keys).expect("keys in screens.txt");
        // Each screen starts from no reviews, in a review file of its own.
        let reviews = site.path().join(format!("{}-reviews.json", screen.name));
        let buffer = run_with_reviews(
            Path::new("posts"),
            screen.width,
            screen.height,
            events,
            Some(&reviews),
        );
        let svg = render(&buffer, Format::Svg);
        let path = repo
            .join("screenshots")
            .join(format!("{}.svg", screen.name));
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
    for entry in fs::read_dir(repo.join("screenshots")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".svg") {
            assert!(
                screens.iter().any(|s| s.name == stem),
                "screenshots/{name} is not in screens.txt"
            );
        }
    }
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}
