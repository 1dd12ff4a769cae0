using System;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Enable;

/// <summary>
/// disable: take the service down and wait for it, remove SVDIR/NAME, then
/// have its runsv exit and wait for it (and its log) to be gone. The link
/// goes before runsv is told to exit: runsvdir would start a new runsv (and
/// with it the service) for a link that is still there.
/// </summary>
internal static class Disabler
{
    internal static int Disable(Ctx c, string arg)
    {
        var t = Target.Of(c, arg);
        if (t.NameProblem() is string np) return c.Fail(arg, np);
        if (!Fd.Lstat(t.Link, out Libc.Stat ls))
        {
            int e = Libc.Errno;
            if (e != Errors.ENOENT) return c.Fatal(t.Name, "unable to stat " + t.Link, e);
            return Fd.Stat(t.Definition, out Libc.Stat ds) && ds.IsDir
                ? Ctx.Ok(t.Name, "already disabled")
                : c.Fail(t.Name, "unknown service: neither " + t.Link + " nor " + t.Definition + " exists");
        }
        if ((ls.Mode & Libc.S_IFMT) != Libc.S_IFLNK) return c.Fail(t.Name, t.Link + " is not a symbolic link");
        // A bare NAME disables whatever SVDIR/NAME leads to; a path must be what it leads to.
        if (!t.ByName && !Target.SameDir(t.Link, t.Definition))
            return c.Fail(t.Name, t.Link + " does not point to " + t.Definition);
        string dir = Target.LinkTarget(t.Link, c.Svdir) ?? t.Link;
        bool supervised = ServiceStatus.RunsvRunning(dir, out _);
        int rc = supervised ? StopService(c, t.Name, dir) : 0;
        if (rc < 0) return 1;
        if (rc > 1) return rc;
        if (Libc.unlink(t.Link) != 0) return c.Fatal(t.Name, "unable to remove " + t.Link, Libc.Errno);
        if (supervised)
        {
            if (ControlFifo.Send(dir, "x"u8, out int e) is ControlResult.OpenFailed or ControlResult.WriteFailed)
                return c.Fatal(t.Name, "unable to write to " + dir + "/supervise/control", e);
            if (!EnableTool.WaitFor(c, dir, () => !RunsvLeft(dir)))
                return c.Warning(t.Name, "disabled, but its runsv has not exited within " + c.WaitMs / 1000 + " s");
        }
        Ctx.Ok(t.Name, "disabled");
        return rc;
    }

    /// <summary>
    /// sv force-stop: down, wait; on timeout kill and wait once more.
    /// 0 down, 1 down after kill (reported, as sv counts a kill), -1 still up (the link stays), 111 control unwritable.
    /// </summary>
    private static int StopService(Ctx c, string name, string dir)
    {
        if (ControlFifo.Send(dir, "d"u8, out int e) is ControlResult.OpenFailed or ControlResult.WriteFailed)
            return c.Fatal(name, "unable to write to " + dir + "/supervise/control", e);
        if (EnableTool.WaitFor(c, dir, () => IsDown(dir))) return 0;
        c.Warning(name, "not down within " + c.WaitMs / 1000 + " s: sending kill");
        ControlFifo.Send(dir, "k"u8, out _);
        if (EnableTool.WaitFor(c, dir, () => IsDown(dir))) return 1;
        c.Fail(name, "the service does not stop; " + dir + " left enabled");
        return -1;
    }

    /// <summary>Down with no pid, or no runsv any more.</summary>
    private static bool IsDown(string dir)
    {
        Span<byte> rec = stackalloc byte[StatusRecord.Size];
        var r = ServiceStatus.Read(dir, rec, out _);
        if (r != SuperviseRead.Ok) return r == SuperviseRead.NotRunning;
        var s = StatusRecord.Decode(rec);
        return s.Pid == 0 && s.State == ServiceState.Down;
    }

    /// <summary>A runsv still reads the service's or its log's supervise/ok.</summary>
    private static bool RunsvLeft(string dir) =>
        ServiceStatus.RunsvRunning(dir, out _) || ServiceStatus.RunsvRunning(ServiceStatus.Under(dir, "log"), out _);
}
