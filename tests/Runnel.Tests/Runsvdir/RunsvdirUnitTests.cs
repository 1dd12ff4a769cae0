using System;
using System.Text;
using CsCheck;
using Runnel.Tools.Runsvdir;
using Xunit;

namespace Runnel.Tests.Runsvdir;

public sealed class RunsvdirUnitTests
{
    /// <summary>runit's loop, byte by byte: the window after the 5 fixed bytes scrolls left.</summary>
    private static byte[] CScroll(byte[] log, byte[] input)
    {
        byte[] r = (byte[])log.Clone();
        foreach (byte ch in input)
        {
            if (ch == 0) continue;
            for (int i = 6; i < r.Length; i++) r[i - 1] = r[i];
            r[^1] = ch;
        }
        return r;
    }

    [Fact]
    public void Scroll_matches_runits_byte_by_byte_shift()
    {
        Gen.Select(Gen.Byte.Array[7, 80], Gen.Byte.Array[0, 200]).Sample((log, input) =>
        {
            byte[] want = CScroll(log, input);
            byte[] got = (byte[])log.Clone();
            Span<byte> window = got.AsSpan(ProcTitle.Fixed);
            ProcTitle.PutInto(window, input);
            Assert.Equal(want, got);
        });
    }

    [Fact]
    public void Arg_start_is_field_48_even_with_spaces_and_parens_in_comm()
    {
        var sb = new StringBuilder("1234 (a) b (c) S");
        for (int f = 4; f <= 52; f++) sb.Append(' ').Append(f == 48 ? "140737488347000" : f.ToString());
        sb.Append('\n');
        Assert.True(ProcTitle.ParseArgStart(Encoding.ASCII.GetBytes(sb.ToString()), out ulong start));
        Assert.Equal(140737488347000UL, start);
        Assert.False(ProcTitle.ParseArgStart("1 (x) S 1 2"u8, out _));
    }

    [Fact]
    public unsafe void Program_invocation_name_is_where_proc_says_argv_starts()
    {
        string stat = System.IO.File.ReadAllText("/proc/self/stat");
        Assert.True(ProcTitle.ParseArgStart(Encoding.ASCII.GetBytes(stat), out ulong start));
        Assert.Equal(start, (ulong)ProcTitle.InvocationName());
    }

    [Theory]
    [InlineData(new string[0], false, false, "", -1)]
    [InlineData(new[] { "-P" }, false, true, "", -1)]
    [InlineData(new[] { "--" }, false, false, "", -1)]
    [InlineData(new[] { "dir" }, true, false, "dir", -1)]
    [InlineData(new[] { "-P", "dir", "log: ...." }, true, true, "dir", 2)]
    [InlineData(new[] { "-Pxyz", "dir" }, true, true, "dir", -1)]
    [InlineData(new[] { "--", "-P" }, true, false, "-P", -1)]
    [InlineData(new[] { "-x", "dir" }, true, false, "-x", 1)]
    [InlineData(new[] { "-", "dir", "log", "extra" }, true, false, "-", 1)]
    public void Parses_arguments_as_runit(string[] args, bool ok, bool setsid, string dir, int log)
    {
        Assert.Equal(ok, RunsvdirTool.Parse(args, out bool p, out string d, out int l));
        if (!ok) return;
        Assert.Equal(setsid, p);
        Assert.Equal(dir, d);
        Assert.Equal(log, l);
    }

    [Theory]
    [InlineData(null, 1000)]
    [InlineData("", 1000)]
    [InlineData("0", 1000)]
    [InlineData("-5", 1000)]
    [InlineData("junk", 1000)]
    [InlineData("20000", 20000)]
    public void RUNSVDIR_MAX_raises_the_limit(string? env, int want) =>
        Assert.Equal(want, RunsvdirTool.MaxServices(env));
}
