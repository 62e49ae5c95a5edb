using System.Globalization;
using System.Text;

namespace HelmSharp.UnitTest;

/// <summary>
/// <c>pmezard/go-difflib</c>'s unified diff (a port of Python's <c>difflib.SequenceMatcher</c> with auto-junk) as the
/// plugin prints it under <c>Diff:</c>: <c>--- Expected</c> / <c>+++ Actual</c>, one line of context.
/// </summary>
internal static class UnifiedDiff
{
    /// <summary>go-difflib's <c>SplitLines</c>: lines with their newline, and a final "\n" added to the last.</summary>
    public static List<string> SplitLines(string s)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < s.Length; i++)
            if (s[i] == '\n') { lines.Add(s[start..(i + 1)]); start = i + 1; }
        lines.Add(s[start..] + "\n");
        return lines;
    }

    /// <summary>The unified diff of two texts ("" when they are equal).</summary>
    public static string Diff(string expected, string actual, int context = 1)
    {
        var a = SplitLines(expected);
        var b = SplitLines(actual);
        var m = new SequenceMatcher(a, b);
        var sb = new StringBuilder();
        bool started = false;
        foreach (var g in m.GroupedOpCodes(context))
        {
            if (!started)
            {
                started = true;
                sb.Append("--- Expected\n+++ Actual\n");
            }
            var first = g[0];
            var last = g[^1];
            sb.Append("@@ -").Append(Range(first.I1, last.I2)).Append(" +").Append(Range(first.J1, last.J2)).Append(" @@\n");
            foreach (var c in g)
            {
                if (c.Tag == 'e')
                {
                    for (int i = c.I1; i < c.I2; i++) sb.Append(' ').Append(a[i]);
                    continue;
                }
                if (c.Tag is 'r' or 'd')
                    for (int i = c.I1; i < c.I2; i++) sb.Append('-').Append(a[i]);
                if (c.Tag is 'r' or 'i')
                    for (int j = c.J1; j < c.J2; j++) sb.Append('+').Append(b[j]);
            }
        }
        return sb.ToString();
    }

    private static string Range(int start, int stop)
    {
        int beginning = start + 1, length = stop - start;
        if (length == 1) return beginning.ToString(CultureInfo.InvariantCulture);
        if (length == 0) beginning--;
        return beginning.ToString(CultureInfo.InvariantCulture) + "," + length.ToString(CultureInfo.InvariantCulture);
    }

    internal readonly record struct OpCode(char Tag, int I1, int I2, int J1, int J2);

    private readonly record struct Match(int A, int B, int Size);

    private sealed class SequenceMatcher
    {
        private readonly List<string> _a, _b;
        private readonly Dictionary<string, List<int>> _b2j = new(StringComparer.Ordinal);
        private readonly HashSet<string> _popular = new(StringComparer.Ordinal);

        public SequenceMatcher(List<string> a, List<string> b)
        {
            _a = a;
            _b = b;
            for (int i = 0; i < b.Count; i++)
            {
                if (!_b2j.TryGetValue(b[i], out var l)) _b2j[b[i]] = l = [];
                l.Add(i);
            }
            int n = b.Count;
            if (n >= 200)
            {
                int ntest = n / 100 + 1;
                foreach (var (s, idx) in _b2j)
                    if (idx.Count > ntest) _popular.Add(s);
                foreach (var s in _popular) _b2j.Remove(s);
            }
        }

        private Match FindLongestMatch(int alo, int ahi, int blo, int bhi)
        {
            int besti = alo, bestj = blo, bestsize = 0;
            var j2len = new Dictionary<int, int>();
            for (int i = alo; i < ahi; i++)
            {
                var newj2len = new Dictionary<int, int>();
                if (_b2j.TryGetValue(_a[i], out var indices))
                {
                    foreach (var j in indices)
                    {
                        if (j < blo) continue;
                        if (j >= bhi) break;
                        int k = (j2len.TryGetValue(j - 1, out var prev) ? prev : 0) + 1;
                        newj2len[j] = k;
                        if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
                    }
                }
                j2len = newj2len;
            }
            // extend with non-junk-but-popular elements on both sides
            while (besti > alo && bestj > blo && !IsBJunk(_b[bestj - 1]) && _a[besti - 1] == _b[bestj - 1]) { besti--; bestj--; bestsize++; }
            while (besti + bestsize < ahi && bestj + bestsize < bhi && !IsBJunk(_b[bestj + bestsize]) && _a[besti + bestsize] == _b[bestj + bestsize]) bestsize++;
            while (besti > alo && bestj > blo && IsBJunk(_b[bestj - 1]) && _a[besti - 1] == _b[bestj - 1]) { besti--; bestj--; bestsize++; }
            while (besti + bestsize < ahi && bestj + bestsize < bhi && IsBJunk(_b[bestj + bestsize]) && _a[besti + bestsize] == _b[bestj + bestsize]) bestsize++;
            return new Match(besti, bestj, bestsize);
        }

        // go-difflib has no junk function: only the auto-junked popular lines are junk (bpopular), which it does not treat as junk here
        private static bool IsBJunk(string s) => false;

        private List<Match> MatchingBlocks()
        {
            var queue = new Stack<(int, int, int, int)>();
            queue.Push((0, _a.Count, 0, _b.Count));
            var blocks = new List<Match>();
            while (queue.Count > 0)
            {
                var (alo, ahi, blo, bhi) = queue.Pop();
                var x = FindLongestMatch(alo, ahi, blo, bhi);
                int i = x.A, j = x.B, k = x.Size;
                if (k > 0)
                {
                    blocks.Add(x);
                    if (alo < i && blo < j) queue.Push((alo, i, blo, j));
                    if (i + k < ahi && j + k < bhi) queue.Push((i + k, ahi, j + k, bhi));
                }
            }
            blocks.Sort((p, q) => p.A != q.A ? p.A.CompareTo(q.A) : p.B != q.B ? p.B.CompareTo(q.B) : p.Size.CompareTo(q.Size));
            // collapse adjacent blocks
            var nonAdjacent = new List<Match>();
            int i1 = 0, j1 = 0, k1 = 0;
            foreach (var blk in blocks)
            {
                if (i1 + k1 == blk.A && j1 + k1 == blk.B) k1 += blk.Size;
                else
                {
                    if (k1 > 0) nonAdjacent.Add(new Match(i1, j1, k1));
                    (i1, j1, k1) = (blk.A, blk.B, blk.Size);
                }
            }
            if (k1 > 0) nonAdjacent.Add(new Match(i1, j1, k1));
            nonAdjacent.Add(new Match(_a.Count, _b.Count, 0));
            return nonAdjacent;
        }

        private List<OpCode> OpCodes()
        {
            int i = 0, j = 0;
            var answer = new List<OpCode>();
            foreach (var m in MatchingBlocks())
            {
                char tag = '\0';
                if (i < m.A && j < m.B) tag = 'r';
                else if (i < m.A) tag = 'd';
                else if (j < m.B) tag = 'i';
                if (tag != '\0') answer.Add(new OpCode(tag, i, m.A, j, m.B));
                i = m.A + m.Size;
                j = m.B + m.Size;
                if (m.Size > 0) answer.Add(new OpCode('e', m.A, i, m.B, j));
            }
            return answer;
        }

        public List<List<OpCode>> GroupedOpCodes(int n)
        {
            if (n < 0) n = 3;
            var codes = OpCodes();
            if (codes.Count == 0) codes.Add(new OpCode('e', 0, 1, 0, 1));
            if (codes[0].Tag == 'e')
            {
                var c = codes[0];
                codes[0] = c with { I1 = Math.Max(c.I1, c.I2 - n), J1 = Math.Max(c.J1, c.J2 - n) };
            }
            if (codes[^1].Tag == 'e')
            {
                var c = codes[^1];
                codes[^1] = c with { I2 = Math.Min(c.I2, c.I1 + n), J2 = Math.Min(c.J2, c.J1 + n) };
            }
            int nn = n + n;
            var groups = new List<List<OpCode>>();
            var group = new List<OpCode>();
            foreach (var c0 in codes)
            {
                var c = c0;
                if (c.Tag == 'e' && c.I2 - c.I1 > nn)
                {
                    group.Add(new OpCode('e', c.I1, Math.Min(c.I2, c.I1 + n), c.J1, Math.Min(c.J2, c.J1 + n)));
                    groups.Add(group);
                    group = [];
                    c = c with { I1 = Math.Max(c.I1, c.I2 - n), J1 = Math.Max(c.J1, c.J2 - n) };
                }
                group.Add(c);
            }
            if (group.Count > 0 && !(group.Count == 1 && group[0].Tag == 'e')) groups.Add(group);
            return groups;
        }
    }
}
