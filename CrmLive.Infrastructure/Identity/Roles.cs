namespace CrmLive.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Agent = "Agent";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Agent];

    /// <summary>The widest of someone's roles (people normally hold one), or Agent for none.</summary>
    public static string Highest(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet();
        return All.FirstOrDefault(held.Contains) ?? Agent;
    }
}

/// <summary>Authorization policy names; every page, hub method and endpoint names one of these.</summary>
public static class Policies
{
    /// <summary>Any signed-in staff member.</summary>
    public const string Staff = "Staff";

    /// <summary>Managers and Admins.</summary>
    public const string Manager = "Manager";

    public const string Admin = "Admin";
}
