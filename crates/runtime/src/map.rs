//! Go maps.
//!
//! A map value in a frame is a handle: 0 for a nil map, otherwise one more
//! than the map's index in [`Maps`]. Keys are stored as their bytes in a
//! normalised form (`key_bytes`): integers, pointers and booleans by value,
//! strings by content, floats with `-0` folded into `+0`; a NaN key never
//! equals anything, so each NaN insert gets a key of its own that no lookup
//! can produce. Values are stored as the bytes of their memory form.
//!
//! Iteration follows Go's rules: a random starting point each time, keys
//! deleted during the iteration are not produced, keys added during it may
//! or may not be.
//!
//! Differs from Go: a Rust `HashMap` (foldhash, per-process seed) per map
//! instead of Go's Swiss tables, keys and values inline up to 23 bytes;
//! maps live until the program ends (the collector will manage them).

use std::collections::HashMap;

/// Hashing of key bytes: foldhash, seeded per process (Go seeds its map
/// hash per map; either way iteration order and collisions cannot be
/// predicted by a program).
type Hasher = foldhash::fast::RandomState;

/// Key kinds (the low byte of a map instruction's metadata).
pub const KEY_INT: u32 = 0;
pub const KEY_STR: u32 = 1;
pub const KEY_F64: u32 = 2;
pub const KEY_F32: u32 = 3;
/// Any other comparable type: the key slot holds a pointer to the key and
/// its type index; the key bytes are its canonical form
/// (`interp::iface::canon_key`), and the key's memory follows the value.
pub const KEY_GEN: u32 = 4;

/// Normalised key bytes: inline up to `INLINE` bytes (every scalar key and
/// short strings), so that a lookup allocates nothing and compares keys
/// without chasing a pointer.
#[derive(Clone)]
pub enum Key {
    Inline(u8, [u8; INLINE]),
    Heap(Box<[u8]>),
}

const INLINE: usize = 23;

impl Key {
    pub fn new(b: &[u8]) -> Key {
        if b.len() <= INLINE {
            let mut a = [0u8; INLINE];
            a[..b.len()].copy_from_slice(b);
            Key::Inline(b.len() as u8, a)
        } else {
            Key::Heap(b.into())
        }
    }

    /// A tag byte followed by 8 bytes (scalar keys).
    fn scalar(tag: u8, v: u64) -> Key {
        let mut a = [0u8; INLINE];
        a[0] = tag;
        a[1..9].copy_from_slice(&v.to_le_bytes());
        Key::Inline(9, a)
    }

    pub fn bytes(&self) -> &[u8] {
        match self {
            Key::Inline(n, a) => &a[..*n as usize],
            Key::Heap(b) => b,
        }
    }
}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.bytes().hash(h)
    }
}

impl PartialEq for Key {
    fn eq(&self, o: &Key) -> bool {
        self.bytes() == o.bytes()
    }
}

impl Eq for Key {}

impl std::borrow::Borrow<[u8]> for Key {
    fn borrow(&self) -> &[u8] {
        self.bytes()
    }
}

#[derive(Default)]
pub struct GoMap {
    /// Values in their memory form, inline when small (as keys are).
    entries: HashMap<Key, Key, Hasher>,
    /// Tags NaN keys so that they are all distinct.
    nan_count: u64,
}

/// An iteration in progress: a snapshot of the keys, from a random start.
pub struct MapIter {
    map: usize,
    keys: Vec<Key>,
    next: usize,
}

#[derive(Default)]
pub struct Maps {
    maps: Vec<GoMap>,
    iters: Vec<MapIter>,
    /// State of the iteration-order randomiser (xorshift).
    seed: u64,
}

impl Maps {
    pub fn make(&mut self) -> u64 {
        self.maps.push(GoMap::default());
        self.maps.len() as u64
    }

    fn get(&self, h: u64) -> Option<&GoMap> {
        h.checked_sub(1).and_then(|i| self.maps.get(i as usize))
    }

    pub fn len(&self, h: u64) -> i64 {
        self.get(h).map_or(0, |m| m.entries.len() as i64)
    }

    pub fn load(&self, h: u64, key: &Key) -> Option<&[u8]> {
        self.get(h)?.entries.get(key.bytes()).map(Key::bytes)
    }

