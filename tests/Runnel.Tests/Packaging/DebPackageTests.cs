using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Packaging;

/// <summary>runnel's .deb: its file list, control fields and maintainer scripts, and a real dpkg install over runit.</summary>
public class DebPackageTests : IClassFixture<DebPackage>
{
    private const string Target = "/usr/lib/runnel/runnel";
    private static readonly string[] UsrBin =
        ["runsv", "runsvdir", "sv", "svlogd", "chpst", "envdir", "envuidgid", "pgrphack", "setlock", "setuidgid", "softlimit", "svls"];
    private static readonly string[] RunitPages =
        ["runsv", "runsvdir", "sv", "svlogd", "chpst", "runit", "runit-init", "utmpset", "runsvchdir"];

    private readonly DebPackage _pkg;

    public DebPackageTests(DebPackage pkg) => _pkg = pkg;

    /// <summary>path -> link target ("" for a regular file), from dpkg-deb -c.</summary>
    private Dictionary<string, string> Contents()
    {
        CmdResult r = _pkg.DpkgDeb("-c");
        Assert.True(r.ExitCode == 0, r.ToString());
        var files = new Dictionary<string, string>();
        foreach (string line in r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line[0] == 'd') continue;
            string rest = Regex.Match(line, @" \./(.*)$").Groups[1].Value;
            int arrow = rest.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow < 0) files["/" + rest] = "";
            else files["/" + rest[..arrow]] = rest[(arrow + 4)..];
        }
        return files;
    }

    /// <summary>Where link <paramref name="path"/> -> <paramref name="to"/> points, as an absolute path.</summary>
    private static string Resolve(string path, string to) =>
        to.StartsWith('/') ? to : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, to));

    [Fact]
    public void FileNameCarriesTheVersion()
    {
        Assert.Equal($"runnel_{Runnel.Program.Version}_amd64.deb", Path.GetFileName(_pkg.Deb));
    }

    [Fact]
    public void ShipsTheBinaryAndEveryToolAtDebiansPaths()
    {
        Dictionary<string, string> f = Contents();
        Assert.Equal("", f[Target]);
        var links = new List<string> { "/usr/bin/runnel", "/usr/sbin/runsvchdir", "/usr/sbin/utmpset", "/sbin/runit", "/lib/runit/runit-init" };
        links.AddRange(UsrBin.Select(t => "/usr/bin/" + t));
        foreach (string l in links)
            Assert.True(f.TryGetValue(l, out string? to) && Resolve(l, to) == Target, $"{l} -> {Target} missing");
        // Within /usr relative (Debian policy), across top-level directories absolute.
        Assert.Equal("../lib/runnel/runnel", f["/usr/bin/sv"]);
        Assert.Equal(Target, f["/sbin/runit"]);
        // Nothing else points at runnel: no stray tool names.
        Assert.Equal(links.OrderBy(x => x), f.Where(kv => kv.Value != "" && Resolve(kv.Key, kv.Value) == Target).Select(kv => kv.Key).OrderBy(x => x));
    }

    [Fact]
    public void ShipsManPagesCompletionAndDocs()
    {
        Dictionary<string, string> f = Contents();
        foreach (string p in RunitPages.Append("runnel"))
            Assert.True(f.ContainsKey($"/usr/share/man/man8/{p}.8.gz"), $"man page {p}.8 missing");
        foreach (string page in Directory.GetFiles(Path.Combine(Paths.RepoRoot, "man")))
        {
            string name = Path.GetFileName(page);
            Assert.True(f.ContainsKey($"/usr/share/man/man{name[^1]}/{name}.gz"), $"{name} from man/ not shipped");
        }
        // The personalities' pages are chpst's.
        foreach (string t in UsrBin.Where(t => t is "envdir" or "envuidgid" or "pgrphack" or "setuidgid" or "softlimit" or "setlock"))
            Assert.Equal("chpst.8.gz", f[$"/usr/share/man/man8/{t}.8.gz"]);
        Assert.True(f.ContainsKey("/usr/share/bash-completion/completions/sv"));
        Assert.True(f.ContainsKey("/usr/share/doc/runnel/copyright"));
        Assert.True(f.ContainsKey("/usr/share/doc/runnel/changelog.gz"));
        Assert.True(f.ContainsKey("/usr/share/doc/runnel/debian.md"));
    }

    [Fact]
    public void ControlFields()
    {
        CmdResult r = _pkg.DpkgDeb("-f");
        Assert.True(r.ExitCode == 0, r.ToString());
        string c = r.Stdout;
        Assert.Contains("Package: runnel\n", c);
        Assert.Contains($"Version: {Runnel.Program.Version}\n", c);
        Assert.Contains("Architecture: amd64\n", c);
        Assert.Matches(@"\nDepends: libc6 \(>= 2\.\d+\)\n", c);
        Assert.Contains("Recommends: runit\n", c);
        // runnel coexists with runit through diversions: no Conflicts/Replaces/Provides on it.
        Assert.DoesNotMatch(@"\n(Conflicts|Replaces|Provides|Breaks):", c);
        Assert.Matches(@"\nInstalled-Size: \d+\n", c);
    }

    [Fact]
    public void EveryRunitFileRunnelShipsIsDiverted()
    {
        // Cross-checked against Debian's runit package: each path both ship is diverted in
        // preinst and undiverted in postrm, with the same target.
        string runitDeb = Directory.GetFiles(DebPackage.RunitDebs(), "runit_*.deb").Single();
        CmdResult rc = Cmd.Run("dpkg-deb", "-c", runitDeb);
        Assert.Equal(0, rc.ExitCode);
        var runit = new HashSet<string>(rc.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => "/" + Regex.Match(l, @" \./(\S*)").Groups[1].Value));
        Dictionary<string, string> ours = Contents();
        string pre = _pkg.DpkgDeb("-I", "preinst").Stdout, post = _pkg.DpkgDeb("-I", "postrm").Stdout;
        var shared = ours.Keys.Where(runit.Contains).ToList();
        Assert.True(shared.Count >= 19, "shared paths: " + string.Join(' ', shared));
        foreach (string p in shared)
        {
            string to = p.StartsWith("/usr/share/man/", StringComparison.Ordinal)
                ? Regex.Replace(p, @"\.(\d)\.gz$", ".runit.$1.gz")
                : p + ".runit";
            // Listed without the leading / (the scripts add it).
            Assert.Contains($"\n{p[1..]} {to[1..]}\n", pre);
            Assert.Contains($"\n{p[1..]} {to[1..]}\n", post);
        }
        // The personalities' names are daemontools': diverted to NAME.distrib.
        foreach (string t in new[] { "envdir", "envuidgid", "pgrphack", "setuidgid", "softlimit", "setlock" })
        {
            Assert.Contains($"\nusr/bin/{t} usr/bin/{t}.distrib\n", pre);
            Assert.Contains($"\nusr/share/man/man8/{t}.8.gz usr/share/man/man8/{t}.distrib.8.gz\n", post);
        }
        // runnel's own names (no runit or daemontools file of that name) are not diverted.
        foreach (string own in new[] { "usr/bin/svls ", "usr/share/man/man8/svls.8.gz ", "usr/share/man/man8/runnel.8.gz " })
            Assert.DoesNotContain("\n" + own, pre);
        Assert.Contains("dpkg-divert --package runnel --add --rename --divert \"/$to\" \"/$path\"", pre);
        Assert.Contains("dpkg-divert --package runnel --remove --rename --divert \"/$to\" \"/$path\"", post);
    }

    [Fact]
    public void InstallsOverRunitAndRemovesCleanly()
    {
        // A real dpkg in an overlay of / inside a private mount namespace: runit (with the
        // helpers its scripts call) first, then runnel, reinstall, remove, purge; and runnel
        // first, runit after; an upgrade to a version that ships one path fewer; daemontools (the personalities' names) and back. The script checks each step (readlink, md5 against runit's
        // md5sums, dpkg-divert --truename/--list).
        string script = Path.Combine(Paths.RepoRoot, "tests", "packaging", "dpkg-install.sh");
        CmdResult r = Cmd.Run("/bin/bash", new[] { script, _pkg.Deb, DebPackage.RunitDebs() }, timeoutMs: 300_000);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("ok: runnel active, runit's files at their diverted names (install)", r.Stdout);
        Assert.Contains("byte for byte (remove)", r.Stdout);
        Assert.Contains("ok: scenario before-runit", r.Stdout);
        Assert.Contains("ok: upgrade: a path the new version no longer ships is runit's again", r.Stdout);
        Assert.Contains("ok: daemontools' files restored byte for byte", r.Stdout);
        Assert.EndsWith("dpkg-install: ok\n", r.Stdout);
    }
}
