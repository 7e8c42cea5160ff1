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
    /// `(pc, shape)` for every instruction that allocates memory which may
    /// hold pointers, sorted by pc: the shape (an index into
    /// [`Program::shapes`]) of the allocation's elements. See
    /// [`crate::shape`] for the rule.
    pub alloc_shapes: Vec<(u32, crate::ShapeIdx)>,
    /// The pcs of the allocating instructions ([`crate::Alloc::Typed`])
    /// whose memory the compiler proved pointer-free, sorted: with
    /// `alloc_shapes`, every such instruction is accounted for once.
    pub alloc_noscan: Vec<u32>,
    /// Pointer bitmap over the 8-byte words of the parameters and results
    /// (word 0 is at `FRAME_HEADER`), from the signature: what a stack
    /// scan of a frame whose function has not started, or a deferred
    /// call's argument record, must treat as pointers.
    pub args_mask: Vec<u64>,
    /// Which frame words hold pointers at each instruction (see
    /// [`StackMaps`]); `None` for code the compiler did not describe (the
    /// collector scans such frames conservatively).
    pub stack_maps: Option<StackMaps>,
    /// For a function with `defer`: where execution resumes when a
    /// deferred call recovers a panic (runs the remaining deferred calls
    /// and returns the results as they stand).
    pub recover_pc: Option<u32>,
}

/// A function's stack maps (gc's stack object maps and PCDATA stack map
/// index): for every instruction, a bitmap over the frame's 8-byte words
/// (word 0 at the frame pointer) of those that may hold a pointer when the
/// instruction starts.
///
/// The rule (what the compiler guarantees, `compile/src/func/stackmap.rs`):
/// at instruction `pc`, every frame word that holds a live pointer is
/// marked in `at(pc)`, except the frame header (whose context word the
/// collector treats as a pointer) and, for calls, the callee's frame from
/// the call area on (described by the callee's own maps). A marked word
/// may hold a dead value or, before its slot's first write, any bits: the
/// collector ignores words that do not point into an allocated object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StackMaps {
    /// The distinct bitmaps.
    pub maps: Vec<Vec<u64>>,
    /// `(pc, pointers, live)`: from `pc` on (up to the next entry),
    /// `maps[pointers]` marks the pointer words and `maps[live]` every
    /// word of a slot holding a value (for `clobberdead`, which overwrites
    /// the others); sorted by pc, the first at pc 0.
    pub runs: Vec<(u32, u32, u32)>,
}

impl StackMaps {
    /// The pointer bitmap in force at instruction `pc` (empty when none
    /// is).
    pub fn at(&self, pc: u32) -> &[u64] {
        self.run_at(pc, |r| r.1)
    }

    /// The bitmap of the words holding values at instruction `pc`.
    pub fn live_at(&self, pc: u32) -> &[u64] {
        self.run_at(pc, |r| r.2)
    }

    fn run_at(&self, pc: u32, which: impl Fn(&(u32, u32, u32)) -> u32) -> &[u64] {
        let i = self.runs.partition_point(|&(p, _, _)| p <= pc);
        i.checked_sub(1)
            .and_then(|i| self.maps.get(which(&self.runs[i]) as usize))
            .map_or(&[], |m| m.as_slice())
    }
}

impl FuncInfo {
    /// The source line of the instruction at `pc`.
    pub fn line_at(&self, pc: u32) -> u32 {
        let i = self.lines.partition_point(|&(p, _)| p <= pc);
        i.checked_sub(1).map_or(0, |i| self.lines[i].1)
    }

    /// The shape of the memory allocated by the instruction at `pc`
    /// (`None`: noscan, or not an allocation).
    pub fn alloc_shape(&self, pc: u32) -> Option<crate::ShapeIdx> {
        let i = self
            .alloc_shapes
            .binary_search_by_key(&pc, |&(p, _)| p)
            .ok()?;
        Some(self.alloc_shapes[i].1)
    }

