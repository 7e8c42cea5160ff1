//! The Go version implied by a `//go:build` line (go/build/constraint's
//! `GoVersion`), which decides the language version of a file.

/// The minimum Go version (`go1.N`) the build constraint `line` requires,
/// or `None` when it cannot be parsed or implies none.
pub fn go_version(line: &str) -> Option<String> {
    let expr = line.strip_prefix("//go:build")?;
    if !expr.is_empty() && !expr.starts_with([' ', '\t']) {
        return None;
    }
    let toks = tokenize(expr.trim())?;
    let mut p = ExprParser { toks, pos: 0 };
    let e = p.or()?;
    if p.pos != p.toks.len() {
        return None;
    }
    let v = min_version(&e, true);
    match v {
        v if v < 0 => None,
        0 => Some("go1".into()),
        v => Some(format!("go1.{v}")),
    }
}

enum BExpr {
    Tag(String),
    Not(Box<BExpr>),
    And(Box<BExpr>, Box<BExpr>),
    Or(Box<BExpr>, Box<BExpr>),
}

fn tokenize(s: &str) -> Option<Vec<String>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' => i += 1,
            b'(' | b')' | b'!' => {
                out.push((b[i] as char).to_string());
                i += 1;
            }
            b'&' | b'|' => {
                if b.get(i + 1) != Some(&b[i]) {
                    return None;
                }
                out.push(s[i..i + 2].to_string());
                i += 2;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' => {
                let j = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.')
                {
                    i += 1;
                }
                out.push(s[j..i].to_string());
            }
            _ => return None,
        }
    }
    Some(out)
}

struct ExprParser {
    toks: Vec<String>,
    pos: usize,
}

impl ExprParser {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(String::as_str)
    }
    fn or(&mut self) -> Option<BExpr> {
        let mut x = self.and()?;
        while self.peek() == Some("||") {
            self.pos += 1;
            x = BExpr::Or(Box::new(x), Box::new(self.and()?));
        }
        Some(x)
    }
    fn and(&mut self) -> Option<BExpr> {
        let mut x = self.not()?;
        while self.peek() == Some("&&") {
            self.pos += 1;
            x = BExpr::And(Box::new(x), Box::new(self.not()?));
        }
        Some(x)
    }
    fn not(&mut self) -> Option<BExpr> {
        match self.peek()? {
            "!" => {
                self.pos += 1;
                Some(BExpr::Not(Box::new(self.not()?)))
            }
            "(" => {
                self.pos += 1;
                let x = self.or()?;
                if self.peek() != Some(")") {
                    return None;
                }
                self.pos += 1;
                Some(x)
            }
            ")" | "&&" | "||" => None,
            t => {
                let t = t.to_string();
                self.pos += 1;
                Some(BExpr::Tag(t))
            }
        }
    }
}

fn min_version(x: &BExpr, positive: bool) -> i64 {
    let and = |a: i64, b: i64| a.max(b);
    let or = |a: i64, b: i64| a.min(b);
    match x {
        BExpr::And(a, b) => {
            let (va, vb) = (min_version(a, positive), min_version(b, positive));
            if positive { and(va, vb) } else { or(va, vb) }
        }
        BExpr::Or(a, b) => {
            let (va, vb) = (min_version(a, positive), min_version(b, positive));
            if positive { or(va, vb) } else { and(va, vb) }
        }
        BExpr::Not(a) => min_version(a, !positive),
        BExpr::Tag(t) => {
            if !positive {
                return -1;
            }
            if t == "go1" {
                return 0;
            }
            match t.split_once("go1.") {
                Some((_, v)) if !v.is_empty() && v.bytes().all(|c| c.is_ascii_digit()) => {
                    v.parse().unwrap_or(-1)
                }
                _ => -1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::go_version;

    #[test]
    fn versions() {
        assert_eq!(go_version("//go:build go1.21").as_deref(), Some("go1.21"));
        assert_eq!(
            go_version("//go:build linux && go1.18").as_deref(),
            Some("go1.18")
        );
        assert_eq!(
            go_version("//go:build go1.18 || go1.20").as_deref(),
            Some("go1.18")
        );
        assert_eq!(go_version("//go:build !go1.18"), None);
        assert_eq!(go_version("//go:build linux"), None);
    }
}
