using System.Collections.Concurrent;
using Ganss.Xss;
using Markdig;

namespace CrmLive.Infrastructure.Text;

/// <summary>
/// The one way untrusted text becomes HTML: Markdown rendered by Markdig with raw HTML disabled, then sanitized.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private const int MaxCached = 512;
    private const int MaxCachedLength = 1000;

    private readonly HtmlSanitizer _sanitizer;

    /// <summary>
    /// Rendered short texts. The bot repeats a handful of answers to every customer, and sanitizing is the costly
    /// part of sending one to a widget; the same text always renders the same, so a bounded memo is safe.
    /// </summary>
    private readonly ConcurrentDictionary<string, string> _rendered = new();

    public MarkdownRenderer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("target", "_blank");
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        _sanitizer.AllowedAttributes.Add("target");
        _sanitizer.AllowedAttributes.Add("rel");
    }

    public string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return "";
        if (_rendered.TryGetValue(markdown, out var cached)) return cached;
        var html = _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
        if (markdown.Length <= MaxCachedLength && _rendered.Count < MaxCached) _rendered.TryAdd(markdown, html);
        return html;
    }
}
