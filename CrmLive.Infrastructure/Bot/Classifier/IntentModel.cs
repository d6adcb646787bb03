using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>
/// A trained intent classifier: word and character n-grams (TF-IDF, L2), plus the words' pretrained vectors when it
/// is given them, into a linear multiclass model.
/// Predictions are thread-safe: each call borrows a prediction engine from a pool.
/// </summary>
public sealed class IntentModel : IDisposable
{
    // Saved beside the ML.NET model in the zip, so a stored model is read the way it was trained.
    private const string NormalizerEntry = "CrmLive/normalizer.txt";
    private const string MeaningEntry = "CrmLive/meaning.txt";

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly bool _digitsAsToken;
    private readonly WordVectors? _vectors;
    private readonly float _meaningWeight;
    private readonly string[] _intents;
    private readonly ConcurrentBag<PredictionEngine<IntentPipeline.Row, IntentPipeline.Scores>> _engines = [];
    private volatile bool _disposed;

    private IntentModel(MLContext ml, ITransformer model, DataViewSchema inputSchema, bool digitsAsToken,
        WordVectors? vectors, float meaningWeight)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        _digitsAsToken = digitsAsToken;
        _vectors = vectors;
        _meaningWeight = meaningWeight;
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(inputSchema)[IntentPipeline.ScoreColumn].GetSlotNames(ref names);
        _intents = names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>Intents the model can answer, in score order.</summary>
    public IReadOnlyList<string> Intents => _intents;

    /// <summary>The word vectors the model reads meaning from, or null when it knows only n-grams.</summary>
    public string? WordVectorsName => _vectors?.Name;

    /// <param name="vectors">Pretrained word vectors whose features join the n-grams; null trains on n-grams alone.</param>
    public static IntentModel Train(
        IReadOnlyList<LabelledUtterance> examples,
        IntentTrainingOptions? options = null,
        WordVectors? vectors = null,
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
        var rows = examples.Select(e => IntentPipeline.ToRow(e.Text, e.Intent, o.DigitsAsToken, vectors, o.MeaningWeight)).ToList();
        var data = ml.Data.LoadFromEnumerable(rows, IntentPipeline.RowSchema(vectors));

        var featurizer = IntentPipeline.Featurizer(ml, o, vectors is not null).Fit(data);
        ct.ThrowIfCancellationRequested();
        progress?.Report(0.2);
        // Iterative trainers read the features many times: compute them once.
        var features = ml.Data.Cache(featurizer.Transform(data));
        var trainer = IntentPipeline.Trainer(ml, o).Fit(features);
        ct.ThrowIfCancellationRequested();
        progress?.Report(1);

        var model = new TransformerChain<ITransformer>(featurizer, trainer);
        return new IntentModel(ml, model, data.Schema, o.DigitsAsToken, vectors, o.MeaningWeight);
    }

    public IntentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_engines.TryTake(out var engine))
            engine = _ml.Model.CreatePredictionEngine<IntentPipeline.Row, IntentPipeline.Scores>(_model,
                inputSchemaDefinition: IntentPipeline.RowSchema(_vectors));
        float[] scores;
        try
        {
            scores = engine.Predict(IntentPipeline.ToRow(text, "", _digitsAsToken, _vectors, _meaningWeight)).Score;
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
        {
            using (var writer = new StreamWriter(zip.CreateEntry(NormalizerEntry).Open()))
                writer.Write(_digitsAsToken ? "digits-as-token" : "digits-kept");
            if (_vectors is not null)
            {
                using var writer = new StreamWriter(zip.CreateEntry(MeaningEntry).Open());
                writer.Write(FormattableString.Invariant($"{_vectors.Name}\n{_meaningWeight}"));
            }
        }
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <param name="vectors">The word vectors of this installation; a model trained with vectors needs the same ones.</param>
    /// <exception cref="InvalidDataException">The model was trained with word vectors other than <paramref name="vectors"/>.</exception>
    public static IntentModel Load(Stream stream, WordVectors? vectors = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        string? normalizer, meaning;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true))
        {
            normalizer = ReadEntry(zip, NormalizerEntry);
            meaning = ReadEntry(zip, MeaningEntry);
        }
        var digitsAsToken = normalizer is null or "digits-as-token";
        var (trainedWith, weight) = meaning?.Split('\n') is [var name, var w]
            ? (name, float.Parse(w, System.Globalization.CultureInfo.InvariantCulture))
            : (null, 0f);
        if (trainedWith is not null && trainedWith != vectors?.Name)
            throw new InvalidDataException(
                $"This model was trained with the word vectors '{trainedWith}', but {(vectors is null ? "none are loaded" : $"'{vectors.Name}' are loaded")}. Retrain the bot.");
        buffer.Position = 0;
        var ml = new MLContext();
        var model = ml.Model.Load(buffer, out var inputSchema);
        return new IntentModel(ml, model, inputSchema, digitsAsToken, trainedWith is null ? null : vectors, weight);
    }

    private static string? ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
            return null;
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd().Trim();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_engines.TryTake(out var engine))
            engine.Dispose();
    }
}
