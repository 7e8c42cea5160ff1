//! Liveness of frame words: the stack maps cut down to the pointers a
//! function may still read (gc's `liveness` pass, `plive.go`).
//!
//! # What it computes
//!
//! The builder's stack maps (`func/stackmap.rs`) follow the slot
//! discipline: a slot given a value stays in the map until a new slot
//! overlaps it. That keeps what it points to alive past its last use
//! (its finalizer never runs: go.dev/issue/46725, 57823). This pass runs
//! once every function of the program is compiled, over the bytecode
//! itself: a backward dataflow over the frame words that some map marks
//! as a possible pointer (the tracked words), in basic blocks. A word is
//! live before an instruction when a path from it reads the word before
//! writing it all. The pointer map in force at each instruction becomes
//! the builder's map restricted to the tracked words live there, and the
//! value map (`clobberdead`'s) drops the tracked words that are dead, so
//! that `GODEBUG=clobberdead=1` overwrites them: a read the analysis
//! missed then shows.
//!
//! # The rules it relies on
//!
//! 1. Every frame word an instruction reads is an operand of that
//!    instruction, with the extent [`effects`] gives it (the table is
//!    exhaustive over `Op`, without a catch-all, so a new opcode needs a
//!    decision). `Select` names the values it sends in its case table's
//!    descriptor words: they are read from the `Const`s that set the
//!    table up just before it (`select_cases`); where the code does not
//!    have that form, it reads every tracked word.
//! 2. Frame memory reached through an address (`FrameAddr`, whose `c` is
//!    the size of the region the address reaches) is live everywhere in
//!    the function, as gc leaves address-taken variables out of liveness.
//! 3. A word is killed only by an instruction that always writes all of
//!    it. A receive (`ChanRecv`, `Select`) is not a kill: a sender may
//!    write the slot while the receiver is parked, and a collection then
//!    must still scan it.
//! 4. In a function with `defer`, a recovered panic resumes at
//!    `recover_pc` from any instruction: what is live there is live
//!    everywhere.
//! 5. A call reads the callee's parameters and writes its results (for
//!    `Call`, from the callee's sizes; for calls through values, the
//!    whole argument area is read and nothing written).
//!
//! The collector scans, for a frame stopped at instruction `pc`, the
//! words its map marks at `pc` (`abi::StackMaps`): what is live *into*
//! `pc`, which for a caller at a call is what the call itself does not
//! write plus the words read afterwards.

use abi::{FRAME_HEADER, FuncInfo, Inst, MapTypeInfo, Op, StackMaps};
use std::collections::HashMap;

/// Restricts the stack maps of every function of `prog` that has them
/// to the words live at each instruction.
pub(crate) fn apply(prog: &mut abi::Program) {
    for i in 0..prog.funcs.len() {
        let Some(maps) = &prog.funcs[i].stack_maps else {
            continue;
        };
        let new = analyze(&prog.funcs[i], maps, &prog.funcs, &prog.map_types);
        prog.funcs[i].stack_maps = Some(new);
    }
}

/// Byte ranges an instruction reads (`uses`) and always writes in full
/// (`defs`), or `all`: it may read any word.
#[derive(Default)]
struct Effects {
    uses: Vec<(u32, u32)>,
    defs: Vec<(u32, u32)>,
    all: bool,
}

impl Effects {
    fn clear(&mut self) {
        self.uses.clear();
        self.defs.clear();
        self.all = false;
    }
    fn u(&mut self, off: u32, size: u32) {
        self.uses.push((off, size));
    }
    fn d(&mut self, off: u32, size: u32) {
        self.defs.push((off, size));
    }
}

