//! Review costs per key press and per session: the rubric of one post, a whole
//! folder's rubric, saving and reopening a large review file, the publish toggle,
//! and an export. The posts are generated here, from the sample posts' text.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use meetup_reader::assignment::DEFAULT_QUESTIONS;
use meetup_reader::post::Library;
use meetup_reader::post::front_matter::parse_post;
use meetup_reader::review::export::{ExportFormat, Sheet, render, rows};
use meetup_reader::review::{ReviewStatus, ReviewStore, Rubric, toggle_published};

const SAMPLE: &str =
    include_str!("../posts/inf380pcoder/2022-12-01-inf380p's-meetup-reflection.md");
const POSTS: usize = 1_000;
const REVIEWS: usize = 10_000;

fn library() -> Library {
    let posts = (0..POSTS)
        .map(|i| {
            let path = PathBuf::from(format!("author{}/2024-01-01-post-{i}.md", i % 40));
            parse_post(&path, SAMPLE.as_bytes())
        })
        .collect();
    Library {
        root: PathBuf::from("posts"),
        posts,
        ..Library::default()
    }
}

fn store_with_reviews(path: &std::path::Path) -> ReviewStore {
    let mut store = ReviewStore::open(path).unwrap();
    for i in 0..REVIEWS {
        store
            .update(
                &format!("author{}/post-{i}.md", i % 40),
                SAMPLE.as_bytes(),
                |r| {
                    r.status = ReviewStatus::Reviewed;
                    r.score = Some((i % 10) as f64);
                    r.note = "Good detail on the talks; the last answer is short, say more.".into();
                },
            )
            .unwrap();
    }
    store
}

fn benches(c: &mut Criterion) {
    c.bench_function("rubric of one 870-word post", |b| {
        b.iter(|| Rubric::of(black_box(SAMPLE), &DEFAULT_QUESTIONS))
    });

    let library = library();
    c.bench_function("rubric of 1,000 posts", |b| {
        b.iter(|| {
            library
                .posts
                .iter()
                .map(|p| Rubric::of(&p.body, &DEFAULT_QUESTIONS).answered())
                .sum::<usize>()
        })
    });

    c.bench_function("toggle published twice", |b| {
        b.iter(|| toggle_published(&toggle_published(black_box(SAMPLE.as_bytes())).unwrap()))
    });

    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("reviews.json");
    let mut store = store_with_reviews(&path);
    c.bench_function("save a review file of 10,000 reviews", |b| {
        b.iter(|| store.save().unwrap())
    });
    c.bench_function("open a review file of 10,000 reviews", |b| {
        b.iter(|| ReviewStore::open(&path).unwrap())
    });

    let mut marked = store.clone();
    c.bench_function("mark one post and save (10,000 reviews)", |b| {
        b.iter(|| {
            marked
                .set_status(
                    "author1/post-1.md",
                    SAMPLE.as_bytes(),
                    ReviewStatus::Flagged,
                )
                .unwrap();
            marked.save().unwrap()
        })
    });

    let questions: Vec<String> = DEFAULT_QUESTIONS.iter().map(|q| q.to_string()).collect();
    let sheet = Sheet {
        score_max: 10.0,
        questions: &questions,
    };
    c.bench_function("export 1,000 posts as CSV", |b| {
        b.iter(|| {
            render(
                &rows(&library, &store, &questions),
                ExportFormat::Csv,
                sheet,
            )
        })
    });
}

criterion_group! {
    name = review;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(review);
