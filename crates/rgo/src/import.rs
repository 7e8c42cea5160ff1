//! Importing packages from source: the importer the type checker calls for
//! each import path. It resolves the path with the loader (module, standard
//! library, vendor), selects the package's files as the go command does,
//! parses them and type-checks the package into the same `World`, once per
//! path.
//!
//! A package that cannot be found, does not parse or does not type-check
//! makes the import fail with the reason, which the importing file reports
//! as gc does: `could not import PATH (reason)`.

use crate::load::Loader;
use crate::{SourceFile, build::BuildContext};
use std::collections::HashMap;
use types::check::{Config, File, Importer, World};
use types::ty::PkgId;

/// Imports packages by type-checking their source.
pub struct SourceImporter {
    loader: Loader,
    done: HashMap<String, Result<PkgId, String>>,
    /// The import paths being checked (innermost last), for cycles, with
    /// whether each is a standard-library package (vendor applies).
    stack: Vec<String>,
    std_stack: Vec<bool>,
    /// Every package checked, with its diagnostics (in report order).
    pub reports: Vec<(String, Vec<crate::Diagnostic>)>,
}

impl SourceImporter {
    pub fn new(loader: Loader) -> SourceImporter {
        SourceImporter {
            loader,
            done: HashMap::new(),
            stack: Vec::new(),
            std_stack: Vec::new(),
            reports: Vec::new(),
        }
    }

    /// An importer for the reference tree found in the environment, with
    /// the module of the working directory (if any).
    pub fn discover() -> Result<SourceImporter, String> {
        let env = crate::Env::discover()?;
        let ctx = BuildContext::rgo(&env.go_version);
        let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
        let module = crate::load::Module::find(&cwd).ok().flatten();
        Ok(SourceImporter::new(Loader::new(env.goroot, ctx, module)))
    }

    fn load(&mut self, world: &mut World, path: &str) -> Result<PkgId, String> {
        // The vendor directory applies to packages of GOROOT/src, including
        // vendored ones imported by their short path.
        let from_std = self.std_stack.last().copied().unwrap_or(true);
        let dir = self.loader.resolve(path, from_std).map_err(|e| e.0)?;
        let is_std = dir.starts_with(self.loader.goroot.join("src"));
        let names = self
            .loader
            .select_files(&dir, false)
            .map_err(|e| e.to_string())?;
        let mut files = Vec::new();
        let mut asts = Vec::new();
        for n in &names {
            let f = SourceFile::read(n, n.display().to_string()).map_err(|e| e.to_string())?;
            let (ast, diags) = crate::parse(&f);
            if let Some(d) = diags.first() {
                return Err(format!(
                    "{}:{}:{}: {}",
                    d.file, d.pos.line, d.pos.col, d.msg
                ));
            }
            files.push(f);
            asts.push(ast);
        }
        let tfiles: Vec<File<'_>> = files
            .iter()
            .zip(&asts)
            .map(|(f, a)| File {
                name: f.display.clone(),
                ast: a,
            })
            .collect();
        self.stack.push(path.to_string());
        self.std_stack.push(is_std);
        let (pkg, _, errors) =
            types::check::check_package(world, self, path, &tfiles, &Config::default());
        self.stack.pop();
        self.std_stack.pop();
        let diags = errors
            .iter()
            .map(|e| crate::Diagnostic {
                file: world
                    .files
                    .get(e.file as usize)
                    .cloned()
                    .unwrap_or_default(),
                pos: e.pos,
                msg: e.msg.clone(),
                rel: None,
            })
            .collect();
        self.reports.push((path.to_string(), diags));
        if let Some(e) = errors.iter().find(|e| !e.soft) {
            let file = world
                .files
                .get(e.file as usize)
                .cloned()
                .unwrap_or_default();
            let msg = e.msg.lines().next().unwrap_or("");
            return Err(format!("{file}:{}:{}: {msg}", e.pos.line, e.pos.col));
        }
        Ok(pkg)
    }
}

impl SourceImporter {
    /// The import paths of the standard library (as `go list std`): every
    /// directory of GOROOT/src with buildable files, except commands,
    /// testdata and internal test helpers, vendored packages as `vendor/…`.
    pub fn std_packages(&self) -> Vec<String> {
        let src = self.loader.goroot.join("src");
        let mut out = Vec::new();
        let mut stack = vec![src.clone()];
        while let Some(dir) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut subdirs: Vec<_> = rd
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path())
                .collect();
            subdirs.sort();
            for d in subdirs.into_iter().rev() {
                let name = d
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if name == "testdata" || name.starts_with('.') || name.starts_with('_') {
                    continue;
                }
                if d == src.join("cmd") {
                    continue;
                }
                stack.push(d);
            }
            if dir == src {
                continue;
            }
            // `builtin` documents the predeclared identifiers; it is no package to build.
            if dir != src.join("builtin") && self.loader.select_files(&dir, false).is_ok() {
                let rel = dir
                    .strip_prefix(&src)
                    .unwrap_or(&dir)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(rel);
            }
        }
        out.sort();
        out
    }
}

impl Importer for SourceImporter {
    fn import(&mut self, world: &mut World, path: &str) -> Result<PkgId, String> {
        if let Some(r) = self.done.get(path) {
            return r.clone();
        }
        if self.stack.iter().any(|p| p == path) {
            return Err("import cycle not allowed".into());
        }
        let r = self.load(world, path);
        self.done.insert(path.to_string(), r.clone());
        r
    }
}
