using System;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Sv;

internal sealed partial class SvSession
{
    /// <summary>Recheck at most this long after a change was seen but the state not yet reached
    /// (an event can precede the state it announces, e.g. ok closed before the FIFO has no reader).</summary>
    private const int FirstRecheckMs = 5;
    /// <summary>Recheck at least this often even with inotify: never slower than C's 420 ms poll.</summary>
    private const int SafetyMs = 420;
    /// <summary>Poll interval where a supervise/ cannot be watched.</summary>
    private const int PollMs = 50;
    /// <summary>A ./check that said "not yet" is asked again after this long.</summary>
    private const int CheckRetryMs = 100;

    private bool _ranCheckScript;
    private string? _svdirResolved;

    /// <summary>Sends the command to every service, then waits for it to take effect if asked to.</summary>
    internal int Run()
    {
        _tstart = _tnow = Tai64n.Now().Seconds;
        long startMs = Clock.MonotonicMs();
        _curdir = Fd.Open(".", Libc.O_RDONLY | Libc.O_NONBLOCK);
        if (_curdir == -1) Fatal("unable to open current directory", Libc.Errno);
        _a.ParseAction();

        string?[] svc = (string?[])_a.Services.Clone();
        for (int i = 0; i < svc.Length; i++)
        {
            _service = svc[i]!;
            if (!EnterService(_service)) svc[i] = null;
            else if (_a.Act == SvAct.Status) Status();
            else if (_a.Act == SvAct.Control && Control(_a.Acts) == -1) svc[i] = null;
            BackHome();
        }
        if (_a.Check) WaitAll(svc, startMs);
        _out.Flush();
        return Rc;
    }

    /// <summary>
    /// chdir into the service: a plain name is looked up in the services
    /// directory; one starting with '/' or '.' or ending in '/' is a path.
    /// (C's wait loop forgets the trailing-slash rule and looks "svc/" up in
    /// the services directory; runnel uses the same rule in both places.)
    /// </summary>
    private bool EnterService(string s)
    {
        bool ok = !ServiceDirs.IsPath(s) ? Libc.chdir(SvDir) == 0 && Libc.chdir(s) == 0 : Libc.chdir(s) == 0;
        if (!ok) Fail("unable to change to service directory", Libc.Errno);
        return ok;
    }

    private void BackHome()
    {
        if (Libc.fchdir(_curdir) == -1) Fatal("unable to change to original directory", Libc.Errno);
    }

    /// <summary>
    /// $SVDIR, else the services directory this system has: runit 2.3.0's
    /// /service/, Debian's /etc/service/ or Void's /var/service/ (C sv has
    /// one compiled in); /service/ when there is none.
    /// </summary>
    private string SvDir => _svdirResolved ??= _svdirEnv ?? DefaultSvDir();

    private static string DefaultSvDir() => ServiceDirs.FirstExisting() ?? ServiceDirs.Defaults[0];

    /// <summary>
    /// Waits until the command took effect on every service or the timeout
    /// passed. Wakes on runsv's changes to supervise/ (inotify), not on a
    /// fixed poll: sv returns as soon as the state is there.
    /// </summary>
    private void WaitAll(string?[] svc, long startMs)
    {
        long waitMs = _a.Wait > 1_000_000_000UL ? long.MaxValue / 4 : (long)_a.Wait * 1000;
        using var watch = new SuperviseWatch();
        int recheck = FirstRecheckMs;
        while (true)
        {
            bool timedOut = Clock.MonotonicMs() - startMs > waitMs;
            _tnow = Tai64n.Now().Seconds;
            _ranCheckScript = false;
            bool pending = false, polling = !watch.Active;
            for (int i = 0; i < svc.Length; i++)
            {
                if (svc[i] == null) continue;
                _service = svc[i]!;
                if (!EnterService(_service)) svc[i] = null;
                else if (Check(_a.Acts) != 0) svc[i] = null;
                else if (timedOut) { TimeoutReport(); svc[i] = null; }
                else
                {
                    pending = true;
                    if (!watch.Add("supervise")) polling = true;
                }
                BackHome();
            }
            if (!pending) return;
            int cap = polling ? PollMs : _ranCheckScript ? CheckRetryMs : recheck;
            long untilTimeout = startMs + waitMs + 1 - Clock.MonotonicMs();
            bool changed = watch.Wait((int)Math.Clamp(untilTimeout, 0, cap));
            recheck = changed ? FirstRecheckMs : Math.Min(recheck * 2, SafetyMs);
        }
    }

    private void TimeoutReport()
    {
        Outs(_a.Kill ? "kill: " : "timeout: ");
        if (StatusGet() > 0)
        {
            StatusPrint(_service);
            _rc++;
        }
        Flush("\n");
        if (_a.Kill) Control("k");
    }
}
