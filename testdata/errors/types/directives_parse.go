// errorcheck

// Directive errors found while parsing: not on a line of their own,
// malformed, or taken by no declaration. (Placement on declarations is not
// judged when there are such errors.)

package p

//go:noinline
var x int

var y int //go:noinline // ERROR "misplaced compiler directive"

//go:linkname // ERROR "usage: //go:linkname localname \[linkname\]"
func k() {}

//go:norace // ERROR "misplaced compiler directive"
