package main

// Method values bind the receiver when evaluated (copying value
// receivers); method expressions take the receiver as the first argument;
// interface method values; method values of embedded fields.

type T struct{ n int }

func (t T) Get() int      { return t.n }
func (t *T) Set(v int)     { t.n = v }
func (t T) Add(k int) int { return t.n + k }

type I interface{ Get() int }

type W struct{ T }

func apply(f func(int) int, v int) int { return f(v) }

func main() {
	t := T{1}
	get := t.Get // copies t now
	set := t.Set // binds &t
	set(5)
	println(get(), t.Get(), t.n)
	add := t.Add
	println(apply(add, 10))
	fe := T.Get
	println(fe(T{7}))
	fp := (*T).Set
	fp(&t, 9)
	println(t.n)
	fa := T.Add
	println(fa(t, 1))
	fpe := (*T).Get // value method through pointer type
	println(fpe(&t))
	var i I = T{42}
	ig := i.Get
	i = T{43}
	println(ig(), i.Get())
	ie := I.Get
	println(ie(T{44}))
	w := W{T{3}}
	wg := w.Get
	ws := w.Set
	ws(30)
	println(wg(), w.n)
	fs := []func() int{T{1}.Get, T{2}.Get}
	println(fs[0]() + fs[1]())
	p := &T{100}
	pg := p.Get // copies *p now
	p.n = 200
	println(pg(), p.Get())
}
