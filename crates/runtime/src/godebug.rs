//! The runtime's settings from the environment: `GODEBUG`, `GOGC`,
//! `GOMEMLIMIT` and `GOTRACEBACK`, parsed as the reference release parses
//! them (`runtime/runtime1.go`'s `parsegodebug` and `setTraceback`,
//! `mgcpacer.go`'s `readGOGC` and
//! `readGOMEMLIMIT`, `string.go`'s `parseByteCount`).
//!
//! The settings belong to one runtime instance (an embedding host may run
//! several programs with different settings); the `rgo` command fills them
//! from its process environment.

/// `GODEBUG` keys the runtime honours (Go's names where the meaning is
/// Go's; `gcstress` is rgo's own).
#[derive(Clone, Debug, Default)]
pub struct DebugVars {
    /// `gctrace=1`: one line per collection on standard error.
    pub gctrace: i32,
    /// `gccheckmark=1`: after marking, mark again from the roots with a
    /// second set of bits and fail if anything reachable was left unmarked.
    pub gccheckmark: i32,
    /// `clobberfree=1`: the sweeper overwrites freed objects with a bad
    /// pattern so that a use after free shows.
    pub clobberfree: i32,
    /// `gcstress=N` (rgo): a collection at every N-th allocating
    /// instruction (0: off).
    pub gcstress: i32,
    /// `gcstackmaps=0` (rgo): scan goroutine stacks word by word instead
    /// of through the compiler's stack maps (the default, 1), to tell a
    /// stack map bug from others.
    pub gcstackmaps: i32,
    /// `clobberdead=1` (rgo's, after gc's `-d=clobberdead`): at every
    /// allocating instruction, frame words that hold no value by the
    /// stack maps are overwritten with `0xdeaddead…`, so that a value the
    /// compiler left in a slot it did not record shows.
    pub clobberdead: i32,
    /// `stackmove=1` (rgo's): at every collection, every goroutine's
    /// stack moves to a new place (Go's shrinking, forced), so that a
    /// pointer into a stack that the copier does not adjust shows.
    pub stackmove: i32,
}

impl DebugVars {
    /// Parses a `GODEBUG` value: comma-separated `key=value` fields, left
    /// to right, later settings overriding earlier ones; values are
    /// base-10 32-bit integers, anything else is ignored (as Go ignores it).
    pub fn parse(godebug: &str) -> DebugVars {
        let mut d = DebugVars {
            gcstackmaps: 1,
            ..DebugVars::default()
        };
        for field in godebug.split(',') {
            let Some((key, value)) = field.split_once('=') else {
                continue;
            };
            let Ok(n) = value.parse::<i32>() else {
                continue;
            };
            match key {
                "gctrace" => d.gctrace = n,
                "gccheckmark" => d.gccheckmark = n,
                "clobberfree" => d.clobberfree = n,
                "gcstress" => d.gcstress = n,
                "stackmove" => d.stackmove = n,
                "gcstackmaps" => d.gcstackmaps = n,
                "clobberdead" => d.clobberdead = n,
                _ => {}
            }
        }
        d
    }
}

/// `GOGC`: `off` is -1 (collection disabled); a base-10 32-bit integer is
/// taken as it is; anything else (including unset) is 100.
pub fn read_gogc(v: Option<&str>) -> i32 {
    match v {
        Some("off") => -1,
        Some(s) => s.parse::<i32>().unwrap_or(100),
        None => 100,
    }
}

/// `GOTRACEBACK` as Go's `setTraceback` (`runtime/runtime1.go`) reads
/// it: how much an unrecovered panic prints after its message, and
/// whether a fatal error of the user kind (a deadlock) prints goroutines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Traceback {
    /// 0: no goroutine at all; 1: user frames; 2: runtime frames too
    /// (rgo has none to show, so 2 prints as 1).
    pub level: u32,
    /// Every goroutine, not only the panicking one.
    pub all: bool,
    /// `crash`: Go dumps core after the traceback; rgo prints as for
    /// `system` and exits with status 2.
    pub crash: bool,
}

