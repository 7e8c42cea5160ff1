// Embedding through pointers, closures over range-over-func variables, slices aliasing arrays.
package main

type A struct{ X, Y int }

func (a A) Sum() int { return a.X + a.Y }

type B struct {
	A
	X string
}

type C struct {
	*B
	Z int
}

func (c C) Describe() string { return c.X + "!" }

type I interface{ Sum() int }

func counter() (inc func() int, get func() int) {
	n := 0
	inc = func() int { n++; return n }
	get = func() int { return n }
	return
}

func namedDefer() (s string) {
	for _, w := range []string{"a", "b", "c"} {
		defer func() { s += w }()
	}
	return "x"
}

func seq(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	b := B{A{1, 2}, "bx"}
	c := C{&b, 3}
	println(c.X, c.A.X, c.Sum(), c.Describe(), c.B.A.Y)
	var i I = c
	println(i.Sum())
	c.Y = 10
	println(b.Sum(), i.Sum())
	inc, get := counter()
	inc()
	inc()
	println(get())
	println(namedDefer())
	var fs []func() int
	for v := range seq(3) {
		fs = append(fs, func() int { return v * 10 })
	}
	for _, f := range fs {
		print(f(), " ")
	}
	println()
	n := 0
loop:
	for v := range seq(10) {
		switch {
		case v == 2:
			continue
		case v > 5:
			break loop
		}
		n += v
	}
	println(n)
	type kv struct {
		k string
		v int
	}
	data := []kv{{"b", 2}, {"a", 1}, {"c", 3}}
	for i := 0; i < len(data); i++ {
		for j := i + 1; j < len(data); j++ {
			if data[j].k < data[i].k {
				data[i], data[j] = data[j], data[i]
			}
		}
	}
	for _, d := range data {
		print(d.k, d.v, " ")
	}
	println()
	p := &data[1]
	p.v = 100
	println(data[1].v)
	arr := [5]int{1, 2, 3, 4, 5}
	sl := arr[1:4]
	sl[0] = 20
	sl = append(sl, 40)
	println(arr[1], arr[4], len(sl), cap(sl))
	sl = append(sl, 50)
	sl[0] = 99
	println(arr[1], sl[0])
	var iface any = arr
	arr[0] = 1000
	println(iface.([5]int)[0])
	m := map[string]A{"a": {1, 2}}
	a := m["a"]
	a.X = 5
	println(m["a"].X, a.Sum())
}
