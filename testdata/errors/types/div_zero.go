// errorcheck

// Division by constant zero.

package p

const zero = 0

func f(x int, y float64) {
	_ = x / 0 // ERROR "invalid operation: division by zero"
	_ = x % 0 // ERROR "invalid operation: division by zero"
	_ = 1 / 0 // ERROR "invalid operation: division by zero"
	_ = 1.0 / 0 // ERROR "invalid operation: division by zero"
	_ = x / zero // ERROR "invalid operation: division by zero"
	_ = y / 0 // ok: a float variable divided by constant zero is +Inf/NaN at run time
	x /= 0 // ERROR "invalid operation: division by zero"
	x %= zero // ERROR "invalid operation: division by zero"
	const c = 10 % 0 // ERROR "invalid operation: division by zero"
	_ = 1.5 / 0.0 // ERROR "invalid operation: division by zero"
	var z = 0
	_ = x / z // ok: not a constant
}
