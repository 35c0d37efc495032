using System.Reflection;
using System.Runtime.Loader;

namespace IBeam.Engine.TwoFactor;

/// <summary>
/// The load context of an operator's handler assembly: its own dependencies (found through its
/// .deps.json) load beside it, everything else comes from the host. IBeam.Engine always comes
/// from the host, even when the handler's folder holds a copy: a second copy would make its
/// <see cref="ICustomTwoFactorHandler"/> another type, and the handler would not fit the contract.
/// </summary>
internal sealed class CustomHandlerLoadContext(string assemblyPath)
    : AssemblyLoadContext($"IBEAM_CUSTOM_TWO_FA_HANDLER {Path.GetFileName(assemblyPath)}")
{
    private static readonly Assembly Contract = typeof(ICustomTwoFactorHandler).Assembly;

    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, Contract.GetName().Name, StringComparison.OrdinalIgnoreCase))
        {
            return Contract;
        }

        // Null falls back to the host's context: framework assemblies and those the handler did not ship.
        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
