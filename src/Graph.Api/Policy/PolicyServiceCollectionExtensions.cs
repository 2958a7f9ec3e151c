using KnowledgeGraph.Api.Hosting;
using KnowledgeGraph.Domain.Errors;
using KnowledgeGraph.Domain.Policy;

namespace KnowledgeGraph.Api.Policy;

/// <summary>Registers the indicator targets: the file <c>Policy:TargetsFile</c> names, else the seeds' targets shipped with the service.</summary>
public static class PolicyServiceCollectionExtensions
{
    /// <summary>The setting that names a targets file.</summary>
    public const string TargetsFileKey = "Policy:TargetsFile";

    public static IServiceCollection AddPolicyTargets(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[TargetsFileKey];
        if (string.IsNullOrWhiteSpace(path))
            return services.AddSingleton(IndicatorTargets.Shipped);
        try
        {
            // Read at start: a wrong file stops the service with the line at fault rather than answering without targets.
            return services.AddSingleton(IndicatorTargets.Load(Path.GetFullPath(path)));
        }
        catch (InvalidInputException e)
        {
            throw new StartupConfigurationException($"{TargetsFileKey}: {e.Message}");
        }
    }
}
