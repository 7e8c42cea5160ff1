package main

// Arrays are values: assignment, parameter passing and range copy them.
// Multi-dimensional arrays, array of structs, comparison, len of pointer to
// array.

type P struct{ x, y int }

func modify(a [3]int) [3]int {
	a[0] = 100
	return a
}

func modifyPtr(a *[3]int) { a[0] = 200 }

func main() {
	a := [3]int{1, 2, 3}
	b := a
	b[0] = 9
	println(a[0], b[0])
	c := modify(a)
	println(a[0], c[0])
	modifyPtr(&a)
	println(a[0])
	var grid [3][4]int
	for i := range grid {
		for j := range grid[i] {
			grid[i][j] = i * j
		}
	}
	row := grid[2]
	row[3] = -1
	println(grid[2][3], row[3], len(grid), len(grid[0]))
	ps := [2]P{{1, 2}, {3, 4}}
	ps2 := ps
	ps2[1].x = 30
	println(ps[1].x, ps2[1].x, ps == ps2, ps == [2]P{{1, 2}, {3, 4}})
	p := &a
	println(len(p), p[1], cap(p))
	d := [...]string{2: "c", 0: "a"}
	println(len(d), d[0], d[1] == "", d[2])
	var zero [0]int
	println(len(zero))
	e := [5]int{1, 2, 3, 4, 5}
	s := e[1:3]
	s[0] = 20
	println(e[1])
	f := e
	f[1] = 0
	println(e[1], f[1])
}
