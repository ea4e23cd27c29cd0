//! Load a folder of posts: walk it, read and parse the files in parallel, sort them.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::front_matter::{parse_post_counted, parse_post_owned};
use super::{Diagnostic, Post, check, lint};
use crate::error::{Error, Result};

/// Files larger than this are read only up to it (with a diagnostic), so a stray
/// huge file costs bounded time and memory.
pub const MAX_FILE_BYTES: u64 = crate::fsutil::caps::POST;

/// How much of a file is looked at to decide it is binary, as git does.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// A loaded folder.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub root: PathBuf,
    /// Newest first, undated last.
    pub posts: Vec<Post>,
    /// Files that looked like posts but could not be read, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Files skipped because they hold binary data.
    pub binary_skipped: Vec<PathBuf>,
}

/// What reading posts takes from the settings, passed in by the app and the commands.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOptions {
    /// The rubric's questions: a post's word count leaves their words out.
    pub questions: Vec<String>,
    /// Read post files that are links to files outside the folder.
    pub follow_outside_links: bool,
    /// What of each post's text is kept once it is parsed.
    pub keep: Keep,
}

/// What the loader keeps of a post's text. The commands that print one line a post do
/// not need the body once the post is parsed: dropping it on the reading thread keeps
/// a big folder's memory near the size of what is printed. The front matter's text is
/// kept: the site's rules read a post's own `permalink` and `published` from it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Keep {
    /// The body, for reading and checking.
    #[default]
    Text,
    /// Not the body (`body` is left empty).
    Summary,
    /// Not the body, but the post is first measured against the questions (its
    /// `rubric`).
    SummaryAndRubric,
}

impl ReadOptions {
    pub fn from_settings(settings: &crate::config::Settings) -> Self {
        Self {
            questions: settings.questions.clone(),
            follow_outside_links: settings.follow_outside_links,
            keep: Keep::Text,
        }
    }
}

impl Default for ReadOptions {
    /// The defaults of every setting.
    fn default() -> Self {
        Self::from_settings(&crate::config::Settings::default())
    }
}

/// What a streaming load reports, in order: `Discovered` once, then posts and
/// failures as they are parsed (in no particular order), then `Finished`.
#[derive(Debug)]
pub enum LoadEvent {
    /// How many candidate files the walk found.
    Discovered(usize),
    Post(Box<Post>),
    Unreadable(PathBuf, String),
    Binary(PathBuf),
    /// All files are done; cross-post rules (slug collisions) can now run.
    Finished,
}

/// Loads every post under `root`, sorted newest first, with cross-post diagnostics, as
/// the settings' defaults have it.
pub fn load_folder(root: &Path) -> Result<Library> {
    load_folder_with(root, &ReadOptions::default())
}

/// [`load_folder`] with the settings' `options`.
pub fn load_folder_with(root: &Path, options: &ReadOptions) -> Result<Library> {
    let Discovery {
        files,
        errors,
        outside,
    } = discover(root, options.follow_outside_links)?;
    // A slot per file, filled in the walk's order whatever order the reads end in (the
    // sort below then has less to do, and no two readers wait on one lock).
    let slots: Arc<Vec<Mutex<Option<FileOutcome>>>> =
        Arc::new((0..files.len()).map(|_| Mutex::new(None)).collect());
    let sink = Arc::clone(&slots);
    read_files(
        root,
        files,
        READ_DEADLINE,
        (read_one_then, Arc::new(options.clone())),
        Arc::new(move |index, outcome| *lock(&sink[index]) = Some(outcome)),
    );
    let outcomes: Vec<FileOutcome> = slots.iter().filter_map(|slot| lock(slot).take()).collect();
    let mut library = Library {
        root: root.to_path_buf(),
        unreadable: errors,
        posts: outside
            .iter()
            .map(|(rel, target)| outside_post(rel, target))
            .collect(),
        ..Library::default()
    };
    for outcome in outcomes {
        match outcome {
            FileOutcome::Post(post) => library.posts.push(*post),
            FileOutcome::Unreadable(path, why) => library.unreadable.push((path, why)),
            FileOutcome::Binary(path) => library.binary_skipped.push(path),
        }
    }
    // The site's settings (bounded reads of one small file) decide URLs and defaults.
    let site = crate::site::Site::find(root, 1);
    if let (Some(problem), Some(site_root)) = (&site.problem, &site.root) {
        // Reported with the files that cannot be read: the site would not build.
        library
            .unreadable
            .push((site_root.join("_config.yml"), problem.clone()));
    }
    check::add_collision_diagnostics(&mut library.posts, &site);
    sort_newest_first(&mut library.posts);
    Ok(library)
}

