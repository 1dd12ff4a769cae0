using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Enable;

/// <summary>enable: SVDIR/NAME -> the definition (absolute), then wait for runsvdir's runsv.</summary>
internal static class Enabler
{
    internal static int Enable(Ctx c, string arg)
    {
        var t = Target.Of(c, arg);
        if (t.NameProblem() is string np) return c.Fail(arg, np);
        if (t.DefinitionProblem() is string dp) return c.Fail(t.Name, dp);
        if (Fd.Lstat(t.Link, out Libc.Stat ls))
        {
            if ((ls.Mode & Libc.S_IFMT) != Libc.S_IFLNK) return c.Fail(t.Name, t.Link + " exists and is not a symbolic link");
            if (!Target.SameDir(t.Link, t.Definition))
                return c.Fail(t.Name, t.Link + " exists but does not point to " + t.Definition);
            return Ctx.Ok(t.Name, "already enabled");
        }
        if (Libc.Errno != Errors.ENOENT) return c.Fatal(t.Name, "unable to stat " + t.Link, Libc.Errno);
        // A definition some runsv already supervises (started by hand, or under another name) would get a second one.
        if (ServiceStatus.RunsvRunning(t.Definition, out _))
            return c.Fail(t.Name, t.Definition + " is already supervised by a runsv");
        // Debian's update-service marks a disabled service with a link .NAME; enabling removes the mark.
        string mark = ServiceStatus.Under(c.Svdir, "." + t.Name);
        if (Fd.Lstat(mark, out Libc.Stat ms) && (ms.Mode & Libc.S_IFMT) == Libc.S_IFLNK) Libc.unlink(mark);
        if (Libc.symlink(t.Definition, t.Link) != 0) return c.Fatal(t.Name, "unable to create " + t.Link, Libc.Errno);
        return WaitRunsv(c, t, "enabled");
    }

    /// <summary>runsvdir has started a runsv when supervise/ok has a reader.</summary>
    private static int WaitRunsv(Ctx c, Target t, string done)
    {
        if (c.WaitMs > 0 && !EnableTool.WaitFor(c, t.Link, () => ServiceStatus.RunsvRunning(t.Link, out _)))
            return c.Warning(t.Name, done + ", but no runsv started within " + c.WaitMs / 1000 + " s (is runsvdir running on " + c.Svdir + "?)");
        return Ctx.Ok(t.Name, done);
    }
}
