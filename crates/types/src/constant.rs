//! Exact values of Go constants, with the semantics of `go/constant` (which
//! gc's type checker uses): arbitrary-precision integers, exact rationals
//! while their components stay reasonably small, and 512-bit binary floats
//! beyond that.
//!
//! Invariants:
//! 1. A value's kind never changes under normalisation: an integer-valued
//!    `Rat` is still a float constant (`1.0` is untyped float), exactly as
//!    `go/constant` keeps `ratVal` distinct from `intVal`.
//! 2. A `Rat` has numerator and denominator shorter than `MAX_EXP` bits;
//!    anything larger becomes a `Float` (`make_rat`), and a `Float` never goes
//!    back to `Rat`, so no precision that is not there is implied.
//! 3. A `Float` is finite and non-zero-signed (`-0` is `0`); an operation that
//!    overflows it yields `Unknown`, which callers report as an overflow.
//!
//! Differences from Go: the `Float` representation is our own (`mant × 2^exp`
//! rounded to 512 bits, ties to even), matching `big.Float` at precision 512
//! for the operations constants need.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt;
use std::rc::Rc;

/// Mantissa precision of float constants, in bits (`go/constant`'s `prec`).
pub const PREC: u64 = 512;

/// Fractions may have components up to this many bits before switching to
/// floats (`go/constant`'s `maxExp`).
const MAX_EXP: u64 = 4 << 10;

/// The kind of a constant value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Unknown,
    Bool,
    String,
    Int,
    Float,
    Complex,
}

/// An exact constant value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// The result of an operation that failed (overflow, invalid operand).
    Unknown,
    Bool(bool),
    /// A string's bytes (Go strings need not be valid UTF-8).
    String(Rc<[u8]>),
    Int(BigInt),
    /// A float constant held as an exact fraction (inv. 2).
    Rat(BigRational),
    /// A float constant beyond fraction range (inv. 2, 3).
    Float(BigFloat),
    Complex(Box<Value>, Box<Value>),
}

/// The literal kinds a constant can be made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Rune,
    String,
}

/// Operators on constants (the arithmetic subset of Go's operators).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    /// `/`: truncated division on two integers, exact division otherwise.
    Quo,
    /// Integer division regardless of operand kind (`go/constant`'s QUO_ASSIGN).
    IntQuo,
    Rem,
    And,
    Or,
    Xor,
    AndNot,
    LAnd,
    LOr,
    Not,
    Shl,
    Shr,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
}

// ---------------------------------------------------------------------------
// Binary floats

/// A finite binary float `mant × 2^exp` with `|mant|` at most `PREC` bits
/// (normalised: zero is `0 × 2^0`, otherwise `mant` is odd).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigFloat {
    mant: BigInt,
    exp: i64,
}

impl BigFloat {
    fn zero() -> BigFloat {
        BigFloat {
            mant: BigInt::zero(),
            exp: 0,
        }
    }

    /// Rounds `mant × 2^exp` to `PREC` bits, ties to even.
    fn new(mant: BigInt, exp: i64) -> BigFloat {
        Self::with_sticky(mant, exp, false)
    }

    /// Like `new`, where `sticky` says the true value is slightly larger in
    /// magnitude than `mant × 2^exp` (bits were already lost below it).
    fn with_sticky(mant: BigInt, exp: i64, sticky: bool) -> BigFloat {
        if mant.is_zero() {
            return BigFloat::zero();
        }
        let neg = mant.is_negative();
        let mut mag = mant.abs();
        let mut exp = exp;
        let bits = mag.bits();
        if bits > PREC {
            let shift = bits - PREC;
            let half = BigInt::one() << (shift - 1);
            let rem = &mag & ((BigInt::one() << shift) - 1u32);
            mag >>= shift;
            exp += shift as i64;
            let round_up = match rem.cmp(&half) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => sticky || mag.is_odd(),
            };
            if round_up {
                mag += 1u32;
            }
        }
        let tz = mag.trailing_zeros().unwrap_or(0);
        mag >>= tz;
        exp += tz as i64;
        BigFloat {
            mant: if neg { -mag } else { mag },
            exp,
        }
    }

    fn from_int(x: &BigInt) -> BigFloat {
        BigFloat::new(x.clone(), 0)
    }

    /// Rounds the fraction `x` to a float.
    fn from_rat(x: &BigRational) -> BigFloat {
        Self::quotient(x.numer(), x.denom())
    }

    /// Rounds `n / d` to a float.
    fn quotient(n: &BigInt, d: &BigInt) -> BigFloat {
        if n.is_zero() {
            return BigFloat::zero();
        }
        // Scale so the integer quotient has PREC+2 bits at least.
        let shift = (PREC as i64 + 2 + d.bits() as i64 - n.bits() as i64).max(0);
        let (q, r) = (n.abs() << shift as u64).div_rem(&d.abs());
        let q = if n.is_negative() != d.is_negative() {
            -q
        } else {
            q
        };
        BigFloat::with_sticky(q, -shift, !r.is_zero())
    }

    fn sign(&self) -> Sign {
        self.mant.sign()
    }

    /// The exponent `e` with `0.5 ≤ |x| / 2^e < 1` (`big.Float.MantExp`).
    fn mant_exp(&self) -> i64 {
        if self.mant.is_zero() {
            0
        } else {
            self.exp + self.mant.bits() as i64
        }
    }

    fn add(&self, y: &BigFloat) -> BigFloat {
        if self.mant.is_zero() {
            return y.clone();
        }
        if y.mant.is_zero() {
            return self.clone();
        }
        let e = self.exp.min(y.exp);
        // Guard against absurd alignment shifts: if one operand is far below
        // the other's precision, it only contributes a sticky bit.
        let (hi, lo) = if self.mant_exp() >= y.mant_exp() {
            (self, y)
        } else {
            (y, self)
        };
        if hi.mant_exp() - lo.mant_exp() > PREC as i64 + 4 {
            let m = &hi.mant << (PREC + 8);
            let m = if lo.mant.sign() == hi.mant.sign() {
                m + 1
            } else {
                m - 1
            };
            return BigFloat::new(m, hi.exp - (PREC as i64 + 8));
        }
        let a = &self.mant << (self.exp - e) as u64;
        let b = &y.mant << (y.exp - e) as u64;
        BigFloat::new(a + b, e)
    }

    fn neg(&self) -> BigFloat {
        BigFloat {
            mant: -&self.mant,
            exp: self.exp,
        }
    }

    fn mul(&self, y: &BigFloat) -> BigFloat {
        BigFloat::new(&self.mant * &y.mant, self.exp + y.exp)
    }

    fn quo(&self, y: &BigFloat) -> BigFloat {
        let q = BigFloat::quotient(&self.mant, &y.mant);
        BigFloat {
            mant: q.mant,
            exp: q.exp + self.exp - y.exp,
        }
    }

    fn cmp(&self, y: &BigFloat) -> Ordering {
        self.add(&y.neg()).sign_ordering()
    }

    fn sign_ordering(&self) -> Ordering {
        match self.sign() {
            Sign::Minus => Ordering::Less,
            Sign::NoSign => Ordering::Equal,
            Sign::Plus => Ordering::Greater,
        }
    }

    /// The exact integer value, if the float is an integer.
    fn to_int(&self) -> Option<BigInt> {
        if self.exp >= 0 {
            Some(&self.mant << self.exp as u64)
        } else {
            None // normalised mantissas are odd: a negative exponent means a fraction
        }
    }

    /// The exact fraction (only for floats within fraction range).
    fn to_rat(&self) -> BigRational {
        if self.exp >= 0 {
            BigRational::from_integer(&self.mant << self.exp as u64)
        } else {
            BigRational::new(self.mant.clone(), BigInt::one() << (-self.exp) as u64)
        }
    }

    /// The nearest float64 (±inf on overflow).
    fn to_f64(&self) -> f64 {
        round_to_f64(&self.mant, self.exp, false)
    }
}

