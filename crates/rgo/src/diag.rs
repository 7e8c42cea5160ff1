//! Diagnostics in gc's format: `file:line:col: message`, sorted by position,
//! at most ten unless `-e`, then `file:line:col: too many errors`.

use std::fmt::Write as _;

pub use syntax::Pos;

/// One compiler diagnostic (a syntax error today; type errors later).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file's display name, as gc prints it.
    pub file: String,
    pub pos: Pos,
    pub msg: String,
    /// The position as printed when a `//line` directive applies: file,
    /// line and column (0 = no column).
    pub rel: Option<(String, u32, u32)>,
}

/// Whether positions print with their column (gc's `-C` flag turns it off).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PosStyle {
    #[default]
    LineCol,
    LineOnly,
}

impl Diagnostic {
    /// The line a diagnostic is reported on (after `//line` directives).
    fn line(&self) -> (&str, u32) {
        match &self.rel {
            Some((f, l, _)) => (f, *l),
            None => (&self.file, self.pos.line),
        }
    }

    fn position(&self, style: PosStyle) -> String {
        if let Some((file, line, col)) = &self.rel {
            return match style {
                PosStyle::LineCol if *col > 0 => format!("{file}:{line}:{col}"),
                _ => format!("{file}:{line}"),
            };
        }
        match style {
            PosStyle::LineCol => format!("{}:{}:{}", self.file, self.pos.line, self.pos.col),
            PosStyle::LineOnly => format!("{}:{}", self.file, self.pos.line),
        }
    }
}

/// Collects diagnostics the way gc's `base.ErrorfAt` does and renders them
/// the way `base.FlushErrors` does.
#[derive(Debug, Default)]
pub struct DiagnosticSink {
    /// Diagnostics in the order they were reported.
    reported: Vec<Diagnostic>,
    /// (file, line) of the last syntax error kept.
    last_syntax: Option<(String, u32)>,
    /// (file, line, message) of the last other error kept.
    last_other: Option<(String, u32, String)>,
    /// Stop after ten errors (gc's behaviour unless `-e`).
    pub limit_errors: bool,
    pub style: PosStyle,
}

/// gc stops after this many errors unless `-e` is given.
const MAX_ERRORS: usize = 10;

impl DiagnosticSink {
    pub fn new(limit_errors: bool, style: PosStyle) -> DiagnosticSink {
        DiagnosticSink {
            reported: Vec::new(),
            last_syntax: None,
            last_other: None,
            limit_errors,
            style,
        }
    }

    /// Adds diagnostics in report order, filtered as gc's `ErrorfAt` does:
    /// only the first syntax error of a line, and no repeat of the same
    /// other message on the line of the previous one.
    pub fn extend(&mut self, diags: impl IntoIterator<Item = Diagnostic>) {
        for d in diags {
            if d.msg.starts_with("syntax error") {
                let (f, l) = d.line();
                let key = (f.to_string(), l);
                if self.last_syntax.as_ref() == Some(&key) {
                    continue;
                }
                self.last_syntax = Some(key);
            } else {
                let (f, l) = d.line();
                let key = (f.to_string(), l, d.msg.clone());
                if self.last_other.as_ref() == Some(&key) {
                    continue;
                }
                self.last_other = Some(key);
            }
            self.reported.push(d);
        }
    }

    /// Whether a syntax error was reported: gc stops before type checking
    /// then (other parse-time errors, such as label errors, do not stop it).
    pub fn has_syntax_errors(&self) -> bool {
        self.reported
            .iter()
            .any(|d| d.msg.starts_with("syntax error"))
    }

    pub fn is_empty(&self) -> bool {
        self.reported.is_empty()
    }

    /// Renders what gc prints: the first ten diagnostics (or all with `-e`)
    /// sorted by position with exact duplicates dropped, then the
    /// "too many errors" line at the tenth error's position if cut short.
    pub fn render(&self) -> String {
        // gc stops as soon as the tenth error is reported.
        let cut = self.limit_errors && self.reported.len() >= MAX_ERRORS;
        let shown = if cut {
            &self.reported[..MAX_ERRORS]
        } else {
            &self.reported[..]
        };
        // Stable sort by file (in first-report order) then position.
        let mut file_order: Vec<&str> = Vec::new();
        for d in shown {
            if !file_order.contains(&d.file.as_str()) {
                file_order.push(&d.file);
            }
        }
        let mut sorted: Vec<&Diagnostic> = shown.iter().collect();
        sorted.sort_by_key(|d| (file_order.iter().position(|f| *f == d.file), d.pos));
        let mut out = String::new();
        let mut last = String::new();
        for d in sorted {
            let line = format!("{}: {}\n", d.position(self.style), d.msg);
            if line != last {
                out.push_str(&line);
            }
            last = line;
        }
        if cut {
            let at = &self.reported[MAX_ERRORS - 1];
            let _ = writeln!(out, "{}: too many errors", at.position(self.style));
        }
        out
    }
}
