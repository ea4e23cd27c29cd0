//! Liquid, read the way Jekyll runs it before Markdown, but never executed: comments
//! vanish, `raw` is kept verbatim, `highlight` becomes a fenced code block, `include`
//! is pulled in from the site's `_includes/` (in a frame naming it), and
//! `{{ site.X }}` / `{{ page.X }}` (with `relative_url` and `absolute_url`) are
//! substituted. Anything else (`if`, `for`, filters, unknown values) stays as written,
//! [encoded](encode) so that Markdown leaves it alone and the renderer shows it dim.
//!
//! One pass over the text, linear in its size; includes nest at most
//! [`MAX_INCLUDE_DEPTH`] deep and an include that includes itself is refused.

use std::borrow::Cow;

use serde_yaml::Mapping;

/// How deep includes may nest.
pub const MAX_INCLUDE_DEPTH: usize = 5;

/// The first of the private-use characters that carry Liquid shown as written: each
/// character `c` of the Basic Multilingual Plane is written `ENCODED_BASE + c`, which
/// no Markdown rule treats specially (a `|` inside `{{ x | upcase }}` never splits a
/// table cell). Characters beyond that plane are never special to Markdown and stay.
const ENCODED_BASE: u32 = 0xF0000;

pub use crate::site::Site;

/// What `{{ page.X }}` reads: the post's front matter (parsed only when asked).
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub front_matter: &'a str,
    /// The URL of another post or page of the site, for `{% post_url NAME %}` (NAME is
    /// a post's file name without its extension) and `{% link PATH %}` (a path from the
    /// site's root); `None` when it is not known (the tag is then shown as written).
    pub url_of: &'a dyn Fn(Reference<'_>) -> Option<String>,
}

