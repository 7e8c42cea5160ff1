//! Calls (types2 `call.go`, `builtins.go`, `conversions.go`): function and
//! method calls with argument passing and variadics, conversions `T(x)`,
//! and the built-in functions.

use super::Checker;
use super::expr::untyped_rank;
use super::lookup::Lookup;
use super::operand::{Mode, Operand};
use crate::constant::Value;
use crate::ty::{BasicKind, Builtin, ChanDir, ObjKind, Signature, Type, TypeId};
use syntax::ast::Expr;

impl<'a> Checker<'_, 'a> {
    pub(super) fn call_expr(&mut self, x: &mut Operand<'a>, e: &'a Expr) {
        let Expr::Call {
            fun,
            args,
            has_dots,
            ..
        } = e
        else {
            return;
        };
        let saved_callee = self.callee.replace(super::key(fun.unparen()));
        let f = self.expr_or_type(fun);
        self.callee = saved_callee;
        x.expr = Some(e);
        match f.mode {
            Mode::Invalid => {
                for a in args {
                    self.use_expr(a);
                }
                x.mode = Mode::Invalid;
            }
            Mode::TypExpr => {
                let t = f.typ;
                x.mode = Mode::Invalid;
                match args.len() {
                    0 => {
                        let ts = self.typ_str(t);
                        self.error_at(e.pos(), format!("missing argument in conversion to {ts}"));
                    }
                    1 => {
                        if *has_dots {
                            let ts = self.typ_str(t);
                            self.error(
                                &args[0],
                                format!("invalid use of ... in conversion to {ts}"),
                            );
                        }
                        let mut a = self.expr(Some(t), &args[0]);
                        if !a.is_invalid() {
                            self.conversion(&mut a, t);
                        }
                        *x = a;
                        x.expr = Some(e);
                    }
                    _ => {
                        for a in args {
                            self.use_expr(a);
                        }
                        let ts = self.typ_str(t);
                        self.error(
                            &args[args.len() - 1],
                            format!("too many arguments in conversion to {ts}"),
                        );
                    }
                }
            }
            Mode::Builtin(b) => {
                x.mode = Mode::Invalid;
                self.builtin(x, e, b, args, *has_dots);
                x.expr = Some(e);
            }
            _ if f.typ == TypeId::INVALID => {
                // Reported where the type went wrong.
                for a in args {
                    self.use_expr(a);
                }
                x.mode = Mode::Invalid;
            }
            _ => {
                let sig = match self.ty(self.core_under(f.typ)) {
                    Type::Signature(s) => (**s).clone(),
                    _ => {
                        let s = self.op_str(&f);
                        let t = self.typ_str(f.typ);
                        self.error(
                            e,
                            format!("invalid operation: cannot call {s}: {t} is not a function"),
                        );
                        for a in args {
                            self.use_expr(a);
                        }
                        x.mode = Mode::Invalid;
                        return;
                    }
                };
                let mut ops = self.args(args);
                let mut sig = sig;
                if !sig.tparams.is_empty() {
                    // A generic function: infer the missing type arguments.
                    if ops.iter().any(|o| o.is_invalid()) {
                        x.mode = Mode::Invalid;
                        return;
                    }
                    let given = self
                        .partial_targs
                        .get(&super::key(&**fun))
                        .cloned()
                        .unwrap_or_default();
                    let mut ptypes: Vec<TypeId> =
                        sig.params.iter().map(|&p| self.w.prog.obj(p).ty).collect();
                    if sig.variadic
                        && !*has_dots
                        && let Some(&last) = ptypes.last()
                    {
                        let elem = match self.ty(self.under(last)) {
                            Type::Slice(e) => *e,
                            _ => last,
                        };
                        ptypes.pop();
                        while ptypes.len() < ops.len() {
                            ptypes.push(elem);
                        }
                    }
                    let Some(targs) = self.infer(fun, e.pos(), &sig.tparams, &given, &ptypes, &ops)
                    else {
                        x.mode = Mode::Invalid;
                        return;
                    };
                    for (i, &tp) in sig.tparams.iter().enumerate() {
                        if let Err(cause) = self.satisfies(tp, targs[i], &sig.tparams, &targs) {
                            self.error(fun, cause);
                            x.mode = Mode::Invalid;
                            return;
                        }
                    }
                    // Generic function arguments take their inferred instances.
                    for (i, targs) in std::mem::take(&mut self.generic_arg_targs) {
                        let t = self.instantiate_sig(ops[i].typ, &targs);
                        ops[i].typ = t;
                        if let Some(ae) = ops[i].expr {
                            self.record_type_and_value(ae, Mode::Value, t);
                        }
                    }
                    let st = self.new_type(Type::Signature(Box::new(sig.clone())));
                    let inst = self.instantiate_sig(st, &targs);
                    self.record_type_and_value(fun, Mode::Value, inst);
                    if let Type::Signature(s) = self.ty(inst) {
                        sig = (**s).clone();
                    }
                }
                self.arguments(e, fun, &sig, &ops, args, *has_dots);
                match sig.results.len() {
                    0 => {
                        x.mode = Mode::NoValue;
                        x.typ = TypeId::INVALID;
                    }
                    1 => {
                        x.mode = Mode::Value;
                        x.typ = self.w.prog.obj(sig.results[0]).ty;
                    }
                    _ => {
                        x.mode = Mode::Value;
                        x.typ = self.new_type(Type::Tuple(sig.results.clone()));
                    }
                }
                self.has_call_or_recv = true;
            }
        }
    }

    /// Evaluates call arguments; a single multi-value call spreads.
    fn args(&mut self, args: &'a [Expr]) -> Vec<Operand<'a>> {
        if args.len() == 1 {
            return self.multi_expr(&args[0]);
        }
        args.iter().map(|a| self.expr(None, a)).collect()
    }

    /// Checks arguments against a signature (types2 `arguments`).
    fn arguments(
        &mut self,
        call: &'a Expr,
        fun: &'a Expr,
        sig: &Signature,
        ops: &[Operand<'a>],
        args: &'a [Expr],
        has_dots: bool,
    ) {
        if ops.iter().any(|o| o.is_invalid()) {
            return;
        }
        let params: Vec<TypeId> = sig.params.iter().map(|&p| self.w.prog.obj(p).ty).collect();
        let nargs = ops.len();
        let npars = params.len();
        let mut ptypes = params.clone();
        if sig.variadic {
            if has_dots {
                if args.len() == 1 && nargs > 1 {
                    self.error(
                        call,
                        format!(
                            "cannot use ... with {}-valued {}",
                            nargs,
                            syntax::printer::expr_string(&args[0])
                        ),
                    );
                    return;
                }
            } else {
                // Expand the variadic parameter to match the arguments.
                let last = params[npars - 1];
                let elem = match self.ty(self.under(last)) {
                    Type::Slice(e) => *e,
                    _ => last,
                };
                ptypes.truncate(npars - 1);
                while ptypes.len() < nargs {
                    ptypes.push(elem);
                }
                if nargs == npars - 1 {
                    // no variadic arguments
                }
            }
        } else if has_dots {
            let fs = syntax::printer::expr_string(fun);
            self.error(call, format!("cannot use ... in call to non-variadic {fs}"));
            return;
        }
        let fewer_ok = sig.variadic && !has_dots && nargs + 1 >= npars;
        if nargs != ptypes.len() && !(fewer_ok && nargs >= npars - 1) {
            self.arg_count_error(
                call,
                fun,
                ops,
                ptypes.len(),
                &params,
                sig.variadic,
                has_dots,
            );
            return;
        }
        let fs = syntax::printer::expr_string(fun);
        let context = format!("argument to {fs}");
        for (i, op) in ops.iter().enumerate() {
            let mut o = op.clone();
            let t = ptypes[i];
            self.assignment(&mut o, Some(t), &context);
        }
    }

    /// "not enough / too many arguments in call to f" with the have/want
    /// summaries (types2 `arguments`); `nexpected` counts the parameters
    /// after expanding a variadic one.
    #[allow(clippy::too_many_arguments)]
    fn arg_count_error(
        &mut self,
        call: &'a Expr,
        fun: &'a Expr,
        ops: &[Operand<'a>],
        nexpected: usize,
        params: &[TypeId],
        variadic: bool,
        has_dots: bool,
    ) {
        let nargs = ops.len();
        let (qualifier, at) = if nargs > nexpected {
            (
                "too many",
                ops[nexpected].expr.map_or(call.pos(), |e| e.start()),
            )
        } else if nargs > 0 {
            (
                "not enough",
                ops[nargs - 1].expr.map_or(call.pos(), |e| e.start()),
            )
        } else {
            ("not enough", call.start())
        };
        let mut have = self.types_summary(&ops.iter().map(|o| o.typ).collect::<Vec<_>>(), false);
        if has_dots {
            // f(s...): the last argument is shown spread.
            have.insert_str(have.len() - 1, "...");
        }
        let want = self.types_summary(params, variadic);
        let fs = syntax::printer::expr_string(fun);
        self.error_at(
            at,
            format!("{qualifier} arguments in call to {fs}\n\thave {have}\n\twant {want}"),
        );
    }

    /// "(int, string)" summaries for argument count errors.
    fn types_summary(&self, list: &[TypeId], variadic: bool) -> String {
        let mut res = Vec::new();
        for (i, &t) in list.iter().enumerate() {
            let mut s = if t == TypeId::INVALID {
                "unknown type".to_string()
            } else if let Some(k) = self.untyped_kind(t) {
                if k.is_numeric() {
                    "number".into()
                } else {
                    k.name().replace("untyped ", "")
                }
            } else {
                self.typ_str(t)
            };
            if variadic && i + 1 == list.len() && s.starts_with("[]") {
                s = format!("...{}", &s[2..]);
            }
            res.push(s);
        }
        format!("({})", res.join(", "))
    }

    // ---- conversions ----

    /// `T(x)` (types2 `conversion`).
    pub fn conversion(&mut self, x: &mut Operand<'a>, t: TypeId) {
        let const_arg = matches!(x.mode, Mode::Constant(_));
        let t_const = self.basic(t).is_some_and(|k| k.is_const_type());
        let mut ok = false;
        let mut cause = String::new();
        if const_arg && t_const {
            let k = self.basic(t).expect("basic");
            let v = x.val().cloned().unwrap_or(Value::Unknown);
            if let Some(r) = super::expr::representable_const(&v, k) {
                x.mode = Mode::Constant(r);
                ok = true;
            } else if self.basic(x.typ).is_some_and(|xk| xk.is_integer()) && k.is_string() {
                let c = v
                    .to_u64()
                    .filter(|&i| i <= 0x10ffff)
                    .and_then(|i| char::from_u32(i as u32))
                    .unwrap_or('\u{fffd}');
                x.mode = Mode::Constant(Value::string(&c.to_string()));
                ok = true;
            } else if self.basic(x.typ).is_some_and(|xk| xk.is_integer()) && k.is_integer() {
                let ts = self.typ_str(t);
                self.error_at_operand(x, format!("constant {v} overflows {ts}"));
                x.mode = Mode::Invalid;
                return;
            }
        } else if const_arg && self.is_type_param(t) {
            // Convertible to each specific type of T's type set; the result
            // is not a constant (types2 `conversion`).
            let v = x.val().cloned().unwrap_or(Value::Unknown);
            let x_int = self.basic(x.typ).is_some_and(|k| k.is_integer());
            let x_str = self.basic(x.typ).is_some_and(|k| k.is_string());
            let ts = self.typ_str(t);
            ok = true;
            for u in self.under_types(t) {
                let Some(u) = u else {
                    cause = format!("{ts} does not contain specific types");
                    ok = false;
                    break;
                };
                let bytes_or_runes = matches!(self.ty(u), Type::Slice(e)
                    if matches!(self.basic(*e), Some(BasicKind::Uint8 | BasicKind::Int32)));
                if x_str && bytes_or_runes {
                    continue;
                }
                let uk = self.basic(u).filter(|k| k.is_const_type());
                if uk
                    .and_then(|k| super::expr::representable_const(&v, k))
                    .is_none()
                {
                    let us = self.typ_str(u);
                    cause = if x_int && uk.is_some_and(|k| k.is_integer()) {
                        format!("constant {v} overflows {us} (in {ts})")
                    } else {
                        let s = self.op_str(x);
                        format!("cannot convert {s} to type {us} (in {ts})")
                    };
                    ok = false;
                    break;
                }
            }
            x.mode = Mode::Value;
        } else {
            match self.convertible_to(x, t) {
                Ok(()) => {
                    ok = true;
                    x.mode = Mode::Value;
                }
                Err(c) => cause = c,
            }
        }
        if !ok {
            let s = self.op_str(x);
            let ts = self.typ_str(t);
            let msg = if cause.is_empty() {
                format!("cannot convert {s} to type {ts}")
            } else {
                format!("cannot convert {s} to type {ts}: {cause}")
            };
            self.error_at_operand(x, msg);
            x.mode = Mode::Invalid;
            return;
        }
        if self.is_untyped(x.typ) {
            let mut final_ = t;
            if x.is_nil() {
                // keep
            } else if matches!(self.ty(self.under(t)), Type::Interface(_)) && !self.is_type_param(t)
                || const_arg && !t_const
            {
                final_ = self.default_type(x.typ);
            } else if const_arg
                && self.basic(x.typ).is_some_and(|k| k.is_integer())
                && self.basic(t).is_some_and(|k| k.is_string())
            {
                final_ = x.typ;
            }
            if let Some(e) = x.expr {
                self.update_expr_type(e, final_, true);
            }
        }
        x.typ = t;
    }

    /// Whether a non-constant `x` converts to `t` (types2 `convertibleTo`).
    fn convertible_to(&mut self, x: &Operand<'a>, t: TypeId) -> Result<(), String> {
        let assign_cause = match self.assignable_to(x, t) {
            Ok(()) => return Ok(()),
            Err(c) => c,
        };
        // Conversions to interfaces are assignments: keep their cause.
        if matches!(self.ty(self.under(t)), Type::Interface(_)) && !self.is_type_param(t) {
            return Err(assign_cause);
        }
        let v = x.typ;
        let (vu, tu) = (self.under(v), self.under(t));
        if self.w.prog.identical_ignore_tags(vu, tu) {
            return Ok(());
        }
        if let (Type::Pointer(a), Type::Pointer(b)) = (self.ty(v).clone(), self.ty(t).clone())
            && self
                .w
                .prog
                .identical_ignore_tags(self.under(a), self.under(b))
        {
            return Ok(());
        }
        let (kv, kt) = (self.basic(v), self.basic(t));
        if let (Some(a), Some(b)) = (kv, kt) {
            if (a.is_integer() || a.is_float()) && (b.is_integer() || b.is_float()) {
                return Ok(());
            }
            if a.is_complex() && b.is_complex() {
                return Ok(());
            }
            if a.is_integer() && b.is_string() {
                return Ok(());
            }
            if a == BasicKind::UnsafePointer && b == BasicKind::Uintptr
                || a == BasicKind::Uintptr && b == BasicKind::UnsafePointer
            {
                return Ok(());
            }
        }
        let is_bytes_or_runes = |c: &Self, t: TypeId| -> bool {
            if let Type::Slice(e) = c.ty(c.under(t)) {
                matches!(c.basic(*e), Some(BasicKind::Uint8 | BasicKind::Int32))
                    && matches!(c.ty(c.under(*e)), Type::Basic(_))
            } else {
                false
            }
        };
        if kt.is_some_and(|k| k.is_string()) && is_bytes_or_runes(self, v) {
            return Ok(());
        }
        if kv.is_some_and(|k| k.is_string()) && is_bytes_or_runes(self, t) {
            return Ok(());
        }
        // unsafe.Pointer <-> *T
        if kv == Some(BasicKind::UnsafePointer) && matches!(self.ty(tu), Type::Pointer(_))
            || kt == Some(BasicKind::UnsafePointer) && matches!(self.ty(vu), Type::Pointer(_))
        {
            return Ok(());
        }
        // Type parameters: every pair of types of their type sets converts.
        let (vp, tp) = (self.is_type_param(v), self.is_type_param(t));
        if vp || tp {
            let vterms: Vec<TypeId> = if vp {
                match self.tparam_terms(v) {
                    Some(ts) if !ts.is_empty() => ts.iter().map(|t| t.ty).collect(),
                    _ => {
                        return Err(format!(
                            "{} does not contain specific types",
                            self.typ_str(v)
                        ));
                    }
                }
            } else {
                vec![v]
            };
            let tterms: Vec<TypeId> = if tp {
                match self.tparam_terms(t) {
                    Some(ts) if !ts.is_empty() => ts.iter().map(|t| t.ty).collect(),
                    _ => {
                        return Err(format!(
                            "{} does not contain specific types",
                            self.typ_str(t)
                        ));
                    }
                }
            } else {
                vec![t]
            };
            for &vt in &vterms {
                for &tt in &tterms {
                    let xo = Operand {
                        mode: Mode::Value,
                        expr: x.expr,
                        typ: vt,
                    };
                    if self.convertible_to(&xo, tt).is_err() {
                        return Err(format!(
                            "cannot convert {} to type {}",
                            self.typ_str(vt),
                            self.typ_str(tt)
                        ));
                    }
                }
            }
            return Ok(());
        }
        // slice to array or array pointer
        if let Type::Slice(se) = self.ty(vu).clone() {
            let target = match self.ty(tu).clone() {
                Type::Array { len, elem } => Some((len, elem)),
                Type::Pointer(p) => match self.ty(self.under(p)).clone() {
                    Type::Array { len, elem } => Some((len, elem)),
                    _ => None,
                },
                _ => None,
            };
            if let Some((_, elem)) = target
                && self.w.prog.identical(se, elem)
            {
                return Ok(());
            }
        }
        // The assignability cause stands (types2 keeps it).
        Err(assign_cause)
    }

    // ---- built-ins ----

    fn builtin(
        &mut self,
        x: &mut Operand<'a>,
        call: &'a Expr,
        b: Builtin,
        args: &'a [Expr],
        has_dots: bool,
    ) {
        let name = b.name();
        if has_dots && b != Builtin::Append {
            self.error(
                call,
                format!("invalid operation: invalid use of ... with built-in {name}"),
            );
            for a in args {
                self.use_expr(a);
            }
            return;
        }
        let (nargs_min, variadic) = match b {
            Builtin::Append => (1, true),
            Builtin::Cap | Builtin::Len | Builtin::Clear | Builtin::Close => (1, false),
            Builtin::Complex => (2, false),
            Builtin::Copy => (2, false),
            Builtin::Delete => (2, false),
            Builtin::Imag | Builtin::Real => (1, false),
            Builtin::Make => (1, true),
            Builtin::Max | Builtin::Min => (1, true),
            Builtin::New => (1, false),
            Builtin::Panic => (1, false),
            Builtin::Print | Builtin::Println => (0, true),
            Builtin::Recover => (0, false),
            Builtin::Add => (2, false),
            Builtin::Alignof | Builtin::Offsetof | Builtin::Sizeof => (1, false),
            Builtin::Slice => (2, false),
            Builtin::SliceData | Builtin::StringData => (1, false),
            Builtin::String => (2, false),
        };
        let special = matches!(b, Builtin::Make | Builtin::New | Builtin::Offsetof);
        let mut ops = Vec::new();
        let saved_call = self.has_call_or_recv;
        if matches!(b, Builtin::Len | Builtin::Cap) {
            self.has_call_or_recv = false;
        }
        if !special {
            // A single multi-value call spreads over the parameters.
            ops = self.args(args);
            if ops.iter().any(|o| o.is_invalid()) {
                self.has_call_or_recv |= saved_call;
                return;
            }
        }
        let nargs = if special { args.len() } else { ops.len() };
        // The expression of argument i (a spread call stands for all).
        let arg = |i: usize| -> &'a Expr { args.get(i).or(args.first()).unwrap_or(call) };
        let msg = if nargs < nargs_min {
            "not enough"
        } else if !variadic && nargs > nargs_min {
            "too many"
        } else {
            ""
        };
        if !msg.is_empty() {
            let cs = syntax::printer::expr_string(call);
            let at = if nargs > nargs_min {
                arg(nargs_min).start()
            } else {
                call.pos()
            };
            self.error_at(
                at,
                format!("invalid operation: {msg} arguments for {cs} (expected {nargs_min}, found {nargs})"),
            );
            self.has_call_or_recv |= saved_call;
            return;
        }
        // Built-ins newer than the language version (reported, then
        // checked as usual).
        let since = match b {
            Builtin::Clear => Some((21, "clear".to_string())),
            Builtin::Min | Builtin::Max => Some((21, format!("built-in {name}"))),
            Builtin::Add | Builtin::Slice => Some((17, format!("unsafe.{name}"))),
            Builtin::SliceData | Builtin::String | Builtin::StringData => {
                Some((20, format!("unsafe.{name}")))
            }
            _ => None,
        };
        if let Some((minor, what)) = since
            && let Expr::Call { fun, .. } = call
        {
            self.verify_version(fun, minor, &what);
        }
        match b {
            Builtin::Len | Builtin::Cap => {
                let a = &mut ops[0];
                if self.is_type_param(a.typ) && self.core_type(a.typ).is_none() {
                    let is_len = b == Builtin::Len;
                    let ok = self.all_terms(a.typ, |c, t| match c.ty(c.under(t)) {
                        Type::Basic(k) => k.is_string() && is_len,
                        Type::Array { .. } | Type::Slice(_) | Type::Chan { .. } => true,
                        Type::Map { .. } => is_len,
                        Type::Pointer(p) => matches!(c.ty(c.under(*p)), Type::Array { .. }),
                        _ => false,
                    });
                    self.has_call_or_recv |= saved_call;
                    if !ok {
                        let s = self.op_str(a);
                        self.error(arg(0), format!("invalid argument: {s} for built-in {name}"));
                        return;
                    }
                    x.mode = Mode::Value;
                    x.typ = TypeId::basic(BasicKind::Int);
                    return;
                }
                let u = self.core_under(a.typ);
                let mut val: Option<Value> = None;
                let ok = match self.ty(u).clone() {
                    Type::Basic(k) if k.is_string() && b == Builtin::Len => {
                        if let Some(Value::String(s)) = a.val() {
                            val = Some(Value::int(s.len() as i64));
                        }
                        true
                    }
                    Type::Array { len, .. } => {
                        if !self.has_call_or_recv {
                            val = Some(Value::int(len));
                        }
                        true
                    }
                    Type::Pointer(p) => {
                        if let Type::Array { len, .. } = self.ty(self.under(p)).clone() {
                            if !self.has_call_or_recv {
                                val = Some(Value::int(len));
                            }
                            true
                        } else {
                            false
                        }
                    }
                    Type::Slice(_) | Type::Chan { .. } => true,
                    Type::Map { .. } => b == Builtin::Len,
                    _ => false,
                };
                self.has_call_or_recv |= saved_call;
                if !ok {
                    let s = self.op_str(a);
                    self.error(arg(0), format!("invalid argument: {s} for built-in {name}"));
                    return;
                }
                if self.is_untyped(a.typ) {
                    let t = TypeId::basic(BasicKind::String);
                    self.convert_untyped(a, t);
                }
                x.mode = match val {
                    Some(v) => Mode::Constant(v),
                    None => Mode::Value,
                };
                x.typ = TypeId::basic(BasicKind::Int);
            }
            Builtin::Append => {
                let s = ops[0].clone();
                let elem = match self.ty(self.core_under(s.typ)) {
                    Type::Slice(e) => *e,
                    _ => {
                        let d = self.op_str(&s);
                        let why = if s.is_nil() {
                            "argument must be a slice; have untyped nil".to_string()
                        } else {
                            format!("argument must be a slice; have {d}")
                        };
                        self.error(arg(0), format!("invalid append: {why}"));
                        return;
                    }
                };
                if has_dots {
                    if nargs != 2 {
                        // Checked as a call of func(S, ...E) S.
                        let slice_e = self.new_type(Type::Slice(elem));
                        if let Expr::Call { fun, .. } = call {
                            self.arg_count_error(call, fun, &ops, 2, &[s.typ, slice_e], true, true);
                        }
                        return;
                    }
                    let mut y = ops[1].clone();
                    // append([]byte, string...)
                    let is_byte_slice = self.basic(elem) == Some(BasicKind::Uint8);
                    let bytes_or_string = |c: &Self, t: TypeId| {
                        c.all_terms(t, |c, t| match c.ty(c.under(t)) {
                            Type::Basic(k) => k.is_string(),
                            Type::Slice(e) => c.basic(*e) == Some(BasicKind::Uint8),
                            _ => false,
                        })
                    };
                    if is_byte_slice && self.is_type_param(y.typ) && bytes_or_string(self, y.typ) {
                        // append([]byte, x...) with x of type string | []byte
                    } else if is_byte_slice && self.basic(y.typ).is_some_and(|k| k.is_string()) {
                        if self.is_untyped(y.typ) {
                            self.convert_untyped(&mut y, TypeId::basic(BasicKind::String));
                        }
                    } else {
                        let st = s.typ;
                        let slice_t = if matches!(self.ty(self.w.prog.unalias(st)), Type::Slice(_))
                        {
                            st
                        } else {
                            self.new_type(Type::Slice(elem))
                        };
                        self.assignment(&mut y, Some(slice_t), "argument to append");
                    }
                } else {
                    for o in &ops[1..] {
                        let mut o = o.clone();
                        self.assignment(&mut o, Some(elem), "argument to append");
                    }
                }
                x.mode = Mode::Value;
                x.typ = s.typ;
            }
            Builtin::Make => {
                let t = self.var_type(arg(0));
                if t == TypeId::INVALID {
                    for a in args.iter().skip(1) {
                        self.use_expr(a);
                    }
                    return;
                }
                let min = match self.ty(self.core_under(t)) {
                    Type::Slice(_) => 2,
                    Type::Map { .. } | Type::Chan { .. } => 1,
                    _ => {
                        let s = syntax::printer::expr_string(arg(0));
                        self.error(arg(0), format!("invalid argument: cannot make {s}: type must be slice, map, or channel"));
                        for a in args.iter().skip(1) {
                            self.use_expr(a);
                        }
                        return;
                    }
                };
                if nargs < min || min + 1 < nargs {
                    let cs = syntax::printer::expr_string(call);
                    self.error(
                        call,
                        format!(
                            "invalid operation: {cs} expects {min} or {} arguments; found {nargs}",
                            min + 1
                        ),
                    );
                    return;
                }
                let mut sizes = Vec::new();
                for a in args.iter().skip(1) {
                    if let Some(n) = self.index(a, None) {
                        sizes.push(n);
                    }
                }
                if sizes.len() == 2 && sizes[0] > sizes[1] {
                    self.error(arg(1), "invalid argument: length and capacity swapped");
                }
                x.mode = Mode::Value;
                x.typ = t;
            }
            Builtin::New => {
                // new(T) or, since go1.26, new(expr).
                let mut a = self.expr_or_type(arg(0));
                if let Mode::Builtin(_) = a.mode {
                    let s = self.op_str(&a);
                    self.error(arg(0), format!("{s} must be called"));
                    return;
                }
                if a.is_invalid() {
                    return;
                }
                let t = if a.mode == Mode::TypExpr {
                    a.typ
                } else {
                    // new(expr): an untyped value takes its default type;
                    // the version is checked only if all else is well.
                    if self.is_untyped(a.typ) {
                        self.assignment(&mut a, None, "argument to new");
                        if a.is_invalid() {
                            return;
                        }
                    }
                    if let Expr::Call { fun, .. } = call {
                        let s = syntax::printer::expr_string(call);
                        if !self.verify_version(fun, 26, &s) {
                            return;
                        }
                    }
                    a.typ
                };
                x.mode = Mode::Value;
                x.typ = self.new_type(Type::Pointer(t));
            }
            Builtin::Panic => {
                let mut a = ops[0].clone();
                let any = self.w.prog.any_alias;
                self.assignment(&mut a, Some(any), "argument to panic");
                x.mode = Mode::NoValue;
            }
            Builtin::Print | Builtin::Println => {
                for o in &ops {
                    let mut o = o.clone();
                    self.assignment(&mut o, None, &format!("argument to built-in {name}"));
                }
                x.mode = Mode::NoValue;
            }
            Builtin::Recover => {
                x.mode = Mode::Value;
                x.typ = self.w.prog.any_alias;
            }
            Builtin::Copy => {
                let (dst, src) = (ops[0].clone(), ops[1].clone());
                let de = match self.ty(self.core_under(dst.typ)) {
                    Type::Slice(e) => Some(*e),
                    _ => None,
                };
                let Some(de) = de else {
                    let d = if dst.is_nil() {
                        "untyped nil".to_string()
                    } else {
                        self.op_str(&dst)
                    };
                    self.error(
                        arg(0),
                        format!("invalid copy: argument must be a slice; have {d}"),
                    );
                    return;
                };
                let se = match self.ty(self.core_under(src.typ)) {
                    Type::Slice(e) => Some(*e),
                    Type::Basic(k) if k.is_string() => Some(self.w.prog.byte),
                    _ => None,
                };
                let Some(se) = se else {
                    let d = if src.is_nil() {
                        "untyped nil".to_string()
                    } else {
                        self.op_str(&src)
                    };
                    self.error(
                        arg(1),
                        format!("invalid copy: argument must be a slice; have {d}"),
                    );
                    return;
                };
                if !self.w.prog.identical(de, se) {
                    let (a, b2) = (self.op_str(&dst), self.op_str(&src));
                    let (ds, ss) = (self.typ_str(de), self.typ_str(se));
                    self.error(arg(0), format!("invalid copy: arguments {a} and {b2} have different element types {ds} and {ss}"));
                    return;
                }
                x.mode = Mode::Value;
                x.typ = TypeId::basic(BasicKind::Int);
            }
            Builtin::Delete => {
                let m = ops[0].clone();
                // Every type of a type parameter's type set must be a map,
                // all with one key type (types2 `underIs`).
                let mut key: Option<TypeId> = None;
                for u in self.under_types(m.typ) {
                    let Some(Type::Map { key: k, .. }) = u.map(|u| self.ty(u).clone()) else {
                        let s = self.op_str(&m);
                        self.error(arg(0), format!("invalid argument: {s} is not a map"));
                        return;
                    };
                    if key.is_some_and(|prev| !self.w.prog.identical(prev, k)) {
                        let s = self.op_str(&m);
                        self.error(
                            arg(0),
                            format!("invalid argument: maps of {s} must have identical key types"),
                        );
                        return;
                    }
                    key = Some(k);
                }
                let mut k = ops[1].clone();
                self.assignment(&mut k, key, "argument to delete");
                x.mode = Mode::NoValue;
            }
            Builtin::Close => {
                let c = ops[0].clone();
                for u in self.under_types(c.typ) {
                    match u.map(|u| self.ty(u).clone()) {
                        Some(Type::Chan { dir, .. }) => {
                            if dir == ChanDir::RecvOnly {
                                let s = self.op_str(&c);
                                self.error(
                                    arg(0),
                                    format!(
                                        "invalid operation: cannot close receive-only channel {s}"
                                    ),
                                );
                                return;
                            }
                        }
                        _ => {
                            let s = self.op_str(&c);
                            self.error(
                                arg(0),
                                format!("invalid operation: cannot close non-channel {s}"),
                            );
                            return;
                        }
                    }
                }
                x.mode = Mode::NoValue;
            }
            Builtin::Clear => {
                let c = ops[0].clone();
                if !matches!(
                    self.ty(self.core_under(c.typ)),
                    Type::Map { .. } | Type::Slice(_)
                ) {
                    let s = self.op_str(&c);
                    self.error(arg(0), format!("invalid argument: cannot clear {s}: argument must be (or constrained by) map or slice"));
                    return;
                }
                x.mode = Mode::NoValue;
            }
            Builtin::Min | Builtin::Max => {
                let mut acc = ops[0].clone();
                for (i, o) in ops.iter().enumerate() {
                    if !self.is_ordered(o.typ) {
                        let s = self.op_str(o);
                        self.error(arg(i), format!("invalid argument: {s} cannot be ordered"));
                        return;
                    }
                    if i == 0 {
                        continue;
                    }
                    let mut a = o.clone();
                    let mut l = acc.clone();
                    // Bring both to a common type (types2 `matchTypes`).
                    self.match_types(&mut l, &mut a);
                    if l.is_invalid() || a.is_invalid() {
                        return;
                    }
                    if !self.w.prog.identical(l.typ, a.typ) {
                        let (ls, es) = (self.typ_str(l.typ), syntax::printer::expr_string(arg(i)));
                        let at = self.typ_str(a.typ);
                        self.error(arg(i), format!("invalid argument: mismatched types {ls} (previous argument) and {at} (type of {es})"));
                        return;
                    }
                    match (l.val().cloned(), a.val().cloned()) {
                        (Some(lv), Some(av)) => {
                            let pick_a = if b == Builtin::Min {
                                crate::constant::compare(&av, crate::constant::Op::Lss, &lv)
                            } else {
                                crate::constant::compare(&av, crate::constant::Op::Gtr, &lv)
                            };
                            let v = if pick_a { av } else { lv };
                            let t = if self.is_untyped(l.typ) && self.is_untyped(a.typ) {
                                if untyped_rank(self.basic(a.typ)) > untyped_rank(self.basic(l.typ))
                                {
                                    a.typ
                                } else {
                                    l.typ
                                }
                            } else {
                                l.typ
                            };
                            acc = Operand {
                                mode: Mode::Constant(v),
                                expr: Some(call),
                                typ: t,
                            };
                        }
                        _ => {
                            acc = Operand {
                                mode: Mode::Value,
                                expr: Some(call),
                                typ: l.typ,
                            };
                        }
                    }
                }
                if acc.mode != Mode::Value && !matches!(acc.mode, Mode::Constant(_)) {
                    acc.mode = Mode::Value;
                }
                *x = acc;
            }
            Builtin::Complex => {
                let (mut re, mut im) = (ops[0].clone(), ops[1].clone());
                if self.is_untyped(re.typ) && !self.is_untyped(im.typ) {
                    let t = im.typ;
                    self.convert_untyped(&mut re, t);
                } else if self.is_untyped(im.typ) && !self.is_untyped(re.typ) {
                    let t = re.typ;
                    self.convert_untyped(&mut im, t);
                }
                if re.is_invalid() || im.is_invalid() {
                    return;
                }
                if !(self.w.prog.identical(re.typ, im.typ)
                    || self.is_untyped(re.typ) && self.is_untyped(im.typ))
                {
                    let cs = syntax::printer::expr_string(call);
                    let (a, b2) = (self.typ_str(re.typ), self.typ_str(im.typ));
                    self.error(
                        arg(0),
                        format!("invalid operation: {cs} (mismatched types {a} and {b2})"),
                    );
                    return;
                }
                let t = match self.basic(re.typ) {
                    Some(BasicKind::Float32) => TypeId::basic(BasicKind::Complex64),
                    Some(BasicKind::Float64) => TypeId::basic(BasicKind::Complex128),
                    Some(k) if k.is_untyped() && k.is_numeric() => {
                        TypeId::basic(BasicKind::UntypedComplex)
                    }
                    _ => {
                        let s = self.typ_str(re.typ);
                        self.error(
                            arg(0),
                            format!(
                                "invalid argument: arguments have type {s}, expected floating-point"
                            ),
                        );
                        return;
                    }
                };
                match (re.val(), im.val()) {
                    (Some(a), Some(b2)) => {
                        x.mode = Mode::Constant(super::expr::complex_value(a, b2));
                    }
                    _ => x.mode = Mode::Value,
                }
                x.typ = t;
            }
            Builtin::Real | Builtin::Imag => {
                let a = ops[0].clone();
                let t = match self.basic(a.typ) {
                    Some(BasicKind::Complex64) => TypeId::basic(BasicKind::Float32),
                    Some(BasicKind::Complex128) => TypeId::basic(BasicKind::Float64),
                    Some(k) if k.is_untyped() && k.is_numeric() => {
                        TypeId::basic(BasicKind::UntypedFloat)
                    }
                    _ => {
                        let s = self.typ_str(a.typ);
                        self.error(
                            arg(0),
                            format!(
                                "invalid argument: argument has type {s}, expected complex type"
                            ),
                        );
                        return;
                    }
                };
                match a.val() {
                    Some(v) => {
                        let r = if b == Builtin::Real {
                            v.real()
                        } else {
                            v.imag()
                        };
                        x.mode = Mode::Constant(r);
                    }
                    None => x.mode = Mode::Value,
                }
                x.typ = t;
            }
            Builtin::Sizeof | Builtin::Alignof => {
                let mut a = ops[0].clone();
                if self.is_untyped(a.typ) {
                    let d = self.default_type(a.typ);
                    self.convert_untyped(&mut a, d);
                }
                x.typ = TypeId::basic(BasicKind::Uintptr);
                if self.has_var_size(a.typ) {
                    // Depends on a type parameter: not a constant.
                    x.mode = Mode::Value;
                } else {
                    let v = if b == Builtin::Sizeof {
                        self.w.prog.size_of(a.typ)
                    } else {
                        self.w.prog.align_of(a.typ)
                    };
                    x.mode = Mode::Constant(Value::int(v));
                }
            }
            Builtin::Offsetof => {
                let sel_arg = arg(0).unparen();
                let Expr::Selector { .. } = sel_arg else {
                    let s = syntax::printer::expr_string(arg(0));
                    self.error(
                        arg(0),
                        format!("invalid argument: {s} is not a selector expression"),
                    );
                    return;
                };
                let Expr::Selector { x: base_x, sel, .. } = sel_arg else {
                    return;
                };
                let a = self.expr(None, base_x);
                if a.is_invalid() {
                    return;
                }
                let base = self.deref_struct_ptr(a.typ);
                let (obj, path) = match self.lookup_field_or_method(base, &sel.value) {
                    Lookup::Found {
                        obj,
                        path,
                        indirect,
                    } => {
                        if matches!(self.w.prog.obj(obj).kind, ObjKind::Func) {
                            let s = syntax::printer::expr_string(arg(0));
                            self.error(arg(0), format!("invalid argument: {s} is a method value"));
                            return;
                        }
                        if indirect {
                            let bs = self.typ_str(base);
                            self.error(
                                base_x,
                                format!(
                                    "invalid argument: field {} is embedded via a pointer in {bs}",
                                    sel.value
                                ),
                            );
                            return;
                        }
                        (obj, path)
                    }
                    _ => {
                        let bs = self.typ_str(base);
                        self.error(
                            base_x,
                            format!("invalid argument: {bs} has no single field {}", sel.value),
                        );
                        return;
                    }
                };
                // types2's recordSelection: the selector uses the field.
                self.record_use(sel, obj);
                let ft = self.w.prog.obj(obj).ty;
                let mode = if a.mode == Mode::Variable {
                    Mode::Variable
                } else {
                    Mode::Value
                };
                self.record_type_and_value(sel_arg, mode, ft);
                x.mode = if self.has_var_size(base) {
                    Mode::Value
                } else {
                    Mode::Constant(Value::int(self.offsetof(base, &path)))
                };
                x.typ = TypeId::basic(BasicKind::Uintptr);
            }
            Builtin::Add => {
                let mut p = ops[0].clone();
                self.assignment(
                    &mut p,
                    Some(TypeId::basic(BasicKind::UnsafePointer)),
                    "argument to unsafe.Add",
                );
                let mut n = ops[1].clone();
                if self.is_untyped(n.typ) {
                    self.convert_untyped(&mut n, TypeId::basic(BasicKind::Int));
                }
                x.mode = Mode::Value;
                x.typ = TypeId::basic(BasicKind::UnsafePointer);
            }
            Builtin::Slice => {
                let p = ops[0].clone();
                let Type::Pointer(elem) = self.ty(self.under(p.typ)).clone() else {
                    let s = self.op_str(&p);
                    self.error(arg(0), format!("invalid argument: {s} is not a pointer"));
                    return;
                };
                let mut n = ops[1].clone();
                if !self.is_valid_index(&mut n, "length", false) {
                    return;
                }
                x.mode = Mode::Value;
                x.typ = self.new_type(Type::Slice(elem));
            }
            Builtin::SliceData => {
                let s = ops[0].clone();
                let Type::Slice(elem) = self.ty(self.under(s.typ)).clone() else {
                    let d = self.op_str(&s);
                    self.error(arg(0), format!("invalid argument: {d} is not a slice"));
                    return;
                };
                x.mode = Mode::Value;
                x.typ = self.new_type(Type::Pointer(elem));
            }
            Builtin::String => {
                let mut p = ops[0].clone();
                let bp = self.new_type(Type::Pointer(self.w.prog.byte));
                self.assignment(&mut p, Some(bp), "argument to unsafe.String");
                x.mode = Mode::Value;
                x.typ = TypeId::basic(BasicKind::String);
            }
            Builtin::StringData => {
                let mut s = ops[0].clone();
                self.assignment(
                    &mut s,
                    Some(TypeId::basic(BasicKind::String)),
                    "argument to unsafe.StringData",
                );
                x.mode = Mode::Value;
                x.typ = self.new_type(Type::Pointer(self.w.prog.byte));
            }
        }
        self.has_call_or_recv |= saved_call;
        if !matches!(x.mode, Mode::Constant(_)) {
            self.has_call_or_recv = true;
        }
    }

    /// Whether the size of `t` depends on a type parameter (types2 `hasVarSize`).
    fn has_var_size(&self, t: TypeId) -> bool {
        self.has_var_size_in(t, &mut Vec::new())
    }

    fn has_var_size_in(&self, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
        if seen.contains(&t) {
            return false;
        }
        seen.push(t);
        let u = self.under(t);
        match self.ty(u) {
            Type::TypeParam { .. } => true,
            Type::Array { elem, .. } => self.has_var_size_in(*elem, seen),
            Type::Struct { fields, .. } => fields
                .iter()
                .any(|&f| self.has_var_size_in(self.w.prog.obj(f).ty, seen)),
            _ => self.is_type_param(t),
        }
    }

    /// unsafe.Offsetof(x.f): the field's offset within the struct that
    /// directly contains it.
    /// The offset of the field reached from struct type `t` through the
    /// embedding `path` (no pointers on the way).
    fn offsetof(&self, mut t: TypeId, path: &[usize]) -> i64 {
        let mut off = 0;
        for &i in path {
            let Type::Struct { fields, .. } = self.ty(self.under(t)).clone() else {
                return off;
            };
            off += self.w.prog.offsets_of(&fields)[i];
            t = self.w.prog.obj(fields[i]).ty;
        }
        off
    }

    /// The underlying types `f` of types2's `underIs(t, f)` sees: those of
    /// a type parameter's specific types (one `None` when it has none), or
    /// `t`'s own underlying type.
    fn under_types(&self, t: TypeId) -> Vec<Option<TypeId>> {
        if self.is_type_param(t) {
            match self.tparam_terms(t) {
                Some(terms) if !terms.is_empty() => {
                    terms.iter().map(|term| Some(self.under(term.ty))).collect()
                }
                _ => vec![None],
            }
        } else {
            vec![Some(self.under(t))]
        }
    }

    /// `*S` for a struct type `S` becomes `S` (types2 `derefStructPtr`).
    fn deref_struct_ptr(&self, t: TypeId) -> TypeId {
        if let Type::Pointer(p) = self.ty(self.under(t))
            && let Type::Struct { .. } = self.ty(self.under(*p))
        {
            return *p;
        }
        t
    }
}
