namespace KnowledgeGraph.Api.Hosting;

/// <summary>A setting the service cannot start with (a signing key too short, …): reported in one line, exit code 2.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
