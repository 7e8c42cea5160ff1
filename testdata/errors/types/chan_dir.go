// errorcheck

// Channel direction: sending on receive-only channels, receiving from
// send-only channels, closing receive-only channels, sending values of the
// wrong type, and select cases.

package p

func f(r <-chan int, s chan<- int, c chan int, notch int) {
	r <- 1 // ERROR "invalid operation: cannot send to receive-only channel <-chan int r \(variable of type <-chan int\)"
	<-s // ERROR "invalid operation: cannot receive from send-only channel chan<- int s \(variable of type chan<- int\)"
	_ = <-s // ERROR "invalid operation: cannot receive from send-only channel chan<- int s \(variable of type chan<- int\)"
	close(r) // ERROR "invalid operation: cannot close receive-only channel r \(variable of type <-chan int\)"
	close(s) // ok
	c <- "x" // ERROR "cannot use .x. \(untyped string constant\) as int value in send"
	notch <- 1 // ERROR "invalid operation: cannot send to non-channel int notch \(variable of type int\)"
	var _ chan<- int = r // ERROR "cannot use r \(variable of type <-chan int\) as chan<- int value in variable declaration"
	var _ <-chan int = c // ok
	var _ chan int = r // ERROR "cannot use r \(variable of type <-chan int\) as chan int value in variable declaration"
	select {
	case r <- 1: // ERROR "invalid operation: cannot send to receive-only channel <-chan int r \(variable of type <-chan int\)"
	case x := <-s: // ERROR "invalid operation: cannot receive from send-only channel chan<- int s \(variable of type chan<- int\)"
		_ = x
	}
	for range s { // ERROR "cannot range over s \(variable of type chan<- int\): receive from send-only channel chan<- int"
	}
}
