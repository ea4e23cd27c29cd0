//! Keybindings from the settings file (`[keys.<mode>] action = ["key", ...]`) applied to
//! the default keymap. Modes are named by their variants in kebab case (`Mode::Reader`
//! is `reader`), actions by [`Action::name`] (`page-down`, `mark-reviewed`,
//! `editor-save`, `yes`), so every action the keymap binds can be rebound.

use super::action::Action;
use super::keymap::{Binding, DEFAULT_BINDINGS, Keymap, Mode};
use crate::config::{KeySetting, Problem};

/// `PageDown` → `page-down`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The settings name of a mode.
pub fn mode_name(mode: Mode) -> String {
    kebab(&format!("{mode:?}"))
}

/// The settings name of an action (only actions without data can be bound).
pub fn action_name(action: Action) -> String {
    action.name().to_string()
}

/// An action by its settings name, with one of its default bindings.
type NamedAction = (String, Action, &'static Binding);

/// The modes and actions the default keymap knows, by their settings names.
fn known() -> (Vec<(String, Mode)>, Vec<NamedAction>) {
    let mut modes: Vec<(String, Mode)> = Vec::new();
    let mut actions: Vec<NamedAction> = Vec::new();
    for binding in DEFAULT_BINDINGS {
        if !modes.iter().any(|(_, m)| *m == binding.mode) {
            modes.push((mode_name(binding.mode), binding.mode));
        }
        if !actions.iter().any(|(_, a, _)| *a == binding.action) {
            actions.push((action_name(binding.action), binding.action, binding));
        }
    }
    (modes, actions)
}

impl Keymap {
    /// The default keymap with the settings' keybindings applied: each names an action
    /// in a mode and replaces its keys there; a key it takes is taken from any other
    /// action in that mode. What cannot be applied is returned as a problem with its line.
    pub fn with_settings(settings: &[KeySetting]) -> (Keymap, Vec<Problem>) {
        let (modes, actions) = known();
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        let mut problem = |line: usize, message: String| {
            problems.push(Problem {
                file: None,
                line: Some(line),
                message,
            })
        };
        for setting in settings {
            let Some(&(_, mode)) = modes.iter().find(|(name, _)| *name == setting.mode) else {
                let names: Vec<&str> = modes.iter().map(|(n, _)| n.as_str()).collect();
                problem(
                    setting.line,
                    format!(
                        "unknown mode `keys.{}`; the modes are {}; its keys are ignored",
                        setting.mode,
                        names.join(", ")
                    ),
                );
                continue;
            };
            let Some(&(_, action, template)) =
                actions.iter().find(|(name, _, _)| *name == setting.action)
            else {
                problem(
                    setting.line,
                    format!(
                        "unknown action `{}`; the help overlay (?) and `meetup-reader config --print-default` list them; the default keys are kept",
                        setting.action
                    ),
                );
                continue;
            };
            let keys = setting.keys.clone();
            // The description and status-line place come from the action's default binding
            // in this mode, else from any of its bindings.
            let model = DEFAULT_BINDINGS
                .iter()
                .find(|b| b.mode == mode && b.action == action)
                .unwrap_or(template);
            // The new keys take the old ones' place, so help lists the action where it was.
            let place = keymap
                .bindings
                .iter()
                .position(|b| b.mode == mode && b.action == action);
            keymap
                .bindings
                .retain(|b| !(b.mode == mode && (b.action == action || keys.contains(&b.key))));
            let place = place.map_or(keymap.bindings.len(), |p| p.min(keymap.bindings.len()));
            let new = keys.into_iter().map(|key| Binding {
                mode,
                key,
                action,
                ..*model
            });
            keymap.bindings.splice(place..place, new);
        }
        (keymap, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::Key;
    use crossterm::event::{KeyCode, KeyEvent};

    fn setting(mode: &str, action: &str, keys: &[&str], line: usize) -> KeySetting {
        KeySetting {
            mode: mode.into(),
            action: action.into(),
            keys: keys.iter().map(|k| k.parse().unwrap()).collect(),
            line,
        }
    }

    #[test]
    fn names_are_kebab_case_variants() {
        assert_eq!(action_name(Action::PageDown), "page-down");
        assert_eq!(action_name(Action::Quit), "quit");
        assert_eq!(mode_name(Mode::Reader), "reader");
    }

    #[test]
    fn a_setting_replaces_the_actions_keys_in_its_mode_only() {
        let (keymap, problems) =
            Keymap::with_settings(&[setting("list", "down", &["n", "ctrl-n"], 3)]);
        assert!(problems.is_empty(), "{problems:?}");
        let key = |c| KeyEvent::from(KeyCode::Char(c));
        assert_eq!(keymap.action(Mode::List, &key('n')), Some(Action::Down));
        assert_eq!(
            keymap.action(Mode::List, &key('j')),
            None,
            "j no longer moves down"
        );
        assert_eq!(keymap.action(Mode::Reader, &key('j')), Some(Action::Down));
        let help = keymap.help_sections();
        let list = &help.iter().find(|(m, _)| *m == Mode::List).unwrap().1;
        assert!(list.iter().any(|(keys, _)| keys == "n ctrl-n"), "{list:?}");
        assert_eq!(
            keymap.action(Mode::List, &KeyEvent::from(KeyCode::Down)),
            None
        );
    }

    #[test]
    fn a_taken_key_moves_to_the_new_action() {
        let (keymap, _) = Keymap::with_settings(&[setting("list", "quit", &["j"], 1)]);
        let j = KeyEvent::from(KeyCode::Char('j'));
        assert_eq!(keymap.action(Mode::List, &j), Some(Action::Quit));
        // The other keys of `down` still work.
        assert_eq!(
            keymap.action(Mode::List, &KeyEvent::from(KeyCode::Down)),
            Some(Action::Down)
        );
    }

    #[test]
    fn keys_help_prints_are_accepted_in_settings() {
        let (keymap, problems) = Keymap::with_settings(&[
            setting("editor", "editor-prev-field", &["shift-tab"], 1),
            setting("editor", "editor-select", &["ctrl-space", "alt-s"], 2),
            setting("editor", "help", &["f1", "F2"], 3),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        let action =
            |text: &str| keymap.action(Mode::Editor, &text.parse::<Key>().unwrap().to_event());
        assert_eq!(
            action("shift-tab"),
            Some(Action::Draft(crate::app::action::DraftAction::PrevField))
        );
        assert_eq!(
            action("ctrl-space"),
            Some(Action::Draft(crate::app::action::DraftAction::Select))
        );
        assert_eq!(
            action("alt-s"),
            Some(Action::Draft(crate::app::action::DraftAction::Select))
        );
        assert_eq!(action("f1"), Some(Action::Help));
        assert_eq!(action("f2"), Some(Action::Help));
        // What help then prints reads back as the same keys.
        let help = keymap.help_sections();
        let editor = &help.iter().find(|(m, _)| *m == Mode::Editor).unwrap().1;
        for (keys, _) in editor {
            for name in keys.split(' ') {
                assert!(name.parse::<Key>().is_ok(), "{name}");
            }
        }
        assert!(
            editor.iter().any(|(keys, _)| keys == "ctrl-space alt-s"),
            "{editor:?}"
        );
    }

    #[test]
    fn unknown_modes_and_actions_are_reported_with_their_line() {
        let (keymap, problems) = Keymap::with_settings(&[
            setting("lists", "down", &["n"], 4),
            setting("list", "fly", &["n"], 5),
        ]);
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(4), Some(5)]);
        assert!(problems[0].message.contains("unknown mode `keys.lists`"));
        assert!(problems[1].message.contains("unknown action `fly`"));
        assert_eq!(keymap.bindings.len(), Keymap::default().bindings.len());
    }
}
