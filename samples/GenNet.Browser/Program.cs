// GenNet in a web page: .NET runs on WebAssembly in the browser, and the networks GenNet generates run
// in it as they run anywhere else, with nothing native to load.
using GenNet.Browser;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
await builder.Build().RunAsync();
