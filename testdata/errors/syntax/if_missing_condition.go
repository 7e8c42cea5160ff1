// errorcheck

// An if statement with an init statement and no condition.

package p

func f() {
	if x := 1; { // ERROR "missing condition in if statement"
	}
}
