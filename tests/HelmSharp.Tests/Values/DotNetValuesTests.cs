using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HelmSharp.Helm;
using HelmSharp.Rendering;
using HelmSharp.Template;
using HelmSharp.Tests.Api;
using HelmSharp.Values;
using NUnit.Framework;

namespace HelmSharp.Tests.Values;

/// <summary>Ordinary .NET values as chart values and template data.</summary>
public class DotNetValuesTests
{
    private sealed record Image(string Repository, string Tag, string PullPolicy);
    private sealed record Agent(string Name, string[] Capabilities, IReadOnlyDictionary<string, object> Config);
    private sealed record EnvVar([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("value")] string Value);

    // development.yaml of testdata/charts/mcp-mesh-agent, as a .NET program would hold it.
    private static object DevelopmentValues() => new
    {
        replicaCount = 1,
        image = new Dictionary<string, string> { ["repository"] = "mcp-mesh/agent", ["tag"] = "1.0.0-dev", ["pullPolicy"] = "Always" },
        agent = new
        {
            name = "dev-agent",
            capabilities = new List<string> { "greeting", "weather_lookup" },
            config = new SortedDictionary<string, object> { ["MCP_MESH_LOG_LEVEL"] = "DEBUG", ["MCP_MESH_DEBUG_PORT"] = 5678L },
        },
        debug = new { enabled = true },
        env = new[]
        {
            new EnvVar("MCP_MESH_NAMESPACE", "{{ .Release.Namespace }}"),
            new EnvVar("MCP_MESH_RELEASE", "{{ .Release.Name }}-{{ .Chart.Version }}"),
        },
        sidecars = new List<object>
        {
            new { name = "log-shipper", image = "busybox:1.36", args = new[] { "sh", "-c", "tail -F /var/log/{{ .Values.agent.name }}.log" } },
        },
        initContainers = Enumerable.Range(0, 1).Select(_ => new
        {
            name = "wait-registry", image = "busybox:1.36",
            command = new[] { "sh", "-c", "until nc -z {{ .Release.Name }}-mcp-mesh-registry 8000; do sleep 2; done" },
        }),
        podAnnotations = new Hashtable { ["mcp-mesh.io/dev"] = "true" },
        commonLabels = new Dictionary<string, object?> { ["environment"] = "development" },
        ingress = new
        {
            enabled = true,
            annotations = new Dictionary<string, string>
            {
                ["nginx.ingress.kubernetes.io/rewrite-target"] = "/",
                ["external-dns.alpha.kubernetes.io/hostname"] = "{{ .Values.agent.name }}.dev.example.com",
            },
            hosts = new[] { new { host = "dev-agent.local", paths = new[] { new { path = "/", pathType = "Prefix" }, new { path = "/api", pathType = "Prefix" } } } },
        },
        extraPorts = new[] { new { name = "debug", port = (short)5678 } },
        notSet = (string?)null, // a null property is left out: it does not delete a chart default
    };

    [TestCase(HelmVersion.V4)]
    [TestCase(HelmVersion.V3)]
    public void ObjectsListsAndDictionariesRenderAsTheValuesFileDoes(HelmVersion version)
    {
        var result = HelmChart.Render(ApiTestData.Chart("mcp-mesh-agent"), new RenderOptions { ReleaseName = "golden", HelmVersion = version, Values = DevelopmentValues() });
        Assert.That(result.Output, Is.EqualTo(ApiTestData.GoldenOut("mcp-mesh-agent", "development", (int)version)));
    }

    [Test]
    public void JsonRendersAsTheValuesFileDoes()
    {
        // The values file as JSON (its numbers are JSON numbers: float64, as a values file gives).
        var yaml = File.ReadAllText(ApiTestData.ValueSet("mcp-mesh-agent", "development"));
        var json = HelmSharp.Json.GoJson.Marshal(HelmSharp.Charts.ChartLoader.LoadValuesFile(yaml, 4));
        var golden = ApiTestData.GoldenOut("mcp-mesh-agent", "development", 4);
        using var doc = JsonDocument.Parse(json);
        Assert.That(HelmChart.Render(ApiTestData.Chart("mcp-mesh-agent"), new RenderOptions { ReleaseName = "golden", Values = doc.RootElement }).Output, Is.EqualTo(golden));
        Assert.That(HelmChart.Render(ApiTestData.Chart("mcp-mesh-agent"), new RenderOptions { ReleaseName = "golden", Values = JsonNode.Parse(json) }).Output, Is.EqualTo(golden));
    }

