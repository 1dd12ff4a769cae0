using CsCheck;
using Runnel.Supervision;
using Xunit;

namespace Runnel.Tests.Supervision;

public class ServiceInfoTests
{
    private const string Sample =
        "runnel-info 1\npid=1234\nstart=1764119040.123456789\nrestarts=3\nexit=signal 9\n" +
        "exittime=1764119039.500000000\nnotify=3\nready=1764119040.623456789\n";

    [Fact]
    public void ParsesTheDocumentedFormat()
    {
        Assert.True(ServiceInfo.TryParse(Sample, out var i));
        Assert.Equal(1234, i.Pid);
        Assert.Equal(1764119040_123456789L, i.StartNs);
        Assert.Equal(3UL, i.Restarts);
        Assert.Equal(ExitKind.Signal, i.LastExit);
        Assert.Equal(9, i.LastExitValue);
        Assert.Equal(3, i.NotifyFd);
        Assert.True(i.Ready);
        Assert.Equal(500_000_000L, i.ReadyAfterNs);
        Assert.Equal(Sample, i.Format());
    }

    [Theory]
    [InlineData("runnel-info 2\npid=1\n")]
    [InlineData("pid=1\n")]
    [InlineData("runnel-info 1\npid=-1\n")]
    [InlineData("runnel-info 1\npid= 1\n")]
    [InlineData("runnel-info 1\nexit=code x\n")]
    [InlineData("runnel-info 1\nexit=killed 9\n")]
    [InlineData("runnel-info 1\nstart=1.1234567890\n")]
    [InlineData("runnel-info 1\nnotify=-3\n")]
    public void RejectsMalformed(string text) => Assert.False(ServiceInfo.TryParse(text, out _));

    [Fact]
    public void SkipsUnknownKeysAndDefaultsMissingOnes()
    {
        Assert.True(ServiceInfo.TryParse("runnel-info 1\nfuture=x y\npid=7\n", out var i));
        Assert.Equal(7, i.Pid);
        Assert.Equal(-1, i.NotifyFd);
        Assert.False(i.Ready);
        Assert.Equal(-1, i.ReadyAfterNs);
    }

    [Fact]
    public void FormatThenParseIsIdentity() =>
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Long[0, 4_000_000_000_000_000_000L], Gen.ULong,
                Gen.Int[0, 2], Gen.Int[0, 255], Gen.Int[-1, 1000], Gen.Long[0, 4_000_000_000_000_000_000L])
            .Sample((pid, start, restarts, kind, value, notify, ready) =>
            {
                var exit = (ExitKind)kind;
                var info = new ServiceInfo(pid, start, restarts, exit, exit == ExitKind.None ? 0 : value,
                    start / 2, notify, ready);
                return ServiceInfo.TryParse(info.Format(), out var back) && back == info;
            });
}
