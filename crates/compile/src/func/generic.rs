//! Generics by stenciling: each instance of a generic function or of a
//! method of a generic type (one per list of type arguments) is compiled
//! from the generic body with the type parameters substituted.
//!
//! The checker records types in terms of type parameters; an instance
//! substitutes every type its body records (and its objects' types) up
//! front into a map that `FnBuilder::tv`/`oty` consult, and substitutes
//! lazily where a new type appears (`sub_mut`). Calls name instances by
//! the type arguments the checker recorded for each instantiated
//! signature (`Info::sig_targs`); instances are compiled after the
//! package's functions, from a worklist.
//!
//! Why stenciling (not dictionaries or gc's GC-shape stenciling): every
//! instance gets exact layouts and direct calls, so generic code runs as
//! fast as hand-written code; the price is code size, which GC-shape
//! grouping can cut later without changing the call sites.

use super::{Compiler, FnBuilder, Result, SourceFile, compile_body};
use abi::{FuncId, FuncInfo};
use std::collections::HashMap;
use std::rc::Rc;
use syntax::ast::{self, Expr};
use types::check::{Smap, key};
use types::ty::{ObjId, Signature, Type, TypeId};

impl FnBuilder<'_, '_> {
    /// `t` in this instance, substituting types the body did not record.
    pub(super) fn sub_mut(&mut self, t: TypeId) -> TypeId {
        if let Some(&r) = self.tsubst.get(&t) {
            return r;
        }
        if self.smap.is_empty() {
            return t;
        }
        let smap = self.smap.clone();
        self.c.world.subst(t, &smap)
    }

    /// The function a call of `o` (a function, not a method) through
    /// expression `fun` runs, and its signature: a declared function or
    /// an instance of a generic one.
    pub(super) fn func_callee(
        &mut self,
        o: ObjId,
        fun: &Expr,
    ) -> Result<Option<(FuncId, Signature)>> {
        if let Some(&id) = self.c.funcs.get(&o) {
            let Type::Signature(sig) = self.c.ty(self.oty(o)).clone() else {
                return Ok(None);
            };
            return Ok(Some((id, *sig)));
        }
        if !self.c.generic.contains(&o) {
            return Ok(None);
        }
        let mut raw = None;
        for e in [fun, fun.unparen()] {
            if let Some(tv) = self.c.info.types.get(&key(e)) {
                raw = Some(tv.ty);
                break;
            }
        }
        let Some(raw) = raw else { return Ok(None) };
        let Some(targs) = self.c.info.sig_targs.get(&raw).cloned() else {
            return Ok(None);
        };
        let targs: Vec<TypeId> = targs.into_iter().map(|t| self.sub_mut(t)).collect();
        let st = self.sub_mut(raw);
        let Type::Signature(sig) = self.c.ty(st).clone() else {
            return Ok(None);
        };
        let id = self.c.instance_id(o, targs);
        Ok(Some((id, *sig)))
    }

    /// The function a call of method `m` on a value of type `xt` runs, and
    /// its signature (receiver included): a declared method, or the
    /// instance of a generic type's method for `xt`'s type arguments.
    pub(super) fn method_callee(
        &mut self,
        m: ObjId,
        xt: TypeId,
    ) -> Result<Option<(FuncId, Signature)>> {
        if let Some(&id) = self.c.funcs.get(&m) {
            let Type::Signature(sig) = self.c.ty(self.oty(m)).clone() else {
                return Ok(None);
            };
            return Ok(sig.recv.is_some().then_some((id, *sig)));
        }
        // By name in the receiver's method set: a method of a type
        // argument called through its constraint, or a method of a
        // generic type's instance.
        if self.is_iface_type(xt) {
            return Ok(None);
        }
        let name = self.c.obj(m).name.clone();
        let found = self.method_set(xt).into_iter().find(|(n, _)| *n == name);
        // A pointer method called on an addressable value.
        let found = match found {
            None if !matches!(self.c.ty(self.c.world.prog.unalias(xt)), Type::Pointer(_)) => {
                let pt = self.c.world.prog.add_type(Type::Pointer(xt));
                self.method_set(pt).into_iter().find(|(n, _)| *n == name)
            }
            f => f,
        };
        let Some((_, sel)) = found else {
            return Ok(None);
        };
        if !sel.path.is_empty() || sel.iface.is_some() {
            return Ok(None);
        }
        let gm = sel.obj;
        if let Some(&id) = self.c.funcs.get(&gm) {
            let Type::Signature(sig) = self.c.ty(self.oty(gm)).clone() else {
                return Ok(None);
            };
            return Ok(sig.recv.is_some().then_some((id, *sig)));
        }
        let p = &self.c.world.prog;
        let mut base = p.unalias(xt);
        if let Type::Pointer(b) = p.ty(base) {
            base = p.unalias(*b);
        }
        let Type::Named(n) = p.ty(base) else {
            return Ok(None);
        };
        let targs = n.targs.clone();
        let Some(rparams) = self.c.world.recv_tparams.get(&gm).cloned() else {
            return Ok(None);
        };
        let smap: Smap = rparams.into_iter().zip(targs.iter().copied()).collect();
        let gt = self.c.obj(gm).ty;
        let st = self.c.world.subst(gt, &smap);
        let Type::Signature(mut sig) = self.c.ty(st).clone() else {
            return Ok(None);
        };
        // Substitution keeps the receiver variable; the instance's has the
        // instance's type.
        if let Some(r) = sig.recv {
            let mut ro = self.c.obj(r).clone();
            ro.ty = self.c.world.subst(ro.ty, &smap);
            sig.recv = Some(self.c.world.prog.add_object(ro));
        }
        let id = self.c.instance_id(gm, targs);
        Ok(Some((id, *sig)))
    }
}

