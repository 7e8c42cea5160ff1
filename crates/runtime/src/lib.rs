//! The runtime: interpreter, goroutine stacks, scheduler, allocator and
//! garbage collector — one crate, folders by subsystem (see ARCHITECTURE.md).
//!
//! Not built yet: filled in by the compiler/interpreter issue and the memory,
//! goroutine and collector issues that follow it.
