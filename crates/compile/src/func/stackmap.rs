//! Stack maps: which frame words may hold pointers at each instruction
//! (`abi::StackMaps` states the rule the collector relies on).
//!
//! # How they are built
//!
//! A frame is a stack of slots: `alloc` takes the slot at `top`, and
//! statements and expressions give their temporaries back by lowering
//! `top` again. The builder mirrors that in [`FnBuilder::live`]: every
//! slot given a value — allocated, or claimed in place (call areas,
//! results adopted as temporaries, concatenation and defer argument areas)
//! — is recorded with its pointer words, and removed only when a new slot
//! overlaps it. Lowering `top` does not remove a slot: a value may still
//! be read just after its scope's temporaries are given back, and keeping
//! the slot costs at most retaining what it pointed to until the slot is
//! reused.
//!
//! Before each instruction is emitted, a changed live set becomes a new
//! bitmap (`note_map`); code is emitted in order and each instruction
//! works on the slots the compiler had given out when emitting it, so the
//! bitmap in force at an instruction, whatever path reached it, covers
//! every slot it and the code after it expect to hold a pointer.
//!
//! These maps are an upper bound: a pointer slot stays in them until its
//! slot is reused. Once the whole program is compiled, `liveness.rs`
//! cuts each down to the words still read at its instruction (gc's
//! liveness), without changing the format.
//!
//! # Differs from gc
//!
//! Slots are not zeroed where they are ambiguously live; the collector
//! tolerates words that are not pointers into allocated objects (the
//! rule's last sentence).

use super::{FnBuilder, Loc};
use crate::gcshape::Layout;
use std::collections::HashMap;

/// A slot holding a value: its byte offset and size, and its pointer
/// words relative to the slot.
#[derive(Clone, Debug)]
pub(super) struct LiveSlot {
    pub off: u32,
    pub size: u32,
    pub layout: Layout,
}

/// The maps of the function being built.
#[derive(Default)]
pub(super) struct Maps {
    /// The live set changed since the last bitmap.
    dirty: bool,
    maps: Vec<Vec<u64>>,
    index: HashMap<Vec<u64>, u32>,
    runs: Vec<(u32, u32, u32)>,
}

impl Maps {
    /// The index of bitmap `bits`, interned.
    fn intern(&mut self, bits: Vec<u64>) -> u32 {
        let next = self.maps.len() as u32;
        *self.index.entry(bits.clone()).or_insert_with(|| {
            self.maps.push(bits);
            next
        })
    }
}

impl Maps {
    pub fn finish(self) -> Option<abi::StackMaps> {
        Some(abi::StackMaps {
            maps: self.maps,
            runs: self.runs,
        })
    }
}

impl FnBuilder<'_, '_> {
    /// Records that the slot `loc` holds a value from here on (replacing
    /// any slot it overlaps).
    pub(super) fn claim(&mut self, loc: Loc) {
        let layout = match self.rep_layout(loc.rep) {
            // A word-sized integer slot is also the compiler's untyped
            // temporary (closure objects, frame addresses, call results
            // handled as words): it may hold a pointer.
            _ if loc.rep == super::INT => Layout::with_ptrs(8, &[0]),
            Ok(l) => l,
            Err(e) => {
                self.c.layout_errors.push(format!("{}: {e}", self.name));
                Layout::noscan(loc.rep.size())
            }
        };
        self.claim_layout(loc.off, loc.rep.size(), layout);
    }

    /// Records that the `size` bytes at `off` hold a value of pointer
    /// layout `layout` from here on (for areas the compiler lays out
    /// itself).
    pub(super) fn claim_layout(&mut self, off: u32, size: u32, layout: Layout) {
        self.live
            .retain(|l| l.off + l.size <= off || l.off >= off + size);
        self.live.push(LiveSlot { off, size, layout });
        self.maps.dirty = true;
    }

    /// Records that the slot `loc` is dead from here on: its value was
    /// copied out and the slot is not read again before it is written
    /// (gc's liveness ends the temporary there, so that it does not keep
    /// what it pointed to alive; go.dev/issue/15281). Slots inside it
    /// leave the live set; one that only overlaps it stays.
    pub(super) fn dead(&mut self, loc: Loc) {
        let end = loc.off + loc.rep.size();
        let n = self.live.len();
        self.live
            .retain(|l| l.off < loc.off || l.off + l.size > end);
        self.maps.dirty |= self.live.len() != n;
    }

    /// Before emitting an instruction: the bitmap in force from it on, if
    /// the live set changed.
    pub(super) fn note_map(&mut self) {
        if !self.maps.dirty && !self.maps.runs.is_empty() {
            return;
        }
        self.maps.dirty = false;
        let (mut ptrs, mut words) = (Layout::noscan(0), Layout::noscan(0));
        for l in &self.live {
            if l.layout.has_ptrs() {
                ptrs.place(l.off, &l.layout);
            }
            for w in l.off / 8..(l.off + l.size).div_ceil(8) {
                words.set(w);
            }
        }
        let m = &mut self.maps;
        let run = (
            self.code.len() as u32,
            m.intern(ptrs.mask),
            m.intern(words.mask),
        );
        if m.runs
            .last()
            .is_none_or(|&(_, p, w)| (p, w) != (run.1, run.2))
        {
            m.runs.push(run);
        }
    }
}