impl Compiler<'_> {
    /// The function id of the instance of generic `o` for `targs`
    /// (reserved and queued on first use).
    pub fn instance_id(&mut self, o: ObjId, targs: Vec<TypeId>) -> FuncId {
        let p = &self.world.prog;
        if let Some(&(_, _, id)) = self.instances.iter().find(|(g, a, _)| {
            *g == o
                && a.len() == targs.len()
                && a.iter().zip(&targs).all(|(&x, &y)| p.identical(x, y))
        }) {
            return id;
        }
        let id = self.program.funcs.len() as FuncId;
        self.program.funcs.push(FuncInfo::default());
        self.instances.push((o, targs.clone(), id));
        self.pending.push((o, targs, id));
        id
    }
}

/// Compiles the instance of generic function (or method) `obj`, declared
/// by `fd`, for `targs`.
pub(crate) fn compile_instance(
    c: &mut Compiler<'_>,
    file: &SourceFile<'_>,
    fd: &ast::FuncDecl,
    obj: ObjId,
    targs: &[TypeId],
) -> Result<FuncInfo> {
    let Type::Signature(sig) = c.ty(c.obj(obj).ty).clone() else {
        return Err(c.unsupported(file, fd.pos, "a function without a signature"));
    };
    let Some(body) = &fd.body else {
        return Err(c.unsupported(file, fd.pos, "functions without bodies"));
    };
    let tparams: Vec<TypeId> = if sig.tparams.is_empty() {
        c.world.recv_tparams.get(&obj).cloned().unwrap_or_default()
    } else {
        sig.tparams.iter().map(|&tp| c.obj(tp).ty).collect()
    };
    let smap: Smap = tparams.into_iter().zip(targs.iter().copied()).collect();
    // Every type the body records, and its objects' types.
    let mut ts: Vec<TypeId> = Vec::new();
    {
        let info = c.info;
        let prog = &c.world.prog;
        crate::walk::exprs(&body.stmts, &mut |e| {
            if let Some(tv) = info.types.get(&key(e)) {
                ts.push(tv.ty);
                if let Some(ta) = info.sig_targs.get(&tv.ty) {
                    ts.extend(ta);
                }
            }
            let name = match e {
                Expr::Name(n) => Some(n),
                Expr::Selector { sel, .. } => Some(sel),
                _ => None,
            };
            if let Some(n) = name
                && let Some(&o) = info.uses.get(&key(n)).or_else(|| info.defs.get(&key(n)))
                && (o.0 as usize) < prog.objects.len()
            {
                ts.push(prog.obj(o).ty);
            }
        });
        ts.extend(
            info.defs
                .values()
                .chain(info.implicits.values())
                .filter(|o| (o.0 as usize) < prog.objects.len())
                .map(|&o| prog.obj(o).ty),
        );
        for &p in sig.recv.iter().chain(&sig.params).chain(&sig.results) {
            ts.push(prog.obj(p).ty);
        }
    }
    let mut map: HashMap<TypeId, TypeId> = HashMap::new();
    for t in ts {
        if map.contains_key(&t) {
            continue;
        }
        let r = c.world.subst(t, &smap);
        if r != t {
            map.insert(t, r);
        }
    }
    let name = instance_name(&c.func_name(obj));
    compile_body(
        c,
        file,
        name,
        fd.pos,
        &sig,
        &fd.typ,
        body,
        &[],
        (Rc::new(map), Rc::new(smap)),
    )
}

/// gc's name for instances in tracebacks: type arguments print as `[...]`
/// (`main.Map[...]`, `main.(*List[...]).Push`).
fn instance_name(generic: &str) -> String {
    match generic.find('[') {
        Some(i) => {
            let mut depth = 0;
            for (k, ch) in generic[i..].char_indices() {
                match ch {
                    '[' => depth += 1,
                    ']' => {
                        depth -= 1;
                        if depth == 0 {
                            return format!("{}[...]{}", &generic[..i], &generic[i + k + 1..]);
                        }
                    }
                    _ => {}
                }
            }
            generic.to_string()
        }
        None => format!("{generic}[...]"),
    }
}
