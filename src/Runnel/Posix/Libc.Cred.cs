using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    /// <summary>struct passwd of glibc x86_64 (48 bytes); only the ids are read (layout checked against gcc in the tests).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    internal struct Passwd
    {
        [FieldOffset(0)] public byte* Name;
        [FieldOffset(16)] public uint Uid;
        [FieldOffset(20)] public uint Gid;
    }

    /// <summary>struct group of glibc x86_64 (32 bytes); only gr_gid is read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 32)]
    internal struct Group
    {
        [FieldOffset(0)] public byte* Name;
        [FieldOffset(16)] public uint Gid;
    }

    // Through NSS, as the C tools look users up.
    [LibraryImport(Name, SetLastError = true)]
    internal static partial Passwd* getpwnam(byte* name);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial Group* getgrnam(byte* name);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setgroups(nuint size, uint* list);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setgid(uint gid);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setuid(uint uid);
}
