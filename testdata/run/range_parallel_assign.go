package main

// The iteration values of `for i, x[i] = range …` are assigned as one
// parallel assignment: x is indexed with i's value before the iteration.

var g = []int{7, 8, 9}

func main() {
	x := []int{10, 20}
	y := []int{99}
	i := 1
	for i, x[i] = range y {
		break
	}
	println(i, x[0], x[1])

	r := []rune{'a', 'b'}
	j := 1
	for j, r[j] = range "c" {
		break
	}
	println(j, string(r))

	m := map[int]int{}
	k := 5
	for k, m[k] = range []int{1, 2, 3} {
	}
	println(k, len(m), m[5], m[0], m[1])

	// Through a global and a pointer.
	p := &g
	n := 2
	for n, (*p)[n] = range []int{40, 41} {
	}
	println(n, g[0], g[1], g[2])
}
