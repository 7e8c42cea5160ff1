// errorcheck

// len and cap: invalid argument types and argument counts.

package p

func f(i int, m map[int]int, s string, p *[3]int, ps *[]int, ch chan int) {
	_ = len(i) // ERROR "invalid argument: i \(variable of type int\) for built-in len"
	_ = cap(m) // ERROR "invalid argument: m \(variable of type map\[int\]int\) for built-in cap"
	_ = cap(s) // ERROR "invalid argument: s \(variable of type string\) for built-in cap"
	_ = len(p) // ok
	_ = len(ps) // ERROR "invalid argument: ps \(variable of type \*\[\]int\) for built-in len"
	_ = len(ch) // ok
	_ = cap(ch) // ok
	_ = len() // ERROR "invalid operation: not enough arguments for len\(\) \(expected 1, found 0\)"
	_ = len(s, s) // ERROR "invalid operation: too many arguments for len\(s, s\) \(expected 1, found 2\)"
	_ = len // ERROR "len \(built-in\) must be called"
	const c = len("abc") // ok
	const d = len(s) // ERROR "len\(s\) \(value of type int\) is not constant"
	var _ [len(p)]int // ok: constant, p is not evaluated
	_ = len(nil) // ERROR "invalid argument: nil for built-in len"
}
