//! Channels and `select` (`make(chan T, n)`, send statements, receive
//! expressions and their comma-ok form, `close`, `len`/`cap`, range over
//! channels, `select`), and the scheduler's and package time's
//! intrinsics (with `runtime.SetFinalizer`, whose finalizers the
//! finalizer goroutine runs). (`go` statements share the `defer`
//! statement's lowering.)
//!
//! A channel value is one pointer word (its `hchan` in the Go heap).
//! Elements travel in their frame form: the channel instructions take the
//! element's frame size (`0` for zero-size elements), read sent values
//! from a frame slot and write received ones into one; a channel's buffer
//! holds elements as a frame does, so its allocation layout is the
//! element's frame layout.

use super::{FnBuilder, INT, Loc, Place, Rep, Result, Target, place_rep};
use crate::gcshape::Layout;
use abi::Op;
use syntax::Pos;
use syntax::ast::{self, Expr, Stmt};
use syntax::token::Operator;
use types::check::{Mode, key};
use types::ty::{BasicKind, Builtin, Type, TypeId};

/// One case of a `select` statement, its operands evaluated.
struct Case<'e> {
    /// The channel (a slot holding it).
    ch: Loc,
    /// The value sent, or the slot receiving.
    val: Loc,
    /// The element's type and frame size.
    elem: TypeId,
    size: u32,
    /// A receive (else a send), with the assignment or short variable
    /// declaration (`def`) of its received values.
    recv: bool,
    lhs: Option<(&'e Expr, bool)>,
}

impl FnBuilder<'_, '_> {
    /// The element of channel type `ct`: its type, representation and
    /// frame size as the channel instructions take it (0 for zero-size
    /// elements).
    fn chan_elem(&self, ct: TypeId, pos: Pos) -> Result<(TypeId, Rep, u32)> {
        let Type::Chan { elem, .. } = self.c.ty(self.c.world.prog.underlying(ct)).clone() else {
            return Err(self.unsupported(pos, "this channel"));
        };
        let er = self.rep_of(elem, pos)?;
        let size = if er.mem_size() == 0 { 0 } else { er.size() };
        Ok((elem, er, size))
    }

    /// The layout of channel buffer elements of representation `er` and
    /// frame size `size` (the element's frame layout).
    fn chan_buf_layout(&mut self, er: Rep, size: u32) -> std::result::Result<Layout, String> {
        let mut l = self.rep_layout(er)?;
        l.size = size;
        Ok(l)
    }

    /// `e` as a value of representation `rep`, in a slot of that
    /// representation (constants, nil and interface conversions in a new
    /// temporary).
    fn operand_as(&mut self, e: &Expr, rep: Rep) -> Result<Loc> {
        let (mode, t) = self.tv(e)?;
        let direct = !matches!(mode, Mode::Constant(_) | Mode::Nil)
            && !matches!(rep, Rep::Iface(_))
            && self.c.world.prog.basic_kind(t) != Some(BasicKind::UntypedNil);
        if direct {
            return self.expr(e);
        }
        let l = self.alloc(rep);
        self.expr_into(e, l)?;
        Ok(l)
    }

    /// `make(chan T)`, `make(chan T, n)`.
    pub(super) fn make_chan(&mut self, e: &Expr, args: &[Expr], dst: Option<Loc>) -> Result<Loc> {
        let (_, t) = self.tv(e)?;
        let (_, er, size) = self.chan_elem(t, e.start())?;
        let n = match args.get(1) {
            // Any integer type: its slot holds the value normalised.
            Some(n) => self.expr(n)?,
            None => {
                let z = self.alloc(INT);
                self.const64(z.off, 0);
                z
            }
        };
        let d = dst.unwrap_or_else(|| self.alloc(Rep::Chan(t)));
        let l = self.chan_buf_layout(er, size);
        self.line(e.start());
        self.emit_alloc(Op::MakeChan, d.off, n.off, size, l);
        Ok(d)
    }

    /// `len(c)`, `cap(c)` and `close(c)` for a channel `c`.
    pub(super) fn chan_builtin(
        &mut self,
        b: Builtin,
        e: &Expr,
        x: &Expr,
        dst: Option<Loc>,
    ) -> Result<Option<Loc>> {
        let ch = self.expr(x)?;
        self.line(e.start());
        let op = match b {
            Builtin::Close => {
                self.emit(Op::ChanClose, ch.off, 0, 0);
                return Ok(None);
            }
            Builtin::Len => Op::ChanLen,
            _ => Op::ChanCap,
        };
        let d = dst.unwrap_or_else(|| self.alloc(INT));
        self.emit(op, d.off, ch.off, 0);
        Ok(Some(d))
    }

