package main

type Ptr[T any] struct{ p *T }

func (p *Ptr[T]) Load() *T { return p.p }

type Map[K comparable, V any] struct {
	root Ptr[node[K, V]]
}

func (m *Map[K, V]) All() func(yield func(K, V) bool) {
	return func(yield func(key K, value V) bool) {
		m.iter(m.root.Load(), yield)
	}
}

func (m *Map[K, V]) iter(n *node[K, V], yield func(key K, value V) bool) bool { return n != nil }

type node[K comparable, V any] struct {
	k K
	v V
}

func main() {
	var m Map[string, int]
	m.All()
}
