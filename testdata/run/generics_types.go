package main

// Generic types: Stack[T] with pointer-receiver methods, a generic linked
// list with an iterator method, Pair[K, V], generic types instantiated
// with different type arguments, methods returning the type parameter.

type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func (s Stack[T]) Len() int { return len(s.items) }

type List[T any] struct {
	head *node[T]
	size int
}

type node[T any] struct {
	v    T
	next *node[T]
}

func (l *List[T]) Prepend(v T) {
	l.head = &node[T]{v, l.head}
	l.size++
}

func (l *List[T]) All() func(func(T) bool) {
	return func(yield func(T) bool) {
		for n := l.head; n != nil; n = n.next {
			if !yield(n.v) {
				return
			}
		}
	}
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }

type Number interface{ ~int | ~float64 }

type Vec[T Number] []T

func (v Vec[T]) Dot(w Vec[T]) T {
	var s T
	for i := range v {
		s += v[i] * w[i]
	}
	return s
}

func main() {
	var s Stack[int]
	for i := range 4 {
		s.Push(i * 10)
	}
	println(s.Len())
	for {
		v, ok := s.Pop()
		if !ok {
			break
		}
		print(v, " ")
	}
	println()
	ss := &Stack[string]{}
	ss.Push("a")
	ss.Push("b")
	v, _ := ss.Pop()
	println(v, ss.Len())
	var l List[string]
	l.Prepend("c")
	l.Prepend("b")
	l.Prepend("a")
	for x := range l.All() {
		print(x, " ")
	}
	println(l.size)
	p := MakePair("k", 3.5)
	println(p.Key, p.Val)
	q := Pair[int, []int]{1, []int{1, 2}}
	println(q.Key, len(q.Val))
	println(Vec[int]{1, 2, 3}.Dot(Vec[int]{4, 5, 6}), Vec[float64]{0.5}.Dot(Vec[float64]{4}))
	println(p == Pair[string, float64]{"k", 3.5})
}
