using System.Text;
using System.Text.RegularExpressions;

namespace HelmSharp.Tests.Conformance;

/// <summary>Parses <c>.cases</c> files; mirrors <c>parse_cases</c> in scripts/regen-cases.py exactly.</summary>
public static partial class CaseFileParser
{
    private const string Marker = "#### ";

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex NameRegex();

    /// <summary>Reads and parses a case file; <paramref name="sourceName"/> is recorded in each spec.</summary>
    public static List<CaseSpec> ParseFile(string path, string sourceName)
    {
        byte[] raw = File.ReadAllBytes(path);
        string text;
        try { text = new UTF8Encoding(false, true).GetString(raw); }
        catch (DecoderFallbackException e) { throw new FormatException($"{sourceName}: not valid UTF-8: {e.Message}"); }
        return Parse(text, sourceName);
    }

    /// <summary>Parses case-file text. Throws <see cref="FormatException"/> naming file and line on malformed input.</summary>
    public static List<CaseSpec> Parse(string text, string sourceName)
    {
        var lines = new List<string>(text.Split('\n'));
        if (text.EndsWith('\n')) lines.RemoveAt(lines.Count - 1);

        var cases = new List<CaseSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Builder? cur = null;
        string? section = null;
        var buf = new List<string>();
        int bufLine = 0;

        void Flush()
        {
            if (section is null)
            {
                for (int i = 0; i < buf.Count; i++)
                    if (buf[i].Trim().Length != 0)
                        throw new FormatException($"{sourceName}:{bufLine + i}: text outside a section: '{buf[i]}'");
            }
            else
            {
                string content = string.Join('\n', buf);
                if (section == "template") cur!.Template = content;
                else if (section == "values") cur!.Values = content;
                else cur!.Files.Add(new(section[5..], content));
            }
            buf.Clear();
        }

        void Finish()
        {
            if (cur is null) return;
            if (cur.Template is null) throw new FormatException($"{sourceName}:{cur.Line}: case '{cur.Name}' has no template section");
            cases.Add(new CaseSpec(cur.Name, sourceName, cur.Line, cur.Template, cur.Values, cur.Files, cur.Args, cur.Only));
        }

        for (int idx = 0; idx < lines.Count; idx++)
        {
            string line = lines[idx];
            int lineNo = idx + 1;
            if (line.StartsWith("#!", StringComparison.Ordinal)) continue;
            if (!line.StartsWith(Marker, StringComparison.Ordinal))
            {
                if (buf.Count == 0) bufLine = lineNo;
                buf.Add(line);
                continue;
            }
            Flush();
            string marker = line[Marker.Length..];
            int colon = marker.IndexOf(':');
            bool hasArg = colon >= 0;
            string kw = (hasArg ? marker[..colon] : marker).Trim();
            string arg = hasArg ? marker[(colon + 1)..].Trim() : "";
            section = null;
            bufLine = lineNo + 1;
            if (kw == "case" && hasArg)
            {
                if (!NameRegex().IsMatch(arg)) throw new FormatException($"{sourceName}:{lineNo}: bad case name '{arg}'");
                if (!seen.Add(arg)) throw new FormatException($"{sourceName}:{lineNo}: duplicate case name '{arg}'");
                Finish();
                cur = new Builder(arg, lineNo);
                continue;
            }
            if (cur is null) throw new FormatException($"{sourceName}:{lineNo}: marker before the first '#### case:'");
            if ((kw == "template" || kw == "values") && !hasArg)
            {
                if ((kw == "template" ? cur.Template : cur.Values) is not null)
                    throw new FormatException($"{sourceName}:{lineNo}: duplicate {kw} section in case '{cur.Name}'");
                section = kw;
            }
            else if (kw == "file" && hasArg)
            {
                string[] parts = arg.Split('/');
                if (arg.Length == 0 || arg.StartsWith('/') || arg.Contains('\\') || Array.Exists(parts, p => p is "" or "." or ".."))
                    throw new FormatException($"{sourceName}:{lineNo}: bad file path '{arg}'");
                if (cur.Files.Exists(f => f.Key == arg))
                    throw new FormatException($"{sourceName}:{lineNo}: duplicate file '{arg}' in case '{cur.Name}'");
                section = "file:" + arg;
            }
            else if (kw == "args" && hasArg)
            {
                if (cur.Args.Count != 0) throw new FormatException($"{sourceName}:{lineNo}: duplicate args in case '{cur.Name}'");
                try { cur.Args = ShellSplit.Split(arg); }
                catch (FormatException e) { throw new FormatException($"{sourceName}:{lineNo}: bad args: {e.Message}"); }
            }
            else if (kw == "only" && hasArg)
            {
                if (arg is not ("3" or "4")) throw new FormatException($"{sourceName}:{lineNo}: only must be 3 or 4, got '{arg}'");
                cur.Only = arg[0] - '0';
            }
            else
            {
                throw new FormatException($"{sourceName}:{lineNo}: unknown marker '{line}'");
            }
        }
        Flush();
        Finish();
        if (cases.Count == 0) throw new FormatException($"{sourceName}: no cases");
        return cases;
    }

    private sealed class Builder(string name, int line)
    {
        public string Name { get; } = name;
        public int Line { get; } = line;
        public string? Template { get; set; }
        public string? Values { get; set; }
        public List<KeyValuePair<string, string>> Files { get; } = [];
        public List<string> Args { get; set; } = [];
        public int? Only { get; set; }
    }
}

/// <summary>POSIX shell-style word splitting, identical to Python's <c>shlex.split(s)</c> (posix mode, no comments).</summary>
public static class ShellSplit
{
    /// <summary>Splits <paramref name="s"/> into words; throws <see cref="FormatException"/> on an unterminated quote or escape.</summary>
    public static List<string> Split(string s)
    {
        var words = new List<string>();
        var cur = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (inWord) { words.Add(cur.ToString()); cur.Clear(); inWord = false; }
                continue;
            }
            inWord = true;
            if (c == '\\')
            {
                if (++i >= s.Length) throw new FormatException("No escaped character");
                cur.Append(s[i]);
            }
            else if (c == '\'')
            {
                int end = s.IndexOf('\'', i + 1);
                if (end < 0) throw new FormatException("No closing quotation");
                cur.Append(s, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '"')
            {
                i++;
                while (true)
                {
                    if (i >= s.Length) throw new FormatException("No closing quotation");
                    char d = s[i];
                    if (d == '"') break;
                    if (d == '\\' && i + 1 < s.Length && (s[i + 1] == '"' || s[i + 1] == '\\')) { cur.Append(s[i + 1]); i += 2; continue; }
                    cur.Append(d);
                    i++;
                }
            }
            else
            {
                cur.Append(c);
            }
        }
        if (inWord) words.Add(cur.ToString());
        return words;
    }
}