    /// The send statement `ch <- value`.
    pub(super) fn send_stmt(&mut self, pos: Pos, ch: &Expr, value: &Expr) -> Result<()> {
        let (_, ct) = self.tv(ch)?;
        let (_, er, size) = self.chan_elem(ct, pos)?;
        let c = self.expr(ch)?;
        let v = self.operand_as(value, er)?;
        self.line(pos);
        self.emit(Op::ChanSend, c.off, v.off, size);
        Ok(())
    }

    /// `dst = <-x`.
    pub(super) fn recv_into(&mut self, x: &Expr, dst: Loc, pos: Pos) -> Result<()> {
        let (_, ct) = self.tv(x)?;
        let (_, _, size) = self.chan_elem(ct, pos)?;
        let c = self.expr(x)?;
        self.line(pos);
        self.emit(Op::ChanRecv, dst.off, c.off, size);
        Ok(())
    }

    /// A receive's value slot (of `er`, frame size `size`) and its ok slot
    /// after it, as `ChanRecv2` writes them; and the instruction's `a`.
    fn recv2_slots(&mut self, er: Rep, size: u32) -> (Loc, Loc, u32) {
        let v = self.alloc(er);
        let ok = self.alloc(Rep::Bool);
        // A zero-size element takes no bytes: ok is at `a`.
        let a = if size == 0 { ok.off } else { v.off };
        (v, ok, a)
    }

    /// `v, ok = <-x`: the value and the ok bool, in new temporaries.
    pub(super) fn recv2(&mut self, x: &Expr, pos: Pos) -> Result<Vec<Loc>> {
        let (_, ct) = self.tv(x)?;
        let (_, er, size) = self.chan_elem(ct, pos)?;
        let c = self.expr(x)?;
        let (v, ok, a) = self.recv2_slots(er, size);
        self.line(pos);
        self.emit(Op::ChanRecv2, a, c.off, size);
        Ok(vec![v, ok])
    }

    /// `for v := range ch`: receives until the channel is closed and
    /// drained.
    pub(super) fn range_chan(&mut self, r: &super::RangeLoop<'_>, ct: TypeId) -> Result<()> {
        let super::RangeLoop {
            s,
            lhs,
            def,
            x,
            body,
            label,
            mark,
        } = *r;
        let (_, er, size) = self.chan_elem(ct, x.start())?;
        // Evaluated once: the body may assign the operand's variable.
        let c = self.expr_tmp(x)?;
        let (v, ok, a) = self.recv2_slots(er, size);
        let (vars, late) = self.range_vars(s, lhs, def, &[er])?;
        let top = self.code.len();
        self.line(x.start());
        self.emit(Op::ChanRecv2, a, c.off, size);
        let done = self.emit(Op::JEqI, ok.off, 0, 0);
        if let Some(Some(var)) = vars.first() {
            self.mov(*var, v);
        }
        self.bind_range_vars(&late)?;
        // The received value's temporary is dead in the body: the next
        // receive writes it (go.dev/issue/15281).
        self.dead(v);
        self.loop_back(label, body, top, done, mark)
    }

    /// The channel operand of receive expression `e` (`<-x`), if it is one.
    fn recv_operand(e: &Expr) -> Option<&Expr> {
        match e.unparen() {
            Expr::Operation {
                op: Operator::Recv,
                x,
                y: None,
                ..
            } => Some(x),
            _ => None,
        }
    }

