// errorcheck

// Type arguments that do not satisfy their constraints: comparable, type
// sets, method constraints; operations not permitted by a constraint.

package p

type Number interface{ ~int | ~float64 }
type Stringer interface{ String() string }

func Sum[T Number](xs ...T) T { var s T; return s }
func Keys[K comparable, V any](m map[K]V) {}
func Str[T Stringer](x T) string { return x.String() }
func Eq[T comparable](a, b T) bool { return a == b }

type MyInt int

func f() {
	_ = Sum("a", "b") // ERROR "string does not satisfy Number \(string missing in ~int \| ~float64\)"
	_ = Sum[string]() // ERROR "string does not satisfy Number \(string missing in ~int \| ~float64\)"
	_ = Sum(MyInt(1)) // ok: ~int
	_ = Str(1) // ERROR "int does not satisfy Stringer \(missing method String\)"
	_ = Eq([]int{}, nil) // ERROR "\[\]int does not satisfy comparable"
	_ = Eq(func() {}, nil) // ERROR "func\(\) does not satisfy comparable"
	_ = Eq[any](1, 2) // ok: any satisfies comparable since Go 1.20
	var n Number // ERROR "cannot use type Number outside a type constraint: interface contains type constraints"
	_ = n
}

func g[T any](a, b T) bool {
	return a == b // ERROR "invalid operation: a == b \(incomparable types in type set\)"
}

func h[T any](x T) T {
	return x + x // ERROR "invalid operation: operator \+ not defined on x \(variable of type T constrained by any\)"
}

func k[T Number](x T) T {
	return x.String() // ERROR "x\.String undefined \(type T has no field or method String\)"
}

func l[T ~[]int | ~string](x T) {
	_ = x[0] // int and byte elements differ // ERROR "cannot index x \(variable of type T constrained by ~\[\]int \| ~string\)"
	_ = len(x)
}
