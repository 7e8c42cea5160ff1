// errorcheck

// Invalid recursive types must be reported once and made invalid, so that
// sizes and comparisons computed from them do not recurse forever (this
// program once overflowed rgo's stack).

package p

import "unsafe"

type T struct{ a T } // ERROR "invalid recursive type: T refers to itself"

type A [2]B // ERROR "invalid recursive type A"
type B struct{ x A }

var _ = unsafe.Sizeof(T{})
var _ = T{} == T{}
var _ = T{a: T{}}
