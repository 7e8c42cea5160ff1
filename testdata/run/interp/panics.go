package main

// Panic values of basic kinds print as Go prints them; a named type shows
// its name. Deferred calls run first. Rune conversions on the way.

type Code uint8

func main() {
	rs := []rune("héllo, 世界")
	println(len(rs), string(rs[1]), string(rs[7:]))
	s := string([]rune{72, 105, -1})
	println(s, len(s))
	defer println("deferred before the panic report")
	var c Code = 7
	panic(c * 30)
}
