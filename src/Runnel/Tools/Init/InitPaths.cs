using Runnel.Posix;

namespace Runnel.Tools.Init;

/// <summary>
/// runit's fixed paths (runit.h). Not configurable on purpose: PID 1 must not
/// read its control files from anywhere an environment could redirect. Tests
/// give runit its own /etc/runit with a chroot inside a PID + mount namespace.
/// </summary>
internal static class InitPaths
{
    internal const string Runit = "/sbin/runit";
    internal const string StopIt = "/etc/runit/stopit";
    internal const string Reboot = "/etc/runit/reboot";
    /// <summary>Debian's runit keeps stopit and reboot in /run (read-only /etc); runnel honours both.</summary>
    internal const string RunStopIt = "/run/runit.stopit";
    internal const string RunReboot = "/run/runit.reboot";
    internal const string CtrlAltDel = "/etc/runit/ctrlaltdel";
    internal const string NoSync = "/etc/runit/nosync";
    internal const string Console = "/dev/console";

    /// <summary>Either stopit (upstream's or Debian's) executable by owner asks for the shutdown.</summary>
    internal static bool StopRequested() => Init.Stages.Executable(StopIt) || Init.Stages.Executable(RunStopIt);

    /// <summary>Either reboot file executable by owner: reboot rather than power off.</summary>
    internal static bool RebootRequested() => Init.Stages.Executable(Reboot) || Init.Stages.Executable(RunReboot);

    /// <summary>
    /// Debian's layout is in use when its stage 1 made /run/runit.stopit: then
    /// runit-init writes the /run pair (Debian's stage 3 reads /run/runit.reboot).
    /// </summary>
    internal static bool DebianLayout() => Fd.Stat(RunStopIt, out _);

    internal static readonly string[] Stages = ["/etc/runit/1", "/etc/runit/2", "/etc/runit/3"];
}
