//! gc's short-form printing of syntax (`syntax.String`): how expressions,
//! types and simple statements appear inside diagnostics — function bodies
//! and composite literal contents shortened to `{…}`, everything on one line.

use crate::ast::*;
use crate::token::Token;

/// The short form of an expression, as gc's `syntax.String`.
pub fn expr_string(x: &Expr) -> String {
    let mut s = String::new();
    expr(&mut s, x);
    s
}

/// The short form of a (simple) statement.
pub fn stmt_string(x: &Stmt) -> String {
    let mut s = String::new();
    stmt(&mut s, x);
    s
}

/// Like [`expr_string`], with a top-level binary expression parenthesized.
pub fn emphasize(x: &Expr) -> String {
    let s = expr_string(x);
    if let Expr::Operation { y: Some(_), .. } = x {
        format!("({s})")
    } else {
        s
    }
}

fn list(s: &mut String, xs: &[Expr]) {
    for (i, x) in xs.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        expr(s, x);
    }
}

fn expr(s: &mut String, x: &Expr) {
    match x {
        Expr::Bad(_) => s.push_str("<bad expr>"),
        Expr::Name(n) => s.push_str(&n.value),
        Expr::BasicLit(b) => s.push_str(&b.value),
        Expr::CompositeLit { typ, elems, .. } => {
            if let Some(t) = typ {
                expr(s, t);
            }
            s.push('{');
            if !elems.is_empty() {
                s.push('…');
            }
            s.push('}');
        }
        Expr::KeyValue { key, value, .. } => {
            expr(s, key);
            s.push_str(": ");
            expr(s, value);
        }
        Expr::FuncLit { typ, body, .. } => {
            s.push_str("func");
            signature(s, typ);
            s.push_str(" {");
            if !body.stmts.is_empty() {
                s.push('…');
            }
            s.push('}');
        }
        Expr::Paren { x, .. } => {
            s.push('(');
            expr(s, x);
            s.push(')');
        }
        Expr::Selector { x, sel, .. } => {
            expr(s, x);
            s.push('.');
            s.push_str(&sel.value);
        }
        Expr::Index { x, index, .. } => {
            expr(s, x);
            s.push('[');
            expr(s, index);
            s.push(']');
        }
        Expr::Slice { x, index, .. } => {
            expr(s, x);
            s.push('[');
            if let Some(i) = &index[0] {
                expr(s, i);
            }
            s.push(':');
            if let Some(j) = &index[1] {
                expr(s, j);
            }
            if let Some(k) = &index[2] {
                s.push(':');
                expr(s, k);
            }
            s.push(']');
        }
        Expr::Assert { x, typ, .. } => {
            expr(s, x);
            s.push_str(".(");
            expr(s, typ);
            s.push(')');
        }
        Expr::TypeSwitchGuard { lhs, x, .. } => {
            if let Some(n) = lhs {
                s.push_str(&n.value);
                s.push_str(" := ");
            }
            expr(s, x);
            s.push_str(".(type)");
        }
        Expr::Operation { op, x, y, .. } => match y {
            None => {
                s.push_str(op.as_str());
                expr(s, x);
            }
            Some(y) => {
                expr(s, x);
                s.push(' ');
                s.push_str(op.as_str());
                s.push(' ');
                expr(s, y);
            }
        },
        Expr::Call {
            fun,
            args,
            has_dots,
            ..
        } => {
            expr(s, fun);
            s.push('(');
            list(s, args);
            if *has_dots {
                s.push_str("...");
            }
            s.push(')');
        }
        Expr::List { elems, .. } => list(s, elems),
        Expr::ArrayType { len, elem, .. } => {
            s.push('[');
            match len {
                Some(l) => expr(s, l),
                None => s.push_str("..."),
            }
            s.push(']');
            expr(s, elem);
        }
        Expr::SliceType { elem, .. } => {
            s.push_str("[]");
            expr(s, elem);
        }
        Expr::DotsType { elem, .. } => {
            s.push_str("...");
            expr(s, elem);
        }
        Expr::StructType { fields, tags, .. } => {
            s.push_str("struct{");
            field_list(s, fields, tags);
            s.push('}');
        }
        Expr::FuncType(f) => {
            s.push_str("func");
            signature(s, f);
        }
        Expr::InterfaceType { methods, .. } => {
            s.push_str("interface{");
            for (i, m) in methods.iter().enumerate() {
                if i > 0 {
                    s.push_str("; ");
                }
                match (&m.name, &*m.typ) {
                    (Some(n), Expr::FuncType(f)) => {
                        s.push_str(&n.value);
                        signature(s, f);
                    }
                    _ => expr(s, &m.typ),
                }
            }
            s.push('}');
        }
        Expr::MapType { key, value, .. } => {
            s.push_str("map[");
            expr(s, key);
            s.push(']');
            expr(s, value);
        }
        Expr::ChanType { dir, elem, .. } => {
            if *dir == ChanDir::RecvOnly {
                s.push_str("<-");
            }
            s.push_str("chan");
            if *dir == ChanDir::SendOnly {
                s.push_str("<-");
            }
            s.push(' ');
            let paren = *dir == ChanDir::Both
                && matches!(
                    **elem,
                    Expr::ChanType {
                        dir: ChanDir::RecvOnly,
                        ..
                    }
                );
            if paren {
                s.push('(');
            }
            expr(s, elem);
            if paren {
                s.push(')');
            }
        }
    }
}