/// What `{% post_url %}` and `{% link %}` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference<'a> {
    /// `post_url`: a post's file name without its extension (`2024-01-02-name`), maybe
    /// under a folder.
    Post(&'a str),
    /// `link`: a file's path from the site's root (`_posts/2024-01-02-name.md`).
    Path(&'a str),
}

/// A [`Page::url_of`] that knows no other post.
pub fn no_urls(_: Reference<'_>) -> Option<String> {
    None
}

/// Expands the Liquid in `body` (see the module docs); the text unchanged when it has
/// none.
pub fn expand<'a>(body: &'a str, page: Page<'_>, site: &Site) -> Cow<'a, str> {
    let expanded = expand_liquid(body, page, site);
    let jemoji = site
        .config
        .as_ref()
        .is_some_and(|config| config.plugins.iter().any(|p| p == "jemoji"));
    if !jemoji {
        return expanded;
    }
    match emojify(&expanded) {
        Cow::Borrowed(_) => expanded,
        Cow::Owned(with_emoji) => Cow::Owned(with_emoji),
    }
}

/// GitHub's emoji shortcodes (`:tada:`) as the jemoji plugin shows them: as the emoji,
/// outside code (fenced blocks and backtick spans); a name that is no emoji stays.
pub fn emojify(text: &str) -> Cow<'_, str> {
    if !text.contains(':') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    let mut changed = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(marker)) => fence = Some(marker),
            (Some(open), Some(marker)) if open == marker => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() || line.starts_with("    ") || line.starts_with('\t')
        {
            out.push_str(line);
            continue;
        }
        // Backtick spans alternate with text: only the even pieces are text.
        for (index, piece) in line.split('`').enumerate() {
            if index > 0 {
                out.push('`');
            }
            if index % 2 == 1 {
                out.push_str(piece);
                continue;
            }
            changed |= shortcodes(piece, &mut out);
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Copies `text`, each known `:name:` as its emoji; true when one was replaced.
fn shortcodes(text: &str, out: &mut String) -> bool {
    let mut changed = false;
    let mut rest = text;
    while let Some(open) = rest.find(':') {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
            .unwrap_or(after.len());
        let emoji = (name_len > 0 && after[name_len..].starts_with(':'))
            .then(|| emojis::get_by_shortcode(&after[..name_len]))
            .flatten();
        match emoji {
            Some(emoji) => {
                out.push_str(&rest[..open]);
                out.push_str(emoji.as_str());
                rest = &after[name_len + 1..];
                changed = true;
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed
}

fn expand_liquid<'a>(body: &'a str, page: Page<'_>, site: &Site) -> Cow<'a, str> {
    let has_encoded = has_encoded(body);
    if !body.contains("{%") && !body.contains("{{") && !has_encoded {
        return Cow::Borrowed(body);
    }
    let mut expander = Expander {
        page,
        page_values: None,
        site,
        stack: Vec::new(),
        includes_left: MAX_INCLUDES,
        included_bytes: 0,
    };
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    expander.expand_into(body, &mut out);
    Cow::Owned(out)
}

/// True when `text` holds characters [`encode`] writes (U+F0000 and up).
pub fn has_encoded(text: &str) -> bool {
    // U+F0000..=U+FFFFF is F3 B0.. to F3 BF.. in UTF-8.
    text.as_bytes()
        .windows(2)
        .any(|pair| pair[0] == 0xF3 && pair[1] >= 0xB0)
}

/// Writes `text` so that Markdown leaves it alone and [`decode`] gives it back.
pub fn encode(text: &str, out: &mut String) {
    for c in text.chars() {
        let code = u32::from(c);
        match char::from_u32(ENCODED_BASE + code).filter(|_| code <= 0xFFFF) {
            Some(encoded) => out.push(encoded),
            None => out.push(c),
        }
    }
}

/// The character [`encode`] wrote as `c`, when `c` is one it writes.
pub fn decode_char(c: char) -> Option<char> {
    let code = u32::from(c);
    (ENCODED_BASE..=ENCODED_BASE + 0xFFFF)
        .contains(&code)
        .then(|| char::from_u32(code - ENCODED_BASE))
        .flatten()
}

/// `text` with every encoded character given back (a code block, a URL).
pub fn decode(text: &str) -> Cow<'_, str> {
    if !has_encoded(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| decode_char(c).unwrap_or(c)).collect())
}

struct Expander<'s> {
    page: Page<'s>,
    page_values: Option<Mapping>,
    site: &'s Site,
    /// The includes being expanded, outermost first.
    stack: Vec<String>,
    /// Includes still allowed in this post (each reads a file).
    includes_left: usize,
    /// The text includes added so far.
    included_bytes: usize,
}

/// Block names with no closing tag after a position of the text being expanded: a
/// later opening tag need not look again, so a post of thousands of unclosed
/// `{% comment %}` stays linear.
#[derive(Default)]
struct Unclosed(Vec<(&'static str, usize)>);

impl Unclosed {
    /// [`block_end`], remembering where a block name has no closing tag any more.
    fn block_end(&mut self, text: &str, from: usize, name: &'static str) -> Option<(usize, usize)> {
        if self.0.iter().any(|&(n, after)| n == name && from >= after) {
            return None;
        }
        let found = block_end(text, from, name);
        if found.is_none() {
            self.0.push((name, from));
        }
        found
    }
}

/// The most includes one post pulls in, all levels together, and the most text they
/// may add: a few includes of includes multiply fast.
const MAX_INCLUDES: usize = 200;
const MAX_INCLUDED_BYTES: usize = 4 * 1024 * 1024;

/// One `{% ... %}` or `{{ ... }}`: where it ends, its inner text, and which kind.
struct Markup<'t> {
    start: usize,
    end: usize,
    /// The whole markup, braces included.
    raw: &'t str,
    inner: &'t str,
    is_tag: bool,
}

/// The next Liquid markup in `text` from `from`, if any.
fn next_markup(text: &str, from: usize) -> Option<Markup<'_>> {
    let mut at = from;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let rest = &text[start..];
        let close = if rest.starts_with("{%") {
            "%}"
        } else if rest.starts_with("{{") {
            "}}"
        } else {
            at = start + 1;
            continue;
        };
        let end = rest[2..].find(close)? + start + 2 + close.len();
        let inner = &text[start + 2..end - 2];
        // Whitespace control (`{%-`, `-%}`) changes only blank space: read through it.
        let inner = inner.strip_prefix('-').unwrap_or(inner);
        let inner = inner.strip_suffix('-').unwrap_or(inner).trim();
        return Some(Markup {
            start,
            end,
            raw: &text[start..end],
            inner,
            is_tag: close == "%}",
        });
    }
    None
}

