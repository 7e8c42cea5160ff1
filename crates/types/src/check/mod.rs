//! The type checker of one package: a port of the structure of gc's types2
//! (cmd/compile/internal/types2), whose diagnostics rgo reproduces.
//!
//! Flow (types2 `checkFiles`): `collect_objects` declares every package-level
//! object and imports each file's packages; `package_objects` type-checks
//! the declarations (types first, then the rest in source order), each on
//! demand through `obj_decl`, which detects declaration cycles by colouring
//! objects grey while they are on the path; function bodies are queued and
//! checked after all package-level declarations; then unused imports are
//! reported and the package's initialization order is computed.
//!
//! Results go to [`Info`]: for every expression its mode, type and constant
//! value, for every identifier the object it defines or uses. Expressions
//! are keyed by node address (`&Expr as *const _ as usize`), valid while the
//! parsed files are alive and unmoved (see `syntax::ast`).
//!
//! Invariants:
//! * Every error is reported once, at gc's position, with types2's wording;
//!   an operand that already produced an error has mode `Invalid` and
//!   produces no follow-up errors.
//! * Untyped expression results are remembered until their final type is
//!   known (`update_expr_type`), then recorded with it, as types2 does.
//!
//! Differences from types2: arenas and ids instead of pointers (`ty.rs`);
//! no `go/types` API surface beyond what rgo's compiler needs; generics are
//! being ported in stages (see ARCHITECTURE.md for what is missing).

mod assign;
mod call;
mod decl;
mod expr;
mod generic;
mod lookup;
mod operand;
mod resolver;
mod stmt;
mod typexpr;

use crate::ty::{BasicKind, ObjId, ObjKind, Object, PkgId, Program, Type, TypeId};
use crate::universe::{ScopeId, Scopes, Universe};
use std::collections::HashMap;
use syntax::Pos;
use syntax::ast;

pub use generic::Smap;
pub use operand::Mode;

/// Everything shared by the packages of one program: the type and object
/// arenas, scopes, the universe, and the names of all source files.
pub struct World {
    pub prog: Program,
    pub scopes: Scopes,
    pub unsafe_pkg: PkgId,
    pub unsafe_scope: ScopeId,
    /// The scope of each checked package.
    pub pkg_scopes: HashMap<PkgId, ScopeId>,
    /// Display names of source files, by global file id.
    pub files: Vec<String>,
    /// Receiver type parameters of methods of generic types (the method's
    /// own type parameters, which an instance's type arguments replace).
    pub recv_tparams: HashMap<ObjId, Vec<TypeId>>,
    /// Instances of generic types: (origin, type arguments, instance).
    pub instances: Vec<(TypeId, Vec<TypeId>, TypeId)>,
    /// Instances made while their generic type was being declared.
    pub pending_instances: Vec<TypeId>,
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    pub fn new() -> World {
        let mut prog = Program::new();
        let u = Universe::new(&mut prog);
        let mut pkg_scopes = HashMap::new();
        pkg_scopes.insert(u.unsafe_pkg, u.unsafe_scope);
        World {
            prog,
            scopes: u.scopes,
            unsafe_pkg: u.unsafe_pkg,
            unsafe_scope: u.unsafe_scope,
            pkg_scopes,
            files: Vec::new(),
            recv_tparams: HashMap::new(),
            instances: Vec::new(),
            pending_instances: Vec::new(),
        }
    }

    /// `file:line:col` of a position in a registered file.
    pub fn pos_string(&self, file: u32, pos: Pos) -> String {
        let name = self.files.get(file as usize).map_or("", String::as_str);
        format!("{}:{}:{}", name, pos.line, pos.col)
    }
}

/// Resolves import paths to checked packages.
pub trait Importer {
    /// The package at import path `path`, type-checked into `world`; or the
    /// text gc prints after "could not import PATH (…)".
    fn import(&mut self, world: &mut World, path: &str) -> Result<PkgId, String>;
}

/// An importer that knows no packages (for tests and `unsafe`-only code).
pub struct NoImporter;

impl Importer for NoImporter {
    fn import(&mut self, _: &mut World, _: &str) -> Result<PkgId, String> {
        Err("file not found".into())
    }
}

/// How to check.
#[derive(Clone, Debug)]
pub struct Config {
    /// Language version `(1, minor)` (gc's `-lang`); files may lower it.
    pub lang: (u32, u32),
    /// Report a function without body as an error (gc's `-complete`).
    pub complete: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            lang: (1, 26),
            complete: false,
        }
    }
}

