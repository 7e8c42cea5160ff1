//! The `rgo` command: Go's `go` command, shaped the same way, as a thin user
//! of the embedding API in the `rgo` crate.
//!
//! Subcommands that a later stage of the pipeline fills in say so plainly and
//! exit 2; they never pretend to have worked.
#![forbid(unsafe_code)]

mod gcflags;
mod paths;

use clap::{Parser, Subcommand};
use rgo::{DiagnosticSink, Env, PosStyle, SourceFile};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Go, implemented in Rust.
#[derive(Parser)]
#[command(
    name = "rgo",
    version,
    about = "Go, implemented in Rust.",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile and run a Go program: rgo run FILE.go... [arguments...]
    Run {
        /// Go files of package main, then the program's arguments.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Type-check and compile packages, reporting diagnostics (-gcflags=-m explains escapes).
    Build {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Run the tests of packages with the real `testing` package.
    Test {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print rgo's version and the Go release it implements.
    Version,
    /// Print the Go environment: rgo env [VAR...]
    Env { vars: Vec<String> },
    /// Run a specific tool: parse, compile.
    Tool {
        #[command(subcommand)]
        tool: Tool,
    },
}

#[derive(Subcommand)]
enum Tool {
    /// Parse Go files (or every .go file under directories) and print syntax errors.
    Parse {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// gc-compatible compiler front end: rgo tool compile [gc flags] FILE.go...
    Compile {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The parser and checker recurse on nesting; give them a deep stack so
    // that only their explicit nesting limits, never the OS, stop them.
    const STACK: usize = 256 << 20;
    match std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || run(cli.command))
        .map(|h| h.join())
    {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("rgo: internal error");
            ExitCode::from(3)
        }
    }
}

fn run(command: Command) -> ExitCode {
    match command {
        Command::Run { args } => cmd_run(&args),
        Command::Build { args } => cmd_build(&args),
        Command::Test { .. } => not_yet("rgo test", "running tests"),
        Command::Version => cmd_version(),
        Command::Env { vars } => cmd_env(&vars),
        Command::Tool { tool } => match tool {
            Tool::Parse { paths } => cmd_parse(&paths),
            Tool::Compile { args } => cmd_compile(&args),
        },
    }
}

/// Reports a capability a later stage of the pipeline provides.
fn not_yet(cmd: &str, what: &str) -> ExitCode {
    eprintln!("{cmd}: {what} is not yet implemented");
    ExitCode::from(2)
}

fn env_or_exit() -> Result<Env, ExitCode> {
    Env::discover().map_err(|e| {
        eprintln!("rgo: {e}");
        ExitCode::from(1)
    })
}

fn cmd_version() -> ExitCode {
    let go = Env::discover().map_or_else(|_| "unknown".to_string(), |e| e.go_version);
    println!(
        "rgo version {} (implements {go}) {}/{}",
        rgo::VERSION,
        rgo::GOOS,
        rgo::GOARCH
    );
    ExitCode::SUCCESS
}

fn cmd_env(names: &[String]) -> ExitCode {
    let env = match env_or_exit() {
        Ok(e) => e,
        Err(code) => return code,
    };
    let vars = env.vars();
    if names.is_empty() {
        for (k, v) in &vars {
            println!("{k}='{v}'");
        }
    } else {
        // Like `go env NAME`: the bare value, an empty line for unknown names.
        for name in names {
            let value = vars.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v);
            println!("{value}");
        }
    }
    ExitCode::SUCCESS
}

/// `rgo run FILE.go... [args]`: the files are those leading arguments ending
/// in `.go`, as with `go run`.
fn cmd_run(args: &[String]) -> ExitCode {
    // Build flags before the files (`go run -gcflags=-l x.go`): the
    // compiler's debugging and optimisation flags do not change what a
    // program does, so they are accepted and ignored.
    let mut skip = 0;
    while let Some(a) = args.get(skip)
        && a.starts_with('-')
    {
        let takes_value = ["-gcflags", "-ldflags", "-tags", "-asmflags"]
            .iter()
            .any(|f| a.trim_start_matches('-') == f.trim_start_matches('-'));
        skip += if takes_value { 2 } else { 1 };
    }
    let args = &args[skip.min(args.len())..];
    let nfiles = args.iter().take_while(|a| a.ends_with(".go")).count();
    if nfiles == 0 {
        if args.is_empty() {
            eprintln!("go: no go files listed");
        } else {
            eprintln!("rgo run: running packages by import path is not yet implemented");
            return ExitCode::from(2);
        }
        return ExitCode::from(1);
    }
    let files = match paths::command_line_files(&args[..nfiles]) {
        Ok(f) => f,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(1);
        }
    };
    let opts = rgo::CheckOptions {
        path: "main".into(),
        complete: true,
        ..Default::default()
    };
    // Each stage's code leaves the resident set when the stage is done
    // (the kernel maps code 64 KiB around each fault, so a stage keeps far
    // more resident than it runs): argument parsing and start-up here, the
    // front end before the program runs. A native binary holds only its own.
    rgo::release_code_pages();
    let prog = match rgo::build_program(&files, &opts) {
        Ok(p) => p,
        Err(rgo::BuildError::Diagnostics(diags)) => {
            print_package_errors(diags);
            return ExitCode::from(1);
        }
        Err(rgo::BuildError::Unsupported(msg)) => {
            eprintln!("rgo run: {msg}");
            return ExitCode::from(2);
        }
    };
    // As `go run`: the program's own status is reported, and go exits 1.
    // os.Args: the program (named like the binary go run builds) and the
    // arguments after the files.
    let name = std::path::Path::new(&args[0])
        .file_stem()
        .map_or_else(|| "main".to_string(), |s| s.to_string_lossy().into_owned());
    let mut os_args = vec![name];
    os_args.extend(args[nfiles..].iter().cloned());
    rgo::release_code_pages();
    match rgo::run_program(&prog, &os_args) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(status) => {
            eprintln!("exit status {status}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("rgo run: {e}");
            ExitCode::from(2)
        }
    }
}

