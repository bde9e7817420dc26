// Package syscall is the part of Go's syscall package that package os
// needs: Errno, with Go's texts for Linux, and the errno and open flag
// constants. The system calls themselves are os's, made by the runtime.
package syscall

// An Errno is an unsigned number describing an error condition, as the
// kernel returns it.
type Errno uintptr

func (e Errno) Error() string {
	if 0 <= int(e) && int(e) < len(errors) && errors[e] != "" {
		return errors[e]
	}
	return "errno " + itoa(int(e))
}

func itoa(v int) string {
	if v < 0 {
		return "-" + itoa(-v)
	}
	var buf [20]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return string(buf[i:])
}

// Errors the os package tells apart, numbered as Linux numbers them on
// every target minigo has (the generic numbering).
const (
	EPERM     = Errno(0x1)
	ENOENT    = Errno(0x2)
	EINTR     = Errno(0x4)
	EIO       = Errno(0x5)
	EBADF     = Errno(0x9)
	EAGAIN    = Errno(0xb)
	EACCES    = Errno(0xd)
	EEXIST    = Errno(0x11)
	ENOTDIR   = Errno(0x14)
	EISDIR    = Errno(0x15)
	EINVAL    = Errno(0x16)
	EMFILE    = Errno(0x18)
	ENOSPC    = Errno(0x1c)
	EROFS     = Errno(0x1e)
	EPIPE     = Errno(0x20)
	ENOTEMPTY = Errno(0x27)
)

// Flags of open(2), the same on amd64, arm and arm64.
const (
	O_RDONLY   = 0x0
	O_WRONLY   = 0x1
	O_RDWR     = 0x2
	O_CREAT    = 0x40
	O_EXCL     = 0x80
	O_NOCTTY   = 0x100
	O_TRUNC    = 0x200
	O_APPEND   = 0x400
	O_NONBLOCK = 0x800
	O_SYNC     = 0x101000
	O_CLOEXEC  = 0x80000
)

// Go's texts of the errors, by number: glibc's strerror with a lower-case
// first letter, as Go's zerrors_linux_amd64.go has them (arm64's differ in
// two rare ones, ESTALE and EHWPOISON).
var errors = [...]string{
	"",
	"operation not permitted",
	"no such file or directory",
	"no such process",
	"interrupted system call",
	"input/output error",
	"no such device or address",
	"argument list too long",
	"exec format error",
	"bad file descriptor",
	"no child processes",
	"resource temporarily unavailable",
	"cannot allocate memory",
	"permission denied",
	"bad address",
	"block device required",
	"device or resource busy",
	"file exists",
	"invalid cross-device link",
	"no such device",
	"not a directory",
	"is a directory",
	"invalid argument",
	"too many open files in system",
	"too many open files",
	"inappropriate ioctl for device",
	"text file busy",
	"file too large",
	"no space left on device",
	"illegal seek",
	"read-only file system",
	"too many links",
	"broken pipe",
	"numerical argument out of domain",
	"numerical result out of range",
	"resource deadlock avoided",
	"file name too long",
	"no locks available",
	"function not implemented",
	"directory not empty",
	"too many levels of symbolic links",
	"",
	"no message of desired type",
	"identifier removed",
	"channel number out of range",
	"level 2 not synchronized",
	"level 3 halted",
	"level 3 reset",
	"link number out of range",
	"protocol driver not attached",
	"no CSI structure available",
	"level 2 halted",
	"invalid exchange",
	"invalid request descriptor",
	"exchange full",
	"no anode",
	"invalid request code",
	"invalid slot",
	"",
	"bad font file format",
	"device not a stream",
	"no data available",
	"timer expired",
	"out of streams resources",
	"machine is not on the network",
	"package not installed",
	"object is remote",
	"link has been severed",
	"advertise error",
	"srmount error",
	"communication error on send",
	"protocol error",
	"multihop attempted",
	"RFS specific error",
	"bad message",
	"value too large for defined data type",
	"name not unique on network",
	"file descriptor in bad state",
	"remote address changed",
	"can not access a needed shared library",
	"accessing a corrupted shared library",
	".lib section in a.out corrupted",
	"attempting to link in too many shared libraries",
	"cannot exec a shared library directly",
	"invalid or incomplete multibyte or wide character",
	"interrupted system call should be restarted",
	"streams pipe error",
	"too many users",
	"socket operation on non-socket",
	"destination address required",
	"message too long",
	"protocol wrong type for socket",
	"protocol not available",
	"protocol not supported",
	"socket type not supported",
	"operation not supported",
	"protocol family not supported",
	"address family not supported by protocol",
	"address already in use",
	"cannot assign requested address",
	"network is down",
	"network is unreachable",
	"network dropped connection on reset",
	"software caused connection abort",
	"connection reset by peer",
	"no buffer space available",
	"transport endpoint is already connected",
	"transport endpoint is not connected",
	"cannot send after transport endpoint shutdown",
	"too many references: cannot splice",
	"connection timed out",
	"connection refused",
	"host is down",
	"no route to host",
	"operation already in progress",
	"operation now in progress",
	"stale NFS file handle",
	"structure needs cleaning",
	"not a XENIX named type file",
	"no XENIX semaphores available",
	"is a named type file",
	"remote I/O error",
	"disk quota exceeded",
	"no medium found",
	"wrong medium type",
	"operation canceled",
	"required key not available",
	"key has expired",
	"key has been revoked",
	"key was rejected by service",
	"owner died",
	"state not recoverable",
	"operation not possible due to RF-kill",
}
