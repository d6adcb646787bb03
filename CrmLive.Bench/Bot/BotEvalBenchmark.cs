using System.Diagnostics;
using System.Globalization;
using CrmLive.Infrastructure.Bot.Classifier;

namespace CrmLive.Bench.Bot;

/// <param name="Tune">Score on validation data (a held-out tenth of BANKING77's train, CLINC150's val) to choose
/// hyperparameters without looking at a test split.</param>
/// <param name="OosClass">Train CLINC150's oos_train as one more intent.</param>
/// <param name="Only">"banking77" or "clinc150" to run one data set; null for both.</param>
/// <param name="WordVectorsPath">The word-vector file the product uses; with <see cref="IntentTrainingOptions.MeaningWeight"/> 0 none is read.</param>
internal sealed record BotEvalOptions(string DataFolder, IntentTrainingOptions Training, bool Tune, bool OosClass, double MinOosRecall,
    string WordVectorsPath, string? Only = null);

/// <summary>
/// Trains the intent classifier on BANKING77 and CLINC150 and scores it: accuracy, out-of-scope handling with a
/// threshold picked on validation data, training time and one-at-a-time prediction latency.
/// </summary>
internal static class BotEvalBenchmark
{
    private sealed record Outcome(string Name, int Examples, int Intents, double TrainSeconds, double Accuracy,
        double? OosRecall, float? Threshold, List<double> LatenciesMs);

    public static int Run(BotEvalOptions options)
    {
        var banking = Path.Combine(options.DataFolder, "banking77");
        var clinc = Path.Combine(options.DataFolder, "clinc150", "data_full.json");
        if (!File.Exists(Path.Combine(banking, "train.csv")) || !File.Exists(clinc))
        {
            Console.Error.WriteLine($"bot-eval: the public data sets are not in '{Path.GetFullPath(options.DataFolder)}'. " +
                "Expected banking77/train.csv, banking77/test.csv and clinc150/data_full.json; pass --data FOLDER.");
            return 2;
        }
        WordVectors? vectors = null;
        if (options.Training.MeaningWeight > 0)
        {
            if (!File.Exists(options.WordVectorsPath))
            {
                Console.Error.WriteLine($"bot-eval: no word vectors at '{options.WordVectorsPath}' (the build makes them); pass --vectors FILE or --meaning 0.");
                return 2;
            }
            var loading = Stopwatch.StartNew();
            vectors = WordVectors.Load(options.WordVectorsPath);
            // Loaded once per process (the app shares them between training and prediction), so not part of train_s.
            Console.WriteLine(FormattableString.Invariant(
                $"  word vectors: {vectors.Count:N0} words × {vectors.Dimensions}, loaded in {loading.Elapsed.TotalSeconds:0.00} s"));
        }
        Console.WriteLine($"bot-eval {(options.Tune ? "(tuning: validation splits) " : "")}{options.Training}, oos class {options.OosClass}, " +
            $"word vectors {vectors?.Name ?? "none"}");

        // --only saves half a run while exploring knobs; the RESULT line then shows the other set as zeros.
        var none = new Outcome("-", 0, 0, 0, 0, 0, null, []);
        var b = options.Only is null or "banking77" ? Banking77(banking, options, vectors) : none;
        Print(b);
        var c = options.Only is null or "clinc150" ? Clinc150(clinc, options, vectors) : none;
        Print(c);

        var latencies = b.LatenciesMs.Concat(c.LatenciesMs).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT bot banking77_acc={b.Accuracy:0.000} clinc150_inscope_acc={c.Accuracy:0.000} clinc150_oos_recall={c.OosRecall:0.000} train_s={Math.Max(b.TrainSeconds, c.TrainSeconds):0.0} p99_predict_ms={Percentile(latencies, 0.99):0.00}"));
        return 0;
    }

    private static Outcome Banking77(string folder, BotEvalOptions options, WordVectors? vectors)
    {
        var train = IntentDatasets.ReadBanking77(Path.Combine(folder, "train.csv"));
        List<LabelledUtterance> test;
        if (options.Tune)
        {
            // Every tenth example of a seeded shuffle is held out for validation.
            var random = new Random(7);
            var shuffled = train.OrderBy(_ => random.Next()).ToList();
            test = shuffled.Where((_, i) => i % 10 == 0).ToList();
            train = shuffled.Where((_, i) => i % 10 != 0).ToList();
        }
        else
            test = IntentDatasets.ReadBanking77(Path.Combine(folder, "test.csv"));

        var (model, seconds) = Train(train, options.Training, vectors);
        using (model)
        {
            var (predictions, latencies) = PredictTimed(model, test);
            var e = IntentEvaluator.Evaluate(test, predictions);
            Console.WriteLine(FormattableString.Invariant($"  banking77 macro-F1 {e.MacroF1:0.000}"));
            return new Outcome("banking77", test.Count, model.Intents.Count, seconds, e.Accuracy, null, null, latencies);
        }
    }

