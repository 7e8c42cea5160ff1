// A program mixing many features (checked against go run).
package main

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }
type Square struct{ Rect }

func (r Rect) Area() float64       { return r.W * r.H }
func (r Rect) Perimeter() float64  { return 2 * (r.W + r.H) }
func (c *Circle) Area() float64    { return 3.14159 * c.R * c.R }
func (c *Circle) Perimeter() float64 { return 2 * 3.14159 * c.R }

type byArea []Shape

func (b byArea) Less(i, j int) bool { return b[i].Area() < b[j].Area() }
func (b byArea) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }
func (b byArea) Len() int           { return len(b) }

type Sorter interface {
	Less(i, j int) bool
	Swap(i, j int)
	Len() int
}

func sortIt(s Sorter) {
	for i := 1; i < s.Len(); i++ {
		for j := i; j > 0 && s.Less(j, j-1); j-- {
			s.Swap(j, j-1)
		}
	}
}

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type List[T any] struct {
	head *node[T]
	n    int
}

type node[T any] struct {
	v    T
	next *node[T]
}

func (l *List[T]) Push(v T) {
	l.head = &node[T]{v, l.head}
	l.n++
}

func (l *List[T]) All() func(func(int, T) bool) {
	return func(yield func(int, T) bool) {
		i := 0
		for n := l.head; n != nil; n = n.next {
			if !yield(i, n.v) {
				return
			}
			i++
		}
	}
}

type MyInt int

func (m MyInt) String() string { return "MyInt!" }

type Stringer interface{ String() string }

func describe(x any) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int:
		return "int"
	case string:
		return "string:" + v
	case Stringer:
		return "stringer:" + v.String()
	case []int:
		return "slice"
	case error:
		return "error:" + v.Error()
	default:
		return "other"
	}
}

type E struct{ msg string }

func (e *E) Error() string { return e.msg }

func mayFail(n int) (res int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &E{"recovered"}
		}
	}()
	if n < 0 {
		return 0, &E{"negative"}
	}
	arr := []int{1, 2, 3}
	return arr[n], nil
}

func main() {
	shapes := byArea{Rect{3, 4}, &Circle{1}, Square{Rect{2, 2}}, Rect{1, 1}}
	sortIt(shapes)
	for _, s := range shapes {
		println(s.Area(), s.Perimeter())
	}
	println(Sum(1, 2, 3), Sum(1.5, 2.5), Sum[MyInt](4, 5))
	strs := Map([]int{1, 2, 3}, func(i int) string { return string(rune('a' + i)) })
	println(len(strs), strs[0], strs[2])
	var l List[string]
	l.Push("x")
	l.Push("y")
	l.Push("z")
	for i, v := range l.All() {
		if i == 2 {
			break
		}
		println(i, v)
	}
	println(describe(nil), describe(1), describe("s"), describe(MyInt(3)), describe([]int{}), describe(&E{"e"}), describe(2.5))
	for _, n := range []int{0, 2, 5, -1} {
		r, err := mayFail(n)
		if err != nil {
			println("err", err.Error())
		} else {
			println("ok", r)
		}
	}
	m := map[string][]int{}
	for i := range 10 {
		k := "odd"
		if i%2 == 0 {
			k = "even"
		}
		m[k] = append(m[k], i)
	}
	println(len(m["even"]), m["odd"][4])
	type pt struct{ x, y int }
	seen := map[pt]bool{}
	seen[pt{1, 2}] = true
	println(seen[pt{1, 2}], seen[pt{2, 1}])
	var iface any = pt{1, 2}
	println(iface == pt{1, 2}, iface != pt{1, 3})
	fns := []func() int{}
	for i := 0; i < 3; i++ {
		fns = append(fns, func() int { return i * i })
	}
	for _, f := range fns {
		print(f(), " ")
	}
	println()
	x := [...]string{2: "c", 0: "a"}
	println(len(x), x[0], x[1] == "", x[2])
	bs := []byte("héllo")
	rs := []rune("héllo")
	println(len(bs), len(rs), string(rs[1]), string(bs[:2]))
	goto end
end:
	println(min(3, 1, 2), max(2.5, 1), min("b", "a"))
}
