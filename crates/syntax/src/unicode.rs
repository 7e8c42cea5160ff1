//! The Unicode predicates and rune formats gc's scanner uses: Go's
//! `unicode.IsLetter`/`IsDigit`/`IsPrint` (by general category) and the
//! `%#U` and `%q` renderings of a rune in error messages.

use unicode_general_category::{GeneralCategory as G, get_general_category};

fn category(c: u32) -> Option<G> {
    char::from_u32(c).map(get_general_category)
}

/// Go's `unicode.IsLetter`: categories Lu, Ll, Lt, Lm, Lo.
pub fn is_letter(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_alphabetic();
    }
    matches!(
        category(c),
        Some(
            G::UppercaseLetter
                | G::LowercaseLetter
                | G::TitlecaseLetter
                | G::ModifierLetter
                | G::OtherLetter
        )
    )
}

/// Go's `unicode.IsDigit`: category Nd.
pub fn is_digit(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_digit();
    }
    matches!(category(c), Some(G::DecimalNumber))
}

/// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and
/// the ASCII space.
pub fn is_print(c: u32) -> bool {
    if c < 0x80 {
        return (0x20..0x7f).contains(&c);
    }
    use G::*;
    matches!(
        category(c),
        Some(
            UppercaseLetter
                | LowercaseLetter
                | TitlecaseLetter
                | ModifierLetter
                | OtherLetter
                | NonspacingMark
                | SpacingMark
                | EnclosingMark
                | DecimalNumber
                | LetterNumber
                | OtherNumber
                | ConnectorPunctuation
                | DashPunctuation
                | OpenPunctuation
                | ClosePunctuation
                | InitialPunctuation
                | FinalPunctuation
                | OtherPunctuation
                | MathSymbol
                | CurrencySymbol
                | ModifierSymbol
                | OtherSymbol
        )
    )
}

/// Go's `fmt.Sprintf("%#U", c)`: `U+0040 '@'`, or `U+0000` when unprintable.
pub fn format_u(c: u32) -> String {
    match char::from_u32(c) {
        Some(ch) if is_print(c) => format!("U+{c:04X} '{ch}'"),
        _ => format!("U+{c:04X}"),
    }
}

/// Go's `strconv.QuoteRune(c)` (`%q` of a rune): `'a'`, `'\n'`, `'\x00'`.
pub fn quote_rune(c: u32) -> String {
    let mut s = String::from("'");
    push_escaped(&mut s, c, '\'');
    s.push('\'');
    s
}

/// Appends `c` escaped as Go's strconv does inside `quote` quotes.
pub fn push_escaped(s: &mut String, c: u32, quote: char) {
    if c == quote as u32 || c == '\\' as u32 {
        s.push('\\');
        s.push(char::from_u32(c).unwrap_or('\u{fffd}'));
        return;
    }
    if is_print(c) {
        s.push(char::from_u32(c).unwrap_or('\u{fffd}'));
        return;
    }
    match c {
        7 => s.push_str("\\a"),
        8 => s.push_str("\\b"),
        0xc => s.push_str("\\f"),
        0xa => s.push_str("\\n"),
        0xd => s.push_str("\\r"),
        9 => s.push_str("\\t"),
        0xb => s.push_str("\\v"),
        c if c < 0x20 || c == 0x7f => s.push_str(&format!("\\x{c:02x}")),
        c if char::from_u32(c).is_none() => s.push_str("\\ufffd"),
        c if c < 0x10000 => s.push_str(&format!("\\u{c:04x}")),
        c => s.push_str(&format!("\\U{c:08x}")),
    }
}
