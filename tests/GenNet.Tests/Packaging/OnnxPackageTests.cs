using System.IO.Compression;
using System.Xml.Linq;

namespace GenNet.Tests.Packaging;

/// <summary>The GenNet.Onnx package describes itself on the package page: a readme, and a description of both directions.</summary>
[Collection(PackagingTests.Name)]
[Trait("Category", "Packaging")]
public class OnnxPackageTests(PackageFeed feed)
{
    [Fact]
    public void The_onnx_package_carries_its_readme_and_a_description_of_import_and_export()
    {
        using var package = ZipFile.OpenRead(feed.Package("GenNet.Onnx"));
        var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

        string readme = Field("readme");
        readme.ShouldNotBeEmpty("the package names no readme");
        var entry = package.GetEntry(readme);
        entry.ShouldNotBeNull($"the package names {readme} as its readme but does not hold it");
        using (var reader = new StreamReader(entry.Open()))
            reader.ReadToEnd().ShouldContain("OnnxImport");

        Field("description").ShouldContain("import", Case.Insensitive);
        Field("description").ShouldContain("export", Case.Insensitive);
    }
}
