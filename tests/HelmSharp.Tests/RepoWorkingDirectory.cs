namespace HelmSharp.Tests;

/// <summary>
/// Runs code with the repository root as the working directory, as helm ran when the goldens were made: the CLI
/// and the library then see the same relative chart paths helm saw. One lock for every test that does it (the
/// working directory is process-wide).
/// </summary>
internal static class RepoWorkingDirectory
{
    private static readonly object s_lock = new();

    /// <summary>The repository root (the directory holding HelmSharp.sln).</summary>
    public static string Root => Conformance.Corpus.RepoRoot;

    /// <summary>Runs <paramref name="body"/> in the repository root and returns what it returns.</summary>
    public static T Run<T>(Func<T> body)
    {
        lock (s_lock)
        {
            var saved = Environment.CurrentDirectory;
            try
            {
                Environment.CurrentDirectory = Root;
                return body();
            }
            finally
            {
                Environment.CurrentDirectory = saved;
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> in the repository root.</summary>
    public static void Run(Action body) => Run(() => { body(); return 0; });

    /// <summary>Runs the CLI with <paramref name="argv"/> in the repository root: exit code, stdout, stderr.</summary>
    public static (int Exit, string Out, string Err) Cli(params string[] argv) => Run(() =>
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = HelmSharp.Cli.Program.Run(argv, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    });
}
