//! Colours and styles for rendered text: a dark default, a light one, and none at all
//! when `NO_COLOR` is set (bold, italic and underline remain).

use ratatui::style::{Color, Modifier, Style};

use crate::syntax::{Loading, Token};

/// Colours and styles for rendered text.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    /// False when `NO_COLOR` is set: modifiers only.
    pub colors: bool,
    pub text: Style,
    /// Level-1 headings.
    pub heading: Style,
    pub dim: Style,
    pub accent: Style,
    pub selection: Style,
    pub highlight: Style,
    pub warning: Style,
    /// Level-2 headings.
    pub heading2: Style,
    /// Headings of level 3 and deeper.
    pub heading3: Style,
    /// Inline code and code blocks.
    pub code: Style,
    /// Link text.
    pub link: Style,
    /// Block-quote bars, list bullets and numbers, footnote labels.
    pub marker: Style,
    /// Whether code in a known language is coloured by its tokens, and whether the
    /// renderer may wait for a language to be built; `None` leaves code plain.
    pub syntax: Option<Loading>,
    /// The styles of highlighted code's tokens (see [`Theme::token`]).
    pub tokens: TokenStyles,
}

/// The styles of the kinds of tokens in highlighted code; each may be set in `[colors]`
/// under its name (`type` for `kind`).
#[derive(Debug, Clone, PartialEq)]
pub struct TokenStyles {
    pub comment: Style,
    pub keyword: Style,
    pub string: Style,
    pub special: Style,
    pub number: Style,
    pub function: Style,
    pub kind: Style,
    pub builtin: Style,
    pub property: Style,
    pub tag: Style,
    pub attribute: Style,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

/// The colours a theme picks from; modifiers are the same in every theme.
struct Palette {
    heading: Color,
    heading2: Color,
    heading3: Color,
    dim: Color,
    accent: Color,
    warning: Color,
    code: Color,
    link: Color,
    marker: Color,
    highlight_fg: Color,
    highlight_bg: Color,
    syntax: SyntaxPalette,
}

/// The colours of code's tokens; a token not named here is the text's colour.
struct SyntaxPalette {
    keyword: Color,
    string: Color,
    special: Color,
    number: Color,
    function: Color,
    kind: Color,
    builtin: Color,
    property: Color,
    tag: Color,
    attribute: Color,
}

const DARK: Palette = Palette {
    heading: Color::LightCyan,
    heading2: Color::Cyan,
    heading3: Color::LightBlue,
    dim: Color::DarkGray,
    accent: Color::Yellow,
    warning: Color::LightRed,
    code: Color::LightYellow,
    link: Color::LightBlue,
    marker: Color::Cyan,
    highlight_fg: Color::Black,
    highlight_bg: Color::Yellow,
    syntax: SyntaxPalette {
        keyword: Color::LightMagenta,
        string: Color::LightGreen,
        special: Color::Yellow,
        number: Color::LightRed,
        function: Color::LightBlue,
        kind: Color::LightCyan,
        builtin: Color::Cyan,
        property: Color::LightYellow,
        tag: Color::LightBlue,
        attribute: Color::Yellow,
    },
};

const LIGHT: Palette = Palette {
    heading: Color::Blue,
    heading2: Color::Blue,
    heading3: Color::Magenta,
    dim: Color::DarkGray,
    accent: Color::Magenta,
    warning: Color::Red,
    code: Color::Red,
    link: Color::Blue,
    marker: Color::Blue,
    highlight_fg: Color::Black,
    highlight_bg: Color::LightYellow,
    syntax: SyntaxPalette {
        keyword: Color::Magenta,
        string: Color::Green,
        special: Color::Red,
        number: Color::Red,
        function: Color::Blue,
        kind: Color::Cyan,
        builtin: Color::Cyan,
        property: Color::Blue,
        tag: Color::Blue,
        attribute: Color::Magenta,
    },
};

impl Theme {
    /// The named theme, without colours when `NO_COLOR` is set to a non-empty value.
    pub fn from_env(name: ThemeName) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self::new(name, !no_color)
    }

    /// The theme the settings ask for (`theme`, which `--theme` overrides), with the
    /// `[colors]` and `highlight_code` settings applied; `NO_COLOR` still turns every
    /// colour off.
    pub fn configured(settings: &crate::config::Settings) -> Self {
        let mut theme = Self::from_env(settings.theme);
        if !settings.highlight_code {
            theme.syntax = None;
        }
        if theme.colors {
            for (name, color) in &settings.colors {
                if let Some(style) = theme.style_mut(name) {
                    *style = style.fg(*color);
                }
            }
        }
        theme
    }

