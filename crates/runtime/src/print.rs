//! The `print` and `println` built-ins' formatting (`runtime/print.go`).
//!
//! Integers print in decimal, booleans as `true`/`false`, floats as
//! `strconv.FormatFloat(f, 'g', -1, 64)` (or 32 for `float32`): the
//! shortest digits that round-trip, in `%e` form when the decimal exponent
//! is below -4 or at least 6, and `+Inf`, `-Inf`, `NaN`.

/// Appends `v` as Go's print prints a float64 (`bits` = 64) or a float32
/// (`bits` = 32, `v` holding the float32 value).
pub fn format_float(out: &mut Vec<u8>, v: f64, bits: u32) {
    if v.is_nan() {
        out.extend_from_slice(b"NaN");
        return;
    }
    if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 { b"+Inf" } else { b"-Inf" });
        return;
    }
    // Shortest round-trip digits and decimal exponent, from Rust's `{:e}`.
    let e = if bits == 32 {
        format!("{:e}", v as f32)
    } else {
        format!("{v:e}")
    };
    let (mant, exp) = e.split_once('e').expect("exponent form");
    let exp: i32 = exp.parse().expect("exponent");
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    if neg {
        out.push(b'-');
    }
    if digits == "0" {
        out.push(b'0');
        return;
    }
    // %g with shortest precision: exponent form when exp < -4 or exp >= 6
    // (strconv's `%g` rule, whose precision is 6 for shortest formatting).
    let nd = digits.len();
    if !(-4..6).contains(&exp) {
        out.push(digits.as_bytes()[0]);
        if nd > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits.as_bytes()[1..]);
        }
        let sign = if exp < 0 { '-' } else { '+' };
        let ea = exp.unsigned_abs();
        out.extend_from_slice(format!("e{sign}{ea:02}").as_bytes());
    } else if exp < 0 {
        out.extend_from_slice(b"0.");
        for _ in 0..(-exp - 1) {
            out.push(b'0');
        }
        out.extend_from_slice(digits.as_bytes());
    } else {
        let point = exp as usize + 1;
        if digits.len() <= point {
            out.extend_from_slice(digits.as_bytes());
            for _ in digits.len()..point {
                out.push(b'0');
            }
        } else {
            out.extend_from_slice(&digits.as_bytes()[..point]);
            out.push(b'.');
            out.extend_from_slice(&digits.as_bytes()[point..]);
        }
    }
}

/// Decodes the first UTF-8 sequence of `b` as Go's `for range` over a
/// string does: the rune and its width; an invalid or truncated sequence
/// is U+FFFD of width 1.
pub fn decode_rune(b: &[u8]) -> (u32, usize) {
    let Some(&b0) = b.first() else {
        return (0xFFFD, 1);
    };
    if b0 < 0x80 {
        return (b0 as u32, 1);
    }
    let take = b.len().min(4);
    match std::str::from_utf8(&b[..take]) {
        Ok(s) => s
            .chars()
            .next()
            .map_or((0xFFFD, 1), |c| (c as u32, c.len_utf8())),
        Err(e) if e.valid_up_to() > 0 => {
            let s = std::str::from_utf8(&b[..e.valid_up_to()]).unwrap_or_default();
            s.chars()
                .next()
                .map_or((0xFFFD, 1), |c| (c as u32, c.len_utf8()))
        }
        Err(_) => (0xFFFD, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::format_float;

    fn f(v: f64) -> String {
        let mut out = Vec::new();
        format_float(&mut out, v, 64);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn go_print_floats() {
        // Outputs of Go 1.26's println.
        assert_eq!(f(1.5), "1.5");
        assert_eq!(f(1e21), "1e+21");
        assert_eq!(f(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(f(100.0), "100");
        assert_eq!(f(0.0), "0");
        assert_eq!(f(1e-7), "1e-07");
        assert_eq!(f(123456789.0), "1.23456789e+08");
        assert_eq!(f(1234567.0), "1.234567e+06");
        assert_eq!(f(123456.0), "123456");
        assert_eq!(f(2.5e-310), "2.5e-310");
        assert_eq!(f(f64::INFINITY), "+Inf");
        assert_eq!(f(f64::NAN), "NaN");
        let mut out = Vec::new();
        format_float(&mut out, 1.1f32 as f64, 32);
        assert_eq!(out, b"1.1");
    }
}
