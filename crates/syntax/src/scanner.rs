//! The scanner: Go source bytes to tokens, with gc's positions and lexical
//! errors.
//!
//! It follows cmd/compile/internal/syntax/scanner.go and source.go closely,
//! because the positions and wording of lexical errors are part of what rgo
//! must reproduce:
//!
//! * Positions are 1-based lines and 1-based columns counted in bytes.
//! * A NUL byte, an invalid UTF-8 sequence and a BOM after the start are
//!   reported where they occur and skipped.
//! * Automatic semicolons: after a line's final token is a name, a literal,
//!   `break`/`continue`/`fallthrough`/`return`, `++`/`--`, `)`/`]`/`}`, a
//!   newline (or EOF, or a multi-line `/* */` comment) becomes a `;` token
//!   whose literal text is `newline` (or `EOF`) — the word syntax errors use.
//! * Comments are skipped; those that may be directives (`//go:`, `//line `,
//!   `/*line `) — or, when asked, all comments — are handed to the parser
//!   through [`Scanner::comments`].
//!
//! Differences from gc: the whole source is in memory (no refilling buffer),
//! and literal texts are byte ranges into it instead of fresh strings.

use crate::token::{LitKind, Operator, Token};
use crate::token::{PREC_ADD, PREC_ANDAND, PREC_CMP, PREC_MUL, PREC_OROR};
use crate::unicode;

/// A comment (or directive) seen by the scanner: its 1-based position, its
/// text including `//` or `/* */` (no trailing newline), and whether the line
/// was blank before it.
#[derive(Clone, Debug)]
pub(crate) struct RawComment {
    pub line: u32,
    pub col: u32,
    pub start: usize,
    pub end: usize,
    pub blank: bool,
}

/// A lexical error at a 1-based position.
#[derive(Clone, Debug)]
pub(crate) struct RawError {
    pub line: u32,
    pub col: u32,
    pub msg: String,
}

/// gc's scanner (`syntax/scanner.go`): `next` advances to the next token
/// (`tok`, with its position and literal in the other public fields).
pub struct Scanner<'a> {
    src: &'a [u8],
    all_comments: bool,

    // Reader state (source.go): ch is the current character at 0-based
    // (line, col); r is the offset just past it; b the start of the active
    // segment or usize::MAX.
    r: usize,
    b: usize,
    ch: i32,
    chw: usize,
    cline: u32,
    ccol: u32,

    nlsemi: bool,

    // The current token, valid after next().
    pub line: u32,
    pub col: u32,
    pub blank: bool,
    pub tok: Token,
    /// Literal range for names and literals.
    pub lit: (usize, usize),
    /// For `;` tokens: "semicolon", "newline" or "EOF".
    pub semi_lit: &'static str,
    pub bad: bool,
    pub kind: LitKind,
    pub op: Operator,
    pub prec: u8,

    /// Lexical errors, in the order found; the parser drains it.
    pub(crate) errors: Vec<RawError>,
    /// Comments and directives, in order; the parser drains it.
    pub(crate) comments: Vec<RawComment>,
}

const EOF: i32 = -1;
const BOM: i32 = 0xfeff;

fn lower(ch: i32) -> i32 {
    ('a' as i32 - 'A' as i32) | ch
}
fn is_letter(ch: i32) -> bool {
    let l = lower(ch);
    ('a' as i32..='z' as i32).contains(&l) || ch == '_' as i32
}
fn is_decimal(ch: i32) -> bool {
    ('0' as i32..='9' as i32).contains(&ch)
}
fn is_hex(ch: i32) -> bool {
    is_decimal(ch) || ('a' as i32..='f' as i32).contains(&lower(ch))
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        10 => "decimal",
        _ => "hexadecimal",
    }
}

/// Decodes one UTF-8 sequence at the start of `s` as Go's
/// `utf8.DecodeRune` does: an invalid or truncated sequence decodes as
/// (U+FFFD, 1).
pub(crate) fn decode_rune(s: &[u8]) -> (u32, usize) {
    let n = s.len().min(4);
    match std::str::from_utf8(&s[..n]) {
        Ok(t) => {
            let c = t.chars().next().unwrap_or('\u{fffd}');
            (c as u32, c.len_utf8())
        }
        Err(e) if e.valid_up_to() > 0 => {
            let t = std::str::from_utf8(&s[..e.valid_up_to()]).unwrap_or("\u{fffd}");
            let c = t.chars().next().unwrap_or('\u{fffd}');
            (c as u32, c.len_utf8())
        }
        Err(_) => (0xfffd, 1),
    }
}

