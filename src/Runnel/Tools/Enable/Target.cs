using System;
using System.Text;
using Runnel.Posix;
using Runnel.Supervision;

namespace Runnel.Tools.Enable;

/// <summary>
/// A service argument resolved: a bare NAME means the definition DEFS/NAME;
/// an argument with a slash is the definition directory itself and the
/// service is named after its last component (update-service's rule).
/// The link is SVDIR/NAME.
/// </summary>
internal readonly record struct Target(string Name, string Definition, string Link, bool ByName)
{
    internal static Target Of(Ctx c, string arg)
    {
        if (!arg.Contains('/')) return new Target(arg, c.Defs + "/" + arg, ServiceStatus.Under(c.Svdir, arg), true);
        string def = EnableTool.Absolute(arg.TrimEnd('/'));
        string name = Program.Basename(def);
        return new Target(name, def, ServiceStatus.Under(c.Svdir, name), false);
    }

    /// <summary>update-service's name checks; null when sane.</summary>
    internal string? NameProblem() =>
        Name.Length == 0 ? "the service name is empty"
        : Name[0] == '.' ? "the service name must not start with a dot"
        : Name.Contains('\n') ? "the service name must not contain a newline"
        : null;

    /// <summary>The definition must be a directory with an executable ./run; null when it is.</summary>
    internal string? DefinitionProblem()
    {
        if (!Fd.Stat(Definition, out Libc.Stat st))
            return Libc.Errno == Errors.ENOENT ? "no service definition " + Definition : "unable to stat " + Definition + ": " + Errors.Str(Libc.Errno);
        if (!st.IsDir) return Definition + " is not a directory";
        string run = Definition + "/run";
        if (!Fd.Stat(run, out Libc.Stat rs)) return "unable to stat " + run + ": " + Errors.Str(Libc.Errno);
        if (!rs.IsReg || Libc.access(run, Libc.X_OK) != 0) return run + " is not an executable file";
        return null;
    }

    /// <summary>Whether two paths lead to the same directory (device and inode): relative links and trailing slashes compare equal.</summary>
    internal static bool SameDir(string a, string b) =>
        Fd.Stat(a, out Libc.Stat sa) && Fd.Stat(b, out Libc.Stat sb) && sa.IsDir && sa.Dev == sb.Dev && sa.Ino == sb.Ino;

    /// <summary>The link's target as an absolute path (relative targets are relative to SVDIR); null when not a link.</summary>
    internal static unsafe string? LinkTarget(string link, string svdir)
    {
        byte* buf = stackalloc byte[4096];
        nint n = Libc.readlink(link, buf, 4096);
        if (n < 0) return null;
        string t = Encoding.UTF8.GetString(buf, (int)n);
        return t.StartsWith('/') ? t : ServiceStatus.Under(EnableTool.Absolute(svdir), t);
    }
}
