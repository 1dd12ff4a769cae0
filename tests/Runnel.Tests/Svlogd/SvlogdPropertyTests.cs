using System;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using Runnel.Tests.Infra;
using Runnel.Tools.Svlogd;
using Xunit;

namespace Runnel.Tests.Svlogd;

/// <summary>CsCheck properties of the pattern matcher and the config parser, checked against the C svlogd where it decides.</summary>
public class SvlogdPropertyTests
{
    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    /// <summary>
    /// The C svlogd is the oracle: config "-*" then "+pattern" keeps exactly the matching lines.
    /// All lines of a case have one length, so C's read past the message sees a zero byte.
    /// </summary>
    [Fact]
    public void MatcherAgreesWithC()
    {
        var gen = Gen.Select(
            Gen.Char["ab*+"].Array[0, 6].Select(a => new string(a)),
            Gen.Int[0, 5],
            Gen.Int[1, 12]).SelectMany((p, len, n) =>
                Gen.Char["ab"].Array[len].Select(a => new string(a)).Array[n].Select(lines => (p, lines)));
        gen.Sample(t =>
        {
            var (pattern, lines) = t;
            if (pattern.StartsWith('+') || pattern.Length == 0) pattern = "a" + pattern; // keep the config line a + line
            byte[] input = SvlogdRun.Lines(lines);
            string expected = string.Concat(lines.Where(l => Pattern.Match(B(pattern), B(l))).Select(l => l + "\n"));
            LogResult c = SvlogdRun.Once(SvlogdRun.C, input, "-*\n+" + pattern + "\n");
            Assert.True(expected == c.Current, $"pattern {pattern}: C kept [{c.Current}], runnel's matcher [{expected}]");
        }, iter: 150, threads: 1, print: t => t.p + " | " + string.Join(",", t.lines));
    }

    [Fact]
    public void MatcherLaws()
    {
        Gen.Select(Gen.Char["abc"].Array[0, 8].Select(a => new string(a)), Gen.Char["abc"].Array[0, 8].Select(a => new string(a)))
            .Sample((s, t) =>
            {
                // A pattern without * and + matches exactly itself.
                Assert.Equal(s == t, Pattern.Match(B(s), B(t)));
                // A trailing * matches every continuation; a leading * up to the first c then the rest.
                Assert.True(Pattern.Match(B(s + "*"), B(s + t)));
                Assert.True(Pattern.Match(B("*"), B(t)));
                Assert.Equal(t.Contains('c') && t[t.IndexOf('c')..] == "c" + s.Replace("c", ""),
                    Pattern.Match(B("*c" + s.Replace("c", "")), B(t)));
            }, iter: 2000);
    }

    /// <summary>-tt/-ttt dates are gmtime's, for any time svlogd may see (1970 to 9999).</summary>
    [Fact]
    public void StampDatesAreUtc()
    {
        Gen.Long[0, 253402300799L].Sample(sec =>
        {
            var b = new byte[20];
            Stamp.FormatDate(sec, (byte)'_', b);
            string expected = System.DateTimeOffset.FromUnixTimeSeconds(sec).UtcDateTime.ToString("yyyy-MM-dd_HH:mm:ss.", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, Encoding.ASCII.GetString(b));
        }, iter: 5000);
    }

    [Fact]
    public void ManPageExample()
    {
        // The stamp svlogd adds is not part of the message.
        byte[] msg = B("tcpsvd: info: pid 1977 from 10.4.1.14");
        Assert.False(Pattern.Match(B("*pid*"), msg));
        Assert.True(Pattern.Match(B("*: *: pid *"), msg));
    }

    [Fact]
    public void ConfigNumbersAndUnits()
    {
        Gen.ULong.Sample(n =>
        {
            Assert.Equal(n, LogConfig.Parse(B($"s{n}\n")).SizeMax);
            Assert.Equal(unchecked(n * 1024), LogConfig.Parse(B($"s{n}k\n")).SizeMax);
            Assert.Equal(unchecked(n * 1024 * 1024), LogConfig.Parse(B($"s{n}m")).SizeMax);
            Assert.Equal(unchecked(n * 60), LogConfig.Parse(B($"t{n}m\n")).TMax);
            Assert.Equal(unchecked(n * 3600), LogConfig.Parse(B($"t{n}h\n")).TMax);
            LogConfig c = LogConfig.Parse(B($"n{n}\nN{n / 2}x\n"));
            Assert.Equal(n, c.NMax);
            Assert.Equal(n / 2, c.NMin);
        }, iter: 2000);
    }

