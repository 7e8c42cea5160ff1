package main

// Structs in frames, in slices and behind pointers; methods with value and
// pointer receivers; fields of every width; slicing.

type Point struct {
	X, Y int
}

type Small struct {
	a int8
	b bool
	c int32
	d float32
	e uint16
}

type Counter struct {
	n    int
	name string
}

func (c *Counter) Inc(by int) { c.n += by }

func (c Counter) Get() int { return c.n }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

func main() {
	p := Point{1, 2}
	q := p.Add(Point{Y: 10, X: 20})
	println(q.X, q.Y, p.X)
	s := Small{a: -5, b: true, c: 1 << 20, d: 1.5, e: 65535}
	s.a--
	s.e++
	println(s.a, s.b, s.c, s.d, s.e)
	c := &Counter{name: "c"}
	c.Inc(3)
	c.Inc(4)
	println(c.Get(), c.name)
	ps := []Point{{1, 1}, {2, 2}, {3, 3}}
	for i := range ps {
		ps[i].X *= 10
	}
	sum := 0
	for _, v := range ps {
		sum += v.X + v.Y
	}
	println(sum, len(ps[1:]), cap(ps[:1]), ps[2].X)
	cs := make([]Counter, 2)
	cs[1].Inc(7)
	pc := &cs[0]
	pc.Inc(2)
	println(cs[0].Get(), cs[1].Get())
	n := new(int)
	println(*n == 0, n != nil)
	str := "hello, world"
	println(str[7:], str[:5], len(str[3:8]))
	a := []int{0, 1, 2, 3, 4, 5}
	b := a[1:3:4]
	println(len(b), cap(b), b[0], b[1])
}
