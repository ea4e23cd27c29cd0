//! Settings: a TOML file in the user's config folder (`--config PATH` overrides).
//!
//! Every setting has a default and a user's file overrides only what it names. A setting
//! that is wrong is reported with its line and the default is used: never a crash, never
//! silently ignored. Keybindings are kept as written here; the app's keymap checks their
//! modes and actions (it alone knows them) and reports with the same lines.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::Color;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::assignment::DEFAULT_QUESTIONS;
use crate::markdown::ThemeName;

/// The file name inside the config folder.
pub const FILE_NAME: &str = "config.toml";

/// The theme styles whose colour a user may set, as `[colors]` keys.
pub const COLOR_NAMES: [&str; 22] = [
    "text",
    "heading",
    "heading2",
    "heading3",
    "dim",
    "accent",
    "highlight",
    "warning",
    "code",
    "link",
    "marker",
    // Highlighted code's tokens.
    "comment",
    "keyword",
    "string",
    "special",
    "number",
    "function",
    "type",
    "builtin",
    "property",
    "tag",
    "attribute",
];

/// The effective settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The posts folder commands and the app open when none is named.
    pub posts_dir: Option<PathBuf>,
    /// Where drafts go (default: `_drafts` beside the posts folder).
    pub drafts_dir: Option<PathBuf>,
    /// The author of new drafts (default: `git config user.name`, else `$USER`).
    pub author: Option<String>,
    pub theme: ThemeName,
    /// Colours set in `[colors]`, by style name.
    pub colors: Vec<(String, Color)>,
    /// The reflection's questions, for the rubric and the built-in template.
    pub questions: Vec<String>,
    /// Keybindings from `[keys.<mode>]`, checked by the app's keymap.
    pub keys: Vec<KeySetting>,
    /// Read post files that are links to files outside the posts folder (default: no;
    /// they are listed with a warning instead).
    pub follow_outside_links: bool,
    /// The top of the score scale (scores go from 0 to this; default 10).
    pub score_max: f64,
    /// The command that opens links and files (default: `$BROWSER`, else `xdg-open`,
    /// or `open` on macOS); run without a shell, the link its last argument.
    pub opener: Option<String>,
    /// `y` in the reader copies a link through the terminal (OSC 52; default: yes).
    pub copy_with_osc52: bool,
    /// Code in a language with a grammar is coloured by its tokens (default: yes).
    pub highlight_code: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            posts_dir: None,
            drafts_dir: None,
            author: None,
            theme: ThemeName::Dark,
            colors: Vec::new(),
            questions: DEFAULT_QUESTIONS.iter().map(|q| q.to_string()).collect(),
            keys: Vec::new(),
            follow_outside_links: false,
            score_max: 10.0,
            opener: None,
            copy_with_osc52: true,
            highlight_code: true,
        }
    }
}

/// `action = "key"` or `action = ["key", "key"]` under `[keys.<mode>]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySetting {
    pub mode: String,
    pub action: String,
    /// The keys, read from their names (`j`, `ctrl-d`, `enter`) once, here.
    pub keys: Vec<crate::key::Key>,
    pub line: usize,
}

/// A setting that could not be used, and why; its default applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
            }
            write!(f, ": ")?;
        } else if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Settings and what was wrong with the file they came from.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub settings: Settings,
    pub problems: Vec<Problem>,
    /// The file read, if there was one.
    pub file: Option<PathBuf>,
}

static CURRENT: std::sync::OnceLock<Settings> = std::sync::OnceLock::new();

/// Makes `settings` the ones every command and the app read through [`current`]. Called
/// once, by `main`, before anything reads them; a second call is ignored.
pub fn init(settings: Settings) {
    let _ = CURRENT.set(settings);
}

/// The settings in force: those given to [`init`], else the defaults (as in library
/// tests, which never read the user's file).
pub fn current() -> &'static Settings {
    CURRENT.get_or_init(Settings::default)
}

/// `~/x` → the home folder's `x`; other paths as written.
pub fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// The settings file: `explicit` (from `--config`), else `config.toml` in the config
/// folder (`None` when there is no home folder to find it in).
pub fn settings_path(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => crate::draft::template::config_dir(None).map(|dir| dir.join(FILE_NAME)),
    }
}

