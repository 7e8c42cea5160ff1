package main

// Control flow: labeled break and continue, goto, switch with fallthrough
// and no tag, && and || in conditions.

func classify(n int) string {
	switch {
	case n < 0:
		return "negative"
	case n == 0:
		return "zero"
	case n%2 == 0 && n > 10 || n == 4:
		return "special even"
	}
	return "other"
}

func main() {
	for _, n := range []int{-3, 0, 4, 12, 7} {
		println(n, classify(n))
	}
outer:
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			if j == 2 {
				continue outer
			}
			if i == 3 {
				break outer
			}
			println(i, j)
		}
	}
	i := 0
loop:
	if i < 3 {
		print(i, " ")
		i++
		goto loop
	}
	println()
	switch x := 2; x {
	case 1:
		println("one")
	case 2:
		println("two")
		fallthrough
	case 3:
		println("three")
	default:
		println("default")
	}
	s := "go" + "pher"
	println(s, len(s), s < "gopherz", s == "gopher", s[1])
}
