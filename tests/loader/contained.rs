//! The loader stays inside the folder it is given and never blocks or floods: links out
//! of it are listed, not read; folder links are followed only inside, once each; FIFOs
//! and devices named like posts are reported, never opened. Each case finishes at once.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::{Duration, Instant};

use meetup_reader::post::{Library, load_folder};

const POST: &str = "---\nlayout: post\ntitle: Real\nauthor: sam\n---\nA real meetup post.\n";

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes().to_vec()).unwrap();
    // SAFETY: a valid C string naming a path in a temporary folder.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Loads `posts` on a thread, failing the test (rather than hanging it) after 10 s.
fn load_within_seconds(posts: &Path) -> Library {
    let posts = posts.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(load_folder(&posts));
    });
    let start = Instant::now();
    let library = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the load finished instead of hanging")
        .unwrap();
    eprintln!("loaded in {:?}", start.elapsed());
    library
}

fn rules_of<'a>(library: &'a Library, path: &str) -> Vec<&'a str> {
    library
        .posts
        .iter()
        .find(|p| p.path == Path::new(path))
        .unwrap_or_else(|| panic!("{path} is listed"))
        .diagnostics
        .iter()
        .map(|d| d.rule)
        .collect()
}

fn unreadable<'a>(library: &'a Library, path: &str) -> &'a str {
    library
        .unreadable
        .iter()
        .find(|(p, _)| p == Path::new(path))
        .map(|(_, why)| why.as_str())
        .unwrap_or_else(|| panic!("{path} is reported: {:?}", library.unreadable))
}

#[test]
fn links_out_of_the_folder_are_listed_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir_all(posts.join("sam")).unwrap();
    fs::write(posts.join("sam/2024-01-01-real.md"), POST).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(
        elsewhere.join("secret.md"),
        "---\ntitle: Secret\n---\nsecret words\n",
    )
    .unwrap();
    symlink(
        elsewhere.join("secret.md"),
        posts.join("sam/2024-01-02-secret.md"),
    )
    .unwrap();
    symlink("/dev/zero", posts.join("sam/2024-01-03-zero.md")).unwrap();
    // A folder of posts outside: not followed, so its post is not listed.
    symlink(&elsewhere, posts.join("linked-out")).unwrap();

    let library = load_within_seconds(&posts);
    assert_eq!(
        rules_of(&library, "sam/2024-01-02-secret.md"),
        ["outside-site"]
    );
    assert_eq!(
        rules_of(&library, "sam/2024-01-03-zero.md"),
        ["outside-site"]
    );
    assert!(
        library
            .posts
            .iter()
            .all(|p| !p.body.contains("secret words")),
        "nothing from outside was read"
    );
    assert!(unreadable(&library, "linked-out").contains("outside the posts folder"));
    assert!(
        !library
            .posts
            .iter()
            .any(|p| p.path.starts_with("linked-out"))
    );
    assert_eq!(library.posts.len(), 3);
}

#[test]
fn fifos_and_devices_named_like_posts_are_reported_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir_all(posts.join("sam")).unwrap();
    fs::write(posts.join("sam/2024-01-01-real.md"), POST).unwrap();
    mkfifo(&posts.join("sam/2024-01-02-fifo.md"));
    // A link, inside the folder, to a file that blocks whoever reads it.
    mkfifo(&posts.join(".blocking"));
    symlink(
        posts.join(".blocking"),
        posts.join("sam/2024-01-03-blocks.md"),
    )
    .unwrap();

    let library = load_within_seconds(&posts);
    assert_eq!(
        unreadable(&library, "sam/2024-01-02-fifo.md"),
        "it is a FIFO, not a regular file"
    );
    assert_eq!(
        unreadable(&library, "sam/2024-01-03-blocks.md"),
        "it is a FIFO, not a regular file"
    );
    assert_eq!(library.posts.len(), 1);
}

#[test]
fn folder_links_inside_are_followed_once_and_loops_end() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir_all(posts.join("sam")).unwrap();
    fs::write(posts.join("sam/2024-01-01-real.md"), POST).unwrap();
    symlink(posts.join("sam"), posts.join("zz-sam-again")).unwrap();
    symlink(posts.join("sam"), posts.join("zz-sam-thrice")).unwrap();
    symlink("..", posts.join("sam/up")).unwrap();

    let library = load_within_seconds(&posts);
    let listed: Vec<_> = library.posts.iter().map(|p| p.path.clone()).collect();
    assert_eq!(listed, [Path::new("sam/2024-01-01-real.md")], "once each");
}

#[test]
fn a_link_to_proc_ends_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir_all(posts.join("sam")).unwrap();
    fs::write(posts.join("sam/2024-01-01-real.md"), POST).unwrap();
    symlink("/proc", posts.join("proc")).unwrap();
    symlink("/usr", posts.join("usr")).unwrap();
    let library = load_within_seconds(&posts);
    assert_eq!(library.posts.len(), 1);
    assert!(unreadable(&library, "proc").contains("outside the posts folder"));
    assert!(unreadable(&library, "usr").contains("outside the posts folder"));
}
