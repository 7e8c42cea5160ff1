//! Checks of labels and branch statements in a function body, as gc's
//! syntax package does them while parsing (cmd/compile/internal/syntax/
//! branches.go): undefined, duplicate and unused labels; `break`/`continue`
//! outside their statements or with a wrong label; misplaced `fallthrough`;
//! `goto` into a block or over a variable declaration.
//!
//! The algorithm walks each block once, carrying the forward `goto`s not yet
//! resolved up to the enclosing block; a label resolves the pending gotos of
//! its own block. Positions in messages print as gc's `Pos.String()`, which
//! includes the file name the caller gave the parser.

use crate::ast::*;
use crate::printer;
use crate::token::Token;
use crate::{Error, Pos};
use std::collections::HashMap;

#[derive(Clone, Copy, PartialEq)]
enum Breaks {
    None,
    For,
    Select,
    Switch { type_switch: bool, nclauses: usize },
}

#[derive(Clone, Copy)]
struct Targets {
    breaks: Breaks,
    continues: bool,
    case_index: Option<usize>,
}

/// What a labeled statement labels, for `break L`/`continue L`.
#[derive(Clone, Copy, PartialEq)]
enum Labeled {
    For,
    SwitchOrSelect,
    Other,
}

struct Label {
    block: usize,
    /// Identity of the labeled statement.
    lstmt: usize,
    pos: Pos,
    kind: Labeled,
    used: bool,
}

struct BlockInfo {
    parent: Option<usize>,
    start: Pos,
    lstmt: Option<usize>,
}

#[derive(Clone)]
struct Goto {
    id: usize,
    name: String,
    pos: Pos,
}

struct Checker<'f> {
    file: &'f str,
    labels: HashMap<String, Label>,
    order: Vec<String>,
    blocks: Vec<BlockInfo>,
    nlstmt: usize,
    ngoto: usize,
    errors: Vec<Error>,
}

/// Checks the branches of one function body.
pub(crate) fn check_branches(body: &Block, file: &str) -> Vec<Error> {
    let mut c = Checker {
        file,
        labels: HashMap::new(),
        order: Vec::new(),
        blocks: Vec::new(),
        nlstmt: 0,
        ngoto: 0,
        errors: Vec::new(),
    };
    let ctxt = Targets {
        breaks: Breaks::None,
        continues: false,
        case_index: None,
    };
    let fwd = c.block_branches(None, ctxt, None, body.pos, &body.stmts);
    for g in fwd {
        if let Some(l) = c.labels.get_mut(&g.name) {
            l.used = true; // avoid "defined and not used"
            let start = c.blocks[l.block].start;
            let msg = format!(
                "goto {} jumps into block starting at {}",
                g.name,
                c.pos_string(start)
            );
            c.err(g.pos, msg);
        } else {
            c.err(g.pos, format!("label {} not defined", g.name));
        }
    }
    for name in std::mem::take(&mut c.order) {
        let l = &c.labels[&name];
        if !l.used {
            let pos = l.pos;
            c.err(pos, format!("label {name} defined and not used"));
        }
    }
    c.errors
}

fn trim_trailing_empty(list: &[Stmt]) -> &[Stmt] {
    let mut n = list.len();
    while n > 0 && matches!(list[n - 1], Stmt::Empty(_)) {
        n -= 1;
    }
    &list[..n]
}

