//! A key with its modifiers, and its one written form: what help, the status line and
//! the README print ([`Display`](fmt::Display)) is what the settings file and key
//! scripts read ([`FromStr`]), so a key that is shown can always be written back.
//!
//! The names: a single character is itself (`j`, `G`, `/`, `-`); then `space`, `enter`,
//! `esc`, `tab`, `shift-tab`, `backspace`, `delete`, `insert`, `up`, `down`, `left`,
//! `right`, `home`, `end`, `pgup`, `pgdn`, `f1`…`f24`; each may have `ctrl-` and/or `alt-`
//! before it (`ctrl-d`, `ctrl-space`, `alt-b`). Names and modifiers are read in any case
//! (`Enter`, `PgDn`, `Ctrl-D`) and a few aliases are accepted (`return`, `escape`,
//! `pageup`, `pagedown`, `del`, `bs`, `c-x`, `m-x`, `ctrl+x`).

use std::fmt::{self, Write as _};
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers. Shift is folded into the character for letters (`G`),
/// and Shift-Tab is its own key (`BackTab`); with Ctrl a letter is lowercase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// The named keys, each with the name [`Key`]'s `Display` writes.
const NAMES: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("capslock", KeyCode::CapsLock),
    ("scrolllock", KeyCode::ScrollLock),
    ("numlock", KeyCode::NumLock),
    ("printscreen", KeyCode::PrintScreen),
    ("pause", KeyCode::Pause),
    ("menu", KeyCode::Menu),
    ("keypadbegin", KeyCode::KeypadBegin),
    ("null", KeyCode::Null),
];

/// Other names read for the same keys (never written).
const ALIASES: &[(&str, KeyCode)] = &[
    ("return", KeyCode::Enter),
    ("escape", KeyCode::Esc),
    ("backtab", KeyCode::BackTab),
    ("bs", KeyCode::Backspace),
    ("del", KeyCode::Delete),
    ("ins", KeyCode::Insert),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
];

/// Modifier prefixes read before a key, each followed by `-` or `+`.
const CTRL_PREFIXES: &[&str] = &["ctrl", "control", "c"];
const ALT_PREFIXES: &[&str] = &["alt", "meta", "m"];

/// The highest function key read (`f24`).
const MAX_F: u8 = 24;

/// Text that is not a key name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{text}` is not a key name: write a single character (`j`, `G`, `/`), a name \
     (`enter`, `esc`, `space`, `tab`, `shift-tab`, `backspace`, `up`, `pgdn`, `home`, `f1`) \
     or either with `ctrl-` or `alt-` before it (`ctrl-d`, `ctrl-space`, `alt-b`)"
)]
pub struct ParseKeyError {
    /// The text that was read.
    pub text: String,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    /// Ctrl and a character (lowercased, as terminals report it).
    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c.to_ascii_lowercase()),
            ctrl: true,
            alt: false,
        }
    }

    /// Alt and a character (`alt-b`; `alt-B` is Alt-Shift-b).
    pub const fn alt(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: false,
            alt: true,
        }
    }

    /// The key of a terminal's key event (Shift is in the character or in `BackTab`).
    pub fn from_event(event: &KeyEvent) -> Self {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            // Terminals report Shift-Tab as BackTab already; other shifted keys are chars.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        Self { code, ctrl, alt }
    }

    /// A key event as a terminal reports this key (`Key::from_event` gives it back).
    pub fn to_event(&self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        if self.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if self.alt {
            modifiers |= KeyModifiers::ALT;
        }
        if self.code == KeyCode::BackTab {
            modifiers |= KeyModifiers::SHIFT;
        }
        KeyEvent::new(self.code, modifiers)
    }

    /// How the key is written in help and status lines: its name, as [`FromStr`] reads it.
    pub fn label(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if let Some((name, _)) = NAMES.iter().find(|(_, code)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => f.write_char(c),
            KeyCode::F(n) => write!(f, "f{n}"),
            // Media and modifier keys are only reported with the kitty keyboard protocol,
            // which the app does not ask for; they cannot be bound.
            other => write!(f, "{}", format!("{other:?}").to_lowercase()),
        }
    }
}

impl FromStr for Key {
    type Err = ParseKeyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = text;
        let code = loop {
            let mut chars = rest.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                break KeyCode::Char(c);
            }
            if let Some(code) = named(rest) {
                break code;
            }
            if let Some(after) = strip_modifier(rest, CTRL_PREFIXES) {
                ctrl = true;
                rest = after;
            } else if let Some(after) = strip_modifier(rest, ALT_PREFIXES) {
                alt = true;
                rest = after;
            } else {
                return Err(ParseKeyError {
                    text: text.to_string(),
                });
            }
        };
        let code = match code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        Ok(Self { code, ctrl, alt })
    }
}

/// A named key or function key, in any case.
fn named(text: &str) -> Option<KeyCode> {
    if let Some((_, code)) = NAMES
        .iter()
        .chain(ALIASES)
        .find(|(name, _)| name.eq_ignore_ascii_case(text))
    {
        return Some(*code);
    }
    let digits = text.strip_prefix(['f', 'F'])?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    (1..=MAX_F).contains(&n).then_some(KeyCode::F(n))
}

