package main

// Counted loops whose increment and test the compiler fuses: the test
// must be recomputed each iteration when it is not a plain operand, and
// the counter's final value must be the one Go gives.

func main() {
	s := "abcdef"
	n := 0
	for i := 0; i < len(s); i = i + 1 {
		s = s[:len(s)-1]
		n++
	}
	println(n, s)

	i := 0
	for ; i < 10; i++ {
	}
	println(i)

	k := 0
	for j := 0; j < 5; j++ {
		if j == 3 {
			continue
		}
		k += j
	}
	println(k)

	var u uint8
	for u = 250; u < 255; u++ {
	}
	println(u)

	m := int64(-3)
	for m < 3 {
		m++
	}
	println(m)

	var r []int
	for x := range 4 {
		r = append(r, x)
	}
	for x := range uint(3) {
		r = append(r, int(x))
	}
	println(len(r), r[3], r[6])
}
