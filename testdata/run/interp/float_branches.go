package main

// Float comparisons in conditions, with NaN operands (never ordered).

func main() {
	zero := 0.0
	n := zero / zero
	one := 1.0
	if n < one {
		println("bad <")
	}
	if !(n < one) {
		println("ok !<")
	}
	if n >= one || n <= one {
		println("bad >= <=")
	} else {
		println("ok else")
	}
	for i := 0.0; i < 3; i++ {
		print(i, " ")
	}
	println()
}
