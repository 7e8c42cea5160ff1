// Type descriptors in internal/abi's layout, read through unsafe as
// reflect reads them: size, pointer bytes, flags, alignment, kind, the
// pointer bitmap, and each kind's extension (elements, lengths, channel
// directions, struct fields with names, tags and offsets, function
// parameters, interface methods, methods of defined types).
package main

import "unsafe"

type eface struct {
	typ  unsafe.Pointer
	data unsafe.Pointer
}

func typeOf(x any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&x)).typ }

func u8(p unsafe.Pointer, off uintptr) uint8   { return *(*uint8)(unsafe.Add(p, off)) }
func u16(p unsafe.Pointer, off uintptr) uint16 { return *(*uint16)(unsafe.Add(p, off)) }
func u32(p unsafe.Pointer, off uintptr) uint32 { return *(*uint32)(unsafe.Add(p, off)) }
func word(p unsafe.Pointer, off uintptr) uintptr {
	return *(*uintptr)(unsafe.Add(p, off))
}
func ptr(p unsafe.Pointer, off uintptr) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Add(p, off))
}

// An abi.Name: flags, varint length, bytes, then an optional tag.
func name(n unsafe.Pointer) (string, string, uint8) {
	if n == nil {
		return "", "", 0
	}
	flags := u8(n, 0)
	l, k := varint(n, 1)
	s := unsafe.String((*byte)(unsafe.Add(n, 1+k)), l)
	tag := ""
	if flags&2 != 0 {
		tl, tk := varint(n, uintptr(1+k+l))
		tag = unsafe.String((*byte)(unsafe.Add(n, 1+k+l+tk)), tl)
	}
	return s, tag, flags
}

func varint(p unsafe.Pointer, off uintptr) (int, int) {
	v := 0
	for i := 0; ; i++ {
		x := u8(p, off+uintptr(i))
		v += int(x&0x7f) << (7 * i)
		if x&0x80 == 0 {
			return v, i + 1
		}
	}
}

var kinds = []string{"invalid", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64", "complex128", "array", "chan", "func", "interface", "map", "ptr", "slice", "string", "struct", "unsafe.Pointer"}

func kind(t unsafe.Pointer) uint8 { return u8(t, 23) }

func short(t unsafe.Pointer) string {
	if t == nil {
		return "nil"
	}
	s := kinds[kind(t)]
	return s
}

func header(label string, t unsafe.Pointer) {
	// TFlag bits compared: Uncommon 1, Named 4, RegularMemory 8, DirectIface 32.
	tflag := u8(t, 20) & (1 | 4 | 8 | 32)
	print(label, ": size ", word(t, 0), " ptrbytes ", word(t, 8), " tflag ", tflag,
		" align ", u8(t, 21), " fieldalign ", u8(t, 22), " kind ", kinds[kind(t)])
	if pb := word(t, 8); pb > 0 {
		gc := ptr(t, 32)
		print(" gcmask")
		for i := uintptr(0); i < pb/8; i++ {
			print(" ", (u8(gc, i/8)>>(i%8))&1)
		}
	}
	println()
	switch kinds[kind(t)] {
	case "array":
		println("  elem", short(ptr(t, 48)), "len", word(t, 64))
	case "chan":
		println("  elem", short(ptr(t, 48)), "dir", word(t, 56))
	case "ptr", "slice":
		println("  elem", short(ptr(t, 48)))
	case "map":
		println("  key", short(ptr(t, 48)), "elem", short(ptr(t, 56)),
			"groupsize", word(t, 80), "slotsize", word(t, 88), "elemoff", word(t, 96), "flags", u32(t, 104))
	case "func":
		in, out := u16(t, 48), u16(t, 50)
		println("  in", in, "out", out&0x7fff, "variadic", out>>15)
		base := uintptr(56)
		if u8(t, 20)&1 != 0 {
			base += 16
		}
		for i := uintptr(0); i < uintptr(in)+uintptr(out&0x7fff); i++ {
			println("  param", i, short(ptr(t, base+8*i)))
		}
	case "struct":
		fields := ptr(t, 56)
		n := word(t, 64)
		println("  fields", n)
		for i := uintptr(0); i < n; i++ {
			f := unsafe.Add(fields, 24*i)
			nm, tag, flags := name(ptr(f, 0))
			println("  field", nm, "tag", tag, "exported", flags&1, "embedded", flags>>3&1,
				"type", short(ptr(f, 8)), "offset", word(f, 16))
		}
	case "interface":
		n := word(t, 64)
		println("  methods", n)
	}
	if u8(t, 20)&1 != 0 {
		ext := map[string]uintptr{"array": 72, "chan": 64, "func": 56, "interface": 80, "map": 112, "ptr": 56, "slice": 56, "struct": 80}
		off, ok := ext[kinds[kind(t)]]
		if !ok {
			off = 48
		}
		u := unsafe.Add(t, off)
		println("  mcount", u16(u, 4), "xcount", u16(u, 6))
	}
}

type Point struct {
	X, Y int    `json:"x"`
	name string `k:"v"`
	next *Point
}

type Embed struct {
	Point
	F float64
}

type Celsius float64

func (c Celsius) String() string { return "" }
func (c Celsius) Add(d Celsius) Celsius { return c + d }
func (c Celsius) hidden()                {}

type List []int

func (l *List) Push(x int) { *l = append(*l, x) }
func (l List) Len() int     { return len(l) }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Mixed struct {
	a byte
	b int32
	p *int
	s []string
	m map[string]int
}

func main() {
	header("int", typeOf(0))
	header("string", typeOf(""))
	header("float64", typeOf(1.5))
	header("*int", typeOf(new(int)))
	header("[]string", typeOf([]string{}))
	header("[3]*int", typeOf([3]*int{}))
	header("[2]float64", typeOf([2]float64{}))
	header("map[string]int", typeOf(map[string]int{}))
	header("map[float64][200]byte", typeOf(map[float64][200]byte{}))
	header("func(int, ...string) (bool, error)", typeOf(func(int, ...string) (bool, error) { return false, nil }))
	header("Point", typeOf(Point{}))
	header("*Point", typeOf(&Point{}))
	header("Embed", typeOf(Embed{}))
	header("Celsius", typeOf(Celsius(0)))
	header("Mixed", typeOf(Mixed{}))
	var s Shape
	header("*Shape", typeOf(&s))
	header("Shape", ptr(typeOf(&s), 48))
	header("struct{}", typeOf(struct{}{}))
	header("List", typeOf(List{}))
	header("*List", typeOf(&List{}))
	header("Pair[string,*int]", typeOf(Pair[string, *int]{}))
	header("[0]int", typeOf([0]int{}))
	header("struct{a int8; b int64}", typeOf(struct {
		a int8
		b int64
	}{}))
	header("struct{_ int; b int}", typeOf(struct {
		_ int
		b int
	}{}))
	header("[4]struct{x, y int32}", typeOf([4]struct{ x, y int32 }{}))
	header("complex128", typeOf(1i))
	header("uintptr", typeOf(uintptr(0)))
	header("unsafe.Pointer", typeOf(unsafe.Pointer(nil)))
	header("any slice", typeOf([]any{}))
}
