using System;
using System.IO;
using Runnel.Tests.Infra;

namespace Runnel.Tests.Packaging;

/// <summary>
/// runnel's .deb, built once per test class by packaging/deb/build-deb.sh from
/// the runnel binary under test (RUNNEL_BINARY, so the script does not rebuild).
/// </summary>
public sealed class DebPackage : IDisposable
{
    private readonly TempDir _dir = new("runnel-deb");

    public string Deb { get; }

    public DebPackage()
    {
        string script = Path.Combine(Paths.RepoRoot, "packaging", "deb", "build-deb.sh");
        var env = new System.Collections.Generic.Dictionary<string, string?>
        {
            ["RUNNEL_BINARY"] = Path.GetFullPath(Paths.Tool("runnel")),
        };
        CmdResult r = Cmd.Run("/bin/bash", new[] { script, _dir.Path }, env: env, timeoutMs: 300_000);
        if (r.ExitCode != 0) throw new InvalidOperationException("build-deb.sh failed: " + r);
        Deb = r.Stdout.Trim();
        if (!File.Exists(Deb)) throw new FileNotFoundException("build-deb.sh printed no .deb: " + r);
    }

    /// <summary>Debian's runit .debs (tests/compat/fetch-runit-debs.sh).</summary>
    public static string RunitDebs()
    {
        CmdResult r = Cmd.Run("/bin/bash", new[] { Path.Combine(Paths.RepoRoot, "tests", "compat", "fetch-runit-debs.sh") },
            timeoutMs: 300_000);
        if (r.ExitCode != 0) throw new InvalidOperationException("fetch-runit-debs.sh failed: " + r);
        return r.Stdout.Trim();
    }

    public CmdResult DpkgDeb(params string[] args)
    {
        var a = new string[args.Length + 1];
        args.CopyTo(a, 0);
        a[^1] = Deb;
        // -I DEB [CONTROLFILE]: the deb goes right after the option.
        if (args.Length == 2 && args[0] == "-I") a = new[] { "-I", Deb, args[1] };
        return Cmd.Run("dpkg-deb", a);
    }

    public void Dispose() => _dir.Dispose();
}
