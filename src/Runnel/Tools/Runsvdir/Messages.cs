using System;
using System.Text;
using Runnel.Posix;

namespace Runnel.Tools.Runsvdir;

/// <summary>
/// runsvdir's messages, worded as runit's ("runsvdir DIR: warning: ...").
/// With a log argument they scroll straight into the process title: runsvdir
/// never writes into its own log pipe, so a full pipe can never block it.
/// </summary>
internal sealed class Messages
{
    private readonly string _svdir;

    internal Messages(string svdir) => _svdir = svdir;

    /// <summary>Where messages go once the log is set up; null: fd 2.</summary>
    internal ProcTitle? Title { get; set; }

    /// <summary>runit's warn(): "runsvdir DIR: warning: m1m2: error".</summary>
    internal void Warn(int errno, string m1, string? m2) =>
        Emit("runsvdir ", _svdir, ": warning: ", m1, m2, ": ", Errors.Str(errno));

    /// <summary>runit's warn3x(): no error text.</summary>
    internal void Warn3x(string m1, string? m2 = null, string? m3 = null) =>
        Emit("runsvdir ", _svdir, ": warning: ", m1, m2, m3, null);

    /// <summary>The words of runit's child when it cannot exec runsv ("fatal" for that child only).</summary>
    internal void StartFailed(int errno, string name) =>
        Emit("runsvdir ", _svdir, ": fatal: ", "unable to start runsv ", name, ": ", Errors.Str(errno));

    /// <summary>runit's fatal(): exit 100.</summary>
    internal void Fatal(int errno, string m1)
    {
        Emit("runsvdir ", _svdir, ": fatal: ", m1, null, ": ", Errors.Str(errno));
        Libc._exit(100);
    }

    private void Emit(string a, string b, string c, string? d, string? e, string? f, string? g)
    {
        string s = string.Concat(string.Concat(a, b, c, d), string.Concat(e, f, g), "\n");
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        if (Title != null) Title.Put(bytes);
        else Fd.WriteAll(2, bytes);
    }
}