/// One file of the package being checked.
pub struct File<'a> {
    /// Display name, as diagnostics print it.
    pub name: String,
    pub ast: &'a ast::File,
}

/// A type error: global file id, position, types2's message (which may hold
/// continuation lines `\n\tpos: text`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub file: u32,
    pub pos: Pos,
    pub msg: String,
    /// A "soft" error (unused variable or import): checking went on normally.
    pub soft: bool,
}

/// The mode, type and (for constants) value of an expression.
#[derive(Clone, Debug)]
pub struct TypeAndValue {
    pub mode: Mode,
    pub ty: TypeId,
}

/// One package-level variable initialization, in execution order.
#[derive(Clone, Debug)]
pub struct Initializer {
    /// The variables initialized (several for `a, b = f()`).
    pub lhs: Vec<ObjId>,
    /// Address of the initializer expression.
    pub rhs: usize,
}

/// What the checker found out about a package.
#[derive(Debug, Default)]
pub struct Info {
    /// Expression (by address) → mode and type.
    pub types: HashMap<usize, TypeAndValue>,
    /// Defining identifier (by address of its `ast::Name`) → object.
    pub defs: HashMap<usize, ObjId>,
    /// Using identifier (by address of its `ast::Name`) → object.
    pub uses: HashMap<usize, ObjId>,
    /// Package-level initializations in order.
    pub init_order: Vec<Initializer>,
    /// Type switch clause (by address of its `ast::CaseClause`) → the
    /// variable the guard's `v :=` declares in it.
    pub implicits: HashMap<usize, ObjId>,
    /// Instantiated signatures of generic functions → their type arguments
    /// (the instance a call or function value of that type denotes).
    pub sig_targs: HashMap<TypeId, Vec<TypeId>>,
}

/// The address key of an AST node.
pub fn key<T>(x: &T) -> usize {
    x as *const T as usize
}

/// Checks one package made of `files` (already parsed, without syntax
/// errors) under import path `path`.
pub fn check_package(
    world: &mut World,
    importer: &mut dyn Importer,
    path: &str,
    files: &[File<'_>],
    conf: &Config,
) -> (PkgId, Info, Vec<Error>) {
    let name = files
        .iter()
        .map(|f| f.ast.pkg_name.value.as_str())
        .find(|n| *n != "_")
        .unwrap_or_default()
        .to_string();
    let pkg = world.prog.add_package(path, &name);
    let pkg_scope = world.scopes.new_child(Scopes::UNIVERSE);
    world.pkg_scopes.insert(pkg, pkg_scope);
    let file_ids = files
        .iter()
        .map(|f| {
            world.files.push(f.name.clone());
            world.files.len() as u32 - 1
        })
        .collect();
    let mut c = Checker {
        w: world,
        imp: importer,
        conf,
        pkg,
        pkg_scope,
        files,
        file_ids,
        file_scopes: Vec::new(),
        decls: HashMap::new(),
        methods: HashMap::new(),
        info: Info::default(),
        errors: Vec::new(),
        cur_file: 0,
        colors: HashMap::new(),
        obj_path: Vec::new(),
        untyped: HashMap::new(),
        delayed: Vec::new(),
        env: Env::default(),
        iota: None,
        imported_used: HashMap::new(),
        deps: None,
        obj_deps: HashMap::new(),
        var_inits: Vec::new(),
        pending_methods: Vec::new(),
        dot_imports: HashMap::new(),
        import_names: Vec::new(),
        func_order: Vec::new(),
        err_pos: None,
        field_method_clashes: Vec::new(),
        delayed_map_key: Vec::new(),
        delayed_ifaces: Vec::new(),
        shift_lhs: std::collections::HashSet::new(),
        has_call_or_recv: false,
        params: std::collections::HashSet::new(),
        func_scopes: std::collections::HashSet::new(),
        fake_pkgs: std::collections::HashSet::new(),
        unresolved_named: Vec::new(),
        inst_methods: HashMap::new(),
        last_recv_tparams: Vec::new(),
        delayed_verify: Vec::new(),
        partial_targs: HashMap::new(),
        pending_params: Vec::new(),
        generic_arg_targs: Vec::new(),
        recv_override: None,
        valid_types: std::collections::HashSet::new(),
        named_rhs: HashMap::new(),
        callee: None,
        finite: HashMap::new(),
    };
    c.check_files();
    let Checker { info, errors, .. } = c;
    (pkg, info, errors)
}

/// An interface literal whose embedded methods are checked for duplicates
/// once all types are complete: its file, explicit methods, and each
/// embedded type with its position.
pub(crate) type DelayedIface = (usize, Vec<ObjId>, Vec<(Pos, TypeId)>);

/// Colour of an object during declaration checking (cycle detection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Color {
    /// On the current path (being checked): index into `obj_path`.
    Grey(usize),
    Black,
}

