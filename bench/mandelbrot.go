// mandelbrot (Benchmarks Game, checksum instead of a bitmap): float loops.
package main

func main() {
	const size = 800
	const iter = 50
	count := 0
	for y := 0; y < size; y++ {
		ci := 2*float64(y)/size - 1
		for x := 0; x < size; x++ {
			cr := 2*float64(x)/size - 1.5
			zr, zi := 0.0, 0.0
			i := 0
			for ; i < iter && zr*zr+zi*zi <= 4; i++ {
				zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
			}
			if i == iter {
				count++
			}
		}
	}
	println(count)
}
