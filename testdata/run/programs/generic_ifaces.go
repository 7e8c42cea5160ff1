// Generics over interface type arguments, method values of interfaces, comparable with uncomparable dynamic values.
package main

type Shower interface{ Show() string }

type N int

func (n N) Show() string { return "N" + string(rune('0'+n)) }

func Index[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func Box[T any](x T) any { return x }

func ShowAll[T Shower](xs []T) string {
	s := ""
	for _, x := range xs {
		s += x.Show()
	}
	return s
}

func Zero[T any]() (z T) { return }

func Ptr[T any](x T) *T { return &x }

type Wrapper[T any] struct{ inner T }

func (w Wrapper[T]) Get() T { return w.inner }

func main() {
	println(Index([]any{1, "a", 2.5}, any("a")), Index([]string{"x", "y"}, "y"), Index([]Shower{N(1), N(2)}, Shower(N(2))))
	b := Box(N(3))
	println(b.(Shower).Show(), Box[any](nil) == nil, Box[Shower](nil) == nil)
	println(ShowAll([]N{1, 2, 3}), ShowAll([]Shower{N(4), N(5)}))
	println(Zero[int](), Zero[string]() == "", Zero[any]() == nil, Zero[*int]() == nil)
	p := Ptr(N(7))
	*p = 8
	println(p.Show())
	w := Wrapper[Shower]{N(6)}
	println(w.Get().Show())
	show := w.Get().Show
	println(show())
	var sh Shower = N(9)
	f := sh.Show
	sh = N(1)
	println(f(), sh.Show())
	defer func() {
		println("recovered:", recover().(error).Error())
	}()
	println(Index([]any{[]int{1}}, any([]int{1})))
}
