// errorcheck

// break outside any loop, switch or select.

package p

func f() {
	break // ERROR "break is not in a loop, switch, or select"
}