/// The declaration of a package-level object.
#[derive(Clone)]
pub(crate) struct DeclInfo<'a> {
    pub file: usize,
    pub kind: DeclKind<'a>,
}

#[derive(Clone)]
pub(crate) enum DeclKind<'a> {
    Const {
        typ: Option<&'a ast::Expr>,
        init: Option<&'a ast::Expr>,
        iota: i64,
        /// The values come from an earlier spec of the group.
        inherited: bool,
    },
    Var {
        typ: Option<&'a ast::Expr>,
        init: Option<&'a ast::Expr>,
        /// All variables of an `a, b = f()` declaration.
        lhs: Vec<ObjId>,
    },
    Type(&'a ast::TypeDecl),
    Func(&'a ast::FuncDecl),
}

/// The context of the code being checked (types2 `environment`).
#[derive(Clone, Default)]
pub(crate) struct Env {
    /// The enclosing function's signature type, if inside a function.
    pub sig: Option<TypeId>,
    /// The innermost scope.
    pub scope: Option<ScopeId>,
}

/// A function body waiting to be checked.
struct Delayed<'a> {
    obj: ObjId,
    file: usize,
    sig: TypeId,
    scope: ScopeId,
    body: &'a ast::Block,
}

pub(crate) struct Checker<'w, 'a> {
    pub w: &'w mut World,
    imp: &'w mut dyn Importer,
    pub conf: &'w Config,
    pub pkg: PkgId,
    pub pkg_scope: ScopeId,
    pub files: &'w [File<'a>],
    pub file_ids: Vec<u32>,
    pub file_scopes: Vec<ScopeId>,
    /// Package-level declarations.
    pub decls: HashMap<ObjId, DeclInfo<'a>>,
    /// Methods by receiver base type name (collected before types are checked).
    pub methods: HashMap<ObjId, Vec<ObjId>>,
    pub info: Info,
    pub errors: Vec<Error>,
    /// Index of the file being checked.
    pub cur_file: usize,
    colors: HashMap<ObjId, Color>,
    obj_path: Vec<ObjId>,
    /// Untyped expressions whose final type is not known yet.
    pub untyped: HashMap<usize, (&'a ast::Expr, TypeId, Mode)>,
    delayed: Vec<Delayed<'a>>,
    pub env: Env,
    /// The value of `iota` in the constant declaration being checked.
    pub iota: Option<i64>,
    /// Import names per file: (file, name object) → used.
    pub imported_used: HashMap<ObjId, bool>,
    /// Package-level objects the current package-level declaration uses.
    pub deps: Option<Vec<ObjId>>,
    /// What each package-level declaration uses (for initialization order).
    pub obj_deps: HashMap<ObjId, Vec<ObjId>>,
    /// Package-level variable initializations: (variables, expression).
    pub var_inits: Vec<(Vec<ObjId>, usize)>,
    /// Methods waiting for their receiver base type: (method, name, file).
    pub pending_methods: Vec<(ObjId, resolver::ReceiverBase<'a>)>,
    /// Objects found through dot imports: (file scope, object) → import name.
    pub dot_imports: HashMap<(ScopeId, ObjId), ObjId>,
    /// Imports to check for use: (package name object, path, explicit name).
    pub import_names: Vec<(ObjId, String, Option<String>)>,
    /// Functions and methods in declaration order.
    pub func_order: Vec<ObjId>,
    /// Where errors of an inherited constant expression are reported.
    pub err_pos: Option<Pos>,
    /// Named types whose fields and methods must not clash.
    pub field_method_clashes: Vec<TypeId>,
    /// Map key types to check for comparability once types are complete.
    pub delayed_map_key: Vec<(usize, &'a ast::Expr, TypeId)>,
    /// Interface literals with embedded elements: file, explicit methods,
    /// and each embedded type with its position.
    pub delayed_ifaces: Vec<DelayedIface>,
    /// Untyped constant operands of non-constant shifts (must become integers).
    pub shift_lhs: std::collections::HashSet<usize>,
    /// Whether the expression being checked contains a call or receive.
    pub has_call_or_recv: bool,
    /// Parameters, results and receivers (never "declared and not used").
    pub params: std::collections::HashSet<ObjId>,
    /// Scopes of functions (checked for unused variables on their own).
    pub func_scopes: std::collections::HashSet<ScopeId>,
    /// Packages that could not be imported (their uses are not errors).
    pub fake_pkgs: std::collections::HashSet<PkgId>,
    /// Defined types whose underlying type is another defined type for now.
    pub unresolved_named: Vec<TypeId>,
    /// Methods of instances: (instance, generic method) → substituted method.
    pub inst_methods: HashMap<(TypeId, ObjId), ObjId>,
    /// The receiver type parameters declared by the last `func_type`.
    pub last_recv_tparams: Vec<TypeId>,
    /// Constraint checks of instantiations, done once types are complete:
    /// (file, position expression, type parameter, argument, all arguments, all parameters).
    #[allow(clippy::type_complexity)]
    pub delayed_verify: Vec<(usize, &'a ast::Expr, ObjId, TypeId, Vec<TypeId>, Vec<ObjId>)>,
    /// Partial explicit type arguments of generic function operands.
    pub partial_targs: HashMap<usize, Vec<TypeId>>,
    /// Type arguments inferred for generic function arguments of the last
    /// inferred call: (argument index, type arguments).
    pub generic_arg_targs: Vec<(usize, Vec<TypeId>)>,
    /// Defined types found valid (or already reported) by `valid_type`.
    pub valid_types: std::collections::HashSet<TypeId>,
    /// The declared right-hand side of each defined type of this package
    /// (types2 `Named.fromRHS`), walked by `valid_type`.
    pub named_rhs: HashMap<TypeId, TypeId>,
    /// The function expression of the call being checked (its node key):
    /// a partial instantiation there is completed by the call's arguments.
    pub callee: Option<usize>,
    /// Defined types whose size is known finite (or not), for `finite_size`.
    pub finite: HashMap<TypeId, bool>,
    /// The receiver's type when built from receiver type parameters.
    pub recv_override: Option<TypeId>,
    /// Parameters to declare once their signature is resolved.
    pub pending_params: Vec<(ScopeId, &'a ast::Name, ObjId)>,
}

impl<'a> Checker<'_, 'a> {
    fn check_files(&mut self) {
        self.collect_objects();
        self.package_objects();
        self.complete_instances();
        self.check_map_keys();
        self.check_interface_duplicates();
        self.verify_delayed();
        self.process_delayed();
        self.complete_instances();
        self.check_map_keys();
        self.check_interface_duplicates();
        self.verify_delayed();
        self.record_untyped();
        self.unused_imports();
        self.init_order();
    }

    // ---- errors ----

    /// Reports an error at `pos` in the current file.
    pub fn error_at(&mut self, pos: Pos, msg: impl Into<String>) {
        let file = self.file_ids[self.cur_file];
        self.errors.push(Error {
            file,
            // Inside an inherited constant expression, at the constant.
            pos: self.err_pos.unwrap_or(pos),
            msg: msg.into(),
            soft: false,
        });
    }

    pub fn soft_error_at(&mut self, pos: Pos, msg: impl Into<String>) {
        let file = self.file_ids[self.cur_file];
        self.errors.push(Error {
            file,
            pos: self.err_pos.unwrap_or(pos),
            msg: msg.into(),
            soft: true,
        });
    }

    /// Reports an error at an expression's start (types2's `at` position for
    /// an expression is `syntax.StartPos`).
    pub fn error(&mut self, x: &ast::Expr, msg: impl Into<String>) {
        self.error_at(x.start(), msg);
    }

    /// `file:line:col` of an object's declaration.
    pub fn obj_pos_string(&self, o: ObjId) -> String {
        let obj = self.w.prog.obj(o);
        self.w.pos_string(obj.file, obj.pos)
    }

    // ---- recording ----

    pub fn record_def(&mut self, name: &ast::Name, obj: ObjId) {
        self.info.defs.insert(key(name), obj);
    }

    pub fn record_use(&mut self, name: &ast::Name, obj: ObjId) {
        self.info.uses.insert(key(name), obj);
    }

    pub fn record_type_and_value(&mut self, x: &ast::Expr, mode: Mode, ty: TypeId) {
        if matches!(mode, Mode::Invalid) {
            return;
        }
        self.info.types.insert(key(x), TypeAndValue { mode, ty });
    }

    // ---- objects ----

    pub fn new_object(&mut self, name: &str, kind: ObjKind, ty: TypeId, pos: Pos) -> ObjId {
        self.w.prog.add_object(Object {
            name: name.to_string(),
            kind,
            ty,
            pkg: Some(self.pkg),
            file: self.file_ids[self.cur_file],
            pos,
        })
    }

    pub fn new_var(&mut self, name: &str, ty: TypeId, pos: Pos) -> ObjId {
        self.new_object(
            name,
            ObjKind::Var {
                is_field: false,
                embedded: false,
                used: false,
            },
            ty,
            pos,
        )
    }

    /// Declares `obj` in `scope`, reporting a redeclaration as types2 does.
    pub fn declare(&mut self, scope: ScopeId, name: Option<&ast::Name>, obj: ObjId) {
        let oname = self.w.prog.obj(obj).name.clone();
        if let Some(n) = name {
            self.record_def(n, obj);
        }
        if oname == "_" {
            return;
        }
        if let Some(alt) = self.w.scopes.insert(scope, &oname, obj) {
            let pos = self.w.prog.obj(obj).pos;
            let other = self.obj_pos_string(alt);
            self.error_at(
                pos,
                format!(
                    "{oname} redeclared in this block\n\t{other}: other declaration of {oname}"
                ),
            );
        }
    }

    /// Marks a variable as used.
    pub fn use_var(&mut self, o: ObjId) {
        if let ObjKind::Var { used, .. } = &mut self.w.prog.objects[o.0 as usize].kind {
            *used = true;
        }
    }

    // ---- types ----

    pub fn typ_str(&self, t: TypeId) -> String {
        self.w.prog.type_string_in(t, Some(self.pkg), &self.w.files)
    }

    pub fn under(&self, t: TypeId) -> TypeId {
        self.w.prog.underlying(t)
    }

    /// The core type of `t` if it is a type parameter with one, else its
    /// underlying type.
    pub fn core_under(&self, t: TypeId) -> TypeId {
        if self.is_type_param(t) {
            return self.core_type(t).unwrap_or_else(|| self.under(t));
        }
        self.under(t)
    }

    pub fn ty(&self, t: TypeId) -> &Type {
        self.w.prog.ty(t)
    }

    pub fn basic(&self, t: TypeId) -> Option<BasicKind> {
        self.w.prog.basic_kind(t)
    }

    pub fn new_type(&mut self, t: Type) -> TypeId {
        self.w.prog.add_type(t)
    }

    /// Whether the current file may use language version `1.minor`.
    pub fn allow_version(&self, minor: u32) -> bool {
        let v = self.file_lang();
        v.0 > 1 || v.1 >= minor
    }

    /// Reports `what requires go1.N or later` unless the file's language
    /// version allows go1.`minor` (types2 `verifyVersionf`).
    pub fn verify_version(&mut self, at: &ast::Expr, minor: u32, what: &str) -> bool {
        if self.allow_version(minor) {
            return true;
        }
        self.error(at, format!("{what} requires go1.{minor} or later"));
        false
    }

    /// types2 `versionErrorf` at a position.
    pub fn version_error_at(&mut self, pos: Pos, minor: u32, what: &str) {
        self.error_at(pos, format!("{what} requires go1.{minor} or later"));
    }

    /// [`Self::verify_version`] at a position.
    pub fn version_at(&mut self, pos: Pos, minor: u32, what: &str) -> bool {
        if self.allow_version(minor) {
            return true;
        }
        self.version_error_at(pos, minor, what);
        false
    }

    /// The language version of the current file: its `//go:build` Go
    /// version if it has one (never below go1.21, as types2 limits
    /// downgrades), else the configured one.
    fn file_lang(&self) -> (u32, u32) {
        let fv = &self.files[self.cur_file].ast.go_version;
        match fv.strip_prefix("go1.").and_then(|m| m.parse::<u32>().ok()) {
            Some(m) => (1, m.max(21)),
            None => self.conf.lang,
        }
    }

    // ---- delayed function bodies ----

    pub(crate) fn later_body(
        &mut self,
        obj: ObjId,
        sig: TypeId,
        scope: ScopeId,
        body: &'a ast::Block,
    ) {
        self.delayed.push(Delayed {
            obj,
            file: self.cur_file,
            sig,
            scope,
            body,
        });
    }

    fn process_delayed(&mut self) {
        let mut i = 0;
        while i < self.delayed.len() {
            let d = &self.delayed[i];
            let (obj, file, sig, scope, body) = (d.obj, d.file, d.sig, d.scope, d.body);
            self.cur_file = file;
            // What the body uses counts for the function (initialization order).
            let saved = self.deps.replace(Vec::new());
            self.func_body(sig, scope, body, None);
            let used = std::mem::replace(&mut self.deps, saved).unwrap_or_default();
            self.obj_deps.entry(obj).or_default().extend(used);
            i += 1;
        }
    }
}