    /// A `select` statement: every channel and sent value evaluated in
    /// source order, the case table laid out in the frame, `Select`, then
    /// a compare-and-branch dispatch on the chosen index to the bodies.
    pub(super) fn select_stmt(
        &mut self,
        pos: Pos,
        body: &[ast::CommClause],
        label: Option<&str>,
    ) -> Result<()> {
        let mark = self.top;
        // The operands, in source order (spec: Select statements).
        let mut cases: Vec<Option<Case<'_>>> = Vec::new();
        for cc in body {
            let Some(comm) = &cc.comm else {
                cases.push(None);
                continue;
            };
            let (ch, recv, lhs, value) = match &**comm {
                Stmt::Send { chan, value, .. } => (chan, false, None, Some(value)),
                Stmt::Expr { x, .. } if Self::recv_operand(x).is_some() => (x, true, None, None),
                Stmt::Assign {
                    op,
                    lhs,
                    rhs: Some(r),
                    ..
                } if Self::recv_operand(r).is_some()
                    && matches!(op, None | Some(Operator::Def)) =>
                {
                    (r, true, Some((lhs, op.is_some())), None)
                }
                _ => return Err(self.unsupported(comm.pos(), "this select case")),
            };
            let ch = if recv {
                Self::recv_operand(ch).unwrap_or(ch)
            } else {
                ch
            };
            let (_, ct) = self.tv(ch)?;
            let (elem, er, size) = self.chan_elem(ct, ch.start())?;
            // The channel in its own temporary (the table is laid out
            // once every operand is evaluated).
            let c = self.expr(ch)?;
            let val = match value {
                Some(v) => self.operand_as(v, er)?,
                None => self.alloc(er),
            };
            cases.push(Some(Case {
                ch: c,
                val,
                elem,
                size,
                recv,
                lhs,
            }));
        }
        let n = cases.iter().flatten().count() as u32;
        let has_default = cases.iter().any(Option::is_none);
        // The table: per case the channel word and its descriptor; then
        // the chosen index and the receive's ok.
        let table = self.top;
        let size = 16 * n + 16;
        self.top += size;
        self.max = self.max.max(self.top);
        let chans: Vec<u32> = (0..n).map(|k| 2 * k).collect();
        self.claim_layout(table, size, Layout::with_ptrs(size, &chans));
        for (k, case) in cases.iter().flatten().enumerate() {
            let at = table + 16 * k as u32;
            self.emit(Op::Mov, at, case.ch.off, 0);
            let off = if case.size == 0 { 0 } else { case.val.off };
            let desc = case.recv as u64 | (case.size as u64) << 1 | (off as u64) << 32;
            self.const64(at + 8, desc);
        }
        self.line(pos);
        self.emit(Op::Select, table, n, has_default as u32);
        let chosen = table + 16 * n;
        let ok = Loc {
            off: chosen + 8,
            rep: Rep::Bool,
        };
        // Dispatch: a compare-and-branch to each clause's body but the
        // first's, which follows.
        let mut jumps = Vec::new();
        let mut k = 0i64;
        for (ci, case) in cases.iter().enumerate() {
            let idx = match case {
                Some(_) => {
                    k += 1;
                    k - 1
                }
                None => -1,
            };
            if ci > 0 {
                jumps.push(Some(self.emit(Op::JEqI, chosen, idx as i32 as u32, 0)));
            } else {
                jumps.push(None);
            }
        }
        self.targets.push(Target {
            label: label.map(str::to_string),
            breaks: Vec::new(),
            continues: None,
        });
        let mut ends = Vec::new();
        let last = cases.len().saturating_sub(1);
        for (ci, (cc, case)) in body.iter().zip(&cases).enumerate() {
            let start = self.code.len();
            if let Some(Some(j)) = jumps.get(ci) {
                self.patch(*j, start);
            }
            let inner = self.top;
            if let Some(Case {
                val,
                elem,
                lhs: Some((lhs, def)),
                ..
            }) = case
            {
                self.line(lhs.start());
                let bool_t = TypeId::basic(BasicKind::Bool);
                self.assign_recv(lhs, *def, &[(*val, *elem), (ok, bool_t)])?;
            }
            self.block(&cc.body)?;
            self.top = inner;
            if ci != last {
                ends.push(self.jump());
            }
        }
        let t = self.targets.pop().expect("select target");
        for at in ends.into_iter().chain(t.breaks) {
            self.patch_here(at);
        }
        self.top = mark;
        Ok(())
    }

    /// The assignment (`def`: short variable declaration) of a select
    /// case's received values `vals` (slot and type each) to `lhs`.
    fn assign_recv(&mut self, lhs: &Expr, def: bool, vals: &[(Loc, TypeId)]) -> Result<()> {
        let ls = lhs.list();
        if def {
            // The clause is a new scope: every name is a new variable,
            // living in the slot the value was received into.
            for (l, &(v, _)) in ls.iter().zip(vals) {
                let Expr::Name(n) = l else {
                    return Err(self.unsupported(l.start(), "this select case"));
                };
                if let Some(&o) = self.c.info.defs.get(&key(n)) {
                    self.bind(o, v);
                }
            }
            return Ok(());
        }
        let mut places = Vec::new();
        for l in ls {
            places.push(self.place(l)?);
        }
        for (p, &(v, t)) in places.into_iter().zip(vals) {
            match place_rep(p) {
                Some(r @ Rep::Iface(_)) if r != v.rep => {
                    let tmp = self.alloc(r);
                    self.convert_iface(v, t, tmp)?;
                    self.store_place(p, tmp);
                }
                _ if matches!(p, Place::Blank) => {}
                _ => self.store_place(p, v),
            }
        }
        Ok(())
    }

