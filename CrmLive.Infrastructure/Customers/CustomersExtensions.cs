using CrmLive.Infrastructure.Companies;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Notes;
using CrmLive.Infrastructure.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Customers;

public static class CustomersExtensions
{
    /// <summary>Customer and company records: lists and 360 reads, edits, notes, custom fields, saved views, bulk actions.</summary>
    public static IHostApplicationBuilder AddCustomers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StaffDirectory>();
        builder.Services.AddSingleton<CustomerQueries>();
        builder.Services.AddSingleton<CustomerEditor>();
        builder.Services.AddSingleton<RecordExtras>();
        builder.Services.AddSingleton<CompanyQueries>();
        builder.Services.AddSingleton<CompanyEditor>();
        builder.Services.AddSingleton<CustomAttributeCatalog>();
        builder.Services.AddSingleton<CustomerBulkActions>();
        builder.Services.AddSingleton<CustomerCsvExport>();
        builder.Services.AddSingleton<CompanyCsvExport>();
        builder.Services.AddSingleton<CompanyBulkActions>();
        builder.Services.AddSingleton<NoteService>();
        builder.Services.AddSingleton<OrderService>();
        builder.Services.AddSingleton<SavedViews>();
        return builder;
    }
}
