//! Range over functions (`for k, v := range f`, Go 1.23), lowered as gc's
//! `rangefunc` rewrite does: the loop body becomes a closure
//! `func(k K, v V) bool` (named `F-rangeN` after the enclosing top-level
//! function `F`), passed to `f` as its `yield`.
//!
//! A heap cell shared by the loop and its body holds the loop's state:
//! `0` while the body may run; after the body leaves the loop early it
//! holds why — `RETURN`, `BREAK`, or `EXIT + k` for the `k`-th branch
//! (`break L`, `continue L`) to a statement outside the body; once `f`
//! has returned it holds `-1`. The body checks the state on entry, so an
//! iterator that calls `yield` after it returned false (or after the loop
//! ended) panics with gc's runtime errors.
//!
//! Inside the body: `continue` of this loop returns true; `break` stores
//! `BREAK` and returns false; `return` stores the enclosing function's
//! results in their cells (the results of a function with range-over-func
//! loops live in cells) and `RETURN`. After `f` returns, the loop reads the
//! state and carries the exit out: a return (propagated through enclosing
//! range bodies) or the branch.
//!
//! A `defer` in the body defers the call for the enclosing function, as
//! gc's `deferprocat` does: the loop makes a token for its frame's deferred
//! calls (`DeferFrame`, once per loop; nested loops share the outermost's)
//! and the body defers through it (`DeferAt`).

use super::{FRAME_HEADER, FnBuilder, INT, Loc, Place, RangeLoop, Rep, Result, contains_defer};
use crate::gcshape::Layout;
use abi::{FuncInfo, Op};
use std::collections::HashSet;
use syntax::Pos;
use syntax::ast::{Expr, Stmt};
use syntax::token::Token;
use types::check::key;
use types::ty::{ObjId, ObjKind, Signature, Type};

/// The state word's values (besides 0, ready).
const RETURN: u64 = 1;
const BREAK: u64 = 2;
/// `EXIT + k`: the body took the `k`-th branch to an outside target.
const EXIT: u64 = 3;
const EXHAUSTED: u64 = u64::MAX;

/// The body of a range-over-func loop being compiled as a closure.
pub(super) struct RangeFunc {
    /// The slot holding the state cell's pointer.
    state: Loc,
    /// The loop's label, if any.
    label: Option<String>,
    /// Branches to statements outside the body, by exit code.
    pub(super) exits: Vec<(Token, Option<String>, Pos)>,
}