/// What instruction `i` reads and writes in its frame (rule 1).
fn effects(i: &Inst, f: &FuncInfo, funcs: &[FuncInfo], map_types: &[MapTypeInfo], e: &mut Effects) {
    use Op::*;
    e.clear();
    let (a, b, c) = (i.a, i.b, i.c);
    match i.op {
        Mov => {
            e.u(b, 8);
            e.d(a, 8);
        }
        Mov16 => {
            e.u(b, 16);
            e.d(a, 16);
        }
        MovN => {
            e.u(b, c);
            e.d(a, c);
        }
        Const | Data | Global | TypeWord | Itab | DeferFrame | New | NumGoroutine | NumCpu => {
            e.d(a, 8)
        }
        // The address's region is pinned (rule 2); the address itself
        // is a plain word.
        FrameAddr => e.d(a, 8),
        Zero => e.d(a, c),
        Add | Sub | Mul | And | Or | Xor | AndNot | DivS | DivU | RemS | RemU | Shl | ShrS
        | ShrU | Eq | Ne | LtS | LeS | LtU | LeU | AddF | SubF | MulF | DivF | AddF32 | SubF32
        | MulF32 | DivF32 | EqF | NeF | LtF | LeF | EqF32 | NeF32 | LtF32 | LeF32 | AddC64
        | SubC64 | MulC64 | DivC64 | EqC64 => {
            e.u(b, 8);
            e.u(c, 8);
            e.d(a, 8);
        }
        AddI | DivPow2S | ShlI | ShrSI | ShrUI | EqI | NeI | LtSI | LeSI | GtSI | GeSI | Neg
        | Not | Sext8 | Sext16 | Sext32 | Zext8 | Zext16 | Zext32 | NegF | NegF32 | I2F | U2F
        | F2I | F2U | I2F32 | U2F32 | F32ToI | F32ToU | FToF32 | F32ToF | BoolNot | NegC64
        | Load64 | Load32S | Load32U | Load16S | Load16U | Load8S | Load8U | SqrtF
        | SetGCPercent | SetMemoryLimit | MapLen | MakeChan | ChanLen | ChanCap | GoMaxProcs
        | TimeAfter => {
            e.u(b, 8);
            e.d(a, 8);
        }
        MinF | MaxF => {
            e.u(a, 8);
            e.u(b, 8);
            e.d(a, 8);
        }
        ShiftCheck | RangeCheck | JmpIf | JmpIfNot | JEqI | JNeI | JLtSI | JLeSI | JGtSI
        | JGeSI | Exit | ReadMemStats | MapClear | ChanClose | Sleep | PrintInt | PrintUint
        | PrintFloat | PrintFloat32 | PrintBool | PrintPointer | PrintComplex64 => e.u(a, 8),
        IncJLtSI => {
            e.u(a, 8);
            e.d(a, 8);
        }
        JEq | JNe | JLtS | JLeS | JLtU | JLeU | JLtF | JLeF | JNLtF | JNLeF => {
            e.u(a, 8);
            e.u(b, 8);
        }
        IncJLtS | IncJLtU => {
            e.u(a, 8);
            e.u(b, 8);
            e.d(a, 8);
        }
        Jmp | Halt | RunDefers | GcCollect | FreeOSMemory | Gosched | Goexit | PrintSpace
        | PrintNl | PrintFlush => {}
        Call => match funcs.get(a as usize) {
            Some(callee) => {
                let p = b + FRAME_HEADER;
                e.u(p, callee.params_size);
                e.d(p + callee.params_size, callee.results_size);
            }
            None => e.all = true,
        },
        CallInd => {
            e.u(a, 8);
            e.u(b + FRAME_HEADER, c);
        }
        CallIface => {
            e.u(a, 16);
            e.u(b + FRAME_HEADER, c >> 12);
        }
        Defer | Go | ChanSend => {
            e.u(a, 8);
            e.u(b, c);
        }
        DeferAt => {
            e.u(a, 16);
            e.u(b, c);
        }
        Ret => e.u(FRAME_HEADER + f.params_size, f.results_size),
        StrConcat | AddC | SubC | MulC | DivC => {
            e.u(b, 16);
            e.u(c, 16);
            e.d(a, 16);
        }
        StrConcatN => {
            e.u(b, c.saturating_mul(16));
            e.d(a, 16);
        }
        StrEq | StrLt | EfaceEq | IfaceEq | EqC => {
            e.u(b, 16);
            e.u(c, 16);
            e.d(a, 8);
        }
        Store64 | Store32 | Store16 | Store8 | StorePtr => {
            e.u(a, 8);
            e.u(b, 8);
        }
        // A partly written last word is not a kill (rule 3).
        LoadBlk => {
            e.u(b, 8);
            e.d(a, c);
        }
        StoreBlk | StoreBlkPtr => {
            e.u(a, 8);
            e.u(b, c);
        }
        Index1 | Index2 | Index4 | Index8 | Index16 | LoadIdx8 => {
            e.u(b, 16);
            e.u(c, 8);
            e.d(a, 8);
        }
        IndexN => {
            e.u(a, 8);
            e.u(b, 16);
            e.u(c, 8);
            e.d(a, 8);
        }
        // `a` is 16 bytes for a string, 24 for a slice: 16 are written.
        Reslice => {
            e.u(b, 24);
            e.u(c, 32);
            e.d(a, 16);
        }
        MakeSlice => {
            e.u(b, 16);
            e.d(a, 24);
        }
        Grow => {
            e.u(a, 24);
            e.u(b, 8);
            e.d(a, 24);
        }
        SliceToArray => {
            e.u(b, 24);
            e.d(a, 8);
        }
        ClearSlice | PrintSlice => e.u(a, 24),
        Copy | CopyPtr => {
            e.u(a, 24);
            e.u(b, 16);
            e.d(a + 24, 8);
        }
        AppendSlice => {
            e.u(a, 24);
            e.u(b, 16);
            e.d(a, 24);
        }
        DecodeRune => {
            e.u(b, 16);
            e.u(c, 8);
            e.d(a, 16);
        }
        BytesToStr | RunesToStr | Getenv | NegC => {
            e.u(b, 16);
            e.d(a, 16);
        }
        StrToBytes | StrToRunes => {
            e.u(b, 16);
            e.d(a, 24);
        }
        RuneToStr | C64ToC => {
            e.u(b, 8);
            e.d(a, 16);
        }
        CToC64 | IfaceType => {
            e.u(b, 16);
            e.d(a, 8);
        }
        OsArgs | TimeNow => e.d(a, 24),
        GoVersion | Recover => e.d(a, 16),
        SetFinalizer => {
            e.u(a, 16);
            e.u(b, 16);
        }
        MakeMap => {
            if b != 0 {
                e.u(b, 8);
            }
            e.d(a, 8);
        }
        // The state at `a` is set up, not necessarily in full: no kill.
        MapIter => e.u(b, 8),
        MapLoad => {
            e.u(b, 24);
            match map_types.get(c as usize) {
                Some(mt) => e.d(a, mt.val_frame + 8),
                None => e.all = true,
            }
        }
        MapStore => {
            e.u(a, 24);
            match map_types.get(c as usize) {
                Some(mt) => e.u(b, mt.val_frame),
                None => e.all = true,
            }
        }
        MapDelete => e.u(a, 24),
        // The key and value are written only while the iteration goes on.
        MapNext => e.u(b, abi::maptype::MAP_ITER_SIZE),
        AssertIface => {
            e.u(b, 16);
            e.d(a, if c & 1 != 0 { 24 } else { 16 });
        }
        AssertFail | Panic | PrintIface | PrintComplex | PrintStr => e.u(a, 16),
        // A sender may write the received value while this goroutine
        // is parked (rule 3): not a kill.
        ChanRecv | ChanRecv2 => e.u(b, 8),
        Select | RunFinq => e.all = true,
    }
}

