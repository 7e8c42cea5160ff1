// Index and slice bounds errors, negative operands included (gc's boundsError formats).
package main

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			println(name, "->", r.(error).Error())
		} else {
			println(name, "ok")
		}
	}()
	f()
}

func main() {
	s := make([]int, 3, 5)
	str := "hello"
	for _, c := range [][3]int{{-1, 2, 4}, {1, -2, 4}, {1, 2, -4}, {1, 6, 5}, {3, 2, 4}, {1, 2, 6}, {4, 3, 5}} {
		lo, hi, max := c[0], c[1], c[2]
		try("s[lo:hi]", func() { _ = s[lo:hi] })
		try("s[lo:hi:max]", func() { _ = s[lo:hi:max] })
		try("str[lo:hi]", func() { _ = str[lo:hi] })
		try("s[:hi]", func() { _ = s[:hi] })
		try("s[lo:]", func() { _ = s[lo:] })
		try("str[lo:]", func() { _ = str[lo:] })
	}
	i := -3
	try("s[i]", func() { _ = s[i] })
	try("str[i]", func() { _ = str[i] })
	var a [4]int
	try("a[i]", func() { _ = a[i] })
	j := 7
	try("a[j]", func() { _ = a[j] })
	try("a[lo:]", func() { _ = a[j:] })
}
