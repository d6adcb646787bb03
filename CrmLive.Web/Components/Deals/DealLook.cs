using System.Globalization;
using CrmLive.Domain.Deals;
using CrmLive.Infrastructure.Deals;
using MudBlazor;

namespace CrmLive.Web.Components.Deals;

/// <summary>How deals read on screen, shared by the board, its dialogs and the customer panel.</summary>
internal static class DealLook
{
    public static string Money(decimal amount, string currency) =>
        $"{amount.ToString(amount % 1 == 0 ? "#,0" : "#,0.00", CultureInfo.InvariantCulture)} {currency}";

    public static string Totals(IReadOnlyList<MoneyTotal> totals) =>
        totals.Count == 0 ? "—" : string.Join(" · ", totals.Select(t => Money(t.Amount, t.Currency)));

    public static Color ColorOf(DealStage stage) => stage switch
    {
        DealStage.Qualified => Color.Info,
        DealStage.Proposal => Color.Primary,
        DealStage.Negotiation => Color.Warning,
        DealStage.Won => Color.Success,
        DealStage.Lost => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The theme palette variable of the stage's colour, so light and dark modes both hold.</summary>
    public static string CssColor(DealStage stage) => ColorOf(stage) switch
    {
        Color.Default => "var(--mud-palette-text-secondary)",
        var color => $"var(--mud-palette-{color.ToString().ToLowerInvariant()})",
    };

    public static bool IsClosed(DealStage stage) => stage is DealStage.Won or DealStage.Lost;

    public static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
}
