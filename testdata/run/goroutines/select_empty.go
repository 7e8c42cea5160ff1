package main

func main() {
	done := make(chan int)
	go func() {
		println("goroutine")
		done <- 1
	}()
	<-done
	select {}
}
