//! Channels and `select` (Go's `chan.go`, `select.go`).
//!
//! # Design
//!
//! A channel (`hchan`) is a Go heap object: its header ([`Hchan`]) with a
//! pointer to a separate buffer of `dataqsiz` elements, each as it sits in
//! a frame (`elemsize` bytes, a multiple of 8), allocated with the
//! element's layout. Waiting goroutines are [`Sudog`]s, Rust records in
//! the channel's `recvq`/`sendq` lists, each pointing at the frame slot
//! the value comes from or goes to (`elem`: stacks do not move yet) and
//! at the channel (a root of the collector while the sudog waits).
//!
//! The algorithms are Go's: a send to a waiting receiver copies straight
//! into the receiver's slot and readies it; else into the buffer; else the
//! sender parks. A receive takes from a waiting sender (through the buffer
//! when there is one, keeping FIFO order), else from the buffer, else
//! parks. `close` wakes every waiter: receivers get zero values, senders
//! panic. `select` polls its cases in a random order, and, when none is
//! ready and it may block, enqueues a sudog on every case's channel and
//! parks; the first to fire sets `G::select_done`, which voids the others,
//! and the woken goroutine dequeues them.
//!
//! Invariant: a sudog is in at most one wait queue, and it is freed only by
//! its goroutine, after it left the queue (`release_sudogs`).
//!
//! Differs from Go: no channel lock of its own: channel operations run
//! under the runtime lock (`proc::World`).

use super::proc::Wake;
use super::*;

/// The channel header in the Go heap (Go's `hchan`, minus the lock and
/// the element type). Only `buf` is a Go pointer (see [`HCHAN_SHAPE`]).
#[repr(C)]
pub(crate) struct Hchan {
    qcount: u64,
    dataqsiz: u64,
    buf: *mut u8,
    elemsize: u64,
    closed: u64,
    sendx: u64,
    recvx: u64,
    recvq: WaitQ,
    sendq: WaitQ,
}

/// The header's pointer layout: word 2 (`buf`).
pub(crate) fn hchan_shape() -> crate::mem::GcShape {
    crate::mem::GcShape {
        size: size_of::<Hchan>(),
        ptrdata: 24,
        mask: Box::new([1 << 2]),
    }
}

#[repr(C)]
struct WaitQ {
    first: *mut Sudog,
    last: *mut Sudog,
}

/// A goroutine waiting on a channel (Go's `sudog`).
pub(crate) struct Sudog {
    /// The goroutine's index in `Sched::gs`.
    g: usize,
    /// The frame slot to send from or receive into.
    elem: *mut u8,
    pub(crate) c: *mut Hchan,
    next: *mut Sudog,
    prev: *mut Sudog,
    /// In a wait queue: `recvq` when `recv`, else `sendq`.
    queued: bool,
    recv: bool,
    /// For `select`: the case.
    case: Option<usize>,
}

impl WaitQ {
    /// # Safety
    /// `s` is a live sudog in no queue.
    unsafe fn enqueue(&mut self, s: *mut Sudog) {
        // SAFETY: as the caller guarantees; queued sudogs are live (inv.).
        unsafe {
            (*s).next = std::ptr::null_mut();
            (*s).prev = self.last;
            (*s).queued = true;
            if self.last.is_null() {
                self.first = s;
            } else {
                (*self.last).next = s;
            }
        }
        self.last = s;
    }

    /// # Safety
    /// `s` is a live sudog in this queue.
    unsafe fn remove(&mut self, s: *mut Sudog) {
        // SAFETY: as the caller guarantees.
        unsafe {
            let (p, n) = ((*s).prev, (*s).next);
            if p.is_null() {
                self.first = n;
            } else {
                (*p).next = n;
            }
            if n.is_null() {
                self.last = p;
            } else {
                (*n).prev = p;
            }
            (*s).queued = false;
            (*s).next = std::ptr::null_mut();
            (*s).prev = std::ptr::null_mut();
        }
    }

    /// The first waiter whose goroutine can still take it (a `select`
    /// whose other case fired cannot), removed from the queue.
    fn dequeue(&mut self, sched: &mut super::proc::Sched) -> Option<*mut Sudog> {
        loop {
            let s = self.first;
            if s.is_null() {
                return None;
            }
            // SAFETY: queued sudogs are live (the invariant).
            unsafe {
                self.remove(s);
                if (*s).case.is_some() {
                    let g = &mut sched.gs[(*s).g];
                    if g.select_done {
                        continue;
                    }
                    g.select_done = true;
                }
            }
            return Some(s);
        }
    }
}

