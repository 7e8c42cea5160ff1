// errorcheck

// An if header must be followed by a block on the same line.

package p

func f(b bool) {
	if b
		return // ERROR "unexpected keyword return, expected expression"
	}
}
