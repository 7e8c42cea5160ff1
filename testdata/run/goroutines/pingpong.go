// Who receives the first ball races at GOMAXPROCS > 1 (real go prints
// "ping 1" about once in 200 runs there): pingpong.env runs it at 1.
package main

type Ball struct{ hits int }

func player(name string, table chan *Ball, done chan bool) {
	for {
		ball, ok := <-table
		if !ok {
			done <- true
			return
		}
		ball.hits++
		println(name, ball.hits)
		if ball.hits >= 10 {
			close(table)
			done <- true
			return
		}
		table <- ball
	}
}

func main() {
	table := make(chan *Ball)
	done := make(chan bool)
	go player("ping", table, done)
	go player("pong", table, done)
	table <- &Ball{}
	<-done
	<-done
	println("game over")

	// Unbuffered handoff ordering between two goroutines.
	a, b := make(chan int), make(chan int)
	go func() {
		for i := 0; i < 5; i++ {
			v := <-a
			println("got", v)
			b <- v * 2
		}
	}()
	for i := 0; i < 5; i++ {
		a <- i
		println("back", <-b)
	}

	// Semaphore via a buffered channel; counting completions.
	sem := make(chan struct{}, 2)
	fin := make(chan int)
	for i := 0; i < 6; i++ {
		go func() {
			sem <- struct{}{}
			fin <- i
			<-sem
		}()
	}
	s := 0
	for i := 0; i < 6; i++ {
		s += <-fin
	}
	println("sem sum", s)
}
