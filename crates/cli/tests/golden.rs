//! Golden tests (being written).
fn main() {}
