// errorcheck

// Shifts: negative or non-integer shift counts, shifting floats and other
// non-integers, and untyped constant shifts that become floats.

package p

func f(i int, u uint, fl float64, s string) {
	_ = i << -1 // ERROR "invalid operation: negative shift count -1 \(untyped int constant\)"
	_ = i << 1.5 // ERROR "1\.5 \(untyped float constant\) truncated to uint"
	_ = i << fl // ERROR "invalid operation: shift count fl \(variable of type float64\) must be integer"
	_ = i << s // ERROR "invalid operation: shift count s \(variable of type string\) must be integer"
	_ = fl << 2 // ERROR "invalid operation: shifted operand fl \(variable of type float64\) must be integer"
	_ = s >> 1 // ERROR "invalid operation: shifted operand s \(variable of type string\) must be integer"
	_ = 1.5 << 2 // ERROR "invalid operation: shifted operand 1\.5 \(untyped float constant\) must be integer"
	_ = i << u // ok
	_ = i << i // ok since Go 1.13
	var x float64 = 1 << u // ERROR "invalid operation: shifted operand 1 \(type float64\) must be integer"
	var y = 2.0 << u // the untyped 2.0 takes the default type float64 // ERROR "invalid operation: shifted operand 2\.0 \(type float64\) must be integer"
	_ = x
	_ = y
	const c = 1 << 1000 // ERROR "constant shift overflow"
	const d = 1 << 10000 // ERROR "invalid operation: invalid shift count 10000 \(untyped int constant\)"
	_ = 1 << 64 // ERROR "cannot use 1 << 64 \(untyped int constant 18446744073709551616\) as int value in assignment to _ identifier \(overflows\)"
	var z int64 = 1 << 64 // ERROR "cannot use 1 << 64 \(untyped int constant 18446744073709551616\) as int64 value in variable declaration \(overflows\)"
	_ = z
}
