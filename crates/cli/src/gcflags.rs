//! The flags of gc (`go tool compile`), parsed with Go's `flag` package
//! rules: `-name`, `-name=value`, `-name value` for flags that take one.
//! Flags that do not apply to rgo are accepted and ignored, so Go's own test
//! driver recipes (`// errorcheck -0 -m -l -d=ssa/…`) run unchanged.

/// What rgo's compile front end uses of gc's flags.
#[derive(Debug, Default)]
pub struct GcFlags {
    /// `-e`: no limit on the number of errors reported.
    pub all_errors: bool,
    /// `-C`: positions without columns.
    pub no_columns: bool,
    /// `-m` level (escape analysis explanations), 0 when absent.
    pub m: u32,
    /// `-l`: disable inlining.
    pub no_inline: bool,
    /// `-p path`: the package path being compiled.
    pub package_path: Option<String>,
    /// `-lang=go1.N`: the language version.
    pub lang: Option<String>,
    /// `-complete`: the package has no non-Go files (functions need bodies).
    pub complete: bool,
    /// `-std`: compiling the standard library.
    pub std: bool,
    /// `-+`: compiling the runtime.
    pub compiling_runtime: bool,
    /// `-d=…` debug settings, kept verbatim.
    pub debug: Vec<String>,
    /// The source files.
    pub files: Vec<String>,
}

/// gc flags that take a value (the rest are booleans or counters).
const VALUE_FLAGS: &[&str] = &[
    "o",
    "p",
    "D",
    "I",
    "d",
    "lang",
    "importcfg",
    "embedcfg",
    "asmhdr",
    "buildid",
    "trimpath",
    "symabis",
    "linkobj",
    "goversion",
    "c",
    "coverageclosure",
    "coveragecfg",
    "pgoprofile",
    "env",
    "spectre",
    "json",
    "bench",
    "blockprofile",
    "cpuprofile",
    "memprofile",
    "memprofilerate",
    "mutexprofile",
    "traceprofile",
    "installsuffix",
    "arch",
    "shared",
    "gendwarfinl",
];

impl GcFlags {
    pub fn parse(args: &[String]) -> Result<GcFlags, String> {
        let mut flags = GcFlags::default();
        let mut i = 0;
        while i < args.len() {
            let arg = &args[i];
            i += 1;
            let Some(body) = arg.strip_prefix('-').filter(|b| !b.is_empty()) else {
                flags.files.push(arg.clone());
                flags.files.extend(args[i..].iter().cloned());
                break;
            };
            if body == "-" {
                flags.files.extend(args[i..].iter().cloned());
                break;
            }
            let body = body.strip_prefix('-').unwrap_or(body);
            let (name, inline_value) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let value = if VALUE_FLAGS.contains(&name) {
                match inline_value {
                    Some(v) => Some(v),
                    None if i < args.len() => {
                        i += 1;
                        Some(args[i - 1].clone())
                    }
                    None => return Err(format!("flag needs an argument: -{name}")),
                }
            } else {
                inline_value
            };
            match name {
                "e" => flags.all_errors = bool_value(value.as_deref()),
                "C" => flags.no_columns = bool_value(value.as_deref()),
                "l" => flags.no_inline = bool_value(value.as_deref()),
                "m" => {
                    flags.m = match value {
                        Some(v) => v
                            .parse()
                            .map_err(|_| format!("invalid value {v:?} for flag -m"))?,
                        None => flags.m + 1,
                    }
                }
                "p" => flags.package_path = value,
                "lang" => flags.lang = value,
                "complete" => flags.complete = bool_value(value.as_deref()),
                "std" => flags.std = bool_value(value.as_deref()),
                "+" => flags.compiling_runtime = bool_value(value.as_deref()),
                "d" => flags.debug.extend(value),
                _ => {}
            }
        }
        Ok(flags)
    }
}

/// A boolean flag's value: present means true unless `=false`/`=0`.
fn bool_value(v: Option<&str>) -> bool {
    !matches!(v, Some("false" | "0" | "f" | "F" | "FALSE" | "False"))
}

#[cfg(test)]
mod tests {
    use super::GcFlags;

    fn parse(s: &str) -> GcFlags {
        let args: Vec<String> = s.split_whitespace().map(String::from).collect();
        GcFlags::parse(&args).unwrap()
    }

    #[test]
    fn gc_test_recipes() {
        let f = parse("-p=p -C -e -m -m -l -d=ssa/check/on -o x.o -importcfg cfg a.go b.go");
        assert!(f.no_columns && f.all_errors && f.no_inline);
        assert_eq!(f.m, 2);
        assert_eq!(f.package_path.as_deref(), Some("p"));
        assert_eq!(f.files, ["a.go", "b.go"]);
        assert_eq!(parse("-m=2 -0 x.go").m, 2);
        assert_eq!(parse("-lang=go1.21 x.go").lang.as_deref(), Some("go1.21"));
        let f = parse("-p main -o out.o x.go");
        assert_eq!(f.package_path.as_deref(), Some("main"));
        assert_eq!(f.files, ["x.go"]);
    }
}
