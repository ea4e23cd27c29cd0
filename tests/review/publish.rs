//! The unpublish toggle is byte-exact: it touches only the `published` line, keeps
//! line endings and a BOM, and toggling twice gives back the identical file.
//! Damaged front matters are refused with a one-sentence reason and left untouched.

use std::fs;
use std::path::{Path, PathBuf};

use meetup_reader::review::publish::{
    ADDED_LINE, RefuseReason, is_published, toggle_published, toggle_published_file,
};
use proptest::prelude::*;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/publish")
}

/// Every fixture: the handwritten ones and the sample posts.
fn all_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    // The sample posts and the loader's fixtures of every malformation.
    for folder in ["posts", "tests/fixtures/messy"] {
        files.extend(walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)));
    }
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Splits into lines, each with its line ending.
fn lines_of(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// Asserts that `once` differs from `original` only by one `published` line.
fn assert_only_the_published_line_changed(original: &[u8], once: &[u8]) {
    let before = lines_of(original);
    let after = lines_of(once);
    if after.len() == before.len() + 1 {
        let added = after
            .iter()
            .zip(before.iter().chain(std::iter::once(&&b""[..])))
            .position(|(a, b)| a != b)
            .expect("one line added");
        assert!(after[added].starts_with(ADDED_LINE.as_bytes()));
        let mut without = after.clone();
        without.remove(added);
        assert_eq!(without, before);
    } else if before.len() == after.len() + 1 {
        assert_only_the_published_line_changed(once, original);
    } else {
        assert_eq!(before.len(), after.len());
        let differing: Vec<usize> = (0..before.len())
            .filter(|&i| before[i] != after[i])
            .collect();
        assert_eq!(differing.len(), 1, "exactly one line changes");
        let line = after[differing[0]];
        assert!(line.starts_with(b"published") || line.starts_with(b"\"published\""));
    }
}

fn expected_refusal(name: &str) -> Option<fn(&RefuseReason) -> bool> {
    let check: fn(&RefuseReason) -> bool = match name {
        "damaged-unclosed.md" | "damaged-crlf-unclosed.md" => |r| *r == RefuseReason::Unclosed,
        "damaged-mistyped-opening.md" | "damaged-em-dash-opening.md" => {
            |r| matches!(r, RefuseReason::MistypedOpening { .. })
        }
        "damaged-mistyped-closing.md" => |r| matches!(r, RefuseReason::MistypedClosing { .. }),
        "damaged-blank-line-first.md" => |r| *r == RefuseReason::BlankLineBeforeFrontMatter,
        "damaged-no-front-matter.md" => |r| *r == RefuseReason::NoFrontMatter,
        "damaged-stray-quote.md" => |r| matches!(r, RefuseReason::InvalidYaml { .. }),
        "damaged-wrong-case-key.md" => |r| matches!(r, RefuseReason::WrongCaseKey { .. }),
        "damaged-unclear-value.md" | "2022-12-26-published-text.md" => {
            |r| matches!(r, RefuseReason::UnclearValue { .. })
        }
        // The loader's fixtures.
        "2022-12-01-blank-lines-before.md" => |r| *r == RefuseReason::BlankLineBeforeFrontMatter,
        "2022-12-02-indented-delimiter.md"
        | "2022-12-06-two-dashes.md"
        | "2022-12-07-spaced-dashes.md"
        | "2022-12-09-em-dash.md"
        | "2022-12-10-en-dash.md" => |r| matches!(r, RefuseReason::MistypedOpening { .. }),
        "2022-12-12-no-opening.md" => |r| matches!(r, RefuseReason::MissingOpening { .. }),
        "2022-12-08-equals.md"
        | "2022-10-01-underscores.md"
        | "2022-10-02-pasted-diff.md"
        | "2022-12-13-no-front-matter.md"
        | "2022-12-14-keys-no-delimiters.md"
        | "notes.txt" => |r| *r == RefuseReason::NoFrontMatter,
        "2022-12-11-unclosed.md"
        | "2022-12-15-unbalanced-quote.md"
        | "2022-12-16-colon-in-value.md"
        | "2022-12-17-indented-keys.md"
        | "2022-12-18-no-space.md"
        | "2022-12-19-tab.md" => |r| matches!(r, RefuseReason::InvalidYaml { .. }),
        "2022-12-28-not-a-mapping.md" => |r| *r == RefuseReason::NotAMapping,
        _ => return None,
    };
    Some(check)
}

#[test]
fn every_fixture_toggles_byte_exactly_or_is_refused() {
    let fixtures = all_fixtures();
    assert!(fixtures.len() >= 60, "fixtures found: {}", fixtures.len());
    for path in fixtures {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let original = fs::read(&path).unwrap();
        match (toggle_published(&original), expected_refusal(&name)) {
            (Ok(once), None) => {
                assert_ne!(once, original, "{name}");
                assert_only_the_published_line_changed(&original, &once);
                assert_ne!(is_published(&once), is_published(&original), "{name}");
                let twice = toggle_published(&once).unwrap();
                assert_eq!(twice, original, "{name}: toggling twice is the identity");
            }
            (Err(reason), Some(expected)) => {
                assert!(expected(&reason), "{name}: unexpected reason {reason:?}");
                let sentence = reason.to_string();
                assert!(
                    !sentence.contains('\n') && sentence.len() < 200,
                    "{sentence}"
                );
            }
            (Ok(_), Some(_)) => panic!("{name} is damaged but was toggled"),
            (Err(reason), None) => panic!("{name} was refused: {reason}"),
        }
    }
}

#[test]
fn crlf_fixture_keeps_crlf_and_bom_fixture_keeps_its_bom() {
    let crlf = fs::read(fixture_dir().join("ok-crlf.md")).unwrap();
    let once = toggle_published(&crlf).unwrap();
    let text = String::from_utf8(once).unwrap();
    assert!(text.contains(&format!("\r\n{ADDED_LINE}\r\n---\r\n")));
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare LF added");

    let bom = fs::read(fixture_dir().join("ok-bom.md")).unwrap();
    assert!(
        toggle_published(&bom)
            .unwrap()
            .starts_with(b"\xEF\xBB\xBF---\n")
    );
}

#[test]
fn files_on_disk_are_toggled_atomically_and_refusals_leave_them_alone() {
    let temp = tempfile::tempdir().unwrap();
    for (index, path) in all_fixtures().into_iter().enumerate() {
        let name = path.file_name().unwrap().to_owned();
        // Fixtures in different folders share names; each copy gets its own folder.
        let folder = temp.path().join(index.to_string());
        fs::create_dir(&folder).unwrap();
        let copy = folder.join(&name);
        let original = fs::read(&path).unwrap();
        fs::write(&copy, &original).unwrap();
        set_mode(&copy, 0o644);
        match toggle_published_file(&copy, &folder) {
            Ok(published) => {
                assert!(!published || is_published(&original) == Ok(false));
                assert_eq!(mode(&copy), 0o644, "permissions are kept");
                toggle_published_file(&copy, &folder).unwrap();
                assert_eq!(fs::read(&copy).unwrap(), original);
            }
            Err(err) => {
                let message = err.to_string();
                assert!(message.contains(&*name.to_string_lossy()), "{message}");
                assert_eq!(fs::read(&copy).unwrap(), original);
            }
        }
        // Nothing but the copy is left in its folder (no temporary file).
        assert_eq!(fs::read_dir(&folder).unwrap().count(), 1);
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

#[cfg(not(unix))]
fn mode(_: &Path) -> u32 {
    0o644
}

/// A well-formed post: front matter lines from a pool of keys, an optional
/// `published` line anywhere among them, LF or CRLF, with or without a BOM, and an
/// arbitrary body (any bytes, even `---` lines and invalid UTF-8).
fn well_formed_post() -> impl Strategy<Value = Vec<u8>> {
    let pool = vec![
        "layout: post",
        "title: \"A title: with a colon\"",
        "author: someone",
        "date: 2024-03-01 10:00:00 -0500",
        "tags: [python, meetup]",
        "categories:\n  - reflections\n  - python",
        "comments: true",
        "# a comment line",
        "excerpt: >\n  published: false is only text here",
    ];
    let published = prop_oneof![
        Just(None),
        Just(Some("published: true")),
        Just(Some("published: false")),
        Just(Some("published: False  # later")),
        Just(Some("published:   TRUE")),
        Just(Some("\"published\": true")),
    ];
    (
        proptest::sample::subsequence(pool.clone(), 0..=pool.len()),
        published,
        any::<prop::sample::Index>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(any::<u8>(), 0..120),
    )
        .prop_map(|(keys, published, at, crlf, bom, dots, body)| {
            let mut lines: Vec<&str> = keys;
            if let Some(line) = published {
                let index = at.index(lines.len() + 1);
                lines.insert(index, line);
            }
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str("---");
            text.push_str(eol);
            for line in lines {
                text.push_str(&line.replace('\n', eol));
                text.push_str(eol);
            }
            text.push_str(if dots { "..." } else { "---" });
            text.push_str(eol);
            let mut bytes = text.into_bytes();
            bytes.extend(body);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn double_toggle_is_the_identity(post in well_formed_post()) {
        let once = toggle_published(&post).expect("a well-formed post is toggled");
        assert_only_the_published_line_changed(&post, &once);
        prop_assert_ne!(is_published(&once).unwrap(), is_published(&post).unwrap());
        prop_assert_eq!(toggle_published(&once).unwrap(), post);
    }

    #[test]
    fn damaged_posts_never_panic_and_accepted_ones_still_round_trip(
        post in well_formed_post(),
        cut in any::<prop::sample::Index>(),
        insert in proptest::collection::vec(any::<u8>(), 0..4),
    ) {
        // Damage the file somewhere in its first 120 bytes (the front matter).
        let at = cut.index(post.len().clamp(1, 120));
        let mut damaged = post[..at.min(post.len())].to_vec();
        damaged.extend(&insert);
        damaged.extend(&post[(at + 1).min(post.len())..]);
        if let Ok(once) = toggle_published(&damaged) {
            prop_assert_eq!(toggle_published(&once).unwrap(), damaged);
        }
    }
}

#[cfg(unix)]
#[test]
fn a_post_that_is_a_link_is_toggled_in_its_target_inside_the_site_and_refused_outside() {
    let temp = tempfile::tempdir().unwrap();
    let site = temp.path().join("posts");
    fs::create_dir_all(site.join("sam")).unwrap();
    let text = "---\nlayout: post\ntitle: A\nauthor: sam\n---\nBody.\n";
    // Inside: the link stays a link, the target changes.
    let real = site.join("sam/2024-01-01-real.md");
    fs::write(&real, text).unwrap();
    let link = site.join("sam/2024-01-02-link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert!(!toggle_published_file(&link, &site).unwrap());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("published: false")
    );

    // Outside: nothing changes, and the message names where the link leads.
    let outside = temp.path().join("elsewhere.md");
    fs::write(&outside, text).unwrap();
    let out_link = site.join("sam/2024-01-03-out.md");
    std::os::unix::fs::symlink(&outside, &out_link).unwrap();
    let err = toggle_published_file(&out_link, &site)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("elsewhere.md") && err.contains("outside"),
        "{err}"
    );
    assert!(
        fs::symlink_metadata(&out_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&outside).unwrap(), text);
}
