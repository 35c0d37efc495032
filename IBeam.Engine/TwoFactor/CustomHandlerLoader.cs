using System.Reflection;

namespace IBeam.Engine.TwoFactor;

/// <summary>What loading the custom handler gave: the handler, or one problem naming IBEAM_CUSTOM_TWO_FA_HANDLER.</summary>
public sealed record CustomHandlerLoad(ICustomTwoFactorHandler? Handler, string? Error);

/// <summary>
/// Finds, loads and creates the class named by IBEAM_CUSTOM_TWO_FA_HANDLER (MODULE_NAME.CLASS_NAME:
/// MODULE_NAME.dll in the inputs folder, a class in it), with IBeam's errors for a missing module,
/// a missing class and a class that does not fit the contract.
/// </summary>
/// <remarks>
/// A load is kept per file version: start-up validation and every settings reload ask again, and
/// an assembly, once loaded, stays loaded; a replaced DLL (new write time) is loaded afresh.
/// </remarks>
public sealed class CustomHandlerLoader
{
    private const string Variable = "IBEAM_CUSTOM_TWO_FA_HANDLER";
    private const string Contract = "IBeam.Engine.TwoFactor.ICustomTwoFactorHandler";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Path, DateTime Written, string Class), CustomHandlerLoad> _loads = [];

    public CustomHandlerLoad Load(string spec, string inputsDirectory)
    {
        spec = spec.Trim();
        var lastDot = spec.LastIndexOf('.');
        if (lastDot <= 0 || lastDot == spec.Length - 1 || spec.IndexOfAny(['/', '\\']) >= 0)
        {
            return Failed($"{Variable} must be MODULE_NAME.CLASS_NAME (an assembly MODULE_NAME.dll in IBEAM_INPUTS_DIR and a class in it), not '{spec}'.");
        }

        if (Locate(spec, inputsDirectory) is not { } located)
        {
            var missing = spec[..lastDot];
            return Failed($"{Variable} is '{spec}': Module '{missing}' not found; there is no {missing}.dll in IBEAM_INPUTS_DIR ({Path.GetFullPath(inputsDirectory)}). " +
                          "Give the MODULE_NAME.CLASS_NAME of your custom handler: the assembly's file name without .dll, a dot, and the class.");
        }

        var (module, className, path) = located;
        var key = (path, File.GetLastWriteTimeUtc(path), className);
        lock (_gate)
        {
            if (!_loads.TryGetValue(key, out var load))
            {
                load = Create(spec, module, className, path);
                _loads[key] = load;
            }

            return load;
        }
    }

    /// <summary>The longest MODULE_NAME with a DLL wins, so dotted assembly names and namespace-qualified classes both work.</summary>
    private static (string Module, string Class, string Path)? Locate(string spec, string inputsDirectory)
    {
        for (var dot = spec.LastIndexOf('.'); dot > 0; dot = spec.LastIndexOf('.', dot - 1))
        {
            var path = Path.GetFullPath(Path.Combine(inputsDirectory, spec[..dot] + ".dll"));
            if (File.Exists(path))
            {
                return (spec[..dot], spec[(dot + 1)..], path);
            }
        }

        return null;
    }

    private static CustomHandlerLoad Create(string spec, string module, string className, string path)
    {
        var prefix = $"{Variable} is '{spec}': ";
        Assembly assembly;
        try
        {
            assembly = new CustomHandlerLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or InvalidOperationException)
        {
            return Failed($"{prefix}Module '{module}' ({path}) is not a .NET assembly IBeam can load: {e.Message}");
        }

        var types = TypesOf(assembly);
        var matches = types.Where(t => t.FullName == className).ToList();
        if (matches.Count == 0)
        {
            matches = types.Where(t => t.Name == className && !t.IsNested).ToList();
        }

        if (matches.Count == 0)
        {
            var fitting = types.Where(Fits).Select(t => t.FullName).ToList();
            return Failed($"{prefix}Module '{module}' has no class '{className}'. " + (fitting.Count > 0
                ? $"Its classes implementing {Contract}: {string.Join(", ", fitting)}."
                : $"None of its classes implements {Contract}."));
        }

        if (matches.Count > 1)
        {
            return Failed($"{prefix}Module '{module}' has several classes named '{className}' ({string.Join(", ", matches.Select(t => t.FullName))}); give the namespace-qualified one, such as {module}.{matches[0].FullName}.");
        }

        var type = matches[0];
        if (!typeof(ICustomTwoFactorHandler).IsAssignableFrom(type))
        {
            return Failed($"{prefix}class '{type.FullName}' does not implement {Contract}, the contract of a custom handler (see the README's CUSTOM_HANDLER).");
        }

        if (!Fits(type))
        {
            return Failed($"{prefix}class '{type.FullName}' cannot be created: a custom handler must be a non-abstract, non-generic class with a public constructor without parameters.");
        }

        try
        {
            return new CustomHandlerLoad((ICustomTwoFactorHandler)Activator.CreateInstance(type)!, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            return Failed($"{prefix}creating class '{type.FullName}' failed: {inner.GetType().Name}: {inner.Message}");
        }
    }

    private static bool Fits(Type type) =>
        typeof(ICustomTwoFactorHandler).IsAssignableFrom(type) && type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                                                              && type.GetConstructor(Type.EmptyTypes) is { IsPublic: true };

    /// <summary>Every type that could be loaded; one whose own dependency is missing is left out rather than failing the rest.</summary>
    private static Type[] TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>().ToArray();
        }
    }

    private static CustomHandlerLoad Failed(string error) => new(null, error);
}
