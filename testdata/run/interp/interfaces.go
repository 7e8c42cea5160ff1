package main

type T struct{ n int }

func (t T) Get() int     { return t.n }
func (t *T) Inc(d int)   { t.n += d }

type I interface{ Get() int }

type S string

func (s S) String() string { return "S:" + string(s) }

type Str interface{ String() string }

func apply(f func() int) int { return f() }

func main() {
	t := T{5}
	g := t.Get
	t.n = 7
	println(g(), t.Get())
	inc := (&t).Inc
	inc(3)
	println(t.n, T.Get(t), (*T).Get(&t))
	(*T).Inc(&t, 1)
	var i I = t
	h := i.Get
	println(h(), I.Get(i), apply(i.Get))
	var x interface{} = S("a")
	switch v := x.(type) {
	case Str:
		println(v.String())
	}
	if s, ok := x.(Str); ok {
		println(s.String())
	}
	_, ok := x.(I)
	println(ok, x == S("a"), x != S("b"))
	defer func() {
		r := recover()
		println("recovered:", r.(error).Error())
		var j I
		defer func() { println(recover() != nil) }()
		j.Get()
	}()
	var arr []int
	_ = arr[2]
}
