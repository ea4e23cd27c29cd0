//! The command line against the cost of reading the files: whole processes, medians,
//! interleaved so a busy moment hurts every program alike.
//! - `cat` of every post (through `find -exec cat {} +`, which walks the folder as
//!   `list` does) against `list`, `list --json` and the app run headless by
//!   `snapshot` (every post loaded and measured, one frame), with each one's peak
//!   memory against the total size of the files;
//! - `show` of a 6 KB post against `lowdown -tterm` of the same file, when lowdown is
//!   installed.
//!
//! Run: `cargo bench --bench cli` (`BENCH_POSTS=100000` for the big folder, `CLI_KEEP=DIR` to
//! generate the folder into DIR and stop,
//! `CLI_ROUNDS` for the rounds, 5 by default; `show` runs 40 times as many).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    // `cargo bench` passes `--bench`; anything else names what to run, and only this.
    if std::env::args()
        .skip(1)
        .any(|a| a != "--bench" && !"cli".contains(&a))
    {
        return;
    }
    let posts = env_number("BENCH_POSTS", 10_000);
    let rounds = env_number("CLI_ROUNDS", 5);
    let dir = tempfile::tempdir().unwrap();
    let bytes = meetup_reader::corpus::generate(dir.path(), posts, 5 * 1024, 42).unwrap();
    if let Some(keep) = std::env::var_os("CLI_KEEP") {
        // For profiling by hand: the folder stays where it is asked to.
        std::fs::rename(dir.path(), &keep).unwrap();
        println!("the folder is kept in {}", Path::new(&keep).display());
        return;
    }
    let folder = dir.path().to_str().unwrap().to_owned();
    let app = env!("CARGO_BIN_EXE_meetup-reader");
    let cat = Run::new("find", &[&folder, "-type", "f", "-exec", "cat", "{}", "+"]);
    let list = Run::new(app, &["list", &folder]);
    let json = Run::new(app, &["list", "--json", &folder]);
    // The app itself, headless: every post loaded and its rubric measured, one frame.
    let snapshot = Run::new(app, &["snapshot", &folder, "--size", "200x60"]);
    folder_rounds(posts, bytes, rounds, &[cat, list, json, snapshot]);

    let post = dir.path().join("show.md");
    std::fs::write(&post, six_kilobyte_post()).unwrap();
    let post = post.to_str().unwrap();
    let mut show = vec![Run::new(app, &["show", post])];
    if Command::new("lowdown").arg("--version").output().is_ok() {
        show.push(Run::new("lowdown", &["-tterm", post]));
    } else {
        println!("lowdown is not installed: `show` is timed alone");
    }
    single_post_rounds(rounds * 40, &show);
}

fn folder_rounds(posts: usize, bytes: u64, rounds: usize, runs: &[Run]) {
    let measured = interleaved(rounds, runs);
    let mib = bytes as f64 / (1024.0 * 1024.0);
    println!("{posts} posts, {mib:.0} MB, medians of {rounds}:");
    let base = median_time(&measured[0]);
    for (run, times) in runs.iter().zip(&measured) {
        let took = median_time(times);
        let peak_kib = times.iter().map(|t| t.1).max().unwrap_or(0);
        println!(
            "  {:<40} {:>8.1} ms = {:.2}x cat; peak memory {:.0} MB = {:.2}x the files",
            run.label,
            took.as_secs_f64() * 1000.0,
            took.as_secs_f64() / base.as_secs_f64(),
            peak_kib as f64 / 1024.0,
            peak_kib as f64 * 1024.0 / bytes as f64,
        );
    }
}

/// Each run `rounds` times, taking turns, after one of each not counted (the files
/// and binaries are then in the cache): per run, its times and peak memories.
fn interleaved(rounds: usize, runs: &[Run]) -> Vec<Vec<(Duration, u64)>> {
    for run in runs {
        run.once();
    }
    let mut measured: Vec<Vec<(Duration, u64)>> = vec![Vec::new(); runs.len()];
    for _ in 0..rounds {
        for (run, times) in runs.iter().zip(&mut measured) {
            times.push(run.once());
        }
    }
    measured
}

fn single_post_rounds(rounds: usize, runs: &[Run]) {
    let measured = interleaved(rounds, runs);
    println!("a 6 KB post, medians of {rounds}:");
    let first = median_time(&measured[0]);
    for (run, times) in runs.iter().zip(&measured) {
        let took = median_time(times);
        println!(
            "  {:<40} {:>6.2} ms (show takes {:.2}x this)",
            run.label,
            took.as_secs_f64() * 1000.0,
            first.as_secs_f64() / took.as_secs_f64(),
        );
    }
}

struct Run {
    program: String,
    args: Vec<String>,
    label: String,
}

impl Run {
    fn new(program: &str, args: &[&str]) -> Run {
        let name = Path::new(program).file_name().unwrap().to_string_lossy();
        // The folder's path says nothing; the rest of the command line does.
        let shown: Vec<&str> = args
            .iter()
            .copied()
            .filter(|a| !a.starts_with('/'))
            .collect();
        Run {
            program: program.to_owned(),
            args: args.iter().map(|a| a.to_string()).collect(),
            label: format!("{name} {}", shown.join(" ")),
        }
    }

    /// Runs the program once, its output thrown away; how long it took and the
    /// peak resident memory of its biggest process, in KiB.
    // The child is waited for by `wait4`, which `Child` does not know of.
    #[allow(clippy::zombie_processes)]
    fn once(&self) -> (Duration, u64) {
        let started = Instant::now();
        let child = Command::new(&self.program)
            .args(&self.args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", self.program));
        let (status, peak_kib) = wait_with_usage(child.id());
        let took = started.elapsed();
        assert!(status == 0, "{} ended with status {status}", self.label);
        (took, peak_kib)
    }
}

/// Waits for the process `pid` and returns its exit status and its peak resident
/// memory (the largest of it and the children it waited for), in KiB.
fn wait_with_usage(pid: u32) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value for the kernel to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both pointers are to locals.
    let waited = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid as libc::pid_t, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage.ru_maxrss as u64)
}

fn median_time(times: &[(Duration, u64)]) -> Duration {
    let mut sorted: Vec<Duration> = times.iter().map(|t| t.0).collect();
    sorted.sort();
    sorted[sorted.len() / 2]
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// A reflection of about 6 KB: headings, lists, links, a Python and a shell block.
fn six_kilobyte_post() -> String {
    let mut text = String::from(
        "---\nlayout: post\nauthor: alice\ntitle: \"What I took home from the meetup\"\n\
         date: 2024-05-02\ncategories: [python, meetup]\n---\n\n",
    );
    let paragraph = "The talk walked through **pytest fixtures**, why small tests age \
                     well, and how the [packaging guide](https://packaging.python.org/) \
                     answers most of the questions people ask at the door. ";
    for question in meetup_reader::assignment::DEFAULT_QUESTIONS {
        text.push_str(&format!("## {question}\n\n"));
        for _ in 0..2 {
            text.push_str(&paragraph.repeat(3));
            text.push_str("\n\n");
        }
        text.push_str("- one idea to try\n- a person to write to\n- *a library* to read\n\n");
    }
    text.push_str(
        "```python\nimport pytest\n\n@pytest.fixture\ndef site(tmp_path):\n    \
         return tmp_path / \"posts\"\n\ndef test_empty(site):\n    assert not list(site.iterdir())\n```\n\n\
         ```sh\npython -m pip install --upgrade pytest\npytest -q\n```\n",
    );
    text
}
