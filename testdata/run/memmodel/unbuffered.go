// Memory model litmus test: message passing through an unbuffered channel.
//
// "A send on a channel is synchronized before the completion of the
// corresponding receive from that channel": a goroutine writes a message
// into plain variables, then sends; the receiver must see the message.
//
// "A receive from an unbuffered channel is synchronized before the
// completion of the corresponding send on that channel": a goroutine writes
// its reply, then receives; once the sender's send has completed, the
// sender must see the reply.
//
// Each is run 1000 times with a fresh message; prints "ok" when every
// check held, else what was seen.
package main

const iterations = 1000

type message struct {
	id    int
	words [4]int
	text  string
}

var names = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven"}

func fill(m *message, i int) {
	m.id = i
	for k := range m.words {
		m.words[k] = i*10 + k
	}
	m.text = names[i%len(names)]
}

func check(m *message, i int) bool {
	if m.id != i || m.text != names[i%len(names)] {
		return false
	}
	for k, w := range m.words {
		if w != i*10+k {
			return false
		}
	}
	return true
}

var (
	data   message // written by the sender before it sends
	reply  message // written by the receiver before it receives
	failed int
)

func main() {
	// Send before receive completes.
	for i := 1; i <= iterations; i++ {
		c := make(chan bool)
		go func() {
			fill(&data, i)
			c <- true
		}()
		<-c
		if !check(&data, i) {
			println("send→receive: iteration", i, "saw id", data.id, "text", data.text)
			failed++
		}
	}

	// Receive before send completes (unbuffered only).
	for i := 1; i <= iterations; i++ {
		c := make(chan int)
		done := make(chan bool)
		go func() {
			fill(&reply, i)
			<-c
			done <- true
		}()
		c <- i
		if !check(&reply, i) {
			println("receive→send: iteration", i, "saw id", reply.id, "text", reply.text)
			failed++
		}
		<-done
	}

	// A message through a pipeline of goroutines: happens-before is
	// transitive, each stage adds to what the previous one wrote.
	const stages = 8
	var trail [stages + 1]int
	for i := 1; i <= iterations; i++ {
		first := make(chan bool)
		in := first
		for s := 1; s <= stages; s++ {
			out := make(chan bool)
			go func(s int, in <-chan bool, out chan<- bool) {
				<-in
				trail[s] = trail[s-1] + s*i
				out <- true
			}(s, in, out)
			in = out
		}
		trail[0] = i
		first <- true
		<-in
		want := i
		for s := 1; s <= stages; s++ {
			want += s * i
		}
		if trail[stages] != want {
			println("pipeline: iteration", i, "saw", trail[stages], "want", want)
			failed++
		}
	}

	if failed > 0 {
		println("FAIL:", failed, "violations")
		return
	}
	println("ok")
}
