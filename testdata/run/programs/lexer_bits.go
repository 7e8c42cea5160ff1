// A lexer over bytes, generic insertion sort with a comparator, bit tricks, manual itoa, word counts.
package main

type Token struct {
	Kind string
	Text string
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func lex(src string) (toks []Token) {
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case isDigit(c):
			j := i
			for j < len(src) && isDigit(src[j]) {
				j++
			}
			toks = append(toks, Token{"num", src[i:j]})
			i = j
		case isLetter(c):
			j := i
			for j < len(src) && (isLetter(src[j]) || isDigit(src[j])) {
				j++
			}
			toks = append(toks, Token{"id", src[i:j]})
			i = j
		case c == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				j++
			}
			toks = append(toks, Token{"str", src[i+1 : j]})
			i = j + 1
		default:
			toks = append(toks, Token{"op", string(c)})
			i++
		}
	}
	return
}

func SortBy[T any](xs []T, less func(a, b T) bool) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && less(xs[j], xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

func popcount(x uint64) (n int) {
	for x != 0 {
		x &= x - 1
		n++
	}
	return
}

func reverseBits(x uint32) uint32 {
	var r uint32
	for i := 0; i < 32; i++ {
		r = r<<1 | x&1
		x >>= 1
	}
	return r
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func main() {
	toks := lex(`x1 = foo(42, "hi there") + y_2*7`)
	for _, t := range toks {
		print(t.Kind, ":", t.Text, " ")
	}
	println()
	SortBy(toks, func(a, b Token) bool {
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Text < b.Text
	})
	for _, t := range toks {
		print(t.Text, " ")
	}
	println()
	println(popcount(0xFFFF), popcount(1<<63|1), reverseBits(1), reverseBits(0xF0000000))
	println(itoa(0), itoa(-12345), itoa(9876543210))
	words := map[string]int{}
	text := "the quick brown fox jumps over the lazy dog the end"
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' {
			words[text[start:i]]++
			start = i + 1
		}
	}
	println(words["the"], words["fox"], len(words))
}
