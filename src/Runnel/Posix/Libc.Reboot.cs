using System.Runtime.InteropServices;

namespace Runnel.Posix;

internal static unsafe partial class Libc
{
    // <sys/reboot.h> commands (glibc's reboot(int) passes them as LINUX_REBOOT_CMD_*).
    internal const int RB_AUTOBOOT = 0x01234567, RB_HALT_SYSTEM = unchecked((int)0xcdef0123),
        RB_POWER_OFF = 0x4321fedc, RB_DISABLE_CAD = 0, RB_ENABLE_CAD = unchecked((int)0x89abcdef);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int reboot(int howto);

    [LibraryImport(Name)]
    internal static partial void sync();
}
