package main

// Maps with integer, string and float keys: literals, make, store and
// load, comma-ok, delete, len, clear, nil maps, NaN keys, iteration with
// order-independent results, deleting during iteration.

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
	m["one"] += 10
	m["new"]++
	println(len(m), m["one"], m["new"])
	sum, keys := 0, 0
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
	negz := -zero
	fm[negz] = 5
	println(len(fm), fm[nan], fm[1.0], fm[0])
	im := make(map[int]int, 10)
	for i := 0; i < 1000; i++ {
		im[i*7%1000] = i
	}
	n := 0
	for k := range im {
		if k%2 == 0 {
			delete(im, k)
		}
		n++
	}
	println(n, len(im))
	clear(im)
	println(len(im))
	counts := map[string]int{}
	for _, w := range []string{"a", "b", "a", "c", "a"} {
		counts[w]++
	}
	println(counts["a"], counts["b"], counts["c"], len(counts))
}
