using System.IO;
using System.Linq;
using Runnel.Tests.Infra;
using Runnel.Tools.Svlogd;
using Xunit;
using static Runnel.Tests.Svlogd.SvlogdRun;

namespace Runnel.Tests.Svlogd;

/// <summary>Plain processors are exec'ed without sh; everything else still goes through sh, with C's results.</summary>
public class SvlogdProcessorTests
{
    [Theory]
    [InlineData("cat", new[] { "cat" })]
    [InlineData("gzip -9", new[] { "gzip", "-9" })]
    [InlineData("  tr  a-z A-Z ", new[] { "tr", "a-z", "A-Z" })]
    [InlineData("./proc --level=3 x,y:z+1%@", new[] { "./proc", "--level=3", "x,y:z+1%@" })]
    public void PlainCommandsRunDirectly(string command, string[] argv) =>
        Assert.Equal(argv, ProcessorCommand.DirectArgv(command));

    [Theory]
    [InlineData("tr a-z A-Z; cat <&4 >&5")]
    [InlineData("cat | gzip")]
    [InlineData("gzip > x")]
    [InlineData("echo x")]          // a builtin: sh's echo, not /bin/echo
    [InlineData("test -e x")]
    [InlineData("exec cat")]
    [InlineData("time gzip")]       // a bash keyword, if bash is /bin/sh
    [InlineData(". ./script")]
    [InlineData("if")]
    [InlineData("LC_ALL=C sort")]   // an assignment
    [InlineData("cat $HOME")]
    [InlineData("cat ~/x")]
    [InlineData("cat *.log")]
    [InlineData("cat 'x'")]
    [InlineData("cat \"x\"")]
    [InlineData("cat x\\ y")]
    [InlineData("cat `x`")]
    [InlineData("cat # comment")]
    [InlineData("cat\tx")]
    [InlineData("cat & ")]
    [InlineData("(cat)")]
    [InlineData("{ cat; }")]
    [InlineData("! cat")]
    [InlineData("")]
    [InlineData("   ")]
    public void AnythingElseGoesThroughSh(string command) => Assert.Null(ProcessorCommand.DirectArgv(command));

    /// <summary>A direct processor is svlogd's own child; a builtin one runs in sh.</summary>
    [Fact]
    public void DirectProcessorIsSvlogdsChild()
    {
        using var t = new TempDir("svlogd");
        Directory.CreateDirectory(t["log"]);
        File.WriteAllText(t["log/who"], "#!/bin/sh\ncat\ncat /proc/$PPID/comm\n");
        File.SetUnixFileMode(t["log/who"], (UnixFileMode)0b111_101_101);
        File.WriteAllText(t["log/config"], "s100\nn100\n!./who\n");
        Run(R, t.Path, Realistic(20), [], "log");
        string[] done = Directory.GetFiles(t["log"], "@*.s");
        Assert.True(done.Length > 2);
        Assert.All(done, f => Assert.EndsWith("svlogd\n", File.ReadAllText(f))); // not "sh"
    }

    /// <summary>
    /// A script without #! cannot be exec'ed (ENOEXEC): sh runs it, as for C;
    /// a processor that is not found fails in sh with sh's message.
    /// </summary>
    [Fact]
    public void ScriptWithoutShebangFallsBackToSh()
    {
        foreach (string tool in new[] { C, R })
        {
            using var t = new TempDir("svlogd");
            Directory.CreateDirectory(t["log"]);
            File.WriteAllText(t["log/up"], "tr a-z A-Z\n");
            File.SetUnixFileMode(t["log/up"], (UnixFileMode)0b111_101_101);
            File.WriteAllText(t["log/config"], "s100\nn100\n!./up\n");
            Run(tool, t.Path, Realistic(20), [], "log");
            string[] done = Directory.GetFiles(t["log"], "@*.s");
            Assert.True(done.Length > 2, tool);
            Assert.All(done, f => Assert.Equal(File.ReadAllText(f), File.ReadAllText(f).ToUpperInvariant()));
            Assert.Contains(done, f => File.ReadAllText(f).Contains("SVC"));
        }
    }

    [Fact]
    public void DirectProcessorMatchesC()
    {
        const string cfg = "s300\nn100\n!tr a-z A-Z\n";
        LogResult c = Once(C, Realistic(60), cfg);
        LogResult r = Once(R, Realistic(60), cfg);
        Assert.Equal(c.ToString(), r.ToString());
        Assert.True(r.Old.Count(o => o.Suffix == ".s") > 5);
    }
}
