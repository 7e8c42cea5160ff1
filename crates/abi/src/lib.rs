//! What the compiler and the runtime share: gc's amd64 memory layout, type
//! descriptors in the shape of `internal/abi`, the instruction set and
//! function metadata (frame layout, pointer maps, pc→line tables).
//!
//! Not built yet: filled in by the compiler/interpreter issue.
