// Map churn: ranging over a small map many times, then replacing every
// entry of a 10,000-entry map many times over (delete one key, insert a new
// one), so the map's tables fill with tombstones and are rebuilt.
package main

const (
	smallSize   = 100
	smallRanges = 200000
	bigSize     = 10000
	replaces    = 2000000
)

func main() {
	small := make(map[int]int)
	for i := 0; i < smallSize; i++ {
		small[i] = i * i
	}
	sum := 0
	for r := 0; r < smallRanges; r++ {
		for k, v := range small {
			sum += k ^ v ^ (r & 7)
		}
	}
	println("small: ranges", smallRanges, "sum", sum)

	big := make(map[int]int)
	for i := 0; i < bigSize; i++ {
		big[i] = i
	}
	for i := 0; i < replaces; i++ {
		delete(big, i)
		big[i+bigSize] = i * 3
	}
	keys, values := 0, 0
	for k, v := range big {
		keys += k
		values += v
	}
	println("big: replaces", replaces, "len", len(big), "keys", keys, "values", values)
}
