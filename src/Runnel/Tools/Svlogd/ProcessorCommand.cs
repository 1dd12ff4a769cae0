using System;
using System.Buffers;

namespace Runnel.Tools.Svlogd;

/// <summary>
/// svlogd runs a processor as `sh -c processor` once per rotation. A
/// processor that is a plain command (words of ordinary characters, no
/// quoting, expansion, redirection, assignment, shell keyword or builtin)
/// means the same to sh as to execvp, so runnel execs it directly and spares
/// a shell start per rotation (bash does the same for `bash -c cmd`); anything else, and any failure to start it
/// directly, still goes through sh, with sh's messages.
/// </summary>
internal static class ProcessorCommand
{
    private static readonly SearchValues<char> s_plain =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./,:+%@=- ");

    // Builtins and reserved words of dash and of bash (either may be /bin/sh):
    // sh would not exec a program of that name.
    private static readonly string[] s_shellWords =
    [
        "alias", "bg", "break", "cd", "chdir", "command", "continue", "echo", "eval", "exec", "exit",
        "export", "false", "fc", "fg", "getopts", "hash", "jobs", "kill", "local", "printf", "pwd",
        "read", "readonly", "return", "set", "shift", "test", "times", "trap", "true", "type",
        "ulimit", "umask", "unalias", "unset", "wait", "case", "do", "done", "elif", "else", "esac",
        "fi", "for", "if", "in", "then", "until", "while", ".", ":",
        "time", "function", "select", "coproc", "let", "source", "declare", "typeset", "shopt",
        "builtin", "caller", "compgen", "complete", "compopt", "dirs", "disown", "enable", "help",
        "history", "logout", "mapfile", "popd", "pushd", "readarray", "suspend", "bind",
    ];

    /// <summary>The argv to exec for <paramref name="command"/>, or null when it needs sh.</summary>
    internal static string[]? DirectArgv(string command)
    {
        if (command.AsSpan().ContainsAnyExcept(s_plain)) return null;
        // Without PATH, sh and posix_spawnp search different default lists.
        if (command.IndexOf('/') < 0 && Posix.PathExec.Get("PATH"u8) == null) return null;
        string[] words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words[0].Contains('=') || Array.IndexOf(s_shellWords, words[0]) >= 0) return null;
        return words;
    }
}
