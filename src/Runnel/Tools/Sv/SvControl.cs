using System;
using System.Text;
using Runnel.Common;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Sv;

internal sealed partial class SvSession
{
    /// <summary>Sends <paramref name="a"/> to supervise/control; 1 sent, 0 nothing to do, -1 failed (reported).</summary>
    private int Control(string a)
    {
        if (StatusGet() <= 0) return -1;
        // Already wanted that way: nothing to send, except "d" for a service
        // started with "once" (want down, not yet told to stop).
        if (_status[17] == a[0] && (a[0] != 'd' || _status[18] == 1)) return 0;
        switch (ControlFifo.Send("", Encoding.ASCII.GetBytes(a), out int e))
        {
            case ControlResult.Sent: return 1;
            case ControlResult.NotRunning:
                if (a[0] == 'x') Ok("runsv not running");
                else Fail("runsv not running");
                return -1;
            case ControlResult.OpenFailed: Warn("unable to open supervise/control", e); return -1;
            default: Warn("unable to write to supervise/control", e); return -1;
        }
    }

    /// <summary>
    /// Whether the command in <paramref name="a"/> has taken effect: 1 yes
    /// (and "ok: STATUS" printed), 0 not yet, -1 never (reported).
    /// </summary>
    private int Check(string a)
    {
        int r = StatusGet();
        if (r == -1) return -1;
        foreach (char c0 in a)
        {
            if (r == 0) return c0 == 'x' ? 1 : -1;
            if (!Reached(c0)) return 0;
        }
        Outs("ok: ");
        StatusPrint(_service);
        Flush("\n");
        return 1;
    }

    private bool Reached(char c)
    {
        // runit 2.3.0: "check" waits for the state requested (2.1.2 passed any down service).
        if (c == 'C') c = _status[17] == 'd' ? 'd' : 'u';
        bool pid = Pid != 0;
        byte state = _status[19];
        switch (c)
        {
            case 'x': return false;
            case 'u': return pid && state == 1 && Ready() && CheckScript();
            case 'd': return !pid && state == 0;
            case 't':
            case 'k':
                if (!pid && _status[17] == 'd') return true;
                return _tstart <= StatusStamp && pid && _status[18] == 0 && Ready() && CheckScript();
            case 'o':
                return !((!pid && _tstart > StatusStamp) || (pid && _status[17] != 'd'));
            case 'p': return !(pid && _status[16] == 0);
            case 'c': return !(pid && _status[16] != 0);
            default: return true;
        }
    }

    /// <summary>
    /// Readiness: false only while a runnel runsv's supervise/info says the
    /// current run declared a notification-fd and has not yet signalled. With
    /// no ./notification-fd, no info (a C runsv), or info about another pid
    /// (stale, or a run started before notification-fd appeared), as before.
    /// runsv writes info before status, so a new pid in status is in info too.
    /// </summary>
    private bool Ready()
    {
        if (!Fd.Stat("notification-fd", out _)) return true;
        if (!ServiceInfo.TryRead("supervise", out ServiceInfo info) || info.Pid != Pid) return true;
        return info.NotifyFd < 0 || info.Ready;
    }

    /// <summary>True when the service has no ./check or ./check exits 0 (stdout closed, as in C).</summary>
    private unsafe bool CheckScript()
    {
        _ranCheckScript = true;
        if (!Fd.Stat("check", out _))
        {
            int e = Libc.Errno;
            if (e == Errors.ENOENT) return true;
            Warn2("unable to stat ", "/check", e);
            return false;
        }
        var o = SpawnOptions.Default;
        o.CloseStdout = true;
        int err = Spawner.Spawn("check", ["./check"], o, out int pid);
        if (err != 0)
        {
            // C forks, and a child that cannot exec warns and exits 0: counted as up.
            if (err is Errors.EAGAIN or Errors.ENOMEM)
            {
                Strerr.Raw("warning: unable to fork for ", _service, "/check: ", Errors.Str(err), "\n");
                return false;
            }
            Strerr.Raw("warning: unable to run ", _service, "/check: ", Errors.Str(err), "\n");
            return true;
        }
        return WaitCheck(pid);
    }

    private unsafe bool WaitCheck(int pid)
    {
        int w;
        while (Libc.waitpid(pid, &w, 0) == -1)
        {
            int e = Libc.Errno;
            if (e == Errors.EINTR) continue;
            Warn2("unable to wait for child ", "/check", e);
            return false;
        }
        // runit's wait_exitcode is w >> 8: a check killed by a signal counts as success.
        return (w >> 8) == 0;
    }
}
