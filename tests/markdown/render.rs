//! Snapshots of every construct the reading pane renders, at widths 40 and 100, and of
//! the seed posts.

use std::path::Path;

use meetup_reader::markdown::{Rendered, Theme, ThemeName, render};
use meetup_reader::post::front_matter::parse_post;
use ratatui::style::Style;
use ratatui::text::Line;

fn theme() -> Theme {
    Theme::new(ThemeName::Dark, true)
}

fn plain(rendered: &Rendered, width: u16) -> String {
    let mut out = String::new();
    for line in rendered.lines() {
        assert!(
            line.width() <= usize::from(width),
            "line wider than {width}: {line:?}"
        );
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// The construct at widths 40 and 100, with a ruler showing the width.
fn both_widths(markdown: &str) -> String {
    let mut out = String::new();
    for width in [40u16, 100] {
        let rendered = render(markdown, width, &theme());
        out.push_str(&format!(
            "{:=<w$}\n",
            format!("== width {width} "),
            w = usize::from(width)
        ));
        out.push_str(&plain(&rendered, width));
        if !rendered.links.is_empty() {
            out.push_str(&format!("links: {:?}\n", rendered.links));
        }
    }
    out
}

macro_rules! construct {
    ($name:ident, $md:expr) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(both_widths($md));
        }
    };
}

construct!(
    headings,
    "# A first-level heading that is long enough to wrap at forty columns\n\n\
     ## Second level\n\n### Third level\n\n#### Fourth level\n\n###### Sixth\n\nBody text."
);

construct!(
    paragraphs_and_breaks,
    "A paragraph of ordinary words that wraps on word boundaries, with a soft\n\
     break here and a hard break after two spaces  \nthen a backslash break\\\n\
     and the end.\n\n\
     Averyveryveryverylongwordthatcannotfitonanylineatfortycolumnsorevensixtyandmore stays whole.\n\n\
     日本語の文章は空白なしで折り返されます。日本語の文章は空白なしで折り返されます。\n\n\
     Emoji 👩‍💻 and 🎉 take two columns; cafe\u{301} keeps its accent."
);

construct!(
    emphasis,
    "Plain *emphasis*, **strong**, ~~struck~~, `inline code`, ***both***, and \
     **bold with *nested emphasis* and ~~strike~~ inside**, plus `code with  spaces`."
);

construct!(
    block_quotes,
    "> A quoted paragraph long enough to wrap inside the bar at forty columns.\n>\n\
     > > A nested quote, also long enough to wrap a few times at forty.\n>\n\
     > Back to the first level.\n\nAfter the quote."
);

construct!(
    lists,
    "- First bullet with enough text to wrap under its own hanging indent.\n\
     - Second\n  - Nested bullet that is long enough to wrap at forty columns too.\n\
     \x20   - Third level\n- Third\n\n\
     7. Seventh, the real start\n8. Eighth\n9. Ninth\n10. Tenth with a wider number that wraps below itself.\n\n\
     - Loose item one\n\n- Loose item two\n\n  With a second paragraph.\n\n-\n- Empty item above"
);

construct!(
    task_lists,
    "- [ ] Write the reflection\n- [x] Attend the meetup and take notes that wrap at forty\n\
     1. [x] Numbered and done\n2. [ ] Numbered and open"
);

construct!(
    code_blocks,
    "```rust\nfn main() {\n\tprintln!(\"a line long enough to be cut at forty columns, and at a hundred too if we keep going on\");\n}\n```\n\n\
     Indented:\n\n    $ cargo run -- show post.md\n    done\n\n\
     - In a list:\n\n  ```\n  code in an item\n  ```"
);

