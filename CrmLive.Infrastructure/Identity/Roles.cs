namespace CrmLive.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Agent = "Agent";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Agent];
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
