using NUnit.Framework;
using HelmSharp.Go;
using HelmSharp.Go.Time;
using HelmSharp.Template.Functions;
using HelmSharp.Tests.Sprig;

namespace HelmSharp.Tests.Go.Time;

public class DateTimeTests
{
    private static GoTime T() => (GoTime)SprigHarness.Call("mustToDate", "2006-01-02 15:04:05.999999999 -0700", "2023-03-12 01:59:59.5 -0500")!;

    private static string M(object recv, string name, params object?[] args)
    {
        Assert.That(((IGoMethods)recv).TryGetMethod(name, out var f), Is.True, name);
        return SprigHarness.Print(f.Body(args));
    }

    // helm v4.1.4, template:
    // {{ $t := mustToDate "2006-01-02 15:04:05.999999999 -0700" "2023-03-12 01:59:59.5 -0500" }}{{ $t }}|{{ $t.UTC }}|{{ $t.Unix }}|…
    [Test]
    public void MethodsMatchHelm()
    {
        var t = T();
        Assert.That(GoType.Of(t)!.Name, Is.EqualTo("time.Time"));
        Assert.That(t.GoString(), Is.EqualTo("2023-03-12 01:59:59.5 -0500 -0500"));
        Assert.That(M(t, "UTC"), Is.EqualTo("2023-03-12 06:59:59.5 +0000 UTC"));
        Assert.That(M(t, "Unix"), Is.EqualTo("1678604399"));
        Assert.That(M(t, "UnixNano"), Is.EqualTo("1678604399500000000"));
        Assert.That(M(t, "Year"), Is.EqualTo("2023"));
        Assert.That(M(t, "Month"), Is.EqualTo("March"));
        Assert.That(M(t, "Day"), Is.EqualTo("12"));
        Assert.That(M(t, "Weekday"), Is.EqualTo("Sunday"));
        Assert.That(M(t, "YearDay"), Is.EqualTo("71"));
        Assert.That(M(t, "Hour"), Is.EqualTo("1"));
        Assert.That(M(t, "Nanosecond"), Is.EqualTo("500000000"));
        Assert.That(M(t, "Format", "Jan _2 15:04:05.000"), Is.EqualTo("Mar 12 01:59:59.500"));
        Assert.That(M(t, "AddDate", (nint)0, (nint)1, (nint)20), Is.EqualTo("2023-05-02 01:59:59.5 -0500 -0500"));
        Assert.That(M(t, "IsZero"), Is.EqualTo("false"));
        Assert.That(M(SprigHarness.Call("toDate", "x", "y")!, "IsZero"), Is.EqualTo("true"));
        var y2023 = SprigHarness.Call("mustToDate", "2006", "2023");
        Assert.That(M(t, "Sub", y2023), Is.EqualTo("1686h59m59.5s"));
        Assert.That(M(t, "Truncate", 3600000000000L), Is.EqualTo("2023-03-12 01:00:00 -0500 -0500"));
        Assert.That(M(t, "Round", 60000000000L), Is.EqualTo("2023-03-12 02:00:00 -0500 -0500"));
        Assert.That(M(t, "Add", -1500L), Is.EqualTo("2023-03-12 01:59:59.4999985 -0500 -0500"));
        Assert.That(SprigHarness.Call("dateInZone", "2006-01-02 15:04:05 MST", t.Add(3600000000000), "America/New_York"), Is.EqualTo("2023-03-12 03:59:59 EDT"));
        Assert.That(SprigHarness.Call("dateInZone", "2006-01-02 15:04:05 MST", t.Add(1000000000), "America/New_York"), Is.EqualTo("2023-03-12 03:00:00 EDT"));
        Assert.That(M(t, "Equal", t.In(GoLocation.Utc)), Is.EqualTo("true"));
        Assert.That(M(t, "Location"), Is.EqualTo(""));
        Assert.That(M(t.In(GoLocation.Utc), "Location"), Is.EqualTo("UTC"));
        var d = ((IGoMethods)t).TryGetMethod("Sub", out var sub) ? sub.Body([y2023]) : null;
        Assert.That(GoType.Of(d)!.Name, Is.EqualTo("time.Duration"));
        Assert.That(M(d!, "Hours"), Is.EqualTo("1686.9998611111112"));
    }

    // helm v4.1.4: {{ dateModify "-3h" (mustToDate "2006-01-02" "2020-01-01") }}|{{ unixEpoch (mustToDate "2006" "1969") }}|
    // {{ (mustToDate "2006" "2020").Sub (mustToDate "2006" "1700") }}|{{ ((mustToDate "2006" "2020").Sub (mustToDate "2006" "2019")).Minutes }}
    [Test]
    public void MoreHelmValues()
    {
        Assert.That(SprigHarness.Print(SprigHarness.Call("dateModify", "-3h", SprigHarness.Call("mustToDate", "2006-01-02", "2020-01-01"))), Is.EqualTo("2019-12-31 21:00:00 +0000 UTC"));
        Assert.That(SprigHarness.Call("unixEpoch", SprigHarness.Call("mustToDate", "2006", "1969")), Is.EqualTo("-31536000"));
        var a = (GoTime)SprigHarness.Call("mustToDate", "2006", "2020")!;
        Assert.That(GoDuration.Format(a.Sub((GoTime)SprigHarness.Call("mustToDate", "2006", "1700")!)), Is.EqualTo("2562047h47m16.854775807s"));
        Assert.That(M(new GoDuration(a.Sub((GoTime)SprigHarness.Call("mustToDate", "2006", "2019")!)), "Minutes"), Is.EqualTo("525600"));
    }

