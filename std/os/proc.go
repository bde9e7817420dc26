// Package os: a platform-independent interface to the operating system's
// files, environment and process, as Go 1.19's os has it on Linux. The
// system calls are the runtime's (runtime/os.c), declared here without
// bodies (codegen/intrinsics.def).
package os

// Args hold the command-line arguments, starting with the program name.
var Args []string = runtimeArgs()

func runtimeArgs() []string
func runtimeEnviron() []string
func runtimeExit(code int)

// Exit causes the current program to exit with the given status code at
// once: deferred functions are not run.
func Exit(code int) {
	runtimeExit(code)
}

// Getpagesize and Getpid are not here: nothing needs them yet.

// Environ returns a copy of the environment, in the form "key=value".
func Environ() []string {
	return runtimeEnviron()
}

// Getenv retrieves the value of the environment variable named by the key;
// it is empty when the variable is not present.
func Getenv(key string) string {
	v, _ := LookupEnv(key)
	return v
}

// LookupEnv retrieves the value of the environment variable named by the
// key and whether it is present. Like Go, the first of several entries for
// one key wins.
func LookupEnv(key string) (string, bool) {
	if len(key) == 0 {
		return "", false
	}
	for _, kv := range environment() {
		if len(kv) > len(key) && kv[len(key)] == '=' && kv[:len(key)] == key {
			return kv[len(key)+1:], true
		}
	}
	return "", false
}

// The environment, read once as Go's syscall package copies it.
var envCache []string
var envRead bool

func environment() []string {
	if !envRead {
		envCache = runtimeEnviron()
		envRead = true
	}
	return envCache
}

// TempDir returns the default directory for temporary files: $TMPDIR, or
// /tmp when it is empty.
func TempDir() string {
	dir := Getenv("TMPDIR")
	if dir == "" {
		dir = "/tmp"
	}
	return dir
}
