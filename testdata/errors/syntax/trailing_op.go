// errorcheck

// A binary operator with no right operand before the closing brace.

package p

func f() int {
	return 1 +
} // ERROR "unexpected }, expected expression"
