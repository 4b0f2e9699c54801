namespace GenNet.Tests;

/// <summary>Where the repository is, for tests that read committed files outside the test project or build from it.</summary>
internal static class Repository
{
    /// <summary>The folder holding GenNet.sln, found upwards from the test assembly.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "GenNet.sln")))
                return directory.FullName;
        throw new InvalidOperationException("GenNet.sln not found above " + AppContext.BaseDirectory);
    }
}