/// `GOTRACEBACK`: `none` (level 0), `single` or unset/empty (the
/// default, level 1), `all` (level 1, every goroutine), `system` (level
/// 2, every goroutine), `crash` (as `system`, then a crash); anything
/// else is every goroutine at the level it reads as a base-10 number
/// (0 when it does not: Go's `GOTRACEBACK=bogus` prints nothing).
pub fn read_gotraceback(v: Option<&str>) -> Traceback {
    let t = |level, all, crash| Traceback { level, all, crash };
    match v.unwrap_or("") {
        "none" => t(0, false, false),
        "single" | "" => t(1, false, false),
        "all" => t(1, true, false),
        "system" => t(2, true, false),
        "crash" => t(2, true, true),
        s => t(s.parse::<u32>().unwrap_or(0), true, false),
    }
}

/// A `GOMEMLIMIT` that is not a byte count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalformedLimit;

/// `GOMEMLIMIT`: unset, empty or `off` is no limit (`i64::MAX`); otherwise
/// a byte count, or `Err` for a malformed value (Go then prints
/// `GOMEMLIMIT=…` and throws "malformed GOMEMLIMIT; see `go doc
/// runtime/debug.SetMemoryLimit`").
pub fn read_gomemlimit(v: Option<&str>) -> Result<i64, MalformedLimit> {
    match v {
        None | Some("") | Some("off") => Ok(i64::MAX),
        Some(s) => parse_byte_count(s).ok_or(MalformedLimit),
    }
}

/// Go's `parseByteCount`: digits, optionally followed by `B`, `KiB`,
/// `MiB`, `GiB` or `TiB`; negative values and overflow are invalid.
pub fn parse_byte_count(s: &str) -> Option<i64> {
    fn int(s: &str) -> Option<i64> {
        // strconv.ParseInt(s, 10, 64): an optional sign, then digits.
        let n = s.parse::<i64>().ok()?;
        (n >= 0).then_some(n)
    }
    let b = s.as_bytes();
    let last = *b.last()?;
    if last.is_ascii_digit() {
        return int(s);
    }
    if last != b'B' || b.len() < 2 {
        return None;
    }
    let c = b[b.len() - 2];
    if c.is_ascii_digit() {
        return int(&s[..s.len() - 1]);
    }
    if c != b'i' || b.len() < 4 {
        return None;
    }
    let power = match b[b.len() - 3] {
        b'K' => 1,
        b'M' => 2,
        b'G' => 3,
        b'T' => 4,
        _ => return None,
    };
    let m = 1024u64.pow(power);
    let n = int(&s[..s.len() - 3])? as u64;
    let v = n.checked_mul(m)?;
    i64::try_from(v).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn godebug_fields() {
        let d = DebugVars::parse("gctrace=1,gcstress=100,gccheckmark=1,bogus,x=y,gctrace=2");
        assert_eq!((d.gctrace, d.gcstress, d.gccheckmark), (2, 100, 1));
    }

    #[test]
    fn gotraceback() {
        let lv = |v| {
            let t = read_gotraceback(v);
            (t.level, t.all)
        };
        assert_eq!(lv(None), (1, false));
        assert_eq!(lv(Some("")), (1, false));
        assert_eq!(lv(Some("none")), (0, false));
        assert_eq!(lv(Some("single")), (1, false));
        assert_eq!(lv(Some("all")), (1, true));
        assert_eq!(lv(Some("1")), (1, true));
        assert_eq!(lv(Some("0")), (0, true));
        assert_eq!(lv(Some("2")), (2, true));
        assert_eq!(lv(Some("system")), (2, true));
        assert_eq!(lv(Some("bogus")), (0, true));
        assert!(read_gotraceback(Some("crash")).crash);
    }

    #[test]
    fn gogc_and_memlimit() {
        assert_eq!(read_gogc(Some("off")), -1);
        assert_eq!(read_gogc(Some("50")), 50);
        assert_eq!(read_gogc(Some("bad")), 100);
        assert_eq!(read_gogc(None), 100);
        assert_eq!(read_gomemlimit(Some("off")), Ok(i64::MAX));
        assert_eq!(read_gomemlimit(Some("1GiB")), Ok(1 << 30));
        assert_eq!(read_gomemlimit(Some("512MiB")), Ok(512 << 20));
        assert_eq!(read_gomemlimit(Some("100B")), Ok(100));
        assert_eq!(read_gomemlimit(Some("100")), Ok(100));
        assert_eq!(read_gomemlimit(Some("1GB")), Err(MalformedLimit));
        assert_eq!(read_gomemlimit(Some("-1")), Err(MalformedLimit));
        assert_eq!(read_gomemlimit(Some("B")), Err(MalformedLimit));
        assert_eq!(read_gomemlimit(Some("99999999999TiB")), Err(MalformedLimit));
    }
}
