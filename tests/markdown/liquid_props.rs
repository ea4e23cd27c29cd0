//! Properties of the Liquid pass on any text: it never panics, Liquid it shows as
//! written comes back whole, and text outside Liquid is never lost.

use meetup_reader::liquid::{Page, Site, decode, expand};
use proptest::prelude::*;

/// Liquid pieces and plain text, to be glued at random.
const FRAGMENTS: &[&str] = &[
    "{%",
    "%}",
    "{{",
    "}}",
    "{%-",
    "-%}",
    "{% comment %}",
    "{% endcomment %}",
    "{% raw %}",
    "{% endraw %}",
    "{% highlight python %}",
    "{% endhighlight %}",
    "{% include a.md %}",
    "{% include ../etc/passwd %}",
    "{% include loop.md %}",
    "{% if x %}",
    "{% endif %}",
    "{{ site.baseurl }}",
    "{{ page.title }}",
    "{{ x | upcase }}",
    "{{ '/a' | relative_url }}",
    "word",
    " ",
    "\n",
    "\n\n",
    "|",
    "`",
    "```",
    "-",
    "{",
    "}",
    "%",
    "\u{f001b}",
    "é",
    "日本",
];

fn soup(parts: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(parts), 0..40).prop_map(|p| p.concat())
}

/// A site with settings and includes: one plain, one that includes itself.
fn site() -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    let includes = dir.path().join("_includes");
    std::fs::create_dir_all(&includes).unwrap();
    std::fs::write(includes.join("a.md"), "included {{ page.title }}").unwrap();
    std::fs::write(includes.join("loop.md"), "again {% include loop.md %}").unwrap();
    let site = Site {
        config: Some(meetup_reader::site::SiteConfig::from_mapping(
            serde_yaml::from_str("baseurl: /b\ntitle: T").unwrap(),
        )),
        includes: Some(includes),
        ..Site::default()
    };
    (dir, site)
}

const PAGE: Page<'static> = Page {
    front_matter: "title: A post",
    url_of: &meetup_reader::liquid::no_urls,
};

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200),
        ..ProptestConfig::default()
    })]

    #[test]
    fn never_panics_and_renders(text in soup(FRAGMENTS), width in 1u16..=100) {
        let (_dir, site) = site();
        let expanded = expand(&text, PAGE, &site);
        let theme = meetup_reader::markdown::Theme::new(meetup_reader::markdown::ThemeName::Dark, true);
        let rendered = meetup_reader::markdown::render(&expanded, width, &theme);
        for line in rendered.lines() {
            for span in &line.spans {
                prop_assert!(!span.content.chars().any(meetup_reader::sanitize::is_unsafe));
            }
        }
    }

    #[test]
    fn liquid_shown_as_written_comes_back_whole(
        text in soup(&["{% if x %}", "{% endif %}", "{{ x | upcase }}", "{% for a in b %}",
            "word", " ", "\n", "|", "`", "{", "}", "%", "é"])
    ) {
        let expanded = expand(&text, PAGE, &Site::default());
        let shown = decode(&expanded).into_owned();
        prop_assert_eq!(shown, text);
    }

    #[test]
    fn text_outside_liquid_is_never_lost(
        text in soup(&["word", "other", " ", "\n", "{{ page.title }}", "{% include a.md %}",
            "{% raw %}kept{% endraw %}", "{% comment %}gone{% endcomment %}"])
    ) {
        let (_dir, site) = site();
        let shown = decode(&expand(&text, PAGE, &site)).into_owned();
        let words = |t: &str| t.matches("word").count() + t.matches("other").count();
        let outside = text
            .replace("{% comment %}gone{% endcomment %}", "")
            .replace("{% raw %}kept{% endraw %}", "");
        prop_assert!(words(&shown) >= words(&outside));
        prop_assert_eq!(shown.matches("kept").count(), text.matches("{% raw %}").count());
        prop_assert!(!shown.contains("gone"));
    }
}
