package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Fprintln(os.Stderr, strings.ToUpper("type-checks with the standard library"))
}
