using Runnel.Common;
using Runnel.Posix;

namespace Runnel.Tools.Runsv;

/// <summary>runsv DIR: supervise DIR/run and the optional DIR/log/run.</summary>
internal static class RunsvTool
{
    internal static int Run(string argv0, string[] args)
    {
        if (args.Length != 1) Strerr.Die(1, "usage: ", argv0, " dir", "\n");
        Report.Dir = args[0];

        Signals.BlockEverywhere([Libc.SIGCHLD, Libc.SIGTERM]);
        if (Libc.chdir(args[0]) == -1) Report.Fatal("unable to change to directory", Libc.Errno);

        bool svcDown = Fd.Stat("down", out _);
        bool hasLog = false, logDown = false;
        if (!Fd.Stat("log", out Libc.Stat st))
        {
            if (Libc.Errno != Errors.ENOENT) Report.Warn("unable to stat() ./log: ", Libc.Errno);
        }
        else if (!st.IsDir) Report.WarnX("./log", null, ": not a directory.");
        else
        {
            hasLog = true;
            logDown = Fd.Stat("log/down", out _);
        }

        var sup = new Supervisor(hasLog, svcDown, logDown);
        if (hasLog) sup.OpenLogPipe();
        sup.OpenSignalFd();

        SuperviseDir.Create(sup.Main, fatal: true);
        SuperviseDir.Lock(sup.Main, fatal: true);
        if (sup.Log != null)
        {
            SuperviseDir.Create(sup.Log, fatal: true);
            SuperviseDir.Lock(sup.Log, fatal: true);
        }
        SuperviseDir.OpenControl(sup.Main, fatal: true);
        sup.UpdateInfo(sup.Main);
        sup.UpdateStatus(sup.Main);
        if (sup.Log != null)
        {
            SuperviseDir.OpenControl(sup.Log, fatal: true);
            sup.UpdateInfo(sup.Log);
            sup.UpdateStatus(sup.Log);
        }
        SuperviseDir.OpenOk(sup.Main, fatal: true);
        if (sup.Log != null) SuperviseDir.OpenOk(sup.Log, fatal: true);

        sup.Run();
        return 0;
    }
}
