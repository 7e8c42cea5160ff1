// errorcheck

// Initialization cycles among package-level variables and functions, and
// constants defined in terms of themselves.

package p

var a = b // ERROR "initialization cycle for a"
var b = a

var x = f() // ERROR "initialization cycle for x"

func f() int { return x }

var y int = g() // ERROR "initialization cycle for y"

func g() int { return h() }
func h() int { return y }

const c = d // ERROR "initialization cycle for c"
const d = c

var ok1 = ok2 // ok: ok2 does not depend on ok1
var ok2 = 1