impl<'a> Scanner<'a> {
    pub fn new(src: &'a [u8], all_comments: bool) -> Scanner<'a> {
        let mut s = Scanner {
            src,
            all_comments,
            r: 0,
            b: usize::MAX,
            ch: ' ' as i32,
            chw: 0,
            cline: 0,
            ccol: 0,
            nlsemi: false,
            line: 0,
            col: 0,
            blank: false,
            tok: Token::Eof,
            lit: (0, 0),
            semi_lit: "",
            bad: false,
            kind: LitKind::Int,
            op: Operator::Add,
            prec: 0,
            errors: Vec::new(),
            comments: Vec::new(),
        };
        s.nextch();
        s
    }

    /// The source text of a byte range.
    pub fn text(&self, (start, end): (usize, usize)) -> &'a [u8] {
        &self.src[start..end]
    }

    // ---- source.go ----

    fn pos(&self) -> (u32, u32) {
        (self.cline + 1, self.ccol + 1)
    }

    fn error(&mut self, msg: String) {
        let (line, col) = self.pos();
        self.errors.push(RawError { line, col, msg });
    }

    fn error_at(&mut self, offset: u32, msg: String) {
        self.errors.push(RawError {
            line: self.line,
            col: self.col + offset,
            msg,
        });
    }

    fn start(&mut self) {
        self.b = self.r - self.chw;
    }
    fn stop(&mut self) {
        self.b = usize::MAX;
    }
    fn segment(&self) -> (usize, usize) {
        (self.b, self.r - self.chw)
    }

    /// Rewinds to the start of the active segment (which holds no newline).
    /// The column arithmetic wraps transiently (as gc's unsigned `col`
    /// does) when the segment starts a line.
    fn rewind(&mut self) {
        self.ccol = self.ccol.wrapping_sub((self.r - self.b) as u32);
        self.r = self.b;
        self.nextch();
    }

    #[inline]
    fn nextch(&mut self) {
        loop {
            self.ccol = self.ccol.wrapping_add(self.chw as u32);
            if self.ch == '\n' as i32 {
                self.cline += 1;
                self.ccol = 0;
            }
            let Some(&b) = self.src.get(self.r) else {
                self.ch = EOF;
                self.chw = 0;
                return;
            };
            if b < 0x80 {
                self.r += 1;
                self.chw = 1;
                self.ch = b as i32;
                if b == 0 {
                    self.error("invalid NUL character".into());
                    continue;
                }
                return;
            }
            let (c, w) = decode_rune(&self.src[self.r..]);
            self.r += w;
            self.chw = w;
            self.ch = c as i32;
            if c == 0xfffd && w == 1 {
                self.error("invalid UTF-8 encoding".into());
                continue;
            }
            if self.ch == BOM {
                if self.cline > 0 || self.ccol > 0 {
                    self.error("invalid BOM in the middle of the file".into());
                }
                continue;
            }
            return;
        }
    }

    // ---- scanner.go ----

    fn set_lit(&mut self, kind: LitKind, ok: bool) {
        self.nlsemi = true;
        self.tok = Token::Literal;
        self.lit = self.segment();
        self.bad = !ok;
        self.kind = kind;
    }

