namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>
/// Featurization and trainer knobs. The defaults were chosen on the BANKING77 and CLINC150 training/validation
/// splits (see the bot-eval bench --tune): L-BFGS maximum entropy, words 1-2, chars 1-4, 45 iterations is the
/// best of those tried that trains CLINC150 (15,100 examples, 151 intents) in under 2 minutes on 2 cores; more
/// iterations and chars 1-5 score about a point higher but take 2-4 times as long. SDCA was far faster and
/// 2-7 points worse. A shop's few hundred examples train in about a second.
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
    int CharNgrams = 4,
    bool DigitsAsToken = true,
    float L2Regularization = 1e-4f,
    int MaximumIterations = 45,
    int Seed = 1,
    int? Threads = null);
