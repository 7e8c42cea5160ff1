// errorcheck

// Imports that are not used: plain, renamed and dot imports. A blank import
// is fine, and so is an import used only in a type.

package p

import (
	"errors" // ERROR ".errors. imported and not used"
	"fmt" // ERROR ".fmt. imported and not used"
	str "strings" // ERROR ".strings. imported as str and not used"
	. "math" // ERROR ".math. imported and not used"
	_ "os"
	"sync"
	"unsafe" // ERROR ".unsafe. imported and not used"
	bytes "bytes" // ERROR ".bytes. imported and not used"
)

var _ sync.Mutex
