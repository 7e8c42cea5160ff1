package main

func try(name string, f func()) {
	defer func() {
		r := recover()
		if e, ok := r.(error); ok {
			println(name+":", e.Error())
		} else {
			println(name+": no panic")
		}
	}()
	f()
}

func main() {
	try("close nil", func() {
		var c chan int
		close(c)
	})
	try("close closed", func() {
		c := make(chan int)
		close(c)
		close(c)
	})
	try("send closed", func() {
		c := make(chan int, 1)
		close(c)
		c <- 1
	})
	try("select send closed", func() {
		c := make(chan int, 1)
		close(c)
		select {
		case c <- 1:
		default:
		}
	})
	try("negative size", func() {
		n := -1
		_ = make(chan int, n)
	})
	try("recv closed", func() {
		c := make(chan int)
		close(c)
		<-c
	})
	try("defer close", func() {
		c := make(chan int, 1)
		defer close(c)
		c <- 1
	})
}
