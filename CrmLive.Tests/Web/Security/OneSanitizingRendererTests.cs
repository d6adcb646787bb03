using System.Text.RegularExpressions;

namespace CrmLive.Tests.Web.Security;

/// <summary>
/// Untrusted text becomes HTML in one place only: <c>MarkdownRenderer.ToSafeHtml</c> (Markdig, then HtmlSanitizer).
/// Everything else is text that Blazor, or the widget's <c>textContent</c>, encodes. These checks read the source so a
/// new raw-HTML path fails here before it reaches a browser.
/// </summary>
public partial class OneSanitizingRendererTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void EveryMarkupStringInTheApp_ComesFromTheSanitizingRenderer()
    {
        var offenders = SourceLines(Path.Combine(Root, "CrmLive.Web"), "*.razor", "*.cs")
            .Where(l => l.Text.Contains("MarkupString") && !l.Text.Contains("(MarkupString)Markdown.ToSafeHtml("))
            .Select(l => $"{l.File}:{l.Number}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Raw HTML outside the sanitizing renderer:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void TheWidget_SetsHtmlOnlyFromTheServersSanitizedMarkupOrItsOwnIcons()
    {
        var offenders = SourceLines(Path.Combine(Root, "CrmLive.Web", "Widget", "src"), "*.ts")
            .Where(l => InnerHtml().IsMatch(l.Text))
            .Where(l => !Regex.IsMatch(l.Text, @"innerHTML = (chatIcon|closeIcon|clipIcon)\b|innerHTML = html;"))
            .Select(l => $"{l.File}:{l.Number}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "HTML set from something else:\n" + string.Join("\n", offenders));
    }

    private static IEnumerable<(string File, int Number, string Text)> SourceLines(string folder, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(folder, p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !f.Contains("node_modules"))
            .SelectMany(f => File.ReadLines(f).Select((text, i) => (Path.GetRelativePath(Root, f), i + 1, text)));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmLive.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CrmLive.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"\b(innerHTML|outerHTML|insertAdjacentHTML)\b")]
    private static partial Regex InnerHtml();
}
