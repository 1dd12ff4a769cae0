using Runnel.Supervision;
using Xunit;

namespace Runnel.Tests.Supervision;

public class Tai64nTests
{
    [Fact]
    public void LabelIsAtAnd24HexDigits()
    {
        var t = Tai64n.FromUnix(0, 0);
        Assert.Equal("@400000000000000a00000000", t.ToString());
    }

    [Fact]
    public void NowIsNearTheUnixClockAndMidMicrosecond()
    {
        long before = System.DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var t = Tai64n.Now();
        long after = System.DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(t.UnixSeconds, before, after);
        Assert.Equal(500u, t.Nanoseconds % 1000);
    }

    [Fact]
    public void PackIsBigEndian()
    {
        var b = new byte[12];
        new Tai64n(0x0102030405060708, 0x090a0b0c).Pack(b);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, b);
    }
}
