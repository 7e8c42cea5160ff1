package main

type Point struct {
	X, Y int
	Name string
}

type Shape interface{ Area() int }

type Rect struct{ W, H int }

func (r Rect) Area() int { return r.W * r.H }

type Sq int

func (s Sq) Area() int { return int(s * s) }

func main() {
	// Buffered: len and cap as it fills and drains.
	c := make(chan int, 3)
	println(len(c), cap(c))
	c <- 1
	c <- 2
	println(len(c), cap(c))
	println(<-c, len(c))
	c <- 3
	c <- 4
	println(len(c), cap(c))
	close(c)
	for v := range c {
		println("range", v)
	}
	v, ok := <-c
	println("closed", v, ok)

	// Unbuffered, with a goroutine.
	u := make(chan string)
	go func() {
		u <- "hello"
		u <- "world"
		close(u)
	}()
	for s := range u {
		println(s)
	}
	s, ok := <-u
	println(s == "", ok)

	// Structs, interfaces, zero-size elements.
	pc := make(chan Point, 2)
	pc <- Point{1, 2, "a"}
	pc <- Point{X: 3, Name: "b"}
	p := <-pc
	println(p.X, p.Y, p.Name)
	p = <-pc
	println(p.X, p.Y, p.Name)

	ic := make(chan Shape, 3)
	ic <- Rect{2, 3}
	ic <- Sq(4)
	ic <- nil
	for i := 0; i < 3; i++ {
		sh := <-ic
		if sh == nil {
			println("nil shape")
			continue
		}
		println(sh.Area())
	}

	zc := make(chan struct{}, 5)
	zc <- struct{}{}
	zc <- struct{}{}
	println(len(zc), cap(zc))
	<-zc
	_, ok = <-zc
	println(ok, len(zc))

	ac := make(chan [3]int, 1)
	ac <- [3]int{7, 8, 9}
	arr := <-ac
	println(arr[0], arr[1], arr[2])

	bc := make(chan bool, 1)
	bc <- true
	if <-bc {
		println("bool true")
	}

	fc := make(chan float64, 1)
	fc <- 2.5
	println(<-fc)

	bytec := make(chan byte, 1)
	bytec <- 200
	println(<-bytec)

	// Channels of channels.
	cc := make(chan chan int, 1)
	inner := make(chan int, 1)
	cc <- inner
	(<-cc) <- 42
	println(<-inner)

	// nil channels, comparisons, directions.
	var nc chan int
	println(nc == nil, len(nc), cap(nc))
	var ro <-chan int = inner
	var so chan<- int = inner
	so <- 5
	println(<-ro)
	println(ro == inner, so == inner, c == inner)

	// Channels as map keys and in interfaces.
	m := map[chan int]string{c: "c", inner: "inner"}
	println(m[inner], m[c], len(m))
	var e any = inner
	if ch, ok := e.(chan int); ok {
		ch <- 9
		println(<-inner)
	}
	var e2 any = inner
	println(e == e2)

	// Assignment forms of receive.
	vc := make(chan int, 4)
	vc <- 10
	vc <- 20
	vc <- 30
	vc <- 40
	var x int
	x = <-vc
	var y, ok2 = <-vc
	var arr2 [2]int
	arr2[1], ok2 = <-vc
	pp := &Point{}
	pp.X = <-vc
	println(x, y, ok2, arr2[1], pp.X)
	close(vc)
	var any1 any
	any1, ok2 = <-vc
	println(any1 == 0, ok2)

	// Buffered channel as a FIFO queue.
	q := make(chan int, 10)
	for i := 0; i < 10; i++ {
		q <- i * i
	}
	sum := 0
	for len(q) > 0 {
		sum += <-q
	}
	println("sum", sum)
}