impl FnBuilder<'_, '_> {
    /// `for … range f` over a function `f`.
    pub(super) fn range_func(&mut self, r: &RangeLoop<'_>, ft: types::ty::TypeId) -> Result<()> {
        let RangeLoop {
            s,
            lhs,
            def,
            x,
            body,
            label,
            mark,
        } = *r;
        let pos = s.pos();
        let Type::Signature(fsig) = self.c.ty(self.c.world.prog.underlying(ft)).clone() else {
            return Err(self.unsupported(pos, "range over this function"));
        };
        let yt = self.oty(fsig.params[0]);
        let Type::Signature(ysig) = self.c.ty(self.c.world.prog.underlying(yt)).clone() else {
            return Err(self.unsupported(pos, "range over this function"));
        };
        let f = self.expr_tmp(x)?;
        // The state cell: the state, then the token for deferred calls.
        let state = self.alloc(Rep::Ptr(types::ty::TypeId::basic(
            types::ty::BasicKind::Int,
        )));
        // Both words are integers (the token indexes the runtime's defers).
        self.emit_alloc(Op::New, state.off, 0, 16, Ok(Layout::noscan(16)));
        if contains_defer(&body.stmts) {
            // Calls the body defers run when the enclosing function
            // returns: through its token (an enclosing body's, if any).
            let token = self.alloc(INT);
            match &self.rf {
                Some(rf) => {
                    let outer = rf.state;
                    self.emit(Op::Load64, token.off, outer.off, 8);
                }
                None => {
                    self.emit(Op::DeferFrame, token.off, 0, 0);
                }
            }
            self.emit(Op::Store64, state.off, token.off, 8);
        }
        // The body's closure: the variables it shares, then the state.
        let defined: HashSet<ObjId> = match (def, lhs) {
            (true, Some(l)) => l
                .list()
                .iter()
                .filter_map(|e| match e {
                    Expr::Name(n) => self.c.info.defs.get(&key(n)).copied(),
                    _ => None,
                })
                .collect(),
            _ => HashSet::new(),
        };
        let assigned = if def { None } else { lhs };
        let mut captured =
            self.body_free_vars(&body.stmts, assigned, body.pos, body.rbrace, &defined);
        for &o in &self.func_results.clone() {
            if !captured.contains(&o) {
                captured.push(o);
            }
        }
        let mut cells: Vec<Loc> = Vec::new();
        for o in &captured {
            match self.vars.get(o) {
                Some(&cell) if self.boxed.contains(o) => cells.push(cell),
                _ => {
                    let what = format!(
                        "capturing {} in a range-over-func body",
                        self.c.obj(*o).name
                    );
                    return Err(self.unsupported(pos, &what));
                }
            }
        }
        cells.push(state);
        let (id, exits) = self.range_body(r, &ysig, &captured)?;
        let yv = self.alloc(Rep::Func(yt));
        self.closure_object(yv, id, &cells);
        // f(yield)
        let area = self.top;
        self.emit(Op::Mov, area + FRAME_HEADER, yv.off, 0);
        self.max = self.max.max(area + FRAME_HEADER + 8);
        self.line(pos);
        self.emit(Op::CallInd, f.off, area, 8);
        // Why the loop ended; the iterator may not call the body again.
        let why = self.alloc(INT);
        self.emit(Op::Load64, why.off, state.off, 0);
        let done = self.alloc(INT);
        self.const64(done.off, EXHAUSTED);
        self.emit(Op::Store64, state.off, done.off, 0);
        let skip = self.emit(Op::JNeI, why.off, RETURN as u32, 0);
        self.exit_return(pos)?;
        self.patch_here(skip);
        for (k, (tok, l, bpos)) in exits.iter().enumerate() {
            let skip = self.emit(Op::JNeI, why.off, (EXIT + k as u64) as u32, 0);
            let name = l.as_ref().map(|l| syntax::ast::Name {
                pos: *bpos,
                value: l.clone(),
            });
            self.branch(*bpos, *tok, name.as_ref())?;
            self.patch_here(skip);
        }
        let _ = label;
        self.top = mark;
        Ok(())
    }