    /// Stores; `false` for a nil map.
    pub fn store(&mut self, h: u64, key: Key, val: &[u8]) -> bool {
        let Some(m) = h.checked_sub(1).and_then(|i| self.maps.get_mut(i as usize)) else {
            return false;
        };
        let key = if key.bytes().first() == Some(&b'N') {
            // A NaN: a key of its own.
            m.nan_count += 1;
            let mut k = key.bytes().to_vec();
            k.extend_from_slice(&m.nan_count.to_le_bytes());
            Key::new(&k)
        } else {
            key
        };
        m.entries.insert(key, Key::new(val));
        true
    }

    pub fn delete(&mut self, h: u64, key: &Key) {
        if let Some(m) = h.checked_sub(1).and_then(|i| self.maps.get_mut(i as usize)) {
            m.entries.remove(key.bytes());
        }
    }

    pub fn clear(&mut self, h: u64) {
        if let Some(m) = h.checked_sub(1).and_then(|i| self.maps.get_mut(i as usize)) {
            m.entries.clear();
        }
    }

    /// Starts an iteration; returns its handle (0 for a nil map: nothing).
    pub fn iter_start(&mut self, h: u64) -> u64 {
        let Some(m) = self.get(h) else { return 0 };
        let mut keys: Vec<Key> = m.entries.keys().cloned().collect();
        keys.sort_by(|a, b| a.bytes().cmp(b.bytes()));
        if !keys.is_empty() {
            self.seed ^= self.seed << 13;
            self.seed ^= self.seed >> 7;
            self.seed ^= self.seed << 17;
            let start = (self.seed % keys.len() as u64) as usize;
            keys.rotate_left(start);
        }
        self.iters.push(MapIter {
            map: h as usize - 1,
            keys,
            next: 0,
        });
        self.iters.len() as u64
    }

    /// The next entry of iteration `it` still in the map.
    pub fn iter_next(&mut self, it: u64) -> Option<(Key, Key)> {
        let iter = self.iters.get_mut(it.checked_sub(1)? as usize)?;
        let m = &self.maps[iter.map];
        while iter.next < iter.keys.len() {
            let k = &iter.keys[iter.next];
            iter.next += 1;
            if let Some(v) = m.entries.get(k.bytes()) {
                return Some((k.clone(), v.clone()));
            }
        }
        None
    }

    pub fn seed(&mut self, s: u64) {
        self.seed = s | 1;
    }
}

/// The normalised key bytes of a key value of `kind` whose slot bytes are
/// `raw` (16 bytes: a string's pointer and length, or a scalar in the
/// first 8). `str_bytes` resolves a string's content.
pub fn key_bytes<'s>(kind: u32, raw: [u64; 2], str_bytes: impl FnOnce() -> &'s [u8]) -> Key {
    match kind {
        KEY_STR => {
            let s = str_bytes();
            if s.len() < INLINE {
                let mut a = [0u8; INLINE];
                a[0] = b'S';
                a[1..=s.len()].copy_from_slice(s);
                return Key::Inline(s.len() as u8 + 1, a);
            }
            let mut k = Vec::with_capacity(s.len() + 1);
            k.push(b'S');
            k.extend_from_slice(s);
            Key::Heap(k.into())
        }
        KEY_F64 => {
            let f = f64::from_bits(raw[0]);
            if f.is_nan() {
                return Key::new(b"N");
            }
            let f = if f == 0.0 { 0.0 } else { f };
            Key::scalar(b'F', f.to_bits())
        }
        KEY_F32 => {
            let f = f32::from_bits(raw[0] as u32);
            if f.is_nan() {
                return Key::new(b"N");
            }
            let f = if f == 0.0 { 0.0 } else { f };
            Key::scalar(b'F', u64::from(f.to_bits()))
        }
        _ => Key::scalar(b'I', raw[0]),
    }
}

impl Maps {
    /// Every word of every map's keys and values that may hold a Go
    /// pointer, for the collector: maps live in Rust memory until they
    /// move into the Go heap, so they are a root (conservatively: keys at
    /// every byte offset — a scalar key's bytes follow a tag byte — and
    /// values at every word).
    pub fn for_each_word(&self, f: &mut dyn FnMut(usize)) {
        fn words(b: &[u8], step: usize, f: &mut dyn FnMut(usize)) {
            let mut i = 0;
            while i + 8 <= b.len() {
                let mut w = [0u8; 8];
                w.copy_from_slice(&b[i..i + 8]);
                f(u64::from_le_bytes(w) as usize);
                i += step;
            }
        }
        for m in &self.maps {
            for (k, v) in &m.entries {
                words(k.bytes(), 1, f);
                words(v.bytes(), 8, f);
            }
        }
        for it in &self.iters {
            for k in &it.keys {
                words(k.bytes(), 1, f);
            }
        }
    }
}