construct!(
    tables,
    "| Left | Centre | Right |\n|:-----|:------:|------:|\n| a | b | c |\n| longer cell | mid | 42 |\n\n\
     | Name | What they said |\n|---|---|\n| Dima | Using Redis as an online feature store for real-time inference, with a demo. |\n| Nick | Building an AI app in under twenty minutes with MLRun. |\n\n\
     | a | b | c | d | e | f | g | h | i | j | k |\n|---|---|---|---|---|---|---|---|---|---|---|\n| one | two | three | four | five | six | seven | eight | nine | ten | eleven |"
);

construct!(
    links_and_images,
    "See [the meetup page](https://www.meetup.com/austinpython/) and [its \
     events](https://www.meetup.com/austinpython/events/), again [here](https://www.meetup.com/austinpython/).\n\n\
     Autolinks: <https://example.com/a/very/long/path/that/wraps/somewhere/in/the/link/list> and \
     <someone@example.com>.\n\n![The group photo](photo.jpg) [ref link][r]\n\n[r]: https://ref.example/"
);

construct!(
    footnotes,
    "The talk was good[^1] and long[^note].\n\n[^1]: A footnote that is long enough to wrap at forty columns.\n\n\
     [^note]: Another one."
);

construct!(
    rules,
    "Above\n\n---\n\nBetween\n\n***\n\n> quoted\n>\n> ---"
);

construct!(
    html,
    "**How did it go?**\n<br /> It went well.<br>Second line<br/>third.\n\n\
     Some <b>bold</b>, <strong>strong</strong>, <i>italic</i>, <em>em</em>, <u>under</u>, \
     <code>code</code>, <span class=\"x\">span text kept</span>, <a href=\"https://a.example/\">a link</a>, \
     Tom &amp; Jerry &mdash; &copy; <!-- hidden comment --> end.\n\n\
     <iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/xyz\" allowfullscreen></iframe>\n\n\
     <video controls src=\"talk.mp4\">Your browser cannot play it.</video>\n\n\
     <embed src=\"slides.pdf\">\n\n<script src=\"https://gist.github.com/x.js\"></script>\n\n\
     <script>\nalert('hidden body');\n</script>\n\n\
     <div align=\"center\">\n<p>Block <b>HTML</b> paragraph one.</p>\n<p>And two, with <img src=\"pic.png\" alt=\"a pic\">.</p>\n</div>\n\n\
     <!--\na block comment\nover lines\n-->\n\nAfter."
);

construct!(
    hostile_text,
    "Red \x1b[31mtext\x1b[0m, a bell\x07, back\x08space, C1 \u{9b}2J, OSC \x1b]0;title\x07 and \
     \x1b]52;c;SGVsbG8=\x07, entities &#27;[2J and &#x9b;, bidi \u{202e}reversed\u{202c}, tab\there.\n\n\
     ```\ncode \x1b[2J with\ttab\n```\n\n`inline \x1b[1m code`"
);

#[test]
fn seed_posts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("posts");
    let mut files: Vec<_> = walk(&dir);
    files.sort();
    assert_eq!(files.len(), 3);
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let rel = file.strip_prefix(&dir).unwrap();
        let post = parse_post(rel, &bytes);
        assert!(
            !post.body.contains("layout: post"),
            "front matter left in the body"
        );
        let rendered = render(&post.body, 80, &theme());
        let name = rel.parent().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("seed_post_{name}"), plain(&rendered, 80));
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}

/// Each span as `text` followed by its style, compactly: `{fg:Cyan +BOLD}`.
fn styled(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for line in lines {
        for span in &line.spans {
            out.push_str(&format!("{:?}{}", span.content, style_tag(span.style)));
        }
        out.push('\n');
    }
    out
}

