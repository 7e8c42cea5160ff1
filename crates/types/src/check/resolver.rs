//! Collecting a package's objects (types2 `resolver.go`): file scopes and
//! imports, package-level constants, variables, types and functions with
//! their declarations, methods associated with their receiver base type
//! names, and the report of unused imports.

use super::{Checker, DeclInfo, DeclKind};
use crate::constant::{LitKind, Value};
use crate::ty::{ObjId, ObjKind, Type, TypeId};
use std::collections::HashSet;
use syntax::ast::{self, Decl, Expr};
use syntax::token::Operator;

/// A method's receiver base type as written: `T`, `*T`, `T[P]`, `*T[P]`.
pub(crate) struct ReceiverBase<'a> {
    pub ptr: bool,
    /// The type name (an `Expr::Name`).
    pub expr: &'a Expr,
}

impl<'a> Checker<'_, 'a> {
    pub(super) fn collect_objects(&mut self) {
        let files = self.files;
        let mut named = false;
        for (file_no, file) in files.iter().enumerate() {
            self.cur_file = file_no;
            // The package takes the first name that is not blank (types2
            // `initFiles`).
            if !named {
                if file.ast.pkg_name.value == "_" {
                    self.error_at(file.ast.pkg_name.pos, "invalid package name _");
                } else {
                    named = true;
                }
            }
            let fscope = self.w.scopes.new_child(self.pkg_scope);
            self.file_scopes.push(fscope);
            let f: &'a ast::File = file.ast;

            // The current constant group: (group id, last spec with values, iota).
            let mut group: Option<(u32, Option<&'a ast::ConstDecl>, i64)> = None;
            for decl in &f.decls {
                if !matches!(decl, Decl::Const(_)) {
                    group = None;
                }
                match decl {
                    Decl::Import(d) => self.import_decl(d, fscope),
                    Decl::Const(d) => {
                        let (last, iota) = match (group, d.group) {
                            (Some((g, last, iota)), Some(dg)) if g == dg => (last, iota + 1),
                            _ => (None, 0),
                        };
                        let (last, inherited) = if d.values.is_some() || d.typ.is_some() {
                            (Some(d), false)
                        } else {
                            (last, true)
                        };
                        group = d.group.map(|g| (g, last, iota));
                        let values: &[Expr] = last
                            .and_then(|l| l.values.as_ref())
                            .map_or(&[], |v| v.list());
                        let typ = last.and_then(|l| l.typ.as_ref());
                        for (i, name) in d.names.iter().enumerate() {
                            let obj = self.new_object(
                                &name.value,
                                ObjKind::Const {
                                    value: Value::Unknown,
                                },
                                TypeId::INVALID,
                                name.pos,
                            );
                            let info = DeclInfo {
                                file: file_no,
                                kind: DeclKind::Const {
                                    typ,
                                    init: values.get(i),
                                    iota,
                                    inherited,
                                },
                            };
                            self.declare_pkg_obj(name, obj, info);
                        }
                        // Constants must always have init values.
                        self.arity(d.pos, &d.names, values, true, inherited);
                    }
                    Decl::Var(d) => {
                        let values: &[Expr] = d.values.as_ref().map_or(&[], |v| v.list());
                        let objs: Vec<ObjId> = d
                            .names
                            .iter()
                            .map(|n| self.new_var(&n.value, TypeId::INVALID, n.pos))
                            .collect();
                        for (i, name) in d.names.iter().enumerate() {
                            let (init, lhs) = if values.len() == 1 && d.names.len() > 1 {
                                // a, b = f(): one declaration for all of them
                                (values.first(), objs.clone())
                            } else {
                                (values.get(i), vec![objs[i]])
                            };
                            let info = DeclInfo {
                                file: file_no,
                                kind: DeclKind::Var {
                                    typ: d.typ.as_ref(),
                                    init,
                                    lhs,
                                },
                            };
                            self.declare_pkg_obj(name, objs[i], info);
                        }
                        if d.values.is_some() {
                            self.arity(d.pos, &d.names, values, false, false);
                        }
                    }
                    Decl::Type(d) => {
                        let obj = self.new_object(
                            &d.name.value,
                            ObjKind::TypeName,
                            TypeId::INVALID,
                            d.name.pos,
                        );
                        let info = DeclInfo {
                            file: file_no,
                            kind: DeclKind::Type(d),
                        };
                        self.declare_pkg_obj(&d.name, obj, info);
                    }
                    Decl::Func(d) => self.collect_func(d, file_no),
                }
            }
        }

        // Objects in file scopes (imports) and the package scope must differ.
        for fscope in self.file_scopes.clone() {
            let mut names: Vec<(String, ObjId)> = self
                .w
                .scopes
                .get(fscope)
                .names
                .iter()
                .map(|(n, &o)| (n.clone(), o))
                .collect();
            names.sort_by_key(|(_, o)| self.w.prog.obj(*o).pos);
            for (name, obj) in names {
                if let Some(&alt) = self.w.scopes.get(self.pkg_scope).names.get(&name) {
                    let (file, pos) = {
                        let a = self.w.prog.obj(alt);
                        (a.file, a.pos)
                    };
                    let msg = match &self.w.prog.obj(obj).kind {
                        ObjKind::PkgName { imported, .. } => {
                            let p = self.w.prog.pkg(*imported);
                            format!(
                                "{name} already declared through import of package {} (\"{}\")\n\t{}: other declaration of {name}",
                                p.name,
                                p.path,
                                self.obj_pos_string(obj)
                            )
                        }
                        _ => format!("{name} already declared through dot-import of package"),
                    };
                    self.errors.push(super::Error {
                        file,
                        pos,
                        msg,
                        soft: false,
                    });
                }
            }
        }

        // Associate methods with their receiver base type names.
        let pending = std::mem::take(&mut self.pending_methods);
        for (method, base) in pending {
            if let Some(tn) = self.resolve_base_type_name(base.ptr, base.expr) {
                self.methods.entry(tn).or_default().push(method);
            }
        }
    }

    /// The package-level type name a receiver base type denotes, following
    /// alias declarations syntactically (types2 `resolveBaseTypeName`):
    /// `None` when it is not a (possibly aliased) defined type of this
    /// package, or when aliases add a second pointer or form a cycle.
    fn resolve_base_type_name(&self, mut ptr: bool, mut t: &'a Expr) -> Option<ObjId> {
        let mut seen = HashSet::new();
        loop {
            if let Expr::Operation {
                op: Operator::Mul,
                x,
                y: None,
                ..
            } = t
            {
                if ptr {
                    return None;
                }
                ptr = true;
                t = x.unparen();
            }
            let Expr::Name(n) = t else {
                return None;
            };
            let tn = *self.w.scopes.get(self.pkg_scope).names.get(&n.value)?;
            if !matches!(self.w.prog.obj(tn).kind, ObjKind::TypeName) || !seen.insert(tn) {
                return None;
            }
            match self.decls.get(&tn).map(|d| &d.kind) {
                Some(DeclKind::Type(d)) if d.alias => t = d.typ.unparen(),
                _ => return Some(tn),
            }
        }
    }

    /// Declares a package-level object and records its declaration.
    fn declare_pkg_obj(&mut self, name: &'a ast::Name, obj: ObjId, info: DeclInfo<'a>) {
        if name.value == "init" {
            self.error_at(name.pos, "cannot declare init - must be func");
            return;
        }
        if name.value == "main" && self.w.prog.pkg(self.pkg).name == "main" {
            self.error_at(name.pos, "cannot declare main - must be func");
            return;
        }
        self.declare(self.pkg_scope, Some(name), obj);
        self.decls.insert(obj, info);
    }

    /// types2 `arity`: too many or too few init expressions.
    pub(super) fn arity(
        &mut self,
        pos: syntax::Pos,
        names: &[ast::Name],
        inits: &[Expr],
        const_decl: bool,
        inherited: bool,
    ) {
        let (l, r) = (names.len(), inits.len());
        if l < r {
            let n = &inits[l];
            if inherited {
                let at = self.w.pos_string(self.file_ids[self.cur_file], n.pos());
                self.error_at(pos, format!("extra init expr at {at}"));
            } else {
                let s = syntax::printer::expr_string(n);
                self.error(n, format!("extra init expr {s}"));
            }
        } else if l > r && (const_decl || r != 1) {
            let n = &names[r];
            self.error_at(n.pos, format!("missing init expr for {}", n.value));
        }
    }

    fn import_decl(&mut self, d: &'a ast::ImportDecl, fscope: crate::universe::ScopeId) {
        let Some(lit) = &d.path else { return };
        if lit.bad {
            return;
        }
        let path = match Value::from_literal(&lit.value, LitKind::String) {
            Value::String(s) => String::from_utf8_lossy(&s).into_owned(),
            _ => return,
        };
        if path.is_empty() {
            self.error_at(lit.pos, "invalid import path (empty string)");
            return;
        }
        const ILLEGAL: &str = "!\"#$%&'()*,:;<=>?[\\]^{|}`\u{FFFD}";
        if let Some(c) = path
            .chars()
            .find(|&c| c.is_whitespace() || c.is_control() || ILLEGAL.contains(c))
        {
            self.error_at(
                lit.pos,
                format!(
                    "invalid import path (invalid character U+{:04X} '{c}')",
                    c as u32
                ),
            );
            return;
        }
        let imported = if path == "unsafe" {
            self.w.unsafe_pkg
        } else if path == "C" {
            self.error_at(lit.pos, "cgo is not supported by rgo (import \"C\")");
            return;
        } else {
            match self.imp.import(self.w, &path) {
                Ok(p) => p,
                Err(e) => {
                    self.error_at(lit.pos, format!("could not import {path} ({e})"));
                    // A fake package keeps uses of it quiet (types2 does the same).
                    let name = path.rsplit('/').next().unwrap_or(&path).to_string();
                    let fake = self.w.prog.add_package(&path, &name);
                    let scope = self.w.scopes.new_child(crate::universe::Scopes::UNIVERSE);
                    self.w.pkg_scopes.insert(fake, scope);
                    self.fake_pkgs.insert(fake);
                    fake
                }
            }
        };
        let pkg_name = self.w.prog.pkg(imported).name.clone();
        let name = d
            .local_name
            .as_ref()
            .map_or(pkg_name.clone(), |n| n.value.clone());
        if name == "init" {
            self.error_at(d.pos, "cannot import package as init - init must be a func");
            return;
        }
        let pos = d.local_name.as_ref().map_or(lit.pos, |n| n.pos);
        if name == "." {
            // Dot import: every exported object joins the file scope.
            let pscope = self.w.pkg_scopes[&imported];
            let mut elems: Vec<(String, ObjId)> = self
                .w
                .scopes
                .get(pscope)
                .names
                .iter()
                .filter(|(_, o)| self.w.prog.obj(**o).exported())
                .map(|(n, o)| (n.clone(), *o))
                .collect();
            elems.sort();
            let marker = self.new_object(
                &name,
                ObjKind::PkgName {
                    imported,
                    used: false,
                },
                TypeId::INVALID,
                pos,
            );
            for (n, o) in elems {
                self.w.scopes.insert(fscope, &n, o);
                self.dot_imports.insert((fscope, o), marker);
            }
            self.imported_used.insert(marker, false);
            self.import_names.push((marker, path, None));
            return;
        }
        let obj = self.new_object(
            &name,
            ObjKind::PkgName {
                imported,
                used: false,
            },
            TypeId::INVALID,
            pos,
        );
        if let Some(n) = &d.local_name {
            self.record_def(n, obj);
        }
        if name != "_" {
            self.declare(fscope, None, obj);
            self.imported_used.insert(obj, false);
            let local = d.local_name.as_ref().map(|n| n.value.clone());
            let local = local.filter(|l| *l != pkg_name);
            self.import_names.push((obj, path, local));
        }
    }

    fn collect_func(&mut self, d: &'a ast::FuncDecl, file_no: usize) {
        let name = &d.name;
        let obj = self.new_object(&name.value, ObjKind::Func, TypeId::INVALID, name.pos);
        let info = DeclInfo {
            file: file_no,
            kind: DeclKind::Func(d),
        };
        let special = d.recv.is_none()
            && (name.value == "init" || name.value == "main" && self.is_main_pkg());
        if let Some(tp0) = d.tparams.first()
            && !special
        {
            self.version_at(tp0.pos, 18, "type parameter");
        }
        match &d.recv {
            None => {
                if special {
                    if !d.tparams.is_empty() {
                        self.error_at(
                            d.tparams[0].pos,
                            format!("func {} must have no type parameters", name.value),
                        );
                    }
                    if !d.typ.params.is_empty() || !d.typ.results.is_empty() {
                        self.error_at(
                            name.pos,
                            format!(
                                "func {} must have no arguments and no return values",
                                name.value
                            ),
                        );
                    }
                }
                if name.value == "init" {
                    // init functions are not declared.
                    self.record_def(name, obj);
                    if d.body.is_none() {
                        self.soft_error_at(name.pos, "func init must have a body");
                    }
                } else {
                    self.declare(self.pkg_scope, Some(name), obj);
                }
            }
            Some(recv) => {
                self.record_def(name, obj);
                if let Some(base) = receiver_base(&recv.typ) {
                    self.pending_methods.push((obj, base));
                }
            }
        }
        self.decls.insert(obj, info);
        self.func_order.push(obj);
    }

    pub(super) fn is_main_pkg(&self) -> bool {
        self.w.prog.pkg(self.pkg).name == "main"
    }

    /// Reports imports that no identifier used (types2 `unusedImports`).
    pub(super) fn unused_imports(&mut self) {
        let names = std::mem::take(&mut self.import_names);
        for (obj, path, local) in names {
            if self.imported_used.get(&obj) == Some(&true) {
                continue;
            }
            let o = self.w.prog.obj(obj);
            let (file, pos) = (o.file, o.pos);
            // Name the import explicitly when it differs from the path's
            // last element (types2 `errorUnusedPkg`).
            let elem = path.rsplit('/').next().unwrap_or(&path).to_string();
            let name = self.w.prog.obj(obj).name.clone();
            let q = crate::constant::go_quote(path.as_bytes());
            let _ = local;
            let msg = if name == "." || name == elem {
                format!("{q} imported and not used")
            } else {
                format!("{q} imported as {name} and not used")
            };
            self.errors.push(super::Error {
                file,
                pos,
                msg,
                soft: true,
            });
        }
    }

    /// Marks the package name through which `obj` was found as used.
    pub(super) fn mark_import_used(&mut self, name_obj: ObjId) {
        if let Some(u) = self.imported_used.get_mut(&name_obj) {
            *u = true;
        }
        if let ObjKind::PkgName { used, .. } = &mut self.w.prog.objects[name_obj.0 as usize].kind {
            *used = true;
        }
    }

    /// A placeholder signature until the function's declaration is checked.
    pub(super) fn empty_sig(&mut self) -> TypeId {
        self.new_type(Type::Signature(Box::default()))
    }
}

/// The receiver's base type name: `T` in `T`, `*T`, `T[P]`, `*T[P]`, `(T)`.
fn receiver_base(t: &Expr) -> Option<ReceiverBase<'_>> {
    let mut t = t.unparen();
    let mut ptr = false;
    if let Expr::Operation {
        op: Operator::Mul,
        x,
        y: None,
        ..
    } = t
    {
        ptr = true;
        t = x.unparen();
    }
    if let Expr::Index { x, .. } = t {
        t = x.unparen();
    }
    matches!(t, Expr::Name(_)).then_some(ReceiverBase { ptr, expr: t })
}
