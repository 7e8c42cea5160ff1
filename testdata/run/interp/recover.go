package main

type MyErr struct{ code int }

func (e *MyErr) Error() string { return "myerr" }

type Shape interface {
	Area() int
	Name() string
}

type Rect struct{ w, h int }

func (r Rect) Area() int     { return r.w * r.h }
func (r Rect) Name() string  { return "rect" }

type Sq struct{ Rect }

func catch(name string, f func()) {
	defer func() {
		r := recover()
		if e, ok := r.(error); ok {
			println(name, "error:", e.Error())
			return
		}
		switch v := r.(type) {
		case nil:
			println(name, "no panic")
		case string:
			println(name, "string:", v)
		case int:
			println(name, "int:", v)
		default:
			println(name, "other")
		}
	}()
	f()
}

func named() (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			n = -1
			err = &MyErr{1}
		}
	}()
	n = 10
	var m map[string]int
	m["x"] = 1
	return n, nil
}

func helper() interface{} { return recover() }

func notDirect() (got bool) {
	defer func() {
		got = helper() != nil
		recover()
	}()
	panic("x")
}

func main() {
	catch("none", func() {})
	catch("str", func() { panic("boom") })
	catch("int", func() { panic(42) })
	catch("err", func() { panic(&MyErr{2}) })
	catch("div", func() {
		a, b := 1, 0
		println(a / b)
	})
	catch("nilmap", func() {
		var m map[int]int
		m[1] = 2
	})
	catch("assert", func() {
		var x interface{} = "s"
		println(x.(int))
	})
	catch("assert2", func() {
		var x interface{} = Rect{1, 2}
		println(x.(interface{ Perimeter() int }))
	})
	catch("nilassert", func() {
		var s Shape
		println(s.(Rect).w)
	})
	catch("cmp", func() {
		var a, b interface{} = []int{1}, []int{1}
		println(a == b)
	})
	catch("nilcall", func() {
		var s Shape
		s.Area()
	})
	catch("repanic", func() {
		defer func() {
			r := recover()
			panic(r.(string) + " again")
		}()
		panic("first")
	})
	n, err := named()
	println(n, err.Error())
	println(notDirect())
	var s Shape = Sq{Rect{2, 3}}
	println(s.Area(), s.Name())
	var e error
	println(e == nil, s != nil)
}