fn field_list(s: &mut String, fields: &[Field], tags: &[Option<BasicLit>]) {
    // Fields sharing one type expression print as one group.
    let mut i = 0;
    while i < fields.len() {
        let mut j = i + 1;
        if fields[i].name.is_some() {
            while j < fields.len()
                && fields[j].same_type(&fields[j - 1])
                && fields[j].name.is_some()
            {
                j += 1;
            }
        }
        if i > 0 {
            s.push_str("; ");
        }
        if fields[i].name.is_none() {
            expr(s, &fields[i].typ);
        } else {
            for (k, f) in fields[i..j].iter().enumerate() {
                if k > 0 {
                    s.push_str(", ");
                }
                if let Some(n) = &f.name {
                    s.push_str(&n.value);
                }
            }
            s.push(' ');
            expr(s, &fields[i].typ);
        }
        if let Some(Some(tag)) = tags.get(i) {
            s.push(' ');
            s.push_str(&tag.value);
        }
        i = j;
    }
}

fn params(s: &mut String, list: &[Field]) {
    s.push('(');
    for (i, f) in list.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        if let Some(n) = &f.name {
            s.push_str(&n.value);
            if list
                .get(i + 1)
                .is_some_and(|g| g.name.is_some() && g.same_type(f))
            {
                continue;
            }
            s.push(' ');
        }
        expr(s, &f.typ);
    }
    s.push(')');
}

fn signature(s: &mut String, f: &FuncType) {
    params(s, &f.params);
    if !f.results.is_empty() {
        s.push(' ');
        if f.results.len() == 1 && f.results[0].name.is_none() {
            expr(s, &f.results[0].typ);
        } else {
            params(s, &f.results);
        }
    }
}

fn stmt(s: &mut String, x: &Stmt) {
    match x {
        Stmt::Empty(_) => {}
        Stmt::Expr { x, .. } => expr(s, x),
        Stmt::Send { chan, value, .. } => {
            expr(s, chan);
            s.push_str(" <- ");
            expr(s, value);
        }
        Stmt::Assign { op, lhs, rhs, .. } => {
            expr(s, lhs);
            match rhs {
                None => {
                    let o = op.map_or("", |o| o.as_str());
                    s.push_str(o);
                    s.push_str(o);
                }
                Some(r) => {
                    s.push(' ');
                    if let Some(o) = op {
                        s.push_str(o.as_str());
                    }
                    s.push_str("= ");
                    expr(s, r);
                }
            }
        }
        Stmt::Range { lhs, def, x, .. } => {
            if let Some(l) = lhs {
                expr(s, l);
                s.push_str(if *def { " := " } else { " = " });
            }
            s.push_str("range ");
            expr(s, x);
        }
        Stmt::Call { tok, call, .. } => {
            s.push_str(tok.as_str());
            s.push(' ');
            expr(s, call);
        }
        Stmt::Return { results, .. } => {
            s.push_str("return");
            if let Some(r) = results {
                s.push(' ');
                expr(s, r);
            }
        }
        Stmt::Branch { tok, label, .. } => {
            s.push_str(tok.as_str());
            if let Some(l) = label {
                s.push(' ');
                s.push_str(&l.value);
            }
        }
        Stmt::Labeled {
            label, stmt: st, ..
        } => {
            s.push_str(&label.value);
            s.push_str(": ");
            stmt(s, st);
        }
        Stmt::Block(_) => s.push_str("{…}"),
        Stmt::Decl { .. } => s.push_str("<decl>"),
        Stmt::If { .. } => s.push_str(Token::If.as_str()),
        Stmt::For { .. } => s.push_str(Token::For.as_str()),
        Stmt::Switch { .. } => s.push_str(Token::Switch.as_str()),
        Stmt::Select { .. } => s.push_str(Token::Select.as_str()),
    }
}
