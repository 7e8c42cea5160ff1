package main

// Slices: aliasing of the backing array, 3-index slices limiting capacity,
// copy (overlapping, short, from string), nil vs empty, slices of arrays.

// sink makes appended slices escape, so their capacities come from the heap
// allocator and not from gc's small stack buffers for non-escaping appends.
var sink [][]int

func show(name string, s []int) {
	print(name, " len=", len(s), " cap=", cap(s), " [")
	for i, v := range s {
		if i > 0 {
			print(" ")
		}
		print(v)
	}
	println("]")
}

func main() {
	arr := [6]int{0, 1, 2, 3, 4, 5}
	s := arr[1:4]
	show("s", s)
	s[0] = 10
	println(arr[1])
	s = append(s, 40) // writes arr[4]
	println(arr[4])
	t := arr[1:3:3]
	show("t", t)
	t = append(t, 99) // reallocates: arr unchanged
	println(arr[3], t[2])
	t[0] = -1
	println(arr[1])
	u := s[2:cap(s)]
	show("u", u)
	n := copy(arr[1:], arr[:])
	println(n)
	show("arr", arr[:])
	dst := make([]int, 2)
	println(copy(dst, []int{7, 8, 9}), dst[0], dst[1])
	bs := make([]byte, 3)
	println(copy(bs, "hello"), string(bs))
	var nilS []int
	empty := []int{}
	println(nilS == nil, empty == nil, len(nilS), cap(empty))
	nilS = append(nilS, 1)
	sink = append(sink, nilS)
	show("appended", nilS)
	m := [][]int{{1}, {2, 3}, nil}
	sink = m
	m[2] = append(m[2], 4, 5, 6)
	for _, r := range m {
		show("row", r)
	}
	full := s[:cap(s)]
	show("full", full)
	x := make([]int, 3, 10)
	y := append(x, 1)
	z := append(x, 2)
	println(y[3], z[3])
	var p *[6]int = &arr
	ps := p[2:]
	show("ps", ps)
	a2 := [4]int(ps)
	a2[0] = 1000
	println(ps[0], a2[0])
	pa := (*[2]int)(ps)
	pa[0] = 2000
	println(arr[2])
}
