package main

// Ten million iterations through instructions with slow paths (printing,
// reslicing, string building): every handler must leave the native stack
// as it found it, or a long loop overflows it.

func main() {
	s := []int{1, 2, 3}
	var t []int
	n := 0
	for i := 0; i < 10000000; i++ {
		t = s[i%2:]
		print("")
		n += len(t)
	}
	println(n, len(t))
}
