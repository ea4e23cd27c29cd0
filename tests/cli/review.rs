//! `meetup-reader review mark|export` on temporary copies of the sample posts, with
//! every user folder pointed into the temporary folder.

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

struct Site {
    temp: tempfile::TempDir,
}

impl Site {
    /// A copy of `posts/` in a temporary folder.
    fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("posts"),
            &temp.path().join("posts"),
        );
        Self { temp }
    }

    fn posts(&self) -> PathBuf {
        self.temp.path().join("posts")
    }

    fn data(&self) -> PathBuf {
        self.temp.path().join("data")
    }

    /// The binary, run in the temporary folder with HOME, XDG and the data folder
    /// inside it, so a test never touches the real user folders.
    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = cargo_bin_cmd!("meetup-reader");
        cmd.current_dir(self.temp.path())
            .env("HOME", self.temp.path().join("home"))
            .env("XDG_DATA_HOME", self.temp.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.temp.path().join("xdg-config"))
            .env("MEETUP_READER_DATA_DIR", self.data());
        cmd
    }

    fn mark(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd()
            .args(["review", "mark"])
            .args(args)
            .args(["--dir", "posts"])
            .assert()
    }

    /// The review files written under the data folder (not the locks beside them).
    fn review_files(&self) -> Vec<PathBuf> {
        json_files(&self.data().join("reviews"))
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

const INF: &str = "inf380pcoder/2022-12-01-inf380p's-meetup-reflection.md";
const ATU: &str = "atUtexas/2022-12-1-python-meetup-atUtexas.md";
const TRICKY_NOTE: &str = "Great detail, \"Redis\" part, too\nSecond line | with pipe";

fn mark_two(site: &Site) {
    site.mark(&[
        &format!("posts/{INF}"),
        "--status",
        "reviewed",
        "--score",
        "9.5",
        "--note",
        TRICKY_NOTE,
    ])
    .success()
    .stdout(predicate::str::contains("reviewed · score 9.5/10 · note"));
    // A path relative to the posts folder works too; `8/10` is a score.
    site.mark(&[ATU, "--status", "needs-revision", "--score", "8/10"])
        .success()
        .stdout(predicate::str::contains("score 8/10"));
}

#[test]
fn scores_outside_the_scale_are_refused_in_one_sentence() {
    let site = Site::new();
    for (score, why) in [
        ("11", "`11` is out of range: scores go from 0 to 10"),
        ("-1", "`-1` is out of range"),
        ("10.00001", "`10.00001` is out of range"),
        ("9.99999", "`9.99999` has more decimals than a score keeps"),
        ("8/5", "scores are out of 10"),
        ("A+", "is not a score"),
    ] {
        site.mark(&[ATU, "--score", score])
            .code(2)
            .stderr(predicate::str::contains(why));
    }
    assert!(site.review_files().is_empty(), "nothing was saved");
}

#[test]
fn json_export_gives_the_rubric_question_by_question() {
    let site = Site::new();
    mark_two(&site);
    let output = site
        .cmd()
        .args(["review", "export", "posts", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    let posts = json.as_array().unwrap();
    assert_eq!(posts.len(), 3);
    let inf = posts.iter().find(|p| p["path"] == INF).unwrap();
    assert_eq!(inf["status"], "reviewed");
    assert_eq!(inf["score"], 9.5);
    assert_eq!(inf["score_max"], 10.0);
    assert_eq!(inf["note"], TRICKY_NOTE);
    assert_eq!(inf["rubric"]["answered"], 5);
    assert_eq!(inf["rubric"]["of"], 5);
    let questions = inf["rubric"]["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 5);
    assert_eq!(questions[0]["question"], "How did it go?");
    assert!(
        questions
            .iter()
            .all(|q| q["found_by"] == "heading" && q["answered"] == true)
    );
    let words: u64 = questions.iter().map(|q| q["words"].as_u64().unwrap()).sum();
    assert!(words <= inf["words"].as_u64().unwrap());
    // A post without question headings says how it was judged.
    let atu = posts.iter().find(|p| p["path"] == ATU).unwrap();
    let found: Vec<&serde_json::Value> = atu["rubric"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| &q["found_by"])
        .collect();
    assert!(
        found.iter().all(|f| **f == "text" || f.is_null()),
        "{found:?}"
    );
}

#[test]
fn csv_export_parses_back_to_the_state() {
    let site = Site::new();
    mark_two(&site);
    let output = site
        .cmd()
        .args(["review", "export", "posts", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(output.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "author",
            "title",
            "date",
            "path",
            "status",
            "score (out of 10)",
            "words",
            "questions answered",
            "note",
            "words: How did it go?",
            "words: What did you learn?",
            "words: Would you find value in this kind of event after class?",
            "words: How was the experience different from your expectations?",
            "words: Could you see yourself becoming a member of a professional community like this in the future?",
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3, "a row per post");
    let by_path = |path: &str| {
        records
            .iter()
            .find(|r| &r[3] == path)
            .unwrap_or_else(|| panic!("no row for {path}"))
    };
    let inf = by_path(INF);
    assert_eq!(&inf[4], "reviewed");
    assert_eq!(&inf[5], "9.5");
    assert_eq!(&inf[7], "5 of 5");
    assert_eq!(&inf[8], TRICKY_NOTE);
    assert!(inf[6].parse::<usize>().unwrap() > 500);
    // A words column per question, adding up to no more than the post.
    let per_question: Vec<usize> = (9..14).map(|i| inf[i].parse().unwrap()).collect();
    assert!(per_question.iter().all(|&w| w >= 20), "{per_question:?}");
    assert!(per_question.iter().sum::<usize>() <= inf[6].parse::<usize>().unwrap());
    let atu = by_path(ATU);
    assert_eq!(
        (&atu[4], &atu[5], &atu[7], &atu[8]),
        ("needs-revision", "8", "2 of 5", "")
    );
    let ibbi = by_path("Ibbi2010/cultural-immersion-meetup-experience.md");
    assert_eq!((&ibbi[4], &ibbi[5]), ("unreviewed", ""));
}

#[test]
fn markdown_export_escapes_pipes_and_newlines() {
    let site = Site::new();
    mark_two(&site);
    let assert = site
        .cmd()
        .args(["review", "export", "posts", "--format", "markdown"])
        .assert()
        .success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 + 3, "header, rule, a row per post");
    assert!(lines[0].starts_with("| author | title | date | path | status |"));
    let inf = lines.iter().find(|l| l.contains(INF)).unwrap();
    assert!(inf.contains("| reviewed | 9.5 | "), "{inf}");
    assert!(
        inf.ends_with(
            " | 5 of 5 | Great detail, \"Redis\" part, too<br>Second line \\| with pipe |"
        ),
        "{inf}"
    );
    // Every row has the same number of unescaped pipes.
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    assert!(lines.iter().all(|l| cells(l) == cells(lines[0])));
}

#[test]
fn output_file_is_written_once_and_replaced_only_with_force() {
    let site = Site::new();
    mark_two(&site);
    let out = site.temp.path().join("grades.csv");
    site.cmd()
        .args(["review", "export", "posts", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let first = fs::read(&out).unwrap();
    assert!(String::from_utf8_lossy(&first).contains("9.5"));

    fs::write(&out, "keep me").unwrap();
    site.cmd()
        .args(["review", "export", "posts", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; pass --force"));
    assert_eq!(fs::read(&out).unwrap(), b"keep me");

    site.cmd()
        .args([
            "review", "export", "posts", "--format", "csv", "--force", "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(fs::read(&out).unwrap(), first);
}

#[cfg(unix)]
#[test]
fn force_never_replaces_a_fifo_a_device_or_a_link() {
    let site = Site::new();
    mark_two(&site);
    let fifo = site.temp.path().join("grades.csv");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes().to_vec()).unwrap();
    // SAFETY: a valid C string naming a path in a temporary folder.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let kept = site.temp.path().join("kept.txt");
    fs::write(&kept, "not grades").unwrap();
    let link = site.temp.path().join("link.csv");
    std::os::unix::fs::symlink(&kept, &link).unwrap();
    for (target, what) in [
        (fifo.as_path(), "it is a FIFO"),
        (link.as_path(), "it is a link to"),
        (Path::new("/dev/null"), "it is a character device"),
    ] {
        site.cmd()
            .args([
                "review", "export", "posts", "--format", "csv", "--force", "-o",
            ])
            .arg(target)
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains(what).and(predicate::str::contains("even with --force")),
            );
    }
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&kept).unwrap(), "not grades");
}

#[test]
fn a_note_that_is_a_formula_is_exported_defused() {
    let site = Site::new();
    let post = "posts/Ibbi2010/cultural-immersion-meetup-experience.md";
    site.mark(&[post, "--status", "flagged", "--note", "=1+2"])
        .success();
    let output = site
        .cmd()
        .args(["review", "export", "posts", "--format", "csv"])
        .assert()
        .success();
    let csv = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(csv.contains(",'=1+2"), "{csv}");
    assert!(!csv.contains(",=1+2"), "{csv}");
}

#[test]
fn the_review_file_is_private_and_outside_the_site() {
    let site = Site::new();
    mark_two(&site);
    let files = site.review_files();
    assert_eq!(files.len(), 1, "one file per site: {files:?}");
    let file = &files[0];
    assert!(!file.starts_with(site.posts()));
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(
        name.contains("-posts-") && name.ends_with(".json"),
        "{name}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The site itself holds only the posts it had.
    let mut names: Vec<String> = walk_names(&site.posts());
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
}

fn walk_names(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk_names(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out
}

#[test]
fn without_the_override_the_xdg_data_folder_is_used() {
    let site = Site::new();
    site.cmd()
        .env_remove("MEETUP_READER_DATA_DIR")
        .args([
            "review", "mark", ATU, "--dir", "posts", "--status", "flagged",
        ])
        .assert()
        .success();
    let reviews = site.temp.path().join("xdg-data/meetup-reader/reviews");
    assert_eq!(json_files(&reviews).len(), 1);
}

#[test]
fn review_file_option_puts_it_elsewhere_and_warns_inside_the_site() {
    let site = Site::new();
    let elsewhere = site.temp.path().join("mine.json");
    site.mark(&[ATU, "--status", "flagged", "--review-file", "mine.json"])
        .success()
        .stderr("");
    assert!(elsewhere.exists());
    assert!(site.review_files().is_empty());

    site.mark(&[
        ATU,
        "--status",
        "flagged",
        "--review-file",
        "posts/grades.json",
    ])
    .success()
    .stderr(predicate::str::contains("may be published"));
    assert!(site.posts().join("grades.json").exists());
}

#[test]
fn a_corrupt_review_file_stops_the_command_until_told_to_start_fresh() {
    let site = Site::new();
    let file = site.temp.path().join("r.json");
    fs::write(&file, "not json at all").unwrap();
    site.cmd()
        .args([
            "review",
            "export",
            "posts",
            "--format",
            "csv",
            "--review-file",
            "r.json",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("r.json cannot be read").and(predicate::str::contains("copy")),
        );
    assert_eq!(fs::read(&file).unwrap(), b"not json at all");
    site.mark(&[ATU, "--status", "reviewed", "--review-file", "r.json"])
        .code(2)
        .stderr(predicate::str::contains("pass --fresh"));
    assert_eq!(fs::read(&file).unwrap(), b"not json at all");

    site.mark(&[
        ATU,
        "--status",
        "reviewed",
        "--review-file",
        "r.json",
        "--fresh",
    ])
    .success();
    let copies: Vec<_> = fs::read_dir(site.temp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("r.json.corrupt-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(
        fs::read(site.temp.path().join(&copies[0])).unwrap(),
        b"not json at all"
    );
    assert!(fs::read_to_string(&file).unwrap().contains("\"reviewed\""));
}

#[test]
fn bad_input_is_one_sentence_and_exit_2() {
    let site = Site::new();
    site.mark(&[ATU, "--status", "done"])
        .code(2)
        .stderr(predicate::str::contains("not a review status"));
    site.mark(&[ATU, "--score", "NaN"])
        .code(2)
        .stderr(predicate::str::contains("not a score"));
    site.mark(&[ATU])
        .code(2)
        .stderr(predicate::str::contains("nothing to change"));
    site.mark(&["nowhere.md", "--status", "reviewed"])
        .code(2)
        .stderr(predicate::str::contains("cannot read the post nowhere.md"));
    fs::write(site.temp.path().join("outside.md"), "---\n---\n").unwrap();
    site.mark(&["outside.md", "--status", "reviewed"])
        .code(2)
        .stderr(predicate::str::contains("is not inside the posts folder"));
    site.cmd()
        .args(["review", "export", "missing", "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing"));
}

/// The `.json` files in `dir`.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    match fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn an_export_inside_the_site_is_refused_without_force() {
    let site = Site::new();
    mark_two(&site);
    // A posts folder not named `_posts` is its own site; inside it is refused.
    for inside in ["posts/grades.csv", "posts/ann/grades.md"] {
        site.cmd()
            .args(["review", "export", "posts", "--format", "csv", "-o", inside])
            .assert()
            .code(2)
            .stderr(
                predicates::str::contains("is inside the site folder")
                    .and(predicates::str::contains("--force")),
            );
        assert!(
            !site.temp.path().join(inside).exists(),
            "{inside} was written"
        );
    }
    site.cmd()
        .args([
            "review",
            "export",
            "posts",
            "--format",
            "csv",
            "-o",
            "posts/grades.csv",
            "--force",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "the export posts/grades.csv is inside the site folder",
        ));
    assert!(site.temp.path().join("posts/grades.csv").exists());
    // Outside the site, no question.
    site.cmd()
        .args([
            "review",
            "export",
            "posts",
            "--format",
            "csv",
            "-o",
            "grades.csv",
        ])
        .assert()
        .success();
}

/// A posts folder inside a Jekyll site (a `_config.yml` above it): the whole site is
/// published, so an export beside the posts folder is refused too.
#[test]
fn an_export_anywhere_in_the_jekyll_site_around_the_posts_is_refused() {
    let site = Site::new();
    let blog = site.temp.path().join("blog");
    copy_dir(&site.posts(), &blog.join("posts"));
    std::fs::write(blog.join("_config.yml"), "title: Course\n").unwrap();
    let export_to = |output: &str| {
        site.cmd()
            .args(["review", "export", "blog/posts", "--format", "csv", "-o"])
            .arg(output)
            .assert()
    };
    for inside in ["blog/grades.csv", "blog/_data/grades.csv"] {
        export_to(inside)
            .code(2)
            .stderr(predicates::str::contains("is inside the site folder"));
        assert!(!site.temp.path().join(inside).exists(), "{inside}");
    }
    // Beside the site, no question.
    export_to("grades.csv").success();
    assert!(site.temp.path().join("grades.csv").exists());
}

/// `--review-file` given before a command used to be ignored without a word.
#[test]
fn a_review_file_before_a_command_is_refused() {
    let site = Site::new();
    let file = site.temp.path().join("grades.json");
    site.cmd()
        .arg("--review-file")
        .arg(&file)
        .args(["list", "posts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("after the command"));
    assert!(!file.exists());
}
