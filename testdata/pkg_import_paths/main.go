// errorcheck

// Import paths the go command refuses in module mode, each with its reason.

package main

import (
	_ "../up"  // ERROR "local import \"../up\" in non-local package"
	_ "./here" // ERROR "local import \"./here\" in non-local package"
	_ "/abs"   // ERROR "\"/abs\" is not a package path; see 'go help packages'"
	_ "a//b"   // ERROR "malformed import path \"a//b\": double slash"
	_ "a/./b"  // ERROR "malformed import path \"a/./b\": invalid path element \".\""
	_ "x/"     // ERROR "malformed import path \"x/\": trailing slash"
	_ "é"      // ERROR "malformed import path \"é\": invalid char 'é'"
)

func main() {}
