namespace HelmSharp.Cli;

/// <summary>The sample renderer's entry point.</summary>
public static class Program
{
    /// <summary>Runs the CLI with <paramref name="args"/>, writing to the given streams; returns the exit code (helm's).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("Error: not implemented yet");
        return 1;
    }

    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);
}
