using Runnel.Common;

namespace Runnel.Tools.Svlogd;

/// <summary>svlogd's message prefixes, worded as the C tool words them.</summary>
internal static class Msg
{
    internal const string Fatal = "svlogd: fatal: ", Warning = "svlogd: warning: ",
        Pausing = "svlogd: pausing: ", InfoPrefix = "svlogd: info: ";

    /// <summary>"svlogd: warning: what: name: error".</summary>
    internal static void Warn2(int errno, string what, string name) => Strerr.WarnSys(errno, Warning, what, ": ", name, ": ");

    /// <summary>"svlogd: warning: what: detail".</summary>
    internal static void Warnx(string what, string detail) => Strerr.Warn(Warning, what, ": ", detail);

    internal static void Info(params string[] parts)
    {
        var all = new string[parts.Length + 1];
        all[0] = InfoPrefix;
        parts.CopyTo(all, 1);
        Strerr.Warn(all);
    }
}
