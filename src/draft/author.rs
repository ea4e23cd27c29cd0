//! Who is writing: the configured author, else git's `user.name`, else the login name.

use std::process::{Command, Stdio};

/// The author for a new draft: `configured` when given (and not blank: the one asked
/// for, else the `author` setting), else `git config user.name`, else `$USER`
/// (`$USERNAME` on Windows); empty when none is known, which `publish` then reports.
pub fn default_author(configured: Option<&str>) -> String {
    resolve_author(configured, git_user_name, || {
        std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .ok()
    })
}

/// [`default_author`] with its sources passed in, so the order is testable.
pub fn resolve_author(
    configured: Option<&str>,
    git_name: impl FnOnce() -> Option<String>,
    login_name: impl FnOnce() -> Option<String>,
) -> String {
    let usable = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    usable(configured.map(str::to_string))
        .or_else(|| usable(git_name()))
        .or_else(|| usable(login_name()))
        .unwrap_or_default()
}

/// `git config user.name`, if git is installed and the name is set.
fn git_user_name() -> Option<String> {
    let output = Command::new("git")
        .args(["config", "user.name"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_usable_source_wins() {
        let some = |s: &str| {
            let s = s.to_string();
            move || Some(s)
        };
        assert_eq!(
            resolve_author(Some("Ann"), some("Git"), some("login")),
            "Ann"
        );
        assert_eq!(
            resolve_author(Some("  "), some("Git Name\n"), some("login")),
            "Git Name"
        );
        assert_eq!(resolve_author(None, || None, some("login")), "login");
        assert_eq!(resolve_author(None, || None, || None), "");
    }
}
