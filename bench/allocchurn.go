// Allocation churn: small structs, strings (concatenation and
// string([]byte)) and slices grown by append, most dead at once, a ring of
// the 1000 most recent objects kept alive; a checksum of everything made.
package main

type item struct {
	id   int
	name string
	data []int
	prev *item
}

const (
	ringSize = 1000
	rounds   = 2000000
)

// itoa is strconv.Itoa for non-negative n, through a fresh []byte.
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf []byte
	for ; n > 0; n /= 10 {
		buf = append(buf, byte('0'+n%10))
	}
	for i, j := 0, len(buf)-1; i < j; i, j = i+1, j-1 {
		buf[i], buf[j] = buf[j], buf[i]
	}
	return string(buf)
}

func main() {
	ring := make([]*item, ringSize)
	sum := 0
	for i := 0; i < rounds; i++ {
		b := make([]byte, 0, 8)
		for j := 0; j < 8; j++ {
			b = append(b, byte('a'+(i+j)%26))
		}
		it := &item{id: i, name: string(b) + "-" + itoa(i%100000)}
		for j := 0; j < i%16; j++ {
			it.data = append(it.data, i^j)
		}
		// Point at the previous item, but cut the chain behind it, so the
		// ring (plus one item each) is all that stays live.
		slot := i % ringSize
		prev := ring[(slot+ringSize-1)%ringSize]
		if prev != nil {
			prev.prev = nil
			it.prev = prev
		}
		if old := ring[slot]; old != nil {
			sum += old.id + len(old.name) + len(old.data)
			if len(old.data) > 0 {
				sum += old.data[len(old.data)-1] % 1000
			}
		}
		ring[slot] = it
		sum += int(it.name[len(it.name)-1])
	}
	live := 0
	for _, it := range ring {
		live += len(it.name) + len(it.data)
		if it.prev != nil {
			live += it.prev.id % 7
		}
	}
	println("rounds", rounds, "sum", sum, "live", live)
}
