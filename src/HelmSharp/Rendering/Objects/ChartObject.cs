using HelmSharp.Charts;
using HelmSharp.Go;
using HelmSharp.Json;

namespace HelmSharp.Rendering.Objects;

/// <summary>
/// Builds <c>.Chart</c>: helm 4 exposes a <c>map[string]interface {}</c> keyed by Go field names
/// (plus <c>IsRoot</c>); helm 3 the struct <c>struct { chart.Metadata; IsRoot bool }</c>.
/// </summary>
internal static class ChartObject
{
    public static object Create(ChartMetadata m, bool isRoot, int helmMajor) =>
        helmMajor >= 4 ? Map(m, isRoot) : new MetadataWithRoot(new MetadataStruct(m), isRoot);

    private static Dictionary<string, object?> Map(ChartMetadata m, bool isRoot) => new(StringComparer.Ordinal)
    {
        ["APIVersion"] = m.ApiVersion,
        ["Annotations"] = m.Annotations != null ? new Dictionary<string, string>(m.Annotations, StringComparer.Ordinal) : new Dictionary<string, string>(),
        ["AppVersion"] = m.AppVersion,
        ["Condition"] = m.Condition,
        ["Dependencies"] = (m.Dependencies ?? []).Where(d => d != null).Select(d => (object?)DependencyMap(d!)).ToArray(),
        ["Deprecated"] = m.Deprecated,
        ["Description"] = m.Description,
        ["Home"] = m.Home,
        ["Icon"] = m.Icon,
        ["IsRoot"] = isRoot,
        ["Keywords"] = StringsOrEmpty(m.Keywords),
        ["KubeVersion"] = m.KubeVersion,
        ["Maintainers"] = (m.Maintainers ?? []).Where(x => x != null).Select(x => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Email"] = x!.Email, ["Name"] = x.Name, ["URL"] = x.Url,
        }).ToArray(),
        ["Name"] = m.Name,
        ["Sources"] = StringsOrEmpty(m.Sources),
        ["Tags"] = m.Tags,
        ["Type"] = m.Type,
        ["Version"] = m.Version,
    };

    private static object?[] StringsOrEmpty(string[]? s) => s == null ? [] : s.Select(x => (object?)x).ToArray();

    private static Dictionary<string, object?> DependencyMap(ChartDependency d) => new(StringComparer.Ordinal)
    {
        ["Alias"] = d.Alias,
        ["Condition"] = d.Condition,
        ["Enabled"] = d.Enabled,
        ["ImportValues"] = d.ImportValues ?? [],
        ["Name"] = d.Name,
        ["Repository"] = d.Repository,
        ["Tags"] = StringsOrEmpty(d.Tags),
        ["Version"] = d.Version,
    };


    /// <summary>helm 3's anonymous struct embedding the metadata.</summary>
    private sealed class MetadataWithRoot(MetadataStruct metadata, bool isRoot) : IGoStruct, IGoJsonMarshaler
    {
        private static readonly GoType s_type = GoType.Struct("struct { chart.Metadata; IsRoot bool }");
        public GoType GoType => s_type;
        public IEnumerable<KeyValuePair<string, object?>> Fields => [new("Metadata", metadata), new("IsRoot", isRoot)];

        public bool TryGetField(string name, out object? value)
        {
            if (name == "IsRoot") { value = isRoot; return true; }
            if (name == "Metadata") { value = metadata; return true; }
            return metadata.TryGetField(name, out value);
        }

        public object? ToJsonValue()
        {
            var o = metadata.JsonObject();
            o.Add("IsRoot", isRoot);
            return o;
        }
    }

    /// <summary>helm 3's <c>chart.Metadata</c> (printed by <c>%v</c> in field order; JSON by its tags).</summary>
    private sealed class MetadataStruct(ChartMetadata m) : IGoStruct
    {
        private static readonly GoType s_type = GoType.Struct("chart.Metadata");
        public GoType GoType => s_type;

        public IEnumerable<KeyValuePair<string, object?>> Fields =>
        [
            new("Name", m.Name), new("Home", m.Home), new("Sources", m.Sources ?? []), new("Version", m.Version),
            new("Description", m.Description), new("Keywords", m.Keywords ?? []),
            new("Maintainers", (m.Maintainers ?? []).Where(x => x != null).Select(x => (object?)new MaintainerStruct(x!)).ToArray()),
            new("Icon", m.Icon), new("APIVersion", m.ApiVersion), new("Condition", m.Condition), new("Tags", m.Tags),
            new("AppVersion", m.AppVersion), new("Deprecated", m.Deprecated),
            new("Annotations", m.Annotations ?? new Dictionary<string, string>()), new("KubeVersion", m.KubeVersion),
            new("Dependencies", (m.Dependencies ?? []).Where(x => x != null).Select(x => (object?)new DependencyStruct(x!)).ToArray()),
            new("Type", m.Type),
        ];

        public bool TryGetField(string name, out object? value)
        {
            foreach (var kv in Fields) if (kv.Key == name) { value = kv.Value; return true; }
            value = null;
            return false;
        }

        public GoJsonObject JsonObject()
        {
            var o = new GoJsonObject { { "name", m.Name } };
            if (m.Home.Length > 0) o.Add("home", m.Home);
            if (m.Sources is { Length: > 0 }) o.Add("sources", m.Sources);
            o.Add("version", m.Version);
            if (m.Description.Length > 0) o.Add("description", m.Description);
            if (m.Keywords is { Length: > 0 }) o.Add("keywords", m.Keywords);
            if (m.Maintainers is { Count: > 0 }) o.Add("maintainers", m.Maintainers.Select(x => x == null ? null : (object?)new MaintainerStruct(x).ToJsonValue()).ToArray());
            if (m.Icon.Length > 0) o.Add("icon", m.Icon);
            o.Add("apiVersion", m.ApiVersion);
            if (m.Condition.Length > 0) o.Add("condition", m.Condition);
            if (m.Tags.Length > 0) o.Add("tags", m.Tags);
            if (m.AppVersion.Length > 0) o.Add("appVersion", m.AppVersion);
            if (m.Deprecated) o.Add("deprecated", true);
            if (m.Annotations is { Count: > 0 }) o.Add("annotations", m.Annotations);
            if (m.KubeVersion.Length > 0) o.Add("kubeVersion", m.KubeVersion);
            if (m.Dependencies is { Count: > 0 }) o.Add("dependencies", m.Dependencies.Select(x => x == null ? null : (object?)new DependencyStruct(x).ToJsonValue()).ToArray());
            if (m.Type.Length > 0) o.Add("type", m.Type);
            return o;
        }
    }

    private sealed class MaintainerStruct(ChartMaintainer x) : IGoStruct, IGoJsonMarshaler
    {
        private static readonly GoType s_type = GoType.PointerTo(GoType.Struct("chart.Maintainer"));
        public GoType GoType => s_type;
        public IEnumerable<KeyValuePair<string, object?>> Fields => [new("Name", x.Name), new("Email", x.Email), new("URL", x.Url)];
        public bool TryGetField(string name, out object? value)
        {
            value = name switch { "Name" => x.Name, "Email" => x.Email, "URL" => x.Url, _ => null };
            return value != null;
        }
        public object? ToJsonValue()
        {
            var o = new GoJsonObject { { "name", x.Name } };
            if (x.Email.Length > 0) o.Add("email", x.Email);
            if (x.Url.Length > 0) o.Add("url", x.Url);
            return o;
        }
    }

    private sealed class DependencyStruct(ChartDependency d) : IGoStruct, IGoJsonMarshaler
    {
        private static readonly GoType s_type = GoType.PointerTo(GoType.Struct("chart.Dependency"));
        public GoType GoType => s_type;
        public IEnumerable<KeyValuePair<string, object?>> Fields =>
        [
            new("Name", d.Name), new("Version", d.Version), new("Repository", d.Repository), new("Condition", d.Condition),
            new("Tags", d.Tags ?? []), new("Enabled", d.Enabled), new("ImportValues", d.ImportValues ?? []), new("Alias", d.Alias),
        ];
        public bool TryGetField(string name, out object? value)
        {
            foreach (var kv in Fields) if (kv.Key == name) { value = kv.Value; return true; }
            value = null;
            return false;
        }
        public object? ToJsonValue()
        {
            var o = new GoJsonObject { { "name", d.Name } };
            if (d.Version.Length > 0) o.Add("version", d.Version);
            o.Add("repository", d.Repository);
            if (d.Condition.Length > 0) o.Add("condition", d.Condition);
            if (d.Tags is { Length: > 0 }) o.Add("tags", d.Tags);
            if (d.Enabled) o.Add("enabled", true);
            if (d.ImportValues is { Length: > 0 }) o.Add("import-values", d.ImportValues);
            if (d.Alias.Length > 0) o.Add("alias", d.Alias);
            return o;
        }
    }
}
