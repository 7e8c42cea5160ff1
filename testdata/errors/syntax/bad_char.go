// errorcheck

// An invalid character is a scanner error; the parser goes on and reports
// the next syntax error on the same line too.

package p

var x = 1 @ 2 // ERROR "invalid character U\+0040 .@." "unexpected literal 2 after top level declaration"
