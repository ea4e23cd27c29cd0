//! The lint registry: every rule `check` applies, with its severity and what it means.
//!
//! A [`Diagnostic`](super::Diagnostic) is made from one of these (see
//! [`Diagnostic::new`](super::Diagnostic::new)), so no rule can be reported under a name
//! or a severity that is not listed here. The README's table of rules ("The rules `check`
//! applies") is this list, in this order; a test keeps the two the same.

use super::Severity;

/// One lint rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lint {
    /// The stable kebab-case name `check` prints (e.g. `front-matter-unclosed`).
    pub name: &'static str,
    pub severity: Severity,
    /// What the rule means, as the README's table says it (Markdown).
    pub summary: &'static str,
    /// The rule needs all the posts (a collision): it is recomputed whenever the list of
    /// posts changes, never by reading one file.
    pub cross_post: bool,
}

const fn error(name: &'static str, summary: &'static str) -> Lint {
    Lint {
        name,
        severity: Severity::Error,
        summary,
        cross_post: false,
    }
}

const fn warning(name: &'static str, summary: &'static str) -> Lint {
    Lint {
        name,
        severity: Severity::Warning,
        summary,
        cross_post: false,
    }
}

pub const FRONT_MATTER_MISSING: Lint = error("front-matter-missing", "no front matter at all");
pub const FRONT_MATTER_NOT_FIRST: Lint = error(
    "front-matter-not-first",
    "blank lines before the opening `---`",
);
pub const DELIMITER_MISTYPED: Lint = error(
    "delimiter-mistyped",
    "`--`, `- - -`, `===`, `___`, `—`, `–`, an indented `---`, or the wrong number of hyphens",
);
pub const PASTED_DIFF: Lint = error(
    "pasted-diff",
    "every line starts with `+`, as copied from a diff (Jekyll shows the whole file as text); read without the `+`",
);
pub const DELIMITER_MISSING: Lint = error(
    "delimiter-missing",
    "keys at the top of the file with no `---` lines around them",
);
pub const DELIMITER_MISSING_OPENING: Lint = error(
    "delimiter-missing-opening",
    "a closing `---` with no opening one",
);
pub const FRONT_MATTER_UNCLOSED: Lint = error(
    "front-matter-unclosed",
    "an opening `---` that is never closed",
);
pub const FRONT_MATTER_TOO_LARGE: Lint =
    error("front-matter-too-large", "front matter over 64 KiB");
pub const FRONT_MATTER_YAML: Lint = error(
    "front-matter-yaml",
    "YAML that does not parse (the parser's message and line); keys are recovered line by line",
);
pub const FRONT_MATTER_NOT_KEYS: Lint = error(
    "front-matter-not-keys",
    "front matter that is not `key: value` lines",
);
pub const KEY_MISSPELT: Lint = error(
    "key-misspelt",
    "a key in the wrong case or misspelt (`Title`, `authour`): used, but Jekyll ignores it",
);
pub const DATE_INVALID: Lint = error("date-invalid", "a `date:` that is not a real date");
pub const FILENAME_NO_DATE: Lint = error(
    "filename-no-date",
    "the file name does not start with `YYYY-MM-DD-` (Jekyll skips it)",
);
pub const FILENAME_DATE_INVALID: Lint = error(
    "filename-date-invalid",
    "the date in the name is not a real date",
);
pub const FILENAME_NO_SLUG: Lint = error("filename-no-slug", "nothing after the date in the name");
pub const FILENAME_NO_EXTENSION: Lint = error(
    "filename-no-extension",
    "no extension (Jekyll does not convert it)",
);
pub const URL_COLLISION: Lint = Lint {
    cross_post: true,
    ..error(
        "url-collision",
        "two posts get the same URL: under the site's `permalink` when it has a `_config.yml`, else the same date, slug and categories",
    )
};
pub const FILE_UNREADABLE: Lint = error(
    "file-unreadable",
    "a file that cannot be read (permissions, broken link)",
);
pub const YAML_UNBALANCED_QUOTE: Lint = warning(
    "yaml-unbalanced-quote",
    "a hint under `front-matter-yaml`: a quote opened and never closed",
);
pub const YAML_COLON_IN_VALUE: Lint = warning(
    "yaml-colon-in-value",
    "a hint: a second `: ` in an unquoted value",
);
pub const YAML_INDENTED_KEY: Lint = warning(
    "yaml-indented-key",
    "a hint: a top-level key that is indented",
);
pub const YAML_NO_SPACE: Lint = warning("yaml-no-space", "a hint: `key:value` with no space");
pub const YAML_TAB: Lint = warning("yaml-tab", "a hint: a tab character");
pub const DELIMITER_TRAILING_SPACE: Lint =
    warning("delimiter-trailing-space", "spaces after a `---`");
