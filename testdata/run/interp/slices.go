package main

// Slices: make, index, len and cap, append growth as the runtime does it for
// escaping slices, copy, range, and package variables.

var global []int
var total = sum(1, 2) * 10

func sum(a, b int) int { return a + b }

func fill(n int) []int {
	s := make([]int, 0, 2)
	for i := range n {
		s = append(s, i*i)
	}
	return s
}

func main() {
	c := -1
	for i := 0; i < 600; i++ {
		global = append(global, i)
		if cap(global) != c {
			c = cap(global)
			print(c, " ")
		}
	}
	println()
	s := fill(10)
	println(len(s), cap(s), s[3], s[9])
	d := make([]int, 4)
	n := copy(d, s)
	println(n, d[0], d[1], d[2], d[3])
	t := 0
	for i, v := range s {
		t += i * v
	}
	println(t, total)
	b := make([]byte, 3, 10)
	b = append(b, 'a', 'b')
	println(len(b), cap(b), b[3], b[4])
	f := []float64{1.5, 2.5}
	f = append(f, 3)
	println(f[0]+f[1]+f[2], len(f), cap(f))
}
