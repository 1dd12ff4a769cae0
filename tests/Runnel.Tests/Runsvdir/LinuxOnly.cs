// The test project runs on Linux only; this silences CA1416 (platform checks)
// for the whole assembly. The attribute allows duplicates, should another area add it too.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