/// Loads `root` in parallel and reports each post through `emit` as soon as it is
/// parsed, so a UI can show the first posts before the last are read.
/// Cross-post diagnostics are left to the caller (see [`check::add_collision_diagnostics`]).
pub fn load_folder_streaming(
    root: &Path,
    options: ReadOptions,
    emit: impl Fn(LoadEvent) + Send + Sync + 'static,
) -> Result<()> {
    let Discovery {
        files,
        errors,
        outside,
    } = discover(root, options.follow_outside_links)?;
    emit(LoadEvent::Discovered(
        files.len() + errors.len() + outside.len(),
    ));
    for (path, why) in errors {
        emit(LoadEvent::Unreadable(path, why));
    }
    for (rel, target) in &outside {
        emit(LoadEvent::Post(Box::new(outside_post(rel, target))));
    }
    let emit = Arc::new(emit);
    let each = Arc::clone(&emit);
    read_files(
        root,
        files,
        READ_DEADLINE,
        (read_one_then, Arc::new(options)),
        Arc::new(move |_, outcome| {
            each(match outcome {
                FileOutcome::Post(post) => LoadEvent::Post(post),
                FileOutcome::Unreadable(path, why) => LoadEvent::Unreadable(path, why),
                FileOutcome::Binary(path) => LoadEvent::Binary(path),
            })
        }),
    );
    emit(LoadEvent::Finished);
    Ok(())
}

/// How long one file may take to read before the load goes on without it (a file on a
/// hung network share, a FUSE file that never answers): it is reported as unreadable.
pub const READ_DEADLINE: Duration = Duration::from_secs(5);

type Emit = Arc<dyn Fn(usize, FileOutcome) + Send + Sync>;

/// Reads and parses one file with the options beside it; calls its last argument once
/// the bytes are read (the deadline is for reading, never for parsing, however slow a
/// build parses).
type Reader = (
    fn(&Path, &Path, &ReadOptions, &dyn Fn()) -> FileOutcome,
    Arc<ReadOptions>,
);

/// True when a read that began at `start` (a file's state) has gone on for `limit` by
/// `now`. A read that began after `now` was taken (while the states were being looked
/// through) is not late: its start is past `now`, and the difference must not wrap
/// round to a huge one, which gave up on files read in time in a large folder.
fn is_late(start: u64, now: u64, limit: u64) -> bool {
    ![IDLE, OVER, PARSING].contains(&start) && now.saturating_sub(start) >= limit
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A read's state in [`read_files`]: not begun, done or given up, or begun at this
/// many microseconds after the load began (plus one, so it is never 0).
const IDLE: u64 = 0;
const OVER: u64 = u64::MAX;
/// Read, being parsed: no longer subject to the deadline.
const PARSING: u64 = u64::MAX - 1;

/// Reads `files` on all cores and hands each outcome, with the file's index, to `emit`
/// as it comes. Returns once every file is done or given up: a read that takes longer
/// than `deadline` is reported as unreadable, and whatever it brings later is dropped.
/// (A read blocked in the kernel cannot be cancelled; its thread is left to it, the
/// load is not.)
fn read_files(root: &Path, files: Vec<PathBuf>, deadline: Duration, reader: Reader, emit: Emit) {
    let total = files.len();
    let files = Arc::new(files);
    let began = Instant::now();
    let states: Arc<Vec<AtomicU64>> = Arc::new((0..total).map(|_| AtomicU64::new(IDLE)).collect());
    // Counted by whoever finishes a file (a reader, or this thread giving one up); the
    // one that finishes the last says so. Waking this thread once per file would cost
    // more than the reading on two cores.
    let finished = Arc::new(AtomicUsize::new(0));
    let (all_done, wait_all) = mpsc::channel::<()>();
    let finish_one = {
        let (finished, all_done) = (Arc::clone(&finished), all_done.clone());
        move || {
            if finished.fetch_add(1, Ordering::SeqCst) + 1 == total {
                let _ = all_done.send(());
            }
        }
    };
    {
        let (root, files, states, emit, finish_one) = (
            root.to_path_buf(),
            Arc::clone(&files),
            Arc::clone(&states),
            Arc::clone(&emit),
            finish_one.clone(),
        );
        std::thread::spawn(move || {
            files.par_iter().enumerate().for_each(|(index, rel)| {
                let start = began.elapsed().as_micros() as u64 + 1;
                states[index].store(start, Ordering::SeqCst);
                let read = || {
                    let _ = states[index].compare_exchange(
                        start,
                        PARSING,
                        Ordering::SeqCst,
                        Ordering::SeqCst,
                    );
                };
                let outcome = (reader.0)(&root, rel, &reader.1, &read);
                // Given up meanwhile: the load has moved on without it.
                let now = states[index].load(Ordering::SeqCst);
                if now == OVER
                    || states[index]
                        .compare_exchange(now, OVER, Ordering::SeqCst, Ordering::SeqCst)
                        .is_err()
                {
                    return;
                }
                emit(index, outcome);
                finish_one();
            });
        });
    }
    drop(all_done);
    let tick = (deadline / 4).max(Duration::from_millis(20));
    let limit = deadline.as_micros() as u64;
    while total > 0 && finished.load(Ordering::SeqCst) < total {
        match wait_all.recv_timeout(tick) {
            Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let now = began.elapsed().as_micros() as u64 + 1;
                for (index, state) in states.iter().enumerate() {
                    let start = state.load(Ordering::SeqCst);
                    let late = is_late(start, now, limit);
                    // Only one side wins the swap: the reader, or this.
                    if late
                        && state
                            .compare_exchange(start, OVER, Ordering::SeqCst, Ordering::SeqCst)
                            .is_ok()
                    {
                        emit(
                            index,
                            FileOutcome::Unreadable(
                                files[index].clone(),
                                format!(
                                    "reading it took longer than {} s, so the load went on without it",
                                    deadline.as_secs_f32()
                                ),
                            ),
                        );
                        finish_one();
                    }
                }
            }
        }
    }
}

