package main

// gcstress: skip (five million iterations; the point is the native stack)

// Five million iterations through every allocating instruction, map
// operation and interface call: like long_loops.go, each handler must
// leave the native stack as it found it (its dispatch a tail call), or a
// long loop overflows it.

type shape interface{ area() int }

type sq struct{ n int }

func (s sq) area() int { return s.n * s.n }

type node struct {
	next *node
	v    int
}

func main() {
	b := []byte("xy")
	rs := []rune("hé")
	m := map[int]string{}
	ms := map[string]int{}
	var sh shape = sq{3}
	var keep *node
	n := 0
	for i := 0; i < 5000000; i++ {
		s := string(rune('a' + i%26)) // RuneToStr
		t := string(b)                // BytesToStr
		u := s + t                    // StrConcat
		w := s + t + u                // StrConcatN
		bs := []byte(w)               // StrToBytes
		r := []rune(u)                // StrToRunes
		v := string(rs)               // RunesToStr
		p := &node{keep, i}           // New
		if i%1000 == 0 {
			keep = p
		}
		xs := make([]int, 2)     // MakeSlice
		xs = append(xs, i)       // Grow
		xs = append(xs, xs...)   // AppendSlice
		m[i%64] = s              // MapStore
		ms[t] = i                // MapStore (string keys)
		if _, ok := m[i%7]; ok { // MapLoad
			n++
		}
		delete(m, i%5) // MapDelete
		if i%100000 == 0 {
			for k := range m { // MapIter, MapNext
				n += k
			}
		}
		n += len(bs) + len(r) + len(v) + len(xs) + sh.area() // CallIface
	}
	println(n, len(m), len(ms), keep.v)
}
