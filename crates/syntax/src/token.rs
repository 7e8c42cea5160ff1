//! Tokens, operators and literal kinds, with the spellings gc uses in its
//! syntax errors (`tokstring` in cmd/compile/internal/syntax).

use std::fmt;

/// A lexical token. Operators carry their [`Operator`] and precedence in the
/// scanner, not in the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Token {
    Eof,
    Name,
    Literal,
    /// A binary or unary operator other than `*`.
    Operator,
    /// `op=`
    AssignOp,
    /// `++` or `--`
    IncOp,
    Assign,
    Define,
    Arrow,
    Star,
    Lparen,
    Lbrack,
    Lbrace,
    Rparen,
    Rbrack,
    Rbrace,
    Comma,
    Semi,
    Colon,
    Dot,
    DotDotDot,
    // Keywords, in gc's order (Break..=Var).
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
}

impl Token {
    /// The token's own spelling (gc's `Token.String`).
    pub fn as_str(self) -> &'static str {
        use Token::*;
        match self {
            Eof => "EOF",
            Name => "name",
            Literal => "literal",
            Operator => "op",
            AssignOp => "op=",
            IncOp => "opop",
            Assign => "=",
            Define => ":=",
            Arrow => "<-",
            Star => "*",
            Lparen => "(",
            Lbrack => "[",
            Lbrace => "{",
            Rparen => ")",
            Rbrack => "]",
            Rbrace => "}",
            Comma => ",",
            Semi => ";",
            Colon => ":",
            Dot => ".",
            DotDotDot => "...",
            Break => "break",
            Case => "case",
            Chan => "chan",
            Const => "const",
            Continue => "continue",
            Default => "default",
            Defer => "defer",
            Else => "else",
            Fallthrough => "fallthrough",
            For => "for",
            Func => "func",
            Go => "go",
            Goto => "goto",
            If => "if",
            Import => "import",
            Interface => "interface",
            Map => "map",
            Package => "package",
            Range => "range",
            Return => "return",
            Select => "select",
            Struct => "struct",
            Switch => "switch",
            Type => "type",
            Var => "var",
        }
    }

    /// Whether the token is a keyword.
    pub fn is_keyword(self) -> bool {
        (self as u8) >= (Token::Break as u8)
    }

    /// The English spelling used in error messages (gc's `tokstring`).
    pub fn describe(self) -> String {
        match self {
            Token::Comma => "comma".into(),
            Token::Semi => "semicolon or newline".into(),
            t if t.is_keyword() => format!("keyword {}", t.as_str()),
            t => t.as_str().into(),
        }
    }

    /// The keyword spelled `word`, if any.
    pub fn keyword(word: &[u8]) -> Option<Token> {
        use Token::*;
        Some(match word {
            b"break" => Break,
            b"case" => Case,
            b"chan" => Chan,
            b"const" => Const,
            b"continue" => Continue,
            b"default" => Default,
            b"defer" => Defer,
            b"else" => Else,
            b"fallthrough" => Fallthrough,
            b"for" => For,
            b"func" => Func,
            b"go" => Go,
            b"goto" => Goto,
            b"if" => If,
            b"import" => Import,
            b"interface" => Interface,
            b"map" => Map,
            b"package" => Package,
            b"range" => Range,
            b"return" => Return,
            b"select" => Select,
            b"struct" => Struct,
            b"switch" => Switch,
            b"type" => Type,
            b"var" => Var,
            _ => return None,
        })
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of a basic literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Rune,
    String,
}

/// Operators of expressions and assignments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// The `:` of `:=`.
    Def,
    Not,
    Recv,
    Tilde,
    OrOr,
    AndAnd,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Add,
    Sub,
    Or,
    Xor,
    Mul,
    Div,
    Rem,
    And,
    AndNot,
    Shl,
    Shr,
}

impl Operator {
    /// The operator's spelling.
    pub fn as_str(self) -> &'static str {
        use Operator::*;
        match self {
            Def => ":",
            Not => "!",
            Recv => "<-",
            Tilde => "~",
            OrOr => "||",
            AndAnd => "&&",
            Eql => "==",
            Neq => "!=",
            Lss => "<",
            Leq => "<=",
            Gtr => ">",
            Geq => ">=",
            Add => "+",
            Sub => "-",
            Or => "|",
            Xor => "^",
            Mul => "*",
            Div => "/",
            Rem => "%",
            And => "&",
            AndNot => "&^",
            Shl => "<<",
            Shr => ">>",
        }
    }

    /// Binary precedence (1 = `||` … 5 = multiplicative); 0 for unary-only operators.
    pub fn precedence(self) -> u8 {
        use Operator::*;
        match self {
            OrOr => PREC_OROR,
            AndAnd => PREC_ANDAND,
            Eql | Neq | Lss | Leq | Gtr | Geq => PREC_CMP,
            Add | Sub | Or | Xor => PREC_ADD,
            Mul | Div | Rem | And | AndNot | Shl | Shr => PREC_MUL,
            Def | Not | Recv | Tilde => 0,
        }
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub(crate) const PREC_OROR: u8 = 1;
pub(crate) const PREC_ANDAND: u8 = 2;
pub(crate) const PREC_CMP: u8 = 3;
pub(crate) const PREC_ADD: u8 = 4;
pub(crate) const PREC_MUL: u8 = 5;
