// errorcheck

// Invalid recursive types: a struct or array containing itself, directly or
// through other types. Recursion through pointers, slices, maps, channels
// and functions is fine.

package p

type A struct{ a A } // ERROR "invalid recursive type: A refers to itself"

type B struct{ c C } // ERROR "invalid recursive type B"
type C struct{ b B }

type D [2]D // ERROR "invalid recursive type: D refers to itself"

type E struct{ p *E }     // ok
type F struct{ s []F }    // ok
type G map[string]G       // ok
type H func(H) H          // ok
type J struct{ m map[J]int } // a struct holding a map is not comparable // ERROR "invalid map key type J"

type K interface{ K } // ERROR "invalid recursive type: K refers to itself"

type L = L // ERROR "invalid recursive type: L refers to itself"

type M [len(M{})]int // ERROR "invalid recursive type: M refers to itself"