/// Reads one post again (after an edit), by its path relative to `root`.
pub fn load_post(
    root: &Path,
    rel: &Path,
    options: &ReadOptions,
) -> std::result::Result<Post, String> {
    match read_one_then(root, rel, options, &|| {}) {
        FileOutcome::Post(post) => Ok(*post),
        FileOutcome::Unreadable(_, why) => Err(why),
        FileOutcome::Binary(path) => Err(format!("{} holds binary data", path.display())),
    }
}

/// Newest first; undated posts last; ties by title, then path, so the order is stable.
pub fn sort_newest_first(posts: &mut [Post]) {
    posts.sort_by(|a, b| {
        b.date
            .is_some()
            .cmp(&a.date.is_some())
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| super::compare_titles(&a.title, &b.title))
            .then_with(|| a.path.cmp(&b.path))
    });
}

enum FileOutcome {
    Post(Box<Post>),
    Unreadable(PathBuf, String),
    Binary(PathBuf),
}

/// What the walk found: candidate post files, and what it could not enter or follow.
struct Discovery {
    /// Paths relative to the root, in a stable order.
    files: Vec<PathBuf>,
    errors: Vec<(PathBuf, String)>,
    /// Post files that are links to files outside the folder: (path, where it leads).
    outside: Vec<(PathBuf, PathBuf)>,
}

/// A post file that links out of the folder, listed by its name with a warning and
/// never read (it could be anything: another user's file, a device, `/proc`).
fn outside_post(rel: &Path, target: &Path) -> Post {
    let mut post = super::front_matter::parse_post(rel, b"");
    post.diagnostics
        .retain(|d| d.rule != lint::FRONT_MATTER_MISSING.name);
    post.diagnostics.push(Diagnostic::new(
        &lint::OUTSIDE_SITE,
        format!(
            "the file is a link to {}, outside the posts folder, so it was not read; copy the post into the folder (or set `follow_outside_links = true`)",
            target.display()
        ),
        None,
    ));
    post
}