    /// The scheduler's and package time's functions compiled to one
    /// instruction: `runtime.Gosched`, `Goexit`, `NumGoroutine`,
    /// `GOMAXPROCS`, `time.Sleep`, `After`, `Tick`, `Now`.
    pub(super) fn sched_intrinsic(
        &mut self,
        path: &str,
        name: &str,
        e: &Expr,
        args: &[Expr],
    ) -> Result<Option<Vec<Loc>>> {
        let pos = e.start();
        match (path, name) {
            ("runtime", "Gosched" | "Goexit") => {
                let op = if name == "Gosched" {
                    Op::Gosched
                } else {
                    Op::Goexit
                };
                self.line(pos);
                self.emit(op, 0, 0, 0);
                Ok(Some(vec![]))
            }
            ("runtime", "NumGoroutine") => {
                let d = self.alloc(INT);
                self.line(pos);
                self.emit(Op::NumGoroutine, d.off, 0, 0);
                Ok(Some(vec![d]))
            }
            ("runtime", "NumCPU" | "Version") => {
                let (op, rep) = if name == "NumCPU" {
                    (Op::NumCpu, INT)
                } else {
                    (Op::GoVersion, Rep::Str)
                };
                let d = self.alloc(rep);
                self.line(pos);
                self.emit(op, d.off, 0, 0);
                Ok(Some(vec![d]))
            }
            ("runtime", "NumCgoCall") => {
                // No cgo: never a call.
                let d = self.alloc(Rep::Int {
                    signed: true,
                    bits: 64,
                });
                self.const64(d.off, 0);
                Ok(Some(vec![d]))
            }
            ("runtime", "LockOSThread" | "UnlockOSThread") => {
                // No-ops: one OS thread runs every goroutine, so a
                // goroutine always runs on the thread it locked.
                Ok(Some(vec![]))
            }
            ("runtime", "GOMAXPROCS") => {
                let x = self.expr(&args[0])?;
                let d = self.alloc(INT);
                self.line(pos);
                self.emit(Op::GoMaxProcs, d.off, x.off, 0);
                Ok(Some(vec![d]))
            }
            ("time", "Sleep") => {
                let x = self.expr(&args[0])?;
                self.line(pos);
                self.emit(Op::Sleep, x.off, 0, 0);
                Ok(Some(vec![]))
            }
            ("time", "After" | "Tick") => {
                let (_, t) = self.tv(e)?;
                let (_, er, size) = self.chan_elem(t, pos)?;
                let x = self.expr(&args[0])?;
                let d = self.alloc(Rep::Chan(t));
                let l = self.chan_buf_layout(er, size);
                self.line(pos);
                let tick = (name == "Tick") as u32;
                self.emit_alloc(Op::TimeAfter, d.off, x.off, tick, l);
                Ok(Some(vec![d]))
            }
            ("runtime", "SetFinalizer") => {
                // Both operands as `any` (the parameters' type): the
                // runtime checks them against each other (`interp/mfinal.rs`).
                let Expr::Call { fun, .. } = e.unparen() else {
                    return Ok(None);
                };
                let (_, ft) = self.tv(fun)?;
                let Type::Signature(sig) = self.c.ty(self.c.world.prog.underlying(ft)).clone()
                else {
                    return Err(self.unsupported(pos, "this runtime.SetFinalizer"));
                };
                let any = self.oty(sig.params[0]);
                let t0 = self.top;
                let obj = self.expr_as(&args[0], Rep::Iface(any))?;
                let fin = self.expr_as(&args[1], Rep::Iface(any))?;
                self.line(pos);
                self.emit(Op::SetFinalizer, obj.off, fin.off, 0);
                // The operands and the temporaries that made them are dead
                // from here (gc's liveness would drop them): cleared, so
                // that the frame does not keep the object alive (the
                // table keeps the func value).
                let end = self
                    .live
                    .iter()
                    .filter(|l| l.off >= t0)
                    .map(|l| l.off + l.size)
                    .max()
                    .unwrap_or(t0);
                if end > t0 {
                    self.emit(Op::Zero, t0, 0, end - t0);
                }
                Ok(Some(vec![]))
            }
            ("time", "Now") => {
                let (_, t) = self.tv(e)?;
                let d = self.alloc(self.rep_of(t, pos)?);
                if d.rep.size() != 24 {
                    return Err(self.unsupported(pos, "this time.Time"));
                }
                self.line(pos);
                self.emit(Op::TimeNow, d.off, 0, 0);
                Ok(Some(vec![d]))
            }
            _ => Ok(None),
        }
    }
}
