using System;
using System.Collections.Generic;
using Runnel.Posix;

namespace Runnel.Tools.Chpst;

/// <summary>
/// envdir semantics (chpst -e, envdir): each file k in the directory sets $k to
/// its first line with trailing spaces and tabs removed and NULs turned into
/// newlines; an empty file removes $k. Files starting with '.' are skipped.
/// </summary>
internal static unsafe class EnvDir
{
    /// <summary>
    /// Reads <paramref name="dir"/> and queues the changes. <paramref name="viaOption"/>
    /// (chpst -e) skips subdirectories, with a warning when <paramref name="verbose"/>.
    /// </summary>
    internal static void Load(byte[] dir, bool viaOption, bool verbose)
    {
        int wdir;
        fixed (byte* dot = "."u8) wdir = Libc.open(dot, Libc.O_RDONLY | Libc.O_NONBLOCK, 0);
        if (wdir == -1) ProcState.Die("unable to open current working directory");
        fixed (byte* p = ProcState.Z(dir))
            if (Libc.chdir(p) != 0) ProcState.Die2("unable to switch to directory", dir);
        nint d;
        fixed (byte* dot = "."u8) d = Libc.opendir(dot);
        if (d == 0) ProcState.Die2("unable to open directory", dir);
        var sa = new List<byte>();
        while (true)
        {
            Libc.SetErrno(0);
            byte* ent = Libc.readdir(d);
            if (ent == null)
            {
                if (Libc.Errno != 0) ProcState.Die2("unable to read directory", dir);
                break;
            }
            byte* name = ent + Libc.DirentNameOffset;
            if (name[0] == '.') continue;
            byte[] n = new ReadOnlySpan<byte>(name, (int)PathExec.Strlen(name)).ToArray();
            if (ReadFile(name, sa) == -1)
            {
                int e = Libc.Errno;
                if (e == Errors.EISDIR && viaOption)
                {
                    if (verbose) Msg.WarnSys(e, ProcState.Warning, "unable to read ", dir, "/", n, ": ");
                    continue;
                }
                Msg.DieSys(111, e, ProcState.Fatal, "unable to read ", dir, "/", n, ": ");
            }
            PathExec.Env(n, Value(sa));
        }
        Libc.closedir(d);
        if (Libc.fchdir(wdir) == -1) ProcState.Die("unable to switch to starting directory");
        Libc.close(wdir);
    }

    /// <summary>
    /// The value as C computes it from its reused buffer (null: remove the variable).
    /// The buffer keeps the result with its NUL, as C's does, for a file that vanished.
    /// </summary>
    internal static byte[]? Value(List<byte> sa)
    {
        if (sa.Count == 0) return null;
        int len = sa.IndexOf((byte)'\n');
        if (len < 0) len = sa.Count;
        while (len > 0 && (sa[len - 1] == ' ' || sa[len - 1] == '\t')) --len;
        sa.RemoveRange(len, sa.Count - len);
        for (int i = 0; i < len; i++) if (sa[i] == 0) sa[i] = (byte)'\n';
        byte[] v = sa.ToArray();
        sa.Add(0);
        return v;
    }

    /// <summary>openreadclose: 1 read, 0 file missing (buffer untouched), -1 error.</summary>
    private static int ReadFile(byte* name, List<byte> sa)
    {
        int fd = Libc.open(name, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        if (fd == -1) return Libc.Errno == Errors.ENOENT ? 0 : -1;
        sa.Clear();
        Span<byte> buf = stackalloc byte[4096];
        while (true)
        {
            nint r = Fd.Read(fd, buf);
            if (r < 0)
            {
                int e = Libc.Errno;
                Libc.close(fd);
                Libc.SetErrno(e);
                return -1;
            }
            if (r == 0) break;
            for (int i = 0; i < r; i++) sa.Add(buf[i]);
        }
        Libc.close(fd);
        return 1;
    }
}
