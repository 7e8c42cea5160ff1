// errorcheck

// A map type without its element type.

package p

var m map[string] // ERROR "unexpected newline, expected type"
