// errorcheck

// An unused label is reported by the parser's branch checks.

package p

func f() {
L: // ERROR "label L defined and not used"
	for {
	}
}
