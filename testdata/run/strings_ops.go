package main

// Strings: indexing, slicing, concatenation, comparison, len, immutability
// through conversions.

func main() {
	s := "hello, world"
	println(len(s), s[0], s[7], s[:5], s[7:], s[3:8])
	t := s[:5] + "!" + s[5:5]
	println(t, len(t))
	println("a" < "b", "abc" < "abd", "ab" < "abc", "" < "a", "Z" < "a", "x" == "x", "x" != "y")
	println("abc" > "ab", "b" >= "abc", "a" <= "a")
	u := "héllo"
	println(len(u), u[1], u[2], u[1:3])
	var empty string
	println(empty == "", len(empty), empty+empty == "")
	acc := ""
	for i := 0; i < 5; i++ {
		acc += string(rune('a' + i))
	}
	println(acc)
	b := []byte(s)
	b[0] = 'H'
	println(s, string(b))
	r := []rune(u)
	println(len(r), r[1], string(r[1]), string(r[1:3]))
	println(string(rune(65)), string(rune(0x4e16)), string(rune(-1)), string(rune(0x110000)))
	println(string([]byte{104, 105}), string([]rune{0x4e16, 0x754c}))
	const c = "const" + "ant"
	println(c, len(c), c[2])
	x := "a\x7fb\tc\\\"d"
	println(len(x), x)
	raw := `raw\n`
	println(raw, len(raw))
	same := s[0:5]
	println(same == "hello")
	bs := []byte("xyz")
	println(string(bs) == "xyz", len(string(bs[1:])))
}
