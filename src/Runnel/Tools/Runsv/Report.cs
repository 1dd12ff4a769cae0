using Runnel.Common;

namespace Runnel.Tools.Runsv;

/// <summary>runsv's messages: "runsv DIR: fatal: ..." (exit 111) and "runsv DIR: warning: ...".</summary>
internal static class Report
{
    internal static string Dir = "";

    internal static void Fatal(string m, int errno) => Strerr.DieSys(111, errno, "runsv ", Dir, ": fatal: ", m, ": ");

    internal static void FatalX(string m1, string m2) => Strerr.Die(111, "runsv ", Dir, ": fatal: ", m1, m2);

    internal static void Warn(string m, int errno) => Strerr.WarnSys(errno, "runsv ", Dir, ": warning: ", m, ": ");

    internal static void Warn2(string m1, string m2, int errno) =>
        Strerr.WarnSys(errno, "runsv ", Dir, ": warning: ", m1, m2, ": ");

    internal static void WarnX(string m1, string? m2, string m3) => Strerr.Warn("runsv ", Dir, ": warning: ", m1, m2, m3);

    /// <summary>What the C child printed when exec failed: runsv's stderr is the child's.</summary>
    internal static void ChildFatal(string m1, string m2, int errno) =>
        Strerr.WarnSys(errno, "runsv ", Dir, ": fatal: ", m1, m2, ": ");
}
