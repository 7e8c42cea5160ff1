//! Lowering of one function body to bytecode.

use crate::gcshape::Layout;
use crate::{Compiler, SourceFile, Unsupported};
use abi::{FRAME_HEADER, FuncId, FuncInfo, Inst, Op};
use std::collections::HashMap;
use syntax::Pos;
use syntax::ast::{self, Decl, Expr, Stmt};
use syntax::token::{Operator, Token};
use types::check::{Mode, key};
use types::constant::Value;
use types::ty::{BasicKind, Builtin, ObjId, Type, TypeId};

mod chan;
mod generic;
pub(crate) use generic::compile_instance;
mod iface;
mod maptype;
mod rangefunc;
mod stackmap;

type Result<T> = std::result::Result<T, Unsupported>;

/// How a value of some type lives in slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rep {
    /// An integer: signed or not, and its width in bits.
    Int {
        signed: bool,
        bits: u32,
    },
    F64,
    F32,
    Bool,
    Str,
    /// A slice of elements of the given type.
    Slice(TypeId),
    /// A struct, in gc's layout, of `size` bytes.
    Struct {
        t: TypeId,
        size: u32,
    },
    /// A pointer to a value of the given type.
    Ptr(TypeId),
    /// A map (a runtime handle) of the given map type.
    Map(TypeId),
    /// A channel (a pointer to its `hchan` in the Go heap) of the given
    /// channel type.
    Chan(TypeId),
    /// A func value (a pointer to a closure object) of the given type.
    Func(TypeId),
    /// An interface value (type or itab word, data word) of the given
    /// interface type.
    Iface(TypeId),
    /// complex128: real then imaginary part, float64 each.
    C128,
    /// complex64: real then imaginary part, float32 each (8 bytes).
    C64,
}

impl Rep {
    /// Bytes in a frame.
    fn size(self) -> u32 {
        match self {
            Rep::Str | Rep::Iface(_) | Rep::C128 => 16,
            Rep::Slice(_) => 24,
            Rep::Struct { size, .. } => size.next_multiple_of(8).max(8),
            _ => 8,
        }
    }

    /// Bytes in memory (gc's layout).
    fn mem_size(self) -> u32 {
        match self {
            Rep::Int { bits, .. } => bits / 8,
            Rep::F32 => 4,
            Rep::Bool => 1,
            Rep::Struct { size, .. } => size,
            r => r.size(),
        }
    }

    /// Whether the value is one word compared as an integer.
    fn is_word(self) -> bool {
        matches!(
            self,
            Rep::Int { .. } | Rep::Bool | Rep::Ptr(_) | Rep::Map(_) | Rep::Chan(_) | Rep::Func(_)
        )
    }

    /// Whether the value's frame form is its memory form (so that a struct
    /// field of this type at an 8-aligned frame offset is a slot).
    fn slot_is_mem(self) -> bool {
        self.size() == self.mem_size()
    }
}

/// Where an assignment stores.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// A variable in the frame.
    Frame(Loc),
    /// Bytes in memory form inside the frame (a field of a struct held in
    /// the frame), at `off`.
    FrameMem { off: u32, rep: Rep },
    /// Memory: the pointer in slot `ptr`, plus `off`.
    Mem { ptr: u32, off: u32, rep: Rep },
    /// A map element: the map and key in the area at `area`; `meta` as map
    /// instructions take it.
    Map { area: u32, meta: u32, rep: Rep },
    /// `_`.
    Blank,
}

/// A value in the frame.
#[derive(Clone, Copy, Debug)]
struct Loc {
    off: u32,
    rep: Rep,
}

/// A range loop being compiled: the statement, its clause and body, and
/// the frame mark to return to.
#[derive(Clone, Copy)]
struct RangeLoop<'a> {
    s: &'a Stmt,
    lhs: Option<&'a Expr>,
    def: bool,
    x: &'a Expr,
    body: &'a ast::Block,
    label: Option<&'a str>,
    mark: u32,
}

/// A call's frame as the caller lays it out (`FnBuilder::reserve_call`).
struct CallFrame {
    area: u32,
    recv: Option<Loc>,
    params: Vec<Loc>,
    results: Vec<Loc>,
}

/// An iteration variable set at the top of each iteration.
enum LateVar<'e> {
    /// A declared variable living in a cell: a fresh cell each iteration.
    Bind(ObjId, Loc),
    /// An assigned operand that is not a plain frame variable.
    Assign(&'e Expr, Loc),
}

/// What a `defer` or `go` wrapper calls (`FnBuilder::defer_wrapped`).
#[derive(Clone, Copy)]
enum Wrapped {
    Builtin(Builtin),
    /// A standard library function compiled as an intrinsic.
    Intrinsic(ObjId),
}

/// Where `break` and `continue` of a loop or switch go.
struct Target {
    label: Option<String>,
    /// Jumps to patch to the end.
    breaks: Vec<usize>,
    /// Jumps to patch to the continue point (loops only).
    continues: Option<Vec<usize>>,
}

pub(crate) struct FnBuilder<'c, 'w> {
    c: &'c mut Compiler<'w>,
    file: &'c SourceFile<'c>,
    code: Vec<Inst>,
    lines: Vec<(u32, u32)>,
    vars: HashMap<ObjId, Loc>,
    /// Next free frame byte (locals and temporaries).
    top: u32,
    /// Highest frame byte used, call areas included.
    max: u32,
    results: Vec<Loc>,
    targets: Vec<Target>,
    pos: Pos,
    /// Labels seen, at their first instruction.
    labels: HashMap<String, usize>,
    /// `goto` jumps to patch at the end: (jump, label, position).
    gotos: Vec<(usize, String, Pos)>,
    /// Variables whose address is taken: they live in heap cells and
    /// `vars` holds the slot with the cell's pointer (the conservative
    /// stand-in for escape analysis: every such variable "moves to heap").
    boxed: std::collections::HashSet<ObjId>,
    /// The function's name (closures are named after it).
    name: String,
    /// Function literals compiled so far inside this function.
    closures: u32,
    /// The body has `defer` statements: returns run the deferred calls.
    has_defer: bool,
    /// `RunDefers` instructions, whose frame size is set at the end.
    run_defers: Vec<usize>,
    /// Named results living in cells: the cell's slot and the result slot.
    boxed_results: Vec<(Loc, Loc)>,
    /// For an instance of generic code: recorded types (in terms of type
    /// parameters) → their instantiated types.
    tsubst: std::rc::Rc<HashMap<TypeId, TypeId>>,
    /// For an instance: type parameters → type arguments.
    smap: std::rc::Rc<types::check::Smap>,
    /// The name range-over-func bodies are named after (the enclosing
    /// function's, or literal's) and how many there are so far.
    range_names: std::rc::Rc<(String, std::cell::Cell<u32>)>,
    /// The result variables of the function whose `return` statements
    /// this body's compile (a range body's are its enclosing function's).
    func_results: Vec<ObjId>,
    /// Compiling the body of a range-over-func loop.
    rf: Option<rangefunc::RangeFunc>,
    /// Where a value too large for a frame (over `MAX_ELEM` bytes) was
    /// given a frame slot.
    too_large: Option<Pos>,
    /// Where a value was moved into a slot of another shape (a compiler
    /// bug, see `check_reps`).
    rep_bug: Option<Pos>,
    /// The layout of each allocation emitted (`emit_alloc`): its pc and
    /// shape, `None` for noscan memory. `finish` turns it into
    /// `FuncInfo::alloc_shapes` and `alloc_noscan`.
    allocs: Vec<(u32, Option<abi::ShapeIdx>)>,
    /// The slots allocated before the first instruction, in order: the
    /// parameters and results come first (`finish` builds `args_mask`
    /// from them).
    entry_slots: Vec<Loc>,
    /// The frame slots holding values now, for the stack maps (see
    /// `stackmap.rs`): offset, size and pointer words.
    live: Vec<stackmap::LiveSlot>,
    /// The stack maps built so far.
    maps: stackmap::Maps,
    /// Operands already evaluated, by expression (`key`): in a `defer`
    /// or `go` wrapper (`defer_wrapped`), the parameters holding the
    /// values the statement computed.
    pre: HashMap<usize, Loc>,
}

/// What makes a body an instance of generic code: the recorded types'
/// instantiations and the type arguments.
type Instance = (
    std::rc::Rc<HashMap<TypeId, TypeId>>,
    std::rc::Rc<types::check::Smap>,
);

/// Compiles function declaration `fd` (object `obj`).
pub(crate) fn compile_func(
    c: &mut Compiler<'_>,
    file: &SourceFile<'_>,
    fd: &ast::FuncDecl,
    obj: ObjId,
) -> Result<FuncInfo> {
    let name = c.func_name(obj);
    let Type::Signature(sig) = c.ty(c.obj(obj).ty).clone() else {
        return Err(c.unsupported(file, fd.pos, "a function without a signature"));
    };
    let Some(body) = &fd.body else {
        return Err(c.unsupported(file, fd.pos, "functions without bodies"));
    };
    compile_body(
        c,
        file,
        name,
        fd.pos,
        &sig,
        &fd.typ,
        body,
        &[],
        Default::default(),
    )
}

/// Compiles a function body with signature `sig`; a closure's `captured`
/// variables are reached through the cells its closure object holds.
#[allow(clippy::too_many_arguments)]
fn compile_body(
    c: &mut Compiler<'_>,
    file: &SourceFile<'_>,
    name: String,
    pos: Pos,
    sig: &types::ty::Signature,
    ftype: &ast::FuncType,
    body: &ast::Block,
    captured: &[ObjId],
    inst: Instance,
) -> Result<FuncInfo> {
    let path = file.path.clone();
    let mut b = FnBuilder::new(c, file, name.clone(), pos);
    (b.tsubst, b.smap) = inst;
    b.has_defer = contains_defer(&body.stmts);
    b.line(pos);
    b.boxed = b.address_taken(&body.stmts);
    b.func_results = sig.results.clone();
    if has_range_func(&b, &body.stmts) {
        // A range-over-func body may return for the function.
        b.boxed.extend(sig.results.iter().copied());
    }
    let mut param_locs = Vec::new();
    for &p in sig.recv.iter().chain(&sig.params) {
        let rep = b.rep_of(b.oty(p), pos)?;
        let loc = b.alloc(rep);
        param_locs.push((p, loc));
    }
    let params_size = b.top - FRAME_HEADER;
    let mut cell_results = Vec::new();
    for &r in &sig.results {
        let rep = b.rep_of(b.oty(r), pos)?;
        let loc = b.alloc(rep);
        b.vars.insert(r, loc);
        b.results.push(loc);
        if b.boxed.contains(&r) {
            cell_results.push((r, loc));
        }
    }
    let results_size = b.top - FRAME_HEADER - params_size;
    // Captured variables: their cells' pointers, from the closure object.
    if !captured.is_empty() {
        let ctx = b.alloc(INT);
        b.emit(Op::Mov, ctx.off, abi::FRAME_CONTEXT, 0);
        for (k, &o) in captured.iter().enumerate() {
            let cell = b.alloc(Rep::Ptr(b.oty(o)));
            b.emit(Op::Load64, cell.off, ctx.off, 8 * (k as u32 + 1));
            b.vars.insert(o, cell);
            b.boxed.insert(o);
        }
    }
    for (p, loc) in param_locs {
        b.bind(p, loc);
    }
    // Named results are variables and start zeroed; unnamed ones are
    // always set by the return statement.
    let named = ftype.results.iter().any(|f| f.name.is_some());
    if results_size > 0 && named {
        b.emit(Op::Zero, FRAME_HEADER + params_size, 0, results_size);
    }
    // Results shared with closures live in cells, copied out on return.
    for (r, loc) in cell_results {
        b.bind(r, loc);
        let cell = b.vars[&r];
        b.boxed_results.push((cell, loc));
    }
    b.stmts(&body.stmts)?;
    b.line(body.rbrace);
    b.ret();
    for (at, label, pos) in std::mem::take(&mut b.gotos) {
        let Some(&target) = b.labels.get(&label) else {
            return Err(b.unsupported(pos, "this goto"));
        };
        b.patch(at, target);
    }
    // Where a recovered panic resumes: unnamed results are zero, then
    // the remaining deferred calls run and the function returns.
    let recover_pc = if b.has_defer {
        let at = b.code.len() as u32;
        if results_size > 0 && !named {
            b.emit(Op::Zero, FRAME_HEADER + params_size, 0, results_size);
        }
        b.ret();
        Some(at)
    } else {
        None
    };
    let _ = path;
    b.check_frame()?;
    let mut fi = b.finish(name, params_size, results_size);
    fi.recover_pc = recover_pc;
    Ok(fi)
}

/// The function that initializes package variables, in `order`.
pub(crate) fn compile_var_init(
    c: &mut Compiler<'_>,
    file: &SourceFile<'_>,
    order: &[(Vec<ObjId>, &Expr)],
) -> Result<FuncInfo> {
    let path = file.path.clone();
    let mut b = FnBuilder::new(c, file, "main.init".into(), Pos::default());
    for (lhs, rhs) in order {
        let mark = b.top;
        b.line(rhs.start());
        let vals = if lhs.len() == 1 {
            let rep = b.rep_of(b.oty(lhs[0]), rhs.start())?;
            vec![b.expr_as(rhs, rep)?]
        } else {
            let want = lhs
                .iter()
                .map(|&o| b.rep_of(b.oty(o), rhs.start()).map(Some))
                .collect::<Result<Vec<_>>>()?;
            b.tuple_as(rhs, &want)?
        };
        for (&o, v) in lhs.iter().zip(vals) {
            if let Some((p, _)) = b.global_addr(o) {
                b.store(p.off, 0, v);
            }
        }
        b.top = mark;
    }
    b.emit(Op::Ret, 0, 0, 0);
    b.check_frame()?;
    let mut fi = b.finish("main.init".into(), 0, 0);
    fi.file = path;
    Ok(fi)
}

impl<'c, 'w> FnBuilder<'c, 'w> {
    fn new(c: &'c mut Compiler<'w>, file: &'c SourceFile<'c>, name: String, pos: Pos) -> Self {
        FnBuilder {
            c,
            file,
            code: Vec::new(),
            lines: Vec::new(),
            vars: HashMap::new(),
            top: FRAME_HEADER,
            max: FRAME_HEADER,
            results: Vec::new(),
            targets: Vec::new(),
            pos,
            labels: HashMap::new(),
            gotos: Vec::new(),
            boxed: Default::default(),
            name: name.clone(),
            closures: 0,
            has_defer: false,
            run_defers: Vec::new(),
            boxed_results: Vec::new(),
            tsubst: Default::default(),
            smap: Default::default(),
            range_names: std::rc::Rc::new((name.clone(), Default::default())),
            func_results: Vec::new(),
            rf: None,
            too_large: None,
            rep_bug: None,
            allocs: Vec::new(),
            entry_slots: Vec::new(),
            live: Vec::new(),
            maps: Default::default(),
            pre: HashMap::new(),
        }
    }

    /// The type `t` stands for in this instance.
    fn sub(&self, t: TypeId) -> TypeId {
        self.tsubst.get(&t).copied().unwrap_or(t)
    }

    /// The type of object `o` in this instance.
    fn oty(&self, o: ObjId) -> TypeId {
        self.sub(self.c.obj(o).ty)
    }

    /// Finishes the function into the reserved slot `id`; returns `id`.
    fn finish_into(
        &mut self,
        id: FuncId,
        name: String,
        params_size: u32,
        results_size: u32,
    ) -> FuncId {
        let fi = self.finish(name, params_size, results_size);
        self.c.program.funcs[id as usize] = fi;
        id
    }

    /// Refuses a body that gave a frame slot to a value too large for it
    /// (gc puts such values in the heap).
    fn check_frame(&self) -> Result<()> {
        if let Some(pos) = self.rep_bug {
            return Err(
                self.unsupported(pos, "this conversion (internal: mismatched value shapes)")
            );
        }
        match self.too_large {
            Some(pos) => Err(self.unsupported(pos, "values larger than 16 MiB in a frame")),
            None => Ok(()),
        }
    }

    /// The function built, with its frame size settled.
    fn finish(&mut self, name: String, params_size: u32, results_size: u32) -> FuncInfo {
        let frame_size = self.max.next_multiple_of(8);
        for &at in &self.run_defers {
            self.code[at].b = frame_size;
        }
        let (alloc_shapes, alloc_noscan) = std::mem::take(&mut self.allocs)
            .into_iter()
            .partition::<Vec<_>, _>(|(_, s)| s.is_some());
        let args_mask = self.args_mask(&name, params_size + results_size);
        FuncInfo {
            name,
            file: self.file.path.clone(),
            frame_size,
            params_size,
            results_size,
            code: std::mem::take(&mut self.code),
            lines: std::mem::take(&mut self.lines),
            recover_pc: None,
            alloc_shapes: alloc_shapes
                .into_iter()
                .filter_map(|(pc, s)| Some((pc, s?)))
                .collect(),
            alloc_noscan: alloc_noscan.into_iter().map(|(pc, _)| pc).collect(),
            args_mask,
            stack_maps: std::mem::take(&mut self.maps).finish(),
        }
    }

    /// The pointer bitmap of the `size` bytes of parameters and results,
    /// from the slots allocated for them first thing. Slots that do not
    /// tile the area exactly are a compiler bug, reported by `compile`.
    fn args_mask(&mut self, name: &str, size: u32) -> Vec<u64> {
        let mut mask = Layout::noscan(size);
        let mut at = FRAME_HEADER;
        for loc in std::mem::take(&mut self.entry_slots) {
            if at == FRAME_HEADER + size {
                break;
            }
            if loc.off != at {
                break;
            }
            match self.rep_layout(loc.rep) {
                Ok(l) => mask.place(loc.off - FRAME_HEADER, &l),
                Err(e) => self.c.layout_errors.push(format!("{name}: {e}")),
            }
            at += loc.rep.size();
        }
        if at != FRAME_HEADER + size {
            self.c
                .layout_errors
                .push(format!("{name}: parameter slots do not tile the arguments"));
        }
        mask.mask
    }

    /// The pointer layout of a value of representation `rep` in memory
    /// (also its frame form: they differ only in size).
    fn rep_layout(&mut self, rep: Rep) -> std::result::Result<Layout, String> {
        let size = rep.mem_size();
        Ok(match rep {
            Rep::Str | Rep::Slice(_) | Rep::Ptr(_) | Rep::Func(_) => Layout::with_ptrs(size, &[0]),
            // The data word only, as in `type_layout`.
            Rep::Iface(_) => Layout::with_ptrs(size, &[1]),
            Rep::Struct { t, .. } => self.c.type_layout(t)?,
            // A map value is a pointer to its header in the Go heap.
            Rep::Map(_) => Layout::with_ptrs(size, &[0]),
            Rep::Chan(_) => Layout::with_ptrs(size, &[0]),
            Rep::Int { .. } | Rep::F64 | Rep::F32 | Rep::Bool | Rep::C128 | Rep::C64 => {
                Layout::noscan(size)
            }
        })
    }

    // ---- emission ----

    /// A return: the deferred calls first, if the function has any.
    fn ret(&mut self) {
        if self.has_defer {
            let at = self.emit(Op::RunDefers, 0, 0, 0);
            self.run_defers.push(at);
        }
        for (cell, slot) in self.boxed_results.clone() {
            self.load(slot, cell.off, 0);
        }
        self.emit(Op::Ret, 0, 0, 0);
    }

    /// Emits an instruction that does not allocate memory the program
    /// describes (those go through `emit_alloc`; `compile` rejects a
    /// function with an allocation that has no recorded layout).
    fn emit(&mut self, op: Op, a: u32, b: u32, c: u32) -> usize {
        debug_assert!(
            op.alloc() != abi::Alloc::Typed,
            "{op:?} emitted without a layout"
        );
        self.note_map();
        self.code.push(Inst::new(op, a, b, c));
        self.code.len() - 1
    }

    /// Emits allocating instruction `op` (`abi::Alloc::Typed`) whose
    /// elements have `layout`: the one way such instructions are made, so
    /// every allocation carries its shape (or its noscan proof).
    fn emit_alloc(
        &mut self,
        op: Op,
        a: u32,
        b: u32,
        c: u32,
        layout: std::result::Result<Layout, String>,
    ) -> usize {
        self.note_map();
        self.code.push(Inst::new(op, a, b, c));
        let pc = self.code.len() - 1;
        match layout {
            Ok(l) => {
                let shape = self.c.intern_shape(&l);
                self.allocs.push((pc as u32, shape));
            }
            // No entry: `verify_allocs` fails the build.
            Err(e) => self.c.layout_errors.push(format!("{}: {e}", self.name)),
        }
        pc
    }

    /// `dst` = new zeroed memory for one value of `rep` (`new(T)`, heap
    /// cells, interface boxes).
    fn emit_new(&mut self, dst: u32, rep: Rep) -> usize {
        let l = self.rep_layout(rep);
        self.emit_alloc(Op::New, dst, 0, rep.mem_size(), l)
    }

    /// A slice instruction (`MakeSlice`, `Grow`, `AppendSlice`) over
    /// elements of `er`.
    fn emit_slice_alloc(&mut self, op: Op, a: u32, b: u32, er: Rep) -> usize {
        let l = self.rep_layout(er);
        self.emit_alloc(op, a, b, er.mem_size(), l)
    }

    /// Records that code from here on comes from `pos`'s line.
    fn line(&mut self, pos: Pos) {
        self.pos = pos;
        let pc = self.code.len() as u32;
        match self.lines.last_mut() {
            Some((p, l)) if *p == pc => *l = pos.line,
            Some((_, l)) if *l == pos.line => {}
            _ => self.lines.push((pc, pos.line)),
        }
    }

    /// A jump to be patched; returns its index.
    fn jump(&mut self) -> usize {
        self.emit(Op::Jmp, 0, 0, 0)
    }

    /// Points the branch at `at` to the next instruction emitted.
    fn patch_here(&mut self, at: usize) {
        let here = self.code.len();
        self.patch(at, here);
    }

    fn patch(&mut self, at: usize, target: usize) {
        let rel = (target as i64 - at as i64) as i32 as u32;
        match self.code[at].op {
            Op::Jmp => self.code[at].a = rel,
            Op::JmpIf | Op::JmpIfNot => self.code[at].b = rel,
            _ => self.code[at].c = rel,
        }
    }

    /// Emits jumps taken when `cond` evaluates to `when`; returns them for
    /// patching. Integer comparisons become compare-and-branch
    /// instructions, `&&`, `||` and `!` become control flow.
    fn cond_jump(&mut self, cond: &Expr, when: bool) -> Result<Vec<usize>> {
        if let (Mode::Constant(_), _) = self.tv(cond)? {
            let v = self.expr(cond)?;
            let op = if when { Op::JmpIf } else { Op::JmpIfNot };
            return Ok(vec![self.emit(op, v.off, 0, 0)]);
        }
        match cond {
            Expr::Paren { x, .. } => self.cond_jump(x, when),
            Expr::Operation {
                op: Operator::Not,
                x,
                y: None,
                ..
            } => self.cond_jump(x, !when),
            Expr::Operation {
                op: op @ (Operator::AndAnd | Operator::OrOr),
                x,
                y: Some(y),
                ..
            } => {
                // a && b is true when both are; a || b when either is.
                let short = *op == Operator::OrOr;
                if when == short {
                    let mut js = self.cond_jump(x, when)?;
                    js.extend(self.cond_jump(y, when)?);
                    Ok(js)
                } else {
                    let skip = self.cond_jump(x, !when)?;
                    let js = self.cond_jump(y, when)?;
                    for at in skip {
                        self.patch_here(at);
                    }
                    Ok(js)
                }
            }
            Expr::Operation {
                op:
                    op @ (Operator::Eql
                    | Operator::Neq
                    | Operator::Lss
                    | Operator::Leq
                    | Operator::Gtr
                    | Operator::Geq),
                x,
                y: Some(y),
                ..
            } if self.int_operands(x, y)? => {
                let (_, xt) = self.tv(x)?;
                let signed = !matches!(self.rep_of(xt, x.start())?, Rep::Int { signed: false, .. });
                // The comparison that must hold for the jump.
                let op = if when { *op } else { negate(*op) };
                let xv = self.expr(x)?;
                // Against a small constant: an immediate form.
                if let (Mode::Constant(c), _) = self.tv(y)?
                    && let Some(k) = c.to_int().to_i64()
                    && i32::try_from(k).is_ok()
                    && (signed || matches!(op, Operator::Eql | Operator::Neq))
                {
                    let o = match op {
                        Operator::Eql => Op::JEqI,
                        Operator::Neq => Op::JNeI,
                        Operator::Lss => Op::JLtSI,
                        Operator::Leq => Op::JLeSI,
                        Operator::Gtr => Op::JGtSI,
                        _ => Op::JGeSI,
                    };
                    return Ok(vec![self.emit(o, xv.off, k as i32 as u32, 0)]);
                }
                let yv = self.expr(y)?;
                let (o, a, b) = match (op, signed) {
                    (Operator::Eql, _) => (Op::JEq, xv, yv),
                    (Operator::Neq, _) => (Op::JNe, xv, yv),
                    (Operator::Lss, true) => (Op::JLtS, xv, yv),
                    (Operator::Leq, true) => (Op::JLeS, xv, yv),
                    (Operator::Gtr, true) => (Op::JLtS, yv, xv),
                    (_, true) => (Op::JLeS, yv, xv),
                    (Operator::Lss, false) => (Op::JLtU, xv, yv),
                    (Operator::Leq, false) => (Op::JLeU, xv, yv),
                    (Operator::Gtr, false) => (Op::JLtU, yv, xv),
                    (_, false) => (Op::JLeU, yv, xv),
                };
                Ok(vec![self.emit(o, a.off, b.off, 0)])
            }
            // float64 ordering: compare-and-branch, with negated forms
            // that stay right for NaN.
            Expr::Operation {
                op: op @ (Operator::Lss | Operator::Leq | Operator::Gtr | Operator::Geq),
                x,
                y: Some(y),
                ..
            } if self.rep_of(self.tv(x)?.1, x.start())? == Rep::F64 => {
                let xv = self.expr(x)?;
                let yv = self.expr(y)?;
                // x > y is y < x.
                let (lt, a, b) = match op {
                    Operator::Lss => (true, xv, yv),
                    Operator::Leq => (false, xv, yv),
                    Operator::Gtr => (true, yv, xv),
                    _ => (false, yv, xv),
                };
                let o = match (lt, when) {
                    (true, true) => Op::JLtF,
                    (false, true) => Op::JLeF,
                    (true, false) => Op::JNLtF,
                    (false, false) => Op::JNLeF,
                };
                Ok(vec![self.emit(o, a.off, b.off, 0)])
            }
            _ => {
                let v = self.expr(cond)?;
                let op = if when { Op::JmpIf } else { Op::JmpIfNot };
                Ok(vec![self.emit(op, v.off, 0, 0)])
            }
        }
    }

