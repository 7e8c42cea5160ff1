package main

// Range over strings: byte offsets and runes, invalid UTF-8 sequences
// decode to U+FFFD one byte at a time, and conversions of invalid bytes.

func main() {
	for i, r := range "aé世😀" {
		println(i, r, string(r))
	}
	bad := "a\xffb\xe4\xb8c\xed\xa0\x80d"
	for i, r := range bad {
		println(i, r)
	}
	rs := []rune(bad)
	println(len(bad), len(rs))
	for _, r := range rs {
		print(r, " ")
	}
	println()
	back := string(rs)
	println(len(back), back == bad)
	n := 0
	for range "日本語" {
		n++
	}
	println(n)
	for i := range "héllo" {
		print(i, " ")
	}
	println()
	var r rune = 0xD800
	println(string(r) == "\uFFFD", len(string(r)))
	println(string(rune(0x10FFFF)) == "\U0010FFFF")
}
