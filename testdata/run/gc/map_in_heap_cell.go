// A map reachable only through heap memory (a new'd cell, a struct
// field, a slice element) survives collections: the words holding maps
// are pointers to the map's header.
package main

import "runtime"

type holder struct {
	n int
	m map[int]string
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func main() {
	p := new(map[int]string)
	*p = make(map[int]string)
	h := &holder{m: map[int]string{}}
	ms := make([]map[int]string, 3)
	for i := range ms {
		ms[i] = map[int]string{}
	}
	for i := 0; i < 2000; i++ {
		(*p)[i] = itoa(i)
		h.m[i] = "h" + itoa(i)
		ms[i%3][i] = "s" + itoa(i)
		if i%500 == 0 {
			runtime.GC()
		}
	}
	for r := 0; r < 5; r++ {
		_ = make([]byte, 1<<20)
		runtime.GC()
	}
	ok := true
	for i := 0; i < 2000; i++ {
		if (*p)[i] != itoa(i) || h.m[i] != "h"+itoa(i) || ms[i%3][i] != "s"+itoa(i) {
			ok = false
		}
	}
	println(len(*p), len(h.m), len(ms[0])+len(ms[1])+len(ms[2]), ok)
}
