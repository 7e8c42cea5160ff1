// errorcheck

// Array lengths must be non-negative integer constants representable as int.

package p

var n = 3

const fl = 1.5

type A [n]int // ERROR "invalid array length n"
type B [-1]int // ERROR "invalid array length -1 \(untyped int constant\)"
type C [fl]int // ERROR "array length fl \(untyped float constant 1\.5\) must be integer"
type D ["x"]int // ERROR "array length .x. \(untyped string constant\) must be integer"
type E [1 << 70]int // ERROR "invalid array length 1 << 70 \(untyped int constant 1180591620717411303424\)"
type F [2.0]int // ok
type G [len("abc")]int // ok
type H [len([]int{})]int // ERROR "array length len\(\[\]int\{\}\) \(value of type int\) must be constant"

func f() {
	var a [n]int // ERROR "invalid array length n"
	_ = a
	var b [1e3]byte // ok
	_ = b
}
