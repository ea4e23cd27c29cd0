//! Loading a folder of 10,000 posts of about 5 KB, against reading the same files with
//! `cat` and with one thread. Run: `cargo bench --bench load`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use meetup_reader::post::front_matter::parse_post;
use meetup_reader::post::load_folder;

const POSTS: usize = 10_000;

fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn bench_load(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = meetup_reader::corpus::generate(dir.path(), POSTS, 5 * 1024, 42).unwrap();
    let files = files_of(dir.path());
    eprintln!("corpus: {} files, {} bytes", files.len(), bytes);

    let mut group = c.benchmark_group("load 10k posts");
    group.sample_size(20);
    group.bench_function("meetup-reader load_folder", |b| {
        b.iter(|| load_folder(dir.path()).unwrap().posts.len())
    });
    group.bench_function("cat (one process, all files)", |b| {
        b.iter(|| {
            // xargs batches the paths so cat reads every file, as a shell user would.
            let mut child = Command::new("xargs")
                .args(["-0", "cat"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .unwrap();
            let mut input = Vec::new();
            for file in &files {
                input.extend_from_slice(file.as_os_str().as_encoded_bytes());
                input.push(0);
            }
            use std::io::Write;
            child.stdin.take().unwrap().write_all(&input).unwrap();
            assert!(child.wait().unwrap().success());
        })
    });
    group.bench_function("read only, one thread", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|f| fs::read(f).unwrap().len())
                .sum::<usize>()
        })
    });
    let contents: Vec<(PathBuf, Vec<u8>)> = files
        .iter()
        .map(|f| {
            (
                f.strip_prefix(dir.path()).unwrap().to_path_buf(),
                fs::read(f).unwrap(),
            )
        })
        .collect();
    group.bench_function("parse only, one thread (files already in memory)", |b| {
        b.iter(|| {
            contents
                .iter()
                .map(|(rel, bytes)| parse_post(rel, bytes).words)
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_load);
criterion_main!(benches);
