// The same in the app with networks and the one without, so that the two builds differ only by the
// attributes in Networks.cs.
System.Console.WriteLine("GenNet build-time sample");
