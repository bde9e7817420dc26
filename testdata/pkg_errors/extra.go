package main

// A second file's errors are listed with its name, in file order.
func helper() {
	unused := 1 // ERROR "unused declared but not used"
}
