package main

type Map[K comparable, V any] struct{}

func (m *Map[K, V]) All() {
	var f func(key K)
	m.iter(f)
}

func (m *Map[K, V]) iter(yield func(key K)) {}

func main() {}
