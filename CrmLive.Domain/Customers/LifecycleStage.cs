namespace CrmLive.Domain.Customers;

/// <summary>Where the relationship stands, from first contact to lost.</summary>
public enum LifecycleStage { Lead, Prospect, Customer, Advocate, Churned }