/// Rounds `mant × 2^exp` (plus a sticky bit) to the nearest f64, ties to even,
/// with gradual underflow and ±inf on overflow.
fn round_to_f64(mant: &BigInt, exp: i64, sticky: bool) -> f64 {
    round_to_ieee(mant, exp, sticky, 53, -1074, 1023)
}

/// Rounds `mant × 2^exp` to the nearest value of a binary IEEE format with
/// `p` mantissa bits, smallest subnormal exponent `emin_sub` and largest
/// exponent `emax`, returned as f64 (exact for f32 formats too).
fn round_to_ieee(mant: &BigInt, exp: i64, sticky: bool, p: u64, emin_sub: i64, emax: i64) -> f64 {
    if mant.is_zero() {
        return 0.0;
    }
    let neg = mant.is_negative();
    let mut mag = mant.abs();
    let mut exp = exp;
    let bits = mag.bits() as i64;
    // Value's binary exponent: 2^(exp+bits-1) ≤ |v| < 2^(exp+bits).
    let top = exp + bits - 1;
    // Keep p bits, but no bits below 2^emin_sub.
    let keep_lsb = (top - p as i64 + 1).max(emin_sub);
    if keep_lsb > exp {
        let shift = (keep_lsb - exp) as u64;
        if shift > bits as u64 + 1 {
            // Everything is below half an ulp of the smallest subnormal.
            return if neg { -0.0 } else { 0.0 };
        }
        let half = BigInt::one() << (shift - 1);
        let rem = &mag & ((BigInt::one() << shift) - 1u32);
        mag >>= shift;
        exp = keep_lsb;
        let up = match rem.cmp(&half) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => sticky || mag.is_odd(),
        };
        if up {
            mag += 1u32;
        }
    }
    let m = mag.to_f64().unwrap_or(f64::INFINITY);
    if exp + mag.bits() as i64 - 1 > emax {
        return if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    // m has at most p+1 bits: exact in f64; scaling by a power of two is exact
    // unless it under/overflows, which the checks above exclude.
    let v = scale_pow2(m, exp);
    if neg { -v } else { v }
}

/// `m × 2^e` computed exactly for results in f64 range.
fn scale_pow2(mut m: f64, mut e: i64) -> f64 {
    while e > 1000 {
        m *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        m *= 2f64.powi(-1000);
        e += 1000;
    }
    m * 2f64.powi(e as i32)
}

/// Splits a finite f64 into `mant × 2^exp`.
fn f64_parts(x: f64) -> (BigInt, i64) {
    let bits = x.to_bits();
    let neg = bits >> 63 != 0;
    let e = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, exp) = if e == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), e - 1075)
    };
    let m = BigInt::from(m);
    (if neg { -m } else { m }, exp)
}

// ---------------------------------------------------------------------------
// Construction

fn small_int(x: &BigInt) -> bool {
    x.bits() < MAX_EXP
}

fn small_float(x: &BigFloat) -> bool {
    let e = x.mant_exp();
    -(MAX_EXP as i64) < e && e < MAX_EXP as i64
}

fn make_rat(x: BigRational) -> Value {
    if small_int(x.numer()) && small_int(x.denom()) {
        Value::Rat(x)
    } else {
        make_float(BigFloat::from_rat(&x))
    }
}

/// A float value, within `big.Float`'s exponent range as go/constant
/// keeps it: beyond it the value is unknown (overflow to ±Inf) or zero
/// (underflow).
fn make_float(x: BigFloat) -> Value {
    let e = x.mant_exp();
    if e > i32::MAX as i64 {
        Value::Unknown
    } else if e < i32::MIN as i64 {
        Value::Float(BigFloat::zero())
    } else {
        Value::Float(x)
    }
}

fn make_complex(re: Value, im: Value) -> Value {
    if re.kind() == Kind::Unknown || im.kind() == Kind::Unknown {
        return Value::Unknown;
    }
    Value::Complex(Box::new(re), Box::new(im))
}

