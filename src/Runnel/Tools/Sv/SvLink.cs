using System;
using System.Text;
using Runnel.Posix;

namespace Runnel.Tools.Sv;

/// <summary>
/// runit's sv becomes an LSB init script when linked as /etc/init.d/NAME.
/// runnel picks its tool by the name it is called by, so NAME alone does not
/// say "sv": follow the link argv[0] names one step, and if it points to a
/// file named sv (/etc/init.d/NAME -> /usr/bin/sv -> runnel), this is sv in
/// init-script mode.
/// </summary>
internal static class SvLink
{
    /// <summary>True when <paramref name="argv0"/> (a path, or a name found in $PATH) is a symlink to something named sv.</summary>
    internal static bool PointsToSv(string argv0)
    {
        string? path = argv0.Contains('/') ? argv0 : FindInPath(argv0);
        if (path == null) return false;
        string? target = ReadLink(path);
        return target != null && Program.Basename(target.TrimEnd('/')) == "sv";
    }

    private static string? FindInPath(string name)
    {
        string? pathVar = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(pathVar) || name.Length == 0) return null;
        foreach (string dir in pathVar.Split(':'))
        {
            string p = (dir.Length == 0 ? "." : dir) + "/" + name;
            if (Fd.Lstat(p, out _)) return p;
        }
        return null;
    }

    private static unsafe string? ReadLink(string path)
    {
        byte* buf = stackalloc byte[4096];
        nint n = Libc.readlink(path, buf, 4096);
        return n <= 0 ? null : Encoding.UTF8.GetString(buf, (int)n);
    }
}
