package main

// Pointers: address-of locals (which outlive their function), pointer to
// pointer, pointer to struct fields and array elements, new, nil checks,
// pointer equality.

type node struct {
	val  int
	next *node
}

func counter() *int {
	x := 0
	return &x
}

func incr(p *int) { *p++ }

func main() {
	c := counter()
	incr(c)
	incr(c)
	println(*c)
	d := counter()
	println(*d, c == d, c == c)
	x := 1
	p := &x
	pp := &p
	**pp = 5
	println(x, *p == **pp)
	arr := [3]int{1, 2, 3}
	e := &arr[1]
	*e = 20
	println(arr[1])
	type pt struct{ a, b int }
	s := pt{1, 2}
	f := &s.b
	*f = 7
	println(s.b)
	n := new(int)
	println(*n)
	*n = 3
	println(*n)
	var list *node
	for i := 1; i <= 4; i++ {
		list = &node{i, list}
	}
	for q := list; q != nil; q = q.next {
		print(q.val, " ")
	}
	println()
	var np *node
	println(np == nil, list != nil)
	ps := new(pt)
	ps.a = 9
	println(ps.a, (*ps).b)
	q := &pt{3, 4}
	r := q
	r.a = 30
	println(q.a)
}
