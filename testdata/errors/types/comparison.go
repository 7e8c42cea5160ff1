// errorcheck

// Comparisons: uncomparable types, slices/maps/funcs compared with non-nil,
// ordered comparisons of unordered types, mismatched types.

package p

type S struct{ xs []int }
type A [2][]int

func f(a, b []int, m map[int]int, fn func(), s1, s2 S, x, y A, c1, c2 complex128, i interface{}, p *int, q *string) {
	_ = a == b // ERROR "invalid operation: a == b \(slice can only be compared to nil\)"
	_ = a == nil // ok
	_ = m == m // ERROR "invalid operation: m == m \(map can only be compared to nil\)"
	_ = fn == fn // ERROR "invalid operation: fn == fn \(func can only be compared to nil\)"
	_ = fn == nil // ok
	_ = s1 == s2 // ERROR "invalid operation: s1 == s2 \(struct containing \[\]int cannot be compared\)"
	_ = x == y // ERROR "invalid operation: x == y \(A cannot be compared\)"
	_ = c1 < c2 // ERROR "invalid operation: c1 < c2 \(operator < not defined on complex128\)"
	_ = p < p // ERROR "invalid operation: p < p \(operator < not defined on pointer\)"
	_ = p == q // ERROR "invalid operation: p == q \(mismatched types \*int and \*string\)"
	_ = i == a // ERROR "invalid operation: i == a \(slice can only be compared to nil\)"
	_ = i == 1 // ok
	_ = true < false // ERROR "invalid operation: true < false \(operator < not defined on untyped bool\)"
	_ = nil == nil // ERROR "invalid operation: nil == nil \(operator == not defined on untyped nil\)"
	_ = m != nil // ok
	_ = 1 == "a" // ERROR "invalid operation: 1 == .a. \(mismatched types untyped int and untyped string\)"
	var ch chan int
	_ = ch < ch // ERROR "invalid operation: ch < ch \(operator < not defined on chan\)"
	_ = s1 != S{} // ERROR "invalid operation: s1 != S\{\} \(struct containing \[\]int cannot be compared\)"
}