    /// Compiles the body of range loop `r` as a closure over `captured`
    /// (then the state cell); returns its function and the branches out.
    #[allow(clippy::type_complexity)]
    fn range_body(
        &mut self,
        r: &RangeLoop<'_>,
        ysig: &Signature,
        captured: &[ObjId],
    ) -> Result<(u32, Vec<(Token, Option<String>, Pos)>)> {
        let RangeLoop {
            s,
            lhs,
            def,
            body,
            label,
            ..
        } = *r;
        let pos = s.pos();
        let k = self.range_names.1.get() + 1;
        self.range_names.1.set(k);
        let name = format!("{}-range{k}", self.range_names.0);
        let id = self.c.program.funcs.len() as u32;
        self.c.program.funcs.push(FuncInfo::default());
        let file = self.file;
        let (tsubst, smap) = (self.tsubst.clone(), self.smap.clone());
        let (range_names, func_results) = (self.range_names.clone(), self.func_results.clone());
        let mut b = FnBuilder::new(self.c, file, name.clone(), pos);
        (b.tsubst, b.smap) = (tsubst, smap);
        b.range_names = range_names;
        b.func_results = func_results;
        b.line(pos);
        b.boxed = b.address_taken(&body.stmts);
        let mut params = Vec::new();
        for &p in &ysig.params {
            let rep = b.rep_of(b.oty(p), pos)?;
            params.push(b.alloc(rep));
        }
        let params_size = b.top - FRAME_HEADER;
        let result = b.alloc(Rep::Bool);
        b.results.push(result);
        let ctx = b.alloc(INT);
        b.emit(Op::Mov, ctx.off, abi::FRAME_CONTEXT, 0);
        for (k, &o) in captured.iter().enumerate() {
            let cell = b.alloc(Rep::Ptr(b.oty(o)));
            b.emit(Op::Load64, cell.off, ctx.off, 8 * (k as u32 + 1));
            b.vars.insert(o, cell);
            b.boxed.insert(o);
        }
        let state = b.alloc(INT);
        b.emit(
            Op::Load64,
            state.off,
            ctx.off,
            8 * (captured.len() as u32 + 1),
        );
        // The iterator may call the body only while the loop runs.
        let now = b.alloc(INT);
        b.emit(Op::Load64, now.off, state.off, 0);
        b.emit(Op::RangeCheck, now.off, 0, 0);
        b.rf = Some(RangeFunc {
            state,
            label: label.map(str::to_string),
            exits: Vec::new(),
        });
        // The iteration variables.
        let names: Vec<&Expr> = lhs.map_or(Vec::new(), |l| l.list().iter().collect());
        for (e, &p) in names.iter().zip(&params) {
            if super::is_blank(e) {
                continue;
            }
            if def {
                let Expr::Name(n) = e else {
                    return Err(b.unsupported(pos, "this range clause"));
                };
                let Some(&o) = b.c.info.defs.get(&key(n)) else {
                    return Err(b.unsupported(pos, "this range clause"));
                };
                b.bind(o, p);
            } else {
                let place = b.place(e)?;
                if super::place_rep(place) != Some(p.rep) {
                    return Err(b.unsupported(pos, "this range clause"));
                }
                b.store_place(place, p);
            }
        }
        b.stmts(&body.stmts)?;
        b.line(body.rbrace);
        b.body_exit(true);
        for (at, label, pos) in std::mem::take(&mut b.gotos) {
            let Some(&target) = b.labels.get(&label) else {
                return Err(b.unsupported(pos, "a goto out of a range-over-func loop"));
            };
            b.patch(at, target);
        }
        b.check_frame()?;
        let exits = b.rf.take().map(|r| r.exits).unwrap_or_default();
        let fi = b.finish(name, params_size, 8);
        self.c.program.funcs[id as usize] = fi;
        Ok((id, exits))
    }

    /// Emits a `defer` of the func value in `clo` with the `size` bytes of
    /// arguments at `area`: in a range body, for the enclosing function.
    pub(super) fn emit_defer(&mut self, clo: Loc, area: u32, size: u32) {
        let Some(rf) = &self.rf else {
            self.emit(Op::Defer, clo.off, area, size);
            return;
        };
        let state = rf.state;
        let pair = self.alloc(Rep::Str);
        self.emit(Op::Mov, pair.off, clo.off, 0);
        self.emit(Op::Load64, pair.off + 8, state.off, 8);
        self.emit(Op::DeferAt, pair.off, area, size);
    }

    /// Returns `more` from a range body.
    fn body_exit(&mut self, more: bool) {
        let r = self.results[0];
        self.const64(r.off, more as u64);
        self.emit(Op::Ret, 0, 0, 0);
    }

    /// In a range body: leaves the loop with exit code `why`.
    fn body_leave(&mut self, why: u64) {
        let Some(rf) = &self.rf else { return };
        let state = rf.state;
        let v = self.alloc(INT);
        self.const64(v.off, why);
        self.emit(Op::Store64, state.off, v.off, 0);
        self.body_exit(false);
    }

