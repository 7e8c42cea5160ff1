//! Visitors over the expressions and the statements of a function body
//! (outermost first), for the analyses that precede lowering.

use syntax::ast::{Decl, Expr, Stmt};

/// Calls `f` on every expression in `stmts`, at any depth.
pub(crate) fn exprs(stmts: &[Stmt], f: &mut dyn FnMut(&Expr)) {
    for s in stmts {
        stmt(s, f);
    }
}

fn stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    match s {
        Stmt::Empty(_) | Stmt::Branch { .. } => {}
        Stmt::Labeled { stmt: inner, .. } => stmt(inner, f),
        Stmt::Block(b) => exprs(&b.stmts, f),
        Stmt::Expr { x, .. } => expr(x, f),
        Stmt::Send { chan, value, .. } => {
            expr(chan, f);
            expr(value, f);
        }
        Stmt::Decl { decls, .. } => {
            for d in decls {
                if let Decl::Var(v) = &**d
                    && let Some(vals) = &v.values
                {
                    expr(vals, f);
                }
            }
        }
        Stmt::Assign { lhs, rhs, .. } => {
            expr(lhs, f);
            if let Some(r) = rhs {
                expr(r, f);
            }
        }
        Stmt::Call { call, .. } => expr(call, f),
        Stmt::Return { results, .. } => {
            if let Some(r) = results {
                expr(r, f);
            }
        }
        Stmt::If {
            init,
            cond,
            then,
            els,
            ..
        } => {
            if let Some(i) = init {
                stmt(i, f);
            }
            if let Some(c) = cond {
                expr(c, f);
            }
            exprs(&then.stmts, f);
            if let Some(e) = els {
                stmt(e, f);
            }
        }
        Stmt::For {
            init,
            cond,
            post,
            body,
            ..
        } => {
            for s in [init, post].into_iter().flatten() {
                stmt(s, f);
            }
            if let Some(c) = cond {
                expr(c, f);
            }
            exprs(&body.stmts, f);
        }
        Stmt::Switch {
            init, tag, body, ..
        } => {
            if let Some(i) = init {
                stmt(i, f);
            }
            if let Some(t) = tag {
                expr(t, f);
            }
            for cc in body {
                if let Some(c) = &cc.cases {
                    expr(c, f);
                }
                exprs(&cc.body, f);
            }
        }
        Stmt::Select { body, .. } => {
            for cc in body {
                if let Some(c) = &cc.comm {
                    stmt(c, f);
                }
                exprs(&cc.body, f);
            }
        }
        Stmt::Range { lhs, x, .. } => {
            if let Some(l) = lhs {
                expr(l, f);
            }
            expr(x, f);
        }
    }
}

/// Calls `f` on `e` and every expression inside it.
pub(crate) fn expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match e {
        Expr::CompositeLit { elems, .. } | Expr::List { elems, .. } => {
            for x in elems {
                expr(x, f);
            }
        }
        Expr::KeyValue { key, value, .. } => {
            expr(key, f);
            expr(value, f);
        }
        Expr::FuncLit { body, .. } => exprs(&body.stmts, f),
        Expr::Paren { x, .. }
        | Expr::Selector { x, .. }
        | Expr::Assert { x, .. }
        | Expr::TypeSwitchGuard { x, .. } => expr(x, f),
        Expr::Index { x, index, .. } => {
            expr(x, f);
            expr(index, f);
        }
        Expr::Slice { x, index, .. } => {
            expr(x, f);
            for i in index.iter().flatten() {
                expr(i, f);
            }
        }
        Expr::Operation { x, y, .. } => {
            expr(x, f);
            if let Some(y) = y {
                expr(y, f);
            }
        }
        Expr::Call { fun, args, .. } => {
            expr(fun, f);
            for a in args {
                expr(a, f);
            }
        }
        _ => {}
    }
}

/// Calls `f` on every statement in `stmts`, at any depth, outermost first
/// (not inside function literals: they are functions of their own).
pub(crate) fn stmts(list: &[Stmt], f: &mut dyn FnMut(&Stmt)) {
    for s in list {
        each_stmt(s, f);
    }
}

fn each_stmt(s: &Stmt, f: &mut dyn FnMut(&Stmt)) {
    f(s);
    match s {
        Stmt::Labeled { stmt: inner, .. } => each_stmt(inner, f),
        Stmt::Block(b) => stmts(&b.stmts, f),
        Stmt::If {
            init, then, els, ..
        } => {
            if let Some(i) = init {
                each_stmt(i, f);
            }
            stmts(&then.stmts, f);
            if let Some(e) = els {
                each_stmt(e, f);
            }
        }
        Stmt::For {
            init, post, body, ..
        } => {
            for s in [init, post].into_iter().flatten() {
                each_stmt(s, f);
            }
            stmts(&body.stmts, f);
        }
        Stmt::Switch { init, body, .. } => {
            if let Some(i) = init {
                each_stmt(i, f);
            }
            for cc in body {
                stmts(&cc.body, f);
            }
        }
        Stmt::Select { body, .. } => {
            for cc in body {
                if let Some(c) = &cc.comm {
                    each_stmt(c, f);
                }
                stmts(&cc.body, f);
            }
        }
        _ => {}
    }
}
