//! Running a command as testdir's `runcmd` does: stdout and stderr on the
//! same pipe (so the bytes arrive interleaved exactly as a terminal would
//! show them), stdin empty, and an optional time limit after which the
//! command's whole process group is killed.
//!
//! [`run_sampled`] also watches the command's peak resident set size: it
//! reads `VmHWM` (the kernel's high-water mark of the process's resident
//! memory) from `/proc/PID/status` every few milliseconds while the command
//! runs, and keeps the last value read. The mark only grows, so the reading
//! is exact but for what the process adds in its last interval before it
//! exits (once it has exited its memory, and the mark, are gone).
//!
//! Why not `wait4`'s `ru_maxrss`: Linux starts a child's `maxrss` at the
//! high-water mark of the address space it `exec`s from, which under
//! `posix_spawn` (`CLONE_VM`) is the parent's own, so every program would
//! be reported at least as large as the runner; and `wait4` needs `unsafe`,
//! which this crate forbids.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Output kept per command; a runaway program's further output is read and
/// dropped so that it cannot exhaust memory.
const OUTPUT_LIMIT: usize = 64 << 20;

/// What a command did.
#[derive(Debug)]
pub struct Output {
    /// Exit code, or `None` if it died of a signal or was killed.
    pub code: Option<i32>,
    /// The signal that ended it, if any.
    pub signal: Option<i32>,
    /// Combined stdout and stderr.
    pub output: Vec<u8>,
    /// The time limit ran out and the command was killed.
    pub timed_out: bool,
    /// The peak resident set size in bytes, from [`run_sampled`] when at
    /// least one reading was taken (`None` from [`run_combined`]).
    pub peak_rss: Option<u64>,
}

impl Output {
    /// Whether the command exited with status 0.
    pub fn success(&self) -> bool {
        self.code == Some(0) && !self.timed_out
    }

    /// The combined output as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }

    /// A short description of how the command ended (`exit status 2`,
    /// `signal 9`, `timed out`), worded like Go's `exec.ExitError`.
    pub fn status_text(&self) -> String {
        match (self.timed_out, self.code, self.signal) {
            (true, _, _) => "command exceeded time limit".into(),
            (_, Some(c), _) => format!("exit status {c}"),
            (_, None, Some(s)) => format!("signal {s}"),
            _ => "unknown status".into(),
        }
    }
}

/// Runs `cmd` with stdout and stderr combined; kills it (and any processes
/// it started in its process group) after `timeout`.
pub fn run_combined(cmd: Command, timeout: Option<Duration>) -> std::io::Result<Output> {
    run(cmd, timeout, None)
}

/// [`run_combined`], reading the command's `VmHWM` every `every` while it
/// runs (see the module doc) into [`Output::peak_rss`].
pub fn run_sampled(
    cmd: Command,
    timeout: Option<Duration>,
    every: Duration,
) -> std::io::Result<Output> {
    run(cmd, timeout, Some(every))
}

fn run(
    mut cmd: Command,
    timeout: Option<Duration>,
    sample_every: Option<Duration>,
) -> std::io::Result<Output> {
    let (mut reader, writer) = std::io::pipe()?;
    cmd.stdin(Stdio::null())
        .stdout(writer.try_clone()?)
        .stderr(writer)
        .process_group(0);
    let mut child = cmd.spawn()?;
    // The Command holds the pipe's write ends: drop them, or the read
    // below never sees end-of-file.
    drop(cmd);

    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 64 << 10];
        loop {
            match reader.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = OUTPUT_LIMIT.saturating_sub(buf.len());
                    buf.extend_from_slice(&chunk[..n.min(room)]);
                }
            }
        }
        let _ = tx.send(buf);
    });

    // Wait for end-of-file (the command has exited, or closed its output)
    // or the deadline, waking every `sample_every` to read VmHWM.
    let deadline = timeout.map(|t| Instant::now() + t);
    let mut peak_rss = None;
    let received = loop {
        if let Some(hwm) = sample_every.and_then(|_| vm_hwm(child.id())) {
            peak_rss = Some(peak_rss.map_or(hwm, |p: u64| p.max(hwm)));
        }
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let step = match (sample_every, left) {
            (Some(every), Some(left)) => Some(every.min(left)),
            (every, left) => every.or(left),
        };
        let got = match step {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(step) => rx.recv_timeout(step),
        };
        match got {
            Ok(buf) => break Some(buf),
            Err(RecvTimeoutError::Disconnected) => break Some(Vec::new()),
            Err(RecvTimeoutError::Timeout) if deadline.is_some_and(|d| Instant::now() >= d) => {
                break None;
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
    };
    let (output, timed_out) = match received {
        Some(buf) => (buf, false),
        None => {
            kill_group(child.id());
            let _ = child.kill();
            // Whatever was printed before the kill, if the pipe closes.
            (
                rx.recv_timeout(Duration::from_secs(5)).unwrap_or_default(),
                true,
            )
        }
    };
    let status = child.wait()?;
    Ok(Output {
        code: if timed_out { None } else { status.code() },
        signal: status.signal(),
        output,
        timed_out,
        peak_rss,
    })
}

/// The `VmHWM` of process `pid` in bytes, if it is running and has memory.
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let kib: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kib * 1024)
}

/// Kills the process group led by `pid` (children of a timed-out command
/// must not outlive it holding the pipe open).
fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_and_ordered() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo out; echo err >&2; echo out2; exit 3"]);
        let out = run_combined(cmd, Some(Duration::from_secs(20))).unwrap();
        assert_eq!(out.text(), "out\nerr\nout2\n");
        assert_eq!(out.code, Some(3));
        assert!(!out.success());
    }

    #[test]
    fn timeout_kills() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo started; sleep 30"]);
        let start = std::time::Instant::now();
        let out = run_combined(cmd, Some(Duration::from_millis(300))).unwrap();
        assert!(out.timed_out);
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(out.text(), "started\n");

        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo started; sleep 30"]);
        let every = Duration::from_millis(5);
        let out = run_sampled(cmd, Some(Duration::from_millis(300)), every).unwrap();
        assert!(out.timed_out);
        assert_eq!(out.text(), "started\n");
    }

    #[test]
    fn sampled_peak_is_the_child_s_own() {
        // The runner's own memory must not count: hold 64 MiB here while a
        // small child runs.
        let ballast = vec![1u8; 64 << 20];
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "sleep 0.2; echo done"]);
        let out =
            run_sampled(cmd, Some(Duration::from_secs(20)), Duration::from_millis(5)).unwrap();
        assert!(out.success());
        assert_eq!(out.text(), "done\n");
        let peak = out.peak_rss.expect("no VmHWM reading");
        assert!(peak > 0 && peak < 32 << 20, "peak {peak}");
        assert!(ballast.iter().all(|&b| b == 1));

        let out = run_combined(Command::new("true"), None).unwrap();
        assert_eq!(out.peak_rss, None);
    }
}
