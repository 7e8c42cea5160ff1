// errorcheck

// A missing comma between call arguments.

package p

func f(a, b int) {}

func g() {
	f(1 2) // ERROR "unexpected literal 2 in argument list; possibly missing comma or \)"
}