/// The end of the block opened before `from`: the first `{% end<name> %}` after it,
/// looking only at tags (a `{{` inside `raw` is text): (where its body ends, where the
/// closing tag ends).
fn block_end(text: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(found) = text[at..].find("{%") {
        let start = at + found;
        let end = text[start + 2..].find("%}")? + start + 4;
        let inner = text[start + 2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let tag = inner.split_whitespace().next().unwrap_or_default();
        if tag.strip_prefix("end") == Some(name) {
            return Some((start, end));
        }
        at = start + 2;
    }
    None
}

impl Expander<'_> {
    fn expand_into(&mut self, text: &str, out: &mut String) {
        let mut copied = 0;
        let mut at = 0;
        let mut unclosed = Unclosed::default();
        while let Some(markup) = next_markup(text, at) {
            plain(&text[copied..markup.start], out);
            let after = if markup.is_tag {
                self.tag(text, &markup, &mut unclosed, out)
            } else {
                self.output(&markup, out);
                markup.end
            };
            copied = after;
            at = after;
        }
        plain(&text[copied..], out);
    }

    /// Expands the tag at `markup`; returns where the text goes on after it (after the
    /// whole block for comments, `raw` and `highlight`).
    fn tag(
        &mut self,
        text: &str,
        markup: &Markup<'_>,
        unclosed: &mut Unclosed,
        out: &mut String,
    ) -> usize {
        let mut words = markup.inner.split_whitespace();
        let name = words.next().unwrap_or_default();
        match name {
            "comment" => match unclosed.block_end(text, markup.end, "comment") {
                Some((_, end)) => end,
                None => {
                    as_written(markup.raw, out);
                    markup.end
                }
            },
            "raw" => match unclosed.block_end(text, markup.end, "raw") {
                Some((body_end, end)) => {
                    plain(&text[markup.end..body_end], out);
                    end
                }
                None => markup.end,
            },
            "highlight" => match unclosed.block_end(text, markup.end, "highlight") {
                Some((body_end, end)) => {
                    let lang = words.next().unwrap_or_default();
                    fenced(&text[markup.end..body_end], lang, out);
                    end
                }
                None => {
                    as_written(markup.raw, out);
                    markup.end
                }
            },
            "include" => {
                let name = words.next().unwrap_or_default();
                self.include(name, out);
                markup.end
            }
            "post_url" | "link" => {
                let target = words.next().unwrap_or_default();
                let reference = if name == "link" {
                    Reference::Path(target)
                } else {
                    Reference::Post(target)
                };
                match (self.page.url_of)(reference) {
                    Some(url) => plain(&url, out),
                    None => as_written(markup.raw, out),
                }
                markup.end
            }
            _ => {
                as_written(markup.raw, out);
                markup.end
            }
        }
    }

    /// `{{ ... }}`: a site or page value (through `relative_url` or `absolute_url`),
    /// else as written.
    fn output(&mut self, markup: &Markup<'_>, out: &mut String) {
        let mut parts = markup.inner.split('|').map(str::trim);
        let head = parts.next().unwrap_or_default();
        let mut value = self.value(head);
        for filter in parts {
            value = value.and_then(|v| self.filter(filter, v));
        }
        match value {
            Some(value) => plain(&value, out),
            None => as_written(markup.raw, out),
        }
    }

    /// The value of `site.X`, `page.X` or a quoted string; `None` when unknown.
    fn value(&mut self, expression: &str) -> Option<String> {
        if let Some(quoted) = expression
            .strip_prefix('"')
            .and_then(|e| e.strip_suffix('"'))
            .or_else(|| {
                expression
                    .strip_prefix('\'')
                    .and_then(|e| e.strip_suffix('\''))
            })
        {
            return Some(quoted.to_string());
        }
        if let Some(key) = expression.strip_prefix("site.") {
            return self.site.setting(key);
        }
        let key = expression.strip_prefix("page.")?;
        let values = self.page_values.get_or_insert_with(|| {
            serde_yaml::from_str::<Mapping>(self.page.front_matter).unwrap_or_default()
        });
        Some(
            values
                .get(key)
                .and_then(crate::site::scalar)
                .unwrap_or_default(),
        )
    }

    /// The filters that only depend on the site: `relative_url` and `absolute_url`.
    fn filter(&self, filter: &str, value: String) -> Option<String> {
        let base = || self.site.setting("baseurl");
        match filter {
            "relative_url" => Some(join_url(&base()?, &value)),
            "absolute_url" => {
                let url = self.site.setting("url")?;
                Some(format!(
                    "{}{}",
                    url.trim_end_matches('/'),
                    join_url(&base()?, &value)
                ))
            }
            _ => None,
        }
    }

    /// `{% include NAME %}`: the file from `_includes/`, expanded in turn, framed.
    fn include(&mut self, name: &str, out: &mut String) {
        let problem = if !is_plain_include_name(name) {
            Some("not a file name this reader follows")
        } else if self.stack.iter().any(|open| open == name) {
            Some("it includes itself")
        } else if self.stack.len() >= MAX_INCLUDE_DEPTH {
            Some("includes nested too deep")
        } else {
            None
        };
        let problem = problem.or_else(|| {
            (self.includes_left == 0 || self.included_bytes > MAX_INCLUDED_BYTES)
                .then_some("too many includes in this post; not read")
        });
        let text = match problem {
            Some(problem) => Err(problem),
            None => {
                self.includes_left -= 1;
                self.read_include(name)
            }
        };
        block_break(out);
        match text {
            Ok(text) => {
                self.stack.push(name.to_string());
                let mut inner = String::new();
                self.expand_into(&text, &mut inner);
                self.stack.pop();
                self.included_bytes += inner.len();
                // A quote block with a dim first line naming the include.
                out.push_str("> ");
                encode(&format!("include {name}"), out);
                out.push_str("\n>\n");
                for line in inner.trim_end().lines() {
                    out.push_str("> ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Err(why) => {
                encode(&format!("[include {name}: {why}]"), out);
                out.push('\n');
            }
        }
        out.push('\n');
    }

    /// The include's text, or why it is not shown.
    fn read_include(&self, name: &str) -> Result<String, &'static str> {
        const MISSING: &str = "not found in _includes/";
        let includes = self.site.includes.as_ref().ok_or(MISSING)?;
        let real = includes.join(name).canonicalize().map_err(|_| MISSING)?;
        // Never outside the includes folder, through a link or otherwise.
        let folder = includes.canonicalize().map_err(|_| MISSING)?;
        if !real.starts_with(folder) {
            return Err("a link out of _includes/, not followed");
        }
        // Bounded, and never a FIFO or a device (which could block or never end).
        let bytes = crate::fsutil::read_regular_file(&real, crate::fsutil::caps::SMALL)
            .map_err(|_| "not a readable file of at most 1 MiB")?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Copies text from the post, leaving out any character that would read as encoded.
fn plain(text: &str, out: &mut String) {
    if has_encoded(text) {
        out.extend(text.chars().map(|c| {
            if decode_char(c).is_some() {
                '\u{fffd}'
            } else {
                c
            }
        }));
    } else {
        out.push_str(text);
    }
}

/// Liquid shown as written: `{% if x %}`, `{{ x | upcase }}`.
fn as_written(markup: &str, out: &mut String) {
    encode(markup, out);
}

/// `{% highlight LANG %}` content as a fenced code block, its fence longer than any
/// run of backticks inside.
fn fenced(code: &str, lang: &str, out: &mut String) {
    let longest = code
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest.max(2) + 1);
    block_break(out);
    out.push_str(&fence);
    out.push_str(lang.trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '-'));
    out.push('\n');
    plain(code.trim_start_matches(['\r', '\n']).trim_end(), out);
    out.push('\n');
    out.push_str(&fence);
    out.push_str("\n\n");
}

/// Starts a new block: a blank line unless the output is at one already.
fn block_break(out: &mut String) {
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
}

/// An include name this reader follows: a relative path of plain names (no `..`, no
/// Liquid of its own such as `{{ page.blurb }}`).
fn is_plain_include_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != ".." && part != ".")
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '/'))
}

