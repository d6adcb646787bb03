namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>One example sentence and the intent it expresses.</summary>
public sealed record LabelledUtterance(string Text, string Intent);
