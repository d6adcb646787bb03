using System.ComponentModel.DataAnnotations;
using CrmLive.Infrastructure.Imports;

namespace CrmLive.Tests.Imports;

public class ImportOptionsTests
{
    [Theory]
    [InlineData(10, true)]
    [InlineData(30_000, true)]
    [InlineData(50_000, false)] // a batch's key lookup would pass SQLite's 32,766 values per statement
    [InlineData(5, false)]
    public void BatchSize_StaysWithinWhatOneStatementCanLookUp(int batchSize, bool valid)
    {
        var options = new ImportOptions { BatchSize = batchSize };
        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true));
    }
}
