// errorcheck

// Function and method declarations: missing bodies, methods on non-local and
// invalid receiver types, a field and a method with the same name, duplicate
// methods, receivers of pointer or interface base types.

package p

func noBody() // ok: without -complete gc expects an assembly body

type T struct{ f int }

func (T) f() {} // ERROR "field and method with the same name f"

func (int) m() {} // ERROR "cannot define new methods on non-local type int"

func (*T) g() {}
func (T) g()  {} // ERROR "method T\.g already declared at func_decl\.go:17:11"

type P *T

func (P) m() {} // ERROR "invalid receiver type P \(pointer or interface type\)"

type I interface{ M() }

func (I) n() {} // ERROR "invalid receiver type I \(pointer or interface type\)"

func (t **T) h() {} // ERROR "invalid receiver type \*\*T"

func (T, T) two() {} // ERROR "method has multiple receivers"

func () none() {} // ERROR "method has no receiver"

func (x undefinedType) u() {} // ERROR "undefined: undefinedType"