impl Value {
    pub fn kind(&self) -> Kind {
        match self {
            Value::Unknown => Kind::Unknown,
            Value::Bool(_) => Kind::Bool,
            Value::String(_) => Kind::String,
            Value::Int(_) => Kind::Int,
            Value::Rat(_) | Value::Float(_) => Kind::Float,
            Value::Complex(..) => Kind::Complex,
        }
    }

    pub fn int(x: impl Into<BigInt>) -> Value {
        Value::Int(x.into())
    }

    pub fn string(s: &str) -> Value {
        Value::String(Rc::from(s.as_bytes()))
    }

    /// A string constant of arbitrary bytes.
    pub fn bytes(b: &[u8]) -> Value {
        Value::String(Rc::from(b))
    }

    /// The float constant nearest to `x`; `Unknown` for infinities and NaN.
    pub fn from_f64(x: f64) -> Value {
        if !x.is_finite() {
            return Value::Unknown;
        }
        let (m, e) = f64_parts(x + 0.0);
        let f = BigFloat::new(m, e);
        if small_float(&f) {
            Value::Rat(f.to_rat())
        } else {
            make_float(f)
        }
    }

    /// The value of a literal as the scanner accepted it (`0x1p-2`, `1_000`,
    /// `'\n'`, `` `raw` ``, `2.5i`); `Unknown` if it is malformed.
    pub fn from_literal(lit: &str, kind: LitKind) -> Value {
        match kind {
            LitKind::Int => parse_int_lit(lit).map_or(Value::Unknown, Value::Int),
            LitKind::Float => parse_float_lit(lit).unwrap_or(Value::Unknown),
            LitKind::Imag => match lit.strip_suffix('i') {
                Some(body) => {
                    imag_body(body).map_or(Value::Unknown, |im| make_complex(Value::int(0), im))
                }
                None => Value::Unknown,
            },
            LitKind::Rune => unquote_char_lit(lit).map_or(Value::Unknown, Value::int),
            LitKind::String => unquote_string_lit(lit).map_or(Value::Unknown, |s| Value::bytes(&s)),
        }
    }

    // -----------------------------------------------------------------------
    // Accessors

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The string, if it is valid UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => std::str::from_utf8(s).ok(),
            _ => None,
        }
    }

    /// A string constant's bytes.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<&BigInt> {
        match self {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    pub fn to_i64(&self) -> Option<i64> {
        self.as_int().and_then(ToPrimitive::to_i64)
    }

    pub fn to_u64(&self) -> Option<u64> {
        self.as_int().and_then(ToPrimitive::to_u64)
    }

    /// The nearest float64 and whether it is exact (`constant.Float64Val`).
    pub fn to_f64(&self) -> (f64, bool) {
        match self {
            Value::Int(i) => {
                let f = round_to_f64(i, 0, false);
                (
                    f,
                    f.is_finite()
                        && BigFloat::from_int(i) == BigFloat::new(f64_parts(f).0, f64_parts(f).1),
                )
            }
            Value::Rat(r) => {
                let q = BigFloat::from_rat(r);
                let f = q.to_f64();
                (
                    f,
                    f.is_finite() && BigFloat::from_f64_exact(f).to_rat() == *r,
                )
            }
            Value::Float(x) => {
                let f = x.to_f64();
                (f, f.is_finite() && BigFloat::from_f64_exact(f) == *x)
            }
            _ => (0.0, false),
        }
    }

    /// The nearest float32 (as f64) and whether it is exact.
    pub fn to_f32(&self) -> (f32, bool) {
        let (m, e) = match self {
            Value::Int(i) => (i.clone(), 0),
            Value::Rat(r) => {
                let q = BigFloat::from_rat(r);
                (q.mant, q.exp)
            }
            Value::Float(x) => (x.mant.clone(), x.exp),
            _ => return (0.0, false),
        };
        let f = round_to_ieee(&m, e, false, 24, -149, 127) as f32;
        let exact = f.is_finite() && {
            let back = Value::from_f64(f as f64);
            compare(&back, Op::Eql, self)
        };
        (f, exact)
    }

    /// The sign: -1, 0 or 1 (1 for Unknown, as in Go).
    pub fn sign(&self) -> i32 {
        match self {
            Value::Int(i) => sign_of(i.sign()),
            Value::Rat(r) => sign_of(r.numer().sign()),
            Value::Float(f) => sign_of(f.sign()),
            Value::Complex(re, im) => re.sign() | im.sign(),
            _ => 1,
        }
    }

    /// The number of bits needed for the absolute value of an integer.
    pub fn bit_len(&self) -> u64 {
        match self {
            Value::Int(i) => i.bits(),
            _ => 0,
        }
    }

    /// The real part of a numeric value.
    pub fn real(&self) -> Value {
        match self {
            Value::Int(_) | Value::Rat(_) | Value::Float(_) => self.clone(),
            Value::Complex(re, _) => (**re).clone(),
            _ => Value::Unknown,
        }
    }

    /// The imaginary part of a numeric value.
    pub fn imag(&self) -> Value {
        match self {
            Value::Int(_) | Value::Rat(_) | Value::Float(_) => Value::int(0),
            Value::Complex(_, im) => (**im).clone(),
            _ => Value::Unknown,
        }
    }

    // -----------------------------------------------------------------------
    // Conversions between numeric kinds

    /// The integer value if `self` is (very nearly) an integer (`constant.ToInt`).
    pub fn to_int(&self) -> Value {
        match self {
            Value::Int(_) => self.clone(),
            Value::Rat(r) if r.is_integer() => Value::Int(r.to_integer()),
            Value::Float(f) if small_float(f) => {
                if let Some(i) = f.to_int() {
                    return Value::Int(i);
                }
                // Accept a value within a few bits of rounding of an integer.
                let delta = 4;
                let bits = f.mant.bits();
                if bits > delta {
                    let keep = PREC - delta;
                    for round_up in [false, true] {
                        if bits <= keep {
                            break;
                        }
                        let drop = bits - keep;
                        let mut m = f.mant.abs() >> drop;
                        if round_up {
                            m += 1u32;
                        }
                        let t = BigFloat::new(
                            if f.mant.is_negative() { -m } else { m },
                            f.exp + drop as i64,
                        );
                        if let Some(i) = t.to_int() {
                            return Value::Int(i);
                        }
                    }
                }
                Value::Unknown
            }
            Value::Complex(..) => match self.to_float() {
                v @ (Value::Rat(_) | Value::Float(_)) => v.to_int(),
                _ => Value::Unknown,
            },
            _ => Value::Unknown,
        }
    }

    /// `self` as a float constant (`constant.ToFloat`).
    pub fn to_float(&self) -> Value {
        match self {
            Value::Int(i) if small_int(i) => Value::Rat(BigRational::from_integer(i.clone())),
            Value::Int(i) => make_float(BigFloat::from_int(i)),
            Value::Rat(_) | Value::Float(_) => self.clone(),
            Value::Complex(re, im) if im.sign() == 0 => re.to_float(),
            _ => Value::Unknown,
        }
    }

    /// `self` as a complex constant (`constant.ToComplex`).
    pub fn to_complex(&self) -> Value {
        match self {
            Value::Int(_) | Value::Rat(_) | Value::Float(_) => {
                make_complex(self.clone(), Value::int(0))
            }
            Value::Complex(..) => self.clone(),
            _ => Value::Unknown,
        }
    }

    /// The exact textual form (`constant.ExactString`).
    pub fn exact_string(&self) -> String {
        match self {
            Value::String(s) => go_quote(s),
            Value::Rat(r) if r.is_integer() => r.numer().to_string(),
            Value::Rat(r) => format!("{}/{}", r.numer(), r.denom()),
            Value::Float(f) => format!("{}p{}", f.mant, f.exp),
            Value::Complex(re, im) => format!("({} + {}i)", re.exact_string(), im.exact_string()),
            _ => self.to_string(),
        }
    }
}

