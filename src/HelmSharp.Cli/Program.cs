namespace HelmSharp.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("helmsharp: not implemented yet");
        return 1;
    }
}
