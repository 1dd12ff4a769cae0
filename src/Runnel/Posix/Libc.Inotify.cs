using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    internal const uint IN_ACCESS = 0x1, IN_MODIFY = 0x2, IN_ATTRIB = 0x4, IN_CLOSE_WRITE = 0x8,
        IN_CLOSE_NOWRITE = 0x10, IN_OPEN = 0x20, IN_MOVED_FROM = 0x40, IN_MOVED_TO = 0x80,
        IN_CREATE = 0x100, IN_DELETE = 0x200, IN_DELETE_SELF = 0x400, IN_MOVE_SELF = 0x800,
        IN_Q_OVERFLOW = 0x4000, IN_IGNORED = 0x8000, IN_ONLYDIR = 0x1000000, IN_DONT_FOLLOW = 0x2000000,
        IN_MASK_ADD = 0x20000000;
    internal const int IN_NONBLOCK = 0x800, IN_CLOEXEC = 0x80000;

    /// <summary>struct inotify_event without its trailing name (16 bytes; name follows, len bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InotifyEvent
    {
        public int Wd;
        public uint Mask;
        public uint Cookie;
        public uint Len;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int inotify_init1(int flags);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int inotify_add_watch(int fd, string path, uint mask);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int inotify_rm_watch(int fd, int wd);
}
