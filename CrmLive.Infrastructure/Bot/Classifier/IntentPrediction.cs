namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>An intent and the model's probability for it (0..1).</summary>
public sealed record IntentGuess(string Intent, float Confidence);

/// <summary>The best intent for a message and the best three guesses, most likely first.</summary>
public sealed record IntentPrediction(string Intent, float Confidence, IReadOnlyList<IntentGuess> Top);