    [Test]
    public void TheIssuesExamplesRenderThroughTheLowLevelRequest()
    {
        // Values["list"] = new List<string>{…} and an anonymous object failed inside the engine before.
        var set = new TemplateSet(HelmFunctions.For(4), new TemplateOptions { MissingKey = MissingKey.Zero }, "gotpl");
        set.Parse("t", "{{ range .list }}[{{ . }}]{{ end }} {{ .person.Name }} {{ index .list 1 }} {{ len .list }}");
        var data = new Dictionary<string, object?> { ["list"] = new List<string> { "a", "b" }, ["person"] = new { Name = "Ada", Age = 36 } };
        Assert.That(set.Execute("t", data), Is.EqualTo("[a][b] Ada b 2"));
        Assert.That(set.Execute("t", new { list = new[] { "x", "y" }, person = new Dictionary<string, object> { ["Name"] = "Bo" } }), Is.EqualTo("[x][y] Bo y 2"));
    }

    [Test]
    public void ConversionTable()
    {
        var m = DotNetValues.ToValuesMap(new
        {
            i = 3, l = 4L, d = 1.5, f = 2.5f, dec = 1.25m, u = (byte)7, c = 'x', b = true, s = "s",
            e = DayOfWeek.Friday, flags = AttributeTargets.Class | AttributeTargets.Method,
            t = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), to = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.FromHours(2)),
            date = new DateOnly(2024, 1, 2), time = new TimeOnly(13, 30), span = TimeSpan.FromSeconds(90), g = Guid.Empty,
            uri = new Uri("https://example.com/a?b"), bytes = new byte[] { 1, 2 }, ints = new[] { 1, 2 }, set = new HashSet<string> { "only" },
            keys = new Dictionary<int, string> { [1] = "one" }, big = (Int128)5, kv = new KeyValuePair<string, int>("k", 1),
        })!;
        Assert.Multiple(() =>
        {
            Assert.That(m["i"], Is.EqualTo(3).And.TypeOf<int>());
            Assert.That(m["l"], Is.EqualTo(4L).And.TypeOf<long>());
            Assert.That(m["d"], Is.EqualTo(1.5).And.TypeOf<double>());
            Assert.That(m["f"], Is.EqualTo(2.5f).And.TypeOf<float>());
            Assert.That(m["dec"], Is.EqualTo(1.25).And.TypeOf<double>());
            Assert.That(m["u"], Is.EqualTo((byte)7).And.TypeOf<byte>());
            Assert.That(m["c"], Is.EqualTo("x"));
            Assert.That(m["b"], Is.EqualTo(true));
            Assert.That(m["e"], Is.EqualTo("Friday"));
            Assert.That(m["flags"], Is.EqualTo("Class, Method"));
            Assert.That(m["t"], Is.EqualTo("2024-01-02T03:04:05Z"));
            Assert.That(m["to"], Is.EqualTo("2024-01-02T03:04:05.5+02:00"));
            Assert.That(m["date"], Is.EqualTo("2024-01-02"));
            Assert.That(m["time"], Is.EqualTo("13:30:00"));
            Assert.That(m["span"], Is.EqualTo("1m30s"));
            Assert.That(m["g"], Is.EqualTo("00000000-0000-0000-0000-000000000000"));
            Assert.That(m["uri"], Is.EqualTo("https://example.com/a?b"));
            Assert.That(m["bytes"], Is.EqualTo(new byte[] { 1, 2 }).And.TypeOf<byte[]>());
            Assert.That(m["ints"], Is.EqualTo(new object?[] { 1, 2 }).And.TypeOf<object?[]>());
            Assert.That(m["set"], Is.EqualTo(new object?[] { "only" }));
            Assert.That(m["keys"], Is.EqualTo(new Dictionary<string, object?> { ["1"] = "one" }).And.TypeOf<Dictionary<string, object?>>());
            Assert.That(m["big"], Is.EqualTo(5L));
            Assert.That(m["kv"], Is.EqualTo(new Dictionary<string, object?> { ["Key"] = "k", ["Value"] = 1 }));
        });
    }

    private sealed class Attributed
    {
        [JsonPropertyName("replicaCount")] public int Replicas { get; init; } = 2;
        [JsonIgnore] public string Secret { get; init; } = "hidden";
        public string? Unset { get; init; }
        [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? ExplicitNull { get; init; }
        public string this[int i] => "indexer";
        public static string Static => "static";
        public string Field = "field";
    }

    [Test]
    public void ObjectsAreReadByTheirPublicProperties()
    {
        var m = DotNetValues.ToValuesMap(new Attributed())!;
        Assert.That(m, Is.EqualTo(new Dictionary<string, object?> { ["replicaCount"] = 2, ["ExplicitNull"] = null }));
    }

    [Test]
    public void ModelValuesAreNotCopied()
    {
        var inner = new Dictionary<string, object?> { ["a"] = new object?[] { 1L, "x" } };
        var top = new Dictionary<string, object?> { ["m"] = inner };
        Assert.That(DotNetValues.ToValuesMap(top), Is.SameAs(top));
        var withList = new Dictionary<string, object?> { ["m"] = inner, ["l"] = new List<int> { 1 } };
        var converted = DotNetValues.ToValuesMap(withList)!;
        Assert.That(converted, Is.Not.SameAs(withList));
        Assert.That(converted["m"], Is.SameAs(inner));
        Assert.That(withList["l"], Is.TypeOf<List<int>>(), "the caller's map is not changed");
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }

    private static IEnumerable<int> Forever()
    {
        for (int i = 0; ; i++) yield return i;
    }

    private static object Nested(int depth)
    {
        object v = "leaf";
        for (int i = 0; i < depth; i++) v = new List<object> { v };
        return v;
    }

    [Test]
    public void WhatCannotBeConvertedIsACleanErrorNamingTheTypeAndThePlace()
    {
        var loop = new Node();
        loop.Next = new Node { Next = loop };
        Assert.Multiple(() =>
        {
            Assert.That(() => DotNetValues.ToValuesMap(new { a = new { b = new[] { "x", (object)new MemoryStream() } } }),
                Throws.TypeOf<ValuesException>().With.Message.EqualTo("cannot convert System.IO.MemoryStream at .a.b[1] to a value: it is not data"));
            Assert.That(() => DotNetValues.ToValuesMap(new { f = (Func<int>)(() => 1) }),
                Throws.TypeOf<ValuesException>().With.Message.EqualTo("cannot convert System.Func<System.Int32> at .f to a value: it is not data"));
            Assert.That(() => DotNetValues.ToValuesMap(new { o = new object() }),
                Throws.TypeOf<ValuesException>().With.Message.EqualTo("cannot convert System.Object at .o to a value: it has no public properties"));
            Assert.That(() => DotNetValues.ToValuesMap(new { grid = new int[2, 2] }),
                Throws.TypeOf<ValuesException>().With.Message.EqualTo("cannot convert System.Int32[,] at .grid to a value: only one-dimensional arrays are lists"));
            Assert.That(() => DotNetValues.ToValuesMap(loop),
                Throws.TypeOf<ValuesException>().With.Message.EqualTo("cannot convert HelmSharp.Tests.Values.DotNetValuesTests+Node at .Next.Next to a value: it contains itself"));
            Assert.That(() => DotNetValues.ToValuesMap(new Dictionary<object, int> { [new object()] = 1 }),
                Throws.TypeOf<ValuesException>().With.Message.EqualTo("cannot convert System.Collections.Generic.Dictionary<System.Object, System.Int32> at the top level to a map: a key of type System.Object is not a string"));
            Assert.That(() => DotNetValues.ToValuesMap(new Hashtable { [1] = "a", ["1"] = "b" }),
                Throws.TypeOf<ValuesException>().With.Message.StartsWith("cannot convert System.Collections.Hashtable at the top level to a map: two keys are \"1\""));
            Assert.That(() => DotNetValues.ToValuesMap(new { endless = Forever() }),
                Throws.TypeOf<ValuesException>().With.Message.Contains("at .endless to a list: it has more than 1048576 elements"));
            Assert.That(() => DotNetValues.ToValuesMap(new { deep = Nested(20_000) }),
                Throws.TypeOf<ValuesException>().With.Message.StartsWith("values nesting is too deep (at .deep[0][0]"));
            Assert.That(() => DotNetValues.ToValuesMap(42), Throws.TypeOf<ValuesException>().With.Message.EqualTo("values must be a map (a dictionary, an object with properties or a JSON object), not System.Int32"));
            Assert.That(() => DotNetValues.ToValuesMap(new { big = UInt128.MaxValue }), Throws.TypeOf<ValuesException>().With.Message.Contains("out of range"));
        });
    }

    [Test]
    public void AnUnconvertibleValueFailsTheRenderWithTheValuesError()
    {
        var e = Assert.Throws<ValuesException>(() => HelmChart.Render(ApiTestData.Chart("mcp-mesh-agent"), new RenderOptions { Values = new { x = new MemoryStream() } }))!;
        Assert.That(e.Message, Does.Contain("System.IO.MemoryStream at .x"));
        var request = new TemplateRequest { Values = new Dictionary<string, object?> { ["x"] = new MemoryStream() } };
        var t = Assert.Throws<HelmTemplateException>(() => HelmTemplate.Render(HelmChart.Load(ApiTestData.Chart("mcp-mesh-agent")), request))!;
        Assert.That(t.InnerException, Is.TypeOf<ValuesException>());
        Assert.That(t.Message, Is.EqualTo(t.InnerException!.Message));
    }
}