/// How a channel operation's handler goes on.
#[derive(Clone, Copy)]
enum Cont {
    Next,
    Stop(Stop),
}

/// Copies `n` bytes (`n` a multiple of 8; both 8-aligned).
///
/// # Safety
/// Both ranges are valid, non-overlapping.
unsafe fn copy(dst: *mut u8, src: *const u8, n: u64) {
    // SAFETY: as the caller guarantees.
    unsafe { std::ptr::copy_nonoverlapping(src, dst, n as usize) }
}

impl Vm {
    /// A new sudog for the running goroutine, remembered in its waiting list.
    fn new_sudog(
        &mut self,
        c: *mut Hchan,
        elem: *mut u8,
        case: Option<usize>,
        recv: bool,
    ) -> *mut Sudog {
        let s = Box::into_raw(Box::new(Sudog {
            g: self.cur,
            elem,
            c,
            next: std::ptr::null_mut(),
            prev: std::ptr::null_mut(),
            queued: false,
            recv,
            case,
        }));
        self.waiting.push(s);
        s
    }

    /// After a wait: takes the running goroutine's sudogs out of the
    /// queues they are still in and frees them.
    fn release_sudogs(&mut self) {
        for s in self.waiting.drain(..) {
            // SAFETY: the goroutine's sudogs are live until freed here;
            // one still queued is in its channel's queue of its kind.
            unsafe {
                if (*s).queued {
                    let c = (*s).c;
                    let q = if (*s).recv {
                        &mut (*c).recvq
                    } else {
                        &mut (*c).sendq
                    };
                    q.remove(s);
                }
                drop(Box::from_raw(s));
            }
        }
        let cur = self.cur;
        self.sched.gs[cur].select_done = false;
    }

    /// Readies the goroutine of sudog `s` (which left its queue).
    fn wake_sudog(&mut self, s: *mut Sudog, success: bool) {
        // SAFETY: a dequeued sudog stays live until its goroutine frees it.
        let (g, case) = unsafe { ((*s).g, (*s).case) };
        let wake = match case {
            Some(case) => Wake::Select { case, success },
            None => Wake::Chan { success },
        };
        self.sched.ready(g, Some(wake));
    }
}

impl Hchan {
    /// The buffer slot `i`.
    fn slot(&self, i: u64) -> *mut u8 {
        self.buf.wrapping_add((i * self.elemsize) as usize)
    }
}

/// `a = make(chan T, b)`.
pub(super) unsafe fn make_chan(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    gc_poll!(pc, fp, vm);
    match make_chan_slow(pc, fp, vm, i) {
        Cont::Next => next!(pc, fp, vm),
        Cont::Stop(s) => s,
    }
}

#[inline(never)]
fn make_chan_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm, i: &Code) -> Cont {
    let _l = Vm::rt_lock(vm);
    let n = rd!(fp, i.b, i64);
    let size = i.c as u64;
    if n < 0 || (n as u64).saturating_mul(size) > MAX_ALLOC {
        return Cont::Stop(plain_panic(pc, fp, vm, "makechan: size out of range"));
    }
    let c = new_chan(vm, i, n as u64, size);
    if c.is_null() {
        return Cont::Stop(gcroots::out_of_memory(pc, fp, vm));
    }
    wr!(fp, i.a, *mut Hchan, c);
    Cont::Next
}

/// A channel of `n` elements of `size` bytes, its buffer laid out as the
/// allocating instruction `i` says; null when the heap is exhausted.
pub(super) fn new_chan(vm: *mut Vm, i: &Code, n: u64, size: u64) -> *mut Hchan {
    // SAFETY: `vm` is live and not otherwise borrowed here; the buffer's
    // layout is the instruction's (`slice::malloc`), the header's lives
    // in the machine as long as the heap.
    unsafe {
        let buf = if n * size == 0 {
            std::ptr::null_mut()
        } else {
            let b = slice::malloc(vm, i, (n * size) as usize);
            if b.is_null() {
                return std::ptr::null_mut();
            }
            b
        };
        let shape: &crate::mem::GcShape = &(*vm).hchan_shape;
        let c = slice::mallocgc(vm, size_of::<Hchan>(), Some(shape), true).cast::<Hchan>();
        if c.is_null() {
            return c;
        }
        (*c).dataqsiz = n;
        (*c).buf = buf;
        (*c).elemsize = size;
        c
    }
}

