// Memory model litmus test: a buffered channel as a counting semaphore.
//
// "The kth receive on a channel with capacity C is synchronized before the
// completion of the k+Cth send from that channel completes."
//
//  1. The rule itself: a goroutine writes slot k and then makes the kth
//     receive from a channel of capacity C; once main's (k+C)th send has
//     completed, main must see slot k written.
//  2. A worker pool limited by a semaphore of capacity C (a send acquires,
//     a receive releases): at most C workers are ever inside the limited
//     section. The count of workers inside is kept under a channel of
//     capacity 1 used as a mutex (the same rule with C = 1).
//
// Each is run 1000 times; prints "ok" when every check held, else what
// was seen.
package main

const (
	iterations = 1000
	capacity   = 3
	items      = 20
	workers    = 10
)

var failed int

// The rule: slot k written before the kth receive, read after the (k+C)th
// send.
func kthReceive(iter int) {
	var slots [items + 1]int
	sem := make(chan int, capacity)
	finished := make(chan bool)
	go func() {
		for k := 1; k <= items; k++ {
			slots[k] = iter*100 + k
			<-sem
		}
		finished <- true
	}()
	for n := 1; n <= items+capacity; n++ {
		sem <- n
		if k := n - capacity; k >= 1 && slots[k] != iter*100+k {
			println("kth receive: iteration", iter, "send", n, "saw slot", k, "=", slots[k])
			failed++
		}
	}
	<-finished
}

// The pool: peak occupancy of the limited section never above capacity,
// every worker's result delivered.
func pool(iter int) {
	limit := make(chan bool, capacity)
	mu := make(chan bool, 1)
	done := make(chan bool)
	inside, peak := 0, 0
	var results [workers]int
	for w := 0; w < workers; w++ {
		go func() {
			limit <- true // acquire
			mu <- true
			inside++
			if inside > peak {
				peak = inside
			}
			<-mu
			results[w] = iter*w + 1
			mu <- true
			inside--
			<-mu
			<-limit // release
			done <- true
		}()
	}
	for w := 0; w < workers; w++ {
		<-done
	}
	if peak > capacity || peak < 1 || inside != 0 {
		println("pool: iteration", iter, "peak", peak, "inside", inside, "capacity", capacity)
		failed++
	}
	for w, r := range results {
		if r != iter*w+1 {
			println("pool: iteration", iter, "worker", w, "result", r)
			failed++
		}
	}
}

func main() {
	for i := 1; i <= iterations; i++ {
		kthReceive(i)
		pool(i)
	}
	if failed > 0 {
		println("FAIL:", failed, "violations")
		return
	}
	println("ok")
}