/// `baseurl` + `path` with exactly one `/` between them.
fn join_url(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    if path.is_empty() {
        return if base.is_empty() {
            "/".into()
        } else {
            base.into()
        };
    }
    format!("{base}/{}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(config: &str) -> Site {
        Site {
            config: Some(crate::site::SiteConfig::from_mapping(
                serde_yaml::from_str(config).unwrap(),
            )),
            ..Site::default()
        }
    }

    fn shown(body: &str, site: &Site) -> String {
        let page = Page {
            front_matter: "title: My post\nauthor: ann",
            url_of: &|reference| match reference {
                Reference::Post("2024-01-02-other") => Some("/blog/other.html".into()),
                _ => None,
            },
        };
        decode(&expand(body, page, site)).into_owned()
    }

    #[test]
    fn comments_vanish_and_raw_stays_as_written() {
        let site = Site::default();
        assert_eq!(
            shown("a {% comment %} hidden {{ x }} {% endcomment %}b", &site),
            "a b"
        );
        assert_eq!(
            shown(
                "{%- comment -%}\n<iframe src=x>\n{%- endcomment -%}\nafter",
                &site
            ),
            "\nafter"
        );
        assert_eq!(
            shown("{% raw %}{{ page.title }}{% endraw %}", &site),
            "{{ page.title }}"
        );
    }

    #[test]
    fn site_and_page_values_are_substituted() {
        let site = site("baseurl: /course\nurl: https://example.edu\ntitle: INF 380P");
        assert_eq!(
            shown("[People]({{ site.baseurl }}/people.html)", &site),
            "[People](/course/people.html)"
        );
        assert_eq!(
            shown("{{ site.title }}: {{ page.title }}", &site),
            "INF 380P: My post"
        );
        assert_eq!(
            shown(
                "{{ '/img/a.png' | relative_url }} {{ \"/b\" | absolute_url }}",
                &site
            ),
            "/course/img/a.png https://example.edu/course/b"
        );
    }

    #[test]
    fn the_rest_is_shown_as_written_and_encoded() {
        let site = Site::default();
        let page = Page {
            front_matter: "",
            url_of: &no_urls,
        };
        let expanded = expand("| {{ x | upcase }} |", page, &site);
        // Only the table's own pipes are left for Markdown to see.
        assert_eq!(expanded.matches('|').count(), 2);
        assert_eq!(decode(&expanded), "| {{ x | upcase }} |");
        // Without settings, site values are unknown, not empty.
        assert_eq!(shown("{{ site.baseurl }}", &site), "{{ site.baseurl }}");
        assert_eq!(
            shown("{% if a %}yes{% endif %}", &site),
            "{% if a %}yes{% endif %}"
        );
    }

    #[test]
    fn highlight_becomes_a_fenced_block() {
        let out = shown(
            "Before\n{% highlight python linenos %}\nprint(\"```\")\n{% endhighlight %}\nAfter",
            &Site::default(),
        );
        assert_eq!(out, "Before\n\n````python\nprint(\"```\")\n````\n\n\nAfter");
    }

    #[test]
    fn encoded_characters_in_the_post_itself_are_neutralised() {
        let sneaky = format!("a{}b", char::from_u32(ENCODED_BASE + 0x1b).unwrap());
        assert_eq!(shown(&sneaky, &Site::default()), "a\u{fffd}b");
    }

    #[test]
    fn post_url_and_link_give_the_url_of_what_they_name() {
        assert_eq!(
            shown("[see]({% post_url 2024-01-02-other %})", &Site::default()),
            "[see](/blog/other.html)"
        );
        assert_eq!(
            shown("{% post_url 2024-01-02-gone %}", &Site::default()),
            "{% post_url 2024-01-02-gone %}"
        );
    }

    #[test]
    fn jemoji_shortcodes_become_emoji_outside_code_when_the_site_uses_it() {
        let with = site("plugins: [jemoji]");
        let text = "Great :tada: talk, `:tada:` in code, :not_an_emoji: stays, 10:30:00\n```\n:tada:\n```\n";
        assert_eq!(
            shown(text, &with),
            "Great 🎉 talk, `:tada:` in code, :not_an_emoji: stays, 10:30:00\n```\n:tada:\n```\n"
        );
        assert_eq!(shown(":tada:", &site("title: no plugin")), ":tada:");
    }

    #[test]
    fn raw_ends_at_its_tag_even_around_braces() {
        let site = Site::default();
        assert_eq!(
            shown(
                "{% raw %}{{{% endraw %} page.title {% raw %}}}{% endraw %}",
                &site
            ),
            "{{ page.title }}"
        );
    }

    #[test]
    fn thousands_of_unclosed_blocks_are_each_shown_as_written() {
        let text = "{% comment %}{% raw %}".repeat(5_000);
        let shown = shown(&text, &Site::default());
        assert_eq!(shown.matches("{% comment %}").count(), 5_000);
    }

    #[test]
    fn includes_of_includes_stop_at_a_bound() {
        let dir = tempfile::tempdir().unwrap();
        let includes = dir.path().join("_includes");
        std::fs::create_dir_all(&includes).unwrap();
        std::fs::write(includes.join("a.md"), "{% include b.md %}".repeat(100)).unwrap();
        std::fs::write(includes.join("b.md"), "{% include c.md %}".repeat(100)).unwrap();
        std::fs::write(includes.join("c.md"), "x".repeat(100)).unwrap();
        let site = Site {
            includes: Some(includes),
            ..Site::default()
        };
        let out = shown("{% include a.md %}", &site);
        assert!(out.len() < 2 * MAX_INCLUDED_BYTES, "{} bytes", out.len());
        assert!(out.contains("too many includes in this post"));
    }

    #[test]
    fn unclosed_markup_is_text() {
        assert_eq!(
            shown("{{ open and {% never", &Site::default()),
            "{{ open and {% never"
        );
        assert_eq!(
            shown("{% comment %} never closed", &Site::default()),
            "{% comment %} never closed"
        );
    }
}
