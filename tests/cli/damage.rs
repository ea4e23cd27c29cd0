//! Three kinds of damage found in real posts (issue: underscores as delimiters, a diff
//! pasted as a post, a key given twice): `check --json` names each, and `show` uses the
//! title and author recovered from them.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn app() -> Command {
    let mut cmd = Command::cargo_bin("meetup-reader").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const UNDERSCORES: &str =
    "___\nlayout: post\ntitle: Lightning talks\nauthor: Ana Ruiz\n___\n\nFive talks in an hour.\n";
/// As copied from a pull request's "files changed" view, header included.
const PASTED_DIFF: &str = "@@ -0,0 +1,8 @@\n+---\n+layout: post\n+title: Pairing on a kata\n+author: Bo Chen\n+---\n+\n+We paired on the bowling kata.\n+It took the whole evening.\n";
const KEY_TWICE: &str = "---\nlayout: post\nauthor: Cy Old\ntitle: Testing night\nauthor: Cy Young\n---\n\nThe talk was about pytest.\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ana/2024-04-01-lightning.md", UNDERSCORES);
    write(dir.path(), "bo/2024-04-02-kata.md", PASTED_DIFF);
    write(dir.path(), "cy/2024-04-03-testing.md", KEY_TWICE);
    dir
}

fn diagnostics(json: &serde_json::Value, path: &str) -> Vec<(String, String, Option<u64>, String)> {
    let file = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} has no diagnostics: {json}"));
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["line"].as_u64(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn check_json_names_each_kind_of_damage_and_its_fix() {
    let dir = site();
    let output = app()
        .args(["check", "--json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(json["posts"], 3);

    let underscores = diagnostics(&json, "ana/2024-04-01-lightning.md");
    let rules: Vec<_> = underscores.iter().map(|d| (d.0.as_str(), d.2)).collect();
    assert_eq!(
        rules,
        [
            ("delimiter-mistyped", Some(1)),
            ("delimiter-mistyped", Some(5))
        ]
    );
    assert!(
        underscores[0].3.contains("underscores"),
        "{}",
        underscores[0].3
    );
    assert!(underscores[0].3.contains("write exactly `---`"));

    let diff = diagnostics(&json, "bo/2024-04-02-kata.md");
    assert_eq!(
        diff.len(),
        1,
        "only the pasted diff, nothing it hid: {diff:?}"
    );
    assert_eq!(
        (diff[0].0.as_str(), diff[0].1.as_str()),
        ("pasted-diff", "error")
    );
    assert!(diff[0].3.contains("remove the leading `+` from every line"));
    assert!(diff[0].3.contains("1 diff header line"), "{}", diff[0].3);

    let twice = diagnostics(&json, "cy/2024-04-03-testing.md");
    assert_eq!(twice.len(), 1, "{twice:?}");
    let (rule, severity, line, message) = &twice[0];
    assert_eq!(
        (rule.as_str(), severity.as_str(), *line),
        ("key-duplicate", "warning", Some(3))
    );
    assert!(message.contains("lines 3 and 5"), "{message}");
    assert!(message.contains("Cy Young"), "{message}");
}

#[test]
fn show_and_list_use_the_recovered_title_and_author() {
    let dir = site();
    for (file, title, byline) in [
        (
            "ana/2024-04-01-lightning.md",
            "Lightning talks",
            "by Ana Ruiz",
        ),
        ("bo/2024-04-02-kata.md", "Pairing on a kata", "by Bo Chen"),
        ("cy/2024-04-03-testing.md", "Testing night", "by Cy Young"),
    ] {
        let output = app()
            .arg("show")
            .arg(dir.path().join(file))
            .assert()
            .success();
        let text = String::from_utf8(output.get_output().stdout.clone()).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(title), "{text}");
        assert!(lines.next().unwrap().starts_with(byline), "{text}");
        assert!(!text.contains("+---") && !text.contains("___"), "{text}");
    }
    // The diff's body is read without its marks, so words are counted as written.
    let output = app()
        .args(["list", "--json"])
        .arg(dir.path())
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    let kata = json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Pairing on a kata")
        .expect("the pasted post is listed by its title");
    assert_eq!(kata["author"], "Bo Chen");
    assert_eq!(kata["words"], 11);
    // `list --json` carries the rubric, as the JSON export does.
    assert_eq!(kata["rubric"]["of"], 5);
    assert_eq!(kata["rubric"]["questions"].as_array().unwrap().len(), 5);
}
