// errorcheck

// Assignment count mismatches and multi-value expressions in single-value
// contexts.

package p

func two() (int, int) { return 1, 2 }
func none()           {}

func f() {
	var a, b int
	a, b = 1 // ERROR "assignment mismatch: 2 variables but 1 value"
	a = 1, 2 // ERROR "assignment mismatch: 1 variable but 2 values"
	a, b = two(), 1 // ERROR "multiple-value two\(\) \(value of type \(int, int\)\) in single-value context"
	c := two() // ERROR "assignment mismatch: 1 variable but two returns 2 values"
	var d, e, g = 1, 2 // ERROR "missing init expr for g"
	var h int = two() // ERROR "multiple-value two\(\) \(value of type \(int, int\)\) in single-value context"
	_ = two() + 1 // ERROR "multiple-value two\(\) \(value of type \(int, int\)\) in single-value context"
	x, y := none() // ERROR "none\(\) \(no value\) used as value"
	var z = none() // ERROR "none\(\) \(no value\) used as value"
	_, _, _, _, _, _, _ = a, b, c, d, e, g, h
	_, _, _ = x, y, z
}

func r() (int, int) {
	return 1 // ERROR "not enough return values"
}

func r2() int {
	return 1, 2 // ERROR "too many return values"
}

func r3() {
	return 1 // ERROR "too many return values"
}
