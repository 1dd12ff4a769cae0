// The tests run on Linux only; this silences CA1416 for File.SetUnixFileMode and friends.
// (SupportedOSPlatform allows several instances, so other folders may declare it too.)
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
