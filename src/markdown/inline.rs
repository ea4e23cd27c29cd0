//! Inline content: styles, links, images, footnote references and inline HTML, all
//! collected into the renderer's `StyledText` buffer until the block ends.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use ratatui::style::{Modifier, Style};

use super::html::HtmlItem;
use super::renderer::{Origin, Renderer};
use crate::sanitize::sanitize_line;

/// Tags that start a new line in pasted HTML (their text is kept).
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "center",
    "pre",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
];

/// Tags that embed something the terminal cannot show: one line names it and its source.
const EMBED_TAGS: &[&str] = &[
    "iframe", "video", "audio", "embed", "object", "script", "source",
];

impl<'t> Renderer<'t> {
    pub(super) fn current(&self) -> Style {
        self.styles.last().map_or_else(Style::new, |s| s.1)
    }

    pub(super) fn push_style(&mut self, origin: Origin, style: Style) {
        let patched = self.current().patch(style);
        self.styles.push((origin, patched));
    }

    /// Pops the innermost Markdown style and any HTML styles left open inside it.
    pub(super) fn pop_style(&mut self) {
        while self.styles.len() > 1 {
            if let Some((Origin::Markdown, _)) = self.styles.pop() {
                break;
            }
        }
    }

    /// Closes the innermost open HTML `name` and what was opened inside it.
    fn pop_html(&mut self, name: &str) -> bool {
        let found = self
            .styles
            .iter()
            .rposition(|(o, _)| matches!(o, Origin::Html(n) if n == name));
        match found {
            Some(i) if i > 0 => {
                self.styles.truncate(i);
                true
            }
            _ => false,
        }
    }

    /// After a block: HTML styles never leak into the next one.
    pub(super) fn reset_inline_styles(&mut self) {
        if let Some(i) = self
            .styles
            .iter()
            .position(|(o, _)| matches!(o, Origin::Html(_)))
        {
            self.styles.truncate(i.max(1));
        }
        self.html_links.clear();
    }

    pub(super) fn text(&mut self, text: &str) {
        let style = self.current();
        self.buf.push(text, style);
    }

    /// Text holding Liquid shown as written: that part given back and dimmed.
    pub(super) fn liquid_text(&mut self, text: &str) {
        let style = self.current();
        let dim = style.patch(self.theme.dim);
        let mut run = String::new();
        let mut run_is_liquid = false;
        for c in text.chars() {
            let (c, is_liquid) = match crate::liquid::decode_char(c) {
                Some(decoded) => (decoded, true),
                None => (c, false),
            };
            if is_liquid != run_is_liquid && !run.is_empty() {
                self.buf.push(&run, if run_is_liquid { dim } else { style });
                run.clear();
            }
            run_is_liquid = is_liquid;
            run.push(c);
        }
        self.buf.push(&run, if run_is_liquid { dim } else { style });
    }

