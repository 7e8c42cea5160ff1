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
//! Differs from Go: a Rust `HashMap` per map instead of Go's Swiss tables;
//! maps live until the program ends (the collector will manage them).

use std::collections::HashMap;

/// Key kinds (the low byte of a map instruction's metadata).
pub const KEY_INT: u32 = 0;
pub const KEY_STR: u32 = 1;
pub const KEY_F64: u32 = 2;
pub const KEY_F32: u32 = 3;
/// Any other comparable type: the key slot holds a pointer to the key and
/// its type index; the key bytes are its canonical form
/// (`interp::iface::canon_key`), and the key's memory follows the value.
pub const KEY_GEN: u32 = 4;

#[derive(Default)]
pub struct GoMap {
    entries: HashMap<Vec<u8>, Box<[u8]>>,
    /// Tags NaN keys so that they are all distinct.
    nan_count: u64,
}

/// An iteration in progress: a snapshot of the keys, from a random start.
pub struct MapIter {
    map: usize,
    keys: Vec<Vec<u8>>,
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

    pub fn load(&self, h: u64, key: &[u8]) -> Option<&[u8]> {
        self.get(h)?.entries.get(key).map(|v| &v[..])
    }

    /// Stores; `false` for a nil map.
    pub fn store(&mut self, h: u64, key: Vec<u8>, val: &[u8]) -> bool {
        let Some(m) = h.checked_sub(1).and_then(|i| self.maps.get_mut(i as usize)) else {
            return false;
        };
        let key = if key.first() == Some(&b'N') {
            // A NaN: a key of its own.
            m.nan_count += 1;
            let mut k = key;
            k.extend_from_slice(&m.nan_count.to_le_bytes());
            k
        } else {
            key
        };
        m.entries.insert(key, val.into());
        true
    }

    pub fn delete(&mut self, h: u64, key: &[u8]) {
        if let Some(m) = h.checked_sub(1).and_then(|i| self.maps.get_mut(i as usize)) {
            m.entries.remove(key);
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
        let mut keys: Vec<Vec<u8>> = m.entries.keys().cloned().collect();
        keys.sort();
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
    pub fn iter_next(&mut self, it: u64) -> Option<(Vec<u8>, Box<[u8]>)> {
        let iter = self.iters.get_mut(it.checked_sub(1)? as usize)?;
        let m = &self.maps[iter.map];
        while iter.next < iter.keys.len() {
            let k = &iter.keys[iter.next];
            iter.next += 1;
            if let Some(v) = m.entries.get(k) {
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
pub fn key_bytes(kind: u32, raw: [u64; 2], str_bytes: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
    match kind {
        KEY_STR => {
            let mut k = vec![b'S'];
            k.extend(str_bytes());
            k
        }
        KEY_F64 => {
            let f = f64::from_bits(raw[0]);
            if f.is_nan() {
                return vec![b'N'];
            }
            let f = if f == 0.0 { 0.0 } else { f };
            let mut k = vec![b'F'];
            k.extend_from_slice(&f.to_bits().to_le_bytes());
            k
        }
        KEY_F32 => {
            let f = f32::from_bits(raw[0] as u32);
            if f.is_nan() {
                return vec![b'N'];
            }
            let f = if f == 0.0 { 0.0 } else { f };
            let mut k = vec![b'F'];
            k.extend_from_slice(&f.to_bits().to_le_bytes());
            k
        }
        _ => {
            let mut k = vec![b'I'];
            k.extend_from_slice(&raw[0].to_le_bytes());
            k
        }
    }
}
