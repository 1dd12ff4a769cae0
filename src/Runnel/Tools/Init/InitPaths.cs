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
    internal const string CtrlAltDel = "/etc/runit/ctrlaltdel";
    internal const string NoSync = "/etc/runit/nosync";
    internal const string Console = "/dev/console";

    internal static readonly string[] Stages = ["/etc/runit/1", "/etc/runit/2", "/etc/runit/3"];
}