    /// Whether both operands of a comparison are integers (or booleans).
    fn int_operands(&self, x: &Expr, y: &Expr) -> Result<bool> {
        let (_, xt) = self.tv(x)?;
        let (_, yt) = self.tv(y)?;
        let int = |r: Rep| matches!(r, Rep::Int { .. });
        Ok(int(self.rep_of(xt, x.start())?) && int(self.rep_of(yt, y.start())?))
    }

    fn jump_to(&mut self, target: usize) {
        let at = self.jump();
        self.patch(at, target);
    }

    // ---- frame ----

    fn alloc(&mut self, rep: Rep) -> Loc {
        if rep.size() > Self::MAX_ELEM && self.too_large.is_none() {
            // Large values live in memory only (globals, the heap): a
            // frame holding one is refused when the body is finished.
            self.too_large = Some(self.pos);
        }
        let off = self.top;
        self.top += rep.size();
        self.max = self.max.max(self.top);
        if self.code.is_empty() {
            self.entry_slots.push(Loc { off, rep });
        }
        // Everything at or above a new slot is dead (the frame is a stack).
        self.live.retain(|l| l.off + l.size <= off);
        self.claim(Loc { off, rep });
        Loc { off, rep }
    }

    fn unsupported(&self, pos: Pos, what: &str) -> Unsupported {
        self.c.unsupported(self.file, pos, what)
    }

    // ---- types ----

    fn rep_of(&self, t: TypeId, pos: Pos) -> Result<Rep> {
        let u = self.c.world.prog.underlying(t);
        match self.c.ty(u) {
            // (The element type is checked where elements are used: types
            // may refer to themselves through slices.)
            Type::Slice(elem) => return Ok(Rep::Slice(*elem)),
            Type::Pointer(elem) => return Ok(Rep::Ptr(*elem)),
            Type::Map { .. } => return Ok(Rep::Map(t)),
            Type::Chan { .. } => return Ok(Rep::Chan(t)),
            Type::Signature(_) => return Ok(Rep::Func(t)),
            Type::Interface(_) => return Ok(Rep::Iface(t)),
            // Arrays are aggregates like structs (gc's layout in frame and
            // memory alike); their elements are reached by `elem_place`.
            Type::Array { elem, .. } => {
                let elem = *elem;
                self.rep_of(elem, pos)?;
                let size = self.c.world.prog.size_of(t);
                if size > u32::MAX as i64 {
                    return Err(self.unsupported(pos, "values larger than 4 GiB"));
                }
                return Ok(Rep::Struct {
                    t,
                    size: size as u32,
                });
            }
            Type::Struct { fields, .. } => {
                for &f in fields.clone().iter() {
                    self.rep_of(self.oty(f), pos)?;
                }
                let size = self.c.world.prog.size_of(t);
                if size > u32::MAX as i64 {
                    return Err(self.unsupported(pos, "values larger than 4 GiB"));
                }
                return Ok(Rep::Struct {
                    t,
                    size: size as u32,
                });
            }
            _ => {}
        }
        let Type::Basic(k) = self.c.ty(u) else {
            let s = self.c.world.prog.type_string(t, Some(self.c.pkg));
            return Err(self.unsupported(pos, &format!("values of type {s}")));
        };
        use BasicKind::*;
        Ok(match k {
            Bool | UntypedBool => Rep::Bool,
            Int | Int64 | UntypedInt | UntypedRune => Rep::Int {
                signed: true,
                bits: 64,
            },
            Int8 => Rep::Int {
                signed: true,
                bits: 8,
            },
            Int16 => Rep::Int {
                signed: true,
                bits: 16,
            },
            Int32 => Rep::Int {
                signed: true,
                bits: 32,
            },
            Uint | Uint64 | Uintptr => Rep::Int {
                signed: false,
                bits: 64,
            },
            Uint8 => Rep::Int {
                signed: false,
                bits: 8,
            },
            Uint16 => Rep::Int {
                signed: false,
                bits: 16,
            },
            Uint32 => Rep::Int {
                signed: false,
                bits: 32,
            },
            Float64 | UntypedFloat => Rep::F64,
            // Never dereferenced: any element type serves.
            UnsafePointer => Rep::Ptr(TypeId::basic(Uint8)),
            Float32 => Rep::F32,
            Complex128 | UntypedComplex => Rep::C128,
            Complex64 => Rep::C64,
            String | UntypedString => Rep::Str,
            _ => {
                let s = self.c.world.prog.type_string(t, Some(self.c.pkg));
                return Err(self.unsupported(pos, &format!("values of type {s}")));
            }
        })
    }

    /// The recorded type and mode of `e`.
    fn tv(&self, e: &Expr) -> Result<(Mode, TypeId)> {
        match self.c.info.types.get(&key(e)) {
            Some(tv) => Ok((tv.mode.clone(), self.sub(tv.ty))),
            None => Err(self.unsupported(e.start(), "an expression without a recorded type")),
        }
    }

    fn obj_of(&self, n: &ast::Name) -> Option<ObjId> {
        let k = key(n);
        self.c
            .info
            .uses
            .get(&k)
            .or_else(|| self.c.info.defs.get(&k))
            .copied()
    }

    // ---- statements ----

