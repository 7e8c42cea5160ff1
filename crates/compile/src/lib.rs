//! The compiler: the typed syntax tree of a package becomes bytecode and
//! function metadata (`abi`).
//!
//! Built so far: direct lowering of package `main`'s functions (no IR or
//! escape analysis yet) for the sequential core — integers of every width,
//! floats, booleans and strings in frame slots, constants, arithmetic with
//! Go's wrapping and division rules, conversions, local variables,
//! assignments, `if`/`for`/`switch`/`break`/`continue`/`return`, calls with
//! several results, range over integers, and `print`/`println`. Anything
//! else is reported as [`Unsupported`] so that `rgo run` can say so rather
//! than run a program wrongly.
//!
//! # Lowering
//!
//! Each function gets a frame (layout in `abi::func`): parameters and
//! results after the header, then one region per local variable, then
//! temporaries allocated like a stack per statement, then the outgoing call
//! area. An expression is compiled into a destination slot when the caller
//! has one ([`FnBuilder::expr_into`]) or into a fresh temporary; variables
//! are read in place. Integer results narrower than 64 bits are normalised
//! (`Sext*`/`Zext*`) right after the operation that produced them.
#![forbid(unsafe_code)]

mod func;
mod gcshape;
mod liveness;
mod walk;

use abi::{FRAME_HEADER, FuncId, FuncInfo, Inst, Op, Program};
use std::collections::HashMap;
use syntax::ast::{self, Decl, Expr};
use types::check::{Info, World};
use types::ty::{ObjId, PkgId, Type};

/// A construct the compiler does not handle yet.
#[derive(Debug, Clone)]
pub struct Unsupported {
    /// The file (as named in diagnostics) and position.
    pub file: String,
    pub pos: syntax::Pos,
    pub what: String,
}

/// One source file of the package being compiled.
pub struct SourceFile<'a> {
    /// The name tracebacks print (an absolute path, as gc records it).
    pub path: String,
    /// The name diagnostics use.
    pub display: String,
    pub ast: &'a ast::File,
}