/// Where control may go after instruction `i` at `pc`: whether it falls
/// through, and its branch target.
fn successors(i: &Inst, pc: usize) -> (bool, Option<usize>) {
    use Op::*;
    let rel = |r: u32| usize::try_from(pc as i64 + i64::from(r as i32)).ok();
    match i.op {
        Jmp => (false, rel(i.a)),
        JmpIf | JmpIfNot => (true, rel(i.b)),
        JEq | JNe | JLtS | JLeS | JLtU | JLeU | JEqI | JNeI | JLtSI | JLeSI | JGtSI | JGeSI
        | IncJLtS | IncJLtU | IncJLtSI | JLtF | JLeF | JNLtF | JNLeF => (true, rel(i.c)),
        Ret | Halt | Panic => (false, None),
        _ => (true, None),
    }
}

/// A set of tracked words.
type Bits = Vec<u64>;

fn bit(b: &[u64], k: usize) -> bool {
    b[k / 64] >> (k % 64) & 1 != 0
}

/// The effects of one instruction on the tracked words.
struct Transfer {
    /// Read: (start, end) into `Analysis::idx`.
    gen_: (u32, u32),
    kill: (u32, u32),
    all: bool,
}

struct Analysis {
    transfer: Vec<Transfer>,
    /// Tracked-word indices, sliced by `Transfer`.
    idx: Vec<u32>,
    words: usize,
}

