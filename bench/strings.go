// String-heavy: concatenation, indexing, rune iteration, comparison, conversion.
package main

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

func main() {
	total, runes, pal := 0, 0, 0
	for i := 0; i < 300000; i++ {
		s := "x" + itoa(i) + "héllo, wörld" + itoa(i*31)
		total += len(s)
		for _, r := range s {
			if r > 127 {
				runes++
			}
		}
		n := itoa(i)
		if n == reverse(n) {
			pal++
		}
	}
	println(total, runes, pal)
}