    [Fact]
    public void ConfigLinesLastWinsAndPatternsKeepOrder()
    {
        var line = Gen.OneOf(
            Gen.UInt.Select(u => "s" + u), Gen.UInt.Select(u => "n" + u), Gen.UInt.Select(u => "t" + u),
            Gen.Char["+-eE"].Select(Gen.String[0, 6], (k, p) => k + p.Replace("\n", "").Replace("\0", "")),
            Gen.Const("#comment"), Gen.Const(""), Gen.String[1, 5].Select(p => "p" + p.Replace("\n", "").Replace("\0", "")));
        line.Array[0, 12].Sample(lines =>
        {
            LogConfig c = LogConfig.Parse(B(string.Join("\n", lines) + "\n"));
            string? Last(char k) => lines.LastOrDefault(l => l.Length > 0 && l[0] == k);
            Assert.Equal(Last('s') is { } s ? ulong.Parse(s[1..]) : 1_000_000UL, c.SizeMax);
            Assert.Equal(Last('n') is { } n ? ulong.Parse(n[1..]) : 10UL, c.NMax);
            Assert.Equal(Last('t') is { } t ? ulong.Parse(t[1..]) : 0UL, c.TMax);
            string[] inst = lines.Where(l => l.Length > 0 && "+-eE".Contains(l[0])).ToArray();
            Assert.Equal(inst, c.Instructions.Select(i => (char)i.Kind + Encoding.Latin1.GetString(i.Pattern)).ToArray());
            string? p = lines.LastOrDefault(l => l.Length > 1 && l[0] == 'p');
            Assert.Equal(p == null ? "" : p[1..], Encoding.UTF8.GetString(c.Prefix));
        }, iter: 2000);
    }

    [Fact]
    public void ConfigUdp()
    {
        LogConfig c = LogConfig.Parse(B("u10.0.0.1:2000\n"));
        Assert.Equal(new byte[] { 10, 0, 0, 1 }, BitConverter.GetBytes(c.UdpAddr));
        Assert.Equal(2000, (ushort)((c.UdpPort >> 8) | (c.UdpPort << 8)));
        Assert.False(c.UdpOnly);
        c = LogConfig.Parse(B("U1.2.3.4\n"));
        Assert.True(c.UdpOnly);
        Assert.Equal(514, (ushort)((c.UdpPort >> 8) | (c.UdpPort << 8)));
        c = LogConfig.Parse(B("u1.2.3\n"));
        Assert.Equal(0, c.UdpPort);
        Assert.Single(c.Warnings);
    }

    /// <summary>Fuzz-style: random bytes, and random lines built from config syntax, never crash the parser.</summary>
    [Fact]
    public void ConfigParserNeverThrows()
    {
        Gen.Byte.Array[0, 300].Sample(bytes => { LogConfig.Parse(bytes); }, iter: 20000);
        Gen.Char["sSnNtu U!pe+E-#0123456789.:kmh\n\0\xff"].Array[0, 200]
            .Sample(chars => { LogConfig.Parse(Encoding.Latin1.GetBytes(chars)); }, iter: 20000);
    }

    /// <summary>The published binary survives random configs too, and still logs every line.</summary>
    [Fact]
    public void RandomConfigsNeverCrashTheBinary()
    {
        Gen.Char["snNtuU!pe+-E*#019.:km\n\0"].Array[0, 40].Where(c => !c.Contains('!') && !c.Contains('U') && !c.Contains('u'))
            .Sample(chars =>
            {
                using var t = new TempDir("svlogd");
                Directory.CreateDirectory(t["log"]);
                File.WriteAllBytes(t["log/config"], Encoding.Latin1.GetBytes(chars));
                CmdResult r = SvlogdRun.Run(SvlogdRun.R, t.Path, SvlogdRun.Lines("one", "two"), [], "log");
                Assert.Equal(0, r.ExitCode);
            }, iter: 40, threads: 1);
    }
}
