//! First paint: the time from starting a process in a 120×40 pseudo-terminal until
//! its first frame is on the terminal, for the app on the three sample posts and
//! for a minimal ratatui viewer of one post (this bench's own binary, run again:
//! it reads the file and draws it in a paragraph, nothing else). Whole processes,
//! interleaved, medians; prints the ratio. Run: `cargo bench --bench first_paint`
//! (`FIRST_PAINT_ROUNDS` sets the rounds, 40 by default).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Set to a file's path, the bench's binary is the minimal viewer of that file.
const VIEWER_ENV: &str = "FIRST_PAINT_VIEWER";
/// What the viewer's frame shows (its title).
const VIEWER_MARK: &str = "minimal-viewer";
/// What the app's first frame shows (its title bar).
const APP_MARK: &str = "meetup-reader";

fn main() {
    if let Some(file) = std::env::var_os(VIEWER_ENV) {
        minimal_viewer(Path::new(&file));
        return;
    }
    // `cargo bench` passes `--bench`; anything else names what to run, and only this.
    if std::env::args()
        .skip(1)
        .any(|a| a != "--bench" && !"first_paint".contains(&a))
    {
        return;
    }
    let rounds: usize = std::env::var("FIRST_PAINT_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let posts = Path::new(env!("CARGO_MANIFEST_DIR")).join("posts");
    let post = posts.join("atUtexas/2022-12-1-python-meetup-atUtexas.md");
    let home = tempfile::tempdir().unwrap();
    let app = Command {
        program: PathBuf::from(env!("CARGO_BIN_EXE_meetup-reader")),
        args: vec![posts.clone()],
        env: vec![
            ("MEETUP_READER_CONFIG_DIR", home.path().join("config")),
            ("MEETUP_READER_DATA_DIR", home.path().join("data")),
        ],
        mark: APP_MARK,
    };
    let viewer = Command {
        program: std::env::current_exe().unwrap(),
        args: Vec::new(),
        env: vec![(VIEWER_ENV, post)],
        mark: VIEWER_MARK,
    };
    // What starting the app's binary costs by itself: `--version` prints its name.
    let version = Command {
        args: vec![PathBuf::from("--version")],
        ..app.clone()
    };
    // One of each first, not counted: the files and binaries are then in the cache.
    app.first_paint();
    viewer.first_paint();
    version.first_paint();
    let (mut apps, mut viewers, mut versions) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        apps.push(app.first_paint());
        viewers.push(viewer.first_paint());
        versions.push(version.first_paint());
    }
    let (app, viewer) = (median(&mut apps), median(&mut viewers));
    println!(
        "first paint at 120x40, medians of {rounds}: app (3 posts) {:.2} ms, minimal viewer \
         (one post) {:.2} ms = {:.2}x; the app's binary printing --version {:.2} ms",
        ms(app),
        ms(viewer),
        app.as_secs_f64() / viewer.as_secs_f64(),
        ms(median(&mut versions)),
    );
}

#[derive(Clone)]
struct Command {
    program: PathBuf,
    args: Vec<PathBuf>,
    env: Vec<(&'static str, PathBuf)>,
    mark: &'static str,
}

impl Command {
    /// Starts the program in a pseudo-terminal and returns how long its first frame
    /// (the output holding `mark`) took; then ends it.
    fn first_paint(&self) -> Duration {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new(&self.program);
        command.args(&self.args);
        command.env_clear();
        command.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        command.env("TERM", "xterm-256color");
        for (name, value) in &self.env {
            command.env(name, value);
        }
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (found, painted) = channel();
        let mark = self.mark.as_bytes().to_vec();
        let started = Instant::now();
        let mut child = pty.slave.spawn_command(command).unwrap();
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            let mut buffer = [0u8; 16 * 1024];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                seen.extend_from_slice(&buffer[..n]);
                if seen.windows(mark.len()).any(|w| w == mark) {
                    let _ = found.send(started.elapsed());
                    // Keep reading, so the program never blocks on a full terminal.
                    while matches!(reader.read(&mut buffer), Ok(n) if n > 0) {}
                    break;
                }
            }
        });
        let took = painted
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| {
                panic!("no first frame from {} within 20 s", self.program.display())
            });
        let _ = child.kill();
        let _ = child.wait();
        took
    }
}

/// Reads `file` and draws it, wrapped, in a bordered paragraph: about the least a
/// ratatui viewer does before its first frame. Waits for a key (or 5 s), then restores
/// the terminal.
fn minimal_viewer(file: &Path) {
    use ratatui::widgets::{Block, Paragraph, Wrap};
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let mut terminal = ratatui::init();
    terminal
        .draw(|frame| {
            let block = Block::bordered().title(VIEWER_MARK);
            let paragraph = Paragraph::new(text.as_str())
                .block(block)
                .wrap(Wrap { trim: false });
            frame.render_widget(paragraph, frame.area());
        })
        .unwrap();
    let _ = crossterm::event::poll(Duration::from_secs(5));
    ratatui::restore();
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
