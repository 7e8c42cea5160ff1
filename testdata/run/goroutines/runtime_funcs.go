// runtime.LockOSThread and UnlockOSThread (no-ops in rgo: one OS thread
// runs every goroutine), NumCPU, NumCgoCall and Version.
package main

import "runtime"

func main() {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	n := runtime.NumCPU()
	println(n > 0, n == runtime.NumCPU(), runtime.NumCgoCall())
	v := runtime.Version()
	println(v, len(v) > 2 && v[:2] == "go")
	done := make(chan bool)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		runtime.UnlockOSThread()
		done <- true
	}()
	<-done
}
