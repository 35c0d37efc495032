using IBeam.Engine.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IBeam.Engine.Data.Configurations;

internal sealed class LogEntryConfiguration : IEntityTypeConfiguration<LogEntry>
{
    public void Configure(EntityTypeBuilder<LogEntry> builder)
    {
        builder.ToTable("Logs");
        builder.HasKey(l => l.Id);
        builder.HasIndex(l => l.Timestamp);
        builder.HasIndex(l => new { l.Level, l.Timestamp });
    }
}
