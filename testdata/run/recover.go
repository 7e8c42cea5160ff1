package main

// panic and recover: recover returns the panic value, recover outside a
// deferred call returns nil, re-panicking, recover in nested deferred
// function does not stop the panic, panics during deferred calls replace
// the current panic, named results set by the deferred recover.

func safeDiv(a, b int) (q int, err string) {
	defer func() {
		if r := recover(); r != nil {
			err = r.(error).Error()
			q = -1
		}
	}()
	return a / b, ""
}

func catch(f func()) (v interface{}) {
	defer func() {
		if r := recover(); r != nil {
			v = r
		}
	}()
	f()
	return "no panic"
}

func helper() interface{} { return recover() }

func notDirect() (v interface{}) {
	defer func() {
		v = catch(func() {
			defer func() { println("inner helper recovered:", helper() == nil) }()
			panic("inner")
		})
	}()
	return nil
}

func repanic() {
	defer func() {
		r := recover()
		println("first recover:", r.(string))
		panic("second")
	}()
	panic("first")
}

func deferPanics() {
	defer func() {
		panic("from defer")
	}()
	panic("original")
}

type myErr struct{ code int }

func (e *myErr) Error() string { return "myErr" }

func main() {
	println(safeDiv(7, 2))
	println(safeDiv(7, 0))
	println(recover() == nil)
	println(catch(func() {}).(string))
	println(catch(func() { panic(42) }).(int))
	println(catch(func() { panic("str") }).(string))
	v := catch(func() { panic(&myErr{7}) })
	println(v.(*myErr).code, v.(error).Error())
	println(catch(repanic).(string))
	println(catch(deferPanics).(string))
	println(notDirect().(string))
	println(catch(func() {
		defer func() {
			println("nested recover:", recover().(string))
		}()
		panic("nested")
	}).(string))
	r := catch(func() { panic(nil) })
	_, isErr := r.(error)
	println(isErr, r.(error).Error())
	println("end")
}
