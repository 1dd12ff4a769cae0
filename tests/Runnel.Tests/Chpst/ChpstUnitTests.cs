using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using Runnel.Tools.Chpst;
using Xunit;

namespace Runnel.Tests.Chpst;

/// <summary>The parsers: getopt, numeric uid/gids, envdir values, scan_ulong.</summary>
public class ChpstUnitTests
{
    private static byte[][] Argv(params string[] a) => a.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();

    private static List<string> Opts(string spec, params string[] argv)
    {
        var g = new Getopt(Argv(argv));
        var seen = new List<string>();
        int o;
        while ((o = g.Next(spec)) != Getopt.Done)
            seen.Add((char)o + Encoding.UTF8.GetString(g.Arg));
        seen.Add("@" + g.Index);
        return seen;
    }

    [Fact]
    public void GetoptLikeRunitsSgetopt()
    {
        Assert.Equal(new[] { "uroot", "v", "P", "@4" }, Opts("u:vP", "x", "-u", "root", "-vP", "prog"));
        Assert.Equal(new[] { "uroot", "@2" }, Opts("u:vP", "x", "-uroot", "prog"));
        Assert.Equal(new[] { "v", "@3" }, Opts("u:vP", "x", "-v", "--", "-P"));
        Assert.Equal(new[] { "@1" }, Opts("u:vP", "x", "-", "-v"));
        Assert.Equal(new[] { "v", "@2" }, Opts("u:vP", "x", "-v", "prog", "-P"));
        Assert.Equal(new[] { "/r", "@3" }, Opts("/:", "x", "-/", "r"));
        Assert.Equal(new[] { "@1" }, Opts("u:", "x"));
    }

    [Fact]
    public void GetoptPropertyOptionsBeforeTheFirstOperand()
    {
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 3]).Sample((flags, operands) =>
        {
            var argv = new List<string> { "x" };
            for (int i = 0; i < flags; i++) argv.Add("-v");
            for (int i = 0; i < operands; i++) argv.Add("op" + i);
            var seen = Opts("v", argv.ToArray());
            return seen.Count == flags + 1 && seen[^1] == "@" + (flags + 1);
        });
    }

    [Theory]
    [InlineData("12:13", 12u, new uint[] { 13 })]
    [InlineData("0:0:4:27", 0u, new uint[] { 0, 4, 27 })]
    [InlineData("7:", 7u, new uint[] { 0 })]
    [InlineData("4294967296:1", 0u, new uint[] { 1 })]   // wraps to uid_t as C's cast does
    public void NumericUidGids(string spec, uint uid, uint[] gids)
    {
        UidGid? u = UidGid.Numeric(Encoding.ASCII.GetBytes(spec));
        Assert.NotNull(u);
        Assert.Equal(uid, u!.Uid);
        Assert.Equal(gids, u.Gids.Take(u.Count).ToArray());
    }

    [Theory]
    [InlineData("12")]
    [InlineData("abc")]
    [InlineData("1:2x")]
    [InlineData("")]
    public void NumericUidGidsInvalid(string spec) => Assert.Null(UidGid.Numeric(Encoding.ASCII.GetBytes(spec)));

    [Fact]
    public void NumericUidGidsAtMost60Groups()
    {
        string spec = "1:" + string.Join(':', Enumerable.Range(100, 60));
        UidGid? u = UidGid.Numeric(Encoding.ASCII.GetBytes(spec));
        Assert.NotNull(u);
        Assert.Equal(60, u!.Count);
    }

    [Theory]
    [InlineData("value\n", "value")]
    [InlineData("a b \t \nrest", "a b")]
    [InlineData("x\0y\0\n", "x\ny\n")]
    [InlineData("  ", "")]
    [InlineData("no newline", "no newline")]
    public void EnvDirValue(string content, string value)
    {
        var sa = new List<byte>(Encoding.UTF8.GetBytes(content));
        Assert.Equal(value, Encoding.UTF8.GetString(EnvDir.Value(sa)!));
    }

    [Fact]
    public void EnvDirEmptyFileRemoves() => Assert.Null(EnvDir.Value(new List<byte>()));

    [Fact]
    public void EnvDirValueProperty()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            var sa = new List<byte>(bytes);
            byte[]? v = EnvDir.Value(sa);
            if (bytes.Length == 0) return v == null;
            return v != null && !v.Contains((byte)0) && (v.Length == 0 || (v[^1] != ' ' && v[^1] != '\t'))
                && v.Length <= bytes.Length && !bytes.Take(v.Length).Contains((byte)'\n');
        });
    }

    [Theory]
    [InlineData("123", 123ul, 3)]
    [InlineData("12ab", 12ul, 2)]
    [InlineData("", 0ul, 0)]
    [InlineData("18446744073709551616", 0ul, 20)]
    public void ScanUlong(string s, ulong value, int len)
    {
        Assert.Equal(len, Runnel.Common.Scan.ULong(Encoding.ASCII.GetBytes(s), out ulong v));
        Assert.Equal(value, v);
    }

    [Fact]
    public void PrognameDropsOneLeadingD()
    {
        Assert.Equal("envdir", Encoding.ASCII.GetString(ChpstTool.Progname(Encoding.ASCII.GetBytes("/x/denvdir"))));
        Assert.Equal("chpst", Encoding.ASCII.GetString(ChpstTool.Progname(Encoding.ASCII.GetBytes("chpst"))));
    }
}
