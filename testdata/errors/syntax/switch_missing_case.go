// errorcheck

// A switch clause without case.

package p

func f(x int) {
	switch x {
	1: // ERROR "unexpected literal 1, expected case or default or }"
	}
}
