using System;
using CsCheck;
using Runnel.Supervision;
using Xunit;

namespace Runnel.Tests.Supervision;

public class StatusRecordTests
{
    // 20 bytes as C runsv wrote them for a running service: pid 4660, want up.
    private static readonly byte[] CRunning =
    [
        0x40, 0x00, 0x00, 0x00, 0x69, 0x26, 0x52, 0x0a, // 2^62 + 10 + 1764119040
        0x1d, 0xcd, 0x66, 0xf4,                         // 500000500 ns
        0x34, 0x12, 0x00, 0x00,                         // pid 0x1234, little-endian
        0x00, (byte)'u', 0x00, 0x01,                    // not paused, want up, no TERM, run
    ];

    [Fact]
    public void DecodesWhatCRunsvWrites()
    {
        var r = StatusRecord.Decode(CRunning);
        Assert.Equal(0x1234, r.Pid);
        Assert.Equal(1764119040L, r.Start.UnixSeconds);
        Assert.Equal(500000500u, r.Start.Nanoseconds);
        Assert.False(r.Paused);
        Assert.Equal('u', r.Want);
        Assert.False(r.GotTerm);
        Assert.Equal(ServiceState.Run, r.State);
    }

    [Fact]
    public void EncodesByteForByte()
    {
        var r = StatusRecord.Decode(CRunning);
        var b = new byte[StatusRecord.Size];
        r.Encode(b);
        Assert.Equal(CRunning, b);
    }

    [Fact]
    public void RoundTripsAnyRecord()
    {
        Gen.Select(Gen.ULong, Gen.UInt[0, 999_999_999], Gen.Int[0, int.MaxValue], Gen.Bool, Gen.Bool, Gen.Bool, Gen.Byte[0, 2])
            .Sample((sec, ns, pid, paused, up, term, st) =>
            {
                var r = new StatusRecord(new Tai64n(sec, ns), pid, paused, up ? 'u' : 'd', term, (ServiceState)st);
                var b = new byte[StatusRecord.Size];
                r.Encode(b);
                Assert.Equal(r, StatusRecord.Decode(b));
            });
    }

    [Fact]
    public void RejectsShortInput() =>
        Assert.Throws<ArgumentException>(() => StatusRecord.Decode(new byte[19]));
}