impl Analysis {
    /// `live` before instruction `pc`, from `live` after it (and `r`, what
    /// a recovered panic needs, rule 4).
    fn step(&self, pc: usize, live: &mut Bits, r: &Bits) {
        let t = &self.transfer[pc];
        if t.all {
            live.iter_mut().for_each(|w| *w = !0);
            self.trim(live);
            return;
        }
        for (l, x) in live.iter_mut().zip(r) {
            *l |= x;
        }
        for &k in &self.idx[t.kill.0 as usize..t.kill.1 as usize] {
            live[k as usize / 64] &= !(1 << (k % 64));
        }
        for &k in &self.idx[t.gen_.0 as usize..t.gen_.1 as usize] {
            live[k as usize / 64] |= 1 << (k % 64);
        }
    }

    /// Clears the bits past the last tracked word.
    fn trim(&self, live: &mut Bits) {
        if !self.words.is_multiple_of(64)
            && let Some(last) = live.last_mut()
        {
            *last &= (1u64 << (self.words % 64)) - 1;
        }
    }
}

/// The stack maps of `f` restricted to live words (see the module doc).
fn analyze(
    f: &FuncInfo,
    maps: &StackMaps,
    funcs: &[FuncInfo],
    map_types: &[MapTypeInfo],
) -> StackMaps {
    let n = f.code.len();
    let frame_words = (f.frame_size / 8) as usize;
    // The tracked words: every word some pointer map marks.
    let mut tracked_word = vec![false; frame_words];
    let mut ptr_maps: Vec<u32> = maps.runs.iter().map(|r| r.1).collect();
    ptr_maps.sort_unstable();
    ptr_maps.dedup();
    for p in ptr_maps {
        for (k, &m) in maps.maps.get(p as usize).into_iter().flatten().enumerate() {
            let mut m = m;
            while m != 0 {
                let w = 64 * k + m.trailing_zeros() as usize;
                if let Some(t) = tracked_word.get_mut(w) {
                    *t = true;
                }
                m &= m - 1;
            }
        }
    }
    let mut index = vec![u32::MAX; frame_words];
    let mut tracked = Vec::new();
    for w in 0..frame_words {
        if tracked_word[w] {
            index[w] = tracked.len() as u32;
            tracked.push(w);
        }
    }
    if tracked.is_empty() || n == 0 {
        return maps.clone();
    }
    let nw = tracked.len().div_ceil(64);
    // Frame memory reached through addresses (rule 2).
    let mut pinned = vec![false; frame_words];
    for i in &f.code {
        if i.op == Op::FrameAddr {
            let end = if i.c == 0 {
                f.frame_size
            } else {
                i.b.saturating_add(i.c)
            };
            let (lo, hi) = (
                (i.b / 8) as usize,
                (end.div_ceil(8) as usize).min(frame_words),
            );
            pinned.iter_mut().take(hi).skip(lo).for_each(|p| *p = true);
        }
    }
    // Basic blocks.
    let mut leader = vec![false; n + 1];
    leader[0] = true;
    for (pc, i) in f.code.iter().enumerate() {
        let (falls, target) = successors(i, pc);
        if let Some(t) = target.filter(|&t| t < n) {
            leader[t] = true;
        }
        if !falls || target.is_some() {
            leader[pc + 1] = true;
        }
    }
    let recover = f.recover_pc.map(|p| p as usize).filter(|&p| p < n);
    if let Some(p) = recover {
        leader[p] = true;
    }
    // Each instruction's reads and kills, as tracked-word indices.
    let mut an = Analysis {
        transfer: Vec::with_capacity(n),
        idx: Vec::new(),
        words: tracked.len(),
    };
    let mut e = Effects::default();
    for (pc, i) in f.code.iter().enumerate() {
        effects(i, f, funcs, map_types, &mut e);
        if i.op == Op::Select
            && let Some(cases) = select_cases(&f.code, pc, &leader)
        {
            // The table, then each send's value (rule 1); a receive's
            // slot is written when the case fires (rule 3).
            e.clear();
            e.u(i.a, 16 * i.b);
            for (recv, off, size) in cases {
                if !recv {
                    e.u(off, size);
                }
            }
        }
        let g0 = an.idx.len() as u32;
        for &(off, size) in &e.uses {
            if size == 0 {
                continue;
            }
            let (lo, hi) = (off as u64 / 8, (off as u64 + size as u64).div_ceil(8));
            for w in lo..hi.min(frame_words as u64) {
                if index[w as usize] != u32::MAX {
                    an.idx.push(index[w as usize]);
                }
            }
        }
        let g1 = an.idx.len() as u32;
        for &(off, size) in &e.defs {
            let (lo, hi) = ((off as u64).div_ceil(8), (off as u64 + size as u64) / 8);
            for w in lo..hi.min(frame_words as u64) {
                if index[w as usize] != u32::MAX {
                    an.idx.push(index[w as usize]);
                }
            }
        }
        let k1 = an.idx.len() as u32;
        an.transfer.push(Transfer {
            gen_: (g0, g1),
            kill: (g1, k1),
            all: e.all,
        });
    }
    let starts: Vec<usize> = (0..n).filter(|&pc| leader[pc]).collect();
    let mut block_of = vec![0usize; n];
    let mut blocks = Vec::with_capacity(starts.len());
    for (b, &s) in starts.iter().enumerate() {
        let end = starts.get(b + 1).copied().unwrap_or(n);
        block_of[s..end].iter_mut().for_each(|x| *x = b);
        blocks.push((s, end));
    }
    let succs: Vec<Vec<usize>> = blocks
        .iter()
        .map(|&(_, end)| {
            let (falls, target) = successors(&f.code[end - 1], end - 1);
            let mut s = Vec::new();
            if falls && end < n {
                s.push(block_of[end]);
            }
            if let Some(t) = target.filter(|&t| t < n) {
                s.push(block_of[t]);
            }
            s
        })
        .collect();
    // Backward dataflow to the fixpoint.
    let mut live_in: Vec<Bits> = vec![vec![0; nw]; blocks.len()];
    let mut r: Bits = vec![0; nw];
    let mut live: Bits = vec![0; nw];
    loop {
        let mut changed = false;
        for b in (0..blocks.len()).rev() {
            live.iter_mut().for_each(|w| *w = 0);
            for &s in &succs[b] {
                for (l, x) in live.iter_mut().zip(&live_in[s]) {
                    *l |= x;
                }
            }
            let (start, end) = blocks[b];
            for pc in (start..end).rev() {
                an.step(pc, &mut live, &r);
            }
            if live != live_in[b] {
                live_in[b].copy_from_slice(&live);
                changed = true;
            }
        }
        if let Some(p) = recover
            && live_in[block_of[p]] != r
        {
            r = live_in[block_of[p]].clone();
            changed = true;
        }
        if !changed {
            break;
        }
    }
    // The maps, instruction by instruction.
    let mut out = StackMaps::default();
    let mut interned: HashMap<Vec<u64>, u32> = HashMap::new();
    let mut intern = |m: Vec<u64>, out: &mut StackMaps| -> u32 {
        *interned.entry(m.clone()).or_insert_with(|| {
            out.maps.push(m);
            out.maps.len() as u32 - 1
        })
    };
    let mut made: HashMap<(usize, Bits), (u32, u32)> = HashMap::new();
    let mut run = 0usize;
    let mut per_pc: Vec<Bits> = Vec::new();
    for (b, &(start, end)) in blocks.iter().enumerate() {
        live.iter_mut().for_each(|w| *w = 0);
        for &s in &succs[b] {
            for (l, x) in live.iter_mut().zip(&live_in[s]) {
                *l |= x;
            }
        }
        per_pc.clear();
        per_pc.resize(end - start, Vec::new());
        for pc in (start..end).rev() {
            an.step(pc, &mut live, &r);
            per_pc[pc - start] = live.clone();
        }
        for pc in start..end {
            while run + 1 < maps.runs.len() && maps.runs[run + 1].0 as usize <= pc {
                run += 1;
            }
            let covered = maps.runs.get(run).is_some_and(|x| x.0 as usize <= pc);
            let key = (
                if covered { run } else { usize::MAX },
                std::mem::take(&mut per_pc[pc - start]),
            );
            let (p, l) = match made.get(&key) {
                Some(&v) => v,
                None => {
                    let (mut ptr, mut vals) = match covered {
                        true => {
                            let (_, p, l) = maps.runs[run];
                            (
                                maps.maps.get(p as usize).cloned().unwrap_or_default(),
                                maps.maps.get(l as usize).cloned().unwrap_or_default(),
                            )
                        }
                        false => (Vec::new(), Vec::new()),
                    };
                    for (k, &w) in tracked.iter().enumerate() {
                        if bit(&key.1, k) || pinned[w] {
                            continue;
                        }
                        for m in [&mut ptr, &mut vals] {
                            if let Some(x) = m.get_mut(w / 64) {
                                *x &= !(1 << (w % 64));
                            }
                        }
                    }
                    let v = (intern(ptr, &mut out), intern(vals, &mut out));
                    made.insert(key, v);
                    v
                }
            };
            if out
                .runs
                .last()
                .is_none_or(|&(_, p0, l0)| (p0, l0) != (p, l))
            {
                out.runs.push((pc as u32, p, l));
            }
        }
    }
    out
}

