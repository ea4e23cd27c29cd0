//! Code highlighting: the language a fence names, and which bytes of a block are which
//! kind of token. It knows nothing of colours; the renderer maps a [`Token`] to a style.
//!
//! The grammars are tree-sitter's (one parse per block, then the language's highlight
//! query). Building a language's queries takes up to about 50 ms (Ruby), so nothing is
//! built at start-up: the app builds them on a background thread after its first frame
//! ([`warm_up`]) and meanwhile shows code plain; `show` builds only the languages it
//! meets. A block's tokens do not depend on the width, so they are kept (a bounded
//! number) and a resize or a re-render does not parse again; big blocks are highlighted
//! on a thread of their own in the app.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

/// A language with a grammar. `MarkdownInline` is only ever reached from Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Python,
    Shell,
    Html,
    Css,
    JavaScript,
    Json,
    Yaml,
    Markdown,
    MarkdownInline,
    Ruby,
    Sql,
}

/// The order the background warm-up builds them in: what course posts hold most first.
const WARM_UP_ORDER: [Lang; 11] = [
    Lang::Python,
    Lang::Shell,
    Lang::Html,
    Lang::Css,
    Lang::JavaScript,
    Lang::Json,
    Lang::Yaml,
    Lang::Markdown,
    Lang::MarkdownInline,
    Lang::Sql,
    Lang::Ruby,
];

impl Lang {
    /// The language a fence's info word names (`python`, `py`, `sh`, `console`, …),
    /// case aside; `None` for one without a grammar here.
    pub fn from_fence(word: &str) -> Option<Lang> {
        let word = word.trim_start_matches('.').to_ascii_lowercase();
        Some(match word.as_str() {
            "python" | "py" | "python3" | "py3" | "pycon" | "ipython" | "gyp" => Lang::Python,
            "sh" | "bash" | "shell" | "zsh" | "console" | "shell-session" | "terminal" | "ksh"
            | "shellsession" => Lang::Shell,
            "html" | "htm" | "xhtml" | "liquid" | "vue" | "svelte" => Lang::Html,
            "css" => Lang::Css,
            "javascript" | "js" | "jsx" | "mjs" | "cjs" | "node" | "ecmascript" => Lang::JavaScript,
            "json" | "jsonc" | "json5" | "geojson" | "ipynb" => Lang::Json,
            "yaml" | "yml" => Lang::Yaml,
            "markdown" | "md" | "mkd" | "mkdn" | "gfm" => Lang::Markdown,
            "ruby" | "rb" | "erb" | "gemfile" | "rake" => Lang::Ruby,
            "sql" | "mysql" | "postgresql" | "postgres" | "sqlite" | "psql" | "plsql" => Lang::Sql,
            _ => return None,
        })
    }

