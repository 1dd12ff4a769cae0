using System;
using Runnel.Posix;

namespace Runnel.Tools.Chpst;

/// <summary>The process-state changes chpst and its personalities make before exec, with C chpst's messages.</summary>
internal static unsafe class ProcState
{
    internal const string Fatal = "chpst: fatal: ";
    internal const string Warning = "chpst: warning: ";

    internal static void Die(string m) => Msg.DieSys(111, Libc.Errno, Fatal, m, ": ");

    internal static void Die2(string m, byte[] what) => Msg.DieSys(111, Libc.Errno, Fatal, m, ": ", what, ": ");

    internal static void DieX(string m, byte[] what) => Msg.Die(111, Fatal, m, ": ", what);

    private static UidGid Resolve(byte[] user, bool ext)
    {
        int errno;
        if (ext)
        {
            UidGid? u = UidGid.LookupExt(user, out errno);
            if (u != null) return u;
            if (user.Length > 0 && user[0] == ':') DieX("invalid uid/gids", user[1..]);
            if (errno != 0) Msg.DieSys(111, errno, Fatal, "unable to get password/group file entry: ");
            DieX("unknown user/group", user);
        }
        else
        {
            UidGid? u = UidGid.Lookup(user, out errno);
            if (u != null) return u;
            if (errno != 0) Msg.DieSys(111, errno, Fatal, "unable to get password file entry: ");
            DieX("unknown account", user);
        }
        throw new InvalidOperationException();
    }

    /// <summary>suidgid: supplementary groups set to exactly the listed ones, then gid, then uid.</summary>
    internal static void SetUser(byte[] user, bool ext)
    {
        UidGid u = Resolve(user, ext);
        fixed (uint* g = u.Gids)
            if (Libc.setgroups((nuint)u.Count, g) == -1) Die("unable to setgroups");
        if (Libc.setgid(u.Gids[0]) == -1) Die("unable to setgid");
        if (Libc.setuid(u.Uid) == -1) Die("unable to setuid");
    }

    /// <summary>euidgid: $GID and $UID for the program.</summary>
    internal static void EnvUser(byte[] user, bool ext)
    {
        UidGid u = Resolve(user, ext);
        PathExec.Env("GID"u8.ToArray(), Bytes.Decimal(u.Gids[0]));
        PathExec.Env("UID"u8.ToArray(), Bytes.Decimal(u.Uid));
    }

    /// <summary>slock: the lock fd stays open (no close-on-exec) so the program holds the lock.</summary>
    internal static void Lock(byte[] file, bool wait, bool quietFail)
    {
        int fd;
        fixed (byte* p = Z(file))
            fd = Libc.open(p, Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_APPEND | Libc.O_CREAT, 384);
        if (fd == -1) LockFail("unable to open lock", file, quietFail);
        if (Libc.flock(fd, wait ? Libc.LOCK_EX : Libc.LOCK_EX | Libc.LOCK_NB) == -1)
            LockFail("unable to lock", file, quietFail);
    }

    private static void LockFail(string m, byte[] file, bool quiet)
    {
        if (!quiet) Die2(m, file);
        Libc._exit(0);
    }

    internal static byte[] Z(byte[] s)
    {
        byte[] z = new byte[s.Length + 1];
        s.CopyTo(z, 0);
        return z;
    }
}
