using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Packaging;

/// <summary>runnel's own man pages (man/*.8): clean under groff and mandoc, and every option of every usage line documented.</summary>
public class ManPageTests
{
    private static string Page(string name) => Path.Combine(Paths.RepoRoot, "man", name + ".8");

    public static TheoryData<string> Pages()
    {
        var d = new TheoryData<string>();
        foreach (string p in Directory.GetFiles(Path.Combine(Paths.RepoRoot, "man")).Order())
            d.Add(Path.GetFileName(p));
        return d;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void GroffFormatsItWithoutWarnings(string page)
    {
        string p = Path.Combine(Paths.RepoRoot, "man", page);
        // 78 columns (man in an 80-column terminal) and a narrow 60.
        foreach (string ll in new[] { "78n", "60n" })
        {
            CmdResult r = Cmd.Run("groff", "-man", "-Tutf8", "-ww", "-z", "-rLL=" + ll, p);
            Assert.True(r.ExitCode == 0 && r.Stderr == "", $"{page} at {ll}: {r}");
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void MandocLintIsClean(string page)
    {
        CmdResult r = Cmd.Run("mandoc", "-Tlint", "-Wall", Path.Combine(Paths.RepoRoot, "man", page));
        Assert.True(r.ExitCode == 0 && r.Stdout == "" && r.Stderr == "", $"{page}: {r}");
    }

    [Fact]
    public void EveryToolHasAPage()
    {
        foreach (string t in new[] { "runnel", "runit", "runit-init", "runsvdir", "runsv", "sv", "svlogd", "chpst", "utmpset", "runsvchdir" })
            Assert.True(File.Exists(Page(t)), $"man/{t}.8 missing");
    }

    /// <summary>The option letters of a usage line: every character of each "-xyz" word (e.g. [-vVP012], [-l|-L lock], -/).</summary>
    internal static IEnumerable<char> OptionLetters(string usage) =>
        Regex.Matches(usage, @"(?<=[\[ |])-([A-Za-z0-9/]+)").SelectMany(m => m.Groups[1].Value).Distinct();

    /// <summary>The tool's own usage line, from running it without arguments.</summary>
    private static string Usage(string tool)
    {
        CmdResult r = Cmd.Run(Paths.Tool(tool));
        string line = r.Stderr.Split('\n').First(l => l.StartsWith("usage: ", StringComparison.Ordinal));
        return line;
    }

    [Theory]
    [InlineData("runsv", "runsv")]
    [InlineData("runsvdir", "runsvdir")]
    [InlineData("sv", "sv")]
    [InlineData("svlogd", "svlogd")]
    [InlineData("chpst", "chpst")]
    [InlineData("envdir", "chpst")]
    [InlineData("envuidgid", "chpst")]
    [InlineData("pgrphack", "chpst")]
    [InlineData("setuidgid", "chpst")]
    [InlineData("softlimit", "chpst")]
    [InlineData("setlock", "chpst")]
    [InlineData("runit-init", "runit-init")]
    [InlineData("utmpset", "utmpset")]
    [InlineData("runsvchdir", "runsvchdir")]
    public void EveryOptionOfTheUsageLineIsDocumented(string tool, string page)
    {
        string usage = Usage(tool);
        string text = File.ReadAllText(Page(page));
        foreach (char c in OptionLetters(usage))
            Assert.True(Regex.IsMatch(text, @"\\-" + Regex.Escape(c.ToString()) + @"(?![A-Za-z0-9])"),
                $"-{c} of `{usage}` not in man/{page}.8");
        // The personalities are documented by name in chpst.8.
        if (page != tool) Assert.Contains(".BI " + tool + " ", text);
    }

    [Fact]
    public void OptionLettersAreReadFromUsageLines()
    {
        Assert.Equal("tvrRlb", string.Concat(OptionLetters("usage: svlogd [-ttv] [-r c] [-R abc] [-l len] [-b buflen] dir ...")));
        Assert.Equal("vVP012uUbe/CnlLmdopfct", string.Concat(OptionLetters(Usage("chpst"))));
        Assert.Equal("nNxX", string.Concat(OptionLetters("usage: setlock [ -nNxX ] file program [ arg ... ]")));
    }

    [Fact]
    public void RunnelPageHasItsOptions()
    {
        string text = File.ReadAllText(Page("runnel"));
        foreach (string o in new[] { @"\-V", @"\-\-version", @"\-h", @"\-\-help" })
            Assert.Contains(o, text);
        CmdResult r = Cmd.Run(Paths.Tool("runnel"));
        string tools = r.Stderr.Split('\n').First(l => l.StartsWith("tools: ", StringComparison.Ordinal));
        foreach (string t in tools["tools: ".Length..].Split(' '))
            Assert.Contains(t.Replace("-", @"\-"), text);
    }
}
