using System.Text.RegularExpressions;
using CsCheck;
using Runnel.Tools.Status;
using Xunit;

namespace Runnel.Tests.Status;

public class DurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(60, "1m00s")]
    [InlineData(192, "3m12s")]
    [InlineData(3599, "59m59s")]
    [InlineData(3600, "1h00m")]
    [InlineData(7500, "2h05m")]
    [InlineData(86399, "23h59m")]
    [InlineData(86400, "1d00h")]
    [InlineData(356400, "4d03h")]
    [InlineData(-5, "0s")]
    public void Examples(long s, string text) => Assert.Equal(text, Duration.Human(s));

    private static readonly Regex Shape = new(@"^(?:(\d+)s|(\d+)m(\d\d)s|(\d+)h(\d\d)m|(\d+)d(\d\d)h)$");

    /// <summary>
    /// Any duration reads back as a value at most one unit of its last field
    /// below the truth (truncated, never rounded up), in the unit its size calls for.
    /// </summary>
    [Fact]
    public void Reads_back_truncated_to_its_last_unit()
    {
        Gen.Long[0, 400L * 365 * 86400].Sample(s =>
        {
            string t = Duration.Human(s);
            Match m = Shape.Match(t);
            Assert.True(m.Success, t);
            long v, unit;
            if (m.Groups[1].Success) { v = long.Parse(m.Groups[1].Value); unit = 1; Assert.True(s < 60); }
            else if (m.Groups[2].Success) { v = long.Parse(m.Groups[2].Value) * 60 + long.Parse(m.Groups[3].Value); unit = 1; Assert.InRange(s, 60, 3599); }
            else if (m.Groups[4].Success) { v = long.Parse(m.Groups[4].Value) * 3600 + long.Parse(m.Groups[5].Value) * 60; unit = 60; Assert.InRange(s, 3600, 86399); }
            else { v = long.Parse(m.Groups[6].Value) * 86400 + long.Parse(m.Groups[7].Value) * 3600; unit = 3600; Assert.True(s >= 86400); }
            Assert.InRange(s - v, 0, unit - 1);
            // The second field is always below its carry.
            if (m.Groups[3].Success) Assert.True(int.Parse(m.Groups[3].Value) < 60);
            if (m.Groups[5].Success) Assert.True(int.Parse(m.Groups[5].Value) < 60);
            if (m.Groups[7].Success) Assert.True(int.Parse(m.Groups[7].Value) < 24);
        }, iter: 5000);
    }

    /// <summary>A longer time never reads as a shorter one.</summary>
    [Fact]
    public void Monotone()
    {
        Gen.Select(Gen.Long[0, 10L * 86400], Gen.Long[0, 10L * 86400]).Sample((a, b) =>
        {
            if (a > b) (a, b) = (b, a);
            Assert.True(Seconds(Duration.Human(a)) <= Seconds(Duration.Human(b)));
        }, iter: 3000);
    }

    private static long Seconds(string t)
    {
        Match m = Shape.Match(t);
        if (m.Groups[1].Success) return long.Parse(m.Groups[1].Value);
        if (m.Groups[2].Success) return long.Parse(m.Groups[2].Value) * 60 + long.Parse(m.Groups[3].Value);
        if (m.Groups[4].Success) return long.Parse(m.Groups[4].Value) * 3600 + long.Parse(m.Groups[5].Value) * 60;
        return long.Parse(m.Groups[6].Value) * 86400 + long.Parse(m.Groups[7].Value) * 3600;
    }
}
