using System.Text;
using HelmSharp.Go;
using HelmSharp.Json;
using HelmSharp.Yaml;

namespace HelmSharp.Lint;

/// <summary>The fields of a manifest helm's lint rules read (<c>rules.k8sYamlStruct</c>).</summary>
internal sealed record K8sObject(string ApiVersion, string Kind, string Name, string Namespace);

/// <summary>A document that does not decode: the text helm wraps in <c>unable to parse YAML: …</c>.</summary>
internal sealed class K8sDecodeException(string message, int? line = null) : Exception(message)
{
    /// <summary>The 1-based line within the document that YAML names, when it names one.</summary>
    public int? Line { get; } = line;
}

/// <summary>
/// <c>k8s.io/apimachinery/pkg/util/yaml.YAMLOrJSONDecoder</c> decoding a rendered template into
/// <see cref="K8sObject"/>s as helm's lint does: a stream whose first non-space character is <c>{</c> is read as
/// JSON values (helm 4 falls back to YAML when the first one fails), anything else is split into YAML documents on
/// <c>---</c> lines and each is decoded with <c>sigs.k8s.io/yaml</c> (scalars in string fields become strings,
/// keys match case-insensitively, the first type error in key order wins).
/// </summary>
internal sealed class K8sYamlDecoder
{
    private const int BufferSize = 4096;
    private const string JsonPrefix = "error unmarshaling JSON: while decoding JSON: ";

    private readonly string _text;
    private readonly int _major;
    private readonly string _structName;   // k8sYamlStruct (helm 4) or K8sYamlStruct (helm 3)
    private int _pos;                       // what has been consumed
    private bool _json;
    private int _count;

    public K8sYamlDecoder(string text, int helmMajor)
    {
        _text = text;
        _major = helmMajor;
        _structName = helmMajor >= 4 ? "k8sYamlStruct" : "K8sYamlStruct";
        _json = LooksLikeJson(text);
    }

