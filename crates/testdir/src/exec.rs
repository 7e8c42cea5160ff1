//! Running a command as testdir's `runcmd` does: stdout and stderr on the
//! same pipe (so the bytes arrive interleaved exactly as a terminal would
//! show them), stdin empty, and an optional time limit after which the
//! command's whole process group is killed.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

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
pub fn run_combined(mut cmd: Command, timeout: Option<Duration>) -> std::io::Result<Output> {
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

    let (output, timed_out) = match timeout {
        None => (rx.recv().unwrap_or_default(), false),
        Some(t) => match rx.recv_timeout(t) {
            Ok(buf) => (buf, false),
            Err(_) => {
                kill_group(child.id());
                let _ = child.kill();
                // Whatever was printed before the kill, if the pipe closes.
                (
                    rx.recv_timeout(Duration::from_secs(5)).unwrap_or_default(),
                    true,
                )
            }
        },
    };
    let status = child.wait()?;
    Ok(Output {
        code: if timed_out { None } else { status.code() },
        signal: status.signal(),
        output,
        timed_out,
    })
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
    }
}
