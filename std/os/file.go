package os

import (
	"io"
	"syscall"
)

// Flags to OpenFile: exactly one of O_RDONLY, O_WRONLY or O_RDWR, and any
// of the rest.
const (
	O_RDONLY int = syscall.O_RDONLY
	O_WRONLY int = syscall.O_WRONLY
	O_RDWR   int = syscall.O_RDWR
	O_APPEND int = syscall.O_APPEND
	O_CREATE int = syscall.O_CREAT
	O_EXCL   int = syscall.O_EXCL
	O_SYNC   int = syscall.O_SYNC
	O_TRUNC  int = syscall.O_TRUNC
)

// A FileMode holds a file's permission bits (Go's is io/fs.FileMode, whose
// mode and type bits Mini does not have yet).
type FileMode uint32

const ModePerm FileMode = 0777

// The system calls, in runtime/os.c: a count or descriptor, or -errno.
func sysOpen(path string, flag int, perm int) int
func sysRead(fd int, b []byte) int
func sysWrite(fd int, b []byte) int
func sysWriteString(fd int, s string) int
func sysWriteErrno() int
func sysFileSize(fd int) int
func sysClose(fd int) int
func sysUnlink(path string) int
func sysRmdir(path string) int

// File is an open file descriptor.
type File struct {
	fd     int
	name   string
	closed bool
}

// Stdin, Stdout and Stderr are open Files for the standard descriptors.
var (
	Stdin  = NewFile(0, "/dev/stdin")
	Stdout = NewFile(1, "/dev/stdout")
	Stderr = NewFile(2, "/dev/stderr")
)

// NewFile returns a new File with the given descriptor and name; nil when
// fd is not a valid descriptor.
func NewFile(fd uintptr, name string) *File {
	if int(fd) < 0 {
		return nil
	}
	return &File{fd: int(fd), name: name}
}

// Name returns the name of the file as presented to Open.
func (f *File) Name() string {
	return f.name
}

// Fd returns the file's descriptor, ^uintptr(0) once it is closed.
func (f *File) Fd() uintptr {
	if f == nil || f.closed {
		return ^uintptr(0)
	}
	return uintptr(f.fd)
}

// checkValid is Go's: a nil File is ErrInvalid, a closed one ErrClosed.
func (f *File) checkValid(op string) error {
	if f == nil {
		return ErrInvalid
	}
	if f.closed {
		return &PathError{Op: op, Path: f.name, Err: ErrClosed}
	}
	return nil
}

// Read reads up to len(b) bytes; at end of file it returns 0, io.EOF.
func (f *File) Read(b []byte) (n int, err error) {
	if err := f.checkValid("read"); err != nil {
		return 0, err
	}
	if len(b) == 0 {
		return 0, nil
	}
	r := sysRead(f.fd, b)
	if r < 0 {
		return 0, &PathError{Op: "read", Path: f.name, Err: errnoErr(r)}
	}
	if r == 0 {
		return 0, io.EOF
	}
	return r, nil
}

// Write writes all of b, or returns why it could not.
func (f *File) Write(b []byte) (n int, err error) {
	if err := f.checkValid("write"); err != nil {
		return 0, err
	}
	n = sysWrite(f.fd, b)
	return n, f.writeResult(n, len(b))
}

// WriteString is Write of the bytes of s, without copying them.
func (f *File) WriteString(s string) (n int, err error) {
	if err := f.checkValid("write"); err != nil {
		return 0, err
	}
	n = sysWriteString(f.fd, s)
	return n, f.writeResult(n, len(s))
}

func (f *File) writeResult(n, want int) error {
	if n == want {
		return nil
	}
	if e := sysWriteErrno(); e != 0 {
		return &PathError{Op: "write", Path: f.name, Err: syscall.Errno(e)}
	}
	return io.ErrShortWrite
}

// Close closes the File; closing it again is an error.
func (f *File) Close() error {
	if err := f.checkValid("close"); err != nil {
		return err
	}
	f.closed = true
	if r := sysClose(f.fd); r < 0 {
		return &PathError{Op: "close", Path: f.name, Err: errnoErr(r)}
	}
	return nil
}

// Open opens the named file for reading.
func Open(name string) (*File, error) {
	return OpenFile(name, O_RDONLY, 0)
}

// Create creates or truncates the named file, mode 0666 before umask.
func Create(name string) (*File, error) {
	return OpenFile(name, O_RDWR|O_CREATE|O_TRUNC, 0666)
}

// OpenFile opens the named file with the flags (O_RDONLY etc.) and, when
// it creates the file, the permission bits perm (before umask).
func OpenFile(name string, flag int, perm FileMode) (*File, error) {
	r := sysOpen(name, flag, int(perm&ModePerm))
	if r < 0 {
		return nil, &PathError{Op: "open", Path: name, Err: errnoErr(r)}
	}
	return NewFile(uintptr(r), name), nil
}

// ReadFile reads the named file and returns its contents; reaching the
// end of the file is not an error.
func ReadFile(name string) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file's size, plus one byte to see EOF, saves growing the slice;
	// files of /proc say 0 and grow as they are read.
	size := sysFileSize(f.fd) + 1
	if size < 512 {
		size = 512
	}
	data := make([]byte, 0, size)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return data, err
		}
	}
}

// WriteFile writes data to the named file, creating it with perm (before
// umask) if necessary and truncating it otherwise.
func WriteFile(name string, data []byte, perm FileMode) error {
	f, err := OpenFile(name, O_WRONLY|O_CREATE|O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err1 != nil && err == nil {
		err = err1
	}
	return err
}

// Remove removes the named file or (empty) directory.
func Remove(name string) error {
	e := sysUnlink(name)
	if e == 0 {
		return nil
	}
	e1 := sysRmdir(name)
	if e1 == 0 {
		return nil
	}
	// Both failed: rmdir's reason, unless name is not a directory.
	if e1 != -int(syscall.ENOTDIR) {
		e = e1
	}
	return &PathError{Op: "remove", Path: name, Err: errnoErr(e)}
}
