package main

// Generic functions: Map, Filter, Reduce/Sum with constraints, type
// inference from arguments and from function-typed arguments, explicit
// instantiation, generic function values, ~ constraints with named types.

type Number interface {
	~int | ~int64 | ~float64
}

type Meters int

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func Index[T comparable](xs []T, v T) int {
	for i, x := range xs {
		if x == v {
			return i
		}
	}
	return -1
}

func Max[T int | float64 | string](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Zero[T any]() T {
	var z T
	return z
}

func Keys[K comparable, V any](m map[K]V) int { return len(m) }

func main() {
	xs := []int{1, 2, 3, 4, 5, 6}
	sq := Map(xs, func(x int) int { return x * x })
	for _, v := range sq {
		print(v, " ")
	}
	println()
	strs := Map(xs, func(x int) string { return string(rune('a' + x)) })
	println(len(strs), strs[0], strs[5])
	ev := Filter(xs, func(x int) bool { return x%2 == 0 })
	println(len(ev), ev[0], ev[2])
	println(Sum(xs...), Sum(1.5, 2.5), Sum[int64](), Sum(Meters(3), Meters(4)))
	println(Reduce(xs, "", func(a string, x int) string { return a + string(rune('0'+x)) }))
	println(Index([]string{"a", "b"}, "b"), Index(xs, 42))
	println(Max(3, 7), Max(2.5, -1.0), Max("abc", "abd"))
	println(Zero[int](), Zero[string]() == "", Zero[*int]() == nil)
	f := Sum[float64]
	println(f(0.25, 0.5))
	println(Keys(map[string]bool{"x": true, "y": false}))
	var m Meters = Sum[Meters](1, 2)
	println(m)
}
