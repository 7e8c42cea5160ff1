//! File selection as `go/build` does it: build constraints (`//go:build`
//! expressions and legacy `// +build` lines) and `_GOOS`/`_GOARCH` file-name
//! suffixes, evaluated for the configuration rgo implements.
//!
//! rgo builds as gc does for linux/amd64 with cgo disabled, plus the `purego`
//! tag: packages with both assembly and portable Go implementations
//! (crypto, hashing) then choose the Go code, which rgo compiles like any
//! other; functions that are bodyless even then get native bodies from the
//! runtime (see ARCHITECTURE.md, "Standard library").

/// The build configuration: which tags are satisfied.
#[derive(Clone, Debug)]
pub struct BuildContext {
    pub goos: String,
    pub goarch: String,
    pub compiler: String,
    pub cgo_enabled: bool,
    /// `go1.1` … `go1.N` for the reference release.
    pub release_tags: Vec<String>,
    /// Tags the toolchain sets (`goexperiment.*`, `amd64.v1`).
    pub tool_tags: Vec<String>,
    /// Tags set by the user or by rgo's policy (`purego`).
    pub build_tags: Vec<String>,
}

/// Operating systems Go knows (`internal/syslist.KnownOS`).
const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "wasip1",
    "windows",
    "zos",
];

/// Operating systems matched by the `unix` tag (`internal/syslist.UnixOS`).
const UNIX_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "linux",
    "netbsd",
    "openbsd",
    "solaris",
];

/// Architectures Go knows (`internal/syslist.KnownArch`).
const KNOWN_ARCH: &[&str] = &[
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

impl BuildContext {
    /// rgo's configuration for a reference release `go1.N` (`go_version`
    /// like "go1.26.8").
    pub fn rgo(go_version: &str) -> BuildContext {
        let minor = go_version
            .strip_prefix("go1.")
            .and_then(|rest| rest.split(['.', ' ', '-']).next())
            .and_then(|m| m.parse::<u32>().ok())
            .unwrap_or(26);
        BuildContext {
            goos: "linux".into(),
            goarch: "amd64".into(),
            compiler: "gc".into(),
            cgo_enabled: false,
            release_tags: (1..=minor).map(|i| format!("go1.{i}")).collect(),
            // The default experiments of the reference toolchain
            // (`go list -f '{{context.ToolTags}}'`).
            tool_tags: [
                "goexperiment.regabiwrappers",
                "goexperiment.regabiargs",
                "goexperiment.dwarf5",
                "goexperiment.greenteagc",
                "goexperiment.randomizedheapbase64",
                "amd64.v1",
            ]
            .map(String::from)
            .to_vec(),
            build_tags: vec!["purego".into()],
        }
    }

    /// Whether a single tag is satisfied (`go/build.Context.matchTag`).
    pub fn match_tag(&self, name: &str) -> bool {
        if self.cgo_enabled && name == "cgo" {
            return true;
        }
        if name == self.goos || name == self.goarch || name == self.compiler {
            return true;
        }
        if name == "unix" && UNIX_OS.contains(&self.goos.as_str()) {
            return true;
        }
        let name = if name == "boringcrypto" {
            "goexperiment.boringcrypto"
        } else {
            name
        };
        [&self.build_tags, &self.tool_tags, &self.release_tags]
            .iter()
            .any(|tags| tags.iter().any(|t| t == name))
    }

    /// Whether a file name's `_GOOS`, `_GOARCH` or `_GOOS_GOARCH` suffix (before
    /// an optional `_test`) matches (`go/build.Context.goodOSArchFile`).
    pub fn good_os_arch_file(&self, file_name: &str) -> bool {
        let stem = file_name.split('.').next().unwrap_or("");
        let Some(i) = stem.find('_') else { return true };
        let mut parts: Vec<&str> = stem[i..].split('_').collect();
        if parts.last() == Some(&"test") {
            parts.pop();
        }
        let n = parts.len();
        if n >= 2 && KNOWN_OS.contains(&parts[n - 2]) && KNOWN_ARCH.contains(&parts[n - 1]) {
            return self.match_tag(parts[n - 1]) && self.match_tag(parts[n - 2]);
        }
        if n >= 1 && (KNOWN_OS.contains(&parts[n - 1]) || KNOWN_ARCH.contains(&parts[n - 1])) {
            return self.match_tag(parts[n - 1]);
        }
        true
    }

    /// Whether a file's header constraints allow it
    /// (`go/build.Context.shouldBuild`); an error for a malformed or
    /// repeated `//go:build` line, worded as the go command words it.
    pub fn should_build(&self, content: &[u8]) -> Result<bool, String> {
        let header = parse_file_header(content)?;
        if let Some(line) = header.go_build {
            let expr = line.trim_start_matches("//go:build").trim();
            return parse_expr(expr)
                .map(|x| self.eval(&x))
                .map_err(|e| format!("parsing //go:build line: {e}"));
        }
        let mut ok = true;
        for line in header.plus_build {
            if let Ok(x) = parse_plus_build(&line)
                && !self.eval(&x)
            {
                ok = false;
            }
        }
        Ok(ok)
    }

    pub fn eval(&self, x: &Expr) -> bool {
        match x {
            Expr::Tag(t) => self.match_tag(t),
            Expr::Not(a) => !self.eval(a),
            Expr::And(a, b) => self.eval(a) && self.eval(b),
            Expr::Or(a, b) => self.eval(a) || self.eval(b),
        }
    }
}

/// A build constraint expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Tag(String),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

struct Header {
    go_build: Option<String>,
    plus_build: Vec<String>,
}

/// Finds the `//go:build` line and the `// +build` lines of the leading
/// comment block (`go/build.parseFileHeader`): `+build` lines count only
/// before the last blank line that precedes the first non-comment line.
fn parse_file_header(content: &[u8]) -> Result<Header, String> {
    let text = String::from_utf8_lossy(content);
    let mut end_line = 0;
    let mut ended = false;
    let mut in_slash_star = false;
    let mut go_build = None;
    let lines: Vec<&str> = text.split('\n').collect();
    'lines: for (idx, raw) in lines.iter().enumerate() {
        let mut line = raw.trim();
        if line.is_empty() && !ended {
            end_line = idx;
            continue;
        }
        if !line.starts_with("//") {
            ended = true;
        }
        if !in_slash_star && is_go_build_comment(line) {
            if go_build.is_some() {
                return Err("multiple //go:build comments".into());
            }
            go_build = Some(line.to_string());
        }
        loop {
            if line.is_empty() {
                continue 'lines;
            }
            if in_slash_star {
                match line.find("*/") {
                    Some(i) => {
                        in_slash_star = false;
                        line = line[i + 2..].trim();
                        continue;
                    }
                    None => continue 'lines,
                }
            }
            if line.starts_with("//") {
                continue 'lines;
            }
            if let Some(rest) = line.strip_prefix("/*") {
                in_slash_star = true;
                line = rest.trim();
                continue;
            }
            break 'lines;
        }
    }
    let plus_build = lines[..end_line]
        .iter()
        .map(|l| l.trim())
        .filter(|l| l.starts_with("//") && l.contains("+build"))
        .filter_map(split_plus_build)
        .collect();
    Ok(Header {
        go_build,
        plus_build,
    })
}

