using System.Collections.Generic;
using System.IO;
using System.Linq;
using Runnel.Tests.Infra;
using Xunit;

namespace Runnel.Tests.Packaging;

/// <summary>
/// The bash completion for sv (packaging/completion/sv.bash, shipped as
/// /usr/share/bash-completion/completions/sv): sourced in bash, the completion
/// function is called with COMP_WORDS/COMP_CWORD as bash would.
/// </summary>
public sealed class CompletionTests : System.IDisposable
{
    private static readonly string Script = Path.Combine(Paths.RepoRoot, "packaging", "completion", "sv.bash");
    private readonly TempDir _svdir = new("runnel-svdir-compl");

    public CompletionTests()
    {
        foreach (string d in new[] { "sshd", "cron", "my svc", ".hidden" })
            Directory.CreateDirectory(_svdir[d]);
        Directory.CreateDirectory(_svdir["../" + Path.GetFileName(_svdir.Path) + "-target"]);
        File.CreateSymbolicLink(_svdir["linked"], _svdir.Path + "-target");
        File.WriteAllText(_svdir["README"], "not a service");
    }

    public void Dispose()
    {
        Directory.Delete(_svdir.Path + "-target");
        _svdir.Dispose();
    }

    /// <summary>Completes the last of <paramref name="words"/> (the word under the cursor, maybe empty).</summary>
    private List<string> Complete(string? svdir, params string[] words)
    {
        var env = new Dictionary<string, string?> { ["SVDIR"] = svdir };
        const string body = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); " +
            "_runnel_sv; printf '%s\\n' \"${COMPREPLY[@]}\"";
        CmdResult r = Cmd.Run("/bin/bash", new[] { "-c", body, "bash", Script }.Concat(words), cwd: _svdir.Path, env: env);
        Assert.True(r.ExitCode == 0 && r.Stderr == "", r.ToString());
        return r.Stdout.Split('\n').Where(l => l.Length > 0).Order(System.StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void RegistersForSv()
    {
        CmdResult r = Cmd.Run("/bin/bash", "-c", "source \"$1\"; complete -p sv", "bash", Script);
        Assert.Equal("complete -F _runnel_sv sv\n", r.Stdout);
    }

    [Fact]
    public void FirstWordIsEveryCommand()
    {
        List<string> all = Complete(_svdir.Path, "sv", "");
        string[] expect =
        [
            "status", "up", "down", "once", "pause", "cont", "hup", "alarm", "interrupt", "quit", "1", "2", "term", "kill", "exit",
            "start", "stop", "reload", "restart", "shutdown", "force-stop", "force-reload", "force-restart", "force-shutdown",
            "try-restart", "check",
        ];
        Assert.Equal(expect.Order(System.StringComparer.Ordinal), all);
    }

    [Theory]
    [InlineData("st", "start,status,stop")]
    [InlineData("force-", "force-reload,force-restart,force-shutdown,force-stop")]
    [InlineData("re", "reload,restart")]
    [InlineData("x", "")]
    public void CommandsByPrefix(string cur, string expect)
    {
        Assert.Equal(expect, string.Join(",", Complete(_svdir.Path, "sv", cur)));
    }

    [Fact]
    public void OptionsBeforeTheCommand()
    {
        Assert.Equal("-v,-w", string.Join(",", Complete(_svdir.Path, "sv", "-")));
        Assert.Equal("", string.Join(",", Complete(_svdir.Path, "sv", "-w", "")));           // seconds
        Assert.Equal("reload,restart", string.Join(",", Complete(_svdir.Path, "sv", "-w", "5", "re")));
        Assert.Equal("reload,restart", string.Join(",", Complete(_svdir.Path, "sv", "-v", "-w5", "re")));
    }

    [Fact]
    public void ServicesFromSvdirAfterTheCommand()
    {
        // Directories and links to directories; no dot entries, no plain files.
        Assert.Equal("cron,linked,my svc,sshd", string.Join(",", Complete(_svdir.Path, "sv", "status", "")));
        Assert.Equal("sshd", string.Join(",", Complete(_svdir.Path, "sv", "-w", "3", "restart", "ss")));
        // sv takes several services.
        Assert.Equal("cron", string.Join(",", Complete(_svdir.Path, "sv", "up", "sshd", "c")));
        Assert.Equal("my svc", string.Join(",", Complete(_svdir.Path, "sv", "down", "my")));
    }

    [Fact]
    public void PathsCompleteAsDirectories()
    {
        Assert.Equal("./cron,./linked,./my svc,./sshd", string.Join(",", Complete(_svdir.Path, "sv", "status", "./").Where(p => !p.StartsWith("./.", System.StringComparison.Ordinal))));
        Assert.Equal(_svdir.Path + "/sshd", string.Join(",", Complete(_svdir.Path, "sv", "status", _svdir.Path + "/ss")));
    }

    [Fact]
    public void AnEmptyOrMissingSvdirGivesNoServices()
    {
        Assert.Empty(Complete(_svdir["nonexistent"], "sv", "status", ""));
    }

    [Fact]
    public void BashCompletionLoadsItFromItsCompletionsDirectory()
    {
        // As installed: bash-completion finds completions/sv on demand (XDG_DATA_DIRS) and sv completes services.
        using var data = new TempDir("runnel-xdg");
        Directory.CreateDirectory(data["bash-completion/completions"]);
        File.Copy(Script, data["bash-completion/completions/sv"]);
        var env = new Dictionary<string, string?> { ["SVDIR"] = _svdir.Path, ["XDG_DATA_DIRS"] = data.Path, ["BASH_COMPLETION_USER_DIR"] = data["none"] };
        const string body = "source /usr/share/bash-completion/bash_completion; __load_completion sv || exit 3; " +
            "COMP_WORDS=(sv status ss); COMP_CWORD=2; COMP_LINE='sv status ss'; COMP_POINT=${#COMP_LINE}; " +
            "f=$(complete -p sv | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p'); $f sv ss status; printf '%s\\n' \"${COMPREPLY[@]}\"";
        CmdResult r = Cmd.Run("/bin/bash", new[] { "-c", body }, env: env);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("sshd\n", r.Stdout);
    }
}
