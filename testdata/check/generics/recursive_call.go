package main

// A generic function calling itself: its type parameters stand for themselves.
func sortRange[E any](data []E, a, b int, less func(x, y E) bool) {
	if b-a < 2 {
		return
	}
	sortRange(data, a, (a+b)/2, less)
	sortRange(data, (a+b)/2, b, less)
}

func asType[E error](err error, ppe **E) (_ E, _ bool) {
	if e, ok := err.(E); ok {
		return e, true
	}
	return asType(err, ppe)
}

func main() {
	sortRange([]int{3, 1, 2}, 0, 3, func(x, y int) bool { return x < y })
}