    /// Checks rule 1 and 2 of [`crate::shape`] against `shapes`: each
    /// instruction with an [`crate::Alloc::Typed`] opcode is described
    /// exactly once (a shape or noscan), only those are, both lists are
    /// sorted, and each shape's element size fits the instruction's size.
    pub fn verify_allocs(&self, shapes: &[crate::GcShapeInfo]) -> Result<(), String> {
        let err = |pc: u32, what: &str| Err(format!("{}: pc {pc}: {what}", self.name));
        let (mut s, mut n) = (0, 0);
        for (pc, i) in self.code.iter().enumerate() {
            let pc = pc as u32;
            let shaped = self.alloc_shapes.get(s).is_some_and(|&(p, _)| p == pc);
            let noscan = self.alloc_noscan.get(n).is_some_and(|&p| p == pc);
            let typed = i.op.alloc() == crate::Alloc::Typed;
            match (typed, shaped, noscan) {
                (true, true, false) => {
                    let k = self.alloc_shapes[s].1;
                    let Some(shape) = shapes.get(k as usize) else {
                        return err(pc, "shape index out of range");
                    };
                    if shape.size == 0 || shape.ptrdata == 0 || shape.ptrdata > shape.size {
                        return err(pc, "not a pointerful shape");
                    }
                    let fits = match i.op {
                        crate::Op::New => i.c.is_multiple_of(shape.size),
                        crate::Op::OsArgs => shape.size == 16,
                        // A channel of `time.Time` (24 bytes).
                        crate::Op::TimeAfter => shape.size == 24,
                        _ => i.c == shape.size,
                    };
                    if !fits {
                        return err(pc, "shape size does not fit the allocation");
                    }
                    s += 1;
                }
                (true, false, true) => n += 1,
                (true, false, false) => return err(pc, "allocation without a layout"),
                (true, true, true) => return err(pc, "allocation both shaped and noscan"),
                (false, false, false) => {}
                (false, _, _) => return err(pc, "layout for a non-allocating instruction"),
            }
        }
        if s != self.alloc_shapes.len() || n != self.alloc_noscan.len() {
            return err(self.code.len() as u32, "unsorted or out-of-range layouts");
        }
        Ok(())
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
    /// Pointer bitmap over the 8-byte words of the package variables'
    /// memory (the collector's data-segment roots, gc's `gcdata`).
    pub globals_mask: Vec<u64>,
    /// The interned pointerful element layouts that allocations name
    /// ([`FuncInfo::alloc_shapes`], [`crate::TypeInfo::shape`]).
    pub shapes: Vec<crate::GcShapeInfo>,
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
    /// `runtime.Version()`: the reference release's version (`GOROOT/VERSION`'s
    /// first line, e.g. `go1.26.8`); empty when unknown (`Version` then
    /// says `unknown`).
    pub go_version: String,
}

impl std::fmt::Display for Program {
    /// A listing of every function's code (`rgo run` prints it when
    /// `RGO_DUMP_CODE` is set).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::shape::{fmt_mask, mask_words};
        for (k, s) in self.shapes.iter().enumerate() {
            writeln!(
                f,
                "shape#{k} size {} ptrdata {} mask {}",
                s.size,
                s.ptrdata,
                fmt_mask(&s.mask, s.ptrdata / 8)
            )?;
        }
        if mask_words(&self.globals_mask) > 0 {
            let words = mask_words(&self.globals_mask);
            writeln!(f, "globals mask {}", fmt_mask(&self.globals_mask, words))?;
        }
        for (id, func) in self.funcs.iter().enumerate() {
            write!(
                f,
                "func {id} {} (frame {}, params {}, results {}",
                func.name, func.frame_size, func.params_size, func.results_size
            )?;
            let words = mask_words(&func.args_mask);
            if words > 0 {
                write!(f, ", args mask {}", fmt_mask(&func.args_mask, words))?;
            }
            writeln!(f, ")")?;
            for (pc, i) in func.code.iter().enumerate() {
                // Where a new stack map takes effect: the frame words that
                // hold pointers from here on.
                if let Some(m) = &func.stack_maps
                    && let Some(&(_, k, _)) = m.runs.iter().find(|&&(p, _, _)| p == pc as u32)
                {
                    let map = &m.maps[k as usize];
                    writeln!(f, "       stack map {}", fmt_mask(map, mask_words(map)))?;
                }
                write!(
                    f,
                    "  {pc:4} {:4}  {:<10} {} {} {}",
                    func.line_at(pc as u32),
                    i.op.name(),
                    i.a,
                    i.b,
                    i.c as i32
                )?;
                match func.alloc_shape(pc as u32) {
                    Some(k) => writeln!(f, " shape#{k}")?,
                    None if i.op.alloc() != crate::Alloc::None => writeln!(f, " noscan")?,
                    None => writeln!(f)?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GcShapeInfo, Op};

    fn func(code: Vec<Inst>, shapes: Vec<(u32, u32)>, noscan: Vec<u32>) -> FuncInfo {
        FuncInfo {
            name: "f".into(),
            code,
            alloc_shapes: shapes,
            alloc_noscan: noscan,
            ..FuncInfo::default()
        }
    }

    #[test]
    fn verify_allocs() {
        let shapes = [GcShapeInfo {
            size: 16,
            ptrdata: 8,
            mask: vec![1],
        }];
        let code = vec![
            Inst::new(Op::New, 24, 0, 32),
            Inst::new(Op::Mov, 32, 24, 0),
            Inst::new(Op::MakeSlice, 40, 64, 8),
        ];
        assert!(
            func(code.clone(), vec![(0, 0)], vec![2])
                .verify_allocs(&shapes)
                .is_ok()
        );
        // An allocation nobody described.
        assert!(
            func(code.clone(), vec![(0, 0)], vec![])
                .verify_allocs(&shapes)
                .is_err()
        );
        // Described twice, or a non-allocation described.
        assert!(
            func(code.clone(), vec![(0, 0)], vec![0, 2])
                .verify_allocs(&shapes)
                .is_err()
        );
        assert!(
            func(code.clone(), vec![(1, 0)], vec![0, 2])
                .verify_allocs(&shapes)
                .is_err()
        );
        // A 16-byte element shape for 8-byte slice elements.
        assert!(
            func(code.clone(), vec![(0, 0), (2, 0)], vec![])
                .verify_allocs(&shapes)
                .is_err()
        );
        assert!(
            func(code, vec![(0, 1)], vec![2])
                .verify_allocs(&shapes)
                .is_err()
        );
    }
}
