// Large structs behind interfaces (value and pointer receivers), narrow and float32 arithmetic.
package main

type Big struct {
	a, b, c, d int64
	name     string
	tags     [3]string
}

func (b Big) Total() int64 { return b.a + b.b + b.c + b.d }
func (b *Big) Bump()       { b.a++ }

type Totaler interface{ Total() int64 }

type small struct{ x int8 }

func (s small) Total() int64 { return int64(s.x) }

func main() {
	bg := Big{1, 2, 3, 4, "big", [3]string{"x", "y", "z"}}
	var t Totaler = bg
	bg.Bump()
	println(t.Total(), bg.Total())
	t = &bg
	bg.Bump()
	println(t.Total())
	ts := []Totaler{small{-3}, bg, &bg, small{127}}
	var sum int64
	for _, x := range ts {
		sum += x.Total()
	}
	println(sum)
	m := map[string]Big{"k": bg}
	println(m["k"].tags[2], m["k"].Total())
	var f32 float32 = 16777216
	f32 += 1
	var f64 float64 = 16777216
	f64 += 1
	println(f32, f64, float32(0.1)+float32(0.2), 0.1+0.2 == 0.3)
	var i16 int16 = 32000
	for k := 0; k < 3; k++ {
		i16 += 1000
	}
	println(i16)
	var up uintptr = 1 << 63
	println(up>>62, up*2)
	x := int32(-5)
	println(x>>1, uint32(x)>>28, x<<29, -x%3)
	var r rune = 'é'
	println(r, string(r), len(string(r)), byte(r))
	println(^0, ^uint8(5), 7&^5, -8>>1, 0x7fffffff+int64(1))
}
