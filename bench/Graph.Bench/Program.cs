using KnowledgeGraph.Bench;

return await BenchCommandLine.RunAsync(args);
