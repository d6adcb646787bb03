using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>
/// A trained intent classifier: word and character n-grams (TF-IDF, L2) into a linear multiclass model.
/// Predictions are thread-safe: each call borrows a prediction engine from a pool.
/// </summary>
public sealed class IntentModel : IDisposable
{
    // Saved beside the ML.NET model in the zip, so a stored model is read the way it was trained.
    private const string NormalizerEntry = "CrmLive/normalizer.txt";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly bool _digitsAsToken;
    private readonly string[] _intents;
    private readonly ConcurrentBag<PredictionEngine<IntentPipeline.Row, IntentPipeline.Scores>> _engines = [];
    private volatile bool _disposed;

    private IntentModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, bool digitsAsToken)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        _digitsAsToken = digitsAsToken;
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(inputSchema)[IntentPipeline.ScoreColumn].GetSlotNames(ref names);
        _intents = names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>Intents the model can answer, in score order.</summary>
    public IReadOnlyList<string> Intents => _intents;

    public static IntentModel Train(
        IReadOnlyList<LabelledUtterance> examples,
        IntentTrainingOptions? options = null,
        IProgress<double>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var o = options ?? new IntentTrainingOptions();
        if (examples.Select(e => e.Intent).Distinct().Count() < 2)
            throw new ArgumentException("Training needs examples of at least two intents.", nameof(examples));

        var ml = new MLContext(o.Seed);
        ct.ThrowIfCancellationRequested();
        // ML.NET trainers cannot be interrupted midway; cancellation is honoured between stages.
        progress?.Report(0);
        var rows = examples.Select(e => new IntentPipeline.Row
        {
            Text = IntentTextNormalizer.Normalize(e.Text, o.DigitsAsToken),
            Intent = e.Intent,
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);

        var featurizer = IntentPipeline.Featurizer(ml, o).Fit(data);
        ct.ThrowIfCancellationRequested();
        progress?.Report(0.2);
        // Iterative trainers read the features many times: compute them once.
        var features = ml.Data.Cache(featurizer.Transform(data));
        var trainer = IntentPipeline.Trainer(ml, o).Fit(features);
        ct.ThrowIfCancellationRequested();
        progress?.Report(1);

        var model = new TransformerChain<ITransformer>(featurizer, trainer);
        return new IntentModel(ml, model, data.Schema, o.DigitsAsToken);
    }

    public IntentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_engines.TryTake(out var engine))
            engine = _ml.Model.CreatePredictionEngine<IntentPipeline.Row, IntentPipeline.Scores>(_model, _inputSchema);
        float[] scores;
        try
        {
            scores = engine.Predict(new IntentPipeline.Row { Text = IntentTextNormalizer.Normalize(text, _digitsAsToken) }).Score;
        }
        finally
        {
            _engines.Add(engine);
        }
        return ToPrediction(scores);
    }

    private IntentPrediction ToPrediction(float[] scores)
    {
        var top = new List<IntentGuess>(3);
        var taken = new bool[scores.Length];
        for (var k = 0; k < Math.Min(3, scores.Length); k++)
        {
            var best = -1;
            for (var i = 0; i < scores.Length; i++)
                if (!taken[i] && (best < 0 || scores[i] > scores[best]))
                    best = i;
            taken[best] = true;
            top.Add(new IntentGuess(_intents[best], scores[best]));
        }
        return new IntentPrediction(top[0].Intent, top[0].Confidence, top);
    }

    /// <summary>Writes the ML.NET model zip (plus how text is normalised), e.g. to store a version as bytes.</summary>
    public void Save(Stream stream)
    {
        using var buffer = new MemoryStream();
        _ml.Model.Save(_model, _inputSchema, buffer);
        buffer.Position = 0;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(NormalizerEntry).Open()))
            writer.Write(_digitsAsToken ? "digits-as-token" : "digits-kept");
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    public static IntentModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var digitsAsToken = true;
        buffer.Position = 0;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true))
        {
            var entry = zip.GetEntry(NormalizerEntry);
            if (entry is not null)
            {
                using var reader = new StreamReader(entry.Open());
                digitsAsToken = reader.ReadToEnd().Trim() == "digits-as-token";
            }
        }
        buffer.Position = 0;
        var ml = new MLContext();
        var model = ml.Model.Load(buffer, out var inputSchema);
        return new IntentModel(ml, model, inputSchema, digitsAsToken);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_engines.TryTake(out var engine))
            engine.Dispose();
    }
}
