using CrmLive.Bench.Analytics;
using CrmLive.Bench.Bot;
using CrmLive.Bench.Chat;
using CrmLive.Bench.Customers;
using CrmLive.Bench.Dashboards;
using CrmLive.Bench.Imports;
using CrmLive.Bench.Offers;
using CrmLive.Infrastructure.Bot.Classifier;

namespace CrmLive.Bench;

/// <summary>
/// dotnet run -c Release --project CrmLive.Bench -- &lt;scenario&gt; [options]. Each scenario prints a table and ends
/// with one "RESULT &lt;scenario&gt; key=value ..." line.
/// </summary>
internal static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        var options = new BenchArgs(args.Skip(1).ToArray());
        switch (args.FirstOrDefault())
        {
            case "seed-rfm":
                await SeedRfmBenchmark.RunAsync(options.Int("--customers", 20_000));
                return 0;
            case "customers":
                return await CustomersBenchmark.RunAsync(new CustomersBenchmarkOptions(
                    Customers: options.Int("--customers", 1_000_000),
                    Events: options.Int("--events", 50_000),
                    Companies: options.Int("--companies", 20_000),
                    Rounds: options.Int("--rounds", 3),
                    DbPath: options.String("--db"),
                    Plans: options.Flag("--plans")));
            case "recompute":
                return await RecomputeBenchmark.RunAsync(new RecomputeBenchmarkOptions(
                    Customers: options.Int("--customers", 1_000_000),
                    Orders: options.Int("--orders", 10_000_000),
                    DbPath: options.String("--db")));
            case "dashboard":
                return await DashboardBenchmark.RunAsync(new DashboardBenchmarkOptions(
                    Customers: options.Int("--customers", 1_000_000),
                    Orders: options.Int("--orders", 10_000_000),
                    Conversations: options.Int("--conversations", 1_000_000),
                    Rounds: options.Int("--rounds", 10),
                    DbPath: options.String("--db")));
            case "rules":
                return await RulesBenchmark.RunAsync(new RulesBenchmarkOptions(
                    Customers: options.Int("--customers", 1_000_000),
                    Orders: options.Int("--orders", 10_000_000),
                    DbPath: options.String("--db")));
            case "import":
                return await ImportBenchmark.RunAsync(new ImportBenchmarkOptions(
                    Rows: options.Int("--rows", 1_000_000),
                    CsvPath: options.String("--csv"),
                    BatchSize: options.Int("--batch", 10_000)));
            case "duplicates":
                return await DuplicatesBenchmark.RunAsync(options.String("--db")
                    ?? Path.Combine(Path.GetTempPath(), "crmlive-bench-customers-1000000-50000.db"), options.Int("--samples", 200));
            case "chat":
                return await ChatBenchmark.RunAsync(new ChatBenchmarkOptions(
                    Connections: options.Int("--connections", 200),
                    Rate: options.Int("--rate", 200),
                    Seconds: options.Int("--seconds", 10),
                    Instances: options.Int("--instances", 1),
                    PostgreSql: options.String("--pg") ?? Environment.GetEnvironmentVariable("CRMLIVE_BENCH_PG"),
                    Url: options.String("--url"),
                    Inbox: options.String("--inbox") ?? "demo",
                    Warmup: options.Int("--warmup", 5)));
            case "bot-eval":
                var defaults = new IntentTrainingOptions();
                return BotEvalBenchmark.Run(new BotEvalOptions(
                    DataFolder: options.String("--data") ?? Path.Combine("..", "shared", "datasets"),
                    Training: defaults with
                    {
                        Trainer = Enum.TryParse<IntentTrainer>(options.String("--trainer"), out var t) ? t : defaults.Trainer,
                        WordNgrams = options.Int("--word", defaults.WordNgrams),
                        CharNgrams = options.Int("--char", defaults.CharNgrams),
                        DigitsAsToken = !options.Flag("--keep-digits"),
                        L2Regularization = (float)options.Double("--l2", defaults.L2Regularization),
                        MaximumIterations = options.Int("--iterations", defaults.MaximumIterations),
                        HistorySize = options.Int("--history", defaults.HistorySize),
                        MinNgramCount = options.Int("--min-count", defaults.MinNgramCount),
                        WordSkipLength = options.Int("--skip", defaults.WordSkipLength),
                        MeaningWeight = (float)options.Double("--meaning", defaults.MeaningWeight),
                    },
                    WordVectorsPath: options.String("--vectors") ?? WordVectors.DefaultPath,
                    Tune: options.Flag("--tune"),
                    OosClass: !options.Flag("--no-oos-class"),
                    MinOosRecall: options.Double("--min-oos-recall", OutOfScopeThreshold.DefaultMinOosRecall),
                    Only: options.String("--only")));
            default:
                Console.WriteLine("""
                    Scenarios:
                      seed-rfm [--customers N]
                          seed the demo company on SQLite, then time the RFM recompute
                      customers [--customers N] [--events E] [--companies C] [--rounds R] [--db FILE]
                          generates (or reuses, when its counts match) a SQLite file under the temp folder (or FILE)
                          with N customers (default 1,000,000) over C companies (20,000) and one customer with E
                          timeline events (50,000), then measures through CustomerQueries, R rounds after a warm-up:
                          search-as-you-type (names, e-mails, phones, one query per keystroke), list pages 1/2/10/100
                          in every sort and under filters, the 360 first page and deep timeline pages.
                      dashboard [--customers N] [--orders M] [--conversations C] [--rounds R] [--db FILE]
                          on the recompute scenario's database (generated when missing), plus C conversations (default
                          1,000,000) over two years: opens the manager's dashboard R times per range (today, 7 and 30
                          days) through the page's own queries, first with no revenue hours kept, then as usual.
                      import [--rows N] [--csv FILE] [--batch B]
                          generates (or reuses) a customers CSV of N rows (default 1,000,000) under the temp folder, then
                          imports it into a fresh SQLite database through ImportService (upload, guessed mapping) and
                          ImportRunner (the job), B rows per transaction; samples RSS every 5 s.
                      duplicates [--db FILE] [--samples N]
                          on the customers scenario's database: the 360 "possible duplicates" lookup for N customers
                          spread over the table, and the first five pages of the duplicate suggestions list.
                      chat [--connections N] [--rate R] [--seconds S] [--instances 1|2] [--pg CONNECTION]
                           [--url http://host:port] [--inbox KEY] [--warmup S]
                          N widgets over real WebSockets send R messages/s for S seconds; measures delivery to the agent side.
                          --instances 2 runs two app instances sharing PostgreSQL (--pg, or CRMLIVE_BENCH_PG) and a
                          redis-server started here: widgets talk to A, the agent side listens on B.
                          --url http://host:port targets an app already running (inbox --inbox KEY, default demo);
                          delivery is then the live event coming back to its widget, and rss_mb is n/a.
                          --warmup S seconds (default 5, 0 for none) of traffic at the same rate from 100 extra widgets,
                          not counted, so the figures are the steady state (hot code recompiled by the tiered JIT).
                      bot-eval [--data FOLDER] [--tune] [--trainer LbfgsMaximumEntropy|SdcaMaximumEntropy|OneVersusAllLogistic]
                               [--word N] [--skip N] [--char N] [--min-count N] [--l2 X] [--iterations N]
                               [--history N] [--keep-digits] [--no-oos-class] [--min-oos-recall R]
                               [--only banking77|clinc150] [--meaning W] [--vectors FILE]
                          trains the intent classifier on BANKING77 and CLINC150 (FOLDER, default ../shared/datasets)
                          and scores the test splits: accuracy, CLINC150 in-scope accuracy and OOS recall at a threshold
                          picked on val + oos_val, train seconds, one-at-a-time predict latency. --tune scores
                          validation data instead (a tenth of BANKING77's train; CLINC150's val), for choosing knobs.
                          Word vectors: the build's GloVe file (or FILE), each feature block scaled to W; --meaning 0
                          trains on n-grams alone.
                    """);
                return 1;
        }
    }
}
