// run

// clear during range ends the iteration (nothing present before the
// clear is produced after it).
package main

func main() {
	for _, n := range []int{5, 500, 50000} {
		m := map[int]int{}
		for i := 0; i < n; i++ {
			m[i] = i
		}
		count := 0
		for range m {
			count++
			clear(m)
		}
		println(n, count, len(m))
		m[1] = 1
		for k, v := range m {
			println(k, v)
		}
	}
	var nilmap map[string]int
	clear(nilmap)
	for range nilmap {
		println("nil")
	}
	println(len(nilmap), nilmap["x"])
	delete(nilmap, "x")
}
