// A map read while another goroutine writes it: Go's fatal error
// "concurrent map read and map write", with only the running goroutine's
// traceback (a user fatal error; GOTRACEBACK=all would print the writer).
// It needs two processors (map_race.env).
package main

var m = map[int]int{}

func writer() {
	for i := 0; ; i++ {
		m[i%1000] = i
	}
}

func main() {
	go writer()
	s := 0
	for i := 0; i < 1000000000; i++ {
		s += m[i%1000]
	}
	println("no race seen", s)
}
