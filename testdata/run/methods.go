package main

// Methods with value and pointer receivers: automatic address-taking and
// dereferencing, value receivers operating on copies, methods on non-struct
// named types, method on slice type.

type Counter struct{ n int }

func (c Counter) Get() int { return c.n }
func (c Counter) IncValue() { c.n++ }
func (c *Counter) Inc()     { c.n++ }

type Celsius float64

func (c Celsius) F() Celsius { return c*9/5 + 32 }

type IntList []int

func (l IntList) Sum() int {
	s := 0
	for _, v := range l {
		s += v
	}
	return s
}

func (l *IntList) Add(v int) { *l = append(*l, v) }

type Op func(int) int

func (o Op) Twice(x int) int { return o(o(x)) }

func main() {
	var c Counter
	c.Inc()
	c.Inc()
	c.IncValue()
	println(c.Get())
	p := &c
	p.Inc()
	p.IncValue()
	println(p.Get(), c.n)
	println(Celsius(100).F(), Celsius(-40).F())
	var l IntList
	l.Add(1)
	l.Add(2)
	l.Add(3)
	println(l.Sum(), len(l))
	double := Op(func(x int) int { return x * 2 })
	println(double.Twice(5))
	cs := []Counter{{1}, {2}}
	cs[0].Inc()
	println(cs[0].n)
	m := map[string]*Counter{"a": {}}
	m["a"].Inc()
	println(m["a"].Get())
}
