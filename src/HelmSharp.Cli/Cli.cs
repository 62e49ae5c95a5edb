using System.Text;

namespace HelmSharp.Cli;

/// <summary>What a command gets when it runs: its parsed flags and positionals, the helm major and the output streams.</summary>
internal sealed record Invocation(FlagParser.Result Flags, int HelmMajor, TextWriter Stdout, TextWriter Stderr, bool CompiledCache);

/// <summary>
/// A subcommand of <c>helmsharp</c>, described as cobra describes commands (what <c>--help</c> prints is built from
/// this). A new command registers by adding one of these to <see cref="Program.Commands"/>.
/// </summary>
internal sealed class CliCommand
{
    /// <summary>The command name (<c>template</c>).</summary>
    public required string Name { get; init; }
    /// <summary>cobra's <c>Use</c> after the name (<c>[NAME] [CHART]</c>).</summary>
    public string Args { get; init; } = "";
    /// <summary>The one-line description in the root's command list.</summary>
    public required string Short { get; init; }
    /// <summary>helm 3's one-line description, where it differs from <see cref="Short"/>.</summary>
    public string? ShortHelm3 { get; init; }
    /// <summary>The one-line description for the helm major.</summary>
    public string ShortFor(int major) => major == 3 && ShortHelm3 != null ? ShortHelm3 : Short;
    /// <summary>The long description for the helm major (null: <see cref="Short"/>).</summary>
    public Func<int, string?> Long { get; init; } = _ => null;
    /// <summary>The command's own flags (the global ones and <c>-h/--help</c> are added).</summary>
    public required IReadOnlyList<FlagSpec> Flags { get; init; }
    /// <summary>Runs the command with its parsed flags; returns the exit code.</summary>
    public Func<Invocation, int>? Run { get; init; }
    /// <summary>
    /// For a command that parses its own arguments: runs it with the arguments after the command name (global flags
    /// included), once <c>-h/--help</c> has been handled; returns the exit code.
    /// </summary>
    public Func<IReadOnlyList<string>, TextWriter, TextWriter, int>? RunArgs { get; init; }
}

/// <summary>Help and usage texts laid out as cobra and pflag lay them out (helm's help, with helmsharp's commands and flags).</summary>
internal static class CliHelp
{
    public const string ProgramName = "helmsharp";

    /// <summary>The <c>-h/--help</c> flag every command has.</summary>
    public static FlagSpec HelpFlag(string commandName) => new("help", 'h', FlagKind.Bool, "help for " + commandName);

    /// <summary>An embedded text (<c>Help/NAME.txt</c>).</summary>
    public static string Text(string name)
    {
        using var s = typeof(CliHelp).Assembly.GetManifestResourceStream("HelmSharp.Cli.Help." + name + ".txt")
            ?? throw new InvalidOperationException("missing help text " + name);
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    /// <summary>What <c>helmsharp --help</c> prints (<paramref name="withHelpFlag"/> false: cobra's root usage after an unknown help topic, before the help flag exists).</summary>
    public static string Root(IReadOnlyList<CliCommand> commands, IReadOnlyList<FlagSpec> globals, int major, bool withLong = true, bool withHelpFlag = true)
    {
        var sb = new StringBuilder();
        if (withLong) sb.Append(TrimTrailing(Text("root"))).Append("\n\n");
        sb.Append("Usage:\n  ").Append(ProgramName).Append(" [command]\n\nAvailable Commands:");
        var list = commands.Select(c => (c.Name, c.ShortFor(major))).Append(("help", "Help about any command")).OrderBy(c => c.Item1, StringComparer.Ordinal).ToList();
        int pad = Math.Max(11, list.Max(c => c.Item1.Length));
        foreach (var (name, desc) in list) sb.Append("\n  ").Append(name.PadRight(pad)).Append(' ').Append(desc);
        var flags = withHelpFlag ? globals.Append(HelpFlag(ProgramName)) : globals;
        sb.Append("\n\nFlags:\n").Append(FlagUsages(flags, major));
        sb.Append("\n\nUse \"").Append(ProgramName).Append(" [command] --help\" for more information about a command.\n");
        return sb.ToString();
    }

    /// <summary>What <c>helmsharp COMMAND --help</c> prints.</summary>
    public static string Command(CliCommand command, IReadOnlyList<FlagSpec> globals, int major)
    {
        var sb = new StringBuilder();
        sb.Append(TrimTrailing(command.Long(major) ?? command.ShortFor(major))).Append("\n\n");
        sb.Append("Usage:\n  ").Append(UseLine(command));
        sb.Append("\n\nFlags:\n").Append(FlagUsages(command.Flags.Append(HelpFlag(command.Name)), major));
        sb.Append("\n\nGlobal Flags:\n").Append(FlagUsages(globals, major)).Append('\n');
        return sb.ToString();
    }

    /// <summary>What <c>helmsharp help help</c> prints.</summary>
    public static string HelpCommand(IReadOnlyList<FlagSpec> globals, int major) =>
        "Help provides help for any command in the application.\nSimply type " + ProgramName + " help [path to command] for full details.\n\n"
        + "Usage:\n  " + ProgramName + " help [command] [flags]\n\nFlags:\n" + FlagUsages([HelpFlag("help")], major)
        + "\n\nGlobal Flags:\n" + FlagUsages(globals, major) + "\n";

    /// <summary>cobra's <c>UseLine</c>: <c>helmsharp template [NAME] [CHART] [flags]</c>.</summary>
    public static string UseLine(CliCommand command) =>
        ProgramName + " " + command.Name + (command.Args.Length > 0 ? " " + command.Args : "") + " [flags]";

    /// <summary>
    /// pflag's <c>FlagUsages</c>: sorted by name, hidden flags left out, descriptions aligned two columns after the longest
    /// flag (<c>-s, --name type[=optional]</c>), <c>(default …)</c> for non-zero defaults, trailing white space trimmed.
    /// </summary>
    public static string FlagUsages(IEnumerable<FlagSpec> flags, int major)
    {
        var lines = new List<(string Left, string Usage)>();
        foreach (var f in flags.Where(f => f.AppliesTo(major) && !f.Hidden).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var left = f.Short is char c ? $"  -{c}, --{f.Name}" : $"      --{f.Name}";
            var varName = f.VarName ?? f.Kind switch
            {
                FlagKind.Bool => "",
                FlagKind.String => "string",
                FlagKind.StringArray => "stringArray",
                FlagKind.StringSlice => "strings",
                _ => "string",
            };
            if (varName.Length > 0) left += " " + varName;
            if (f.NoOptDefault != null) left += varName == "string" ? $"[=\"{f.NoOptDefault}\"]" : $"[={f.NoOptDefault}]";
            var usage = f.Usage ?? "";
            if (f.DefaultText != null) usage += " (default " + f.DefaultText + ")";
            lines.Add((left, usage));
        }
        int maxLen = lines.Count == 0 ? 0 : lines.Max(l => l.Left.Length) + 1;
        var sb = new StringBuilder();
        foreach (var (left, usage) in lines)
            sb.Append(left).Append(' ').Append(' ', maxLen - left.Length).Append(' ').Append(usage).Append('\n');
        return TrimTrailing(sb.ToString());
    }

    private static string TrimTrailing(string s) => s.TrimEnd(' ', '\t', '\n', '\r', '\v', '\f');
}
