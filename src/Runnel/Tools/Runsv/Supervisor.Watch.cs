using Runnel.Posix;

namespace Runnel.Tools.Runsv;

/// <summary>
/// supervise/ removed under a running runsv: C runsv never recreates it and
/// `sv` fails from then on. runnel rebuilds it (lock, FIFOs, status) without
/// touching the running service: at once when a state change finds it gone,
/// and otherwise at the hourly wake-up C runsv has too. Not sooner: a wake-up
/// of an idle runsv costs ~0.3 ms of CPU (cold caches), which across a
/// 1000-service tree would be idle CPU that C does not spend. No inotify on
/// purpose: one instance per runsv would use up the per-user limit (128 by
/// default) that runsvdir and sv need for their instant reactions.
/// </summary>
internal sealed partial class Supervisor
{
    private const int SuperviseCheckMs = 3_600_000;
    private long _nextSuperviseCheck;

    private void CheckSupervise(long now)
    {
        if (now < _nextSuperviseCheck) return;
        _nextSuperviseCheck = now + SuperviseCheckMs;
        if (!SuperviseExists(_svc)) RecreateSupervise(_svc);
        if (_log != null && !SuperviseExists(_log)) RecreateSupervise(_log);
    }

    private static bool SuperviseExists(Service s) =>
        Fd.Stat(s.IsLog ? "log/supervise" : "supervise", out Libc.Stat st) && st.IsDir;

    private void RecreateSupervise(Service s)
    {
        s.PidChanged = true;
        s.StatusDirty = s.InfoDirty = true;
        if (!SuperviseDir.Create(s, fatal: false)) return;
        if (!SuperviseDir.Lock(s, fatal: false)) return;
        if (!SuperviseDir.OpenControl(s, fatal: false)) return;
        if (!SuperviseDir.OpenOk(s, fatal: false)) return;
        UpdateInfo(s);
        UpdateStatus(s);
    }
}
