using System;
using Runnel.Posix;

namespace Runnel.Tools.Runsv;

/// <summary>
/// supervise/ removed under a running runsv: C runsv never recreates it and
/// `sv` fails from then on. runnel watches the dir and rebuilds it at once
/// (lock, FIFOs, status) without touching the running service.
/// </summary>
internal sealed unsafe partial class Supervisor
{
    private void Watch(Service s)
    {
        if (_inotify == -1) return;
        s.WatchDescriptor = Libc.inotify_add_watch(_inotify, s.Supervise.TrimEnd('/'),
            Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF | Libc.IN_ONLYDIR);
    }

    private void DrainInotify()
    {
        Span<byte> buf = stackalloc byte[1024];
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
                off += 16 + len;
                if ((mask & (Libc.IN_DELETE_SELF | Libc.IN_MOVE_SELF | Libc.IN_IGNORED)) == 0) continue;
                if (wd == _svc.WatchDescriptor) svcGone = true;
                else if (_log != null && wd == _log.WatchDescriptor) logGone = true;
            }
        }
        if (svcGone) RecreateSupervise(_svc);
        if (logGone && _log != null) RecreateSupervise(_log);
    }

    private void RecreateSupervise(Service s)
    {
        if (s.WatchDescriptor != -1)
        {
            Libc.inotify_rm_watch(_inotify, s.WatchDescriptor);
            s.WatchDescriptor = -1;
        }
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
