//! Map types for the runtime: the entry of `Program::map_types` each map
//! instruction names (see `abi::maptype`), with the pointer words of the
//! key and the value (for the group layout the collector will scan).

use super::{FnBuilder, Rep, Result};
use abi::{MapKey, MapTypeInfo};
use syntax::Pos;
use types::ty::{BasicKind, Type, TypeId};

impl FnBuilder<'_, '_> {
    /// The index in `Program::map_types` of map type `mt` (added on first
    /// use), its key kind, and the key's and value's frame representations
    /// (`Rep::Str` for a `Gen` key: a pointer and a type index).
    pub(super) fn map_meta(&mut self, mt: TypeId, pos: Pos) -> Result<(u32, MapKey, Rep, Rep)> {
        let Type::Map { key, elem } = self.c.ty(self.c.world.prog.underlying(mt)).clone() else {
            return Err(self.unsupported(pos, "this map"));
        };
        let (kr, vr) = (self.rep_of(key, pos)?, self.rep_of(elem, pos)?);
        let kind = match kr {
            Rep::Int { .. } | Rep::Bool | Rep::Ptr(_) | Rep::Map(_) | Rep::Chan(_) => MapKey::Int,
            Rep::Str => MapKey::Str,
            Rep::F64 => MapKey::F64,
            Rep::F32 => MapKey::F32,
            _ => MapKey::Gen,
        };
        let key_type = if kind == MapKey::Gen {
            self.type_idx(key)?
        } else {
            0
        };
        let prog = &self.c.world.prog;
        let info = MapTypeInfo {
            key: kind,
            key_size: kr.mem_size(),
            key_align: prog.align_of(key).max(1) as u32,
            key_signed: matches!(kr, Rep::Int { signed: true, .. }),
            key_type,
            val_size: vr.mem_size(),
            val_align: prog.align_of(elem).max(1) as u32,
            val_frame: vr.size(),
            val_signed: matches!(vr, Rep::Int { signed: true, .. }),
            key_ptrs: self.ptr_words(key),
            val_ptrs: self.ptr_words(elem),
        };
        let kr = if kind == MapKey::Gen { Rep::Str } else { kr };
        let types = &mut self.c.program.map_types;
        let idx = match types.iter().position(|t| *t == info) {
            Some(i) => i,
            None => {
                types.push(info);
                types.len() - 1
            }
        };
        Ok((idx as u32, kind, kr, vr))
    }

    /// The pointer bitmap of type `t`'s memory form (gc's `GCData`): bit
    /// `i` set when 8-byte word `i` may hold a pointer.
    fn ptr_words(&self, t: TypeId) -> Vec<u64> {
        let size = self.c.world.prog.size_of(t).max(0) as u64;
        let mut bits = vec![0u64; size.div_ceil(8).div_ceil(64) as usize];
        self.mark_ptrs(t, 0, &mut bits);
        while bits.last() == Some(&0) {
            bits.pop();
        }
        bits
    }

    fn mark_ptrs(&self, t: TypeId, off: u64, bits: &mut [u64]) {
        let mut set = |w: u64| {
            if let Some(b) = bits.get_mut((w / 64) as usize) {
                *b |= 1 << (w % 64);
            }
        };
        let prog = &self.c.world.prog;
        let w = off / 8;
        match self.c.ty(prog.underlying(t)).clone() {
            Type::Basic(BasicKind::String | BasicKind::UnsafePointer)
            | Type::Pointer(_)
            | Type::Slice(_)
            | Type::Map { .. }
            | Type::Chan { .. }
            | Type::Signature(_) => set(w),
            Type::Interface(_) => {
                set(w);
                set(w + 1);
            }
            Type::Array { len, elem } => {
                let es = prog.size_of(elem).max(0) as u64;
                if es > 0 {
                    for k in 0..len.max(0) as u64 {
                        self.mark_ptrs(elem, off + k * es, bits);
                    }
                }
            }
            Type::Struct { fields, .. } => {
                let offs = prog.offsets_of(&fields);
                for (f, o) in fields.iter().zip(offs) {
                    self.mark_ptrs(self.oty(*f), off + o as u64, bits);
                }
            }
            _ => {}
        }
    }
}
