// errorcheck

// Generic functions: type inference failures, use without instantiation,
// wrong number of type arguments, instantiating non-generic things.

package p

func Zero[T any]() T { var z T; return z }
func Pair[K comparable, V any](k K, v V) {}
func Same[T any](a, b T) {}
func Apply[T, U any](x T, f func(T) U) U { return f(x) }

type List[T any] []T

func f() {
	_ = Zero() // ERROR "in call to Zero, cannot infer T \(declared at generic_infer\.go:8:11\)"
	_ = Zero[int]() // ok
	_ = Zero // ERROR "cannot use generic function Zero without instantiation"
	g := Pair // ERROR "cannot use generic function Pair without instantiation"
	_ = g
	Pair[int, string, bool](1, "a") // ERROR "got 3 type arguments but want 2"
	Pair[int](1, "a") // ok: partial instantiation
	Same(1, "a") // ERROR "in call to Same, mismatched types untyped int and untyped string \(cannot infer T\)"
	Same(1, 2.5) // ok: float64
	var l List // ERROR "cannot use generic type List\[T any\] without instantiation"
	_ = l
	var m List[int, string] // ERROR "too many type arguments for type List: have 2, want 1"
	_ = m
	_ = f[int] // ERROR "cannot index f \(value of type func\(\)\)"
	_ = Apply(1, nil) // ERROR "in call to Apply, cannot infer U \(declared at generic_infer\.go:11:15\)"
	var i int
	_ = i[int] // ERROR "cannot index i \(variable of type int\)"
}