    /// The language an injection (HTML's `<script>`, a fence inside Markdown) names.
    fn from_injection(name: &str) -> Option<Lang> {
        if name == "markdown_inline" {
            return Some(Lang::MarkdownInline);
        }
        Lang::from_fence(name)
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Compiles the grammar's queries, leaving out the locals queries (they tell a
    /// variable's uses apart, which are not coloured here, and cost about a quarter of
    /// JavaScript's highlighting time). `None` only if a query shipped with a grammar
    /// does not compile against it (a version mismatch): the language then stays plain.
    /// Done once a process through [`highlight`]; public for benchmarks.
    pub fn build(self) -> Option<HighlightConfiguration> {
        let (language, highlights, injections): (tree_sitter::Language, _, _) = match self {
            Lang::Python => (
                tree_sitter_python::LANGUAGE.into(),
                tree_sitter_python::HIGHLIGHTS_QUERY,
                "",
            ),
            Lang::Shell => (
                tree_sitter_bash::LANGUAGE.into(),
                tree_sitter_bash::HIGHLIGHT_QUERY,
                "",
            ),
            Lang::Html => (
                tree_sitter_html::LANGUAGE.into(),
                tree_sitter_html::HIGHLIGHTS_QUERY,
                tree_sitter_html::INJECTIONS_QUERY,
            ),
            Lang::Css => (
                tree_sitter_css::LANGUAGE.into(),
                tree_sitter_css::HIGHLIGHTS_QUERY,
                "",
            ),
            Lang::JavaScript => (
                tree_sitter_javascript::LANGUAGE.into(),
                tree_sitter_javascript::HIGHLIGHT_QUERY,
                tree_sitter_javascript::INJECTIONS_QUERY,
            ),
            Lang::Json => (
                tree_sitter_json::LANGUAGE.into(),
                tree_sitter_json::HIGHLIGHTS_QUERY,
                "",
            ),
            Lang::Yaml => (
                tree_sitter_yaml::LANGUAGE.into(),
                tree_sitter_yaml::HIGHLIGHTS_QUERY,
                "",
            ),
            Lang::Markdown => (
                tree_sitter_md::LANGUAGE.into(),
                tree_sitter_md::HIGHLIGHT_QUERY_BLOCK,
                MARKDOWN_INJECTIONS,
            ),
            Lang::MarkdownInline => (
                tree_sitter_md::INLINE_LANGUAGE.into(),
                tree_sitter_md::HIGHLIGHT_QUERY_INLINE,
                tree_sitter_md::INJECTION_QUERY_INLINE,
            ),
            Lang::Ruby => (
                tree_sitter_ruby::LANGUAGE.into(),
                tree_sitter_ruby::HIGHLIGHTS_QUERY,
                "",
            ),
            Lang::Sql => (
                tree_sitter_sequel::LANGUAGE.into(),
                tree_sitter_sequel::HIGHLIGHTS_QUERY,
                "",
            ),
        };
        let name = format!("{self:?}").to_ascii_lowercase();
        let mut config =
            HighlightConfiguration::new(language, name, highlights, injections, "").ok()?;
        config.configure(&CAPTURES);
        Some(config)
    }
}

/// tree-sitter-md's own block injections leave out the children of what they inject, so
/// inline markup and fenced code inside Markdown would come out cut; this keeps them.
const MARKDOWN_INJECTIONS: &str = r#"
(fenced_code_block
  (info_string (language) @injection.language)
  (code_fence_content) @injection.content
  (#set! injection.include-children))
((html_block) @injection.content (#set! injection.language "html") (#set! injection.include-children))
((inline) @injection.content (#set! injection.language "markdown_inline") (#set! injection.include-children))
"#;

/// What a piece of code is, as far as colouring goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Token {
    Comment,
    Keyword,
    String,
    /// An escape inside a string (`\n`), a regex, a symbol.
    Special,
    Number,
    /// `True`, `None`, constants, labels.
    Constant,
    Function,
    Type,
    /// `self`, `this`, built-in names.
    Builtin,
    /// Object properties, keys, fields.
    Property,
    /// HTML tags.
    Tag,
    /// HTML attributes, decorators.
    Attribute,
    Operator,
    Punctuation,
    /// Markdown headings.
    Heading,
    /// Markdown emphasis.
    Emphasis,
    /// Markdown link targets.
    Link,
}

/// The capture names the grammars' queries use that get a colour, each with its token. A
/// capture takes the longest entry it starts with (`function.method.builtin` is a
/// `function.method`); the rest (`variable`, `variable.parameter`, …) stay plain.
const CAPTURE_TOKENS: [(&str, Token); 40] = [
    ("comment", Token::Comment),
    ("keyword", Token::Keyword),
    ("conditional", Token::Keyword),
    ("storageclass", Token::Keyword),
    ("import", Token::Keyword),
    ("charset", Token::Keyword),
    ("media", Token::Keyword),
    ("keyframes", Token::Keyword),
    ("supports", Token::Keyword),
    ("string", Token::String),
    ("string.special", Token::Special),
    ("string.escape", Token::Special),
    ("escape", Token::Special),
    ("number", Token::Number),
    ("float", Token::Number),
    ("boolean", Token::Constant),
    ("constant", Token::Constant),
    ("constant.builtin", Token::Constant),
    ("label", Token::Constant),
    ("function", Token::Function),
    ("function.builtin", Token::Builtin),
    ("function.method", Token::Function),
    ("constructor", Token::Type),
    ("type", Token::Type),
    ("type.builtin", Token::Builtin),
    ("namespace", Token::Type),
    ("variable.builtin", Token::Builtin),
    ("property", Token::Property),
    ("field", Token::Property),
    ("tag", Token::Tag),
    ("attribute", Token::Attribute),
    ("operator", Token::Operator),
    ("punctuation", Token::Punctuation),
    ("punctuation.special", Token::Special),
    ("text.title", Token::Heading),
    ("text.literal", Token::String),
    ("text.emphasis", Token::Emphasis),
    ("text.strong", Token::Emphasis),
    ("text.uri", Token::Link),
    ("text.reference", Token::Link),
];

const CAPTURES: [&str; CAPTURE_TOKENS.len()] = {
    let mut names = [""; CAPTURE_TOKENS.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = CAPTURE_TOKENS[i].0;
        i += 1;
    }
    names
};

/// A block's tokens: byte ranges of its text in order, not overlapping; bytes in no
/// range are plain.
pub type Tokens = Arc<[(Range<usize>, Token)]>;

/// From this size (about 400 lines, 6 ms of work) a block is highlighted on a thread of
/// its own when the caller does not wait ([`Loading::IfReady`]): the post opens with it
/// plain and it is coloured a moment later.
pub const BACKGROUND_FROM: usize = 16 * 1024;

const MAX_IN_FLIGHT: usize = 2;

/// Blocks bigger than this are shown plain: parsing grows with the block (about 150 ms
/// for 10,000 lines of Python) and a post must open at once.
pub const MAX_BLOCK_BYTES: usize = 64 * 1024;

/// How many blocks' tokens are kept.
const SPAN_CACHE_ENTRIES: usize = 256;
/// And how many tokens in all (24 bytes each): a draft's big block re-highlighted at
/// each keystroke of the preview must not pile up.
const SPAN_CACHE_TOKENS: usize = 400_000;

/// Whether highlighting may wait for a language's grammar to be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// Build it now if need be (`show`, tests).
    Wait,
    /// Only a language already built; another is shown plain for now (the app, while
    /// [`warm_up`] runs).
    IfReady,
}

/// The outcome of [`highlight`].
#[derive(Debug, Clone, PartialEq)]
pub enum Highlighted {
    Tokens(Tokens),
    /// The language is not built yet ([`Loading::IfReady`]); [`generation`] changes
    /// when one is.
    NotYet,
    /// Shown plain: too big, or the grammar could not be used.
    Plain,
}

static CONFIGS: [OnceLock<Option<HighlightConfiguration>>; WARM_UP_ORDER.len()] =
    [const { OnceLock::new() }; WARM_UP_ORDER.len()];
static GENERATION: AtomicU64 = AtomicU64::new(0);
static WARMING: AtomicBool = AtomicBool::new(false);
static SPANS: Mutex<VecDeque<(Lang, u128, Tokens)>> = Mutex::new(VecDeque::new());
/// Big blocks being highlighted in the background.
static IN_FLIGHT: Mutex<Vec<(Lang, u128)>> = Mutex::new(Vec::new());

fn config(lang: Lang, loading: Loading) -> Option<&'static HighlightConfiguration> {
    let cell = &CONFIGS[lang.index()];
    match loading {
        Loading::IfReady => cell.get()?.as_ref(),
        Loading::Wait => cell
            .get_or_init(|| {
                let built = lang.build();
                GENERATION.fetch_add(1, Ordering::Release);
                built
            })
            .as_ref(),
    }
}

/// Counts the languages built so far: a render made while one was missing is stale
/// once this changes.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

/// True while languages or big blocks are being worked on in the background: a
/// caller showing code plain meanwhile should look at [`generation`] again.
pub fn busy() -> bool {
    WARMING.load(Ordering::Acquire) || IN_FLIGHT.lock().is_ok_and(|jobs| !jobs.is_empty())
}

/// Builds every language on a background thread (once a process; later calls do
/// nothing).
pub fn warm_up() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        WARMING.store(true, Ordering::Release);
        let started = std::thread::Builder::new()
            .name("syntax-warm-up".into())
            .spawn(|| {
                for lang in WARM_UP_ORDER {
                    config(lang, Loading::Wait);
                }
                WARMING.store(false, Ordering::Release);
            });
        if started.is_err() {
            // No thread: the languages are built when first met instead.
            WARMING.store(false, Ordering::Release);
        }
    });
}

/// The tokens of `code` in `lang`, always parsed again (for benchmarks: [`highlight`]
/// keeps them); `None` when [`highlight`] would show the block plain.
pub fn tokens_uncached(lang: Lang, code: &str) -> Option<Vec<(Range<usize>, Token)>> {
    let outer = config(lang, Loading::Wait)?;
    run(outer, code, |name| {
        Lang::from_injection(name).and_then(|l| config(l, Loading::Wait))
    })
}

/// The tokens of `code` in `lang`.
pub fn highlight(lang: Lang, code: &str, loading: Loading) -> Highlighted {
    if code.len() > MAX_BLOCK_BYTES {
        return Highlighted::Plain;
    }
    let key = xxhash_rust::xxh3::xxh3_128(code.as_bytes());
    if let Some(tokens) = cached(lang, key) {
        return Highlighted::Tokens(tokens);
    }
    if loading == Loading::IfReady && code.len() >= BACKGROUND_FROM {
        highlight_on_own_thread(lang, key, code);
        return Highlighted::NotYet;
    }
    let Some(outer) = config(lang, loading) else {
        return match CONFIGS[lang.index()].get() {
            None => Highlighted::NotYet,
            Some(_) => Highlighted::Plain,
        };
    };
    // A language injected into this one (HTML's `<script>`) that is not built yet
    // leaves its part plain: such tokens are not kept, to be made again once it is.
    let missing = std::cell::Cell::new(false);
    let injected = |name: &str| {
        let inner = Lang::from_injection(name)?;
        let found = config(inner, loading);
        missing.set(missing.get() || (found.is_none() && CONFIGS[inner.index()].get().is_none()));
        found
    };
    let Some(tokens) = run(outer, code, injected) else {
        return Highlighted::Plain;
    };
    let tokens: Tokens = tokens.into();
    if !missing.get() {
        remember(lang, key, tokens.clone());
    }
    Highlighted::Tokens(tokens)
}

/// Highlights a big block on a thread of its own, once however often it is asked for;
/// [`generation`] changes when its tokens are kept.
fn highlight_on_own_thread(lang: Lang, key: u128, code: &str) {
    let Ok(mut jobs) = IN_FLIGHT.lock() else {
        return;
    };
    // One per core at most; a block left out is asked for again when the screen is
    // drawn after another one ends.
    if jobs.contains(&(lang, key)) || jobs.len() >= MAX_IN_FLIGHT {
        return;
    }
    jobs.push((lang, key));
    drop(jobs);
    let code = code.to_string();
    let job = move || {
        // Kept even when empty (a grammar that failed): the block is then plain, and
        // never asked for again.
        let tokens = tokens_uncached(lang, &code).unwrap_or_default();
        remember(lang, key, tokens.into());
        if let Ok(mut jobs) = IN_FLIGHT.lock() {
            jobs.retain(|job| *job != (lang, key));
        }
        GENERATION.fetch_add(1, Ordering::Release);
    };
    let started = std::thread::Builder::new()
        .name("syntax-block".into())
        .spawn(job);
    if started.is_err()
        && let Ok(mut jobs) = IN_FLIGHT.lock()
    {
        // No thread: the block stays plain.
        jobs.retain(|job| *job != (lang, key));
    }
}

/// Parses and queries `code`, keeping the innermost coloured capture of each piece.
fn run(
    config: &HighlightConfiguration,
    code: &str,
    injected: impl Fn(&str) -> Option<&'static HighlightConfiguration>,
) -> Option<Vec<(Range<usize>, Token)>> {
    // A highlighter is a parser and a few buffers: making one per block costs
    // nothing next to the parse.
    let mut highlighter = Highlighter::new();
    let events = highlighter
        .highlight(config, code.as_bytes(), None, None, |name| injected(name))
        .ok()?;
    let mut tokens: Vec<(Range<usize>, Token)> = Vec::new();
    let mut open: Vec<Token> = Vec::new();
    for event in events {
        match event.ok()? {
            HighlightEvent::HighlightStart(h) => open.push(CAPTURE_TOKENS[h.0].1),
            HighlightEvent::HighlightEnd => {
                open.pop();
            }
            HighlightEvent::Source { start, end } => {
                let Some(&token) = open.last() else { continue };
                match tokens.last_mut() {
                    Some((range, last)) if *last == token && range.end == start => {
                        range.end = end;
                    }
                    _ => tokens.push((start..end, token)),
                }
            }
        }
    }
    Some(tokens)
}

fn cached(lang: Lang, key: u128) -> Option<Tokens> {
    let spans = SPANS.lock().ok()?;
    spans
        .iter()
        .find(|(l, k, _)| *l == lang && *k == key)
        .map(|(_, _, tokens)| tokens.clone())
}

fn remember(lang: Lang, key: u128, tokens: Tokens) {
    if let Ok(mut spans) = SPANS.lock() {
        let mut kept: usize = spans.iter().map(|(_, _, t)| t.len()).sum::<usize>() + tokens.len();
        while spans.len() >= SPAN_CACHE_ENTRIES || (kept > SPAN_CACHE_TOKENS && !spans.is_empty()) {
            if let Some((_, _, old)) = spans.pop_front() {
                kept -= old.len();
            }
        }
        spans.push_back((lang, key, tokens));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(lang: Lang, code: &str) -> Vec<(&str, Token)> {
        let Highlighted::Tokens(tokens) = highlight(lang, code, Loading::Wait) else {
            panic!("{lang:?} not highlighted");
        };
        tokens
            .iter()
            .map(|(range, token)| (&code[range.clone()], *token))
            .collect()
    }

    #[test]
    fn every_language_builds_and_colours_something() {
        let samples = [
            (Lang::Python, "def f(x):\n    return 'a'  # done\n"),
            (Lang::Shell, "echo \"hi\" | grep h # comment\n"),
            (Lang::Html, "<p class=\"x\">hi</p>\n"),
            (Lang::Css, "p { color: red; }\n"),
            (Lang::JavaScript, "const x = 'a'; // c\n"),
            (Lang::Json, "{\"a\": 1}\n"),
            (Lang::Yaml, "title: \"Hi\"\n"),
            (Lang::Markdown, "# Title\n\nSome *text*.\n"),
            (Lang::Ruby, "def f\n  puts 'a'\nend\n"),
            (Lang::Sql, "SELECT name FROM people WHERE id = 1;\n"),
        ];
        for (lang, code) in samples {
            assert!(!tokens(lang, code).is_empty(), "{lang:?}");
        }
    }

    #[test]
    fn python_tokens_are_what_a_reader_expects() {
        let found = tokens(
            Lang::Python,
            "def greet(name):\n    return 'hi'  # say it\n",
        );
        assert!(found.contains(&("def", Token::Keyword)));
        assert!(found.contains(&("greet", Token::Function)));
        assert!(found.contains(&("'hi'", Token::String)));
        assert!(found.contains(&("# say it", Token::Comment)));
    }

    #[test]
    fn html_colours_its_script_as_javascript() {
        let found = tokens(Lang::Html, "<script>const x = 1;</script>\n");
        assert!(found.contains(&("script", Token::Tag)));
        assert!(found.contains(&("const", Token::Keyword)));
    }

    #[test]
    fn fence_names_are_read_loosely() {
        assert_eq!(Lang::from_fence("Py"), Some(Lang::Python));
        assert_eq!(Lang::from_fence("console"), Some(Lang::Shell));
        assert_eq!(Lang::from_fence(".yml"), Some(Lang::Yaml));
        assert_eq!(Lang::from_fence("rust"), None);
        assert_eq!(Lang::from_fence(""), None);
    }

    #[test]
    fn a_huge_block_stays_plain() {
        let code = "x = 1\n".repeat(MAX_BLOCK_BYTES / 6 + 1);
        assert_eq!(
            highlight(Lang::Python, &code, Loading::Wait),
            Highlighted::Plain
        );
    }

    #[test]
    fn every_capture_name_a_query_uses_is_known_or_meant_plain() {
        let mut unknown = Vec::new();
        for lang in WARM_UP_ORDER {
            let Some(config) = config(lang, Loading::Wait) else {
                panic!("{lang:?} did not build");
            };
            for name in config.names() {
                let top = name.split('.').next().unwrap_or(name);
                let known = CAPTURES.iter().any(|c| c.split('.').next() == Some(top));
                // `glimmer` names a part of JavaScript injected as another language.
                let plain = matches!(
                    top,
                    "variable"
                        | "parameter"
                        | "embedded"
                        | "spell"
                        | "none"
                        | ""
                        | "text"
                        | "glimmer"
                ) || top.starts_with('_')
                    || top.starts_with("injection")
                    || top.starts_with("local");
                if !(known || plain) {
                    unknown.push(format!("{lang:?} @{name}"));
                }
            }
        }
        assert!(unknown.is_empty(), "{unknown:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Whatever a post's code holds (broken syntax, controls, any script), every
        /// language gives tokens in order, apart, inside the text and on character
        /// boundaries: the renderer cuts lines at them.
        #[test]
        fn tokens_are_ordered_apart_and_on_character_boundaries(
            code in "(def |<p |\\{\"|SELECT |# |`|'|\"|[ -~]|\t|\n|\u{1b}|é|日|👍🏽){0,120}",
        ) {
            for lang in WARM_UP_ORDER {
                let Some(tokens) = tokens_uncached(lang, &code) else { continue };
                let mut end = 0;
                for (range, _) in &tokens {
                    proptest::prop_assert!(range.start >= end && range.start < range.end, "{lang:?} {range:?}");
                    proptest::prop_assert!(range.end <= code.len(), "{lang:?} {range:?}");
                    proptest::prop_assert!(
                        code.is_char_boundary(range.start) && code.is_char_boundary(range.end),
                        "{lang:?} {range:?}"
                    );
                    end = range.end;
                }
            }
        }
    }
}