    private static Outcome Clinc150(string path, BotEvalOptions options, WordVectors? vectors)
    {
        var splits = IntentDatasets.ReadClinc150(path);
        var train = options.OosClass ? [.. splits["train"], .. splits["oos_train"]] : splits["train"];
        List<LabelledUtterance> validation = [.. splits["val"], .. splits["oos_val"]];
        List<LabelledUtterance> test = [.. splits["test"], .. splits["oos_test"]];

        var (model, seconds) = Train(train, options.Training, vectors);
        using (model)
        {
            var validationPredictions = IntentEvaluator.PredictAll(model, validation);
            var picked = OutOfScopeThreshold.Pick(validation, validationPredictions, options.MinOosRecall);
            Console.WriteLine(FormattableString.Invariant(
                $"  clinc150 val: threshold {picked.Threshold:0.000} in-scope acc {picked.InScopeAccuracy:0.000} oos recall {picked.OosRecall:0.000}"));
            if (options.Tune)
                return new Outcome("clinc150 (val)", validation.Count, model.Intents.Count, seconds,
                    picked.InScopeAccuracy, picked.OosRecall, picked.Threshold, []);

            var (predictions, latencies) = PredictTimed(model, test);
            var e = IntentEvaluator.EvaluateOutOfScope(test, predictions, picked.Threshold);
            var closed = IntentEvaluator.Evaluate(splits["test"], predictions.Take(splits["test"].Count).ToList());
            Console.WriteLine(FormattableString.Invariant($"  clinc150 in-scope accuracy without threshold {closed.Accuracy:0.000}"));
            return new Outcome("clinc150", test.Count, model.Intents.Count, seconds, e.InScopeAccuracy, e.OosRecall, e.Threshold, latencies);
        }
    }

    private static (IntentModel Model, double Seconds) Train(List<LabelledUtterance> train, IntentTrainingOptions options,
        WordVectors? vectors)
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var fitted = TimeSpan.Zero;
        var model = IntentModel.Train(train, options, vectors, new Reported(p => fitted = p == 0.2 ? clock.Elapsed : fitted));
        // On a shared machine wall time varies with the neighbours' load; CPU time shows what a change costs.
        Console.WriteLine(FormattableString.Invariant(
            $"  trained in {clock.Elapsed.TotalSeconds:0.0} s (featurizer fitted after {fitted.TotalSeconds:0.0} s), CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s"));
        return (model, clock.Elapsed.TotalSeconds);
    }

    private static (List<IntentPrediction>, List<double>) PredictTimed(IntentModel model, List<LabelledUtterance> test)
    {
        // The first calls build the prediction engine and JIT the path; they are not what a customer waits for.
        foreach (var t in test.Take(50))
            model.Predict(t.Text);
        var predictions = new List<IntentPrediction>(test.Count);
        var latencies = new List<double>(test.Count);
        foreach (var t in test)
        {
            var start = Stopwatch.GetTimestamp();
            predictions.Add(model.Predict(t.Text));
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return (predictions, latencies);
    }

    private static void Print(Outcome o)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("| data set | examples | intents | train s | accuracy (in-scope) | oos recall | threshold | p50 ms | p99 ms |");
        Console.WriteLine(string.Create(inv,
            $"| {o.Name} | {o.Examples} | {o.Intents} | {o.TrainSeconds:0.0} | {o.Accuracy:0.000} | {(o.OosRecall is { } r ? r.ToString("0.000", inv) : "-")} | {(o.Threshold is { } t ? t.ToString("0.000", inv) : "-")} | {Percentile(o.LatenciesMs, 0.5):0.00} | {Percentile(o.LatenciesMs, 0.99):0.00} |"));
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
            return 0;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>Calls back on the reporting thread, unlike <see cref="Progress{T}"/>, so the time read is exact.</summary>
    private sealed class Reported(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
