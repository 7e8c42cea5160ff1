package main

func main() {
	a := complex(1, 2)
	b := 3 - 4i
	println(a, b, a+b, a-b, a*b, a/b, -a)
	var c complex64 = complex64(a)
	d := complex64(b)
	println(c, d, c*d, c/d, real(c), imag(d), real(a), imag(b))
	println(a == b, a != b, c == complex64(a))
	var z complex128
	println(a/z, z/z)
	var e interface{} = a
	println(e.(complex128) == a)
	m := map[string]complex128{"x": b}
	println(m["x"])
}
