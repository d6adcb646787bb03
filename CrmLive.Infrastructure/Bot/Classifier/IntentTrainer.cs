namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>The multiclass learner behind an <see cref="IntentModel"/>.</summary>
public enum IntentTrainer
{
    /// <summary>Multinomial logistic regression by L-BFGS: deterministic, calibrated probabilities.</summary>
    LbfgsMaximumEntropy,

    /// <summary>Multinomial logistic regression by SDCA: fast on big sparse data.</summary>
    SdcaMaximumEntropy,

    /// <summary>One binary logistic regression per intent, probabilities renormalised.</summary>
    OneVersusAllLogistic,
}