fn is_go_build_comment(line: &str) -> bool {
    match line.strip_prefix("//go:build") {
        Some(rest) => rest.is_empty() || rest.starts_with([' ', '\t']),
        None => false,
    }
}

/// The expression of a `// +build` line, if it is one.
fn split_plus_build(line: &str) -> Option<String> {
    let rest = line.strip_prefix("//")?.trim();
    let after = rest.strip_prefix("+build")?;
    let trimmed = after.trim();
    if after.len() == trimmed.len() && !after.is_empty() {
        return None;
    }
    Some(trimmed.to_string())
}

fn is_valid_tag(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

/// Parses a legacy `+build` expression: space-separated OR of
/// comma-separated AND of possibly negated tags.
fn parse_plus_build(text: &str) -> Result<Expr, String> {
    let mut x: Option<Expr> = None;
    for clause in text.split_whitespace() {
        let mut y: Option<Expr> = None;
        for lit in clause.split(',') {
            let z = if lit.starts_with("!!") || lit == "!" {
                Expr::Tag("ignore".into())
            } else {
                let (neg, name) = match lit.strip_prefix('!') {
                    Some(n) => (true, n),
                    None => (false, lit),
                };
                let t = Expr::Tag(if is_valid_tag(name) {
                    name.into()
                } else {
                    "ignore".into()
                });
                if neg { Expr::Not(Box::new(t)) } else { t }
            };
            y = Some(match y {
                None => z,
                Some(y) => Expr::And(Box::new(y), Box::new(z)),
            });
        }
        if let Some(y) = y {
            x = Some(match x {
                None => y,
                Some(x) => Expr::Or(Box::new(x), Box::new(y)),
            });
        }
    }
    Ok(x.unwrap_or_else(|| Expr::Tag("ignore".into())))
}

/// Parses a `//go:build` expression (`go/build/constraint.Parse`), with its
/// error texts.
pub fn parse_expr(text: &str) -> Result<Expr, String> {
    let mut p = ExprParser {
        s: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let x = p.or()?;
    p.skip_space();
    if p.pos < p.s.len() {
        return Err(format!("unexpected token {}", p.peek_token()));
    }
    Ok(x)
}

struct ExprParser<'a> {
    s: &'a [u8],
    pos: usize,
    depth: u32,
}

impl ExprParser<'_> {
    fn skip_space(&mut self) {
        while self.pos < self.s.len() && (self.s[self.pos] == b' ' || self.s[self.pos] == b'\t') {
            self.pos += 1;
        }
    }

    fn peek_token(&self) -> String {
        let rest = &self.s[self.pos..];
        let end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.'))
            .unwrap_or(rest.len());
        let end = if end == 0 { rest.len().min(2) } else { end };
        String::from_utf8_lossy(&rest[..end]).into_owned()
    }

    fn eat(&mut self, tok: &str) -> bool {
        self.skip_space();
        if self.s[self.pos..].starts_with(tok.as_bytes()) {
            self.pos += tok.len();
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut x = self.and()?;
        while self.eat("||") {
            let y = self.and()?;
            x = Expr::Or(Box::new(x), Box::new(y));
        }
        Ok(x)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut x = self.not()?;
        while self.eat("&&") {
            let y = self.not()?;
            x = Expr::And(Box::new(x), Box::new(y));
        }
        Ok(x)
    }

    fn not(&mut self) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > 100 {
            return Err("build expression too large".into());
        }
        let x = if self.eat("!") {
            Expr::Not(Box::new(self.not()?))
        } else {
            self.atom()?
        };
        self.depth -= 1;
        Ok(x)
    }

    fn atom(&mut self) -> Result<Expr, String> {
        if self.eat("(") {
            let x = self.or()?;
            if !self.eat(")") {
                return Err("missing close paren".into());
            }
            return Ok(x);
        }
        self.skip_space();
        let start = self.pos;
        while self.pos < self.s.len()
            && (self.s[self.pos].is_ascii_alphanumeric()
                || self.s[self.pos] == b'_'
                || self.s[self.pos] == b'.'
                || self.s[self.pos] >= 0x80)
        {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(if self.pos >= self.s.len() {
                "unexpected end of expression".into()
            } else {
                format!("unexpected token {}", self.peek_token())
            });
        }
        Ok(Expr::Tag(
            String::from_utf8_lossy(&self.s[start..self.pos]).into_owned(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> BuildContext {
        BuildContext::rgo("go1.26.8")
    }

    #[test]
    fn tags() {
        let c = ctx();
        for t in [
            "linux",
            "amd64",
            "unix",
            "gc",
            "go1.1",
            "go1.26",
            "purego",
            "goexperiment.greenteagc",
        ] {
            assert!(c.match_tag(t), "{t}");
        }
        for t in ["windows", "arm64", "cgo", "go1.27", "gccgo", "race"] {
            assert!(!c.match_tag(t), "{t}");
        }
    }

    #[test]
    fn file_names() {
        let c = ctx();
        assert!(c.good_os_arch_file("x_linux.go"));
        assert!(c.good_os_arch_file("x_amd64.s"));
        assert!(c.good_os_arch_file("x_linux_amd64_test.go"));
        assert!(!c.good_os_arch_file("x_windows.go"));
        assert!(!c.good_os_arch_file("x_linux_arm64.go"));
        assert!(c.good_os_arch_file("linux.go"));
        assert!(c.good_os_arch_file("x_unix.go"));
        assert!(!c.good_os_arch_file("x_wasm.go"));
    }

    #[test]
    fn constraints() {
        let c = ctx();
        let ok = |s: &str| c.should_build(s.as_bytes()).unwrap();
        assert!(ok("//go:build linux && amd64\n\npackage p\n"));
        assert!(!ok("//go:build !linux\n\npackage p\n"));
        assert!(ok("//go:build (linux || windows) && !cgo\n\npackage p\n"));
        assert!(!ok("// +build windows\n\npackage p\n"));
        assert!(ok("// +build linux,amd64 windows\n\npackage p\n"));
        // +build after the package clause's preceding blank line does not count.
        assert!(ok("// +build windows\npackage p\n"));
        assert!(ok("// Copyright\n\n//go:build go1.18\n\npackage p\n"));
        assert!(!ok("/* c */\n//go:build ignore\n\npackage main\n"));
        assert!(c.should_build(b"//go:build linux &&\n\npackage p").is_err());
        assert!(
            c.should_build(b"//go:build linux\n//go:build amd64\n\npackage p")
                .is_err()
        );
    }
}
