namespace CrmLive.Infrastructure.Bot;

public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>
    /// The word-vector file the intent classifier reads meaning from; empty means the one the build puts beside the
    /// application (<see cref="Classifier.WordVectors.DefaultPath"/>). When the file is missing the bot trains on
    /// word and character n-grams alone.
    /// </summary>
    public string? WordVectorsPath { get; set; }
}
