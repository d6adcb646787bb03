namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>
/// Featurization and trainer knobs. The defaults were chosen on the BANKING77 and CLINC150 training/validation
/// splits (see the bot-eval bench); a shop's few hundred examples train in a second with them.
/// </summary>
/// <param name="WordNgrams">Longest word n-gram (all lengths 1..N are used).</param>
/// <param name="CharNgrams">Longest character n-gram (all lengths 1..N, word boundaries marked).</param>
/// <param name="DigitsAsToken">Replace every run of digits with one token, so "2 weeks" and "3 weeks" match.</param>
/// <param name="L2Regularization">Weight decay of the linear model; larger generalises more, fits less.</param>
/// <param name="MaximumIterations">Iteration cap of the trainer (passes for SDCA).</param>
/// <param name="Seed">Fixes shuffling and initialisation, so the same examples give the same model.</param>
/// <param name="Threads">Trainer threads; 1 makes SDCA bit-for-bit reproducible.</param>
public sealed record IntentTrainingOptions(
    IntentTrainer Trainer = IntentTrainer.LbfgsMaximumEntropy,
    int WordNgrams = 2,
    int CharNgrams = 5,
    bool DigitsAsToken = true,
    float L2Regularization = 1e-4f,
    int MaximumIterations = 100,
    int Seed = 1,
    int? Threads = null);