/// Walks `root` for candidate post files.
/// `follow_outside`: a link to a file outside `root` is read, not listed as outside.
fn discover(root: &Path, follow_outside: bool) -> Result<Discovery> {
    let meta = fs::metadata(root).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::FolderMissing(root.to_path_buf()),
        _ => Error::Io {
            path: root.to_path_buf(),
            source,
        },
    })?;
    if !meta.is_dir() {
        return Err(Error::NotAFolder(root.to_path_buf()));
    }
    fs::read_dir(root).map_err(|source| Error::Io {
        path: root.to_path_buf(),
        source,
    })?;

    // The walk stays inside the folder: a link to a folder is followed only when the
    // folder is inside too, and each folder is walked once (a loop of links, or two
    // links to one folder, cannot make it walk forever or list posts twice). A link to a
    // file outside is listed, not read, unless the settings allow it.
    let inside_root = root.canonicalize().map_err(|source| Error::Io {
        path: root.to_path_buf(),
        source,
    })?;
    let mut walked: HashSet<PathBuf> = HashSet::from([inside_root.clone()]);
    let mut outside = Vec::new();
    let mut errors = Vec::new();
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() == 0 {
                return true;
            }
            if is_skipped_name(entry.file_name()) {
                return false;
            }
            let is_dir = entry.file_type().is_dir();
            if !entry.path_is_symlink() && !is_dir {
                return true;
            }
            // A broken link is let through for the walk to report.
            let Ok(target) = entry.path().canonicalize() else {
                return true;
            };
            let inside = target.starts_with(&inside_root);
            match (is_dir, inside) {
                (true, true) => walked.insert(target),
                (true, false) => {
                    errors.push((
                        relative(entry.path()),
                        format!(
                            "it is a link to the folder {}, outside the posts folder, and was not followed",
                            target.display()
                        ),
                    ));
                    false
                }
                (false, true) => true,
                (false, false) if follow_outside => true,
                (false, false) => {
                    if has_post_extension(entry.path()) {
                        outside.push((relative(entry.path()), target));
                    }
                    false
                }
            }
        });
    let mut files = Vec::new();
    let mut walk_errors = Vec::new();
    for entry in walker {
        // A folder we cannot enter or a broken link is reported; the rest still loads.
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root);
                let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                let why = err
                    .io_error()
                    .map_or_else(|| err.to_string(), ToString::to_string);
                walk_errors.push((rel, why));
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() || !has_post_extension(entry.path()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        if file_type.is_file() {
            files.push(rel.to_path_buf());
        } else {
            // A FIFO or a device named like a post: reported, never opened.
            walk_errors.push((
                rel.to_path_buf(),
                format!(
                    "it is {}, not a regular file",
                    crate::fsutil::kind_of(&file_type)
                ),
            ));
        }
    }
    errors.extend(walk_errors);
    Ok(Discovery {
        files,
        errors,
        outside,
    })
}

/// Hidden files and folders, and Jekyll's `_drafts`, are not posts.
fn is_skipped_name(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name == "_drafts"
}

fn has_post_extension(path: &Path) -> bool {
    match path.extension() {
        None => true,
        Some(ext) => {
            let ext = ext.to_string_lossy().to_ascii_lowercase();
            ext == "md" || ext == "markdown"
        }
    }
}

fn read_one_then(
    root: &Path,
    rel: &Path,
    options: &ReadOptions,
    after_read: &dyn Fn(),
) -> FileOutcome {
    match read_post_file_then(&root.join(rel), rel, options, after_read) {
        Ok(post) => FileOutcome::Post(Box::new(post)),
        Err(ReadError::Io(err)) => FileOutcome::Unreadable(rel.to_path_buf(), err.to_string()),
        Err(ReadError::Binary) => FileOutcome::Binary(rel.to_path_buf()),
    }
}

/// Why a post file could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A NUL byte in its first 8 KiB: not a text file.
    Binary,
}

/// Reads and parses one post file as the loader does: at most [`MAX_FILE_BYTES`]
/// (with a diagnostic past that), binary files refused. `rel` is the post's path as
/// reported (relative to its folder).
pub fn read_post_file(
    path: &Path,
    rel: &Path,
    options: &ReadOptions,
) -> std::result::Result<Post, ReadError> {
    read_post_file_then(path, rel, options, &|| {})
}

