// A program mixing many features (checked against go run).
package main

type Tree[T interface{ ~int | ~string }] struct {
	Left, Right *Tree[T]
	Val         T
}

func (t *Tree[T]) Insert(v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{Val: v}
	}
	if v < t.Val {
		t.Left = t.Left.Insert(v)
	} else {
		t.Right = t.Right.Insert(v)
	}
	return t
}

func (t *Tree[T]) Walk(yield func(T) bool) bool {
	if t == nil {
		return true
	}
	return t.Left.Walk(yield) && yield(t.Val) && t.Right.Walk(yield)
}

func (t *Tree[T]) All() func(func(T) bool) {
	return func(yield func(T) bool) { t.Walk(yield) }
}

type Err string

func (e Err) Error() string { return string(e) }

func check(n int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = Err("other")
			}
		}
	}()
	switch n {
	case 0:
		panic(Err("zero"))
	case 1:
		var p *Tree[int]
		_ = p.Val
	case 2:
		panic(42)
	case 3:
		a := []int{}
		_ = a[n]
	case 4:
		var i any = "s"
		_ = i.(int)
	case 5:
		x := 0
		_ = 10 / x
	}
	return nil
}

type Celsius float64
type Temp interface{ ~float64 }

func Avg[T Temp](ts []T) T {
	var s T
	for _, t := range ts {
		s += t
	}
	return s / T(len(ts))
}

func main() {
	var t *Tree[int]
	for _, v := range []int{5, 3, 8, 1, 4, 9, 7} {
		t = t.Insert(v)
	}
	for v := range t.All() {
		if v > 7 {
			break
		}
		print(v, " ")
	}
	println()
	var ts *Tree[string]
	for _, w := range []string{"pear", "apple", "fig"} {
		ts = ts.Insert(w)
	}
	for w := range ts.All() {
		print(w, " ")
	}
	println()
	for i := range 7 {
		err := check(i)
		if err == nil {
			println(i, "nil")
		} else {
			println(i, err.Error())
		}
	}
	println(Avg([]Celsius{10, 20, 40}) > 23, float64(Avg([]float64{1, 2})))
	var e error = Err("x")
	var e2 error = Err("x")
	println(e == e2, e != Err("y"))
	type key struct {
		a string
		b int
	}
	counts := map[key]int{}
	counts[key{"a", 1}]++
	counts[key{"a", 1}]++
	counts[key{"b", 1}]++
	println(counts[key{"a", 1}], len(counts))
	var ifm = map[any]string{1: "int", "1": "string", 1.0: "float", true: "bool"}
	println(ifm[1], ifm["1"], ifm[1.0], ifm[true], len(ifm))
}
