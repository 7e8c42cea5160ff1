// errorcheck

// make and new: invalid types, missing or extra sizes, negative or
// non-integer sizes, len > cap.

package p

type T struct{}

func f(n int, fl float64) {
	_ = make(int) // ERROR "invalid argument: cannot make int: type must be slice, map, or channel"
	_ = make([]int) // ERROR "invalid operation: make\(\[\]int\) expects 2 or 3 arguments; found 1"
	_ = make([]int, -1) // ERROR "invalid argument: index -1 \(constant of type int\) must not be negative"
	_ = make([]int, 1.5) // ERROR "1\.5 \(untyped float constant\) truncated to int"
	_ = make([]int, 10, 5) // ERROR "invalid argument: length and capacity swapped"
	_ = make([]int, 1, 2, 3) // ERROR "invalid operation: make\(\[\]int, 1, 2, 3\) expects 2 or 3 arguments; found 4"
	_ = make(map[int]int, 1, 2) // ERROR "invalid operation: make\(map\[int\]int, 1, 2\) expects 1 or 2 arguments; found 3"
	_ = make(chan int, "a") // ERROR "cannot convert .a. \(untyped string constant\) to type int"
	_ = make([]int, fl) // ERROR "invalid argument: index fl \(variable of type float64\) must be integer"
	_ = make(T) // ERROR "invalid argument: cannot make T: type must be slice, map, or channel"
	_ = make([]int, n) // ok
	_ = make(map[string]int) // ok
	_ = make() // ERROR "invalid operation: not enough arguments for make\(\) \(expected 1, found 0\)"
	_ = new(1) // ok since Go 1.26: new(expr) allocates a copy of the value
	_ = new() // ERROR "invalid operation: not enough arguments for new\(\) \(expected 1, found 0\)"
	_ = new(int, int) // ERROR "invalid operation: too many arguments for new\(int, int\) \(expected 1, found 2\)"
	_ = new(T) // ok
	_ = make([]int, 1<<70) // ERROR "1 << 70 \(untyped int constant 1180591620717411303424\) overflows int"
	var _ = new // ERROR "new \(built-in\) must be called"
}
