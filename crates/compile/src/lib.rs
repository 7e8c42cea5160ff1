//! The compiler: typed AST → IR → escape analysis → bytecode and function
//! metadata, and the `-m` diagnostics.
//!
//! Not built yet: filled in by the compiler/interpreter issue.
#![forbid(unsafe_code)]
