using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>The ML.NET row types and the featurize-then-train pipeline of an <see cref="IntentModel"/>.</summary>
internal static class IntentPipeline
{
    public const string ScoreColumn = "Score";

    public sealed class Row
    {
        public string Text { get; set; } = "";
        public string Intent { get; set; } = "";

        /// <summary>What the words mean (<see cref="WordVectors.Embed"/>); one zero when the model has no vectors.</summary>
        public float[] Meaning { get; set; } = [0f];
    }

    /// <summary>The row type with <see cref="Row.Meaning"/>'s length, which only the vectors in use know.</summary>
    public static SchemaDefinition RowSchema(WordVectors? vectors)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Meaning)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, vectors?.FeatureLength ?? 1);
        return schema;
    }

    public static Row ToRow(string text, string intent, bool digitsAsToken, WordVectors? vectors, float meaningWeight)
    {
        var normalized = IntentTextNormalizer.Normalize(text, digitsAsToken);
        return new Row { Text = normalized, Intent = intent, Meaning = vectors?.Embed(normalized, meaningWeight) ?? [0f] };
    }

    public sealed class Scores
    {
        [ColumnName(ScoreColumn)]
        public float[] Score { get; set; } = [];
    }

    /// <param name="withMeaning">Append the word vectors' features to the n-grams.</param>
    public static IEstimator<ITransformer> Featurizer(MLContext ml, IntentTrainingOptions o, bool withMeaning)
    {
        var ngrams = withMeaning ? "Ngrams" : "Features";
        IEstimator<ITransformer> featurize = ml.Transforms.Conversion.MapValueToKey("Label", nameof(Row.Intent))
            .Append(ml.Transforms.Text.FeaturizeText(ngrams, new TextFeaturizingEstimator.Options
            {
                // The text arrives normalised (IntentTextNormalizer); stop words carry intent ("not", "my").
                CaseMode = TextNormalizingEstimator.CaseMode.None,
                KeepDiacritics = true,
                KeepPunctuations = true,
                KeepNumbers = true,
                WordFeatureExtractor = new WordBagEstimator.Options
                {
                    NgramLength = o.WordNgrams,
                    SkipLength = o.WordSkipLength,
                    UseAllLengths = true,
                    Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
                },
                CharFeatureExtractor = o.CharNgrams > 0
                    ? new WordBagEstimator.Options
                    {
                        NgramLength = o.CharNgrams,
                        UseAllLengths = true,
                        Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
                    }
                    : null,
                Norm = TextFeaturizingEstimator.NormFunction.L2,
            }, nameof(Row.Text)));
        // N-grams of a single training text mostly fit noise, and each costs a weight per intent in every L-BFGS step.
        if (o.MinNgramCount > 1)
            featurize = featurize.Append(ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(ngrams, count: o.MinNgramCount));
        return withMeaning ? featurize.Append(ml.Transforms.Concatenate("Features", ngrams, nameof(Row.Meaning))) : featurize;
    }

    public static IEstimator<ITransformer> Trainer(MLContext ml, IntentTrainingOptions o) => o.Trainer switch
    {
        IntentTrainer.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
            new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                L2Regularization = o.L2Regularization,
                MaximumNumberOfIterations = o.MaximumIterations,
                NumberOfThreads = o.Threads,
            }),
        IntentTrainer.OneVersusAllLogistic => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = o.L2Regularization,
                MaximumNumberOfIterations = o.MaximumIterations,
                NumberOfThreads = o.Threads,
            }),
            useProbabilities: true),
        _ => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L2Regularization = o.L2Regularization,
            L1Regularization = 0,
            MaximumNumberOfIterations = o.MaximumIterations,
            HistorySize = o.HistorySize,
            NumberOfThreads = o.Threads,
        }),
    };
}
