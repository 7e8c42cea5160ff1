// run

// Iteration while the map changes: every entry present for the whole
// iteration is produced exactly once, deleted entries are not produced,
// and growth (small map to tables, tables splitting) during iteration
// loses nothing.
package main

func check(name string, m map[int]int, orig int, seen map[int]int) {
	for k := 0; k < orig; k++ {
		if seen[k] != 1 {
			println(name, "key", k, "seen", seen[k])
		}
	}
	println(name, "ok", len(m) >= orig)
}

func main() {
	// Insert during iteration, growing a small map into many tables.
	for _, n := range []int{3, 8, 100, 5000} {
		m := make(map[int]int)
		for i := 0; i < n; i++ {
			m[i] = i
		}
		seen := map[int]int{}
		next := n
		for k, v := range m {
			if k < n {
				seen[k]++
				if v != k {
					println("bad value", k, v)
				}
			}
			for j := 0; j < 20 && next < 3*n+200; j++ {
				m[next] = next
				next++
			}
		}
		check("grow", m, n, seen)
	}

	// Delete during iteration: a deleted key is never produced later.
	for _, n := range []int{6, 1000, 20000} {
		m := make(map[int]int)
		for i := 0; i < n; i++ {
			m[i] = i
		}
		deleted := map[int]bool{}
		count := 0
		for k := range m {
			if deleted[k] {
				println("deleted key produced", k)
			}
			count++
			// Delete two other keys.
			for _, d := range []int{(k*7 + 1) % n, (k*13 + 5) % n} {
				if _, ok := m[d]; ok && d != k {
					delete(m, d)
					deleted[d] = true
				}
			}
		}
		if count+len(deleted) < n {
			println("lost entries", count, len(deleted), n)
		}
		println("delete ok", len(m)+len(deleted) == n)
	}

	// Updating values during iteration: the current value is produced.
	m := map[string]int{}
	for i := 0; i < 300; i++ {
		m[string(rune('a'+i%26))+string(rune('a'+i/26))] = i
	}
	sum := 0
	for k := range m {
		m[k] += 1000
	}
	for _, v := range m {
		sum += v
	}
	println("update", len(m), sum)

	// Delete everything while iterating, then iterate again.
	for k := range m {
		delete(m, k)
	}
	n := 0
	for range m {
		n++
	}
	println("emptied", len(m), n)
}
