using System;
using Runnel.Common;

namespace Runnel.Tools.Runsvdir;

/// <summary>
/// runsvdir [-P] dir [log]: one runsv per service directory in dir, kept
/// running; see docs/runsvdir.md for what runnel adds (instant pickup, more
/// than 1000 services with RUNSVDIR_MAX, immediate restart of a dead runsv).
/// </summary>
internal static class RunsvdirTool
{
    /// <summary>runit's limit, kept as the default.</summary>
    internal const int DefaultMax = 1000;

    internal static int Run(string argv0, string[] args)
    {
        if (!Parse(args, out bool setsid, out string svdir, out int logIndex))
        {
            Strerr.Raw("usage: ", argv0, " [-P] dir\n\n");
            return 1;
        }
        var sup = new Supervisor(svdir, setsid, MaxServices(Environment.GetEnvironmentVariable("RUNSVDIR_MAX")));
        if (logIndex >= 0)
        {
            // The log's place in our real argv: `runnel runsvdir ...` has one more entry before args.
            int offset = Environment.GetCommandLineArgs().Length - args.Length;
            sup.SetupLog(args[logIndex], offset + logIndex);
        }
        sup.Run();
        return 111;
    }

    /// <summary>runit's parsing: only a first argument "-P..." or "--..." is an option; anything else is dir.</summary>
    internal static bool Parse(string[] args, out bool setsid, out string svdir, out int logIndex)
    {
        setsid = false;
        svdir = "";
        logIndex = -1;
        int i = 0;
        if (args.Length == 0) return false;
        if (args[0].Length > 1 && args[0][0] == '-')
        {
            if (args[0][1] == 'P') { setsid = true; i++; }
            else if (args[0][1] == '-') i++;
            if (i >= args.Length) return false;
        }
        svdir = args[i++];
        if (i < args.Length) logIndex = i;
        return true;
    }

    /// <summary>RUNSVDIR_MAX, a positive number, raises (or lowers) runit's limit of 1000 services.</summary>
    internal static int MaxServices(string? env) =>
        int.TryParse(env, out int n) && n > 0 ? n : DefaultMax;
}