pub const BYTE_ORDER_MARK: Lint =
    warning("byte-order-mark", "the file starts with a byte-order mark");
pub const LINE_ENDINGS: Lint = warning("line-endings", "Windows (CRLF) line ends");
pub const NOT_UTF8: Lint = warning(
    "not-utf8",
    "bytes that are not UTF-8 (decoded lossily, shown as `�`)",
);
pub const FILENAME_DATE_FORMAT: Lint = warning(
    "filename-date-format",
    "a one-digit month or day (`2022-12-1`); Jekyll takes it",
);
pub const FILENAME_SLUG_CHARACTERS: Lint = warning(
    "filename-slug-characters",
    "characters other than letters, digits, `-` and `_` in the slug",
);
pub const SLUG_COLLISION: Lint = Lint {
    cross_post: true,
    ..warning(
        "slug-collision",
        "the same slug on another date (collides under a `/:title/` permalink); with a `_config.yml`, only when its permalink has no date",
    )
};
pub const URL_CASE_COLLISION: Lint = Lint {
    cross_post: true,
    ..warning(
        "url-case-collision",
        "with a `_config.yml`: two URLs that differ only in case (one overwrites the other on macOS and Windows disks)",
    )
};
pub const FUTURE_POST: Lint = Lint {
    cross_post: true,
    ..warning(
        "future-post",
        "with a `_config.yml` that does not set `future: true`: a post dated after today, which Jekyll leaves out",
    )
};
pub const LAYOUT_MISSING: Lint = warning(
    "layout-missing",
    "no `layout:` (and none from the `defaults:` of `_config.yml`)",
);
pub const TITLE_MISSING: Lint = warning("title-missing", "no `title:`");
pub const AUTHOR_MISSING: Lint = warning(
    "author-missing",
    "no `author:`, no author folder and none from `defaults:`",
);
pub const KEY_DUPLICATE: Lint = warning(
    "key-duplicate",
    "a key given twice (`author: one`, then `author: two`): Jekyll silently uses the last",
);
pub const OUTSIDE_SITE: Lint = warning(
    "outside-site",
    "a post file that is a link to a file outside the posts folder: listed, not read (the `follow_outside_links` setting reads it)",
);
pub const PUBLISHED_NOT_BOOLEAN: Lint = warning(
    "published-not-boolean",
    "`published:` is not `true`/`false` (`no` and `off` mean false to Jekyll)",
);
pub const FILE_TOO_LARGE: Lint = warning("file-too-large", "a file over 8 MiB, read only in part");

