package main

import "time"

func main() {
	go panic("boom in goroutine")
	time.Sleep(time.Second)
	println("not reached")
}
