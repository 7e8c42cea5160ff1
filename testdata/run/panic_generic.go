// A panic in a generic function called from a closure: the traceback.
package main

type S struct{ data []int }

func (s *S) At(i int) int { return s.data[i] }

type At interface{ At(int) int }

func Get[T any](xs []T, i int) T { return xs[i] }

func apply(f func()) { f() }

func main() {
	var a At = &S{[]int{1}}
	println(a.At(0))
	println(Get([]string{"a"}, 0))
	apply(func() {
		println(Get([]int{1, 2}, 5))
	})
}