    /// Advances to the next token.
    pub fn next(&mut self) {
        let nlsemi = self.nlsemi;
        self.nlsemi = false;

        'redo: loop {
            self.stop();
            let (start_line, start_col) = self.pos();
            while self.ch == ' ' as i32
                || self.ch == '\t' as i32
                || self.ch == '\n' as i32 && !nlsemi
                || self.ch == '\r' as i32
            {
                self.nextch();
            }

            (self.line, self.col) = self.pos();
            self.blank = self.line > start_line || start_col == 1;
            self.start();
            if is_letter(self.ch) || self.ch >= 0x80 && self.at_ident_char(true) {
                self.nextch();
                self.ident();
                return;
            }

            let c = self.ch;
            if c == EOF {
                if nlsemi {
                    self.semi_lit = "EOF";
                    self.tok = Token::Semi;
                } else {
                    self.tok = Token::Eof;
                }
                return;
            }
            let c = c as u8;
            match c {
                b'\n' => {
                    self.nextch();
                    self.semi_lit = "newline";
                    self.tok = Token::Semi;
                }
                b'0'..=b'9' => self.number(false),
                b'"' => self.std_string(),
                b'`' => self.raw_string(),
                b'\'' => self.rune(),
                b'(' => self.simple(Token::Lparen, false),
                b'[' => self.simple(Token::Lbrack, false),
                b'{' => self.simple(Token::Lbrace, false),
                b',' => self.simple(Token::Comma, false),
                b';' => {
                    self.nextch();
                    self.semi_lit = "semicolon";
                    self.tok = Token::Semi;
                }
                b')' => self.simple(Token::Rparen, true),
                b']' => self.simple(Token::Rbrack, true),
                b'}' => self.simple(Token::Rbrace, true),
                b':' => {
                    self.nextch();
                    if self.ch == '=' as i32 {
                        self.nextch();
                        self.tok = Token::Define;
                    } else {
                        self.tok = Token::Colon;
                    }
                }
                b'.' => {
                    self.nextch();
                    if is_decimal(self.ch) {
                        self.number(true);
                        return;
                    }
                    if self.ch == '.' as i32 {
                        self.nextch();
                        if self.ch == '.' as i32 {
                            self.nextch();
                            self.tok = Token::DotDotDot;
                            return;
                        }
                        self.rewind(); // now ch holds the first '.'
                        self.nextch(); // consume it again
                    }
                    self.tok = Token::Dot;
                }
                b'+' | b'-' => {
                    self.nextch();
                    let (op, twin) = if c == b'+' {
                        (Operator::Add, '+')
                    } else {
                        (Operator::Sub, '-')
                    };
                    self.op = op;
                    self.prec = PREC_ADD;
                    if self.ch == twin as i32 {
                        self.nextch();
                        self.nlsemi = true;
                        self.tok = Token::IncOp;
                    } else {
                        self.assign_op();
                    }
                }
                b'*' => {
                    self.nextch();
                    self.op = Operator::Mul;
                    self.prec = PREC_MUL;
                    if self.ch == '=' as i32 {
                        self.nextch();
                        self.tok = Token::AssignOp;
                    } else {
                        self.tok = Token::Star;
                    }
                }
                b'/' => {
                    self.nextch();
                    if self.ch == '/' as i32 {
                        self.nextch();
                        self.line_comment();
                        continue 'redo;
                    }
                    if self.ch == '*' as i32 {
                        self.nextch();
                        self.full_comment();
                        let (line, _) = self.pos();
                        if line > self.line && nlsemi {
                            // A multi-line comment acts like a newline.
                            self.semi_lit = "newline";
                            self.tok = Token::Semi;
                            return;
                        }
                        continue 'redo;
                    }
                    self.op = Operator::Div;
                    self.prec = PREC_MUL;
                    self.assign_op();
                }
                b'%' => {
                    self.nextch();
                    self.op = Operator::Rem;
                    self.prec = PREC_MUL;
                    self.assign_op();
                }
                b'&' => {
                    self.nextch();
                    if self.ch == '&' as i32 {
                        self.nextch();
                        self.operator(Operator::AndAnd, PREC_ANDAND);
                        return;
                    }
                    self.op = Operator::And;
                    self.prec = PREC_MUL;
                    if self.ch == '^' as i32 {
                        self.nextch();
                        self.op = Operator::AndNot;
                    }
                    self.assign_op();
                }
                b'|' => {
                    self.nextch();
                    if self.ch == '|' as i32 {
                        self.nextch();
                        self.operator(Operator::OrOr, PREC_OROR);
                        return;
                    }
                    self.op = Operator::Or;
                    self.prec = PREC_ADD;
                    self.assign_op();
                }
                b'^' => {
                    self.nextch();
                    self.op = Operator::Xor;
                    self.prec = PREC_ADD;
                    self.assign_op();
                }
                b'<' => {
                    self.nextch();
                    if self.ch == '=' as i32 {
                        self.nextch();
                        self.operator(Operator::Leq, PREC_CMP);
                    } else if self.ch == '<' as i32 {
                        self.nextch();
                        self.op = Operator::Shl;
                        self.prec = PREC_MUL;
                        self.assign_op();
                    } else if self.ch == '-' as i32 {
                        self.nextch();
                        self.tok = Token::Arrow;
                    } else {
                        self.operator(Operator::Lss, PREC_CMP);
                    }
                }
                b'>' => {
                    self.nextch();
                    if self.ch == '=' as i32 {
                        self.nextch();
                        self.operator(Operator::Geq, PREC_CMP);
                    } else if self.ch == '>' as i32 {
                        self.nextch();
                        self.op = Operator::Shr;
                        self.prec = PREC_MUL;
                        self.assign_op();
                    } else {
                        self.operator(Operator::Gtr, PREC_CMP);
                    }
                }
                b'=' => {
                    self.nextch();
                    if self.ch == '=' as i32 {
                        self.nextch();
                        self.operator(Operator::Eql, PREC_CMP);
                    } else {
                        self.tok = Token::Assign;
                    }
                }
                b'!' => {
                    self.nextch();
                    if self.ch == '=' as i32 {
                        self.nextch();
                        self.operator(Operator::Neq, PREC_CMP);
                    } else {
                        self.operator(Operator::Not, 0);
                    }
                }
                b'~' => {
                    self.nextch();
                    self.operator(Operator::Tilde, 0);
                }
                _ => {
                    let msg = format!("invalid character {}", unicode::format_u(self.ch as u32));
                    self.error(msg);
                    self.nextch();
                    continue 'redo;
                }
            }
            return;
        }
    }

    fn simple(&mut self, tok: Token, nlsemi: bool) {
        self.nextch();
        self.nlsemi = nlsemi;
        self.tok = tok;
    }

    fn operator(&mut self, op: Operator, prec: u8) {
        self.op = op;
        self.prec = prec;
        self.tok = Token::Operator;
    }

    fn assign_op(&mut self) {
        if self.ch == '=' as i32 {
            self.nextch();
            self.tok = Token::AssignOp;
        } else {
            self.tok = Token::Operator;
        }
    }

    fn ident(&mut self) {
        while is_letter(self.ch) || is_decimal(self.ch) {
            self.nextch();
        }
        if self.ch >= 0x80 {
            while self.at_ident_char(false) {
                self.nextch();
            }
        }
        let seg = self.segment();
        let word = &self.src[seg.0..seg.1];
        if word.len() >= 2
            && let Some(tok) = Token::keyword(word)
        {
            self.nlsemi = matches!(
                tok,
                Token::Break | Token::Continue | Token::Fallthrough | Token::Return
            );
            self.tok = tok;
            return;
        }
        self.nlsemi = true;
        self.lit = seg;
        self.tok = Token::Name;
    }

    fn at_ident_char(&mut self, first: bool) -> bool {
        let ch = self.ch;
        if ch < 0 {
            return false;
        }
        let c = ch as u32;
        if unicode::is_letter(c) || ch == '_' as i32 {
            // ok
        } else if unicode::is_digit(c) {
            if first {
                let msg = format!(
                    "identifier cannot begin with digit {}",
                    unicode::format_u(c)
                );
                self.error(msg);
            }
        } else if ch >= 0x80 {
            let msg = format!("invalid character {} in identifier", unicode::format_u(c));
            self.error(msg);
        } else {
            return false;
        }
        true
    }

    /// Accepts `{ digit | '_' }`; see scanner.go `digits`. Returns bit 0 for
    /// digits seen, bit 1 for separators seen.
    fn digits(&mut self, base: u32, invalid: &mut Option<u32>) -> u32 {
        let mut digsep = 0;
        if base <= 10 {
            let max = '0' as i32 + base as i32;
            while is_decimal(self.ch) || self.ch == '_' as i32 {
                let mut ds = 1;
                if self.ch == '_' as i32 {
                    ds = 2;
                } else if self.ch >= max && invalid.is_none() {
                    *invalid = Some(self.ccol + 1 - self.col);
                }
                digsep |= ds;
                self.nextch();
            }
        } else {
            while is_hex(self.ch) || self.ch == '_' as i32 {
                digsep |= if self.ch == '_' as i32 { 2 } else { 1 };
                self.nextch();
            }
        }
        digsep
    }

    fn number(&mut self, mut seen_point: bool) {
        let mut ok = true;
        let mut kind = LitKind::Int;
        let mut base = 10;
        let mut prefix = 0u8; // 0 (decimal), b'0' (0-octal), b'x', b'o', b'b'
        let mut digsep = 0;
        let mut invalid = None;

        if !seen_point {
            if self.ch == '0' as i32 {
                self.nextch();
                let l = lower(self.ch);
                if l == 'x' as i32 {
                    self.nextch();
                    (base, prefix) = (16, b'x');
                } else if l == 'o' as i32 {
                    self.nextch();
                    (base, prefix) = (8, b'o');
                } else if l == 'b' as i32 {
                    self.nextch();
                    (base, prefix) = (2, b'b');
                } else {
                    (base, prefix) = (8, b'0');
                    digsep = 1; // leading 0
                }
            }
            digsep |= self.digits(base, &mut invalid);
            if self.ch == '.' as i32 {
                if prefix == b'o' || prefix == b'b' {
                    self.error(format!(
                        "invalid radix point in {} literal",
                        base_name(base)
                    ));
                    ok = false;
                }
                self.nextch();
                seen_point = true;
            }
        }

        if seen_point {
            kind = LitKind::Float;
            digsep |= self.digits(base, &mut invalid);
        }

        if digsep & 1 == 0 && ok {
            self.error(format!("{} literal has no digits", base_name(base)));
            ok = false;
        }

        let e = lower(self.ch);
        if e == 'e' as i32 || e == 'p' as i32 {
            if ok {
                if e == 'e' as i32 && prefix != 0 && prefix != b'0' {
                    let q = unicode::quote_rune(self.ch as u32);
                    self.error(format!("{q} exponent requires decimal mantissa"));
                    ok = false;
                } else if e == 'p' as i32 && prefix != b'x' {
                    let q = unicode::quote_rune(self.ch as u32);
                    self.error(format!("{q} exponent requires hexadecimal mantissa"));
                    ok = false;
                }
            }
            self.nextch();
            kind = LitKind::Float;
            if self.ch == '+' as i32 || self.ch == '-' as i32 {
                self.nextch();
            }
            let mut none = None;
            digsep = self.digits(10, &mut none) | digsep & 2;
            if digsep & 1 == 0 && ok {
                self.error("exponent has no digits".into());
                ok = false;
            }
        } else if prefix == b'x' && kind == LitKind::Float && ok {
            self.error("hexadecimal mantissa requires a 'p' exponent".into());
            ok = false;
        }

        if self.ch == 'i' as i32 {
            kind = LitKind::Imag;
            self.nextch();
        }

        self.set_lit(kind, ok);

        if kind == LitKind::Int
            && ok
            && let Some(i) = invalid
        {
            let d = self.src[self.lit.0 + i as usize];
            let msg = format!(
                "invalid digit {} in {} literal",
                unicode::quote_rune(d as u32),
                base_name(base)
            );
            self.error_at(i, msg);
            ok = false;
        }

        if digsep & 2 != 0
            && ok
            && let Some(i) = invalid_sep(self.text(self.lit))
        {
            self.error_at(i as u32, "'_' must separate successive digits".into());
            ok = false;
        }

        self.bad = !ok;
    }

    fn rune(&mut self) {
        let mut ok = true;
        self.nextch();
        let mut n = 0;
        loop {
            if self.ch == '\'' as i32 {
                if ok {
                    if n == 0 {
                        self.error("empty rune literal or unescaped '".into());
                        ok = false;
                    } else if n != 1 {
                        self.error_at(0, "more than one character in rune literal".into());
                        ok = false;
                    }
                }
                self.nextch();
                break;
            }
            if self.ch == '\\' as i32 {
                self.nextch();
                if !self.escape(b'\'') {
                    ok = false;
                }
                n += 1;
                continue;
            }
            if self.ch == '\n' as i32 {
                if ok {
                    self.error("newline in rune literal".into());
                    ok = false;
                }
                break;
            }
            if self.ch < 0 {
                if ok {
                    self.error_at(0, "rune literal not terminated".into());
                    ok = false;
                }
                break;
            }
            self.nextch();
            n += 1;
        }
        self.set_lit(LitKind::Rune, ok);
    }

    fn std_string(&mut self) {
        let mut ok = true;
        self.nextch();
        loop {
            if self.ch == '"' as i32 {
                self.nextch();
                break;
            }
            if self.ch == '\\' as i32 {
                self.nextch();
                if !self.escape(b'"') {
                    ok = false;
                }
                continue;
            }
            if self.ch == '\n' as i32 {
                self.error("newline in string".into());
                ok = false;
                break;
            }
            if self.ch < 0 {
                self.error_at(0, "string not terminated".into());
                ok = false;
                break;
            }
            self.nextch();
        }
        self.set_lit(LitKind::String, ok);
    }

    fn raw_string(&mut self) {
        let mut ok = true;
        self.nextch();
        loop {
            if self.ch == '`' as i32 {
                self.nextch();
                break;
            }
            if self.ch < 0 {
                self.error_at(0, "string not terminated".into());
                ok = false;
                break;
            }
            self.nextch();
        }
        self.set_lit(LitKind::String, ok);
    }

    fn comment(&mut self, blank: bool) {
        let (start, end) = self.segment();
        self.comments.push(RawComment {
            line: self.line,
            col: self.col,
            start,
            end,
            blank,
        });
    }

    fn skip_line(&mut self) {
        // Don't consume '\n': the nlsemi logic needs it.
        while self.ch >= 0 && self.ch != '\n' as i32 {
            self.nextch();
        }
    }

    fn line_comment(&mut self) {
        // The opening "//" has been consumed.
        let blank = self.blank;
        if self.all_comments {
            self.skip_line();
            self.comment(blank);
            return;
        }
        // Only directives: //go: and //line.
        let prefix: &[u8] = if self.ch == 'g' as i32 {
            b"go:"
        } else if self.ch == 'l' as i32 {
            b"line "
        } else {
            self.stop();
            self.skip_line();
            return;
        };
        for &m in prefix {
            if self.ch != m as i32 {
                self.stop();
                self.skip_line();
                return;
            }
            self.nextch();
        }
        self.skip_line();
        self.comment(blank);
    }

    fn skip_comment(&mut self) -> bool {
        while self.ch >= 0 {
            while self.ch == '*' as i32 {
                self.nextch();
                if self.ch == '/' as i32 {
                    self.nextch();
                    return true;
                }
            }
            self.nextch();
        }
        self.error_at(0, "comment not terminated".into());
        false
    }

    fn full_comment(&mut self) {
        // The opening "/*" has been consumed.
        let blank = self.blank;
        if self.all_comments {
            if self.skip_comment() {
                self.comment(blank);
            }
            return;
        }
        if self.ch != 'l' as i32 {
            self.stop();
            self.skip_comment();
            return;
        }
        for &m in b"line " {
            if self.ch != m as i32 {
                self.stop();
                self.skip_comment();
                return;
            }
            self.nextch();
        }
        if self.skip_comment() {
            self.comment(blank);
        }
    }

    fn escape(&mut self, quote: u8) -> bool {
        let (n, base, max): (u32, u32, u32);
        let c = self.ch;
        if c < 0 {
            return true; // the caller complains about EOF
        }
        match c as u32 {
            x if x == quote as u32 => {
                self.nextch();
                return true;
            }
            0x61 | 0x62 | 0x66 | 0x6e | 0x72 | 0x74 | 0x76 | 0x5c => {
                // a b f n r t v backslash
                self.nextch();
                return true;
            }
            0x30..=0x37 => (n, base, max) = (3, 8, 255),
            0x78 => {
                self.nextch();
                (n, base, max) = (2, 16, 255);
            }
            0x75 => {
                self.nextch();
                (n, base, max) = (4, 16, 0x10ffff);
            }
            0x55 => {
                self.nextch();
                (n, base, max) = (8, 16, 0x10ffff);
            }
            _ => {
                self.error("unknown escape".into());
                return false;
            }
        }

        let mut x: u32 = 0;
        for _ in 0..n {
            if self.ch < 0 {
                return true; // the caller complains about EOF
            }
            let mut d = base;
            if is_decimal(self.ch) {
                d = self.ch as u32 - '0' as u32;
            } else if ('a' as i32..='f' as i32).contains(&lower(self.ch)) {
                d = lower(self.ch) as u32 - 'a' as u32 + 10;
            }
            if d >= base {
                let msg = format!(
                    "invalid character {} in {} escape",
                    unicode::quote_rune(self.ch as u32),
                    base_name(base)
                );
                self.error(msg);
                return false;
            }
            x = x.wrapping_mul(base).wrapping_add(d);
            self.nextch();
        }

        if x > max && base == 8 {
            self.error(format!("octal escape value {x} > 255"));
            return false;
        }
        if x > max || (0xD800..0xE000).contains(&x) {
            let msg = format!(
                "escape is invalid Unicode code point {}",
                unicode::format_u(x)
            );
            self.error(msg);
            return false;
        }
        true
    }
}

