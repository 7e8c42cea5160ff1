package main

type P struct {
	x, y int
	s    string
}

func main() {
	m := map[P]int{{1, 2, "a"}: 1}
	m[P{3, 4, "b"}] = 2
	m[P{1, 2, "a"}] += 10
	println(len(m), m[P{1, 2, "a"}], m[P{3, 4, "b"}], m[P{0, 0, ""}])
	e := map[interface{}]string{}
	e[1] = "int"
	e["1"] = "string"
	e[P{1, 1, "x"}] = "struct"
	e[1.5] = "float"
	e[nil] = "nil"
	println(len(e), e[1], e["1"], e[P{1, 1, "x"}], e[1.5], e[nil], e[2] == "")
	delete(e, "1")
	n := 0
	for k, v := range e {
		if s, ok := k.(string); ok {
			println("unexpected", s)
		}
		n += len(v)
	}
	println(n)
	a := map[[2]int]bool{{1, 2}: true}
	println(a[[2]int{1, 2}], a[[2]int{2, 1}])
	c := map[complex128]int{1 + 2i: 5}
	println(c[1+2i])
	defer func() { println(recover().(error).Error()) }()
	e[[]int{1}] = "bad"
}
