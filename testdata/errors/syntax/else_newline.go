// errorcheck

// else must be on the line of the closing brace of the if block.

package p

func f(b bool) {
	if b {
	}
	else { // ERROR "unexpected keyword else, expected }"
	}
}