/// `rgo build [-gcflags=…] FILE.go...`: checks the files like `go build`.
fn cmd_build(args: &[String]) -> ExitCode {
    let names: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    if names == ["std"] {
        return cmd_build_std();
    }
    if names.is_empty() || !names.iter().all(|n| n.ends_with(".go")) {
        return not_yet("rgo build", "building packages by import path");
    }
    let files = match paths::command_line_files(&names) {
        Ok(f) => f,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(1);
        }
    };
    if !report_package_errors(&files) {
        return ExitCode::from(1);
    }
    not_yet("rgo build", "compiling packages")
}

/// `rgo build std`: type-checks the whole standard library, reporting each
/// package's errors as the go command does (`# path`, then gc's lines).
fn cmd_build_std() -> ExitCode {
    let start = std::time::Instant::now();
    let reports = match rgo::check_std() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rgo: {e}");
            return ExitCode::from(1);
        }
    };
    let mut failed = 0;
    for (path, diags) in &reports {
        if diags.is_empty() {
            continue;
        }
        failed += 1;
        let mut sink = DiagnosticSink::new(true, PosStyle::LineCol);
        sink.extend(diags.iter().cloned());
        eprintln!("# {path}");
        eprint!("{}", sink.render());
    }
    eprintln!(
        "rgo build std: {} packages type-checked in {:.2}s, {failed} with errors",
        reports.len(),
        start.elapsed().as_secs_f64()
    );
    if failed > 0 {
        return ExitCode::from(1);
    }
    not_yet("rgo build", "compiling packages")
}

/// Parses the files of package main named on the command line and prints
/// their syntax errors as the go command does (`# command-line-arguments`
/// then gc's lines). Returns whether there were none.
fn report_package_errors(files: &[SourceFile]) -> bool {
    let opts = rgo::CheckOptions {
        path: "main".into(),
        complete: true,
        ..Default::default()
    };
    let diags = rgo::front_end(files, &opts).1;
    if diags.is_empty() {
        return true;
    }
    print_package_errors(diags);
    false
}

/// Prints a command's compile errors as the go command does.
fn print_package_errors(diags: Vec<rgo::Diagnostic>) {
    let mut sink = DiagnosticSink::new(true, PosStyle::LineCol);
    sink.extend(diags);
    eprintln!("# command-line-arguments");
    eprint!("{}", sink.render());
}

fn cmd_parse(paths: &[PathBuf]) -> ExitCode {
    let mut files = Vec::new();
    for p in paths {
        if let Err(e) = paths::collect_go_files(p, &mut files) {
            eprintln!("rgo tool parse: {}: {e}", p.display());
            return ExitCode::from(1);
        }
    }
    let mut failed = false;
    for path in files {
        let file = match SourceFile::read(&path, path.display().to_string()) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("rgo tool parse: {}: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let mut sink = DiagnosticSink::new(false, PosStyle::LineCol);
        sink.extend(rgo::parse(&file).1);
        if !sink.is_empty() {
            print!("{}", sink.render());
            failed = true;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `rgo tool compile [gc flags] FILE.go...`: gc's front end. Diagnostics go
/// to stdout as gc prints them; exit status 2 on errors, as gc's.
fn cmd_compile(args: &[String]) -> ExitCode {
    let flags = match gcflags::GcFlags::parse(args) {
        Ok(f) => f,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    if flags.files.is_empty() {
        eprintln!("usage: compile [options] file.go...");
        return ExitCode::from(2);
    }
    let style = if flags.no_columns {
        PosStyle::LineOnly
    } else {
        PosStyle::LineCol
    };
    let mut sink = DiagnosticSink::new(!flags.all_errors, style);
    let mut files = Vec::new();
    for name in &flags.files {
        match SourceFile::read(Path::new(name), name.clone()) {
            Ok(f) => files.push(f),
            Err(e) => {
                println!("open {name}: {}", paths::io_error_text(&e));
                return ExitCode::from(2);
            }
        }
    }
    let opts = rgo::CheckOptions {
        path: flags.package_path.clone().unwrap_or_default(),
        lang: flags.lang.as_deref().and_then(rgo::parse_lang),
        complete: flags.complete,
        pragma: rgo::pragma::PragmaContext {
            std: flags.std,
            runtime: flags.compiling_runtime,
        },
    };
    sink.extend(rgo::front_end(&files, &opts).1);
    if !sink.is_empty() {
        print!("{}", sink.render());
        return ExitCode::from(2);
    }
    // The front end found nothing wrong. rgo compiles to its own bytecode
    // when it runs a program; `tool compile` writes no object file.
    ExitCode::SUCCESS
}
