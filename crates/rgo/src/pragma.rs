//! gc's checks of `//go:` directives (`cmd/compile/internal/noder`).
//!
//! The parser hands every `//go:` comment over as a raw [`Directive`]: the
//! ones a declaration took (its `pragma` list, the file's for those before
//! the package clause) and the ones no declaration took
//! (`File::unused_pragmas`). gc judges them in two steps, and so does rgo:
//!
//! 1. While parsing (`noder.pragma`, `checkUnusedDuringParse`): a directive
//!    not on a line of its own is misplaced; `//go:linkname` and
//!    `//go:embed` need arguments; runtime-only and std-only directives are
//!    refused elsewhere; a directive no declaration took is misplaced if it
//!    means anything (a non-zero pragma flag, or an embed).
//! 2. After a successful type check (`checkPragmas` from the unified IR
//!    writer): each declaration may carry only the directives allowed for
//!    its kind — functions the function pragmas, the file `//go:build`,
//!    everything else none; `//go:embed` only on variables.
//!
//! Errors of step 1 join the syntax errors; those of step 2 come only when
//! the package type-checked cleanly, as in gc.
//!
//! Differs from gc: declarations inside function literals are not visited
//! in step 2 (gc walks the whole syntax tree), and the wasm and cgo
//! directives only get their placement and "cgo-generated code" checks.

use syntax::Pos;
use syntax::ast::{self, Decl, Directive, Stmt};

/// What the package being compiled is (gc's `-std` and `-+` flags).
#[derive(Clone, Copy, Debug, Default)]
pub struct PragmaContext {
    /// Compiling the standard library (`-std`).
    pub std: bool,
    /// Compiling the runtime (`-+`).
    pub runtime: bool,
}

// Pragma flags (`ir.PragmaFlag`), the ones gc's `pragmaFlag` knows.
const GO_BUILD: u32 = 1 << 0;
const NOESCAPE: u32 = 1 << 1;
const NORACE: u32 = 1 << 2;
const NOSPLIT: u32 = 1 << 3;
const NOINLINE: u32 = 1 << 4;
const NOCHECKPTR: u32 = 1 << 5;
const SYSTEMSTACK: u32 = 1 << 6;
const NOWRITEBARRIER: u32 = 1 << 7;
const NOWRITEBARRIERREC: u32 = 1 << 8;
const YESWRITEBARRIERREC: u32 = 1 << 9;
const CGO_UNSAFE_ARGS: u32 = 1 << 10;
const UINTPTR_KEEPALIVE: u32 = 1 << 11;
const UINTPTR_ESCAPES: u32 = 1 << 12;
const REGISTER_PARAMS: u32 = 1 << 13;

/// The directives a function declaration may carry (`funcPragmas`).
const FUNC_PRAGMAS: u32 = NOESCAPE
    | NORACE
    | NOSPLIT
    | NOINLINE
    | NOCHECKPTR
    | REGISTER_PARAMS
    | CGO_UNSAFE_ARGS
    | UINTPTR_KEEPALIVE
    | UINTPTR_ESCAPES
    | SYSTEMSTACK
    | NOWRITEBARRIER
    | NOWRITEBARRIERREC
    | YESWRITEBARRIERREC;

const RUNTIME_PRAGMAS: u32 = SYSTEMSTACK | NOWRITEBARRIER | NOWRITEBARRIERREC | YESWRITEBARRIERREC;

/// gc's `pragmaFlag` (field tracking, which enables `go:nointerface`, is
/// off).
fn pragma_flag(verb: &str) -> u32 {
    match verb {
        "go:build" => GO_BUILD,
        "go:noescape" => NOESCAPE,
        "go:norace" => NORACE,
        "go:nosplit" => NOSPLIT | NOCHECKPTR,
        "go:noinline" => NOINLINE,
        "go:nocheckptr" => NOCHECKPTR,
        "go:systemstack" => SYSTEMSTACK,
        "go:nowritebarrier" => NOWRITEBARRIER,
        "go:nowritebarrierrec" => NOWRITEBARRIERREC | NOWRITEBARRIER,
        "go:yeswritebarrierrec" => YESWRITEBARRIERREC,
        "go:cgo_unsafe_args" => CGO_UNSAFE_ARGS | NOCHECKPTR,
        "go:uintptrkeepalive" => UINTPTR_KEEPALIVE,
        "go:uintptrescapes" => UINTPTR_ESCAPES | UINTPTR_KEEPALIVE,
        "go:registerparams" => REGISTER_PARAMS,
        _ => 0,
    }
}

/// Directives without a flag that the standard library may use
/// (`allowedStdPragmas`).
const ALLOWED_STD_PRAGMAS: &[&str] = &[
    "go:cgo_export_static",
    "go:cgo_export_dynamic",
    "go:cgo_import_static",
    "go:cgo_import_dynamic",
    "go:cgo_ldflag",
    "go:cgo_dynamic_linker",
    "go:embed",
    "go:fix",
    "go:generate",
    "go:linkname",
];

/// What one directive means, once read.
enum Meaning {
    /// Placed wrongly or malformed: already reported.
    Rejected,
    /// A pragma flag (possibly zero: unknown directives mean nothing).
    Flag(u32),
    Embed,
}

