//! The Go type checker: universe, exact untyped constants, assignability,
//! method sets, generics and initialization order, with gc's diagnostics.
//!
//! Not built yet: this crate is filled in by the type-checker issue. It
//! exists now so that the workspace has its final shape (see ARCHITECTURE.md).
#![forbid(unsafe_code)]
pub mod check;
pub mod constant;
pub mod ty;
pub mod universe;
