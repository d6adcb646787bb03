using CrmLive.Domain.Deals;
using CrmLive.Infrastructure.Deals;

namespace CrmLive.Web.Components.Deals;

/// <summary>A card dropped on the board: where it went, between which of the cards shown (null at either end).</summary>
public sealed record DealMove(DealCard Deal, DealStage To, Guid? AboveId, Guid? BelowId);
