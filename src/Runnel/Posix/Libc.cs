using System.Runtime.InteropServices;

namespace Runnel.Posix;

/// <summary>
/// Raw libc bindings. One file per syscall family (Libc.*.cs); callers check
/// the return value and read <see cref="Errno"/>. Linked directly
/// (DirectPInvoke) in the NativeAOT build, so no dlopen is needed at PID 1.
/// </summary>
internal static unsafe partial class Libc
{
    internal const string Name = "libc";

    /// <summary>errno of the last call made through these bindings.</summary>
    internal static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>Restores errno after cleanup calls, so the caller reports the first failure.</summary>
    internal static void SetErrno(int e) => Marshal.SetLastPInvokeError(e);
}