/// `text` after one of `prefixes` and `-` or `+`, in any case, if a key follows.
fn strip_modifier<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|prefix| {
        let head = text.get(..prefix.len())?;
        let after = text[prefix.len()..].strip_prefix(['-', '+'])?;
        (head.eq_ignore_ascii_case(prefix) && !after.is_empty()).then_some(after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(text: &str) -> Key {
        text.parse()
            .unwrap_or_else(|e| panic!("`{text}` should parse: {e}"))
    }

    #[test]
    fn names_are_written_as_help_shows_them() {
        let cases = [
            (Key::ch('j'), "j"),
            (Key::ch('G'), "G"),
            (Key::ch('/'), "/"),
            (Key::ch('-'), "-"),
            (Key::ch(' '), "space"),
            (Key::plain(KeyCode::Enter), "enter"),
            (Key::plain(KeyCode::BackTab), "shift-tab"),
            (Key::plain(KeyCode::PageDown), "pgdn"),
            (Key::plain(KeyCode::Up), "up"),
            (Key::plain(KeyCode::F(1)), "f1"),
            (Key::plain(KeyCode::F(24)), "f24"),
            (Key::ctrl(' '), "ctrl-space"),
            (Key::ctrl('d'), "ctrl-d"),
            (Key::ctrl('D'), "ctrl-d"),
            (Key::alt('b'), "alt-b"),
            (
                Key {
                    alt: true,
                    ..Key::ctrl('x')
                },
                "ctrl-alt-x",
            ),
        ];
        for (key, name) in cases {
            assert_eq!(key.to_string(), name);
            assert_eq!(parse(name), key, "{name}");
        }
    }

    #[test]
    fn named_keys_and_modifiers_are_read_in_any_case_and_by_aliases() {
        let cases = [
            ("Enter", Key::plain(KeyCode::Enter)),
            ("RETURN", Key::plain(KeyCode::Enter)),
            ("escape", Key::plain(KeyCode::Esc)),
            ("PgDn", Key::plain(KeyCode::PageDown)),
            ("pagedown", Key::plain(KeyCode::PageDown)),
            ("PageUp", Key::plain(KeyCode::PageUp)),
            ("Shift-Tab", Key::plain(KeyCode::BackTab)),
            ("backtab", Key::plain(KeyCode::BackTab)),
            ("del", Key::plain(KeyCode::Delete)),
            ("bs", Key::plain(KeyCode::Backspace)),
            ("F1", Key::plain(KeyCode::F(1))),
            ("Ctrl-D", Key::ctrl('d')),
            ("ctrl-D", Key::ctrl('d')),
            ("CTRL-Space", Key::ctrl(' ')),
            ("c-x", Key::ctrl('x')),
            ("ctrl+x", Key::ctrl('x')),
            ("M-b", Key::alt('b')),
            ("Alt-B", Key::alt('B')),
            ("ctrl--", Key::ctrl('-')),
            (
                "ctrl-shift-tab",
                Key {
                    ctrl: true,
                    ..Key::plain(KeyCode::BackTab)
                },
            ),
        ];
        for (text, key) in cases {
            assert_eq!(parse(text), key, "{text}");
        }
    }

    #[test]
    fn a_single_character_is_that_character() {
        for c in ['-', '+', 'G', 'f', 'c', 'm', '↑', 'é', '?'] {
            assert_eq!(parse(&c.to_string()), Key::ch(c));
        }
    }

    #[test]
    fn other_text_is_an_error_naming_it_with_examples() {
        for text in [
            "", "ctrl-", "ctrl-jj", "f0", "f25", "f+1", "hyper-x", "shift-x", "jj", "↑↑",
        ] {
            let err = text.parse::<Key>().unwrap_err();
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("`{text}` is not a key name")),
                "{message}"
            );
            for example in ["shift-tab", "ctrl-space", "f1", "ctrl-d"] {
                assert!(message.contains(example), "{message}");
            }
        }
    }

    #[test]
    fn every_default_binding_prints_a_name_that_reads_back() {
        for binding in crate::app::keymap::DEFAULT_BINDINGS {
            let name = binding.key.to_string();
            assert_eq!(name.parse::<Key>(), Ok(binding.key), "{name}");
            assert!(!name.contains(char::is_whitespace), "{name:?}");
            // And as a key script: one token, one event, the same key.
            let events = crate::snapshot::parse_keys(&name).unwrap();
            assert!(
                matches!(events.as_slice(), [crossterm::event::Event::Key(e)] if Key::from_event(e) == binding.key),
                "{name}"
            );
        }
    }

    #[test]
    fn help_prints_only_names_that_read_back() {
        let keymap = crate::app::keymap::Keymap::default();
        for (_, rows) in keymap.help_sections() {
            for (keys, _) in rows {
                for name in keys.split(' ') {
                    assert!(name.parse::<Key>().is_ok(), "{name} in {keys:?}");
                }
            }
        }
    }

    /// Any key a terminal can report (named, character, F1–F24, with Ctrl and/or Alt).
    fn any_key() -> impl Strategy<Value = Key> {
        let code = prop_oneof![
            proptest::sample::select(NAMES.iter().map(|(_, code)| *code).collect::<Vec<_>>()),
            any::<char>().prop_map(KeyCode::Char),
            (1..=MAX_F).prop_map(KeyCode::F),
        ];
        (code, any::<bool>(), any::<bool>()).prop_map(|(code, ctrl, alt)| {
            let mut modifiers = KeyModifiers::NONE;
            modifiers.set(KeyModifiers::CONTROL, ctrl);
            modifiers.set(KeyModifiers::ALT, alt);
            Key::from_event(&KeyEvent::new(code, modifiers))
        })
    }

    proptest! {
        #[test]
        fn any_key_prints_and_parses_back_to_itself(key in any_key()) {
            let name = key.to_string();
            prop_assert_eq!(name.parse::<Key>(), Ok(key), "{}", name);
            prop_assert_eq!(Key::from_event(&key.to_event()), key);
        }
    }
}
