package main

type Ordered interface {
	~int | ~uintptr | ~string
}

func SortFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {}

func Compare[S ~[]E, E Ordered](s1, s2 S) int { return 0 }

func main() {
	var all [][]uintptr
	SortFunc(all, Compare)
}
