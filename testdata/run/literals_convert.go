package main

// Keyed slice and array literals, elided pointer types in literals,
// slice-to-array conversions (and their panic), clear on slices, range
// over a pointer to an array, print of a multi-value call.

type P struct{ x, y int }

func two() (int, string) { return 7, "seven" }

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			println(name, "-", r.(error).Error())
		}
	}()
	f()
}

func main() {
	s := []string{3: "d", 1: "b", "c"}
	println(len(s), cap(s), s[0] == "", s[1], s[2], s[3])
	a := [...]int{5: 1, 2: 7, 8}
	println(len(a), a[2], a[3], a[5])
	ps := []*P{{1, 2}, {y: 3}}
	println(ps[0].x, ps[0].y, ps[1].x, ps[1].y)
	mp := map[string]*P{"a": {4, 5}}
	mp["a"].x++
	println(mp["a"].x)
	pp := [2]*[]int{{1, 2}, {3}}
	println(len(*pp[0]), (*pp[1])[0])

	b := []byte("hello")
	arr := [3]byte(b)
	arr[0] = 'j'
	println(string(arr[:]), string(b))
	ap := (*[2]byte)(b)
	ap[1] = 'a'
	println(string(b))
	var nilS []int
	println((*[0]int)(nilS) == nil, len([0]int(nilS)))
	try("short array", func() { _ = [4]int([]int{1, 2}) })
	try("short pointer", func() { _ = (*[8]byte)(b) })

	n := []int{1, 2, 3}
	clear(n[1:])
	println(n[0], n[1], n[2], len(n))

	pa := &[3]int{1, 2, 3}
	for i, v := range pa {
		pa[2] = 10
		println(i, v)
	}
	var np *[2]int
	for i := range np {
		println("index", i)
	}
	try("nil array pointer", func() {
		for _, v := range np {
			println(v)
		}
	})
	println(two())
	print(two())
	println()
}
