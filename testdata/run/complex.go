package main

// Complex numbers: construction, arithmetic, real/imag, comparison,
// complex64 rounding, printing.

func main() {
	c := complex(1, 2)
	d := 3 - 4i
	println(c, d)
	println(c+d, c-d, c*d, c/d)
	println(real(c), imag(d), c == complex(1, 2), c != d)
	var c64 complex64 = complex64(c)
	println(c64, real(c64)*2)
	const k = (1 + 2i) * (1 - 2i)
	println(k, real(k))
	x := 1i
	println(x*x, x*x == -1)
	zero := 0.0
	println(complex(zero, zero)/complex(zero, zero) == complex(zero, zero))
	var cs [2]complex128
	cs[1] = 2i
	println(cs[0], cs[1])
}
