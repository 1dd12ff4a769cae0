using System;
using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Runsvchdir;

/// <summary>
/// runsvchdir dir: makes dir the current services directory of runsvdir by
/// replacing the symlink `current` atomically (current.new + rename); the old
/// one becomes `previous`. The base is /etc/runit/runsvdir, or $RUNSVDIR (2.3.0).
/// </summary>
internal static class RunsvchdirTool
{
    internal const string DefaultBase = "/etc/runit/runsvdir";

    internal static int Run(string argv0, string[] args)
    {
        if (args.Length == 0)
        {
            Strerr.Raw("usage: ", argv0, " dir\n\n");
            return 1;
        }
        string dir = args[0];
        if (dir.Length > 0 && dir[0] == '.') Strerr.Die(111, argv0, ": fatal: ", dir, ": must not start with a dot.");
        string baseDir = BaseDir(Environment.GetEnvironmentVariable("RUNSVDIR"));
        if (Libc.chdir(baseDir) == -1) Fatal(argv0, "unable to chdir: ", baseDir);

        if (!Fd.Stat(dir, out Libc.Stat st))
        {
            if (Libc.Errno == Errors.ENOENT) Fatal(argv0, dir, null);
            Fatal(argv0, "unable to stat: ", dir);
        }
        // runit's wording, without a separator before "not a directory.".
        if (!st.IsDir) Strerr.Die(111, argv0, ": fatal: ", dir, "not a directory.");
        if (!Fd.Stat("current", out Libc.Stat cur)) Fatal(argv0, "unable to stat: ", "current");
        if (cur.Ino == st.Ino && cur.Dev == st.Dev) return Say(dir, ": current.\n");

        if (Libc.unlink("current.new") == -1 && Libc.Errno != Errors.ENOENT) Fatal(argv0, "unable to unlink: ", "current.new");
        if (Libc.symlink(dir, "current.new") == -1) Fatal(argv0, "unable to create: current.new -> ", dir);
        if (Libc.unlink("previous") == -1 && Libc.Errno != Errors.ENOENT) Fatal(argv0, "unable to unlink: ", "previous");
        if (Libc.rename("current", "previous") == -1) Fatal(argv0, "unable to copy: current to ", "previous");
        if (Libc.rename("current.new", "current") == -1)
        {
            Strerr.WarnSys(Libc.Errno, argv0, ": fatal: ", "unable to move: current.new to ", "current", ": ");
            if (Libc.rename("previous", "current") == -1) Fatal(argv0, "unable to move previous back to ", "current");
            return 111;
        }
        return Say(dir, ": now current.\n");
    }

    /// <summary>$RUNSVDIR when set and not empty, else /etc/runit/runsvdir.</summary>
    internal static string BaseDir(string? env) => string.IsNullOrEmpty(env) ? DefaultBase : env;

    private static void Fatal(string argv0, string m1, string? m2) =>
        Strerr.DieSys(111, Libc.Errno, argv0, ": fatal: ", m1, m2, ": ");

    private static int Say(string dir, string what)
    {
        new OutBuf(1).Put("runsvchdir: ").Put(dir).Put(what).Flush();
        return 0;
    }
}
