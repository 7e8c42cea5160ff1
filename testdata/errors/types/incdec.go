// errorcheck

// Increment and decrement of non-numeric or non-addressable operands,
// and compound assignment operators on the wrong types.

package p

const k = 1

func f(s string, b bool, p *int, m map[int]string, fl float64, c complex128) {
	s++ // ERROR "invalid operation: s\+\+ \(non-numeric type string\)"
	b-- // ERROR "invalid operation: b-- \(non-numeric type bool\)"
	p++ // ERROR "invalid operation: p\+\+ \(non-numeric type \*int\)"
	m[1]++ // ERROR "invalid operation: m\[1\]\+\+ \(non-numeric type string\)"
	k++ // ERROR "cannot assign to k \(neither addressable nor a map index expression\)"
	fl++ // ok
	c++  // ok
	s += 1 // ERROR "invalid operation: s \+= 1 \(mismatched types string and untyped int\)"
	s -= "a" // ERROR "invalid operation: operator - not defined on s \(variable of type string\)"
	b += true // ERROR "invalid operation: operator \+ not defined on b \(variable of type bool\)"
	fl %= 2 // ERROR "invalid operation: operator % not defined on fl \(variable of type float64\)"
	fl <<= 1 // ERROR "invalid operation: shifted operand fl \(variable of type float64\) must be integer"
	*p++ // ok
	len(s)++ // ERROR "cannot assign to len\(s\) \(neither addressable nor a map index expression\)"
}
