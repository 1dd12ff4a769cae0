using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Status;

/// <summary>Everything the overview shows about one service directory.</summary>
internal sealed class ServiceRow
{
    internal required string Name { get; init; }
    internal required string Dir { get; init; }
    /// <summary>The directory could not be entered: the errno (the row shows an error), else 0.</summary>
    internal int DirErrno { get; init; }
    internal Probe Main { get; init; }
    /// <summary>log/ when it is a directory.</summary>
    internal Probe? Log { get; init; }
    /// <summary>No ./down file: runsv starts it when it starts.</summary>
    internal bool NormallyUp { get; init; }
    /// <summary>supervise/info was read (runnel's runsv writes it; C runsv does not).</summary>
    internal bool HasInfo { get; init; }
    internal ServiceInfo Info { get; init; }

    internal RowState State => DirErrno != 0 ? RowState.Error : Main.State;

    internal bool Paused => Main.Running && Main.Rec.Pid != 0 && Main.Rec.Paused;

    /// <summary>'u' or 'd' from runsv; without a runsv, what runsv would start with (./down); '\0' on an error.</summary>
    internal char Want => Main.Running ? Main.Rec.Want : State == RowState.NoRunsv ? NormallyUp ? 'u' : 'd' : '\0';

    /// <summary>Wanted up but not running under a runsv (the overview then exits 1); errors count too.</summary>
    internal bool Failing => State == RowState.Error || (Want == 'u' && State != RowState.Run);

    /// <summary>true/false when the service declares a notification-fd, null when it does not or info is absent.</summary>
    internal bool? Ready => HasInfo && Info.NotifyFd >= 0 ? State == RowState.Run && Info.Ready : null;

    internal string ErrorText => DirErrno != 0 ? "unable to change to service directory: " + Errors.Str(DirErrno) : Main.ErrorText;

    /// <summary>The state word plus sv's qualifiers: paused, want up, want down.</summary>
    internal string StateText
    {
        get
        {
            string s = Probe.Word(State);
            if (!Main.Running) return s;
            bool pid = Main.Rec.Pid != 0;
            if (Paused) s += ", paused";
            if (!pid && Main.Rec.Want == 'u') s += ", want up";
            if (pid && Main.Rec.Want == 'd') s += ", want down";
            return s;
        }
    }

    /// <summary>Reads one service directory; <paramref name="name"/> is how the row is labelled.</summary>
    internal static ServiceRow Read(string name, string dir, bool knownDir = false)
    {
        if (!knownDir && (!Fd.Stat(dir, out Libc.Stat st) || !st.IsDir))
        {
            int e = Libc.Errno;
            e = e == 0 ? Errors.ENOTDIR : e;
            return new ServiceRow { Name = name, Dir = dir, DirErrno = e, Main = new Probe(SuperviseRead.OkOpenFailed, e, default) };
        }
        var main = Probe.Of(dir);
        string log = ServiceStatus.Under(dir, "log");
        Probe? lp = Fd.Stat(log, out Libc.Stat ls) && ls.IsDir ? Probe.Of(log) : null;
        bool normallyUp = !Fd.Stat(ServiceStatus.Under(dir, "down"), out _) && Libc.Errno == Errors.ENOENT;
        // info from a runsv that is gone would be stale: read it only while one runs.
        ServiceInfo info = ServiceInfo.Empty;
        bool hasInfo = main.Running && ServiceInfo.TryRead(ServiceStatus.Under(dir, "supervise"), out info);
        return new ServiceRow { Name = name, Dir = dir, Main = main, Log = lp, NormallyUp = normallyUp, HasInfo = hasInfo, Info = info };
    }
}
