// A map that grows until the heap's hard limit: Go's fatal error, exit
// status 2 (run by crates/cli/tests/oom.rs with RGO_MEMLIMIT_HARD).
package main

func main() {
	m := make(map[int]int)
	for i := 0; ; i++ {
		m[i] = i
	}
}