    /// The style a `[colors]` setting names (see `crate::config::COLOR_NAMES`).
    fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "text" => &mut self.text,
            "heading" => &mut self.heading,
            "heading2" => &mut self.heading2,
            "heading3" => &mut self.heading3,
            "dim" => &mut self.dim,
            "accent" => &mut self.accent,
            "highlight" => &mut self.highlight,
            "warning" => &mut self.warning,
            "code" => &mut self.code,
            "link" => &mut self.link,
            "marker" => &mut self.marker,
            "comment" => &mut self.tokens.comment,
            "keyword" => &mut self.tokens.keyword,
            "string" => &mut self.tokens.string,
            "special" => &mut self.tokens.special,
            "number" => &mut self.tokens.number,
            "function" => &mut self.tokens.function,
            "type" => &mut self.tokens.kind,
            "builtin" => &mut self.tokens.builtin,
            "property" => &mut self.tokens.property,
            "tag" => &mut self.tokens.tag,
            "attribute" => &mut self.tokens.attribute,
            _ => return None,
        })
    }

    /// The style of a token of highlighted code.
    pub fn token(&self, token: Token) -> Style {
        if !self.colors {
            return self.text;
        }
        let t = &self.tokens;
        match token {
            Token::Comment => t.comment,
            Token::Keyword => t.keyword,
            Token::String => t.string,
            Token::Special => t.special,
            Token::Number | Token::Constant => t.number,
            Token::Function => t.function,
            Token::Type => t.kind,
            Token::Builtin => t.builtin,
            Token::Property => t.property,
            Token::Tag => t.tag,
            Token::Attribute => t.attribute,
            Token::Operator | Token::Punctuation => self.text,
            Token::Heading => self.heading,
            Token::Emphasis => self.text.add_modifier(Modifier::ITALIC),
            Token::Link => self.link,
        }
    }

    pub fn new(name: ThemeName, colors: bool) -> Self {
        let p = palette(name);
        let fg = |color: Color| {
            if colors {
                Style::new().fg(color)
            } else {
                Style::new()
            }
        };
        let bold = Modifier::BOLD;
        Self {
            name,
            colors,
            text: Style::new(),
            heading: fg(p.heading).add_modifier(bold),
            dim: fg(p.dim),
            accent: fg(p.accent),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            highlight: if colors {
                fg(p.highlight_fg).bg(p.highlight_bg).add_modifier(bold)
            } else {
                Style::new().add_modifier(bold | Modifier::REVERSED)
            },
            warning: fg(p.warning).add_modifier(bold),
            heading2: fg(p.heading2).add_modifier(bold),
            heading3: fg(p.heading3).add_modifier(bold | Modifier::ITALIC),
            code: fg(p.code),
            link: fg(p.link).add_modifier(Modifier::UNDERLINED),
            marker: fg(p.marker),
            syntax: colors.then_some(Loading::Wait),
            tokens: TokenStyles {
                comment: fg(p.dim).add_modifier(Modifier::ITALIC),
                keyword: fg(p.syntax.keyword),
                string: fg(p.syntax.string),
                special: fg(p.syntax.special),
                number: fg(p.syntax.number),
                function: fg(p.syntax.function),
                kind: fg(p.syntax.kind),
                builtin: fg(p.syntax.builtin),
                property: fg(p.syntax.property),
                tag: fg(p.syntax.tag),
                attribute: fg(p.syntax.attribute),
            },
        }
    }
}

fn palette(name: ThemeName) -> &'static Palette {
    match name {
        ThemeName::Dark => &DARK,
        ThemeName::Light => &LIGHT,
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::new(ThemeName::Dark, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colours_only_modifiers_remain() {
        for name in [ThemeName::Dark, ThemeName::Light] {
            let t = Theme::new(name, false);
            for s in [
                t.heading,
                t.heading2,
                t.code,
                t.link,
                t.warning,
                t.highlight,
            ] {
                assert_eq!(s.fg, None);
                assert_eq!(s.bg, None);
            }
            assert!(t.heading.add_modifier.contains(Modifier::BOLD));
            assert!(t.link.add_modifier.contains(Modifier::UNDERLINED));
        }
    }

    #[test]
    fn every_colour_a_setting_may_name_is_a_style() {
        let mut theme = Theme::default();
        for name in crate::config::COLOR_NAMES {
            assert!(theme.style_mut(name).is_some(), "{name}");
        }
    }

    #[test]
    fn themes_differ() {
        assert_ne!(
            Theme::new(ThemeName::Dark, true).code,
            Theme::new(ThemeName::Light, true).code
        );
    }
}