/// `a <- b`.
pub(super) unsafe fn chan_send(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    match chan_send_slow(pc, fp, vm) {
        Cont::Next => next!(pc, fp, vm),
        Cont::Stop(s) => s,
    }
}

#[inline(never)]
fn chan_send_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Cont {
    let _l = Vm::rt_lock(vm);
    let i = inst!(pc);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    if let Some(w) = v.wake.take() {
        v.release_sudogs();
        return match w {
            Wake::Chan { success: true } => Cont::Next,
            _ => Cont::Stop(plain_panic(pc, fp, vm, "send on closed channel")),
        };
    }
    let c = rd!(fp, i.a, *mut Hchan);
    // SAFETY: `c` bytes at `b` are verified frame bytes.
    let ep = unsafe { slot::<u8>(fp, i.b) };
    if c.is_null() {
        return Cont::Stop(v.gopark(pc, fp, "chan send (nil chan)"));
    }
    // SAFETY: a non-nil channel word points to a live hchan (type safety).
    let ch = unsafe { &mut *c };
    match try_send(v, ch, ep) {
        Some(true) => return Cont::Next,
        Some(false) => return Cont::Stop(plain_panic(pc, fp, vm, "send on closed channel")),
        None => {}
    }
    let s = v.new_sudog(c, ep, None, false);
    // SAFETY: a new sudog in no queue.
    unsafe { ch.sendq.enqueue(s) };
    Cont::Stop(v.gopark(pc, fp, "chan send"))
}

/// Receives from `c` into `ep` without blocking: Some(received) when
/// done (received false: closed and drained, `ep` zeroed), None when it
/// would block.
fn try_recv(v: &mut Vm, ch: &mut Hchan, ep: *mut u8) -> Option<bool> {
    if ch.closed != 0 && ch.qcount == 0 {
        // SAFETY: `ep` is a slot of `elemsize` bytes.
        unsafe { std::ptr::write_bytes(ep, 0, ch.elemsize as usize) };
        return Some(false);
    }
    if let Some(s) = ch.sendq.dequeue(&mut v.sched) {
        // SAFETY: a waiting sender's `elem` is its frame slot of
        // `elemsize` bytes; the buffer holds `dataqsiz` elements.
        unsafe {
            if ch.dataqsiz == 0 {
                copy(ep, (*s).elem, ch.elemsize);
            } else {
                // The buffer is full: take its head, put the sender's
                // value at its tail (the same slot).
                let p = ch.slot(ch.recvx);
                copy(ep, p, ch.elemsize);
                copy(p, (*s).elem, ch.elemsize);
                ch.recvx = (ch.recvx + 1) % ch.dataqsiz;
                ch.sendx = ch.recvx;
            }
        }
        v.wake_sudog(s, true);
        return Some(true);
    }
    if ch.qcount > 0 {
        let p = ch.slot(ch.recvx);
        // SAFETY: the buffer holds `dataqsiz` elements.
        unsafe {
            copy(ep, p, ch.elemsize);
            std::ptr::write_bytes(p, 0, ch.elemsize as usize);
        }
        ch.recvx = (ch.recvx + 1) % ch.dataqsiz;
        ch.qcount -= 1;
        return Some(true);
    }
    None
}

/// Sends from `ep` on `ch` without blocking: Some(true) when done, None
/// when it would block; Some(false) when the channel is closed.
pub(super) fn try_send(v: &mut Vm, ch: &mut Hchan, ep: *mut u8) -> Option<bool> {
    if ch.closed != 0 {
        return Some(false);
    }
    if let Some(s) = ch.recvq.dequeue(&mut v.sched) {
        // SAFETY: as in `chan_send_slow`.
        unsafe { copy((*s).elem, ep, ch.elemsize) };
        v.wake_sudog(s, true);
        return Some(true);
    }
    if ch.qcount < ch.dataqsiz {
        // SAFETY: the buffer holds `dataqsiz` elements.
        unsafe { copy(ch.slot(ch.sendx), ep, ch.elemsize) };
        ch.sendx = (ch.sendx + 1) % ch.dataqsiz;
        ch.qcount += 1;
        return Some(true);
    }
    None
}

