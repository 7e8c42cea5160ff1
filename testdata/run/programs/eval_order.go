// A program mixing many features (checked against go run).
package main

type V struct{ n int }

func (v V) Get() int   { return v.n }
func (v *V) Set(n int) { v.n = n }

type G interface{ Get() int }

func order(tag string, v int) int {
	print(tag, " ")
	return v
}

func deferOrder() (r int) {
	for i := 0; i < 3; i++ {
		defer func(k int) { r = r*10 + k }(i)
	}
	defer print("args evaluated now: ", order("x", 1), "\n")
	return 0
}

func multi() (int, string, bool) { return 1, "two", true }

func classify(xs ...any) string {
	s := ""
	for _, x := range xs {
		switch x.(type) {
		case int, int64:
			s += "I"
		case string, []byte:
			s += "S"
		case nil:
			s += "N"
		case G:
			s += "G"
		default:
			s += "?"
		}
	}
	return s
}

func main() {
	v := V{1}
	get := v.Get
	v.Set(5)
	println(get(), v.Get())
	var g G = v
	v.n = 9
	println(g.Get(), v.n)
	pv := &v
	g = pv
	v.n = 11
	println(g.Get())

	println(deferOrder())
	a, b, c := multi()
	println(a, b, c)
	println(classify(1, int64(2), "s", []byte("b"), nil, v, 2.5))

	s := make([]int, 3, 10)
	t := append(s, 4)
	u := append(s, 5)
	println(t[3], u[3], len(s), cap(t))
	w := []int{1, 2, 3, 4, 5}
	copy(w[1:], w)
	println(w[0], w[1], w[2], w[3], w[4])
	x := w[1:3:4]
	println(len(x), cap(x))
	x = append(x, 100)
	println(w[3])
	x = append(x, 200)
	println(w[4], x[3])

	const big = 1 << 62
	println(big/(1<<60), -9/4, -9%4, 9/-4, uint(1)<<63>>62)
	var sh uint = 70
	println(1<<sh == 0, int64(-1)>>sh, int32(-8)>>1)
	var i32 int32 = -2147483648
	println(i32/-1, i32%-1, -i32)
	println("abc" < "abd", "ab" < "abc", "b" > "abc", "" < "a")
	f := 0.0
	nan := f / f
	m := map[float64]int{nan: 1, nan: 2}
	m[nan] = 3
	println(len(m), m[nan], nan == nan, nan != nan)
	arr := [3]int{1, 2, 3}
	for i, e := range arr {
		arr[2] = 100
		if i == 2 {
			println(e)
		}
	}
	sl := []int{1, 2, 3}
	for i, e := range sl {
		sl[2] = 100
		if i == 2 {
			println(e)
		}
	}
	println(order("L", 1) + order("R", 2))
	z := []string{"a", "b"}
	i := 0
	i, z[i] = 1, "X"
	println(i, z[0], z[1])
}
