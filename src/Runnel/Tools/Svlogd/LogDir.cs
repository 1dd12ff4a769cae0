using System;
using Runnel.Posix;

namespace Runnel.Tools.Svlogd;

/// <summary>
/// One log directory: its lock, its config and <c>current</c>, with all
/// paths relative to the directory's fd (svlogd never changes directory).
/// The write, rotation and processor parts are in the other LogDir files.
/// </summary>
internal sealed partial class LogDir
{
    internal readonly string Name;
    private readonly Options _opt;
    internal int DirFd = -1;
    private int _curFd = -1;
    private int _lockFd = -1;
    internal LogConfig Config = new();
    /// <summary>Bytes in current, counting those still in the write buffer.</summary>
    internal ulong Size;
    /// <summary>Monotonic ms when a timed rotation is due (Config.TMax != 0).</summary>
    internal long RotateDueMs;

    // Per-line selection, as C's ld->match / ld->matcherr.
    internal byte Match = (byte)'+';
    internal byte MatchErr;

    internal LogDir(string name, Options opt)
    {
        Name = name;
        _opt = opt;
        // Uninitialised: pages are touched only when used (every KB of an idle logger counts).
        _buf = GC.AllocateUninitializedArray<byte>((int)Math.Clamp(opt.BufLen, 64 * 1024, 256 * 1024));
    }

    internal bool IsOpen => DirFd != -1;

    /// <summary>Whether the current line is to be written into this directory.</summary>
    internal bool Writes => DirFd != -1 && Match == (byte)'+' && !Config.UdpOnly;

    /// <summary>logdir_open: lock, read config, take over or start current. False (warned) when unusable.</summary>
    internal bool Open()
    {
        DirFd = Fd.Open(Name, Libc.O_RDONLY | Libc.O_NONBLOCK);
        if (DirFd == -1) { Msg.Warn2(Libc.Errno, "unable to open log directory", Name); return false; }
        if (!Fd.Fstat(DirFd, out Libc.Stat dst) || !dst.IsDir)
        {
            CloseFds();
            Msg.Warn2(Errors.ENOTDIR, "unable to change directory", Name);
            return false;
        }
        _lockFd = Libc.openat(DirFd, "lock", Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_APPEND | Libc.O_CREAT | Libc.O_CLOEXEC, 384);
        if (_lockFd == -1 || Libc.flock(_lockFd, Libc.LOCK_EX | Libc.LOCK_NB) == -1)
        {
            int e = Libc.Errno;
            CloseFds();
            Msg.Warn2(e, "unable to lock directory", Name);
            return false;
        }
        Size = 0;
        Match = (byte)'+';
        MatchErr = 0; // C keeps a stale 'e' across HUP when the new config has no patterns

        ReadConfig();
        return OpenCurrent();
    }

    private void ReadConfig()
    {
        Config = new LogConfig();
        int fd = Libc.openat(DirFd, "config", Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        if (fd == -1)
        {
            if (Libc.Errno != Errors.ENOENT) Msg.Warn2(Libc.Errno, "unable to read config", Name);
        }
        else
        {
            byte[]? text = ReadAll(fd);
            if (text == null) Msg.Warn2(Libc.Errno, "unable to read config", Name);
            else
            {
                if (_opt.Verbose > 0) Msg.Info("read: ", Name, "/config");
                Config = LogConfig.Parse(text);
                foreach (var (what, detail) in Config.Warnings) Msg.Warnx(what, detail);
            }
        }
        if (Config.TMax != 0) RotateDueMs = Clock.MonotonicMs() + SecondsToMs(Config.TMax);
    }

    internal static long SecondsToMs(ulong s) => s > long.MaxValue / 2000 ? long.MaxValue / 2 : (long)s * 1000;

    private static byte[]? ReadAll(int fd)
    {
        var ms = new System.IO.MemoryStream();
        Span<byte> b = stackalloc byte[4096];
        while (true)
        {
            nint n = Fd.Read(fd, b);
            if (n < 0) { int e = Libc.Errno; Fd.Close(fd); Libc.SetErrno(e); return null; }
            if (n == 0) break;
            ms.Write(b[..(int)n]);
        }
        Fd.Close(fd);
        return ms.ToArray();
    }

    private unsafe bool OpenCurrent()
    {
        Libc.Stat st;
        bool existed = Libc.fstatat(DirFd, "current", &st, 0) == 0;
        if (existed)
        {
            if (st.Size > 0 && (st.Mode & 64) == 0)
            {
                // An unfinished current (svlogd died while writing it): keep it as @now.u.
                string u = UniqueName('u');
                Retry(() => Libc.renameat(DirFd, "current", DirFd, u) == 0, "unable to rename current");
                RmOldest(null);
                existed = false;
            }
            else Size = (ulong)st.Size;
        }
        else if (Libc.Errno != Errors.ENOENT)
        {
            int e = Libc.Errno;
            CloseFds();
            Msg.Warn2(e, "unable to stat current", Name);
            return false;
        }
        Retry(() => (_curFd = OpenCurrentFd()) != -1, "unable to open current");
        Retry(() => Libc.fchmod(_curFd, 420) == 0, "unable to set mode of current");
        if (_opt.Verbose > 0) Msg.Info(existed ? "append: " : "new: ", Name, "/current");
        return true;
    }

    private int OpenCurrentFd() =>
        Libc.openat(DirFd, "current", Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_APPEND | Libc.O_CREAT | Libc.O_CLOEXEC, 384);

    /// <summary>logdir_close: flush, fsync, mark current complete (0744), release the lock.</summary>
    internal void Close()
    {
        if (DirFd == -1) return;
        if (_opt.Verbose > 0) Msg.Info("close: ", Name);
        Flush();
        if (_curFd != -1)
        {
            SyncCurrent();
            Retry(() => Libc.fchmod(_curFd, 484) == 0, "unable to set mode of current");
        }
        CloseFds();
        Config = new LogConfig();
    }

    private void CloseFds()
    {
        Fd.Close(_curFd);
        Fd.Close(_lockFd);
        Fd.Close(DirFd);
        _curFd = _lockFd = DirFd = -1;
    }
}