/// How many of a settings file's problems are reported, at most.
const MAX_PROBLEMS_SHOWN: usize = 20;

/// Loads the settings. A missing default file means defaults; a missing `--config` file,
/// an unreadable one or bad TOML is a problem, and the defaults apply.
pub fn load(explicit: Option<&Path>) -> Loaded {
    let Some(path) = settings_path(explicit) else {
        return Loaded::default();
    };
    match crate::fsutil::read_regular_file(&path, crate::fsutil::caps::SMALL + 1) {
        Ok(bytes) if bytes.len() as u64 > crate::fsutil::caps::SMALL => Loaded {
            settings: Settings::default(),
            problems: vec![Problem {
                file: Some(path.clone()),
                line: None,
                message: format!(
                    "the settings file is larger than {} KiB, far more than any settings need; it was not read and the defaults apply",
                    crate::fsutil::caps::SMALL / 1024
                ),
            }],
            file: Some(path),
        },
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let (settings, mut problems) = parse(&text);
            // A file of thousands of mistakes is reported in a screenful, not thousands.
            if problems.len() > MAX_PROBLEMS_SHOWN {
                let more = problems.len() - MAX_PROBLEMS_SHOWN;
                problems.truncate(MAX_PROBLEMS_SHOWN);
                problems.push(Problem {
                    file: None,
                    line: None,
                    message: format!("and {more} more problems like these"),
                });
            }
            for problem in &mut problems {
                problem.file = Some(path.clone());
            }
            Loaded {
                settings,
                problems,
                file: Some(path),
            }
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
            Loaded::default()
        }
        Err(err) => Loaded {
            settings: Settings::default(),
            problems: vec![Problem {
                file: Some(path.clone()),
                line: None,
                message: format!("cannot read the settings ({err}); the defaults are used"),
            }],
            file: None,
        },
    }
}

/// Parses a settings file's text.
pub fn parse(text: &str) -> (Settings, Vec<Problem>) {
    let mut settings = Settings::default();
    let mut problems = Vec::new();
    let (table, errors) = DeTable::parse_recoverable(text);
    // Lines found by binary search over where each starts: counting newlines from the
    // top for each of 200,000 unknown keys made a hostile file quadratic.
    let lines = LineIndex::of(text);
    let line_of = |span: std::ops::Range<usize>| lines.line(span.start);
    for error in errors {
        problems.push(Problem {
            file: None,
            line: error.span().map(line_of),
            message: format!(
                "{}; the defaults are used for what it spoils",
                first_line(error.message())
            ),
        });
    }
    let mut problem = |span: std::ops::Range<usize>, message: String| {
        problems.push(Problem {
            file: None,
            line: Some(line_of(span)),
            message,
        })
    };

    for (key, value) in table.get_ref().iter() {
        let span = key.span();
        match key.get_ref().as_ref() {
            "posts_dir" | "drafts_dir" | "author" | "theme" | "opener" => {
                let Some(text_value) = string_of(value) else {
                    problem(span, format!("`{}` takes a string in quotes", key.get_ref()));
                    continue;
                };
                match key.get_ref().as_ref() {
                    "posts_dir" => settings.posts_dir = Some(PathBuf::from(text_value)),
                    "drafts_dir" => settings.drafts_dir = Some(PathBuf::from(text_value)),
                    "author" => settings.author = Some(text_value.to_string()),
                    "opener" => match text_value.trim() {
                        "" => problem(
                            span,
                            "`opener` is empty: write a command, such as \"firefox\"; the default opener is used".to_string(),
                        ),
                        command => settings.opener = Some(command.to_string()),
                    },
                    _ => match text_value {
                        "dark" => settings.theme = ThemeName::Dark,
                        "light" => settings.theme = ThemeName::Light,
                        other => problem(
                            span,
                            format!("unknown theme `{other}`: write \"dark\" or \"light\"; the dark theme is used"),
                        ),
                    },
                }
            }
            "questions" => match string_list(value) {
                Some(list) if !list.is_empty() => settings.questions = list,
                _ => problem(
                    span,
                    "`questions` takes a list of strings, such as [\"How did it go?\"]; the built-in questions are used".to_string(),
                ),
            },
            "score_max" => match number_of(value).filter(|n| *n > 0.0 && n.is_finite()) {
                Some(max) => settings.score_max = max,
                None => problem(
                    span,
                    "`score_max` takes a number above 0, such as 10 or 100; scores are out of 10".to_string(),
                ),
            },
            "follow_outside_links" => match value.get_ref() {
                DeValue::Boolean(yes) => settings.follow_outside_links = *yes,
                _ => problem(
                    span,
                    "`follow_outside_links` takes true or false; links out of the posts folder are not followed".to_string(),
                ),
            },
            "copy_with_osc52" => match value.get_ref() {
                DeValue::Boolean(yes) => settings.copy_with_osc52 = *yes,
                _ => problem(
                    span,
                    "`copy_with_osc52` takes true or false; links are copied".to_string(),
                ),
            },
            "highlight_code" => match value.get_ref() {
                DeValue::Boolean(yes) => settings.highlight_code = *yes,
                _ => problem(
                    span,
                    "`highlight_code` takes true or false; code is coloured".to_string(),
                ),
            },
            "colors" => read_colors(value, &mut settings, &mut problem),
            "keys" => read_keys(value, &lines, &mut settings, &mut problem),
            other => problem(span, unknown_setting(other)),
        }
    }
    // The table iterates in key order, not file order; report in file order.
    problems.sort_by_key(|p| p.line);
    settings.keys.sort_by_key(|k| k.line);
    (settings, problems)
}

