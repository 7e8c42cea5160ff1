package main

// goto and labels, labeled break and continue out of nested loops, switch
// with fallthrough, switch without tag, switch with init, break inside
// switch and select inside loops.

func classify(n int) string {
	switch {
	case n < 0:
		return "neg"
	case n == 0:
		return "zero"
	case n < 10:
		return "small"
	}
	return "big"
}

func main() {
	i := 0
loop:
	if i < 3 {
		print(i, " ")
		i++
		goto loop
	}
	println()
outer:
	for a := 0; a < 3; a++ {
		for b := 0; b < 3; b++ {
			if b == 2 {
				continue outer
			}
			if a == 2 {
				break outer
			}
			print(a, b, " ")
		}
	}
	println()
	for n := 0; n < 6; n++ {
		switch n {
		case 0:
			print("zero ")
			fallthrough
		case 1:
			print("one-or-fell ")
		case 2, 3:
			print("two-three ")
			if n == 3 {
				break
			}
			print("(two) ")
		default:
			print("default ")
			fallthrough
		case 100:
			print("hundred ")
		}
	}
	println()
	println(classify(-5), classify(0), classify(7), classify(70))
	switch x := 5; {
	case x > 3:
		println("x>3")
		fallthrough
	case x > 100:
		println("fell into x>100")
	}
	count := 0
	for {
		count++
		switch {
		case count > 4:
			goto done
		}
	}
done:
	println("count", count)
L:
	for i := range 10 {
		switch {
		case i == 2:
			continue L
		case i == 5:
			break L
		}
		print(i, " ")
	}
	println()
	j := 0
	for j < 3 {
		j++
	}
	println(j)
	switch s := "b"; s {
	case "a":
		println("a")
	case "b":
		println("b")
	}
	var k interface{} = 2
	switch k {
	case 1:
		println("one")
	case 2:
		println("two")
	}
}