/// Reads one directive (`noder.pragma`), reporting what is wrong with it.
fn read(d: &Directive, cx: PragmaContext, errs: &mut Vec<(Pos, String)>) -> Meaning {
    if !d.blank {
        errs.push((d.pos, "misplaced compiler directive".into()));
        return Meaning::Rejected;
    }
    let text = d.text.as_str();
    let fields: Vec<&str> = text.split_whitespace().collect();
    if text.starts_with("go:wasmimport ") {
        if fields.len() != 3 {
            errs.push((
                d.pos,
                "usage: //go:wasmimport importmodule importname".into(),
            ));
        }
        return Meaning::Rejected; // only meaningful on wasm
    }
    if text.starts_with("go:wasmexport ") {
        if fields.len() != 2 {
            errs.push((d.pos, "usage: //go:wasmexport exportname".into()));
        }
        return Meaning::Rejected;
    }
    if text.starts_with("go:linkname ") {
        if !(2..=3).contains(&fields.len()) {
            errs.push((d.pos, "usage: //go:linkname localname [linkname]".into()));
        }
        return Meaning::Rejected; // linknames are not pragmas of a declaration
    }
    if text == "go:embed" || text.starts_with("go:embed ") {
        if fields.len() < 2 {
            errs.push((d.pos, "usage: //go:embed pattern...".into()));
            return Meaning::Rejected;
        }
        return Meaning::Embed;
    }
    let verb = fields.first().copied().unwrap_or(text);
    if text.starts_with("go:cgo_") && !text.starts_with("go:cgo_import_dynamic ") && !cx.std {
        // (cgo-generated files, named _cgo_*, are never compiled by rgo.)
        errs.push((
            d.pos,
            format!("//{text} only allowed in cgo-generated code"),
        ));
    }
    let flag = pragma_flag(verb);
    if !cx.runtime && flag & RUNTIME_PRAGMAS != 0 {
        errs.push((d.pos, format!("//{verb} only allowed in runtime")));
    }
    if flag == UINTPTR_KEEPALIVE && !cx.std {
        errs.push((
            d.pos,
            format!("//{verb} is only allowed in the standard library"),
        ));
    }
    if flag == 0 && cx.std && !ALLOWED_STD_PRAGMAS.contains(&verb) {
        errs.push((
            d.pos,
            format!("//{verb} is not allowed in the standard library"),
        ));
    }
    Meaning::Flag(flag)
}

/// Step 1: the errors gc reports about `file`'s directives while parsing.
pub fn parse_errors(file: &ast::File, cx: PragmaContext) -> Vec<(Pos, String)> {
    let mut errs = Vec::new();
    for d in &file.directives {
        let meaning = read(d, cx, &mut errs);
        // A directive no declaration took (`checkUnusedDuringParse`).
        if file.unused_pragmas.iter().any(|u| u.pos == d.pos) {
            match meaning {
                Meaning::Flag(f) if f != 0 => {
                    errs.push((d.pos, "misplaced compiler directive".into()));
                }
                Meaning::Embed => errs.push((d.pos, "misplaced go:embed directive".into())),
                _ => {}
            }
        }
    }
    errs
}

/// Step 2: directives on declarations that do not allow them
/// (`checkPragmas`), for a package that type-checked without errors.
pub fn placement_errors(file: &ast::File) -> Vec<(Pos, String)> {
    let mut errs = Vec::new();
    check(&file.pragma, GO_BUILD, false, &mut errs);
    for decl in &file.decls {
        check_decl(decl, &mut errs);
    }
    errs
}

fn check_decl(decl: &Decl, errs: &mut Vec<(Pos, String)>) {
    match decl {
        Decl::Import(d) => check(&d.pragma, 0, false, errs),
        Decl::Const(d) => check(&d.pragma, 0, false, errs),
        Decl::Type(d) => check(&d.pragma, 0, false, errs),
        Decl::Var(d) => check(&d.pragma, 0, true, errs),
        Decl::Func(d) => {
            check(&d.pragma, FUNC_PRAGMAS, false, errs);
            if let Some(body) = &d.body {
                check_stmts(&body.stmts, errs);
            }
        }
    }
}

/// Local declarations in function bodies.
fn check_stmts(stmts: &[Stmt], errs: &mut Vec<(Pos, String)>) {
    for s in stmts {
        match s {
            Stmt::Decl { decls, .. } => {
                for d in decls {
                    check_decl(d, errs);
                }
            }
            Stmt::Block(b) => check_stmts(&b.stmts, errs),
            Stmt::Labeled { stmt, .. } => check_stmts(std::slice::from_ref(&**stmt), errs),
            Stmt::If { then, els, .. } => {
                check_stmts(&then.stmts, errs);
                if let Some(e) = els {
                    check_stmts(std::slice::from_ref(&**e), errs);
                }
            }
            Stmt::For { body, .. } => check_stmts(&body.stmts, errs),
            Stmt::Switch { body, .. } => {
                for cc in body {
                    check_stmts(&cc.body, errs);
                }
            }
            Stmt::Select { body, .. } => {
                for cc in body {
                    check_stmts(&cc.body, errs);
                }
            }
            _ => {}
        }
    }
}

fn check(pragma: &[Directive], allowed: u32, embed_ok: bool, errs: &mut Vec<(Pos, String)>) {
    for d in pragma {
        if !d.blank {
            continue; // rejected while parsing
        }
        match read(d, PragmaContext::default(), &mut Vec::new()) {
            Meaning::Flag(f) if f & !allowed != 0 => {
                errs.push((d.pos, "misplaced compiler directive".into()));
            }
            Meaning::Embed if !embed_ok => {
                errs.push((d.pos, "misplaced go:embed directive".into()));
            }
            _ => {}
        }
    }
}
