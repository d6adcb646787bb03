using CrmLive.Domain.Bot;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Bot;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>
/// The retraining job on the demo shop's intents: a first model is promoted and the bot answers with it; a model
/// trained on corrupted examples scores worse on the same held-out split and is kept out.
/// </summary>
[Trait("Database", "Any")]
public class BotTrainingTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task FirstModelIsPromotedAndAnswers_AWorseModelIsNotPromoted()
    {
        var job = app.Service<BotTrainingJob>();
        var brain = app.Service<IntentBrain>();

        var first = await job.RunAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.True(first.Promoted, first.Decision);
        Assert.True(first.Accuracy >= 0.6, $"held-out accuracy {first.Accuracy:0.00} on the demo intents");
        await Eventually.TrueAsync(() => Task.FromResult(brain.ActiveVersion == first.Version), "the brain to load the model");

        // A paraphrase no rule knows reaches the classifier and gets the intent's answer.
        await using (var widget = app.CreateWidgetConnection())
        {
            var answers = new List<MessageDto>();
            widget.On<MessageDto>("MessageReceived", m => { lock (answers) answers.Add(m); });
            await widget.StartAsync();
            await widget.InvokeAsync<WidgetStart>("Start", "demo", null, null);
            await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "I'd like to send back the boots I ordered");
            await Eventually.TrueAsync(() => Task.FromResult(answers.Any(m => m.Sender == MessageSender.Bot)), "the bot's answer");
            Assert.Contains("return anything within", answers.First(m => m.Sender == MessageSender.Bot).Text);
        }

        // An intent with an action: a signed-in customer asking for their order gets it looked up.
        string userId, orderNumber;
        await using (var shop = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var buyer = await shop.Customers.Where(c => c.ExternalId != null && shop.Orders.Any(o => o.CustomerId == c.Id))
                .Select(c => new { c.Id, c.ExternalId }).FirstAsync();
            userId = buyer.ExternalId!;
            orderNumber = (await shop.Orders.Where(o => o.CustomerId == buyer.Id).ToListAsync())
                .OrderByDescending(o => o.PlacedAt).First().Number;
        }
        await using (var widget = app.CreateWidgetConnection())
        {
            var received = new List<MessageDto>();
            widget.On<MessageDto>("MessageReceived", m => { lock (received) received.Add(m); });
            await widget.StartAsync();
            await widget.InvokeAsync<WidgetStart>("Start", "demo", null, await app.SignedIdentityAsync(userId));
            await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "has my order shipped yet");
            await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Text.Contains(orderNumber))),
                "the bot's follow-up naming the last order");
        }

        // Corrupt the training data: every order question is also taught as a payment question.
        var catalog = app.Service<IntentCatalog>();
        var intents = await catalog.ListAsync();
        var payment = intents.Single(i => i.Name == "payment").Id;
        var (train, _) = BotTrainingJob.Split((await catalog.ExamplesAsync(intents.Single(i => i.Name == "order_status").Id))
            .Select(e => new CrmLive.Infrastructure.Bot.Classifier.LabelledUtterance(e.Text, "order_status")));
        // Only on the training side: the held-out examples stay the honest yardstick for both models.
        foreach (var e in train)
            foreach (var text in Enumerable.Range(1, 8).Select(n => $"{e.Text}{new string('!', n)}")
                         .Where(t => !BotTrainingJob.IsHeldOut(t)).Take(3))
                await catalog.AddExampleAsync(payment, text, ExampleSource.Manager);

        var second = await job.RunAsync(CancellationToken.None);

        Assert.NotNull(second);
        Assert.False(second.Promoted, second.Decision);
        Assert.True(second.Accuracy < second.ActiveAccuracy);
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var versions = await db.BotModelVersions.OrderBy(v => v.Version).ToListAsync();
        Assert.Equal([true, false], versions.Select(v => v.IsActive));
        Assert.StartsWith("Kept the active model", versions[1].Decision);
        Assert.Equal(first.Version, brain.ActiveVersion);
    }
}