/// The index of the first invalid `_` separator in a number literal.
fn invalid_sep(x: &[u8]) -> Option<usize> {
    let mut x1 = b' ';
    let mut d = b'.';
    let mut i = 0;
    if x.len() >= 2 && x[0] == b'0' {
        x1 = x[1] | 0x20;
        if x1 == b'x' || x1 == b'o' || x1 == b'b' {
            d = b'0';
            i = 2;
        }
    }
    while i < x.len() {
        let p = d;
        d = x[i];
        if d == b'_' {
            if p != b'0' {
                return Some(i);
            }
        } else if d.is_ascii_digit() || x1 == b'x' && d.is_ascii_hexdigit() {
            d = b'0';
        } else {
            if p == b'_' {
                return Some(i - 1);
            }
            d = b'.';
        }
        i += 1;
    }
    if d == b'_' {
        return Some(x.len() - 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<String> {
        let mut s = Scanner::new(src.as_bytes(), false);
        let mut out = Vec::new();
        loop {
            s.next();
            match s.tok {
                Token::Eof => break,
                Token::Name | Token::Literal => {
                    out.push(String::from_utf8_lossy(s.text(s.lit)).into_owned())
                }
                Token::Semi => out.push(format!(";{}", s.semi_lit)),
                Token::Operator | Token::AssignOp | Token::IncOp | Token::Star => {
                    out.push(format!("{}{}", s.tok, s.op))
                }
                t => out.push(t.to_string()),
            }
        }
        out
    }

    fn errors(src: &str) -> Vec<String> {
        let mut s = Scanner::new(src.as_bytes(), false);
        loop {
            s.next();
            if s.tok == Token::Eof {
                break;
            }
        }
        s.errors
            .iter()
            .map(|e| format!("{}:{}: {}", e.line, e.col, e.msg))
            .collect()
    }

    #[test]
    fn semicolons_and_operators() {
        assert_eq!(
            tokens("x := a.b[1] &^= 2\nreturn\n}"),
            [
                "x", ":=", "a", ".", "b", "[", "1", "]", "op=&^", "2", ";newline", "return",
                ";newline", "}", ";EOF"
            ]
        );
        assert_eq!(
            tokens("x++ /* a\nb */ y"),
            ["x", "opop+", ";newline", "y", ";EOF"]
        );
        assert_eq!(
            tokens("a..b ...c"),
            ["a", ".", ".", "b", "...", "c", ";EOF"]
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(
            tokens("0x1p-2 1_000 .5 1e3i 0o17 0b1"),
            ["0x1p-2", "1_000", ".5", "1e3i", "0o17", "0b1", ";EOF"]
        );
        assert_eq!(errors("09"), ["1:2: invalid digit '9' in octal literal"]);
        assert_eq!(
            errors("0x1.0"),
            ["1:6: hexadecimal mantissa requires a 'p' exponent"]
        );
        assert_eq!(errors("1__0"), ["1:3: '_' must separate successive digits"]);
        assert_eq!(errors("0b"), ["1:3: binary literal has no digits"]);
        assert_eq!(errors("1e"), ["1:3: exponent has no digits"]);
    }

    #[test]
    fn strings_and_runes() {
        assert_eq!(
            errors("'ab'"),
            ["1:1: more than one character in rune literal"]
        );
        assert_eq!(errors("''"), ["1:2: empty rune literal or unescaped '"]);
        assert_eq!(errors("\"a\n"), ["1:3: newline in string"]);
        assert_eq!(errors("\"\\q\""), ["1:3: unknown escape"]);
        assert_eq!(errors("'\\400'"), ["1:6: octal escape value 256 > 255"]);
        assert_eq!(errors("`abc"), ["1:1: string not terminated"]);
        assert_eq!(
            errors("\"\\uD800\""),
            ["1:8: escape is invalid Unicode code point U+D800"]
        );
        assert_eq!(errors("/* x"), ["1:1: comment not terminated"]);
    }

    #[test]
    fn bad_characters() {
        assert_eq!(errors("a\u{0}b"), ["1:2: invalid NUL character"]);
        assert_eq!(errors("@"), ["1:1: invalid character U+0040 '@'"]);
        assert_eq!(
            errors("x\u{2295}"),
            ["1:2: invalid character U+2295 '⊕' in identifier"]
        );
        assert_eq!(
            errors("\u{0661}"),
            ["1:1: identifier cannot begin with digit U+0661 '١'"]
        );
        let mut s = Scanner::new(b"a \xff b", false);
        s.next();
        s.next();
        assert_eq!(s.errors[0].msg, "invalid UTF-8 encoding");
    }
}