    pub(super) fn inline_event(&mut self, event: Event<'_>) {
        match event {
            Event::Code(code) => {
                let style = self.current().patch(self.theme.code);
                self.buf.push(&crate::liquid::decode(&code), style);
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text(&math),
            Event::Html(html) => self.html(&html, true),
            Event::InlineHtml(html) => self.html(&html, false),
            Event::FootnoteReference(label) => {
                let label = format!("[^{}]", sanitize_line(&crate::liquid::decode(&label)));
                self.buf.push_clean(&label, self.theme.marker);
            }
            Event::SoftBreak => {
                let style = self.current();
                self.buf.push_clean(" ", style);
            }
            Event::HardBreak => self.buf.hard_break(),
            Event::TaskListMarker(checked) => self.task_marker(checked),
            Event::Start(_) | Event::End(_) | Event::Text(_) | Event::Rule => {}
        }
    }

    pub(super) fn start_inline(&mut self, tag: Tag<'t>) {
        let modifier = |m: Modifier| Style::new().add_modifier(m);
        match tag {
            Tag::Emphasis => self.push_style(Origin::Markdown, modifier(Modifier::ITALIC)),
            Tag::Strong => self.push_style(Origin::Markdown, modifier(Modifier::BOLD)),
            Tag::Strikethrough => {
                self.push_style(Origin::Markdown, modifier(Modifier::CROSSED_OUT));
            }
            Tag::Link { dest_url, .. } => {
                self.md_links.push(dest_url);
                self.push_style(Origin::Markdown, self.theme.link);
            }
            Tag::Image { dest_url, .. } => {
                self.md_links.push(dest_url);
                self.buf.push_clean("[image: ", self.theme.accent);
                self.image_alt_starts.push(self.buf.text.len());
                self.push_style(Origin::Markdown, self.theme.accent);
            }
            _ => self.push_style(Origin::Markdown, Style::new()),
        }
    }

    pub(super) fn end_inline(&mut self, tag: TagEnd) {
        self.pop_style();
        match tag {
            TagEnd::Link => {
                if let Some(url) = self.md_links.pop() {
                    let from_source = matches!(url, CowStr::Borrowed(_));
                    self.link_reference(&url, from_source);
                }
            }
            TagEnd::Image => {
                let alt_start = self.image_alt_starts.pop().unwrap_or_default();
                if self.buf.text.len() == alt_start
                    && let Some(url) = self.md_links.last()
                {
                    // No alt text: the file's name says at least what it is.
                    let name = file_name_of(url);
                    self.buf.push(name, self.theme.accent);
                }
                self.buf.push_clean("]", self.theme.accent);
                if let Some(url) = self.md_links.pop() {
                    let from_source = matches!(url, CowStr::Borrowed(_));
                    self.link_reference(&url, from_source);
                }
            }
            _ => {}
        }
    }

    /// Appends `[n]` for a URL, numbering each distinct URL once.
    /// `from_source` says the URL is a slice of the Markdown (not made by the parser).
    fn link_reference(&mut self, url: &str, from_source: bool) {
        let decoded = crate::liquid::decode(url);
        let from_source = from_source && matches!(decoded, std::borrow::Cow::Borrowed(_));
        let url = decoded.trim();
        // A target borrowed from a clean source needs no second look.
        let url = if self.source_clean && from_source {
            std::borrow::Cow::Borrowed(url)
        } else {
            sanitize_line(url)
        };
        if url.is_empty() {
            return;
        }
        let n = match self.link_numbers.get(url.as_ref()) {
            Some(&n) => n,
            None => {
                self.links.push(url.to_string());
                let n = self.links.len();
                self.link_numbers.insert(url.into_owned(), n);
                n
            }
        };
        // Written by hand: `format!` costs more than the rest of this on long posts.
        let mut digits = [0u8; 24];
        let mut at = digits.len() - 1;
        digits[at] = b']';
        let mut rest = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        at -= 1;
        digits[at] = b'[';
        let label = std::str::from_utf8(&digits[at..]).unwrap_or("[?]");
        self.buf.push_clean(label, self.theme.dim);
    }

    fn html(&mut self, raw: &str, block: bool) {
        let raw = crate::liquid::decode(raw);
        let raw = raw.as_ref();
        let mut items = std::mem::take(&mut self.html_items);
        self.html.feed(raw, block, &mut items);
        for item in items.drain(..) {
            self.html_item(item);
        }
        self.html_items = items;
    }

    /// Shows what an unfinished tag left pending, and forgets open comments.
    pub(super) fn finish_html(&mut self) {
        if self.html.is_idle() {
            return;
        }
        let mut items = std::mem::take(&mut self.html_items);
        self.html.finish(&mut items);
        for item in items.drain(..) {
            self.html_item(item);
        }
        self.html_items = items;
    }

    fn html_item(&mut self, item: HtmlItem) {
        match item {
            HtmlItem::Text(text) => self.text(&text),
            HtmlItem::Open { name, attrs } => self.html_open(name, &attrs),
            HtmlItem::Close { name } => match name.as_str() {
                "br" => self.buf.hard_break(),
                "a" => {
                    if self.pop_html("a")
                        && let Some(url) = self.html_links.pop()
                    {
                        self.link_reference(&url, false);
                    }
                }
                n if BLOCK_TAGS.contains(&n) => self.buf.ensure_line_start(),
                n => {
                    self.pop_html(n);
                }
            },
        }
    }

    fn html_open(&mut self, name: String, attrs: &[(String, String)]) {
        let modifier = |m: Modifier| Style::new().add_modifier(m);
        let style = match name.as_str() {
            "br" => {
                self.buf.hard_break();
                return;
            }
            "b" | "strong" => modifier(Modifier::BOLD),
            "i" | "em" | "cite" | "var" => modifier(Modifier::ITALIC),
            "u" | "ins" => modifier(Modifier::UNDERLINED),
            "s" | "strike" | "del" => modifier(Modifier::CROSSED_OUT),
            "code" | "kbd" | "tt" | "samp" => self.theme.code,
            "mark" => self.theme.highlight,
            "a" => match HtmlItem::attr(attrs, "href") {
                Some(href) => {
                    self.html_links.push(href);
                    self.theme.link
                }
                None => return,
            },
            "img" => {
                let alt = HtmlItem::attr(attrs, "alt").filter(|alt| !alt.trim().is_empty());
                let src = HtmlItem::attr(attrs, "src");
                let alt = alt
                    .or_else(|| src.as_deref().map(|src| file_name_of(src).to_string()))
                    .unwrap_or_default();
                self.buf.push(&format!("[image: {alt}]"), self.theme.accent);
                if let Some(src) = HtmlItem::attr(attrs, "src") {
                    self.link_reference(&src, false);
                }
                return;
            }
            n if EMBED_TAGS.contains(&n) => {
                let src = HtmlItem::attr(attrs, "src").or_else(|| HtmlItem::attr(attrs, "data"));
                let label = match &src {
                    Some(src) => format!("[{n}: {src}]"),
                    None => format!("[{n}]"),
                };
                self.buf.ensure_line_start();
                self.buf.push(&label, self.theme.accent);
                // Numbered like a link, so the reader can open the embed.
                if let Some(src) = src {
                    self.link_reference(&src, false);
                }
                self.buf.hard_break();
                return;
            }
            n if BLOCK_TAGS.contains(&n) => {
                self.buf.ensure_line_start();
                if n == "li" {
                    self.buf.push_clean("• ", self.theme.marker);
                }
                return;
            }
            _ => return,
        };
        self.push_style(Origin::Html(name), style);
    }
}

/// The last part of a URL's path: `team-photo.jpg` of `/assets/team-photo.jpg?v=2`.
fn file_name_of(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.trim_end_matches('/');
    path.rsplit('/')
        .next()
        .filter(|name| !name.is_empty())
        .unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use crate::markdown::{Theme, render};

    #[test]
    fn link_numbers_past_nine_are_written_in_full() {
        let md: String = (1..=12)
            .map(|i| format!("[l{i}](https://e.com/{i}) "))
            .collect();
        let out = render(&md, 200, &Theme::default());
        let text = out.line_text(0);
        assert!(text.contains("l9[9] l10[10] l11[11] l12[12]"), "{text}");
        assert_eq!(out.links.len(), 12);
    }
}
