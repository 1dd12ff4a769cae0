using System;
using System.Text;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Svlogd;

/// <summary>Rotation of current into @timestamp.s|.u and pruning of old log files.</summary>
internal sealed partial class LogDir
{
    /// <summary>Rotates a non-empty current (C's rotate); also re-arms the timer when it is due.</summary>
    internal void Rotate()
    {
        if (DirFd == -1) return;
        if (Ppid != 0) WaitProcessor();
        string name = UniqueName(Config.Processor != null ? 'u' : 's');
        long now = Clock.MonotonicMs();
        if (Config.TMax != 0 && RotateDueMs < now) RotateDueMs = now + SecondsToMs(Config.TMax);
        if (Size == 0) return;
        Flush();
        SyncCurrent();
        Retry(() => Libc.fchmod(_curFd, 484) == 0, "unable to set mode of current");
        Fd.Close(_curFd);
        _curFd = -1;
        if (_opt.Verbose > 0) Msg.Info("rename: ", Name, "/current ", name, " " + Size);
        Retry(() => Libc.renameat(DirFd, "current", DirFd, name) == 0, "unable to rename current");
        Retry(() => (_curFd = OpenCurrentFd()) != -1, "unable to create new current");
        Size = 0;
        Retry(() => Libc.fchmod(_curFd, 420) == 0, "unable to set mode of current");
        _fnsave = name;
        RmOldest(Config.Processor != null ? name : null);
        StartProcessor();
    }

    /// <summary>@ and the TAI64N label of now, with suffix; a new stamp until no such file exists.</summary>
    private unsafe string UniqueName(char suffix)
    {
        Span<byte> b = stackalloc byte[27];
        while (true)
        {
            Tai64n.Now().FormatLabel(b);
            b[25] = (byte)'.';
            b[26] = (byte)suffix;
            string name = Encoding.ASCII.GetString(b);
            Libc.Stat st;
            if (Libc.fstatat(DirFd, name, &st, Libc.AT_SYMLINK_NOFOLLOW) == -1 && Libc.Errno == Errors.ENOENT) return name;
        }
    }

    /// <summary>C's rmoldest: drop processor leftovers (.t), and the oldest old file when more than n exist.</summary>
    /// <param name="inProgress">The .u just handed to the processor: never pruned (runit 2.3.0).</param>
    private void RmOldest(string? inProgress)
    {
        var (count, oldest) = ScanOld(deleteLeftovers: true, inProgress);
        if (Config.NMax == 0 || (ulong)count <= Config.NMax || oldest == null) return;
        if (_opt.Verbose > 0) Msg.Info("delete: ", Name, "/", oldest);
        if (Libc.unlinkat(DirFd, oldest, 0) == -1) Msg.Warn2(Libc.Errno, "unable to unlink oldest logfile", Name);
    }

    /// <summary>
    /// Counts the old log files (@ + 26 characters) and finds the oldest by
    /// name, leaving out <paramref name="inProgress"/> and the .u a running
    /// processor reads; with <paramref name="deleteLeftovers"/> .t files are removed and not counted.
    /// </summary>
    private unsafe (int Count, string? Oldest) ScanOld(bool deleteLeftovers, string? inProgress = null)
    {
        int fd = Libc.openat(DirFd, ".", Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        nint d = fd == -1 ? 0 : Libc.fdopendir(fd);
        if (d == 0)
        {
            Msg.Warn2(Libc.Errno, "unable to read directory", Name);
            Fd.Close(fd);
            return (0, null);
        }
        string? running = Ppid != 0 ? _fnsave : null;
        int count = 0;
        string? oldest = null;
        byte* e;
        while ((e = Libc.readdir(d)) != null)
        {
            var fname = new ReadOnlySpan<byte>(e + Libc.DirentNameOffset, 256);
            fname = fname[..fname.IndexOf((byte)0)];
            if (fname.Length != 27 || fname[0] != (byte)'@') continue;
            string n = Encoding.Latin1.GetString(fname);
            if (deleteLeftovers && fname[26] == (byte)'t')
            {
                if (Libc.unlinkat(DirFd, n, 0) == -1) Msg.Warn2(Libc.Errno, "unable to unlink processor leftover", n);
                continue;
            }
            count++;
            if (n == inProgress || (running != null && string.CompareOrdinal(n, 0, running, 0, 26) == 0)) continue;
            if (oldest == null || string.CompareOrdinal(n, oldest) < 0) oldest = n;
        }
        Libc.closedir(d);
        return (count, oldest);
    }
}
