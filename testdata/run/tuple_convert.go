// Multi-value results converted to interface types: returns, assignments, arguments (variadic too), deferred calls. (A missing conversion here once crashed rgo.)
package main

type E struct{}

func (*E) Error() string { return "E" }

func f() (int, *E) { return 7, nil }
func g() (any, error) { return f() }

func h() (x any, err error) {
	x, err = f()
	return
}

func main() {
	a, e := g()
	println(a.(int), e == nil, e != nil)
	var i any
	var er error
	i, er = f()
	println(i.(int), er == nil)
	x, err := h()
	println(x.(int), err == nil)
	m := map[string]any{}
	m["k"], i = f()
	println(m["k"].(int))
}

func v(prefix string, xs ...any) int { return len(xs) }

func two() (string, int) { return "p", 3 }

func three() (string, int, *E) { return "p", 3, nil }

func init() {
	println(v(two()), v(three()))
	defer func(a any, b error) {
		println(a.(int), b == nil)
	}(f())
}
