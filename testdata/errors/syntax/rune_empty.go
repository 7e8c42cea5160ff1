// errorcheck

// An empty rune literal.

package p

var r = '' // ERROR "empty rune literal or unescaped '"