/// Compiles package `pkg` (a command: package `main`) into a program whose
/// entry runs the `init` functions, then `main`.
pub fn compile(
    world: &mut World,
    info: &Info,
    pkg: PkgId,
    files: &[SourceFile<'_>],
) -> Result<Program, Unsupported> {
    let mut c = Compiler {
        world,
        info,
        pkg,
        funcs: HashMap::new(),
        program: Program::default(),
        strings: HashMap::new(),
        static_closures: HashMap::new(),
        globals: HashMap::new(),
        types: Vec::new(),
        methods_done: Default::default(),
        wrappers: Vec::new(),
        method_values: Vec::new(),
        generic: Default::default(),
        instances: Vec::new(),
        pending: Vec::new(),
        layouts: HashMap::new(),
        shape_ids: HashMap::new(),
        layout_errors: Vec::new(),
        keepalive: Default::default(),
    };
    // Package variables: laid out as gc lays out a struct of them.
    let mut var_inits: HashMap<usize, &Expr> = HashMap::new();
    for f in files {
        for d in &f.ast.decls {
            let Decl::Var(v) = d else { continue };
            for n in &v.names {
                let Some(&o) = info.defs.get(&types::check::key(n)) else {
                    continue;
                };
                let t = c.world.prog.obj(o).ty;
                let (size, align) = (c.world.prog.size_of(t), c.world.prog.align_of(t));
                let align = align.max(1);
                let off = (c.program.globals_size as i64 + align - 1) / align * align;
                c.globals.insert(o, (off as u32, t));
                c.program.globals_size = (off + size) as u32;
            }
            if let Some(values) = &v.values {
                for e in values.list() {
                    var_inits.insert(types::check::key(e), e);
                }
            }
        }
    }
    // Variables of the standard library the program uses and rgo
    // provides (it does not compile the standard library): each gets a
    // slot after the package's own, zero at start.
    let mut provided: Vec<ObjId> = info
        .uses
        .values()
        .copied()
        .filter(|&o| provided_var(&c.world.prog, o))
        .collect();
    provided.sort();
    provided.dedup();
    for o in provided {
        let t = c.world.prog.obj(o).ty;
        let (size, align) = (c.world.prog.size_of(t), c.world.prog.align_of(t).max(1));
        let off = (c.program.globals_size as i64 + align - 1) / align * align;
        c.globals.insert(o, (off as u32, t));
        c.program.globals_size = (off + size) as u32;
    }
    // The package variables' pointer bitmap (the collector's data roots).
    let mut globals = gcshape::Layout::noscan(c.program.globals_size);
    let mut vars: Vec<(u32, types::ty::TypeId)> = c.globals.values().copied().collect();
    vars.sort_by_key(|&(off, _)| off);
    for (off, t) in vars {
        let l = c
            .type_layout(t)
            .map_err(|what| c.unsupported(&files[0], files[0].ast.pkg_name.pos, &what))?;
        globals.place(off, &l);
    }
    c.program.globals_mask = globals.mask;
    // Function ids: 0 is the entry, 1 initializes package variables, then
    // the package's functions in order.
    c.program.funcs.push(FuncInfo::default());
    c.program.funcs.push(FuncInfo::default());
    let mut decls = Vec::new();
    let mut generic_decls = HashMap::new();
    let mut inits = Vec::new();
    let mut main_id = None;
    for f in files {
        for d in &f.ast.decls {
            let Decl::Func(fd) = d else {
                continue;
            };
            let Some(&obj) = info.defs.get(&types::check::key(&fd.name)) else {
                return Err(c.unsupported(f, fd.pos, "a function without an object"));
            };
            if fd.pragma.iter().any(|d| {
                matches!(
                    d.text.split_whitespace().next(),
                    Some("go:uintptrescapes" | "go:uintptrkeepalive")
                )
            }) {
                c.keepalive.insert(obj);
            }
            if !fd.tparams.is_empty()
                || c.world
                    .recv_tparams
                    .get(&obj)
                    .is_some_and(|t| !t.is_empty())
            {
                c.generic.insert(obj);
                generic_decls.insert(obj, (f, fd));
                continue;
            }
            let id = c.program.funcs.len() as FuncId;
            c.program.funcs.push(FuncInfo::default());
            c.funcs.insert(obj, id);
            if fd.name.value == "init" {
                inits.push(id);
            } else if fd.name.value == "main" {
                main_id = Some(id);
            }
            decls.push((f, fd, obj, id));
        }
    }
    for (f, fd, obj, id) in decls {
        let fi = func::compile_func(&mut c, f, fd, obj)?;
        c.program.funcs[id as usize] = fi;
    }
    // Package variables in the spec's order.
    let inits_order: Vec<(Vec<ObjId>, &Expr)> = info
        .init_order
        .iter()
        .filter_map(|i| Some((i.lhs.clone(), *var_inits.get(&i.rhs)?)))
        .collect();
    c.program.funcs[1] = func::compile_var_init(&mut c, &files[0], &inits_order)?;
    // Instances of generic code, as calls asked for them.
    while let Some((obj, targs, id)) = c.pending.pop() {
        let Some(&(f, fd)) = generic_decls.get(&obj) else {
            let f = &files[0];
            return Err(c.unsupported(f, f.ast.pkg_name.pos, "generic code of other packages"));
        };
        c.program.funcs[id as usize] = func::compile_instance(&mut c, f, fd, obj, &targs)?;
    }
    let Some(main_id) = main_id else {
        let f = &files[0];
        return Err(c.unsupported(f, f.ast.pkg_name.pos, "a package without func main"));
    };
    // The entry: call each init, then main, then stop.
    let mut code: Vec<Inst> = std::iter::once(&1)
        .chain(&inits)
        .chain(std::iter::once(&main_id))
        .map(|&id| Inst::new(Op::Call, id, FRAME_HEADER, 0))
        .collect();
    code.push(Inst::new(Op::Halt, 0, 0, 0));
    c.program.funcs[0] = FuncInfo {
        name: "runtime.main".into(),
        file: String::new(),
        frame_size: 2 * FRAME_HEADER,
        code,
        ..FuncInfo::default()
    };
    c.program.entry = 0;
    // The stack maps, cut down to what is live at each instruction.
    liveness::apply(&mut c.program);
    // Every allocation names its layout (abi::shape, rule 1): a site that
    // emitted an allocating opcode without one fails here, in every build.
    if let Some(e) = c.layout_errors.first() {
        let f = &files[0];
        return Err(c.unsupported(f, f.ast.pkg_name.pos, &format!("internal: {e}")));
    }
    for func in &c.program.funcs {
        if let Err(e) = func.verify_allocs(&c.program.shapes) {
            let f = &files[0];
            return Err(c.unsupported(f, f.ast.pkg_name.pos, &format!("internal: {e}")));
        }
    }
    Ok(c.program)
}

/// State shared by the functions of one package.
pub(crate) struct Compiler<'w> {
    pub world: &'w mut World,
    pub info: &'w Info,
    pub pkg: PkgId,
    /// Function objects of this package → their ids.
    pub funcs: HashMap<ObjId, FuncId>,
    pub program: Program,
    /// String constants already in the data segment → their offsets.
    pub strings: HashMap<Vec<u8>, u32>,
    /// Closure objects of functions without captured variables, in the
    /// read-only data (8-aligned): function → offset.
    pub static_closures: HashMap<FuncId, u32>,
    /// Package variables → their offsets in the globals and types.
    pub globals: HashMap<ObjId, (u32, types::ty::TypeId)>,
    /// Types with descriptors → their indices in `program.types`.
    pub types: Vec<(types::ty::TypeId, abi::TypeIdx)>,
    /// Descriptors whose method tables are filled in.
    pub methods_done: std::collections::HashSet<abi::TypeIdx>,
    /// Itab method wrappers made: dynamic type, method name, function.
    pub wrappers: Vec<(types::ty::TypeId, String, FuncId)>,
    /// Method value wrappers (`T.m-fm`): method, interface type for
    /// interface methods, the method's function otherwise, wrapper.
    pub method_values: Vec<(ObjId, Option<types::ty::TypeId>, Option<FuncId>, FuncId)>,
    /// Generic functions and methods of generic types (compiled per
    /// instance).
    pub generic: std::collections::HashSet<ObjId>,
    /// Instances made: generic object, type arguments, function.
    pub instances: Vec<(ObjId, Vec<types::ty::TypeId>, FuncId)>,
    /// Instances still to compile.
    pub pending: Vec<(ObjId, Vec<types::ty::TypeId>, FuncId)>,
    /// Pointer layouts computed so far, by type (`gcshape`).
    pub layouts: HashMap<types::ty::TypeId, gcshape::Layout>,
    /// Interned shapes → their indices in `program.shapes`.
    pub shape_ids: HashMap<abi::GcShapeInfo, abi::ShapeIdx>,
    /// Layouts the compiler could not determine (compiler bugs): the
    /// build fails with them rather than give the collector a guess.
    pub layout_errors: Vec<String>,
    /// Functions marked `//go:uintptrescapes` or `//go:uintptrkeepalive`
    /// (gc's `UintptrKeepAlive` pragma flag): a pointer converted to
    /// `uintptr` in an argument of a call of one stays live until the
    /// call returns (`FnBuilder::keepalive_args`).
    pub keepalive: std::collections::HashSet<ObjId>,
}

