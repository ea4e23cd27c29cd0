//! Start-up settings for the program on Linux. With both, `--version` takes 1.4–1.9 ms
//! instead of 2.2–2.4 ms on this project's virtual machines (`perf stat`, 300 runs).
//!
//! - **A fixed-address executable.** A position-independent one makes the dynamic loader
//!   rewrite every pointer in its read-only tables at each start: here about 39,000 of them,
//!   chiefly the emoji, HTML entity and Unicode tables, which cost 195 page faults of the
//!   334. Without it those pages are mapped straight from the file. Libraries, stack and
//!   heap are still placed at random.
//! - **The unwinder linked in.** Rust's standard library takes its unwinder from the shared
//!   `libgcc_s`, whose loading runs a CPU probe: `cpuid` instructions, each of which traps
//!   to the hypervisor on a virtual machine (about 10 µs each here; the probe was 15% of
//!   perf's samples of `--version`). Linked from the static `libgcc_eh` instead, the probe
//!   never runs and one library fewer is loaded. Only a linker that resolves archives in
//!   any order (lld, Rust's default here) takes it; another one keeps the shared library,
//!   as before.
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CC");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "linux" {
        return;
    }
    println!("cargo:rustc-link-arg-bins=-no-pie");
    if env == "gnu" && static_unwinder_exists() {
        // Not bundled into the library: the C compiler driver finds it at the final link.
        println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
    }
}

/// Whether the C compiler that links the program has `libgcc_eh.a` (it prints the bare
/// name back when it has not).
fn static_unwinder_exists() -> bool {
    let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    Command::new(compiler)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .is_some_and(|path| std::path::Path::new(path.trim()).is_absolute())
}
