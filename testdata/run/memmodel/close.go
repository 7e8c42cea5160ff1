// Memory model litmus test: closing a channel.
//
// "The closing of a channel is synchronized before a receive that returns
// because the channel is closed." A goroutine writes a message and closes
// the channel; a receive that returns the zero value with ok false, a
// `range` that ends, and a receive in a select that sees the close must
// all see the message. A closed buffered channel first yields the values
// still in its buffer, then zero values.
//
// Each is run 1000 times; prints "ok" when every check held, else what
// was seen.
package main

const iterations = 1000

type point struct{ x, y int }

var (
	msg    [8]int
	label  string
	failed int
)

var labels = [...]string{"a", "bb", "ccc"}

func write(i int) {
	for k := range msg {
		msg[k] = i + k
	}
	label = labels[i%len(labels)]
}

func seen(i int) bool {
	for k, v := range msg {
		if v != i+k {
			return false
		}
	}
	return label == labels[i%len(labels)]
}

func fail(what string, i int) {
	println(what+": iteration", i, "saw msg[0]", msg[0], "label", label)
	failed++
}

func main() {
	for i := 1; i <= iterations; i++ {
		// A plain receive returns the zero value, ok false.
		c := make(chan point)
		go func() {
			write(i)
			close(c)
		}()
		v, ok := <-c
		if ok || v != (point{}) {
			println("receive: iteration", i, "got", v.x, v.y, ok)
			failed++
		}
		if !seen(i) {
			fail("receive", i)
		}

		// range ends at the close.
		r := make(chan int)
		go func() {
			write(iterations + i)
			close(r)
		}()
		n := 0
		for range r {
			n++
		}
		if n != 0 || !seen(iterations+i) {
			fail("range", i)
		}

		// A select receive sees the close.
		s := make(chan string)
		go func() {
			write(2*iterations + i)
			close(s)
		}()
		select {
		case str, ok := <-s:
			if ok || str != "" || !seen(2*iterations+i) {
				fail("select", i)
			}
		}

		// Buffered: the values sent before the close first, then zeros.
		b := make(chan int, 4)
		go func() {
			b <- i
			b <- i + 1
			write(3*iterations + i)
			close(b)
		}()
		x, ok1 := <-b
		y, ok2 := <-b
		z, ok3 := <-b
		if x != i || y != i+1 || !ok1 || !ok2 || z != 0 || ok3 || !seen(3*iterations+i) {
			println("buffered: iteration", i, "got", x, ok1, y, ok2, z, ok3)
			failed++
		}
	}
	if failed > 0 {
		println("FAIL:", failed, "violations")
		return
	}
	println("ok")
}
