//! Pointer layouts of types, as gc computes them (`types.PtrDataSize`,
//! `reflectdata.fillptrmask`), for the collector (`abi::shape` states the
//! rule the program's allocations follow).
//!
//! A [`Layout`] is the pointer bitmap of one value over its 8-byte words.
//! Every allocating instruction is emitted with one
//! (`FnBuilder::emit_alloc`), built from the allocated value's type or,
//! for objects the compiler lays out itself (closure objects, method
//! values), from their parts; `FnBuilder::emit` never emits an allocating
//! opcode, and `compile` verifies every function
//! (`abi::FuncInfo::verify_allocs`) before handing the program out, so an
//! allocation without a layout fails the build instead of reaching the
//! collector.
//!
//! Generic code is stenciled: the types seen here are concrete; a type
//! parameter reaching this module is a compiler bug and is reported so.

use crate::Compiler;
use abi::{GcShapeInfo, ShapeIdx};
use types::ty::{BasicKind, Type, TypeId};

/// The pointer layout of a value of `size` bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    pub size: u32,
    /// Bit `i` set: word `i` may hold a pointer (as `GcShapeInfo::mask`).
    pub mask: Vec<u64>,
}

impl Layout {
    /// `size` bytes without pointers.
    pub fn noscan(size: u32) -> Layout {
        Layout {
            size,
            mask: Vec::new(),
        }
    }

    /// `size` bytes whose words `words` hold pointers.
    pub fn with_ptrs(size: u32, words: &[u32]) -> Layout {
        let mut l = Layout::noscan(size);
        for &w in words {
            l.set(w);
        }
        l
    }

    pub fn set(&mut self, word: u32) {
        let k = word as usize / 64;
        if self.mask.len() <= k {
            self.mask.resize(k + 1, 0);
        }
        self.mask[k] |= 1 << (word % 64);
    }

    /// Marks `other`'s pointer words, placed at byte offset `off` (a
    /// multiple of 8 whenever `other` has pointers: pointerful types are
    /// 8-aligned).
    pub fn place(&mut self, off: u32, other: &Layout) {
        debug_assert!(other.mask.is_empty() || off.is_multiple_of(8));
        let base = off / 8;
        for (k, &w) in other.mask.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                let b = w.trailing_zeros();
                self.set(base + k as u32 * 64 + b);
                w &= w - 1;
            }
        }
    }

    /// gc's `PtrBytes`: bytes up to and including the last pointer word.
    pub fn ptrdata(&self) -> u32 {
        8 * abi::shape::mask_words(&self.mask)
    }

    pub fn has_ptrs(&self) -> bool {
        self.mask.iter().any(|&w| w != 0)
    }
}

impl Compiler<'_> {
    /// The pointer layout of a value of type `t` in memory; `Err` names
    /// what has no layout (a compiler bug: see the module docs).
    pub(crate) fn type_layout(&mut self, t: TypeId) -> Result<Layout, String> {
        if let Some(l) = self.layouts.get(&t) {
            return Ok(l.clone());
        }
        let l = self.compute_layout(t)?;
        self.layouts.insert(t, l.clone());
        Ok(l)
    }

    fn compute_layout(&mut self, t: TypeId) -> Result<Layout, String> {
        let prog = &self.world.prog;
        let size = u32::try_from(prog.size_of(t)).map_err(|_| "a type larger than 4 GiB")?;
        let u = prog.underlying(t);
        Ok(match prog.ty(u).clone() {
            Type::Basic(k) => match k {
                // A string's data pointer; unsafe.Pointer is a pointer.
                BasicKind::String | BasicKind::UntypedString | BasicKind::UnsafePointer => {
                    Layout::with_ptrs(size, &[0])
                }
                _ => Layout::noscan(size),
            },
            // A func value points to a closure object.
            Type::Pointer(_) | Type::Chan { .. } | Type::Signature(_) | Type::Slice(_) => {
                Layout::with_ptrs(size, &[0])
            }
            // The data word only: the type or itab word points to the
            // runtime's descriptors and itabs, never into the Go heap (gc's
            // typebits does the same).
            Type::Interface(_) => Layout::with_ptrs(size, &[1]),
            // A map value points to its header in the Go heap.
            Type::Map { .. } => Layout::with_ptrs(size, &[0]),
            Type::Array { len, elem } => {
                let e = self.type_layout(elem)?;
                let mut l = Layout::noscan(size);
                if e.has_ptrs() {
                    for k in 0..len.max(0) as u32 {
                        l.place(k * e.size, &e);
                    }
                }
                l
            }
            Type::Struct { fields, .. } => {
                let offs = self.world.prog.offsets_of(&fields);
                let mut l = Layout::noscan(size);
                for (&f, &off) in fields.iter().zip(&offs) {
                    let ft = self.world.prog.obj(f).ty;
                    let fl = self.type_layout(ft)?;
                    l.place(off as u32, &fl);
                }
                l
            }
            _ => {
                let s = self.world.prog.type_string(t, Some(self.pkg));
                return Err(format!("the memory layout of {s}"));
            }
        })
    }

    /// The interned shape of `l`, `None` when it has no pointers.
    pub(crate) fn intern_shape(&mut self, l: &Layout) -> Option<ShapeIdx> {
        if !l.has_ptrs() {
            return None;
        }
        let mut mask = l.mask.clone();
        mask.truncate(abi::shape::mask_words(&mask).div_ceil(64) as usize);
        let info = GcShapeInfo {
            size: l.size,
            ptrdata: l.ptrdata(),
            mask,
        };
        if let Some(&k) = self.shape_ids.get(&info) {
            return Some(k);
        }
        let k = self.program.shapes.len() as ShapeIdx;
        self.program.shapes.push(info.clone());
        self.shape_ids.insert(info, k);
        Some(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_and_ptrdata() {
        let e = Layout::with_ptrs(16, &[1]);
        let mut l = Layout::noscan(48);
        for k in 0..3 {
            l.place(k * 16, &e);
        }
        assert_eq!(l.mask, vec![0b10_1010]);
        assert_eq!(l.ptrdata(), 48);
        let mut big = Layout::noscan(8 * 130);
        big.place(8 * 70, &Layout::with_ptrs(8, &[0]));
        assert_eq!(big.mask, vec![0, 1 << 6]);
        assert_eq!(big.ptrdata(), 8 * 71);
    }
}