fn unknown_setting(name: &str) -> String {
    const KNOWN: [&str; 12] = [
        "posts_dir",
        "drafts_dir",
        "author",
        "theme",
        "questions",
        "score_max",
        "follow_outside_links",
        "opener",
        "copy_with_osc52",
        "highlight_code",
        "colors",
        "keys",
    ];
    let guess = KNOWN
        .iter()
        .min_by_key(|k| strsim::damerau_levenshtein(name, k))
        .filter(|k| strsim::damerau_levenshtein(name, k) <= 2);
    match guess {
        Some(meant) => format!("unknown setting `{name}` (did you mean `{meant}`?); it is ignored"),
        None => format!(
            "unknown setting `{name}`; the settings are {}; it is ignored",
            KNOWN.join(", ")
        ),
    }
}

fn read_colors(
    value: &Spanned<DeValue<'_>>,
    settings: &mut Settings,
    problem: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    let DeValue::Table(table) = value.get_ref() else {
        problem(
            value.span(),
            "`colors` must be a table: `[colors]`, then `accent = \"yellow\"`".to_string(),
        );
        return;
    };
    for (name, color) in table.iter() {
        let name_text: &str = name.get_ref();
        if !COLOR_NAMES.contains(&name_text) {
            problem(
                name.span(),
                format!(
                    "unknown colour `{name_text}`; the colours are {}; it is ignored",
                    COLOR_NAMES.join(", ")
                ),
            );
            continue;
        }
        match string_of(color).map(Color::from_str) {
            Some(Ok(parsed)) => settings.colors.push((name_text.to_string(), parsed)),
            _ => problem(
                color.span(),
                format!(
                    "`{name_text}` is not a colour: write a name such as \"yellow\" or \"light-blue\", or \"#rrggbb\"; the theme's colour is used"
                ),
            ),
        }
    }
}

fn read_keys(
    value: &Spanned<DeValue<'_>>,
    lines: &LineIndex,
    settings: &mut Settings,
    problem: &mut impl FnMut(std::ops::Range<usize>, String),
) {
    let DeValue::Table(modes) = value.get_ref() else {
        problem(
            value.span(),
            "`keys` must hold tables such as `[keys.list]`".to_string(),
        );
        return;
    };
    for (mode, bindings) in modes.iter() {
        let DeValue::Table(bindings) = bindings.get_ref() else {
            problem(
                mode.span(),
                format!(
                    "`keys.{}` must be a table of `action = \"key\"` lines",
                    mode.get_ref()
                ),
            );
            continue;
        };
        for (action, keys) in bindings.iter() {
            let Some(list) = spanned_strings(keys) else {
                problem(
                    keys.span(),
                    format!(
                        "`{}` takes a key such as \"j\" or a list such as [\"j\", \"down\"]",
                        action.get_ref()
                    ),
                );
                continue;
            };
            // The names help prints; the keymap reads them again when it applies them.
            let (mut good, mut bad) = (Vec::new(), Vec::new());
            for (key, span) in list {
                match crate::key::Key::from_str(&key) {
                    Ok(key) if good.contains(&key) => {}
                    Ok(key) => good.push(key),
                    Err(err) => bad.push((err, span)),
                }
            }
            let outcome = if good.is_empty() {
                format!("the default keys for `{}` are kept", action.get_ref())
            } else {
                format!("the other keys given for `{}` are used", action.get_ref())
            };
            for (err, span) in bad {
                problem(span, format!("{err}; {outcome}"));
            }
            if !good.is_empty() {
                settings.keys.push(KeySetting {
                    mode: mode.get_ref().to_string(),
                    action: action.get_ref().to_string(),
                    keys: good,
                    line: lines.line(action.span().start),
                });
            }
        }
    }
}

