//! For the few tests that change what the whole process shares (its environment):
//! such a test runs again in a child process of its own test binary, alone, so no
//! other test of the binary ever sees the change.

use std::process::Command;

/// Set in the child to the name of the one test it runs.
const CHILD: &str = "MEETUP_READER_TEST_ALONE";

/// The name libtest gives the test `test` of the module `module` (its `module_path!()`):
/// the path without the binary's own name, e.g. `editor::draft_recovery` and
/// `crash_child` give `draft_recovery::crash_child`.
pub fn test_name(module: &str, test: &str) -> String {
    match module.split_once("::") {
        Some((_, path)) => format!("{path}::{test}"),
        None => test.to_string(),
    }
}

/// Runs `body` in a child process of this test binary that runs only this test, and
/// fails when the child does (or when it ran no test). `module` and `test` name the
/// calling test, as in [`test_name`]. In the child, runs `body`.
pub fn alone(module: &str, test: &str, body: impl FnOnce()) {
    let name = test_name(module, test);
    if std::env::var_os(CHILD).is_some_and(|child| child == name.as_str()) {
        body();
        return;
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args([name.as_str(), "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD, &name)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("test result: ok. 1 passed"),
        "{name}, run alone, failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}