    fn stmts(&mut self, list: &[Stmt]) -> Result<()> {
        for s in list {
            let mark = self.top;
            self.stmt(s, None)?;
            // Temporaries die with their statement (variables declared by
            // it live on: only reclaim when the statement declares none).
            if !declares(s) {
                self.top = mark;
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt, label: Option<&str>) -> Result<()> {
        self.line(s.pos());
        match s {
            Stmt::Empty(_) => Ok(()),
            Stmt::Block(b) => self.block(&b.stmts),
            Stmt::Expr { x, .. } => {
                self.expr_stmt(x)?;
                Ok(())
            }
            Stmt::Decl { decls, .. } => {
                for d in decls {
                    self.local_decl(d)?;
                }
                Ok(())
            }
            Stmt::Assign { pos, op, lhs, rhs } => self.assign(*pos, *op, lhs, rhs.as_ref()),
            Stmt::Return { pos, results } => self.return_stmt(*pos, results.as_ref()),
            Stmt::If {
                init,
                cond,
                then,
                els,
                ..
            } => {
                let mark = self.top;
                if let Some(i) = init {
                    self.stmt(i, None)?;
                }
                let Some(cond) = cond else {
                    return Err(self.unsupported(s.pos(), "if without condition"));
                };
                let skips = self.cond_jump(cond, false)?;
                self.block(&then.stmts)?;
                if let Some(e) = els {
                    let end = self.jump();
                    for at in skips {
                        self.patch_here(at);
                    }
                    self.stmt(e, None)?;
                    self.patch_here(end);
                } else {
                    for at in skips {
                        self.patch_here(at);
                    }
                }
                self.top = mark;
                Ok(())
            }
            Stmt::For {
                init,
                cond,
                post,
                body,
                ..
            } => self.for_stmt(
                s,
                init.as_deref(),
                cond.as_ref(),
                post.as_deref(),
                body,
                label,
            ),
            Stmt::Switch {
                init, tag, body, ..
            } => self.switch_stmt(s, init.as_deref(), tag.as_ref(), body, label),
            Stmt::Labeled { label: l, stmt, .. } => {
                self.labels.insert(l.value.clone(), self.code.len());
                self.stmt(stmt, Some(&l.value))
            }
            Stmt::Branch { pos, tok, label: l } => self.branch(*pos, *tok, l.as_ref()),
            Stmt::Call { tok, call, pos } => self.defer_stmt(*pos, *tok, call),
            Stmt::Send { pos, chan, value } => self.send_stmt(*pos, chan, value),
            Stmt::Select { pos, body, .. } => self.select_stmt(*pos, body, label),
            _ => Err(self.unsupported(s.pos(), "this statement")),
        }
    }

    fn block(&mut self, stmts: &[Stmt]) -> Result<()> {
        let mark = self.top;
        self.stmts(stmts)?;
        self.top = mark;
        Ok(())
    }

    fn expr_stmt(&mut self, x: &Expr) -> Result<()> {
        match x.unparen() {
            Expr::Call { .. } => {
                self.call_expr(x, None)?;
                Ok(())
            }
            Expr::Operation {
                op: Operator::Recv,
                y: None,
                ..
            } => {
                self.expr(x)?;
                Ok(())
            }
            _ => Err(self.unsupported(x.start(), "this expression statement")),
        }
    }

    fn local_decl(&mut self, d: &Decl) -> Result<()> {
        match d {
            Decl::Const(_) | Decl::Type(_) => Ok(()),
            Decl::Var(v) => {
                let mut objs = Vec::new();
                for n in &v.names {
                    let Some(o) = self.c.info.defs.get(&key(n)).copied() else {
                        objs.push(None);
                        continue;
                    };
                    let rep = self.rep_of(self.oty(o), n.pos)?;
                    objs.push(Some((o, rep)));
                }
                match &v.values {
                    None => {
                        for (o, rep) in objs.into_iter().flatten() {
                            let loc = self.alloc(rep);
                            self.emit(Op::Zero, loc.off, 0, rep.size());
                            self.bind(o, loc);
                        }
                        Ok(())
                    }
                    Some(values) => {
                        let vals = values.list();
                        if let [val] = vals
                            && objs.len() > 1
                        {
                            // var a, b = f() (or a comma-ok form).
                            let want: Vec<Option<Rep>> =
                                objs.iter().map(|o| o.map(|(_, r)| r)).collect();
                            let rs = self.tuple_as(val, &want)?;
                            let mut locs = Vec::new();
                            for (o, r) in objs.iter().zip(&rs) {
                                let Some((_, rep)) = o else {
                                    locs.push(None);
                                    continue;
                                };
                                let loc = self.alloc(*rep);
                                self.mov(loc, *r);
                                locs.push(Some(loc));
                            }
                            for (o, loc) in objs.iter().zip(locs) {
                                if let (Some((o, _)), Some(loc)) = (o, loc) {
                                    self.bind(*o, loc);
                                }
                            }
                            return Ok(());
                        }
                        if vals.len() != objs.len() {
                            return Err(self.unsupported(v.pos, "multi-value declarations"));
                        }
                        // Evaluate all, then bind (`var a, b = b0, a0`).
                        let mut locs = Vec::new();
                        for (val, o) in vals.iter().zip(&objs) {
                            match o {
                                Some((_, rep)) => {
                                    let loc = self.alloc(*rep);
                                    self.expr_into(val, loc)?;
                                    locs.push(Some(loc));
                                }
                                None => {
                                    self.expr(val)?;
                                    locs.push(None);
                                }
                            }
                        }
                        for (o, loc) in objs.iter().zip(locs) {
                            if let (Some((o, _)), Some(loc)) = (o, loc) {
                                self.bind(*o, loc);
                            }
                        }
                        Ok(())
                    }
                }
            }
            _ => Err(self.unsupported(d.pos(), "this declaration")),
        }
    }

    fn assign(
        &mut self,
        pos: Pos,
        op: Option<Operator>,
        lhs: &Expr,
        rhs: Option<&Expr>,
    ) -> Result<()> {
        match (op, rhs) {
            // x++ / x--
            (Some(o), None) => {
                let p = self.place(lhs)?;
                let dst = self.read_place(p);
                let one = self.constant_loc(&Value::int(1), dst.rep, pos)?;
                self.arith(o, dst, dst, one, Some(dst), pos)?;
                self.store_place(p, dst);
                Ok(())
            }
            (Some(Operator::Def), Some(r)) => self.define(lhs.list(), r.list(), pos),
            (Some(o), Some(r)) => {
                let p = self.place(lhs)?;
                let dst = self.read_place(p);
                let (_, rt) = self.tv(r)?;
                if matches!(o, Operator::Shl | Operator::Shr) {
                    let y = self.expr(r)?;
                    let yrep = self.rep_of(rt, r.start())?;
                    self.shift(o, dst, dst, y, yrep, Some(dst), pos)?;
                } else {
                    let y = self.expr(r)?;
                    self.arith(o, dst, dst, y, Some(dst), pos)?;
                }
                self.store_place(p, dst);
                Ok(())
            }
            (None, Some(r)) => {
                let (ls, rs) = (lhs.list(), r.list());
                if ls.len() != rs.len() {
                    if rs.len() == 1 {
                        return self.assign_call(ls, &rs[0], pos);
                    }
                    return Err(self.unsupported(pos, "this assignment"));
                }
                if ls.len() == 1 {
                    let p = self.place(&ls[0])?;
                    return self.assign_place(p, &rs[0]);
                }
                // Parallel assignment: the places' operands, then every
                // right side, then the stores.
                let mut places = Vec::new();
                for l in ls {
                    places.push(self.place(l)?);
                }
                let mut tmps = Vec::new();
                for (r, p) in rs.iter().zip(&places) {
                    tmps.push(self.expr_as_tmp(r, place_rep(*p))?);
                }
                for (p, t) in places.into_iter().zip(tmps) {
                    self.store_place(p, t);
                }
                Ok(())
            }
            (None, None) => Ok(()),
        }
    }

    /// `a, b := f()` and `a, b = f()`.
    fn assign_call(&mut self, ls: &[Expr], call: &Expr, pos: Pos) -> Result<()> {
        // The left-hand operands first (spec order), then the call, whose
        // results convert to the operands' types (interfaces).
        let mut places = Vec::new();
        for l in ls {
            places.push(self.place(l)?);
        }
        let want: Vec<Option<Rep>> = places.iter().map(|p| place_rep(*p)).collect();
        let results = self.tuple_as(call, &want)?;
        if results.len() != ls.len() {
            return Err(self.unsupported(pos, "this assignment"));
        }
        for (p, r) in places.into_iter().zip(results) {
            self.store_place(p, r);
            // The result's temporary is dead once stored.
            self.dead(r);
        }
        Ok(())
    }

    /// `lhs := rhs`.
    fn define(&mut self, ls: &[Expr], rs: &[Expr], pos: Pos) -> Result<()> {
        // The variables the statement declares get new slots; the others
        // are assigned.
        let mut dsts: Vec<Option<Loc>> = Vec::new();
        let mut new_vars = Vec::new();
        for l in ls {
            let Expr::Name(n) = l else {
                return Err(self.unsupported(pos, "this short declaration"));
            };
            if n.value == "_" {
                dsts.push(None);
                continue;
            }
            if let Some(&o) = self.c.info.defs.get(&key(n)) {
                let rep = self.rep_of(self.oty(o), n.pos)?;
                let loc = self.alloc(rep);
                new_vars.push((o, loc));
                dsts.push(Some(loc));
            } else {
                match self.place(l)? {
                    Place::Frame(loc) => dsts.push(Some(loc)),
                    _ => return Err(self.unsupported(pos, "this short declaration")),
                }
            }
        }
        let all_new = ls.iter().all(|l| {
            is_blank(l) || matches!(l, Expr::Name(n) if self.c.info.defs.contains_key(&key(n)))
        });
        if rs.len() == 1 && ls.len() > 1 {
            // Redeclared variables may be interfaces the results convert to.
            let want: Vec<Option<Rep>> = dsts.iter().map(|d| d.map(|d| d.rep)).collect();
            let results = self.tuple_as(&rs[0], &want)?;
            for (d, r) in dsts.iter().zip(results) {
                if let Some(d) = d {
                    self.mov(*d, r);
                }
                // The result's temporary is dead once copied.
                self.dead(r);
            }
        } else if all_new {
            // Only new variables, which the right-hand sides cannot refer
            // to: each value goes straight to its variable.
            for (r, d) in rs.iter().zip(&dsts) {
                match d {
                    Some(d) => self.expr_into(r, *d)?,
                    None => {
                        self.expr(r)?;
                    }
                }
            }
        } else if ls.len() == 1 {
            match dsts[0] {
                Some(d) => self.expr_into(&rs[0], d)?,
                None => {
                    self.expr(&rs[0])?;
                }
            }
        } else {
            let mut tmps = Vec::new();
            for (r, d) in rs.iter().zip(&dsts) {
                tmps.push(self.expr_as_tmp(r, d.map(|d| d.rep))?);
            }
            for (d, t) in dsts.iter().zip(tmps) {
                if let Some(d) = d {
                    self.mov(*d, t);
                }
            }
        }
        for (o, loc) in new_vars {
            self.bind(o, loc);
        }
        Ok(())
    }

    fn return_stmt(&mut self, pos: Pos, results: Option<&Expr>) -> Result<()> {
        if self.rf.is_some() {
            return self.body_return(results);
        }
        if let Some(r) = results {
            let rs = r.list();
            // Results go to the result variables (cells for those a deferred
            // closure may change), then `ret` copies cells out.
            let dsts: Vec<Place> = self
                .results
                .clone()
                .into_iter()
                .map(
                    |l| match self.boxed_results.iter().find(|(_, r)| r.off == l.off) {
                        Some((cell, _)) => Place::Mem {
                            ptr: cell.off,
                            off: 0,
                            rep: l.rep,
                        },
                        None => Place::Frame(l),
                    },
                )
                .collect();
            self.store_results(&dsts, rs)?;
        }
        self.line(pos);
        self.ret();
        Ok(())
    }

    /// `return rs…` into the result places `dsts`: one multi-value call
    /// spread over them, or each value, all evaluated before any is stored
    /// (later expressions may read named results).
    fn store_results(&mut self, dsts: &[Place], rs: &[Expr]) -> Result<()> {
        if rs.len() == 1 && dsts.len() > 1 {
            let want: Vec<Option<Rep>> = dsts.iter().map(|d| place_rep(*d)).collect();
            let vals = self.tuple_as(&rs[0], &want)?;
            for (d, v) in dsts.iter().zip(vals) {
                self.store_place(*d, v);
            }
        } else if let ([r], [d]) = (rs, dsts) {
            self.assign_place(*d, r)?;
        } else {
            let mut tmps = Vec::new();
            for (r, d) in rs.iter().zip(dsts) {
                tmps.push(self.expr_as_tmp(r, place_rep(*d))?);
            }
            for (d, t) in dsts.iter().zip(tmps) {
                self.store_place(*d, t);
            }
        }
        Ok(())
    }

    fn for_stmt(
        &mut self,
        s: &Stmt,
        init: Option<&Stmt>,
        cond: Option<&Expr>,
        post: Option<&Stmt>,
        body: &ast::Block,
        label: Option<&str>,
    ) -> Result<()> {
        let mark = self.top;
        if let Some(Stmt::Range { lhs, def, x, .. }) = init {
            let r = RangeLoop {
                s,
                lhs: lhs.as_ref(),
                def: *def,
                x,
                body,
                label,
                mark,
            };
            return self.range_loop(&r);
        }
        if let Some(i) = init {
            self.stmt(i, None)?;
        }
        // Condition at the bottom: one branch per iteration.
        let to_cond = self.jump();
        let top = self.code.len();
        let t = self.loop_body(label, body)?;
        for at in t.continues.into_iter().flatten() {
            self.patch_here(at);
        }
        // Go 1.22: each iteration has its own loop variables. Those living
        // in cells (captured or address-taken) get a fresh cell holding the
        // current value before the post statement.
        if let Some(Stmt::Assign {
            op: Some(Operator::Def),
            lhs,
            ..
        }) = init
        {
            for l in lhs.list() {
                let Expr::Name(n) = l else { continue };
                let Some(&o) = self.c.info.defs.get(&key(n)) else {
                    continue;
                };
                if !self.boxed.contains(&o) {
                    continue;
                }
                let cell = self.vars[&o];
                let rep = self.rep_of(self.oty(o), n.pos)?;
                let v = self.alloc(rep);
                self.load(v, cell.off, 0);
                self.emit_new(cell.off, rep);
                self.store(cell.off, 0, v);
            }
        }
        let post_start = self.code.len();
        if let Some(p) = post {
            self.stmt(p, None)?;
        }
        let post_end = self.code.len();
        self.patch_here(to_cond);
        match cond {
            Some(c) => {
                self.line(c.start());
                let cond_at = self.code.len();
                let backs = self.cond_jump(c, true)?;
                for &back in &backs {
                    self.patch(back, top);
                }
                // `i++` then a test of `i` against a slot or constant: the
                // post statement becomes an increment-and-branch. The test
                // stays where the loop enters, and is where the fused
                // instruction falls through when the loop ends (the same
                // slots, so it fails again).
                if post_end > post_start
                    && let [test_at] = backs[..]
                    && test_at == cond_at
                    && test_at + 1 == self.code.len()
                {
                    let (inc, test) = (self.code[post_end - 1], self.code[test_at]);
                    let fused = match test.op {
                        Op::JLtS => Some(Op::IncJLtS),
                        Op::JLtU => Some(Op::IncJLtU),
                        Op::JLtSI => Some(Op::IncJLtSI),
                        _ => None,
                    };
                    if let Some(f) = fused
                        && inc.op == Op::AddI
                        && inc.a == inc.b
                        && inc.c == 1
                        && test.a == inc.a
                    {
                        self.code[post_end - 1] = Inst::new(f, test.a, test.b, 0);
                        self.patch(post_end - 1, top);
                    }
                }
            }
            None => self.jump_to(top),
        }
        for at in t.breaks {
            self.patch_here(at);
        }
        self.top = mark;
        Ok(())
    }

    /// `for … := range x` over an integer, slice or array; strings and
    /// maps have their own loops.
    fn range_loop(&mut self, r: &RangeLoop<'_>) -> Result<()> {
        let RangeLoop {
            s,
            lhs,
            def,
            x,
            body,
            label,
            mark,
        } = *r;
        let (_, xt) = self.tv(x)?;
        let xrep = self.rep_of(xt, x.start())?;
        // The range expression is evaluated once; `n` iterations.
        let (rep, n, slice) = match xrep {
            Rep::Int { .. } => (xrep, self.expr_tmp(x)?, None),
            Rep::Slice(et) => {
                let sv = self.expr_tmp(x)?;
                let n = self.alloc(INT);
                self.emit(Op::Mov, n.off, sv.off + 8, 0);
                (INT, n, Some((sv, self.rep_of(et, x.start())?)))
            }
            Rep::Str => return self.range_string(r),
            Rep::Func(ft) => return self.range_func(r, ft),
            Rep::Map(mt) => return self.range_map(r, mt),
            Rep::Chan(ct) => return self.range_chan(r, ct),
            Rep::Struct { .. } | Rep::Ptr(_)
                if self.array_type(x)?.is_some()
                    && lhs.is_none_or(|l| l.list().len() < 2 || is_blank(&l.list()[1])) =>
            {
                // No element variable: the range expression is evaluated
                // only if its length is not constant (spec).
                let Some((_, _, len, _)) = self.array_type(x)? else {
                    return Err(self.unsupported(s.pos(), "range over this type"));
                };
                if self.has_calls(x) {
                    self.eval_array_operand(x)?;
                }
                let n = self.alloc(INT);
                self.const64(n.off, len as u64);
                (INT, n, None)
            }
            Rep::Struct { .. } if self.array_type(x)?.is_some_and(|a| !a.3) => {
                // A copy of the array, indexed through a (pointer, length)
                // header as a slice is.
                let Some((_, et, len, _)) = self.array_type(x)? else {
                    return Err(self.unsupported(s.pos(), "range over this type"));
                };
                let copy = self.expr_tmp(x)?;
                let hdr = self.alloc(Rep::Str);
                self.emit(Op::FrameAddr, hdr.off, copy.off, copy.rep.size());
                self.const64(hdr.off + 8, len as u64);
                let n = self.alloc(INT);
                self.const64(n.off, len as u64);
                (INT, n, Some((hdr, self.rep_of(et, x.start())?)))
            }
            Rep::Ptr(_) if self.array_type(x)?.is_some_and(|a| a.3) => {
                // Through the pointer, without a copy: the elements are
                // read as the loop reaches them.
                let Some((_, et, len, _)) = self.array_type(x)? else {
                    return Err(self.unsupported(s.pos(), "range over this type"));
                };
                let p = self.expr_tmp(x)?;
                if len > 0 {
                    self.line(x.start());
                    self.nil_check(p.off);
                }
                let hdr = self.alloc(Rep::Str);
                self.emit(Op::Mov, hdr.off, p.off, 0);
                self.const64(hdr.off + 8, len as u64);
                let n = self.alloc(INT);
                self.const64(n.off, len as u64);
                (INT, n, Some((hdr, self.rep_of(et, x.start())?)))
            }
            _ => return Err(self.unsupported(s.pos(), "range over this type")),
        };
        // The counter starts at -1: the loop enters at its
        // increment-and-branch.
        let i = self.alloc(rep);
        self.const64(i.off, u64::MAX);
        // The iteration variables: fresh each iteration (Go 1.22).
        let elem_rep = slice.map(|(_, er)| er);
        let reps: Vec<Rep> = std::iter::once(rep).chain(elem_rep).collect();
        let (vars, late) = self.range_vars(s, lhs, def, &reps)?;
        let var = vars.first().copied().flatten();
        let elem_var = vars.get(1).copied().flatten();
        let to_cond = self.jump();
        let top = self.code.len();
        if let Some(v) = var {
            self.mov(v, i);
        }
        if let (Some(v), Some((sv, er))) = (elem_var, slice) {
            let addr = self.alloc(INT);
            self.index_into(addr, sv, i, er);
            self.load(v, addr.off, 0);
        }
        self.bind_range_vars(&late)?;
        let t = self.loop_body(label, body)?;
        for at in t.continues.into_iter().flatten() {
            self.patch_here(at);
        }
        self.patch_here(to_cond);
        let lt = match rep {
            Rep::Int { signed: false, .. } => Op::IncJLtU,
            _ => Op::IncJLtS,
        };
        let back = self.emit(lt, i.off, n.off, 0);
        self.patch(back, top);
        for at in t.breaks {
            self.patch_here(at);
        }
        self.top = mark;
        Ok(())
    }

    /// A loop's body, with `break` and `continue` targets; returns the
    /// jumps to patch.
    fn loop_body(&mut self, label: Option<&str>, body: &ast::Block) -> Result<Target> {
        self.targets.push(Target {
            label: label.map(str::to_string),
            breaks: Vec::new(),
            continues: Some(Vec::new()),
        });
        self.block(&body.stmts)?;
        Ok(self.targets.pop().expect("loop target"))
    }

    /// The iteration variables of a range clause, of representations
    /// `reps`: their slots (None for `_` or absent), and the declared ones
    /// living in cells, to bind afresh each iteration.
    #[allow(clippy::type_complexity)]
    fn range_vars<'e>(
        &mut self,
        s: &Stmt,
        lhs: Option<&'e Expr>,
        def: bool,
        reps: &[Rep],
    ) -> Result<(Vec<Option<Loc>>, Vec<LateVar<'e>>)> {
        let names: Vec<&Expr> = lhs.map_or(Vec::new(), |l| l.list().iter().collect());
        let mut late = Vec::new();
        let mut vars = Vec::new();
        for (k, l) in names.iter().enumerate() {
            if is_blank(l) {
                vars.push(None);
                continue;
            }
            let Some(&vrep) = reps.get(k) else {
                return Err(self.unsupported(s.pos(), "this range clause"));
            };
            if def {
                let Expr::Name(nm) = l else {
                    return Err(self.unsupported(s.pos(), "this range clause"));
                };
                let v = self.alloc(vrep);
                if let Some(o) = self.c.info.defs.get(&key(nm)).copied() {
                    // A variable in a cell gets a fresh one each iteration.
                    if self.boxed.contains(&o) {
                        late.push(LateVar::Bind(o, v));
                    } else {
                        self.vars.insert(o, v);
                    }
                }
                vars.push(Some(v));
            } else {
                // Assigned as an assignment statement would, each
                // iteration (the operands are evaluated then).
                let v = self.alloc(vrep);
                late.push(LateVar::Assign(l, v));
                vars.push(Some(v));
            }
        }
        Ok((vars, late))
    }

    /// Binds or assigns a range loop's iteration variables for one
    /// iteration, once their values are in their slots.
    fn bind_range_vars(&mut self, late: &[LateVar<'_>]) -> Result<()> {
        // Assigned operands form one parallel assignment (`for i, x[i] =
        // range …` indexes x with i's old value): every place's operands
        // are evaluated before any store.
        let mut stores = Vec::new();
        for l in late {
            match *l {
                LateVar::Bind(o, v) => self.bind(o, v),
                LateVar::Assign(e, v) => {
                    let p = self.place(e)?;
                    if place_rep(p).is_some_and(|r| r != v.rep && matches!(r, Rep::Iface(_))) {
                        return Err(self.unsupported(e.start(), "this range clause"));
                    }
                    stores.push((p, v));
                }
            }
        }
        for (p, v) in stores {
            self.store_place(p, v);
        }
        Ok(())
    }

    /// `for k, v := range m` over a map.
    fn range_map(&mut self, r: &RangeLoop<'_>, mt: TypeId) -> Result<()> {
        let RangeLoop {
            s,
            lhs,
            def,
            x,
            body,
            label,
            mark,
        } = *r;
        let (meta, kind, kr, vr) = self.map_meta(mt, x.start())?;
        let m = self.expr(x)?;
        // The iterator (Go's `hiter`) lives in the frame.
        let it = self.alloc(Rep::Struct {
            t: mt,
            size: abi::maptype::MAP_ITER_SIZE,
        });
        self.claim_layout(
            it.off,
            abi::maptype::MAP_ITER_SIZE,
            Layout::with_ptrs(
                abi::maptype::MAP_ITER_SIZE,
                abi::maptype::MAP_ITER_PTR_WORDS,
            ),
        );
        self.emit(Op::MapIter, it.off, m.off, meta);
        // ok, key (16 bytes), value.
        let out = self.alloc(Rep::Slice(mt));
        let _val = self.alloc(vr);
        let key_rep = if kind == abi::MapKey::Gen {
            let Type::Map { key, .. } = self.c.ty(self.c.world.prog.underlying(mt)).clone() else {
                return Err(self.unsupported(x.start(), "this map"));
            };
            self.rep_of(key, x.start())?
        } else {
            kr
        };
        // The area's words: the ok word, then the key (or, for `Gen` keys,
        // a pointer to the key in the map's slot).
        self.claim(Loc {
            off: out.off,
            rep: INT,
        });
        self.claim(Loc {
            off: out.off + 8,
            rep: if kind == abi::MapKey::Gen {
                Rep::Ptr(mt)
            } else {
                kr
            },
        });
        let (vars, late) = self.range_vars(s, lhs, def, &[key_rep, vr])?;
        let top = self.code.len();
        self.emit(Op::MapNext, out.off, it.off, meta);
        let done = self.emit(Op::JEqI, out.off, 0, 0);
        if let Some(Some(v)) = vars.first() {
            if kind == abi::MapKey::Gen {
                // A pointer to the key in the map's slot.
                self.load(*v, out.off + 8, 0);
            } else {
                self.mov(
                    *v,
                    Loc {
                        off: out.off + 8,
                        rep: kr,
                    },
                );
            }
        }
        if let Some(Some(v)) = vars.get(1) {
            self.mov(
                *v,
                Loc {
                    off: out.off + 24,
                    rep: vr,
                },
            );
        }
        self.bind_range_vars(&late)?;
        self.loop_back(label, body, top, done, mark)
    }

    /// The body of a loop whose test is at `top` and whose exit branch is
    /// `done`: `continue` and the end of the body go back to `top`, `break`
    /// and the exit come after it; the frame's top returns to `mark`.
    pub(super) fn loop_back(
        &mut self,
        label: Option<&str>,
        body: &ast::Block,
        top: usize,
        done: usize,
        mark: u32,
    ) -> Result<()> {
        let t = self.loop_body(label, body)?;
        for at in t.continues.into_iter().flatten() {
            self.patch(at, top);
        }
        self.jump_to(top);
        self.patch_here(done);
        for at in t.breaks {
            self.patch_here(at);
        }
        self.top = mark;
        Ok(())
    }

    /// `for i, r := range s` over a string: byte offsets and runes.
    fn range_string(&mut self, r: &RangeLoop<'_>) -> Result<()> {
        let RangeLoop {
            s,
            lhs,
            def,
            x,
            body,
            label,
            mark,
        } = *r;
        let sv = self.expr_tmp(x)?;
        let n = self.alloc(INT);
        self.emit(Op::Mov, n.off, sv.off + 8, 0);
        let i = self.alloc(INT);
        self.emit(Op::Zero, i.off, 0, 8);
        // The decoded rune and its width.
        let rw = self.alloc(Rep::Str);
        let rune = Rep::Int {
            signed: true,
            bits: 32,
        };
        let (vars, late) = self.range_vars(s, lhs, def, &[INT, rune])?;
        let to_cond = self.jump();
        let top = self.code.len();
        self.emit(Op::DecodeRune, rw.off, sv.off, i.off);
        if let Some(Some(v)) = vars.first() {
            self.mov(*v, i);
        }
        if let Some(Some(v)) = vars.get(1) {
            self.emit(Op::Mov, v.off, rw.off, 0);
        }
        self.bind_range_vars(&late)?;
        let t = self.loop_body(label, body)?;
        for at in t.continues.into_iter().flatten() {
            self.patch_here(at);
        }
        self.emit(Op::Add, i.off, i.off, rw.off + 8);
        self.patch_here(to_cond);
        let back = self.emit(Op::JLtS, i.off, n.off, 0);
        self.patch(back, top);
        for at in t.breaks {
            self.patch_here(at);
        }
        self.top = mark;
        Ok(())
    }

    fn switch_stmt(
        &mut self,
        _s: &Stmt,
        init: Option<&Stmt>,
        tag: Option<&Expr>,
        body: &[ast::CaseClause],
        label: Option<&str>,
    ) -> Result<()> {
        let mark = self.top;
        if let Some(i) = init {
            self.stmt(i, None)?;
        }
        if let Some(Expr::TypeSwitchGuard { lhs, x, .. }) = tag {
            let r = self.type_switch(lhs.as_ref(), x, body, label);
            self.top = mark;
            return r;
        }
        let tagv = match tag {
            Some(t) => Some(self.expr_tmp(t)?),
            None => None,
        };
        let tag_t = match tag {
            Some(t) => Some(self.tv(t)?.1),
            None => None,
        };
        self.targets.push(Target {
            label: label.map(str::to_string),
            breaks: Vec::new(),
            continues: None,
        });
        // Tests in order, each jumping to its body; bodies in order.
        let mut body_jumps: Vec<Vec<usize>> = Vec::new();
        let mut default = None;
        for (ci, cc) in body.iter().enumerate() {
            let mut jumps = Vec::new();
            match &cc.cases {
                None => default = Some(ci),
                Some(cases) => {
                    for e in cases.list() {
                        self.line(e.start());
                        let hit = match tagv {
                            Some(t) => {
                                let (_, et) = self.tv(e)?;
                                let (t, v) =
                                    if self.is_iface_type(et) && !matches!(t.rep, Rep::Iface(_)) {
                                        // A concrete tag against an interface
                                        // case: compared as interfaces.
                                        let v = self.expr(e)?;
                                        let ti = self.alloc(v.rep);
                                        self.convert_iface(t, tag_t.unwrap_or(et), ti)?;
                                        (ti, v)
                                    } else {
                                        (t, self.expr_as(e, t.rep)?)
                                    };
                                let r = self.alloc(Rep::Bool);
                                self.compare(Operator::Eql, r, t, v, e.start())?;
                                r
                            }
                            None => self.expr(e)?,
                        };
                        jumps.push(self.emit(Op::JmpIf, hit.off, 0, 0));
                    }
                }
            }
            body_jumps.push(jumps);
        }
        let to_default = self.jump();
        let mut ends = Vec::new();
        let mut fall: Option<usize> = None;
        for (ci, cc) in body.iter().enumerate() {
            let start = self.code.len();
            for &j in &body_jumps[ci] {
                self.patch(j, start);
            }
            if default == Some(ci) {
                self.patch(to_default, start);
            }
            if let Some(f) = fall.take() {
                self.patch(f, start);
            }
            let falls = matches!(
                cc.body.last(),
                Some(Stmt::Branch {
                    tok: Token::Fallthrough,
                    ..
                })
            );
            let stmts = if falls {
                &cc.body[..cc.body.len() - 1]
            } else {
                &cc.body[..]
            };
            self.block(stmts)?;
            if falls {
                fall = Some(self.jump());
            } else {
                ends.push(self.jump());
            }
        }
        if default.is_none() {
            self.patch_here(to_default);
        }
        let t = self.targets.pop().expect("switch target");
        for at in ends.into_iter().chain(t.breaks) {
            self.patch_here(at);
        }
        self.top = mark;
        Ok(())
    }

    fn branch(&mut self, pos: Pos, tok: Token, label: Option<&ast::Name>) -> Result<()> {
        let want = label.map(|l| l.value.as_str());
        let find = |targets: &[Target], loops_only: bool| {
            targets.iter().rposition(|t| {
                (!loops_only || t.continues.is_some())
                    && (want.is_none() || t.label.as_deref() == want)
            })
        };
        match tok {
            Token::Break => {
                let Some(i) = find(&self.targets, false) else {
                    if self.body_branch(pos, tok, label) {
                        return Ok(());
                    }
                    return Err(self.unsupported(pos, "this break"));
                };
                let j = self.jump();
                self.targets[i].breaks.push(j);
                Ok(())
            }
            Token::Continue => {
                let Some(i) = find(&self.targets, true) else {
                    if self.body_branch(pos, tok, label) {
                        return Ok(());
                    }
                    return Err(self.unsupported(pos, "this continue"));
                };
                let j = self.jump();
                if let Some(c) = &mut self.targets[i].continues {
                    c.push(j);
                }
                Ok(())
            }
            Token::Goto => {
                let Some(l) = label else {
                    return Err(self.unsupported(pos, "this goto"));
                };
                let j = self.jump();
                self.gotos.push((j, l.value.clone(), pos));
                Ok(())
            }
            _ => Err(self.unsupported(pos, "fallthrough here")),
        }
    }

    // ---- expressions ----

    /// Compiles `e` into a fresh temporary.
    /// `e` as a value of representation `rep` (an interface when `e` is
    /// converted to one implicitly).
    fn expr_as(&mut self, e: &Expr, rep: Rep) -> Result<Loc> {
        if let Rep::Iface(_) = rep {
            let l = self.alloc(rep);
            self.expr_into(e, l)?;
            return Ok(l);
        }
        self.expr(e)
    }

    /// Like [`Self::expr_tmp`], converting to `rep` if given.
    fn expr_as_tmp(&mut self, e: &Expr, rep: Option<Rep>) -> Result<Loc> {
        if let Some(rep @ Rep::Iface(_)) = rep {
            let l = self.alloc(rep);
            self.expr_into(e, l)?;
            return Ok(l);
        }
        self.expr_tmp(e)
    }

    fn expr_tmp(&mut self, e: &Expr) -> Result<Loc> {
        let (_, t) = self.tv(e)?;
        let rep = self.rep_of(t, e.start())?;
        let dst = self.alloc(rep);
        self.expr_into(e, dst)?;
        Ok(dst)
    }

    /// Compiles `e` and returns where its value is (a variable's own slot,
    /// or a new temporary).
    fn expr(&mut self, e: &Expr) -> Result<Loc> {
        if let Some(&l) = self.pre.get(&key(e)) {
            return Ok(l);
        }
        let (mode, t) = self.tv(e)?;
        if let Expr::Name(n) = e.unparen()
            && !matches!(mode, Mode::Constant(_))
            && let Some(o) = self.obj_of(n)
            && !self.boxed.contains(&o)
            && let Some(&l) = self.vars.get(&o)
        {
            let _ = t;
            return Ok(l);
        }
        // A call's result stays where the callee left it.
        if let Expr::Call { .. } = e.unparen()
            && !matches!(mode, Mode::Constant(_))
            && let Some(l) = self.call_expr(e, None)?
        {
            return Ok(l);
        }
        self.expr_tmp(e)
    }

    fn mov(&mut self, dst: Loc, src: Loc) {
        self.check_reps(dst.rep, src.rep);
        if dst.off == src.off {
            return;
        }
        match src.rep.size() {
            16 => self.emit(Op::Mov16, dst.off, src.off, 0),
            8 => self.emit(Op::Mov, dst.off, src.off, 0),
            n => self.emit(Op::MovN, dst.off, src.off, n),
        };
    }

    // ---- memory ----

    /// Loads the value of `dst.rep` at pointer slot `ptr` plus `off`.
    fn load(&mut self, dst: Loc, ptr: u32, off: u32) {
        let op = match dst.rep {
            Rep::Int { bits: 64, .. } | Rep::F64 => Op::Load64,
            Rep::Int {
                signed: true,
                bits: 32,
            } => Op::Load32S,
            Rep::Int {
                signed: false,
                bits: 32,
            }
            | Rep::F32 => Op::Load32U,
            Rep::Int {
                signed: true,
                bits: 16,
            } => Op::Load16S,
            Rep::Int {
                signed: false,
                bits: 16,
            } => Op::Load16U,
            Rep::Int { signed: true, .. } => Op::Load8S,
            Rep::Int { signed: false, .. } | Rep::Bool => Op::Load8U,
            Rep::Ptr(_) | Rep::Map(_) | Rep::Chan(_) | Rep::Func(_) | Rep::C64 => Op::Load64,
            Rep::Str | Rep::Slice(_) | Rep::Iface(_) | Rep::C128 => {
                for w in 0..dst.rep.size() / 8 {
                    self.emit(Op::Load64, dst.off + 8 * w, ptr, off + 8 * w);
                }
                return;
            }
            Rep::Struct { size, .. } => {
                let p = self.ptr_plus(ptr, off);
                self.emit(Op::LoadBlk, dst.off, p, size);
                return;
            }
        };
        self.emit(op, dst.off, ptr, off);
    }

    /// A slot holding pointer slot `ptr` plus `off`.
    fn ptr_plus(&mut self, ptr: u32, off: u32) -> u32 {
        if off == 0 {
            return ptr;
        }
        let p = self.alloc(INT);
        self.emit(Op::AddI, p.off, ptr, off);
        p.off
    }

    /// Stores `src` at pointer slot `ptr` plus `off`.
    ///
    /// Pointer words go through the typed stores (`StorePtr`,
    /// `StoreBlkPtr`: where gc puts its write barrier), from the value's
    /// layout; everything else through the plain ones.
    fn store(&mut self, ptr: u32, off: u32, src: Loc) {
        // A layout that cannot be computed is a compiler bug `compile`
        // reports; the store is then typed, the safe side.
        let layout = self.rep_layout(src.rep).ok();
        let is_ptr = |w: u32| {
            layout
                .as_ref()
                .is_none_or(|l| abi::shape::mask_bit(&l.mask, w))
        };
        if let Rep::Struct { size, .. } = src.rep {
            let p = self.ptr_plus(ptr, off);
            let typed = layout.as_ref().is_none_or(Layout::has_ptrs);
            let op = if typed { Op::StoreBlkPtr } else { Op::StoreBlk };
            self.emit(op, p, src.off, size);
            return;
        }
        let op = match src.rep.mem_size() {
            1 => Op::Store8,
            2 => Op::Store16,
            4 => Op::Store32,
            8 if is_ptr(0) => Op::StorePtr,
            8 => Op::Store64,
            n => {
                for w in 0..n / 8 {
                    let op = if is_ptr(w) { Op::StorePtr } else { Op::Store64 };
                    self.emit(op, ptr, src.off + 8 * w, off + 8 * w);
                }
                return;
            }
        };
        self.emit(op, ptr, src.off, off);
    }

    /// The address of package variable `o`, in a new temporary.
    fn global_addr(&mut self, o: ObjId) -> Option<(Loc, TypeId)> {
        let &(goff, t) = self.c.globals.get(&o)?;
        let p = self.alloc(Rep::Int {
            signed: false,
            bits: 64,
        });
        if self.c.world.prog.size_of(t) == 0 {
            // Zero-size variables live at the zero-size address (gc's
            // `zerobase`), which zero-byte allocations return.
            self.emit_alloc(Op::New, p.off, 0, 0, Ok(Layout::noscan(0)));
        } else {
            self.emit(Op::Global, p.off, goff, 0);
        }
        Some((p, t))
    }

    /// What an assignment to `e` stores into.
    fn place(&mut self, e: &Expr) -> Result<Place> {
        if let Some(&l) = self.pre.get(&key(e)) {
            return Ok(Place::Frame(l));
        }
        match e.unparen() {
            Expr::Name(n) if n.value == "_" => Ok(Place::Blank),
            Expr::Name(n) => {
                let Some(o) = self.obj_of(n) else {
                    return Err(self.unsupported(n.pos, "this assignment target"));
                };
                if let Some(&l) = self.vars.get(&o) {
                    if self.boxed.contains(&o) {
                        let rep = self.rep_of(self.oty(o), n.pos)?;
                        return Ok(Place::Mem {
                            ptr: l.off,
                            off: 0,
                            rep,
                        });
                    }
                    return Ok(Place::Frame(l));
                }
                match self.global_addr(o) {
                    Some((p, t)) => {
                        let rep = self.rep_of(t, n.pos)?;
                        Ok(Place::Mem {
                            ptr: p.off,
                            off: 0,
                            rep,
                        })
                    }
                    None => Err(self.unsupported(n.pos, "this assignment target")),
                }
            }
            Expr::Selector { x, sel, .. } => self.field_place(x, sel),
            Expr::Operation {
                op: Operator::Mul,
                x,
                y: None,
                ..
            } => {
                let (_, t) = self.tv(e)?;
                let rep = self.rep_of(t, e.start())?;
                let p = self.expr(x)?;
                Ok(Place::Mem {
                    ptr: p.off,
                    off: 0,
                    rep,
                })
            }
            Expr::Index { x, index, .. } if self.array_type(x)?.is_some() => {
                self.elem_place(x, index)
            }
            Expr::Index { x, index, .. } if matches!(self.tv(x)?, (_, t) if matches!(self.rep_of(t, x.start())?, Rep::Map(_))) => {
                self.map_place(x, index)
            }
            Expr::Index { x, index, .. } => {
                let (_, xt) = self.tv(x)?;
                let Rep::Slice(elem) = self.rep_of(xt, x.start())? else {
                    return Err(self.unsupported(e.start(), "this assignment target"));
                };
                let rep = self.rep_of(elem, e.start())?;
                let addr = self.index_addr(x, index, rep)?;
                Ok(Place::Mem {
                    ptr: addr.off,
                    off: 0,
                    rep,
                })
            }
            _ => Err(self.unsupported(e.start(), "this assignment target")),
        }
    }

    /// The current value of a place (a variable's own slot, or a load).
    fn read_place(&mut self, p: Place) -> Loc {
        match p {
            Place::Frame(l) => l,
            Place::FrameMem { off, rep } if rep.slot_is_mem() && off % 8 == 0 => Loc { off, rep },
            Place::FrameMem { off, rep } => {
                let a = self.alloc(INT);
                self.emit(Op::FrameAddr, a.off, off, rep.size());
                let t = self.alloc(rep);
                self.load(t, a.off, 0);
                t
            }
            Place::Mem { ptr, off, rep } => {
                let t = self.alloc(rep);
                self.load(t, ptr, off);
                t
            }
            Place::Map { area, meta, rep } => {
                let out = self.alloc(rep);
                let _ok = self.alloc(INT);
                self.emit(Op::MapLoad, out.off, area, meta);
                out
            }
            Place::Blank => self.alloc(Rep::Bool),
        }
    }

    /// The current value of a place, into `dst`: a load goes straight
    /// there.
    fn read_place_into(&mut self, p: Place, dst: Loc) {
        match p {
            Place::Mem { ptr, off, rep } if rep == dst.rep => self.load(dst, ptr, off),
            _ => {
                let v = self.read_place(p);
                self.mov(dst, v);
            }
        }
    }

    /// Records a compiler bug when a value of representation `src` is
    /// moved into a `dst` of another shape (an interface from a concrete
    /// value, or a different size): the body is refused at its end rather
    /// than run with mistyped memory.
    fn check_reps(&mut self, dst: Rep, src: Rep) {
        let iface = |r: Rep| matches!(r, Rep::Iface(_));
        if (dst.size() != src.size() || iface(dst) != iface(src)) && self.rep_bug.is_none() {
            self.rep_bug = Some(self.pos);
        }
    }

    fn store_place(&mut self, p: Place, src: Loc) {
        if let Some(r) = place_rep(p) {
            self.check_reps(r, src.rep);
        }
        match p {
            Place::Frame(l) => self.mov(l, src),
            Place::FrameMem { off, rep } if rep.slot_is_mem() && off % 8 == 0 => {
                self.mov(Loc { off, rep }, src)
            }
            Place::FrameMem { off, rep } => {
                let a = self.alloc(INT);
                self.emit(Op::FrameAddr, a.off, off, rep.size());
                self.store(a.off, 0, src);
            }
            Place::Mem { ptr, off, .. } => self.store(ptr, off, src),
            Place::Map { area, meta, .. } => {
                self.emit(Op::MapStore, area, src.off, meta);
            }
            Place::Blank => {}
        }
    }

    /// Writes key `k` of map type `mt` into the 16-byte key slot at `off`:
    /// the key itself, or for keys of other types a pointer to a copy and
    /// the key type's index.
    fn map_key_into(
        &mut self,
        mt: TypeId,
        k: &Expr,
        off: u32,
        kind: abi::MapKey,
        kr: Rep,
    ) -> Result<()> {
        if kind != abi::MapKey::Gen {
            self.claim(Loc { off, rep: kr });
            return self.expr_into(k, Loc { off, rep: kr });
        }
        let Type::Map { key, .. } = self.c.ty(self.c.world.prog.underlying(mt)).clone() else {
            return Err(self.unsupported(k.start(), "this map"));
        };
        // The key's frame form is its memory form (an aggregate, an
        // interface or a complex number): the runtime reads it in place.
        let rep = self.rep_of(key, k.start())?;
        let v = self.expr_as(k, rep)?;
        self.claim(Loc {
            off,
            rep: Rep::Ptr(key),
        });
        self.emit(Op::FrameAddr, off, v.off, v.rep.size());
        Ok(())
    }

    /// The place `m[k]`: the map and the key in a new area.
    fn map_place(&mut self, m: &Expr, k: &Expr) -> Result<Place> {
        let (_, mt) = self.tv(m)?;
        let (meta, kind, kr, vr) = self.map_meta(mt, m.start())?;
        let area = self.alloc(Rep::Slice(mt));
        let ml = Loc {
            off: area.off,
            rep: Rep::Map(mt),
        };
        self.claim(ml);
        self.expr_into(m, ml)?;
        self.map_key_into(mt, k, area.off + 8, kind, kr)?;
        Ok(Place::Map {
            area: area.off,
            meta,
            rep: vr,
        })
    }

    /// `dst` = a new closure object: function `id`, then the cell pointers.
    fn closure_object(&mut self, dst: Loc, id: u32, cells: &[Loc]) {
        if cells.is_empty() {
            let off = self.c.static_closure(id);
            self.emit(Op::Data, dst.off, off, 0);
            return;
        }
        // Word 0 is the function id, then one cell pointer per variable.
        let n = cells.len() as u32;
        let layout = Layout::with_ptrs(8 * (n + 1), &(1..=n).collect::<Vec<_>>());
        let obj = self.alloc(INT);
        self.emit_alloc(Op::New, obj.off, 0, 8 * (n + 1), Ok(layout));
        let idv = self.alloc(INT);
        self.const64(idv.off, id as u64);
        self.emit(Op::Store64, obj.off, idv.off, 0);
        for (k, cell) in cells.iter().enumerate() {
            self.emit(Op::StorePtr, obj.off, cell.off, 8 * (k as u32 + 1));
        }
        self.emit(Op::Mov, dst.off, obj.off, 0);
    }

    /// The local variables a function literal (spanning `from`..`to`)
    /// uses but does not declare, in first-use order.
    fn free_vars(&self, lit: &Expr, from: Pos, to: Pos) -> Vec<ObjId> {
        let mut out: Vec<ObjId> = Vec::new();
        let Expr::FuncLit { body, .. } = lit else {
            return out;
        };
        crate::walk::exprs(&body.stmts, &mut |e| {
            if let Expr::Name(n) = e
                && let Some(&o) = self.c.info.uses.get(&key(n))
                && matches!(
                    self.c.obj(o).kind,
                    types::ty::ObjKind::Var {
                        is_field: false,
                        ..
                    }
                )
                && !self.c.globals.contains_key(&o)
            {
                let p = self.c.obj(o).pos;
                let inside = (p.line, p.col) >= (from.line, from.col)
                    && (p.line, p.col) <= (to.line, to.col);
                if !inside && !out.contains(&o) {
                    out.push(o);
                }
            }
        });
        out
    }

    /// Declares variable `o` whose value is in `loc`: in place, or in a new
    /// heap cell when its address is taken.
    fn bind(&mut self, o: ObjId, loc: Loc) {
        if !self.boxed.contains(&o) {
            self.vars.insert(o, loc);
            return;
        }
        let cell = self.alloc(Rep::Ptr(self.oty(o)));
        self.emit_new(cell.off, loc.rep);
        self.store(cell.off, 0, loc);
        self.vars.insert(o, cell);
    }

    /// The variables of a body whose address is taken: operands of `&`
    /// (through fields and array elements) and receivers of pointer
    /// methods called on addressable values.
    fn address_taken(&self, stmts: &[Stmt]) -> std::collections::HashSet<ObjId> {
        let mut out = std::collections::HashSet::new();
        // Variables captured by function literals are shared with them.
        crate::walk::exprs(stmts, &mut |e| {
            if let Expr::FuncLit { body, pos, .. } = e {
                out.extend(self.free_vars(e, *pos, body.rbrace));
            }
        });
        // So are those the bodies of range-over-func loops use.
        crate::walk::stmts(stmts, &mut |s| {
            if let Some((lhs, def, body)) = self.range_func_loop(s) {
                let defined: std::collections::HashSet<ObjId> = if def {
                    lhs.map_or(Vec::new(), |l| l.list().iter().collect())
                        .into_iter()
                        .filter_map(|e| match e {
                            Expr::Name(n) => self.c.info.defs.get(&key(n)).copied(),
                            _ => None,
                        })
                        .collect()
                } else {
                    Default::default()
                };
                let assigned = if def { None } else { lhs };
                out.extend(self.body_free_vars(
                    &body.stmts,
                    assigned,
                    body.pos,
                    body.rbrace,
                    &defined,
                ));
            }
        });
        crate::walk::exprs(stmts, &mut |e| {
            let root = match e {
                Expr::Operation {
                    op: Operator::And,
                    x,
                    y: None,
                    ..
                } => self.root_var(x),
                // Slicing an array takes its address.
                Expr::Slice { x, .. }
                    if self.c.info.types.get(&key(&**x)).is_some_and(|tv| {
                        matches!(
                            self.c.ty(self.c.world.prog.underlying(self.sub(tv.ty))),
                            Type::Array { .. }
                        )
                    }) =>
                {
                    self.root_var(x)
                }
                // Calls and method values of pointer methods on
                // addressable operands.
                Expr::Selector { x, sel, .. } => {
                    let ptr_method = self.c.info.uses.get(&key(sel)).is_some_and(|&m| {
                        matches!(self.c.ty(self.oty(m)), Type::Signature(sig)
                            if sig.recv.is_some_and(|r| matches!(self.c.ty(self.oty(r)), Type::Pointer(_))))
                    });
                    if ptr_method { self.root_var(x) } else { None }
                }
                _ => None,
            };
            if let Some(o) = root {
                out.insert(o);
            }
        });
        out
    }

    /// The variable an addressable expression is part of (through struct
    /// fields and array elements, not through pointers or slices).
    fn root_var(&self, e: &Expr) -> Option<ObjId> {
        let ty_of = |x: &Expr| self.c.info.types.get(&key(x)).map(|tv| self.sub(tv.ty));
        match e.unparen() {
            Expr::Name(n) => self.obj_of(n),
            Expr::Selector { x, .. } | Expr::Index { x, .. } => {
                let t = self.c.world.prog.underlying(ty_of(x)?);
                match self.c.ty(t) {
                    Type::Struct { .. } | Type::Array { .. } => self.root_var(x),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// For an array (or pointer to array) operand: the array type, its
    /// element type and length.
    fn array_type(&self, x: &Expr) -> Result<Option<(TypeId, TypeId, i64, bool)>> {
        let (_, xt) = self.tv(x)?;
        let mut t = self.c.world.prog.underlying(xt);
        let mut ptr = false;
        if let Type::Pointer(b) = self.c.ty(t) {
            t = self.c.world.prog.underlying(*b);
            ptr = true;
        }
        Ok(match self.c.ty(t) {
            Type::Array { elem, len } => Some((t, *elem, *len, ptr)),
            _ => None,
        })
    }

    /// Panics with Go's nil dereference error if pointer slot `ptr` is
    /// nil (a one-byte load whose value is dropped).
    fn nil_check(&mut self, ptr: u32) {
        let probe = self.alloc(INT);
        self.emit(Op::Load8U, probe.off, ptr, 0);
    }

    /// Evaluates array operand `x` for its effects (its length is its
    /// type's): a dereference `*p` checks `p` for nil.
    fn eval_array_operand(&mut self, x: &Expr) -> Result<()> {
        match x.unparen() {
            Expr::Operation {
                op: Operator::Mul,
                x: p,
                y: None,
                ..
            } => {
                let p = self.expr(p)?;
                self.line(x.start());
                self.nil_check(p.off);
            }
            a => {
                self.expr(a)?;
            }
        }
        Ok(())
    }

    /// Whether `e` has function calls or receives, which make `len` of an
    /// array operand non-constant (spec: Length and capacity).
    fn has_calls(&self, e: &Expr) -> bool {
        let mut any = false;
        crate::walk::expr(e, &mut |x| {
            any |= match x {
                Expr::Call { .. } => !matches!(
                    self.c.info.types.get(&key(x)).map(|tv| &tv.mode),
                    Some(Mode::Constant(_))
                ),
                Expr::Operation {
                    op: Operator::Recv,
                    y: None,
                    ..
                } => true,
                _ => false,
            };
        });
        any
    }

    /// The length of array type `t`, if it is one.
    fn array_len(&self, t: TypeId) -> Option<u32> {
        match self.c.ty(self.c.world.prog.underlying(t)) {
            Type::Array { len, .. } => u32::try_from(*len).ok(),
            _ => None,
        }
    }

    /// The place of element `index` of array `x` (or of the array `x`
    /// points to), bounds checked.
    fn elem_place(&mut self, x: &Expr, index: &Expr) -> Result<Place> {
        let Some((_, et, len, through_ptr)) = self.array_type(x)? else {
            return Err(self.unsupported(x.start(), "indexing of this type"));
        };
        let rep = self.rep_of(et, index.start())?;
        let esize = rep.mem_size();
        // The array: an addressable place, or a value computed into the frame.
        let base = if through_ptr {
            let p = self.expr(x)?;
            Place::Mem {
                ptr: p.off,
                off: 0,
                rep,
            }
        } else {
            match x.unparen() {
                Expr::Name(_) | Expr::Selector { .. } | Expr::Index { .. } => self.place(x)?,
                _ => {
                    let v = self.expr(x)?;
                    Place::FrameMem {
                        off: v.off,
                        rep: v.rep,
                    }
                }
            }
        };
        // A map element is not addressable: its value, in the frame.
        let base = match base {
            Place::Map { .. } => {
                let v = self.read_place(base);
                Place::FrameMem {
                    off: v.off,
                    rep: v.rep,
                }
            }
            b => b,
        };
        // A constant index was checked by the type checker: a fixed offset.
        if let (Mode::Constant(c), _) = self.tv(index)?
            && let Some(k) = c.to_int().to_i64()
        {
            let d = k as u32 * esize;
            return Ok(match base {
                Place::Frame(l) => Place::FrameMem {
                    off: l.off + d,
                    rep,
                },
                Place::FrameMem { off, .. } => Place::FrameMem { off: off + d, rep },
                Place::Mem { ptr, off, .. } => Place::Mem {
                    ptr,
                    off: off + d,
                    rep,
                },
                Place::Blank | Place::Map { .. } => Place::Blank,
            });
        }
        // Otherwise a (pointer, length) header for the indexing instruction.
        let hdr = self.alloc(Rep::Str);
        match base {
            Place::Frame(l) => {
                self.emit(Op::FrameAddr, hdr.off, l.off, l.rep.size());
            }
            Place::FrameMem { off, rep } => {
                self.emit(Op::FrameAddr, hdr.off, off, rep.size());
            }
            Place::Mem { ptr, off, .. } => {
                if through_ptr {
                    // A nil array pointer panics on indexing.
                    self.nil_check(ptr);
                }
                self.emit(Op::AddI, hdr.off, ptr, off);
            }
            Place::Blank | Place::Map { .. } => return Ok(Place::Blank),
        }
        self.const64(hdr.off + 8, len as u64);
        let iv = self.expr(index)?;
        let addr = self.alloc(INT);
        self.line(index.start());
        self.index_into(
            addr,
            Loc {
                off: hdr.off,
                rep: Rep::Str,
            },
            iv,
            rep,
        );
        Ok(Place::Mem {
            ptr: addr.off,
            off: 0,
            rep,
        })
    }

    /// The place of a field selection `x.sel`.
    fn field_place(&mut self, x: &Expr, sel: &ast::Name) -> Result<Place> {
        // A variable of another package rgo provides (`Compiler::globals`).
        if let Some(&o) = self.c.info.uses.get(&key(sel))
            && let Some((p, t)) = self.global_addr(o)
        {
            let rep = self.rep_of(t, sel.pos)?;
            return Ok(Place::Mem {
                ptr: p.off,
                off: 0,
                rep,
            });
        }
        let (_, xt) = self.tv(x)?;
        let Some(&target) = self.c.info.uses.get(&key(sel)) else {
            return Err(self.unsupported(sel.pos, "this selector"));
        };
        let (st, mut base) = if let Rep::Ptr(st) = self.rep_of(xt, x.start())? {
            let p = self.expr(x)?;
            let rep = self.rep_of(st, x.start())?;
            (
                st,
                Place::Mem {
                    ptr: p.off,
                    off: 0,
                    rep,
                },
            )
        } else {
            // The struct itself: addressable places keep their kind; other
            // values are computed into the frame.
            let base = match x.unparen() {
                Expr::Name(_) | Expr::Selector { .. } | Expr::Index { .. } => self.place(x)?,
                Expr::Operation {
                    op: Operator::Mul,
                    y: None,
                    ..
                } => self.place(x)?,
                _ => {
                    let v = self.expr(x)?;
                    Place::FrameMem {
                        off: v.off,
                        rep: v.rep,
                    }
                }
            };
            (xt, base)
        };
        // Through embedded fields (following embedded pointers) to the
        // field the selector denotes.
        let Some(path) = self.field_path(st, target, &mut Vec::new()) else {
            return Err(self.unsupported(sel.pos, "this selector"));
        };
        for (k, &(off, ft)) in path.iter().enumerate() {
            let rep = self.rep_of(ft, sel.pos)?;
            base = self.offset_place(base, off, rep);
            if k + 1 < path.len()
                && let Rep::Ptr(inner) = rep
            {
                let p = self.read_place(base);
                let irep = self.rep_of(inner, sel.pos)?;
                base = Place::Mem {
                    ptr: p.off,
                    off: 0,
                    rep: irep,
                };
            }
        }
        Ok(base)
    }

    /// The receiver of a method promoted from an embedded field: the
    /// embedded value reached from `x`, or its address.
    fn promoted_receiver(
        &mut self,
        x: &Expr,
        xt: TypeId,
        want: TypeId,
        want_ptr: bool,
        dst: Loc,
    ) -> Result<()> {
        let Some(path) = self.embedded_path(xt, want, &mut Vec::new()) else {
            return Err(self.unsupported(x.start(), "this promoted method"));
        };
        let mut base = if let Rep::Ptr(st) = self.rep_of(xt, x.start())? {
            let p = self.expr(x)?;
            let rep = self.rep_of(st, x.start())?;
            Place::Mem {
                ptr: p.off,
                off: 0,
                rep,
            }
        } else {
            match x.unparen() {
                Expr::Name(_) | Expr::Selector { .. } | Expr::Index { .. } => self.place(x)?,
                _ => {
                    let v = self.expr(x)?;
                    Place::FrameMem {
                        off: v.off,
                        rep: v.rep,
                    }
                }
            }
        };
        let mut embedded_ptr = false;
        for (k, &(off, ft)) in path.iter().enumerate() {
            let rep = self.rep_of(ft, x.start())?;
            base = self.offset_place(base, off, rep);
            embedded_ptr = matches!(rep, Rep::Ptr(_));
            if k + 1 < path.len()
                && let Rep::Ptr(inner) = rep
            {
                let p = self.read_place(base);
                let irep = self.rep_of(inner, x.start())?;
                base = Place::Mem {
                    ptr: p.off,
                    off: 0,
                    rep: irep,
                };
            }
        }
        match (want_ptr, embedded_ptr) {
            // The embedded *T is the receiver, or holds it.
            (true, true) => {
                let p = self.read_place(base);
                self.mov(dst, p);
            }
            (false, true) => {
                let p = self.read_place(base);
                self.load(dst, p.off, 0);
            }
            (false, false) => {
                let v = self.read_place(base);
                self.mov(dst, v);
            }
            (true, false) => match base {
                Place::Mem { ptr, off, .. } => {
                    self.emit(Op::AddI, dst.off, ptr, off);
                }
                _ => return Err(self.unsupported(x.start(), "the address of a local variable")),
            },
        }
        Ok(())
    }

    /// The path to the embedded field of type `want` (or `*want`) in the
    /// struct `st` (or the struct it points to), shallowest first.
    fn embedded_path(
        &self,
        st: TypeId,
        want: TypeId,
        seen: &mut Vec<TypeId>,
    ) -> Option<Vec<(u32, TypeId)>> {
        self.path_to(
            st,
            &|b: &Self, f: ObjId| {
                let ft = b.oty(f);
                let fb = match b.c.ty(ft) {
                    Type::Pointer(p) => *p,
                    _ => ft,
                };
                matches!(
                    b.c.obj(f).kind,
                    types::ty::ObjKind::Var { embedded: true, .. }
                ) && b.c.world.prog.identical(fb, want)
            },
            seen,
        )
    }

    /// The embedding path from struct type `st` (or the struct a pointer
    /// type points to) to field object `target`: each step's offset and
    /// field type.
    fn field_path(
        &self,
        st: TypeId,
        target: ObjId,
        seen: &mut Vec<TypeId>,
    ) -> Option<Vec<(u32, TypeId)>> {
        // By object, or by name: an instance's fields are the generic
        // type's fields substituted (new objects of the same names).
        let tname = self.c.obj(target).name.clone();
        self.path_to(
            st,
            &|b: &Self, f: ObjId| f == target || b.c.obj(f).name == tname,
            seen,
        )
    }

    /// The shallowest path (Go's rule; the checker made it unambiguous)
    /// through embedded fields from struct type `st` (or the struct a
    /// pointer type points to) to a field for which `is_target` holds:
    /// each step's offset and field type.
    fn path_to(
        &self,
        st: TypeId,
        is_target: &dyn Fn(&Self, ObjId) -> bool,
        seen: &mut Vec<TypeId>,
    ) -> Option<Vec<(u32, TypeId)>> {
        let mut u = self.c.world.prog.underlying(st);
        if let Type::Pointer(b) = self.c.ty(u) {
            u = self.c.world.prog.underlying(*b);
        }
        if seen.contains(&u) {
            return None;
        }
        seen.push(u);
        let Type::Struct { fields, .. } = self.c.ty(u).clone() else {
            return None;
        };
        let offs = self.c.world.prog.offsets_of(&fields);
        if let Some(i) = fields.iter().position(|&f| is_target(self, f)) {
            return Some(vec![(offs[i] as u32, self.oty(fields[i]))]);
        }
        let mut best: Option<Vec<(u32, TypeId)>> = None;
        for (i, &f) in fields.iter().enumerate() {
            if !matches!(
                self.c.obj(f).kind,
                types::ty::ObjKind::Var { embedded: true, .. }
            ) {
                continue;
            }
            let ft = self.oty(f);
            if let Some(rest) = self.path_to(ft, is_target, &mut seen.clone())
                && best.as_ref().is_none_or(|b| rest.len() + 1 < b.len())
            {
                let mut p = vec![(offs[i] as u32, ft)];
                p.extend(rest);
                best = Some(p);
            }
        }
        best
    }

    /// `base` moved `off` bytes further, now holding a value of `rep`.
    fn offset_place(&mut self, base: Place, off: u32, rep: Rep) -> Place {
        match base {
            Place::Frame(l) => Place::FrameMem {
                off: l.off + off,
                rep,
            },
            Place::FrameMem { off: o, .. } => Place::FrameMem { off: o + off, rep },
            Place::Mem { ptr, off: o, .. } => Place::Mem {
                ptr,
                off: o + off,
                rep,
            },
            // A map element is not addressable: read it, then the field.
            Place::Map { .. } => {
                let v = self.read_place(base);
                Place::FrameMem {
                    off: v.off + off,
                    rep,
                }
            }
            Place::Blank => Place::Blank,
        }
    }

    /// `place = e`.
    fn assign_place(&mut self, p: Place, e: &Expr) -> Result<()> {
        match p {
            Place::Frame(l) => self.expr_into(e, l),
            Place::Blank => self.expr(e).map(|_| ()),
            Place::Mem { rep, .. } | Place::FrameMem { rep, .. } | Place::Map { rep, .. } => {
                let v = self.expr_as(e, rep)?;
                self.store_place(p, v);
                Ok(())
            }
        }
    }

    /// Most bytes of one element the slice instructions take.
    const MAX_ELEM: u32 = 1 << 24;

    /// `addr = &s[i]` for elements of representation `elem`, bounds checked.
    fn index_into(&mut self, addr: Loc, s: Loc, i: Loc, elem: Rep) {
        let op = match elem.mem_size() {
            1 => Op::Index1,
            2 => Op::Index2,
            4 => Op::Index4,
            8 => Op::Index8,
            16 => Op::Index16,
            n => {
                self.const64(addr.off, n as u64);
                Op::IndexN
            }
        };
        self.emit(op, addr.off, s.off, i.off);
    }

    /// The address of element `index` of slice (or string) `x`, bounds
    /// checked.
    fn index_addr(&mut self, x: &Expr, index: &Expr, elem: Rep) -> Result<Loc> {
        let xv = self.expr(x)?;
        let iv = self.expr(index)?;
        let addr = self.alloc(INT);
        self.line(index.start());
        self.index_into(addr, xv, iv, elem);
        Ok(addr)
    }

    /// Compiles `e` into `dst`.
    fn expr_into(&mut self, e: &Expr, dst: Loc) -> Result<()> {
        if let Some(&l) = self.pre.get(&key(e)) {
            self.mov(dst, l);
            return Ok(());
        }
        let (mode, t) = self.tv(e)?;
        if let Rep::Iface(it) = dst.rep
            && mode != Mode::Nil
            && self.c.world.prog.basic_kind(t) != Some(BasicKind::UntypedNil)
        {
            // An implicit conversion to an interface.
            let t = default_type(t);
            let r = self.rep_of(t, e.start())?;
            let same = matches!(r, Rep::Iface(st) if self.c.world.prog.identical(st, it));
            if !same {
                let v = self.alloc(r);
                self.expr_into(e, v)?;
                return self.convert_iface(v, t, dst);
            }
        }
        if let Mode::Constant(v) = &mode {
            return self.constant(v, t, dst, e.start());
        }
        if mode == Mode::Nil || self.c.world.prog.basic_kind(t) == Some(BasicKind::UntypedNil) {
            self.emit(Op::Zero, dst.off, 0, dst.rep.size());
            return Ok(());
        }
        match e {
            Expr::Paren { x, .. } => self.expr_into(x, dst),
            Expr::Assert { x, typ, .. } => {
                let (_, t) = self.tv(typ)?;
                let xv = self.expr(x)?;
                self.line(e.start());
                if self.is_iface_type(t) {
                    self.assert_iface(xv, t, dst, false)
                } else {
                    self.assert_concrete(xv, t, dst, None)
                }
            }
            Expr::Name(n) => {
                let Some(o) = self.obj_of(n) else {
                    return Err(self.unsupported(n.pos, "this name"));
                };
                // A variable in memory (a cell, a global) loads at its
                // own width: `dst` may be a wider integer (an index).
                let own = |b: &mut Self| -> Result<Loc> {
                    let rep = b.rep_of(b.oty(o), n.pos)?;
                    Ok(if rep == dst.rep { dst } else { b.alloc(rep) })
                };
                if let Some(&src) = self.vars.get(&o) {
                    if self.boxed.contains(&o) {
                        let v = own(self)?;
                        self.load(v, src.off, 0);
                        self.mov(dst, v);
                    } else {
                        self.mov(dst, src);
                    }
                    return Ok(());
                }
                if self.c.funcs.contains_key(&o) || self.c.generic.contains(&o) {
                    // A function as a value: a closure object without
                    // captured variables (an instance for a generic one).
                    let Some((id, _)) = self.func_callee(o, e)? else {
                        return Err(self.unsupported(n.pos, "this function value"));
                    };
                    self.closure_object(dst, id, &[]);
                    return Ok(());
                }
                match self.global_addr(o) {
                    Some((p, _)) => {
                        let v = own(self)?;
                        self.load(v, p.off, 0);
                        self.mov(dst, v);
                        Ok(())
                    }
                    None => Err(self.unsupported(n.pos, "this name")),
                }
            }
            Expr::FuncLit { typ, body, pos } => {
                let captured = self.free_vars(e, *pos, body.rbrace);
                self.closures += 1;
                let name = if self.name.contains(".func") {
                    format!("{}.{}", self.name, self.closures)
                } else {
                    format!("{}.func{}", self.name, self.closures)
                };
                // The signature as recorded: its parameters are the objects
                // the body uses (an instance maps their types).
                let raw = self.c.info.types.get(&key(e)).map_or(t, |tv| tv.ty);
                let Type::Signature(sig) = self.c.ty(raw).clone() else {
                    return Err(self.unsupported(*pos, "this function literal"));
                };
                let id = self.c.program.funcs.len() as u32;
                self.c.program.funcs.push(FuncInfo::default());
                let file = self.file;
                let inst = (self.tsubst.clone(), self.smap.clone());
                let fi = compile_body(self.c, file, name, *pos, &sig, typ, body, &captured, inst)?;
                self.c.program.funcs[id as usize] = fi;
                let cells: Vec<Loc> = captured
                    .iter()
                    .map(|o| self.vars.get(o).copied())
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| self.unsupported(*pos, "this capture"))?;
                self.closure_object(dst, id, &cells);
                Ok(())
            }
            Expr::CompositeLit { elems, .. } => self.composite_lit(e, elems, t, dst),
            Expr::Selector { sel, .. }
                if self.c.info.uses.get(&key(sel)).is_some_and(|&o| {
                    let ob = self.c.obj(o);
                    ob.name == "Args"
                        && ob
                            .pkg
                            .is_some_and(|p| self.c.world.prog.pkg(p).path == "os")
                }) =>
            {
                let v = self.alloc(dst.rep);
                // A slice of strings: its elements' shape.
                let string = Layout::with_ptrs(16, &[0]);
                self.emit_alloc(Op::OsArgs, v.off, 0, 0, Ok(string));
                self.mov(dst, v);
                Ok(())
            }
            Expr::Selector { x, sel, .. } => {
                let is_field = self.c.info.uses.get(&key(sel)).is_some_and(|&o| {
                    matches!(
                        self.c.obj(o).kind,
                        types::ty::ObjKind::Var { is_field: true, .. }
                    )
                });
                if !is_field
                    && let Some(&o) = self.c.info.uses.get(&key(sel))
                    && self.c.globals.contains_key(&o)
                {
                    // A variable of another package rgo provides.
                    let p = self.field_place(x, sel)?;
                    self.read_place_into(p, dst);
                    return Ok(());
                }
                if !is_field {
                    let m = self.c.info.uses.get(&key(sel)).copied();
                    if let Some(m) = m
                        && matches!(self.c.obj(m).kind, types::ty::ObjKind::Func)
                    {
                        if let (Mode::TypExpr, xt) = self.tv(x)? {
                            return self.method_expr_value(xt, m, dst, e.start());
                        }
                        return self.method_value(x, m, dst);
                    }
                    return Err(self.unsupported(e.start(), "this selector"));
                }
                let p = self.field_place(x, sel)?;
                self.read_place_into(p, dst);
                Ok(())
            }
            Expr::Operation {
                op: Operator::Mul,
                y: None,
                ..
            } => {
                let p = self.place(e)?;
                self.read_place_into(p, dst);
                Ok(())
            }
            Expr::Operation {
                op: Operator::And,
                x,
                y: None,
                ..
            } => self.address_of(x, dst),
            Expr::Slice { x, index, full, .. } => {
                let (_, xt) = self.tv(x)?;
                let mut xrep = self.rep_of(xt, x.start())?;
                // An array (or pointer to one) is sliced through a header
                // for its whole length.
                let mut header = None;
                if let Some((_, et, len, through_ptr)) = self.array_type(x)? {
                    let hdr = self.alloc(Rep::Slice(et));
                    if through_ptr {
                        let p = self.expr(x)?;
                        self.nil_check(p.off);
                        self.emit(Op::Mov, hdr.off, p.off, 0);
                    } else {
                        match self.place(x)? {
                            Place::Mem { ptr, off, .. } => {
                                self.emit(Op::AddI, hdr.off, ptr, off);
                            }
                            _ => return Err(self.unsupported(e.start(), "slicing this array")),
                        }
                    }
                    self.const64(hdr.off + 8, len as u64);
                    self.const64(hdr.off + 16, len as u64);
                    xrep = Rep::Slice(et);
                    header = Some(hdr);
                }
                let (size, is_str) = match xrep {
                    Rep::Slice(et) => (self.rep_of(et, x.start())?.mem_size(), false),
                    Rep::Str => (1, true),
                    _ => return Err(self.unsupported(e.start(), "slicing this type")),
                };
                // Operand and result take 24 bytes even for strings (the
                // instruction's slots are verified at that size).
                let xv = if let Some(h) = header {
                    h
                } else if is_str {
                    let v = self.expr(x)?;
                    let wide = self.alloc(Rep::Slice(xt));
                    self.mov(
                        Loc {
                            off: wide.off,
                            rep: xrep,
                        },
                        v,
                    );
                    wide
                } else {
                    self.expr(x)?
                };
                let area = self.alloc(Rep::Slice(xt));
                let _size_word = self.alloc(INT);
                let word = |k: u32| Loc {
                    off: area.off + 8 * k,
                    rep: INT,
                };
                match &index[0] {
                    Some(lo) => self.expr_into(lo, word(0))?,
                    None => self.const64(area.off, 0),
                }
                match &index[1] {
                    Some(hi) => self.expr_into(hi, word(1))?,
                    None => {
                        self.emit(Op::Mov, area.off + 8, xv.off + 8, 0);
                    }
                }
                match &index[2] {
                    Some(m) => self.expr_into(m, word(2))?,
                    None => self.const64(area.off + 16, 0),
                }
                let flags = u64::from(is_str) | u64::from(*full) << 1;
                self.const64(area.off + 24, size as u64 | flags << 32);
                self.line(e.start());
                let out = self.alloc(Rep::Slice(xt));
                self.emit(Op::Reslice, out.off, xv.off, area.off);
                self.mov(
                    dst,
                    Loc {
                        off: out.off,
                        rep: xrep,
                    },
                );
                Ok(())
            }
            Expr::Index { x, index, .. }
                if matches!(self.rep_of(self.tv(x)?.1, x.start())?, Rep::Map(_)) =>
            {
                let p = self.map_place(x, index)?;
                let v = self.read_place(p);
                self.mov(dst, v);
                Ok(())
            }
            Expr::Index { x, .. } if matches!(x.unparen(), Expr::Name(n) if self.obj_of(n).is_some_and(|o| self.c.generic.contains(&o))) =>
            {
                // An explicitly instantiated generic function as a value.
                let Expr::Name(n) = x.unparen() else {
                    return Err(self.unsupported(e.start(), "this instantiation"));
                };
                let o = self.obj_of(n).expect("checked above");
                let Some((id, _)) = self.func_callee(o, e)? else {
                    return Err(self.unsupported(e.start(), "this instantiation"));
                };
                self.closure_object(dst, id, &[]);
                Ok(())
            }
            Expr::Index { x, index, .. } if self.array_type(x)?.is_some() => {
                let p = self.elem_place(x, index)?;
                self.read_place_into(p, dst);
                Ok(())
            }
            Expr::Index { x, index, .. } => {
                let (_, xt) = self.tv(x)?;
                let elem = match self.rep_of(xt, x.start())? {
                    Rep::Slice(et) => self.rep_of(et, e.start())?,
                    Rep::Str => Rep::Int {
                        signed: false,
                        bits: 8,
                    },
                    _ => return Err(self.unsupported(e.start(), "indexing of this type")),
                };
                if dst.rep == elem && matches!(elem.size(), 8) && elem.mem_size() == 8 {
                    // One bounds-checked load.
                    let xv = self.expr(x)?;
                    let iv = self.expr(index)?;
                    self.line(index.start());
                    self.emit(Op::LoadIdx8, dst.off, xv.off, iv.off);
                    return Ok(());
                }
                let addr = self.index_addr(x, index, elem)?;
                self.load(dst, addr.off, 0);
                Ok(())
            }
            Expr::Operation {
                op,
                x,
                y: Some(y),
                pos,
            } => self.binary(*op, x, y, dst, *pos),
            Expr::Operation {
                op,
                x,
                y: None,
                pos,
                ..
            } => self.unary(*op, x, dst, *pos),
            Expr::Call { .. } => {
                let r = self.call_expr(e, Some(dst))?;
                match r {
                    Some(_) => Ok(()),
                    None => Err(self.unsupported(e.start(), "a call without a value")),
                }
            }
            _ => Err(self.unsupported(e.start(), "this expression")),
        }
    }

    /// `dst = &x`: heap literals, slice elements and fields reached
    /// through pointers. (Addresses of variables need escape analysis.)
    fn address_of(&mut self, x: &Expr, dst: Loc) -> Result<()> {
        match x.unparen() {
            // &*p is p, checked for nil.
            Expr::Operation {
                op: Operator::Mul,
                x: p,
                y: None,
                ..
            } => {
                let v = self.expr(p)?;
                self.line(x.start());
                self.nil_check(v.off);
                self.emit(Op::Mov, dst.off, v.off, 0);
                Ok(())
            }
            Expr::CompositeLit { elems, .. } => {
                let (_, t) = self.tv(x)?;
                let rep = self.rep_of(t, x.start())?;
                let v = self.alloc(rep);
                self.composite_lit(x, elems, t, v)?;
                self.emit_new(dst.off, rep);
                self.store(dst.off, 0, v);
                Ok(())
            }
            e @ (Expr::Index { .. } | Expr::Selector { .. } | Expr::Name(_)) => {
                match self.place(e)? {
                    Place::Mem { ptr, off, .. } => {
                        if matches!(e, Expr::Selector { .. }) {
                            // &p.f panics when p is nil.
                            self.nil_check(ptr);
                        }
                        self.emit(Op::AddI, dst.off, ptr, off);
                        Ok(())
                    }
                    _ => Err(self.unsupported(x.start(), "the address of a local variable")),
                }
            }
            _ => Err(self.unsupported(x.start(), "the address of a local variable")),
        }
    }

    /// Composite literal `e` of type `t` into `dst`. A literal whose type
    /// was elided inside another (`[]*T{{…}}`) has a pointer type: the
    /// value is built in a new heap object (`&T{…}`).
    fn composite_lit(&mut self, e: &Expr, elems: &[Expr], t: TypeId, dst: Loc) -> Result<()> {
        let u = self.c.world.prog.underlying(t);
        if let Type::Pointer(base) = self.c.ty(u) {
            let base = *base;
            let rep = self.rep_of(base, e.start())?;
            let v = self.alloc(rep);
            self.composite_lit(e, elems, base, v)?;
            self.emit_new(dst.off, rep);
            self.store(dst.off, 0, v);
            return Ok(());
        }
        match self.rep_of(t, e.start())? {
            Rep::Map(_) => {
                let (meta, kind, kr, vr) = self.map_meta(t, e.start())?;
                let m = self.alloc(Rep::Map(t));
                // gc sizes a literal's map by its entry count.
                let hint = if elems.len() > 8 {
                    let h = self.alloc(INT);
                    self.const64(h.off, elems.len() as u64);
                    h.off
                } else {
                    0
                };
                self.emit(Op::MakeMap, m.off, hint, meta);
                let area = self.alloc(Rep::Slice(t));
                let ml = Loc {
                    off: area.off,
                    rep: Rep::Map(t),
                };
                // The area holds the map, then the key (`map_key_into`).
                self.claim(ml);
                self.mov(ml, m);
                for el in elems {
                    let Expr::KeyValue { key, value, .. } = el else {
                        return Err(self.unsupported(el.start(), "this map literal"));
                    };
                    self.map_key_into(t, key, area.off + 8, kind, kr)?;
                    let v = self.alloc(vr);
                    self.expr_into(value, v)?;
                    self.emit(Op::MapStore, area.off, v.off, meta);
                }
                self.mov(dst, m);
                Ok(())
            }
            Rep::Struct { .. } if matches!(self.c.ty(u), Type::Array { .. }) => {
                let Type::Array { elem, .. } = self.c.ty(u).clone() else {
                    return Err(self.unsupported(e.start(), "this literal"));
                };
                let er = self.rep_of(elem, e.start())?;
                let v = self.alloc(dst.rep);
                self.emit(Op::Zero, v.off, 0, v.rep.size());
                for (k, val) in self.indexed_elems(elems)? {
                    let ev = self.alloc(er);
                    self.expr_into(val, ev)?;
                    let place = Place::FrameMem {
                        off: v.off + k * er.mem_size(),
                        rep: er,
                    };
                    self.store_place(place, ev);
                }
                self.mov(dst, v);
                Ok(())
            }
            Rep::Struct { .. } => {
                let v = self.alloc(dst.rep);
                self.emit(Op::Zero, v.off, 0, v.rep.size());
                let Type::Struct { fields, .. } = self.c.ty(u).clone() else {
                    return Err(self.unsupported(e.start(), "this literal"));
                };
                let offs = self.c.world.prog.offsets_of(&fields);
                for (k, el) in elems.iter().enumerate() {
                    let (i, val) = match el {
                        Expr::KeyValue { key, value, .. } => {
                            let Expr::Name(n) = &**key else {
                                return Err(self.unsupported(el.start(), "this field key"));
                            };
                            let Some(i) =
                                fields.iter().position(|&f| self.c.obj(f).name == n.value)
                            else {
                                return Err(self.unsupported(el.start(), "this field key"));
                            };
                            (i, &**value)
                        }
                        _ => (k, el),
                    };
                    let rep = self.rep_of(self.oty(fields[i]), el.start())?;
                    let fv = self.alloc(rep);
                    self.expr_into(val, fv)?;
                    let place = Place::FrameMem {
                        off: v.off + offs[i] as u32,
                        rep,
                    };
                    self.store_place(place, fv);
                }
                self.mov(dst, v);
                Ok(())
            }
            Rep::Slice(et) => {
                let er = self.rep_of(et, e.start())?;
                let elems = self.indexed_elems(elems)?;
                let len = elems.iter().map(|&(k, _)| k as u64 + 1).max().unwrap_or(0);
                let pair = self.alloc(Rep::Str);
                self.const64(pair.off, len);
                self.const64(pair.off + 8, len);
                // Into a temporary: the elements may refer to `dst`.
                let sv = self.alloc(Rep::Slice(et));
                self.line(e.start());
                self.emit_slice_alloc(Op::MakeSlice, sv.off, pair.off, er);
                let (idx, addr) = (self.alloc(INT), self.alloc(INT));
                for (k, el) in elems {
                    let v = self.alloc(er);
                    self.expr_into(el, v)?;
                    self.const64(idx.off, k as u64);
                    self.index_into(addr, sv, idx, er);
                    self.store(addr.off, 0, v);
                }
                self.mov(dst, sv);
                Ok(())
            }
            _ => Err(self.unsupported(e.start(), "composite literals of this type")),
        }
    }

    /// The elements of an array or slice literal with their indices: a
    /// constant key sets the index, and each element without one follows
    /// the previous.
    fn indexed_elems<'e>(&self, elems: &'e [Expr]) -> Result<Vec<(u32, &'e Expr)>> {
        let mut out = Vec::with_capacity(elems.len());
        let mut k: u32 = 0;
        for el in elems {
            let val = match el {
                Expr::KeyValue { key, value, .. } => {
                    let (Mode::Constant(c), _) = self.tv(key)? else {
                        return Err(self.unsupported(el.start(), "this index key"));
                    };
                    k = c.to_int().to_i64().unwrap_or(0) as u32;
                    &**value
                }
                _ => el,
            };
            out.push((k, val));
            k += 1;
        }
        Ok(out)
    }

    /// A constant of type `t` into `dst`.
    fn constant(&mut self, v: &Value, t: TypeId, dst: Loc, pos: Pos) -> Result<()> {
        let rep = self.rep_of(t, pos)?;
        match rep {
            Rep::Slice(_)
            | Rep::Struct { .. }
            | Rep::Ptr(_)
            | Rep::Map(_)
            | Rep::Chan(_)
            | Rep::Func(_)
            | Rep::Iface(_) => {
                return Err(self.unsupported(pos, "this constant"));
            }
            Rep::Str => {
                let s = v.as_bytes().unwrap_or_default().to_vec();
                if s.is_empty() {
                    // "" has no data (a nil pointer, as in gc).
                    self.emit(Op::Zero, dst.off, 0, 16);
                    return Ok(());
                }
                let off = self.c.string_data(&s);
                self.emit(Op::Data, dst.off, off, 0);
                self.const64(dst.off + 8, s.len() as u64);
            }
            Rep::Bool => {
                let b = v.as_bool().unwrap_or(false);
                self.const64(dst.off, b as u64);
            }
            Rep::Int { signed, .. } => {
                let iv = v.to_int();
                let bits = if signed {
                    iv.to_i64().map(|x| x as u64)
                } else {
                    iv.to_u64()
                };
                self.const64(dst.off, bits.unwrap_or(0));
            }
            Rep::F64 => {
                let (f, _) = v.to_f64();
                self.const64(dst.off, f.to_bits());
            }
            Rep::F32 => {
                let (f, _) = v.to_f32();
                self.const64(dst.off, f.to_bits() as u64);
            }
            Rep::C128 => {
                let (re, _) = v.real().to_f64();
                let (im, _) = v.imag().to_f64();
                self.const64(dst.off, re.to_bits());
                self.const64(dst.off + 8, im.to_bits());
            }
            Rep::C64 => {
                let (re, _) = v.real().to_f32();
                let (im, _) = v.imag().to_f32();
                self.const64(dst.off, re.to_bits() as u64 | (im.to_bits() as u64) << 32);
            }
        }
        Ok(())
    }

    fn const64(&mut self, off: u32, bits: u64) {
        self.emit(Op::Const, off, bits as u32, (bits >> 32) as u32);
    }

    /// A constant in a new temporary.
    fn constant_loc(&mut self, v: &Value, rep: Rep, pos: Pos) -> Result<Loc> {
        let loc = self.alloc(rep);
        let t = match rep {
            Rep::Int { signed, bits } => basic_for_int(signed, bits),
            Rep::F64 => TypeId::basic(BasicKind::Float64),
            Rep::F32 => TypeId::basic(BasicKind::Float32),
            Rep::Bool => TypeId::basic(BasicKind::Bool),
            Rep::Str => TypeId::basic(BasicKind::String),
            Rep::C128 => TypeId::basic(BasicKind::Complex128),
            Rep::C64 => TypeId::basic(BasicKind::Complex64),
            Rep::Slice(_)
            | Rep::Struct { .. }
            | Rep::Ptr(_)
            | Rep::Map(_)
            | Rep::Chan(_)
            | Rep::Func(_)
            | Rep::Iface(_) => {
                return Err(self.unsupported(pos, "this constant"));
            }
        };
        self.constant(v, t, loc, pos)?;
        Ok(loc)
    }

    fn binary(&mut self, op: Operator, x: &Expr, y: &Expr, dst: Loc, pos: Pos) -> Result<()> {
        match op {
            Operator::AndAnd | Operator::OrOr => {
                // dst = x; if dst (is false | is true) skip y; dst = y.
                self.expr_into(x, dst)?;
                let skip = match op {
                    Operator::AndAnd => self.emit(Op::JmpIfNot, dst.off, 0, 0),
                    _ => self.emit(Op::JmpIf, dst.off, 0, 0),
                };
                self.expr_into(y, dst)?;
                self.patch_here(skip);
                return Ok(());
            }
            Operator::Eql
            | Operator::Neq
            | Operator::Lss
            | Operator::Leq
            | Operator::Gtr
            | Operator::Geq => {
                let (xt, yt) = (self.tv(x)?.1, self.tv(y)?.1);
                if self.is_iface_type(xt) || self.is_iface_type(yt) {
                    return self.iface_compare(op, x, y, dst);
                }
                let xv = self.expr(x)?;
                let yv = self.expr(y)?;
                return self.compare(op, dst, xv, yv, pos);
            }
            Operator::Shl | Operator::Shr => {
                let xv = self.expr(x)?;
                let (_, yt) = self.tv(y)?;
                let yrep = self.rep_of(yt, y.start())?;
                let yv = self.expr(y)?;
                return self
                    .shift(op, dst, xv, yv, yrep, Some(dst), pos)
                    .map(|_| ());
            }
            _ => {}
        }
        // s1 + s2 + … + sn: one allocation.
        if op == Operator::Add && dst.rep == Rep::Str {
            let mut parts = Vec::new();
            flatten_concat(self, x, &mut parts);
            flatten_concat(self, y, &mut parts);
            if parts.len() > 2 {
                let area = self.top;
                self.top += 16 * parts.len() as u32;
                self.max = self.max.max(self.top);
                for k in 0..parts.len() as u32 {
                    self.claim(Loc {
                        off: area + 16 * k,
                        rep: Rep::Str,
                    });
                }
                for (k, p) in parts.iter().enumerate() {
                    self.expr_into(
                        p,
                        Loc {
                            off: area + 16 * k as u32,
                            rep: Rep::Str,
                        },
                    )?;
                }
                self.emit(Op::StrConcatN, dst.off, area, parts.len() as u32);
                return Ok(());
            }
        }
        let xv = self.expr(x)?;
        // x + small constant: one instruction with an immediate.
        if matches!(op, Operator::Add | Operator::Sub)
            && let Rep::Int { .. } = dst.rep
            && let Ok((Mode::Constant(c), _)) = self.tv(y)
            && let Some(k) = c.to_int().to_i64()
            && let Some(k) = if op == Operator::Add {
                Some(k)
            } else {
                k.checked_neg()
            }
            && i32::try_from(k).is_ok()
        {
            self.emit(Op::AddI, dst.off, xv.off, k as i32 as u32);
            self.normalize(Loc {
                off: dst.off,
                rep: xv.rep,
            });
            return Ok(());
        }
        // x / 2^k: a shift that rounds toward zero (gc's strength reduction).
        if op == Operator::Div
            && let Rep::Int { signed: true, .. } = dst.rep
            && let Ok((Mode::Constant(c), _)) = self.tv(y)
            && let Some(k) = c.to_int().to_i64()
            && k > 1
            && (k as u64).is_power_of_two()
        {
            self.emit(Op::DivPow2S, dst.off, xv.off, k.trailing_zeros());
            self.normalize(Loc {
                off: dst.off,
                rep: xv.rep,
            });
            return Ok(());
        }
        let yv = self.expr(y)?;
        self.arith(op, dst, xv, yv, Some(dst), pos)?;
        Ok(())
    }

    /// `dst = x op y` for arithmetic operators; returns the result slot.
    fn arith(
        &mut self,
        op: Operator,
        dst: Loc,
        x: Loc,
        y: Loc,
        _into: Option<Loc>,
        pos: Pos,
    ) -> Result<Loc> {
        let rep = x.rep;
        let o = match (rep, op) {
            (Rep::Str, Operator::Add) => Op::StrConcat,
            (Rep::F64, Operator::Add) => Op::AddF,
            (Rep::F64, Operator::Sub) => Op::SubF,
            (Rep::F64, Operator::Mul) => Op::MulF,
            (Rep::F64, Operator::Div) => Op::DivF,
            (Rep::F32, Operator::Add) => Op::AddF32,
            (Rep::F32, Operator::Sub) => Op::SubF32,
            (Rep::F32, Operator::Mul) => Op::MulF32,
            (Rep::F32, Operator::Div) => Op::DivF32,
            (Rep::C128, Operator::Add) => Op::AddC,
            (Rep::C128, Operator::Sub) => Op::SubC,
            (Rep::C128, Operator::Mul) => Op::MulC,
            (Rep::C128, Operator::Div) => Op::DivC,
            (Rep::C64, Operator::Add) => Op::AddC64,
            (Rep::C64, Operator::Sub) => Op::SubC64,
            (Rep::C64, Operator::Mul) => Op::MulC64,
            (Rep::C64, Operator::Div) => Op::DivC64,
            (Rep::Int { signed, .. }, op) => match op {
                Operator::Add => Op::Add,
                Operator::Sub => Op::Sub,
                Operator::Mul => Op::Mul,
                Operator::Div if signed => Op::DivS,
                Operator::Div => Op::DivU,
                Operator::Rem if signed => Op::RemS,
                Operator::Rem => Op::RemU,
                Operator::And => Op::And,
                Operator::Or => Op::Or,
                Operator::Xor => Op::Xor,
                Operator::AndNot => Op::AndNot,
                _ => return Err(self.unsupported(pos, "this operator")),
            },
            _ => return Err(self.unsupported(pos, "this operator")),
        };
        self.emit(o, dst.off, x.off, y.off);
        self.normalize(Loc {
            off: dst.off,
            rep: x.rep,
        });
        Ok(dst)
    }

    /// Shifts, with Go's rules for large and negative counts.
    #[allow(clippy::too_many_arguments)]
    fn shift(
        &mut self,
        op: Operator,
        dst: Loc,
        x: Loc,
        y: Loc,
        yrep: Rep,
        _into: Option<Loc>,
        pos: Pos,
    ) -> Result<Loc> {
        let Rep::Int { signed, .. } = x.rep else {
            return Err(self.unsupported(pos, "this shift"));
        };
        if let Rep::Int { signed: true, .. } = yrep {
            self.emit(Op::ShiftCheck, y.off, 0, 0);
        }
        let o = match (op, signed) {
            (Operator::Shl, _) => Op::Shl,
            (_, true) => Op::ShrS,
            (_, false) => Op::ShrU,
        };
        self.emit(o, dst.off, x.off, y.off);
        self.normalize(Loc {
            off: dst.off,
            rep: x.rep,
        });
        Ok(dst)
    }

    /// Re-extends a narrow integer result to its 64-bit slot form.
    fn normalize(&mut self, dst: Loc) {
        if let Rep::Int { signed, bits } = dst.rep {
            let op = match (signed, bits) {
                (true, 8) => Op::Sext8,
                (true, 16) => Op::Sext16,
                (true, 32) => Op::Sext32,
                (false, 8) => Op::Zext8,
                (false, 16) => Op::Zext16,
                (false, 32) => Op::Zext32,
                _ => return,
            };
            self.emit(op, dst.off, dst.off, 0);
        }
    }

    fn compare(&mut self, op: Operator, dst: Loc, x: Loc, y: Loc, pos: Pos) -> Result<()> {
        use Operator::*;
        // Structs and arrays: field by field (element by element), as the
        // spec defines their equality.
        if let (Rep::Struct { t, .. }, Eql | Neq) = (x.rep, op) {
            self.const64(dst.off, 1);
            let mut fails = Vec::new();
            self.aggregate_eq(t, x.off, y.off, pos, &mut fails)?;
            let end = self.jump();
            for f in fails {
                self.patch_here(f);
            }
            self.const64(dst.off, 0);
            self.patch_here(end);
            if op == Neq {
                self.emit(Op::BoolNot, dst.off, dst.off, 0);
            }
            return Ok(());
        }
        // Normalise to <, <=, ==, != by swapping operands.
        let (op, x, y) = match op {
            Gtr => (Lss, y, x),
            Geq => (Leq, y, x),
            o => (o, x, y),
        };
        let (o, negate) = match (x.rep, op) {
            // One word compared as an integer (pointers, maps, channels
            // and funcs by address).
            (r, Eql) if r.is_word() => (Op::Eq, false),
            (r, Neq) if r.is_word() => (Op::Ne, false),
            (Rep::Int { signed: true, .. }, Lss) => (Op::LtS, false),
            (Rep::Int { signed: true, .. }, Leq) => (Op::LeS, false),
            (Rep::Int { signed: false, .. }, Lss) => (Op::LtU, false),
            (Rep::Int { signed: false, .. }, Leq) => (Op::LeU, false),
            (Rep::F64, Eql) => (Op::EqF, false),
            (Rep::F64, Neq) => (Op::NeF, false),
            (Rep::F64, Lss) => (Op::LtF, false),
            (Rep::F64, Leq) => (Op::LeF, false),
            (Rep::F32, Eql) => (Op::EqF32, false),
            (Rep::F32, Neq) => (Op::NeF32, false),
            (Rep::F32, Lss) => (Op::LtF32, false),
            (Rep::F32, Leq) => (Op::LeF32, false),
            (Rep::C128, Eql) => (Op::EqC, false),
            (Rep::C128, Neq) => (Op::EqC, true),
            (Rep::C64, Eql) => (Op::EqC64, false),
            (Rep::C64, Neq) => (Op::EqC64, true),
            (Rep::Slice(_), Eql) => (Op::Eq, false),
            (Rep::Slice(_), Neq) => (Op::Ne, false),
            (Rep::Iface(t), Eql | Neq) => {
                let eq = if self.is_empty_iface(t) {
                    Op::EfaceEq
                } else {
                    Op::IfaceEq
                };
                (eq, op == Neq)
            }
            (Rep::Str, Eql) => (Op::StrEq, false),
            (Rep::Str, Neq) => (Op::StrEq, true),
            (Rep::Str, Lss) => (Op::StrLt, false),
            // x <= y is !(y < x).
            (Rep::Str, Leq) => {
                self.emit(Op::StrLt, dst.off, y.off, x.off);
                self.emit(Op::BoolNot, dst.off, dst.off, 0);
                return Ok(());
            }
            _ => return Err(self.unsupported(pos, "this comparison")),
        };
        self.emit(o, dst.off, x.off, y.off);
        if negate {
            self.emit(Op::BoolNot, dst.off, dst.off, 0);
        }
        Ok(())
    }

    /// Emits jumps (into `fails`) taken when the aggregates of type `t` at
    /// frame offsets `x` and `y` (memory form) differ.
    fn aggregate_eq(
        &mut self,
        t: TypeId,
        x: u32,
        y: u32,
        pos: Pos,
        fails: &mut Vec<usize>,
    ) -> Result<()> {
        let u = self.c.world.prog.underlying(t);
        let parts: Vec<(u32, TypeId)> = match self.c.ty(u).clone() {
            Type::Struct { fields, .. } => {
                let offs = self.c.world.prog.offsets_of(&fields);
                fields
                    .iter()
                    .zip(offs)
                    .filter(|(f, _)| self.c.obj(**f).name != "_")
                    .map(|(&f, o)| (o as u32, self.oty(f)))
                    .collect()
            }
            Type::Array { elem, len } => {
                let size = self.c.world.prog.size_of(elem) as u32;
                (0..len as u32).map(|k| (k * size, elem)).collect()
            }
            _ => return Err(self.unsupported(pos, "this comparison")),
        };
        for (off, ft) in parts {
            let rep = self.rep_of(ft, pos)?;
            if let Rep::Struct { t: inner, .. } = rep {
                self.aggregate_eq(inner, x + off, y + off, pos, fails)?;
                continue;
            }
            let a = self.read_place(Place::FrameMem { off: x + off, rep });
            let b = self.read_place(Place::FrameMem { off: y + off, rep });
            let r = self.alloc(Rep::Bool);
            self.compare(Operator::Eql, r, a, b, pos)?;
            fails.push(self.emit(Op::JmpIfNot, r.off, 0, 0));
        }
        Ok(())
    }

    fn unary(&mut self, op: Operator, x: &Expr, dst: Loc, pos: Pos) -> Result<()> {
        if op == Operator::Recv {
            return self.recv_into(x, dst, pos);
        }
        let xv = self.expr(x)?;
        let o = match (op, xv.rep) {
            (Operator::Add, _) => {
                self.mov(dst, xv);
                return Ok(());
            }
            (Operator::Sub, Rep::Int { .. }) => Op::Neg,
            (Operator::Sub, Rep::F64) => Op::NegF,
            (Operator::Sub, Rep::F32) => Op::NegF32,
            (Operator::Sub, Rep::C128) => Op::NegC,
            (Operator::Sub, Rep::C64) => Op::NegC64,
            (Operator::Xor, Rep::Int { .. }) => Op::Not,
            (Operator::Not, Rep::Bool) => Op::BoolNot,
            _ => return Err(self.unsupported(pos, "this unary operator")),
        };
        self.emit(o, dst.off, xv.off, 0);
        self.normalize(Loc {
            off: dst.off,
            rep: xv.rep,
        });
        Ok(())
    }

    // ---- calls ----

    /// Compiles a call; for a call with one result, stores it in `dst`
    /// (or a new temporary) and returns it.
    fn call_expr(&mut self, e: &Expr, dst: Option<Loc>) -> Result<Option<Loc>> {
        let Expr::Call {
            fun,
            args,
            has_dots,
            ..
        } = e.unparen()
        else {
            return Err(self.unsupported(e.start(), "this call"));
        };
        let (fmode, ft) = self.tv(fun)?;
        match fmode {
            Mode::Builtin(b) => return self.builtin(b, e, args, dst),
            Mode::TypExpr => {
                // A conversion, computed in the target type's own
                // representation (narrow results are normalised for it).
                let rep = self.rep_of(ft, e.start())?;
                let d = match dst {
                    Some(d) if d.rep == rep => d,
                    _ => self.alloc(rep),
                };
                self.conversion(&args[0], d, e.start())?;
                if let Some(out) = dst
                    && out.off != d.off
                {
                    self.mov(out, d);
                    return Ok(Some(out));
                }
                return Ok(Some(d));
            }
            _ => {}
        }
        let results = self.call(e, fun, args, *has_dots)?;
        match results.as_slice() {
            [] => Ok(None),
            [r] => match dst {
                Some(d) => {
                    self.mov(d, *r);
                    Ok(Some(d))
                }
                None => {
                    // The result stays where the callee left it, kept as a
                    // temporary.
                    self.top = self.top.max(r.off + r.rep.size());
                    self.max = self.max.max(self.top);
                    self.claim(*r);
                    Ok(Some(*r))
                }
            },
            // A statement calling a function with several results.
            _ if dst.is_none() => Ok(None),
            _ => Err(self.unsupported(e.start(), "a multi-value call here")),
        }
    }

    /// The values of multi-value expression `e` (a call or a comma-ok
    /// form), each converted to `want[k]` when given (an interface).
    fn tuple_as(&mut self, e: &Expr, want: &[Option<Rep>]) -> Result<Vec<Loc>> {
        let elems: Vec<TypeId> = match self.c.ty(self.tv(e)?.1).clone() {
            Type::Tuple(vs) => vs.iter().map(|&o| self.oty(o)).collect(),
            _ => Vec::new(),
        };
        let rs = self.call_results(e)?;
        let mut out = Vec::new();
        for (k, r) in rs.into_iter().enumerate() {
            match want.get(k).copied().flatten() {
                Some(w) if w != r.rep => {
                    let (Rep::Iface(_), Some(&et)) = (w, elems.get(k)) else {
                        return Err(self.unsupported(e.start(), "this multi-value expression"));
                    };
                    let v = self.alloc(w);
                    self.convert_iface(r, et, v)?;
                    out.push(v);
                }
                _ => out.push(r),
            }
        }
        Ok(out)
    }

    /// The results of call `e`, left in the call area (valid until the next
    /// call).
    fn call_results(&mut self, e: &Expr) -> Result<Vec<Loc>> {
        // v, ok := m[k]
        if let Expr::Index { x, index, .. } = e.unparen()
            && let Rep::Map(_) = self.rep_of(self.tv(x)?.1, x.start())?
        {
            let Place::Map { area, meta, rep } = self.map_place(x, index)? else {
                return Err(self.unsupported(e.start(), "this map index"));
            };
            let out = self.alloc(rep);
            let ok = self.alloc(Rep::Bool);
            self.emit(Op::MapLoad, out.off, area, meta);
            return Ok(vec![out, ok]);
        }
        // v, ok := <-c
        if let Expr::Operation {
            op: Operator::Recv,
            x,
            y: None,
            ..
        } = e.unparen()
        {
            return self.recv2(x, e.start());
        }
        // v, ok := x.(T)
        if let Expr::Assert { x, typ, .. } = e.unparen() {
            let (_, t) = self.tv(typ)?;
            let rep = self.rep_of(t, e.start())?;
            let xv = self.expr(x)?;
            let out = self.alloc(rep);
            let ok = self.alloc(Rep::Bool);
            self.line(e.start());
            if self.is_iface_type(t) {
                self.assert_iface(xv, t, out, true)?;
            } else {
                self.assert_concrete(xv, t, out, Some(ok))?;
            }
            return Ok(vec![out, ok]);
        }
        let Expr::Call {
            fun,
            args,
            has_dots,
            ..
        } = e.unparen()
        else {
            return Err(self.unsupported(e.start(), "a multi-value expression"));
        };
        let rs = self.call(e, fun, args, *has_dots)?;
        // The results stay in the call area, kept as temporaries.
        if let Some(last) = rs.last() {
            self.top = self.top.max(last.off + last.rep.size());
            self.max = self.max.max(self.top);
        }
        for r in &rs {
            self.claim(*r);
        }
        Ok(rs)
    }

    /// A call of a function of this package: arguments into the callee's
    /// parameter slots, then `Call`. Returns the result slots.
    fn call(&mut self, e: &Expr, fun: &Expr, args: &[Expr], has_dots: bool) -> Result<Vec<Loc>> {
        if let Expr::Selector { sel, .. } = fun.unparen()
            && let Some(&o) = self.c.info.uses.get(&key(sel))
            && let Some(r) = self.intrinsic(o, e, args)?
        {
            return Ok(r);
        }
        // A method call x.m(args): the receiver is the first argument.
        let mut recv_arg: Option<&Expr> = None;
        let o = match fun.unparen() {
            Expr::Name(n) => self.obj_of(n),
            Expr::Selector { x, sel, .. } => {
                let o = self.c.info.uses.get(&key(sel)).copied();
                recv_arg = Some(x);
                o
            }
            _ => None,
        };
        if let (Some(x), Some(m)) = (recv_arg, o)
            && let (Mode::TypExpr, xt) = self.tv(x)?
            && matches!(self.c.obj(m).kind, types::ty::ObjKind::Func)
        {
            return self.method_expr_call(e, xt, m, args, has_dots);
        }
        if let (Some(x), Some(m)) = (recv_arg, o)
            && self.is_iface_type(self.tv(x)?.1)
            && matches!(self.c.obj(m).kind, types::ty::ObjKind::Func)
        {
            return self.iface_call(e, x, m, args, has_dots);
        }
        // Functions (and methods) called directly: declared ones, and
        // instances of generic ones.
        let mut fun_x = fun.unparen();
        let mut o = o;
        if let Expr::Index { x, .. } = fun_x
            && let Expr::Name(n) = x.unparen()
        {
            o = self.obj_of(n);
            fun_x = x;
        }
        let _ = fun_x;
        let callee = match o {
            Some(o) if recv_arg.is_none() => self.func_callee(o, fun)?,
            Some(m) => match recv_arg {
                Some(x) if matches!(self.c.obj(m).kind, types::ty::ObjKind::Func) => {
                    let xt = self.tv(x)?.1;
                    self.method_callee(m, xt)?
                }
                _ => None,
            },
            None => None,
        };
        if callee.is_none()
            && let (Some(x), Some(m)) = (recv_arg, o)
            && matches!(self.c.obj(m).kind, types::ty::ObjKind::Func)
            && let Some(it) = self.embedded_iface_of(self.tv(x)?.1, m)
        {
            // A method promoted from an embedded interface.
            let xt = self.tv(x)?.1;
            let iv = self.alloc(Rep::Iface(it));
            self.promoted_receiver(x, xt, it, false, iv)?;
            return self.iface_call_loc(e, iv, it, m, args, has_dots);
        }
        if callee.is_none()
            && let (Some(x), Some(m)) = (recv_arg, o)
            && matches!(self.c.obj(m).kind, types::ty::ObjKind::Func)
        {
            let xt = self.tv(x)?.1;
            if self.method_sel(xt, m).is_some() {
                return self.entry_call(e, xt, m, x, args, has_dots);
            }
            if !matches!(self.rep_of(xt, x.start())?, Rep::Ptr(_)) {
                let pt = self.c.world.prog.add_type(Type::Pointer(xt));
                if self.method_sel(pt, m).is_some() {
                    return self.entry_call(e, pt, m, x, args, has_dots);
                }
            }
        }
        let Some((id, sig)) = callee else {
            return self.call_value(e, fun, args, has_dots);
        };
        // The callee's frame starts at the current top; its argument slots
        // are reserved while the arguments are computed straight into them
        // (calls inside an argument get frames above the reservation).
        if recv_arg.is_some() && sig.recv.is_none() {
            return self.call_value(e, fun, args, has_dots);
        }
        let first = match sig.recv {
            Some(r) => Some(self.rep_of(self.oty(r), e.start())?),
            None => None,
        };
        let kept = match o {
            Some(o) if self.c.keepalive.contains(&o) => self.keepalive_args(args)?,
            _ => Vec::new(),
        };
        let CallFrame {
            area,
            recv: rloc,
            params,
            results,
        } = self.reserve_call(first, &sig, e.start())?;
        if let (Some(rloc), Some(r)) = (rloc, sig.recv) {
            match recv_arg {
                Some(x) => self.receiver(x, r, rloc)?,
                // A method called as a function value's first argument
                // does not reach here (`call_value`).
                None => return Err(self.unsupported(e.start(), "this method call")),
            }
        }
        self.fill_args(args, &params, &sig, has_dots)?;
        self.top = area;
        self.line(e.start());
        self.emit(Op::Call, id, area, 0);
        self.keepalive_end(kept);
        Ok(results)
    }

    /// A read of the value at `v` that does nothing (a move onto itself):
    /// what liveness needs to keep `v` live up to here (gc's
    /// `OpKeepAlive`).
    fn keep_alive(&mut self, v: Loc) {
        match v.rep.size() {
            0 => {}
            8 => _ = self.emit(Op::Mov, v.off, v.off, 0),
            16 => _ = self.emit(Op::Mov16, v.off, v.off, 0),
            n => _ = self.emit(Op::MovN, v.off, v.off, n),
        }
    }

    /// The operand `x` of an argument `uintptr(x)` converting an
    /// `unsafe.Pointer` (gc's `unsafeUintptr` test in `rewriteArgument`).
    fn uintptr_operand<'e>(&self, a: &'e Expr) -> Option<&'e Expr> {
        let Expr::Call {
            fun,
            args,
            has_dots: false,
            ..
        } = a.unparen()
        else {
            return None;
        };
        let [x] = &args[..] else {
            return None;
        };
        let (Ok((Mode::TypExpr, _)), Ok((_, to)), Ok((_, from))) =
            (self.tv(fun), self.tv(a), self.tv(x))
        else {
            return None;
        };
        let p = &self.c.world.prog;
        (p.basic_kind(to) == Some(BasicKind::Uintptr)
            && p.basic_kind(from) == Some(BasicKind::UnsafePointer))
        .then_some(x)
    }

    /// Before a call of a `//go:uintptrescapes` or `//go:uintptrkeepalive`
    /// function (gc's `rewriteArgument`): the pointer `x` of each argument
    /// `uintptr(x)` (variadic ones included) is evaluated first, as gc
    /// evaluates it in the call's init, into a pointer temporary below the
    /// call's frame, which the argument then converts. `keepalive_end`
    /// reads the temporaries after the call, so that liveness keeps what
    /// they point to until the call returns (gc's `call.KeepAlive`).
    fn keepalive_args(&mut self, args: &[Expr]) -> Result<Vec<(usize, Option<Loc>, Loc)>> {
        let mut kept = Vec::new();
        for a in args {
            let Some(x) = self.uintptr_operand(a) else {
                continue;
            };
            let t = self.alloc(Rep::Ptr(self.tv(x)?.1));
            self.expr_into(x, t)?;
            let k = key(x);
            kept.push((k, self.pre.insert(k, t), t));
        }
        Ok(kept)
    }

    /// After the call: the temporaries of `keepalive_args` are read (a
    /// move onto itself, gc's `OpKeepAlive`) and their expressions are
    /// compiled as usual again.
    fn keepalive_end(&mut self, kept: Vec<(usize, Option<Loc>, Loc)>) {
        for (k, old, t) in kept.into_iter().rev() {
            self.keep_alive(t);
            match old {
                Some(l) => self.pre.insert(k, l),
                None => self.pre.remove(&k),
            };
        }
    }

    /// `defer f(args)` and `go f(args)` (`tok`): the func value and the
    /// arguments are evaluated now; the deferred call runs when the
    /// function returns or panics, the goroutine's at once.
    fn defer_stmt(&mut self, pos: Pos, tok: Token, call: &Expr) -> Result<()> {
        let Expr::Call {
            fun,
            args,
            has_dots,
            ..
        } = call.unparen()
        else {
            return Err(self.unsupported(pos, "this defer"));
        };
        if let (Mode::Builtin(b @ (Builtin::Print | Builtin::Println)), _) = self.tv(fun)? {
            return self.defer_print(pos, tok, b, args);
        }
        if let (Mode::Builtin(b), _) = self.tv(fun)? {
            if matches!(b, Builtin::Copy | Builtin::Clear | Builtin::Recover) {
                return self.defer_wrapped(pos, tok, call, args, Wrapped::Builtin(b));
            }
            return self.defer_builtin(pos, tok, b, args);
        }
        if matches!(self.tv(fun)?.0, Mode::TypExpr) {
            return Err(self.unsupported(pos, "deferring this call"));
        }
        // A function of another package that is not compiled: an
        // intrinsic (`intrinsic`), which has no function value.
        if let Expr::Selector { x, sel, .. } = fun.unparen()
            && let Expr::Name(pn) = x.unparen()
            && self
                .obj_of(pn)
                .is_some_and(|p| matches!(self.c.obj(p).kind, types::ty::ObjKind::PkgName { .. }))
            && let Some(&o) = self.c.info.uses.get(&key(sel))
            && matches!(self.c.obj(o).kind, types::ty::ObjKind::Func)
            && !self.c.funcs.contains_key(&o)
            && !self.c.generic.contains(&o)
        {
            return self.defer_wrapped(pos, tok, call, args, Wrapped::Intrinsic(o));
        }
        // A method call x.m(args): the method's function with the receiver
        // as its first argument (other methods, of interfaces or generic
        // types, through their method value; method expressions `T.m` are
        // func values).
        let mut method: Option<(&Expr, ObjId, u32)> = None;
        if let Expr::Selector { x, sel, .. } = fun.unparen()
            && let Some(&o) = self.c.info.uses.get(&key(sel))
            && matches!(self.c.ty(self.oty(o)), Type::Signature(s) if s.recv.is_some())
            && !matches!(self.tv(x)?.0, Mode::TypExpr)
            && let Some(&id) = self.c.funcs.get(&o)
        {
            method = Some((x, o, id));
        }
        let ft = match method {
            Some((_, o, _)) => self.oty(o),
            None => self.tv(fun)?.1,
        };
        let Type::Signature(sig) = self.c.ty(self.c.world.prog.underlying(ft)).clone() else {
            return Err(self.unsupported(pos, "this defer"));
        };
        // A function or method called directly with a `uintptr(p)`
        // argument: through a wrapper that converts.
        let direct = match (method, fun.unparen()) {
            (Some((x, o, id)), _) => Some((Some(x), o, id)),
            (None, Expr::Name(n)) => self
                .obj_of(n)
                .and_then(|o| Some((None, o, *self.c.funcs.get(&o)?))),
            _ => None,
        };
        if let Some((recv, o, id)) = direct
            && args.iter().any(|a| self.uintptr_operand(a).is_some())
        {
            return self.defer_uintptr_call(pos, tok, args, *has_dots, (o, id, &sig), recv);
        }
        let clo = self.alloc(Rep::Func(ft));
        match method {
            Some((_, _, id)) => self.closure_object(clo, id, &[]),
            None => self.expr_into(fun, clo)?,
        }
        let area = self.top;
        let mut off = area;
        let mut params = Vec::new();
        for &p in sig.recv.iter().chain(&sig.params) {
            let rep = self.rep_of(self.oty(p), pos)?;
            params.push(Loc { off, rep });
            off += rep.size();
        }
        self.top = off;
        self.max = self.max.max(off);
        for &l in &params {
            self.claim(l);
        }
        let mut params = &params[..];
        if let (Some((x, _, _)), Some(r)) = (method, sig.recv) {
            self.receiver(x, r, params[0])?;
            params = &params[1..];
        }
        self.fill_args(args, params, &sig, *has_dots)?;
        self.line(pos);
        self.emit_later(tok, clo, area, off - area);
        Ok(())
    }

    /// `defer`/`go` (`tok`) of a call of function `id` (object `o`,
    /// signature `sig`; receiver expression `recv` for a method) with an
    /// argument `uintptr(p)`, as gc's `normalizeGoDeferCall` has it: the
    /// statement evaluates the receiver, the pointer `p` of each such
    /// argument and the other non-constant arguments (converted to their
    /// parameters' types) into the arguments of a wrapper (gc's
    /// `deferwrap`/`gowrap`), which converts the pointers and makes the
    /// call. The pointers stay reachable until the call (the deferred
    /// call's record, the new goroutine's frame), and during it for a
    /// `//go:uintptrescapes` callee (`keepalive_args` in the wrapper).
    fn defer_uintptr_call(
        &mut self,
        pos: Pos,
        tok: Token,
        args: &[Expr],
        has_dots: bool,
        (o, id, sig): (ObjId, FuncId, &types::ty::Signature),
        recv: Option<&Expr>,
    ) -> Result<()> {
        // The wrapper's parameters: the receiver, then the operands.
        let mut recv_op = None;
        if let (Some(x), Some(r)) = (recv, sig.recv) {
            recv_op = Some((x, r, self.rep_of(self.oty(r), pos)?));
        }
        let fixed = if sig.variadic && !has_dots {
            sig.params.len() - 1
        } else {
            sig.params.len()
        };
        let mut operands: Vec<(&Expr, Rep)> = Vec::new();
        for (k, a) in args.iter().enumerate() {
            if let Some(x) = self.uintptr_operand(a) {
                operands.push((x, Rep::Ptr(self.tv(x)?.1)));
                continue;
            }
            if matches!(self.tv(a)?.0, Mode::Constant(_) | Mode::Nil) {
                continue;
            }
            // The argument as the parameter (or variadic element) it is.
            let pt = match sig.params.get(k.min(sig.params.len().saturating_sub(1))) {
                Some(&p) => self.oty(p),
                None => return Err(self.unsupported(pos, "deferring this call")),
            };
            let pt = match self.c.ty(self.c.world.prog.underlying(pt)) {
                Type::Slice(et) if k >= fixed => *et,
                _ => pt,
            };
            operands.push((a, self.rep_of(pt, a.start())?));
        }
        let keep = self.c.keepalive.contains(&o);
        let wid = self.c.program.funcs.len() as u32;
        self.c.program.funcs.push(FuncInfo::default());
        self.closures += 1;
        let kind = match tok {
            Token::Go => "gowrap",
            _ => "deferwrap",
        };
        let name = format!("{}.{kind}{}", self.name, self.closures);
        let mut w = FnBuilder::new(self.c, self.file, name.clone(), pos);
        (w.tsubst, w.smap) = (self.tsubst.clone(), self.smap.clone());
        w.line(pos);
        let wrecv = recv_op.map(|(_, _, rep)| w.alloc(rep));
        for &(a, rep) in &operands {
            let l = w.alloc(rep);
            w.pre.insert(key(a), l);
        }
        let params_size = w.top - FRAME_HEADER;
        let kept = if keep {
            w.keepalive_args(args)?
        } else {
            Vec::new()
        };
        let first = recv_op.map(|(_, _, rep)| rep);
        let CallFrame {
            area,
            recv: rloc,
            params,
            ..
        } = w.reserve_call(first, sig, pos)?;
        if let (Some(dst), Some(src)) = (rloc, wrecv) {
            w.mov(dst, src);
        }
        w.fill_args(args, &params, sig, has_dots)?;
        w.top = area;
        w.line(pos);
        w.emit(Op::Call, id, area, 0);
        w.keepalive_end(kept);
        w.ret();
        w.check_frame()?;
        w.finish_into(wid, name, params_size, 0);
        // The closure object, then the wrapper's arguments, in order.
        let clo = self.alloc(INT);
        self.closure_object(clo, wid, &[]);
        let area = self.top;
        let mut at = area;
        let recv_arg = recv_op.map(|(x, r, rep)| (x, Some(r), rep));
        for (a, r, rep) in recv_arg
            .into_iter()
            .chain(operands.into_iter().map(|(a, rep)| (a, None, rep)))
        {
            let l = Loc { off: at, rep };
            self.top = at + rep.size();
            self.max = self.max.max(self.top);
            self.claim(l);
            match r {
                Some(r) => self.receiver(a, r, l)?,
                None => self.expr_into(a, l)?,
            }
            at += rep.size();
        }
        self.top = at;
        self.line(pos);
        self.emit_later(tok, clo, area, at - area);
        Ok(())
    }

    /// The `Defer` (`tok` is `defer`) or `Go` of the call of func value
    /// `clo` with the `size` bytes of arguments at `area`.
    fn emit_later(&mut self, tok: Token, clo: Loc, area: u32, size: u32) {
        if tok == Token::Go {
            self.emit(Op::Go, clo.off, area, size);
        } else {
            self.emit_defer(clo, area, size);
        }
    }

    /// A wrapper running `code` (which returns) on `params_size` bytes of
    /// arguments evaluated by a `defer` or `go` statement (gc's
    /// `deferwrap` and `gowrap`), whose pointer layout is `args`.
    fn deferwrap(
        &mut self,
        pos: Pos,
        tok: Token,
        code: Vec<Inst>,
        params_size: u32,
        args: Layout,
    ) -> FuncId {
        self.closures += 1;
        let id = self.c.program.funcs.len() as u32;
        let kind = match tok {
            Token::Go => "gowrap",
            _ => "deferwrap",
        };
        self.c.program.funcs.push(FuncInfo {
            name: format!("{}.{kind}{}", self.name, self.closures),
            file: self.file.path.clone(),
            frame_size: FRAME_HEADER + params_size,
            params_size,
            results_size: 0,
            code,
            lines: vec![(0, pos.line)],
            args_mask: args.mask,
            ..FuncInfo::default()
        });
        id
    }

    /// `defer`/`go` of a call without a function value, a built-in or an
    /// intrinsic (`what`): the operands are evaluated now into an argument
    /// area, and a generated wrapper (gc's `deferwrap`/`gowrap`) compiles
    /// the call itself, its parameters standing for those operands
    /// (`pre`). Constant operands are compiled in the wrapper.
    fn defer_wrapped(
        &mut self,
        pos: Pos,
        tok: Token,
        call: &Expr,
        args: &[Expr],
        what: Wrapped,
    ) -> Result<()> {
        let mut operands = Vec::new();
        for a in args {
            let (mode, t) = self.tv(a)?;
            if matches!(mode, Mode::Constant(_) | Mode::Nil | Mode::TypExpr) {
                continue;
            }
            if matches!(self.c.ty(t), Type::Tuple(_)) {
                return Err(self.unsupported(pos, "deferring this call"));
            }
            operands.push((a, self.rep_of(t, a.start())?));
        }
        // The wrapper, in a slot reserved before anything it may add.
        let id = self.c.program.funcs.len() as u32;
        self.c.program.funcs.push(FuncInfo::default());
        self.closures += 1;
        let kind = match tok {
            Token::Go => "gowrap",
            _ => "deferwrap",
        };
        let name = format!("{}.{kind}{}", self.name, self.closures);
        let mut w = FnBuilder::new(self.c, self.file, name.clone(), pos);
        (w.tsubst, w.smap) = (self.tsubst.clone(), self.smap.clone());
        w.line(pos);
        for &(a, rep) in &operands {
            let l = w.alloc(rep);
            w.pre.insert(key(a), l);
        }
        let params_size = w.top - FRAME_HEADER;
        match what {
            // `recover` called by the defer machinery itself, not by a
            // deferred function, returns nil: nothing to do.
            Wrapped::Builtin(Builtin::Recover) => {}
            Wrapped::Builtin(b) => {
                w.builtin(b, call, args, None)?;
            }
            Wrapped::Intrinsic(o) => {
                if w.intrinsic(o, call, args)?.is_none() {
                    return Err(w.unsupported(pos, "deferring this call"));
                }
            }
        }
        w.ret();
        w.check_frame()?;
        w.finish_into(id, name, params_size, 0);
        // The closure object, then the operands in the wrapper's order.
        self.defer_wrapper_call(pos, tok, id, operands.iter().copied())
    }

    /// Records the call (`defer` or `go`, `tok`) of wrapper function `id`
    /// with the `(expression, representation)` operands evaluated now, in
    /// order, into its argument area.
    fn defer_wrapper_call<'e>(
        &mut self,
        pos: Pos,
        tok: Token,
        id: FuncId,
        operands: impl Iterator<Item = (&'e Expr, Rep)>,
    ) -> Result<()> {
        let clo = self.alloc(INT);
        self.closure_object(clo, id, &[]);
        let area = self.top;
        let mut at = area;
        for (a, rep) in operands {
            let l = Loc { off: at, rep };
            self.top = at + rep.size();
            self.max = self.max.max(self.top);
            self.claim(l);
            self.expr_into(a, l)?;
            at += rep.size();
        }
        self.top = at;
        self.line(pos);
        self.emit_later(tok, clo, area, at - area);
        Ok(())
    }

    /// `defer panic(v)`, `defer delete(m, k)`, `defer close(c)` (or `go`
    /// them, `tok`): the arguments now, the built-in in a wrapper.
    fn defer_builtin(&mut self, pos: Pos, tok: Token, b: Builtin, args: &[Expr]) -> Result<()> {
        let (area, size, code, layout) = match b {
            Builtin::Panic => {
                let any = self.c.world.prog.unalias(self.c.world.prog.any_alias);
                let v = self.alloc(Rep::Iface(any));
                self.expr_into(&args[0], v)?;
                let l = Layout::with_ptrs(16, &[1]);
                (v.off, 16, Inst::new(Op::Panic, FRAME_HEADER, 0, 0), l)
            }
            Builtin::Delete => {
                // The map and the key, as `MapDelete` reads them.
                let Place::Map { area, meta, .. } = self.map_place(&args[0], &args[1])? else {
                    return Err(self.unsupported(pos, "this delete"));
                };
                // The map pointer, then the key slot as `map_meta` shapes
                // it (a string or key copy: a pointer).
                let (_, mt) = self.tv(&args[0])?;
                let (_, kind, kr, _) = self.map_meta(mt, pos)?;
                let mut l = Layout::with_ptrs(24, &[0]);
                if kind == abi::MapKey::Gen {
                    // A pointer to the key.
                    l.set(1);
                } else {
                    l.place(
                        8,
                        &self.rep_layout(kr).map_err(|e| self.unsupported(pos, &e))?,
                    );
                }
                (area, 24, Inst::new(Op::MapDelete, FRAME_HEADER, 0, meta), l)
            }
            Builtin::Close => {
                let (_, ct) = self.tv(&args[0])?;
                let c = self.alloc(self.rep_of(ct, pos)?);
                self.expr_into(&args[0], c)?;
                let l = Layout::with_ptrs(8, &[0]);
                (c.off, 8, Inst::new(Op::ChanClose, FRAME_HEADER, 0, 0), l)
            }
            _ => return Err(self.unsupported(pos, "deferring this call")),
        };
        let code = vec![code, Inst::new(Op::Ret, 0, 0, 0)];
        let id = self.deferwrap(pos, tok, code, size, layout);
        let clo = self.alloc(INT);
        self.closure_object(clo, id, &[]);
        self.line(pos);
        self.emit_later(tok, clo, area, size);
        Ok(())
    }

    /// `defer print(…)`/`defer println(…)`: the arguments are evaluated
    /// now and passed to a small wrapper function that prints them (gc's
    /// `deferwrap`).
    fn defer_print(&mut self, pos: Pos, tok: Token, b: Builtin, args: &[Expr]) -> Result<()> {
        let mut reps = Vec::new();
        for a in args {
            let (_, t) = self.tv(a)?;
            reps.push(self.rep_of(t, a.start())?);
        }
        // The wrapper: parameters in order, then the print instructions.
        let mut code = Vec::new();
        let mut off = FRAME_HEADER;
        let mut layout = Layout::default();
        for (k, rep) in reps.iter().enumerate() {
            let l = self
                .rep_layout(*rep)
                .map_err(|e| self.unsupported(pos, &e))?;
            layout.place(off - FRAME_HEADER, &l);
            if k > 0 && b == Builtin::Println {
                code.push(Inst::new(Op::PrintSpace, 0, 0, 0));
            }
            let Some(op) = print_op(*rep) else {
                return Err(self.unsupported(pos, "deferred printing of this type"));
            };
            code.push(Inst::new(op, off, 0, 0));
            off += rep.size();
        }
        if b == Builtin::Println {
            code.push(Inst::new(Op::PrintNl, 0, 0, 0));
        }
        code.push(Inst::new(Op::PrintFlush, 0, 0, 0));
        code.push(Inst::new(Op::Ret, 0, 0, 0));
        layout.size = off - FRAME_HEADER;
        let id = self.deferwrap(pos, tok, code, off - FRAME_HEADER, layout);
        self.defer_wrapper_call(pos, tok, id, args.iter().zip(reps.iter().copied()))
    }

    /// Computes the arguments of a call into the parameter slots: one
    /// multi-value call spread over them, or each argument in turn; the
    /// extra arguments of a variadic function become a new slice (unless
    /// passed as `s...`).
    fn fill_args(
        &mut self,
        args: &[Expr],
        params: &[Loc],
        sig: &types::ty::Signature,
        has_dots: bool,
    ) -> Result<()> {
        if args.len() == 1
            && matches!(self.c.info.types.get(&key(&args[0])), Some(tv) if matches!(self.c.ty(tv.ty), Type::Tuple(_)))
        {
            let fixed = if sig.variadic {
                params.len() - 1
            } else {
                params.len()
            };
            // Each result converts to its parameter's type (the variadic
            // ones to the element type).
            let n = match self.c.ty(self.tv(&args[0])?.1) {
                Type::Tuple(vs) => vs.len(),
                _ => 0,
            };
            let elem = match params.get(fixed).map(|p| p.rep) {
                Some(Rep::Slice(et)) if sig.variadic => Some(self.rep_of(et, args[0].start())?),
                _ => None,
            };
            let want: Vec<Option<Rep>> = (0..n)
                .map(|k| if k < fixed { Some(params[k].rep) } else { elem })
                .collect();
            let vals = self.tuple_as(&args[0], &want)?;
            for (p, v) in params[..fixed].iter().zip(&vals) {
                self.mov(*p, *v);
            }
            if sig.variadic {
                let extra: Vec<Loc> = vals[fixed.min(vals.len())..].to_vec();
                self.variadic_slice(params[fixed], extra.len(), |b, k, v| {
                    b.mov(v, extra[k]);
                    Ok(())
                })?;
            }
            return Ok(());
        }
        let fixed = if sig.variadic && !has_dots {
            params.len() - 1
        } else {
            params.len()
        };
        for (a, p) in args.iter().zip(&params[..fixed]) {
            self.expr_into(a, *p)?;
        }
        if fixed == params.len() {
            return Ok(());
        }
        let extra = &args[fixed.min(args.len())..];
        self.variadic_slice(params[fixed], extra.len(), |b, k, v| {
            b.expr_into(&extra[k], v)
        })
    }

    /// The slice of a variadic call's `n` extra arguments in `dst` (nil
    /// when there are none); `value(b, k, v)` computes argument `k` into
    /// slot `v`.
    fn variadic_slice(
        &mut self,
        dst: Loc,
        n: usize,
        mut value: impl FnMut(&mut Self, usize, Loc) -> Result<()>,
    ) -> Result<()> {
        let Rep::Slice(et) = dst.rep else {
            return Err(self.unsupported(self.pos, "this variadic call"));
        };
        if n == 0 {
            self.emit(Op::Zero, dst.off, 0, 24);
            return Ok(());
        }
        let er = self.rep_of(et, self.pos)?;
        let pair = self.alloc(Rep::Str);
        self.const64(pair.off, n as u64);
        self.const64(pair.off + 8, n as u64);
        self.emit_slice_alloc(Op::MakeSlice, dst.off, pair.off, er);
        let (idx, addr) = (self.alloc(INT), self.alloc(INT));
        for k in 0..n {
            let v = self.alloc(er);
            value(self, k, v)?;
            self.const64(idx.off, k as u64);
            self.index_into(addr, dst, idx, er);
            self.store(addr.off, 0, v);
        }
        Ok(())
    }

    /// Reserves the frame of a call starting at the current top: the
    /// receiver slot (of representation `first`, if any), `sig`'s
    /// parameters and results. Returns the area and the three.
    fn reserve_call(
        &mut self,
        first: Option<Rep>,
        sig: &types::ty::Signature,
        pos: Pos,
    ) -> Result<CallFrame> {
        let area = self.top;
        let mut off = area + FRAME_HEADER;
        let recv = first.map(|rep| {
            let l = Loc { off, rep };
            off += rep.size();
            l
        });
        let mut params = Vec::new();
        for &p in &sig.params {
            let rep = self.rep_of(self.oty(p), pos)?;
            params.push(Loc { off, rep });
            off += rep.size();
        }
        let mut results = Vec::new();
        for &r in &sig.results {
            let rep = self.rep_of(self.oty(r), pos)?;
            results.push(Loc { off, rep });
            off += rep.size();
        }
        self.top = off;
        self.max = self.max.max(off);
        for &l in recv.iter().chain(&params).chain(&results) {
            self.claim(l);
        }
        Ok(CallFrame {
            area,
            recv,
            params,
            results,
        })
    }

    /// A call of a func value: `CallInd` with the callee's frame laid out
    /// from the function type.
    fn call_value(
        &mut self,
        e: &Expr,
        fun: &Expr,
        args: &[Expr],
        has_dots: bool,
    ) -> Result<Vec<Loc>> {
        let (_, ft) = self.tv(fun)?;
        let Type::Signature(sig) = self.c.ty(self.c.world.prog.underlying(ft)).clone() else {
            return Err(self.unsupported(e.start(), "calls of this value"));
        };
        let fv = self.expr(fun)?;
        let CallFrame {
            area,
            recv: _,
            params,
            results,
        } = self.reserve_call(None, &sig, e.start())?;
        let size = self.top - area - FRAME_HEADER;
        self.fill_args(args, &params, &sig, has_dots)?;
        self.top = area;
        self.line(e.start());
        self.emit(Op::CallInd, fv.off, area, size);
        Ok(results)
    }

    /// The receiver argument of a method call `x.m(…)` into slot `dst`:
    /// `x`, `&x` or `*x` as the method's receiver type wants.
    fn receiver(&mut self, x: &Expr, recv: ObjId, dst: Loc) -> Result<()> {
        let (_, xt) = self.tv(x)?;
        let rt = self.oty(recv);
        let want_ptr = matches!(self.c.ty(rt), Type::Pointer(_));
        let have_ptr = matches!(self.rep_of(xt, x.start())?, Rep::Ptr(_));
        let base = |t: TypeId| match self.c.ty(self.c.world.prog.unalias(t)) {
            Type::Pointer(b) => *b,
            _ => t,
        };
        if !self.c.world.prog.identical(base(rt), base(xt)) {
            return self.promoted_receiver(x, xt, base(rt), want_ptr, dst);
        }
        match (want_ptr, have_ptr) {
            (true, true) | (false, false) => self.expr_into(x, dst),
            (true, false) => self.address_of(x, dst),
            (false, true) => {
                let p = self.expr(x)?;
                self.load(dst, p.off, 0);
                Ok(())
            }
        }
    }

    /// Standard library functions compiled to one instruction (until the
    /// standard library runs under rgo).
    fn intrinsic(&mut self, o: ObjId, e: &Expr, args: &[Expr]) -> Result<Option<Vec<Loc>>> {
        let obj = self.c.obj(o);
        let Some(pkg) = obj.pkg else { return Ok(None) };
        let path = self.c.world.prog.pkg(pkg).path.as_str();
        match (path, obj.name.as_str()) {
            ("math", "Sqrt") => {
                let x = self.expr(&args[0])?;
                let d = self.alloc(Rep::F64);
                self.line(e.start());
                self.emit(Op::SqrtF, d.off, x.off, 0);
                Ok(Some(vec![d]))
            }
            ("os", "Getenv") => {
                let x = self.expr(&args[0])?;
                let d = self.alloc(Rep::Str);
                self.emit(Op::Getenv, d.off, x.off, 0);
                Ok(Some(vec![d]))
            }
            ("os", "Exit") => {
                let x = self.expr(&args[0])?;
                self.line(e.start());
                self.emit(Op::Exit, x.off, 0, 0);
                Ok(Some(vec![]))
            }
            ("runtime", "GC") => {
                // Go's `GC` parks its caller while the cycle marks and
                // then sweeps with `Gosched` between spans: the other
                // goroutines run meanwhile (one calling `GC` in a loop
                // does not starve them until preemption).
                self.line(e.start());
                self.emit(Op::GcCollect, 0, 0, 0);
                self.emit(Op::Gosched, 0, 0, 0);
                Ok(Some(vec![]))
            }
            ("runtime/debug", "FreeOSMemory") => {
                self.line(e.start());
                self.emit(Op::FreeOSMemory, 0, 0, 0);
                Ok(Some(vec![]))
            }
            ("runtime", "ReadMemStats") => {
                let x = self.expr(&args[0])?;
                self.line(e.start());
                self.emit(Op::ReadMemStats, x.off, 0, 0);
                Ok(Some(vec![]))
            }
            ("runtime", "KeepAlive") => {
                // The operand is read here (gc's `OpKeepAlive`): the stack
                // maps' liveness keeps it, and what it points to, until
                // this point.
                let x = self.expr(&args[0])?;
                self.keep_alive(x);
                Ok(Some(vec![]))
            }
            ("runtime/debug", name @ ("SetGCPercent" | "SetMemoryLimit")) => {
                let op = if name == "SetGCPercent" {
                    Op::SetGCPercent
                } else {
                    Op::SetMemoryLimit
                };
                let x = self.expr(&args[0])?;
                let d = self.alloc(INT);
                self.line(e.start());
                self.emit(op, d.off, x.off, 0);
                Ok(Some(vec![d]))
            }
            (path, name) => {
                let (path, name) = (path.to_string(), name.to_string());
                self.sched_intrinsic(&path, &name, e, args)
            }
        }
    }

    fn builtin(
        &mut self,
        b: Builtin,
        e: &Expr,
        args: &[Expr],
        dst: Option<Loc>,
    ) -> Result<Option<Loc>> {
        match b {
            Builtin::Print | Builtin::Println => {
                let mut vals = Vec::new();
                if let [a] = args
                    && matches!(self.c.ty(self.tv(a)?.1), Type::Tuple(_))
                {
                    // print(f()) with a multi-value f.
                    for v in self.call_results(a)? {
                        vals.push((v, v.rep));
                    }
                } else {
                    for a in args {
                        let (_, t) = self.tv(a)?;
                        let rep = self.rep_of(t, a.start())?;
                        let v = self.expr(a)?;
                        vals.push((v, rep));
                    }
                }
                self.line(e.start());
                for (i, (v, rep)) in vals.iter().enumerate() {
                    if i > 0 && b == Builtin::Println {
                        self.emit(Op::PrintSpace, 0, 0, 0);
                    }
                    let Some(op) = print_op(*rep) else {
                        return Err(self.unsupported(e.start(), "printing this type"));
                    };
                    self.emit(op, v.off, 0, 0);
                }
                if b == Builtin::Println {
                    self.emit(Op::PrintNl, 0, 0, 0);
                }
                self.emit(Op::PrintFlush, 0, 0, 0);
                Ok(None)
            }
            Builtin::Len | Builtin::Cap if self.array_type(&args[0])?.is_some() => {
                // Not constant: the operand has calls or receives, and is
                // evaluated (a nil array pointer dereferenced panics).
                let Some((_, _, len, _)) = self.array_type(&args[0])? else {
                    return Err(self.unsupported(e.start(), "len of this type"));
                };
                self.eval_array_operand(&args[0])?;
                let d = dst.unwrap_or_else(|| self.alloc(INT));
                self.const64(d.off, len as u64);
                Ok(Some(d))
            }
            Builtin::Len | Builtin::Cap => {
                let (_, t) = self.tv(&args[0])?;
                if let Rep::Chan(_) = self.rep_of(t, e.start())? {
                    return self.chan_builtin(b, e, &args[0], dst);
                }
                if let Rep::Map(_) = self.rep_of(t, e.start())? {
                    let m = self.expr(&args[0])?;
                    let d = dst.unwrap_or_else(|| self.alloc(INT));
                    self.emit(Op::MapLen, d.off, m.off, 0);
                    return Ok(Some(d));
                }
                let word = match (self.rep_of(t, e.start())?, b) {
                    (Rep::Str | Rep::Slice(_), Builtin::Len) => 8,
                    (Rep::Slice(_), Builtin::Cap) => 16,
                    _ => return Err(self.unsupported(e.start(), "len or cap of this type")),
                };
                let s = self.expr(&args[0])?;
                let d = dst.unwrap_or_else(|| self.alloc(INT));
                self.emit(Op::Mov, d.off, s.off + word, 0);
                Ok(Some(d))
            }
            Builtin::Make if matches!(self.rep_of(self.tv(e)?.1, e.start())?, Rep::Chan(_)) => {
                self.make_chan(e, args, dst).map(Some)
            }
            Builtin::Close => self.chan_builtin(b, e, &args[0], dst),
            Builtin::Make if matches!(self.rep_of(self.tv(e)?.1, e.start())?, Rep::Map(_)) => {
                let (_, t) = self.tv(e)?;
                let (meta, ..) = self.map_meta(t, e.start())?;
                // The size hint, as an int (0: none).
                let hint = match args.get(1) {
                    Some(n) => self.expr_as(n, INT)?.off,
                    None => 0,
                };
                let d = dst.unwrap_or_else(|| self.alloc(Rep::Map(t)));
                self.emit(Op::MakeMap, d.off, hint, meta);
                Ok(Some(d))
            }
            Builtin::Delete => {
                let Place::Map { area, meta, .. } = self.map_place(&args[0], &args[1])? else {
                    return Err(self.unsupported(e.start(), "this delete"));
                };
                self.line(e.start());
                self.emit(Op::MapDelete, area, 0, meta);
                Ok(None)
            }
            Builtin::Clear
                if matches!(self.rep_of(self.tv(&args[0])?.1, e.start())?, Rep::Map(_)) =>
            {
                let (meta, ..) = self.map_meta(self.tv(&args[0])?.1, e.start())?;
                let m = self.expr(&args[0])?;
                self.emit(Op::MapClear, m.off, 0, meta);
                Ok(None)
            }
            Builtin::Clear => {
                let Rep::Slice(et) = self.rep_of(self.tv(&args[0])?.1, e.start())? else {
                    return Err(self.unsupported(e.start(), "clear of this type"));
                };
                let size = self.rep_of(et, e.start())?.mem_size();
                let s = self.expr(&args[0])?;
                self.emit(Op::ClearSlice, s.off, 0, size);
                Ok(None)
            }
            Builtin::Make => {
                let (_, t) = self.tv(e)?;
                let Rep::Slice(et) = self.rep_of(t, e.start())? else {
                    return Err(self.unsupported(e.start(), "make of this type"));
                };
                let er = self.rep_of(et, e.start())?;
                let pair = self.alloc(Rep::Str);
                let len = Loc {
                    off: pair.off,
                    rep: INT,
                };
                let cap = Loc {
                    off: pair.off + 8,
                    rep: INT,
                };
                self.expr_into(&args[1], len)?;
                match args.get(2) {
                    Some(c) => self.expr_into(c, cap)?,
                    None => self.mov(cap, len),
                }
                let d = dst.unwrap_or_else(|| self.alloc(Rep::Slice(et)));
                self.line(e.start());
                self.emit_slice_alloc(Op::MakeSlice, d.off, pair.off, er);
                Ok(Some(d))
            }
            Builtin::Append => {
                let Expr::Call { has_dots, .. } = e.unparen() else {
                    return Err(self.unsupported(e.start(), "this append"));
                };
                let (_, t) = self.tv(e)?;
                let Rep::Slice(et) = self.rep_of(t, e.start())? else {
                    return Err(self.unsupported(e.start(), "this append"));
                };
                let er = self.rep_of(et, e.start())?;
                if *has_dots {
                    // append(s, t...): t a slice or (for []byte) a string.
                    let tv = self.expr_tmp(&args[1])?;
                    let s = self.alloc(Rep::Slice(et));
                    self.expr_into(&args[0], s)?;
                    self.line(e.start());
                    self.emit_slice_alloc(Op::AppendSlice, s.off, tv.off, er);
                    return match dst {
                        Some(d) => {
                            self.mov(d, s);
                            Ok(Some(d))
                        }
                        None => Ok(Some(s)),
                    };
                }
                let mut vals = Vec::new();
                let s = self.alloc(Rep::Slice(et));
                if let [a] = args
                    && let Type::Tuple(elems) = self.c.ty(self.tv(a)?.1).clone()
                {
                    // append(f()): the slice and the elements from one call.
                    let mut want = vec![Some(er); elems.len()];
                    want[0] = None;
                    let rs = self.tuple_as(a, &want)?;
                    self.mov(s, rs[0]);
                    vals.extend_from_slice(&rs[1..]);
                } else {
                    // Elements first, then the slice grows and receives them.
                    for a in &args[1..] {
                        let v = self.alloc(er);
                        self.expr_into(a, v)?;
                        vals.push(v);
                    }
                    self.expr_into(&args[0], s)?;
                }
                if !vals.is_empty() {
                    let old_len = self.alloc(INT);
                    self.emit(Op::Mov, old_len.off, s.off + 8, 0);
                    let n = self.alloc(INT);
                    self.const64(n.off, vals.len() as u64);
                    self.line(e.start());
                    self.emit_slice_alloc(Op::Grow, s.off, n.off, er);
                    let idx = self.alloc(INT);
                    let addr = self.alloc(INT);
                    for (k, v) in vals.iter().enumerate() {
                        self.emit(Op::AddI, idx.off, old_len.off, k as u32);
                        self.index_into(addr, s, idx, er);
                        self.store(addr.off, 0, *v);
                    }
                }
                match dst {
                    Some(d) => {
                        self.mov(d, s);
                        Ok(Some(d))
                    }
                    None => Ok(Some(s)),
                }
            }
            Builtin::Min | Builtin::Max => {
                let (_, t) = self.tv(e)?;
                let rep = self.rep_of(t, e.start())?;
                let d = self.alloc(rep);
                self.expr_into(&args[0], d)?;
                for a in &args[1..] {
                    let v = self.expr(a)?;
                    match rep {
                        Rep::F64 => {
                            let op = if b == Builtin::Min {
                                Op::MinF
                            } else {
                                Op::MaxF
                            };
                            self.emit(op, d.off, v.off, 0);
                        }
                        Rep::Int { signed, .. } => {
                            // Keep d unless v is smaller (larger).
                            let (x, y) = if b == Builtin::Min { (d, v) } else { (v, d) };
                            let op = if signed { Op::JLeS } else { Op::JLeU };
                            let keep = self.emit(op, x.off, y.off, 0);
                            self.mov(d, v);
                            self.patch_here(keep);
                        }
                        Rep::Str => {
                            let lt = self.alloc(Rep::Bool);
                            let (x, y) = if b == Builtin::Min { (v, d) } else { (d, v) };
                            self.emit(Op::StrLt, lt.off, x.off, y.off);
                            let keep = self.emit(Op::JmpIfNot, lt.off, 0, 0);
                            self.mov(d, v);
                            self.patch_here(keep);
                        }
                        _ => return Err(self.unsupported(e.start(), "min or max of this type")),
                    }
                }
                match dst {
                    Some(out) => {
                        self.mov(out, d);
                        Ok(Some(out))
                    }
                    None => Ok(Some(d)),
                }
            }
            Builtin::New => {
                let (_, t) = self.tv(e)?;
                let Rep::Ptr(et) = self.rep_of(t, e.start())? else {
                    return Err(self.unsupported(e.start(), "this new"));
                };
                let (mode, _) = self.tv(&args[0])?;
                let erep = self.rep_of(et, e.start())?;
                let d = dst.unwrap_or_else(|| self.alloc(Rep::Ptr(et)));
                if mode == Mode::TypExpr {
                    self.emit_new(d.off, erep);
                    return Ok(Some(d));
                }
                // new(v) (Go 1.26): a new variable holding v.
                let v = self.alloc(erep);
                self.expr_into(&args[0], v)?;
                let p = self.alloc(Rep::Ptr(et));
                self.emit_new(p.off, erep);
                self.store(p.off, 0, v);
                self.mov(d, p);
                Ok(Some(d))
            }
            Builtin::Real | Builtin::Imag | Builtin::Complex => {
                let (_, t) = self.tv(e)?;
                let rep = self.rep_of(t, e.start())?;
                let d = self.alloc(rep);
                match (b, rep) {
                    (Builtin::Complex, Rep::C128) if args.len() == 1 => {
                        // complex(f()) with f returning two floats.
                        let rs = self.call_results(&args[0])?;
                        self.emit(Op::Mov, d.off, rs[0].off, 0);
                        self.emit(Op::Mov, d.off + 8, rs[1].off, 0);
                    }
                    (Builtin::Complex, Rep::C128) => {
                        let (re, im) = (self.alloc(Rep::F64), self.alloc(Rep::F64));
                        self.expr_into(&args[0], re)?;
                        self.expr_into(&args[1], im)?;
                        self.emit(Op::Mov, d.off, re.off, 0);
                        self.emit(Op::Mov, d.off + 8, im.off, 0);
                    }
                    (Builtin::Complex, _) => {
                        let (re, im) = (self.alloc(Rep::F32), self.alloc(Rep::F32));
                        self.expr_into(&args[0], re)?;
                        self.expr_into(&args[1], im)?;
                        self.emit(Op::Zext32, d.off, re.off, 0);
                        self.emit(Op::ShlI, im.off, im.off, 32);
                        self.emit(Op::Or, d.off, d.off, im.off);
                    }
                    (_, Rep::F64) => {
                        let c = self.alloc(Rep::C128);
                        self.expr_into(&args[0], c)?;
                        let off = if b == Builtin::Real { c.off } else { c.off + 8 };
                        self.emit(Op::Mov, d.off, off, 0);
                    }
                    _ => {
                        let c = self.alloc(Rep::C64);
                        self.expr_into(&args[0], c)?;
                        if b == Builtin::Real {
                            self.emit(Op::Zext32, d.off, c.off, 0);
                        } else {
                            self.emit(Op::ShrUI, d.off, c.off, 32);
                        }
                    }
                }
                match dst {
                    Some(out) => {
                        self.mov(out, d);
                        Ok(Some(out))
                    }
                    None => Ok(Some(d)),
                }
            }
            Builtin::Add
            | Builtin::String
            | Builtin::StringData
            | Builtin::SliceData
            | Builtin::Slice => {
                let (_, t) = self.tv(e)?;
                let rep = self.rep_of(t, e.start())?;
                let d = self.alloc(rep);
                let a = self.expr(&args[0])?;
                match b {
                    // unsafe.Add(p, n): p + n.
                    Builtin::Add => {
                        let n = self.alloc(INT);
                        self.expr_into(&args[1], n)?;
                        self.emit(Op::Add, d.off, a.off, n.off);
                    }
                    // unsafe.String(p, n), unsafe.Slice(p, n): the header.
                    Builtin::String | Builtin::Slice => {
                        let n = self.alloc(INT);
                        self.expr_into(&args[1], n)?;
                        self.emit(Op::Mov, d.off, a.off, 0);
                        self.emit(Op::Mov, d.off + 8, n.off, 0);
                        if b == Builtin::Slice {
                            self.emit(Op::Mov, d.off + 16, n.off, 0);
                        }
                    }
                    // unsafe.StringData(s), unsafe.SliceData(s): the pointer.
                    _ => {
                        self.emit(Op::Mov, d.off, a.off, 0);
                    }
                }
                match dst {
                    Some(out) => {
                        self.mov(out, d);
                        Ok(Some(out))
                    }
                    None => Ok(Some(d)),
                }
            }
            Builtin::Copy => {
                let (_, t) = self.tv(&args[0])?;
                let Rep::Slice(et) = self.rep_of(t, e.start())? else {
                    return Err(self.unsupported(e.start(), "copy of this type"));
                };
                let size = self.rep_of(et, e.start())?.mem_size();
                let area = self.alloc(Rep::Str);
                let _count = self.alloc(Rep::Str);
                self.expr_into(
                    &args[0],
                    Loc {
                        off: area.off,
                        rep: Rep::Slice(et),
                    },
                )?;
                let src = self.expr(&args[1])?;
                let typed = self.c.type_layout(et).map_or(true, |l| l.has_ptrs());
                let op = if typed { Op::CopyPtr } else { Op::Copy };
                self.emit(op, area.off, src.off, size);
                let n = Loc {
                    off: area.off + 24,
                    rep: INT,
                };
                match dst {
                    Some(d) => {
                        self.mov(d, n);
                        Ok(Some(d))
                    }
                    None => Ok(Some(n)),
                }
            }
            Builtin::Panic => {
                let any = self.c.world.prog.unalias(self.c.world.prog.any_alias);
                let v = self.alloc(Rep::Iface(any));
                self.expr_into(&args[0], v)?;
                self.line(e.start());
                self.emit(Op::Panic, v.off, 0, 0);
                Ok(None)
            }
            // Not constant only in generic code: sizes of the instance.
            Builtin::Sizeof | Builtin::Alignof | Builtin::Offsetof => {
                let v = match b {
                    Builtin::Sizeof => self.c.world.prog.size_of(self.tv(&args[0])?.1),
                    Builtin::Alignof => self.c.world.prog.align_of(self.tv(&args[0])?.1),
                    _ => {
                        let Expr::Selector { x, sel, .. } = args[0].unparen() else {
                            return Err(self.unsupported(e.start(), "this Offsetof"));
                        };
                        let xt = self.tv(x)?.1;
                        let path = self
                            .c
                            .info
                            .uses
                            .get(&key(sel))
                            .and_then(|&f| self.field_path(xt, f, &mut Vec::new()));
                        let Some(path) = path else {
                            return Err(self.unsupported(e.start(), "this Offsetof"));
                        };
                        path.iter().map(|&(off, _)| i64::from(off)).sum()
                    }
                };
                let d = dst.unwrap_or_else(|| self.alloc(INT));
                self.const64(d.off, v as u64);
                Ok(Some(d))
            }
            Builtin::Recover => {
                let any = self.c.world.prog.unalias(self.c.world.prog.any_alias);
                let v = self.alloc(Rep::Iface(any));
                self.emit(Op::Recover, v.off, 0, 0);
                match dst {
                    Some(d) => {
                        self.convert_iface(v, any, d)?;
                        Ok(Some(d))
                    }
                    None => Ok(Some(v)),
                }
            }
        }
    }

    /// `T(x)` for basic types `T`.
    fn conversion(&mut self, x: &Expr, dst: Loc, pos: Pos) -> Result<()> {
        let (mode, xt) = self.tv(x)?;
        if mode == Mode::Nil || self.c.world.prog.basic_kind(xt) == Some(BasicKind::UntypedNil) {
            self.emit(Op::Zero, dst.off, 0, dst.rep.size());
            return Ok(());
        }
        let from = self.rep_of(xt, x.start())?;
        let v = self.expr(x)?;
        let to = dst.rep;
        match (from, to) {
            (Rep::Int { .. }, Rep::Int { .. }) => {
                self.mov(dst, v);
                self.normalize(dst);
            }
            (Rep::Int { signed, .. }, Rep::F64) => {
                self.emit(if signed { Op::I2F } else { Op::U2F }, dst.off, v.off, 0);
            }
            (Rep::Int { signed, .. }, Rep::F32) => {
                self.emit(
                    if signed { Op::I2F32 } else { Op::U2F32 },
                    dst.off,
                    v.off,
                    0,
                );
            }
            (Rep::F64, Rep::Int { signed, .. }) => {
                self.emit(if signed { Op::F2I } else { Op::F2U }, dst.off, v.off, 0);
                self.normalize(dst);
            }
            (Rep::F32, Rep::Int { signed, .. }) => {
                self.emit(
                    if signed { Op::F32ToI } else { Op::F32ToU },
                    dst.off,
                    v.off,
                    0,
                );
                self.normalize(dst);
            }
            (Rep::F64, Rep::F32) => {
                self.emit(Op::FToF32, dst.off, v.off, 0);
            }
            (Rep::F32, Rep::F64) => {
                self.emit(Op::F32ToF, dst.off, v.off, 0);
            }
            (Rep::C64, Rep::C128) => {
                self.emit(Op::C64ToC, dst.off, v.off, 0);
            }
            (Rep::C128, Rep::C64) => {
                self.emit(Op::CToC64, dst.off, v.off, 0);
            }
            (a, b) if a == b => self.mov(dst, v),
            (_, Rep::Iface(_)) => self.convert_iface(v, xt, dst)?,
            (Rep::Ptr(_), Rep::Int { bits: 64, .. }) | (Rep::Int { bits: 64, .. }, Rep::Ptr(_)) => {
                self.mov(dst, v)
            }
            (Rep::Ptr(_), Rep::Ptr(_))
            | (Rep::Func(_), Rep::Func(_))
            | (Rep::Map(_), Rep::Map(_))
            | (Rep::Chan(_), Rep::Chan(_))
            | (Rep::Slice(_), Rep::Slice(_)) => self.mov(dst, v),
            (Rep::Struct { size: a, .. }, Rep::Struct { size: b, .. }) if a == b => {
                self.mov(dst, v)
            }
            (Rep::Slice(_), Rep::Ptr(at)) => {
                let Some(n) = self.array_len(at) else {
                    return Err(self.unsupported(pos, "this conversion"));
                };
                self.line(pos);
                self.emit(Op::SliceToArray, dst.off, v.off, n);
            }
            (Rep::Slice(_), Rep::Struct { t, size }) => {
                let Some(n) = self.array_len(t) else {
                    return Err(self.unsupported(pos, "this conversion"));
                };
                let p = self.alloc(INT);
                self.line(pos);
                self.emit(Op::SliceToArray, p.off, v.off, n);
                if size > 0 {
                    self.emit(Op::LoadBlk, dst.off, p.off, size);
                }
            }
            (Rep::Slice(et), Rep::Str) if self.rep_of(et, pos)? == BYTE => {
                self.emit(Op::BytesToStr, dst.off, v.off, 0);
            }
            (Rep::Str, Rep::Slice(et)) if self.rep_of(et, pos)? == BYTE => {
                self.emit(Op::StrToBytes, dst.off, v.off, 0);
            }
            (Rep::Int { .. }, Rep::Str) => {
                self.emit(Op::RuneToStr, dst.off, v.off, 0);
            }
            (Rep::Slice(et), Rep::Str) if self.rep_of(et, pos)? == RUNE => {
                self.emit(Op::RunesToStr, dst.off, v.off, 0);
            }
            (Rep::Str, Rep::Slice(et)) if self.rep_of(et, pos)? == RUNE => {
                self.emit(Op::StrToRunes, dst.off, v.off, 0);
            }
            _ => return Err(self.unsupported(pos, "this conversion")),
        }
        Ok(())
    }
}

/// The comparison that holds when `op`'s does not (integers only).
fn negate(op: Operator) -> Operator {
    match op {
        Operator::Eql => Operator::Neq,
        Operator::Neq => Operator::Eql,
        Operator::Lss => Operator::Geq,
        Operator::Leq => Operator::Gtr,
        Operator::Gtr => Operator::Leq,
        _ => Operator::Lss,
    }
}

/// The instruction printing a value of representation `rep` (print and
/// println).
fn print_op(rep: Rep) -> Option<Op> {
    Some(match rep {
        Rep::Int { signed: true, .. } => Op::PrintInt,
        Rep::Int { signed: false, .. } => Op::PrintUint,
        Rep::F64 => Op::PrintFloat,
        Rep::F32 => Op::PrintFloat32,
        Rep::Bool => Op::PrintBool,
        Rep::Str => Op::PrintStr,
        Rep::Iface(_) => Op::PrintIface,
        Rep::C128 => Op::PrintComplex,
        Rep::C64 => Op::PrintComplex64,
        Rep::Ptr(_) | Rep::Map(_) | Rep::Chan(_) | Rep::Func(_) => Op::PrintPointer,
        Rep::Slice(_) => Op::PrintSlice,
        Rep::Struct { .. } => return None,
    })
}

/// Whether a body has range-over-func loops (outside function literals).
fn has_range_func(b: &FnBuilder<'_, '_>, stmts: &[Stmt]) -> bool {
    let mut any = false;
    crate::walk::stmts(stmts, &mut |s| any |= b.range_func_loop(s).is_some());
    any
}

/// Whether a body has `defer` statements (outside function literals).
fn contains_defer(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match s {
        Stmt::Call {
            tok: Token::Defer, ..
        } => true,
        Stmt::Labeled { stmt, .. } => contains_defer(std::slice::from_ref(&**stmt)),
        Stmt::Block(b) => contains_defer(&b.stmts),
        Stmt::If { then, els, .. } => {
            contains_defer(&then.stmts)
                || els
                    .as_ref()
                    .is_some_and(|e| contains_defer(std::slice::from_ref(&**e)))
        }
        Stmt::For { body, .. } => contains_defer(&body.stmts),
        Stmt::Switch { body, .. } => body.iter().any(|c| contains_defer(&c.body)),
        Stmt::Select { body, .. } => body.iter().any(|c| contains_defer(&c.body)),
        _ => false,
    })
}

/// The operands of a chain of string concatenations, left to right
/// (constant sub-chains stay whole: they are folded already).
fn flatten_concat<'e>(b: &FnBuilder<'_, '_>, e: &'e Expr, out: &mut Vec<&'e Expr>) {
    if let Expr::Operation {
        op: Operator::Add,
        x,
        y: Some(y),
        ..
    } = e.unparen()
        && !matches!(b.tv(e), Ok((Mode::Constant(_), _)))
    {
        flatten_concat(b, x, out);
        flatten_concat(b, y, out);
        return;
    }
    out.push(e);
}

