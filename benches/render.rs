//! Rendering speed against pulldown-cmark's own parse of the same text. Targets: a 20 KB
//! post renders in under 1 ms; a 1 MB post within 2x of the parse. Posts from 128 KB on
//! are laid out on a second thread while they are parsed, so the 1 MB figure is the
//! time a reader waits with two cores; "on one thread" is the work without that.
//! Run: `cargo bench --bench render -- --warm-up-time 1 --measurement-time 3`.
//! Instruction counts, steady on a busy machine: build with `cargo bench --bench render
//! --no-run`, then run the printed executable as `RENDER_PROBE=render valgrind
//! --tool=callgrind <exe>` (or `RENDER_PROBE=parse`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group};
use meetup_reader::markdown::{Theme, ThemeName, parser_options, render, render_on_this_thread};
use pulldown_cmark::Parser;

const WORDS: &[&str] = &[
    "the",
    "meetup",
    "Python",
    "speaker",
    "talked",
    "about",
    "data",
    "pipelines",
    "and",
    "I",
    "learned",
    "how",
    "to",
    "deploy",
    "models",
    "with",
    "Redis",
    "community",
    "was",
    "very",
    "welcoming",
    "questions",
    "answers",
    "pizza",
    "presentation",
    "engineer",
    "open-source",
    "real-time",
    "inference",
    "feature",
    "store",
    "café",
    "naïve",
    "日本語",
    "🎉",
];

/// A small deterministic generator, so every run measures the same text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }

    fn sentence(&mut self, out: &mut String) {
        let len = 8 + self.next(14);
        for i in 0..len {
            if i > 0 {
                out.push(' ');
            }
            let w = WORDS[self.next(WORDS.len())];
            match self.next(30) {
                0 => out.push_str(&format!("*{w}*")),
                1 => out.push_str(&format!("**{w}**")),
                2 => out.push_str(&format!("`{w}`")),
                3 => out.push_str(&format!("[{w}](https://example.com/{w}/{})", self.next(50))),
                _ => out.push_str(w),
            }
        }
        out.push_str(". ");
    }
}

/// A reflection post as students write them: headings, paragraphs with some styling and
/// links, `<br />` line starts, lists, the odd quote, code block and table.
fn realistic_post(target: usize) -> String {
    let mut rng = Lcg(7);
    let mut out = String::with_capacity(target + 4096);
    let mut section = 0;
    while out.len() < target {
        section += 1;
        out.push_str(&format!("## What did you learn, part {section}?\n\n"));
        for _ in 0..2 + rng.next(3) {
            if rng.next(4) == 0 {
                out.push_str("<br /> ");
            }
            for _ in 0..3 + rng.next(4) {
                rng.sentence(&mut out);
            }
            out.push_str("\n\n");
        }
        match section % 4 {
            0 => {
                for i in 0..4 {
                    out.push_str(if i % 2 == 0 { "- " } else { "  - " });
                    rng.sentence(&mut out);
                    out.push('\n');
                }
                out.push('\n');
            }
            1 => {
                out.push_str("> ");
                rng.sentence(&mut out);
                out.push_str("\n\n```python\nimport redis\nr = redis.Redis(host='localhost', port=6379)\nprint(r.get('feature:42'))\n```\n\n");
            }
            2 => {
                out.push_str("| Speaker | Talk | Minutes |\n|:--|:--|--:|\n");
                for i in 0..3 {
                    out.push_str(&format!("| Person {i} | "));
                    rng.sentence(&mut out);
                    out.push_str(&format!(" | {} |\n", 10 + i));
                }
                out.push('\n');
            }
            _ => {
                out.push_str("1. ");
                rng.sentence(&mut out);
                out.push_str("\n2. ");
                rng.sentence(&mut out);
                out.push_str("\n\n");
            }
        }
    }
    out
}

fn bench_render(c: &mut Criterion) {
    let theme = Theme::new(ThemeName::Dark, true);
    for (name, size) in [("20 KB", 20 * 1024), ("1 MB", 1024 * 1024)] {
        let post = realistic_post(size);
        let mut group = c.benchmark_group(format!("{name} post"));
        group.throughput(Throughput::Bytes(post.len() as u64));
        if size > 100_000 {
            group.sample_size(20);
        }
        group.bench_function("pulldown-cmark parse", |b| {
            b.iter(|| Parser::new_ext(black_box(&post), parser_options()).count())
        });
        group.bench_function("render at 80 columns", |b| {
            b.iter(|| render(black_box(&post), 80, &theme).len())
        });
        // The app keeps what it renders in its cache, so freeing it is off the keystroke
        // path: this one times the rendering alone.
        group.bench_function("render at 80 columns, result freed untimed", |b| {
            b.iter_with_large_drop(|| render(black_box(&post), 80, &theme))
        });
        // Long posts are laid out on a second thread while they are parsed; this is the
        // same work on one.
        group.bench_function("render at 80 columns on one thread", |b| {
            b.iter(|| render_on_this_thread(black_box(&post), 80, &theme).len())
        });
        group.finish();
    }
}

criterion_group!(benches, bench_render);

/// `RENDER_PROBE=parse|render|both cargo bench --bench render` runs one pass over the 1 MB
/// post and exits: a steady workload for `valgrind --tool=callgrind` or `--tool=dhat`,
/// whose instruction and allocation counts do not depend on the load of the machine.
fn probe(which: &str) {
    let post = realistic_post(1024 * 1024);
    let theme = Theme::new(ThemeName::Dark, true);
    if which == "ratio" {
        ratio(&post, &theme);
        return;
    }
    if which != "render" {
        black_box(Parser::new_ext(black_box(&post), parser_options()).count());
    }
    if which != "parse" {
        black_box(render(black_box(&post), 80, &theme));
    }
}

/// `RENDER_PROBE=ratio`: the parse and the render of the 1 MB post timed in turn, 200
/// times each, and the medians compared. Taken in turn, both see the same load from
/// the rest of the machine, so the ratio holds steadier than separate runs give it.
fn ratio(post: &str, theme: &Theme) {
    let time = |f: &dyn Fn()| {
        let start = std::time::Instant::now();
        f();
        start.elapsed()
    };
    let (mut parse, mut both, mut one) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..200 {
        parse.push(time(&|| {
            black_box(Parser::new_ext(black_box(post), parser_options()).count());
        }));
        both.push(time(&|| {
            black_box(render(black_box(post), 80, theme).len());
        }));
        one.push(time(&|| {
            black_box(render_on_this_thread(black_box(post), 80, theme).len());
        }));
    }
    let median = |v: &mut Vec<std::time::Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (p, b, o) = (median(&mut parse), median(&mut both), median(&mut one));
    println!(
        "parse {p:?}  render {b:?} ({:.2}x)  on one thread {o:?} ({:.2}x)",
        b.as_secs_f64() / p.as_secs_f64(),
        o.as_secs_f64() / p.as_secs_f64()
    );
}

fn main() {
    if let Ok(which) = std::env::var("RENDER_PROBE") {
        probe(&which);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
