// errorcheck

// Missing return statements: gc reports them at the closing brace of the
// function. Terminating statements (panic, infinite for, exhaustive
// if/else, switch with default, select{}, goto) are fine.

package p

func a() int {
} // ERROR "missing return"

func b(x bool) int {
	if x {
		return 1
	}
} // ERROR "missing return"

func c(x int) int {
	switch x {
	case 1:
		return 1
	}
} // ERROR "missing return"

func d() int {
	for {
		break
	}
} // ERROR "missing return"

func e() int { panic("x") }       // ok
func g() int { for {} }          // ok
func h() int { select {} }       // ok
func i(x bool) int {             // ok
	if x {
		return 1
	} else {
		return 2
	}
}
func j(x int) int { // ok
	switch x {
	default:
		return 0
	}
}
func k() (r int) {
	r = 1
} // ERROR "missing return"
var _ = func() int {
} // ERROR "missing return"
