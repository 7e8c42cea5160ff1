// errorcheck

// Struct composite literals: unknown fields, mixing keyed and positional
// elements, too few or too many values, duplicate fields, unexported fields
// of another package, and missing types.

package p

import (
	"strings"
	"sync"
)

type T struct {
	a int
	b string
}

type E struct {
	T
	c int
}

var _ = T{z: 1} // ERROR "unknown field z in struct literal of type T"
var _ = T{a: 1, "x"} // ERROR "mixture of field:value and value elements in struct literal"
var _ = T{1} // ERROR "too few values in struct literal of type T"
var _ = T{1, "x", 3} // ERROR "too many values in struct literal of type T"
var _ = T{a: 1, a: 2} // ERROR "duplicate field name a in struct literal"
var _ = T{1, 2} // ERROR "cannot use 2 \(untyped int constant\) as string value in struct literal"
var _ = T{a: "x"} // ERROR "cannot use .x. \(untyped string constant\) as int value in struct literal"
var _ = sync.Mutex{state: 1} // ERROR "unknown field state in struct literal of type .sync.\.Mutex"
var _ = sync.Mutex{1, 2} // ERROR "implicit assignment to unexported field _ in struct literal of type .sync.\.Mutex" "implicit assignment to unexported field mu in struct literal of type .sync.\.Mutex"
var _ = strings.Builder{buf: nil} // ERROR "cannot refer to unexported field buf in struct literal of type strings\.Builder"
var _ = E{a: 1} // ERROR "unknown field a in struct literal of type E"
var _ = E{T: T{}, c: 1} // ok
var _ = []T{{1, "x"}, {a: 2}} // ok: elided types
var _ = []*T{{1, "x"}}        // ok: &T elided
var _ = map[T]int{{1, "x"}: 1}
var _ = &T{b: 1} // ERROR "cannot use 1 \(untyped int constant\) as string value in struct literal"
var _ = T{1: 2} // ERROR "invalid field name 1 in struct literal"
var _ = int{1} // ERROR "invalid composite literal type int"
