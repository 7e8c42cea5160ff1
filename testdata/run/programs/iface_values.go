// Interface values everywhere: switch cases, maps, struct fields, arrays, appends, copies, returns, comparisons.
package main

type S struct {
	v   any
	err error
	arr [2]any
}

type E int

func (e E) Error() string { return "E" }

type Str string

func (s Str) String() string { return string(s) }

type Stringer interface{ String() string }

func mk() any       { return 5 }
func mkE() error    { var e *E; _ = e; return E(3) }
func id(x any) any  { return x }
func pair() (any, any) { return 1, "b" }

func main() {
	xs := []any{1, "a", 2.5, nil, E(1), Str("s")}
	for _, x := range xs {
		switch x {
		case 1:
			print("one ")
		case "a":
			print("a ")
		case nil:
			print("nil ")
		case E(1):
			print("E1 ")
		default:
			print("? ")
		}
	}
	println()
	m := map[string]any{"i": 1, "s": "x"}
	m["f"] = 1.5
	println(len(m), m["i"] == 1, m["s"] == "x", m["f"] == 1.5, m["zz"] == nil)
	s := S{v: 3, err: E(2), arr: [2]any{"x", 4}}
	println(s.v == 3, s.err.Error(), s.arr[1] == 4)
	ps := &S{}
	ps.v = "p"
	ps.arr[0] = ps.v
	println(ps.arr[0] == "p")
	var st Stringer = Str("hello")
	var a any = st
	println(a == Str("hello"), a.(Stringer).String())
	r := []any{}
	r = append(r, 1, "two", E(3))
	r = append(r, xs[:2]...)
	println(len(r), r[2] == E(3), r[4] == "a")
	c := make([]any, 2)
	copy(c, r)
	println(c[0] == 1, c[1] == "two")
	println(mk() == 5, mkE().Error(), id(7) == 7, id(nil) == nil)
	p1, p2 := pair()
	println(p1 == 1, p2 == "b")
	f := func() Stringer { return Str("f") }
	println(f().String())
	var e error = E(4)
	_, isE := e.(E)
	_, isStr := e.(Stringer)
	println(isE, isStr)
	arr := [3]any{}
	arr[1] = 9
	println(arr[0] == nil, arr[1] == 9, arr == [3]any{nil, 9, nil})
	type P struct{ a, b any }
	println(P{1, "x"} == P{1, "x"}, P{1, 2} != P{1, 3})
}
