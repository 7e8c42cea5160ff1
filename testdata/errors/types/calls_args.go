// errorcheck

// Calls with the wrong number of arguments (with gc's have/want lines),
// calls of non-functions, and variadic misuse.

package p

func f0()                  {}
func f2(a int, b string)   {}
func v(a int, xs ...int)   {}
func two() (int, int)      { return 1, 2 }
func three() (int, int, int) { return 1, 2, 3 }

func g() {
	f0(1) // ERROR "too many arguments in call to f0"
	f2(1) // ERROR "not enough arguments in call to f2"
	f2(1, "a", 3) // ERROR "too many arguments in call to f2"
	f2() // ERROR "not enough arguments in call to f2"
	f2(two()) // ERROR "cannot use two\(\) \(value of type int\) as string value in argument to f2"
	v() // ERROR "not enough arguments in call to v"
	v(1, 2, 3) // ok
	xs := []int{1}
	v(1, xs...) // ok
	v(1, 2, xs...) // ERROR "too many arguments in call to v"
	v(xs...) // ERROR "not enough arguments in call to v"
	f2(1, xs...) // ERROR "cannot use \.\.\. in call to non-variadic f2"
	v(1, "a"...) // ERROR "cannot use .a. \(untyped string constant\) as \[\]int value in argument to v"
	v(two())    // ok
	f2(three()) // ERROR "too many arguments in call to f2"
	x := 1
	x() // ERROR "invalid operation: cannot call x \(variable of type int\): int is not a function"
	"s"() // ERROR "invalid operation: cannot call .s. \(untyped string constant\): untyped string is not a function"
	var ip *int
	ip() // ERROR "invalid operation: cannot call ip \(variable of type \*int\): \*int is not a function"
	_ = append(xs, xs) // ERROR "cannot use xs \(variable of type \[\]int\) as int value in argument to append"
}
