package main

// Maps: insert, lookup, comma-ok, delete, len, clear, nil maps, NaN keys,
// struct and array keys, interface keys, iteration (order-independent
// results only), deleting during iteration.

type K struct {
	a int
	b string
}

func main() {
	m := map[string]int{"one": 1, "two": 2}
	m["three"] = 3
	println(len(m), m["one"], m["missing"])
	v, ok := m["two"]
	println(v, ok)
	v, ok = m["nope"]
	println(v, ok)
	delete(m, "two")
	delete(m, "absent")
	println(len(m))
	m["one"] += 10
	m["new"]++
	println(m["one"], m["new"])
	sum := 0
	keys := 0
	for k, v := range m {
		sum += v
		keys += len(k)
	}
	println(sum, keys)
	var nm map[string]int
	println(nm == nil, len(nm), nm["x"])
	delete(nm, "x")
	for range nm {
		println("never")
	}
	zero := 0.0
	nan := zero / zero
	fm := map[float64]int{}
	fm[nan] = 1
	fm[nan] = 2
	fm[1.0] = 3
	fm[1.0] = 4
	println(len(fm), fm[nan], fm[1.0])
	n := 0
	for k, v := range fm {
		if k != k {
			n += v
		}
	}
	println(n)
	clear(fm)
	println(len(fm))
	km := map[K]int{{1, "a"}: 1}
	km[K{1, "a"}]++
	km[K{2, "a"}] = 5
	println(len(km), km[K{1, "a"}])
	am := map[[2]int]string{{1, 2}: "x"}
	println(am[[2]int{1, 2}], am[[2]int{2, 1}] == "")
	im := map[interface{}]int{1: 1, "1": 2, 1.0: 3, K{}: 4}
	println(len(im), im[1], im["1"], im[1.0], im[K{}], im[int8(1)])
	big := map[int]int{}
	for i := 0; i < 1000; i++ {
		big[i] = i * i
	}
	for k := range big {
		if k%2 == 0 {
			delete(big, k)
		}
	}
	println(len(big), big[999], big[998])
	mm := map[string][]int{}
	mm["a"] = append(mm["a"], 1, 2)
	println(len(mm["a"]))
	ms := map[string]K{}
	ms["k"] = K{3, "z"}
	println(ms["k"].a, ms["k"].b)
	pm := map[int]*K{1: {}}
	pm[1].a = 7
	println(pm[1].a)
	defer func() {
		println("recovered:", recover().(error).Error())
	}()
	var hm map[interface{}]int = map[interface{}]int{}
	hm[[]int{1}] = 1
}
