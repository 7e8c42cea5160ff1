// errorcheck

// Untyped and typed constant overflow and truncation.

package p

const big = 1 << 100

var a byte = 300 // ERROR "cannot use 300 \(untyped int constant\) as byte value in variable declaration \(overflows\)"
var b int8 = -129 // ERROR "cannot use -129 \(untyped int constant\) as int8 value in variable declaration \(overflows\)"
var c uint = -1 // ERROR "cannot use -1 \(untyped int constant\) as uint value in variable declaration \(overflows\)"
var d int = 1.5 // ERROR "cannot use 1\.5 \(untyped float constant\) as int value in variable declaration \(truncated\)"
var e int = big // ERROR "cannot use big \(untyped int constant 1267650600228229401496703205376\) as int value in variable declaration \(overflows\)"
var f = big // ERROR "cannot use big \(untyped int constant 1267650600228229401496703205376\) as int value in variable declaration \(overflows\)"
var g float32 = 1e100 // ERROR "cannot use 1e100 \(untyped float constant 1e\+100\) as float32 value in variable declaration \(overflows\)"
var h int64 = 1 << 63 // ERROR "cannot use 1 << 63 \(untyped int constant 9223372036854775808\) as int64 value in variable declaration \(overflows\)"
var i uint8 = 255 + 1 // ERROR "cannot use 255 \+ 1 \(untyped int constant 256\) as uint8 value in variable declaration \(overflows\)"
var j = int8(200) // ERROR "constant 200 overflows int8"
var j2 = byte(300) // ERROR "constant 300 overflows byte"
var j3 = uint32(-1) // ERROR "constant -1 overflows uint32"
var j4 = int(3.5) // ERROR "cannot convert 3\.5 \(untyped float constant\) to type int"
var k = uint16(1) << 16 // ERROR "uint16\(1\) << 16 \(constant 65536 of type uint16\) overflows uint16"
var l = byte('a') * 10 // ERROR "byte\('a'\) \* 10 \(constant 970 of type byte\) overflows byte"
var m rune = 1e10 // ERROR "cannot use 1e10 \(untyped float constant 1e\+10\) as rune value in variable declaration \(truncated\)"
var n int = 'a' + 0.5 // ERROR "cannot use 'a' \+ 0\.5 \(untyped float constant 97\.5\) as int value in variable declaration \(truncated\)"

const typed int8 = 100
const sum = typed * 2 // ERROR "typed \* 2 \(constant 200 of type int8\) overflows int8"

func fn(x int32) {}

var _ = func() int { fn(1 << 40); return 0 }() // ERROR "cannot use 1 << 40 \(untyped int constant 1099511627776\) as int32 value in argument to fn \(overflows\)"
