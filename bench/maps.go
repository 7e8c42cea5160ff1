// Map-heavy: inserts, lookups, updates and deletes on int and string keys.
package main

func main() {
	m := make(map[int]int)
	for i := 0; i < 1000000; i++ {
		m[i*7919%1000003] += i
	}
	sum := 0
	for i := 0; i < 2000000; i++ {
		sum += m[i%1000003]
	}
	for i := 0; i < 1000000; i += 2 {
		delete(m, i)
	}
	words := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
	counts := make(map[string]int)
	for i := 0; i < 500000; i++ {
		counts[words[i%len(words)]+words[(i/8)%len(words)]]++
	}
	println(len(m), sum, len(counts), counts["alphabeta"])
}
