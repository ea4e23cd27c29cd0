//! Code highlighting. Target: a 1,000-line block highlighted in under 10 ms. Also the
//! one-time cost of building each grammar's queries (done off the first frame in the
//! app), and what colouring adds to rendering a post made of a long code block, first
//! time and again at another width (the block's tokens are kept).
//! Run: `cargo bench --bench highlight -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use meetup_reader::markdown::{Theme, ThemeName, render};
use meetup_reader::syntax::{Lang, tokens_uncached};

/// 1,000 lines of the kind of Python a course post shows: functions, classes, strings,
/// comments, comprehensions; varied so no two stretches are alike.
fn python_block(lines: usize) -> String {
    let mut out = String::from("import pandas as pd\nfrom pathlib import Path\n\n");
    let mut i = 0;
    while out.lines().count() < lines {
        out.push_str(&format!(
            "class Talk{i}:\n    \"\"\"A talk of meetup {i}, with its speaker.\"\"\"\n\n    \
             def __init__(self, title: str, minutes: int = {m}) -> None:\n        \
             self.title = title  # as announced\n        self.minutes = minutes\n\n    \
             def summary(self) -> str:\n        return f\"{{self.title}} ({{self.minutes}} min)\"\n\n\
             def load_{i}(path: Path) -> list[dict]:\n    rows = pd.read_csv(path / \"talks-{i}.csv\")\n    \
             return [row for row in rows.to_dict(\"records\") if row[\"minutes\"] > {m}]\n\n",
            m = 10 + i % 50
        ));
        i += 1;
    }
    out.lines().take(lines).collect::<Vec<_>>().join("\n") + "\n"
}

fn javascript_block(lines: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.lines().count() < lines {
        out.push_str(&format!(
            "// talk {i}\nexport async function loadTalk{i}(id) {{\n  const res = await fetch(`/talks/${{id}}.json`);\n  \
             if (!res.ok) throw new Error('talk {i} missing');\n  return (await res.json()).map((t) => ({{ ...t, n: {i} }}));\n}}\n\n"
        ));
        i += 1;
    }
    out.lines().take(lines).collect::<Vec<_>>().join("\n") + "\n"
}

fn html_block(lines: usize) -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.lines().count() < lines {
        out.push_str(&format!(
            "<section class=\"talk\" id=\"t{i}\">\n  <h2>Talk {i}</h2>\n  <p>By <a href=\"/people/{i}.html\">a speaker</a>.</p>\n  \
             <!-- slides to come -->\n</section>\n"
        ));
        i += 1;
    }
    out.lines().take(lines).collect::<Vec<_>>().join("\n") + "\n"
}

fn bench_highlight(c: &mut Criterion) {
    let blocks = [
        ("python", Lang::Python, python_block(1000)),
        ("javascript", Lang::JavaScript, javascript_block(1000)),
        ("html", Lang::Html, html_block(1000)),
    ];
    let mut group = c.benchmark_group("highlight a 1,000-line block");
    for (name, lang, code) in &blocks {
        group.bench_function(*name, |b| {
            b.iter(|| tokens_uncached(*lang, black_box(code)).map(|t| t.len()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("build a grammar's queries");
    group.sample_size(10);
    for (name, lang) in [
        ("python", Lang::Python),
        ("shell", Lang::Shell),
        ("html", Lang::Html),
        ("css", Lang::Css),
        ("javascript", Lang::JavaScript),
        ("json", Lang::Json),
        ("yaml", Lang::Yaml),
        ("markdown", Lang::Markdown),
        ("ruby", Lang::Ruby),
        ("sql", Lang::Sql),
    ] {
        group.bench_function(name, |b| b.iter(|| lang.build().is_some()));
    }
    group.finish();

    let post = format!("Some words.\n\n```python\n{}```\n", python_block(1000));
    let colours = Theme::new(ThemeName::Dark, true);
    let mut plain = colours.clone();
    plain.syntax = None;
    let mut group = c.benchmark_group("render a post of 1,000 lines of Python at 80 columns");
    group.bench_function("code plain", |b| {
        b.iter(|| render(black_box(&post), 80, &plain).len())
    });
    group.bench_function("code coloured, tokens kept", |b| {
        b.iter(|| render(black_box(&post), 80, &colours).len())
    });
    group.finish();
}

criterion_group!(benches, bench_highlight);
criterion_main!(benches);