    /// <summary>True when the first non-space character within the first 4096 bytes is <c>{</c>.</summary>
    private static bool LooksLikeJson(string text)
    {
        var peek = Encoding.UTF8.GetBytes(text.Length > BufferSize ? text[..BufferSize] : text);
        if (peek.Length > BufferSize) peek = peek[..BufferSize];
        var s = Encoding.UTF8.GetString(peek);
        foreach (var r in s.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(r) && (r.Value < 0x80 ? r.Value is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' : true)) continue;
            return r.Value == '{';
        }
        return false;
    }

    /// <summary>
    /// The next object: false at the end of the stream; <paramref name="obj"/> null for an empty/null document.
    /// Throws <see cref="K8sDecodeException"/> with apimachinery's message.
    /// </summary>
    public bool Next(out K8sObject? obj)
    {
        obj = null;
        string? firstErr = null;
        if (_json)
        {
            try
            {
                var rest = _text[_pos..];
                if (rest.AsSpan().TrimStart(" \t\r\n").IsEmpty) return false;
                var value = GoJson.DecodeFirst(rest, out int consumed);
                obj = FromJson(value, yamlCoercion: false);
                _pos += consumed;
                _count++;
                return true;
            }
            catch (Exception e) when (e is GoJsonException or K8sDecodeException)
            {
                // A syntax error is apimachinery's JSONSyntaxError: "json: offset N: …", N counted from the stream's start.
                var message = e is GoJsonException { Offset: { } offset }
                    ? $"json: offset {Encoding.UTF8.GetByteCount(_text.AsSpan(0, _pos)) + offset}: {e.Message}"
                    : e.Message;
                if (_major < 4 || _count > 1) throw new K8sDecodeException(message);
                firstErr = message;
                // helm 4: switch to YAML from where the last object ended, after the white space up to the first newline.
                while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\r' or '\v' or '\f')
                    _pos++;
                if (_pos < _text.Length && _text[_pos] == '\n') _pos++;
                _json = false;
            }
        }
        try
        {
            if (!NextYamlDocument(out var doc)) return false;
            if (doc.Length != 0) obj = DecodeYaml(doc);
            _count++;
            return true;
        }
        catch (K8sDecodeException) when (firstErr != null)
        {
            throw new K8sDecodeException(firstErr);
        }
    }

    // apimachinery's YAMLReader: lines (\n or \r\n ends, both dropped and replaced by \n) up to a line starting with
    // "---", which may only be followed by white space or a comment.
    private bool NextYamlDocument(out string doc)
    {
        var buffer = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                doc = buffer.ToString();
                return buffer.Length != 0;
            }
            int nl = _text.IndexOf('\n', _pos);
            string line;
            if (nl < 0) { line = _text[_pos..]; _pos = _text.Length; }
            else
            {
                line = _text[_pos..nl];
                if (line.EndsWith('\r')) line = line[..^1];
                _pos = nl + 1;
            }
            if (line.StartsWith("---", StringComparison.Ordinal))
            {
                var trimmed = GoUnicode.TrimSpace(line[3..]);
                if (trimmed.Length > 0 && trimmed[0] != '#')
                    throw new K8sDecodeException("invalid Yaml document separator: " + trimmed);
                if (buffer.Length != 0)
                {
                    doc = buffer.ToString();
                    return true;
                }
                continue;
            }
            buffer.Append(line).Append('\n');
        }
    }

    private K8sObject? DecodeYaml(string doc)
    {
        object? raw;
        try { raw = GoYaml.UnmarshalRaw(doc); }
        catch (GoYamlException e) { throw new K8sDecodeException(e.Message, YamlLine(e.Message)); }
        try { return FromJson(raw, yamlCoercion: true); }
        catch (K8sDecodeException e) { throw new K8sDecodeException(JsonPrefix + e.Message); }
    }

    /// <summary>The line number in a go-yaml message (<c>yaml: line N: …</c>).</summary>
    internal static int? YamlLine(string message)
    {
        var i = message.IndexOf("yaml: line ", StringComparison.Ordinal);
        if (i < 0) return null;
        i += "yaml: line ".Length;
        int j = i;
        while (j < message.Length && char.IsAsciiDigit(message[j])) j++;
        return j > i && int.TryParse(message.AsSpan(i, j - i), out var n) ? n : null;
    }

    // json.Unmarshal of the (YAML-converted) value into *k8sYamlStruct: null leaves the pointer nil.
    private K8sObject? FromJson(object? value, bool yamlCoercion)
    {
        if (value == null) return null;
        if (value is not Dictionary<string, object?> top)
            throw new K8sDecodeException($"json: cannot unmarshal {JsonKind(value)} into Go value of type rules.{_structName}");
        string apiVersion = "", kind = "", name = "", ns = "";
        string? first = null;
        foreach (var key in Sorted(top.Keys))
        {
            var v = top[key];
            if (Is(key, "apiVersion")) Str(v, ref apiVersion, _structName + ".apiVersion", yamlCoercion, ref first);
            else if (Is(key, "Kind")) Str(v, ref kind, _structName + ".Kind", yamlCoercion, ref first);
            else if (Is(key, "Metadata"))
            {
                if (v == null) continue;
                if (v is not Dictionary<string, object?> md)
                {
                    first ??= $"json: cannot unmarshal {JsonKind(v)} into Go struct field {_structName}.Metadata of type rules.k8sYamlMetadata";
                    continue;
                }
                foreach (var mk in Sorted(md.Keys))
                {
                    if (Is(mk, "Name")) Str(md[mk], ref name, "k8sYamlMetadata.Metadata.Name", yamlCoercion, ref first);
                    else if (Is(mk, "Namespace")) Str(md[mk], ref ns, "k8sYamlMetadata.Metadata.Namespace", yamlCoercion, ref first);
                }
            }
        }
        if (first != null) throw new K8sDecodeException(first);
        return new K8sObject(apiVersion, kind, name, ns);
    }

    private static bool Is(string key, string field) => string.Equals(key, field, StringComparison.OrdinalIgnoreCase);

    private static List<string> Sorted(IEnumerable<string> keys)
    {
        var l = new List<string>(keys);
        l.Sort(StringComparer.Ordinal);
        return l;
    }

    private static void Str(object? v, ref string field, string goField, bool yamlCoercion, ref string? first)
    {
        switch (v)
        {
            case null: return;
            case string s: field = s; return;
            case Dictionary<string, object?> or object?[]:
                first ??= $"json: cannot unmarshal {JsonKind(v)} into Go struct field {goField} of type string";
                return;
            default:
                if (yamlCoercion) { field = GoYaml.CoerceToString(v) ?? ""; return; }
                first ??= $"json: cannot unmarshal {JsonKind(v)} into Go struct field {goField} of type string";
                return;
        }
    }

    private static string JsonKind(object? v) => v switch
    {
        Dictionary<string, object?> => "object",
        object?[] => "array",
        _ => GoYaml.JsonKindOf(v),
    };
}