fn style_tag(style: Style) -> String {
    let mut parts = Vec::new();
    if let Some(fg) = style.fg {
        parts.push(format!("fg:{fg:?}"));
    }
    if let Some(bg) = style.bg {
        parts.push(format!("bg:{bg:?}"));
    }
    for (name, _) in style.add_modifier.iter_names() {
        parts.push(format!("+{name}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{{{}}}", parts.join(" "))
    }
}

const STYLE_CASES: &str = "# Title\n\n## Sub\n\n*em* **strong** ***both*** ~~gone~~ `code` \
    [link](https://x.example/) <b>html bold</b> <u>under</u>\n\n> quote\n\n- item\n\n| h |\n|---|\n| c |";

#[test]
fn styles_dark() {
    let r = render(STYLE_CASES, 60, &Theme::new(ThemeName::Dark, true));
    insta::assert_snapshot!(styled(&r.lines().collect::<Vec<_>>()));
}

#[test]
fn styles_light() {
    let r = render(STYLE_CASES, 60, &Theme::new(ThemeName::Light, true));
    insta::assert_snapshot!(styled(&r.lines().collect::<Vec<_>>()));
}

#[test]
fn styles_without_colour_keep_modifiers() {
    let r = render(STYLE_CASES, 60, &Theme::new(ThemeName::Dark, false));
    let text = styled(&r.lines().collect::<Vec<_>>());
    assert!(!text.contains("fg:"), "{text}");
    insta::assert_snapshot!(text);
}

/// A little of every language with a grammar, a fence without one, and a line long
/// enough to go on below (its colours go on too).
const CODE_CASES: &str = "```python\ndef greet(name):\n    return f\"hi {name}\"  # say it\n```\n\n\
```sh\npip install \"pandas>=2\" && echo $HOME\n```\n\n\
```html\n<p class=\"x\">hi<script>let n = 1;</script></p>\n```\n\n\
```css\np { color: #fff; }\n```\n\n```js\nconst x = [1, 'a', null];\n```\n\n\
```json\n{\"a\": [1, true]}\n```\n\n```yaml\ntitle: \"Hi\"  # c\n```\n\n\
```markdown\n# Title\n\n*em* and `code`\n```\n\n```ruby\ndef f = puts(:sym)\n```\n\n\
```sql\nSELECT name FROM people WHERE id = 1;\n```\n\n\
```\nplain = \"no language\"\n```\n\n\
```python\nvalue = compute_the_answer(\"a string long enough to wrap at forty\") + 1\n```";

#[test]
fn code_colours_dark() {
    let r = render(CODE_CASES, 40, &Theme::new(ThemeName::Dark, true));
    insta::assert_snapshot!(styled(&r.lines().collect::<Vec<_>>()));
}

#[test]
fn code_colours_light() {
    let r = render(CODE_CASES, 40, &Theme::new(ThemeName::Light, true));
    insta::assert_snapshot!(styled(&r.lines().collect::<Vec<_>>()));
}

#[test]
fn code_without_colour_is_plain_and_the_same_text() {
    let colours = render(CODE_CASES, 40, &Theme::new(ThemeName::Dark, true));
    let none = render(CODE_CASES, 40, &Theme::new(ThemeName::Dark, false));
    let text = styled(&none.lines().collect::<Vec<_>>());
    assert!(!text.contains("fg:"), "{text}");
    assert_eq!(plain(&colours, 40), plain(&none, 40));
}

#[test]
fn tiny_widths_never_overflow() {
    let md = "# 日本語\n\n> - [x] 字 **bold** `c` | x\n\n| 日 | 本 |\n|--|--|\n| 語 | 字 |\n\n```\n日本\n```";
    for width in 1..=6u16 {
        let r = render(md, width, &theme());
        plain(&r, width);
    }
}

#[test]
fn an_image_without_alt_text_shows_its_file_name() {
    let md = "![](/assets/team-photo.jpg?v=2) and <img src=\"img/slides.png\" alt=\"\"> and \
              ![Kept alt](x/y.png)";
    let shown = plain(&render(md, 100, &theme()), 100);
    assert!(shown.contains("[image: team-photo.jpg]"), "{shown}");
    assert!(shown.contains("[image: slides.png]"), "{shown}");
    assert!(shown.contains("[image: Kept alt]"), "{shown}");
}
