package main

// Interfaces: dynamic dispatch, type switches (including nil and multiple
// types per case), type assertions with comma-ok, embedded interfaces,
// interface comparison, nil interface vs interface holding a nil pointer.

type Shape interface {
	Area() int
	Name() string
}

type Sized interface {
	Shape
	Scale(k int)
}

type Rect struct{ w, h int }

func (r Rect) Area() int     { return r.w * r.h }
func (r Rect) Name() string  { return "rect" }
func (r *Rect) Scale(k int) { r.w *= k; r.h *= k }

type Square struct{ s int }

func (s *Square) Area() int    { return s.s * s.s }
func (s *Square) Name() string { return "square" }

func describe(x interface{}) string {
	switch v := x.(type) {
	case nil:
		return "nil"
	case int, int64:
		return "integer"
	case string:
		return "string " + v
	case Shape:
		return "shape " + v.Name()
	case error:
		return "error"
	default:
		return "other"
	}
}

type E struct{ msg string }

func (e E) Error() string { return e.msg }

func main() {
	shapes := []Shape{Rect{2, 3}, &Square{4}, &Rect{1, 1}}
	total := 0
	for _, s := range shapes {
		total += s.Area()
		println(s.Name(), s.Area())
	}
	println(total)
	var sz Sized = &Rect{2, 2}
	sz.Scale(3)
	println(sz.Area())
	var sh Shape = sz
	_, ok := sh.(Sized)
	println(ok)
	_, ok = shapes[0].(Sized)
	println(ok)
	r, ok := shapes[0].(Rect)
	println(r.w, ok)
	sq, ok := shapes[0].(*Square)
	println(sq == nil, ok)
	println(describe(nil), describe(1), describe(int64(2)), describe("x"), describe(Rect{}), describe(E{}), describe(1.5))
	var a, b interface{} = 1, 1
	println(a == b, a != interface{}(int64(1)), a == interface{}("1"))
	var s1, s2 Shape = Rect{1, 2}, Rect{1, 2}
	println(s1 == s2, s1 == shapes[0])
	sqp := &Square{1}
	var s3, s4 Shape = sqp, sqp
	println(s3 == s4, s3 == Shape(&Square{1}))
	var nilSq *Square
	var s5 Shape = nilSq
	var s6 Shape
	println(s5 == nil, s6 == nil, s5 != s6)
	var err error = E{"bad"}
	println(err.Error())
	if e, ok := err.(E); ok {
		println("E:", e.msg)
	}
	var any1 any = shapes
	if ss, ok := any1.([]Shape); ok {
		println(len(ss))
	}
	defer func() {
		r := recover()
		println(r.(error).Error())
	}()
	var x interface{} = []int{1}
	var y interface{} = []int{1}
	println(x == y)
}