/// Every rule, in the README's order: errors first, then warnings.
pub const ALL: &[Lint] = &[
    FRONT_MATTER_MISSING,
    FRONT_MATTER_NOT_FIRST,
    DELIMITER_MISTYPED,
    PASTED_DIFF,
    DELIMITER_MISSING,
    DELIMITER_MISSING_OPENING,
    FRONT_MATTER_UNCLOSED,
    FRONT_MATTER_TOO_LARGE,
    FRONT_MATTER_YAML,
    FRONT_MATTER_NOT_KEYS,
    KEY_MISSPELT,
    DATE_INVALID,
    FILENAME_NO_DATE,
    FILENAME_DATE_INVALID,
    FILENAME_NO_SLUG,
    FILENAME_NO_EXTENSION,
    URL_COLLISION,
    FILE_UNREADABLE,
    YAML_UNBALANCED_QUOTE,
    YAML_COLON_IN_VALUE,
    YAML_INDENTED_KEY,
    YAML_NO_SPACE,
    YAML_TAB,
    DELIMITER_TRAILING_SPACE,
    BYTE_ORDER_MARK,
    LINE_ENDINGS,
    NOT_UTF8,
    FILENAME_DATE_FORMAT,
    FILENAME_SLUG_CHARACTERS,
    SLUG_COLLISION,
    URL_CASE_COLLISION,
    FUTURE_POST,
    LAYOUT_MISSING,
    TITLE_MISSING,
    AUTHOR_MISSING,
    KEY_DUPLICATE,
    OUTSIDE_SITE,
    PUBLISHED_NOT_BOOLEAN,
    FILE_TOO_LARGE,
];

/// The rule called `name`, if the registry has one.
pub fn by_name(name: &str) -> Option<&'static Lint> {
    ALL.iter().find(|lint| lint.name == name)
}