/// [`read_post_file`], calling `after_read` once the bytes are in.
fn read_post_file_then(
    path: &Path,
    rel: &Path,
    options: &ReadOptions,
    after_read: &dyn Fn(),
) -> std::result::Result<Post, ReadError> {
    let (bytes, size) = read_capped(path, after_read)?;
    let mut post = if options.keep == Keep::SummaryAndRubric {
        let mut rubric = None;
        let mut post = parse_post_counted(rel, bytes, |body| {
            let measured = crate::review::Rubric::of(body, &options.questions);
            let words = measured.total_words();
            rubric = Some(Box::new(measured));
            words
        });
        post.rubric = rubric;
        post
    } else {
        parse_post_owned(rel, bytes, &options.questions)
    };
    if options.keep != Keep::Text {
        post.body = String::new();
    }
    if size > MAX_FILE_BYTES {
        post.diagnostics.push(Diagnostic::new(
            &lint::FILE_TOO_LARGE,
            format!(
                "the file is {} MiB; only its first {} MiB were read — a post this large is almost certainly a mistake",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            None,
        ));
    }
    Ok(post)
}

/// A post file's bytes (at most [`MAX_FILE_BYTES`]) and its size, `after_read` called
/// once they are in; binary files refused.
fn read_capped(
    path: &Path,
    after_read: &dyn Fn(),
) -> std::result::Result<(Vec<u8>, u64), ReadError> {
    // Never blocks on a FIFO or a device put among the posts, never reads more than the cap.
    let (file, size) = crate::fsutil::open_regular(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    after_read();
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if sniff.contains(&0) {
        return Err(ReadError::Binary);
    }
    Ok((bytes, size))
}

/// The body of the post at `rel` in `root`, read again from its file as the loader
/// read it (the app keeps a folder's bodies on disk, and reads the ones it needs).
/// The file may have changed since: a link that now leads out of the folder is
/// refused (unless the settings follow such links), as are binary files. `Err` is why,
/// in a few words.
pub fn read_body(
    root: &Path,
    rel: &Path,
    options: &ReadOptions,
) -> std::result::Result<super::front_matter::ReadAgain, String> {
    let path = root.join(rel);
    if !options.follow_outside_links && leads_outside(root, &path) {
        return Err("it is a link to a file outside the posts folder".into());
    }
    let (bytes, _) = read_capped(&path, &|| {}).map_err(|err| match err {
        ReadError::Io(err) => err.to_string(),
        ReadError::Binary => "it now holds binary data".into(),
    })?;
    // Only the body is wanted, and the front matter's text to tell a change: its
    // fields are not read again.
    Ok(super::front_matter::read_again(bytes))
}

/// Whether the file at `path` is a link to somewhere outside `root` (a look at the
/// file itself; the folders on the way were checked by the walk).
fn leads_outside(root: &Path, path: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink());
    if !is_link {
        return false;
    }
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(target)) => !target.starts_with(root),
        // A broken link leads nowhere readable: the read says why.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slow_for_one(root: &Path, rel: &Path, _: &ReadOptions, _: &dyn Fn()) -> FileOutcome {
        if rel == Path::new("slow.md") {
            // A read that never answers in time (a hung network share).
            std::thread::sleep(Duration::from_secs(3));
        }
        FileOutcome::Unreadable(root.join(rel), "read".into())
    }

    #[test]
    fn a_read_that_began_after_the_look_is_not_late() {
        let limit = 5_000_000;
        assert!(!is_late(1_000_001, 1_000_000, limit), "began after `now`");
        assert!(!is_late(1_000_000, 5_999_999, limit));
        assert!(is_late(1_000_000, 6_000_000, limit));
        for state in [IDLE, OVER, PARSING] {
            assert!(!is_late(state, u64::MAX, limit));
        }
    }

    #[test]
    fn a_read_past_its_deadline_is_reported_and_the_load_goes_on() {
        let outcomes = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&outcomes);
        let files: Vec<PathBuf> = ["a.md", "slow.md", "b.md"].map(PathBuf::from).into();
        let began = Instant::now();
        read_files(
            Path::new("/site"),
            files,
            Duration::from_millis(200),
            (slow_for_one, Arc::new(ReadOptions::default())),
            Arc::new(move |_, outcome| lock(&sink).push(outcome)),
        );
        assert!(
            began.elapsed() < Duration::from_secs(2),
            "it did not wait for the slow read"
        );
        let mut reported: Vec<(PathBuf, String)> = lock(&outcomes)
            .drain(..)
            .map(|outcome| match outcome {
                FileOutcome::Unreadable(path, why) => (path, why),
                _ => unreachable!(),
            })
            .collect();
        reported.sort();
        assert_eq!(reported.len(), 3);
        assert_eq!(reported[2].0, Path::new("slow.md"));
        assert!(
            reported[2].1.contains("longer than 0.2 s"),
            "{}",
            reported[2].1
        );
        assert_eq!(reported[0], (PathBuf::from("/site/a.md"), "read".into()));
    }
}
