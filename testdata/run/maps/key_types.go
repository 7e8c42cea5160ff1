// run

// Keys and values of every kind, stored in their memory layout.
package main

type point struct {
	x, y int8
	name string
}

type pair [2]int16

type small struct {
	a bool
	b int32
	c uint8
}

func main() {
	pm := map[point]small{}
	pm[point{1, -2, "a"}] = small{true, -7, 200}
	pm[point{1, -2, "a"}] = small{false, -8, 201}
	pm[point{-1, 2, "a"}] = small{true, 9, 1}
	v := pm[point{1, -2, "a"}]
	println(len(pm), v.a, v.b, v.c)
	for k, v := range pm {
		if k.x == -1 {
			println(k.x, k.y, k.name, v.a, v.b, v.c)
		}
	}

	am := map[pair]string{}
	for i := int16(-5); i < 5; i++ {
		am[pair{i, -i}] = string(rune('a' + i + 5))
	}
	println(len(am), am[pair{-3, 3}], am[pair{4, -4}], am[pair{4, 4}] == "")

	im := map[interface{}]int{}
	im[1] = 1
	im[int8(1)] = 2
	im["1"] = 3
	im[point{1, 1, "p"}] = 4
	im[pair{1, 1}] = 5
	im[nil] = 6
	im[1] += 10
	println(len(im), im[1], im[int8(1)], im["1"], im[point{1, 1, "p"}], im[pair{1, 1}], im[nil])
	delete(im, "1")
	_, ok := im["1"]
	println(len(im), ok)

	type E interface{ M() }
	em := map[error]int{}
	em[nil] = 1
	println(len(em), em[nil])

	nm := map[int8]int8{}
	for i := -128; i < 128; i++ {
		nm[int8(i)] = int8(-i)
	}
	s := 0
	for k, v := range nm {
		if k < 0 {
			s += int(k) * int(v)
		}
	}
	println(len(nm), nm[-128], nm[127], s)

	bm := map[bool]uint16{true: 65535, false: 1}
	bm[true]++
	println(bm[true], bm[false], len(bm))

	um := map[uint32]float32{}
	um[1<<31] = 1.5
	um[7] = -2.25
	println(um[1<<31], um[7], um[8])

	var p1, p2 = new(int), new(int)
	ptr := map[*int]int{p1: 1, p2: 2}
	println(ptr[p1], ptr[p2], len(ptr))

	mm := map[string]map[string]int{}
	for _, w := range []string{"a", "b", "a", "c", "a"} {
		if mm[w] == nil {
			mm[w] = map[string]int{}
		}
		mm[w]["n"]++
	}
	println(mm["a"]["n"], mm["b"]["n"], mm["z"]["n"])

	cm := map[complex128]int{complex(1, 2): 1}
	cm[complex(1, 2)]++
	println(cm[complex(1, 2)], len(cm))

	sm := map[[3]string]struct{}{}
	sm[[3]string{"a", "b", "c"}] = struct{}{}
	sm[[3]string{"a", "b", "c"}] = struct{}{}
	_, ok = sm[[3]string{"a", "b", "c"}]
	println(len(sm), ok)

	func() {
		defer func() { println("recovered:", recover().(error).Error()) }()
		bad := map[interface{}]int{}
		bad[[]int{1}] = 1
	}()
}
