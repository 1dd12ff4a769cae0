using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    internal const int AF_INET = 2, SOCK_DGRAM = 2, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;

    /// <summary>struct sockaddr_in; port and address in network byte order.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    internal struct SockaddrIn
    {
        public ushort Family;
        public ushort Port;
        public uint Addr;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint sendto(int fd, byte* buf, nint len, int flags, SockaddrIn* addr, int addrlen);
}
