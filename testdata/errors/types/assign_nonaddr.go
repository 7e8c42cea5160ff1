// errorcheck

// Assignments to things that cannot be assigned: constants, function
// results, map struct fields, string bytes, literals, method values, and
// the blank identifier used as a value.

package p

type T struct{ f int }

const c = 1

func get() T  { return T{} }
func getp() *T { return nil }

func f(m map[string]T, mp map[string]*T, s string, a [3]int) {
	c = 2 // ERROR "cannot assign to c \(neither addressable nor a map index expression\)"
	get().f = 1 // ERROR "cannot assign to get\(\)\.f \(neither addressable nor a map index expression\)"
	getp().f = 1 // ok
	m["k"].f = 1 // ERROR "cannot assign to struct field m\[.k.\]\.f in map"
	mp["k"].f = 1 // ok
	s[0] = 'x' // ERROR "cannot assign to s\[0\] \(neither addressable nor a map index expression\)"
	1 = 2 // ERROR "cannot assign to 1 \(neither addressable nor a map index expression\)"
	len(s) = 3 // ERROR "cannot assign to len\(s\) \(neither addressable nor a map index expression\)"
	T{}.f = 1 // ERROR "cannot assign to T\{\}\.f \(neither addressable nor a map index expression\)"
	f = nil // ERROR "cannot assign to f \(neither addressable nor a map index expression\)"
	get = nil // ERROR "cannot assign to get \(neither addressable nor a map index expression\)"
	var x = _ // ERROR "cannot use _ as value or type"
	_ = x
	m["k"] = T{} // ok
	"abc"[0] = 1 // ERROR "cannot assign to .abc.\[0\] \(neither addressable nor a map index expression\)"
	[3]int{}[0] = 1 // ERROR "cannot assign to \[3\]int\{\}\[0\] \(neither addressable nor a map index expression\)"
	a[0] = 1 // ok
}
