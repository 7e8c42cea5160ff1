// run

// Big maps that grow across many tables (splits, directory doubling),
// with deletes, re-inserts and lookups; sized and unsized.
// gcstress: skip (a million-entry map: every stressed cycle rescans it; too slow for the suite)
package main

func main() {
	m := make(map[int]int)
	for i := 0; i < 300000; i++ {
		m[i*7919] = i
	}
	println(len(m))
	for i := 0; i < 300000; i += 3 {
		delete(m, i*7919)
	}
	println(len(m))
	sum, miss := 0, 0
	for i := 0; i < 300000; i++ {
		if v, ok := m[i*7919]; ok {
			sum += v
		} else {
			miss++
		}
	}
	println(sum, miss)
	for i := 0; i < 300000; i += 3 {
		m[i*7919] = -i
	}
	sum = 0
	n := 0
	for k, v := range m {
		sum += v
		n++
		_ = k
	}
	println(n, sum)

	// Sized by the hint.
	s := make(map[string][]int, 100000)
	for i := 0; i < 100000; i++ {
		k := "k" + string(rune('a'+i%26)) + string(rune('a'+(i/26)%26)) + string(rune('a'+(i/676)%26)) + string(rune('a'+(i/17576)%26))
		s[k] = append(s[k], i)
	}
	total := 0
	for _, v := range s {
		total += len(v)
	}
	println(len(s), total, len(s["kaaaa"]), s["kbaaa"][0])

	// Churn: insert and delete at constant size (tombstones).
	c := map[int64]int8{}
	for i := int64(0); i < 200000; i++ {
		c[i] = int8(i)
		if i >= 100 {
			delete(c, i-100)
		}
	}
	sm := 0
	for _, v := range c {
		sm += int(v)
	}
	println(len(c), sm, c[199999])

	// A negative hint is no hint.
	h := -5
	neg := make(map[int]bool, h)
	neg[1] = true
	println(len(neg))
}