impl Checker<'_> {
    fn err(&mut self, pos: Pos, msg: String) {
        self.errors.push(Error { pos, msg });
    }

    fn pos_string(&self, p: Pos) -> String {
        format!("{}:{}:{}", self.file, p.line, p.col)
    }

    fn declare(&mut self, block: usize, label: &Name, kind: Labeled) -> usize {
        if let Some(alt) = self.labels.get(&label.value) {
            let (lstmt, apos) = (alt.lstmt, alt.pos);
            let msg = format!(
                "label {} already defined at {}",
                label.value,
                self.pos_string(apos)
            );
            self.err(label.pos, msg);
            return lstmt;
        }
        self.nlstmt += 1;
        let id = self.nlstmt;
        self.labels.insert(
            label.value.clone(),
            Label {
                block,
                lstmt: id,
                pos: label.pos,
                kind,
                used: false,
            },
        );
        self.order.push(label.value.clone());
        id
    }

    /// The label's statement if it is in `b` or an enclosing block.
    fn goto_target(&mut self, mut b: Option<usize>, name: &str) -> bool {
        if let Some(l) = self.labels.get_mut(name) {
            l.used = true;
            let lb = l.block;
            while let Some(i) = b {
                if i == lb {
                    return true;
                }
                b = self.blocks[i].parent;
            }
        }
        false
    }

    /// For `break L`/`continue L`: None if L is undefined, Some(None) if it
    /// labels no enclosing statement, Some(Some(kind)) otherwise.
    fn enclosing_target(&mut self, mut b: Option<usize>, name: &str) -> Option<Option<Labeled>> {
        let l = self.labels.get_mut(name)?;
        l.used = true;
        let (lstmt, kind) = (l.lstmt, l.kind);
        while let Some(i) = b {
            if self.blocks[i].lstmt == Some(lstmt) {
                return Some(Some(kind));
            }
            b = self.blocks[i].parent;
        }
        Some(None)
    }

    fn block_branches(
        &mut self,
        parent: Option<usize>,
        ctxt: Targets,
        lstmt: Option<usize>,
        start: Pos,
        body: &[Stmt],
    ) -> Vec<Goto> {
        let b = self.blocks.len();
        self.blocks.push(BlockInfo {
            parent,
            start,
            lstmt,
        });

        let mut var: Option<(Pos, String)> = None;
        let mut fwd: Vec<Goto> = Vec::new();
        let mut bad: Vec<usize> = Vec::new();

        let list = trim_trailing_empty(body);
        for (index, stmt) in list.iter().enumerate() {
            let mut lstmt: Option<usize> = None;
            let mut s = stmt;
            loop {
                match s {
                    Stmt::Decl { decls, .. } => {
                        if let Some(v) = decls.iter().find_map(|d| match &**d {
                            Decl::Var(v) => Some(v),
                            _ => None,
                        }) {
                            var = Some((v.pos, v.names[0].value.clone()));
                            bad = fwd.iter().map(|g| g.id).collect();
                        }
                    }
                    Stmt::Labeled {
                        label, stmt: inner, ..
                    } => {
                        if label.value != "_" {
                            let kind = match **inner {
                                Stmt::For { .. } => Labeled::For,
                                Stmt::Switch { .. } | Stmt::Select { .. } => {
                                    Labeled::SwitchOrSelect
                                }
                                _ => Labeled::Other,
                            };
                            let id = self.declare(b, label, kind);
                            let mut keep = Vec::new();
                            for g in std::mem::take(&mut fwd) {
                                if g.name == label.value {
                                    if let Some(l) = self.labels.get_mut(&label.value) {
                                        l.used = true;
                                    }
                                    if let Some((vpos, vname)) = &var
                                        && bad.contains(&g.id)
                                    {
                                        let msg = format!(
                                            "goto {} jumps over declaration of {} at {}",
                                            g.name,
                                            vname,
                                            self.pos_string(*vpos)
                                        );
                                        self.err(g.pos, msg);
                                    }
                                } else {
                                    keep.push(g);
                                }
                            }
                            fwd = keep;
                            lstmt = Some(id);
                        }
                        s = inner;
                        continue;
                    }
                    Stmt::Branch { pos, tok, label } => {
                        self.branch(b, ctxt, index, list.len(), *pos, *tok, label, &mut fwd);
                    }
                    Stmt::Assign {
                        pos,
                        op: Some(crate::token::Operator::Def),
                        lhs,
                        ..
                    } => {
                        var = Some((*pos, printer::expr_string(lhs)));
                        bad = fwd.iter().map(|g| g.id).collect();
                    }
                    Stmt::Block(blk) => {
                        let inner = Targets {
                            case_index: None,
                            ..ctxt
                        };
                        let g = self.block_branches(Some(b), inner, lstmt, blk.pos, &blk.stmts);
                        fwd.extend(g);
                    }
                    Stmt::If { then, els, .. } => {
                        let inner = Targets {
                            case_index: None,
                            ..ctxt
                        };
                        let g = self.block_branches(Some(b), inner, lstmt, then.pos, &then.stmts);
                        fwd.extend(g);
                        if let Some(e) = els {
                            let g = self.block_branches(
                                Some(b),
                                inner,
                                lstmt,
                                e.pos(),
                                std::slice::from_ref(&**e),
                            );
                            fwd.extend(g);
                        }
                    }
                    Stmt::For { body, .. } => {
                        let inner = Targets {
                            breaks: Breaks::For,
                            continues: true,
                            case_index: None,
                        };
                        let g = self.block_branches(Some(b), inner, lstmt, body.pos, &body.stmts);
                        fwd.extend(g);
                    }
                    Stmt::Switch { tag, body, .. } => {
                        let type_switch = matches!(tag, Some(Expr::TypeSwitchGuard { .. }));
                        for (i, cc) in body.iter().enumerate() {
                            let inner = Targets {
                                breaks: Breaks::Switch {
                                    type_switch,
                                    nclauses: body.len(),
                                },
                                continues: ctxt.continues,
                                case_index: Some(i),
                            };
                            let g = self.block_branches(Some(b), inner, lstmt, cc.pos, &cc.body);
                            fwd.extend(g);
                        }
                    }
                    Stmt::Select { body, .. } => {
                        for cc in body {
                            let inner = Targets {
                                breaks: Breaks::Select,
                                continues: ctxt.continues,
                                case_index: None,
                            };
                            let g = self.block_branches(Some(b), inner, lstmt, cc.pos, &cc.body);
                            fwd.extend(g);
                        }
                    }
                    _ => {}
                }
                break;
            }
        }
        fwd
    }

    #[allow(clippy::too_many_arguments)]
    fn branch(
        &mut self,
        b: usize,
        ctxt: Targets,
        index: usize,
        nstmts: usize,
        pos: Pos,
        tok: Token,
        label: &Option<Name>,
        fwd: &mut Vec<Goto>,
    ) {
        let Some(label) = label else {
            match tok {
                Token::Break if ctxt.breaks == Breaks::None => {
                    self.err(pos, "break is not in a loop, switch, or select".into());
                }
                Token::Continue if !ctxt.continues => {
                    self.err(pos, "continue is not in a loop".into());
                }
                Token::Fallthrough => {
                    let mut msg = Some("fallthrough statement out of place");
                    if let Breaks::Switch {
                        type_switch,
                        nclauses,
                    } = ctxt.breaks
                    {
                        if type_switch {
                            msg = Some("cannot fallthrough in type switch");
                        } else if ctxt.case_index.is_none() || index + 1 < nstmts {
                            // not the last statement of a case clause
                        } else if ctxt.case_index.map(|i| i + 1) == Some(nclauses) {
                            msg = Some("cannot fallthrough final case in switch");
                        } else {
                            msg = None; // fallthrough ok
                        }
                    }
                    if let Some(m) = msg {
                        self.err(pos, m.into());
                    }
                }
                _ => {}
            }
            return;
        };
        let name = &label.value;
        match tok {
            Token::Break => match self.enclosing_target(Some(b), name) {
                Some(Some(Labeled::For | Labeled::SwitchOrSelect)) => {}
                Some(_) => self.err(label.pos, format!("invalid break label {name}")),
                None => self.err(label.pos, format!("break label not defined: {name}")),
            },
            Token::Continue => match self.enclosing_target(Some(b), name) {
                Some(Some(Labeled::For)) => {}
                Some(_) => self.err(label.pos, format!("invalid continue label {name}")),
                None => self.err(label.pos, format!("continue label not defined: {name}")),
            },
            Token::Goto if !self.goto_target(Some(b), name) => {
                self.ngoto += 1;
                fwd.push(Goto {
                    id: self.ngoto,
                    name: name.clone(),
                    pos: label.pos,
                });
            }
            _ => {}
        }
    }
}
