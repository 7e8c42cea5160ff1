package main

func inner[E any](data []E, a int, cmp func(a, b E) int) {}

func outer[E any](data []E, cmp func(a, b E) int) {
	inner(data, 0, cmp)
}

func main() {}
