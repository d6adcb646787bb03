namespace CrmLive.Web.Widget;

/// <summary>
/// A fictional shop's homepage that embeds the widget with one script tag. Its CSS is deliberately heavy-handed
/// (global fonts, colours, button styles) to show that none of it reaches the widget.
/// </summary>
internal static class DemoPage
{
    public const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Northwind Outfitters — gear for every trail</title>
          <style>
            * { font-family: Georgia, "Times New Roman", serif; color: #333; margin: 0; padding: 0; box-sizing: border-box; }
            button { background: hotpink; border: 3px dashed black; font-size: 20px; }
            div { line-height: 2; }
            body { background: #FAF7F2; }
            header { display: flex; align-items: center; justify-content: space-between; padding: 18px 40px; background: #1F3A2E; }
            header * { color: #F5EBDD; }
            header nav a { margin-left: 24px; text-decoration: none; font-size: 15px; }
            .logo { font-size: 22px; font-weight: bold; letter-spacing: .5px; }
            .hero { padding: 80px 40px; background: linear-gradient(120deg, #2F5D4A, #1F3A2E); }
            .hero * { color: #fff; }
            .hero h1 { font-size: 44px; max-width: 640px; line-height: 1.15; }
            .hero p { font-size: 18px; margin-top: 16px; max-width: 560px; opacity: .9; }
            .hero button { margin-top: 28px; padding: 12px 26px; }
            .products { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 24px; padding: 48px 40px; }
            .card { background: #fff; border-radius: 10px; padding: 20px; box-shadow: 0 2px 10px rgba(0,0,0,.06); }
            .card .img { height: 140px; border-radius: 8px; margin-bottom: 14px; }
            .card h3 { font-size: 18px; }
            .card .price { margin-top: 6px; font-weight: bold; color: #2F5D4A; }
            footer { padding: 32px 40px 120px; font-size: 13px; color: #777; }
            footer .account { margin-top: 10px; } footer a { color: #2F5D4A; }
            @media (max-width: 600px) { header, .hero, .products, footer { padding-left: 18px; padding-right: 18px; } .hero h1 { font-size: 30px; } header nav { display: none; } }
          </style>
        </head>
        <body>
          <header>
            <div class="logo">Northwind Outfitters</div>
            <nav><a href="#">Shop</a><a href="#">Trail guides</a><a href="#">Stores</a><a href="#">Help</a></nav>
          </header>
          <section class="hero">
            <h1>Gear for every trail, delivered in two days.</h1>
            <p>Rain jackets, trail runners and merino layers tested on real mountains. Free returns within 30 days.</p>
            <button type="button">Shop the autumn collection</button>
          </section>
          <section class="products">
            <div class="card"><div class="img" style="background:#C8D5B9"></div><h3>Trail running shoes</h3><div class="price">€129</div></div>
            <div class="card"><div class="img" style="background:#8FC0A9"></div><h3>Rain jacket</h3><div class="price">€189</div></div>
            <div class="card"><div class="img" style="background:#68B0AB"></div><h3>Merino base layer</h3><div class="price">€79</div></div>
            <div class="card"><div class="img" style="background:#4A7C59"></div><h3>Hiking backpack 30L</h3><div class="price">€149</div></div>
          </section>
          <footer>Northwind Outfitters is a demo shop for CrmLive. Questions? Use the chat bubble in the corner.
            <div class="account">{{ACCOUNT}}</div></footer>
          <script src="{{ORIGIN}}/widget.js" data-inbox="{{INBOX}}"{{IDENTITY}} async></script>
        </body>
        </html>
        """;
}
