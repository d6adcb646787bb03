using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Demo;

/// <summary>Settings of the <c>Demo</c> section: the demo company seeded into an empty database.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed demo accounts and the demo company when the database is empty.</summary>
    public bool Seed { get; set; } = true;

    [Range(0, 1_000_000)]
    public int Customers { get; set; } = 2000;

    /// <summary>Fixed seed: the same settings on the same day always produce the same company.</summary>
    public int RandomSeed { get; set; } = 20261123;

    /// <summary>Password of every demo account.</summary>
    [Required, MinLength(8)]
    public string Password { get; set; } = "CrmLive!demo1";
}

/// <summary>The seeded sign-in accounts, printed at start-up in Development.</summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<(string Email, string Name, string Role)> All =
    [
        ("admin@crmlive.demo", "Ada Admin", "Admin"),
        ("manager@crmlive.demo", "Marco Manager", "Manager"),
        ("agent1@crmlive.demo", "Sofia Martins", "Agent"),
        ("agent2@crmlive.demo", "Liam O'Brien", "Agent"),
        ("agent3@crmlive.demo", "Yuki Tanaka", "Agent"),
    ];

    public const string DemoInboxKey = "demo";

    /// <summary>The demo shop's own id for its n-th customer (0-based), as its pages sign it for the widget.</summary>
    public static string ShopUserId(int index) => $"nw-{index + 1:D6}";
}