impl Compiler<'_> {
    pub fn unsupported(&self, f: &SourceFile<'_>, pos: syntax::Pos, what: &str) -> Unsupported {
        Unsupported {
            file: f.display.clone(),
            pos,
            what: what.to_string(),
        }
    }

    /// The offset of string `s` in the program data.
    pub fn string_data(&mut self, s: &[u8]) -> u32 {
        if let Some(&off) = self.strings.get(s) {
            return off;
        }
        let off = self.program.data.len() as u32;
        self.program.data.extend_from_slice(s);
        self.strings.insert(s.to_vec(), off);
        off
    }

    /// The offset in the read-only data of the closure object of function
    /// `id` when it captures nothing (one shared object, as gc's static
    /// `funcval`s: no allocation per func value).
    pub fn static_closure(&mut self, id: FuncId) -> u32 {
        if let Some(&off) = self.static_closures.get(&id) {
            return off;
        }
        let data = &mut self.program.data;
        data.resize(data.len().next_multiple_of(8), 0);
        let off = data.len() as u32;
        data.extend_from_slice(&u64::from(id).to_le_bytes());
        self.static_closures.insert(id, off);
        off
    }

    /// The name tracebacks print for function object `obj`.
    /// Methods are named as gc names them: `main.T.m`, `main.(*T).m`.
    pub fn func_name(&self, obj: ObjId) -> String {
        let o = self.world.prog.obj(obj);
        let pkg = o
            .pkg
            .map_or("main".to_string(), |p| self.world.prog.pkg(p).path.clone());
        if let Type::Signature(sig) = self.world.prog.ty(o.ty)
            && let Some(r) = sig.recv
        {
            let rt = self.world.prog.obj(r).ty;
            let (ptr, base) = match self.world.prog.ty(rt) {
                Type::Pointer(b) => (true, *b),
                _ => (false, rt),
            };
            let name = self.world.prog.type_string(base, Some(self.pkg));
            return if ptr {
                format!("{pkg}.(*{name}).{}", o.name)
            } else {
                format!("{pkg}.{name}.{}", o.name)
            };
        }
        format!("{pkg}.{}", o.name)
    }

    pub fn obj(&self, o: ObjId) -> &types::ty::Object {
        self.world.prog.obj(o)
    }

    pub fn ty(&self, t: types::ty::TypeId) -> &Type {
        self.world.prog.ty(t)
    }
}

/// Whether `o` is a package variable of the standard library that rgo
/// provides as a plain variable. `runtime.MemProfileRate`: rgo has no
/// memory profiler, so the rate is stored and has no effect, and it
/// starts at 0, as in Go when the program does not reach
/// `runtime.MemProfile` (the linker then disables profiling).
fn provided_var(prog: &types::ty::Program, o: ObjId) -> bool {
    let obj = prog.obj(o);
    matches!(
        obj.kind,
        types::ty::ObjKind::Var {
            is_field: false,
            ..
        }
    ) && obj
        .pkg
        .is_some_and(|p| prog.pkg(p).path == "runtime" && obj.name == "MemProfileRate")
}