/// True when the rule called `name` needs all the posts (see [`Lint::cross_post`]).
///
/// Runs on every diagnostic after each change to the post list, so it compares names
/// only with the few cross-post rules.
pub fn is_cross_post(name: &str) -> bool {
    ALL.iter().any(|lint| lint.cross_post && lint.name == name)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

    use super::*;

    /// The rows of the README's rules table: (name, severity, summary).
    fn readme_rules() -> Vec<(String, String, String)> {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md is readable");
        let section = readme
            .split_once("### The rules `check` applies")
            .expect("the README has a section \"The rules `check` applies\"")
            .1;
        // The section ends at the next heading.
        let section = section
            .lines()
            .take_while(|line| !line.starts_with('#'))
            .collect::<Vec<_>>();
        let header = section
            .iter()
            .position(|line| line.starts_with('|'))
            .expect("the rules section has a table");
        assert_eq!(
            section[header].trim(),
            "| rule | severity | what it means |",
            "the rules table's header"
        );
        assert!(
            section[header + 1].trim().starts_with("|---"),
            "the rules table's header has its `|---|` line"
        );
        section[header + 2..]
            .iter()
            .take_while(|line| line.starts_with('|'))
            .map(|row| {
                let inner = row
                    .trim()
                    .strip_prefix('|')
                    .and_then(|r| r.strip_suffix('|'))
                    .unwrap_or_else(|| panic!("a table row starts and ends with `|`: {row}"));
                let cells: Vec<&str> = inner.splitn(3, '|').map(str::trim).collect();
                let [name, severity, summary] = cells[..] else {
                    panic!("a rules table row has three cells: {row}");
                };
                let name = name
                    .strip_prefix('`')
                    .and_then(|n| n.strip_suffix('`'))
                    .unwrap_or_else(|| panic!("a rule's name is in backticks: {row}"));
                (name.to_string(), severity.to_string(), summary.to_string())
            })
            .collect()
    }

    fn severity_word(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    #[test]
    fn the_readme_lists_exactly_the_registry_in_order() {
        let readme = readme_rules();
        let registry: Vec<(String, String, String)> = ALL
            .iter()
            .map(|lint| {
                (
                    lint.name.to_string(),
                    severity_word(lint.severity).to_string(),
                    lint.summary.to_string(),
                )
            })
            .collect();
        // Names first, so a missing or extra rule reads as such rather than as a shift.
        let names = |rows: &[(String, String, String)]| -> Vec<String> {
            rows.iter().map(|row| row.0.clone()).collect()
        };
        assert_eq!(
            names(&readme),
            names(&registry),
            "the README's rules (left) and the registry in src/post/lint.rs (right) differ"
        );
        for (readme, registry) in readme.iter().zip(&registry) {
            assert_eq!(
                readme, registry,
                "the README's row (left) and the registry's rule (right) differ"
            );
        }
    }

    #[test]
    fn rule_names_are_kebab_case_and_unique() {
        let mut seen = HashSet::new();
        for lint in ALL {
            let kebab = !lint.name.is_empty()
                && lint.name.split('-').all(|word| {
                    !word.is_empty()
                        && word
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                });
            assert!(kebab, "`{}` is not kebab-case", lint.name);
            assert!(seen.insert(lint.name), "`{}` is listed twice", lint.name);
            assert!(
                !lint.summary.trim().is_empty(),
                "`{}` has no summary",
                lint.name
            );
        }
    }

    #[test]
    fn errors_come_before_warnings() {
        let first_warning = ALL
            .iter()
            .position(|lint| lint.severity == Severity::Warning)
            .unwrap_or(ALL.len());
        assert!(
            ALL[first_warning..]
                .iter()
                .all(|lint| lint.severity == Severity::Warning),
            "the registry lists errors first, then warnings"
        );
    }

    #[test]
    fn by_name_finds_every_rule_and_nothing_else() {
        for lint in ALL {
            assert_eq!(by_name(lint.name), Some(lint));
            assert_eq!(is_cross_post(lint.name), lint.cross_post);
        }
        assert_eq!(by_name("no-such-rule"), None);
        assert!(!is_cross_post("no-such-rule"));
        let cross: Vec<_> = ALL
            .iter()
            .filter(|l| l.cross_post)
            .map(|l| l.name)
            .collect();
        assert_eq!(
            cross,
            [
                "url-collision",
                "slug-collision",
                "url-case-collision",
                "future-post"
            ]
        );
    }

    #[test]
    fn a_diagnostic_takes_its_name_and_severity_from_the_registry() {
        let d = super::super::Diagnostic::new(&URL_COLLISION, "m", Some(3));
        assert_eq!(
            (d.rule, d.severity, d.message.as_str(), d.line),
            ("url-collision", Severity::Error, "m", Some(3))
        );
        assert_eq!(d.lint(), Some(&URL_COLLISION));
        let named = super::super::Diagnostic::warning("title-missing", "m", None);
        assert_eq!(
            (named.rule, named.severity),
            ("title-missing", Severity::Warning)
        );
    }

    #[test]
    #[should_panic(expected = "not a Warning")]
    fn a_rule_named_with_the_wrong_severity_is_refused() {
        super::super::Diagnostic::warning("url-collision", "m", None);
    }

    #[test]
    #[should_panic(expected = "no rule `no-such-rule`")]
    fn a_rule_not_in_the_registry_is_refused() {
        super::super::Diagnostic::error("no-such-rule", "m", None);
    }

    /// Every `.rs` file under `dir`, recursively.
    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("src/ is readable").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Not proof that each rule fires (the loader's tests show that), but a rule that no
    /// code makes a diagnostic of is a rule the README promises and `check` never applies.
    #[test]
    fn every_rule_is_made_into_a_diagnostic_somewhere() {
        let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
        let mut files = Vec::new();
        rust_files(src, &mut files);
        let code: String = files
            .iter()
            .filter(|path| !path.ends_with("post/lint.rs"))
            .map(|path| std::fs::read_to_string(path).expect("a source file is readable"))
            .collect::<String>()
            .split_whitespace()
            .collect();
        for lint in ALL {
            let constant = lint.name.to_uppercase().replace('-', "_");
            let call = format!("Diagnostic::new(&lint::{constant},");
            assert!(
                code.contains(&call),
                "no code makes a `{}` diagnostic (`{call} ...)`)",
                lint.name
            );
        }
    }
}
