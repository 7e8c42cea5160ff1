// Methods of generic types as values and expressions, function composition, variadic func arguments.
package main

type Num interface{ ~int | ~float64 }

type Vec[T Num] []T

func (v Vec[T]) Map(f func(T) T) Vec[T] {
	out := make(Vec[T], len(v))
	for i, x := range v {
		out[i] = f(x)
	}
	return out
}

func (v Vec[T]) Sum() (s T) {
	for _, x := range v {
		s += x
	}
	return
}

type Acc[T Num] struct{ total T }

func (a *Acc[T]) Add(x T) { a.total += x }

func Apply[T any](xs []T, fs ...func(T) T) []T {
	out := append([]T(nil), xs...)
	for _, f := range fs {
		for i := range out {
			out[i] = f(out[i])
		}
	}
	return out
}

func Compose[A, B, C any](f func(A) B, g func(B) C) func(A) C {
	return func(a A) C { return g(f(a)) }
}

func main() {
	v := Vec[int]{1, 2, 3}
	double := func(x int) int { return x * 2 }
	println(v.Map(double).Sum(), Vec[float64]{0.5, 1.5}.Map(func(x float64) float64 { return x * x }).Sum())
	var acc Acc[int]
	add := acc.Add
	for _, x := range v {
		add(x)
	}
	println(acc.total)
	r := Apply([]int{1, 2}, double, func(x int) int { return x + 1 })
	println(r[0], r[1])
	toStr := Compose(func(i int) rune { return rune('a' + i) }, func(r rune) string { return string(r) + "!" })
	println(toStr(2))
	mf := Vec[int].Sum
	println(mf(Vec[int]{4, 5}))
	pa := (*Acc[int]).Add
	pa(&acc, 100)
	println(acc.total)
}
