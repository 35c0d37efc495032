using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IBeam.Engine.Data;

/// <summary>Stores a DateTime as its UTC ticks and reads it back as UTC.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTime, long>(
    value => value.ToUniversalTime().Ticks,
    ticks => new DateTime(ticks, DateTimeKind.Utc));