/// An integer or a float setting, as a number.
fn number_of(value: &Spanned<DeValue<'_>>) -> Option<f64> {
    match value.get_ref() {
        DeValue::Integer(n) => n.as_str().parse().ok(),
        DeValue::Float(n) => n.as_str().parse().ok(),
        _ => None,
    }
}

fn string_of<'a>(value: &'a Spanned<DeValue<'_>>) -> Option<&'a str> {
    match value.get_ref() {
        DeValue::String(s) => Some(s),
        _ => None,
    }
}

/// A string, or a list of strings.
fn string_list(value: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
    match value.get_ref() {
        DeValue::String(s) => Some(vec![s.to_string()]),
        DeValue::Array(items) => items
            .iter()
            .map(|item| string_of(item).map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// A string, or a list of strings, each with where it is in the file.
fn spanned_strings(value: &Spanned<DeValue<'_>>) -> Option<Vec<(String, std::ops::Range<usize>)>> {
    match value.get_ref() {
        DeValue::String(s) => Some(vec![(s.to_string(), value.span())]),
        DeValue::Array(items) => items
            .iter()
            .map(|item| string_of(item).map(|s| (s.to_string(), item.span())))
            .collect(),
        _ => None,
    }
}

/// Where each line of a text starts, to name the line of a byte offset.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn of(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        Self(starts)
    }

    /// The 1-based line holding byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset).max(1)
    }
}

fn first_line(message: &str) -> &str {
    message
        .lines()
        .next()
        .unwrap_or(message)
        .trim_end_matches('.')
}

/// The effective settings as a TOML file (for `config --print`).
pub fn to_toml(settings: &Settings) -> String {
    let mut out = String::new();
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let optional = |name: &str, value: Option<String>, out: &mut String| {
        match value {
            Some(v) => writeln!(out, "{name} = {}", quote(&v)),
            None => writeln!(out, "# {name} is not set: the default applies"),
        }
        .ok();
    };
    optional(
        "posts_dir",
        settings.posts_dir.as_ref().map(|p| p.display().to_string()),
        &mut out,
    );
    optional(
        "drafts_dir",
        settings
            .drafts_dir
            .as_ref()
            .map(|p| p.display().to_string()),
        &mut out,
    );
    optional("author", settings.author.clone(), &mut out);
    let theme = match settings.theme {
        ThemeName::Dark => "dark",
        ThemeName::Light => "light",
    };
    writeln!(out, "theme = {}", quote(theme)).ok();
    writeln!(out, "questions = [").ok();
    for question in &settings.questions {
        writeln!(out, "    {},", quote(question)).ok();
    }
    writeln!(out, "]").ok();
    writeln!(out, "score_max = {}", settings.score_max).ok();
    writeln!(
        out,
        "follow_outside_links = {}",
        settings.follow_outside_links
    )
    .ok();
    optional("opener", settings.opener.clone(), &mut out);
    writeln!(out, "copy_with_osc52 = {}", settings.copy_with_osc52).ok();
    writeln!(out, "highlight_code = {}", settings.highlight_code).ok();
    if !settings.colors.is_empty() {
        writeln!(out, "\n[colors]").ok();
        for (name, color) in &settings.colors {
            writeln!(out, "{name} = {}", quote(&color.to_string())).ok();
        }
    }
    let mut modes: Vec<&str> = settings.keys.iter().map(|k| k.mode.as_str()).collect();
    modes.dedup();
    for mode in modes {
        writeln!(out, "\n[keys.{mode}]").ok();
        for key in settings.keys.iter().filter(|k| k.mode == mode) {
            let keys: Vec<String> = key.keys.iter().map(|k| quote(&k.to_string())).collect();
            writeln!(out, "{} = [{}]", key.action, keys.join(", ")).ok();
        }
    }
    out
}