impl BigFloat {
    fn from_f64_exact(x: f64) -> BigFloat {
        let (m, e) = f64_parts(x);
        BigFloat::new(m, e)
    }
}

fn sign_of(s: Sign) -> i32 {
    match s {
        Sign::Minus => -1,
        Sign::NoSign => 0,
        Sign::Plus => 1,
    }
}

/// The value of an imaginary literal's body: a float literal, an integer
/// literal with a base prefix, or decimal digits (leading zeros allowed, for
/// backward compatibility: `0123i` is `123i`).
fn imag_body(body: &str) -> Option<Value> {
    let lower = body.to_ascii_lowercase();
    let hex = lower.starts_with("0x");
    let is_float =
        lower.contains('.') || (hex && lower.contains('p')) || (!hex && lower.contains('e'));
    if is_float {
        return parse_float_lit(body);
    }
    if hex || lower.starts_with("0b") || lower.starts_with("0o") {
        return parse_int_lit(body).map(|i| Value::Int(i).to_float());
    }
    parse_float_lit(body)
}

/// Parses an integer literal with Go's prefixes and `_` separators.
fn parse_int_lit(lit: &str) -> Option<BigInt> {
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let (radix, digits) = match s.get(..2) {
        Some("0x" | "0X") => (16, &s[2..]),
        Some("0b" | "0B") => (2, &s[2..]),
        Some("0o" | "0O") => (8, &s[2..]),
        _ if s.len() > 1 && s.starts_with('0') => (8, &s[1..]),
        _ => (10, &s[..]),
    };
    if digits.is_empty() {
        return None;
    }
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// Parses a decimal or hexadecimal float literal exactly.
fn parse_float_lit(lit: &str) -> Option<Value> {
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let (hex, body) = match s.get(..2) {
        Some("0x" | "0X") => (true, &s[2..]),
        _ => (false, &s[..]),
    };
    let exp_at = if hex {
        body.find(['p', 'P'])
    } else {
        body.find(['e', 'E'])
    };
    let (mant, exp) = match exp_at {
        Some(i) => (&body[..i], body[i + 1..].parse::<i64>().ok()?),
        None if hex => return None,
        None => (body, 0),
    };
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    let digits = format!("{int_part}{frac_part}");
    if digits.is_empty() {
        return None;
    }
    let radix = if hex { 16 } else { 10 };
    let m = BigInt::parse_bytes(digits.as_bytes(), radix)?;
    // value = m × radix^(-len(frac)) × (2 or 10)^exp
    let (base, e) = if hex {
        (2i64, exp - 4 * frac_part.len() as i64)
    } else {
        (10i64, exp - frac_part.len() as i64)
    };
    if m.is_zero() {
        return Some(Value::Rat(BigRational::zero()));
    }
    // Estimate the binary exponent to decide between fraction and float.
    let bin_exp = m.bits() as f64 + e as f64 * (base as f64).log2();
    if bin_exp.abs() < MAX_EXP as f64 - 64.0 {
        let scale = BigInt::from(base).pow(e.unsigned_abs() as u32);
        let r = if e >= 0 {
            BigRational::from_integer(m * scale)
        } else {
            BigRational::new(m, scale)
        };
        return Some(Value::Rat(r));
    }
    if bin_exp < -((1i64 << 40) as f64) {
        return Some(Value::Rat(BigRational::zero()));
    }
    if bin_exp > (1i64 << 40) as f64 {
        return None;
    }
    // Huge exponents: compute in binary floats.
    if base == 2 {
        return Some(make_float(BigFloat::new(m, e)));
    }
    let p = pow10_float(e.unsigned_abs());
    let mf = BigFloat::from_int(&m);
    Some(make_float(if e >= 0 { mf.mul(&p) } else { mf.quo(&p) }))
}

/// 10^n as a rounded float, by repeated squaring.
fn pow10_float(n: u64) -> BigFloat {
    let mut result = BigFloat::from_int(&BigInt::one());
    let mut base = BigFloat::from_int(&BigInt::from(10));
    let mut n = n;
    while n > 0 {
        if n & 1 == 1 {
            result = result.mul(&base);
        }
        base = base.mul(&base);
        n >>= 1;
    }
    result
}

/// The code point of a rune literal such as `'a'`, `'\n'`, `'\u00e9'`.
fn unquote_char_lit(lit: &str) -> Option<u32> {
    let body = lit.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = Vec::new();
    let rest = unquote_one(body.as_bytes(), b'\'', &mut out)?;
    if !rest.is_empty() {
        return None;
    }
    match out.as_slice() {
        [Piece::Char(c)] => Some(*c),
        [Piece::Byte(b)] => Some(*b as u32),
        _ => None,
    }
}

enum Piece {
    Char(u32),
    Byte(u8),
}

/// Decodes one character or escape from `s`, returning the rest.
fn unquote_one<'a>(s: &'a [u8], quote: u8, out: &mut Vec<Piece>) -> Option<&'a [u8]> {
    let (&c, rest) = s.split_first()?;
    if c != b'\\' {
        if c < 0x80 {
            out.push(Piece::Char(c as u32));
            return Some(rest);
        }
        let len = utf8_len(c);
        let text = std::str::from_utf8(s.get(..len)?).ok();
        match text.and_then(|t| t.chars().next()) {
            Some(ch) => out.push(Piece::Char(ch as u32)),
            None => out.push(Piece::Char(0xFFFD)),
        }
        return Some(&s[len.min(s.len())..]);
    }
    let (&e, rest) = rest.split_first()?;
    let simple = match e {
        b'a' => Some(7),
        b'b' => Some(8),
        b'f' => Some(12),
        b'n' => Some(10),
        b'r' => Some(13),
        b't' => Some(9),
        b'v' => Some(11),
        b'\\' => Some(b'\\' as u32),
        q if q == quote => Some(q as u32),
        _ => None,
    };
    if let Some(v) = simple {
        out.push(Piece::Char(v));
        return Some(rest);
    }
    let hex = |n: usize| -> Option<(u32, &'a [u8])> {
        let digits = std::str::from_utf8(rest.get(..n)?).ok()?;
        Some((u32::from_str_radix(digits, 16).ok()?, &rest[n..]))
    };
    match e {
        b'x' => {
            let (v, r) = hex(2)?;
            out.push(Piece::Byte(v as u8));
            Some(r)
        }
        b'u' | b'U' => {
            let (v, r) = hex(if e == b'u' { 4 } else { 8 })?;
            char::from_u32(v)?;
            out.push(Piece::Char(v));
            Some(r)
        }
        b'0'..=b'7' => {
            let digits = std::str::from_utf8(s.get(1..4)?).ok()?;
            let v = u32::from_str_radix(digits, 8).ok()?;
            if v > 255 {
                return None;
            }
            out.push(Piece::Byte(v as u8));
            Some(&s[4..])
        }
        _ => None,
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// The bytes of a string literal (interpreted or raw). Go strings are byte
/// strings; invalid UTF-8 from `\x` escapes is kept lossily here until the
/// constant representation carries bytes (known gap).
fn unquote_string_lit(lit: &str) -> Option<Vec<u8>> {
    if let Some(raw) = lit.strip_prefix('`').and_then(|l| l.strip_suffix('`')) {
        return Some(raw.replace('\r', "").into_bytes());
    }
    let body = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut bytes = Vec::with_capacity(body.len());
    let mut s = body.as_bytes();
    let mut pieces = Vec::new();
    while !s.is_empty() {
        s = unquote_one(s, b'"', &mut pieces)?;
        for p in pieces.drain(..) {
            match p {
                Piece::Byte(b) => bytes.push(b),
                Piece::Char(c) => {
                    let ch = char::from_u32(c).unwrap_or('\u{FFFD}');
                    let mut buf = [0; 4];
                    bytes.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
    }
    Some(bytes)
}

/// `strconv.Quote`: Go's double-quoted form of a string; bytes that are not
/// UTF-8 print as `\xNN`.
pub fn go_quote(s: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for chunk in s.utf8_chunks() {
        go_quote_valid(&mut out, chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out.push('"');
    out
}

fn go_quote_valid(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
}

/// An approximation of `strconv.IsPrint` good for constant messages:
/// printable unless a control, a format character or a non-character.
fn is_go_printable(c: char) -> bool {
    let u = c as u32;
    !(u < 0x20
        || (0x7f..0xa0).contains(&u)
        || u == 0xad
        || (0xfff9..=0xfffb).contains(&u)
        || u == 0xfeff
        || (0x200b..=0x200f).contains(&u)
        || (0x2028..=0x202e).contains(&u)
        || (0x2060..=0x206f).contains(&u)
        || (0xe000..=0xf8ff).contains(&u)
        || (0xfdd0..=0xfdef).contains(&u)
        || u & 0xfffe == 0xfffe)
}

// ---------------------------------------------------------------------------
// Formatting (`constant.Value.String`)

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Unknown => f.write_str("unknown"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::String(s) => {
                // A possibly shortened quoted form (at most 72 runes).
                const MAX_LEN: usize = 72;
                let q = go_quote(s);
                if q.chars().count() > MAX_LEN {
                    let cut: String = q.chars().take(MAX_LEN - 3).collect();
                    write!(f, "{cut}...")
                } else {
                    f.write_str(&q)
                }
            }
            Value::Int(i) => write!(f, "{i}"),
            Value::Rat(r) => f.write_str(&float_string(&BigFloat::from_rat(r), r.is_integer())),
            Value::Float(x) => f.write_str(&float_string(x, x.to_int().is_some())),
            Value::Complex(re, im) => write!(f, "({re} + {im}i)"),
        }
    }
}

/// `floatVal.String`: `%.6g` of the nearest float64 when in range (with more
/// digits if that would hide a fraction), else an approximate `d.ddddde±N`.
fn float_string(x: &BigFloat, is_int: bool) -> String {
    let v = x.to_f64();
    if (x.sign() == Sign::NoSign) == (v == 0.0) && v.is_finite() {
        let s = format_g(v, Some(6));
        if !is_int && !s.contains('.') {
            return format_g(v, None);
        }
        return s;
    }
    // Out of float64 range: approximate decimal conversion.
    let exp = x.mant_exp();
    let mant = BigFloat {
        mant: x.mant.clone(),
        exp: x.exp - exp,
    };
    let mut m = mant.to_f64();
    let d = exp as f64 * (std::f64::consts::LN_2 / std::f64::consts::LN_10);
    let mut e = d as i64;
    m *= 10f64.powf(d - e as f64);
    let am = m.abs();
    if am < 1.0 - 0.5e-6 {
        m *= 10.0;
        e -= 1;
    } else if am >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    format!("{}e{:+}", format_g(m, Some(6)), e)
}

/// Go's `%g` (shortest, `prec = None`) or `%.Ng` formatting of a float64.
pub fn format_g(v: f64, prec: Option<usize>) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let neg = v.is_sign_negative();
    let a = v.abs();
    // Decimal digits and the position of the decimal point (0.d1d2… × 10^dp).
    let sci = match prec {
        None => format!("{a:e}"),
        Some(p) => format!("{:.*e}", p.max(1) - 1, a),
    };
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    let (nd, dp) = if a == 0.0 {
        (0, 0)
    } else {
        (digits.len() as i64, exp + 1)
    };
    if a == 0.0 {
        digits.clear();
    }
    let shortest = prec.is_none();
    let mut p = prec.map_or(nd, |p| p.max(1) as i64);
    let mut eprec = p;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    if shortest {
        eprec = 6;
    }
    let x = dp - 1;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if x < -4 || x >= eprec {
        if p > nd {
            p = nd;
        }
        let p = (p - 1).max(0) as usize;
        out.push(digits.first().map_or('0', |&d| d as char));
        if p > 0 {
            out.push('.');
            for i in 1..=p {
                out.push(digits.get(i).map_or('0', |&d| d as char));
            }
        }
        let e = if nd == 0 { 0 } else { x };
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", e.abs()));
        return out;
    }
    if p > dp {
        p = nd;
    }
    let frac = (p - dp).max(0);
    // Integer part.
    if dp > 0 {
        for i in 0..dp {
            out.push(digits.get(i as usize).map_or('0', |&d| d as char));
        }
    } else {
        out.push('0');
    }
    if frac > 0 {
        out.push('.');
        for i in 0..frac {
            let idx = dp + i;
            out.push(if idx < 0 {
                '0'
            } else {
                digits.get(idx as usize).map_or('0', |&d| d as char)
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Operations

/// Brings two numeric values to the same representation (`go/constant`'s
/// `match`): the larger of the two kinds' representations.
fn ord(x: &Value) -> u8 {
    match x {
        Value::Unknown => 0,
        Value::Bool(_) | Value::String(_) => 1,
        Value::Int(_) => 2,
        Value::Rat(_) => 3,
        Value::Float(_) => 4,
        Value::Complex(..) => 5,
    }
}

fn promote(x: &Value, to: u8) -> Value {
    match (x, to) {
        (Value::Int(i), 3) if small_int(i) => Value::Rat(BigRational::from_integer(i.clone())),
        (Value::Int(i), 3 | 4) => Value::Float(BigFloat::from_int(i)),
        (Value::Rat(r), 4) => Value::Float(BigFloat::from_rat(r)),
        (Value::Int(_) | Value::Rat(_) | Value::Float(_), 5) => x.to_complex(),
        _ => x.clone(),
    }
}

fn match_values(x: &Value, y: &Value) -> (Value, Value) {
    let (ox, oy) = (ord(x), ord(y));
    let mut to = ox.max(oy);
    // An Int that is too large to be a fraction drives both to Float.
    if to == 3
        && [x, y]
            .iter()
            .any(|v| matches!(v, Value::Int(i) if !small_int(i)))
    {
        to = 4;
    }
    (promote(x, to), promote(y, to))
}

fn as_float(x: &Value) -> BigFloat {
    match x {
        Value::Int(i) => BigFloat::from_int(i),
        Value::Rat(r) => BigFloat::from_rat(r),
        Value::Float(f) => f.clone(),
        _ => BigFloat::zero(),
    }
}

/// `op y` (`constant.UnaryOp`); `prec` > 0 gives the width of `^` on an
/// unsigned type.
pub fn unary_op(op: Op, y: &Value, prec: u32) -> Value {
    match (op, y) {
        (Op::Add, Value::Int(_) | Value::Rat(_) | Value::Float(_) | Value::Complex(..)) => {
            y.clone()
        }
        (Op::Sub, Value::Int(i)) => Value::Int(-i),
        (Op::Sub, Value::Rat(r)) => Value::Rat(-r),
        (Op::Sub, Value::Float(f)) => make_float(f.neg()),
        (Op::Sub, Value::Complex(re, im)) => {
            make_complex(unary_op(Op::Sub, re, 0), unary_op(Op::Sub, im, 0))
        }
        (Op::Xor, Value::Int(i)) => {
            let z = !i;
            if prec > 0 {
                // z &^ (-1 << prec): keep the low prec bits (unsigned).
                Value::Int(z & ((BigInt::one() << prec) - 1u32))
            } else {
                Value::Int(z)
            }
        }
        (Op::Not, Value::Bool(b)) => Value::Bool(!b),
        _ => Value::Unknown,
    }
}

/// `x op y` for arithmetic and logical operators (`constant.BinaryOp`).
/// Integer division by zero yields `Unknown`; callers check first.
/// Whether `a` is -2⁶³ (`math.MinInt64`).
fn is_min_i64(a: &BigInt) -> bool {
    *a == BigInt::from(i64::MIN)
}

pub fn binary_op(x: &Value, op: Op, y: &Value) -> Value {
    let (x, y) = match_values(x, y);
    match (&x, &y) {
        (Value::Bool(a), Value::Bool(b)) => match op {
            Op::LAnd => Value::Bool(*a && *b),
            Op::LOr => Value::Bool(*a || *b),
            _ => Value::Unknown,
        },
        (Value::String(a), Value::String(b)) if op == Op::Add => {
            Value::String(Rc::from([&a[..], &b[..]].concat()))
        }
        (Value::Int(a), Value::Int(b)) => match op {
            Op::Add => Value::Int(a + b),
            Op::Sub => Value::Int(a - b),
            Op::Mul => Value::Int(a * b),
            Op::Quo => {
                if b.is_zero() {
                    Value::Unknown
                } else {
                    make_rat(BigRational::new(a.clone(), b.clone()))
                }
            }
            Op::IntQuo if b.is_zero() => Value::Unknown,
            // go/constant divides int64-sized values with Go's `/`, so
            // MinInt64 / -1 wraps to MinInt64; gc (and rgo) inherit that.
            Op::IntQuo if is_min_i64(a) && *b == BigInt::from(-1) => Value::Int(a.clone()),
            Op::IntQuo => Value::Int(a / b), // truncated, as Go's Quo
            Op::Rem if b.is_zero() => Value::Unknown,
            Op::Rem => Value::Int(a % b),
            Op::And => Value::Int(a & b),
            Op::Or => Value::Int(a | b),
            Op::Xor => Value::Int(a ^ b),
            Op::AndNot => Value::Int(a & !b),
            _ => Value::Unknown,
        },
        (Value::Rat(a), Value::Rat(b)) => match op {
            Op::Add => make_rat(a + b),
            Op::Sub => make_rat(a - b),
            Op::Mul => make_rat(a * b),
            Op::Quo if b.is_zero() => Value::Unknown,
            Op::Quo => make_rat(a / b),
            _ => Value::Unknown,
        },
        (Value::Float(a), Value::Float(b)) => match op {
            Op::Add => make_float(a.add(b)),
            Op::Sub => make_float(a.add(&b.neg())),
            Op::Mul => make_float(a.mul(b)),
            Op::Quo if b.sign() == Sign::NoSign => Value::Unknown,
            Op::Quo => make_float(a.quo(b)),
            _ => Value::Unknown,
        },
        (Value::Complex(a, b), Value::Complex(c, d)) => {
            let (a, b, c, d) = (&**a, &**b, &**c, &**d);
            match op {
                Op::Add => make_complex(binary_op(a, Op::Add, c), binary_op(b, Op::Add, d)),
                Op::Sub => make_complex(binary_op(a, Op::Sub, c), binary_op(b, Op::Sub, d)),
                Op::Mul => {
                    // (ac - bd) + i(bc + ad)
                    let ac = binary_op(a, Op::Mul, c);
                    let bd = binary_op(b, Op::Mul, d);
                    let bc = binary_op(b, Op::Mul, c);
                    let ad = binary_op(a, Op::Mul, d);
                    make_complex(binary_op(&ac, Op::Sub, &bd), binary_op(&bc, Op::Add, &ad))
                }
                Op::Quo => {
                    // ((ac + bd) + i(bc - ad)) / (cc + dd)
                    let ac = binary_op(a, Op::Mul, c);
                    let bd = binary_op(b, Op::Mul, d);
                    let bc = binary_op(b, Op::Mul, c);
                    let ad = binary_op(a, Op::Mul, d);
                    let cc = binary_op(c, Op::Mul, c);
                    let dd = binary_op(d, Op::Mul, d);
                    let s = binary_op(&cc, Op::Add, &dd);
                    if s.sign() == 0 {
                        return Value::Unknown;
                    }
                    let re = binary_op(&ac, Op::Add, &bd);
                    let im = binary_op(&bc, Op::Sub, &ad);
                    make_complex(binary_op(&re, Op::Quo, &s), binary_op(&im, Op::Quo, &s))
                }
                _ => Value::Unknown,
            }
        }
        _ => Value::Unknown,
    }
}

/// `x << s` or `x >> s` for an integer `x` (`constant.Shift`).
pub fn shift(x: &Value, op: Op, s: u64) -> Value {
    match x {
        Value::Int(i) => match op {
            Op::Shl => {
                if s > 1 << 20 && !i.is_zero() {
                    return Value::Unknown; // far beyond any representable constant
                }
                Value::Int(i << s)
            }
            Op::Shr => Value::Int(i >> s), // arithmetic shift: rounds toward -inf as Go's Rsh
            _ => Value::Unknown,
        },
        _ => Value::Unknown,
    }
}

/// `x op y` for comparison operators (`constant.Compare`).
pub fn compare(x: &Value, op: Op, y: &Value) -> bool {
    let (x, y) = match_values(x, y);
    let ord = match (&x, &y) {
        (Value::Bool(a), Value::Bool(b)) => {
            return match op {
                Op::Eql => a == b,
                Op::Neq => a != b,
                _ => false,
            };
        }
        (Value::Complex(a, b), Value::Complex(c, d)) => {
            let eq = compare(a, Op::Eql, c) && compare(b, Op::Eql, d);
            return match op {
                Op::Eql => eq,
                Op::Neq => !eq,
                _ => false,
            };
        }
        (Value::String(a), Value::String(b)) => a.cmp(b),
        (Value::Int(a), Value::Int(b)) => a.cmp(b),
        (Value::Rat(a), Value::Rat(b)) => a.cmp(b),
        (Value::Float(_), Value::Float(_)) => as_float(&x).cmp(&as_float(&y)),
        _ => return false,
    };
    match op {
        Op::Eql => ord == Ordering::Equal,
        Op::Neq => ord != Ordering::Equal,
        Op::Lss => ord == Ordering::Less,
        Op::Leq => ord != Ordering::Greater,
        Op::Gtr => ord == Ordering::Greater,
        Op::Geq => ord != Ordering::Less,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str, k: LitKind) -> Value {
        Value::from_literal(s, k)
    }

    // Expected strings were produced by go/constant in go1.26.8
    // (constant.MakeFromLiteral(...).String() / ExactString()).
    #[test]
    fn literals_and_strings() {
        assert_eq!(lit("0x_1F", LitKind::Int).to_string(), "31");
        assert_eq!(lit("0o17", LitKind::Int).to_string(), "15");
        assert_eq!(lit("017", LitKind::Int).to_string(), "15");
        assert_eq!(lit("0b101", LitKind::Int).to_string(), "5");
        assert_eq!(lit("1_000_000", LitKind::Int).to_string(), "1000000");
        assert_eq!(lit("1.5", LitKind::Float).to_string(), "1.5");
        assert_eq!(lit("1e6", LitKind::Float).to_string(), "1e+06");
        assert_eq!(lit("0.1", LitKind::Float).to_string(), "0.1");
        assert_eq!(lit("1e-7", LitKind::Float).to_string(), "1e-07");
        assert_eq!(
            lit("3.14159265358979", LitKind::Float).to_string(),
            "3.14159"
        );
        assert_eq!(lit("0x1p-2", LitKind::Float).to_string(), "0.25");
        assert_eq!(lit("1e1000", LitKind::Float).to_string(), "1e+1000");
        assert_eq!(lit("2.5i", LitKind::Imag).to_string(), "(0 + 2.5i)");
        assert_eq!(lit("'a'", LitKind::Rune).to_string(), "97");
        assert_eq!(lit(r"'\n'", LitKind::Rune).to_string(), "10");
        assert_eq!(lit(r"'\u00e9'", LitKind::Rune).to_string(), "233");
        assert_eq!(lit(r#""a\tb""#, LitKind::String).to_string(), r#""a\tb""#);
        assert_eq!(lit("`raw`", LitKind::String).as_str(), Some("raw"));
        assert_eq!(lit("1.0", LitKind::Float).kind(), Kind::Float);
        assert_eq!(lit("0.5", LitKind::Float).exact_string(), "1/2");
        assert_eq!(lit("0123i", LitKind::Imag).to_string(), "(0 + 123i)");
        assert_eq!(lit("0x1i", LitKind::Imag).to_string(), "(0 + 1i)");
        assert_eq!(lit("2.5i", LitKind::Imag).exact_string(), "(0 + 5/2i)");
        assert_eq!(lit("1e-1000", LitKind::Float).to_string(), "1e-1000");
        assert_eq!(
            lit("123456789e-3", LitKind::Float).to_string(),
            "123456.789"
        );
        assert_eq!(lit("1e100000", LitKind::Float).to_string(), "1e+100000");
    }

    #[test]
    fn arithmetic() {
        let third = binary_op(&Value::int(1), Op::Quo, &Value::int(3));
        assert_eq!(third.kind(), Kind::Float);
        assert_eq!(third.to_string(), "0.333333");
        let one = binary_op(
            &binary_op(&third, Op::Mul, &Value::int(3)),
            Op::Add,
            &Value::int(0),
        );
        assert!(compare(&one, Op::Eql, &Value::int(1)));
        assert_eq!(
            binary_op(&Value::int(-7), Op::IntQuo, &Value::int(2)).to_string(),
            "-3"
        );
        assert_eq!(
            binary_op(&Value::int(-7), Op::Rem, &Value::int(2)).to_string(),
            "-1"
        );
        assert_eq!(
            shift(&Value::int(1), Op::Shl, 100).to_string(),
            "1267650600228229401496703205376"
        );
        assert_eq!(shift(&Value::int(-5), Op::Shr, 1).to_string(), "-3");
        assert_eq!(unary_op(Op::Xor, &Value::int(0), 8).to_string(), "255");
        assert_eq!(unary_op(Op::Xor, &Value::int(0), 0).to_string(), "-1");
        assert_eq!(third.to_int(), Value::Unknown);
        let big = shift(&Value::int(1), Op::Shl, 600);
        assert_eq!(big.bit_len(), 601);
    }

    #[test]
    fn float64_conversion() {
        assert_eq!(lit("0.1", LitKind::Float).to_f64(), (0.1, false));
        assert_eq!(lit("0.5", LitKind::Float).to_f64(), (0.5, true));
        assert_eq!(lit("1e400", LitKind::Float).to_f64().0, f64::INFINITY);
        assert_eq!(
            lit("4.9406564584124654e-324", LitKind::Float).to_f64().0,
            5e-324
        );
        assert_eq!(
            lit("1.7976931348623157e308", LitKind::Float).to_f64().0,
            f64::MAX
        );
        assert_eq!(
            lit("16777217", LitKind::Float).to_f32(),
            (16777216.0, false)
        );
        assert_eq!(Value::from_f64(0.1).to_f64(), (0.1, true));
    }

    #[test]
    fn go_g_formatting() {
        assert_eq!(format_g(100000.0, Some(6)), "100000");
        assert_eq!(format_g(1000000.0, Some(6)), "1e+06");
        assert_eq!(format_g(0.0001, Some(6)), "0.0001");
        assert_eq!(format_g(0.00001, Some(6)), "1e-05");
        assert_eq!(format_g(1.0 / 3.0, None), "0.3333333333333333");
        assert_eq!(format_g(1e21, None), "1e+21");
        assert_eq!(format_g(123456789.0, None), "1.23456789e+08");
        assert_eq!(format_g(0.0, Some(6)), "0");
        assert_eq!(format_g(-2.5, Some(6)), "-2.5");
    }
}
