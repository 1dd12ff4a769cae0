using System;
using System.Text;
using CsCheck;
using Runnel.Common;
using Runnel.Posix;
using Runnel.Supervision;
using Runnel.Tests.Infra;
using Runnel.Tools.Sv;
using Xunit;

namespace Runnel.Tests.Sv;

public sealed class SvUnitTests
{
    [Theory]
    [InlineData("7", 7UL)] [InlineData("", 0UL)] [InlineData("abc", 0UL)] [InlineData("12x3", 12UL)]
    [InlineData("-5", 0UL)] [InlineData("18446744073709551616", 0UL)]
    public void ScanUlongIsRunits(string s, ulong v) => Assert.Equal(v, SvArgs.ScanUlong(s));

    [Fact]
    public void StatusTextExamples()
    {
        var o = new OutBuf(-1);
        var b = new byte[20];
        new StatusRecord(Tai64n.FromUnix(1000, 0), 42, true, 'd', true, ServiceState.Run).Encode(b);
        int rc = StatusText.Append(o, b, "svc", normallyUp: false, nowTai: Tai64n.FromUnix(1010, 0).Seconds);
        Assert.Equal(1, rc);
        Assert.Equal("run: svc: (pid 42) 10s, normally down, paused, want down, got TERM", Text(o));
        o = new OutBuf(-1);
        new StatusRecord(Tai64n.FromUnix(1000, 0), 0, false, 'u', false, ServiceState.Down).Encode(b);
        Assert.Equal(2, StatusText.Append(o, b, "x", normallyUp: true, nowTai: Tai64n.FromUnix(900, 0).Seconds));
        Assert.Equal("down: x: 0s, normally up, want up", Text(o));
    }

    private static string Text(OutBuf o) => Encoding.UTF8.GetString(o.Peek());

    [Fact]
    public void InotifyFilterIgnoresClientsOwnDoings()
    {
        Assert.False(SuperviseWatch.IsRelevant(Libc.IN_CLOSE_WRITE, "control"u8));
        Assert.False(SuperviseWatch.IsRelevant(Libc.IN_MODIFY, "control"u8));
        Assert.False(SuperviseWatch.IsRelevant(Libc.IN_CLOSE_WRITE, "ok"u8));
        Assert.False(SuperviseWatch.IsRelevant(Libc.IN_CLOSE_NOWRITE, "status"u8));
        Assert.True(SuperviseWatch.IsRelevant(Libc.IN_MOVED_TO, "status"u8));
        Assert.True(SuperviseWatch.IsRelevant(Libc.IN_CLOSE_NOWRITE, "ok"u8));
        Assert.True(SuperviseWatch.IsRelevant(Libc.IN_CLOSE_WRITE, "lock"u8));
        Assert.True(SuperviseWatch.IsRelevant(Libc.IN_MODIFY, "status"u8));
        Assert.True(SuperviseWatch.IsRelevant(Libc.IN_DELETE_SELF, ""u8));
    }

    [Fact]
    public void WatchWakesOnRenameAndTimesOutOtherwise()
    {
        using var t = new TempDir("sv-watch");
        using var f = new FakeService(t["svc"]);
        f.SetStatus(ServiceState.Down, 0);
        // inotify instances are per user (128 by default); other tests' runsvs
        // may hold them all for a while: wait for one.
        using var w = Wait.For(() => new SuperviseWatch(), x => x.Active, "an inotify instance", 60_000);
        Assert.True(w.Add(t["svc/supervise"]));
        Assert.False(w.Add(t["svc/nope"]));
        Assert.False(w.Wait(20));
        f.SetStatus(ServiceState.Run, 3);
        Assert.True(w.Wait(10_000));
        // A client writing control and reading status does not wake it.
        ControlFifo.Send(t["svc"], "u"u8, out _);
        ServiceStatus.Read(t["svc"], new byte[20], out _);
        Assert.False(w.Wait(20));
    }

    [Fact]
    public void RandomRecordsPrintAsCPrintsThem()
    {
        using var t = new TempDir("sv-prop");
        using var f = new FakeService(t["svc"]);
        Gen.Byte.Array[20].Sample(rec =>
        {
            rec[19] %= 4;
            rec[17] = (byte)"ud x"[rec[17] % 4];
            f.SetStatusBytes(rec);
            var c = SvRun.Run(SvImpl.C, t.Path, t.Path, "status", "svc");
            var r = SvRun.Run(SvImpl.Runnel, t.Path, t.Path, "status", "svc");
            Assert.Equal(SvRun.Shape(c), SvRun.Shape(r));
        }, iter: 40, threads: 1);
    }
}