/// The cases of the `Select` at `pc`, read from the table set up by the
/// instructions just before it (the builder's `select_stmt` emits, for
/// case `k`, `Mov` of the channel to `a + 16k` and `Const` of its
/// descriptor to `a + 16k + 8`, with no branch target in between):
/// whether it receives, the frame offset and the size of its value.
/// `None` when the code does not have that form.
fn select_cases(code: &[Inst], pc: usize, leader: &[bool]) -> Option<Vec<(bool, u32, u32)>> {
    let i = &code[pc];
    let n = i.b as usize;
    let first = pc.checked_sub(2 * n)?;
    if (first + 1..=pc).any(|p| leader[p]) {
        return None;
    }
    let mut cases = Vec::with_capacity(n);
    for k in 0..n {
        let (mv, desc) = (&code[first + 2 * k], &code[first + 2 * k + 1]);
        let at = i.a + 16 * k as u32;
        if mv.op != Op::Mov || mv.a != at || desc.op != Op::Const || desc.a != at + 8 {
            return None;
        }
        let d = u64::from(desc.b) | u64::from(desc.c) << 32;
        let size = (d >> 1) as u32 & 0x7fff_ffff;
        cases.push((d & 1 != 0, (d >> 32) as u32, size));
    }
    Some(cases)
}
