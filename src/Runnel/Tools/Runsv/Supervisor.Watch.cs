using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Runnel.Posix;

namespace Runnel.Tools.Runsv;

/// <summary>
/// supervise/ removed under a running runsv: C runsv never recreates it and
/// `sv` fails from then on. runnel watches the dirs holding supervise (and,
/// when it is a symlink, its target) and rebuilds it at once: lock, FIFOs,
/// status, without touching the running service. The parent is watched, not
/// supervise/ itself: runsv's open files inside keep that inode from being
/// reported deleted until they are closed.
/// </summary>
internal sealed unsafe partial class Supervisor
{
    private readonly List<(int Wd, Service Svc, string Name)> _watches = new();

    private void Watch(Service s)
    {
        if (_inotify == -1) return;
        string link = s.IsLog ? "log/supervise" : "supervise";
        AddWatch(s.IsLog ? "log" : ".", s, "supervise");
        byte* buf = stackalloc byte[4096];
        if (Libc.realpath(link, buf) != null)
        {
            string real = Marshal.PtrToStringUTF8((nint)buf)!;
            int slash = real.LastIndexOf('/');
            AddWatch(slash == 0 ? "/" : real[..slash], s, real[(slash + 1)..]);
        }
    }

    private void AddWatch(string dir, Service s, string name)
    {
        int wd = Libc.inotify_add_watch(_inotify, dir,
            Libc.IN_DELETE | Libc.IN_MOVED_FROM | Libc.IN_ONLYDIR | Libc.IN_MASK_ADD);
        if (wd == -1) return;
        foreach (var w in _watches)
            if (w.Wd == wd && w.Svc == s && w.Name == name) return;
        _watches.Add((wd, s, name));
    }

    private void DrainInotify()
    {
        Span<byte> buf = stackalloc byte[4096];
        bool svcGone = false, logGone = false;
        for (;;)
        {
            nint n = Fd.Read(_inotify, buf);
            if (n <= 0) break;
            for (int off = 0; off + 16 <= n;)
            {
                int wd = BitConverter.ToInt32(buf[off..]);
                uint mask = BitConverter.ToUInt32(buf[(off + 4)..]);
                int len = BitConverter.ToInt32(buf[(off + 12)..]);
                ReadOnlySpan<byte> name = buf.Slice(off + 16, len);
                int nul = name.IndexOf((byte)0);
                if (nul >= 0) name = name[..nul];
                off += 16 + len;
                if ((mask & (Libc.IN_DELETE | Libc.IN_MOVED_FROM)) == 0) continue;
                string entry = System.Text.Encoding.UTF8.GetString(name);
                foreach (var w in _watches)
                {
                    if (w.Wd != wd || w.Name != entry) continue;
                    if (w.Svc.IsLog) logGone = true;
                    else svcGone = true;
                }
            }
        }
        if (svcGone) RecreateSupervise(_svc);
        if (logGone && _log != null) RecreateSupervise(_log);
    }

    /// <summary>
    /// The fallback when no inotify instance was to be had: every minute, try
    /// again to get one, and rebuild a supervise/ that has gone meanwhile.
    /// </summary>
    private void CheckSuperviseWithoutInotify()
    {
        long now = Clock.MonotonicMs();
        if (now < _nextSuperviseCheck) return;
        _nextSuperviseCheck = now + NoInotifyCheckMs;
        _inotify = Libc.inotify_init1(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC);
        if (_inotify != -1) WatchSupervise();
        if (!SuperviseExists(_svc)) RecreateSupervise(_svc);
        if (_log != null && !SuperviseExists(_log)) RecreateSupervise(_log);
    }

    private void RecreateSupervise(Service s)
    {
        s.PidChanged = true;
        s.StatusDirty = true;
        if (!SuperviseDir.Create(s, fatal: false)) return;
        if (!SuperviseDir.Lock(s, fatal: false)) return;
        if (!SuperviseDir.OpenControl(s, fatal: false)) return;
        if (!SuperviseDir.OpenOk(s, fatal: false)) return;
        Watch(s);
        UpdateStatus(s);
    }
}
