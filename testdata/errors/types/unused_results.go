// errorcheck

// Expressions evaluated only for their value, used as statements.

package p

func f() int { return 0 }
func g()     {}

type T struct{ x int }

func (T) m() int { return 0 }

func h(x int, s []int, m map[int]int, ch chan int, t T) {
	x + 1 // ERROR "x \+ 1 \(value of type int\) is not used"
	f // ERROR "f \(value of type func\(\) int\) is not used"
	x // ERROR "x \(variable of type int\) is not used"
	len(s) // ERROR "len\(s\) \(value of type int\) is not used"
	s[0] // ERROR "s\[0\] \(variable of type int\) is not used"
	m[1] // ERROR "m\[1\] \(map index expression of type int\) is not used"
	1 // ERROR "1 \(untyped int constant\) is not used"
	"s" // ERROR ".s. \(untyped string constant\) is not used"
	t.x // ERROR "t\.x \(variable of type int\) is not used"
	t.m // ERROR "t\.m \(value of type func\(\) int\) is not used"
	-x // ERROR "-x \(value of type int\) is not used"
	x == 1 // ERROR "x == 1 \(untyped bool value\) is not used"
	<-ch   // ok: receive
	f()    // ok: call
	t.m()  // ok
	int(x) // ERROR "int\(x\) \(value of type int\) is not used"
	T{} // ERROR "T\{\} \(value of struct type T\) is not used"
	func() {} // ERROR "func\(\) \{\} \(value of type func\(\)\) is not used"
	(g)   // a parenthesized function, not a call // ERROR "\(g\) \(value of type func\(\)\) is not used"
	(g()) // ok: a parenthesized call
	cap(s) // ERROR "cap\(s\) \(value of type int\) is not used"
	new(int) // ERROR "new\(int\) \(value of type \*int\) is not used"
}
