// errorcheck

// Constant declarations: non-constant initializers, invalid constant types,
// iota outside constant declarations, missing initializers.

package p

var v = 1

func f() int { return 0 }

const a = v // ERROR "v \(variable of type int\) is not constant"
const b = f() // ERROR "f\(\) \(value of type int\) is not constant"
const c = len([]int{}) // ERROR "len\(\[\]int\{\}\) \(value of type int\) is not constant"
const d = len([3]int{}) // ok
const e []int = nil // ERROR "invalid constant type \[\]int"
const g = iota // ok: 0
var h = iota // ERROR "cannot use iota outside constant declaration"
const i int = "x" // ERROR "cannot use .x. \(untyped string constant\) as int value in constant declaration"
const j, k = 1 // ERROR "missing init expr for k"
const (
	l = iota * 10
	m          // ok: repeats l's expression
	n, o = 1 // ERROR "missing init expr for o"
)
type S struct{}

const s = S{} // ERROR "S\{\} \(value of struct type S\) is not constant"
const p = &v // ERROR "&v \(value of type \*int\) is not constant"

func q() {
	_ = iota // ERROR "cannot use iota outside constant declaration"
	const r = iota // ok
}
