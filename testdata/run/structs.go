package main

// Structs: embedding with promoted fields and methods, shadowing, anonymous
// structs, comparison, struct values copied on assignment.

type Point struct{ X, Y int }

func (p Point) Sum() int    { return p.X + p.Y }
func (p *Point) Scale(k int) { p.X *= k; p.Y *= k }

type Named struct {
	Point
	Name string
}

type Outer struct {
	*Named
	X string // shadows Named.Point.X
}

func main() {
	n := Named{Point{1, 2}, "a"}
	println(n.X, n.Y, n.Sum(), n.Point.Sum())
	n.Scale(10)
	println(n.X, n.Y)
	o := Outer{&n, "shadow"}
	println(o.X, o.Point.X, o.Y, o.Sum(), o.Name)
	o.Scale(2)
	println(n.X, n.Y)
	p := n.Point
	p.X = -1
	println(n.X, p.X)
	a := Point{1, 2}
	b := Point{Y: 2, X: 1}
	println(a == b, a != Point{}, Point{} == Point{0, 0})
	anon := struct {
		A int
		B string
	}{1, "x"}
	anon2 := struct {
		A int
		B string
	}{1, "x"}
	println(anon == anon2, anon.B)
	var z Named
	println(z.X, z.Name == "", z.Point == Point{})
	ps := []Point{{1, 1}, {2, 2}}
	for i := range ps {
		ps[i].Scale(3)
	}
	println(ps[0].X, ps[1].Y)
	pp := &ps[1]
	pp.X = 100
	println(ps[1].X, (*pp).Sum())
	type local struct{ v int }
	l := local{5}
	println(l.v)
	e := struct{}{}
	println(e == struct{}{})
}
