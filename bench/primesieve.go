// Goroutine creation and channel hand-offs: the classic concurrent prime
// sieve. A generator goroutine sends 2, 3, 4, … on an unbuffered channel;
// each prime found adds a filter goroutine to the chain that drops its
// multiples. Prints the Nth prime.
package main

const n = 2500

// generate sends 2, 3, 4, … on ch.
func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

// filter copies the values of in that prime does not divide to out.
func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func main() {
	ch := make(chan int)
	go generate(ch)
	prime := 0
	for i := 0; i < n; i++ {
		prime = <-ch
		next := make(chan int)
		go filter(ch, next, prime)
		ch = next
	}
	println(prime)
}