/// `a = <-b`.
pub(super) unsafe fn chan_recv(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    match chan_recv_slow(pc, fp, vm, false) {
        Cont::Next => next!(pc, fp, vm),
        Cont::Stop(s) => s,
    }
}

/// `a, ok = <-b`.
pub(super) unsafe fn chan_recv2(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    match chan_recv_slow(pc, fp, vm, true) {
        Cont::Next => next!(pc, fp, vm),
        Cont::Stop(s) => s,
    }
}

#[inline(never)]
fn chan_recv_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm, with_ok: bool) -> Cont {
    let _l = Vm::rt_lock(vm);
    let i = inst!(pc);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    // SAFETY: `c` bytes at `a` (and the ok word after them) are verified
    // frame bytes.
    let ep = unsafe { slot::<u8>(fp, i.a) };
    let ok = |received: bool| {
        if with_ok {
            wr!(fp, i.a + i.c, u64, received as u64);
        }
    };
    if let Some(w) = v.wake.take() {
        v.release_sudogs();
        let received = matches!(w, Wake::Chan { success: true });
        if !received {
            // SAFETY: as above.
            unsafe { std::ptr::write_bytes(ep, 0, i.c as usize) };
        }
        ok(received);
        return Cont::Next;
    }
    let c = rd!(fp, i.b, *mut Hchan);
    if c.is_null() {
        return Cont::Stop(v.gopark(pc, fp, "chan receive (nil chan)"));
    }
    // SAFETY: a non-nil channel word points to a live hchan.
    let ch = unsafe { &mut *c };
    if let Some(received) = try_recv(v, ch, ep) {
        ok(received);
        return Cont::Next;
    }
    let s = v.new_sudog(c, ep, None, true);
    // SAFETY: a new sudog in no queue.
    unsafe { ch.recvq.enqueue(s) };
    Cont::Stop(v.gopark(pc, fp, "chan receive"))
}

/// `close(a)`.
pub(super) unsafe fn chan_close(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    match chan_close_slow(pc, fp, vm) {
        Cont::Next => next!(pc, fp, vm),
        Cont::Stop(s) => s,
    }
}

#[inline(never)]
fn chan_close_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Cont {
    let _l = Vm::rt_lock(vm);
    let a = inst!(pc).a;
    let c = rd!(fp, a, *mut Hchan);
    if c.is_null() {
        return Cont::Stop(plain_panic(pc, fp, vm, "close of nil channel"));
    }
    // SAFETY: `vm` is live and not otherwise borrowed here; a non-nil
    // channel word points to a live hchan.
    let (v, ch) = unsafe { (&mut *vm, &mut *c) };
    if ch.closed != 0 {
        return Cont::Stop(plain_panic(pc, fp, vm, "close of closed channel"));
    }
    ch.closed = 1;
    while let Some(s) = ch.recvq.dequeue(&mut v.sched) {
        // SAFETY: a waiting receiver's slot has `elemsize` bytes.
        unsafe { std::ptr::write_bytes((*s).elem, 0, ch.elemsize as usize) };
        v.wake_sudog(s, false);
    }
    while let Some(s) = ch.sendq.dequeue(&mut v.sched) {
        v.wake_sudog(s, false);
    }
    Cont::Next
}

/// `a = len(b)` / `a = cap(b)`.
pub(super) unsafe fn chan_len(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let c = rd!(fp, i.b, *const Hchan);
    let n = if c.is_null() {
        0
    } else {
        // SAFETY: a non-nil channel word points to a live hchan.
        unsafe { (*c).qcount }
    };
    wr!(fp, i.a, u64, n);
    next!(pc, fp, vm)
}

pub(super) unsafe fn chan_cap(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    let i = inst!(pc);
    let c = rd!(fp, i.b, *const Hchan);
    let n = if c.is_null() {
        0
    } else {
        // SAFETY: a non-nil channel word points to a live hchan.
        unsafe { (*c).dataqsiz }
    };
    wr!(fp, i.a, u64, n);
    next!(pc, fp, vm)
}

