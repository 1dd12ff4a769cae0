using System;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Status;

/// <summary>What the overview shows as a state.</summary>
internal enum RowState { Run, Down, Finish, NoRunsv, Error }

/// <summary>One supervise/ read the way sv reads it: a service's or its log's.</summary>
internal readonly record struct Probe(SuperviseRead Read, int Errno, StatusRecord Rec)
{
    internal static Probe Of(string dir)
    {
        Span<byte> rec = stackalloc byte[StatusRecord.Size];
        rec.Clear();
        var r = ServiceStatus.Read(dir, rec, out int e);
        return new Probe(r, e, r == SuperviseRead.Ok ? StatusRecord.Decode(rec) : default);
    }

    internal bool Running => Read == SuperviseRead.Ok;

    /// <summary>A missing supervise/ok is a directory no runsv has run in yet: no runsv, like ENXIO.</summary>
    internal RowState State => Read switch
    {
        SuperviseRead.Ok => Rec.State switch
        {
            ServiceState.Run => RowState.Run,
            ServiceState.Finish => RowState.Finish,
            _ => RowState.Down,
        },
        SuperviseRead.NotRunning => RowState.NoRunsv,
        SuperviseRead.OkOpenFailed when Errno == Errors.ENOENT => RowState.NoRunsv,
        _ => RowState.Error,
    };

    internal int Pid => Running ? Rec.Pid : 0;

    /// <summary>Seconds in the current state, as sv prints them; -1 without a status record.</summary>
    internal long Seconds(ulong nowTai) =>
        !Running ? -1 : nowTai < Rec.Start.Seconds ? 0 : (long)Math.Min(nowTai - Rec.Start.Seconds, (ulong)long.MaxValue);

    /// <summary>sv's words for a read that failed (empty when it did not).</summary>
    internal string ErrorText => Read switch
    {
        SuperviseRead.Ok or SuperviseRead.NotRunning or SuperviseRead.BadFormat => ServiceStatus.Problem(Read),
        _ => ServiceStatus.Problem(Read) + ": " + Errors.Str(Errno),
    };

    internal static string Word(RowState s) => s switch
    {
        RowState.Run => "run",
        RowState.Down => "down",
        RowState.Finish => "finish",
        RowState.NoRunsv => "no runsv",
        _ => "error",
    };
}