    [Test]
    public void NowUsesTheClockAndHasMonotonic()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 2, 29, 13, 14, 15, 123, TimeSpan.Zero));
        var ctx = new FnContext(clock);
        var now = (GoTime)SprigHarness.Call(ctx, "now")!;
        Assert.That(now.HasMonotonic, Is.True);
        Assert.That(now.GoString(), Does.Match(@"^2024-02-29 13:14:15\.123 \+0000 UTC m=\+\d+\.\d{9}$").Or.Match(@"^2024-02-29 \d\d:14:15\.123 [+-]\d{4} \S+ m=\+\d+\.\d{9}$"));
        Assert.That(SprigHarness.Call(ctx, "dateInZone", "2006-01-02T15:04:05Z07:00", null, "UTC"), Is.EqualTo("2024-02-29T13:14:15Z"));
        Assert.That(SprigHarness.Call(ctx, "dateInZone", "2006", 1.5, "UTC"), Is.EqualTo("2024"), "floats are not timestamps: now");
        // dateModify keeps the monotonic reading, In/UTC drop it (Go semantics; helm printed m=+3600.068789136 for now | dateModify "1h").
        var later = (GoTime)SprigHarness.Call(ctx, "dateModify", "1h", now)!;
        Assert.That(later.Monotonic - now.Monotonic, Is.EqualTo(3600_000_000_000L));
        Assert.That(now.In(GoLocation.Utc).HasMonotonic, Is.False);
        Assert.That(SprigHarness.Call(ctx, "ago", SprigHarness.Call("mustToDate", "2006-01-02", "2024-02-28")), Is.EqualTo("37h14m15s"));
        Assert.That(SprigHarness.Call(ctx, "ago", now), Is.EqualTo("0s"));
        Assert.That(SprigHarness.Call(ctx, "ago", (nint)1709216055), Is.EqualTo("-1h0m0s"));
        Assert.That(SprigHarness.Call(ctx, "durationRound", SprigHarness.Call("mustToDate", "2006-01-02", "2020-01-01")), Is.EqualTo("4y"));
        Assert.That(SprigHarness.Call(ctx, "htmlDate", 1700000000L), Is.EqualTo(SprigHarness.Call(ctx, "htmlDateInZone", 1700000000L, "Local")));
    }

    // Go's Duration.String / ParseDuration behaviour, cross-checked through helm v4.1.4 with
    // {{ (mustToDate "2006" "2020" | dateModify X).Sub (mustToDate "2006" "2020") }} style templates.
    [TestCase("1h2m5.5s", "1h2m5.5s")]
    [TestCase("1.5us", "1.5µs")]
    [TestCase("1.5µs", "1.5µs")]
    [TestCase("999ns", "999ns")]
    [TestCase("-2.25ms", "-2.25ms")]
    [TestCase("0", "0s")]
    [TestCase("+90m", "1h30m0s")]
    [TestCase("1h1h", "2h0m0s")]
    [TestCase(".5s", "500ms")]
    [TestCase("2562047h47m16.854775807s", "2562047h47m16.854775807s")]
    [TestCase("-2562047h47m16.854775808s", "-2562047h47m16.854775808s")]
    public void DurationParseFormat(string input, string expected)
    {
        Assert.That(GoDuration.TryParse(input, out var d, out var err), Is.True, err);
        Assert.That(GoDuration.Format(d), Is.EqualTo(expected));
    }

    [Test]
    public void DurationFormatsThroughHelmTemplates()
    {
        // helm v4.1.4: {{ $b := mustToDate "2006" "2020" }}{{ (dateModify "1.5us" $b).Sub $b }}|{{ (dateModify "-2.25ms" $b).Sub $b }}|{{ (dateModify ".5s" $b).Sub $b }}
        var b = (GoTime)SprigHarness.Call("mustToDate", "2006", "2020")!;
        string Sub(string mod) => GoDuration.Format(((GoTime)SprigHarness.Call("dateModify", mod, b)!).Sub(b));
        Assert.That(Sub("1.5us") + "|" + Sub("-2.25ms") + "|" + Sub(".5s"), Is.EqualTo(HelmDurations));
    }

    private const string HelmDurations = "1.5µs|-2.25ms|500ms";

    [Test]
    public void LoadLocationRules()
    {
        Assert.That(GoLocation.TryLoad("Europe/Berlin", out var berlin), Is.True);
        Assert.That(berlin.GoString(), Is.EqualTo("Europe/Berlin"));
        Assert.That(GoLocation.TryLoad("../../etc/passwd", out _), Is.False);
        Assert.That(GoLocation.TryLoad("/etc/localtime", out _), Is.False);
        Assert.That(GoLocation.TryLoad("No/Such_Zone", out var fallback), Is.False);
        Assert.That(fallback, Is.SameAs(GoLocation.Utc));
        Assert.That(GoLocation.TryLoad("", out var utc) && utc.IsUtc, Is.True);
    }

    [Test]
    public void HostileInputsStayBounded()
    {
        Assert.That(SprigHarness.Call("toDate", new string('2', 100000), new string('9', 100000)), Is.SameAs(GoTime.Zero));
        var e = Assert.Throws<GoFunctionException>(() => SprigHarness.Call("mustDateModify", new string('9', 5000) + "h", GoTime.Zero));
        Assert.That(e!.Message, Does.StartWith("time: invalid duration"));
        Assert.That(SprigHarness.Call("dateInZone", "2006", unchecked((nint)long.MaxValue), "UTC"), Is.EqualTo("292277026596"));
    }
}
