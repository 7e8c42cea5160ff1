// Defers in loops with recover, re-panics across nested functions, goto loops, labelled branches.
package main

type T struct{ name string }

func (t *T) Close() { println("close", t.name) }

func process(names []string) (err string) {
	defer func() {
		if r := recover(); r != nil {
			err = "caught: " + r.(string)
		}
	}()
	for _, n := range names {
		t := &T{n}
		defer t.Close()
		if n == "bad" {
			panic("bad name")
		}
	}
	return "ok"
}

func nested() {
	defer func() {
		r := recover()
		println("outer got", r.(string))
	}()
	func() {
		defer func() {
			r := recover()
			panic(r.(string) + "+again")
		}()
		panic("first")
	}()
}

func loopGoto() int {
	i, n := 0, 0
top:
	if i >= 10 {
		goto done
	}
	i++
	if i%3 == 0 {
		goto top
	}
	n += i
	goto top
done:
	return n
}

func main() {
	println(process([]string{"a", "b"}))
	println(process([]string{"a", "bad", "c"}))
	nested()
	println(loopGoto())
	m := map[int][]int{1: {1, 2, 3}, 2: {4, 5}, 3: {6}}
	total := 0
	for k := 1; k <= 3; k++ {
	inner:
		for _, v := range m[k] {
			switch {
			case v == 2:
				continue inner
			case v == 5:
				break inner
			}
			total += v
		}
	}
	println(total)
	x := 0
	for i := range 3 {
		defer func() { x += i; println("defer", i, x) }()
	}
}