    /// A `break`, `continue` or `goto` that found no target in this
    /// function: in a range body, one that leaves the body. Returns false
    /// when this is not a range body.
    pub(super) fn body_branch(
        &mut self,
        pos: Pos,
        tok: Token,
        label: Option<&syntax::ast::Name>,
    ) -> bool {
        let Some(rf) = &mut self.rf else {
            return false;
        };
        let want = label.map(|l| l.value.clone());
        let this = want.is_none() || want == rf.label;
        match tok {
            Token::Continue if this => self.body_exit(true),
            Token::Break if this => self.body_leave(BREAK),
            Token::Break | Token::Continue => {
                let k = match rf
                    .exits
                    .iter()
                    .position(|(t, l, _)| *t == tok && *l == want)
                {
                    Some(k) => k,
                    None => {
                        rf.exits.push((tok, want, pos));
                        rf.exits.len() - 1
                    }
                };
                self.body_leave(EXIT + k as u64);
            }
            _ => return false,
        }
        true
    }

    /// `return` in a range body: the results into the enclosing
    /// function's result cells, then leave the loop.
    pub(super) fn body_return(&mut self, results: Option<&Expr>) -> Result<()> {
        if let Some(r) = results {
            let rs = r.list();
            let dsts: Vec<Place> = self
                .func_results
                .clone()
                .into_iter()
                .map(|o| {
                    let rep = self.rep_of(self.oty(o), r.start())?;
                    Ok(Place::Mem {
                        ptr: self.vars[&o].off,
                        off: 0,
                        rep,
                    })
                })
                .collect::<Result<_>>()?;
            self.store_results(&dsts, rs)?;
        }
        self.body_leave(RETURN);
        Ok(())
    }

    /// After a range loop whose body returned: return from this function
    /// (or, in an enclosing range body, leave it the same way).
    fn exit_return(&mut self, pos: Pos) -> Result<()> {
        self.line(pos);
        if self.rf.is_some() {
            self.body_leave(RETURN);
        } else {
            self.ret();
        }
        Ok(())
    }

    /// For a `for … range f` statement over a function: its left-hand
    /// side, whether it declares, and its body.
    pub(super) fn range_func_loop<'s>(
        &self,
        s: &'s Stmt,
    ) -> Option<(Option<&'s Expr>, bool, &'s syntax::ast::Block)> {
        let Stmt::For {
            init: Some(init),
            body,
            ..
        } = s
        else {
            return None;
        };
        let Stmt::Range { lhs, def, x, .. } = &**init else {
            return None;
        };
        let t = self.c.info.types.get(&key(x))?.ty;
        let u = self.c.world.prog.underlying(self.sub(t));
        matches!(self.c.ty(u), Type::Signature(_)).then_some((lhs.as_ref(), *def, body))
    }

    /// The local variables `stmts` (spanning `from`..`to`) and the
    /// expressions `assigned` use but do not declare, besides `skip`, in
    /// first-use order.
    pub(super) fn body_free_vars(
        &self,
        stmts: &[Stmt],
        assigned: Option<&Expr>,
        from: Pos,
        to: Pos,
        skip: &HashSet<ObjId>,
    ) -> Vec<ObjId> {
        let mut out: Vec<ObjId> = Vec::new();
        let mut visit = |e: &Expr| {
            if let Expr::Name(n) = e
                && let Some(&o) = self.c.info.uses.get(&key(n))
                && matches!(
                    self.c.obj(o).kind,
                    ObjKind::Var {
                        is_field: false,
                        ..
                    }
                )
                && !self.c.globals.contains_key(&o)
                && !skip.contains(&o)
            {
                let p = self.c.obj(o).pos;
                let inside = (p.line, p.col) >= (from.line, from.col)
                    && (p.line, p.col) <= (to.line, to.col);
                if !inside && !out.contains(&o) {
                    out.push(o);
                }
            }
        };
        // The assigned iteration variables are evaluated in the body.
        if let Some(l) = assigned {
            crate::walk::expr(l, &mut visit);
        }
        crate::walk::exprs(stmts, &mut visit);
        out
    }
}
