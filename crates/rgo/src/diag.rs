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
}

/// Whether positions print with their column (gc's `-C` flag turns it off).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PosStyle {
    #[default]
    LineCol,
    LineOnly,
}

impl Diagnostic {
    fn position(&self, style: PosStyle) -> String {
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
            limit_errors,
            style,
        }
    }

    /// Adds diagnostics in report order.
    pub fn extend(&mut self, diags: impl IntoIterator<Item = Diagnostic>) {
        self.reported.extend(diags);
    }

    pub fn is_empty(&self) -> bool {
        self.reported.is_empty()
    }

    /// Renders what gc prints: the first ten diagnostics (or all with `-e`)
    /// sorted by position with exact duplicates dropped, then the
    /// "too many errors" line at the tenth error's position if cut short.
    pub fn render(&self) -> String {
        let cut = self.limit_errors && self.reported.len() > MAX_ERRORS;
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
