// A program mixing many features (checked against go run).
package main

import "os"

type Op int

const (
	Add Op = iota
	Sub
	Mul
	Div
)

func (o Op) String() string {
	switch o {
	case Add:
		return "+"
	case Sub:
		return "-"
	case Mul:
		return "*"
	}
	return "/"
}

type Expr interface{ Eval(env map[string]int) int }

type Num int
type Var string
type Bin struct {
	Op   Op
	L, R Expr
}

func (n Num) Eval(map[string]int) int     { return int(n) }
func (v Var) Eval(env map[string]int) int { return env[string(v)] }
func (b *Bin) Eval(env map[string]int) int {
	l, r := b.L.Eval(env), b.R.Eval(env)
	switch b.Op {
	case Add:
		return l + r
	case Sub:
		return l - r
	case Mul:
		return l * r
	default:
		return l / r
	}
}

type Stack[T any] []T

func (s *Stack[T]) Push(v T) { *s = append(*s, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(*s) == 0 {
		return zero, false
	}
	v := (*s)[len(*s)-1]
	*s = (*s)[:len(*s)-1]
	return v, true
}

func parse(tokens []string) Expr {
	var st Stack[Expr]
	for _, t := range tokens {
		switch t {
		case "+", "-", "*", "/":
			r, _ := st.Pop()
			l, _ := st.Pop()
			op := map[string]Op{"+": Add, "-": Sub, "*": Mul, "/": Div}[t]
			st.Push(&Bin{op, l, r})
		default:
			if t[0] >= '0' && t[0] <= '9' {
				n := 0
				for _, c := range t {
					n = n*10 + int(c-'0')
				}
				st.Push(Num(n))
			} else {
				st.Push(Var(t))
			}
		}
	}
	e, _ := st.Pop()
	return e
}

type Matrix [3][3]int

func (m Matrix) Mul(o Matrix) (r Matrix) {
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				r[i][j] += m[i][k] * o[k][j]
			}
		}
	}
	return
}

func fact(n uint64) uint64 {
	if n <= 1 {
		return 1
	}
	return n * fact(n-1)
}

func main() {
	e := parse([]string{"x", "3", "+", "y", "*", "10", "2", "/", "-"})
	println(e.Eval(map[string]int{"x": 2, "y": 4}))
	println(Add.String(), Div.String())
	id := Matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
	a := Matrix{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	p := a.Mul(id).Mul(a)
	println(p[0][0], p[1][1], p[2][2], p == a.Mul(a))
	println(fact(20), fact(21))
	var i8 int8 = 127
	i8++
	var u16 uint16 = 0
	u16--
	println(i8, u16, -7/2, -7%2, 7>>1, -7>>1, uint32(1)<<31)
	f := 1e308
	println(f*10, -f*10, 0.1+0.2)
	s := "hello, world"
	cnt := map[rune]int{}
	for _, r := range s {
		cnt[r]++
	}
	println(cnt['l'], cnt['o'], len(cnt))
	defer func() {
		r := recover()
		println("recovered:", r.(error).Error())
		os.Exit(3)
	}()
	var arr []int
	idx := 5
	println(arr[idx])
}
