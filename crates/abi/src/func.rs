//! Function metadata and the compiled program.
//!
//! # Frames
//!
//! A goroutine runs on one contiguous stack of frames. A function's frame
//! is `frame_size` bytes at its frame pointer `fp`:
//!
//! ```text
//! fp+0   return pc (the caller's next instruction)        \ FRAME_HEADER,
//! fp+8   caller's fp                                       | written by Call
//! fp+16  closure context (CallInd: the func value called)  /
//! fp+24  parameters, then results, each 8-aligned, in gc's value layout
//! ...    locals and temporaries
//! ...    outgoing call area: a callee's frame starts inside it
//! ```
//!
//! A caller stores the arguments at `b + FRAME_HEADER` for a `Call` whose
//! operand `b` is the callee's frame offset, and reads the results there
//! after the call: calls need no heap allocation and no copying of frames.
//! Every value occupies whole 8-byte slots; integers narrower than 64 bits
//! are kept sign- or zero-extended to 64 bits in their slot, `float32` in
//! the low 4 bytes, `bool` in the low byte (0 or 1).

use crate::inst::Inst;

/// Bytes at the start of every frame holding the call linkage.
pub const FRAME_HEADER: u32 = 24;

/// Offset of the closure context word in a frame.
pub const FRAME_CONTEXT: u32 = 16;

/// Index of a function in [`Program::funcs`].
pub type FuncId = u32;

/// One compiled function.
#[derive(Clone, Debug, Default)]
pub struct FuncInfo {
    /// The name tracebacks print (`main.fib`).
    pub name: String,
    /// The source file (absolute path, as gc records it).
    pub file: String,
    /// Frame size in bytes, header and outgoing call area included.
    pub frame_size: u32,
    /// Bytes of parameters (after the header).
    pub params_size: u32,
    /// Bytes of results (after the parameters).
    pub results_size: u32,
    pub code: Vec<Inst>,
    /// `(pc, line)`: instructions from `pc` on come from source `line`,
    /// sorted by pc.
    pub lines: Vec<(u32, u32)>,
    /// For a function with `defer`: where execution resumes when a
    /// deferred call recovers a panic (runs the remaining deferred calls
    /// and returns the results as they stand).
    pub recover_pc: Option<u32>,
}

impl FuncInfo {
    /// The source line of the instruction at `pc`.
    pub fn line_at(&self, pc: u32) -> u32 {
        let i = self.lines.partition_point(|&(p, _)| p <= pc);
        i.checked_sub(1).map_or(0, |i| self.lines[i].1)
    }
}

/// A compiled program: its functions and where it starts.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub funcs: Vec<FuncInfo>,
    /// Runs package initialization, then `main.main`.
    pub entry: FuncId,
    /// Read-only data (string constants); `Op::Data` addresses it.
    pub data: Vec<u8>,
    /// Bytes of package-level variables (zeroed at start; `Op::Global`).
    pub globals_size: u32,
    /// Type descriptors (`Op::TypeWord`); see [`crate::types`].
    pub types: Vec<crate::TypeInfo>,
    /// Static itabs (`Op::Itab`).
    pub itabs: Vec<crate::ItabInfo>,
    /// Map types (operand `c` of every map instruction); see
    /// [`crate::maptype`].
    pub map_types: Vec<crate::MapTypeInfo>,
    /// The type of the error values the runtime panics with (a string
    /// message whose `Error` method returns it).
    pub runtime_error_type: crate::TypeIdx,
    /// The Go root tracebacks name runtime frames under (`panic(…)` at
    /// `$GOROOT/src/runtime/panic.go`); empty when unknown.
    pub goroot: String,
}

impl std::fmt::Display for Program {
    /// A listing of every function's code (`rgo run` prints it when
    /// `RGO_DUMP_CODE` is set).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (id, func) in self.funcs.iter().enumerate() {
            writeln!(
                f,
                "func {id} {} (frame {}, params {}, results {})",
                func.name, func.frame_size, func.params_size, func.results_size
            )?;
            for (pc, i) in func.code.iter().enumerate() {
                writeln!(
                    f,
                    "  {pc:4} {:4}  {:<10} {} {} {}",
                    func.line_at(pc as u32),
                    i.op.name(),
                    i.a,
                    i.b,
                    i.c as i32
                )?;
            }
        }
        Ok(())
    }
}
