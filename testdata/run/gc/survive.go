// Live data survives many collections intact: a tree, a slice of
// strings, closures and interfaces, checked after each round of garbage.
package main

import "runtime"

type tree struct {
	l, r *tree
	v    int
}

func build(d, v int) *tree {
	if d == 0 {
		return &tree{v: v}
	}
	return &tree{build(d-1, 2*v), build(d-1, 2*v+1), v}
}

func (t *tree) sum() int {
	if t == nil {
		return 0
	}
	return t.v + t.l.sum() + t.r.sum()
}

type shape interface{ area() int }

type rect struct{ w, h int }

func (r rect) area() int { return r.w * r.h }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func main() {
	t := build(12, 1)
	want := t.sum()
	var strs []string
	var fns []func() int
	var shapes []shape
	m := map[string][]int{}
	for i := 0; i < 300; i++ {
		strs = append(strs, "s"+itoa(i))
		k := i
		fns = append(fns, func() int { return k * k })
		shapes = append(shapes, rect{i, i + 1})
		m[itoa(i)] = []int{i, i * 2}
	}
	for round := 0; round < 20; round++ {
		// Garbage: trees, strings and slices nobody keeps.
		for j := 0; j < 200; j++ {
			g := build(6, j)
			_ = g
			s := make([]byte, 1000)
			s[0] = byte(j)
			_ = itoa(j) + itoa(round)
		}
		if round%5 == 0 {
			runtime.GC()
		}
		if t.sum() != want {
			println("tree corrupted in round", round)
			return
		}
	}
	ok := true
	for i := 0; i < 300; i++ {
		if strs[i] != "s"+itoa(i) || fns[i]() != i*i || shapes[i].area() != i*(i+1) {
			ok = false
		}
		v := m[itoa(i)]
		if len(v) != 2 || v[0] != i || v[1] != 2*i {
			ok = false
		}
	}
	println("tree sum", want, "intact:", ok)
}
