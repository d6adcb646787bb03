using CrmLive.Domain.Analytics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CrmLive.Infrastructure.Analytics;

/// <summary>
/// The churn classifier (ML.NET logistic regression). It learns from the past: features as they were one churn window
/// ago, labelled by whether the customer ordered again within the window; then it scores everyone's features as they
/// are now. Its AUC is measured on a held-out fifth of those past customers.
/// </summary>
public sealed class ChurnModel
{
    private const int FeatureCount = 7;
    private const int MinimumRows = 40;
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    private ChurnModel(MLContext ml, ITransformer model, double auc, int trainedOn)
    {
        _ml = ml;
        _model = model;
        Auc = auc;
        TrainedOn = trainedOn;
    }

    public double Auc { get; }
    public int TrainedOn { get; }

    /// <summary>Null when the past holds too few customers, or only churned or only returning ones, to learn from.</summary>
    public static ChurnModel? Train(IReadOnlyList<(CustomerFeatures Then, bool Churned)> past, DateTimeOffset then, int sample,
        int seed)
    {
        var rows = SegmentModel.Sample(past, sample, seed).Select(p => new Row { Features = Vector(p.Then, then), Label = p.Churned })
            .ToList();
        if (rows.Count < MinimumRows || rows.All(r => r.Label) || rows.All(r => !r.Label)) return null;

        var ml = new MLContext(seed);
        var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(rows), testFraction: 0.2, seed: seed);
        var pipeline = ml.Transforms.NormalizeMeanVariance(nameof(Row.Features))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                NumberOfThreads = 1,
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
            }));
        var model = pipeline.Fit(split.TrainSet);
        double auc;
        try
        {
            auc = ml.BinaryClassification.Evaluate(model.Transform(split.TestSet), nameof(Row.Label)).AreaUnderRocCurve;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // the held-out fifth has one class only: no honest AUC to show
        }
        return new ChurnModel(ml, model, auc, rows.Count);
    }

    /// <summary>The probability that each customer (who has ordered) does not order within the window.</summary>
    public float[] Predict(IReadOnlyList<CustomerFeatures> customers, DateTimeOffset asOf)
    {
        var data = _ml.Data.LoadFromEnumerable(customers.Select(c => new Row { Features = Vector(c, asOf) }));
        return _model.Transform(data).GetColumn<float>("Probability").ToArray();
    }

    private static float[] Vector(CustomerFeatures c, DateTimeOffset at) =>
    [
        (float)((at - c.LastOrderAt!.Value).TotalDays / 365),
        (float)Math.Log(1 + c.Orders),
        (float)Math.Log(1 + (double)Math.Max(0m, c.Revenue)),
        (float)(c.TenureDays(at) / 365),
        NormalizedFeatures.SatisfactionOf(c.AverageCsat),
        c.AverageCsat is null ? 0f : 1f,
        Math.Min(10, c.RecentConversations),
    ];

    private sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
