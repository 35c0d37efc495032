using IBeam.Engine.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IBeam.Engine.Data.Configurations;

internal sealed class LockoutRecordConfiguration : IEntityTypeConfiguration<LockoutRecord>
{
    public void Configure(EntityTypeBuilder<LockoutRecord> builder)
    {
        builder.ToTable("Lockout");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
    }
}

internal sealed class LockoutEventConfiguration : IEntityTypeConfiguration<LockoutEvent>
{
    public void Configure(EntityTypeBuilder<LockoutEvent> builder)
    {
        builder.ToTable("LockoutEvents");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.At);
    }
}
