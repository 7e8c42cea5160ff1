// errorcheck

// Generic types and their methods: receivers must list the type parameters,
// receiver type parameter names shadow predeclared types, type parameters
// used as values, embedded or converted, constraint satisfaction of type
// arguments. (Methods with type parameters are a syntax error.)

package p

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }


func (s *Stack) Pop() {} // ERROR "cannot use generic type Stack\[T any\] without instantiation"

func (s *Stack[int]) Peek() int { return 0 } // int names the type parameter here // ERROR "cannot use 0 \(untyped int constant\) as int /\* with int declared at generic_types\.go:17:16 \*/ value in return statement"

func (s Stack[string]) Len() int { return len(s.items) }

type Box[T any] struct{ T } // ERROR "embedded field type cannot be a \(pointer to a\) type parameter"

type Num[T int | float64] struct{ v T }

var _ Num[string] // ERROR "string does not satisfy int \| float64 \(string missing in int \| float64\)"

func f[T any]() {
	_ = T // ERROR "T \(type\) is not an expression"
	var x T
	x.foo() // ERROR "x\.foo undefined \(type T has no field or method foo\)"
	_ = T(1) // ERROR "cannot convert 1 \(untyped int value\) to type T: T does not contain specific types"
	type Local[U any] struct{}
}

type Pair[K comparable, V any] struct {
	k K
	v V
}

var _ Pair[[]int, int] // ERROR "\[\]int does not satisfy comparable"
var _ Stack[int, int] // ERROR "too many type arguments for type Stack: have 2, want 1"

func g() {
	var s Stack[int]
	s.Push("x") // ERROR "cannot use .x. \(untyped string constant\) as int value in argument to s\.Push"
	s.Push(1) // ok
}
