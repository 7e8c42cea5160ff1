//! Finalizers as the collector sees them (`runtime/mfinal.go`: Go's
//! finalizer specials and `finq`): the table of objects with a finalizer
//! and the queue of finalizers waiting for the finalizer goroutine.
//!
//! Every word here is a Go pointer held by a Rust container, so the
//! collector reads them itself (`gc/mod.rs`, inv. 2): the func values of
//! the table are roots, its objects are not (that is the point), but what
//! they point to is (Go's `markrootSpans`: a finalizer may use it); a
//! queued finalizer's func value and object are roots until it runs.
//! `runtime.SetFinalizer` and the finalizer goroutine are in
//! `interp/mfinal.rs`.

use std::collections::{BTreeMap, VecDeque};

/// One finalizer: what the finalizer goroutine calls, with what.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finalizer {
    /// The func value (a closure object pointer).
    pub fv: usize,
    /// The object's pointer, as `SetFinalizer` was given it (inside its
    /// block when it is a tiny allocation).
    pub obj: usize,
    /// For a finalizer taking an interface: the first word of the
    /// argument (the object's type word, or the itab); `None` when it
    /// takes the pointer itself.
    pub iface_word: Option<u64>,
}

/// The finalizer table and queue of one runtime instance.
#[derive(Default)]
pub struct Finalizers {
    /// Object pointer → its finalizer (ordered, so that finalizers queue
    /// in address order, reproducibly).
    table: BTreeMap<usize, Finalizer>,
    /// Finalizers of unreachable objects, to run in this order.
    queue: VecDeque<Finalizer>,
}

impl Finalizers {
    /// Records `f` for its object; false when the object has one already
    /// (Go's `addfinalizer`).
    pub fn add(&mut self, f: Finalizer) -> bool {
        match self.table.entry(f.obj) {
            std::collections::btree_map::Entry::Occupied(_) => false,
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(f);
                true
            }
        }
    }

    /// Clears the finalizer of the object at `obj` (Go's `removefinalizer`).
    pub fn remove(&mut self, obj: usize) {
        self.table.remove(&obj);
    }

    /// Calls `f` with every root word: the table's func values, the
    /// queue's func values and objects.
    pub fn for_each_root(&self, f: &mut dyn FnMut(usize)) {
        for fin in self.table.values() {
            f(fin.fv);
        }
        for fin in &self.queue {
            f(fin.fv);
            f(fin.obj);
        }
    }

    /// The objects with a finalizer (not roots: the mark scans what they
    /// point to).
    pub fn objects(&self) -> impl Iterator<Item = usize> + '_ {
        self.table.keys().copied()
    }

    /// After marking: moves the finalizer of every object `marked` says
    /// is unreachable to the queue, in address order (a finalizer runs
    /// once), and returns those objects, which the caller must mark with
    /// everything they reach before sweeping.
    pub fn queue_unreachable(&mut self, marked: impl Fn(usize) -> bool) -> Vec<usize> {
        let dead: Vec<usize> = self.table.keys().copied().filter(|&p| !marked(p)).collect();
        for &p in &dead {
            if let Some(f) = self.table.remove(&p) {
                self.queue.push_back(f);
            }
        }
        dead
    }

    /// The next finalizer to run, left queued.
    pub fn peek(&self) -> Option<Finalizer> {
        self.queue.front().copied()
    }

    /// The next finalizer to run, taken off the queue.
    pub fn pop(&mut self) -> Option<Finalizer> {
        self.queue.pop_front()
    }

    /// Whether finalizers wait to run.
    pub fn pending(&self) -> bool {
        !self.queue.is_empty()
    }

    /// Objects with a finalizer recorded.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_queue() {
        let mut t = Finalizers::default();
        let f = |obj| Finalizer {
            fv: 0x10,
            obj,
            iface_word: None,
        };
        assert!(t.add(f(0x300)));
        assert!(t.add(f(0x100)));
        assert!(t.add(f(0x200)));
        assert!(!t.add(f(0x100)), "finalizer already set");
        t.remove(0x200);
        assert_eq!(t.len(), 2);
        let mut roots = Vec::new();
        t.for_each_root(&mut |w| roots.push(w));
        assert_eq!(roots, [0x10, 0x10]);
        // Only 0x300 is unreachable: it moves to the queue, once.
        assert_eq!(t.queue_unreachable(|p| p == 0x100), [0x300]);
        assert_eq!(t.queue_unreachable(|p| p == 0x100), Vec::<usize>::new());
        assert!(t.pending());
        roots.clear();
        t.for_each_root(&mut |w| roots.push(w));
        assert_eq!(roots, [0x10, 0x10, 0x300]);
        assert_eq!(t.peek(), Some(f(0x300)));
        assert_eq!(t.pop(), Some(f(0x300)));
        assert_eq!(t.pop(), None);
        assert_eq!(t.objects().collect::<Vec<_>>(), [0x100]);
    }
}