/// The representation of `byte`.
const BYTE: Rep = Rep::Int {
    signed: false,
    bits: 8,
};

/// The representation of `rune`.
const RUNE: Rep = Rep::Int {
    signed: true,
    bits: 32,
};

/// The representation of `int`.
const INT: Rep = Rep::Int {
    signed: true,
    bits: 64,
};

/// The representation a place stores (none for `_`).
fn place_rep(p: Place) -> Option<Rep> {
    match p {
        Place::Frame(l) => Some(l.rep),
        Place::FrameMem { rep, .. } | Place::Mem { rep, .. } | Place::Map { rep, .. } => Some(rep),
        Place::Blank => None,
    }
}

/// The default type of an untyped constant's type (others unchanged).
fn default_type(t: TypeId) -> TypeId {
    use BasicKind::*;
    match t {
        t if t == TypeId::basic(UntypedBool) => TypeId::basic(Bool),
        t if t == TypeId::basic(UntypedInt) => TypeId::basic(Int),
        t if t == TypeId::basic(UntypedRune) => TypeId::basic(Int32),
        t if t == TypeId::basic(UntypedFloat) => TypeId::basic(Float64),
        t if t == TypeId::basic(UntypedComplex) => TypeId::basic(Complex128),
        t if t == TypeId::basic(UntypedString) => TypeId::basic(String),
        t => t,
    }
}

fn basic_for_int(signed: bool, bits: u32) -> TypeId {
    use BasicKind::*;
    TypeId::basic(match (signed, bits) {
        (true, 8) => Int8,
        (true, 16) => Int16,
        (true, 32) => Int32,
        (true, _) => Int64,
        (false, 8) => Uint8,
        (false, 16) => Uint16,
        (false, 32) => Uint32,
        (false, _) => Uint64,
    })
}

fn is_blank(e: &Expr) -> bool {
    matches!(e.unparen(), Expr::Name(n) if n.value == "_")
}

/// Whether a statement declares variables that outlive it.
fn declares(s: &Stmt) -> bool {
    match s {
        Stmt::Labeled { stmt, .. } => declares(stmt),
        _ => matches!(
            s,
            Stmt::Decl { .. }
                | Stmt::Assign {
                    op: Some(Operator::Def),
                    ..
                }
        ),
    }
}