/// `select` (see `Op::Select`).
pub(super) unsafe fn select(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Stop {
    match select_slow(pc, fp, vm) {
        Cont::Next => next!(pc, fp, vm),
        Cont::Stop(s) => s,
    }
}

/// One case of a select table.
#[derive(Clone, Copy)]
struct Case {
    c: *mut Hchan,
    recv: bool,
    size: u32,
    elem: *mut u8,
}

#[inline(never)]
fn select_slow(pc: *const Code, fp: *mut u8, vm: *mut Vm) -> Cont {
    let _l = Vm::rt_lock(vm);
    let i = inst!(pc);
    let (table, n, has_default) = (i.a, i.b as usize, i.c != 0);
    // SAFETY: `vm` is live and not otherwise borrowed here.
    let v = unsafe { &mut *vm };
    let frame = v.locate(pc).map_or(0, |(fi, _)| v.funcs[fi].frame_size);
    let done = |case: i64, ok: bool| {
        wr!(fp, table + 16 * n as u32, i64, case);
        wr!(fp, table + 16 * n as u32 + 8, u64, ok as u64);
    };
    // The cases, their operands checked against the frame (they are
    // words the code wrote, not verified operands).
    let mut cases = smallvec::SmallVec::<[Case; 8]>::new();
    for k in 0..n as u32 {
        let c = rd!(fp, table + 16 * k, *mut Hchan);
        let desc = rd!(fp, table + 16 * k + 8, u64);
        let (recv, size, off) = (desc & 1 != 0, (desc as u32) >> 1, (desc >> 32) as u32);
        if !off.is_multiple_of(8) || off as u64 + size as u64 > frame as u64 {
            return Cont::Stop(raise(
                pc,
                fp,
                vm,
                "internal error: select case".into(),
                None,
            ));
        }
        // SAFETY: checked inside the frame just above.
        let elem = unsafe { slot::<u8>(fp, off) };
        cases.push(Case {
            c,
            recv,
            size,
            elem,
        });
    }
    if let Some(w) = v.wake.take() {
        v.release_sudogs();
        let Wake::Select { case, success } = w else {
            return Cont::Stop(raise(
                pc,
                fp,
                vm,
                "internal error: select wake".into(),
                None,
            ));
        };
        let cs = cases[case];
        if !cs.recv && !success {
            return Cont::Stop(plain_panic(pc, fp, vm, "send on closed channel"));
        }
        if cs.recv && !success {
            // SAFETY: the case's slot was checked inside the frame.
            unsafe { std::ptr::write_bytes(cs.elem, 0, cs.size as usize) };
        }
        done(case as i64, success);
        return Cont::Next;
    }
    // Poll in a random order (Go's pollorder).
    let mut order: smallvec::SmallVec<[usize; 8]> = (0..n).collect();
    for k in (1..n).rev() {
        let j = (v.sched.fastrand() % (k as u64 + 1)) as usize;
        order.swap(k, j);
    }
    for &k in &order {
        let cs = cases[k];
        if cs.c.is_null() {
            continue;
        }
        // SAFETY: a non-nil channel word points to a live hchan.
        let ch = unsafe { &mut *cs.c };
        if cs.recv {
            if let Some(received) = try_recv(v, ch, cs.elem) {
                done(k as i64, received);
                return Cont::Next;
            }
        } else {
            match try_send(v, ch, cs.elem) {
                Some(true) => {
                    done(k as i64, false);
                    return Cont::Next;
                }
                Some(false) => {
                    return Cont::Stop(plain_panic(pc, fp, vm, "send on closed channel"));
                }
                None => {}
            }
        }
    }
    if has_default {
        done(-1, false);
        return Cont::Next;
    }
    if n == 0 {
        return Cont::Stop(v.gopark(pc, fp, "select (no cases)"));
    }
    // Wait on every case's channel.
    for (k, cs) in cases.iter().enumerate() {
        if cs.c.is_null() {
            continue;
        }
        let s = v.new_sudog(cs.c, cs.elem, Some(k), cs.recv);
        // SAFETY: a non-nil channel word points to a live hchan; the sudog
        // is new.
        unsafe {
            let ch = &mut *cs.c;
            if cs.recv {
                ch.recvq.enqueue(s);
            } else {
                ch.sendq.enqueue(s);
            }
        }
    }
    Cont::Stop(v.gopark(pc, fp, "select"))
}

/// Adjusts a waiting sudog's element pointer after its goroutine's stack
/// moved (`copystack`).
///
/// # Safety
/// `s` is a live sudog.
pub(super) unsafe fn adjust_sudog(s: *mut Sudog, adjust: &dyn Fn(&mut *mut u8)) {
    // SAFETY: as the caller guarantees.
    unsafe { adjust(&mut (*s).elem) }
}
