using System.Globalization;
using GenNet.Datasets;

namespace GenNet.Browser.Tests;

/// <summary>
/// The published browser sample in headless chromium: it loads cleanly, classifies drawn digits as this process
/// does, trains the flower while the page keeps drawing, and measures its speed.
/// </summary>
public sealed class BrowserSampleTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    /// <summary>The drawing's side in the page and its pen: 16 pixels, two cells of the data set's 32×32 grid.</summary>
    private const int Side = 256, Pen = 16, PenCells = Side / Pen;

    [Fact]
    public async Task Drawn_digits_are_classified_as_this_process_classifies_their_8x8_image()
    {
        await using var page = await AppPage.OpenAsync(app);
        output.WriteLine($"published in {app.PublishTime.TotalSeconds:F0} s; {await app.Browser.GetVersionAsync()}");
        var digits = ClassicDatasets.Digits(Path.Combine(AppContext.BaseDirectory, "data"));
        var network = new DigitsPredictor();
        int strokes = 0;

        foreach (int digit in new[] { 0, 3, 4, 7 })
        {
            int example = Array.IndexOf(digits.Labels, digit);
            bool[,] ink = PenCellsOf(digits.Features.AsSpan(example * 64, 64));
            await page.Page.ClickAsync("#clear");
            await page.WaitForAsync("document.querySelector('#digit-class').textContent.trim() === '–'");
            strokes += await DrawAsync(page, ink);
            await page.WaitForAsync($"Number(document.querySelector('#digits').dataset.strokes) === {strokes}");

            // The page turned the drawing into the counts the pen cells make: 4 per cell (2×2 of the 32×32 grid).
            float[] pixels = [.. (await page.AttributeAsync("#digit-input", "data-pixels")).Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture))];
            pixels.ShouldBe(CountsOf(ink), $"the 8×8 image of the drawn {digit}");

            var expected = new float[10];
            network.Predict(pixels, expected);
            var shown = new float[10];
            for (int d = 0; d < 10; d++)
                shown[d] = (float)await page.NumberAsync($".bar[data-digit='{d}']", "data-probability");
            output.WriteLine($"drawn {digit} (example {example}): page says {await ClassAsync(page)}, probabilities {string.Join(" ", shown.Select(p => p.ToString("F3", CultureInfo.InvariantCulture)))}");
            for (int d = 0; d < 10; d++)
                shown[d].ShouldBe(expected[d], 1e-5, $"probability of {d} for the drawn {digit}");
            (await ClassAsync(page)).ShouldBe(Array.IndexOf(expected, expected.Max()));
            if (digit == 4)
                await page.ScreenshotAsync("drawn-digit");
        }
        page.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Training_lowers_the_cost_and_colours_each_petal_with_its_class()
    {
        await using var page = await AppPage.OpenAsync(app);
        await page.Page.SelectAsync("#hidden", "4");
        await page.Page.SelectAsync("#activation", "Tanh");
        await page.Page.SelectAsync("#learning-rate", "1.2");
        await page.Page.ClickAsync("#train");

        // The page draws between chunks of training: the iteration count is seen part way, more than once.
        var seen = new HashSet<int>();
        while (await page.AttributeAsync("#train-status", "data-training") == "yes" || seen.Count == 0)
        {
            int iterations = (int)await page.NumberAsync("#train-status", "data-iterations");
            if (iterations is > 0 and < 5000)
                seen.Add(iterations);
            await Task.Delay(100);
        }
        await page.ScreenshotAsync("trained-flower");
        seen.Count.ShouldBeGreaterThan(1, "the page should redraw while it trains");
        (await page.NumberAsync("#train-status", "data-iterations")).ShouldBe(5000);

        // Weights of randn·0.01 make every output about ½: the first cost is about ln 2.
        double first = await page.NumberAsync("#train-status", "data-first-cost"), last = await page.NumberAsync("#train-status", "data-last-cost");
        output.WriteLine($"cost {first:F4} → {last:F4} after 5000 iterations; intermediate counts seen: {seen.Count}");
        first.ShouldBe(Math.Log(2), 0.01);
        last.ShouldBeLessThan(0.4);

        // The middle of each of the rose r = 4 sin 4t's eight petals: angles t from 0 to 3.12 give class 0, the rest class 1.
        for (int k = 0; k < 8; k++)
        {
            double t = Math.PI / 8 + k * Math.PI / 4, r = 3 * Math.Sign(Math.Sin(4 * t));
            double x1 = r * Math.Sin(t), x2 = r * Math.Cos(t);
            int label = t < 3.12 ? 0 : 1;
            int[] rgb = await RegionColorAsync(page, x1, x2);
            output.WriteLine($"petal {k} at ({x1:F2}, {x2:F2}), class {label}: rgb({string.Join(",", rgb)})");
            // Class 0's region is a tint of blue, class 1's a tint of orange.
            (label == 0 ? rgb[2] > rgb[0] : rgb[0] > rgb[2]).ShouldBeTrue($"petal {k} at ({x1:F2}, {x2:F2}) should be in class {label}'s colour, but it is rgb({string.Join(",", rgb)})");
        }
        page.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_speed_panel_times_every_engine_and_threads_are_refused_clearly()
    {
        await using var page = await AppPage.OpenAsync(app);
        (await page.Page.EvaluateExpressionAsync<string>("document.querySelector('#simd').textContent")).ShouldContain("yes");
        await page.Page.ClickAsync("#measure");
        await page.WaitForAsync("document.querySelector('#speed-status').dataset.state !== 'measuring'");
        await page.ScreenshotAsync("speed");
        (await page.AttributeAsync("#speed-status", "data-state")).ShouldBe("done", await page.Page.EvaluateExpressionAsync<string>("document.querySelector('#speed-status').textContent"));

        foreach (string network in new[] { "digits", "flower" })
        {
            var row = new Dictionary<string, double>();
            foreach (string engine in new[] { "generated", "dynamic", "onnx" })
            {
                row[engine] = await page.NumberAsync($"#speed-{network} .{engine}", "data-microseconds");
                row[engine].ShouldBeInRange(1e-4, 1e5, $"{network}, {engine}: µs per call");
            }
            // onnxruntime-web ran the exported network: it gives what GenNet gives.
            (await page.NumberAsync($"#speed-{network} .onnx", "data-max-difference")).ShouldBeLessThan(1e-5);
            output.WriteLine($"{network}: generated {row["generated"]:F3} µs, DynamicNetwork {row["dynamic"]:F3} µs, onnxruntime-web {row["onnx"]:F1} µs per call " +
                             $"(onnxruntime-web ÷ generated: {row["onnx"] / row["generated"]:F2})");
        }
        output.WriteLine(await page.Page.EvaluateExpressionAsync<string>("document.querySelector('#speed-environment').textContent"));
        output.WriteLine(await app.Browser.GetVersionAsync());
        (await page.AttributeAsync("#threads", "data-exception")).ShouldBe("PlatformNotSupportedException");
        page.Problems.ShouldBeEmpty();
    }

    /// <summary>
    /// The pen cells (16 × 16, each 2×2 cells of the 32×32 grid) that reproduce <paramref name="image"/> as nearly
    /// as a pen two grid cells wide can: of each pixel's 2×2 pen cells, its count / 4 rounded are inked.
    /// </summary>
    private static bool[,] PenCellsOf(ReadOnlySpan<float> image)
    {
        var ink = new bool[PenCells, PenCells];
        for (int row = 0; row < 8; row++)
        {
            for (int column = 0; column < 8; column++)
            {
                int inked = (int)Math.Round(image[row * 8 + column] / 4, MidpointRounding.AwayFromZero);
                for (int k = 0; k < inked; k++)
                    ink[2 * row + k / 2, 2 * column + k % 2] = true;
            }
        }
        return ink;
    }

    /// <summary>The 8×8 counts the inked pen cells make: 4 of the 32×32 grid's cells each.</summary>
    private static float[] CountsOf(bool[,] ink)
    {
        var counts = new float[64];
        for (int row = 0; row < PenCells; row++)
            for (int column = 0; column < PenCells; column++)
                if (ink[row, column])
                    counts[row / 2 * 8 + column / 2] += 4;
        return counts;
    }

    /// <summary>Draws each row's runs of inked pen cells as one horizontal stroke each, as a mouse would; returns the strokes drawn.</summary>
    private static async Task<int> DrawAsync(AppPage page, bool[,] ink)
    {
        double[] origin = await page.Page.EvaluateExpressionAsync<double[]>(
            "(() => { const c = document.querySelector('#ink'), b = c.getBoundingClientRect(); return [b.left + c.clientLeft, b.top + c.clientTop]; })()");
        int strokes = 0;
        for (int row = 0; row < PenCells; row++)
        {
            for (int start = 0; start < PenCells; start++)
            {
                if (!ink[row, start])
                    continue;
                int end = start;
                while (end + 1 < PenCells && ink[row, end + 1])
                    end++;
                // From the first cell's centre to the last's, half a pixel further each way so that no stroke has length 0;
                // the round caps reach the cells' edges.
                decimal y = (decimal)origin[1] + row * Pen + Pen / 2;
                await page.Page.Mouse.MoveAsync((decimal)origin[0] + start * Pen + Pen / 2 - 0.5m, y);
                await page.Page.Mouse.DownAsync();
                await page.Page.Mouse.MoveAsync((decimal)origin[0] + end * Pen + Pen / 2 + 0.5m, y);
                await page.Page.Mouse.UpAsync();
                strokes++;
                start = end;
            }
        }
        return strokes;
    }

    private static async Task<int> ClassAsync(AppPage page) =>
        int.Parse(await page.Page.EvaluateExpressionAsync<string>("document.querySelector('#digit-class').textContent.trim()"), CultureInfo.InvariantCulture);

    /// <summary>The colour of the regions picture at the point (x₁, x₂): the page draws [−5, 5]² on its 300 × 300 canvas, x₂ upwards.</summary>
    private static Task<int[]> RegionColorAsync(AppPage page, double x1, double x2)
    {
        int x = (int)((x1 + 5) / 10 * 300), y = (int)((5 - x2) / 10 * 300);
        return page.Page.EvaluateFunctionAsync<int[]>(
            "(x, y) => Array.from(document.querySelector('#regions').getContext('2d').getImageData(x, y, 1, 1).data.slice(0, 3))", x, y);
    }
}
