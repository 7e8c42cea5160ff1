//! What the compiler and the runtime share: the instruction set, function
//! metadata (frame layout, pc→line tables) and the compiled program.
//!
//! Memory layout of values is gc's on amd64 (sizes, alignments and field
//! offsets come from `types::ty::Program`, which computes them as gc does);
//! frames are byte-addressed memory on the goroutine stack, described in
//! [`func`]; type descriptors for interfaces in [`types`]; pointer layouts
//! for the collector in [`shape`].
#![forbid(unsafe_code)]

pub mod func;
pub mod inst;
pub mod maptype;
pub mod shape;
pub mod typedesc;
pub mod types;

pub use func::{FRAME_CONTEXT, FRAME_HEADER, FuncId, FuncInfo, Program, StackMaps};
pub use inst::{Inst, Op};
pub use maptype::{MapKey, MapTypeInfo};
pub use shape::{Alloc, GcShapeInfo, ShapeIdx};
pub use typedesc::TypeDescs;
pub use types::{Equal, FieldInfo, ITAB_FUN, ITAB_TYPE, ItabInfo, Kind, TypeIdx, TypeInfo};
