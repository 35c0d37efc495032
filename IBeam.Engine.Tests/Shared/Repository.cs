namespace IBeam.Engine.Tests.Shared;

/// <summary>Files of the repository the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IBeam.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("IBeam.sln not found above " + AppContext.BaseDirectory);
    }
}