/// A commented default settings file (for `config --print-default`).
pub fn default_file() -> String {
    let mut out = String::from(
        "# meetup-reader settings. Every line is optional: what a file does not name keeps its default.\n\
         # Wrong settings are reported with their line, and their default is used.\n\n\
         # The posts folder to open when none is named (default: _posts in a Jekyll site, else posts).\n\
         # posts_dir = \"~/blog/_posts\"\n\n\
         # Where drafts go (default: _drafts beside the posts folder).\n\
         # drafts_dir = \"~/blog/_drafts\"\n\n\
         # The author of new drafts (default: git config user.name, else $USER).\n\
         # author = \"Ann Example\"\n\n\
         # \"dark\" or \"light\". NO_COLOR turns colours off whatever this says.\n\
         theme = \"dark\"\n\n\
         # The reflection's questions: the review rubric counts them and the built-in template asks them.\n\
         questions = [\n",
    );
    for question in DEFAULT_QUESTIONS {
        out.push_str(&format!("    \"{question}\",\n"));
    }
    out.push_str(
        "]\n\n\
         # Scores go from 0 to this (decimals allowed: 8.5); shown as 8.5/10.\n\
         score_max = 10\n\n\
         # Read post files that are links to files outside the posts folder (default: they are\n\
         # listed with an `outside-site` warning and not read).\n\
         follow_outside_links = false\n\n\
         # The command that opens links and images from the reader (f), run without a shell with\n\
         # the address as its last argument (default: $BROWSER, else xdg-open, or open on macOS).\n\
         # opener = \"firefox --new-tab\"\n\n\
         # y in the reader's link chooser copies a link through the terminal (OSC 52).\n\
         copy_with_osc52 = true\n\n\
         # Colour code by its tokens when a fence names Python, shell, HTML, CSS, JavaScript,\n\
         # JSON, YAML, Markdown, Ruby or SQL.\n\
         highlight_code = true\n\n\
         # Colours of the theme's styles: a name (\"yellow\", \"light-blue\") or \"#rrggbb\".\n\
         [colors]\n\
         # accent = \"yellow\"\n\n\
         # Keybindings, per mode: action = \"key\" or [\"key\", \"key\"]. They replace the action's default keys\n\
         # in that mode. `meetup-reader` lists modes and actions in its help overlay (?).\n\
         # A key is a character (\"j\", \"G\", \"/\") or a name as help shows it: space enter esc tab shift-tab\n\
         # backspace delete insert up down left right home end pgup pgdn f1..f24, with ctrl- or alt- before it\n\
         # if needed (\"ctrl-d\", \"ctrl-space\", \"alt-b\").\n\
         # [keys.list]\n\
         # down = [\"j\", \"down\"]\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_scale_and_outside_links_are_read_and_checked() {
        let (settings, problems) = parse("score_max = 100\nfollow_outside_links = true\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(settings.score_max, 100.0);
        assert!(settings.follow_outside_links);
        assert_eq!(parse("score_max = 4.5\n").0.score_max, 4.5);
        for bad in [
            "score_max = 0\n",
            "score_max = -3\n",
            "score_max = \"ten\"\n",
        ] {
            let (settings, problems) = parse(bad);
            assert_eq!(settings.score_max, 10.0, "{bad}");
            assert!(
                problems[0]
                    .message
                    .contains("`score_max` takes a number above 0"),
                "{bad}"
            );
        }
        let (settings, problems) = parse("follow_outside_links = \"yes\"\n");
        assert!(!settings.follow_outside_links);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn a_file_overrides_only_what_it_names() {
        let (settings, problems) = parse("author = \"Ann\"\n");
        assert!(problems.is_empty());
        assert_eq!(settings.author.as_deref(), Some("Ann"));
        assert_eq!(settings.theme, ThemeName::Dark);
        assert_eq!(settings.questions.len(), 5);
    }

    #[test]
    fn wrong_settings_are_reported_with_their_line_and_defaults_kept() {
        let text = "author = \"Ann\"\nthme = \"light\"\ntheme = \"blue\"\nquestions = 3\n\n[colors]\naccent = \"not-a-colour\"\nborder = \"red\"\nheading = \"#88c0d0\"\n\n[keys.list]\ndown = [\"j\", \"ctrl-\"]\nup = 5\n";
        let (settings, problems) = parse(text);
        let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
        assert_eq!(
            lines,
            [
                Some(2),
                Some(3),
                Some(4),
                Some(7),
                Some(8),
                Some(12),
                Some(13)
            ]
        );
        assert!(problems[0].message.contains("did you mean `theme`"));
        assert_eq!(settings.theme, ThemeName::Dark);
        assert_eq!(settings.questions.len(), 5);
        assert_eq!(
            settings.colors,
            vec![("heading".to_string(), Color::from_str("#88c0d0").unwrap())]
        );
        assert_eq!(settings.keys.len(), 1);
        assert_eq!(settings.keys[0].keys, [crate::key::Key::ch('j')]);
        assert_eq!(settings.keys[0].line, 12);
    }

    #[test]
    fn keys_are_read_by_the_names_help_prints_and_bad_ones_reported_on_their_line() {
        let text = "[keys.editor]\nprevious-field = \"shift-tab\"\nselect = [\n  \"ctrl-space\",\n  \"ctrl-\u{2191}\u{2191}\",\n]\nhelp = [\"F1\", \"hyper-x\"]\nsave = \"nope\"\n";
        let (settings, problems) = parse(text);
        let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(5), Some(7), Some(8)], "{problems:?}");
        for problem in &problems {
            for example in ["shift-tab", "ctrl-space", "f1"] {
                assert!(problem.message.contains(example), "{}", problem.message);
            }
        }
        assert!(
            problems[0]
                .message
                .contains("the other keys given for `select` are used")
        );
        assert!(problems[2].message.starts_with("`nope` is not a key name"));
        assert!(
            problems[2]
                .message
                .ends_with("the default keys for `save` are kept")
        );
        let keys: Vec<(&str, Vec<String>)> = settings
            .keys
            .iter()
            .map(|k| {
                (
                    k.action.as_str(),
                    k.keys.iter().map(|k| k.to_string()).collect(),
                )
            })
            .collect();
        // Read once, here: printed back by the names help shows.
        assert_eq!(
            keys,
            [
                ("previous-field", vec!["shift-tab".to_string()]),
                ("select", vec!["ctrl-space".to_string()]),
                ("help", vec!["f1".to_string()]),
            ]
        );
    }

    #[test]
    fn broken_toml_is_a_problem_not_a_crash() {
        let (settings, problems) = parse("author = \"Ann\ntheme = \"light\"\n");
        assert!(!problems.is_empty());
        assert_eq!(problems[0].line, Some(1));
        assert_eq!(settings.questions.len(), 5);
    }

    #[test]
    fn printed_settings_read_back_the_same() {
        let (settings, problems) = parse(
            "author = \"Ann \\\"A\\\"\"\ntheme = \"light\"\nquestions = [\"One?\", \"Two?\"]\n[colors]\naccent = \"yellow\"\n[keys.list]\ndown = [\"j\", \"ctrl-n\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let (again, problems) = parse(&to_toml(&settings));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            again,
            Settings {
                keys: again.keys.clone(),
                ..settings.clone()
            }
        );
        assert_eq!(again.keys[0].keys, settings.keys[0].keys);
        let (defaults, problems) = parse(&default_file());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(defaults, Settings::default());
    }

    /// The domain (posts, reviews, drafts, rendering, the site) is handed its settings;
    /// only the app and the commands read the settings in force.
    #[test]
    fn domain_code_never_reads_the_settings_in_force() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let domain = [
            "post",
            "review",
            "draft",
            "markdown",
            "site",
            "syntax.rs",
            "liquid.rs",
            "launcher.rs",
            "sanitize.rs",
            "fsutil.rs",
            "assignment.rs",
        ];
        let mut readers = Vec::new();
        for place in domain {
            for entry in walkdir::WalkDir::new(src.join(place)).into_iter().flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                if text.contains(concat!("config::", "current()")) {
                    readers.push(entry.path().display().to_string());
                }
            }
        }
        assert!(
            readers.is_empty(),
            "read the settings in force: {readers:?}"
        );
    }
}
