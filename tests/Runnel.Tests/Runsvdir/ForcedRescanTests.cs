using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Runsvdir;

/// <summary>
/// Debian's runsvdir: SIGALRM forces a rescan and records it in DIR/.forced-rescan
/// (a TAI64N label, 25 bytes, no newline, mode 0644). Compared with Debian's binary.
/// </summary>
public sealed class ForcedRescanTests
{
    private static (string label, UnixFileMode mode, string services) Forced(DirFlavour f)
    {
        using var t = new SvTree(RunsvFlavour.C);
        t.Enable("late");
        t.Service("early");
        t.Enable("early");
        t.Start(f, "svc");
        t.WaitRun("early");
        // Scans that no ALRM forced (the first one, and one for a new link) leave no record.
        t.Service("other");
        t.Enable("other");
        t.WaitRun("other");
        string rec = Path.Combine(t.Svc, ".forced-rescan");
        Assert.False(File.Exists(rec), $"{f}: .forced-rescan before any ALRM");
        t.Service("late");
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        SvTree.Kill(t.Pid, 14);
        string label = Wait.For(() => File.Exists(rec) ? File.ReadAllText(rec) : "", s => s.Length > 0, ".forced-rescan");
        long after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        t.WaitRun("late");
        Assert.Matches("^@4000000[0-9a-f]{17}$", label);
        long unix = (long)(ulong.Parse(label[1..17], NumberStyles.HexNumber) - 4611686018427387914UL);
        Assert.InRange(unix, before - 1, after + 1);
        Assert.DoesNotContain("forced-rescan", t.Stderr());
        return (label, File.GetUnixFileMode(rec), string.Join(",", t.RunsvByName().Keys.OrderBy(k => k)));
    }

    [Fact]
    public void SIGALRM_writes_the_same_record_as_Debian()
    {
        var c = Forced(DirFlavour.C);
        var r = Forced(DirFlavour.Runnel);
        Assert.Equal(c.label.Length, r.label.Length);
        Assert.Equal((UnixFileMode)0b110_100_100, c.mode);
        Assert.Equal(c.mode, r.mode);
        Assert.Equal("early,late,other", c.services);
        Assert.Equal(c.services, r.services);
    }

    [Fact]
    public void Each_ALRM_rewrites_the_record()
    {
        using var t = new SvTree(RunsvFlavour.C);
        t.Service("a");
        t.Enable("a");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("a");
        string rec = Path.Combine(t.Svc, ".forced-rescan");
        SvTree.Kill(t.Pid, 14);
        string first = Wait.For(() => File.Exists(rec) ? File.ReadAllText(rec) : "", s => s.Length == 25, "first record");
        SvTree.Kill(t.Pid, 14);
        // Written in place as Debian does (truncate, write): a read may fall between the two.
        string second = Wait.For(() => File.ReadAllText(rec), s => s.Length == 25 && s != first, "second record");
        Assert.True(string.CompareOrdinal(second, first) > 0, $"{second} not after {first}");
    }

    [Fact]
    public void An_unwritable_record_is_a_warning_and_runsvdir_goes_on()
    {
        using var t = new SvTree(RunsvFlavour.C);
        Directory.CreateDirectory(Path.Combine(t.Svc, ".forced-rescan"));
        t.Service("a", run: "exec sleep 1000");
        t.Enable("a");
        t.Start(DirFlavour.Runnel, "svc");
        t.WaitRun("a");
        t.Service("late");
        t.Enable("late");
        SvTree.Kill(t.Pid, 14);
        string err = Wait.For(t.Stderr, e => e.Contains("forced-rescan"), "the warning");
        Assert.Contains("runsvdir svc: warning: unable to open ./.forced-rescan: is a directory\n", err);
        t.WaitRun("late");
        Assert.False(t.Runsvdir!.HasExited);
    }
}
