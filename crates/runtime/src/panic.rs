//! Panics and fatal errors as Go prints them (`runtime/panic.go`,
//! `runtime/traceback.go`).
//!
//! An unrecovered panic prints `panic: MSG` (runtime errors say
//! `runtime error: …`), a blank line, `goroutine 1 [running]:` and one
//! entry per frame, innermost first — `pkg.func(args)` then a tab, the
//! file and line, and the pc offset — and the program exits with status 2.
//! Arguments print as Go prints them, the first words of the argument area
//! in hex. (gc prints `(...)` for calls it inlined and its own pc offsets;
//! rgo inlines nothing and prints offsets in instructions.)

/// One frame of a traceback.
pub struct Frame<'a> {
    pub func: &'a str,
    pub args: Vec<u64>,
    pub file: &'a str,
    pub line: u32,
    pub pc_offset: u32,
}

/// The text of an unrecovered panic with message `msg` and its traceback.
pub fn panic_text(msg: &str, frames: &[Frame<'_>]) -> String {
    format!("panic: {msg}\n\n{}", frames_text(1, "running", frames))
}

/// A goroutine's traceback block: `goroutine N [state]:` and its frames.
pub fn frames_text(goid: i64, state: &str, frames: &[Frame<'_>]) -> String {
    let mut s = format!("goroutine {goid} [{state}]:\n");
    for f in frames {
        let args: Vec<String> = f.args.iter().take(10).map(|w| format!("{w:#x}")).collect();
        let mut args = args.join(", ");
        if f.args.len() > 10 {
            args.push_str(", ...");
        }
        if f.func == "panic" {
            // gopanic's interface argument, as gc prints it.
            args = format!(
                "{{{}}}",
                f.args
                    .iter()
                    .map(|w| format!("{w:#x}?"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        s.push_str(&format!(
            "{}({args})\n\t{}:{} +{:#x}\n",
            f.func, f.file, f.line, f.pc_offset
        ));
    }
    s
}
