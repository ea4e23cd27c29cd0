//! Peak memory of loading 10,000 posts of about 5 KB, against the size of the files.
//! Run: `cargo bench --bench load_memory` (Linux: reads VmHWM from /proc).

use meetup_reader::post::load_folder;

fn peak_resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = meetup_reader::corpus::generate(dir.path(), 10_000, 5 * 1024, 42).unwrap();
    let before = peak_resident_kib().unwrap_or(0);
    let library = load_folder(dir.path()).unwrap();
    let after = peak_resident_kib().unwrap_or(0);
    let files_kib = bytes / 1024;
    let grown = after.saturating_sub(before);
    println!(
        "loaded {} posts; files {} KiB; peak resident grew {} KiB ({:.2}x the files; peak before {} KiB, after {} KiB)",
        library.posts.len(),
        files_kib,
        grown,
        grown as f64 / files_kib as f64,
        before,
        after
    );
}
