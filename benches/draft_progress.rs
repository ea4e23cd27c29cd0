//! What the editor's status line recomputes as the student types: answers per question
//! on a long draft, and the publish name (slug) from the title.

use criterion::{Criterion, criterion_group, criterion_main};
use meetup_reader::draft::{answered, builtin_template, questions, slugify};
use std::hint::black_box;

/// A draft of about `words` words spread over the five questions.
fn long_draft(words: usize) -> String {
    let template = builtin_template();
    let answer = "I went to the meetup and <b>learned</b> a lot about Python. ".repeat(words / 50);
    template.replace("?**\n", &format!("?**\n<br /> {answer}\n"))
}

fn bench(c: &mut Criterion) {
    let qs = questions(&builtin_template());
    for words in [1_000, 10_000] {
        let draft = long_draft(words);
        c.bench_function(&format!("answered_{words}_words"), |b| {
            b.iter(|| answered(black_box(&draft), black_box(&qs)))
        });
    }
    let title = "Café Zürich: my first \"PyData\" meetup — what I learned! ".repeat(3);
    c.bench_function("slugify_title", |b| b.iter(|| slugify(black_box(&title))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
