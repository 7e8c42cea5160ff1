// A program mixing many features (checked against go run).
package main

type Animal interface {
	Sound() string
}

type Named interface {
	Animal
	Name() string
}

type Dog struct{ name string }

func (d Dog) Sound() string { return "woof" }
func (d Dog) Name() string  { return d.name }

type Counter struct {
	hits map[string]int
	log  []string
}

func NewCounter() *Counter { return &Counter{hits: map[string]int{}} }

func (c *Counter) Hit(k string) int {
	c.hits[k]++
	c.log = append(c.log, k)
	return c.hits[k]
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func Keys[K comparable, V any](m map[K]V) int {
	n := 0
	for range m {
		n++
	}
	return n
}

func Filter[T any](xs []T, pred func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if pred(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

type Grid [4][4]byte

func main() {
	var a Animal = Dog{"rex"}
	if n, ok := a.(Named); ok {
		println(n.Name(), n.Sound())
	}
	_, isNamed := any(42).(Named)
	println(isNamed)

	c := NewCounter()
	hit := c.Hit
	hit("a")
	hit("b")
	println(hit("a"), len(c.log), c.log[2])

	ps := []Pair[string, int]{{"a", 1}, {"b", 2}, {"c", 3}}
	evens := Filter(ps, func(p Pair[string, int]) bool { return p.Val%2 == 1 })
	println(len(evens), evens[1].Key)
	total := Reduce(ps, 0, func(acc int, p Pair[string, int]) int { return acc + p.Val })
	println(total, Keys(map[int]bool{1: true, 2: false}))

	var g Grid
	for i := range g {
		for j := range g[i] {
			g[i][j] = byte('a' + i + j)
		}
	}
	h := g
	h[0][0] = 'Z'
	println(string(g[0][:]), string(h[0][:]), g == h)

	x := 10
	inc := func() { x++ }
	inc()
	inc()
	println(x)

outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			print(i, j, ";")
		}
	}
	println()

	switch n := 3; {
	case n > 2:
		println("big")
		fallthrough
	case n > 100:
		println("fell")
	default:
		println("default")
	}

	bad := "a\xffb\xc0"
	for i, r := range bad {
		print(i, ":", r, " ")
	}
	println(len(bad))
	fl := 3.99
	println(int(fl), int(-fl), uint8(int(fl)+250), float32(0.1))
	m := map[int]int{1: 1, 2: 2, 3: 3, 4: 4}
	for k := range m {
		if k%2 == 0 {
			delete(m, k)
		}
	}
	println(len(m), m[1], m[2])
	type T struct {
		a [2]int
		s string
	}
	t1 := T{[2]int{1, 2}, "x"}
	t2 := t1
	t2.a[0] = 9
	pt := &t1
	pt.s = "y"
	println(t1.a[0], t2.a[0], t1.s, t2.s, t1 == t2)
	var np *T
	defer func() {
		println("recovered", recover() != nil)
	}()
	println(np.s)
}
