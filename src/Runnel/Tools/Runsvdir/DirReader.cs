using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using Runnel.Posix;

namespace Runnel.Tools.Runsvdir;

/// <summary>Lists a directory with getdents64 into one reused buffer.</summary>
internal sealed unsafe class DirReader
{
    private const int BufSize = 32 * 1024;
    private readonly byte* _buf = (byte*)NativeMemory.Alloc(BufSize);

    /// <summary>Opens <paramref name="dir"/> for listing; -1 with errno on failure.</summary>
    internal static int Open(string dir) => Fd.Open(dir, Libc.O_RDONLY | Libc.O_DIRECTORY);

    /// <summary>Appends every name but those starting with a dot; 0, or the errno of a failed read.</summary>
    internal int ReadNames(int fd, List<string> names)
    {
        for (;;)
        {
            nint n;
            do n = Libc.getdents64(fd, _buf, BufSize);
            while (n == -1 && Libc.Errno == Errors.EINTR);
            if (n == 0) return 0;
            if (n < 0) return Libc.Errno;
            for (nint off = 0; off < n;)
            {
                byte* d = _buf + off;
                off += *(ushort*)(d + Libc.DirentReclenOffset);
                byte* name = d + Libc.DirentNameOffset;
                if (name[0] == (byte)'.') continue;
                int len = 0;
                while (name[len] != 0) len++;
                names.Add(Encoding.UTF8.GetString(name, len));
            }
        }
    }
}
